//! The hold model of the default moderator (issue 16): it only ever holds a post the rules allow.

use kim_core::moderation::{Action, Category, Decision, HoldModel, Moderator, Verdict, normalized};
use proptest::prelude::*;

const DEV: &str = include_str!("data/moderation/dev.tsv");

fn texts(tsv: &str) -> impl Iterator<Item = String> + '_ {
    tsv.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .filter_map(|l| l.splitn(3, '\t').nth(2))
        .map(|t| t.replace("\\n", "\n"))
}

const HELDOUT5: &str = include_str!("data/moderation/heldout5.tsv");

#[test]
fn the_default_moderator_has_the_model_and_says_so() {
    let m = Moderator::default();
    let model = m.hold_model().unwrap();
    assert_eq!(model.classes().len(), 11);
    assert_eq!(model.id(), "hold-2026-12-06.6");
    assert_eq!(m.version(), "kim-default-2+hold-2026-12-06.6");
    assert_eq!(m.check("Gotong royong").lexicon_version, m.version());
    let rules = Moderator::default().without_hold_model();
    assert!(rules.hold_model().is_none());
    assert_eq!(
        rules.check("Gotong royong").lexicon_version,
        "kim-default-2"
    );
    // A moderator that extends the shipped lexicon keeps the model; one that replaces it has the user's rules only.
    let tsv = "kasar-contoh\tkasar\tmedium\thold\troot\tkurang ajar\tcontoh\n";
    let extended = Moderator::from_user_tsv(tsv, "lokal", true).unwrap();
    assert_eq!(extended.version(), "kim-default-2+lokal+hold-2026-12-06.6");
    assert!(
        Moderator::from_user_tsv(tsv, "lokal", false)
            .unwrap()
            .hold_model()
            .is_none()
    );
}

/// A text without words, or whose words all speak against harm, is never held by the model, whatever its intercepts
/// say (found by a property test: the empty text was held).
#[test]
fn texts_without_words_are_left_to_the_rules() {
    let m = Moderator::default();
    for text in ["", " ", "!!!", "🙏🙏", "\n\t", "...", "-"] {
        assert_eq!(m.check(text).decision, Decision::Allow, "{text:?}");
    }
}

/// Written for this test (in none of the corpora): a harmful post the rules allow, held by the model.
#[test]
fn an_unseen_harmful_post_is_held_with_its_words() {
    let rules = Moderator::default().without_hold_model();
    let m = Moderator::default();
    let text = HARMFUL;
    assert_eq!(rules.check(text).decision, Decision::Allow);
    let v = m.check(text);
    assert_eq!(v.decision, Decision::Hold, "{v:?}");
    let hit = v
        .matches
        .iter()
        .find(|x| x.rule_id == "model-hold")
        .unwrap();
    assert_eq!(hit.action, Action::Hold);
    assert!(!hit.parts.is_empty() && hit.parts.len() <= 5);
    for p in &hit.parts {
        assert!(text.is_char_boundary(p.start) && p.start < p.end && p.end <= text.len());
        assert!(
            hit.reason_en.contains(&text[p.start..p.end]),
            "{}",
            hit.reason_en
        );
    }
    assert!(hit.reason_id.contains("P(berbahaya)") && hit.reason_en.contains("P(harmful)"));
    assert!(v.categories.contains(&hit.category));
}

const HARMFUL: &str =
    "Minum air rebusan daun ini tiga hari pasti sembuh dari kanker, dokter tidak mau kalian tahu.";

