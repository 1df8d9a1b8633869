//! Maps the ILLUSTRATIVE sample KIMs of Kutai Kartanegara (Permenkominfo 4/2024 Pasal 24), prints the mapping
//! report of the kab/kota, then scores and ranks the KIMs with the ILLUSTRATIVE lomba rubric
//! (`examples/data/rubric_lomba_illustrative.json`, AHP weights), with each criterion's contribution.
//!
//! ```text
//! cargo run --release -p kim-examples --example pemetaan_kukar -- --help
//! ```
//!
//! The mapping records, jury marks and review cases in `examples/data/pemetaan_kukar.json` are invented.
#![allow(clippy::print_stdout)] // an example prints

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{DateTime, NaiveDate, Utc};
use clap::{Parser, ValueEnum};
use kim_core::assessment::{
    Classification, Observations, RankScope, Ranking, Rubric, classify, default_eligibility, rank,
    score,
};
use kim_core::moderation::Category;
use kim_core::moderation::review::{Case, Outcome, ReviewRole, Source, Urgency};
use kim_core::pemetaan::{MappingRecord, MappingReport, Mappings, ReportOptions};
use kim_core::registry::Registry;
use kim_core::rules::{ProfileSet, validate_registry};
use kim_core::wilayah::Kode;
use kim_examples::{
    Context, DataArgs, EXIT_CODES, Lang, Result, exit_for, finish, parse_date, parse_kode,
};
use serde::Deserialize;

/// Prints the Pasal 24 mapping report of a kab/kota and a ranking of its KIMs under a rubric.
#[derive(Debug, Parser)]
#[command(name = "pemetaan_kukar", version, after_help = EXIT_CODES)]
struct Args {
    /// The last day of the period: the report and the ranking are as of this day
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, default_value = "2025-06-30")]
    as_of: NaiveDate,
    /// The first day of the period
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date, default_value = "2025-01-01")]
    from: NaiveDate,
    /// The kab/kota to report on
    #[arg(long, value_name = "PP.KK", value_parser = parse_kode, default_value = "64.02")]
    kab_kota: Kode,
    /// A mapping older than this many days on --as-of is not current
    #[arg(long, value_name = "DAYS", default_value_t = 365)]
    max_age_days: u32,
    /// Mapping records, jury marks and review cases (JSON) [default: the illustrative Kukar file]
    #[arg(long, value_name = "FILE")]
    mappings: Option<PathBuf>,
    /// The rubric (JSON) [default: the illustrative lomba rubric]
    #[arg(long, value_name = "FILE")]
    rubric: Option<PathBuf>,
    /// Rank within each kab/kota or each province
    #[arg(long, value_enum, default_value = "kab-kota")]
    scope: Scope,
    /// The language of the output: id (Bahasa Indonesia) or en (English)
    #[arg(long, value_enum, default_value = "id")]
    lang: Lang,
    /// Print the report and the ranking as JSON
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    data: DataArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Scope {
    KabKota,
    Provinsi,
}

#[derive(Debug, Deserialize)]
struct MappingFile {
    mappings: Vec<MappingRecord>,
    #[serde(default)]
    observations: BTreeMap<String, BTreeMap<String, f64>>,
    #[serde(default)]
    review_cases: Vec<ReviewCase>,
}

/// A review case that ended in removal, as a moderation log would hold it.
#[derive(Debug, Deserialize)]
struct ReviewCase {
    id: String,
    kim_id: String,
    item_id: String,
    category: Category,
    removed_at: DateTime<Utc>,
}

fn main() -> ExitCode {
    finish(run(&Args::parse()))
}

fn data_path(name: &str) -> PathBuf {
    kim_examples::sample_path().with_file_name(name)
}

