//! KIM coverage by unit: by default Kabupaten Kutai Kartanegara (64.02) by kecamatan, from the ILLUSTRATIVE sample
//! registry in `examples/data/kim_sample.json` against the embedded official code list; with `--registry FILE`
//! (JSON or CSV) and `--reference FILE` it runs on your own data. Prints a table with a bar per row, the totals,
//! the gaps and, with `--target`, the projection; writes the table as CSV (`--csv`) and/or XLSX (`--xlsx`).
//!
//! ```text
//! cargo run --release -p kim-examples --example coverage_kukar -- --help
//! ```
#![allow(clippy::print_stdout)] // an example prints

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{CommandFactory, Parser};
use kim_core::coverage::{
    COLUMNS, CodeListChoice, CoverageOptions, CoverageRow, CoverageTable, Gaps, Read, Target,
    TargetProgress, UnmatchedReason, coverage, coverage_by_date, gaps, gaps_by_date,
    target_progress,
};
use kim_core::wilayah::{CodeListVersion, Kode, Level};
use kim_examples::{
    CodeList, Context, DataArgs, EMBEDDED_DECREE, EXIT_CODES, Lang, Result, embedded_list_date,
    exit_for, finish, parse_date, parse_kode, parse_level, report_import,
};

/// KIM coverage of a region by unit (share of desa/kelurahan and of kecamatan with an active KIM), its gaps, and
/// progress towards a target you give.
#[derive(Debug, Parser)]
#[command(name = "coverage_kukar", version, after_help = EXIT_CODES)]
struct Args {
    /// The day to count on, YYYY-MM-DD [default: today]
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    as_of: Option<NaiveDate>,
    /// The region: a provinsi (64), kab/kota (64.02) or kecamatan (64.02.01) code
    #[arg(long, value_name = "CODE", default_value = "64.02", value_parser = parse_kode)]
    within: Kode,
    /// One row per unit of this level: kab_kota, kecamatan or desa (below --within)
    #[arg(long, value_name = "LEVEL", default_value = "kecamatan", value_parser = parse_level)]
    level: Level,
    #[command(flatten)]
    data: DataArgs,
    /// Write the table as CSV to this file [default: kim-coverage-<within>-<as-of>.csv when no --xlsx is given]
    #[arg(long, value_name = "FILE")]
    csv: Option<PathBuf>,
    /// Write the table, the villages without a KIM and the kecamatan without a KIM as an Excel workbook
    #[arg(long, value_name = "FILE")]
    xlsx: Option<PathBuf>,
    /// A target share of desa/kelurahan with an active KIM, in percent (0–100), with --target-date
    #[arg(long, value_name = "PERCENT", requires = "target_date", value_parser = parse_percent)]
    target: Option<f64>,
    /// The date of the target
    #[arg(long, value_name = "YYYY-MM-DD", requires = "target", value_parser = parse_date)]
    target_date: Option<NaiveDate>,
    /// Months of history the pace towards the target is measured over
    #[arg(long, value_name = "MONTHS", default_value_t = 12, value_parser = clap::value_parser!(u32).range(1..=120))]
    window_months: u32,
    /// The language of the output: id (Bahasa Indonesia) or en (English)
    #[arg(long, value_enum, default_value = "id")]
    lang: Lang,
}

fn parse_percent(s: &str) -> std::result::Result<f64, String> {
    match s.trim().trim_end_matches('%').parse::<f64>() {
        Ok(p) if p > 0.0 && p <= 100.0 => Ok(p / 100.0),
        _ => Err(format!(
            "{s:?} is not a percentage; expected a number above 0 and at most 100, e.g. 50"
        )),
    }
}

fn main() -> ExitCode {
    finish(run(&Args::parse()))
}

/// The region's name, or a message when the code list has no such unit.
fn region_name(reference: &kim_core::wilayah::Reference, within: Kode) -> Result<String> {
    let unit = reference.get(within).ok_or_else(|| {
        format!(
            "--within {within}: no unit with this code in the code list {}; give a provinsi, kab/kota or \
             kecamatan code of that list (e.g. 64.02)",
            reference.version()
        )
    })?;
    Ok(unit.name.to_owned())
}

/// A usage error (exit code 2) when the rows would not be below the region.
fn check_level(args: &Args) {
    if args.level <= args.within.level() {
        let accepted: Vec<&str> = Level::ALL
            .iter()
            .filter(|l| **l > args.within.level())
            .map(|l| l.as_str())
            .collect();
        Args::command()
            .error(
                clap::error::ErrorKind::ArgumentConflict,
                format!(
                    "--level {} must be below --within {} (a {}); accepted: {}",
                    args.level,
                    args.within,
                    args.within.level(),
                    accepted.join(", ")
                ),
            )
            .exit();
    }
}

