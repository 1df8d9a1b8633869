//! Reading a [`Case`] from JSON (replayed through the workflow) and building one ([`CaseBuilder`]).

use chrono::{DateTime, Utc};
use serde::Deserialize;

use super::{
    AppealOutcome, AuditEvent, CASE_SCHEMA_VERSION, Case, Category, HoaxLabel, Outcome, ReviewRole,
    Source, State, Urgency,
};
use crate::error::{Error, Result};

/// A case as read from JSON, before [`Case::verified`] checks it.
#[derive(Deserialize)]
pub(super) struct CaseDoc {
    #[serde(default = "one")]
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

fn one() -> u64 {
    1
}

impl TryFrom<CaseDoc> for Case {
    type Error = Error;

    fn try_from(d: CaseDoc) -> Result<Self> {
        if d.schema_version != CASE_SCHEMA_VERSION {
            return Err(Error::SchemaVersion {
                found: d.schema_version,
                supported: CASE_SCHEMA_VERSION,
            });
        }
        Case {
            schema_version: d.schema_version,
            id: d.id,
            kim_id: d.kim_id,
            item_id: d.item_id,
            categories: d.categories,
            source: d.source,
            urgency: d.urgency,
            fact_check: d.fact_check,
            state: d.state,
            decision: d.decision,
            hoax_label: d.hoax_label,
            final_outcome: d.final_outcome,
            audit: d.audit,
        }
        .verified()
    }
}

/// Builds a [`Case`]: [`Case::builder`] takes what identifies it, the setters what has a default, and
/// [`CaseBuilder::open`] the time it opens.
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `open` is called"]
pub struct CaseBuilder {
    id: String,
    kim_id: String,
    item_id: String,
    source: Source,
    categories: Vec<Category>,
    urgency: Urgency,
    fact_check: bool,
    actor: String,
    role: ReviewRole,
    ruleset_version: String,
}

impl Case {
    /// A builder for a case from `source` (see [`CaseBuilder`]); it reads better than [`Case::open`]'s ten
    /// arguments.
    pub fn builder(
        id: impl Into<String>,
        kim_id: impl Into<String>,
        item_id: impl Into<String>,
        source: Source,
    ) -> CaseBuilder {
        CaseBuilder {
            id: id.into(),
            kim_id: kim_id.into(),
            item_id: item_id.into(),
            source,
            categories: Vec::new(),
            urgency: Urgency::Normal,
            fact_check: false,
            actor: "kim".into(),
            role: ReviewRole::Sistem,
            ruleset_version: String::new(),
        }
    }
}

impl CaseBuilder {
    /// The categories involved (default: none).
    pub fn categories(mut self, categories: Vec<Category>) -> Self {
        self.categories = categories;
        self
    }

    /// How fast the case must be handled (default [`Urgency::Normal`]).
    pub fn urgency(mut self, urgency: Urgency) -> Self {
        self.urgency = urgency;
        self
    }

    /// Whether a hoax marker asks for fact-checking (default `false`).
    pub fn fact_check(mut self, fact_check: bool) -> Self {
        self.fact_check = fact_check;
        self
    }

    /// Who opens the case, in which role (default `kim`, [`ReviewRole::Sistem`]).
    pub fn opened_by(mut self, actor: impl Into<String>, role: ReviewRole) -> Self {
        self.actor = actor.into();
        self.role = role;
        self
    }

    /// The version of the rule set in force (default empty).
    pub fn ruleset_version(mut self, version: impl Into<String>) -> Self {
        self.ruleset_version = version.into();
        self
    }

    /// Opens the case at `at`: its audit log starts with the opening event.
    #[must_use]
    pub fn open(self, at: DateTime<Utc>) -> Case {
        let mut case = Case::open(
            &self.id,
            &self.kim_id,
            &self.item_id,
            self.source,
            self.categories,
            self.urgency,
            at,
            &self.actor,
            self.role,
            &self.ruleset_version,
        );
        case.fact_check = self.fact_check;
        case
    }
}

impl Case {
    /// Checks a case read from outside (a stored JSON document): replays its audit log through the workflow — the
    /// first event opens the case, each later one is the step its `action` names, taken by its actor, role and time
    /// — and requires the replayed case to equal this one. A case edited by hand (a forged state, decision, label or
    /// outcome, a step the workflow refuses, an empty log) is an error, so [`Case::deadline`] and the
    /// next step can rely on it. The urgency and the source are not in the log, so they are taken as given.
    ///
    /// # Errors
    ///
    /// [`Error::JsonAt`] at `audit` or `audit[i]`, saying what does not follow.
    pub fn verified(self) -> Result<Case> {
        let forged = |path: String, message: String| Error::JsonAt {
            path,
            message: crate::privacy::mask_text(&format!(
                "{message}; a case changes only through the review workflow"
            )),
        };
        let log = self.audit();
        let Some(first) = log
            .first()
            .filter(|e| e.action == "open" && e.before.is_none())
        else {
            return Err(forged(
                "audit".into(),
                "the audit log does not start with the opening event".into(),
            ));
        };
        let mut r = Case::open(
            &self.id,
            &self.kim_id,
            &self.item_id,
            self.source.clone(),
            self.categories.clone(),
            self.urgency,
            first.at,
            &first.actor,
            first.role,
            &first.ruleset_version,
        );
        r.fact_check = self.fact_check;
        for (i, e) in log.iter().enumerate().skip(1) {
            let (who, role, at, rs) = (e.actor.as_str(), e.role, e.at, e.ruleset_version.as_str());
            let decide =
                |r: &mut Case, o| r.decide(who, role, o, &e.reason, self.hoax_label(), at, rs);
            let step = match e.action.as_str() {
                "decide:approve" => decide(&mut r, Outcome::Approve),
                "decide:remove" => decide(&mut r, Outcome::Remove),
                "decide:request_edit" => decide(&mut r, Outcome::RequestEdit),
                "appeal" => r.appeal(who, role, &e.reason, at, rs),
                "appeal:upheld" => {
                    r.resolve_appeal(who, role, AppealOutcome::Upheld, &e.reason, at, rs)
                }
                "appeal:overturned" => {
                    r.resolve_appeal(who, role, AppealOutcome::Overturned, &e.reason, at, rs)
                }
                "close" => r.close(who, role, at, rs),
                other => {
                    return Err(forged(
                        format!("audit[{i}]"),
                        format!("unknown action {other:?}"),
                    ));
                }
            };
            step.map_err(|err| {
                forged(
                    format!("audit[{i}]"),
                    format!("not a step the workflow allows ({err})"),
                )
            })?;
        }
        if r != self {
            return Err(forged(
                "audit".into(),
                "the state, decision, label or outcome does not follow from the audit log".into(),
            ));
        }
        Ok(self)
    }
}
