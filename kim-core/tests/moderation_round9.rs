//! Round 9 of issue 16 (`kim-core/lexicon/constructions.tsv`, section "round 9", and the lexicons), tuned on
//! `train11.tsv` (hard lawful text: most of its benign items carry a word that looks harmful out of context), then cut
//! back after a review wrote 80 harmful probes dressed in its words and got 76 past the rules alone: interjections
//! (anjir, sialan) are insults again wherever they stand, "rusak" is a violent verb again, a bare "bukti transfer" or
//! "kirim ke posko" no longer exempts, and "pesan berantai palsu" is not a debunk. What stays is tested both ways: the
//! lawful text it was made for, and the harm that borrows the same words. The sentences were written for these tests
//! or by the reviewer; none is taken from the corpora.

use kim_core::moderation::Decision;

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::{expect, moderator, not_allowed};

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

/// A debunk word next to a threat or an extortion holds at most, and next to a group dehumanised or disparaged it does
/// not soften: "bukan pesan berantai" used to allow both.
#[test]
fn a_debunk_word_does_not_excuse_a_threat() {
    not_allowed(&[
        "Iki dudu pesan berantai palsu. Omahmu tak obong mengko bengi",
        "Bukan sekadar pesan berantai palsu: kubakar rumahmu!",
        "BUKAN PESAN BERANTAI PALSU!!! Pendatang dari timur itu biang kerok, usir mereka!",
        "Bukan pesan berantai. Transfer 5 juta malam ini atau fotomu kusebar",
    ]);
}

/// What the review of round 9 tried and the rules alone now catch (hold or block); the review's other probes, which
/// no rule of any round caught (ngerusak, merusak, "kirim ke panitia" as a levy), are left to the hold model.
#[test]
fn what_the_review_of_round_9_tried() {
    not_allowed(&[
        "Njir km tuh ga guna bgt, mending keluar aja dari grup ini",
        "anjim lw ga ada akhlak, pantes ditinggal bini",
        "Sialan koen, ngomong nggak dipikir",
        "@rudi_88 anjir, udah ngutang kabur pula",
        "Sialan emang mantan gue, tukang selingkuh, semoga hidupnya sengsara",
        "sialan bapakmu",
        "Kami akan rusak rumahmu malam ini",
        "Ane rusak tokomu besok",
        "Tak rusake omahmu mengko bengi",
        "Bayar 2 juta atau lapakmu kami rusakkan",
        "Gua pastiin rumah lo rusak parah malam ini",
        "Bukti transfer kamu ke bandar judi itu lengkap. Siapkan 10 juta sebelum Jumat, biar istrimu nggak perlu lihat",
        "Bukti bayar kamu ke cewek BO itu udah gue pegang. 5 juta aja, gue diem",
        "Jatah ormas lebaran: setiap ruko kirim ke posko 2 juta. Kalau tidak, jangan heran besok ada yang datang \
         rame-rame",
        "Rekening penampung lama sudah ditutup bank, situs kami tetap gacor. Masuk lewat bit.ly/gacorkita",
        "Spanduk kami dicopot Satpol PP, tapi lapak kami tetap jalan. Togel HK, SGP, SDY tiap malam di t.me/lapaktogel",
        "Satpol PP boleh menertibkan spanduk, situs kami tetap gacor tiap malam di s.id/malamgacor",
        "Awalnya kukira pesan berantai palsu, ternyata benar: telur di pasar disuntik hormon babi, 20 orang sudah \
         meninggal. Bagikan ke warga!",
        "Bantahan Kemenkes itu justru pesan berantai palsu. Vaksin HPV bikin mandul, sebarkan!",
    ]);
}
