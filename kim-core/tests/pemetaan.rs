//! Pemetaan (Permenkominfo 4/2024 Pasal 24; docs/domain.md §12, PM1–PM4): authority, media, completeness, priority
//! and the mapping report.
#![allow(missing_docs)]

use chrono::NaiveDate;
use kim_core::pemetaan::{
    Author, IssueKind, Level5, MappingRecord, MappingReport, Mappings, MediaUse, Priority,
    PriorityRule, PublicIssue, ReportOptions, province_reports,
};
use kim_core::registry::{Media, Registry};
use kim_core::wilayah::{Kode, Reference};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn kode(s: &str) -> Kode {
    Kode::parse(s).unwrap()
}

fn sample() -> Registry {
    Registry::from_json(include_str!("../../examples/data/kim_sample.json")).unwrap()
}

fn lv(v: u8) -> Level5 {
    Level5::new(v).unwrap()
}

fn record(kim: &str, round: &str, on: &str, author: Author, prio: bool) -> MappingRecord {
    MappingRecord::new(
        kim,
        round,
        date(on),
        author,
        "pertanian",
        lv(3),
        lv(4),
        Priority::new(
            prio,
            if prio {
                "pengaruh tinggi, perlu pendampingan"
            } else {
                "sudah mandiri"
            },
        ),
    )
    .with_audiences(["petani", "pemuda"])
    .with_media(["media_sosial", "radio komunitas"])
    .with_content_types(["berita desa"])
    .with_fields(["pertanian"])
    .with_reach([kode("64.02.03.2003")])
    .with_issues([PublicIssue::new(IssueKind::Prioritas, "harga pupuk")])
}

fn dinas_kukar() -> Author {
    Author::Dinas {
        kab_kota: kode("64.02"),
    }
}

#[test]
fn pm1_authority() {
    let reg = sample();
    let mut m = Mappings::new();
    // Silent: the Dinas of Kukar maps a Kukar KIM.
    m.add(
        record("KIM-6402-001", "2025-S1", "2025-03-01", dinas_kukar(), true),
        &reg,
    )
    .unwrap();
    // Fires: the Dinas of another kab/kota (Berau).
    let e = m
        .add(
            record(
                "KIM-6402-002",
                "2025-S1",
                "2025-03-01",
                Author::Dinas {
                    kab_kota: kode("64.03"),
                },
                false,
            ),
            &reg,
        )
        .unwrap_err();
    assert!(
        e.to_string()
            .starts_with("mappings[KIM-6402-002/2025-S1].author: PM1: the Dinas of 64.03"),
        "{e}"
    );
    // Fires: a province, even its own.
    let e = m
        .add(
            record(
                "KIM-6402-002",
                "2025-S1",
                "2025-03-01",
                Author::Provinsi {
                    provinsi: kode("64"),
                },
                false,
            ),
            &reg,
        )
        .unwrap_err();
    assert!(
        e.to_string()
            .contains("PM1: province 64 cannot author a mapping"),
        "{e}"
    );
    // One per KIM per round; an unknown KIM.
    let e = m
        .add(
            record("KIM-6402-001", "2025-S1", "2025-04-01", dinas_kukar(), true),
            &reg,
        )
        .unwrap_err();
    assert!(e.to_string().contains("one per KIM per round"), "{e}");
    assert_eq!(
        m.add(
            record("NOPE", "2025-S1", "2025-04-01", dinas_kukar(), true),
            &reg
        )
        .unwrap_err()
        .code(),
        "KIM-E-UNKNOWN-KIM"
    );
    assert_eq!(m.records().len(), 1);
}

#[test]
fn pm2_media_enum() {
    // Silent: a Pasal 16(2) name, or an alias.
    assert_eq!(
        MediaUse::parse("media_sosial"),
        MediaUse::from(Media::MediaSosial)
    );
    assert_eq!(MediaUse::parse("medsos").media, Media::MediaSosial);
    // Fires: another value goes to `lainnya`, text kept.
    let u = MediaUse::parse(" radio komunitas ");
    assert_eq!(
        (u.media, u.text.as_deref()),
        (Media::Lainnya, Some("radio komunitas"))
    );
}

#[test]
fn pm4_priority() {
    let reg = sample();
    // A decision without a reason is refused.
    let mut r = record("KIM-6402-001", "2025-S1", "2025-03-01", dinas_kukar(), true);
    r.priority = Priority::new(true, " ");
    let e = Mappings::new().add(r, &reg).unwrap_err();
    assert!(e.to_string().contains("PM4"), "{e}");
    // The optional rule has no defaults, and suggests only when every threshold is met.
    assert!(PriorityRule::new(None, None).is_err());
    let rule = PriorityRule::new(Some(lv(3)), Some(lv(4))).unwrap();
    let r = record(
        "KIM-6402-001",
        "2025-S1",
        "2025-03-01",
        dinas_kukar(),
        false,
    );
    assert!(rule.suggests(&r)); // fires: strength 3 ≤ 3, influence 4 ≥ 4
    let strict = PriorityRule::new(None, Some(lv(5))).unwrap();
    assert!(!strict.suggests(&r)); // silent
    assert!(Level5::new(0).is_err() && Level5::new(6).is_err());
}

