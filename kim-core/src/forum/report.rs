//! The result of the forum checks: [`ForumReport`], whose `ok` is computed from its findings.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::SCHEMA_VERSION;
use crate::rules::{Finding, check_findings_doc, no_errors};

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

/// A forum report as read from JSON, before its checks.
#[derive(Deserialize)]
struct ForumReportDoc {
    schema_version: u64,
    as_of: NaiveDate,
    overlay: Option<String>,
    ok: bool,
    findings: Vec<Finding>,
}

impl TryFrom<ForumReportDoc> for ForumReport {
    type Error = crate::Error;

    fn try_from(d: ForumReportDoc) -> crate::Result<Self> {
        check_findings_doc(d.schema_version, d.ok, &d.findings)?;
        Ok(Self {
            as_of: d.as_of,
            overlay: d.overlay,
            findings: d.findings,
        })
    }
}

impl Serialize for ForumReport {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct as _;
        let mut s = serializer.serialize_struct("ForumReport", 5)?;
        s.serialize_field("schema_version", &SCHEMA_VERSION)?;
        s.serialize_field("as_of", &self.as_of)?;
        s.serialize_field("overlay", &self.overlay)?;
        s.serialize_field("ok", &self.ok())?;
        s.serialize_field("findings", &self.findings)?;
        s.end()
    }
}

impl ForumReport {
    /// True if no finding is an error.
    #[must_use]
    pub fn ok(&self) -> bool {
        no_errors(&self.findings)
    }

    /// The schema version of the JSON, [`SCHEMA_VERSION`].
    #[must_use]
    pub fn schema_version(&self) -> u64 {
        SCHEMA_VERSION
    }

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
