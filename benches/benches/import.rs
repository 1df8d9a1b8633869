//! Issue 23: importing many members of one KIM must be linear. 80,000 members of one KIM by CSV took 29 s (a
//! member-id scan per row in the import and in `Registry::apply(Join)`); both now use a set of member ids per KIM.
//! The two sizes show the scaling: twice the members should take about twice the time.
//!
//! `cargo bench -p kim-benches --bench import`
#![allow(missing_docs)]

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use kim_core::registry::{Change, Event, Kim, Member, Registry};
use kim_core::wilayah::Kode;

fn members_csv(n: usize) -> String {
    use std::fmt::Write;
    let mut s = String::from("kim_id,id,name\n");
    for i in 0..n {
        let _ = writeln!(s, "K1,m{i},Anggota {i}");
    }
    s
}

fn bench(c: &mut Criterion) {
    let kims = "id,name,seat\nK1,KIM Perian,64.02.01.2001\n";
    let mut g = c.benchmark_group("members_of_one_kim");
    g.sample_size(10);
    for n in [40_000, 80_000] {
        let members = members_csv(n);
        g.bench_function(format!("csv_{n}"), |b| {
            b.iter(|| {
                let (reg, rep) = Registry::import_csv(
                    kims.as_bytes(),
                    Some(black_box(members.as_bytes())),
                    None,
                )
                .unwrap();
                assert_eq!(rep.members.accepted, n);
                reg.len()
            });
        });
        let date = NaiveDate::from_ymd_opt(2024, 1, 1).unwrap();
        g.bench_function(format!("apply_join_{n}"), |b| {
            b.iter(|| {
                let mut reg = Registry::new();
                reg.insert(Kim::new(
                    "K1",
                    "KIM Perian",
                    Kode::parse("64.02.01.2001").unwrap(),
                ))
                .unwrap();
                for i in 0..n {
                    let member: Member = serde_json::from_value(
                        serde_json::json!({"id": format!("m{i}"), "name": "A"}),
                    )
                    .unwrap();
                    reg.apply(&Event::new(date, "K1", Change::Join { member }))
                        .unwrap();
                }
                reg.len()
            });
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
