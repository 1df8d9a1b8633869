//! Human review and appeal of moderated content, as pure state machines the caller persists (serde).
//!
//! ```text
//! open ──decide──▶ decided ──appeal──▶ appealed ──resolve_appeal──▶ closed
//!                     └──────close──────────────────────────────▶ closed
//! ```
//!
//! - A case opens from a held verdict ([`Case::from_verdict`]) or from a user report ([`Case::open`]).
//! - Deadlines (docs/domain.md §8): 1×24 h for an ordinary case, 4 h for an urgent one (terrorism, child sexual abuse
//!   material, content disturbing public order; Permenkominfo 5/2020), 2×24 h for a complaint and for an appeal
//!   (Pedoman Pemberitaan Media Siber). [`overdue`] lists the cases past their deadline.
//! - Every transition appends an [`AuditEvent`] (actor, role, time, rule-set version, state before and after); the
//!   log can only grow. An invalid transition is [`Error::CaseTransition`] and changes nothing.
//!
//! ```
//! use chrono::{TimeZone, Utc};
//! use kim_core::moderation::{Moderator, review::*};
//! let m = Moderator::default();
//! let v = m.check("VIRAL SEBELUM DIHAPUS! Bantuan tunai Rp5 juta untuk semua warga, daftar lewat link ini");
//! let t0 = Utc.with_ymd_and_hms(2025, 3, 1, 8, 0, 0).unwrap();
//! let mut case = Case::from_verdict("C-1", "KIM-6402-001", "post-77", &v, Urgency::Normal, t0).unwrap();
//! assert_eq!(case.deadline(), t0 + chrono::Duration::hours(24));
//! case.decide("rina", Role::Moderator, Outcome::Remove, "klaim bantuan palsu", Some(HoaxLabel::Disinformasi), t0 + chrono::Duration::hours(2), "kim-default-1")?;
//! case.appeal("pengelola", Role::PengelolaKim, "sumber dari kantor desa", t0 + chrono::Duration::hours(5), "kim-default-1")?;
//! case.resolve_appeal("admin", Role::AdminDiskominfo, AppealOutcome::Upheld, "tidak ada sumber resmi", t0 + chrono::Duration::hours(30), "kim-default-1")?;
//! assert_eq!(case.final_outcome(), Some(Outcome::Remove));
//! assert_eq!(case.audit().len(), 4);
//! assert!(case.appeal("x", Role::PengelolaKim, "lagi", t0 + chrono::Duration::hours(31), "kim-default-1").is_err());
//! # Ok::<(), kim_core::Error>(())
//! ```

use crate::error::ArgumentProblem;
use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

use super::verdict::{Action, Category, Decision, Verdict};
use crate::error::{Error, Result};

mod doc;

pub use doc::CaseBuilder;

/// The old name of [`ReviewRole`], kept for compatibility.
#[doc(hidden)]
pub use ReviewRole as Role;

/// Who acts on a case (not to be confused with [`crate::registry::Role`], a KIM member's role). Formerly
/// `review::Role`, which still names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
// The serde name stays the old one, so every format (and every error message) reads as before the rename.
#[serde(rename = "Role", rename_all = "snake_case")]
pub enum ReviewRole {
    /// The KIM's own manager (*pengelola*).
    PengelolaKim,
    /// A content moderator.
    Moderator,
    /// An administrator at the Diskominfo.
    AdminDiskominfo,
    /// A member of the public reporting content.
    Pelapor,
    /// The author of the content.
    PemilikKonten,
    /// The automatic rules (for the opening event of a held verdict).
    Sistem,
}

impl ReviewRole {
    /// The snake_case name used in JSON (`moderator`, `admin_diskominfo`, …).
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::PengelolaKim => "pengelola_kim",
            Self::Moderator => "moderator",
            Self::AdminDiskominfo => "admin_diskominfo",
            Self::Pelapor => "pelapor",
            Self::PemilikKonten => "pemilik_konten",
            Self::Sistem => "sistem",
        }
    }

    fn can_review(self) -> bool {
        matches!(
            self,
            Self::Moderator | Self::AdminDiskominfo | Self::PengelolaKim
        )
    }

    fn can_appeal(self) -> bool {
        matches!(
            self,
            Self::PengelolaKim | Self::PemilikKonten | Self::Pelapor
        )
    }
}

