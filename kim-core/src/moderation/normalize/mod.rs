//! Normalisation that defeats common evasion while keeping byte offsets into the original text.
//!
//! The output is a token string `" tok tok tok "` (one space before, between and after tokens) and, for every
//! token, its byte span in the original. Steps:
//!
//! 1. compatibility folding (NFKD, then combining marks dropped: full-width, mathematical and circled letters and
//!    accents fold to ASCII), confusables (small caps, Cyrillic and Greek look-alikes), lower case; ASCII takes a
//!    fast path that needs none of this;
//! 2. tokens are runs of letters, digits, `@` and `$`; `!` is a token of its own (so `sebarkan!` can be told from
//!    `sebarkan`); invisible format characters (zero-width space and joiners, soft hyphen, BOM) are skipped inside
//!    a word; everything else separates;
//! 3. inside a token that has a letter, leetspeak maps `4→a 1→i 0→o 3→e 5→s 7→t @→a $→s`; pure numbers stay;
//! 4. runs of one letter collapse to one (`anjiiing` → `anjing`; lexicon patterns collapse the same way);
//! 5. trailing digits after two or more letters are dropped (`slot88` → `slot`);
//! 6. three or more one-letter tokens joined by the same single separator merge (`j.u.d.i`, `s l o t` → `judi`,
//!    `slot`).
//!
//! A text with a right-to-left override (U+202E) is also read in the order it is displayed ([`bidi`]): the
//! moderator checks that reading too and maps its matches back to the original bytes.

pub(crate) mod bidi;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind};
use unicode_normalization::UnicodeNormalization;

/// One token: its span in the normalised string and in the original.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Tok {
    pub n_start: u32,
    pub n_end: u32,
    pub o_start: u32,
    pub o_end: u32,
}

/// The normalised form of a text.
#[derive(Debug, Default)]
pub(crate) struct Normalized {
    pub text: String,
    pub toks: Vec<Tok>,
    /// Lexicon automaton hits in `text` as `(pattern, end byte)`, in the order of an overlapping search (by end,
    /// then the automaton's order), when normalised with an automaton.
    pub hits: Vec<(u32, u32)>,
}

/// The lexicon automaton: an unanchored, standard-semantics DFA over the normalised patterns, and its start state,
/// checked once when it is built.
pub(crate) struct Scanner {
    dfa: DFA,
    start: StateID,
}

impl Scanner {
    /// Compiles `patterns` (pattern `i` is reported as `i`).
    pub(crate) fn new(patterns: &[String]) -> Result<Self, String> {
        let dfa = aho_corasick::dfa::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(patterns)
            .map_err(|e| e.to_string())?;
        let start = dfa.start_state(Anchored::No).map_err(|e| e.to_string())?;
        Ok(Self { dfa, start })
    }
}

/// Runs the lexicon automaton over the normalised text as it is written: the automaton's chain of table lookups
/// then overlaps with the normaliser's own work instead of following it in a second pass.
struct Feed<'a> {
    dfa: &'a DFA,
    sid: StateID,
    /// Bytes of the text fed so far.
    fed: usize,
}

impl<'a> Feed<'a> {
    fn new(scanner: &'a Scanner) -> Self {
        Self {
            dfa: &scanner.dfa,
            sid: scanner.start,
            fed: 0,
        }
    }

    /// Feeds `text[self.fed..]`, recording every match.
    #[allow(clippy::cast_possible_truncation)] // offsets checked by the caller (< 4 GiB)
    #[inline]
    fn catch_up(&mut self, text: &[u8], hits: &mut Vec<(u32, u32)>) {
        let (dfa, from) = (self.dfa, self.fed);
        let mut sid = self.sid;
        for (i, &b) in text.get(from..).unwrap_or_default().iter().enumerate() {
            sid = dfa.next_state(Anchored::No, sid, b);
            if dfa.is_match(sid) {
                let end = (from + i + 1) as u32;
                for k in 0..dfa.match_len(sid) {
                    hits.push((dfa.match_pattern(sid, k).as_u32(), end));
                }
            }
        }
        self.sid = sid;
        self.fed = text.len();
    }
}

