//! [`Reference`]: a code list (embedded or loaded from CSV), with its [`Unit`]s and [`Counts`].

use crate::error::ArgumentProblem;
use std::fmt;
#[cfg(feature = "csv")]
use std::io::Read;
use std::sync::OnceLock;

use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};

use super::names::NameIndex;
use super::positions::{PositionTable, subtree_ends};
use super::{KabKotaKind, Kode, Level, VillageKind};
use crate::error::{Error, Result, RowError};

/// Unit counts by level and village kind. In JSON it also carries `villages`, the total of the three village kinds
/// (read back, that field is ignored: it is derived).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[non_exhaustive]
pub struct Counts {
    /// Provinces.
    pub provinsi: u32,
    /// Regencies (`KK` 01–69).
    pub kabupaten: u32,
    /// Cities (`KK` 71–99).
    pub kota: u32,
    /// Districts.
    pub kecamatan: u32,
    /// Kelurahan (`1NNN`).
    pub kelurahan: u32,
    /// Desa (`2NNN`).
    pub desa: u32,
    /// Desa adat (`3NNN`).
    pub desa_adat: u32,
}

impl Serialize for Counts {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Counts", 8)?;
        st.serialize_field("provinsi", &self.provinsi)?;
        st.serialize_field("kabupaten", &self.kabupaten)?;
        st.serialize_field("kota", &self.kota)?;
        st.serialize_field("kecamatan", &self.kecamatan)?;
        st.serialize_field("kelurahan", &self.kelurahan)?;
        st.serialize_field("desa", &self.desa)?;
        st.serialize_field("desa_adat", &self.desa_adat)?;
        st.serialize_field("villages", &self.villages())?;
        st.end()
    }
}

impl Counts {
    /// All villages: kelurahan + desa + desa adat.
    #[must_use]
    pub fn villages(&self) -> u32 {
        self.kelurahan + self.desa + self.desa_adat
    }

    pub(super) fn add(&mut self, k: Kode) {
        match k.level() {
            Level::Provinsi => self.provinsi += 1,
            Level::KabKota => match k.kab_kota_kind() {
                Some(KabKotaKind::Kota) => self.kota += 1,
                _ => self.kabupaten += 1,
            },
            Level::Kecamatan => self.kecamatan += 1,
            Level::Desa => match k.village_kind() {
                Some(VillageKind::Kelurahan) => self.kelurahan += 1,
                Some(VillageKind::DesaAdat) => self.desa_adat += 1,
                _ => self.desa += 1,
            },
        }
    }
}

/// One unit of a [`Reference`], borrowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Unit<'a> {
    /// Its code.
    pub kode: Kode,
    /// Its official name (kab/kota names carry their `Kabupaten`/`Kota` prefix).
    pub name: &'a str,
    pub(super) index: u32,
}

impl Unit<'_> {
    /// Position in the reference (pre-order); stable for one `Reference` value.
    #[must_use]
    pub fn index(&self) -> usize {
        self.index as usize
    }
}

/// `{"code": "64.02", "name": "Kabupaten Kutai Kartanegara", "level": "kab_kota"}` (Python's
/// `Reference.children`).
impl Serialize for Unit<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Unit", 3)?;
        st.serialize_field("code", &self.kode)?;
        st.serialize_field("name", self.name)?;
        st.serialize_field("level", &self.kode.level())?;
        st.end()
    }
}

/// One unit looked up in a [`Reference`]: see [`Reference::lookup`].
///
/// JSON: `{"code", "name", "level", "parent", "counts", "code_list_version"}` in this order (the C ABI puts
/// `"schema_version": 1` first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Lookup {
    /// The code (`code` in JSON, like everywhere else).
    #[serde(rename = "code")]
    pub kode: Kode,
    /// Its official name.
    pub name: String,
    /// Its level.
    pub level: Level,
    /// Its parent, `None` (JSON `null`) for a province.
    pub parent: Option<Kode>,
    /// The units inside it (the unit itself not counted).
    pub counts: Counts,
    /// The version of the code list it was looked up in.
    pub code_list_version: String,
}

