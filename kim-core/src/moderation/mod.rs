//! Moderation of KIM content in Indonesian (DOMAIN.md §5, §8).
//!
//! - [`Category`]: what the law forbids, each with its legal basis and validity window ([`Category::legal_basis`]);
//!   from 2026-01-02 several ITE articles give way to the new KUHP (UU 1/2023).
//! - [`Lexicon`]: data (`kim-core/lexicon/default.tsv`), a value passed in, never global state; users extend or
//!   replace it. [`Moderator::new`] compiles it once (aho-corasick) for reuse.
//! - [`Moderator::check`] returns a [`Verdict`]: `allow`, `hold` (human review) or `block`, with every match (byte
//!   span in the *original* text, category, severity, rule id, reasons in Indonesian and English).
//! - Personal data ([`find_personal_data`], [`redact`]), hoax markers (a hold flagged for fact-checking, never a
//!   block) and spam patterns are detected alongside the lexicon.
//! - [`review`]: the human review and appeal workflow as pure state machines with an append-only audit log.
//!
//! **Identity words never block.** Religion, ethnicity, orientation and disability words can be legitimate news.
//! Alone they do nothing; next to a hostile word (within [`IDENTITY_WINDOW`] words) they make a SARA hold.
//!
//! **No Scunthorpe problem.** Matches fall on word boundaries after normalisation: *pantai*, *santai* and *petai*
//! never match *tai*; *pasukan*, *masuk* and *asuransi* never match *asu*.
//!
//! ```
//! use kim_core::moderation::{Moderator, Decision, Category};
//! let m = Moderator::default();
//! assert_eq!(m.check("Gotong royong membersihkan pantai Desa Perian, Minggu pagi.").decision, Decision::Allow);
//! let v = m.check("Main di s.l.o.t g4c0r, maxwin tiap hari!");
//! assert_eq!(v.decision, Decision::Block);
//! assert!(v.categories.contains(&Category::Perjudian));
//! let v = m.check("VIRAL SEBELUM DIHAPUS!!! Sebarkan!");
//! assert_eq!((v.decision, v.fact_check), (Decision::Hold, true));
//! ```

mod lexicon;
mod normalize;
mod personal;
pub mod review;

use std::collections::{HashMap, HashSet};
use std::fmt;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use lexicon::{BUILTIN_TSV, Entry, EntryKind, Lexicon};
pub use personal::{PersonalKind, PersonalSpan, find_personal_data, redact};

use crate::error::Result;
use lexicon::is_inflection as is_inflection_at;

/// How many words apart an identity word and a hostile word may be to make a SARA hold.
pub const IDENTITY_WINDOW: usize = 4;

/// A content category (DOMAIN.md §8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// False news causing unrest; uncertain or exaggerated news.
    Hoaks,
    /// Incitement to hatred on race, ethnicity, religion, belief, sex or disability.
    Sara,
    /// Defamation (a complaint offence, individuals only).
    Pencemaran,
    /// Indecency.
    Kesusilaan,
    /// Gambling.
    Perjudian,
    /// Extortion.
    Pemerasan,
    /// Threats of violence.
    Ancaman,
    /// Someone's personal data: NIK, phone, e-mail, address, children's data.
    DataPribadi,
    /// Profanity and insults (community standard).
    Kasar,
    /// Spam: repeated links or lines, promotion.
    Spam,
    /// An identity word; never a category of a verdict on its own.
    Identitas,
}

/// A legal basis of a category with its validity window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct LegalBasis {
    /// Instrument and article.
    pub instrument: &'static str,
    /// First day in force (`None`: before any date kim deals with).
    pub valid_from: Option<&'static str>,
    /// Last day in force, inclusive.
    pub valid_until: Option<&'static str>,
}

impl LegalBasis {
    const fn new(
        instrument: &'static str,
        valid_from: Option<&'static str>,
        valid_until: Option<&'static str>,
    ) -> Self {
        Self {
            instrument,
            valid_from,
            valid_until,
        }
    }

    /// True if in force on `date`.
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        let d = date.to_string();
        self.valid_from.is_none_or(|f| f <= d.as_str())
            && self.valid_until.is_none_or(|u| d.as_str() <= u)
    }
}

const ITE_UNTIL: Option<&str> = Some("2026-01-01");
const KUHP_FROM: Option<&str> = Some("2026-01-02");

