//! A digest of the default moderator's verdicts, to show that a speed-up changes none of them: every text of the
//! labelled corpora, the posts of the `moderation` bench (plain and with an emoji) and deterministic synthetic
//! texts made of lexicon patterns and construction words, each verdict written as JSON (decision, categories,
//! every match with its rule, span, parts and softening, the omitted counts, the redacted text).
//!
//! `cargo test -p kim-benches --test moderation_golden -- --ignored --nocapture`; the digest goes to
//! `$KIM_GOLDEN_OUT` (default `target/moderation_golden.txt`), and its FNV-1a hash is printed. Compare two runs with
//! `cmp` or `sha256sum`.
#![allow(missing_docs, clippy::print_stdout)]

use std::fmt::Write as _;

use kim_core::moderation::{Grammar, Lexicon, Moderator};

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % n as u64).expect("small")
    }
}

fn corpus_texts() -> Vec<String> {
    let files = [
        include_str!("../../kim-core/tests/data/moderation/dev.tsv"),
        include_str!("../../kim-core/tests/data/moderation/test.tsv"),
        include_str!("../../kim-core/tests/data/moderation/heldout2.tsv"),
        include_str!("../../kim-core/tests/data/moderation_corpus.tsv"),
    ];
    let mut out = Vec::new();
    for f in files {
        for line in f.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            // The text column, as written and with `\n` read as a line break (as the bench does).
            let text = line.splitn(3, '\t').nth(2).unwrap_or(line);
            out.push(text.to_owned());
            out.push(text.replace("\\n", "\n"));
        }
    }
    out
}

/// Words around the lexicon's: innocent look-alikes, names, amounts, brands, links, evasions, personal data.
const FILLER: [&str; 53] = [
    "warga",
    "desa",
    "gotong",
    "royong",
    "pantai",
    "santai",
    "masuk",
    "pasukan",
    "juga",
    "yang",
    "dan",
    "di",
    "ke",
    "dari",
    "itu",
    "ini",
    "Pak",
    "Bu",
    "Harto",
    "Siti",
    "Perian",
    "Rp50.000",
    "500rb",
    "2",
    "juta",
    "gacor88",
    "HOKI-138",
    "s l o t",
    "j.u.d.i",
    "bit.ly/dana-cepat",
    "www.contoh.xyz",
    "🙏",
    "ＳＬＯＴ",
    "4nj1ng",
    "ANJIIING",
    "di",
    "kan",
    "nya",
    "mem",
    "meng",
    "ter",
    "!!!",
    "081234567890",
    "6402014101900001",
    "a@b.id",
    "\u{202E}rocag tols\u{202C}",
    "ku",
    "mu",
    "membakar",
    "dibakar",
    "dianjingin",
    "kubakar",
    "rumahmu",
];

/// Texts made of random lexicon patterns, class words and filler, with evasions, punctuation, quotes, names,
/// amounts and links, so that every part of the engine sees many combinations.
fn synthetic_texts(n: usize) -> Vec<String> {
    let mut words: Vec<String> = Lexicon::builtin()
        .entries()
        .iter()
        .map(|e| e.pattern.clone())
        .collect();
    for c in Grammar::builtin().classes() {
        words.extend(
            c.members
                .iter()
                .map(|m| m.trim_start_matches('=').to_owned()),
        );
        words.extend(c.prefixes.iter().map(|p| format!("{p}bakar")));
        words.extend(c.suffixes.iter().map(|s| format!("rumah{s}")));
    }
    let seps = [
        " ", " ", " ", ", ", ". ", "! ", "? ", "\n", " - ", "  ", "\"", "“", "”",
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let len = 1 + rng.below(24);
        let mut t = String::new();
        for _ in 0..len {
            let w: String = if rng.below(3) == 0 {
                FILLER[rng.below(FILLER.len())].to_owned()
            } else {
                words[rng.below(words.len())].clone()
            };
            let w = match rng.below(10) {
                0 => w.to_uppercase(),
                1 => {
                    let mut c = w.chars();
                    c.next()
                        .map(|f| f.to_uppercase().chain(c).collect())
                        .unwrap_or_default()
                }
                2 => w.replace('a', "4").replace('i', "1").replace('o', "0"),
                3 => format!("di{w}kan"),
                4 => format!("{w}nya"),
                _ => w,
            };
            t.push_str(&w);
            t.push_str(seps[rng.below(seps.len())]);
        }
        out.push(t);
    }
    out
}

#[test]
#[ignore = "writes the verdict digest; run by hand before and after a change to the moderation engine"]
fn moderation_verdict_digest() {
    let m = Moderator::default();
    let posts = kim_benches::moderation_posts(10 * 1024 * 1024);
    let with_emoji: Vec<String> = posts.iter().map(|p| format!("{p} 🙏")).collect();
    let sets: [(&str, Vec<String>); 4] = [
        ("corpus", corpus_texts()),
        ("posts", posts),
        ("posts_emoji", with_emoji),
        ("synthetic", synthetic_texts(60_000)),
    ];
    let mut digest = String::new();
    let mut count = 0usize;
    for (name, texts) in &sets {
        for (i, t) in texts.iter().enumerate() {
            let v = m.check(t);
            let json = serde_json::to_string(&v).expect("a verdict serialises");
            writeln!(digest, "{name}\t{i}\t{json}").expect("write to a string");
            count += 1;
        }
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in digest.bytes() {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    let path = std::env::var("KIM_GOLDEN_OUT").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../target/moderation_golden.txt"
        )
        .to_owned()
    });
    std::fs::write(&path, &digest).expect("write the digest");
    println!(
        "{count} verdicts, {} bytes, fnv1a64 {h:016x}, written to {path}",
        digest.len()
    );
}
