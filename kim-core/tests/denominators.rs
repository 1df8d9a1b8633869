//! Population and area denominators (docs/domain.md §6): the embedded figures, their cross-checks, and the optional
//! coverage columns.
#![cfg(feature = "embedded")]

use kim_core::coverage::{CodeListChoice, CoverageOptions, coverage, coverage_by_date};
use kim_core::registry::Registry;
use kim_core::wilayah::{Denominators, Kode, Level, Reference};

fn k(s: &str) -> Kode {
    Kode::parse(s).unwrap()
}

fn registry() -> Registry {
    Registry::from_json(include_str!("../../examples/data/kim_sample.json")).unwrap()
}

fn near(got: f64, want: f64, tolerance: f64) -> bool {
    (got - want).abs() <= want * tolerance
}

/// Kutai Kartanegara against figures published elsewhere: BPS gives its area as 27,263.10 km² (an older survey;
/// BIG's 2024 computation is 26,912.065, 1.3 % less) and its population in the 700k–850k range in 2020–2024
/// (census 2020: 729,382; Dukcapil counts registered residents, so a little more).
#[test]
fn kutai_kartanegara_matches_published_figures() {
    let r = Reference::embedded();
    let p = r.population(k("64.02")).unwrap();
    let a = r.area_km2(k("64.02")).unwrap();
    assert_eq!(p.value, 806_964);
    assert_eq!((p.year, a.year), (2024, 2024));
    assert!(p.source.contains("Dukcapil"), "{}", p.source);
    assert!(
        a.source.contains("Badan Informasi Geospasial"),
        "{}",
        a.source
    );
    assert!((a.value - 26_912.065).abs() < 1e-9);
    assert!(near(a.value, 27_263.10, 0.02), "area {}", a.value);
    assert!((729_382..=850_000).contains(&p.value));
    // Kalimantan Timur, and the country: Dukcapil's December 2024 total is about 285 million, and Indonesia's land
    // area about 1.9 million km².
    assert_eq!(r.population(k("64")).unwrap().value, 4_123_303);
    let d = Denominators::embedded();
    assert_eq!(d.national_population, 284_973_643);
    assert!(near(d.national_area_km2().unwrap(), 1_904_569.0, 0.01));
    // DKI Jakarta: its code is written `31.0` in the upstream area file; it is read as 31 (BPS: 661.23 km² of land).
    assert!(near(r.area_km2(k("31")).unwrap().value, 661.23, 0.01));
}

/// The figures are consistent: the kab/kota of each province add up to it, and the provinces to the country.
#[test]
fn kab_kota_add_up_to_their_province() {
    let r = Reference::embedded();
    let d = Denominators::embedded();
    let mut provinces = 0;
    for prov in r.iter().filter(|u| u.kode.level() == Level::Provinsi) {
        let kabs: Vec<Kode> = r
            .iter()
            .filter(|u| u.kode.parent() == Some(prov.kode))
            .map(|u| u.kode)
            .collect();
        let pop: u64 = kabs.iter().map(|c| r.population(*c).unwrap().value).sum();
        let area: f64 = kabs.iter().map(|c| r.area_km2(*c).unwrap().value).sum();
        assert_eq!(pop, r.population(prov.kode).unwrap().value, "{}", prov.kode);
        assert!(
            (area - r.area_km2(prov.kode).unwrap().value).abs() < 0.01,
            "{}",
            prov.kode
        );
        provinces += pop;
    }
    assert_eq!(provinces, d.national_population);
}

/// No figure is invented: kecamatan, villages, codes not in the list and other lists give `None`.
#[test]
fn no_figure_is_invented() {
    let r = Reference::embedded();
    assert!(r.population(k("64.02.01")).is_none());
    assert!(r.area_km2(k("64.02.01.2001")).is_none());
    assert!(r.population(k("64.99")).is_none());
    let old = Reference::version_id("permendagri-72-2019").unwrap();
    assert!(old.get(k("64.02")).is_some());
    assert!(old.population(k("64.02")).is_none());
    assert!(old.area_km2(k("11")).is_none());
}

