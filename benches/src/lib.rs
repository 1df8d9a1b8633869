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
    kim.sk = Some(Sk {
        number: "141/05/SK-KIM/2023".into(),
        date: sk_date,
        issuer: IssuerRole::KepalaDesa,
    });
    kim.registration = Some(Registration {
        number: "555/1".into(),
        date: sk_date + Days::new(20),
        kab_kota: seat.ancestor(Level::KabKota).expect("village"),
    });
    kim.formation = Some(FormationEvidence {
        kind: EvidenceKind::BeritaAcaraMusyawarah,
        reference: "BA/01".into(),
        date: Some(sk_date),
    });
    kim.history = vec![
        StatusChange {
            date: sk_date,
            status: Status::Established,
            note: None,
        },
        StatusChange {
            date: sk_date + Days::new(20),
            status: Status::Registered,
            note: None,
        },
        StatusChange {
            date: sk_date + Days::new(21),
            status: Status::Active,
            note: None,
        },
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