/// Written for this test (in none of the corpora).
#[test]
fn benign_announcements_stay_allowed() {
    let m = Moderator::default();
    for text in [
        "Pengumuman: posyandu balita dibuka Kamis pukul 08.00 di balai desa, mohon membawa buku KIA.",
        "Kerja bakti membersihkan saluran air RT 03 hari Minggu pagi. Warga diharap membawa cangkul.",
        "Pelatihan membuat kompos untuk kelompok wanita tani, Sabtu 14 Desember di aula kecamatan.",
        // Identity words alone, political criticism and Scunthorpe words stay allowed with the model too.
        "Umat Kristen di desa kami merayakan Natal bersama, warga muslim ikut menjaga keamanan.",
        "Warga Papua dan Bugis menggelar festival budaya di lapangan kecamatan.",
        "Penyandang disabilitas mendapat pelatihan menjahit gratis dari dinas sosial.",
        "Kami menolak kebijakan bupati yang menaikkan pajak pasar, DPRD harus turun tangan.",
        "Pantai Santai di Desa Petai ramai dikunjungi wisatawan saat libur panjang.",
    ] {
        assert_eq!(m.check(text).decision, Decision::Allow, "{text}");
    }
}

/// What the model did to the rules' verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Second {
    /// Nothing.
    Same,
    /// Held a post the rules allow.
    Held,
    /// Capped the rules' blocks at hold.
    Capped,
    /// Released the rules' holds: the post is allowed.
    Released,
    /// Released the rules' holds, then held the post whole.
    ReleasedHeld,
}

/// Asserts that the default moderator's verdict is the rules' one; or, when the rules allow, the rules' one held by
/// one `model-hold` match with sound spans; or, when the rules block on something other than a NIK, the rules' one
/// with every block turned into a hold softened by `hold-model`; or, when the rules hold (nothing blocks, no personal
/// data holds) for profanity alone or with every hold capped by a context, the rules' one with every hold flagged,
/// softened by `hold-model`, allowed or held whole by the model; or, when the rules of one category block and every
/// other hold was capped, the same with the blocks flagged too (capped, then released). The model never blocks, and
/// allows only what the rules hold or block on one category without personal data.
fn model_only_holds(rules: &Moderator, m: &Moderator, text: &str) -> Second {
    let (a, b) = (rules.check(text), m.check(text));
    assert_eq!(b.lexicon_version, m.version());
    let flagged_by_model = |x: &kim_core::moderation::Match| {
        x.action == Action::Flag
            && x.softened_by
                .as_ref()
                .map(kim_core::moderation::Text::as_str)
                == Some("hold-model")
    };
    if a.decision == Decision::Block
        && b.decision != Decision::Block
        && b.matches.iter().any(flagged_by_model)
    {
        return released(&a, &b, text);
    }
    if a.decision == Decision::Allow && b.decision != Decision::Allow {
        assert_eq!(b.decision, Decision::Hold);
        let extra: Vec<_> = b
            .matches
            .iter()
            .filter(|x| !a.matches.contains(x))
            .collect();
        assert_eq!(extra.len(), 1);
        let hit = extra[0];
        assert_eq!(
            (hit.rule_id.as_ref(), hit.action),
            ("model-hold", Action::Hold)
        );
        assert_eq!(b.matches.len(), a.matches.len() + 1);
        assert!(!hit.parts.is_empty() && hit.parts.len() <= 5);
        assert!(hit.start < hit.end && hit.end <= text.len());
        for p in &hit.parts {
            assert!(p.start < p.end && p.end <= text.len());
            assert!(text.is_char_boundary(p.start) && text.is_char_boundary(p.end));
            assert!(hit.start <= p.start && p.end <= hit.end);
        }
        assert!(b.categories.contains(&hit.category));
        assert_eq!(
            b.fact_check,
            a.fact_check || hit.category == Category::Hoaks
        );
        Second::Held
    } else if a.decision == Decision::Block && b.decision != Decision::Block {
        assert_eq!(b.decision, Decision::Hold, "{text}");
        let blocking: std::collections::BTreeSet<Category> = a
            .matches
            .iter()
            .filter(|x| x.action == Action::Block)
            .map(|x| x.category)
            .collect();
        assert_eq!(blocking.len(), 1, "{text}");
        assert_eq!(a.matches.len(), b.matches.len());
        for (x, y) in a.matches.iter().zip(&b.matches) {
            if x.action == Action::Block {
                assert_ne!(x.rule_id.as_str(), "pd-nik", "{text}");
                assert_eq!(y.action, Action::Hold);
                assert_eq!(
                    y.softened_by
                        .as_ref()
                        .map(kim_core::moderation::Text::as_str),
                    Some("hold-model")
                );
                let mut back = y.clone();
                back.action = Action::Block;
                back.softened_by.clone_from(&x.softened_by);
                assert_eq!(&back, x);
            } else {
                assert_eq!(x, y);
            }
        }
        assert_eq!(
            (&a.categories, a.fact_check, &a.redacted, &a.omitted),
            (&b.categories, b.fact_check, &b.redacted, &b.omitted)
        );
        Second::Capped
    } else if a.decision == Decision::Hold && b.matches.iter().any(flagged_by_model) {
        released(&a, &b, text)
    } else {
        let mut a = a;
        a.lexicon_version.clone_from(&b.lexicon_version);
        assert_eq!(a, b, "{text}");
        Second::Same
    }
}