/// A code list: every unit, its name and its place in the hierarchy.
///
/// Units are kept in pre-order (a unit, then its whole subtree), so a subtree is a contiguous range and lookups are
/// binary searches over a flat `Vec<Kode>`. Names live in one string.
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use kim_core::wilayah::{Kode, Reference, Level};
/// let r = Reference::embedded();
/// let kukar = Kode::parse("64.02")?;
/// assert_eq!(r.get(kukar).unwrap().name, "Kabupaten Kutai Kartanegara");
/// let c = r.counts_within(Some(kukar));
/// assert_eq!((c.kecamatan, c.desa, c.kelurahan), (20, 193, 44));
/// assert_eq!(r.children(Some(kukar)).count(), 20);
/// # }
/// # Ok::<(), kim_core::Error>(())
/// ```
pub struct Reference {
    version: String,
    pub(super) codes: Vec<Kode>,
    names: String,
    /// `names[name_ends[i-1]..name_ends[i]]` is the name of unit i.
    name_ends: Vec<u32>,
    /// Exclusive end of unit i's subtree in `codes`.
    subtree_end: Vec<u32>,
    counts: Counts,
    #[cfg_attr(not(feature = "names"), allow(dead_code))]
    pub(super) index: OnceLock<NameIndex>,
    positions: OnceLock<PositionTable>,
    /// Identifies this list (and its clones) for caches derived from it elsewhere (registry seat positions).
    id: u64,
}

impl fmt::Debug for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Reference")
            .field("version", &self.version)
            .field("units", &self.codes.len())
            .field("counts", &self.counts)
            .finish_non_exhaustive()
    }
}

/// `kepmendagri-300.2.2-2138-2025 · 38 provinsi, 7285 kecamatan, 83762 villages`: the version and the main counts.
impl fmt::Display for Reference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} · {} provinsi, {} kecamatan, {} villages",
            self.version,
            self.counts.provinsi,
            self.counts.kecamatan,
            self.counts.villages()
        )
    }
}

impl Clone for Reference {
    fn clone(&self) -> Self {
        Self {
            version: self.version.clone(),
            codes: self.codes.clone(),
            names: self.names.clone(),
            name_ends: self.name_ends.clone(),
            subtree_end: self.subtree_end.clone(),
            counts: self.counts,
            index: OnceLock::new(),
            positions: OnceLock::new(),
            id: self.id,
        }
    }
}

/// The embedded code list text (Kepmendagri 300.2.2-2138/2025), `code<TAB>name` lines. See `data/PROVENANCE.md`.
#[cfg(feature = "embedded")]
pub const EMBEDDED_TSV: &str = include_str!("../../data/wilayah.tsv");

/// Version string of the embedded code list.
pub const EMBEDDED_VERSION: &str = "kepmendagri-300.2.2-2138-2025";

