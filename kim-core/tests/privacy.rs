//! Privacy (issue #7, docs/domain.md §5, UU PDP 27/2022): everything kim-core produces from the test suite's data for
//! people to read or for logs — error messages, `Debug` output, the log JSON, import reports, validation reports,
//! verdicts and review audit trails — holds no unmasked NIK or phone number.
//!
//! The scan knows every NIK and phone number in the inputs (the sample registry, the legacy CSVs, the hostile
//! corpus and the crafted inputs below) and fails if the digits of any of them appear in an output, written with or
//! without separators. It also runs the personal-data detector over each output.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{NaiveDate, TimeZone, Utc};
use kim_core::moderation::review::{Case, Outcome, Role, Source, Urgency};
use kim_core::moderation::{Lexicon, Moderator, find_personal_data};
use kim_core::registry::{Kim, Nik, Registry};
use kim_core::rules::{ProfileSet, validate, validate_registry_by_seat};
use kim_core::wilayah::Reference;

const NIK: &str = "6402014101900001";
const PHONE: &str = "0812-3456-7890";

fn root() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))
}

/// Digits of every NIK and phone number in `text`, found by the detector and by the `nik` fields of JSON and CSV.
fn secrets_in(text: &str, into: &mut BTreeSet<String>) {
    for s in find_personal_data(text) {
        let digits: String = text[s.start..s.end]
            .chars()
            .filter(char::is_ascii_digit)
            .collect();
        if digits.len() >= 10 {
            into.insert(digits);
        }
    }
    // Structurally broken NIKs are still somebody's number: any 16-digit run.
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let j = (i..b.len())
            .find(|&j| !b[j].is_ascii_digit())
            .unwrap_or(b.len());
        if j - i == 16 {
            into.insert(text[i..j].to_owned());
        }
        i = j + 1;
    }
}

/// The outputs that leak: each secret's digits found in the digits of an output (separators ignored inside a run).
fn leaks(outputs: &[(String, String)], secrets: &BTreeSet<String>) -> Vec<String> {
    let mut found = Vec::new();
    for (what, out) in outputs {
        // Runs of digits joined by single separators, as digits only.
        let mut runs = Vec::new();
        let mut cur = String::new();
        let b = out.as_bytes();
        for (i, &c) in b.iter().enumerate() {
            if c.is_ascii_digit() {
                cur.push(c as char);
            } else if matches!(c, b' ' | b'-' | b'.')
                && !cur.is_empty()
                && b.get(i + 1).is_some_and(u8::is_ascii_digit)
            {
            } else if !cur.is_empty() {
                runs.push(std::mem::take(&mut cur));
            }
        }
        runs.push(cur);
        for s in secrets {
            if runs.iter().any(|r| r.contains(s.as_str())) {
                found.push(format!("{what}: contains {s}"));
            }
        }
        for s in find_personal_data(out) {
            found.push(format!(
                "{what}: detector finds {:?} {:?}",
                s.kind,
                &out[s.start..s.end]
            ));
        }
    }
    found
}

