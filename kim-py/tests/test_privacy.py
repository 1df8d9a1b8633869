"""Privacy (issue #7): no Python repr, exception message, bad-row list or log JSON made from the test data holds an
unmasked NIK or phone number. The scan knows every NIK and phone number of the inputs and looks for their digits,
with or without separators, in each output."""

from __future__ import annotations

import datetime
import json
import pathlib
import pickle
import re
import unicodedata
from collections.abc import Callable

import kim
import pytest

DATA = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data"
D = datetime.date(2025, 6, 30)
NIK = "6402014101900001"
PHONE = "0812-3456-7890"


def digit_runs(text: str) -> list[str]:
    """Runs of digits joined by single separators, as digits only."""
    return [re.sub(r"\D", "", m) for m in re.findall(r"\d(?:[ .\-]?\d)*", text)]


def secrets_of(text: str) -> set[str]:
    found = {m for m in re.findall(r"(?<!\d)\d{16}(?!\d)", text)}
    found |= {re.sub(r"\D", "", m) for m in re.findall(r"(?:\+62|62|0)8\d(?:[ .\-]?\d){7,11}", text)}
    return found


def leaks(outputs: list[tuple[str, str]], secrets: set[str]) -> list[str]:
    return [f"{what}: {s}" for what, out in outputs for s in secrets if any(s in r for r in digit_runs(out))]


def test_no_repr_error_or_log_output_holds_an_unmasked_nik_or_phone(tmp_path: pathlib.Path) -> None:
    sample = (DATA / "kim_sample.json").read_text(encoding="utf-8")
    members = (DATA / "kim_legacy_members.csv").read_text(encoding="utf-8")
    secrets = secrets_of(sample) | secrets_of(members) | {NIK, "081234567890"}
    outputs: list[tuple[str, str]] = []

    reference = kim.Reference.embedded()
    registry = kim.Registry.from_json(sample)
    outputs += [("Reference repr", repr(reference)), ("Registry repr", repr(registry))]
    outputs.append(("Registry log JSON", registry.to_json(for_logs=True)))
    outputs.append(("Registry records", repr(registry.to_records())))
    for report in kim.validate(registry, as_of=D):
        outputs += [("Report repr", repr(report)), ("Report dict", repr(report.to_dict()))]
    table = kim.coverage(registry, within="64.02", as_of=D)
    outputs += [("CoverageTable repr", repr(table)), ("CoverageTable html", table._repr_html_())]

    moderator = kim.Moderator.default()
    verdict = moderator.check(f"Hubungi {PHONE}, NIK {NIK}, slot gacor")
    outputs += [("Moderator repr", repr(moderator)), ("Verdict repr", repr(verdict))]
    outputs.append(("Verdict dict", json.dumps(verdict.to_dict())))

    # Errors that quote a value: a NIK or phone number in every field of a bad row, a bad code, bad JSON.
    bad_kims = tmp_path / "kims.csv"
    bad_kims.write_text(f"id,name,seat,status,status_date\n{NIK},{PHONE},{NIK},{PHONE},{NIK}\n", encoding="utf-8")
    bad_members = tmp_path / "members.csv"
    bad_members.write_text(
        f"kim_id,id,name,nik,birth_date\nK1,{NIK},{PHONE},6402019999900001,{PHONE}\n", encoding="utf-8"
    )
    secrets.add("6402019999900001")
    with pytest.raises(kim.ValidationError) as e:
        kim.Registry.from_csv(bad_kims, members=bad_members)
    outputs += [("ValidationError", str(e.value)), ("ValidationError rows", repr(e.value.errors()))]
    with pytest.raises(kim.ValidationError) as e:
        kim.Registry.from_records([{"id": NIK, "name": PHONE, "seat": NIK, "sk_date": PHONE}])
    outputs += [("records error", str(e.value)), ("records rows", repr(e.value.errors()))]
    for call in (
        lambda: reference.get(NIK),
        lambda: kim.Registry.from_json(json.dumps({"schema_version": 1, "kims": [{"id": int(NIK)}]})),
        lambda: kim.Registry.from_json(f'{{"schema_version":1,"kims":[{{"id":"K1","name":"A","seat":"{NIK}"}}]}}'),
        lambda: kim.validate({"id": "K1", "name": "A", "seat": "64.02.01.2001", "members": [{"nik": NIK}]}),
    ):
        with pytest.raises(kim.KimError) as err:
            call()
        outputs += [("error", str(err.value)), ("error repr", repr(err.value))]

    assert len(secrets) > 100 and len(outputs) > 80
    assert leaks([("probe", f"x {NIK[:4]}.{NIK[4:8]}.{NIK[8:]} y")], secrets), "the scan sees separated digits"
    assert leaks(outputs, secrets) == []


