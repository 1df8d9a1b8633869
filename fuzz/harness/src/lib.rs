//! The bodies of the cargo-fuzz targets in `fuzz/`, as plain functions, so that the same checks replay every kept
//! input (`fuzz/regressions/`, `fuzz/seeds/`) in the normal test run on stable Rust (see `tests/replay.rs`).
//!
//! Each function takes arbitrary bytes and panics only when kim breaks a promise (a panic inside kim, a span off a
//! char boundary, rows in ≠ accepted + rejected, a panic crossing the C ABI…).
#![allow(
    missing_docs,
    clippy::missing_panics_doc,
    clippy::too_many_lines,
    clippy::many_single_char_names,
    clippy::borrow_as_ptr
)]
pub mod code_parse;
pub mod ffi;
pub mod moderation;
pub mod profile_json;
pub mod reference_csv;
pub mod registry_csv;
pub mod registry_json;

/// A fuzz target's body.
pub type Target = fn(&[u8]);

/// Every target, by name (the names of the cargo-fuzz binaries and of the folders under `fuzz/regressions/`).
pub const TARGETS: &[(&str, Target)] = &[
    ("code_parse", code_parse::run),
    ("reference_csv", reference_csv::run),
    ("registry_json", registry_json::run),
    ("registry_csv", registry_csv::run),
    ("profile_json", profile_json::run),
    ("moderation", moderation::run),
    ("ffi", ffi::run),
];
