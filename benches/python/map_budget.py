"""The map budget of issue #15: Kutai Kartanegara's kecamatan map drawn to a PNG in at most 1 s, in a fresh Python
process, interpreter start excluded (imports of kim and matplotlib included).

Each run is a new process (`python -c ...`) that times, from its first line: import kim, kim.maps and matplotlib
(Agg), load the sample registry, compute the coverage, ``kim.maps.plot_map`` and ``savefig`` to a PNG. Prints every
run's phases and the median and worst total; exits 1 if the worst run is over the budget.

    .venv/bin/python benches/python/map_budget.py [--runs 7] [--level kecamatan|desa]
"""

from __future__ import annotations

import argparse
import json
import pathlib
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUDGET_S = 1.0

CHILD = r"""
import time
t0 = time.perf_counter()
import datetime, json, pathlib, sys
import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot
import kim, kim.maps
t_import = time.perf_counter()
reg = kim.Registry.from_json(pathlib.Path(sys.argv[1]).read_text(encoding="utf-8"))
table = kim.coverage(reg, level=sys.argv[3], within="64.02", as_of=datetime.date(2025, 6, 30))
t_table = time.perf_counter()
ax = kim.maps.plot_map(table)
t_plot = time.perf_counter()
ax.figure.savefig(sys.argv[2], dpi=100)
t_png = time.perf_counter()
print(json.dumps({"import": t_import - t0, "table": t_table - t_import, "plot_map": t_plot - t_table,
                  "savefig": t_png - t_plot, "total": t_png - t0, "units": len(table)}))
"""


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=7)
    p.add_argument("--level", default="kecamatan", choices=["kecamatan", "desa"])
    a = p.parse_args()
    data = ROOT / "examples" / "data" / "kim_sample.json"
    totals, after_imports = [], []
    with tempfile.TemporaryDirectory() as tmp:
        png = pathlib.Path(tmp) / "map.png"
        for i in range(a.runs):
            out = subprocess.run(
                [sys.executable, "-c", CHILD, str(data), str(png), a.level],
                capture_output=True,
                text=True,
                check=True,
            )
            r = json.loads(out.stdout)
            totals.append(r["total"])
            after_imports.append(r["total"] - r["import"])
            phases = " ".join(f"{k} {r[k] * 1e3:6.0f} ms" for k in ("import", "table", "plot_map", "savefig", "total"))
            print(f"run {i + 1}: {r['units']} units, {phases}, PNG {png.stat().st_size // 1024} KiB")
    worst, median = max(totals), statistics.median(totals)
    ok = worst <= BUDGET_S
    print(f"Kukar {a.level} map to PNG in a fresh process: median {median * 1e3:.0f} ms, worst {worst * 1e3:.0f} ms")
    rest = statistics.median(after_imports)
    print(f"of which after the imports (coverage, plot_map, savefig): median {rest * 1e3:.0f} ms")
    print(f"budget {BUDGET_S * 1e3:.0f} ms: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