/// How fast a case must be handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Urgency {
    /// 1×24 hours (a takedown order).
    Normal,
    /// 4 hours: terrorism, child sexual abuse material, content disturbing public order.
    Urgent,
    /// 2×24 hours: a complaint.
    Complaint,
}

impl Urgency {
    /// The time allowed.
    #[must_use]
    pub fn allowed(self) -> Duration {
        match self {
            Self::Normal => Duration::hours(24),
            Self::Urgent => Duration::hours(4),
            Self::Complaint => Duration::hours(48),
        }
    }
}

/// Where a case came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Source {
    /// A verdict held by the automatic rules.
    Hold {
        /// The rule ids that matched.
        rule_ids: Vec<String>,
        /// The lexicon version of the verdict.
        lexicon_version: String,
    },
    /// A report from a user.
    Report {
        /// The reporter's reason (NIKs and phone numbers masked when the case opens).
        reason: String,
    },
}

/// A reviewer's decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Publish as is.
    Approve,
    /// Take down.
    Remove,
    /// Ask the author to edit.
    RequestEdit,
}

/// The outcome of an appeal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppealOutcome {
    /// The decision stands.
    Upheld,
    /// The decision is reversed (remove ↔ approve; a requested edit becomes approve).
    Overturned,
}

/// The reviewer's label for a hoax (docs/domain.md §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoaxLabel {
    /// False, without intent.
    Misinformasi,
    /// False, deliberate.
    Disinformasi,
    /// True but framed to harm.
    Malinformasi,
}

/// The state of a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum State {
    /// Waiting for a reviewer.
    Open,
    /// Decided; may be appealed.
    Decided,
    /// Appealed; waiting for a second reviewer.
    Appealed,
    /// Final.
    Closed,
}

impl State {
    fn name(self) -> &'static str {
        match self {
            Self::Open => "open",
            Self::Decided => "decided",
            Self::Appealed => "appealed",
            Self::Closed => "closed",
        }
    }
}

/// One entry of a case's audit log.
///
/// `Debug` masks the actor (often a phone number) like any personal data; serde keeps it whole, so that a case
/// round-trips, and [`crate::privacy::to_log_json`] masks it for logs.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct AuditEvent {
    /// Position in the log, from 0.
    pub seq: u32,
    /// When.
    pub at: DateTime<Utc>,
    /// Who (an account name or id).
    pub actor: String,
    /// In which role.
    pub role: ReviewRole,
    /// What: `open`, `decide:remove`, `appeal`, `appeal:upheld`, `close`.
    pub action: String,
    /// State before (`None` for the opening event).
    pub before: Option<State>,
    /// State after.
    pub after: State,
    /// Version of the rule set (lexicon) in force.
    pub ruleset_version: String,
    /// The stated reason.
    pub reason: String,
}

impl std::fmt::Debug for AuditEvent {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AuditEvent")
            .field("seq", &self.seq)
            .field("at", &self.at)
            .field("actor", &crate::privacy::mask_text(&self.actor))
            .field("role", &self.role)
            .field("action", &self.action)
            .field("before", &self.before)
            .field("after", &self.after)
            .field("ruleset_version", &self.ruleset_version)
            .field("reason", &self.reason)
            .finish()
    }
}

/// The version of the [`Case`] document. A document without one is read as version 1 (cases written before 0.2).
pub const CASE_SCHEMA_VERSION: u64 = 1;

/// A review case.
///
/// Every field is private: a case changes only through the workflow ([`Case::decide`], [`Case::appeal`], …), so its
/// state always follows from its audit log. Reading one from JSON replays the log ([`Case::verified`]) and checks
/// `schema_version` ([`CASE_SCHEMA_VERSION`]); a forged or edited document is an error, never a case that panics
/// later.
///
/// ```
/// use kim_core::moderation::review::{Case, Source, Urgency};
/// let t0 = chrono::DateTime::parse_from_rfc3339("2025-03-01T08:00:00Z")?.to_utc();
/// let case = Case::builder("C-1", "KIM-6402-001", "post-77", Source::Report { reason: "hoaks".into() })
///     .urgency(Urgency::Urgent)
///     .open(t0);
/// let json = serde_json::to_string(&case)?;
/// assert!(json.starts_with(r#"{"schema_version":1,"#));
/// assert_eq!(serde_json::from_str::<Case>(&json)?, case);
/// let forged = json.replace(r#""state":"open""#, r#""state":"closed""#);
/// assert!(serde_json::from_str::<Case>(&forged).unwrap_err().to_string().contains("audit log"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "doc::CaseDoc")]
pub struct Case {
    schema_version: u64,
    id: String,
    kim_id: String,
    item_id: String,
    categories: Vec<Category>,
    source: Source,
    urgency: Urgency,
    fact_check: bool,
    state: State,
    decision: Option<Outcome>,
    hoax_label: Option<HoaxLabel>,
    final_outcome: Option<Outcome>,
    audit: Vec<AuditEvent>,
}