fn run(args: &Args) -> Result<ExitCode> {
    check_level(args);
    let lang = args.lang;
    let t = |id: &'static str, en: &'static str| lang.t(id, en);
    let as_of = args
        .as_of
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let list = args.data.code_list()?;
    let reference = list.get();
    let within_name = region_name(reference, args.within)?;
    // Open the output files first: a bad path fails before any work, with the path in the message.
    let csv_path = match (&args.csv, &args.xlsx) {
        (None, None) => Some(PathBuf::from(format!(
            "kim-coverage-{}-{as_of}.csv",
            args.within
        ))),
        (csv, _) => csv.clone(),
    };
    let csv_file = create("--csv", csv_path.as_ref())?;
    let xlsx_file = create("--xlsx", args.xlsx.as_ref())?;

    let loaded = args.data.registry(reference)?;
    let rejected = loaded.report.as_ref().is_some_and(|r| !r.is_clean());
    if let Some(report) = &loaded.report {
        report_import(report, lang);
    }
    let opts = CoverageOptions::new(as_of)
        .level(args.level)
        .within(args.within);
    let (table, g, dated) = tables(&list, &loaded.registry, reference, &opts)?;

    let mut out = io::stdout().lock();
    writeln!(
        out,
        "{} · {within_name} ({}) · {} {as_of}",
        t("Cakupan KIM", "KIM coverage"),
        args.within,
        t("per", "as of")
    )?;
    if loaded.illustrative {
        writeln!(
            out,
            "{}",
            t(
                "Data KIM: CONTOH ILUSTRATIF (examples/data/kim_sample.json), bukan registri resmi.",
                "KIM data: ILLUSTRATIVE SAMPLE (examples/data/kim_sample.json), not an official registry."
            )
        )?;
    } else {
        writeln!(
            out,
            "{} {} ({} KIM)",
            t("Data KIM:", "KIM data:"),
            loaded.source,
            loaded.registry.len()
        )?;
    }
    write_denominator(&mut out, &list, dated.as_ref(), &table, args.within, lang)?;
    writeln!(out)?;
    write_table(&mut out, &table, args.level, lang)?;
    write_totals(&mut out, &table, lang)?;
    writeln!(out)?;
    write_gaps(&mut out, &g, lang)?;
    if let (Some(ratio), Some(date)) = (args.target, args.target_date) {
        let target = Target::new(ratio, date).window_months(args.window_months);
        let p = target_progress(&loaded.registry, reference, &opts, target).context("--target")?;
        write_target(&mut out, &p, lang)?;
    }

    if let (Some(path), Some(file)) = (&csv_path, csv_file) {
        table
            .write_csv(io::BufWriter::new(file))
            .context(format!("--csv {}", path.display()))?;
        writeln!(out)?;
        writeln!(
            out,
            "{} {} ({} {}).",
            t("Tabel ditulis ke", "Table written to"),
            path.display(),
            table.rows.len(),
            t("baris + total", "rows + total")
        )?;
    }
    if let (Some(path), Some(file)) = (&args.xlsx, xlsx_file) {
        write_xlsx(file, &table, &g, lang).context(format!("--xlsx {}", path.display()))?;
        writeln!(
            out,
            "{} {}.",
            t("Buku kerja Excel ditulis ke", "Excel workbook written to"),
            path.display()
        )?;
    }
    out.flush()?;
    Ok(exit_for(rejected))
}

fn create(arg: &str, path: Option<&PathBuf>) -> Result<Option<std::fs::File>> {
    path.map(|p| {
        std::fs::File::create(p).context(format!("{arg} {}: cannot create the file", p.display()))
    })
    .transpose()
}

/// The code list a dated table used, whether the date is before the oldest list, and the seats translated.
type Dated = (CodeListVersion, bool, u32);

