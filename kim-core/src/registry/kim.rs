//! The records of one KIM: [`Kim`], its [`Sk`], [`Registration`], [`FormationEvidence`], [`Member`]s and
//! [`StatusChange`]s.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::dates::iso_date;
use super::nik::Nik;
use crate::error::{Error, Result};
use crate::vocab::{
    EvidenceKind, ISSUER_SPELLINGS, IssuerRole, KimType, Media, OCCUPATION_SPELLINGS, Occupation,
    ROLE_SPELLINGS, Role, Sex, Status, read_legacy, text_problem,
};
use crate::wilayah::Kode;

/// The SK (decree) establishing a KIM (F3).
///
/// An issuer text that names no [`IssuerRole`] (after the legacy spellings of [`crate::vocab::ISSUER_SPELLINGS`])
/// is kept: `issuer` is [`IssuerRole::Other`] and `issuer_raw` holds the text as written; an SK without an issuer
/// has [`IssuerRole::TidakDiketahui`]. Validation flags both (`KIM-LEGACY-ISSUER`, `KIM-SK-NO-ISSUER`).
///
/// ```
/// use kim_core::{chrono::NaiveDate, registry::{IssuerRole, Sk}};
/// let date = NaiveDate::from_ymd_opt(2014, 7, 1).unwrap();
/// assert!(!Sk::new("489/07/401.403.6/2014", date, IssuerRole::Lurah).has_legacy_issuer());
/// // Legacy text: a known spelling is read, anything else is kept as written.
/// assert_eq!(Sk::with_issuer_text("141/2014", date, "Pj. Kades").issuer, IssuerRole::KepalaDesa);
/// let rt = Sk::with_issuer_text("141/2014", date, "Ketua RT 03");
/// assert_eq!((rt.issuer, rt.issuer_raw.as_deref()), (IssuerRole::Other, Some("Ketua RT 03")));
/// assert!(rt.has_legacy_issuer());
/// assert_eq!(Sk::with_issuer_text("141/2014", date, " ").issuer, IssuerRole::TidakDiketahui);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "SkIn")]
#[non_exhaustive]
pub struct Sk {
    /// The decree number, free text (e.g. `489/07/401.403.6/2014`).
    pub number: String,
    /// The decree date.
    pub date: NaiveDate,
    /// Who signed it.
    pub issuer: IssuerRole,
    /// The issuer as written, when it names no [`IssuerRole`] (then `issuer` is [`IssuerRole::Other`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub issuer_raw: Option<String>,
}

impl Sk {
    /// An SK with a known issuer.
    pub fn new(number: impl Into<String>, date: NaiveDate, issuer: IssuerRole) -> Self {
        Self {
            number: number.into(),
            date,
            issuer,
            issuer_raw: None,
        }
    }

    /// An SK whose issuer is read from free text: a known name or legacy spelling gives its [`IssuerRole`];
    /// other text gives [`IssuerRole::Other`] with the text kept in `issuer_raw`; blank text gives
    /// [`IssuerRole::TidakDiketahui`].
    pub fn with_issuer_text(number: impl Into<String>, date: NaiveDate, issuer: &str) -> Self {
        let (issuer, issuer_raw) = legacy_value(Some(issuer), ISSUER_SPELLINGS, true)
            .unwrap_or((IssuerRole::TidakDiketahui, None));
        Self {
            number: number.into(),
            date,
            issuer,
            issuer_raw,
        }
    }
}

impl Sk {
    /// True if the issuer was kept as legacy text or is not recorded (validation gives a finding).
    #[must_use]
    pub fn has_legacy_issuer(&self) -> bool {
        self.issuer_raw.is_some() || self.issuer == IssuerRole::TidakDiketahui
    }
}

/// A vocabulary value from free text: `None` for blank text; a known value (name, alias or legacy spelling) with no
/// raw text; otherwise the type's [`LegacyFallback`] with the text kept as raw.
pub(super) fn legacy_value<T: Copy + std::str::FromStr + LegacyFallback>(
    text: Option<&str>,
    table: &[(&str, T)],
    prefixes: bool,
) -> Option<(T, Option<String>)> {
    let text = text.map(str::trim).filter(|t| !t.is_empty())?;
    Some(match read_legacy(text, table, prefixes) {
        Some(v) => (v, None),
        None => (T::FALLBACK, Some(text.to_owned())),
    })
}

