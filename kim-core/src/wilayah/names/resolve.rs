//! Resolving places given as free text (`Kel. Loa Ipuh Tenggarong`, `Desa Perian, Kec. Muara Muntai, Kukar`) or as
//! the three fields of a legacy row (desa, kecamatan, kab/kota).
//!
//! Two stages. The **exact stage** splits the words into parts in every way the hierarchy allows (commas and
//! prefix words such as `Kec.` are boundaries; a name may also end inside a comma-less run of words), looks every
//! part up in the exact-name and abbreviation tables, and keeps the chains in which each part lies inside the
//! previous, broader one. Nothing is cut to a top-N list, so a kab/kota name that many villages share cannot push
//! the answer out. Only when no chain is found does the **near-spelling stage** run: a beam over the parts with
//! [`Reference::match_name_at`]-style fuzzy matching, whose candidates are only ever *uncertain*. It tries the parts
//! the commas and prefix words give, then splits inside them (one extra part, then two), keeping the first that
//! gives any candidate. Near spellings over a province or the country come from a bigram index (`grams.rs`),
//! built on the first such search; a kab/kota or smaller is scanned.

use std::collections::HashMap;

use super::{MatchKind, NormName, Resolution};
use crate::wilayah::{Kode, Level, Reference, VillageKind};

/// Words that begin a part (an administrative prefix). `kota` is not among them: `Kota Bangun` is a name.
const PREFIX_WORDS: &[&str] = &[
    "provinsi",
    "prov",
    "propinsi",
    "kabupaten",
    "kab",
    "kecamatan",
    "kec",
    "distrik",
    "kelurahan",
    "kel",
    "desa",
    "ds",
];

/// A name spans at most this many words (prefix included).
const MAX_SPAN: usize = 7;
/// The near-spelling stage splits a comma-less run of words into at most this many more parts.
const MAX_EXTRA_SPLITS: usize = 2;
/// A place has at most this many parts (desa, kecamatan, kab/kota, provinsi).
const MAX_PARTS: usize = 4;

/// The outcome of [`Reference::resolve_fields`]: the resolution, and the field it is about: the field that failed
/// for `NotFound`, the broadest field matched only by a near spelling for `Uncertain`, `desa` otherwise.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct FieldsResolution {
    /// The resolution of the village.
    pub resolution: Resolution,
    /// `"desa"`, `"kecamatan"` or `"kab_kota"`.
    pub field: &'static str,
}

/// One unit a part's text names.
#[derive(Debug, Clone, Copy)]
struct Hit {
    index: u32,
    score: f64,
    kind: MatchKind,
}

/// A part's hits, and the village kind its prefix names (`Kel.` → kelurahan, `Desa`/`Ds.` → desa).
#[derive(Debug, Default)]
struct Hits {
    hits: Vec<Hit>,
    village_kind: Option<VillageKind>,
}

/// The words of a free-text place, and where a part must start (after a comma or semicolon, or at a prefix word).
struct Words {
    words: Vec<String>,
    /// `hard[i]`: a part starts at word i. `hard[0]` is true.
    hard: Vec<bool>,
}

impl Words {
    /// Every split of the words from `start` into at most [`MAX_PARTS`] parts that starts a part at every comma
    /// and prefix word, with the number of parts it starts elsewhere (at most [`MAX_EXTRA_SPLITS`]).
    fn splits(
        &self,
        start: usize,
        stack: &mut Vec<(usize, usize)>,
        out: &mut Vec<(usize, Vec<(usize, usize)>)>,
    ) {
        let n = self.words.len();
        if start == n {
            let extra = stack
                .iter()
                .filter(|&&(_, end)| end < n && !self.hard[end])
                .count();
            if extra <= MAX_EXTRA_SPLITS {
                out.push((extra, stack.clone()));
            }
            return;
        }
        if stack.len() == MAX_PARTS {
            return;
        }
        for end in start + 1..=n {
            if end - 1 > start && self.hard[end - 1] {
                break;
            }
            stack.push((start, end));
            self.splits(end, stack, out);
            stack.pop();
        }
    }

