//! Constructions: a small grammar over normalised tokens, shipped as data (`kim-core/lexicon/constructions.tsv`)
//! that users can extend or replace, like the lexicon. Three kinds of line:
//!
//! - `class <name> <members>`: a word class; members are separated by ` | ` and normalised like lexicon patterns.
//!   A one-word member also matches its affixed forms (as a lexicon root: `bakar` matches `kubakar`, `dibakar`);
//!   `=word` matches that exact word only (`=sebarkan`, not `menyebarkan`). A member `ku-` is a prefix: any class
//!   word written with it (`kubakar`) also counts for this class; `-mu` a suffix (`rumahmu`). The classes named
//!   `identity` and `target` also receive the lexicon's identity words and target markers (a title counts before a
//!   capitalised name), so a rule can use them without repeating those lists.
//! - `rule <id> <category> <severity> <action> <window> <parts> [note]`: fires when every part is found within
//!   `window` tokens. Parts are separated by spaces; a part is a class name, a pair `a+b` (a word of each class
//!   within two words of each other, in either order: `speaker+violent` for "kami bakar"), an ordered pair `a>b` (a
//!   word of class b at most two words after one of class a: `takspeaker>violent` for "tak antemi") or alternatives
//!   `a|b`.
//!   Built-in parts:
//!   `@brand` (a word of letters with a numeric suffix in the original, `gacor88`, `g4c0r77`), `@spelled` (a word
//!   spelled out letter by letter, `s l o t`, `j.u.d.i`), `@link` (a URL or a short link), `@shortlink` (a link
//!   of a shortener with a path, `bit.ly/danacair88`; not a shortener named alone), `@name` (a word written
//!   with a capital letter that does not start a sentence), `@amount` (a sum of money: `500rb`, `Rp50.000`, `2 juta`).
//! - `soften <categories or rule ids, comma-separated> <context class> <min> <unless classes or -> [note]`: when the
//!   text has at least `min` distinct members of the context class and none of the `unless` classes, the matches of
//!   those categories (or rules) that would hold or block are only flagged, with `softened_by` naming the context.
//!   An `unless` may also name a built-in part (`@link`, `@brand`, ...): a link or a brand outside quotation marks
//!   cancels the softening too.
//!   This is how reporting on a harm (a raid report, court news, a fact-check) is told from the harm.
//! - `cap <categories or rule ids> <context class> <min> <unless classes or -> [note]`: like `soften`, but matches
//!   that would block only hold (and keep holding): a text that names a harm with one reporting or opposing word
//!   ("razia situs judi slot gacor") goes to a moderator rather than being blocked or published.
//! - `ease <categories or rule ids> <context class> <min> <unless classes or -> [note]`: one step down: matches that
//!   would hold are flagged (as `soften` does) and those that would block only hold (as `cap` does). Livestock
//!   named as livestock frees a mild word (`babi`, `kambing`) but not a blocking insult at a named person ("Panen
//!   di kebun gagal lagi, Pak Mandor memang bangsat" holds).
//!
//! The moderator matches class members with the same automaton as the lexicon, while the text is normalised, so a
//! grammar costs only at the words it names.

mod builtin;
mod eval;
mod hits;

pub(crate) use builtin::is_name;
pub(crate) use eval::Evaluator;
pub(crate) use hits::ClassHits;

use super::normalize::normalize_pattern;
use super::verdict::{Action, Category, MatchSeverity};
use crate::error::{Error, Result, RowError};

/// The shipped constructions, `kim-core/lexicon/constructions.tsv`.
pub const BUILTIN_CONSTRUCTIONS_TSV: &str = include_str!("../../../lexicon/constructions.tsv");

