//! [`HoldModel`]: a statistical second opinion (issue 16), in [`Moderator::default`](super::Moderator). A linear
//! model (multinomial logistic regression over benign and the harmful categories) on hashed words, word pairs and
//! character n-grams (3 to 5 in the shipped file), trained by `scripts/train_hold_model.py` on kim's labelled corpora
//! and shipped as data (`kim-core/lexicon/hold_model.bin`).
//!
//! It **holds** a post the rules allow when it reads as harmful, and never blocks; a block of the rules of one category
//! whose sentences it reads as lawful only holds ([`HoldModel::unblock`]), and a hold of the rules for profanity or
//! insult alone whose short sentences it reads as clearly lawful is released ([`HoldModel::release`]), and so is a hold
//! the rules themselves doubted (every holding match capped by a reporting or opposing context of the constructions)
//! whose short sentences it reads as clearly lawful ([`HoldModel::release_capped`]). It reads no text under
//! [`HoldModel::min_tokens`] words, and scores a text longer than [`MODEL_STRETCH`] in stretches.
//! [`super::Moderator::without_hold_model`] decides with the rules alone.
//!
//! The features, as the trainer computes them: the text lowercased, or, in a file whose `input` is `"normalized"`
//! (the shipped one since `hold-2026-12-05.8`), the text as the rules read it ([`super::normalized`]: leetspeak,
//! repeated letters, look-alike letters, spelled-out words and numeric suffixes folded, so that `g0bl0kkk` and
//! `goblok` are one word to the model too); tokens are maximal runs of alphanumeric characters; for each token `w <token>`, for each adjacent pair `b <t1> <t2>`, and the character n-grams of
//! `" " + token + " "` as `c <gram>`; each hashed with FNV-1a 64 over its UTF-8 bytes modulo the bucket count;
//! counts become `1 + ln(count)`, then the vector is L2-normalised. (Python's `str.isalnum` and Rust's
//! `char::is_alphanumeric` differ on circled letters and on the combining marks of the Arabic block (harakat), which
//! are left out here as Python does, and on the combining vowel signs of some other scripts; a final capital sigma
//! becomes `ς` when a letter comes before it and none after, a simplification of Unicode's rule; the trainer's parity
//! fixture checks the rest.)
//!
//! The file: the line `KIMHOLD 1`, one line of JSON (`buckets`, `classes`, `threshold`, `min_tokens`, `grams`,
//! `scales`, `intercepts`, `provenance`, and optionally `unblock` (default 0: no second opinion on blocks),
//! `release` (default 0: none on holds), `release_capped` (default 0: none on capped holds), `id`
//! (default `hold-<provenance date>`) and `input` (`"raw"`, the default, or `"normalized"`)), then `classes × buckets` int8 weights, class after class; a weight is the int8
//! times its class's scale. `from_bytes` refuses n-grams over 32 characters, a threshold outside 0–1 and an
//! `unblock`, `release` or `release_capped` outside 0 to under 1.

use serde::Deserialize;

use super::normalize::Normalized;
use super::verdict::{Action, Category, Decision, Match, MatchSeverity, Part, Text, Verdict};
use crate::error::{Error, Result, RowError};

mod tokens;
use tokens::{Input, Tokens};

/// The shipped model (`kim-core/lexicon/hold_model.bin`).
pub const BUILTIN_HOLD_MODEL: &[u8] = include_bytes!("../../lexicon/hold_model.bin");

const MAGIC: &[u8] = b"KIMHOLD 1\n";
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0100_0000_01b3;

#[derive(Deserialize)]
struct Header {
    format: u32,
    buckets: u64,
    classes: Vec<String>,
    threshold: f64,
    /// The fewest words of a post the model holds (1 in the first model files, which do not say).
    #[serde(default = "one")]
    min_tokens: usize,
    /// Below this P(harmful) a block of the rules only holds (0, never, in the model files before 2026-12-05 (2)).
    #[serde(default)]
    unblock: f64,
    /// Below this P(harmful) a hold of the rules is released (0, never, in the model files before
    /// `hold-2026-12-05.9`).
    #[serde(default)]
    release: f64,
    /// Below this P(harmful) a hold the rules capped (every holding match softened by a context of the constructions)
    /// is released (0, never, in the model files before `hold-2026-12-06.3`).
    #[serde(default)]
    release_capped: f64,
    scales: Vec<f64>,
    intercepts: Vec<f64>,
    #[serde(default)]
    provenance: Provenance,
    /// The model's id, when the file names it (else `hold-<provenance date>`).
    #[serde(default)]
    id: Option<String>,
    /// The shortest and longest character n-grams (2 and 5 in the first model files, which do not say).
    #[serde(default = "first_grams")]
    grams: [usize; 2],
    /// What the features are computed from: `"raw"` (the text itself, lowercased; the files before
    /// `hold-2026-12-05.8`, which do not say) or `"normalized"` (the text as the rules read it).
    #[serde(default)]
    input: Input,
}

