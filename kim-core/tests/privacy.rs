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
    let mut by_phone = case.clone();
    by_phone
        .appeal(
            "+62 812-3456-7890",
            Role::PemilikKonten,
            "saya keberatan",
            at,
            "lexicon-1",
        )
        .unwrap();
    out("Case Debug, phone actor", format!("{by_phone:?}"));
    out(
        "Case log JSON, phone actor",
        kim_core::privacy::to_log_json(&by_phone).unwrap(),
    );
    let json = serde_json::to_string(&by_phone).unwrap();
    assert_eq!(
        serde_json::from_str::<Case>(&json).unwrap(),
        by_phone,
        "a case round-trips"
    );
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

// ---- every way of writing a NIK or a phone number (issue 23) -------------------------------------------------------

/// The ASCII digit of a digit in the scripts the generator uses (ASCII, full-width, Arabic-Indic, Eastern
/// Arabic-Indic, mathematical bold).
fn fold(c: char) -> Option<char> {
    let u = u32::from(c);
    [0x30, 0xFF10, 0x660, 0x6F0, 0x1D7CE]
        .iter()
        .find(|&&z| (z..z + 10).contains(&u))
        .and_then(|z| char::from_digit(u - z, 10))
}

/// `digits` written in the script whose zero is `zero`.
fn script(digits: &str, zero: u32) -> String {
    digits
        .chars()
        .map(|c| char::from_u32(zero + c.to_digit(10).unwrap()).unwrap())
        .collect()
}

fn chunks(digits: &str, n: usize, sep: &str) -> String {
    let d: Vec<char> = digits.chars().collect();
    d.chunks(n)
        .map(|c| c.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(sep)
}

/// The written forms of `digits` (a NIK or an `08…` phone number): pairs, groups of four with each separator, other
/// digit scripts, invisible characters between digits, letters glued on; phone numbers also as `(0812) 3456-7890`,
/// `+62 812-3456-7890`, `0812.3456.7890`.
fn forms(digits: &str) -> Vec<String> {
    let mut v = vec![digits.to_owned(), chunks(digits, 2, " ")];
    for sep in [
        "  ", "/", "_", ",", "\u{a0}", "\t", "\n", ". ", " - ", "\r\n", "-",
    ] {
        v.push(chunks(digits, 4, sep));
    }
    for zero in [0xFF10, 0x660, 0x6F0, 0x1D7CE] {
        v.push(script(digits, zero));
        v.push(chunks(&script(digits, zero), 4, "\u{a0}"));
    }
    for zw in [
        "\u{200b}", "\u{200c}", "\u{200d}", "\u{2060}", "\u{feff}", "\u{ad}",
    ] {
        v.push(chunks(digits, 1, zw));
    }
    v.push(format!("NIK{digits}"));
    v.push(format!("HP{digits}xyz"));
    if let Some(rest) = digits.strip_prefix('0') {
        let (a, b, c) = (&digits[..4], &digits[4..8], &digits[8..]);
        v.push(format!("({a}) {b}-{c}"));
        v.push(format!("+62 {}-{b}-{c}", &rest[..3]));
        v.push(format!("62 {}.{b}.{c}", &rest[..3]));
        v.push(format!("{a}.{b}.{c}"));
    }
    v
}

/// True if `out` shows `digits[4..len-2]` (the hidden middle) in any script, with separators or invisible characters
/// between them.
fn shows_middle(out: &str, digits: &str) -> bool {
    let middle = &digits[4..digits.len() - 2];
    let mut flat = String::new();
    for c in out.chars() {
        if let Some(d) = fold(c) {
            flat.push(d);
        } else if !(c.is_whitespace() || ".,/_-()".contains(c) || is_invisible(c)) {
            flat.push('|');
        }
    }
    flat.contains(middle)
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{ad}' | '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}'
    )
}

const PHONE_DIGITS: &str = "081234567890";

