//! Criteria fed by kim's own data: removals after moderation review (SC7), validation findings, and forum
//! membership and pembinaan participation.
//!
//! Forums and pembinaan are kept outside this module. Their two criteria read a [`Participation`]: anything that
//! answers, for a KIM and a period, whether it was a Forum KIM member and how many pembinaan sessions it attended.
//! [`ParticipationTable`] is a ready implementation from per-KIM counts and flags supplied by the caller; a forum or
//! pembinaan registry can implement the trait itself. An unknown answer (`None`) is an error when observed, never
//! a 0.

use std::collections::HashMap;

use chrono::NaiveDate;
#[cfg(feature = "moderation")]
use chrono::{DateTime, Utc};

use super::ahp::at;
use super::rubric::Source;
use super::score::Observations;
#[cfg(feature = "moderation")]
use crate::moderation::review::{Case, sanctions};
use crate::rules::Report;
use crate::{Error, Result};

/// Forum KIM membership and pembinaan participation of KIMs over a period.
///
/// ```
/// use kim_core::assessment::{Criterion, Observations, Participation, ParticipationTable, Provenance, Rubric};
/// use kim_core::assessment::{Scale, Source, WeightSpec};
/// use kim_core::chrono::NaiveDate;
/// let rubric = Rubric::new("r", "Contoh", Provenance::illustrative("a doc example"), vec![
///     Criterion::new("bimtek", "Sesi pembinaan", Scale::Range { min: 0.0, max: 12.0, higher_is_better: true })
///         .fed_by(Source::Pembinaan)], WeightSpec::Explicit(vec![1.0]))?;
/// let mut table = ParticipationTable::new();
/// table.set_pembinaan_sessions("K1", 3).set_forum_member("K1", true);
/// let (from, to) = (NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2025, 12, 31).unwrap());
/// assert_eq!(table.forum_member("K1", from, to), Some(true));
/// let mut obs = Observations::new(&rubric);
/// obs.add_kim("K1");
/// obs.fill_pembinaan("bimtek", &table, from, to)?;
/// assert_eq!(obs.get("K1", "bimtek"), Some(3.0));
/// obs.add_kim("K2"); // unknown to the table: an error, not a 0
/// assert!(obs.fill_pembinaan("bimtek", &table, from, to).is_err());
/// # Ok::<(), kim_core::Error>(())
/// ```
pub trait Participation {
    /// Whether the KIM was a member of a Forum KIM at some time in `[from, to]`; `None` when unknown.
    fn forum_member(&self, kim_id: &str, from: NaiveDate, to: NaiveDate) -> Option<bool>;
    /// The number of pembinaan sessions the KIM attended in `[from, to]`; `None` when unknown.
    fn pembinaan_sessions(&self, kim_id: &str, from: NaiveDate, to: NaiveDate) -> Option<u32>;
}

/// Per-KIM participation supplied by the caller for one period (the period is the caller's to keep).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParticipationTable {
    forum: HashMap<String, bool>,
    pembinaan: HashMap<String, u32>,
}

impl ParticipationTable {
    /// An empty table.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }
    /// Records forum membership.
    pub fn set_forum_member(&mut self, kim_id: impl Into<String>, member: bool) -> &mut Self {
        self.forum.insert(kim_id.into(), member);
        self
    }
    /// Records pembinaan sessions attended.
    pub fn set_pembinaan_sessions(
        &mut self,
        kim_id: impl Into<String>,
        sessions: u32,
    ) -> &mut Self {
        self.pembinaan.insert(kim_id.into(), sessions);
        self
    }
}

impl Participation for ParticipationTable {
    fn forum_member(&self, kim_id: &str, _: NaiveDate, _: NaiveDate) -> Option<bool> {
        self.forum.get(kim_id).copied()
    }
    fn pembinaan_sessions(&self, kim_id: &str, _: NaiveDate, _: NaiveDate) -> Option<u32> {
        self.pembinaan.get(kim_id).copied()
    }
}

impl Observations {
    fn fill(&mut self, criterion: &str, mut value: impl FnMut(&str) -> Result<f64>) -> Result<()> {
        let j = self.column(criterion)?;
        for i in 0..self.kim_ids().len() {
            let v = value(&self.kim_ids()[i])?;
            self.set_at(i, j, v);
        }
        Ok(())
    }

    /// Fills `criterion` for every KIM already added with the number of items finally removed after review whose
    /// final audit event lies in `[from, to)` (SC7; the same count as
    /// [`moderation::review::sanctions`](crate::moderation::review::sanctions)). Score it through a band table.
    ///
    /// # Errors
    /// [`Error::JsonAt`] when the criterion is not in the rubric.
    #[cfg(feature = "moderation")]
    #[cfg_attr(docsrs, doc(cfg(feature = "moderation")))]
    pub fn fill_moderation_removals(
        &mut self,
        criterion: &str,
        cases: &[Case],
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<()> {
        self.fill(criterion, |id| {
            Ok(f64::from(sanctions(cases, id, from, to).removed_items))
        })
    }

    /// Fills `criterion` with the number of error findings in each KIM's validation report.
    ///
    /// # Errors
    /// [`Error::JsonAt`] when the criterion is not in the rubric or a KIM has no report (nothing is assumed clean).
    pub fn fill_validation_errors(&mut self, criterion: &str, reports: &[Report]) -> Result<()> {
        let by_id: HashMap<&str, &Report> =
            reports.iter().map(|r| (r.kim_id.as_str(), r)).collect();
        self.fill(criterion, |id| {
            let r = by_id.get(id).ok_or_else(|| {
                at(
                    &format!("observations[{id}].{criterion}"),
                    "no validation report for this KIM".to_owned(),
                )
            })?;
            #[allow(clippy::cast_precision_loss)] // a few findings
            Ok(r.errors().count() as f64)
        })
    }

    /// Fills `criterion` with 1 (member) or 0 from `source` over `[from, to]`.
    ///
    /// # Errors
    /// [`Error::JsonAt`] when the criterion is not in the rubric or the source does not know a KIM.
    pub fn fill_forum_membership(
        &mut self,
        criterion: &str,
        source: &dyn Participation,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<()> {
        self.fill(criterion, |id| {
            source
                .forum_member(id, from, to)
                .map(|m| if m { 1.0 } else { 0.0 })
                .ok_or_else(|| unknown(id, criterion, "forum membership"))
        })
    }

    /// Fills `criterion` with the pembinaan sessions attended over `[from, to]`.
    ///
    /// # Errors
    /// [`Error::JsonAt`] when the criterion is not in the rubric or the source does not know a KIM.
    pub fn fill_pembinaan(
        &mut self,
        criterion: &str,
        source: &dyn Participation,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<()> {
        self.fill(criterion, |id| {
            source
                .pembinaan_sessions(id, from, to)
                .map(f64::from)
                .ok_or_else(|| unknown(id, criterion, "pembinaan participation"))
        })
    }

    /// The criteria of `rubric` fed by `source`, for callers that fill by source.
    #[must_use]
    pub fn criteria_fed_by(rubric: &super::Rubric, source: Source) -> Vec<String> {
        rubric
            .criteria()
            .iter()
            .filter(|c| c.source == source)
            .map(|c| c.id.clone())
            .collect()
    }
}

fn unknown(id: &str, criterion: &str, what: &str) -> Error {
    at(
        &format!("observations[{id}].{criterion}"),
        format!("the participation source does not know this KIM's {what}"),
    )
}
