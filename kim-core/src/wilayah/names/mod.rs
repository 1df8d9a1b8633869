//! Name matching: normalised names, abbreviations, near spellings, and resolving free-text places.
//!
//! The types and [`normalise_name`] are always built; the matching itself needs the `names` feature.
#![cfg_attr(not(feature = "names"), allow(dead_code, unused_imports))]

use std::collections::HashMap;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use unicode_normalization::UnicodeNormalization;

use super::{KabKotaKind, Kode, Level, Reference};

mod grams;
#[cfg(feature = "names")]
mod resolve;

use grams::GramIndex;

#[cfg(feature = "names")]
pub use resolve::FieldsResolution;

/// How a name matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum MatchKind {
    /// Equal after normalisation.
    Exact,
    /// The query is built from leading parts of the name's words (`Kukar`, `Jaksel`).
    Abbreviation,
    /// A near spelling (normalised Levenshtein similarity ≥ 0.8).
    Fuzzy,
}

/// One candidate unit for a name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NameMatch {
    /// The unit (`code` in JSON, like everywhere else).
    #[serde(rename = "code")]
    pub kode: Kode,
    /// Its official name.
    pub name: String,
    /// How it matched.
    pub kind: MatchKind,
    /// Score in (0, 1]; exact = 1.0, abbreviation = 0.9, fuzzy ≤ 0.85 (a place's score is the product over its
    /// parts).
    pub score: f64,
    /// The name of its kecamatan, for a village (absent in JSON otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kecamatan: Option<String>,
    /// The name of its kab/kota, for a kecamatan or village (absent in JSON otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kab_kota: Option<String>,
}

/// Outcome of resolving a free-text place.
///
/// JSON: `{"resolution": "unique", "match": {…}}`, `{"resolution": "ambiguous", "candidates": [{…}, …]}`,
/// `{"resolution": "uncertain", "candidates": [{…}, …]}` or `{"resolution": "not_found"}`, each match a
/// [`NameMatch`].
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use kim_core::wilayah::Reference;
/// let r = Reference::embedded().resolve_place("Desa Perian, Kec. Muara Muntai, Kukar");
/// let json = serde_json::to_value(&r)?;
/// assert_eq!((json["resolution"].as_str(), json["match"]["code"].as_str()), (Some("unique"), Some("64.02.01.2001")));
/// # }
/// # Ok::<(), serde_json::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Resolution {
    /// Exactly one certain candidate (every part matched exactly or as an abbreviation).
    Unique(NameMatch),
    /// Several certain candidates, ranked best first (at most 10).
    Ambiguous(Vec<NameMatch>),
    /// Only near spellings: one or more candidates that a person must confirm, ranked best first (at most 10).
    Uncertain(Vec<NameMatch>),
    /// No candidate at all.
    NotFound,
}

/// The JSON of a [`Resolution`]: borrowed to write it, owned to read it.
#[derive(Serialize, Deserialize)]
#[serde(tag = "resolution", rename_all = "snake_case")]
enum ResolutionJson<M, C> {
    Unique {
        #[serde(rename = "match")]
        m: M,
    },
    Ambiguous {
        candidates: C,
    },
    Uncertain {
        candidates: C,
    },
    NotFound,
}

impl Serialize for Resolution {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let json: ResolutionJson<&NameMatch, &[NameMatch]> = match self {
            Self::Unique(m) => ResolutionJson::Unique { m },
            Self::Ambiguous(candidates) => ResolutionJson::Ambiguous { candidates },
            Self::Uncertain(candidates) => ResolutionJson::Uncertain { candidates },
            Self::NotFound => ResolutionJson::NotFound,
        };
        json.serialize(s)
    }
}

