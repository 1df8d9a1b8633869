//! Issues 14 and 23: one KIM shape. Legacy values are imported with findings (docs/domain.md §3.1 F3, §3.3), rejected
//! member rows stay visible in the KIM's report, errors name `members[<id>].<field>` on every path, one text rule
//! for ids and names, registry JSON read in one pass.

use std::collections::HashMap;
use std::fmt::Write;

use kim_core::registry::{Cell, IssuerRole, Kim, Occupation, Registry, Role};
use kim_core::rules::{ProfileSet, Severity, validate_by_seat};
use kim_core::vocab::{
    ISSUER_SPELLINGS, OCCUPATION_SPELLINGS, ROLE_SPELLINGS, forbidden_char, read_legacy,
    text_problem,
};
use kim_core::wilayah::Reference;
use proptest::prelude::*;

const NIK: &str = "6402014101900001";

fn validate(kim: &Kim) -> kim_core::rules::Report {
    validate_by_seat(
        kim,
        &ProfileSet::builtin(),
        None,
        Reference::embedded(),
        "2025-06-30".parse().unwrap(),
    )
    .unwrap()
}

fn codes_at(report: &kim_core::rules::Report, code: &str) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.code == code)
        .map(|f| f.path.clone())
        .collect()
}

const KIMS: &str = "id,name,seat,sk_number,sk_date,sk_issuer,status,status_date\n\
    K1,KIM RT,64.02.01.2001,1/2023,2023-01-01,Ketua RT 03,active,2023-02-01\n\
    K2,KIM Tanpa Penerbit,64.02.01.2002,2/2023,2023-01-01,,active,2023-02-01\n\
    K3,KIM Desa,64.02.01.2003,3/2023,2023-01-01,Kepala Desa Perian,active,2023-02-01\n\
    K4,KIM Rusak,64.0x,4/2023,2023-01-01,kades,active,2023-02-01\n";

fn members() -> String {
    format!(
        "kim_id,id,name,nik,role,occupation\n\
         K3,m1,Siti,{NIK},ketua,guru\n\
         K3,m2,Budi,640201410190001,anggota,petani\n\
         K3,m3,Wati,,Pembina,tani\n\
         K3,m4,Ani,,sekertaris,ibu rumah tangga\n"
    )
}

fn import() -> (Registry, kim_core::registry::ImportReport) {
    Registry::import_csv(KIMS.as_bytes(), Some(members().as_bytes()), None).unwrap()
}

#[test]
fn legacy_values_are_imported_with_their_raw_text() {
    let (reg, report) = import();
    let k = &report.kims;
    // K1 and K2 carry a legacy issuer; K3's "Kepala Desa Perian" is unambiguous; K4 has a broken seat.
    assert_eq!(
        (k.rows_in, k.accepted, k.accepted_with_findings, k.rejected),
        (4, 1, 2, 1)
    );
    let m = &report.members;
    // m1 (guru) and m3 (Pembina) kept with raw text; m4 mapped (sekertaris, ibu rumah tangga); m2 rejected.
    assert_eq!(
        (m.rows_in, m.accepted, m.accepted_with_findings, m.rejected),
        (4, 1, 2, 1)
    );
    assert!(
        report
            .summary(5)
            .contains("2 KIM rows and 2 member rows accepted with findings")
    );
    let sk1 = reg.get("K1").unwrap().sk.as_ref().unwrap();
    assert_eq!(
        (sk1.issuer, sk1.issuer_raw.as_deref()),
        (IssuerRole::Other, Some("Ketua RT 03"))
    );
    let sk2 = reg.get("K2").unwrap().sk.as_ref().unwrap();
    assert_eq!(
        (sk2.issuer, sk2.issuer_raw.as_deref()),
        (IssuerRole::TidakDiketahui, None)
    );
    let k3 = reg.get("K3").unwrap();
    assert_eq!(k3.sk.as_ref().unwrap().issuer, IssuerRole::KepalaDesa);
    let by_id = |id: &str| k3.members.iter().find(|m| m.id == id).unwrap();
    assert_eq!(
        (
            by_id("m1").occupation,
            by_id("m1").occupation_raw.as_deref()
        ),
        (Occupation::Lainnya, Some("guru"))
    );
    assert_eq!(
        (by_id("m3").role, by_id("m3").role_raw.as_deref()),
        (Role::Anggota, Some("Pembina"))
    );
    assert_eq!(by_id("m3").occupation, Occupation::Petani);
    assert_eq!(
        (by_id("m4").role, by_id("m4").occupation),
        (Role::Sekretaris, Occupation::IbuRumahTangga)
    );
}

