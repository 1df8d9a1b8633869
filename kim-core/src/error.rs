//! The one error type of kim-core.
//!
//! [`Error`] means the *input or the call* was unusable. Rule violations of a KIM are not errors: they are
//! [`Finding`](crate::rules::Finding)s in a [`Report`](crate::rules::Report).
//!
//! Every variant carries structured fields (line, field, byte offset, offending value) and formats late. Each has a
//! stable [`Error::code`]. A NIK never appears in full in any variant: values are masked before they are stored.
//!
//! This module depends on nothing of the crate but [`crate::vocab`]. The constructors that take user text and mask
//! it ([`RowError::new`] and the JSON and CSV conversions) live in [`crate::privacy`], which owns masking.
//!
//! ```
//! use kim_core::{Error, ErrorFamily, error::CodeProblem, wilayah::Kode};
//! match Kode::parse("64.0x") {
//!     Err(Error::InvalidCode { byte, problem, .. }) => {
//!         assert_eq!((byte, problem), (4, CodeProblem::UnexpectedByte));
//!     }
//!     other => panic!("{other:?}"),
//! }
//! let err = Kode::parse("").unwrap_err();
//! assert_eq!((err.code(), err.family()), ("KIM-E-CODE", ErrorFamily::Code));
//! ```

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use crate::vocab::Status;

/// Why a string is not a Kemendagri code. See [`Error::InvalidCode`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CodeProblem {
    /// The input is empty.
    Empty,
    /// A byte that is neither a digit nor a dot where one was expected.
    UnexpectedByte,
    /// A segment has the wrong number of digits, or there are too many segments.
    BadLength,
    /// A segment is all zeros (`00`, `0000`); Kemendagri never uses one.
    ZeroSegment,
    /// The village segment does not start with 1 (kelurahan), 2 (desa) or 3 (desa adat).
    VillageKind,
}

impl fmt::Display for CodeProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Empty => "empty code",
            Self::UnexpectedByte => "unexpected character",
            Self::BadLength => {
                "expected PP, PP.KK, PP.KK.CC or PP.KK.CC.XNNN (or 2, 4, 6 or 10 digits)"
            }
            Self::ZeroSegment => "a segment of zeros is never used",
            Self::VillageKind => {
                "village segment must start with 1 (kelurahan), 2 (desa) or 3 (desa adat)"
            }
        })
    }
}

/// Why a string is not a structurally valid NIK. See [`Error::InvalidNik`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NikProblem {
    /// Not exactly 16 digits (after removing spaces and dots).
    Length,
    /// A character that is not a digit, space or dot.
    NotDigit,
    /// The region part (`PPKKCC`) has a zero segment.
    Region,
    /// The day is not 01–31 (men) or 41–71 (women).
    Day,
    /// The month is not 01–12.
    Month,
    /// Day and month do not form a calendar date (e.g. 30 February).
    Date,
    /// The serial part is `0000`.
    Serial,
    /// The first two digits are not one of the 38 province codes (`11`–`96`) of the embedded code list.
    UnknownProvince {
        /// The two digits (a province code is not personal data).
        code: u8,
    },
    /// The NIK came as a number that cannot be a NIK written exactly: negative, not a whole number, not finite, or
    /// a float above 2^53, where a float cannot hold every integer (so the digits may have changed).
    Inexact,
    /// The NIK is masked (`6402**********01`): a display copy, not the data.
    Masked,
}

impl fmt::Display for NikProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Length => "a NIK has exactly 16 digits",
            Self::NotDigit => "a NIK has only digits (spaces and dots are ignored)",
            Self::Region => "the region part PPKKCC has a zero segment",
            Self::Day => "the day must be 01-31, or 41-71 for women",
            Self::Month => "the month must be 01-12",
            Self::Date => "day and month are not a calendar date",
            Self::Serial => "the serial number is never 0000",
            Self::UnknownProvince { code } => {
                return write!(
                    f,
                    "the province part {code:02} is not one of the 38 province codes"
                );
            }
            Self::Masked => {
                "the NIK is masked (a display copy): validate the data itself, e.g. Registry.get(id, reveal=True) \
                 in Python, Registry::get in Rust, or the registry JSON"
            }
            Self::Inexact => {
                "a NIK given as a number must be a whole number no larger than 2^53; above that a float cannot \
                 hold every 16-digit number, so the digits may not be the ones written"
            }
        })
    }
}

