//! Pembinaan (docs/domain.md, "Pembinaan"): every rule fires once and stays silent once, the 12-month window's
//! boundary days, metrics against an independent count, properties, serde round trips, CSV import and errors.
#![allow(clippy::too_many_lines, clippy::cast_possible_truncation)]

use std::collections::BTreeSet;

use chrono::NaiveDate;
use kim_core::forum::MemberRef;
use kim_core::pembinaan::{
    Activity, ActivityKind, FundingSource, ItemKind, Organizer, OrganizerKind, PembinaanData,
    PembinaanOptions, RULES, check_pembinaan, funding_by_source, kecamatan_reached, monev_coverage,
    pembinaan_reach_12m, pembinaan_report, sarpras_summary, spm_kecamatan_coverage,
    trained_share_12m, window,
};
use kim_core::registry::{ImportOptions, Kim, Registry};
use kim_core::wilayah::{Kode, Reference};
use proptest::prelude::*;
use serde_json::json;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn k(s: &str) -> Kode {
    Kode::parse(s).unwrap()
}

const PEMBINAAN: &str = include_str!("../../examples/data/forum_kukar_pembinaan.json");
const KIMS: &str = include_str!("../../examples/data/forum_kukar_kims.json");

fn data() -> PembinaanData {
    PembinaanData::from_json(PEMBINAAN).unwrap()
}

fn kims() -> Registry {
    Registry::from_json(KIMS).unwrap()
}

fn kim(id: &str, seat: &str, history: &serde_json::Value) -> Kim {
    Kim::from_json(
        &json!({"id": id, "name": format!("KIM {id}"), "seat": seat, "history": history})
            .to_string(),
    )
    .unwrap()
}

fn dinas() -> Organizer {
    Organizer::new(
        OrganizerKind::DinasKabKota,
        Some(k("64.02")),
        "Diskominfo Kukar",
    )
}

fn activity(id: &str, kind: ActivityKind, end: &str) -> Activity {
    Activity::new(id, format!("Kegiatan {id}"), kind, dinas(), d(end), d(end)).at(k("64.02.06"))
}

fn doc(activities: &serde_json::Value, grants: &serde_json::Value) -> PembinaanData {
    PembinaanData::from_json(
        &json!({"schema_version": 1, "activities": activities, "grants": grants}).to_string(),
    )
    .unwrap()
}

const AS_OF: &str = "2025-06-30";

/// One active KIM `K1` (seat in Tenggarong), active from 2021; `K2` vakum from 2024-01-01.
fn small_registry() -> Registry {
    let active = json!([{"date": "2021-01-01", "status": "active"}]);
    let vakum = json!([{"date": "2021-01-01", "status": "active"}, {"date": "2024-01-01", "status": "inactive"}]);
    Registry::from_kims([
        kim("K1", "64.02.06.1001", &active),
        kim("K2", "64.02.06.1002", &vakum),
    ])
    .unwrap()
}

fn act(
    kind: &str,
    end: &str,
    organizer: &serde_json::Value,
    participants: &serde_json::Value,
) -> serde_json::Value {
    json!({"id": format!("A-{kind}-{end}"), "title": "Kegiatan", "kind": kind, "organizer": organizer,
           "start": end, "end": end, "location": "64.02.06", "participants": participants,
           "funding": [{"source": "apbd_kab_kota", "sipd_code": "2.16.02.2.01.0015"}]})
}

