//! Pembinaan metrics: shares of active KIMs reached, kecamatan reached, the SPM indicator, sarpras and funding.

use crate::error::ArgumentProblem;
use std::collections::{BTreeMap, BTreeSet, HashSet};

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::model::{Activity, FundingSource, ItemKind, SarprasGrant};
use super::{PembinaanData, PembinaanOptions};
use crate::coverage::{CoverageOptions, coverage};
use crate::error::{Error, Result};
use crate::forum::MemberRef;
use crate::forum::Metric;
use crate::registry::{Kim, Registry};
use crate::wilayah::{Kode, Level, Reference};

/// The window `[as_of − months + 1 day, as_of]`, month-end clamped (PB6): at 2025-06-30 for 12 months,
/// `[2024-07-01, 2025-06-30]`; at 2024-02-29, `[2023-03-01, 2024-02-29]`. `Err` for 0 months or a date out of
/// range.
///
/// ```
/// use kim_core::pembinaan::window;
/// let d = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
/// assert_eq!(window(d("2025-06-30"), 12)?, (d("2024-07-01"), d("2025-06-30")));
/// assert_eq!(window(d("2024-02-29"), 12)?, (d("2023-03-01"), d("2024-02-29")));
/// assert_eq!(window(d("2025-03-31"), 1)?, (d("2025-03-01"), d("2025-03-31")));
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn window(as_of: NaiveDate, months: u32) -> Result<(NaiveDate, NaiveDate)> {
    let bad = || Error::InvalidArgument {
        name: "window_months",
        problem: ArgumentProblem::OutOfRange,
        message: format!("a window of {months} months before {as_of} is not a range of dates"),
    };
    if months == 0 {
        return Err(bad());
    }
    let from = as_of
        .checked_sub_months(Months::new(months))
        .and_then(|d| d.succ_opt())
        .ok_or_else(bad)?;
    Ok((from, as_of))
}

fn check_within(reference: &Reference, within: Option<Kode>) -> Result<()> {
    if let Some(w) = within {
        reference.unit(w)?;
    }
    Ok(())
}

/// Active KIMs on `as_of` seated inside `within`, and how many of them `reached` says yes for.
fn share(
    registry: &Registry,
    within: Option<Kode>,
    options: &PembinaanOptions,
    as_of: NaiveDate,
    reached: impl Fn(&Kim) -> bool,
) -> (u32, u32) {
    let (mut num, mut den) = (0, 0);
    for k in registry.kims() {
        if !options.is_active(k, as_of) || within.is_some_and(|w| !w.contains(k.seat)) {
            continue;
        }
        den += 1;
        if reached(k) {
            num += 1;
        }
    }
    (num, den)
}

fn counted_in<'a>(
    data: &'a PembinaanData,
    from: NaiveDate,
    to: NaiveDate,
    kind: impl Fn(&Activity) -> bool + 'a,
) -> impl Iterator<Item = &'a Activity> + 'a {
    data.activities
        .iter()
        .filter(move |a| from <= a.end && a.end <= to && kind(a))
}

#[allow(clippy::too_many_arguments)] // the public metrics' six, plus the name and the kind filter
fn reach_metric(
    name: &str,
    data: &PembinaanData,
    registry: &Registry,
    reference: &Reference,
    within: Option<Kode>,
    options: &PembinaanOptions,
    as_of: NaiveDate,
    training_only: bool,
) -> Result<Metric> {
    check_within(reference, within)?;
    let (from, to) = window(as_of, options.window_months)?;
    let acts: Vec<&Activity> = counted_in(data, from, to, |a| {
        !training_only || options.training.contains(&a.kind)
    })
    .collect();
    let (num, den) = share(registry, within, options, as_of, |k| {
        acts.iter().any(|a| options.counts(k, a))
    });
    Ok(Metric::new(
        name,
        within,
        num,
        den,
        reference.version(),
        as_of,
    ))
}

/// Trained share (12 months): active KIMs on `as_of` inside `within` with a counted participation (attended, active
/// on the end date) in a training activity ([`PembinaanOptions::training`]) ending in the window ([`window`]),
/// divided by the active KIMs there.
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use kim_core::pembinaan::{PembinaanData, PembinaanOptions, trained_share_12m};
/// use kim_core::{registry::Registry, wilayah::{Kode, Reference}};
/// let data = PembinaanData::from_json(include_str!("../../data/sample/forum_kukar_pembinaan.json"))?;
/// let kims = Registry::from_json(include_str!("../../data/sample/forum_kukar_kims.json"))?;
/// let m = trained_share_12m(&data, &kims, Reference::embedded(), Some(Kode::parse("64.02")?), &PembinaanOptions::default(), "2025-06-30".parse().unwrap())?;
/// assert!(m.numerator > 0 && m.numerator <= m.denominator);
/// # }
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn trained_share_12m(
    data: &PembinaanData,
    registry: &Registry,
    reference: &Reference,
    within: Option<Kode>,
    options: &PembinaanOptions,
    as_of: NaiveDate,
) -> Result<Metric> {
    reach_metric(
        "trained_share_12m",
        data,
        registry,
        reference,
        within,
        options,
        as_of,
        true,
    )
}

