//! # kim-core
//!
//! The reference implementation of the rules of Indonesia's KIM programme (*Kelompok*, since 2022 *Komunitas*,
//! *Informasi Masyarakat*): community information groups seated in a desa or kelurahan.
//!
//! - [`wilayah`]: Kemendagri codes ([`wilayah::Kode`]) and the official code list ([`wilayah::Reference`]),
//!   embedded from Kepmendagri 300.2.2-2138/2025.
//! - [`registry`]: KIMs, members, NIKs and a dated history that answers what was true on any day.
//! - [`rules`]: versioned, cited rule profiles (Permenkominfo 08/2010, Permenkominfo 4/2024 Pasal 23(3), local
//!   overlays) and [`rules::validate`], which returns a [`rules::Report`] of findings.
//! - [`coverage`]: share of villages and kecamatan with an active KIM, at every level, on any date, with gap lists,
//!   time series and target tracking.
//! - [`moderation`]: verdicts on Indonesian KIM content (categories grounded in law, personal data, hoax markers,
//!   spam, evasion-resistant matching) and the review/appeal workflow with an audit trail.
//! - [`forum`]: Forum KIM at four levels (kecamatan, kab/kota, provinsi, nasional), the rules FR1–FR13 and forum
//!   coverage; forum membership never decides a KIM's validity.
//! - [`pembinaan`]: the Dinas's guidance of KIMs (Permenkominfo 4/2024 Pasal 24(5)–(6), 83–85, 87): activities,
//!   sarpras grants, the rules PB1–PB8, trained share, reach, monev coverage and the pembinaan report.
//! - [`pemetaan`]: the kab/kota Dinas's mapping of KIMs (Permenkominfo 4/2024 Pasal 24) and its report.
//! - [`assessment`]: rubrics with explicit or AHP weights, scores, eligibility, rankings with ties, and
//!   classification only under a tier scheme the user supplies.
//! - [`privacy`]: masking of NIKs and phone numbers in every message and log output (UU PDP 27/2022).
//!
//! ```
//! # #[cfg(feature = "embedded")] {
//! use kim_core::{registry::Registry, rules::{ProfileSet, validate_registry}, wilayah::Reference};
//! let reference = Reference::embedded();
//! assert_eq!(reference.counts().villages(), 83_762);
//! let registry = Registry::from_json(include_str!("../data/sample/kim_sample.json"))?;
//! let date = chrono::NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
//! let profiles = ProfileSet::builtin();
//! let reports = validate_registry(&registry, &profiles.in_force(date)?, reference, date)?;
//! assert_eq!(reports.len(), registry.len());
//! # }
//! # Ok::<(), kim_core::Error>(())
//! ```
#![forbid(unsafe_code)]
#![deny(missing_docs)]
// Every pure function and builder whose result matters is `#[must_use]` (issue 22): the workspace allows this lint
// for the bindings, kim-core asks for it.
#![warn(clippy::must_use_candidate)]
#![cfg_attr(docsrs, feature(doc_cfg))]

pub mod assessment;
pub mod coverage;
pub mod error;
pub mod forum;
#[cfg(feature = "moderation")]
pub mod moderation;
pub mod pembinaan;
pub mod pemetaan;
pub mod privacy;
pub mod registry;
pub mod rules;
pub mod vocab;
pub mod wilayah;

pub use error::{Error, ErrorFamily, ParseValueError, Result};

/// The chrono types that appear in kim-core's API (`NaiveDate` for every date, `DateTime<Utc>` in review cases), so
/// that a user needs no chrono dependency of the same version.
pub use chrono;

/// The README's examples run as doc tests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// The version of every JSON document kim writes and reads: registry JSON, reports, coverage tables and the C ABI's
/// results. [`registry::SCHEMA_VERSION`] and [`rules::SCHEMA_VERSION`] are this constant.
pub const SCHEMA_VERSION: u64 = 1;