/// The class `attribution` (`kim-core/lexicon/attribution.tsv`), part of [`Grammar::builtin`] since round 19 was
/// judged again on a fresh split (2026-12-06, thirteenth session): words in quotation marks hide from the unless side
/// of a context (a threat's own `ku-` and `kau`) only when the quotation is attributed, a word like `kata`, `berkata`,
/// `ujar`, `menulis`, `pesan` or `membentak` outside quotation marks up to 20 words before it or 4 after it. A threat
/// the poster puts in quotation marks next to two court words then holds instead of being published. A grammar
/// without the class (`Grammar::from_tsv(BUILTIN_CONSTRUCTIONS_TSV)`) reads every quotation as reported speech.
///
/// ```
/// use kim_core::moderation::{BUILTIN_CONSTRUCTIONS_TSV, Decision, Grammar, Lexicon, Moderator};
///
/// let m = Moderator::rules_only();
/// let post = "\"Kuhabisi kau\" korban, pelaku, polisi";
/// assert_eq!(m.check(post).decision, Decision::Hold);
/// let report = "Di sidang, terdakwa berkata \"kubunuh kau\" kepada korban.";
/// assert_eq!(m.check(report).decision, Decision::Allow);
///
/// let loose = Grammar::from_tsv(BUILTIN_CONSTRUCTIONS_TSV)?;
/// let m = Moderator::with_grammar(Lexicon::builtin(), loose)?.without_hold_model();
/// assert_eq!(m.check(post).decision, Decision::Allow);
/// # Ok::<(), kim_core::Error>(())
/// ```
pub const ATTRIBUTION_TSV: &str = include_str!("../../../lexicon/attribution.tsv");

/// A built-in part of a rule, read from the original text rather than from a word class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Builtin {
    /// Letters followed by two or more digits in the original (`gacor88`, `g4c0r77`, `MPO500`).
    Brand,
    /// A word spelled out letter by letter (`s l o t`, `j.u.d.i`).
    Spelled,
    /// A URL or a short link.
    Link,
    /// A link of a shortener with a path (`bit.ly/danacair88`, `s.id/pinjam`): a shortener named alone (`tautan
    /// bit.ly`) is not one.
    ShortLink,
    /// A capitalised word that does not start a sentence.
    Name,
    /// An amount of money: `500rb`, `25k`, `3jt`, `Rp50.000`, `2 juta`.
    Amount,
}

impl Builtin {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "@brand" => Self::Brand,
            "@spelled" => Self::Spelled,
            "@link" => Self::Link,
            "@shortlink" => Self::ShortLink,
            "@name" => Self::Name,
            "@amount" => Self::Amount,
            _ => return None,
        })
    }

    /// The name as written in the file.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Self::Brand => "@brand",
            Self::Spelled => "@spelled",
            Self::Link => "@link",
            Self::ShortLink => "@shortlink",
            Self::Name => "@name",
            Self::Amount => "@amount",
        }
    }
}

/// One alternative of a rule part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Alt {
    /// A word class, by index.
    Class(usize),
    /// A built-in part.
    Builtin(Builtin),
    /// Two word classes within two words of each other, in either order (`speaker+violent`), or, when the flag is
    /// set, the second after the first (`takspeaker>violent`: Javanese `tak bakar` is "I burn", while `dibakar orang
    /// tak dikenal` is "burnt by someone unknown").
    Pair(usize, usize, bool),
}

/// A word class.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Class {
    /// Its name, used by rules and as the role of a matched part.
    pub name: String,
    /// Words and phrases (as written).
    pub members: Vec<String>,
    /// Prefixes (`ku`) that make a word of another class count for this one too.
    pub prefixes: Vec<String>,
    /// Suffixes (`mu`) that make a word of another class count for this one too.
    pub suffixes: Vec<String>,
}

/// A construction.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Rule {
    /// Stable id, e.g. `ancam-bakar`.
    pub id: String,
    /// Category of a match.
    pub category: Category,
    /// Severity of a match.
    pub severity: MatchSeverity,
    /// What a match does.
    pub action: Action,
    /// Every part lies within this many tokens (from the first token of the first part to the last of the last).
    pub window: usize,
    /// The parts as written (`speaker|future violent target`).
    pub parts: String,
    pub(crate) alts: Vec<Vec<Alt>>,
    /// Why the rule exists.
    pub note: String,
}

