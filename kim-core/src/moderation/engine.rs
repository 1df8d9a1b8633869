//! [`Moderator`]: the one place that orchestrates a check. A text is normalised and scanned for lexicon hits
//! (`normalize`, `lexicon`), for personal data (`personal`) and for spam and links (`spam`); the matches are merged
//! into a [`Verdict`] here. Those modules only produce matches and never call back into this one.

use std::collections::HashMap;
use std::fmt;

use super::grammar::{self, ClassHits, Evaluator, Grammar};
use super::lexicon::{self, EntryKind, Lexicon, is_inflection as is_inflection_at};
use super::model::HoldModel;
use super::normalize;
use super::personal::personal_matches;
use super::spam::SpamScanner;
use super::targeted;
use super::verdict::{Action, Category, Match, MatchSeverity, Part, Text, Verdict};
use crate::error::Result;

mod matches;
pub(super) use matches::Matches;

/// The most words a sentence may have for the hold model to release a hold of the rules in it
/// ([`HoldModel::release`]).
pub const RELEASE_MAX_WORDS: usize = 20;

/// True if a word after the first of `sentence` is capitalised (an upper-case ASCII letter, then a lower-case one,
/// after any opening quotation mark or bracket): a name, or a title before one. An insult in such a sentence may be
/// aimed at that person, and the hold model does not release it.
fn names_someone(sentence: &str) -> bool {
    sentence.split_whitespace().skip(1).any(|w| {
        let w = w
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .as_bytes();
        w.len() >= 2 && w[0].is_ascii_uppercase() && w[1].is_ascii_lowercase()
    })
}

/// How many words apart an identity word and a hostile word may be to make a SARA hold.
pub const IDENTITY_WINDOW: usize = 6;

/// A lexicon and a grammar compiled for checking texts. Cheap to share across threads (`Send + Sync`).
pub struct Moderator {
    lexicon: Lexicon,
    compiled: lexicon::Compiled,
    grammar: Evaluator,
    /// The spam and link scanners.
    spam: SpamScanner,
    /// The hold model ([`Moderator::with_hold_model`]): the default moderator has the shipped one.
    hold: Option<Box<HoldModel>>,
    /// The rule-set version its verdicts carry: the lexicon's, plus `+` and the hold model's id when it has one.
    version: String,
}

impl fmt::Debug for Moderator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Moderator")
            .field("lexicon_version", &self.lexicon.version())
            .field("entries", &self.lexicon.entries().len())
            .field("rules", &self.grammar.grammar.rules().len())
            .field("hold_model", &self.hold.is_some())
            .finish_non_exhaustive()
    }
}

impl Default for Moderator {
    /// The shipped lexicon and constructions, compiled, with the shipped hold model.
    fn default() -> Self {
        Self::rules_only().with_hold_model()
    }
}

/// Bytes of normalised text whose buffers a thread keeps between checks.
const SCRATCH_KEEP: usize = 1 << 20;

/// The buffers of one check, kept by each thread between checks (posts are short; allocating the normaliser's
/// buffers for each was a tenth of the time, and those of the grammar as much again).
#[derive(Default)]
struct Scratch {
    norm: normalize::Normalized,
    /// The address and length of the text `norm` was made from (to tell, without comparing bytes, that it is still
    /// the text being checked).
    norm_of: (usize, usize),
    class_hits: ClassHits,
    ranges: Ranges,
}

/// The token ranges of the lexicon words of one text that act together (cleared for each text).
#[derive(Default)]
struct Ranges {
    identity: Vec<(usize, usize)>,
    hostile: Vec<(usize, usize, u32)>,
    exempt: Vec<(usize, usize)>,
    targeted: Vec<(usize, usize, u32)>,
    targets: Vec<(usize, usize)>,
    exempt_words: Vec<(usize, usize)>,
}

impl Ranges {
    fn clear(&mut self) {
        self.identity.clear();
        self.hostile.clear();
        self.exempt.clear();
        self.targeted.clear();
        self.targets.clear();
        self.exempt_words.clear();
    }