impl<'de> Deserialize<'de> for Resolution {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(
            match ResolutionJson::<NameMatch, Vec<NameMatch>>::deserialize(d)? {
                ResolutionJson::Unique { m } => Self::Unique(m),
                ResolutionJson::Ambiguous { candidates } => Self::Ambiguous(candidates),
                ResolutionJson::Uncertain { candidates } => Self::Uncertain(candidates),
                ResolutionJson::NotFound => Self::NotFound,
            },
        )
    }
}

/// Ranges of at most this many units are scanned for near spellings; larger ones use the bigram index.
const SCAN_AT_MOST: usize = 1024;

/// 0 = provinsi … 3 = desa.
fn level_number(l: Level) -> u8 {
    match l {
        Level::Provinsi => 0,
        Level::KabKota => 1,
        Level::Kecamatan => 2,
        Level::Desa => 3,
    }
}

/// Lazily built: normalised name of every unit, and exact-name lookup.
pub(super) struct NameIndex {
    norm: Vec<Box<str>>,
    /// The length and letter histogram of each normalised name, for a cheap lower bound on the edit distance.
    histograms: Vec<LetterHistogram>,
    exact: NameTable,
    /// Every syllable abbreviation (see [`is_abbreviation`]) of the provinsi and kab/kota names.
    abbr: HashMap<Box<str>, Vec<u32>>,
    /// The provinsi and kab/kota, in list order: what a national query without a deeper level scans.
    shallow: Vec<u32>,
    /// Near-spelling and abbreviation candidates over large ranges, built on the first near-spelling search.
    grams: std::sync::OnceLock<GramIndex>,
}

/// A string's length in chars and its chars counted in 32 buckets (by code point modulo 32, saturating). The length
/// difference, and half the L1 distance between two histograms, are lower bounds on the edit distance of the strings
/// (bucket collisions only lower the second).
#[derive(Clone, Copy)]
struct LetterHistogram {
    chars: usize,
    counts: [u8; 32],
}

impl LetterHistogram {
    fn of(s: &str) -> Self {
        let mut h = Self {
            chars: 0,
            counts: [0; 32],
        };
        for c in s.chars() {
            h.chars += 1;
            let b = &mut h.counts[(c as usize) & 31];
            *b = b.saturating_add(1);
        }
        h
    }

    fn l1(&self, other: &Self) -> usize {
        self.counts
            .iter()
            .zip(&other.counts)
            .map(|(a, b)| usize::from(a.abs_diff(*b)))
            .sum()
    }
}

impl NameIndex {
    fn build(r: &Reference) -> Self {
        let mut norm = Vec::with_capacity(r.len());
        let mut histograms = Vec::with_capacity(r.len());
        let mut exact = Vec::with_capacity(r.len());
        let mut abbr: HashMap<Box<str>, Vec<u32>> = HashMap::new();
        let mut shallow = Vec::new();
        for u in r.iter() {
            // Only kab/kota names carry an administrative prefix (`Kabupaten`, `Kota`); a kecamatan or village may
            // be *named* `Kota Bangun`.
            let n = NormName::new(u.name);
            let n: Box<str> = if u.kode.level() == Level::KabKota {
                n.core.into()
            } else {
                n.full.into()
            };
            exact.push((name_hash(&n), u.index));
            if u.kode.level() <= Level::KabKota {
                shallow.push(u.index);
                for a in abbreviations(&n) {
                    let hits = abbr.entry(a.into()).or_default();
                    if hits.last() != Some(&u.index) {
                        hits.push(u.index);
                    }
                }
            }
            histograms.push(LetterHistogram::of(&n));
            norm.push(n);
        }
        exact.sort_unstable();
        Self {
            norm,
            histograms,
            exact: NameTable(exact),
            abbr,
            shallow,
            grams: std::sync::OnceLock::new(),
        }
    }
}

/// Exact-name lookup: (hash of the normalised name, unit) sorted by hash, so that it is built by one sort into one
/// allocation; a lookup checks the names of the units with that hash.
pub(super) struct NameTable(Vec<(u64, u32)>);

fn name_hash(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    s.hash(&mut h);
    h.finish()
}

