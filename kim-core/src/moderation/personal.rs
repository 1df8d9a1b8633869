//! Personal data in text (docs/domain.md §5, UU PDP 27/2022): NIKs, Indonesian phone numbers and e-mail addresses, with
//! byte spans in the original text.

use serde::{Deserialize, Serialize};

use super::verdict::{Action, Category, Match, MatchSeverity};
use crate::registry::Nik;

/// The kind of a personal-data match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PersonalKind {
    /// A structurally valid NIK (16 digits; spaces, dots or dashes between digit groups allowed).
    Nik,
    /// An Indonesian mobile number: `08…`, `+62 8…` or `62 8…`, 10 to 13 digits in the `08…` form.
    Phone,
    /// An e-mail address.
    Email,
}

/// One personal-data span.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonalSpan {
    /// Start byte in the original text.
    pub start: usize,
    /// End byte (exclusive).
    pub end: usize,
    /// What it is.
    pub kind: PersonalKind,
}

fn is_sep(b: u8) -> bool {
    matches!(b, b' ' | b'.' | b'-')
}

/// The first byte at or after `from` that is an ASCII digit or `+`. Sixteen bytes at a time, without an early exit
/// inside a block, so the compiler can use vector instructions: most text has long stretches with neither.
fn next_digit_or_plus(b: &[u8], from: usize) -> Option<usize> {
    let hit = |c: u8| c.is_ascii_digit() || c == b'+';
    let mut i = from;
    while let Some(block) = b.get(i..i + 16) {
        if block.iter().fold(false, |any, &c| any | hit(c)) {
            return block.iter().position(|&c| hit(c)).map(|p| i + p);
        }
        i += 16;
    }
    b.get(i..)?.iter().position(|&c| hit(c)).map(|p| i + p)
}

/// Every NIK, phone number and e-mail address in `text`, in order, not overlapping.
///
/// ```
/// use kim_core::moderation::{find_personal_data, PersonalKind};
/// let t = "Hubungi 0812-3456-7890 atau siti@example.id, NIK 6402 0141 0190 0001.";
/// let kinds: Vec<_> = find_personal_data(t).iter().map(|s| s.kind).collect();
/// assert_eq!(kinds, [PersonalKind::Phone, PersonalKind::Email, PersonalKind::Nik]);
/// ```
pub fn find_personal_data(text: &str) -> Vec<PersonalSpan> {
    let b = text.as_bytes();
    // E-mail addresses first, so that digits in a local part (`081234567890@contoh.id`) belong to the address.
    let mut emails: Vec<PersonalSpan> = Vec::new();
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
    let mut next_email = emails.into_iter().peekable();
    let mut i = 0;
    // The digits of the current run (a NIK or phone number has at most 20 here); on the stack, not the heap.
    let mut digits = [0u8; 24];
    let mut next_start = next_email.peek().map_or(usize::MAX, |e| e.start);
    while i < b.len() {
        if next_start <= i {
            if let Some(e) = next_email.next() {
                i = i.max(e.end);
                out.push(e);
            }
            next_start = next_email.peek().map_or(usize::MAX, |e| e.start);
            continue;
        }
        // Digit runs stop before the next address. Skip straight to the next digit or `+`: most text has none.
        let limit = next_start.min(b.len());
        let Some(at) = next_digit_or_plus(&b[..limit], i) else {
            i = limit;
            continue;
        };
        i = at;
        let c = b[i];
        let plus = c == b'+' && b.get(i + 1).is_some_and(u8::is_ascii_digit);
        if !(c.is_ascii_digit() || plus) || (i > 0 && (b[i - 1].is_ascii_alphanumeric())) {
            i += 1;
            continue;
        }
        // A run of digits with single separators between them.
        let start = i;
        let mut j = i + usize::from(plus);
        let mut n_digits = 0usize;
        let mut end = j;
        while j < limit {
            if b[j].is_ascii_digit() {
                if n_digits < digits.len() {
                    digits[n_digits] = b[j];
                }
                n_digits += 1;
                j += 1;
                end = j;
            } else if is_sep(b[j]) && j + 1 < limit && b[j + 1].is_ascii_digit() && n_digits < 20 {
                j += 1;
            } else {
                break;
            }
        }
        let followed_by_word = b.get(end).is_some_and(u8::is_ascii_alphanumeric);
        // A run longer than the buffer is no NIK (16) and no phone number (at most 14 digits with `62`).
        let digits = std::str::from_utf8(&digits[..n_digits.min(digits.len())]).unwrap_or_default();
        if !followed_by_word && n_digits <= 20 {
            if digits.len() == 16 && Nik::parse_any_province(digits).is_ok() {
                out.push(PersonalSpan {
                    start,
                    end,
                    kind: PersonalKind::Nik,
                });
            } else if is_phone(digits) {
                out.push(PersonalSpan {
                    start,
                    end,
                    kind: PersonalKind::Phone,
                });
            }
        }
        i = end.max(i + 1);
    }
    out.extend(next_email);
    out
}

fn is_phone(digits: &str) -> bool {
    let local_len = if let Some(rest) = digits.strip_prefix("62") {
        if !rest.starts_with('8') {
            return false;
        }
        rest.len() + 1
    } else if digits.starts_with("08") {
        digits.len()
    } else {
        return false;
    };
    (10..=13).contains(&local_len)
}

