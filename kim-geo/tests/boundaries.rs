//! The embedded boundaries: counts against the code list, validity, lookups, and the GeoJSON of coverage tables.

use chrono::NaiveDate;
use kim_core::coverage::{CoverageOptions, coverage};
use kim_core::registry::Registry;
use kim_core::wilayah::{Kode, Level, Reference};
use kim_geo::{BBox, boundaries, boundary, coverage_geojson};

fn k(s: &str) -> Kode {
    Kode::parse(s).unwrap()
}

/// Indonesia's extent, with a margin: 94.9°E (Aceh) to 141.1°E (Papua), 11.1°S (Rote) to 6.1°N (Weh).
const INDONESIA: BBox = BBox {
    min_lng: 94.5,
    min_lat: -11.5,
    max_lng: 141.5,
    max_lat: 6.5,
};

#[test]
fn counts_match_the_code_list() {
    let r = Reference::embedded();
    assert_eq!(boundaries(Level::Provinsi, None).unwrap().len(), 38);
    assert_eq!(boundaries(Level::KabKota, None).unwrap().len(), 514);
    assert_eq!(boundaries(Level::Kecamatan, None).unwrap().len(), 7285);
    let kukar_villages = boundaries(Level::Desa, Some(k("64.02"))).unwrap();
    let listed: Vec<Kode> = r
        .descendants(Some(k("64.02")))
        .filter(|u| u.kode.level() == Level::Desa)
        .map(|u| u.kode)
        .collect();
    assert_eq!(kukar_villages.len(), listed.len());
    assert_eq!(kukar_villages.len(), 237);
    // Same codes as the code list, level by level, and names equal up to letter case except a few spellings.
    let mut spelled_differently = 0;
    for level in Level::ALL {
        let within = (level == Level::Desa).then(|| k("64.02"));
        for b in boundaries(level, within).unwrap() {
            let u = r
                .get(b.code)
                .unwrap_or_else(|| panic!("{} not in the code list", b.code));
            if u.name.to_lowercase() != b.name.to_lowercase() {
                spelled_differently += 1;
            }
        }
        let listed = r
            .descendants(within)
            .filter(|u| u.kode.level() == level)
            .count();
        assert_eq!(boundaries(level, within).unwrap().len(), listed, "{level}");
    }
    assert!(spelled_differently <= 4, "{spelled_differently}");
}

#[test]
fn rings_are_closed_and_inside_indonesia() {
    for level in Level::ALL {
        let within = (level == Level::Desa).then(|| k("64.02"));
        let mut previous: Option<Kode> = None;
        for b in boundaries(level, within).unwrap() {
            assert!(
                previous.is_none_or(|p| p < b.code),
                "code order at {}",
                b.code
            );
            previous = Some(b.code);
            assert_eq!(b.level(), level);
            assert!(!b.polygons.is_empty(), "{} has no polygon", b.code);
            for ring in b.polygons.iter().flatten() {
                assert!(ring.len() >= 4, "{}: ring of {}", b.code, ring.len());
                assert_eq!(ring.first(), ring.last(), "{}: open ring", b.code);
                for p in ring {
                    assert!(
                        (INDONESIA.min_lng..=INDONESIA.max_lng).contains(&p[0])
                            && (INDONESIA.min_lat..=INDONESIA.max_lat).contains(&p[1]),
                        "{}: {p:?} outside Indonesia",
                        b.code
                    );
                }
            }
            // Upstream's centroid lies near the unit: inside its box, give or take (a crescent's centroid may fall
            // outside its polygons, not far outside its box).
            let bb = b.bbox();
            let c = b.centroid;
            assert!(
                c.lng >= bb.min_lng - 0.5
                    && c.lng <= bb.max_lng + 0.5
                    && c.lat >= bb.min_lat - 0.5
                    && c.lat <= bb.max_lat + 0.5,
                "{}: centroid {c:?} far from {bb:?}",
                b.code
            );
        }
    }
}