    fn new(text: &str) -> Self {
        let mut words = Vec::new();
        let mut hard = Vec::new();
        let mut boundary = true;
        for segment in text.split([',', ';']) {
            let n = NormName::new(segment);
            for w in n.full.split(' ').filter(|w| !w.is_empty()) {
                hard.push(boundary || PREFIX_WORDS.contains(&w));
                words.push(w.to_owned());
                boundary = false;
            }
            boundary = true;
        }
        Self { words, hard }
    }
}

/// A candidate village (or unit) from one reading of the text, with the product of its parts' scores.
#[derive(Debug, Clone, Copy)]
struct Final {
    index: u32,
    score: f64,
    kind: MatchKind,
    certain: bool,
}

impl Reference {
    /// The units that the words `text` name exactly or as an abbreviation, honouring a prefix.
    fn exact_hits(&self, text: &str) -> Hits {
        let q = NormName::new(text);
        let idx = self.name_index();
        let mut out = Hits {
            hits: Vec::new(),
            village_kind: match q.full.split(' ').next() {
                Some("kel" | "kelurahan") => Some(VillageKind::Kelurahan),
                Some("desa" | "ds") => Some(VillageKind::Desa),
                _ => None,
            },
        };
        let accept = |i: u32, level: Option<Level>, kota: Option<crate::wilayah::KabKotaKind>| {
            let k = self.codes[i as usize];
            level.is_none_or(|l| k.level() == l)
                && kota.is_none_or(|kota| {
                    k.kab_kota_kind() == Some(kota) && k.level() == Level::KabKota
                })
        };
        let mut push = |table: &[u32], level, kota, score, kind| {
            for &i in table {
                if accept(i, level, kota) && !out.hits.iter().any(|h| h.index == i) {
                    out.hits.push(Hit {
                        index: i,
                        score,
                        kind,
                    });
                }
            }
        };
        if !q.core.is_empty() {
            let hits: Vec<u32> = idx.exact.get(&q.core, &idx.norm).collect();
            push(&hits, q.level, q.kota, 1.0, MatchKind::Exact);
        }
        if q.full != q.core {
            // `Kota Bangun`, `Desa Baru`: the prefix word may be part of the name.
            let hits: Vec<u32> = idx.exact.get(&q.full, &idx.norm).collect();
            push(&hits, None, None, 1.0, MatchKind::Exact);
        }
        if !q.core.is_empty() && !q.core.contains(' ') {
            push(
                idx.abbr.get(q.core.as_str()).map_or(&[][..], Vec::as_slice),
                q.level,
                q.kota,
                0.9,
                MatchKind::Abbreviation,
            );
        }
        out
    }

    /// The units at the end of chains through `parts` (broadest first), each inside the previous one, or the index
    /// of the first part where every chain ends. `levels[i]` fixes the level of part i.
    fn chain(&self, parts: &[&Hits], levels: &[Option<Level>]) -> Result<Vec<Final>, usize> {
        let mut alive: Vec<(Kode, f64)> = Vec::new();
        let n = parts.len();
        let mut finals = Vec::new();
        for (pi, part) in parts.iter().enumerate() {
            let last = pi + 1 == n;
            let level = levels[pi].or((last && n >= 3).then_some(Level::Desa));
            let mut next = Vec::new();
            for h in &part.hits {
                let k = self.codes[h.index as usize];
                if level.is_some_and(|l| k.level() != l) || (!last && k.level() == Level::Desa) {
                    continue;
                }
                let best = if pi == 0 {
                    Some(1.0)
                } else {
                    alive
                        .iter()
                        .filter(|(s, _)| s.level() < k.level() && s.contains(k))
                        .map(|a| a.1)
                        .max_by(f64::total_cmp)
                };
                if let Some(b) = best {
                    if last {
                        finals.push(Final {
                            index: h.index,
                            score: b * h.score,
                            kind: h.kind,
                            certain: true,
                        });
                    } else {
                        next.push((k, b * h.score));
                    }
                }
            }
            if last {
                if finals.is_empty() {
                    return Err(pi);
                }
                // The prefix decides between a kelurahan and a desa of the same name, when both are there.
                if let Some(kind) = part.village_kind
                    && finals
                        .iter()
                        .any(|f| self.codes[f.index as usize].village_kind() == Some(kind))
                {
                    finals.retain(|f| {
                        let k = self.codes[f.index as usize];
                        k.level() != Level::Desa || k.village_kind() == Some(kind)
                    });
                }
            } else if next.is_empty() {
                return Err(pi);
            }
            alive = next;
        }
        Ok(finals)
    }

