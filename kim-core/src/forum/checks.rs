//! The forum rules FR1–FR13 (docs/domain.md, "Forums") as findings with stable codes.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::model::{Forum, ForumLevel, ForumState, InstrumentKind, MemberRef, OfficerRole};
use super::{ForumRegistry, ForumReport};
use crate::privacy::{mask_text, mask_value};
use crate::registry::{Registry, Status};
use crate::rules::{Citation, Confidence, Finding, Severity};
use crate::wilayah::{Level, Reference};

/// One rule of the forum checks: its stable code, the rule of docs/domain.md it encodes, its default severity and
/// its basis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct RuleInfo {
    /// Stable code, e.g. `FORUM-FR2-LEVEL`.
    pub code: &'static str,
    /// The rule id of docs/domain.md, e.g. `FR2`.
    pub rule: &'static str,
    /// Default severity (an overlay may raise FR10 to an error).
    pub severity: Severity,
    /// The confidence of the rule in docs/domain.md: `H` (law or tautology), `M` (consistent practice), `L` (one
    /// source or inference).
    pub confidence: &'static str,
}

impl RuleInfo {
    /// A rule.
    pub(crate) const fn new(
        code: &'static str,
        rule: &'static str,
        severity: Severity,
        confidence: &'static str,
    ) -> Self {
        Self {
            code,
            rule,
            severity,
            confidence,
        }
    }
}

const fn rule(
    code: &'static str,
    id: &'static str,
    severity: Severity,
    confidence: &'static str,
) -> RuleInfo {
    RuleInfo::new(code, id, severity, confidence)
}

/// Every forum rule. FR1 is also a property of the library: [`crate::rules::validate`] never reads forums; its
/// finding only says, for information, that an active KIM has no forum.
pub const RULES: &[RuleInfo] = &[
    rule("FORUM-FR1-NO-FORUM", "FR1", Severity::Info, "H"),
    rule("FORUM-FR2-LEVEL", "FR2", Severity::Error, "H"),
    rule("FORUM-FR2-NOT-IN-LIST", "FR2", Severity::Error, "H"),
    rule("FORUM-FR3-OUTSIDE", "FR3", Severity::Error, "H"),
    rule("FORUM-FR3-UNKNOWN-KIM", "FR3", Severity::Error, "H"),
    rule("FORUM-FR4-LEVEL", "FR4", Severity::Error, "M"),
    rule("FORUM-FR4-OUTSIDE", "FR4", Severity::Error, "M"),
    rule("FORUM-FR4-SELF", "FR4", Severity::Error, "M"),
    rule("FORUM-FR4-CYCLE", "FR4", Severity::Error, "M"),
    rule("FORUM-FR4-UNKNOWN-FORUM", "FR4", Severity::Error, "M"),
    rule("FORUM-FR5-SKIP-LEVEL", "FR5", Severity::Warning, "M"),
    rule("FORUM-FR6-DOUBLE", "FR6", Severity::Error, "M"),
    rule("FORUM-FR7-DUPLICATE", "FR7", Severity::Warning, "L"),
    rule("FORUM-FR8-TERM-END", "FR8", Severity::Warning, "M"),
    rule("FORUM-FR9-TERM-EXPIRED", "FR9", Severity::Warning, "M"),
    rule("FORUM-FR10-OFFICERS", "FR10", Severity::Warning, "M"),
    rule("FORUM-FR11-TERM-LENGTH", "FR11", Severity::Warning, "L"),
    rule("FORUM-FR12-CONFIRMER", "FR12", Severity::Error, "L"),
    rule("FORUM-FR13-CANDIDATE", "FR13", Severity::Warning, "M"),
];

fn info(code: &str) -> &'static RuleInfo {
    RULES
        .iter()
        .find(|r| r.code == code)
        .unwrap_or_else(|| unreachable!("forum rule {code} is listed in RULES"))
}