impl Category {
    /// Every category.
    pub const ALL: [Category; 11] = [
        Self::Hoaks,
        Self::Sara,
        Self::Pencemaran,
        Self::Kesusilaan,
        Self::Perjudian,
        Self::Pemerasan,
        Self::Ancaman,
        Self::DataPribadi,
        Self::Kasar,
        Self::Spam,
        Self::Identitas,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Hoaks => "hoaks",
            Self::Sara => "sara",
            Self::Pencemaran => "pencemaran",
            Self::Kesusilaan => "kesusilaan",
            Self::Perjudian => "perjudian",
            Self::Pemerasan => "pemerasan",
            Self::Ancaman => "ancaman",
            Self::DataPribadi => "data_pribadi",
            Self::Kasar => "kasar",
            Self::Spam => "spam",
            Self::Identitas => "identitas",
        }
    }

    /// Every legal basis of the category, with validity windows (DOMAIN.md §8).
    pub fn legal_basis(self) -> &'static [LegalBasis] {
        const HOAKS: &[LegalBasis] = &[
            LegalBasis::new("UU ITE (UU 1/2024) Pasal 28 ayat (3)", None, ITE_UNTIL),
            LegalBasis::new("KUHP (UU 1/2023) Pasal 263 dan 264", KUHP_FROM, None),
        ];
        const SARA: &[LegalBasis] = &[
            LegalBasis::new("UU ITE (UU 1/2024) Pasal 28 ayat (2)", None, None),
            LegalBasis::new("KUHP (UU 1/2023) Pasal 243", KUHP_FROM, None),
        ];
        const CEMAR: &[LegalBasis] = &[
            LegalBasis::new(
                "UU ITE (UU 1/2024) Pasal 27A; delik aduan, hanya orang perseorangan (Putusan MK 105/PUU-XXII/2024)",
                None,
                ITE_UNTIL,
            ),
            LegalBasis::new("KUHP (UU 1/2023) Pasal 433 dan 434", KUHP_FROM, None),
        ];
        const SUSILA: &[LegalBasis] = &[
            LegalBasis::new("UU ITE (UU 1/2024) Pasal 27 ayat (1)", None, None),
            LegalBasis::new("UU 44/2008 tentang Pornografi", None, None),
        ];
        const JUDI: &[LegalBasis] = &[LegalBasis::new(
            "UU ITE (UU 1/2024) Pasal 27 ayat (2)",
            None,
            None,
        )];
        const PERAS: &[LegalBasis] = &[LegalBasis::new("UU ITE (UU 1/2024) Pasal 27B", None, None)];
        const ANCAM: &[LegalBasis] = &[LegalBasis::new("UU ITE (UU 1/2024) Pasal 29", None, None)];
        const PDP: &[LegalBasis] = &[LegalBasis::new(
            "UU 27/2022 tentang Pelindungan Data Pribadi",
            None,
            None,
        )];
        const KOMUNITAS: &[LegalBasis] = &[LegalBasis::new(
            "standar komunitas (bukan tindak pidana dengan sendirinya)",
            None,
            None,
        )];
        const NONE: &[LegalBasis] = &[];
        match self {
            Self::Hoaks => HOAKS,
            Self::Sara => SARA,
            Self::Pencemaran => CEMAR,
            Self::Kesusilaan => SUSILA,
            Self::Perjudian => JUDI,
            Self::Pemerasan => PERAS,
            Self::Ancaman => ANCAM,
            Self::DataPribadi => PDP,
            Self::Kasar | Self::Spam => KOMUNITAS,
            Self::Identitas => NONE,
        }
    }

    /// The legal bases in force on `date` (e.g. hoaks: ITE 28(3) up to 2026-01-01, KUHP 263/264 from 2026-01-02).
    ///
    /// ```
    /// use kim_core::moderation::Category;
    /// let on = |d: &str| Category::Hoaks.basis_on(d.parse().unwrap())[0].instrument;
    /// assert!(on("2025-12-31").contains("Pasal 28 ayat (3)"));
    /// assert!(on("2026-01-02").contains("KUHP"));
    /// ```
    pub fn basis_on(self, date: NaiveDate) -> Vec<&'static LegalBasis> {
        self.legal_basis()
            .iter()
            .filter(|b| b.in_force_on(date))
            .collect()
    }

    fn describe(self) -> (&'static str, &'static str) {
        match self {
            Self::Hoaks => (
                "penanda klaim viral yang belum terverifikasi; perlu cek fakta",
                "marker of an unverified viral claim; needs fact-checking",
            ),
            Self::Sara => (
                "hasutan kebencian berdasarkan SARA",
                "incitement to hatred on ethnicity, religion, race or group",
            ),
            Self::Pencemaran => ("dugaan pencemaran nama baik", "possible defamation"),
            Self::Kesusilaan => ("konten melanggar kesusilaan", "indecent content"),
            Self::Perjudian => ("promosi perjudian", "gambling promotion"),
            Self::Pemerasan => ("pemerasan", "extortion"),
            Self::Ancaman => ("ancaman kekerasan", "threat of violence"),
            Self::DataPribadi => ("data pribadi orang lain", "someone's personal data"),
            Self::Kasar => ("kata kasar atau hinaan", "profanity or insult"),
            Self::Spam => ("spam", "spam"),
            Self::Identitas => ("kata identitas", "identity word"),
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Severity of a match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}

impl Severity {
    /// The name as in JSON: `low`, `medium`, `high`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
        }
    }
}

