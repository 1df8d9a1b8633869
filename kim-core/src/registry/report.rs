//! The outcome of an import: [`ImportReport`], one [`TableReport`] per table.

use std::collections::BTreeMap;

use serde::Serialize;

use super::review::ReviewItem;
use crate::error::RowError;

/// A header the import did not use: unknown (with the nearest known name when one is close) or mapped to a name
/// that is not a kim column. Its cells are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ImportWarning {
    /// The header as written (masked if it looks like personal data).
    pub column: String,
    /// The kim column it probably means (`stauts` → `status`), if one is close.
    pub suggestion: Option<String>,
    /// A sentence for people.
    pub message: String,
}

/// Outcome of importing one table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TableReport {
    /// Data rows read (header excluded).
    pub rows_in: usize,
    /// Rows kept as they are.
    pub accepted: usize,
    /// Rows rejected; `rows_in == accepted + accepted_with_findings + rejected`.
    pub rejected: usize,
    /// Rows kept with a value that validation flags: legacy issuer, role or occupation text, an SK without an
    /// issuer (the raw text is kept on the record).
    /// After `rejected`, so that readers of the earlier `rows_in, accepted, rejected` prefix keep working.
    pub accepted_with_findings: usize,
    /// The problems of the rejected rows (a row may have several), the first
    /// [`ImportOptions::max_errors`](crate::registry::ImportOptions::max_errors) of them; see `error_counts`.
    pub errors: Vec<RowError>,
    /// How many problems of each code there were, including those beyond `errors`.
    pub error_counts: BTreeMap<String, usize>,
    /// True when `errors` holds fewer problems than `error_counts` counts.
    pub errors_truncated: bool,
    /// The line at which reading stopped because
    /// [`ImportOptions::max_bad_rows`](crate::registry::ImportOptions::max_bad_rows) rows were rejected; the rows
    /// after it were not read (nor counted in `rows_in`).
    pub stopped_at_line: Option<u64>,
    /// The encoding the CSV was read with (`utf-8`, `windows-1252`, …); `None` for records.
    pub encoding: Option<String>,
    /// The CSV delimiter used; `None` for records.
    pub delimiter: Option<char>,
    /// Columns that were not used.
    pub warnings: Vec<ImportWarning>,
}

impl TableReport {
    /// Counts a rejected row and keeps its problems while fewer than `max_errors` are kept.
    pub(super) fn reject(&mut self, errs: Vec<RowError>, max_errors: usize) {
        self.rejected += 1;
        for e in errs {
            *self.error_counts.entry(e.code.to_owned()).or_default() += 1;
            if self.errors.len() < max_errors {
                self.errors.push(e);
            } else {
                self.errors_truncated = true;
            }
        }
    }

    /// The number of problems, kept or not.
    #[must_use]
    pub fn error_total(&self) -> usize {
        self.error_counts.values().sum()
    }
}

/// Outcome of an import.
///
/// ```
/// use std::collections::HashMap;
/// use kim_core::registry::Registry;
/// let row = |id: &str, seat: &str| {
///     HashMap::from([("id", id.to_owned()), ("name", format!("KIM {id}")), ("seat", seat.to_owned())])
///         .into_iter().map(|(k, v)| (k.to_owned(), v)).collect::<HashMap<String, String>>()
/// };
/// let (registry, report) = Registry::import_records(&[row("K1", "64.02.01.2001"), row("K2", "64.0x")], &[], None);
/// assert_eq!((registry.len(), report.kims.rows_in, report.kims.rejected), (1, 2, 1));
/// assert!(!report.is_clean());
/// let e = &report.kims.errors[0];
/// assert_eq!((e.line, e.field.as_str()), (2, "seat")); // the second record, its seat
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ImportReport {
    /// The KIM table.
    pub kims: TableReport,
    /// The member table.
    pub members: TableReport,
    /// KIM rows whose place names fit several villages or only near spellings, with ranked candidates to confirm
    /// (see [`ReviewItem`]). Each is also a rejected row.
    pub review: Vec<ReviewItem>,
}

impl ImportReport {
    /// True if nothing was rejected.
    #[must_use]
    pub fn is_clean(&self) -> bool {
        self.kims.rejected == 0 && self.members.rejected == 0
    }

    /// A message for people: the counts; for a CSV table its encoding and delimiter; unused columns; where reading
    /// stopped; then the first `max` problems as `kims line N, field F: reason`, then `… and K more` with the count
    /// of each code. Reasons and values are masked already (see [`RowError`]).
    ///
    /// ```
    /// # #[cfg(feature = "csv")] {
    /// use kim_core::registry::Registry;
    /// let kims = "id,name,seat\nK1,KIM,64.0x\nK2,KIM,64.02.01.2001\n";
    /// let (_, report) = Registry::import_csv(kims.as_bytes(), None::<&[u8]>, None)?;
    /// let text = report.summary(10);
    /// assert!(text.starts_with("1 of 2 KIM rows and 0 of 0 member rows rejected\n  kims: read as utf-8, delimiter ','"));
    /// assert!(text.contains("\nproblems:\n  kims line 2, field seat: "));
    /// # }
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[must_use]
    pub fn summary(&self, max: usize) -> String {
        use std::fmt::Write;
        let mut out = format!(
            "{} of {} KIM rows and {} of {} member rows rejected",
            self.kims.rejected, self.kims.rows_in, self.members.rejected, self.members.rows_in
        );
        let flagged = self.kims.accepted_with_findings + self.members.accepted_with_findings;
        if flagged > 0 {
            let _ = write!(
                out,
                " ({} KIM rows and {} member rows accepted with findings: legacy values kept, see validation)",
                self.kims.accepted_with_findings, self.members.accepted_with_findings
            );
        }
        let tables = [("kims", &self.kims), ("members", &self.members)];
        for (table, t) in tables {
            if let (Some(enc), Some(delim)) = (&t.encoding, t.delimiter) {
                let _ = write!(out, "\n  {table}: read as {enc}, delimiter {delim:?}");
            }
            for w in &t.warnings {
                let _ = write!(out, "\n  {table} warning: {}", w.message);
            }
            if let Some(line) = t.stopped_at_line {
                let _ = write!(
                    out,
                    "\n  {table}: stopped at line {line} after {} rejected rows (max_bad_rows); later rows were not read",
                    t.rejected
                );
            }
        }
        let all = tables
            .into_iter()
            .flat_map(|(table, t)| t.errors.iter().map(move |e| (table, e)));
        let total = self.kims.error_total() + self.members.error_total();
        if total > 0 {
            out.push_str("\nproblems:");
        }
        for (table, e) in all.take(max) {
            let _ = write!(out, "\n  {table} line {}", e.line);
            if !e.field.is_empty() {
                let _ = write!(out, ", field {}", e.field);
            }
            let _ = write!(out, ": {}", e.reason);
        }
        let shown = (self.kims.errors.len() + self.members.errors.len()).min(max);
        if total > shown {
            let _ = write!(out, "\n  … and {} more (", total - shown);
            for (i, (table, t)) in tables.into_iter().enumerate() {
                let counts: Vec<String> = t
                    .error_counts
                    .iter()
                    .map(|(c, n)| format!("{c} {n}"))
                    .collect();
                let _ = write!(
                    out,
                    "{}{table}: {}",
                    if i > 0 { "; " } else { "" },
                    if counts.is_empty() {
                        "none".to_owned()
                    } else {
                        counts.join(", ")
                    }
                );
            }
            out.push(')');
        }
        out
    }
}
