//! Hostile inputs (issue #7) through the Rust API: every row of `tests/data/hostile/manifest.tsv` gives its
//! expected structured error, import report or verdict, never a panic, and stays within the memory bound stated in
//! the README ("Limits"). Python and C run the same manifest.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use kim_core::moderation::{Lexicon, Moderator, find_personal_data, redact};
use kim_core::registry::{Kim, Registry};
use kim_core::rules::{ProfileSet, validate};
use kim_core::wilayah::{Kode, Reference};

// ---- a per-thread counting allocator: peak bytes live above the level at the start of a case ----

struct Counting;

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

// SAFETY: forwards to the system allocator; the counters are plain thread-local integers.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        track(layout.size().cast_signed());
        // SAFETY: forwarded.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        track(-layout.size().cast_signed());
        // SAFETY: forwarded.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new: usize) -> *mut u8 {
        track(new.cast_signed() - layout.size().cast_signed());
        // SAFETY: forwarded.
        unsafe { System.realloc(ptr, layout, new) }
    }
}

fn track(delta: isize) {
    let _ = LIVE.try_with(|l| {
        let now = l.get() + delta;
        l.set(now);
        let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
    });
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Runs `f` and returns its result with the peak extra heap bytes it used on this thread.
fn measured<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let base = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let out = f();
    let peak = PEAK.with(Cell::get) - base;
    (out, peak.max(0).cast_unsigned())
}

// ---- the manifest and its recipes ----

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/hostile")
}

struct Case {
    name: String,
    surface: String,
    input: String,
    expect: String,
}

fn manifest() -> Vec<Case> {
    let text = std::fs::read_to_string(dir().join("manifest.tsv")).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 6, "manifest line has 6 columns: {l}");
            Case {
                name: f[0].into(),
                surface: f[1].into(),
                input: f[2].into(),
                expect: f[3].into(),
            }
        })
        .collect()
}

fn template(file: &str) -> (String, String) {
    let t = std::fs::read_to_string(dir().join(file)).unwrap();
    let mut lines = t.lines();
    let head = lines.next().unwrap().to_owned();
    (head, lines.collect::<Vec<_>>().join("\n"))
}

/// Builds an input: a file, `a+b`, or a `gen:` recipe (see the manifest header).
fn input(spec: &str) -> (Vec<u8>, Option<Vec<u8>>) {
    if let Some(t) = spec.strip_prefix("text:") {
        return (t.as_bytes().to_vec(), None);
    }
    if let Some(recipe) = spec.strip_prefix("gen:") {
        let parts: Vec<&str> = recipe.split(':').collect();
        let mib = |s: &str| s.parse::<usize>().unwrap() << 20;
        let out = match parts[0] {
            "deep" => {
                let n: usize = parts[1].parse().unwrap();
                let mut s = "[".repeat(n);
                s.push_str(&"]".repeat(n));
                s.into_bytes()
            }
            "rows" | "text" => {
                let (head, body) = template(parts[2]);
                let (mut s, line) = if parts[0] == "rows" {
                    (head + "\n", body)
                } else {
                    (String::new(), head + "\n" + &body)
                };
                let target = mib(parts[1]);
                let mut n = 1u64;
                while s.len() < target {
                    s.push_str(&line.replace("{n}", &n.to_string()));
                    s.push('\n');
                    n += 1;
                }
                s.into_bytes()
            }
            "line" => {
                let (head, body) = template(parts[2]);
                let unit = format!("{head} {} ", body.replace('\n', " "));
                let target = mib(parts[1]);
                unit.repeat(target.div_ceil(unit.len())).into_bytes()
            }
            "wrap" => {
                let (head, body) = template(parts[2]);
                let (filler, tail) = body.split_once('\n').unwrap();
                let mut s = head;
                let target = mib(parts[1]);
                while s.len() < target {
                    s.push_str(filler);
                }
                s.push_str(tail.trim_end_matches('\n'));
                s.into_bytes()
            }
            other => panic!("unknown recipe {other}"),
        };
        return (out, None);
    }
    let read = |f: &str| std::fs::read(dir().join(f)).unwrap();
    match spec.split_once('+') {
        Some((a, b)) if b.starts_with("gen:") => (read(a), Some(input(b).0)),
        Some((a, b)) => (read(a), Some(read(b))),
        None => (read(spec), None),
    }
}

fn err(e: &kim_core::Error) -> String {
    format!("err:{:?}", e.family()).to_lowercase()
}

fn moderator() -> &'static Moderator {
    static M: std::sync::OnceLock<Moderator> = std::sync::OnceLock::new();
    M.get_or_init(|| Moderator::new(Lexicon::builtin()).unwrap())
}

