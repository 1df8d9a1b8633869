//! Header names: the kim columns, the built-in Indonesian aliases, a user mapping, and a warning with the nearest
//! known name for a header that is none of them.
//!
//! Headers are folded before they are looked up: lowercase, and every run of spaces and punctuation becomes one
//! `_` (`Tgl. SK` → `tgl_sk`, `Desa/Kelurahan` → `desa_kelurahan`). The built-in aliases are listed in the docs
//! of [`ImportOptions`].
//!
//! [`ImportOptions::columns`] maps any other header (folded the same way) and wins over the aliases.

use std::collections::HashMap;

use super::options::ImportOptions;
use super::report::ImportWarning;
use crate::privacy::mask_text;

/// Which table a header belongs to: a few aliases differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Table {
    Kims,
    Members,
    /// A table of another module read through the same machinery ([`import_table`](super::import_table)).
    Other(&'static TableSpec),
}

/// The columns of a table that another module of kim-core imports with the registry's CSV reader (pembinaan
/// activities, attendance lists): its names, its aliases (folded, see [`fold`]) and the required columns.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct TableSpec {
    /// The column names.
    pub(crate) names: &'static [&'static str],
    /// `(alias, name)` pairs.
    pub(crate) aliases: &'static [(&'static str, &'static str)],
    /// Columns the header must all have.
    pub(crate) all: &'static [&'static str],
    /// Columns the header must have at least one of (none: no such requirement).
    pub(crate) any: &'static [&'static str],
}

pub(super) const KIM_COLUMN_NAMES: &[&str] = &[
    "id",
    "name",
    "type",
    "seat",
    "desa",
    "kecamatan",
    "kab_kota",
    "sk_number",
    "sk_date",
    "sk_issuer",
    "registration_number",
    "registration_date",
    "registration_kab_kota",
    "formation_kind",
    "formation_reference",
    "formation_date",
    "media",
    "sectors",
    "statutes",
    "status",
    "status_date",
];

pub(super) const MEMBER_COLUMN_NAMES: &[&str] = &[
    "kim_id",
    "id",
    "name",
    "nik",
    "sex",
    "birth_date",
    "role",
    "occupation",
    "term_start",
    "term_end",
    "clean_record",
    "residence",
];

const COMMON_ALIASES: &[(&str, &str)] = &[
    ("jenis", "type"),
    ("jenis_kim", "type"),
    ("tipe", "type"),
    ("kode_wilayah", "seat"),
    ("kode_desa", "seat"),
    ("kode_kelurahan", "seat"),
    ("kode_kemendagri", "seat"),
    ("kelurahan", "desa"),
    ("desa_kelurahan", "desa"),
    ("kelurahan_desa", "desa"),
    ("desa_kel", "desa"),
    ("kel_desa", "desa"),
    ("kec", "kecamatan"),
    ("kabupaten", "kab_kota"),
    ("kota", "kab_kota"),
    ("kabupaten_kota", "kab_kota"),
    ("kota_kabupaten", "kab_kota"),
    ("kab", "kab_kota"),
    ("nomor_sk", "sk_number"),
    ("no_sk", "sk_number"),
    ("tanggal_sk", "sk_date"),
    ("tgl_sk", "sk_date"),
    ("penerbit_sk", "sk_issuer"),
    ("pejabat_sk", "sk_issuer"),
    ("nomor_registrasi", "registration_number"),
    ("no_registrasi", "registration_number"),
    ("nomor_pendaftaran", "registration_number"),
    ("no_pendaftaran", "registration_number"),
    ("tanggal_registrasi", "registration_date"),
    ("tgl_registrasi", "registration_date"),
    ("tanggal_pendaftaran", "registration_date"),
    ("tgl_pendaftaran", "registration_date"),
    ("media_informasi", "media"),
    ("bidang", "sectors"),
    ("sektor", "sectors"),
    ("ad_art", "statutes"),
    ("status_kim", "status"),
    ("tanggal_status", "status_date"),
    ("tgl_status", "status_date"),
    ("no_nik", "nik"),
    ("nomor_nik", "nik"),
    ("jenis_kelamin", "sex"),
    ("jk", "sex"),
    ("tanggal_lahir", "birth_date"),
    ("tgl_lahir", "birth_date"),
    ("jabatan", "role"),
    ("peran", "role"),
    ("pekerjaan", "occupation"),
    ("mulai_jabatan", "term_start"),
    ("awal_jabatan", "term_start"),
    ("tmt", "term_start"),
    ("akhir_jabatan", "term_end"),
    ("selesai_jabatan", "term_end"),
    ("domisili", "residence"),
    ("kode_domisili", "residence"),
];

