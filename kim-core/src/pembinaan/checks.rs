//! The pembinaan rules that are findings: PB1, PB2, PB3, PB4 and PB7 (docs/domain.md, "Pembinaan").

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use serde::Deserialize;

use super::model::{ActivityKind, Funding, Organizer, OrganizerKind};
use super::{PembinaanData, PembinaanOptions};
use crate::forum::RuleInfo;
use crate::privacy::{mask_text, mask_value};
use crate::registry::Registry;
use crate::rules::{Citation, Confidence, Finding, Severity};
use crate::wilayah::{Kode, Level};

const fn rule(
    code: &'static str,
    id: &'static str,
    severity: Severity,
    confidence: &'static str,
) -> RuleInfo {
    RuleInfo::new(code, id, severity, confidence)
}

/// Every pembinaan rule that gives findings.
pub const RULES: &[RuleInfo] = &[
    rule("PB-PB1-MINISTRY", "PB1", Severity::Info, "H"),
    rule("PB-PB1-OTHER", "PB1", Severity::Info, "H"),
    rule("PB-PB1-REGION", "PB1", Severity::Warning, "H"),
    rule("PB-PB2-NO-MONEV", "PB2", Severity::Warning, "M"),
    rule("PB-PB3-UNKNOWN-KIM", "PB3", Severity::Error, "H"),
    rule("PB-PB3-NOT-ACTIVE", "PB3", Severity::Warning, "H"),
    rule("PB-PB4-NOT-ATTENDED", "PB4", Severity::Info, "H"),
    rule("PB-PB7-SIPD", "PB7", Severity::Error, "M"),
    rule("PB-SARPRAS-NO-BAST", "PB1", Severity::Warning, "M"),
];

fn citation(r: &RuleInfo) -> Citation {
    let pasal = match r.rule {
        "PB1" => "Pasal 24 ayat (5)-(6), Pasal 85",
        "PB2" => "Pasal 83 ayat (4)",
        "PB3" | "PB4" => "Pasal 24 ayat (6)",
        _ => "",
    };
    let (instrument, tag) = if pasal.is_empty() {
        (
            "SIPD budget nomenclature (docs/domain.md, Pembinaan)".to_owned(),
            Confidence::L,
        )
    } else {
        ("Permenkominfo No. 4 Tahun 2024".to_owned(), Confidence::R)
    };
    Citation {
        instrument,
        pasal: (!pasal.is_empty()).then(|| pasal.to_owned()),
        tag,
        note: Some(format!("{}, confidence {}", r.rule, r.confidence)),
    }
}

/// The findings of [`check_pembinaan`]. [`PembinaanFindings::ok`] is computed from the findings; reading them from
/// JSON checks `schema_version` and `ok`, as [`Report`](crate::rules::Report) does.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "PembinaanFindingsDoc")]
#[non_exhaustive]
pub struct PembinaanFindings {
    /// The date checked.
    pub as_of: NaiveDate,
    /// Every finding, sorted by severity, code and path.
    pub findings: Vec<Finding>,
}

crate::rules::findings_document!(PembinaanFindings, PembinaanFindingsDoc { as_of: NaiveDate });

impl PembinaanFindings {
    /// True if some finding has this code.
    #[must_use]
    pub fn has(&self, code: &str) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }
}

fn push(
    out: &mut Vec<Finding>,
    code: &str,
    path: impl AsRef<str>,
    id: impl AsRef<str>,
    en: impl AsRef<str>,
) {
    let r = RULES
        .iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| unreachable!("pembinaan rule {code} is listed in RULES"));
    out.push(Finding {
        code: r.code.to_owned(),
        severity: r.severity,
        path: mask_text(path.as_ref()),
        profile: "pembinaan".to_owned(),
        citation: citation(r),
        message_id: mask_text(id.as_ref()),
        message_en: mask_text(en.as_ref()),
    });
}

/// PB7: `^\d\.\d{2}\.\d{2}\.\d\.\d{2}\.\d{4}$`, e.g. `2.16.02.2.01.0015`.
///
/// ```
/// use kim_core::pembinaan::{SIPD_KIM_2025, sipd_code_ok};
/// assert!(sipd_code_ok(SIPD_KIM_2025));
/// assert!(!sipd_code_ok("2.16.2.2.01.0015"));
/// ```
#[must_use]
pub fn sipd_code_ok(code: &str) -> bool {
    let parts: Vec<&str> = code.split('.').collect();
    parts.len() == 6
        && parts
            .iter()
            .zip([1, 2, 2, 1, 2, 4])
            .all(|(p, n)| p.len() == n && p.bytes().all(|b| b.is_ascii_digit()))
}

