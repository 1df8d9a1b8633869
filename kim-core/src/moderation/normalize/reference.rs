//! The normaliser as first written: read the text into units (bytes for ASCII, chars otherwise), cut raw tokens,
//! then assemble them (spelled-out words merged, leetspeak, repeats, trailing digits). It is slower than
//! [`super::normalize_fast`] but plainly follows the steps of the module documentation, so the tests hold the fast
//! path to it, over bytes and over chars.

use super::{Normalized, Tok, fold, is_invisible, leet};

/// A code unit of the normaliser: `u8` for all-ASCII text (the common case, no decoding), `char` otherwise.
pub(super) trait Unit: Copy + PartialEq + Sized {
    const BANG: Self;
    fn is_alpha(self) -> bool;
    fn is_digit(self) -> bool;
    fn leet(self) -> Self;
    fn push_to(self, s: &mut String);
    /// Reads the char at byte `i` of `src`; a word char's folded units are appended to `units`. Returns its byte
    /// length and class (1: word unit, 2: `!`, 3: invisible, 0: separator).
    fn scan(src: &str, i: usize, units: &mut Vec<Self>) -> (usize, u8);
}

/// Class of each ASCII byte: 1 word (letters, digits, `@`, `$`), 2 `!`, 0 separator.
#[allow(clippy::cast_possible_truncation)] // i < 128
static ASCII_CLASS: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_alphanumeric() || b == b'@' || b == b'$' {
            1
        } else if b == b'!' {
            2
        } else {
            0
        };
        i += 1;
    }
    t
};

fn ascii_class(b: u8) -> u8 {
    ASCII_CLASS[(b & 0x7f) as usize]
}

impl Unit for u8 {
    const BANG: Self = b'!';
    fn is_alpha(self) -> bool {
        self.is_ascii_alphabetic()
    }
    fn is_digit(self) -> bool {
        self.is_ascii_digit()
    }
    #[allow(clippy::cast_possible_truncation)] // leet maps ASCII to ASCII
    fn leet(self) -> Self {
        leet(self as char) as u8
    }
    fn push_to(self, s: &mut String) {
        s.push(self as char);
    }
    fn scan(src: &str, i: usize, units: &mut Vec<Self>) -> (usize, u8) {
        // All-ASCII text: take the whole run of word bytes at once.
        let b = src.as_bytes();
        let class = ascii_class(b[i]);
        if class != 1 {
            return (1, class);
        }
        let mut j = i;
        while j < b.len() && ascii_class(b[j]) == 1 {
            units.push(b[j].to_ascii_lowercase());
            j += 1;
        }
        (j - i, 1)
    }
}

impl Unit for char {
    const BANG: Self = '!';
    fn is_alpha(self) -> bool {
        self.is_alphabetic()
    }
    fn is_digit(self) -> bool {
        self.is_ascii_digit()
    }
    fn leet(self) -> Self {
        leet(self)
    }
    fn push_to(self, s: &mut String) {
        s.push(self);
    }
    fn scan(src: &str, i: usize, units: &mut Vec<Self>) -> (usize, u8) {
        let b = src.as_bytes()[i];
        if b < 0x80 {
            let class = ascii_class(b);
            if class == 1 {
                units.push(b.to_ascii_lowercase() as char);
            }
            return (1, class);
        }
        let c = src[i..].chars().next().unwrap_or(' ');
        if is_invisible(c) {
            return (c.len_utf8(), 3);
        }
        let mut folded = Vec::with_capacity(4);
        fold(c, &mut folded);
        let class = u8::from(folded.iter().any(|f| f.is_alphanumeric()));
        if class == 1 {
            units.extend(folded.into_iter().filter(|f| f.is_alphanumeric()));
        }
        (c.len_utf8(), class)
    }
}

/// A raw token before merging: its chars in `chars[start..end]`, original span, and the separator before it.
struct Raw {
    start: usize,
    end: usize,
    o_start: u32,
    o_end: u32,
    /// The single separator byte between the previous token and this one (0: none, or more than one).
    sep: u8,
}

