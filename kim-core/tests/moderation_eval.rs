//! Moderation quality on the labelled corpora (issue 16). Two files were written for kim: `data/moderation/dev.tsv`
//! (tuned on since the first round) and `data/moderation/test.tsv` (the "old held-out" split, tuned on since
//! 2026-12-04). From both, a fixed quarter is **set aside** and never tuned on: an item is aside when
//! `fnv1a64(ASIDE_SEED ++ text) % 4 == 0` ([`aside`]). The splits evaluated here are:
//!
//! - `dev` and `oldtest`: the tuning three quarters of each file;
//! - `aside`: the set-aside quarter of both files together (reported in aggregate only, so over-fitting shows), and
//!   `aside-of-dev`, `aside-of-oldtest` for each file's quarter (the rules of the first round were tuned on all of
//!   DEV, so only the quarter of the old test split was never tuned on by anyone);
//! - `regression`: the old corpus (`data/moderation_corpus.tsv`).
//! - `heldout2`: a second split (`data/moderation/heldout2.tsv`), written on 2026-12-04 independently of everything
//!   above and first run after that round was merged; tuned on since the fourth round (2026-12-04), so its figures
//!   are no longer held-out figures.
//! - `heldout3`: a third held-out split (`data/moderation/heldout3.tsv`, 760 items), written on 2026-12-04 (evening)
//!   by an examiner who saw neither the engine, the lexicon nor the other splits, before the fourth round; run on the
//!   engine before that round and after it; became a tuning split in round 5 (2026-12-04), when a fourth held-out
//!   split, heldout4, replaced it as the never-tuned one, so its figures are no longer held-out figures.
//! - `heldout4`: a fourth held-out split (`data/moderation/heldout4.tsv`, 1,130 items), written on 2026-12-04
//!   (night) by another examiner under the same rules, before the fifth round; aggregate only, never tuned on (round 14
//!   printed five of its changed decisions by mistake; see `heldout4_floors`).
//!
//! The normal test command asserts floors on each. The full tables print with
//! `cargo test --workspace --test moderation_eval -- --ignored --nocapture` (`KIM_SPLIT=dev|oldtest|aside|regression|heldout2|heldout3|heldout4|heldout5|heldout6|train6|chat7|train8|train9|train10|heldout7|heldout8|heldout9|heldout10|heldout11|heldout12|heldout13|heldout14|heldout15|heldout16|news16-dev|news16-test|heldout17|news17|heldout18|news18|heldout19|news19|heldout20|news20|heldout21|news21|heldout22|news22|train11|train12|train13|train14|train15|train16|train17|train18|train19|train20|short-train|short-test`,
//! `aside-of-dev` or `aside-of-oldtest` for one; `KIM_EVAL_SHOW=1` also lists the misses of the tuning splits, never of the aside split;
//! the tables are those of the rules alone, `Moderator::default().without_hold_model()`; `KIM_HOLD_MODEL=1` evaluates
//! `Moderator::default()`, which has the hold model: trained on every split here but heldout19 to heldout22, news19 to news22 and the test
//! half of short.tsv, so only their figures with it are held-out figures; heldout13 to heldout15 were test splits until
//! hold-2026-12-06.2, heldout16 until hold-2026-12-06.3, heldout17, news17 and news16's test half until
//! hold-2026-12-06.4; heldout18 to heldout20 and news18 to news20 until hold-2026-12-06.6, thirteenth session; the
//! model first trained on heldout18 and news18, hold-2026-12-06.5, was not shipped).
//! - `heldout6`: a sixth held-out split (`data/moderation/heldout6.tsv`, 1,339 items), written on 2026-12-05 by another
//!   examiner under the same rules, before the hold model was retrained on heldout5, train6 and more; aggregate only.
//! - `heldout7` to `heldout15`: later held-out splits, each by another examiner; aggregate only. heldout6 to heldout10
//!   were retired to training on 2026-12-05 (fourth session), when heldout12 was written: the hold model
//!   (hold-2026-12-05.9 on) trains on them and round 11 of the rules read their misses, so their figures are no longer
//!   held-out figures; their floors stay as regression floors. heldout11 and heldout12 were retired the same way on
//!   2026-12-06 (seventh session), when heldout15 was written (hold-2026-12-06.1 on trains on them).
//!   heldout13 to heldout15 were retired the same way on 2026-12-06 (eighth session), when heldout16 was written
//!   (hold-2026-12-06.2 on trains on them).
//! - `heldout16`: the sixteenth held-out split; retired to training on 2026-12-06 (ninth session), when heldout17 was
//!   written: round 16 of the rules read its misses and hold-2026-12-06.3 trains on it; its floors stay.
//! - `heldout17` and `news17`: the seventeenth held-out split and a second file of lawful news only; retired on
//!   2026-12-06 (tenth session), when heldout18 and news18 were written: their held news items were read (no rule came
//!   of them) and hold-2026-12-06.4 trains on them; their floors stay.
//! - `heldout18` and `news18`: the eighteenth held-out split and a third file of lawful news only; retired on
//!   2026-12-06 (eleventh session), when heldout19 and news19 were written: measured by seven engines of the tenth
//!   session (aggregate counts); the trainer's pool has them (`hold-2026-12-06.5`, not shipped); their floors stay.
//! - `heldout19` and `news19`: the nineteenth held-out split and a fourth file of lawful news only; retired on
//!   2026-12-06 (twelfth session), when heldout20 and news20 were written: measured by nine engines of the eleventh
//!   session (aggregate counts only, never a text); their floors stay.
//! - `heldout20` and `news20`: the twentieth held-out split and a fifth file of lawful news only; retired on 2026-12-06
//!   (thirteenth session), when heldout22 and news22 were written: measured by six engines of the twelfth session; the
//!   trainer's pool has them; news20's items the opt-in attribution class held were read; their floors stay.
//! - `heldout21` and `news21` (twelfth session), `heldout22` and `news22` (thirteenth session): with the test half of
//!   short.tsv, the only splits never tuned or trained on; aggregate only.
//! - `news16-dev` and `news16-test`: the halves of `data/moderation/news16.tsv` (lawful news only); round 15 of the
//!   rules read the dev half's held items and the hold model trains on it; the test half was aggregate only until
//!   2026-12-06 (tenth session): its held items were read and hold-2026-12-06.4 trains on both halves.
//! - `train6`, `chat7`, `train8`, `train9`, `train10`, `train11`, `train12`: training files (`data/moderation/*.tsv`) for the hold model and the rules.
//! - `short-train` and `short-test`: the halves of `data/moderation/short.tsv` (short everyday messages); the hold
//!   model trains on the first and never sees the second.
//! - `heldout5`: a fifth held-out split (`data/moderation/heldout5.tsv`, 1,385 items), written on 2026-12-05 by another
//!   examiner under the same rules, before the hold model was retrained on the other splits; aggregate only, never
//!   tuned or trained on.
#![allow(clippy::print_stdout, clippy::cast_precision_loss)]

use std::collections::BTreeMap;
use std::fmt::Write as _;

use kim_core::moderation::{Category, Decision, Moderator};

/// The rules alone (`Moderator::default().without_hold_model()`): the hold model was trained on every split but
/// heldout6, so the floors of the other splits measure the rules.
fn moderator() -> &'static Moderator {
    static M: std::sync::OnceLock<Moderator> = std::sync::OnceLock::new();
    M.get_or_init(|| Moderator::default().without_hold_model())
}

/// The default moderator, with the hold model (`KIM_HOLD_MODEL=1` in [`print_tables`]; floors on heldout5).
fn model_moderator() -> &'static Moderator {
    static M: std::sync::OnceLock<Moderator> = std::sync::OnceLock::new();
    M.get_or_init(Moderator::default)
}

/// A labelled item: harmful or benign, the category (harmful) or kind of text (benign), the text.
struct Item {
    harmful: bool,
    label: String,
    text: String,
}

fn parse(tsv: &str) -> Vec<Item> {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.splitn(3, '\t').collect();
            assert_eq!(f.len(), 3, "bad corpus line {l:?}");
            assert!(
                f[0] == "harmful" || f[0] == "benign",
                "bad label {:?}",
                f[0]
            );
            Item {
                harmful: f[0] == "harmful",
                label: f[1].to_owned(),
                text: f[2].replace("\\n", "\n"),
            }
        })
        .collect()
}

const DEV: &str = include_str!("data/moderation/dev.tsv");

/// The seed of the set-aside quarter, fixed on 2026-12-04 before any tuning of that round.
const ASIDE_SEED: &[u8] = b"kim-mod-aside-2026-12-04";

