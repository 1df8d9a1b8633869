//! Validates KIMs against the national profile in force and any local overlay for their seat, and prints the
//! report: by default the ILLUSTRATIVE sample KIMs in `examples/data/kim_sample.json`, with `--registry FILE`
//! your own (JSON or CSV).
//!
//! ```text
//! cargo run --release -p kim-examples --example validate_sample -- --help
//! ```
//!
//! The sample is generated, not a real registry (see `examples/data/README.md`).
#![allow(clippy::print_stdout)] // an example prints

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Parser;
use kim_core::registry::Registry;
use kim_core::rules::{ProfileSet, Report, Severity, validate_registry_by_seat};
use kim_examples::{
    Context, DataArgs, EXIT_CODES, Lang, Result, exit_for, finish, parse_date, report_import,
};

/// Validates KIMs against the rule profile in force on a date (plus the overlay of each KIM's seat) and prints
/// every finding, in one language.
#[derive(Debug, Parser)]
#[command(name = "validate_sample", version, after_help = EXIT_CODES)]
struct Args {
    /// The day to validate on, YYYY-MM-DD; it picks the profile in force [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<NaiveDate>,
    /// The language of the output: id (Bahasa Indonesia) or en (English)
    #[arg(long, value_enum, default_value = "id")]
    lang: Lang,
    /// Print the reports as JSON (both languages' messages, as the library returns them)
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    data: DataArgs,
}

fn main() -> ExitCode {
    finish(run(&Args::parse()))
}

fn run(args: &Args) -> Result<ExitCode> {
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let lang = args.lang;
    let list = args.data.code_list()?;
    let reference = list.get();
    let loaded = args.data.registry(reference)?;
    if let Some(report) = &loaded.report {
        report_import(report, lang);
    }
    let rejected = loaded.report.as_ref().is_some_and(|r| !r.is_clean());
    let profiles = ProfileSet::builtin();
    let registry = &loaded.registry;

    // The national profile in force plus the overlays of each KIM's seat, with the registry-wide rules.
    let reports = validate_registry_by_seat(registry, &profiles, None, reference, as_of)
        .context("validation")?;
    let failing = reports.iter().any(|r| !r.ok());
    let mut out = io::stdout().lock();
    if args.json {
        serde_json::to_writer_pretty(&mut out, &reports).map_err(io::Error::from)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(exit_for(failing || rejected));
    }

    let t = |id: &'static str, en: &'static str| lang.t(id, en);
    let national = profiles
        .in_force(as_of)
        .context(format!("--as-of {as_of}"))?[0];
    let what = if loaded.illustrative {
        t(
            "validasi KIM contoh (ILUSTRASI, bukan data resmi)",
            "validation of the sample KIMs (ILLUSTRATIVE, not official data)",
        )
    } else {
        t("validasi KIM", "KIM validation")
    };
    writeln!(out, "kim {} · {what}", env!("CARGO_PKG_VERSION"))?;
    writeln!(
        out,
        "{} {as_of} · {} {} ({})",
        t("per", "as of"),
        t("profil yang berlaku:", "profile in force:"),
        national.id,
        national.kim_name.as_deref().unwrap_or("")
    )?;
    writeln!(
        out,
        "{} {} · {} KIM {} {}",
        t("daftar kode:", "code list:"),
        reference.version(),
        registry.len(),
        t("dari", "from"),
        loaded.source
    )?;
    writeln!(out)?;
    write_table(&mut out, registry, &reports, as_of, lang)?;
    write_findings(&mut out, &reports, lang)?;
    out.flush()?;
    Ok(exit_for(failing || rejected))
}

fn write_table(
    out: &mut impl Write,
    registry: &Registry,
    reports: &[Report],
    as_of: NaiveDate,
    lang: Lang,
) -> io::Result<()> {
    let t = |id: &'static str, en: &'static str| lang.t(id, en);
    writeln!(
        out,
        "  {:<12} {:<34} {:<14} {:<18} {:>3} {:>3} {:>3}",
        "id",
        t("nama", "name"),
        t("kedudukan", "seat"),
        "status",
        t("slh", "err"),
        t("ppr", "wrn"),
        t("inf", "inf"),
    )?;
    let mut passing = 0;
    for (kim, r) in registry.kims().iter().zip(reports) {
        let count = |s: Severity| r.findings.iter().filter(|f| f.severity == s).count();
        let status = kim
            .status_on(as_of)
            .map_or("-", |s| lang.t(s.label_id(), s.label_en()));
        let mark = if r.ok() { "✓" } else { "✗" };
        let name: String = kim.name.chars().take(32).collect();
        let seat = kim.seat.to_string();
        let (errors, warnings, infos) = (
            count(Severity::Error),
            count(Severity::Warning),
            count(Severity::Info),
        );
        writeln!(
            out,
            "{mark} {:<12} {name:<34} {seat:<14} {status:<18} {errors:>3} {warnings:>3} {infos:>3}",
            kim.id
        )?;
        passing += usize::from(r.ok());
    }
    writeln!(out)?;
    writeln!(
        out,
        "{passing} {} {} {} {as_of}.",
        t("dari", "of"),
        reports.len(),
        t(
            "KIM memenuhi setiap aturan tingkat galat pada",
            "KIMs meet every error-level rule on"
        )
    )?;
    if lang == Lang::Id {
        writeln!(out, "(slh = galat, ppr = peringatan, inf = informasi)")?;
    }
    Ok(())
}

fn severity(s: Severity, lang: Lang) -> &'static str {
    match s {
        Severity::Error => lang.t("galat", "error"),
        Severity::Warning => lang.t("peringatan", "warning"),
        Severity::Info => lang.t("info", "info"),
    }
}

fn write_findings(out: &mut impl Write, reports: &[Report], lang: Lang) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", lang.t("Temuan:", "Findings:"))?;
    let mut by_code: BTreeMap<&str, usize> = BTreeMap::new();
    for r in reports.iter().filter(|r| !r.findings.is_empty()) {
        writeln!(out, "  {}", r.kim_id)?;
        for f in &r.findings {
            *by_code.entry(f.code.as_str()).or_default() += 1;
            let msg = lang.t(&f.message_id, &f.message_en);
            let pasal = f
                .citation
                .pasal
                .as_deref()
                .map(|p| format!(", {p}"))
                .unwrap_or_default();
            writeln!(
                out,
                "    [{:<10}] {:<22} {msg}",
                severity(f.severity, lang),
                f.code
            )?;
            writeln!(
                out,
                "              {} {} · {}{} [{:?}]",
                lang.t("pada", "at"),
                f.path,
                f.citation.instrument,
                pasal,
                f.citation.tag
            )?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", lang.t("Jumlah per kode:", "Totals by code:"))?;
    for (code, n) in by_code {
        writeln!(out, "  {code:<24} {n}")?;
    }
    Ok(())
}
