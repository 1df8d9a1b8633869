//! Differences between two code lists: added, removed, renamed and re-keyed units (docs/domain.md §6).
//!
//! A **re-keyed** unit is the same unit under a new code (the 2022 Papua provinces moved whole kabupaten, with
//! their kecamatan and villages, to new codes). It is detected level by level, broadest first, from a removed
//! code and an added code at the same level with the same normalised name, and scored by where its parent went:
//!
//! | confidence | evidence |
//! | --- | --- |
//! | 1.0 | same name, and the new parent is the old parent (or where the old parent was re-keyed to) |
//! | 0.9 | same name, and the new parent is a new unit, or the old parent is gone (a unit moved into a new province, or back out of one) |
//! | 0.6 | same name, the only candidate, under another existing parent |
//!
//! When several added units could be the removed one (or one added unit could be several removed ones), nothing
//! is chosen: the removed unit is reported as [`Change::Ambiguous`] with every candidate. A unit re-keyed *and*
//! renamed at once is not recognised: it shows as removed plus added.

use std::collections::HashMap;

use serde::Serialize;

use super::names::normalise_name;
use super::{Kode, Level, Reference};

/// What happened to one unit between two lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Change {
    /// Only in the newer list.
    Added,
    /// Only in the older list, and no unit of the newer list is it.
    Removed,
    /// Same code, another name.
    Renamed,
    /// Same unit (name and parent), new code.
    Rekeyed,
    /// Removed, but several units of the newer list could be it: see the candidates.
    Ambiguous,
}

impl Change {
    /// The snake_case name.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Added => "added",
            Self::Removed => "removed",
            Self::Renamed => "renamed",
            Self::Rekeyed => "rekeyed",
            Self::Ambiguous => "ambiguous",
        }
    }
}

/// One row of a [`CodeListDiff`]: flat, so that it is a table row (Python DataFrame, C ABI JSON).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct DiffRow {
    /// What happened.
    pub change: Change,
    /// The unit's level.
    pub level: Level,
    /// Its code in the older list (`None` when added).
    pub old_code: Option<Kode>,
    /// Its name in the older list.
    pub old_name: Option<String>,
    /// Its code in the newer list (`None` when removed or ambiguous).
    pub new_code: Option<Kode>,
    /// Its name in the newer list.
    pub new_name: Option<String>,
    /// For `rekeyed`: 1.0, 0.9 or 0.6 (see the module docs); `None` otherwise.
    pub confidence: Option<f64>,
    /// For `ambiguous`: the codes of the newer list it could be.
    pub candidates: Vec<Kode>,
}

/// The differences from one list to another, ordered by level, then old code (or new code for added units).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct CodeListDiff {
    /// The older list's version.
    pub from_version: String,
    /// The newer list's version.
    pub to_version: String,
    /// One row per changed unit; unchanged units are not listed.
    pub rows: Vec<DiffRow>,
}

impl CodeListDiff {
    /// Rows with this change.
    ///
    /// ```
    /// use kim_core::wilayah::{Change, Kode, Reference, diff};
    /// // Two made-up versions of one kecamatan: a village renamed, one removed, one added.
    /// let old = Reference::from_tsv("#version\tcontoh-lama\n64\tKalimantan Timur\n\
    ///     64.02\tKabupaten Kutai Kartanegara\n64.02.01\tMuara Muntai\n64.02.01.2001\tPerian\n\
    ///     64.02.01.2002\tMuara Leka\n64.02.01.2003\tMuara Aloh\n")?;
    /// let new = Reference::from_tsv("#version\tcontoh-baru\n64\tKalimantan Timur\n\
    ///     64.02\tKabupaten Kutai Kartanegara\n64.02.01\tMuara Muntai\n64.02.01.2001\tPerian\n\
    ///     64.02.01.2002\tMuara Leka Ilir\n64.02.01.2005\tDesa Contoh\n")?;
    /// let d = diff(&old, &new);
    /// let renamed: Vec<_> = d.of(Change::Renamed).map(|r| (r.old_name.as_deref(), r.new_name.as_deref())).collect();
    /// assert_eq!(renamed, [(Some("Muara Leka"), Some("Muara Leka Ilir"))]);
    /// assert_eq!(d.of(Change::Removed).next().unwrap().old_code, Some(Kode::parse("64.02.01.2003")?));
    /// assert_eq!((d.count(Change::Added), d.count(Change::Rekeyed)), (1, 0));
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn of(&self, change: Change) -> impl Iterator<Item = &DiffRow> + '_ {
        self.rows.iter().filter(move |r| r.change == change)
    }

    /// Number of rows with this change.
    #[must_use]
    pub fn count(&self, change: Change) -> usize {
        self.of(change).count()
    }
}