fn citation(r: &RuleInfo, overlay: Option<&str>) -> Citation {
    let (instrument, pasal, tag) = match r.rule {
        "FR1" => (
            "Permenkominfo No. 4 Tahun 2024".to_owned(),
            Some("Pasal 23 ayat (3)".to_owned()),
            Confidence::R,
        ),
        "FR13" => (
            "Permenkominfo No. 4 Tahun 2024".to_owned(),
            Some("Pasal 23 ayat (3) huruf b".to_owned()),
            Confidence::R,
        ),
        _ => match overlay {
            Some(o) => (o.to_owned(), None, Confidence::L),
            None => (
                "Forum KIM practice (docs/domain.md, Forums)".to_owned(),
                Some(
                    "Pasal 24 ayat (6) huruf c Permenkominfo 4/2024 (forum as a joint activity)"
                        .to_owned(),
                ),
                Confidence::L,
            ),
        },
    };
    Citation {
        instrument,
        pasal,
        tag,
        note: Some(format!("{}, confidence {}", r.rule, r.confidence)),
    }
}

/// Settings of the forum checks. Nationally there is no term length (FR11) and no required confirmer (FR12), and a
/// missing officer is a warning (FR10); a local overlay \[L\] sets them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct ForumRules {
    /// The overlay's name, cited by the findings it changes; `None`: national defaults.
    pub overlay: Option<String>,
    /// Term length in years set by an overlay (3 or 5 are seen): open terms end after it; a term recorded with
    /// another length is a warning (FR11).
    pub term_years: Option<u32>,
    /// Officers every active forum's current term needs (FR10); default ketua, sekretaris, bendahara.
    pub required_officers: Vec<OfficerRole>,
    /// The severity of a missing officer: warning nationally, error where an overlay says so (FR10).
    pub officers_severity: Severity,
    /// The issuer role (as written on an instrument, compared without case) an overlay requires to confirm a
    /// dikukuhkan forum (FR12).
    pub confirmer: Option<String>,
    /// KIM statuses that count as active (FR1, FR13, metrics): registered and active by default, as in coverage.
    pub active: Vec<Status>,
}

impl Default for ForumRules {
    fn default() -> Self {
        Self {
            overlay: None,
            term_years: None,
            required_officers: vec![
                OfficerRole::Ketua,
                OfficerRole::Sekretaris,
                OfficerRole::Bendahara,
            ],
            officers_severity: Severity::Warning,
            confirmer: None,
            active: vec![Status::Registered, Status::Active],
        }
    }
}

impl ForumRules {
    /// The national defaults.
    #[must_use]
    pub fn national() -> Self {
        Self::default()
    }

    /// An overlay: its name, a term length (FR11), officers as errors or not (FR10), and a required confirmer
    /// (FR12).
    pub fn overlay(
        name: impl Into<String>,
        term_years: Option<u32>,
        officers_required: bool,
        confirmer: Option<String>,
    ) -> Self {
        Self {
            overlay: Some(name.into()),
            term_years,
            officers_severity: if officers_required {
                Severity::Error
            } else {
                Severity::Warning
            },
            confirmer,
            ..Self::default()
        }
    }
}

struct Out<'a> {
    rules: &'a ForumRules,
    findings: Vec<Finding>,
}

impl Out<'_> {
    fn push(
        &mut self,
        code: &str,
        path: impl AsRef<str>,
        id: impl AsRef<str>,
        en: impl AsRef<str>,
    ) {
        let r = info(code);
        let severity = if r.rule == "FR10" {
            self.rules.officers_severity
        } else {
            r.severity
        };
        let overlay = matches!(r.rule, "FR10" | "FR11" | "FR12")
            .then_some(self.rules.overlay.as_deref())
            .flatten();
        self.findings.push(Finding {
            code: r.code.to_owned(),
            severity,
            path: mask_text(path.as_ref()),
            profile: overlay.unwrap_or("forum").to_owned(),
            citation: citation(r, overlay),
            message_id: mask_text(id.as_ref()),
            message_en: mask_text(en.as_ref()),
        });
    }
}

fn fpath(f: &Forum, field: &str) -> String {
    format!("forums[{}].{field}", mask_value(&f.id))
}

