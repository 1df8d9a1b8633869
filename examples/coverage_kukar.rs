//! KIM coverage of Kabupaten Kutai Kartanegara (64.02) by kecamatan, from the ILLUSTRATIVE sample registry in
//! `examples/data/kim_sample.json` against the embedded official code list. Prints a table with a bar per row, the
//! totals and the gaps, and writes the table as CSV.
//!
//! ```text
//! cargo run --release -p kim-examples --example coverage_kukar -- [--as-of YYYY-MM-DD] [--within 64.02] [--csv PATH]
//! ```
#![allow(clippy::print_stdout)] // an example prints

use chrono::NaiveDate;
use kim_core::coverage::{CoverageOptions, CoverageRow, Target, coverage, gaps, target_progress};
use kim_core::registry::Registry;
use kim_core::wilayah::{Kode, Level, Reference};

struct Args {
    as_of: NaiveDate,
    within: Kode,
    csv: String,
}

fn parse_args() -> Result<Args, Box<dyn std::error::Error>> {
    let mut out = Args {
        as_of: chrono::Local::now().date_naive(),
        within: Kode::parse("64.02")?,
        csv: String::new(),
    };
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{a} needs a value"));
        match a.as_str() {
            "--as-of" => out.as_of = value()?.parse()?,
            "--within" => out.within = Kode::parse(&value()?)?,
            "--csv" => out.csv = value()?,
            other => {
                return Err(
                    format!("unknown argument {other:?}; use --as-of, --within, --csv").into(),
                );
            }
        }
    }
    if out.csv.is_empty() {
        out.csv = format!("kim-coverage-{}-{}.csv", out.within, out.as_of);
    }
    Ok(out)
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

fn print_row(label: &str, r: &CoverageRow) {
    println!(
        "{label:<30} {:>4} {:>4} {:>4}  {:>4}  {} {}  {:>4} {:>6}",
        r.villages.desa,
        r.villages.kelurahan,
        r.villages.total,
        r.villages_with_kim.total,
        bar(r.village_ratio, 20),
        pct(r.village_ratio),
        r.n_kim,
        r.n_members
    );
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args = parse_args()?;
    let reference = Reference::embedded();
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/kim_sample.json");
    let registry = Registry::from_json(&std::fs::read_to_string(path)?)?;
    let opts = CoverageOptions::new(args.as_of)
        .level(Level::Kecamatan)
        .within(args.within);
    let table = coverage(&registry, reference, &opts)?;
    let total = &table.total;

    println!(
        "Cakupan KIM · {} ({}) · per {}",
        total.name, args.within, args.as_of
    );
    println!("Data KIM: CONTOH ILUSTRATIF (examples/data/kim_sample.json), bukan registri resmi.");
    println!(
        "Daftar kode: {} · KIM dihitung bila berstatus registered/active pada tanggal itu.",
        table.code_list_version
    );
    println!();
    println!(
        "{:<30} {:>4} {:>4} {:>4}  {:>4}  {:<27}  {:>4} {:>6}",
        "kecamatan", "desa", "kel", "jml", "+KIM", "cakupan desa/kelurahan", "KIM", "anggota"
    );
    println!("{}", "─".repeat(92));
    for r in &table.rows {
        let code = r.code.map(|c| c.to_string()).unwrap_or_default();
        let name: String = r.name.chars().take(20).collect();
        print_row(&format!("{code} {name}"), r);
    }
    println!("{}", "─".repeat(92));
    print_row(&format!("TOTAL {} kecamatan", total.kecamatan), total);
    println!();
    println!(
        "Desa/kelurahan dengan KIM aktif: {} dari {} ({}); desa {} dari {}, kelurahan {} dari {}.",
        total.villages_with_kim.total,
        total.villages.total,
        pct(total.village_ratio).trim(),
        total.villages_with_kim.desa,
        total.villages.desa,
        total.villages_with_kim.kelurahan,
        total.villages.kelurahan
    );
    println!(
        "Kecamatan dengan KIM (indikator SPM): {} dari {} ({}).",
        total.kecamatan_with_kim,
        total.kecamatan,
        pct(total.kecamatan_ratio).trim()
    );
    println!(
        "{} KIM aktif di {} desa/kelurahan: n_kim bukan jumlah desa.",
        total.n_kim, total.villages_with_kim.total
    );
    if !table.unmatched.is_empty() {
        println!(
            "{} KIM aktif dengan kode kedudukan di luar daftar kode (tidak dihitung):",
            table.unmatched.len()
        );
        for u in &table.unmatched {
            println!("  {} {} ({:?})", u.kim_id, u.seat, u.reason);
        }
    }

    print_gaps_and_target(&registry, reference, &opts)?;

    let file = std::fs::File::create(&args.csv)?;
    table.write_csv(std::io::BufWriter::new(file))?;
    println!();
    println!(
        "Tabel ditulis ke {} ({} baris + total).",
        args.csv,
        table.rows.len()
    );
    Ok(())
}

fn print_gaps_and_target(
    registry: &Registry,
    reference: &Reference,
    opts: &CoverageOptions,
) -> Result<(), Box<dyn std::error::Error>> {
    let g = gaps(registry, reference, opts)?;
    println!();
    println!(
        "Kesenjangan: {} desa/kelurahan dan {} kecamatan tanpa KIM aktif.",
        g.villages.len(),
        g.kecamatan.len()
    );
    for k in &g.kecamatan {
        println!("  kecamatan tanpa KIM: {} {}", k.code, k.name);
    }

    let target = Target {
        ratio: 0.5,
        date: NaiveDate::from_ymd_opt(2029, 12, 31).ok_or("date")?,
        window_months: 12,
    };
    let p = target_progress(registry, reference, opts, target)?;
    println!();
    println!(
        "Target 50% desa/kelurahan pada {}: perlu {} desa lagi; laju 12 bulan terakhir {:+.2} desa/bulan; proyeksi {}{}.",
        target.date,
        p.villages_needed,
        p.pace_per_month,
        p.projected_date.map_or_else(
            || "tidak tercapai dengan laju ini".to_owned(),
            |d| d.to_string()
        ),
        if p.on_time {
            " (tepat waktu)"
        } else {
            " (terlambat)"
        }
    );

    Ok(())
}
