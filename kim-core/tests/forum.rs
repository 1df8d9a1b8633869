//! Forum KIM (docs/domain.md, "Forums"): every rule fires once and stays silent once, boundary dates, metrics
//! against an independent count, properties, serde round trips and structured errors.
#![allow(
    clippy::too_many_lines,
    clippy::cast_possible_truncation,
    clippy::cast_possible_wrap
)]

use chrono::NaiveDate;
use kim_core::forum::{
    AffiliationOptions, Forum, ForumLevel, ForumRegistry, ForumRules, ForumState, ForumStatus,
    MemberRef, OfficerRole, RULES, Term, check_forums, forum_coverage, kim_forum_affiliation,
    officer_completeness,
};
use kim_core::registry::{Kim, Registry, Status};
use kim_core::rules::{ProfileSet, Severity, validate};
use kim_core::wilayah::{Kode, Level, Reference};
use proptest::prelude::*;
use serde_json::json;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn k(s: &str) -> Kode {
    Kode::parse(s).unwrap()
}

fn kukar_forums() -> ForumRegistry {
    ForumRegistry::from_json(include_str!("../../examples/data/forum_kukar.json")).unwrap()
}

fn kukar_kims() -> Registry {
    Registry::from_json(include_str!("../../examples/data/forum_kukar_kims.json")).unwrap()
}

fn forums(v: &serde_json::Value) -> ForumRegistry {
    ForumRegistry::from_json(&json!({"schema_version": 1, "forums": v}).to_string()).unwrap()
}

/// A well-formed active forum: level, region, one open-ended 3-year term from 2023-01-01 with a full board.
fn forum(id: &str, level: &str, region: Option<&str>) -> serde_json::Value {
    json!({"id": id, "name": format!("Forum {id}"), "level": level, "region": region,
           "terms": [{"start": "2023-01-01", "years": 3, "officers": [
               {"name": "A", "role": "ketua"}, {"name": "B", "role": "sekretaris"}, {"name": "C", "role": "bendahara"}]}],
           "history": [{"date": "2023-01-01", "status": "dikukuhkan"}], "members": []})
}

fn kims() -> Registry {
    let mut r = Registry::new();
    for (id, seat, status) in [
        ("K1", "64.02.01.2001", Status::Active),
        ("K2", "64.02.06.1001", Status::Active),
        ("K3", "64.03.01.2001", Status::Active),
        ("K4", "64.02.01", Status::Active),
    ] {
        let kim = Kim::from_json(
            &json!({"id": id, "name": format!("KIM {id}"), "seat": seat,
                    "history": [{"date": "2022-01-01", "status": status}]})
            .to_string(),
        )
        .unwrap();
        r.insert(kim).unwrap();
    }
    r
}

const AS_OF: &str = "2024-06-30";

fn run(fs: &ForumRegistry, rules: &ForumRules) -> kim_core::forum::ForumReport {
    check_forums(fs, &kims(), Reference::embedded(), rules, d(AS_OF))
}

fn with_member(mut f: serde_json::Value, m: serde_json::Value) -> serde_json::Value {
    f["members"].as_array_mut().unwrap().push(m);
    f
}

