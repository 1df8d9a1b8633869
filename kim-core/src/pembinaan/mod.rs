//! Pembinaan: the guidance a Dinas gives KIMs (Permenkominfo 4/2024 Pasal 24 ayat (5)–(6), 83–85, 87;
//! docs/domain.md, "Pembinaan").
//!
//! - [`Activity`]: a pembinaan activity of an [`ActivityKind`] (Ps 24(6) huruf a–f, Ps 85 and practice), with its
//!   [`Organizer`], dates, location code, [`Mode`], topics, [`Participant`]s (KIMs or forums, persons, attended or
//!   not) and [`Funding`] (with an optional SIPD code).
//! - [`SarprasGrant`]: a handover of sarana-prasarana: items, quantities, optional values, BAST number.
//! - [`PembinaanData`]: activities and grants, with versioned JSON, CSV import of activities and attendance lists
//!   (*daftar hadir*), and per-KIM queries ([`PembinaanData::attended_by`]).
//! - [`check_pembinaan`]: the rules PB1, PB2, PB3, PB4 and PB7 as findings ([`RULES`]); PB5 and PB6 are the
//!   settings of [`PembinaanOptions`]; PB8 is [`PembinaanReport::recipients`].
//! - Metrics, each a [`Metric`](crate::forum::Metric): [`trained_share_12m`], [`pembinaan_reach_12m`],
//!   [`monev_coverage`], [`kecamatan_reached`], [`spm_kecamatan_coverage`]; tables [`sarpras_summary`] and
//!   [`funding_by_source`]; and [`pembinaan_report`] per unit and period.
//!
//! # What counts
//!
//! - A participation counts only if the KIM attended (PB4) and was active on the activity's **end** date (PB3).
//! - Training is the set [`PembinaanOptions::training`]: by default bimtek, workshop, pelatihan, sarasehan,
//!   literasi and ToT. Sosialisasi, monev and sarpras handovers are not training (PB5) \[I: configurable\].
//! - "The last 12 months" at `as_of` are the activities whose end date lies in `[as_of − 12 months + 1 day,
//!   as_of]`, month-end clamped: at 2025-06-30, from 2024-07-01; at 2024-02-29, from 2023-03-01 (PB6). The
//!   length is [`PembinaanOptions::window_months`].
//!
//! ```
//! use kim_core::pembinaan::{Activity, ActivityKind, MemberRef, Organizer, OrganizerKind, PembinaanOptions};
//! use kim_core::{chrono::NaiveDate, registry::Registry};
//! let registry = Registry::from_json(r#"{"schema_version": 1, "kims": [
//!     {"id": "K1", "name": "KIM Perian", "seat": "64.02.01.2001",
//!      "history": [{"date": "2024-01-10", "status": "active"}]},
//!     {"id": "K2", "name": "KIM Muara Leka", "seat": "64.02.01.2002",
//!      "history": [{"date": "2024-08-10", "status": "registered"}]}]}"#)?;
//! let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
//! let dinas = Organizer::new(OrganizerKind::DinasKabKota, None, "Diskominfo Kukar");
//! let bimtek = Activity::new("A1", "Bimtek KIM", ActivityKind::Bimtek, dinas, d(8, 5), d(8, 6))
//!     .participant(MemberRef::Kim("K1".into()), true)
//!     .participant(MemberRef::Kim("K2".into()), true);
//! let opts = PembinaanOptions::default();
//! let counts = |id| opts.counts(registry.get(id).unwrap(), &bimtek);
//! assert!(counts("K1"));
//! assert!(!counts("K2")); // PB3: not yet registered on the last day of the bimtek
//! assert!(opts.training.contains(&ActivityKind::Bimtek)); // PB5: a bimtek is training
//! # Ok::<(), kim_core::Error>(())
//! ```
//!
//! # JSON shape, `schema_version` 1
//!
//! ```json
//! {"schema_version": 1,
//!  "activities": [{"id": "A1", "title": "Bimtek KIM", "kind": "bimtek",
//!                  "organizer": {"kind": "dinas_kab_kota", "region": "64.02", "name": "Diskominfo Kukar"},
//!                  "start": "2024-08-05", "end": "2024-08-06", "location": "64.02.07", "mode": "luring",
//!                  "topics": ["jurnalistik warga"],
//!                  "participants": [{"kim": "K1", "person": "Siti", "attended": true}, {"forum": "F1"}],
//!                  "funding": [{"source": "apbd_kab_kota", "amount": 25000000, "sipd_code": "2.16.02.2.01.0015"}]}],
//!  "grants": [{"id": "G1", "date": "2024-10-01", "giver": {"kind": "dinas_kab_kota", "region": "64.02"},
//!              "recipient": {"kim": "K1"}, "bast_number": "027/BAST/2024",
//!              "items": [{"kind": "laptop", "quantity": 1, "value": 9000000}]}]}
//! ```

mod checks;
#[cfg(feature = "csv")]
mod import;
#[cfg(feature = "csv")]
pub use import::PembinaanImport;
mod metrics;
mod model;
mod report;