fn organizer_region_ok(o: &Organizer) -> bool {
    match o.kind {
        OrganizerKind::DinasKabKota => o.region.is_some_and(|r| r.level() == Level::KabKota),
        OrganizerKind::DinasProvinsi => o.region.is_some_and(|r| r.level() == Level::Provinsi),
        _ => true,
    }
}

fn funding_checks(out: &mut Vec<Finding>, base: &str, funding: &[Funding]) {
    for (i, f) in funding.iter().enumerate() {
        if let Some(code) = &f.sipd_code
            && !sipd_code_ok(code)
        {
            push(
                out,
                "PB-PB7-SIPD",
                format!("{base}.funding[{i}].sipd_code"),
                format!(
                    "Kode SIPD \"{code}\" tidak berformat N.NN.NN.N.NN.NNNN (mis. {})",
                    super::SIPD_KIM_2025
                ),
                format!(
                    "SIPD code \"{code}\" is not of the form N.NN.NN.N.NN.NNNN (e.g. {})",
                    super::SIPD_KIM_2025
                ),
            );
        }
    }
}

/// Checks activities and grants on `as_of` (only those ended by then): PB1 (who organised), PB2 (each Dinas and
/// complete year without monev, from the year of its first activity), PB3 (participants that are no KIM of
/// `registry`, or not active on the end date), PB4 (invitations not attended), PB7 (SIPD codes), and a grant
/// without a BAST number.
///
/// ```
/// use kim_core::pembinaan::{PembinaanData, PembinaanOptions, check_pembinaan};
/// use kim_core::registry::Registry;
/// let data = PembinaanData::from_json(include_str!("../../data/sample/forum_kukar_pembinaan.json"))?;
/// let kims = Registry::from_json(include_str!("../../data/sample/forum_kukar_kims.json"))?;
/// let r = check_pembinaan(&data, &kims, &PembinaanOptions::default(), "2025-06-30".parse().unwrap());
/// assert!(r.ok(), "{:#?}", r.findings);
/// // The JSON carries `schema_version` and `ok`; reading it back checks both.
/// let json = serde_json::to_string(&r).unwrap();
/// assert_eq!(serde_json::from_str::<kim_core::pembinaan::PembinaanFindings>(&json).unwrap(), r);
/// assert!(serde_json::from_str::<kim_core::pembinaan::PembinaanFindings>(&json.replace(r#""ok":true"#, r#""ok":false"#)).is_err());
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn check_pembinaan(
    data: &PembinaanData,
    registry: &Registry,
    options: &PembinaanOptions,
    as_of: NaiveDate,
) -> PembinaanFindings {
    let mut out = Vec::new();
    let mut dinas_years: BTreeMap<Kode, (i32, BTreeSet<i32>)> = BTreeMap::new();
    for a in data.activities.iter().filter(|a| a.end <= as_of) {
        let base = format!("activities[{}]", mask_value(&a.id));
        organizer(&mut out, &base, &a.organizer, &a.title);
        if let (OrganizerKind::DinasKabKota | OrganizerKind::DinasProvinsi, Some(r)) =
            (a.organizer.kind, a.organizer.region)
        {
            let e = dinas_years
                .entry(r)
                .or_insert((a.end.year(), BTreeSet::new()));
            e.0 = e.0.min(a.end.year());
            if a.kind == ActivityKind::Monev {
                e.1.insert(a.end.year());
            }
        }
        participants(&mut out, &base, a, registry, options);
        funding_checks(&mut out, &base, &a.funding);
    }
    for (r, (first, monev)) in &dinas_years {
        for year in *first..as_of.year() {
            if !monev.contains(&year) {
                push(
                    &mut out,
                    "PB-PB2-NO-MONEV",
                    format!("organizers[{r}].monev[{year}]"),
                    format!(
                        "Dinas wilayah {r} tidak mencatat monev KIM pada tahun {year}; monev wajib paling sedikit \
                         sekali setahun."
                    ),
                    format!(
                        "The Dinas of region {r} recorded no KIM monev in {year}; monev is due at least once a year."
                    ),
                );
            }
        }
    }
    for g in data.grants.iter().filter(|g| g.date <= as_of) {
        let base = format!("grants[{}]", mask_value(&g.id));
        organizer(&mut out, &base, &g.giver, "serah terima sarpras");
        if g.bast_number.as_deref().is_none_or(|b| b.trim().is_empty()) {
            push(
                &mut out,
                "PB-SARPRAS-NO-BAST",
                format!("{base}.bast_number"),
                format!(
                    "Serah terima sarpras {} pada {} tidak mencatat nomor BAST.",
                    g.id, g.date
                ),
                format!(
                    "Sarpras handover {} on {} records no BAST number.",
                    g.id, g.date
                ),
            );
        }
        funding_checks(&mut out, &base, &g.funding);
    }
    out.sort_by(|a, b| (a.severity, &a.code, &a.path).cmp(&(b.severity, &b.code, &b.path)));
    PembinaanFindings {
        as_of,
        findings: out,
    }
}

