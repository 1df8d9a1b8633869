//! Every rule of every shipped profile fires once and stays silent once (docs/domain.md §3).
//!
//! A "good" KIM is built for each region; one mutation per rule code must raise exactly that code. The last test
//! checks that this table covers every rule code shipped, so a new rule cannot go untested.
// Test tables: one closure per rule reads better without semicolons; long tables and LCG constants are fine here.
#![allow(
    clippy::semicolon_if_nothing_returned,
    clippy::too_many_lines,
    clippy::similar_names,
    clippy::cast_possible_truncation,
    clippy::unreadable_literal,
    clippy::needless_range_loop
)]

use chrono::{Months, NaiveDate};
use kim_core::registry::{
    EvidenceKind, FormationEvidence, IssuerRole, Kim, Member, Nik, Occupation, Registration,
    Registry, Role, Sex, Sk, Status, StatusChange,
};
use kim_core::rules::{ProfileSet, Severity, validate, validate_registry};
use kim_core::wilayah::{Kode, Level, Reference};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn k(s: &str) -> Kode {
    Kode::parse(s).unwrap()
}

/// The first village of a region in the embedded list.
fn village_in(region: &str) -> Kode {
    Reference::embedded()
        .units_at(Level::Desa, Some(k(region)))
        .next()
        .unwrap()
        .kode
}

fn nik_for(region6: &str, sex: Sex, birth: NaiveDate, serial: u32) -> Nik {
    use chrono::Datelike;
    let day = birth.day() + if sex == Sex::Female { 40 } else { 0 };
    Nik::parse(&format!(
        "{region6}{day:02}{:02}{:02}{serial:04}",
        birth.month(),
        birth.year() % 100
    ))
    .unwrap()
}

/// A KIM that passes every rule of the national profile for `sk_date`'s era and of the overlay for its seat.
fn good_kim(seat: Kode, n: usize, sk_date: NaiveDate) -> Kim {
    let mut kim = Kim::new("K1", "KIM Contoh", seat);
    let issuer = if seat.village_kind() == Some(kim_core::wilayah::VillageKind::Kelurahan) {
        IssuerRole::Lurah
    } else {
        IssuerRole::KepalaDesa
    };
    kim.sk = Some(Sk::new("141/05/SK-KIM/2023", sk_date, issuer));
    let reg_date = sk_date + chrono::Days::new(20);
    kim.registration = Some(Registration::new(
        "555/1/DISKOMINFO",
        reg_date,
        seat.ancestor(Level::KabKota).unwrap(),
    ));
    kim.formation =
        Some(FormationEvidence::new(EvidenceKind::BeritaAcaraMusyawarah, "BA/01").dated(sk_date));
    kim.statutes = true;
    kim.history = vec![
        StatusChange::new(sk_date, Status::Established),
        StatusChange::new(reg_date, Status::Registered),
        StatusChange::new(reg_date + chrono::Days::new(1), Status::Active),
    ];
    let roles = [
        Role::Ketua,
        Role::Sekretaris,
        Role::Bendahara,
        Role::BidangPengumpulan,
        Role::BidangPengelolaan,
        Role::BidangPenyebaran,
    ];
    let region6 = seat.ancestor(Level::Kecamatan).unwrap().digits();
    for i in 0..n {
        let sex = if i % 2 == 0 { Sex::Female } else { Sex::Male };
        let birth = d("1980-03-15") + chrono::Days::new(i as u64 * 97);
        let mut m = Member::new(
            format!("m{i}"),
            format!("Anggota {i}"),
            roles.get(i).copied().unwrap_or(Role::Anggota),
        );
        m.nik = Some(nik_for(&region6, sex, birth, 100 + i as u32));
        m.sex = Some(sex);
        m.birth_date = Some(birth);
        m.occupation = Occupation::Petani;
        m.term_start = Some(sk_date);
        m.term_end = Some(
            sk_date
                .checked_add_months(Months::new(36))
                .unwrap()
                .pred_opt()
                .unwrap(),
        );
        m.clean_record = Some(true);
        m.residence = Some(seat);
        kim.members.push(m);
    }
    kim
}

