//! Kemendagri administrative codes and the official code list (DOMAIN.md §6).
//!
//! - [`Kode`] is one code: `PP`, `PP.KK`, `PP.KK.CC` or `PP.KK.CC.XNNN` (also undotted: 2, 4, 6 or 10 digits).
//! - [`Reference`] is a code list: every unit with its name, place in the hierarchy, children and counts.
//!   [`Reference::embedded`] is the official list of Kepmendagri 300.2.2-2138/2025 (feature `embedded`, on by
//!   default); [`Reference::from_csv`] loads a user's own list.
//!
//! These are Kemendagri codes. Statistics Indonesia (BPS) codes are a different scheme; never mix them.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::str::FromStr;
use std::sync::OnceLock;

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use unicode_normalization::UnicodeNormalization;

use crate::error::{CodeProblem, Error, Result, RowError};

/// The level of a unit in the hierarchy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Province, `PP`.
    Provinsi = 1,
    /// Regency or city, `PP.KK`.
    KabKota = 2,
    /// District, `PP.KK.CC` (called *distrik* in Papua).
    Kecamatan = 3,
    /// Village: kelurahan, desa or desa adat, `PP.KK.CC.XNNN`.
    Desa = 4,
}

impl Level {
    /// All four levels, broadest first.
    pub const ALL: [Level; 4] = [
        Level::Provinsi,
        Level::KabKota,
        Level::Kecamatan,
        Level::Desa,
    ];

    /// The snake_case name used in JSON, CSV and the bindings (`provinsi`, `kab_kota`, `kecamatan`, `desa`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Provinsi => "provinsi",
            Self::KabKota => "kab_kota",
            Self::Kecamatan => "kecamatan",
            Self::Desa => "desa",
        }
    }
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Level {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s
            .trim()
            .to_ascii_lowercase()
            .replace(['/', '-', ' '], "_")
            .as_str()
        {
            "provinsi" | "province" | "1" => Ok(Self::Provinsi),
            "kab_kota" | "kabkota" | "kabupaten_kota" | "regency" | "2" => Ok(Self::KabKota),
            "kecamatan" | "district" | "distrik" | "3" => Ok(Self::Kecamatan),
            "desa" | "village" | "desa_kelurahan" | "kelurahan" | "4" => Ok(Self::Desa),
            _ => Err(Error::InvalidArgument {
                name: "level",
                message: format!("{s:?} is not one of provinsi, kab_kota, kecamatan, desa"),
            }),
        }
    }
}

/// Kabupaten (`KK` 01–69) or kota (`KK` 71–99).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KabKotaKind {
    /// Regency.
    Kabupaten,
    /// City.
    Kota,
}

/// The kind of a village, from the first digit of its last segment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VillageKind {
    /// `1NNN`: an urban village headed by a lurah.
    Kelurahan,
    /// `2NNN`: a village headed by a kepala desa (also kampung, nagari, gampong, kalurahan…).
    Desa,
    /// `3NNN`: a customary village; only in Kab. Jayapura (91.03).
    DesaAdat,
}

impl VillageKind {
    /// The snake_case name (`kelurahan`, `desa`, `desa_adat`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Kelurahan => "kelurahan",
            Self::Desa => "desa",
            Self::DesaAdat => "desa_adat",
        }
    }
}

const P10_8: u64 = 100_000_000;
const P10_6: u64 = 1_000_000;
const P10_4: u64 = 10_000;

/// A Kemendagri administrative code.
///
/// Stored packed in a `u64` as the 10-digit number `PPKKCCXNNN`, with absent segments zero. Because no segment is
/// ever zero, the level follows from the value, and the natural order puts every unit right after its parent
/// (pre-order), which [`Reference`] relies on.
///
/// ```
/// use kim_core::wilayah::{Kode, Level, VillageKind, KabKotaKind};
/// let k: Kode = "64.02.01.2001".parse()?;
/// assert_eq!(k.level(), Level::Desa);
/// assert_eq!(k.village_kind(), Some(VillageKind::Desa));
/// assert_eq!(k.parent().unwrap().to_string(), "64.02.01");
/// assert_eq!(k.kab_kota_kind(), Some(KabKotaKind::Kabupaten));
/// assert_eq!(Kode::parse("6402012001")?, k);
/// assert_eq!(k.digits(), "6402012001");
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Kode(u64);