/// What a match does to the verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Recorded, no effect on the decision.
    Flag,
    /// Send to human review.
    Hold,
    /// Block.
    Block,
}

impl Action {
    /// The name as in JSON: `flag`, `hold`, `block`.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Flag => "flag",
            Self::Hold => "hold",
            Self::Block => "block",
        }
    }
}

/// The decision for a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Publish.
    Allow,
    /// Hold for human review.
    Hold,
    /// Block.
    Block,
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Allow => "allow",
            Self::Hold => "hold",
            Self::Block => "block",
        })
    }
}

/// One match in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Match {
    /// Start byte in the original text (on a char boundary).
    pub start: usize,
    /// End byte, exclusive (on a char boundary).
    pub end: usize,
    /// Category.
    pub category: Category,
    /// Severity.
    pub severity: Severity,
    /// Effect on the decision.
    pub action: Action,
    /// Lexicon entry id, or a built-in rule id (`pd-nik`, `pd-phone`, `pd-email`, `spam-*`, `sara-context`).
    pub rule_id: String,
    /// Reason in Bahasa Indonesia. Never contains the matched personal data.
    pub reason_id: String,
    /// Reason in English. Never contains the matched personal data.
    pub reason_en: String,
}

/// The verdict for a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verdict {
    /// Schema version of this JSON shape (1).
    pub schema_version: u64,
    /// Allow, hold or block.
    pub decision: Decision,
    /// Categories of the matches that hold or block, sorted, without duplicates.
    pub categories: Vec<Category>,
    /// Every match, in text order.
    pub matches: Vec<Match>,
    /// True if a hoax marker was found: the reviewer should fact-check and label the item (see
    /// [`review::HoaxLabel`]).
    pub fact_check: bool,
    /// Version of the lexicon (rule set) that produced the verdict.
    pub lexicon_version: String,
}

