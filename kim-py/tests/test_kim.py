"""pytest for the kim Python package (warnings are errors, see pyproject.toml)."""

from __future__ import annotations

import datetime
import pathlib
import pickle
import sys

import kim
import pytest

DATA = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data"
D = datetime.date(2025, 6, 30)


@pytest.fixture(scope="module")
def registry() -> kim.Registry:
    return kim.Registry.from_json((DATA / "kim_sample.json").read_text(encoding="utf-8"))


def test_reference_official_counts() -> None:
    ref = kim.Reference.embedded()
    c = ref.counts()
    assert (c["provinsi"], c["kabupaten"], c["kota"], c["kecamatan"]) == (38, 416, 98, 7285)
    assert (c["kelurahan"], c["desa"], c["desa_adat"], c["villages"]) == (8496, 75252, 14, 83762)
    kukar = ref.counts("64.02")
    assert (kukar["kecamatan"], kukar["desa"], kukar["kelurahan"]) == (20, 193, 44)
    assert ref.get("64.02") == {
        "code": "64.02",
        "name": "Kabupaten Kutai Kartanegara",
        "level": "kab_kota",
        "parent": "64",
        "counts": {
            "provinsi": 0,
            "kabupaten": 0,
            "kota": 0,
            "kecamatan": 20,
            "kelurahan": 44,
            "desa": 193,
            "desa_adat": 0,
            "villages": 237,
        },
        "code_list_version": "kepmendagri-300.2.2-2138-2025",
    }
    assert ref.get("64.02.01.2999") is None
    assert len(ref.children("64.02")) == 20
    assert "kepmendagri-300.2.2-2138-2025" in repr(ref)


def test_name_matching() -> None:
    ref = kim.Reference.embedded()
    m = ref.match_name("Perian", within="64.02.01")
    assert m[0]["code"] == "64.02.01.2001" and m[0]["kind"] == "exact"
    r = ref.resolve_place("Desa Perian, Kec. Muara Muntai, Kukar")
    assert r["resolution"] == "unique" and r["match"]["code"] == "64.02.01.2001"
    assert ref.resolve_place("Malang")["resolution"] == "ambiguous"


def test_bad_codes_raise_typed_errors() -> None:
    ref = kim.Reference.embedded()
    with pytest.raises(kim.CodeError) as e:
        ref.get("64.02.99.9999")
    assert isinstance(e.value, ValueError) and isinstance(e.value, kim.KimError)
    with pytest.raises(kim.ArgumentError):
        ref.counts("64.02.01.2999")


def test_custom_reference_from_csv(tmp_path: pathlib.Path) -> None:
    good = tmp_path / "list.csv"
    good.write_text(
        "code,name\n64,Kaltim\n64.02,Kab Kukar\n64.02.01,Muara Muntai\n64.02.01.2001,Perian\n", encoding="utf-8"
    )
    ref = kim.Reference.from_csv(good, version="mine")
    assert ref.version == "mine" and len(ref) == 4
    assert pickle.loads(pickle.dumps(ref)).version == "mine"
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name\n64.0x,Rusak\n", encoding="utf-8")
    with pytest.raises(kim.CodeListError) as e:
        kim.Reference.from_csv(bad)
    assert e.value.errors()[0]["line"] == 2 and e.value.errors()[0]["field"] == "code"


def test_registry_from_records_raises_with_every_bad_row() -> None:
    rows = [
        {
            "id": "K1",
            "name": "KIM Perian",
            "desa": "Perian",
            "kecamatan": "Muara Muntai",
            "kab_kota": "Kukar",
            "status": "active",
            "status_date": D,
        },
        {"id": "K2", "name": "KIM X", "seat": "64.02.99.9999", "status": "active", "status_date": "2024-01-01"},
        {
            "id": "K3",
            "name": "KIM Y",
            "seat": "64.02.01.2002",
            "sk_number": "1/2024",
            "sk_date": "2024-02-30",
            "sk_issuer": "kepala_desa",
        },
    ]
    with pytest.raises(kim.ValidationError) as e:
        kim.Registry.from_records(rows)
    errs = e.value.errors()
    assert [(x["line"], x["field"]) for x in errs] == [(2, "seat"), (3, "sk_date")]
    assert isinstance(e.value, ValueError)
    reg, bad = kim.Registry.from_records(rows, errors="collect")
    assert len(reg) == 1 and len(bad) == 2 and reg.ids() == ["K1"]
    assert reg.get("K1")["seat"] == "64.02.01.2001"
    with pytest.raises(kim.ArgumentError):
        kim.Registry.from_records(rows, errors="ignore")