impl Reference {
    /// The official list embedded in the crate, parsed once and shared. Parsing takes about 5 ms in a release build
    /// (median 4.9 ms, `cargo bench -p kim-benches --bench wilayah -- reference/load_embedded`, a 2-core VM with
    /// nothing else running; 38.5 ms when the machine was shared with other builds) and several times that in a
    /// debug build, so parse it once per process.
    ///
    /// # Panics
    ///
    /// Never in practice: the embedded file is generated and checked against the official counts by the tests.
    #[cfg(feature = "embedded")]
    pub fn embedded() -> &'static Reference {
        static EMBEDDED: OnceLock<Reference> = OnceLock::new();
        EMBEDDED
            .get_or_init(|| Self::from_tsv(EMBEDDED_TSV).expect("the embedded code list is valid"))
    }

    /// Parses the `code<TAB>name` format of the embedded file (`#version<TAB>…` sets the version).
    ///
    /// ```
    /// use kim_core::wilayah::{Kode, Reference};
    /// let r = Reference::from_tsv("#version\tcontoh-1\n64\tKalimantan Timur\n\
    ///     64.02\tKabupaten Kutai Kartanegara\n64.02.01\tMuara Muntai\n64.02.01.2001\tPerian\n\
    ///     64.72\tKota Samarinda\n64.72.01\tPalaran\n64.72.01.1001\tRawa Makmur\n")?;
    /// assert_eq!((r.version(), r.len()), ("contoh-1", 7));
    /// assert_eq!(r.get(Kode::parse("64.72.01")?).map(|u| u.name), Some("Palaran"));
    /// // Every parent must be in the list, and every line is `code<TAB>name`.
    /// assert!(Reference::from_tsv("64\tKalimantan Timur\n64.02.01\tMuara Muntai\n").is_err());
    /// assert!(Reference::from_tsv("64 Kalimantan Timur\n").is_err());
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn from_tsv(text: &str) -> Result<Self> {
        let mut version = String::from("unversioned");
        let mut rows = Vec::with_capacity(text.len() / 24);
        let mut errors = Vec::new();
        for (i, line) in text.split('\n').enumerate() {
            let line_no = i as u64 + 1;
            let line = line.strip_suffix('\r').unwrap_or(line);
            if let Some(meta) = line.strip_prefix('#') {
                if let Some(v) = meta.strip_prefix("version\t") {
                    v.trim().clone_into(&mut version);
                }
                continue;
            }
            if line.is_empty() {
                continue;
            }
            // A code is at most 13 bytes: look for the tab there, not through the whole name.
            let Some(tab) = line.as_bytes().iter().take(16).position(|&b| b == b'\t') else {
                errors.push(RowError::new(
                    line_no,
                    "name",
                    line,
                    "KIM-E-REFERENCE",
                    "expected code<TAB>name",
                ));
                continue;
            };
            rows.push((line_no, &line[..tab], &line[tab + 1..]));
        }
        Self::build(version, rows, errors)
    }

    /// Loads a user's own code list from CSV with a header that has `code` and `name` columns (any order, extra
    /// columns ignored). Codes may be dotted or undotted. Every parent of a unit must be in the list too.
    ///
    /// Every bad row is reported in [`Error::ReferenceRows`] with its line and field; nothing is dropped silently.
    ///
    /// ```
    /// use kim_core::wilayah::Reference;
    /// let csv = "code,name\n64,Kalimantan Timur\n64.02,Kabupaten Kutai Kartanegara\n64.02.01,Muara Muntai\n6402012001,Perian\n";
    /// let r = Reference::from_csv(csv.as_bytes(), "my-list-2026")?;
    /// assert_eq!(r.counts().desa, 1);
    /// let bad = Reference::from_csv("code,name\n64.0x,Foo\n".as_bytes(), "v").unwrap_err();
    /// assert!(bad.to_string().contains("line 2, field `code`"));
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[cfg(feature = "csv")]
    pub fn from_csv<R: Read>(reader: R, version: &str) -> Result<Self> {
        let mut rdr = csv::ReaderBuilder::new()
            .flexible(true)
            .trim(csv::Trim::All)
            .from_reader(reader);
        let headers = rdr.headers().map_err(|e| Error::from_csv(&e))?.clone();
        let col = |name: &str| {
            headers
                .iter()
                .position(|h| h.trim_start_matches('\u{feff}').eq_ignore_ascii_case(name))
                .ok_or_else(|| Error::MissingColumn {
                    column: name.to_owned(),
                })
        };
        let (ci, ni) = (col("code")?, col("name")?);
        let mut owned = Vec::new();
        let mut errors = Vec::new();
        for rec in rdr.records() {
            let rec = rec.map_err(|e| Error::from_csv(&e))?;
            let line = rec.position().map_or(0, csv::Position::line);
            owned.push((
                line,
                rec.get(ci).unwrap_or("").to_owned(),
                rec.get(ni).unwrap_or("").to_owned(),
            ));
        }
        let rows: Vec<_> = owned
            .iter()
            .map(|(l, c, n)| (*l, c.as_str(), n.as_str()))
            .collect();
        if rows.is_empty() {
            errors.push(RowError::new(
                1,
                "code",
                "",
                "KIM-E-REFERENCE",
                "the code list has no rows",
            ));
        }
        Self::build(version.to_owned(), rows, errors)
    }

    /// Reads [`Reference::from_csv`] from a file path.
    #[cfg(feature = "csv")]
    pub fn from_csv_path(path: impl AsRef<std::path::Path>, version: &str) -> Result<Self> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|source| Error::io(path, source))?;
        Self::from_csv(std::io::BufReader::new(file), version)
    }

    /// Builds a code list from `(code, name)` pairs, in any order, with the checks of [`Reference::from_csv`]; the
    /// "line" of a bad pair in [`Error::ReferenceRows`] is its 1-based position. Needs no feature.
    ///
    /// ```
    /// use kim_core::wilayah::{Kode, Reference};
    /// let pairs = [("64", "Kalimantan Timur"), ("64.02", "Kabupaten Kutai Kartanegara"),
    ///              ("64.02.01", "Muara Muntai"), ("64.02.01.2001", "Perian")];
    /// let r = Reference::from_pairs(pairs, "my-list-2026")?;
    /// assert_eq!((r.counts().desa, r.get(Kode::parse("6402012001")?).map(|u| u.name)), (1, Some("Perian")));
    /// let bad = Reference::from_pairs([("64.02", "Kutai Kartanegara")], "v").unwrap_err();
    /// assert_eq!(bad.rows()[0].line, 1); // its parent 64 is missing
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn from_pairs<'a>(
        pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
        version: &str,
    ) -> Result<Self> {
        let rows: Vec<(u64, &str, &str)> = (1..)
            .zip(pairs)
            .map(|(line, (code, name))| (line, code, name))
            .collect();
        let mut errors = Vec::new();
        if rows.is_empty() {
            errors.push(RowError::new(
                1,
                "code",
                "",
                "KIM-E-REFERENCE",
                "the code list has no rows",
            ));
        }
        Self::build(version.to_owned(), rows, errors)
    }

    // Indexes are stored as u32: `build` rejects lists whose names exceed 4 GiB, and a code list has far fewer
    // than 2^32 units (at most 10^10 codes exist, but a list that large would not fit in memory either).
    #[allow(clippy::cast_possible_truncation)]
    fn build(
        version: String,
        rows: Vec<(u64, &str, &str)>,
        mut errors: Vec<RowError>,
    ) -> Result<Self> {
        let mut units: Vec<(Kode, u64, &str)> = Vec::with_capacity(rows.len());
        for (line, code, name) in rows {
            let kode = match Kode::parse(code) {
                Ok(k) => k,
                Err(e) => {
                    errors.push(RowError::new(
                        line,
                        "code",
                        code,
                        "KIM-E-CODE",
                        e.to_string(),
                    ));
                    continue;
                }
            };
            let name = name.trim();
            if name.is_empty() || name.chars().any(char::is_control) {
                errors.push(RowError::new(
                    line,
                    "name",
                    name,
                    "KIM-E-REFERENCE",
                    "name is empty or has control characters",
                ));
                continue;
            }
            units.push((kode, line, name));
        }
        // Already sorted for the embedded file; a stable sort keeps the first of duplicates first.
        if !units.is_sorted_by_key(|u| u.0) {
            units.sort_by_key(|u| u.0);
        }
        let mut codes = Vec::with_capacity(units.len());
        let mut names = String::with_capacity(units.iter().map(|u| u.2.len()).sum());
        let mut name_ends = Vec::with_capacity(units.len());
        let mut counts = Counts::default();
        // In pre-order, a unit's parent (if present) is the latest unit kept one level up.
        let mut latest: [Option<Kode>; 4] = [None; 4];
        for (i, (kode, line, name)) in units.iter().enumerate() {
            if i > 0 && units[i - 1].0 == *kode {
                errors.push(RowError::new(
                    *line,
                    "code",
                    &kode.to_string(),
                    "KIM-E-REFERENCE",
                    format!("duplicate code, first on line {}", units[i - 1].1),
                ));
                continue;
            }
            let level = kode.level() as usize - 1;
            if let Some(parent) = kode.parent()
                && latest[level - 1] != Some(parent)
            {
                errors.push(RowError::new(
                    *line,
                    "code",
                    &kode.to_string(),
                    "KIM-E-REFERENCE",
                    format!("its parent {parent} is not in the list"),
                ));
                continue;
            }
            latest[level] = Some(*kode);
            codes.push(*kode);
            names.push_str(name);
            name_ends.push(
                u32::try_from(names.len()).map_err(|_| Error::InvalidArgument {
                    name: "reference",
                    problem: ArgumentProblem::OutOfRange,
                    message: "names exceed 4 GiB".into(),
                })?,
            );
            counts.add(*kode);
        }
        if !errors.is_empty() {
            errors.sort_by_key(|e| e.line);
            return Err(Error::ReferenceRows { rows: errors });
        }
        let subtree_end = subtree_ends(&codes);
        Ok(Self {
            version,
            codes,
            names,
            name_ends,
            subtree_end,
            counts,
            index: OnceLock::new(),
            positions: OnceLock::new(),
            id: {
                static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
                NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            },
        })
    }

    /// A number no other list built in this process has (clones share it): the key of caches derived from a list.
    pub(crate) fn id(&self) -> u64 {
        self.id
    }

    /// The version string of the list (e.g. `kepmendagri-300.2.2-2138-2025`).
    pub fn version(&self) -> &str {
        &self.version
    }

    /// Number of units at all levels.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// True if the list has no units.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// Counts for the whole list.
    ///
    /// ```
    /// use kim_core::wilayah::Reference;
    /// let r = Reference::from_tsv("#version\tcontoh-1\n64\tKalimantan Timur\n\
    ///     64.02\tKabupaten Kutai Kartanegara\n64.02.01\tMuara Muntai\n64.02.01.2001\tPerian\n\
    ///     64.72\tKota Samarinda\n64.72.01\tPalaran\n64.72.01.1001\tRawa Makmur\n")?;
    /// let c = r.counts();
    /// assert_eq!((c.provinsi, c.kabupaten, c.kota, c.kecamatan), (1, 1, 1, 2));
    /// assert_eq!((c.desa, c.kelurahan, c.villages()), (1, 1, 2));
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn counts(&self) -> Counts {
        self.counts
    }

    /// One probe of an open-addressing table, built on first use (~1 ms, 1 MB for the national list). Lookups of
    /// different codes do not depend on each other, so their cache misses overlap, unlike a binary search's chain.
    pub(super) fn position(&self, kode: Kode) -> Option<usize> {
        self.positions
            .get_or_init(|| PositionTable::build(&self.codes))
            .get(kode)
    }

    /// The position of a code in the pre-order sequence, for per-unit arrays.
    pub(crate) fn index_of(&self, kode: Kode) -> Option<usize> {
        self.position(kode)
    }

    /// The unit at a position from [`Reference::index_of`] or [`Reference::subtree_range`] (crate-internal: the
    /// position must be below `self.len()`).
    #[allow(clippy::cast_possible_truncation)] // see `build`
    pub(crate) fn unit_at(&self, i: usize) -> Unit<'_> {
        let start = if i == 0 {
            0
        } else {
            self.name_ends[i - 1] as usize
        };
        Unit {
            kode: self.codes[i],
            name: &self.names[start..self.name_ends[i] as usize],
            index: i as u32,
        }
    }

    /// The code at position `i` (as `unit_at(i).kode`, without slicing the name).
    ///
    /// # Panics
    ///
    /// If `i >= self.len()`.
    pub fn kode_at(&self, i: usize) -> Kode {
        self.codes[i]
    }

    /// Exclusive end of the subtree of the unit at position `i`.
    ///
    /// # Panics
    ///
    /// If `i >= self.len()`.
    pub fn subtree_end_of(&self, i: usize) -> usize {
        self.subtree_end[i] as usize
    }

    /// The unit with this code.
    pub fn get(&self, kode: Kode) -> Option<Unit<'_>> {
        self.position(kode).map(|i| self.unit_at(i))
    }

    /// The unit with this code, or [`Error::NotInCodeList`]: [`Reference::get`] for callers that need the code to
    /// be there.
    ///
    /// ```
    /// # #[cfg(feature = "embedded")] {
    /// use kim_core::wilayah::{Kode, Reference};
    /// let r = Reference::embedded();
    /// assert_eq!(r.unit(Kode::parse("64.02.01")?)?.name, "Muara Muntai");
    /// let err = r.unit(Kode::parse("64.02.99")?).unwrap_err();
    /// assert_eq!(err.to_string(), "64.02.99 is not in the code list kepmendagri-300.2.2-2138-2025");
    /// assert_eq!(err.code(), "KIM-E-NOT-IN-LIST");
    /// # }
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn unit(&self, kode: Kode) -> Result<Unit<'_>> {
        self.get(kode).ok_or_else(|| Error::NotInCodeList {
            code: kode.to_string(),
            version: self.version.clone(),
        })
    }

    /// One unit with its parent, the counts inside it and the list's version (the JSON of `kim_reference_lookup` and
    /// of Python's `Reference.get`), or [`Error::NotInCodeList`].
    ///
    /// ```
    /// # #[cfg(feature = "embedded")] {
    /// use kim_core::wilayah::{Kode, Reference};
    /// let l = Reference::embedded().lookup(Kode::parse("64.02")?)?;
    /// assert_eq!((l.name.as_str(), l.counts.kecamatan), ("Kabupaten Kutai Kartanegara", 20));
    /// assert_eq!(l.parent, Some(Kode::parse("64")?));
    /// # }
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn lookup(&self, kode: Kode) -> Result<Lookup> {
        let unit = self.unit(kode)?;
        Ok(Lookup {
            kode,
            name: unit.name.to_owned(),
            level: kode.level(),
            parent: kode.parent(),
            counts: self.counts_within(Some(kode)),
            code_list_version: self.version.clone(),
        })
    }

    /// True if the code is in the list.
    pub fn contains(&self, kode: Kode) -> bool {
        self.position(kode).is_some()
    }

    /// All units in pre-order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Unit<'_>> + '_ {
        (0..self.codes.len()).map(|i| self.unit_at(i))
    }

    /// The index range of `within`'s subtree (the unit itself included); the whole list for `None`.
    /// Empty if `within` is not in the list.
    pub(crate) fn subtree_range(&self, within: Option<Kode>) -> std::ops::Range<usize> {
        match within {
            None => 0..self.codes.len(),
            Some(k) => self
                .position(k)
                .map_or(0..0, |i| i..self.subtree_end[i] as usize),
        }
    }

    /// The units inside `within` (not `within` itself), or the whole list for `None`.
    pub fn descendants(&self, within: Option<Kode>) -> impl Iterator<Item = Unit<'_>> + '_ {
        let r = self.subtree_range(within);
        let skip = usize::from(within.is_some() && !r.is_empty());
        r.skip(skip).map(|i| self.unit_at(i))
    }

    /// Direct children of `parent`; the provinces for `None`.
    pub fn children(&self, parent: Option<Kode>) -> impl Iterator<Item = Unit<'_>> + '_ {
        let r = self.subtree_range(parent);
        let mut i = r.start + usize::from(parent.is_some() && !r.is_empty());
        let end = r.end;
        std::iter::from_fn(move || {
            if i >= end {
                return None;
            }
            let u = self.unit_at(i);
            i = self.subtree_end[i] as usize;
            Some(u)
        })
    }

    /// Units at `level` inside `within` (or everywhere).
    pub fn units_at(
        &self,
        level: Level,
        within: Option<Kode>,
    ) -> impl Iterator<Item = Unit<'_>> + '_ {
        self.descendants(within)
            .filter(move |u| u.kode.level() == level)
    }

    /// [`Reference::counts_within`], or [`Error::NotInCodeList`] if `within` is not in the list (where
    /// `counts_within` returns zero counts).
    pub fn counts_in(&self, within: Option<Kode>) -> Result<Counts> {
        if let Some(w) = within {
            self.unit(w)?;
        }
        Ok(self.counts_within(within))
    }

    /// Counts inside `within` (the unit itself not counted), or for the whole list.
    pub fn counts_within(&self, within: Option<Kode>) -> Counts {
        if within.is_none() {
            return self.counts;
        }
        let mut c = Counts::default();
        for u in self.descendants(within) {
            c.add(u.kode);
        }
        c
    }

    /// Bytes of heap held by this list (codes, names and indexes, not the lazy name index).
    pub fn heap_bytes(&self) -> usize {
        self.codes.capacity() * 8
            + self.names.capacity()
            + self.name_ends.capacity() * 4
            + self.subtree_end.capacity() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn k(s: &str) -> Kode {
        Kode::parse(s).unwrap()
    }

    #[test]
    fn lookup_json_is_the_c_shape() {
        let r = Reference::embedded();
        assert_eq!(
            serde_json::to_string(&r.lookup(k("64.02")).unwrap()).unwrap(),
            r#"{"code":"64.02","name":"Kabupaten Kutai Kartanegara","level":"kab_kota","parent":"64","counts":{"provinsi":0,"kabupaten":0,"kota":0,"kecamatan":20,"kelurahan":44,"desa":193,"desa_adat":0,"villages":237},"code_list_version":"kepmendagri-300.2.2-2138-2025"}"#
        );
        let province = r.lookup(k("64")).unwrap();
        assert_eq!(province.parent, None);
        let json = serde_json::to_string(&province).unwrap();
        assert!(json.contains(r#""parent":null"#), "{json}");
        assert_eq!(serde_json::from_str::<Lookup>(&json).unwrap(), province);
    }

    #[test]
    fn absent_codes_are_one_error() {
        let r = Reference::embedded();
        let absent = k("64.02.01.2999");
        for e in [
            r.unit(absent).unwrap_err(),
            r.lookup(absent).unwrap_err(),
            r.counts_in(Some(absent)).unwrap_err(),
        ] {
            assert!(
                matches!(&e, Error::NotInCodeList { code, version } if code == "64.02.01.2999" && version == EMBEDDED_VERSION)
            );
            assert_eq!(
                e.to_string(),
                "64.02.01.2999 is not in the code list kepmendagri-300.2.2-2138-2025"
            );
            assert_eq!(e.family(), crate::ErrorFamily::Argument);
            assert_eq!(e.code(), "KIM-E-NOT-IN-LIST");
        }
        assert_eq!(r.counts_in(None).unwrap(), r.counts());
        assert_eq!(
            r.counts_in(Some(k("64.02"))).unwrap(),
            r.counts_within(Some(k("64.02")))
        );
    }

    #[test]
    fn units_and_lists_write_themselves() {
        let r = Reference::embedded();
        assert_eq!(
            serde_json::to_string(&r.unit(k("64.02.01")).unwrap()).unwrap(),
            r#"{"code":"64.02.01","name":"Muara Muntai","level":"kecamatan"}"#
        );
        assert_eq!(
            r.to_string(),
            "kepmendagri-300.2.2-2138-2025 · 38 provinsi, 7285 kecamatan, 83762 villages"
        );
    }
}