fn email_at(b: &[u8], at: usize, floor: usize) -> Option<PersonalSpan> {
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
    Some(PersonalSpan {
        start: s,
        end: e,
        kind: PersonalKind::Email,
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

/// The text with every NIK, phone number and e-mail address masked in place: NIKs and phones keep their first four
/// and last two digits (`6402**********01`), e-mail addresses keep the first character of the local part and the
/// domain (`s***@example.id`). The result contains nothing that [`find_personal_data`] would find.
///
/// ```
/// let r = kim_core::moderation::redact("NIK 6402014101900001, hp +62 812-3456-7890, email siti@example.id");
/// assert_eq!(r, "NIK 6402**********01, hp +62 8123*****90, email s***@example.id");
/// ```
pub fn redact(text: &str) -> String {
    let mut spans = find_personal_data(text);
    if spans.is_empty() {
        return text.to_owned();
    }
    let mut out = redact_once(text, spans);
    // A mask can bring two digit groups together (`080808-6402**********01` reads as a phone number): redact
    // again until nothing is found. Each round masks at least one more digit, so this ends.
    loop {
        spans = find_personal_data(&out);
        if spans.is_empty() {
            return out;
        }
        out = redact_once(&out, spans);
    }
}

fn redact_once(text: &str, spans: Vec<PersonalSpan>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for s in spans {
        out.push_str(&text[last..s.start]);
        let v = &text[s.start..s.end];
        match s.kind {
            PersonalKind::Nik => out.push_str(&crate::privacy::mask_nik(v)),
            PersonalKind::Phone => {
                let (prefix, rest) = if let Some(r) = v.strip_prefix('+') {
                    ("+", r)
                } else {
                    ("", v)
                };
                // Keep a country code group as written (`+62 `), mask the rest.
                let (cc, number) = match rest.strip_prefix("62") {
                    Some(n) if prefix == "+" || n.starts_with(|c: char| is_sep(c as u8)) => {
                        ("62", n.trim_start_matches(|c: char| is_sep(c as u8)))
                    }
                    _ => ("", rest),
                };
                out.push_str(prefix);
                out.push_str(cc);
                if !cc.is_empty() {
                    out.push(' ');
                }
                out.push_str(&crate::privacy::mask_nik(number));
            }
            PersonalKind::Email => {
                let at = v.rfind('@').unwrap_or(0);
                let first = v[..at].chars().next().unwrap_or('*');
                out.push(first);
                out.push_str("***");
                out.push_str(&v[at..]);
            }
        }
        last = s.end;
    }
    out.push_str(&text[last..]);
    out
}

/// E-mail domains of institutions (government, villages, schools, universities): flagged, not held.
const INSTITUTIONAL_DOMAINS: &[&str] = &[".go.id", ".desa.id", ".sch.id", ".ac.id"];

/// The moderation matches of the personal data in `text`: a NIK blocks, a phone number or e-mail address holds, an
/// institutional e-mail address is only flagged.
pub(super) fn personal_matches(text: &str, out: &mut Vec<Match>) {
    for s in find_personal_data(text) {
        let (rule, id, en) = match s.kind {
            PersonalKind::Nik => ("pd-nik", "NIK", "a NIK"),
            PersonalKind::Phone => ("pd-phone", "nomor telepon", "a phone number"),
            PersonalKind::Email => ("pd-email", "alamat e-mail", "an e-mail address"),
        };
        // An office address on an institutional domain is a public contact, not someone's personal data.
        let institutional = s.kind == PersonalKind::Email
            && INSTITUTIONAL_DOMAINS
                .iter()
                .any(|d| text[s.start..s.end].to_ascii_lowercase().ends_with(d));
        let action = match s.kind {
            PersonalKind::Nik => Action::Block,
            _ if institutional => Action::Flag,
            _ => Action::Hold,
        };
        out.push(Match {
            start: s.start,
            end: s.end,
            category: Category::DataPribadi,
            severity: if s.kind == PersonalKind::Nik {
                MatchSeverity::High
            } else {
                MatchSeverity::Medium
            },
            action,
            rule_id: rule.to_owned(),
            reason_id: format!("memuat {id} (data pribadi, UU PDP 27/2022); gunakan redact"),
            reason_en: format!("contains {en} (personal data, UU PDP 27/2022); use redact"),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(t: &str) -> Vec<(PersonalKind, &str)> {
        find_personal_data(t)
            .iter()
            .map(|s| (s.kind, &t[s.start..s.end]))
            .collect()
    }

    #[test]
    fn a_nik_shaped_number_is_found_whatever_its_province() {
        // `Nik::parse` rejects province 99, but the number is still personal data to redact.
        assert_eq!(
            kinds("nik 9901014101900001"),
            [(PersonalKind::Nik, "9901014101900001")]
        );
    }

    #[test]
    fn finds_the_forms() {
        assert_eq!(
            kinds("hp 081234567890."),
            [(PersonalKind::Phone, "081234567890")]
        );
        assert_eq!(
            kinds("WA +62 812 3456 7890"),
            [(PersonalKind::Phone, "+62 812 3456 7890")]
        );
        assert_eq!(
            kinds("62 812.3456.789"),
            [(PersonalKind::Phone, "62 812.3456.789")]
        );
        assert_eq!(
            kinds("nik: 6402.0141.0190.0001"),
            [(PersonalKind::Nik, "6402.0141.0190.0001")]
        );
        assert_eq!(
            kinds("mail a.b-c@desa-x.go.id!"),
            [(PersonalKind::Email, "a.b-c@desa-x.go.id")]
        );
    }

    #[test]
    fn leaves_other_numbers() {
        // Not a valid NIK (month 13), a date, a code, an amount, a short number, an account number.
        for t in [
            "6402011399000001",
            "2024-02-30",
            "64.02.01.2001",
            "Rp 1.500.000",
            "RT 05 RW 03",
            "rek 1234567890123456789",
            "@kominfo",
            "x@y",
        ] {
            assert!(kinds(t).is_empty(), "{t}: {:?}", kinds(t));
        }
    }
}