/// For every code of RULES, data where it fires exactly once, and data where it is silent.
fn cases(code: &str) -> (Vec<serde_json::Value>, Vec<serde_json::Value>, ForumRules) {
    let kk = forum("F-KK", "kab_kota", Some("64.02"));
    let kec = forum("F-KEC", "kecamatan", Some("64.02.01"));
    let prov = forum("F-PROV", "provinsi", Some("64"));
    let kim = |id: &str| json!({"kim": id, "from": "2023-01-01"});
    let sub = |id: &str| json!({"forum": id, "from": "2023-01-01"});
    let nat = ForumRules::national();
    match code {
        // The national forum takes any KIM (FR3); K3 is left out, then taken in.
        "FORUM-FR1-NO-FORUM" => {
            let nat_forum = ["K1", "K2", "K4"]
                .iter()
                .fold(forum("F-NAT", "nasional", None), |f, id| {
                    with_member(f, kim(id))
                });
            (
                vec![nat_forum.clone()],
                vec![with_member(nat_forum, kim("K3"))],
                nat,
            )
        }
        "FORUM-FR2-LEVEL" => (
            vec![forum("F", "kab_kota", Some("64.02.01"))],
            vec![forum("F", "kab_kota", Some("64.02"))],
            nat,
        ),
        "FORUM-FR2-NOT-IN-LIST" => (
            vec![forum("F", "kab_kota", Some("64.99"))],
            vec![forum("F", "kab_kota", Some("64.02"))],
            nat,
        ),
        "FORUM-FR3-OUTSIDE" => (
            vec![with_member(kk.clone(), kim("K3"))],
            vec![with_member(kk.clone(), kim("K1"))],
            nat,
        ),
        "FORUM-FR3-UNKNOWN-KIM" => (
            vec![with_member(kk.clone(), kim("K9"))],
            vec![with_member(kk.clone(), kim("K2"))],
            nat,
        ),
        "FORUM-FR4-LEVEL" => (
            vec![
                with_member(forum("F-NAT", "nasional", None), sub("F-KK")),
                kk.clone(),
            ],
            vec![with_member(kk.clone(), sub("F-KEC")), kec.clone()],
            nat,
        ),
        "FORUM-FR4-OUTSIDE" => (
            vec![
                with_member(forum("F-KK3", "kab_kota", Some("64.03")), sub("F-KEC")),
                kec.clone(),
            ],
            vec![with_member(kk.clone(), sub("F-KEC")), kec.clone()],
            nat,
        ),
        "FORUM-FR4-SELF" => (
            vec![with_member(kk.clone(), sub("F-KK"))],
            vec![kk.clone()],
            nat,
        ),
        "FORUM-FR4-CYCLE" => (
            vec![
                with_member(kk.clone(), sub("F-KEC")),
                with_member(kec.clone(), sub("F-KK")),
            ],
            vec![with_member(kk.clone(), sub("F-KEC")), kec.clone()],
            nat,
        ),
        "FORUM-FR4-UNKNOWN-FORUM" => (
            vec![with_member(kk.clone(), sub("F-NONE"))],
            vec![with_member(kk.clone(), sub("F-KEC")), kec.clone()],
            nat,
        ),
        "FORUM-FR5-SKIP-LEVEL" => (
            vec![with_member(prov.clone(), sub("F-KEC")), kec.clone()],
            vec![with_member(prov.clone(), kim("K1"))],
            nat,
        ),
        "FORUM-FR6-DOUBLE" => (
            vec![
                with_member(kk.clone(), kim("K1")),
                with_member(forum("F-KK-2", "kab_kota", Some("64.02")), kim("K1")),
            ],
            vec![
                with_member(kk.clone(), kim("K1")),
                with_member(kec.clone(), kim("K1")),
            ],
            nat,
        ),
        "FORUM-FR7-DUPLICATE" => (
            vec![kk.clone(), forum("F-KK-2", "kab_kota", Some("64.02"))],
            vec![kk.clone(), forum("F-KK-3", "kab_kota", Some("64.03"))],
            nat,
        ),
        "FORUM-FR8-TERM-END" => {
            let mut bad = kk.clone();
            bad["terms"][0]["end"] = json!("2026-01-01");
            let mut good = kk.clone();
            good["terms"][0]["end"] = json!("2025-12-31");
            (vec![bad], vec![good], nat)
        }
        "FORUM-FR9-TERM-EXPIRED" => {
            let mut bad = kk.clone();
            bad["terms"][0]["years"] = json!(1);
            (vec![bad], vec![kk.clone()], nat)
        }
        "FORUM-FR10-OFFICERS" => {
            let mut bad = kk.clone();
            bad["terms"][0]["officers"][2]["role"] = json!("pembina");
            (vec![bad], vec![kk.clone()], nat)
        }
        "FORUM-FR11-TERM-LENGTH" => (
            vec![kk.clone()],
            vec![kk.clone()],
            ForumRules::overlay("overlay-test", Some(5), false, None),
        ),
        "FORUM-FR12-CONFIRMER" => {
            let mut good = kk.clone();
            good["instruments"] =
                json!([{"kind": "sk", "date": "2023-01-01", "issuer_role": "Wali Kota"}]);
            (
                vec![kk.clone()],
                vec![good],
                ForumRules::overlay("overlay-test", None, false, Some("wali kota".into())),
            )
        }
        "FORUM-FR13-CANDIDATE" => (vec![kk.clone()], vec![kk.clone()], nat),
        other => panic!("no case for {other}"),
    }
}

