//! Dated changes: [`Event`]s applied to a [`Registry`] in date order, and [`Registry::as_of`], which rebuilds what
//! was true on any day.

use std::collections::HashSet;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Registry;
use super::dates::iso_date;
use super::kim::{Kim, Member, StatusChange};
use crate::error::{Error, Result};
use crate::vocab::Status;

/// What an [`Event`] changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Change {
    /// A status change.
    Status {
        /// The new status.
        status: Status,
    },
    /// A member joins; their `term_start` becomes the event date.
    Join {
        /// The member.
        member: Member,
    },
    /// A member leaves; the event date is their last day (`term_end`).
    Leave {
        /// The member id.
        member_id: String,
    },
}

/// One KIM's member ids and the latest term date of its members (see `Registry::members`).
#[derive(Debug, Clone, Default)]
pub(super) struct MemberCache {
    ids: HashSet<String>,
    last: Option<NaiveDate>,
}

impl MemberCache {
    fn of(kim: &Kim) -> Self {
        Self {
            ids: kim.members.iter().map(|m| m.id.clone()).collect(),
            last: kim
                .members
                .iter()
                .flat_map(|m| [m.term_start, m.term_end])
                .flatten()
                .max(),
        }
    }
}

/// A dated change to one KIM. In JSON the change is flattened into the event:
/// `{"date": "2024-05-02", "kim": "K1", "change": "leave", "member_id": "m1"}`.
///
/// ```
/// use kim_core::registry::{Change, Event, Status};
/// let json = r#"{"date": "2024-05-02", "kim": "K1", "change": "status", "status": "inactive"}"#;
/// let e: Event = serde_json::from_str(json).unwrap();
/// assert_eq!(e.change, Change::Status { status: Status::Inactive });
/// assert_eq!(e.date.to_string(), "2024-05-02");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Event {
    /// The day it took effect.
    #[serde(deserialize_with = "iso_date::date")]
    pub date: NaiveDate,
    /// The KIM id.
    pub kim: String,
    /// The change.
    #[serde(flatten)]
    pub change: Change,
}

impl Event {
    /// A change to the KIM `kim` on `date`.
    #[must_use]
    pub fn new(date: NaiveDate, kim: impl Into<String>, change: Change) -> Self {
        Self {
            date,
            kim: kim.into(),
            change,
        }
    }
}

impl Registry {
    /// Applies one dated event. Events of one KIM must come in date order; an event dated before the KIM's latest
    /// recorded change is [`Error::OutOfOrder`]. A disallowed status change is [`Error::InvalidTransition`].
    ///
    /// ```
    /// use kim_core::chrono::NaiveDate;
    /// use kim_core::registry::{Change, Event, Kim, Member, Registry, Role};
    /// use kim_core::wilayah::Kode;
    /// let mut reg = Registry::from_kims([Kim::new("K1", "KIM Perian", Kode::parse("64.02.01.2001")?)])?;
    /// let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    /// let on = |m, d, change| Event::new(day(m, d), "K1", change);
    /// reg.apply(&on(1, 10, Change::Join { member: Member::new("m1", "Siti", Role::Ketua) }))?;
    /// reg.apply(&on(6, 30, Change::Leave { member_id: "m1".into() }))?;
    /// let siti = &reg.get("K1").unwrap().members[0];
    /// assert_eq!((siti.term_start, siti.term_end), (Some(day(1, 10)), Some(day(6, 30))));
    /// // Events of one KIM come in date order.
    /// let late = reg.apply(&on(3, 1, Change::Join { member: Member::new("m2", "Budi", Role::Anggota) }));
    /// assert_eq!(late.unwrap_err().code(), "KIM-E-ORDER");
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn apply(&mut self, event: &Event) -> Result<()> {
        let &i = self
            .by_id
            .get(&event.kim)
            .ok_or_else(|| Error::unknown_kim(&event.kim))?;
        self.index = OnceLock::new();
        if self.members.len() != self.kims.len() {
            self.members = self.kims.iter().map(MemberCache::of).collect();
        }
        let cache = &mut self.members[i];
        let kim = &mut self.kims[i];
        // `Kim::last_event_date`, without walking every member.
        if let Some(last) = kim.history.last().map(|c| c.date).max(cache.last)
            && event.date < last
        {
            return Err(Error::out_of_order(&kim.id, event.date, last));
        }
        match &event.change {
            Change::Status { status } => {
                let from = kim.status();
                if !Status::can_follow(from, *status) {
                    return Err(Error::invalid_transition(
                        &kim.id, from, *status, event.date,
                    ));
                }
                kim.history.push(StatusChange {
                    date: event.date,
                    status: *status,
                    note: None,
                });
            }
            Change::Join { member } => {
                if cache.ids.contains(&member.id) {
                    return Err(Error::member(&kim.id, &member.id, "already exists"));
                }
                let mut m = member.clone();
                m.term_start = Some(event.date);
                m.term_end = None;
                kim.members.push(m);
                cache.ids.insert(member.id.clone());
                cache.last = cache.last.max(Some(event.date));
            }
            Change::Leave { member_id } => {
                let m = kim
                    .members
                    .iter_mut()
                    .find(|m| &m.id == member_id && m.term_end.is_none())
                    .ok_or_else(|| {
                        Error::member(&event.kim, member_id, "is unknown or has already left")
                    })?;
                m.term_end = Some(event.date);
                cache.last = cache.last.max(Some(event.date));
            }
        }
        Ok(())
    }

    /// The registry as it was known on `date`: see [`Kim::as_of`](super::Kim::as_of). Equal to applying, in order, only the events
    /// dated on or before `date`.
    ///
    /// ```
    /// use kim_core::chrono::NaiveDate;
    /// use kim_core::registry::{Change, Event, Kim, Member, Registry, Role, Status};
    /// use kim_core::wilayah::Kode;
    /// let day = |m, d| NaiveDate::from_ymd_opt(2024, m, d).unwrap();
    /// let mut reg = Registry::from_kims([Kim::new("K1", "KIM Perian", Kode::parse("64.02.01.2001")?)])?;
    /// for (date, change) in [
    ///     (day(1, 10), Change::Status { status: Status::Active }),
    ///     (day(1, 10), Change::Join { member: Member::new("m1", "Siti", Role::Ketua) }),
    ///     (day(3, 1), Change::Join { member: Member::new("m2", "Budi", Role::Anggota) }),
    ///     (day(6, 30), Change::Leave { member_id: "m1".into() }),
    ///     (day(7, 1), Change::Status { status: Status::Inactive }),
    /// ] {
    ///     reg.apply(&Event::new(date, "K1", change))?;
    /// }
    /// let then = reg.as_of(day(2, 1));
    /// let k1 = then.get("K1").unwrap();
    /// assert_eq!((k1.status(), k1.members.len()), (Some(Status::Active), 1)); // Budi had not joined yet
    /// assert_eq!(k1.members[0].term_end, None); // Siti's leaving was not known on 1 February
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[must_use]
    pub fn as_of(&self, date: NaiveDate) -> Registry {
        Registry {
            kims: self.kims.iter().map(|k| k.as_of(date)).collect(),
            by_id: self.by_id.clone(),
            index: OnceLock::new(),
            members: Vec::new(),
        }
    }
}
