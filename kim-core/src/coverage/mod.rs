//! Coverage of villages and kecamatan by active KIMs, at every level, on any date (docs/domain.md §7).
//!
//! - **The universe is the code list**, not the KIM table: every unit of the [`Reference`] inside `within` gets a
//!   row, including those with no KIM.
//! - **Villages with a KIM, not the number of KIMs.** Several KIMs in one village count once for that village;
//!   `n_kim` is reported separately.
//! - **Village coverage** = villages with ≥ 1 active KIM ÷ villages in the unit, split by desa, kelurahan and desa
//!   adat. **Kecamatan coverage** (the SPM indicator of Permenkominfo 22/2010) = kecamatan with ≥ 1 active KIM ÷
//!   kecamatan in the unit.
//! - Every row carries its numerators, denominators, ratios, the code-list version and `as_of`.
//! - A KIM whose seat is not a village of the reference is never dropped silently: it is listed in
//!   [`CoverageTable::unmatched`].
//!
//! "Active on `as_of`" means the KIM's status on that day is one of [`CoverageOptions::active`] (default:
//! `registered` or `active`); a KIM stops counting on the day its status changes to anything else.
//!
//! ```
//! # #[cfg(feature = "embedded")] {
//! use kim_core::{coverage::{coverage, CoverageOptions}, registry::Registry, wilayah::{Kode, Level, Reference}};
//! let registry = Registry::from_json(include_str!("../../data/sample/kim_sample.json"))?;
//! let opts = CoverageOptions::new("2025-06-30".parse().unwrap()).level(Level::Kecamatan).within(Kode::parse("64.02")?);
//! let table = coverage(&registry, Reference::embedded(), &opts)?;
//! assert_eq!(table.rows.len(), 20);                       // every kecamatan of Kutai Kartanegara
//! assert_eq!(table.total.villages.total, 237);
//! assert!(table.total.villages_with_kim.total <= table.total.n_kim);
//! # }
//! # Ok::<(), kim_core::Error>(())
//! ```

#[cfg(feature = "embedded")]
mod by_date;
mod columns;
mod denominators;
mod gaps;
mod series;
mod target;

#[cfg(feature = "embedded")]
pub use by_date::{
    CodeListChoice, DatedCoverage, DatedSeriesPoint, KimSeatMigration, MIN_REKEY_CONFIDENCE,
    RegistryMigration, coverage_by_date, coverage_series_by_date, gaps_by_date, migrate_registry,
};
pub use columns::{COLUMNS, Column, DENOMINATOR_COLUMNS, FLAT_COLUMNS, FlatRow, Read};
pub use denominators::{DenominatorSummary, RowDenominators};
pub use gaps::{GapRow, GapUnit, Gaps, gaps};
pub use series::{SeriesDates, SeriesPoint, coverage_series};
pub use target::{Target, TargetProgress, target_progress};

use crate::error::ArgumentProblem;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::registry::{Registry, Status};
use crate::rules::{ProfileSet, validate};
use crate::wilayah::{Kode, Level, Reference, VillageKind};

/// Coverage options as data, every field optional: the shape the C ABI reads as JSON and Python builds from keyword
/// arguments, `{"as_of":"2025-06-30","level":"kecamatan","within":"64.02","active":["registered","active"],
/// "only_valid":false}`.
///
/// ```
/// use kim_core::coverage::CoverageSpec;
/// use kim_core::wilayah::Level;
/// let spec: CoverageSpec = serde_json::from_str(r#"{"level": "desa", "within": "64.02"}"#).unwrap();
/// let opts = spec.options("2025-06-30".parse().unwrap());
/// assert_eq!((opts.level, opts.as_of.to_string()), (Level::Desa, "2025-06-30".to_owned()));
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverageSpec {
    /// The day; the caller's default date when missing.
    #[serde(default)]
    pub as_of: Option<NaiveDate>,
    /// The row level; kecamatan when missing.
    #[serde(default)]
    pub level: Option<Level>,
    /// The unit; the whole country when missing.
    #[serde(default)]
    pub within: Option<Kode>,
    /// Statuses that count as active; registered and active when missing.
    #[serde(default)]
    pub active: Option<Vec<Status>>,
    /// Count only KIMs with no error finding under the built-in profiles (the national profile in force plus the
    /// overlays of each seat).
    #[serde(default)]
    pub only_valid: bool,
    /// Add population, area and KIMs per 100,000 residents and per 1,000 km² to every row (see
    /// [`CoverageOptions::denominators`]).
    #[serde(default)]
    pub denominators: bool,
}

