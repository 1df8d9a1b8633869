//! The shared vocabulary of KIM records: statuses, KIM types, SK issuers, media, evidence kinds, sex, member roles
//! and occupation categories (docs/domain.md §3, §5).
//!
//! These enums are what the registry stores, what rule profiles name and what errors report, so they live below all
//! three. Each reads its snake_case name and the legacy aliases listed on its variants (`FromStr` and serde), and
//! writes the snake_case name. They are re-exported from [`crate::registry`], where most code finds them.
//!
//! ```
//! use kim_core::vocab::Status;
//! assert_eq!("aktif".parse::<Status>(), Ok(Status::Active)); // an Indonesian alias
//! assert_eq!(Status::Active.to_string(), "active");
//! assert_eq!("gone".parse::<Status>().unwrap_err().vocabulary, "Status");
//! ```

use std::fmt;

use serde::{Deserialize, Serialize};

/// A text that is none of the values of a vocabulary ([`Status`], [`Role`], …): the `FromStr` error of
/// every [`crate::vocab`] enum. The text itself is not kept (it may be personal data in the wrong column).
///
/// ```
/// use kim_core::registry::Status;
/// let err = "gone".parse::<Status>().unwrap_err();
/// assert_eq!((err.vocabulary, err.expected[0]), ("Status", "draft"));
/// assert!(err.to_string().starts_with("expected one of: draft, established"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ParseValueError {
    /// The vocabulary: the enum's name (`Status`, `Role`, `Media`, …).
    pub vocabulary: &'static str,
    /// Its values, as written in JSON and CSV (aliases are accepted too but not listed).
    pub expected: &'static [&'static str],
}

impl fmt::Display for ParseValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "expected one of: {}", self.expected.join(", "))
    }
}

impl std::error::Error for ParseValueError {}

impl From<ParseValueError> for String {
    fn from(e: ParseValueError) -> String {
        e.to_string()
    }
}

macro_rules! str_enum {
    ($(#[$m:meta])* $name:ident { $($(#[$vm:meta])* $v:ident = $s:literal $(| $alias:literal)*),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name { $($(#[$vm])* #[serde(rename = $s $(, alias = $alias)*)] $v),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            /// The snake_case name used in JSON and CSV.
            pub fn as_str(self) -> &'static str { match self { $($name::$v => $s),+ } }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }

        impl std::str::FromStr for $name {
            type Err = crate::vocab::ParseValueError;
            fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
                let key = s.trim().to_lowercase().replace([' ', '-', '/'], "_");
                match key.as_str() {
                    $($s $(| $alias)* => Ok($name::$v),)+
                    _ => Err(crate::vocab::ParseValueError {
                        vocabulary: stringify!($name),
                        expected: &[$($s),+],
                    }),
                }
            }
        }
    };
}

str_enum! {
    /// Status of a KIM in its lifecycle (names are our inference \[I\]; see [`crate::registry`] for the lifecycle).
    Status {
        /// Being formed; no SK yet.
        Draft = "draft",
        /// SK issued (F3).
        Established = "established" | "dibentuk" | "ditetapkan",
        /// Registered with the kab/kota Dinas (F4).
        Registered = "registered" | "terdaftar",
        /// Active.
        Active = "active" | "aktif",
        /// Inactive (*vakum*).
        Inactive = "inactive" | "vakum" | "tidak_aktif",
        /// Dissolved; final.
        Dissolved = "dissolved" | "bubar" | "dibubarkan",
    }
}

