#!/usr/bin/env python3
"""Runs the README's snippets as a user would paste them, so that the README works verbatim.

Every fenced block in README.md tagged `sh`, `python`, `c` or `rust` is checked, in the order of the README, from the
repository root:

- `sh`: run with `bash -euo pipefail`; it must exit 0 (or the status its marker names).
- `python`: run as a script with the Python given by `--python` (default `.venv/bin/python`, where the test command
  installs kim); any exception fails it.
- `c`: saved under the name its marker gives (`save-as app.c`) for the `sh` block that compiles and runs it; the
  file and what it builds are removed afterwards.
- `rust`: the blocks are fragments that share variables, so each must appear verbatim in `examples/readme.rs`, an
  example that runs them in order (the test command runs it with every example, and this script runs it too).

A marker, an HTML comment on the line just above the fence, changes that: `<!-- readme-check: skip: REASON -->`
leaves a block out (the reason is required and printed), `<!-- readme-check: exit N -->` expects exit status N,
`<!-- readme-check: save-as FILE -->` names a C file. PHP blocks, and every block under a heading that starts with PHP,
are run by `scripts/test-php.sh`; `ini`, `json`, `toml` and untagged blocks are not code to run.

Usage: python3 scripts/check_readme.py [--python PATH] [--list]
"""

from __future__ import annotations

import argparse
import os
import pathlib
import re
import subprocess
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
RUN = {"sh", "python", "c", "rust"}
FENCE = re.compile(r"^```(\w*)\s*$")
MARK = re.compile(r"^<!-- readme-check: (skip: .+|exit \d+|save-as [\w.]+) -->$")


class Block:
    def __init__(self, lang: str, line: int, text: str, mark: str | None, heading: str) -> None:
        self.lang, self.line, self.text, self.mark, self.heading = lang, line, text, mark, heading

    @property
    def skip(self) -> str | None:
        if self.heading.lstrip("#").strip().startswith("PHP"):
            return "the PHP section is run verbatim by scripts/test-php.sh"
        return self.mark[len("skip: ") :] if self.mark and self.mark.startswith("skip: ") else None

    @property
    def exit(self) -> int:
        return int(self.mark.split()[1]) if self.mark and self.mark.startswith("exit ") else 0

    @property
    def save_as(self) -> str | None:
        return self.mark.split()[1] if self.mark and self.mark.startswith("save-as ") else None


def blocks(text: str) -> list[Block]:
    out: list[Block] = []
    lines = text.split("\n")
    heading = ""
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            if lines[i].startswith("#"):
                heading = lines[i]
            if lines[i].startswith("<!-- readme-check") and not MARK.match(lines[i]):
                sys.exit(f"README.md line {i + 1}: a readme-check marker that is not understood: {lines[i]}")
            i += 1
            continue
        lang, start = m.group(1), i
        i += 1
        body = []
        while i < len(lines) and lines[i] != "```":
            body.append(lines[i])
            i += 1
        if i == len(lines):
            sys.exit(f"README.md line {start + 1}: a fenced block that is never closed")
        above = lines[start - 1] if start > 0 else ""
        mark = MARK.match(above)
        out.append(Block(lang, start + 1, "\n".join(body) + "\n", mark.group(1) if mark else None, heading))
        i += 1
    return out


def run(cmd: list[str], block: Block, env: dict[str, str], expect: int = 0) -> bool:
    t0 = time.monotonic()
    p = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    took = time.monotonic() - t0
    if p.returncode != expect:
        print(f"FAIL README.md line {block.line} ({block.lang}): exit {p.returncode}, expected {expect}")
        print("---- stdout (last 40 lines)\n" + "\n".join(p.stdout.splitlines()[-40:]))
        print("---- stderr (last 40 lines)\n" + "\n".join(p.stderr.splitlines()[-40:]))
        return False
    print(f"ok   README.md line {block.line} ({block.lang}, {took:.1f} s, exit {p.returncode})")
    return True


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--python", default=str(ROOT / ".venv" / "bin" / "python"))
    ap.add_argument("--list", action="store_true", help="list the blocks and what is done with each")
    args = ap.parse_args()

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    all_blocks = [b for b in blocks(readme) if b.lang in RUN]
    rust_example = (ROOT / "examples" / "readme.rs").read_text(encoding="utf-8")
    env = dict(os.environ, MPLBACKEND="Agg", CARGO_TERM_COLOR="never")
    # The snippets build in release (the main job, the C quick start). The workspace's release profile (fat LTO, one
    # codegen unit, opt-level 3) is for users' speed; here it only makes CI slower, so the check lightens it unless
    # the caller set these. What a snippet does and prints does not depend on them.
    for key, value in {
        "CARGO_PROFILE_RELEASE_OPT_LEVEL": "1",
        "CARGO_PROFILE_RELEASE_LTO": "false",
        "CARGO_PROFILE_RELEASE_CODEGEN_UNITS": "16",
        "CARGO_PROFILE_RELEASE_DEBUG": "false",
    }.items():
        env.setdefault(key, value)
    failed = 0
    saved: list[pathlib.Path] = []
    ran_rust = False
    try:
        for b in all_blocks:
            if args.list:
                print(f"README.md line {b.line}: {b.lang} {('skip: ' + b.skip) if b.skip else (b.mark or 'run')}")
                continue
            if b.skip:
                print(f"skip README.md line {b.line} ({b.lang}): {b.skip}")
                continue
            if b.lang == "c":
                if not b.save_as:
                    print(f"FAIL README.md line {b.line}: a C block needs <!-- readme-check: save-as FILE -->")
                    failed += 1
                    continue
                path = ROOT / b.save_as
                if path.exists():
                    sys.exit(f"{path} exists already; move it away first")
                path.write_text(b.text, encoding="utf-8")
                saved += [path, path.with_suffix("")]
                print(f"ok   README.md line {b.line} (c): saved as {b.save_as}")
            elif b.lang == "rust":
                if b.text.strip() not in rust_example:
                    print(f"FAIL README.md line {b.line}: this Rust block is not verbatim in examples/readme.rs")
                    failed += 1
                elif not ran_rust:
                    cmd = ["cargo", "run", "--quiet", "--locked", "-p", "kim-examples", "--example", "readme"]
                    failed += not run(cmd, b, env)
                    ran_rust = True
            elif b.lang == "python":
                failed += not run([args.python, "-c", b.text], b, env)
            else:
                failed += not run(["bash", "-euo", "pipefail", "-c", b.text], b, env, b.exit)
    finally:
        for p in saved:
            p.unlink(missing_ok=True)
    if failed:
        print(f"{failed} README snippet(s) failed")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
