//! Round 13 of issue 16 (`kim-core/lexicon/constructions.tsv`, `insults.tsv`), cut back by a review (44 lawful and 44
//! harmful probes written to break it): an `unless` field may name a built-in part (`@link`, `@shortlink`), which the
//! shipped contexts do not use, because warnings and police news give their own short links as often as scammers do; our
//! dog is the pet unless someone is addressed; regional insults that are other words elsewhere act only in their
//! phrases or outside their exempt ones. The sentences were written for these tests or by the review; none is taken
//! from the corpora.

use kim_core::moderation::{Decision, Grammar, Lexicon, Moderator};

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::{expect, moderator, not_allowed, softened_by};

/// The shipped rules: a warning that gives its own short link, like one that gives none, is only flagged; so is a
/// scam that names itself a scam and ends with a link (a person or the hold model decides those).
#[test]
fn a_warning_with_a_short_link_is_not_held_by_the_shipped_rules() {
    expect(
        Decision::Allow,
        &[
            "Cek fakta: pesan berantai kuota gratis 50GB dari Kominfo adalah penipuan. Penjelasan lengkap di s.id/cekfaktakuota",
            "Modus penipuan baru: pinjaman dana cepat tanpa jaminan, cair 5 menit, bunga rendah. Hati-hati ya warga.",
            "Modus penipuan: pesan \"pinjaman dana cepat tanpa jaminan, cair 5 menit, klik bit.ly/danacair88\" beredar lagi di grup RT.",
        ],
    );
}

/// A portal that holds every scam label with a link outside quotation marks says so in its own overlay: the unless
/// field takes `@link`; a link in quotation marks (the lure quoted in a warning) keeps the softening.
#[test]
fn an_overlay_may_cancel_a_softening_at_a_link() {
    // Another soften line would add a context, not replace one: the portal's file is the shipped one with that line
    // changed.
    let shipped = kim_core::moderation::BUILTIN_CONSTRUCTIONS_TSV
        .lines()
        .filter(|l| !l.starts_with("soften\tspam\tscamlabel\t"))
        .collect::<Vec<_>>()
        .join("\n");
    let strict = Grammar::from_tsv(&format!(
        "{shipped}\nsoften\tspam\tscamlabel\t1\tspeaker demand advert selfclaim linkword scamcall @link\tstricter\n"
    ))
    .unwrap();
    let m = Moderator::with_grammar(Lexicon::builtin(), strict)
        .unwrap()
        .without_hold_model();
    let offer = "Modus penipuan? Pinjaman dana cepat tanpa jaminan, cair 5 menit, bunga rendah: bit.ly/danacair88";
    assert_eq!(moderator().check(offer).decision, Decision::Allow);
    assert_ne!(m.check(offer).decision, Decision::Allow);
    let quoted = "Modus penipuan: pesan \"pinjaman dana cepat tanpa jaminan, cair 5 menit, klik bit.ly/danacair88\" beredar lagi di grup RT.";
    let v = m.check(quoted);
    assert_eq!(v.decision, Decision::Allow, "{:?}", v.matches);
    assert_eq!(softened_by(&v, "spam-pinjol"), Some("scamlabel"));
}

/// The file format: `@link` and `@shortlink` are accepted in an `unless` field, another `@` word is an error that
/// names its field and value.
#[test]
fn an_unless_may_name_a_builtin_part() {
    let mut g = Grammar::builtin();
    g.extend_tsv("class\tmyctx\tinfo warga\nsoften\tspam\tmyctx\t1\t@link @shortlink\tnote\n")
        .unwrap();
    let err = Grammar::builtin()
        .extend_tsv("class\tmyctx\tinfo warga\nsoften\tspam\tmyctx\t1\t@linky\tnote\n")
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("unless") && text.contains("@linky"), "{text}");
}