#[test]
fn every_written_form_of_a_nik_or_phone_is_found_and_masked() {
    use kim_core::moderation::{PersonalKind, redact};
    use kim_core::privacy::{mask_text, mask_value};
    // The check itself sees a number in another script, with separators and invisible characters.
    assert!(shows_middle(
        "a ６４０２\u{a0}０１４１\u{200b}０１９０ ０００１ b",
        NIK
    ));
    assert!(!shows_middle("a 6402**********01 b", NIK));
    for (digits, kind) in [
        (NIK, PersonalKind::Nik),
        (PHONE_DIGITS, PersonalKind::Phone),
    ] {
        let forms = forms(digits);
        assert!(forms.len() > 25);
        for f in forms {
            let text = format!("Hubungi {f} segera.");
            let found = find_personal_data(&text);
            assert_eq!(found.len(), 1, "{f:?}: {found:?}");
            assert_eq!(found[0].kind, kind, "{f:?}");
            let span: String = text[found[0].start..found[0].end]
                .chars()
                .filter_map(fold)
                .collect();
            assert!(span.ends_with(&digits[1..]), "{f:?}: span {span}");
            let masked = mask_text(&text);
            assert!(!shows_middle(&masked, digits), "{f:?}: {masked:?}");
            assert_eq!(redact(&text), masked, "{f:?}");
            assert!(find_personal_data(&masked).is_empty(), "{masked:?}");
            assert!(!shows_middle(&mask_value(&text), digits), "{f:?}");
            let shape = if kind == PersonalKind::Nik {
                "6402**********01"
            } else {
                "0812******90"
            };
            assert!(
                masked.contains(shape)
                    || masked.contains("+62 8123*****90")
                    || masked.contains("62 8123*****90"),
                "{f:?}: {masked:?}"
            );
        }
    }
}

#[test]
fn error_messages_that_quote_input_mask_every_form() {
    use kim_core::wilayah::Kode;
    let reference = Reference::embedded();
    for digits in [NIK, PHONE_DIGITS] {
        for f in forms(digits) {
            let mut outputs = Vec::new();
            for input in [
                f.clone(),
                format!("kode {f}"),
                format!("{}{f}", "x".repeat(24)),
            ] {
                let e = Kode::parse(&input).unwrap_err();
                outputs.push(e.to_string());
                outputs.push(format!("{e:?}"));
            }
            if let Err(e) = Nik::parse(&f) {
                outputs.push(e.to_string());
                outputs.push(format!("{e:?}"));
            }
            let q = f.replace('"', "");
            let members =
                format!("kim_id,id,name,nik,birth_date\nK1,m1,\"{q}\",\"{q}x\",\"{q}\"\n");
            let (_, report) = Registry::import_csv(
                &b"id,name,seat\nK1,A,64.02.01.2001\n"[..],
                Some(members.as_bytes()),
                Some(reference),
            )
            .unwrap();
            assert!(!report.members.errors.is_empty(), "{f:?}");
            for e in &report.members.errors {
                outputs.push(e.to_string());
            }
            outputs.push(format!("{report:?}"));
            let kims = format!("id,name,seat\nK1,\"{q}\",\"{q}\"\n");
            if let Ok((_, report)) =
                Registry::import_csv(kims.as_bytes(), None::<&[u8]>, Some(reference))
            {
                outputs.push(format!("{report:?}"));
            }
            for out in outputs {
                assert!(!shows_middle(&out, digits), "{f:?}: {out}");
            }
        }
    }
}