/// Pembinaan reach (12 months): as [`trained_share_12m`], for an activity of any kind.
pub fn pembinaan_reach_12m(
    data: &PembinaanData,
    registry: &Registry,
    reference: &Reference,
    within: Option<Kode>,
    options: &PembinaanOptions,
    as_of: NaiveDate,
) -> Result<Metric> {
    reach_metric(
        "pembinaan_reach_12m",
        data,
        registry,
        reference,
        within,
        options,
        as_of,
        false,
    )
}

/// Monev coverage (year): active KIMs on `as_of` inside `within` with a counted participation in a monev activity
/// ending in the calendar year of `as_of`, up to `as_of` (Pasal 83 ayat (4): at least once a year), divided by the
/// active KIMs there.
pub fn monev_coverage(
    data: &PembinaanData,
    registry: &Registry,
    reference: &Reference,
    within: Option<Kode>,
    options: &PembinaanOptions,
    as_of: NaiveDate,
) -> Result<Metric> {
    check_within(reference, within)?;
    let from = NaiveDate::from_ymd_opt(as_of.year(), 1, 1).unwrap_or(as_of);
    let acts: Vec<&Activity> =
        counted_in(data, from, as_of, |a| a.kind == super::ActivityKind::Monev).collect();
    let (num, den) = share(registry, within, options, as_of, |k| {
        acts.iter().any(|a| options.counts(k, a))
    });
    Ok(Metric::new(
        "monev_coverage",
        within,
        num,
        den,
        reference.version(),
        as_of,
    ))
}

/// [`kecamatan_reached`]: the metric and the kecamatan counted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct KecamatanReached {
    /// Kecamatan reached inside `within` ÷ kecamatan there.
    pub metric: Metric,
    /// The kecamatan reached, in code order.
    pub kecamatan: Vec<Kode>,
}

/// Kecamatan reached in `[from, to]`: kecamatan inside `within` that hosted an activity ending in the period (its
/// location lies in the kecamatan) or hold the seat of a KIM whose participation counts, divided by all kecamatan
/// there (the code list is the universe). `as_of` of the metric is `to`.
pub fn kecamatan_reached(
    data: &PembinaanData,
    registry: &Registry,
    reference: &Reference,
    within: Option<Kode>,
    options: &PembinaanOptions,
    from: NaiveDate,
    to: NaiveDate,
) -> Result<KecamatanReached> {
    check_within(reference, within)?;
    let mut reached: BTreeSet<Kode> = BTreeSet::new();
    for a in counted_in(data, from, to, |_| true) {
        reached.extend(a.location.and_then(|l| l.ancestor(Level::Kecamatan)));
        for p in &a.participants {
            if let Some(k) = p.unit.kim().and_then(|id| registry.get(id))
                && options.counts(k, a)
            {
                reached.extend(k.seat.ancestor(Level::Kecamatan));
            }
        }
    }
    let all: Vec<Kode> = reference
        .units_at(Level::Kecamatan, within)
        .map(|u| u.kode)
        .collect();
    let kecamatan: Vec<Kode> = all
        .iter()
        .copied()
        .filter(|k| reached.contains(k))
        .collect();
    let metric = Metric::new(
        "kecamatan_reached",
        within,
        crate::forum::count_units(kecamatan.len()),
        crate::forum::count_units(all.len()),
        reference.version(),
        to,
    );
    Ok(KecamatanReached { metric, kecamatan })
}

/// The SPM indicator of Permenkominfo 22/2010, "*cakupan pengembangan dan pemberdayaan KIM di tingkat
/// kecamatan*": kecamatan inside `within` with ≥ 1 active KIM on `as_of` ÷ kecamatan there. It is computed from the
/// code list by [`crate::coverage`], and is **never** `n_kim / n_kecamatan` (a figure that can exceed 100%).
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use kim_core::pembinaan::spm_kecamatan_coverage;
/// use kim_core::{registry::Registry, wilayah::{Kode, Reference}};
/// let kims = Registry::from_json(include_str!("../../data/sample/forum_kukar_kims.json"))?;
/// let m = spm_kecamatan_coverage(&kims, Reference::embedded(), Some(Kode::parse("64.02")?), "2025-06-30".parse().unwrap())?;
/// assert_eq!(m.denominator, 20);
/// assert!(m.ratio.unwrap() <= 1.0);
/// # }
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn spm_kecamatan_coverage(
    registry: &Registry,
    reference: &Reference,
    within: Option<Kode>,
    as_of: NaiveDate,
) -> Result<Metric> {
    let mut opts = CoverageOptions::new(as_of).level(Level::Kecamatan);
    if let Some(w) = within {
        opts = opts.within(w);
    }
    let table = coverage(registry, reference, &opts)?;
    Ok(Metric::new(
        "spm_kecamatan_coverage",
        within,
        table.total.kecamatan_with_kim,
        table.total.kecamatan,
        reference.version(),
        as_of,
    ))
}

