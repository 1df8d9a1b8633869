"""Side-by-side timings of kim from Python against the obvious alternatives, measured in one run.

- National coverage at kecamatan level (83,762 villages, 100,000 KIM records), including building the result table:
  kim to a pandas DataFrame vs idiomatic pandas (merge + groupby) vs DuckDB SQL over the same data, and kim to a
  Polars DataFrame vs idiomatic Polars (lazy join + group_by) over the same data.
- Moderation: ``Moderator.check_many`` vs a Python ``re`` alternation over the same lexicon patterns (the lexicon
  files and the class words of the constructions).

Run (after the README's test command has built kim into .venv):

    .venv/bin/pip install -r benches/python/requirements.txt
    .venv/bin/python benches/python/side_by_side.py
"""

from __future__ import annotations

import datetime
import pathlib
import random
import re
import statistics
import time

import duckdb
import kim
import pandas as pd
import polars as pl

ROOT = pathlib.Path(__file__).resolve().parents[2]
AS_OF = datetime.date(2025, 6, 30)


def timed(fn) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def side(fa, fb, repeat: int = 51) -> tuple[list[float], list[float]]:
    """`repeat` timed runs of a, then of b, in seconds. Consecutive runs of one side, as a user repeats one call:
    interleaving them (a, b, a, b, …) would time each side with its data pushed out of the caches by the other."""
    ta = [timed(fa) for _ in range(repeat)]
    tb = [timed(fb) for _ in range(repeat)]
    return ta, tb


def cell(ts: list[float], digits: int = 1) -> str:
    """The best run, and the median in parentheses, in ms. The best run is the figure to compare (as `timeit`
    advises: slower runs come from other processes, not from the code); the median shows how loaded the machine was."""
    return f"{min(ts) * 1e3:.{digits}f} ms (median {statistics.median(ts) * 1e3:.{digits}f})"


def ratio(ta: list[float], tb: list[float]) -> str:
    """How many times faster a is than b: ratio of the best runs, and of the medians in parentheses."""
    return f"{min(tb) / min(ta):.1f}× (median {statistics.median(tb) / statistics.median(ta):.1f}×)"


def villages() -> pd.DataFrame:
    rows = []
    for line in (ROOT / "kim-core" / "data" / "wilayah.tsv").read_text(encoding="utf-8").splitlines():
        if line.startswith("#"):
            continue
        code, _name = line.split("\t")
        if code.count(".") == 3:
            rows.append((code, code[:8], {"1": "kelurahan", "2": "desa", "3": "desa_adat"}[code[9]]))
    return pd.DataFrame(rows, columns=["code", "kecamatan", "kind"])


def synthetic_kims(codes: list[str], n: int = 100_000) -> list[dict]:
    rng = random.Random(20261123)
    out = []
    for i in range(n):
        start = datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(3900))
        status, since = "active", start
        if rng.random() < 0.1:
            status, since = "dissolved", start + datetime.timedelta(days=400 + rng.randrange(800))
        out.append(
            {"id": f"K{i}", "name": f"KIM {i}", "seat": rng.choice(codes), "status": status, "status_date": since}
        )
    return out