/// The outcome of one case, in the manifest's vocabulary.
fn outcome(surface: &str, data: &[u8], second: Option<&[u8]>) -> String {
    let as_of = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let reference = Reference::embedded();
    match surface {
        "code" => match std::str::from_utf8(data)
            .map_err(|_| ())
            .and_then(|s| Kode::parse(s).map_err(|_| ()))
        {
            Ok(k) if reference.contains(k) => "found".into(),
            Ok(_) => "absent".into(),
            Err(()) => "err:code".into(),
        },
        "reference_csv" => match Reference::from_csv(data, "hostile") {
            Ok(r) => format!("ok:{}", r.len()),
            Err(e) => err(&e),
        },
        "registry_csv" => match Registry::import_csv(data, second, Some(reference)) {
            Ok((reg, rep)) => {
                let t = |t: &kim_core::registry::TableReport| {
                    let kept = t.accepted + t.accepted_with_findings;
                    assert_eq!(
                        t.rows_in,
                        kept + t.rejected,
                        "rows in = accepted + accepted_with_findings + rejected"
                    );
                    format!("{}/{}/{}", t.rows_in, kept, t.rejected)
                };
                assert_eq!(
                    reg.len(),
                    rep.kims.accepted + rep.kims.accepted_with_findings
                );
                let mut s = format!("rows:{}", t(&rep.kims));
                if second.is_some() {
                    write!(s, ";{}", t(&rep.members)).unwrap();
                }
                s
            }
            Err(e) => err(&e),
        },
        "registry_json" => match std::str::from_utf8(data) {
            Err(_) => "err:utf8".into(),
            Ok(s) => match Registry::from_json(s) {
                Ok(r) => format!("ok:{}", r.len()),
                Err(e) => err(&e),
            },
        },
        "kim_json" => {
            let Ok(s) = std::str::from_utf8(data) else {
                return "err:utf8".into();
            };
            let kim: Kim = match serde_json::from_str(s) {
                Ok(k) => k,
                Err(e) => {
                    return err(&kim_core::Error::Json {
                        line: e.line(),
                        column: e.column(),
                        message: String::new(),
                    });
                }
            };
            if let Err(e) = kim.check_consistency() {
                return err(&e);
            }
            let set = ProfileSet::builtin();
            let profiles = set.for_seat(None, kim.seat, as_of).unwrap();
            match validate(&kim, &profiles, reference, as_of) {
                Ok(r) if r.ok() => "report:ok".into(),
                Ok(_) => "report:fail".into(),
                Err(e) => err(&e),
            }
        }
        "moderate" => match std::str::from_utf8(data) {
            Err(_) => "err:utf8".into(),
            Ok(text) => {
                let v = moderator().check(text);
                for m in &v.matches {
                    assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
                }
                let red = redact(text);
                assert!(find_personal_data(&red).is_empty());
                format!("verdict:{:?}", v.decision).to_lowercase()
            }
        },
        other => panic!("unknown surface {other}"),
    }
}

/// The memory bound the README states for each surface, for an input of `n` bytes.
fn bound(surface: &str, n: usize) -> usize {
    const MIB: usize = 1 << 20;
    match surface {
        "moderate" => 12 * n + 16 * MIB,
        "registry_csv" | "registry_json" | "kim_json" => 16 * n + 16 * MIB,
        _ => 8 * n + 16 * MIB,
    }
}

#[test]
fn hostile_inputs_give_structured_outcomes_within_the_memory_bound() {
    // Warm the shared state first so that it does not count against the first case.
    let _ = Reference::embedded().match_name("Perian", None);
    let _ = moderator().check("warm");
    let mut failures = Vec::new();
    for case in manifest() {
        let (data, second) = input(&case.input);
        let n = data.len() + second.as_ref().map_or(0, Vec::len);
        let t0 = std::time::Instant::now();
        let (got, peak) = measured(|| outcome(&case.surface, &data, second.as_deref()));
        let secs = t0.elapsed().as_secs_f64();
        let limit = bound(&case.surface, n);
        eprintln!(
            "{:<28} {:<13} {:>10} B in, peak {:>10} B (bound {:>10}), {secs:>6.2} s: {got}",
            case.name, case.surface, n, peak, limit
        );
        if got != case.expect {
            failures.push(format!(
                "{}: expected {}, got {got}",
                case.name, case.expect
            ));
        }
        if peak > limit {
            failures.push(format!(
                "{}: peak {peak} B above the bound {limit} B",
                case.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_shared_types_are_send_and_sync_as_the_readme_states() {
    fn shareable<T: Send + Sync>() {}
    shareable::<Reference>();
    shareable::<Registry>();
    shareable::<ProfileSet>();
    shareable::<Moderator>();
    shareable::<Lexicon>();
}
