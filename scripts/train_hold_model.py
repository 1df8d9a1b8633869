#!/usr/bin/env python3
"""Trains the hold model of kim's moderation (issue 16) and writes kim-core/lexicon/hold_model.bin.

The model HOLDS a post the rules allow (`Moderator::default()` has it; `without_hold_model()` drops it), and gives a
second opinion on a block of the rules of one category and on a hold (below); it never blocks, and allows only a post
the rules hold without personal data whose sentences it reads as clearly lawful.

- Classes: `benign` and the 10 harmful categories of the corpora (multinomial logistic regression, scikit-learn,
  class_weight='balanced', lbfgs).
- Training pool: every labelled corpus in the repository except heldout21.tsv, news21.tsv, heldout22.tsv and news22.tsv,
  the test splits, which are never read: dev.tsv, test.tsv, heldout2.tsv to heldout5.tsv, train6.tsv (a training
  file written close to harm),
  chat7.tsv (everyday chat), train8.tsv (harm in the meaning), train9.tsv (reporting on a harm, with the harm),
  train10.tsv (every category and kind), train11.tsv to train20.tsv (hard lawful text: most benign items carry a word
  that looks harmful out of context), heldout6.tsv to heldout10.tsv (test splits until 2026-12-05, fourth session:
  retired to training once heldout12 existed; leave one corpus out, adding them raised every other independent corpus's
  recall by 0.5 to 4 points and lowered most of their benign holds), heldout11.tsv and heldout12.tsv (test splits until
  2026-12-06, retired to training once heldout15 existed), heldout13.tsv to heldout15.tsv (test splits until 2026-12-06,
  eighth session, retired to training once heldout16 existed), heldout16.tsv (the test split until 2026-12-06, ninth
  session, retired to training once heldout17 existed), heldout17.tsv, news17.tsv and the test half of news16.tsv (test
  splits until 2026-12-06, tenth session, retired to training once heldout18 and news18 were being written:
  hold-2026-12-06.4 is the first model trained on them), heldout18.tsv and news18.tsv (test splits until 2026-12-06,
  eleventh session, retired to training once heldout19 and news19 were being written; hold-2026-12-06.5, the first model
  trained on them, was not shipped: on heldout19 it let 3 more harmful posts through than `.4`), heldout19.tsv and
  news19.tsv (test splits until 2026-12-06, twelfth session, retired once heldout20 and news20 were being written),
  heldout20.tsv and news20.tsv (test splits until 2026-12-06, thirteenth session, retired once heldout22 and news22
  were being written: they had judged six engines; hold-2026-12-06.6 is the first shipped model trained on heldout19,
  news19, heldout20 and news20), the whole of news16.tsv
  (lawful news only; the model trained on its dev half until .4), moderation_corpus.tsv, and the training half of
  short.tsv (short everyday messages, which the other corpora lack: without them the model held "Halo" and "ok"). The
  rules were never tuned on heldout4 (round 14 printed five of its items by mistake; no rule was written for them),
  heldout5 or on the set-aside quarter of dev/test; the model is trained on them. The model's honest figures are on
  heldout21, news21, heldout22, news22 and the test half of short.tsv.
- Features (kim-core/src/moderation/model.rs computes the same): the text as the rules read it (INPUT = "normalized":
  leetspeak, repeated letters, look-alikes, spelled-out words and numeric suffixes folded; the engine's own
  normaliser, through `moderate_posts --normalized`, so that nothing is re-implemented here; since hold-2026-12-05.8:
  leave one corpus out it caught 1 to 1.6 points more of the independent corpora's harm than the raw text at every
  hold budget from 4% to 6% of benign posts), lowercased (str.lower), tokens are maximal
  runs of characters with str.isalnum (Rust: char::is_alphanumeric; the two differ only on rare combining marks and
  circled letters); for each token `w ` + token, for each adjacent pair `b ` + t1 + ` ` + t2, and the character 3- to
  5-grams of ` ` + token + ` ` prefixed by `c `; each feature string hashed with FNV-1a 64 over its UTF-8 bytes, modulo
  BUCKETS; counts to 1 + ln(count), then L2-normalised.
- Evaluation inside the pool is leave-one-corpus-out: the model that scores a corpus was trained on the others, so
  its figures are those of text by other authors (5-fold splits inside one corpus share its authors and understate
  how many benign posts the model holds on new text: 0.4% against 1.6% at the same threshold).
- C: of CS, the one whose leave-one-corpus-out model alone catches most harmful posts of the independent corpora
  (INDEPENDENT) at its threshold.
- min_tokens: the model holds no post with fewer words (MAX_RECALL_COST).
- Hold threshold on P(harmful) = 1 - P(benign): the lowest on a 0.01 grid such that, leave-one-corpus-out, the model
  holds at most MAX_MODEL_BENIGN of the benign posts of the independent corpora (INDEPENDENT) that the rules allow,
  and at most MAX_MODEL_NEWS of their news-style benign items (NEWS_KINDS): half of issue 16's ceilings for clean
  posts (5%) and for lawful news (2%); the rules answer for the other half. (Until 2026-12-05 (second session) the
  ceilings applied to the rules and the model together; once train11 joined INDEPENDENT the rules alone kept 2.02% of
  its news items from being published, over the whole ceiling, and that policy gave the model the grid's top
  threshold, 0.99, and 76.7% leave-one-corpus-out recall. Before that: the model alone could hold at most 1.5% of the
  benign posts.)
- unblock: when the rules of one category alone (not a NIK) block a post and the model reads the sentence around each
  blocking match as lawful (at least min_tokens words, P(harmful) under `unblock`), the post only holds; the largest
  value on a 0.01 grid up to 0.5 (above it the model would temper a block it reads as more likely harmful than not)
  that, leave one corpus out, turns at most MAX_HARMFUL_UNBLOCKED of the independent corpora's blocked harmful posts
  into holds (they stay not allowed). With hold-2026-12-05.9 the grid's end binds, not the ceiling: at 0.5, 23 of the
  1,036 harmful blocks and 32 of the 44 benign ones only hold. The sentences are cut as the engine cuts them
  (`sentences_around` in kim-core/src/moderation/normalize/mod.rs) and scored by the model that left their corpus out.
- release: when the rules hold a post for profanity or insult alone (every holding match `kasar`, nothing blocks, no
  NIK, phone number or e-mail address in the text, even a flagged one) and the model reads the sentence around each
  holding match as clearly lawful (min_tokens to RELEASE_MAX_WORDS words, P(harmful) under `release`),
  the post is allowed, its matches flagged, unless the model holds it whole; the largest value on a 0.01 grid up to
  MAX_RELEASE that, leave one corpus out, releases at most MAX_HARMFUL_RELEASED of the harmful posts the rules hold in
  the independent corpora. One leave-one-corpus-out fit per corpus scores the sentences of both second opinions.
  With hold-2026-12-05.9: 0.04; of the posts the rules hold for kasar alone in the independent corpora (in short
  sentences naming nobody), 36 of 112 benign and 4 of 485 harmful are released; with hold-2026-12-05.10 (train15 and
  train16 in the pool, round 12 of the rules): 0.17, 76 of 130 benign and 5 of 577 harmful; with hold-2026-12-05.11
  (train17 and train18 too, round 13 of the rules): 0.24, 88 of 139 benign and 6 of 660 harmful; with
  hold-2026-12-06.1 (train19, train20, heldout11 and heldout12 too, round 14 of the rules): 0.16, 105 of 189 benign
  and 8 of 834 harmful; with hold-2026-12-06.2 (heldout13 to heldout15 and news16's dev half too, round 15 before its
  antichain context): 0.16, 112 of 195 benign and 9 of 977 harmful. (Released for any
  category and any sentence length, the same ceiling gave 0.3 and released 313 of 450 benign holds and 23 of 3,126
  harmful ones, but a review padded harm with village-meeting words and got half of its held harmful probes released.)
- release_capped: when every match that holds a post was capped at hold by the rules themselves (a reporting, opposing
  or debunking context of the constructions' `cap` lines; not quotation marks, which any context word turns on, nor the
  model's own unblock, so that a block of the rules stays at least held), no NIK, phone number or e-mail address is in
  the text, and the model reads the sentence around each holding match as clearly lawful (min_tokens to
  RELEASE_MAX_WORDS words, naming nobody, P(harmful) under `release_capped`), the post is allowed unless the model holds
  it whole: reporting on a harm is not the harm, and the model, trained on such reports, decides what the rules could
  only doubt. The largest value on a 0.01 grid up to MAX_RELEASE that, leave one corpus out, publishes at most
  MAX_HARMFUL_CAPPED_RELEASED of all the independent corpora's harmful posts this way. hold-2026-12-06.3 was calibrated
  on a wider set (any length, names, quotation marks and the unblock included: 0.3, the grid's top, 14 of 92 harmful
  capped holds and 140 of 178 benign released); a review then got 15 of 60 padded harmful probes published, none with
  the limits of length and names, and a second review showed that the unblock and quotation marks let the model alone
  publish what the rules block. The engine and this script now apply all three limits (the released set is a subset of
  the calibrated one, so the ceiling still holds).
- The rules' decisions on the pool come from the moderate_posts example with --rules-only (one post per line, so a
  newline inside a post reads as a space): `cargo build -p kim-examples --example moderate_posts` first.

The file: the line `KIMHOLD 1`, one line of JSON (buckets, classes, threshold, per-class scale and intercept,
provenance: training files with sha256, date, C, out-of-fold figures), then the weights as int8, class after class,
BUCKETS each; a weight is int8 * the class's scale. The fixture kim-core/tests/data/moderation/hold_model_parity.tsv
lists texts with the probabilities of the quantised model, for the Rust parity test.

Usage: /tmp/mv/bin/python scripts/train_hold_model.py [--engine PATH] [--id hold-YYYY-MM-DD.N]
(deterministic: no randomness is used). With KIM_DUMP=FILE it also writes each pool item's corpus, kind, label, the
rules' decision (1 = allowed) and its leave-one-corpus-out P(harmful), for reading a training corpus's misses.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import math
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "kim-core" / "tests" / "data"
OUT = ROOT / "kim-core" / "lexicon" / "hold_model.bin"
FIXTURE = DATA / "moderation" / "hold_model_parity.tsv"
BUCKETS = 1 << 16
# C=100 was chosen among 3, 10, 30 and 100 (out of fold, 2026-12-04) and between 30 and 100 (leave one corpus out,
# 2026-12-05); one value keeps a training run to a few minutes.
CS = [100.0]
MAX_MODEL_BENIGN = 0.025
# ... and at most this share of their benign news-style items (half of issue 16's ceiling for lawful news).
MAX_MODEL_NEWS = 0.01
NEWS_KINDS = (
    "agama",
    "bencana",
    "berita-kriminal",
    "budaya",
    "hoaks-berita",
    "judi-berita",
    "kesehatan",
    "pengadilan",
    "pengumuman",
    "politik",
)
GRAMS = (3, 4, 5)
INDEPENDENT = (
    "heldout2.tsv",
    "heldout3.tsv",
    "heldout4.tsv",
    "heldout5.tsv",
    "train6.tsv",
    "chat7.tsv",
    "train8.tsv",
    "train10.tsv",
    "train11.tsv",
    "train12.tsv",
    "train13.tsv",
    "train14.tsv",
    "train15.tsv",
    "train16.tsv",
    "train17.tsv",
    "train18.tsv",
    "train19.tsv",
    "train20.tsv",
    "heldout6.tsv",
    "heldout7.tsv",
    "heldout8.tsv",
    "heldout9.tsv",
    "heldout10.tsv",
    "heldout11.tsv",
    "heldout12.tsv",
    "heldout13.tsv",
    "heldout14.tsv",
    "heldout15.tsv",
    "heldout16.tsv",
    "news16.tsv",
    "heldout17.tsv",
    "news17.tsv",
    "heldout18.tsv",
    "news18.tsv",
    "heldout19.tsv",
    "news19.tsv",
    "heldout20.tsv",
    "news20.tsv",
)
# Trained on and scored leave one corpus out, but not in the calibration of the threshold and `unblock`: train9.tsv is
# a stress set of reporting on a harm (every benign item quotes one), not a sample of news. With it in INDEPENDENT the
# news ceiling alone set the threshold at 0.92 (leave-one-corpus-out: 87.1% of the independent corpora's harmful posts
# not allowed, against 92% at 0.78 without it); its own figures are printed and kept in the file's provenance.
STRESS = ("train9.tsv",)
# A block of the rules that the model reads as lawful (P(harmful) under `unblock`) only holds: the largest `unblock`
# on a 0.01 grid that, leave one corpus out, turns at most this share of the independent corpora's blocked harmful
# posts into holds (they stay not allowed, and a person sees them).
MAX_HARMFUL_UNBLOCKED = 0.05
# A hold of the rules whose sentences the model reads as clearly lawful (P(harmful) under `release`) is released: the
# post is allowed unless the model holds it whole. `release` is the largest value on a 0.01 grid up to MAX_RELEASE
# that, leave one corpus out, releases at most this share of the harmful posts the rules hold in the independent
# corpora. (2026-12-05, fourth session: leave one corpus out, whole posts the rules held or blocked with P(harmful)
# under 0.1 were 63% of such benign posts and 0.09% of all harmful ones.)
MAX_HARMFUL_RELEASED = 0.01
MAX_RELEASE = 0.3
# A hold the rules themselves doubted (every holding match capped by a reporting or opposing context, quotation marks,
# or the model's unblock: "razia situs judi slot gacor", a court report quoting a threat) whose sentences the model
# reads as clearly lawful (P(harmful) under `release_capped`) is released. `release_capped` is the largest value on a
# 0.01 grid up to MAX_RELEASE that, leave one corpus out, publishes at most this share of all the harmful posts of the
# independent corpora (recall is the first target of issue 16: a tenth of a point at most).
MAX_HARMFUL_CAPPED_RELEASED = 0.001
# The engine's RELEASE_MAX_WORDS: the longest sentence in which a hold may be released (a review padded harm with
# village-meeting words until the model read it as lawful; a short sentence leaves no room for that).
RELEASE_MAX_WORDS = 20
# short.tsv (short everyday messages) is split in two halves by a hash of the text: the model trains on one, the
# other tests it (`short-test` in kim-core/tests/moderation_eval.rs).
SHORT_SEED = b"kim-short-2026-12-05"
# The fewest words the model holds a post with: the largest count that costs the independent corpora at most this
# much of their combined recall, leave one corpus out (short posts give the model too little to go on).
MAX_RECALL_COST = 0.002
FNV_OFFSET = 0xCBF29CE484222325
FNV_PRIME = 0x100000001B3
MASK = 0xFFFFFFFFFFFFFFFF


def fnv1a(data: bytes) -> int:
    h = FNV_OFFSET
    for b in data:
        h = ((h ^ b) * FNV_PRIME) & MASK
    return h


def hash_parity(seed: bytes, text: str) -> int:
    """0 or 1: how short.tsv is halved (`hashed_half` in kim-core/tests/moderation_eval.rs)."""
    return fnv1a(seed + text.encode()) % 2


def short_test(text: str) -> bool:
    return hash_parity(SHORT_SEED, text) == 0


def parse(path: Path) -> list[tuple[str, str]]:
    """(label, text) per item: label is `benign` or the harmful category."""
    return [(lab, text) for lab, _, text in parse_kinds(path)]


def parse_kinds(path: Path) -> list[tuple[str, str, str]]:
    """(label, kind, text) per item: label is `benign` or the harmful category, kind the second column."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        kind, cat, text = line.split("\t", 2)
        out.append(("benign" if kind == "benign" else cat, cat, text.replace("\\n", "\n")))
    return out