/// The byte ranges of the sentences of `text` around the byte spans `spans` (sorted here), each range once, in order.
/// The sentence around `start..end` runs from after the last sentence end before `start` to the first one at or after
/// `end`. A sentence ends at a line break, or at `.`, `!` or `?` followed by whitespace or the end of the text (so
/// `Rp 25.000` and `08.00` do not end one). Sentence ends are ASCII bytes, so the bounds fall on character boundaries.
/// Each scan resumes from what the previous span's found, so many spans in one long sentence cost one pass over it.
pub(crate) fn sentences_around(
    text: &str,
    spans: &mut [(usize, usize)],
) -> Vec<std::ops::Range<usize>> {
    let b = text.as_bytes();
    let ends_at = |i: &usize| {
        b[*i] == b'\n'
            || (matches!(b[*i], b'.' | b'!' | b'?')
                && b.get(*i + 1).is_none_or(u8::is_ascii_whitespace))
    };
    spans.sort_unstable();
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    // The previous span's start and end, and its sentence: no sentence end lies in `from..start` nor in `end..to - 1`.
    let mut last: Option<(usize, usize, usize, usize)> = None;
    for &(start, end) in spans.iter() {
        let (start, end) = (start.min(b.len()), end.min(b.len()).max(start.min(b.len())));
        let from = match last {
            Some((s0, from0, ..)) if start >= s0 => {
                (s0..start).rev().find(ends_at).map_or(from0, |i| i + 1)
            }
            _ => (0..start).rev().find(ends_at).map_or(0, |i| i + 1),
        };
        let to = match last {
            Some((.., e0, to0)) if end >= e0 && end < to0 => to0,
            Some((.., e0, to0)) if end < e0 => (end..e0).find(ends_at).map_or(to0, |i| i + 1),
            _ => (end..b.len()).find(ends_at).map_or(b.len(), |i| i + 1),
        };
        last = Some((start, from, end, to));
        if out.last() != Some(&(from..to)) {
            out.push(from..to);
        }
    }
    out
}

impl Normalized {
    /// The token index whose normalised span contains byte `n`.
    pub fn token_at(&self, n: usize) -> usize {
        let n = u32::try_from(n).unwrap_or(u32::MAX);
        self.toks.partition_point(|t| t.n_end <= n)
    }
}

/// Folds one non-ASCII char into zero or more lower-case chars.
fn fold(c: char, out: &mut Vec<char>) {
    if let Some(m) = confusable(c) {
        out.push(m);
        return;
    }
    for d in std::iter::once(c).nfkd() {
        if unicode_normalization::char::is_combining_mark(d) {
            continue;
        }
        let d = confusable(d).unwrap_or(d);
        for l in d.to_lowercase() {
            out.push(l);
        }
    }
}

/// Look-alikes that NFKD does not fold: small capitals, Cyrillic and Greek letters shaped like Latin ones.
fn confusable(c: char) -> Option<char> {
    Some(match c {
        'ᴀ' | 'а' | 'А' | 'α' | 'Α' => 'a',
        'ʙ' | 'в' | 'В' | 'β' | 'Β' => 'b',
        'ᴄ' | 'с' | 'С' => 'c',
        'ᴅ' => 'd',
        'ᴇ' | 'е' | 'Е' | 'ε' | 'Ε' => 'e',
        'ꜰ' => 'f',
        'ɢ' => 'g',
        'ʜ' | 'н' | 'Н' | 'Η' => 'h',
        'ɪ' | 'і' | 'І' | 'ι' | 'Ι' => 'i',
        'ᴊ' | 'ј' | 'Ј' => 'j',
        'ᴋ' | 'к' | 'К' | 'κ' | 'Κ' => 'k',
        'ʟ' => 'l',
        'ᴍ' | 'м' | 'М' | 'Μ' => 'm',
        'ɴ' | 'Ν' => 'n',
        'ᴏ' | 'о' | 'О' | 'ο' | 'Ο' => 'o',
        'ᴘ' | 'р' | 'Р' | 'ρ' | 'Ρ' => 'p',
        'ʀ' => 'r',
        'ꜱ' | 'ѕ' | 'Ѕ' => 's',
        'ᴛ' | 'т' | 'Т' | 'τ' | 'Τ' => 't',
        'ᴜ' | 'υ' => 'u',
        'ᴠ' | 'ν' => 'v',
        'ᴡ' => 'w',
        'х' | 'Х' | 'χ' | 'Χ' => 'x',
        'ʏ' | 'у' | 'У' | 'Υ' => 'y',
        'ᴢ' | 'Ζ' => 'z',
        _ => return None,
    })
}

