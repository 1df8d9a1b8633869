//! Optional denominator columns of a coverage table ([`CoverageOptions::denominators`]): population, area and
//! KIMs per 100,000 residents and per 1,000 km² (docs/domain.md §6).
//!
//! - A row gets the figure of its own unit ([`Reference::population`], [`Reference::area_km2`]): provinces and
//!   kab/kota of the embedded list. Kecamatan and village rows, and every row of another list (an older version,
//!   a user's list), get `null`: nothing is estimated or spread down the tree.
//! - The total of the whole country uses the national population (upstream) and the sum of the 38 provinces'
//!   areas (upstream has no national area).
//! - [`DenominatorSummary`] names the sources and years and counts the rows without a figure.

use serde::{Deserialize, Serialize};

#[cfg(feature = "embedded")]
use super::{CoverageRow, CoverageTable};
#[cfg(feature = "embedded")]
use crate::wilayah::{Denominators, Reference};

/// The denominator columns of one row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RowDenominators {
    /// Residents (persons); `None` when there is no figure for this unit.
    pub population: Option<u64>,
    /// Area in km²; `None` when there is no figure.
    pub area_km2: Option<f64>,
    /// `n_kim` per 100,000 residents.
    pub kim_per_100k_residents: Option<f64>,
    /// `n_kim` per 1,000 km².
    pub kim_per_1000_km2: Option<f64>,
}

/// Where the denominators come from, and how many rows lack them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DenominatorSummary {
    /// The code list the figures are keyed to; rows of another list have none.
    pub figures_code_list_version: String,
    /// True when the table's list is that list.
    pub applies: bool,
    /// Population source named upstream.
    pub population_source: String,
    /// Population year.
    pub population_year: u16,
    /// Area source named upstream.
    pub area_source: String,
    /// Area year.
    pub area_year: u16,
    /// Rows (not counting the total) without a population figure.
    pub rows_without_population: u32,
    /// Rows (not counting the total) without an area figure.
    pub rows_without_area: u32,
}

#[cfg(feature = "embedded")]
fn row_denominators(
    row: &CoverageRow,
    population: Option<u64>,
    area: Option<f64>,
) -> RowDenominators {
    let n = f64::from(row.n_kim);
    #[allow(clippy::cast_precision_loss)] // populations are far below 2^52
    let per_100k = population
        .filter(|p| *p > 0)
        .map(|p| n * 100_000.0 / p as f64);
    RowDenominators {
        population,
        area_km2: area,
        kim_per_100k_residents: per_100k,
        kim_per_1000_km2: area.filter(|a| *a > 0.0).map(|a| n * 1000.0 / a),
    }
}

/// Adds the denominator columns to every row and the total, and the summary to the table.
#[cfg(feature = "embedded")]
pub(super) fn attach(table: &mut CoverageTable, reference: &Reference) {
    let d = Denominators::embedded();
    let applies = d.applies_to(reference);
    let figures = |row: &CoverageRow| match row.code {
        Some(code) => (
            reference.population(code).map(|f| f.value),
            reference.area_km2(code).map(|f| f.value),
        ),
        None if applies => (Some(d.national_population), d.national_area_km2()),
        None => (None, None),
    };
    let (mut without_population, mut without_area) = (0, 0);
    for row in &mut table.rows {
        let (p, a) = figures(row);
        without_population += u32::from(p.is_none());
        without_area += u32::from(a.is_none());
        row.denominators = Some(row_denominators(row, p, a));
    }
    let (p, a) = figures(&table.total);
    table.total.denominators = Some(row_denominators(&table.total, p, a));
    table.denominators = Some(DenominatorSummary {
        figures_code_list_version: d.code_list_version.to_owned(),
        applies,
        population_source: d.population_source.to_owned(),
        population_year: d.population_year,
        area_source: d.area_source.to_owned(),
        area_year: d.area_year,
        rows_without_population: without_population,
        rows_without_area: without_area,
    });
}
