//! The one personal-data detector (docs/domain.md §5): NIKs, Indonesian phone numbers and e-mail addresses in any
//! text, as byte spans of the original. [`super::mask_text`] and `moderation::{find_personal_data, redact}` both use
//! it, so what moderation finds is exactly what masking hides.
//!
//! A number is read as it is written by people trying to get it past a filter, or just by people: Unicode decimal
//! digits of any script count as digits (full-width `６４０２`, Arabic-Indic `٦٤٠٢`); format characters (zero-width
//! spaces and joiners, word joiner, BOM, soft hyphen) are invisible; digit groups may be glued to letters
//! (`NIK6402…`) and separated by up to [`MAX_SEPARATORS`] characters of white space (NBSP, tabs and newlines
//! included), `.`, `/`, `,`, `_`, `-`, dashes or parentheses. A chain of such groups is then cut into numbers at
//! group boundaries:
//!
//! - a **NIK**: 16 digits, structurally valid ([`nik_problem`]), written whole or in a NIK layout (groups of four,
//!   pairs, `PPKKCC DDMMYY SSSS`), so that a date range such as `31.12.2023 - 01.01.2024` is not one;
//! - a **phone** number: `08…` (10–13 digits), `62 8…` / `+62 8…` (10–13 digits counting the `0`), or a landline in
//!   `(0xx) …` form (9–13 digits); an `08…` number starts with a group of three digits or more, or is all pairs,
//!   so a date (`08.11.2024`) is never one;
//! - a **long number** (masked, never reported by moderation): 14 or more digits in one group, or a NIK-shaped
//!   16 digits that fail the NIK's structure (a mistyped NIK, a KK number). Decree numbers, Kemendagri codes, years,
//!   amounts and byte offsets are none of these and stay readable.
//!
//! A long number that is one plain run of ASCII digits and reads as a quantity of kim's own messages (after `line`,
//! `column`, `byte`, `offset` or `limit is`, or before `bytes`, `rows`, `lines` or `characters`) is left alone:
//! an error about a 18446744073709551615-byte input must say so. A NIK or phone number is masked whatever words
//! surround it.

use crate::error::NikProblem;

/// The most separator characters between two digit groups of one number (`) `, ` - ` and `\r\n` fit).
pub const MAX_SEPARATORS: usize = 3;

/// The kind of a personal-data match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PersonalKind {
    /// A structurally valid NIK (16 digits, in any digit script, with separators between digit groups).
    Nik,
    /// An Indonesian phone number: `08…`, `+62 8…` or `62 8…` (10 to 13 digits in the `08…` form), or `(0xx) …`.
    Phone,
    /// An e-mail address.
    Email,
}

/// One personal-data span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct PersonalSpan {
    /// Start byte in the original text.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// What it is.
    pub kind: PersonalKind,
}

/// What the detector found: personal data, or a long number that is masked without being reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Found {
    Personal(PersonalKind),
    LongNumber,
}

/// A span of the detector.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hit {
    pub start: usize,
    pub end: usize,
    pub found: Found,
}

/// Every NIK, phone number and e-mail address in `text`, in order, not overlapping.
///
/// ```
/// use kim_core::privacy::{find_personal_data, PersonalKind};
/// let t = "Hubungi (0812) 3456-7890 atau siti@example.id, NIK６４０２０１４１０１９００００１.";
/// let kinds: Vec<_> = find_personal_data(t).iter().map(|s| s.kind).collect();
/// assert_eq!(kinds, [PersonalKind::Phone, PersonalKind::Email, PersonalKind::Nik]);
/// ```
#[must_use]
pub fn find_personal_data(text: &str) -> Vec<PersonalSpan> {
    detect(text)
        .into_iter()
        .filter_map(|h| match h.found {
            Found::Personal(kind) => Some(PersonalSpan {
                start: h.start,
                end: h.end,
                kind,
            }),
            Found::LongNumber => None,
        })
        .collect()
}

/// The structural problem of a 16-digit NIK (ASCII digits), if any: zero region parts, an impossible birth date
/// (women have DD + 40), serial `0000`.
pub(crate) fn nik_problem(d: &[u8; 16]) -> Option<NikProblem> {
    let two = |i: usize| u32::from(d[i] - b'0') * 10 + u32::from(d[i + 1] - b'0');
    if two(0) == 0 || two(2) == 0 || two(4) == 0 {
        return Some(NikProblem::Region);
    }
    let day = two(6);
    let day = if day > 40 { day - 40 } else { day };
    if !(1..=31).contains(&day) {
        return Some(NikProblem::Day);
    }
    let month = two(8);
    if !(1..=12).contains(&month) {
        return Some(NikProblem::Month);
    }
    // The century is unknown; 29 February is allowed when YY is divisible by 4 (1900 aside, 19YY and 20YY agree).
    let leap = two(10) % 4 == 0;
    let max_day = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if day > max_day {
        return Some(NikProblem::Date);
    }
    if &d[12..] == b"0000" {
        return Some(NikProblem::Serial);
    }
    None
}

