//! `kim_review_*`: the human review and appeal workflow (`kim_core::moderation::review`) over JSON case documents.
//!
//! A case is a value the caller stores (a database row, a file): every call takes the case document kim wrote, checks
//! it, applies one step and writes the new document. Nothing is kept between calls.
//!
//! A document is checked by replaying its audit log through the core workflow (`verified`): a case whose state,
//! decision or outcome does not follow from its log (edited by hand, or forged) is refused, so a stored case can only
//! move by the workflow's own steps.

use std::ffi::c_char;

use chrono::{DateTime, Utc};
use kim_core::moderation::Category;
use kim_core::moderation::Verdict;
use kim_core::moderation::review::{Case, HoaxLabel, ReviewRole, Source, Urgency, overdue};
use serde::{Deserialize, Serialize};

use crate::errors::{FfiError, KimStatus};
use crate::handle::{check_out, input_str, parse_json, write_json};
use crate::macros::ffi_call;

/// A case document as kim writes it: the case's own fields (`schema_version` first), then `deadline` (computed,
/// ignored when read back).
#[derive(Serialize)]
struct CaseOut<'a> {
    #[serde(flatten)]
    case: &'a Case,
    deadline: Option<DateTime<Utc>>,
}

/// A case document as read: `schema_version` and the case's fields (unknown ones, such as `deadline`, are ignored).
#[derive(Deserialize)]
struct CaseIn {
    schema_version: u64,
    #[serde(flatten)]
    case: Case,
}

/// Reads a case document. kim-core's `Deserialize` for [`Case`] checks it with [`Case::verified`] (it replays the
/// audit log through the workflow), so a document that is not a case, or a case that does not follow from its log,
/// is `KIM_STATUS_JSON`; then a version other than 1 is `KIM_STATUS_JSON` with `KIM-E-SCHEMA`.
fn verified(json: &str) -> Result<Case, FfiError> {
    let doc: CaseIn = parse_json(json, "case_json")?;
    if doc.schema_version != kim_core::SCHEMA_VERSION {
        return Err(kim_core::Error::SchemaVersion {
            found: doc.schema_version,
            supported: kim_core::SCHEMA_VERSION,
        }
        .into());
    }
    Ok(doc.case)
}

/// Writes a case document.
///
/// # Safety
///
/// `out` is a valid, non-NULL pointer.
unsafe fn write_case(out: *mut *mut c_char, case: &Case) -> Result<(), FfiError> {
    let doc = CaseOut {
        case,
        deadline: case.deadline_opt(),
    };
    // SAFETY: forwarded to the caller.
    unsafe { write_json(out, &doc) }
}

/// A user report, the other way to open a case.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ReportIn {
    reason: String,
    #[serde(default)]
    categories: Vec<Category>,
    actor: String,
    #[serde(default = "pelapor")]
    role: ReviewRole,
    ruleset_version: String,
}

fn pelapor() -> ReviewRole {
    ReviewRole::Pelapor
}

/// The request of [`kim_review_open`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OpenRequest {
    id: String,
    kim_id: String,
    item_id: String,
    #[serde(default = "normal")]
    urgency: Urgency,
    at: Option<DateTime<Utc>>,
    verdict: Option<Verdict>,
    report: Option<ReportIn>,
}

fn normal() -> Urgency {
    Urgency::Normal
}

/// One step: who, in which role, when, under which rule set, why; and for a decision or an appeal's resolution,
/// the outcome.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct StepRequest {
    actor: String,
    role: ReviewRole,
    #[serde(default)]
    reason: String,
    at: Option<DateTime<Utc>>,
    ruleset_version: String,
    outcome: Option<serde_json::Value>,
    hoax_label: Option<HoaxLabel>,
}

impl StepRequest {
    fn at(&self) -> DateTime<Utc> {
        self.at.unwrap_or_else(crate::now_utc)
    }

    fn outcome<T: serde::de::DeserializeOwned>(&self, allowed: &str) -> Result<T, FfiError> {
        let v = self.outcome.clone().ok_or_else(|| {
            FfiError::new(
                KimStatus::KIM_STATUS_JSON,
                "KIM-E-JSON",
                format!("`step_json`: missing field `outcome` ({allowed})"),
            )
        })?;
        serde_json::from_value(v).map_err(|e| {
            FfiError::new(
                KimStatus::KIM_STATUS_JSON,
                "KIM-E-JSON",
                format!("`step_json`: outcome: {e} ({allowed})"),
            )
        })
    }
}

