//! Administrative boundaries for kim, kept out of kim-core so that its default build stays geometry-free.
//!
//! - Simplified boundaries of the 38 provinsi, 514 kab/kota and 7,285 kecamatan of Indonesia, and of the 237
//!   villages of Kutai Kartanegara (64.02): [`boundaries`], [`boundary`], [`centroid`], [`bbox`].
//! - [`coverage_geojson`]: a coverage table as a GeoJSON FeatureCollection (one feature per row, the row's columns
//!   as properties), with the rows that have no boundary and the boundaries that have no row listed.
//!
//! The data comes from github.com/cahyadsn/wilayah_boundaries (MIT, see `data/LICENSE-wilayah_boundaries.txt` and
//! `data/PROVENANCE.md`), converted by `scripts/gen_boundaries.py`: coordinates quantised to 1e-5 degree (at most
//! 0.79 m from upstream's), rings closed, longitude first as in GeoJSON. Decoded on first use of a level.
//!
//! ```
//! use kim_core::wilayah::{Kode, Level};
//!
//! let kukar = kim_geo::boundary(Kode::parse("64.02")?)?.expect("Kutai Kartanegara");
//! assert_eq!(kukar.name, "Kabupaten Kutai Kartanegara");
//! let b = kukar.bbox();
//! assert!(b.min_lng > 115.0 && b.max_lng < 118.0);
//! assert_eq!(kim_geo::boundaries(Level::Kecamatan, Some(kukar.code))?.len(), 20);
//! # Ok::<(), kim_core::Error>(())
//! ```

mod codec;
mod geojson;

use std::sync::OnceLock;

use kim_core::wilayah::{Kode, Level};
use kim_core::{Error, Result};
use serde::Serialize;

pub use geojson::{
    BoundarySet, CoverageMap, MapMeta, NameDifference, UnitRef, coverage_geojson,
    coverage_geojson_text, select,
};

/// The code-list version the boundaries follow, per the upstream README (Kepmendagri 300.2.2-2430/2025, an
/// amendment of 2138/2025 with the same codes down to the kecamatan; a test checks every code against kim-core's
/// embedded list).
pub const BOUNDARIES_VERSION: &str = "kepmendagri-300.2.2-2430-2025";

/// Where the boundaries come from: repository and commit.
pub const BOUNDARIES_SOURCE: &str =
    "github.com/cahyadsn/wilayah_boundaries@3c5a7960f4d227a38489094d84252bdbb3f978a5 (MIT)";

/// The licence of the boundaries (MIT, Copyright (c) 2024 Cahya DSN), which every copy of them must carry: the
/// bindings expose it (`kim.maps.BOUNDARIES_LICENSE` in Python) so that a binary built with kim-geo carries it too.
pub const BOUNDARIES_LICENSE: &str = include_str!("../data/LICENSE-wilayah_boundaries.txt");

/// The only kabupaten whose villages are embedded: Kutai Kartanegara.
pub const VILLAGES_OF: &str = "64.02";

/// A longitude and a latitude, in degrees (WGS 84).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct LngLat {
    /// Longitude, east positive.
    pub lng: f64,
    /// Latitude, north positive.
    pub lat: f64,
}

/// A closed ring of `[longitude, latitude]` positions: the last equals the first, as GeoJSON requires.
pub type Ring = Vec<[f64; 2]>;
/// A polygon: its outer ring, then any holes.
pub type Polygon = Vec<Ring>;

/// A bounding box in degrees.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct BBox {
    /// Westmost longitude.
    pub min_lng: f64,
    /// Southmost latitude.
    pub min_lat: f64,
    /// Eastmost longitude.
    pub max_lng: f64,
    /// Northmost latitude.
    pub max_lat: f64,
}

impl BBox {
    const EMPTY: BBox = BBox {
        min_lng: f64::INFINITY,
        min_lat: f64::INFINITY,
        max_lng: f64::NEG_INFINITY,
        max_lat: f64::NEG_INFINITY,
    };

    fn add(&mut self, p: [f64; 2]) {
        self.min_lng = self.min_lng.min(p[0]);
        self.min_lat = self.min_lat.min(p[1]);
        self.max_lng = self.max_lng.max(p[0]);
        self.max_lat = self.max_lat.max(p[1]);
    }

    fn union(&mut self, o: &BBox) {
        self.add([o.min_lng, o.min_lat]);
        self.add([o.max_lng, o.max_lat]);
    }

    /// As GeoJSON's `bbox` member: `[west, south, east, north]`.
    pub fn to_array(self) -> [f64; 4] {
        [self.min_lng, self.min_lat, self.max_lng, self.max_lat]
    }
}

/// The boundary of one unit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Boundary {
    /// Its code.
    pub code: Kode,
    /// Its name as upstream spells it (a few kecamatan differ from the code list in spelling; see
    /// [`MapMeta::name_differences`]).
    pub name: String,
    /// Upstream's centroid of the polygons.
    pub centroid: LngLat,
    /// Its polygons (a MultiPolygon: islands are separate polygons).
    pub polygons: Vec<Polygon>,
}

