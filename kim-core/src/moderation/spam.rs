//! The spam scanners: gambling links, link shorteners, repeated links, too many links, repeated lines and long runs
//! of one character. Each writes [`Match`]es; the moderator merges them with the others.

use crate::error::ArgumentProblem;
use std::collections::{HashMap, HashSet};

use super::engine::Matches;
use super::verdict::{Action, Category, Match, MatchSeverity, Text};
use crate::error::Result;

/// Hosts of link shorteners.
pub(crate) const SHORTENERS: &[&str] = &[
    "bit.ly",
    "s.id",
    "tinyurl.com",
    "cutt.ly",
    "rb.gy",
    "shorturl.at",
    "t.ly",
    "is.gd",
    "ow.ly",
    "linktr.ee",
    "bit.do",
    "tiny.cc",
    "goo.gl",
    "v.gd",
    "heylink.me",
    "lynk.id",
];
/// Words that make a link host a gambling link.
const GAMBLING_HOST_WORDS: &[&str] = &[
    "slot", "gacor", "toto", "togel", "judi", "casino", "kasino", "maxwin", "jackpot", "spin",
    "bet", "poker", "qq",
];

/// The spam scanners, with the automaton that finds link starts compiled once.
pub(super) struct SpamScanner {
    /// Finds the start of links: `http://`, `https://`, `www.` and shortener hosts, ASCII case-insensitive.
    link_starts: aho_corasick::AhoCorasick,
}

impl SpamScanner {
    /// Compiles the link starts.
    pub(super) fn new() -> Result<Self> {
        let starts: Vec<String> = ["http://", "https://", "www."]
            .iter()
            .map(|s| (*s).to_owned())
            .chain(SHORTENERS.iter().map(|s| format!("{s}/")))
            .collect();
        let link_starts = aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(aho_corasick::MatchKind::LeftmostFirst)
            .build(&starts)
            .map_err(|e| crate::Error::InvalidArgument {
                name: "links",
                problem: ArgumentProblem::Malformed,
                message: e.to_string(),
            })?;
        Ok(Self { link_starts })
    }

    /// Links, repeated lines and long runs of one character.
    pub(super) fn scan(&self, text: &str, out: &mut Matches) {
        spam_matches(text, &self.link_starts, out);
    }
}

fn spam_match(
    start: usize,
    end: usize,
    category: Category,
    action: Action,
    rule: &'static str,
    id: &'static str,
    en: &'static str,
) -> Match {
    Match {
        start,
        end,
        category,
        severity: if action == Action::Block {
            MatchSeverity::High
        } else {
            MatchSeverity::Medium
        },
        action,
        rule_id: Text::from_static(rule),
        reason_id: Text::from_static(id),
        reason_en: Text::from_static(en),
        parts: Vec::new(),
        softened_by: None,
    }
}

/// Links, repeated lines and long runs of one character.
fn spam_matches(text: &str, link_starts: &aho_corasick::AhoCorasick, out: &mut Matches) {
    link_matches(text, link_starts, out);
    let b = text.as_bytes();
    // Repeated lines (three or more times).
    if memchr::memchr_iter(b'\n', b).nth(1).is_none() {
        repeated_chars(text, out);
        return;
    }
    let mut text_lines: Vec<(&str, usize, usize)> = Vec::new();
    let mut off = 0;
    for line in text.split('\n') {
        let t = line.trim();
        if t.chars().filter(|c| c.is_alphanumeric()).count() >= 5 {
            let start = off + (line.len() - line.trim_start().len());
            text_lines.push((t, start, start + t.len()));
        }
        off += line.len() + 1;
    }
    let mut counts: HashMap<&str, u32> = HashMap::with_capacity(text_lines.len());
    for (t, _, _) in &text_lines {
        *counts.entry(t).or_default() += 1;
    }
    // Each repeated line once, at its first occurrence.
    for (t, s, e) in &text_lines {
        if counts.get(t).is_some_and(|&n| n >= 3) {
            counts.remove(t);
            out.push(spam_match(
                *s,
                *e,
                Category::Spam,
                Action::Hold,
                "spam-repeated-line",
                "baris yang sama diulang",
                "the same line repeated",
            ));
        }
    }
    repeated_chars(text, out);
}

