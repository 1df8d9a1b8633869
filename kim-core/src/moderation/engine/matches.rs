//! The matches of one check, as the moderator collects them: listed up to a cap per category, softened by the text's
//! contexts, and turned into the verdict.

use super::super::grammar::{SoftenEffect, quotation_holding};
use super::super::personal::redact;
use super::super::verdict::{
    Action, Category, Decision, MAX_MATCHES_PER_CATEGORY, Match, Omitted, Text, Verdict,
};

/// The rules of the personal data that [`redact`] masks.
const PERSONAL_RULES: [&str; 3] = ["pd-nik", "pd-phone", "pd-email"];

/// The matches of one check as they are found: at most [`MAX_MATCHES_PER_CATEGORY`] listed per category, and
/// what the verdict needs of every match (the strongest action, the categories that hold or block, a hoax marker).
#[derive(Default)]
pub(in crate::moderation) struct Matches {
    pub(in crate::moderation) list: Vec<Match>,
    listed: [usize; Category::ALL.len()],
    found: [u64; Category::ALL.len()],
    action: Option<Action>,
    deciding: [bool; Category::ALL.len()],
    /// Categories or rule ids softened by a context of the text, with the context's name and what it does.
    soften: Vec<(Text, Text, SoftenEffect)>,
    /// Byte ranges in quotation marks whose matches are softened (the text reports or debunks what it quotes).
    quoted: Vec<(usize, usize)>,
    /// Byte ranges of quotations that a `mention` line's word introduces, with the index in `mention_keys` of the
    /// category or rule id it softens and the line's context name: a word named, not used.
    mentioned: Vec<(u32, u32, u32)>,
    /// The (target, context name) pairs of `mentioned`, each once (a text with many quotations stores no copies).
    mention_keys: Vec<(Text, Text)>,
    /// True if a hoax marker that was not softened was found.
    hoax: bool,
    /// True if a NIK, phone number or e-mail address holds or blocks (the verdict then offers the redacted text).
    personal: bool,
    /// True if a NIK, phone number or e-mail address was found, whatever its action (a flagged shop number too).
    contact: bool,
}

impl Matches {
    /// From now on, matches of `target` (a category name or a rule id) that would hold or block are flagged, softened
    /// by the context `name`; with [`SoftenEffect::HoldAtMost`], those that would block only hold; with
    /// [`SoftenEffect::OneStep`], those that would hold are flagged and those that would block hold.
    pub(in crate::moderation) fn soften(
        &mut self,
        target: &Text,
        name: &Text,
        effect: SoftenEffect,
    ) {
        self.soften.push((target.clone(), name.clone(), effect));
    }

    /// From now on, matches inside these byte ranges (quotations in a text with a word of a context) that would
    /// block hold instead.
    pub(in crate::moderation) fn soften_quoted(&mut self, ranges: &[(usize, usize)]) {
        self.quoted.extend_from_slice(ranges);
    }

    /// From now on, matches of each of `targets` inside the byte range `range` (a quotation that a mention word
    /// introduces) that would hold or block are flagged, softened by the context `name`.
    #[allow(clippy::cast_possible_truncation)] // byte offsets of a text < 4 GiB; a few keys
    pub(in crate::moderation) fn soften_mentioned(
        &mut self,
        (start, end): (usize, usize),
        targets: &[Text],
        name: &Text,
    ) {
        for target in targets {
            let found = self
                .mention_keys
                .iter()
                .position(|(t, n)| **t == **target && **n == **name);
            let key = found.unwrap_or_else(|| {
                self.mention_keys.push((target.clone(), name.clone()));
                self.mention_keys.len() - 1
            });
            self.mentioned.push((start as u32, end as u32, key as u32));
        }
    }

    /// Puts the ranges of [`Matches::soften_mentioned`] in order (each `mention` line adds its own, in order).
    pub(in crate::moderation) fn sort_mentioned(&mut self) {
        self.mentioned.sort_by_key(|(s, ..)| *s);
    }

    /// Whether `start..end` lies inside one of the quotations of [`Matches::soften_quoted`].
    fn in_quotation(&self, start: usize, end: usize) -> bool {
        quotation_holding(&self.quoted, start, end).is_some()
    }

