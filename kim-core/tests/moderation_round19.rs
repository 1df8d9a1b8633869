//! Round 19 of issue 16 (`kim-core/lexicon/constructions.tsv` and `grammar/eval.rs`, 2026-12-06, twelfth session):
//! quotation marks hid a threat's own speaker and addressee from the reporting context. Two court or police words
//! outside a quotation softened the threat inside it to a flag, so `"Kubunuh ko malam ini" sidang dan hakim tidak
//! ngaruh` was published. A quotation now hides its words from the unless side only when it is attributed: a word of
//! the class `attribution` (`kata`, `berkata`, `ujar`, `menulis`, `pesan`, `berisi`, `mengancam`, ...) stands outside
//! quotation marks up to 20 words before it or 4 after it. The sentences were written for these tests; none is taken
//! from the corpora.

use kim_core::moderation::{Decision, Grammar, Lexicon, Moderator};

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::{expect, moderator, not_allowed, softened_by};

/// A threat in quotation marks with court or police words around it and no one said to have said it: the quotation
/// marks are the poster's own, and the threat is not reported.
#[test]
fn an_unattributed_quotation_does_not_hide_the_speaker() {
    not_allowed(&[
        "\"Kubunuh ko malam ini\" sidang dan hakim tidak ngaruh",
        "\"Kuhabisi kau\" korban, pelaku, polisi",
        "\"Tak pateni kowe sesuk\" polisi karo jaksa ora iso nangkep pelaku",
        "Sidang tadi gak ngaruh, \u{201c}kubunuh kau besok\u{201d} hakim pun takut",
        "\"Transfer 5 juta atau fotomu kusebar\" harga nego, info wa",
        "\"Pendatang Bugis hama\" tidak benar kalau rasis",
    ]);
}

/// The same words reported: someone is said to have said or written them, before or after the quotation.
#[test]
fn an_attributed_quotation_is_reported_speech() {
    for text in [
        "Di sidang, terdakwa berkata \"kubunuh kau\" kepada korban.",
        "Di sidang, \"kubunuh kau\" kata terdakwa kepada korban menurut jaksa.",
        "Polres menetapkan tersangka yang mengirim pesan \"kubunuh kau besok\" kepada korban.",
        "Hakim memvonis terdakwa yang menulis \u{201c}kubakar rumahmu\u{201d} di grup desa, kata jaksa.",
    ] {
        let v = moderator().check(text);
        assert_eq!(v.decision, Decision::Allow, "{text}: {:?}", v.matches);
        assert!(
            v.matches
                .iter()
                .any(|m| m.softened_by.as_deref() == Some("reporting")),
            "{text}: {:?}",
            v.matches
        );
    }
}

/// The attribution word must stand outside quotation marks: quoting "kata" does not attribute.
#[test]
fn a_quoted_attribution_word_does_not_attribute() {
    let v = moderator().check("\"Kubunuh kau, kata orang\" sidang dan hakim tidak ngaruh");
    assert_ne!(v.decision, Decision::Allow, "{:?}", v.matches);
    assert_ne!(softened_by(&v, "ancam-langsung"), Some("reporting"));
}

/// Too far from the quotation, an attribution word does not attribute it (more than 20 words before it).
#[test]
fn an_attribution_word_far_away_does_not_attribute() {
    let far = format!(
        "Kata orang {} \"kubunuh kau malam ini\" sidang dan hakim tidak ngaruh",
        "bla ".repeat(25)
    );
    not_allowed(&[&far]);
    let near = "Terdakwa berkata \"kubunuh kau malam ini\" di sidang, hakim menunda putusan";
    expect(Decision::Allow, &[near]);
}

/// A grammar without a class `attribution` (a user's own, written before round 19) treats every quotation as
/// reported, as before.
#[test]
fn a_grammar_without_attribution_reads_every_quotation_as_reported() {
    let text = include_str!("../lexicon/constructions.tsv")
        .lines()
        .filter(|l| !l.starts_with("class\tattribution\t"))
        .collect::<Vec<_>>()
        .join("\n");
    let g = Grammar::from_tsv(&text).unwrap();
    let m = Moderator::with_grammar(Lexicon::builtin(), g)
        .unwrap()
        .without_hold_model();
    let post = "\"Kuhabisi kau\" korban, pelaku, polisi";
    assert_eq!(m.check(post).decision, Decision::Allow);
    assert_ne!(moderator().check(post).decision, Decision::Allow);
}

/// Javanese body words with -mu ("your head", "your mouth") address someone: the livestock context does not ease an
/// insult aimed with them.
#[test]
fn a_body_word_with_mu_cancels_the_livestock_context() {
    expect(
        Decision::Hold,
        &[
            "\"Ndasmu goblok\" pupuk larang",
            "\"Cangkemmu asu\" rego pakan",
        ],
    );
}