/// Invisible format characters that evasion puts inside words (`j\u{200b}u\u{200b}d\u{200b}i`): zero-width space,
/// joiners and marks, word joiner and invisible operators, the BOM, the soft hyphen, the combining grapheme joiner
/// and the Mongolian vowel separator. They neither join nor split tokens.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00ad}' | '\u{034f}' | '\u{180e}' | '\u{200b}'..='\u{200f}' | '\u{2060}'..='\u{2064}' | '\u{feff}'
    )
}

const fn leet(c: char) -> char {
    match c {
        '4' | '@' => 'a',
        '1' => 'i',
        '0' => 'o',
        '3' => 'e',
        '5' | '$' => 's',
        '7' => 't',
        other => other,
    }
}

/// Normalises `src`. Offsets are `u32`: texts are limited to 4 GiB by the caller.
pub(crate) fn normalize(src: &str) -> Normalized {
    let mut out = Normalized::default();
    normalize_into(src, &mut out, None);
    out
}

/// [`normalize`] into `out`, reusing its buffers (a checker keeps one per thread, so that checking many short posts
/// does not allocate for each). With a `scanner`, `out.hits` lists its matches in the normalised text, exactly as
/// an overlapping search over `out.text` would.
pub(crate) fn normalize_into(src: &str, out: &mut Normalized, scanner: Option<&Scanner>) {
    out.hits.clear();
    let mut feed = scanner.map(Feed::new);
    normalize_fast(src, out, feed.as_mut());
}

/// Classes of [`BYTE_KIND`]: a separator, a letter, another word byte (digit, `@`, `$`), `!`, any byte of a
/// non-ASCII char.
const SEP: u8 = 0;
const LETTER: u8 = 1;
const OTHER_WORD: u8 = 2;
const BANG: u8 = 3;
const NON_ASCII: u8 = 4;

#[allow(clippy::cast_possible_truncation)] // i < 256
static BYTE_KIND: [u8; 256] = {
    let mut t = [SEP; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        t[i] = if b >= 0x80 {
            NON_ASCII
        } else if b.is_ascii_alphabetic() {
            LETTER
        } else if b.is_ascii_digit() || b == b'@' || b == b'$' {
            OTHER_WORD
        } else if b == b'!' {
            BANG
        } else {
            SEP
        };
        i += 1;
    }
    t
};

/// Lower case, then [`leet`]: the unit a byte of a token with a letter becomes.
#[allow(clippy::cast_possible_truncation)] // i < 128, and leet maps ASCII to ASCII
static ASCII_LEET: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        t[i] = leet((i as u8).to_ascii_lowercase() as char) as u8;
        i += 1;
    }
    t
};

fn byte_kind(b: u8) -> u8 {
    BYTE_KIND[usize::from(b)]
}

/// A one-letter token waiting to learn whether it is part of a spelled-out word.
struct Single {
    letter: char,
    at: u32,
    end: u32,
    /// The single separator byte before it (0: none, or more than one).
    sep: u8,
}