/// Lawful posts the rules hold for an insult word (a lesson against bullying, self-mockery, a clumsy cat; written by
/// the review of the release, in none of the corpora) are released: allowed, the rules' matches flagged by
/// `hold-model`. Harm padded with lawful words until the model read it as lawful (the review got 66 of 135 such posts
/// released before the release was limited to short sentences that hold for `kasar` alone and name nobody) stays held:
/// an incitement against a group, a hoax with a share call, an insult aimed at a named person, a scam with a phone
/// number.
#[test]
fn a_hold_the_model_reads_as_lawful_is_released() {
    let rules = Moderator::default().without_hold_model();
    let m = Moderator::default();
    for text in [
        "Pesan untuk anak-anak: kalau ada teman yang mengejekmu goblok atau tolol, laporkan ke guru dan jangan \
         membalas.",
        "Duh saya idiot sekali, lupa mematikan kompor, untung tetangga cepat datang dan tidak terjadi apa-apa.",
        "Kucingku tolol banget, jatuh ke ember air lagi, untung cepat saya angkat dan keringkan.",
    ] {
        assert_eq!(rules.check(text).decision, Decision::Hold, "{text}");
        assert_eq!(
            model_only_holds(&rules, &m, text),
            Second::Released,
            "{text}"
        );
    }
    for text in [
        "Dalam rapat warga di balai desa kemarin sore bersama perangkat desa dan kader posyandu, disepakati orang \
         Cina harus diusir dari pasar.",
        "Vaksin bikin mandul! Mohon bantu bagikan informasi ini ke grup keluarga dan tetangga supaya semua waspada ya.",
        "Dalam rapat RT kemarin sore di balai warga, ketua RT menyampaikan bahwa Andi itu goblok dan tidak becus \
         bekerja.",
        "Untuk membantu kelompok tani, pinjaman cair 10 juta tanpa jaminan, hubungi admin di 0812 3456 7890.",
    ] {
        assert_ne!(m.check(text).decision, Decision::Allow, "{text}");
        assert_ne!(
            model_only_holds(&rules, &m, text),
            Second::Released,
            "{text}"
        );
    }
}

