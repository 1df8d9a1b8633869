//! Evaluating a [`Grammar`] on one normalised text: the class words found by the automaton, the softening contexts
//! they set, and the rules that fire, each with the span of every part.

use super::builtin::{builtin_at, link_end};
use super::{Alt, Builtin, Grammar, MENTION_BEFORE, quotation_holding};
use crate::moderation::engine::Matches;
use crate::moderation::normalize::{Normalized, normalize_pattern};
use crate::moderation::verdict::{Match, Part, Text};

use super::hits::{ClassHits, Hit};

/// How many words before a quotation's opening mark, and after its closing mark, an attribution word may stand.
pub(crate) const ATTRIBUTION_BEFORE: usize = 20;
pub(crate) const ATTRIBUTION_AFTER: usize = 4;

/// How far (in words) a `mention` line seeks the ends of its sentence; with binary searches for every class lookup,
/// a long text with many quotations stays linear.
const SENTENCE_REACH: usize = 40;

/// The tokens of quotation `q0..q1`: `open`, the first that starts after the opening mark (those before it stand before
/// the quotation), and `close`, the first from the closing mark on (`open..close` are inside).
fn quote_tokens(norm: &Normalized, (q0, q1): (usize, usize)) -> (usize, usize) {
    let first_from = |b: usize| norm.toks.partition_point(|t| (t.o_start as usize) < b);
    (first_from(q0), first_from(q1))
}

/// The forms of a root whose first consonant the nasal prefix replaces, which the automaton cannot reach from the
/// root itself: `tusuk` → `menusuk`, `sikat` → `menyikat`, `nyikat`, `kejar` → `mengejar`, `pukul` → `memukul`; and
/// the colloquial `nge-` (`ngebacok`). Roots of fewer than five letters get none (too many accidental words).
fn nasal_forms(root: &str) -> Vec<String> {
    if root.chars().count() < 5 || !root.is_ascii() {
        return Vec::new();
    }
    let rest = &root[1..];
    let second_vowel = rest.starts_with(['a', 'e', 'i', 'o', 'u']);
    let mut v = vec![format!("nge{root}")];
    if second_vowel {
        match root.as_bytes()[0] {
            b'p' => v.push(format!("mem{rest}")),
            b't' => v.push(format!("men{rest}")),
            b'k' => v.push(format!("meng{rest}")),
            b's' => v.extend([format!("meny{rest}"), format!("ny{rest}")]),
            _ => {}
        }
    }
    v
}

/// A grammar compiled for matching. Its class words are patterns of the lexicon's automaton (after the entries).
pub(crate) struct Evaluator {
    pub(crate) grammar: Grammar,
    /// The normalised class words, in automaton order, and the class of each.
    pub(crate) words: Vec<String>,
    pub(crate) word_class: Vec<usize>,
    /// False for the words written `=word` (that exact word only); true for the others (affixed forms match too).
    pub(crate) word_inflects: Vec<bool>,
    /// The classes named `identity` and `target`, which also receive the lexicon's identity words and target
    /// markers (and titles before a name).
    pub(crate) identity_class: Option<usize>,
    pub(crate) target_class: Option<usize>,
    /// The class named `attribution` (`kata`, `ujar`, `menulis`, `pesan`, ...): a quotation is reported speech only
    /// with one of its words near it, outside quotation marks. A grammar without it treats every quotation as
    /// reported.
    attribution_class: Option<usize>,
    /// The classes `second`, `vocative` and `office`: a word of one names somebody (see [`Evaluator::mention`]).
    aiming_classes: Vec<usize>,
    /// Affixes that make a class word count for another class: (affix, class).
    prefixes: Vec<(String, usize)>,
    suffixes: Vec<(String, usize)>,
    /// Each class's name, shared by the parts it names.
    class_roles: Vec<Text>,
    /// Each rule's id and reasons.
    rule_texts: Vec<(Text, Text, Text)>,
    /// Each softener's context name, and its targets (categories or rule ids), shared by the texts it softens.
    soften_names: Vec<Text>,
    soften_targets: Vec<Vec<Text>>,
    /// For each class, the rules whose gate part names it: the first part made of word classes only, which has a
    /// word only if one of these classes has (a pair `a+b` needs `a`). A rule none of whose gate classes is in a
    /// text cannot fire there.
    rules_by_class: Vec<Vec<u32>>,
}

