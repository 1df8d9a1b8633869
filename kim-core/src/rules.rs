//! Versioned, cited rule profiles and validation (DOMAIN.md §1, §3).
//!
//! A [`Profile`] is data: a JSON file with an id, a title, the instrument, a validity window and its [`Rule`]s. Each
//! rule has a stable code (e.g. `KIM-F2-LEVEL`), a [`Severity`], a [`Citation`] (instrument, pasal, confidence tag
//! from DOMAIN.md) and messages in Indonesian and English. The shipped profiles live in `kim-core/profiles/`:
//!
//! | id | kind | in force | basis |
//! | --- | --- | --- | --- |
//! | `permenkominfo-8-2010` | national | 2010-06-01 – 2024-09-03 | Permenkominfo 08/2010 and its 2008 guide \[R2/L\] |
//! | `permenkominfo-4-2024` | national | from 2024-09-04 | Permenkominfo 4/2024 Pasal 23(3) F1–F4 \[R\] |
//! | `overlay-6402-kutai-kartanegara` | overlay | 2022 | no PNS or state apparatus \[L\] |
//! | `overlay-6403-berau` | overlay | 2025 | no ASN, PPPK or private employees \[L\] |
//! | `overlay-3578-surabaya` | overlay | — | ≥ 10 members, officers ≥ 18 with clean record, AD/ART, 3–4 year term \[L\] |
//! | `overlay-3601-pandeglang` | overlay | 2025 | ≥ 10 members \[L\] |
//! | `overlay-7271-palu` | overlay | 2023 | officers plus three bidang, members resident in the seat village \[L\] |
//! | `overlay-6106-kapuas-hulu` | overlay | — | 3 to 8 members \[L\] |
//!
//! [`ProfileSet::in_force`] picks the national profile valid on a date; overlays are named explicitly
//! ([`ProfileSet::select`]) or picked by seat ([`ProfileSet::applicable`]). [`validate`] returns a [`Report`] with
//! every finding; [`validate_registry`] also checks the rules that span KIMs.
//!
//! Message templates may use `{placeholders}`: `count`, `min`, `max`, `member`, `role`, `roles`, `occupation`,
//! `seat`, `kab_kota`, `value`, `years`, `age`, `date`, `issuer`.

use std::collections::HashMap;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::registry::{IssuerRole, Kim, Member, Occupation, Registry, Role, Status};
use crate::wilayah::{Kode, Level, Reference};

/// The JSON schema version of profile files and of [`Report`].
pub const SCHEMA_VERSION: u64 = 1;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The KIM fails a condition.
    Error,
    /// Something to look at; the KIM does not fail.
    Warning,
    /// For information.
    Info,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Error => "error",
            Self::Warning => "warning",
            Self::Info => "info",
        })
    }
}

/// The confidence tag of a source, from DOMAIN.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Confidence {
    /// Primary regulation text, quoted.
    R,
    /// Regulation text known only through secondary quotation.
    R2,
    /// A local rule or local practice.
    L,
    /// Figures from official statements in the news.
    N,
    /// Our own inference; configurable.
    I,
}

/// Where a rule comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Citation {
    /// The instrument, e.g. `Permenkominfo No. 4 Tahun 2024`.
    pub instrument: String,
    /// The article, e.g. `Pasal 23 ayat (3) huruf b`.
    #[serde(default)]
    pub pasal: Option<String>,
    /// Confidence tag.
    pub tag: Confidence,
    /// A short note on the source or its caveat.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A message in Indonesian and English (templates with `{placeholders}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Message {
    /// Bahasa Indonesia.
    pub id: String,
    /// English.
    pub en: String,
}