def test_registry_from_csv_and_pandas() -> None:
    reg, bad = kim.Registry.from_csv(DATA / "kim_legacy.csv", members=DATA / "kim_legacy_members.csv", errors="collect")
    assert len(reg) == 12
    assert {(b["table"], b["field"]) for b in bad} == {("kims", "desa"), ("kims", "sk_date"), ("members", "nik")}
    nik_row = next(b for b in bad if b["field"] == "nik")
    assert "1399" not in nik_row["value"], "rejected NIKs are masked"
    pd = pytest.importorskip("pandas")
    df = pd.DataFrame(
        [
            {
                "id": "K1",
                "name": "KIM Perian",
                "seat": "64.02.01.2001",
                "status": "active",
                "status_date": "2024-01-01",
                "sk_number": None,
            }
        ]
    )
    assert len(kim.Registry.from_pandas(df)) == 1


def test_registry_records_mask_niks(registry: kim.Registry) -> None:
    assert len(registry) == 40
    recs = registry.to_records()
    assert recs[0]["members"][0]["nik"].count("*") == 10
    assert "**********" not in registry.to_json()
    assert "**********" in registry.to_json(for_logs=True)
    with pytest.warns(kim.PersonalDataWarning, match="full NIK"):
        again = pickle.loads(pickle.dumps(registry))
    assert again.to_json() == registry.to_json()


def test_validate_one_and_registry(registry: kim.Registry) -> None:
    r = kim.validate({"id": "K1", "name": "KIM Baru", "seat": "64.02.01"}, as_of=D)
    codes = {f["code"] for f in r.findings}
    assert not r.ok and {"KIM-F2-LEVEL", "KIM-F3-MISSING", "KIM-F4-MISSING"} <= codes
    assert r.as_of == D and r.profiles == ["permenkominfo-4-2024", "overlay-6402-kutai-kartanegara"]
    old = kim.validate({"id": "K1", "name": "KIM Baru", "seat": "64.02.01.2001"}, as_of=datetime.date(2019, 5, 1))
    assert old.profiles == ["permenkominfo-8-2010"]
    reports = kim.validate(registry, as_of=D)
    assert len(reports) == 40 and sum(not x.ok for x in reports) == 4
    assert any(f["code"] == "KIM-L-6402-NO-PNS" for f in reports[1].findings)
    assert pickle.loads(pickle.dumps(reports[1])).to_dict() == reports[1].to_dict()
    assert "ok=False" in repr(reports[1])
    with pytest.raises(kim.ProfileError):
        kim.validate({"id": "K1", "name": "x", "seat": "64.02.01.2001"}, profile="nope", as_of=D)
    with pytest.raises(kim.ProfileError):
        kim.validate({"id": "K1", "name": "x", "seat": "64.02.01.2001"}, as_of=datetime.date(2009, 1, 1))
    with pytest.raises(kim.JsonError):
        kim.validate({"id": "K1"}, as_of=D)
    pytest.importorskip("pandas")
    df = r.to_pandas()
    assert list(df.columns)[:4] == ["kim_id", "as_of", "code", "severity"] and len(df) == len(r.findings)


def test_profiles_listed() -> None:
    ids = [p["id"] for p in kim.profiles()]
    assert ids[:2] == ["permenkominfo-8-2010", "permenkominfo-4-2024"] and "overlay-3578-surabaya" in ids


def test_coverage_kukar(registry: kim.Registry) -> None:
    t = kim.coverage(registry, level="kecamatan", within="64.02", as_of=D)
    assert len(t) == 20 and t.as_of == D and t.code_list_version == "kepmendagri-300.2.2-2138-2025"
    assert (t.total["villages"], t.total["villages_with_kim"], t.total["kecamatan_with_kim"], t.total["n_kim"]) == (
        237,
        32,
        14,
        36,
    )
    assert "kepmendagri-300.2.2-2138-2025" in t._repr_html_() and "2025-06-30" in t._repr_html_()
    assert pickle.loads(pickle.dumps(t)).total == t.total
    g = kim.gaps(registry, within="64.02", as_of=D)
    assert len(g["villages"]) == 205 and len(g["kecamatan"]) == 6
    s = kim.coverage_series(registry, start=datetime.date(2024, 1, 1), end=D, within="64.02")
    assert len(s) == 18 and s[-1]["date"] == D and s[-1]["villages_with_kim"] == 32
    with pytest.raises(kim.ArgumentError):
        kim.coverage(registry, level="provinsi", within="64.02")
    with pytest.raises(kim.ArgumentError):
        kim.coverage_series(registry)


