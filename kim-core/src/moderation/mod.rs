//! Moderation of KIM content in Indonesian (docs/domain.md §5, §8).
//!
//! - [`Category`]: what the law forbids, each with its legal basis and validity window ([`Category::legal_basis`]);
//!   from 2026-01-02 several ITE articles give way to the new KUHP (UU 1/2023).
//! - [`Lexicon`]: data (`kim-core/lexicon/default.tsv`, `targets.tsv`, `insults.tsv`), a value passed in, never global
//!   state; users extend or replace it. [`Moderator::new`] compiles it once (aho-corasick) for reuse.
//! - [`Grammar`]: constructions as data (`kim-core/lexicon/constructions.tsv`): word classes that must meet within a
//!   window (a threat is a speaker and a violent verb with a target; extortion is a demand, a condition and a harm),
//!   each match listing the span of every [`Part`]; and the contexts (reporting, debunking, adverts) that turn
//!   matches into flags, with [`Match::softened_by`] saying why. Reporting on a harm is not the harm.
//! - Targeted insults ([`EntryKind::Targeted`]: `monyet`, `gendut`) act only when aimed at someone (a target marker
//!   within [`TARGET_WINDOW`] words, a vocative, a verb made of the insult).
//! - [`Moderator::check`] returns a [`Verdict`]: `allow`, `hold` (human review) or `block`, with every match (byte
//!   span in the *original* text, category, severity, rule id, reasons in Indonesian and English).
//! - Personal data ([`find_personal_data`], [`redact`]), hoax markers (a hold flagged for fact-checking, never a
//!   block) and spam patterns are detected alongside the lexicon. A NIK blocks, and [`Verdict::redacted`] offers the
//!   text with it masked.
//! - [`HoldModel`] (in [`Moderator::default`]; [`Moderator::without_hold_model`] drops it): a linear model on hashed
//!   words and character n-grams, trained on the labelled corpora (`scripts/train_hold_model.py`), that holds a post
//!   the rules allow when its P(harmful) is above a threshold (rule id `model-hold`, the strongest words as parts).
//!   It never blocks. It catches harm the rules' phrases and constructions miss (on a split nobody tuned or trained
//!   on, 56.7% of harmful posts not allowed by the rules alone, 88.5% with it) at the cost of a few more benign
//!   holds (1.5% to 4.1% there) and speed.
//! - [`review`]: the human review and appeal workflow as pure state machines with an append-only audit log.
//!
//! One room per concept: `verdict` (the vocabulary above), `engine` ([`Moderator`], the only module that
//! orchestrates), `normalize` (evasion-resistant folding and the lexicon automaton), `lexicon`, `grammar`
//! (constructions and contexts), `targeted` (when an insult is aimed), `personal`, `spam` (link and repetition
//! scanners) and [`review`]. Every public item is re-exported here.
//!
//! **Identity words never block.** Religion, ethnicity, orientation and disability words can be legitimate news.
//! Alone they do nothing; next to a hostile word (within [`IDENTITY_WINDOW`] words) they make a SARA hold.
//!
//! **No Scunthorpe problem.** Matches fall on word boundaries after normalisation: *pantai*, *santai* and *petai*
//! never match *tai*; *pasukan*, *masuk* and *asuransi* never match *asu*.
//!
//! ```
//! use kim_core::moderation::{Moderator, Decision, Category};
//! let m = Moderator::default();
//! assert_eq!(m.check("Gotong royong membersihkan pantai Desa Perian, Minggu pagi.").decision, Decision::Allow);
//! let v = m.check("Main di s.l.o.t g4c0r, maxwin tiap hari!");
//! assert_eq!(v.decision, Decision::Block);
//! assert!(v.categories.contains(&Category::Perjudian));
//! let v = m.check("VIRAL SEBELUM DIHAPUS!!! Sebarkan!");
//! assert_eq!((v.decision, v.fact_check), (Decision::Hold, true));
//! ```

mod engine;
mod grammar;
mod lexicon;
mod model;
mod normalize;
mod personal;
pub mod review;
mod spam;
mod targeted;
mod verdict;

pub use engine::{IDENTITY_WINDOW, Moderator, RELEASE_MAX_WORDS};
pub use grammar::{
    ATTRIBUTION_TSV, BUILTIN_CONSTRUCTIONS_TSV, Class, Grammar, Rule, Soften, SoftenEffect,
};
pub use lexicon::{BUILTIN_FILES, BUILTIN_TSV, BUILTIN_VERSION, Entry, EntryKind, Lexicon};
pub use model::{BUILTIN_HOLD_MODEL, HoldModel, MODEL_STRETCH, Score};
pub use personal::{PersonalKind, PersonalSpan, find_personal_data, redact};
pub use targeted::TARGET_WINDOW;
pub use verdict::{
    Action, Category, Decision, LegalBasis, MAX_MATCHES_PER_CATEGORY, Match, MatchSeverity,
    Omitted, Part, Text, Verdict,
};

/// The text as the rules read it: its words in lower case, one space apart, with leetspeak, repeated letters,
/// look-alike and full-width letters, spelled-out words (`s l o t`) and numeric suffixes after letters (`gacor88`)
/// folded, and `!` a word of its own. A hold model whose file says `"input": "normalized"` computes its features from
/// it, and `scripts/train_hold_model.py` gets it from `moderate_posts --normalized`. Lexicon and construction patterns
/// are normalised the same way.
///
/// ```
/// assert_eq!(kim_core::moderation::normalized("Dasar G0BL0KKK!!"), "dasar goblok !");
/// assert_eq!(kim_core::moderation::normalized("s l o t gacor88"), "slot gacor");
/// ```
#[must_use]
pub fn normalized(text: &str) -> String {
    normalize::normalize(text).text.trim().to_owned()
}

/// The old name of [`MatchSeverity`], kept for compatibility.
#[doc(hidden)]
pub use verdict::MatchSeverity as Severity;
