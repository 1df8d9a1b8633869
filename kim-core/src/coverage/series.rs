//! Coverage through time: one sweep over the history serves every date of a series.

use crate::error::ArgumentProblem;
use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{CoverageOptions, VillageCounts, ratio};
use crate::error::{Error, Result};
use crate::registry::Registry;
use crate::wilayah::{Kode, Level, Reference, VillageKind};

/// One point of a coverage time series, for the `within` unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct SeriesPoint {
    /// The date.
    pub date: NaiveDate,
    /// Villages in the unit.
    pub villages: VillageCounts,
    /// Villages with an active KIM on the date.
    pub villages_with_kim: VillageCounts,
    /// Village coverage ratio.
    pub village_ratio: Option<f64>,
    /// Kecamatan in the unit.
    pub kecamatan: u32,
    /// Kecamatan with an active KIM.
    pub kecamatan_with_kim: u32,
    /// Kecamatan coverage ratio.
    pub kecamatan_ratio: Option<f64>,
    /// Active KIMs.
    pub n_kim: u32,
}

/// The dates of a series.
///
/// ```
/// use kim_core::coverage::{CoverageOptions, SeriesDates, coverage_series};
/// use kim_core::{chrono::NaiveDate, registry::Registry, wilayah::Reference};
/// let reference = Reference::from_tsv("64\tKalimantan Timur\n64.02\tKabupaten Kutai Kartanegara\n")?;
/// let d = |m, day| NaiveDate::from_ymd_opt(2025, m, day).unwrap();
/// let dates_of = |dates| -> kim_core::Result<Vec<NaiveDate>> {
///     let opts = CoverageOptions::new(d(1, 1));
///     Ok(coverage_series(&Registry::new(), &reference, &opts, &dates)?.iter().map(|p| p.date).collect())
/// };
/// // The month ends that fall between 15 January and 15 April.
/// assert_eq!(dates_of(SeriesDates::MonthEnds { from: d(1, 15), to: d(4, 15) })?, [d(1, 31), d(2, 28), d(3, 31)]);
/// // Given dates come back sorted, without duplicates.
/// assert_eq!(dates_of(SeriesDates::Dates(vec![d(6, 30), d(1, 1), d(6, 30)]))?, [d(1, 1), d(6, 30)]);
/// assert!(dates_of(SeriesDates::MonthEnds { from: d(4, 15), to: d(1, 15) }).is_err());
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum SeriesDates {
    /// Every month end from `from` to `to` inclusive (the month ends that fall in that range).
    MonthEnds {
        /// First day.
        from: NaiveDate,
        /// Last day.
        to: NaiveDate,
    },
    /// These dates (any order; the series comes back sorted and without duplicates).
    Dates(Vec<NaiveDate>),
}

impl SeriesDates {
    pub(super) fn resolve(&self) -> Result<Vec<NaiveDate>> {
        let mut dates = match self {
            Self::Dates(d) => d.clone(),
            Self::MonthEnds { from, to } => {
                if to < from {
                    return Err(Error::InvalidArgument {
                        name: "end",
                        problem: ArgumentProblem::DateOrder,
                        message: format!("{to} is before the start, {from}"),
                    });
                }
                let mut out = Vec::new();
                let mut first =
                    NaiveDate::from_ymd_opt(from.year(), from.month(), 1).unwrap_or(*from);
                while first <= *to {
                    let next =
                        first
                            .checked_add_months(Months::new(1))
                            .ok_or(Error::InvalidArgument {
                                name: "dates",
                                problem: ArgumentProblem::OutOfRange,
                                message: "date out of range".into(),
                            })?;
                    let end = next.pred_opt().unwrap_or(first);
                    if end >= *from && end <= *to {
                        out.push(end);
                    }
                    first = next;
                }
                out
            }
        };
        if dates.len() > 100_000 {
            return Err(Error::InvalidArgument {
                name: "dates",
                problem: ArgumentProblem::OutOfRange,
                message: "at most 100,000 dates".into(),
            });
        }
        dates.sort_unstable();
        dates.dedup();
        Ok(dates)
    }
}

