//! Versioned, cited rule profiles and validation (docs/domain.md §1, §3).
//!
//! A [`Profile`] is data: a JSON file with an id, a title, the instrument, a validity window and its [`Rule`]s. Each
//! rule has a stable code (e.g. `KIM-F2-LEVEL`), a [`Severity`], a [`Citation`] (instrument, pasal, confidence tag
//! from docs/domain.md) and messages in Indonesian and English. The shipped profiles live in `kim-core/profiles/`:
//!
//! | id | kind | in force | basis |
//! | --- | --- | --- | --- |
//! | `permenkominfo-8-2010` | national | 2010-06-01 – 2024-09-03 | Permenkominfo 08/2010 and its 2008 guide \[R2/L\] |
//! | `permenkominfo-4-2024` | national | from 2024-09-04 | Permenkominfo 4/2024 Pasal 23(3) F1–F4 \[R\] |
//! | `overlay-6402-kutai-kartanegara` | overlay | 2022 | no PNS or state apparatus \[L\] |
//! | `overlay-6403-berau` | overlay | 2025 | no ASN, PPPK or private employees \[L\] |
//! | `overlay-3578-surabaya` | overlay | — | ≥ 10 members, officers ≥ 18 with clean record, AD/ART, 3–4 year term \[L\] |
//! | `overlay-3601-pandeglang` | overlay | 2025 | ≥ 10 members \[L\] |
//! | `overlay-7271-palu` | overlay | 2023 | officers plus three bidang, members resident in the seat village \[L\] |
//! | `overlay-6106-kapuas-hulu` | overlay | — | 3 to 8 members \[L\] |
//!
//! [`ProfileSet::in_force`] picks the national profile valid on a date; overlays are named explicitly
//! ([`ProfileSet::select`]) or picked by seat ([`ProfileSet::applicable`]). [`validate`] returns a [`Report`] with
//! every finding; [`validate_registry`] also checks the rules that span KIMs. A profile named explicitly but outside
//! its scope is reported, never applied silently: an overlay for another region or date gives
//! [`OVERLAY_NOT_APPLIED`] (and its rules are skipped); a national profile not in force on the date gives
//! [`PROFILE_NOT_IN_FORCE`] (its rules are applied, as asked). Both are info findings.
//!
//! Besides the rules of the profiles, every validation reports what the record itself says is uncertain, as
//! warnings with an empty `profile`: [`LEGACY_ISSUER`] (`KIM-LEGACY-ISSUER`), [`SK_NO_ISSUER`] (`KIM-SK-NO-ISSUER`),
//! [`LEGACY_ROLE`], [`LEGACY_OCCUPATION`] (legacy text kept on import) and [`MEMBER_REJECTED`]
//! (`KIM-MEMBER-REJECTED`, a member row an import rejected, on `members[<id>].<field>`).
//!
//! Message templates may use `{placeholders}`: `count`, `min`, `max`, `member`, `role`, `roles`, `occupation`,
//! `seat`, `kab_kota`, `value`, `years`, `age`, `date`, `issuer`.
//!
//! ```
//! # #[cfg(feature = "embedded")] {
//! use kim_core::registry::Kim;
//! use kim_core::rules::{ProfileSet, Severity, validate};
//! use kim_core::wilayah::{Kode, Reference};
//! let date = "2025-06-30".parse().unwrap();
//! let profiles = ProfileSet::builtin();
//! let national = profiles.in_force(date)?;
//! assert_eq!(national[0].id, "permenkominfo-4-2024");
//! let kim = Kim::new("K1", "KIM Perian", Kode::parse("64.02.01.2001")?);
//! let report = validate(&kim, &national, Reference::embedded(), date)?;
//! // A KIM recorded with nothing but its seat lacks its SK, members and status: every error is listed, with its
//! // legal basis.
//! assert!(report.errors().all(|f| f.severity == Severity::Error && !f.citation.instrument.is_empty()));
//! assert!(!report.ok());
//! # }
//! # Ok::<(), kim_core::Error>(())
//! ```