/// The normaliser, in one pass; `reference.rs` (test-only) holds the plain two-pass version it is tested
/// against. ASCII words are read byte by byte with no decoding and no intermediate copy; only a
/// word with a non-ASCII char in it is gathered as chars (an emoji between words is just a separator). Runs of
/// one-letter tokens wait, to be merged or written once the run ends.
#[allow(clippy::cast_possible_truncation, clippy::too_many_lines)] // offsets checked by the caller (< 4 GiB)
fn normalize_fast(src: &str, out: &mut Normalized, mut feed: Option<&mut Feed<'_>>) {
    let bytes = src.as_bytes();
    let mut text = std::mem::take(&mut out.text).into_bytes();
    text.clear();
    text.reserve(bytes.len() + 8);
    let toks = &mut out.toks;
    let hits = &mut out.hits;
    toks.clear();
    toks.reserve(bytes.len() / 4 + 1);
    let mut singles: Vec<Single> = Vec::new();
    let mut units: Vec<char> = Vec::new();
    let mut folded: Vec<char> = Vec::new();
    text.push(b' ');
    let mut sep_count = 0usize;
    let mut sep_byte = 0u8;
    // End (in the original) of the last token if it is `!`, so that `!!!` stays one token.
    let mut bang_end: Option<u32> = None;
    let mut i = 0;
    while i < bytes.len() {
        match byte_kind(bytes[i]) {
            SEP => {
                sep_count += 1;
                sep_byte = bytes[i];
                i += 1;
                continue;
            }
            BANG => {
                let o = i as u32;
                if singles.is_empty()
                    && bang_end == Some(o)
                    && let Some(t) = toks.last_mut()
                {
                    t.o_end = o + 1;
                } else {
                    flush_singles(&mut singles, &mut text, toks);
                    push_ascii_token(&mut text, toks, b"!", false, o, o + 1);
                    if let Some(f) = feed.as_deref_mut() {
                        f.catch_up(&text, hits);
                    }
                }
                bang_end = Some(o + 1);
                sep_count = 0;
                i += 1;
                continue;
            }
            NON_ASCII => {
                let c = src[i..].chars().next().unwrap_or(' ');
                if is_invisible(c) {
                    i += c.len_utf8();
                    continue;
                }
                folded.clear();
                fold(c, &mut folded);
                if !folded.iter().any(|f| f.is_alphanumeric()) {
                    sep_count += 1;
                    sep_byte = bytes[i];
                    i += c.len_utf8();
                    continue;
                }
            }
            _ => {}
        }
        // A word starts at `i`.
        let sep = if sep_count == 1 { sep_byte } else { 0 };
        sep_count = 0;
        bang_end = None;
        let mut has_letter = false;
        let mut j = i;
        while j < bytes.len() {
            match byte_kind(bytes[j]) {
                LETTER => has_letter = true,
                OTHER_WORD => {}
                _ => break,
            }
            j += 1;
        }
        if j > i && (j == bytes.len() || bytes[j] < 0x80) {
            // All ASCII.
            if j - i == 1 && has_letter {
                singles.push(Single {
                    letter: char::from(bytes[i].to_ascii_lowercase()),
                    at: i as u32,
                    end: j as u32,
                    sep,
                });
            } else {
                flush_singles(&mut singles, &mut text, toks);
                push_ascii_token(
                    &mut text,
                    toks,
                    &bytes[i..j],
                    has_letter,
                    i as u32,
                    j as u32,
                );
                if let Some(f) = feed.as_deref_mut() {
                    f.catch_up(&text, hits);
                }
            }
            i = j;
            continue;
        }
        // A word with a non-ASCII char: its units as chars, as the general path has them. Invisible chars neither
        // end it nor count; it ends where a separator or `!` begins.
        units.clear();
        let mut k = i;
        while k < bytes.len() {
            if bytes[k] < 0x80 {
                if !matches!(byte_kind(bytes[k]), LETTER | OTHER_WORD) {
                    break;
                }
                units.push(char::from(bytes[k].to_ascii_lowercase()));
                k += 1;
            } else {
                let c = src[k..].chars().next().unwrap_or(' ');
                if !is_invisible(c) {
                    folded.clear();
                    fold(c, &mut folded);
                    if !folded.iter().any(|f| f.is_alphanumeric()) {
                        break;
                    }
                    units.extend(folded.iter().filter(|f| f.is_alphanumeric()));
                }
                k += c.len_utf8();
            }
        }
        if units.len() == 1 && units[0].is_alphabetic() {
            singles.push(Single {
                letter: units[0],
                at: i as u32,
                end: k as u32,
                sep,
            });
        } else {
            flush_singles(&mut singles, &mut text, toks);
            push_char_token(&mut text, toks, &units, i as u32, k as u32);
            if let Some(f) = feed.as_deref_mut() {
                f.catch_up(&text, hits);
            }
        }
        i = k;
    }
    flush_singles(&mut singles, &mut text, toks);
    if let Some(f) = feed {
        f.catch_up(&text, hits);
    }
    out.text = String::from_utf8(text)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
}

/// Writes the pending run of one-letter tokens, if there is one (called after every token; inlined, so that the
/// usual case, no run, costs a length check and no call).
#[inline]
fn flush_singles(singles: &mut Vec<Single>, text: &mut Vec<u8>, toks: &mut Vec<Tok>) {
    if !singles.is_empty() {
        flush_single_run(singles, text, toks);
    }
}