#[allow(clippy::cast_possible_truncation)] // offsets checked by the caller (< 4 GiB)
pub(super) fn normalize_units<T: Unit>(src: &str) -> Normalized {
    let bytes = src.as_bytes();
    let mut units: Vec<T> = Vec::with_capacity(src.len());
    let mut raws: Vec<Raw> = Vec::with_capacity(src.len() / 5 + 1);
    let mut cur: Option<Raw> = None;
    let mut sep_count = 0usize;
    let mut sep_byte = 0u8;
    let mut i = 0;
    let close = |cur: &mut Option<Raw>, raws: &mut Vec<Raw>, end: usize, o_end: u32| {
        if let Some(mut r) = cur.take() {
            r.end = end;
            r.o_end = o_end;
            raws.push(r);
        }
    };
    while i < bytes.len() {
        let before = units.len();
        let (clen, class) = T::scan(src, i, &mut units);
        let o = i as u32;
        match class {
            1 => {
                if cur.is_none() {
                    let sep = if sep_count == 1 { sep_byte } else { 0 };
                    cur = Some(Raw {
                        start: before,
                        end: 0,
                        o_start: o,
                        o_end: 0,
                        sep,
                    });
                }
                sep_count = 0;
            }
            2 => {
                close(&mut cur, &mut raws, units.len(), o);
                // A run of '!' is one token.
                let merge = raws.last().is_some_and(|r| {
                    r.o_end == o && units[r.start] == T::BANG && r.end - r.start == 1
                });
                if merge {
                    if let Some(r) = raws.last_mut() {
                        r.o_end = o + 1;
                    }
                } else {
                    units.push(T::BANG);
                    raws.push(Raw {
                        start: units.len() - 1,
                        end: units.len(),
                        o_start: o,
                        o_end: o + 1,
                        sep: 0,
                    });
                }
                sep_count = 0;
            }
            3 => {}
            _ => {
                close(&mut cur, &mut raws, units.len(), o);
                sep_count += 1;
                sep_byte = bytes[i];
            }
        }
        i += clen;
    }
    close(&mut cur, &mut raws, units.len(), bytes.len() as u32);
    assemble(&units, &raws)
}

/// Applies leetspeak, repeat collapsing and digit stripping per token, merges spelled-out words, and writes the
/// token string.
#[allow(clippy::cast_possible_truncation)] // see `normalize`
fn assemble<T: Unit>(chars: &[T], raws: &[Raw]) -> Normalized {
    let mut out = Normalized {
        text: String::with_capacity(chars.len() + raws.len() + 2),
        toks: Vec::with_capacity(raws.len()),
        hits: Vec::new(),
    };
    out.text.push(' ');
    let mut k = 0;
    let mut scratch: Vec<T> = Vec::with_capacity(32);
    // Separator of the spelled-out run just emitted, if the previous token was one: `o.p.e.n b.o` lets the second
    // group be two letters long.
    let mut last_run_sep = 0u8;
    while k < raws.len() {
        // Spelled-out words: >= 3 one-letter tokens joined by the same single separator.
        let single = |r: &Raw| r.end - r.start == 1 && chars[r.start].is_alpha();
        if single(&raws[k]) && k + 1 < raws.len() && raws[k + 1].sep != 0 {
            let run_sep = raws[k + 1].sep;
            let mut j = k + 1;
            while j < raws.len() && single(&raws[j]) && raws[j].sep == run_sep {
                // `s l o t g-a-c-o-r`: the `g` begins a run of its own when the next two tokens share another
                // separator; in `s.l.o.t g.a.c.o.r` the `t` stays, because ` ` and `.` differ after it.
                let next_starts_other = match (raws.get(j + 1), raws.get(j + 2)) {
                    (Some(n1), Some(n2)) => {
                        single(n1)
                            && single(n2)
                            && n1.sep != 0
                            && n1.sep != run_sep
                            && n1.sep == n2.sep
                    }
                    _ => false,
                };
                if next_starts_other {
                    break;
                }
                j += 1;
            }
            let min = if run_sep == last_run_sep { 2 } else { 3 };
            if j - k >= min {
                scratch.clear();
                scratch.extend(raws[k..j].iter().map(|r| chars[r.start]));
                push_token(&mut out, &scratch, raws[k].o_start, raws[j - 1].o_end);
                last_run_sep = run_sep;
                k = j;
                continue;
            }
        }
        last_run_sep = 0;
        let r = &raws[k];
        push_token(&mut out, &chars[r.start..r.end], r.o_start, r.o_end);
        k += 1;
    }
    out
}

/// Writes one token in one pass: leetspeak if it has a letter, runs of one letter collapsed, trailing digits
/// dropped after two or more letters (`slot88` → `slot`; `m4xw1n` keeps its letters).
#[allow(clippy::cast_possible_truncation)] // see `normalize`
fn push_token<T: Unit>(out: &mut Normalized, t: &[T], o_start: u32, o_end: u32) {
    let n_start = out.text.len();
    if t.iter().any(|c| c.is_alpha()) {
        let mut letters = 0usize;
        let mut last: Option<T> = None;
        let mut end_of_non_digit = n_start;
        for &c in t {
            let c = c.leet();
            if c.is_alpha() {
                letters += 1;
                if last == Some(c) {
                    continue;
                }
            }
            c.push_to(&mut out.text);
            if !c.is_digit() {
                end_of_non_digit = out.text.len();
            }
            last = Some(c);
        }
        if letters >= 2 {
            out.text.truncate(end_of_non_digit);
        }
    } else {
        for &c in t {
            c.push_to(&mut out.text);
        }
    }
    if out.text.len() == n_start {
        return;
    }
    let n_end = out.text.len() as u32;
    out.text.push(' ');
    out.toks.push(Tok {
        n_start: n_start as u32,
        n_end,
        o_start,
        o_end,
    });
}