impl Kode {
    /// Parses a dotted (`64.02.01.2001`) or undotted (`6402012001`) code. No surrounding whitespace is allowed.
    pub fn parse(s: &str) -> Result<Self> {
        Self::parse_bytes(s.as_bytes()).map_err(|(byte, problem)| Error::InvalidCode {
            // A NIK or phone number typed into a code field is masked like any other.
            input: crate::privacy::mask_text(&s.chars().take(32).collect::<String>()),
            byte,
            problem,
        })
    }

    /// Parses bytes; on failure returns the byte offset and the problem. Allocation-free.
    pub fn parse_bytes(b: &[u8]) -> std::result::Result<Self, (usize, CodeProblem)> {
        // Segment widths: 2, 2, 2, 4.
        const WIDTHS: [usize; 4] = [2, 2, 2, 4];
        if b.is_empty() {
            return Err((0, CodeProblem::Empty));
        }
        let dotted = b.len() > 2 && b[2] == b'.';
        let mut segs = [0u64; 4];
        let mut n = 0usize;
        let mut pos = 0usize;
        while pos < b.len() {
            if n == 4 {
                return Err((pos, CodeProblem::BadLength));
            }
            if dotted && n > 0 {
                if b[pos] != b'.' {
                    return Err((pos, CodeProblem::UnexpectedByte));
                }
                pos += 1;
            }
            let width = WIDTHS[n];
            let mut value = 0u64;
            for i in 0..width {
                match b.get(pos + i) {
                    Some(c) if c.is_ascii_digit() => value = value * 10 + u64::from(c - b'0'),
                    Some(b'.') if dotted => return Err((pos + i, CodeProblem::BadLength)),
                    Some(_) => return Err((pos + i, CodeProblem::UnexpectedByte)),
                    None => return Err((pos + i, CodeProblem::BadLength)),
                }
            }
            if value == 0 {
                return Err((pos, CodeProblem::ZeroSegment));
            }
            if n == 3 && !(b'1'..=b'3').contains(&b[pos]) {
                return Err((pos, CodeProblem::VillageKind));
            }
            segs[n] = value;
            pos += width;
            n += 1;
        }
        Ok(Self(
            segs[0] * P10_8 + segs[1] * P10_6 + segs[2] * P10_4 + segs[3],
        ))
    }

    /// Packs segments the caller has already validated (each non-zero where present, village segment 1001–3999).
    pub(crate) const fn from_valid_segments(pp: u64, kk: u64, cc: u64, village: u64) -> Self {
        Self(pp * P10_8 + kk * P10_6 + cc * P10_4 + village)
    }

    /// The 10-digit packed number (`6402012001` for `64.02.01.2001`, `6402000000` for `64.02`).
    pub fn as_u64(self) -> u64 {
        self.0
    }

    /// Rebuilds a code from [`Kode::as_u64`]; `None` if the number is not a valid packed code.
    pub fn from_u64(n: u64) -> Option<Self> {
        if n >= 100 * P10_8 {
            return None;
        }
        let k = Self(n);
        let digits = format!("{n:010}");
        let len = match k.level() {
            Level::Provinsi => 2,
            Level::KabKota => 4,
            Level::Kecamatan => 6,
            Level::Desa => 10,
        };
        Self::parse_bytes(&digits.as_bytes()[..len])
            .ok()
            .filter(|p| *p == k)
    }

    fn segments(self) -> (u64, u64, u64, u64) {
        let n = self.0;
        (n / P10_8, (n / P10_6) % 100, (n / P10_4) % 100, n % P10_4)
    }

    /// The level, derived from which segments are present.
    pub fn level(self) -> Level {
        let (_, kk, c, v) = self.segments();
        if v != 0 {
            Level::Desa
        } else if c != 0 {
            Level::Kecamatan
        } else if kk != 0 {
            Level::KabKota
        } else {
            Level::Provinsi
        }
    }

    /// The parent code, or `None` for a province.
    pub fn parent(self) -> Option<Kode> {
        match self.level() {
            Level::Provinsi => None,
            Level::KabKota => Some(Self(self.0 - self.0 % P10_8)),
            Level::Kecamatan => Some(Self(self.0 - self.0 % P10_6)),
            Level::Desa => Some(Self(self.0 - self.0 % P10_4)),
        }
    }