/// The rules hold `a` (or block it on one rule); the default moderator released the holds in `b`: every hold (and
/// block) of the rules flagged, softened by `hold-model`, nothing else changed; allowed, or held whole by the model.
fn released(a: &Verdict, b: &Verdict, text: &str) -> Second {
    let blocks: std::collections::BTreeSet<&str> = a
        .matches
        .iter()
        .filter(|x| x.action == Action::Block)
        .map(|x| x.rule_id.as_str())
        .collect();
    assert!(blocks.len() <= 1 && !blocks.contains("pd-nik"), "{text}");
    assert!(a.redacted.is_none() && a.omitted.is_empty(), "{text}");
    // Only a hold for profanity or insult alone, or one where every hold was capped by a context (and a block of one
    // rule the model capped), in a text without a NIK, phone number or e-mail address.
    assert!(
        a.matches
            .iter()
            .all(|x| x.action != Action::Hold || x.category == Category::Kasar)
            && blocks.is_empty()
            || a.matches
                .iter()
                .all(|x| x.action != Action::Hold || x.softened_by.is_some()),
        "{text}"
    );
    assert!(
        a.matches
            .iter()
            .all(|x| !["pd-nik", "pd-phone", "pd-email"].contains(&x.rule_id.as_str())),
        "{text}"
    );
    let rest: Vec<_> = b
        .matches
        .iter()
        .filter(|x| x.rule_id.as_str() != "model-hold")
        .collect();
    assert_eq!(rest.len(), a.matches.len(), "{text}");
    for (x, y) in a.matches.iter().zip(rest) {
        if x.action == Action::Hold || x.action == Action::Block {
            assert_eq!(
                (
                    y.action,
                    y.softened_by
                        .as_ref()
                        .map(kim_core::moderation::Text::as_str)
                ),
                (Action::Flag, Some("hold-model")),
                "{text}"
            );
            let mut back = y.clone();
            back.action = x.action;
            back.softened_by.clone_from(&x.softened_by);
            assert_eq!(&back, x);
        } else {
            assert_eq!(x, y);
        }
    }
    if b.decision == Decision::Allow {
        assert!(b.categories.is_empty(), "{text}");
        assert_eq!(b.matches.len(), a.matches.len());
        Second::Released
    } else {
        assert_eq!(b.decision, Decision::Hold, "{text}");
        assert_eq!(b.matches.len(), a.matches.len() + 1, "{text}");
        Second::ReleasedHeld
    }
}

/// On every DEV and heldout5 text: a verdict the rules hold is unchanged or released (its holds flagged by the model),
/// an allowed one is either unchanged or held by the one `model-hold` match, a blocked one blocks or holds with its
/// blocks softened by the model; the model never blocks.
#[test]
fn the_model_only_holds_what_the_rules_allow() {
    let rules = Moderator::default().without_hold_model();
    let m = Moderator::default();
    let model = m.hold_model().expect("the default moderator has one");
    let mut seen = std::collections::BTreeMap::new();
    for text in texts(DEV).chain(texts(HELDOUT5)) {
        let second = model_only_holds(&rules, &m, &text);
        // The moderator hands the model the text it has normalised; the model reading the text itself agrees.
        if rules.check(&text).decision == Decision::Allow {
            let words = normalized(&text)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .count();
            let would = words >= model.min_tokens()
                && model.harmful(&text) > model.threshold()
                && !model.score(&text).words.is_empty();
            assert_eq!(would, second == Second::Held, "{text}");
        }
        *seen.entry(format!("{second:?}")).or_insert(0) += 1;
    }
    assert!(seen.contains_key("Held"), "{seen:?}");
}

/// Reporting and advice the rules block on their words (written for this test, in none of the corpora): the model
/// reads them as lawful, so each block only holds, softened by `hold-model`, and a person decides: the model alone
/// never publishes what one rule blocks (the release of a doubted hold counts only the rules' own contexts). (Round 7:
/// the arrest report and the school counsellor's advice that stood here are no longer blocked by the rules, whose
/// reporting and advice contexts now soften them; these two name fewer markers.)
#[test]
fn a_block_the_model_reads_as_lawful_is_capped() {
    let rules = Moderator::default().without_hold_model();
    let m = Moderator::default();
    for (text, second) in [
        (
            "Seorang warga mengancam akan membakar balai desa lewat status Facebook karena namanya tidak masuk \
             daftar penerima bantuan.",
            Second::Capped,
        ),
        (
            "Pesan untuk murid: kalau ada kenalan di media sosial yang meminta VCS, tolak dan tinggalkan.",
            Second::Capped,
        ),
        // Two gambling rules block a raid report (`judi-agen`: an agent, a game and "admin"; `judi-ajakan`: a game and
        // "admin"): one category, so the second opinion caps it (2026-12-06; before, only a block of one rule).
        (
            "Ditreskrimsus membongkar jaringan agen judi online yang merekrut admin dari kalangan mahasiswa.",
            Second::Capped,
        ),
    ] {
        assert_eq!(rules.check(text).decision, Decision::Block, "{text}");
        assert_eq!(model_only_holds(&rules, &m, text), second, "{text}");
    }
}