#[derive(Deserialize, Default)]
struct Provenance {
    #[serde(default)]
    date: String,
}

const fn one() -> usize {
    1
}

const fn first_grams() -> [usize; 2] {
    [2, 5]
}

/// A hold model: weights per class over hashed features, and the threshold on P(harmful) above which it holds.
#[derive(Clone)]
pub struct HoldModel {
    /// The file's `id`, else `hold-<training date>`.
    id: String,
    buckets: u64,
    /// The harmful category of each class; `None` for benign.
    classes: Vec<Option<Category>>,
    benign: usize,
    threshold: f64,
    min_tokens: usize,
    unblock: f64,
    release: f64,
    release_capped: f64,
    scales: Vec<f64>,
    intercepts: Vec<f64>,
    /// `buckets - 1` when the bucket count is a power of two (a mask instead of a division).
    mask: Option<u64>,
    /// The shortest and longest character n-grams.
    grams: (usize, usize),
    /// What the features are computed from.
    input: Input,
    /// `buckets × STRIDE`, bucket after bucket (the file's order transposed, each bucket's classes padded to
    /// [`STRIDE`] with zeros: one feature's weights in one aligned row).
    weights: Vec<i8>,
}

impl std::fmt::Debug for HoldModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HoldModel")
            .field("id", &self.id)
            .field("buckets", &self.buckets)
            .field("classes", &self.classes)
            .field("threshold", &self.threshold)
            .finish_non_exhaustive()
    }
}

/// What the model says of a text.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct Score {
    /// P(harmful) = 1 - P(benign).
    pub harmful: f64,
    /// The most probable harmful class.
    pub category: Category,
    /// P(class) for each class, in the model's order ([`HoldModel::classes`]).
    pub probabilities: Vec<f64>,
    /// The tokens that pushed most towards [`Score::category`] against benign, strongest first (at most 5, each with
    /// a positive contribution to the logit difference): byte span in the original text and contribution.
    pub words: Vec<(usize, usize, f64)>,
}

fn bad(field: &str, why: &str) -> Error {
    Error::Lexicon {
        rows: vec![RowError::new(1, field, "", "KIM-E-LEXICON", why)],
    }
}

const fn fnv_extend(mut h: u64, bytes: &[u8]) -> u64 {
    let mut i = 0;
    while i < bytes.len() {
        h ^= bytes[i] as u64;
        h = h.wrapping_mul(FNV_PRIME);
        i += 1;
    }
    h
}

/// The FNV-1a states after `c `, `w ` and `b `, the prefixes of character n-grams, words and word pairs.
const FNV_C: u64 = fnv_extend(FNV_OFFSET, b"c ");
const FNV_W: u64 = fnv_extend(FNV_OFFSET, b"w ");
const FNV_B: u64 = fnv_extend(FNV_OFFSET, b"b ");

/// The buffers of [`HoldModel::harmful`], reused by each call on a thread.
#[derive(Default)]
struct Scratch {
    tokens: Tokens,
    /// Occurrences per bucket (zero outside a call).
    counts: Vec<u16>,
    /// The same for a text with more features than 16 bits count (a long text scored whole).
    long_counts: Vec<u32>,
    /// The buckets seen in this call.
    seen: Vec<u32>,
    /// The char boundaries of a padded token.
    bounds: Vec<usize>,
    /// The normalised text, for a model that reads it.
    norm: Normalized,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// The longest stretch of a text the moderator scores at once. Posts are far shorter; a longer text is scored in
/// stretches cut at whitespace (or a character boundary), and held when one of them is, so that a check's memory stays
/// proportional to the stretch, not to the text.
pub const MODEL_STRETCH: usize = 8 * 1024;

/// The stretches of a text, each with its byte offset: at most [`MODEL_STRETCH`] bytes, cut after the last whitespace
/// of its last quarter when there is one.
fn stretches(text: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    std::iter::from_fn(move || {
        if start >= text.len() {
            return None;
        }
        let mut end = (start + MODEL_STRETCH).min(text.len());
        if end < text.len() {
            let lo = start + MODEL_STRETCH * 3 / 4;
            match text.as_bytes()[lo..end]
                .iter()
                .rposition(u8::is_ascii_whitespace)
            {
                Some(p) => end = lo + p + 1,
                None => {
                    while !text.is_char_boundary(end) {
                        end -= 1;
                    }
                }
            }
        }
        let at = start;
        start = end;
        Some((at, &text[at..end]))
    })
}

/// The longest character n-gram a model file may ask for.
const MAX_GRAM: usize = 32;

/// Weights per bucket are stored `STRIDE` apart (the classes, padded with zeros), so one bucket is one aligned
/// 16-byte row that the compiler adds to 16 accumulators at once.
const STRIDE: usize = 16;

impl HoldModel {
    /// The shipped model.
    #[must_use]
    pub fn builtin() -> Self {
        Self::from_bytes(BUILTIN_HOLD_MODEL)
            .unwrap_or_else(|e| unreachable!("the shipped hold model parses: {e}"))
    }

