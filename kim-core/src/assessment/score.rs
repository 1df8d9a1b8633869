//! Observations (raw values per KIM and criterion) and scores (SC5: total = Σ wᵢ · scoreᵢ on 0–100).

use crate::error::ArgumentProblem;
use std::collections::HashMap;

use serde::{Serialize, Serializer, ser::SerializeStruct};

use super::ahp::at;
use super::rubric::Rubric;
use crate::{Error, Result};

/// Raw values of a rubric's criteria for a list of KIMs: a row per KIM, a column per criterion, in the rubric's
/// criterion order. A value not set is missing, and scoring a missing value is an error naming the KIM and the
/// criterion (nothing is scored 0 silently).
///
/// ```
/// use kim_core::assessment::{Criterion, Observations, Provenance, Rubric, Scale, WeightSpec, score};
/// let pct = Scale::Range { min: 0.0, max: 100.0, higher_is_better: true };
/// let rubric = Rubric::new("r", "Contoh", Provenance::illustrative("a doc example"),
///     vec![Criterion::new("konten", "Konten", pct.clone()), Criterion::new("jejaring", "Jejaring", pct)],
///     WeightSpec::Explicit(vec![0.5, 0.5]))?;
/// let mut obs = Observations::new(&rubric);
/// obs.push("K1", &[80.0, 60.0])?;
/// obs.set("K2", "konten", 90.0)?; // adds K2; its "jejaring" is still missing
/// assert_eq!(obs.kim_ids(), ["K1", "K2"]);
/// assert!(obs.get("K2", "jejaring").is_some_and(f64::is_nan));
/// let err = score(&rubric, &obs).unwrap_err();
/// assert_eq!(err.to_string(), "observations[K2].jejaring: missing value: set it, or leave the KIM out");
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Observations {
    criteria: Vec<String>,
    kim_ids: Vec<String>,
    index: HashMap<String, usize>,
    values: Vec<f64>,
}

impl Observations {
    /// Empty observations for the rubric's criteria.
    #[must_use]
    pub fn new(rubric: &Rubric) -> Self {
        Self {
            criteria: rubric.criteria().iter().map(|c| c.id.clone()).collect(),
            kim_ids: Vec::new(),
            index: HashMap::new(),
            values: Vec::new(),
        }
    }

    /// Adds a KIM with every value missing; returns its row. Adding a KIM twice returns its existing row.
    pub fn add_kim(&mut self, kim_id: &str) -> usize {
        if let Some(&i) = self.index.get(kim_id) {
            return i;
        }
        let i = self.kim_ids.len();
        self.kim_ids.push(kim_id.to_owned());
        self.index.insert(kim_id.to_owned(), i);
        self.values
            .extend(std::iter::repeat_n(f64::NAN, self.criteria.len()));
        i
    }

    /// Adds a KIM with all its values, in criterion order.
    ///
    /// # Errors
    /// [`Error::JsonAt`] when the number of values is not the number of criteria; [`Error::DuplicateKim`] when the
    /// KIM is already there.
    pub fn push(&mut self, kim_id: &str, values: &[f64]) -> Result<()> {
        if values.len() != self.criteria.len() {
            return Err(at(
                &format!("observations[{kim_id}]"),
                format!(
                    "{} values for {} criteria",
                    values.len(),
                    self.criteria.len()
                ),
            ));
        }
        if self.index.contains_key(kim_id) {
            return Err(Error::duplicate_kim(kim_id));
        }
        let i = self.add_kim(kim_id);
        let k = self.criteria.len();
        self.values[i * k..(i + 1) * k].copy_from_slice(values);
        Ok(())
    }

    /// Sets one value, adding the KIM if needed.
    ///
    /// # Errors
    /// [`Error::JsonAt`] when the criterion is not in the rubric.
    pub fn set(&mut self, kim_id: &str, criterion: &str, value: f64) -> Result<()> {
        let j = self.column(criterion)?;
        let i = self.add_kim(kim_id);
        let k = self.criteria.len();
        self.values[i * k + j] = value;
        Ok(())
    }

