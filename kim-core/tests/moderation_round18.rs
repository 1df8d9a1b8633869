//! Round 18 of issue 16 (`kim-core/lexicon/constructions.tsv`, 2026-12-06, eleventh session), found by a red-team
//! review: the `livestock` context (`=adat`, `=kebun`, `=harga`, `=upacara`, ...) flagged every kasar match of the
//! text, so a blocking insult aimed at a named person next to "kebun" or "harga" was published. The context is now an
//! `ease` line, one step down: what would hold is flagged (the animal named as an animal), what would block only holds
//! (a moderator looks). The sentences were written for these tests; none is taken from the corpora.

use kim_core::moderation::{Decision, Grammar, Lexicon, Moderator, SoftenEffect};

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::{expect, moderator, not_allowed};

/// A blocking insult next to a livestock word holds (it was allowed), softened by the context.
#[test]
fn a_blocking_insult_next_to_livestock_words_holds() {
    for text in [
        "Panen di kebun gagal lagi, Pak Mandor memang bangsat",
        "Harga gabah anjlok, kepala gudang itu bajingan tukang tilep",
        "Upacara adat batal gara-gara ketua panitia keparat itu",
    ] {
        let v = moderator().check(text);
        assert_eq!(v.decision, Decision::Hold, "{text}: {:?}", v.matches);
        assert!(
            v.matches
                .iter()
                .any(|m| m.softened_by.as_deref() == Some("livestock")),
            "{text}: {:?}",
            v.matches
        );
    }
    // Without the context the same insult blocks.
    expect(Decision::Block, &["Pak Mandor memang bangsat"]);
}

/// The animal named as an animal, in a text about farming, a market or a ceremony, is still allowed.
#[test]
fn animals_named_as_animals_stay_allowed() {
    expect(
        Decision::Allow,
        &[
            "Harga babi di pasar hewan naik menjelang upacara adat, peternak senang.",
            "Vaksinasi PMK untuk sapi dan kambing di kandang ternak warga dimulai Senin.",
        ],
    );
    let v = moderator()
        .check("Harga babi di pasar hewan naik menjelang upacara adat, peternak senang.");
    assert!(
        v.matches
            .iter()
            .all(|m| m.action == kim_core::moderation::Action::Flag),
        "{:?}",
        v.matches
    );
}

/// Someone addressed still cancels the context: an insult to "kamu" blocks next to "kebun".
#[test]
fn someone_addressed_cancels_the_context() {
    expect(
        Decision::Block,
        &["Kamu bangsat, kebun orang kau rusak semua"],
    );
}

/// `ease` is a line kind of the constructions file: parsed, exposed as [`SoftenEffect::OneStep`], and acting one step
/// down in a user's own grammar.
#[test]
fn ease_lines_parse_and_act_one_step_down() {
    let mut g = Grammar::builtin();
    g.extend_tsv(
        "class\tsayur\tkangkung | bayam\nclass\tbusuk\tbusuk | layu\nclass\tkotor\tberlumpur | berdebu\n\
         class\tdapur\tresep | =masak\n\
         rule\tsayur-busuk\tspam\tlow\thold\t3\tsayur busuk\n\
         rule\tsayur-kotor\tspam\thigh\tblock\t3\tsayur kotor\n\
         ease\tsayur-busuk,sayur-kotor\tdapur\t1\t-\ta recipe\n",
    )
    .unwrap();
    let last = g.softeners().last().unwrap();
    assert_eq!(last.effect, SoftenEffect::OneStep);
    let m = Moderator::with_grammar(Lexicon::builtin(), g)
        .unwrap()
        .without_hold_model();
    // Without the context: the hold rule holds, the block rule blocks.
    assert_eq!(m.check("kangkung itu busuk semua").decision, Decision::Hold);
    assert_eq!(m.check("bayam ini berlumpur").decision, Decision::Block);
    // With it: the hold rule is flagged, the block rule holds.
    let v = m.check("resep kangkung itu busuk semua");
    assert_eq!(v.decision, Decision::Allow, "{:?}", v.matches);
    let v = m.check("resep: bayam ini berlumpur");
    assert_eq!(v.decision, Decision::Hold, "{:?}", v.matches);
    // A bad kind still names the kinds it expects.
    let err = Grammar::builtin()
        .extend_tsv("relax\tspam\tdapur\t1\t-\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("ease"), "{err}");
}

/// `perek` ("slut") aimed at someone holds, like `pelakor`: it was listed only in phrases (`dasar perek`), so a
/// title and a name before it (`Bu Lastri "perek"`) passed. Alone it is also Javanese ("near") and stays allowed.
#[test]
fn perek_aimed_at_someone_holds() {
    expect(
        Decision::Hold,
        &["Kalau menyebut Bu Lastri perek dianggap melanggar, laporin aja."],
    );
    expect(
        Decision::Allow,
        &["Omahe perek karo pasar, mung limang menit."],
    );
}

/// A quoted threat next to court words, then addressed to the reader with a preposition and `-mu` (`buatmu`,
/// `untukmu`): the reader is addressed, so the court words do not soften it (it was allowed). Found while probing a
/// change that made single quotes quote (taken back: see the closing note of issue 16, eleventh session).
#[test]
fn a_quoted_threat_passed_on_to_the_reader_is_not_reporting() {
    for q in ['"', '\''] {
        let text = format!(
            "Kata terdakwa di sidang kemarin {q}kubakar rumahmu{q}, dan itu juga pesanku buatmu Darto"
        );
        let v = moderator().check(&text);
        assert_ne!(v.decision, Decision::Allow, "{text}: {:?}", v.matches);
    }
}

/// The same pronouns aim a targeted insult (`anjing`, `kambing`): "salam untukmu anjing" next to a livestock word was
/// allowed; a goat given as a gift is still a goat.
#[test]
fn a_pronoun_with_a_preposition_aims_an_insult() {
    expect(
        Decision::Hold,
        &["Upacara adat besok, salam untukmu anjing"],
    );
    expect(
        Decision::Allow,
        &["Kado untukmu, anak kambing etawa dari kebun kami"],
    );
}

/// "No stakes" in regional languages and slang (Madurese `tadâ' taruhan`, Javanese `ora ana taruhan`, `gak ada
/// taruhan`) is no stake, like `tidak ada taruhan`; a stake offered beside it is still gambling.
#[test]
fn no_stakes_in_regional_words() {
    expect(
        Decision::Allow,
        &[
            "Karapan sapè di Bangkalan Ahad besok, tadâ' taruhan, panitia minta penonton tertib",
            "Lomba balap merpati minggu depan ora ana taruhan, hadiahnya piala camat",
        ],
    );
    not_allowed(&["Pacu jawi nanti gak ada taruhan, tapi kita bertaruh di belakang aja"]);
}