impl Evaluator {
    pub(crate) fn new(grammar: Grammar) -> Self {
        let mut words = Vec::new();
        let mut word_class = Vec::new();
        let mut word_inflects = Vec::new();
        let (mut prefixes, mut suffixes) = (Vec::new(), Vec::new());
        for (c, class) in grammar.classes.iter().enumerate() {
            for m in &class.members {
                let exact = m.strip_prefix('=');
                let w = normalize_pattern(exact.unwrap_or(m));
                let inflects = exact.is_none() && !w.contains(' ');
                if inflects {
                    for v in nasal_forms(&w) {
                        word_inflects.push(true);
                        words.push(v);
                        word_class.push(c);
                    }
                }
                word_inflects.push(inflects);
                words.push(w);
                word_class.push(c);
            }
            prefixes.extend(class.prefixes.iter().map(|p| (p.clone(), c)));
            suffixes.extend(class.suffixes.iter().map(|s| (s.clone(), c)));
        }
        let class_roles = grammar
            .classes
            .iter()
            .map(|c| Text::from(c.name.clone()))
            .collect();
        let rule_texts = grammar
            .rules
            .iter()
            .map(|r| {
                let (did, den) = r.category.describe();
                (
                    Text::from(r.id.clone()),
                    Text::from(format!("{did} (konstruksi «{}»)", r.parts)),
                    Text::from(format!("{den} (construction «{}»)", r.parts)),
                )
            })
            .collect();
        let soften_names = grammar
            .soften
            .iter()
            .map(|s| Text::from(grammar.class_name(s.context).to_owned()))
            .collect();
        let soften_targets = grammar
            .soften
            .iter()
            .map(|s| s.targets.iter().map(|t| Text::from(t.clone())).collect())
            .collect();
        let mut rules_by_class = vec![Vec::new(); grammar.classes.len()];
        for (ri, rule) in grammar.rules.iter().enumerate() {
            let gate = rule
                .alts
                .iter()
                .find(|alts| alts.iter().all(|a| !matches!(a, Alt::Builtin(_))));
            for alt in gate.into_iter().flatten() {
                if let Alt::Class(c) | Alt::Pair(c, _, _) = *alt {
                    let r = u32::try_from(ri).unwrap_or(u32::MAX);
                    if rules_by_class[c].last() != Some(&r) {
                        rules_by_class[c].push(r);
                    }
                }
            }
        }
        let find = |name: &str| grammar.classes.iter().position(|c| c.name == name);
        let (identity_class, target_class) = (find("identity"), find("target"));
        Self {
            attribution_class: find("attribution"),
            aiming_classes: ["second", "vocative", "office"]
                .iter()
                .filter_map(|n| find(n))
                .collect(),
            grammar,
            words,
            word_class,
            word_inflects,
            identity_class,
            target_class,
            prefixes,
            suffixes,
            class_roles,
            rule_texts,
            soften_names,
            soften_targets,
            rules_by_class,
        }
    }

    /// Records class word `word` found at tokens `t0..=t1`, whose token reads `prefix` before it and `suffix` after
    /// it, with the classes its affixes give it.
    pub(crate) fn record(
        &self,
        hits: &mut ClassHits,
        word: usize,
        at: (usize, usize),
        (prefix, suffix): (&str, &str),
        quoted: bool,
    ) {
        hits.push(self.word_class[word], word, at, quoted);
        if !prefix.is_empty() {
            for (p, c) in &self.prefixes {
                if p == prefix {
                    hits.push(*c, usize::MAX >> 33, at, quoted);
                }
            }
        }
        if !suffix.is_empty() {
            for (s, c) in &self.suffixes {
                if s == suffix {
                    hits.push(*c, usize::MAX >> 34, at, quoted);
                }
            }
        }
    }

    /// Records a lexicon identity word (`target == false`) or target marker at tokens `t0..=t1`, in the class of
    /// that name if the grammar has one.
    pub(crate) fn record_lexicon(
        &self,
        hits: &mut ClassHits,
        target: bool,
        entry: usize,
        at: (usize, usize),
        quoted: bool,
    ) {
        let class = if target {
            self.target_class
        } else {
            self.identity_class
        };
        if let Some(c) = class {
            hits.push(c, self.words.len() + entry, at, quoted);
        }
    }

