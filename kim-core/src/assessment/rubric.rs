//! Rubrics: criteria, how each is scored (a range or a band table), and their weights (explicit or AHP).
//!
//! A rubric is data (JSON, see `examples/data/rubric_lomba_illustrative.json`) and is checked as a whole when it
//! is built: every problem names its place (`criteria[1].bands[2]`, `weights.ahp[3][0]`).

use serde::{Deserialize, Serialize};

use super::ahp::{Ahp, DEFAULT_MAX_CR, at, check_matrix};
use super::bands::BandTable;
use crate::{Error, Result};

/// Tolerance of SC2: explicit weights sum to 1 ± 1e-6.
pub const WEIGHT_SUM_TOLERANCE: f64 = 1e-6;

/// How a criterion's raw value becomes a score on 0–100.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Scale {
    /// Linear on `[min, max]`: `min` scores 0 and `max` 100, or the reverse with `higher_is_better = false`. A
    /// value outside the range is an error, never clamped silently.
    Range {
        /// Lowest value.
        min: f64,
        /// Highest value.
        max: f64,
        /// Whether a higher value scores higher (default true).
        #[serde(default = "yes")]
        higher_is_better: bool,
    },
    /// A band table (SC4).
    Bands(BandTable),
}

fn yes() -> bool {
    true
}

/// Where a criterion's values come from. The data-fed sources have helpers on
/// [`Observations`](super::Observations); `manual` values are set by the caller.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Source {
    /// Supplied by the caller (a jury's mark, a count from elsewhere).
    #[default]
    Manual,
    /// Items removed after review in the period, from the moderation review log (SC7).
    ModerationRemovals,
    /// Error findings of the KIM's validation report on the date.
    ValidationErrors,
    /// Forum KIM membership in the period (1 member, 0 not), from a [`Participation`](super::Participation).
    ForumMembership,
    /// Pembinaan sessions attended in the period, from a [`Participation`](super::Participation).
    Pembinaan,
}

/// One criterion of a rubric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Criterion {
    /// Stable id, used in observations and outputs (`administrasi`).
    pub id: String,
    /// A label for people.
    pub label: String,
    /// How values are scored.
    pub scale: Scale,
    /// Where the values come from.
    #[serde(default)]
    pub source: Source,
}

impl Criterion {
    /// A manual criterion.
    ///
    /// ```
    /// use kim_core::assessment::{Criterion, Scale, Source};
    /// let c = Criterion::new("pelanggaran", "Pelanggaran per tahun",
    ///     Scale::Range { min: 0.0, max: 10.0, higher_is_better: false });
    /// assert_eq!(c.score(2.5, "pelanggaran")?, 75.0);
    /// assert!(c.score(11.0, "pelanggaran").is_err()); // outside the range: an error, never clamped
    /// assert_eq!(c.fed_by(Source::ValidationErrors).source, Source::ValidationErrors);
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn new(id: impl Into<String>, label: impl Into<String>, scale: Scale) -> Self {
        Self {
            id: id.into(),
            label: label.into(),
            scale,
            source: Source::Manual,
        }
    }

    /// The same criterion fed from `source`.
    #[must_use]
    pub fn fed_by(mut self, source: Source) -> Self {
        self.source = source;
        self
    }

    /// The score (0–100) of a raw value; `path` names it in an error.
    ///
    /// # Errors
    /// [`Error::JsonAt`] at `path` when the value is not finite or outside the range or domain.
    #[inline]
    pub fn score(&self, value: f64, path: &str) -> Result<f64> {
        match &self.scale {
            Scale::Range {
                min,
                max,
                higher_is_better,
            } => {
                if !(value.is_finite() && *min <= value && value <= *max) {
                    return Err(at(
                        path,
                        format!("{value} is outside the range [{min}, {max}]"),
                    ));
                }
                let s = (value - min) / (max - min) * 100.0;
                Ok(if *higher_is_better { s } else { 100.0 - s })
            }
            Scale::Bands(t) => t.score(value, path),
        }
    }
}

/// How weights are given.
///
/// ```
/// use kim_core::assessment::{Criterion, Provenance, Rubric, Scale, WeightSpec};
/// let pct = Scale::Range { min: 0.0, max: 100.0, higher_is_better: true };
/// let build = |weights| Rubric::new("r", "Contoh", Provenance::illustrative("a doc example"),
///     vec![Criterion::new("a", "A", pct.clone()), Criterion::new("b", "B", pct.clone())], weights);
/// assert_eq!(build(WeightSpec::Explicit(vec![0.7, 0.3]))?.weights(), [0.7, 0.3]);
/// // SC2: explicit weights sum to 1.
/// let err = build(WeightSpec::Explicit(vec![0.7, 0.4])).unwrap_err();
/// assert!(err.to_string().starts_with("weights.explicit"));
/// // SC3: "a is 4 times as important as b".
/// let r = build(WeightSpec::Ahp(vec![vec![1.0, 4.0], vec![0.25, 1.0]]))?;
/// assert!((r.weights()[0] - 0.8).abs() < 1e-9 && r.ahp().is_some());
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum WeightSpec {
    /// One weight per criterion, in criterion order: finite, ≥ 0, summing to 1 ± 1e-6 (SC2).
    Explicit(Vec<f64>),
    /// A pairwise comparison matrix in criterion order (SC3).
    Ahp(Vec<Vec<f64>>),
}