impl Status {
    /// True if the lifecycle allows `from → to` (`None`: the first recorded status, which may be anything).
    ///
    /// ```
    /// use kim_core::registry::Status::{self, *};
    /// assert!(Status::can_follow(Some(Active), Inactive));
    /// assert!(Status::can_follow(Some(Inactive), Active));
    /// assert!(!Status::can_follow(Some(Dissolved), Active));
    /// assert!(!Status::can_follow(Some(Draft), Active));
    /// ```
    #[must_use]
    pub fn can_follow(from: Option<Status>, to: Status) -> bool {
        use Status::{Active, Dissolved, Draft, Established, Inactive, Registered};
        match from {
            None => true,
            Some(Dissolved) => false,
            Some(_) if to == Dissolved => true,
            Some(f) => matches!(
                (f, to),
                (Draft, Established)
                    | (Established, Registered)
                    | (Registered | Inactive, Active)
                    | (Active, Inactive)
            ),
        }
    }
}

str_enum! {
    /// KIM type, Permenkominfo 4/2024 Pasal 23(2).
    KimType {
        /// (a) active in managing and disseminating information.
        Informasi = "informasi" | "a",
        /// (b) active in empowerment, also managing and disseminating information.
        Pemberdayaan = "pemberdayaan" | "b",
    }
}

str_enum! {
    /// Who signed the SK (decree) establishing the KIM.
    IssuerRole {
        /// Kepala desa (village head), or the local equivalent (wali nagari, keuchik, …).
        KepalaDesa = "kepala_desa" | "kades",
        /// Lurah (head of a kelurahan).
        Lurah = "lurah",
        /// Camat (head of a kecamatan).
        Camat = "camat",
        /// Bupati or walikota.
        BupatiWalikota = "bupati_walikota" | "bupati" | "walikota" | "wali_kota",
        /// Gubernur.
        Gubernur = "gubernur",
        /// Anyone else (a Dinas head, the KIM itself, a ketua RT, …).
        Other = "other" | "lainnya",
        /// Not recorded: the SK names no issuer.
        TidakDiketahui = "tidak_diketahui" | "unknown",
    }
}

impl IssuerRole {
    /// True for kepala desa, lurah or a higher head of government: "minimal" in Pasal 23(3)(c), read as "at least" \[I\].
    ///
    /// ```
    /// use kim_core::registry::IssuerRole;
    /// assert!(IssuerRole::Lurah.is_at_least_village_head() && IssuerRole::Camat.is_at_least_village_head());
    /// assert!(!IssuerRole::Other.is_at_least_village_head()); // e.g. a ketua RT: below the village head
    /// ```
    #[must_use]
    pub fn is_at_least_village_head(self) -> bool {
        !matches!(self, Self::Other | Self::TidakDiketahui)
    }
}

str_enum! {
    /// Media channels, Permenkominfo 4/2024 Pasal 16(2).
    Media {
        /// Print media.
        Cetak = "cetak" | "media_cetak",
        /// Broadcast.
        Penyiaran = "penyiaran",
        /// Online media.
        Online = "online",
        /// Social media.
        MediaSosial = "media_sosial" | "medsos",
        /// Outdoor media.
        LuarRuang = "luar_ruang",
        /// Face to face.
        TatapMuka = "tatap_muka" | "komunikasi_tatap_muka",
        /// Other.
        Lainnya = "lainnya" | "other",
    }
}

str_enum! {
    /// Kind of formation evidence (F1).
    EvidenceKind {
        /// Minutes of the formation meeting.
        BeritaAcaraMusyawarah = "berita_acara_musyawarah" | "berita_acara",
        /// Attendance list of the meeting.
        DaftarHadir = "daftar_hadir",
        /// Anything else.
        Other = "other" | "lainnya",
    }
}

str_enum! {
    /// Sex.
    Sex {
        /// Male (*laki-laki*).
        Male = "male" | "l" | "laki_laki" | "m",
        /// Female (*perempuan*).
        Female = "female" | "p" | "perempuan" | "f",
    }
}

