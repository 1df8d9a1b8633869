//! Forum KIM: the bodies that federate KIMs at four levels (docs/domain.md, "Forums").
//!
//! Permenkominfo 4/2024 has no forum provision: "forum" appears only as a joint activity of the Dinas with KIMs
//! (Pasal 24 ayat (6) huruf c). Everything here is observed practice \[L/N\], kept as data and settings, and
//! **forum membership is never a condition of a KIM's validity** (FR1): [`crate::rules::validate`] does not read
//! forums at all.
//!
//! - [`Forum`]: a forum at one [`ForumLevel`] (kecamatan, kab/kota, provinsi, nasional) with its region, its
//!   [`Instrument`]s (SK, pengukuhan, akta: date and issuer role), its [`Term`]s (*masa bakti*) with [`Officer`]s,
//!   a dated [`ForumStatus`] (draft, dikukuhkan, vakum, dibubarkan) and dated [`Membership`]s of KIMs or forums.
//! - [`ForumRegistry`]: a set of forums with unique ids, versioned JSON, and per-KIM queries
//!   ([`ForumRegistry::memberships_of`], [`ForumRegistry::forum_of`]).
//! - [`check_forums`]: the rules FR1–FR13 as findings with stable codes ([`RULES`]).
//! - [`forum_coverage`], [`kim_forum_affiliation`], [`officer_completeness`]: metrics, each a [`Metric`] with
//!   numerator, denominator, ratio, code-list version and `as_of`.
//!
//! # Active on a day (FR9)
//!
//! A forum is active on `d` iff its status on `d` is `dikukuhkan` and `d` lies in one of its terms. A term runs
//! from `start` to `end` inclusive; without `end`, to `start + years − 1 day` (FR8: 2023-05-25 for 3 years ends
//! 2026-05-24); without either, it is open. When every term has ended the forum's state is
//! [`ForumState::TermExpired`], which is not [`ForumState::Dibubarkan`] (dissolved). A membership is active on `d`
//! iff `from ≤ d` and (`to` is empty or `d ≤ to`).
//!
//! ```
//! use kim_core::chrono::NaiveDate;
//! use kim_core::forum::{Forum, ForumLevel, ForumRegistry, ForumStatus, MemberRef, Term};
//! use kim_core::wilayah::Kode;
//! let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
//! let forum = |id: &str, level, region: &str, member| -> kim_core::Result<Forum> {
//!     Ok(Forum::new(id, format!("Forum KIM {id}"), level, Some(Kode::parse(region)?))
//!         .status(d(2023, 5, 25), ForumStatus::Dikukuhkan)
//!         .term(Term::new(d(2023, 5, 25)).years(3)) // FR8: to 2026-05-24
//!         .member(member, d(2023, 5, 25)))
//! };
//! let forums = ForumRegistry::from_forums([
//!     forum("FK-640201", ForumLevel::Kecamatan, "64.02.01", MemberRef::Kim("K1".into()))?,
//!     forum("FK-6402", ForumLevel::KabKota, "64.02", MemberRef::Forum("FK-640201".into()))?,
//! ])?;
//! // K1 belongs to the kab/kota forum through its kecamatan forum, while both are active.
//! let of = |date| forums.forum_of("K1", ForumLevel::KabKota, date).map(|f| f.id.as_str());
//! assert_eq!(of(d(2025, 6, 30)), Some("FK-6402"));
//! assert_eq!(of(d(2026, 5, 25)), None); // the terms have ended
//! # Ok::<(), kim_core::Error>(())
//! ```
//!
//! # JSON shape, `schema_version` 1
//!
//! ```json
//! {"schema_version": 1, "forums": [{
//!   "id": "FK-6402", "name": "Forum KIM Kukar", "level": "kab_kota", "region": "64.02",
//!   "instruments": [{"kind": "pengukuhan", "number": "800/123/2022", "date": "2022-07-12",
//!                    "issuer_role": "Kadiskominfo Kukar"}],
//!   "terms": [{"start": "2022-07-12", "years": 3,
//!              "officers": [{"name": "Rahmat", "role": "ketua", "kim": "K1"}]}],
//!   "history": [{"date": "2022-07-12", "status": "dikukuhkan"}],
//!   "members": [{"kim": "K1", "from": "2022-07-12"}, {"forum": "FK-640201", "from": "2023-01-01", "to": null}]
//! }]}
//! ```

mod checks;
mod metrics;
mod model;
mod report;

pub use checks::{ForumRules, RULES, RuleInfo, check_forums};
pub(crate) use metrics::count_units;
pub use metrics::{
    AffiliationOptions, Metric, forum_coverage, kim_forum_affiliation, officer_completeness,
};
pub use model::{
    Forum, ForumLevel, ForumState, ForumStatus, ForumStatusChange, Instrument, InstrumentKind,
    MemberRef, Membership, Officer, OfficerRole, Term,
};
pub use report::ForumReport;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::SCHEMA_VERSION;
use crate::error::{Error, Result};

/// A set of forums with unique ids, in insertion order.
///
/// ```
/// use kim_core::forum::{ForumRegistry, ForumLevel, ForumState};
/// let forums = ForumRegistry::from_json(include_str!("../../data/sample/forum_kukar.json"))?;
/// let kukar = forums.get("FK-6402").unwrap();
/// assert_eq!(kukar.level, ForumLevel::KabKota);
/// assert_eq!(kukar.state_on("2022-07-11".parse().unwrap()), ForumState::NotYetRecorded);
/// assert_eq!(kukar.state_on("2022-07-12".parse().unwrap()), ForumState::Active);
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ForumRegistry {
    forums: Vec<Forum>,
    by_id: HashMap<String, usize>,
}