impl CoverageSpec {
    /// The options, with `default_date` where `as_of` is missing (a binding passes its own "today").
    #[must_use]
    pub fn options(self, default_date: NaiveDate) -> CoverageOptions {
        let mut opts = CoverageOptions::new(self.as_of.unwrap_or(default_date));
        if let Some(level) = self.level {
            opts = opts.level(level);
        }
        opts.within = self.within;
        if let Some(active) = self.active {
            opts = opts.active(&active);
        }
        if self.only_valid {
            opts = opts.only_valid(ProfileSet::builtin());
        }
        opts.denominators = self.denominators;
        opts
    }
}

/// What to compute.
///
/// ```
/// use kim_core::coverage::{CoverageOptions, coverage};
/// use kim_core::{chrono::NaiveDate, registry::{Registry, Status}, wilayah::{Kode, Level, Reference}};
/// let reference = Reference::from_tsv("64\tKalimantan Timur\n64.02\tKabupaten Kutai Kartanegara\n\
///     64.02.01\tMuara Muntai\n64.02.01.2001\tPerian\n64.02.01.2002\tMuara Leka\n\
///     64.02.01.2003\tMuara Aloh\n64.02.01.2004\tJantur\n")?;
/// let registry = Registry::from_json(r#"{"schema_version": 1, "kims": [
///     {"id": "K1", "name": "KIM Perian", "seat": "64.02.01.2001",
///      "history": [{"date": "2024-01-31", "status": "active"}]},
///     {"id": "K2", "name": "KIM Muara Leka", "seat": "64.02.01.2002",
///      "history": [{"date": "2024-07-15", "status": "registered"}]}]}"#)?;
/// let opts = CoverageOptions::new(NaiveDate::from_ymd_opt(2025, 6, 30).unwrap())
///     .level(Level::Desa).within(Kode::parse("64.02.01")?);
/// let table = coverage(&registry, &reference, &opts)?;
/// assert_eq!(table.rows.len(), 4); // every village of the kecamatan, with a KIM or not
/// assert_eq!((table.total.villages_with_kim.total, table.total.village_ratio), (2, Some(0.5)));
/// // Count only `active` KIMs: K2 is only `registered`.
/// let table = coverage(&registry, &reference, &opts.active(&[Status::Active]))?;
/// assert_eq!(table.total.villages_with_kim.total, 1);
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct CoverageOptions {
    /// The day on which KIMs must be active.
    pub as_of: NaiveDate,
    /// The level of the rows.
    pub level: Level,
    /// Restrict to this unit (rows are the units at `level` inside it); `None` for the whole country.
    pub within: Option<Kode>,
    /// Statuses that count as active (default: registered, active).
    pub active: Vec<Status>,
    /// If set, count only KIMs whose validation on `as_of` under these profiles (the national profile in force plus
    /// the overlays for their seat) has no error finding.
    pub only_valid: Option<ProfileSet>,
    /// Add the denominator columns (population, area, KIMs per 100,000 residents and per 1,000 km²) and their
    /// summary: figures for provinces and kab/kota of the embedded list only, `None` elsewhere (feature
    /// `embedded`).
    pub denominators: bool,
}

