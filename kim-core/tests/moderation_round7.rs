//! Round 7 of issue 16 (`kim-core/lexicon/constructions.tsv`, section "round 7"; exempt phrases at the end of
//! `default.tsv`): reporting on a harm is told from the harm. Each context softens a text that names the harm to report,
//! refuse or play with it, and leaves the harm itself, which borrows the same words, blocked. The sentences were
//! written for these tests; none is taken from the corpora.

use kim_core::moderation::{Action, Decision};

#[path = "common/rules_only.rs"]
mod rules_only;
use rules_only::{expect, moderator, softened_by};

/// Class `reporting` (reported speech: mengancam, mengaku; arrests and charges): a report of a threat is not the
/// threat; a threat that names the police, or speaks in the first person, still blocks.
#[test]
fn a_reported_threat_is_not_the_threat() {
    let v = moderator().check(
        "Polisi menangkap seorang pria yang mengancam akan membakar rumah tetangganya lewat pesan WhatsApp. Di depan \
         penyidik ia mengaku sakit hati soal batas tanah.",
    );
    assert_eq!(v.decision, Decision::Allow, "{:?}", v.matches);
    assert_eq!(softened_by(&v, "ancam-niat"), Some("reporting"));
    expect(
        Decision::Block,
        &[
            "Awas kau, polisi pun tak akan bisa menolong. Besok kubakar rumahmu.",
            "Lapor polisi saja sana, aku tetap akan bakar kantor desa kalian malam ini.",
        ],
    );
}

/// Three reporting markers make a story even if it quotes a link or a sum (a promoter arrested for spreading links);
/// sanctions and hacked sites are reporting words. An advert that names the police keeps its own phrases and blocks.
#[test]
fn gambling_news_that_quotes_links_and_sums() {
    expect(
        Decision::Allow,
        &[
            "Seorang operator judi daring ditangkap polres karena mempromosikan link slot di grup WA. Ia mengaku \
             dibayar 3 juta sebulan.",
            "Berita kabupaten: puluhan situs sekolah diretas dan disisipi iklan slot gacor. Dinas meminta admin situs \
             memperbarui sandi.",
            "Dinas Sosial mencoret penerima bantuan yang memakai rekening bantuan untuk deposit judi online.",
        ],
    );
    expect(
        Decision::Block,
        &[
            "Situs slot gacor paling gacor, polisi pun tidak bisa blokir, daftar sekarang bosku, link di bio!",
            "Ayo deposit judi online sekarang, bonus new member 100%, daftar di link bio bosku.",
        ],
    );
}

/// Class `advice`: two warnings addressed to potential victims (tips, block, do not pay, keep the evidence, tell your
/// parents) soften a sexual offer, an extortion or a scam they describe; the offer or the extortion itself, which
/// borrows a warning ("jangan bilang orang tua", "jangan lapor polisi"), still blocks.
#[test]
fn advice_to_victims_is_not_the_harm() {
    for (text, id) in [
        (
            "Tips untuk anak-anak: kalau ada orang asing di game online minta VCS, langsung blokir dan bilang ke \
             orang tua.",
            "susila-vcs",
        ),
        (
            "Hati-hati penipuan: kalau ada yang mengancam menyebar foto kecuali ditransfer uang, jangan bayar dan \
             simpan bukti chatnya.",
            "peras-syarat",
        ),
    ] {
        let v = moderator().check(text);
        assert_eq!(v.decision, Decision::Allow, "{text}: {:?}", v.matches);
        assert_eq!(softened_by(&v, id), Some("advice"), "{text}");
    }
    // "akunnya" (the account) is not the speaker "aku": advice to block an account stays advice.
    expect(
        Decision::Allow,
        &[
            "Kalau ada kenalan yang meminta VCS, segera blokir akunnya dan ceritakan kepada orang tua.",
        ],
    );
    expect(
        Decision::Block,
        &[
            "Tips dapat cuan: aku buka VCS, DM aja, dijamin aman, jangan bilang orang tua ya.",
            "Transfer 2 juta sekarang, kalau tidak foto kamu kusebar. Jangan lapor polisi, hati hati ya.",
        ],
    );
}

/// Class `scamlabel`: a scam named as a scam is a warning; an advert that calls itself "bukan penipuan" is not.
#[test]
fn a_scam_named_as_a_scam() {
    expect(
        Decision::Allow,
        &[
            "Ciri pinjol ilegal: menagih dengan ancaman dan minta akses kontak. Itu penipuan, laporkan ke OJK.",
        ],
    );
    expect(
        Decision::Block,
        &[
            "Pinjaman cair 1 jam tanpa jaminan, bukan penipuan, dijamin aman, WA admin 0812-5555-1212 klik link di \
             bio.",
        ],
    );
}

/// Class `sport`: trash talk about a match (two markers) is flagged, one marker caps a threat at hold; a weapon or
/// "your house" keeps the block.
#[test]
fn trash_talk_about_a_match_is_not_a_threat() {
    for text in [
        "Besok kita bantai tim voli kampung sebelah di lapangan, skor harus telak!",
        "Sabtu ini kita hajar mereka di babak pertama, pelatih sudah siapkan strategi.",
    ] {
        let v = moderator().check(text);
        assert_eq!(v.decision, Decision::Allow, "{text}: {:?}", v.matches);
        assert_eq!(softened_by(&v, "ancam-niat"), Some("sport"), "{text}");
    }
    expect(
        Decision::Block,
        &[
            "Habis pertandingan nanti gue bacok lu pakai golok, tunggu aja di lapangan.",
            "Tim sebelah bilang mau hajar kita, tunggu aja rumahmu kubakar habis pertandingan.",
        ],
    );
}

