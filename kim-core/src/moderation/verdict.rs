//! The vocabulary of moderation: what a text is checked for ([`Category`], with its [`LegalBasis`]), how much a match
//! weighs ([`MatchSeverity`], [`Action`]) and what comes back ([`Match`], [`Decision`], [`Verdict`]). Data only: the
//! [`super::Moderator`] produces them, [`super::review`] consumes them.

use std::fmt;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A content category (docs/domain.md §8).
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
#[non_exhaustive]
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
    #[must_use]
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
    #[must_use]
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

    /// Every legal basis of the category, with validity windows (docs/domain.md §8).
    #[must_use]
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
    #[must_use]
    pub fn basis_on(self, date: NaiveDate) -> Vec<&'static LegalBasis> {
        self.legal_basis()
            .iter()
            .filter(|b| b.in_force_on(date))
            .collect()
    }

    /// The reason a match of the category gives: (Bahasa Indonesia, English).
    pub(super) fn describe(self) -> (&'static str, &'static str) {
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

/// Severity of a match (not to be confused with [`crate::rules::Severity`], the severity of a validation finding).
/// Formerly `moderation::Severity`, which still names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
// The serde name stays the old one, so every format (and every error message) reads as before the rename.
#[serde(rename = "Severity", rename_all = "snake_case")]
pub enum MatchSeverity {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
}

impl MatchSeverity {
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

/// A rule id or a reason of a [`Match`]: a `&'static str` or a string shared by every match of one lexicon entry, so
/// that a text with a million matches holds each reason once, not a million times. Reads as a `str`; serialises as
/// a JSON string.
#[derive(Clone)]
#[non_exhaustive]
pub struct Text(TextRepr);

#[derive(Clone)]
enum TextRepr {
    Static(&'static str),
    Shared(Arc<str>),
}

impl Text {
    /// A static text (no allocation).
    #[must_use]
    pub const fn from_static(s: &'static str) -> Self {
        Self(TextRepr::Static(s))
    }

    /// The text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            TextRepr::Static(s) => s,
            TextRepr::Shared(s) => s,
        }
    }
}

impl std::ops::Deref for Text {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Self(TextRepr::Shared(s.into()))
    }
}

impl From<Arc<str>> for Text {
    fn from(s: Arc<str>) -> Self {
        Self(TextRepr::Shared(s))
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialOrd for Text {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Text {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for Text {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        String::deserialize(d).map(Self::from)
    }
}

/// One match in a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Match {
    /// Start byte in the original text (on a char boundary).
    pub start: usize,
    /// End byte, exclusive (on a char boundary).
    pub end: usize,
    /// Category.
    pub category: Category,
    /// Severity.
    pub severity: MatchSeverity,
    /// Effect on the decision.
    pub action: Action,
    /// Lexicon entry id, or a built-in rule id (`pd-nik`, `pd-phone`, `pd-email`, `spam-*`, `sara-context`).
    pub rule_id: Text,
    /// Reason in Bahasa Indonesia. Never contains the matched personal data.
    pub reason_id: Text,
    /// Reason in English. Never contains the matched personal data.
    pub reason_en: Text,
    /// The parts of a construction or of a targeted insult (`"speaker"`, `"violent"`, `"target"`, ...), each with
    /// its span in the original text; empty for a plain lexicon match (and then absent from the JSON).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parts: Vec<Part>,
    /// The context that turned this match into a flag (`"reporting"`, `"debunk"`, ...): the text reads as
    /// reporting on the harm, not as the harm. Absent when the match acts as its rule says.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub softened_by: Option<Text>,
}

/// One part of a construction match: its role (the word class, or a built-in part such as `@brand`) and its span.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Part {
    /// The word class or built-in part that matched.
    pub role: Text,
    /// Start byte in the original text (on a char boundary).
    pub start: usize,
    /// End byte, exclusive (on a char boundary).
    pub end: usize,
}

/// The most matches a [`Verdict`] lists for one category. A text hit more often than this in a category (a 100 MB
/// text of spam) still gets its full decision and categories; the matches past the cap are counted in
/// [`Verdict::omitted`] instead of listed, which keeps a verdict's memory bounded however dense the hits.
pub const MAX_MATCHES_PER_CATEGORY: usize = 1000;

/// Matches of one category found but not listed in a verdict (past [`MAX_MATCHES_PER_CATEGORY`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Omitted {
    /// The category.
    pub category: Category,
    /// How many of its matches are not listed.
    pub count: u64,
}

/// The verdict for a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Verdict {
    /// Schema version of this JSON shape (1).
    pub schema_version: u64,
    /// Allow, hold or block.
    pub decision: Decision,
    /// Categories of the matches that hold or block, sorted, without duplicates.
    pub categories: Vec<Category>,
    /// Every match, in text order; at most [`MAX_MATCHES_PER_CATEGORY`] per category (the first ones found).
    pub matches: Vec<Match>,
    /// Per category, the matches found past [`MAX_MATCHES_PER_CATEGORY`] and not listed (absent from the JSON when
    /// none are). The decision, categories and `fact_check` count every match, listed or not.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub omitted: Vec<Omitted>,
    /// True if a hoax marker was found: the reviewer should fact-check and label the item (see
    /// [`super::review::HoaxLabel`]).
    pub fact_check: bool,
    /// Version of the rule set that produced the verdict: the lexicon's version, plus `+` and the hold model's id when
    /// the moderator has one (`kim-default-2+hold-2026-12-06.6` for [`super::Moderator::default`]).
    pub lexicon_version: String,
    /// The text with every NIK, phone number and e-mail address masked ([`super::redact`]), when one of them holds
    /// or blocks (`pd-nik`, `pd-phone`, `pd-email`): the version a moderator may publish instead (docs/domain.md §5). Absent
    /// from the JSON otherwise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redacted: Option<String>,
}
