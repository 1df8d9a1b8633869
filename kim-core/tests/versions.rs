//! Code lists through time: versions, the list in force by date, diffs and the seat crosswalk (issue 20).

use std::path::PathBuf;

use kim_core::wilayah::{Change, Crosswalk, Kode, Level, Reference, SeatStatus, diff};
use proptest::prelude::*;

fn k(s: &str) -> Kode {
    Kode::parse(s).unwrap()
}

fn d(s: &str) -> chrono::NaiveDate {
    s.parse().unwrap()
}

/// The upstream copies, when present (`../shared/data/…` next to the repository); users do not have them.
fn upstream() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/data/cahyadsn-wilayah/db");
    p.join("wilayah.sql").exists().then_some(p)
}

#[test]
fn every_version_builds_with_the_counts_the_parser_recorded() {
    let versions = Reference::versions();
    assert_eq!(versions.len(), 6);
    assert!(versions.windows(2).all(|w| w[0].in_force < w[1].in_force));
    let expected = [
        ("permendagri-56-2015", 34, 514, 7160, 83_184),
        ("permendagri-137-2017", 34, 514, 7201, 83_436),
        ("permendagri-72-2019", 34, 514, 7230, 83_449),
        ("permendagri-58-2021", 34, 514, 7266, 83_467),
        ("kepmendagri-100.1.1-6117-2022", 37, 514, 7277, 83_763),
        ("kepmendagri-300.2.2-2138-2025", 38, 514, 7285, 83_762),
    ];
    for (v, (id, p, kk, kec, vil)) in versions.iter().zip(expected) {
        assert_eq!(v.id, id);
        let c = (
            v.counts.provinsi,
            v.counts.kab_kota,
            v.counts.kecamatan,
            v.counts.villages,
        );
        assert_eq!(c, (p, kk, kec, vil), "{id}: index.tsv");
        let r = Reference::version_id(id).unwrap();
        assert_eq!(r.version(), id);
        let rc = r.counts();
        assert_eq!(
            (
                rc.provinsi,
                rc.kabupaten + rc.kota,
                rc.kecamatan,
                rc.villages()
            ),
            c,
            "{id}: the list rebuilt from the deltas"
        );
    }
    assert!(std::ptr::eq(
        Reference::version_id("kepmendagri-300.2.2-2138-2025").unwrap(),
        Reference::embedded()
    ));
    let err = Reference::version_id("permendagri-1-1999").unwrap_err();
    assert!(err.to_string().contains("permendagri-56-2015"), "{err}");
}

/// An independent count: tuples in the upstream SQL counted by their code's shape, line by line.
#[test]
fn counts_agree_with_an_independent_count_of_the_upstream_sql() {
    let Some(dir) = upstream() else {
        eprintln!(
            "skipped: ../shared/data/cahyadsn-wilayah is absent (only the maintainers have it)"
        );
        return;
    };
    for v in Reference::versions() {
        let sql =
            std::fs::read_to_string(dir.join(v.upstream_file.trim_start_matches("db/"))).unwrap();
        let mut by_len = [0u32; 4];
        for line in sql.lines() {
            let line = line.trim_start_matches([',', ' ']);
            let Some(rest) = line.strip_prefix("(\"").or_else(|| line.strip_prefix("('")) else {
                continue;
            };
            let code: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let level = match code.len() {
                2 => 0,
                5 => 1,
                8 => 2,
                13 => 3,
                _ => continue,
            };
            by_len[level] += 1;
        }
        let c = v.counts;
        assert_eq!(
            by_len,
            [c.provinsi, c.kab_kota, c.kecamatan, c.villages],
            "{}",
            v.id
        );
    }
}

#[test]
fn the_list_in_force_follows_the_date() {
    let cases = [
        ("2016-01-01", "permendagri-56-2015"),
        ("2017-12-31", "permendagri-56-2015"),
        ("2019-06-30", "permendagri-137-2017"),
        ("2021-06-30", "permendagri-72-2019"),
        ("2022-06-30", "permendagri-58-2021"),
        ("2024-12-31", "kepmendagri-100.1.1-6117-2022"),
        ("2025-04-25", "kepmendagri-300.2.2-2138-2025"),
        ("2030-01-01", "kepmendagri-300.2.2-2138-2025"),
    ];
    for (date, id) in cases {
        let f = Reference::in_force(d(date)).unwrap();
        assert_eq!(
            (f.version.id.as_str(), f.reference.version()),
            (id, id),
            "{date}"
        );
        assert!(!f.before_oldest);
    }
    let early = Reference::in_force(d("2015-12-31")).unwrap();
    assert!(early.before_oldest);
    assert_eq!(early.reference.version(), "permendagri-56-2015");
}