/// Coverage and gaps: with the embedded lists, on the one in force on `opts.as_of` (with its version, whether the
/// date is before the oldest list, and how many seats were translated); with a list from --reference, on that list.
fn tables(
    list: &CodeList,
    registry: &kim_core::registry::Registry,
    reference: &kim_core::wilayah::Reference,
    opts: &CoverageOptions,
) -> Result<(CoverageTable, Gaps, Option<Dated>)> {
    if list.is_embedded() {
        let d = coverage_by_date(registry, opts, &CodeListChoice::InForce).context("coverage")?;
        let g = gaps_by_date(registry, opts, &CodeListChoice::InForce).context("gaps")?;
        Ok((
            d.table,
            g,
            Some((d.version, d.before_oldest, d.seats_rekeyed)),
        ))
    } else {
        let table = coverage(registry, reference, opts).context("coverage")?;
        let g = gaps(registry, reference, opts).context("gaps")?;
        Ok((table, g, None))
    }
}

/// What the denominator is: the code list, its date, and why published figures may differ.
fn write_denominator(
    out: &mut impl Write,
    list: &CodeList,
    dated: Option<&Dated>,
    table: &CoverageTable,
    within: Kode,
    lang: Lang,
) -> io::Result<()> {
    let t = |id: &'static str, en: &'static str| lang.t(id, en);
    if let Some((version, before_oldest, rekeyed)) = dated.filter(|(v, _, _)| !v.current) {
        writeln!(
            out,
            "{} {} ({}, {} {}); {}",
            t("Daftar kode yang berlaku:", "Code list in force:"),
            version.decree,
            version.id,
            t("berlaku sejak", "in force from"),
            version.in_force,
            t(
                "KIM dihitung bila berstatus terdaftar atau aktif pada tanggal itu.",
                "a KIM counts when its status is registered or active on that day."
            )
        )?;
        if *before_oldest {
            writeln!(
                out,
                "{}",
                t(
                    "Catatan: tanggal ini mendahului daftar tertua yang dimuat kim; daftar tertua dipakai.",
                    "Note: this date is before the oldest list kim embeds; the oldest list is used."
                )
            )?;
        }
        if *rekeyed > 0 {
            writeln!(
                out,
                "{} {rekeyed} {}",
                t("Catatan:", "Note:"),
                t(
                    "kedudukan KIM diterjemahkan ke kode daftar ini (docs/domain.md §6).",
                    "KIM seats were translated to this list's codes (docs/domain.md §6)."
                )
            )?;
        }
    } else if list.is_embedded() {
        let listed = embedded_list_date();
        writeln!(
            out,
            "{} {EMBEDDED_DECREE} ({}, {listed}); {}",
            t("Daftar kode:", "Code list:"),
            table.code_list_version,
            t(
                "KIM dihitung bila berstatus terdaftar atau aktif pada tanggal itu.",
                "a KIM counts when its status is registered or active on that day."
            )
        )?;
    } else {
        writeln!(
            out,
            "{} {} ({}); {}",
            t("Daftar kode:", "Code list:"),
            table.code_list_version,
            t("dari --reference", "from --reference"),
            t(
                "KIM dihitung bila berstatus terdaftar atau aktif pada tanggal itu.",
                "a KIM counts when its status is registered or active on that day."
            )
        )?;
    }
    if list.is_embedded() && within.to_string() == "64.02" {
        writeln!(
            out,
            "{} {} {}",
            t(
                "Catatan: angka yang pernah dipublikasikan (mis. \"96 KIM dari 243 desa dan kelurahan\", 2022) \
                 tidak cocok dengan daftar ini, yang memuat",
                "Note: published figures (e.g. \"96 KIMs of 243 desa and kelurahan\", 2022) differ from this \
                 list, which has"
            ),
            table.total.villages.total,
            t(
                "desa/kelurahan; setiap daftar Kemendagri sejak Permendagri 56/2015 juga memuat 237. Sumber \
                 angka 243 tidak diketahui: mungkin daftar lain atau unit lain (docs/domain.md §6).",
                "desa/kelurahan; every Kemendagri list since Permendagri 56/2015 also has 237. The source of \
                 243 is unknown: it may be another list or count other units (docs/domain.md §6)."
            )
        )?;
    }
    Ok(())
}

// The ratio is clamped to [0, 1] and the width is small, so the casts are exact enough for a text bar.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    clippy::cast_precision_loss
)]
fn bar(ratio: Option<f64>, width: usize) -> String {
    let r = ratio.unwrap_or(0.0).clamp(0.0, 1.0);
    // Eighths of a cell for a smooth bar.
    let eighths = (r * (width * 8) as f64).round() as usize;
    let (full, rest) = (eighths / 8, eighths % 8);
    let partial = ["", "▏", "▎", "▍", "▌", "▋", "▊", "▉"][rest];
    let used = full + usize::from(rest > 0);
    format!(
        "{}{}{}",
        "█".repeat(full),
        partial,
        "·".repeat(width.saturating_sub(used))
    )
}

