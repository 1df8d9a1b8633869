//! Round 20 of issue 16 (`kim-core/lexicon/constructions.tsv`, a line kind `mention`, 2026-12-06, twelfth session):
//! sermons, lessons and school rules that name an insult in quotation marks to condemn it were held, because the
//! insult matched as if it were used ("santri yang memanggil temannya "goblok" wajib minta maaf"). A `mention` line
//! flags what stands inside a quotation that a naming word introduces (`memanggil`, `menyebut`, `dijuluki`, `ejekan`,
//! `kata-kata`, ... up to 5 words before the opening mark, in the same sentence) in a post that condemns it (`jangan`,
//! `dilarang`, `perundungan`, `sanksi`, ...), unless the post addresses someone, speaks for itself, endorses the name
//! or asks to spread it outside quotation marks, or the quotation aims the word at someone. A review of a first
//! version without the condemnation cue got 69 insults at named people published ("Pak Kades dipanggil "goblok" sama
//! warga"); its probes are below. The sentences were written for these tests; none is taken from the corpora.

use kim_core::moderation::{Decision, Grammar, Lexicon, Moderator};

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::{expect, moderator, not_allowed, softened_by};

/// An insult or a slur named to condemn it, in a lesson, a sermon or a school rule, is allowed and says why.
#[test]
fn an_insult_named_in_quotation_marks_is_a_mention() {
    let texts = [
        "Bu Guru menjelaskan: memanggil teman \"goblok\" atau \"gendut\" itu perundungan.",
        "Sekolah melarang siswa memanggil temannya \"bego\" atau \"cebol\"; pelanggar dapat sanksi.",
        "Khatib mengingatkan jamaah agar berhenti menyebut tetangga \"kafir\" di grup WhatsApp.",
        "Pesantren menghukum santri yang mengejek temannya \"bego\" dengan tugas membersihkan masjid.",
        "Pemateri menjelaskan, kata-kata seperti \u{201c}tolol\u{201d} di kolom komentar termasuk perundungan siber.",
    ];
    expect(Decision::Allow, &texts);
    let v = moderator().check(texts[0]);
    assert_eq!(
        softened_by(&v, "kasar-goblok"),
        Some("mention"),
        "{:?}",
        v.matches
    );
}

/// The same insult used: aimed at someone addressed, by the poster, endorsed, or outside the quotation marks.
#[test]
fn an_insult_used_is_not_a_mention() {
    not_allowed(&[
        "Kupanggil kau \"goblok\" biar sadar",
        "Pak Darto pantas dipanggil \"goblok\"",
        "Dasar Darto, semua orang menyebutmu \"tolol\"",
        "Aku sebut dia \"goblok\" di depan semua orang",
        "Semua menyebut Pak Kades goblok, memang goblok dia",
        // No condemnation: a report of what people call someone is not a lesson (review of the first version).
        "Pak Kades dipanggil \"goblok\" sama warga",
        "Bu Rina dicap \u{ab}lonte\u{bb} oleh ibu-ibu arisan",
        // A condemnation word, but the quotation aims the word at someone, or the post asks to spread it.
        "Warga dilarang diam: menyebut \"Pak Kades goblok\" itu hak kita",
        "Jangan lupa, Pak Kades dipanggil \"goblok\" sama warga, sebarkan",
        // A second review's probes: a condemnation word in another sentence, a named object, a pronoun, a handle,
        // a subject pointed at, a vocative.
        "Menghina itu dosa. Tapi Pak Kades dijuluki \"goblok\" oleh seluruh warga",
        "Jangan sebut Bu Rina \"lonte\" keras-keras, nanti tarifnya naik",
        "Pak Kades? Warga menyebutnya \"goblok\". Jangan dibela",
        "Warga menyebut \"@darto_rt05 goblok\", jangan dibela",
        "Ustadz baru di masjid itu dijuluki \"kadrun\" oleh jamaah, jangan dibela",
        "Gan, warga menjuluki juragan \"tolol\", jangan baper",
        "pk kades dipanggil \"tolol\" sm wrg, stop bela",
    ]);
    // A naming word after the quotation, or in another sentence, does not introduce it.
    not_allowed(&[
        "\"Goblok\" Pak Darto itu, sebutan warga, jangan ditiru",
        "Pelajaran hari ini: jangan mengumpat \"bangsat\". Contohnya Pak Kades \"bangsat\" itu",
    ]);
    // Only the quotation is softened: an insult outside it still counts.
    let v = moderator().check("Warga menyebut Pak Kades \"maling\", Pak Kades memang bangsat");
    assert_ne!(v.decision, Decision::Allow, "{:?}", v.matches);
}

/// A threat is not an insult: a naming word before a quoted threat does not soften it.
#[test]
fn a_mention_softens_only_its_categories() {
    not_allowed(&["Darto, warga menyebut \"kubakar rumahmu malam ini\""]);
}

/// `mention` lines parse in a user's grammar, and act only inside introduced quotations.
#[test]
fn mention_lines_parse_in_a_users_grammar() {
    let mut g = Grammar::builtin();
    g.extend_tsv(
        "class\tsayur\tkangkung | bayam\nclass\tbusuk\tbusuk | layu\nclass\tresep\t=resep | =menu\n\
         rule\tsayur-busuk\tspam\tlow\thold\t3\tsayur busuk\n\
         class\tsuka\t=enak | =lezat\n\
         mention\tsayur-busuk\tresep+suka\t1\t-\ta menu item named\n",
    )
    .unwrap();
    let last = g.softeners().last().unwrap();
    assert!(last.in_quotation);
    let m = Moderator::with_grammar(Lexicon::builtin(), g)
        .unwrap()
        .without_hold_model();
    assert_eq!(m.check("kangkung itu busuk semua").decision, Decision::Hold);
    assert_eq!(
        m.check("resep \"kangkung busuk\" enak").decision,
        Decision::Allow
    );
    // The context word anywhere else does not help: only before the quotation.
    assert_eq!(
        m.check("kangkung itu busuk semua, resep lain saja")
            .decision,
        Decision::Hold
    );
}
