//! Options for CSV and record import ([`crate::registry::Registry::import_csv_with`] and its siblings).

use std::collections::BTreeMap;

use crate::wilayah::Kode;

/// How an import reads its input. Start from [`ImportOptions::default`] and set what differs.
///
/// ```
/// use kim_core::registry::ImportOptions;
/// let mut options = ImportOptions::default();
/// options.dayfirst = true;
/// assert!(ImportOptions::default().dayfirst);
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ImportOptions {
    /// Numeric dates such as `12/07/2022` are day first (12 July 2022). The default, as Indonesian sheets write them.
    pub dayfirst: bool,
    /// Seats a person confirmed for rows on an earlier [`ImportReport::review`](super::ImportReport::review) list:
    /// a KIM id, or a [`place_key`](super::place_key) of the row's place texts, mapped to the chosen village. A
    /// row whose id (first) or place key is here gets that seat without matching names; the code must be a village
    /// of the reference. Empty by default.
    pub places: BTreeMap<String, Kode>,
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self {
            dayfirst: true,
            places: BTreeMap::new(),
        }
    }
}
