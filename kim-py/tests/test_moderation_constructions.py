"""Constructions, targeted insults, contexts and the redacted text, seen from Python (issue 16)."""

from __future__ import annotations

import pickle

import kim


def _part_texts(text: str, match: dict[str, object]) -> list[tuple[str, str]]:
    raw = text.encode("utf-8")
    parts = match["parts"]
    assert isinstance(parts, list)
    return [(p["role"], raw[p["start"] : p["end"]].decode("utf-8")) for p in parts]


def test_a_construction_match_carries_its_parts() -> None:
    text = "Kalau bantuan tidak cair, kantor desa kami bakar malam ini"
    v = kim.Moderator.default().check(text)
    assert v.decision == "block" and "ancaman" in v.categories
    threat = next(m for m in v.matches if m["rule_id"] == "ancam-niat")
    assert _part_texts(text, threat) == [("speaker", "kami"), ("violent", "bakar"), ("target", "kantor desa")]
    assert "softened_by" not in threat
    assert v.matches == v.to_dict()["matches"]


def test_a_targeted_insult_needs_a_target() -> None:
    m = kim.Moderator.default()
    assert m.check("Peternak babi di kampung diminta menjaga kebersihan kandang.").decision == "allow"
    text = "kamu itu kayak babi, makan terus"
    v = m.check(text)
    assert v.decision == "hold"
    insult = next(x for x in v.matches if x["rule_id"] == "kasar-babi")
    assert [role for role, _ in _part_texts(text, insult)] == ["insult", "target"]
    assert _part_texts(text, insult)[0] == ("insult", "babi")
    # The comparison construction of round 5 ("you are like a pig") names its parts too.
    comparison = next(x for x in v.matches if x["rule_id"] == "kasar-banding-kamu")
    assert [role for role, _ in _part_texts(text, comparison)] == ["second", "compare", "lowly"]


def test_reporting_softens_and_says_why() -> None:
    m = kim.Moderator.default()
    v = m.check("Polda menggerebek markas operator situs judi slot gacor, 12 orang ditangkap.")
    assert v.decision == "allow"
    assert {x["softened_by"] for x in v.matches} == {"reporting"}
    assert all(x["action"] == "flag" for x in v.matches)
    assert m.check("Slot gacor maxwin! Daftar sekarang, bonus new member 100%").decision == "block"


def test_a_nik_blocks_and_the_verdict_offers_the_redacted_text() -> None:
    v = kim.Moderator.default().check("Ini NIK si penipu: 3273011204880003, sebarkan!")
    assert v.decision == "block"
    assert v.redacted == "Ini NIK si penipu: 3273**********03, sebarkan!"
    assert "3273011204880003" not in repr(v.to_dict())
    assert pickle.loads(pickle.dumps(v)).redacted == v.redacted
    assert kim.Moderator.default().check("Gotong royong hari Minggu").redacted is None