    /// This code cut to `level`, or `None` if it is broader than `level`.
    ///
    /// ```
    /// let k = kim_core::wilayah::Kode::parse("64.02.01.2001")?;
    /// assert_eq!(k.ancestor(kim_core::wilayah::Level::KabKota).unwrap().to_string(), "64.02");
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn ancestor(self, level: Level) -> Option<Kode> {
        if level > self.level() {
            return None;
        }
        Some(match level {
            Level::Provinsi => Self(self.0 - self.0 % P10_8),
            Level::KabKota => Self(self.0 - self.0 % P10_6),
            Level::Kecamatan => Self(self.0 - self.0 % P10_4),
            Level::Desa => self,
        })
    }

    /// True if `other` is this unit or lies inside it.
    pub fn contains(self, other: Kode) -> bool {
        other.ancestor(self.level()) == Some(self)
    }

    /// Kabupaten or kota, for codes at kab/kota level or below.
    pub fn kab_kota_kind(self) -> Option<KabKotaKind> {
        let (_, kk, _, _) = self.segments();
        match kk {
            0 => None,
            1..=69 => Some(KabKotaKind::Kabupaten),
            _ => Some(KabKotaKind::Kota),
        }
    }

    /// The village kind, for village codes.
    pub fn village_kind(self) -> Option<VillageKind> {
        match self.segments().3 / 1000 {
            1 => Some(VillageKind::Kelurahan),
            2 => Some(VillageKind::Desa),
            3 => Some(VillageKind::DesaAdat),
            _ => None,
        }
    }

    /// The undotted digits: 2, 4, 6 or 10 of them.
    pub fn digits(self) -> String {
        let s = format!("{:010}", self.0);
        let len = match self.level() {
            Level::Provinsi => 2,
            Level::KabKota => 4,
            Level::Kecamatan => 6,
            Level::Desa => 10,
        };
        s[..len].to_owned()
    }
}

impl fmt::Display for Kode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.dotted().as_str())
    }
}

/// A code in its dotted form, held inline (no allocation): see [`Kode::dotted`].
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct DottedKode {
    buf: [u8; 13],
    len: u8,
}

impl DottedKode {
    /// The dotted code, e.g. `64.02.01.2001`.
    pub fn as_str(&self) -> &str {
        // Only ASCII digits and dots are ever written.
        std::str::from_utf8(&self.buf[..usize::from(self.len)]).unwrap_or_default()
    }
}

impl AsRef<str> for DottedKode {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Debug for DottedKode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl Kode {
    /// The dotted form (`64.02.01.2001`) without allocating: what `Display` writes, for callers that write many
    /// codes (table exports).
    ///
    /// ```
    /// use kim_core::wilayah::Kode;
    /// assert_eq!(Kode::parse("6402012001")?.dotted().as_str(), "64.02.01.2001");
    /// assert_eq!(Kode::parse("64.02")?.dotted().as_str(), "64.02");
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[allow(clippy::cast_possible_truncation)] // each digit is < 10
    pub fn dotted(self) -> DottedKode {
        let (p, kk, c, v) = self.segments();
        let mut out = DottedKode {
            buf: [0; 13],
            len: 0,
        };
        let mut put = |n: u64, width: u32| {
            if out.len > 0 {
                out.buf[usize::from(out.len)] = b'.';
                out.len += 1;
            }
            for k in (0..width).rev() {
                out.buf[usize::from(out.len)] = b'0' + (n / 10u64.pow(k) % 10) as u8;
                out.len += 1;
            }
        };
        put(p, 2);
        let level = self.level();
        if level >= Level::KabKota {
            put(kk, 2);
        }
        if level >= Level::Kecamatan {
            put(c, 2);
        }
        if level == Level::Desa {
            put(v, 4);
        }
        out
    }
}

impl fmt::Debug for Kode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Kode({self})")
    }
}

impl FromStr for Kode {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        Self::parse(s)
    }
}

impl Serialize for Kode {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Kode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Kode::parse(&s).map_err(serde::de::Error::custom)
    }
}

/// Unit counts by level and village kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
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

impl Counts {
    /// All villages: kelurahan + desa + desa adat.
    pub fn villages(&self) -> u32 {
        self.kelurahan + self.desa + self.desa_adat
    }