/// PB3 and PB4 on the participants of one activity.
fn participants(
    out: &mut Vec<Finding>,
    base: &str,
    a: &super::Activity,
    registry: &Registry,
    options: &PembinaanOptions,
) {
    let mut absent = 0;
    for p in &a.participants {
        if !p.attended {
            absent += 1;
        }
        let Some(k) = p.unit.kim() else { continue };
        let ppath = format!("{base}.participants[{}]", mask_value(k));
        match registry.get(k) {
            None => push(
                out,
                "PB-PB3-UNKNOWN-KIM",
                ppath,
                format!(
                    "Peserta {k} kegiatan \"{}\" bukan KIM dalam registri.",
                    a.title
                ),
                format!(
                    "Participant {k} of \"{}\" is no KIM of the registry.",
                    a.title
                ),
            ),
            Some(kim) if p.attended && !options.is_active(kim, a.end) => push(
                out,
                "PB-PB3-NOT-ACTIVE",
                ppath,
                format!(
                    "KIM {k} hadir pada \"{}\", tetapi tidak aktif pada tanggal akhirnya {}; keikutsertaan ini \
                     tidak dihitung.",
                    a.title, a.end
                ),
                format!(
                    "KIM {k} attended \"{}\" but was not active on its end date {}; the participation does \
                     not count.",
                    a.title, a.end
                ),
            ),
            Some(_) => {}
        }
    }
    if absent > 0 {
        push(
            out,
            "PB-PB4-NOT-ATTENDED",
            format!("{base}.participants"),
            format!(
                "Undangan \"{}\" yang tidak hadir: {absent}; tidak dihitung.",
                a.title
            ),
            format!(
                "Invitations to \"{}\" not attended: {absent}; they do not count.",
                a.title
            ),
        );
    }
}

/// PB1: who organised.
fn organizer(out: &mut Vec<Finding>, base: &str, o: &Organizer, what: &str) {
    let name = &o.name;
    match o.kind {
        OrganizerKind::Kementerian => push(
            out,
            "PB-PB1-MINISTRY",
            format!("{base}.organizer"),
            format!(
                "\"{what}\" diselenggarakan Kementerian {name}: dasar hukumnya Pasal 85 (fasilitasi dan diklat)."
            ),
            format!(
                "\"{what}\" was organised by the Ministry {name}: its basis is Pasal 85 (facilitation and training)."
            ),
        ),
        OrganizerKind::Camat | OrganizerKind::Forum | OrganizerKind::Lainnya => push(
            out,
            "PB-PB1-OTHER",
            format!("{base}.organizer"),
            format!(
                "\"{what}\" diselenggarakan oleh {} {name}, bukan Dinas; dicatat, tetapi bukan kegiatan Pasal 24 \
                 ayat (6).",
                o.kind.label_id()
            ),
            format!(
                "\"{what}\" was organised by a {} {name}, not a Dinas; kept, but not a Pasal 24(6) activity.",
                o.kind.label_en()
            ),
        ),
        OrganizerKind::DinasKabKota | OrganizerKind::DinasProvinsi if !organizer_region_ok(o) => {
            push(
                out,
                "PB-PB1-REGION",
                format!("{base}.organizer.region"),
                format!(
                    "{} penyelenggara \"{what}\" tidak berkode wilayah yang sesuai ({}).",
                    o.kind.label_id(),
                    o.region.map_or_else(|| "-".to_owned(), |r| r.to_string())
                ),
                format!(
                    "The {} organising \"{what}\" has no region code of its level ({}).",
                    o.kind.label_en(),
                    o.region.map_or_else(|| "-".to_owned(), |r| r.to_string())
                ),
            );
        }
        _ => {}
    }
}