/// A context that softens matches to flags (see the module documentation).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Soften {
    /// Category names or rule ids whose matches are softened.
    pub targets: Vec<String>,
    /// The context class.
    pub(crate) context: usize,
    /// How many distinct members of the class the text must have.
    pub min: usize,
    /// Classes any one of which cancels the softening.
    pub(crate) unless: Vec<usize>,
    /// Built-in parts (`@link`, `@brand`, ...) any one of which, outside quotation marks, cancels it too.
    pub(crate) unless_builtins: Vec<Builtin>,
    /// What the context does to the matches it applies to.
    pub effect: SoftenEffect,
    /// True for a `mention` line: it softens only the matches inside a quotation that a word of its context class
    /// introduces, up to 5 words before the opening mark (`memanggil temannya "goblok"`: the word
    /// is named, not used); its unless classes count outside quotation marks.
    pub in_quotation: bool,
    /// For a `mention` line written `naming+cue`: the cue class, a word of which must stand outside quotation marks
    /// in the naming word's sentence (a word of condemnation: `jangan`, `dilarang`, `perundungan`, `sanksi`, ...).
    pub(crate) requires: Option<usize>,
    /// Why.
    pub note: String,
}

/// How many words before a quotation's opening mark the word of a `mention` line may stand.
pub(crate) const MENTION_BEFORE: usize = 5;

/// What a softening context does to a match that would hold or block (the kind of its line).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SoftenEffect {
    /// `soften`: the match is only flagged.
    Flag,
    /// `cap`: a match that would block only holds; one that would hold still holds.
    HoldAtMost,
    /// `ease`: one step down: a match that would hold is flagged, one that would block only holds.
    OneStep,
}

/// The most word classes a grammar may have.
pub(crate) const MAX_CLASSES: usize = u16::MAX as usize;

/// A set of word classes, rules and softening contexts.
///
/// ```
/// use kim_core::moderation::{Grammar, Lexicon, Moderator, Decision};
/// let mut g = Grammar::builtin();
/// g.extend_tsv("class\tsayur\tkangkung | bayam\nclass\tbusuk\tbusuk | layu\nrule\tsayur-busuk\tspam\tlow\thold\t3\tsayur busuk\n")?;
/// let m = Moderator::with_grammar(Lexicon::builtin(), g)?;
/// let v = m.check("kangkung itu busuk semua");
/// assert_eq!(v.decision, Decision::Hold);
/// assert_eq!(v.matches[0].rule_id, "sayur-busuk");
/// assert_eq!(v.matches[0].parts.len(), 2);
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Grammar {
    pub(crate) classes: Vec<Class>,
    pub(crate) rules: Vec<Rule>,
    pub(crate) soften: Vec<Soften>,
}

impl Grammar {
    /// The shipped constructions ([`BUILTIN_CONSTRUCTIONS_TSV`]) and the class `attribution` ([`ATTRIBUTION_TSV`]).
    ///
    /// # Panics
    ///
    /// Never in practice: the shipped file is parsed by the tests.
    #[must_use]
    pub fn builtin() -> Self {
        let mut g = Self::default();
        g.extend_tsv(BUILTIN_CONSTRUCTIONS_TSV)
            .expect("the shipped constructions are valid");
        g.extend_tsv(ATTRIBUTION_TSV)
            .expect("the shipped attribution class is valid");
        g
    }

    /// A grammar from TSV (the format of the module documentation).
    ///
    /// # Errors
    ///
    /// [`Error::Lexicon`] with every bad line and field.
    pub fn from_tsv(text: &str) -> Result<Self> {
        let mut g = Self::default();
        g.extend_tsv(text)?;
        Ok(g)
    }