pub use crate::vocab::ParseValueError;

/// Why a text is not a date: the error of [`crate::registry::parse_date`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[non_exhaustive]
pub enum DateProblem {
    /// Not in a date format kim reads (`YYYY-MM-DD`, `DD/MM/YYYY`, a month name).
    NotADate,
    /// The year does not have four digits.
    Year,
    /// Day and month are not a calendar date (30 February).
    NotACalendarDate,
    /// Not a calendar date in the order asked for, but one in the other order (day first or month first).
    OtherOrder {
        /// The order asked for: true when day first.
        dayfirst: bool,
    },
    /// A date whose year is outside the plausible window.
    OutsideWindow {
        /// The year read.
        year: i32,
        /// The first year allowed.
        min: i32,
        /// The last year allowed.
        max: i32,
    },
}

/// A text that is not a date: [`DateError::problem`] to match on, and the message (in English) as its `Display`.
///
/// ```
/// use kim_core::error::DateProblem;
/// let err = kim_core::registry::parse_date("1850-01-01").unwrap_err();
/// assert_eq!(err.problem, DateProblem::OutsideWindow { year: 1850, min: 1900, max: 2100 });
/// assert!(err.to_string().starts_with("year 1850 is outside"));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DateError {
    /// What is wrong.
    pub problem: DateProblem,
    message: String,
}

impl DateError {
    pub(crate) fn new(problem: DateProblem, message: String) -> Self {
        Self { problem, message }
    }
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DateError {}

impl From<DateError> for String {
    fn from(e: DateError) -> String {
        e.message
    }
}

/// The kind of an [`Error::InvalidArgument`], to match on without reading its message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ArgumentProblem {
    /// A code of the wrong level: a kecamatan where a province is needed, rows that cannot lie inside the unit given.
    WrongLevel,
    /// Dates in the wrong order: a period that ends before it starts, an audit event before the last one.
    DateOrder,
    /// A number or a date outside its allowed range: a ratio outside [0, 1], a window of 0 months, too many dates.
    OutOfRange,
    /// A name that is none of the known values: a code-list version, a level name.
    Unknown,
    /// Inputs or options that do not go together: observations of another rubric, an edit that changes the id, an
    /// entry id used twice.
    Conflict,
    /// Something required is absent: no active status, no national profile, no threshold.
    Missing,
    /// A value that cannot be read or compiled: a link pattern, a lexicon's patterns, a line of a code-list delta, a
    /// date.
    Malformed,
    /// A capability this build lacks (a cargo feature that is off).
    Unsupported,
}

impl fmt::Display for ArgumentProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::WrongLevel => "wrong level",
            Self::DateOrder => "dates out of order",
            Self::OutOfRange => "out of range",
            Self::Unknown => "unknown value",
            Self::Conflict => "conflicting inputs",
            Self::Missing => "missing input",
            Self::Malformed => "malformed value",
            Self::Unsupported => "not supported by this build",
        })
    }
}

/// One rejected row of an import, with where and why.
///
/// `line` is the 1-based physical line in the source file (the header is line 1 of a CSV); for JSON record lists it
/// is the 1-based record number. `value` is masked when it could hold personal data.
///
/// ```
/// use kim_core::{error::RowError, wilayah::Reference};
/// let err = Reference::from_tsv("64\tKalimantan Timur\n64.0x\tKutai Kartanegara\n").unwrap_err();
/// let row = &err.rows()[0];
/// assert_eq!((row.line, row.field.as_str(), row.code), (2, "code", "KIM-E-CODE"));
/// // A value that may be a NIK is masked when the error is built.
/// let nik = RowError::new(3, "nik", "6402014101900001", "KIM-E-NIK", "serial 0000");
/// assert_eq!(nik.to_string(), r#"line 3, field `nik`: serial 0000 (value "6402**********01") [KIM-E-NIK]"#);
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct RowError {
    /// 1-based line (CSV) or record number (record lists).
    pub line: u64,
    /// The column or field name, e.g. `seat` or `members[2].nik`.
    pub field: String,
    /// The offending value, truncated to 80 characters and masked if it may be a NIK.
    pub value: String,
    /// Stable code of the problem, e.g. `KIM-E-CODE`.
    pub code: &'static str,
    /// Human-readable reason, in English.
    pub reason: String,
}

