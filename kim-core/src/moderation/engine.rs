//! [`Moderator`]: the one place that orchestrates a check. A text is normalised and scanned for lexicon hits
//! (`normalize`, `lexicon`), for personal data (`personal`) and for spam and links (`spam`); the matches are merged
//! into a [`Verdict`] here. Those modules only produce matches and never call back into this one.

use std::fmt;

use super::lexicon::{self, EntryKind, Lexicon, is_inflection as is_inflection_at};
use super::normalize;
use super::personal::personal_matches;
use super::spam::SpamScanner;
use super::verdict::{Action, Category, Decision, Match, Verdict};
use crate::error::Result;

/// How many words apart an identity word and a hostile word may be to make a SARA hold.
pub const IDENTITY_WINDOW: usize = 4;

/// A lexicon compiled for checking texts. Cheap to share across threads (`Send + Sync`).
pub struct Moderator {
    lexicon: Lexicon,
    compiled: lexicon::Compiled,
    /// The spam and link scanners.
    spam: SpamScanner,
}

impl fmt::Debug for Moderator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Moderator")
            .field("lexicon_version", &self.lexicon.version())
            .field("entries", &self.lexicon.entries().len())
            .finish_non_exhaustive()
    }
}

impl Default for Moderator {
    /// The shipped lexicon, compiled.
    fn default() -> Self {
        Self::new(Lexicon::builtin())
            .unwrap_or_else(|e| unreachable!("the shipped lexicon compiles: {e}"))
    }
}

/// Bytes of normalised text whose buffers a thread keeps between checks.
const SCRATCH_KEEP: usize = 1 << 20;

thread_local! {
    /// The normaliser's buffers, reused by each check on this thread (posts are short; allocating them for each was
    /// a tenth of the time).
    static SCRATCH: std::cell::RefCell<normalize::Normalized> = std::cell::RefCell::default();
}

impl Moderator {
    /// Compiles a lexicon.
    pub fn new(lexicon: Lexicon) -> Result<Self> {
        let compiled = lexicon::Compiled::new(&lexicon)?;
        let spam = SpamScanner::new()?;
        Ok(Self {
            lexicon,
            compiled,
            spam,
        })
    }

