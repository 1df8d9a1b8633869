//! Moderates KIM posts with the default lexicon and shows the verdicts, the matched spans in the original text and a
//! redacted copy: by default a few ILLUSTRATIVE posts (and a review case for a held one), or your own posts, one
//! per line, from a file or stdin.
//!
//! ```text
//! cargo run --release -p kim-examples --example moderate_posts -- --help
//! ```
#![allow(clippy::print_stdout)] // an example prints

use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use chrono::{Duration, TimeZone, Utc};
use clap::Parser;
use kim_core::moderation::review::{Case, HoaxLabel, Outcome, ReviewRole, State, Urgency};
use kim_core::moderation::{Action, Category, Decision, Moderator, Verdict, redact};
use kim_examples::{Context, EXIT_CODES, Lang, Result, exit_for, finish};

const POSTS: &[&str] = &[
    "Gotong royong membersihkan pantai Desa Perian, Minggu pagi. Warga membawa karung dan sapu.",
    "Umat Hindu membakar ogoh-ogoh pada malam pengerupukan; umat Islam dan Kristen ikut menjaga keamanan.",
    "Polres Kukar menggerebek tempat judi online dan menyita empat telepon genggam.",
    "Main di s.l.o.t g4c0r, m4xw1n tiap hari! Daftar: https://gacor88.example/daftar",
    "VIRAL SEBELUM DIHAPUS!!! Bantuan Rp5 juta untuk semua warga, isi formulir. Sebarkan!",
    "Ini NIK si pelaku 6402014101900001, hp 0812-3456-7890, tolong disebar.",
    "Usir orang Cina dari pasar kita!",
    "Dasar kepala desa b4ngs4t, kerjanya cuma makan uang rakyat!",
];

/// Moderates posts (allow, hold for human review, block) and shows why, in one language. Personal data (NIK,
/// phone numbers, e-mail) is redacted in the output.
#[derive(Debug, Parser)]
#[command(name = "moderate_posts", version, after_help = EXIT_CODES)]
struct Args {
    /// A UTF-8 text file with one post per line, or - for stdin [default: the ILLUSTRATIVE posts, with a review
    /// case for a held one]
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,
    /// The language of the output: id (Bahasa Indonesia) or en (English)
    #[arg(long, value_enum, default_value = "id")]
    lang: Lang,
    /// Print one JSON verdict per line (JSON Lines) with the post's line number, instead of text
    #[arg(long)]
    json: bool,
    /// The rules alone: without the hold model that holds posts of 5 words or more (`min_tokens`) that read as harmful
    #[arg(long)]
    rules_only: bool,
    /// Print each post as the rules read it (kim_core::moderation::normalized), one line per input line, instead of
    /// a verdict: what scripts/train_hold_model.py computes a model's features from
    #[arg(long, conflicts_with_all = ["json", "rules_only"])]
    normalized: bool,
}

fn main() -> ExitCode {
    finish(run(&Args::parse()))
}

fn read_posts(args: &Args) -> Result<Vec<String>> {
    let Some(path) = &args.file else {
        return Ok(POSTS.iter().map(|&p| p.to_owned()).collect());
    };
    let what = path.display().to_string();
    let lines: std::result::Result<Vec<String>, io::Error> = if what == "-" {
        io::stdin().lock().lines().collect()
    } else {
        let file = std::fs::File::open(path).context(format!("{what}: cannot open the file"))?;
        io::BufReader::new(file).lines().collect()
    };
    let where_ = if what == "-" {
        "stdin".to_owned()
    } else {
        what
    };
    lines.context(format!(
        "{where_}: cannot read the posts (one UTF-8 post per line)"
    ))
}

fn decision(d: Decision, lang: Lang) -> &'static str {
    match d {
        Decision::Allow => lang.t("TAYANG", "ALLOW"),
        Decision::Hold => lang.t("TAHAN", "HOLD"),
        Decision::Block => lang.t("BLOKIR", "BLOCK"),
    }
}

fn run(args: &Args) -> Result<ExitCode> {
    let lang = args.lang;
    let t = |id: &'static str, en: &'static str| lang.t(id, en);
    let posts = read_posts(args)?;
    if args.normalized {
        let mut out = io::stdout().lock();
        for post in &posts {
            writeln!(out, "{}", kim_core::moderation::normalized(post))?;
        }
        out.flush()?;
        return Ok(ExitCode::SUCCESS);
    }
    let moderator = if args.rules_only {
        Moderator::rules_only()
    } else {
        Moderator::default()
    };
    let mut out = io::stdout().lock();
    let mut flagged = false;
    let mut held = None;
    if !args.json {
        writeln!(
            out,
            "{} {} · {} {} · {}",
            t("moderasi kim · aturan", "kim moderation · rules"),
            moderator.version(),
            moderator.lexicon().entries().len(),
            t("entri", "entries"),
            if args.file.is_none() {
                t("unggahan ILUSTRATIF", "ILLUSTRATIVE posts")
            } else {
                t("unggahan Anda", "your posts")
            }
        )?;
    }
    for (i, post) in posts.iter().enumerate() {
        if post.trim().is_empty() {
            continue;
        }
        let v = moderator.check(post);
        flagged |= v.decision != Decision::Allow;
        if args.json {
            let mut value = serde_json::to_value(&v).map_err(io::Error::from)?;
            if let Some(obj) = value.as_object_mut() {
                obj.insert("line".to_owned(), serde_json::Value::from(i + 1));
            }
            writeln!(out, "{value}")?;
        } else {
            write_verdict(&mut out, i + 1, post, &v, lang)?;
        }
        if args.file.is_none() && held.is_none() && v.fact_check {
            held = Some(v);
        }
    }
    if let Some(v) = held
        && !args.json
    {
        write_case(&mut out, &moderator, &v, lang)?;
    }
    out.flush()?;
    Ok(exit_for(flagged))
}

