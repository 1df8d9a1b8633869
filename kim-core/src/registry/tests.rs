//! Unit tests of the registry: dates, NIKs, the lifecycle, events, JSON and CSV import.

use chrono::NaiveDate;

use super::dates::iso_date;
use super::*;
use crate::error::NikProblem;
use crate::wilayah::{Kode, Reference};

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn iso_dates_read_as_chrono_reads_them() {
    for s in [
        "2024-02-29",
        "2023-02-29",
        "2024-02-30",
        "2024-13-01",
        "2024-00-10",
        "0000-01-01",
        "9999-12-31",
        "2024-1-01",
        "2024-01-1",
        "+2024-01-01",
        "2024/01/01",
        "20240101",
        " 2024-01-01",
        "2024-01-01 ",
        "2024-01-0a",
        "",
        "-001-01-01",
        "१२३४-01-01",
    ] {
        assert_eq!(iso_date::parse(s), s.parse::<NaiveDate>(), "{s:?}");
    }
    // serde messages are chrono's too.
    let e = serde_json::from_str::<StatusChange>(r#"{"date": 5, "status": "active"}"#).unwrap_err();
    assert!(
        e.to_string().contains("expected a formatted date string"),
        "{e}"
    );
    let e = serde_json::from_str::<StatusChange>(r#"{"date": "2024-02-30", "status": "active"}"#)
        .unwrap_err();
    assert!(e.to_string().contains("input is out of range"), "{e}");
    let m: Member = serde_json::from_str(
        r#"{"id": "m", "name": "A", "birth_date": null, "term_start": "2024-01-02"}"#,
    )
    .unwrap();
    assert_eq!(
        (m.birth_date, m.term_start, m.term_end),
        (None, Some(d("2024-01-02")), None)
    );
    let e =
        serde_json::from_str::<Member>(r#"{"id": "m", "name": "A", "term_end": []}"#).unwrap_err();
    assert!(
        e.to_string().contains("expected a formatted date string"),
        "{e}"
    );
    // Event flattens its change, so dates arrive through serde's buffered content.
    let ev: Event = serde_json::from_str(
        r#"{"date": "2024-03-04", "kim": "K", "change": "join", "member": {"id": "m", "name": "A", "birth_date": "1990-05-06"}}"#,
    )
    .unwrap();
    assert_eq!(ev.date, d("2024-03-04"));
    let Change::Join { member } = ev.change else {
        panic!("join")
    };
    assert_eq!(member.birth_date, Some(d("1990-05-06")));
}

proptest::proptest! {
    #[test]
    fn iso_date_fast_path_agrees_with_chrono(s in "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9+ -]{0,12}|\\PC{0,12}") {
        proptest::prop_assert_eq!(iso_date::parse(&s), s.parse::<NaiveDate>());
    }
}

#[test]
fn nik_structure() {
    let problem = |s: &str| match Nik::parse(s) {
        Err(Error::InvalidNik { problem, masked }) => {
            assert!(!masked.contains("0141019"), "{masked}");
            problem
        }
        other => panic!("{other:?}"),
    };
    assert_eq!(problem("640201410190000"), NikProblem::Length);
    assert_eq!(problem("64020141019000011"), NikProblem::Length);
    assert_eq!(problem("640201410190000a"), NikProblem::NotDigit);
    assert_eq!(problem("0002014101900001"), NikProblem::Region);
    assert_eq!(problem("6402013201900001"), NikProblem::Day);
    assert_eq!(problem("6402017201900001"), NikProblem::Day);
    assert_eq!(problem("6402011513900001"), NikProblem::Month);
    assert_eq!(problem("6402013002900001"), NikProblem::Date);
    assert_eq!(problem("6402012902910001"), NikProblem::Date);
    assert_eq!(problem("6402014101900000"), NikProblem::Serial);
    assert!(Nik::parse("6402012902920001").is_ok()); // 29 Feb of a leap YY
    assert!(Nik::parse("6402.0171.1290.0001").is_ok()); // woman born 31 Dec
}

#[test]
fn nik_whitespace_is_handled_as_the_import_handles_it() {
    // The import trims every cell (`str::trim`); `Nik::parse` trims the same way, so a NIK valid in a CSV cell is
    // valid on its own too.
    for s in [
        " 6402014101900001",
        "6402014101900001 ",
        "\t6402014101900001\n",
        "\u{a0}6402 0141 0190 0001\u{a0}",
        "\r\n6402.0141.0190.0001\r\n",
    ] {
        assert_eq!(
            Nik::parse(s).map(|n| n.expose().to_owned()).ok().as_deref(),
            Some("6402014101900001"),
            "{s:?}"
        );
    }
    // Inside the number only spaces and dots separate digits.
    assert!(Nik::parse("6402\t014101900001").is_err());
    let members = "kim_id,id,name,nik\nK1,m1,Siti,\" 6402014101900001\t\"\n";
    let kims = "id,name,seat\nK1,KIM,64.02.01.2001\n";
    let (reg, report) =
        Registry::import_csv(kims.as_bytes(), Some(members.as_bytes()), None).unwrap();
    assert!(report.is_clean(), "{report:?}");
    assert_eq!(
        reg.get("K1").unwrap().members[0]
            .nik
            .as_ref()
            .unwrap()
            .expose(),
        "6402014101900001"
    );
}

#[test]
fn nik_province_must_be_one_of_the_38() {
    let problem = |s: &str| match Nik::parse(s) {
        Err(Error::InvalidNik { problem, .. }) => problem,
        other => panic!("{other:?}"),
    };
    assert_eq!(
        problem("9999994303800001"),
        NikProblem::UnknownProvince { code: 99 }
    );
    assert_eq!(
        problem("2002014101900001"),
        NikProblem::UnknownProvince { code: 20 }
    );
    let msg = Nik::parse("9901014101900001").unwrap_err().to_string();
    assert!(msg.contains("99") && msg.contains("province"), "{msg}");
    // Every province of the embedded list is accepted; the kab/kota and kecamatan may be absent from the list (old
    // codes are legitimate: a warning finding, docs/domain.md §5).
    for unit in Reference::embedded().children(None) {
        let s = format!("{}99994103800001", unit.kode);
        assert!(Nik::parse(&s).is_ok(), "{s}");
    }
    assert!(Nik::parse("6499994303800001").is_ok());
}

#[test]
fn nik_province_codes_are_the_embedded_list() {
    let embedded: Vec<String> = Reference::embedded()
        .children(None)
        .map(|u| u.kode.to_string())
        .collect();
    let ours: Vec<String> = crate::wilayah::PROVINCE_CODES
        .iter()
        .map(|p| format!("{p:02}"))
        .collect();
    assert_eq!(ours, embedded);
    assert_eq!(ours.len(), 38);
}

#[test]
fn nik_two_digit_year_is_read_modulo_100() {
    // YY is the year modulo 100; the century is not in the NIK, so a birth date agrees in any century.
    let n = Nik::parse("6402014101900001").unwrap();
    assert!(n.matches_birth_date(d("1990-01-01")));
    assert!(n.matches_birth_date(d("2090-01-01")));
    assert!(n.matches_birth_date(d("1890-01-01")));
    assert!(!n.matches_birth_date(d("1991-01-01")));
    assert_eq!(n.birth_yy(), 90);
    // 29 February needs a YY divisible by 4 (00 included: 2000 was a leap year).
    assert!(Nik::parse("6402012902000001").is_ok());
    assert!(Nik::parse("6402012902010001").is_err());
}

#[test]
fn nik_from_numbers() {
    let ok = |n: Result<Nik>| n.map(|n| n.expose().to_owned()).unwrap();
    assert_eq!(ok(Nik::from_i64(6_402_014_101_900_001)), "6402014101900001");
    assert_eq!(
        ok(Nik::from_f64(6_402_014_101_900_001.0)),
        "6402014101900001"
    );
    let problem = |n: Result<Nik>| match n {
        Err(Error::InvalidNik { problem, masked }) => {
            assert!(!masked.contains("0141019"), "{masked}");
            problem
        }
        other => panic!("{other:?}"),
    };
    // Above 2^53 a float cannot tell a NIK from its neighbours.
    assert_eq!(
        problem(Nik::from_f64(9_201_014_101_900_000.0)),
        NikProblem::Inexact
    );
    assert_eq!(
        problem(Nik::from_f64(640_201_410_190_000.5)),
        NikProblem::Inexact
    );
    assert_eq!(problem(Nik::from_f64(f64::INFINITY)), NikProblem::Inexact);
    assert_eq!(
        problem(Nik::from_f64(-6_402_014_101_900_001.0)),
        NikProblem::Inexact
    );
    assert_eq!(
        problem(Nik::from_f64(640_201_410_190_000.0)),
        NikProblem::Length
    );
    assert_eq!(problem(Nik::from_i64(-1)), NikProblem::NotDigit);
}

#[test]
fn import_cells_numbers_in_the_nik_column() {
    use std::collections::HashMap;
    let kim = HashMap::from([
        ("id".to_owned(), Cell::Text("K1".into())),
        ("name".to_owned(), Cell::Text("KIM".into())),
        ("seat".to_owned(), Cell::Text("64.02.01.2001".into())),
    ]);
    let member = |id: &str, nik: Cell| {
        HashMap::from([
            ("kim_id".to_owned(), Cell::Text("K1".into())),
            ("id".to_owned(), Cell::Text(id.into())),
            ("name".to_owned(), Cell::Text("X".into())),
            ("nik".to_owned(), nik),
        ])
    };
    let members = [
        member("m1", Cell::Float(6_402_014_101_900_001.0)),
        member("m2", Cell::Float(f64::NAN)),
        member("m3", Cell::Float(9_201_014_101_900_000.0)),
        member("m4", Cell::Int(6_402_019_901_900_001)),
        member("m5", Cell::Int(6_402_014_101_900_002)),
    ];
    let (reg, report) = Registry::import_cells(&[kim], &members, None);
    assert_eq!(
        (
            report.members.rows_in,
            report.members.accepted,
            report.members.rejected
        ),
        (5, 3, 2)
    );
    let k = reg.get("K1").unwrap();
    let niks: Vec<Option<&str>> = k
        .members
        .iter()
        .map(|m| m.nik.as_ref().map(Nik::expose))
        .collect();
    assert_eq!(
        niks,
        [Some("6402014101900001"), None, Some("6402014101900002")]
    );
    let e = &report.members.errors;
    assert_eq!((e[0].line, e[0].field.as_str()), (3, "nik"));
    assert!(
        e[0].reason.contains("arrived as a number (float)"),
        "{}",
        e[0].reason
    );
    assert!(e[0].reason.contains("2^53"), "{}", e[0].reason);
    assert_eq!(e[0].value.chars().count(), 16);
    assert_eq!((e[1].line, e[1].field.as_str()), (4, "nik"));
    assert!(
        e[1].reason.contains("arrived as a number (int)"),
        "{}",
        e[1].reason
    );
    assert!(
        e[1].reason.contains("dtype={'nik': str}"),
        "{}",
        e[1].reason
    );
}

#[test]
fn nik_birth_and_sex() {
    let n = Nik::parse("6402015507850003").unwrap();
    assert_eq!(n.sex(), Sex::Female);
    assert!(n.matches_birth_date(d("1985-07-15")));
    assert!(!n.matches_birth_date(d("1985-07-16")));
    assert_eq!(n.region().to_string(), "64.02.01");
}

#[test]
fn lifecycle_transitions() {
    use Status::*;
    let allowed = [
        (Draft, Established),
        (Established, Registered),
        (Registered, Active),
        (Active, Inactive),
        (Inactive, Active),
    ];
    for from in Status::ALL {
        for to in Status::ALL {
            let expect =
                allowed.contains(&(*from, *to)) || (*to == Dissolved && *from != Dissolved);
            assert_eq!(
                Status::can_follow(Some(*from), *to),
                expect,
                "{from} -> {to}"
            );
        }
    }
}

#[test]
fn events_and_members() {
    let mut r = Registry::new();
    r.insert(Kim::new("K", "KIM", Kode::parse("64.02.01.2001").unwrap()))
        .unwrap();
    let ev = |date: &str, change| Event {
        date: d(date),
        kim: "K".into(),
        change,
    };
    r.apply(&ev(
        "2024-01-01",
        Change::Join {
            member: Member::new("m1", "A", Role::Ketua),
        },
    ))
    .unwrap();
    r.apply(&ev(
        "2024-02-01",
        Change::Leave {
            member_id: "m1".into(),
        },
    ))
    .unwrap();
    assert!(
        r.apply(&ev(
            "2024-01-15",
            Change::Status {
                status: Status::Active
            }
        ))
        .is_err()
    );
    let e = r
        .apply(&ev(
            "2024-03-01",
            Change::Leave {
                member_id: "m1".into(),
            },
        ))
        .unwrap_err();
    assert_eq!(e.code(), "KIM-E-MEMBER");
    let k = r.get("K").unwrap();
    assert_eq!(k.members_on(d("2024-02-01")).count(), 1);
    assert_eq!(k.members_on(d("2024-02-02")).count(), 0);
    assert_eq!(
        r.as_of(d("2024-01-10")).get("K").unwrap().members[0].term_end,
        None
    );
    let e = r
        .apply(&Event {
            date: d("2024-03-01"),
            kim: "nope".into(),
            change: Change::Status {
                status: Status::Active,
            },
        })
        .unwrap_err();
    assert_eq!(e.code(), "KIM-E-UNKNOWN-KIM");
}

#[test]
fn json_rejects_bad_history_and_versions() {
    let bad = r#"{"schema_version":1,"kims":[{"id":"K","name":"N","seat":"64.02.01.2001","history":[{"date":"2024-01-01","status":"dissolved"},{"date":"2024-02-01","status":"active"}]}]}"#;
    assert!(
        Registry::from_json(bad)
            .unwrap_err()
            .to_string()
            .contains("cannot change status")
    );
    let v2 = r#"{"schema_version":2,"kims":[]}"#;
    assert_eq!(Registry::from_json(v2).unwrap_err().code(), "KIM-E-SCHEMA");
    let nik = r#"{"schema_version":1,"kims":[{"id":"K","name":"N","seat":"64.02.01.2001","members":[{"id":"m","name":"x","nik":"6402013002900001"}]}]}"#;
    let msg = Registry::from_json(nik).unwrap_err().to_string();
    assert!(
        msg.contains("6402**********01") && !msg.contains("30029"),
        "{msg}"
    );
}

#[test]
fn csv_import_reports_every_bad_row() {
    let kims = "id,name,seat,sk_number,sk_date,sk_issuer,status,status_date\n\
                K1,A,64.02.01.2001,1/2024,2024-01-02,kepala_desa,active,2024-01-03\n\
                K2,B,64.02.99.9999,,,,active,2024-01-03\n\
                K3,C,64.02.01.2002,1/2024,2024-02-30,kepala_desa,aktif,2024-01-03\n\
                K1,D,64.02.01.2003,,,,,\n";
    let members = "kim_id,id,name,nik,role\nK1,m1,Siti,6402014101900001,ketua\nK1,m2,Budi,123,anggota\nK9,m1,X,,anggota\n";
    let (reg, rep) = Registry::import_csv(kims.as_bytes(), Some(members.as_bytes()), None).unwrap();
    assert_eq!(reg.len(), 1);
    assert_eq!(
        (rep.kims.rows_in, rep.kims.accepted, rep.kims.rejected),
        (4, 1, 3)
    );
    let where_: Vec<(u64, &str)> = rep
        .kims
        .errors
        .iter()
        .map(|e| (e.line, e.field.as_str()))
        .collect();
    assert_eq!(where_, vec![(3, "seat"), (4, "sk_date"), (5, "id")]);
    assert_eq!(
        (
            rep.members.rows_in,
            rep.members.accepted,
            rep.members.rejected
        ),
        (3, 1, 2)
    );
    assert_eq!(rep.members.errors[0].field, "nik");
    assert_eq!(rep.members.errors[1].field, "kim_id");
}

#[test]
fn unreadable_csv_rows_are_rejected_one_by_one_with_line_and_byte() {
    let kims = b"id,name,seat,status,status_date\n\
                 K1,A,64.02.01.2001,active\n\
                 K2,B \xff\xfe,64.02.01.2002,active,2024-01-01\n\
                 K3,C,64.02.01.2003,active,2024-01-01\n";
    // Detected, bytes that are not UTF-8 make the file Windows-1252 (as Excel writes it): `B ÿþ` is a name.
    let (reg, rep) = Registry::import_csv(&kims[..], None::<&[u8]>, None).unwrap();
    assert_eq!(rep.kims.encoding.as_deref(), Some("windows-1252"));
    assert_eq!(reg.get("K2").unwrap().name, "B \u{ff}\u{fe}");
    // Told it is UTF-8, the field that is not rejects its row.
    let utf8 = ImportOptions {
        encoding: Some(TextEncoding::Utf8),
        ..ImportOptions::default()
    };
    let (reg, rep) = Registry::import_csv_with(&kims[..], None::<&[u8]>, None, &utf8).unwrap();
    assert_eq!(reg.len(), 1);
    assert_eq!(
        (rep.kims.rows_in, rep.kims.accepted, rep.kims.rejected),
        (3, 1, 2)
    );
    let e = &rep.kims.errors;
    assert_eq!((e[0].line, e[0].code), (2, "KIM-E-CSV-FIELDS"));
    assert!(e[0].reason.contains("4 fields and the header 5") && e[0].reason.contains("byte 32"));
    assert_eq!(
        (e[1].line, e[1].field.as_str(), e[1].code),
        (3, "name", "KIM-E-UTF8")
    );
    assert!(
        e[1].reason.contains("byte 2 of the field"),
        "{}",
        e[1].reason
    );
}

#[test]
fn a_header_without_the_required_columns_fails_the_table() {
    // A `;` header is detected; told `,`, the error says which delimiter the header has.
    let semicolons = "id;name;seat\nK1;A;64.02.01.2001\n";
    let (reg, rep) = Registry::import_csv(semicolons.as_bytes(), None::<&[u8]>, None).unwrap();
    assert_eq!((reg.len(), rep.kims.delimiter), (1, Some(';')));
    let comma = ImportOptions {
        delimiter: Some(b','),
        ..ImportOptions::default()
    };
    let e =
        Registry::import_csv_with(semicolons.as_bytes(), None::<&[u8]>, None, &comma).unwrap_err();
    assert!(e.to_string().contains("one column with ';'"), "{e}");
    let no_seat = "id,name,status\nK1,A,active\n";
    let e = Registry::import_csv(no_seat.as_bytes(), None::<&[u8]>, None).unwrap_err();
    assert_eq!(e.to_string(), "CSV header lacks the required column `seat`");
    let members = "kim,id,name\n";
    let e =
        Registry::import_csv(&b"id,name,seat\n"[..], Some(members.as_bytes()), None).unwrap_err();
    assert_eq!(
        e.to_string(),
        "CSV header lacks the required column `kim_id`"
    );
    // An empty file is an empty table.
    let (reg, rep) = Registry::import_csv(&b""[..], None::<&[u8]>, None).unwrap();
    assert_eq!((reg.len(), rep.kims.rows_in), (0, 0));
}

#[test]
fn kim_from_json_value_names_where() {
    let at = |v: serde_json::Value| match Kim::from_json_value(&v) {
        Err(Error::JsonAt { path, message }) => (path, message),
        other => panic!("{other:?}"),
    };
    let kim = |members: serde_json::Value| serde_json::json!({"id": "K1", "name": "KIM", "seat": "64.02.01.2001", "members": members});
    let (path, message) = at(kim(serde_json::json!([
        {"id": "m1", "name": "Siti"},
        {"id": "m2", "name": "Budi", "nik": "123"}
    ])));
    assert_eq!(path, "members[m2].nik");
    assert!(message.contains("16 digits"), "{message}");
    // A member id that looks like a NIK is masked, in the path and in the message.
    let (path, message) = at(kim(serde_json::json!([
        {"id": "6402014101900001", "name": "Budi", "birth_date": "1990-02-30"}
    ])));
    assert_eq!(path, "members[6402**********01].birth_date");
    assert!(!message.contains("0141019"), "{message}");
    let (path, _) = at(kim(serde_json::json!([{"name": "Budi"}])));
    assert_eq!(path, "members[0].id");
    let (path, _) = at(serde_json::json!({"id": "K1", "name": "KIM", "seat": "64.0x"}));
    assert_eq!(path, "seat");
    let (path, _) = at(
        serde_json::json!({"id": "K1", "name": "KIM", "seat": "64.02.01.2001",
        "history": [{"date": "2024-01-01", "status": "active"}, {"date": "2024-13-01", "status": "inactive"}]}),
    );
    assert_eq!(path, "history[1]");
    let (path, _) = at(serde_json::json!({"id": "K1", "name": "KIM"}));
    assert_eq!(path, "seat");
    let err = Kim::from_json_value(&kim(
        serde_json::json!([{"id": "m2", "name": "B", "nik": "1"}]),
    ))
    .unwrap_err();
    assert_eq!(
        (err.code(), err.family()),
        ("KIM-E-JSON", crate::error::ErrorFamily::Json)
    );
}

#[test]
fn a_nik_in_excel_scientific_notation_gets_the_excel_hint() {
    use std::collections::HashMap;
    let reason = |members: &str| {
        let kims = "id,name,seat\nK1,KIM,64.02.01.2001\n";
        let (_, rep) =
            Registry::import_csv(kims.as_bytes(), Some(members.as_bytes()), None).unwrap();
        let e = &rep.members.errors[0];
        assert_eq!((e.line, e.field.as_str(), e.code), (2, "nik", "KIM-E-NIK"));
        e.reason.clone()
    };
    // Indonesian Excel shows a decimal comma (the cell is quoted in a `,` file), others a point.
    for nik in ["\"6,40201E+15\"", "6.40201E+15", "6.40201e15", "6E+15"] {
        let r = reason(&format!("kim_id,id,name,nik\nK1,m1,Siti,{nik}\n"));
        assert!(r.contains("scientific notation"), "{nik}: {r}");
        assert!(r.contains("format the column as Text"), "{nik}: {r}");
    }
    // Other non-digits keep the plain message.
    let r = reason("kim_id,id,name,nik\nK1,m1,Siti,6402-0141-0190-0001\n");
    assert!(!r.contains("Excel"), "{r}");
    // The same number read by a tool as a float: 6402010000000000 has the serial 0000, and the hint names Excel.
    let kim = HashMap::from([
        ("id".to_owned(), Cell::Text("K1".into())),
        ("name".to_owned(), Cell::Text("KIM".into())),
        ("seat".to_owned(), Cell::Text("64.02.01.2001".into())),
    ]);
    let member = HashMap::from([
        ("kim_id".to_owned(), Cell::Text("K1".into())),
        ("id".to_owned(), Cell::Text("m1".into())),
        ("name".to_owned(), Cell::Text("X".into())),
        ("nik".to_owned(), Cell::Float(6.40201e15)),
    ]);
    let (_, rep) = Registry::import_cells(&[kim], &[member], None);
    let r = &rep.members.errors[0].reason;
    assert!(r.contains("format the column as Text"), "{r}");
}
