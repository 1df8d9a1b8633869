//! Round 9 of issue 16 (`kim-core/lexicon/constructions.tsv`, section "round 9", and the lexicons), tuned on
//! `train11.tsv` (hard lawful text: most of its benign items carry a word that looks harmful out of context). Each
//! change is tested both ways: the lawful text it was made for, and the harm that borrows the same words. The
//! sentences were written for these tests; none is taken from the corpora.

use kim_core::moderation::Decision;

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::{expect, moderator, softened_by};

/// anjir, anjrit, njir, anjim and sialan are exclamations unless aimed at someone (they are `targeted` now, like
/// kampret and bangke): alone they allow, with a pronoun or `dasar` they hold.
#[test]
fn an_exclamation_is_not_an_insult() {
    expect(
        Decision::Allow,
        &[
            "Anjir, hujan gede pisan, jalan ka pasar banjir deui",
            "Sialan, listrik padam pas lagi masak nasi",
            "Anjrit, tagihan listrik bulan ini naik dua kali lipat",
            "Njir, ayam jago tetangga berkokok dari jam 3 subuh",
        ],
    );
    expect(
        Decision::Hold,
        &[
            "Anjir lu goblok banget, dasar otak udang",
            "Sialan lu, awas ya",
            "dasar sialan kamu",
            "anjrit lo, ngapain sih",
        ],
    );
}

/// A payment slip is not leverage: "kirim bukti (transfer) ke 08..." in a shop's advert does not make the construction
/// peras-pegang; "aku punya bukti" with a sum still does, and so does a slip demanded under a threat.
#[test]
fn a_payment_slip_is_not_leverage() {
    let shop = "Kaos sablon 75rb. Transfer Mandiri 1370012345678 a.n. Bagas, kirim bukti ke 0857-6621-9034";
    let v = moderator().check(shop);
    assert_ne!(v.decision, Decision::Block, "{:?}", v.matches);
    assert!(
        v.matches.iter().all(|m| m.category.as_str() != "pemerasan"),
        "{:?}",
        v.matches
    );
    expect(
        Decision::Block,
        &[
            "Aku punya bukti chat kamu sama dia, transfer 2 juta malam ini atau kusebar ke suamimu",
            "Kirim bukti transfer 2 juta ke aku, kalau tidak videomu kusebar ke grup",
            "Kirim ke posko 5 juta malam ini, kalau tidak fotomu kusebar ke semua kontak",
        ],
    );
    // A donation appeal: "kirim ke posko" is where to send help, not an exposure.
    expect(
        Decision::Allow,
        &[
            "Banjir bandang di huta kami, banyak rumah rusak. Kalau ada bantuan, kirim ke posko gereja",
        ],
    );
}

/// "rusak" (broken) is a state, not a blow: a mother's warning allows; "kami rusak rumahmu" still blocks.
#[test]
fn broken_is_not_a_blow() {
    expect(
        Decision::Allow,
        &[
            "Kata Bunda, jangan main HP sampai subuh, nanti matanya rusak dan kamu jadi zombie di sekolah",
        ],
    );
    expect(
        Decision::Block,
        &[
            "Besok kami rusak rumahmu, tunggu saja kau",
            "Gue rusak motor lu malam ini, awas kau",
        ],
    );
}

/// Gambling banners taken down and deposit accounts closed cap a gambling rule at hold (a moderator decides); an
/// advert that names the same raid still blocks.
#[test]
fn a_gambling_raid_goes_to_a_moderator() {
    expect(
        Decision::Hold,
        &[
            "Spanduk slot gacor yg dipasang di jembatan semalem udah dicopot Satpol PP",
            "Bank menutup puluhan rekening penampung deposit judi yang dibuka memakai KTP warga",
        ],
    );
    expect(
        Decision::Block,
        &[
            "Slot gacor GACOR88 daftar sekarang bosku, spanduk kami dicopot Satpol PP tapi link masih jalan",
        ],
    );
}

/// A chain message called fake is a fact-check; "bukan pesan berantai palsu" says the opposite and does not soften.
#[test]
fn a_chain_message_called_fake() {
    let text = "Pesan \"kirim ke 20 grup, dapat pulsa 50rb\" itu pesan berantai palsu. Operator tidak membagikan pulsa \
                seperti itu";
    let v = moderator().check(text);
    assert_eq!(v.decision, Decision::Allow, "{:?}", v.matches);
    assert_eq!(softened_by(&v, "hoaks-pesan-berantai"), Some("debunk"));
    expect(
        Decision::Hold,
        &["Vaksin bikin mandul, ini bukan pesan berantai palsu, sebarkan ke semua grup!"],
    );
}