pub use crate::forum::MemberRef;
pub use checks::{PembinaanFindings, RULES, check_pembinaan, sipd_code_ok};
pub use metrics::{
    FundingRow, KecamatanReached, SarprasRow, funding_by_source, kecamatan_reached, monev_coverage,
    pembinaan_reach_12m, sarpras_summary, spm_kecamatan_coverage, trained_share_12m, window,
};
pub use model::{
    Activity, ActivityKind, Funding, FundingSource, GrantItem, ItemKind, Mode, Organizer,
    OrganizerKind, Participant, SarprasGrant,
};
pub use report::{KindCount, PembinaanReport, Recipient, pembinaan_report};

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::SCHEMA_VERSION;
use crate::error::{Error, Result};
use crate::privacy::{mask_text, mask_value};
use crate::registry::{Kim, Status};
use crate::vocab::clean_text;

/// The SIPD sub-kegiatan of 2025 for KIM partnership: "Kemitraan Komunikasi dengan Komunitas Informasi Masyarakat".
pub const SIPD_KIM_2025: &str = "2.16.02.2.01.0015";

/// Settings of the pembinaan metrics, with documented defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct PembinaanOptions {
    /// Kinds that count as training (PB5); default bimtek, workshop, pelatihan, sarasehan, literasi, ToT.
    pub training: Vec<ActivityKind>,
    /// The window of the "12 months" metrics, in months (PB6); default 12.
    pub window_months: u32,
    /// KIM statuses that count as active; registered and active by default, as in coverage.
    pub active: Vec<Status>,
}

impl Default for PembinaanOptions {
    fn default() -> Self {
        Self {
            training: vec![
                ActivityKind::Bimtek,
                ActivityKind::Workshop,
                ActivityKind::Pelatihan,
                ActivityKind::Sarasehan,
                ActivityKind::Literasi,
                ActivityKind::Tot,
            ],
            window_months: 12,
            active: vec![Status::Registered, Status::Active],
        }
    }
}

impl PembinaanOptions {
    /// With another training set.
    #[must_use]
    pub fn training(mut self, kinds: &[ActivityKind]) -> Self {
        self.training = kinds.to_vec();
        self
    }

    /// With another window length in months.
    #[must_use]
    pub fn window_months(mut self, months: u32) -> Self {
        self.window_months = months;
        self
    }

    /// True if KIM `kim` is active on `d`.
    #[must_use]
    pub fn is_active(&self, kim: &Kim, d: NaiveDate) -> bool {
        kim.status_on(d).is_some_and(|s| self.active.contains(&s))
    }

    /// True if `kim`'s participation in `a` counts: it attended (PB4) and was active on the end date (PB3).
    #[must_use]
    pub fn counts(&self, kim: &Kim, a: &Activity) -> bool {
        a.attended_by(&kim.id) && self.is_active(kim, a.end)
    }
}

/// Activities and sarpras grants.
///
/// ```
/// use kim_core::pembinaan::{Activity, ActivityKind, MemberRef, Organizer, OrganizerKind, PembinaanData};
/// use kim_core::chrono::NaiveDate;
/// let d = |m, day| NaiveDate::from_ymd_opt(2024, m, day).unwrap();
/// let dinas = Organizer::new(OrganizerKind::DinasKabKota, None, "Diskominfo Kukar");
/// let activity = |id: &str, m| Activity::new(id, "Bimtek KIM", ActivityKind::Bimtek, dinas.clone(), d(m, 5), d(m, 6))
///     .participant(MemberRef::Kim("K1".into()), true);
/// let data = PembinaanData::from_parts(vec![activity("A2", 9), activity("A1", 3)], vec![])?;
/// let ids: Vec<_> = data.attended_by("K1", d(1, 1), d(12, 31)).iter().map(|a| a.id.as_str()).collect();
/// assert_eq!(ids, ["A1", "A2"]); // in date order
/// assert_eq!(PembinaanData::from_json(&data.to_json())?, data);
/// assert!(PembinaanData::from_parts(vec![activity("A1", 3), activity("A1", 9)], vec![]).is_err()); // ids are unique
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct PembinaanData {
    /// Activities.
    #[serde(default)]
    pub activities: Vec<Activity>,
    /// Grants.
    #[serde(default)]
    pub grants: Vec<SarprasGrant>,
}

#[derive(Serialize)]
struct DataOut<'a> {
    schema_version: u64,
    activities: &'a [Activity],
    grants: &'a [SarprasGrant],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DataIn {
    schema_version: u64,
    #[serde(default)]
    activities: Vec<serde_json::Value>,
    #[serde(default)]
    grants: Vec<serde_json::Value>,
}

fn element<T: serde::de::DeserializeOwned>(
    list: &str,
    i: usize,
    v: &serde_json::Value,
) -> Result<T> {
    T::deserialize(v).map_err(|e| Error::JsonAt {
        path: format!("{list}[{}]", who(v, i)),
        message: mask_text(&e.to_string()),
    })
}