/// A hold the rules themselves doubted (every holding match capped by a context of the constructions: a sermon
/// against betting that names it with `dosa` and `jangan`): where the model reads the sentence as clearly lawful, the
/// post is published (written for this test, in none of the corpora). An advert that opens with an opposing word
/// ("Bahaya kalau nggak ikut!") and a bookmaker who mocks sin stay held: the model reads them as harmful; a phone
/// number keeps the post from being released at all; so do the limits of the release for profanity, which a review
/// (2026-12-06, 60 harmful probes) showed are needed here too (a sentence over 20 words, or one that names someone:
/// its padded probes, a greeting or a notice joined to the harm with commas and one cheap context word, got 15 of 60
/// published without the limits, none with them). A second review: a block of one rule that only the model capped (a
/// preacher's advice, a gambler who quit, a threat in quotation marks next to any context word) is not a doubt of the
/// rules, and stays held.
#[test]
fn a_hold_the_rules_doubted_is_released() {
    let rules = Moderator::default().without_hold_model();
    let m = Moderator::default();
    assert!(m.hold_model().is_some_and(|h| h.release_capped() > 0.0));
    let sermon = "Pendeta mengingatkan jemaat bahwa taruhan bola itu dosa, jangan ikut-ikutan walau cuma iseng.";
    let v = rules.check(sermon);
    assert_eq!(v.decision, Decision::Hold);
    assert!(
        v.matches
            .iter()
            .all(|x| x.action != Action::Hold || x.softened_by.is_some())
    );
    assert_eq!(model_only_holds(&rules, &m, sermon), Second::Released);
    assert_eq!(m.check(sermon).decision, Decision::Allow);
    // Blocks that only the model caps, and a quoted threat: held, not published.
    for text in [
        "Pak ustaz berpesan agar pemuda masjid tidak ikut-ikutan taruhan bola selama piala dunia.",
        "Tetangga kami berhenti main slot setelah utangnya menumpuk, sekarang ikut pengajian tiap malam.",
        "\"kubunuh kau besok pagi\" jangan",
    ] {
        assert_ne!(rules.check(text).decision, Decision::Allow, "{text}");
        assert_eq!(m.check(text).decision, Decision::Hold, "{text}");
    }
    for text in [
        "Bahaya kalau nggak ikut! Situs slot gacor terpercaya, deposit 10rb langsung main",
        "Dosa itu urusan nanti, yang penting malam ini pasang togel di bandar kami, pasti tembus",
        "Jangan main di situs lain, gabung slot gacor kami aja, deposit 10 ribu",
        "Pendeta bilang taruhan bola itu dosa, tapi bandar kami tetap buka, hubungi 0812 3456 7890",
        // Two of the review's probes: a notice or a greeting joined to the harm in one long sentence.
        "Assalamualaikum bapak ibu warga RT 04, mengingatkan kerja bakti Minggu pagi dan posyandu hari Selasa, sekalian \
         kata pak ustadz judi itu dosa jadi jangan main slot gacor sembarangan, kalau memang mau cari yang jelas \
         bayarnya seperti JAYA303, saya sendiri sudah tiga kali cair di sana.",
        "Info warga, jadwal posyandu dan kerja bakti tetap seperti biasa, bagi bapak-bapak yang kesepian open bo daerah \
         kecamatan bisa kontak nomor di profil aku.",
    ] {
        assert_ne!(m.check(text).decision, Decision::Allow, "{text}");
        assert_ne!(
            model_only_holds(&rules, &m, text),
            Second::Released,
            "{text}"
        );
    }
}