    /// Adds the lines of `text`: a class already defined gains the new members; rules and contexts are added (a
    /// rule id already present is an error). Nothing is added if any line is bad.
    ///
    /// # Errors
    ///
    /// [`Error::Lexicon`] with every bad line and field.
    pub fn extend_tsv(&mut self, text: &str) -> Result<()> {
        let mut g = self.clone();
        let mut errors = Vec::new();
        // Classes first, so that a rule may name a class defined further down.
        for (i, line) in text.lines().enumerate() {
            let f: Vec<&str> = line.split('\t').collect();
            if f[0] == "class" {
                g.class_line(i as u64 + 1, &f, &mut errors);
            }
        }
        for (i, line) in text.lines().enumerate() {
            let line_no = i as u64 + 1;
            let f: Vec<&str> = line.split('\t').collect();
            match f[0] {
                "rule" => g.rule_line(line_no, &f, &mut errors),
                "soften" | "cap" | "ease" | "mention" => g.soften_line(line_no, &f, &mut errors),
                "class" => {}
                _ if line.trim().is_empty() || line.starts_with('#') => {}
                other => errors.push(bad(
                    line_no,
                    "kind",
                    other,
                    "expected class, rule, soften, cap, ease or mention",
                )),
            }
        }
        if errors.is_empty() {
            *self = g;
            Ok(())
        } else {
            Err(Error::Lexicon { rows: errors })
        }
    }

    /// The word classes.
    #[must_use]
    pub fn classes(&self) -> &[Class] {
        &self.classes
    }

    /// The rules.
    #[must_use]
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The softening contexts.
    #[must_use]
    pub fn softeners(&self) -> &[Soften] {
        &self.soften
    }

    fn class_index(&self, name: &str) -> Option<usize> {
        self.classes.iter().position(|c| c.name == name)
    }

    fn class_line(&mut self, line_no: u64, f: &[&str], errors: &mut Vec<RowError>) {
        if f.len() < 2 || f[1].trim().is_empty() {
            errors.push(bad(
                line_no,
                "name",
                f.get(1).copied().unwrap_or(""),
                "expected class <name> <members>",
            ));
            return;
        }
        let name = f[1].trim();
        let mut class = Class {
            name: name.to_owned(),
            members: Vec::new(),
            prefixes: Vec::new(),
            suffixes: Vec::new(),
        };
        for m in f
            .get(2)
            .copied()
            .unwrap_or("")
            .split('|')
            .map(str::trim)
            .filter(|m| !m.is_empty())
        {
            if let Some(p) = m
                .strip_suffix('-')
                .filter(|p| !p.is_empty() && !p.contains(' '))
            {
                class.prefixes.push(normalize_pattern(p));
            } else if let Some(s) = m
                .strip_prefix('-')
                .filter(|s| !s.is_empty() && !s.contains(' '))
            {
                class.suffixes.push(normalize_pattern(s));
            } else if normalize_pattern(m).chars().any(char::is_alphanumeric) {
                class.members.push(m.to_owned());
            } else {
                errors.push(bad(
                    line_no,
                    "members",
                    m,
                    "member has no letters or digits",
                ));
            }
        }
        match self.class_index(name) {
            Some(i) => {
                let c = &mut self.classes[i];
                c.members.append(&mut class.members);
                c.prefixes.append(&mut class.prefixes);
                c.suffixes.append(&mut class.suffixes);
            }
            // A class's index is kept in 16 bits in the hits of a text (grammar/eval.rs), which keeps a 100 MB text
            // dense with class words within the README's memory bound.
            None if self.classes.len() >= MAX_CLASSES => errors.push(bad(
                line_no,
                "name",
                name,
                "too many classes (at most 65,535)",
            )),
            None => self.classes.push(class),
        }
    }

    fn parse_alts(&self, line_no: u64, parts: &str, errors: &mut Vec<RowError>) -> Vec<Vec<Alt>> {
        let mut out = Vec::new();
        for part in parts.split_whitespace() {
            let mut alts = Vec::new();
            for a in part.split('|') {
                if let Some(b) = Builtin::parse(a) {
                    alts.push(Alt::Builtin(b));
                } else if let Some((x, y, ordered)) = a
                    .split_once('+')
                    .map(|(x, y)| (x, y, false))
                    .or_else(|| a.split_once('>').map(|(x, y)| (x, y, true)))
                {
                    match (self.class_index(x), self.class_index(y)) {
                        (Some(x), Some(y)) => alts.push(Alt::Pair(x, y, ordered)),
                        _ => errors.push(bad(line_no, "parts", a, "unknown class in a pair")),
                    }
                } else if let Some(c) = self.class_index(a) {
                    alts.push(Alt::Class(c));
                } else {
                    errors.push(bad(line_no, "parts", a, "unknown class"));
                }
            }
            out.push(alts);
        }
        out
    }

