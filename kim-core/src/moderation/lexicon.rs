//! The moderation lexicon: data, loaded from TSV, compiled once into an aho-corasick automaton.

use crate::error::ArgumentProblem;
use serde::{Deserialize, Serialize};

use super::normalize::{Scanner, normalize_pattern};
use super::verdict::{Action, Category, MatchSeverity, Text};
use crate::error::{Error, Result, RowError};

/// How an entry's pattern matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    /// One root word; its affixed forms match too (di-, ter-, ke-, se-, ku-, me(N)-, ber-; -nya, -kan, -in, -an,
    /// -lah, -mu, -ku, -i). Roots of three letters or fewer take only the suffixes -nya, -mu, -ku, -lah.
    Root,
    /// Words in order, exactly.
    Phrase,
    /// An identity word (religion, ethnicity, orientation, disability). Never acts alone.
    Identity,
    /// A known innocent phrase (`anjing pelacak`, `peternak babi`): matches that lie inside it do not count.
    Exempt,
    /// A hostile word; acts only within [`super::IDENTITY_WINDOW`] words of an identity word, as a SARA hold.
    Hostile,
    /// An insult that acts only within [`super::TARGET_WINDOW`] words of a target marker (`kamu`, `dasar`, `otak`,
    /// `kayak`, or a title before a capitalised name: `Pak Harto`); alone it does nothing.
    Targeted,
    /// A target marker for [`EntryKind::Targeted`] words: a second-person pronoun, a vocative, a body-part insult
    /// frame or a comparison. Never acts alone.
    Target,
    /// A title (`pak`, `bu`, `kades`): a target marker only when the next word is a capitalised name.
    Title,
}

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Entry {
    /// Stable rule id, e.g. `judi-slot-gacor`.
    pub id: String,
    /// Category.
    pub category: Category,
    /// Severity.
    pub severity: MatchSeverity,
    /// What a match does.
    pub action: Action,
    /// How it matches.
    pub kind: EntryKind,
    /// The pattern, as written (normalised when compiled).
    pub pattern: String,
    /// Why the entry exists, or its caveat.
    #[serde(default)]
    pub note: String,
}

impl Entry {
    /// An entry without a note.
    #[must_use]
    pub fn new(
        id: impl Into<String>,
        category: Category,
        severity: MatchSeverity,
        action: Action,
        kind: EntryKind,
        pattern: impl Into<String>,
    ) -> Self {
        Self {
            id: id.into(),
            category,
            severity,
            action,
            kind,
            pattern: pattern.into(),
            note: String::new(),
        }
    }

    /// With why the entry exists, or its caveat.
    #[must_use]
    pub fn with_note(mut self, note: impl Into<String>) -> Self {
        self.note = note.into();
        self
    }
}

/// A set of entries with unique ids.
///
/// ```
/// use kim_core::moderation::Lexicon;
/// let mut lex = Lexicon::builtin();
/// let extra = Lexicon::from_tsv("kasar-contoh\tkasar\tmedium\thold\troot\tkurang ajar\tcontoh\n", "lokal-1")?;
/// lex.extend(extra)?;
/// assert!(lex.entries().iter().any(|e| e.id == "kasar-contoh"));
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lexicon {
    version: String,
    entries: Vec<Entry>,
}

/// The core of the shipped lexicon, `kim-core/lexicon/default.tsv`.
pub const BUILTIN_TSV: &str = include_str!("../../lexicon/default.tsv");

/// Every file of the shipped lexicon, in order: the core (`default.tsv`), the target markers of targeted insults
/// (`targets.tsv`) and the larger insult lexicon (`insults.tsv`), all in the format of [`Lexicon::from_tsv`].
pub const BUILTIN_FILES: [(&str, &str); 3] = [
    ("default.tsv", BUILTIN_TSV),
    ("targets.tsv", include_str!("../../lexicon/targets.tsv")),
    ("insults.tsv", include_str!("../../lexicon/insults.tsv")),
];

/// The version of the shipped lexicon and constructions.
pub const BUILTIN_VERSION: &str = "kim-default-2";