str_enum! {
    /// A member's role.
    Role {
        /// Chair.
        Ketua = "ketua",
        /// Vice chair.
        WakilKetua = "wakil_ketua",
        /// Secretary.
        Sekretaris = "sekretaris",
        /// Treasurer.
        Bendahara = "bendahara",
        /// Unit for collecting information.
        BidangPengumpulan = "bidang_pengumpulan",
        /// Unit for processing information.
        BidangPengelolaan = "bidang_pengelolaan",
        /// Unit for distributing information.
        BidangPenyebaran = "bidang_penyebaran",
        /// Any other unit.
        BidangLain = "bidang_lain" | "bidang",
        /// Ordinary member.
        Anggota = "anggota" | "member",
    }
}

impl Role {
    /// Officers (*pengurus inti*): ketua, wakil ketua, sekretaris, bendahara.
    ///
    /// ```
    /// use kim_core::registry::Role;
    /// assert!(Role::Bendahara.is_officer());
    /// assert!(!Role::Anggota.is_officer());
    /// ```
    #[must_use]
    pub fn is_officer(self) -> bool {
        matches!(
            self,
            Self::Ketua | Self::WakilKetua | Self::Sekretaris | Self::Bendahara
        )
    }
}

str_enum! {
    /// Occupation category, as overlays need it (e.g. Kutai Kartanegara bars PNS).
    Occupation {
        /// Civil servant (PNS), ASN.
        Pns = "pns" | "asn",
        /// Government employee with a work agreement (PPPK), ASN.
        Pppk = "pppk",
        /// Armed forces.
        Tni = "tni",
        /// Police.
        Polri = "polri",
        /// Private-company employee (*karyawan swasta*).
        KaryawanSwasta = "karyawan_swasta" | "swasta",
        /// State-owned enterprise employee.
        KaryawanBumn = "karyawan_bumn" | "bumn",
        /// Self-employed or trader.
        Wiraswasta = "wiraswasta" | "pedagang",
        /// Farmer.
        Petani = "petani",
        /// Fisher.
        Nelayan = "nelayan",
        /// Student.
        Pelajar = "pelajar" | "mahasiswa" | "pelajar_mahasiswa",
        /// Homemaker.
        IbuRumahTangga = "ibu_rumah_tangga" | "irt",
        /// Village official (*perangkat desa*).
        PerangkatDesa = "perangkat_desa",
        /// Other.
        Lainnya = "lainnya" | "other",
        /// Not recorded.
        TidakDiketahui = "tidak_diketahui" | "unknown" | "",
    }
}

// The enum comes from a macro, so `#[derive(Default)]` with `#[default]` does not fit here.
#[allow(clippy::derivable_impls)]
impl Default for Occupation {
    fn default() -> Self {
        Self::TidakDiketahui
    }
}

// ---- Labels -------------------------------------------------------------------------------------------------------

/// Words for the values in messages and tables, in Bahasa Indonesia and English: a user reads "PNS/ASN" or "ketua
/// RT/RW atau pejabat lain", never the snake_case name (`pns`, `other`) that JSON and CSV carry.
macro_rules! labels {
    ($name:ident { $($v:ident => $id:literal, $en:literal;)+ }) => {
        impl $name {
            /// The value in words, in Bahasa Indonesia (for messages and tables; JSON and CSV keep [`Self::as_str`]).
            pub fn label_id(self) -> &'static str { match self { $($name::$v => $id),+ } }
            /// The value in words, in English (for messages and tables; JSON and CSV keep [`Self::as_str`]).
            pub fn label_en(self) -> &'static str { match self { $($name::$v => $en),+ } }
        }
    };
}

labels! { Status {
    Draft => "dalam pembentukan", "being formed";
    Established => "dibentuk (ber-SK)", "established (SK issued)";
    Registered => "terdaftar", "registered";
    Active => "aktif", "active";
    Inactive => "vakum", "inactive";
    Dissolved => "bubar", "dissolved";
} }

labels! { KimType {
    Informasi => "pengelolaan dan penyebaran informasi", "managing and disseminating information";
    Pemberdayaan => "pemberdayaan masyarakat", "community empowerment";
} }