/// What a rule checks. Parameters make the same check serve several profiles.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Check {
    /// F1: formation evidence (e.g. berita acara musyawarah) is recorded.
    FormationEvidence,
    /// F2: the seat is a village-level code.
    SeatIsVillage,
    /// F2: the seat exists in the reference code list.
    SeatInReference,
    /// F3: an SK exists.
    SkPresent,
    /// F3: the SK issuer is one of `allowed`.
    SkIssuer {
        /// Allowed issuers.
        allowed: Vec<IssuerRole>,
    },
    /// SK number is not empty and printable.
    SkNumber,
    /// F3: the SK is dated on or before the validation date and before any later status than `draft`.
    SkDate,
    /// F4: a registration with the Dinas exists.
    Registered,
    /// F4: the registering kab/kota contains the seat (first 5 characters of the seat code) \[I\].
    RegistrationKabKota,
    /// F4: the registration is dated on or after the SK and on or before the validation date.
    RegistrationDate,
    /// Members serving on the validation date are within `[min, max]`.
    MemberCount {
        /// Minimum, inclusive.
        #[serde(default)]
        min: Option<u32>,
        /// Maximum, inclusive.
        #[serde(default)]
        max: Option<u32>,
    },
    /// Each role is held by at least one serving member.
    RequiredRoles {
        /// The roles.
        roles: Vec<Role>,
    },
    /// No serving member has one of these occupations.
    ExcludedOccupations {
        /// The barred occupations.
        occupations: Vec<Occupation>,
    },
    /// Officers (ketua, wakil ketua, sekretaris, bendahara) are at least `years` old on the validation date.
    OfficerMinAge {
        /// Minimum age.
        years: u32,
    },
    /// Officers have a recorded clean legal record.
    OfficerCleanRecord,
    /// The KIM has adopted statutes (AD/ART).
    Statutes,
    /// The officers' term (term_start to term_end) lasts between `min` and `max` years.
    OfficerTermYears {
        /// Minimum years.
        min: u32,
        /// Maximum years.
        max: u32,
    },
    /// Serving members reside within the seat's unit at `level` (`desa`: the seat village itself).
    MembersResideIn {
        /// The level of the area.
        level: Level,
    },
    /// Members come from more than one group: flags a membership that is all one sex.
    MemberDiversity,
    /// A member's NIK agrees with their recorded sex and birth date.
    NikConsistent,
    /// A member's NIK region (`PPKKCC`) is in the reference; historic codes are allowed, hence a warning.
    NikRegionKnown,
    /// Registry-wide: at most `max` live KIMs per village.
    MaxKimsPerVillage {
        /// The maximum.
        max: u32,
    },
}

/// One rule of a profile.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rule {
    /// Stable code, e.g. `KIM-F2-LEVEL`.
    pub code: String,
    /// Severity of its findings.
    pub severity: Severity,
    /// What it checks, with its parameters: `{"kind": "member_count", "min": 3, "max": 30}`.
    pub check: Check,
    /// Where it comes from.
    pub citation: Citation,
    /// The finding's message.
    pub message: Message,
}

/// National profile or local overlay.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProfileKind {
    /// A national profile; exactly one is in force on any date from 2010-06-01.
    National,
    /// A local overlay, layered on a national profile.
    Overlay,
}

/// A versioned, cited set of rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Must be [`SCHEMA_VERSION`].
    pub schema_version: u64,
    /// Stable id, e.g. `permenkominfo-4-2024`.
    pub id: String,
    /// Version of this profile's content, bumped when its rules change.
    pub version: String,
    /// Title.
    pub title: String,
    /// The instrument.
    pub instrument: String,
    /// National or overlay.
    pub kind: ProfileKind,
    /// For overlays: the region whose KIMs it governs.
    #[serde(default)]
    pub region: Option<Kode>,
    /// First day in force.
    #[serde(default)]
    pub valid_from: Option<NaiveDate>,
    /// Last day in force, inclusive.
    #[serde(default)]
    pub valid_until: Option<NaiveDate>,
    /// The name of a KIM under this profile (*Kelompok* or *Komunitas Informasi Masyarakat*).
    #[serde(default)]
    pub kim_name: Option<String>,
    /// Notes and caveats.
    #[serde(default)]
    pub notes: Option<String>,
    /// The rules.
    pub rules: Vec<Rule>,
}

impl Profile {
    /// Parses one profile file and checks it (schema version, unique rule codes, overlays have a region).
    pub fn from_json(json: &str) -> Result<Self> {
        let p: Profile = serde_json::from_str(json).map_err(|e| Error::from_json(&e))?;
        p.check()?;
        Ok(p)
    }