mod checks;
mod profile;
mod scope;
mod select;
mod table;

use crate::error::ArgumentProblem;
use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use checks::{Ctx, data_findings, finding, not_yet_recorded, overlay_scope, run_check};
pub use checks::{
    LEGACY_ISSUER, LEGACY_OCCUPATION, LEGACY_ROLE, MEMBER_REJECTED, NOT_YET_RECORDED,
    OVERLAY_NOT_APPLIED, SK_NO_ISSUER,
};
pub use profile::{
    Check, Citation, Confidence, Message, Profile, ProfileBuilder, ProfileKind, Rule, Severity,
};
pub use scope::{PROFILE_NOT_IN_FORCE, PathStyle, restyle_paths};
pub use select::ProfileSet;
pub use table::{FindingRow, finding_rows, findings_table};

/// The JSON schema version of profile files and of [`Report`].
pub use crate::SCHEMA_VERSION;
use crate::error::{Error, Result};
use crate::privacy::mask_text;
use crate::registry::{Kim, Registry};
use crate::vocab::Status;
use crate::wilayah::{Kode, Reference};

/// One finding of a validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Finding {
    /// Stable rule code.
    pub code: String,
    /// Severity.
    pub severity: Severity,
    /// Field path, e.g. `seat`, `sk.issuer`, `members[m3].occupation`; a member id that is personal data is masked
    /// (`members[6402**********01].nik`).
    pub path: String,
    /// The profile that raised it.
    pub profile: String,
    /// Legal basis.
    pub citation: Citation,
    /// Message in Bahasa Indonesia (personal data masked, as in every message and path).
    pub message_id: String,
    /// Message in English.
    pub message_en: String,
}

/// The result of validating one KIM.
///
/// [`Report::ok`] is computed from the findings, so a report never contradicts itself, even after its findings are
/// filtered. Reading one from JSON checks it: `schema_version` must be [`SCHEMA_VERSION`] and `ok` must say whether a
/// finding is an error; otherwise it is an error, not a report that contradicts itself.
///
/// ```
/// use kim_core::rules::Report;
/// let json = r#"{"schema_version":1,"kim_id":"K1","as_of":"2025-01-01","profiles":[],"ok":true,"findings":[]}"#;
/// let report: Report = serde_json::from_str(json)?;
/// assert!(report.ok());
/// assert_eq!(serde_json::to_string(&report)?, json);
/// assert!(serde_json::from_str::<Report>(&json.replace(r#""schema_version":1"#, r#""schema_version":99"#)).is_err());
/// assert!(serde_json::from_str::<Report>(&json.replace("true", "false")).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "ReportDoc")]
#[non_exhaustive]
pub struct Report {
    /// The KIM id (masked if it is personal data, as every text of a report).
    pub kim_id: String,
    /// The validation date.
    pub as_of: NaiveDate,
    /// Ids of the profiles applied, in order.
    pub profiles: Vec<String>,
    /// Every finding, sorted by severity, code and path.
    pub findings: Vec<Finding>,
}