    /// The column of a criterion.
    ///
    /// # Errors
    /// [`Error::JsonAt`] when the criterion is not in the rubric.
    pub fn column(&self, criterion: &str) -> Result<usize> {
        self.criteria
            .iter()
            .position(|c| c == criterion)
            .ok_or_else(|| {
                at(
                    criterion,
                    format!(
                        "no criterion {criterion:?} in the rubric (criteria: {})",
                        self.criteria.join(", ")
                    ),
                )
            })
    }

    pub(crate) fn set_at(&mut self, row: usize, col: usize, value: f64) {
        let k = self.criteria.len();
        self.values[row * k + col] = value;
    }

    /// The KIM ids, in row order.
    #[must_use]
    pub fn kim_ids(&self) -> &[String] {
        &self.kim_ids
    }

    /// The criterion ids, in column order.
    #[must_use]
    pub fn criteria(&self) -> &[String] {
        &self.criteria
    }

    /// One value (NaN when missing).
    #[must_use]
    pub fn get(&self, kim_id: &str, criterion: &str) -> Option<f64> {
        let i = *self.index.get(kim_id)?;
        let j = self.criteria.iter().position(|c| c == criterion)?;
        Some(self.values[i * self.criteria.len() + j])
    }
}

/// Scores of a list of KIMs under one rubric: per-criterion scores (0–100) and totals (0–100).
///
/// ```
/// use kim_core::assessment::{Criterion, Observations, Provenance, Rubric, Scale, WeightSpec, score};
/// let rubric = Rubric::new("r", "Contoh", Provenance::illustrative("a doc example"), vec![
///     Criterion::new("kegiatan", "Kegiatan per bulan", Scale::Range { min: 0.0, max: 10.0, higher_is_better: true }),
///     Criterion::new("juri", "Nilai juri", Scale::Range { min: 0.0, max: 100.0, higher_is_better: true }),
/// ], WeightSpec::Explicit(vec![0.6, 0.4]))?;
/// let mut obs = Observations::new(&rubric);
/// obs.push("K1", &[5.0, 100.0])?;
/// obs.push("K2", &[10.0, 50.0])?;
/// let scores = score(&rubric, &obs)?;
/// let k1 = scores.get("K1").unwrap();
/// assert_eq!(k1.scores, [50.0, 100.0]);
/// assert_eq!(k1.contributions(), [30.0, 40.0]); // wᵢ · scoreᵢ, summing to the total
/// assert_eq!(scores.totals(), [70.0, 80.0]);
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Scores {
    rubric_id: String,
    criteria: Vec<String>,
    weights: Vec<f64>,
    kim_ids: Vec<String>,
    by_criterion: Vec<f64>,
    totals: Vec<f64>,
}

/// One KIM's scores, borrowed from [`Scores`].
#[derive(Debug, Clone, Copy, PartialEq)]
#[non_exhaustive]
pub struct ScoreRow<'a> {
    /// The KIM.
    pub kim_id: &'a str,
    /// The total, 0–100, unrounded.
    pub total: f64,
    /// The score of each criterion, 0–100, in criterion order.
    pub scores: &'a [f64],
    /// The weights, in criterion order.
    pub weights: &'a [f64],
}

impl ScoreRow<'_> {
    /// Each criterion's contribution to the total, `wᵢ · scoreᵢ` (they sum to the total).
    #[must_use]
    pub fn contributions(&self) -> Vec<f64> {
        self.scores
            .iter()
            .zip(self.weights)
            .map(|(s, w)| s * w)
            .collect()
    }
}