impl Lexicon {
    /// The shipped lexicon (version [`BUILTIN_VERSION`]): the files of [`BUILTIN_FILES`].
    ///
    /// # Panics
    ///
    /// Never in practice: the shipped files are parsed by the tests.
    #[must_use]
    pub fn builtin() -> Self {
        let mut all = String::new();
        for (_, tsv) in BUILTIN_FILES {
            all.push_str(tsv);
            all.push('\n');
        }
        Self::from_tsv(&all, BUILTIN_VERSION).expect("the shipped lexicon is valid")
    }

    /// An empty lexicon.
    #[must_use]
    pub fn empty(version: &str) -> Self {
        Self {
            version: version.to_owned(),
            entries: Vec::new(),
        }
    }

    /// Parses TSV: `id, category, severity, action, kind, pattern[, note]`; `#` lines and blank lines are skipped.
    /// Every bad line is reported in [`Error::Lexicon`] with its line and field.
    pub fn from_tsv(text: &str, version: &str) -> Result<Self> {
        let mut entries: Vec<Entry> = Vec::new();
        let mut errors = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, line) in text.lines().enumerate() {
            let line_no = i as u64 + 1;
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            match parse_line(line_no, line) {
                Ok(e) if !seen.insert(e.id.clone()) => errors.push(RowError::new(
                    line_no,
                    "id",
                    &e.id,
                    "KIM-E-LEXICON",
                    "duplicate id",
                )),
                Ok(e) => entries.push(e),
                Err(mut errs) => errors.append(&mut errs),
            }
        }
        if errors.is_empty() {
            Ok(Self {
                version: version.to_owned(),
                entries,
            })
        } else {
            Err(Error::Lexicon { rows: errors })
        }
    }

    /// A lexicon built in code from entries ([`Entry::new`]), checked as a TSV file is: ids unique and not empty,
    /// patterns with a letter or a digit. Every bad entry is reported in [`Error::Lexicon`], its position (from 1)
    /// as the line.
    ///
    /// ```
    /// use kim_core::moderation::{Action, Category, Entry, EntryKind, Lexicon, MatchSeverity, Moderator, Decision};
    /// let lex = Lexicon::from_entries(
    ///     [Entry::new("judi-contoh", Category::Perjudian, MatchSeverity::High, Action::Block, EntryKind::Phrase, "togel sakti")
    ///         .with_note("a made-up site type")],
    ///     "lokal-1",
    /// )?;
    /// let m = Moderator::new(lex)?;
    /// assert_eq!(m.check("ayo main togel sakti malam ini").decision, Decision::Block);
    /// assert!(Lexicon::from_entries([Entry::new("", Category::Spam, MatchSeverity::Low, Action::Flag, EntryKind::Phrase, "x")], "v").is_err());
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn from_entries(entries: impl IntoIterator<Item = Entry>, version: &str) -> Result<Self> {
        let mut out: Vec<Entry> = Vec::new();
        let mut errors = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (i, mut e) in entries.into_iter().enumerate() {
            let at = i as u64 + 1;
            e.id = String::from(e.id.trim());
            e.pattern = String::from(e.pattern.trim());
            let before = errors.len();
            if e.id.is_empty() {
                errors.push(RowError::new(at, "id", "", "KIM-E-LEXICON", "empty"));
            } else if !seen.insert(e.id.clone()) {
                errors.push(RowError::new(
                    at,
                    "id",
                    &e.id,
                    "KIM-E-LEXICON",
                    "duplicate id",
                ));
            }
            if !normalize_pattern(&e.pattern)
                .chars()
                .any(char::is_alphanumeric)
            {
                errors.push(RowError::new(
                    at,
                    "pattern",
                    &e.pattern,
                    "KIM-E-LEXICON",
                    "pattern has no letters or digits",
                ));
            }
            if errors.len() == before {
                out.push(e);
            }
        }
        if errors.is_empty() {
            Ok(Self {
                version: version.to_owned(),
                entries: out,
            })
        } else {
            Err(Error::Lexicon { rows: errors })
        }
    }

    /// Reads [`Lexicon::from_tsv`] from a file.
    pub fn from_path(path: impl AsRef<std::path::Path>, version: &str) -> Result<Self> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|source| Error::io(path, source))?;
        Self::from_tsv(&text, version)
    }

    /// Adds the entries of `other`; an id already present is an error. The version becomes `self+other`.
    pub fn extend(&mut self, other: Lexicon) -> Result<()> {
        for e in &other.entries {
            if self.entries.iter().any(|x| x.id == e.id) {
                return Err(Error::InvalidArgument {
                    name: "lexicon",
                    problem: ArgumentProblem::Conflict,
                    message: format!("entry id {} exists already", e.id),
                });
            }
        }
        self.version = format!("{}+{}", self.version, other.version);
        self.entries.extend(other.entries);
        Ok(())
    }

    /// A user's lexicon TSV (the format of [`Lexicon::from_tsv`]): with `extend` its entries are added to the shipped
    /// lexicon (version `kim-default-2+{version}`), otherwise they are the whole lexicon (version `version`). What
    /// the bindings offer as "extend the shipped lexicon or replace it".
    ///
    /// ```
    /// use kim_core::moderation::Lexicon;
    /// let tsv = "kasar-contoh\tkasar\tmedium\thold\troot\tkurang ajar\tcontoh\n";
    /// let extended = Lexicon::from_user_tsv(tsv, "lokal-1", true)?;
    /// assert_eq!(extended.version(), "kim-default-2+lokal-1");
    /// assert_eq!(extended.entries().len(), Lexicon::builtin().entries().len() + 1);
    /// let alone = Lexicon::from_user_tsv(tsv, "lokal-1", false)?;
    /// assert_eq!((alone.version(), alone.entries().len()), ("lokal-1", 1));
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// [`Error::Lexicon`] for bad lines (all of them, as [`Lexicon::from_tsv`]); [`Error::InvalidArgument`] when
    /// extending and an id is in the shipped lexicon already.
    pub fn from_user_tsv(tsv: &str, version: &str, extend: bool) -> Result<Self> {
        let own = Self::from_tsv(tsv, version)?;
        if !extend {
            return Ok(own);
        }
        let mut lexicon = Self::builtin();
        lexicon.extend(own)?;
        Ok(lexicon)
    }

    /// The version string (goes into every verdict and audit event).
    #[must_use]
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The entries.
    #[must_use]
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }
}