/// FNV-1a 64 of a seed followed by a text.
fn fnv1a(seed: &[u8], text: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in seed.iter().chain(text.as_bytes()) {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// True when an item belongs to the set-aside quarter (FNV-1a 64 of the seed followed by the text).
fn aside(text: &str) -> bool {
    fnv1a(ASIDE_SEED, text).is_multiple_of(4)
}

/// short.tsv's halves (`scripts/train_hold_model.py`, `SHORT_SEED`): the hold model trains on one and never sees
/// the other (`short-test`).
fn short_half(test: bool) -> Vec<Item> {
    hashed_half(SHORT, b"kim-short-2026-12-05", test)
}

/// The items of a corpus whose FNV-1a 64 of `seed` and the text is even (`even` true) or odd: how short.tsv and
/// news16.tsv are halved, here and in `scripts/train_hold_model.py`.
fn hashed_half(tsv: &str, seed: &[u8], even: bool) -> Vec<Item> {
    parse(tsv)
        .into_iter()
        .filter(|i| fnv1a(seed, &i.text).is_multiple_of(2) == even)
        .collect()
}

/// The tuning part (`want_aside` false) or the set-aside part of a corpus.
fn part(tsv: &str, want_aside: bool) -> Vec<Item> {
    parse(tsv)
        .into_iter()
        .filter(|i| aside(&i.text) == want_aside)
        .collect()
}

/// The set-aside quarter of both files.
fn aside_items() -> Vec<Item> {
    let mut v = part(DEV, true);
    v.extend(part(TEST, true));
    v
}
const TEST: &str = include_str!("data/moderation/test.tsv");
const REGRESSION: &str = include_str!("data/moderation_corpus.tsv");
/// The second split (656 items), written on 2026-12-04 by an examiner who saw neither the engine, the lexicon nor the
/// other splits, and kept outside the repository until the round of that day was merged. Tuned on since round 4.
const HELDOUT2: &str = include_str!("data/moderation/heldout2.tsv");
const HELDOUT3: &str = include_str!("data/moderation/heldout3.tsv");
/// The fourth split (1,127 items), written on 2026-12-04 (night) by an examiner who saw neither the engine, the
/// lexicon nor the other splits, before the fifth round. Never tuned on: its misses are never printed.
const HELDOUT4: &str = include_str!("data/moderation/heldout4.tsv");
/// The fifth split (1,385 items), written on 2026-12-05 by an examiner who saw neither the engine, the lexicon nor the
/// other splits, before the hold model was trained on everything else. Never tuned on, its misses never printed; the
/// hold model trains on it.
const HELDOUT5: &str = include_str!("data/moderation/heldout5.tsv");
/// The sixth split (1,339 items), written on 2026-12-05 by an examiner who saw neither the engine, the lexicon nor the
/// other splits, before the hold model was retrained on a larger training file. Retired to tuning and training on
/// 2026-12-05 (fourth session; see the module docs).
const HELDOUT6: &str = include_str!("data/moderation/heldout6.tsv");
/// The seventh split (1,781 items), written on 2026-12-05 by an examiner who saw neither the engine, the lexicon nor
/// the other splits, while round 8 of the rules was being tuned on train9; run once, after round 8 and the model
/// retrained on train9. Retired to tuning and training on 2026-12-05 (fourth session).
const HELDOUT7: &str = include_str!("data/moderation/heldout7.tsv");
/// The eighth split (1,584 items), written on 2026-12-05 by another examiner who saw neither the engine, the lexicon
/// nor the other splits, while the rules were tuned on train10 and before the model hold-2026-12-05.6; first run after
/// both. Retired to tuning and training on 2026-12-05 (fourth session).
const HELDOUT8: &str = include_str!("data/moderation/heldout8.tsv");
/// The ninth split (1,618 items), written on 2026-12-05 (second session) by another examiner who saw neither the
/// engine, the lexicon nor the other splits; committed before its first run, with the rules after the SARA fix of that
/// session and the model hold-2026-12-05.6, then twice more. Retired to tuning and training on 2026-12-05 (fourth
/// session).
const HELDOUT9: &str = include_str!("data/moderation/heldout9.tsv");
/// The tenth split (1,618 items), written on 2026-12-05 (second session) by another examiner who saw neither the
/// engine, the lexicon nor the other splits, under the same brief as heldout9; committed before its first run
/// (dc67b1a). Retired to tuning and training on 2026-12-05 (fourth session).
const HELDOUT10: &str = include_str!("data/moderation/heldout10.tsv");
/// The eleventh split (1,618 items), written on 2026-12-05 (third session) by another examiner who saw neither the
/// engine, the lexicon nor any corpus, under the brief of heldout9 and heldout10; committed before its first run
/// (4ed2330). Retired to tuning and training on 2026-12-06 (seventh session).
const HELDOUT11: &str = include_str!("data/moderation/heldout11.tsv");
/// The twelfth split (1,617 items), written on 2026-12-05 (fourth session) by another examiner who saw neither the
/// engine, the lexicon nor any corpus, under `data/moderation/BRIEF.md` with the swearing standard (a swear word as an
/// exclamation is `kasar`); committed before its first run (70e3579). Retired to tuning and training on 2026-12-06
/// (seventh session).
const HELDOUT12: &str = include_str!("data/moderation/heldout12.tsv");
/// The thirteenth split (1,614 items: 1,618 written, 4 texts an older corpus held removed unread by script), written
/// on 2026-12-05 (fifth session) by another examiner who saw neither the engine, the lexicon nor any corpus, under
/// `data/moderation/BRIEF.md`; committed before its first run (c61368e). Never tuned on, trained on since hold-2026-12-06.2:
/// its misses are never printed.
const HELDOUT13: &str = include_str!("data/moderation/heldout13.tsv");
/// The fourteenth split (1,617 items: 1,618 written, 1 text an older corpus held removed unread by script), written on
/// 2026-12-05 (sixth session) by another examiner who saw neither the engine, the lexicon nor any corpus, under
/// `data/moderation/BRIEF.md`; committed before its first run (5391cbd). Never tuned on, trained on since
/// hold-2026-12-06.2: its misses are never printed.
const HELDOUT14: &str = include_str!("data/moderation/heldout14.tsv");
/// The fifteenth split (see [`heldout15_floors`]); never tuned on, trained on since hold-2026-12-06.2.
const HELDOUT15: &str = include_str!("data/moderation/heldout15.tsv");
/// The sixteenth split (1,616 items: 1,618 written, 2 texts an older corpus held removed unread by script), written on
/// 2026-12-06 (eighth session) by another examiner who saw neither the engine, the lexicon nor any corpus, under
/// `data/moderation/BRIEF.md`. First run on the shipped round 14 and hold-2026-12-06.1 (through `moderate_posts
/// --json`, one post per line), before round 15. The hold model `hold-2026-12-06.2` retired heldout13 to heldout15 to
/// training when this split existed. Never tuned or trained on until heldout17 existed (2026-12-06, ninth session):
/// round 16 of the rules read its misses and `hold-2026-12-06.3` trains on it.
const HELDOUT16: &str = include_str!("data/moderation/heldout16.tsv");
/// Lawful news and reporting only (600 items, 60 in each of the ten news-style kinds, two thirds of them hard: quoted
/// threats and insults, hoaxes and gambling sites named in fact-checks and raids, `bakar`, `babi`, hotline numbers),
/// written on 2026-12-06 (eighth session) by another examiner who saw neither the engine, the lexicon nor any corpus.
/// Split in two halves by a hash of the text ([`news16_half`]): round 15 of the rules read the held items of the dev
/// half; the test half is never printed, tuned or trained on.
const NEWS16: &str = include_str!("data/moderation/news16.tsv");

/// The seventeenth split (1,612 items: 1,618 written, 6 texts that older corpora hold removed unread by script),
/// written on 2026-12-06 (ninth session) by another examiner who saw neither the engine, the lexicon nor any corpus,
/// under `data/moderation/BRIEF.md`. First run on the shipped round 15 and hold-2026-12-06.2 (through `moderate_posts
/// --json`), before round 16 was final. heldout16 was retired to training (the rules of round 16 and
/// `hold-2026-12-06.3`) when this split existed. Never tuned or trained on until heldout18 was being written
/// (2026-12-06, tenth session): its held news items were read and `hold-2026-12-06.4` trains on it.
const HELDOUT17: &str = include_str!("data/moderation/heldout17.tsv");
/// Lawful news and reporting only (600 items, 60 in each of the ten news-style kinds, two thirds of them hard), written
/// on 2026-12-06 (ninth session) by another examiner who saw neither the engine, the lexicon nor any corpus, under the
/// brief of news16. A test split as a whole until news18 was being written (2026-12-06, tenth session): its held
/// items were read and `hold-2026-12-06.4` trains on it.
const NEWS17: &str = include_str!("data/moderation/news17.tsv");

/// The eighteenth split (1,615 items: 1,618 written, 3 texts that older corpora hold removed unread by script),
/// written on 2026-12-06 (tenth session) by another examiner who saw neither the engine, the lexicon nor any corpus,
/// under `data/moderation/BRIEF.md`. First run on b578f52 (round 16, hold-2026-12-06.3, the second opinion on a block
/// of one category), through `moderate_posts --json`. heldout17, news17 and news16's test half were retired to tuning
/// and training when this split was being written. A test split until heldout19 was being written (2026-12-06,
/// eleventh session): seven engines of the tenth session were measured on it (aggregate counts only), and
/// the trainer's pool has it (`hold-2026-12-06.5`, trained on it, was not shipped).
const HELDOUT18: &str = include_str!("data/moderation/heldout18.tsv");
/// Lawful news and reporting only (600 items, 60 in each of the ten news-style kinds, two thirds of them hard), written
/// on 2026-12-06 (tenth session) by another examiner who saw neither the engine, the lexicon nor any corpus, under the
/// brief of news16. A test split until news19 was being written (eleventh session); the trainer's pool has it.
const NEWS18: &str = include_str!("data/moderation/news18.tsv");

/// The nineteenth split (1,610 items: 1,618 written, 8 texts that older corpora hold removed unread by script),
/// written on 2026-12-06 (eleventh session) by another examiner who saw neither the engine, the lexicon nor any corpus,
/// under `data/moderation/BRIEF.md`. Never tuned or trained on: its misses are never printed. First run on 4d8e20a
/// (round 17, hold-2026-12-06.4, the shipped engine when it was written), through `moderate_posts --json`. heldout18
/// and news18 were retired to tuning and training when this split was being written.
const HELDOUT19: &str = include_str!("data/moderation/heldout19.tsv");
/// Lawful news and reporting only (600 items, 60 in each of the ten news-style kinds, two thirds of them hard), written
/// on 2026-12-06 (eleventh session) by another examiner who saw neither the engine, the lexicon nor any corpus, under
/// the brief of news16. A test split as a whole: never printed, tuned or trained on.
const NEWS19: &str = include_str!("data/moderation/news19.tsv");

/// The twentieth split (1,612 items: 1,618 written, 6 texts that older corpora hold removed unread by script),
/// written on 2026-12-06 (twelfth session) by another examiner who saw neither the engine, the lexicon nor any corpus,
/// under `data/moderation/BRIEF.md`. Never tuned or trained on: its misses are never printed. First run on 3e7fb45
/// (round 18, hold-2026-12-06.4, the shipped engine when it was written), through `moderate_posts --json`. heldout19
/// and news19 were retired to tuning when this split was being written.
const HELDOUT20: &str = include_str!("data/moderation/heldout20.tsv");
/// Lawful news and reporting only (600 items, 60 in each of the ten news-style kinds), written on 2026-12-06 (twelfth
/// session) by another examiner who saw neither the engine, the lexicon nor any corpus, under the brief of news16. A
/// test split as a whole: never printed, tuned or trained on.
const NEWS20: &str = include_str!("data/moderation/news20.tsv");

/// The twenty-first split (1,613 items: 1,618 written, 5 texts that older corpora hold removed unread by script),
/// written on 2026-12-06 (twelfth session) by another examiner who saw neither the engine, the lexicon nor any corpus,
/// under `data/moderation/BRIEF.md` (and: short items spread evenly over the categories). Never tuned or trained on.
/// First run on 32fc959 (round 19 opt-in, hold-2026-12-06.4) and on round 20, through `moderate_posts --json`.
const HELDOUT21: &str = include_str!("data/moderation/heldout21.tsv");
/// Lawful news and reporting only (600 items, 60 in each of the ten news-style kinds), written on 2026-12-06 (twelfth
/// session) by another examiner who saw neither the engine, the lexicon nor any corpus. A test split as a whole.
const NEWS21: &str = include_str!("data/moderation/news21.tsv");

/// The twenty-second split (1,610 items: 1,618 written, 8 texts that older corpora hold removed unread by script),
/// written on 2026-12-06 (thirteenth session) by another examiner who saw neither the engine, the lexicon nor any
/// corpus, under `data/moderation/BRIEF.md`. Never tuned or trained on. heldout20 and news20 were retired to tuning
/// when this split was being written.
const HELDOUT22: &str = include_str!("data/moderation/heldout22.tsv");
/// Lawful news and reporting only (600 items, 60 in each of the ten news-style kinds), written on 2026-12-06
/// (thirteenth session) by another examiner who saw neither the engine, the lexicon nor any corpus. A test split.
const NEWS22: &str = include_str!("data/moderation/news22.tsv");

/// news16.tsv's halves: `news16-dev` (tuned on) and `news16-test` (retired with heldout17), by FNV-1a 64 of the seed and the text.
fn news16_half(test: bool) -> Vec<Item> {
    hashed_half(NEWS16, b"kim-news16-2026-12-06", !test)
}
/// A training file (1,644 items), written on 2026-12-05 by another writer under the same rules, for the hold model
/// and for the rules' tuning: lawful text written close to harm (same topics and words, different acts).
const TRAIN6: &str = include_str!("data/moderation/train6.tsv");
/// Two more training files, written on 2026-12-05 by two more writers under the same rules: everyday informal chat
/// (1,505 items, 1,044 benign: style is not harm) and the categories where harm is in the meaning (1,310 items: hoaxes,
/// veiled threats, defamation, scams and sexual offers without the obvious words, each with lawful text on its topic).
const CHAT7: &str = include_str!("data/moderation/chat7.tsv");
const TRAIN8: &str = include_str!("data/moderation/train8.tsv");
/// A training file (1,010 items), written on 2026-12-05 by another writer under the same rules: reporting on a harm
/// (fact-checks, court and police news, raid reports, scam education that quote the harmful words), paired with the
/// harm itself. Tuned on from round 8.
const TRAIN9: &str = include_str!("data/moderation/train9.tsv");
/// A training file (1,331 items), written on 2026-12-05 by another writer under the same rules: every category and
/// kind, in many registers and regions; for the hold model (hold-2026-12-05.6 and later).
const TRAIN10: &str = include_str!("data/moderation/train10.tsv");
/// A training file (1,618 items), written on 2026-12-05 (second session) by another writer under the brief of heldout9
/// and heldout10 (most benign items carry a word that looks harmful out of context); for the hold model.
const TRAIN11: &str = include_str!("data/moderation/train11.tsv");
/// A training file (1,616 items), written on 2026-12-05 (third session) by another writer under the brief of
/// heldout11 (two items also in heldout8 and heldout11 removed); for the hold model and the rules.
const TRAIN12: &str = include_str!("data/moderation/train12.tsv");
/// Two training files (1,617 and 1,618 items), written on 2026-12-05 (fourth session) by two more writers under the
/// brief of heldout12; for the hold model and round 11 of the rules.
const TRAIN13: &str = include_str!("data/moderation/train13.tsv");
const TRAIN14: &str = include_str!("data/moderation/train14.tsv");
/// Two training files (1,618 and 1,617 items), written on 2026-12-05 (fifth session) by two more writers under the
/// brief of heldout12 with one paragraph of emphasis each (young urban and texting voice with calm hoaxes; older
/// villagers in WhatsApp groups with subtle harm); for the hold model and round 12 of the rules.
const TRAIN15: &str = include_str!("data/moderation/train15.tsv");
const TRAIN16: &str = include_str!("data/moderation/train16.tsv");
/// Two training files (1,616 and 1,617 items), written on 2026-12-05 (sixth session) by two more writers under
/// `data/moderation/BRIEF.md` with one paragraph of emphasis each (calm hoaxes and subtle extortion, eastern voices;
/// disguised promotions and their honest look-alikes, family teasing and pets, Sumatran and Kalimantan voices); for the
/// hold model and round 13 of the rules.
const TRAIN17: &str = include_str!("data/moderation/train17.tsv");
const TRAIN18: &str = include_str!("data/moderation/train18.tsv");
const TRAIN19: &str = include_str!("data/moderation/train19.tsv");
const TRAIN20: &str = include_str!("data/moderation/train20.tsv");
/// Short everyday messages (600 items, 1-10 words), written on 2026-12-05 by an examiner who saw neither the engine
/// nor the corpora, after the hold model held "Halo" and "ok": half trains the model, half tests it.
const SHORT: &str = include_str!("data/moderation/short.tsv");

fn category(name: &str) -> Category {
    serde_json::from_str(&format!("\"{name}\""))
        .unwrap_or_else(|_| panic!("unknown category {name}"))
}

/// The figures of one split.
#[derive(Default)]
struct Report {
    harmful: u32,
    /// Harmful items not allowed.
    caught: u32,
    /// Harmful items not allowed with their category among the verdict's categories.
    caught_in_category: u32,
    benign: u32,
    benign_held: u32,
    benign_blocked: u32,
    /// Per category: true positives, false positives, false negatives, harmful items of it not allowed, all of it.
    categories: BTreeMap<Category, [u32; 5]>,
    /// Per kind of benign text: items, held, blocked.
    kinds: BTreeMap<String, [u32; 3]>,
    /// The misses (harmful allowed, benign blocked or held), as lines.
    misses: Vec<String>,
}

fn evaluate_with(m: &Moderator, items: &[Item]) -> Report {
    let mut r = Report::default();
    for it in items {
        let v = m.check(&it.text);
        let rules: Vec<&str> = v
            .matches
            .iter()
            .filter(|x| x.action != kim_core::moderation::Action::Flag)
            .map(|x| x.rule_id.as_str())
            .collect();
        if it.harmful {
            let want = category(&it.label);
            r.harmful += 1;
            let not_allowed = v.decision != Decision::Allow;
            let found = not_allowed && v.categories.contains(&want);
            r.caught += u32::from(not_allowed);
            r.caught_in_category += u32::from(found);
            let s = r.categories.entry(want).or_default();
            s[0] += u32::from(found);
            s[2] += u32::from(!found);
            s[3] += u32::from(not_allowed);
            s[4] += 1;
            for c in v.categories.iter().filter(|c| **c != want) {
                r.categories.entry(*c).or_default()[1] += 1;
            }
            if !not_allowed {
                r.misses.push(format!("MISS [{}] {}", it.label, it.text));
            } else if !found {
                r.misses.push(format!(
                    "CATEGORY [{} got {:?}] {rules:?} {}",
                    it.label, v.categories, it.text
                ));
            }
        } else {
            r.benign += 1;
            let k = r.kinds.entry(it.label.clone()).or_default();
            k[0] += 1;
            match v.decision {
                Decision::Block => {
                    r.benign_blocked += 1;
                    k[2] += 1;
                    r.misses
                        .push(format!("BLOCKED [{}] {rules:?} {}", it.label, it.text));
                }
                Decision::Hold => {
                    r.benign_held += 1;
                    k[1] += 1;
                    r.misses
                        .push(format!("HELD [{}] {rules:?} {}", it.label, it.text));
                }
                Decision::Allow => {}
            }
            for c in &v.categories {
                r.categories.entry(*c).or_default()[1] += 1;
            }
        }
    }
    r
}

fn pct(a: u32, b: u32) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * f64::from(a) / f64::from(b)
    }
}

