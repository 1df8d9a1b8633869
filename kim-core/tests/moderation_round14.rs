//! Round 14 of issue 16 (`kim-core/lexicon/constructions.tsv`), after two reviews (80 and 70 probes written to break
//! it) and a read of the finished change: the bare word `rusak` ("broken") is no longer a violent verb on its own, so complaints about a broken
//! fridge or a flooded house are not threats; `rusak` with the reader's thing next to it (`rusak rumahmu`), what the
//! reader owns before "kami rusak", and "I make sure" with "rumah lo rusak" still are. The sport word `timnas`, the
//! opposing words `dikick` and `dikeluarkan dari grup`, the refusal words `mendiskualifikasi` and `bebas taruhan`, and
//! the reporting word `pengedar` join their classes. The sentences were written for these tests or by the review; none
//! is taken from the corpora.

use kim_core::moderation::Decision;

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::{expect, moderator, not_allowed};

/// Broken things, damaged houses, an accident with a laptop: no threat, whoever owns them.
#[test]
fn broken_is_not_a_threat() {
    expect(
        Decision::Allow,
        &[
            "Listrik padam tiga kali minggu ini, kulkas warung saya sampai rusak. Mohon PLN perhatikan.",
            "Rumah kami rusak diterjang banjir semalam, mohon bantuan terpal.",
            "Mobil kami rusak di tanjakan dekat balai desa, ada bengkel yang buka?",
            "Nanti matanya rusak kalau main HP terus sampai subuh, Nak.",
            "Gue rusak laptop kantor gara-gara ketumpahan kopi, malu banget.",
            "Kami boikot pemilu kalau jalan tetap rusak.",
            // The read of the finished change: possessives, "tak" (not), a warning, an earthquake, sympathy.
            "Pinjam HP kamu dong, HP saya rusak.",
            "Untung mobilmu tak rusak kena banjir kemarin.",
            "Nanti HPmu rusak kalau main terus sampai malam.",
            "Gempa rusak rumah kami semalam, dapur roboh.",
            "Saya sedih rumahmu hancur kena gempa, semoga cepat dibangun lagi.",
            "Sudah bayar servis 300 ribu, kulkas tiba-tiba rusak lagi, teknisi tidak tanggung jawab.",
        ],
    );
}

/// `rusak` as the verb of a threat, with its object beside it, after what the reader owns, or foretelling what the
/// reader owns broken: never allowed.
#[test]
fn wrecking_what_you_own_is_still_a_threat() {
    not_allowed(&[
        "Kami akan rusak rumahmu malam ini",
        "Ane rusak tokomu besok",
        "Sekali lagi kamu posting video itu, mobilmu kami rusak sekalian",
        "Namamu kami rusak di grup kalau tidak bayar",
        "Gua pastiin rumah lo rusak parah malam ini",
        "Gw rusak mobil lo kalo masih parkir depan rumah gw",
        "Torang rusak ngana pe oto kalau ngana lapor",
    ]);
}

/// A sum demanded or else "broken one by one" is extortion.
#[test]
fn broken_one_by_one_after_a_demand_is_extortion() {
    expect(
        Decision::Block,
        &["Transfer 3 juta hari ini atau tokomu rusak satu satu"],
    );
    // The review's probe: servicing advice is not extortion ("bisa rusak" alone is not a harm word).
    expect(
        Decision::Allow,
        &["Bayar servis AC tiap enam bulan, kalau tidak kompresornya bisa rusak."],
    );
    // Nor is a parking sign's disclaimer.
    expect(
        Decision::Allow,
        &["Parkir Rp2.000, kehilangan helm dan barang di motor kami tidak tanggung."],
    );
}

/// Trash talk at a screening of the national team is not blocked (`timnas` is one sport word: a threat next to it holds
/// at most); a threat at the same screening is still not allowed. (`nobar` is not a second sport word: with two, "Nobar
/// timnas malam ini, abis itu kantor desa kita bakar" was allowed.)
#[test]
fn timnas_is_sport() {
    expect(
        Decision::Hold,
        &["Nobar timnas di pos ronda nanti malam, semoga kita habisi mereka 3-0!"],
    );
    not_allowed(&[
        "Nobar bareng ya bro, bawa celurit, abis itu kita habisi mereka di parkiran",
        "Timnas menang atau kalah, malam ini kantor desa kita bakar",
        "Nobar timnas malam ini, abis itu kantor desa kita bakar",
    ]);
}

/// An admin who removes gambling spammers, a contest without bets, a bust of counterfeiters: not gambling adverts or
/// extortion, so never blocked (the gambling ones still go to a moderator).
#[test]
fn removing_refusing_and_busting_are_not_the_harm() {
    for text in [
        "Min, grup WA desa kemasukan nomor asing nyebar link slot. Udah dikick ya?",
        "Lomba layangan antar RW tahun ini bebas taruhan; panitia akan mendiskualifikasi yang ketahuan pasang uang.",
        "Admin: siapa pun yang ajak main judi online langsung kami kick.",
    ] {
        let v = moderator().check(text);
        assert_ne!(v.decision, Decision::Block, "{text}: {:?}", v.matches);
    }
    expect(
        Decision::Allow,
        &[
            "Jaringan pengedar uang palsu dibongkar polisi, barang bukti lembaran Rp 100 ribu senilai 120 juta.",
        ],
    );
}

/// Suicide named in prevention notices, sermons and news is not a threat (`bunuh diri` is an exempt phrase); telling
/// someone to kill themselves is an insult, and a suicide bombing announced is a threat.
#[test]
fn suicide_prevention_is_not_a_threat() {
    expect(
        Decision::Allow,
        &[
            "Kalau kamu punya pikiran bunuh diri, kamu tidak sendirian. Hubungi layanan kesehatan jiwa di puskesmas.",
            "Penyuluh agama mengingatkan: bunuh diri bukan jalan keluar, dampingi saudara yang putus asa.",
            "Seorang bapak di kampung sebelah bunuh diri karena utang judi. Kalau ada keluarga kecanduan, cari bantuan.",
        ],
    );
    expect(
        Decision::Hold,
        &[
            "Ngapain hidup, mending bunuh diri aja lu",
            "Bunuh diri aja kau, sampah",
            "Udah lu gantung diri aja sana",
        ],
    );
    expect(
        Decision::Block,
        &["Kami akan lakukan bom bunuh diri di gereja itu minggu depan"],
    );
}

/// A scam named a scam, and "do not click", in regional voices (two advice words, or a scam label, soften spam).
#[test]
fn regional_scam_warnings() {
    expect(
        Decision::Allow,
        &[
            "Jangan maklik link hadiah, itu panipuan.",
            "Awas SMS hadiah dari nomor asing: ojo diklik, jangan diisi datanya.",
        ],
    );
}