    /// Sorts the hits and tells `out` which categories and rules the text's contexts soften. Words in quotation
    /// marks never count for a context (a quoted "cek fakta" is not a fact-check). They do not count against one
    /// either (a quoted "kau" in a court report is not the reporter speaking) only when the quotation is
    /// attributed: a word of the class `attribution` stands outside quotation marks within
    /// [`ATTRIBUTION_BEFORE`] words before it or [`ATTRIBUTION_AFTER`] after it (`terdakwa mengancam, "…"`, `"…",
    /// kata saksi`). Without one, the quotation marks are the poster's own (`'Kubunuh ko malam ini' sidang dan
    /// hakim tidak ngaruh`), and its speaker and addressee keep the reporting context from softening. What stands
    /// in quotation marks in a text with a word of some context holds at most: it goes to a moderator, and only a
    /// context that softens its own category flags it.
    pub(crate) fn contexts(
        &self,
        (text, norm): (&str, &Normalized),
        hits: &mut ClassHits,
        quotes: &[(usize, usize)],
        out: &mut Matches,
    ) {
        hits.finish(self.grammar.classes.len());
        let mut any_word = false;
        let reported = self.reported(norm, hits, quotes);
        // Whether token `t` stands in an attributed quotation: it counts for neither side.
        let in_reported = |t: usize| {
            let o = norm.toks[t].o_start as usize;
            quotation_holding(quotes, o, o + 1).is_some_and(|i| reported[i])
        };
        // A built-in part outside attributed quotations (read only for a context that is found).
        let unquoted_builtin = |b: Builtin| {
            (0..norm.toks.len()).any(|t| !in_reported(t) && builtin_at(text, norm, t, b))
        };
        for (i, s) in self.grammar.soften.iter().enumerate() {
            if s.in_quotation {
                self.mention(i, (text, norm), hits, quotes, out);
                continue;
            }
            let found = hits.distinct(s.context, s.min);
            any_word |= found > 0;
            if found < s.min {
                continue;
            }
            let unless = s.unless.iter().any(|&u| {
                hits.of(u)
                    .iter()
                    .any(|h| !h.quoted || !in_reported(h.t0 as usize))
            }) || s.unless_builtins.iter().any(|&b| unquoted_builtin(b));
            if !unless {
                for t in &self.soften_targets[i] {
                    out.soften(t, &self.soften_names[i], s.effect);
                }
            }
        }
        out.sort_mentioned();
        if any_word && !quotes.is_empty() {
            out.soften_quoted(quotes);
        }
    }