/// Checks every forum on `as_of` against FR1–FR13 (see [`RULES`]), with the KIMs of `registry` and the code list
/// `reference`. Every finding is returned.
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use kim_core::forum::{ForumRegistry, ForumRules, check_forums};
/// use kim_core::{registry::Registry, wilayah::Reference};
/// let forums = ForumRegistry::from_json(include_str!("../../data/sample/forum_kukar.json"))?;
/// let kims = Registry::from_json(include_str!("../../data/sample/forum_kukar_kims.json"))?;
/// let report = check_forums(&forums, &kims, Reference::embedded(), &ForumRules::national(), "2025-06-30".parse().unwrap());
/// assert!(report.ok(), "{:#?}", report.findings);
/// // The JSON carries `schema_version` and `ok`; reading it back checks both.
/// let json = serde_json::to_string(&report).unwrap();
/// assert_eq!(serde_json::from_str::<kim_core::forum::ForumReport>(&json).unwrap(), report);
/// let forged = json.replace(r#""schema_version":1"#, r#""schema_version":99"#);
/// assert!(serde_json::from_str::<kim_core::forum::ForumReport>(&forged).is_err());
/// # }
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn check_forums(
    forums: &ForumRegistry,
    registry: &Registry,
    reference: &Reference,
    rules: &ForumRules,
    as_of: NaiveDate,
) -> ForumReport {
    let mut out = Out {
        rules,
        findings: Vec::new(),
    };
    for f in forums.forums() {
        region(f, reference, &mut out);
        members(f, forums, registry, as_of, &mut out);
        terms(f, rules, as_of, &mut out);
    }
    cycles(forums, &mut out);
    double_membership(forums, rules, as_of, &mut out);
    duplicates(forums, rules, as_of, &mut out);
    kims(forums, registry, rules, as_of, &mut out);
    let mut findings = out.findings;
    findings.sort_by(|a, b| (a.severity, &a.code, &a.path).cmp(&(b.severity, &b.code, &b.path)));
    ForumReport {
        as_of,
        overlay: rules.overlay.clone(),
        findings,
    }
}

/// FR2: the region fits the level and is in the code list.
fn region(f: &Forum, reference: &Reference, out: &mut Out<'_>) {
    let want = f.level.region_level();
    let got = f.region.map(crate::wilayah::Kode::level);
    let shown = f.region.map_or_else(|| "-".to_owned(), |r| r.to_string());
    if want != got {
        out.push(
            "FORUM-FR2-LEVEL",
            fpath(f, "region"),
            format!(
                "Forum {} tingkat {} berwilayah {shown}, padahal tingkat itu {}.",
                f.name,
                f.level.label_id(),
                want.map_or("tanpa kode wilayah".to_owned(), |l| format!(
                    "berkode {}",
                    pattern(l)
                ))
            ),
            format!(
                "Forum {} of level {} has region {shown}, but that level {}.",
                f.name,
                f.level.label_en(),
                want.map_or("has no region code".to_owned(), |l| format!(
                    "has a code {}",
                    pattern(l)
                ))
            ),
        );
    } else if let Some(r) = f.region
        && !reference.contains(r)
    {
        out.push(
            "FORUM-FR2-NOT-IN-LIST",
            fpath(f, "region"),
            format!(
                "Wilayah {r} forum {} tidak ada dalam daftar kode {}.",
                f.name,
                reference.version()
            ),
            format!(
                "Region {r} of forum {} is not in the code list {}.",
                f.name,
                reference.version()
            ),
        );
    }
}

fn pattern(l: Level) -> &'static str {
    match l {
        Level::Provinsi => "PP",
        Level::KabKota => "PP.KK",
        Level::Kecamatan => "PP.KK.CC",
        Level::Desa => "PP.KK.CC.XNNN",
    }
}

/// FR3, FR4, FR5: each membership that has begun by `as_of`.
fn members(
    f: &Forum,
    forums: &ForumRegistry,
    registry: &Registry,
    as_of: NaiveDate,
    out: &mut Out<'_>,
) {
    let inside = |code: crate::wilayah::Kode| f.region.is_none_or(|r| r.contains(code));
    for m in f.members.iter().filter(|m| m.from <= as_of) {
        let path = fpath(f, &format!("members[{}]", mask_value(m.member.id())));
        match &m.member {
            MemberRef::Kim(id) => match registry.get(id) {
                None => out.push(
                    "FORUM-FR3-UNKNOWN-KIM",
                    path,
                    format!("Anggota {id} forum {} bukan KIM dalam registri.", f.name),
                    format!("Member {id} of forum {} is no KIM of the registry.", f.name),
                ),
                Some(k) if !inside(k.seat) => out.push(
                    "FORUM-FR3-OUTSIDE",
                    path,
                    format!(
                        "KIM {id} berkedudukan di {}, di luar wilayah forum {} ({}).",
                        k.seat,
                        f.name,
                        show(f)
                    ),
                    format!(
                        "KIM {id} is seated at {}, outside the region of forum {} ({}).",
                        k.seat,
                        f.name,
                        show(f)
                    ),
                ),
                Some(_) => {}
            },
            MemberRef::Forum(id) => forum_member(f, id, forums, path, out),
        }
    }
}

