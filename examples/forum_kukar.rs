//! Forum KIM and pembinaan: the pembinaan report of a kab/kota or province for a period, and its forum coverage.
//! By default the ILLUSTRATIVE Kukar scenario of `examples/data/forum_kukar*` (Forum KIM Kukar dikukuhkan on
//! 12 July 2022 in Tenggarong, kecamatan forums, a 7-point bimtek, a sosialisasi, a monev and a sarpras handover);
//! `--forums`, `--kims`, `--pembinaan`, `--activities-csv` and `--attendance-csv` run it on your own data.
//!
//! ```text
//! cargo run -p kim-examples --example forum_kukar -- --help
//! ```
#![allow(clippy::print_stdout, clippy::print_stderr)] // an example prints

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::Parser;
use kim_core::forum::{
    AffiliationOptions, ForumLevel, ForumRegistry, ForumRules, Metric, OfficerRole, check_forums,
    forum_coverage, kim_forum_affiliation, officer_completeness,
};
use kim_core::pembinaan::{
    PembinaanData, PembinaanOptions, PembinaanReport, pembinaan_report, window,
};
use kim_core::registry::{ImportOptions, Registry, TableReport};
use kim_core::rules::{Finding, Severity};
use kim_core::wilayah::{Kode, Reference};
use kim_examples::{Context, EXIT_CODES, Lang, Result, exit_for, finish, parse_date, parse_kode};

/// The pembinaan report of a kab/kota or province (for the kepala daerah, copied to the Minister) and the coverage
/// of its Forum KIM, from forum, KIM and pembinaan data.
#[derive(Debug, Parser)]
#[command(name = "forum_kukar", version, after_help = EXIT_CODES)]
struct Args {
    /// The last day of the period and the day of every metric, YYYY-MM-DD
    #[arg(long, value_name = "YYYY-MM-DD", default_value = "2025-06-30", value_parser = parse_date)]
    as_of: NaiveDate,
    /// The first day of the period [default: the start of the 12 months that end on --as-of]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    from: Option<NaiveDate>,
    /// The kab/kota (64.02) or province (64) reported on
    #[arg(long, value_name = "CODE", default_value = "64.02", value_parser = parse_kode)]
    within: Kode,
    /// Forum JSON (schema_version 1) [default: the illustrative Kukar forums]
    #[arg(long, value_name = "FILE")]
    forums: Option<PathBuf>,
    /// Registry JSON of the KIMs [default: the illustrative Kukar KIMs]
    #[arg(long, value_name = "FILE")]
    kims: Option<PathBuf>,
    /// Pembinaan JSON: activities and sarpras grants [default: the illustrative Kukar pembinaan]
    #[arg(long, value_name = "FILE")]
    pembinaan: Option<PathBuf>,
    /// More activities from a CSV (one activity per row); rejected rows are listed on stderr
    #[arg(long, value_name = "FILE")]
    activities_csv: Option<PathBuf>,
    /// An attendance list (daftar hadir) CSV for the activities; rejected rows are listed on stderr
    #[arg(long, value_name = "FILE")]
    attendance_csv: Option<PathBuf>,
    /// Print the report as JSON (schema_version 1) instead of text
    #[arg(long)]
    json: bool,
    /// The language of the output: id (Bahasa Indonesia) or en (English)
    #[arg(long, value_enum, default_value = "id")]
    lang: Lang,
}

fn data_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("data")
        .join(name)
}

fn read(arg: &str, given: Option<&PathBuf>, default: &str) -> Result<(String, bool)> {
    let path = given.cloned().unwrap_or_else(|| data_file(default));
    let text = std::fs::read_to_string(&path)
        .context(format!("{arg} {}: cannot read the file", path.display()))?;
    Ok((text, given.is_none()))
}

fn open(arg: &str, path: &Path) -> Result<std::fs::File> {
    std::fs::File::open(path).context(format!("{arg} {}: cannot open the file", path.display()))
}

fn main() -> ExitCode {
    finish(run(&Args::parse()))
}

/// Rejected rows on stderr; true if there were any.
fn rejected(arg: &str, report: &TableReport, lang: Lang) -> bool {
    for e in &report.errors {
        eprintln!("{arg}: {e}");
    }
    if report.rejected > 0 {
        eprintln!(
            "{arg}: {} {}, {} {}, {} {}",
            report.rows_in,
            lang.t("baris", "rows"),
            report.accepted + report.accepted_with_findings,
            lang.t("diterima", "accepted"),
            report.rejected,
            lang.t("ditolak", "rejected")
        );
    }
    report.rejected > 0
}

/// The data of a run.
struct Loaded {
    forums: ForumRegistry,
    kims: Registry,
    data: PembinaanData,
    /// Some CSV row was rejected.
    bad_rows: bool,
    /// Some file is the illustrative scenario.
    sample: bool,
}