/// The table of a split, in Markdown: aggregate figures only.
fn table(name: &str, r: &Report) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "{name}: {} items ({} harmful, {} benign). Harmful not allowed: {} of {} ({:.1}%), with the right category: {:.1}%. Benign blocked: {} ({:.1}%), held: {} ({:.1}%).\n",
        r.harmful + r.benign,
        r.harmful,
        r.benign,
        r.caught,
        r.harmful,
        pct(r.caught, r.harmful),
        pct(r.caught_in_category, r.harmful),
        r.benign_blocked,
        pct(r.benign_blocked, r.benign),
        r.benign_held,
        pct(r.benign_held, r.benign),
    );
    let _ = writeln!(
        s,
        "| category | harmful | not allowed | precision | recall |\n| --- | ---: | ---: | ---: | ---: |"
    );
    for (c, [tp, fp, fn_, na, all]) in &r.categories {
        let precision = if tp + fp == 0 {
            1.0
        } else {
            f64::from(*tp) / f64::from(tp + fp)
        };
        let recall = if tp + fn_ == 0 {
            1.0
        } else {
            f64::from(*tp) / f64::from(tp + fn_)
        };
        let _ = writeln!(
            s,
            "| {} | {all} | {na} | {precision:.2} | {recall:.2} |",
            c.as_str()
        );
    }
    let _ = writeln!(
        s,
        "\n| benign kind | items | held | blocked |\n| --- | ---: | ---: | ---: |"
    );
    for (k, [n, h, b]) in &r.kinds {
        let _ = writeln!(s, "| {k} | {n} | {h} | {b} |");
    }
    s
}

