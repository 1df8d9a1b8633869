//! How each [`Check`] is run on one KIM, and how a hit becomes a [`Finding`] with its messages.

use chrono::NaiveDate;

use super::Finding;
use super::profile::{Check, Citation, Confidence, Profile, Rule, Severity};
use crate::registry::{Kim, Member};
use crate::vocab::Status;
use crate::wilayah::{Kode, Level, Reference};

/// The values a message template names. A key `name@id` or `name@en` fills `{name}` only in the message of that
/// language (a value in words: "PNS/ASN" / "civil servant (PNS/ASN)"); a plain key fills both.
pub(super) type Params = Vec<(&'static str, String)>;

pub(super) fn render(template: &str, params: &Params, lang: &str) -> String {
    let mut out = template.to_owned();
    for (k, v) in params {
        let name = match k.split_once('@') {
            None => *k,
            Some((name, l)) if l == lang => name,
            Some(_) => continue,
        };
        let key = format!("{{{name}}}");
        if out.contains(&key) {
            out = out.replace(&key, v);
        }
    }
    out
}

pub(super) struct Ctx<'a> {
    pub(super) kim: &'a Kim,
    pub(super) reference: &'a Reference,
    pub(super) as_of: NaiveDate,
    pub(super) members: Vec<&'a Member>,
}

pub(super) fn member_path(m: &Member, field: &str) -> String {
    format!("members[{}].{field}", m.id)
}