fn write_verdict(
    out: &mut impl Write,
    n: usize,
    post: &str,
    v: &Verdict,
    lang: Lang,
) -> io::Result<()> {
    writeln!(out)?;
    writeln!(
        out,
        "[{n}] {:<6} {}",
        decision(v.decision, lang),
        redact(post)
    )?;
    for m in &v.matches {
        // Personal data is never shown, only named.
        let shown = if m.category == Category::DataPribadi {
            lang.t("(data pribadi)", "(personal data)").to_owned()
        } else {
            format!("«{}»", &post[m.start..m.end])
        };
        let action = match m.action {
            Action::Block => lang.t("blokir", "block"),
            Action::Hold => lang.t("tahan", "hold"),
            Action::Flag => lang.t("tandai", "flag"),
        };
        writeln!(
            out,
            "       {:<12} {action:<6} {:<28} {shown}  — {}",
            m.category.as_str(),
            m.rule_id,
            lang.t(&m.reason_id, &m.reason_en)
        )?;
    }
    if v.fact_check {
        writeln!(
            out,
            "       → {}",
            lang.t(
                "tahan untuk cek fakta (hoaks: misinformasi / disinformasi / malinformasi)",
                "held for fact-checking (hoax: misinformation / disinformation / malinformation)"
            )
        )?;
    }
    Ok(())
}

fn state(s: Option<State>, lang: Lang) -> &'static str {
    match s {
        None => lang.t("(baru)", "(new)"),
        Some(State::Open) => lang.t("terbuka", "open"),
        Some(State::Decided) => lang.t("diputuskan", "decided"),
        Some(State::Appealed) => lang.t("banding", "appealed"),
        Some(State::Closed) => lang.t("ditutup", "closed"),
    }
}

fn role(r: ReviewRole, lang: Lang) -> &'static str {
    match r {
        ReviewRole::PengelolaKim => lang.t("pengelola KIM", "KIM manager"),
        ReviewRole::Moderator => "moderator",
        ReviewRole::AdminDiskominfo => lang.t("admin Diskominfo", "Diskominfo admin"),
        ReviewRole::Pelapor => lang.t("pelapor", "reporter"),
        ReviewRole::PemilikKonten => lang.t("pemilik konten", "content owner"),
        ReviewRole::Sistem => lang.t("sistem", "system"),
    }
}

fn outcome(o: Outcome, lang: Lang) -> &'static str {
    match o {
        Outcome::Approve => lang.t("tayangkan", "approve"),
        Outcome::Remove => lang.t("turunkan", "remove"),
        Outcome::RequestEdit => lang.t("minta perbaikan", "request an edit"),
    }
}

fn write_case(out: &mut impl Write, moderator: &Moderator, v: &Verdict, lang: Lang) -> Result<()> {
    let t0 = Utc
        .with_ymd_and_hms(2025, 6, 1, 8, 0, 0)
        .single()
        .ok_or("the example's case date")?;
    let version = moderator.version();
    let mut case = Case::from_verdict("CASE-1", "KIM-6402-027", "post-5", v, Urgency::Normal, t0)
        .ok_or("the example's post is not held")?;
    case.decide(
        "moderator.rina",
        ReviewRole::Moderator,
        Outcome::Remove,
        "klaim bantuan tanpa sumber resmi",
        Some(HoaxLabel::Disinformasi),
        t0 + Duration::hours(3),
        version,
    )
    .context("review case")?;
    case.close(
        "moderator.rina",
        ReviewRole::Moderator,
        t0 + Duration::hours(3),
        version,
    )
    .context("review case")?;
    writeln!(out)?;
    let final_outcome = case
        .final_outcome()
        .map_or(lang.t("belum ada", "none yet"), |o| outcome(o, lang));
    writeln!(
        out,
        "{} {} ({} {}): {} {final_outcome}",
        lang.t("Kasus tinjauan", "Review case"),
        case.id(),
        lang.t("tenggat", "deadline"),
        case.deadline().format("%Y-%m-%d %H:%M UTC"),
        lang.t("hasil akhir", "final outcome"),
    )?;
    for e in case.audit() {
        writeln!(
            out,
            "  #{} {} {:<16} {:<18} {} → {} [{}] {}",
            e.seq,
            e.at.format("%Y-%m-%d %H:%M"),
            e.actor,
            role(e.role, lang),
            state(e.before, lang),
            state(Some(e.after), lang),
            e.ruleset_version,
            e.action
        )?;
    }
    Ok(())
}
