//! Property tests: round trips, order independence, replay of history, masking.
// Test tables: one closure per rule reads better without semicolons; long tables and LCG constants are fine here.
#![allow(
    clippy::semicolon_if_nothing_returned,
    clippy::too_many_lines,
    clippy::similar_names,
    clippy::cast_possible_truncation,
    clippy::unreadable_literal,
    clippy::needless_range_loop
)]

use chrono::{Days, NaiveDate};
use kim_core::registry::{
    Change, Event, IssuerRole, Kim, Media, Member, Nik, Occupation, Registration, Registry, Role,
    Sex, Sk, Status,
};
use kim_core::rules::{Profile, ProfileSet, validate, validate_registry};
use kim_core::wilayah::{Kode, Level, Reference};
use proptest::prelude::*;
use proptest::sample::select;

fn base() -> NaiveDate {
    NaiveDate::from_ymd_opt(2015, 1, 1).unwrap()
}

fn kukar_villages() -> Vec<Kode> {
    let r = Reference::embedded();
    r.units_at(Level::Desa, Some(Kode::parse("64.02").unwrap()))
        .map(|u| u.kode)
        .take(40)
        .collect()
}

fn arb_kode() -> impl Strategy<Value = Kode> {
    (1u64..=99, 0u64..=99, 0u64..=99, 0u64..=3999).prop_filter_map("valid shape", |(p, k, c, v)| {
        let (k, c, v) = if k == 0 {
            (0, 0, 0)
        } else if c == 0 {
            (k, 0, 0)
        } else {
            (k, c, v)
        };
        Kode::from_u64(p * 100_000_000 + k * 1_000_000 + c * 10_000 + v)
    })
}

fn arb_nik() -> impl Strategy<Value = Nik> {
    (
        select(kim_core::wilayah::PROVINCE_CODES.to_vec()),
        1u32..=99,
        1u32..=99,
        1u32..=28,
        any::<bool>(),
        1u32..=12,
        0u32..=99,
        1u32..=9999,
    )
        .prop_map(|(p, k, c, day, f, m, y, s)| {
            Nik::parse(&format!(
                "{p:02}{k:02}{c:02}{:02}{m:02}{y:02}{s:04}",
                day + if f { 40 } else { 0 }
            ))
            .unwrap()
        })
}

fn arb_date() -> impl Strategy<Value = NaiveDate> {
    (0u64..4000).prop_map(|n| base() + Days::new(n))
}

fn arb_member(id: usize) -> impl Strategy<Value = Member> {
    (
        proptest::option::of(arb_nik()),
        proptest::option::of(select(Sex::ALL)),
        proptest::option::of(arb_date()),
        select(Role::ALL),
        select(Occupation::ALL),
        proptest::option::of(arb_date()),
        proptest::option::of(any::<bool>()),
        "[A-Za-z]([A-Za-z ]{0,18}[A-Za-z])?", // trimmed, as every input stores names
    )
        .prop_map(
            move |(nik, sex, birth, role, occupation, start, clean, name)| {
                let mut m = Member::new(format!("m{id}"), name, role);
                m.nik = nik;
                m.sex = sex;
                m.birth_date = birth;
                m.occupation = occupation;
                m.term_start = start;
                m.term_end = start.map(|s| s + Days::new(1000));
                m.clean_record = clean;
                m
            },
        )
}

fn arb_kim(id: usize) -> impl Strategy<Value = Kim> {
    let villages = kukar_villages();
    (
        select(villages),
        proptest::option::of((arb_date(), select(IssuerRole::ALL), "[0-9/A-Z.-]{0,20}")),
        proptest::option::of((arb_date(), select(vec!["64.02", "64.03", "35.78"]))),
        (0usize..18).prop_flat_map(|n| (0..n).map(arb_member).collect::<Vec<_>>()),
        proptest::collection::vec(select(Media::ALL), 0..3),
        any::<bool>(),
        proptest::collection::vec((1u64..400, select(Status::ALL)), 0..5),
    )
        .prop_map(move |(seat, sk, reg, members, media, statutes, steps)| {
            let mut kim = Kim::new(format!("K{id}"), format!("KIM {id}"), seat);
            kim.sk = sk.map(|(date, issuer, number)| Sk::new(number, date, issuer));
            kim.registration =
                reg.map(|(date, kk)| Registration::new("1", date, Kode::parse(kk).unwrap()));
            kim.members = members;
            kim.media = media;
            kim.statutes = statutes;
            // A valid history: keep the steps the lifecycle allows.
            let mut date = base();
            for (gap, status) in steps {
                if Status::can_follow(kim.status(), status) {
                    date = date + Days::new(gap);
                    kim.history
                        .push(kim_core::registry::StatusChange::new(date, status));
                }
            }
            kim
        })
}