    fn check(&self) -> Result<()> {
        let err = |message: String| Error::Profile {
            id: self.id.clone(),
            message,
        };
        if self.schema_version != SCHEMA_VERSION {
            return Err(Error::SchemaVersion {
                found: self.schema_version,
                supported: SCHEMA_VERSION,
            });
        }
        if self.id.trim().is_empty() {
            return Err(err("id is empty".into()));
        }
        if self.kind == ProfileKind::Overlay && self.region.is_none() {
            return Err(err("an overlay needs a region".into()));
        }
        if let (Some(a), Some(b)) = (self.valid_from, self.valid_until)
            && b < a
        {
            return Err(err(format!("valid_until {b} is before valid_from {a}")));
        }
        let mut seen = std::collections::HashSet::new();
        for r in &self.rules {
            if !seen.insert(r.code.as_str()) {
                return Err(err(format!("rule code {} is used twice", r.code)));
            }
            if let Check::MemberCount {
                min: Some(a),
                max: Some(b),
            } = r.check
                && b < a
            {
                return Err(err(format!("rule {}: max {b} < min {a}", r.code)));
            }
        }
        Ok(())
    }

    /// True if the profile is in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| f <= date) && self.valid_until.is_none_or(|u| date <= u)
    }
}

const BUILTIN: &[&str] = &[
    include_str!("../profiles/permenkominfo-8-2010.json"),
    include_str!("../profiles/permenkominfo-4-2024.json"),
    include_str!("../profiles/overlay-6402-kutai-kartanegara.json"),
    include_str!("../profiles/overlay-6403-berau.json"),
    include_str!("../profiles/overlay-3578-surabaya.json"),
    include_str!("../profiles/overlay-3601-pandeglang.json"),
    include_str!("../profiles/overlay-7271-palu.json"),
    include_str!("../profiles/overlay-6106-kapuas-hulu.json"),
];

/// A set of profiles with unique ids: the built-in ones plus any the user loads.
///
/// ```
/// use kim_core::rules::ProfileSet;
/// use chrono::NaiveDate;
/// let set = ProfileSet::builtin();
/// let on = |s: &str| set.in_force(s.parse::<NaiveDate>().unwrap()).unwrap()[0].id.clone();
/// assert_eq!(on("2019-05-01"), "permenkominfo-8-2010");
/// assert_eq!(on("2024-09-03"), "permenkominfo-8-2010");
/// assert_eq!(on("2024-09-04"), "permenkominfo-4-2024");
/// assert!(set.in_force("2009-12-31".parse().unwrap()).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileSet {
    profiles: Vec<Profile>,
}

impl ProfileSet {
    /// The shipped profiles.
    ///
    /// # Panics
    ///
    /// Never in practice: the shipped files are parsed and checked by the unit tests.
    pub fn builtin() -> Self {
        let profiles = BUILTIN
            .iter()
            .map(|j| Profile::from_json(j).expect("built-in profiles are valid"))
            .collect();
        Self { profiles }
    }

    /// An empty set.
    pub fn empty() -> Self {
        Self {
            profiles: Vec::new(),
        }
    }

    /// Adds a profile; its id must be new.
    pub fn add(&mut self, profile: Profile) -> Result<()> {
        profile.check()?;
        if self.get(&profile.id).is_some() {
            return Err(Error::Profile {
                id: profile.id,
                message: "a profile with this id already exists".into(),
            });
        }
        self.profiles.push(profile);
        Ok(())
    }

    /// Parses and adds a user's profile or overlay file.
    pub fn load_json(&mut self, json: &str) -> Result<&Profile> {
        let p = Profile::from_json(json)?;
        self.add(p)?;
        Ok(self.profiles.last().unwrap_or_else(|| unreachable!()))
    }

    /// All profiles.
    pub fn profiles(&self) -> &[Profile] {
        &self.profiles
    }

    /// The profile with this id.
    pub fn get(&self, id: &str) -> Option<&Profile> {
        self.profiles.iter().find(|p| p.id == id)
    }

    /// The national profile in force on `date`, as a one-element selection.
    pub fn in_force(&self, date: NaiveDate) -> Result<Vec<&Profile>> {
        self.profiles
            .iter()
            .filter(|p| p.kind == ProfileKind::National && p.in_force_on(date))
            .max_by_key(|p| p.valid_from)
            .map(|p| vec![p])
            .ok_or(Error::NoProfileInForce { date })
    }

    /// The named profiles; if none of them is national, the national profile in force on `date` comes first.
    pub fn select(&self, ids: &[&str], date: NaiveDate) -> Result<Vec<&Profile>> {
        let mut out = Vec::with_capacity(ids.len() + 1);
        for id in ids {
            out.push(self.get(id).ok_or_else(|| Error::UnknownProfile {
                id: (*id).to_owned(),
            })?);
        }
        if !out.iter().any(|p| p.kind == ProfileKind::National) {
            out.insert(0, self.in_force(date)?[0]);
        }
        Ok(out)
    }

