//! Population and area per unit, for analysts' denominators (docs/domain.md §6).
//!
//! - **What.** The provinces and kab/kota of Kepmendagri 300.2.2-2138/2025: population in persons (Dukcapil,
//!   Data Kependudukan Semester II 2024) and area in km² (Badan Informasi Geospasial, letter of 16 December 2024),
//!   from cahyadsn/wilayah (MIT; `data/denominators/PROVENANCE.md`).
//! - **Never estimated.** Kecamatan and villages have no figure, and neither does a unit missing upstream: the
//!   answer is `None`. Nothing is summed up or down the tree, except the national area, which upstream does not
//!   give and which is the sum of the 38 provinces ([`Denominators::national_area_km2`]).
//! - **Only for the list they were published for.** The figures are keyed by the codes of the embedded list. For
//!   any other list (an older version, or a user's own list) every lookup is `None`: a 2024 figure of today's
//!   Papua is not the figure of the Papua of 2021.

use std::sync::OnceLock;

use serde::Serialize;

use super::{Kode, Reference};

const UNITS_TSV: &str = include_str!("../../data/denominators/units.tsv");

/// A figure and where it comes from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Figure<T> {
    /// The value: persons for population, km² for area.
    pub value: T,
    /// The source named upstream.
    pub source: &'static str,
    /// The year of the figure.
    pub year: u16,
}

/// The embedded population and area table: see the module documentation.
///
/// ```
/// use kim_core::wilayah::{Denominators, Kode, Reference};
/// let den = Denominators::embedded();
/// assert!(den.applies_to(Reference::embedded()));
/// let p = den.population(Kode::parse("64.02")?).unwrap(); // Kutai Kartanegara
/// assert_eq!((p.value, p.year), (806_964, 2024));
/// assert!(den.population(Kode::parse("64.02.01")?).is_none()); // never estimated below kab/kota
/// let area = den.national_area_km2().unwrap(); // the sum of the 38 provinces
/// assert!(1_800_000.0 < area && area < 2_000_000.0);
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub struct Denominators {
    /// The code list version the figures are keyed to.
    pub code_list_version: &'static str,
    /// The population source named upstream.
    pub population_source: &'static str,
    /// The population year.
    pub population_year: u16,
    /// The area source named upstream.
    pub area_source: &'static str,
    /// The area year.
    pub area_year: u16,
    /// The national population (upstream row `0`, equal to the sum of the provinces: the script checks it).
    pub national_population: u64,
    /// (code, population, area in km²), in code order.
    units: Vec<(Kode, Option<u64>, Option<f64>)>,
}

impl Denominators {
    /// The embedded table, parsed once (about 550 lines).
    ///
    /// # Panics
    ///
    /// Never in practice: the file is generated and checked by `scripts/gen_wilayah_denominators.py` and the tests.
    pub fn embedded() -> &'static Denominators {
        static TABLE: OnceLock<Denominators> = OnceLock::new();
        TABLE.get_or_init(Self::build)
    }

    /// The embedded table parsed afresh, without the cache: for benchmarks; use [`Denominators::embedded`].
    ///
    /// # Panics
    ///
    /// As [`Denominators::embedded`].
    #[must_use]
    pub fn build() -> Denominators {
        parse(UNITS_TSV).expect("the embedded denominators are valid")
    }

    fn find(&self, code: Kode) -> Option<&(Kode, Option<u64>, Option<f64>)> {
        self.units
            .binary_search_by_key(&code, |u| u.0)
            .ok()
            .map(|i| &self.units[i])
    }

    /// The population of a unit of the embedded list, in persons.
    #[must_use]
    pub fn population(&self, code: Kode) -> Option<Figure<u64>> {
        self.find(code)?.1.map(|value| Figure {
            value,
            source: self.population_source,
            year: self.population_year,
        })
    }

    /// The area of a unit of the embedded list, in km².
    #[must_use]
    pub fn area_km2(&self, code: Kode) -> Option<Figure<f64>> {
        self.find(code)?.2.map(|value| Figure {
            value,
            source: self.area_source,
            year: self.area_year,
        })
    }

    /// The national area: the sum of the provinces' areas, `None` if one lacks it (upstream has no national row).
    #[must_use]
    pub fn national_area_km2(&self) -> Option<f64> {
        self.units
            .iter()
            .filter(|u| u.0.parent().is_none())
            .map(|u| u.2)
            .sum()
    }

    /// True when the figures apply to `reference`: it is the list they were published for.
    pub fn applies_to(&self, reference: &Reference) -> bool {
        reference.version() == self.code_list_version
    }
}