struct Case {
    code: &'static str,
    profiles: &'static [&'static str],
    region: &'static str,
    era_2010: bool,
    mutate: fn(&mut Kim),
}

const P24: &[&str] = &["permenkominfo-4-2024"];
const P10: &[&str] = &["permenkominfo-8-2010"];

fn cases() -> Vec<Case> {
    fn c(
        code: &'static str,
        profiles: &'static [&'static str],
        region: &'static str,
        era_2010: bool,
        mutate: fn(&mut Kim),
    ) -> Case {
        Case {
            code,
            profiles,
            region,
            era_2010,
            mutate,
        }
    }
    let not_in_list = |kim: &mut Kim| kim.seat = k("64.02.01.2999");
    let kecamatan_seat = |kim: &mut Kim| kim.seat = kim.seat.parent().unwrap();
    vec![
        // Permenkominfo 4/2024, Pasal 23(3)
        c("KIM-F1-EVIDENCE", P24, "64.02", false, |kim| {
            kim.formation = None
        }),
        c("KIM-F2-LEVEL", P24, "64.02", false, kecamatan_seat),
        c("KIM-F2-UNKNOWN", P24, "64.02", false, not_in_list),
        c("KIM-F3-MISSING", P24, "64.02", false, |kim| kim.sk = None),
        c("KIM-F3-ISSUER", P24, "64.02", false, |kim| {
            kim.sk.as_mut().unwrap().issuer = IssuerRole::Other
        }),
        c("KIM-F3-NUMBER", P24, "64.02", false, |kim| {
            kim.sk.as_mut().unwrap().number = "  ".into()
        }),
        c("KIM-F3-DATE", P24, "64.02", false, |kim| {
            kim.sk.as_mut().unwrap().date = d("2025-07-01")
        }),
        c("KIM-F4-MISSING", P24, "64.02", false, |kim| {
            kim.registration = None
        }),
        c("KIM-F4-KABKOTA", P24, "64.02", false, |kim| {
            kim.registration.as_mut().unwrap().kab_kota = k("64.03")
        }),
        c("KIM-F4-DATE", P24, "64.02", false, |kim| {
            kim.registration.as_mut().unwrap().date = d("2023-06-30")
        }),
        c("KIM-D-NIK-MISMATCH", P24, "64.02", false, |kim| {
            kim.members[0].birth_date = Some(d("1980-03-16"))
        }),
        c("KIM-D-NIK-REGION", P24, "64.02", false, |kim| {
            kim.members[0].nik = Some(Nik::parse("6499994303800001").unwrap())
        }),
        // Permenkominfo 08/2010 and the 2008 guide
        c("KIM-2010-SEAT", P10, "64.02", true, kecamatan_seat),
        c("KIM-2010-SEAT-UNKNOWN", P10, "64.02", true, not_in_list),
        c("KIM-2010-SK", P10, "64.02", true, |kim| kim.sk = None),
        c("KIM-2010-SK-ISSUER", P10, "64.02", true, |kim| {
            kim.sk.as_mut().unwrap().issuer = IssuerRole::Camat
        }),
        c("KIM-2010-MEMBERS", P10, "64.02", true, |kim| {
            kim.members.truncate(2)
        }),
        c("KIM-2010-OFFICERS", P10, "64.02", true, |kim| {
            kim.members[2].role = Role::Anggota
        }),
        c("KIM-2010-DIVERSITY", P10, "64.02", true, |kim| {
            kim.members.iter_mut().for_each(|m| m.sex = Some(Sex::Male))
        }),
        // Local overlays [L]
        c(
            "KIM-L-6402-NO-PNS",
            &["overlay-6402-kutai-kartanegara"],
            "64.02",
            false,
            |kim| kim.members[4].occupation = Occupation::Pns,
        ),
        c(
            "KIM-L-6403-EMPLOYMENT",
            &["overlay-6403-berau"],
            "64.03",
            false,
            |kim| kim.members[4].occupation = Occupation::KaryawanSwasta,
        ),
        c(
            "KIM-L-3578-MIN-MEMBERS",
            &["overlay-3578-surabaya"],
            "35.78",
            false,
            |kim| kim.members.truncate(9),
        ),
        c(
            "KIM-L-3578-OFFICER-AGE",
            &["overlay-3578-surabaya"],
            "35.78",
            false,
            |kim| kim.members[0].birth_date = Some(d("2008-01-01")),
        ),
        c(
            "KIM-L-3578-CLEAN-RECORD",
            &["overlay-3578-surabaya"],
            "35.78",
            false,
            |kim| kim.members[1].clean_record = None,
        ),
        c(
            "KIM-L-3578-STATUTES",
            &["overlay-3578-surabaya"],
            "35.78",
            false,
            |kim| kim.statutes = false,
        ),
        c(
            "KIM-L-3578-TERM",
            &["overlay-3578-surabaya"],
            "35.78",
            false,
            |kim| kim.members[2].term_end = Some(d("2028-07-01")),
        ),
        c(
            "KIM-L-3601-MIN-MEMBERS",
            &["overlay-3601-pandeglang"],
            "36.01",
            false,
            |kim| kim.members.truncate(9),
        ),
        c(
            "KIM-L-7271-STRUCTURE",
            &["overlay-7271-palu"],
            "72.71",
            false,
            |kim| kim.members[5].role = Role::Anggota,
        ),
        c(
            "KIM-L-7271-RESIDENCE",
            &["overlay-7271-palu"],
            "72.71",
            false,
            |kim| kim.members[3].residence = Some(k("72.71.01")),
        ),
        c(
            "KIM-L-6106-MEMBERS",
            &["overlay-6106-kapuas-hulu"],
            "61.06",
            false,
            |kim| kim.members.push(Member::new("m99", "Lebih", Role::Anggota)),
        ),
    ]
}