/// Exempt phrases: a cook-out ("bakar-bakar") is not arson and "dokumen penting" in a disaster kit is not leverage;
/// the threat and the extortion with the same verbs still block.
#[test]
fn cook_outs_and_emergency_kits() {
    expect(
        Decision::Allow,
        &[
            "Nanti malam bakar-bakar ikan di rumahku ya, bawa sambal.",
            "Siapkan tas siaga berisi dokumen penting dan obat-obatan sebelum banjir datang.",
        ],
    );
    expect(
        Decision::Block,
        &[
            "Nanti malam kubakar rumahmu sampai rata dengan tanah.",
            "Aku punya dokumen rahasiamu, siapkan 10 juta besok pagi.",
        ],
    );
}

/// A pet named as a pet, and a lost pet's owner giving a number, are allowed; an insult and a number given out to be
/// harassed still hold.
#[test]
fn pets_and_lost_pet_notices() {
    expect(
        Decision::Allow,
        &[
            "Anjing kami si Coklat pintar sekali menggonggongi orang asing.",
            "Kucing abu-abu kami hilang sejak Senin, tolong kabari 0812-3456-7788 kalau melihatnya.",
        ],
    );
    let v = moderator().check("Ini nomor si Rina 0812-3456-7788, teror aja sampai dia kapok.");
    assert_eq!(v.decision, Decision::Hold, "{:?}", v.matches);
    assert!(
        v.matches
            .iter()
            .any(|m| m.rule_id == "pd-phone" && m.action == Action::Hold)
    );
    expect(Decision::Hold, &["Kamu itu anjing, dasar anjing kampung!"]);
}

/// Pairs of (softened, kept) texts for the second part of round 7: negated shares, a theft reported at a place of
/// worship, "teruskan ASI", warnings about stolen data, the law on doxing explained, chain messages denied, a
/// community tournament, a burglary reported by its victims. The first of each pair is allowed, the second still holds.
#[test]
fn warnings_and_reports_that_borrow_the_words_of_the_harm() {
    for (allowed, held) in [
        (
            "Hati-hati di grup keluarga: jangan bagikan foto KTP atau KK ke siapa pun.",
            "Bagikan foto KTP si Anto ini ke semua grup, biar semua tahu.",
        ),
        (
            "Terjadi pencurian sandal di teras masjid saat salat Isya, simpan sandal di rak dalam.",
            "Orang Madura itu pencuri semua, jangan kasih kerja.",
        ),
        (
            "Anak yang diare tetap diberi oralit, teruskan ASI, dan segera ke puskesmas bila lemas.",
            "Vaksin campak bikin anak mandul, teruskan pesan ini ke semua grup!",
        ),
        (
            "Waspada: pesan berisi link \"undian berhadiah\" bisa mencuri data HP. Jangan klik link dari nomor asing.",
            "Selamat anda terpilih dapat hadiah 5 juta, klik link di bawah untuk klaim sekarang!",
        ),
        (
            "Doxing adalah menyebar alamat dan nomor HP orang tanpa izin, dan pelakunya bisa dijerat UU Pelindungan \
             Data Pribadi.",
            "Saya sebar alamat si Dodi tanpa izin, Jl Kenanga 3 RT 02, datangi aja rame-rame biar kapok.",
        ),
        (
            "Pesan berantai soal tsunami malam ini tidak pernah dikeluarkan BMKG. BMKG memastikan tidak ada \
             peringatan tsunami.",
            "Tsunami besar malam ini, BMKG sembunyikan! Sebarkan ke semua grup sebelum dihapus!",
        ),
        (
            "Turnamen futsal piala kades, hadiah total 3 juta, daftar di balai desa.",
            "Selamat anda terpilih dapat hadiah 5 juta, klik link di bawah untuk klaim sekarang!",
        ),
        (
            "Rumah Pak Darto kemasukan maling semalam, pelakunya belum diketahui, sudah lapor ke polsek.",
            "Pak Darto itu maling, sebarkan biar warga tahu!",
        ),
    ] {
        expect(Decision::Allow, &[allowed]);
        expect(Decision::Hold, &[held]);
    }
}

/// Rule `judi-bandar-kami`: one's own gambling house ("bandar kami", "lapak kami") with a game or a call to play
/// holds; a village site reporting that it was hacked with slot ads, and a food stall, are allowed.
#[test]
fn ones_own_gambling_house() {
    expect(
        Decision::Hold,
        &["Malam ini pasang angka di bandar kami, bayaran paling tinggi se-kabupaten."],
    );
    expect(
        Decision::Allow,
        &[
            "Situs kami diretas dan disisipi iklan slot, tim IT sudah menghapusnya dan melapor ke polisi.",
            "Lapak kami buka sampai jam 9 malam, sedia gorengan dan kopi.",
        ],
    );
}
