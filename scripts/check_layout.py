#!/usr/bin/env python3
"""Checks the layout of kim-core/src (run by scripts/test-all.sh).

1. Layers. Each top-level module of kim-core has a rank; a module may import (`use crate::x`, or a `crate::x::` path
   in its code) only modules of a lower rank. So there is no import circle, and the layering stays the one the README
   and docs describe: assessment -> coverage and pemetaan -> rules -> registry -> wilayah -> privacy -> error ->
   vocab, with moderation beside rules. Test code (`#[cfg(test)]` items and test-only files) may import anything
   and is not counted.
2. Size. No file is longer than MAX_LINES lines, not counting `#[cfg(test)]` blocks.

Exit status 1 with one line per problem; prints the graph it found otherwise.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

MAX_LINES = 800

# Lower rank = nearer the bottom. Modules of equal rank may not import each other.
RANKS = {
    "vocab": 0,
    "error": 1,
    "privacy": 2,
    "wilayah": 3,
    "registry": 4,
    "rules": 5,
    "moderation": 5,  # reads NIK structure from registry; rules and moderation do not import each other
    "coverage": 6,
    "forum": 7,  # reads KIMs (registry), codes (wilayah) and Finding (rules)
    "pembinaan": 8,  # reads forums (MemberRef, Metric) and coverage (the SPM indicator)
    "pemetaan": 6,  # mapping records and report: registry, wilayah, vocab
    # rubrics, scores, rankings: reads rules (eligibility), moderation (review log), registry, forum and pembinaan
    # (KimParticipation)
    "assessment": 9,
}

# Items of the crate root that are not modules: the module each stands for (`crate::Result` is `error`'s), or None
# for what belongs to no module.
CRATE_ROOT_ITEMS = {
    "Error": "error",
    "Result": "error",
    "ErrorFamily": "error",
    "SCHEMA_VERSION": None,
    "self": None,
}

SRC = Path(__file__).resolve().parent.parent / "kim-core" / "src"
USE_CRATE = re.compile(r"\bcrate::(\{[^}]*\}|[a-z_][a-z0-9_]*)")
TEST_MOD_DECL = re.compile(r"^\s*(pub(\([a-z]+\))?\s+)?mod\s+([a-z_][a-z0-9_]*)\s*;")


def top_module(path: Path) -> str | None:
    rel = path.relative_to(SRC)
    if rel.parts == ("lib.rs",):
        return None
    return rel.parts[0].removesuffix(".rs")


def non_test_lines(text: str) -> tuple[list[str], set[str]]:
    """The lines outside `#[cfg(test)]` items, and the names of `mod x;` declared under `#[cfg(test)]`."""
    lines = text.split("\n")
    out: list[str] = []
    test_mods: set[str] = set()
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.strip() == "#[cfg(test)]":
            indent = line[: len(line) - len(line.lstrip())]
            j = i + 1
            while j < len(lines) and lines[j].strip().startswith("#["):
                j += 1
            if j < len(lines) and (m := TEST_MOD_DECL.match(lines[j])):
                test_mods.add(m.group(3))
                i = j + 1
                continue
            if j < len(lines) and lines[j].rstrip().endswith(";"):
                i = j + 1  # a one-line item, e.g. `use proptest::prelude::*;`
                continue
            # rustfmt closes a block item with a line holding only `}` at the item's own indentation.
            while j < len(lines) and lines[j] != indent + "}":
                j += 1
            i = j + 1
            continue
        out.append(line)
        i += 1
    return out, test_mods


def strip_comments(line: str) -> str:
    # Doc and line comments mention paths (`[`crate::privacy`]`) without importing them.
    pos = line.find("//")
    return line if pos < 0 else line[:pos]


def main() -> int:
    problems: list[str] = []
    files = sorted(SRC.rglob("*.rs"))
    test_only: set[Path] = set()
    parsed: dict[Path, list[str]] = {}
    for f in files:
        lines, test_mods = non_test_lines(f.read_text(encoding="utf-8"))
        parsed[f] = lines
        base = f.parent if f.name in ("mod.rs", "lib.rs") else f.with_suffix("")
        for name in test_mods:
            test_only.update({base / f"{name}.rs", base / name / "mod.rs"})
            test_only.update((base / name).rglob("*.rs") if (base / name).is_dir() else [])

    edges: dict[str, dict[str, str]] = {m: {} for m in RANKS}
    for f in files:
        rel = f.relative_to(SRC)
        if f in test_only:
            continue
        lines = parsed[f]
        if len(lines) > MAX_LINES:
            problems.append(f"{rel}: {len(lines)} lines outside #[cfg(test)] (limit {MAX_LINES})")
        me = top_module(f)
        if me is None:
            continue
        if me not in RANKS:
            problems.append(f"{rel}: top-level module `{me}` has no rank in scripts/check_layout.py")
            continue
        for n, line in enumerate(lines, 1):
            for m in USE_CRATE.finditer(strip_comments(line)):
                target = m.group(1)
                names = (
                    [t.strip().split("::")[0] for t in target.strip("{}").split(",") if t.strip()]
                    if target.startswith("{")
                    else [target]
                )
                for t in names:
                    t = CRATE_ROOT_ITEMS.get(t, t)
                    if t is None or t == me:
                        continue
                    if t not in RANKS:
                        problems.append(f"{rel}: imports unknown module `{t}`")
                        continue
                    edges[me].setdefault(t, f"{rel}:{n}")
                    if RANKS[t] >= RANKS[me]:
                        problems.append(
                            f"{rel}:{n}: `{me}` (rank {RANKS[me]}) imports `{t}` (rank {RANKS[t]}): "
                            "a module may import only lower layers"
                        )

    for me in sorted(RANKS, key=lambda m: (RANKS[m], m)):
        deps = ", ".join(sorted(edges[me], key=lambda t: (RANKS[t], t))) or "-"
        print(f"  {me:<11} (rank {RANKS[me]}) -> {deps}", flush=True)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        return 1
    n = len([f for f in files if f not in test_only])
    print(f"layout: {n} files checked, no import circle, none over {MAX_LINES} lines outside tests")
    return 0


if __name__ == "__main__":
    sys.exit(main())