    /// Reads a model file (see the module documentation).
    ///
    /// # Errors
    ///
    /// [`Error::Lexicon`] if the magic line, the JSON header or the length of the weights is wrong.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let rest = bytes
            .strip_prefix(MAGIC)
            .ok_or_else(|| bad("magic", "not a KIMHOLD 1 file"))?;
        let nl = rest
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| bad("header", "no header line"))?;
        let h: Header = serde_json::from_slice(&rest[..nl])
            .map_err(|e| bad("header", &format!("bad JSON header: {e}")))?;
        let body = &rest[nl + 1..];
        let n = h.classes.len();
        if h.format != 1
            || h.buckets == 0
            || h.buckets > u64::from(u32::MAX)
            || !(2..=STRIDE).contains(&n)
            || h.grams[0] == 0
            || h.grams[0] > h.grams[1]
            || h.grams[1] > MAX_GRAM
            || !(0.0..=1.0).contains(&h.threshold)
            || !(0.0..1.0).contains(&h.unblock)
            || !(0.0..1.0).contains(&h.release)
            || !(0.0..1.0).contains(&h.release_capped)
            || h.scales.len() != n
            || h.intercepts.len() != n
            || !h.scales.iter().chain(&h.intercepts).all(|v| v.is_finite())
        {
            return Err(bad(
                "header",
                "bad format, buckets, classes, grams (1 to 32 characters), threshold (0 to 1), unblock, release or \
                 release_capped (0 to under 1), scales or intercepts",
            ));
        }
        let buckets = usize::try_from(h.buckets).unwrap_or(usize::MAX);
        if buckets.checked_mul(n) != Some(body.len()) {
            return Err(bad(
                "weights",
                "the weights are not classes × buckets bytes",
            ));
        }
        let mut weights = vec![0i8; buckets * STRIDE];
        for (k, row) in body.chunks_exact(buckets).enumerate() {
            for (b, &w) in row.iter().enumerate() {
                weights[b * STRIDE + k] = i8::from_ne_bytes([w]);
            }
        }
        let mut classes = Vec::with_capacity(n);
        for c in &h.classes {
            classes.push(if c == "benign" {
                None
            } else {
                Some(
                    serde_json::from_value::<Category>(serde_json::Value::String(c.clone()))
                        .map_err(|_| bad("classes", &format!("unknown class {c}")))?,
                )
            });
        }
        let benign = classes
            .iter()
            .position(Option::is_none)
            .ok_or_else(|| bad("classes", "no benign class"))?;
        Ok(Self {
            id: if let Some(id) = h.id {
                id
            } else if h.provenance.date.is_empty() {
                "hold".to_owned()
            } else {
                format!("hold-{}", h.provenance.date)
            },
            buckets: h.buckets,
            classes,
            benign,
            threshold: h.threshold,
            min_tokens: h.min_tokens,
            unblock: h.unblock,
            release: h.release,
            release_capped: h.release_capped,
            scales: h.scales,
            intercepts: h.intercepts,
            mask: h.buckets.is_power_of_two().then(|| h.buckets - 1),
            grams: (h.grams[0], h.grams[1]),
            input: h.input,
            weights,
        })
    }

    /// The id the file gives, else `hold-<training date>`, e.g. `hold-2026-12-06.4`: the part of a verdict's rule-set version that names the model.
    #[must_use]
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The threshold on P(harmful) above which the model holds.
    #[must_use]
    pub fn threshold(&self) -> f64 {
        self.threshold
    }

    /// The fewest words of a post the model holds: shorter posts give it too little to go on, and are left to the
    /// rules.
    #[must_use]
    pub fn min_tokens(&self) -> usize {
        self.min_tokens
    }

    /// The P(harmful) under which the model reads a sentence as lawful: when the rules of one category alone block a post
    /// (not a NIK) and the sentence around each blocking match (of at least [`HoldModel::min_tokens`] words) reads as lawful, its
    /// matches only hold, softened by `hold-model`. Never for a text with a right-to-left override (U+202E). 0 (never)
    /// in model files that do not say.
    #[must_use]
    pub fn unblock(&self) -> f64 {
        self.unblock
    }

    /// The P(harmful) under which the model releases a hold of the rules: when the rules hold a post for profanity or
    /// insult alone (`kasar`: nothing blocks, no other category holds, no NIK, phone number or e-mail address in the
    /// text) and the sentence around each holding match (of [`HoldModel::min_tokens`] to
    /// [`super::RELEASE_MAX_WORDS`] words) reads as lawful, its matches are only flagged, softened by `hold-model`, and
    /// the post is allowed unless the model itself holds it. Never for a text with a right-to-left override. 0 (never)
    /// in model files that do not say; the trainer chooses it so that few of the harmful posts the rules hold are
    /// released, leave one corpus out.
    #[must_use]
    pub fn release(&self) -> f64 {
        self.release
    }

    /// The P(harmful) under which the model releases a hold the rules themselves doubted: every holding match was
    /// capped at hold by a context (a reporting, opposing or debunking word: the `cap` and `ease` lines of the
    /// constructions; not quotation marks, nor the model's own [`HoldModel::unblock`]); nothing blocks; no NIK, phone
    /// number or e-mail address in the text. When the sentence around each holding match (of [`HoldModel::min_tokens`]
    /// to [`super::RELEASE_MAX_WORDS`] words, naming nobody) reads as lawful, the matches are only flagged, softened by
    /// `hold-model`, and the post is allowed unless the model itself holds it. Never for a text with a right-to-left
    /// override. 0 (never) in model files that do not say; the trainer chooses it so that, leave one corpus out, few
    /// harmful posts are released.
    #[must_use]
    pub fn release_capped(&self) -> f64 {
        self.release_capped
    }

    /// True if every stretch of the text has at least [`HoldModel::min_tokens`] words, at most `max_words`, and a
    /// P(harmful) under `limit` (which is [`HoldModel::unblock`], [`HoldModel::release`] or [`HoldModel::release_capped`]; 0 never reads as
    /// lawful).
    pub(super) fn reads_as_lawful(&self, text: &str, limit: f64, max_words: usize) -> bool {
        limit > 0.0
            && stretches(text).all(|(_, stretch)| {
                self.harmful_if_words(stretch, None, self.min_tokens..=max_words)
                    .is_some_and(|p| p < limit)
            })
    }

    /// The classes in the model's order: `None` for benign, else the harmful category.
    #[must_use]
    pub fn classes(&self) -> &[Option<Category>] {
        &self.classes
    }

    fn weight(&self, class: usize, bucket: usize) -> f64 {
        f64::from(self.weights[bucket * STRIDE + class]) * self.scales[class]
    }

    #[allow(clippy::cast_possible_truncation)] // a bucket is below `buckets`, itself a usize (checked on reading)
    fn bucket(&self, h: u64) -> usize {
        (match self.mask {
            Some(m) => h & m,
            None => h % self.buckets,
        }) as usize
    }

    /// Calls `f(bucket, first token, last token)` for each occurrence of a feature in the tokens: the token, the pair
    /// with the token before, the character n-grams of the token padded with a space on each side.
    fn each_feature(
        &self,
        t: &Tokens,
        bounds: &mut Vec<usize>,
        mut f: impl FnMut(usize, usize, usize),
    ) {
        let (lo, hi) = self.grams;
        for i in 0..t.len() {
            let w = t.word(i).as_bytes();
            f(self.bucket(fnv_extend(FNV_W, w)), i, i);
            if i > 0 {
                let pair = fnv_extend(fnv_extend(FNV_B, t.word(i - 1).as_bytes()), b" ");
                f(self.bucket(fnv_extend(pair, w)), i - 1, i);
            }
            // The n-grams starting at each character of " token ", hashed incrementally from the state after `c `.
            if w.len() < 64 && w.is_ascii() {
                // Most tokens: one byte per character, padded on the stack.
                let mut padded = [b' '; 66];
                padded[1..=w.len()].copy_from_slice(w);
                let len = w.len() + 2;
                for j in 0..len {
                    // The first `lo - 1` bytes give no feature; each byte after them ends one, up to `hi` bytes.
                    let (quiet, end) = ((j + lo - 1).min(len), (j + hi).min(len));
                    let mut h = FNV_C;
                    for &b in &padded[j..quiet] {
                        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                    }
                    for &b in &padded[quiet..end] {
                        h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                        f(self.bucket(h), i, i);
                    }
                }
                continue;
            }
            bounds.clear();
            bounds.push(0);
            if w.is_ascii() {
                bounds.extend(1..=w.len() + 2);
            } else {
                bounds.extend(t.word(i).char_indices().map(|(j, _)| j + 1));
                bounds.extend([w.len() + 1, w.len() + 2]);
            }
            let chars = bounds.len() - 1;
            let byte = |k: usize| {
                if k == 0 || k > w.len() {
                    b' '
                } else {
                    w[k - 1]
                }
            };
            for j in 0..chars {
                let mut h = FNV_C;
                for n in 1..=hi.min(chars - j) {
                    for k in bounds[j + n - 1]..bounds[j + n] {
                        h = (h ^ u64::from(byte(k))).wrapping_mul(FNV_PRIME);
                    }
                    if n >= lo {
                        f(self.bucket(h), i, i);
                    }
                }
            }
        }
    }

    /// P(class) for each class from the count of each bucket present (each bucket once): the value of a bucket is
    /// `1 + ln(count)`, L2-normalised over the text.
    /// Also returns the L2 norm the values were divided by.
    fn probabilities(&self, buckets: impl Iterator<Item = (usize, u32)>) -> (Vec<f64>, f64) {
        // Buckets seen once (most) add their int8 weights exactly; the others in floating point.
        let mut ones = [0i32; STRIDE];
        // Int8 weights lie in -128..=127, so 256 rows sum to between -32,768 and 32,512: they add up in 16 bits, then
        // go to `ones`.
        let mut short = [0i16; STRIDE];
        let mut in_short = 0;
        let mut more = [0.0f64; STRIDE];
        let mut norm = 0.0;
        for (b, count) in buckets {
            let row = &self.weights[b * STRIDE..(b + 1) * STRIDE];
            if count == 1 {
                norm += 1.0;
                for (a, &w) in short.iter_mut().zip(row) {
                    *a += i16::from(w);
                }
                in_short += 1;
                if in_short == 256 {
                    for (a, s) in ones.iter_mut().zip(&mut short) {
                        *a += i32::from(std::mem::take(s));
                    }
                    in_short = 0;
                }
            } else {
                let v = 1.0 + f64::from(count).ln();
                norm += v * v;
                for (a, &w) in more.iter_mut().zip(row) {
                    *a += v * f64::from(w);
                }
            }
        }
        for (a, s) in ones.iter_mut().zip(short) {
            *a += i32::from(s);
        }
        let norm = if norm > 0.0 { norm.sqrt() } else { 1.0 };
        let z: Vec<f64> = (0..self.classes.len())
            .map(|k| self.intercepts[k] + self.scales[k] * (f64::from(ones[k]) + more[k]) / norm)
            .collect();
        let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let e: Vec<f64> = z.iter().map(|v| (v - max).exp()).collect();
        let sum: f64 = e.iter().sum();
        (e.iter().map(|v| v / sum).collect(), norm)
    }

    /// P(harmful) of a text, scored whole: what [`HoldModel::score`] gives, without the explanation. (The moderator
    /// scores a text longer than [`MODEL_STRETCH`] in stretches.)
    #[must_use]
    pub fn harmful(&self, text: &str) -> f64 {
        self.harmful_if_words(text, None, 0..=usize::MAX)
            .unwrap_or_default()
    }

    /// P(harmful) of a text whose word count is in `words`; `None`, without scoring it, for another.
    /// `normalized`, when the caller has it, is the normaliser's text of `text` (the moderator's, which a model that
    /// reads normalised text then does not compute again).
    fn harmful_if_words(
        &self,
        text: &str,
        normalized: Option<&str>,
        words: std::ops::RangeInclusive<usize>,
    ) -> Option<f64> {
        SCRATCH.with(|s| {
            let mut s = s.borrow_mut();
            let Scratch {
                tokens,
                counts,
                long_counts,
                seen,
                bounds,
                norm,
            } = &mut *s;
            match (self.input, normalized) {
                (Input::Normalized, Some(n)) => tokens.read(n),
                _ => tokens.read_as(text, self.input, norm),
            }
            if !words.contains(&tokens.len()) {
                return None;
            }
            // At most a word, a pair and one n-gram of each length per character of each padded token.
            let most = 2 * tokens.len()
                + (self.grams.1 - self.grams.0 + 1) * (tokens.buf.len() + 2 * tokens.len());
            // A stretch (at most 8 KiB) has fewer features than 16 bits count; only a long text scored whole needs
            // more.
            let p = if u16::try_from(most).is_ok() {
                self.tally(tokens, bounds, counts, seen, most)
            } else {
                let p = self.tally(tokens, bounds, long_counts, seen, most);
                *long_counts = Vec::new();
                p
            };
            // A thread keeps the buffers of a stretch, not those of a long text scored whole.
            if tokens.buf.capacity() > 4 * MODEL_STRETCH {
                *tokens = Tokens::default();
            }
            if seen.len() > 8 * MODEL_STRETCH {
                *seen = Vec::new();
            }
            if norm.text.capacity() > 4 * MODEL_STRETCH {
                *norm = Normalized::default();
            }
            Some(1.0 - p[self.benign])
        })
    }

    /// The probabilities of the features of `tokens` (at most `most` of them), counted in `counts` (all zero before
    /// and after) and listed in `seen` in the order they first occur.
    #[allow(clippy::cast_possible_truncation)] // a bucket is below `buckets`, at most u32::MAX (checked on reading)
    fn tally<C>(
        &self,
        tokens: &Tokens,
        bounds: &mut Vec<usize>,
        counts: &mut Vec<C>,
        seen: &mut Vec<u32>,
        most: usize,
    ) -> Vec<f64>
    where
        C: Copy + Default + PartialEq + std::ops::AddAssign + From<u8> + Into<u32>,
    {
        if counts.len() < self.weights.len() / STRIDE {
            counts.resize(self.weights.len() / STRIDE, C::default());
        }
        // `n` below counts distinct buckets, so it stays within the model's buckets too.
        let most = most.min(counts.len() + 1);
        if seen.len() < most {
            seen.resize(most, 0);
        }
        // Each bucket's first occurrence is written at `n`, and `n` moves on only when the bucket was new: no branch
        // on data a predictor cannot learn.
        let (zero, one) = (C::default(), C::from(1));
        let mut n = 0;
        self.each_feature(tokens, bounds, |b, _, _| {
            seen[n] = b as u32;
            n += usize::from(counts[b] == zero);
            counts[b] += one;
        });
        let (p, _) = self.probabilities(
            seen[..n]
                .iter()
                .map(|&b| (b as usize, std::mem::take(&mut counts[b as usize]).into())),
        );
        p
    }

    /// Scores a text.
    #[must_use]
    pub fn score(&self, text: &str) -> Score {
        let toks = Tokens::of(text, self.input);
        let mut occ = Vec::new();
        self.each_feature(&toks, &mut Vec::new(), |b, i, j| occ.push((b, i, j)));
        let mut x: Vec<(usize, u32)> = occ.iter().map(|o| (o.0, 1)).collect();
        x.sort_unstable();
        x.dedup_by(|next, kept| {
            let same = next.0 == kept.0;
            kept.1 += u32::from(same);
            same
        });
        let (probabilities, norm) = self.probabilities(x.iter().copied());
        let (best, category) = self
            .classes
            .iter()
            .enumerate()
            .filter_map(|(k, c)| c.map(|c| (k, c)))
            .max_by(|a, b| {
                probabilities[a.0]
                    .total_cmp(&probabilities[b.0])
                    .then(b.0.cmp(&a.0))
            })
            .unwrap_or_else(|| unreachable!("a model has a harmful class"));
        // Each occurrence carries its share of its bucket's contribution to the logit of `best` against benign; a
        // word pair splits its share between its two tokens.
        let mut per_token = vec![0.0; toks.len()];
        for &(b, i, j) in &occ {
            let (_, count) = x[x.partition_point(|e| e.0 < b)];
            let v = (1.0 + f64::from(count).ln()) / norm;
            let share = v * (self.weight(best, b) - self.weight(self.benign, b)) / f64::from(count);
            if i == j {
                per_token[i] += share;
            } else {
                per_token[i] += share / 2.0;
                per_token[j] += share / 2.0;
            }
        }
        let mut order: Vec<usize> = (0..toks.len()).filter(|&i| per_token[i] > 0.0).collect();
        order.sort_by(|&a, &b| per_token[b].total_cmp(&per_token[a]).then(a.cmp(&b)));
        order.truncate(5);
        Score {
            harmful: 1.0 - probabilities[self.benign],
            category,
            words: order
                .iter()
                .map(|&i| (toks.span(i).0, toks.span(i).1, per_token[i]))
                .collect(),
            probabilities,
        }
    }
}