/// The JSON of a findings document (a validation [`Report`], forum or pembinaan findings): `schema_version`, the
/// document's own fields in order, `ok`, `findings`. The type stores neither `schema_version` nor `ok`: this writes
/// both (`ok` computed from the findings), checks both when read ([`check_findings_doc`]), and gives the type `ok()`
/// and `schema_version()`. `$doc` names the private shape read from JSON.
macro_rules! findings_document {
    ($ty:ident, $doc:ident { $($field:ident: $fty:ty),* $(,)? }) => {
        /// The document as read from JSON, before its checks.
        #[derive(serde::Deserialize)]
        struct $doc {
            schema_version: u64,
            $($field: $fty,)*
            ok: bool,
            findings: Vec<$crate::rules::Finding>,
        }

        impl TryFrom<$doc> for $ty {
            type Error = $crate::Error;

            fn try_from(d: $doc) -> $crate::Result<Self> {
                $crate::rules::check_findings_doc(d.schema_version, d.ok, &d.findings)?;
                Ok(Self {
                    $($field: d.$field,)*
                    findings: d.findings,
                })
            }
        }

        impl serde::Serialize for $ty {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                use serde::ser::SerializeStruct as _;
                let fields = [$(stringify!($field)),*].len() + 3;
                let mut s = serializer.serialize_struct(stringify!($ty), fields)?;
                s.serialize_field("schema_version", &$crate::SCHEMA_VERSION)?;
                $(s.serialize_field(stringify!($field), &self.$field)?;)*
                s.serialize_field("ok", &self.ok())?;
                s.serialize_field("findings", &self.findings)?;
                s.end()
            }
        }

        impl $ty {
            /// True if no finding is an error.
            #[must_use]
            pub fn ok(&self) -> bool {
                $crate::rules::no_errors(&self.findings)
            }

            /// The schema version of the JSON, [`SCHEMA_VERSION`](crate::SCHEMA_VERSION).
            #[must_use]
            pub fn schema_version(&self) -> u64 {
                $crate::SCHEMA_VERSION
            }
        }
    };
}
pub(crate) use findings_document;

findings_document!(Report, ReportDoc {
    kim_id: String,
    as_of: NaiveDate,
    profiles: Vec<String>,
});

/// The checks of a findings document read from JSON (a validation report, forum or pembinaan findings): the schema
/// version is [`SCHEMA_VERSION`], and `ok` says whether a finding is an error.
pub(crate) fn check_findings_doc(
    schema_version: u64,
    ok: bool,
    findings: &[Finding],
) -> Result<()> {
    if schema_version != SCHEMA_VERSION {
        return Err(Error::SchemaVersion {
            found: schema_version,
            supported: SCHEMA_VERSION,
        });
    }
    let errors = findings.iter().any(|f| f.severity == Severity::Error);
    if ok == errors {
        return Err(Error::JsonAt {
            path: "ok".into(),
            message: format!(
                "`ok` is {ok} but {} finding is an error",
                if errors { "a" } else { "no" }
            ),
        });
    }
    Ok(())
}

/// True if no finding is an error.
pub(crate) fn no_errors(findings: &[Finding]) -> bool {
    !findings.iter().any(|f| f.severity == Severity::Error)
}

impl Report {
    /// Findings of severity error.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> + '_ {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    /// True if some finding has this code.
    #[must_use]
    pub fn has(&self, code: &str) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }
}

/// Validates one KIM on `as_of` under `profiles` (national first, then overlays).
///
/// Members are those serving on `as_of`. Every finding is returned; validation never stops at the first. A KIM that
/// passes has no error findings (`report.ok()`). `Err` only for an unusable call: no profiles, or no national one.
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use kim_core::{registry::Kim, rules::{ProfileSet, validate}, wilayah::{Kode, Reference}};
/// let date = "2025-01-01".parse().unwrap();
/// let set = ProfileSet::builtin();
/// let kim = Kim::new("K1", "KIM Baru", Kode::parse("64.02.01")?); // a kecamatan, not a village
/// let report = validate(&kim, &set.in_force(date)?, Reference::embedded(), date)?;
/// assert!(!report.ok());
/// assert!(report.has("KIM-F2-LEVEL") && report.has("KIM-F3-MISSING") && report.has("KIM-F4-MISSING"));
/// let f = report.findings.iter().find(|f| f.code == "KIM-F2-LEVEL").unwrap();
/// assert_eq!(f.citation.pasal.as_deref(), Some("Pasal 23 ayat (3) huruf b"));
/// # }
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn validate(
    kim: &Kim,
    profiles: &[&Profile],
    reference: &Reference,
    as_of: NaiveDate,
) -> Result<Report> {
    if !profiles.iter().any(|p| p.kind == ProfileKind::National) {
        return Err(Error::InvalidArgument {
            name: "profiles",
            problem: ArgumentProblem::Missing,
            message: "include one national profile".into(),
        });
    }
    if let Some(first) = kim.history.first()
        && first.date > as_of
    {
        return Ok(finish(
            kim,
            profiles,
            as_of,
            vec![not_yet_recorded(kim, first.date, as_of)],
        ));
    }
    let ctx = Ctx {
        kim,
        reference,
        as_of,
        members: kim.members_on(as_of).collect(),
    };
    let mut findings = Vec::new();
    data_findings(kim, &mut findings);
    let mut hits = Vec::new();
    for p in profiles {
        if p.kind == ProfileKind::Overlay
            && let Some(f) = overlay_scope(p, kim, as_of)
        {
            findings.push(f);
            continue;
        }
        findings.extend(scope::national_scope(p, as_of));
        for rule in &p.rules {
            hits.clear();
            run_check(&rule.check, &ctx, &mut hits);
            findings.extend(
                hits.drain(..)
                    .map(|(path, params)| finding(rule, p, path, &params)),
            );
        }
    }
    Ok(finish(kim, profiles, as_of, findings))
}