def tokens(text: str) -> list[str]:
    out, cur = [], []
    for ch in text.lower():
        if ch.isalnum():
            cur.append(ch)
        elif cur:
            out.append("".join(cur))
            cur = []
    if cur:
        out.append("".join(cur))
    return out


def features(text: str) -> dict[int, float]:
    counts: dict[int, int] = {}

    def add(key: str) -> None:
        b = fnv1a(key.encode()) % BUCKETS
        counts[b] = counts.get(b, 0) + 1

    toks = tokens(text)
    for i, w in enumerate(toks):
        add("w " + w)
        if i:
            add("b " + toks[i - 1] + " " + w)
        g = " " + w + " "
        for n in GRAMS:
            for j in range(len(g) - n + 1):
                add("c " + g[j : j + n])
    v = {b: 1.0 + math.log(x) for b, x in counts.items()}
    norm = math.sqrt(sum(x * x for x in v.values())) or 1.0
    return {b: x / norm for b, x in v.items()}


# What the model's features are computed from (the file's "input"): the text as the rules read it.
INPUT = "normalized"


def normalized(engine: Path, texts: list[str]) -> list[str]:
    """Each text as the rules read it, from the engine itself (`moderate_posts --normalized`, one post per line: a
    newline inside a post is sent as a space, which the normaliser treats alike)."""
    inp = "".join(t.replace("\n", " ").replace("\r", " ") + "\n" for t in texts)
    p = subprocess.run([str(engine), "-", "--normalized"], input=inp, capture_output=True, text=True, check=False)
    out = p.stdout.split("\n")[:-1]
    if p.returncode != 0 or len(out) != len(texts):
        sys.exit(f"moderate_posts --normalized gave {len(out)} lines for {len(texts)} posts: {p.stderr[:500]}")
    return out