    /// Resolves a free-text place such as `"Desa Perian, Kec. Muara Muntai, Kukar"`, in either order (narrow →
    /// broad or broad → narrow), with or without commas (`"Kel. Loa Ipuh Tenggarong"`), with prefixes or without.
    /// Names that contain `/` or `,` (`Tiro/Truseb`) are found too.
    ///
    /// The result is unique only when every part matched exactly or as an abbreviation and every reading of the
    /// text that fits the hierarchy names the same unit; several units are ambiguous; candidates found only
    /// through near spellings are uncertain. Nothing is ever guessed silently.
    ///
    /// ```
    /// use kim_core::wilayah::{Reference, Resolution};
    /// let r = Reference::embedded();
    /// match r.resolve_place("Desa Perian, Kec. Muara Muntai, Kukar") {
    ///     Resolution::Unique(m) => {
    ///         assert_eq!(m.kode.to_string(), "64.02.01.2001");
    ///         assert_eq!(m.kecamatan.as_deref(), Some("Muara Muntai"));
    ///     }
    ///     other => panic!("{other:?}"),
    /// }
    /// assert!(matches!(r.resolve_place("Kel. Loa Ipuh Tenggarong"), Resolution::Unique(m) if m.name == "Loa Ipuh"));
    /// ```
    pub fn resolve_place(&self, text: &str) -> Resolution {
        let w = Words::new(text);
        if w.words.is_empty() {
            return Resolution::NotFound;
        }
        let finals = self.readings(&w, false).or_else(|| self.readings(&w, true));
        if let Some(f) = finals {
            return self.decide(f);
        }
        // Near spellings, on the parts the commas and prefixes give, else on the fewest extra splits inside them
        // (`Kel. Loa Ipu Tenggarong`) that give any candidate.
        let mut splits: Vec<(usize, Vec<(usize, usize)>)> = Vec::new();
        w.splits(0, &mut Vec::new(), &mut splits);
        splits.sort_by_key(|s| s.0);
        let mut finals = Vec::new();
        for extra in 0..=MAX_EXTRA_SPLITS {
            for (_, split) in splits.iter().filter(|s| s.0 == extra) {
                let parts: Vec<String> = split
                    .iter()
                    .map(|&(a, b)| w.words[a..b].join(" "))
                    .collect();
                for reverse in [true, false] {
                    let mut ordered: Vec<&str> = parts.iter().map(String::as_str).collect();
                    if reverse {
                        ordered.reverse();
                    }
                    if let Ok(f) = self.fuzzy_chain(&ordered, &vec![None; ordered.len()]) {
                        finals.extend(f);
                    }
                    if parts.len() == 1 {
                        break;
                    }
                }
            }
            if !finals.is_empty() {
                break;
            }
        }
        self.decide(finals)
    }