/// The first code point of each run of ten Unicode decimal digits (category Nd) beyond ASCII.
const DIGIT_ZEROS: [u32; 65] = [
    0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66, 0xDE6,
    0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90, 0x1B50,
    0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// Unicode format characters (category Cf, the soft hyphen included): invisible, so skipped inside a number.
const FORMAT_RANGES: [(u32, u32); 21] = [
    (0xAD, 0xAD),
    (0x600, 0x605),
    (0x61C, 0x61C),
    (0x6DD, 0x6DD),
    (0x70F, 0x70F),
    (0x890, 0x891),
    (0x8E2, 0x8E2),
    (0x180E, 0x180E),
    (0x200B, 0x200F),
    (0x202A, 0x202E),
    (0x2060, 0x2064),
    (0x2066, 0x206F),
    (0xFEFF, 0xFEFF),
    (0xFFF9, 0xFFFB),
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x13438),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0001, 0xE0001),
    (0xE0020, 0xE007F),
];

/// The ASCII digit of a Unicode decimal digit.
pub(crate) fn fold_digit(c: char) -> Option<u8> {
    if c.is_ascii_digit() {
        return Some(c as u8);
    }
    let u = u32::from(c);
    if u < 0x660 {
        return None;
    }
    let i = DIGIT_ZEROS.partition_point(|&z| z <= u);
    let zero = DIGIT_ZEROS[i.checked_sub(1)?];
    u8::try_from(u - zero)
        .ok()
        .filter(|&d| d < 10)
        .map(|d| b'0' + d)
}

fn is_format(c: char) -> bool {
    let u = u32::from(c);
    u >= 0xAD && FORMAT_RANGES.iter().any(|&(lo, hi)| (lo..=hi).contains(&u))
}

fn is_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '.' | '/' | ',' | '_' | '-' | '(' | ')' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{2010}'..='\u{2015}' | '\u{202f}' | '\u{205f}' | '\u{2212}' | '\u{3000}'
    )
}

/// The first byte at or after `from` that may start a digit: an ASCII digit or any non-ASCII byte. Sixteen bytes at
/// a time, without an early exit inside a block, so the compiler can use vector instructions: most text has long
/// stretches with neither.
fn next_candidate(b: &[u8], from: usize) -> Option<usize> {
    let hit = |c: u8| c.is_ascii_digit() || c >= 0x80;
    let mut i = from;
    while let Some(block) = b.get(i..i + 16) {
        if block.iter().fold(false, |any, &c| any | hit(c)) {
            return block.iter().position(|&c| hit(c)).map(|p| i + p);
        }
        i += 16;
    }
    b.get(i..)?.iter().position(|&c| hit(c)).map(|p| i + p)
}

/// One group of digits: its bytes in the text, its digit count and its first 16 digits (ASCII).
#[derive(Clone, Copy)]
struct Group {
    start: usize,
    end: usize,
    n: usize,
    d: [u8; 16],
}