/// Masks the personal data in a finding's path and messages ([`mask_text`]): a NIK or phone number typed into a
/// member's name, or used as a member id (`members[6402**********01].nik`), never leaves kim in a report. Codes,
/// limits, decree numbers and region codes stay readable. Every finding passes through here before it reaches a
/// [`Report`]; this is the one place where report text is masked.
fn mask_finding(f: &mut Finding) {
    for text in [&mut f.path, &mut f.message_id, &mut f.message_en] {
        *text = mask_text(text);
    }
}

/// Masks every finding ([`mask_finding`]) and sorts them by severity, code and path.
fn seal_findings(findings: &mut [Finding]) {
    findings.iter_mut().for_each(mask_finding);
    findings.sort_by(|a, b| {
        (a.severity, &a.code, &a.path, &a.profile).cmp(&(b.severity, &b.code, &b.path, &b.profile))
    });
}

fn finish(
    kim: &Kim,
    profiles: &[&Profile],
    as_of: NaiveDate,
    mut findings: Vec<Finding>,
) -> Report {
    seal_findings(&mut findings);
    Report {
        kim_id: mask_text(&kim.id),
        as_of,
        profiles: profiles.iter().map(|p| p.id.clone()).collect(),
        findings,
    }
}

/// Validates one KIM as the bindings do: checks that the KIM is consistent ([`Kim::check_consistency`]: history in
/// order and allowed, member ids unique), then validates it under [`ProfileSet::for_seat`] (the profiles named in
/// `ids`, or by default the national profile in force on `as_of` plus the overlays of the KIM's seat).
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use kim_core::{registry::Kim, rules::{ProfileSet, validate_by_seat}, wilayah::{Kode, Reference}};
/// let kim = Kim::new("K1", "KIM Perian", Kode::parse("64.02.01.2001")?);
/// let report = validate_by_seat(&kim, &ProfileSet::builtin(), None, Reference::embedded(), "2025-06-30".parse().unwrap())?;
/// assert_eq!(report.profiles, ["permenkominfo-4-2024", "overlay-6402-kutai-kartanegara"]);
/// # }
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn validate_by_seat(
    kim: &Kim,
    set: &ProfileSet,
    ids: Option<&[&str]>,
    reference: &Reference,
    as_of: NaiveDate,
) -> Result<Report> {
    kim.check_consistency()?;
    validate(kim, &set.for_seat(ids, kim.seat, as_of)?, reference, as_of)
}

/// Validates every KIM of a registry under `profiles`, plus the registry-wide rules (e.g.
/// [`Check::MaxKimsPerVillage`]), which count the KIMs not dissolved on `as_of` (a KIM with no history counts).
/// Reports come in registry order.
pub fn validate_registry(
    registry: &Registry,
    profiles: &[&Profile],
    reference: &Reference,
    as_of: NaiveDate,
) -> Result<Vec<Report>> {
    registry_reports(registry, reference, as_of, |_| Ok(profiles.to_vec()))
}