    /// A `mention` line (`Soften::in_quotation`): the line's targets are flagged inside each quotation that a word of
    /// its context class introduces (outside quotation marks, up to [`MENTION_BEFORE`] words before the opening mark,
    /// in the same sentence), when
    /// - a word of the line's cue class stands outside quotation marks in that sentence (`jangan`, `dilarang`,
    ///   `perundungan`, `sanksi`: the naming is condemned where it is told);
    /// - no word of an unless class stands outside quotation marks anywhere in the text;
    /// - nobody in particular is named: no word of the classes `second`, `vocative` or `office` and no capitalised
    ///   word or handle from the naming word to the end of its sentence; no pronoun on the naming word
    ///   (`menyebutnya`); for a passive naming word (`dipanggil`, `disebut`, `dijuluki`), none of those and no
    ///   demonstrative in the three words before it (`Pak Kades dijuluki "goblok"`, `guru baru itu dijuluki`); and no
    ///   word of the class `target` inside the quotation (`"kamu goblok"`). (Linear: see [`SENTENCE_REACH`].)
    fn mention(
        &self,
        i: usize,
        (text, norm): (&str, &Normalized),
        hits: &ClassHits,
        quotes: &[(usize, usize)],
        out: &mut Matches,
    ) {
        let line = &self.grammar.soften[i];
        if quotes.is_empty()
            || line
                .unless
                .iter()
                .any(|&u| hits.of(u).iter().any(|h| !h.quoted))
        {
            return;
        }
        let (aiming, target) = (&self.aiming_classes, self.target_class);
        let ends = |b: &str| b.contains(['.', '!', '?', ';', '\n']);
        let gap = |a: usize, b: usize| text.get(a.min(b)..a.max(b)).unwrap_or_default();
        let toks = &norm.toks;
        // A capitalised word or a handle (`@darto_rt05`) names somebody.
        let capitalised = |t: usize| {
            let o = toks[t].o_start as usize;
            text.get(o..)
                .and_then(|r| r.chars().next())
                .is_some_and(|c| c.is_uppercase() || c == '@')
                || text.get(..o).is_some_and(|b| b.ends_with('@'))
        };
        let named = |range: std::ops::Range<usize>| {
            range.clone().any(&capitalised)
                || aiming
                    .iter()
                    .any(|&c| !hits.of_in(c, range.clone()).is_empty())
        };
        for &(q0, q1) in quotes {
            let (open, close) = quote_tokens(norm, (q0, q1));
            let mention = hits
                .of_in(line.context, open.saturating_sub(MENTION_BEFORE)..open)
                .iter()
                .find(|h| !h.quoted && !ends(gap(toks[h.t0 as usize].o_end as usize, q0)));
            let Some(naming) = mention else { continue };
            let t = naming.t0 as usize;
            // The sentence of the naming word and the quotation, at most SENTENCE_REACH words either side.
            let after_end =
                |u: usize| ends(gap(toks[u].o_end as usize, toks[u + 1].o_start as usize));
            let reach = t.saturating_sub(SENTENCE_REACH);
            let first = (reach..t)
                .rev()
                .find(|&u| after_end(u))
                .map_or(reach, |u| u + 1);
            let stop = (close + SENTENCE_REACH).min(toks.len().saturating_sub(1));
            let last = (close..stop).find(|&u| after_end(u)).unwrap_or(stop);
            let cue = line
                .requires
                .is_none_or(|c| hits.of_in(c, first..last + 1).iter().any(|h| !h.quoted));
            let passive = norm
                .text
                .get(toks[t].n_start as usize..)
                .is_some_and(|w| w.starts_with("di"));
            let subject = if passive {
                t.saturating_sub(3).max(first)..t
            } else {
                t..t
            };
            // A naming word with a pronoun names somebody too (`menyebutnya "goblok"`).
            let pronoun = norm
                .text
                .get(..toks[t].n_end as usize)
                .is_some_and(|w| w.ends_with("nya"));
            // Inside the quotation, a target too (`"Pak Kades bangsat"`, `"kamu goblok"`).
            let aimed = target.is_some_and(|c| !hits.of_in(c, open..close).is_empty());
            let pointed = subject.clone().any(|u| {
                let w = norm
                    .text
                    .get(toks[u].n_start as usize..toks[u].n_end as usize);
                matches!(w, Some("itu" | "ini" | "tersebut" | "tu" | "nih" | "tuh"))
            });
            if cue && !pronoun && !aimed && !pointed && !named(t..last + 1) && !named(subject) {
                out.soften_mentioned((q0, q1), &self.soften_targets[i], &self.soften_names[i]);
            }
        }
    }

    /// For each quotation of `quotes`, whether it is attributed (see [`Evaluator::contexts`]): every one when the
    /// grammar has no class `attribution`.
    fn reported(
        &self,
        norm: &Normalized,
        hits: &ClassHits,
        quotes: &[(usize, usize)],
    ) -> Vec<bool> {
        let Some(attribution) = self.attribution_class else {
            return vec![true; quotes.len()];
        };
        quotes
            .iter()
            .map(|&(q0, q1)| {
                let (open, close) = quote_tokens(norm, (q0, q1));
                let before = open.saturating_sub(ATTRIBUTION_BEFORE)..open;
                let after = close..close + ATTRIBUTION_AFTER;
                let unquoted = |h: &Hit| !h.quoted;
                hits.of_in(attribution, before).iter().any(unquoted)
                    || hits.of_in(attribution, after).iter().any(unquoted)
            })
            .collect()
    }