#[test]
#[ignore = "prints the tables; run with --ignored --nocapture"]
fn print_tables() {
    let want = std::env::var("KIM_SPLIT").ok();
    let show = std::env::var("KIM_EVAL_SHOW").is_ok_and(|v| v == "1");
    let m = if std::env::var("KIM_HOLD_MODEL").is_ok_and(|v| v == "1") {
        println!("with the hold model (Moderator::default())\n");
        model_moderator()
    } else {
        moderator()
    };
    for (name, items, may_show) in [
        ("dev", part(DEV, false), true),
        ("oldtest", part(TEST, false), true),
        ("regression", parse(REGRESSION), true),
        ("aside", aside_items(), false),
        ("aside-of-dev", part(DEV, true), false),
        ("aside-of-oldtest", part(TEST, true), false),
        ("heldout2", parse(HELDOUT2), true),
        ("heldout3", parse(HELDOUT3), true),
        ("heldout4", parse(HELDOUT4), false),
        ("heldout5", parse(HELDOUT5), true),
        ("heldout6", parse(HELDOUT6), true),
        ("heldout7", parse(HELDOUT7), true),
        ("heldout8", parse(HELDOUT8), true),
        ("heldout9", parse(HELDOUT9), true),
        ("heldout10", parse(HELDOUT10), true),
        ("heldout11", parse(HELDOUT11), true),
        ("heldout12", parse(HELDOUT12), true),
        ("heldout13", parse(HELDOUT13), false),
        ("heldout14", parse(HELDOUT14), false),
        ("heldout15", parse(HELDOUT15), false),
        ("heldout16", parse(HELDOUT16), true),
        ("news16-dev", news16_half(false), true),
        ("news16-test", news16_half(true), true),
        ("heldout17", parse(HELDOUT17), true),
        ("news17", parse(NEWS17), true),
        ("heldout18", parse(HELDOUT18), true),
        ("news18", parse(NEWS18), true),
        ("heldout19", parse(HELDOUT19), true),
        ("news19", parse(NEWS19), true),
        ("heldout20", parse(HELDOUT20), true),
        ("news20", parse(NEWS20), true),
        ("heldout21", parse(HELDOUT21), false),
        ("news21", parse(NEWS21), false),
        ("heldout22", parse(HELDOUT22), false),
        ("news22", parse(NEWS22), false),
        ("train6", parse(TRAIN6), true),
        ("chat7", parse(CHAT7), true),
        ("train8", parse(TRAIN8), true),
        ("train9", parse(TRAIN9), true),
        ("train10", parse(TRAIN10), true),
        ("train11", parse(TRAIN11), true),
        ("train12", parse(TRAIN12), true),
        ("train13", parse(TRAIN13), true),
        ("train14", parse(TRAIN14), true),
        ("train15", parse(TRAIN15), true),
        ("train16", parse(TRAIN16), true),
        ("train17", parse(TRAIN17), true),
        ("train18", parse(TRAIN18), true),
        ("train19", parse(TRAIN19), true),
        ("train20", parse(TRAIN20), true),
        ("short-train", short_half(false), true),
        ("short-test", short_half(true), false),
    ] {
        if want.as_deref().is_some_and(|w| w != name) {
            continue;
        }
        let r = evaluate_with(m, &items);
        println!("{}", table(name, &r));
        if show && may_show {
            for m in &r.misses {
                println!("  {m}");
            }
        }
    }
}

/// Asserts a split's floors; on failure prints the aggregate table only (so the test split's items never show).
fn assert_floors(
    name: &str,
    items: &[Item],
    min_items: usize,
    blocked: u32,
    caught: f64,
    held: f64,
) {
    assert_floors_with(moderator(), name, items, min_items, blocked, caught, held);
}

/// The floors of a held-out split, judged by the rules alone and then by the default moderator (with its hold model):
/// (benign blocked at most, % of harmful not allowed at least, % of benign held at most) for each.
fn assert_split_floors(
    name: &str,
    items: &[Item],
    min_items: usize,
    rules: (u32, f64, f64),
    with_model: (u32, f64, f64),
) {
    assert_floors(name, items, min_items, rules.0, rules.1, rules.2);
    let (blocked, caught, held) = with_model;
    let named = format!("{name} with the hold model");
    assert_floors_with(
        model_moderator(),
        &named,
        items,
        min_items,
        blocked,
        caught,
        held,
    );
}

/// [`assert_floors`] with a given moderator.
fn assert_floors_with(
    m: &Moderator,
    name: &str,
    items: &[Item],
    min_items: usize,
    blocked: u32,
    caught: f64,
    held: f64,
) {
    assert!(items.len() >= min_items, "{name}: {} items", items.len());
    let r = evaluate_with(m, items);
    let t = table(name, &r);
    assert!(
        r.benign_blocked <= blocked,
        "more than {blocked} benign items blocked\n{t}"
    );
    assert!(
        pct(r.caught, r.harmful) >= caught,
        "harmful not allowed below {caught}%\n{t}"
    );
    assert!(
        pct(r.benign_held, r.benign) <= held,
        "benign held above {held}%\n{t}"
    );
}

/// DEV's tuning three quarters (561 items): 98.3% of harmful items not allowed, none blocked, 0.3% of benign held
/// (97.1%, 0 and 0.6% before round 4).
#[test]
fn dev_split_floors() {
    assert_floors("dev", &part(DEV, false), 550, 0, 97.5, 1.0);
}

/// The old corpus: every harmful item not allowed, no benign item blocked or held.
#[test]
fn regression_corpus_floors() {
    assert_floors("regression", &parse(REGRESSION), 240, 0, 100.0, 1.0);
}

/// The old held-out TEST split, tuned on since 2026-12-04 (its tuning three quarters, 600 items): 99.6% of harmful
/// items not allowed, none blocked, 1.2% of benign held after round 5 (99.2% before it; 59.6% and 4 blocked before
/// the third round, 95.1% before the fourth).
#[test]
fn oldtest_split_floors() {
    assert_floors("oldtest", &part(TEST, false), 590, 0, 99.0, 2.0);
}

