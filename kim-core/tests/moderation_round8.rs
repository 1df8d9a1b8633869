//! Round 8 of issue 16 (`kim-core/lexicon/constructions.tsv`, section "round 8"), tuned on `train9.tsv` (reporting
//! on a harm, paired with the harm): a block needs no sign that the text reports, refuses, warns about or plays at
//! the harm. Each context moves such a text from block to hold (a moderator decides) or to allowed, and leaves the
//! harm itself, which borrows the same words, not allowed. The sentences were written for these tests; none is taken
//! from the corpora.

use kim_core::moderation::{Action, Decision};

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::{expect, moderator, not_allowed, softened_by};

/// Class `play` (laughing, pretending, a toy weapon): a threat acted in play holds at most; with a known address or
/// a death named, or without any sign of play, it still blocks.
#[test]
fn a_threat_in_play_goes_to_a_moderator() {
    let text = "Cucuku main perang-perangan, teriak \"kutembak kau!\" pakai pistol mainan, lalu lari sambil ketawa.";
    let v = moderator().check(text);
    assert_eq!(v.decision, Decision::Hold, "{:?}", v.matches);
    assert!(
        v.matches
            .iter()
            .all(|m| m.action != Action::Block && m.category.as_str() == "ancaman"),
        "{:?}",
        v.matches
    );
    expect(
        Decision::Block,
        &[
            "Kutembak kau besok pagi, aku sudah siapkan pistol.",
            "Aku tahu rumahmu, besok kubakar rumahmu, jangan ketawa dulu.",
        ],
    );
}

/// Class `opposing` gains news attribution (`ujarnya`), a game without stakes and a gambler who quit: a gambling rule
/// holds at most; three opposing words make talk against gambling, allowed. An advert still blocks.
#[test]
fn gambling_refused_or_reported_is_not_an_advert() {
    expect(
        Decision::Hold,
        &[
            "Lomba catur antar-RT dibuka lagi, tanpa taruhan. Peserta yang ketahuan pasang taruhan langsung \
             didiskualifikasi panitia.",
        ],
    );
    let v = moderator().check(
        "Ketua karang taruna mengajak pemuda main bola sore hari. \"Lebih baik keringatan di lapangan daripada \
         habis uang buat deposit slot,\" ujarnya.",
    );
    assert_ne!(v.decision, Decision::Block, "{:?}", v.matches);
    let v = moderator().check(
        "Pak Darto terjerat judi slot sampai rumahnya disita bank. Kisah pilu ini jadi pelajaran: jauhi judi, dampaknya \
         bangkrut.",
    );
    assert_eq!(v.decision, Decision::Allow, "{:?}", v.matches);
    expect(
        Decision::Block,
        &[
            "Slot gacor hari ini, deposit 10 ribu langsung maxwin, daftar sekarang bosku!",
            "Ayo main togel di situs kami, ujarnya bandar, daftar sekarang dan langsung WD.",
        ],
    );
}

/// Class `warnquote` (jangan percaya, contoh pesan, modus baru): a scam or blackmail message quoted in a warning holds
/// at most; the same message sent as a demand blocks.
#[test]
fn a_quoted_scam_in_a_warning_goes_to_a_moderator() {
    let v = moderator().check(
        "Jangan percaya pesan \"kirim 2 juta atau fotomu kusebar ke semua kontak\". Itu modus penipuan, laporkan \
         nomornya.",
    );
    assert_ne!(v.decision, Decision::Block, "{:?}", v.matches);
    expect(
        Decision::Block,
        &["Kirim 2 juta malam ini atau fotomu kusebar ke semua kontak, jangan lapor siapa-siapa."],
    );
}

/// An insult in a story goes to a moderator, quoted or not: quotation marks only bring a block down to a hold (a
/// review showed that anything can be wrapped in them), and reporting words do not soften insults (a review got
/// insults of a named person through that way). Two quoted words joined by "dan" are one quotation.
#[test]
fn an_insult_in_a_story() {
    expect(
        Decision::Hold,
        &[
            "Hakim memvonis pria yang memaki tetangganya \"monyet\" dan \"babi\" di grup RT dengan 6 bulan penjara.",
            "Polres menyelidiki kepala babi yang dilempar ke halaman rumah ibadah. Kapolres meminta warga tenang, kasus \
         ini ditangani penyidik.",
            "Dasar babi kau, polisi pun malas urus kasus orang kayak kau.",
        ],
    );
}

