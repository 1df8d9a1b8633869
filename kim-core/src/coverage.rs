//! Coverage of villages and kecamatan by active KIMs, at every level, on any date (DOMAIN.md §7).
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
//! use kim_core::{coverage::{coverage, CoverageOptions}, registry::Registry, wilayah::{Kode, Level, Reference}};
//! let registry = Registry::from_json(include_str!("../../examples/data/kim_sample.json"))?;
//! let opts = CoverageOptions::new("2025-06-30".parse().unwrap()).level(Level::Kecamatan).within(Kode::parse("64.02")?);
//! let table = coverage(&registry, Reference::embedded(), &opts)?;
//! assert_eq!(table.rows.len(), 20);                       // every kecamatan of Kutai Kartanegara
//! assert_eq!(table.total.villages.total, 237);
//! assert!(table.total.villages_with_kim.total <= table.total.n_kim);
//! # Ok::<(), kim_core::Error>(())
//! ```

use std::io::Write;

use chrono::{Datelike, Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::registry::{Registry, Status};
use crate::rules::{ProfileSet, validate};
use crate::wilayah::{Kode, Level, Reference, VillageKind};

/// What to compute.
#[derive(Debug, Clone)]
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
}

impl CoverageOptions {
    /// Defaults: kecamatan rows, whole country, statuses registered and active, no validation filter.
    pub fn new(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            level: Level::Kecamatan,
            within: None,
            active: vec![Status::Registered, Status::Active],
            only_valid: None,
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

    fn check(&self, reference: &Reference) -> Result<()> {
        if self.active.is_empty() {
            return Err(Error::InvalidArgument {
                name: "active",
                message: "give at least one status that counts as active".into(),
            });
        }
        if let Some(w) = self.within {
            if !reference.contains(w) {
                return Err(Error::InvalidArgument {
                    name: "within",
                    message: format!("{w} is not in the code list {}", reference.version()),
                });
            }
            if self.level <= w.level() {
                return Err(Error::InvalidArgument {
                    name: "level",
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
}

/// Why a KIM could not be placed in the universe.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnmatchedReason {
    /// The seat is a well-formed village code that is not in the code list.
    NotInCodeList,
    /// The seat is not a village code (e.g. a kecamatan).
    NotAVillage,
}

/// An active KIM that is not counted because its seat is not a village of the reference.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
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
    let cols = registry.columns();
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
            .ok
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
    Ok(CoverageTable {
        schema_version: 1,
        rows,
        total: total_row,
        unmatched: t.unmatched,
        excluded_invalid: t.excluded_invalid,
        code_list_version: version,
        as_of: options.as_of,
        level: options.level,
        within: options.within,
    })
}

/// A coverage row flattened to scalar columns, in the order of [`FLAT_COLUMNS`]: the shape of the CSV output and of
/// the tabular exports of the bindings (pandas, polars, Arrow).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FlatRow {
    /// Unit code (`None` for the country).
    pub code: Option<Kode>,
    /// Unit name.
    pub name: String,
    /// Unit level.
    pub level: Option<Level>,
    /// Parent code.
    pub parent: Option<Kode>,
    /// Villages.
    pub villages: u32,
    /// Desa.
    pub desa: u32,
    /// Kelurahan.
    pub kelurahan: u32,
    /// Desa adat.
    pub desa_adat: u32,
    /// Villages with an active KIM.
    pub villages_with_kim: u32,
    /// Desa with an active KIM.
    pub desa_with_kim: u32,
    /// Kelurahan with an active KIM.
    pub kelurahan_with_kim: u32,
    /// Desa adat with an active KIM.
    pub desa_adat_with_kim: u32,
    /// Village coverage ratio.
    pub village_ratio: Option<f64>,
    /// Desa coverage ratio.
    pub desa_ratio: Option<f64>,
    /// Kelurahan coverage ratio.
    pub kelurahan_ratio: Option<f64>,
    /// Kecamatan in the unit.
    pub kecamatan: u32,
    /// Kecamatan with an active KIM.
    pub kecamatan_with_kim: u32,
    /// Kecamatan coverage ratio (SPM).
    pub kecamatan_ratio: Option<f64>,
    /// Active KIMs.
    pub n_kim: u32,
    /// Their serving members.
    pub n_members: u32,
    /// Code-list version.
    pub code_list_version: String,
    /// The date.
    pub as_of: NaiveDate,
}

/// The column names of [`FlatRow`], in order.
pub const FLAT_COLUMNS: [&str; 22] = [
    "code",
    "name",
    "level",
    "parent",
    "villages",
    "desa",
    "kelurahan",
    "desa_adat",
    "villages_with_kim",
    "desa_with_kim",
    "kelurahan_with_kim",
    "desa_adat_with_kim",
    "village_ratio",
    "desa_ratio",
    "kelurahan_ratio",
    "kecamatan",
    "kecamatan_with_kim",
    "kecamatan_ratio",
    "n_kim",
    "n_members",
    "code_list_version",
    "as_of",
];

impl CoverageRow {
    /// This row as scalar columns.
    pub fn flat(&self) -> FlatRow {
        FlatRow {
            code: self.code,
            name: self.name.clone(),
            level: self.level,
            parent: self.parent,
            villages: self.villages.total,
            desa: self.villages.desa,
            kelurahan: self.villages.kelurahan,
            desa_adat: self.villages.desa_adat,
            villages_with_kim: self.villages_with_kim.total,
            desa_with_kim: self.villages_with_kim.desa,
            kelurahan_with_kim: self.villages_with_kim.kelurahan,
            desa_adat_with_kim: self.villages_with_kim.desa_adat,
            village_ratio: self.village_ratio,
            desa_ratio: self.desa_ratio,
            kelurahan_ratio: self.kelurahan_ratio,
            kecamatan: self.kecamatan,
            kecamatan_with_kim: self.kecamatan_with_kim,
            kecamatan_ratio: self.kecamatan_ratio,
            n_kim: self.n_kim,
            n_members: self.n_members,
            code_list_version: self.code_list_version.clone(),
            as_of: self.as_of,
        }
    }
}

impl FlatRow {
    /// The values as CSV text, in [`FLAT_COLUMNS`] order: ratios with 6 decimals, empty when undefined.
    pub fn csv_fields(&self) -> [String; 22] {
        let ratio = |r: Option<f64>| r.map_or_else(String::new, |r| format!("{r:.6}"));
        let code = |c: Option<Kode>| c.map(|c| c.to_string()).unwrap_or_default();
        [
            code(self.code),
            self.name.clone(),
            self.level.map_or("", Level::as_str).to_owned(),
            code(self.parent),
            self.villages.to_string(),
            self.desa.to_string(),
            self.kelurahan.to_string(),
            self.desa_adat.to_string(),
            self.villages_with_kim.to_string(),
            self.desa_with_kim.to_string(),
            self.kelurahan_with_kim.to_string(),
            self.desa_adat_with_kim.to_string(),
            ratio(self.village_ratio),
            ratio(self.desa_ratio),
            ratio(self.kelurahan_ratio),
            self.kecamatan.to_string(),
            self.kecamatan_with_kim.to_string(),
            ratio(self.kecamatan_ratio),
            self.n_kim.to_string(),
            self.n_members.to_string(),
            self.code_list_version.clone(),
            self.as_of.to_string(),
        ]
    }
}

impl CoverageTable {
    /// Writes the rows (`row` = `unit`), then the total (`row` = `total`; empty `code` for the whole country), as CSV
    /// with a header: `row` then [`FLAT_COLUMNS`]. Ratios have 6 decimals and are empty when undefined.
    pub fn write_csv<W: Write>(&self, out: W) -> Result<()> {
        let mut w = csv::Writer::from_writer(out);
        let io = |e: csv::Error| Error::Csv {
            line: 0,
            message: e.to_string(),
        };
        w.write_record(std::iter::once("row").chain(FLAT_COLUMNS))
            .map_err(io)?;
        let rows = self
            .rows
            .iter()
            .map(|r| ("unit", r))
            .chain(std::iter::once(("total", &self.total)));
        for (kind, r) in rows {
            w.write_record(std::iter::once(kind.to_owned()).chain(r.flat().csv_fields()))
                .map_err(io)?;
        }
        w.flush().map_err(|e| Error::Csv {
            line: 0,
            message: e.to_string(),
        })
    }
}

/// Units without an active KIM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gaps {
    /// Villages with no active KIM: code, name, kind.
    pub villages: Vec<GapUnit>,
    /// Kecamatan with no village that has an active KIM.
    pub kecamatan: Vec<GapUnit>,
    /// The date.
    pub as_of: NaiveDate,
    /// Version of the code list.
    pub code_list_version: String,
}

/// One unit in a gap list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapUnit {
    /// Its code.
    pub code: Kode,
    /// Its name.
    pub name: String,
    /// Its parent (the kecamatan of a village, the kab/kota of a kecamatan).
    pub parent: Option<Kode>,
}

/// Villages and kecamatan under `options.within` without an active KIM on `options.as_of` (`level` is ignored).
///
/// ```
/// use kim_core::{coverage::{gaps, CoverageOptions}, registry::Registry, wilayah::{Kode, Reference}};
/// let registry = Registry::new();
/// let g = gaps(&registry, Reference::embedded(), &CoverageOptions::new("2025-01-01".parse().unwrap()).within(Kode::parse("64.02")?))?;
/// assert_eq!((g.villages.len(), g.kecamatan.len()), (237, 20));
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn gaps(registry: &Registry, reference: &Reference, options: &CoverageOptions) -> Result<Gaps> {
    let opts = CoverageOptions {
        level: Level::Desa,
        ..options.clone()
    };
    if let Some(w) = opts.within
        && w.level() == Level::Desa
    {
        return Err(Error::InvalidArgument {
            name: "within",
            message: "gaps need a unit above village level".into(),
        });
    }
    opts.check(reference)?;
    let t = tally(registry, reference, &opts)?;
    let range = reference.subtree_range(opts.within);
    let mut villages = Vec::new();
    let mut kecamatan = Vec::new();
    let mut current_kec: Option<(usize, bool)> = None;
    let flush = |current: Option<(usize, bool)>, kecamatan: &mut Vec<GapUnit>| {
        if let Some((i, false)) = current {
            let u = reference.unit_at(i);
            kecamatan.push(GapUnit {
                code: u.kode,
                name: u.name.to_owned(),
                parent: u.kode.parent(),
            });
        }
    };
    for i in range.clone() {
        let u = reference.unit_at(i);
        match u.kode.level() {
            Level::Kecamatan => {
                flush(current_kec, &mut kecamatan);
                current_kec = Some((i, false));
            }
            Level::Desa => {
                if t.per_unit[i - range.start].0 > 0 {
                    if let Some((_, covered)) = current_kec.as_mut() {
                        *covered = true;
                    }
                } else {
                    villages.push(GapUnit {
                        code: u.kode,
                        name: u.name.to_owned(),
                        parent: u.kode.parent(),
                    });
                }
            }
            _ => {}
        }
    }
    flush(current_kec, &mut kecamatan);
    Ok(Gaps {
        villages,
        kecamatan,
        as_of: opts.as_of,
        code_list_version: reference.version().to_owned(),
    })
}

/// One point of a coverage time series, for the `within` unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
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
    fn resolve(&self) -> Result<Vec<NaiveDate>> {
        let mut dates = match self {
            Self::Dates(d) => d.clone(),
            Self::MonthEnds { from, to } => {
                if to < from {
                    return Err(Error::InvalidArgument {
                        name: "dates",
                        message: format!("{to} is before {from}"),
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
pub fn coverage_series(
    registry: &Registry,
    reference: &Reference,
    options: &CoverageOptions,
    dates: &SeriesDates,
) -> Result<Vec<SeriesPoint>> {
    if options.only_valid.is_some() {
        return Err(Error::InvalidArgument {
            name: "only_valid",
            message: "not supported for series; compute coverage per date instead".into(),
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
    let cols = registry.columns();
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

/// A coverage target: reach `ratio` of villages by `date`.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Target {
    /// Target village coverage ratio in [0, 1].
    pub ratio: f64,
    /// Target date.
    pub date: NaiveDate,
    /// Trailing window for the pace, in months (default 12).
    pub window_months: u32,
}

/// Progress towards a [`Target`] on `as_of`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TargetProgress {
    /// The target.
    pub target: Target,
    /// The date of the assessment.
    pub as_of: NaiveDate,
    /// Villages with an active KIM on `as_of`.
    pub villages_with_kim: u32,
    /// Villages in the unit.
    pub villages: u32,
    /// Current ratio.
    pub ratio: Option<f64>,
    /// Villages still needed to reach the target (0 if reached).
    pub villages_needed: u32,
    /// Net villages gained per month over the trailing window.
    pub pace_per_month: f64,
    /// The date the target would be reached at that pace (`as_of` if already reached; `None` if the pace is ≤ 0).
    pub projected_date: Option<NaiveDate>,
    /// True if the projected date is on or before the target date.
    pub on_time: bool,
}

/// Pace and projected date towards a coverage target for the `within` unit on `options.as_of`.
// The float-to-integer casts below act on values checked to be finite, non-negative and below 12,000.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub fn target_progress(
    registry: &Registry,
    reference: &Reference,
    options: &CoverageOptions,
    target: Target,
) -> Result<TargetProgress> {
    if !(0.0..=1.0).contains(&target.ratio) {
        return Err(Error::InvalidArgument {
            name: "target.ratio",
            message: format!("{} is not in [0, 1]", target.ratio),
        });
    }
    if target.window_months == 0 {
        return Err(Error::InvalidArgument {
            name: "target.window_months",
            message: "must be at least 1".into(),
        });
    }
    let start = options
        .as_of
        .checked_sub_months(Months::new(target.window_months))
        .ok_or(Error::InvalidArgument {
            name: "target.window_months",
            message: "window reaches before year 1".into(),
        })?;
    let series = coverage_series(
        registry,
        reference,
        options,
        &SeriesDates::Dates(vec![start, options.as_of]),
    )?;
    let (then, now) = match series.as_slice() {
        [a, b] => (a, b),
        [only] => (only, only),
        _ => unreachable!("two dates in, at most two points out"),
    };
    let villages = now.villages.total;
    let covered = now.villages_with_kim.total;
    // Villages needed: ceil(ratio * villages) - covered, in integers to avoid rounding surprises.
    let goal = (target.ratio * f64::from(villages)).ceil();
    let goal = if goal.is_finite() && goal >= 0.0 {
        goal as u64
    } else {
        0
    };
    let needed = u32::try_from(goal.saturating_sub(u64::from(covered))).unwrap_or(u32::MAX);
    let pace = (f64::from(covered) - f64::from(then.villages_with_kim.total))
        / f64::from(target.window_months);
    let projected = if needed == 0 {
        Some(options.as_of)
    } else if pace > 0.0 {
        let months = (f64::from(needed) / pace).ceil();
        if months < 12_000.0 {
            options.as_of.checked_add_months(Months::new(months as u32))
        } else {
            None
        }
    } else {
        None
    };
    Ok(TargetProgress {
        target,
        as_of: options.as_of,
        villages_with_kim: covered,
        villages,
        ratio: ratio(covered, villages),
        villages_needed: needed,
        pace_per_month: pace,
        projected_date: projected,
        on_time: projected.is_some_and(|p| p <= target.date),
    })
}