/// A grant is in `within` when its recipient is a KIM of `registry` seated there, or its giver's region lies there.
fn grant_in(g: &SarprasGrant, registry: &Registry, within: Option<Kode>) -> bool {
    let Some(w) = within else { return true };
    let seat = g
        .recipient
        .kim()
        .and_then(|k| registry.get(k))
        .map(|k| k.seat);
    seat.or(g.giver.region).is_some_and(|c| w.contains(c))
}

/// An activity is in `within` when its location lies there, or (no location) its organizer's region does.
fn activity_in(a: &Activity, within: Option<Kode>) -> bool {
    let Some(w) = within else { return true };
    a.location
        .or(a.organizer.region)
        .is_some_and(|c| w.contains(c))
}

/// One row of [`sarpras_summary`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SarprasRow {
    /// Item kind.
    pub kind: ItemKind,
    /// Units handed over.
    pub units: u64,
    /// Distinct recipients (KIMs and forums).
    pub recipients: u32,
    /// Grants with this kind.
    pub grants: u32,
    /// Sum of the known values, in rupiah.
    pub value: u64,
    /// Item lines without a value.
    pub values_unknown: u32,
}

/// Sarpras handed over in `[from, to]` inside `within`, per item kind (in kind order): units, distinct recipients,
/// grants, known value.
pub fn sarpras_summary(
    data: &PembinaanData,
    registry: &Registry,
    within: Option<Kode>,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<SarprasRow> {
    let mut rows: BTreeMap<ItemKind, (SarprasRow, HashSet<&MemberRef>, HashSet<&str>)> =
        BTreeMap::new();
    for g in data
        .grants
        .iter()
        .filter(|g| from <= g.date && g.date <= to && grant_in(g, registry, within))
    {
        for i in &g.items {
            let e = rows.entry(i.kind).or_insert_with(|| {
                let row = SarprasRow {
                    kind: i.kind,
                    units: 0,
                    recipients: 0,
                    grants: 0,
                    value: 0,
                    values_unknown: 0,
                };
                (row, HashSet::new(), HashSet::new())
            });
            e.0.units += u64::from(i.quantity);
            match i.value {
                Some(v) => e.0.value = e.0.value.saturating_add(v),
                None => e.0.values_unknown += 1,
            }
            e.1.insert(&g.recipient);
            e.2.insert(&g.id);
        }
    }
    rows.into_values()
        .map(|(mut r, who, grants)| {
            r.recipients = crate::forum::count_units(who.len());
            r.grants = crate::forum::count_units(grants.len());
            r
        })
        .collect()
}

/// One row of [`funding_by_source`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct FundingRow {
    /// Source.
    pub source: FundingSource,
    /// Activities funded from it.
    pub activities: u32,
    /// Grants funded from it.
    pub grants: u32,
    /// Sum of the known amounts, in rupiah.
    pub amount: u64,
    /// Funding lines without an amount.
    pub amounts_unknown: u32,
}

/// Funding of the activities (ended) and grants in `[from, to]` inside `within`, per source (in source order).
pub fn funding_by_source(
    data: &PembinaanData,
    registry: &Registry,
    within: Option<Kode>,
    from: NaiveDate,
    to: NaiveDate,
) -> Vec<FundingRow> {
    let mut rows: BTreeMap<FundingSource, FundingRow> = BTreeMap::new();
    let acts = data
        .activities
        .iter()
        .filter(|a| from <= a.end && a.end <= to && activity_in(a, within))
        .map(|a| (true, &a.funding));
    let grants = data
        .grants
        .iter()
        .filter(|g| from <= g.date && g.date <= to && grant_in(g, registry, within))
        .map(|g| (false, &g.funding));
    for (is_activity, funding) in acts.chain(grants) {
        let mut seen = HashSet::new();
        for f in funding {
            let r = rows.entry(f.source).or_insert(FundingRow {
                source: f.source,
                activities: 0,
                grants: 0,
                amount: 0,
                amounts_unknown: 0,
            });
            if seen.insert(f.source) {
                if is_activity {
                    r.activities += 1;
                } else {
                    r.grants += 1;
                }
            }
            match f.amount {
                Some(v) => r.amount = r.amount.saturating_add(v),
                None => r.amounts_unknown += 1,
            }
        }
    }
    rows.into_values().collect()
}

pub(super) fn activities_in(
    data: &PembinaanData,
    within: Option<Kode>,
    from: NaiveDate,
    to: NaiveDate,
) -> impl Iterator<Item = &Activity> + '_ {
    data.activities
        .iter()
        .filter(move |a| from <= a.end && a.end <= to && activity_in(a, within))
}