#[test]
fn every_rule_fires_once_and_stays_silent_once() {
    for r in RULES {
        let (bad, good, rules) = cases(r.code);
        let report = run(&forums(&json!(bad)), &rules);
        match r.code {
            // FR11 silent: the national rules set no length; FR13 silent: a registry without a kecamatan seat.
            "FORUM-FR11-TERM-LENGTH" => {
                assert_eq!(
                    report.with_code(r.code).count(),
                    1,
                    "{}: {:#?}",
                    r.code,
                    report.findings
                );
                let silent = run(&forums(&json!(good)), &ForumRules::national());
                assert!(!silent.has(r.code), "{}", r.code);
                continue;
            }
            "FORUM-FR13-CANDIDATE" => {
                assert_eq!(report.with_code(r.code).count(), 1, "{}", r.code);
                let mut reg = Registry::new();
                for kim in kims()
                    .kims()
                    .iter()
                    .filter(|k| k.seat.level() == Level::Desa)
                {
                    reg.insert(kim.clone()).unwrap();
                }
                let silent = check_forums(
                    &forums(&json!(good)),
                    &reg,
                    Reference::embedded(),
                    &rules,
                    d(AS_OF),
                );
                assert!(!silent.has(r.code));
                continue;
            }
            _ => {}
        }
        let n = report.with_code(r.code).count();
        assert_eq!(n, 1, "{} should fire once: {:#?}", r.code, report.findings);
        let f = report.with_code(r.code).next().unwrap();
        assert!(
            !f.message_id.is_empty() && !f.message_en.is_empty() && f.message_id != f.message_en
        );
        assert!(f.citation.note.as_deref().unwrap().starts_with(r.rule));
        let expected = if r.rule == "FR10" {
            rules.officers_severity
        } else {
            r.severity
        };
        assert_eq!(f.severity, expected, "{}", r.code);
        let silent = run(&forums(&json!(good)), &rules);
        assert!(
            !silent.has(r.code),
            "{} should be silent: {:#?}",
            r.code,
            silent.findings
        );
    }
}

#[test]
fn messages_speak_in_words() {
    let (bad, _, _) = cases("FORUM-FR10-OFFICERS");
    let r = run(&forums(&json!(bad)), &ForumRules::national());
    let f = r.with_code("FORUM-FR10-OFFICERS").next().unwrap();
    assert!(f.message_id.contains("bendahara"), "{}", f.message_id);
    assert!(f.message_en.contains("treasurer"), "{}", f.message_en);
    assert!(!f.message_en.contains("bendahara"));
    let (bad, _, _) = cases("FORUM-FR4-LEVEL");
    let r = run(&forums(&json!(bad)), &ForumRules::national());
    let f = r.with_code("FORUM-FR4-LEVEL").next().unwrap();
    assert!(
        f.message_id.contains("kabupaten/kota") && f.message_en.contains("regency/city"),
        "{f:#?}"
    );
    assert!(!f.message_en.contains("kab_kota") && !f.message_id.contains("kab_kota"));
}

#[test]
fn an_overlay_makes_missing_officers_an_error() {
    let (bad, _, _) = cases("FORUM-FR10-OFFICERS");
    let strict = ForumRules::overlay("overlay-test", None, true, None);
    let r = run(&forums(&json!(bad)), &strict);
    let f = r.with_code("FORUM-FR10-OFFICERS").next().unwrap();
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.profile, "overlay-test");
    assert!(!r.ok());
    assert!(run(&forums(&json!(bad)), &ForumRules::national()).ok());
}

