//! Validates the ILLUSTRATIVE sample KIMs in `examples/data/kim_sample.json` against the national profile in force
//! and any local overlay for their seat, and prints the report.
//!
//! ```text
//! cargo run -p kim-examples --example validate_sample -- [--as-of YYYY-MM-DD] [--lang id|en] [--json]
//! ```
//!
//! The sample is generated, not a real registry (see `examples/data/README.md`).
#![allow(clippy::print_stdout)] // an example prints

use std::collections::BTreeMap;

use chrono::NaiveDate;
use kim_core::registry::Registry;
use kim_core::rules::{ProfileSet, Report, Severity, validate_registry_by_seat};
use kim_core::wilayah::Reference;

struct Args {
    as_of: NaiveDate,
    english: bool,
    json: bool,
}

fn parse_args() -> Result<Args, Box<dyn std::error::Error>> {
    let mut out = Args {
        as_of: chrono::Local::now().date_naive(),
        english: false,
        json: false,
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--as-of" => {
                out.as_of = args
                    .next()
                    .ok_or("--as-of needs a date")?
                    .parse::<NaiveDate>()?;
            }
            "--lang" => out.english = args.next().as_deref() == Some("en"),
            "--json" => out.json = true,
            other => {
                return Err(format!(
                    "unknown argument {other:?}; use --as-of YYYY-MM-DD, --lang id|en, --json"
                )
                .into());
            }
        }
    }
    Ok(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let as_of = args.as_of;
    let reference = Reference::embedded();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/kim_sample.json");
    let registry = Registry::from_json(&std::fs::read_to_string(path)?)?;
    let profiles = ProfileSet::builtin();

    // The national profile in force plus the overlays of each KIM's seat, with the registry-wide rules.
    let reports = validate_registry_by_seat(&registry, &profiles, None, reference, as_of)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&reports)?);
        return Ok(());
    }

    let national = profiles.in_force(as_of)?[0];
    println!(
        "kim {} · validasi KIM contoh (ILUSTRASI, bukan data resmi)",
        env!("CARGO_PKG_VERSION")
    );
    println!(
        "as of {as_of} · profile in force: {} ({})",
        national.id,
        national.kim_name.as_deref().unwrap_or("")
    );
    println!(
        "code list: {} · {} KIMs from examples/data/kim_sample.json",
        reference.version(),
        registry.len()
    );
    println!();
    print_table(&registry, &reports, as_of);
    print_findings(&reports, args.english);
    Ok(())
}

fn print_table(registry: &Registry, reports: &[Report], as_of: NaiveDate) {
    println!(
        "  {:<12} {:<34} {:<14} {:<11} {:>3} {:>3} {:>3}",
        "id", "name", "seat", "status", "err", "wrn", "inf"
    );
    let mut passing = 0;
    for (kim, r) in registry.kims().iter().zip(reports) {
        let n = |s: Severity| r.findings.iter().filter(|f| f.severity == s).count();
        let status = kim
            .status_on(as_of)
            .map_or("-".to_owned(), |s| s.to_string());
        let mark = if r.ok { "✓" } else { "✗" };
        let name: String = kim.name.chars().take(32).collect();
        let seat = kim.seat.to_string();
        let (e, w, i) = (n(Severity::Error), n(Severity::Warning), n(Severity::Info));
        println!(
            "{mark} {:<12} {name:<34} {seat:<14} {status:<11} {e:>3} {w:>3} {i:>3}",
            kim.id
        );
        passing += usize::from(r.ok);
    }
    println!();
    println!(
        "{passing} of {} KIMs meet every error-level rule on {as_of}.",
        reports.len()
    );
}

fn print_findings(reports: &[Report], english: bool) {
    println!();
    println!(
        "Findings ({}):",
        if english {
            "English"
        } else {
            "Bahasa Indonesia"
        }
    );
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for r in reports.iter().filter(|r| !r.findings.is_empty()) {
        println!("  {}", r.kim_id);
        for f in &r.findings {
            *by_code.entry(f.code.as_str()).or_default() += 1;
            let msg = if english {
                &f.message_en
            } else {
                &f.message_id
            };
            let pasal = f
                .citation
                .pasal
                .as_deref()
                .map(|p| format!(", {p}"))
                .unwrap_or_default();
            println!("    [{:<7}] {:<22} {msg}", f.severity.to_string(), f.code);
            println!(
                "              at {} · {}{} [{:?}]",
                f.path, f.citation.instrument, pasal, f.citation.tag
            );
        }
    }
    println!();
    println!("Totals by code:");
    for (code, n) in by_code {
        println!("  {code:<24} {n}");
    }
}