#[test]
fn lookups() {
    assert!(kim_geo::BOUNDARIES_LICENSE.starts_with("MIT License"));
    let kukar = boundary(k("64.02")).unwrap().unwrap();
    assert_eq!(kukar.name, "Kabupaten Kutai Kartanegara");
    let tenggarong = kim_geo::centroid(k("64.02.06")).unwrap().unwrap();
    // Tenggarong (64.02.06) lies around 117.0°E, 0.4°S.
    assert!((116.8..117.3).contains(&tenggarong.lng), "{tenggarong:?}");
    assert!((-0.6..-0.2).contains(&tenggarong.lat), "{tenggarong:?}");
    let bb = kim_geo::bbox(k("64.02.06")).unwrap().unwrap();
    assert!(bb.min_lng < bb.max_lng && bb.min_lat < bb.max_lat);
    let kb = kukar.bbox();
    assert!(kb.min_lng <= bb.min_lng && kb.max_lat >= bb.max_lat);
    // A unit of the kabupaten's subtree, and only those.
    let kec = boundaries(Level::Kecamatan, Some(k("64.02"))).unwrap();
    assert_eq!(kec.len(), 20);
    assert!(kec.iter().all(|b| k("64.02").contains(b.code)));
    assert_eq!(
        boundaries(Level::Desa, Some(k("64.02.06")))
            .unwrap()
            .iter()
            .map(|b| b.code)
            .collect::<Vec<_>>(),
        Reference::embedded()
            .children(Some(k("64.02.06")))
            .map(|u| u.kode)
            .collect::<Vec<_>>()
    );
    // A well-formed code that is not in the boundaries.
    assert!(boundary(k("64.02.99")).unwrap().is_none());
    assert_eq!(boundaries(Level::KabKota, Some(k("99"))).unwrap().len(), 0);
}

#[test]
fn villages_outside_kukar_are_a_clear_error() {
    for (level, within) in [
        (Level::Desa, None),
        (Level::Desa, Some(k("64"))),
        (Level::Desa, Some(k("64.01"))),
    ] {
        let e = boundaries(level, within).unwrap_err().to_string();
        assert!(
            e.contains("only for Kutai Kartanegara (64.02)"),
            "{level} {within:?}: {e}"
        );
    }
    let e = boundary(k("64.01.01.2001")).unwrap_err().to_string();
    assert!(e.contains("64.01.01.2001 is not inside it"), "{e}");
    let e = boundaries(Level::KabKota, Some(k("64.02")))
        .unwrap_err()
        .to_string();
    assert!(e.contains("holds no kab_kota units"), "{e}");
}

fn sample() -> Registry {
    let json = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/data/kim_sample.json"
    ))
    .unwrap();
    Registry::from_json(&json).unwrap()
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()
}

#[test]
fn geojson_of_kukar_kecamatan() {
    let reg = sample();
    let opts = CoverageOptions::new(as_of())
        .level(Level::Kecamatan)
        .within(k("64.02"));
    let table = coverage(&reg, Reference::embedded(), &opts).unwrap();
    let map = coverage_geojson(&table).unwrap();
    let v: serde_json::Value = serde_json::from_str(&map.to_json()).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    let features = v["features"].as_array().unwrap();
    assert_eq!(features.len(), table.rows.len());
    for (f, row) in features.iter().zip(&table.rows) {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["id"], row.code.unwrap().to_string());
        assert_eq!(f["geometry"]["type"], "MultiPolygon");
        let props = f["properties"].as_object().unwrap();
        assert_eq!(
            props.keys().collect::<Vec<_>>(),
            kim_core::coverage::FLAT_COLUMNS.iter().collect::<Vec<_>>()
        );
        assert_eq!(props["villages"], row.villages.total);
        assert_eq!(props["name"], row.name);
    }
    let bbox = v["bbox"].as_array().unwrap();
    assert!(bbox[0].as_f64().unwrap() > 115.0 && bbox[2].as_f64().unwrap() < 118.0);
    let meta = &v["kim"];
    assert_eq!(meta["level"], "kecamatan");
    assert_eq!(meta["within"], "64.02");
    assert_eq!(meta["as_of"], "2025-06-30");
    assert_eq!(meta["versions_differ"], false);
    assert_eq!(meta["rows_without_boundary"].as_array().unwrap().len(), 0);
    assert_eq!(meta["boundaries_without_row"].as_array().unwrap().len(), 0);
    assert_eq!(meta["total"]["villages"], table.total.villages.total);
}