fn run(case: &Case, mutated: bool) -> kim_core::rules::Report {
    let set = ProfileSet::builtin();
    let sk_date = if case.era_2010 {
        d("2017-06-01")
    } else {
        d("2023-07-01")
    };
    let as_of = if case.era_2010 {
        d("2019-05-01")
    } else {
        d("2025-06-30")
    };
    let n = if case.region == "61.06" { 8 } else { 10 };
    let mut kim = good_kim(village_in(case.region), n, sk_date);
    if mutated {
        (case.mutate)(&mut kim);
    }
    let profiles = set.select(case.profiles, as_of).unwrap();
    validate(&kim, &profiles, Reference::embedded(), as_of).unwrap()
}

#[test]
fn each_rule_fires_and_stays_silent() {
    for case in cases() {
        let good = run(&case, false);
        assert!(
            good.ok(),
            "{}: the good KIM fails: {:#?}",
            case.code,
            good.findings
        );
        assert!(!good.has(case.code), "{} fires on the good KIM", case.code);
        assert!(
            good.findings.is_empty(),
            "{}: the good KIM has findings: {:#?}",
            case.code,
            good.findings
        );
        let bad = run(&case, true);
        assert!(
            bad.has(case.code),
            "{} does not fire: {:#?}",
            case.code,
            bad.findings
        );
        let f = bad.findings.iter().find(|f| f.code == case.code).unwrap();
        assert!(
            !f.message_id.contains('{') && !f.message_en.contains('{'),
            "{}: unrendered placeholder: {}",
            case.code,
            f.message_en
        );
        assert!(!f.path.is_empty());
        if f.severity == Severity::Error {
            assert!(!bad.ok());
        }
    }
}

