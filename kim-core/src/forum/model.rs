//! The forum data: [`Forum`], its level, instruments, terms, officers, status history and memberships.

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::vocab::clean_text;
use crate::wilayah::{Kode, Level};

/// The level of a forum, lowest first.
///
/// ```
/// use kim_core::{forum::ForumLevel, wilayah::Level};
/// assert!(ForumLevel::Kecamatan < ForumLevel::KabKota);
/// assert_eq!(ForumLevel::KabKota.region_level(), Some(Level::KabKota)); // FR2: region `PP.KK`
/// assert_eq!(ForumLevel::Nasional.region_level(), None);
/// assert_eq!(ForumLevel::Provinsi.lower(), Some(ForumLevel::KabKota)); // FR4: its members' level
/// assert_eq!((ForumLevel::KabKota.as_str(), ForumLevel::KabKota.label_id()), ("kab_kota", "kabupaten/kota"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForumLevel {
    /// A kecamatan forum; region `PP.KK.CC`.
    Kecamatan,
    /// A kab/kota forum; region `PP.KK`.
    KabKota,
    /// A provincial forum; region `PP`.
    Provinsi,
    /// The national forum (e.g. FK-KIM Nusantara); no region.
    Nasional,
}

impl ForumLevel {
    /// All four, lowest first.
    pub const ALL: [ForumLevel; 4] = [
        ForumLevel::Kecamatan,
        ForumLevel::KabKota,
        ForumLevel::Provinsi,
        ForumLevel::Nasional,
    ];

    /// The level of the region code a forum of this level has (FR2); `None` for nasional.
    #[must_use]
    pub fn region_level(self) -> Option<Level> {
        match self {
            Self::Kecamatan => Some(Level::Kecamatan),
            Self::KabKota => Some(Level::KabKota),
            Self::Provinsi => Some(Level::Provinsi),
            Self::Nasional => None,
        }
    }

    /// The level one step lower, whose forums may be members (FR4); `None` for kecamatan.
    #[must_use]
    pub fn lower(self) -> Option<ForumLevel> {
        match self {
            Self::Kecamatan => None,
            Self::KabKota => Some(Self::Kecamatan),
            Self::Provinsi => Some(Self::KabKota),
            Self::Nasional => Some(Self::Provinsi),
        }
    }

    /// The snake_case name used in JSON and CSV.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Kecamatan => "kecamatan",
            Self::KabKota => "kab_kota",
            Self::Provinsi => "provinsi",
            Self::Nasional => "nasional",
        }
    }

    /// The level in words, in Bahasa Indonesia.
    #[must_use]
    pub fn label_id(self) -> &'static str {
        match self {
            Self::Kecamatan => "kecamatan",
            Self::KabKota => "kabupaten/kota",
            Self::Provinsi => "provinsi",
            Self::Nasional => "nasional",
        }
    }

    /// The level in words, in English.
    #[must_use]
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Kecamatan => "district (kecamatan)",
            Self::KabKota => "regency/city",
            Self::Provinsi => "province",
            Self::Nasional => "national",
        }
    }
}

/// The recorded status of a forum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForumStatus {
    /// Being formed.
    Draft,
    /// Inaugurated (*dikukuhkan*).
    #[serde(alias = "inaugurated")]
    Dikukuhkan,
    /// Dormant (*vakum*).
    #[serde(alias = "inactive")]
    Vakum,
    /// Dissolved; final.
    #[serde(alias = "dissolved")]
    Dibubarkan,
}

