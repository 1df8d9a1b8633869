//! Rankings per kab/kota or province, with each KIM's per-criterion contributions, and classification against a
//! tier scheme the user supplies (SC1, SC5, SC6).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};

use super::ahp::at;
use super::eligibility::Eligibility;
use super::score::Scores;
use crate::registry::Registry;
use crate::wilayah::{Kode, Level};
use crate::{Error, Result};

/// Two totals closer than this are a tie (totals are sums of at most a few dozen products on 0–100).
pub const TIE_TOLERANCE: f64 = 1e-9;

/// The unit a ranking is made within.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RankScope {
    /// One ranking per kabupaten/kota (`PP.KK` of the seat).
    KabKota,
    /// One ranking per province (`PP` of the seat).
    Provinsi,
}

/// One ranked KIM.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct RankRow {
    /// The kab/kota or province.
    pub unit: Kode,
    /// The rank within the unit: 1 is best; tied KIMs share a rank and the next rank is skipped (1, 2, 2, 4).
    pub rank: u32,
    /// True when another KIM of the unit has the same total.
    pub tied: bool,
    /// The KIM.
    pub kim_id: String,
    /// The total, 0–100, unrounded.
    pub total: f64,
    /// `wᵢ · scoreᵢ` per criterion, in criterion order; they sum to the total.
    pub contributions: Vec<f64>,
}

/// A group of KIMs that share a rank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Tie {
    /// The unit.
    pub unit: Kode,
    /// The shared rank.
    pub rank: u32,
    /// The shared total.
    pub total: f64,
    /// The tied KIMs, by id.
    pub kim_ids: Vec<String>,
}

/// A KIM that was scored but not ranked (SC6).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Unranked {
    /// The KIM.
    pub kim_id: String,
    /// Its total, for information.
    pub total: f64,
    /// Why it is not ranked.
    pub reasons: Vec<String>,
}

/// A ranking (SC5, SC6). Ties are listed, never broken: tied KIMs share a rank and are listed by id.
///
/// ```
/// use kim_core::assessment::{Criterion, Eligibility, Observations, Provenance, RankScope, Rubric, Scale, WeightSpec};
/// use kim_core::assessment::{rank, score};
/// use kim_core::{registry::{Kim, Registry}, wilayah::Kode};
/// let juri = Criterion::new("juri", "Nilai juri", Scale::Range { min: 0.0, max: 100.0, higher_is_better: true });
/// let rubric = Rubric::new("r", "Contoh", Provenance::illustrative("a doc example"), vec![juri],
///     WeightSpec::Explicit(vec![1.0]))?;
/// let registry = Registry::from_kims([
///     Kim::new("KUKAR-1", "KIM Perian", Kode::parse("64.02.01.2001")?),
///     Kim::new("BERAU-1", "KIM Merabu", Kode::parse("64.03.01.2001")?),
/// ])?;
/// let mut obs = Observations::new(&rubric);
/// obs.push("KUKAR-1", &[70.0])?;
/// obs.push("BERAU-1", &[90.0])?;
/// let (scores, all) = (score(&rubric, &obs)?, ["KUKAR-1", "BERAU-1"].map(Eligibility::eligible));
/// let per_kab = rank(&scores, &registry, &all, RankScope::KabKota)?; // one ranking per kab/kota: both first
/// assert!(per_kab.rows.iter().all(|r| r.rank == 1));
/// let per_prov = rank(&scores, &registry, &all, RankScope::Provinsi)?; // one ranking for Kalimantan Timur
/// let order: Vec<_> = per_prov.rows.iter().map(|r| (r.kim_id.as_str(), r.rank)).collect();
/// assert_eq!(order, [("BERAU-1", 1), ("KUKAR-1", 2)]);
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Ranking {
    /// Schema version of the JSON form.
    pub schema_version: u64,
    /// The rubric.
    pub rubric: String,
    /// The criteria, in contribution order.
    pub criteria: Vec<String>,
    /// The weights.
    pub weights: Vec<f64>,
    /// The scope.
    pub scope: RankScope,
    /// Ranked KIMs, by unit then rank.
    pub rows: Vec<RankRow>,
    /// Every tie.
    pub ties: Vec<Tie>,
    /// Scored, ineligible KIMs.
    pub unranked: Vec<Unranked>,
}