fn show(f: &Forum) -> String {
    f.region
        .map_or_else(|| "nasional".to_owned(), |r| r.to_string())
}

fn forum_member(f: &Forum, id: &str, forums: &ForumRegistry, path: String, out: &mut Out<'_>) {
    if id == f.id {
        out.push(
            "FORUM-FR4-SELF",
            path,
            format!("Forum {} tercatat sebagai anggota dirinya sendiri.", f.name),
            format!("Forum {} is recorded as a member of itself.", f.name),
        );
        return;
    }
    let Some(c) = forums.get(id) else {
        out.push(
            "FORUM-FR4-UNKNOWN-FORUM",
            path,
            format!("Anggota {id} forum {} bukan forum yang tercatat.", f.name),
            format!("Member {id} of forum {} is no recorded forum.", f.name),
        );
        return;
    };
    let skip = c.level == ForumLevel::Kecamatan && f.level == ForumLevel::Provinsi;
    if skip {
        out.push(
            "FORUM-FR5-SKIP-LEVEL",
            path.clone(),
            format!(
                "Forum kecamatan {} menjadi anggota langsung forum provinsi {}, melompati tingkat kabupaten/kota.",
                c.name, f.name
            ),
            format!(
                "Kecamatan forum {} is a direct member of provincial forum {}, skipping the regency/city level.",
                c.name, f.name
            ),
        );
    } else if f.level.lower() != Some(c.level) {
        out.push(
            "FORUM-FR4-LEVEL",
            path.clone(),
            format!(
                "Forum {} (tingkat {}) menjadi anggota forum {} (tingkat {}); anggota forum harus tepat satu \
                 tingkat di bawahnya.",
                c.name,
                c.level.label_id(),
                f.name,
                f.level.label_id()
            ),
            format!(
                "Forum {} (level {}) is a member of forum {} (level {}); a member forum must be exactly one level \
                 lower.",
                c.name,
                c.level.label_en(),
                f.name,
                f.level.label_en()
            ),
        );
    }
    let outside = match (f.region, c.region) {
        (None, _) => false,
        (Some(p), Some(r)) => !p.contains(r) || p == r,
        (Some(_), None) => true,
    };
    if outside {
        out.push(
            "FORUM-FR4-OUTSIDE",
            path,
            format!(
                "Wilayah forum anggota {} ({}) tidak berada di dalam wilayah forum {} ({}).",
                c.name,
                show(c),
                f.name,
                show(f)
            ),
            format!(
                "The region of member forum {} ({}) is not inside the region of forum {} ({}).",
                c.name,
                show(c),
                f.name,
                show(f)
            ),
        );
    }
}

/// FR4: no forum reaches itself through forum memberships (self-membership is reported on its own).
fn cycles(forums: &ForumRegistry, out: &mut Out<'_>) {
    let edges: HashMap<&str, Vec<&str>> = forums
        .forums()
        .iter()
        .map(|f| {
            let to = f
                .members
                .iter()
                .filter_map(|m| m.member.forum())
                .filter(|c| *c != f.id)
                .collect();
            (f.id.as_str(), to)
        })
        .collect();
    // One finding per cycle: a forum on a cycle already reported (each reaches the other) is skipped.
    let mut reported: Vec<(&str, HashSet<&str>)> = Vec::new();
    for f in forums.forums() {
        let mut stack: Vec<&str> = edges.get(f.id.as_str()).cloned().unwrap_or_default();
        let mut seen: HashSet<&str> = HashSet::new();
        while let Some(n) = stack.pop() {
            if n == f.id {
                let known = reported
                    .iter()
                    .any(|(r, rseen)| seen.contains(r) && rseen.contains(f.id.as_str()));
                if known {
                    break;
                }
                seen.insert(n);
                reported.push((f.id.as_str(), seen.clone()));
                out.push(
                    "FORUM-FR4-CYCLE",
                    fpath(f, "members"),
                    format!("Keanggotaan forum {} membentuk lingkaran: forum ini menjadi anggota dari anggotanya sendiri.", f.name),
                    format!("The memberships of forum {} form a cycle: the forum is a member of its own member.", f.name),
                );
                break;
            }
            if seen.insert(n) {
                stack.extend(edges.get(n).into_iter().flatten().copied());
            }
        }
    }
}