impl CoverageOptions {
    /// Defaults: kecamatan rows, whole country, statuses registered and active, no validation filter.
    #[must_use]
    pub fn new(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            level: Level::Kecamatan,
            within: None,
            active: vec![Status::Registered, Status::Active],
            only_valid: None,
            denominators: false,
        }
    }

    /// Sets the row level.
    #[must_use]
    pub fn level(mut self, level: Level) -> Self {
        self.level = level;
        self
    }

    /// Restricts to a unit.
    #[must_use]
    pub fn within(mut self, within: Kode) -> Self {
        self.within = Some(within);
        self
    }

    /// Sets the statuses that count as active.
    #[must_use]
    pub fn active(mut self, statuses: &[Status]) -> Self {
        self.active = statuses.to_vec();
        self
    }

    /// Counts only KIMs with no error finding under `profiles`.
    #[must_use]
    pub fn only_valid(mut self, profiles: ProfileSet) -> Self {
        self.only_valid = Some(profiles);
        self
    }

    /// Adds (or not) the denominator columns.
    #[must_use]
    pub fn denominators(mut self, on: bool) -> Self {
        self.denominators = on;
        self
    }

    fn check(&self, reference: &Reference) -> Result<()> {
        if self.denominators && cfg!(not(feature = "embedded")) {
            return Err(Error::InvalidArgument {
                name: "denominators",
                problem: ArgumentProblem::Unsupported,
                message: "population and area figures need kim-core's feature `embedded`".into(),
            });
        }
        if self.active.is_empty() {
            return Err(Error::InvalidArgument {
                name: "active",
                problem: ArgumentProblem::Missing,
                message: "give at least one status that counts as active".into(),
            });
        }
        if let Some(w) = self.within {
            reference.unit(w)?;
            if self.level <= w.level() {
                return Err(Error::InvalidArgument {
                    name: "level",
                    problem: ArgumentProblem::WrongLevel,
                    message: format!(
                        "rows at level {} cannot lie inside {w}, which is at level {}",
                        self.level,
                        w.level()
                    ),
                });
            }
        }
        Ok(())
    }
}

/// Villages by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct VillageCounts {
    /// Desa.
    pub desa: u32,
    /// Kelurahan.
    pub kelurahan: u32,
    /// Desa adat.
    pub desa_adat: u32,
    /// All three.
    pub total: u32,
}

impl VillageCounts {
    fn add_kind(&mut self, kind: Option<VillageKind>, n: u32) {
        match kind {
            Some(VillageKind::Kelurahan) => self.kelurahan += n,
            Some(VillageKind::DesaAdat) => self.desa_adat += n,
            _ => self.desa += n,
        }
        self.total += n;
    }

    fn add(&mut self, o: &VillageCounts) {
        self.desa += o.desa;
        self.kelurahan += o.kelurahan;
        self.desa_adat += o.desa_adat;
        self.total += o.total;
    }
}

/// `num / den`, or `None` when the denominator is 0.
fn ratio(num: u32, den: u32) -> Option<f64> {
    (den > 0).then(|| f64::from(num) / f64::from(den))
}

/// One unit's coverage.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CoverageRow {
    /// The unit; `None` for the whole country.
    pub code: Option<Kode>,
    /// Its official name (`Indonesia` for the country).
    pub name: String,
    /// Its level; `None` for the country.
    pub level: Option<Level>,
    /// Its parent unit.
    pub parent: Option<Kode>,
    /// Villages in the unit.
    pub villages: VillageCounts,
    /// Villages with at least one active KIM.
    pub villages_with_kim: VillageCounts,
    /// `villages_with_kim.total / villages.total`.
    pub village_ratio: Option<f64>,
    /// Desa-only ratio.
    pub desa_ratio: Option<f64>,
    /// Kelurahan-only ratio.
    pub kelurahan_ratio: Option<f64>,
    /// Kecamatan in the unit (0 for a kecamatan or village row's own level: a kecamatan row counts itself).
    pub kecamatan: u32,
    /// Kecamatan with at least one active KIM (the SPM indicator's numerator).
    pub kecamatan_with_kim: u32,
    /// `kecamatan_with_kim / kecamatan`.
    pub kecamatan_ratio: Option<f64>,
    /// Active KIMs seated in the unit (several may share a village).
    pub n_kim: u32,
    /// Members serving on `as_of` in those KIMs.
    pub n_members: u32,
    /// Version of the code list.
    pub code_list_version: String,
    /// The date.
    pub as_of: NaiveDate,
    /// Population, area and KIMs per capita and per area, with [`CoverageOptions::denominators`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominators: Option<RowDenominators>,
}