    /// The profiles for a KIM seated in `seat`: with `ids`, those profiles ([`ProfileSet::select`]); without, the
    /// national profile in force plus the overlays for the seat ([`ProfileSet::applicable`]).
    pub fn for_seat(
        &self,
        ids: Option<&[&str]>,
        seat: Kode,
        date: NaiveDate,
    ) -> Result<Vec<&Profile>> {
        match ids {
            Some(ids) => self.select(ids, date),
            None => self.applicable(seat, date),
        }
    }

    /// The national profile in force plus every overlay in force whose region contains `seat`.
    pub fn applicable(&self, seat: Kode, date: NaiveDate) -> Result<Vec<&Profile>> {
        let mut out = self.in_force(date)?;
        out.extend(self.profiles.iter().filter(|p| {
            p.kind == ProfileKind::Overlay
                && p.in_force_on(date)
                && p.region.is_some_and(|r| r.contains(seat))
        }));
        Ok(out)
    }
}

/// One finding of a validation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// Stable rule code.
    pub code: String,
    /// Severity.
    pub severity: Severity,
    /// Field path, e.g. `seat`, `sk.issuer`, `members[m3].occupation`.
    pub path: String,
    /// The profile that raised it.
    pub profile: String,
    /// Legal basis.
    pub citation: Citation,
    /// Message in Bahasa Indonesia.
    pub message_id: String,
    /// Message in English.
    pub message_en: String,
}

/// The result of validating one KIM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    /// Report schema version ([`SCHEMA_VERSION`]).
    pub schema_version: u64,
    /// The KIM id.
    pub kim_id: String,
    /// The validation date.
    pub as_of: NaiveDate,
    /// Ids of the profiles applied, in order.
    pub profiles: Vec<String>,
    /// True if no finding is an error.
    pub ok: bool,
    /// Every finding, sorted by severity, code and path.
    pub findings: Vec<Finding>,
}

impl Report {
    /// Findings of severity error.
    pub fn errors(&self) -> impl Iterator<Item = &Finding> + '_ {
        self.findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
    }

    /// True if some finding has this code.
    pub fn has(&self, code: &str) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }
}

type Params = Vec<(&'static str, String)>;

fn render(template: &str, params: &Params) -> String {
    let mut out = template.to_owned();
    for (k, v) in params {
        let key = format!("{{{k}}}");
        if out.contains(&key) {
            out = out.replace(&key, v);
        }
    }
    out
}

struct Ctx<'a> {
    kim: &'a Kim,
    reference: &'a Reference,
    as_of: NaiveDate,
    members: Vec<&'a Member>,
}

fn member_path(m: &Member, field: &str) -> String {
    format!("members[{}].{field}", m.id)
}