#[test]
fn the_2022_papua_split_is_rekeyed_not_removed() {
    let before = Reference::version_id("permendagri-58-2021").unwrap();
    let after = Reference::version_id("kepmendagri-100.1.1-6117-2022").unwrap();
    let dd = diff(before, after);
    let added: Vec<String> = dd
        .of(Change::Added)
        .filter(|r| r.level == Level::Provinsi)
        .map(|r| format!("{} {}", r.new_code.unwrap(), r.new_name.as_deref().unwrap()))
        .collect();
    assert_eq!(
        added,
        ["93 Papua Selatan", "94 Papua Tengah", "95 Papua Pegunungan"]
    );
    let row = |code: &str| {
        dd.rows
            .iter()
            .find(|r| r.old_code == Some(k(code)))
            .unwrap()
    };
    let merauke = row("91.01");
    assert_eq!(
        (merauke.change, merauke.new_code),
        (Change::Rekeyed, Some(k("93.01")))
    );
    assert_eq!(merauke.confidence, Some(0.9), "moved into a new province");
    let kec = row("91.01.01");
    assert_eq!(
        (kec.change, kec.new_code, kec.confidence),
        (Change::Rekeyed, Some(k("93.01.01")), Some(1.0))
    );
    // Every kabupaten that left Papua (91) went to one of the three new provinces, none was lost.
    let left: Vec<_> = dd
        .rows
        .iter()
        .filter(|r| {
            r.level == Level::KabKota
                && r.old_code.is_some_and(|c| c.to_string().starts_with("91."))
        })
        .filter(|r| r.change != Change::Renamed)
        .collect();
    assert_eq!(left.len(), 20);
    assert!(left.iter().all(|r| r.change == Change::Rekeyed
        && ["93", "94", "95"].contains(&&r.new_code.unwrap().to_string()[..2])));
    // Nothing re-keyed without evidence: every re-keyed row has the same normalised name on both sides.
    for r in dd.of(Change::Rekeyed) {
        assert_eq!(
            kim_core::wilayah::normalise_name(r.old_name.as_deref().unwrap()),
            kim_core::wilayah::normalise_name(r.new_name.as_deref().unwrap())
        );
    }
    // Papua Barat Daya (96) in 2025: Kota Sorong came from 92.71.
    let dd = diff(after, Reference::embedded());
    let sorong = dd
        .rows
        .iter()
        .find(|r| r.old_code == Some(k("92.71")))
        .unwrap();
    assert_eq!(
        (sorong.change, sorong.new_code),
        (Change::Rekeyed, Some(k("96.71")))
    );
}

#[test]
fn a_kecamatan_split_in_kutai_kartanegara() {
    // 58/2021 split Kota Bangun (64.02.11) and Samboja (64.02.15): Kukar went from 18 to 20 kecamatan.
    let before = Reference::version_id("permendagri-72-2019").unwrap();
    let after = Reference::version_id("permendagri-58-2021").unwrap();
    let kukar = Some(k("64.02"));
    assert_eq!(before.counts_within(kukar).kecamatan, 18);
    assert_eq!(after.counts_within(kukar).kecamatan, 20);
    let dd = diff(before, after);
    let new_kec: Vec<String> = dd
        .of(Change::Added)
        .filter(|r| {
            r.level == Level::Kecamatan && r.new_code.unwrap().to_string().starts_with("64.02.")
        })
        .map(|r| format!("{} {}", r.new_code.unwrap(), r.new_name.as_deref().unwrap()))
        .collect();
    assert_eq!(
        new_kec,
        ["64.02.19 Kota Bangun Darat", "64.02.20 Semboja Barat"]
    );
    // Villages that moved into the new kecamatan keep their name under their new parent.
    let moved = dd
        .of(Change::Rekeyed)
        .filter(|r| r.new_code.unwrap().parent() == Some(k("64.02.19")))
        .count();
    assert!(moved > 0);
}

