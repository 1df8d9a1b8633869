//! [`PembinaanReport`]: one unit and period, for the kepala daerah with copies to the Minister (Pasal 83, 87).

use crate::error::ArgumentProblem;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::metrics::{
    FundingRow, KecamatanReached, SarprasRow, activities_in, funding_by_source, kecamatan_reached,
    monev_coverage, pembinaan_reach_12m, sarpras_summary, spm_kecamatan_coverage,
    trained_share_12m,
};
use super::model::ActivityKind;
use super::{PembinaanData, PembinaanOptions, SCHEMA_VERSION, check_pembinaan};
use crate::error::{Error, Result};
use crate::forum::Metric;
use crate::registry::Registry;
use crate::rules::Finding;
use crate::wilayah::{Kode, Level, Reference};

/// Who a report goes to (PB8).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Recipient {
    /// The office, in Indonesian (`bupati/wali kota`, `gubernur`, `Menteri`).
    pub office: String,
    /// True for a copy (*tembusan*).
    pub copy: bool,
}

/// Activities of one kind in the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KindCount {
    /// Kind.
    pub kind: ActivityKind,
    /// Activities ended in the period.
    pub activities: u32,
    /// Participations that count (attended, KIM active on the end date).
    pub participations: u32,
    /// Distinct KIMs whose participation counts.
    pub kims: u32,
}

/// The pembinaan report of a kab/kota or province for a period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PembinaanReport {
    /// [`SCHEMA_VERSION`].
    pub schema_version: u64,
    /// The kab/kota or province.
    pub unit: Kode,
    /// Its name in the code list.
    pub unit_name: String,
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period; the `as_of` of every metric.
    pub to: NaiveDate,
    /// The code list used.
    pub code_list_version: String,
    /// To the kepala daerah, copies to the Minister (and the gubernur for a kab/kota) (PB8; Pasal 83, 87).
    pub recipients: Vec<Recipient>,
    /// Activities ended in the period inside the unit, per kind (kinds with none are left out).
    pub activities: Vec<KindCount>,
    /// [`trained_share_12m`] at `to`.
    pub trained_share_12m: Metric,
    /// [`pembinaan_reach_12m`] at `to`.
    pub pembinaan_reach_12m: Metric,
    /// [`monev_coverage`] at `to`.
    pub monev_coverage: Metric,
    /// [`kecamatan_reached`] in the period.
    pub kecamatan_reached: KecamatanReached,
    /// [`spm_kecamatan_coverage`] at `to`.
    pub spm_kecamatan_coverage: Metric,
    /// [`sarpras_summary`] of the period.
    pub sarpras: Vec<SarprasRow>,
    /// [`funding_by_source`] of the period.
    pub funding: Vec<FundingRow>,
    /// The findings of [`check_pembinaan`] at `to` on the activities and grants of the period.
    pub findings: Vec<Finding>,
}

/// The pembinaan report of `unit` (a kab/kota or province of `reference`) for `[from, to]`.
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use kim_core::pembinaan::{PembinaanData, PembinaanOptions, pembinaan_report};
/// use kim_core::{registry::Registry, wilayah::{Kode, Reference}};
/// let data = PembinaanData::from_json(include_str!("../../data/sample/forum_kukar_pembinaan.json"))?;
/// let kims = Registry::from_json(include_str!("../../data/sample/forum_kukar_kims.json"))?;
/// let r = pembinaan_report(&data, &kims, Reference::embedded(), Kode::parse("64.02")?,
///     "2024-07-01".parse().unwrap(), "2025-06-30".parse().unwrap(), &PembinaanOptions::default())?;
/// assert_eq!(r.recipients[0].office, "bupati/wali kota");
/// assert_eq!(r.spm_kecamatan_coverage.denominator, 20);
/// # }
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn pembinaan_report(
    data: &PembinaanData,
    registry: &Registry,
    reference: &Reference,
    unit: Kode,
    from: NaiveDate,
    to: NaiveDate,
    options: &PembinaanOptions,
) -> Result<PembinaanReport> {
    let level = unit.level();
    if !matches!(level, Level::KabKota | Level::Provinsi) {
        return Err(Error::InvalidArgument {
            name: "unit",
            problem: ArgumentProblem::WrongLevel,
            message: format!(
                "{unit} is not a kab/kota or province; a pembinaan report is made by one"
            ),
        });
    }
    if to < from {
        return Err(Error::InvalidArgument {
            name: "from",
            problem: ArgumentProblem::DateOrder,
            message: format!("the period starts on {from}, after its end {to}"),
        });
    }
    let name = reference.unit(unit)?.name.to_owned();
    let within = Some(unit);
    let office = |o: &str, copy| Recipient {
        office: o.to_owned(),
        copy,
    };
    let recipients = if level == Level::KabKota {
        vec![
            office("bupati/wali kota", false),
            office("Menteri", true),
            office("gubernur", true),
        ]
    } else {
        vec![office("gubernur", false), office("Menteri", true)]
    };
    let mut activities: Vec<KindCount> = Vec::new();
    for a in activities_in(data, within, from, to) {
        let i = if let Some(i) = activities.iter().position(|k| k.kind == a.kind) {
            i
        } else {
            activities.push(KindCount {
                kind: a.kind,
                activities: 0,
                participations: 0,
                kims: 0,
            });
            activities.len() - 1
        };
        activities[i].activities += 1;
    }
    for k in &mut activities {
        let mut kims = std::collections::HashSet::new();
        for a in activities_in(data, within, from, to).filter(|a| a.kind == k.kind) {
            for p in a.participants.iter().filter_map(|p| p.unit.kim()) {
                if let Some(kim) = registry.get(p)
                    && options.counts(kim, a)
                {
                    k.participations += 1;
                    kims.insert(p);
                }
            }
        }
        k.kims = crate::forum::count_units(kims.len());
    }
    activities.sort_by_key(|k| k.kind);
    let in_period = PembinaanData {
        activities: activities_in(data, within, from, to).cloned().collect(),
        grants: data
            .grants
            .iter()
            .filter(|g| from <= g.date && g.date <= to)
            .cloned()
            .collect(),
    };
    Ok(PembinaanReport {
        schema_version: SCHEMA_VERSION,
        unit,
        unit_name: name,
        from,
        to,
        code_list_version: reference.version().to_owned(),
        recipients,
        activities,
        trained_share_12m: trained_share_12m(data, registry, reference, within, options, to)?,
        pembinaan_reach_12m: pembinaan_reach_12m(data, registry, reference, within, options, to)?,
        monev_coverage: monev_coverage(data, registry, reference, within, options, to)?,
        kecamatan_reached: kecamatan_reached(data, registry, reference, within, options, from, to)?,
        spm_kecamatan_coverage: spm_kecamatan_coverage(registry, reference, within, to)?,
        sarpras: sarpras_summary(data, registry, within, from, to),
        funding: funding_by_source(data, registry, within, from, to),
        findings: check_pembinaan(&in_period, registry, options, to).findings,
    })
}