impl ForumStatus {
    /// True if `from → to` is allowed: draft → dikukuhkan ↔ vakum, any → dibubarkan (final); the first recorded
    /// status may be any.
    ///
    /// ```
    /// use kim_core::forum::ForumStatus::{self, *};
    /// assert!(ForumStatus::can_follow(Some(Draft), Dikukuhkan));
    /// assert!(ForumStatus::can_follow(Some(Vakum), Dikukuhkan)); // revived
    /// assert!(!ForumStatus::can_follow(Some(Draft), Vakum));
    /// assert!(!ForumStatus::can_follow(Some(Dibubarkan), Dikukuhkan)); // final
    /// assert!(ForumStatus::can_follow(None, Vakum)); // the first recorded status may be any
    /// ```
    #[must_use]
    pub fn can_follow(from: Option<ForumStatus>, to: ForumStatus) -> bool {
        use ForumStatus::{Dibubarkan, Dikukuhkan, Draft, Vakum};
        match from {
            None => true,
            Some(Dibubarkan) => false,
            Some(_) if to == Dibubarkan => true,
            Some(Draft | Vakum) => to == Dikukuhkan,
            Some(Dikukuhkan) => to == Vakum,
        }
    }
}

/// What a forum is on one day: its status and terms read together (FR9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForumState {
    /// No status recorded yet on that day.
    NotYetRecorded,
    /// Being formed.
    Draft,
    /// Dikukuhkan and inside a term: the only state that counts as active.
    Active,
    /// Dikukuhkan, but every term has ended: the forum needs a new term, it is not dissolved.
    TermExpired,
    /// Dikukuhkan, but no term recorded, or none begun yet.
    NoTerm,
    /// Dormant.
    Vakum,
    /// Dissolved.
    Dibubarkan,
}

/// One dated status of a forum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ForumStatusChange {
    /// From this day.
    pub date: NaiveDate,
    /// The status.
    pub status: ForumStatus,
}

/// The kind of an instrument that founds or recognises a forum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum InstrumentKind {
    /// A decree (SK) of an official.
    Sk,
    /// A record of the inauguration (*pengukuhan*).
    Pengukuhan,
    /// A notarial deed (*akta*), e.g. for a national association.
    Akta,
    /// Anything else.
    Lainnya,
}

/// An instrument: kind, number, date and the role of who issued it. The role is descriptive text ("Kadiskominfo",
/// "Sekda", "Wali Kota", "Notaris + Kemenkumham"): who recognises a forum varies by region and no national rule
/// names one (FR12).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Instrument {
    /// Kind.
    pub kind: InstrumentKind,
    /// Number as written (free text), if any.
    #[serde(default)]
    pub number: Option<String>,
    /// Date.
    pub date: NaiveDate,
    /// The issuer's role, as written.
    pub issuer_role: String,
}

/// The role of a person on a forum's board.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OfficerRole {
    /// Chair.
    Ketua,
    /// Vice chair.
    WakilKetua,
    /// Secretary.
    Sekretaris,
    /// Treasurer.
    Bendahara,
    /// Head of a unit (*bidang*) or other board member.
    Anggota,
    /// Patron (*pembina*): a government official, not a pengurus.
    Pembina,
    /// Adviser (*pengarah*): a government official, not a pengurus.
    Pengarah,
}

impl OfficerRole {
    /// True for the pengurus (board); pembina and pengarah are not (docs/domain.md, "Forums").
    #[must_use]
    pub fn is_pengurus(self) -> bool {
        !matches!(self, Self::Pembina | Self::Pengarah)
    }

    /// The role in words, in Bahasa Indonesia.
    #[must_use]
    pub fn label_id(self) -> &'static str {
        match self {
            Self::Ketua => "ketua",
            Self::WakilKetua => "wakil ketua",
            Self::Sekretaris => "sekretaris",
            Self::Bendahara => "bendahara",
            Self::Anggota => "anggota pengurus",
            Self::Pembina => "pembina",
            Self::Pengarah => "pengarah",
        }
    }

    /// The role in words, in English.
    #[must_use]
    pub fn label_en(self) -> &'static str {
        match self {
            Self::Ketua => "chair",
            Self::WakilKetua => "vice chair",
            Self::Sekretaris => "secretary",
            Self::Bendahara => "treasurer",
            Self::Anggota => "board member",
            Self::Pembina => "patron",
            Self::Pengarah => "adviser",
        }
    }
}

/// A person on a forum's board for one term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Officer {
    /// Name.
    pub name: String,
    /// Role.
    pub role: OfficerRole,
    /// The KIM the officer is drawn from, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kim: Option<String>,
}

