//! Coverage metrics (docs/domain.md §7): hand-checked sample figures, a naive oracle, and invariants.
#![allow(
    clippy::too_many_lines,
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::format_push_string
)]

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Days, NaiveDate};
use kim_core::coverage::{
    CoverageOptions, SeriesDates, Target, UnmatchedReason, coverage, coverage_series, gaps,
    target_progress,
};
use kim_core::registry::{Kim, Registry, Status, StatusChange};
use kim_core::wilayah::{Kode, Level, Reference};
use proptest::prelude::*;
use proptest::sample::select;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn k(s: &str) -> Kode {
    Kode::parse(s).unwrap()
}

fn sample() -> Registry {
    Registry::from_json(include_str!("../../examples/data/kim_sample.json")).unwrap()
}

// ---- the Kukar sample, checked by hand (independently, from the JSON, with a few lines of Python) ----------------

#[test]
fn kukar_sample_hand_checked() {
    let opts = CoverageOptions::new(d("2025-06-30")).within(k("64.02"));
    let t = coverage(&sample(), Reference::embedded(), &opts).unwrap();
    assert_eq!(t.rows.len(), 20);
    let tot = &t.total;
    assert_eq!(tot.code, Some(k("64.02")));
    assert_eq!(
        (
            tot.villages.total,
            tot.villages.desa,
            tot.villages.kelurahan,
            tot.villages.desa_adat
        ),
        (237, 193, 44, 0)
    );
    assert_eq!(tot.kecamatan, 20);
    assert_eq!(tot.n_kim, 36);
    assert_eq!(tot.villages_with_kim.total, 32);
    assert_eq!(
        (tot.villages_with_kim.desa, tot.villages_with_kim.kelurahan),
        (27, 5)
    );
    assert_eq!(tot.kecamatan_with_kim, 14);
    assert_eq!(tot.n_members, 354);
    assert!((tot.village_ratio.unwrap() - 32.0 / 237.0).abs() < 1e-12);
    assert!((tot.kecamatan_ratio.unwrap() - 0.7).abs() < 1e-12);
    let row = |c: &str| t.rows.iter().find(|r| r.code == Some(k(c))).unwrap();
    assert_eq!(
        (
            row("64.02.12").villages_with_kim.total,
            row("64.02.16").n_kim
        ),
        (5, 4)
    );
    assert_eq!(row("64.02.04").villages_with_kim.total, 0);
    assert_eq!(row("64.02.04").kecamatan_with_kim, 0);
    assert_eq!(t.code_list_version, "kepmendagri-300.2.2-2138-2025");
    assert!(
        t.rows
            .iter()
            .all(|r| r.as_of == d("2025-06-30") && r.code_list_version == t.code_list_version)
    );
    assert!(t.unmatched.is_empty());

    for (date, n_kim, villages, kec) in [("2020-01-01", 22, 20, 13), ("2023-12-31", 32, 29, 14)] {
        let t = coverage(
            &sample(),
            Reference::embedded(),
            &CoverageOptions::new(d(date)).within(k("64.02")),
        )
        .unwrap();
        assert_eq!(
            (
                t.total.n_kim,
                t.total.villages_with_kim.total,
                t.total.kecamatan_with_kim
            ),
            (n_kim, villages, kec),
            "{date}"
        );
    }
    let g = gaps(&sample(), Reference::embedded(), &opts).unwrap();
    assert_eq!((g.villages.len(), g.kecamatan.len()), (237 - 32, 6));
}

#[test]
fn national_rows_include_units_without_kim() {
    let opts = CoverageOptions::new(d("2025-06-30")).level(Level::Provinsi);
    let t = coverage(&sample(), Reference::embedded(), &opts).unwrap();
    assert_eq!(t.rows.len(), 38);
    assert_eq!(t.total.name, "Indonesia");
    assert_eq!(t.total.villages.total, 83_762);
    assert_eq!(t.total.kecamatan, 7_285);
    assert_eq!(t.rows.iter().filter(|r| r.n_kim > 0).count(), 1);
    let kaltim = t.rows.iter().find(|r| r.code == Some(k("64"))).unwrap();
    assert_eq!(kaltim.villages_with_kim.total, 32);
}