def model_read(engine: Path, texts: list[str]) -> list[str]:
    """`texts` as the model reads them (INPUT): what its features and its word counts (min_tokens) are computed from,
    as the engine counts them."""
    return normalized(engine, texts) if INPUT == "normalized" else texts


def matrix(texts: list[str]) -> sp.csr_matrix:
    rows, cols, vals = [], [], []
    for i, t in enumerate(texts):
        for b, x in sorted(features(t).items()):
            rows.append(i)
            cols.append(b)
            vals.append(x)
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(texts), BUCKETS))


def sentence_around(text: bytes, start: int, end: int) -> bytes:
    """As the engine's `sentences_around`, for one span: from after the last sentence end before `start` to the first
    one at or after `end`; a sentence ends at a line break, or at `.`, `!` or `?` followed by whitespace or the end of
    the text."""

    def ends_at(i: int) -> bool:
        return text[i] == 0x0A or (text[i] in b".!?" and (i + 1 == len(text) or text[i + 1] in b" \t\n\r\x0b\x0c"))

    start, end = min(start, len(text)), max(min(end, len(text)), min(start, len(text)))
    lo = next((i + 1 for i in range(start - 1, -1, -1) if ends_at(i)), 0)
    hi = next((i + 1 for i in range(end, len(text)) if ends_at(i)), len(text))
    return text[lo:hi]