#[test]
fn every_shipped_rule_code_is_in_the_table() {
    let tested: std::collections::HashSet<&str> = cases().iter().map(|c| c.code).collect();
    for p in ProfileSet::builtin().profiles() {
        for r in &p.rules {
            assert!(
                tested.contains(r.code.as_str()),
                "rule {} of {} has no fire/no-fire test",
                r.code,
                p.id
            );
        }
    }
}

#[test]
fn overlay_outside_its_region_is_reported_not_applied() {
    let set = ProfileSet::builtin();
    let as_of = d("2025-06-30");
    let mut kim = good_kim(village_in("64.02"), 10, d("2023-07-01"));
    kim.members[0].occupation = Occupation::KaryawanSwasta; // barred in Berau, fine in Kukar
    let r = validate(
        &kim,
        &set.select(&["overlay-6403-berau"], as_of).unwrap(),
        Reference::embedded(),
        as_of,
    )
    .unwrap();
    assert!(r.ok());
    assert!(r.has(kim_core::rules::OVERLAY_NOT_APPLIED));
    assert!(!r.has("KIM-L-6403-EMPLOYMENT"));
    // Berau's overlay is from 2025: before then it does not apply either.
    let mut kim = good_kim(village_in("64.03"), 10, d("2023-07-01"));
    kim.members[0].occupation = Occupation::KaryawanSwasta;
    let early = d("2024-12-31");
    let r = validate(
        &kim,
        &set.select(&["overlay-6403-berau"], early).unwrap(),
        Reference::embedded(),
        early,
    )
    .unwrap();
    assert!(r.has(kim_core::rules::OVERLAY_NOT_APPLIED) && !r.has("KIM-L-6403-EMPLOYMENT"));
}

#[test]
fn applicable_picks_overlays_by_seat() {
    let set = ProfileSet::builtin();
    let ids = |seat: &str, date: &str| -> Vec<String> {
        set.applicable(k(seat), d(date))
            .unwrap()
            .iter()
            .map(|p| p.id.clone())
            .collect()
    };
    assert_eq!(
        ids("64.02.01.2001", "2025-01-01"),
        ["permenkominfo-4-2024", "overlay-6402-kutai-kartanegara"]
    );
    assert_eq!(ids("64.02.01.2001", "2019-05-01"), ["permenkominfo-8-2010"]);
    assert_eq!(
        ids("35.78.01.1001", "2019-05-01"),
        ["permenkominfo-8-2010", "overlay-3578-surabaya"]
    );
}

#[test]
fn findings_carry_citation_and_both_languages() {
    let case = &cases()[1]; // KIM-F2-LEVEL
    let r = run(case, true);
    let f = r
        .findings
        .iter()
        .find(|f| f.code == "KIM-F2-LEVEL")
        .unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.path, "seat");
    assert_eq!(f.profile, "permenkominfo-4-2024");
    assert!(
        f.citation
            .instrument
            .starts_with("Permenkominfo No. 4 Tahun 2024")
    );
    assert_eq!(
        f.citation.pasal.as_deref(),
        Some("Pasal 23 ayat (3) huruf b")
    );
    assert!(f.message_id.contains("berkedudukan di desa/kelurahan"));
    assert!(f.message_en.contains("seated in a desa or kelurahan"));
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["findings"][0]["citation"]["tag"], "R");
}