/// One TSV line: `id, category, severity, action, kind, pattern[, note]`; every bad field is reported.
fn parse_line(line_no: u64, line: &str) -> std::result::Result<Entry, Vec<RowError>> {
    let f: Vec<&str> = line.split('\t').collect();
    if f.len() < 6 {
        return Err(vec![RowError::new(
            line_no,
            "pattern",
            line,
            "KIM-E-LEXICON",
            "expected 6 or 7 tab-separated fields",
        )]);
    }
    let mut errors = Vec::new();
    let quoted = |v: &str| format!("\"{}\"", v.trim());
    let mut field = |name: &str, v: &str, ok: bool, why: &str| {
        if !ok {
            errors.push(RowError::new(line_no, name, v, "KIM-E-LEXICON", why));
        }
    };
    let category = serde_json::from_str::<Category>(&quoted(f[1])).ok();
    let severity = serde_json::from_str::<MatchSeverity>(&quoted(f[2])).ok();
    let action = serde_json::from_str::<Action>(&quoted(f[3])).ok();
    let kind = serde_json::from_str::<EntryKind>(&quoted(f[4])).ok();
    field("category", f[1], category.is_some(), "unknown value");
    field("severity", f[2], severity.is_some(), "unknown value");
    field("action", f[3], action.is_some(), "unknown value");
    field("kind", f[4], kind.is_some(), "unknown value");
    let (id, pattern) = (f[0].trim(), f[5].trim());
    field("id", f[0], !id.is_empty(), "empty");
    let letters = normalize_pattern(pattern)
        .chars()
        .any(char::is_alphanumeric);
    field("pattern", f[5], letters, "pattern has no letters or digits");
    match (category, severity, action, kind) {
        (Some(category), Some(severity), Some(action), Some(kind)) if errors.is_empty() => {
            Ok(Entry {
                id: id.to_owned(),
                category,
                severity,
                action,
                kind,
                pattern: pattern.to_owned(),
                note: f.get(6).map(|n| n.trim().to_owned()).unwrap_or_default(),
            })
        }
        _ => Err(errors),
    }
}