/// The differences from `from` to `to` (usually older to newer, but any two lists work).
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use kim_core::wilayah::{diff, Change, Kode, Reference};
/// let d = diff(Reference::version_id("kepmendagri-100.1.1-6117-2022")?, Reference::embedded());
/// let old = Some(Kode::parse("92.01")?);
/// let sorong = d.rows.iter().find(|r| r.old_code == old).unwrap();
/// assert_eq!((sorong.change, sorong.new_code), (Change::Rekeyed, Some(Kode::parse("96.01")?)));
/// # }
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn diff(from: &Reference, to: &Reference) -> CodeListDiff {
    let (mut rows, removed) = renamed_and_removed(from, to);
    let added: Vec<usize> = (0..to.len())
        .filter(|&i| !from.contains(to.kode_at(i)))
        .collect();
    // Where each old code went: itself when kept, its new code when re-keyed.
    let mut moved: HashMap<Kode, Kode> = HashMap::new();
    let mut taken = vec![false; added.len()];
    let mut by_name: HashMap<(Level, String), Vec<usize>> = HashMap::new();
    for (j, &i) in added.iter().enumerate() {
        let u = to.unit_at(i);
        by_name
            .entry((u.kode.level(), normalise_name(u.name)))
            .or_default()
            .push(j);
    }
    // Claims of each added unit by removed units, per level, to refuse one added unit for two removed ones.
    for level in Level::ALL {
        let mut proposals: Vec<(usize, Vec<(usize, f64)>)> = Vec::new();
        for &i in &removed {
            let u = from.unit_at(i);
            if u.kode.level() != level {
                continue;
            }
            let candidates = by_name
                .get(&(level, normalise_name(u.name)))
                .map_or(&[][..], Vec::as_slice);
            let old_parent = u.kode.parent();
            let parent_now =
                old_parent.and_then(|p| moved.get(&p).copied().or(to.contains(p).then_some(p)));
            let scored: Vec<(usize, f64)> = candidates
                .iter()
                .filter(|&&j| !taken[j])
                .map(|&j| {
                    let new_parent = to.kode_at(added[j]).parent();
                    let score = if new_parent == parent_now {
                        1.0
                    } else if new_parent.is_some_and(|p| !from.contains(p))
                        || (old_parent.is_some() && parent_now.is_none())
                    {
                        0.9
                    } else {
                        0.6
                    };
                    (j, score)
                })
                .collect();
            proposals.push((i, scored));
        }
        let mut claims: HashMap<usize, usize> = HashMap::new();
        for (_, scored) in &proposals {
            if let Some(j) = best(scored) {
                *claims.entry(j).or_default() += 1;
            }
        }
        for (i, scored) in proposals {
            let u = from.unit_at(i);
            let row = |change, new: Option<Kode>, confidence, candidates| DiffRow {
                change,
                level,
                old_code: Some(u.kode),
                old_name: Some(u.name.to_owned()),
                new_code: new,
                new_name: new.and_then(|k| to.get(k)).map(|v| v.name.to_owned()),
                confidence,
                candidates,
            };
            match best(&scored) {
                Some(j) if claims[&j] == 1 => {
                    let new = to.kode_at(added[j]);
                    taken[j] = true;
                    moved.insert(u.kode, new);
                    let score = scored.iter().find(|s| s.0 == j).map(|s| s.1);
                    rows.push(row(Change::Rekeyed, Some(new), score, Vec::new()));
                }
                _ if scored.is_empty() => rows.push(row(Change::Removed, None, None, Vec::new())),
                _ => {
                    let candidates = scored.iter().map(|s| to.kode_at(added[s.0])).collect();
                    rows.push(row(Change::Ambiguous, None, None, candidates));
                }
            }
        }
    }
    rows.extend(added_rows(to, &added, &taken));
    rows.sort_by_key(|r| (r.level, r.old_code.or(r.new_code), r.change));
    CodeListDiff {
        from_version: from.version().to_owned(),
        to_version: to.version().to_owned(),
        rows,
    }
}

/// Rows for the codes kept under another name, and the positions in `from` of the codes `to` does not have.
fn renamed_and_removed(from: &Reference, to: &Reference) -> (Vec<DiffRow>, Vec<usize>) {
    let mut rows = Vec::new();
    let mut removed: Vec<usize> = Vec::new();
    for (i, u) in from.iter().enumerate() {
        match to.get(u.kode) {
            None => removed.push(i),
            Some(v) if v.name != u.name => rows.push(DiffRow {
                change: Change::Renamed,
                level: u.kode.level(),
                old_code: Some(u.kode),
                old_name: Some(u.name.to_owned()),
                new_code: Some(u.kode),
                new_name: Some(v.name.to_owned()),
                confidence: None,
                candidates: Vec::new(),
            }),
            Some(_) => {}
        }
    }
    (rows, removed)
}

/// Rows for the added units no removed unit claimed.
fn added_rows<'a>(
    to: &'a Reference,
    added: &'a [usize],
    taken: &'a [bool],
) -> impl Iterator<Item = DiffRow> + 'a {
    added
        .iter()
        .zip(taken)
        .filter(|(_, t)| !**t)
        .map(|(&i, _)| {
            let u = to.unit_at(i);
            DiffRow {
                change: Change::Added,
                level: u.kode.level(),
                old_code: None,
                old_name: None,
                new_code: Some(u.kode),
                new_name: Some(u.name.to_owned()),
                confidence: None,
                candidates: Vec::new(),
            }
        })
}

/// The single best candidate: the only one, or the only one with confidence 1.0.
fn best(scored: &[(usize, f64)]) -> Option<usize> {
    if let [(j, _)] = scored {
        return Some(*j);
    }
    let mut top = scored.iter().filter(|s| s.1 >= 1.0);
    match (top.next(), top.next()) {
        (Some(s), None) => Some(s.0),
        _ => None,
    }
}
