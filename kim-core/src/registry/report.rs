//! The outcome of an import: [`ImportReport`], one [`TableReport`] per table.

use serde::Serialize;

use super::review::ReviewItem;
use crate::error::RowError;

/// Outcome of importing one table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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
    /// Every problem of every rejected row (a row may have several).
    pub errors: Vec<RowError>,
}

impl TableReport {
    pub(super) fn reject(&mut self, errs: Vec<RowError>) {
        self.rejected += 1;
        self.errors.extend(errs);
    }
}

/// Outcome of an import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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
    pub fn is_clean(&self) -> bool {
        self.kims.rejected == 0 && self.members.rejected == 0
    }

    /// A message for people: the counts, then the first `max` problems as `kims line N, field F: reason`, then
    /// `… and K more`. Reasons and values are masked already (see [`RowError`]).
    ///
    /// ```
    /// use kim_core::registry::Registry;
    /// let kims = "id,name,seat\nK1,KIM,64.0x\nK2,KIM,64.02.01.2001\n";
    /// let (_, report) = Registry::import_csv(kims.as_bytes(), None::<&[u8]>, None)?;
    /// let text = report.summary(10);
    /// assert!(text.starts_with("1 of 2 KIM rows and 0 of 0 member rows rejected:\n  kims line 2, field seat: "));
    /// # Ok::<(), kim_core::Error>(())
    /// ```
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
        let all = [("kims", &self.kims), ("members", &self.members)]
            .into_iter()
            .flat_map(|(table, t)| t.errors.iter().map(move |e| (table, e)));
        let total = self.kims.errors.len() + self.members.errors.len();
        if total > 0 {
            out.push(':');
        }
        for (table, e) in all.take(max) {
            let _ = write!(out, "\n  {table} line {}", e.line);
            if !e.field.is_empty() {
                let _ = write!(out, ", field {}", e.field);
            }
            let _ = write!(out, ": {}", e.reason);
        }
        if total > max {
            let _ = write!(out, "\n  … and {} more", total - max);
        }
        out
    }
}
