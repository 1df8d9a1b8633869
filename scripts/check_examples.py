#!/usr/bin/env python3
"""Tries the example tools as a stranger would: --help, bad arguments, missing files, a closed pipe, --lang, exit codes.

The examples must be built first (`cargo build --locked -p kim-examples --examples`); the binaries are read from
`$CARGO_TARGET_DIR/debug/examples` (default `target`). Every check names what it ran when it fails.

Exit codes of the tools: 0 done, 1 findings or a failure (one `error: …` line), 2 a usage error.
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[1]
BIN = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target")) / "debug" / "examples"
TOOLS = [
    "coverage_kukar",
    "validate_sample",
    "moderate_posts",
    "pemetaan_kukar",
    "ffi_expected",
    "readme",
    "forum_kukar",
]
# Signs of Rust debug output or a panic reaching a user.
DEBUG = ["panicked", "ParseError(", "InvalidArgument {", "Os {", "kind: ", "RUST_BACKTRACE"]

failures: list[str] = []


def run(
    tool: str, *args: str, stdin: str | None = None, cwd: pathlib.Path | None = None
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(BIN / tool), *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd or tmp,
        check=False,
        timeout=300,
    )


def check(what: str, ok: bool, p: subprocess.CompletedProcess | None = None) -> None:
    if ok:
        print(f"ok   {what}")
        return
    detail = f"\n  exit {p.returncode}\n  stdout: {p.stdout[-800:]!r}\n  stderr: {p.stderr[-800:]!r}" if p else ""
    failures.append(what)
    print(f"FAIL {what}{detail}")


def no_debug(p: subprocess.CompletedProcess) -> bool:
    return not any(d in p.stdout + p.stderr for d in DEBUG)


def one_line_error(p: subprocess.CompletedProcess, *must: str) -> bool:
    lines = p.stderr.strip().splitlines()
    return p.returncode == 1 and len(lines) == 1 and lines[0].startswith("error: ") and all(m in p.stderr for m in must)


def usage_error(p: subprocess.CompletedProcess, *must: str) -> bool:
    return p.returncode == 2 and p.stderr.startswith("error: ") and all(m in p.stderr for m in must) and no_debug(p)


def closed_pipe(tool: str, *args: str) -> None:
    """Reads one line, closes the pipe: the tool must end quietly, never with a panic."""
    proc = subprocess.Popen(
        [str(BIN / tool), *args], stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tmp, text=True
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read()
    code = proc.wait(timeout=300)
    ok = "panicked" not in err and "Broken pipe" not in err and code in (0, 1)
    check(f"{tool} {' '.join(args)} | head -1: no panic (exit {code})", ok)


def forum_checks() -> None:
    fk = "forum_kukar"
    data = ROOT / "examples" / "data"
    p = run(fk)
    check(
        "forum_kukar: the illustrative Kukar report and forum coverage",
        p.returncode == 0
        and "ILUSTRATIF" in p.stdout
        and "8 / 11" in p.stdout
        and "6 / 20" in p.stdout
        and "3 / 20" in p.stdout
        and no_debug(p),
        p,
    )
    p = run(fk, "--lang", "en")
    check("forum_kukar --lang en is English only", "Reach" in p.stdout and "Capaian" not in p.stdout, p)
    p = run(fk, "--as-of", "2025-02-30")
    check("forum_kukar --as-of 2025-02-30", usage_error(p, "--as-of", "YYYY-MM-DD"), p)
    p = run(fk, "--within", "64.02.06")
    check("forum_kukar --within a kecamatan", one_line_error(p, "--within 64.02.06", "kab/kota") and p.stdout == "", p)
    p = run(fk, "--forums", "/nonexistent/forums.json")
    check("forum_kukar --forums missing file", one_line_error(p, "--forums /nonexistent/forums.json"), p)
    bad = tmp / "forums.json"
    bad.write_text('{"schema_version": 1, "forums": [{"id": "F1", "name": "F", "level": "desa"}]}')
    p = run(fk, "--forums", str(bad))
    check("forum_kukar --forums with a bad level names the forum", one_line_error(p, "--forums", "forums[F1]"), p)
    p = run(
        fk,
        "--activities-csv",
        str(data / "forum_kukar_activities.csv"),
        "--attendance-csv",
        str(data / "forum_kukar_attendance.csv"),
    )
    check(
        "forum_kukar --attendance-csv: rejected row on stderr with its line, exit 1",
        p.returncode == 1 and "line 4" in p.stderr and "KIM-6402-099" in p.stderr and "PB-PB7-SIPD" in p.stdout,
        p,
    )
    p = run(fk, "--json")
    try:
        doc = json.loads(p.stdout)
        report = doc["pembinaan_report"]
        ok = report["schema_version"] == 1 and report["trained_share_12m"]["numerator"] == 8
    except (ValueError, KeyError):
        ok = False
    check("forum_kukar --json is versioned JSON", p.returncode == 0 and ok, p)
    closed_pipe(fk)


def main() -> int:
    for tool in TOOLS:
        p = run(tool, "--help")
        check(f"{tool} --help", p.returncode == 0 and "Usage:" in p.stdout and "Exit codes" in p.stdout, p)
        p = run(tool, "--no-such-option")
        check(f"{tool} --no-such-option is a usage error (2)", usage_error(p, "--no-such-option"), p)

    cov = "coverage_kukar"
    p = run(cov, "--as-of", "2025-13-40")
    check("coverage_kukar --as-of 2025-13-40", usage_error(p, "--as-of", "YYYY-MM-DD"), p)
    p = run(cov, "--within", "99.99", "--csv", "x.csv")
    check("coverage_kukar --within 99.99", one_line_error(p, "--within 99.99", "code list") and p.stdout == "", p)
    p = run(cov, "--csv", "/nonexistent/dir/x.csv")
    check(
        "coverage_kukar --csv into a missing directory: the path, before any output",
        one_line_error(p, "--csv /nonexistent/dir/x.csv") and p.stdout == "" and no_debug(p),
        p,
    )
    p = run(cov, "--within", "64.02.01", "--level", "kecamatan")
    check("coverage_kukar --level not below --within", usage_error(p, "--level", "desa"), p)
    p = run(cov, "--target", "150", "--target-date", "2029-12-31")
    check("coverage_kukar --target 150", usage_error(p, "--target", "100"), p)
    p = run(cov, "--lang", "fr")
    check("coverage_kukar --lang fr", usage_error(p, "id", "en"), p)
    p = run(cov, "--registry", "/nonexistent.csv")
    check("coverage_kukar --registry missing file", one_line_error(p, "--registry /nonexistent.csv"), p)

    p = run(
        cov,
        "--as-of",
        "2025-06-30",
        "--csv",
        "c.csv",
        "--xlsx",
        "c.xlsx",
        "--target",
        "50",
        "--target-date",
        "2029-12-31",
    )
    ok = p.returncode == 0 and (tmp / "c.xlsx").read_bytes()[:2] == b"PK" and (tmp / "c.csv").exists()
    check(
        "coverage_kukar writes CSV and XLSX", ok and "32 dari 237" in p.stdout and "bukan target resmi" in p.stdout, p
    )
    check("coverage_kukar names the code list and explains 243", "2025-04-25" in p.stdout and "243" in p.stdout, p)
    p = run(cov, "--as-of", "2022-12-31", "--lang", "en", "--csv", "d.csv")
    en = p.stdout
    check(
        "coverage_kukar --as-of 2022-12-31 uses the list in force then",
        "Code list in force: Permendagri 58/2021" in en and "243" in en,
        p,
    )
    check(
        "coverage_kukar --lang en is English only",
        p.returncode == 0 and not any(w in en for w in ("Kesenjangan", " dari ", "Catatan", "Daftar kode")),
        p,
    )
    p = run(
        cov,
        "--registry",
        str(ROOT / "examples/data/kim_legacy.csv"),
        "--members",
        str(ROOT / "examples/data/kim_legacy_members.csv"),
        "--as-of",
        "2025-06-30",
        "--csv",
        "e.csv",
    )
    check(
        "coverage_kukar --registry CSV: table, rejected rows on stderr, exit 1",
        p.returncode == 1 and "examples/data/kim_legacy.csv (12 KIM)" in p.stdout and "kims line 14" in p.stderr,
        p,
    )
    p = run(cov, "--registry", str(ROOT / "examples/data/kim_sample.json"), "--as-of", "2025-06-30", "--csv", "f.csv")
    check("coverage_kukar --registry JSON", p.returncode == 0 and "32 dari 237" in p.stdout, p)
    closed_pipe(cov, "--as-of", "2025-06-30", "--level", "desa", "--csv", "g.csv")

    val = "validate_sample"
    p = run(val, "--lang", "fr")
    check("validate_sample --lang fr", usage_error(p, "fr", "id", "en"), p)
    p = run(val, "--as-of", "2025-06-30", "--lang", "en")
    check("validate_sample --lang en: findings, exit 1", p.returncode == 1 and "Findings:" in p.stdout, p)
    check(
        "validate_sample --lang en is English only, values in words",
        not any(w in p.stdout for w in ("berstatus", "Temuan", "diterbitkan", " pns", "by other"))
        and "civil servant (PNS/ASN)" in p.stdout,
        p,
    )
    p = run(val, "--as-of", "2025-06-30")
    check(
        "validate_sample (id) is Indonesian only, values in words",
        "berstatus PNS/ASN" in p.stdout
        and "ketua RT/RW atau pejabat lain" in p.stdout
        and not any(w in p.stdout for w in ("Findings", "meet every", "profile in force")),
        p,
    )
    p = run(val, "--as-of", "2025-06-30", "--json")
    check("validate_sample --json parses", p.returncode == 1 and isinstance(json.loads(p.stdout), list), p)
    closed_pipe(val, "--as-of", "2025-06-30")

    mod = "moderate_posts"
    p = run(mod, "-", "--json", stdin="Gotong royong di balai desa\nSlot gacor maxwin!\n")
    verdicts = [json.loads(line) for line in p.stdout.splitlines()] if p.returncode == 1 else []
    check(
        "moderate_posts - --json reads stdin, one verdict per line",
        [v.get("decision") for v in verdicts] == ["allow", "block"] and [v["line"] for v in verdicts] == [1, 2],
        p,
    )
    p = run(mod, "-", stdin="Gotong royong di balai desa\n")
    check("moderate_posts: nothing held, exit 0", p.returncode == 0 and "TAYANG" in p.stdout, p)
    p = run(mod, "--lang", "en")
    check(
        "moderate_posts --lang en: English, states in words",
        p.returncode == 1 and "Review case" in p.stdout and "None" not in p.stdout and "Some(" not in p.stdout,
        p,
    )
    p = run(mod, "/nonexistent/posts.txt")
    check("moderate_posts missing file", one_line_error(p, "/nonexistent/posts.txt"), p)
    closed_pipe(mod)

    forum_checks()
    pm = "pemetaan_kukar"
    p = run(pm, "--lang", "en")
    out = p.stdout
    check(
        "pemetaan_kukar: mapping report and ranking, findings (unmapped, unranked), exit 1",
        p.returncode == 1
        and "31 of 36 active KIMs mapped (86.1%" in out
        and "KIM-6402-011" in out
        and "Tie at rank 12 (total 69.80): KIM-6402-002, KIM-6402-007, KIM-6402-009" in out
        and "KIM-6402-004   74.95  KIM-F4-KABKOTA" in out
        and "unclassified: no official national scheme" in out
        and "ILLUSTRATIVE" in out
        and "CR=0.0081" in out,
        p,
    )
    p = run(pm, "--json")
    doc = json.loads(p.stdout) if p.returncode == 1 else {}
    check(
        "pemetaan_kukar --json: versioned report and ranking",
        doc.get("mapping_report", {}).get("schema_version") == 1
        and doc.get("mapping_report", {}).get("code_list_version") == "kepmendagri-300.2.2-2138-2025"
        and len(doc.get("ranking", {}).get("rows", [])) == 34,
        p,
    )
    p = run(pm, "--kab-kota", "64")
    check("pemetaan_kukar --kab-kota 64 (a province)", one_line_error(p, "--kab-kota", "not a kab/kota"), p)
    p = run(pm, "--rubric", "/nonexistent.json")
    check("pemetaan_kukar --rubric missing file", one_line_error(p, "--rubric /nonexistent.json"), p)
    bad = tmp / "bad_rubric.json"
    bad.write_text(
        (ROOT / "examples/data/rubric_lomba_illustrative.json")
        .read_text(encoding="utf-8")
        .replace('"from": 1, "to": 3', '"from": 2, "to": 3'),
        encoding="utf-8",
    )
    p = run(pm, "--rubric", str(bad))
    check("pemetaan_kukar --rubric with a band gap", one_line_error(p, "criteria[2].scale.bands[1]: gap"), p)
    p = run(pm, "--from", "2025-07-01")
    check("pemetaan_kukar --from after --as-of", one_line_error(p, "--from 2025-07-01"), p)
    closed_pipe(pm)

    if failures:
        print(f"{len(failures)} example check(s) failed")
        return 1
    return 0


if __name__ == "__main__":
    with tempfile.TemporaryDirectory() as d:
        tmp = pathlib.Path(d)
        sys.exit(main())
