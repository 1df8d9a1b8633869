//! Pemetaan: the kab/kota Dinas's mapping of KIMs and its report (Permenkominfo 4/2024 Pasal 24; docs/domain.md
//! §4 and §12, rules PM1–PM4).
//!
//! - [`MappingRecord`]: one per KIM per round: audiences, media on the Pasal 16(2) enum ([`MediaUse`], PM2),
//!   content types, fields, reach, public issues, primary field, strength and influence on a 1–5 scale of ours
//!   ([`Level5`]) and the priority decision with its reason ([`Priority`], PM4).
//! - [`Mappings::add`] accepts a record only from the Dinas of the KIM's own kab/kota (PM1); a province only
//!   aggregates ([`province_reports`]).
//! - [`MappingReport`]: per kab/kota and period: counts by every dimension, completeness within a maximum age
//!   (PM3), unmapped KIMs, the priority list and the code-list version, as a table and as versioned JSON.
//!
//! ```
//! use kim_core::chrono::NaiveDate;
//! use kim_core::pemetaan::{Author, Level5, MappingRecord, MappingReport, Mappings, Priority, ReportOptions};
//! use kim_core::{registry::Registry, wilayah::{Kode, Reference}};
//! let reference = Reference::from_tsv("64\tKalimantan Timur\n64.02\tKabupaten Kutai Kartanegara\n\
//!     64.02.01\tMuara Muntai\n64.02.01.2001\tPerian\n64.02.01.2002\tMuara Leka\n")?;
//! let registry = Registry::from_json(r#"{"schema_version": 1, "kims": [
//!     {"id": "K1", "name": "KIM Perian", "seat": "64.02.01.2001",
//!      "history": [{"date": "2024-01-10", "status": "active"}]},
//!     {"id": "K2", "name": "KIM Muara Leka", "seat": "64.02.01.2002",
//!      "history": [{"date": "2024-01-10", "status": "active"}]}
//! ]}"#)?;
//! let (kukar, day) = (Kode::parse("64.02")?, |s: &str| s.parse::<NaiveDate>());
//! let mut mappings = Mappings::new();
//! // PM1: the Dinas of the KIM's own kab/kota maps it.
//! mappings.add(MappingRecord::new("K1", "2025-S1", day("2025-03-01")?, Author::Dinas { kab_kota: kukar },
//!     "pertanian", Level5::new(2)?, Level5::new(4)?, Priority::new(true, "pengaruh tinggi, perlu pendampingan")),
//!     &registry)?;
//! let opts = ReportOptions::new(kukar, day("2025-01-01")?, day("2025-06-30")?)?;
//! let report = MappingReport::build(&mappings, &registry, &reference, &opts)?;
//! assert_eq!((report.active_kims, report.mapped_kims, report.completeness), (2, 1, Some(0.5))); // PM3
//! assert_eq!(report.unmapped[0].kim_id, "K2");
//! assert_eq!(report.priority[0].reason, "pengaruh tinggi, perlu pendampingan"); // PM4
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod record;
mod report;

pub use record::{
    Author, IssueKind, Level5, MappingRecord, Mappings, MediaUse, Priority, PriorityRule,
    PublicIssue,
};
pub use report::{
    DimensionCount, MappingReport, PriorityEntry, ReportOptions, TABLE_COLUMNS, Unmapped,
};

use crate::error::ArgumentProblem;
use chrono::NaiveDate;

use crate::registry::Registry;
use crate::wilayah::{Kode, Level, Reference};
use crate::{Error, Result};

/// A province's view (Ps 24(4)): the mapping report of each of its kab/kota that has a KIM, by code. A province
/// aggregates the kab/kota mappings; it never maps a KIM itself.
///
/// ```
/// use kim_core::chrono::NaiveDate;
/// use kim_core::pemetaan::{Mappings, province_reports};
/// use kim_core::{registry::{Kim, Registry}, wilayah::{Kode, Reference}};
/// let reference = Reference::from_tsv("64\tKalimantan Timur\n64.02\tKabupaten Kutai Kartanegara\n\
///     64.02.01\tMuara Muntai\n64.02.01.2001\tPerian\n64.03\tKabupaten Berau\n64.03.01\tKelay\n\
///     64.03.01.2001\tMerabu\n")?;
/// let registry = Registry::from_kims([
///     Kim::new("K1", "KIM Perian", Kode::parse("64.02.01.2001")?),
///     Kim::new("K2", "KIM Merabu", Kode::parse("64.03.01.2001")?),
/// ])?;
/// let (from, to) = ("2025-01-01".parse::<NaiveDate>()?, "2025-12-31".parse::<NaiveDate>()?);
/// let reports = province_reports(&Mappings::new(), &registry, &reference, Kode::parse("64")?, from, to, 365)?;
/// let names: Vec<_> = reports.iter().map(|r| r.kab_kota_name.as_str()).collect();
/// assert_eq!(names, ["Kabupaten Kutai Kartanegara", "Kabupaten Berau"]);
/// // A kab/kota is not a province.
/// let kukar = Kode::parse("64.02")?;
/// assert!(province_reports(&Mappings::new(), &registry, &reference, kukar, from, to, 365).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
/// [`Error::InvalidArgument`] when `provinsi` is not a province code or `to < from`; [`Error::NotInCodeList`] when it
/// is not in the list; as [`MappingReport::build`].
pub fn province_reports(
    mappings: &Mappings,
    registry: &Registry,
    reference: &Reference,
    provinsi: Kode,
    from: NaiveDate,
    to: NaiveDate,
    max_age_days: u32,
) -> Result<Vec<MappingReport>> {
    if provinsi.level() != Level::Provinsi {
        return Err(Error::InvalidArgument {
            name: "provinsi",
            problem: ArgumentProblem::WrongLevel,
            message: format!("{provinsi} is a {}, not a province (PP)", provinsi.level()),
        });
    }
    // A well-formed code missing from the list is an error, not a province without KIMs.
    reference.unit(provinsi)?;
    if to < from {
        return Err(Error::InvalidArgument {
            name: "to",
            problem: ArgumentProblem::DateOrder,
            message: format!("the period ends on {to}, before it starts on {from}"),
        });
    }
    let mut units: Vec<Kode> = registry
        .kims()
        .iter()
        .filter_map(|k| k.seat.ancestor(Level::KabKota))
        .filter(|k| provinsi.contains(*k))
        .collect();
    units.sort();
    units.dedup();
    units
        .into_iter()
        .map(|u| {
            let opts = ReportOptions::new(u, from, to)?.max_age_days(max_age_days);
            MappingReport::build(mappings, registry, reference, &opts)
        })
        .collect()
}