impl fmt::Display for RowError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "line {}, field `{}`: {} (value {:?}) [{}]",
            self.line, self.field, self.reason, self.value, self.code
        )
    }
}

/// Every way a kim-core call can fail.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A string is not a Kemendagri code.
    #[error("invalid Kemendagri code {input:?} at byte {byte}: {problem}")]
    InvalidCode {
        /// The input, truncated to 32 characters, with any NIK or phone number masked.
        input: String,
        /// 0-based byte offset of the problem.
        byte: usize,
        /// What is wrong.
        problem: CodeProblem,
    },
    /// A string is not a structurally valid NIK. The value is stored masked.
    #[error("invalid NIK {masked}: {problem}")]
    InvalidNik {
        /// The input, masked (`6402**********01`).
        masked: String,
        /// What is wrong.
        problem: NikProblem,
    },
    /// A code list (reference) could not be loaded; every bad row is listed.
    #[error("code list rejected: {} bad row(s), first: {}", rows.len(), rows.first().map_or_else(String::new, ToString::to_string))]
    ReferenceRows {
        /// Every bad row, in file order.
        rows: Vec<RowError>,
    },
    /// A moderation lexicon file was rejected; every bad line is listed.
    #[error("lexicon rejected: {} bad line(s), first: {}", rows.len(), rows.first().map_or_else(String::new, ToString::to_string))]
    Lexicon {
        /// Every bad line, in file order.
        rows: Vec<RowError>,
    },
    /// A review-case transition that the workflow does not allow.
    #[error("case {case}: cannot {action} while the case is {state}")]
    CaseTransition {
        /// The case id.
        case: String,
        /// The state the case is in.
        state: &'static str,
        /// What was attempted.
        action: &'static str,
    },
    /// A review-case action taken in a role that may not take it (an author deciding, a moderator appealing).
    #[error("case {case}: the role {role} may not {action}")]
    CaseRole {
        /// The case id.
        case: String,
        /// The role that tried (snake_case, as in JSON).
        role: &'static str,
        /// What was attempted.
        action: &'static str,
    },
    /// A CSV file could not be read at all (bad header, I/O, broken quoting).
    #[error("CSV error at line {line}: {message}")]
    Csv {
        /// 1-based line, 0 when unknown.
        line: u64,
        /// What went wrong.
        message: String,
    },
    /// A required CSV column is missing from the header.
    #[error("CSV header lacks the required column `{column}`")]
    MissingColumn {
        /// The column name.
        column: String,
    },
    /// JSON could not be parsed into the expected shape.
    #[error("JSON error at line {line}, column {column}: {message}")]
    Json {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde_json said, with personal data masked.
        message: String,
    },
    /// A JSON value (already parsed, e.g. a Python dict) does not fit the expected shape; `path` says where.
    #[error("{path}: {message}")]
    JsonAt {
        /// Where, e.g. `members[m2].nik` (a member by its id, masked if it looks like personal data), or `name`.
        path: String,
        /// What is wrong, with personal data masked.
        message: String,
    },
    /// A JSON document has a `schema_version` this library does not read.
    #[error("unsupported schema_version {found} (this library reads {supported})")]
    SchemaVersion {
        /// The version found.
        found: u64,
        /// The version supported.
        supported: u64,
    },
    /// A file could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
    /// A status change that the lifecycle does not allow.
    #[error("KIM {kim}: cannot change status from {} to {to} on {date}", from.map_or("nothing".to_owned(), |s| s.to_string()))]
    InvalidTransition {
        /// The KIM id.
        kim: String,
        /// The status before (None: no status yet).
        from: Option<Status>,
        /// The status asked for.
        to: Status,
        /// The date of the change.
        date: NaiveDate,
    },
    /// An event is dated before the last event already applied to the same KIM.
    #[error("KIM {kim}: event on {date} is before the last recorded change on {last}")]
    OutOfOrder {
        /// The KIM id.
        kim: String,
        /// The date of the rejected event.
        date: NaiveDate,
        /// The date of the latest applied event.
        last: NaiveDate,
    },
    /// No KIM with this id.
    #[error("unknown KIM id {id:?}")]
    UnknownKim {
        /// The id, masked where it is personal data (a NIK used as an id), like every id and path in an error.
        id: String,
    },
    /// A KIM id is used twice.
    #[error("duplicate KIM id {id:?}")]
    DuplicateKim {
        /// The id.
        id: String,
    },
    /// No member with this id in the KIM, or a member id used twice.
    #[error("KIM {kim}: member {member:?} {problem}")]
    Member {
        /// The KIM id.
        kim: String,
        /// The member id.
        member: String,
        /// `is unknown` or `already exists`.
        problem: &'static str,
    },
    /// A rule profile file is malformed or inconsistent.
    #[error("profile {id:?}: {message}")]
    Profile {
        /// The profile id, or the file name when the id is unreadable.
        id: String,
        /// What is wrong.
        message: String,
    },
    /// No profile with this id.
    #[error("unknown profile {id:?}")]
    UnknownProfile {
        /// The id.
        id: String,
    },
    /// No national profile is in force on this date (before 2010-06-01).
    #[error("no national KIM profile is in force on {date}")]
    NoProfileInForce {
        /// The date.
        date: NaiveDate,
    },
    /// A well-formed code that is not in the code list the call uses (a lookup, or the `within` of counts or
    /// coverage). Family [`ErrorFamily::Argument`] (Python's `ArgumentError`); code `KIM-E-NOT-IN-LIST`, which the C
    /// ABI reports as `KIM_STATUS_INVALID_CODE`.
    #[error("{code} is not in the code list {version}")]
    NotInCodeList {
        /// The code, dotted.
        code: String,
        /// The version of the code list.
        version: String,
    },
    /// A parameter of the call itself is unusable. Match on `problem` for the kind; `message` says the rest.
    ///
    /// ```
    /// use kim_core::{Error, error::ArgumentProblem, wilayah::Level};
    /// let err = "dusun".parse::<Level>().unwrap_err();
    /// assert!(matches!(err, Error::InvalidArgument { name: "level", problem: ArgumentProblem::Unknown, .. }));
    /// assert_eq!(err.code(), "KIM-E-ARGUMENT");
    /// ```
    #[error("invalid argument `{name}`: {message}")]
    InvalidArgument {
        /// The parameter name.
        name: &'static str,
        /// The kind of problem.
        problem: ArgumentProblem,
        /// What is wrong.
        message: String,
    },
}

