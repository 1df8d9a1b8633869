//! Options for CSV and record import ([`crate::registry::Registry::import_csv_with`] and its siblings).

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
}

impl Default for ImportOptions {
    fn default() -> Self {
        Self { dayfirst: true }
    }
}