fn arb_registry() -> impl Strategy<Value = Registry> {
    (0usize..8)
        .prop_flat_map(|n| (0..n).map(arb_kim).collect::<Vec<_>>())
        .prop_map(|kims| Registry::from_kims(kims).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn kode_round_trips(k in arb_kode()) {
        prop_assert_eq!(Kode::parse(&k.to_string()).unwrap(), k);
        prop_assert_eq!(Kode::parse(&k.digits()).unwrap(), k);
        prop_assert_eq!(Kode::from_u64(k.as_u64()), Some(k));
        let json = serde_json::to_string(&k).unwrap();
        prop_assert_eq!(serde_json::from_str::<Kode>(&json).unwrap(), k);
        if let Some(p) = k.parent() {
            prop_assert!(p < k && p.contains(k));
            prop_assert_eq!(p.level() as u8 + 1, k.level() as u8);
        }
    }

    #[test]
    fn kode_parser_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..16)) {
        if let Ok(k) = Kode::parse_bytes(&bytes) {
            // Whatever parses prints back to one of the two accepted forms.
            let s = String::from_utf8(bytes.clone()).unwrap();
            prop_assert!(k.to_string() == s || k.digits() == s);
        }
    }

    #[test]
    fn masked_nik_never_shows_its_middle_digits(nik in arb_nik(), prefix in "[a-z ]{0,10}") {
        let full = nik.expose().to_owned();
        let middle = &full[4..14];
        for shown in [nik.to_string(), format!("{nik:?}"), nik.masked(), kim_core::privacy::mask_text(&format!("{prefix}{full}"))] {
            prop_assert!(!shown.contains(middle), "{shown}");
        }
        let spaced = format!("{} {} {} {}", &full[..4], &full[4..8], &full[8..12], &full[12..]);
        // The masked form shows the first four digits, which may equal the next four (`7552 7552 …`): look after them.
        let masked = kim_core::privacy::mask_text(&spaced);
        let after_shown = masked.strip_prefix(&full[..4]);
        prop_assert!(after_shown.is_some_and(|rest| !rest.contains(&full[4..8])), "{masked}");
        let mut m = Member::new("m", "x", Role::Anggota);
        m.nik = Some(nik.clone());
        let debug = format!("{m:?}");
        prop_assert!(!debug.contains(middle));
        let mut kim = Kim::new("K", "N", Kode::parse("64.02.01.2001").unwrap());
        kim.members.push(m);
        let reg = Registry::from_kims([kim]).unwrap();
        prop_assert!(!reg.to_log_json().unwrap().contains(middle));
        prop_assert!(reg.to_json().contains(&full), "data JSON keeps the full NIK for round trips");
    }

    #[test]
    fn registry_serde_round_trip(reg in arb_registry()) {
        let json = reg.to_json();
        let back = Registry::from_json(&json).unwrap();
        prop_assert_eq!(&back, &reg);
        prop_assert_eq!(back.to_json(), json);
    }

    #[test]
    fn validation_is_deterministic_and_order_independent(reg in arb_registry(), seed in any::<u64>(), day in 0u64..4000) {
        let as_of = base() + Days::new(day);
        let set = ProfileSet::builtin();
        let profiles = set.select(&["overlay-6402-kutai-kartanegara", "overlay-3578-surabaya"], as_of).unwrap();
        let reference = Reference::embedded();
        let a = validate_registry(&reg, &profiles, reference, as_of).unwrap();
        let b = validate_registry(&reg, &profiles, reference, as_of).unwrap();
        prop_assert_eq!(&a, &b);
        // Shuffle KIMs and each KIM's members.
        let mut kims: Vec<Kim> = reg.kims().to_vec();
        let mut s = seed;
        let mut next = || { s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407); (s >> 33) as usize };
        for i in (1..kims.len()).rev() { let j = next() % (i + 1); kims.swap(i, j); }
        for kim in &mut kims {
            for i in (1..kim.members.len()).rev() { let j = next() % (i + 1); kim.members.swap(i, j); }
        }
        let shuffled = Registry::from_kims(kims).unwrap();
        let c = validate_registry(&shuffled, &profiles, reference, as_of).unwrap();
        for r in &a {
            let other = c.iter().find(|x| x.kim_id == r.kim_id).unwrap();
            prop_assert_eq!(r, other);
        }
        // Reversing the profile order changes nothing but the list of ids.
        let mut rev = profiles.clone();
        rev.reverse();
        for (kim, r) in reg.kims().iter().zip(&a) {
            let x = validate(kim, &rev, reference, as_of).unwrap();
            prop_assert_eq!(&x.findings, &r.findings);
        }
    }

    #[test]
    fn replaying_history_equals_as_of(plan in proptest::collection::vec((0usize..3, 0u64..120, 0u8..4, select(Status::ALL)), 0..40), cut in 0u64..3000) {
        let seats = kukar_villages();
        let mut full = Registry::new();
        for i in 0..3 {
            full.insert(Kim::new(format!("K{i}"), format!("KIM {i}"), seats[i])).unwrap();
        }
        let empty = full.clone();
        // Build a valid event log: per KIM dates only grow; invalid steps are skipped by `apply`.
        let mut dates = [base(); 3];
        let mut next_member = 0;
        let mut log = Vec::new();
        for (kim, gap, kind, status) in plan {
            dates[kim] = dates[kim] + Days::new(gap);
            let id = format!("K{kim}");
            let change = match kind {
                0 | 1 => Change::Status { status },
                2 => { next_member += 1; Change::Join { member: Member::new(format!("m{next_member}"), "x", Role::Anggota) } }
                _ => {
                    let serving = full.get(&id).unwrap().members.iter().find(|m| m.term_end.is_none()).map(|m| m.id.clone());
                    match serving { Some(member_id) => Change::Leave { member_id }, None => continue }
                }
            };
            let ev = Event::new(dates[kim], id, change);
            if full.apply(&ev).is_ok() {
                log.push(ev);
            }
        }
        let date = base() + Days::new(cut);
        let mut replay = empty;
        for ev in log.iter().filter(|e| e.date <= date) {
            replay.apply(ev).unwrap();
        }
        prop_assert_eq!(full.as_of(date), replay);
        // Events survive JSON.
        let json = serde_json::to_string(&log).unwrap();
        prop_assert_eq!(serde_json::from_str::<Vec<Event>>(&json).unwrap(), log);
    }

    #[test]
    fn profile_serde_round_trip(min in 0u32..20, extra in 0u32..20, idx in 0usize..8) {
        let set = ProfileSet::builtin();
        let p = &set.profiles()[idx];
        let json = serde_json::to_string(p).unwrap();
        prop_assert_eq!(&Profile::from_json(&json).unwrap(), p);
        let mut q = p.clone();
        q.id = format!("custom-{min}-{extra}");
        q.rules.push(kim_core::rules::Rule::new("KIM-X-COUNT", kim_core::rules::Severity::Warning, kim_core::rules::Check::MemberCount { min: Some(min), max: Some(min + extra) }, kim_core::rules::Citation::new("x", kim_core::rules::Confidence::I), kim_core::rules::Message::new("{count}", "{count}")));
        let json = serde_json::to_string(&q).unwrap();
        prop_assert_eq!(Profile::from_json(&json).unwrap(), q);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Arbitrary report documents (a real report with a field replaced, findings shuffled between severities, any
    /// `ok` and `schema_version`) either fail to deserialise or read back a report that is consistent (issue 22).
    #[test]
    fn arbitrary_report_json_is_consistent_or_refused(
        field in select(vec!["schema_version", "ok", "findings", "kim_id", "as_of", "profiles"]),
        value in prop_oneof![
            Just(serde_json::Value::Null),
            any::<bool>().prop_map(serde_json::Value::from),
            any::<u64>().prop_map(serde_json::Value::from),
            "[a-z0-9-]{0,10}".prop_map(serde_json::Value::from),
            Just(serde_json::json!([])),
            Just(serde_json::json!([{"code": "X", "severity": "error"}])),
        ],
        ok in any::<bool>(),
        severity in select(vec!["error", "warning", "info", "bogus"]),
    ) {
        let date = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let set = ProfileSet::builtin();
        let kim = Kim::new("K1", "KIM Baru", Kode::parse("64.02.01").unwrap());
        let report = validate(&kim, &set.in_force(date).unwrap(), Reference::embedded(), date).unwrap();
        let json = serde_json::to_value(&report).unwrap();
        prop_assert_eq!(&serde_json::from_value::<kim_core::rules::Report>(json.clone()).unwrap(), &report);
        let mut one = json.clone();
        one[field] = value;
        let mut two = json.clone();
        two["ok"] = ok.into();
        for f in two["findings"].as_array_mut().unwrap() {
            f["severity"] = severity.into();
        }
        for doc in [one, two] {
            if let Ok(r) = serde_json::from_value::<kim_core::rules::Report>(doc) {
                prop_assert_eq!(r.schema_version(), kim_core::SCHEMA_VERSION);
                prop_assert_eq!(r.ok(), r.errors().next().is_none());
            }
        }
    }
}