/// FR8 and FR11 on every term; FR9, FR10 and FR12 on `as_of`.
#[allow(clippy::too_many_lines)] // one section per rule, in rule order
fn terms(f: &Forum, rules: &ForumRules, as_of: NaiveDate, out: &mut Out<'_>) {
    for (i, t) in f.terms.iter().enumerate() {
        if let (Some(end), Some(y)) = (t.end, t.years)
            && super::Term::derived_end(t.start, y) != Some(end)
        {
            let want = super::Term::derived_end(t.start, y)
                .map_or_else(|| "?".to_owned(), |d| d.to_string());
            out.push(
                "FORUM-FR8-TERM-END",
                fpath(f, &format!("terms[{i}].end")),
                format!(
                    "Masa bakti {y} tahun sejak {} berakhir {want}, bukan {end} seperti tercatat.",
                    t.start
                ),
                format!(
                    "A term of {y} years from {} ends on {want}, not on {end} as recorded.",
                    t.start
                ),
            );
        }
        if let (Some(want), Some(y)) = (rules.term_years, t.years)
            && want != y
        {
            out.push(
                "FORUM-FR11-TERM-LENGTH",
                fpath(f, &format!("terms[{i}].years")),
                format!("Masa bakti tercatat {y} tahun; ketentuan daerah menetapkan {want} tahun."),
                format!("The term is recorded as {y} years; the local rule sets {want} years."),
            );
        }
    }
    let state = f.state_with(as_of, rules.term_years);
    if state == ForumState::TermExpired {
        let last = f
            .terms
            .iter()
            .filter_map(|t| t.last_day(rules.term_years))
            .max()
            .map_or_else(|| "?".to_owned(), |d| d.to_string());
        out.push(
            "FORUM-FR9-TERM-EXPIRED",
            fpath(f, "terms"),
            format!(
                "Masa bakti forum {} berakhir {last}; forum tidak aktif sampai masa bakti baru dicatat (bukan \
                 dibubarkan).",
                f.name
            ),
            format!(
                "The term of forum {} ended on {last}; the forum is not active until a new term is recorded (it is \
                 not dissolved).",
                f.name
            ),
        );
    }
    if state != ForumState::Active {
        return;
    }
    if let Some((i, t)) = f
        .terms
        .iter()
        .enumerate()
        .rev()
        .find(|(_, t)| t.contains(as_of, rules.term_years))
    {
        let missing: Vec<OfficerRole> = rules
            .required_officers
            .iter()
            .copied()
            .filter(|r| !t.officers.iter().any(|o| o.role == *r))
            .collect();
        if !missing.is_empty() {
            let list = |label: fn(OfficerRole) -> &'static str| {
                missing
                    .iter()
                    .map(|r| label(*r))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            out.push(
                "FORUM-FR10-OFFICERS",
                fpath(f, &format!("terms[{i}].officers")),
                format!(
                    "Pengurus forum {} belum lengkap: tidak ada {}.",
                    f.name,
                    list(OfficerRole::label_id)
                ),
                format!(
                    "The board of forum {} is incomplete: no {}.",
                    f.name,
                    list(OfficerRole::label_en)
                ),
            );
        }
    }
    if let Some(c) = &rules.confirmer {
        let confirmed = f.instruments.iter().any(|i| {
            matches!(i.kind, InstrumentKind::Sk | InstrumentKind::Pengukuhan)
                && i.date <= as_of
                && i.issuer_role.trim().eq_ignore_ascii_case(c.trim())
        });
        if !confirmed {
            out.push(
                "FORUM-FR12-CONFIRMER",
                fpath(f, "instruments"),
                format!(
                    "Forum {} tidak memiliki SK atau pengukuhan oleh {c} seperti disyaratkan ketentuan daerah.",
                    f.name
                ),
                format!(
                    "Forum {} has no SK or pengukuhan by {c}, which the local rule requires.",
                    f.name
                ),
            );
        }
    }
}

