//! A coverage table as a GeoJSON FeatureCollection (RFC 7946).

use kim_core::Result;
use kim_core::coverage::{CoverageRow, CoverageTable, FlatRow};
use kim_core::wilayah::{EMBEDDED_VERSION, Kode, Level};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::{BOUNDARIES_SOURCE, BOUNDARIES_VERSION, Boundary, bbox_of, boundaries};

/// A unit named in [`MapMeta`]'s lists.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UnitRef {
    /// Its code (`None` only for a row without one).
    pub code: Option<Kode>,
    /// Its name.
    pub name: String,
}

/// A unit whose name in the table differs from the boundaries' beyond letter case (a spelling difference, or a sign
/// that the two lists disagree on what the code means).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NameDifference {
    /// The code.
    pub code: Kode,
    /// The name in the table (the code list's).
    pub name: String,
    /// The name in the boundaries.
    pub boundary_name: String,
}

/// The `kim` member of the FeatureCollection: what the map shows and what it could not place.
#[derive(Debug, Clone, Serialize)]
pub struct MapMeta<'a> {
    /// Shape version of this document (1).
    pub schema_version: u64,
    /// The row level.
    pub level: Level,
    /// The unit the table covers, `None` for the country.
    pub within: Option<Kode>,
    /// The table's date, ISO `YYYY-MM-DD`.
    pub as_of: String,
    /// The table's code-list version.
    pub code_list_version: &'a str,
    /// The code-list version the boundaries follow ([`BOUNDARIES_VERSION`]).
    pub boundaries_version: &'static str,
    /// Where the boundaries come from ([`BOUNDARIES_SOURCE`]).
    pub boundaries_source: &'static str,
    /// True when the table uses a code list other than the one the boundaries follow (or its same-coded
    /// predecessor, kim-core's embedded list): codes may then not match, see the two lists below.
    pub versions_differ: bool,
    /// The table's total row.
    pub total: FlatRow<'a>,
    /// Rows with no boundary: their features have `"geometry": null`.
    pub rows_without_boundary: Vec<UnitRef>,
    /// Boundaries inside the table's scope with no row (a code the table's list does not have).
    pub boundaries_without_row: Vec<UnitRef>,
    /// Rows whose name differs from the boundary's beyond letter case.
    pub name_differences: Vec<NameDifference>,
}

/// A coverage table joined with the boundaries; serialises as a GeoJSON FeatureCollection whose features are the
/// table's rows, in order (properties: the row's columns, as in CSV and the bindings' row dicts; `id`: the code),
/// with a `bbox` and a foreign member `kim` ([`MapMeta`]).
#[derive(Debug, Clone)]
pub struct CoverageMap<'a> {
    /// Each row with its boundary, if any.
    pub features: Vec<(&'a CoverageRow, Option<&'static Boundary>)>,
    /// What the map shows and what it could not place.
    pub meta: MapMeta<'a>,
}

struct Feature<'a>(&'a CoverageRow, Option<&'static Boundary>);

struct Geometry<'a>(&'a Boundary);

impl Serialize for Geometry<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(2))?;
        m.serialize_entry("type", "MultiPolygon")?;
        m.serialize_entry("coordinates", &self.0.polygons)?;
        m.end()
    }
}

impl Serialize for Feature<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("type", "Feature")?;
        m.serialize_entry("id", &self.0.code)?;
        m.serialize_entry("properties", &self.0.flat())?;
        m.serialize_entry("geometry", &self.1.map(Geometry))?;
        m.end()
    }
}

impl Serialize for CoverageMap<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("type", "FeatureCollection")?;
        if let Some(b) = bbox_of(self.features.iter().filter_map(|f| f.1)) {
            m.serialize_entry("bbox", &b.to_array())?;
        }
        m.serialize_entry(
            "features",
            &self
                .features
                .iter()
                .map(|&(r, b)| Feature(r, b))
                .collect::<Vec<_>>(),
        )?;
        m.serialize_entry("kim", &self.meta)?;
        m.end()
    }
}

impl CoverageMap<'_> {
    /// The GeoJSON text.
    pub fn to_json(&self) -> String {
        // Serialising maps with string keys, numbers and strings cannot fail.
        serde_json::to_string(self).unwrap_or_else(|e| unreachable!("GeoJSON serialisation: {e}"))
    }
}

