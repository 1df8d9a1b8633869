//! Round 19 of issue 16 (`grammar/eval.rs` and `kim-core/lexicon/attribution.tsv`, 2026-12-06, twelfth session):
//! quotation marks hid a threat's own speaker and addressee from the reporting context, so two court or police words
//! outside a quotation softened the threat inside it to a flag (`"Kubunuh ko malam ini" sidang dan hakim tidak
//! ngaruh` was published). With the class `attribution`, a quotation hides its words from the unless side only when a
//! word like `kata`, `berkata`, `ujar`, `menulis`, `pesan` or `membentak` stands outside quotation marks up to 20
//! words before it or 4 after it. Opt-in at first (on news20 it held 2 more lawful news items, past the rule written
//! before that run); in the default since the thirteenth session, when news20's 2 items (verbs of speech the list
//! lacked) were read and the longer list held no more on the fresh heldout22 and news22. A grammar without the class
//! (`Grammar::from_tsv(BUILTIN_CONSTRUCTIONS_TSV)`, "loose" here) reads every quotation as reported. The sentences
//! were written for these tests; none is taken from the corpora.

use kim_core::moderation::{
    ATTRIBUTION_TSV, BUILTIN_CONSTRUCTIONS_TSV, Decision, Grammar, Lexicon, Moderator,
};

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::moderator;

/// The shipped rules alone, with the attribution class.
fn strict() -> &'static Moderator {
    moderator()
}

/// The rules alone without the attribution class.
fn loose() -> &'static Moderator {
    static M: std::sync::OnceLock<Moderator> = std::sync::OnceLock::new();
    M.get_or_init(|| {
        let g = Grammar::from_tsv(BUILTIN_CONSTRUCTIONS_TSV).unwrap();
        Moderator::with_grammar(Lexicon::builtin(), g)
            .unwrap()
            .without_hold_model()
    })
}

fn decision(m: &Moderator, text: &str) -> Decision {
    m.check(text).decision
}

/// A threat in quotation marks with court or police words around it and no one said to have said it: with the class,
/// the quotation marks are the poster's own and the threat is not reported; without it, it reads as reported.
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
        assert_eq!(decision(loose(), text), Decision::Allow, "{text}");
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
        for m in [strict(), loose()] {
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

/// The shipped grammar is the constructions file and the attribution file, which defines only that class: it adds no
/// rule and no context, so everything else reads the same.
#[test]
fn the_class_is_shipped_and_adds_only_itself() {
    let with = Grammar::builtin();
    let without = Grammar::from_tsv(BUILTIN_CONSTRUCTIONS_TSV).unwrap();
    assert!(without.classes().iter().all(|c| c.name != "attribution"));
    assert!(with.classes().iter().any(|c| c.name == "attribution"));
    assert_eq!(with.classes().len(), without.classes().len() + 1);
    assert_eq!(with.rules().len(), without.rules().len());
    assert_eq!(with.softeners().len(), without.softeners().len());
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
        assert_eq!(decision(strict(), text), decision(loose(), text), "{text}");
    }
}