/// Ranks the scored KIMs within their kab/kota or province. A KIM with no entry in `eligibility` is an error (no
/// KIM is assumed eligible); use [`Eligibility::eligible`] for everyone when there is no condition.
///
/// ```
/// use kim_core::assessment::{Criterion, Eligibility, Observations, Provenance, RankScope, Rubric, Scale, WeightSpec};
/// use kim_core::assessment::{rank, score};
/// use kim_core::{registry::{Kim, Registry}, wilayah::Kode};
/// let juri = Criterion::new("juri", "Nilai juri", Scale::Range { min: 0.0, max: 100.0, higher_is_better: true });
/// let rubric = Rubric::new("r", "Contoh", Provenance::illustrative("a doc example"), vec![juri],
///     WeightSpec::Explicit(vec![1.0]))?;
/// let seat = Kode::parse("64.02.01.2001")?;
/// let registry = Registry::from_kims(["K1", "K2", "K3", "K4"].map(|id| Kim::new(id, format!("KIM {id}"), seat)))?;
/// let mut obs = Observations::new(&rubric);
/// for (id, v) in [("K1", 80.0), ("K2", 90.0), ("K3", 80.0), ("K4", 95.0)] {
///     obs.push(id, &[v])?;
/// }
/// let mut eligibility = Vec::from(["K1", "K2", "K3"].map(Eligibility::eligible));
/// eligibility.push(Eligibility::ineligible("K4", vec!["late entry".into()]));
/// let ranking = rank(&score(&rubric, &obs)?, &registry, &eligibility, RankScope::KabKota)?;
/// let order: Vec<_> = ranking.rows.iter().map(|r| (r.kim_id.as_str(), r.rank)).collect();
/// assert_eq!(order, [("K2", 1), ("K1", 2), ("K3", 2)]); // a tie shares a rank
/// assert_eq!(ranking.ties[0].kim_ids, ["K1", "K3"]);
/// assert_eq!((ranking.unranked[0].kim_id.as_str(), ranking.unranked[0].total), ("K4", 95.0));
/// # Ok::<(), kim_core::Error>(())
/// ```
///
/// # Errors
/// [`Error::UnknownKim`] for a scored KIM not in `registry`; [`Error::JsonAt`] for a scored KIM without an
/// eligibility entry.
pub fn rank(
    scores: &Scores,
    registry: &Registry,
    eligibility: &[Eligibility],
    scope: RankScope,
) -> Result<Ranking> {
    let level = match scope {
        RankScope::KabKota => Level::KabKota,
        RankScope::Provinsi => Level::Provinsi,
    };
    let elig: HashMap<&str, &Eligibility> =
        eligibility.iter().map(|e| (e.kim_id.as_str(), e)).collect();
    let mut groups: BTreeMap<Kode, Vec<usize>> = BTreeMap::new();
    let mut unranked = Vec::new();
    for (i, row) in scores.rows().enumerate() {
        let kim = registry
            .get(row.kim_id)
            .ok_or_else(|| Error::unknown_kim(row.kim_id))?;
        let e = elig.get(row.kim_id).ok_or_else(|| {
            at(
                &format!("eligibility[{}]", row.kim_id),
                "no eligibility for this KIM (none is assumed)".to_owned(),
            )
        })?;
        if !e.eligible {
            unranked.push(Unranked {
                kim_id: row.kim_id.to_owned(),
                total: row.total,
                reasons: e.reasons.clone(),
            });
            continue;
        }
        let unit = kim.seat.ancestor(level).unwrap_or(kim.seat);
        groups.entry(unit).or_default().push(i);
    }
    let mut rows = Vec::new();
    let mut ties = Vec::new();
    for (unit, mut idx) in groups {
        let totals = scores.totals();
        idx.sort_by(|&a, &b| {
            totals[b]
                .total_cmp(&totals[a])
                .then_with(|| scores.row(a).kim_id.cmp(scores.row(b).kim_id))
        });
        let mut start = 0;
        while start < idx.len() {
            let t0 = totals[idx[start]];
            let mut end = start + 1;
            while end < idx.len() && (t0 - totals[idx[end]]).abs() <= TIE_TOLERANCE {
                end += 1;
            }
            let rank = u32::try_from(start + 1).unwrap_or(u32::MAX);
            let is_tie = end - start > 1;
            let mut ids: Vec<String> = idx[start..end]
                .iter()
                .map(|&i| scores.row(i).kim_id.to_owned())
                .collect();
            ids.sort();
            for &i in &idx[start..end] {
                let r = scores.row(i);
                rows.push(RankRow {
                    unit,
                    rank,
                    tied: is_tie,
                    kim_id: r.kim_id.to_owned(),
                    total: r.total,
                    contributions: r.contributions(),
                });
            }
            if is_tie {
                ties.push(Tie {
                    unit,
                    rank,
                    total: t0,
                    kim_ids: ids,
                });
            }
            start = end;
        }
    }
    Ok(Ranking {
        schema_version: crate::SCHEMA_VERSION,
        rubric: scores.rubric_id().to_owned(),
        criteria: scores.criteria().to_vec(),
        weights: scores.weights().to_vec(),
        scope,
        rows,
        ties,
        unranked,
    })
}