#[test]
fn numbers_that_are_not_personal_data_stay_readable() {
    use kim_core::privacy::mask_text;
    for t in [
        "Keputusan Kepala Desa No. 141/05/SK-KIM/2023",
        "SK 188.45/119/35.73.112/2020",
        "kode 64.02.01.2001",
        "kode 64.02.01.2001, 64.02.01.2002 dan 64.02.01.2003",
        "daftar kode kepmendagri-300.2.2-2138-2025",
        "tahun 2021, 2022, 2023, 2024",
        "tahun 2021 2022 2023 2024 2025",
        "periode 31.12.2023 - 01.01.2024",
        "periode 08.11.2024 - 09.11.2024",
        "Rp 1.500.000.000, 2.000.000",
        "RT 05 RW 03",
        "UU 27/2022, Permenkominfo 4/2024 Pasal 23(3)",
        "batas 1073741824 byte; pada byte 104857600, baris 12, kolom 3",
        "input over 1 GiB (1073741824 bytes) at byte 536870912",
        "2024-02-30",
        "6402011399000001x",
    ] {
        let readable = !t.ends_with('x');
        if readable {
            assert_eq!(mask_text(t), t);
        }
        assert!(
            find_personal_data(t).is_empty(),
            "{t}: {:?}",
            find_personal_data(t)
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 512, ..Default::default() })]

    /// Random text with a random valid NIK in any listed form: the masked text never shows its middle digits.
    #[test]
    fn masked_text_never_holds_the_middle_digits_of_an_embedded_nik(
        before in "[a-zA-Z .,:;()/_\u{a0}\t\n\u{200b}é-]{0,24}",
        after in "[a-zA-Z .,:;()/_\u{a0}\t\n\u{200b}é-]{0,24}",
        pp in proptest::sample::select(kim_core::wilayah::PROVINCE_CODES.to_vec()), kk in 1u32..100, cc in 1u32..100, dd in 1u32..29, women in proptest::bool::ANY,
        mm in 1u32..13, yy in 0u32..100, serial in 1u32..10_000, form in 0usize..64,
    ) {
        let nik = format!("{pp:02}{kk:02}{cc:02}{:02}{mm:02}{yy:02}{serial:04}", dd + if women { 40 } else { 0 });
        proptest::prop_assert!(Nik::parse(&nik).is_ok());
        let forms = forms(&nik);
        let text = format!("{before}{}{after}", forms[form % forms.len()]);
        let masked = kim_core::privacy::mask_text(&text);
        proptest::prop_assert!(!shows_middle(&masked, &nik), "{:?} -> {:?}", text, masked);
        proptest::prop_assert_eq!(kim_core::moderation::redact(&text), masked);
    }
}