def rules_decide(
    engine: Path, texts: list[str]
) -> tuple[np.ndarray, np.ndarray, list[list[str]], np.ndarray, list[list[str]], np.ndarray]:
    """Per text: whether the rules allow it, whether they block it on rules of one category (no NIK), the sentences
    around its blocking matches, whether they hold it with no personal data among the holds (a hold the model may
    release), the sentences around its holding matches, and whether every holding match was capped by a context (a hold
    the rules doubted)."""
    inp = "\n".join(t.replace("\n", " ") for t in texts) + "\n"
    cmd = [str(engine), "-", "--json", "--rules-only"]  # the rules alone: the default moderator has the model
    p = subprocess.run(cmd, input=inp, capture_output=True, text=True, check=False)
    out = [json.loads(line) for line in p.stdout.splitlines() if line.strip()]
    if len(out) != len(texts):
        sys.exit(f"moderate_posts gave {len(out)} verdicts for {len(texts)} posts: {p.stderr[:500]}")
    allowed = np.array([v["decision"] == "allow" for v in out])

    # Spans are bytes of the text as sent (a newline became a space, one byte for one); the sentences are cut from the
    # text itself, newlines included, as the engine sees it.
    def around(action: str) -> list[list[str]]:
        """Per text, the sentences around its matches with this action."""
        return [
            sorted(
                {
                    sentence_around(t.encode(), m["start"], m["end"]).decode()
                    for m in v["matches"]
                    if m["action"] == action
                }
            )
            for t, v in zip(texts, out, strict=True)
        ]

    sentences = around("block")

    # A NIK blocks whatever the model says (docs/domain.md §5): only a block by rules of one category, none a NIK's,
    # can be capped at hold (the engine's `one_category_block_spans`; since 2026-12-06, before a block of one rule),
    # and not when the verdict left matches out of its list (at most 20 per category).
    def one_category_block(v: dict) -> bool:
        blocks = [m for m in v["matches"] if m["action"] == "block"]
        return (
            bool(blocks)
            and not v.get("omitted")
            and len({m["category"] for m in blocks}) == 1
            and all(m["rule_id"] != "pd-nik" for m in blocks)
        )

    cappable = np.array([one_category_block(v) for v in out])
    # A hold the model may release (the engine's `hold_spans`): the rules hold for profanity or insult alone (nothing
    # blocks, every holding match is kasar), the text has no NIK, phone number or e-mail address, even a flagged one,
    # and no match was left out of the verdict's list.
    releasable = np.array(
        [
            v["decision"] == "hold"
            and not v.get("omitted")
            and all(m["category"] == "kasar" for m in v["matches"] if m["action"] == "hold")
            and not any(m["rule_id"] in ("pd-nik", "pd-phone", "pd-email") for m in v["matches"])
            for v in out
        ]
    )
    hold_sentences = around("hold")
    # ... and no sentence around a holding match names someone (the engine's `names_someone`).
    nobody = np.array([not any(names_someone(t) for t in ts) for ts in hold_sentences])
    releasable &= nobody
    # A hold the rules doubted (the engine's `capped_hold_spans`): every holding match capped by a context of the
    # constructions (not by quotation marks, which any context word turns on, nor by the model's unblock: a block of the
    # rules stays at least held), no NIK, phone number or e-mail address, no match left out.
    capped = np.array(
        [
            v["decision"] == "hold"
            and not v.get("omitted")
            and all(
                m.get("softened_by") not in (None, "quotation", "hold-model")
                for m in v["matches"]
                if m["action"] == "hold"
            )
            and not any(m["rule_id"] in ("pd-nik", "pd-phone", "pd-email") for m in v["matches"])
            for v in out
        ]
    )
    # ... and, as for the release above, no sentence around a holding match names someone (a review padded harm with
    # a greeting or a notice until the model read the sentence as lawful: the engine applies the same limits here).
    # Nothing blocks in such a post, so its sentences are those around its holds.
    capped &= nobody
    return allowed, cappable, sentences, releasable, hold_sentences, capped