#[test]
fn unmatched_seats_are_listed_not_dropped() {
    let mut reg = sample();
    let mut ghost = Kim::new("GHOST", "KIM Hantu", k("64.02.01.2999"));
    ghost
        .history
        .push(StatusChange::new(d("2024-01-01"), Status::Active));
    let mut kec = Kim::new("KEC", "KIM Kecamatan", k("64.02.01"));
    kec.history
        .push(StatusChange::new(d("2024-01-01"), Status::Active));
    let mut elsewhere = Kim::new("FAR", "KIM Jauh", k("35.78.01.1001"));
    elsewhere
        .history
        .push(StatusChange::new(d("2024-01-01"), Status::Active));
    reg.insert(ghost).unwrap();
    reg.insert(kec).unwrap();
    reg.insert(elsewhere).unwrap();
    let t = coverage(
        &reg,
        Reference::embedded(),
        &CoverageOptions::new(d("2025-06-30")).within(k("64.02")),
    )
    .unwrap();
    let un: Vec<(&str, UnmatchedReason)> = t
        .unmatched
        .iter()
        .map(|u| (u.kim_id.as_str(), u.reason))
        .collect();
    assert_eq!(
        un,
        [
            ("GHOST", UnmatchedReason::NotInCodeList),
            ("KEC", UnmatchedReason::NotAVillage)
        ]
    );
    assert_eq!(
        t.total.n_kim, 36,
        "unmatched KIMs are not counted; FAR is outside 64.02"
    );
}

#[test]
fn status_changes_take_effect_on_their_day() {
    let mut kim = Kim::new("K", "KIM", k("64.02.01.2001"));
    kim.history = vec![
        StatusChange::new(d("2024-01-10"), Status::Registered),
        StatusChange::new(d("2024-02-01"), Status::Active),
        StatusChange::new(d("2024-06-01"), Status::Inactive),
        StatusChange::new(d("2024-09-01"), Status::Active),
        StatusChange::new(d("2025-01-01"), Status::Dissolved),
    ];
    let reg = Registry::from_kims([kim]).unwrap();
    let covered = |date: &str| {
        coverage(
            &reg,
            Reference::embedded(),
            &CoverageOptions::new(d(date))
                .level(Level::Desa)
                .within(k("64.02.01")),
        )
        .unwrap()
        .total
        .villages_with_kim
        .total
    };
    let expect = [
        ("2024-01-09", 0),
        ("2024-01-10", 1),
        ("2024-05-31", 1),
        ("2024-06-01", 0),
        ("2024-08-31", 0),
        ("2024-09-01", 1),
        ("2024-12-31", 1),
        ("2025-01-01", 0),
    ];
    for (date, n) in expect {
        assert_eq!(covered(date), n, "{date}");
    }
    // Only `active` counts when asked.
    let only_active = CoverageOptions::new(d("2024-01-15"))
        .level(Level::Desa)
        .within(k("64.02.01"))
        .active(&[Status::Active]);
    assert_eq!(
        coverage(&reg, Reference::embedded(), &only_active)
            .unwrap()
            .total
            .villages_with_kim
            .total,
        0
    );
    // The series agrees with point computations on every date.
    let dates: Vec<NaiveDate> = expect.iter().map(|(s, _)| d(s)).collect();
    let series = coverage_series(
        &reg,
        Reference::embedded(),
        &CoverageOptions::new(d("2024-01-01")).within(k("64.02.01")),
        &SeriesDates::Dates(dates),
    )
    .unwrap();
    let got: Vec<u32> = series.iter().map(|p| p.villages_with_kim.total).collect();
    assert_eq!(got, expect.iter().map(|e| e.1).collect::<Vec<_>>());
}

#[test]
fn only_valid_excludes_kims_with_errors() {
    let opts = CoverageOptions::new(d("2025-06-30")).within(k("64.02"));
    let all = coverage(&sample(), Reference::embedded(), &opts).unwrap();
    let valid = coverage(
        &sample(),
        Reference::embedded(),
        &opts
            .clone()
            .only_valid(kim_core::rules::ProfileSet::builtin()),
    )
    .unwrap();
    // KIM-6402-002 (PNS member), -004 (registered in Berau) and -006 (SK issuer) are active but invalid; -003 is a draft.
    assert_eq!(
        valid.excluded_invalid,
        ["KIM-6402-002", "KIM-6402-004", "KIM-6402-006"]
    );
    assert_eq!(valid.total.n_kim, all.total.n_kim - 3);
}

