//! What the tests of a round of rules share: the moderator with the rules alone, and a check of many texts' decisions.

use kim_core::moderation::{Decision, Moderator};

/// The rules alone: these tests pin the lexicon and the constructions. The default moderator's hold model, which
/// may also hold a post they allow, is tested in `moderation_model.rs`.
pub fn moderator() -> &'static Moderator {
    static M: std::sync::OnceLock<Moderator> = std::sync::OnceLock::new();
    M.get_or_init(|| Moderator::default().without_hold_model())
}

/// Asserts that every text gets the decision `want`, naming the text and its matches when one does not.
pub fn expect(want: Decision, texts: &[&str]) {
    for text in texts {
        let v = moderator().check(text);
        assert_eq!(v.decision, want, "{text}: {:?}", v.matches);
    }
}
