//! Kemendagri administrative codes and the official code list (docs/domain.md §6).
//!
//! - [`Kode`] is one code: `PP`, `PP.KK`, `PP.KK.CC` or `PP.KK.CC.XNNN` (also undotted: 2, 4, 6 or 10 digits).
//! - [`Reference`] is a code list: every unit with its name, place in the hierarchy, children and counts.
//!   [`Reference::embedded`] is the official list of Kepmendagri 300.2.2-2138/2025 (feature `embedded`, on by
//!   default); [`Reference::from_csv`] loads a user's own list.
//!
//! These are Kemendagri codes. Statistics Indonesia (BPS) codes are a different scheme; never mix them.
//!
//! ```
//! # #[cfg(feature = "embedded")] {
//! use kim_core::wilayah::{Kode, Level, Reference};
//! let perian = Kode::parse("6402012001")?; // undotted or dotted
//! assert_eq!((perian.to_string().as_str(), perian.level()), ("64.02.01.2001", Level::Desa));
//! assert_eq!(perian.parent().map(|k| k.to_string()), Some("64.02.01".to_owned()));
//! let list = Reference::embedded();
//! assert_eq!(list.get(perian).map(|u| u.name), Some("Perian"));
//! assert!(Kode::parse("64.02.0").is_err());
//! # }
//! # Ok::<(), kim_core::Error>(())
//! ```

mod crosswalk;
#[cfg(feature = "embedded")]
mod denominators;
mod diff;
mod kode;
mod names;
mod positions;
mod reference;
#[cfg(feature = "embedded")]
mod versions;

use crate::error::ArgumentProblem;
use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

pub use crosswalk::{Crosswalk, SeatMigration, SeatStatus};
#[cfg(feature = "embedded")]
pub use denominators::{Denominators, Figure};
pub use diff::{Change, CodeListDiff, DiffRow, diff};
pub use kode::{DottedKode, Kode};
#[cfg(feature = "names")]
pub use names::FieldsResolution;
pub use names::{MatchKind, NameMatch, Resolution, normalise_name};
#[cfg(feature = "embedded")]
pub use reference::EMBEDDED_TSV;
pub use reference::{Counts, EMBEDDED_VERSION, Lookup, Reference, Unit};
#[cfg(feature = "embedded")]
pub use versions::{CodeListVersion, InForce, VersionCounts};

/// The 38 province codes (`PP`) of the embedded code list, in order. A test checks them against the list, so that
/// [`Nik::parse`](crate::registry::Nik::parse) can check a NIK's province without loading the list.
pub const PROVINCE_CODES: [u8; 38] = [
    11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65,
    71, 72, 73, 74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96,
];

/// The level of a unit in the hierarchy.
///
/// ```
/// use kim_core::wilayah::{Kode, Level};
/// assert!(Level::Provinsi < Level::Desa); // broadest first
/// assert_eq!(Kode::parse("64.02.01")?.level(), Level::Kecamatan);
/// assert_eq!("kabupaten/kota".parse::<Level>()?, Level::KabKota);
/// assert_eq!("distrik".parse::<Level>()?.to_string(), "kecamatan"); // as Papua calls it
/// assert!("dusun".parse::<Level>().is_err()); // below the village: not a Kemendagri level
/// # Ok::<(), kim_core::Error>(())
/// ```
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
    #[must_use]
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
                problem: ArgumentProblem::Unknown,
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
///
/// ```
/// use kim_core::wilayah::{Kode, VillageKind};
/// assert_eq!(Kode::parse("64.02.01.2001")?.village_kind(), Some(VillageKind::Desa)); // Perian
/// assert_eq!(Kode::parse("64.72.01.1001")?.village_kind(), Some(VillageKind::Kelurahan)); // Rawa Makmur, Samarinda
/// assert_eq!(VillageKind::DesaAdat.as_str(), "desa_adat");
/// # Ok::<(), kim_core::Error>(())
/// ```
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
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Kelurahan => "kelurahan",
            Self::Desa => "desa",
            Self::DesaAdat => "desa_adat",
        }
    }
}