/// The family of an [`Error`], for bindings that map errors to their own types (Python exception classes, C status
/// codes). Unlike [`Error`], this enum is exhaustive on purpose: a new family is a breaking change that every
/// binding must handle, so bindings match it without a catch-all arm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorFamily {
    /// [`Error::InvalidCode`].
    Code,
    /// [`Error::InvalidNik`].
    Nik,
    /// [`Error::ReferenceRows`].
    Reference,
    /// [`Error::Lexicon`].
    Lexicon,
    /// [`Error::Csv`], [`Error::MissingColumn`].
    Csv,
    /// [`Error::Json`], [`Error::JsonAt`], [`Error::SchemaVersion`].
    Json,
    /// [`Error::Io`].
    Io,
    /// [`Error::UnknownKim`], [`Error::DuplicateKim`], [`Error::Member`].
    Registry,
    /// [`Error::InvalidTransition`], [`Error::OutOfOrder`], [`Error::CaseTransition`], [`Error::CaseRole`].
    Transition,
    /// [`Error::Profile`], [`Error::UnknownProfile`], [`Error::NoProfileInForce`].
    Profile,
    /// [`Error::InvalidArgument`], [`Error::NotInCodeList`].
    Argument,
}

impl Error {
    /// The family of this error (see [`ErrorFamily`]).
    ///
    /// ```
    /// use kim_core::{ErrorFamily, registry::{Kim, Nik, Registry}, wilayah::Kode};
    /// assert_eq!(Kode::parse("64.0x").unwrap_err().family(), ErrorFamily::Code);
    /// assert_eq!(Nik::parse("123").unwrap_err().family(), ErrorFamily::Nik);
    /// assert_eq!(Registry::from_json("{").unwrap_err().family(), ErrorFamily::Json);
    /// let k1 = Kim::new("K1", "KIM Perian", Kode::parse("64.02.01.2001")?);
    /// assert_eq!(Registry::from_kims([k1.clone(), k1]).unwrap_err().family(), ErrorFamily::Registry);
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[must_use]
    pub fn family(&self) -> ErrorFamily {
        match self {
            Self::InvalidCode { .. } => ErrorFamily::Code,
            Self::InvalidNik { .. } => ErrorFamily::Nik,
            Self::ReferenceRows { .. } => ErrorFamily::Reference,
            Self::Lexicon { .. } => ErrorFamily::Lexicon,
            Self::Csv { .. } | Self::MissingColumn { .. } => ErrorFamily::Csv,
            Self::Json { .. } | Self::JsonAt { .. } | Self::SchemaVersion { .. } => {
                ErrorFamily::Json
            }
            Self::Io { .. } => ErrorFamily::Io,
            Self::UnknownKim { .. } | Self::DuplicateKim { .. } | Self::Member { .. } => {
                ErrorFamily::Registry
            }
            Self::InvalidTransition { .. }
            | Self::OutOfOrder { .. }
            | Self::CaseTransition { .. }
            | Self::CaseRole { .. } => ErrorFamily::Transition,
            Self::Profile { .. } | Self::UnknownProfile { .. } | Self::NoProfileInForce { .. } => {
                ErrorFamily::Profile
            }
            Self::InvalidArgument { .. } | Self::NotInCodeList { .. } => ErrorFamily::Argument,
        }
    }