const KIM_ALIASES: &[(&str, &str)] = &[
    ("id_kim", "id"),
    ("kode_kim", "id"),
    ("no_kim", "id"),
    ("nama", "name"),
    ("nama_kim", "name"),
    ("nama_kelompok", "name"),
];

const MEMBER_ALIASES: &[(&str, &str)] = &[
    ("id_kim", "kim_id"),
    ("kode_kim", "kim_id"),
    ("id_anggota", "id"),
    ("no_anggota", "id"),
    ("nama", "name"),
    ("nama_anggota", "name"),
    ("nama_lengkap", "name"),
];

/// Lowercase; every run of characters that are not letters or digits becomes one `_`, none at either end.
pub(super) fn fold(header: &str) -> String {
    let mut out = String::with_capacity(header.len());
    for c in header.trim_start_matches('\u{feff}').chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    if out.ends_with('_') {
        out.pop();
    }
    out
}

impl Table {
    fn names(self) -> &'static [&'static str] {
        match self {
            Self::Kims => KIM_COLUMN_NAMES,
            Self::Members => MEMBER_COLUMN_NAMES,
            Self::Other(spec) => spec.names,
        }
    }

    fn aliases(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Self::Kims => KIM_ALIASES,
            Self::Members => MEMBER_ALIASES,
            Self::Other(spec) => spec.aliases,
        }
    }

    /// The kim column a header stands for, or `None`.
    pub(super) fn column(self, header: &str, options: &ImportOptions) -> Option<&'static str> {
        let f = fold(header);
        let known = |name: &str| self.names().iter().copied().find(|n| *n == name);
        if let Some((_, to)) = options.columns.iter().find(|(k, _)| fold(k) == f) {
            return known(&fold(to));
        }
        known(&f).or_else(|| {
            self.aliases()
                .iter()
                .chain(COMMON_ALIASES)
                .find(|(a, _)| *a == f)
                .and_then(|(_, to)| known(to))
        })
    }

    /// The warning for a header that is no kim column, with the nearest known name or alias when one is close.
    pub(super) fn unknown(self, header: &str, options: &ImportOptions) -> ImportWarning {
        let f = fold(header);
        let mapped = options.columns.iter().find(|(k, _)| fold(k) == f);
        let candidates = self
            .names()
            .iter()
            .map(|n| (*n, *n))
            .chain(self.aliases().iter().chain(COMMON_ALIASES).copied());
        let best = candidates
            .map(|(a, to)| (strsim::jaro_winkler(&f, a), to))
            .filter(|(s, _)| *s >= 0.85)
            .max_by(|x, y| x.0.total_cmp(&y.0));
        let header = mask_text(header);
        let message = match (mapped, best) {
            (Some((_, to)), _) => format!(
                "column `{header}` is mapped to `{}`, which is not a kim column; it is ignored",
                mask_text(to)
            ),
            (None, Some((_, to))) => {
                format!("unknown column `{header}` is ignored; did you mean `{to}`?")
            }
            (None, None) => format!("unknown column `{header}` is ignored"),
        };
        ImportWarning {
            column: header,
            suggestion: best
                .filter(|_| mapped.is_none())
                .map(|(_, to)| to.to_owned()),
            message,
        }
    }
}

/// At most this many unknown columns are listed one by one; the rest are counted in one more warning.
pub(super) const MAX_WARNINGS: usize = 100;

/// The warning that counts the unknown columns beyond [`MAX_WARNINGS`].
pub(super) fn more_unknown(n: usize) -> ImportWarning {
    ImportWarning {
        column: String::new(),
        suggestion: None,
        message: format!("and {n} more unknown columns, ignored"),
    }
}

/// The kim column of each header (`None`: unknown, with a warning), or an error naming two headers that stand for
/// the same column.
pub(super) fn map_headers(
    table: Table,
    headers: &[String],
    options: &ImportOptions,
) -> Result<(Vec<Option<&'static str>>, Vec<ImportWarning>), String> {
    let mut seen: HashMap<&'static str, &str> = HashMap::new();
    let mut out = Vec::with_capacity(headers.len());
    let mut warnings = Vec::new();
    let mut unlisted = 0;
    for h in headers {
        let col = table.column(h, options);
        match col {
            Some(c) => {
                if let Some(first) = seen.insert(c, h) {
                    return Err(format!(
                        "columns `{}` and `{}` both stand for `{c}`: keep one, or map one elsewhere with the \
                         `columns` option",
                        mask_text(first),
                        mask_text(h)
                    ));
                }
            }
            None if h.trim().is_empty() => {}
            None if warnings.len() >= MAX_WARNINGS => unlisted += 1,
            None => warnings.push(table.unknown(h, options)),
        }
        out.push(col);
    }
    if unlisted > 0 {
        warnings.push(more_unknown(unlisted));
    }
    Ok((out, warnings))
}