#[test]
fn month_end_series_and_target() {
    let reg = sample();
    let opts = CoverageOptions::new(d("2025-06-30")).within(k("64.02"));
    let s = coverage_series(
        &reg,
        Reference::embedded(),
        &opts,
        &SeriesDates::MonthEnds {
            from: d("2020-01-15"),
            to: d("2025-06-30"),
        },
    )
    .unwrap();
    assert_eq!(s.len(), 66);
    assert_eq!(s[0].date, d("2020-01-31"));
    assert_eq!(s[1].date, d("2020-02-29"));
    assert_eq!(s.last().unwrap().date, d("2025-06-30"));
    for p in &s {
        let point = coverage(
            &reg,
            Reference::embedded(),
            &CoverageOptions::new(p.date).within(k("64.02")),
        )
        .unwrap();
        assert_eq!(
            p.villages_with_kim, point.total.villages_with_kim,
            "{}",
            p.date
        );
        assert_eq!(
            (p.kecamatan_with_kim, p.n_kim),
            (point.total.kecamatan_with_kim, point.total.n_kim),
            "{}",
            p.date
        );
    }
    // Target: 50% of 237 villages (119) by 2030-12-31.
    let progress = target_progress(
        &reg,
        Reference::embedded(),
        &opts,
        Target::new(0.5, d("2030-12-31")).window_months(12),
    )
    .unwrap();
    let year_ago = coverage(
        &reg,
        Reference::embedded(),
        &CoverageOptions::new(d("2024-06-30")).within(k("64.02")),
    )
    .unwrap();
    let gained = f64::from(32 - year_ago.total.villages_with_kim.total);
    assert_eq!(progress.villages_needed, 119 - 32);
    assert!((progress.pace_per_month - gained / 12.0).abs() < 1e-12);
    if gained > 0.0 {
        let months = (87.0 / (gained / 12.0)).ceil() as u32;
        assert_eq!(
            progress.projected_date,
            d("2025-06-30").checked_add_months(chrono::Months::new(months))
        );
        assert_eq!(
            progress.on_time,
            progress.projected_date.unwrap() <= d("2030-12-31")
        );
    } else {
        assert_eq!(progress.projected_date, None);
        assert!(!progress.on_time);
    }
    let reached = target_progress(
        &reg,
        Reference::embedded(),
        &opts,
        Target::new(0.1, d("2025-12-31")).window_months(6),
    )
    .unwrap();
    assert_eq!(
        (
            reached.villages_needed,
            reached.projected_date,
            reached.on_time
        ),
        (0, Some(d("2025-06-30")), true)
    );
}

#[test]
fn bad_options_are_errors() {
    let r = Reference::embedded();
    let reg = sample();
    let e = |o: CoverageOptions| coverage(&reg, r, &o).unwrap_err().code();
    assert_eq!(
        e(CoverageOptions::new(d("2025-01-01")).within(k("64.02.99"))),
        "KIM-E-NOT-IN-LIST"
    );
    assert_eq!(
        e(CoverageOptions::new(d("2025-01-01"))
            .within(k("64.02"))
            .level(Level::Provinsi)),
        "KIM-E-ARGUMENT"
    );
    assert_eq!(
        e(CoverageOptions::new(d("2025-01-01")).active(&[])),
        "KIM-E-ARGUMENT"
    );
    let bad_target = Target::new(1.5, d("2030-01-01")).window_months(12);
    assert!(target_progress(&reg, r, &CoverageOptions::new(d("2025-01-01")), bad_target).is_err());
    let backwards = SeriesDates::MonthEnds {
        from: d("2025-01-01"),
        to: d("2024-01-01"),
    };
    assert!(coverage_series(&reg, r, &CoverageOptions::new(d("2025-01-01")), &backwards).is_err());
}