labels! { IssuerRole {
    KepalaDesa => "kepala desa", "village head (kepala desa)";
    Lurah => "lurah", "lurah (head of a kelurahan)";
    Camat => "camat", "camat (head of a kecamatan)";
    BupatiWalikota => "bupati/walikota", "bupati or walikota";
    Gubernur => "gubernur", "governor (gubernur)";
    Other => "ketua RT/RW atau pejabat lain", "RT/RW head or other official";
    TidakDiketahui => "penerbit tidak tercatat", "issuer not recorded";
} }

labels! { Media {
    Cetak => "media cetak", "print media";
    Penyiaran => "penyiaran", "broadcast";
    Online => "media daring", "online media";
    MediaSosial => "media sosial", "social media";
    LuarRuang => "media luar ruang", "outdoor media";
    TatapMuka => "tatap muka", "face to face";
    Lainnya => "media lain", "other media";
} }

labels! { EvidenceKind {
    BeritaAcaraMusyawarah => "berita acara musyawarah", "minutes of the formation meeting";
    DaftarHadir => "daftar hadir", "attendance list";
    Other => "bukti lain", "other evidence";
} }

labels! { Sex {
    Male => "laki-laki", "male";
    Female => "perempuan", "female";
} }

labels! { Role {
    Ketua => "ketua", "chair (ketua)";
    WakilKetua => "wakil ketua", "vice chair";
    Sekretaris => "sekretaris", "secretary";
    Bendahara => "bendahara", "treasurer";
    BidangPengumpulan => "bidang pengumpulan informasi", "information-gathering unit";
    BidangPengelolaan => "bidang pengelolaan informasi", "information-processing unit";
    BidangPenyebaran => "bidang penyebaran informasi", "information-dissemination unit";
    BidangLain => "bidang lain", "other unit";
    Anggota => "anggota", "member";
} }

labels! { Occupation {
    Pns => "PNS/ASN", "civil servant (PNS/ASN)";
    Pppk => "PPPK (ASN)", "government contract employee (PPPK, ASN)";
    Tni => "anggota TNI", "armed forces (TNI)";
    Polri => "anggota Polri", "police (Polri)";
    KaryawanSwasta => "karyawan swasta", "private-company employee";
    KaryawanBumn => "karyawan BUMN", "state-owned enterprise employee (BUMN)";
    Wiraswasta => "wiraswasta/pedagang", "self-employed or trader";
    Petani => "petani", "farmer";
    Nelayan => "nelayan", "fisher";
    Pelajar => "pelajar/mahasiswa", "student";
    IbuRumahTangga => "ibu rumah tangga", "homemaker";
    PerangkatDesa => "perangkat desa", "village official (perangkat desa)";
    Lainnya => "pekerjaan lain", "other occupation";
    TidakDiketahui => "pekerjaan tidak tercatat", "occupation not recorded";
} }

// ---- Legacy spellings --------------------------------------------------------------------------------------------

/// Legacy spellings read as an issuer, after [`legacy_key`]; a key may also *start* with one of the head-of-office
/// spellings followed by `_` and a place name ("Kepala Desa Perian", "Bupati Kutai Kartanegara").
/// Acting heads (`pj`, `plt`, `pjs`) count as the office. Not mapped, because they are not a head of government or
/// are ambiguous: ketua RT/RW, kepala dusun, sekretaris desa, kepala dinas.
pub const ISSUER_SPELLINGS: &[(&str, IssuerRole)] = &[
    ("kepala_desa", IssuerRole::KepalaDesa),
    ("kades", IssuerRole::KepalaDesa),
    ("kepala_kampung", IssuerRole::KepalaDesa),
    ("wali_nagari", IssuerRole::KepalaDesa),
    ("walinagari", IssuerRole::KepalaDesa),
    ("keuchik", IssuerRole::KepalaDesa),
    ("geuchik", IssuerRole::KepalaDesa),
    ("kuwu", IssuerRole::KepalaDesa),
    ("petinggi", IssuerRole::KepalaDesa),
    ("perbekel", IssuerRole::KepalaDesa),
    ("pambakal", IssuerRole::KepalaDesa),
    ("hukum_tua", IssuerRole::KepalaDesa),
    ("lurah", IssuerRole::Lurah),
    ("kepala_kelurahan", IssuerRole::Lurah),
    ("camat", IssuerRole::Camat),
    ("kepala_kecamatan", IssuerRole::Camat),
    ("bupati", IssuerRole::BupatiWalikota),
    ("walikota", IssuerRole::BupatiWalikota),
    ("wali_kota", IssuerRole::BupatiWalikota),
    ("gubernur", IssuerRole::Gubernur),
];

