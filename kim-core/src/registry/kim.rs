//! The records of one KIM: [`Kim`], its [`Sk`], [`Registration`], [`FormationEvidence`], [`Member`]s and
//! [`StatusChange`]s.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::dates::iso_date;
use super::nik::Nik;
use crate::error::{Error, Result};
use crate::vocab::{EvidenceKind, IssuerRole, KimType, Media, Occupation, Role, Sex, Status};
use crate::wilayah::Kode;

/// The SK (decree) establishing a KIM (F3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sk {
    /// The decree number, free text (e.g. `489/07/401.403.6/2014`).
    pub number: String,
    /// The decree date.
    #[serde(deserialize_with = "iso_date::date")]
    pub date: NaiveDate,
    /// Who signed it.
    pub issuer: IssuerRole,
}

/// Registration with the kab/kota Dinas (F4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// The registration number.
    pub number: String,
    /// The registration date.
    #[serde(deserialize_with = "iso_date::date")]
    pub date: NaiveDate,
    /// The registering kab/kota (`PP.KK`).
    pub kab_kota: Kode,
}

/// Formation evidence (F1): attestation only, recorded for the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormationEvidence {
    /// Kind of document.
    pub kind: EvidenceKind,
    /// Its number or a reference to where it is kept.
    pub reference: String,
    /// Its date.
    #[serde(default, deserialize_with = "iso_date::option")]
    pub date: Option<NaiveDate>,
}

/// A member of a KIM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Id, unique within the KIM.
    pub id: String,
    /// Full name.
    pub name: String,
    /// NIK, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nik: Option<Nik>,
    /// Sex.
    #[serde(default)]
    pub sex: Option<Sex>,
    /// Date of birth.
    #[serde(default, deserialize_with = "iso_date::option")]
    pub birth_date: Option<NaiveDate>,
    /// Role.
    #[serde(default = "default_role")]
    pub role: Role,
    /// Occupation category.
    #[serde(default)]
    pub occupation: Occupation,
    /// First day of the term (membership), if known.
    #[serde(default, deserialize_with = "iso_date::option")]
    pub term_start: Option<NaiveDate>,
    /// Last day of the term, inclusive; `None` while serving.
    #[serde(default, deserialize_with = "iso_date::option")]
    pub term_end: Option<NaiveDate>,
    /// Police clearance (no legal record), where an overlay asks for it (Surabaya).
    #[serde(default)]
    pub clean_record: Option<bool>,
    /// Village of residence, where an overlay asks for it (Palu).
    #[serde(default)]
    pub residence: Option<Kode>,
}

fn default_role() -> Role {
    Role::Anggota
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
            occupation: Occupation::TidakDiketahui,
            term_start: None,
            term_end: None,
            clean_record: None,
            residence: None,
        }
    }

    /// True if the member serves on `date`: `term_start ≤ date ≤ term_end`, open ends unbounded.
    pub fn serves_on(&self, date: NaiveDate) -> bool {
        self.term_start.is_none_or(|s| s <= date) && self.term_end.is_none_or(|e| date <= e)
    }

    /// Age in whole years on `date`, if the birth date is known.
    pub fn age_on(&self, date: NaiveDate) -> Option<u32> {
        self.birth_date.and_then(|b| date.years_since(b))
    }
}

/// A dated status change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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

/// One KIM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kim {
    /// Registry id, unique in a [`Registry`](super::Registry).
    pub id: String,
    /// Name.
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
        }
    }

    /// The status on `date` (the latest change on or before it), or `None` before the first change.
    pub fn status_on(&self, date: NaiveDate) -> Option<Status> {
        let i = self.history.partition_point(|c| c.date <= date);
        i.checked_sub(1).map(|i| self.history[i].status)
    }

    /// The current (latest) status.
    pub fn status(&self) -> Option<Status> {
        self.history.last().map(|c| c.status)
    }

    /// Members serving on `date`.
    pub fn members_on(&self, date: NaiveDate) -> impl Iterator<Item = &Member> + '_ {
        self.members.iter().filter(move |m| m.serves_on(date))
    }

    /// The latest date of any event of this KIM (status change, term start or end).
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

    /// Checks the internal consistency that the registry guarantees: history in date order with allowed
    /// transitions, unique member ids.
    pub fn check_consistency(&self) -> Result<()> {
        let mut prev: Option<&StatusChange> = None;
        for c in &self.history {
            if let Some(p) = prev
                && c.date < p.date
            {
                return Err(Error::OutOfOrder {
                    kim: self.id.clone(),
                    date: c.date,
                    last: p.date,
                });
            }
            if !Status::can_follow(prev.map(|p| p.status), c.status) {
                return Err(Error::InvalidTransition {
                    kim: self.id.clone(),
                    from: prev.map(|p| p.status),
                    to: c.status,
                    date: c.date,
                });
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
                return Err(Error::Member {
                    kim: self.id.clone(),
                    member: m.id.clone(),
                    problem: "already exists",
                });
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
