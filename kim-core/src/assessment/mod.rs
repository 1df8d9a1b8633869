//! Assessment: rubrics, weights (explicit or AHP), scores, eligibility, rankings and classification
//! (docs/domain.md §12, rules SC1–SC7).
//!
//! 1. A [`Rubric`] lists criteria, each scored 0–100 from a raw value by a linear [`Scale::Range`] or a
//!    [`BandTable`], with weights that are explicit (SC2) or come from an AHP comparison matrix ([`ahp`], SC3).
//! 2. [`Observations`] hold the raw values per KIM; some criteria are fed by kim's own data (moderation removals,
//!    validation findings, and forum and pembinaan participation through the [`Participation`] trait).
//! 3. [`score`] gives per-criterion scores and totals on 0–100 (SC5).
//! 4. [`rank`] ranks eligible KIMs ([`default_eligibility`], SC6) per kab/kota or province, with ties listed.
//! 5. [`classify`] names a tier only under a [`TierScheme`] the user supplies (SC1).
//! 6. [`assess`] does 2–5 in one call, filling the fed criteria from the records given in [`Feeds`].
//!
//! ```
//! use kim_core::assessment::{Band, BandTable, Criterion, Observations, Provenance, Rubric, Scale, WeightSpec, score};
//! let rubric = Rubric::new("contoh", "Contoh", Provenance::illustrative("doc example"), vec![
//!     Criterion::new("kegiatan", "Kegiatan per bulan", Scale::Range { min: 0.0, max: 10.0, higher_is_better: true }),
//!     Criterion::new("pelanggaran", "Pelanggaran", Scale::Bands(BandTable::new(0.0, None, vec![
//!         Band::new(0.0, Some(1.0), 100.0), Band::new(1.0, None, 0.0)])?)),
//! ], WeightSpec::Explicit(vec![0.6, 0.4]))?;
//! let mut obs = Observations::new(&rubric);
//! obs.push("K1", &[5.0, 0.0])?;
//! let scores = score(&rubric, &obs)?;
//! assert!((scores.row(0).total - 70.0).abs() < 1e-9);
//! # Ok::<(), kim_core::Error>(())
//! ```

mod ahp;
mod bands;
mod eligibility;
mod feeds;
mod participation;
mod rank;
mod rubric;
mod run;
mod score;

pub use ahp::{Ahp, DEFAULT_MAX_CR, RANDOM_INDEX, ahp};
pub use bands::{Band, BandTable};
pub use eligibility::{Eligibility, default_eligibility};
pub use feeds::{Participation, ParticipationTable};
pub use participation::KimParticipation;
pub use rank::{
    Classification, RankRow, RankScope, Ranking, TIE_TOLERANCE, Tie, Tier, TierScheme,
    UNCLASSIFIED, Unranked, classify, rank,
};
pub use rubric::{
    Criterion, Provenance, Rubric, Scale, Source, WEIGHT_SUM_TOLERANCE, WeightSpec, check_explicit,
};
pub use run::{AssessOptions, Assessment, Feeds, assess};
pub use score::{Observations, ScoreRow, Scores, score};