/// Opens a review case. `request_json`: `{"id": "C-1", "kim_id": "KIM-6402-001", "item_id": "post-77",
/// "urgency": "normal"|"urgent"|"complaint", "at": "2025-03-01T08:00:00Z", "verdict": {…}}` with the verdict that
/// `kim_moderate` wrote (it must hold; the case opens as the system, `role` `sistem`), or instead of `verdict` a user
/// report: `"report": {"reason": "…", "categories": ["hoaks"], "actor": "warga-17", "role": "pelapor",
/// "ruleset_version": "kim-default-1"}` (`role` defaults to `pelapor`, `categories` to none). `urgency` defaults to
/// `normal` (decide within 24 h; `urgent` 4 h; `complaint` 48 h, docs/domain.md §8); `at` to now (the machine's
/// clock, in UTC).
///
/// Writes the case document: `{"schema_version":1,"id","kim_id","item_id","categories","source":{"kind":"hold",
/// "rule_ids","lexicon_version"}|{"kind":"report","reason"},"urgency","fact_check","state":"open","decision":null,
/// "hoax_label":null,"final_outcome":null,"audit":[{"seq","at","actor","role","action","before","after",
/// "ruleset_version","reason"}],"deadline":"…"}`. Store it as is and pass it to the other `kim_review_*` calls;
/// `deadline` (the current step's, `null` once decided or closed) is recomputed and ignored when read back.
/// Personal data in a report's reason is masked when the case opens.
///
/// # Safety
///
/// `request_json` points to `request_len` bytes; `out` is a valid pointer. Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_JSON` (not the shape above, unknown fields), `KIM_STATUS_INVALID_ARGUMENT` (neither or both of
/// `verdict` and `report`; a verdict that allows or blocks opens no case), `KIM_STATUS_NULL_POINTER`,
/// `KIM_STATUS_INVALID_UTF8`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_review_open(
    request_json: *const c_char,
    request_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: the caller guarantees the buffer.
        let json = unsafe { input_str(request_json, request_len, "request_json")? };
        let q: OpenRequest = parse_json(json, "request_json")?;
        let at = q.at.unwrap_or_else(crate::now_utc);
        let bad =
            |m: &str| FfiError::new(KimStatus::KIM_STATUS_INVALID_ARGUMENT, "KIM-E-ARGUMENT", m);
        let case = match (&q.verdict, q.report) {
            (Some(v), None) => Case::from_verdict(&q.id, &q.kim_id, &q.item_id, v, q.urgency, at)
                .ok_or_else(|| {
                bad("the verdict does not hold: only a held verdict opens a review case")
            })?,
            (None, Some(r)) => Case::open(
                &q.id,
                &q.kim_id,
                &q.item_id,
                Source::Report { reason: r.reason },
                r.categories,
                q.urgency,
                at,
                &r.actor,
                r.role,
                &r.ruleset_version,
            ),
            _ => {
                return Err(bad(
                    "`request_json` needs exactly one of `verdict` and `report`",
                ));
            }
        };
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_case(out, &case) }
    })
}

/// Which step a `kim_review_*` call takes.
#[derive(Clone, Copy)]
enum Step {
    Decide,
    Appeal,
    Resolve,
    Close,
}

/// The body shared by the step calls: read and check the case, take the step, write the new case.
///
/// # Safety
///
/// The buffers and `out` as in [`kim_review_decide`].
unsafe fn step(
    case_json: *const c_char,
    case_len: usize,
    step_json: *const c_char,
    step_len: usize,
    out: *mut *mut c_char,
    which: Step,
) -> Result<(), FfiError> {
    check_out(out, "out")?;
    // SAFETY: the caller guarantees the buffers.
    let (case, s) = unsafe {
        (
            input_str(case_json, case_len, "case_json")?,
            input_str(step_json, step_len, "step_json")?,
        )
    };
    let mut case = verified(case)?;
    let s: StepRequest = parse_json(s, "step_json")?;
    let (who, role, at, rs) = (s.actor.as_str(), s.role, s.at(), s.ruleset_version.as_str());
    match which {
        Step::Decide => {
            let o = s.outcome("approve, remove or request_edit")?;
            case.decide(who, role, o, &s.reason, s.hoax_label, at, rs)?;
        }
        Step::Appeal => case.appeal(who, role, &s.reason, at, rs)?,
        Step::Resolve => {
            let o = s.outcome("upheld or overturned")?;
            case.resolve_appeal(who, role, o, &s.reason, at, rs)?;
        }
        Step::Close => case.close(who, role, at, rs)?,
    }
    // SAFETY: `out` is valid and non-NULL.
    unsafe { write_case(out, &case) }
}

/// A reviewer decides an open case. `step_json`: `{"actor": "rina", "role": "moderator", "outcome":
/// "approve"|"remove"|"request_edit", "reason": "…", "hoax_label": "misinformasi"|"disinformasi"|"malinformasi",
/// "at": "2025-03-01T10:00:00Z", "ruleset_version": "kim-default-1"}` (`hoax_label`, `reason` optional; `at`
/// defaults to now, UTC). Roles that may decide: `moderator`, `admin_diskominfo`, `pengelola_kim`. Writes the new
/// case document (`state` `decided`). The same `step_json` shape serves every step call; each reads the fields
/// it needs and refuses unknown ones.
///
/// # Safety
///
/// `case_json` points to `case_len` bytes (a case document kim wrote), `step_json` to `step_len` bytes; `out` is a
/// valid pointer. Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_TRANSITION` (`KIM-E-CASE`: a step the case's state or the actor's role does not allow),
/// `KIM_STATUS_INVALID_ARGUMENT` (`at` before the last event; an appeal resolved by the first reviewer),
/// `KIM_STATUS_JSON` (a document that is not a case, or whose audit log does not replay to it: edited or forged),
/// `KIM-E-SCHEMA` (another `schema_version`), `KIM_STATUS_NULL_POINTER`, `KIM_STATUS_INVALID_UTF8`. On error the
/// case is unchanged: keep the stored document.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_review_decide(
    case_json: *const c_char,
    case_len: usize,
    step_json: *const c_char,
    step_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    // SAFETY: the caller's contract is the one `step` needs.
    ffi_call!({ unsafe { step(case_json, case_len, step_json, step_len, out, Step::Decide) } })
}