#[test]
fn forum_membership_never_decides_validity() {
    // FR1: the same KIM validates the same whether or not it is in a forum; validation never reads forums.
    let reg = kukar_kims();
    let set = ProfileSet::builtin();
    let as_of = d("2025-06-30");
    let profiles = set.in_force(as_of).unwrap();
    let in_forum = reg.get("KIM-6402-005").unwrap();
    let alone = reg.get("KIM-6402-013").unwrap();
    assert!(
        !kukar_forums()
            .memberships_of(&in_forum.id, as_of)
            .is_empty()
    );
    assert!(kukar_forums().memberships_of(&alone.id, as_of).is_empty());
    let a = validate(in_forum, &profiles, Reference::embedded(), as_of).unwrap();
    let b = validate(alone, &profiles, Reference::embedded(), as_of).unwrap();
    let codes = |r: &kim_core::rules::Report| {
        r.findings
            .iter()
            .map(|f| f.code.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(codes(&a), codes(&b));
    assert!(codes(&a).iter().all(|c| !c.starts_with("FORUM")));
    let report = check_forums(
        &kukar_forums(),
        &reg,
        Reference::embedded(),
        &ForumRules::national(),
        as_of,
    );
    let fr1 = report
        .with_code("FORUM-FR1-NO-FORUM")
        .map(|f| f.path.clone())
        .collect::<Vec<_>>();
    assert!(
        fr1.contains(&"kims[KIM-6402-013].forums".to_owned()),
        "{fr1:?}"
    );
    assert!(
        report
            .with_code("FORUM-FR1-NO-FORUM")
            .all(|f| f.severity == Severity::Info)
    );
}

// ---- boundary dates ------------------------------------------------------------------------------------------------

#[test]
fn last_day_of_a_term_and_the_day_after() {
    // FR8: 2023-05-25 for 3 years ends 2026-05-24.
    assert_eq!(Term::derived_end(d("2023-05-25"), 3), Some(d("2026-05-24")));
    let f = Forum::new("F", "Forum", ForumLevel::Kecamatan, Some(k("64.02.03")))
        .status(d("2023-05-25"), ForumStatus::Dikukuhkan)
        .term(Term::new(d("2023-05-25")).years(3));
    assert_eq!(f.state_on(d("2023-05-24")), ForumState::NotYetRecorded);
    assert_eq!(f.state_on(d("2023-05-25")), ForumState::Active);
    assert_eq!(f.state_on(d("2026-05-24")), ForumState::Active);
    assert_eq!(f.state_on(d("2026-05-25")), ForumState::TermExpired);
    // A term from 29 February ends the day before the anniversary, clamped.
    assert_eq!(Term::derived_end(d("2024-02-29"), 1), Some(d("2025-02-27")));
    // The Kukar forum: dikukuhkan 2022-07-12, 3 years: its last day is 2025-07-11.
    let kukar = kukar_forums();
    let fk = kukar.get("FK-6402").unwrap();
    assert!(fk.is_active_on(d("2025-07-11")));
    assert_eq!(fk.state_on(d("2025-07-12")), ForumState::TermExpired);
    let r = check_forums(
        &kukar,
        &kukar_kims(),
        Reference::embedded(),
        &ForumRules::national(),
        d("2025-07-12"),
    );
    assert!(r.has("FORUM-FR9-TERM-EXPIRED"));
    assert!(
        !check_forums(
            &kukar,
            &kukar_kims(),
            Reference::embedded(),
            &ForumRules::national(),
            d("2025-07-11")
        )
        .has("FORUM-FR9-TERM-EXPIRED")
    );
}

#[test]
fn dissolution_day_ends_activity_and_is_not_term_expiry() {
    let f = Forum::new("F", "Forum", ForumLevel::KabKota, Some(k("64.02")))
        .status(d("2023-01-01"), ForumStatus::Dikukuhkan)
        .status(d("2024-03-15"), ForumStatus::Dibubarkan)
        .term(Term::new(d("2023-01-01")).years(5))
        .member(MemberRef::Kim("K1".into()), d("2023-01-01"));
    assert!(f.is_active_on(d("2024-03-14")));
    assert_eq!(f.state_on(d("2024-03-15")), ForumState::Dibubarkan);
    let reg = ForumRegistry::from_forums([f]).unwrap();
    assert_eq!(reg.memberships_of("K1", d("2024-03-14")).len(), 1);
    assert!(reg.memberships_of("K1", d("2024-03-15")).is_empty());
    let r = check_forums(
        &reg,
        &kims(),
        Reference::embedded(),
        &ForumRules::national(),
        d("2024-03-15"),
    );
    assert!(!r.has("FORUM-FR9-TERM-EXPIRED"));
}

#[test]
fn membership_last_day_counts() {
    let mut m = forum("F-KK", "kab_kota", Some("64.02"));
    m["members"] = json!([{"kim": "K1", "from": "2023-01-01", "to": "2024-06-30"}]);
    let reg = forums(&json!([m]));
    assert_eq!(reg.memberships_of("K1", d("2024-06-30")).len(), 1);
    assert!(reg.memberships_of("K1", d("2024-07-01")).is_empty());
    assert!(reg.memberships_of("K1", d("2022-12-31")).is_empty());
}

// ---- metrics against an independent count ------------------------------------------------------------------------

#[test]
fn forum_coverage_matches_an_independent_count() {
    let fs = kukar_forums();
    let reference = Reference::embedded();
    for as_of in [
        "2022-07-12",
        "2023-03-01",
        "2025-06-30",
        "2026-05-24",
        "2026-05-25",
    ] {
        let as_of = d(as_of);
        for level in [ForumLevel::Kecamatan, ForumLevel::KabKota] {
            let m = forum_coverage(&fs, reference, level, Some(k("64.02")), as_of).unwrap();
            // Independent: read the JSON by hand, with the rule "dikukuhkan and inside start..start+3y-1d".
            let raw: serde_json::Value =
                serde_json::from_str(include_str!("../../examples/data/forum_kukar.json")).unwrap();
            let mut regions = std::collections::BTreeSet::new();
            for f in raw["forums"].as_array().unwrap() {
                if f["level"] != level.as_str() {
                    continue;
                }
                let dikukuhkan = f["history"].as_array().unwrap().iter().any(|h| {
                    h["status"] == "dikukuhkan" && d(h["date"].as_str().unwrap()) <= as_of
                });
                let in_term = f["terms"].as_array().is_some_and(|ts| {
                    ts.iter().any(|t| {
                        let s = d(t["start"].as_str().unwrap());
                        let y = t["years"].as_u64().unwrap() as i32;
                        let e = NaiveDate::from_ymd_opt(
                            chrono::Datelike::year(&s) + y,
                            chrono::Datelike::month(&s),
                            chrono::Datelike::day(&s),
                        )
                        .unwrap()
                        .pred_opt()
                        .unwrap();
                        s <= as_of && as_of <= e
                    })
                });
                if dikukuhkan && in_term {
                    regions.insert(f["region"].as_str().unwrap().to_owned());
                }
            }
            let den = match level {
                ForumLevel::Kecamatan => 20,
                _ => 1,
            };
            assert_eq!(
                (m.numerator, m.denominator),
                (regions.len() as u32, den),
                "{level:?} {as_of}"
            );
            assert_eq!(m.code_list_version, reference.version());
            assert_eq!(m.as_of, as_of);
        }
    }
    let m = forum_coverage(
        &fs,
        reference,
        ForumLevel::Kecamatan,
        Some(k("64.02")),
        d("2025-06-30"),
    )
    .unwrap();
    assert_eq!((m.numerator, m.denominator), (3, 20));
    assert!((m.ratio.unwrap() - 0.15).abs() < 1e-12);
}

#[test]
fn affiliation_and_officers_match_an_independent_count() {
    let fs = kukar_forums();
    let reg = kukar_kims();
    let r = Reference::embedded();
    let as_of = d("2025-06-30");
    // Active KIMs (registered or active): all but 010 (vakum) and 012 (dissolved): 11.
    // In an active forum: 001, 002 (Muara Muntai), 003, 004 (Loa Janan), 005, 006, 007 (Tenggarong), 008, 011
    // (Kukar directly): 9. Not: 009 (Kota Bangun forum is a draft), 013.
    let any = kim_forum_affiliation(
        &fs,
        &reg,
        r,
        Some(k("64.02")),
        &AffiliationOptions::default(),
        as_of,
    )
    .unwrap();
    assert_eq!((any.numerator, any.denominator), (9, 11));
    // Reaching the Kukar forum: the same 9, through the kecamatan forums that are its members.
    let kk = AffiliationOptions::default().level(ForumLevel::KabKota);
    let m = kim_forum_affiliation(&fs, &reg, r, Some(k("64.02")), &kk, as_of).unwrap();
    assert_eq!((m.numerator, m.denominator), (9, 11));
    // Reaching a kecamatan forum: 7 (not 008 and 011, who joined Kukar directly).
    let kec = AffiliationOptions::default().level(ForumLevel::Kecamatan);
    let m = kim_forum_affiliation(&fs, &reg, r, Some(k("64.02")), &kec, as_of).unwrap();
    assert_eq!(m.numerator, 7);
    // Officers: 4 active forums; Loa Janan has no bendahara.
    let req = [
        OfficerRole::Ketua,
        OfficerRole::Sekretaris,
        OfficerRole::Bendahara,
    ];
    let m = officer_completeness(&fs, r, Some(k("64.02")), &req, as_of).unwrap();
    assert_eq!((m.numerator, m.denominator), (3, 4));
    assert!(forum_coverage(&fs, r, ForumLevel::Kecamatan, Some(k("64.99")), as_of).is_err());
}

// ---- properties ----------------------------------------------------------------------------------------------------

fn arb_forums() -> impl Strategy<Value = Vec<(u8, u16, u8)>> {
    // (kecamatan 1..=20, start day offset, years 1..=5)
    prop::collection::vec((1u8..=20, 0u16..1500, 1u8..=5), 0..12)
}

fn build(spec: &[(u8, u16, u8)]) -> Vec<Forum> {
    spec.iter()
        .enumerate()
        .map(|(i, (kec, off, years))| {
            let start = d("2021-01-01") + chrono::Days::new(u64::from(*off));
            Forum::new(
                format!("F{i}"),
                format!("Forum {i}"),
                ForumLevel::Kecamatan,
                Some(k(&format!("64.02.{kec:02}"))),
            )
            .status(start, ForumStatus::Dikukuhkan)
            .term(Term::new(start).years(u32::from(*years)))
        })
        .collect()
}

proptest! {
    #[test]
    fn dissolving_a_forum_never_raises_coverage(spec in arb_forums(), pick in 0usize..12, day in 0u16..2000, at in 0u16..2500) {
        let fs = build(&spec);
        let as_of = d("2021-01-01") + chrono::Days::new(u64::from(at));
        let before = forum_coverage(&ForumRegistry::from_forums(fs.clone()).unwrap(), Reference::embedded(), ForumLevel::Kecamatan, Some(k("64.02")), as_of).unwrap();
        let mut after = fs.clone();
        if !after.is_empty() {
            let i = pick % after.len();
            let when = (d("2021-01-01") + chrono::Days::new(u64::from(day))).max(after[i].history[0].date);
            after[i] = after[i].clone().status(when, ForumStatus::Dibubarkan);
        }
        let after = forum_coverage(&ForumRegistry::from_forums(after).unwrap(), Reference::embedded(), ForumLevel::Kecamatan, Some(k("64.02")), as_of).unwrap();
        prop_assert!(after.numerator <= before.numerator);
        prop_assert_eq!(after.denominator, before.denominator);
    }

    #[test]
    fn forum_json_round_trips(spec in arb_forums()) {
        let reg = ForumRegistry::from_forums(build(&spec)).unwrap();
        prop_assert_eq!(ForumRegistry::from_json(&reg.to_json()).unwrap(), reg);
    }
}

#[test]
fn kukar_json_round_trips() {
    let fs = kukar_forums();
    assert_eq!(ForumRegistry::from_json(&fs.to_json()).unwrap(), fs);
}

// ---- structured errors --------------------------------------------------------------------------------------------

#[test]
fn bad_input_says_where() {
    let bad = |v: serde_json::Value| {
        ForumRegistry::from_json(&json!({"schema_version": 1, "forums": v}).to_string())
            .unwrap_err()
            .to_string()
    };
    let mut f = forum("F1", "kab_kota", Some("64.02"));
    f["history"] = json!([{"date": "2023-01-01", "status": "dibubarkan"}, {"date": "2023-02-01", "status": "dikukuhkan"}]);
    assert!(bad(json!([f])).starts_with("forums[F1].history[1].status:"));
    let mut f = forum("F1", "kab_kota", Some("64.02"));
    f["terms"][0]["end"] = json!("2022-01-01");
    assert!(bad(json!([f])).starts_with("forums[F1].terms[0].end:"));
    let mut f = forum("F1", "kab_kota", Some("64.02"));
    f["members"] = json!([{"kim": "K1", "from": "2024-01-01", "to": "2023-01-01"}]);
    assert!(bad(json!([f])).starts_with("forums[F1].members[K1].to:"));
    let mut f = forum("F1", "kab_kota", Some("64.02"));
    f["level"] = json!("desa");
    let e = bad(json!([f]));
    assert!(e.starts_with("forums[F1]:") && e.contains("desa"), "{e}");
    assert!(
        bad(json!([
            forum("F1", "kab_kota", None),
            forum("F1", "kab_kota", None)
        ]))
        .starts_with("forums[F1].id")
    );
    let e = ForumRegistry::from_json(r#"{"schema_version": 2, "forums": []}"#).unwrap_err();
    assert_eq!(e.code(), "KIM-E-SCHEMA");
    let mut f = forum("F1", "kab_kota", Some("64.02"));
    f["members"] = json!([{"kim": "3201234567890001", "from": "2024-01-01", "to": "2023-01-01"}]);
    assert!(
        !bad(json!([f])).contains("3201234567890001"),
        "a NIK used as an id is masked"
    );
}