/// Legacy spellings read as an occupation, after [`legacy_key`]. Not mapped, because they are ambiguous: `guru`
/// (PNS, PPPK, honorer or private), `karyawan` (private or BUMN), `honorer`, `buruh`, `peternak`.
pub const OCCUPATION_SPELLINGS: &[(&str, Occupation)] = &[
    ("pegawai_negeri_sipil", Occupation::Pns),
    ("pegawai_negeri", Occupation::Pns),
    ("tentara", Occupation::Tni),
    ("tni_ad", Occupation::Tni),
    ("tni_al", Occupation::Tni),
    ("tni_au", Occupation::Tni),
    ("polisi", Occupation::Polri),
    ("pegawai_swasta", Occupation::KaryawanSwasta),
    ("wirausaha", Occupation::Wiraswasta),
    ("pengusaha", Occupation::Wiraswasta),
    ("dagang", Occupation::Wiraswasta),
    ("tani", Occupation::Petani),
    ("pekebun", Occupation::Petani),
    ("siswa", Occupation::Pelajar),
    ("mahasiswi", Occupation::Pelajar),
    ("mengurus_rumah_tangga", Occupation::IbuRumahTangga),
    ("aparat_desa", Occupation::PerangkatDesa),
];

/// Legacy spellings read as a role, after [`legacy_key`]. Not mapped: `pengurus` (officer of which kind?),
/// `pembina`, `pelindung`, `penasehat` (patrons, not members under Pasal 23).
pub const ROLE_SPELLINGS: &[(&str, Role)] = &[
    ("ketua_kim", Role::Ketua),
    ("wakil_ketua_kim", Role::WakilKetua),
    ("wakil", Role::WakilKetua),
    ("sekretaris_kim", Role::Sekretaris),
    ("sekertaris", Role::Sekretaris),
    ("sekretaris_sekretaris", Role::Sekretaris),
    ("bendahara_kim", Role::Bendahara),
    ("bendahari", Role::Bendahara),
    ("anggota_kim", Role::Anggota),
    ("seksi", Role::BidangLain),
];

/// The key a legacy spelling is looked up by: trimmed, lower case, every run of spaces, `-`, `/`, `.`, `,` as one
/// `_`, no leading or trailing `_`.
///
/// ```
/// use kim_core::vocab::legacy_key;
/// assert_eq!(legacy_key("  Pj. Kepala-Desa / Lurah "), "pj_kepala_desa_lurah");
/// ```
pub fn legacy_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for c in text.trim().chars().flat_map(char::to_lowercase) {
        if c.is_whitespace() || matches!(c, '-' | '/' | '.' | ',' | '_') {
            if !key.is_empty() && !key.ends_with('_') {
                key.push('_');
            }
        } else {
            key.push(c);
        }
    }
    while key.ends_with('_') {
        key.pop();
    }
    key
}