impl NameTable {
    /// The units whose normalised name is `key`, in list order.
    pub(super) fn get<'a>(
        &'a self,
        key: &'a str,
        norm: &'a [Box<str>],
    ) -> impl Iterator<Item = u32> + 'a {
        let h = name_hash(key);
        let start = self.0.partition_point(|e| e.0 < h);
        self.0[start..]
            .iter()
            .take_while(move |e| e.0 == h)
            .map(|e| e.1)
            .filter(move |&i| &*norm[i as usize] == key)
    }
}

/// A normalised name: lower-case ASCII words, accents and punctuation removed, administrative prefix split off.
struct NormName {
    /// The whole normalised string.
    full: String,
    /// Without a leading administrative prefix.
    core: String,
    level: Option<Level>,
    kota: Option<KabKotaKind>,
}

const PREFIXES: &[(&str, Option<Level>, Option<KabKotaKind>)] = &[
    ("provinsi", Some(Level::Provinsi), None),
    ("prov", Some(Level::Provinsi), None),
    ("propinsi", Some(Level::Provinsi), None),
    (
        "kabupaten",
        Some(Level::KabKota),
        Some(KabKotaKind::Kabupaten),
    ),
    ("kab", Some(Level::KabKota), Some(KabKotaKind::Kabupaten)),
    (
        "kota administrasi",
        Some(Level::KabKota),
        Some(KabKotaKind::Kota),
    ),
    ("kota adm", Some(Level::KabKota), Some(KabKotaKind::Kota)),
    ("kota", Some(Level::KabKota), Some(KabKotaKind::Kota)),
    ("kecamatan", Some(Level::Kecamatan), None),
    ("kec", Some(Level::Kecamatan), None),
    ("distrik", Some(Level::Kecamatan), None),
    ("kelurahan", Some(Level::Desa), None),
    ("kel", Some(Level::Desa), None),
    ("desa", Some(Level::Desa), None),
    ("ds", Some(Level::Desa), None),
];

impl NormName {
    fn new(s: &str) -> Self {
        let mut out = String::with_capacity(s.len());
        let mut space = true;
        // ASCII text (almost every name) has nothing to decompose.
        let decomposed: Box<dyn Iterator<Item = char>> = if s.is_ascii() {
            Box::new(s.chars())
        } else {
            Box::new(s.nfkd())
        };
        for c in decomposed {
            if unicode_normalization::char::is_combining_mark(c)
                || matches!(c, '\'' | '’' | '‘' | '`')
            {
                continue;
            }
            if c.is_alphanumeric() {
                for l in c.to_lowercase() {
                    out.push(l);
                }
                space = false;
            } else if !space {
                out.push(' ');
                space = true;
            }
        }
        while out.ends_with(' ') {
            out.pop();
        }
        for &(p, level, kota) in PREFIXES {
            if let Some(rest) = out.strip_prefix(p)
                && let Some(rest) = rest.strip_prefix(' ')
            {
                return Self {
                    core: rest.to_owned(),
                    full: out.clone(),
                    level,
                    kota,
                };
            }
        }
        Self {
            core: out.clone(),
            full: out,
            level: None,
            kota: None,
        }
    }
}

/// A name as the matcher sees it: lower case, accents and apostrophes removed, runs of anything but letters and
/// digits made one space, trimmed (`"Kec.  MUARA-Muntai "` → `"kec muara muntai"`).
#[must_use]
pub fn normalise_name(s: &str) -> String {
    NormName::new(s).full
}

