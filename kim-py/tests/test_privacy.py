"""Privacy (issue #7): no Python repr, exception message, bad-row list or log JSON made from the test data holds an
unmasked NIK or phone number. The scan knows every NIK and phone number of the inputs and looks for their digits,
with or without separators, in each output."""

from __future__ import annotations

import datetime
import json
import pathlib
import re

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