/// Validates every KIM of a registry under [`ProfileSet::for_seat`]: the named profiles, or by default the national
/// profile in force plus the overlays of each KIM's own seat. Registry-wide rules apply as in [`validate_registry`],
/// each to the KIMs whose profiles include it.
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use kim_core::{registry::Registry, rules::{ProfileSet, validate_registry_by_seat}, wilayah::Reference};
/// let registry = Registry::from_json(include_str!("../../data/sample/kim_sample.json"))?;
/// let reports = validate_registry_by_seat(&registry, &ProfileSet::builtin(), None, Reference::embedded(), "2025-06-30".parse().unwrap())?;
/// assert_eq!(reports[0].profiles, ["permenkominfo-4-2024", "overlay-6402-kutai-kartanegara"]);
/// # }
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn validate_registry_by_seat(
    registry: &Registry,
    set: &ProfileSet,
    ids: Option<&[&str]>,
    reference: &Reference,
    as_of: NaiveDate,
) -> Result<Vec<Report>> {
    registry_reports(registry, reference, as_of, |k| {
        set.for_seat(ids, k.seat, as_of)
    })
}

/// The one implementation behind both registry validations: each KIM under its own profiles, then the registry-wide
/// rules of every profile selected for some KIM.
fn registry_reports<'a>(
    registry: &Registry,
    reference: &Reference,
    as_of: NaiveDate,
    profiles_for: impl Fn(&Kim) -> Result<Vec<&'a Profile>>,
) -> Result<Vec<Report>> {
    let mut selected = Vec::with_capacity(registry.len());
    let mut reports = Vec::with_capacity(registry.len());
    for k in registry.kims() {
        let ps = profiles_for(k)?;
        reports.push(validate(k, &ps, reference, as_of)?);
        selected.push(ps);
    }
    let mut union: Vec<&Profile> = Vec::new();
    for p in selected.iter().flatten() {
        if !union.iter().any(|u| u.id == p.id) {
            union.push(p);
        }
    }
    let live = |k: &Kim| {
        k.history.is_empty() || k.status_on(as_of).is_some_and(|s| s != Status::Dissolved)
    };
    let mut added = false;
    for p in union {
        for rule in &p.rules {
            let Check::MaxKimsPerVillage { max } = rule.check else {
                continue;
            };
            let mut per_village: HashMap<Kode, Vec<usize>> = HashMap::new();
            for (i, k) in registry.kims().iter().enumerate() {
                let chosen = selected[i].iter().any(|q| q.id == p.id);
                let governed =
                    chosen && p.region.is_none_or(|r| r.contains(k.seat)) && p.in_force_on(as_of);
                if governed && live(k) {
                    per_village.entry(k.seat).or_default().push(i);
                }
            }
            for (seat, idx) in per_village {
                if idx.len() as u64 > u64::from(max) {
                    let ids: Vec<&str> = idx
                        .iter()
                        .map(|&i| registry.kims()[i].id.as_str())
                        .collect();
                    let params = vec![
                        ("count", idx.len().to_string()),
                        ("max", max.to_string()),
                        ("seat", seat.to_string()),
                        ("value", ids.join(", ")),
                    ];
                    for &i in &idx {
                        reports[i]
                            .findings
                            .push(finding(rule, p, "seat".into(), &params));
                        added = true;
                    }
                }
            }
        }
    }
    if added {
        for r in &mut reports {
            seal_findings(&mut r.findings);
        }
    }
    Ok(reports)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profiles_load_and_cover_the_table() {
        let set = ProfileSet::builtin();
        assert_eq!(set.profiles().len(), 8);
        for p in set.profiles() {
            assert!(!p.rules.is_empty(), "{}", p.id);
            for r in &p.rules {
                assert!(
                    !r.message.id.is_empty() && !r.message.en.is_empty(),
                    "{}",
                    r.code
                );
                assert!(r.code.starts_with("KIM-"), "{}", r.code);
                if p.kind == ProfileKind::Overlay {
                    assert_eq!(
                        r.citation.tag,
                        Confidence::L,
                        "{}: overlays are local rules [L]",
                        r.code
                    );
                }
            }
        }
    }
}