fn pct(r: Option<f64>) -> String {
    r.map_or_else(|| "   -  ".to_owned(), |r| format!("{:5.1}%", r * 100.0))
}

fn write_row(out: &mut impl Write, label: &str, r: &CoverageRow) -> io::Result<()> {
    writeln!(
        out,
        "{label:<30} {:>4} {:>4} {:>4}  {:>4}  {} {}  {:>4} {:>6}",
        r.villages.desa,
        r.villages.kelurahan,
        r.villages.total,
        r.villages_with_kim.total,
        bar(r.village_ratio, 20),
        pct(r.village_ratio),
        r.n_kim,
        r.n_members
    )
}

fn write_table(
    out: &mut impl Write,
    table: &CoverageTable,
    level: Level,
    lang: Lang,
) -> io::Result<()> {
    let t = |id: &'static str, en: &'static str| lang.t(id, en);
    writeln!(
        out,
        "{:<30} {:>4} {:>4} {:>4}  {:>4}  {:<27}  {:>4} {:>6}",
        level.as_str(),
        "desa",
        "kel",
        t("jml", "all"),
        "+KIM",
        t("cakupan desa/kelurahan", "desa/kelurahan coverage"),
        "KIM",
        t("anggota", "members")
    )?;
    writeln!(out, "{}", "─".repeat(92))?;
    for r in &table.rows {
        let code = r.code.map(|c| c.to_string()).unwrap_or_default();
        let name: String = r
            .name
            .chars()
            .take(30usize.saturating_sub(code.len() + 1))
            .collect();
        write_row(out, &format!("{code} {name}"), r)?;
    }
    writeln!(out, "{}", "─".repeat(92))?;
    write_row(out, "TOTAL", &table.total)
}

fn write_totals(out: &mut impl Write, table: &CoverageTable, lang: Lang) -> io::Result<()> {
    let t = |id: &'static str, en: &'static str| lang.t(id, en);
    let total = &table.total;
    writeln!(out)?;
    writeln!(
        out,
        "{} {} {} {} ({}); desa {} {} {}, kelurahan {} {} {}.",
        t(
            "Desa/kelurahan dengan KIM aktif:",
            "Desa/kelurahan with an active KIM:"
        ),
        total.villages_with_kim.total,
        t("dari", "of"),
        total.villages.total,
        pct(total.village_ratio).trim(),
        total.villages_with_kim.desa,
        t("dari", "of"),
        total.villages.desa,
        total.villages_with_kim.kelurahan,
        t("dari", "of"),
        total.villages.kelurahan
    )?;
    writeln!(
        out,
        "{} {} {} {} ({}).",
        t(
            "Kecamatan dengan KIM (indikator SPM):",
            "Kecamatan with a KIM (SPM indicator):"
        ),
        total.kecamatan_with_kim,
        t("dari", "of"),
        total.kecamatan,
        pct(total.kecamatan_ratio).trim()
    )?;
    writeln!(
        out,
        "{} {} {}",
        total.n_kim,
        t("KIM aktif di", "active KIMs in"),
        lang.t(
            &format!(
                "{} desa/kelurahan: jumlah KIM bukan jumlah desa.",
                total.villages_with_kim.total
            ),
            &format!(
                "{} desa/kelurahan: counting KIMs is not counting villages.",
                total.villages_with_kim.total
            ),
        )
    )?;
    if !table.unmatched.is_empty() {
        writeln!(
            out,
            "{} {}",
            table.unmatched.len(),
            t(
                "KIM aktif dengan kedudukan di luar daftar kode (tidak dihitung):",
                "active KIMs seated outside the code list (not counted):"
            )
        )?;
        for u in &table.unmatched {
            let why = match u.reason {
                UnmatchedReason::NotInCodeList => t(
                    "kode desa tidak ada dalam daftar",
                    "village code not in the list",
                ),
                UnmatchedReason::NotAVillage => {
                    t("bukan kode desa/kelurahan", "not a desa/kelurahan code")
                }
                _ => t("alasan lain", "another reason"),
            };
            writeln!(out, "  {} {} ({why})", u.kim_id, u.seat)?;
        }
    }
    Ok(())
}

