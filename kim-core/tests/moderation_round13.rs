//! Round 13 of issue 16 (`kim-core/lexicon/constructions.tsv`): an `unless` may name a built-in part. A scam named as
//! a scam (`scamlabel`) stops at any link outside quotation marks, and advice, reporting on a harm, a lesson on scams
//! and a post against gambling stop at a shortener's link with a path (`@shortlink`): a promoter who opens with
//! "Modus penipuan?" or "Awas penipuan!" and ends with `bit.ly/...` is not warning anyone. A shortener named alone
//! ("tautan bit.ly") and a link in quotation marks (the lure quoted in a warning) keep the softening. Over every
//! training file and retired split the change moved no decision; the sentences were written for these tests.

use kim_core::moderation::{Decision, Grammar};

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::{expect, moderator, not_allowed, softened_by};

/// A loan offer behind a warning word, with its short link, holds (before round 13 the rules allowed both).
#[test]
fn a_scam_behind_a_warning_with_its_link_is_the_scam() {
    not_allowed(&[
        "Modus penipuan? Pinjaman dana cepat tanpa jaminan, cair 5 menit, bunga rendah: bit.ly/danacair88",
        "Awas penipuan! Pinjaman tanpa jaminan cair 5 menit bunga rendah, daftar: s.id/pinjamcepat",
        "Hati-hati modus penipuan, pinjaman resmi tanpa jaminan cair 5 menit hanya di https://bit.ly/pinjamresmi",
    ]);
}

/// A warning that names the shortener, quotes the lure with its link or names no link is still only flagged.
#[test]
fn a_warning_that_names_or_quotes_the_link_is_not() {
    expect(
        Decision::Allow,
        &[
            "Modus penipuan baru: pinjaman dana cepat tanpa jaminan, cair 5 menit, bunga rendah. Hati-hati ya warga.",
            "Modus penipuan: pesan \"pinjaman dana cepat tanpa jaminan, cair 5 menit, klik bit.ly/danacair88\" beredar lagi di grup RT.",
            "Waspada modus penipuan pinjol ilegal yang menjanjikan cair 5 menit tanpa jaminan. Laporkan ke OJK.",
        ],
    );
    let v = moderator().check(
        "Modus penipuan: pesan \"pinjaman dana cepat tanpa jaminan, cair 5 menit, klik bit.ly/danacair88\" beredar lagi di grup RT.",
    );
    assert_eq!(
        softened_by(&v, "spam-pinjol"),
        Some("scamlabel"),
        "{:?}",
        v.matches
    );
}

/// The file format: `@link` and `@shortlink` are accepted in an `unless` field, another `@` word is an error that
/// names its line and field.
#[test]
fn an_unless_may_name_a_builtin_part() {
    let mut g = Grammar::builtin();
    g.extend_tsv("class\tmyctx\tinfo warga\nsoften\tspam\tmyctx\t1\t@link @shortlink\tnote\n")
        .unwrap();
    let err = Grammar::builtin()
        .extend_tsv("class\tmyctx\tinfo warga\nsoften\tspam\tmyctx\t1\t@linky\tnote\n")
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("unless") && text.contains("@linky"), "{text}");
}

/// Our dog, named, lost or giving birth, is the pet ("anjing kita si Belang", "Anjing kami hilang"); the swear that
/// opens a sentence before `kita` is not (an exempt phrase does not run across a comma or a sentence's end), nor is
/// someone's dog named with an insult.
#[test]
fn our_dog_is_the_pet() {
    expect(
        Decision::Allow,
        &[
            "Pak'e, anjing kita si Belang barusan melahirkan empat anak, lucu-lucu",
            "Anjing kami hilang sejak kemarin sore, warna cokelat, namanya Bruno. Kabari kami ya.",
            "Bu, anjing kita beranak lagi, tiga ekor",
        ],
    );
    not_allowed(&[
        "Anjing, kita telat lagi gara-gara macet",
        "Woi anjing! Kita kalah gara-gara lu",
        "dasar anjing kamu, nggak tau diri",
    ]);
}
