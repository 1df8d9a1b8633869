//! Round 15 of issue 16 (`kim-core/lexicon/*.tsv`), after a review (62 harmful and 36 lawful probes written to break
//! it): words that held lawful posts in the training files without catching harm that no other rule caught. `judol`
//! (online gambling) named with talk against it or about its cost is softened (context `judoltalk`), and it is a
//! gambling word for the constructions; `bocil` is flagged; dishes named after the devil, driving "like one possessed",
//! food "so hot it kills" and kitchen job titles are exempt; a stake forbidden ("taruhan dilarang") is no stake unless a
//! stake is offered beside it; a chain message named in order to warn against it frees the phrase rule
//! `hoaks-pesan-berantai` (context `antichain`). Taken back after the review: softening an insult named in order to forbid it (the
//! review reused the quoted word on a person: "Hakim menyebut kata \"bangsat\" itu penghinaan, tapi ya memang Darman
//! bangsat"), an office's number for reports (a doxxing wrote "segera lapor" beside a private number), and `mampus` and
//! `judol` as plain flags ("Semoga si Darman cepat mampus", "Coba judol, aku tiap malam dapat 2 juta"). The sentences were written for these tests or by the review; none is taken
//! from the corpora.

use kim_core::moderation::Decision;

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::{assert_has_rule, expect, moderator, not_allowed, softened_by};

/// `judol` in counselling, campaigns and news is allowed and flagged; `judol` with a call to join is gambling promotion.
#[test]
fn judol_is_a_topic_and_a_gambling_word() {
    expect(
        Decision::Allow,
        &[
            "Puskesmas buka layanan konseling untuk warga yang kecanduan judol.",
            "Karang taruna bikin lomba poster anti judol, hadiahnya buku.",
        ],
    );
    assert_has_rule(
        "Puskesmas buka layanan konseling untuk warga yang kecanduan judol.",
        "judi-judol",
    );
    expect(
        Decision::Block,
        &["Judol terpercaya, daftar lewat admin sekarang juga"],
    );
    // The review's player talk: still held.
    not_allowed(&[
        "Bosen kerja? Coba judol, aku tiap malam dapat 2 juta, japri aja",
        "Judol lagi gacor, kemarin Pak RT tembus 5 juta, yuk main bareng",
        "Stop kerja keras, judol aja, modal 10 ribu bisa tembus",
    ]);
}

/// `bocil` to a child of the family: allowed. Food "so hot it kills": allowed. `mampus` wished on someone: not.
#[test]
fn bocil_and_hot_food_are_not_insults() {
    expect(
        Decision::Allow,
        &[
            "Keripik level 5 pedesnya mampus, 12 ribu sebungkus.",
            "Sambel bawang ini pedes mampus, tapi nagih.",
            "Heh bocil, mandi dulu baru main game.",
        ],
    );
    not_allowed(&[
        "Mampus lu, makanya jangan sok jago",
        "Mampus sana, penipu",
        "Darman mampus aja sana",
        "Semoga si Darman cepat mampus, maling sapi",
        "Awas Darman, sebentar lagi mampus kena bacok",
        "Dasar bocil goblok, ga usah ikut komen",
    ]);
}

/// Devil-named dishes, reckless driving, a cook helper: exempt phrases. The insults they sit next to are not.
#[test]
fn dishes_drivers_and_cooks_are_not_insults() {
    expect(
        Decision::Allow,
        &[
            "Seblak setan Teh Rina buka sampai jam 10 malam.",
            "Sambel setan Bu Yati, 20 ribu sebotol.",
            "Truk tanah itu ngebut kayak kesetanan lewat depan SD.",
            "Dibutuhkan cook helper untuk katering desa, kirim lamaran ke kantor BUMDes.",
        ],
    );
    not_allowed(&[
        "Dasar setan lu, pergi dari grup ini",
        "Cok, lu goblok banget sih",
        "Sambal setan enak, tapi kamu setan beneran, dasar setan",
        // The review: "ayam setan" and "bakso setan" are not exempt.
        "Dasar ayam setan si Darman, nyetir ugal-ugalan",
        "Dasar bakso setan, otaknya kosong",
    ]);
}

/// A race where stakes are forbidden is not gambling; a stake offered on it is.
#[test]
fn forbidden_stakes_are_no_stakes() {
    let text = "Pacuan kuda di lapangan desa Minggu pagi, taruhan dilarang, panitia berjaga.";
    expect(Decision::Allow, &[text]);
    assert_eq!(
        softened_by(&moderator().check(text), "judi-lomba-hewan"),
        Some("nostake")
    );
    expect(
        Decision::Block,
        &["Pacuan kuda Minggu, yang mau taruhan pasang duit ke saya"],
    );
    // The review: a stake offered beside "no stakes" (stakeoffer).
    not_allowed(&[
        "Pacuan kuda Minggu ini tidak ada taruhan katanya, tapi pegang duit lewat aku aja, voor 1:2",
        "Karapan sapi di Bangkalan: taruhan dilarang panitia, jadi kita taruh uang di warung kopi aja",
        "Pacu jawi nanti tidak ada taruhan, tapi kita bertaruh di belakang aja, 500rb per jawi",
    ]);
}

/// The review's probes against the parts taken back: an insult reused on a person after "talk about words", and a
/// private number beside an office's name. Not allowed.
#[test]
fn the_reviews_name_calling_and_doxxing_probes_are_not_allowed() {
    not_allowed(&[
        "Hakim menyebut kata \"bangsat\" itu penghinaan, tapi ya memang Darman bangsat, tukang nipu janda",
        "Warga menyebut Pak Darman dengan julukan lonte, memang dia lonte",
        "Sebutan \"brengsek\" memang cocok buat Ketua BPD, warga sudah mengolok olok dia di mana-mana",
        "Segera lapor kalau ketemu Rina janda anak dua ini, nomor dia 085712345678, tiap malam keluyuran",
        "Ini nomor janda sebelah 081234567890, kata babinsa dia kesepian",
    ]);
}

/// A chain message named in order to warn against it is not the chain message (context `antichain`); a chain message
/// that claims an official source, answers another one or asks to be shared still holds.
#[test]
fn warning_against_chain_messages_is_not_one() {
    expect(
        Decision::Allow,
        &[
            "Bantuan beras dibagikan lewat RT, bukan lewat pesan berantai.",
            "Cara hapus pesan berantai di grup WA: tekan lama, pilih hapus untuk semua.",
            "Warga diminta tidak terpancing pesan berantai soal pembagian sembako dari kecamatan.",
        ],
    );
    not_allowed(&[
        "Pesan berantai (info resmi dari Kemenkes): mulai besok BPJS dihapus, share ke semua keluarga!",
        "Pesan berantai dari Pak Lurah, sumber resmi: bantuan 5 juta cair besok di balai desa, bawa KTP.",
        "Pesan berantai ini tidak pernah terbukti salah: vaksin bikin mandul, jangan bawa anak ke posyandu.",
        "Menanggapi pesan berantai kemarin: benar, air PDAM sudah dicampur racun, jangan diminum!",
    ]);
}