/// Where a rubric comes from. A rubric not adopted by an authority must say it is illustrative.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Provenance {
    /// Who set it, and in which document (`"Juknis Lomba KIM Kab. X 2025"`), or what it was built from.
    pub source: String,
    /// True when no authority adopted it (an example, a draft).
    pub illustrative: bool,
}

/// The serialised form of a rubric (what JSON holds).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct RubricSpec {
    id: String,
    title: String,
    provenance: Provenance,
    criteria: Vec<Criterion>,
    weights: WeightSpec,
    #[serde(default = "default_max_cr")]
    max_cr: f64,
}

fn default_max_cr() -> f64 {
    DEFAULT_MAX_CR
}

/// A checked rubric with its resolved weights.
///
/// ```
/// use kim_core::assessment::Rubric;
/// let r = Rubric::from_json(r#"{"id": "lomba", "title": "Lomba KIM (contoh)",
///     "provenance": {"source": "a doc example", "illustrative": true},
///     "criteria": [{"id": "konten", "label": "Konten", "scale": {"kind": "range", "min": 0, "max": 10}},
///                  {"id": "jejaring", "label": "Jejaring", "scale": {"kind": "range", "min": 0, "max": 5}}],
///     "weights": {"explicit": [0.75, 0.25]}}"#)?;
/// assert_eq!((r.id(), r.position("jejaring")), ("lomba", Some(1)));
/// assert!(r.provenance().illustrative);
/// assert_eq!(Rubric::from_json(&r.to_json())?, r);
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Rubric {
    spec: RubricSpec,
    weights: Vec<f64>,
    ahp: Option<Ahp>,
}