def main() -> None:
    v = villages()
    kims = synthetic_kims(v["code"].tolist())
    registry = kim.Registry.from_records(kims)
    k = pd.DataFrame(kims)

    def with_kim() -> pd.DataFrame:
        return kim.coverage(registry, level="kecamatan", as_of=AS_OF).to_pandas()

    def with_pandas() -> pd.DataFrame:
        active = k[(k["status_date"] <= AS_OF) & (k["status"] == "active")]
        per_seat = active.groupby("seat").size().rename("n_kim").reset_index()
        m = v.merge(per_seat, how="left", left_on="code", right_on="seat")
        m["n_kim"] = m["n_kim"].fillna(0)
        m["covered"] = m["n_kim"] > 0
        g = m.groupby("kecamatan").agg(
            villages=("code", "size"), villages_with_kim=("covered", "sum"), n_kim=("n_kim", "sum")
        )
        g["village_ratio"] = g["villages_with_kim"] / g["villages"]
        return g.reset_index()

    def with_kim_polars() -> pl.DataFrame:
        return kim.coverage(registry, level="kecamatan", as_of=AS_OF).to_polars()

    vl, kl = pl.from_pandas(v), pl.from_pandas(k)

    def with_polars() -> pl.DataFrame:
        per_seat = (
            kl.lazy()
            .filter((pl.col("status_date") <= AS_OF) & (pl.col("status") == "active"))
            .group_by("seat")
            .agg(pl.len().alias("n_kim"))
        )
        return (
            vl.lazy()
            .join(per_seat, left_on="code", right_on="seat", how="left")
            .with_columns(pl.col("n_kim").fill_null(0))
            .group_by("kecamatan")
            .agg(
                villages=pl.len(),
                villages_with_kim=(pl.col("n_kim") > 0).sum(),
                n_kim=pl.col("n_kim").sum(),
            )
            .with_columns(village_ratio=pl.col("villages_with_kim") / pl.col("villages"))
            .collect()
        )

    con = duckdb.connect()
    con.register("v", v)
    con.register("k", k)
    sql = """
        WITH per_seat AS (
            SELECT seat, count(*) AS n_kim FROM k
            WHERE status = 'active' AND status_date <= DATE '2025-06-30' GROUP BY seat
        )
        SELECT v.kecamatan, count(*) AS villages, count(per_seat.seat) AS villages_with_kim,
               coalesce(sum(per_seat.n_kim), 0) AS n_kim, count(per_seat.seat) / count(*) AS village_ratio
        FROM v LEFT JOIN per_seat ON v.code = per_seat.seat GROUP BY v.kecamatan
    """

    def with_duckdb() -> pd.DataFrame:
        return con.execute(sql).df()

    a, b, c, d, e = with_kim(), with_pandas(), with_duckdb(), with_kim_polars(), with_polars()
    assert len(a) == len(b) == len(c) == len(d) == len(e) == 7285
    covered = a["villages_with_kim"].sum()
    assert covered == b["villages_with_kim"].sum() == c["villages_with_kim"].sum()
    assert covered == d["villages_with_kim"].sum() == e["villages_with_kim"].sum()

    t_kim, t_pd = side(with_kim, with_pandas)
    t_kim2, t_duck = side(with_kim, with_duckdb)
    t_kim_pl, t_pl = side(with_kim_polars, with_polars)

    # Every pattern kim's automaton holds: the lexicon files and the class words of the constructions.
    lexicon_dir = ROOT / "kim-core" / "lexicon"
    lexicon = [
        line.split("\t")[5]
        for name in ("default.tsv", "targets.tsv", "insults.tsv")
        for line in (lexicon_dir / name).read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    ]
    for line in (lexicon_dir / "constructions.tsv").read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if fields[0] == "class" and len(fields) > 2:
            words = (w.strip().lstrip("=") for w in fields[2].split("|"))
            lexicon += [w for w in words if w and not w.startswith("-") and not w.endswith("-")]
    rx = re.compile(
        r"\b(?:" + "|".join(re.escape(p) for p in sorted(lexicon, key=len, reverse=True)) + r")\b", re.IGNORECASE
    )
    corpus = [
        line.split("\t", 2)[2]
        for line in (ROOT / "kim-core" / "tests" / "data" / "moderation_corpus.tsv")
        .read_text(encoding="utf-8")
        .splitlines()
        if line and not line.startswith("#")
    ]
    texts = [f"{corpus[i % len(corpus)]} (kiriman ke-{i})" for i in range(20_000)]
    moderator = kim.Moderator.default()

    def with_re() -> int:
        return sum(len(rx.findall(t)) for t in texts)

    def with_moderator() -> int:
        return sum(len(vd.matches) for vd in moderator.check_many(texts))

    t_mod, t_re = side(with_moderator, with_re, 5)
    mb = sum(len(t.encode()) for t in texts) / 1e6

    print("Best of 51 consecutive runs of each side (median in parentheses); moderation: 5 runs.")
    print()
    print("| what | kim | alternative | ratio |")
    print("| --- | --- | --- | --- |")
    what = "national coverage, kecamatan level, to a pandas DataFrame"
    print(f"| {what} | {cell(t_kim)} | pandas merge + groupby {cell(t_pd)} | {ratio(t_kim, t_pd)} |")
    print(f"| same | {cell(t_kim2)} | DuckDB SQL {cell(t_duck)} | {ratio(t_kim2, t_duck)} |")
    what = "national coverage, kecamatan level, to a Polars DataFrame"
    alt = f"Polars lazy join + group_by {cell(t_pl)}"
    print(f"| {what} | {cell(t_kim_pl)} | {alt} | {ratio(t_kim_pl, t_pl)} |")
    what = f"moderation, {len(texts):,} posts ({mb:.1f} MB)"
    print(f"| {what} | check_many {cell(t_mod, 0)} | `re` alternation {cell(t_re, 0)} | {ratio(t_mod, t_re)} |")


if __name__ == "__main__":
    main()