/// Coverage of the `within` unit at each date, computed in one pass over the history: every interval during which a
/// KIM counts becomes a +1 and a −1 event, and one sweep over the sorted events serves all dates.
///
/// `options.as_of` and `options.level` are ignored. `only_valid` is not supported here (validation depends on the
/// date): it is an [`Error::InvalidArgument`].
///
/// ```
/// use kim_core::coverage::{CoverageOptions, SeriesDates, coverage_series};
/// use kim_core::{chrono::NaiveDate, registry::Registry, wilayah::{Kode, Reference}};
/// let reference = Reference::from_tsv("64\tKalimantan Timur\n64.02\tKabupaten Kutai Kartanegara\n\
///     64.02.01\tMuara Muntai\n64.02.01.2001\tPerian\n64.02.01.2002\tMuara Leka\n\
///     64.02.01.2003\tMuara Aloh\n64.02.01.2004\tJantur\n")?;
/// let registry = Registry::from_json(r#"{"schema_version": 1, "kims": [
///     {"id": "K1", "name": "KIM Perian", "seat": "64.02.01.2001",
///      "history": [{"date": "2024-01-31", "status": "active"}]},
///     {"id": "K2", "name": "KIM Muara Leka", "seat": "64.02.01.2002",
///      "history": [{"date": "2024-07-15", "status": "registered"}]}]}"#)?;
/// let from = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
/// let to = NaiveDate::from_ymd_opt(2024, 12, 31).unwrap();
/// let opts = CoverageOptions::new(to).within(Kode::parse("64.02")?);
/// let series = coverage_series(&registry, &reference, &opts, &SeriesDates::MonthEnds { from, to })?;
/// assert_eq!(series.len(), 12);
/// let covered: Vec<u32> = series.iter().map(|p| p.villages_with_kim.total).collect();
/// assert_eq!(covered, [1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2]); // K2 counts from 15 July
/// assert_eq!((series[11].village_ratio, series[11].kecamatan_ratio), (Some(0.5), Some(1.0)));
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn coverage_series(
    registry: &Registry,
    reference: &Reference,
    options: &CoverageOptions,
    dates: &SeriesDates,
) -> Result<Vec<SeriesPoint>> {
    if options.only_valid.is_some() {
        return Err(Error::InvalidArgument {
            name: "only_valid",
            problem: ArgumentProblem::Conflict,
            message: "not supported for series; compute coverage per date instead".into(),
        });
    }
    if options.within.is_some_and(|w| w.level() == Level::Desa) {
        return Err(Error::InvalidArgument {
            name: "within",
            problem: ArgumentProblem::WrongLevel,
            message: "a series needs a unit above village level".into(),
        });
    }
    CoverageOptions {
        level: Level::Desa,
        ..options.clone()
    }
    .check(reference)?;
    let dates = dates.resolve()?;
    let slots = Slots::new(reference, options.within);
    let mut events = interval_events(registry, reference, options, &slots.range);
    events.sort_unstable_by_key(|e| e.0);
    let Slots {
        range,
        kec_of,
        kinds,
        villages,
        n_kec,
    } = slots;
    let mut per_village = vec![0u32; range.len()];
    let mut per_kec = vec![0u32; n_kec as usize];
    let mut with_kim = VillageCounts::default();
    let mut kec_with = 0u32;
    let mut n_kim = 0u32;
    let mut e = 0;
    let mut out = Vec::with_capacity(dates.len());
    for date in dates {
        let today = date.num_days_from_ce();
        while e < events.len() && events[e].0 <= today {
            let (_, slot, delta) = events[e];
            let s = slot as usize;
            let kec = kec_of[s] as usize;
            if delta > 0 {
                n_kim += 1;
                per_village[s] += 1;
                if per_village[s] == 1 {
                    with_kim.add_kind(kinds[s], 1);
                    if kec < per_kec.len() {
                        per_kec[kec] += 1;
                        if per_kec[kec] == 1 {
                            kec_with += 1;
                        }
                    }
                }
            } else {
                n_kim -= 1;
                per_village[s] -= 1;
                if per_village[s] == 0 {
                    sub_kind(&mut with_kim, kinds[s]);
                    if kec < per_kec.len() {
                        per_kec[kec] -= 1;
                        if per_kec[kec] == 0 {
                            kec_with -= 1;
                        }
                    }
                }
            }
            e += 1;
        }
        out.push(SeriesPoint {
            date,
            villages,
            villages_with_kim: with_kim,
            village_ratio: ratio(with_kim.total, villages.total),
            kecamatan: n_kec,
            kecamatan_with_kim: kec_with,
            kecamatan_ratio: ratio(kec_with, n_kec),
            n_kim,
        });
    }
    Ok(out)
}

/// The universe of a series: for each village slot its kecamatan slot and kind.
struct Slots {
    range: std::ops::Range<usize>,
    kec_of: Vec<u32>,
    kinds: Vec<Option<VillageKind>>,
    villages: VillageCounts,
    n_kec: u32,
}

impl Slots {
    fn new(reference: &Reference, within: Option<Kode>) -> Self {
        let range = reference.subtree_range(within);
        let mut kec_of = vec![u32::MAX; range.len()];
        let mut kinds = vec![None; range.len()];
        let mut villages = VillageCounts::default();
        let mut n_kec = 0u32;
        let mut kec_slot = u32::MAX;
        for i in range.clone() {
            let k = reference.unit_at(i).kode;
            match k.level() {
                Level::Kecamatan => {
                    kec_slot = n_kec;
                    n_kec += 1;
                }
                Level::Desa => {
                    kec_of[i - range.start] = kec_slot;
                    kinds[i - range.start] = k.village_kind();
                    villages.add_kind(k.village_kind(), 1);
                }
                _ => {}
            }
        }
        Self {
            range,
            kec_of,
            kinds,
            villages,
            n_kec,
        }
    }
}

/// Every interval during which a KIM counts, as (day, village slot, +1) and (end day, slot, −1); days from the common era.
fn interval_events(
    registry: &Registry,
    reference: &Reference,
    options: &CoverageOptions,
    range: &std::ops::Range<usize>,
) -> Vec<(i32, u32, i32)> {
    let mut events = Vec::new();
    let cols = registry.date_index();
    for i in 0..cols.len() {
        let seat = cols.seat(i);
        if options.within.is_some_and(|w| !w.contains(seat)) || seat.level() != Level::Desa {
            continue;
        }
        let Some(u) = reference.index_of(seat).filter(|u| range.contains(u)) else {
            continue;
        };
        let slot = u32::try_from(u - range.start).unwrap_or(u32::MAX);
        let mut open: Option<i32> = None;
        for &(day, status) in cols.history(i) {
            let counts = options.active.contains(&status);
            match (open, counts) {
                (None, true) => open = Some(day),
                (Some(start), false) => {
                    if day > start {
                        events.push((start, slot, 1));
                        events.push((day, slot, -1));
                    }
                    open = None;
                }
                _ => {}
            }
        }
        if let Some(start) = open {
            events.push((start, slot, 1));
        }
    }
    events
}

fn sub_kind(c: &mut VillageCounts, kind: Option<VillageKind>) {
    match kind {
        Some(VillageKind::Kelurahan) => c.kelurahan -= 1,
        Some(VillageKind::DesaAdat) => c.desa_adat -= 1,
        _ => c.desa -= 1,
    }
    c.total -= 1;
}
