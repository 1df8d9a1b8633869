//! The result of the forum checks: [`ForumReport`], whose `ok` is computed from its findings.

use chrono::NaiveDate;
use serde::Deserialize;

use crate::rules::Finding;

/// The result of [`check_forums`](super::check_forums). [`ForumReport::ok`] is computed from the findings; reading one from JSON checks
/// `schema_version` and `ok`, as [`Report`](crate::rules::Report) does.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "ForumReportDoc")]
#[non_exhaustive]
pub struct ForumReport {
    /// The date checked.
    pub as_of: NaiveDate,
    /// The overlay applied, if any.
    pub overlay: Option<String>,
    /// Every finding, sorted by severity, code and path.
    pub findings: Vec<Finding>,
}

crate::rules::findings_document!(ForumReport, ForumReportDoc {
    as_of: NaiveDate,
    overlay: Option<String>,
});

impl ForumReport {
    /// True if some finding has this code.
    #[must_use]
    pub fn has(&self, code: &str) -> bool {
        self.findings.iter().any(|f| f.code == code)
    }

    /// The findings with this code.
    pub fn with_code<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Finding> + 'a {
        self.findings.iter().filter(move |f| f.code == code)
    }
}