impl Officer {
    /// An officer.
    pub fn new(name: impl Into<String>, role: OfficerRole) -> Self {
        Self {
            name: name.into(),
            role,
            kim: None,
        }
    }

    /// The KIM the officer is drawn from.
    #[must_use]
    pub fn from_kim(mut self, kim: impl Into<String>) -> Self {
        self.kim = Some(kim.into());
        self
    }
}

/// A term (*masa bakti*) with its officers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Term {
    /// First day.
    pub start: NaiveDate,
    /// Last day, inclusive, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// Length in years, if recorded; the end is then `start + years − 1 day` (FR8).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<u32>,
    /// The board.
    #[serde(default)]
    pub officers: Vec<Officer>,
}

impl Term {
    /// A term from `start`, open until an end or a length is given.
    #[must_use]
    pub fn new(start: NaiveDate) -> Self {
        Self {
            start,
            end: None,
            years: None,
            officers: Vec::new(),
        }
    }

    /// With a length in years.
    #[must_use]
    pub fn years(mut self, years: u32) -> Self {
        self.years = Some(years);
        self
    }

    /// With a last day.
    #[must_use]
    pub fn end(mut self, end: NaiveDate) -> Self {
        self.end = Some(end);
        self
    }

    /// With an officer.
    #[must_use]
    pub fn officer(mut self, officer: Officer) -> Self {
        self.officers.push(officer);
        self
    }

    /// The last day derived from a length: `start + years − 1 day` (FR8), month-end clamped (a term from 29
    /// February ends on 27 February). `None` if the date would overflow.
    ///
    /// ```
    /// use kim_core::forum::Term;
    /// let t = Term::new("2023-05-25".parse().unwrap());
    /// assert_eq!(Term::derived_end(t.start, 3).unwrap().to_string(), "2026-05-24");
    /// ```
    #[must_use]
    pub fn derived_end(start: NaiveDate, years: u32) -> Option<NaiveDate> {
        start
            .checked_add_months(Months::new(years.checked_mul(12)?))?
            .pred_opt()
    }

    /// The last day: `end`, else derived from `years`, else from `default_years` (an overlay's term length,
    /// FR11); `None`: open.
    ///
    /// ```
    /// use kim_core::{chrono::NaiveDate, forum::Term};
    /// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
    /// let open = Term::new(d(2023, 5, 25));
    /// assert_eq!(open.last_day(None), None);
    /// assert_eq!(open.last_day(Some(4)), Some(d(2027, 5, 24))); // an overlay's 4-year term (FR11)
    /// assert_eq!(open.clone().years(3).last_day(Some(4)), Some(d(2026, 5, 24))); // its own length wins
    /// assert_eq!(open.end(d(2025, 12, 31)).last_day(Some(4)), Some(d(2025, 12, 31)));
    /// ```
    #[must_use]
    pub fn last_day(&self, default_years: Option<u32>) -> Option<NaiveDate> {
        self.end.or_else(|| {
            self.years
                .or(default_years)
                .and_then(|y| Self::derived_end(self.start, y))
        })
    }

    /// True if `d` lies in the term (its last day included).
    #[must_use]
    pub fn contains(&self, d: NaiveDate, default_years: Option<u32>) -> bool {
        self.start <= d && self.last_day(default_years).is_none_or(|e| d <= e)
    }
}

/// Who a membership is of: a KIM or a forum one level lower.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberRef {
    /// A KIM, by its registry id.
    Kim(String),
    /// A forum, by its id.
    Forum(String),
}

impl MemberRef {
    /// The KIM id, if a KIM.
    #[must_use]
    pub fn kim(&self) -> Option<&str> {
        match self {
            Self::Kim(k) => Some(k),
            Self::Forum(_) => None,
        }
    }

    /// The forum id, if a forum.
    #[must_use]
    pub fn forum(&self) -> Option<&str> {
        match self {
            Self::Forum(f) => Some(f),
            Self::Kim(_) => None,
        }
    }

    /// The id, whichever kind.
    #[must_use]
    pub fn id(&self) -> &str {
        match self {
            Self::Kim(x) | Self::Forum(x) => x,
        }
    }
}

