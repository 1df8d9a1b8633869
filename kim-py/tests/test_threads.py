"""Concurrency (issue #7): the same Reference, Registry and Moderator objects used from several threads at once give
exactly the results of a single thread. Every kim object is immutable, and the heavy calls release the GIL, so the
threads really do overlap inside kim."""

from __future__ import annotations

import datetime
import pathlib
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import kim

DATA = pathlib.Path(__file__).resolve().parents[2] / "examples" / "data"
D = datetime.date(2025, 6, 30)
TEXTS = [
    "Posyandu Desa Perian dibuka Sabtu pukul 08.00 di balai desa.",
    "Slot gacor maxwin hari ini, deposit pulsa tanpa potongan!",
    "VIRAL SEBELUM DIHAPUS! info dari grup sebelah, sebarkan!",
    "Hubungi 0812-3456-7890 atau NIK 6402014101900001 untuk daftar.",
    "Gotong royong membersihkan pantai, warga santai makan petai.",
] * 40


def work(reference: kim.Reference, registry: kim.Registry, moderator: kim.Moderator, i: int) -> dict[str, Any]:
    """One unit of mixed work; `i` rotates which parts run first so that the threads interleave differently."""
    parts: dict[str, Any] = {}
    order = ["moderate", "validate", "coverage", "reference"]
    for part in order[i % 4 :] + order[: i % 4]:
        if part == "moderate":
            parts[part] = [v.to_dict() for v in moderator.check_many(TEXTS)] + [kim.redact(t) for t in TEXTS]
        elif part == "validate":
            parts[part] = [r.to_dict() for r in kim.validate(registry, as_of=D, reference=reference)]
        elif part == "coverage":
            table = kim.coverage(registry, level="kecamatan", within="64.02", as_of=D)
            parts[part] = (table.to_records(), table.total, kim.gaps(registry, within="64.02", as_of=D))
        else:
            parts[part] = (
                reference.counts("64.02"),
                reference.match_name("Perian", within="64.02.01"),
                reference.get("64.02.01.2001"),
            )
    return parts


def test_objects_shared_between_threads_give_the_single_threaded_results() -> None:
    reference = kim.Reference.embedded()
    registry = kim.Registry.from_json((DATA / "kim_sample.json").read_text(encoding="utf-8"))
    moderator = kim.Moderator.default()
    expected = work(reference, registry, moderator, 0)
    assert expected["moderate"][1]["decision"] == "block", "the work is real"
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(lambda i: work(reference, registry, moderator, i), range(32)))
    assert len(results) == 32
    for got in results:
        assert got == expected


def test_registries_built_in_threads_are_equal() -> None:
    legacy = DATA / "kim_legacy.csv"
    members = DATA / "kim_legacy_members.csv"

    def load(_: int) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
        reg, bad = kim.Registry.from_csv(legacy, members=members, errors="collect")
        return reg.to_records(), bad

    first = load(0)
    assert first[1], "the legacy file has bad rows to report"
    with ThreadPoolExecutor(max_workers=4) as pool:
        assert all(r == first for r in pool.map(load, range(8)))