/// The value a legacy text that names nothing known is stored as (its raw text kept alongside).
pub(super) trait LegacyFallback {
    const FALLBACK: Self;
}

impl LegacyFallback for IssuerRole {
    const FALLBACK: Self = IssuerRole::Other;
}

impl LegacyFallback for Role {
    const FALLBACK: Self = Role::Anggota;
}

impl LegacyFallback for Occupation {
    const FALLBACK: Self = Occupation::Lainnya;
}

/// Reads a legacy-tolerant field and its `_raw` companion from JSON: a raw text given explicitly is kept as is.
fn read_field<T: Copy + std::str::FromStr + LegacyFallback>(
    text: Option<&str>,
    raw: Option<String>,
    table: &[(&str, T)],
    prefixes: bool,
) -> Option<(T, Option<String>)> {
    let (v, found_raw) = legacy_value(text, table, prefixes)?;
    Some((v, raw.or(found_raw)))
}

/// The JSON form of [`Sk`] as read: the issuer is text, so that legacy text is kept rather than rejected.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SkIn {
    number: String,
    #[serde(deserialize_with = "iso_date::date")]
    date: NaiveDate,
    #[serde(default)]
    issuer: Option<String>,
    #[serde(default)]
    issuer_raw: Option<String>,
}

impl From<SkIn> for Sk {
    fn from(s: SkIn) -> Self {
        let (issuer, issuer_raw) = read_field(
            s.issuer.as_deref(),
            s.issuer_raw.clone(),
            ISSUER_SPELLINGS,
            true,
        )
        .unwrap_or((IssuerRole::TidakDiketahui, s.issuer_raw));
        Self {
            number: s.number,
            date: s.date,
            issuer,
            issuer_raw,
        }
    }
}

/// Registration with the kab/kota Dinas (F4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Registration {
    /// The registration number.
    pub number: String,
    /// The registration date.
    #[serde(deserialize_with = "iso_date::date")]
    pub date: NaiveDate,
    /// The registering kab/kota (`PP.KK`).
    pub kab_kota: Kode,
}

impl Registration {
    /// A registration: its number, date and registering kab/kota (`PP.KK`).
    #[must_use]
    pub fn new(number: impl Into<String>, date: NaiveDate, kab_kota: Kode) -> Self {
        Self {
            number: number.into(),
            date,
            kab_kota,
        }
    }
}

/// Formation evidence (F1): attestation only, recorded for the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct FormationEvidence {
    /// Kind of document.
    pub kind: EvidenceKind,
    /// Its number or a reference to where it is kept.
    pub reference: String,
    /// Its date.
    #[serde(default, deserialize_with = "iso_date::option")]
    pub date: Option<NaiveDate>,
}

impl FormationEvidence {
    /// Evidence of this kind, with its number or where it is kept, undated.
    #[must_use]
    pub fn new(kind: EvidenceKind, reference: impl Into<String>) -> Self {
        Self {
            kind,
            reference: reference.into(),
            date: None,
        }
    }

    /// The date of the document.
    #[must_use]
    pub fn dated(mut self, date: NaiveDate) -> Self {
        self.date = Some(date);
        self
    }
}

/// A member of a KIM.
///
/// A role or occupation text that names no [`Role`] / [`Occupation`] (after the legacy spellings of
/// [`crate::vocab::ROLE_SPELLINGS`] and [`crate::vocab::OCCUPATION_SPELLINGS`]) is kept: the value is
/// [`Role::Anggota`] / [`Occupation::Lainnya`] and `role_raw` / `occupation_raw` hold the text as written.
/// Validation flags them (`KIM-LEGACY-ROLE`, `KIM-LEGACY-OCCUPATION`).
///
/// ```
/// use kim_core::{chrono::NaiveDate, registry::{Member, Role}};
/// let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
/// let mut siti = Member::new("m1", "Siti", Role::Ketua);
/// siti.birth_date = Some(d(1990, 1, 1));
/// (siti.term_start, siti.term_end) = (Some(d(2023, 2, 1)), Some(d(2025, 1, 31)));
/// assert!(siti.serves_on(d(2025, 1, 31)) && !siti.serves_on(d(2025, 2, 1))); // the last day is included
/// assert_eq!(siti.age_on(d(2025, 1, 1)), Some(35));
/// assert!(!siti.has_legacy_text());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "MemberIn")]
#[non_exhaustive]
pub struct Member {
    /// Id, unique within the KIM.
    pub id: String,
    /// Full name.
    pub name: String,
    /// NIK, if recorded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nik: Option<Nik>,
    /// Sex.
    pub sex: Option<Sex>,
    /// Date of birth.
    pub birth_date: Option<NaiveDate>,
    /// Role.
    pub role: Role,
    /// The role as written, when it names no [`Role`] (then `role` is [`Role::Anggota`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub role_raw: Option<String>,
    /// Occupation category.
    pub occupation: Occupation,
    /// The occupation as written, when it names no [`Occupation`] (then `occupation` is [`Occupation::Lainnya`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occupation_raw: Option<String>,
    /// First day of the term (membership), if known.
    pub term_start: Option<NaiveDate>,
    /// Last day of the term, inclusive; `None` while serving.
    pub term_end: Option<NaiveDate>,
    /// Police clearance (no legal record), where an overlay asks for it (Surabaya).
    pub clean_record: Option<bool>,
    /// Village of residence, where an overlay asks for it (Palu).
    pub residence: Option<Kode>,
}

