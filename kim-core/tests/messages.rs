//! Findings speak in words: enum values appear as labels in each language ("ketua RT/RW atau pejabat lain",
//! "PNS/ASN"), never as their snake_case names (`other`, `pns`), and each message uses one language.

use chrono::NaiveDate;
use kim_core::registry::{IssuerRole, Kim, Occupation, Role};
use kim_core::rules::{Finding, ProfileSet, validate};
use kim_core::wilayah::Reference;

fn date(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

fn findings(kim: &str, as_of: &str, overlays: &[&str]) -> Vec<Finding> {
    let kim = Kim::from_json(kim).expect("test KIM");
    let profiles = ProfileSet::builtin();
    let reference = Reference::embedded();
    let as_of = date(as_of);
    let chosen = if overlays.is_empty() {
        profiles.applicable(kim.seat, as_of).expect("profiles")
    } else {
        profiles.select(overlays, as_of).expect("profiles")
    };
    validate(&kim, &chosen, reference, as_of)
        .expect("validate")
        .findings
}

fn one<'a>(fs: &'a [Finding], code: &str) -> &'a Finding {
    fs.iter()
        .find(|f| f.code == code)
        .unwrap_or_else(|| panic!("no {code} in {fs:#?}"))
}

/// A raw value shown as a word of its own: ` other`, `(pns)`, … (not the inside of a longer word).
fn shows_raw(message: &str, raw: &str) -> bool {
    message
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .any(|w| w == raw)
}

const KUKAR_KIM: &str = r#"{"id": "K1", "name": "KIM Perian", "kind": "informasi", "seat": "64.02.01.2001",
  "sk": {"number": "1/2023", "date": "2023-02-01", "issuer": "other", "issuer_raw": "Ketua RT 03"},
  "registration": {"number": "2/2023", "date": "2023-03-01", "kab_kota": "64.02"},
  "members": [{"id": "m1", "name": "Siti", "role": "ketua", "occupation": "pns"},
              {"id": "m2", "name": "Budi", "role": "anggota", "occupation": "petani"}],
  "history": [{"date": "2023-02-01", "status": "established"}]}"#;

#[test]
fn issuer_and_occupation_are_words_in_each_language() {
    let fs = findings(KUKAR_KIM, "2025-06-30", &[]);
    let issuer = one(&fs, "KIM-F3-ISSUER");
    assert!(
        issuer
            .message_id
            .contains("ketua RT/RW atau pejabat lain (\"Ketua RT 03\")"),
        "{}",
        issuer.message_id
    );
    assert!(
        issuer
            .message_en
            .contains("RT/RW head or other official (\"Ketua RT 03\")"),
        "{}",
        issuer.message_en
    );
    let occupation = fs
        .iter()
        .find(|f| f.path == "members[m1].occupation" && f.profile.contains("6402"))
        .unwrap_or_else(|| panic!("no Kukar occupation finding in {fs:#?}"));
    assert!(
        occupation.message_id.contains("berstatus PNS/ASN"),
        "{}",
        occupation.message_id
    );
    assert!(
        occupation.message_en.contains("civil servant (PNS/ASN)"),
        "{}",
        occupation.message_en
    );
    for f in &fs {
        for raw in ["other", "pns", "kepala_desa", "tidak_diketahui"] {
            let en_word = raw == "other"; // "other official" is English, and only English
            assert!(!shows_raw(&f.message_id, raw), "{raw} in {}", f.message_id);
            assert!(
                en_word || !shows_raw(&f.message_en, raw),
                "{raw} in {}",
                f.message_en
            );
        }
        assert!(
            !f.message_en.contains("pejabat"),
            "Indonesian in English: {}",
            f.message_en
        );
        assert!(
            !f.message_id.contains("official"),
            "English in Indonesian: {}",
            f.message_id
        );
    }
}

#[test]
fn missing_roles_are_listed_in_words() {
    // The 2010 profile requires ketua, sekretaris and bendahara.
    let kim = KUKAR_KIM.replace("2023-", "2018-");
    let fs = findings(&kim, "2019-05-01", &[]);
    let roles = fs
        .iter()
        .find(|f| f.path == "members" && f.message_en.contains("missing"))
        .unwrap_or_else(|| panic!("no missing-roles finding in {fs:#?}"));
    assert!(
        roles.message_id.contains("sekretaris, bendahara"),
        "{}",
        roles.message_id
    );
    assert!(
        roles.message_en.contains("secretary, treasurer"),
        "{}",
        roles.message_en
    );
}

#[test]
fn every_value_has_a_label_in_both_languages() {
    for v in IssuerRole::ALL {
        assert!(!v.label_id().is_empty() && !v.label_en().is_empty());
        assert!(
            !v.label_id().contains('_') && !v.label_en().contains('_'),
            "{v}"
        );
    }
    for v in Occupation::ALL {
        assert!(
            !v.label_id().contains('_') && !v.label_en().contains('_'),
            "{v}"
        );
    }
    for v in Role::ALL {
        assert!(
            !v.label_id().contains('_') && !v.label_en().contains('_'),
            "{v}"
        );
    }
    assert_eq!(
        IssuerRole::Other.label_id(),
        "ketua RT/RW atau pejabat lain"
    );
    assert_eq!(Occupation::Pns.label_id(), "PNS/ASN");
}
