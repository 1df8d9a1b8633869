//! CSV as Excel on an Indonesian Windows writes it (issue 14): `;`-separated, Windows-1252 bytes, Indonesian
//! headers, CRLF, mixed date formats and blank cells. The outcome is asserted row by row.

use std::path::Path;

use chrono::NaiveDate;
use kim_core::registry::{ImportOptions, Registry};

fn read(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/excel")
            .join(name),
    )
    .unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn an_excel_export_imports_row_by_row() {
    let (kims, members) = (read("kims_excel.csv"), read("members_excel.csv"));
    let (reg, rep) = Registry::import_csv(&kims[..], Some(&members[..]), None).unwrap();

    // How it was read.
    for t in [&rep.kims, &rep.members] {
        assert_eq!(
            (t.encoding.as_deref(), t.delimiter),
            (Some("windows-1252"), Some(';'))
        );
    }
    let unused: Vec<&str> = rep
        .kims
        .warnings
        .iter()
        .map(|w| w.column.as_str())
        .collect();
    assert_eq!(unused, ["No", "Keterangan"]);
    assert!(rep.members.warnings.is_empty());

    // KIMs: 7 in, 4 accepted.
    assert_eq!(
        (rep.kims.rows_in, rep.kims.accepted, rep.kims.rejected),
        (7, 4, 3)
    );
    let ids: Vec<&str> = reg.kims().iter().map(|k| k.id.as_str()).collect();
    assert_eq!(ids, ["K01", "K02", "K03", "K07"]);
    let k1 = reg.get("K01").unwrap();
    assert_eq!(k1.name, "KIM Bénoa");
    let sk = k1.sk.as_ref().unwrap();
    assert_eq!(
        (sk.number.as_str(), sk.date),
        ("141/05/SK-KIM/2023", d("2023-02-01"))
    );
    assert_eq!(k1.history[0].date, d("2023-07-12"));
    assert!(
        reg.get("K02").unwrap().sk.is_none(),
        "blank SK cells are no SK"
    );
    assert_eq!(reg.get("K02").unwrap().history[0].date, d("2023-08-01"));
    let k3 = reg.get("K03").unwrap();
    assert_eq!(k3.name, "KIM Café Désa");
    assert_eq!(k3.sk.as_ref().unwrap().date, d("2022-07-12"));
    assert_eq!(k3.history[0].date, d("2023-08-01"));
    assert_eq!(reg.get("K07").unwrap().history[0].date, d("2021-10-05"));

    let errs: Vec<(u64, &str, &str)> = rep
        .kims
        .errors
        .iter()
        .map(|e| (e.line, e.field.as_str(), e.code))
        .collect();
    assert_eq!(
        errs,
        [
            (5, "sk_date", "KIM-E-DATE"),
            (6, "seat", "KIM-E-REQUIRED"),
            (7, "status_date", "KIM-E-DATE")
        ],
        "{:#?}",
        rep.kims.errors
    );
    assert!(rep.kims.errors[0].reason.contains("dayfirst=false"));
    assert!(rep.kims.errors[2].reason.contains("1900–2100"));

    // Members: 6 in, 3 accepted.
    assert_eq!(
        (
            rep.members.rows_in,
            rep.members.accepted,
            rep.members.rejected
        ),
        (6, 3, 3)
    );
    let m = &reg.get("K01").unwrap().members;
    assert_eq!(
        (m[0].name.as_str(), m[0].birth_date),
        ("Siti Aminah", Some(d("1985-05-03")))
    );
    assert_eq!(
        (m[1].name.as_str(), m[1].birth_date),
        ("José Ramos", Some(d("1979-12-31")))
    );
    assert_eq!(
        reg.get("K03").unwrap().members[0].birth_date,
        Some(d("1990-12-12"))
    );
    let errs: Vec<(u64, &str, &str)> = rep
        .members
        .errors
        .iter()
        .map(|e| (e.line, e.field.as_str(), e.code))
        .collect();
    assert_eq!(
        errs,
        [
            (5, "kim_id", "KIM-E-UNKNOWN-KIM"),
            (6, "id", "KIM-E-MEMBER"),
            (7, "birth_date", "KIM-E-DATE")
        ]
    );
}

#[test]
fn month_first_reads_the_ambiguous_sk_date() {
    let kims = read("kims_excel.csv");
    // Month first, the ambiguous SK date is read; the rest are now month-first too and fail or change.
    let mut us = ImportOptions::default();
    us.dayfirst = false;
    let (reg, _) = Registry::import_csv_with(&kims[..], None::<&[u8]>, None, &us).unwrap();
    assert_eq!(
        reg.get("K04").unwrap().sk.as_ref().unwrap().date,
        d("2022-07-25")
    );
    assert_eq!(
        reg.get("K01").unwrap().sk.as_ref().unwrap().date,
        d("2023-01-02")
    );
}