    /// Compiles the lexicon of [`Lexicon::from_user_tsv`]: the user's TSV entries added to the shipped lexicon
    /// (`extend`) or alone. The one call the bindings make to build a moderator from a user's lexicon.
    ///
    /// ```
    /// use kim_core::moderation::{Decision, Moderator};
    /// let tsv = "kasar-contoh\tkasar\tmedium\thold\troot\tkurang ajar\tcontoh\n";
    /// let m = Moderator::from_user_tsv(tsv, "lokal-1", true)?;
    /// assert_eq!(m.lexicon().version(), "kim-default-1+lokal-1");
    /// assert_eq!(m.check("dasar kurang ajar").decision, Decision::Hold);
    /// assert_eq!(m.check("slot gacor").decision, Decision::Block);
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`Lexicon::from_user_tsv`] and [`Moderator::new`].
    pub fn from_user_tsv(tsv: &str, version: &str, extend: bool) -> Result<Self> {
        Self::new(Lexicon::from_user_tsv(tsv, version, extend)?)
    }

    /// The lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Checks one text. Never fails: any text gets a verdict.
    pub fn check(&self, text: &str) -> Verdict {
        let mut matches = Vec::new();
        if u32::try_from(text.len()).is_ok() {
            self.lexicon_matches(text, &mut matches);
        }
        personal_matches(text, &mut matches);
        self.spam.scan(text, &mut matches);
        matches.sort_by(|a, b| (a.start, a.end, &a.rule_id).cmp(&(b.start, b.end, &b.rule_id)));
        matches.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.rule_id == b.rule_id);
        let decision =
            matches
                .iter()
                .map(|m| m.action)
                .max()
                .map_or(Decision::Allow, |a| match a {
                    Action::Block => Decision::Block,
                    Action::Hold => Decision::Hold,
                    Action::Flag => Decision::Allow,
                });
        let mut categories: Vec<Category> = matches
            .iter()
            .filter(|m| m.action != Action::Flag)
            .map(|m| m.category)
            .collect();
        categories.sort();
        categories.dedup();
        let fact_check = matches.iter().any(|m| m.category == Category::Hoaks);
        Verdict {
            schema_version: 1,
            decision,
            categories,
            matches,
            fact_check,
            lexicon_version: self.lexicon.version().to_owned(),
        }
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

    fn lexicon_matches(&self, text: &str, out: &mut Vec<Match>) {
        SCRATCH.with(|cell| {
            // The thread's buffers, or fresh ones in the (never seen) case that they are already in use.
            let (mut held, mut fresh) = (cell.try_borrow_mut().ok(), None);
            let norm = match held.as_deref_mut() {
                Some(norm) => norm,
                None => fresh.insert(normalize::Normalized::default()),
            };
            normalize::normalize_into(text, norm, Some(&self.compiled.scanner));
            self.lexicon_matches_in(norm, out);
            // Keep the buffers of a post, not those of a 100 MB text, for the life of the thread.
            if norm.text.capacity() > SCRATCH_KEEP {
                *norm = normalize::Normalized::default();
            }
        });
    }

    fn lexicon_matches_in(&self, norm: &normalize::Normalized, out: &mut Vec<Match>) {
        let hay = norm.text.as_bytes();
        let mut identity: Vec<(usize, usize)> = Vec::new(); // token ranges
        let mut hostile: Vec<(usize, usize, u32)> = Vec::new();
        let mut exempt: Vec<(usize, usize)> = Vec::new();
        let mut found: Vec<(usize, usize, u32)> = Vec::new();
        // Automaton pattern i is lexicon entry i.
        for &(entry_idx, end) in &norm.hits {
            let e = end as usize;
            let s = e - self.compiled.normalized[entry_idx as usize].len();
            let aligned = s > 0 && hay[s - 1] == b' ' && hay.get(e) == Some(&b' ');
            if !aligned {
                // A root may sit inside an inflected token: `dianjingin`, `membakar`; never inside `pantai`.
                if !self.compiled.inflects(&self.lexicon, entry_idx as usize) {
                    continue;
                }
                let t = norm.token_at(s);
                let tok = norm.toks[t];
                let (ts, te) = (tok.n_start as usize, tok.n_end as usize);
                if e > te
                    || !is_inflection_at(
                        &norm.text[ts..te],
                        &self.compiled.normalized[entry_idx as usize],
                        s - ts,
                    )
                {
                    continue;
                }
            }
            let entry = &self.lexicon.entries()[entry_idx as usize];
            let (t0, t1) = (norm.token_at(s), norm.token_at(e - 1));
            match entry.kind {
                EntryKind::Identity => identity.push((t0, t1)),
                EntryKind::Hostile => hostile.push((t0, t1, entry_idx)),
                EntryKind::Exempt => exempt.push((t0, t1)),
                EntryKind::Root | EntryKind::Phrase => found.push((t0, t1, entry_idx)),
            }
        }
        // A match inside an exempt phrase (`anjing pelacak`, `membakar ogoh-ogoh`) does not count.
        let is_exempt = |t0: usize, t1: usize| exempt.iter().any(|&(e0, e1)| e0 <= t0 && t1 <= e1);
        for (t0, t1, idx) in found {
            if is_exempt(t0, t1) {
                continue;
            }
            let entry = &self.lexicon.entries()[idx as usize];
            let (reason_id, reason_en) = &self.compiled.reasons[idx as usize];
            out.push(Match {
                start: norm.toks[t0].o_start as usize,
                end: norm.toks[t1].o_end as usize,
                category: entry.category,
                severity: entry.severity,
                action: entry.action,
                rule_id: entry.id.clone(),
                reason_id: reason_id.clone(),
                reason_en: reason_en.clone(),
            });
        }
        hostile.retain(|&(h0, h1, _)| !is_exempt(h0, h1));
        for (h0, h1, idx) in hostile {
            let near = identity.iter().find(|(i0, i1)| {
                h0.saturating_sub(*i1) <= IDENTITY_WINDOW
                    && i0.saturating_sub(h1) <= IDENTITY_WINDOW
            });
            if let Some(&(i0, i1)) = near {
                let entry = &self.lexicon.entries()[idx as usize];
                let (a, b) = (h0.min(i0), h1.max(i1));
                out.push(Match {
                    start: norm.toks[a].o_start as usize,
                    end: norm.toks[b].o_end as usize,
                    category: Category::Sara,
                    severity: entry.severity,
                    action: Action::Hold,
                    rule_id: format!("sara-context:{}", entry.id),
                    reason_id: format!(
                        "kata bermusuhan «{}» di dekat kata identitas; perlu ditinjau manusia",
                        entry.pattern
                    ),
                    reason_en: format!(
                        "hostile word «{}» next to an identity word; needs human review",
                        entry.pattern
                    ),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_text_does_not_stay_in_the_scratch_buffers() {
        let m = Moderator::default();
        let long = "warga desa gotong royong ".repeat(100_000);
        assert_eq!(m.check(&long).decision, Decision::Allow);
        SCRATCH.with(|c| assert!(c.borrow().text.capacity() <= SCRATCH_KEEP));
        m.check("slot gacor");
        SCRATCH.with(|c| assert!(c.borrow().text.capacity() > 0));
    }
}
