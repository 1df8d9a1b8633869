//! One assessment run, as a Dinas or a jury does it: fill the criteria fed by kim's own records, score, decide
//! eligibility, rank and classify ([`assess`]). The bindings call this one function.

use crate::error::ArgumentProblem;
use chrono::NaiveDate;
#[cfg(feature = "moderation")]
use chrono::{DateTime, Utc};
use serde::Serialize;

use super::eligibility::{Eligibility, default_eligibility};
use super::participation::KimParticipation;
use super::rank::{Classification, RankScope, Ranking, TierScheme, classify, rank};
use super::rubric::{Rubric, Source};
use super::score::{Observations, Scores, score};
use crate::Result;
use crate::forum::ForumRegistry;
#[cfg(feature = "moderation")]
use crate::moderation::review::Case;
use crate::pembinaan::PembinaanData;
use crate::registry::Registry;
use crate::rules::{ProfileSet, validate_registry_by_seat};
use crate::wilayah::Reference;

/// kim's own records that feed criteria. A record given fills, for every observed KIM, each criterion of the
/// rubric whose [`Source`] it is (a value the caller set for such a criterion is replaced); a record left out leaves
/// its criteria to the caller's values, and a missing value is then an error of [`score`], never a 0.
///
/// ```
/// use kim_core::assessment::{AssessOptions, Eligibility, Feeds, Observations, Rubric, assess};
/// use kim_core::{forum::ForumRegistry, registry::{Kim, Registry}, rules::ProfileSet, wilayah::{Kode, Reference}};
/// let rubric = Rubric::from_json(r#"{"id": "contoh", "title": "Contoh",
///     "provenance": {"source": "a doc example", "illustrative": true},
///     "criteria": [{"id": "forum", "label": "Anggota Forum KIM", "source": "forum_membership",
///                   "scale": {"kind": "range", "min": 0, "max": 1}}],
///     "weights": {"explicit": [1.0]}}"#)?;
/// let registry = Registry::from_kims([Kim::new("K1", "KIM Perian", Kode::parse("64.02.01.2001")?)])?;
/// let reference = Reference::from_tsv("64\tKalimantan Timur\n64.02\tKabupaten Kutai Kartanegara\n\
///     64.02.01\tMuara Muntai\n64.02.01.2001\tPerian\n")?;
/// let (profiles, forums, eligible) = (ProfileSet::builtin(), ForumRegistry::new(), [Eligibility::eligible("K1")]);
/// let options = AssessOptions::new("2025-06-30".parse()?).eligibility(&eligible).all_kims();
/// // Without the forum records the criterion has no value: an error, not a 0.
/// assert!(assess(&rubric, Observations::new(&rubric), &registry, &profiles, &reference, &options).is_err());
/// // With them, K1 is in no forum: 0.
/// let options = options.feeds(Feeds::new().forums(&forums));
/// let a = assess(&rubric, Observations::new(&rubric), &registry, &profiles, &reference, &options)?;
/// assert_eq!(a.scores.totals(), [0.0]);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy, Default)]
#[non_exhaustive]
pub struct Feeds<'a> {
    /// Forum KIM membership in the period ([`Source::ForumMembership`]), as [`KimParticipation`] reads it.
    pub forums: Option<&'a ForumRegistry>,
    /// Pembinaan sessions attended in the period ([`Source::Pembinaan`]), as [`KimParticipation`] reads them.
    pub pembinaan: Option<&'a PembinaanData>,
    /// Review cases: items finally removed in the period ([`Source::ModerationRemovals`], SC7).
    #[cfg(feature = "moderation")]
    #[cfg_attr(docsrs, doc(cfg(feature = "moderation")))]
    pub cases: Option<&'a [Case]>,
    /// Validate the registry on `as_of`, each KIM under the national profile in force and the overlays of its own
    /// seat from the profile set given to [`assess`] (as `kim.validate` and `kim_validate_registry` do by
    /// default, registry-wide rules included), and count each observed KIM's error findings
    /// ([`Source::ValidationErrors`]).
    pub validation: bool,
}

impl<'a> Feeds<'a> {
    /// No records: every criterion keeps the caller's values.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// With forum memberships.
    #[must_use]
    pub fn forums(mut self, forums: &'a ForumRegistry) -> Self {
        self.forums = Some(forums);
        self
    }

    /// With pembinaan records.
    #[must_use]
    pub fn pembinaan(mut self, pembinaan: &'a PembinaanData) -> Self {
        self.pembinaan = Some(pembinaan);
        self
    }

    /// With review cases.
    #[cfg(feature = "moderation")]
    #[cfg_attr(docsrs, doc(cfg(feature = "moderation")))]
    #[must_use]
    pub fn cases(mut self, cases: &'a [Case]) -> Self {
        self.cases = Some(cases);
        self
    }

    /// With validation findings counted on `as_of`.
    #[must_use]
    pub fn validation(mut self) -> Self {
        self.validation = true;
        self
    }
}

