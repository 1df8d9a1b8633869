//! Evaluating a [`Grammar`] on one normalised text: the class words found by the automaton, the softening contexts
//! they set, and the rules that fire, each with the span of every part.

use super::{Alt, Builtin, Grammar};
use crate::moderation::engine::Matches;
use crate::moderation::normalize::{Normalized, normalize_pattern};
use crate::moderation::verdict::{Match, Part, Text};

/// One class word found in a text: its class, token range and member (the pattern's index among the class words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Hit {
    class: u32,
    t0: u32,
    t1: u32,
    member: u32,
}

/// The class words of one text, sorted by class and position once [`ClassHits::finish`] is called.
#[derive(Debug, Default)]
pub(crate) struct ClassHits {
    hits: Vec<Hit>,
}

impl ClassHits {
    /// Records a class word (member `member`, of class `class`) at tokens `t0..=t1`.
    #[allow(clippy::cast_possible_truncation)] // token indices of a text < 4 GiB
    pub(crate) fn push(&mut self, class: usize, member: usize, t0: usize, t1: usize) {
        self.hits.push(Hit {
            class: class as u32,
            t0: t0 as u32,
            t1: t1 as u32,
            member: member as u32,
        });
    }

    fn finish(&mut self) {
        self.hits.sort_unstable();
        self.hits
            .dedup_by(|a, b| a.class == b.class && a.t0 == b.t0 && a.t1 == b.t1);
    }

    /// The hits of class `c`, sorted by position.
    fn of(&self, c: usize) -> &[Hit] {
        let c = c as u32;
        let from = self.hits.partition_point(|h| h.class < c);
        let to = self.hits.partition_point(|h| h.class <= c);
        &self.hits[from..to]
    }