# ---- every way of writing a NIK or a phone number (issue 23) --------------------------------------------------------

PHONE_DIGITS = "081234567890"
ZEROS = (0x30, 0xFF10, 0x660, 0x6F0, 0x1D7CE)  # ASCII, full-width, Arabic-Indic, Eastern Arabic-Indic, math bold


def script(digits: str, zero: int) -> str:
    return "".join(chr(zero + int(c)) for c in digits)


def chunks(digits: str, n: int, sep: str) -> str:
    return sep.join(digits[i : i + n] for i in range(0, len(digits), n))


def forms(digits: str) -> list[str]:
    """The written forms of a NIK or an `08…` phone number (the same generator as kim-core/tests/privacy.rs)."""
    out = [digits, chunks(digits, 2, " ")]
    out += [chunks(digits, 4, sep) for sep in ("  ", "/", "_", ",", "\u00a0", "\t", "\n", ". ", " - ", "\r\n", "-")]
    for zero in ZEROS[1:]:
        out += [script(digits, zero), chunks(script(digits, zero), 4, "\u00a0")]
    out += [chunks(digits, 1, zw) for zw in ("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad")]
    out += [f"NIK{digits}", f"HP{digits}xyz"]
    if digits.startswith("0"):
        a, b, c = digits[:4], digits[4:8], digits[8:]
        out += [f"({a}) {b}-{c}", f"+62 {a[1:]}-{b}-{c}", f"62 {a[1:]}.{b}.{c}", f"{a}.{b}.{c}"]
    return out


def fold(c: str) -> str | None:
    u = ord(c)
    return next((str(u - z) for z in ZEROS if z <= u < z + 10), None)


def shows_middle(out: str, digits: str) -> bool:
    """True if `out` shows the hidden middle of `digits` in any script, with separators or invisible characters."""
    flat = []
    for c in out:
        d = fold(c)
        if d is not None:
            flat.append(d)
        elif not (c.isspace() or c in ".,/_-()\u00ad\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"):
            flat.append("|")
    return digits[4:-2] in "".join(flat)


def test_every_written_form_is_masked_in_redaction_and_verdicts() -> None:
    assert shows_middle("a ６４０２\u00a0０１４１\u200b０１９０ ０００１", NIK)
    moderator = kim.Moderator.default()
    for digits in (NIK, PHONE_DIGITS):
        for f in forms(digits):
            text = f"Hubungi {f} segera."
            verdict = moderator.check(text)
            assert any(m["rule_id"] in ("pd-nik", "pd-phone") for m in verdict.matches), f
            assert not shows_middle(kim.redact(text), digits), (f, kim.redact(text))
            assert not shows_middle(repr(verdict), digits)


def error_calls(f: str, registry: kim.Registry, tmp: pathlib.Path) -> list[Callable[[], object]]:
    """Calls that quote `f` in their error: a level, a profile name, an `errors=` value, file paths, a code, a
    duplicate member id (in a dict, in records and in JSON), a schema version, a KIM id and a seat."""
    seat = "64.02.01.2001"
    twice = [{"id": f, "name": "A"}, {"id": f, "name": "B"}]
    return [
        lambda: kim.coverage(registry, level=f),  # type: ignore[arg-type]
        lambda: kim.coverage(registry, within=f),
        lambda: kim.validate(registry, profile=f),
        lambda: kim.validate(registry, profile=["permenkominfo-4-2024", f]),
        lambda: kim.Registry.from_records([], errors=f),  # type: ignore[arg-type]
        lambda: kim.Registry.from_csv(tmp / f"kim {f}.csv"),
        lambda: kim.Registry.from_csv(tmp / "kims.csv", members=tmp / f"{f}.csv"),
        lambda: kim.Reference.from_csv(tmp / f"{f}.csv"),
        lambda: kim.Reference.embedded().get(f"kode {f}"),
        lambda: kim.validate({"id": "K1", "name": "A", "seat": seat, "members": twice}, as_of=D),
        lambda: kim.Registry.from_records(
            [{"id": "K1", "name": "A", "seat": seat}], members=[{"kim_id": "K1", **m} for m in twice]
        ),
        lambda: kim.Registry.from_json(
            json.dumps({"schema_version": 1, "kims": [{"id": "K1", "name": "A", "seat": seat, "members": twice}]})
        ),
        lambda: kim.Registry.from_json(json.dumps({"schema_version": f, "kims": []})),
        lambda: kim.Registry.from_json(json.dumps({"schema_version": 1, "kims": [{"id": f, "name": "A", "seat": f}]})),
        lambda: kim.Registry.from_json(
            json.dumps({"schema_version": 1, "kims": [{"id": f, "name": "A", "seat": seat}] * 2})
        ),
        lambda: kim.validate({"id": f, "name": f, "seat": f}, as_of=D),
        lambda: kim.validate({"id": "K1", "name": "A", "seat": seat, "members": [{"id": "m", "nik": f}]}, as_of=D),
    ]