impl HoldModel {
    /// Holds a verdict the rules allow when P(harmful) is above the threshold: adds a `model-hold` match (the most
    /// probable harmful category, action hold, the strongest words as parts). Any other verdict is left as it is.
    /// `normalized`, when the caller has it, is the normaliser's text of the whole of `text`.
    pub(super) fn hold_if_allowed(
        &self,
        text: &str,
        normalized: Option<&str>,
        verdict: &mut Verdict,
    ) {
        if verdict.decision != Decision::Allow {
            return;
        }
        // The stretch the model finds most harmful, among those over the threshold with enough words.
        let Some((_, at, stretch)) = stretches(text)
            .filter_map(|(at, stretch)| {
                // A text of one stretch is the text the caller normalised.
                let whole = normalized.filter(|_| stretch.len() == text.len());
                self.harmful_if_words(stretch, whole, self.min_tokens..=usize::MAX)
                    .filter(|&harmful| harmful > self.threshold)
                    .map(|harmful| (harmful, at, stretch))
            })
            .max_by(|a, b| a.0.total_cmp(&b.0))
        else {
            return;
        };
        let mut s = self.score(stretch);
        // A hold names the words that drove it: a text without any (no words, or words that all speak against harm)
        // is left to the rules, whatever the intercepts say.
        if s.words.is_empty() {
            return;
        }
        for w in &mut s.words {
            (w.0, w.1) = (w.0 + at, w.1 + at);
        }
        let quoted: Vec<String> = s
            .words
            .iter()
            .map(|&(a, b, _)| format!("\"{}\"", &text[a..b]))
            .collect();
        let words = if quoted.is_empty() {
            "-".to_owned()
        } else {
            quoted.join(", ")
        };
        let (cat_id, cat_en) = s.category.describe();
        let reason_id = format!(
            "model statistik: P(berbahaya) = {:.2} di atas ambang {:.2}, paling mirip {} ({cat_id}); kata terkuat: {words}; \
             perlu tinjauan manusia",
            s.harmful, self.threshold, s.category
        );
        let reason_en = format!(
            "statistical model: P(harmful) = {:.2} above the threshold {:.2}, most like {} ({cat_en}); strongest words: \
             {words}; needs human review",
            s.harmful, self.threshold, s.category
        );
        let parts: Vec<Part> = s
            .words
            .iter()
            .map(|&(start, end, _)| Part {
                role: Text::from_static("word"),
                start,
                end,
            })
            .collect();
        let start = parts.iter().map(|p| p.start).min().unwrap_or_default();
        let end = parts.iter().map(|p| p.end).max().unwrap_or_default();
        let m = Match {
            start,
            end,
            category: s.category,
            severity: MatchSeverity::Low,
            action: Action::Hold,
            rule_id: Text::from_static("model-hold"),
            reason_id: reason_id.into(),
            reason_en: reason_en.into(),
            parts,
            softened_by: None,
        };
        let at = verdict
            .matches
            .partition_point(|x| (x.start, x.end, &*x.rule_id) <= (m.start, m.end, &*m.rule_id));
        verdict.matches.insert(at, m);
        verdict.decision = Decision::Hold;
        // A hoax suspicion asks for a fact-check, whoever raised it (docs/domain.md §8).
        verdict.fact_check |= s.category == Category::Hoaks;
        if !verdict.categories.contains(&s.category) {
            verdict.categories.push(s.category);
            verdict.categories.sort_unstable();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_their_spans_in_the_original_text() {
        let t = Tokens::of("Ayo, DAFTAR sekarang!! Ünïcode", Input::Raw);
        let words: Vec<&str> = (0..t.len()).map(|i| t.word(i)).collect();
        assert_eq!(words, ["ayo", "daftar", "sekarang", "ünïcode"]);
        assert_eq!(t.span(1), (5, 11));
        let (a, b) = t.span(3);
        assert_eq!(&"Ayo, DAFTAR sekarang!! Ünïcode"[a..b], "Ünïcode");
        // Arabic with harakat splits where Python's str.isalnum splits (the marks are not alphanumeric there).
        let t = Tokens::of("بِسْمِ اللَّهِ", Input::Raw);
        let words: Vec<&str> = (0..t.len()).map(|i| t.word(i)).collect();
        assert_eq!(words, ["ب", "س", "م", "الل", "ه"]);
    }

    #[test]
    fn a_model_that_reads_normalised_text_maps_its_words_back() {
        // Leetspeak, repeated letters and a numeric suffix fold; each word's span is that of the original word.
        let text = "Dasar G0BL0KKK!! main di gacor88";
        let t = Tokens::of(text, Input::Normalized);
        let words: Vec<&str> = (0..t.len()).map(|i| t.word(i)).collect();
        assert_eq!(words, ["dasar", "goblok", "main", "di", "gacor"]);
        let spans: Vec<&str> = (0..t.len())
            .map(|i| &text[t.span(i).0..t.span(i).1])
            .collect();
        assert_eq!(spans, ["Dasar", "G0BL0KKK", "main", "di", "gacor88"]);
        // Letters spelled out are one word, spanning all of them.
        let text = "ayo s l o t sekarang";
        let t = Tokens::of(text, Input::Normalized);
        assert_eq!(t.word(1), "slot");
        assert_eq!(&text[t.span(1).0..t.span(1).1], "s l o t");
    }

    #[test]
    fn counting_in_16_or_32_bits_gives_what_sorting_gives() {
        // `harmful` counts features in a table (16 bits a count, 32 for a long text); `score` sorts them. A short
        // post, one near the 16-bit limit, and long texts where one feature occurs more than 65,535 times.
        let m = HoldModel::builtin();
        let texts = [
            "Kalau tidak transfer malam ini, video kamu kusebar ke grup RT".to_owned(),
            "wkwk ".repeat(3_000),
            "a ".repeat(70_000),
            format!(
                "{} Σ ÉCOLE naïve",
                "judi online gacor hari ini ".repeat(2_000)
            ),
        ];
        for t in &texts {
            let (fast, sorted) = (m.harmful(t), m.score(t).harmful);
            assert!(
                (fast - sorted).abs() < 1e-9,
                "{fast} vs {sorted} on {} bytes",
                t.len()
            );
        }
        // A call after a long text starts from clean counts.
        assert!((m.harmful(&texts[0]) - m.score(&texts[0]).harmful).abs() < 1e-9);
    }

    #[test]
    fn the_shipped_model_loads_and_bad_files_do_not() {
        let m = HoldModel::builtin();
        assert_eq!(m.classes().len(), 11);
        assert!(m.threshold() > 0.5 && m.threshold() < 1.0);
        assert!(HoldModel::from_bytes(b"nope").is_err());
        // Header values that would overflow or mean nothing are refused, not used.
        let nl = MAGIC.len()
            + BUILTIN_HOLD_MODEL[MAGIC.len()..]
                .iter()
                .position(|&b| b == b'\n')
                .unwrap_or_default();
        let header = std::str::from_utf8(&BUILTIN_HOLD_MODEL[MAGIC.len()..nl]).unwrap_or_default();
        let threshold = format!("\"threshold\":{}", HoldModel::builtin().threshold());
        let capped = format!(
            "\"release_capped\":{}",
            HoldModel::builtin().release_capped()
        );
        for (from, to) in [
            ("\"grams\":[3,5]", "\"grams\":[3,18446744073709551615]"),
            ("\"unblock\":0.5", "\"unblock\":1.5"),
            ("\"unblock\":0.5", "\"unblock\":NaN"),
            (threshold.as_str(), "\"threshold\":-1"),
            (capped.as_str(), "\"release_capped\":1.0"),
        ] {
            assert!(header.contains(from), "{from}");
            let mut bytes = MAGIC.to_vec();
            bytes.extend(header.replace(from, to).as_bytes());
            bytes.extend(&BUILTIN_HOLD_MODEL[nl..]);
            assert!(HoldModel::from_bytes(&bytes).is_err(), "{to}");
        }
        // `input` is raw or normalized; a file that does not say is raw (the files before hold-2026-12-05.8).
        let parse = |h: &str| serde_json::from_str::<Header>(h).map(|h| h.input);
        let minimal = r#"{"format":1,"buckets":2,"classes":["benign","kasar"],"threshold":0.5,"scales":[1,1],"intercepts":[0,0]"#;
        assert_eq!(parse(&format!("{minimal}}}")).ok(), Some(Input::Raw));
        assert_eq!(
            parse(&format!("{minimal},\"input\":\"normalized\"}}")).ok(),
            Some(Input::Normalized)
        );
        assert!(parse(&format!("{minimal},\"input\":\"stemmed\"}}")).is_err());
        // The same header, unchanged, is read.
        let mut same = MAGIC.to_vec();
        same.extend(header.as_bytes());
        same.extend(&BUILTIN_HOLD_MODEL[nl..]);
        assert!(HoldModel::from_bytes(&same).is_ok());
        let cut = &BUILTIN_HOLD_MODEL[..BUILTIN_HOLD_MODEL.len() - 1];
        assert!(HoldModel::from_bytes(cut).is_err());
    }

    fn unescape(s: &str) -> String {
        let mut out = String::new();
        let mut it = s.chars();
        while let Some(c) = it.next() {
            if c == '\\' {
                match it.next() {
                    Some('n') => out.push('\n'),
                    Some('t') => out.push('\t'),
                    Some(o) => out.push(o),
                    None => out.push('\\'),
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    /// The trainer's fixture: texts with the probabilities of the quantised model in Python.
    #[test]
    fn probabilities_match_the_trainer() {
        let m = HoldModel::builtin();
        let fixture = include_str!("../../tests/data/moderation/hold_model_parity.tsv");
        let mut n = 0;
        for line in fixture.lines().filter(|l| !l.starts_with('#')) {
            let (text, probs) = line.split_once('\t').unwrap();
            let text = unescape(text);
            let want: Vec<f64> = probs.split('\t').map(|p| p.parse().unwrap()).collect();
            let got = m.score(&text).probabilities;
            for (g, w) in got.iter().zip(&want) {
                assert!((g - w).abs() < 1e-3, "{text:?}: {got:?} vs {want:?}");
            }
            n += 1;
        }
        assert!(n >= 150, "{n} texts");
    }
}