/// Writes a run of one-letter tokens: spelled-out words (three or more joined by the same single separator, or two
/// right after such a word with the same separator) merge; the others stay one letter each.
fn flush_single_run(singles: &mut Vec<Single>, text: &mut Vec<u8>, toks: &mut Vec<Tok>) {
    let s = singles.as_slice();
    let mut k = 0;
    let mut last_run_sep = 0u8;
    let mut word: Vec<char> = Vec::new();
    while k < s.len() {
        if k + 1 < s.len() && s[k + 1].sep != 0 {
            let run_sep = s[k + 1].sep;
            let mut j = k + 1;
            while j < s.len() && s[j].sep == run_sep {
                let next_starts_other = match (s.get(j + 1), s.get(j + 2)) {
                    (Some(n1), Some(n2)) => n1.sep != 0 && n1.sep != run_sep && n1.sep == n2.sep,
                    _ => false,
                };
                if next_starts_other {
                    break;
                }
                j += 1;
            }
            let min = if run_sep == last_run_sep { 2 } else { 3 };
            if j - k >= min {
                word.clear();
                word.extend(s[k..j].iter().map(|x| x.letter));
                push_char_token(text, toks, &word, s[k].at, s[j - 1].end);
                last_run_sep = run_sep;
                k = j;
                continue;
            }
        }
        last_run_sep = 0;
        push_char_token(text, toks, &[s[k].letter], s[k].at, s[k].end);
        k += 1;
    }
    singles.clear();
}

/// Writes one token: leetspeak if it has a letter, runs of one letter collapsed, trailing digits dropped after two
/// or more letters (`slot88` → `slot`; `m4xw1n` keeps its letters).
#[allow(clippy::cast_possible_truncation)] // see `normalize`
fn push_char_token(text: &mut Vec<u8>, toks: &mut Vec<Tok>, t: &[char], o_start: u32, o_end: u32) {
    let push = |text: &mut Vec<u8>, c: char| {
        let mut buf = [0u8; 4];
        text.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    };
    let n_start = text.len();
    if t.iter().any(|c| c.is_alphabetic()) {
        let mut letters = 0usize;
        let mut last: Option<char> = None;
        let mut end_of_non_digit = n_start;
        for &c in t {
            let c = leet(c);
            if c.is_alphabetic() {
                letters += 1;
                if last == Some(c) {
                    continue;
                }
            }
            push(text, c);
            if !c.is_ascii_digit() {
                end_of_non_digit = text.len();
            }
            last = Some(c);
        }
        if letters >= 2 {
            text.truncate(end_of_non_digit);
        }
    } else {
        for &c in t {
            push(text, c);
        }
    }
    end_token(text, toks, n_start, o_start, o_end);
}

/// Records the token written from `text[n_start..]` and puts the space after it; a token that came out empty
/// (never, for a word with a unit) is no token.
#[allow(clippy::cast_possible_truncation)] // see `normalize`
fn end_token(text: &mut Vec<u8>, toks: &mut Vec<Tok>, n_start: usize, o_start: u32, o_end: u32) {
    if text.len() == n_start {
        return;
    }
    let n_end = text.len() as u32;
    text.push(b' ');
    toks.push(Tok {
        n_start: n_start as u32,
        n_end,
        o_start,
        o_end,
    });
}

/// [`push_char_token`] for ASCII bytes (`t` not yet lower-cased).
#[allow(clippy::cast_possible_truncation)] // see `normalize`
fn push_ascii_token(
    text: &mut Vec<u8>,
    toks: &mut Vec<Tok>,
    t: &[u8],
    has_letter: bool,
    o_start: u32,
    o_end: u32,
) {
    let n_start = text.len();
    if has_letter {
        let mut letters = 0usize;
        let mut last = 0u8; // never a unit
        let mut end_of_non_digit = n_start;
        for &c in t {
            let c = ASCII_LEET[(c & 0x7f) as usize];
            if c.is_ascii_alphabetic() {
                letters += 1;
                if c == last {
                    continue;
                }
            }
            text.push(c);
            if !c.is_ascii_digit() {
                end_of_non_digit = text.len();
            }
            last = c;
        }
        if letters >= 2 {
            text.truncate(end_of_non_digit);
        }
    } else {
        text.extend_from_slice(t);
    }
    end_token(text, toks, n_start, o_start, o_end);
}