impl Case {
    /// Opens a case (from a report, or any source) at `at`. [`Case::builder`] does the same with named setters.
    #[must_use]
    #[allow(clippy::too_many_arguments)] // every field is part of the audit record
    pub fn open(
        id: &str,
        kim_id: &str,
        item_id: &str,
        source: Source,
        categories: Vec<Category>,
        urgency: Urgency,
        at: DateTime<Utc>,
        actor: &str,
        role: ReviewRole,
        ruleset_version: &str,
    ) -> Self {
        // A reporter's words are kept masked: the case is persisted and its audit trail is read by many.
        let source = match source {
            Source::Report { reason } => Source::Report {
                reason: crate::privacy::mask_text(&reason),
            },
            hold @ Source::Hold { .. } => hold,
        };
        let reason = match &source {
            Source::Hold { rule_ids, .. } => format!("held by {}", rule_ids.join(", ")),
            Source::Report { reason } => reason.clone(),
        };
        let mut case = Self {
            schema_version: CASE_SCHEMA_VERSION,
            id: id.to_owned(),
            kim_id: kim_id.to_owned(),
            item_id: item_id.to_owned(),
            categories,
            source,
            urgency,
            fact_check: false,
            state: State::Open,
            decision: None,
            hoax_label: None,
            final_outcome: None,
            audit: Vec::new(),
        };
        case.audit.push(AuditEvent {
            seq: 0,
            at,
            actor: actor.to_owned(),
            role,
            action: "open".into(),
            before: None,
            after: State::Open,
            ruleset_version: ruleset_version.to_owned(),
            reason: crate::privacy::mask_text(&reason),
        });
        case
    }

    /// Opens a case for a verdict that holds; `None` if the verdict allows or blocks.
    #[must_use]
    pub fn from_verdict(
        id: &str,
        kim_id: &str,
        item_id: &str,
        verdict: &Verdict,
        urgency: Urgency,
        at: DateTime<Utc>,
    ) -> Option<Self> {
        if verdict.decision != Decision::Hold {
            return None;
        }
        let rule_ids: Vec<String> = verdict
            .matches
            .iter()
            .filter(|m| m.action == Action::Hold)
            .map(|m| m.rule_id.to_string())
            .collect();
        let source = Source::Hold {
            rule_ids,
            lexicon_version: verdict.lexicon_version.clone(),
        };
        let mut case = Self::open(
            id,
            kim_id,
            item_id,
            source,
            verdict.categories.clone(),
            urgency,
            at,
            "kim",
            ReviewRole::Sistem,
            &verdict.lexicon_version,
        );
        case.fact_check = verdict.fact_check;
        Some(case)
    }

    /// The version of this case's document ([`CASE_SCHEMA_VERSION`]).
    #[must_use]
    pub fn schema_version(&self) -> u64 {
        self.schema_version
    }

    /// The case id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The KIM whose content it is.
    #[must_use]
    pub fn kim_id(&self) -> &str {
        &self.kim_id
    }

    /// The content item.
    #[must_use]
    pub fn item_id(&self) -> &str {
        &self.item_id
    }

    /// The categories involved.
    #[must_use]
    pub fn categories(&self) -> &[Category] {
        &self.categories
    }

    /// Where the case came from.
    #[must_use]
    pub fn source(&self) -> &Source {
        &self.source
    }

    /// How fast it must be handled.
    #[must_use]
    pub fn urgency(&self) -> Urgency {
        self.urgency
    }

    /// True if a hoax marker asks for fact-checking.
    #[must_use]
    pub fn fact_check(&self) -> bool {
        self.fact_check
    }

    /// The current state.
    #[must_use]
    pub fn state(&self) -> State {
        self.state
    }