/// Runs one check; each hit is (path, params).
// One arm per check kind: splitting it would scatter the rule semantics.
#[allow(clippy::too_many_lines)]
pub(super) fn run_check(check: &Check, c: &Ctx<'_>, out: &mut Vec<(String, Params)>) {
    let kim = c.kim;
    match check {
        Check::FormationEvidence => {
            if kim
                .formation
                .as_ref()
                .is_none_or(|f| f.reference.trim().is_empty())
            {
                out.push(("formation".into(), vec![]));
            }
        }
        Check::SeatIsVillage => {
            if kim.seat.level() != Level::Desa {
                out.push(("seat".into(), vec![("seat", kim.seat.to_string())]));
            }
        }
        Check::SeatInReference => {
            if kim.seat.level() == Level::Desa && !c.reference.contains(kim.seat) {
                out.push((
                    "seat".into(),
                    vec![
                        ("seat", kim.seat.to_string()),
                        ("value", c.reference.version().to_owned()),
                    ],
                ));
            }
        }
        Check::SkPresent => {
            if kim.sk.is_none() {
                out.push(("sk".into(), vec![]));
            }
        }
        Check::SkIssuer { allowed } => {
            if let Some(sk) = &kim.sk
                && !allowed.contains(&sk.issuer)
            {
                // The value in words, and the text as written when the import kept it.
                let shown = |label: &str| {
                    sk.issuer_raw
                        .as_ref()
                        .map_or_else(|| label.to_owned(), |raw| format!("{label} (\"{raw}\")"))
                };
                out.push((
                    "sk.issuer".into(),
                    vec![
                        ("issuer@id", shown(sk.issuer.label_id())),
                        ("issuer@en", shown(sk.issuer.label_en())),
                    ],
                ));
            }
        }
        Check::SkNumber => {
            if let Some(sk) = &kim.sk
                && (sk.number.trim().is_empty() || sk.number.chars().any(char::is_control))
            {
                out.push((
                    "sk.number".into(),
                    vec![("value", sk.number.escape_debug().to_string())],
                ));
            }
        }
        Check::SkDate => {
            if let Some(sk) = &kim.sk {
                if sk.date > c.as_of {
                    out.push(("sk.date".into(), vec![("date", sk.date.to_string())]));
                } else if let Some(first) = kim
                    .history
                    .iter()
                    .find(|h| h.status != Status::Draft && h.date <= c.as_of)
                    && first.date < sk.date
                {
                    out.push((
                        "sk.date".into(),
                        vec![
                            ("date", sk.date.to_string()),
                            ("value", first.date.to_string()),
                        ],
                    ));
                }
            }
        }
        Check::Registered => {
            if kim.registration.as_ref().is_none_or(|r| r.date > c.as_of) {
                out.push(("registration".into(), vec![]));
            }
        }
        Check::RegistrationKabKota => {
            if let Some(r) = &kim.registration {
                let seat_kk = kim.seat.ancestor(Level::KabKota);
                if r.kab_kota.level() != Level::KabKota || seat_kk != Some(r.kab_kota) {
                    out.push((
                        "registration.kab_kota".into(),
                        vec![
                            ("kab_kota", r.kab_kota.to_string()),
                            ("seat", kim.seat.to_string()),
                        ],
                    ));
                }
            }
        }
        Check::RegistrationDate => {
            if let (Some(r), Some(sk)) = (&kim.registration, &kim.sk)
                && r.date < sk.date
            {
                out.push((
                    "registration.date".into(),
                    vec![("date", r.date.to_string()), ("value", sk.date.to_string())],
                ));
            }
        }
        Check::MemberCount { min, max } => {
            let n = u32::try_from(c.members.len()).unwrap_or(u32::MAX);
            if min.is_some_and(|m| n < m) || max.is_some_and(|m| n > m) {
                let show = |v: &Option<u32>| v.map_or_else(|| "-".to_owned(), |v| v.to_string());
                out.push((
                    "members".into(),
                    vec![
                        ("count", n.to_string()),
                        ("min", show(min)),
                        ("max", show(max)),
                    ],
                ));
            }
        }
        Check::RequiredRoles { roles } => {
            let missing: Vec<_> = roles
                .iter()
                .filter(|r| !c.members.iter().any(|m| m.role == **r))
                .collect();
            if !missing.is_empty() {
                let list = |label: fn(crate::vocab::Role) -> &'static str| {
                    missing
                        .iter()
                        .map(|r| label(**r))
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                out.push((
                    "members".into(),
                    vec![
                        ("roles@id", list(crate::vocab::Role::label_id)),
                        ("roles@en", list(crate::vocab::Role::label_en)),
                    ],
                ));
            }
        }
        Check::ExcludedOccupations { occupations } => {
            for m in &c.members {
                if occupations.contains(&m.occupation) {
                    out.push((
                        member_path(m, "occupation"),
                        vec![
                            ("member", m.name.clone()),
                            ("occupation@id", m.occupation.label_id().to_owned()),
                            ("occupation@en", m.occupation.label_en().to_owned()),
                        ],
                    ));
                }
            }
        }
        Check::OfficerMinAge { years } => {
            for m in c.members.iter().filter(|m| m.role.is_officer()) {
                let age = m.age_on(c.as_of);
                if age.is_none_or(|a| a < *years) {
                    let age = age.map_or_else(|| "?".to_owned(), |a| a.to_string());
                    out.push((
                        member_path(m, "birth_date"),
                        vec![
                            ("member", m.name.clone()),
                            ("role@id", m.role.label_id().to_owned()),
                            ("role@en", m.role.label_en().to_owned()),
                            ("years", years.to_string()),
                            ("age", age),
                        ],
                    ));
                }
            }
        }
        Check::OfficerCleanRecord => {
            for m in c
                .members
                .iter()
                .filter(|m| m.role.is_officer() && m.clean_record != Some(true))
            {
                let (id, en) = match m.clean_record {
                    None => ("tidak tercatat", "not recorded"),
                    Some(true) => ("ya", "yes"),
                    Some(false) => ("tidak", "no"),
                };
                out.push((
                    member_path(m, "clean_record"),
                    vec![
                        ("member", m.name.clone()),
                        ("role@id", m.role.label_id().to_owned()),
                        ("role@en", m.role.label_en().to_owned()),
                        ("value@id", id.to_owned()),
                        ("value@en", en.to_owned()),
                    ],
                ));
            }
        }
        Check::Statutes => {
            if !kim.statutes {
                out.push(("statutes".into(), vec![]));
            }
        }
        Check::OfficerTermYears { min, max } => {
            for m in c.members.iter().filter(|m| m.role.is_officer()) {
                let years = match (m.term_start, m.term_end) {
                    (Some(s), Some(e)) => e.succ_opt().and_then(|e1| e1.years_since(s)).map(|y| {
                        // Exact whole years count as y; any remainder makes it longer than y.
                        let exact =
                            s.checked_add_months(chrono::Months::new(12 * y)) == e.succ_opt();
                        (y, exact)
                    }),
                    _ => None,
                };
                let bad = match years {
                    None => true,
                    Some((y, exact)) => y < *min || y > *max || (y == *max && !exact),
                };
                if bad {
                    let v = years.map_or_else(|| "?".to_owned(), |(y, _)| y.to_string());
                    out.push((
                        member_path(m, "term_end"),
                        vec![
                            ("member", m.name.clone()),
                            ("min", min.to_string()),
                            ("max", max.to_string()),
                            ("value", v),
                        ],
                    ));
                }
            }
        }
        Check::MembersResideIn { level } => {
            let area = kim.seat.ancestor(*level);
            for m in &c.members {
                let inside = match (area, m.residence) {
                    (Some(a), Some(r)) => a.contains(r),
                    _ => false,
                };
                if !inside {
                    let v = m
                        .residence
                        .map_or_else(|| "?".to_owned(), |r| r.to_string());
                    out.push((
                        member_path(m, "residence"),
                        vec![
                            ("member", m.name.clone()),
                            ("value", v),
                            ("seat", kim.seat.to_string()),
                        ],
                    ));
                }
            }
        }
        Check::MemberDiversity => {
            // Flag only when every sex is known and all are the same.
            let first = c.members.first().and_then(|m| m.sex);
            let one_sex = first.is_some() && c.members.iter().all(|m| m.sex == first);
            if c.members.len() >= 2 && one_sex {
                out.push((
                    "members".into(),
                    vec![("count", c.members.len().to_string())],
                ));
            }
        }
        Check::NikConsistent => {
            for m in &c.members {
                let Some(nik) = &m.nik else { continue };
                let sex_bad = m.sex.is_some_and(|s| s != nik.sex());
                let birth_bad = m.birth_date.is_some_and(|b| !nik.matches_birth_date(b));
                if sex_bad || birth_bad {
                    out.push((
                        member_path(m, "nik"),
                        vec![("member", m.name.clone()), ("value", nik.masked())],
                    ));
                }
            }
        }
        Check::NikRegionKnown => {
            // Members of one KIM mostly share a region: remember the last lookup.
            let mut last: Option<(Kode, bool)> = None;
            for m in &c.members {
                let Some(nik) = &m.nik else { continue };
                let region = nik.region();
                let known = match last {
                    Some((r, k)) if r == region => k,
                    _ => c.reference.contains(region),
                };
                last = Some((region, known));
                if !known {
                    out.push((
                        member_path(m, "nik"),
                        vec![
                            ("member", m.name.clone()),
                            ("value", nik.region().to_string()),
                        ],
                    ));
                }
            }
        }
        // Registry-wide checks run in `validate_registry`.
        Check::MaxKimsPerVillage { .. } => {}
    }
}