    /// Records a match; lists it if its category has room.
    pub(in crate::moderation) fn push(&mut self, mut m: Match) {
        // A NIK is never softened: a post carrying one is never published as it is (docs/domain.md §5).
        if m.action != Action::Flag && *m.rule_id != *"pd-nik" {
            let applies = |t: &Text| **t == *m.category.as_str() || **t == *m.rule_id;
            // A context that flags wins over one that only caps at hold; one step down flags what would hold.
            let find = |f: fn(SoftenEffect, Action) -> bool| {
                self.soften
                    .iter()
                    .find(|(t, _, e)| f(*e, m.action) && applies(t))
                    .map(|(_, name, _)| name.clone())
            };
            let flags =
                |e, a| e == SoftenEffect::Flag || (e == SoftenEffect::OneStep && a == Action::Hold);
            let caps = |e, a| a == Action::Block && e != SoftenEffect::Flag;
            // The ranges are in order and apart (one entry per target): only the last range that opens at or
            // before the match can hold it (a binary search, so that many quotations stay linear).
            let i = self
                .mentioned
                .partition_point(|&(s, ..)| s as usize <= m.start);
            let last = i.checked_sub(1).map(|j| self.mentioned[j].0);
            let mentioned = self.mentioned[..i]
                .iter()
                .rev()
                .take_while(|(s, ..)| Some(*s) == last)
                .map(|&(_, e, k)| (e as usize, &self.mention_keys[k as usize]))
                .find(|(e, (t, _))| m.end <= *e && applies(t))
                .map(|(_, (_, name))| name.clone());
            if let Some(name) = find(flags).or(mentioned) {
                m.action = Action::Flag;
                m.softened_by = Some(name);
            } else if let Some(name) = find(caps) {
                m.action = Action::Hold;
                m.softened_by = Some(name);
            }
        }
        // A quotation in a text with a context word holds at most: a context that softens this match's category
        // flags it above whatever the quotation marks; the marks alone never allow (a threat in quotation marks
        // next to "harga" or "jangan" is still a threat).
        if m.action == Action::Block && *m.rule_id != *"pd-nik" && self.in_quotation(m.start, m.end)
        {
            m.action = Action::Hold;
            m.softened_by = Some(Text::from_static("quotation"));
        }
        let c = m.category as usize;
        self.found[c] += 1;
        self.hoax |= m.category == Category::Hoaks && m.softened_by.is_none();
        self.personal |= m.action != Action::Flag && PERSONAL_RULES.contains(&m.rule_id.as_str());
        self.contact |= PERSONAL_RULES.contains(&m.rule_id.as_str());
        self.action = self.action.max(Some(m.action));
        if m.action != Action::Flag {
            self.deciding[c] = true;
        }
        if self.listed[c] < MAX_MATCHES_PER_CATEGORY {
            self.listed[c] += 1;
            self.list.push(m);
        }
    }

    /// True if matches were found past a category's cap and left out of the list.
    fn left_out(&self) -> bool {
        self.found
            .iter()
            .zip(&self.listed)
            .any(|(&f, &l)| f > l as u64)
    }

    /// The byte spans of the matches that block, when they all belong to one category and none is a NIK's: the block a
    /// second opinion may cap. `None` when nothing blocks, when rules of two categories or a NIK block, or when
    /// matches were left out of the list (a block among them would go unseen). One category, not one rule: news of a
    /// raid on a gambling site names the site, the game and the admin, and two or three gambling rules block it on
    /// those words alone; a gambling advert that also threatens, or a threat that also advertises, keeps its block.
    pub(in crate::moderation) fn one_category_block_spans(&self) -> Option<Vec<(usize, usize)>> {
        if self.action != Some(Action::Block) || self.left_out() {
            return None;
        }
        let blocks: Vec<&Match> = self
            .list
            .iter()
            .filter(|m| m.action == Action::Block)
            .collect();
        let category = blocks.first()?.category;
        blocks
            .iter()
            .all(|m| m.category == category && *m.rule_id != *"pd-nik")
            .then(|| blocks.iter().map(|m| (m.start, m.end)).collect())
    }