/// FR6: at most one active membership per member per forum level on `as_of`.
fn double_membership(
    forums: &ForumRegistry,
    rules: &ForumRules,
    as_of: NaiveDate,
    out: &mut Out<'_>,
) {
    let mut by: HashMap<(&MemberRef, ForumLevel), Vec<&Forum>> = HashMap::new();
    for f in forums.forums() {
        if f.state_with(as_of, rules.term_years) != ForumState::Active {
            continue;
        }
        for m in f.members.iter().filter(|m| m.is_active_on(as_of)) {
            by.entry((&m.member, f.level)).or_default().push(f);
        }
    }
    let mut hits: Vec<_> = by.into_iter().filter(|(_, v)| v.len() > 1).collect();
    hits.sort_by(|a, b| a.0.0.id().cmp(b.0.0.id()).then(a.0.1.cmp(&b.0.1)));
    for ((m, level), fs) in hits {
        let names = fs
            .iter()
            .map(|f| f.name.as_str())
            .collect::<Vec<_>>()
            .join(", ");
        let (path, kind_id, kind_en) = match m {
            MemberRef::Kim(k) => (format!("kims[{}].forums", mask_value(k)), "KIM", "KIM"),
            MemberRef::Forum(x) => (
                format!("forums[{}].parents", mask_value(x)),
                "forum",
                "forum",
            ),
        };
        out.push(
            "FORUM-FR6-DOUBLE",
            path,
            format!(
                "{kind_id} {} aktif di {} forum tingkat {} sekaligus pada {as_of}: {names}.",
                m.id(),
                fs.len(),
                level.label_id()
            ),
            format!(
                "{kind_en} {} is in {} active {} forums at once on {as_of}: {names}.",
                m.id(),
                fs.len(),
                level.label_en()
            ),
        );
    }
}

/// FR7: a second active forum for the same level and region.
fn duplicates(forums: &ForumRegistry, rules: &ForumRules, as_of: NaiveDate, out: &mut Out<'_>) {
    let mut by: HashMap<(ForumLevel, Option<crate::wilayah::Kode>), Vec<&Forum>> = HashMap::new();
    for f in forums.forums() {
        if f.state_with(as_of, rules.term_years) == ForumState::Active {
            by.entry((f.level, f.region)).or_default().push(f);
        }
    }
    for fs in by.values().filter(|v| v.len() > 1) {
        for f in &fs[1..] {
            out.push(
                "FORUM-FR7-DUPLICATE",
                fpath(f, "region"),
                format!(
                    "Forum {} adalah forum aktif kedua tingkat {} untuk wilayah {} (yang pertama: {}).",
                    f.name,
                    f.level.label_id(),
                    show(f),
                    fs[0].name
                ),
                format!(
                    "Forum {} is a second active {} forum for region {} (the first: {}).",
                    f.name,
                    f.level.label_en(),
                    show(f),
                    fs[0].name
                ),
            );
        }
    }
}

/// FR1 (information: an active KIM with no forum) and FR13 (a KIM seated at a kecamatan).
fn kims(
    forums: &ForumRegistry,
    registry: &Registry,
    rules: &ForumRules,
    as_of: NaiveDate,
    out: &mut Out<'_>,
) {
    for k in registry.kims() {
        let active = k
            .status_on(as_of)
            .is_some_and(|s| rules.active.contains(&s));
        if k.seat.level() == Level::Kecamatan && k.status_on(as_of) != Some(Status::Dissolved) {
            out.push(
                "FORUM-FR13-CANDIDATE",
                format!("kims[{}].seat", mask_value(&k.id)),
                format!(
                    "{} berkedudukan di kecamatan {}: \"KIM kecamatan\" adalah calon forum KIM kecamatan, bukan \
                     KIM (KIM berkedudukan di desa/kelurahan).",
                    k.name, k.seat
                ),
                format!(
                    "{} is seated at kecamatan {}: a \"KIM kecamatan\" is a candidate kecamatan forum, not a KIM (a \
                     KIM is seated in a desa or kelurahan).",
                    k.name, k.seat
                ),
            );
        }
        if active && forums.memberships_of(&k.id, as_of).is_empty() {
            out.push(
                "FORUM-FR1-NO-FORUM",
                format!("kims[{}].forums", mask_value(&k.id)),
                format!(
                    "KIM {} tidak menjadi anggota forum aktif pada {as_of}; ini tidak memengaruhi keabsahan KIM.",
                    k.id
                ),
                format!(
                    "KIM {} is in no active forum on {as_of}; this does not affect the KIM's validity.",
                    k.id
                ),
            );
        }
    }
}