/// The set-aside quarter of both files (398 items), never tuned on: 85.1% of harmful items not allowed, no benign item
/// blocked, 1.2% held after round 5 (83.8%, 1 blocked and 0.8% held before it; 81.8% before round 4; 78.6%, 1 and
/// 0.4% before the third round). Its quarter of the old TEST split alone (187 items): 68.6%, none blocked, 3 held
/// after round 5 (65.7%, 1 blocked, 2 held before it; 61.4% before round 4; 39 of 70, 55.7%, 1 blocked, 1 held
/// before the third): the benign item blocked before is held now. These floors sit below those figures so that a regression fails; they are not the targets
/// of issue 16 (>= 95% not allowed, none blocked), which are not met on text nobody tuned on.
#[test]
fn aside_floors() {
    assert_floors("aside", &aside_items(), 390, 0, 84.5, 2.0);
}

/// The second split, run once on the engine before (main at 86b1b71) and once after the third round of 2026-12-04:
/// harmful not allowed 61.0% -> 73.8%, benign blocked 4 -> 2, held 1.9% -> 3.5% (held-out figures). Round 4 tuned on
/// it (a third held-out split was written first): 98.6%, none blocked, none held, which are tuning figures now.
#[test]
fn heldout2_floors() {
    assert_floors("heldout2", &parse(HELDOUT2), 650, 0, 98.0, 1.0);
}

/// The third held-out split, written before the fourth round. Harmful not allowed: 70.6% (235 of 333) on the engine
/// before that round (main at a779ac9), 72.1% (240) after it, while the round took heldout2, which it tuned on, from
/// 73.8% to 98.6%; benign blocked 3 before and after (all gambling-raid news), held 1.9% -> 1.6%. Those were
/// held-out figures. Round 5 tuned on it (claim structure, reporting frame, veiled threats): 72.1% -> 92.5% (308),
/// benign blocked 3 -> 0, held 1.6% -> 1.6%; these are tuning figures now (heldout4 replaces it as never tuned on),
/// and the never-tuned aside split moved only from 83.8% to 85.1% in the same round.
#[test]
fn heldout3_floors() {
    assert_floors("heldout3", &parse(HELDOUT3), 750, 0, 91.5, 2.0);
}

/// The fourth held-out split, written before the fifth round and never tuned on. On the engine before that round
/// (main at b986931): harmful not allowed 53.8% (264 of 491), benign blocked 9 of 639 (1.4%), held 19 (3.0%).
/// After round 5 (claim structure, reporting frame, veiled threats, tuned on heldout3): 58.0% (285), blocked 7
/// (1.1%), held 20 (3.1%); recall of hoaks 0.16 -> 0.25, pencemaran 0.12 -> 0.35.
/// Regression floors only: the issue-16 targets (>= 95% not allowed, none blocked) are far from met on new text.
/// Round 14 (bare `rusak` no longer a violent verb): 57.4% (282), blocked 2, held 16 (2.5%). Round 14's comparisons
/// printed the changed decisions of every corpus, five of heldout4's among them (two harmful posts that had been blocked
/// as threats for the word "rusak", a complaint, two lawful posts): a mistake of method, since the rules are never tuned
/// on heldout4; no rule of the round was written for them, but its texts are no longer unseen.
#[test]
fn heldout4_floors() {
    assert_floors("heldout4", &parse(HELDOUT4), 1100, 7, 57.0, 3.5);
}

/// The fifth held-out split, written on 2026-12-05 before the hold model was retrained, and never tuned or trained
/// on. The rules alone (main at bf38885): harmful not allowed 56.7% (320 of 564), benign blocked 0 of 821, held 12
/// (1.5%). The default moderator, with the hold model, run twice: 84.8% (478), blocked 0, held 28 (3.4%) with the
/// first model; 88.5% (499), blocked 0, held 34 (4.1%) with the final one (trained also on short everyday messages,
/// at least 8 words to hold, threshold 0.78 instead of 0.83: a change made for short posts such as "Halo", found
/// outside this split). The model (`hold-2026-12-05.4`) has since been trained on this split: its floor with the model
/// is a regression floor, not a held-out figure.
#[test]
fn heldout5_floors() {
    let items = parse(HELDOUT5);
    assert_floors("heldout5", &items, 1380, 0, 56.0, 2.0);
    let m = model_moderator();
    assert_floors_with(
        m,
        "heldout5 with the hold model",
        &items,
        1380,
        0,
        88.0,
        4.5,
    );
}

/// The sixth held-out split, written on 2026-12-05 before the hold model was retrained on heldout5, train6, chat7 and
/// train8 and before round 7 of the rules; never tuned or trained on, its misses never printed. Measured twice with
/// the default moderator: before (main at 9187cd4, hold-2026-12-05) 89.2% of harmful not allowed (495 of 555), 3 benign
/// blocked, 39 held (5.0%); after (hold-2026-12-05.4, round 7) 95.3% (529), 1 blocked, 27 held (3.4%). The rules
/// alone: 59.3% (329), 3 blocked, 17 held before round 7 and 14 (1.8%) after. Third run, after round 8 and
/// hold-2026-12-05.5 (trained on train9 too): 94.8% (526), none blocked, 24 held (3.1%); the rules alone 59.3%, 3
/// blocked, 13 held (1.7%). Fourth, with hold-2026-12-05.6 (train10 too, threshold 0.86): 94.1% (522), none blocked,
/// 22 held (2.8%; news-style 4 of 353). Fifth, with round 9 and hold-2026-12-05.7 (train11 too, the model's own
/// share of the ceilings): 94.1% (522), 1 blocked, 21 held (2.7%); the rules alone 59.3%, 3 blocked, 14 held. After the
/// review of round 9 cut it back: 94.1%, 1, 22 (2.8%); the rules alone 59.5%, 3, 15. Sixth, with round 10 and
/// hold-2026-12-05.8 (normalised text, train12 too): 95.0% (527), none blocked, 24 held (3.1%; news 6 of 353); the
/// rules alone unchanged.
#[test]
fn heldout6_floors() {
    assert_split_floors(
        "heldout6",
        &parse(HELDOUT6),
        1330,
        (3, 59.0, 2.0),
        (0, 94.5, 3.5),
    );
}

/// The seventh held-out split (1,781 items: 727 harmful, 1,054 benign), written on 2026-12-05 by an examiner who saw
/// neither the engine, the lexicon nor the other splits, while round 8 was tuned on train9; never tuned or trained on,
/// its misses never printed. Run after round 8 and hold-2026-12-05.5: 92.6% of harmful not allowed (673), 2 benign
/// blocked, 50 held (4.7%; news-style kinds 19 of 473, 4.0%). Run on main before them (6b95203, round 7,
/// hold-2026-12-05.4): 92.7% (674), 2 blocked, 55 held (5.2%; news 24, 5.1%). The rules alone: 47.9% (348), 4
/// blocked, 25 held (26 before). Second run, with hold-2026-12-05.6 (train10 too, threshold 0.86): 91.6% (666), 2
/// blocked, 37 held (3.5%; news-style 13 of 473, 2.7%); after the two reviews of round 8, 42 held (4.0%). With round 9
/// and hold-2026-12-05.7: 91.7% (667), 1 blocked, 39 held (3.7%; news 18 of 473); the rules alone 47.7%, 3, 30. After
/// the review of round 9: 91.7%, 2, 41 (3.9%); the rules alone 47.9%, 4, 32 (3.0%). With round 10 and
/// hold-2026-12-05.8: 92.7% (674), 2 blocked, 43 held (4.1%; news 19 of 473); the rules alone unchanged.
#[test]
fn heldout7_floors() {
    assert_split_floors(
        "heldout7",
        &parse(HELDOUT7),
        1780,
        (4, 47.5, 3.5),
        (2, 92.5, 4.5),
    );
}

/// The eighth held-out split (1,584 items: 635 harmful, 949 benign), written on 2026-12-05 by another examiner who saw
/// neither the engine, the lexicon nor the other splits; never tuned or trained on, its misses never printed. First
/// run after the rules' contexts from train10 and hold-2026-12-05.6: 92.3% of harmful not allowed (586), 1 benign blocked
/// (gambling news), 34 held (3.6%; news-style 10 of 431, 2.3%). The rules alone: 49.4% (314), 3 blocked, 15 held
/// (1.6%). After the review's fixes to round 8 (quotations next to a lone context word hold instead of being
/// flagged): default 92.3%, 1 blocked, 36 held (3.8%); the rules alone 4 blocked, 16 held. After the second review
/// (quotation marks never allow, they only bring a block down to a hold; loss, court and weak debunk words dropped):
/// default 92.3%, 1 blocked, 40 held (4.2%); the rules alone 49.6%, 4 blocked, 20 held (2.1%). With round 9 and
/// hold-2026-12-05.7: 92.9% (590), 1 blocked, 37 held (3.9%; news 13 of 431); the rules alone 49.4%, 4, 18. After the
/// review of round 9: 92.9%, 1, 39 (4.1%); the rules alone 49.6%, 4, 20. With round 10 and hold-2026-12-05.8:
/// 92.4% (587), none blocked, 35 held (3.7%; news 13 of 431); the rules alone unchanged. With hold-2026-12-06.6
/// (thirteenth session): 1 blocked, a report of a gambling comment (`"depo 10k WD 1jt"`) that the model no longer reads
/// as lawful enough to bring the rules' block down to a hold.
#[test]
fn heldout8_floors() {
    assert_split_floors(
        "heldout8",
        &parse(HELDOUT8),
        1580,
        (4, 49.0, 2.5),
        (1, 92.0, 4.0),
    );
}