/// The normalised form of a lexicon pattern: its tokens joined by single spaces, without the outer spaces.
pub(crate) fn normalize_pattern(p: &str) -> String {
    normalize(p).text.trim().to_owned()
}

#[cfg(test)]
mod reference;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_ends_at_a_line_break_or_a_stop_before_a_space() {
        let t = "Iuran Rp 25.000 dibayar pukul 08.00. Gabung situs88 sekarang!\nTerima kasih";
        let at = |w: &str| {
            let s = t.find(w).unwrap_or_default();
            let r = sentences_around(t, &mut [(s, s + w.len())]);
            assert_eq!(r.len(), 1);
            &t[r[0].clone()]
        };
        assert_eq!(at("25.000"), "Iuran Rp 25.000 dibayar pukul 08.00.");
        assert_eq!(at("situs88"), " Gabung situs88 sekarang!");
        assert_eq!(at("Terima"), "Terima kasih");
        assert_eq!(sentences_around("", &mut [(0, 0)]).first(), Some(&(0..0)));
        assert_eq!(sentences_around("é.", &mut [(0, 9)]).first(), Some(&(0..3)));
        // Many spans: each sentence once, in order, as one span at a time gives them.
        let mut spans = [(62, 68), (0, 5), (37, 43), (16, 23), (44, 51), (6, 8)];
        let one_by_one: Vec<_> = {
            let mut v: Vec<_> = spans
                .iter()
                .map(|&sp| sentences_around(t, &mut [sp])[0].clone())
                .collect();
            v.sort_by_key(|r| (r.start, r.end));
            v.dedup();
            v
        };
        assert_eq!(sentences_around(t, &mut spans), one_by_one);
        assert_eq!(one_by_one.len(), 3);
    }

    fn n(s: &str) -> String {
        normalize(s).text.trim().to_owned()
    }

    #[test]
    fn evasions_fold() {
        assert_eq!(n("ANJIIING lu"), "anjing lu");
        assert_eq!(n("4nj1ng"), "anjing");
        assert_eq!(n("j.u.d.i online"), "judi online");
        assert_eq!(n("s l o t g-a-c-o-r"), "slot gacor");
        assert_eq!(n("ＳＬＯＴ ɢᴀᴄᴏʀ"), "slot gacor");
        assert_eq!(n("slot88 m@xw1n"), "slot maxwin");
        assert_eq!(n("Sebarkan!!!"), "sebarkan !");
        assert_eq!(n("Désa Perián 2024"), "desa perian 2024");
        assert_eq!(n("ѕlоt"), "slot"); // Cyrillic look-alikes
        assert_eq!(n("K.H. Ahmad"), "k h ahmad");
        assert_eq!(n("o.p.e.n b.o"), "open bo");
        assert_eq!(n("s.l.o.t g.a.c.o.r"), "slot gacor");
        assert_eq!(n("a.b c.d"), "a b c d");
    }

    /// Every token of the one-pass normaliser and of the reference, compared: over chars for any text, and also
    /// over bytes for ASCII text (the reference's own two paths must agree too).
    fn same_as_general(s: &str) {
        let fast = normalize(s);
        let general = reference::normalize_units::<char>(s);
        assert_eq!(fast.text, general.text, "{s:?}");
        assert_eq!(fast.toks, general.toks, "{s:?}");
        if s.is_ascii() {
            let bytes = reference::normalize_units::<u8>(s);
            assert_eq!(fast.text, bytes.text, "{s:?}");
            assert_eq!(fast.toks, bytes.toks, "{s:?}");
        }
    }

    #[test]
    fn ascii_fast_path_matches_the_general_path() {
        for s in [
            "",
            " ",
            "!",
            "!!! !",
            "a!b!!c",
            "a",
            "a b",
            "a b c",
            "a.b.c d.e",
            "s l o t g-a-c-o-r",
            "o.p.e.n b.o",
            "K.H. Ahmad",
            "s.s.l.o.t!!",
            "x 5 l o t",
            "4 n j 1 n g",
            "slot88 m@xw1n $$$ 123 @@",
            "ANJIIING lu",
            "a.b c.d",
            "a-b-c.d.e.f",
            "j.u.d.i\n\no.n.l.i.n.e",
            "q!w!e",
            "a..b..c",
            "9 9 9",
            "wkwkwk ??? !!! ...",
            "Désa Perián 2024 🙏🙏",
            "🔥SLOT🔥 g\u{200b}a\u{200b}c\u{200b}o\u{200b}r!\u{200b}!",
            "ｓ ｌ ｏ ｔ",
            "é.l.a",
            "ab\u{200b} cd\u{200b}",
            "\u{200b}ab",
            "! \u{200b}!",
            "ﬁ ﬂ ǆ",
            "a 🙏 b 🙏 c",
            "١٢٣ مرحبا 4нj1нg",
            "ⓢⓛⓞⓣ",
            "x\u{301}y \u{301}",
        ] {
            same_as_general(s);
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_fast_path_agrees(s in "([a-dA-D0-5@$!]{1,3}[ .\\-!,]{0,2}){0,24}") {
            same_as_general(&s);
        }

        #[test]
        fn ascii_fast_path_agrees_on_any_ascii(s in "[ -~\\n\\t]{0,64}") {
            same_as_general(&s);
        }

        #[test]
        fn fast_path_agrees_with_non_ascii(
            s in "([a-dA-D0-5@!]|[éÉñＳｓᴀаοﬁ١ⓢ]|\u{200b}|\u{ad}|\u{301}|🙏|[ .\\-]){0,40}"
        ) {
            same_as_general(&s);
        }

        #[test]
        fn fast_path_agrees_on_any_text(s in "\\PC{0,40}") {
            same_as_general(&s);
        }
    }

    /// The hits gathered while normalising are exactly those of an overlapping search over the finished text.
    fn hits_as_overlapping_search(s: &str) {
        use aho_corasick::AhoCorasick;
        use std::sync::OnceLock;
        static AUTOMATA: OnceLock<(Scanner, AhoCorasick)> = OnceLock::new();
        let (scanner, ac) = AUTOMATA.get_or_init(|| {
            let patterns: Vec<String> = crate::moderation::Lexicon::builtin()
                .entries()
                .iter()
                .map(|e| normalize_pattern(&e.pattern))
                .collect();
            (
                Scanner::new(&patterns).unwrap(),
                AhoCorasick::new(&patterns).unwrap(),
            )
        });
        let mut out = Normalized::default();
        normalize_into(s, &mut out, Some(scanner));
        let expected: Vec<(u32, u32)> = ac
            .find_overlapping_iter(out.text.as_str())
            .map(|m| (m.pattern().as_u32(), u32::try_from(m.end()).unwrap()))
            .collect();
        assert_eq!(out.hits, expected, "{s:?}");
    }

    #[test]
    fn hits_while_normalising_equal_a_search_afterwards() {
        for line in include_str!("../../../tests/data/moderation_corpus.tsv").lines() {
            hits_as_overlapping_search(line);
        }
        for s in [
            "",
            "slot",
            "SLOT gacor!!!",
            "s l o t g-a-c-o-r",
            "ＳＬＯＴ ɢᴀᴄᴏʀ",
            "4nj1ng lu",
            "info a1 sebarkan!",
        ] {
            hits_as_overlapping_search(s);
        }
    }

    proptest::proptest! {
        #[test]
        fn hits_equal_a_search_afterwards(
            words in proptest::collection::vec(
                "slot|gacor|judi|anjing|sebarkan|viral|!|s l o t|di|kan|nya|[a-z]{1,6}|[0-9]{1,3}|é|ＳＬＯＴ", 0..16),
            seps in proptest::collection::vec("[ .,!-]{1,2}", 16),
        ) {
            let text: String = words.iter().zip(&seps).flat_map(|(w, s)| [w.as_str(), s.as_str()]).collect();
            hits_as_overlapping_search(&text);
        }
    }

    #[test]
    fn offsets_point_into_the_original() {
        let src = "Halo, ＳＬＯＴ g.a.c.o.r!!";
        let norm = normalize(src);
        let spans: Vec<&str> = norm
            .toks
            .iter()
            .map(|t| &src[t.o_start as usize..t.o_end as usize])
            .collect();
        assert_eq!(spans, ["Halo", "ＳＬＯＴ", "g.a.c.o.r", "!!"]);
    }
}
