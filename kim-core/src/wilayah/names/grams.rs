//! Candidate filters for near spellings and abbreviations over large ranges of the list (a province, or the
//! country), so that the near-spelling stage does not scan tens of thousands of names.
//!
//! **Bigrams.** Every normalised name is padded (`^perian$`) and cut into its bigrams, each numbered by its
//! occurrence in the name (`an#1`, `an#2`), so that the keys two names share count their common bigrams as
//! multisets. Two strings within edit distance `k`, the longer of `m` chars, share at least `m + 1 - 2k` padded
//! bigrams (Ukkonen's q-gram lemma: one edit destroys at most two). A similarity ≥ 0.8 allows `k = ⌊m/5⌋`, so a
//! near spelling of a query of `n` chars shares at least `t = min over m in n..=5n/4 of (m + 1 - 2⌊m/5⌋)` of the
//! query's `n + 1` keys, hence at least one of its `n + 2 - t` rarest keys (the prefix filter). The candidates are
//! the units in the postings of those keys; the caller checks each one exactly, so the filter never drops a near
//! spelling (see the test in `names/mod.rs`).
//!
//! **Abbreviations.** A syllable abbreviation (`kukar`) starts with the first two letters of the first word of a
//! name of two or more words, so names are also listed under their first two bytes.
//!
//! Postings are in list order, so a subtree (a contiguous range) is found by binary search.

use std::collections::HashMap;
use std::ops::Range;

/// The bigram postings (per level) and the abbreviation postings of every unit's normalised name.
pub(super) struct GramIndex {
    grams: HashMap<u64, Vec<u32>, KeyHash>,
    first_two: HashMap<[u8; 2], Vec<u32>>,
}

/// A cheap hash for the 64-bit keys (a multiplicative mix; the keys are not chosen by an adversary: they come from
/// the code list and from one query's bigrams).
#[derive(Default, Clone, Copy)]
struct KeyHash;

impl std::hash::BuildHasher for KeyHash {
    type Hasher = KeyHasher;
    fn build_hasher(&self) -> KeyHasher {
        KeyHasher(0)
    }
}

struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        let h = (self.0 ^ (self.0 >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        h ^ (h >> 32)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(0x100_0000_01B3);
        }
    }
    fn write_u64(&mut self, k: u64) {
        self.0 = k;
    }
}

/// The padded bigrams of `s` at `level` (0–3), each with its occurrence number, as keys, into `out`.
fn keys(s: &str, level: u64, out: &mut Vec<u64>) {
    out.clear();
    let mut prev = '\u{2}';
    for c in s.chars().chain(std::iter::once('\u{3}')) {
        let gram = (level << 58) | (u64::from(prev) << 29) | (u64::from(c) << 8);
        let before = out.iter().filter(|&&k| k & !0xFF == gram).count() as u64;
        out.push(gram | (before + 1).min(0xFF));
        prev = c;
    }
}

/// The fewest padded bigrams a near spelling (similarity ≥ 0.8) of a query of `n` chars shares with it.
fn min_shared(n: usize) -> usize {
    (n..=n + n / 4)
        .map(|m| m + 1 - 2 * (m / 5))
        .min()
        .unwrap_or(1)
}

/// The part of a posting (in list order) inside `range`.
pub(super) fn within<'a>(posting: &'a [u32], range: &Range<usize>) -> &'a [u32] {
    let lo = posting.partition_point(|&i| (i as usize) < range.start);
    let hi = posting.partition_point(|&i| (i as usize) < range.end);
    &posting[lo..hi]
}

impl GramIndex {
    /// `levels[i]`: the level of unit i (0 = provinsi … 3 = desa).
    pub(super) fn build(norm: &[Box<str>], levels: &[u8]) -> Self {
        let mut grams: HashMap<u64, Vec<u32>, KeyHash> = HashMap::with_hasher(KeyHash);
        let mut first_two: HashMap<[u8; 2], Vec<u32>> = HashMap::new();
        let mut buf = Vec::new();
        for (i, (name, &level)) in norm.iter().zip(levels).enumerate() {
            #[allow(clippy::cast_possible_truncation)] // see Reference::build
            let i = i as u32;
            keys(name, u64::from(level), &mut buf);
            for &k in &buf {
                grams.entry(k).or_default().push(i);
            }
            if let [a, b, ..] = name.as_bytes()
                && name.contains(' ')
            {
                first_two.entry([*a, *b]).or_default().push(i);
            }
        }
        for p in grams.values_mut().chain(first_two.values_mut()) {
            p.shrink_to_fit();
        }
        Self { grams, first_two }
    }

    /// Every unit in `range` at one of `levels` (0–3) that may be a near spelling of `query` or have `query` as an
    /// abbreviation (a superset; the caller checks each), in list order.
    pub(super) fn candidates(&self, query: &str, range: &Range<usize>, levels: &[u8]) -> Vec<u32> {
        let n = query.chars().count();
        let probe = (n + 2).saturating_sub(min_shared(n));
        let mut buf = Vec::new();
        let mut out: Vec<u32> = Vec::new();
        for &level in levels {
            keys(query, u64::from(level), &mut buf);
            let mut postings: Vec<&[u32]> = buf
                .iter()
                .map(|k| self.grams.get(k).map_or(&[][..], |p| within(p, range)))
                .collect();
            postings.sort_unstable_by_key(|p| p.len());
            out.extend(postings.iter().take(probe).flat_map(|p| p.iter().copied()));
        }
        if query.len() >= 4
            && !query.contains(' ')
            && let [a, b, ..] = query.as_bytes()
            && let Some(p) = self.first_two.get(&[*a, *b])
        {
            out.extend_from_slice(within(p, range));
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_bigrams_are_numbered_and_padded() {
        // ^b ba an na an$ → "an" occurs twice, as two keys.
        let mut k = Vec::new();
        keys("banan", 3, &mut k);
        assert_eq!(k.len(), 6);
        let mut d = k.clone();
        d.sort_unstable();
        d.dedup();
        assert_eq!(d.len(), 6);
    }

    #[test]
    fn the_shared_bigram_bound_is_positive_and_tight_for_one_edit() {
        // "perian" (6 chars) and "periaan" (7 chars, one insertion) share ^p pe er ri ia a n$ minus the broken ones.
        assert_eq!(min_shared(5), 4);
        assert!((1..40).all(|n| min_shared(n) >= 1 && min_shared(n) <= n + 1));
    }
}
