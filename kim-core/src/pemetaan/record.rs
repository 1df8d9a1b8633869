//! Mapping records (Permenkominfo 4/2024 Pasal 24(2); docs/domain.md §12, PM1, PM2, PM4) and the authority check.

use crate::error::ArgumentProblem;
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::privacy::mask_text;
use crate::registry::Registry;
use crate::vocab::Media;
use crate::wilayah::{Kode, Level};
use crate::{Error, Result};

/// Who made a mapping. Only the Dinas of the KIM's own kab/kota may author one (PM1, Ps 24(1)); a province
/// coordinates on the basis of the kab/kota mappings (Ps 24(4)) and may only aggregate them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Author {
    /// The Dinas of a kabupaten/kota (`PP.KK`).
    Dinas {
        /// The kab/kota.
        kab_kota: Kode,
    },
    /// A province's Dinas (`PP`): never the author of a mapping.
    Provinsi {
        /// The province.
        provinsi: Kode,
    },
}

/// A five-step scale for strength (*kekuatan*) and influence (*pengaruh*). The regulation names the dimensions
/// but no scale; this one is ours \[I\]: 1 very low, 2 low, 3 medium, 4 high, 5 very high.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Level5(u8);

impl Level5 {
    /// A level, 1 to 5.
    ///
    /// ```
    /// use kim_core::pemetaan::Level5;
    /// let high = Level5::new(4)?;
    /// assert_eq!((high.get(), high.label_id()), (4, "tinggi"));
    /// assert!(Level5::new(2)? < high);
    /// assert!(Level5::new(0).is_err() && Level5::new(6).is_err());
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] outside 1–5.
    pub fn new(v: u8) -> Result<Self> {
        if (1..=5).contains(&v) {
            Ok(Self(v))
        } else {
            Err(Error::InvalidArgument {
                name: "level",
                problem: ArgumentProblem::OutOfRange,
                message: format!(
                    "strength and influence are 1 (very low) to 5 (very high), got {v}"
                ),
            })
        }
    }
    /// The value, 1 to 5.
    #[must_use]
    pub fn get(self) -> u8 {
        self.0
    }
    /// The label in Bahasa Indonesia.
    #[must_use]
    pub fn label_id(self) -> &'static str {
        [
            "sangat rendah",
            "rendah",
            "sedang",
            "tinggi",
            "sangat tinggi",
        ][usize::from(self.0 - 1)]
    }
}

impl TryFrom<u8> for Level5 {
    type Error = String;
    fn try_from(v: u8) -> std::result::Result<Self, String> {
        Self::new(v).map_err(|e| e.to_string())
    }
}

impl From<Level5> for u8 {
    fn from(l: Level5) -> u8 {
        l.0
    }
}

impl fmt::Display for Level5 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// A medium used, on the Pasal 16(2) enum (PM2): a value outside it is `lainnya` with the text kept.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MediaUse {
    /// The medium.
    pub media: Media,
    /// The text given, kept when it was not one of the enum's names (`"radio komunitas"` → `lainnya`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl MediaUse {
    /// Reads a medium: one of the Pasal 16(2) names (or an alias), or `lainnya` with the text kept (PM2).
    ///
    /// ```
    /// use kim_core::{pemetaan::MediaUse, registry::Media};
    /// assert_eq!(MediaUse::parse("medsos"), MediaUse::from(Media::MediaSosial));
    /// let other = MediaUse::parse("radio komunitas");
    /// assert_eq!((other.media, other.text.as_deref()), (Media::Lainnya, Some("radio komunitas")));
    /// ```
    #[must_use]
    pub fn parse(text: &str) -> Self {
        match text.parse::<Media>() {
            Ok(media) => Self { media, text: None },
            Err(_) => Self {
                media: Media::Lainnya,
                text: Some(text.trim().to_owned()),
            },
        }
    }
}

impl From<Media> for MediaUse {
    fn from(media: Media) -> Self {
        Self { media, text: None }
    }
}

/// The kind of a public issue, Permenkominfo 4/2024 Pasal 1 angka 7–9.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum IssueKind {
    /// *Isu publik*.
    Publik,
    /// *Isu prioritas*.
    Prioritas,
    /// *Isu terindikasi krisis*.
    Krisis,
}

/// A public issue around a KIM's audiences (Ps 24(2)(b)).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PublicIssue {
    /// The kind.
    pub kind: IssueKind,
    /// The issue, in words.
    pub text: String,
}

impl PublicIssue {
    /// An issue.
    pub fn new(kind: IssueKind, text: impl Into<String>) -> Self {
        Self {
            kind,
            text: text.into(),
        }
    }
}

