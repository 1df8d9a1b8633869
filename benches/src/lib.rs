//! Deterministic synthetic data for the kim benchmarks.

use chrono::{Days, NaiveDate};
use kim_core::registry::{
    EvidenceKind, FormationEvidence, IssuerRole, Kim, Member, Nik, Occupation, Registration, Role,
    Sex, Sk, Status, StatusChange,
};
use kim_core::wilayah::{Kode, Level};

/// A KIM seated in `seat` with `n` members that passes the 2024 profile and the Kutai Kartanegara overlay, so that
/// the benchmark measures the full rule set, not an early exit.
///
/// # Panics
///
/// If `seat` is not a village code.
pub fn kim_with_members(seat: Kode, n: usize) -> Kim {
    let sk_date = NaiveDate::from_ymd_opt(2023, 7, 1).expect("valid date");
    let mut kim = Kim::new("BENCH-1", "KIM Bench", seat);
    kim.sk = Some(Sk::new(
        "141/05/SK-KIM/2023",
        sk_date,
        IssuerRole::KepalaDesa,
    ));
    kim.registration = Some(Registration::new(
        "555/1",
        sk_date + Days::new(20),
        seat.ancestor(Level::KabKota).expect("village"),
    ));
    kim.formation =
        Some(FormationEvidence::new(EvidenceKind::BeritaAcaraMusyawarah, "BA/01").dated(sk_date));
    kim.history = vec![
        StatusChange::new(sk_date, Status::Established),
        StatusChange::new(sk_date + Days::new(20), Status::Registered),
        StatusChange::new(sk_date + Days::new(21), Status::Active),
    ];
    let region = seat.ancestor(Level::Kecamatan).expect("village").digits();
    let roles = [Role::Ketua, Role::Sekretaris, Role::Bendahara];
    for i in 0..n {
        let sex = if i % 2 == 0 { Sex::Female } else { Sex::Male };
        let day = 1 + u32::try_from(i % 28).expect("small");
        let mut m = Member::new(
            format!("m{i}"),
            format!("Anggota {i}"),
            roles.get(i).copied().unwrap_or(Role::Anggota),
        );
        let dd = day + if sex == Sex::Female { 40 } else { 0 };
        m.nik = Some(Nik::parse(&format!("{region}{dd:02}0385{:04}", 100 + i)).expect("valid NIK"));
        m.sex = Some(sex);
        m.birth_date = NaiveDate::from_ymd_opt(1985, 3, day);
        m.occupation = Occupation::Petani;
        m.term_start = Some(sk_date);
        kim.members.push(m);
    }
    kim
}

/// A deterministic synthetic national registry: `n` KIMs seated in villages of the embedded list (a fixed LCG picks
/// them), each with a history starting between 2015 and 2025 (some go inactive, some are dissolved) and `members`
/// members.
///
/// # Panics
///
/// Never for the embedded list.
pub fn synthetic_registry(
    reference: &kim_core::wilayah::Reference,
    n: usize,
    members: usize,
) -> kim_core::registry::Registry {
    let villages: Vec<Kode> = reference
        .units_at(Level::Desa, None)
        .map(|u| u.kode)
        .collect();
    let mut s: u64 = 0x2026_1123;
    let mut next = move || {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        s >> 33
    };
    let base = NaiveDate::from_ymd_opt(2015, 1, 1).expect("date");
    let mut kims = Vec::with_capacity(n);
    for i in 0..n {
        let seat = villages[usize::try_from(next()).expect("fits") % villages.len()];
        let mut kim = Kim::new(format!("K{i}"), format!("KIM {i}"), seat);
        let start = base + Days::new(next() % 3900);
        kim.history
            .push(StatusChange::new(start, Status::Established));
        kim.history
            .push(StatusChange::new(start + Days::new(30), Status::Registered));
        kim.history
            .push(StatusChange::new(start + Days::new(31), Status::Active));
        match next() % 10 {
            0 => kim.history.push(StatusChange::new(
                start + Days::new(400 + next() % 800),
                Status::Inactive,
            )),
            1 => kim.history.push(StatusChange::new(
                start + Days::new(400 + next() % 800),
                Status::Dissolved,
            )),
            _ => {}
        }
        for j in 0..members {
            let mut m = Member::new(
                format!("m{j}"),
                "Anggota",
                if j == 0 { Role::Ketua } else { Role::Anggota },
            );
            m.term_start = Some(start);
            kim.members.push(m);
        }
        kims.push(kim);
    }
    kim_core::registry::Registry::from_kims(kims).expect("unique ids")
}

/// The straightforward way to compute kecamatan-level village coverage, as a baseline: a set of covered seats, then
/// for each kecamatan a scan of its villages. Returns (kecamatan, villages, villages with a KIM, KIMs) per row.
pub fn naive_kecamatan_coverage(
    registry: &kim_core::registry::Registry,
    reference: &kim_core::wilayah::Reference,
    as_of: NaiveDate,
) -> Vec<(Kode, u32, u32, u32)> {
    use std::collections::HashMap;
    let mut per_seat: HashMap<Kode, u32> = HashMap::new();
    for kim in registry.kims() {
        if matches!(
            kim.status_on(as_of),
            Some(Status::Registered | Status::Active)
        ) {
            *per_seat.entry(kim.seat).or_default() += 1;
        }
    }
    reference
        .units_at(Level::Kecamatan, None)
        .map(|kec| {
            let (mut villages, mut covered, mut n_kim) = (0, 0, 0);
            for v in reference.children(Some(kec.kode)) {
                villages += 1;
                if let Some(n) = per_seat.get(&v.kode) {
                    covered += 1;
                    n_kim += n;
                }
            }
            (kec.kode, villages, covered, n_kim)
        })
        .collect()
}

/// Checks each post with `moderator` (behind `black_box`) and counts the matches: the measured loop of the moderation
/// bench and of `mod_count`.
pub fn check_each(moderator: &kim_core::moderation::Moderator, posts: &[String]) -> usize {
    posts
        .iter()
        .map(|p| moderator.check(std::hint::black_box(p)).matches.len())
        .sum()
}

/// About `bytes` of realistic mixed Indonesian text as separate posts: the labelled moderation corpus of the tests,
/// cycled deterministically, each post suffixed with a village name and a counter so that no two are identical.
///
/// # Panics
///
/// Never: the corpus is embedded.
pub fn moderation_posts(bytes: usize) -> Vec<String> {
    let items: Vec<&str> = include_str!("../../kim-core/tests/data/moderation_corpus.tsv")
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.splitn(3, '\t').nth(2))
        .collect();
    let villages = [
        "Perian",
        "Jahab",
        "Sebulu Moderen",
        "Loa Janan Ulu",
        "Santan Ulu",
        "Muara Aloh",
        "Melayu",
    ];
    let mut out = Vec::new();
    let mut total = 0;
    let mut i = 0usize;
    while total < bytes {
        let text = format!(
            "{} (Desa {}, kiriman ke-{i})",
            items[i % items.len()].replace("\\n", "\n"),
            villages[i % villages.len()]
        );
        total += text.len();
        out.push(text);
        i += 1;
    }
    out
}

/// Resident set size of this process in KiB, from /proc (Linux only; 0 elsewhere).
pub fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse().ok())
        })
        .unwrap_or(0)
}
