//! Moderation: normalise + verdict + redact on any text. Spans fall on char boundaries of the original text and
//! redaction leaves no detected personal data behind.

use std::sync::OnceLock;

use kim_core::moderation::{Lexicon, Moderator, find_personal_data, redact};

fn moderator() -> &'static Moderator {
    static M: OnceLock<Moderator> = OnceLock::new();
    M.get_or_init(|| Moderator::new(Lexicon::builtin()).expect("builtin lexicon compiles"))
}

pub fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let v = moderator().check(&text);
    for m in &v.matches {
        assert!(m.start <= m.end && m.end <= text.len());
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
    let red = redact(&text);
    assert!(
        find_personal_data(&red).is_empty(),
        "redaction left personal data"
    );
    // A lexicon made of the input itself loads or fails with an error, never a panic.
    if let Ok(lex) = Lexicon::from_tsv(&text, "fuzz") {
        let _ = Moderator::new(lex).map(|m| m.check(&text));
    }
}