fn run(args: &Args) -> Result<ExitCode> {
    let lang = args.lang;
    let t = |id: &'static str, en: &'static str| lang.t(id, en);
    if args.from > args.as_of {
        return Err(format!("--from {} is after --as-of {}", args.from, args.as_of).into());
    }
    let list = args.data.code_list()?;
    let reference = list.get();
    let loaded = args.data.registry(reference)?;
    let registry = &loaded.registry;
    let rubric_path = args
        .rubric
        .clone()
        .unwrap_or_else(|| data_path("rubric_lomba_illustrative.json"));
    let text = std::fs::read_to_string(&rubric_path)
        .context(format!("--rubric {}", rubric_path.display()))?;
    let rubric = Rubric::from_json(&text).context(format!("--rubric {}", rubric_path.display()))?;
    let map_path = args
        .mappings
        .clone()
        .unwrap_or_else(|| data_path("pemetaan_kukar.json"));
    let what = format!("--mappings {}", map_path.display());
    let text = std::fs::read_to_string(&map_path).context(&what)?;
    let mut file: MappingFile = serde_json::from_str(&text).context(&what)?;

    // Pasal 24: every record is checked on entry (PM1: only the Dinas of the KIM's own kab/kota).
    let mut mappings = Mappings::new();
    for (i, r) in std::mem::take(&mut file.mappings).into_iter().enumerate() {
        mappings
            .add(r, registry)
            .context(format!("{what}: mappings[{i}]"))?;
    }
    let opts = ReportOptions::new(args.kab_kota, args.from, args.as_of)
        .context("--kab-kota")?
        .max_age_days(args.max_age_days);
    let report =
        MappingReport::build(&mappings, registry, reference, &opts).context("--kab-kota")?;

    let ranking = assess(args, &rubric, registry, reference, &file, &what)?;
    let findings = !report.unmapped.is_empty() || !ranking.unranked.is_empty();

    let mut out = io::stdout().lock();
    if args.json {
        let doc =
            serde_json::json!({ "mapping_report": report, "ranking": ranking, "rubric": rubric });
        serde_json::to_writer_pretty(&mut out, &doc).map_err(io::Error::from)?;
        writeln!(out)?;
        out.flush()?;
        return Ok(exit_for(findings));
    }
    writeln!(
        out,
        "kim {} · {}",
        env!("CARGO_PKG_VERSION"),
        t(
            "pemetaan KIM (Permenkominfo 4/2024 Pasal 24) dan peringkat",
            "KIM mapping (Permenkominfo 4/2024 Pasal 24) and ranking"
        )
    )?;
    if loaded.illustrative && args.mappings.is_none() {
        writeln!(
            out,
            "{}",
            t(
                "DATA ILUSTRASI, bukan data resmi.",
                "ILLUSTRATIVE DATA, not official."
            )
        )?;
    }
    write_report(&mut out, &report, lang)?;
    write_ranking(&mut out, &rubric, &ranking, registry, lang)?;
    out.flush()?;
    Ok(exit_for(findings))
}

/// Scores and ranks the KIMs of the kab/kota: jury marks from the file, media from the registry, removals from the
/// review log, error findings from validation.
fn assess(
    args: &Args,
    rubric: &Rubric,
    registry: &Registry,
    reference: &kim_core::wilayah::Reference,
    file: &MappingFile,
    what: &str,
) -> Result<Ranking> {
    let profiles = ProfileSet::builtin();
    let in_force = profiles
        .in_force(args.as_of)
        .context(format!("--as-of {}", args.as_of))?;
    let kims: Vec<_> = registry
        .kims()
        .iter()
        .filter(|k| k.seat.ancestor(kim_core::wilayah::Level::KabKota) == Some(args.kab_kota))
        .collect();
    let mut obs = Observations::new(rubric);
    for kim in &kims {
        obs.add_kim(&kim.id);
        if let Some(marks) = file.observations.get(&kim.id) {
            for (criterion, v) in marks {
                obs.set(&kim.id, criterion, *v)
                    .context(format!("{what}: observations.{}", kim.id))?;
            }
        }
        if rubric.position("pemanfaatan_media").is_some() {
            #[allow(clippy::cast_precision_loss)] // at most seven media
            obs.set(&kim.id, "pemanfaatan_media", kim.media.len() as f64)
                .context("rubric")?;
        }
    }
    let cases = review_cases(&file.review_cases)?;
    let start = args.from.and_hms_opt(0, 0, 0).unwrap_or_default().and_utc();
    let end = args
        .as_of
        .succ_opt()
        .unwrap_or(args.as_of)
        .and_hms_opt(0, 0, 0)
        .unwrap_or_default()
        .and_utc();
    if rubric.position("pelanggaran_moderasi").is_some() {
        obs.fill_moderation_removals("pelanggaran_moderasi", &cases, start, end)
            .context("rubric")?;
    }
    if rubric.position("temuan_validasi").is_some() {
        let reports =
            validate_registry(registry, &in_force, reference, args.as_of).context("validation")?;
        obs.fill_validation_errors("temuan_validasi", &reports)
            .context("validation")?;
    }
    let scores = score(rubric, &obs).context(format!("{what} (observations)"))?;
    let eligibility =
        default_eligibility(registry, &in_force, reference, args.as_of).context("eligibility")?;
    let scope = match args.scope {
        Scope::KabKota => RankScope::KabKota,
        Scope::Provinsi => RankScope::Provinsi,
    };
    rank(&scores, registry, &eligibility, scope).context("ranking")
}

