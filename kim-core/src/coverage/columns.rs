//! The one column schema of a coverage row: the CSV output, the serde shape of a flat row and the bindings' tabular
//! exports (pandas, polars, Arrow) all read rows through [`COLUMNS`].

use chrono::NaiveDate;
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::{CoverageRow, CoverageTable, RowDenominators};
use crate::wilayah::{Kode, Level};

/// How one column is read from a [`CoverageRow`]; the variant is the column's type.
#[derive(Clone, Copy)]
pub enum Read {
    /// A unit code, `None` for the country (text `PP.KK.CC.XNNN` in tables).
    Code(fn(&CoverageRow) -> Option<Kode>),
    /// Text, possibly missing.
    Text(fn(&CoverageRow) -> Option<&str>),
    /// A count.
    Count(fn(&CoverageRow) -> u32),
    /// A ratio, `None` where undefined (no unit of that kind).
    Ratio(fn(&CoverageRow) -> Option<f64>),
    /// A date.
    Date(fn(&CoverageRow) -> NaiveDate),
}

/// One column of a flat coverage row.
#[derive(Clone, Copy)]
#[non_exhaustive]
pub struct Column {
    /// Its name in CSV headers, dicts and data frames.
    pub name: &'static str,
    /// How to read it, and so its type.
    pub read: Read,
    /// True for the columns that hold one value for the whole table (`code_list_version`, `as_of`): a binding may
    /// repeat one object instead of making one per row.
    pub same_in_every_row: bool,
}

impl std::fmt::Debug for Column {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Column")
            .field("name", &self.name)
            .field("same_in_every_row", &self.same_in_every_row)
            .finish_non_exhaustive()
    }
}

const fn col(name: &'static str, read: Read) -> Column {
    Column {
        name,
        read,
        same_in_every_row: false,
    }
}

/// The columns of a flat coverage row, in order.
pub const COLUMNS: [Column; 22] = [
    col("code", Read::Code(|r| r.code)),
    col("name", Read::Text(|r| Some(r.name.as_str()))),
    col("level", Read::Text(|r| r.level.map(Level::as_str))),
    col("parent", Read::Code(|r| r.parent)),
    col("villages", Read::Count(|r| r.villages.total)),
    col("desa", Read::Count(|r| r.villages.desa)),
    col("kelurahan", Read::Count(|r| r.villages.kelurahan)),
    col("desa_adat", Read::Count(|r| r.villages.desa_adat)),
    col(
        "villages_with_kim",
        Read::Count(|r| r.villages_with_kim.total),
    ),
    col("desa_with_kim", Read::Count(|r| r.villages_with_kim.desa)),
    col(
        "kelurahan_with_kim",
        Read::Count(|r| r.villages_with_kim.kelurahan),
    ),
    col(
        "desa_adat_with_kim",
        Read::Count(|r| r.villages_with_kim.desa_adat),
    ),
    col("village_ratio", Read::Ratio(|r| r.village_ratio)),
    col("desa_ratio", Read::Ratio(|r| r.desa_ratio)),
    col("kelurahan_ratio", Read::Ratio(|r| r.kelurahan_ratio)),
    col("kecamatan", Read::Count(|r| r.kecamatan)),
    col("kecamatan_with_kim", Read::Count(|r| r.kecamatan_with_kim)),
    col("kecamatan_ratio", Read::Ratio(|r| r.kecamatan_ratio)),
    col("n_kim", Read::Count(|r| r.n_kim)),
    col("n_members", Read::Count(|r| r.n_members)),
    Column {
        name: "code_list_version",
        read: Read::Text(|r| Some(r.code_list_version.as_str())),
        same_in_every_row: true,
    },
    Column {
        name: "as_of",
        read: Read::Date(|r| r.as_of),
        same_in_every_row: true,
    },
];

/// The names of [`COLUMNS`], in order.
pub const FLAT_COLUMNS: [&str; COLUMNS.len()] = {
    let mut names = [""; COLUMNS.len()];
    let mut i = 0;
    while i < COLUMNS.len() {
        names[i] = COLUMNS[i].name;
        i += 1;
    }
    names
};

impl Column {
    /// The value of this column in `row` as CSV text: codes dotted, ratios with 6 decimals, empty when missing.
    pub fn csv_text(&self, row: &CoverageRow) -> String {
        match self.read {
            Read::Code(f) => f(row).map(|c| c.to_string()).unwrap_or_default(),
            Read::Text(f) => f(row).unwrap_or_default().to_owned(),
            Read::Count(f) => f(row).to_string(),
            Read::Ratio(f) => f(row).map_or_else(String::new, |r| format!("{r:.6}")),
            Read::Date(f) => f(row).to_string(),
        }
    }
}

/// The optional denominator columns ([`CoverageOptions::denominators`](super::CoverageOptions::denominators)),
/// after [`COLUMNS`] in flat rows and CSV when the table has them: population (persons), area (km²), KIMs per
/// 100,000 residents and per 1,000 km², empty where there is no figure.
pub const DENOMINATOR_COLUMNS: [&str; 4] = [
    "population",
    "area_km2",
    "kim_per_100k_residents",
    "kim_per_1000_km2",
];

impl RowDenominators {
    /// The values as CSV text, in [`DENOMINATOR_COLUMNS`] order: empty when missing, ratios with 6 decimals.
    #[must_use]
    pub fn csv_fields(&self) -> [String; 4] {
        let f = |v: Option<f64>, decimals: usize| {
            v.map_or_else(String::new, |v| format!("{v:.decimals$}"))
        };
        [
            self.population.map(|p| p.to_string()).unwrap_or_default(),
            f(self.area_km2, 3),
            f(self.kim_per_100k_residents, 6),
            f(self.kim_per_1000_km2, 6),
        ]
    }
}

