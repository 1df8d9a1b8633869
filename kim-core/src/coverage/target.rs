//! Target tracking: trailing pace and projected date towards a coverage target.

use crate::error::ArgumentProblem;
use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::series::{SeriesDates, coverage_series};
use super::{CoverageOptions, ratio};
use crate::error::{Error, Result};
use crate::registry::Registry;
use crate::wilayah::Reference;

/// A coverage target: reach `ratio` of villages by `date`.
///
/// ```
/// use kim_core::coverage::{CoverageOptions, Target, target_progress};
/// use kim_core::{chrono::NaiveDate, registry::Registry, wilayah::{Kode, Reference}};
/// let reference = Reference::from_tsv("64\tKalimantan Timur\n64.02\tKabupaten Kutai Kartanegara\n\
///     64.02.01\tMuara Muntai\n64.02.01.2001\tPerian\n64.02.01.2002\tMuara Leka\n\
///     64.02.01.2003\tMuara Aloh\n64.02.01.2004\tJantur\n")?;
/// let registry = Registry::new();
/// let opts = CoverageOptions::new(NaiveDate::from_ymd_opt(2025, 6, 30).unwrap()).within(Kode::parse("64.02")?);
/// let target = Target::new(1.5, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap());
/// assert!(target_progress(&registry, &reference, &opts, target).is_err()); // a ratio is in [0, 1]
/// let none = target_progress(&registry, &reference, &opts, Target::new(0.5, target.date))?;
/// assert_eq!((none.villages_needed, none.projected_date), (2, None)); // no pace, no projection
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Target {
    /// Target village coverage ratio in [0, 1].
    pub ratio: f64,
    /// Target date.
    pub date: NaiveDate,
    /// Trailing window for the pace, in months (default 12).
    pub window_months: u32,
}

impl Target {
    /// A target of `ratio` (0–1) of villages by `date`, with the pace taken over the trailing 12 months.
    ///
    /// ```
    /// use kim_core::coverage::Target;
    /// let t = Target::new(0.5, "2027-12-31".parse().unwrap()).window_months(6);
    /// assert_eq!((t.ratio, t.window_months), (0.5, 6));
    /// ```
    #[must_use]
    pub fn new(ratio: f64, date: NaiveDate) -> Self {
        Self {
            ratio,
            date,
            window_months: 12,
        }
    }

    /// The trailing window for the pace, in months (at least 1).
    #[must_use]
    pub fn window_months(mut self, months: u32) -> Self {
        self.window_months = months;
        self
    }
}

/// Progress towards a [`Target`] on `as_of`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TargetProgress {
    /// The target.
    pub target: Target,
    /// The date of the assessment.
    pub as_of: NaiveDate,
    /// Villages with an active KIM on `as_of`.
    pub villages_with_kim: u32,
    /// Villages in the unit.
    pub villages: u32,
    /// Current ratio.
    pub ratio: Option<f64>,
    /// Villages still needed to reach the target (0 if reached).
    pub villages_needed: u32,
    /// Net villages gained per month over the trailing window.
    pub pace_per_month: f64,
    /// The date the target would be reached at that pace (`as_of` if already reached; `None` if the pace is ≤ 0).
    pub projected_date: Option<NaiveDate>,
    /// True if the projected date is on or before the target date.
    pub on_time: bool,
}

/// Pace and projected date towards a coverage target for the `within` unit on `options.as_of`.
///
/// ```
/// use kim_core::coverage::{CoverageOptions, Target, target_progress};
/// use kim_core::{chrono::NaiveDate, registry::Registry, wilayah::{Kode, Reference}};
/// let reference = Reference::from_tsv("64\tKalimantan Timur\n64.02\tKabupaten Kutai Kartanegara\n\
///     64.02.01\tMuara Muntai\n64.02.01.2001\tPerian\n64.02.01.2002\tMuara Leka\n\
///     64.02.01.2003\tMuara Aloh\n64.02.01.2004\tJantur\n")?;
/// let registry = Registry::from_json(r#"{"schema_version": 1, "kims": [
///     {"id": "K1", "name": "KIM Perian", "seat": "64.02.01.2001",
///      "history": [{"date": "2024-01-31", "status": "active"}]},
///     {"id": "K2", "name": "KIM Muara Leka", "seat": "64.02.01.2002",
///      "history": [{"date": "2024-07-15", "status": "registered"}]}]}"#)?;
/// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
/// let opts = CoverageOptions::new(day(2025, 6, 30)).within(Kode::parse("64.02")?);
/// // Every village of the unit by the end of 2026, at the pace of the last 12 months.
/// let target = Target::new(1.0, day(2026, 12, 31));
/// let p = target_progress(&registry, &reference, &opts, target)?;
/// assert_eq!((p.villages_with_kim, p.villages, p.villages_needed), (2, 4, 2));
/// assert!((p.pace_per_month - 1.0 / 12.0).abs() < 1e-12); // one village gained in 12 months
/// assert_eq!(p.projected_date, Some(day(2027, 6, 30)));  // 2 more villages take 24 months
/// assert!(!p.on_time);
/// # Ok::<(), kim_core::Error>(())
/// ```
// The float-to-integer casts below act on values checked to be finite, non-negative and below 12,000.
#[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
pub fn target_progress(
    registry: &Registry,
    reference: &Reference,
    options: &CoverageOptions,
    target: Target,
) -> Result<TargetProgress> {
    if !(0.0..=1.0).contains(&target.ratio) {
        return Err(Error::InvalidArgument {
            name: "target.ratio",
            problem: ArgumentProblem::OutOfRange,
            message: format!("{} is not in [0, 1]", target.ratio),
        });
    }
    if target.window_months == 0 {
        return Err(Error::InvalidArgument {
            name: "target.window_months",
            problem: ArgumentProblem::OutOfRange,
            message: "must be at least 1".into(),
        });
    }
    let start = options
        .as_of
        .checked_sub_months(Months::new(target.window_months))
        .ok_or(Error::InvalidArgument {
            name: "target.window_months",
            problem: ArgumentProblem::OutOfRange,
            message: "window reaches before year 1".into(),
        })?;
    let series = coverage_series(
        registry,
        reference,
        options,
        &SeriesDates::Dates(vec![start, options.as_of]),
    )?;
    let (then, now) = match series.as_slice() {
        [a, b] => (a, b),
        [only] => (only, only),
        _ => unreachable!("two dates in, at most two points out"),
    };
    let villages = now.villages.total;
    let covered = now.villages_with_kim.total;
    // Villages needed: ceil(ratio * villages) - covered, in integers to avoid rounding surprises.
    let goal = (target.ratio * f64::from(villages)).ceil();
    let goal = if goal.is_finite() && goal >= 0.0 {
        goal as u64
    } else {
        0
    };
    let needed = u32::try_from(goal.saturating_sub(u64::from(covered))).unwrap_or(u32::MAX);
    let pace = (f64::from(covered) - f64::from(then.villages_with_kim.total))
        / f64::from(target.window_months);
    let projected = if needed == 0 {
        Some(options.as_of)
    } else if pace > 0.0 {
        let months = (f64::from(needed) / pace).ceil();
        if months < 12_000.0 {
            options.as_of.checked_add_months(Months::new(months as u32))
        } else {
            None
        }
    } else {
        None
    };
    Ok(TargetProgress {
        target,
        as_of: options.as_of,
        villages_with_kim: covered,
        villages,
        ratio: ratio(covered, villages),
        villages_needed: needed,
        pace_per_month: pace,
        projected_date: projected,
        on_time: projected.is_some_and(|p| p <= target.date),
    })
}