#[test]
fn max_kims_per_village_spans_the_registry() {
    let mut set = ProfileSet::builtin();
    set.load_json(
        r#"{"schema_version":1,"id":"overlay-test-one-per-desa","version":"1","title":"Satu KIM per desa","instrument":"Contoh Perbup",
            "kind":"overlay","region":"64.02","rules":[{"code":"KIM-L-TEST-ONE","severity":"warning","check":{"kind":"max_kims_per_village","max":1},
            "citation":{"instrument":"Contoh Perbup","tag":"L"},"message":{"id":"{count} KIM di {seat}; maksimal {max}.","en":"{count} KIMs in {seat}; at most {max}."}}]}"#,
    )
    .unwrap();
    let seat = village_in("64.02");
    let mut a = good_kim(seat, 10, d("2023-07-01"));
    let mut b = good_kim(seat, 10, d("2023-07-01"));
    let mut c = good_kim(village_in("64.02.02"), 10, d("2023-07-01"));
    a.id = "A".into();
    b.id = "B".into();
    c.id = "C".into();
    let as_of = d("2025-06-30");
    let profiles = set.select(&["overlay-test-one-per-desa"], as_of).unwrap();
    let reg = Registry::from_kims([a.clone(), b.clone(), c]).unwrap();
    let reports = validate_registry(&reg, &profiles, Reference::embedded(), as_of).unwrap();
    let fired: Vec<bool> = reports.iter().map(|r| r.has("KIM-L-TEST-ONE")).collect();
    assert_eq!(fired, [true, true, false]);
    assert!(reports[0].findings[0].message_en.starts_with("2 KIMs in"));
    // Once B is dissolved, A stands alone.
    b.history
        .push(StatusChange::new(d("2025-01-01"), Status::Dissolved));
    let reg = Registry::from_kims([a, b]).unwrap();
    let reports = validate_registry(&reg, &profiles, Reference::embedded(), as_of).unwrap();
    assert!(reports.iter().all(|r| !r.has("KIM-L-TEST-ONE")));
}

