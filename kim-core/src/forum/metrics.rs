//! Forum metrics: [`forum_coverage`], [`kim_forum_affiliation`], [`officer_completeness`]; each a [`Metric`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::ForumRegistry;
use super::model::{ForumLevel, OfficerRole};
use crate::error::Result;
use crate::registry::{Registry, Status};
use crate::wilayah::{Kode, Reference};

/// One metric: numerator over denominator, with the code list and the day it was computed for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Metric {
    /// The metric's name, e.g. `forum_coverage`.
    pub name: String,
    /// The unit it is computed in; `None`: the whole country.
    pub within: Option<Kode>,
    /// Numerator.
    pub numerator: u32,
    /// Denominator.
    pub denominator: u32,
    /// `numerator / denominator`; `None` when the denominator is 0.
    pub ratio: Option<f64>,
    /// The version of the code list used (the KIMs' and units' universe).
    pub code_list_version: String,
    /// The day.
    pub as_of: NaiveDate,
}

impl Metric {
    /// A metric; the ratio is computed here.
    #[must_use]
    pub fn new(
        name: &str,
        within: Option<Kode>,
        numerator: u32,
        denominator: u32,
        code_list_version: &str,
        as_of: NaiveDate,
    ) -> Self {
        Self {
            name: name.to_owned(),
            within,
            numerator,
            denominator,
            ratio: (denominator > 0).then(|| f64::from(numerator) / f64::from(denominator)),
            code_list_version: code_list_version.to_owned(),
            as_of,
        }
    }
}

/// A count as `u32` (saturating).
pub(crate) fn count_units(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Forum coverage: units of `level`'s region level inside `within` (or `within`'s own unit of that level, when it
/// is at or below it) with ≥ 1 active forum of that level for that
/// unit, divided by all such units there (the universe is the code list). For `nasional` the universe is the one
/// country. `Err` if `within` is not in the code list.
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use kim_core::forum::{ForumRegistry, ForumLevel, forum_coverage};
/// use kim_core::wilayah::{Kode, Reference};
/// let forums = ForumRegistry::from_json(include_str!("../../data/sample/forum_kukar.json"))?;
/// let m = forum_coverage(&forums, Reference::embedded(), ForumLevel::Kecamatan, Some(Kode::parse("64.02")?), "2025-06-30".parse().unwrap())?;
/// assert_eq!((m.numerator, m.denominator), (3, 20));
/// # }
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn forum_coverage(
    forums: &ForumRegistry,
    reference: &Reference,
    level: ForumLevel,
    within: Option<Kode>,
    as_of: NaiveDate,
) -> Result<Metric> {
    if let Some(w) = within {
        reference.unit(w)?;
    }
    let active: Vec<&super::Forum> = forums
        .forums()
        .iter()
        .filter(|f| f.level == level && f.is_active_on(as_of))
        .collect();
    let (num, den) = match level.region_level() {
        None => (u32::from(!active.is_empty()), 1),
        Some(l) => {
            // `within` at or below the level: its one unit of that level (the kab/kota forum coverage of Kukar
            // is 0 or 1 of 1).
            let units: Vec<Kode> = match within.and_then(|w| w.ancestor(l)) {
                Some(unit) => vec![unit],
                None => reference.units_at(l, within).map(|u| u.kode).collect(),
            };
            let num = units
                .iter()
                .filter(|u| active.iter().any(|f| f.region == Some(**u)))
                .count();
            (count_units(num), count_units(units.len()))
        }
    };
    Ok(Metric::new(
        "forum_coverage",
        within,
        num,
        den,
        reference.version(),
        as_of,
    ))
}

/// What [`kim_forum_affiliation`] counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
#[non_exhaustive]
pub struct AffiliationOptions {
    /// Count only affiliation that reaches an active forum of this level (directly, or through active lower
    /// forums); `None`: any active forum.
    pub level: Option<ForumLevel>,
    /// KIM statuses that count as active; registered and active by default, as in coverage.
    pub active: Vec<Status>,
}

impl Default for AffiliationOptions {
    fn default() -> Self {
        Self {
            level: None,
            active: vec![Status::Registered, Status::Active],
        }
    }
}

impl AffiliationOptions {
    /// Affiliation reaching a forum of `level`.
    #[must_use]
    pub fn level(mut self, level: ForumLevel) -> Self {
        self.level = Some(level);
        self
    }
}

/// KIM–forum affiliation: active KIMs seated inside `within` with an active membership in an active forum (of
/// `options.level` when set, reached directly or through active lower forums), divided by those active KIMs.
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use kim_core::forum::{AffiliationOptions, ForumLevel, ForumRegistry, kim_forum_affiliation};
/// use kim_core::{registry::Registry, wilayah::{Kode, Reference}};
/// let forums = ForumRegistry::from_json(include_str!("../../data/sample/forum_kukar.json"))?;
/// let kims = Registry::from_json(include_str!("../../data/sample/forum_kukar_kims.json"))?;
/// let opts = AffiliationOptions::default().level(ForumLevel::KabKota);
/// let m = kim_forum_affiliation(&forums, &kims, Reference::embedded(), Some(Kode::parse("64.02")?), &opts, "2025-06-30".parse().unwrap())?;
/// assert!(m.numerator <= m.denominator && m.denominator > 0);
/// # }
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn kim_forum_affiliation(
    forums: &ForumRegistry,
    registry: &Registry,
    reference: &Reference,
    within: Option<Kode>,
    options: &AffiliationOptions,
    as_of: NaiveDate,
) -> Result<Metric> {
    if let Some(w) = within {
        reference.unit(w)?;
    }
    let mut num = 0;
    let mut den = 0;
    for k in registry.kims() {
        let active = k
            .status_on(as_of)
            .is_some_and(|s| options.active.contains(&s));
        if !active || within.is_some_and(|w| !w.contains(k.seat)) {
            continue;
        }
        den += 1;
        let affiliated = match options.level {
            None => !forums.memberships_of(&k.id, as_of).is_empty(),
            Some(l) => forums.forum_of(&k.id, l, as_of).is_some(),
        };
        if affiliated {
            num += 1;
        }
    }
    Ok(Metric::new(
        "kim_forum_affiliation",
        within,
        num,
        den,
        reference.version(),
        as_of,
    ))
}

/// Officer completeness: active forums for a region inside `within` (every forum, nasional included, when
/// `within` is `None`) whose running term has every role of `required` (pembina and pengarah never count),
/// divided by those active forums.
pub fn officer_completeness(
    forums: &ForumRegistry,
    reference: &Reference,
    within: Option<Kode>,
    required: &[OfficerRole],
    as_of: NaiveDate,
) -> Result<Metric> {
    if let Some(w) = within {
        reference.unit(w)?;
    }
    let mut num = 0;
    let mut den = 0;
    for f in forums.forums().iter().filter(|f| f.is_active_on(as_of)) {
        let inside = match (within, f.region) {
            (None, _) => true,
            (Some(w), Some(r)) => w.contains(r),
            (Some(_), None) => false,
        };
        if !inside {
            continue;
        }
        den += 1;
        let complete = f.term_on(as_of, None).is_some_and(|t| {
            required
                .iter()
                .all(|r| r.is_pengurus() && t.officers.iter().any(|o| o.role == *r))
        });
        if complete {
            num += 1;
        }
    }
    Ok(Metric::new(
        "officer_completeness",
        within,
        num,
        den,
        reference.version(),
        as_of,
    ))
}