#[test]
fn the_crosswalk_reports_every_status() {
    let old = Reference::version_id("kepmendagri-100.1.1-6117-2022").unwrap();
    let cw = Crosswalk::new(old, Reference::embedded());
    let m = cw.migrate_all(&[k("64.02.01"), k("92.71.01"), k("11.01.01.2999"), k("92.01")]);
    assert_eq!(m[0].status, SeatStatus::Unchanged);
    assert_eq!(
        (m[1].status, m[1].new_code),
        (SeatStatus::Rekeyed, Some(k("96.71.01")))
    );
    assert_eq!(m[2].status, SeatStatus::NotInSource);
    assert_eq!(m[3].new_name.as_deref(), Some("Kabupaten Sorong"));
    let renamed = diff(old, Reference::embedded())
        .of(Change::Renamed)
        .next()
        .unwrap()
        .old_code
        .unwrap();
    assert_eq!(cw.migrate(renamed).status, SeatStatus::Renamed);
    let back = Crosswalk::new(
        Reference::version_id("permendagri-56-2015").unwrap(),
        Reference::embedded(),
    );
    let gone = diff(
        Reference::version_id("permendagri-56-2015").unwrap(),
        Reference::embedded(),
    )
    .of(Change::Removed)
    .next()
    .unwrap()
    .old_code
    .unwrap();
    assert_eq!(back.migrate(gone).status, SeatStatus::Gone);
    assert_eq!(back.migrate(gone).new_code, None);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]
    /// A → B → A is the identity for unchanged codes, and re-keyed codes with confidence 1.0 come back too.
    #[test]
    fn a_to_b_to_a_is_the_identity(a in 0usize..6, b in 0usize..6, pick in any::<prop::sample::Index>()) {
        let v = Reference::versions();
        let ra = Reference::version_id(&v[a].id).unwrap();
        let rb = Reference::version_id(&v[b].id).unwrap();
        let code = ra.kode_at(pick.index(ra.len()));
        let there = Crosswalk::new(ra, rb).migrate(code);
        if there.status == SeatStatus::Unchanged {
            let back = Crosswalk::new(rb, ra).migrate(code);
            prop_assert_eq!(back.status, SeatStatus::Unchanged);
            prop_assert_eq!(back.new_code, Some(code));
        }
        if there.status == SeatStatus::Rekeyed && there.confidence == Some(1.0) {
            let back = Crosswalk::new(rb, ra).migrate(there.new_code.unwrap());
            prop_assert_eq!(back.new_code, Some(code));
        }
    }
}

mod by_date {
    use kim_core::coverage::{
        CodeListChoice, CoverageOptions, SeriesDates, coverage, coverage_by_date,
        coverage_series_by_date, gaps_by_date,
    };
    use kim_core::registry::{Kim, Registry, Status, StatusChange};
    use kim_core::wilayah::{Kode, Level, Reference};

    fn k(s: &str) -> Kode {
        Kode::parse(s).unwrap()
    }

    fn sample() -> Registry {
        Registry::from_json(include_str!("../../examples/data/kim_sample.json")).unwrap()
    }

    #[test]
    fn coverage_in_force_equals_coverage_with_that_version_pinned() {
        let registry = sample();
        for v in Reference::versions() {
            let date = v.in_force + chrono::Days::new(30);
            let opts = CoverageOptions::new(date)
                .level(Level::Kecamatan)
                .within(k("64.02"));
            let by_date = coverage_by_date(&registry, &opts, &CodeListChoice::InForce).unwrap();
            let pinned =
                coverage_by_date(&registry, &opts, &CodeListChoice::Pinned(v.id.clone())).unwrap();
            assert_eq!(by_date.table, pinned.table, "{}", v.id);
            assert_eq!(by_date.table.code_list_version, v.id);
            assert!(
                by_date
                    .table
                    .rows
                    .iter()
                    .all(|r| r.code_list_version == v.id)
            );
            // And it is the plain coverage with that list (Kukar's codes did not move).
            let plain = coverage(&registry, Reference::version_id(&v.id).unwrap(), &opts).unwrap();
            assert_eq!(by_date.table, plain, "{}", v.id);
        }
        let today = CoverageOptions::new("2025-06-30".parse().unwrap()).within(k("64.02"));
        let t = coverage_by_date(
            &registry,
            &today,
            &CodeListChoice::Pinned("permendagri-72-2019".into()),
        )
        .unwrap();
        assert_eq!(
            (t.table.total.kecamatan, t.version.id.as_str()),
            (18, "permendagri-72-2019")
        );
        let err = coverage_by_date(&registry, &today, &CodeListChoice::Pinned("nope".into()))
            .unwrap_err();
        assert_eq!(err.code(), "KIM-E-ARGUMENT");
    }