/// For each code, (activities, grants) where it fires exactly once and where it is silent. Both sets hold a monev
/// in 2024 and 2025 so that PB2 stays silent unless asked for.
fn cases(
    code: &str,
) -> (
    (serde_json::Value, serde_json::Value),
    (serde_json::Value, serde_json::Value),
) {
    let org = json!({"kind": "dinas_kab_kota", "region": "64.02", "name": "Diskominfo Kukar"});
    let k1 = json!([{"kim": "K1"}]);
    let monev = |y: &str| act("monev", &format!("{y}-11-20"), &org, &k1);
    let base = |a: serde_json::Value| json!([monev("2024"), a]);
    let grant = |bast: serde_json::Value| {
        json!([{"id": "G1", "date": "2025-01-10", "giver": org, "recipient": {"kim": "K1"}, "bast_number": bast,
                "items": [{"kind": "laptop", "quantity": 1}]}])
    };
    let none = json!([]);
    let ok = base(act("bimtek", "2025-03-01", &org, &k1));
    match code {
        "PB-PB1-MINISTRY" => (
            (
                base(act(
                    "bimtek",
                    "2025-03-01",
                    &json!({"kind": "kementerian", "name": "Kemkomdigi"}),
                    &k1,
                )),
                none.clone(),
            ),
            (ok, none),
        ),
        "PB-PB1-OTHER" => (
            (
                base(act(
                    "bimtek",
                    "2025-03-01",
                    &json!({"kind": "lainnya", "name": "Universitas"}),
                    &k1,
                )),
                none.clone(),
            ),
            (ok, none),
        ),
        "PB-PB1-REGION" => (
            (
                base(act(
                    "bimtek",
                    "2025-03-01",
                    &json!({"kind": "dinas_kab_kota", "region": "64"}),
                    &k1,
                )),
                none.clone(),
            ),
            (ok, none),
        ),
        "PB-PB2-NO-MONEV" => (
            (
                json!([act("bimtek", "2023-03-01", &org, &k1), monev("2024")]),
                none.clone(),
            ),
            (
                json!([
                    act("bimtek", "2023-03-01", &org, &k1),
                    monev("2023"),
                    monev("2024")
                ]),
                none,
            ),
        ),
        "PB-PB3-UNKNOWN-KIM" => (
            (
                base(act("bimtek", "2025-03-01", &org, &json!([{"kim": "K9"}]))),
                none.clone(),
            ),
            (ok, none),
        ),
        "PB-PB3-NOT-ACTIVE" => (
            (
                base(act("bimtek", "2025-03-01", &org, &json!([{"kim": "K2"}]))),
                none.clone(),
            ),
            (ok, none),
        ),
        "PB-PB4-NOT-ATTENDED" => (
            (
                base(act(
                    "bimtek",
                    "2025-03-01",
                    &org,
                    &json!([{"kim": "K1", "attended": false}]),
                )),
                none.clone(),
            ),
            (ok, none),
        ),
        "PB-PB7-SIPD" => {
            let mut bad = act("bimtek", "2025-03-01", &org, &k1);
            bad["funding"][0]["sipd_code"] = json!("2.16.2.2.01.0015");
            ((base(bad), none.clone()), (ok, none))
        }
        "PB-SARPRAS-NO-BAST" => (
            (ok.clone(), grant(json!(null))),
            (ok, grant(json!("027/BAST/2025"))),
        ),
        other => panic!("no case for {other}"),
    }
}

#[test]
fn every_rule_fires_once_and_stays_silent_once() {
    let reg = small_registry();
    let opts = PembinaanOptions::default();
    for r in RULES {
        let ((ba, bg), (ga, gg)) = cases(r.code);
        let bad = check_pembinaan(&doc(&ba, &bg), &reg, &opts, d(AS_OF));
        let hits: Vec<_> = bad.findings.iter().filter(|f| f.code == r.code).collect();
        assert_eq!(
            hits.len(),
            1,
            "{} should fire once: {:#?}",
            r.code,
            bad.findings
        );
        assert_eq!(hits[0].severity, r.severity);
        assert!(!hits[0].message_id.is_empty() && hits[0].message_id != hits[0].message_en);
        let good = check_pembinaan(&doc(&ga, &gg), &reg, &opts, d(AS_OF));
        assert!(
            !good.has(r.code),
            "{} should be silent: {:#?}",
            r.code,
            good.findings
        );
    }
}

#[test]
fn pb2_judges_only_complete_years() {
    // A Dinas whose first activity is in 2025 owes no monev yet on 2025-06-30; on 2026-01-01 it owes 2025's.
    let org = json!({"kind": "dinas_kab_kota", "region": "64.02"});
    let a = json!([act("bimtek", "2025-03-01", &org, &json!([]))]);
    let reg = small_registry();
    let opts = PembinaanOptions::default();
    assert!(
        !check_pembinaan(&doc(&a, &json!([])), &reg, &opts, d("2025-12-31")).has("PB-PB2-NO-MONEV")
    );
    assert!(
        check_pembinaan(&doc(&a, &json!([])), &reg, &opts, d("2026-01-01")).has("PB-PB2-NO-MONEV")
    );
}

// ---- boundary dates -----------------------------------------------------------------------------------------------

