//! Coverage, gaps and series with the code list in force on each date (or one pinned version).
//!
//! The registry's seats and `within` are codes of today's list ([`Reference::embedded`]). For an older list they
//! go through the [`Crosswalk`]: unchanged and renamed codes stay, re-keyed codes (confidence ≥ 0.9) take their
//! code of that list. Seats that are gone or ambiguous there keep their code, so they show up in
//! [`CoverageTable::unmatched`]: never dropped silently. A `within` that has no single unit in that list is an
//! error.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    CoverageOptions, CoverageTable, Gaps, SeriesDates, SeriesPoint, coverage, coverage_series, gaps,
};
use crate::error::{Error, Result};
use crate::registry::Registry;
use crate::wilayah::{CodeListVersion, Crosswalk, Kode, Reference, SeatStatus};

/// Which code list a dated computation uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CodeListChoice {
    /// The list in force on each date (the default).
    #[default]
    InForce,
    /// This version id (see [`Reference::versions`]) for every date.
    Pinned(String),
}

/// A coverage table with the version it used.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DatedCoverage {
    /// The version used (its id is also `table.code_list_version` and every row's).
    pub version: CodeListVersion,
    /// True when `as_of` is before the oldest version: the oldest list was used.
    pub before_oldest: bool,
    /// Seats whose code was translated into this list (re-keyed units).
    pub seats_rekeyed: u32,
    /// The table.
    pub table: CoverageTable,
}

/// One point of a dated series, with the version used on that date.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DatedSeriesPoint {
    /// The point.
    #[serde(flatten)]
    pub point: SeriesPoint,
    /// The code list version used for this date.
    pub code_list_version: String,
}

fn choose(
    date: NaiveDate,
    choice: &CodeListChoice,
) -> Result<(&'static CodeListVersion, &'static Reference, bool)> {
    match choice {
        CodeListChoice::InForce => {
            let f = Reference::in_force(date)?;
            Ok((f.version, f.reference, f.before_oldest))
        }
        CodeListChoice::Pinned(id) => {
            let r = Reference::version_id(id)?;
            let v = Reference::versions()
                .iter()
                .find(|v| v.id == *id)
                .ok_or_else(|| Error::InvalidArgument {
                    name: "version",
                    message: format!("{id:?} is not a code list version"),
                })?;
            Ok((v, r, date < Reference::versions()[0].in_force))
        }
    }
}

/// The registry and options translated from today's list into `target`.
fn translate(
    registry: &Registry,
    options: &CoverageOptions,
    target: &'static Reference,
) -> Result<(Option<Registry>, CoverageOptions, u32)> {
    let today = Reference::embedded();
    if std::ptr::eq(target, today) {
        return Ok((None, options.clone(), 0));
    }
    let cw = Crosswalk::new(today, target);
    let map = |k: Kode| {
        let m = cw.migrate(k);
        match m.status {
            SeatStatus::Rekeyed if m.confidence.is_some_and(|c| c >= 0.9) => m.new_code,
            SeatStatus::Unchanged | SeatStatus::Renamed => Some(k),
            _ => None,
        }
    };
    let mut opts = options.clone();
    if let Some(w) = options.within {
        opts.within = Some(map(w).ok_or_else(|| Error::NotInCodeList {
            code: w.to_string(),
            version: target.version().to_owned(),
        })?);
    }
    let mut moved = 0u32;
    let kims = registry.kims().iter().cloned().map(|mut kim| {
        if let Some(new) = map(kim.seat)
            && new != kim.seat
        {
            kim.seat = new;
            moved += 1;
        }
        kim
    });
    let translated = Registry::from_kims(kims.collect::<Vec<_>>())?;
    Ok((Some(translated), opts, moved))
}

/// [`coverage`] with the code list in force on `options.as_of` (or the pinned one).
///
/// ```
/// use kim_core::coverage::{coverage_by_date, CodeListChoice, CoverageOptions};
/// use kim_core::{registry::Registry, wilayah::Kode};
/// let registry = Registry::from_json(include_str!("../../data/sample/kim_sample.json"))?;
/// let opts = CoverageOptions::new("2020-06-30".parse().unwrap()).within(Kode::parse("64.02")?);
/// let c = coverage_by_date(&registry, &opts, &CodeListChoice::InForce)?;
/// assert_eq!(c.table.code_list_version, "permendagri-72-2019");
/// assert_eq!(c.table.total.kecamatan, 18); // Kutai Kartanegara before its 2021 kecamatan splits
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn coverage_by_date(
    registry: &Registry,
    options: &CoverageOptions,
    choice: &CodeListChoice,
) -> Result<DatedCoverage> {
    let (version, reference, before_oldest) = choose(options.as_of, choice)?;
    let (translated, opts, seats_rekeyed) = translate(registry, options, reference)?;
    let table = coverage(translated.as_ref().unwrap_or(registry), reference, &opts)?;
    Ok(DatedCoverage {
        version: version.clone(),
        before_oldest,
        seats_rekeyed,
        table,
    })
}

/// [`gaps`] with the code list in force on `options.as_of` (or the pinned one).
pub fn gaps_by_date(
    registry: &Registry,
    options: &CoverageOptions,
    choice: &CodeListChoice,
) -> Result<Gaps> {
    let (_, reference, _) = choose(options.as_of, choice)?;
    let (translated, opts, _) = translate(registry, options, reference)?;
    gaps(translated.as_ref().unwrap_or(registry), reference, &opts)
}

/// [`coverage_series`] where each date uses the list in force on it (or the pinned one): the dates are grouped by
/// version and each point says which version it used.
pub fn coverage_series_by_date(
    registry: &Registry,
    options: &CoverageOptions,
    dates: &SeriesDates,
    choice: &CodeListChoice,
) -> Result<Vec<DatedSeriesPoint>> {
    let mut out = Vec::new();
    let all = dates.resolve()?;
    let mut i = 0;
    while i < all.len() {
        let (version, reference, _) = choose(all[i], choice)?;
        let mut j = i + 1;
        while j < all.len() && choose(all[j], choice)?.0.id == version.id {
            j += 1;
        }
        let (translated, opts, _) = translate(registry, options, reference)?;
        let points = coverage_series(
            translated.as_ref().unwrap_or(registry),
            reference,
            &opts,
            &SeriesDates::Dates(all[i..j].to_vec()),
        )?;
        out.extend(points.into_iter().map(|point| DatedSeriesPoint {
            point,
            code_list_version: version.id.clone(),
        }));
        i = j;
    }
    Ok(out)
}