/// A dated membership of a KIM or forum in a forum.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Membership {
    /// Who.
    #[serde(flatten)]
    pub member: MemberRef,
    /// First day.
    pub from: NaiveDate,
    /// Last day, inclusive; `None`: still a member.
    #[serde(default)]
    pub to: Option<NaiveDate>,
}

impl Membership {
    /// A membership from `from`, open-ended.
    #[must_use]
    pub fn new(member: MemberRef, from: NaiveDate) -> Self {
        Self {
            member,
            from,
            to: None,
        }
    }

    /// True if active on `d`: `from ≤ d` and (`to` is empty or `d ≤ to`).
    #[must_use]
    pub fn is_active_on(&self, d: NaiveDate) -> bool {
        self.from <= d && self.to.is_none_or(|t| d <= t)
    }
}

/// A forum.
///
/// ```
/// use kim_core::chrono::NaiveDate;
/// use kim_core::forum::{Forum, ForumLevel, ForumState, ForumStatus, MemberRef, Term};
/// use kim_core::wilayah::Kode;
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let forum = Forum::new("FK-6402", "Forum KIM Kukar", ForumLevel::KabKota, Some(Kode::parse("64.02")?))
///     .status(d(2022, 7, 12), ForumStatus::Dikukuhkan)
///     .term(Term::new(d(2022, 7, 12)).years(3)) // FR8: the term ends on 11 July 2025
///     .member(MemberRef::Kim("K1".into()), d(2022, 7, 12));
/// forum.check_consistency()?;
/// assert_eq!(forum.state_on(d(2022, 7, 11)), ForumState::NotYetRecorded);
/// assert!(forum.is_active_on(d(2025, 7, 11)));
/// // Dikukuhkan but out of term: it needs a new term, it is not dissolved (FR9).
/// assert_eq!(forum.state_on(d(2025, 7, 12)), ForumState::TermExpired);
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Forum {
    /// Unique id.
    pub id: String,
    /// Name, e.g. `Forum KIM Kukar`.
    pub name: String,
    /// Level.
    pub level: ForumLevel,
    /// Region code (FR2): `PP.KK.CC`, `PP.KK`, `PP`; none for nasional.
    #[serde(default)]
    pub region: Option<Kode>,
    /// SK, pengukuhan, akta.
    #[serde(default)]
    pub instruments: Vec<Instrument>,
    /// Terms, in order.
    #[serde(default)]
    pub terms: Vec<Term>,
    /// Dated statuses, in order.
    #[serde(default)]
    pub history: Vec<ForumStatusChange>,
    /// Memberships of KIMs and lower forums.
    #[serde(default)]
    pub members: Vec<Membership>,
}