    fn add(&mut self, k: Kode) {
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
pub struct Unit<'a> {
    /// Its code.
    pub kode: Kode,
    /// Its official name (kab/kota names carry their `Kabupaten`/`Kota` prefix).
    pub name: &'a str,
    index: u32,
}

impl Unit<'_> {
    /// Position in the reference (pre-order); stable for one `Reference` value.
    pub fn index(&self) -> usize {
        self.index as usize
    }
}

/// A code list: every unit, its name and its place in the hierarchy.
///
/// Units are kept in pre-order (a unit, then its whole subtree), so a subtree is a contiguous range and lookups are
/// binary searches over a flat `Vec<Kode>`. Names live in one string.
///
/// ```
/// use kim_core::wilayah::{Kode, Reference, Level};
/// let r = Reference::embedded();
/// let kukar = Kode::parse("64.02")?;
/// assert_eq!(r.get(kukar).unwrap().name, "Kabupaten Kutai Kartanegara");
/// let c = r.counts_within(Some(kukar));
/// assert_eq!((c.kecamatan, c.desa, c.kelurahan), (20, 193, 44));
/// assert_eq!(r.children(Some(kukar)).count(), 20);
/// # Ok::<(), kim_core::Error>(())
/// ```
pub struct Reference {
    version: String,
    codes: Vec<Kode>,
    names: String,
    /// `names[name_ends[i-1]..name_ends[i]]` is the name of unit i.
    name_ends: Vec<u32>,
    /// Exclusive end of unit i's subtree in `codes`.
    subtree_end: Vec<u32>,
    counts: Counts,
    index: OnceLock<NameIndex>,
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
pub const EMBEDDED_TSV: &str = include_str!("../data/wilayah.tsv");

/// Version string of the embedded code list.
pub const EMBEDDED_VERSION: &str = "kepmendagri-300.2.2-2138-2025";

impl Reference {
    /// The official list embedded in the crate, parsed once (about 5 ms) and shared.
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
    pub fn from_csv_path(path: impl AsRef<std::path::Path>, version: &str) -> Result<Self> {
        let path = path.as_ref();
        let file = std::fs::File::open(path).map_err(|source| Error::Io {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_csv(std::io::BufReader::new(file), version)
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
    pub fn counts(&self) -> Counts {
        self.counts
    }

    #[allow(clippy::cast_possible_truncation)] // see `build`
    fn unit(&self, i: usize) -> Unit<'_> {
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

    /// One probe of an open-addressing table, built on first use (~1 ms, 1 MB for the national list). Lookups of
    /// different codes do not depend on each other, so their cache misses overlap, unlike a binary search's chain.
    fn position(&self, kode: Kode) -> Option<usize> {
        self.positions
            .get_or_init(|| PositionTable::build(&self.codes))
            .get(kode)
    }

    /// The position of a code in the pre-order sequence, for per-unit arrays.
    pub fn index_of(&self, kode: Kode) -> Option<usize> {
        self.position(kode)
    }

    /// The unit at a position from [`Reference::index_of`] or [`Reference::subtree_range`].
    ///
    /// # Panics
    ///
    /// If `i >= self.len()`.
    pub fn unit_at(&self, i: usize) -> Unit<'_> {
        self.unit(i)
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
        self.position(kode).map(|i| self.unit(i))
    }

    /// True if the code is in the list.
    pub fn contains(&self, kode: Kode) -> bool {
        self.position(kode).is_some()
    }

    /// All units in pre-order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Unit<'_>> + '_ {
        (0..self.codes.len()).map(|i| self.unit(i))
    }

    /// The index range of `within`'s subtree (the unit itself included); the whole list for `None`.
    /// Empty if `within` is not in the list.
    pub fn subtree_range(&self, within: Option<Kode>) -> std::ops::Range<usize> {
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
        r.skip(skip).map(|i| self.unit(i))
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
            let u = self.unit(i);
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

    // ---- name matching -------------------------------------------------------------------------------------------

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
        out
    }

    fn match_core(
        &self,
        core: &str,
        level: Option<Level>,
        kota: Option<KabKotaKind>,
        within: Option<Kode>,
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
            level.is_none_or(|l| k.level() == l)
                && kota.is_none_or(|kota| {
                    k.kab_kota_kind() == Some(kota) && k.level() == Level::KabKota
                })
        };
        let core_hist = Hist::of(core);
        let mut out: Vec<NameMatch> = Vec::new();
        if let Some(hits) = idx.exact.get(core) {
            for &i in hits {
                let i = i as usize;
                if range.contains(&i) && accept(i) {
                    out.push(self.name_match(i, MatchKind::Exact, 1.0));
                }
            }
        }
        // Abbreviations and near spellings: scan the range (small except for national queries, where only
        // provinsi and kab/kota are scanned unless a level was given).
        let scan_levels_deep = within.is_some() || level.is_some_and(|l| l >= Level::Kecamatan);
        for i in range {
            let k = self.codes[i];
            if !accept(i) || (!scan_levels_deep && k.level() > Level::KabKota) {
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
            // least the length difference and half the histogram distance, so most of a national scan stops here,
            // before the quadratic edit distance.
            let cand_hist = &idx.hist[i];
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
        let u = self.unit(i);
        NameMatch {
            kode: u.kode,
            name: u.name.to_owned(),
            kind,
            score,
        }
    }

    /// Resolves a free-text place such as `"Desa Perian, Kec. Muara Muntai, Kukar"` (narrowest part first, parts
    /// separated by commas; the reverse order also works when prefixes show it).
    ///
    /// Each part is matched inside the candidates of the broader parts. The result is unique only when every part
    /// matched exactly or as an abbreviation and no other candidate scores as high; otherwise the ranked candidates
    /// are returned as ambiguous. Nothing is ever guessed silently.
    ///
    /// ```
    /// use kim_core::wilayah::{Reference, Resolution};
    /// let r = Reference::embedded();
    /// match r.resolve_place("Desa Perian, Kec. Muara Muntai, Kukar") {
    ///     Resolution::Unique(m) => assert_eq!(m.kode.to_string(), "64.02.01.2001"),
    ///     other => panic!("{other:?}"),
    /// }
    /// ```
    pub fn resolve_place(&self, text: &str) -> Resolution {
        let mut parts: Vec<&str> = text
            .split([',', ';', '/'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        if parts.is_empty() {
            return Resolution::NotFound;
        }
        // Legacy rows go narrow → broad. If the first part is hinted broader than the last, they go broad → narrow.
        let first = NormName::new(parts[0]).level;
        let last = NormName::new(parts[parts.len() - 1]).level;
        if !matches!((first, last), (Some(a), Some(b)) if a < b) {
            parts.reverse();
        }
        self.resolve_parts(&parts)
    }

    /// Resolves names given broadest first, e.g. `["Kutai Kartanegara", "Muara Muntai", "Perian"]`. Empty parts are
    /// skipped. See [`Reference::resolve_place`].
    pub fn resolve_parts(&self, broad_to_narrow: &[&str]) -> Resolution {
        // Beam: (scope, score, all parts certain?)
        let mut beams: Vec<(Option<Kode>, f64, bool)> = vec![(None, 1.0, true)];
        let parts: Vec<&str> = broad_to_narrow
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .collect();
        if parts.is_empty() {
            return Resolution::NotFound;
        }
        let last = parts.len() - 1;
        let mut finals: Vec<(NameMatch, bool)> = Vec::new();
        for (pi, part) in parts.iter().enumerate() {
            let mut next = Vec::new();
            for &(scope, score, certain) in &beams {
                // The narrowest part of a multi-part place is a village unless a prefix says otherwise.
                let level = (pi == last && parts.len() >= 3).then_some(Level::Desa);
                let level = if NormName::new(part).level.is_some() {
                    None
                } else {
                    level
                };
                for m in self.match_name_at(part, scope, level) {
                    if let Some(s) = scope
                        && m.kode.level() <= s.level()
                    {
                        continue;
                    }
                    let c = certain && m.kind != MatchKind::Fuzzy;
                    if pi == last {
                        let mut m = m;
                        m.score *= score;
                        finals.push((m, c));
                    } else {
                        next.push((Some(m.kode), score * m.score, c));
                    }
                }
            }
            if pi < last {
                next.sort_by(|a, b| b.1.total_cmp(&a.1));
                next.truncate(16);
                if next.is_empty() {
                    return Resolution::NotFound;
                }
                beams = next;
            }
        }
        finals.sort_by(|a, b| {
            b.0.score
                .total_cmp(&a.0.score)
                .then(a.0.kode.cmp(&b.0.kode))
        });
        finals.dedup_by(|a, b| a.0.kode == b.0.kode);
        match finals.len() {
            0 => Resolution::NotFound,
            1 if finals[0].1 => Resolution::Unique(finals.remove(0).0),
            _ if finals[0].1
                && finals[0].0.score > finals[1].0.score + 1e-9
                && finals[0].0.kind == MatchKind::Exact =>
            {
                // A unique exact winner; weaker candidates (abbreviations, near spellings) do not block it.
                Resolution::Unique(finals.remove(0).0)
            }
            _ => Resolution::Ambiguous(finals.into_iter().map(|f| f.0).take(10).collect()),
        }
    }
}

/// Code → position, open addressing with linear probing, 8 bytes a slot (1 MB for the national list at load
/// factor 0.7). Keys are codes packed into 32 bits; the key 0 marks an empty slot (no code packs to 0).
struct PositionTable {
    slots: Vec<(u32, u32)>,
    shift: u32,
}

impl PositionTable {
    const MUL: u32 = 0x9E37_79B1;

    /// `PPKKCC * 4000 + XNNN`: injective because `XNNN < 4000`, and below 2^32 because `PPKKCC ≤ 999,999`.
    #[allow(clippy::cast_possible_truncation)] // bounded as documented
    fn key(k: Kode) -> u32 {
        ((k.0 / P10_4) * 4000 + k.0 % P10_4) as u32
    }

    #[allow(clippy::cast_possible_truncation)] // positions fit in u32, see `Reference::build`
    fn build(codes: &[Kode]) -> Self {
        let bits = ((codes.len().max(1) * 10).div_ceil(7))
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let mut slots = vec![(0u32, 0u32); 1 << bits];
        let shift = 32 - bits;
        let mask = slots.len() - 1;
        for (i, k) in codes.iter().enumerate() {
            let key = Self::key(*k);
            let mut h = (key.wrapping_mul(Self::MUL) >> shift) as usize;
            while slots[h].0 != 0 {
                h = (h + 1) & mask;
            }
            slots[h] = (key, i as u32);
        }
        Self { slots, shift }
    }

    fn get(&self, k: Kode) -> Option<usize> {
        let key = Self::key(k);
        let mask = self.slots.len() - 1;
        let mut h = (key.wrapping_mul(Self::MUL) >> self.shift) as usize;
        loop {
            let (stored, pos) = self.slots[h];
            if stored == key {
                return Some(pos as usize);
            }
            if stored == 0 {
                return None;
            }
            h = (h + 1) & mask;
        }
    }
}

/// Exclusive end of each unit's subtree, by a stack walk over the pre-order sequence.
#[allow(clippy::cast_possible_truncation)] // see `Reference::build`
fn subtree_ends(codes: &[Kode]) -> Vec<u32> {
    let n = codes.len();
    let mut end = vec![0u32; n];
    let mut stack: Vec<usize> = Vec::with_capacity(4);
    for (i, k) in codes.iter().enumerate() {
        while let Some(&top) = stack.last() {
            if codes[top].contains(*k) {
                break;
            }
            end[top] = i as u32;
            stack.pop();
        }
        stack.push(i);
    }
    for top in stack {
        end[top] = n as u32;
    }
    end
}

/// How a name matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
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
pub struct NameMatch {
    /// The unit (`code` in JSON, like everywhere else).
    #[serde(rename = "code")]
    pub kode: Kode,
    /// Its official name.
    pub name: String,
    /// How it matched.
    pub kind: MatchKind,
    /// Score in (0, 1]; exact = 1.0, abbreviation = 0.9, fuzzy ≤ 0.85.
    pub score: f64,
}

/// Outcome of resolving a free-text place.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "resolution", rename_all = "snake_case")]
pub enum Resolution {
    /// Exactly one certain candidate.
    Unique(NameMatch),
    /// Several candidates, or only uncertain ones, ranked best first (at most 10).
    Ambiguous(Vec<NameMatch>),
    /// No candidate at all.
    NotFound,
}

/// Lazily built: normalised name of every unit, and exact-name lookup.
struct NameIndex {
    norm: Vec<Box<str>>,
    /// The length and letter histogram of each normalised name, for a cheap lower bound on the edit distance.
    hist: Vec<Hist>,
    exact: HashMap<Box<str>, Vec<u32>>,
}

/// A string's length in chars and its chars counted in 32 buckets (by code point modulo 32, saturating). The length
/// difference, and half the L1 distance between two histograms, are lower bounds on the edit distance of the strings
/// (bucket collisions only lower the second).
#[derive(Clone, Copy)]
struct Hist {
    chars: usize,
    counts: [u8; 32],
}

impl Hist {
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
        let mut hist = Vec::with_capacity(r.len());
        let mut exact: HashMap<Box<str>, Vec<u32>> = HashMap::with_capacity(r.len());
        for u in r.iter() {
            // Only kab/kota names carry an administrative prefix (`Kabupaten`, `Kota`); a kecamatan or village may
            // be *named* `Kota Bangun`.
            let n = NormName::new(u.name);
            let n: Box<str> = if u.kode.level() == Level::KabKota {
                n.core.into()
            } else {
                n.full.into()
            };
            exact.entry(n.clone()).or_default().push(u.index);
            hist.push(Hist::of(&n));
            norm.push(n);
        }
        Self { norm, hist, exact }
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
        for c in s.nfkd() {
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn the_edit_distance_prefilter_never_drops_a_near_spelling() {
        // Every 97th village, misspelt by a substitution (and a deletion and an insertion when long enough): the
        // filtered scan of its province finds exactly the villages a plain scan with the same threshold finds.
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
    fn parse_forms_and_errors() {
        for (s, lvl) in [
            ("64", Level::Provinsi),
            ("64.02", Level::KabKota),
            ("6402", Level::KabKota),
            ("64.02.01", Level::Kecamatan),
            ("640201", Level::Kecamatan),
            ("64.02.01.2001", Level::Desa),
            ("6402012001", Level::Desa),
        ] {
            assert_eq!(Kode::parse(s).unwrap().level(), lvl, "{s}");
        }
        let e = |s: &str| match Kode::parse(s) {
            Err(Error::InvalidCode { byte, problem, .. }) => (byte, problem),
            other => panic!("{s}: {other:?}"),
        };
        assert_eq!(e(""), (0, CodeProblem::Empty));
        assert_eq!(e("64.0"), (4, CodeProblem::BadLength));
        assert_eq!(e("64.02.99.9999"), (9, CodeProblem::VillageKind));
        assert_eq!(e("64.00"), (3, CodeProblem::ZeroSegment));
        assert_eq!(e("64x02"), (2, CodeProblem::UnexpectedByte));
        assert_eq!(e("64.02.01.2001.1"), (13, CodeProblem::BadLength));
        assert_eq!(e("640201200"), (9, CodeProblem::BadLength));
        assert_eq!(e(" 64"), (0, CodeProblem::UnexpectedByte));
        assert_eq!(e("64.02.01.200"), (12, CodeProblem::BadLength));
    }

    #[test]
    fn kinds() {
        assert_eq!(
            Kode::parse("35.78").unwrap().kab_kota_kind(),
            Some(KabKotaKind::Kota)
        );
        assert_eq!(
            Kode::parse("35.69").unwrap().kab_kota_kind(),
            Some(KabKotaKind::Kabupaten)
        );
        assert_eq!(
            Kode::parse("91.03.01.3001").unwrap().village_kind(),
            Some(VillageKind::DesaAdat)
        );
        assert_eq!(
            Kode::parse("35.78.01.1001").unwrap().village_kind(),
            Some(VillageKind::Kelurahan)
        );
        assert!(
            Kode::parse("64")
                .unwrap()
                .contains(Kode::parse("64.02.01.2001").unwrap())
        );
        assert!(
            !Kode::parse("64.03")
                .unwrap()
                .contains(Kode::parse("64.02.01.2001").unwrap())
        );
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

    #[test]
    fn from_u64_round_trip() {
        for s in ["11", "11.01", "11.01.01", "11.01.01.2001", "91.03.01.3001"] {
            let k = Kode::parse(s).unwrap();
            assert_eq!(Kode::from_u64(k.as_u64()), Some(k));
        }
        assert_eq!(Kode::from_u64(0), None);
        assert_eq!(Kode::from_u64(6_400_000_001), None);
    }
}
