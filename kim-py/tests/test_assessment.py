"""Pemetaan (Permenkominfo 4/2024 Pasal 24) and assessment from Python: the same verdicts as kim-core."""

from __future__ import annotations

import datetime
import json
import pathlib
import pickle

import kim
import pytest

DATA = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data"
D = datetime.date(2025, 6, 30)
START = datetime.date(2025, 1, 1)


@pytest.fixture(scope="module")
def registry() -> kim.Registry:
    return kim.Registry.from_json((DATA / "kim_sample.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sample() -> dict:
    return json.loads((DATA / "pemetaan_kukar.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def rubric() -> kim.Rubric:
    return kim.Rubric((DATA / "rubric_lomba_illustrative.json").read_text(encoding="utf-8"))


def test_ahp_saaty_house() -> None:
    # Saaty (1990), "How to make a decision: The Analytic Hierarchy Process", EJOR 48(1) 9-26: the house example's
    # criteria matrix; published CR 0.169 (rejected at 0.10), lambda_max 9.669.
    m = [
        [1, 5, 3, 7, 6, 6, 1 / 3, 1 / 4],
        [1 / 5, 1, 1 / 3, 5, 3, 3, 1 / 5, 1 / 7],
        [1 / 3, 3, 1, 6, 3, 4, 6, 1 / 5],
        [1 / 7, 1 / 5, 1 / 6, 1, 1 / 3, 1 / 4, 1 / 7, 1 / 8],
        [1 / 6, 1 / 3, 1 / 3, 3, 1, 1 / 2, 1 / 5, 1 / 6],
        [1 / 6, 1 / 3, 1 / 4, 4, 2, 1, 1 / 5, 1 / 6],
        [3, 5, 1 / 6, 7, 5, 5, 1, 1 / 2],
        [4, 7, 5, 8, 6, 6, 2, 1],
    ]
    with pytest.raises(kim.JsonError, match=r"CR = 0\.1691"):
        kim.ahp(m)
    a = kim.ahp(m, max_cr=0.2)
    assert round(a["lambda_max"], 4) == 9.6689
    assert [round(w, 3) for w in a["weights"]] == [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]
    with pytest.raises(kim.JsonError, match=r"matrix\[2\]\[0\]: not reciprocal"):
        kim.ahp([[1, 3, 5], [1 / 3, 1, 3], [1 / 4, 1 / 3, 1]])
    with pytest.raises(kim.JsonError, match="off Saaty's scale"):
        kim.ahp([[1, 12], [1 / 12, 1]])


def test_rubric(rubric: kim.Rubric) -> None:
    assert rubric.illustrative and rubric.ahp is not None and rubric.ahp["cr"] < 0.1
    assert abs(sum(rubric.weights) - 1) < 1e-9
    assert [c["id"] for c in rubric.criteria][:3] == ["administrasi", "pemanfaatan_media", "aktivitas_pokok"]
    assert pickle.loads(pickle.dumps(rubric)).to_dict() == rubric.to_dict()
    assert "illustrative" in repr(rubric)
    with pytest.raises(kim.JsonError, match="inconsistent"):
        rubric.with_max_cr(0.001)
    bad = rubric.to_dict()
    bad["criteria"][2]["scale"]["bands"][1]["from"] = 2
    with pytest.raises(kim.JsonError, match=r"criteria\[2\]\.scale\.bands\[1\]: gap"):
        kim.Rubric(bad)


def test_mapping_report(registry: kim.Registry, sample: dict) -> None:
    r = kim.mapping_report(registry, sample["mappings"], kab_kota="64.02", start=START, end=D)
    assert (r.mapped_kims, r.active_kims) == (31, 36)
    assert r.completeness == pytest.approx(31 / 36)
    assert {u["kim_id"] for u in r.unmapped} >= {"KIM-6402-011", "KIM-6402-014"}
    assert r.code_list_version == kim.Reference.embedded().version
    assert json.loads(r.to_json())["schema_version"] == 1
    df = r.to_pandas()
    assert list(df.columns)[:4] == ["section", "dimension", "value", "count"]
    assert set(df["section"]) == {"summary", "count", "unmapped", "priority"}
    assert "31/36" in repr(r)


def test_mapping_reports_of_a_province(registry: kim.Registry, sample: dict) -> None:
    reports = kim.mapping_reports_province(registry, sample["mappings"], provinsi="64", start=START, end=D)
    one = kim.mapping_report(registry, sample["mappings"], kab_kota="64.02", start=START, end=D)
    assert [r.to_dict()["kab_kota"] for r in reports] == ["64.02"]
    assert reports[0].to_dict() == one.to_dict()
    pa = pytest.importorskip("pyarrow")
    assert pa.table(reports[0]).num_rows == len(one.to_records())
    with pytest.raises(kim.ArgumentError, match="not a province"):
        kim.mapping_reports_province(registry, sample["mappings"], provinsi="64.02", start=START, end=D)


def test_mapping_authority(registry: kim.Registry, sample: dict) -> None:
    wrong = [dict(sample["mappings"][0], author={"kind": "dinas", "kab_kota": "64.03"})]
    with pytest.raises(kim.JsonError, match="PM1: the Dinas of 64.03"):
        kim.mapping_report(registry, wrong, kab_kota="64.02", start=START, end=D)
    prov = [dict(sample["mappings"][0], author={"kind": "provinsi", "provinsi": "64"})]
    with pytest.raises(kim.JsonError, match="PM1: province 64 cannot author"):
        kim.mapping_report(registry, prov, kab_kota="64.02", start=START, end=D)


def test_score_rank_classify(registry: kim.Registry, rubric: kim.Rubric) -> None:
    ids = [f"KIM-6402-{i:03d}" for i in (1, 2, 5, 23)]
    obs = {
        k: {
            "administrasi": 80,
            "pemanfaatan_media": 3,
            "aktivitas_pokok": 4,
            "pelanggaran_moderasi": 0,
            "temuan_validasi": 0,
        }
        for k in ids
    }
    obs["KIM-6402-001"]["administrasi"] = 100
    s = kim.score(rubric, obs)
    assert len(s) == 4
    frame = s.to_pandas()
    assert list(frame.columns)[:4] == ["kim_id", "total", "administrasi", "administrasi_contribution"]
    el = kim.eligibility(registry, as_of=D)
    ranking = kim.rank(s, registry, el)
    rows = [(r["kim_id"], r["rank"], r["tied"]) for r in ranking.rows]
    assert rows == [("KIM-6402-001", 1, False), ("KIM-6402-002", 2, True), ("KIM-6402-005", 2, True)]
    assert ranking.ties[0]["kim_ids"] == ["KIM-6402-002", "KIM-6402-005"]
    assert [u["kim_id"] for u in ranking.unranked] == ["KIM-6402-023"]
    df = ranking.to_pandas()
    assert abs(df[[c["id"] for c in rubric.criteria]].sum(axis=1) - df["total"]).max() < 1e-9
    assert kim.classify(df["total"][0]) == {
        "kind": "unclassified",
        "reason": "unclassified: no official national scheme",
    }
    scheme = {
        "name": "contoh",
        "provenance": "SK Kadis X 1/2025 (fictitious)",
        "tiers": [{"name": "A", "min_total": 0}],
    }
    assert kim.classify(50, scheme)["tier"] == "A"
    with pytest.raises(kim.JsonError, match="provenance"):
        kim.classify(50, dict(scheme, provenance=""))
    # A missing value is an error naming the KIM and the criterion, not a zero.
    del obs["KIM-6402-002"]["aktivitas_pokok"]
    with pytest.raises(kim.JsonError, match=r"observations\[KIM-6402-002\]\.aktivitas_pokok: missing value"):
        kim.score(rubric, obs)
    with pytest.raises(kim.ArgumentError, match="scope"):
        kim.rank(s, registry, el, scope="desa")  # type: ignore[arg-type]


def test_polars(registry: kim.Registry, rubric: kim.Rubric, sample: dict) -> None:
    pl = pytest.importorskip("polars")
    r = kim.mapping_report(registry, sample["mappings"], kab_kota="64.02", start=START, end=D)
    assert isinstance(r.to_polars(), pl.DataFrame)


def test_assess_in_one_call_with_kims_records(registry: kim.Registry, rubric: kim.Rubric) -> None:
    ids = [f"KIM-6402-{i:03d}" for i in (1, 2, 5, 23)]
    jury = {k: {"administrasi": 80, "pemanfaatan_media": 3, "aktivitas_pokok": 4} for k in ids}
    # The two fed criteria, by hand: no removal (no cases), validation errors counted on the date.
    reports = {r.kim_id: r for r in kim.validate(registry, as_of=D)}
    by_hand = {
        k: {
            **v,
            "pelanggaran_moderasi": 0,
            "temuan_validasi": sum(f["severity"] == "error" for f in reports[k].findings),
        }
        for k, v in jury.items()
    }
    s = kim.score(rubric, by_hand)
    ranking = kim.rank(s, registry, kim.eligibility(registry, as_of=D))
    scores, ranked, classes = kim.assess(rubric, registry, jury, as_of=D, cases=[], validation=True)
    assert scores.to_records() == s.to_records()
    assert ranked.to_records() == ranking.to_records()
    assert len(classes) == len(ranked) and all(c["kind"] == "unclassified" for c in classes)
    # Without the records the fed criteria are missing values, never 0.
    with pytest.raises(kim.JsonError, match="pelanggaran_moderasi"):
        kim.assess(rubric, registry, jury, as_of=D)
    with pytest.raises(kim.JsonError, match=r"cases\[0\]: "):
        kim.assess(rubric, registry, jury, as_of=D, cases=[{"id": "C1"}], validation=True)
    with pytest.raises(kim.ArgumentError, match="period"):
        kim.assess(rubric, registry, jury, as_of=D, cases=[], validation=True, period=(D, START))


def test_assess_forum_and_pembinaan_feeds() -> None:
    kims = kim.Registry.from_json((DATA / "forum_kukar_kims.json").read_text(encoding="utf-8"))
    forums = kim.Forums.from_json((DATA / "forum_kukar.json").read_text(encoding="utf-8"))
    pembinaan = kim.Pembinaan.from_json((DATA / "forum_kukar_pembinaan.json").read_text(encoding="utf-8"))
    rubric = kim.Rubric(
        {
            "id": "p",
            "title": "P",
            "provenance": {"source": "test", "illustrative": True},
            "criteria": [
                {
                    "id": "forum",
                    "label": "Forum",
                    "source": "forum_membership",
                    "scale": {"kind": "range", "min": 0, "max": 1},
                },
                {"id": "sesi", "label": "Sesi", "source": "pembinaan", "scale": {"kind": "range", "min": 0, "max": 5}},
            ],
            "weights": {"explicit": [0.5, 0.5]},
        }
    )
    scores, ranking, _ = kim.assess(rubric, kims, as_of=D, all_kims=True, forums=forums, pembinaan=pembinaan)
    assert len(scores) == len(kims)
    start = datetime.date(2024, 7, 1)
    for row in scores.to_records():
        attended = pembinaan.attended_by(row["kim_id"], start, D)
        assert row["sesi"] == min(len(attended), 5) / 5 * 100, row
        # A member on the last day was a member in the period (the converse needs the whole history).
        if forums.memberships_of(row["kim_id"], D):
            assert row["forum"] == 100.0, row
    assert {r["forum"] for r in scores.to_records()} == {0.0, 100.0}
    pa = pytest.importorskip("pyarrow")
    for t in (scores, ranking):
        table = pa.table(t)
        assert table.column_names == list(t.to_pandas().columns) and table.num_rows == len(t)
    empty = kim.rank(kim.score(rubric, {}), kims, [])
    assert pa.table(empty).num_rows == 0 and pa.table(empty).column_names[:2] == ["unit", "rank"]