/// A lexicon compiled for checking texts. Cheap to share across threads (`Send + Sync`).
pub struct Moderator {
    lexicon: Lexicon,
    compiled: lexicon::Compiled,
    /// Finds the start of links: `http://`, `https://`, `www.` and shortener hosts, ASCII case-insensitive.
    links: aho_corasick::AhoCorasick,
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

/// E-mail domains of institutions (government, villages, schools, universities): flagged, not held.
const INSTITUTIONAL_DOMAINS: &[&str] = &[".go.id", ".desa.id", ".sch.id", ".ac.id"];
/// Hosts of link shorteners.
const SHORTENERS: &[&str] = &[
    "bit.ly",
    "s.id",
    "tinyurl.com",
    "cutt.ly",
    "rb.gy",
    "shorturl.at",
    "t.ly",
    "is.gd",
    "ow.ly",
    "linktr.ee",
];
/// Words that make a link host a gambling link.
const GAMBLING_HOST_WORDS: &[&str] = &[
    "slot", "gacor", "toto", "togel", "judi", "casino", "kasino", "maxwin", "jackpot", "spin",
    "bet", "poker", "qq",
];

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
        let starts: Vec<String> = ["http://", "https://", "www."]
            .iter()
            .map(|s| (*s).to_owned())
            .chain(SHORTENERS.iter().map(|s| format!("{s}/")))
            .collect();
        let links = aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(&starts)
            .map_err(|e| crate::Error::InvalidArgument {
                name: "links",
                message: e.to_string(),
            })?;
        Ok(Self {
            lexicon,
            compiled,
            links,
        })
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
        spam_matches(text, &self.links, &mut matches);
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

fn personal_matches(text: &str, out: &mut Vec<Match>) {
    for s in find_personal_data(text) {
        let (rule, id, en) = match s.kind {
            PersonalKind::Nik => ("pd-nik", "NIK", "a NIK"),
            PersonalKind::Phone => ("pd-phone", "nomor telepon", "a phone number"),
            PersonalKind::Email => ("pd-email", "alamat e-mail", "an e-mail address"),
        };
        // An office address on an institutional domain is a public contact, not someone's personal data.
        let institutional = s.kind == PersonalKind::Email
            && INSTITUTIONAL_DOMAINS
                .iter()
                .any(|d| text[s.start..s.end].to_ascii_lowercase().ends_with(d));
        let action = match s.kind {
            PersonalKind::Nik => Action::Block,
            _ if institutional => Action::Flag,
            _ => Action::Hold,
        };
        out.push(Match {
            start: s.start,
            end: s.end,
            category: Category::DataPribadi,
            severity: if s.kind == PersonalKind::Nik {
                Severity::High
            } else {
                Severity::Medium
            },
            action,
            rule_id: rule.to_owned(),
            reason_id: format!("memuat {id} (data pribadi, UU PDP 27/2022); gunakan redact"),
            reason_en: format!("contains {en} (personal data, UU PDP 27/2022); use redact"),
        });
    }
}

fn spam_match(
    start: usize,
    end: usize,
    category: Category,
    action: Action,
    rule: &str,
    id: &str,
    en: &str,
) -> Match {
    Match {
        start,
        end,
        category,
        severity: if action == Action::Block {
            Severity::High
        } else {
            Severity::Medium
        },
        action,
        rule_id: rule.to_owned(),
        reason_id: id.to_owned(),
        reason_en: en.to_owned(),
    }
}

/// Links, repeated lines and long runs of one character.
fn spam_matches(text: &str, link_starts: &aho_corasick::AhoCorasick, out: &mut Vec<Match>) {
    link_matches(text, link_starts, out);
    let b = text.as_bytes();
    // Repeated lines (three or more times).
    if memchr::memchr_iter(b'\n', b).nth(1).is_none() {
        repeated_chars(text, out);
        return;
    }
    let mut text_lines: Vec<(&str, usize, usize)> = Vec::new();
    let mut off = 0;
    for line in text.split('\n') {
        let t = line.trim();
        if t.chars().filter(|c| c.is_alphanumeric()).count() >= 5 {
            let start = off + (line.len() - line.trim_start().len());
            text_lines.push((t, start, start + t.len()));
        }
        off += line.len() + 1;
    }
    let mut counts: HashMap<&str, u32> = HashMap::with_capacity(text_lines.len());
    for (t, _, _) in &text_lines {
        *counts.entry(t).or_default() += 1;
    }
    // Each repeated line once, at its first occurrence.
    for (t, s, e) in &text_lines {
        if counts.get(t).is_some_and(|&n| n >= 3) {
            counts.remove(t);
            out.push(spam_match(
                *s,
                *e,
                Category::Spam,
                Action::Hold,
                "spam-repeated-line",
                "baris yang sama diulang",
                "the same line repeated",
            ));
        }
    }
    repeated_chars(text, out);
}

/// Gambling links, shorteners, repeated links and too many links.
fn link_matches(text: &str, link_starts: &aho_corasick::AhoCorasick, out: &mut Vec<Match>) {
    // Links: http(s)://…, www.…, or a known shortener host, starting at a word boundary.
    let b = text.as_bytes();
    // Every link start has a `/` (`http://`, `bit.ly/`) or is `www.`: most posts have neither.
    let has_www = || {
        memchr::memchr2_iter(b'w', b'W', b).any(|i| {
            b.get(i..i + 4)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"www."))
        })
    };
    if memchr::memchr(b'/', b).is_none() && !has_www() {
        return;
    }
    let mut links: Vec<(usize, usize)> = Vec::new();
    let mut lowered: Vec<String> = Vec::new();
    for m in link_starts.find_iter(text) {
        let i = m.start();
        if links.last().is_some_and(|l| i < l.1) || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            continue;
        }
        let end = text[i..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | ')' | ','))
            .map_or(b.len(), |e| i + e);
        links.push((i, end));
        lowered.push(text[i..end].to_ascii_lowercase());
    }
    let mut seen: HashSet<&str> = HashSet::with_capacity(links.len());
    for (&(s, e), url) in links.iter().zip(&lowered) {
        let url = url.as_str();
        let host = url
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap_or("");
        if GAMBLING_HOST_WORDS.iter().any(|w| host.contains(w))
            || host
                .split(['.', '-'])
                .any(|p| p.len() >= 2 && p.bytes().all(|c| c.is_ascii_digit()) && p.ends_with("88"))
        {
            out.push(spam_match(
                s,
                e,
                Category::Perjudian,
                Action::Block,
                "spam-gambling-link",
                "tautan situs judi",
                "link to a gambling site",
            ));
        } else if SHORTENERS.contains(&host) {
            out.push(spam_match(
                s,
                e,
                Category::Spam,
                Action::Flag,
                "spam-shortener",
                "tautan pemendek (tujuan tidak terlihat)",
                "link shortener (destination hidden)",
            ));
        }
        if !seen.insert(url) {
            out.push(spam_match(
                s,
                e,
                Category::Spam,
                Action::Hold,
                "spam-repeated-link",
                "tautan yang sama diulang",
                "the same link repeated",
            ));
        }
    }
    if links.len() >= 4 {
        let (s, e) = (links[0].0, links[links.len() - 1].1);
        out.push(spam_match(
            s,
            e,
            Category::Spam,
            Action::Hold,
            "spam-many-links",
            "terlalu banyak tautan",
            "too many links",
        ));
    }
}

