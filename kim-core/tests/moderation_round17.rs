//! Round 17 of issue 16 (`kim-core/lexicon/constructions.tsv`, 2026-12-06, tenth session), found by a review: the
//! word classes `second` and `target` had `kalian` ("you", plural) with its affixed forms, so `sekalian` ("at the same
//! time", "all of you" in a greeting) addressed the reader and made a threat of a harmless errand. They now have
//! `kalian` and its particles only. The sentences were written for these tests; none is taken from the corpora.

use kim_core::moderation::Decision;

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::expect;

/// `sekalian` is no second person: an errand or an offer that says "at the same time" is allowed (both were held as
/// threats before); `kalian` itself, with a threat, is still blocked.
#[test]
fn sekalian_is_not_you() {
    expect(
        Decision::Allow,
        &[
            "Ayo ngumpul di pos kamling, sekalian bantai gorengan sisa hajatan.",
            "Jual ayam kampung potong, bisa minta dibakar sekalian, antar sampai rumah.",
        ],
    );
    expect(
        Decision::Block,
        &["Kalian tunggu saja, malam ini rumah kalian kami bakar."],
    );
}