/// The group of digits starting at `at` (a digit) and the position after it: digits and format characters.
fn group_at(text: &str, at: usize, limit: usize) -> Group {
    let mut g = Group {
        start: at,
        end: at,
        n: 0,
        d: [0; 16],
    };
    let b = text.as_bytes();
    let mut i = at;
    while i < limit {
        if b[i].is_ascii_digit() {
            if g.n < 16 {
                g.d[g.n] = b[i];
            }
            g.n += 1;
            i += 1;
            g.end = i;
            continue;
        }
        if b[i] < 0x80 {
            break;
        }
        let Some(c) = text[i..].chars().next() else {
            break;
        };
        if let Some(d) = fold_digit(c) {
            if g.n < 16 {
                g.d[g.n] = d;
            }
            g.n += 1;
            i += c.len_utf8();
            g.end = i;
        } else if is_format(c) {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    g
}

/// The start of the next group of the same number after a group ending at `end`: up to [`MAX_SEPARATORS`]
/// separators (format characters not counted), then a digit.
fn next_group_start(text: &str, end: usize, limit: usize) -> Option<usize> {
    let mut seps = 0;
    let b = text.as_bytes();
    // ASCII first: most numbers end at a letter, a space and a letter, or punctuation.
    let mut i = end;
    while i < limit && b[i] < 0x80 {
        match b[i] {
            b'0'..=b'9' => return (seps > 0).then_some(i),
            b' ' | b'\t' | b'\n' | b'\r' | b'.' | b'/' | b',' | b'_' | b'-' | b'(' | b')' => {
                seps += 1;
                if seps > MAX_SEPARATORS {
                    return None;
                }
            }
            _ => return None,
        }
        i += 1;
    }
    for (off, c) in text.get(i..limit)?.char_indices() {
        if fold_digit(c).is_some() {
            return (seps > 0).then_some(i + off);
        } else if is_separator(c) {
            seps += 1;
            if seps > MAX_SEPARATORS {
                return None;
            }
        } else if !is_format(c) {
            return None;
        }
    }
    None
}

/// Every personal-data and long-number span of `text`, in order, not overlapping.
pub(crate) fn detect(text: &str) -> Vec<Hit> {
    let b = text.as_bytes();
    // E-mail addresses first, so that digits in a local part (`081234567890@contoh.id`) belong to the address.
    let mut emails: Vec<Hit> = Vec::new();
    for at in memchr::memchr_iter(b'@', b) {
        // The local part never reaches back into the previous address.
        let floor = emails.last().map_or(0, |l| l.end);
        if at >= floor
            && let Some(span) = email_at(b, at, floor)
        {
            emails.push(span);
        }
    }
    let mut out = Vec::with_capacity(emails.len());
    let mut from = 0;
    for e in emails {
        numbers(text, from, e.start, &mut out);
        out.push(e);
        from = e.end;
    }
    numbers(text, from, text.len(), &mut out);
    out.retain(|h| !(h.found == Found::LongNumber && is_quantity(text, h)));
    out
}

/// True if the long number `h` is one plain run of ASCII digits that kim's own messages use as a quantity: a line,
/// column or byte position, a size or limit, a count of rows (see the module docs). Reads a few bytes either side.
fn is_quantity(text: &str, h: &Hit) -> bool {
    const BEFORE: [&[u8]; 5] = [b"line ", b"column ", b"byte ", b"offset ", b"limit is "];
    const AFTER: [&[u8]; 6] = [
        b" bytes",
        b" byte",
        b" rows",
        b" row",
        b" lines",
        b" characters",
    ];
    let b = text.as_bytes();
    if !b[h.start..h.end].iter().all(u8::is_ascii_digit) {
        return false;
    }
    let (before, after) = (&b[..h.start], &b[h.end..]);
    let position_before = BEFORE.iter().any(|w| {
        before.len() >= w.len() && before[before.len() - w.len()..].eq_ignore_ascii_case(w)
    });
    let unit_after = AFTER.iter().any(|w| {
        after.len() >= w.len()
            && after[..w.len()].eq_ignore_ascii_case(w)
            && !after.get(w.len()).is_some_and(u8::is_ascii_alphanumeric)
    });
    position_before || unit_after
}

/// The numbers in `text[from..limit]`.
fn numbers(text: &str, from: usize, limit: usize, out: &mut Vec<Hit>) {
    let b = text.as_bytes();
    // The groups of the current chain not yet cut into numbers (a number spans at most 16 groups), on the stack.
    let empty = Group {
        start: 0,
        end: 0,
        n: 0,
        d: [0; 16],
    };
    let mut groups = [empty; 17];
    let mut i = from;
    while i < limit {
        let Some(at) = next_candidate(&b[..limit], i) else {
            return;
        };
        if b[at] >= 0x80 {
            let c = text[at..].chars().next().unwrap_or('\0');
            if fold_digit(c).is_none() {
                i = at + c.len_utf8().max(1);
                continue;
            }
        }
        // A chain of groups; cut numbers off its front whenever 16 groups are waiting.
        let mut len = 0;
        let mut next = Some(at);
        while let Some(s) = next {
            let g = group_at(text, s, limit);
            groups[len] = g;
            len += 1;
            next = next_group_start(text, g.end, limit);
            i = g.end;
            while len > 16 || (next.is_none() && len > 0) {
                let taken = cut(text, &groups[..len], out);
                groups.copy_within(taken..len, 0);
                len -= taken;
            }
        }
    }
}

/// Cuts one number off the front of `groups` (pushing it to `out`), or drops the first group; the count consumed.
fn cut(text: &str, groups: &[Group], out: &mut Vec<Hit>) -> usize {
    let first = groups[0];
    let prefix = first
        .start
        .checked_sub(1)
        .map(|p| text.as_bytes()[p])
        .filter(|&c| c == b'+' || c == b'(');
    let mut d = [0u8; 16];
    let mut total = 0;
    let mut cuts = [0usize; 16];
    let mut best: Option<(Found, usize)> = None;
    if first.n >= 14 {
        best = Some((Found::LongNumber, 1));
    }
    for (k, g) in groups.iter().enumerate() {
        if total + g.n > 16 {
            break;
        }
        d[total..total + g.n].copy_from_slice(&g.d[..g.n]);
        total += g.n;
        if total == 16 && nik_layout(&cuts[..k]) {
            if nik_problem(&d).is_none() {
                best = Some((Found::Personal(PersonalKind::Nik), k + 1));
                break;
            }
            if best.is_none() && province_like(&d) {
                best = Some((Found::LongNumber, k + 1));
            }
        } else if is_phone(&d[..total], groups, k, prefix) {
            best = Some((Found::Personal(PersonalKind::Phone), k + 1));
        }
        cuts[k] = total;
    }
    let Some((found, n)) = best else {
        return 1;
    };
    let phone = found == Found::Personal(PersonalKind::Phone);
    out.push(Hit {
        start: first.start - usize::from(phone && prefix.is_some()),
        end: groups[n - 1].end,
        found,
    });
    n
}

/// True if the inner group boundaries `cuts` (digit counts before each boundary) are a way people write a NIK:
/// groups of four, pairs, or `PP KK CC DDMMYY SSSS` parts.
fn nik_layout(cuts: &[usize]) -> bool {
    cuts.iter().all(|c| c % 4 == 0)
        || cuts.iter().all(|c| [2, 4, 6, 12].contains(c))
        || (cuts.iter().all(|c| c % 2 == 0) && [2, 4, 6, 8, 10].iter().all(|x| cuts.contains(x)))
}

/// True if the first two digits are a province code of the NIK's era (11–19, 21, 31–36, 51–53, 61–65, 71–76, 81–82,
/// 91–97): a mistyped NIK, not a list of years.
fn province_like(d: &[u8; 16]) -> bool {
    let p = (d[0] - b'0') * 10 + (d[1] - b'0');
    matches!(p, 11..=19 | 21 | 31..=36 | 51..=53 | 61..=65 | 71..=76 | 81 | 82 | 91..=97)
}

/// True if the digits `d` of `groups[..=k]` form an Indonesian phone number; `prefix` is the `+` or `(` before it.
fn is_phone(d: &[u8], groups: &[Group], k: usize, prefix: Option<u8>) -> bool {
    let n0 = groups[0].n;
    let (local_len, range) = if let Some(rest) = d.strip_prefix(b"62") {
        // `62 812…`, `+62 812…` or `62812…`; with a `+`, a landline area code too.
        let next_ok = rest.first() == Some(&b'8')
            || (prefix == Some(b'+') && rest.first().is_some_and(|&c| c > b'1'));
        let grouped = (n0 == 2 && k >= 1 && groups[1].n >= 3) || n0 >= 5;
        if !next_ok || !grouped {
            return false;
        }
        (
            rest.len() + 1,
            if rest[0] == b'8' { 10..=13 } else { 9..=12 },
        )
    } else if d.starts_with(b"08")
        && d.get(2).is_some_and(|&c| c != b'0')
        // `0812 …`, or pairs throughout (`08 12 34 …`); a date (`08.11.2024`) is neither.
        && (n0 >= 3 || groups[..=k].iter().all(|g| g.n == 2))
    {
        (d.len(), 10..=13)
    } else if prefix == Some(b'(')
        && d.first() == Some(&b'0')
        && d.get(1).is_some_and(|&c| c != b'0')
        && (3..=4).contains(&n0)
    {
        (d.len(), 9..=13)
    } else {
        return false;
    };
    range.contains(&local_len)
}

fn email_at(b: &[u8], at: usize, floor: usize) -> Option<Hit> {
    let local_ok = |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b'+');
    let mut s = at;
    while s > floor && local_ok(b[s - 1]) {
        s -= 1;
    }
    while s < at && b[s] == b'.' {
        s += 1;
    }
    if s == at {
        return None;
    }
    let (mut e, dots, last_dot) = domain_at(b, at);
    // The top-level domain is letters only (`.id`, `.com`): `x@ab.6402` is not an address.
    let tld = &b[(last_dot + 1).min(e)..e];
    if dots == 0 || last_dot <= at + 1 || tld.len() < 2 || !tld.iter().all(u8::is_ascii_alphabetic)
    {
        return None;
    }
    // `a@b.co@c.co` is one (malformed) address: masking only its first part would leave `b.co@c.co` behind.
    while b.get(e) == Some(&b'@') {
        let (e2, _, _) = domain_at(b, e);
        if e2 == e + 1 {
            break;
        }
        e = e2;
    }
    Some(Hit {
        start: s,
        end: e,
        found: Found::Personal(PersonalKind::Email),
    })
}

/// The end of the domain after the `@` at `at`, its number of dots and the position of the last one.
fn domain_at(b: &[u8], at: usize) -> (usize, usize, usize) {
    let mut e = at + 1;
    let mut dots = 0;
    let mut last_dot = 0;
    while e < b.len()
        && (b[e].is_ascii_alphanumeric()
            || b[e] == b'-'
            || (b[e] == b'.' && b.get(e + 1).is_some_and(u8::is_ascii_alphanumeric)))
    {
        if b[e] == b'.' {
            dots += 1;
            last_dot = e;
        }
        e += 1;
    }
    // A domain label never ends with a hyphen: `a@b.cd-@e.fg` is `a@b.cd`, then `-@e.fg`.
    while e > at + 1 && b[e - 1] == b'-' {
        e -= 1;
    }
    (e, dots, last_dot)
}

/// The masked form of one span of `text`: NIKs, phone numbers and long numbers keep their first four and last two
/// digits, in ASCII (`6402**********01`; a country code stays, `+62 8123*****90`); e-mail addresses keep the first
/// character of the local part and the domain (`s***@example.id`).
pub(crate) fn mask_hit(text: &str, h: Hit, out: &mut String) {
    let v = &text[h.start..h.end];
    let digits: String = v.chars().filter_map(fold_digit).map(char::from).collect();
    match h.found {
        Found::Personal(PersonalKind::Email) => {
            let at = v.rfind('@').unwrap_or(0);
            out.push(v[..at].chars().next().unwrap_or('*'));
            out.push_str("***");
            out.push_str(&v[at..]);
        }
        Found::Personal(PersonalKind::Phone) => {
            let plus = v.starts_with('+');
            // The country code stays when written as one (`+62…`, `62 8…`).
            let first_group = v
                .chars()
                .skip(usize::from(plus))
                .filter(|&c| !is_format(c))
                .take_while(|&c| fold_digit(c).is_some())
                .count();
            if let Some(rest) = digits
                .strip_prefix("62")
                .filter(|_| plus || first_group == 2)
            {
                out.push_str(if plus { "+62 " } else { "62 " });
                out.push_str(&super::mask_nik(rest));
            } else {
                out.push_str(&super::mask_nik(&digits));
            }
        }
        _ => out.push_str(&super::mask_nik(&digits)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_every_decimal_digit_script() {
        for zero in DIGIT_ZEROS {
            for d in 0..10u8 {
                let c = char::from_u32(zero + u32::from(d)).unwrap();
                assert_eq!(fold_digit(c), Some(b'0' + d), "U+{:X}", u32::from(c));
            }
        }
        for c in ['a', '٫', '²', '½', '\u{65f}', '\u{ff1a}'] {
            assert_eq!(fold_digit(c), None, "{c}");
        }
        assert!(
            is_format('\u{ad}')
                && is_format('\u{200b}')
                && is_format('\u{feff}')
                && !is_format(' ')
        );
    }

    #[test]
    fn nik_layouts() {
        assert!(nik_layout(&[]));
        assert!(nik_layout(&[4, 8, 12]));
        assert!(nik_layout(&[2, 4, 6, 8, 10, 12, 14]));
        assert!(nik_layout(&[6, 12]));
        assert!(nik_layout(&[2, 4, 6, 12]));
        // A date range, `31.12.2023 - 01.01.2024`.
        assert!(!nik_layout(&[2, 4, 8, 10, 12]));
    }

    #[test]
    fn spans_cover_the_prefix_of_a_phone_only() {
        let t = "x (021) 345-6789 y +62 812 3456 7890";
        let spans: Vec<&str> = find_personal_data(t)
            .iter()
            .map(|s| &t[s.start..s.end])
            .collect();
        assert_eq!(spans, ["(021) 345-6789", "+62 812 3456 7890"]);
    }
}