/// Settings of [`assess`].
///
/// ```
/// use kim_core::assessment::{AssessOptions, Classification, Eligibility, Observations, RankScope, Rubric};
/// use kim_core::assessment::{TierScheme, assess};
/// use kim_core::{registry::{Kim, Registry}, rules::ProfileSet, wilayah::{Kode, Reference}};
/// let rubric = Rubric::from_json(r#"{"id": "contoh", "title": "Contoh",
///     "provenance": {"source": "a doc example", "illustrative": true},
///     "criteria": [{"id": "juri", "label": "Nilai juri", "scale": {"kind": "range", "min": 0, "max": 100}}],
///     "weights": {"explicit": [1.0]}}"#)?;
/// let registry = Registry::from_kims([Kim::new("K1", "KIM Perian", Kode::parse("64.02.01.2001")?)])?;
/// let reference = Reference::from_tsv("64\tKalimantan Timur\n64.02\tKabupaten Kutai Kartanegara\n\
///     64.02.01\tMuara Muntai\n64.02.01.2001\tPerian\n")?;
/// let scheme = TierScheme::new("Lomba KIM (contoh)", "juknis lomba, a doc example", vec![("emas".into(), 80.0)])?;
/// let eligible = [Eligibility::eligible("K1")]; // the caller's decision, instead of the default SC6 check
/// let options = AssessOptions::new("2025-06-30".parse()?)
///     .scope(RankScope::Provinsi).eligibility(&eligible).scheme(&scheme);
/// let mut obs = Observations::new(&rubric);
/// obs.push("K1", &[85.0])?;
/// let a = assess(&rubric, obs, &registry, &ProfileSet::builtin(), &reference, &options)?;
/// assert_eq!((a.ranking.scope, a.ranking.rows[0].unit), (RankScope::Provinsi, Kode::parse("64")?));
/// assert!(matches!(&a.classifications[0], Classification::Tier { tier, .. } if tier == "emas"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct AssessOptions<'a> {
    /// The day of eligibility and validation.
    pub as_of: NaiveDate,
    /// The period of the fed criteria, both days included (moderation: from the first day's start to the end of
    /// the last); by default the 12 months that end on `as_of`, as the pembinaan metrics count them.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// Rank per kab/kota (default) or per province.
    pub scope: RankScope,
    /// Eligibility supplied by the caller; by default [`default_eligibility`] on `as_of`.
    pub eligibility: Option<&'a [Eligibility]>,
    /// A tier scheme with its provenance; without one every KIM is "unclassified: no official national scheme".
    pub scheme: Option<&'a TierScheme>,
    /// Records that feed criteria.
    pub feeds: Feeds<'a>,
    /// Observe every KIM of the registry, beside those the observations already hold.
    pub all_kims: bool,
}

impl<'a> AssessOptions<'a> {
    /// Defaults on `as_of`.
    #[must_use]
    pub fn new(as_of: NaiveDate) -> Self {
        Self {
            as_of,
            period: None,
            scope: RankScope::KabKota,
            eligibility: None,
            scheme: None,
            feeds: Feeds::default(),
            all_kims: false,
        }
    }

    /// With the period of the fed criteria.
    #[must_use]
    pub fn period(mut self, from: NaiveDate, to: NaiveDate) -> Self {
        self.period = Some((from, to));
        self
    }

    /// With another ranking scope.
    #[must_use]
    pub fn scope(mut self, scope: RankScope) -> Self {
        self.scope = scope;
        self
    }

    /// With the caller's eligibility.
    #[must_use]
    pub fn eligibility(mut self, eligibility: &'a [Eligibility]) -> Self {
        self.eligibility = Some(eligibility);
        self
    }

    /// With a tier scheme.
    #[must_use]
    pub fn scheme(mut self, scheme: &'a TierScheme) -> Self {
        self.scheme = Some(scheme);
        self
    }

    /// With records that feed criteria.
    #[must_use]
    pub fn feeds(mut self, feeds: Feeds<'a>) -> Self {
        self.feeds = feeds;
        self
    }

    /// Observing every KIM of the registry.
    #[must_use]
    pub fn all_kims(mut self) -> Self {
        self.all_kims = true;
        self
    }
}

/// The result of [`assess`]: the scores of every observed KIM, the ranking of the eligible ones and one
/// classification per ranking row.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct Assessment {
    /// Per-KIM scores and totals.
    pub scores: Scores,
    /// The ranking, with ties and the KIMs not ranked.
    pub ranking: Ranking,
    /// One per [`Ranking::rows`] entry, in the same order.
    pub classifications: Vec<Classification>,
}

