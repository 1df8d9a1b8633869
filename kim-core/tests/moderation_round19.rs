//! Round 19 of issue 16 (`grammar/eval.rs` and the opt-in `kim-core/lexicon/attribution.tsv`, 2026-12-06, twelfth
//! session): quotation marks hide a threat's own speaker and addressee from the reporting context. Two court or police
//! words outside a quotation soften the threat inside it to a flag, so the shipped rules publish `"Kubunuh ko malam
//! ini" sidang dan hakim tidak ngaruh`. With the class `attribution` (`Grammar::with_attributed_quotations`), a
//! quotation hides its words from the unless side only when a word like `kata`, `berkata`, `ujar`, `menulis`, `pesan`
//! or `berisi` stands outside quotation marks up to 20 words before it or 4 after it. It is opt-in: on news20 it held 2
//! more lawful news items than the shipped rules, past the rule written before that run. The sentences were written
//! for these tests; none is taken from the corpora.

use kim_core::moderation::{ATTRIBUTION_TSV, Decision, Grammar, Lexicon, Moderator};

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::moderator;

/// The rules alone, with the attribution class.
fn strict() -> &'static Moderator {
    static M: std::sync::OnceLock<Moderator> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        let g = Grammar::builtin().with_attributed_quotations();
        Moderator::with_grammar(Lexicon::builtin(), g)
            .unwrap()
            .without_hold_model()
    })
}

fn decision(m: &Moderator, text: &str) -> Decision {
    m.check(text).decision
}

/// A threat in quotation marks with court or police words around it and no one said to have said it: with the class,
/// the quotation marks are the poster's own and the threat is not reported; the shipped rules read it as reported.
#[test]
fn an_unattributed_quotation_does_not_hide_the_speaker() {
    for text in [
        "\"Kubunuh ko malam ini\" sidang dan hakim tidak ngaruh",
        "\"Kuhabisi kau\" korban, pelaku, polisi",
        "\"Tak pateni kowe sesuk\" polisi karo jaksa ora iso nangkep pelaku",
        "Sidang tadi gak ngaruh, \u{201c}kubunuh kau besok\u{201d} hakim pun takut",
        "\"Transfer 5 juta atau fotomu kusebar\" harga nego, info wa",
        "\"Pendatang Bugis hama\" tidak benar kalau rasis",
    ] {
        let v = strict().check(text);
        assert_ne!(v.decision, Decision::Allow, "{text}: {:?}", v.matches);
        assert_eq!(decision(moderator(), text), Decision::Allow, "{text}");
    }
}

/// The same words reported: someone is said to have said or written them, before or after the quotation. Allowed with
/// or without the class, softened as reporting.
#[test]
fn an_attributed_quotation_is_reported_speech() {
    for text in [
        "Di sidang, terdakwa berkata \"kubunuh kau\" kepada korban.",
        "Di sidang, \"kubunuh kau\" kata terdakwa kepada korban menurut jaksa.",
        "Polres menetapkan tersangka yang mengirim pesan \"kubunuh kau besok\" kepada korban.",
        "Hakim memvonis terdakwa yang menulis \u{201c}kubakar rumahmu\u{201d} di grup desa, kata jaksa.",
        "\"Awas kau, kubacok nanti,\" lanjutnya menirukan terdakwa di depan hakim dan jaksa.",
        // Verbs of speech added once news20 was retired (thirteenth session); sentences written here, not taken
        // from it.
        "Tersangka membentak korban, \"kubunuh kau besok\", lalu kabur sebelum polisi datang.",
        "Di depan polisi, pelaku menghardik saksi: \"kubacok kau nanti\".",
        "Di ruang sidang, korban berbicara kepada hakim: \"kubakar rumahmu malam ini\".",
    ] {
        for m in [strict(), moderator()] {
            let v = m.check(text);
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
}

/// The attribution word must stand outside quotation marks, and near: quoting "kata" does not attribute, nor does a
/// word more than 20 words before the quotation. A short root does not match a longer word (`maki` is not `makin`).
#[test]
fn only_a_near_unquoted_attribution_word_attributes() {
    let far = format!(
        "Kata orang {} \"kubunuh kau malam ini\" sidang dan hakim tidak ngaruh",
        "bla ".repeat(25)
    );
    for text in [
        "\"Kubunuh kau, kata orang\" sidang dan hakim tidak ngaruh",
        far.as_str(),
        "\"Kuhabisi kau\" kasus makin marak",
    ] {
        assert_ne!(decision(strict(), text), Decision::Allow, "{text}");
    }
    let near = "Terdakwa berkata \"kubunuh kau malam ini\" di sidang, hakim menunda putusan";
    assert_eq!(decision(strict(), near), Decision::Allow);
}

/// The shipped grammar has no class `attribution`, and the opt-in file defines only that class: it adds no rule and
/// no context, so everything else reads the same.
#[test]
fn the_class_is_opt_in_and_adds_only_itself() {
    let builtin = Grammar::builtin();
    assert!(builtin.classes().iter().all(|c| c.name != "attribution"));
    let with = Grammar::builtin().with_attributed_quotations();
    assert_eq!(with.classes().len(), builtin.classes().len() + 1);
    assert_eq!(with.rules().len(), builtin.rules().len());
    assert_eq!(with.softeners().len(), builtin.softeners().len());
    let lines: Vec<&str> = ATTRIBUTION_TSV
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .collect();
    assert_eq!(lines.len(), 1);
    assert!(lines[0].starts_with("class\tattribution\t"));
    // Unquoted text reads the same with or without it.
    for text in [
        "Kubunuh kau malam ini",
        "Polisi menangkap pelaku pembakaran rumah warga, kata Kapolsek",
        "Harga cabai naik lagi minggu ini",
    ] {
        assert_eq!(
            decision(strict(), text),
            decision(moderator(), text),
            "{text}"
        );
    }
}
