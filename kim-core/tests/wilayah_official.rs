//! The embedded code list against the official figures of docs/domain.md §6 (Kepmendagri 300.2.2-2138/2025).
// Test tables: one closure per rule reads better without semicolons; long tables and LCG constants are fine here.
#![allow(
    clippy::semicolon_if_nothing_returned,
    clippy::too_many_lines,
    clippy::similar_names,
    clippy::cast_possible_truncation,
    clippy::unreadable_literal,
    clippy::needless_range_loop
)]

use kim_core::wilayah::{Kode, Level, MatchKind, Reference, Resolution, VillageKind};

fn k(s: &str) -> Kode {
    Kode::parse(s).unwrap()
}

#[test]
fn national_counts_match_kepmendagri_300_2_2_2138_2025() {
    let r = Reference::embedded();
    let c = r.counts();
    assert_eq!(c.provinsi, 38);
    assert_eq!(c.kabupaten, 416);
    assert_eq!(c.kota, 98);
    assert_eq!(c.kecamatan, 7_285);
    assert_eq!(c.kelurahan, 8_496);
    assert_eq!(c.desa, 75_252);
    assert_eq!(c.desa_adat, 14);
    assert_eq!(c.villages(), 83_762);
    assert_eq!(r.len(), 38 + 416 + 98 + 7_285 + 83_762);
    assert_eq!(r.version(), "kepmendagri-300.2.2-2138-2025");
}

#[test]
fn kutai_kartanegara_table() {
    let r = Reference::embedded();
    let kukar = k("64.02");
    assert_eq!(r.get(kukar).unwrap().name, "Kabupaten Kutai Kartanegara");
    let c = r.counts_within(Some(kukar));
    assert_eq!(c.kecamatan, 20);
    assert_eq!(c.desa, 193);
    assert_eq!(c.kelurahan, 44);
    assert_eq!(c.villages(), 237);
    assert_eq!(r.children(Some(kukar)).count(), 20);
    assert_eq!(r.units_at(Level::Desa, Some(kukar)).count(), 237);
}

#[test]
fn desa_adat_only_in_kabupaten_jayapura() {
    let r = Reference::embedded();
    let adat: Vec<Kode> = r
        .iter()
        .filter(|u| u.kode.village_kind() == Some(VillageKind::DesaAdat))
        .map(|u| u.kode)
        .collect();
    assert_eq!(adat.len(), 14);
    assert!(adat.iter().all(|a| k("91.03").contains(*a)));
}

#[test]
fn hierarchy_is_consistent() {
    let r = Reference::embedded();
    // Every unit's parent exists; children sum to the whole.
    for u in r.iter() {
        if let Some(p) = u.kode.parent() {
            assert!(r.contains(p), "{}", u.kode);
        }
    }
    assert_eq!(r.children(None).count(), 38);
    let total: u32 = r
        .children(None)
        .map(|p| r.counts_within(Some(p.kode)).villages())
        .sum();
    assert_eq!(total, 83_762);
    // Kab/kota kind follows KK: 01-69 kabupaten, 71-99 kota; names agree.
    for u in r.units_at(Level::KabKota, None) {
        let kota = u.kode.kab_kota_kind() == Some(kim_core::wilayah::KabKotaKind::Kota);
        assert_eq!(kota, u.name.starts_with("Kota"), "{} {}", u.kode, u.name);
    }
}

#[test]
fn the_legacy_row_resolves_to_perian() {
    let r = Reference::embedded();
    for text in [
        "Desa Perian, Kec. Muara Muntai, Kukar",
        "desa perian, kecamatan muara muntai, kabupaten kutai kartanegara",
        "Kab. Kutai Kartanegara, Kec. Muara Muntai, Desa Perian",
        "PERIAN, MUARA MUNTAI, KUTAI KARTANEGARA, KALIMANTAN TIMUR",
    ] {
        match r.resolve_place(text) {
            Resolution::Unique(m) => assert_eq!(m.kode, k("64.02.01.2001"), "{text}"),
            other => panic!("{text}: {other:?}"),
        }
    }
}