impl Boundary {
    /// The level of the unit.
    pub fn level(&self) -> Level {
        self.code.level()
    }

    /// The bounding box of its polygons.
    pub fn bbox(&self) -> BBox {
        let mut b = BBox::EMPTY;
        for p in self
            .polygons
            .iter()
            .filter_map(|poly| poly.first())
            .flatten()
        {
            b.add(*p);
        }
        b
    }

    /// The number of positions in its rings (closing positions included).
    pub fn vertex_count(&self) -> usize {
        self.polygons.iter().flatten().map(Vec::len).sum()
    }
}

/// The bounding box of several boundaries, `None` when there are none.
pub fn bbox_of<'a>(boundaries: impl IntoIterator<Item = &'a Boundary>) -> Option<BBox> {
    let mut b = BBox::EMPTY;
    let mut any = false;
    for x in boundaries {
        b.union(&x.bbox());
        any = true;
    }
    any.then_some(b)
}

fn data(level: Level) -> &'static [u8] {
    match level {
        Level::Provinsi => include_bytes!("../data/provinsi.bin"),
        Level::KabKota => include_bytes!("../data/kab_kota.bin"),
        Level::Kecamatan => include_bytes!("../data/kecamatan.bin"),
        Level::Desa => include_bytes!("../data/desa_64.02.bin"),
    }
}

fn level_index(level: Level) -> usize {
    match level {
        Level::Provinsi => 0,
        Level::KabKota => 1,
        Level::Kecamatan => 2,
        Level::Desa => 3,
    }
}

/// Every embedded boundary of a level, in code order (for [`Level::Desa`], the villages of 64.02 only).
fn all(level: Level) -> &'static [Boundary] {
    static LEVELS: [OnceLock<Vec<Boundary>>; 4] = [const { OnceLock::new() }; 4];
    LEVELS[level_index(level)].get_or_init(|| match codec::decode(data(level), level) {
        Ok(v) => v,
        // The files are checked by this crate's tests and by scripts/gen_boundaries.py --check: a failure here is
        // a corrupted build, not bad input.
        Err(e) => panic!(
            "embedded {level} boundaries are corrupt at byte {}: {}",
            e.at, e.what
        ),
    })
}

fn kukar() -> Kode {
    Kode::parse(VILLAGES_OF).unwrap_or_else(|_| unreachable!("64.02 is a code"))
}

/// The error for village boundaries outside Kutai Kartanegara.
fn villages_not_embedded(place: &str) -> Error {
    Error::InvalidArgument {
        name: "within",
        problem: kim_core::error::ArgumentProblem::Unsupported,
        message: format!(
            "village (desa/kelurahan) boundaries are embedded only for Kutai Kartanegara ({VILLAGES_OF}); {place} \
             is not inside it: map villages with within=\"{VILLAGES_OF}\" (or one of its kecamatan), or map \
             kecamatan, kab/kota or provinsi anywhere"
        ),
    }
}

/// The boundaries of every unit at `level` inside `within` (the whole country when `None`), in code order.
///
/// Errors: village level with `within` not inside Kutai Kartanegara (64.02); `within` at or below `level`.
pub fn boundaries(level: Level, within: Option<Kode>) -> Result<&'static [Boundary]> {
    if let Some(w) = within
        && w.level() >= level
    {
        return Err(Error::InvalidArgument {
            name: "within",
            problem: kim_core::error::ArgumentProblem::WrongLevel,
            message: format!("{w} is a {} code: it holds no {level} units", w.level()),
        });
    }
    if level == Level::Desa && !within.is_some_and(|w| kukar().contains(w)) {
        return Err(villages_not_embedded(
            &within.map_or_else(|| "the whole country".to_owned(), |w| w.to_string()),
        ));
    }
    let units = all(level);
    let Some(w) = within else {
        return Ok(units);
    };
    let start = units.partition_point(|b| b.code < w);
    let end = start + units[start..].partition_point(|b| w.contains(b.code));
    Ok(&units[start..end])
}

/// The boundary of one unit, `None` when the code is not in the boundaries (e.g. a code of an older list).
///
/// Errors: a village outside Kutai Kartanegara (64.02), whose boundaries are not embedded.
pub fn boundary(code: Kode) -> Result<Option<&'static Boundary>> {
    if code.level() == Level::Desa && !kukar().contains(code) {
        return Err(villages_not_embedded(&code.to_string()));
    }
    let units = all(code.level());
    Ok(units
        .binary_search_by(|b| b.code.cmp(&code))
        .ok()
        .map(|i| &units[i]))
}

/// The centroid of one unit (see [`boundary`]).
pub fn centroid(code: Kode) -> Result<Option<LngLat>> {
    Ok(boundary(code)?.map(|b| b.centroid))
}

/// The bounding box of one unit (see [`boundary`]).
pub fn bbox(code: Kode) -> Result<Option<BBox>> {
    Ok(boundary(code)?.map(Boundary::bbox))
}
