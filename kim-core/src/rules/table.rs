//! The findings of a whole registry as one flat table: one row per finding, with the KIM it belongs to.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{ProfileSet, Report, Severity, validate_registry_by_seat};
use crate::error::Result;
use crate::privacy::mask_text;
use crate::registry::Registry;
use crate::wilayah::{Kode, Reference};

/// One finding of a registry-wide validation, flattened with its KIM: the row of the bindings' findings tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FindingRow {
    /// The KIM id (masked if it is personal data, as in its [`Report`]).
    pub kim_id: String,
    /// The KIM's name (masked likewise).
    pub kim_name: String,
    /// Its seat code.
    pub seat: Kode,
    /// True if the KIM has no error finding.
    pub kim_ok: bool,
    /// The validation date.
    pub as_of: NaiveDate,
    /// Stable rule code.
    pub code: String,
    /// Severity.
    pub severity: Severity,
    /// Field path.
    pub path: String,
    /// The profile that raised it (empty for the record's own warnings).
    pub profile: String,
    /// The instrument of the legal basis.
    pub instrument: String,
    /// The article, when the rule has one.
    pub pasal: Option<String>,
    /// Message in Bahasa Indonesia.
    pub message_id: String,
    /// Message in English.
    pub message_en: String,
}

/// The rows of `reports` (from [`validate_registry_by_seat`] or [`super::validate_registry`] on `registry`, so in
/// registry order): one per finding, KIM by KIM.
///
/// ```
/// use kim_core::rules::{ProfileSet, Severity, finding_rows, validate_registry_by_seat};
/// use kim_core::{chrono::NaiveDate, registry::{Kim, Registry}, wilayah::{Kode, Reference}};
/// let reference = Reference::from_tsv("64\tKalimantan Timur\n64.02\tKabupaten Kutai Kartanegara\n\
///     64.02.01\tMuara Muntai\n64.02.01.2001\tPerian\n")?;
/// let registry = Registry::from_kims([Kim::new("K1", "KIM Perian", Kode::parse("64.02.01.2001")?)])?;
/// let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
/// let reports = validate_registry_by_seat(&registry, &ProfileSet::builtin(), None, &reference, as_of)?;
/// let rows = finding_rows(&registry, &reports);
/// assert!(rows.iter().all(|r| r.kim_id == "K1" && !r.kim_ok && r.as_of == as_of));
/// // No SK: an error of Pasal 23(3) huruf c (F3).
/// let sk = rows.iter().find(|r| r.code == "KIM-F3-MISSING").unwrap();
/// assert_eq!((sk.severity, sk.profile.as_str()), (Severity::Error, "permenkominfo-4-2024"));
/// assert!(sk.pasal.as_deref().is_some_and(|p| p.starts_with("Pasal 23")));
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn finding_rows(registry: &Registry, reports: &[Report]) -> Vec<FindingRow> {
    let mut rows = Vec::new();
    for (kim, report) in registry.kims().iter().zip(reports) {
        let kim_name = mask_text(&kim.name);
        for f in &report.findings {
            rows.push(FindingRow {
                kim_id: report.kim_id.clone(),
                kim_name: kim_name.clone(),
                seat: kim.seat,
                kim_ok: report.ok(),
                as_of: report.as_of,
                code: f.code.clone(),
                severity: f.severity,
                path: f.path.clone(),
                profile: f.profile.clone(),
                instrument: f.citation.instrument.clone(),
                pasal: f.citation.pasal.clone(),
                message_id: f.message_id.clone(),
                message_en: f.message_en.clone(),
            });
        }
    }
    rows
}

/// Validates every KIM of `registry` as [`validate_registry_by_seat`] does and returns every finding as one table.
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use kim_core::{registry::Registry, rules::{ProfileSet, findings_table}, wilayah::Reference};
/// let registry = Registry::from_json(include_str!("../../data/sample/kim_sample.json"))?;
/// let rows = findings_table(&registry, &ProfileSet::builtin(), None, Reference::embedded(), "2025-06-30".parse().unwrap())?;
/// assert!(rows.iter().all(|r| registry.get(&r.kim_id).is_some_and(|k| k.seat == r.seat)));
/// # }
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn findings_table(
    registry: &Registry,
    set: &ProfileSet,
    ids: Option<&[&str]>,
    reference: &Reference,
    as_of: NaiveDate,
) -> Result<Vec<FindingRow>> {
    let reports = validate_registry_by_seat(registry, set, ids, reference, as_of)?;
    Ok(finding_rows(registry, &reports))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every finding of every report appears once, in registry order, with its KIM's seat and verdict.
    #[test]
    fn one_row_per_finding() {
        let registry =
            Registry::from_json(include_str!("../../data/sample/kim_sample.json")).unwrap();
        let as_of = "2025-06-30".parse().unwrap();
        let set = ProfileSet::builtin();
        let reports =
            validate_registry_by_seat(&registry, &set, None, Reference::embedded(), as_of).unwrap();
        let rows = findings_table(&registry, &set, None, Reference::embedded(), as_of).unwrap();
        let n: usize = reports.iter().map(|r| r.findings.len()).sum();
        assert_eq!(rows.len(), n);
        assert!(n > 0, "the sample has findings");
        let mut i = 0;
        for (kim, report) in registry.kims().iter().zip(&reports) {
            for f in &report.findings {
                let row = &rows[i];
                assert_eq!(
                    (row.kim_id.as_str(), row.seat),
                    (report.kim_id.as_str(), kim.seat)
                );
                assert_eq!(
                    (row.code.as_str(), row.path.as_str()),
                    (f.code.as_str(), f.path.as_str())
                );
                assert_eq!(row.kim_ok, report.ok());
                assert_eq!(row.pasal, f.citation.pasal);
                i += 1;
            }
        }
    }
}
