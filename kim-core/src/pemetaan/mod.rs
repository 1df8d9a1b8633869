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