/// A run of 10 or more of one ASCII letter, digit, `!` or `?` (decorative rules of `-`, `=`, `*` are fine).
fn repeated_chars(text: &str, out: &mut Vec<Match>) {
    const MIN_RUN: usize = 10;
    let bytes = text.as_bytes();
    // A run of MIN_RUN equal bytes covers some multiple of MIN_RUN - 1 together with the byte after it, so only those
    // pairs are compared until one is equal; the run is then measured in both directions from there.
    let mut settled = 0; // bytes before it belong to runs already measured
    let mut p = 0;
    while p + 1 < bytes.len() {
        if bytes[p] != bytes[p + 1] {
            p += MIN_RUN - 1;
            continue;
        }
        let c = bytes[p];
        let mut s = p;
        while s > settled && bytes[s - 1] == c {
            s -= 1;
        }
        let mut e = p + 2;
        while e < bytes.len() && bytes[e] == c {
            e += 1;
        }
        if e - s >= MIN_RUN && (c.is_ascii_alphanumeric() || matches!(c, b'!' | b'?')) {
            out.push(spam_match(
                s,
                e,
                Category::Spam,
                Action::Hold,
                "spam-repeated-char",
                "karakter diulang berlebihan",
                "a character repeated excessively",
            ));
        }
        settled = e;
        p = e.next_multiple_of(MIN_RUN - 1);
    }
}

#[cfg(test)]
mod spam_tests {
    use super::*;

    /// The plain byte-by-byte scan that `repeated_chars` replaced.
    fn runs_plain(text: &str) -> Vec<(usize, usize)> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            let mut j = i + 1;
            while j < b.len() && b[j] == b[i] {
                j += 1;
            }
            if j - i >= 10 && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'!' | b'?')) {
                out.push((i, j));
            }
            i = j;
        }
        out
    }

    fn runs(text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        repeated_chars(text, &mut out);
        out.iter().map(|m| (m.start, m.end)).collect()
    }

    #[test]
    fn repeated_runs_at_every_alignment() {
        for pre in 0..20 {
            for len in 8..22 {
                let t = format!(
                    "{}{}{}",
                    "x".repeat(pre).replace('x', "ab"),
                    "!".repeat(len),
                    " ok"
                );
                assert_eq!(runs(&t), runs_plain(&t), "{t:?}");
            }
        }
        assert_eq!(runs("wkwkwk ????????????? zzzzzzzzzz"), [(7, 20), (21, 31)]);
        assert_eq!(runs("..........  éééééééééé"), []);
    }

    #[test]
    fn a_long_text_does_not_stay_in_the_scratch_buffers() {
        let m = Moderator::default();
        let long = "warga desa gotong royong ".repeat(100_000);
        assert_eq!(m.check(&long).decision, Decision::Allow);
        SCRATCH.with(|c| assert!(c.borrow().text.capacity() <= SCRATCH_KEEP));
        m.check("slot gacor");
        SCRATCH.with(|c| assert!(c.borrow().text.capacity() > 0));
    }

    #[test]
    fn every_link_start_passes_the_prefilter() {
        // link_matches skips texts with no `/` and no `www.`: that is only sound while every start has one.
        for s in SHORTENERS {
            assert!(!s.contains('/'), "{s}: starts are `{{host}}/`");
        }
        let m = Moderator::default();
        let v = m.check("Daftar di WWW.slot88.example sekarang, atau bit.ly/abc");
        assert!(
            v.matches.iter().any(|x| x.rule_id == "spam-gambling-link"),
            "{v:?}"
        );
        assert!(
            v.matches.iter().any(|x| x.rule_id == "spam-shortener"),
            "{v:?}"
        );
    }

    proptest::proptest! {
        #[test]
        fn repeated_chars_agrees_with_the_plain_scan(s in "([a!? .]{1,3}|a{5,14}|!{9,12}){0,30}") {
            proptest::prop_assert_eq!(runs(&s), runs_plain(&s));
        }
    }
}