    /// The byte spans of the matches that hold, when the rules hold for profanity or insult alone (`kasar`, a
    /// community standard, not an offence: docs/domain.md §8): nothing blocks, every holding match is `kasar`, the
    /// text has no NIK, phone number or e-mail address, even a flagged one, and no match was left out of the list.
    /// The hold a second opinion may release.
    pub(in crate::moderation) fn hold_spans(&self) -> Option<Vec<(usize, usize)>> {
        self.holds_if(|m| m.category == Category::Kasar)
    }

    /// The byte spans of the matches that hold, when the rules themselves doubted every one of them: each holding
    /// match was capped at hold by a context of the constructions (`softened_by` a `cap` line's context: reporting,
    /// opposing, debunk, ...; not quotation marks, which any context word turns on, and not the model's own unblock,
    /// which would let the model alone publish what the rules block), nothing blocks, the text has no NIK, phone
    /// number or e-mail address, even a flagged one, and no match was left out of the list. The hold a second opinion
    /// may release with [`HoldModel::release_capped`](super::super::HoldModel::release_capped).
    pub(in crate::moderation) fn capped_hold_spans(&self) -> Option<Vec<(usize, usize)>> {
        self.holds_if(|m| {
            m.softened_by
                .as_ref()
                .is_some_and(|s| !matches!(s.as_str(), "hold-model" | "quotation"))
        })
    }

    /// The byte spans of the holding matches when the post holds, every holding match passes `each`, the text has no
    /// NIK, phone number or e-mail address (even a flagged one) and no match was left out of the list.
    fn holds_if(&self, each: impl Fn(&Match) -> bool) -> Option<Vec<(usize, usize)>> {
        let holds = self.list.iter().filter(|m| m.action == Action::Hold);
        if self.action != Some(Action::Hold)
            || self.contact
            || self.left_out()
            || !holds.clone().all(each)
        {
            return None;
        }
        Some(holds.map(|m| (m.start, m.end)).collect())
    }

    /// Flags every hold found so far, softened by `name` (after [`Matches::hold_spans`]: nothing blocks): the post is
    /// allowed, and no category decides.
    pub(in crate::moderation) fn release_holds(&mut self, name: &Text) {
        for m in &mut self.list {
            if m.action == Action::Hold {
                m.action = Action::Flag;
                m.softened_by = Some(name.clone());
            }
        }
        self.action = Some(Action::Flag);
        self.deciding = [false; Category::ALL.len()];
        self.hoax = self
            .list
            .iter()
            .any(|m| m.category == Category::Hoaks && m.softened_by.is_none());
    }

    /// Caps every block found so far at hold, softened by `name` (after [`Matches::one_category_block_spans`]: no NIK
    /// blocks).
    pub(in crate::moderation) fn cap_blocks(&mut self, name: &Text) {
        for m in &mut self.list {
            if m.action == Action::Block {
                m.action = Action::Hold;
                m.softened_by = Some(name.clone());
            }
        }
        if self.action == Some(Action::Block) {
            self.action = Some(Action::Hold);
        }
    }

    /// The matches listed so far.
    #[cfg(test)]
    pub(in crate::moderation) fn listed(&self) -> &[Match] {
        &self.list
    }

    pub(in crate::moderation) fn into_verdict(self, lexicon_version: &str, text: &str) -> Verdict {
        let mut matches = self.list;
        matches.sort_by(|a, b| (a.start, a.end, &a.rule_id).cmp(&(b.start, b.end, &b.rule_id)));
        matches.dedup_by(|a, b| a.start == b.start && a.end == b.end && a.rule_id == b.rule_id);
        let decision = self.action.map_or(Decision::Allow, |a| match a {
            Action::Block => Decision::Block,
            Action::Hold => Decision::Hold,
            Action::Flag => Decision::Allow,
        });
        let categories: Vec<Category> = Category::ALL
            .into_iter()
            .filter(|&c| self.deciding[c as usize])
            .collect();
        // The matches found past the cap (a duplicate among the listed ones is dropped above, not omitted).
        let omitted = Category::ALL
            .into_iter()
            .filter_map(|c| {
                let count = self.found[c as usize] - self.listed[c as usize] as u64;
                (count > 0).then_some(Omitted { category: c, count })
            })
            .collect();
        Verdict {
            schema_version: 1,
            decision,
            categories,
            fact_check: self.hoax,
            matches,
            omitted,
            lexicon_version: lexicon_version.to_owned(),
            redacted: self.personal.then(|| redact(text)),
        }
    }
}
