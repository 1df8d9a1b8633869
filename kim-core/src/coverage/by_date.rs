//! Coverage, gaps and series with the code list in force on each date (or one pinned version).
//!
//! The registry's seats and `within` are codes of today's list ([`Reference::embedded`]). For an older list they
//! go through the [`Crosswalk`]: unchanged and renamed codes stay, re-keyed codes (confidence ≥ 0.9) take their
//! code of that list. Seats that are gone or ambiguous there keep their code, so they show up in
//! [`CoverageTable::unmatched`]: never dropped silently. A `within` that has no single unit in that list is an
//! error.

use crate::error::ArgumentProblem;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{
    CoverageOptions, CoverageTable, Gaps, SeriesDates, SeriesPoint, coverage, coverage_series, gaps,
};
use crate::error::{Error, Result};
use crate::registry::Registry;
use crate::wilayah::{CodeListVersion, Crosswalk, Kode, Reference, SeatMigration, SeatStatus};

/// Which code list a dated computation uses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CodeListChoice {
    /// The list in force on each date (the default).
    #[default]
    InForce,
    /// This version id (see [`Reference::versions`]) for every date.
    Pinned(String),
}

/// A coverage table with the version it used.
///
/// ```
/// use kim_core::coverage::{CodeListChoice, CoverageOptions, coverage_by_date};
/// use kim_core::{chrono::NaiveDate, registry::Registry, wilayah::Kode};
/// let opts = CoverageOptions::new(NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()).within(Kode::parse("64.02")?);
/// let pinned = CodeListChoice::Pinned("permendagri-72-2019".into());
/// let c = coverage_by_date(&Registry::new(), &opts, &pinned)?;
/// assert_eq!((c.version.id.as_str(), c.before_oldest), ("permendagri-72-2019", false));
/// assert_eq!(c.table.total.kecamatan, 18); // the 2019 list, although the date is in 2025
/// let opts = CoverageOptions::new(NaiveDate::from_ymd_opt(2010, 6, 30).unwrap());
/// assert!(coverage_by_date(&Registry::new(), &opts, &CodeListChoice::InForce)?.before_oldest);
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
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
#[non_exhaustive]
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
                    problem: ArgumentProblem::Unknown,
                    message: format!("{id:?} is not a code list version"),
                })?;
            Ok((v, r, date < Reference::versions()[0].in_force))
        }
    }
}

/// The confidence a re-keyed code needs to be translated by default (1.0 and 0.9: see the diff's documentation).
pub const MIN_REKEY_CONFIDENCE: f64 = 0.9;

/// One KIM's seat through a crosswalk (see [`migrate_registry`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct KimSeatMigration {
    /// The KIM.
    pub kim_id: String,
    /// What became of its seat.
    #[serde(flatten)]
    pub seat: SeatMigration,
    /// True when the seat was rewritten to `new_code` (re-keyed with enough confidence).
    pub rewritten: bool,
}

/// A registry whose seats went from one code list to another: see [`migrate_registry`].
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct RegistryMigration {
    /// The registry with the rewritten seats.
    pub registry: Registry,
    /// The source list's version.
    pub from_version: String,
    /// The target list's version.
    pub to_version: String,
    /// One row per KIM, in registry order.
    pub seats: Vec<KimSeatMigration>,
}

/// The code `k` of the source list has in the target list, when it has one with enough confidence.
fn mapped(m: &SeatMigration, min_confidence: f64) -> Option<Kode> {
    match m.status {
        SeatStatus::Rekeyed if m.confidence.is_some_and(|c| c >= min_confidence) => m.new_code,
        SeatStatus::Unchanged | SeatStatus::Renamed => Some(m.code),
        _ => None,
    }
}

/// Migrates a registry's seats from one code list to another, for a registry exported from a system that still
/// uses an older list: every seat is read as a code of `from` and goes through the [`Crosswalk`] to `to`.
///
/// - Unchanged and renamed seats keep their code; a seat re-keyed with confidence ≥ `min_confidence` (use
///   [`MIN_REKEY_CONFIDENCE`]) takes its new code.
/// - Ambiguous, gone, not-in-source and low-confidence seats keep their old code, so validation and coverage show
///   them; nothing is guessed or dropped. Every KIM has a row saying what happened.
///
/// ```
/// use kim_core::coverage::{migrate_registry, MIN_REKEY_CONFIDENCE};
/// use kim_core::registry::Registry;
/// use kim_core::wilayah::{Reference, SeatStatus};
/// let old = Registry::from_json(r#"{"schema_version":1,"kims":[{"id":"K1","name":"KIM Sorong","seat":"92.71.01.1001"}]}"#)?;
/// let from = Reference::version_id("kepmendagri-100.1.1-6117-2022")?;
/// let m = migrate_registry(&old, from, Reference::embedded(), MIN_REKEY_CONFIDENCE)?;
/// assert_eq!(m.seats[0].seat.status, SeatStatus::Rekeyed);     // Papua Barat Daya, 2022
/// assert_eq!(m.registry.kims()[0].seat.to_string(), "96.71.01.1001");
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn migrate_registry(
    registry: &Registry,
    from: &Reference,
    to: &Reference,
    min_confidence: f64,
) -> Result<RegistryMigration> {
    migrate_with(&Crosswalk::new(from, to), registry, min_confidence)
}