/// The ninth held-out split (1,618 items: 650 harmful, 968 benign in 22 kinds, at least half of the benign items with a
/// word that looks harmful out of context), written on 2026-12-05 by an examiner who saw neither the engine, the
/// lexicon nor the other splits; committed unread (2f3f46a), never tuned or trained on, its misses never printed. First
/// run with the rules after the SARA fix of 57e5f7c and hold-2026-12-05.6: 89.2% of harmful not allowed (580), 2
/// benign blocked, 76 held (7.9%; news-style 22 of 440, 5.0%). The rules alone: 52.2% (339), 6 blocked, 62 held
/// (6.4%). Second run, with round 9 (tuned on train11, written under the same brief) and hold-2026-12-05.7: 91.4%
/// (594), 2 blocked, 70 held (7.2%; news 21 of 440, 4.8%); the rules alone 52.0%, 6, 59 (6.1%). Third, after the
/// review of round 9: 91.5% (595), 2, 75 (7.7%); the rules alone 52.3%, 6, 64 (6.6%). With round 10 and
/// hold-2026-12-05.8: 92.9% (604), 1 blocked, 76 held (7.9%; news 21 and 1 blocked of 440); the rules alone unchanged.
/// After round 10's second review: 92.9%, 1, 75 (7.7%); the rules alone 52.3%, 6, 63.
#[test]
fn heldout9_floors() {
    assert_split_floors(
        "heldout9",
        &parse(HELDOUT9),
        1610,
        (6, 51.5, 7.0),
        (1, 92.5, 8.0),
    );
}

/// The tenth held-out split (1,618 items: 650 harmful, 968 benign in 22 kinds, under the brief of heldout9), written on
/// 2026-12-05 by another examiner who saw neither the engine, the lexicon nor the other splits; committed unread
/// (dc67b1a), never tuned or trained on, its misses never printed. First run, on 756fe64 (round 8 and the SARA fix,
/// hold-2026-12-05.6): 89.5% of harmful not allowed (582), 5 benign blocked, 91 held (9.4%); the rules alone 48.3%, 8
/// blocked, 69 held (7.1%). Second, with round 9 and hold-2026-12-05.7 (both chosen on training files before this
/// run): 90.2% (586), 3 blocked, 83 held (8.6%; news-style 18 of 440, 4.1%, none blocked); the rules alone 48.3%
/// (314), 7 blocked, 61 held (6.3%). Third, after a review cut round 9 back: 90.2% (586), 3 blocked, 90 held (9.3%;
/// news 18); the rules alone 48.5% (315), 7, 69 (7.1%). Fourth, with round 10 and hold-2026-12-05.8 (normalised
/// text, train12 too): 91.5% (595), 2 blocked, 89 held (9.2%; news 19 of 440, none blocked); the rules alone unchanged.
/// Retired to training since (hold-2026-12-05.9 on); with hold-2026-12-06.1 the model no longer tempers the rules' block
/// of a court report on a gambling promoter (3 blocked).
#[test]
fn heldout10_floors() {
    assert_split_floors(
        "heldout10",
        &parse(HELDOUT10),
        1610,
        (7, 48.0, 7.5),
        (3, 91.0, 9.5),
    );
}

/// The eleventh held-out split (1,618 items: 650 harmful, 968 benign in 22 kinds, under the brief of heldout9 and
/// heldout10, which also asked for subtle harm: no swear word, indirect threats, polite extortion), written on
/// 2026-12-05 (third session) by another examiner who saw neither the engine, the lexicon nor any corpus; committed
/// unread (4ed2330), never tuned or trained on, its misses never printed. First run, with round 10 and
/// hold-2026-12-05.7: 80.6% of harmful not allowed (524), 5 benign blocked, 87 held (9.0%); the rules alone 49.4%
/// (321), 12 blocked, 70 held (7.2%). Second, with hold-2026-12-05.8 (normalised text; trained on train12, written
/// under the same brief by another writer, and chosen leave one corpus out before this run): 86.2% (560), 4 blocked,
/// 93 held (9.6%; news 29 and 1 blocked of 440). Fourth, with round 11 of the rules and a first calibration of
/// hold-2026-12-05.9 (trained on heldout6 to heldout10, train13 and train14 too, releasing any hold of the rules whose
/// sentences it read as lawful, which a review then exploited): 90.2% (586), 5 blocked, 63 held (6.5%). Fifth, with the
/// shipped hold-2026-12-05.9 (the same weights; a hold is released only for `kasar` alone, in short sentences naming
/// nobody, under a `release` of 0.04): 90.3% (587), 5 blocked, 85 held (8.8%); the rules alone 50.0% (325), 12 blocked,
/// 70 held (7.2%). Sixth, with round 12 and hold-2026-12-05.10 (fifth session): 92.9% (604), 4 blocked, 78 held (8.1%);
/// seventh, with round 13 and hold-2026-12-05.11 (sixth session): 93.2% (606), 3 blocked, 73 held (7.5%); the rules
/// alone 50.0%, 10 blocked, 70 held;
/// the rules alone unchanged. Retired to training on 2026-12-06 (seventh session), when heldout15 was written:
/// hold-2026-12-06.1 trains on it, so its figures with the model are no longer held-out figures (99.5%, 3 blocked,
/// 6.5% held); the floors stay as regression floors.
#[test]
fn heldout11_floors() {
    assert_split_floors(
        "heldout11",
        &parse(HELDOUT11),
        1610,
        (12, 49.5, 7.5),
        (3, 93.0, 8.0),
    );
}

/// The twelfth held-out split (1,617 items: 649 harmful, 968 benign in 22 kinds, under `data/moderation/BRIEF.md` with
/// the swearing standard), written on 2026-12-05 (fourth session) by an examiner who saw neither the engine, the
/// lexicon nor any corpus; committed unread (70e3579), never tuned or trained on, its misses never printed. First run,
/// on round 11 of the rules and the shipped hold-2026-12-05.9: 88.0% of harmful not allowed (571), no benign post
/// blocked, 56 held (5.8%; news-style 18 of 440, 4.1%); the rules alone 47.6% (309), 3 blocked, 34 held (3.5%). Second
/// run, with nine exempt phrases for "rusak" (d275190, tuned on training files; taken back since, as they let a
/// threat of round 9's review through): the same figures. Third, with round 12 of the rules and hold-2026-12-05.10
/// (trained on train15 and train16 too; fifth session): 90.1% (585), no benign post blocked, 46 held (4.8%; news-style
/// 13 of 440, 3.0%); the rules alone 47.6% (309), 2 blocked, 33 held (3.4%). Fourth, with round 13 and
/// hold-2026-12-05.11: 89.7% (582), none blocked, 43 held (4.4%). Retired to training on 2026-12-06 (seventh
/// session), when heldout15 was written; the floors stay as regression floors.
#[test]
fn heldout12_floors() {
    assert_split_floors(
        "heldout12",
        &parse(HELDOUT12),
        1610,
        (2, 47.0, 4.0),
        (0, 89.5, 5.5),
    );
}

/// The thirteenth held-out split (1,614 items: 648 harmful, 966 benign in 22 kinds, under `data/moderation/BRIEF.md`),
/// written on 2026-12-05 (fifth session) by an examiner who saw neither the engine, the lexicon nor any corpus;
/// committed unread (c61368e), never tuned or trained on until hold-2026-12-06.2 (which trains on it; the floors stay), its
/// misses never printed. First run, on round 12 of the rules
/// and hold-2026-12-05.10: 92.3% of harmful not allowed (598), 1 benign post blocked (a crime report), 30 held (3.1%;
/// news-style 13 of 440, 3.0%, and the one blocked); the rules alone 47.4% (307), 2 blocked, 24 held (2.5%). With round
/// 13 and hold-2026-12-05.11: 92.1% (597), 1 blocked, 32 held (3.3%). With round 14 and hold-2026-12-06.1 (seventh
/// session; trained on train19, train20, heldout11 and heldout12 too): 93.5% (606), 1 blocked, 32 held (3.3%;
/// news-style 13 of 440, 3.0%); the rules alone 47.4% (307), 2 blocked, 23 held (2.4%).
#[test]
fn heldout13_floors() {
    assert_split_floors(
        "heldout13",
        &parse(HELDOUT13),
        1610,
        (2, 47.0, 3.0),
        (1, 93.0, 3.5),
    );
}

