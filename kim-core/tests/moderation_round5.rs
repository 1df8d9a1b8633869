//! Round 5 of issue 16 (`kim-core/lexicon/constructions.tsv`, section "round 5"): claim structure for defamation and
//! hoaxes, the reporting frame of gambling news, veiled threats. Each word class fires in one text and stays silent
//! in a near miss; the invariants (hoaxes hold and never block, reports and hedged claims are softened) are checked.

use kim_core::moderation::{Action, Category, Decision, Moderator, Verdict};

fn moderator() -> &'static Moderator {
    static M: std::sync::OnceLock<Moderator> = std::sync::OnceLock::new();
    M.get_or_init(Moderator::default)
}

fn rule(v: &Verdict, id: &str) -> Option<Action> {
    v.matches.iter().find(|m| m.rule_id == id).map(|m| m.action)
}

/// A titled, named person and an accusation (class `charge`) hold as defamation; the same words without a charge, or
/// hedged (class `hedge`: diduga, apakah, menurut polisi, sidang), are not asserted as fact and stay allowed.
#[test]
fn defamation_asserted_of_a_named_person() {
    let m = moderator();
    for text in [
        "Ketua RT 07 Pak Salim maling beras, karungnya disimpan di gudang rumahnya",
        "Pendeta Simon ternyata menggelapkan uang persembahan buat beli tanah",
    ] {
        let v = m.check(text);
        assert_eq!(v.decision, Decision::Hold, "{text}: {:?}", v.matches);
        assert!(v.categories.contains(&Category::Pencemaran), "{text}");
    }
    for text in [
        "Pak Salim menyumbang beras untuk warga RT 07",
        "Pak Salim diduga maling beras, polisi masih menyelidiki",
        "Apakah benar Pak Salim maling beras? Jangan asal tuduh",
        "Sidang perkara korupsi Pak Harjono ditunda pekan depan, kata jaksa",
    ] {
        let v = m.check(text);
        assert_eq!(v.decision, Decision::Allow, "{text}: {:?}", v.matches);
        assert!(
            rule(&v, "cemar-tuduh-nama").is_none_or(|a| a == Action::Flag),
            "{text}"
        );
    }
}

/// Classes `disaster`, `aid` and `certainty`: a claim about health, a disaster or aid with a harm and certainty holds
/// (never blocks); news of the same object without a fabricated claim, and fact-checks of it, stay allowed.
#[test]
fn hoax_claims_hold_and_never_block() {
    let m = moderator();
    for text in [
        "Telur ayam negeri sekarang disuntik hormon babi, makanya anak2 cepat puber",
        "Bendungan Wonorejo sudah retak dan jebol jam 3 nanti, warga harus lari sekarang!!",
        "Pil KB menyebabkan kanker rahim 100%, pemerintah sengaja mau kurangi penduduk",
    ] {
        let v = m.check(text);
        assert_eq!(v.decision, Decision::Hold, "{text}: {:?}", v.matches);
        assert_eq!(rule(&v, "hoaks-klaim"), Some(Action::Hold), "{text}");
    }
    for text in [
        "Bendungan Wonorejo selesai diperbaiki, warga bisa kembali bertani",
        "Cek fakta: pesan bahwa telur disuntik hormon babi, makanya anak cepat puber, tidak benar",
        "Kemenkeu: uang kertas emisi lama tidak hangus, informasi yang beredar menyesatkan",
        "Polisi mengerahkan anjing pelacak untuk mencari korban longsor",
    ] {
        let v = m.check(text);
        assert_eq!(v.decision, Decision::Allow, "{text}: {:?}", v.matches);
    }
}