#[test]
fn user_overlay_files_are_checked() {
    let mut set = ProfileSet::builtin();
    let dup = set
        .load_json(include_str!(
            "../profiles/overlay-6402-kutai-kartanegara.json"
        ))
        .unwrap_err();
    assert_eq!(dup.code(), "KIM-E-PROFILE");
    let typo = set.load_json(r#"{"schema_version":1,"id":"x","version":"1","title":"t","instrument":"i","kind":"overlay","region":"64.02","rules":[{"code":"KIM-X","severity":"error","check":{"kind":"member_count","mni":3},"citation":{"instrument":"i","tag":"L"},"message":{"id":"a","en":"b"}}]}"#).unwrap_err();
    assert_eq!(typo.code(), "KIM-E-JSON");
    assert!(typo.to_string().contains("mni"), "{typo}");
    let no_region = set.load_json(r#"{"schema_version":1,"id":"y","version":"1","title":"t","instrument":"i","kind":"overlay","rules":[]}"#).unwrap_err();
    assert!(no_region.to_string().contains("needs a region"));
}

#[test]
fn validation_without_a_national_profile_is_an_error() {
    let set = ProfileSet::builtin();
    let kim = good_kim(village_in("64.02"), 10, d("2023-07-01"));
    let only_overlay = vec![set.get("overlay-6402-kutai-kartanegara").unwrap()];
    assert_eq!(
        validate(&kim, &only_overlay, Reference::embedded(), d("2025-01-01"))
            .unwrap_err()
            .code(),
        "KIM-E-ARGUMENT"
    );
    assert_eq!(
        set.in_force(d("2010-05-31")).unwrap_err().code(),
        "KIM-E-NO-PROFILE"
    );
    assert_eq!(
        set.select(&["nope"], d("2025-01-01")).unwrap_err().code(),
        "KIM-E-UNKNOWN-PROFILE"
    );
}

#[test]
fn sample_registry_reports_its_deliberate_flaws() {
    let reg = Registry::from_json(include_str!("../../examples/data/kim_sample.json")).unwrap();
    assert_eq!(reg.len(), 40);
    let set = ProfileSet::builtin();
    let as_of = d("2025-06-30");
    let reports: Vec<_> = reg
        .kims()
        .iter()
        .map(|kim| {
            validate(
                kim,
                &set.applicable(kim.seat, as_of).unwrap(),
                Reference::embedded(),
                as_of,
            )
            .unwrap()
        })
        .collect();
    let has = |i: usize, code: &str| reports[i].has(code);
    assert!(has(1, "KIM-L-6402-NO-PNS"));
    assert!(has(2, "KIM-F3-MISSING") && has(2, "KIM-F4-MISSING"));
    assert!(has(3, "KIM-F4-KABKOTA"));
    assert!(has(4, "KIM-F1-EVIDENCE"));
    assert!(has(5, "KIM-F3-ISSUER"));
    assert!(has(6, "KIM-D-NIK-MISMATCH"));
    assert!(reports[0].ok());
}

#[test]
fn a_kim_not_yet_recorded_is_not_checked() {
    let set = ProfileSet::builtin();
    let kim = good_kim(village_in("64.02"), 2, d("2023-07-01"));
    let as_of = d("2019-05-01");
    let r = validate(
        &kim,
        &set.in_force(as_of).unwrap(),
        Reference::embedded(),
        as_of,
    )
    .unwrap();
    assert_eq!(r.findings.len(), 1);
    assert_eq!(r.findings[0].code, kim_core::rules::NOT_YET_RECORDED);
    assert!(r.ok());
    // A KIM without any history is always checked.
    let mut bare = kim.clone();
    bare.history.clear();
    let r = validate(
        &bare,
        &set.in_force(as_of).unwrap(),
        Reference::embedded(),
        as_of,
    )
    .unwrap();
    assert!(r.has("KIM-2010-MEMBERS"));
}

#[test]
fn registry_by_seat_applies_overlays_and_their_registry_wide_rules_per_seat() {
    let mut set = ProfileSet::builtin();
    set.load_json(
        r#"{"schema_version":1,"id":"overlay-test-one-per-desa","version":"1","title":"Satu KIM per desa","instrument":"Contoh Perbup",
            "kind":"overlay","region":"64.02","rules":[{"code":"KIM-L-TEST-ONE","severity":"warning","check":{"kind":"max_kims_per_village","max":1},
            "citation":{"instrument":"Contoh Perbup","tag":"L"},"message":{"id":"{count} KIM di {seat}","en":"{count} KIMs in {seat}"}}]}"#,
    )
    .unwrap();
    let as_of = d("2025-06-30");
    let kukar = village_in("64.02");
    let surabaya = village_in("35.78");
    let mut kims = Vec::new();
    for (id, seat) in [("A", kukar), ("B", kukar), ("C", surabaya), ("D", surabaya)] {
        let mut k = good_kim(seat, 10, d("2023-07-01"));
        k.id = id.into();
        kims.push(k);
    }
    let reg = Registry::from_kims(kims).unwrap();
    let reports =
        kim_core::rules::validate_registry_by_seat(&reg, &set, None, Reference::embedded(), as_of)
            .unwrap();
    // The one-per-desa overlay governs Kukar only: A and B share a village and are flagged; C and D are not.
    let fired: Vec<bool> = reports.iter().map(|r| r.has("KIM-L-TEST-ONE")).collect();
    assert_eq!(fired, [true, true, false, false]);
    assert!(
        reports[2]
            .profiles
            .contains(&"overlay-3578-surabaya".to_owned())
    );
    assert!(
        !reports[0]
            .profiles
            .contains(&"overlay-3578-surabaya".to_owned())
    );
    // Each report equals validating that KIM alone, but for the registry-wide finding.
    for (k, r) in reg.kims().iter().zip(&reports) {
        let alone = validate(
            k,
            &set.for_seat(None, k.seat, as_of).unwrap(),
            Reference::embedded(),
            as_of,
        )
        .unwrap();
        let without: Vec<_> = r
            .findings
            .iter()
            .filter(|f| f.code != "KIM-L-TEST-ONE")
            .cloned()
            .collect();
        assert_eq!(without, alone.findings);
        assert_eq!(r.profiles, alone.profiles);
    }
}