pub(super) fn finding(rule: &Rule, profile: &Profile, path: String, params: &Params) -> Finding {
    Finding {
        code: rule.code.clone(),
        severity: rule.severity,
        path,
        profile: profile.id.clone(),
        citation: rule.citation.clone(),
        message_id: render(&rule.message.id, params, "id"),
        message_en: render(&rule.message.en, params, "en"),
    }
}

/// The code of the info finding for an overlay that was asked for but does not govern this KIM (seat outside its
/// region, or date outside its window).
pub const OVERLAY_NOT_APPLIED: &str = "KIM-OVERLAY-NOT-APPLIED";

/// The code of the info finding for a KIM validated on a date before its first recorded status: it did not exist
/// in the registry yet, so no rule is checked.
pub const NOT_YET_RECORDED: &str = "KIM-NOT-YET-RECORDED";

pub(super) fn not_yet_recorded(kim: &Kim, first: NaiveDate, as_of: NaiveDate) -> Finding {
    Finding {
        code: NOT_YET_RECORDED.to_owned(),
        severity: Severity::Info,
        path: "history".to_owned(),
        profile: String::new(),
        citation: Citation {
            instrument: "kim registry history".to_owned(),
            pasal: None,
            tag: Confidence::I,
            note: None,
        },
        message_id: format!(
            "KIM {} belum tercatat pada {as_of} (status pertama {first}); aturan tidak diperiksa.",
            kim.id
        ),
        message_en: format!(
            "KIM {} is not yet recorded on {as_of} (first status {first}); no rule was checked.",
            kim.id
        ),
    }
}

