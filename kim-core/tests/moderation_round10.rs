//! Round 10 of issue 16 (`kim-core/lexicon/constructions.tsv`, rule `ancam-milik` and the `second` class, and
//! `targets.tsv`, section "added in round 10"): holes named in the closing note of round 9, closed without
//! softening anything. A first-person blow at what the reader owns (`Besok kubakar motormu`, `Kami akan merusak
//! rumahmu`) holds; regional and texting pronouns (`koen`, `kon`, `awakmu`, `waang`, `lw`) aim an insult like `kamu`;
//! and a violent verb next to "you" with no speaker or future marker (`ancam-langsung`) holds instead of blocking.
//! A second review (round 10's own) then wrote 50 harmful and 44 lawful probes: `kon` ("told to") is no longer a
//! target and `kon`, `waang` (folded to "wang", money) and `lw` (a left winger) are no longer a "you" of threats;
//! texting speakers (`aq`, `sy`, a separate `ku`), more belongings and damage verbs, "trash" insults with the new
//! pronouns, an animal owned or slaughtered (`kam pu babi`, `potong babi`) and a few innocent objects of violent verbs
//! (`bakar sampah`, `lempar jala`, `serangan jantung`, `dihajar bola`, `bunuh waktu`) were added. The sentences were
//! written for these tests or by the two reviewers; none is taken from the corpora.

use kim_core::moderation::Decision;

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::{assert_has_rule, expect, not_allowed};

/// What the reader owns is a target of a first-person blow; the same words in a victim's report, in a plan about
/// the speaker's own things or in a general warning stay allowed.
#[test]
fn a_blow_at_what_you_own_is_a_threat() {
    not_allowed(&[
        "Besok kubakar motormu",
        "Awas, motormu kubakar besok",
        "Kami akan merusak rumahmu malam ini",
        "Aku ngerusak warungmu besok liat aja",
        "Besok gue bakal ngerusak mobil lo, liat aja",
        "Ane rusak tokomu besok",
        "Kita orang rusak ko pu rumah malam ini",
        "Malam ini kami hancurin lapakmu, tunggu saja",
    ]);
    expect(
        Decision::Allow,
        &[
            "Motor saya dibakar orang tak dikenal semalam, polisi sudah datang",
            "Hati-hati, cek rem motormu sebelum mudik, jangan sampai celaka",
            "Kalau kita merusak hutan, banjir datang",
            "Jangan sampai kita merusak alam",
            "Angin kencang akan merusak rumah warga, pangkas dahan yang rapuh",
            "Kami akan memperbaiki rumahmu minggu depan, tunggu saja",
        ],
    );
    assert_has_rule("Kami akan merusak rumahmu malam ini", "ancam-milik");
}

/// `koen iku asu` is `kamu itu anjing`: a regional or texting pronoun aims a targeted insult as `kamu` does.
#[test]
fn regional_pronouns_aim_an_insult() {
    expect(
        Decision::Hold,
        &[
            "koen iku asu tenan",
            "awakmu iku babi",
            "waang anjiang bana",
            "lw tuh kampret bgt",
            "Anjiang waang, kapalo ang isi angin!",
        ],
    );
    // The animal alone is still the animal.
    expect(
        Decision::Allow,
        &[
            "Asu tetangga menggonggong terus semalam",
            "Harga babi di pasar naik menjelang Natal",
        ],
    );
}

/// A violent verb next to "you" with no speaker or future marker may be a warning, a lesson or a sport: it holds
/// for a moderator instead of blocking. With a speaker or a future marker it still blocks (`ancam-niat`).
#[test]
fn a_violent_verb_next_to_you_holds_unless_someone_means_it() {
    expect(
        Decision::Hold,
        &[
            "bunuh lu",
            "Sasana tinju desa buka pendaftaran. Di sini kamu belajar menghajar samsak, bukan orang",
        ],
    );
    expect(
        Decision::Block,
        &[
            "kubunuh kau besok pagi",
            "sumpah gw hajar lu kalau ketemu",
            "Besok kubakar rumahmu",
        ],
    );
}

/// The second review's harm: texting speakers, belongings and damage verbs the first list lacked, "trash" with the
/// new pronouns. (Still allowed by the rules alone, left for later: passives without a speaker, `motormu bakal
/// dibakar`; misspelt verbs, `aku bkar`; regional insult words, `ndlogok`, `pakak`.)
#[test]
fn the_second_reviews_threats_and_insults_are_caught() {
    not_allowed(&[
        "ku bakar motormu",
        "aq bakar rumahmu",
        "sy bakar warungmu",
        "kuhancurin hp lo",
        "kurusakkan motormu",
        "kubakar kedaimu",
        "kubakar hp-mu",
        "kusulut rumahmu",
        "gue pecahin kaca mobil lo",
        "kuracuni sapimu biar mati semua",
        "lw sampah",
        "koen sampah",
        "ose sampah",
        "ngoni sampah",
        "awakmu sampah",
    ]);
}

/// The second review's lawful text that round 10 had held: homographs of the new pronouns, animals owned or
/// slaughtered in Papua, Maluku and Manado, innocent objects of violent verbs.
#[test]
fn the_second_reviews_lawful_text_is_allowed() {
    expect(
        Decision::Allow,
        &[
            "bapak kon bakar sampah nang mburi omah",
            "jangan bakar wang untuk rokok",
            "Koh Wang potong babi buat pesta",
            "LW nya tembak keras dari luar kotak, gol!",
            "ngoni pe babi so besar",
            "kam pu babi su besar e",
            "kamorang pu babi lepas masuk kebun",
            "ose pung anjing gigit beta pung ayam",
            "Ayo kon, hajar ae! kudu menang",
            "lw bom chat grup mulu",
            "ose bakar sampah di belakang rumah",
            "ose lempar jala di sebelah sana, ikan banyak",
            "Dokter puskesmas: kalau dada nyeri menjalar ke lengan kiri, jangan tunggu, segera ke IGD. Itu bisa \
             serangan jantung.",
            "Kiper kita tadi dihajar bola tepat di muka, tapi tetap main. Salut!",
            "bunuh waktu kamu dengan baca buku",
        ],
    );
}