    fn rule_line(&mut self, line_no: u64, f: &[&str], errors: &mut Vec<RowError>) {
        if f.len() < 7 {
            errors.push(bad(
                line_no,
                "parts",
                &f.join("\t"),
                "expected rule <id> <category> <severity> <action> <window> <parts> [note]",
            ));
            return;
        }
        let before = errors.len();
        let id = f[1].trim();
        let category = enum_field::<Category>(line_no, "category", f[2], errors);
        let severity = enum_field::<MatchSeverity>(line_no, "severity", f[3], errors);
        let action = enum_field::<Action>(line_no, "action", f[4], errors);
        let window = f[5]
            .trim()
            .parse::<usize>()
            .ok()
            .filter(|w| (1..=64).contains(w));
        if window.is_none() {
            errors.push(bad(
                line_no,
                "window",
                f[5],
                "expected a number of tokens, 1 to 64",
            ));
        }
        if id.is_empty() || self.rules.iter().any(|r| r.id == id) {
            errors.push(bad(line_no, "id", id, "empty or duplicate id"));
        }
        // Hoax suspicion holds for fact-checking and never blocks (docs/domain.md §8).
        if category == Some(Category::Hoaks) && action == Some(Action::Block) {
            errors.push(bad(
                line_no,
                "action",
                f[4],
                "a hoax rule holds, never blocks",
            ));
        }
        let alts = self.parse_alts(line_no, f[6], errors);
        if !alts
            .iter()
            .any(|a| a.iter().all(|x| !matches!(x, Alt::Builtin(_))))
        {
            errors.push(bad(
                line_no,
                "parts",
                f[6],
                "a rule needs a part made of word classes only",
            ));
        }
        if let (Some(category), Some(severity), Some(action), Some(window), true) =
            (category, severity, action, window, errors.len() == before)
        {
            self.rules.push(Rule {
                id: id.to_owned(),
                category,
                severity,
                action,
                window,
                parts: f[6].trim().to_owned(),
                alts,
                note: f.get(7).map(|n| n.trim().to_owned()).unwrap_or_default(),
            });
        }
    }

    fn soften_line(&mut self, line_no: u64, f: &[&str], errors: &mut Vec<RowError>) {
        if f.len() < 5 {
            errors.push(bad(
                line_no,
                "context",
                &f.join("\t"),
                "expected soften|cap|ease <targets> <context> <min> <unless|-> [note]",
            ));
            return;
        }
        let before = errors.len();
        let targets: Vec<String> = f[1]
            .split(',')
            .map(|t| t.trim().to_owned())
            .filter(|t| !t.is_empty())
            .collect();
        if targets.is_empty() {
            errors.push(bad(line_no, "targets", f[1], "no categories or rule ids"));
        }
        // A mention line may name a cue class after a `+`: a word of it must stand outside quotation marks.
        let (context_name, cue_name) = match f[2].trim().split_once('+') {
            Some((c, q)) if f[0] == "mention" => (c, Some(q)),
            _ => (f[2].trim(), None),
        };
        let context = self.class_index(context_name);
        if context.is_none() {
            errors.push(bad(line_no, "context", f[2], "unknown class"));
        }
        let requires = cue_name.map(|q| self.class_index(q));
        if requires == Some(None) {
            errors.push(bad(line_no, "context", f[2], "unknown cue class"));
        }
        let min = f[3].trim().parse::<usize>().ok().filter(|&m| m >= 1);
        if min.is_none() {
            errors.push(bad(line_no, "min", f[3], "expected a number, at least 1"));
        }
        let (mut unless, mut unless_builtins) = (Vec::new(), Vec::new());
        for u in f[4].split_whitespace().filter(|u| *u != "-") {
            match (Builtin::parse(u), self.class_index(u)) {
                (Some(b), _) => unless_builtins.push(b),
                (None, Some(c)) => unless.push(c),
                (None, None) => errors.push(bad(line_no, "unless", u, "unknown class")),
            }
        }
        if let (Some(context), Some(min), true) = (context, min, errors.len() == before) {
            self.soften.push(Soften {
                targets,
                context,
                min,
                unless,
                unless_builtins,
                effect: match f[0] {
                    "cap" => SoftenEffect::HoldAtMost,
                    "ease" => SoftenEffect::OneStep,
                    _ => SoftenEffect::Flag,
                },
                in_quotation: f[0] == "mention",
                requires: requires.flatten(),
                note: f.get(5).map(|n| n.trim().to_owned()).unwrap_or_default(),
            });
        }
    }