/// A coverage row seen through [`COLUMNS`]: scalar columns in that order. It serialises as a map of the columns (the
/// shape of the bindings' row dicts) and gives the CSV fields.
#[derive(Debug, Clone, Copy)]
pub struct FlatRow<'a>(&'a CoverageRow);

impl CoverageRow {
    /// This row as scalar columns.
    #[must_use]
    pub fn flat(&self) -> FlatRow<'_> {
        FlatRow(self)
    }
}

impl FlatRow<'_> {
    /// The values as CSV text, in [`FLAT_COLUMNS`] order: ratios with 6 decimals, empty when undefined.
    #[must_use]
    pub fn csv_fields(&self) -> [String; COLUMNS.len()] {
        COLUMNS.map(|c| c.csv_text(self.0))
    }
}

impl Serialize for FlatRow<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let extra = self.0.denominators.map_or(0, |_| DENOMINATOR_COLUMNS.len());
        let mut m = s.serialize_map(Some(COLUMNS.len() + extra))?;
        for c in &COLUMNS {
            match c.read {
                Read::Code(f) => m.serialize_entry(c.name, &f(self.0))?,
                Read::Text(f) => m.serialize_entry(c.name, &f(self.0))?,
                Read::Count(f) => m.serialize_entry(c.name, &f(self.0))?,
                Read::Ratio(f) => m.serialize_entry(c.name, &f(self.0))?,
                Read::Date(f) => m.serialize_entry(c.name, &f(self.0))?,
            }
        }
        if let Some(d) = &self.0.denominators {
            m.serialize_entry(DENOMINATOR_COLUMNS[0], &d.population)?;
            m.serialize_entry(DENOMINATOR_COLUMNS[1], &d.area_km2)?;
            m.serialize_entry(DENOMINATOR_COLUMNS[2], &d.kim_per_100k_residents)?;
            m.serialize_entry(DENOMINATOR_COLUMNS[3], &d.kim_per_1000_km2)?;
        }
        m.end()
    }
}

impl CoverageTable {
    /// Writes the rows (`row` = `unit`), then the total (`row` = `total`; empty `code` for the whole country), as CSV
    /// with a header: `row` then [`FLAT_COLUMNS`], then [`DENOMINATOR_COLUMNS`] when the table has them. Ratios have
    /// 6 decimals and are empty when undefined.
    #[cfg(feature = "csv")]
    pub fn write_csv<W: std::io::Write>(&self, out: W) -> crate::Result<()> {
        use crate::Error;
        let mut w = csv::Writer::from_writer(out);
        let io = |e: csv::Error| Error::Csv {
            line: 0,
            message: e.to_string(),
        };
        let extra: &[&str] = if self.denominators.is_some() {
            &DENOMINATOR_COLUMNS
        } else {
            &[]
        };
        w.write_record(
            std::iter::once("row")
                .chain(FLAT_COLUMNS)
                .chain(extra.iter().copied()),
        )
        .map_err(io)?;
        let rows = self
            .rows
            .iter()
            .map(|r| ("unit", r))
            .chain(std::iter::once(("total", &self.total)));
        for (kind, r) in rows {
            let denominators = r.denominators.map(|d| d.csv_fields()).into_iter().flatten();
            w.write_record(
                std::iter::once(kind.to_owned())
                    .chain(r.flat().csv_fields())
                    .chain(denominators),
            )
            .map_err(io)?;
        }
        w.flush().map_err(|e| Error::Csv {
            line: 0,
            message: e.to_string(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::coverage::{CoverageOptions, coverage};
    use crate::registry::Registry;
    use crate::wilayah::Reference;

    /// The serde shape, the CSV fields and the names all come from [`COLUMNS`]: same keys, same order, same values.
    #[test]
    fn every_export_follows_the_schema() {
        let registry =
            Registry::from_json(include_str!("../../data/sample/kim_sample.json")).unwrap();
        let opts = CoverageOptions::new("2025-06-30".parse().unwrap())
            .level(Level::Kecamatan)
            .within(Kode::parse("64.02").unwrap());
        let table = coverage(&registry, Reference::embedded(), &opts).unwrap();
        for row in table.rows.iter().chain([&table.total]) {
            // The written order (serde_json's `preserve_order` is not on in kim-core, so read the text).
            let text = serde_json::to_string(&row.flat()).unwrap();
            let at: Vec<usize> = FLAT_COLUMNS
                .iter()
                .map(|c| text.find(&format!("\"{c}\":")).unwrap())
                .collect();
            assert!(at.is_sorted(), "{text}");
            let v = serde_json::to_value(row.flat()).unwrap();
            let map = v.as_object().unwrap();
            assert_eq!(map.len(), FLAT_COLUMNS.len());
            let values = FLAT_COLUMNS.iter().map(|c| &map[*c]);
            for (value, csv) in values.zip(row.flat().csv_fields()) {
                match value {
                    serde_json::Value::Null => assert_eq!(csv, ""),
                    serde_json::Value::String(s) => assert_eq!(&csv, s),
                    serde_json::Value::Number(n) if n.is_u64() => assert_eq!(csv, n.to_string()),
                    serde_json::Value::Number(n) => {
                        assert_eq!(csv, format!("{:.6}", n.as_f64().unwrap()));
                    }
                    other => panic!("unexpected {other}"),
                }
            }
            assert_eq!(map["villages"], row.villages.total);
            assert_eq!(map["kecamatan_ratio"].as_f64(), row.kecamatan_ratio);
        }
        let mut csv = Vec::new();
        table.write_csv(&mut csv).unwrap();
        let header = String::from_utf8(csv).unwrap();
        let header = header.lines().next().unwrap();
        assert_eq!(header, format!("row,{}", FLAT_COLUMNS.join(",")));
    }
}