/// The Dinas's priority decision (PM4): recorded, with its reason.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Priority {
    /// True when the KIM is prioritised.
    pub prioritised: bool,
    /// Why (required either way).
    pub reason: String,
}

impl Priority {
    /// A decision with its reason. The reason is required either way: [`Mappings::add`] refuses a blank one.
    ///
    /// ```
    /// use kim_core::chrono::NaiveDate;
    /// use kim_core::pemetaan::{Author, Level5, MappingRecord, Mappings, Priority};
    /// use kim_core::{registry::{Kim, Registry}, wilayah::Kode};
    /// let registry = Registry::from_kims([Kim::new("K1", "KIM Perian", Kode::parse("64.02.01.2001")?)])?;
    /// let record = |priority| MappingRecord::new("K1", "2025-S1", NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
    ///     Author::Dinas { kab_kota: Kode::parse("64.02").unwrap() }, "pertanian",
    ///     Level5::new(3).unwrap(), Level5::new(3).unwrap(), priority);
    /// let err = Mappings::new().add(record(Priority::new(false, " ")), &registry).unwrap_err();
    /// assert!(err.to_string().contains("PM4: a priority decision records its reason"));
    /// Mappings::new().add(record(Priority::new(false, "sudah mandiri")), &registry)?;
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn new(prioritised: bool, reason: impl Into<String>) -> Self {
        Self {
            prioritised,
            reason: reason.into(),
        }
    }
}

/// One mapping of one KIM in one round (Ps 24(2)). Build it with [`MappingRecord::new`] and the `with_*`
/// methods; [`Mappings::add`] checks it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MappingRecord {
    /// The KIM.
    pub kim_id: String,
    /// The mapping round (`"2025-S1"`); one record per KIM per round.
    pub round: String,
    /// The day of the mapping.
    pub mapped_on: NaiveDate,
    /// Who made it (PM1).
    pub author: Author,
    /// Target audiences (Ps 24(2)(a)).
    #[serde(default)]
    pub audiences: Vec<String>,
    /// Media used (PM2).
    #[serde(default)]
    pub media: Vec<MediaUse>,
    /// Content types.
    #[serde(default)]
    pub content_types: Vec<String>,
    /// Fields (*bidang*).
    #[serde(default)]
    pub fields: Vec<String>,
    /// Areas reached, as Kemendagri codes of any level.
    #[serde(default)]
    pub reach: Vec<Kode>,
    /// Public issues around the audiences (Ps 24(2)(b)).
    #[serde(default)]
    pub issues: Vec<PublicIssue>,
    /// The primary field of activity (Ps 24(2)(c)).
    pub primary_field: String,
    /// Strength (Ps 24(2)(c)).
    pub strength: Level5,
    /// Influence (Ps 24(2)(c)).
    pub influence: Level5,
    /// The priority decision (Ps 24(2)(d)).
    pub priority: Priority,
}

impl MappingRecord {
    /// A record with the required parts; add the lists with the `with_*` methods.
    ///
    /// ```
    /// use kim_core::chrono::NaiveDate;
    /// use kim_core::pemetaan::{Author, IssueKind, Level5, MappingRecord, Priority, PublicIssue};
    /// use kim_core::{registry::Media, wilayah::Kode};
    /// let r = MappingRecord::new("KIM-6402-001", "2025-S1", NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
    ///     Author::Dinas { kab_kota: Kode::parse("64.02")? }, "pertanian", Level5::new(3)?, Level5::new(4)?,
    ///     Priority::new(true, "pengaruh tinggi, perlu pendampingan"))
    ///     .with_audiences(["petani", "pemuda"])
    ///     .with_media(["media_sosial", "radio komunitas"])
    ///     .with_reach([Kode::parse("64.02.03.2003")?])
    ///     .with_issues([PublicIssue::new(IssueKind::Prioritas, "harga pupuk")]);
    /// assert_eq!(r.media[0].media, Media::MediaSosial);
    /// assert_eq!(r.media[1].media, Media::Lainnya); // PM2: off the Pasal 16(2) list, text kept
    /// assert_eq!(r.media[1].text.as_deref(), Some("radio komunitas"));
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        kim_id: impl Into<String>,
        round: impl Into<String>,
        mapped_on: NaiveDate,
        author: Author,
        primary_field: impl Into<String>,
        strength: Level5,
        influence: Level5,
        priority: Priority,
    ) -> Self {
        Self {
            kim_id: kim_id.into(),
            round: round.into(),
            mapped_on,
            author,
            audiences: Vec::new(),
            media: Vec::new(),
            content_types: Vec::new(),
            fields: Vec::new(),
            reach: Vec::new(),
            issues: Vec::new(),
            primary_field: primary_field.into(),
            strength,
            influence,
            priority,
        }
    }

    /// With audiences.
    #[must_use]
    pub fn with_audiences<S: Into<String>>(mut self, v: impl IntoIterator<Item = S>) -> Self {
        self.audiences = v.into_iter().map(Into::into).collect();
        self
    }
    /// With media, each read by [`MediaUse::parse`].
    #[must_use]
    pub fn with_media<S: AsRef<str>>(mut self, v: impl IntoIterator<Item = S>) -> Self {
        self.media = v.into_iter().map(|s| MediaUse::parse(s.as_ref())).collect();
        self
    }
    /// With content types.
    #[must_use]
    pub fn with_content_types<S: Into<String>>(mut self, v: impl IntoIterator<Item = S>) -> Self {
        self.content_types = v.into_iter().map(Into::into).collect();
        self
    }
    /// With fields.
    #[must_use]
    pub fn with_fields<S: Into<String>>(mut self, v: impl IntoIterator<Item = S>) -> Self {
        self.fields = v.into_iter().map(Into::into).collect();
        self
    }
    /// With areas reached.
    #[must_use]
    pub fn with_reach(mut self, v: impl IntoIterator<Item = Kode>) -> Self {
        self.reach = v.into_iter().collect();
        self
    }
    /// With public issues.
    #[must_use]
    pub fn with_issues(mut self, v: impl IntoIterator<Item = PublicIssue>) -> Self {
        self.issues = v.into_iter().collect();
        self
    }
}