#[test]
fn geojson_reports_rows_without_boundary_and_boundaries_without_row() {
    let reg = sample();
    // Villages of Kukar: every row has a boundary.
    let opts = CoverageOptions::new(as_of())
        .level(Level::Desa)
        .within(k("64.02"));
    let mut table = coverage(&reg, Reference::embedded(), &opts).unwrap();
    assert_eq!(coverage_geojson(&table).unwrap().features.len(), 237);
    // A table of another code list: one code gone, one unknown (as after a split), one renamed.
    let gone = table.rows.remove(3);
    table.rows[0].code = Some(k("64.02.01.2999"));
    table.rows[1].name = "Nama Lain".into();
    table.code_list_version = "permendagri-137-2017".into();
    let map = coverage_geojson(&table).unwrap();
    assert_eq!(map.features.len(), table.rows.len(), "no row is dropped");
    assert!(map.features[0].1.is_none());
    assert!(map.meta.versions_differ);
    let missing: Vec<_> = map
        .meta
        .rows_without_boundary
        .iter()
        .map(|u| u.code.unwrap().to_string())
        .collect();
    assert_eq!(missing, ["64.02.01.2999"]);
    let without_row: Vec<_> = map
        .meta
        .boundaries_without_row
        .iter()
        .map(|u| u.code.unwrap())
        .collect();
    assert!(without_row.contains(&gone.code.unwrap()));
    assert_eq!(map.meta.name_differences.len(), 1);
    assert_eq!(map.meta.name_differences[0].name, "Nama Lain");
    assert_eq!(
        map.meta.name_differences[0].code,
        table.rows[1].code.unwrap()
    );
    let v: serde_json::Value = serde_json::from_str(&map.to_json()).unwrap();
    assert!(v["features"][0]["geometry"].is_null());
    assert_eq!(v["kim"]["code_list_version"], "permendagri-137-2017");
}

#[test]
fn geojson_of_villages_elsewhere_is_a_clear_error() {
    let reg = sample();
    let opts = CoverageOptions::new(as_of())
        .level(Level::Desa)
        .within(k("64.01"));
    let table = coverage(&reg, Reference::embedded(), &opts).unwrap();
    let e = coverage_geojson(&table).unwrap_err().to_string();
    assert!(e.contains("only for Kutai Kartanegara"), "{e}");
}

#[test]
fn geojson_national_levels() {
    let reg = sample();
    for (level, n) in [
        (Level::Provinsi, 38),
        (Level::KabKota, 514),
        (Level::Kecamatan, 7285),
    ] {
        let table = coverage(
            &reg,
            Reference::embedded(),
            &CoverageOptions::new(as_of()).level(level),
        )
        .unwrap();
        let map = coverage_geojson(&table).unwrap();
        assert_eq!(map.features.len(), n);
        assert!(map.features.iter().all(|f| f.1.is_some()));
        assert!(map.meta.boundaries_without_row.is_empty());
    }
}

#[test]
fn select_boundaries_as_geojson() {
    let all = kim_geo::select(Level::Kecamatan, Some(k("64.02")), None).unwrap();
    assert_eq!(all.boundaries.len(), 20);
    let some = kim_geo::select(
        Level::Kecamatan,
        None,
        Some(&[k("64.02.06"), k("11.01.01")]),
    )
    .unwrap();
    let v: serde_json::Value = serde_json::from_str(&some.to_json()).unwrap();
    assert_eq!(v["type"], "FeatureCollection");
    assert_eq!(v["features"][0]["id"], "64.02.06");
    assert_eq!(v["features"][0]["properties"]["name"], "Tenggarong");
    assert_eq!(v["features"][0]["properties"]["level"], "kecamatan");
    assert_eq!(v["features"][1]["properties"]["code"], "11.01.01");
    assert_eq!(v["bbox"].as_array().unwrap().len(), 4);
    let e = kim_geo::select(
        Level::Kecamatan,
        None,
        Some(&[k("64.02.98"), k("64.02.99")]),
    )
    .unwrap_err()
    .to_string();
    assert!(
        e.contains("no boundary for 2 code(s): 64.02.98, 64.02.99"),
        "{e}"
    );
    let e = kim_geo::select(Level::Kecamatan, None, Some(&[k("64.02")]))
        .unwrap_err()
        .to_string();
    assert!(e.contains("64.02 is a kab_kota code"), "{e}");
    let e = kim_geo::select(Level::Kecamatan, Some(k("64.01")), Some(&[k("64.02.06")]))
        .unwrap_err()
        .to_string();
    assert!(e.contains("inside 64.01"), "{e}");
}