/// The JSON form of [`Member`] as read: role and occupation are text, so that legacy text is kept, not rejected.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MemberIn {
    #[serde(deserialize_with = "clean_text")]
    id: String,
    #[serde(deserialize_with = "clean_text")]
    name: String,
    #[serde(default)]
    nik: Option<Nik>,
    #[serde(default)]
    sex: Option<Sex>,
    #[serde(default, deserialize_with = "iso_date::option")]
    birth_date: Option<NaiveDate>,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    role_raw: Option<String>,
    #[serde(default)]
    occupation: Option<String>,
    #[serde(default)]
    occupation_raw: Option<String>,
    #[serde(default, deserialize_with = "iso_date::option")]
    term_start: Option<NaiveDate>,
    #[serde(default, deserialize_with = "iso_date::option")]
    term_end: Option<NaiveDate>,
    #[serde(default)]
    clean_record: Option<bool>,
    #[serde(default)]
    residence: Option<Kode>,
}

impl From<MemberIn> for Member {
    fn from(m: MemberIn) -> Self {
        let (role, role_raw) = read_field(m.role.as_deref(), m.role_raw, ROLE_SPELLINGS, false)
            .unwrap_or((Role::Anggota, None));
        let (occupation, occupation_raw) = read_field(
            m.occupation.as_deref(),
            m.occupation_raw,
            OCCUPATION_SPELLINGS,
            false,
        )
        .unwrap_or((Occupation::TidakDiketahui, None));
        Self {
            id: m.id,
            name: m.name,
            nik: m.nik,
            sex: m.sex,
            birth_date: m.birth_date,
            role,
            role_raw,
            occupation,
            occupation_raw,
            term_start: m.term_start,
            term_end: m.term_end,
            clean_record: m.clean_record,
            residence: m.residence,
        }
    }
}

/// Reads an id or a name under the one text rule ([`crate::vocab::clean_text`]: trimmed, no invisible characters).
fn clean_text<'de, D: serde::Deserializer<'de>>(d: D) -> std::result::Result<String, D::Error> {
    let s = std::borrow::Cow::<'de, str>::deserialize(d)?;
    match crate::vocab::clean_text(&s) {
        Ok(t) if t.len() == s.len() => Ok(s.into_owned()),
        Ok(t) => Ok(t.to_owned()),
        Err(why) => Err(serde::de::Error::custom(why)),
    }
}

/// A problem with a member row that an import rejected, kept on its KIM so that validating the KIM shows it
/// (`KIM-MEMBER-REJECTED`). Values are masked already.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct MemberProblem {
    /// Where: `members[<id>].<field>` (the id masked if it looks like personal data; the row number when the id
    /// is unreadable: `members[line 7].id`).
    pub path: String,
    /// The stable code of the problem, e.g. `KIM-E-NIK`.
    pub code: String,
    /// What is wrong, in English, masked.
    pub message: String,
    /// The 1-based line (CSV) or record number of the rejected row.
    pub line: u64,
}