def names_someone(sentence: str) -> bool:
    """As the engine's `names_someone`: a word after the first is capitalised (an upper-case ASCII letter, then a
    lower-case one, after any leading characters that are not alphanumeric)."""
    for w in sentence.split()[1:]:
        i = 0
        while i < len(w) and not w[i].isalnum():
            i += 1
        w = w[i:]
        if len(w) >= 2 and "A" <= w[0] <= "Z" and "a" <= w[1] <= "z":
            return True
    return False


def quantise(coef: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """int8 weights and a scale per class (weight = q * scale)."""
    scales = np.abs(coef).max(axis=1) / 127.0
    scales[scales == 0] = 1.0
    q = np.clip(np.rint(coef / scales[:, None]), -127, 127).astype(np.int8)
    return q, scales


def proba(x: sp.csr_matrix, q: np.ndarray, scales: np.ndarray, intercepts: np.ndarray) -> np.ndarray:
    w = q.astype(np.float64) * scales[:, None]
    z = np.asarray(x @ w.T) + intercepts
    z -= z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def fit(x: sp.csr_matrix, y: np.ndarray, c: float) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=3000, class_weight="balanced").fit(x, y)


def loco(x: sp.csr_matrix, y: np.ndarray, groups: np.ndarray, c: float, classes: list[str]) -> np.ndarray:
    """Leave-one-corpus-out probabilities of the quantised models (columns in `classes` order)."""
    out = np.zeros((len(y), len(classes)))
    for g in sorted(set(groups)):
        te = groups == g
        m = fit(x[~te], y[~te], c)
        assert list(m.classes_) == classes
        q, s = quantise(m.coef_)
        out[te] = proba(x[te], q, s, m.intercept_)
    return out