def test_coverage_to_pandas_and_arrow(registry: kim.Registry) -> None:
    t = kim.coverage(registry, within="64.02", as_of=D)
    pytest.importorskip("pandas")
    df = t.to_pandas()
    assert len(df) == 20 and df["villages"].sum() == 237 and df["villages_with_kim"].sum() == 32
    assert list(df.columns) == list(t.to_records()[0].keys()), "columnar and record exports share the core's columns"
    records = t.to_records()
    for col in ("villages", "n_kim", "village_ratio", "kelurahan_ratio", "code", "as_of", "code_list_version"):
        got = [None if v != v else v for v in df[col].tolist()]  # NaN (undefined ratio) as None, like the records
        assert got == [r[col] for r in records], col
    assert str(df["n_kim"].dtype) == "int64" and str(df["village_ratio"].dtype) == "float64"
    df.loc[0, "n_kim"] = 99  # the numeric columns are writable
    pa = pytest.importorskip("pyarrow")
    table = pa.table(t)
    assert table.num_rows == 20 and table.column_names == list(df.columns)
    assert table.to_pylist() == records, "the Arrow table carries the records, nulls included"
    assert str(table.schema.field("as_of").type) == "date32[day]" and str(table.schema.field("n_kim").type) == "int64"


def test_coverage_to_pandas_without_pyarrow(registry: kim.Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without pyarrow, to_pandas builds the same frame from numpy arrays and lists."""
    pd = pytest.importorskip("pandas")
    pytest.importorskip("pyarrow")
    t = kim.coverage(registry, within="64.02", as_of=D)
    via_arrow = t.to_pandas()
    national = kim.coverage(registry, as_of=D)  # includes rows with undefined ratios
    national_via_arrow = national.to_pandas()
    with monkeypatch.context() as m:
        m.setitem(sys.modules, "pyarrow", None)  # `import pyarrow` in to_pandas now raises ImportError
        without = t.to_pandas(), national.to_pandas()
    pd.testing.assert_frame_equal(without[0], via_arrow)
    pd.testing.assert_frame_equal(without[1], national_via_arrow)
    assert national_via_arrow["kelurahan_ratio"].isna().any(), "undefined ratios are NaN both ways"


def test_moderation() -> None:
    m = kim.Moderator.default()
    v = m.check("Main di s.l.o.t g4c0r, maxwin!")
    assert v.decision == "block" and "perjudian" in v.categories
    text = "Gotong royong di pantai"
    assert m.check(text).decision == "allow"
    many = m.check_many([text, "VIRAL SEBELUM DIHAPUS! Sebarkan!", "Usir orang Cina dari pasar!"])
    assert [x.decision for x in many] == ["allow", "hold", "hold"] and many[1].fact_check
    assert kim.redact("NIK 6402014101900001") == "NIK 6402**********01"
    assert pickle.loads(pickle.dumps(v)).to_dict() == v.to_dict()
    assert pickle.loads(pickle.dumps(m)).check(text).decision == "allow"
    # Spans are byte offsets into the UTF-8 text.
    src = b"Main di s.l.o.t g4c0r, maxwin!"
    spans = [src[m["start"] : m["end"]].decode() for m in v.matches]
    assert {"s.l.o.t g4c0r", "maxwin"} <= set(spans)
    # `.matches` (built directly) equals the JSON-shaped `to_dict()["matches"]` for every kind of match.
    mixed = "Hubungi 0812-3456-7890, bit.ly/x bit.ly/x, orang Cina babi! VIRAL SEBELUM DIHAPUS! slot gacor"
    for verdict in m.check_many([mixed, *many_texts()]):
        assert verdict.matches == verdict.to_dict()["matches"]
    assert {x["action"] for x in m.check(mixed).matches} >= {"hold", "block"}


def test_the_default_moderator_has_the_hold_model() -> None:
    m, rules = kim.Moderator.default(), kim.Moderator.default(hold_model=False)
    assert (m.hold_model, rules.hold_model) == (True, False)
    assert m.version == "kim-default-2+hold-2026-12-06.6" and rules.version == m.lexicon_version == "kim-default-2"
    assert "hold model" in repr(m) and "hold model" not in repr(rules)
    # Written for this test: a health hoax in calm words that no rule names; the model holds it for a fact-check.
    text = (
        "Kabarnya air sumur di tiga dusun sudah tercemar limbah pabrik, warga disuruh berhenti minum, sebarkan ke grup."
    )
    v, r = m.check(text), rules.check(text)
    assert r.decision == "allow" and v.lexicon_version == m.version and r.lexicon_version == rules.version
    assert v.decision == "hold" and [x["rule_id"] for x in v.matches] == ["model-hold"]
    assert v.categories == ["hoaks"] and v.fact_check and v.matches[0]["parts"]
    # A second opinion on a block: news of a threat that one rule alone blocks is held, its match softened by the model;
    # a NIK still blocks.
    news = (
        "Seorang warga mengancam akan membakar balai desa lewat status Facebook karena namanya tidak masuk daftar "
        "penerima bantuan."
    )
    assert rules.check(news).decision == "block"
    v = m.check(news)
    assert v.decision == "hold" and all(x["action"] != "block" for x in v.matches)
    assert "hold-model" in {x.get("softened_by") for x in v.matches}
    assert m.check(news + " NIK 6402011203850001.").decision == "block"
    # Each keeps its setting through a pickle (for multiprocessing and joblib).
    assert pickle.loads(pickle.dumps(rules)).hold_model is False
    assert pickle.loads(pickle.dumps(m)).check(text).decision == "hold"
    # Pickles made before the hold model (state: the lexicon source alone) still load.
    tsv = "x\tkasar\tmedium\thold\tphrase\tkurang ajar\n"
    assert kim.Moderator._from_state(None).hold_model
    assert not kim.Moderator._from_state((tsv, "v", False)).hold_model
    assert kim.Moderator._from_state((tsv, "v", True)).version == "kim-default-2+v+hold-2026-12-06.6"


def many_texts() -> list[str]:
    corpus = pathlib.Path(__file__).resolve().parents[2] / "kim-core" / "tests" / "data" / "moderation_corpus.tsv"
    lines = corpus.read_text(encoding="utf-8").splitlines()
    return [line.split("\t", 2)[2] for line in lines if line and not line.startswith("#")]


def test_custom_lexicon(tmp_path: pathlib.Path) -> None:
    lex = tmp_path / "lokal.tsv"
    lex.write_text("lokal-1\tkasar\tmedium\thold\tphrase\tkurang ajar\n", encoding="utf-8")
    m = kim.Moderator.from_lexicon(lex)
    assert m.check("Dasar kurang ajar!").decision == "hold" and m.lexicon_version == "kim-default-2+lokal"
    assert pickle.loads(pickle.dumps(m)).lexicon_version == m.lexicon_version
    # Extending the shipped lexicon keeps the hold model unless asked; replacing it leaves the file's rules alone.
    assert m.hold_model and m.version == "kim-default-2+lokal+hold-2026-12-06.6"
    assert not kim.Moderator.from_lexicon(lex, hold_model=False).hold_model
    alone = kim.Moderator.from_lexicon(lex, extend=False)
    assert not alone.hold_model and alone.check("slot gacor").decision == "allow"
    assert kim.Moderator.from_lexicon(lex, extend=False, hold_model=True).hold_model
    assert pickle.loads(pickle.dumps(alone)).version == alone.version == "lokal"
    bad = tmp_path / "bad.tsv"
    bad.write_text("x\tnope\tmedium\thold\troot\tfoo\n", encoding="utf-8")
    with pytest.raises(kim.LexiconError) as e:
        kim.Moderator.from_lexicon(bad)
    assert e.value.errors()[0]["field"] == "category"
    with pytest.raises(kim.KimIOError):
        kim.Moderator.from_lexicon(tmp_path / "missing.tsv")


def test_classes_are_frozen(registry: kim.Registry) -> None:
    with pytest.raises(AttributeError):
        registry.inner = None  # type: ignore[attr-defined]


def test_verdicts_list_at_most_1000_matches_per_category_and_count_the_rest() -> None:
    m = kim.Moderator.default()
    v = m.check("slot gacor. " * 1200 + "NIK 6402014101900001")
    assert v.decision == "block" and v.categories == ["perjudian", "data_pribadi"]
    listed = sum(1 for x in v.matches if x["category"] == "perjudian")
    assert listed == 1000
    assert listed + v.omitted["perjudian"] == len(m.check("slot gacor. ").matches) * 1200
    assert "data_pribadi" not in v.omitted and any(x["rule_id"] == "pd-nik" for x in v.matches)
    assert v.to_dict()["omitted"] == [{"category": "perjudian", "count": v.omitted["perjudian"]}]
    assert m.check("slot gacor").omitted == {} and "omitted" not in m.check("slot gacor").to_dict()


def test_text_reversed_by_a_right_to_left_override_is_moderated_as_displayed() -> None:
    m = kim.Moderator.default()
    text = "promo \u202erocag tols\u202c hari ini"  # displays as "promo slot gacor hari ini"
    v = m.check(text)
    assert v.decision == "block"
    hit = next(x for x in v.matches if x["category"] == "perjudian")
    assert text.encode()[hit["start"] : hit["end"]].decode() == "rocag tols"
