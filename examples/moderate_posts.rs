//! Moderates a few ILLUSTRATIVE KIM posts with the default lexicon and shows the verdicts, the matched spans in
//! the original text, a redacted copy, and a review case for a held post.
//!
//! ```text
//! cargo run -p kim-examples --example moderate_posts
//! ```
#![allow(clippy::print_stdout)] // an example prints

use chrono::{Duration, TimeZone, Utc};
use kim_core::moderation::review::{Case, HoaxLabel, Outcome, Role, Urgency};
use kim_core::moderation::{Moderator, redact};

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

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let moderator = Moderator::default();
    println!(
        "kim moderation · lexicon {} · {} entries · posts are ILLUSTRATIVE",
        moderator.lexicon().version(),
        moderator.lexicon().entries().len()
    );
    let mut held = None;
    for (i, post) in POSTS.iter().enumerate() {
        let v = moderator.check(post);
        println!();
        println!(
            "[{}] {:<5} {}",
            i + 1,
            v.decision.to_string().to_uppercase(),
            redact(post)
        );
        for m in &v.matches {
            // The span is shown from the redacted text's point of view only for non-personal matches.
            let shown = if m.category == kim_core::moderation::Category::DataPribadi {
                "(data pribadi)".to_owned()
            } else {
                format!("«{}»", &post[m.start..m.end])
            };
            let action = format!("{:?}", m.action);
            println!(
                "      {:<12} {action:<6} {:<28} {shown}  — {}",
                m.category.as_str(),
                m.rule_id,
                m.reason_id
            );
        }
        if v.fact_check {
            println!(
                "      → tahan untuk cek fakta (hoaks: misinformasi / disinformasi / malinformasi)"
            );
        }
        if held.is_none() && v.fact_check {
            held = Some(v);
        }
    }
    if let Some(v) = held {
        let t0 = Utc
            .with_ymd_and_hms(2025, 6, 1, 8, 0, 0)
            .single()
            .ok_or("date")?;
        let mut case =
            Case::from_verdict("CASE-1", "KIM-6402-027", "post-5", &v, Urgency::Normal, t0)
                .ok_or("not held")?;
        case.decide(
            "moderator.rina",
            Role::Moderator,
            Outcome::Remove,
            "klaim bantuan tanpa sumber resmi",
            Some(HoaxLabel::Disinformasi),
            t0 + Duration::hours(3),
            moderator.lexicon().version(),
        )?;
        case.close(
            "moderator.rina",
            Role::Moderator,
            t0 + Duration::hours(3),
            moderator.lexicon().version(),
        )?;
        println!();
        println!(
            "Review case {} (deadline {}): final outcome {:?}",
            case.id,
            case.deadline(),
            case.final_outcome().ok_or("open")?
        );
        for e in case.audit() {
            println!(
                "  #{} {} {:<16} {:?} {:?} → {:?} [{}] {}",
                e.seq,
                e.at.format("%Y-%m-%d %H:%M"),
                e.actor,
                e.role,
                e.before,
                e.after,
                e.ruleset_version,
                e.action
            );
        }
    }
    Ok(())
}