/// The fourteenth held-out split (1,617 items: 649 harmful, 968 benign in 22 kinds, under `data/moderation/BRIEF.md`),
/// written on 2026-12-05 (sixth session) by an examiner who saw neither the engine, the lexicon nor any corpus;
/// committed unread (5391cbd), never tuned or trained on until hold-2026-12-06.2 (which trains on it; the floors stay), its
/// misses never printed. First run, on round 13 of the rules
/// (before its review) and hold-2026-12-05.10: 89.8% of harmful not allowed (583), no benign post blocked, 40 held
/// (4.1%); the rules alone 45.6% (296), 3 blocked, 30 held (3.1%). Second, on the final round 13 and
/// hold-2026-12-05.11 (trained on train17 and train18 too): 90.6% (588), none blocked, 38 held (3.9%; news-style 15 of
/// 440, 3.4%); the rules alone the same as before. Third, with round 14 and hold-2026-12-06.1 (seventh session;
/// trained on train19, train20, heldout11 and heldout12 too): 91.4% (593), none blocked, 39 held (4.0%; news-style
/// 16 of 440, 3.6%); the rules alone 45.5% (295), 2 blocked, 30 held (3.1%).
#[test]
fn heldout14_floors() {
    assert_split_floors(
        "heldout14",
        &parse(HELDOUT14),
        1610,
        (3, 45.0, 3.5),
        (0, 91.0, 4.5),
    );
}

/// The fifteenth held-out split (1,613 items: 650 harmful, 963 benign in 22 kinds, under `data/moderation/BRIEF.md`;
/// 5 benign items that repeat older corpora were dropped by script, unread), written on 2026-12-06 (seventh session)
/// by an examiner who saw neither the engine, the lexicon nor any corpus; committed unread (9fe22af), never tuned or
/// trained on until hold-2026-12-06.2 (which trains on it; the floors stay), its misses never printed. First run, on the shipped round 13 and hold-2026-12-05.11, through
/// `moderate_posts --json` (one post per line): 95.1% of harmful not allowed (618), 1 benign post blocked, 41 held
/// (4.3%; news-style 22 of 439 and the one blocked); the rules alone 52.5% (341), 5 blocked, 25 held. Second, on round
/// 14 and hold-2026-12-06.1 (trained on train19, train20, heldout11 and heldout12 too; decided before this run to ship
/// whatever it gave): 95.5% (621), 1 blocked, 47 held (4.9%; news-style 23 of 439, 5.2%, and the one blocked); the
/// rules alone 52.5% (341), 5 blocked, 24 held (2.5%).
#[test]
fn heldout15_floors() {
    assert_split_floors(
        "heldout15",
        &parse(HELDOUT15),
        1610,
        (5, 52.0, 3.0),
        (1, 95.0, 5.5),
    );
}

/// heldout16 (1,616 items, see [`HELDOUT16`]). First run, on the shipped round 14 and hold-2026-12-06.1 through
/// `moderate_posts --json`: 93.5% of harmful not allowed (607 of 649), no benign post blocked, 53 held (5.5%; news-style
/// 15 of 440, 3.4%); the rules alone 47.5% (308), 6 blocked, 41 held (4.2%). On round 15: the same recall, none
/// blocked, 52 held (5.4%), news-style 15 (3.4%); the rules alone 47.5%, 6 blocked, 38 held (3.9%). With
/// hold-2026-12-06.2 (decided before the run: shipped unless it lowered recall or blocked more): 94.0% (610), none
/// blocked, 45 held (4.7%), news-style 14 (3.2%).
#[test]
fn heldout16_floors() {
    assert_split_floors(
        "heldout16",
        &parse(HELDOUT16),
        1610,
        (6, 47.0, 4.5),
        (0, 93.5, 5.0),
    );
}

/// heldout17 (1,612 items, see [`HELDOUT17`]). First run, on the shipped round 15 and hold-2026-12-06.2 through
/// `moderate_posts --json`: 96.0% of harmful not allowed (622 of 648), 1 benign post blocked (a news-style item that two
/// gambling rules block, which the model may not temper), 33 held (3.4%; news-style 16 of 438, 3.7%, and the one
/// blocked); the rules alone 52.2% (338), 4 blocked, 24 held. On round 16 with hold-2026-12-06.2: 96.0% (622), 1
/// blocked, 32 held (3.3%), news-style 15. With hold-2026-12-06.3 (trained on heldout16 too, `release_capped` 0.3;
/// decided before the run: shipped unless recall fell by more than 2 posts, blocks rose, or news17 had a block): 95.7%
/// (620), 1 blocked, 28 held (2.9%; news-style 11 of 438, 2.5%); the rules alone 52.6% (341), 4 blocked, 23 held. After
/// a review, the release of doubted holds got the limits of the release for profanity (20 words, naming nobody): 95.7%
/// (620), 1 blocked, 32 held (3.3%; news-style 13, 3.0%). After a second review (the release counts only the rules'
/// own contexts, not quotation marks nor the model's unblock; `hoaks-pemilu` without the bare "sudah ditentukan" and
/// "tidak dihitung"; the election debunk words in a class of their own): 95.7% (620), 1 blocked, 33 held (3.4%;
/// news-style 14, 3.2%). After the second opinion on a block was widened from one rule to one category (2026-12-06,
/// tenth session: a change the ninth session's note proposed after seeing the rule ids of that one block): 95.7% (620),
/// **0 blocked**, 34 held (3.5%; news-style 15, 3.4%, the once-blocked item now among them).
#[test]
fn heldout17_floors() {
    assert_split_floors(
        "heldout17",
        &parse(HELDOUT17),
        1610,
        (4, 52.0, 3.0),
        (0, 95.5, 4.0),
    );
}

/// news17 (600 lawful news and reporting items, see [`NEWS17`]): no post blocked by the default moderator. First run,
/// on the shipped round 15 and hold-2026-12-06.2: 27 held (4.5%), none blocked (the rules alone 29 held, 1 blocked);
/// round 16 with `.2`: 28 held (a `hoaks-pemilu` hold of a politik item, seen by its rule id only); with
/// hold-2026-12-06.3: 22 held (3.7%), none blocked (the rules alone 30 held, 1 blocked); with the limits on the release
/// of doubted holds (after a review), 26 held (4.3%); the same after the second review.
#[test]
fn news17_floors() {
    assert_split_floors("news17", &parse(NEWS17), 600, (1, 0.0, 5.5), (0, 0.0, 4.5));
}

/// heldout18 (1,615 items, see [`HELDOUT18`]). First run on b578f52 (round 16, hold-2026-12-06.3, the second opinion
/// on a block of one category): 93.8% of harmful not allowed (608 of 648), 1 benign post blocked, 43 held (4.4%;
/// news-style 17 of 440, 3.9%); the rules alone 51.7% (335), 10 blocked, 40 held. With hold-2026-12-06.4 (trained on
/// heldout17, news17 and all of news16 too; decided before the run: shipped unless recall fell by more than 2 posts,
/// blocks rose, or news18's holds or blocks rose): 94.1% (610), 1 blocked, 45 held (4.7%; news-style 18, 4.1%).
/// hold-2026-12-06.6 trains on it: 3 blocked (a quiz with a prize "bukan judi", a court report quoting an extortion in
/// single quotes), which the rules block and `.4` brought down to holds.
#[test]
fn heldout18_floors() {
    assert_split_floors(
        "heldout18",
        &parse(HELDOUT18),
        1610,
        (10, 51.5, 4.5),
        (3, 94.0, 5.0),
    );
}

/// news18 (600 lawful news and reporting items, see [`NEWS18`]). First run on b578f52 (hold-2026-12-06.3): 31 held
/// (5.2%), 1 blocked; the rules alone 26 held, 3 blocked. With hold-2026-12-06.4: the same, 31 held and 1 blocked.
#[test]
fn news18_floors() {
    assert_split_floors("news18", &parse(NEWS18), 600, (3, 0.0, 4.5), (1, 0.0, 5.5));
}

/// heldout19 (1,610 items, see [`HELDOUT19`]). First run on 4d8e20a (round 17, hold-2026-12-06.4): **95.5%** of
/// harmful not allowed (619 of 648), 2 benign posts blocked, 32 held (3.3%; news-style 12 of 436, 2.8%, and 1
/// blocked); the rules alone 55.4% (359), 3 blocked, 29 held. Round 18 (`ease`, `perek`, pronouns with a preposition,
/// regional "no stakes"; decided before the run: shipped unless recall fell by more than 2 posts, blocks rose, or
/// news19's blocks rose or its holds by more than one): the same figures. `hold-2026-12-06.5` (trained on heldout18 and
/// news18 too): 95.1% (616), 2 blocked, 32 held (news-style 13): 3 more harmful posts allowed, so it was not shipped.
#[test]
fn heldout19_floors() {
    assert_split_floors(
        "heldout19",
        &parse(HELDOUT19),
        1610,
        (3, 55.0, 3.5),
        (2, 95.0, 4.0),
    );
}

