//! Round 16 of issue 16 (`kim-core/lexicon/*.tsv`), tuned on the training files and heldout16 (retired to training once
//! heldout17 existed): a vote demanded on pain of losing a benefit is extortion (`peras-suara`, four parts), a claim
//! that the ballots are filled in or the count fixed is a hoax suspicion (`hoaks-pemilu`, hold only), and
//! `pura-pura` ("pretend") is not the Balinese temple `pura` (an exempt phrase now exempts identity words too). The
//! sentences were written for these tests; none is taken from the corpora.

use kim_core::moderation::{Category, Decision};

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::{assert_has_rule, expect, moderator, softened_by};

/// A vote coerced with a benefit: held, with the four parts named. The KPU's own rule about a KTP, a report of an
/// investigation and a fact-check that denies the coercion are allowed.
#[test]
fn a_vote_coerced_with_a_benefit_is_extortion() {
    let text = "Pilih nomor 2 di pilkades, kalau tidak bantuan pupuk kalian distop";
    let v = moderator().check(text);
    assert_eq!(v.decision, Decision::Hold, "{:?}", v.matches);
    let m = v
        .matches
        .iter()
        .find(|m| m.rule_id == "peras-suara")
        .expect("peras-suara");
    assert_eq!(m.category, Category::Pemerasan);
    let roles: Vec<(&str, &str)> = m
        .parts
        .iter()
        .map(|p| (p.role.as_str(), &text[p.start..p.end]))
        .collect();
    // One word of each part: the nearest ones.
    assert_eq!(
        roles,
        [
            ("vote", "pilkades"),
            ("negation", "tidak"),
            ("benefit", "pupuk"),
            ("withhold", "distop")
        ]
    );
    expect(
        Decision::Hold,
        &[
            "Guru honorer yang tidak ikut kampanye paslon kami, jangan harap SK-nya diperpanjang",
            "Yang nggak nyoblos calon kami, namanya dicoret dari penerima PKH",
        ],
    );
    expect(
        Decision::Allow,
        &[
            "Pemilih yang tidak membawa KTP tidak dapat mencoblos di TPS.",
            "Bawaslu memeriksa kades yang diduga mengancam mencoret bantuan warga yang tidak memilih paslon nomor urut 2.",
        ],
    );
    // A hoax that borrows the debunk's words and asks to be spread (a review's probe) is not a fact-check.
    expect(
        Decision::Hold,
        &[
            "Itu hoaks kalau bansos lancar, faktanya BLT bulan depan dihentikan untuk warga yang tidak pilih calon \
           nomor 2, tolong sebarkan.",
        ],
    );
    let check = "Tidak benar warga yang tidak memilih akan dicabut bansosnya. Memilih adalah hak, kata Bawaslu.";
    expect(Decision::Allow, &[check]);
    assert_eq!(
        softened_by(&moderator().check(check), "peras-suara"),
        Some("debunk")
    );
}

/// A rigged-election claim holds for a fact-check and never blocks; the fact-check that names it is allowed.
#[test]
fn a_rigged_election_claim_is_a_hoax_suspicion() {
    for text in [
        "Surat suara di TPS 04 sudah dicoblos duluan semalam, hasilnya sudah diatur",
        "Yang datang ke TPS setelah jam 10 suaranya tidak dihitung, datang pagi!",
    ] {
        let v = moderator().check(text);
        assert_eq!(v.decision, Decision::Hold, "{text}: {:?}", v.matches);
        assert!(v.fact_check, "{text}");
        assert_has_rule(text, "hoaks-pemilu");
    }
    expect(
        Decision::Allow,
        &[
            "KPU menegaskan kabar surat suara sudah dicoblos adalah hoaks.",
            "Foto \"surat suara sudah dicoblos\" itu ternyata spesimen pelatihan KPPS, bukan surat suara asli.",
            "Penghitungan suara di TPS 04 selesai pukul 19.00, disaksikan saksi semua calon.",
            // KPU notices use the bare words (a review of the round): not a claim of fraud.
            "Lokasi TPS sudah ditentukan, surat suara rusak tidak dihitung.",
        ],
    );
    // The election fact-check words soften this rule only, not every hoax.
    let v = moderator().check("Vaksin di puskesmas bukan yang asli, isinya chip, sebarkan");
    assert_eq!(v.decision, Decision::Hold, "{:?}", v.matches);
    assert!(v.fact_check);
}

/// `pura-pura` (pretend) next to a hostile word is not hostility to a temple; the temple and a people still are.
#[test]
fn pretending_is_not_a_temple() {
    expect(
        Decision::Allow,
        &[
            "Penipu sekarang pakai suara kloning AI, pura-pura jadi anak minta transfer.",
            "Modus baru: penipu pura-pura salah transfer lalu minta uangnya dikembalikan.",
            "Hati-hati, ada yang berpura-pura jadi petugas PLN lalu merampas HP warga.",
        ],
    );
    expect(
        Decision::Hold,
        &[
            "Pura itu sarang penipu",
            "orang Bali penipu semua, pura-pura baik",
        ],
    );
    // Only the exempt phrases of a category other than kasar exempt identity words: `penyandang cacat` (kasar: it
    // exempts the insult `cacat`) keeps `cacat` an identity word for the SARA context.
    let v = moderator().check("Penyandang cacat itu sampah, usir saja dari kampung");
    assert!(
        v.matches
            .iter()
            .any(|m| m.rule_id.as_str().starts_with("sara-context:")),
        "{:?}",
        v.matches
    );
}