fn load(args: &Args) -> Result<Loaded> {
    let lang = args.lang;
    let (text, sample_forums) = read("--forums", args.forums.as_ref(), "forum_kukar.json")?;
    let forums = ForumRegistry::from_json(&text).context("--forums")?;
    let (text, sample_kims) = read("--kims", args.kims.as_ref(), "forum_kukar_kims.json")?;
    let kims = Registry::from_json(&text).context("--kims")?;
    let (text, sample_pembinaan) = read(
        "--pembinaan",
        args.pembinaan.as_ref(),
        "forum_kukar_pembinaan.json",
    )?;
    let mut data = PembinaanData::from_json(&text).context("--pembinaan")?;
    let import = ImportOptions::default();
    let mut bad_rows = false;
    if let Some(p) = &args.activities_csv {
        let r = data
            .import_activities_csv(open("--activities-csv", p)?, &import)
            .context(format!("--activities-csv {}", p.display()))?;
        bad_rows |= rejected("--activities-csv", &r, lang);
    }
    if let Some(p) = &args.attendance_csv {
        let r = data
            .import_attendance_csv(open("--attendance-csv", p)?, Some(&kims), &import)
            .context(format!("--attendance-csv {}", p.display()))?;
        bad_rows |= rejected("--attendance-csv", &r, lang);
    }
    Ok(Loaded {
        forums,
        kims,
        data,
        bad_rows,
        sample: sample_forums || sample_kims || sample_pembinaan,
    })
}

fn run(args: &Args) -> Result<ExitCode> {
    let lang = args.lang;
    let t = |id: &'static str, en: &'static str| lang.t(id, en);
    let reference = Reference::embedded();
    reference
        .unit(args.within)
        .context(format!("--within {}", args.within))?;
    let Loaded {
        forums,
        kims,
        data,
        bad_rows,
        sample,
    } = load(args)?;
    let from = match args.from {
        Some(f) => f,
        None => window(args.as_of, 12).context("--as-of")?.0,
    };
    if from > args.as_of {
        return Err(format!("--from {from} is after --as-of {}", args.as_of).into());
    }
    let report = pembinaan_report(
        &data,
        &kims,
        reference,
        args.within,
        from,
        args.as_of,
        &PembinaanOptions::default(),
    )
    .context(format!("--within {}", args.within))?;
    let forum_checks = check_forums(
        &forums,
        &kims,
        reference,
        &ForumRules::national(),
        args.as_of,
    );
    let errors = report
        .findings
        .iter()
        .chain(&forum_checks.findings)
        .any(|f| f.severity == Severity::Error);
    let mut out = io::stdout().lock();
    if args.json {
        let doc = serde_json::json!({"pembinaan_report": report, "forum_checks": forum_checks});
        writeln!(out, "{doc}")?;
        return Ok(exit_for(errors || bad_rows));
    }
    writeln!(
        out,
        "{} · {} ({}) · {} – {}",
        t("Laporan pembinaan KIM", "KIM pembinaan report"),
        report.unit_name,
        report.unit,
        report.from,
        report.to
    )?;
    if sample {
        writeln!(
            out,
            "{}",
            t(
                "Data: SKENARIO ILUSTRATIF Kukar (examples/data/forum_kukar*), bukan data resmi.",
                "Data: ILLUSTRATIVE Kukar scenario (examples/data/forum_kukar*), not official data."
            )
        )?;
    }
    let to: Vec<String> = report
        .recipients
        .iter()
        .map(|r| {
            if r.copy {
                format!("{} ({})", r.office, t("tembusan", "copy"))
            } else {
                r.office.clone()
            }
        })
        .collect();
    writeln!(out, "{} {}", t("Kepada:", "To:"), to.join(", "))?;
    write_report(&mut out, &report, lang)?;
    writeln!(out)?;
    write_forums(&mut out, &forums, &kims, args, lang)?;
    writeln!(out)?;
    write_findings(&mut out, &report.findings, &forum_checks.findings, lang)?;
    Ok(exit_for(errors || bad_rows))
}

fn write_forums(
    out: &mut impl Write,
    forums: &ForumRegistry,
    kims: &Registry,
    args: &Args,
    lang: Lang,
) -> Result<()> {
    let t = |id: &'static str, en: &'static str| lang.t(id, en);
    let reference = Reference::embedded();
    writeln!(out, "{}", t("Forum KIM", "Forum KIM"))?;
    for level in [ForumLevel::Kecamatan, ForumLevel::KabKota] {
        let m = forum_coverage(forums, reference, level, Some(args.within), args.as_of)
            .context("--within")?;
        let label = format!(
            "{} {}",
            t("cakupan forum tingkat", "forum coverage,"),
            lang.t(level.label_id(), level.label_en())
        );
        metric(out, &label, &m)?;
    }
    let aff = kim_forum_affiliation(
        forums,
        kims,
        reference,
        Some(args.within),
        &AffiliationOptions::default(),
        args.as_of,
    )
    .context("--within")?;
    metric(
        out,
        t(
            "KIM aktif dalam forum aktif",
            "active KIMs in an active forum",
        ),
        &aff,
    )?;
    let req = [
        OfficerRole::Ketua,
        OfficerRole::Sekretaris,
        OfficerRole::Bendahara,
    ];
    let off = officer_completeness(forums, reference, Some(args.within), &req, args.as_of)
        .context("--within")?;
    metric(
        out,
        t(
            "forum aktif dengan pengurus inti lengkap",
            "active forums with a full core board",
        ),
        &off,
    )?;
    Ok(())
}