    /// The context class's name of a softener.
    pub(crate) fn class_name(&self, i: usize) -> &str {
        &self.classes[i].name
    }
}

fn bad(line_no: u64, field: &str, value: &str, why: &str) -> RowError {
    RowError::new(line_no, field, value, "KIM-E-LEXICON", why)
}

fn enum_field<T: serde::de::DeserializeOwned>(
    line_no: u64,
    name: &str,
    v: &str,
    errors: &mut Vec<RowError>,
) -> Option<T> {
    let parsed = serde_json::from_str::<T>(&format!("\"{}\"", v.trim())).ok();
    if parsed.is_none() {
        errors.push(bad(line_no, name, v, "unknown value"));
    }
    parsed
}

/// The byte ranges of the original text inside quotation marks (`"…"`, `“…”`, `«…»`), closed ones only. Two
/// quotations joined by nothing but a comma or a conjunction (`"anjing" dan "babi"`) are one range: a list of quoted
/// words.
pub(crate) fn quoted_ranges(text: &str) -> Vec<(usize, usize)> {
    let mut out = quotations(text);
    out.dedup_by(|next, kept| {
        let gap = text
            .get(kept.1..next.0)
            .unwrap_or_default()
            .trim_matches(|c: char| c.is_whitespace() || c == ',' || is_quote(c));
        let joined = matches!(gap, "" | "dan" | "atau" | "serta" | "&" | "and" | "or");
        if joined {
            kept.1 = next.1;
        }
        joined
    });
    out
}

/// The index of the quotation of `quotes` (ranges of [`quoted_ranges`]: in order and apart) that holds the bytes
/// `start..end`, by binary search, so that a text with many quotations stays linear.
pub(crate) fn quotation_holding(
    quotes: &[(usize, usize)],
    start: usize,
    end: usize,
) -> Option<usize> {
    let i = quotes
        .partition_point(|&(s, _)| s <= start)
        .checked_sub(1)?;
    (end <= quotes[i].1).then_some(i)
}

/// The quotation marks [`quotations`] pairs: straight, curly and French.
fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\u{201c}' | '\u{201d}' | '\u{ab}' | '\u{bb}')
}

fn quotations(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    // `"`, or the first byte of `“` `”` (E2 80 9C/9D) or `«` (C2 AB): most texts have none.
    let b = text.as_bytes();
    let quote_at = |i: usize| {
        b[i] == b'"'
            || matches!(b.get(i..i + 3), Some([0xe2, 0x80, 0x9c | 0x9d]))
            || matches!(b.get(i..i + 2), Some([0xc2, 0xab]))
    };
    if !memchr::memchr3_iter(b'"', 0xe2, 0xc2, b).any(quote_at) {
        return out;
    }
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '"' | '\u{201c}' | '\u{ab}') => open = Some((i + c.len_utf8(), c)),
            (Some((s, '"')), '"')
            | (Some((s, '\u{201c}')), '\u{201d}' | '"')
            | (Some((s, '\u{ab}')), '\u{bb}') => {
                out.push((s, i));
                open = None;
            }
            (_, '\n') => open = None,
            _ => {}
        }
    }
    out
}