fn who(v: &serde_json::Value, i: usize) -> String {
    v.get("id")
        .and_then(serde_json::Value::as_str)
        .map_or_else(|| i.to_string(), mask_value)
}

impl PembinaanData {
    /// Empty.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// From activities and grants, checked ([`PembinaanData::check_consistency`]).
    pub fn from_parts(activities: Vec<Activity>, grants: Vec<SarprasGrant>) -> Result<Self> {
        let d = Self { activities, grants };
        d.check_consistency()?;
        Ok(d)
    }

    /// Parses pembinaan JSON (see the module docs). A bad element is named by its list and id (or position)
    /// and the field: `activities[A1].end: the activity ends before it starts`.
    ///
    /// ```
    /// use kim_core::pembinaan::PembinaanData;
    /// let bad = r#"{"schema_version": 1, "activities": [{"id": "A1", "title": "Bimtek", "kind": "bimtek",
    ///   "organizer": {"kind": "dinas_kab_kota", "region": "64.02"}, "start": "2024-08-06", "end": "2024-08-05"}]}"#;
    /// let err = PembinaanData::from_json(bad).unwrap_err();
    /// assert_eq!(err.to_string(), "activities[A1].end: the activity ends before it starts");
    /// ```
    pub fn from_json(json: &str) -> Result<Self> {
        let doc: DataIn = serde_json::from_str(json).map_err(|e| Error::from_json(&e))?;
        if doc.schema_version != SCHEMA_VERSION {
            return Err(Error::SchemaVersion {
                found: doc.schema_version,
                supported: SCHEMA_VERSION,
            });
        }
        let activities = doc
            .activities
            .iter()
            .enumerate()
            .map(|(i, v)| element("activities", i, v))
            .collect::<Result<Vec<Activity>>>()?;
        let grants = doc
            .grants
            .iter()
            .enumerate()
            .map(|(i, v)| element("grants", i, v))
            .collect::<Result<Vec<SarprasGrant>>>()?;
        Self::from_parts(activities, grants)
    }

    /// Writes pembinaan JSON with `schema_version` 1. Person names are data: use
    /// [`crate::privacy::to_log_json`] for a log.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string(&DataOut {
            schema_version: SCHEMA_VERSION,
            activities: &self.activities,
            grants: &self.grants,
        })
        .unwrap_or_else(|_| unreachable!("pembinaan types always serialise"))
    }

    /// Checks what makes the data unusable: unique, clean ids and titles; an end on or after the start; grant
    /// quantities above 0. The error names the element and field.
    pub fn check_consistency(&self) -> Result<()> {
        let at = |list: &str, id: &str, field: &str, message: &str| Error::JsonAt {
            path: format!("{list}[{}].{field}", mask_value(id)),
            message: message.to_owned(),
        };
        let mut ids = HashSet::new();
        for a in &self.activities {
            for (field, text) in [("id", &a.id), ("title", &a.title)] {
                if let Err(why) = clean_text(text) {
                    return Err(at("activities", &a.id, field, &why));
                }
            }
            if !ids.insert(a.id.as_str()) {
                return Err(at("activities", &a.id, "id", "activity id used twice"));
            }
            if a.end < a.start {
                return Err(at(
                    "activities",
                    &a.id,
                    "end",
                    "the activity ends before it starts",
                ));
            }
        }
        let mut ids = HashSet::new();
        for g in &self.grants {
            if let Err(why) = clean_text(&g.id) {
                return Err(at("grants", &g.id, "id", &why));
            }
            if !ids.insert(g.id.as_str()) {
                return Err(at("grants", &g.id, "id", "grant id used twice"));
            }
            if let Some(i) = g.items.iter().position(|i| i.quantity == 0) {
                return Err(at(
                    "grants",
                    &g.id,
                    &format!("items[{i}].quantity"),
                    "a quantity of 0",
                ));
            }
        }
        Ok(())
    }

    /// The activity with this id.
    #[must_use]
    pub fn activity(&self, id: &str) -> Option<&Activity> {
        self.activities.iter().find(|a| a.id == id)
    }

    /// The activities that KIM `kim` attended whose end date lies in `[from, to]`, in date order. PB3 (active on
    /// the end date) is the caller's to apply with [`PembinaanOptions::counts`], which needs the KIM's history.
    ///
    /// ```
    /// use kim_core::pembinaan::PembinaanData;
    /// let data = PembinaanData::from_json(include_str!("../../data/sample/forum_kukar_pembinaan.json"))?;
    /// let got = data.attended_by("KIM-6402-001", "2024-01-01".parse().unwrap(), "2025-12-31".parse().unwrap());
    /// assert!(got.iter().any(|a| a.id == "BIMTEK-2024-MMT"));
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[must_use]
    pub fn attended_by(&self, kim: &str, from: NaiveDate, to: NaiveDate) -> Vec<&Activity> {
        let mut out: Vec<&Activity> = self
            .activities
            .iter()
            .filter(|a| from <= a.end && a.end <= to && a.attended_by(kim))
            .collect();
        out.sort_by_key(|a| (a.end, a.start));
        out
    }
}