#[test]
fn first_and_last_day_of_the_window() {
    let reg = small_registry();
    let opts = PembinaanOptions::default();
    let (from, to) = window(d(AS_OF), 12).unwrap();
    assert_eq!((from, to), (d("2024-07-01"), d(AS_OF)));
    let share = |end: &str| {
        let a =
            activity("A", ActivityKind::Bimtek, end).participant(MemberRef::Kim("K1".into()), true);
        let data = PembinaanData::from_parts(vec![a], vec![]).unwrap();
        trained_share_12m(&data, &reg, Reference::embedded(), None, &opts, d(AS_OF))
            .unwrap()
            .numerator
    };
    assert_eq!(share("2024-06-30"), 0, "the day before the window");
    assert_eq!(share("2024-07-01"), 1, "the first day of the window");
    assert_eq!(share("2025-06-30"), 1, "the last day of the window");
    assert_eq!(share("2025-07-01"), 0, "after as_of");
    // Month-end clamping: at 2024-02-29 the window starts 2023-03-01; at 2025-03-31 for one month, 2025-03-01.
    assert_eq!(window(d("2024-02-29"), 12).unwrap().0, d("2023-03-01"));
    assert_eq!(window(d("2025-03-31"), 1).unwrap().0, d("2025-03-01"));
    assert!(window(d(AS_OF), 0).is_err());
}

#[test]
fn pb3_counts_on_the_end_date() {
    // A KIM active on the end date counts even if it was not on the start date; one dissolved on the end date
    // does not, even if it was active on the start date.
    let late = kim(
        "L",
        "64.02.06.1001",
        &json!([{"date": "2025-03-02", "status": "active"}]),
    );
    let gone = kim(
        "G",
        "64.02.06.1002",
        &json!([{"date": "2021-01-01", "status": "active"},
                                                 {"date": "2025-03-02", "status": "dissolved"}]),
    );
    let reg = Registry::from_kims([late, gone]).unwrap();
    let mut a = Activity::new(
        "A",
        "Bimtek",
        ActivityKind::Bimtek,
        dinas(),
        d("2025-03-01"),
        d("2025-03-02"),
    );
    a = a
        .participant(MemberRef::Kim("L".into()), true)
        .participant(MemberRef::Kim("G".into()), true);
    let data = PembinaanData::from_parts(vec![a], vec![]).unwrap();
    let opts = PembinaanOptions::default();
    let report = check_pembinaan(&data, &reg, &opts, d(AS_OF));
    let not_active: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.code == "PB-PB3-NOT-ACTIVE")
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(not_active, ["activities[A].participants[G]"]);
    let m = trained_share_12m(&data, &reg, Reference::embedded(), None, &opts, d(AS_OF)).unwrap();
    assert_eq!((m.numerator, m.denominator), (1, 1));
}

#[test]
fn pb4_and_pb5_what_counts() {
    let reg = small_registry();
    let r = Reference::embedded();
    let a = activity("A", ActivityKind::Sosialisasi, "2025-01-10")
        .participant(MemberRef::Kim("K1".into()), true);
    let b = activity("B", ActivityKind::Bimtek, "2025-01-11")
        .participant(MemberRef::Kim("K1".into()), false);
    let data = PembinaanData::from_parts(vec![a, b], vec![]).unwrap();
    let default = PembinaanOptions::default();
    // The bimtek invitation was not attended (PB4); sosialisasi is not training (PB5).
    assert_eq!(
        trained_share_12m(&data, &reg, r, None, &default, d(AS_OF))
            .unwrap()
            .numerator,
        0
    );
    assert_eq!(
        pembinaan_reach_12m(&data, &reg, r, None, &default, d(AS_OF))
            .unwrap()
            .numerator,
        1
    );
    let wide = PembinaanOptions::default().training(&[ActivityKind::Sosialisasi]);
    assert_eq!(
        trained_share_12m(&data, &reg, r, None, &wide, d(AS_OF))
            .unwrap()
            .numerator,
        1
    );
    let short = PembinaanOptions::default().window_months(3);
    assert_eq!(
        pembinaan_reach_12m(&data, &reg, r, None, &short, d(AS_OF))
            .unwrap()
            .numerator,
        0
    );
}

// ---- the Kukar scenario, against an independent count ---------------------------------------------------------------

