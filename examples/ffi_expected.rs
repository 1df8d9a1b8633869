//! Writes what kim-core itself returns for the inputs that the PHP and ctypes tests send through the C ABI, so
//! that those tests can check that every result equals the Rust result.
//!
//! ```text
//! cargo run -p kim-examples --example ffi_expected -- [OUTPUT_DIR]     (default: kim-ffi-expected)
//! ```
#![allow(clippy::print_stdout)] // an example prints

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Parser;
use kim_core::coverage::{CoverageOptions, coverage};
use kim_core::moderation::Moderator;
use kim_core::registry::Registry;
use kim_core::rules::{ProfileSet, validate_registry_by_seat};
use kim_core::wilayah::{Kode, Level, Reference};
use kim_examples::{Context, EXIT_CODES, Result, finish};

/// Writes kim-core's own results (validation, moderation, coverage of the sample) as JSON, for the PHP and ctypes
/// tests to compare the C ABI's results with.
#[derive(Debug, Parser)]
#[command(name = "ffi_expected", version, after_help = EXIT_CODES)]
struct Args {
    /// The directory to write `validate_registry.json`, `moderation.json` and `coverage_6402.json` to
    #[arg(value_name = "OUTPUT_DIR", default_value = "kim-ffi-expected")]
    dir: PathBuf,
}

/// The texts moderated by the PHP test (also in `php/tests/CoreEqualityTest.php`).
pub const TEXTS: &[&str] = &[
    "Gotong royong membersihkan pantai Desa Perian, Minggu pagi.",
    "Main di s.l.o.t g4c0r, m4xw1n tiap hari!",
    "VIRAL SEBELUM DIHAPUS!!! Sebarkan!",
    "Ini NIK si pelaku 6402014101900001, hp 0812-3456-7890.",
    "Usir orang Cina dari pasar kita!",
    "Umat Hindu membakar ogoh-ogoh pada malam pengerupukan.",
];

fn main() -> ExitCode {
    finish(run(&Args::parse()).map(|()| ExitCode::SUCCESS))
}

fn run(args: &Args) -> Result<()> {
    write(&args.dir).context(format!("writing to {}", args.dir.display()))
}

fn write(dir: &std::path::Path) -> std::result::Result<(), Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    let reference = Reference::embedded();
    let registry = Registry::from_json(&std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/kim_sample.json"
    ))?)?;
    let as_of = "2025-06-30".parse()?;

    let profiles = ProfileSet::builtin();
    let reports = validate_registry_by_seat(&registry, &profiles, None, reference, as_of)?;
    std::fs::write(
        dir.join("validate_registry.json"),
        serde_json::to_string(&serde_json::json!({ "schema_version": 1, "reports": reports }))?,
    )?;

    let m = Moderator::default();
    std::fs::write(
        dir.join("moderation.json"),
        serde_json::to_string(
            &serde_json::json!({ "schema_version": 1, "verdicts": m.check_many(TEXTS) }),
        )?,
    )?;

    let table = coverage(
        &registry,
        reference,
        &CoverageOptions::new(as_of)
            .level(Level::Kecamatan)
            .within(Kode::parse("64.02")?),
    )?;
    std::fs::write(
        dir.join("coverage_6402.json"),
        serde_json::to_string(&table)?,
    )?;
    println!("wrote expected results to {}", dir.display());
    Ok(())
}