/// Probes of two reviews of round 8 (written by the reviewers to get harm past the new contexts): none is allowed by
/// the rules alone. Round 8 only caps (meal, an official visit, play, refusal, warnquote); quotation marks never
/// allow; two quotations join only across a comma or a conjunction. Lines older than round 8 that let some through lost
/// words: loss and court words (kecanduan, pemulihan, kisah, majelis) are no longer reporting words, and "menegaskan",
/// "dipastikan", "memastikan" no longer debunk.
#[test]
fn what_the_review_of_round_8_tried() {
    not_allowed(&[
        "Slot gacor ZEUS88 bukan untuk yang lemah jantung! Hati-hati ketagihan maxwin, jangan berhenti sebelum jackpot.",
        "Sudah berhenti kerja kantoran, padahal dulu ditawari gaji kecil. Sekarang slot MAHJONG88 winrate 97%, maxwin \
         tiap hari.",
        "Slot GACOR88 winrate 98% maxwin tiap malam, ujarnya kepada redaksi.",
        "Klik link, daftar, login di GACOR88, slot gacor bonus 100%. Liputan redaksi, investigasi, ujarnya.",
        "Pak Darto itu bajingan dan bangsat. Videonya sudah diunggah warga, kasusnya diungkap, hukuman menanti.",
        "Si Tono anjing, babi, goblok. Kata hakim, vonis dan hukuman sudah diungkap dalam liputan.",
        "Hajar kau habis makan, jangan pikir nasi ini gratis.",
        "Tusuk lu di kantin, biar nasi dan sayur lu merah semua.",
        "Dimohon Ibu menyiapkan uang damai 5 juta. Dokumen dan bukti perselingkuhan Ibu ada di tangan kami, petugas \
         akan melakukan penagihan mulai tanggal 10.",
        "\"Anjing\" tetangga \"babi\", makan tuh.",
        "Dasar \"goblok\" lu \"tolol\", makan aja nggak becus.",
        "\"Bangsat kau, bajingan, kubunuh kau\" habis makan nanti.",
        "\"Kubacok kau, kuhabisi keluargamu\" lucu kan.",
        // the second review: a quotation next to one word of any context, curly and French quotes, stray marks
        "\"kubunuh kau besok pagi\" jangan",
        "\"Kami tahu rumahmu, besok kubakar, tunggu saja\" awas",
        "\"aku punya foto2 kamu, kirim 2jt\" toko",
        "\"kubunuh kau besok pagi\" lucu kan, harga cabai naik",
        "\"kubunuh\" dan \"kau\" jangan",
        "\u{201c}aku bakar rumahmu malam ini, tunggu saja\u{201d} harga",
        "\u{ab}aku bakar rumahmu malam ini, tunggu saja\u{bb} harga",
        "jangan\" kubunuh kau besok pagi \"",
        "\"kubunuh kau besok pagi\" kuasa hukum, kasasi",
        "Besok bakar rumah hakim itu ramai-ramai. Kuasa hukum kalah kasasi.",
        "Kehilangan rumah, bangkrut, hancur? Balas dendam di slot ZEUS303, pasti balik.",
        "Bandar kami bayar togel berapapun, ujarnya kepada wartawan.",
        // older lines: words of loss and of the court were reporting words; a lone "menegaskan" was a debunk
        "Majelis hakim. Besok bakar rumah Pak Joko ramai-ramai.",
        "Slot HOKI88 terjerat judi kecanduan pemulihan",
        "Rehabilitasi kecanduan judi? Pemulihan terbaik: togel TOTO4D jitu tiap malam.",
        "Kisah pilu, pelajaran, dampak. \"Daftar sekarang bosku di HOKI88, kamu pasti maxwin\"",
        "\"Depo 10rb langsung maxwin bosku\", \"WD lancar\", kisah pilu, pelajaran, dampak.",
        "\"vaksin bikin mandul, sebarkan ke semua grup!\" menegaskan",
    ]);
}

/// A scam named as a scam in more words (tiruan, iming-iming, predator): advice, allowed; an offer that calls itself
/// "bukan pinjol ilegal" is still the offer.
#[test]
fn a_scam_named_as_a_scam() {
    let v = moderator().check(
        "Situs tiruan bank beredar lagi, dengan iming-iming hadiah saldo 1 juta: korban diminta mengisi PIN \
         di bank-hadiah.top. Itu penipuan, jangan diisi.",
    );
    assert_eq!(v.decision, Decision::Allow, "{:?}", v.matches);
    assert!(
        softened_by(&v, "spam-iming").is_some() || v.matches.is_empty(),
        "{:?}",
        v.matches
    );
    let v = moderator().check(
        "Pinjaman cepat cair tanpa jaminan, bunga 0%, klik link pinjam-kilat.top, kami bukan pinjol ilegal.",
    );
    assert_ne!(v.decision, Decision::Allow, "{:?}", v.matches);
}

/// The hole left open by the reviews of round 8: two reporting words softened an incitement against a group that
/// stands as the post's own words. A group dehumanised outside quotation marks now holds next to any number of court
/// words; the court report that quotes the slur is still allowed.
#[test]
fn an_incitement_next_to_court_words_holds() {
    expect(
        Decision::Hold,
        &[
            "Orang Madura bukan manusia, harus diusir. Majelis hakim memvonis, kasasi ditolak.",
            "Polisi menangkap pelaku yang menulis bahwa orang Madura bukan manusia dan harus diusir.",
            "Kaum Tionghoa itu parasit, basmi saja. Sidang ditunda, jaksa bingung.",
        ],
    );
    let text = "Terdakwa menulis \"orang Madura bukan manusia, harus diusir\". Majelis hakim memvonis 2 tahun penjara, \
                kasasi ditolak.";
    let v = moderator().check(text);
    assert_eq!(v.decision, Decision::Allow, "{:?}", v.matches);
    assert_eq!(softened_by(&v, "sara-dehumanisasi"), Some("reporting"));
}
