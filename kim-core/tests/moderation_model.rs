//! The opt-in hold model (issue 16): `Moderator::with_hold_model` only ever holds a post the rules allow.

use kim_core::moderation::{Action, Decision, HoldModel, Moderator};

const DEV: &str = include_str!("data/moderation/dev.tsv");

fn texts(tsv: &str) -> impl Iterator<Item = String> + '_ {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.splitn(3, '\t').nth(2))
        .map(|t| t.replace("\\n", "\n"))
}

#[test]
fn the_default_moderator_has_no_model() {
    assert!(Moderator::default().hold_model().is_none());
    let m = Moderator::default().with_hold_model();
    let model = m.hold_model().unwrap();
    assert_eq!(model.classes().len(), 11);
}

/// Written for this test (in none of the corpora): a harmful post the rules allow, held by the model.
#[test]
fn an_unseen_harmful_post_is_held_with_its_words() {
    let rules = Moderator::default();
    let m = Moderator::default().with_hold_model();
    let text = HARMFUL;
    assert_eq!(rules.check(text).decision, Decision::Allow);
    let v = m.check(text);
    assert_eq!(v.decision, Decision::Hold, "{v:?}");
    let hit = v
        .matches
        .iter()
        .find(|x| x.rule_id == "model-hold")
        .unwrap();
    assert_eq!(hit.action, Action::Hold);
    assert!(!hit.parts.is_empty() && hit.parts.len() <= 5);
    for p in &hit.parts {
        assert!(text.is_char_boundary(p.start) && p.start < p.end && p.end <= text.len());
        assert!(
            hit.reason_en.contains(&text[p.start..p.end]),
            "{}",
            hit.reason_en
        );
    }
    assert!(hit.reason_id.contains("P(berbahaya)") && hit.reason_en.contains("P(harmful)"));
    assert!(v.categories.contains(&hit.category));
}

const HARMFUL: &str =
    "Minum air rebusan daun ini tiga hari pasti sembuh dari kanker, dokter tidak mau kalian tahu.";

/// Written for this test (in none of the corpora).
#[test]
fn benign_announcements_stay_allowed() {
    let m = Moderator::default().with_hold_model();
    for text in [
        "Pengumuman: posyandu balita dibuka Kamis pukul 08.00 di balai desa, mohon membawa buku KIA.",
        "Kerja bakti membersihkan saluran air RT 03 hari Minggu pagi. Warga diharap membawa cangkul.",
        "Pelatihan membuat kompos untuk kelompok wanita tani, Sabtu 14 Desember di aula kecamatan.",
        // Identity words alone, political criticism and Scunthorpe words stay allowed with the model too.
        "Umat Kristen di desa kami merayakan Natal bersama, warga muslim ikut menjaga keamanan.",
        "Warga Papua dan Bugis menggelar festival budaya di lapangan kecamatan.",
        "Penyandang disabilitas mendapat pelatihan menjahit gratis dari dinas sosial.",
        "Kami menolak kebijakan bupati yang menaikkan pajak pasar, DPRD harus turun tangan.",
        "Pantai Santai di Desa Petai ramai dikunjungi wisatawan saat libur panjang.",
    ] {
        assert_eq!(m.check(text).decision, Decision::Allow, "{text}");
    }
}

/// On every DEV text: a verdict the rules hold or block is unchanged, an allowed one is either unchanged or held by
/// the one `model-hold` match; the model never blocks.
#[test]
fn the_model_only_holds_what_the_rules_allow() {
    let rules = Moderator::default();
    let m = Moderator::default().with_hold_model();
    let mut held = 0;
    for text in texts(DEV) {
        let (a, b) = (rules.check(&text), m.check(&text));
        if a.decision == Decision::Allow && b.decision != Decision::Allow {
            assert_eq!(b.decision, Decision::Hold);
            let extra: Vec<_> = b
                .matches
                .iter()
                .filter(|x| !a.matches.contains(x))
                .collect();
            assert_eq!(extra.len(), 1);
            assert_eq!(extra[0].rule_id, "model-hold");
            assert_eq!(b.matches.len(), a.matches.len() + 1);
            held += 1;
        } else {
            assert_eq!(a, b, "{text}");
        }
    }
    assert!(held > 0);
}

#[test]
fn a_model_file_round_trips() {
    let m = HoldModel::from_bytes(kim_core::moderation::BUILTIN_HOLD_MODEL).unwrap();
    let s = m.score(HARMFUL);
    assert!(s.harmful > m.threshold());
    let sum: f64 = s.probabilities.iter().sum();
    assert!((sum - 1.0).abs() < 1e-9);
}