/// The author (`pemilik_konten`), the KIM's manager (`pengelola_kim`) or the reporter (`pelapor`) appeals a decided
/// case. `step_json` as for [`kim_review_decide`], without `outcome`. Writes the new case (`state` `appealed`; the
/// appeal is due within 48 h).
///
/// # Safety
///
/// As [`kim_review_decide`].
///
/// # Errors
///
/// As [`kim_review_decide`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_review_appeal(
    case_json: *const c_char,
    case_len: usize,
    step_json: *const c_char,
    step_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    // SAFETY: the caller's contract is the one `step` needs.
    ffi_call!({ unsafe { step(case_json, case_len, step_json, step_len, out, Step::Appeal) } })
}

/// A second reviewer (not the one who decided; a reviewing role) resolves an appeal: `"outcome": "upheld"` (the
/// decision stands) or `"overturned"` (remove ↔ approve; a requested edit becomes approve). Closes the case; the
/// document's `final_outcome` is set.
///
/// # Safety
///
/// As [`kim_review_decide`].
///
/// # Errors
///
/// As [`kim_review_decide`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_review_resolve(
    case_json: *const c_char,
    case_len: usize,
    step_json: *const c_char,
    step_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    // SAFETY: the caller's contract is the one `step` needs.
    ffi_call!({ unsafe { step(case_json, case_len, step_json, step_len, out, Step::Resolve) } })
}

/// Closes a decided case without appeal (a reviewing role); the decision becomes `final_outcome`. `step_json` as
/// for [`kim_review_decide`] (`outcome`, `reason` and `hoax_label` are not used).
///
/// # Safety
///
/// As [`kim_review_decide`].
///
/// # Errors
///
/// As [`kim_review_decide`].
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_review_close(
    case_json: *const c_char,
    case_len: usize,
    step_json: *const c_char,
    step_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    // SAFETY: the caller's contract is the one `step` needs.
    ffi_call!({ unsafe { step(case_json, case_len, step_json, step_len, out, Step::Close) } })
}

/// The request of [`kim_review_overdue`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct OverdueRequest {
    cases: Vec<serde_json::Value>,
    now: Option<DateTime<Utc>>,
}

/// One overdue case.
#[derive(Serialize)]
struct OverdueItem<'a> {
    id: &'a str,
    kim_id: &'a str,
    item_id: &'a str,
    state: kim_core::moderation::review::State,
    urgency: Urgency,
    deadline: Option<DateTime<Utc>>,
}

/// The body of [`kim_review_overdue`].
#[derive(Serialize)]
struct OverdueOut<'a> {
    schema_version: u64,
    now: DateTime<Utc>,
    overdue: Vec<OverdueItem<'a>>,
}

/// The cases past the deadline of their current step at `now`, most overdue first. `request_json`:
/// `{"cases": [case documents…], "now": "2025-03-02T09:00:00Z"}` (`now` defaults to the machine's clock, UTC).
/// Writes `{"schema_version":1,"now":…,"overdue":[{"id","kim_id","item_id","state","urgency","deadline"}]}`.
/// Every case is checked as in [`kim_review_decide`].
///
/// # Safety
///
/// `request_json` points to `request_len` bytes; `out` is a valid pointer. Free `*out` with `kim_string_free`.
///
/// # Errors
///
/// `KIM_STATUS_JSON` (with `cases[i]`: a document that is not a case or does not replay), `KIM_STATUS_NULL_POINTER`,
/// `KIM_STATUS_INVALID_UTF8`.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_review_overdue(
    request_json: *const c_char,
    request_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: the caller guarantees the buffer.
        let json = unsafe { input_str(request_json, request_len, "request_json")? };
        let q: OverdueRequest = parse_json(json, "request_json")?;
        let cases = q
            .cases
            .iter()
            .enumerate()
            .map(|(i, v)| {
                verified(&v.to_string()).map_err(|mut e| {
                    e.message = format!("cases[{i}]: {}", e.message);
                    e
                })
            })
            .collect::<Result<Vec<Case>, FfiError>>()?;
        let now = q.now.unwrap_or_else(crate::now_utc);
        let body = OverdueOut {
            schema_version: kim_core::SCHEMA_VERSION,
            now,
            overdue: overdue(&cases, now)
                .into_iter()
                .map(|c| OverdueItem {
                    id: c.id(),
                    kim_id: c.kim_id(),
                    item_id: c.item_id(),
                    state: c.state(),
                    urgency: c.urgency(),
                    deadline: c.deadline_opt(),
                })
                .collect(),
        };
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_json(out, &body) }
    })
}