/// The findings, errors first; the forum check's information (FR1) is left out.
fn write_findings(
    out: &mut impl Write,
    pembinaan: &[Finding],
    forum: &[Finding],
    lang: Lang,
) -> io::Result<()> {
    let t = |id: &'static str, en: &'static str| lang.t(id, en);
    writeln!(out, "{}", t("Temuan", "Findings"))?;
    let mut all: Vec<&Finding> = pembinaan
        .iter()
        .chain(forum.iter().filter(|f| f.severity != Severity::Info))
        .collect();
    all.sort_by_key(|f| f.severity);
    if all.is_empty() {
        writeln!(out, "  {}", t("tidak ada", "none"))?;
    }
    for f in all {
        let msg = lang.t(&f.message_id, &f.message_en);
        writeln!(out, "  {} {} · {}: {msg}", f.severity, f.code, f.path)?;
    }
    Ok(())
}

fn metric(out: &mut impl Write, label: &str, m: &Metric) -> io::Result<()> {
    let pct = m
        .ratio
        .map_or_else(|| "–".to_owned(), |r| format!("{:.1}%", r * 100.0));
    writeln!(
        out,
        "  {label:<48} {:>4} / {:<4} {pct:>7}",
        m.numerator, m.denominator
    )
}

#[allow(clippy::too_many_lines)] // one section after the other, as printed
fn write_report(out: &mut impl Write, r: &PembinaanReport, lang: Lang) -> io::Result<()> {
    let t = |id: &'static str, en: &'static str| lang.t(id, en);
    writeln!(out)?;
    writeln!(
        out,
        "{}",
        t(
            "Kegiatan (selesai dalam periode)",
            "Activities (ended in the period)"
        )
    )?;
    for k in &r.activities {
        writeln!(
            out,
            "  {:<28} {:>3} {}  {:>3} {}",
            lang.t(k.kind.label_id(), k.kind.label_en()),
            k.activities,
            t("kegiatan", "activities"),
            k.kims,
            t("KIM hadir", "KIMs attended")
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}", t("Capaian", "Reach"))?;
    metric(
        out,
        t(
            "KIM aktif terlatih (12 bulan)",
            "active KIMs trained (12 months)",
        ),
        &r.trained_share_12m,
    )?;
    metric(
        out,
        t(
            "KIM aktif terbina (12 bulan)",
            "active KIMs reached (12 months)",
        ),
        &r.pembinaan_reach_12m,
    )?;
    metric(
        out,
        t(
            "KIM aktif dimonev (tahun berjalan)",
            "active KIMs monitored (this year)",
        ),
        &r.monev_coverage,
    )?;
    metric(
        out,
        t("kecamatan terjangkau pembinaan", "kecamatan reached"),
        &r.kecamatan_reached.metric,
    )?;
    metric(
        out,
        t(
            "SPM: kecamatan dengan KIM aktif",
            "SPM: kecamatan with an active KIM",
        ),
        &r.spm_kecamatan_coverage,
    )?;
    writeln!(out)?;
    writeln!(out, "{}", t("Sarana-prasarana", "Sarpras"))?;
    for s in &r.sarpras {
        let unknown = if s.values_unknown > 0 {
            format!(
                " (+{} {})",
                s.values_unknown,
                t("tanpa nilai", "without a value")
            )
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {:<20} {:>3} {}  {:>3} {}  Rp{}{unknown}",
            lang.t(s.kind.label_id(), s.kind.label_en()),
            s.units,
            t("unit", "units"),
            s.recipients,
            t("penerima", "recipients"),
            thousands(s.value)
        )?;
    }
    writeln!(out)?;
    writeln!(out, "{}", t("Pendanaan", "Funding"))?;
    for f in &r.funding {
        let unknown = if f.amounts_unknown > 0 {
            format!(
                " (+{} {})",
                f.amounts_unknown,
                t("tanpa jumlah", "without an amount")
            )
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {:<28} {:>3} {}  {:>3} {}  Rp{}{unknown}",
            lang.t(f.source.label_id(), f.source.label_en()),
            f.activities,
            t("kegiatan", "activities"),
            f.grants,
            t("hibah", "grants"),
            thousands(f.amount)
        )?;
    }
    Ok(())
}

/// `135700000` → `135.700.000`.
fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}