#[test]
fn csv_output_has_every_row_and_the_total() {
    let t = coverage(
        &sample(),
        Reference::embedded(),
        &CoverageOptions::new(d("2025-06-30")).within(k("64.02")),
    )
    .unwrap();
    let mut buf = Vec::new();
    t.write_csv(&mut buf).unwrap();
    let text = String::from_utf8(buf).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + 20 + 1);
    assert!(lines[0].starts_with("row,code,name,level,parent,villages,"));
    assert!(lines[1].starts_with("unit,64.02.01,Muara Muntai,kecamatan,64.02,"));
    assert!(lines[21].starts_with(
        "total,64.02,Kabupaten Kutai Kartanegara,kab_kota,64,237,193,44,0,32,27,5,0,0.135021"
    ));
}

// ---- oracle and invariants ---------------------------------------------------------------------------------------

/// A deliberately simple implementation: for each unit, scan everything.
fn oracle(
    reg: &Registry,
    r: &Reference,
    level: Level,
    within: Option<Kode>,
    as_of: NaiveDate,
) -> BTreeMap<Kode, (u32, u32, u32, u32, u32)> {
    let active = |kim: &Kim| {
        matches!(
            kim.status_on(as_of),
            Some(Status::Registered | Status::Active)
        )
    };
    let mut out = BTreeMap::new();
    for unit in r.iter().filter(|u| {
        u.kode.level() == level && within.is_none_or(|w| w.contains(u.kode) && w != u.kode)
    }) {
        let villages: Vec<Kode> = r
            .iter()
            .map(|v| v.kode)
            .filter(|v| v.level() == Level::Desa && unit.kode.contains(*v))
            .collect();
        let covered: BTreeSet<Kode> = reg
            .kims()
            .iter()
            .filter(|kim| active(kim) && villages.contains(&kim.seat))
            .map(|kim| kim.seat)
            .collect();
        let kecs: BTreeSet<Kode> = villages.iter().map(|v| v.parent().unwrap()).collect();
        let all_kecs = r
            .iter()
            .filter(|u| u.kode.level() == Level::Kecamatan && unit.kode.contains(u.kode))
            .count() as u32;
        let kec_with = kecs
            .iter()
            .filter(|c| unit.kode.contains(**c) && covered.iter().any(|v| c.contains(*v)))
            .count() as u32;
        let n_kim = reg
            .kims()
            .iter()
            .filter(|kim| active(kim) && villages.contains(&kim.seat))
            .count() as u32;
        out.insert(
            unit.kode,
            (
                villages.len() as u32,
                covered.len() as u32,
                all_kecs,
                kec_with,
                n_kim,
            ),
        );
    }
    out
}

/// A small reference: one province with random kab/kota, kecamatan and villages.
fn arb_reference() -> impl Strategy<Value = Reference> {
    proptest::collection::vec((1u32..4, 1u32..4, 0u32..5, any::<bool>()), 1..5).prop_map(|spec| {
        let mut csv = String::from("code,name\n64,Prov\n");
        for (kk, (kecs, _, _, _)) in spec.iter().enumerate() {
            let kk = kk + 1;
            csv.push_str(&format!("64.{kk:02},Kab {kk}\n"));
            for c in 1..=*kecs {
                csv.push_str(&format!("64.{kk:02}.{c:02},Kec {kk}-{c}\n"));
                let (_, _, villages, kel) = spec[(c as usize) % spec.len()];
                for v in 1..=villages {
                    let x = if kel && v % 2 == 0 { 1 } else { 2 };
                    csv.push_str(&format!("64.{kk:02}.{c:02}.{x}{v:03},Desa {kk}-{c}-{v}\n"));
                }
            }
        }
        Reference::from_csv(csv.as_bytes(), "test").unwrap()
    })
}