def exception_texts(e: BaseException) -> list[str]:
    """What a user or a log sees of an exception: `str`, `repr`, `args`, `.errors()` and the pickled bytes, and the
    same again after unpickling."""
    again = pickle.loads(pickle.dumps(e))
    out = [str(e), repr(e), repr(e.args), pickle.dumps(e).decode("utf-8", "replace"), str(again), repr(again.args)]
    if isinstance(e, kim.KimError):
        out += [repr(e.errors()), repr(again.errors())]  # type: ignore[attr-defined]
    return out


def test_python_error_messages_are_masked(tmp_path: pathlib.Path) -> None:
    registry = kim.Registry.from_json((DATA / "kim_sample.json").read_text(encoding="utf-8"))
    (tmp_path / "kims.csv").write_text("id,name,seat\nK1,A,64.02.01.2001\n", encoding="utf-8")
    for digits in (NIK, PHONE_DIGITS):
        calls = 0
        for f in forms(digits):
            for call in error_calls(f, registry, tmp_path):
                with pytest.raises(kim.KimError) as e:
                    call()
                calls += 1
                for out in exception_texts(e.value):
                    assert not shows_middle(out, digits), (f, out)
        assert calls == 17 * len(forms(digits)) >= 17 * 29, calls
    # A plain NIK as a schema version (a number): masked too.
    with pytest.raises(kim.JsonError) as e:
        kim.Registry.from_json(json.dumps({"schema_version": int(NIK), "kims": []}))
    assert all(not shows_middle(out, NIK) for out in exception_texts(e.value))
    assert "schema_version 6402**********01" in str(e.value)


def report_texts(reports: list[kim.Report]) -> list[str]:
    """Every surface of validation reports: repr, kim_id, findings, to_dict, to_pandas, pickles."""
    out = []
    for r in reports:
        out += [repr(r), r.kim_id, repr(r.findings), json.dumps(r.to_dict(), ensure_ascii=False, default=str)]
        out += [r.to_pandas().to_csv(), pickle.dumps(r).decode("utf-8", "replace")]
        out.append(repr(pickle.loads(pickle.dumps(r)).to_dict()))
    return out


def test_reports_mask_names_and_ids_in_every_form() -> None:
    """A NIK or phone number used as a KIM id, a member id and a member name (of a male PNS whose NIK is a woman's,
    so that KIM-D-NIK-MISMATCH and the Kutai Kartanegara overlay quote name and id) is masked on every surface of
    the report; the NIK's own field is masked as before."""
    seat = "64.02.01.2001"
    for digits in (NIK, PHONE_DIGITS):
        kims = []
        for i, f in enumerate(forms(digits)):
            member = {"id": f, "name": f, "nik": NIK, "sex": "male", "occupation": "pns", "role": "ketua"}
            record = {"id": f"K{i} {f}", "name": f"KIM {f}", "seat": seat, "members": [member]}
            if any(unicodedata.category(c) in ("Cc", "Cf") for c in f.strip()):
                # The text rule refuses ids and names with control or format characters; the refusal names the
                # character and the field, never the value.
                with pytest.raises(kim.JsonError) as e:
                    kim.validate(record, as_of=D)
                assert "KIM-E-TEXT" in str(e.value)
                assert all(not shows_middle(out, digits) for out in exception_texts(e.value)), f
                continue
            kims.append(record)
            report = kim.validate(kims[-1], as_of=D)
            codes = {x["code"] for x in report.findings}
            assert {"KIM-D-NIK-MISMATCH", "KIM-L-6402-NO-PNS"} <= codes, (f, codes)
            paths = [x["path"] for x in report.findings if x["code"] == "KIM-D-NIK-MISMATCH"]
            assert paths[0].startswith("members[") and paths[0].endswith("].nik"), paths
            for out in report_texts([report]):
                assert not shows_middle(out, digits), (f, out)
                assert not shows_middle(out, NIK), (f, out)
        registry = kim.Registry.from_json(json.dumps({"schema_version": 1, "kims": kims}))
        reports = kim.validate(registry, as_of=D)
        assert len(reports) == len(kims)
        for out in report_texts(reports):
            assert not shows_middle(out, digits), out
    # Region codes and profile ids stay readable.
    r = kim.validate(
        {"id": "K1", "name": "A", "seat": "64.72.01.1001"},
        profile=["permenkominfo-4-2024", "overlay-6402-kutai-kartanegara"],
        as_of=D,
    )
    assert any("64.72.01.1001" in x["message_en"] for x in r.findings), r.findings