/// Joins a coverage table with the boundaries of its level.
///
/// Every row becomes a feature, in the table's order; a row with no boundary keeps its feature with
/// `"geometry": null` and is listed in [`MapMeta::rows_without_boundary`]. Boundaries inside the table's scope
/// that no row has are listed in [`MapMeta::boundaries_without_row`].
///
/// Errors: a village-level table not inside Kutai Kartanegara (64.02), the only kabupaten whose village boundaries
/// are embedded.
pub fn coverage_geojson(table: &CoverageTable) -> Result<CoverageMap<'_>> {
    let scope = boundaries(table.level, table.within)?;
    let mut used = vec![false; scope.len()];
    let mut features = Vec::with_capacity(table.rows.len());
    let mut rows_without_boundary = Vec::new();
    let mut name_differences = Vec::new();
    for row in &table.rows {
        let found = row
            .code
            .and_then(|c| scope.binary_search_by(|b| b.code.cmp(&c)).ok());
        if let Some(i) = found {
            used[i] = true;
            let b = &scope[i];
            if b.name.to_lowercase() != row.name.to_lowercase() {
                name_differences.push(NameDifference {
                    code: b.code,
                    name: row.name.clone(),
                    boundary_name: b.name.clone(),
                });
            }
        } else {
            rows_without_boundary.push(UnitRef {
                code: row.code,
                name: row.name.clone(),
            });
        }
        features.push((row, found.map(|i| &scope[i])));
    }
    let boundaries_without_row = scope
        .iter()
        .zip(&used)
        .filter(|(_, u)| !**u)
        .map(|(b, _)| UnitRef {
            code: Some(b.code),
            name: b.name.clone(),
        })
        .collect();
    let v = table.code_list_version.as_str();
    Ok(CoverageMap {
        features,
        meta: MapMeta {
            schema_version: 1,
            level: table.level,
            within: table.within,
            as_of: table.as_of.to_string(),
            code_list_version: v,
            boundaries_version: BOUNDARIES_VERSION,
            boundaries_source: BOUNDARIES_SOURCE,
            versions_differ: v != BOUNDARIES_VERSION && v != EMBEDDED_VERSION,
            total: table.total.flat(),
            rows_without_boundary,
            boundaries_without_row,
            name_differences,
        },
    })
}

/// Chosen boundaries; serialises as a GeoJSON FeatureCollection with a `bbox`, whose features have the code as `id`
/// and `code`, `name`, `level` and `centroid` (`[longitude, latitude]`) as properties.
#[derive(Debug, Clone)]
pub struct BoundarySet {
    /// The boundaries, in code order (or in the order of the codes asked for).
    pub boundaries: Vec<&'static Boundary>,
}

struct BoundaryFeature(&'static Boundary);

impl Serialize for BoundaryFeature {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Props<'a> {
            code: Kode,
            name: &'a str,
            level: Level,
            centroid: [f64; 2],
        }
        let b = self.0;
        let mut m = s.serialize_map(Some(4))?;
        m.serialize_entry("type", "Feature")?;
        m.serialize_entry("id", &b.code)?;
        m.serialize_entry(
            "properties",
            &Props {
                code: b.code,
                name: &b.name,
                level: b.level(),
                centroid: [b.centroid.lng, b.centroid.lat],
            },
        )?;
        m.serialize_entry("geometry", &Geometry(b))?;
        m.end()
    }
}

impl Serialize for BoundarySet {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(3))?;
        m.serialize_entry("type", "FeatureCollection")?;
        if let Some(b) = bbox_of(self.boundaries.iter().copied()) {
            m.serialize_entry("bbox", &b.to_array())?;
        }
        m.serialize_entry(
            "features",
            &self
                .boundaries
                .iter()
                .map(|b| BoundaryFeature(b))
                .collect::<Vec<_>>(),
        )?;
        m.end()
    }
}

impl BoundarySet {
    /// The GeoJSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|e| unreachable!("GeoJSON serialisation: {e}"))
    }
}

/// The boundaries at `level` inside `within` (see [`boundaries`]), or, with `codes`, those units in that order.
///
/// Errors: as [`boundaries`]; a code of another level or outside `within`; codes with no boundary (all of them
/// are named).
pub fn select(level: Level, within: Option<Kode>, codes: Option<&[Kode]>) -> Result<BoundarySet> {
    let scope = boundaries(level, within)?;
    let Some(codes) = codes else {
        return Ok(BoundarySet {
            boundaries: scope.iter().collect(),
        });
    };
    let mut out = Vec::with_capacity(codes.len());
    let mut missing = Vec::new();
    for &c in codes {
        if c.level() != level {
            return Err(kim_core::Error::InvalidArgument {
                name: "codes",
                problem: kim_core::error::ArgumentProblem::WrongLevel,
                message: format!("{c} is a {} code, not a {level} code", c.level()),
            });
        }
        match scope.binary_search_by(|b| b.code.cmp(&c)) {
            Ok(i) => out.push(&scope[i]),
            Err(_) => missing.push(c.to_string()),
        }
    }
    if !missing.is_empty() {
        return Err(kim_core::Error::InvalidArgument {
            name: "codes",
            problem: kim_core::error::ArgumentProblem::Unsupported,
            message: format!(
                "no boundary for {} code(s){}: {}",
                missing.len(),
                within.map_or_else(String::new, |w| format!(" inside {w}")),
                missing.join(", ")
            ),
        });
    }
    Ok(BoundarySet { boundaries: out })
}

/// Computes coverage ([`kim_core::coverage::coverage`]) and returns it as GeoJSON text ([`coverage_geojson`]): the
/// one call the C ABI makes.
///
/// Errors: those of both.
pub fn coverage_geojson_text(
    registry: &kim_core::registry::Registry,
    reference: &kim_core::wilayah::Reference,
    options: &kim_core::coverage::CoverageOptions,
) -> Result<String> {
    let table = kim_core::coverage::coverage(registry, reference, options)?;
    Ok(coverage_geojson(&table)?.to_json())
}
