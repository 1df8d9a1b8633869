//! Personal data in text (docs/domain.md §5, UU PDP 27/2022): NIKs, Indonesian phone numbers and e-mail addresses, with
//! byte spans in the original text. The detector is `privacy`'s (one for masking and moderation); this module turns
//! its spans into moderation matches.

use super::engine::Matches;
use super::verdict::{Action, Category, Match, MatchSeverity, Text};
pub use crate::privacy::{PersonalKind, PersonalSpan, find_personal_data};

/// The text with every NIK, phone number and e-mail address masked in place: NIKs and phones keep their first four
/// and last two digits (`6402**********01`), e-mail addresses keep the first character of the local part and the
/// domain (`s***@example.id`). The result contains nothing that [`find_personal_data`] would find. This is
/// [`crate::privacy::mask_text`]: moderation and masking share one detector, so they always agree.
///
/// ```
/// let r = kim_core::moderation::redact("NIK 6402014101900001, hp +62 812-3456-7890, email siti@example.id");
/// assert_eq!(r, "NIK 6402**********01, hp +62 8123*****90, email s***@example.id");
/// ```
#[must_use = "redact returns the redacted copy; the text itself is unchanged"]
pub fn redact(text: &str) -> String {
    crate::privacy::mask_text(text)
}

/// E-mail domains of institutions (government, villages, schools, universities): flagged, not held.
const INSTITUTIONAL_DOMAINS: &[&str] = &[".go.id", ".desa.id", ".sch.id", ".ac.id"];

/// The moderation matches of the personal data in `text`: a NIK blocks, a phone number or e-mail address holds, an
/// institutional e-mail address is only flagged.
pub(super) fn personal_matches(text: &str, out: &mut Matches) {
    for s in find_personal_data(text) {
        let (rule, id, en) = match s.kind {
            PersonalKind::Nik => (
                "pd-nik",
                "memuat NIK (data pribadi, UU PDP 27/2022); gunakan redact",
                "contains a NIK (personal data, UU PDP 27/2022); use redact",
            ),
            PersonalKind::Phone => (
                "pd-phone",
                "memuat nomor telepon (data pribadi, UU PDP 27/2022); gunakan redact",
                "contains a phone number (personal data, UU PDP 27/2022); use redact",
            ),
            PersonalKind::Email => (
                "pd-email",
                "memuat alamat e-mail (data pribadi, UU PDP 27/2022); gunakan redact",
                "contains an e-mail address (personal data, UU PDP 27/2022); use redact",
            ),
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
            rule_id: Text::from_static(rule),
            reason_id: Text::from_static(id),
            reason_en: Text::from_static(en),
            parts: Vec::new(),
            softened_by: None,
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
