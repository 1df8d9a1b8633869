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
    assert!(rep.kims.errors[0].reason.contains("dayfirst=False"));
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

fn import(kims: &[u8]) -> (Registry, kim_core::registry::ImportReport) {
    Registry::import_csv(kims, None::<&[u8]>, None).unwrap()
}

#[test]
fn an_unclosed_quote_rejects_one_row_and_a_multi_line_cell_is_kept() {
    // Closed much later by another quote: the runaway row is rejected, the rows it swallowed are read.
    let (reg, rep) = import(
        b"id,name,seat\nK1,\"KIM A,64.02.01.2001\nK2,KIM B,64.02.01.2002\nK3,\"KIM \"\"C\"\"\",64.02.01.2003\n",
    );
    let ids: Vec<&str> = reg.kims().iter().map(|k| k.id.as_str()).collect();
    assert_eq!(ids, ["K2", "K3"]);
    assert_eq!(reg.get("K3").unwrap().name, "KIM \"C\"");
    assert_eq!((rep.kims.rows_in, rep.kims.rejected), (3, 1));
    assert_eq!(
        (rep.kims.errors[0].line, rep.kims.errors[0].code),
        (2, "KIM-E-CSV-QUOTE")
    );
    // Never closed: the same.
    let (reg, rep) = import(
        b"id,name,seat\nK1,KIM A,64.02.01.2001\nK2,\"KIM B,64.02.01.2002\nK3,KIM C,64.02.01.2003\n",
    );
    assert_eq!((reg.len(), rep.kims.rows_in, rep.kims.rejected), (2, 3, 1));
    assert_eq!(rep.kims.errors[0].line, 3);
    // A cell with a line break in a row of the right shape (Excel's Alt+Enter) is a cell.
    let (reg, rep) =
        import(b"id,name,seat\nK1,\"KIM A\nRT 02\",64.02.01.2001\nK2,KIM B,64.02.01.2002\n");
    // (The row parser then refuses a line break in a name, as it refuses any control character.)
    assert_eq!((reg.len(), rep.kims.rows_in), (1, 2));
    assert_eq!(
        (
            rep.kims.errors[0].line,
            rep.kims.errors[0].field.as_str(),
            rep.kims.errors[0].code
        ),
        (2, "name", "KIM-E-TEXT")
    );
}

#[test]
fn encodings_are_detected_or_given() {
    let text = "id;name;seat\nK1;KIM Bénoa;64.02.01.2001\n";
    let utf16be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_be_bytes))
        .collect();
    let utf16le_no_bom: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let bom: Vec<u8> = b"\xEF\xBB\xBF"
        .iter()
        .chain(text.as_bytes())
        .copied()
        .collect();
    for (bytes, enc) in [
        (utf16be, "utf-16be"),
        (utf16le_no_bom, "utf-16le"),
        (bom, "utf-8"),
        (text.as_bytes().to_vec(), "utf-8"),
    ] {
        let (reg, rep) = import(&bytes);
        assert_eq!(rep.kims.encoding.as_deref(), Some(enc));
        assert_eq!(reg.get("K1").unwrap().name, "KIM Bénoa", "{enc}");
    }
    // Latin-1 given: 0x80–0x9F are the C1 controls, which a name may not hold; as cp1252 0x80 is the euro sign.
    let latin = b"id;name;seat\nK1;KIM \x80;64.02.01.2001\n";
    let mut o = ImportOptions::default();
    o.encoding = Some("latin-1".parse().unwrap());
    let (reg, _) = Registry::import_csv_with(&latin[..], None::<&[u8]>, None, &o).unwrap();
    assert!(reg.is_empty());
    assert_eq!(import(latin).0.get("K1").unwrap().name, "KIM €");
}

#[test]
fn headers_are_aliased_mapped_checked_and_warned_about() {
    let (reg, rep) = import(b"Kode KIM,Nama Kelompok,Desa/Kelurahan,Kec.,Kabupaten/Kota,stauts,status_dat\nK1,KIM A,Perian,Muara Muntai,Kukar,,\n");
    assert_eq!(rep.kims.rejected, 1, "no reference given for the names");
    assert!(reg.is_empty());
    let w: Vec<(&str, Option<&str>)> = rep
        .kims
        .warnings
        .iter()
        .map(|w| (w.column.as_str(), w.suggestion.as_deref()))
        .collect();
    assert_eq!(
        w,
        [
            ("stauts", Some("status")),
            ("status_dat", Some("status_date"))
        ]
    );
    let e = Registry::import_csv(&b"nama,Nama KIM,id,seat\n"[..], None::<&[u8]>, None).unwrap_err();
    assert!(
        e.to_string()
            .contains("`nama` and `Nama KIM` both stand for `name`"),
        "{e}"
    );
    let mut o = ImportOptions::default();
    o.columns.insert("Kelompok".into(), "name".into());
    let (reg, rep) = Registry::import_csv_with(
        &b"id,Kelompok,seat\nK1,KIM A,64.02.01.2001\n"[..],
        None::<&[u8]>,
        None,
        &o,
    )
    .unwrap();
    assert_eq!((reg.len(), rep.kims.warnings.len()), (1, 0));
}

#[test]
fn bad_rows_are_bounded_counted_and_can_stop_the_import() {
    let mut data = b"id,name,seat\n".to_vec();
    for _ in 0..3000 {
        data.extend_from_slice(b",,\n");
    }
    let (_, rep) = import(&data);
    assert_eq!((rep.kims.rows_in, rep.kims.rejected), (3000, 3000));
    assert_eq!(rep.kims.errors.len(), 1000);
    assert!(rep.kims.errors_truncated);
    assert_eq!(rep.kims.error_total(), 9000);
    assert!(
        rep.summary(5).contains("KIM-E-REQUIRED 9000"),
        "{}",
        rep.summary(5)
    );
    let mut o = ImportOptions::default();
    o.max_bad_rows = Some(10);
    let (_, rep) = Registry::import_csv_with(&data[..], None::<&[u8]>, None, &o).unwrap();
    assert_eq!(
        (
            rep.kims.rows_in,
            rep.kims.rejected,
            rep.kims.stopped_at_line
        ),
        (10, 10, Some(11))
    );
}