/// Why a KIM could not be placed in the universe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum UnmatchedReason {
    /// The seat is a well-formed village code that is not in the code list.
    NotInCodeList,
    /// The seat is not a village code (e.g. a kecamatan).
    NotAVillage,
}

/// An active KIM that is not counted because its seat is not a village of the reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Unmatched {
    /// KIM id.
    pub kim_id: String,
    /// Its seat code.
    pub seat: Kode,
    /// Why.
    pub reason: UnmatchedReason,
}

/// The result of [`coverage`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CoverageTable {
    /// Schema version of this JSON shape (1).
    pub schema_version: u64,
    /// One row per unit at the level, in code order, for every unit of the universe.
    pub rows: Vec<CoverageRow>,
    /// The totals of the `within` unit (or the whole country).
    pub total: CoverageRow,
    /// Active KIMs inside `within` whose seat is not a village of the code list.
    pub unmatched: Vec<Unmatched>,
    /// KIMs active on `as_of` but not counted because validation found errors (with `only_valid`).
    pub excluded_invalid: Vec<String>,
    /// Version of the code list.
    pub code_list_version: String,
    /// The date.
    pub as_of: NaiveDate,
    /// The row level.
    pub level: Level,
    /// The unit, if any.
    pub within: Option<Kode>,
    /// Sources, years and rows without a figure, with [`CoverageOptions::denominators`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denominators: Option<DenominatorSummary>,
}

#[derive(Clone, Copy, Default)]
struct Agg {
    villages: VillageCounts,
    with_kim: VillageCounts,
    kec: u32,
    kec_with_kim: u32,
    n_kim: u32,
    n_members: u32,
}

impl Agg {
    fn add(&mut self, o: &Agg) {
        self.villages.add(&o.villages);
        self.with_kim.add(&o.with_kim);
        self.kec += o.kec;
        self.kec_with_kim += o.kec_with_kim;
        self.n_kim += o.n_kim;
        self.n_members += o.n_members;
    }
}

/// Per-village tallies of active KIMs, indexed by reference position.
struct Tally {
    /// (active KIMs, their serving members) per unit of the range; non-zero only for villages.
    per_unit: Vec<(u32, u32)>,
    unmatched: Vec<Unmatched>,
    excluded_invalid: Vec<String>,
}

fn tally(registry: &Registry, reference: &Reference, options: &CoverageOptions) -> Result<Tally> {
    let range = reference.subtree_range(options.within);
    let mut t = Tally {
        per_unit: vec![(0, 0); range.len()],
        unmatched: Vec::new(),
        excluded_invalid: Vec::new(),
    };
    let cols = registry.date_index();
    // Phase 1: the active KIMs in scope and their seat positions. The lookups are independent of each other, so
    // their cache misses overlap; phase 2 does the dependent increments.
    let positions = cols.seat_positions(reference);
    let mut placed: Vec<(u32, u32)> = Vec::with_capacity(cols.len());
    for i in 0..cols.len() {
        let seat = cols.seat(i);
        if !cols
            .status_on(i, options.as_of)
            .is_some_and(|s| options.active.contains(&s))
            || options.within.is_some_and(|w| !w.contains(seat))
        {
            continue;
        }
        let found =
            Some(positions[i] as usize).filter(|u| positions[i] != u32::MAX && range.contains(u));
        if let Some(u) = found {
            placed.push((
                u32::try_from(i).unwrap_or(u32::MAX),
                u32::try_from(u - range.start).unwrap_or(u32::MAX),
            ));
        } else {
            let reason = if seat.level() == Level::Desa {
                UnmatchedReason::NotInCodeList
            } else {
                UnmatchedReason::NotAVillage
            };
            t.unmatched.push(Unmatched {
                kim_id: registry.kims()[i].id.clone(),
                seat,
                reason,
            });
        }
    }
    for (i, j) in placed {
        let (i, j) = (i as usize, j as usize);
        if let Some(set) = &options.only_valid {
            let kim = &registry.kims()[i];
            if !validate(
                kim,
                &set.applicable(kim.seat, options.as_of)?,
                reference,
                options.as_of,
            )?
            .ok()
            {
                t.excluded_invalid.push(kim.id.clone());
                continue;
            }
        }
        let slot = &mut t.per_unit[j];
        slot.0 += 1;
        slot.1 += u32::try_from(cols.members_on(i, options.as_of)).unwrap_or(u32::MAX);
    }
    Ok(t)
}