/// Fills the fed criteria, scores, decides eligibility, ranks and classifies.
///
/// `profiles` is the profile set of the default eligibility (the national profile in force on `as_of`, F2–F4) and
/// of the validation feed (national plus each seat's overlays); it is not read when neither is used.
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use kim_core::assessment::{AssessOptions, Feeds, Observations, Rubric, assess};
/// use kim_core::pembinaan::PembinaanData;
/// use kim_core::registry::Registry;
/// use kim_core::rules::ProfileSet;
/// use kim_core::wilayah::Reference;
/// let rubric = Rubric::from_json(r#"{"id": "contoh", "title": "Contoh",
///     "provenance": {"source": "doc example", "illustrative": true},
///     "criteria": [
///         {"id": "juri", "label": "Nilai juri", "scale": {"kind": "range", "min": 0, "max": 100}},
///         {"id": "bimtek", "label": "Sesi pembinaan", "source": "pembinaan",
///          "scale": {"kind": "range", "min": 0, "max": 4}}],
///     "weights": {"explicit": [0.5, 0.5]}}"#)?;
/// let registry = Registry::from_json(include_str!("../../data/sample/kim_sample.json"))?;
/// let as_of = "2025-06-30".parse()?;
/// let mut obs = Observations::new(&rubric);
/// obs.add_kim("KIM-6402-001");
/// obs.set("KIM-6402-001", "juri", 80.0)?;   // the jury's mark; "bimtek" is filled from the records
/// let pembinaan = PembinaanData::new();     // no session attended: 0, not a missing value
/// let set = ProfileSet::builtin();
/// let options = AssessOptions::new(as_of).feeds(Feeds::new().pembinaan(&pembinaan));
/// let a = assess(&rubric, obs, &registry, &set, Reference::embedded(), &options)?;
/// assert!((a.scores.row(0).total - 40.0).abs() < 1e-9);
/// assert_eq!(a.classifications.len(), a.ranking.rows.len());
/// # }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
///
/// # Errors
///
/// A tier scheme that fails its checks; [`Error::InvalidArgument`](crate::Error::InvalidArgument) for a period
/// that ends before it starts; [`Error::JsonAt`](crate::Error::JsonAt) when a fed criterion cannot be
/// filled (with the validation feed, an observed KIM the registry lacks has no report) or a value is missing or out
/// of range; as [`default_eligibility`], [`validate_registry_by_seat`] and [`rank`].
pub fn assess(
    rubric: &Rubric,
    mut observations: Observations,
    registry: &Registry,
    profiles: &ProfileSet,
    reference: &Reference,
    options: &AssessOptions<'_>,
) -> Result<Assessment> {
    if let Some(s) = options.scheme {
        s.check()?;
    }
    if options.all_kims {
        for k in registry.kims() {
            observations.add_kim(&k.id);
        }
    }
    fill(
        rubric,
        &mut observations,
        registry,
        profiles,
        reference,
        options,
    )?;
    let scores = score(rubric, &observations)?;
    let default;
    let eligibility = if let Some(e) = options.eligibility {
        e
    } else {
        let national = profiles.in_force(options.as_of)?;
        default = default_eligibility(registry, &national, reference, options.as_of)?;
        &default
    };
    let ranking = rank(&scores, registry, eligibility, options.scope)?;
    let classifications = ranking
        .rows
        .iter()
        .map(|r| classify(r.total, options.scheme))
        .collect();
    Ok(Assessment {
        scores,
        ranking,
        classifications,
    })
}

fn fill(
    rubric: &Rubric,
    obs: &mut Observations,
    registry: &Registry,
    profiles: &ProfileSet,
    reference: &Reference,
    options: &AssessOptions<'_>,
) -> Result<()> {
    let f = &options.feeds;
    let (from, to) = match options.period {
        Some((from, to)) if to < from => {
            return Err(crate::Error::InvalidArgument {
                name: "period",
                problem: ArgumentProblem::DateOrder,
                message: format!(
                    "the period ends on {to}, before it starts on {from}: every fed criterion would count nothing"
                ),
            });
        }
        Some(p) => p,
        None => crate::pembinaan::window(options.as_of, 12)?,
    };
    let fed = |s: Source| Observations::criteria_fed_by(rubric, s);
    if f.forums.is_some() || f.pembinaan.is_some() {
        let p = KimParticipation::new(f.forums, f.pembinaan);
        if f.forums.is_some() {
            for c in fed(Source::ForumMembership) {
                obs.fill_forum_membership(&c, &p, from, to)?;
            }
        }
        if f.pembinaan.is_some() {
            for c in fed(Source::Pembinaan) {
                obs.fill_pembinaan(&c, &p, from, to)?;
            }
        }
    }
    #[cfg(feature = "moderation")]
    if let Some(cases) = f.cases {
        let start =
            |d: NaiveDate| -> DateTime<Utc> { d.and_time(chrono::NaiveTime::MIN).and_utc() };
        let end = to.succ_opt().map_or(DateTime::<Utc>::MAX_UTC, start);
        for c in fed(Source::ModerationRemovals) {
            obs.fill_moderation_removals(&c, cases, start(from), end)?;
        }
    }
    let validated = fed(Source::ValidationErrors);
    if f.validation && !validated.is_empty() {
        let reports =
            validate_registry_by_seat(registry, profiles, None, reference, options.as_of)?;
        for c in validated {
            obs.fill_validation_errors(&c, &reports)?;
        }
    }
    Ok(())
}
