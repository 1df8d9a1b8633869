//! What a validation says about its own frame: a national profile applied outside its validity window, and the
//! style of the field paths in findings.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::profile::{Citation, Confidence, Profile, ProfileKind, Severity};
use super::{Finding, Report};
use crate::privacy::mask_text;
use crate::registry::Kim;

/// The code of the info finding for a national profile named explicitly although it is not in force on the
/// validation date (the 2010 profile in 2025): its rules are applied as asked, and the report says so.
pub const PROFILE_NOT_IN_FORCE: &str = "KIM-PROFILE-NOT-IN-FORCE";

/// The info finding for a national profile applied outside its validity window, or `None` when it is in force
/// (overlays have their own, [`super::OVERLAY_NOT_APPLIED`]).
pub(super) fn national_scope(profile: &Profile, as_of: NaiveDate) -> Option<Finding> {
    if profile.kind != ProfileKind::National || profile.in_force_on(as_of) {
        return None;
    }
    let window = |none: &str| {
        let from = profile
            .valid_from
            .map_or_else(|| none.to_owned(), |d| d.to_string());
        let until = profile
            .valid_until
            .map_or_else(|| none.to_owned(), |d| d.to_string());
        format!("{from} – {until}")
    };
    Some(Finding {
        code: PROFILE_NOT_IN_FORCE.to_owned(),
        severity: Severity::Info,
        path: String::new(),
        profile: profile.id.clone(),
        citation: Citation {
            instrument: profile.instrument.clone(),
            pasal: None,
            tag: Confidence::I,
            note: Some(
                "validity window of the profile, from the instruments' dates of entry into force (docs/domain.md §1)"
                    .to_owned(),
            ),
        },
        message_id: format!(
            "Profil {} diterapkan sesuai permintaan, tetapi tidak berlaku pada {as_of} (masa berlaku {}).",
            profile.id,
            window("tanpa batas")
        ),
        message_en: format!(
            "Profile {} was applied as asked, but it is not in force on {as_of} (in force {}).",
            profile.id,
            window("open")
        ),
    })
}

/// How field paths are written in findings.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PathStyle {
    /// kim's own: `members[m2].occupation` (a member by its id), `history[1].date`.
    #[default]
    Kim,
    /// Laravel's validation keys: `members.1.occupation` (a member by its position in the KIM's `members`, from
    /// 0), `history.1.date`, so a PHP form can show each finding next to its input.
    Laravel,
}

/// Rewrites the paths of `report`'s findings in `style`; `kim` is the KIM the report is about (for the positions
/// of its members). A member id that is not found (it cannot happen for a report of this KIM) stays as written.
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use kim_core::registry::Kim;
/// use kim_core::rules::{PathStyle, ProfileSet, restyle_paths, validate_by_seat};
/// use kim_core::wilayah::Reference;
/// let kim = Kim::from_json(r#"{"id": "K1", "name": "KIM", "seat": "64.02.01.2001",
///     "members": [{"id": "m1", "name": "Siti"}, {"id": "m2", "name": "Budi", "occupation": "guru"}]}"#)?;
/// let mut report = validate_by_seat(&kim, &ProfileSet::builtin(), None, Reference::embedded(), "2025-06-30".parse().unwrap())?;
/// restyle_paths(&mut report, &kim, PathStyle::Laravel);
/// assert!(report.findings.iter().any(|f| f.path == "members.1.occupation"));
/// # }
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn restyle_paths(report: &mut Report, kim: &Kim, style: PathStyle) {
    if style == PathStyle::Kim {
        return;
    }
    for f in &mut report.findings {
        f.path = laravel_path(&f.path, kim);
    }
}

/// `members[m2].occupation` → `members.1.occupation`; `history[1].date` → `history.1.date`.
fn laravel_path(path: &str, kim: &Kim) -> String {
    let mut out = String::with_capacity(path.len());
    let mut rest = path;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']').map(|c| open + c) else {
            break;
        };
        let (head, key) = (&rest[..open], &rest[open + 1..close]);
        out.push_str(head);
        let index = if head.ends_with("members") {
            kim.members
                .iter()
                .position(|m| m.id == key || mask_text(&m.id) == key)
                .map(|i| i.to_string())
        } else {
            key.parse::<usize>().ok().map(|i| i.to_string())
        };
        match index {
            Some(i) => {
                out.push('.');
                out.push_str(&i);
            }
            None => out.push_str(&rest[open..=close]),
        }
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{ProfileSet, validate};
    use crate::wilayah::{Kode, Reference};

    #[test]
    fn laravel_paths() {
        let kim = Kim::from_json(
            r#"{"id": "K1", "name": "KIM", "seat": "64.02.01.2001",
                "members": [{"id": "6402015507900001", "name": "A"}, {"id": "m2", "name": "B"}]}"#,
        )
        .unwrap();
        assert_eq!(
            laravel_path("members[m2].occupation", &kim),
            "members.1.occupation"
        );
        assert_eq!(
            laravel_path("members[6402**********01].nik", &kim),
            "members.0.nik"
        );
        assert_eq!(laravel_path("history[3].date", &kim), "history.3.date");
        assert_eq!(laravel_path("sk.issuer", &kim), "sk.issuer");
        assert_eq!(laravel_path("members[ghost].x", &kim), "members[ghost].x");
    }

    #[test]
    fn a_national_profile_out_of_its_window_is_applied_with_an_info_finding() {
        let set = ProfileSet::builtin();
        let kim = Kim::new("K1", "KIM", Kode::parse("64.02.01.2001").unwrap());
        let as_of = "2025-06-30".parse().unwrap();
        let old = set.get("permenkominfo-8-2010").unwrap();
        let r = validate(&kim, &[old], Reference::embedded(), as_of).unwrap();
        let f = r
            .findings
            .iter()
            .find(|f| f.code == PROFILE_NOT_IN_FORCE)
            .unwrap();
        assert_eq!(
            (f.severity, f.profile.as_str()),
            (Severity::Info, "permenkominfo-8-2010")
        );
        assert!(f.message_en.contains("2024-09-03") && f.message_id.contains("tidak berlaku"));
        assert!(!f.citation.instrument.is_empty());
        // Its rules still ran.
        assert!(
            r.findings
                .iter()
                .any(|f| f.profile == "permenkominfo-8-2010" && f.code != PROFILE_NOT_IN_FORCE)
        );
        let now = set.get("permenkominfo-4-2024").unwrap();
        let r = validate(&kim, &[now], Reference::embedded(), as_of).unwrap();
        assert!(!r.has(PROFILE_NOT_IN_FORCE));
    }
}