/// Computes coverage rows at `options.level` for every unit inside `options.within`, plus the totals.
///
/// Errors: `within` not in the code list, a row level not below `within`, or no active status given.
pub fn coverage(
    registry: &Registry,
    reference: &Reference,
    options: &CoverageOptions,
) -> Result<CoverageTable> {
    options.check(reference)?;
    let t = tally(registry, reference, options)?;
    let range = reference.subtree_range(options.within);
    let version = reference.version().to_owned();
    let make_row = |unit: Option<crate::wilayah::Unit<'_>>, a: &Agg| CoverageRow {
        code: unit.map(|u| u.kode),
        name: unit.map_or_else(|| "Indonesia".to_owned(), |u| u.name.to_owned()),
        level: unit.map(|u| u.kode.level()),
        parent: unit.and_then(|u| u.kode.parent()),
        villages: a.villages,
        villages_with_kim: a.with_kim,
        village_ratio: ratio(a.with_kim.total, a.villages.total),
        desa_ratio: ratio(a.with_kim.desa, a.villages.desa),
        kelurahan_ratio: ratio(a.with_kim.kelurahan, a.villages.kelurahan),
        kecamatan: a.kec,
        kecamatan_with_kim: a.kec_with_kim,
        kecamatan_ratio: ratio(a.kec_with_kim, a.kec),
        n_kim: a.n_kim,
        n_members: a.n_members,
        code_list_version: version.clone(),
        as_of: options.as_of,
        denominators: None,
    };
    // One pre-order pass with a stack of open units: a closed unit's aggregate rolls into its parent.
    let mut rows = Vec::new();
    let mut total = Agg::default();
    let mut stack: Vec<(usize, Agg)> = Vec::with_capacity(4);
    let close = |stack: &mut Vec<(usize, Agg)>, rows: &mut Vec<CoverageRow>, total: &mut Agg| {
        let (i, mut a) = stack
            .pop()
            .unwrap_or_else(|| unreachable!("close is called on a non-empty stack"));
        let unit = reference.unit_at(i);
        if unit.kode.level() == Level::Kecamatan {
            a.kec = 1;
            a.kec_with_kim = u32::from(a.with_kim.total > 0);
        }
        if unit.kode.level() == options.level {
            rows.push(make_row(Some(unit), &a));
        }
        match stack.last_mut() {
            Some((_, parent)) => parent.add(&a),
            None => total.add(&a),
        }
    };
    for i in range.clone() {
        while let Some(&(top, _)) = stack.last() {
            if i < reference.subtree_end_of(top) {
                break;
            }
            close(&mut stack, &mut rows, &mut total);
        }
        let kode = reference.kode_at(i);
        let mut a = Agg::default();
        if kode.level() == Level::Desa {
            let j = i - range.start;
            let kind = kode.village_kind();
            a.villages.add_kind(kind, 1);
            let (n_kim, n_members) = t.per_unit[j];
            if n_kim > 0 {
                a.with_kim.add_kind(kind, 1);
            }
            a.n_kim = n_kim;
            a.n_members = n_members;
            // A village is a leaf: it rolls into its kecamatan at once instead of going through the stack (nine
            // units in ten are villages).
            if options.level != Level::Desa
                && let Some((_, parent)) = stack.last_mut()
            {
                parent.add(&a);
                continue;
            }
        }
        stack.push((i, a));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut rows, &mut total);
    }
    let total_row = make_row(options.within.and_then(|w| reference.get(w)), &total);
    #[cfg_attr(not(feature = "embedded"), expect(unused_mut))]
    let mut table = CoverageTable {
        schema_version: 1,
        rows,
        total: total_row,
        unmatched: t.unmatched,
        excluded_invalid: t.excluded_invalid,
        code_list_version: version,
        as_of: options.as_of,
        level: options.level,
        within: options.within,
        denominators: None,
    };
    #[cfg(feature = "embedded")]
    if options.denominators {
        denominators::attach(&mut table, reference);
    }
    Ok(table)
}