fn migrate_with(
    cw: &Crosswalk<'_>,
    registry: &Registry,
    min_confidence: f64,
) -> Result<RegistryMigration> {
    let mut seats = Vec::with_capacity(registry.len());
    let kims = registry.kims().iter().cloned().map(|mut kim| {
        let m = cw.migrate(kim.seat);
        let new = mapped(&m, min_confidence).filter(|n| *n != kim.seat);
        if let Some(n) = new {
            kim.seat = n;
        }
        seats.push(KimSeatMigration {
            kim_id: kim.id.clone(),
            seat: m,
            rewritten: new.is_some(),
        });
        kim
    });
    let registry = Registry::from_kims(kims.collect::<Vec<_>>())?;
    Ok(RegistryMigration {
        registry,
        from_version: cw.from_version().to_owned(),
        to_version: cw.to_version().to_owned(),
        seats,
    })
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
    let mut opts = options.clone();
    if let Some(w) = options.within {
        let m = cw.migrate(w);
        opts.within =
            Some(
                mapped(&m, MIN_REKEY_CONFIDENCE).ok_or_else(|| Error::NotInCodeList {
                    code: w.to_string(),
                    version: target.version().to_owned(),
                })?,
            );
    }
    let m = migrate_with(&cw, registry, MIN_REKEY_CONFIDENCE)?;
    let moved = m.seats.iter().filter(|s| s.rewritten).count();
    Ok((
        Some(m.registry),
        opts,
        u32::try_from(moved).unwrap_or(u32::MAX),
    ))
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
///
/// ```
/// use kim_core::coverage::{CodeListChoice, CoverageOptions, gaps_by_date};
/// use kim_core::{chrono::NaiveDate, registry::Registry, wilayah::Kode};
/// let registry = Registry::from_json(r#"{"schema_version": 1, "kims": [{"id": "K1", "name": "KIM Perian",
///     "seat": "64.02.01.2001", "history": [{"date": "2019-03-01", "status": "active"}]}]}"#)?;
/// let kukar = Kode::parse("64.02")?;
/// let opts = |y| CoverageOptions::new(NaiveDate::from_ymd_opt(y, 6, 30).unwrap()).within(kukar);
/// let g2020 = gaps_by_date(&registry, &opts(2020), &CodeListChoice::InForce)?;
/// let g2025 = gaps_by_date(&registry, &opts(2025), &CodeListChoice::InForce)?;
/// // Kutai Kartanegara had 18 kecamatan under the 2019 list and has 20 now; Muara Muntai has a KIM in both.
/// assert_eq!((g2020.kecamatan.len(), g2025.kecamatan.len()), (17, 19));
/// assert_eq!(g2025.code_list_version, "kepmendagri-300.2.2-2138-2025");
/// # Ok::<(), kim_core::Error>(())
/// ```
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
///
/// ```
/// use kim_core::coverage::{CodeListChoice, CoverageOptions, SeriesDates, coverage_series_by_date};
/// use kim_core::{chrono::NaiveDate, registry::Registry, wilayah::Kode};
/// let day = |y| NaiveDate::from_ymd_opt(y, 6, 30).unwrap();
/// let opts = CoverageOptions::new(day(2025)).within(Kode::parse("64.02")?);
/// let dates = SeriesDates::Dates(vec![day(2025), day(2020)]); // any order: the series comes back sorted
/// let s = coverage_series_by_date(&Registry::new(), &opts, &dates, &CodeListChoice::InForce)?;
/// let kecamatan: Vec<_> = s.iter().map(|p| (p.code_list_version.as_str(), p.point.kecamatan)).collect();
/// assert_eq!(kecamatan, [("permendagri-72-2019", 18), ("kepmendagri-300.2.2-2138-2025", 20)]);
/// # Ok::<(), kim_core::Error>(())
/// ```
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
