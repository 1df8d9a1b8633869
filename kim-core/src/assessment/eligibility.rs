//! Who may be ranked (SC6). By default: a KIM whose status on the date is `registered` or `active`, and whose
//! validation on the date has no error finding of Pasal 23(3) huruf b–d (F2 seat, F3 SK, F4 registration) of
//! Permenkominfo 4/2024. An ineligible KIM is still scored, but not ranked, and the reasons are kept.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::Result;
use crate::registry::Registry;
use crate::rules::{Profile, Severity, validate};
use crate::vocab::Status;
use crate::wilayah::Reference;

/// Whether one KIM may be ranked, and why not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Eligibility {
    /// The KIM.
    pub kim_id: String,
    /// True when the KIM may be ranked.
    pub eligible: bool,
    /// Why not: `SC6-STATUS` (not registered or active on the date) and the codes of the F2–F4 error findings.
    pub reasons: Vec<String>,
}

impl Eligibility {
    /// An eligible KIM.
    pub fn eligible(kim_id: impl Into<String>) -> Self {
        Self {
            kim_id: kim_id.into(),
            eligible: true,
            reasons: Vec::new(),
        }
    }

    /// An ineligible KIM with the reasons (a rule of the caller's own, e.g. `"late entry"`).
    pub fn ineligible(kim_id: impl Into<String>, reasons: Vec<String>) -> Self {
        Self {
            kim_id: kim_id.into(),
            eligible: false,
            reasons,
        }
    }
}

/// The default eligibility (SC6) of every KIM of `registry` on `as_of`, under `profiles` (national first, as for
/// [`validate`]).
///
/// ```
/// use kim_core::assessment::default_eligibility;
/// use kim_core::{chrono::NaiveDate, registry::Registry, rules::ProfileSet, wilayah::Reference};
/// let reference = Reference::from_tsv("64\tKalimantan Timur\n64.02\tKabupaten Kutai Kartanegara\n\
///     64.02.01\tMuara Muntai\n64.02.01.2001\tPerian\n64.02.01.2002\tMuara Leka\n")?;
/// let registry = Registry::from_json(r#"{"schema_version": 1, "kims": [
///   {"id": "K1", "name": "KIM Perian", "seat": "64.02.01.2001",
///    "sk": {"number": "141/05/SK-KIM/2023", "date": "2023-02-01", "issuer": "kepala_desa"},
///    "registration": {"number": "489/12/DKI/2023", "date": "2023-03-01", "kab_kota": "64.02"},
///    "history": [{"date": "2023-02-01", "status": "established"}, {"date": "2023-03-01", "status": "registered"}]},
///   {"id": "K2", "name": "KIM Muara Leka", "seat": "64.02.01.2002",
///    "history": [{"date": "2023-03-01", "status": "active"}]}]}"#)?;
/// let as_of: NaiveDate = "2025-06-30".parse()?;
/// let profiles = ProfileSet::builtin();
/// let e = default_eligibility(&registry, &profiles.in_force(as_of)?, &reference, as_of)?;
/// assert!(e[0].eligible && e[0].reasons.is_empty());
/// // Active, but no SK (F3) and no registration (F4): scored, not ranked.
/// assert!(!e[1].eligible);
/// assert!(e[1].reasons.contains(&"KIM-F3-MISSING".to_owned()) && e[1].reasons.contains(&"KIM-F4-MISSING".to_owned()));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// As [`validate`]: no profiles, or no national one.
pub fn default_eligibility(
    registry: &Registry,
    profiles: &[&Profile],
    reference: &Reference,
    as_of: NaiveDate,
) -> Result<Vec<Eligibility>> {
    registry
        .kims()
        .iter()
        .map(|kim| {
            let mut reasons = Vec::new();
            if !matches!(
                kim.status_on(as_of),
                Some(Status::Registered | Status::Active)
            ) {
                reasons.push("SC6-STATUS".to_owned());
            }
            let report = validate(kim, profiles, reference, as_of)?;
            reasons.extend(
                report
                    .findings
                    .iter()
                    .filter(|f| f.severity == Severity::Error && is_f2_to_f4(&f.code))
                    .map(|f| f.code.clone()),
            );
            reasons.dedup();
            Ok(Eligibility {
                kim_id: kim.id.clone(),
                eligible: reasons.is_empty(),
                reasons,
            })
        })
        .collect()
}

fn is_f2_to_f4(code: &str) -> bool {
    ["KIM-F2-", "KIM-F3-", "KIM-F4-"]
        .iter()
        .any(|p| code.starts_with(p))
}
