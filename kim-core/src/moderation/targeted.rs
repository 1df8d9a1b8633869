//! When a targeted insult (`EntryKind::Targeted`: `monyet`, `gendut`, `bodoh`) is aimed at someone: a target marker
//! within [`TARGET_WINDOW`] words (`kamu`, `dasar`, `otak`, `kayak`, a title before a name), the vocative that opens
//! a sentence (`Kampret, antre dua jam ...`, `Banci kaleng!`; medium or high severity only), a verb made of the
//! insult (`dianjingin`), or a string of two different targeted insults (`bolot, budeg`). Alone, the animal, the body
//! or the thing is just that.

use super::normalize::Normalized;

/// How many words apart a targeted insult and its target marker may be.
pub const TARGET_WINDOW: usize = 3;

/// What aims an insult: the token range of the target marker, or of the vocative clause, or of the verb, and its
/// role (`"target"`, `"vocative"`, `"verb"`).
pub(super) fn aimed(
    text: &str,
    norm: &Normalized,
    (h0, h1): (usize, usize),
    targets: &[(usize, usize)],
    widest: usize,
    strong: bool,
) -> Option<(usize, usize, &'static str)> {
    let from = targets.partition_point(|&(a0, _)| a0 + widest + TARGET_WINDOW < h0);
    let near = targets[from..]
        .iter()
        .take_while(|&&(a0, _)| a0 <= h1 + TARGET_WINDOW)
        .filter(|&&(a0, a1)| a1 < h0 || h1 < a0)
        .filter(|&&(a0, a1)| {
            h0.saturating_sub(a1) <= TARGET_WINDOW && a0.saturating_sub(h1) <= TARGET_WINDOW
        })
        .min_by_key(|&&(a0, a1)| h0.saturating_sub(a1).max(a0.saturating_sub(h1)));
    if let Some(&(a0, a1)) = near {
        return Some((a0, a1, "target"));
    }
    // Only a strong insult opens a sentence as a vocative: `Kampret, ...` is one, `Gila, ...` is an exclamation.
    if let Some((s, e)) = vocative(text, norm, h0, h1).filter(|_| strong) {
        return Some((s, e, "vocative"));
    }
    is_verb(norm, h0, h1).then_some((h0, h1, "verb"))
}

/// How many words apart two different targeted insults may be to aim each other (a string of insults).
pub(super) const STRING_WINDOW: usize = 3;

/// A string of insults aims each of them: `pesek, item, dekil`, `bolot, budeg`. The nearest other targeted insult
/// (of another entry) within [`STRING_WINDOW`] words, with the role `"string"`. `targeted` is sorted.
pub(super) fn string_of(
    targeted: &[(usize, usize, u32)],
    (h0, h1, idx): (usize, usize, u32),
) -> Option<(usize, usize, &'static str)> {
    // An insult is at most a few words long: look only at those that start up to 8 words before this one.
    let from = targeted.partition_point(|&(b0, _, _)| b0 + 8 + STRING_WINDOW < h0);
    targeted[from..]
        .iter()
        .take_while(|&&(b0, _, _)| b0 <= h1 + STRING_WINDOW)
        .filter(|&&(b0, b1, other)| other != idx && (b1 < h0 || h1 < b0))
        .filter(|&&(b0, b1, _)| {
            h0.saturating_sub(b1) <= STRING_WINDOW && b0.saturating_sub(h1) <= STRING_WINDOW
        })
        .min_by_key(|&&(b0, b1, _)| h0.saturating_sub(b1).max(b0.saturating_sub(h1)))
        .map(|&(b0, b1, _)| (b0, b1, "string"))
}

/// True if a sentence ends between tokens `t - 1` and `t` (or `t` is the first token).
fn starts_sentence(text: &str, norm: &Normalized, t: usize) -> bool {
    t == 0 || {
        let between =
            &text.as_bytes()[norm.toks[t - 1].o_end as usize..norm.toks[t].o_start as usize];
        between
            .iter()
            .any(|c| matches!(c, b'.' | b'!' | b'?' | b'\n'))
            || norm.text[norm.toks[t - 1].n_start as usize..norm.toks[t - 1].n_end as usize] == *"!"
    }
}

/// The clause `s..=e` if the insult `h0..=h1` is a vocative: within the first two words of a sentence whose first
/// clause (up to `,` `!` `?`) is at most three words.
fn vocative(text: &str, norm: &Normalized, h0: usize, h1: usize) -> Option<(usize, usize)> {
    let s = (h0.saturating_sub(1)..=h0).find(|&t| starts_sentence(text, norm, t))?;
    let bytes = text.as_bytes();
    (h1..(s + 3).min(norm.toks.len())).find_map(|e| {
        let after = norm
            .toks
            .get(e + 1)
            .map_or(bytes.len(), |n| n.o_start as usize);
        let gap = &bytes[norm.toks[e].o_end as usize..after];
        let is_bang = norm.text[norm.toks[e].n_start as usize..norm.toks[e].n_end as usize] == *"!";
        (is_bang || gap.iter().any(|c| matches!(c, b',' | b'!' | b'?')) || e + 1 == norm.toks.len())
            .then_some((s, e))
    })
}

/// True if the insult is a verb made of it: a `di-` or `ku-` prefix with `-in`, `-i` or `-kan` (`dianjingin`).
fn is_verb(norm: &Normalized, h0: usize, h1: usize) -> bool {
    if h0 != h1 {
        return false;
    }
    let tok = norm.toks[h0];
    let word = &norm.text[tok.n_start as usize..tok.n_end as usize];
    (word.starts_with("di") || word.starts_with("ku"))
        && (word.ends_with("in") || word.ends_with("kan"))
        && word.len() > 6
}