/// The second opinion reads the sentence around each blocking match, not the whole post: an advert appended to a
/// notice is a sentence of its own, and the notice does not speak for it. Found by a review (2026-12-05): scored
/// whole, these were held. A text with a right-to-left override keeps its block too (the model would read its bytes
/// in the wrong order).
#[test]
fn an_advert_appended_to_a_notice_stays_blocked() {
    let rules = Moderator::default().without_hold_model();
    let m = Moderator::default();
    let notice = "Kegiatan posyandu Desa Perian dilaksanakan Sabtu pukul 08.00 di balai desa, warga diminta membawa KMS \
                  dan buku KIA anak masing-masing.";
    for text in [
        "Kerja bakti membersihkan selokan hari Minggu pagi, mohon bawa cangkul. bandar togel terpercaya".to_owned(),
        "Info warga: jadwal ronda malam minggu ini pos RT 03. Gabung situs88 sekarang".to_owned(),
        format!("{notice} slot gacor"),
        format!("{notice}\ndaftar di situs88.com sekarang"),
        format!("bandar togel terpercaya! {notice}"),
    ] {
        assert_eq!(rules.check(&text).decision, Decision::Block, "{text}");
        assert_eq!(model_only_holds(&rules, &m, &text), Second::Same, "{text}");
    }
    // The news of a threat, capped on its own, keeps that cap after another sentence; reversed for display, it
    // blocks.
    let news = "Seorang warga mengancam akan membakar balai desa lewat status Facebook karena namanya tidak masuk \
                daftar penerima bantuan.";
    assert_eq!(
        model_only_holds(&rules, &m, &format!("{notice} {news}")),
        Second::Capped
    );
    let reversed: String = format!("\u{202E}{}", news.chars().rev().collect::<String>());
    assert_eq!(rules.check(&reversed).decision, Decision::Block);
    assert_eq!(model_only_holds(&rules, &m, &reversed), Second::Same);
}