    /// How many distinct members of class `c` were found.
    fn distinct(&self, c: usize) -> usize {
        let mut members: Vec<u32> = self.of(c).iter().map(|h| h.member).collect();
        members.sort_unstable();
        members.dedup();
        members.len()
    }
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
    /// Affixes that make a class word count for another class: (affix, class).
    prefixes: Vec<(String, usize)>,
    suffixes: Vec<(String, usize)>,
    /// Each class's name, shared by the parts it names.
    class_roles: Vec<Text>,
    /// Each rule's id and reasons.
    rule_texts: Vec<(Text, Text, Text)>,
    /// Each softener's context name.
    soften_names: Vec<Text>,
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
                word_inflects.push(exact.is_none() && !w.contains(' '));
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
        let find = |name: &str| grammar.classes.iter().position(|c| c.name == name);
        let (identity_class, target_class) = (find("identity"), find("target"));
        Self {
            grammar,
            identity_class,
            target_class,
            words,
            word_class,
            word_inflects,
            prefixes,
            suffixes,
            class_roles,
            rule_texts,
            soften_names,
        }
    }

    /// Records class word `word` found at tokens `t0..=t1`, whose token reads `prefix` before it and `suffix` after
    /// it, with the classes its affixes give it.
    pub(crate) fn record(
        &self,
        hits: &mut ClassHits,
        word: usize,
        (t0, t1): (usize, usize),
        (prefix, suffix): (&str, &str),
    ) {
        hits.push(self.word_class[word], word, t0, t1);
        if !prefix.is_empty() {
            for (p, c) in &self.prefixes {
                if p == prefix {
                    hits.push(*c, usize::MAX >> 33, t0, t1);
                }
            }
        }
        if !suffix.is_empty() {
            for (s, c) in &self.suffixes {
                if s == suffix {
                    hits.push(*c, usize::MAX >> 34, t0, t1);
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
        (t0, t1): (usize, usize),
    ) {
        let class = if target {
            self.target_class
        } else {
            self.identity_class
        };
        if let Some(c) = class {
            hits.push(c, self.words.len() + entry, t0, t1);
        }
    }

    /// Sorts the hits and tells `out` which categories and rules the text's contexts soften.
    pub(crate) fn contexts(&self, hits: &mut ClassHits, out: &mut Matches) {
        hits.finish();
        for (i, s) in self.grammar.soften.iter().enumerate() {
            if hits.distinct(s.context) >= s.min && s.unless.iter().all(|&u| hits.of(u).is_empty())
            {
                for t in &s.targets {
                    out.soften(t, &self.soften_names[i]);
                }
            }
        }
    }

    /// Every rule that fires, as matches with the span of each part.
    #[allow(clippy::cast_possible_truncation)] // token indices < 4 GiB
    pub(crate) fn rules(&self, text: &str, norm: &Normalized, hits: &ClassHits, out: &mut Matches) {
        let ntok = norm.toks.len();
        for (ri, rule) in self.grammar.rules.iter().enumerate() {
            // The anchor: the part with the fewest class words (a rule has at least one class part).
            let Some((anchor_i, anchor)) = rule
                .alts
                .iter()
                .enumerate()
                .filter(|(_, alts)| alts.iter().all(|a| matches!(a, Alt::Class(_))))
                .map(|(i, alts)| (i, part_hits(hits, alts)))
                .min_by_key(|(_, h)| h.len())
            else {
                continue;
            };
            if anchor.is_empty()
                || rule.alts.iter().any(|alts| {
                    alts.iter().all(|a| matches!(a, Alt::Class(_)))
                        && part_hits(hits, alts).is_empty()
                })
            {
                continue;
            }
            let w = rule.window;
            let mut done_until: Option<usize> = None;
            for &(a0, a1, a_class) in &anchor {
                if done_until.is_some_and(|d| a0 <= d) {
                    continue;
                }
                let lo = (a1 + 1).saturating_sub(w);
                let hi = (a0 + w - 1).min(ntok.saturating_sub(1));
                let mut chosen: Vec<(usize, usize, Text)> = Vec::with_capacity(rule.alts.len());
                let mut ok = true;
                for (pi, alts) in rule.alts.iter().enumerate() {
                    if pi == anchor_i {
                        chosen.push((a0, a1, self.role(Alt::Class(a_class))));
                        continue;
                    }
                    match self.nearest(text, norm, hits, alts, (a0, a1), (lo, hi)) {
                        Some(p) => chosen.push(p),
                        None => {
                            ok = false;
                            break;
                        }
                    }
                }
                if !ok {
                    continue;
                }
                let s = chosen.iter().map(|c| c.0).min().unwrap_or(a0);
                let e = chosen.iter().map(|c| c.1).max().unwrap_or(a1);
                if e - s + 1 > w {
                    continue;
                }
                done_until = Some(e);
                let (rule_id, reason_id, reason_en) = &self.rule_texts[ri];
                let parts = chosen
                    .into_iter()
                    .map(|(p0, p1, role)| Part {
                        role,
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
        }
    }

    fn role(&self, alt: Alt) -> Text {
        match alt {
            Alt::Class(c) => self.class_roles[c].clone(),
            Alt::Builtin(b) => Text::from_static(b.as_str()),
        }
    }

    /// The occurrence of a part nearest the anchor `a0..=a1`, within tokens `lo..=hi`.
    fn nearest(
        &self,
        text: &str,
        norm: &Normalized,
        hits: &ClassHits,
        alts: &[Alt],
        (a0, a1): (usize, usize),
        (lo, hi): (usize, usize),
    ) -> Option<(usize, usize, Text)> {
        let dist = |t0: usize, t1: usize| {
            if t1 < a0 {
                a0 - t1
            } else {
                t0.saturating_sub(a1)
            }
        };
        let mut best: Option<(usize, usize, usize, Alt)> = None;
        let mut consider = |t0: usize, t1: usize, alt: Alt| {
            if t0 >= lo && t1 <= hi && best.is_none_or(|b| dist(t0, t1) < b.0) {
                best = Some((dist(t0, t1), t0, t1, alt));
            }
        };
        for &alt in alts {
            match alt {
                Alt::Class(c) => {
                    let of = hits.of(c);
                    let from = of.partition_point(|h| (h.t0 as usize) < lo);
                    for h in of[from..].iter().take_while(|h| h.t0 as usize <= hi) {
                        consider(h.t0 as usize, h.t1 as usize, alt);
                    }
                }
                Alt::Builtin(b) => {
                    for t in lo..=hi {
                        if builtin_at(text, norm, t, b) {
                            consider(t, t, alt);
                        }
                    }
                }
            }
        }
        best.map(|(_, t0, t1, alt)| (t0, t1, self.role(alt)))
    }
}

/// The occurrences of a part made only of classes, as `(t0, t1, class)` sorted by position.
fn part_hits(hits: &ClassHits, alts: &[Alt]) -> Vec<(usize, usize, usize)> {
    let mut v: Vec<(usize, usize, usize)> = alts
        .iter()
        .filter_map(|a| match a {
            Alt::Class(c) => Some(*c),
            Alt::Builtin(_) => None,
        })
        .flat_map(|c| {
            hits.of(c)
                .iter()
                .map(move |h| (h.t0 as usize, h.t1 as usize, c))
        })
        .collect();
    v.sort_unstable();
    v
}

/// True if token `t` is the built-in part `b` (read from the original text).
pub(crate) fn builtin_at(text: &str, norm: &Normalized, t: usize, b: Builtin) -> bool {
    let Some(tok) = norm.toks.get(t) else {
        return false;
    };
    let orig = &text.as_bytes()[tok.o_start as usize..tok.o_end as usize];
    match b {
        Builtin::Brand => {
            let digits = orig.iter().rev().take_while(|c| c.is_ascii_digit()).count();
            let letters = orig.iter().filter(|c| c.is_ascii_alphabetic()).count();
            // `gacor88`, or `HOKI-138`: a word, one `-` or `_`, a number.
            let joined = || {
                let next = norm.toks.get(t + 1);
                next.is_some_and(|n| {
                    let num = &text.as_bytes()[n.o_start as usize..n.o_end as usize];
                    n.o_start == tok.o_end + 1
                        && matches!(text.as_bytes()[tok.o_end as usize], b'-' | b'_')
                        && num.len() >= 2
                        && num.iter().all(u8::is_ascii_digit)
                })
            };
            letters >= 2 && ((digits >= 2 && digits < orig.len()) || (digits == 0 && joined()))
        }
        Builtin::Spelled => {
            let n = (tok.n_end - tok.n_start) as usize;
            n >= 3
                && orig
                    .iter()
                    .any(|&c| c.is_ascii() && !c.is_ascii_alphanumeric() && c != b'@' && c != b'$')
        }
        Builtin::Link => is_link(text, tok.o_start as usize, tok.o_end as usize),
        Builtin::Name => is_name(text, norm, t),
    }
}

/// True if the original word `start..end` is a capitalised name: an upper-case letter then a lower-case one, not at
/// the start of a sentence.
pub(crate) fn is_name(text: &str, norm: &Normalized, t: usize) -> bool {
    let Some(tok) = norm.toks.get(t) else {
        return false;
    };
    let orig = &text.as_bytes()[tok.o_start as usize..tok.o_end as usize];
    if orig.len() < 2 || !orig[0].is_ascii_uppercase() || !orig[1].is_ascii_lowercase() || t == 0 {
        return false;
    }
    let prev_end = norm.toks[t - 1].o_end as usize;
    let between = &text.as_bytes()[prev_end..tok.o_start as usize];
    !between
        .iter()
        .any(|c| matches!(c, b'.' | b'!' | b'?' | b'\n'))
}

/// True if the whitespace-delimited chunk of the original around `start..end` reads as a link.
fn is_link(text: &str, start: usize, end: usize) -> bool {
    let b = text.as_bytes();
    let s = b[..start]
        .iter()
        .rposition(u8::is_ascii_whitespace)
        .map_or(0, |p| p + 1);
    let e = b[end..]
        .iter()
        .position(u8::is_ascii_whitespace)
        .map_or(b.len(), |p| end + p);
    let chunk = text[s..e].to_ascii_lowercase();
    let chunk = chunk.trim_end_matches(['.', ',', '!', '?', ')']);
    chunk.contains("://")
        || chunk.starts_with("www.")
        || (chunk.contains('.') && chunk.contains('/') && !chunk.starts_with('/'))
        || [
            ".com", ".id", ".net", ".xyz", ".io", ".me", ".ly", ".co", ".site", ".online", ".vip",
        ]
        .iter()
        .any(|tld| chunk.ends_with(tld) && chunk.len() > tld.len() + 1)
}
