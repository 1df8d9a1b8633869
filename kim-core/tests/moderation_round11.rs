//! Round 11 of issue 16 (`kim-core/lexicon/constructions.tsv` and `insults.tsv`, sections "round 11"), tuned on the
//! training files train13 and train14 and on the retired test splits heldout6 to heldout10, which became training
//! files when heldout12 replaced them, then cut back by a review (72 harmful and 48 lawful probes): holes that round
//! 10's review named (a blow in the passive at what the reader owns, texting speakers, misspelt first-person verbs,
//! regional insults), stakes on races and animal fights, an order to strike with an urging word, and lawful text the
//! rules held (a hospital stay and a fire in family talk and news, "dibakar orang tak dikenal", a phone number in a
//! job advert or next to an office's complaints line). The sentences were written for these tests or by the review;
//! none is taken from the corpora.

use kim_core::moderation::Decision;

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::{assert_has_rule, expect, not_allowed};

/// What the reader owns, threatened in the passive with a threat's future word, holds; a plan, a repair, advice or a
/// report does not.
#[test]
fn a_passive_blow_at_what_you_own_holds() {
    expect(
        Decision::Hold,
        &[
            "motormu bakal dibakar",
            "tunggu aja warungmu rata sama tanah",
            "liat aja besok motormu tinggal rangka",
            "sawahmu bakal dirusak, ingat itu",
            "Bentar lagi rumahmu dibakar warga",
        ],
    );
    expect(
        Decision::Allow,
        &[
            "Rumahmu nanti akan dibongkar untuk pelebaran jalan, ganti rugi sudah disiapkan",
            "Motormu besok akan diservis di bengkel Pak Dul",
            "Rumah warga dibakar orang tak dikenal, polisi sudah datang",
            // "besok" and "nanti" are not a threat's own future words (round 11's review)
            "Ayammu yang mati besok dibakar aja biar flu burung nggak nular",
        ],
    );
}

/// Texting speakers and misspelt first-person verbs make the same threat as `aku bakar`; an order to strike with an
/// urging word holds (the Javanese "tak", which now speaks only before a verb, caught these by accident).
#[test]
fn texting_speakers_and_orders_threaten_too() {
    not_allowed(&[
        "akoh bakar rumahmu",
        "k0bakar motormu",
        "qbakar motormu",
        "Gw bkar rmh lo malem ini",
    ]);
    expect(
        Decision::Hold,
        &[
            "Habisi dia, tak perlu ampun",
            "Keroyok pak kades pas lewat, tak usah takut",
        ],
    );
    expect(
        Decision::Allow,
        &[
            "awak kapal sudah pulang ke pelabuhan",
            "Awak media mendatangi kantor desa untuk konfirmasi",
        ],
    );
}

/// Regional insults aimed at someone hold; the literal deafness of a child does not.
#[test]
fn regional_insults_hold() {
    expect(
        Decision::Hold,
        &[
            "koen iku ndlogok",
            "Dasar dlogok kowe, kerja ra becus",
            "waang pakak",
            "waang bangsaik",
            "awakmu gak duwe utek",
            "Kowe ki ra duwe utek po piye",
        ],
    );
    expect(
        Decision::Allow,
        &["Anak saya pakak sejak lahir, mohon info terapi wicara"],
    );
}

/// A stake on a race or an animal fight holds; a race that says it has no stakes does not. A no-stake word that a
/// stake can borrow does not soften (round 11's review).
#[test]
fn a_stake_on_an_animal_contest_holds() {
    not_allowed(&[
        "Sabung ayam Minggu sore di kebun belakang, taruhan minimal 200 ribu",
        "Pacuan kuda besok kita pasang duit aja",
        "Taruhan karapan sapi, sapi Pak Marzuki diunggulkan, voor setengah",
        "Tajen besok di banjar, taruhan minimal 100rb",
        "Adu merpati Minggu, bebas taruhan berapa aja, pegang duit Koh Ahong",
        "Adu ayam tetap jalan walau kini dilarang, taruhan minimal 200rb",
        "Ini adu ayam biasa bukan tajen, tapi taruhan tetap ada, minimal 300rb",
    ]);
    expect(
        Decision::Allow,
        &[
            "Lomba karapan sapi tingkat kecamatan tanpa taruhan, hadiahnya piala",
            "Pacu jawi musim ko di sawah jorong ateh, indak ado taruhan, murni alek nagari",
        ],
    );
}

/// An animal word next to a title is still read as aimed at the person: round 11's exemptions for "kambing Pak Darto"
/// and for a pest called "kurang ajar" were taken back by its review ("Dasar kerbau pak kades", "Pak Lurah itu tikus
/// kurang ajar"); the hold model's release answers for the owner's goat (`moderation_model.rs`).
#[test]
fn an_animal_next_to_a_title_still_holds() {
    expect(
        Decision::Hold,
        &[
            "Dasar kerbau pak kades, kerja nggak becus",
            "Pak Lurah itu tikus kurang ajar",
            "Kambing Pak Darto lepas lagi, makan bunga di halaman saya",
        ],
    );
}

/// A hospital stay is family talk and news; foretold for "you" by a speaker, or for a named person with a threat's
/// future word, it is a threat.
#[test]
fn a_hospital_stay_is_a_threat_only_when_foretold() {
    expect(
        Decision::Allow,
        &[
            "Pakde masuk rumah sakit tadi siang, gula darahnya tinggi, gantian jaga ya",
            "Kemarin rumah di desa sebelah kebakar gara-gara ngecas HP semalaman",
        ],
    );
    not_allowed(&[
        "Sekali lagi ngomong, gue bikin lu masuk rumah sakit",
        "Rumahmu kan dari kayu, gampang kebakar lho kalau malam",
        "Pak Kades bakal masuk rs minggu ini, camkan itu",
    ]);
}

/// A phone number in a job advert or next to an office's complaints line is the advertiser's contact; a private
/// person's number with a call to harass still holds, whatever advert it borrows.
#[test]
fn a_phone_number_in_a_job_advert_is_allowed() {
    expect(
        Decision::Allow,
        &[
            "Lowongan satpam malam gudang pupuk desa. Pak Kasmin 0819-3300-4567",
            "Layanan pengaduan 24 jam Bhabinkamtibmas di 0812-1100-2200",
        ],
    );
    not_allowed(&[
        "Ini nomor janda itu 0812-7788-9900, teror aja rame-rame",
        "Dicari! Pencuri ayam namanya Yanto anak Pak Darmo, HP 0812-5554-4433, grebek aja",
        "Lowongan jadi pacar Rina anak Pak RT, chat langsung dia 0812-3456-7890 hehe",
    ]);
    assert_has_rule(
        "Lowongan satpam malam gudang pupuk desa. Pak Kasmin 0819-3300-4567",
        "pd-phone",
    );
}
