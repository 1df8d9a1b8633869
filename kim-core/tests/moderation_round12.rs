//! Round 12 of issue 16 (`kim-core/lexicon/constructions.tsv`, section "round 12"), tuned on the training files and
//! cut back by two reviews (104 and 109 harmful probes, 50 lawful each, plus 70 probes written after the fixes) and a
//! final read of the change (one phrase must not count as two markers): a post
//! that speaks against gambling or tells its cost (`antijudi`), and a lesson on scams that quotes the lure (`lesson`),
//! are not the harm; a call to join, an advert, a demand, a link word or a scam's own call to action (`joinword`,
//! `scamcall`) keeps the rules' hold or block. Advice to potential victims and reporting on a harm, softened since
//! earlier rounds, now stop at a scam's call to action too. The sentences were written for these tests or by the
//! reviews; none is taken from the corpora.

use kim_core::moderation::Decision;

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::{expect, moderator, not_allowed, softened_by};

/// Recovery stories in the first person, an admin who removed a gambling advert, an explanation that the "pola gacor"
/// is a trap and a sermon are allowed (the sermon was before round 12 too); the game's words in the first are only
/// flagged, softened by `antijudi`.
#[test]
fn a_post_against_gambling_is_not_gambling() {
    expect(
        Decision::Allow,
        &[
            "Dulu saya kecanduan togel, sawah warisan digadaikan. Sekarang sudah berhenti dan ikut konseling di puskesmas.",
            "Tadi ada akun promosi slot di grup, sudah saya laporkan dan dihapus admin. Itu spam judi, jangan ditanggapi.",
            "Mesin slot diprogram supaya pemain kalah, pola gacor itu jebakan. Yang menang cuma bandar.",
            "Khotbah Jumat mengingatkan jamaah: judi itu haram dan dosa, jauhi togel dan slot.",
            // the reviews' lawful probes
            "Dulu aku terjerat judol sampai terlilit utang 60 juta. Sekarang udah berhenti, pelan-pelan nyicil. Jangan pernah coba, bandar selalu untung",
        ],
    );
    let v = moderator().check(
        "Dulu saya kecanduan togel, sawah warisan digadaikan. Sekarang sudah berhenti dan ikut konseling di puskesmas.",
    );
    assert_eq!(
        softened_by(&v, "judi-ajakan"),
        Some("antijudi"),
        "{:?}",
        v.matches
    );
}

/// A promoter who opens with the same words and then makes an offer is still held or blocked: the offer (a venue of
/// its own, a new place for the fight, a stake per round, a job as an agent, a private message) cancels the softening.
#[test]
fn a_promoter_who_borrows_the_words_is_not() {
    not_allowed(&[
        "Jangan tertipu situs abal-abal, pola gacor asli cuma di bandar kami, deposit via dana langsung main.",
        "Tajen dilarang di banjar, pindah ke lokasi baru di kebun Pak Kadek, taruhan per ronde 200rb.",
        // the reviews' harmful probes
        "Tajen di banjar sekarang dilarang, pindah ke kebun Pak Made, mulai jam 2, taruhan minimal 500 ribu",
        "Pola gacor yang beredar itu bohong semua, dirancang buat bikin kalian kalah. Pola asli cuma kami yang punya, japri buat dapat pola malam ini",
        "Kemarin sempat dibubarkan aparat, tapi tajen tetap jalan. Lokasi baru info via WA, uang taruhan dipegang Bli Komang",
        "Saya sudah berhenti main di situs penipuan. Sekarang main di GACOR303, deposit 10rb wd lancar tiap hari, gak pernah ditahan",
        "Akun kami sudah dilaporkan dan dihapus 3 kali, tapi kami tetap ada. Cari kami di telegram, slot gacor tiap malam",
        "Habis dipecat? Jangan putus asa. Dicari admin situs slot, kerja dari rumah, gaji 8 juta plus komisi deposit member",
        // the final read: one phrase is one marker ("terjerat" and "terjerat judi", "udah berhenti" and "berhenti
        // main" counted twice), and words a promoter writes are not markers ("kerugian diganti", "jangan menyesal")
        "Terjerat judi? Slot gacor hari ini maxwin x500 pola gacor malam ini",
        "Udah berhenti main? Slot gacor hari ini maxwin x500 pola gacor malam ini",
        "Kerugian diganti 100%, jangan menyesal nanti. Slot gacor maxwin hari ini",
    ]);
}

/// A lesson that quotes a scam message to warn against it is allowed (the second and third softened by `lesson`; the
/// first, allowed before round 12 too, by `reporting`); a scam dressed as a warning, with its own call to action, is
/// not.
#[test]
fn a_lesson_on_scams_is_not_the_scam() {
    expect(
        Decision::Allow,
        &[
            "Kenali investasi bodong: untung tetap tiap hari dan tidak ada izin. Jangan tergiur, cek daftar penyelenggara di OJK.",
            "Contoh pesan penipuan yang masuk ke warga: \"Selamat, Anda dapat hadiah 50 juta, klaim di link\". Bank tidak pernah meminta biaya.",
            // a review's lawful probe
            "Contoh pesan penipuan yang beredar: \"Selamat anda terpilih dapat hadiah 10jt, klaim di bit.ly/hadiah-bri\". Jangan klik, itu phishing. Bank tidak pernah bagi hadiah lewat link",
        ],
    );
    let v = moderator().check(
        "Contoh pesan penipuan yang masuk ke warga: \"Selamat, Anda dapat hadiah 50 juta, klaim di link\". Bank tidak pernah meminta biaya.",
    );
    assert_eq!(
        softened_by(&v, "spam-tawaran"),
        Some("lesson"),
        "{:?}",
        v.matches
    );
    not_allowed(&[
        "Jangan percaya pinjol bodong! Dana cepat cair tanpa jaminan, ajukan di bit.ly/dana-kilat",
        // the review's harmful probes
        "Hati2 pinjol bodong yg sebar data. Pinjaman kami terdaftar di OJK, limit 5jt langsung cair, ajukan di bit.ly/danakilat88",
        "Jangan panik kalau ditolak bank! Pinjaman tanpa jaminan cair 1 jam, berizin OJK, hubungi wa.me/6282233445566",
        "Tertipu investasi bodong? Dana korban penipuan bisa dicairkan lewat pengacara kami, bayar jasa setelah DP 300rb, WA 0812-7777-0000",
    ]);
}

/// Reporting and advice, softened since earlier rounds, stop at a scam's own call to action: a loan offer that opens
/// with "waspada penipuan" was softened as a report.
#[test]
fn a_warning_with_a_scams_call_to_action_is_the_scam() {
    not_allowed(&[
        "Waspada penipuan! Pinjaman resmi berizin OJK tanpa jaminan, cair 1 jam, hubungi wa.me/6281234567890",
        // the final read: reporting with three markers stops there too
        "Waspada penipuan, sindikat pinjol ilegal marak! Pinjaman resmi berizin OJK tanpa jaminan, cair 1 jam, hubungi wa.me/6281234567890",
    ]);
    // advice that names a scam's lure without its call to action is still advice (allowed before round 12 too)
    let v = moderator().check(
        "Tips dari OJK: pinjaman tanpa jaminan yang cair 1 jam lewat link itu modus penipuan. Jangan klik, laporkan ke polisi.",
    );
    assert_eq!(v.decision, Decision::Allow, "{:?}", v.matches);
}