fn review_cases(list: &[ReviewCase]) -> Result<Vec<Case>> {
    list.iter()
        .map(|c| {
            let mut case = Case::open(
                &c.id,
                &c.kim_id,
                &c.item_id,
                Source::Report {
                    reason: "laporan warga".into(),
                },
                vec![c.category],
                Urgency::Normal,
                c.removed_at - chrono::Duration::hours(2),
                "warga",
                ReviewRole::Pelapor,
                "example",
            );
            case.decide(
                "moderator",
                ReviewRole::Moderator,
                Outcome::Remove,
                "melanggar",
                None,
                c.removed_at,
                "example",
            )
            .and_then(|()| case.close("moderator", ReviewRole::Moderator, c.removed_at, "example"))
            .context(format!("review case {}", c.id))?;
            Ok(case)
        })
        .collect()
}

fn write_report(out: &mut impl Write, r: &MappingReport, lang: Lang) -> io::Result<()> {
    let t = |id: &'static str, en: &'static str| lang.t(id, en);
    writeln!(out)?;
    writeln!(
        out,
        "{} {} ({}) · {} {} – {} · {} {}",
        t("Laporan pemetaan", "Mapping report"),
        r.kab_kota_name,
        r.kab_kota,
        t("periode", "period"),
        r.from,
        r.to,
        t("daftar kode", "code list"),
        r.code_list_version
    )?;
    let pct = r
        .completeness
        .map_or_else(|| "-".to_owned(), |c| format!("{:.1}%", c * 100.0));
    writeln!(
        out,
        "  {} {} {} {} ({pct}; {} {} {}) · {} {}",
        r.mapped_kims,
        t("dari", "of"),
        r.active_kims,
        t("KIM aktif terpetakan", "active KIMs mapped"),
        t("pemetaan tidak lebih tua dari", "mappings no older than"),
        r.max_age_days,
        t("hari", "days"),
        t("pemetaan dalam periode:", "mappings in the period:"),
        r.mappings_in_period
    )?;
    let mut last = "";
    for c in &r.counts {
        if c.dimension != last {
            write!(out, "\n  {:<14}", c.dimension)?;
            last = &c.dimension;
        }
        write!(out, " {}={}", c.value, c.count)?;
    }
    writeln!(out)?;
    writeln!(
        out,
        "\n  {} ({}):",
        t("Belum terpetakan atau kedaluwarsa", "Unmapped or stale"),
        r.unmapped.len()
    )?;
    for u in &r.unmapped {
        let last = u
            .last_mapped_on
            .map_or_else(|| t("belum pernah", "never").to_owned(), |d| d.to_string());
        writeln!(
            out,
            "    {:<13} {:<34} {} {last}",
            u.kim_id,
            u.name,
            t("terakhir:", "last:")
        )?;
    }
    writeln!(
        out,
        "\n  {} ({}):",
        t("Prioritas", "Priority"),
        r.priority.len()
    )?;
    for p in &r.priority {
        writeln!(
            out,
            "    {:<13} {:<34} {}={} {}={} · {}",
            p.kim_id,
            p.name,
            t("kekuatan", "strength"),
            p.strength,
            t("pengaruh", "influence"),
            p.influence,
            p.reason
        )?;
    }
    Ok(())
}

