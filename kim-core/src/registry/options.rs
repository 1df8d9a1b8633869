//! Options for CSV and record import ([`crate::registry::Registry::import_csv_with`] and its siblings).

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::str::FromStr;

use crate::wilayah::Kode;

/// The text encoding of a CSV file. Without one in [`ImportOptions::encoding`], it is detected: a UTF-8 BOM or
/// valid UTF-8 is UTF-8; a UTF-16 BOM or the NUL bytes of UTF-16 text is UTF-16; anything else is Windows-1252
/// (what Excel writes as "CSV" on an Indonesian or English Windows). The one used is in
/// [`TableReport::encoding`](crate::registry::TableReport::encoding).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TextEncoding {
    /// UTF-8, with or without a BOM. A field that is not UTF-8 rejects its row (`KIM-E-UTF8`).
    Utf8,
    /// Windows-1252 (cp1252), the superset of Latin-1 that Excel writes.
    Windows1252,
    /// ISO-8859-1 (Latin-1): every byte is the code point of the same number.
    Latin1,
    /// UTF-16, little-endian.
    Utf16Le,
    /// UTF-16, big-endian.
    Utf16Be,
}

impl TextEncoding {
    /// The name reported and accepted back by [`FromStr`]: `utf-8`, `windows-1252`, `iso-8859-1`, `utf-16le`,
    /// `utf-16be`.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Utf8 => "utf-8",
            Self::Windows1252 => "windows-1252",
            Self::Latin1 => "iso-8859-1",
            Self::Utf16Le => "utf-16le",
            Self::Utf16Be => "utf-16be",
        }
    }
}

impl fmt::Display for TextEncoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for TextEncoding {
    type Err = String;

    /// Case, `-` and `_` are ignored: `utf8`, `UTF-8`, `utf-8-sig`, `cp1252`, `windows-1252`, `latin-1`,
    /// `latin1`, `iso-8859-1`, `utf-16le`, `utf-16be`, `utf-16` (little-endian unless a BOM says otherwise).
    ///
    /// ```
    /// use kim_core::registry::TextEncoding;
    /// assert_eq!("CP1252".parse(), Ok(TextEncoding::Windows1252));
    /// assert_eq!("utf-8-sig".parse(), Ok(TextEncoding::Utf8));
    /// assert!("ebcdic".parse::<TextEncoding>().is_err());
    /// ```
    fn from_str(s: &str) -> Result<Self, String> {
        let folded: String = s
            .chars()
            .filter(|c| !matches!(c, '-' | '_' | ' '))
            .collect::<String>()
            .to_ascii_lowercase();
        Ok(match folded.as_str() {
            "utf8" | "utf8sig" => Self::Utf8,
            "cp1252" | "windows1252" => Self::Windows1252,
            "latin1" | "iso88591" | "l1" => Self::Latin1,
            "utf16" | "utf16le" => Self::Utf16Le,
            "utf16be" => Self::Utf16Be,
            _ => {
                return Err(format!(
                    "unknown encoding {s:?}: expected utf-8, cp1252, latin-1, utf-16le or utf-16be"
                ));
            }
        })
    }
}

