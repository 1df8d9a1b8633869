//! The shared vocabulary of KIM records: statuses, KIM types, SK issuers, media, evidence kinds, sex, member roles
//! and occupation categories (docs/domain.md §3, §5).
//!
//! These enums are what the registry stores, what rule profiles name and what errors report, so they live below all
//! three. Each reads its snake_case name and the legacy aliases listed on its variants (`FromStr` and serde), and
//! writes the snake_case name. They are re-exported from [`crate::registry`], where most code finds them.

use std::fmt;

use serde::{Deserialize, Serialize};

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
            type Err = String;
            fn from_str(s: &str) -> std::result::Result<Self, String> {
                let key = s.trim().to_lowercase().replace([' ', '-', '/'], "_");
                match key.as_str() {
                    $($s $(| $alias)* => Ok($name::$v),)+
                    _ => Err(format!("expected one of: {}", [$($s),+].join(", "))),
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
        /// Anyone else (a Dinas head, the KIM itself, …).
        Other = "other" | "lainnya",
    }
}

impl IssuerRole {
    /// True for kepala desa, lurah or a higher head of government: "minimal" in Pasal 23(3)(c), read as "at least" \[I\].
    pub fn is_at_least_village_head(self) -> bool {
        !matches!(self, Self::Other)
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
