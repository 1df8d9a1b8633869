//! Replays every kept fuzz input through the same checks as the fuzz targets: the seeds in `fuzz/seeds/<target>/`
//! and every input a fuzzer ever crashed on, in `fuzz/regressions/<target>/` (kept forever, named after the bug).

use std::path::Path;

fn replay(kind: &str) -> usize {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..").join(kind);
    let mut n = 0;
    for (name, run) in kim_fuzz_harness::TARGETS {
        let dir = root.join(name);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut files: Vec<_> = entries.map(|e| e.unwrap().path()).collect();
        files.sort();
        for f in files {
            let data = std::fs::read(&f).unwrap();
            eprintln!("replaying {}", f.display());
            run(&data);
            n += 1;
        }
    }
    n
}

#[test]
fn regressions_replay() {
    let n = replay("regressions");
    eprintln!("{n} regression inputs replayed");
}

#[test]
fn seeds_replay() {
    assert!(replay("seeds") >= 20, "every target has seeds");
}

#[test]
fn every_target_has_a_binary() {
    let manifest =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../Cargo.toml"))
            .unwrap();
    for (name, _) in kim_fuzz_harness::TARGETS {
        assert!(
            manifest.contains(&format!("name = \"{name}\"")),
            "{name} missing from fuzz/Cargo.toml"
        );
    }
}