    #[test]
    fn seats_in_todays_codes_are_rekeyed_into_the_list_in_force() {
        // A KIM seated in Merauke kecamatan (93.01.01 today) since 2020, counted in 2021 under 91.01.01.
        let village = Reference::embedded()
            .children(Some(k("93.01.01")))
            .next()
            .unwrap()
            .kode;
        let mut kim = Kim::new("K1", "KIM Merauke", village);
        kim.history.push(StatusChange::new(
            "2020-01-15".parse().unwrap(),
            Status::Active,
        ));
        let registry = Registry::from_kims([kim]).unwrap();
        let opts = |d: &str, w: &str| CoverageOptions::new(d.parse().unwrap()).within(k(w));
        let c2021 = coverage_by_date(
            &registry,
            &opts("2021-06-30", "93.01"),
            &CodeListChoice::InForce,
        )
        .unwrap();
        assert_eq!(c2021.table.within, Some(k("91.01")));
        assert_eq!((c2021.table.total.n_kim, c2021.seats_rekeyed), (1, 1));
        assert!(c2021.table.unmatched.is_empty());
        let c2025 = coverage_by_date(
            &registry,
            &opts("2025-06-30", "93.01"),
            &CodeListChoice::InForce,
        )
        .unwrap();
        assert_eq!(
            (c2025.table.within, c2025.table.total.n_kim),
            (Some(k("93.01")), 1)
        );
        let g = gaps_by_date(
            &registry,
            &opts("2021-06-30", "93.01"),
            &CodeListChoice::InForce,
        )
        .unwrap();
        assert_eq!(g.code_list_version, "permendagri-72-2019");
        let dates = SeriesDates::Dates(vec![
            "2021-06-30".parse().unwrap(),
            "2025-06-30".parse().unwrap(),
        ]);
        let s = coverage_series_by_date(
            &registry,
            &opts("2025-06-30", "93.01"),
            &dates,
            &CodeListChoice::InForce,
        )
        .unwrap();
        let versions: Vec<&str> = s.iter().map(|p| p.code_list_version.as_str()).collect();
        assert_eq!(
            versions,
            ["permendagri-72-2019", "kepmendagri-300.2.2-2138-2025"]
        );
        assert!(s.iter().all(|p| p.point.n_kim == 1));
    }

    /// An old registry (seats in 58/2021 codes) migrated to today's list: Merauke's village is re-keyed, Kukar's
    /// stays, an unknown code and a dissolved one keep their code and say why; every KIM has a row.
    #[test]
    fn an_old_registry_migrates_through_the_crosswalk() {
        use kim_core::coverage::{MIN_REKEY_CONFIDENCE, migrate_registry};
        use kim_core::wilayah::SeatStatus;
        let old = Reference::version_id("permendagri-58-2021").unwrap();
        let merauke_village = old.children(Some(k("91.01.01"))).next().unwrap().kode;
        let kim = |id: &str, seat: Kode| Kim::new(id, "KIM", seat);
        let registry = Registry::from_kims(vec![
            kim("A", merauke_village),
            kim("B", k("64.02.01.2001")),
            kim("C", k("64.02.01.2999")),
        ])
        .unwrap();
        let m =
            migrate_registry(&registry, old, Reference::embedded(), MIN_REKEY_CONFIDENCE).unwrap();
        assert_eq!(m.from_version, "permendagri-58-2021");
        let status: Vec<SeatStatus> = m.seats.iter().map(|s| s.seat.status).collect();
        assert_eq!(
            status,
            [
                SeatStatus::Rekeyed,
                SeatStatus::Unchanged,
                SeatStatus::NotInSource
            ]
        );
        assert!(m.seats[0].rewritten && !m.seats[1].rewritten && !m.seats[2].rewritten);
        let seats: Vec<String> = m
            .registry
            .kims()
            .iter()
            .map(|k| k.seat.to_string())
            .collect();
        assert!(seats[0].starts_with("93.01.01."), "{seats:?}");
        assert_eq!(&seats[1..], ["64.02.01.2001", "64.02.01.2999"]);
        // And back: today's codes to 58/2021 give the old seat again.
        let back = migrate_registry(
            &m.registry,
            Reference::embedded(),
            old,
            MIN_REKEY_CONFIDENCE,
        )
        .unwrap();
        assert_eq!(back.registry.kims()[0].seat, merauke_village);
    }
}
