"""Executes examples/python/coverage.ipynb; any cell error fails the test."""

from __future__ import annotations

import os
import pathlib

import pytest

# Use the platform directories now, before any jupyter import: otherwise jupyter_core warns (warnings are errors).
os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")

NOTEBOOK = pathlib.Path(__file__).resolve().parents[2] / "examples" / "python" / "coverage.ipynb"


def test_notebook_runs() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    resources = {"metadata": {"path": str(NOTEBOOK.parent)}}
    client = nbclient.NotebookClient(nb, kernel_name="python3", timeout=300, resources=resources)
    client.execute()
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])]
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = "".join(o.get("text", "") for o in outputs)
    assert "36 of 40 KIMs meet every error-level rule" in text
    assert "32 dari 237" in text and "14 dari 20" in text
    assert "Hanya KIM yang valid: 29" in text, "the only_valid cell"
    assert "Butuh 87 desa lagi" in text, "the target cell"
    assert "Excel: ['Cakupan', 'Keterangan']" in text, "the Excel cell"
    assert "20 kecamatan; tanpa batas wilayah: []" in text, "the map cell"
    html = "".join(o.get("data", {}).get("text/html", "") for o in outputs)
    assert "Total: Kabupaten Kutai Kartanegara" in html, "the coverage view shows the total"
    # The chart cell shows its figure in Jupyter (the kernel's inline backend), not only in a headless backend.
    images = [o for o in outputs if "image/png" in o.get("data", {})]
    assert len(images) >= 4, "the Kukar chart, the national chart, the map and the series chart show in Jupyter"