impl Forum {
    /// A forum with no instrument, term, status or member yet.
    pub fn new(
        id: impl Into<String>,
        name: impl Into<String>,
        level: ForumLevel,
        region: Option<Kode>,
    ) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            level,
            region,
            instruments: Vec::new(),
            terms: Vec::new(),
            history: Vec::new(),
            members: Vec::new(),
        }
    }

    /// With an instrument.
    #[must_use]
    pub fn instrument(mut self, i: Instrument) -> Self {
        self.instruments.push(i);
        self
    }

    /// With a term.
    #[must_use]
    pub fn term(mut self, t: Term) -> Self {
        self.terms.push(t);
        self
    }

    /// With a status from `date`.
    #[must_use]
    pub fn status(mut self, date: NaiveDate, status: ForumStatus) -> Self {
        self.history.push(ForumStatusChange { date, status });
        self
    }

    /// With a member from `from`.
    #[must_use]
    pub fn member(mut self, member: MemberRef, from: NaiveDate) -> Self {
        self.members.push(Membership::new(member, from));
        self
    }

    /// The recorded status on `d`.
    #[must_use]
    pub fn status_on(&self, d: NaiveDate) -> Option<ForumStatus> {
        self.history
            .iter()
            .take_while(|h| h.date <= d)
            .last()
            .map(|h| h.status)
    }

    /// The term running on `d`, if any (the last one when terms overlap).
    #[must_use]
    pub fn term_on(&self, d: NaiveDate, default_years: Option<u32>) -> Option<&Term> {
        self.terms
            .iter()
            .rev()
            .find(|t| t.contains(d, default_years))
    }

    /// The state on `d` (FR9), with no default term length.
    #[must_use]
    pub fn state_on(&self, d: NaiveDate) -> ForumState {
        self.state_with(d, None)
    }

    /// The state on `d` (FR9), open terms ending after `default_years` when set (an overlay's length, FR11).
    #[must_use]
    pub fn state_with(&self, d: NaiveDate, default_years: Option<u32>) -> ForumState {
        match self.status_on(d) {
            None => ForumState::NotYetRecorded,
            Some(ForumStatus::Draft) => ForumState::Draft,
            Some(ForumStatus::Vakum) => ForumState::Vakum,
            Some(ForumStatus::Dibubarkan) => ForumState::Dibubarkan,
            Some(ForumStatus::Dikukuhkan) => {
                if self.term_on(d, default_years).is_some() {
                    ForumState::Active
                } else if !self.terms.is_empty()
                    && self
                        .terms
                        .iter()
                        .all(|t| t.last_day(default_years).is_some_and(|e| e < d))
                {
                    ForumState::TermExpired
                } else {
                    ForumState::NoTerm
                }
            }
        }
    }

    /// True if active on `d` (FR9): dikukuhkan on `d` and `d` inside a term.
    #[must_use]
    pub fn is_active_on(&self, d: NaiveDate) -> bool {
        self.state_on(d) == ForumState::Active
    }

    /// Checks what makes the record unusable (an error, not a finding): id and name text, history in date order
    /// with allowed transitions, each term's end on or after its start, each membership's `to` on or after its
    /// `from`. The error says where (`forums[F1].history[1].status`).
    pub fn check_consistency(&self) -> Result<()> {
        let at = |field: String, message: String| Error::JsonAt {
            path: format!("forums[{}].{field}", crate::privacy::mask_value(&self.id)),
            message,
        };
        for (field, text) in [("id", &self.id), ("name", &self.name)] {
            if let Err(why) = clean_text(text) {
                return Err(at(field.into(), why));
            }
        }
        let mut prev: Option<&ForumStatusChange> = None;
        for (i, h) in self.history.iter().enumerate() {
            if let Some(p) = prev {
                if h.date < p.date {
                    return Err(at(
                        format!("history[{i}].date"),
                        format!("{} is before the previous change on {}", h.date, p.date),
                    ));
                }
                if !ForumStatus::can_follow(Some(p.status), h.status) {
                    return Err(at(
                        format!("history[{i}].status"),
                        format!("cannot change from {:?} to {:?}", p.status, h.status)
                            .to_lowercase(),
                    ));
                }
            }
            prev = Some(h);
        }
        for (i, t) in self.terms.iter().enumerate() {
            if t.end.is_some_and(|e| e < t.start) {
                return Err(at(
                    format!("terms[{i}].end"),
                    "the term ends before it starts".into(),
                ));
            }
            if t.years == Some(0) {
                return Err(at(format!("terms[{i}].years"), "a term of 0 years".into()));
            }
        }
        for m in &self.members {
            if m.to.is_some_and(|t| t < m.from) {
                return Err(at(
                    format!("members[{}].to", crate::privacy::mask_value(m.member.id())),
                    "the membership ends before it starts".into(),
                ));
            }
        }
        Ok(())
    }

    /// One forum from a parsed JSON value (one element of `forums`, at position `index`); on error the path names
    /// the forum by its id (or position) and the field.
    pub fn from_json_value(value: &serde_json::Value, index: usize) -> Result<Forum> {
        Forum::deserialize(value).map_err(|e| {
            let who = value
                .get("id")
                .and_then(serde_json::Value::as_str)
                .map_or_else(|| index.to_string(), crate::privacy::mask_value);
            Error::JsonAt {
                path: format!("forums[{who}]"),
                message: crate::privacy::mask_text(&e.to_string()),
            }
        })
    }
}
