//! What a profile is: [`Profile`], its [`Rule`]s, each with a [`Check`], a [`Severity`], a [`Citation`] and a
//! [`Message`] in both languages.

use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::SCHEMA_VERSION;
use crate::error::{Error, Result};
use crate::vocab::{IssuerRole, Occupation, Role};
use crate::wilayah::{Kode, Level};

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

/// The confidence tag of a source, from docs/domain.md.
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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
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
#[non_exhaustive]
pub enum ProfileKind {
    /// A national profile; exactly one is in force on any date from 2010-06-01.
    National,
    /// A local overlay, layered on a national profile.
    Overlay,
}

/// A versioned, cited set of rules. Built from a file ([`Profile::from_json`]) or in code ([`Profile::builder`]).
///
/// ```
/// use kim_core::{chrono::NaiveDate, rules::{ProfileKind, ProfileSet}};
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let set = ProfileSet::builtin();
/// let p = set.get("permenkominfo-4-2024").unwrap();
/// assert_eq!((p.kind, p.valid_from, p.region), (ProfileKind::National, Some(d(2024, 9, 4)), None));
/// assert_eq!(p.kim_name.as_deref(), Some("Komunitas Informasi Masyarakat"));
/// assert!(p.in_force_on(d(2024, 9, 4)) && !p.in_force_on(d(2024, 9, 3)));
/// assert!(p.rules.iter().any(|r| r.code == "KIM-F3-MISSING")); // F3: an SK of at least the kepala desa or lurah
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
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

/// Builds a [`Profile`] in code: [`Profile::builder`] takes the id, kind and instrument, the setters the rest, and
/// [`ProfileBuilder::build`] checks it as a profile file is checked.
///
/// ```
/// use kim_core::rules::{Check, Citation, Confidence, Message, Profile, ProfileKind, Rule, Severity};
/// use kim_core::wilayah::Kode;
/// let rule = Rule::new(
///     "KIM-L-DEMO-MEMBERS",
///     Severity::Warning,
///     Check::MemberCount { min: Some(5), max: None },
///     Citation::new("Peraturan Bupati (contoh)", Confidence::L),
///     Message::new("Anggota {count}; minimal {min}.", "{count} members; at least {min}."),
/// );
/// let overlay = Profile::builder("overlay-demo", ProfileKind::Overlay, "Peraturan Bupati (contoh)")
///     .region(Kode::parse("64.02")?)
///     .valid_from("2025-01-01".parse().unwrap())
///     .rule(rule)
///     .build()?;
/// assert_eq!((overlay.rules.len(), overlay.version.as_str()), (1, "1"));
/// // An overlay without a region is refused, as in a profile file.
/// assert!(Profile::builder("x", ProfileKind::Overlay, "y").build().is_err());
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct ProfileBuilder(Profile);

impl ProfileBuilder {
    /// The content version (default `1`).
    pub fn version(mut self, version: impl Into<String>) -> Self {
        self.0.version = version.into();
        self
    }

    /// The title (default: the id).
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.0.title = title.into();
        self
    }

    /// The region an overlay governs.
    pub fn region(mut self, region: Kode) -> Self {
        self.0.region = Some(region);
        self
    }

    /// The first day in force.
    pub fn valid_from(mut self, date: NaiveDate) -> Self {
        self.0.valid_from = Some(date);
        self
    }

    /// The last day in force, inclusive.
    pub fn valid_until(mut self, date: NaiveDate) -> Self {
        self.0.valid_until = Some(date);
        self
    }

    /// The name of a KIM under this profile.
    pub fn kim_name(mut self, name: impl Into<String>) -> Self {
        self.0.kim_name = Some(name.into());
        self
    }

    /// Notes and caveats.
    pub fn notes(mut self, notes: impl Into<String>) -> Self {
        self.0.notes = Some(notes.into());
        self
    }

    /// Adds a rule.
    pub fn rule(mut self, rule: Rule) -> Self {
        self.0.rules.push(rule);
        self
    }

    /// The profile, checked as [`Profile::from_json`] checks a file (unique rule codes, an overlay has a region,
    /// dates in order).
    pub fn build(self) -> Result<Profile> {
        self.0.check()?;
        Ok(self.0)
    }
}

impl Rule {
    /// A rule.
    #[must_use]
    pub fn new(
        code: impl Into<String>,
        severity: Severity,
        check: Check,
        citation: Citation,
        message: Message,
    ) -> Self {
        Self {
            code: code.into(),
            severity,
            check,
            citation,
            message,
        }
    }
}

impl Citation {
    /// A citation of `instrument` with its confidence tag (no pasal, no note: set the fields).
    #[must_use]
    pub fn new(instrument: impl Into<String>, tag: Confidence) -> Self {
        Self {
            instrument: instrument.into(),
            pasal: None,
            tag,
            note: None,
        }
    }

    /// The pasal (article) cited, e.g. `Ps 23(3)`.
    #[must_use]
    pub fn with_pasal(mut self, pasal: impl Into<String>) -> Self {
        self.pasal = Some(pasal.into());
        self
    }

    /// A note on the citation.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

impl Message {
    /// A message in Indonesian and English.
    #[must_use]
    pub fn new(id: impl Into<String>, en: impl Into<String>) -> Self {
        Self {
            id: id.into(),
            en: en.into(),
        }
    }
}

impl Profile {
    /// A builder for a profile (see [`ProfileBuilder`]).
    pub fn builder(
        id: impl Into<String>,
        kind: ProfileKind,
        instrument: impl Into<String>,
    ) -> ProfileBuilder {
        let id = id.into();
        ProfileBuilder(Profile {
            schema_version: SCHEMA_VERSION,
            title: id.clone(),
            id,
            version: "1".into(),
            instrument: instrument.into(),
            kind,
            region: None,
            valid_from: None,
            valid_until: None,
            kim_name: None,
            notes: None,
            rules: Vec::new(),
        })
    }

    /// Parses one profile file and checks it (schema version, unique rule codes, overlays have a region).
    pub fn from_json(json: &str) -> Result<Self> {
        let p: Profile = serde_json::from_str(json).map_err(|e| Error::from_json(&e))?;
        p.check()?;
        Ok(p)
    }

    pub(super) fn check(&self) -> Result<()> {
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
    #[must_use]
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        self.valid_from.is_none_or(|f| f <= date) && self.valid_until.is_none_or(|u| date <= u)
    }
}