/// Gambling links, shorteners, repeated links and too many links.
fn link_matches(text: &str, link_starts: &aho_corasick::AhoCorasick, out: &mut Matches) {
    // Links: http(s)://…, www.…, or a known shortener host, starting at a word boundary.
    let b = text.as_bytes();
    // Every link start has a `/` (`http://`, `bit.ly/`) or is `www.`: most posts have neither.
    let has_www = || {
        memchr::memchr2_iter(b'w', b'W', b).any(|i| {
            b.get(i..i + 4)
                .is_some_and(|w| w.eq_ignore_ascii_case(b"www."))
        })
    };
    if memchr::memchr(b'/', b).is_none() && !has_www() {
        return;
    }
    let mut links: Vec<(usize, usize)> = Vec::new();
    let mut lowered: Vec<String> = Vec::new();
    for m in link_starts.find_iter(text) {
        let i = m.start();
        if links.last().is_some_and(|l| i < l.1) || (i > 0 && b[i - 1].is_ascii_alphanumeric()) {
            continue;
        }
        let end = text[i..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '<' | '>' | ')' | ','))
            .map_or(b.len(), |e| i + e);
        links.push((i, end));
        lowered.push(text[i..end].to_ascii_lowercase());
    }
    let mut seen: HashSet<&str> = HashSet::with_capacity(links.len());
    for (&(s, e), url) in links.iter().zip(&lowered) {
        let url = url.as_str();
        let host = url
            .trim_start_matches("https://")
            .trim_start_matches("http://")
            .split('/')
            .next()
            .unwrap_or("");
        if GAMBLING_HOST_WORDS.iter().any(|w| host.contains(w))
            || host
                .split(['.', '-'])
                .any(|p| p.len() >= 2 && p.bytes().all(|c| c.is_ascii_digit()) && p.ends_with("88"))
        {
            out.push(spam_match(
                s,
                e,
                Category::Perjudian,
                Action::Block,
                "spam-gambling-link",
                "tautan situs judi",
                "link to a gambling site",
            ));
        } else if SHORTENERS.contains(&host) {
            out.push(spam_match(
                s,
                e,
                Category::Spam,
                Action::Flag,
                "spam-shortener",
                "tautan pemendek (tujuan tidak terlihat)",
                "link shortener (destination hidden)",
            ));
        }
        if !seen.insert(url) {
            out.push(spam_match(
                s,
                e,
                Category::Spam,
                Action::Hold,
                "spam-repeated-link",
                "tautan yang sama diulang",
                "the same link repeated",
            ));
        }
    }
    if links.len() >= 4 {
        let (s, e) = (links[0].0, links[links.len() - 1].1);
        out.push(spam_match(
            s,
            e,
            Category::Spam,
            Action::Hold,
            "spam-many-links",
            "terlalu banyak tautan",
            "too many links",
        ));
    }
}

/// A run of 10 or more of one ASCII letter, digit, `!` or `?` (decorative rules of `-`, `=`, `*` are fine).
fn repeated_chars(text: &str, out: &mut Matches) {
    const MIN_RUN: usize = 10;
    let bytes = text.as_bytes();
    // A run of MIN_RUN equal bytes covers some multiple of MIN_RUN - 1 together with the byte after it, so only those
    // pairs are compared until one is equal; the run is then measured in both directions from there.
    let mut settled = 0; // bytes before it belong to runs already measured
    let mut p = 0;
    while p + 1 < bytes.len() {
        if bytes[p] != bytes[p + 1] {
            p += MIN_RUN - 1;
            continue;
        }
        let c = bytes[p];
        let mut s = p;
        while s > settled && bytes[s - 1] == c {
            s -= 1;
        }
        let mut e = p + 2;
        while e < bytes.len() && bytes[e] == c {
            e += 1;
        }
        if e - s >= MIN_RUN && (c.is_ascii_alphanumeric() || matches!(c, b'!' | b'?')) {
            out.push(spam_match(
                s,
                e,
                Category::Spam,
                Action::Hold,
                "spam-repeated-char",
                "karakter diulang berlebihan",
                "a character repeated excessively",
            ));
        }
        settled = e;
        p = e.next_multiple_of(MIN_RUN - 1);
    }
}

#[cfg(test)]
mod spam_tests {
    use super::*;
    use crate::moderation::Moderator;

    /// The plain byte-by-byte scan that `repeated_chars` replaced.
    fn runs_plain(text: &str) -> Vec<(usize, usize)> {
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut i = 0;
        while i < b.len() {
            let mut j = i + 1;
            while j < b.len() && b[j] == b[i] {
                j += 1;
            }
            if j - i >= 10 && (b[i].is_ascii_alphanumeric() || matches!(b[i], b'!' | b'?')) {
                out.push((i, j));
            }
            i = j;
        }
        out
    }

    fn runs(text: &str) -> Vec<(usize, usize)> {
        let mut out = Matches::default();
        repeated_chars(text, &mut out);
        out.listed().iter().map(|m| (m.start, m.end)).collect()
    }

    #[test]
    fn repeated_runs_at_every_alignment() {
        for pre in 0..20 {
            for len in 8..22 {
                let t = format!(
                    "{}{}{}",
                    "x".repeat(pre).replace('x', "ab"),
                    "!".repeat(len),
                    " ok"
                );
                assert_eq!(runs(&t), runs_plain(&t), "{t:?}");
            }
        }
        assert_eq!(runs("wkwkwk ????????????? zzzzzzzzzz"), [(7, 20), (21, 31)]);
        assert_eq!(runs("..........  éééééééééé"), []);
    }

    #[test]
    fn every_link_start_passes_the_prefilter() {
        // link_matches skips texts with no `/` and no `www.`: that is only sound while every start has one.
        for s in SHORTENERS {
            assert!(!s.contains('/'), "{s}: starts are `{{host}}/`");
        }
        let m = Moderator::default();
        let v = m.check("Daftar di WWW.slot88.example sekarang, atau bit.ly/abc");
        assert!(
            v.matches.iter().any(|x| x.rule_id == "spam-gambling-link"),
            "{v:?}"
        );
        assert!(
            v.matches.iter().any(|x| x.rule_id == "spam-shortener"),
            "{v:?}"
        );
    }

    proptest::proptest! {
        #[test]
        fn repeated_chars_agrees_with_the_plain_scan(s in "([a!? .]{1,3}|a{5,14}|!{9,12}){0,30}") {
            proptest::prop_assert_eq!(runs(&s), runs_plain(&s));
        }
    }
}