/// Our dog, named, lost or giving birth, is the pet; not when someone is addressed or called out in the same breath
/// (the review's probes), nor the swear that opens a sentence before `kita`.
#[test]
fn our_dog_is_the_pet() {
    expect(
        Decision::Allow,
        &[
            "Pak'e, anjing kita si Belang barusan melahirkan empat anak, lucu-lucu",
            "Anjing kami hilang sejak kemarin sore, warna cokelat, namanya Bruno. Kabari ya.",
            "Bu, anjing kita beranak lagi, tiga ekor",
        ],
    );
    let v =
        moderator().check("Pak'e, anjing kita si Belang barusan melahirkan empat anak, lucu-lucu");
    assert_eq!(
        softened_by(&v, "kasar-anjing"),
        Some("petdog"),
        "{:?}",
        v.matches
    );
    not_allowed(&[
        "Anjing, kita telat lagi gara-gara macet",
        "Woi anjing! Kita kalah gara-gara lu",
        "lu anjing kita si ogah ngajak lu lagi",
        "Heh anjing kita si paling bener ya, kerja lu di desa apa?",
        "Dasar anjing kita beranak pinak di kantor desa, keluarga lu semua jadi perangkat",
        "Kalian anjing kami si juragan sawit, disuruh gusur ya gusur",
        "Mulut kau anjing kami si pengusaha tambang, dibayar berapa kau?",
    ]);
}

/// Regional insults that are other words elsewhere: Banjar `babal` (stupid) is Javanese young jackfruit, Madurese
/// `patek` (dog) a watch, Javanese `gilo` is "disgusted", `Ang` a Chinese-Indonesian name, `Banggai` a regency.
#[test]
fn regional_insults_that_are_other_words_elsewhere() {
    not_allowed(&[
        "Babal banar ikam, dipadahi kada mahalau",
        "Kamu memang patek, jilat terus ke pak kades",
        "Gilo ang, lah tuo masih se main-main",
    ]);
    expect(
        Decision::Allow,
        &[
            "Bu Sri jualan gudeg babal tiap pagi di depan balai desa, enak pol.",
            "Pejabat pamer jam Patek Philippe di medsos, netizen ramai-ramai tanya LHKPN.",
            "Kowe gilo karo uler ora? Aku ndelok wae wis merinding.",
            "Koh Ang jualan bakmi babi di pasar lama, buka jam 6 pagi sampai habis.",
            "Pak Amir asal Banggai Kepulauan menjuarai lomba perahu hias.",
        ],
    );
}

/// `bangsat` is also the bedbug (KBBI: kepinding): named with the insect's other names and nobody addressed, it is
/// the insect; a swear that adds "kutu busuk" to the address is not.
#[test]
fn the_bedbug_is_an_insect() {
    expect(
        Decision::Allow,
        &[
            "Kasur kapuk di rumah nenek banyak bangsat alias kutu busuk, jadi tiap Minggu kasurnya dijemur.",
        ],
    );
    not_allowed(&[
        "Bangsat kau, kutu busuk kayak kau nggak pantas di sini",
        "Dasar bangsat, kutu kasur!",
    ]);
}

/// Gambling named with a word of refusal (a campaign, a recovery, "bukan solusi") holds at most: a moderator reads it,
/// the rules do not block it; an offer with the same words and an advert still does not get through.
#[test]
fn gambling_refused_holds_at_most() {
    for text in [
        "Judi bukan solusi ekonomi. Kalau butuh modal usaha, tanyakan program KUR resmi di bank atau BUMDes.",
        "Pemuda kampung bikin kampanye \"Tra Main Judi\" di media sosial, banyak yang ikut.",
    ] {
        let v = moderator().check(text);
        assert_ne!(v.decision, Decision::Block, "{text}: {:?}", v.matches);
    }
    not_allowed(&[
        "Judi bukan solusi? Salah! Slot gacor maxwin hari ini, daftar sekarang bonus deposit 100%",
    ]);
    expect(
        Decision::Allow,
        &[
            "Jasa foto prewedding, kami tembak momen terbaik kalian di pantai. Paket mulai 1,5 juta.",
        ],
    );
}