#[test]
fn reports_mask_names_and_ids_written_in_every_form() {
    use kim_core::registry::Member;
    use kim_core::rules::validate_by_seat;
    use kim_core::vocab::{Occupation, Role, Sex};
    use kim_core::wilayah::Kode;
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let set = ProfileSet::builtin();
    let village = Kode::parse("64.02.01.2001").unwrap();
    let (mut reported, mut refused) = (0, 0);
    for digits in [NIK, PHONE_DIGITS] {
        for f in forms(digits) {
            // The NIK (a woman's, DD + 40) typed as the id and the name of a male PNS: KIM-D-NIK-MISMATCH quotes
            // the name and the path, the Kutai Kartanegara overlay quotes the name again.
            let mut kim = Kim::new(f.clone(), format!("KIM {f}"), village);
            let mut m = Member::new(f.clone(), f.clone(), Role::Ketua);
            m.nik = Some(Nik::parse(NIK).unwrap());
            m.sex = Some(Sex::Male);
            m.occupation = Occupation::Pns;
            kim.members.push(m);
            let report = match validate_by_seat(&kim, &set, None, Reference::embedded(), as_of) {
                Ok(report) => report,
                // The text rule refuses ids and names with control or format characters; its error names the
                // character and the field, never the value.
                Err(e) => {
                    assert!(
                        f.chars().any(|c| c.is_control() || is_invisible(c)),
                        "{f:?}: {e}"
                    );
                    for out in [e.to_string(), format!("{e:?}")] {
                        assert!(!shows_middle(&out, digits), "{f:?}: {out}");
                        assert!(!shows_middle(&out, NIK), "{f:?}: {out}");
                    }
                    refused += 1;
                    continue;
                }
            };
            reported += 1;
            let mismatch = report
                .findings
                .iter()
                .find(|x| x.code == "KIM-D-NIK-MISMATCH")
                .unwrap_or_else(|| panic!("{f:?}: {report:?}"));
            assert!(
                mismatch.path.starts_with("members[") && mismatch.path.ends_with("].nik"),
                "{f:?}: {}",
                mismatch.path
            );
            assert!(report.findings.len() > 2, "{f:?}: {report:?}");
            for out in [
                format!("{report:?}"),
                serde_json::to_string(&report).unwrap(),
            ] {
                assert!(!shows_middle(&out, digits), "{f:?}: {out}");
                assert!(!shows_middle(&out, NIK), "{f:?}: {out}");
            }
        }
    }
    // Most forms reach a report; those with control or format characters are refused by the text rule.
    assert!(
        reported > 2 * refused,
        "{reported} reported, {refused} refused"
    );
    // Numbers that are not personal data stay readable in the same report: the seat code of an overlay not applied.
    let kim = Kim::new("K1", "KIM Sempaja", Kode::parse("64.72.01.1001").unwrap());
    let report = validate_by_seat(
        &kim,
        &set,
        Some(&["permenkominfo-4-2024", "overlay-6402-kutai-kartanegara"]),
        Reference::embedded(),
        as_of,
    )
    .unwrap();
    let f = report
        .findings
        .iter()
        .find(|x| x.code == kim_core::rules::OVERLAY_NOT_APPLIED)
        .unwrap();
    assert!(f.message_en.contains("64.72.01.1001"), "{}", f.message_en);
}

/// The Rust errors that carry an id or a path a user gave (a NIK used as a KIM or member id, a file named after a
/// person) mask it in `Display` and `Debug`, as the bindings do.
#[test]
fn rust_errors_mask_ids_and_paths() {
    use kim_core::registry::{Event, Member};
    use kim_core::vocab::{Role, Status};
    use kim_core::wilayah::Kode;
    let seat = Kode::parse("64.02.01.2001").unwrap();
    let day = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
    let mut errors = Vec::new();
    // A KIM id used twice.
    let mut reg = Registry::new();
    reg.insert(Kim::new(NIK, "KIM A", seat)).unwrap();
    errors.push(reg.insert(Kim::new(NIK, "KIM B", seat)).unwrap_err());
    // A member id used twice.
    let mut kim = Kim::new("K1", "KIM A", seat);
    kim.members.push(Member::new(NIK, "Siti", Role::Ketua));
    kim.members.push(Member::new(NIK, "Siti", Role::Anggota));
    errors.push(Registry::new().insert(kim).unwrap_err());
    // A status change the lifecycle refuses, and one out of order.
    let mut kim = Kim::new(NIK, "KIM A", seat);
    kim.history.push(kim_core::registry::StatusChange::new(
        day,
        Status::Dissolved,
    ));
    kim.history
        .push(kim_core::registry::StatusChange::new(day, Status::Active));
    errors.push(Registry::new().insert(kim).unwrap_err());
    // An event for an unknown KIM.
    let mut reg = Registry::new();
    let unknown = reg.apply(&Event::new(
        day,
        NIK,
        kim_core::registry::Change::Status {
            status: Status::Active,
        },
    ));
    errors.push(unknown.unwrap_err());
    // An unknown profile, and a file that does not exist.
    errors.push(ProfileSet::builtin().select(&[NIK], day).unwrap_err());
    errors.push(Reference::from_csv_path(format!("/nonexistent/{NIK}.csv"), "x").unwrap_err());
    for e in &errors {
        for out in [e.to_string(), format!("{e:?}")] {
            assert!(!out.contains(NIK), "{out}");
            assert!(out.contains("6402**********01"), "{out}");
        }
    }
}
