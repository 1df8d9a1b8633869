//! Round 17 of issue 16 (`kim-core/lexicon/constructions.tsv`, 2026-12-06, tenth session): an insult or a slur named
//! in quotation marks, in a sermon, a lesson against bullying or a report on hate speech that condemns it, is
//! mentioned, not used (a `mention` line: only the quoted matches are flagged, with a naming word and a word of
//! disapproval outside the quotation marks). Tuned on the retired held-out splits (heldout17, news17 and news16's test
//! half retired once heldout18 and news18 were being written). The sentences were written for these tests; none is
//! taken from the corpora.

use kim_core::moderation::{Decision, Grammar, Lexicon, Moderator};

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::{expect, moderator, softened_by};

/// A sermon and a lesson that name the insults they forbid are allowed; each quoted match is flagged, softened by
/// `naming+disapproval`.
#[test]
fn an_insult_named_to_condemn_it_is_allowed() {
    let sermon = "Ustaz Karim mengingatkan jamaah agar berhenti memanggil tetangga dengan sebutan \"bangsat\" di grup WA.";
    let v = moderator().check(sermon);
    assert_eq!(v.decision, Decision::Allow, "{:?}", v.matches);
    assert_eq!(softened_by(&v, "kasar-bangsat"), Some("naming+disapproval"));
    expect(
        Decision::Allow,
        &[
            "Bu Guru menjelaskan bahwa mengejek teman dengan kata \"goblok\" termasuk perundungan.",
            "Kata \"kafir\" tidak pantas dijadikan makian, pesan Romo Yosef dalam misa pagi.",
            "Dewan adat meminta warganet berhenti menyebut orang Dayak \"primitif\" di kolom komentar.",
        ],
    );
}

/// The same words used, not named: unquoted, or quoted with no disapproval, or quoted in a post that addresses
/// someone, agrees with the name or asks to be spread: held.
#[test]
fn an_insult_used_is_still_held() {
    expect(
        Decision::Hold,
        &[
            // Unquoted, next to the same naming and disapproval words.
            "Berhenti memanggil dia sebutan lain, dia memang goblok.",
            // Quoted, named, but nobody disapproves.
            "Tetangga sebelah biasa memanggil Pak Darto dengan sebutan \"goblok\".",
            // Quoted, but the post addresses someone, agrees with the name, or asks to be spread.
            "Kamu berhenti pura-pura, sebutan \"goblok\" itu buat kamu.",
            "Pak Kades memang pantas dijuluki \"goblok\", berhenti membelanya.",
            "Si Andi \"bego\" banget, jangan memanggil dia pintar.",
        ],
    );
}

/// The line kind and the `a+b` context are data: a user's grammar can use them, and an unknown class in either half
/// of the context is reported with its line and field.
#[test]
fn a_mention_line_is_data() {
    let tsv = "class\tcap_kata\tsebutan\nclass\ttolak\t=berhenti\nclass\tkasar_lokal\t=bodat\n\
               rule\tlokal-bodat\tkasar\tmedium\thold\t1\tkasar_lokal\n\
               mention\tlokal-bodat\tcap_kata+tolak\t1\t-\ta Batak insult named to condemn it\n";
    let m = Moderator::with_grammar(Lexicon::builtin(), Grammar::from_tsv(tsv).unwrap()).unwrap();
    let named = m.check("Berhenti pakai sebutan \"bodat\" untuk orang lain.");
    assert_eq!(named.decision, Decision::Allow, "{:?}", named.matches);
    assert_eq!(softened_by(&named, "lokal-bodat"), Some("cap_kata+tolak"));
    // Both classes are needed: the naming word alone does not soften.
    assert_eq!(
        m.check("Pakai sebutan \"bodat\" untuk orang itu.").decision,
        Decision::Hold
    );
    let err = Grammar::from_tsv("class\ta\tx\nmention\tkasar\ta+nope\t1\t-\n").unwrap_err();
    let text = format!("{err:?}");
    assert!(text.contains("nope") && text.contains("context"), "{text}");
}