    /// The chains of every way to split the words into parts (both orders), with the fewest extra splits that give
    /// any chain, and one more. `merge`: commas and prefix words need not start a part.
    fn readings(&self, w: &Words, merge: bool) -> Option<Vec<Final>> {
        let mut span_hits: HashMap<(usize, usize), Hits> = HashMap::new();
        let mut all: Vec<(usize, Vec<Final>)> = Vec::new();
        let mut stack: Vec<(usize, usize)> = Vec::new();
        self.split(w, merge, 0, &mut stack, &mut span_hits, &mut all);
        let min = all.iter().map(|a| a.0).min()?;
        let keep = min.max(1);
        Some(
            all.into_iter()
                .filter(|a| a.0 <= keep)
                .flat_map(|a| a.1)
                .collect(),
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn split(
        &self,
        w: &Words,
        merge: bool,
        start: usize,
        stack: &mut Vec<(usize, usize)>,
        span_hits: &mut HashMap<(usize, usize), Hits>,
        all: &mut Vec<(usize, Vec<Final>)>,
    ) {
        let n = w.words.len();
        if start == n {
            let extra = stack
                .iter()
                .filter(|&&(_, end)| end < n && !w.hard[end])
                .count();
            let parts: Vec<&Hits> = stack.iter().map(|s| &span_hits[s]).collect();
            for reverse in [true, false] {
                let mut ordered = parts.clone();
                if reverse {
                    ordered.reverse();
                }
                if let Ok(f) = self.chain(&ordered, &vec![None; ordered.len()]) {
                    all.push((extra, f));
                }
                if parts.len() == 1 {
                    break;
                }
            }
            return;
        }
        if stack.len() == MAX_PARTS {
            return;
        }
        for end in start + 1..=n.min(start + MAX_SPAN) {
            if !merge && end - 1 > start && w.hard[end - 1] {
                break;
            }
            let hits = span_hits
                .entry((start, end))
                .or_insert_with(|| self.exact_hits(&w.words[start..end].join(" ")));
            if hits.hits.is_empty() {
                continue;
            }
            stack.push((start, end));
            self.split(w, merge, end, stack, span_hits, all);
            stack.pop();
        }
    }

    /// Near-spelling beam over parts given broadest first: every part may match exactly, as an abbreviation or as a
    /// near spelling inside the candidates of the broader parts (the 16 best when only near spellings matched).
    fn fuzzy_chain(&self, parts: &[&str], levels: &[Option<Level>]) -> Result<Vec<Final>, usize> {
        let mut beams: Vec<(Option<Kode>, f64, bool)> = vec![(None, 1.0, true)];
        let count = parts.len();
        let mut finals = Vec::new();
        for (pi, part) in parts.iter().enumerate() {
            let last = pi + 1 == count;
            let query = NormName::new(part);
            let level = if query.level.is_some() {
                None
            } else {
                levels[pi].or((last && count >= 3).then_some(Level::Desa))
            };
            let mut next = Vec::new();
            for &(scope, score, certain) in &beams {
                // A broader part is never a village: do not look for one.
                let deepest = if last { Level::Desa } else { Level::Kecamatan };
                let mut ms = self.match_core_to(
                    &query.core,
                    query.level.or(level),
                    query.kota,
                    scope,
                    deepest,
                );
                if query.full != query.core {
                    ms.extend(self.match_core_to(&query.full, level, None, scope, deepest));
                }
                for m in ms {
                    let kode = m.kode;
                    if scope.is_some_and(|s| kode.level() <= s.level())
                        || (!last && kode.level() == Level::Desa)
                        || levels[pi].is_some_and(|l| kode.level() != l)
                    {
                        continue;
                    }
                    let c = certain && m.kind != MatchKind::Fuzzy;
                    let index = self.position(kode).expect("a match is in the list");
                    #[allow(clippy::cast_possible_truncation)] // see Reference::build
                    let f = Final {
                        index: index as u32,
                        score: score * m.score,
                        kind: m.kind,
                        certain: c,
                    };
                    if last {
                        finals.push(f);
                    } else {
                        next.push((Some(kode), f.score, c));
                    }
                }
            }
            if last {
                break;
            }
            if next.is_empty() {
                return Err(pi);
            }
            next.sort_by(|a, b| b.2.cmp(&a.2).then(b.1.total_cmp(&a.1)));
            let certain = next.iter().filter(|b| b.2).count();
            next.truncate(certain.max(16));
            beams = next;
        }
        if finals.is_empty() {
            Err(count - 1)
        } else {
            Ok(finals)
        }
    }

    /// Unique, ambiguous, uncertain or not found, from the candidates of every reading.
    fn decide(&self, mut finals: Vec<Final>) -> Resolution {
        finals.sort_by(|a, b| {
            b.certain
                .cmp(&a.certain)
                .then(b.score.total_cmp(&a.score))
                .then(
                    self.codes[a.index as usize]
                        .level()
                        .cmp(&self.codes[b.index as usize].level()),
                )
                .then(a.index.cmp(&b.index))
        });
        let mut seen = std::collections::HashSet::new();
        finals.retain(|f| seen.insert(f.index));
        let to_match = |f: &Final| {
            let mut m = self.name_match(f.index as usize, f.kind, f.score);
            self.add_parent_names(&mut m);
            m
        };
        let certain = finals.iter().filter(|f| f.certain).count();
        match (finals.first(), certain) {
            (None, _) => Resolution::NotFound,
            (Some(f), 1) => Resolution::Unique(to_match(f)),
            (Some(f), 0) => {
                let _ = f;
                Resolution::Uncertain(finals.iter().take(10).map(to_match).collect())
            }
            (Some(f), _) if f.kind == MatchKind::Exact && f.score > finals[1].score + 1e-9 => {
                // A unique exact winner; weaker readings (abbreviations) do not block it.
                Resolution::Unique(to_match(f))
            }
            _ => Resolution::Ambiguous(
                finals
                    .iter()
                    .filter(|f| f.certain)
                    .take(10)
                    .map(to_match)
                    .collect(),
            ),
        }
    }

    /// Resolves names given broadest first, e.g. `["Kutai Kartanegara", "Muara Muntai", "Perian"]`, each part one
    /// name (with or without its prefix). Empty parts are skipped. The narrowest of three parts is a village. See
    /// [`Reference::resolve_place`].
    pub fn resolve_parts(&self, broad_to_narrow: &[&str]) -> Resolution {
        let parts: Vec<&str> = broad_to_narrow
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        let levels = vec![None; parts.len()];
        self.resolve_fixed(&parts, &levels).0
    }

    /// Resolves the village of a legacy row given as its `desa`, `kecamatan` and `kab_kota` fields (the last two
    /// optional; blank fields count as absent), and names the field that failed.
    ///
    /// ```
    /// use kim_core::wilayah::{Reference, Resolution};
    /// let r = Reference::embedded();
    /// let ok = r.resolve_fields("Desa Perian", Some("Muara Muntai"), Some("Kukar"));
    /// assert!(matches!(ok.resolution, Resolution::Unique(m) if m.kode.to_string() == "64.02.01.2001"));
    /// let bad = r.resolve_fields("Perian", Some("Muara Muntai"), Some("Kutai Atlantis"));
    /// assert_eq!((bad.resolution, bad.field), (Resolution::NotFound, "kab_kota"));
    /// ```
    pub fn resolve_fields(
        &self,
        desa: &str,
        kecamatan: Option<&str>,
        kab_kota: Option<&str>,
    ) -> FieldsResolution {
        let mut parts = Vec::new();
        let mut levels = Vec::new();
        let mut fields = Vec::new();
        for (text, level, field) in [
            (kab_kota, Level::KabKota, "kab_kota"),
            (kecamatan, Level::Kecamatan, "kecamatan"),
            (Some(desa), Level::Desa, "desa"),
        ] {
            if let Some(t) = text.map(str::trim).filter(|t| !t.is_empty()) {
                parts.push(t);
                levels.push(Some(level));
                fields.push(field);
            }
        }
        if parts.is_empty() {
            return FieldsResolution {
                resolution: Resolution::NotFound,
                field: "desa",
            };
        }
        let (resolution, failed) = self.resolve_fixed(&parts, &levels);
        let field = match (&resolution, failed) {
            (Resolution::NotFound | Resolution::Uncertain(_), Some(i)) => fields[i],
            _ => "desa",
        };
        FieldsResolution { resolution, field }
    }

    /// Parts whose boundaries are known: the exact chain, else the near-spelling beam. Also gives the first part
    /// where the exact chain failed.
    fn resolve_fixed(
        &self,
        parts: &[&str],
        levels: &[Option<Level>],
    ) -> (Resolution, Option<usize>) {
        if parts.is_empty() {
            return (Resolution::NotFound, None);
        }
        let hits: Vec<Hits> = parts.iter().map(|p| self.exact_hits(p)).collect();
        let refs: Vec<&Hits> = hits.iter().collect();
        let failed = match self.chain(&refs, levels) {
            Ok(f) => return (self.decide(f), None),
            Err(i) => i,
        };
        match self.fuzzy_chain(parts, levels) {
            Ok(f) => (self.decide(f), Some(failed)),
            Err(i) => (Resolution::NotFound, Some(i.min(failed))),
        }
    }
}
