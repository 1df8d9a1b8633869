//! The built-in parts of a rule (`@brand`, `@spelled`, `@link`, `@shortlink`, `@name`, `@amount`), read from the
//! original text of a token rather than from a word class.

use super::Builtin;
use crate::moderation::normalize::Normalized;

/// True if token `t` is the built-in part `b` (read from the original text).
pub(crate) fn builtin_at(text: &str, norm: &Normalized, t: usize, b: Builtin) -> bool {
    let Some(tok) = norm.toks.get(t) else {
        return false;
    };
    let orig = &text.as_bytes()[tok.o_start as usize..tok.o_end as usize];
    match b {
        Builtin::Brand => {
            // In one pass: the trailing digits, the letters, and a run of two digits or `4d` inside (`SL0T88VIP`,
            // `wayang4d`).
            let (mut digits, mut letters, mut inside, mut prev) = (0, 0, false, 0u8);
            for &c in orig {
                if c.is_ascii_digit() {
                    inside |= prev.is_ascii_digit();
                    digits += 1;
                } else {
                    inside |= prev == b'4' && (c == b'd' || c == b'D');
                    letters += usize::from(c.is_ascii_alphabetic());
                    digits = 0;
                }
                prev = c;
            }
            // `gacor88`, or `HOKI-138`: a word, one `-` or `_`, a number.
            let joined = || {
                let next = norm.toks.get(t + 1);
                next.is_some_and(|n| {
                    let num = &text.as_bytes()[n.o_start as usize..n.o_end as usize];
                    n.o_start == tok.o_end + 1
                        && matches!(text.as_bytes()[tok.o_end as usize], b'-' | b'_')
                        && num.len() >= 2
                        && num.iter().all(u8::is_ascii_digit)
                })
            };
            // A sum of money is not a brand: `Rp220`, `IDR500`, `USD100`, `100rb`.
            let currency = digits >= 1
                && [&b"rp"[..], b"idr", b"usd"].iter().any(|c| {
                    orig.len() - digits == c.len() && orig[..c.len()].eq_ignore_ascii_case(c)
                });
            letters >= 2
                && ((digits >= 2 && digits < orig.len()) || inside || (digits == 0 && joined()))
                && !currency
                && !is_amount(text, norm, t)
        }
        Builtin::Spelled => {
            let n = (tok.n_end - tok.n_start) as usize;
            n >= 3
                && orig
                    .iter()
                    .any(|&c| c.is_ascii() && !c.is_ascii_alphanumeric() && c != b'@' && c != b'$')
        }
        Builtin::Link => is_link(text, tok.o_start as usize, tok.o_end as usize),
        Builtin::ShortLink => is_short_link(text, tok.o_start as usize),
        Builtin::Amount => is_amount(text, norm, t),
        Builtin::Name => is_name(text, norm, t),
    }
}

/// True if the original word `start..end` is a capitalised name: an upper-case letter then a lower-case one, not at
/// the start of a sentence.
pub(crate) fn is_name(text: &str, norm: &Normalized, t: usize) -> bool {
    let Some(tok) = norm.toks.get(t) else {
        return false;
    };
    let b = text.as_bytes();
    let orig = b
        .get(tok.o_start as usize..tok.o_end as usize)
        .unwrap_or_default();
    if orig.len() < 2 || !orig[0].is_ascii_uppercase() || !orig[1].is_ascii_lowercase() || t == 0 {
        return false;
    }
    let prev_end = norm.toks[t - 1].o_end as usize;
    let between = b.get(prev_end..tok.o_start as usize).unwrap_or_default();
    !between
        .iter()
        .any(|c| matches!(c, b'.' | b'!' | b'?' | b'\n'))
}

/// The last token of the whitespace-delimited chunk of the original that token `t` starts.
pub(super) fn link_end(text: &str, norm: &Normalized, t: usize) -> usize {
    let end = chunk_end(text.as_bytes(), norm.toks[t].o_end as usize);
    let mut e = t;
    while norm
        .toks
        .get(e + 1)
        .is_some_and(|n| (n.o_end as usize) <= end)
    {
        e += 1;
    }
    e
}

/// True if the whitespace-delimited chunk of the original around `start..end` reads as a link.
fn is_link(text: &str, start: usize, end: usize) -> bool {
    const TLDS: [&[u8]; 11] = [
        b".com", b".id", b".net", b".xyz", b".io", b".me", b".ly", b".co", b".site", b".online",
        b".vip",
    ];
    let b = text.as_bytes();
    let (s, e) = chunk_around(b, start, end);
    // Every test below needs a `.` or a `:` in the chunk; most chunks (a word between whitespace) have neither.
    if memchr::memchr2(b'.', b':', &b[s..e]).is_none() {
        return false;
    }
    // The chunk without its closing punctuation, compared without regard to ASCII case.
    let mut chunk = &b[s..e];
    while let [rest @ .., b'.' | b',' | b'!' | b'?' | b')'] = chunk {
        chunk = rest;
    }
    chunk.windows(3).any(|w| w == b"://")
        || chunk
            .get(..4)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"www."))
        || (chunk.contains(&b'.') && chunk.contains(&b'/') && chunk.first() != Some(&b'/'))
        || TLDS.iter().any(|tld| {
            chunk.len() > tld.len() + 1
                && chunk[chunk.len() - tld.len()..].eq_ignore_ascii_case(tld)
        })
}