    fn capacity_bytes(&self) -> usize {
        (self.identity.capacity()
            + self.exempt.capacity()
            + self.targets.capacity()
            + self.exempt_words.capacity())
            * std::mem::size_of::<(usize, usize)>()
            + (self.hostile.capacity() + self.targeted.capacity())
                * std::mem::size_of::<(usize, usize, u32)>()
    }
}

thread_local! {
    /// The buffers, reused by each check on this thread.
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

impl Moderator {
    /// Compiles a lexicon, with the shipped constructions ([`Grammar::builtin`]).
    pub fn new(lexicon: Lexicon) -> Result<Self> {
        Self::with_grammar(lexicon, Grammar::builtin())
    }

    /// Compiles a lexicon and a grammar of constructions (extended or replaced by the user).
    pub fn with_grammar(lexicon: Lexicon, grammar: Grammar) -> Result<Self> {
        let grammar = Evaluator::new(grammar);
        let compiled = lexicon::Compiled::new(&lexicon, &grammar.words, &grammar.word_inflects)?;
        let spam = SpamScanner::new()?;
        let version = lexicon.version().to_owned();
        Ok(Self {
            lexicon,
            compiled,
            grammar,
            spam,
            hold: None,
            version,
        })
    }

    /// The same moderator with the shipped hold model ([`HoldModel::builtin`]), which [`Moderator::default`] already
    /// has: a post the rules allow is held when the model's P(harmful) is above its threshold (match `model-hold`). It
    /// never blocks; a post that the rules of one category alone block (not a NIK) is held instead when the model reads
    /// the sentence around each blocking match as lawful (`softened_by: "hold-model"`, see [`HoldModel::unblock`]), and
    /// a post the rules hold (nothing blocks, no personal data holds) is allowed, its matches flagged, when the model
    /// reads the sentence around each holding match as clearly lawful (see [`HoldModel::release`]). Verdicts carry the
    /// rule-set version `<lexicon version>+<model id>`.
    ///
    /// ```
    /// use kim_core::moderation::{Decision, Lexicon, Moderator};
    /// let m = Moderator::new(Lexicon::builtin())?.with_hold_model();
    /// assert_eq!(m.check("Kerja bakti membersihkan selokan hari Minggu pagi.").decision, Decision::Allow);
    /// assert_eq!(m.check("slot gacor").decision, Decision::Block);
    /// assert_eq!(m.check("slot gacor").lexicon_version, "kim-default-2+hold-2026-12-06.6");
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[must_use]
    pub fn with_hold_model(self) -> Self {
        self.with_hold_model_from(HoldModel::builtin())
    }

    /// The same moderator with a given hold model (e.g. [`HoldModel::from_bytes`] of a retrained file).
    #[must_use]
    pub fn with_hold_model_from(mut self, model: HoldModel) -> Self {
        self.version = format!("{}+{}", self.lexicon.version(), model.id());
        self.hold = Some(Box::new(model));
        self
    }

    /// The same moderator without a hold model: the rules alone decide (faster, and every hold names a rule of the
    /// lexicon or the constructions).
    ///
    /// ```
    /// use kim_core::moderation::{Decision, Moderator};
    /// let m = Moderator::default().without_hold_model();
    /// assert!(m.hold_model().is_none());
    /// assert_eq!(m.check("slot gacor").lexicon_version, "kim-default-2");
    /// ```
    #[must_use]
    pub fn without_hold_model(mut self) -> Self {
        self.hold = None;
        self.version = self.lexicon.version().to_owned();
        self
    }

    /// The shipped lexicon and constructions without the hold model: what
    /// `Moderator::default().without_hold_model()` gives, without reading the model first.
    ///
    /// ```
    /// use kim_core::moderation::Moderator;
    /// assert_eq!(Moderator::rules_only().version(), Moderator::default().without_hold_model().version());
    /// ```
    #[must_use]
    pub fn rules_only() -> Self {
        Self::new(Lexicon::builtin())
            .unwrap_or_else(|e| unreachable!("the shipped lexicon compiles: {e}"))
    }

    /// The hold model, if it has one.
    #[must_use]
    pub fn hold_model(&self) -> Option<&HoldModel> {
        self.hold.as_deref()
    }

    /// The rule-set version its verdicts carry ([`Verdict::lexicon_version`]): the lexicon's version, plus `+` and
    /// the hold model's id when it has one.
    #[must_use]
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The grammar of constructions.
    #[must_use]
    pub fn grammar(&self) -> &Grammar {
        &self.grammar.grammar
    }

    /// Compiles the lexicon of [`Lexicon::from_user_tsv`]: the user's TSV entries added to the shipped lexicon
    /// (`extend`, with the shipped hold model as in [`Moderator::default`]) or alone (the user's rules only, no hold
    /// model). The one call the bindings make to build a moderator from a user's lexicon.
    ///
    /// ```
    /// use kim_core::moderation::{Decision, Moderator};
    /// let tsv = "kasar-contoh\tkasar\tmedium\thold\troot\tkurang ajar\tcontoh\n";
    /// let m = Moderator::from_user_tsv(tsv, "lokal-1", true)?;
    /// assert_eq!(m.lexicon().version(), "kim-default-2+lokal-1");
    /// assert_eq!(m.check("dasar kurang ajar").decision, Decision::Hold);
    /// assert_eq!(m.check("slot gacor").decision, Decision::Block);
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Lexicon::from_user_tsv`] and [`Moderator::new`].
    pub fn from_user_tsv(tsv: &str, version: &str, extend: bool) -> Result<Self> {
        let m = Self::new(Lexicon::from_user_tsv(tsv, version, extend)?)?;
        Ok(if extend { m.with_hold_model() } else { m })
    }

    /// The lexicon.
    #[must_use]
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Checks one text. Never fails: any text gets a verdict. At most
    /// [`MAX_MATCHES_PER_CATEGORY`](super::verdict::MAX_MATCHES_PER_CATEGORY) matches of a category are listed; the
    /// rest are counted in [`Verdict::omitted`] and still decide.
    #[must_use]
    pub fn check(&self, text: &str) -> Verdict {
        let mut matches = Matches::default();
        if u32::try_from(text.len()).is_ok() {
            self.lexicon_matches(text, &mut matches);
            // What readers see of a right-to-left override (`\u{202E}rocag tols` shows as "slot gacor"): the
            // matches of the displayed text that fall in a reversed run, mapped back to the original bytes.
            if let Some(shown) = normalize::bidi::display_order(text) {
                let mut seen = Matches::default();
                self.lexicon_matches(&shown.text, &mut seen);
                for mut m in seen.list {
                    let (start, end, reversed) = shown.original_span(m.start, m.end);
                    if reversed {
                        (m.start, m.end) = (start, end);
                        for p in &mut m.parts {
                            (p.start, p.end, _) = shown.original_span(p.start, p.end);
                        }
                        matches.push(m);
                    }
                }
            }
        }
        personal_matches(text, &mut matches);
        self.spam.scan(text, &mut matches);
        // A second opinion on a block: a post that the rules of one category alone block (not a NIK), where the hold
        // model reads the sentence around each blocking match as lawful, is held for a person instead (one category,
        // not one rule: a raid report names the site, the game and the admin, and two gambling rules block it). The
        // sentence, not the post: an advert appended to a notice is a sentence of its own, and the notice must not
        // speak for it. Not for a text with a right-to-left override, whose bytes the model would read in the wrong
        // order.
        //
        // And on a hold for profanity or insult alone (no NIK, phone number or e-mail address in the text): where the
        // model reads the sentence around each holding match as clearly lawful (P(harmful) under `release`, far under
        // the threshold at which it holds) and that sentence is short (at most RELEASE_MAX_WORDS words, so that
        // padding cannot outweigh the insult: a review padded insults, hoaxes and incitement with village-meeting
        // words and got half of them released before these limits) and names nobody (a capitalised word after the
        // first: "Andi itu goblok" in a meeting report stays held), the post is allowed, its matches flagged. A block
        // it tempered stays held.
        if let Some(model) = &self.hold
            && !text.contains(normalize::bidi::RLO)
        {
            // True if every sentence around `spans` passes `lawful`.
            let sentences_pass = |mut spans: Vec<(usize, usize)>, lawful: &dyn Fn(&str) -> bool| {
                normalize::sentences_around(text, &mut spans)
                    .into_iter()
                    .all(|r| lawful(&text[r]))
            };
            // True if `limit` is set and every sentence around `spans` is short, names nobody and reads as lawful
            // under it: the test of both releases below.
            let short_and_lawful = |spans: Vec<(usize, usize)>, limit: f64| {
                limit > 0.0
                    && sentences_pass(spans, &|s| {
                        !names_someone(s) && model.reads_as_lawful(s, limit, RELEASE_MAX_WORDS)
                    })
            };
            let hold_model = Text::from_static("hold-model");
            if matches.one_category_block_spans().is_some_and(|spans| {
                sentences_pass(spans, &|s| {
                    model.reads_as_lawful(s, model.unblock(), usize::MAX)
                })
            }) {
                matches.cap_blocks(&hold_model);
            } else if matches
                .hold_spans()
                .is_some_and(|spans| short_and_lawful(spans, model.release()))
            {
                matches.release_holds(&hold_model);
            }
            // A hold the rules themselves doubted (every holding match capped by a context of the constructions:
            // "razia situs judi slot gacor", a sermon against betting; not by quotation marks nor by the unblock
            // above, so a block of the rules stays at least held whatever the model says), with no NIK, phone number or
            // e-mail address in the text: released where the model reads the sentence around each holding match as
            // clearly lawful (P(harmful) under `release_capped`), with the limits of the release above: a short
            // sentence (at most RELEASE_MAX_WORDS words) that names nobody. Reporting on a harm is not the harm (issue
            // 16); the model, trained on such reports, decides what the rules could only doubt. Without the limits, a
            // review (2026-12-06) got 15 of 60 harmful posts published by joining a greeting or a village notice to
            // the harm with commas, in one long sentence, and one cheap context word ("dosa", "hoaks", "bercanda").
            if matches
                .capped_hold_spans()
                .is_some_and(|spans| short_and_lawful(spans, model.release_capped()))
            {
                matches.release_holds(&hold_model);
            }
        }
        let mut verdict = matches.into_verdict(&self.version, text);
        if let Some(model) = &self.hold {
            // The thread's normalised text, when it is still that of `text` (not of its displayed order, and not
            // dropped with a long text's buffers): the model that reads normalised text need not compute it again.
            SCRATCH.with(|cell| {
                let held = cell.try_borrow().ok();
                let normalized = held
                    .as_deref()
                    .filter(|s| s.norm_of == (text.as_ptr() as usize, text.len()))
                    .map(|s| s.norm.text.as_str());
                model.hold_if_allowed(text, normalized, &mut verdict);
            });
        }
        verdict
    }

    /// Checks many texts; the verdicts come back in the order of the texts. A batch of more than 64 KiB is split
    /// over the machine's cores (scoped threads, one chunk each); the verdicts are the same as one by one.
    pub fn check_many<S: AsRef<str> + Sync>(&self, texts: &[S]) -> Vec<Verdict> {
        let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
        let bytes: usize = texts.iter().map(|t| t.as_ref().len()).sum();
        if threads < 2 || texts.len() < 2 || bytes < 64 * 1024 {
            return texts.iter().map(|t| self.check(t.as_ref())).collect();
        }
        let chunk = texts.len().div_ceil(threads);
        std::thread::scope(|scope| {
            let parts: Vec<_> = texts
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || {
                        part.iter()
                            .map(|t| self.check(t.as_ref()))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            parts
                .into_iter()
                .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                .collect()
        })
    }

    fn lexicon_matches(&self, text: &str, out: &mut Matches) {
        SCRATCH.with(|cell| {
            // The thread's buffers, or fresh ones in the (never seen) case that they are already in use.
            let (mut held, mut fresh) = (cell.try_borrow_mut().ok(), None);
            let scratch = match held.as_deref_mut() {
                Some(scratch) => scratch,
                None => fresh.insert(Scratch::default()),
            };
            normalize::normalize_into(text, &mut scratch.norm, Some(&self.compiled.scanner));
            scratch.norm_of = (text.as_ptr() as usize, text.len());
            scratch.class_hits.clear();
            scratch.ranges.clear();
            self.lexicon_matches_in(
                text,
                &scratch.norm,
                &mut scratch.class_hits,
                &mut scratch.ranges,
                out,
            );
            // Keep the buffers of a post, not those of a 100 MB text, for the life of the thread.
            if scratch.norm.text.capacity() > SCRATCH_KEEP
                || scratch.class_hits.capacity_bytes() > SCRATCH_KEEP
                || scratch.ranges.capacity_bytes() > SCRATCH_KEEP
            {
                *scratch = Scratch::default();
            }
        });
    }

    /// The lexicon entry and token range of an automaton hit that counts (on word boundaries, or an inflection of
    /// a root), else `None`. `at` is a cursor into the tokens for hits read in the order of their ends (as
    /// `norm.hits` lists them): the token of a hit's end is found by moving it forward, that of its start by
    /// walking back over the few tokens of the pattern, instead of two binary searches per hit.
    fn hit_tokens(
        &self,
        norm: &normalize::Normalized,
        entry_idx: u32,
        end: u32,
        at: &mut usize,
    ) -> Option<(usize, usize)> {
        let hay = norm.text.as_bytes();
        let (s, e) = self.compiled.span(entry_idx as usize, end);
        let aligned = s > 0 && hay[s - 1] == b' ' && hay.get(e) == Some(&b' ');
        if !aligned && !self.compiled.inflects[entry_idx as usize] {
            // A root may sit inside an inflected token: `dianjingin`, `membakar`; never inside `pantai`.
            return None;
        }
        // The first token ending after byte `e - 1`, then the first ending after `s` (`Normalized::token_at`).
        let toks = &norm.toks;
        debug_assert!(
            *at == 0 || (toks[*at - 1].n_end as usize) < e,
            "hits out of order"
        );
        while *at < toks.len() && (toks[*at].n_end as usize) < e {
            *at += 1;
        }
        let t1 = *at;
        let mut t0 = t1;
        while t0 > 0 && toks[t0 - 1].n_end as usize > s {
            t0 -= 1;
        }
        debug_assert_eq!((t0, t1), (norm.token_at(s), norm.token_at(e - 1)));
        if !aligned {
            let tok = toks[t0];
            let (ts, te) = (tok.n_start as usize, tok.n_end as usize);
            if e > te
                || !is_inflection_at(
                    &norm.text[ts..te],
                    &self.compiled.normalized[entry_idx as usize],
                    s - ts,
                )
            {
                return None;
            }
        }
        Some((t0, t1))
    }

    /// Two passes over the automaton hits: the first collects identity, hostile and exempt words, the second writes
    /// the matches of roots and phrases straight into `out` (no list of every hit is kept: a text dense with hits
    /// costs no more than its listed matches).
    #[allow(clippy::too_many_lines)]
    fn lexicon_matches_in(
        &self,
        text: &str,
        norm: &normalize::Normalized,
        class_hits: &mut ClassHits,
        ranges: &mut Ranges,
        out: &mut Matches,
    ) {
        let entries = self.lexicon.entries();
        let n_entries = self.compiled.entries;
        // Token ranges, in the thread's buffers (empty).
        let Ranges {
            identity,
            hostile,
            exempt,
            targeted,
            targets,
            exempt_words,
        } = ranges;
        let quotes = grammar::quoted_ranges(text);
        let in_quotes = |t0: usize| {
            let o = norm.toks[t0].o_start as usize;
            grammar::quotation_holding(&quotes, o, o + 1).is_some()
        };
        let mut at = 0;
        for &(entry_idx, end) in &norm.hits {
            let idx = entry_idx as usize;
            if idx >= n_entries {
                if let Some((t0, t1)) = self.hit_tokens(norm, entry_idx, end, &mut at) {
                    let (s, e) = self.compiled.span(idx, end);
                    let (ts, te) = (norm.toks[t0].n_start as usize, norm.toks[t1].n_end as usize);
                    let affixes = (&norm.text[ts..s], &norm.text[e..te]);
                    self.grammar.record(
                        class_hits,
                        idx - n_entries,
                        (t0, t1),
                        affixes,
                        in_quotes(t0),
                    );
                }
                continue;
            }
            let kind = entries[idx].kind;
            if matches!(kind, EntryKind::Root | EntryKind::Phrase) {
                continue;
            }
            let Some((t0, t1)) = self.hit_tokens(norm, entry_idx, end, &mut at) else {
                continue;
            };
            match kind {
                EntryKind::Identity => {
                    identity.push((t0, t1));
                    self.grammar
                        .record_lexicon(class_hits, false, idx, (t0, t1), in_quotes(t0));
                }
                EntryKind::Hostile => hostile.push((t0, t1, entry_idx)),
                EntryKind::Targeted => targeted.push((t0, t1, entry_idx)),
                EntryKind::Target => {
                    targets.push((t0, t1));
                    self.grammar
                        .record_lexicon(class_hits, true, idx, (t0, t1), in_quotes(t0));
                }
                EntryKind::Title => {
                    // A title counts as a target with the capitalised name after it: `Pak Harto`.
                    if grammar::is_name(text, norm, t1 + 1) {
                        targets.push((t0, t1 + 1));
                        self.grammar.record_lexicon(
                            class_hits,
                            true,
                            idx,
                            (t0, t1 + 1),
                            in_quotes(t0),
                        );
                    }
                }
                // An exempt phrase does not run across a comma or a sentence's end: `Anjing, kita telat lagi` is
                // an exclamation, not `anjing kita` (our dog).
                _ if t1 > t0
                    && text
                        .as_bytes()
                        .get(norm.toks[t0].o_end as usize..norm.toks[t1].o_start as usize)
                        .unwrap_or_default()
                        .iter()
                        .any(|c| matches!(c, b',' | b';' | b'!' | b'?' | b'.' | b'\n')) => {}
                _ => {
                    exempt.push((t0, t1));
                    // An exempt phrase of a category other than kasar (`membakar sampah`, `bakar batu`) also
                    // exempts the grammar's class words inside it; the kasar ones (`anak autis`) only insults.
                    if entries[idx].category != Category::Kasar {
                        exempt_words.push((t0, t1));
                    }
                }
            }
        }

        // A match inside an exempt phrase (`anjing pelacak`, `membakar ogoh-ogoh`) does not count. Exempt ranges are
        // sorted by their end, and the search looks only at those that end within the longest phrase of `t1`.
        exempt.sort_unstable_by_key(|&(e0, e1)| (e1, e0));
        let longest = exempt.iter().map(|&(e0, e1)| e1 - e0).max().unwrap_or(0);
        let is_exempt = |t0: usize, t1: usize| {
            let from = exempt.partition_point(|&(_, e1)| e1 < t1);
            exempt[from..]
                .iter()
                .take_while(|&&(_, e1)| e1 <= t1 + longest)
                .any(|&(e0, e1)| e0 <= t0 && t1 <= e1)
        };
        // Class words inside an exempt phrase do not count either; then the contexts (reporting, debunking,
        // commerce) soften what is pushed from here on.
        if !exempt_words.is_empty() {
            class_hits
                .drop_exempt(|t0, t1| exempt_words.iter().any(|&(e0, e1)| e0 <= t0 && t1 <= e1));
        }
        self.grammar
            .contexts((text, norm), class_hits, &quotes, out);
        let mut at = 0;
        for &(entry_idx, end) in &norm.hits {
            let idx = entry_idx as usize;
            let Some(entry) = entries.get(idx) else {
                continue; // a class word
            };
            if !matches!(entry.kind, EntryKind::Root | EntryKind::Phrase) {
                continue;
            }
            let Some((t0, t1)) = self.hit_tokens(norm, entry_idx, end, &mut at) else {
                continue;
            };
            if is_exempt(t0, t1) {
                continue;
            }
            let (reason_id, reason_en) = &self.compiled.reasons[idx];
            out.push(Match {
                start: norm.toks[t0].o_start as usize,
                end: norm.toks[t1].o_end as usize,
                category: entry.category,
                severity: entry.severity,
                action: entry.action,
                rule_id: self.compiled.ids[idx].clone(),
                reason_id: reason_id.clone(),
                reason_en: reason_en.clone(),
                parts: Vec::new(),
                softened_by: None,
            });
        }
        targeted.retain(|&(h0, h1, _)| !is_exempt(h0, h1));
        targeted.sort_unstable();
        self.targeted_matches(text, norm, targeted, targets, out);
        self.grammar.rules(text, norm, class_hits, out);
        hostile.retain(|&(h0, h1, _)| !is_exempt(h0, h1));
        // An identity word inside an exempt phrase of a category other than kasar does not count either (`pura-pura`,
        // "pretend", is not the temple); the kasar ones only exempt insults (`penyandang cacat` keeps `cacat`).
        identity.retain(|&(i0, i1)| !exempt_words.iter().any(|&(e0, e1)| e0 <= i0 && i1 <= e1));
        // Identity words sorted by their first token; a hostile word looks only at those that start within the
        // window (plus the longest identity phrase) before it, so a text full of both stays linear.
        identity.sort_unstable();
        let widest = identity.iter().map(|&(i0, i1)| i1 - i0).max().unwrap_or(0);
        // The reasons of a SARA hold, written once per hostile entry.
        let mut sara: HashMap<u32, (Text, Text, Text)> = HashMap::new();
        for &(h0, h1, idx) in hostile.iter() {
            let from = identity.partition_point(|&(i0, _)| i0 + widest + IDENTITY_WINDOW < h0);
            let near = identity[from..]
                .iter()
                .take_while(|&&(i0, _)| i0 <= h1 + IDENTITY_WINDOW)
                .find(|(i0, i1)| {
                    h0.saturating_sub(*i1) <= IDENTITY_WINDOW
                        && i0.saturating_sub(h1) <= IDENTITY_WINDOW
                });
            if let Some(&(i0, i1)) = near {
                let entry = &entries[idx as usize];
                let (a, b) = (h0.min(i0), h1.max(i1));
                let (rule_id, reason_id, reason_en) = sara
                    .entry(idx)
                    .or_insert_with(|| {
                        (
                            format!("sara-context:{}", entry.id).into(),
                            format!(
                                "kata bermusuhan «{}» di dekat kata identitas; perlu ditinjau manusia",
                                entry.pattern
                            )
                            .into(),
                            format!(
                                "hostile word «{}» next to an identity word; needs human review",
                                entry.pattern
                            )
                            .into(),
                        )
                    })
                    .clone();
                out.push(Match {
                    start: norm.toks[a].o_start as usize,
                    end: norm.toks[b].o_end as usize,
                    category: Category::Sara,
                    severity: entry.severity,
                    action: Action::Hold,
                    rule_id,
                    reason_id,
                    reason_en,
                    parts: Vec::new(),
                    softened_by: None,
                });
            }
        }
    }

    /// The targeted insults that are aimed at someone ([`targeted::aimed`]), with the insult and its aim as parts.
    fn targeted_matches(
        &self,
        text: &str,
        norm: &normalize::Normalized,
        targeted: &[(usize, usize, u32)],
        targets: &mut [(usize, usize)],
        out: &mut Matches,
    ) {
        targets.sort_unstable();
        let widest = targets.iter().map(|&(a0, a1)| a1 - a0).max().unwrap_or(0);
        let entries = self.lexicon.entries();
        for &(h0, h1, idx) in targeted {
            let i = idx as usize;
            let entry = &entries[i];
            let strong = entry.severity >= MatchSeverity::Medium;
            let Some((a0, a1, role)) =
                targeted::aimed(text, norm, (h0, h1), targets, widest, strong)
                    .or_else(|| targeted::string_of(targeted, (h0, h1, idx)))
            else {
                continue;
            };
            let span = |t0: usize, t1: usize| {
                (norm.toks[t0].o_start as usize, norm.toks[t1].o_end as usize)
            };
            let (is, ie) = span(h0, h1);
            let (ts, te) = span(a0, a1);
            let (reason_id, reason_en) = &self.compiled.reasons[i];
            out.push(Match {
                start: is.min(ts),
                end: ie.max(te),
                category: entry.category,
                severity: entry.severity,
                action: entry.action,
                rule_id: self.compiled.ids[i].clone(),
                reason_id: reason_id.clone(),
                reason_en: reason_en.clone(),
                parts: vec![
                    Part {
                        role: Text::from_static("insult"),
                        start: is,
                        end: ie,
                    },
                    Part {
                        role: Text::from_static(role),
                        start: ts,
                        end: te,
                    },
                ],
                softened_by: None,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::moderation::verdict::{Decision, MAX_MATCHES_PER_CATEGORY};

    #[test]
    fn a_long_text_does_not_stay_in_the_scratch_buffers() {
        let m = Moderator::default();
        let long = "warga desa gotong royong ".repeat(100_000);
        assert_eq!(m.check(&long).decision, Decision::Allow);
        SCRATCH.with(|c| assert!(c.borrow().norm.text.capacity() <= SCRATCH_KEEP));
        let _ = m.check("slot gacor");
        SCRATCH.with(|c| assert!(c.borrow().norm.text.capacity() > 0));
    }

    #[test]
    fn reversed_text_is_read_as_it_is_displayed() {
        let m = Moderator::default().without_hold_model();
        for (text, shown) in [
            ("\u{202E}rocag tols", "rocag tols"),
            ("promo \u{202E}rocag tols\u{202C} hari ini", "rocag tols"),
            ("\u{2067}\u{202E}niwxam\u{202C}\u{2069} ya", "niwxam"),
            ("aman\n\u{202E}rocag tols\r\nok", "rocag tols"),
        ] {
            let v = m.check(text);
            assert_eq!(v.decision, Decision::Block, "{text:?}");
            let hit = v
                .matches
                .iter()
                .find(|x| x.category == Category::Perjudian)
                .unwrap();
            assert_eq!(&text[hit.start..hit.end], shown, "{text:?}");
        }
        // Text that is not reversed keeps its one match, and a benign reversed text stays allowed.
        assert_eq!(
            m.check("\u{202D}slot gacor\u{202C}").matches.len(),
            m.check("slot gacor").matches.len()
        );
        assert_eq!(m.check("\u{202E}gnoyor gnotog").decision, Decision::Allow);
        // A reversed phrase that only reads as gambling backwards is not flagged forwards.
        assert_eq!(m.check("rocag tols").decision, Decision::Allow);
    }

    #[test]
    fn matches_past_the_cap_are_counted_and_still_decide() {
        let m = Moderator::default();
        let n = MAX_MATCHES_PER_CATEGORY + 250;
        let text = "slot gacor. ".repeat(n) + "NIK 6402014101900001";
        let v = m.check(&text);
        assert_eq!(v.decision, Decision::Block);
        assert_eq!(v.categories, [Category::Perjudian, Category::DataPribadi]);
        let gambling = v
            .matches
            .iter()
            .filter(|x| x.category == Category::Perjudian)
            .count();
        assert_eq!(gambling, MAX_MATCHES_PER_CATEGORY);
        let omitted = v
            .omitted
            .iter()
            .find(|o| o.category == Category::Perjudian)
            .unwrap();
        assert_eq!(
            gambling as u64 + omitted.count,
            found_alone(&m, "slot gacor. ") * n as u64
        );
        // The NIK at the very end is listed: the cap is per category.
        assert!(v.matches.iter().any(|x| x.rule_id == "pd-nik"));
        assert!(
            v.omitted
                .iter()
                .all(|o| o.category != Category::DataPribadi)
        );
        // Listed matches are the first ones, in text order, and share their reasons.
        assert!(v.matches.windows(2).all(|w| w[0].start <= w[1].start));
        let json = serde_json::to_string(&v).unwrap();
        assert!(
            json.contains("\"omitted\":[{\"category\":\"perjudian\""),
            "{}",
            &json[json.len() - 200..]
        );
        assert!(
            !serde_json::to_string(&m.check("slot gacor"))
                .unwrap()
                .contains("omitted")
        );
    }

    /// The matches of one text alone (below the cap).
    fn found_alone(m: &Moderator, text: &str) -> u64 {
        m.check(text).matches.len() as u64
    }

    #[test]
    fn hostile_words_next_to_identity_words_stay_linear_and_shared() {
        // Many identity and hostile words: the SARA check looks only near each hostile word.
        let m = Moderator::default();
        let text = "usir orang cina dari pasar. ".repeat(5000);
        let v = m.check(&text);
        assert_eq!(v.decision, Decision::Hold);
        let sara: Vec<&Match> = v
            .matches
            .iter()
            .filter(|x| x.category == Category::Sara)
            .collect();
        assert_eq!(sara.len(), MAX_MATCHES_PER_CATEGORY);
        assert!(sara.iter().all(|x| x.reason_en == sara[0].reason_en));
    }
}