#[test]
#[allow(clippy::too_many_lines)] // one scenario, checked end to end
fn pm3_report_completeness_counts_and_priority() {
    let reg = sample();
    let mut m = Mappings::new();
    // Two current mappings, one stale (over 365 days old on 2025-06-30), one of an inactive KIM.
    m.add(
        record("KIM-6402-001", "2025-S1", "2025-03-01", dinas_kukar(), true),
        &reg,
    )
    .unwrap();
    m.add(
        record(
            "KIM-6402-002",
            "2025-S1",
            "2025-03-02",
            dinas_kukar(),
            false,
        ),
        &reg,
    )
    .unwrap();
    m.add(
        record("KIM-6402-005", "2023-S2", "2023-12-01", dinas_kukar(), true),
        &reg,
    )
    .unwrap();
    m.add(
        record("KIM-6402-023", "2025-S1", "2025-03-03", dinas_kukar(), true),
        &reg,
    )
    .unwrap();
    let opts = ReportOptions::new(kode("64.02"), date("2025-01-01"), date("2025-06-30")).unwrap();
    let rep = MappingReport::build(&m, &reg, Reference::embedded(), &opts).unwrap();
    assert_eq!(rep.kab_kota_name, "Kabupaten Kutai Kartanegara");
    assert_eq!(rep.code_list_version, Reference::embedded().version());
    // KIM-6402-004 is seated in Kukar (registered with Berau): it counts for Kukar.
    let active = rep.active_kims;
    assert_eq!(rep.mapped_kims, 2);
    assert!((rep.completeness.unwrap() - 2.0 / f64::from(active)).abs() < 1e-12);
    assert_eq!(rep.mappings_in_period, 3);
    let stale = rep
        .unmapped
        .iter()
        .find(|u| u.kim_id == "KIM-6402-005")
        .unwrap();
    assert_eq!(stale.last_mapped_on, Some(date("2023-12-01")));
    assert!(
        rep.unmapped.iter().all(|u| u.kim_id != "KIM-6402-023"),
        "inactive KIMs are not owed a mapping"
    );
    assert_eq!(u32::try_from(rep.unmapped.len()).unwrap(), active - 2);
    let count = |d: &str, v: &str| {
        rep.counts
            .iter()
            .find(|c| c.dimension == d && c.value == v)
            .map(|c| c.count)
    };
    assert_eq!(count("media", "media_sosial"), Some(2));
    assert_eq!(count("media", "lainnya: radio komunitas"), Some(2));
    assert_eq!(count("priority", "true"), Some(1));
    assert_eq!(count("issue_kind", "prioritas"), Some(2));
    assert_eq!(count("reach_level", "desa"), Some(2));
    assert_eq!(rep.priority.len(), 1);
    assert_eq!(rep.priority[0].kim_id, "KIM-6402-001");
    // With a longer maximum age the stale mapping counts.
    let rep2 = MappingReport::build(
        &m,
        &reg,
        Reference::embedded(),
        &opts.clone().max_age_days(800),
    )
    .unwrap();
    assert_eq!(rep2.mapped_kims, 3);
    // Table and versioned JSON.
    let json: serde_json::Value = serde_json::from_str(&rep.to_json()).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["kab_kota"], "64.02");
    let mut csv = Vec::new();
    rep.write_csv(&mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(csv.starts_with("section,dimension,value,count,kab_kota,from,to,code_list_version\n"));
    assert!(csv.contains("unmapped,KIM-6402-005,2023-12-01,"));
    // A province aggregates: one report per kab/kota with KIMs.
    let prov = province_reports(
        &m,
        &reg,
        Reference::embedded(),
        kode("64"),
        opts.from,
        opts.to,
        365,
    )
    .unwrap();
    assert_eq!(prov.len(), 1);
    assert_eq!(prov[0], rep);
    // A province missing from the list is an error, not a province without KIMs; so is a reversed period.
    let e = province_reports(
        &m,
        &reg,
        Reference::embedded(),
        kode("99"),
        opts.from,
        opts.to,
        365,
    )
    .unwrap_err();
    assert_eq!(e.code(), "KIM-E-NOT-IN-LIST");
    let e = province_reports(
        &m,
        &reg,
        Reference::embedded(),
        kode("64"),
        opts.to,
        opts.from,
        365,
    )
    .unwrap_err();
    assert!(e.to_string().contains("before it starts"), "{e}");
    assert!(ReportOptions::new(kode("64"), opts.from, opts.to).is_err());
    assert!(ReportOptions::new(kode("64.02"), opts.to, opts.from).is_err());
}

#[test]
fn json_records() {
    let reg = sample();
    let mut m = Mappings::new();
    let text = r#"[{"kim_id": "KIM-6402-001", "round": "2025-S1", "mapped_on": "2025-03-01",
        "author": {"kind": "dinas", "kab_kota": "64.02"}, "media": [{"media": "online"}],
        "primary_field": "pertanian", "strength": 2, "influence": 5,
        "priority": {"prioritised": true, "reason": "lemah tapi berpengaruh"}},
      {"kim_id": "KIM-6402-002", "round": "2025-S1", "mapped_on": "2025-03-01",
        "author": {"kind": "provinsi", "provinsi": "64"},
        "primary_field": "kesehatan", "strength": 3, "influence": 3,
        "priority": {"prioritised": false, "reason": "-"}}]"#;
    let e = m.add_json(text, &reg).unwrap_err();
    assert!(
        e.to_string()
            .starts_with("[1].mappings[KIM-6402-002/2025-S1].author: PM1"),
        "{e}"
    );
    assert_eq!(m.records().len(), 1);
    let e = Mappings::new()
        .add_json(&text.replace("\"strength\": 2", "\"strength\": 7"), &reg)
        .unwrap_err();
    assert_eq!(e.code(), "KIM-E-JSON");
}