/// The answer without a tier scheme (SC1).
pub const UNCLASSIFIED: &str = "unclassified: no official national scheme";

/// One tier of a user's scheme: totals from `min_total` up (to the next tier) belong to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Tier {
    /// The tier's name, as the scheme gives it.
    pub name: String,
    /// The lowest total of the tier, inclusive.
    pub min_total: f64,
}

/// A tier scheme the user supplies, with where it comes from (no national one exists: docs/domain.md §4).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TierScheme {
    /// The scheme's name.
    pub name: String,
    /// Where it comes from: the document that set it (a Perbup, a juknis lomba), with its date.
    pub provenance: String,
    /// The tiers, by ascending `min_total`.
    pub tiers: Vec<Tier>,
}

impl TierScheme {
    /// Builds and checks a scheme: a provenance, at least one tier, `min_total` in 0–100 and strictly ascending.
    ///
    /// ```
    /// use kim_core::assessment::{Classification, TierScheme, classify};
    /// let tiers = |a: f64, b: f64| vec![("perak".to_owned(), a), ("emas".to_owned(), b)];
    /// let scheme = TierScheme::new("Lomba KIM (contoh)", "juknis lomba, a doc example", tiers(60.0, 80.0))?;
    /// assert!(matches!(classify(85.0, Some(&scheme)), Classification::Tier { tier, .. } if tier == "emas"));
    /// assert!(matches!(classify(50.0, Some(&scheme)), Classification::Unclassified { .. }));
    /// assert!(TierScheme::new("x", "juknis", tiers(80.0, 60.0)).is_err()); // tiers ascend
    /// assert!(TierScheme::new("x", " ", tiers(60.0, 80.0)).is_err());      // a provenance is required
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::JsonAt`] naming the problem.
    pub fn new(
        name: impl Into<String>,
        provenance: impl Into<String>,
        tiers: Vec<(String, f64)>,
    ) -> Result<Self> {
        let s = Self {
            name: name.into(),
            provenance: provenance.into(),
            tiers: tiers
                .into_iter()
                .map(|(name, min_total)| Tier { name, min_total })
                .collect(),
        };
        s.check()?;
        Ok(s)
    }

    /// Checks a scheme (e.g. one read from JSON).
    ///
    /// # Errors
    /// As [`TierScheme::new`].
    pub fn check(&self) -> Result<()> {
        if self.provenance.trim().is_empty() {
            return Err(at(
                "provenance",
                "a tier scheme needs its provenance (no national scheme exists; name the document that sets yours)"
                    .to_owned(),
            ));
        }
        if self.tiers.is_empty() {
            return Err(at(
                "tiers",
                "a tier scheme needs at least one tier".to_owned(),
            ));
        }
        for (i, t) in self.tiers.iter().enumerate() {
            if !(t.min_total.is_finite() && (0.0..=100.0).contains(&t.min_total)) {
                return Err(at(
                    &format!("tiers[{i}].min_total"),
                    format!("{} is outside 0-100", t.min_total),
                ));
            }
            if i > 0 && t.min_total <= self.tiers[i - 1].min_total {
                return Err(at(
                    &format!("tiers[{i}].min_total"),
                    "tiers must ascend strictly".to_owned(),
                ));
            }
        }
        Ok(())
    }
}

/// The class of a total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Classification {
    /// A tier of the user's scheme.
    Tier {
        /// The scheme's name.
        scheme: String,
        /// Its provenance.
        provenance: String,
        /// The tier.
        tier: String,
    },
    /// No tier: [`UNCLASSIFIED`] without a scheme, or a total below the scheme's lowest tier.
    Unclassified {
        /// Why.
        reason: String,
    },
}

/// Classifies a total (SC1): only with a user's scheme.
///
/// ```
/// use kim_core::assessment::{classify, Classification, UNCLASSIFIED};
/// assert_eq!(classify(87.0, None), Classification::Unclassified { reason: UNCLASSIFIED.to_owned() });
/// ```
#[must_use]
pub fn classify(total: f64, scheme: Option<&TierScheme>) -> Classification {
    let Some(s) = scheme else {
        return Classification::Unclassified {
            reason: UNCLASSIFIED.to_owned(),
        };
    };
    match s.tiers.iter().rev().find(|t| total >= t.min_total) {
        Some(t) => Classification::Tier {
            scheme: s.name.clone(),
            provenance: s.provenance.clone(),
            tier: t.name.clone(),
        },
        None => Classification::Unclassified {
            reason: format!(
                "below the lowest tier of {} ({})",
                s.name, s.tiers[0].min_total
            ),
        },
    }
}