impl Rubric {
    /// Builds and checks a rubric. `max_cr` defaults to [`DEFAULT_MAX_CR`]; change it with [`Rubric::with_max_cr`].
    ///
    /// ```
    /// use kim_core::assessment::{Criterion, Provenance, Rubric, Scale, WeightSpec};
    /// let pct = Scale::Range { min: 0.0, max: 100.0, higher_is_better: true };
    /// let r = Rubric::new("r", "Contoh", Provenance::illustrative("a doc example"),
    ///     vec![Criterion::new("a", "A", pct.clone()), Criterion::new("b", "B", pct)],
    ///     WeightSpec::Ahp(vec![vec![1.0, 3.0], vec![1.0 / 3.0, 1.0]]))?;
    /// assert!((r.weights()[0] - 0.75).abs() < 1e-12);
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::JsonAt`] naming the first problem: no criteria, a duplicate or empty id, a bad scale or band table,
    /// weights that are not one per criterion, not finite, negative or do not sum to 1, an AHP matrix that is
    /// malformed or inconsistent (CR ≥ `max_cr`), or an empty provenance.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        provenance: Provenance,
        criteria: Vec<Criterion>,
        weights: WeightSpec,
    ) -> Result<Self> {
        Self::from_spec(RubricSpec {
            id: id.into(),
            title: title.into(),
            provenance,
            criteria,
            weights,
            max_cr: DEFAULT_MAX_CR,
        })
    }

    /// The same rubric re-checked with another CR threshold (SC3 "configurable").
    ///
    /// # Errors
    /// As [`Rubric::new`].
    pub fn with_max_cr(self, max_cr: f64) -> Result<Self> {
        let mut spec = self.spec;
        spec.max_cr = max_cr;
        Self::from_spec(spec)
    }

    /// Reads a rubric from JSON.
    ///
    /// # Errors
    /// [`Error::Json`] for malformed JSON, [`Error::JsonAt`] for a rubric that fails a check.
    pub fn from_json(text: &str) -> Result<Self> {
        let spec: RubricSpec = serde_json::from_str(text).map_err(|e| Error::Json {
            line: e.line(),
            column: e.column(),
            message: e.to_string(),
        })?;
        Self::from_spec(spec)
    }

    /// Writes the rubric as JSON (the form [`Rubric::from_json`] reads).
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&self.spec).unwrap_or_default()
    }

    /// The id.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.spec.id
    }
    /// The title.
    #[must_use]
    pub fn title(&self) -> &str {
        &self.spec.title
    }
    /// The provenance.
    #[must_use]
    pub fn provenance(&self) -> &Provenance {
        &self.spec.provenance
    }
    /// The criteria, in order.
    #[must_use]
    pub fn criteria(&self) -> &[Criterion] {
        &self.spec.criteria
    }
    /// The resolved weights, one per criterion, summing to 1.
    #[must_use]
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }
    /// The AHP figures when the weights come from a matrix.
    #[must_use]
    pub fn ahp(&self) -> Option<&Ahp> {
        self.ahp.as_ref()
    }
    /// The CR threshold.
    #[must_use]
    pub fn max_cr(&self) -> f64 {
        self.spec.max_cr
    }
    /// The index of the criterion with this id.
    #[must_use]
    pub fn position(&self, criterion: &str) -> Option<usize> {
        self.spec.criteria.iter().position(|c| c.id == criterion)
    }
}

impl Provenance {
    /// An illustrative rubric built from `source`.
    pub fn illustrative(source: impl Into<String>) -> Self {
        Self {
            source: source.into(),
            illustrative: true,
        }
    }

    /// A rubric adopted by an authority, in the document `source`.
    pub fn adopted(source: impl Into<String>) -> Self {
        Self {
            source: source.into(),
            illustrative: false,
        }
    }
}

impl Serialize for Rubric {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        self.spec.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Rubric {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let spec = RubricSpec::deserialize(d)?;
        Self::from_spec(spec).map_err(serde::de::Error::custom)
    }
}

impl Rubric {
    fn from_spec(spec: RubricSpec) -> Result<Self> {
        if spec.id.trim().is_empty() {
            return Err(at("id", "a rubric needs an id".to_owned()));
        }
        if spec.provenance.source.trim().is_empty() {
            return Err(at(
                "provenance.source",
                "say where the rubric comes from (a document, or what an illustrative one was built from)".to_owned(),
            ));
        }
        if spec.criteria.is_empty() {
            return Err(at(
                "criteria",
                "a rubric needs at least one criterion".to_owned(),
            ));
        }
        for (i, c) in spec.criteria.iter().enumerate() {
            let here = format!("criteria[{i}]");
            if c.id.trim().is_empty() {
                return Err(at(&format!("{here}.id"), "empty criterion id".to_owned()));
            }
            if spec.criteria[..i].iter().any(|d| d.id == c.id) {
                return Err(at(
                    &format!("{here}.id"),
                    format!("duplicate criterion id {:?}", c.id),
                ));
            }
            match &c.scale {
                Scale::Range { min, max, .. } => {
                    if !(min.is_finite() && max.is_finite() && min < max) {
                        return Err(at(
                            &format!("{here}.scale"),
                            format!("range [{min}, {max}] must be finite with min < max"),
                        ));
                    }
                }
                Scale::Bands(t) => t.check(&format!("{here}.scale"))?,
            }
        }
        let n = spec.criteria.len();
        let (weights, ahp) = match &spec.weights {
            WeightSpec::Explicit(w) => (check_explicit(w, n)?, None),
            WeightSpec::Ahp(m) => {
                check_matrix(m, "weights.ahp")?;
                if m.len() != n {
                    return Err(at(
                        "weights.ahp",
                        format!("the matrix has {} rows for {n} criteria", m.len()),
                    ));
                }
                let a = Ahp::compute(m)?;
                a.check(spec.max_cr, "weights.ahp")?;
                (a.weights.clone(), Some(a))
            }
        };
        Ok(Self { spec, weights, ahp })
    }
}

/// Checks explicit weights (SC2).
///
/// # Errors
/// [`Error::JsonAt`] at `weights.explicit[i]` or `weights.explicit`.
pub fn check_explicit(w: &[f64], n: usize) -> Result<Vec<f64>> {
    if w.len() != n {
        return Err(at(
            "weights.explicit",
            format!(
                "{} weights for {n} criteria: give one per criterion",
                w.len()
            ),
        ));
    }
    for (i, &x) in w.iter().enumerate() {
        if !(x.is_finite() && x >= 0.0) {
            return Err(at(
                &format!("weights.explicit[{i}]"),
                format!("a weight is a finite number ≥ 0, got {x}"),
            ));
        }
    }
    let sum: f64 = w.iter().sum();
    if (sum - 1.0).abs() > WEIGHT_SUM_TOLERANCE {
        return Err(at(
            "weights.explicit",
            format!("the weights sum to {sum}, not 1 (SC2; tolerance {WEIGHT_SUM_TOLERANCE})"),
        ));
    }
    Ok(w.to_vec())
}