/// True if `abbr` (one word) is made of non-empty leading parts of each word of `name`, in order, with at least
/// two words and every part at least 2 letters: `kukar` = **ku**tai **kar**tanegara.
fn is_abbreviation(abbr: &str, name: &str) -> bool {
    fn go(abbr: &[u8], words: &[&[u8]]) -> bool {
        match words.split_first() {
            None => abbr.is_empty(),
            Some((w, rest)) => {
                let max = w.len().min(abbr.len());
                (2..=max)
                    .rev()
                    .any(|n| abbr[..n] == w[..n] && go(&abbr[n..], rest))
            }
        }
    }
    if abbr.len() < 4
        || abbr.as_bytes()[0] != name.as_bytes().first().copied().unwrap_or(0)
        || abbr.contains(' ')
    {
        return false;
    }
    let words: Vec<&[u8]> = name.split(' ').map(str::as_bytes).collect();
    words.len() >= 2 && go(abbr.as_bytes(), &words)
}

/// Every string [`is_abbreviation`] accepts for `name`: 2 or more leading letters of each word, for names of 2 to 4
/// words (at most a few hundred strings).
fn abbreviations(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split(' ').collect();
    if !(2..=4).contains(&words.len()) || words.iter().any(|w| w.len() < 2 || !w.is_ascii()) {
        return Vec::new();
    }
    let mut out = vec![String::new()];
    for w in &words {
        out = out
            .iter()
            .flat_map(|p| (2..=w.len()).map(move |n| format!("{p}{}", &w[..n])))
            .collect();
    }
    out.retain(|a| a.len() >= 4);
    out
}

#[cfg(feature = "names")]
impl Reference {
    fn name_index(&self) -> &NameIndex {
        self.index.get_or_init(|| NameIndex::build(self))
    }

    /// Ranked units inside `within` (or anywhere) whose name matches `query`, best first.
    ///
    /// Matching ignores case, accents, punctuation and administrative prefixes (`Desa`, `Kel.`, `Kec.`, `Kab.`,
    /// `Kota`…). A prefix in the query restricts the level (and `Kota`/`Kab.` the kind). Besides exact matches it
    /// finds syllable abbreviations (`Kukar` → Kutai Kartanegara) and near spellings, with lower scores.
    ///
    /// ```
    /// use kim_core::wilayah::{Kode, Reference, MatchKind};
    /// let r = Reference::embedded();
    /// let m = r.match_name("PERIAN", Some(Kode::parse("64.02.01")?));
    /// assert_eq!(m[0].kode.to_string(), "64.02.01.2001");
    /// assert_eq!(m[0].kind, MatchKind::Exact);
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn match_name(&self, query: &str, within: Option<Kode>) -> Vec<NameMatch> {
        self.match_name_at(query, within, None)
    }