/// news19 (600 lawful news and reporting items, see [`NEWS19`]). First run on 4d8e20a (hold-2026-12-06.4): 35 held
/// (5.8%), none blocked; the rules alone 30 held (5.0%), 3 blocked. Round 18: the same; with `hold-2026-12-06.5` (not
/// shipped) the same.
#[test]
fn news19_floors() {
    assert_split_floors("news19", &parse(NEWS19), 600, (3, 0.0, 5.5), (0, 0.0, 6.0));
}

/// heldout20 (1,612 items, see [`HELDOUT20`]). First run on 3e7fb45 (round 18, hold-2026-12-06.4): **95.4%** of
/// harmful not allowed (620 of 650), 1 benign post blocked, 38 held (3.9%; news-style 17 of 439, 3.9%, none blocked);
/// the rules alone 53.8% (350), 5 blocked, 32 held. Round 19 (the class `attribution`, single quotes; decided before the
/// run: shipped unless recall fell by more than 2 posts, blocks rose, or news20's blocks rose or its holds by more than
/// one) gave the same figures here but 2 more news20 holds, so it stayed an opt-in class until the thirteenth session. Round 20 (`mention` lines, judged on heldout21): the same figures here.
#[test]
fn heldout20_floors() {
    assert_split_floors(
        "heldout20",
        &parse(HELDOUT20),
        1612,
        (5, 53.5, 3.5),
        (1, 95.0, 4.5),
    );
}

/// news20 (600 lawful news and reporting items, see [`NEWS20`]). First run on 3e7fb45 (hold-2026-12-06.4): 29 held
/// (4.8%), 1 blocked; the rules alone 31 held (5.2%), 1 blocked. Every candidate of round 19: 31 held, 1 blocked.
/// Round 20: 28 held (4.7%), 1 blocked; the rules alone 29, 1 blocked.
#[test]
fn news20_floors() {
    assert_split_floors("news20", &parse(NEWS20), 600, (1, 0.0, 5.5), (1, 0.0, 5.0));
}

/// heldout21 (1,613 items, see [`HELDOUT21`]). First run on 32fc959 (round 19 opt-in, hold-2026-12-06.4): **93.4%** of
/// harmful not allowed (606 of 649), no benign post blocked, 39 held (4.0%; news-style 17 of 439); the rules alone
/// 52.2% (339), 4 blocked, 35 held. Round 20 (decided before the run: shipped unless recall fell by more than 2 posts,
/// blocks rose, or news21's blocks or holds rose): the same figures.
#[test]
fn heldout21_floors() {
    assert_split_floors(
        "heldout21",
        &parse(HELDOUT21),
        1613,
        (4, 51.5, 4.0),
        (0, 93.0, 4.5),
    );
}

/// news21 (600 lawful news and reporting items, see [`NEWS21`]). First run on 32fc959: 25 held (4.2%), 1 blocked; the
/// rules alone 23 held, 2 blocked. Round 20: 25 held, 1 blocked; the rules alone 22 held, 2 blocked.
#[test]
fn news21_floors() {
    assert_split_floors("news21", &parse(NEWS21), 600, (2, 0.0, 4.5), (1, 0.0, 4.5));
}

/// heldout22 (1,610 items, see [`HELDOUT22`]). First run on the thirteenth session's candidates, each once, under
/// rules written before it (aggregate counts only): round 20 + `hold-2026-12-06.4` and the same with the class
/// `attribution` in the default gave the same figures, **94.9%** of harmful not allowed (614 of 647), 1 benign blocked,
/// 39 held (4.0%; news-style 14 of 439); the rules alone 48.4% (313), 3 blocked, 35 held. The class ships. With
/// `hold-2026-12-06.6` (trained on heldout19, news19, heldout20 and news20 too; the rule: ship unless recall falls by
/// more than 2 posts, blocks rise, holds rise by more than 1% here or by more than 1 on news22, the same on heldout21
/// and news21): **95.1%** (615), 1 blocked, 39 held (news-style 14); news22 the same; heldout21 607 (was 606), 0
/// blocked, 40 held (was 39); news21 24 held (was 25), 1 blocked. It ships.
#[test]
fn heldout22_floors() {
    assert_split_floors(
        "heldout22",
        &parse(HELDOUT22),
        1610,
        (3, 48.0, 4.0),
        (1, 95.0, 4.5),
    );
}

/// news22 (600 lawful news and reporting items, see [`NEWS22`]). First run: 41 held (6.8%), none blocked; the rules
/// alone 35 held (5.8%), 1 blocked; the same with and without the class `attribution`.
#[test]
fn news22_floors() {
    assert_split_floors("news22", &parse(NEWS22), 600, (1, 0.0, 6.0), (0, 0.0, 7.0));
}

/// news16 (600 lawful news and reporting items, see [`NEWS16`]): no post blocked by the default moderator. First run,
/// on the shipped round 14 and hold-2026-12-06.1: 31 of 600 held (5.2%), none blocked (the rules alone: 29 held, one
/// blocked); the dev half 18 of 282 (6.4%), the test half 13 of 318 (4.1%). On round 15 (which read the dev half's
/// held items): dev 18 held (6.4%; the rules alone 16 and one blocked), test 13 (4.1%): nothing the round changed
/// reached the test half. With hold-2026-12-06.2 (trained on the dev half): dev 15 held (5.3%), test 14 (4.4%). With
/// hold-2026-12-06.3 (`release_capped`) and round 16: test 12 held (3.8%), none blocked.
#[test]
fn news16_floors() {
    assert_split_floors(
        "news16-dev",
        &news16_half(false),
        270,
        (1, 0.0, 6.0),
        (0, 0.0, 6.5),
    );
    assert_split_floors(
        "news16-test",
        &news16_half(true),
        300,
        (0, 0.0, 4.5),
        (0, 0.0, 4.5),
    );
}

/// The training files of 2026-12-05, tuned on by round 7 of the rules (train9 by round 8): no benign post blocked by
/// the rules alone. (train9 before round 8: 6 benign blocked, 4.9% held, 66.9% of harmful not allowed.)
#[test]
fn training_files_floors() {
    assert_floors("train6", &parse(TRAIN6), 1640, 0, 52.5, 1.5);
    assert_floors("chat7", &parse(CHAT7), 1500, 0, 55.5, 1.0);
    assert_floors("train8", &parse(TRAIN8), 1300, 0, 21.0, 1.0);
    // train9 held 9.2% before the review of round 9 capped threats and extortion next to a debunk word at hold.
    assert_floors("train9", &parse(TRAIN9), 1000, 0, 66.5, 10.0);
    // train10 (a broad training file) is not yet tuned on by the rules: one wedding album "aku kirim ke japri ... biar
    // gak" still reads as pay-or-else to the construction peras-syarat.
    assert_floors("train10", &parse(TRAIN10), 1330, 1, 48.5, 4.5);
    // train11 (round 9's tuning file): 7 benign blocked and 58 held (6.0%) before round 9; the four blocks left are a
    // mother's warning ("nanti matanya rusak dan kamu ..."), a boxing gym, a flood appeal ("kalau ada bantuan, kirim
    // ke posko") and a chain message called fake, which the parts of the round that a review cut back had allowed.
    // Round 10 holds the boxing gym instead (ancam-langsung without a speaker or future marker holds): 3 blocked,
    // 63 held (6.5%).
    assert_floors("train11", &parse(TRAIN11), 1610, 3, 45.5, 6.6);
    // train12 (the hold model's newest training file; the rules were not tuned on it): what round 10 gives.
    assert_floors("train12", &parse(TRAIN12), 1610, 3, 48.0, 5.5);
    // train17 and train18 (round 13's tuning files): before round 13, 9 and 5 benign posts blocked by the rules alone;
    // its refusal words (a campaign, a recovery, "bukan solusi") hold six of them at most.
    assert_floors("train17", &parse(TRAIN17), 1610, 5, 50.0, 2.5);
    assert_floors("train18", &parse(TRAIN18), 1610, 2, 50.5, 5.0);
    // train19 and train20 (round 14's tuning files, new): what round 14 gives.
    assert_floors("train19", &parse(TRAIN19), 1610, 3, 48.5, 3.5);
    assert_floors("train20", &parse(TRAIN20), 1610, 4, 44.5, 4.5);
}

/// The test half of the short everyday messages (279 items, 1-10 words), never trained on. Until hold-2026-12-05.9 the
/// model held no post under 7 or 8 words, so the rules alone decided: 66.7% of harmful not allowed, no benign post
/// blocked or held. hold-2026-12-05.10 (min_tokens 6, chosen by the trainer on the training pool) reads six-word posts
/// too: 71.2% (47 of 66), none blocked, 2 of 213 benign held (0.9%). hold-2026-12-06.1 (min_tokens 5, chosen the
/// same way) reads five-word posts: 83.3% (55 of 66), none blocked, 5 of 213 held (2.3%). hold-2026-12-06.2: 83.3%, none
/// blocked, 2 of 213 held (0.9%).
#[test]
fn short_messages_floors() {
    let items = short_half(true);
    assert_floors_with(model_moderator(), "short-test", &items, 270, 0, 83.0, 2.5);
}