impl Member {
    /// A plain member with only an id and a name.
    pub fn new(id: impl Into<String>, name: impl Into<String>, role: Role) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            nik: None,
            sex: None,
            birth_date: None,
            role,
            role_raw: None,
            occupation: Occupation::TidakDiketahui,
            occupation_raw: None,
            term_start: None,
            term_end: None,
            clean_record: None,
            residence: None,
        }
    }

    /// True if the role or the occupation was kept as legacy text (validation gives a finding).
    #[must_use]
    pub fn has_legacy_text(&self) -> bool {
        self.role_raw.is_some() || self.occupation_raw.is_some()
    }

    /// True if the member serves on `date`: `term_start ≤ date ≤ term_end`, open ends unbounded.
    #[must_use]
    pub fn serves_on(&self, date: NaiveDate) -> bool {
        self.term_start.is_none_or(|s| s <= date) && self.term_end.is_none_or(|e| date <= e)
    }

    /// Age in whole years on `date`, if the birth date is known.
    #[must_use]
    pub fn age_on(&self, date: NaiveDate) -> Option<u32> {
        self.birth_date.and_then(|b| date.years_since(b))
    }
}

/// A dated status change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct StatusChange {
    /// The day the status took effect.
    #[serde(deserialize_with = "iso_date::date")]
    pub date: NaiveDate,
    /// The new status.
    pub status: Status,
    /// Optional note (e.g. the decree of dissolution).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl StatusChange {
    /// `status` from `date` on, without a note.
    ///
    /// ```
    /// use kim_core::registry::{Status, StatusChange};
    /// let c = StatusChange::new("2024-03-01".parse().unwrap(), Status::Active).with_note("SK 12/2024");
    /// assert_eq!((c.status, c.note.as_deref()), (Status::Active, Some("SK 12/2024")));
    /// ```
    #[must_use]
    pub fn new(date: NaiveDate, status: Status) -> Self {
        Self {
            date,
            status,
            note: None,
        }
    }

    /// A note, e.g. the decree of dissolution.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = Some(note.into());
        self
    }
}

/// One KIM. Built with [`Kim::new`], then its public fields set (the struct may grow, so it has no literal outside
/// the crate).
///
/// ```
/// use kim_core::chrono::NaiveDate;
/// use kim_core::registry::{IssuerRole, Kim, Registry, Sk, Status, StatusChange};
/// use kim_core::wilayah::Kode;
/// let d = |m, day| NaiveDate::from_ymd_opt(2023, m, day).unwrap();
/// let change = StatusChange::new;
/// let mut kim = Kim::new("K1", "KIM Perian", Kode::parse("64.02.01.2001")?);
/// kim.sk = Some(Sk::new("141/05/SK-KIM/2023", d(2, 1), IssuerRole::KepalaDesa));
/// kim.history = vec![change(d(2, 1), Status::Established), change(d(3, 1), Status::Active)];
/// // `established → active` skips registration with the Dinas (F4): not an allowed transition.
/// let err = Registry::from_kims([kim.clone()]).unwrap_err();
/// assert_eq!(err.code(), "KIM-E-TRANSITION");
/// kim.history.insert(1, change(d(2, 20), Status::Registered));
/// let registry = Registry::from_kims([kim])?;
/// let k1 = registry.get("K1").unwrap();
/// assert_eq!((k1.status_on(d(2, 25)), k1.status()), (Some(Status::Registered), Some(Status::Active)));
/// assert_eq!(k1.status_on(d(1, 31)), None); // before its first recorded status
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Kim {
    /// Registry id, unique in a [`Registry`](super::Registry).
    #[serde(deserialize_with = "clean_text")]
    pub id: String,
    /// Name.
    #[serde(deserialize_with = "clean_text")]
    pub name: String,
    /// Type under Pasal 23(2).
    #[serde(default = "default_kind")]
    pub kind: KimType,
    /// Seat: a village code (F2).
    pub seat: Kode,
    /// The establishing decree (F3).
    #[serde(default)]
    pub sk: Option<Sk>,
    /// Registration with the Dinas (F4).
    #[serde(default)]
    pub registration: Option<Registration>,
    /// Formation evidence (F1).
    #[serde(default)]
    pub formation: Option<FormationEvidence>,
    /// Media channels (Pasal 16(2)).
    #[serde(default)]
    pub media: Vec<Media>,
    /// Sectors or fields of activity (Pasal 24), free text.
    #[serde(default)]
    pub sectors: Vec<String>,
    /// True if the KIM has adopted statutes (AD/ART).
    #[serde(default)]
    pub statutes: bool,
    /// Members, past and present (see [`Member::serves_on`]).
    #[serde(default)]
    pub members: Vec<Member>,
    /// Status history, oldest first.
    #[serde(default)]
    pub history: Vec<StatusChange>,
    /// Member rows an import rejected for this KIM, so that its validation reports them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub member_problems: Vec<MemberProblem>,
}