#[test]
fn ambiguous_and_unknown_names_are_reported_not_guessed() {
    let r = Reference::embedded();
    // "Malang" is both a kabupaten and a kota.
    match r.resolve_place("Malang") {
        Resolution::Ambiguous(c) => {
            let codes: Vec<String> = c.iter().map(|m| m.kode.to_string()).collect();
            assert!(
                codes.contains(&"35.07".to_owned()) && codes.contains(&"35.73".to_owned()),
                "{codes:?}"
            );
        }
        other => panic!("{other:?}"),
    }
    // With a prefix it is unique.
    assert!(
        matches!(r.resolve_place("Kota Malang"), Resolution::Unique(m) if m.kode == k("35.73"))
    );
    assert_eq!(
        r.resolve_place("Desa Atlantis, Kec. Muara Muntai, Kukar"),
        Resolution::NotFound
    );
    // A misspelling is offered as an uncertain candidate, never accepted silently.
    match r.resolve_place("Desa Periaan, Kec. Muara Muntai, Kukar") {
        Resolution::Uncertain(c) => {
            assert_eq!(c[0].kode, k("64.02.01.2001"));
            assert_eq!(c[0].kind, MatchKind::Fuzzy);
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn match_name_is_case_and_accent_insensitive_within_a_parent() {
    let r = Reference::embedded();
    let m = r.match_name("Désa PERIAN", Some(k("64.02.01")));
    assert_eq!(m[0].kode, k("64.02.01.2001"));
    assert_eq!(m[0].kind, MatchKind::Exact);
    assert!(
        r.match_name("Perian", Some(k("64.03")))
            .iter()
            .all(|m| m.kind != MatchKind::Exact)
    );
    let kab = r.match_name("Kukar", None);
    assert_eq!(kab[0].kode, k("64.02"));
    assert_eq!(kab[0].kind, MatchKind::Abbreviation);
}

#[test]
fn user_csv_reports_line_and_field() {
    let csv = "code,name\n64,Kalimantan Timur\n64.02,Kabupaten Kutai Kartanegara\n64.02.01,Muara Muntai\n\
               64.02.01.2001,Perian\n64.02.01.2001,Perian lagi\n64.02.0x,Rusak\n64.09.01.2001,Yatim\n64.02.01.2002,\n";
    let err = Reference::from_csv(csv.as_bytes(), "custom").unwrap_err();
    let kim_core::Error::ReferenceRows { rows } = &err else {
        panic!("{err:?}")
    };
    let where_: Vec<(u64, &str, &str)> = rows
        .iter()
        .map(|r| (r.line, r.field.as_str(), r.code))
        .collect();
    assert_eq!(
        where_,
        vec![
            (6, "code", "KIM-E-REFERENCE"),
            (7, "code", "KIM-E-CODE"),
            (8, "code", "KIM-E-REFERENCE"),
            (9, "name", "KIM-E-REFERENCE")
        ]
    );
    assert_eq!(err.code(), "KIM-E-REFERENCE");
    let missing = Reference::from_csv("kode,nama\n64,X\n".as_bytes(), "v").unwrap_err();
    assert_eq!(missing.code(), "KIM-E-COLUMN");
    let empty = Reference::from_csv("code,name\n".as_bytes(), "v").unwrap_err();
    assert_eq!(empty.code(), "KIM-E-REFERENCE");
}

#[test]
fn user_csv_accepts_bom_undotted_codes_and_any_order() {
    let csv = "\u{feff}name,code\nPerian,6402012001\nMuara Muntai,640201\nKalimantan Timur,64\nKabupaten Kutai Kartanegara,6402\n";
    let r = Reference::from_csv(csv.as_bytes(), "mine").unwrap();
    assert_eq!(r.counts().villages(), 1);
    assert_eq!(r.version(), "mine");
    assert_eq!(
        r.iter().map(|u| u.kode.to_string()).collect::<Vec<_>>(),
        ["64", "64.02", "64.02.01", "64.02.01.2001"]
    );
}

#[test]
fn names_that_begin_with_a_prefix_word() {
    // `Kota Bangun` is a kecamatan and `Kota Bangun I` a desa: there the word Kota is part of the name.
    let r = Reference::embedded();
    for (text, code) in [
        (
            "Desa Wonosari, Kec. Kota Bangun Darat, Kab. Kutai Kartanegara",
            "64.02.19.2010",
        ),
        (
            "Desa Kota Bangun I, Kec. Kota Bangun Darat, Kukar",
            "64.02.19.2004",
        ),
    ] {
        match r.resolve_place(text) {
            Resolution::Unique(m) => assert_eq!(m.kode, k(code), "{text}"),
            other => panic!("{text}: {other:?}"),
        }
    }
    // Nationally, `Kota Bangun` names a kecamatan and three villages: ambiguous, with the kecamatan among them.
    assert!(
        matches!(r.resolve_place("Kota Bangun"), Resolution::Ambiguous(c) if c.iter().any(|m| m.kode == k("64.02.08")))
    );
    // In the wrong kecamatan it is not guessed: only near spellings come back, as candidates.
    assert!(
        matches!(r.resolve_place("Desa Kota Bangun I, Kec. Kota Bangun, Kukar"), Resolution::Uncertain(c) if c.iter().all(|m| m.kind == MatchKind::Fuzzy))
    );
    // A real kota still resolves by its prefix.
    assert!(
        matches!(r.resolve_place("Kota Samarinda"), Resolution::Unique(m) if m.kode == k("64.72"))
    );
}

#[test]
fn legacy_csv_import_reports_every_rejected_row() {
    let kims = include_str!("../../examples/data/kim_legacy.csv");
    let members = include_str!("../../examples/data/kim_legacy_members.csv");
    let (reg, rep) = kim_core::registry::Registry::import_csv(
        kims.as_bytes(),
        Some(members.as_bytes()),
        Some(Reference::embedded()),
    )
    .unwrap();
    assert_eq!(
        (rep.kims.rows_in, rep.kims.accepted, rep.kims.rejected),
        (14, 12, 2)
    );
    let bad: Vec<(u64, &str, &str)> = rep
        .kims
        .errors
        .iter()
        .map(|e| (e.line, e.field.as_str(), e.code))
        .collect();
    assert_eq!(
        bad,
        [
            (14, "desa", "KIM-E-NAME-UNMATCHED"),
            (15, "sk_date", "KIM-E-DATE")
        ]
    );
    assert_eq!(
        (
            rep.members.rows_in,
            rep.members.accepted,
            rep.members.rejected
        ),
        (13, 12, 1)
    );
    assert_eq!(rep.members.errors[0].field, "nik");
    assert!(
        !rep.members.errors[0].value.contains("1399"),
        "the rejected NIK is masked: {}",
        rep.members.errors[0].value
    );
    assert_eq!(
        reg.get("KIM-6402-002").unwrap().seat,
        k("64.02.07.2011"),
        "`Kukar` resolves as Kutai Kartanegara"
    );
}