#[derive(Serialize)]
struct ForumsOut<'a> {
    schema_version: u64,
    forums: &'a [Forum],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ForumsIn {
    schema_version: u64,
    #[serde(default)]
    forums: Vec<serde_json::Value>,
}

impl ForumRegistry {
    /// An empty registry.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds a registry, checking unique ids and each forum's consistency ([`Forum::check_consistency`]).
    pub fn from_forums(forums: impl IntoIterator<Item = Forum>) -> Result<Self> {
        let mut r = Self::new();
        for f in forums {
            r.insert(f)?;
        }
        Ok(r)
    }

    /// Adds a forum after checking that its id is new and that it is consistent.
    pub fn insert(&mut self, forum: Forum) -> Result<()> {
        if self.by_id.contains_key(&forum.id) {
            return Err(Error::JsonAt {
                path: format!("forums[{}].id", forum.id),
                message: "forum id used twice".into(),
            });
        }
        forum.check_consistency()?;
        self.by_id.insert(forum.id.clone(), self.forums.len());
        self.forums.push(forum);
        Ok(())
    }

    /// Number of forums.
    #[must_use]
    pub fn len(&self) -> usize {
        self.forums.len()
    }

    /// True if empty.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.forums.is_empty()
    }

    /// The forum with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Forum> {
        self.by_id.get(id).map(|&i| &self.forums[i])
    }

    /// All forums, in insertion order.
    #[must_use]
    pub fn forums(&self) -> &[Forum] {
        &self.forums
    }

    /// Parses forum JSON (see the module docs). A bad forum is named by its id or position and the field
    /// (`forums[FK-6402].terms[0].start: …`).
    ///
    /// ```
    /// use kim_core::forum::ForumRegistry;
    /// let bad = r#"{"schema_version": 1, "forums": [{"id": "F1", "name": "Forum", "level": "kab_kota",
    ///              "region": "64.02", "members": [{"kim": "K1", "from": "2023-13-01"}]}]}"#;
    /// let err = ForumRegistry::from_json(bad).unwrap_err();
    /// assert!(err.to_string().starts_with("forums[F1]"), "{err}");
    /// ```
    pub fn from_json(json: &str) -> Result<Self> {
        let doc: ForumsIn = serde_json::from_str(json).map_err(|e| Error::from_json(&e))?;
        if doc.schema_version != SCHEMA_VERSION {
            return Err(Error::SchemaVersion {
                found: doc.schema_version,
                supported: SCHEMA_VERSION,
            });
        }
        let mut r = Self::new();
        for (i, v) in doc.forums.iter().enumerate() {
            r.insert(Forum::from_json_value(v, i)?)?;
        }
        Ok(r)
    }

    /// Writes forum JSON with `schema_version` 1.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(&ForumsOut {
            schema_version: SCHEMA_VERSION,
            forums: &self.forums,
        })
        .unwrap_or_else(|_| unreachable!("forum types always serialise"))
    }

    /// The active memberships of KIM `kim` on `date` in forums active on `date`, lowest level first.
    ///
    /// ```
    /// use kim_core::forum::ForumRegistry;
    /// let forums = ForumRegistry::from_json(include_str!("../../data/sample/forum_kukar.json"))?;
    /// let on = "2024-06-30".parse().unwrap();
    /// let ids: Vec<&str> = forums.memberships_of("KIM-6402-001", on).iter().map(|(f, _)| f.id.as_str()).collect();
    /// assert_eq!(ids, ["FK-640201"]);
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[must_use]
    pub fn memberships_of(&self, kim: &str, date: NaiveDate) -> Vec<(&Forum, &Membership)> {
        let mut out: Vec<(&Forum, &Membership)> = self
            .forums
            .iter()
            .filter(|f| f.is_active_on(date))
            .flat_map(|f| {
                f.members
                    .iter()
                    .filter(move |m| m.member.kim() == Some(kim) && m.is_active_on(date))
                    .map(move |m| (f, m))
            })
            .collect();
        out.sort_by_key(|(f, _)| f.level);
        out
    }

    /// The active forum of `level` that KIM `kim` belongs to on `date`, directly or through active lower forums
    /// (a KIM in an active kecamatan forum that is an active member of an active kab/kota forum belongs to that
    /// kab/kota forum). The first found when the data break FR6.
    #[must_use]
    pub fn forum_of(&self, kim: &str, level: ForumLevel, date: NaiveDate) -> Option<&Forum> {
        let mut frontier: Vec<&Forum> = self
            .memberships_of(kim, date)
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        let mut seen: Vec<&str> = Vec::new();
        while let Some(f) = frontier.pop() {
            if f.level == level {
                return Some(f);
            }
            if seen.contains(&f.id.as_str()) {
                continue;
            }
            seen.push(&f.id);
            frontier.extend(self.parents_of(&f.id, date));
        }
        None
    }

    /// The active forums that forum `id` is an active member of on `date`.
    pub fn parents_of(&self, id: &str, date: NaiveDate) -> impl Iterator<Item = &Forum> + '_ {
        let id = id.to_owned();
        self.forums.iter().filter(move |f| {
            f.is_active_on(date)
                && f.members
                    .iter()
                    .any(|m| m.member.forum() == Some(id.as_str()) && m.is_active_on(date))
        })
    }
}