    /// The rejected rows of an import-style error ([`Error::ReferenceRows`], [`Error::Lexicon`]); empty otherwise.
    #[must_use]
    pub fn rows(&self) -> &[RowError] {
        match self {
            Self::ReferenceRows { rows } | Self::Lexicon { rows } => rows,
            _ => &[],
        }
    }

    /// A stable, documented code for the error family. These codes never change meaning.
    ///
    /// ```
    /// let err = kim_core::wilayah::Kode::parse("64.0").unwrap_err();
    /// assert_eq!(err.code(), "KIM-E-CODE");
    /// ```
    #[must_use]
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidCode { .. } => "KIM-E-CODE",
            Self::InvalidNik { .. } => "KIM-E-NIK",
            Self::ReferenceRows { .. } => "KIM-E-REFERENCE",
            Self::Lexicon { .. } => "KIM-E-LEXICON",
            Self::CaseTransition { .. } | Self::CaseRole { .. } => "KIM-E-CASE",
            Self::Csv { .. } => "KIM-E-CSV",
            Self::MissingColumn { .. } => "KIM-E-COLUMN",
            Self::Json { .. } | Self::JsonAt { .. } => "KIM-E-JSON",
            Self::SchemaVersion { .. } => "KIM-E-SCHEMA",
            Self::Io { .. } => "KIM-E-IO",
            Self::InvalidTransition { .. } => "KIM-E-TRANSITION",
            Self::OutOfOrder { .. } => "KIM-E-ORDER",
            Self::UnknownKim { .. } => "KIM-E-UNKNOWN-KIM",
            Self::DuplicateKim { .. } => "KIM-E-DUPLICATE-KIM",
            Self::Member { .. } => "KIM-E-MEMBER",
            Self::Profile { .. } => "KIM-E-PROFILE",
            Self::UnknownProfile { .. } => "KIM-E-UNKNOWN-PROFILE",
            Self::NoProfileInForce { .. } => "KIM-E-NO-PROFILE",
            Self::InvalidArgument { .. } => "KIM-E-ARGUMENT",
            Self::NotInCodeList { .. } => "KIM-E-NOT-IN-LIST",
        }
    }
}

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