/// The workbook: the coverage table with typed cells, then the villages and the kecamatan without an active KIM.
fn write_xlsx(
    file: std::fs::File,
    table: &CoverageTable,
    g: &Gaps,
    lang: Lang,
) -> std::result::Result<(), rust_xlsxwriter::XlsxError> {
    use rust_xlsxwriter::{Format, Workbook};
    let t = |id: &'static str, en: &'static str| lang.t(id, en);
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let percent = Format::new().set_num_format("0.0%");
    let sheet = book.add_worksheet().set_name(t("cakupan", "coverage"))?;
    sheet.write_string_with_format(0, 0, "row", &bold)?;
    for (c, col) in (1u16..).zip(COLUMNS.iter()) {
        sheet.write_string_with_format(0, c, col.name, &bold)?;
    }
    let rows = table
        .rows
        .iter()
        .map(|r| ("unit", r))
        .chain(std::iter::once(("total", &table.total)));
    for (n, (kind, r)) in (1u32..).zip(rows) {
        sheet.write_string(n, 0, kind)?;
        for (c, col) in (1u16..).zip(COLUMNS.iter()) {
            match col.read {
                Read::Code(f) => {
                    sheet.write_string(n, c, f(r).map(|k| k.to_string()).unwrap_or_default())?;
                }
                Read::Text(f) => {
                    sheet.write_string(n, c, f(r).unwrap_or_default())?;
                }
                Read::Count(f) => {
                    sheet.write_number(n, c, f64::from(f(r)))?;
                }
                Read::Ratio(f) => {
                    if let Some(v) = f(r) {
                        sheet.write_number_with_format(n, c, v, &percent)?;
                    }
                }
                Read::Date(f) => {
                    sheet.write_string(n, c, f(r).to_string())?;
                }
            }
        }
    }
    sheet.autofit();
    let gap_sheets = [
        (t("desa tanpa KIM", "villages without KIM"), &g.villages),
        (
            t("kecamatan tanpa KIM", "kecamatan without KIM"),
            &g.kecamatan,
        ),
    ];
    for (name, units) in gap_sheets {
        let sheet = book.add_worksheet().set_name(name)?;
        for (c, h) in (0u16..).zip(["code", "name", "parent"]) {
            sheet.write_string_with_format(0, c, h, &bold)?;
        }
        for (n, u) in (1u32..).zip(units.iter()) {
            sheet.write_string(n, 0, u.code.to_string())?;
            sheet.write_string(n, 1, &u.name)?;
            sheet.write_string(n, 2, u.parent.map(|p| p.to_string()).unwrap_or_default())?;
        }
        sheet.autofit();
    }
    book.save_to_writer(io::BufWriter::new(file))
}

fn write_gaps(out: &mut impl Write, g: &Gaps, lang: Lang) -> io::Result<()> {
    let t = |id: &'static str, en: &'static str| lang.t(id, en);
    writeln!(
        out,
        "{} {} {} {} {}",
        t("Kesenjangan:", "Gaps:"),
        g.villages.len(),
        t("desa/kelurahan dan", "desa/kelurahan and"),
        g.kecamatan.len(),
        t(
            "kecamatan tanpa KIM aktif.",
            "kecamatan without an active KIM."
        )
    )?;
    for k in &g.kecamatan {
        writeln!(
            out,
            "  {} {} {}",
            t("kecamatan tanpa KIM:", "kecamatan without a KIM:"),
            k.code,
            k.name
        )?;
    }
    Ok(())
}

fn write_target(out: &mut impl Write, p: &TargetProgress, lang: Lang) -> io::Result<()> {
    let t = |id: &'static str, en: &'static str| lang.t(id, en);
    let (date, ratio, window) = (p.target.date, p.target.ratio, p.target.window_months);
    writeln!(out)?;
    let when = p.projected_date.map_or_else(
        || t("tidak tercapai dengan laju ini", "not reached at this pace").to_owned(),
        |d| d.to_string(),
    );
    let pace = format!("{:+.2}", p.pace_per_month);
    let (pct, needed) = (ratio * 100.0, p.villages_needed);
    let line = match (lang, p.on_time) {
        (Lang::Id, on_time) => format!(
            "Target {pct:.0}% desa/kelurahan pada {date} (dari --target, bukan target resmi): perlu {needed} \
                 desa/kelurahan lagi; laju {window} bulan terakhir {pace} desa/bulan; proyeksi {when} ({}).",
            if on_time { "tepat waktu" } else { "terlambat" }
        ),
        (Lang::En, on_time) => format!(
            "Target {pct:.0}% of desa/kelurahan by {date} (from --target, not an official target): {needed} \
                 more needed; pace over the last {window} months {pace} per month; projected {when} ({}).",
            if on_time { "on time" } else { "late" }
        ),
    };
    writeln!(out, "{line}")?;
    Ok(())
}