/// The code of the warning for an SK issuer kept as legacy text that names no issuer kim knows.
pub const LEGACY_ISSUER: &str = "KIM-LEGACY-ISSUER";
/// The code of the warning for an SK recorded without its issuer.
pub const SK_NO_ISSUER: &str = "KIM-SK-NO-ISSUER";
/// The code of the warning for a member role kept as legacy text.
pub const LEGACY_ROLE: &str = "KIM-LEGACY-ROLE";
/// The code of the warning for a member occupation kept as legacy text.
pub const LEGACY_OCCUPATION: &str = "KIM-LEGACY-OCCUPATION";
/// The code of the warning for a member row that an import rejected (the member is not in the KIM).
pub const MEMBER_REJECTED: &str = "KIM-MEMBER-REJECTED";

fn data_finding(
    code: &str,
    path: String,
    citation: Citation,
    message_id: String,
    message_en: String,
) -> Finding {
    Finding {
        code: code.to_owned(),
        severity: Severity::Warning,
        path,
        profile: String::new(),
        citation,
        message_id,
        message_en,
    }
}

fn pasal_23_3_c() -> Citation {
    Citation {
        instrument: "Permenkominfo No. 4 Tahun 2024".to_owned(),
        pasal: Some("Pasal 23 ayat (3) huruf c".to_owned()),
        tag: Confidence::R,
        note: Some(
            "The issuer decides F3 (docs/domain.md §3.1); kim keeps the text as written for a person to judge."
                .to_owned(),
        ),
    }
}

fn registry_data(note: &str) -> Citation {
    Citation {
        instrument: "kim registry data".to_owned(),
        pasal: None,
        tag: Confidence::I,
        note: Some(note.to_owned()),
    }
}

