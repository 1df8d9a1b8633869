//! The rules added in round 5 of issue 16: a text where each fires (with the words of some of its parts) and a near
//! miss where it stays silent; read by `every_rule_fires_with_its_parts_and_stays_silent_on_a_near_miss`.

pub const FIRES: &[(&str, &str, &[&str], &str)] = &[
    (
        "ancam-lukai",
        "Kurobek mulutmu kalau berani fitnah aku lagi",
        &["mulutmu"],
        "Aku robek kertasnya ya, kamu tulis ulang",
    ),
    (
        "ancam-milik",
        "Kami akan merusak rumahmu malam ini, tunggu saja",
        &["Kami", "rumahmu"],
        "Kami akan memperbaiki rumahmu minggu depan, tunggu saja",
    ),
    (
        "ancam-milik-pasif",
        "Tunggu aja, motormu bakal dibakar malam ini",
        &["motormu", "dibakar"],
        "Tunggu aja, motormu bakal dicuci malam ini",
    ),
    (
        "ancam-nyawa-kamu",
        "Sekali lagi lapor polisi, kubuat kau masuk rumah sakit",
        &["kau", "masuk rumah sakit"],
        "Pakde masuk rumah sakit tadi siang, gantian jaga ya",
    ),
    (
        "judi-lomba-hewan",
        "Karapan sapi Minggu, taruhan minimal sejuta, japri saya",
        &["taruhan", "Karapan"],
        "Karapan sapi Minggu, hadiah piala bupati, ayo nonton",
    ),
    (
        "ancam-nyawa-dia",
        "Pak Kades bakal masuk rs minggu ini, camkan itu",
        &["masuk rs", "bakal"],
        "Pak Kades masuk rs minggu ini, mohon doanya",
    ),
    (
        "ancam-hasut",
        "Habisi dia di jalan, tak perlu ampun",
        &["Habisi", "tak perlu ampun"],
        "Habiskan nasinya dulu, tak perlu buru-buru",
    ),
    (
        "ancam-syarat-lukai",
        "Kalau bendungan tetap dibangun, kami ledakkan alat beratnya",
        &["Kalau"],
        "Tim kami pecahkan rekor, kamu harus lihat",
    ),
    (
        "hoaks-cemar",
        "Daging ayam di pasar disuntik formalin, 20 orang di kecamatan kita sudah meninggal",
        &["disuntik formalin", "sudah meninggal"],
        "Daging ayam di pasar naik harganya, 20 orang antre sejak pagi",
    ),
    (
        "sara-hasut",
        "Ayo warga, kita sisir rumah orang-orang Ambon malam ini",
        &["Ambon"],
        "Ayo warga, kita sisir selokan di RT kita malam ini",
    ),
    (
        "spam-pinjol-kontak",
        "Dana talangan cepat untuk PNS. Proses 1 jam, WA 0812-9034-6618",
        &["Dana talangan", "Proses 1 jam"],
        "KUR BRI untuk UMKM, bunga ringan, info di kantor cabang",
    ),
    (
        "kasar-banding-kamu",
        "Lu tuh kaya kecoa, dimana2 ada dan bikin jijik",
        &["kecoa"],
        "Kamu tahu kecoa bisa hidup berminggu-minggu tanpa makan",
    ),
    (
        "ancam-tahu-bapak",
        "Pak Kades, hati-hati pulang malam. Kami tahu rumah bapak dan sekolah anak bapak",
        &["Kami tahu", "rumah bapak"],
        "Pak Kades, kami tahu rumah bapak jauh, nanti undangan kami antar",
    ),
    (
        "cemar-tuduh-nama",
        "Pak Camat Harjono terima suap dari pengembang perumahan",
        &["terima suap"],
        "Pak Camat Harjono menerima penghargaan dari pengembang perumahan",
    ),
    (
        "hoaks-klaim",
        "Gunung Merapi akan meletus besar besok subuh, kosongkan desa radius 30 km",
        &["akan meletus", "kosongkan"],
        "PVMBG: status Gunung Merapi Siaga, warga diminta menjauhi radius 3 km",
    ),
];
