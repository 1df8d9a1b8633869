//! The tokens a hold model reads ([`super::HoldModel`]): maximal runs of alphanumeric characters of the text,
//! lowercased as Python's `str.lower` does, or of the normaliser's text for a model whose file says
//! `"input": "normalized"`, each with its byte span in the original text.

use serde::Deserialize;

use crate::moderation::normalize::{Normalized, normalize_into};

/// What a model's features are computed from.
#[derive(Deserialize, Default, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub(super) enum Input {
    /// The text itself, lowercased.
    #[default]
    Raw,
    /// The text as the rules read it ([`crate::moderation::normalized`]).
    Normalized,
}

/// Alphanumeric as Python's `str.isalnum`: Rust's `char::is_alphanumeric` less the enclosed and squared letters
/// (`Ⓢ`, `🄰`: symbols that Unicode counts as alphabetic) and the combining marks of the Arabic block (harakat such as
/// fatha and kasra, which Unicode counts as alphabetic and Python does not). Combining vowel signs of some other
/// scripts still differ.
fn is_alnum(c: char) -> bool {
    c.is_alphanumeric()
        && !matches!(c, '\u{24B6}'..='\u{24E9}' | '\u{1F130}'..='\u{1F149}' | '\u{1F150}'..='\u{1F169}' | '\u{1F170}'..='\u{1F189}')
        && !matches!(
            c,
            '\u{0610}'..='\u{061A}'
                | '\u{064B}'..='\u{065F}'
                | '\u{0670}'
                | '\u{06D6}'..='\u{06DC}'
                | '\u{06DF}'..='\u{06E4}'
                | '\u{06E7}'..='\u{06E8}'
                | '\u{06EA}'..='\u{06ED}'
        )
}

/// The tokens of a text, lowercased into one buffer.
#[derive(Default)]
pub(super) struct Tokens {
    /// The lowercased tokens, one after the other.
    pub(super) buf: String,
    /// Per token: its range in `buf` and its byte span in the original text.
    spans: Vec<(usize, usize, usize, usize)>,
}

impl Tokens {
    /// The tokens of `text` as a model with `input` reads them, with their byte spans in `text`.
    pub(super) fn of(text: &str, input: Input) -> Self {
        let mut t = Self::default();
        let mut norm = Normalized::default();
        t.read_as(text, input, &mut norm);
        t.spans_in_original(&norm, input);
        t
    }

    /// Reads the tokens of `text` as a model with `input` reads them (`norm` holds the normalised text). The spans
    /// are in the text read: call [`Tokens::spans_in_original`] for spans in `text`.
    pub(super) fn read_as(&mut self, text: &str, input: Input, norm: &mut Normalized) {
        match input {
            Input::Raw => self.read(text),
            Input::Normalized => {
                normalize_into(text, norm, None);
                self.read(&norm.text);
            }
        }
    }

    /// Maps the spans of tokens read from `norm.text` back to the original text (nothing to do for raw input).
    pub(super) fn spans_in_original(&mut self, norm: &Normalized, input: Input) {
        if input == Input::Raw {
            return;
        }
        for span in &mut self.spans {
            // A model token lies inside one token of the normaliser (they split on the same separators and more).
            let (a, b) = (span.2, span.3);
            let first = norm.toks[norm.token_at(a)];
            let last = norm.toks[norm.token_at(b.saturating_sub(1).max(a))];
            (span.2, span.3) = (first.o_start as usize, last.o_end as usize);
        }
    }

    /// Reads the tokens of a text (the buffers are reused).
    pub(super) fn read(&mut self, text: &str) {
        self.buf.clear();
        self.spans.clear();
        let bytes = text.as_bytes();
        // The open token: its start in `buf` and its span in the text.
        let mut open: Option<(usize, usize, usize)> = None;
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii() {
                // A run of ASCII letters and digits joins the open token (or opens one) in one copy; any other ASCII
                // byte closes it.
                let run = bytes[i..]
                    .iter()
                    .position(|b| !b.is_ascii_alphanumeric())
                    .unwrap_or(bytes.len() - i);
                if run == 0 {
                    if let Some((b, s, e)) = open.take() {
                        self.spans.push((b, self.buf.len(), s, e));
                    }
                    i += 1;
                    continue;
                }
                let from = self.buf.len();
                open.get_or_insert((from, i, i)).2 = i + run;
                self.buf.push_str(&text[i..i + run]);
                self.buf[from..].make_ascii_lowercase();
                i += run;
                continue;
            }
            let c = text[i..].chars().next().unwrap_or_default();
            let end = i + c.len_utf8();
            // Final sigma, as Python's str.lower (and str::to_lowercase): a capital sigma after a letter and not
            // before one.
            let final_sigma = c == 'Σ'
                && text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphabetic)
                && !text[end..].chars().next().is_some_and(char::is_alphabetic);
            let mut push = |l: char| {
                if is_alnum(l) {
                    open.get_or_insert((self.buf.len(), i, end)).2 = end;
                    self.buf.push(l);
                } else if let Some((b, s, e)) = open.take() {
                    self.spans.push((b, self.buf.len(), s, e));
                }
            };
            if final_sigma {
                push('ς');
            } else {
                c.to_lowercase().for_each(&mut push);
            }
            i = end;
        }
        if let Some((b, s, e)) = open {
            self.spans.push((b, self.buf.len(), s, e));
        }
    }

    pub(super) fn len(&self) -> usize {
        self.spans.len()
    }

    pub(super) fn word(&self, i: usize) -> &str {
        &self.buf[self.spans[i].0..self.spans[i].1]
    }

    /// The byte span of token `i` in the original text.
    pub(super) fn span(&self, i: usize) -> (usize, usize) {
        (self.spans[i].2, self.spans[i].3)
    }
}