fn default_kind() -> KimType {
    KimType::Informasi
}

impl Kim {
    /// A KIM with only id, name and seat; everything else empty.
    pub fn new(id: impl Into<String>, name: impl Into<String>, seat: Kode) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            kind: KimType::Informasi,
            seat,
            sk: None,
            registration: None,
            formation: None,
            media: Vec::new(),
            sectors: Vec::new(),
            statutes: false,
            members: Vec::new(),
            history: Vec::new(),
            member_problems: Vec::new(),
        }
    }

    /// The status on `date` (the latest change on or before it), or `None` before the first change.
    #[must_use]
    pub fn status_on(&self, date: NaiveDate) -> Option<Status> {
        let i = self.history.partition_point(|c| c.date <= date);
        i.checked_sub(1).map(|i| self.history[i].status)
    }

    /// The current (latest) status.
    #[must_use]
    pub fn status(&self) -> Option<Status> {
        self.history.last().map(|c| c.status)
    }

    /// Members serving on `date`.
    pub fn members_on(&self, date: NaiveDate) -> impl Iterator<Item = &Member> + '_ {
        self.members.iter().filter(move |m| m.serves_on(date))
    }

    /// The latest date of any event of this KIM (status change, term start or end).
    #[must_use]
    pub fn last_event_date(&self) -> Option<NaiveDate> {
        let h = self.history.last().map(|c| c.date);
        let m = self
            .members
            .iter()
            .flat_map(|m| [m.term_start, m.term_end])
            .flatten()
            .max();
        h.max(m)
    }

    /// Checks the internal consistency that the registry guarantees: ids and names under the one text rule
    /// ([`crate::vocab::text_problem`], also for KIMs built in Rust), history in date order with allowed
    /// transitions, unique member ids.
    pub fn check_consistency(&self) -> Result<()> {
        let check = |text: &str, path: &dyn Fn() -> String| match text_problem(text) {
            None => Ok(()),
            Some(why) => Err(Error::JsonAt {
                path: path(),
                message: why,
            }),
        };
        check(&self.id, &|| "id".into())?;
        check(&self.name, &|| "name".into())?;
        for m in &self.members {
            for (field, text) in [("id", &m.id), ("name", &m.name)] {
                check(text, &|| {
                    format!("members[{}].{field}", crate::privacy::mask_value(&m.id))
                })?;
            }
        }
        let mut prev: Option<&StatusChange> = None;
        for c in &self.history {
            if let Some(p) = prev
                && c.date < p.date
            {
                return Err(Error::out_of_order(&self.id, c.date, p.date));
            }
            if !Status::can_follow(prev.map(|p| p.status), c.status) {
                return Err(Error::invalid_transition(
                    &self.id,
                    prev.map(|p| p.status),
                    c.status,
                    c.date,
                ));
            }
            prev = Some(c);
        }
        // Sorting borrowed ids finds whether any repeats without hashing (a KIM has tens of members); only then is
        // the first repeat in member order looked for, so the error names the same member as before.
        let mut ids: Vec<&str> = self.members.iter().map(|m| m.id.as_str()).collect();
        ids.sort_unstable();
        if ids.windows(2).all(|w| w[0] != w[1]) {
            return Ok(());
        }
        let mut seen = HashSet::new();
        for m in &self.members {
            if !seen.insert(m.id.as_str()) {
                return Err(Error::member(&self.id, &m.id, "already exists"));
            }
        }
        Ok(())
    }

    /// This KIM as it was known on `date`: later status changes dropped, later members dropped, later term ends
    /// cleared.
    #[must_use]
    pub fn as_of(&self, date: NaiveDate) -> Kim {
        let mut k = self.clone();
        k.history.retain(|c| c.date <= date);
        k.members.retain(|m| m.term_start.is_none_or(|s| s <= date));
        for m in &mut k.members {
            if m.term_end.is_some_and(|e| e > date) {
                m.term_end = None;
            }
        }
        k
    }
}