/// An optional rule that suggests a priority from strength and influence thresholds (PM4). It has no default
/// thresholds: the Dinas sets them, and the recorded decision stays the Dinas's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PriorityRule {
    /// Suggest priority when strength is at most this (a weak KIM needs support), if set.
    pub max_strength: Option<Level5>,
    /// Suggest priority when influence is at least this, if set.
    pub min_influence: Option<Level5>,
}

impl PriorityRule {
    /// A rule; at least one threshold must be set.
    ///
    /// ```
    /// use kim_core::chrono::NaiveDate;
    /// use kim_core::pemetaan::{Author, Level5, MappingRecord, Priority, PriorityRule};
    /// use kim_core::wilayah::Kode;
    /// let rule = PriorityRule::new(Some(Level5::new(2)?), Some(Level5::new(4)?))?; // weak but influential
    /// let day = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    /// let record = |strength, influence| MappingRecord::new("K1", "2025-S1", day,
    ///     Author::Dinas { kab_kota: Kode::parse("64.02").unwrap() }, "pertanian", Level5::new(strength).unwrap(),
    ///     Level5::new(influence).unwrap(), Priority::new(false, "belum diputuskan"));
    /// assert!(rule.suggests(&record(2, 5)));
    /// assert!(!rule.suggests(&record(3, 5)));
    /// assert!(PriorityRule::new(None, None).is_err()); // no default thresholds
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when neither threshold is set.
    pub fn new(max_strength: Option<Level5>, min_influence: Option<Level5>) -> Result<Self> {
        if max_strength.is_none() && min_influence.is_none() {
            return Err(Error::InvalidArgument {
                name: "priority_rule",
                problem: ArgumentProblem::Missing,
                message:
                    "set max_strength, min_influence or both: there are no default thresholds (PM4)"
                        .to_owned(),
            });
        }
        Ok(Self {
            max_strength,
            min_influence,
        })
    }

    /// True when every set threshold is met.
    #[must_use]
    pub fn suggests(&self, record: &MappingRecord) -> bool {
        self.max_strength.is_none_or(|m| record.strength <= m)
            && self.min_influence.is_none_or(|m| record.influence >= m)
    }
}

/// The mapping records of one or more rounds, each checked on entry.
///
/// ```
/// use kim_core::chrono::NaiveDate;
/// use kim_core::pemetaan::{Author, Level5, MappingRecord, Mappings, Priority};
/// use kim_core::{registry::{Kim, Registry}, wilayah::Kode};
/// let registry = Registry::from_kims([Kim::new("K1", "KIM Perian", Kode::parse("64.02.01.2001")?)])?;
/// let by = |author: &str, round: &str, day: u32| MappingRecord::new("K1", round,
///     NaiveDate::from_ymd_opt(2025, 3, day).unwrap(), Author::Dinas { kab_kota: Kode::parse(author).unwrap() },
///     "pertanian", Level5::new(3).unwrap(), Level5::new(3).unwrap(), Priority::new(false, "sudah mandiri"));
/// let mut mappings = Mappings::new();
/// mappings.add(by("64.02", "2025-S1", 1), &registry)?;                  // the Dinas of Kutai Kartanegara
/// assert!(mappings.add(by("64.03", "2025-S2", 2), &registry).is_err()); // PM1: not the Dinas of Berau
/// assert!(mappings.add(by("64.02", "2025-S1", 3), &registry).is_err()); // one per KIM per round
/// mappings.add(by("64.02", "2025-S2", 4), &registry)?;
/// let latest = mappings.latest_on(NaiveDate::from_ymd_opt(2025, 3, 31).unwrap());
/// assert_eq!(latest["K1"].round, "2025-S2");
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mappings {
    records: Vec<MappingRecord>,
}

