//! The review list of an import: rows whose place names fit several villages, or only near spellings, with their
//! ranked candidates, so that a person can confirm the seats in bulk (see [`ImportOptions::places`]).
//!
//! [`ImportOptions::places`]: super::ImportOptions::places

use serde::{Deserialize, Serialize};

use crate::wilayah::NameMatch;

/// Why a row is on the review list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReviewReason {
    /// Several villages fit the names exactly (`KIM-E-NAME-AMBIGUOUS`).
    Ambiguous,
    /// Only near spellings fit (`KIM-E-NAME-UNCERTAIN`), even if just one.
    Uncertain,
}

/// One KIM row whose seat needs a person's choice. The row itself is rejected (with its error in
/// [`TableReport::errors`](super::TableReport::errors)); confirm a candidate through
/// [`ImportOptions::places`](super::ImportOptions::places), keyed by [`ReviewItem::key`] or by the KIM id, and
/// import again.
///
/// JSON: `{"line", "id", "desa", "kecamatan", "kab_kota", "key", "reason", "candidates": [NameMatch, …]}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReviewItem {
    /// The row's line (1 = header).
    pub line: u64,
    /// The row's KIM id, if it has one.
    pub id: Option<String>,
    /// The raw `desa` text.
    pub desa: String,
    /// The raw `kecamatan` text, if any.
    pub kecamatan: Option<String>,
    /// The raw `kab_kota` text, if any.
    pub kab_kota: Option<String>,
    /// The normalised place text, the key for [`ImportOptions::places`](super::ImportOptions::places): see
    /// [`place_key`].
    pub key: String,
    /// Ambiguous or uncertain.
    pub reason: ReviewReason,
    /// The ranked candidates (best first, at most 10), each with its kecamatan and kab/kota names.
    pub candidates: Vec<NameMatch>,
}

// Scores are never NaN.
impl Eq for ReviewItem {}

/// The key of a row's place text for [`ImportOptions::places`](super::ImportOptions::places): the `desa`,
/// `kecamatan` and `kab_kota` texts, each lower-cased with runs of anything but letters and digits made one space,
/// joined by ` | ` (absent fields are empty).
///
/// ```
/// use kim_core::registry::place_key;
/// assert_eq!(place_key("Desa  SUKAMAJU", Some("Kec. Cikarang"), None), "desa sukamaju | kec cikarang | ");
/// ```
#[must_use]
pub fn place_key(desa: &str, kecamatan: Option<&str>, kab_kota: Option<&str>) -> String {
    [Some(desa), kecamatan, kab_kota]
        .map(|t| crate::wilayah::normalise_name(t.unwrap_or("")))
        .join(" | ")
}
