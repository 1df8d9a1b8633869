//! What the tests of a round of rules share: the moderator with the rules alone, and a check of many texts' decisions.

use kim_core::moderation::{Decision, Moderator, Verdict};

/// The rules alone: these tests pin the lexicon and the constructions. The default moderator's hold model, which
/// may also hold a post they allow, is tested in `moderation_model.rs`.
pub fn moderator() -> &'static Moderator {
    static M: std::sync::OnceLock<Moderator> = std::sync::OnceLock::new();
    M.get_or_init(|| Moderator::default().without_hold_model())
}

/// Asserts that every text gets the decision `want`, naming the text and its matches when one does not.
#[allow(dead_code)] // not every round's tests use it
pub fn expect(want: Decision, texts: &[&str]) {
    for text in texts {
        let v = moderator().check(text);
        assert_eq!(v.decision, want, "{text}: {:?}", v.matches);
    }
}

/// Asserts that no text is allowed (each holds or blocks), naming the text and its matches when one is.
#[allow(dead_code)] // not every round's tests use it
pub fn not_allowed(texts: &[&str]) {
    for text in texts {
        let v = moderator().check(text);
        assert_ne!(v.decision, Decision::Allow, "{text}: {:?}", v.matches);
    }
}

/// What softened the first match of rule `id`, if anything did.
#[allow(dead_code)] // not every round's tests use it
pub fn softened_by<'a>(v: &'a Verdict, id: &str) -> Option<&'a str> {
    v.matches
        .iter()
        .find(|m| m.rule_id == id)
        .and_then(|m| m.softened_by.as_ref())
        .map(kim_core::moderation::Text::as_str)
}

/// Asserts that the verdict of `text` lists a match of rule `id` (acting or flagged), naming the matches when not.
#[allow(dead_code)] // not every round's tests use it
pub fn assert_has_rule(text: &str, id: &str) {
    let v = moderator().check(text);
    assert!(
        v.matches.iter().any(|m| m.rule_id == id),
        "{text}: no match of {id}: {:?}",
        v.matches
    );
}
