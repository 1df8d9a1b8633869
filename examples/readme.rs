//! The README's Rust snippets ("In Rust", "Coverage in Rust", then "Forums and pembinaan"), verbatim and in order,
//! so that they are known to compile and run: `scripts/check_readme.py` checks that each README block appears here
//! unchanged.
//!
//! ```text
//! cargo run -p kim-examples --example readme
//! ```
// README snippets print, `use` what they need where they need it, and end on a value the reader goes on with.
#![allow(clippy::print_stdout, clippy::items_after_statements, unused_variables)]

/// Runs the README's Rust snippets from the repository root.
#[derive(clap::Parser)]
#[command(name = "readme", after_help = kim_examples::EXIT_CODES)]
struct Args {}

// Kept as the README shows it: rustfmt would indent the snippets and break the verbatim check.
#[rustfmt::skip]
fn main() -> Result<(), Box<dyn std::error::Error>> {
let Args {} = <Args as clap::Parser>::parse();
// The README's paths are relative to the repository root.
std::env::set_current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/.."))?;
use kim_core::{registry::Registry, rules::{ProfileSet, validate}, wilayah::Reference};

let reference = Reference::embedded();                       // official list, parsed once (~9 ms)
let registry = Registry::from_json(&std::fs::read_to_string("examples/data/kim_sample.json")?)?;
let profiles = ProfileSet::builtin();
let as_of = "2025-06-30".parse()?;
for kim in registry.kims() {
    // The national profile in force on the date, plus any overlay for the KIM's seat.
    let report = validate(kim, &profiles.applicable(kim.seat, as_of)?, reference, as_of)?;
    for f in &report.findings {
        println!("{} {} {}: {}", kim.id, f.severity, f.code, f.message_id);
    }
}
use kim_core::coverage::{coverage, gaps, CoverageOptions};
use kim_core::wilayah::{Kode, Level};

let opts = CoverageOptions::new(as_of).level(Level::Kecamatan).within(Kode::parse("64.02")?);
let table = coverage(&registry, reference, &opts)?;   // 20 rows + total
println!("{} of {} villages", table.total.villages_with_kim.total, table.total.villages.total);
table.write_csv(std::fs::File::create("kukar.csv")?)?;
let g = gaps(&registry, reference, &opts)?;           // villages and kecamatan without an active KIM
use kim_core::forum::{forum_coverage, ForumLevel, ForumRegistry};
use kim_core::pembinaan::{pembinaan_report, PembinaanData, PembinaanOptions};

let forums = ForumRegistry::from_json(&std::fs::read_to_string("examples/data/forum_kukar.json")?)?;
let kims = Registry::from_json(&std::fs::read_to_string("examples/data/forum_kukar_kims.json")?)?;
let data = PembinaanData::from_json(&std::fs::read_to_string("examples/data/forum_kukar_pembinaan.json")?)?;
let kukar = Kode::parse("64.02")?;
let m = forum_coverage(&forums, reference, ForumLevel::Kecamatan, Some(kukar), as_of)?;
println!("kecamatan with an active forum: {} of {}", m.numerator, m.denominator);   // 3 of 20
let report = pembinaan_report(&data, &kims, reference, kukar, "2024-07-01".parse()?, as_of, &PembinaanOptions::default())?;
let trained = &report.trained_share_12m;
println!("trained in 12 months: {} of {} active KIMs", trained.numerator, trained.denominator);   // 8 of 11
Ok(())
}