fn arb_case() -> impl Strategy<Value = (Reference, Registry, NaiveDate)> {
    arb_reference()
        .prop_flat_map(|r| {
            let mut seats: Vec<Kode> = r
                .iter()
                .filter(|u| u.kode.level() == Level::Desa)
                .map(|u| u.kode)
                .collect();
            seats.push(k("64.01.01.2999")); // not in the list
            seats.push(k("64.01")); // not a village
            let kims = proptest::collection::vec(
                (
                    select(seats),
                    proptest::collection::vec((0u64..500, select(Status::ALL)), 0..4),
                ),
                0..25,
            );
            (Just(r), kims, 0u64..1500)
        })
        .prop_map(|(r, kims, day)| {
            let base = d("2020-01-01");
            let mut reg = Registry::new();
            for (i, (seat, steps)) in kims.into_iter().enumerate() {
                let mut kim = Kim::new(format!("K{i}"), "x", seat);
                let mut date = base;
                for (gap, status) in steps {
                    if Status::can_follow(kim.status(), status) {
                        date = date + Days::new(gap);
                        kim.history.push(StatusChange::new(date, status));
                    }
                }
                reg.insert(kim).unwrap();
            }
            (r, reg, base + Days::new(day))
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn fast_path_agrees_with_the_oracle((r, reg, as_of) in arb_case(), lvl in 0usize..3) {
        let (level, within) = [(Level::KabKota, Some(k("64"))), (Level::Kecamatan, None), (Level::Desa, Some(k("64")))][lvl];
        let mut opts = CoverageOptions::new(as_of).level(level);
        opts.within = within;
        let t = coverage(&reg, &r, &opts).unwrap();
        let expect = oracle(&reg, &r, level, within, as_of);
        prop_assert_eq!(t.rows.len(), expect.len());
        for row in &t.rows {
            let e = expect[&row.code.unwrap()];
            let got = (row.villages.total, row.villages_with_kim.total, row.kecamatan, row.kecamatan_with_kim, row.n_kim);
            prop_assert_eq!(got, e, "{:?}", row.code);
        }
    }

    #[test]
    fn invariants_hold((r, reg, as_of) in arb_case()) {
        let reference = &r;
        let for_level = |level| coverage(&reg, reference, &CoverageOptions::new(as_of).level(level)).unwrap();
        let tables: Vec<_> = [Level::Provinsi, Level::KabKota, Level::Kecamatan, Level::Desa].into_iter().map(for_level).collect();
        for t in &tables {
            for row in t.rows.iter().chain(std::iter::once(&t.total)) {
                prop_assert!(row.villages_with_kim.total <= row.villages.total);
                prop_assert!(row.kecamatan_with_kim <= row.kecamatan);
                prop_assert!(row.villages_with_kim.total <= row.n_kim);
                for ratio in [row.village_ratio, row.kecamatan_ratio, row.desa_ratio, row.kelurahan_ratio].into_iter().flatten() {
                    prop_assert!((0.0..=1.0).contains(&ratio));
                }
            }
            // Rows of a level sum to the total.
            let sum = |f: fn(&kim_core::coverage::CoverageRow) -> u32| t.rows.iter().map(f).sum::<u32>();
            prop_assert_eq!(sum(|r| r.villages.total), t.total.villages.total);
            prop_assert_eq!(sum(|r| r.villages_with_kim.total), t.total.villages_with_kim.total);
            prop_assert_eq!(sum(|r| r.n_kim), t.total.n_kim);
            if t.level != Level::Desa {
                prop_assert_eq!(sum(|r| r.kecamatan_with_kim), t.total.kecamatan_with_kim);
            }
        }
        // Rows of each level sum to their parent row.
        for pair in tables.windows(2) {
            for parent in &pair[0].rows {
                let children: Vec<_> = pair[1].rows.iter().filter(|c| c.parent == parent.code).collect();
                prop_assert_eq!(children.iter().map(|c| c.villages_with_kim.total).sum::<u32>(), parent.villages_with_kim.total);
                prop_assert_eq!(children.iter().map(|c| c.villages.total).sum::<u32>(), parent.villages.total);
                prop_assert_eq!(children.iter().map(|c| c.n_kim).sum::<u32>(), parent.n_kim);
            }
        }
        // Gaps are the complement.
        let g = gaps(&reg, reference, &CoverageOptions::new(as_of)).unwrap();
        prop_assert_eq!(g.villages.len() as u32, tables[0].total.villages.total - tables[0].total.villages_with_kim.total);
        prop_assert_eq!(g.kecamatan.len() as u32, tables[0].total.kecamatan - tables[0].total.kecamatan_with_kim);
    }

    #[test]
    fn adding_never_lowers_and_dissolving_never_raises((r, reg, as_of) in arb_case(), pick in any::<prop::sample::Index>()) {
        let opts = CoverageOptions::new(as_of).level(Level::Kecamatan);
        let before = coverage(&reg, &r, &opts).unwrap();
        let villages: Vec<Kode> = r.iter().filter(|u| u.kode.level() == Level::Desa).map(|u| u.kode).collect();
        if !villages.is_empty() {
            let mut more = reg.clone();
            let mut kim = Kim::new("NEW", "baru", villages[pick.index(villages.len())]);
            kim.history.push(StatusChange::new(as_of, Status::Active));
            more.insert(kim).unwrap();
            let after = coverage(&more, &r, &opts).unwrap();
            prop_assert!(after.total.villages_with_kim.total >= before.total.villages_with_kim.total);
            prop_assert!(after.total.kecamatan_with_kim >= before.total.kecamatan_with_kim);
            for (a, b) in after.rows.iter().zip(&before.rows) {
                prop_assert!(a.villages_with_kim.total >= b.villages_with_kim.total);
            }
        }
        if !reg.is_empty() {
            let i = pick.index(reg.len());
            let mut kims = reg.kims().to_vec();
            if kims[i].status() != Some(Status::Dissolved) {
                let last = kims[i].history.last().map_or(as_of, |c| c.date.max(as_of));
                kims[i].history.push(StatusChange::new(last, Status::Dissolved));
                let fewer = Registry::from_kims(kims).unwrap();
                let after = coverage(&fewer, &r, &opts).unwrap();
                prop_assert!(after.total.villages_with_kim.total <= before.total.villages_with_kim.total);
                for (a, b) in after.rows.iter().zip(&before.rows) {
                    prop_assert!(a.villages_with_kim.total <= b.villages_with_kim.total);
                }
            }
        }
    }

    #[test]
    fn series_agrees_with_point_computations((r, reg, _as_of) in arb_case(), offsets in proptest::collection::vec(0u64..2000, 1..8)) {
        let dates: Vec<NaiveDate> = offsets.iter().map(|o| d("2019-12-01") + Days::new(*o)).collect();
        let s = coverage_series(&reg, &r, &CoverageOptions::new(d("2020-01-01")), &SeriesDates::Dates(dates.clone())).unwrap();
        let mut sorted = dates;
        sorted.sort_unstable();
        sorted.dedup();
        prop_assert_eq!(s.len(), sorted.len());
        for p in &s {
            let t = coverage(&reg, &r, &CoverageOptions::new(p.date).level(Level::Provinsi)).unwrap();
            prop_assert_eq!(p.villages_with_kim, t.total.villages_with_kim);
            prop_assert_eq!(p.kecamatan_with_kim, t.total.kecamatan_with_kim);
            prop_assert_eq!(p.n_kim, t.total.n_kim);
        }
    }
}

#[test]
fn seat_positions_are_cached_per_code_list() {
    // A registry remembers where its seats sit in the first code list it is asked about; another list (here only
    // province 64, so seats elsewhere are unmatched) must not reuse those positions, before or after.
    let registry = sample();
    let embedded = Reference::embedded();
    let tsv: String = kim_core::wilayah::EMBEDDED_TSV
        .lines()
        .filter(|l| l.starts_with('#') || l.starts_with("64"))
        .flat_map(|l| [l, "\n"])
        .collect();
    let only_64 = Reference::from_tsv(&tsv).unwrap();
    let fresh = |reference: &Reference| {
        let copy = Registry::from_kims(registry.kims().to_vec()).unwrap();
        coverage(&copy, reference, &CoverageOptions::new(d("2025-06-30"))).unwrap()
    };
    let opts = CoverageOptions::new(d("2025-06-30"));
    for reference in [embedded, &only_64, embedded, &only_64.clone()] {
        assert_eq!(
            coverage(&registry, reference, &opts).unwrap(),
            fresh(reference)
        );
    }
    let with_64 = coverage(&registry, &only_64, &opts).unwrap();
    let kecamatan_in_64 = only_64
        .descendants(None)
        .filter(|u| u.kode.level() == Level::Kecamatan)
        .count();
    assert_eq!(with_64.rows.len(), kecamatan_in_64);
    assert!(kecamatan_in_64 < coverage(&registry, embedded, &opts).unwrap().rows.len());
}