def loco_max_harm(
    x: sp.csr_matrix,
    y: np.ndarray,
    groups: np.ndarray,
    c: float,
    classes: list[str],
    sets: list[list[list[str]]],
) -> list[np.ndarray]:
    """For each set of texts per item: the highest leave-one-corpus-out P(harmful) over an item's texts, as the model
    reads them (1.0 when it has none). One model per corpus serves every set."""
    bi = classes.index("benign")
    outs = [np.ones(len(y)) for _ in sets]
    for g in sorted(set(groups)):
        te = np.flatnonzero(groups == g)
        if not any(texts[i] for texts in sets for i in te):
            continue
        m = fit(x[groups != g], y[groups != g], c)
        q, s = quantise(m.coef_)
        for texts, out in zip(sets, outs, strict=True):
            todo = [i for i in te if texts[i]]
            if not todo:
                continue
            flat = [t for i in todo for t in texts[i]]
            p = 1.0 - proba(matrix(flat), q, s, m.intercept_)[:, bi]
            k = 0
            for i in todo:
                out[i] = p[k : k + len(texts[i])].max()
                k += len(texts[i])
    return outs


def threshold(p_harm: np.ndarray, benign: np.ndarray, allowed: np.ndarray, news: np.ndarray) -> float:
    for t in np.arange(0.50, 1.0, 0.01):
        added = (p_harm > t) & allowed
        if added[benign].mean() <= MAX_MODEL_BENIGN and added[news].mean() <= MAX_MODEL_NEWS:
            return round(float(t), 2)
    # No threshold on the grid meets the ceilings: the top one, said out loud (it left the model nearly silent once).
    print("threshold: no value meets MAX_MODEL_BENIGN and MAX_MODEL_NEWS; using 0.99", file=sys.stderr)
    return 0.99