    /// The reviewer's decision, once decided.
    #[must_use]
    pub fn decision(&self) -> Option<Outcome> {
        self.decision
    }

    /// The hoax label given by the reviewer.
    #[must_use]
    pub fn hoax_label(&self) -> Option<HoaxLabel> {
        self.hoax_label
    }

    /// The final outcome, once closed.
    #[must_use]
    pub fn final_outcome(&self) -> Option<Outcome> {
        self.final_outcome
    }

    /// The audit log, oldest first. It only ever grows.
    #[must_use]
    pub fn audit(&self) -> &[AuditEvent] {
        &self.audit
    }

    /// When the current step is due: the opening time plus the urgency's allowance while open; the appeal time plus
    /// 2×24 h while appealed. `None` once decided or closed.
    #[must_use]
    pub fn deadline_opt(&self) -> Option<DateTime<Utc>> {
        match self.state {
            State::Open => Some(self.deadline()),
            State::Appealed => self
                .audit
                .iter()
                .rev()
                .find(|e| e.action == "appeal")
                .map(|e| {
                    e.at.checked_add_signed(Urgency::Complaint.allowed())
                        .unwrap_or(DateTime::<Utc>::MAX_UTC)
                }),
            State::Decided | State::Closed => None,
        }
    }

    /// The deadline of the opening step (opening time plus the urgency's allowance).
    #[must_use]
    pub fn deadline(&self) -> DateTime<Utc> {
        // The log is never empty (every constructor and `Deserialize` ensure it); the fallback only keeps this
        // total.
        let opened = self
            .audit
            .first()
            .map_or(DateTime::<Utc>::MIN_UTC, |e| e.at);
        opened
            .checked_add_signed(self.urgency.allowed())
            .unwrap_or(DateTime::<Utc>::MAX_UTC)
    }

    /// True if the current step is past its deadline at `now`.
    #[must_use]
    pub fn is_overdue(&self, now: DateTime<Utc>) -> bool {
        self.deadline_opt().is_some_and(|d| now > d)
    }

    #[allow(clippy::too_many_arguments)] // every field is part of the audit record
    fn step(
        &mut self,
        action: &'static str,
        label: String,
        allowed: &[State],
        after: State,
        actor: &str,
        role: ReviewRole,
        reason: &str,
        at: DateTime<Utc>,
        ruleset_version: &str,
    ) -> Result<()> {
        if !allowed.contains(&self.state) {
            return Err(Error::CaseTransition {
                case: self.id.clone(),
                state: self.state.name(),
                action,
            });
        }
        if let Some(last) = self.audit.last()
            && at < last.at
        {
            return Err(Error::InvalidArgument {
                name: "at",
                problem: ArgumentProblem::DateOrder,
                message: format!("{at} is before the last audit event ({})", last.at),
            });
        }
        let seq = u32::try_from(self.audit.len()).unwrap_or(u32::MAX);
        self.audit.push(AuditEvent {
            seq,
            at,
            actor: actor.to_owned(),
            role,
            action: label,
            before: Some(self.state),
            after,
            ruleset_version: ruleset_version.to_owned(),
            reason: crate::privacy::mask_text(reason),
        });
        self.state = after;
        Ok(())
    }

    fn require(&self, ok: bool, role: ReviewRole, action: &'static str) -> Result<()> {
        if ok {
            Ok(())
        } else {
            Err(Error::CaseRole {
                case: self.id.clone(),
                role: role.as_str(),
                action,
            })
        }
    }

    /// A reviewer decides. Allowed from `open`, for moderators, Diskominfo admins and the KIM's manager.
    #[allow(clippy::too_many_arguments)] // every field is part of the audit record
    pub fn decide(
        &mut self,
        actor: &str,
        role: ReviewRole,
        outcome: Outcome,
        reason: &str,
        label: Option<HoaxLabel>,
        at: DateTime<Utc>,
        ruleset_version: &str,
    ) -> Result<()> {
        self.require(role.can_review(), role, "decide")?;
        let name = match outcome {
            Outcome::Approve => "decide:approve",
            Outcome::Remove => "decide:remove",
            Outcome::RequestEdit => "decide:request_edit",
        };
        self.step(
            "decide",
            name.into(),
            &[State::Open],
            State::Decided,
            actor,
            role,
            reason,
            at,
            ruleset_version,
        )?;
        self.decision = Some(outcome);
        self.hoax_label = label.or(self.hoax_label);
        Ok(())
    }