/// True if a shortener's link with a path starts at byte `start` (`bit.ly/danacair88`, `https://s.id/pinjam`,
/// `*bit.ly/x*`, `(s.id/x)`, `daftar:s.id/x`, `www.bit.ly/x`): the host follows a byte that is not a letter, a digit,
/// `-` or `_` (or `www.`), and a letter, a digit, `_` or `-` follows its `/`. A shortener named alone (`tautan
/// bit.ly`) is not one.
fn is_short_link(text: &str, start: usize) -> bool {
    let b = text.as_bytes();
    let after_boundary = match start.checked_sub(1).map(|i| b[i]) {
        None => true,
        Some(b'.') => start >= 4 && b[start - 4..start].eq_ignore_ascii_case(b"www."),
        Some(c) => !c.is_ascii_alphanumeric() && c != b'-' && c != b'_',
    };
    let rest = &b[start..];
    after_boundary
        && crate::moderation::spam::SHORTENERS.iter().any(|h| {
            rest.len() > h.len() + 1
                && rest[..h.len()].eq_ignore_ascii_case(h.as_bytes())
                && rest[h.len()] == b'/'
                && (rest[h.len() + 1].is_ascii_alphanumeric()
                    || matches!(rest[h.len() + 1], b'_' | b'-'))
        })
}

/// True if token `t` is an amount of money: `500rb`, `25k`, `3jt`, `Rp50`, or a number before `juta`, `ribu`, `rb`.
fn is_amount(text: &str, norm: &Normalized, t: usize) -> bool {
    const UNITS: [&[u8]; 7] = [b"rb", b"ribu", b"k", b"jt", b"juta", b"ratus", b"m"];
    // The original word of a token, compared without regard to ASCII case.
    let word = |t: usize| {
        norm.toks
            .get(t)
            .map(|k| &text.as_bytes()[k.o_start as usize..k.o_end as usize])
    };
    let Some(w) = word(t) else {
        return false;
    };
    let digits = w.iter().take_while(|b| b.is_ascii_digit()).count();
    let rest = &w[digits..];
    if digits > 0 && UNITS.iter().any(|u| rest.eq_ignore_ascii_case(u)) {
        return true;
    }
    if w.len() > 2 && w[..2].eq_ignore_ascii_case(b"rp") && w[2..].iter().all(u8::is_ascii_digit) {
        return true;
    }
    digits == w.len()
        && (word(t + 1).is_some_and(|n| UNITS[..5].iter().any(|u| n.eq_ignore_ascii_case(u)))
            || t.checked_sub(1)
                .and_then(word)
                .is_some_and(|p| p.eq_ignore_ascii_case(b"rp")))
}

/// The whitespace-delimited chunk of `b` around `start..end`.
fn chunk_around(b: &[u8], start: usize, end: usize) -> (usize, usize) {
    let s = b[..start]
        .iter()
        .rposition(u8::is_ascii_whitespace)
        .map_or(0, |p| p + 1);
    (s, chunk_end(b, end))
}

/// The end of the whitespace-delimited chunk that runs on from byte `end` (the next whitespace, or the end of `b`).
fn chunk_end(b: &[u8], end: usize) -> usize {
    b[end..]
        .iter()
        .position(u8::is_ascii_whitespace)
        .map_or(b.len(), |p| end + p)
}

#[cfg(test)]
mod tests {
    use super::is_short_link;

    /// A shortener's link with a path, with or without a scheme, in any case; not a shortener named alone, with an
    /// empty path, inside another host, or a token after the host.
    #[test]
    fn short_links() {
        let at = |text: &str, word: &str| is_short_link(text, text.find(word).unwrap());
        assert!(at("daftar: bit.ly/danacair88", "bit"));
        assert!(at("klik https://S.ID/pinjam.", "S.ID"));
        assert!(at("cek tinyurl.com/abc", "tinyurl"));
        assert!(!at("lewat tautan bit.ly. Jangan", "bit"));
        assert!(!at("link bit.ly/ saja", "bit"));
        assert!(!at("situs xbit.ly/abc", "xbit"));
        assert!(!at("daftar: bit.ly/danacair88", "ly/"));
        assert!(!at("klik https://S.ID/pinjam.", "https"));
        // written in WhatsApp bold, in brackets, after a colon or `www.`, with `_` after the slash
        assert!(at("daftar *bit.ly/pinjam*", "bit"));
        assert!(at("(s.id/x)", "s.id"));
        assert!(at("daftar:s.id/danaizin", "s.id"));
        assert!(at("www.bit.ly/x", "bit"));
        assert!(at("bit.ly/_x", "bit"));
    }
}