def figures(p_harm: np.ndarray, t: float, benign: np.ndarray, allowed: np.ndarray) -> dict[str, float | None]:
    """Shares of a corpus's posts; None (JSON null) where the corpus has no post of that label (news16 has no harmful
    post, and a NaN would not be JSON)."""
    harmful = ~benign
    comb = ~allowed | (p_harm > t)

    def share(hit: np.ndarray, of: np.ndarray) -> float | None:
        return round(float(hit[of].mean()), 4) if of.any() else None

    return {
        "rules_harmful_not_allowed": share(~allowed, harmful),
        "model_alone_harmful_over_threshold": share(p_harm > t, harmful),
        "combined_harmful_not_allowed": share(comb, harmful),
        "rules_benign_not_allowed": share(~allowed, benign),
        "combined_benign_not_allowed": share(comb, benign),
        "extra_benign_held": share((p_harm > t) & allowed, benign),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--engine", type=Path, default=ROOT / "target" / "debug" / "examples" / "moderate_posts")
    ap.add_argument("--id", help="the model's id in verdicts (default hold-<today>)")
    args = ap.parse_args()
    mod = DATA / "moderation"
    names = ["dev.tsv", "test.tsv", "heldout2.tsv", "heldout3.tsv", "heldout4.tsv", "heldout5.tsv"]
    names += ["train6.tsv", "chat7.tsv", "train8.tsv", "train9.tsv", "train10.tsv", "train11.tsv", "train12.tsv"]
    names += ["train13.tsv", "train14.tsv", "heldout6.tsv", "heldout7.tsv", "heldout8.tsv", "heldout9.tsv"]
    names += ["heldout10.tsv", "train15.tsv", "train16.tsv", "train17.tsv", "train18.tsv"]
    names += ["heldout11.tsv", "heldout12.tsv", "train19.tsv", "train20.tsv"]
    names += ["heldout13.tsv", "heldout14.tsv", "heldout15.tsv", "heldout16.tsv", "news16.tsv"]
    names += ["heldout17.tsv", "news17.tsv"]
    names += ["heldout18.tsv", "news18.tsv"]
    names += ["heldout19.tsv", "news19.tsv"]
    names += ["heldout20.tsv", "news20.tsv"]
    files = [mod / n for n in names] + [DATA / "moderation_corpus.tsv", mod / "short.tsv"]
    pool, groups = [], []
    kinds = []
    for f in files:
        items = parse_kinds(f)
        if f.name == "short.tsv":
            items = [i for i in items if not short_test(i[2])]
        pool += [(lab, text) for lab, _, text in items]
        kinds += [kind for _, kind, _ in items]
        # dev and test share their authors: one corpus for leave-one-corpus-out.
        groups += ["dev+test" if f.name in ("dev.tsv", "test.tsv") else f.name] * len(items)
    texts = [t for _, t in pool]
    y = np.array([lab for lab, _ in pool])
    g = np.array(groups)
    classes = sorted(set(y))
    bi = classes.index("benign")
    read = model_read(args.engine, texts)
    x = matrix(read)
    benign = y == "benign"
    news = benign & np.isin(np.array(kinds), NEWS_KINDS)
    indep = np.isin(g, INDEPENDENT)
    allowed, cappable, sentences, releasable, hold_sentences, capped = rules_decide(args.engine, texts)
    print(f"pool: {len(pool)} items, {benign.sum()} benign; rules allow {allowed.sum()}", file=sys.stderr)
    best = None
    cv = {}
    for c in CS:
        p_harm = 1.0 - loco(x, y, g, c, classes)[:, bi]
        t = threshold(p_harm[indep], benign[indep], allowed[indep], news[indep])
        per = {name: figures(p_harm[g == name], t, benign[g == name], allowed[g == name]) for name in sorted(set(g))}
        f = figures(p_harm[indep], t, benign[indep], allowed[indep])
        cv[str(c)] = {"threshold": t, "independent": f, "by_corpus": per}
        print(f"C={c}: t={t} independent {f}", file=sys.stderr)
        for name, fig in per.items():
            print(f"    {name}: {fig}", file=sys.stderr)
        key = (f["model_alone_harmful_over_threshold"], f["combined_harmful_not_allowed"])
        if best is None or key > best[0]:
            best = (key, c, t, p_harm)
    _, c, t, p_harm = best
    if os.environ.get("KIM_DUMP"):
        # Out-of-fold P(harmful) of every pool item, for reading a training corpus's misses (never a test split's).
        with open(os.environ["KIM_DUMP"], "w", encoding="utf-8") as out:
            for i, text in enumerate(texts):
                out.write(f"{g[i]}\t{kinds[i]}\t{y[i]}\t{int(allowed[i])}\t{p_harm[i]:.3f}\t{text}\n")
    ntok = np.array([len(tokens(s)) for s in read])
    base = figures(p_harm[indep], t, benign[indep], allowed[indep])["combined_harmful_not_allowed"]
    min_tokens = 1
    for n in range(1, 13):
        p = np.where(ntok >= n, p_harm, 0.0)
        if (
            figures(p[indep], t, benign[indep], allowed[indep])["combined_harmful_not_allowed"]
            >= base - MAX_RECALL_COST
        ):
            min_tokens = n

    # The second opinion on a block reads the sentences around the blocking matches, each of min_tokens words or
    # more (a shorter one keeps the block: P counts as 1).
    # Never for a text with a right-to-left override (the engine's rule).
    # The second opinion on a hold reads the sentences around the holding matches in the same way.
    def readable(sents: list[list[str]], eligible: np.ndarray, most: int) -> list[list[str]]:
        flat = model_read(args.engine, [t for ts in sents for t in ts])
        read, k = [], 0
        for ts in sents:
            read.append(flat[k : k + len(ts)])
            k += len(ts)
        return [
            ts
            if eligible[i] and "\u202e" not in texts[i] and all(min_tokens <= len(tokens(t)) <= most for t in ts)
            else []
            for i, ts in enumerate(read)
        ]

    p_block, p_hold, p_capped = loco_max_harm(
        x,
        y,
        g,
        c,
        classes,
        [
            readable(sentences, cappable, 10**9),
            readable(hold_sentences, releasable, RELEASE_MAX_WORDS),
            readable(hold_sentences, capped, RELEASE_MAX_WORDS),
        ],
    )
    harm_blocked = indep & cappable & ~benign
    unblock = 0.0
    for u in np.arange(0.01, 0.51, 0.01):
        if (p_block[harm_blocked] < u).mean() <= MAX_HARMFUL_UNBLOCKED:
            unblock = round(float(u), 2)
    ben_blocked = indep & cappable & benign
    print(
        f"unblock={unblock}: of the independent corpora's blocks, {int((p_block[ben_blocked] < unblock).sum())} of"
        f" {int(ben_blocked.sum())} benign and {int((p_block[harm_blocked] < unblock).sum())} of"
        f" {int(harm_blocked.sum())} harmful only hold",
        file=sys.stderr,
    )
    # release: the largest value on a 0.01 grid up to MAX_RELEASE that, leave one corpus out, releases at most
    # MAX_HARMFUL_RELEASED of the harmful posts the rules hold in the independent corpora (a released post is
    # published, unless the model itself holds it whole).
    harm_held = indep & releasable & ~benign
    release = 0.0
    for u in np.arange(0.01, MAX_RELEASE + 0.001, 0.01):
        if (p_hold[harm_held] < u).mean() <= MAX_HARMFUL_RELEASED:
            release = round(float(u), 2)
    ben_held = indep & releasable & benign
    released = (p_hold < release) & (p_harm <= t)
    print(
        f"release={release}: of the independent corpora's holds, {int(released[ben_held].sum())} of"
        f" {int(ben_held.sum())} benign and {int(released[harm_held].sum())} of {int(harm_held.sum())} harmful are"
        f" released (and not held whole by the model); {int((~allowed & benign & indep).sum())} benign and"
        f" {int((~benign & indep).sum())} harmful posts in all",
        file=sys.stderr,
    )
    # release_capped: the largest value on a 0.01 grid up to MAX_RELEASE that, leave one corpus out, publishes at most
    # MAX_HARMFUL_CAPPED_RELEASED of all the harmful posts of the independent corpora through a capped hold (a
    # released post is published unless the model holds it whole).
    eligible = capped
    harm_capped = indep & eligible & ~benign
    release_capped = 0.0
    for u in np.arange(0.01, MAX_RELEASE + 0.001, 0.01):
        if ((p_capped < u) & (p_harm <= t))[harm_capped].sum() <= MAX_HARMFUL_CAPPED_RELEASED * (~benign & indep).sum():
            release_capped = round(float(u), 2)
    ben_capped = indep & eligible & benign
    freed = (p_capped < release_capped) & (p_harm <= t)
    print(
        f"release_capped={release_capped}: of the independent corpora's capped holds, {int(freed[ben_capped].sum())}"
        f" of {int(ben_capped.sum())} benign ({int(freed[ben_capped & news].sum())} of"
        f" {int((ben_capped & news).sum())} news) and {int(freed[harm_capped].sum())} of {int(harm_capped.sum())}"
        " harmful are released",
        file=sys.stderr,
    )
    held_short = [(int(n), int(((p_harm > t) & benign & allowed & (ntok == n)).sum())) for n in range(1, 13)]
    print(
        f"min_tokens={min_tokens}; benign posts held leave-one-corpus-out by word count: {held_short}", file=sys.stderr
    )
    m = fit(x, y, c)
    q, scales = quantise(m.coef_)
    header = {
        "format": 1,
        "id": args.id or f"hold-{datetime.date.today().isoformat()}",
        "buckets": BUCKETS,
        "classes": classes,
        "threshold": t,
        "min_tokens": min_tokens,
        "unblock": unblock,
        "release": release,
        "release_capped": release_capped,
        "scales": [float(s) for s in scales],
        "intercepts": [float(b) for b in m.intercept_],
        "grams": [GRAMS[0], GRAMS[-1]],
        "input": INPUT,
        "features": (
            "the text as the rules read it (kim_core::moderation::normalized); " if INPUT == "normalized" else ""
        )
        + "lowercase; tokens = runs of alphanumerics; 'w '+tok, 'b '+t1+' '+t2, 'c '+char 3-5 grams of"
        " ' '+tok+' '; FNV-1a 64 mod buckets; 1+ln(tf); L2",
        "provenance": {
            "trainer": "scripts/train_hold_model.py",
            "date": datetime.date.today().isoformat(),
            "training_files": {str(f.relative_to(ROOT)): hashlib.sha256(f.read_bytes()).hexdigest() for f in files},
            "excluded": (
                "heldout21.tsv, news21.tsv, heldout22.tsv and news22.tsv (the test splits); the test half of short.tsv"
            ),
            "items": len(pool),
            "C": c,
            "cv": "leave one corpus out (dev+test, heldout2-20, news16-20, train6, chat7, train8-20,"
            " moderation_corpus, short), quantised models; threshold and unblock calibrated on INDEPENDENT"
            " (not on the stress set STRESS)",
            "stress": list(STRESS),
            "max_harmful_unblocked_independent": MAX_HARMFUL_UNBLOCKED,
            "max_model_benign_held_independent": MAX_MODEL_BENIGN,
            "max_model_news_held_independent": MAX_MODEL_NEWS,
            "loco_by_C": cv,
        },
    }
    head = b"KIMHOLD 1\n" + json.dumps(header, sort_keys=True, separators=(",", ":")).encode() + b"\n"
    OUT.write_bytes(head + q.tobytes(order="C"))
    print(f"wrote {OUT.relative_to(ROOT)}: {OUT.stat().st_size} bytes; C={c} threshold={t}", file=sys.stderr)
    # The parity fixture: every 18th pool text (about 200) and a few made-up ones, with the quantised model's P.
    extra = [
        "",
        "!!!",
        "ÀÉÎ Õü straße İstanbul ΣΑΣ",
        "Ⓢⓛⓞⓣ g4c0r 88 ｆｕｌｌｗｉｄｔｈ",
        "emoji 😀 di tengah kata-kata\ttab",
    ]
    sample = texts[::18] + extra
    pr = proba(matrix(read[::18] + model_read(args.engine, extra)), q, scales, m.intercept_)
    lines = ["# text (\\n, \\t and \\\\ escaped), then P(class) in the order of hold_model.bin's classes"]
    for s, row in zip(sample, pr, strict=True):
        esc = s.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t")
        lines.append(esc + "\t" + "\t".join(f"{v:.6f}" for v in row))
    FIXTURE.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