#[test]
#[allow(clippy::too_many_lines)] // one scan over every surface, read top to bottom
fn no_output_of_the_test_data_holds_an_unmasked_nik_or_phone_number() {
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let reference = Reference::embedded();
    let set = ProfileSet::builtin();
    let moderator = Moderator::new(Lexicon::builtin()).unwrap();
    let mut secrets = BTreeSet::new();
    let mut outputs: Vec<(String, String)> = Vec::new();
    let mut out = |what: &str, s: String| outputs.push((what.to_owned(), s));

    // The sample registry: Debug, log JSON, validation reports.
    let sample = std::fs::read_to_string(root().join("examples/data/kim_sample.json")).unwrap();
    secrets_in(&sample, &mut secrets);
    let reg = Registry::from_json(&sample).unwrap();
    out("Registry Debug", format!("{reg:?}"));
    out("Registry log JSON", reg.to_log_json().unwrap());
    for k in reg.kims() {
        out("Kim Debug", format!("{k:?}"));
        for m in &k.members {
            out("Member Debug", format!("{m:?}"));
        }
    }
    for r in validate_registry_by_seat(&reg, &set, None, reference, as_of).unwrap() {
        out("Report Debug", format!("{r:?}"));
        out("Report JSON", serde_json::to_string(&r).unwrap());
    }

    // The legacy CSVs and every registry CSV of the hostile corpus: import reports and errors.
    let legacy = std::fs::read(root().join("examples/data/kim_legacy.csv")).unwrap();
    let members = std::fs::read(root().join("examples/data/kim_legacy_members.csv")).unwrap();
    secrets_in(&String::from_utf8_lossy(&members), &mut secrets);
    let (reg, report) =
        Registry::import_csv(&legacy[..], Some(&members[..]), Some(reference)).unwrap();
    out("legacy ImportReport Debug", format!("{report:?}"));
    out(
        "legacy ImportReport JSON",
        serde_json::to_string(&report).unwrap(),
    );
    for e in report.kims.errors.iter().chain(&report.members.errors) {
        out("RowError Display", e.to_string());
    }
    out("legacy Registry Debug", format!("{reg:?}"));
    let hostile = root().join("kim-core/tests/data/hostile");
    for entry in std::fs::read_dir(&hostile).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let ext = path.extension().map(|e| e.to_string_lossy().to_lowercase());
        let bytes = std::fs::read(&path).unwrap();
        secrets_in(&String::from_utf8_lossy(&bytes), &mut secrets);
        let what = |s: &str| format!("hostile {name}: {s}");
        if ext.as_deref() == Some("csv") {
            let (kims, members) = if name.starts_with("members") {
                (&b"id,name,seat\nK1,A,64.02.01.2001\n"[..], Some(&bytes[..]))
            } else {
                (&bytes[..], None)
            };
            match Registry::import_csv(kims, members, Some(reference)) {
                Ok((_, r)) => out(&what("report"), format!("{r:?}")),
                Err(e) => {
                    out(&what("error"), e.to_string());
                    out(&what("error Debug"), format!("{e:?}"));
                }
            }
        } else if ext.as_deref() == Some("json") {
            let text = String::from_utf8_lossy(&bytes);
            if let Err(e) = Registry::from_json(&text) {
                out(&what("error"), e.to_string());
                out(&what("error Debug"), format!("{e:?}"));
            }
            match serde_json::from_str::<Kim>(&text) {
                Ok(k) => {
                    let p = set.for_seat(None, k.seat, as_of).unwrap();
                    let r = validate(&k, &p, reference, as_of).unwrap();
                    out(&what("report"), format!("{r:?}"));
                }
                Err(e) => out(
                    &what("serde error"),
                    kim_core::privacy::mask_text(&e.to_string()),
                ),
            }
        }
    }

    // Crafted inputs that put a NIK or a phone number where an error quotes the value.
    let crafted = [
        format!("id,name,seat,status,status_date\n{NIK},{PHONE},{NIK},{PHONE},{NIK}\n"),
        format!("kim_id,id,name,nik,birth_date\nK1,{NIK},{PHONE},{NIK}x,{PHONE}\n"),
    ];
    for c in &crafted {
        secrets_in(c, &mut secrets);
    }
    secrets.insert("081234567890".into());
    let (_, r) =
        Registry::import_csv(crafted[0].as_bytes(), None::<&[u8]>, Some(reference)).unwrap();
    out("crafted KIM row report", format!("{r:?}"));
    let (_, r) = Registry::import_csv(
        &b"id,name,seat\nK1,A,64.02.01.2001\n"[..],
        Some(crafted[1].as_bytes()),
        Some(reference),
    )
    .unwrap();
    out("crafted member row report", format!("{r:?}"));
    for bad in [
        format!(r#"{{"schema_version":1,"kims":[{{"id":{NIK},"name":"{PHONE}"}}]}}"#),
        format!(r#"{{"schema_version":1,"kims":[{{"id":"K1","name":"A","seat":"{NIK}"}}]}}"#),
        format!(
            r#"{{"schema_version":1,"kims":[{{"id":"K1","name":"A","seat":"64.02.01.2001","members":[{{"id":"m","name":"B","nik":"{}"}}]}}]}}"#,
            "6402019999900001"
        ),
    ] {
        secrets_in(&bad, &mut secrets);
        let e = Registry::from_json(&bad).unwrap_err();
        out("crafted JSON error", e.to_string());
        out("crafted JSON error Debug", format!("{e:?}"));
    }
    for bad in [NIK, "6402019999900001", "640201999990000", PHONE] {
        if let Err(e) = Nik::parse(bad) {
            out("Nik::parse error", e.to_string());
            out("Nik::parse error Debug", format!("{e:?}"));
        }
    }
    out("Nik Debug", format!("{:?}", Nik::parse(NIK).unwrap()));

    // Moderation: verdicts and review cases about posts full of personal data.
    let post = format!("Hubungi {PHONE} atau +62 812 3456 7890, NIK {NIK}, slot gacor. sebarkan!");
    let v = moderator.check(&post);
    out("Verdict Debug", format!("{v:?}"));
    out("Verdict JSON", serde_json::to_string(&v).unwrap());
    let at = Utc.with_ymd_and_hms(2025, 6, 30, 8, 0, 0).unwrap();
    let mut case = Case::open(
        "c1",
        "KIM-6402-001",
        "post-1",
        Source::Report {
            reason: format!("posting ini membocorkan NIK {NIK} dan HP {PHONE}"),
        },
        v.categories.clone(),
        Urgency::Complaint,
        at,
        "warga",
        Role::Pelapor,
        "lexicon-1",
    );
    case.decide(
        "mod-1",
        Role::Moderator,
        Outcome::Remove,
        &format!("memuat NIK {NIK}"),
        None,
        at,
        "lexicon-1",
    )
    .unwrap();
    out("Case Debug", format!("{case:?}"));
    out("Case JSON", serde_json::to_string(&case).unwrap());
    for ev in case.audit() {
        out("AuditEvent JSON", serde_json::to_string(ev).unwrap());
    }

    assert!(
        secrets.len() > 100,
        "the scan knows {} numbers",
        secrets.len()
    );
    assert!(outputs.len() > 100, "{} outputs", outputs.len());
    // The scan itself sees a number written plainly or with separators.
    for probe in [
        format!("x {NIK} y"),
        "a 6402.0141.0190.0001 b".into(),
        "hp 0812 3456 7890".into(),
    ] {
        assert!(
            !leaks(&[("probe".into(), probe.clone())], &secrets).is_empty(),
            "{probe}"
        );
    }
    let found = leaks(&outputs, &secrets);
    assert!(
        found.is_empty(),
        "{} leaks:\n{}",
        found.len(),
        found.join("\n")
    );
}