#[test]
fn coverage_columns_per_capita_and_per_area() {
    let reg = registry();
    let opts = CoverageOptions::new("2025-06-30".parse().unwrap())
        .level(Level::KabKota)
        .within(k("64"))
        .denominators(true);
    let t = coverage(&reg, Reference::embedded(), &opts).unwrap();
    let s = t.denominators.as_ref().unwrap();
    assert!(s.applies);
    assert_eq!((s.rows_without_population, s.rows_without_area), (0, 0));
    let kukar = t.rows.iter().find(|r| r.code == Some(k("64.02"))).unwrap();
    let d = kukar.denominators.unwrap();
    assert_eq!(d.population, Some(806_964));
    assert!(kukar.n_kim > 0);
    let want = f64::from(kukar.n_kim) * 100_000.0 / 806_964.0;
    assert!((d.kim_per_100k_residents.unwrap() - want).abs() < 1e-12);
    let want = f64::from(kukar.n_kim) * 1000.0 / 26_912.065;
    assert!((d.kim_per_1000_km2.unwrap() - want).abs() < 1e-12);
    assert_eq!(t.total.denominators.unwrap().population, Some(4_123_303));

    // Without the option, nothing changes: no field in JSON, no extra CSV column.
    let plain = coverage(
        &reg,
        Reference::embedded(),
        &opts.clone().denominators(false),
    )
    .unwrap();
    assert!(plain.denominators.is_none());
    let json = serde_json::to_value(&plain).unwrap();
    assert!(json["rows"][0].get("denominators").is_none());
    let mut csv = Vec::new();
    t.write_csv(&mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with("as_of,population,area_km2,kim_per_100k_residents,kim_per_1000_km2")
    );
    let flat = serde_json::to_value(kukar.flat()).unwrap();
    assert_eq!(flat["population"], 806_964);
}

/// Kecamatan rows have no figure: null, counted in the summary; the total (the kab) has its own.
#[test]
fn kecamatan_rows_are_null_and_counted() {
    let opts = CoverageOptions::new("2025-06-30".parse().unwrap())
        .within(k("64.02"))
        .denominators(true);
    let t = coverage(&registry(), Reference::embedded(), &opts).unwrap();
    assert_eq!(t.rows.len(), 20);
    assert!(
        t.rows
            .iter()
            .all(|r| r.denominators.unwrap().population.is_none())
    );
    let s = t.denominators.unwrap();
    assert_eq!((s.rows_without_population, s.rows_without_area), (20, 20));
    assert_eq!(t.total.denominators.unwrap().population, Some(806_964));
    // The whole country: national population, provinces' summed area.
    let opts = CoverageOptions::new("2025-06-30".parse().unwrap())
        .level(Level::Provinsi)
        .denominators(true);
    let t = coverage(&registry(), Reference::embedded(), &opts).unwrap();
    assert_eq!(t.total.denominators.unwrap().population, Some(284_973_643));
    assert_eq!(t.denominators.unwrap().rows_without_population, 0);
}

/// With an older list the figures do not apply: every row is null and the summary says so.
#[test]
fn older_lists_get_no_figures() {
    let opts = CoverageOptions::new("2021-06-30".parse().unwrap())
        .level(Level::KabKota)
        .within(k("64"))
        .denominators(true);
    let d = coverage_by_date(&registry(), &opts, &CodeListChoice::InForce).unwrap();
    assert_eq!(d.version.id, "permendagri-72-2019");
    let s = d.table.denominators.unwrap();
    assert!(!s.applies);
    assert_eq!(s.figures_code_list_version, "kepmendagri-300.2.2-2138-2025");
    assert_eq!(s.rows_without_population as usize, d.table.rows.len());
    assert!(d.table.total.denominators.unwrap().population.is_none());
}
