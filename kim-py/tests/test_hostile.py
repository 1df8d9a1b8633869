"""Hostile inputs (issue #7) through the Python API.

The cases are the rows of ``kim-core/tests/data/hostile/manifest.tsv``, shared with the Rust and C runners; the
``python`` column is the expected outcome here (``-`` where a Python ``str`` or ``dict`` cannot carry the input,
e.g. invalid UTF-8). Every case ends in its expected exception class, import counts or verdict, never a crash.
"""

from __future__ import annotations

import datetime
import json
import pathlib
from typing import Any

import kim
import pytest

HOSTILE = pathlib.Path(__file__).resolve().parents[2] / "kim-core" / "tests" / "data" / "hostile"

FAMILY = {
    kim.CodeError: "code",
    kim.CsvError: "csv",
    kim.JsonError: "json",
    kim.CodeListError: "reference",
}


def manifest() -> list[tuple[str, str, str, str]]:
    out = []
    for line in (HOSTILE / "manifest.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, surface, spec, _rust, python, _c = line.split("\t")
        out.append((name, surface, spec, python))
    return out


def template(file: str) -> tuple[str, str]:
    head, *rest = (HOSTILE / file).read_text(encoding="utf-8").splitlines()
    return head, "\n".join(rest)


def build(spec: str) -> tuple[bytes, bytes | None]:
    """The input bytes of a manifest recipe (see the manifest header); the same bytes as the Rust runner builds."""
    if spec.startswith("text:"):
        return spec[5:].encode(), None
    if spec.startswith("gen:"):
        kind, *args = spec[4:].split(":")
        if kind == "deep":
            n = int(args[0])
            return b"[" * n + b"]" * n, None
        target = int(args[0]) << 20
        head, body = template(args[1])
        if kind == "line":
            unit = f"{head} {body.replace(chr(10), ' ')} ".encode()
            return unit * -(-target // len(unit)), None
        if kind == "wrap":
            filler, _, tail = body.partition("\n")
            count = max(0, -(-(target - len(head)) // len(filler)))
            return (head + filler * count + tail.rstrip("\n")).encode(), None
        prefix, line = (head + "\n", body) if kind == "rows" else ("", head + "\n" + body)
        # Lines numbered {n} = 1, 2, … until the target is reached, as the Rust runner does.
        parts, size, n = [prefix], len(prefix), 1
        while size < target:
            piece = line.replace("{n}", str(n)) + "\n"
            parts.append(piece)
            size += len(piece)
            n += 1
        return "".join(parts).encode(), None
    first, _, second = spec.partition("+")
    if second.startswith("gen:"):
        return (HOSTILE / first).read_bytes(), build(second)[0]
    return (HOSTILE / first).read_bytes(), (HOSTILE / second).read_bytes() if second else None


def family(e: kim.KimError) -> str:
    for cls, name in FAMILY.items():
        if isinstance(e, cls):
            return f"err:{name}"
    return f"err:{type(e).__name__}"


def counts(report: dict[str, Any], table: str) -> str:
    t = report[table]
    kept = t["accepted"] + t["accepted_with_findings"]
    assert t["rows_in"] == kept + t["rejected"], "rows in = accepted + accepted_with_findings + rejected"
    assert len(t["errors"]) <= 1000 and sum(t["error_counts"].values()) >= len(t["errors"])
    return f"{t['rows_in']}/{kept}/{t['rejected']}"


def outcome(surface: str, data: bytes, second: bytes | None, tmp: pathlib.Path) -> str:
    try:
        if surface == "code":
            return "absent" if kim.Reference.embedded().get(data.decode()) is None else "found"
        if surface == "reference_csv":
            (tmp / "ref.csv").write_bytes(data)
            return f"ok:{len(kim.Reference.from_csv(tmp / 'ref.csv'))}"
        if surface == "registry_csv":
            (tmp / "kims.csv").write_bytes(data)
            members = None
            if second is not None:
                members = tmp / "members.csv"
                members.write_bytes(second)
            reg, report = kim.Registry.from_csv(tmp / "kims.csv", members=members, errors="report")
            assert len(reg) == report["kims"]["accepted"] + report["kims"]["accepted_with_findings"]
            out = "rows:" + counts(report, "kims")
            return out + (";" + counts(report, "members") if second is not None else "")
        if surface == "registry_json":
            return f"ok:{len(kim.Registry.from_json(data.decode()))}"
        if surface == "kim_json":
            report = kim.validate(json.loads(data), as_of=datetime.date(2025, 6, 30))
            return "report:ok" if report.ok else "report:fail"
        if surface == "moderate":
            text = data.decode()
            verdict = kim.Moderator.default().check(text)
            spans = [(m["start"], m["end"]) for m in verdict.matches]
            assert all(0 <= s <= e <= len(data) for s, e in spans), "spans are byte offsets into the text"
            redacted = kim.redact(text)
            assert kim.redact(redacted) == redacted, "redaction leaves nothing to redact"
            return f"verdict:{verdict.decision}"
    except kim.KimError as e:
        assert str(e), "every error has a message"
        return family(e)
    raise AssertionError(f"unknown surface {surface}")


@pytest.mark.parametrize(("name", "surface", "spec", "expected"), manifest(), ids=lambda v: str(v)[:40])
def test_hostile_input(name: str, surface: str, spec: str, expected: str, tmp_path: pathlib.Path) -> None:
    if expected == "-":
        pytest.skip("a Python str or dict cannot carry this input")
    data, second = build(spec)
    assert outcome(surface, data, second, tmp_path) == expected, name


def test_manifest_has_every_hostile_kind() -> None:
    names = {row[0] for row in manifest()}
    for needed in ("text_100mb", "registry_csv_100mb", "deep_json_registry", "line_10mb_text", "nul_text"):
        assert needed in names