/// Reads a vocabulary value the lenient way that imports use: the canonical names and aliases first, then the
/// legacy `table` (whole key, or for `prefixes` a key that starts with the spelling and `_`). `None` when the text
/// names nothing this vocabulary knows: the caller then keeps the raw text and a finding flags it.
///
/// ```
/// use kim_core::vocab::{ISSUER_SPELLINGS, IssuerRole, read_legacy};
/// let read = |s| read_legacy::<IssuerRole>(s, ISSUER_SPELLINGS, true);
/// assert_eq!(read("Kepala Desa Perian"), Some(IssuerRole::KepalaDesa));
/// assert_eq!(read("Pj. Kades"), Some(IssuerRole::KepalaDesa));
/// assert_eq!(read("Ketua RT 03"), None);
/// ```
pub fn read_legacy<T: Copy + std::str::FromStr>(
    text: &str,
    table: &[(&str, T)],
    prefixes: bool,
) -> Option<T> {
    if let Ok(v) = text.parse() {
        return Some(v);
    }
    let key = legacy_key(text);
    let key = ["pj_", "plt_", "pjs_"]
        .iter()
        .find_map(|p| key.strip_prefix(p))
        .unwrap_or(&key);
    if let Ok(v) = key.parse() {
        return Some(v);
    }
    table.iter().find_map(|&(spelling, v)| {
        let hit = key == spelling
            || (prefixes
                && key
                    .strip_prefix(spelling)
                    .is_some_and(|rest| rest.starts_with('_')));
        hit.then_some(v)
    })
}

// ---- The text rule -----------------------------------------------------------------------------------------------

/// Why a character is not allowed in an id or a name (see [`text_problem`]).
///
/// ```
/// use kim_core::vocab::forbidden_char;
/// assert_eq!(forbidden_char('\u{202E}'), Some("a bidirectional control")); // right-to-left override
/// assert_eq!(forbidden_char('\n'), Some("a control character"));
/// assert_eq!(forbidden_char('é'), None);
/// ```
#[must_use]
pub fn forbidden_char(c: char) -> Option<&'static str> {
    match c {
        '\0' => Some("NUL"),
        c if c.is_control() => Some("a control character"),
        '\u{061C}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}' => Some("a bidirectional control"),
        '\u{00AD}'
        | '\u{0600}'..='\u{0605}'
        | '\u{06DD}'
        | '\u{070F}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200D}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}' => Some("an invisible format character"),
        _ => None,
    }
}

/// The one text rule for ids and names on every input (JSON, CSV, records, pandas, C): no NUL, no C0/C1 control,
/// no bidirectional control (U+061C, U+200E/F, U+202A–E, U+2066–9) and no invisible format character (soft hyphen,
/// ZWSP, ZWNJ, ZWJ, word joiner, BOM, …). Such characters make `K1` and `K1\u{200b}` two ids that look the same.
/// Returns a message naming the first one, its code point and its character position; `None` when the text is clean.
/// Surrounding whitespace is not checked here: every input trims it first ([`clean_text`]), so `K1` and `K1` followed
/// by a space or a NEL are the same id everywhere.
///
/// ```
/// use kim_core::vocab::text_problem;
/// assert_eq!(text_problem("KIM Perian"), None);
/// assert_eq!(text_problem("K1\u{200b}").as_deref(),
///            Some("an invisible format character (U+200B) at character 2 is not allowed [KIM-E-TEXT]"));
/// ```
#[must_use]
pub fn text_problem(text: &str) -> Option<String> {
    text.chars().enumerate().find_map(|(i, c)| {
        forbidden_char(c).map(|what| {
            format!(
                "{what} (U+{:04X}) at character {i} is not allowed [KIM-E-TEXT]",
                u32::from(c)
            )
        })
    })
}

/// An id or a name as every input reads it: surrounding whitespace trimmed (`str::trim`, as the CSV and record
/// imports trim each cell), then the text rule of [`text_problem`].
///
/// ```
/// use kim_core::vocab::clean_text;
/// assert_eq!(clean_text(" K1\u{85}"), Ok("K1"));
/// assert!(clean_text("K1\u{200b}").is_err());
/// ```
pub fn clean_text(text: &str) -> std::result::Result<&str, String> {
    let t = text.trim();
    match text_problem(t) {
        None => Ok(t),
        Some(why) => Err(why),
    }
}
