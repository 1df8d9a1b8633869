"""The shipped stubs (kim/_kim.pyi) match the compiled module (mypy.stubtest)."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_stubtest() -> None:
    pytest.importorskip("mypy")
    done = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "kim._kim"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