const PREFIXES: &[&str] = &["", "di", "ter", "ke", "se", "ku"];
const NASAL_PREFIXES: &[&str] = &["me", "mem", "men", "meng", "meny", "ber"];
const SUFFIXES: &[&str] = &["", "nya", "kan", "in", "an", "lah", "mu", "ku", "i"];
const SHORT_SUFFIXES: &[&str] = &["", "nya", "mu", "ku", "lah"];

/// True if `token` is `prefix + root + suffix` with affixes the root allows (see [`EntryKind::Root`]). `token` and
/// `root` are normalised; a doubled letter at a seam has collapsed, so `tolol` + `lah` appears as `tololah`.
pub(crate) fn is_inflection(token: &str, root: &str, at: usize) -> bool {
    let (prefix, rest) = token.split_at(at);
    let Some(suffix) = rest.strip_prefix(root) else {
        return false;
    };
    let n = root.chars().count();
    let (prefixes, suffixes): (&[&str], &[&str]) = if n <= 3 {
        (&[""], SHORT_SUFFIXES)
    } else {
        (PREFIXES, SUFFIXES)
    };
    let prefix_ok = prefixes.contains(&prefix) || (n >= 5 && NASAL_PREFIXES.contains(&prefix));
    let last = root.chars().last();
    let suffix_ok = suffixes.contains(&suffix)
        || last.is_some_and(|l| {
            suffixes
                .iter()
                .any(|s| s.len() > 1 && s.starts_with(l) && &s[l.len_utf8()..] == suffix)
        });
    prefix_ok && suffix_ok
}

/// A lexicon compiled for matching: one automaton over the normalised base patterns (a few hundred, so it stays in
/// cache), the lexicon's entries first and then the grammar's class words; pattern `i < entries` is entry `i` of the
/// lexicon. Affixed forms of roots are recognised by [`is_inflection`] around each root match.
pub(crate) struct Compiled {
    /// Every occurrence of every pattern, found while the text is normalised (see `normalize::normalize_into`).
    pub scanner: Scanner,
    /// The normalised pattern of each entry, then of each class word.
    pub normalized: Vec<String>,
    /// True for the patterns whose affixed forms match too (one-word roots, hostile and targeted words, class words).
    pub inflects: Vec<bool>,
    /// The number of lexicon entries (the patterns after them are class words).
    pub entries: usize,
    /// 1 for the patterns compiled with a space after them (see [`Compiled::new`]).
    trail: Vec<u8>,
    /// The id of each entry, shared by its matches.
    pub ids: Vec<Text>,
    /// The reasons (Indonesian, English) of a match of each entry, written once here and shared by every match.
    pub reasons: Vec<(Text, Text)>,
}

impl Compiled {
    pub fn new(lex: &Lexicon, class_words: &[String], class_inflects: &[bool]) -> Result<Self> {
        let mut normalized: Vec<String> = lex
            .entries
            .iter()
            .map(|e| normalize_pattern(&e.pattern))
            .collect();
        let mut inflects: Vec<bool> = lex
            .entries
            .iter()
            .zip(&normalized)
            .map(|(e, n)| {
                matches!(
                    e.kind,
                    EntryKind::Root | EntryKind::Hostile | EntryKind::Targeted
                ) && !n.contains(' ')
            })
            .collect();
        normalized.extend(class_words.iter().cloned());
        inflects.extend_from_slice(class_inflects);
        // A pattern that must stand as whole words is compiled with the spaces around it (` ga `), and a root of three
        // letters or fewer, which takes no prefix, with the space before it (` tai`): the automaton then never stops
        // on `ga` inside `juga` or `tai` inside `pantai`, which with a few hundred short class words was most of its
        // hits.
        let mut trail = Vec::with_capacity(normalized.len());
        let scan: Vec<String> = normalized
            .iter()
            .zip(&inflects)
            .map(|(p, &inflects)| {
                trail.push(u8::from(!inflects));
                if !inflects {
                    format!(" {p} ")
                } else if p.chars().count() <= 3 {
                    format!(" {p}")
                } else {
                    p.clone()
                }
            })
            .collect();
        let scanner = Scanner::new(&scan).map_err(|message| Error::InvalidArgument {
            name: "lexicon",
            problem: ArgumentProblem::Malformed,
            message,
        })?;
        let reasons = lex
            .entries
            .iter()
            .map(|entry| {
                let (did, den) = entry.category.describe();
                (
                    Text::from(format!("{did} (pola «{}»)", entry.pattern)),
                    Text::from(format!("{den} (pattern «{}»)", entry.pattern)),
                )
            })
            .collect();
        let ids = lex
            .entries
            .iter()
            .map(|e| Text::from(e.id.clone()))
            .collect();
        Ok(Self {
            scanner,
            normalized,
            inflects,
            entries: lex.entries.len(),
            trail,
            ids,
            reasons,
        })
    }

