//! The messy Excel fixture of issue 14, all ingredients at once: `;`, cp1252 (`é`, `’` = 0x92), CRLF, Indonesian
//! headers, dates as `12/07/2022`, `12-07-2022`, `12 Juli 2022` and `2022-07-12`, blank cells, a NIK column Excel
//! turned into numbers, legacy issuers and occupations, and free-text places of Kutai Kartanegara (64.02) with and
//! without prefixes and commas. The outcome is asserted row by row.

use std::path::Path;

use chrono::NaiveDate;
use kim_core::registry::{ImportOptions, ImportReport, IssuerRole, Registry, ReviewReason};
use kim_core::rules::{ProfileSet, validate};
use kim_core::wilayah::{Kode, Reference};

fn read(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/excel")
            .join(name),
    )
    .unwrap()
}

fn import(options: &ImportOptions) -> (Registry, ImportReport) {
    let (kims, members) = (read("kims_messy.csv"), read("members_messy.csv"));
    Registry::import_csv_with(
        &kims[..],
        Some(&members[..]),
        Some(Reference::embedded()),
        options,
    )
    .unwrap()
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// A review row: line, id, reason, the candidates' kecamatan.
type ReviewRow<'a> = (u64, Option<&'a str>, ReviewReason, Vec<Option<&'a str>>);

fn errors(t: &kim_core::registry::TableReport) -> Vec<(u64, &str, &str)> {
    t.errors
        .iter()
        .map(|e| (e.line, e.field.as_str(), e.code))
        .collect()
}

#[test]
fn the_messy_fixture_imports_row_by_row() {
    let (reg, rep) = import(&ImportOptions::default());
    for t in [&rep.kims, &rep.members] {
        assert_eq!(
            (t.encoding.as_deref(), t.delimiter),
            (Some("windows-1252"), Some(';'))
        );
        assert!(t.warnings.is_empty(), "every Indonesian header is known");
        assert_eq!(
            t.rows_in,
            t.accepted + t.accepted_with_findings + t.rejected
        );
    }

    // KIMs: 7 rows; K01, K03 and K05 accepted, K02 accepted with a finding (legacy issuer), K04, K06, K07 rejected.
    assert_eq!(
        (
            rep.kims.rows_in,
            rep.kims.accepted,
            rep.kims.accepted_with_findings,
            rep.kims.rejected
        ),
        (7, 3, 1, 3)
    );
    let ids: Vec<&str> = reg.kims().iter().map(|k| k.id.as_str()).collect();
    assert_eq!(ids, ["K01", "K02", "K03", "K05"]);
    // Line 6: the whole place in the `desa` cell, with prefixes and commas, is read as one place text.
    assert_eq!(reg.get("K05").unwrap().seat.to_string(), "64.02.04.2007");

    // Line 2: `Kel. Loa Ipuh` / `Tenggarong`: the kelurahan Loa Ipuh; `12/07/2022` and `12-07-2022` are 12 July.
    let k1 = reg.get("K01").unwrap();
    assert_eq!(k1.name, "KIM Loa Ipuh Café");
    assert_eq!(k1.seat.to_string(), "64.02.06.1002");
    let sk = k1.sk.as_ref().unwrap();
    assert_eq!(
        (
            sk.number.as_str(),
            sk.date,
            sk.issuer,
            sk.issuer_raw.as_deref()
        ),
        ("100/SK/2022", d("2022-07-12"), IssuerRole::Lurah, None)
    );
    assert_eq!(k1.history[0].date, d("2022-07-12"));

    // Line 3: `Desa Perian` / `Kec. Muara Muntai` / `Kab. Kutai Kartanegara`; `12 Juli 2022`; issuer `Ketua RT`
    // is no issuer kim knows: kept as text.
    let k2 = reg.get("K02").unwrap();
    assert_eq!(k2.seat.to_string(), "64.02.01.2001");
    let sk = k2.sk.as_ref().unwrap();
    assert_eq!(
        (sk.date, sk.issuer, sk.issuer_raw.as_deref()),
        (d("2022-07-12"), IssuerRole::Other, Some("Ketua RT"))
    );
    assert_eq!(k2.history[0].date, d("2022-07-12"));

    // Line 4: upper case, no prefixes, `KUKAR`; `Kades` is the village head; `’` read from cp1252 0x92;
    // blank status and status date: no history, no date invented.
    let k3 = reg.get("K03").unwrap();
    assert_eq!(k3.name, "KIM Sinar\u{2019}s");
    assert_eq!(k3.seat.to_string(), "64.02.06.1002");
    let sk = k3.sk.as_ref().unwrap();
    assert_eq!(
        (sk.date, sk.issuer, sk.issuer_raw.as_deref()),
        (d("2021-07-12"), IssuerRole::KepalaDesa, None)
    );
    assert!(k3.history.is_empty());

    // Line 5: Teluk Dalam is a village of two kecamatan of Kutai Kartanegara: on the review list.
    // Line 7: no place at all. Line 8: 31/02 is no date, and a status needs its date.
    assert_eq!(
        errors(&rep.kims),
        [
            (5, "desa", "KIM-E-NAME-AMBIGUOUS"),
            (7, "seat", "KIM-E-REQUIRED"),
            (8, "sk_date", "KIM-E-DATE"),
            (8, "status_date", "KIM-E-REQUIRED"),
        ]
    );
    let review: Vec<ReviewRow<'_>> = rep
        .review
        .iter()
        .map(|i| {
            (
                i.line,
                i.id.as_deref(),
                i.reason,
                i.candidates
                    .iter()
                    .map(|c| c.kecamatan.as_deref())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        review,
        [(
            5,
            Some("K04"),
            ReviewReason::Ambiguous,
            vec![Some("Muara Jawa"), Some("Tenggarong Seberang")]
        )]
    );
}

#[test]
fn the_messy_members_import_row_by_row_and_validate_with_findings() {
    let (reg, rep) = import(&ImportOptions::default());
    let (k1, k2, k3) = (
        reg.get("K01").unwrap(),
        reg.get("K02").unwrap(),
        reg.get("K03").unwrap(),
    );
    // Members: 7 rows. Line 2 accepted with a finding (occupation `guru`), line 5 accepted (`Petani` is a known
    // category), line 6 accepted with a finding (role `Ketua RT`), the rest rejected.
    assert_eq!(
        (
            rep.members.rows_in,
            rep.members.accepted,
            rep.members.accepted_with_findings,
            rep.members.rejected
        ),
        (7, 1, 2, 4)
    );
    assert_eq!(
        errors(&rep.members),
        [
            (3, "nik", "KIM-E-NIK"),
            (4, "nik", "KIM-E-NIK"),
            (7, "kim_id", "KIM-E-UNKNOWN-KIM"),
            (8, "kim_id", "KIM-E-UNKNOWN-KIM"),
        ]
    );
    // `6,40201E+15` (Indonesian Excel, decimal comma) and `6.40201E+15`: the hint says what Excel did and the fix.
    for e in &rep.members.errors[..2] {
        assert!(e.reason.contains("scientific notation"), "{}", e.reason);
        assert!(
            e.reason.contains("format the column as Text"),
            "{}",
            e.reason
        );
    }
    let m = &k1.members;
    assert_eq!(m.len(), 1);
    assert_eq!(
        (
            m[0].name.as_str(),
            m[0].birth_date,
            m[0].occupation_raw.as_deref()
        ),
        ("Siti Aminah", Some(d("1990-01-01")), Some("guru"))
    );
    // 6402015207901000 may well be a NIK whose last digits Excel turned into zeros (a float keeps 15–16
    // significant digits), but it is structurally valid (serial 1000), and nothing in it tells: it is accepted.
    let m = &k2.members;
    assert_eq!(m.len(), 1);
    assert_eq!(
        (
            m[0].nik.as_ref().map(kim_core::registry::Nik::expose),
            m[0].birth_date,
            m[0].occupation_raw.as_deref()
        ),
        (Some("6402015207901000"), Some(d("1990-07-12")), None)
    );
    let m = &k3.members;
    assert_eq!(
        (
            m[0].nik.is_none(),
            m[0].birth_date,
            m[0].role_raw.as_deref()
        ),
        (true, Some(d("2022-07-12")), Some("Ketua RT"))
    );
}

#[test]
fn validation_carries_the_legacy_texts_and_the_rejected_member_rows() {
    let (reg, _) = import(&ImportOptions::default());
    // Validation carries the legacy texts and the rejected member rows as findings.
    let as_of = d("2025-01-01");
    let set = ProfileSet::builtin();
    let profiles = set.in_force(as_of).unwrap();
    let findings = |id: &str| {
        let r = validate(
            reg.get(id).unwrap(),
            &profiles,
            Reference::embedded(),
            as_of,
        )
        .unwrap();
        let mut f: Vec<(String, String)> = r
            .findings
            .iter()
            .filter(|f| {
                f.code.starts_with("KIM-LEGACY")
                    || f.code.starts_with("KIM-MEMBER-REJ")
                    || f.code == "KIM-SK-NO-ISSUER"
            })
            .map(|f| (f.code.clone(), f.path.clone()))
            .collect();
        f.sort();
        f
    };
    let own = |v: &[(&str, &str)]| -> Vec<(String, String)> {
        v.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    };
    assert_eq!(
        findings("K01"),
        own(&[
            ("KIM-LEGACY-OCCUPATION", "members[m1].occupation"),
            ("KIM-MEMBER-REJECTED", "members[m2].nik"),
        ])
    );
    assert_eq!(
        findings("K02"),
        own(&[
            ("KIM-LEGACY-ISSUER", "sk.issuer"),
            ("KIM-MEMBER-REJECTED", "members[m1].nik"),
        ])
    );
    assert_eq!(
        findings("K03"),
        own(&[("KIM-LEGACY-ROLE", "members[m1].role")])
    );
}

#[test]
fn confirming_the_review_row_accepts_it_and_its_members() {
    let (_, rep) = import(&ImportOptions::default());
    let mut options = ImportOptions::default();
    // The Diskominfo knows KIM Teluk Dalam sits in Muara Jawa.
    options.places.insert(
        rep.review[0].key.clone(),
        Kode::parse("64.02.14.1004").unwrap(),
    );
    let (reg, rep) = import(&options);
    assert!(rep.review.is_empty());
    assert_eq!(
        (
            rep.kims.accepted,
            rep.kims.accepted_with_findings,
            rep.kims.rejected
        ),
        (3, 2, 2)
    );
    let k4 = reg.get("K04").unwrap();
    assert_eq!(k4.seat.to_string(), "64.02.14.1004");
    let sk = k4.sk.as_ref().unwrap();
    // A number and a date, the issuer blank: no issuer is guessed.
    assert_eq!(
        (
            sk.number.as_str(),
            sk.date,
            sk.issuer,
            sk.issuer_raw.as_deref()
        ),
        (
            "12/SK/2022",
            d("2022-07-12"),
            IssuerRole::TidakDiketahui,
            None
        )
    );
    assert_eq!(k4.history[0].date, d("2022-07-12"));
    assert_eq!(k4.members[0].name, "Dewi Lestari");
    assert_eq!(
        errors(&rep.kims),
        [
            (7, "seat", "KIM-E-REQUIRED"),
            (8, "sk_date", "KIM-E-DATE"),
            (8, "status_date", "KIM-E-REQUIRED"),
        ]
    );
    assert_eq!(
        (
            rep.members.accepted,
            rep.members.accepted_with_findings,
            rep.members.rejected
        ),
        (2, 2, 3)
    );
    let as_of = d("2025-01-01");
    let set = ProfileSet::builtin();
    let r = validate(
        k4,
        &set.in_force(as_of).unwrap(),
        Reference::embedded(),
        as_of,
    )
    .unwrap();
    assert!(
        r.findings
            .iter()
            .any(|f| f.code == "KIM-SK-NO-ISSUER" && f.path == "sk.issuer")
    );
}