/// How an import reads its input. Start from [`ImportOptions::default`] and set what differs.
///
/// # Headers
///
/// Headers are folded before they are looked up: lowercase, and every run of spaces and punctuation becomes one
/// `_` (`Tgl. SK` → `tgl_sk`, `Desa/Kelurahan` → `desa_kelurahan`). Besides the kim column names, these built-in
/// aliases are read:
///
/// | kim column | also read from |
/// | --- | --- |
/// | `id` | `id_kim`, `kode_kim`, `no_kim` (KIM table); `id_anggota`, `no_anggota` (member table) |
/// | `kim_id` | `id_kim`, `kode_kim` (member table) |
/// | `name` | `nama`, `nama_kim`, `nama_kelompok` (KIM table); `nama`, `nama_anggota`, `nama_lengkap` (member table) |
/// | `type` | `jenis`, `jenis_kim`, `tipe` |
/// | `seat` | `kode_wilayah`, `kode_desa`, `kode_kelurahan`, `kode_kemendagri` |
/// | `desa` | `kelurahan`, `desa_kelurahan`, `kelurahan_desa`, `desa_kel`, `kel_desa` |
/// | `kecamatan` | `kec` |
/// | `kab_kota` | `kabupaten`, `kota`, `kabupaten_kota`, `kab`, `kota_kabupaten` |
/// | `sk_number` | `nomor_sk`, `no_sk` |
/// | `sk_date` | `tanggal_sk`, `tgl_sk` |
/// | `sk_issuer` | `penerbit_sk`, `pejabat_sk` |
/// | `registration_number` | `nomor_registrasi`, `no_registrasi`, `nomor_pendaftaran`, `no_pendaftaran` |
/// | `registration_date` | `tanggal_registrasi`, `tgl_registrasi`, `tanggal_pendaftaran`, `tgl_pendaftaran` |
/// | `media` | `media_informasi` |
/// | `sectors` | `bidang`, `sektor` |
/// | `statutes` | `ad_art` |
/// | `status` | `status_kim` |
/// | `status_date` | `tanggal_status`, `tgl_status` |
/// | `nik` | `no_nik`, `nomor_nik` |
/// | `sex` | `jenis_kelamin`, `jk` |
/// | `birth_date` | `tanggal_lahir`, `tgl_lahir` |
/// | `role` | `jabatan`, `peran` |
/// | `occupation` | `pekerjaan` |
/// | `term_start` | `mulai_jabatan`, `awal_jabatan`, `tmt` |
/// | `term_end` | `akhir_jabatan`, `selesai_jabatan` |
/// | `residence` | `domisili`, `kode_domisili` |
///
/// [`ImportOptions::columns`] maps any other header and wins over the aliases. Two headers that stand for one
/// column fail the table; an unknown header is a warning in the report, with the nearest known name.
///
/// ```
/// use kim_core::registry::{ImportOptions, TextEncoding};
/// let mut options = ImportOptions::default();
/// options.delimiter = Some(b';');
/// options.encoding = Some(TextEncoding::Windows1252);
/// options.columns.insert("Nama Kelompok".into(), "name".into());
/// assert!(options.dayfirst);
/// assert_eq!((options.min_year, options.max_year), (1900, 2100));
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ImportOptions {
    /// Numeric dates such as `12/07/2022` are day first (12 July 2022). The default, as Indonesian sheets write
    /// them; `false` reads them month first.
    pub dayfirst: bool,
    /// Seats a person confirmed for rows on an earlier [`ImportReport::review`](super::ImportReport::review) list:
    /// a KIM id, or a [`place_key`](super::place_key) of the row's place texts, mapped to the chosen village. A
    /// row whose id (first) or place key is here gets that seat without matching names; the code must be a village
    /// of the reference. Empty by default.
    pub places: BTreeMap<String, Kode>,
    /// The CSV encoding; `None` detects it (see [`TextEncoding`]).
    pub encoding: Option<TextEncoding>,
    /// The CSV delimiter; `None` detects it from the header line among `,` `;` tab `|`.
    pub delimiter: Option<u8>,
    /// Header names mapped to kim column names (`"Nama Kelompok" → "name"`), applied before the built-in
    /// Indonesian aliases. Keys are matched with case, spaces and punctuation folded.
    pub columns: HashMap<String, String>,
    /// The earliest year a date may have (`KIM-E-DATE` before it). Default 1900.
    pub min_year: i32,
    /// The latest year a date may have (`KIM-E-DATE` after it). Default 2100.
    pub max_year: i32,
    /// At most this many row errors are kept per table; the rest are only counted
    /// ([`TableReport::error_counts`](crate::registry::TableReport::error_counts)). Default 1,000.
    pub max_errors: usize,
    /// Stop reading a table after this many rejected rows (the report says where it stopped). `None` (default)
    /// reads every row.
    pub max_bad_rows: Option<usize>,
    /// A CSV header with more columns than this fails the table (`KIM-E-CSV`). Default 1,000.
    pub max_columns: usize,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            dayfirst: true,
            places: BTreeMap::new(),
            encoding: None,
            delimiter: None,
            columns: HashMap::new(),
            min_year: 1900,
            max_year: 2100,
            max_errors: 1000,
            max_bad_rows: None,
            max_columns: 1000,
        }
    }
}