/// Findings on the record itself rather than on a rule of a profile: legacy text kept on import (an SK issuer, a
/// role or an occupation that names no value kim knows), an SK without an issuer, and member rows an import
/// rejected. Each is a warning: the KIM was imported, and a person decides.
pub(super) fn data_findings(kim: &Kim, out: &mut Vec<Finding>) {
    if let Some(sk) = &kim.sk {
        if let Some(raw) = &sk.issuer_raw {
            out.push(data_finding(
                LEGACY_ISSUER,
                "sk.issuer".into(),
                pasal_23_3_c(),
                format!(
                    "Penerbit SK tercatat sebagai \"{raw}\", bukan kepala desa, lurah, camat, bupati/walikota atau \
                     gubernur; periksa SK-nya."
                ),
                format!(
                    "The SK issuer is recorded as \"{raw}\", which is not a village head, lurah, camat, \
                     bupati/walikota or gubernur; check the decree."
                ),
            ));
        } else if sk.issuer == crate::vocab::IssuerRole::TidakDiketahui {
            out.push(data_finding(
                SK_NO_ISSUER,
                "sk.issuer".into(),
                pasal_23_3_c(),
                format!(
                    "SK {} tidak mencatat penerbitnya; syarat penetapan minimal oleh kepala desa atau lurah \
                     tidak dapat diperiksa.",
                    sk.number
                ),
                format!(
                    "SK {} records no issuer; establishment at least by the village head or lurah cannot be \
                     checked.",
                    sk.number
                ),
            ));
        }
    }
    for m in &kim.members {
        if let Some(raw) = &m.role_raw {
            out.push(data_finding(
                LEGACY_ROLE,
                member_path(m, "role"),
                registry_data("Roles decide the officer rules of the profiles (docs/domain.md §3.2, §3.3)."),
                format!(
                    "Jabatan anggota {} tercatat sebagai \"{raw}\", bukan jabatan yang dikenal; dihitung sebagai \
                     anggota.",
                    m.name
                ),
                format!(
                    "Member {}'s role is recorded as \"{raw}\", which is not a known role; counted as an \
                     ordinary member.",
                    m.name
                ),
            ));
        }
        if let Some(raw) = &m.occupation_raw {
            out.push(data_finding(
                LEGACY_OCCUPATION,
                member_path(m, "occupation"),
                registry_data(
                    "Overlays bar occupation categories (docs/domain.md §3.3); a text that names no category \
                     cannot be checked against them.",
                ),
                format!(
                    "Pekerjaan anggota {} tercatat sebagai \"{raw}\", bukan kategori yang dikenal (mis. guru \
                     bisa PNS, PPPK atau swasta); dihitung sebagai lainnya.",
                    m.name
                ),
                format!(
                    "Member {}'s occupation is recorded as \"{raw}\", which is not a known category (e.g. a \
                     teacher may be PNS, PPPK or private); counted as other.",
                    m.name
                ),
            ));
        }
    }
    for p in &kim.member_problems {
        out.push(data_finding(
            MEMBER_REJECTED,
            p.path.clone(),
            registry_data("The member row was rejected on import and is not in the KIM's members."),
            format!(
                "Baris anggota {} ditolak saat impor ({}): {}. Anggota ini tidak dihitung.",
                p.line, p.code, p.message
            ),
            format!(
                "Member row {} was rejected on import ({}): {}. This member is not counted.",
                p.line, p.code, p.message
            ),
        ));
    }
}

pub(super) fn overlay_scope(profile: &Profile, kim: &Kim, as_of: NaiveDate) -> Option<Finding> {
    let region = profile.region?;
    let (id, en) = if !region.contains(kim.seat) {
        (
            format!(
                "Overlay {} tidak diterapkan: kedudukan {} berada di luar wilayah {}.",
                profile.id, kim.seat, region
            ),
            format!(
                "Overlay {} not applied: seat {} lies outside region {}.",
                profile.id, kim.seat, region
            ),
        )
    } else if !profile.in_force_on(as_of) {
        (
            format!(
                "Overlay {} tidak diterapkan: tidak berlaku pada {}.",
                profile.id, as_of
            ),
            format!(
                "Overlay {} not applied: not in force on {}.",
                profile.id, as_of
            ),
        )
    } else {
        return None;
    };
    Some(Finding {
        code: OVERLAY_NOT_APPLIED.to_owned(),
        severity: Severity::Info,
        path: "seat".to_owned(),
        profile: profile.id.clone(),
        citation: Citation {
            instrument: profile.instrument.clone(),
            pasal: None,
            tag: Confidence::L,
            note: None,
        },
        message_id: id,
        message_en: en,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_render() {
        let p: Params = vec![("count", "2".into()), ("min", "3".into())];
        assert_eq!(render("{count} < {min} {other}", &p, "id"), "2 < 3 {other}");
        let w: Params = vec![("x@id", "PNS/ASN".into()), ("x@en", "civil servant".into())];
        assert_eq!(render("{x}", &w, "id"), "PNS/ASN");
        assert_eq!(render("{x}", &w, "en"), "civil servant");
    }
}