    /// The bytes `(start, end)` of pattern `i` in the normalised text, for an automaton hit ending at `end`.
    pub fn span(&self, i: usize, end: u32) -> (usize, usize) {
        let e = end as usize - usize::from(self.trail[i]);
        (e - self.normalized[i].len(), e)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_parses_and_inflections_are_checked() {
        let lex = Lexicon::builtin();
        assert!(lex.entries().len() > 150);
        for (token, root, at, ok) in [
            ("anjing", "anjing", 0, true),
            ("dianjingin", "anjing", 2, true),
            ("anjingnya", "anjing", 0, true),
            ("membakar", "bakar", 3, true),
            ("tololah", "tolol", 0, true),
            ("taimu", "tai", 0, true),
            ("pantai", "tai", 3, false),
            ("santai", "tai", 3, false),
            ("pasukan", "asu", 1, false),
            ("masuk", "asu", 1, false),
            ("asuransi", "asu", 0, false),
            ("ditai", "tai", 2, false),
        ] {
            assert_eq!(is_inflection(token, root, at), ok, "{token} / {root}");
        }
    }

    #[test]
    fn a_user_lexicon_extends_or_replaces_the_shipped_one() {
        let tsv = "lokal-a\tkasar\tmedium\thold\troot\tkurang ajar\n";
        let builtin = Lexicon::builtin();
        let extended = Lexicon::from_user_tsv(tsv, "lokal-1", true).unwrap();
        let mut by_hand = Lexicon::builtin();
        by_hand
            .extend(Lexicon::from_tsv(tsv, "lokal-1").unwrap())
            .unwrap();
        assert_eq!(extended, by_hand);
        assert_eq!(
            extended.entries()[..builtin.entries().len()],
            *builtin.entries()
        );
        let alone = Lexicon::from_user_tsv(tsv, "lokal-1", false).unwrap();
        assert_eq!(alone, Lexicon::from_tsv(tsv, "lokal-1").unwrap());
        // A bad line fails either way; an id of the shipped lexicon fails only when extending.
        for extend in [true, false] {
            let bad = Lexicon::from_user_tsv("x\tnope\tmedium\thold\troot\tfoo\n", "v", extend);
            assert!(matches!(bad, Err(Error::Lexicon { .. })), "{extend}");
        }
        let taken = &builtin.entries()[0];
        let clash = format!("{}\tkasar\tmedium\thold\troot\tfoo\n", taken.id);
        assert!(matches!(
            Lexicon::from_user_tsv(&clash, "v", true),
            Err(Error::InvalidArgument {
                name: "lexicon",
                ..
            })
        ));
        assert_eq!(
            Lexicon::from_user_tsv(&clash, "v", false)
                .unwrap()
                .entries()
                .len(),
            1
        );
    }

    #[test]
    fn bad_lines_report_line_and_field() {
        let err = Lexicon::from_tsv("# c\nx\tkasar\tmedium\thold\troot\tfoo\nx\tnope\tmedium\thold\troot\tbar\ny\tkasar\tmedium\thold\troot\t!!!\n", "t").unwrap_err();
        let Error::Lexicon { rows } = err else {
            panic!()
        };
        let w: Vec<(u64, &str)> = rows.iter().map(|r| (r.line, r.field.as_str())).collect();
        assert_eq!(w, [(3, "category"), (4, "pattern")]);
    }
}