    /// The author, the KIM's manager or the reporter appeals. Allowed from `decided`.
    pub fn appeal(
        &mut self,
        actor: &str,
        role: ReviewRole,
        reason: &str,
        at: DateTime<Utc>,
        ruleset_version: &str,
    ) -> Result<()> {
        self.require(role.can_appeal(), role, "appeal")?;
        self.step(
            "appeal",
            "appeal".into(),
            &[State::Decided],
            State::Appealed,
            actor,
            role,
            reason,
            at,
            ruleset_version,
        )
    }

    /// A second reviewer (not the one who decided) upholds or overturns. Allowed from `appealed`; closes the case.
    #[allow(clippy::too_many_arguments)] // every field is part of the audit record
    pub fn resolve_appeal(
        &mut self,
        actor: &str,
        role: ReviewRole,
        outcome: AppealOutcome,
        reason: &str,
        at: DateTime<Utc>,
        ruleset_version: &str,
    ) -> Result<()> {
        self.require(role.can_review(), role, "resolve_appeal")?;
        let decider = self
            .audit
            .iter()
            .rev()
            .find(|e| e.action.starts_with("decide:"))
            .map(|e| e.actor.clone());
        if decider.as_deref() == Some(actor) {
            return Err(Error::InvalidArgument {
                name: "actor",
                problem: ArgumentProblem::Conflict,
                message: "an appeal is resolved by someone other than the first reviewer".into(),
            });
        }
        let label = match outcome {
            AppealOutcome::Upheld => "appeal:upheld",
            AppealOutcome::Overturned => "appeal:overturned",
        };
        self.step(
            "resolve_appeal",
            label.into(),
            &[State::Appealed],
            State::Closed,
            actor,
            role,
            reason,
            at,
            ruleset_version,
        )?;
        self.final_outcome = match (outcome, self.decision) {
            (AppealOutcome::Upheld, d) => d,
            (AppealOutcome::Overturned, Some(Outcome::Approve)) => Some(Outcome::Remove),
            (AppealOutcome::Overturned, _) => Some(Outcome::Approve),
        };
        Ok(())
    }

    /// Closes a decided case without appeal; the decision becomes final.
    pub fn close(
        &mut self,
        actor: &str,
        role: ReviewRole,
        at: DateTime<Utc>,
        ruleset_version: &str,
    ) -> Result<()> {
        self.require(role.can_review(), role, "close")?;
        self.step(
            "close",
            "close".into(),
            &[State::Decided],
            State::Closed,
            actor,
            role,
            "no appeal",
            at,
            ruleset_version,
        )?;
        self.final_outcome = self.decision;
        Ok(())
    }
}

/// The cases past their deadline at `now`, most overdue first.
#[must_use]
pub fn overdue(cases: &[Case], now: DateTime<Utc>) -> Vec<&Case> {
    let mut v: Vec<&Case> = cases.iter().filter(|c| c.is_overdue(now)).collect();
    v.sort_by_key(|c| c.deadline_opt());
    v
}

/// Removed items of one KIM over a period, by category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Sanctions {
    /// The KIM.
    pub kim_id: String,
    /// Start of the period, inclusive.
    pub from: DateTime<Utc>,
    /// End of the period, exclusive.
    pub to: DateTime<Utc>,
    /// Items finally removed in the period.
    pub removed_items: u32,
    /// Per category (an item counts once in each of its categories).
    pub by_category: BTreeMap<Category, u32>,
}

/// Summarises the items of `kim_id` whose final outcome was removal, with the final event in `[from, to)`.
#[must_use]
pub fn sanctions(
    cases: &[Case],
    kim_id: &str,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Sanctions {
    let mut s = Sanctions {
        kim_id: kim_id.to_owned(),
        from,
        to,
        removed_items: 0,
        by_category: BTreeMap::new(),
    };
    for c in cases
        .iter()
        .filter(|c| c.kim_id == kim_id && c.final_outcome == Some(Outcome::Remove))
    {
        let closed_at = c.audit.last().map(|e| e.at);
        if closed_at.is_some_and(|t| from <= t && t < to) {
            s.removed_items += 1;
            for cat in &c.categories {
                *s.by_category.entry(*cat).or_default() += 1;
            }
        }
    }
    s
}