/// Runs one check; each hit is (path, params).
// One arm per check kind: splitting it would scatter the rule semantics.
#[allow(clippy::too_many_lines)]
fn run_check(check: &Check, c: &Ctx<'_>, out: &mut Vec<(String, Params)>) {
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
                out.push(("sk.issuer".into(), vec![("issuer", sk.issuer.to_string())]));
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
            let missing: Vec<&str> = roles
                .iter()
                .filter(|r| !c.members.iter().any(|m| m.role == **r))
                .map(|r| r.as_str())
                .collect();
            if !missing.is_empty() {
                out.push(("members".into(), vec![("roles", missing.join(", "))]));
            }
        }
        Check::ExcludedOccupations { occupations } => {
            for m in &c.members {
                if occupations.contains(&m.occupation) {
                    out.push((
                        member_path(m, "occupation"),
                        vec![
                            ("member", m.name.clone()),
                            ("occupation", m.occupation.to_string()),
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
                            ("role", m.role.to_string()),
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
                let v = m
                    .clean_record
                    .map_or("unknown", |b| if b { "true" } else { "false" });
                out.push((
                    member_path(m, "clean_record"),
                    vec![
                        ("member", m.name.clone()),
                        ("role", m.role.to_string()),
                        ("value", v.to_owned()),
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

fn finding(rule: &Rule, profile: &Profile, path: String, params: &Params) -> Finding {
    Finding {
        code: rule.code.clone(),
        severity: rule.severity,
        path,
        profile: profile.id.clone(),
        citation: rule.citation.clone(),
        message_id: render(&rule.message.id, params),
        message_en: render(&rule.message.en, params),
    }
}

/// The code of the info finding for an overlay that was asked for but does not govern this KIM (seat outside its
/// region, or date outside its window).
pub const OVERLAY_NOT_APPLIED: &str = "KIM-OVERLAY-NOT-APPLIED";

/// The code of the info finding for a KIM validated on a date before its first recorded status: it did not exist
/// in the registry yet, so no rule is checked.
pub const NOT_YET_RECORDED: &str = "KIM-NOT-YET-RECORDED";

fn not_yet_recorded(kim: &Kim, first: NaiveDate, as_of: NaiveDate) -> Finding {
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

fn overlay_scope(profile: &Profile, kim: &Kim, as_of: NaiveDate) -> Option<Finding> {
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

/// Validates one KIM on `as_of` under `profiles` (national first, then overlays).
///
/// Members are those serving on `as_of`. Every finding is returned; validation never stops at the first. A KIM that
/// passes has no error findings (`report.ok`). `Err` only for an unusable call: no profiles, or no national one.
///
/// ```
/// use kim_core::{registry::Kim, rules::{ProfileSet, validate}, wilayah::{Kode, Reference}};
/// let date = "2025-01-01".parse().unwrap();
/// let set = ProfileSet::builtin();
/// let kim = Kim::new("K1", "KIM Baru", Kode::parse("64.02.01")?); // a kecamatan, not a village
/// let report = validate(&kim, &set.in_force(date)?, Reference::embedded(), date)?;
/// assert!(!report.ok);
/// assert!(report.has("KIM-F2-LEVEL") && report.has("KIM-F3-MISSING") && report.has("KIM-F4-MISSING"));
/// let f = report.findings.iter().find(|f| f.code == "KIM-F2-LEVEL").unwrap();
/// assert_eq!(f.citation.pasal.as_deref(), Some("Pasal 23 ayat (3) huruf b"));
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn validate(
    kim: &Kim,
    profiles: &[&Profile],
    reference: &Reference,
    as_of: NaiveDate,
) -> Result<Report> {
    if !profiles.iter().any(|p| p.kind == ProfileKind::National) {
        return Err(Error::InvalidArgument {
            name: "profiles",
            message: "include one national profile".into(),
        });
    }
    if let Some(first) = kim.history.first()
        && first.date > as_of
    {
        return Ok(finish(
            kim,
            profiles,
            as_of,
            vec![not_yet_recorded(kim, first.date, as_of)],
        ));
    }
    let ctx = Ctx {
        kim,
        reference,
        as_of,
        members: kim.members_on(as_of).collect(),
    };
    let mut findings = Vec::new();
    let mut hits = Vec::new();
    for p in profiles {
        if p.kind == ProfileKind::Overlay
            && let Some(f) = overlay_scope(p, kim, as_of)
        {
            findings.push(f);
            continue;
        }
        for rule in &p.rules {
            hits.clear();
            run_check(&rule.check, &ctx, &mut hits);
            findings.extend(
                hits.drain(..)
                    .map(|(path, params)| finding(rule, p, path, &params)),
            );
        }
    }
    Ok(finish(kim, profiles, as_of, findings))
}

fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        (a.severity, &a.code, &a.path, &a.profile).cmp(&(b.severity, &b.code, &b.path, &b.profile))
    });
}

fn finish(
    kim: &Kim,
    profiles: &[&Profile],
    as_of: NaiveDate,
    mut findings: Vec<Finding>,
) -> Report {
    sort_findings(&mut findings);
    Report {
        schema_version: SCHEMA_VERSION,
        kim_id: kim.id.clone(),
        as_of,
        profiles: profiles.iter().map(|p| p.id.clone()).collect(),
        ok: !findings.iter().any(|f| f.severity == Severity::Error),
        findings,
    }
}

/// Validates every KIM of a registry under `profiles`, plus the registry-wide rules (e.g.
/// [`Check::MaxKimsPerVillage`]), which count the KIMs not dissolved on `as_of` (a KIM with no history counts).
/// Reports come in registry order.
pub fn validate_registry(
    registry: &Registry,
    profiles: &[&Profile],
    reference: &Reference,
    as_of: NaiveDate,
) -> Result<Vec<Report>> {
    registry_reports(registry, reference, as_of, |_| Ok(profiles.to_vec()))
}

/// Validates every KIM of a registry under [`ProfileSet::for_seat`]: the named profiles, or by default the national
/// profile in force plus the overlays of each KIM's own seat. Registry-wide rules apply as in [`validate_registry`],
/// each to the KIMs whose profiles include it.
///
/// ```
/// use kim_core::{registry::Registry, rules::{ProfileSet, validate_registry_by_seat}, wilayah::Reference};
/// let registry = Registry::from_json(include_str!("../../examples/data/kim_sample.json"))?;
/// let reports = validate_registry_by_seat(&registry, &ProfileSet::builtin(), None, Reference::embedded(), "2025-06-30".parse().unwrap())?;
/// assert_eq!(reports[0].profiles, ["permenkominfo-4-2024", "overlay-6402-kutai-kartanegara"]);
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn validate_registry_by_seat(
    registry: &Registry,
    set: &ProfileSet,
    ids: Option<&[&str]>,
    reference: &Reference,
    as_of: NaiveDate,
) -> Result<Vec<Report>> {
    registry_reports(registry, reference, as_of, |k| {
        set.for_seat(ids, k.seat, as_of)
    })
}

/// The one implementation behind both registry validations: each KIM under its own profiles, then the registry-wide
/// rules of every profile selected for some KIM.
fn registry_reports<'a>(
    registry: &Registry,
    reference: &Reference,
    as_of: NaiveDate,
    profiles_for: impl Fn(&Kim) -> Result<Vec<&'a Profile>>,
) -> Result<Vec<Report>> {
    let mut selected = Vec::with_capacity(registry.len());
    let mut reports = Vec::with_capacity(registry.len());
    for k in registry.kims() {
        let ps = profiles_for(k)?;
        reports.push(validate(k, &ps, reference, as_of)?);
        selected.push(ps);
    }
    let mut union: Vec<&Profile> = Vec::new();
    for p in selected.iter().flatten() {
        if !union.iter().any(|u| u.id == p.id) {
            union.push(p);
        }
    }
    let live = |k: &Kim| {
        k.history.is_empty() || k.status_on(as_of).is_some_and(|s| s != Status::Dissolved)
    };
    let mut added = false;
    for p in union {
        for rule in &p.rules {
            let Check::MaxKimsPerVillage { max } = rule.check else {
                continue;
            };
            let mut per_village: HashMap<Kode, Vec<usize>> = HashMap::new();
            for (i, k) in registry.kims().iter().enumerate() {
                let chosen = selected[i].iter().any(|q| q.id == p.id);
                let governed =
                    chosen && p.region.is_none_or(|r| r.contains(k.seat)) && p.in_force_on(as_of);
                if governed && live(k) {
                    per_village.entry(k.seat).or_default().push(i);
                }
            }
            for (seat, idx) in per_village {
                if idx.len() as u64 > u64::from(max) {
                    let ids: Vec<&str> = idx
                        .iter()
                        .map(|&i| registry.kims()[i].id.as_str())
                        .collect();
                    let params = vec![
                        ("count", idx.len().to_string()),
                        ("max", max.to_string()),
                        ("seat", seat.to_string()),
                        ("value", ids.join(", ")),
                    ];
                    for &i in &idx {
                        reports[i]
                            .findings
                            .push(finding(rule, p, "seat".into(), &params));
                        added = true;
                    }
                }
            }
        }
    }
    if added {
        for r in &mut reports {
            sort_findings(&mut r.findings);
            r.ok = !r.findings.iter().any(|f| f.severity == Severity::Error);
        }
    }
    Ok(reports)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profiles_load_and_cover_the_table() {
        let set = ProfileSet::builtin();
        assert_eq!(set.profiles().len(), 8);
        for p in set.profiles() {
            assert!(!p.rules.is_empty(), "{}", p.id);
            for r in &p.rules {
                assert!(
                    !r.message.id.is_empty() && !r.message.en.is_empty(),
                    "{}",
                    r.code
                );
                assert!(r.code.starts_with("KIM-"), "{}", r.code);
                if p.kind == ProfileKind::Overlay {
                    assert_eq!(
                        r.citation.tag,
                        Confidence::L,
                        "{}: overlays are local rules [L]",
                        r.code
                    );
                }
            }
        }
    }

    #[test]
    fn templates_render() {
        let p: Params = vec![("count", "2".into()), ("min", "3".into())];
        assert_eq!(render("{count} < {min} {other}", &p), "2 < 3 {other}");
    }
}