fn parse(text: &'static str) -> Result<Denominators, String> {
    let meta = |key: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix('#')?.strip_prefix(key)?.strip_prefix('\t'))
            .ok_or_else(|| format!("missing #{key}"))
    };
    let year = |s: &str| s.parse::<u16>().map_err(|e| format!("year {s:?}: {e}"));
    let mut d = Denominators {
        code_list_version: meta("code_list")?,
        population_source: meta("population_source")?,
        population_year: year(meta("population_year")?)?,
        area_source: meta("area_source")?,
        area_year: year(meta("area_year")?)?,
        national_population: 0,
        units: Vec::with_capacity(560),
    };
    let lines = text.lines().filter(|l| !l.starts_with('#')).skip(1);
    for (i, line) in lines.enumerate() {
        let f: Vec<&str> = line.split('\t').collect();
        let bad = |what: &str| format!("data line {}: {what}: {line:?}", i + 1);
        if f.len() != 5 {
            return Err(bad("expected 5 fields"));
        }
        let population = Some(f[1])
            .filter(|s| !s.is_empty())
            .map(str::parse::<u64>)
            .transpose()
            .map_err(|_| bad("population"))?;
        if f[0] == "0" {
            d.national_population = population.ok_or_else(|| bad("national population"))?;
            continue;
        }
        let area = Some(f[4])
            .filter(|s| !s.is_empty())
            .map(str::parse::<f64>)
            .transpose()
            .map_err(|_| bad("area"))?;
        let code = Kode::parse(f[0]).map_err(|e| bad(&e.to_string()))?;
        d.units.push((code, population, area));
    }
    if !d.units.is_sorted_by_key(|u| u.0) {
        return Err("units are not in code order".into());
    }
    Ok(d)
}

impl Reference {
    /// The population of a unit, in persons, with its source and year: provinces and kab/kota of the embedded list
    /// only (`None` for a kecamatan, a village, a code not in this list, or any list but the embedded one).
    ///
    /// ```
    /// use kim_core::wilayah::{Kode, Reference};
    /// let r = Reference::embedded();
    /// let p = r.population(Kode::parse("64.02")?).unwrap();          // Kutai Kartanegara
    /// assert_eq!((p.value, p.year), (806_964, 2024));
    /// assert!(r.population(Kode::parse("64.02.01")?).is_none());     // no kecamatan figures
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn population(&self, code: Kode) -> Option<Figure<u64>> {
        let d = Denominators::embedded();
        (d.applies_to(self) && self.get(code).is_some())
            .then(|| d.population(code))
            .flatten()
    }

    /// The area of a unit in km², with its source and year: as [`Reference::population`].
    ///
    /// ```
    /// use kim_core::wilayah::{Kode, Reference};
    /// let a = Reference::embedded().area_km2(Kode::parse("64.02")?).unwrap();
    /// assert!((a.value - 26_912.065).abs() < 1e-9);
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn area_km2(&self, code: Kode) -> Option<Figure<f64>> {
        let d = Denominators::embedded();
        (d.applies_to(self) && self.get(code).is_some())
            .then(|| d.area_km2(code))
            .flatten()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wilayah::EMBEDDED_VERSION;

    fn parse_owned(text: String) -> Result<Denominators, String> {
        parse(Box::leak(text.into_boxed_str()))
    }

    #[test]
    fn the_table_covers_every_province_and_kab_kota() {
        let d = Denominators::embedded();
        assert_eq!(d.code_list_version, EMBEDDED_VERSION);
        let r = Reference::embedded();
        let upper: Vec<Kode> = r
            .iter()
            .map(|u| u.kode)
            .filter(|k| k.level() <= super::super::Level::KabKota)
            .collect();
        assert_eq!(upper.len(), 552);
        assert!(upper.iter().all(|k| d.population(*k).is_some()));
        assert!(upper.iter().all(|k| d.area_km2(*k).is_some()));
    }

    #[test]
    fn bad_lines_are_refused_with_their_number() {
        let head = "#code_list\tx\n#population_source\tp\n#population_year\t2024\n#area_source\ta\n\
                    #area_year\t2024\ncode\tpopulation\tmale\tfemale\tarea_km2\n";
        let e = parse_owned(format!("{head}0\t10\t5\t5\t\n11\tmany\t\t\t1.0\n")).unwrap_err();
        assert!(e.contains("data line 2: population"), "{e}");
        let e =
            parse_owned(format!("{head}0\t10\t5\t5\t\n12\t1\t\t\t\n11\t1\t\t\t\n")).unwrap_err();
        assert!(e.contains("code order"), "{e}");
        assert!(parse("code\n").unwrap_err().contains("#code_list"));
    }
}