/// A NIK blocks whatever the model says of the text around it (docs/domain.md §5), and so does a post that rules of
/// two categories block: the report with a NIK in it stays blocked, and so do a raid report and a court report that
/// are each capped on their own, once they are one post (gambling and a threat). A posyandu notice followed by a
/// gambling advert stays blocked too: the model reads the advert's sentence as harmful.
#[test]
fn a_nik_or_blocks_of_two_categories_block_whatever_the_model_says() {
    let rules = Moderator::default().without_hold_model();
    let m = Moderator::default();
    let report = "Seorang warga ditangkap karena mengancam akan membakar balai desa lewat status Facebook. Kepada \
                  penyidik ia mengaku kecewa karena namanya tidak masuk daftar penerima bantuan.";
    let raid = "Ditreskrimsus membongkar jaringan agen judi online yang merekrut admin dari kalangan mahasiswa.";
    let court = "Saksi: terdakwa teriak 'kubunuh kau' sebelum menusuk.";
    for alone in [raid, court] {
        assert_eq!(
            model_only_holds(&rules, &m, alone),
            Second::Capped,
            "{alone}"
        );
    }
    for text in [
        format!("{report} NIK 6402011203850001."),
        "Kegiatan posyandu Desa Perian dilaksanakan Sabtu pukul 08.00 di balai desa. Warga diminta membawa KMS. \
         Promo UMKM keripik pisang, pesan lewat WA. slot gacor maxwin deposit pulsa!"
            .to_owned(),
        format!("{raid} {court}"),
    ] {
        let v = m.check(&text);
        assert_eq!(v.decision, Decision::Block, "{text}");
        assert!(v.matches.iter().all(|x| x.softened_by.as_ref().map(kim_core::moderation::Text::as_str) != Some("hold-model")));
        assert_eq!(model_only_holds(&rules, &m, &text), Second::Same);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Any text, including emoji, mixed scripts and a final sigma.
    #[test]
    fn the_model_only_holds_any_text(text in "[ a-zA-Z0-9.,!?@#ÀéñΣσ😀🙏\n-]{0,80}") {
        static M: std::sync::OnceLock<(Moderator, Moderator)> = std::sync::OnceLock::new();
        let (rules, m) = M.get_or_init(|| (Moderator::default().without_hold_model(), Moderator::default()));
        model_only_holds(rules, m, &text);
    }
}

/// Health hoaxes the rules allow (written for this test, in none of the corpora) are held by the model as `hoaks` and
/// flagged for a fact-check, as a hoax rule would.
#[test]
fn a_hoax_held_by_the_model_asks_for_a_fact_check() {
    let rules = Moderator::default().without_hold_model();
    let m = Moderator::default();
    let mut seen = 0;
    for text in [
        HARMFUL,
        "Kabarnya air sumur di tiga dusun sudah tercemar limbah pabrik, warga disuruh berhenti minum, sebarkan ke grup keluarga.",
        "Info dari perawat puskesmas: vaksin campak yang baru bikin anak lumpuh, jangan bawa anak ke posyandu bulan ini.",
    ] {
        let v = m.check(text);
        if rules.check(text).decision == Decision::Allow && v.categories == [Category::Hoaks] {
            assert!(v.fact_check, "{v:?}");
            seen += 1;
        }
    }
    assert!(seen > 0, "no hoax held by the model alone");
}
#[test]
fn a_model_file_round_trips() {
    let m = HoldModel::from_bytes(kim_core::moderation::BUILTIN_HOLD_MODEL).unwrap();
    let s = m.score(HARMFUL);
    assert!(s.harmful > m.threshold());
    let sum: f64 = s.probabilities.iter().sum();
    assert!((sum - 1.0).abs() < 1e-9);
}

/// A long text is scored in stretches of at most `MODEL_STRETCH` bytes (which bounds a check's memory): a page of
/// calm hoaxes after 100 KB of lawful announcements is held, with its words pointing into the hoaxes; the
/// announcements alone are not held. (A single hoax sentence inside a long lawful stretch is diluted, as in a post.)
#[test]
fn long_texts_are_scored_in_stretches() {
    use kim_core::moderation::MODEL_STRETCH;
    let m = Moderator::default();
    let lawful = "Kerja bakti membersihkan saluran air RT 03 hari Minggu pagi, warga diharap membawa cangkul. ";
    let long = lawful.repeat(100_000 / lawful.len());
    assert!(long.len() > 10 * MODEL_STRETCH);
    assert_eq!(m.check(&long).decision, Decision::Allow);
    let at = long.len();
    let text = long + &format!("{HARMFUL} ").repeat(MODEL_STRETCH / HARMFUL.len() + 1);
    let v = m.check(&text);
    let hit = v
        .matches
        .iter()
        .find(|x| x.rule_id == "model-hold")
        .unwrap();
    assert_eq!(v.decision, Decision::Hold);
    assert!(
        hit.parts
            .iter()
            .all(|p| p.start >= at - MODEL_STRETCH && p.end <= text.len())
    );
    assert!(hit.parts.iter().any(|p| p.start >= at), "{hit:?}");
    // Stretches are cut at whitespace or a character boundary, never inside a character.
    let wide = "é".repeat(3 * MODEL_STRETCH) + " " + HARMFUL;
    assert!(
        m.check(&wide)
            .matches
            .iter()
            .all(|x| wide.is_char_boundary(x.start) && wide.is_char_boundary(x.end))
    );
}