    /// Every rule that fires, as matches with the span of each part.
    #[allow(clippy::cast_possible_truncation)] // token indices < 4 GiB
    pub(crate) fn rules(
        &self,
        text: &str,
        norm: &Normalized,
        hits: &mut ClassHits,
        out: &mut Matches,
    ) {
        let ntok = norm.toks.len();
        if ntok == 0 || hits.hits.is_empty() {
            return;
        }
        // The rules that may fire: one of the classes of their gate part has a word (the hits are sorted by class).
        // The others have a part with no word and are skipped below anyway; most texts name few classes.
        let mut candidates = std::mem::take(&mut hits.candidates);
        self.candidates(hits, &mut candidates);
        let mut anchors = std::mem::take(&mut hits.anchors);
        let mut found = std::mem::take(&mut hits.found);
        let mut chosen = std::mem::take(&mut hits.chosen);
        let view = &*hits;
        // The candidate rules in order, read off the set bits.
        let candidate_rules = candidates.iter().enumerate().flat_map(|(w, &bits)| {
            let mut bits = bits;
            std::iter::from_fn(move || {
                (bits != 0).then(|| {
                    let b = bits.trailing_zeros() as usize;
                    bits &= bits - 1;
                    w * 64 + b
                })
            })
        });
        for ri in candidate_rules {
            let rule = &self.grammar.rules[ri];
            // The anchor: the part with the fewest class words among those made of word classes only. Its
            // occurrences are read a chunk of tokens at a time, so that a text dense with them costs no memory.
            let count = |alts: &[Alt]| -> Option<usize> {
                alts.iter().try_fold(0, |n, a| match *a {
                    Alt::Class(c) => Some(n + view.of(c).len()),
                    Alt::Pair(x, y, _) => Some(n + view.of(x).len().min(view.of(y).len())),
                    Alt::Builtin(_) => None,
                })
            };
            // (No allocation: most texts fail this test for most rules.)
            let mut anchor: Option<(usize, usize)> = None;
            let mut missing = false;
            for (i, n) in rule
                .alts
                .iter()
                .enumerate()
                .filter_map(|(i, a)| count(a).map(|n| (i, n)))
            {
                missing |= n == 0;
                if anchor.is_none_or(|(_, m)| n < m) {
                    anchor = Some((i, n));
                }
            }
            let Some((anchor_i, _)) = anchor else {
                continue;
            };
            if missing {
                continue;
            }
            let w = rule.window;
            let mut done_until: Option<usize> = None;
            for chunk_start in (0..ntok).step_by(ANCHOR_CHUNK) {
                let chunk_end = (chunk_start + ANCHOR_CHUNK - 1).min(ntok - 1);
                Self::occurrences(
                    text,
                    norm,
                    view,
                    &rule.alts[anchor_i],
                    (chunk_start, (chunk_end + 64).min(ntok - 1)),
                    &mut anchors,
                );
                let in_chunk = anchors.iter().take_while(|o| o.t0 <= chunk_end).count();
                anchors.truncate(in_chunk);
                for a in &anchors {
                    if done_until.is_some_and(|d| a.t0 <= d) {
                        continue;
                    }
                    let lo = (a.t1 + 1).saturating_sub(w);
                    let hi = (a.t0 + w - 1).min(ntok - 1);
                    chosen.clear();
                    for (pi, alts) in rule.alts.iter().enumerate() {
                        let nearest = if pi == anchor_i {
                            Some(*a)
                        } else {
                            Self::occurrences(text, norm, view, alts, (lo, hi), &mut found);
                            found.iter().copied().min_by_key(|o| o.distance(a))
                        };
                        match nearest {
                            Some(o) => chosen.push(o),
                            None => break,
                        }
                    }
                    if chosen.len() < rule.alts.len() {
                        continue;
                    }
                    let s = chosen.iter().map(|c| c.t0).min().unwrap_or(a.t0);
                    let e = chosen.iter().map(|c| c.t1).max().unwrap_or(a.t1);
                    if e - s + 1 > w {
                        continue;
                    }
                    done_until = Some(e);
                    self.push_match(ri, norm, &chosen, (s, e), out);
                }
            }
        }
        // The buffers go back for the next text.
        hits.candidates = candidates;
        hits.anchors = anchors;
        hits.found = found;
        hits.chosen = chosen;
    }

    /// Sets the bit of each rule one of whose gate classes has a hit (the hits are sorted by class).
    fn candidates(&self, hits: &ClassHits, candidates: &mut Vec<u64>) {
        candidates.clear();
        candidates.resize(self.grammar.rules.len().div_ceil(64), 0);
        let mut last = u16::MAX;
        for h in &hits.hits {
            if h.class != last {
                last = h.class;
                for &r in &self.rules_by_class[h.class as usize] {
                    candidates[r as usize / 64] |= 1 << (r % 64);
                }
            }
        }
    }