    /// [`Reference::match_name`] restricted to one level.
    pub fn match_name_at(
        &self,
        query: &str,
        within: Option<Kode>,
        level: Option<Level>,
    ) -> Vec<NameMatch> {
        let q = NormName::new(query);
        // `Kota Bangun` may be a kota called Bangun or a kecamatan called Kota Bangun: try the prefix both ways.
        let mut out = self.match_core(&q.core, q.level.or(level), q.kota, within);
        if q.full != q.core {
            for m in self.match_core(&q.full, level, None, within) {
                match out.iter_mut().find(|o| o.kode == m.kode) {
                    Some(o) if o.score < m.score => *o = m,
                    Some(_) => {}
                    None => out.push(m),
                }
            }
        }
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.kode.cmp(&b.kode)));
        for m in &mut out {
            self.add_parent_names(m);
        }
        out
    }

    /// Fills in [`NameMatch::kecamatan`] and [`NameMatch::kab_kota`].
    fn add_parent_names(&self, m: &mut NameMatch) {
        let name = |level| {
            (m.kode.level() > level)
                .then(|| m.kode.ancestor(level).and_then(|a| self.get(a)))
                .flatten()
                .map(|u| u.name.to_owned())
        };
        m.kecamatan = name(Level::Kecamatan);
        m.kab_kota = name(Level::KabKota);
    }

    fn match_core(
        &self,
        core: &str,
        level: Option<Level>,
        kota: Option<KabKotaKind>,
        within: Option<Kode>,
    ) -> Vec<NameMatch> {
        self.match_core_to(core, level, kota, within, Level::Desa)
    }

    /// [`Reference::match_core`] for units no deeper than `deepest` (a broader part of a place is never a village).
    fn match_core_to(
        &self,
        core: &str,
        level: Option<Level>,
        kota: Option<KabKotaKind>,
        within: Option<Kode>,
        deepest: Level,
    ) -> Vec<NameMatch> {
        let range = self.subtree_range(within);
        let skip = usize::from(within.is_some() && !range.is_empty());
        let range = (range.start + skip)..range.end;
        if core.is_empty() || range.is_empty() {
            return Vec::new();
        }
        let idx = self.name_index();
        let accept = |i: usize| {
            let k = self.codes[i];
            k.level() <= deepest
                && level.is_none_or(|l| k.level() == l)
                && kota.is_none_or(|kota| {
                    k.kab_kota_kind() == Some(kota) && k.level() == Level::KabKota
                })
        };
        let core_hist = LetterHistogram::of(core);
        let mut out: Vec<NameMatch> = Vec::new();
        {
            for i in idx.exact.get(core, &idx.norm) {
                let i = i as usize;
                if range.contains(&i) && accept(i) {
                    out.push(self.name_match(i, MatchKind::Exact, 1.0));
                }
            }
        }
        // Abbreviations and near spellings: national queries without a deeper level look only at the provinsi and
        // kab/kota; small ranges (a kab/kota) are scanned; larger ones take the candidates of the bigram index.
        let scan_levels_deep = within.is_some() || level.is_some_and(|l| l >= Level::Kecamatan);
        let candidates: Vec<u32> = if !scan_levels_deep {
            grams::within(&idx.shallow, &range).to_vec()
        } else if range.len() <= SCAN_AT_MOST {
            #[allow(clippy::cast_possible_truncation)] // see Reference::build
            range.clone().map(|i| i as u32).collect()
        } else {
            let all = [
                Level::Provinsi,
                Level::KabKota,
                Level::Kecamatan,
                Level::Desa,
            ];
            let levels: Vec<u8> = all
                .iter()
                .filter(|l| **l <= deepest && level.is_none_or(|x| x == **l))
                .map(|&l| level_number(l))
                .collect();
            idx.grams
                .get_or_init(|| {
                    let levels: Vec<u8> =
                        self.codes.iter().map(|k| level_number(k.level())).collect();
                    GramIndex::build(&idx.norm, &levels)
                })
                .candidates(core, &range, &levels)
        };
        for i in candidates {
            let i = i as usize;
            if !accept(i) {
                continue;
            }
            let cand = &idx.norm[i];
            if cand.as_ref() == core {
                continue;
            }
            if is_abbreviation(core, cand) {
                out.push(self.name_match(i, MatchKind::Abbreviation, 0.9));
                continue;
            }
            // Similarity >= 0.8 allows an edit distance of at most a fifth of the longer length; the distance is at
            // least the length difference and half the histogram distance, so most candidates stop here, before
            // the quadratic edit distance.
            let cand_hist = &idx.histograms[i];
            let max_dist = core_hist.chars.max(cand_hist.chars) / 5;
            if core_hist.chars.abs_diff(cand_hist.chars) > max_dist
                || core_hist.l1(cand_hist) > 2 * max_dist
            {
                continue;
            }
            let sim = strsim::normalized_levenshtein(core, cand);
            if sim >= 0.8 {
                out.push(self.name_match(i, MatchKind::Fuzzy, sim * 0.85));
            }
        }
        out
    }

    fn name_match(&self, i: usize, kind: MatchKind, score: f64) -> NameMatch {
        let u = self.unit_at(i);
        NameMatch {
            kode: u.kode,
            name: u.name.to_owned(),
            kind,
            score,
            kecamatan: None,
            kab_kota: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_edit_distance_prefilter_never_drops_a_near_spelling() {
        // Every 97th village, misspelt by a substitution (and a deletion and an insertion when long enough): the
        // bigram-index candidates of its province (a range too large to scan), checked, find exactly the villages a
        // plain scan with the same threshold finds.
        let r = Reference::embedded();
        let idx = r.name_index();
        let mut compared = 0;
        for (i, name) in idx.norm.iter().enumerate().step_by(97) {
            if r.codes[i].level() != Level::Desa || name.len() < 5 {
                continue;
            }
            let within = r.codes[i].ancestor(Level::Provinsi);
            let mut q: Vec<u8> = name.as_bytes().to_vec();
            q[1] = b'x';
            if q.len() >= 10 {
                q.remove(3);
            }
            if q.len() >= 15 {
                q.push(b'a');
            }
            let q = String::from_utf8(q).unwrap();
            let found: HashSet<usize> = r
                .match_core(&q, Some(Level::Desa), None, within)
                .iter()
                .filter(|m| m.kind == MatchKind::Fuzzy)
                .map(|m| r.position(m.kode).unwrap())
                .collect();
            let range = r.subtree_range(within);
            let plain: HashSet<usize> = range
                .filter(|&j| r.codes[j].level() == Level::Desa && *idx.norm[j] != *q)
                .filter(|&j| !is_abbreviation(&q, &idx.norm[j]))
                .filter(|&j| strsim::normalized_levenshtein(&q, &idx.norm[j]) >= 0.8)
                .collect();
            assert_eq!(found, plain, "{q}");
            assert!(found.contains(&i), "{q} finds {name}");
            compared += 1;
        }
        assert!(compared > 500, "{compared}");
    }

    #[test]
    fn resolutions_have_one_json_shape_each_and_read_back() {
        let m = NameMatch {
            kode: Kode::parse("64.02.01.2001").unwrap(),
            name: "Perian".into(),
            kind: MatchKind::Exact,
            score: 1.0,
            kecamatan: Some("Muara Muntai".into()),
            kab_kota: Some("Kabupaten Kutai Kartanegara".into()),
        };
        let m_json = r#"{"code":"64.02.01.2001","name":"Perian","kind":"exact","score":1.0,"kecamatan":"Muara Muntai","kab_kota":"Kabupaten Kutai Kartanegara"}"#;
        for (r, json) in [
            (
                Resolution::Unique(m.clone()),
                format!(r#"{{"resolution":"unique","match":{m_json}}}"#),
            ),
            (
                Resolution::Ambiguous(vec![m.clone(), m.clone()]),
                format!(r#"{{"resolution":"ambiguous","candidates":[{m_json},{m_json}]}}"#),
            ),
            (
                Resolution::Uncertain(vec![m]),
                format!(r#"{{"resolution":"uncertain","candidates":[{m_json}]}}"#),
            ),
            (
                Resolution::NotFound,
                r#"{"resolution":"not_found"}"#.to_owned(),
            ),
        ] {
            assert_eq!(serde_json::to_string(&r).unwrap(), json);
            assert_eq!(serde_json::from_str::<Resolution>(&json).unwrap(), r);
        }
    }

    #[test]
    fn abbreviations() {
        assert!(is_abbreviation("kukar", "kutai kartanegara"));
        assert!(is_abbreviation("kubar", "kutai barat"));
        assert!(is_abbreviation("jaksel", "jakarta selatan"));
        assert!(!is_abbreviation("kukar", "kutai barat"));
        assert!(!is_abbreviation("kutai", "kutai"));
    }

    #[test]
    fn normalises_names() {
        let n = NormName::new("  Kec.  MUARA-Muntai ");
        assert_eq!(
            (n.core.as_str(), n.level),
            ("muara muntai", Some(Level::Kecamatan))
        );
        assert_eq!(NormName::new("Regapu’u").core, "regapuu");
        assert_eq!(
            NormName::new("Kota Adm. Jakarta Selatan").core,
            "jakarta selatan"
        );
        assert_eq!(NormName::new("Désa Perián").core, "perian");
    }
}