fn write_ranking(
    out: &mut impl Write,
    rubric: &Rubric,
    ranking: &Ranking,
    registry: &Registry,
    lang: Lang,
) -> io::Result<()> {
    let t = |id: &'static str, en: &'static str| lang.t(id, en);
    writeln!(out)?;
    let label = if rubric.provenance().illustrative {
        t(" (ILUSTRASI)", " (ILLUSTRATIVE)")
    } else {
        ""
    };
    writeln!(
        out,
        "{} {}{label}: {}",
        t("Peringkat dengan rubrik", "Ranking with rubric"),
        rubric.id(),
        rubric.title()
    )?;
    let w: Vec<String> = rubric
        .criteria()
        .iter()
        .zip(rubric.weights())
        .map(|(c, w)| format!("{}={w:.3}", c.id))
        .collect();
    write!(out, "  {}: {}", t("bobot", "weights"), w.join(" "))?;
    if let Some(a) = rubric.ahp() {
        write!(
            out,
            " (AHP: λmax={:.4}, CI={:.4}, CR={:.4})",
            a.lambda_max, a.ci, a.cr
        )?;
    }
    writeln!(out)?;
    let heads: Vec<String> = rubric
        .criteria()
        .iter()
        .map(|c| c.id.chars().take(10).collect())
        .collect();
    write!(
        out,
        "  {:>4}  {:<13} {:<30} {:>6} ",
        "#",
        "id",
        t("nama", "name"),
        "total"
    )?;
    for h in &heads {
        write!(out, " {h:>10}")?;
    }
    writeln!(out)?;
    for r in &ranking.rows {
        let name: String = registry
            .get(&r.kim_id)
            .map(|k| k.name.chars().take(30).collect())
            .unwrap_or_default();
        let mark = if r.tied { "=" } else { " " };
        write!(
            out,
            "  {:>3}{mark}  {:<13} {name:<30} {:>6.2} ",
            r.rank, r.kim_id, r.total
        )?;
        for c in &r.contributions {
            write!(out, " {c:>10.2}")?;
        }
        writeln!(out)?;
    }
    write_ties_and_unranked(out, ranking, lang)
}

fn write_ties_and_unranked(out: &mut impl Write, ranking: &Ranking, lang: Lang) -> io::Result<()> {
    let t = |id: &'static str, en: &'static str| lang.t(id, en);
    for tie in &ranking.ties {
        writeln!(
            out,
            "  {} {} ({} {:.2}): {}",
            t("Seri di peringkat", "Tie at rank"),
            tie.rank,
            t("total", "total"),
            tie.total,
            tie.kim_ids.join(", ")
        )?;
    }
    writeln!(
        out,
        "  {}",
        t(
            "(kolom kriteria = kontribusi bobot × skor; = menandai seri, yang tidak dipecah)",
            "(criterion columns = contribution weight × score; = marks a tie, which is not broken)"
        )
    )?;
    writeln!(
        out,
        "\n  {} ({}):",
        t("Dinilai, tidak diperingkat", "Scored, not ranked"),
        ranking.unranked.len()
    )?;
    for u in &ranking.unranked {
        writeln!(
            out,
            "    {:<13} {:>6.2}  {}",
            u.kim_id,
            u.total,
            u.reasons.join(", ")
        )?;
    }
    let class = match classify(ranking.rows.first().map_or(0.0, |r| r.total), None) {
        Classification::Unclassified { reason } => reason,
        Classification::Tier { tier, .. } => tier,
        _ => String::new(),
    };
    writeln!(out, "\n  {}: {class}", t("Klasifikasi", "Classification"))?;
    Ok(())
}