impl Mappings {
    /// No records.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// The records, in the order added.
    #[must_use]
    pub fn records(&self) -> &[MappingRecord] {
        &self.records
    }

    /// Adds a record after checking it against the registry.
    ///
    /// PM1: the author must be the Dinas of the kab/kota of the KIM's seat (its first five characters); a province
    /// is refused. The KIM must be in the registry, the record must be the only one of its KIM in its round, and the
    /// priority decision must give a reason.
    ///
    /// # Errors
    /// [`Error::UnknownKim`]; [`Error::JsonAt`] at `author`, `round` or `priority.reason` (the message names the
    /// rule) for the other problems.
    pub fn add(&mut self, record: MappingRecord, registry: &Registry) -> Result<()> {
        check_record(&record, registry)?;
        if self
            .records
            .iter()
            .any(|r| r.kim_id == record.kim_id && r.round == record.round)
        {
            return Err(at(
                &record,
                "round",
                format!(
                    "KIM {} already has a mapping in round {:?}: one per KIM per round",
                    record.kim_id, record.round
                ),
            ));
        }
        self.records.push(record);
        Ok(())
    }

    /// Reads records from a JSON array and adds each one (see [`Mappings::add`]).
    ///
    /// # Errors
    /// [`Error::Json`] for malformed JSON; the first error of [`Mappings::add`], with the record's index in the path.
    pub fn add_json(&mut self, text: &str, registry: &Registry) -> Result<()> {
        let records: Vec<MappingRecord> = serde_json::from_str(text).map_err(|e| Error::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        for (i, r) in records.into_iter().enumerate() {
            self.add(r, registry).map_err(|e| match e {
                Error::JsonAt { path, message } => Error::JsonAt {
                    path: format!("[{i}].{path}"),
                    message,
                },
                other => other,
            })?;
        }
        Ok(())
    }

    /// The latest record of each KIM mapped on or before `date`, by KIM id.
    #[must_use]
    pub fn latest_on(&self, date: NaiveDate) -> std::collections::BTreeMap<&str, &MappingRecord> {
        let mut out: std::collections::BTreeMap<&str, &MappingRecord> =
            std::collections::BTreeMap::new();
        for r in self.records.iter().filter(|r| r.mapped_on <= date) {
            let e = out.entry(r.kim_id.as_str()).or_insert(r);
            if r.mapped_on > e.mapped_on {
                *e = r;
            }
        }
        out
    }
}

/// An error at a field of a record; the KIM id (which may be a NIK) is masked in the path and the message.
#[allow(clippy::needless_pass_by_value)] // callers build the message with format!
fn at(record: &MappingRecord, field: &str, message: String) -> Error {
    Error::JsonAt {
        path: mask_text(&format!(
            "mappings[{}/{}].{field}",
            record.kim_id, record.round
        )),
        message: mask_text(&message),
    }
}

fn check_record(record: &MappingRecord, registry: &Registry) -> Result<()> {
    let kim = registry
        .get(&record.kim_id)
        .ok_or_else(|| Error::unknown_kim(&record.kim_id))?;
    let own = kim.seat.ancestor(Level::KabKota);
    match record.author {
        Author::Provinsi { provinsi } => {
            return Err(at(
                record,
                "author",
                format!(
                    "PM1: province {provinsi} cannot author a mapping; the Dinas of the KIM's kab/kota ({}) maps it and \
                     a province only aggregates (Permenkominfo 4/2024 Pasal 24(1), (4))",
                    own.map_or_else(|| "unknown".to_owned(), |k| k.to_string())
                ),
            ));
        }
        Author::Dinas { kab_kota } => {
            if Some(kab_kota) != own {
                return Err(at(
                    record,
                    "author",
                    format!(
                        "PM1: the Dinas of {kab_kota} cannot map a KIM seated in {}; only the Dinas of its own \
                         kab/kota can (Permenkominfo 4/2024 Pasal 24(1))",
                        kim.seat
                    ),
                ));
            }
        }
    }
    if record.round.trim().is_empty() {
        return Err(at(record, "round", "a mapping names its round".to_owned()));
    }
    if record.priority.reason.trim().is_empty() {
        return Err(at(
            record,
            "priority.reason",
            "PM4: a priority decision records its reason".to_owned(),
        ));
    }
    Ok(())
}