    /// The match of rule `ri` over tokens `s..=e`, with the span of each chosen part.
    fn push_match(
        &self,
        ri: usize,
        norm: &Normalized,
        chosen: &[Occ],
        (s, e): (usize, usize),
        out: &mut Matches,
    ) {
        let rule = &self.grammar.rules[ri];
        let (rule_id, reason_id, reason_en) = &self.rule_texts[ri];
        let parts = chosen
            .iter()
            .flat_map(|o| o.parts[..o.n].iter())
            .map(|&(p0, p1, alt)| Part {
                role: self.role(alt),
                start: norm.toks[p0].o_start as usize,
                end: norm.toks[p1].o_end as usize,
            })
            .collect();
        out.push(Match {
            start: norm.toks[s].o_start as usize,
            end: norm.toks[e].o_end as usize,
            category: rule.category,
            severity: rule.severity,
            action: rule.action,
            rule_id: rule_id.clone(),
            reason_id: reason_id.clone(),
            reason_en: reason_en.clone(),
            parts,
            softened_by: None,
        });
    }

    fn role(&self, alt: Alt) -> Text {
        match alt {
            Alt::Class(c) => self.class_roles[c].clone(),
            Alt::Builtin(b) => Text::from_static(b.as_str()),
            Alt::Pair(..) => Text::from_static(""),
        }
    }

    /// The occurrences of a part (any of its alternatives) that lie within tokens `lo..=hi`, sorted by position, in
    /// `v` (cleared first).
    fn occurrences(
        text: &str,
        norm: &Normalized,
        hits: &ClassHits,
        alts: &[Alt],
        (lo, hi): (usize, usize),
        v: &mut Vec<Occ>,
    ) {
        let in_range = |c: usize| {
            let of = hits.of(c);
            let from = of.partition_point(|h| (h.t0 as usize) < lo);
            of[from..]
                .iter()
                .take_while(move |h| h.t0 as usize <= hi)
                .filter(move |h| h.t1() as usize <= hi)
        };
        v.clear();
        for &alt in alts {
            match alt {
                Alt::Class(c) => {
                    v.extend(in_range(c).map(|h| Occ::one(h.t0 as usize, h.t1() as usize, alt)));
                }
                Alt::Builtin(b) => {
                    let mut t = lo;
                    while t <= hi {
                        if builtin_at(text, norm, t, b) {
                            // A link is one part, however many tokens it has (`bit.ly/dana-cepat`).
                            let e = if b == Builtin::Link {
                                link_end(text, norm, t).min(hi)
                            } else {
                                t
                            };
                            v.push(Occ::one(t, e, alt));
                            t = e;
                        }
                        t += 1;
                    }
                }
                Alt::Pair(x, y, ordered) => {
                    // Two classes within PAIR_GAP words of each other, in either order (`kami bakar`, `akan kami
                    // bacok`), or the second after the first (`tak antemi`).
                    for hx in in_range(x) {
                        let (x0, x1) = (hx.t0 as usize, hx.t1() as usize);
                        let near = in_range(y).filter(|hy| {
                            let (y0, y1) = (hy.t0 as usize, hy.t1() as usize);
                            y0.saturating_sub(x1) <= PAIR_GAP
                                && x0.saturating_sub(y1) <= PAIR_GAP
                                && (!ordered || y0 > x1)
                        });
                        for hy in near {
                            let (y0, y1) = (hy.t0 as usize, hy.t1() as usize);
                            v.push(Occ {
                                t0: x0.min(y0),
                                t1: x1.max(y1),
                                parts: [(x0, x1, Alt::Class(x)), (y0, y1, Alt::Class(y))],
                                n: 2,
                            });
                        }
                    }
                }
            }
        }
        v.sort_unstable_by_key(|o| (o.t0, o.t1));
    }
}

/// How many tokens of a text the anchors of a rule are read for at a time.
const ANCHOR_CHUNK: usize = 4096;

/// How many words may lie between the two classes of a pair part (`a+b`).
const PAIR_GAP: usize = 2;

/// One occurrence of a rule part: its token range and its one or two parts (a pair gives two).
#[derive(Debug, Clone, Copy)]
pub(super) struct Occ {
    t0: usize,
    t1: usize,
    parts: [(usize, usize, Alt); 2],
    n: usize,
}

impl Occ {
    fn one(t0: usize, t1: usize, alt: Alt) -> Self {
        Self {
            t0,
            t1,
            parts: [(t0, t1, alt); 2],
            n: 1,
        }
    }

    /// Tokens between this occurrence and `a` (0 if they overlap or touch).
    fn distance(&self, a: &Occ) -> usize {
        if self.t1 < a.t0 {
            a.t0 - self.t1
        } else {
            self.t0.saturating_sub(a.t1)
        }
    }
}