/// Active KIMs on `as_of` and the KIMs with a counted participation in an activity of `kinds` ending in
/// `[from, to]`, read from the raw JSON with the rules written out again.
fn independent(
    kinds: Option<&[&str]>,
    from: NaiveDate,
    to: NaiveDate,
    as_of: NaiveDate,
) -> (usize, usize) {
    let kims: serde_json::Value = serde_json::from_str(KIMS).unwrap();
    let acts: serde_json::Value = serde_json::from_str(PEMBINAAN).unwrap();
    let status_on = |id: &str, day: NaiveDate| {
        let kim = kims["kims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["id"] == id)
            .unwrap();
        kim["history"]
            .as_array()
            .unwrap()
            .iter()
            .rev()
            .find(|h| d(h["date"].as_str().unwrap()) <= day)
            .map(|h| h["status"].as_str().unwrap().to_owned())
    };
    let active =
        |id: &str, day| matches!(status_on(id, day).as_deref(), Some("registered" | "active"));
    let ids: Vec<String> = kims["kims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["id"].as_str().unwrap().to_owned())
        .collect();
    let den: Vec<&String> = ids.iter().filter(|id| active(id, as_of)).collect();
    let mut reached = BTreeSet::new();
    for a in acts["activities"].as_array().unwrap() {
        let end = d(a["end"].as_str().unwrap());
        let kind = a["kind"].as_str().unwrap();
        if end < from || end > to || kinds.is_some_and(|ks| !ks.contains(&kind)) {
            continue;
        }
        for p in a["participants"].as_array().unwrap() {
            let Some(id) = p["kim"].as_str() else {
                continue;
            };
            if p["attended"].as_bool().unwrap_or(true) && active(id, end) {
                reached.insert(id.to_owned());
            }
        }
    }
    (
        den.iter()
            .filter(|id| reached.contains(id.as_str()))
            .count(),
        den.len(),
    )
}

#[test]
fn kukar_metrics_match_an_independent_count() {
    let (data, reg, r) = (data(), kims(), Reference::embedded());
    let opts = PembinaanOptions::default();
    let kukar = Some(k("64.02"));
    let training = [
        "bimtek",
        "workshop",
        "pelatihan",
        "sarasehan",
        "literasi",
        "tot",
    ];
    for as_of in [
        "2024-08-06",
        "2024-12-31",
        "2025-06-30",
        "2025-08-26",
        "2025-08-27",
    ] {
        let as_of = d(as_of);
        let (from, _) = window(as_of, 12).unwrap();
        let t = trained_share_12m(&data, &reg, r, kukar, &opts, as_of).unwrap();
        assert_eq!(
            (t.numerator as usize, t.denominator as usize),
            independent(Some(&training), from, as_of, as_of),
            "{as_of}"
        );
        let p = pembinaan_reach_12m(&data, &reg, r, kukar, &opts, as_of).unwrap();
        assert_eq!(
            (p.numerator as usize, p.denominator as usize),
            independent(None, from, as_of, as_of),
            "{as_of}"
        );
        assert_eq!(t.code_list_version, r.version());
        assert_eq!(t.as_of, as_of);
    }
    // By hand, on 2025-06-30: 11 active KIMs; trained 8 (not 004 and 007, invited but absent; not 013);
    // reached 10 (007 at the sosialisasi, 004 at the monev); monev in 2025: none.
    let at = d(AS_OF);
    let t = trained_share_12m(&data, &reg, r, kukar, &opts, at).unwrap();
    assert_eq!((t.numerator, t.denominator), (8, 11));
    assert_eq!(
        pembinaan_reach_12m(&data, &reg, r, kukar, &opts, at)
            .unwrap()
            .numerator,
        10
    );
    assert_eq!(
        monev_coverage(&data, &reg, r, kukar, &opts, at)
            .unwrap()
            .numerator,
        0
    );
    assert_eq!(
        monev_coverage(&data, &reg, r, kukar, &opts, d("2024-12-31"))
            .unwrap()
            .numerator,
        4
    );
    let kr = kecamatan_reached(&data, &reg, r, kukar, &opts, d("2024-07-01"), at).unwrap();
    assert_eq!((kr.metric.numerator, kr.metric.denominator), (7, 20));
    let spm = spm_kecamatan_coverage(&reg, r, kukar, at).unwrap();
    assert_eq!((spm.numerator, spm.denominator), (6, 20));
    let sarpras = sarpras_summary(&data, &reg, kukar, d("2024-07-01"), at);
    let row = |kind| sarpras.iter().find(|s| s.kind == kind).unwrap();
    assert_eq!(
        (
            row(ItemKind::Laptop).units,
            row(ItemKind::Laptop).recipients,
            row(ItemKind::Laptop).value
        ),
        (2, 2, 19_000_000)
    );
    assert_eq!(
        (
            row(ItemKind::Kamera).units,
            row(ItemKind::Kamera).values_unknown
        ),
        (2, 1)
    );
    let funding = funding_by_source(&data, &reg, kukar, d("2024-07-01"), at);
    let apbd = funding
        .iter()
        .find(|f| f.source == FundingSource::ApbdKabKota)
        .unwrap();
    assert_eq!(
        (apbd.activities, apbd.grants, apbd.amount),
        (9, 2, 135_700_000)
    );
    let csr = funding
        .iter()
        .find(|f| f.source == FundingSource::Csr)
        .unwrap();
    assert_eq!((csr.grants, csr.amounts_unknown), (1, 1));
}

#[test]
fn spm_is_never_kims_over_kecamatan() {
    // 30 KIMs in one village: 1 kecamatan of 20 has a KIM, not 30/20.
    let active = json!([{"date": "2021-01-01", "status": "active"}]);
    let reg = Registry::from_kims((0..30).map(|i| kim(&format!("K{i}"), "64.02.06.1001", &active)))
        .unwrap();
    let m =
        spm_kecamatan_coverage(&reg, Reference::embedded(), Some(k("64.02")), d(AS_OF)).unwrap();
    assert_eq!((m.numerator, m.denominator), (1, 20));
    assert!(m.ratio.unwrap() <= 1.0);
}

#[test]
fn the_report_goes_to_the_kepala_daerah() {
    let (data, reg, r) = (data(), kims(), Reference::embedded());
    let rep = pembinaan_report(
        &data,
        &reg,
        r,
        k("64.02"),
        d("2024-07-01"),
        d(AS_OF),
        &PembinaanOptions::default(),
    )
    .unwrap();
    let to: Vec<(&str, bool)> = rep
        .recipients
        .iter()
        .map(|x| (x.office.as_str(), x.copy))
        .collect();
    assert_eq!(
        to,
        [
            ("bupati/wali kota", false),
            ("Menteri", true),
            ("gubernur", true)
        ]
    );
    assert_eq!(rep.unit_name, "Kabupaten Kutai Kartanegara");
    let bimtek = rep
        .activities
        .iter()
        .find(|a| a.kind == ActivityKind::Bimtek)
        .unwrap();
    assert_eq!(
        (bimtek.activities, bimtek.kims),
        (7, 8),
        "7 points; 8 KIMs attended while active"
    );
    let prov = pembinaan_report(
        &data,
        &reg,
        r,
        k("64"),
        d("2024-07-01"),
        d(AS_OF),
        &PembinaanOptions::default(),
    )
    .unwrap();
    assert_eq!(prov.recipients[0].office, "gubernur");
    assert!(
        pembinaan_report(
            &data,
            &reg,
            r,
            k("64.02.06"),
            d("2024-07-01"),
            d(AS_OF),
            &PembinaanOptions::default()
        )
        .is_err()
    );
    let json = serde_json::to_value(&rep).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["trained_share_12m"]["numerator"], 8);
}

// ---- properties ---------------------------------------------------------------------------------------------------

proptest! {
    #[test]
    fn an_attended_participation_never_lowers_a_share(act in 0usize..12, kim in 1usize..=13, attended in any::<bool>()) {
        let (mut data, reg, r) = (data(), kims(), Reference::embedded());
        let opts = PembinaanOptions::default();
        let at = d(AS_OF);
        let before_t = trained_share_12m(&data, &reg, r, None, &opts, at).unwrap();
        let before_p = pembinaan_reach_12m(&data, &reg, r, None, &opts, at).unwrap();
        let i = act % data.activities.len();
        let id = format!("KIM-6402-{kim:03}");
        let a = data.activities[i].clone().participant(MemberRef::Kim(id), attended);
        data.activities[i] = a;
        let after_t = trained_share_12m(&data, &reg, r, None, &opts, at).unwrap();
        let after_p = pembinaan_reach_12m(&data, &reg, r, None, &opts, at).unwrap();
        prop_assert!(after_t.numerator >= before_t.numerator);
        prop_assert!(after_p.numerator >= before_p.numerator);
        prop_assert_eq!(after_t.denominator, before_t.denominator);
    }
}

#[test]
fn pembinaan_json_round_trips() {
    let d0 = data();
    assert_eq!(PembinaanData::from_json(&d0.to_json()).unwrap(), d0);
}

// ---- CSV import and errors -----------------------------------------------------------------------------------------

#[test]
fn csv_import_reports_every_rejected_row() {
    let mut data = data();
    let n = data.activities.len();
    let opts = ImportOptions::default();
    let rep = data
        .import_activities_csv(
            include_bytes!("../../examples/data/forum_kukar_activities.csv").as_slice(),
            &opts,
        )
        .unwrap();
    assert_eq!((rep.rows_in, rep.accepted, rep.rejected), (2, 2, 0));
    assert_eq!(rep.delimiter, Some(';'));
    assert_eq!(data.activities.len(), n + 2);
    let sbl = data.activity("SOSIALISASI-2025-SBL").unwrap();
    assert_eq!(
        (sbl.start, sbl.funding[0].amount),
        (d("2025-03-10"), Some(3_500_000))
    );
    assert_eq!(
        data.activity("PELATIHAN-2025-TGR").unwrap().end,
        d("2025-05-15"),
        "a date with a month name"
    );
    // The second row's SIPD code is kept and flagged (PB7), not rejected.
    let findings = check_pembinaan(&data, &kims(), &PembinaanOptions::default(), d(AS_OF));
    assert!(
        findings.findings.iter().any(
            |f| f.code == "PB-PB7-SIPD" && f.path.starts_with("activities[PELATIHAN-2025-TGR]")
        )
    );
    let reg = kims();
    let rep = data
        .import_attendance_csv(
            include_bytes!("../../examples/data/forum_kukar_attendance.csv").as_slice(),
            Some(&reg),
            &opts,
        )
        .unwrap();
    assert_eq!((rep.rows_in, rep.accepted, rep.rejected), (4, 3, 1));
    assert_eq!(
        (
            rep.errors[0].line,
            rep.errors[0].field.as_str(),
            rep.errors[0].code
        ),
        (4, "kim_id", "KIM-E-UNKNOWN-KIM")
    );
    let sbl = data.activity("SOSIALISASI-2025-SBL").unwrap();
    assert_eq!(sbl.participants.len(), 2);
    assert!(!data.activity("PELATIHAN-2025-TGR").unwrap().participants[0].attended);
    // Every kind of bad row, each with its line and field.
    let bad = "id,title,kind,organizer_kind,start,end,funding_amount\n\
               A1,Bimtek,bimtek,dinas_kab_kota,2025-01-01,2025-01-02,\n\
               A1,Lagi,bimtek,dinas_kab_kota,2025-01-01,2025-01-02,\n\
               A2,X,kursus,dinas_kab_kota,2025-01-01,2025-01-02,\n\
               A3,X,bimtek,bupati,2025-13-01,2025-01-02,\n\
               A4,X,bimtek,dinas_kab_kota,2025-01-01,2025-01-02,banyak\n\
               A5,\"X,bimtek\n";
    let mut fresh = PembinaanData::new();
    let rep = fresh.import_activities_csv(bad.as_bytes(), &opts).unwrap();
    assert_eq!(
        (rep.rows_in, rep.accepted, rep.rejected),
        (6, 1, 5),
        "{:#?}",
        rep.errors
    );
    let at: Vec<(u64, &str, &str)> = rep
        .errors
        .iter()
        .map(|e| (e.line, e.field.as_str(), e.code))
        .collect();
    assert!(at.contains(&(3, "id", "KIM-E-DUPLICATE")), "{at:?}");
    assert!(at.contains(&(4, "kind", "KIM-E-ENUM")), "{at:?}");
    assert!(
        at.contains(&(5, "organizer_kind", "KIM-E-ENUM"))
            && at.contains(&(5, "start", "KIM-E-DATE")),
        "{at:?}"
    );
    assert!(
        at.contains(&(6, "funding_amount", "KIM-E-NUMBER")),
        "{at:?}"
    );
    assert!(at.iter().any(|(l, _, _)| *l == 7), "{at:?}");
    // A header without a required column fails the table, naming the column.
    let e = fresh
        .import_activities_csv("id,title\nA,B\n".as_bytes(), &opts)
        .unwrap_err();
    assert!(e.to_string().contains("kind"), "{e}");
    // Windows-1252 text is read and reported.
    let cp1252 = b"id_kegiatan;id_kim;nama_peserta\nA1;K1;Andr\xe9\n";
    let rep = fresh
        .import_attendance_csv(cp1252.as_slice(), None, &opts)
        .unwrap();
    assert_eq!(
        (rep.accepted, rep.encoding.as_deref()),
        (1, Some("windows-1252"))
    );
    assert_eq!(
        fresh.activities[0].participants[0].person.as_deref(),
        Some("André")
    );
}

#[test]
fn csv_funding_lines_one_per_source() {
    let opts = ImportOptions::default();
    let csv = "id,title,kind,organizer_kind,start,end,funding_source,funding_amount,sipd_code\n\
               A1,Bimtek,bimtek,dinas_kab_kota,2025-01-01,2025-01-02,apbd_kab_kota;apbn,\"Rp 25.000.000; \",2.16.02.2.01.0015;\n\
               A2,Bimtek,bimtek,dinas_kab_kota,2025-01-01,2025-01-02,apbd_kab_kota;apbn,25000000,\n\
               A3,Bimtek,bimtek,dinas_kab_kota,2025-01-01,2025-01-02,apbd_kab_kota;sumbangan,,\n\
               A4,Bimtek,bimtek,dinas_kab_kota,2025-01-01,2025-01-02,,1000,\n\
               A5,Bimtek,bimtek,dinas_kab_kota,2025-01-01,2025-01-02,apbn;apbd_kab_kota,;lima,\n\
               A6,Bimtek,bimtek,dinas_kab_kota,2025-01-01,2025-01-02,apbn,,\n";
    let mut data = PembinaanData::new();
    let rep = data.import_activities_csv(csv.as_bytes(), &opts).unwrap();
    assert_eq!(
        (rep.rows_in, rep.accepted, rep.rejected),
        (6, 2, 4),
        "{:#?}",
        rep.errors
    );
    let a1 = data.activity("A1").unwrap();
    assert_eq!(a1.funding.len(), 2);
    assert_eq!(
        (a1.funding[0].source, a1.funding[0].amount),
        (FundingSource::ApbdKabKota, Some(25_000_000))
    );
    assert_eq!(
        a1.funding[0].sipd_code.as_deref(),
        Some("2.16.02.2.01.0015")
    );
    assert_eq!(
        (
            a1.funding[1].source,
            a1.funding[1].amount,
            a1.funding[1].sipd_code.as_deref()
        ),
        (FundingSource::Apbn, None, None)
    );
    assert_eq!(data.activity("A6").unwrap().funding.len(), 1);
    let at: Vec<(u64, &str, &str)> = rep
        .errors
        .iter()
        .map(|e| (e.line, e.field.as_str(), e.code))
        .collect();
    assert_eq!(
        at,
        [
            (3, "funding_amount", "KIM-E-COLUMN"),
            (4, "funding_source", "KIM-E-ENUM"),
            (5, "funding_source", "KIM-E-REQUIRED"),
            (6, "funding_amount", "KIM-E-NUMBER"),
        ]
    );
    assert_eq!(rep.errors[1].value, "sumbangan");
}

#[test]
fn csv_amounts_as_indonesians_write_them() {
    let opts = ImportOptions::default();
    let head = "id,title,kind,organizer_kind,start,end,funding_source,funding_amount\n";
    let row = |id: &str, source: &str, amount: &str| {
        format!(
            "{id},Bimtek,bimtek,dinas_kab_kota,2025-01-01,2025-01-02,\"{source}\",\"{amount}\"\n"
        )
    };
    let csv = [
        row("A1", "apbn", "Rp 25.000.000,00"),
        row("A2", "apbn", "25 000 000"),
        row("A3", "apbn", "Rp. 7.500"),
        row("A4", "apbn", "1,5"),
        row("A5", "apbn", "25.000,50"),
        row("A6", "apbn;", "1.000;"),
        row("A7", "apbn;;csr", ""),
    ]
    .concat();
    let mut data = PembinaanData::new();
    let rep = data
        .import_activities_csv(format!("{head}{csv}").as_bytes(), &opts)
        .unwrap();
    let amount = |id: &str| data.activity(id).unwrap().funding[0].amount;
    assert_eq!(
        (amount("A1"), amount("A2"), amount("A3")),
        (Some(25_000_000), Some(25_000_000), Some(7_500))
    );
    let at: Vec<(u64, &str, &str)> = rep
        .errors
        .iter()
        .map(|e| (e.line, e.field.as_str(), e.code))
        .collect();
    assert_eq!(
        at,
        [
            (5, "funding_amount", "KIM-E-NUMBER"),
            (6, "funding_amount", "KIM-E-NUMBER"),
            (7, "funding_source", "KIM-E-REQUIRED"),
            (8, "funding_source", "KIM-E-REQUIRED"),
        ],
        "1,5 and cents are never read as whole rupiah; an empty source part is named"
    );
    assert!(
        rep.errors[2]
            .reason
            .contains("funding source 2 of 2 is empty"),
        "{}",
        rep.errors[2].reason
    );
    // `places` belongs to a registry import: refused, not ignored.
    let mut places = ImportOptions::default();
    places
        .places
        .insert("K1".into(), Kode::parse("64.02.01.2001").unwrap());
    let e = data
        .import_attendance_csv("id_kegiatan,id_kim\nA1,K1\n".as_bytes(), None, &places)
        .unwrap_err();
    assert!(e.to_string().contains("places"), "{e}");
}

#[test]
fn csv_import_of_both_tables_in_one_call() {
    let reg = kims();
    let mut data = PembinaanData::new();
    let rep = data
        .import_csv(
            include_bytes!("../../examples/data/forum_kukar_activities.csv").as_slice(),
            Some(include_bytes!("../../examples/data/forum_kukar_attendance.csv").as_slice()),
            Some(&reg),
            &ImportOptions::default(),
        )
        .unwrap();
    assert_eq!(
        (
            rep.activities.rows_in,
            rep.activities.accepted,
            rep.activities.rejected
        ),
        (2, 2, 0)
    );
    let att = rep.attendance.as_ref().unwrap();
    assert_eq!((att.rows_in, att.accepted, att.rejected), (4, 3, 1));
    // The same as the two calls one after the other.
    let mut two = PembinaanData::new();
    let opts = ImportOptions::default();
    let a = two
        .import_activities_csv(
            include_bytes!("../../examples/data/forum_kukar_activities.csv").as_slice(),
            &opts,
        )
        .unwrap();
    let b = two
        .import_attendance_csv(
            include_bytes!("../../examples/data/forum_kukar_attendance.csv").as_slice(),
            Some(&reg),
            &opts,
        )
        .unwrap();
    assert_eq!((&data, &rep.activities, att), (&two, &a, &b));
    // Without an attendance list there is no attendance report; a table without its columns is an error.
    let rep = PembinaanData::new()
        .import_csv(
            include_bytes!("../../examples/data/forum_kukar_activities.csv").as_slice(),
            None::<&[u8]>,
            None,
            &opts,
        )
        .unwrap();
    assert!(rep.attendance.is_none());
    let e = PembinaanData::new()
        .import_csv(
            include_bytes!("../../examples/data/forum_kukar_activities.csv").as_slice(),
            Some("nama\nSiti\n".as_bytes()),
            None,
            &opts,
        )
        .unwrap_err();
    assert!(e.to_string().contains("activity_id"), "{e}");
}

#[test]
fn bad_json_says_where() {
    let err = |v: serde_json::Value| {
        PembinaanData::from_json(&v.to_string())
            .unwrap_err()
            .to_string()
    };
    let org = json!({"kind": "dinas_kab_kota", "region": "64.02"});
    let e = err(
        json!({"schema_version": 1, "activities": [act("bimtek", "2025-01-01", &org, &json!([{"kim": "K1", "attended": "ya"}]))]}),
    );
    assert!(e.starts_with("activities[A-bimtek-2025-01-01]:"), "{e}");
    let e = err(
        json!({"schema_version": 1, "grants": [{"id": "G1", "date": "2025-01-01", "giver": org,
        "recipient": {"kim": "K1"}, "items": [{"kind": "laptop", "quantity": 0}]}]}),
    );
    assert_eq!(e, "grants[G1].items[0].quantity: a quantity of 0");
    let e = err(
        json!({"schema_version": 1, "activities": [act("bimtek", "2025-01-01", &org, &json!([])), act("bimtek", "2025-01-01", &org, &json!([]))]}),
    );
    assert!(e.ends_with("activity id used twice"), "{e}");
    assert!(err(json!({"schema_version": 1, "extra": 1})).contains("extra"));
}