impl Scores {
    /// The rubric id.
    #[must_use]
    pub fn rubric_id(&self) -> &str {
        &self.rubric_id
    }
    /// The criterion ids.
    #[must_use]
    pub fn criteria(&self) -> &[String] {
        &self.criteria
    }
    /// The weights.
    #[must_use]
    pub fn weights(&self) -> &[f64] {
        &self.weights
    }
    /// Number of KIMs.
    #[must_use]
    pub fn len(&self) -> usize {
        self.kim_ids.len()
    }
    /// True when no KIM was scored.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.kim_ids.is_empty()
    }
    /// The totals, in row order.
    #[must_use]
    pub fn totals(&self) -> &[f64] {
        &self.totals
    }
    /// Row `i`.
    ///
    /// # Panics
    /// When `i >= self.len()`.
    #[must_use]
    pub fn row(&self, i: usize) -> ScoreRow<'_> {
        let k = self.criteria.len();
        ScoreRow {
            kim_id: &self.kim_ids[i],
            total: self.totals[i],
            scores: &self.by_criterion[i * k..(i + 1) * k],
            weights: &self.weights,
        }
    }
    /// Every row.
    pub fn rows(&self) -> impl Iterator<Item = ScoreRow<'_>> + '_ {
        (0..self.len()).map(|i| self.row(i))
    }
    /// The row of a KIM.
    #[must_use]
    pub fn get(&self, kim_id: &str) -> Option<ScoreRow<'_>> {
        self.kim_ids
            .iter()
            .position(|k| k == kim_id)
            .map(|i| self.row(i))
    }
}

impl Serialize for Scores {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Row<'a> {
            kim_id: &'a str,
            total: f64,
            scores: &'a [f64],
            contributions: Vec<f64>,
        }
        let mut st = s.serialize_struct("Scores", 5)?;
        st.serialize_field("schema_version", &crate::SCHEMA_VERSION)?;
        st.serialize_field("rubric", &self.rubric_id)?;
        st.serialize_field("criteria", &self.criteria)?;
        st.serialize_field("weights", &self.weights)?;
        let rows: Vec<Row<'_>> = self
            .rows()
            .map(|r| Row {
                kim_id: r.kim_id,
                total: r.total,
                scores: r.scores,
                contributions: r.contributions(),
            })
            .collect();
        st.serialize_field("rows", &rows)?;
        st.end()
    }
}

/// Scores every KIM of `obs` under `rubric` (SC5). Totals are not rounded; round only for display.
///
/// # Errors
/// [`Error::JsonAt`] at `observations[KIM].CRITERION` for the first missing value, or a value outside its
/// criterion's range or band domain; [`Error::InvalidArgument`] when `obs` was made for another rubric's criteria.
pub fn score(rubric: &Rubric, obs: &Observations) -> Result<Scores> {
    let criteria = rubric.criteria();
    if obs.criteria.len() != criteria.len()
        || obs.criteria.iter().zip(criteria).any(|(a, c)| *a != c.id)
    {
        return Err(Error::InvalidArgument {
            name: "observations",
            problem: ArgumentProblem::Conflict,
            message: format!(
                "the observations have criteria [{}], the rubric {} has [{}]",
                obs.criteria.join(", "),
                rubric.id(),
                criteria
                    .iter()
                    .map(|c| c.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
    }
    let k = criteria.len();
    let weights = rubric.weights();
    let mut scores = vec![0.0; obs.values.len()];
    let mut totals = Vec::with_capacity(obs.kim_ids.len());
    for (i, (raw, out)) in obs
        .values
        .chunks_exact(k)
        .zip(scores.chunks_exact_mut(k))
        .enumerate()
    {
        let mut total = 0.0;
        for (j, ((c, &v), w)) in criteria.iter().zip(raw).zip(weights).enumerate() {
            let Ok(s) = c.score(v, "") else {
                return Err(value_error(obs, i, v, c));
            };
            out[j] = s;
            total += w * s;
        }
        // Floating error could push a perfect total a hair over 100.
        totals.push(total.clamp(0.0, 100.0));
    }
    Ok(Scores {
        rubric_id: rubric.id().to_owned(),
        criteria: obs.criteria.clone(),
        weights: weights.to_vec(),
        kim_ids: obs.kim_ids.clone(),
        by_criterion: scores,
        totals,
    })
}

#[cold]
fn value_error(obs: &Observations, i: usize, v: f64, c: &super::Criterion) -> Error {
    let path = format!("observations[{}].{}", obs.kim_ids[i], c.id);
    if v.is_nan() {
        return at(
            &path,
            "missing value: set it, or leave the KIM out".to_owned(),
        );
    }
    c.score(v, &path)
        .err()
        .unwrap_or_else(|| at(&path, format!("{v} cannot be scored")))
}