#[test]
fn legacy_values_round_trip_through_json() {
    let (reg, _) = import();
    let json = reg.to_json();
    assert!(json.contains(r#""issuer_raw":"Ketua RT 03""#), "{json}");
    assert!(json.contains(r#""occupation_raw":"guru""#), "{json}");
    let back = Registry::from_json(&json).unwrap();
    assert_eq!(back, reg);
    // The same legacy text in JSON input is kept the same way.
    let one = Kim::from_json(
        r#"{"id": "K9", "name": "KIM", "seat": "64.02.01.2001",
            "sk": {"number": "9/2023", "date": "2023-01-01", "issuer": "Ketua RT 03"},
            "members": [{"id": "m1", "name": "Siti", "occupation": "guru", "role": "Pembina"}]}"#,
    )
    .unwrap();
    assert_eq!(
        one.sk.as_ref().unwrap().issuer_raw.as_deref(),
        Some("Ketua RT 03")
    );
    assert_eq!(one.members[0].role_raw.as_deref(), Some("Pembina"));
}

#[test]
fn validation_flags_legacy_values_and_rejected_members() {
    let (reg, _) = import();
    let r1 = validate(reg.get("K1").unwrap());
    assert_eq!(codes_at(&r1, "KIM-LEGACY-ISSUER"), ["sk.issuer"]);
    // F3 judges the SK: "Ketua RT" is not a village head, and the message shows the text as written.
    let f3 = r1
        .findings
        .iter()
        .find(|f| f.code == "KIM-F3-ISSUER")
        .unwrap();
    assert!(f3.message_en.contains("Ketua RT 03"), "{}", f3.message_en);
    let r2 = validate(reg.get("K2").unwrap());
    assert_eq!(codes_at(&r2, "KIM-SK-NO-ISSUER"), ["sk.issuer"]);
    let r3 = validate(reg.get("K3").unwrap());
    assert_eq!(
        codes_at(&r3, "KIM-LEGACY-OCCUPATION"),
        ["members[m1].occupation"]
    );
    assert_eq!(codes_at(&r3, "KIM-LEGACY-ROLE"), ["members[m3].role"]);
    assert_eq!(codes_at(&r3, "KIM-MEMBER-REJECTED"), ["members[m2].nik"]);
    for f in &r3.findings {
        if f.code.starts_with("KIM-LEGACY") || f.code == "KIM-MEMBER-REJECTED" {
            assert_eq!(f.severity, Severity::Warning);
            assert!(!f.message_id.is_empty() && !f.message_en.is_empty());
        }
        assert!(
            !f.message_en.contains("640201410190001"),
            "{}",
            f.message_en
        );
    }
    // The rejected member survives a JSON round trip of the registry.
    let back = Registry::from_json(&reg.to_json()).unwrap();
    assert_eq!(back.get("K3").unwrap().member_problems.len(), 1);
}

#[test]
fn records_reject_the_same_member_and_report_it_on_the_kim() {
    let text = |s: &str| Cell::Text(s.to_owned());
    let kim = HashMap::from([
        ("id".to_owned(), text("K1")),
        ("name".to_owned(), text("KIM")),
        ("seat".to_owned(), text("64.02.01.2001")),
    ]);
    let member = HashMap::from([
        ("kim_id".to_owned(), text("K1")),
        ("id".to_owned(), text("m2")),
        ("name".to_owned(), text("Budi")),
        ("birth_date".to_owned(), text("2024-02-30")),
    ]);
    let (reg, report) = Registry::import_cells(&[kim], &[member], None);
    assert_eq!(report.members.rejected, 1);
    let r = validate(reg.get("K1").unwrap());
    assert_eq!(
        codes_at(&r, "KIM-MEMBER-REJECTED"),
        ["members[m2].birth_date"]
    );
}

#[test]
fn a_bad_member_nik_in_json_names_the_member_and_field() {
    let json = r#"{"id": "K1", "name": "KIM", "seat": "64.02.01.2001",
                   "members": [{"id": "m2", "name": "Budi", "nik": "640201410190001"}]}"#;
    let err = Kim::from_json(json).unwrap_err();
    assert_eq!(err.code(), "KIM-E-JSON");
    let text = err.to_string();
    assert!(text.starts_with("members[m2].nik: "), "{text}");
    assert!(!text.contains("line 0"), "{text}");
    // A masked NIK (a display copy) says so and how to get the data.
    let masked = json.replace("640201410190001", "6402**********01");
    let text = Kim::from_json(&masked).unwrap_err().to_string();
    assert!(
        text.starts_with("members[m2].nik: ") && text.contains("masked") && text.contains("reveal"),
        "{text}"
    );
}

#[test]
fn legacy_spellings_follow_the_documented_tables() {
    let issuer = |s| read_legacy::<IssuerRole>(s, ISSUER_SPELLINGS, true);
    assert_eq!(issuer("Kepala Desa"), Some(IssuerRole::KepalaDesa));
    assert_eq!(issuer("KADES"), Some(IssuerRole::KepalaDesa));
    assert_eq!(
        issuer("Wali Nagari Koto Baru"),
        Some(IssuerRole::KepalaDesa)
    );
    assert_eq!(issuer("Plt. Lurah Jahab"), Some(IssuerRole::Lurah));
    assert_eq!(
        issuer("Bupati Kutai Kartanegara"),
        Some(IssuerRole::BupatiWalikota)
    );
    // Not a head of government, or ambiguous: kept as raw text.
    for s in [
        "Ketua RT",
        "Ketua RW 02",
        "Kepala Dusun",
        "Sekretaris Desa",
        "Kadis Kominfo",
    ] {
        assert_eq!(issuer(s), None, "{s}");
    }
    let occ = |s| read_legacy::<Occupation>(s, OCCUPATION_SPELLINGS, false);
    assert_eq!(occ("Pegawai Negeri Sipil"), Some(Occupation::Pns));
    assert_eq!(occ("IRT"), Some(Occupation::IbuRumahTangga));
    assert_eq!(occ("guru"), None);
    assert_eq!(occ("karyawan"), None);
    let role = |s| read_legacy::<Role>(s, ROLE_SPELLINGS, false);
    assert_eq!(role("Ketua KIM"), Some(Role::Ketua));
    assert_eq!(role("Sekertaris"), Some(Role::Sekretaris));
    assert_eq!(role("Pembina"), None);
}

#[test]
fn one_text_rule_for_ids_and_names_on_every_input() {
    for bad in [
        "K1\u{200b}",
        "K1\u{0}",
        "K1\u{202e}",
        "K1\u{ad}",
        "\u{feff}K1",
    ] {
        assert!(text_problem(bad).is_some(), "{bad:?}");
        // JSON
        let json = format!(
            r#"{{"id": {}, "name": "KIM", "seat": "64.02.01.2001"}}"#,
            serde_json::json!(bad)
        );
        let err = Kim::from_json(&json).unwrap_err().to_string();
        assert!(
            err.starts_with("id: ") && err.contains("KIM-E-TEXT"),
            "{err}"
        );
        let reg = format!(r#"{{"schema_version": 1, "kims": [{json}]}}"#);
        assert!(
            Registry::from_json(&reg)
                .unwrap_err()
                .to_string()
                .contains("KIM-E-TEXT")
        );
        // CSV and records
        let csv = format!("id,name,seat\n{bad},KIM,64.02.01.2001\n");
        let (_, report) = Registry::import_csv(csv.as_bytes(), None::<&[u8]>, None).unwrap();
        assert_eq!(report.kims.errors[0].code, "KIM-E-TEXT", "{bad:?}");
        let rec = HashMap::from([
            ("id".to_owned(), bad.to_owned()),
            ("name".to_owned(), "KIM".to_owned()),
            ("seat".to_owned(), "64.02.01.2001".to_owned()),
        ]);
        let (_, report) = Registry::import_records(&[rec], &[], None);
        assert_eq!(report.kims.errors[0].code, "KIM-E-TEXT", "{bad:?}");
    }
    // Surrounding whitespace is trimmed on every input (as CSV cells are), so it never makes a second id.
    let json = r#"{"id": " K1\u0085", "name": "KIM", "seat": "64.02.01.2001"}"#;
    assert_eq!(Kim::from_json(json).unwrap().id, "K1");
    // A KIM built in Rust meets the same rule when it enters a registry or is validated.
    let mut built = Kim::new(
        "K1",
        "KIM",
        kim_core::wilayah::Kode::parse("64.02.01.2001").unwrap(),
    );
    built.members.push(kim_core::registry::Member::new(
        "m1",
        "Si\u{200b}ti",
        Role::Anggota,
    ));
    let err = Registry::from_kims([built]).unwrap_err().to_string();
    assert!(
        err.starts_with("members[m1].name: ") && err.contains("KIM-E-TEXT"),
        "{err}"
    );
    // A member name too.
    let json = r#"{"id": "K1", "name": "KIM", "seat": "64.02.01.2001",
                   "members": [{"id": "m1", "name": "Si\u200bti"}]}"#;
    let err = Kim::from_json(json).unwrap_err().to_string();
    assert!(err.starts_with("members[m1].name: "), "{err}");
}

proptest! {
    /// Any forbidden character anywhere in an id makes JSON and CSV reject it alike, so `K1` and `K1` plus an
    /// invisible character can never be two KIMs.
    #[test]
    fn forbidden_characters_are_rejected_alike(
        c in prop::sample::select(vec!['\u{0}', '\u{1}', '\u{1f}', '\u{7f}', '\u{9f}', '\u{200b}', '\u{200c}',
                                       '\u{200d}', '\u{200e}', '\u{202a}', '\u{2066}', '\u{2069}', '\u{ad}', '\u{feff}',
                                       '\u{2060}', '\u{61c}']),
        at in 0usize..3,
    ) {
        prop_assert!(forbidden_char(c).is_some());
        let mut id: Vec<char> = "K1x".chars().collect();
        id.insert(at, c);
        let id: String = id.into_iter().collect();
        let json = format!(r#"{{"schema_version": 1, "kims": [{{"id": {}, "name": "KIM", "seat": "64.02.01.2001"}}]}}"#,
                           serde_json::json!(id));
        prop_assert!(Registry::from_json(&json).is_err());
        let csv = format!("id,name,seat\n\"{id}\",KIM,64.02.01.2001\n");
        if let Ok((reg, report)) = Registry::import_csv(csv.as_bytes(), None::<&[u8]>, None) {
            prop_assert_eq!(reg.len(), 0);
            prop_assert_eq!(report.kims.rejected, 1);
        }
    }
}

#[test]
fn registry_json_reads_schema_version_in_the_same_pass() {
    // A wrong version is reported as such even when a large document follows; the rest is skipped.
    let big = format!(
        r#"{{"schema_version": 2, "kims": [{{"id": "K1", "blob": "{}"}}]}}"#,
        "x".repeat(100_000)
    );
    assert_eq!(
        Registry::from_json(&big).unwrap_err().code(),
        "KIM-E-SCHEMA"
    );
    // `kims` before `schema_version` reads the same.
    let ok =
        r#"{"kims": [{"id": "K1", "name": "KIM", "seat": "64.02.01.2001"}], "schema_version": 1}"#;
    assert_eq!(Registry::from_json(ok).unwrap().len(), 1);
    // Unknown top-level fields and missing ones are errors with line and column.
    for bad in [
        r#"{"schema_version": 1, "kims": [], "extra": [1, 2, 3]}"#,
        r#"{"kims": []}"#,
        r#"{"schema_version": 1}"#,
        r#"{"schema_version": 1, "kims": [], "kims": []}"#,
    ] {
        let err = Registry::from_json(bad).unwrap_err();
        assert_eq!(err.code(), "KIM-E-JSON", "{bad}: {err}");
    }
}

proptest! {
    /// Whatever issuer, role and occupation text a table holds, no row disappears: rows in = accepted + accepted with
    /// findings + rejected, every accepted KIM is in the registry, and every raw text kept is the text written.
    #[test]
    fn no_row_disappears_whatever_the_vocabulary_text(
        issuers in proptest::collection::vec("[A-Za-z .]{0,16}", 1..6),
        roles in proptest::collection::vec(("[A-Za-z ]{0,12}", "[A-Za-z ]{0,12}"), 0..6),
    ) {
        let mut kims = String::from("id,name,seat,sk_number,sk_date,sk_issuer\n");
        for (i, issuer) in issuers.iter().enumerate() {
            writeln!(kims, "K{i},KIM {i},64.02.01.2001,{i}/2023,2023-01-01,{issuer}").unwrap();
        }
        let mut members = String::from("kim_id,id,name,role,occupation\n");
        for (j, (role, occupation)) in roles.iter().enumerate() {
            writeln!(members, "K0,m{j},Anggota {j},{role},{occupation}").unwrap();
        }
        let (reg, rep) = Registry::import_csv(kims.as_bytes(), Some(members.as_bytes()), None).unwrap();
        for t in [&rep.kims, &rep.members] {
            prop_assert_eq!(t.rows_in, t.accepted + t.accepted_with_findings + t.rejected);
        }
        prop_assert_eq!(reg.len(), rep.kims.accepted + rep.kims.accepted_with_findings);
        prop_assert_eq!(rep.kims.rejected, 0);
        prop_assert_eq!(rep.members.rejected, 0);
        for (i, issuer) in issuers.iter().enumerate() {
            let sk = reg.get(&format!("K{i}")).unwrap().sk.clone().unwrap();
            if let Some(raw) = &sk.issuer_raw {
                prop_assert_eq!(raw.as_str(), issuer.trim());
            }
        }
        let back = Registry::from_json(&reg.to_json()).unwrap();
        prop_assert_eq!(back, reg);
    }
}
