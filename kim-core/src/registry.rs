//! The KIM registry: KIMs, members, NIKs and a dated history (DOMAIN.md §3, §5).
//!
//! - [`Kim`]: one KIM, with its SK (decree), registration with the Dinas, formation evidence, media, members and
//!   status history.
//! - [`Member`]: a member with role, occupation category and term.
//! - [`Nik`]: a structurally valid NIK, masked in every `Debug`/`Display`; the full value only via [`Nik::expose`].
//! - [`Registry`]: a set of KIMs. [`Registry::apply`] takes dated [`Event`]s; [`Registry::as_of`] rebuilds what was
//!   true on any day.
//!
//! # The lifecycle
//!
//! `draft → established (SK issued) → registered (F4) → active ↔ inactive (vakum) → dissolved`; any status except
//! `dissolved` may also go straight to `dissolved`. The first recorded status may be any status, because legacy
//! registries often know only the current one. The status names are our inference \[I\]: the regulation has none.
//!
//! # JSON shape, `schema_version` 1
//!
//! ```json
//! {"schema_version": 1, "kims": [{
//!   "id": "KIM-6402-001", "name": "KIM Perian Bersatu", "kind": "informasi", "seat": "64.02.01.2001",
//!   "sk": {"number": "141/05/SK-KIM/2023", "date": "2023-02-01", "issuer": "kepala_desa"},
//!   "registration": {"number": "489/12/DKI/2023", "date": "2023-03-01", "kab_kota": "64.02"},
//!   "formation": {"kind": "berita_acara_musyawarah", "reference": "BA/01/2023", "date": "2023-01-20"},
//!   "media": ["media_sosial", "tatap_muka"], "sectors": ["pertanian"], "statutes": true,
//!   "members": [{"id": "m1", "name": "Siti", "nik": "6402014101900001", "sex": "female",
//!                "birth_date": "1990-01-01", "role": "ketua", "occupation": "petani",
//!                "term_start": "2023-02-01", "term_end": null}],
//!   "history": [{"date": "2023-02-01", "status": "established"}]
//! }]}
//! ```
//!
//! All fields but `id`, `name` and `seat` are optional. Data JSON carries full NIKs so that it round-trips; use
//! [`crate::privacy::to_log_json`] for anything written to a log.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::io::Read;

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::error::{Error, NikProblem, Result, RowError};
use crate::privacy;
use crate::wilayah::{Kode, Level, Reference, Resolution};

/// The JSON schema version written and read by [`Registry::to_json`] / [`Registry::from_json`].
pub const SCHEMA_VERSION: u64 = 1;

// ---- NIK ---------------------------------------------------------------------------------------------------------

/// A structurally valid NIK (16 digits, `PPKKCC DDMMYY SSSS`, DOMAIN.md §5).
///
/// `Debug` and `Display` show it masked (`6402**********01`). [`Nik::expose`] is the only way to the full value;
/// serde writes the full value, because registry JSON is data, not a log.
///
/// ```
/// use kim_core::registry::{Nik, Sex};
/// let nik = Nik::parse("6402 0141 0190 0001")?;
/// assert_eq!(nik.to_string(), "6402**********01");
/// assert_eq!(format!("{nik:?}"), "Nik(6402**********01)");
/// assert_eq!(nik.sex(), Sex::Female);          // day 41 = 1st, + 40 for women
/// assert_eq!(nik.birth_day_month(), (1, 1));
/// assert_eq!(nik.expose(), "6402014101900001");
/// assert!(Nik::parse("6402014101900000").is_err()); // serial 0000
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct Nik([u8; 16]);

impl Nik {
    /// Parses a NIK, ignoring spaces and dots between digits.
    pub fn parse(s: &str) -> Result<Self> {
        let err = |problem| Error::InvalidNik {
            masked: privacy::mask_nik(s),
            problem,
        };
        let mut d = [0u8; 16];
        let mut n = 0;
        for c in s.bytes() {
            match c {
                b'0'..=b'9' => {
                    if n == 16 {
                        return Err(err(NikProblem::Length));
                    }
                    d[n] = c;
                    n += 1;
                }
                b' ' | b'.' => {}
                _ => return Err(err(NikProblem::NotDigit)),
            }
        }
        if n != 16 {
            return Err(err(NikProblem::Length));
        }
        let two = |i: usize| u32::from(d[i] - b'0') * 10 + u32::from(d[i + 1] - b'0');
        if two(0) == 0 || two(2) == 0 || two(4) == 0 {
            return Err(err(NikProblem::Region));
        }
        let day = two(6);
        let day = if day > 40 { day - 40 } else { day };
        if !(1..=31).contains(&day) {
            return Err(err(NikProblem::Day));
        }
        let month = two(8);
        if !(1..=12).contains(&month) {
            return Err(err(NikProblem::Month));
        }
        // The century is unknown; 29 February is allowed when YY is divisible by 4 (1900 aside, 19YY and 20YY agree).
        let leap = two(10) % 4 == 0;
        let max_day = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day > max_day {
            return Err(err(NikProblem::Date));
        }
        if &d[12..] == b"0000" {
            return Err(err(NikProblem::Serial));
        }
        Ok(Self(d))
    }

    /// The full 16 digits. Handle with care: UU PDP 27/2022 applies.
    pub fn expose(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }

    /// The masked form, `6402**********01`.
    pub fn masked(&self) -> String {
        privacy::mask_nik(self.expose())
    }

    /// The kecamatan of registration (`PP.KK.CC`). Historic codes are allowed, so it may be absent from the
    /// current reference.
    pub fn region(&self) -> Kode {
        let two = |i: usize| u64::from(self.0[i] - b'0') * 10 + u64::from(self.0[i + 1] - b'0');
        // `parse` rejected zero segments, so these form a valid kecamatan code.
        Kode::from_valid_segments(two(0), two(2), two(4), 0)
    }

    /// Sex encoded in the day (women have DD + 40).
    pub fn sex(&self) -> Sex {
        if self.0[6] >= b'4' {
            Sex::Female
        } else {
            Sex::Male
        }
    }

    /// Day and month of birth.
    pub fn birth_day_month(&self) -> (u32, u32) {
        let two = |i: usize| u32::from(self.0[i] - b'0') * 10 + u32::from(self.0[i + 1] - b'0');
        let day = two(6);
        (if day > 40 { day - 40 } else { day }, two(8))
    }

    /// True if `date` agrees with the NIK's DDMMYY.
    pub fn matches_birth_date(&self, date: NaiveDate) -> bool {
        let yy = u32::from(self.0[10] - b'0') * 10 + u32::from(self.0[11] - b'0');
        self.birth_day_month() == (date.day(), date.month())
            && u32::try_from(date.year().rem_euclid(100)).ok() == Some(yy)
    }
}

impl fmt::Display for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

impl fmt::Debug for Nik {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Nik({})", self.masked())
    }
}

impl Serialize for Nik {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.expose())
    }
}

impl<'de> Deserialize<'de> for Nik {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Nik::parse(&s).map_err(serde::de::Error::custom)
    }
}

// ---- enums -------------------------------------------------------------------------------------------------------

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
    /// Status of a KIM in its lifecycle (names are our inference \[I\]; see the module docs).
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

// ---- dates -------------------------------------------------------------------------------------------------------

/// Dates in data: `YYYY-MM-DD` read without chrono's general format parser, which was a seventh of the time spent
/// reading a KIM from JSON. Anything that is not exactly ten bytes of `DDDD-DD-DD` forming a real date goes to chrono,
/// so what is accepted and every error message stay chrono's own.
pub(crate) mod iso_date {
    use std::fmt;

    use chrono::NaiveDate;
    use serde::Deserializer;
    use serde::de::{Error, Visitor};

    /// The date of an exact `YYYY-MM-DD`, or `None` (then ask chrono, for the same answer or its error).
    pub(crate) fn fast(s: &str) -> Option<NaiveDate> {
        let b: &[u8; 10] = s.as_bytes().try_into().ok()?;
        if b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let mut n = [0u32; 8];
        for (slot, &c) in n
            .iter_mut()
            .zip(b[..4].iter().chain(&b[5..7]).chain(&b[8..]))
        {
            if !c.is_ascii_digit() {
                return None;
            }
            *slot = u32::from(c - b'0');
        }
        let year = n[0] * 1000 + n[1] * 100 + n[2] * 10 + n[3];
        NaiveDate::from_ymd_opt(
            i32::try_from(year).ok()?,
            n[4] * 10 + n[5],
            n[6] * 10 + n[7],
        )
    }

    /// Parses like `str::parse::<NaiveDate>`, with the fast path first.
    pub(crate) fn parse(s: &str) -> Result<NaiveDate, chrono::ParseError> {
        fast(s).map_or_else(|| s.parse(), Ok)
    }

    struct DateVisitor;

    impl Visitor<'_> for DateVisitor {
        type Value = NaiveDate;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            // chrono's own wording, so errors read as they did before.
            f.write_str("a formatted date string")
        }

        fn visit_str<E: Error>(self, v: &str) -> Result<NaiveDate, E> {
            parse(v).map_err(E::custom)
        }
    }

    struct OptionVisitor;

    impl<'de> Visitor<'de> for OptionVisitor {
        type Value = Option<NaiveDate>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a formatted date string or null")
        }

        fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            date(d).map(Some)
        }
    }

    /// `deserialize_with` for a `NaiveDate` field.
    pub(crate) fn date<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        d.deserialize_str(DateVisitor)
    }

    /// `deserialize_with` for an `Option<NaiveDate>` field (pair it with `#[serde(default)]`).
    pub(crate) fn option<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        d.deserialize_option(OptionVisitor)
    }
}

// ---- records -----------------------------------------------------------------------------------------------------

/// The SK (decree) establishing a KIM (F3).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sk {
    /// The decree number, free text (e.g. `489/07/401.403.6/2014`).
    pub number: String,
    /// The decree date.
    #[serde(deserialize_with = "iso_date::date")]
    pub date: NaiveDate,
    /// Who signed it.
    pub issuer: IssuerRole,
}

/// Registration with the kab/kota Dinas (F4).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// The registration number.
    pub number: String,
    /// The registration date.
    #[serde(deserialize_with = "iso_date::date")]
    pub date: NaiveDate,
    /// The registering kab/kota (`PP.KK`).
    pub kab_kota: Kode,
}

/// Formation evidence (F1): attestation only, recorded for the audit trail.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormationEvidence {
    /// Kind of document.
    pub kind: EvidenceKind,
    /// Its number or a reference to where it is kept.
    pub reference: String,
    /// Its date.
    #[serde(default, deserialize_with = "iso_date::option")]
    pub date: Option<NaiveDate>,
}

/// A member of a KIM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Id, unique within the KIM.
    pub id: String,
    /// Full name.
    pub name: String,
    /// NIK, if recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nik: Option<Nik>,
    /// Sex.
    #[serde(default)]
    pub sex: Option<Sex>,
    /// Date of birth.
    #[serde(default, deserialize_with = "iso_date::option")]
    pub birth_date: Option<NaiveDate>,
    /// Role.
    #[serde(default = "default_role")]
    pub role: Role,
    /// Occupation category.
    #[serde(default)]
    pub occupation: Occupation,
    /// First day of the term (membership), if known.
    #[serde(default, deserialize_with = "iso_date::option")]
    pub term_start: Option<NaiveDate>,
    /// Last day of the term, inclusive; `None` while serving.
    #[serde(default, deserialize_with = "iso_date::option")]
    pub term_end: Option<NaiveDate>,
    /// Police clearance (no legal record), where an overlay asks for it (Surabaya).
    #[serde(default)]
    pub clean_record: Option<bool>,
    /// Village of residence, where an overlay asks for it (Palu).
    #[serde(default)]
    pub residence: Option<Kode>,
}

fn default_role() -> Role {
    Role::Anggota
}

impl Member {
    /// A plain member with only an id and a name.
    pub fn new(id: impl Into<String>, name: impl Into<String>, role: Role) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            nik: None,
            sex: None,
            birth_date: None,
            role,
            occupation: Occupation::TidakDiketahui,
            term_start: None,
            term_end: None,
            clean_record: None,
            residence: None,
        }
    }

    /// True if the member serves on `date`: `term_start ≤ date ≤ term_end`, open ends unbounded.
    pub fn serves_on(&self, date: NaiveDate) -> bool {
        self.term_start.is_none_or(|s| s <= date) && self.term_end.is_none_or(|e| date <= e)
    }

    /// Age in whole years on `date`, if the birth date is known.
    pub fn age_on(&self, date: NaiveDate) -> Option<u32> {
        self.birth_date.and_then(|b| date.years_since(b))
    }
}

/// A dated status change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StatusChange {
    /// The day the status took effect.
    #[serde(deserialize_with = "iso_date::date")]
    pub date: NaiveDate,
    /// The new status.
    pub status: Status,
    /// Optional note (e.g. the decree of dissolution).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One KIM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kim {
    /// Registry id, unique in a [`Registry`].
    pub id: String,
    /// Name.
    pub name: String,
    /// Type under Pasal 23(2).
    #[serde(default = "default_kind")]
    pub kind: KimType,
    /// Seat: a village code (F2).
    pub seat: Kode,
    /// The establishing decree (F3).
    #[serde(default)]
    pub sk: Option<Sk>,
    /// Registration with the Dinas (F4).
    #[serde(default)]
    pub registration: Option<Registration>,
    /// Formation evidence (F1).
    #[serde(default)]
    pub formation: Option<FormationEvidence>,
    /// Media channels (Pasal 16(2)).
    #[serde(default)]
    pub media: Vec<Media>,
    /// Sectors or fields of activity (Pasal 24), free text.
    #[serde(default)]
    pub sectors: Vec<String>,
    /// True if the KIM has adopted statutes (AD/ART).
    #[serde(default)]
    pub statutes: bool,
    /// Members, past and present (see [`Member::serves_on`]).
    #[serde(default)]
    pub members: Vec<Member>,
    /// Status history, oldest first.
    #[serde(default)]
    pub history: Vec<StatusChange>,
}

fn default_kind() -> KimType {
    KimType::Informasi
}

impl Kim {
    /// A KIM with only id, name and seat; everything else empty.
    pub fn new(id: impl Into<String>, name: impl Into<String>, seat: Kode) -> Self {
        Self {
            id: id.into(),
            name: name.into(),
            kind: KimType::Informasi,
            seat,
            sk: None,
            registration: None,
            formation: None,
            media: Vec::new(),
            sectors: Vec::new(),
            statutes: false,
            members: Vec::new(),
            history: Vec::new(),
        }
    }

    /// The status on `date` (the latest change on or before it), or `None` before the first change.
    pub fn status_on(&self, date: NaiveDate) -> Option<Status> {
        let i = self.history.partition_point(|c| c.date <= date);
        i.checked_sub(1).map(|i| self.history[i].status)
    }

    /// The current (latest) status.
    pub fn status(&self) -> Option<Status> {
        self.history.last().map(|c| c.status)
    }

    /// Members serving on `date`.
    pub fn members_on(&self, date: NaiveDate) -> impl Iterator<Item = &Member> + '_ {
        self.members.iter().filter(move |m| m.serves_on(date))
    }

    /// The latest date of any event of this KIM (status change, term start or end).
    pub fn last_event_date(&self) -> Option<NaiveDate> {
        let h = self.history.last().map(|c| c.date);
        let m = self
            .members
            .iter()
            .flat_map(|m| [m.term_start, m.term_end])
            .flatten()
            .max();
        h.max(m)
    }

    /// Checks the internal consistency that the registry guarantees: history in date order with allowed
    /// transitions, unique member ids.
    pub fn check_consistency(&self) -> Result<()> {
        let mut prev: Option<&StatusChange> = None;
        for c in &self.history {
            if let Some(p) = prev
                && c.date < p.date
            {
                return Err(Error::OutOfOrder {
                    kim: self.id.clone(),
                    date: c.date,
                    last: p.date,
                });
            }
            if !Status::can_follow(prev.map(|p| p.status), c.status) {
                return Err(Error::InvalidTransition {
                    kim: self.id.clone(),
                    from: prev.map(|p| p.status),
                    to: c.status,
                    date: c.date,
                });
            }
            prev = Some(c);
        }
        // Sorting borrowed ids finds whether any repeats without hashing (a KIM has tens of members); only then is
        // the first repeat in member order looked for, so the error names the same member as before.
        let mut ids: Vec<&str> = self.members.iter().map(|m| m.id.as_str()).collect();
        ids.sort_unstable();
        if ids.windows(2).all(|w| w[0] != w[1]) {
            return Ok(());
        }
        let mut seen = HashSet::new();
        for m in &self.members {
            if !seen.insert(m.id.as_str()) {
                return Err(Error::Member {
                    kim: self.id.clone(),
                    member: m.id.clone(),
                    problem: "already exists",
                });
            }
        }
        Ok(())
    }

    /// This KIM as it was known on `date`: later status changes dropped, later members dropped, later term ends
    /// cleared.
    #[must_use]
    pub fn as_of(&self, date: NaiveDate) -> Kim {
        let mut k = self.clone();
        k.history.retain(|c| c.date <= date);
        k.members.retain(|m| m.term_start.is_none_or(|s| s <= date));
        for m in &mut k.members {
            if m.term_end.is_some_and(|e| e > date) {
                m.term_end = None;
            }
        }
        k
    }
}

// ---- events ------------------------------------------------------------------------------------------------------

/// What an [`Event`] changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// A status change.
    Status {
        /// The new status.
        status: Status,
    },
    /// A member joins; their `term_start` becomes the event date.
    Join {
        /// The member.
        member: Member,
    },
    /// A member leaves; the event date is their last day (`term_end`).
    Leave {
        /// The member id.
        member_id: String,
    },
}

/// A dated change to one KIM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// The day it took effect.
    #[serde(deserialize_with = "iso_date::date")]
    pub date: NaiveDate,
    /// The KIM id.
    pub kim: String,
    /// The change.
    #[serde(flatten)]
    pub change: Change,
}

// ---- registry ----------------------------------------------------------------------------------------------------

/// A set of KIMs with unique ids, in insertion order.
///
/// ```
/// use kim_core::registry::{Registry, Kim, Event, Change, Status};
/// use kim_core::wilayah::Kode;
/// use chrono::NaiveDate;
/// let d = |s: &str| s.parse::<NaiveDate>().unwrap();
/// let mut reg = Registry::new();
/// reg.insert(Kim::new("K1", "KIM Perian", Kode::parse("64.02.01.2001")?))?;
/// for (date, status) in [("2023-01-10", Status::Established), ("2023-02-01", Status::Registered), ("2023-02-02", Status::Active)] {
///     reg.apply(&Event { date: d(date), kim: "K1".into(), change: Change::Status { status } })?;
/// }
/// assert_eq!(reg.get("K1").unwrap().status_on(d("2023-01-31")), Some(Status::Established));
/// assert_eq!(reg.as_of(d("2022-12-31")).get("K1").unwrap().status(), None);
/// let bad = reg.apply(&Event { date: d("2023-03-01"), kim: "K1".into(), change: Change::Status { status: Status::Draft } });
/// assert_eq!(bad.unwrap_err().code(), "KIM-E-TRANSITION");
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Registry {
    kims: Vec<Kim>,
    by_id: HashMap<String, usize>,
    /// Derived from `kims` on first use and dropped on every change, so it can never be stale.
    columns: OnceLock<Columns>,
}

impl PartialEq for Registry {
    fn eq(&self, other: &Self) -> bool {
        self.kims == other.kims
    }
}

impl Eq for Registry {}

/// A flat, cache-friendly copy of what date queries need (seat, status changes, member terms), in KIM order.
///
/// Each KIM's history and members live in their own heap allocations; scanning 100,000 of them costs a cache miss
/// each. Coverage and series read these arrays instead (see `benches/benches/coverage.rs`).
#[derive(Debug, Clone, Default)]
pub struct Columns {
    seat: Vec<Kode>,
    hist_off: Vec<u32>,
    hist: Vec<(i32, Status)>,
    mem_off: Vec<u32>,
    mem: Vec<(i32, i32)>,
    /// The position of each seat in one code list ([`Reference::id`]), made on first use: coverage needs it on
    /// every call, and it is the one random lookup per KIM there.
    seat_pos: OnceLock<(u64, Vec<u32>)>,
}

fn day(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

impl Columns {
    fn build(kims: &[Kim]) -> Self {
        let mut c = Columns {
            seat: Vec::with_capacity(kims.len()),
            hist_off: Vec::with_capacity(kims.len() + 1),
            mem_off: Vec::with_capacity(kims.len() + 1),
            ..Columns::default()
        };
        c.hist_off.push(0);
        c.mem_off.push(0);
        for k in kims {
            c.seat.push(k.seat);
            c.hist
                .extend(k.history.iter().map(|h| (day(h.date), h.status)));
            c.mem.extend(k.members.iter().map(|m| {
                (
                    m.term_start.map_or(i32::MIN, day),
                    m.term_end.map_or(i32::MAX, day),
                )
            }));
            c.hist_off
                .push(u32::try_from(c.hist.len()).unwrap_or(u32::MAX));
            c.mem_off
                .push(u32::try_from(c.mem.len()).unwrap_or(u32::MAX));
        }
        c
    }

    /// Number of KIMs.
    pub fn len(&self) -> usize {
        self.seat.len()
    }

    /// True if there are no KIMs.
    pub fn is_empty(&self) -> bool {
        self.seat.is_empty()
    }

    /// Seat of KIM `i` (registry order).
    pub fn seat(&self, i: usize) -> Kode {
        self.seat[i]
    }

    /// Status changes of KIM `i` as (day number from the common era, status), oldest first.
    pub fn history(&self, i: usize) -> &[(i32, Status)] {
        &self.hist[self.hist_off[i] as usize..self.hist_off[i + 1] as usize]
    }

    /// Status of KIM `i` on `date`; same as [`Kim::status_on`].
    pub fn status_on(&self, i: usize, date: NaiveDate) -> Option<Status> {
        let d = day(date);
        self.history(i).iter().rev().find(|h| h.0 <= d).map(|h| h.1)
    }

    /// The position in `reference` ([`Reference::index_of`]) of each KIM's seat, in KIM order; `u32::MAX` where the
    /// seat is not a village of that list. Kept for the first list asked about; computed afresh for any other.
    pub fn seat_positions(&self, reference: &Reference) -> std::borrow::Cow<'_, [u32]> {
        let compute = || -> Vec<u32> {
            self.seat
                .iter()
                .map(|&s| {
                    if s.level() == Level::Desa {
                        reference
                            .index_of(s)
                            .and_then(|p| u32::try_from(p).ok())
                            .unwrap_or(u32::MAX)
                    } else {
                        u32::MAX
                    }
                })
                .collect()
        };
        let (id, positions) = self.seat_pos.get_or_init(|| (reference.id(), compute()));
        if *id == reference.id() {
            std::borrow::Cow::Borrowed(positions)
        } else {
            std::borrow::Cow::Owned(compute())
        }
    }

    /// Members of KIM `i` serving on `date`; same as `Kim::members_on(date).count()`.
    pub fn members_on(&self, i: usize, date: NaiveDate) -> usize {
        let d = day(date);
        self.mem[self.mem_off[i] as usize..self.mem_off[i + 1] as usize]
            .iter()
            .filter(|m| m.0 <= d && d <= m.1)
            .count()
    }
}

#[derive(Serialize)]
struct RegistryOut<'a> {
    schema_version: u64,
    kims: &'a [Kim],
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RegistryIn {
    schema_version: u64,
    kims: Vec<Kim>,
}

impl Serialize for Registry {
    fn serialize<S: Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        RegistryOut {
            schema_version: SCHEMA_VERSION,
            kims: &self.kims,
        }
        .serialize(s)
    }
}

impl<'de> Deserialize<'de> for Registry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        let r = RegistryIn::deserialize(d)?;
        if r.schema_version != SCHEMA_VERSION {
            return Err(serde::de::Error::custom(format!(
                "unsupported schema_version {} (this library reads {SCHEMA_VERSION})",
                r.schema_version
            )));
        }
        Registry::from_kims(r.kims).map_err(serde::de::Error::custom)
    }
}

impl Registry {
    /// An empty registry.
    pub fn new() -> Self {
        Self::default()
    }

    /// Builds a registry, checking unique ids and each KIM's consistency.
    pub fn from_kims(kims: impl IntoIterator<Item = Kim>) -> Result<Self> {
        let mut r = Self::new();
        for k in kims {
            r.insert(k)?;
        }
        Ok(r)
    }

    /// Parses registry JSON (see the module docs for the shape).
    pub fn from_json(json: &str) -> Result<Self> {
        let v: serde_json::Value = serde_json::from_str(json).map_err(|e| Error::from_json(&e))?;
        if let Some(found) = v.get("schema_version").and_then(serde_json::Value::as_u64)
            && found != SCHEMA_VERSION
        {
            return Err(Error::SchemaVersion {
                found,
                supported: SCHEMA_VERSION,
            });
        }
        serde_json::from_str(json).map_err(|e| Error::from_json(&e))
    }

    /// Writes registry JSON with `schema_version` 1. It holds full NIKs: it is data, not a log.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|_| unreachable!("registry types always serialise"))
    }

    /// JSON for logs: every NIK and phone number masked.
    pub fn to_log_json(&self) -> Result<String> {
        privacy::to_log_json(self)
    }

    /// Adds a KIM after checking its id is new and its history and members are consistent.
    pub fn insert(&mut self, kim: Kim) -> Result<()> {
        if self.by_id.contains_key(&kim.id) {
            return Err(Error::DuplicateKim { id: kim.id });
        }
        kim.check_consistency()?;
        self.by_id.insert(kim.id.clone(), self.kims.len());
        self.kims.push(kim);
        self.columns = OnceLock::new();
        Ok(())
    }

    /// Number of KIMs.
    pub fn len(&self) -> usize {
        self.kims.len()
    }

    /// True if empty.
    pub fn is_empty(&self) -> bool {
        self.kims.is_empty()
    }

    /// The KIM with this id.
    pub fn get(&self, id: &str) -> Option<&Kim> {
        self.by_id.get(id).map(|&i| &self.kims[i])
    }

    /// All KIMs in insertion order.
    pub fn kims(&self) -> &[Kim] {
        &self.kims
    }

    /// Applies one dated event. Events of one KIM must come in date order; an event dated before the KIM's latest
    /// recorded change is [`Error::OutOfOrder`]. A disallowed status change is [`Error::InvalidTransition`].
    pub fn apply(&mut self, event: &Event) -> Result<()> {
        let &i = self
            .by_id
            .get(&event.kim)
            .ok_or_else(|| Error::UnknownKim {
                id: event.kim.clone(),
            })?;
        self.columns = OnceLock::new();
        let kim = &mut self.kims[i];
        if let Some(last) = kim.last_event_date()
            && event.date < last
        {
            return Err(Error::OutOfOrder {
                kim: kim.id.clone(),
                date: event.date,
                last,
            });
        }
        match &event.change {
            Change::Status { status } => {
                let from = kim.status();
                if !Status::can_follow(from, *status) {
                    return Err(Error::InvalidTransition {
                        kim: kim.id.clone(),
                        from,
                        to: *status,
                        date: event.date,
                    });
                }
                kim.history.push(StatusChange {
                    date: event.date,
                    status: *status,
                    note: None,
                });
            }
            Change::Join { member } => {
                if kim.members.iter().any(|m| m.id == member.id) {
                    return Err(Error::Member {
                        kim: kim.id.clone(),
                        member: member.id.clone(),
                        problem: "already exists",
                    });
                }
                let mut m = member.clone();
                m.term_start = Some(event.date);
                m.term_end = None;
                kim.members.push(m);
            }
            Change::Leave { member_id } => {
                let m = kim
                    .members
                    .iter_mut()
                    .find(|m| &m.id == member_id && m.term_end.is_none())
                    .ok_or_else(|| Error::Member {
                        kim: event.kim.clone(),
                        member: member_id.clone(),
                        problem: "is unknown or has already left",
                    })?;
                m.term_end = Some(event.date);
            }
        }
        Ok(())
    }

    /// The registry as it was known on `date`: see [`Kim::as_of`]. Equal to applying, in order, only the events
    /// dated on or before `date`.
    #[must_use]
    pub fn as_of(&self, date: NaiveDate) -> Registry {
        Registry {
            kims: self.kims.iter().map(|k| k.as_of(date)).collect(),
            by_id: self.by_id.clone(),
            columns: OnceLock::new(),
        }
    }

    /// The flat copy of seats, histories and member terms that date queries read (built on first use).
    pub fn columns(&self) -> &Columns {
        self.columns.get_or_init(|| Columns::build(&self.kims))
    }

    // ---- CSV and record import -----------------------------------------------------------------------------------

    /// Imports KIMs (and optionally members) from CSV.
    ///
    /// KIM columns (header names, any order; only `id`, `name` and a seat are required):
    /// `id, name, type, seat, desa, kecamatan, kab_kota, sk_number, sk_date, sk_issuer, registration_number,
    /// registration_date, registration_kab_kota, formation_kind, formation_reference, formation_date, media,
    /// sectors, statutes, status, status_date`. `media` and `sectors` are `;`-separated. When `seat` is empty, the
    /// free-text `desa`/`kecamatan`/`kab_kota` names are matched against `reference`; unmatched or ambiguous names
    /// reject the row with the candidates listed.
    ///
    /// Member columns: `kim_id, id, name, nik, sex, birth_date, role, occupation, term_start, term_end,
    /// clean_record, residence`.
    ///
    /// Dates are `YYYY-MM-DD` or `DD/MM/YYYY` (also `DD-MM-YYYY`). Every rejected row is in the report with its line
    /// and field; rows in = accepted + rejected.
    ///
    /// ```
    /// use kim_core::{registry::Registry, wilayah::Reference};
    /// let kims = "id,name,desa,kecamatan,kab_kota,status,status_date\n\
    ///             K1,KIM Perian,Perian,Muara Muntai,Kukar,active,2024-01-01\n\
    ///             K2,KIM X,Atlantis,Muara Muntai,Kukar,active,2024-01-01\n";
    /// let (reg, report) = Registry::import_csv(kims.as_bytes(), None::<&[u8]>, Some(Reference::embedded()))?;
    /// assert_eq!(reg.get("K1").unwrap().seat.to_string(), "64.02.01.2001");
    /// assert_eq!((report.kims.rows_in, report.kims.accepted, report.kims.rejected), (2, 1, 1));
    /// assert_eq!(report.kims.errors[0].line, 3);
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn import_csv<R: Read, M: Read>(
        kims: R,
        members: Option<M>,
        reference: Option<&Reference>,
    ) -> Result<(Registry, ImportReport)> {
        let kim_rows = read_csv_rows(kims, &KIM_COLUMNS)?;
        let member_rows = members
            .map(|m| read_csv_rows(m, &MEMBER_COLUMNS))
            .transpose()?
            .unwrap_or_default();
        Ok(Self::import_rows(&kim_rows, &member_rows, reference))
    }

    /// Imports from records (field → text maps), as the Python binding's `from_records` passes them. `line` of each
    /// record is its 1-based position. Same columns and rules as [`Registry::import_csv`].
    pub fn import_records(
        kims: &[HashMap<String, String>],
        members: &[HashMap<String, String>],
        reference: Option<&Reference>,
    ) -> (Registry, ImportReport) {
        let conv = |rows: &[HashMap<String, String>]| -> Vec<Row> {
            rows.iter()
                .enumerate()
                .map(|(i, r)| Row {
                    line: i as u64 + 1,
                    fields: r
                        .iter()
                        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned()))
                        .collect(),
                    broken: Vec::new(),
                })
                .collect()
        };
        Self::import_rows(&conv(kims), &conv(members), reference)
    }

    fn import_rows(
        kim_rows: &[Row],
        member_rows: &[Row],
        reference: Option<&Reference>,
    ) -> (Registry, ImportReport) {
        let mut reg = Registry::new();
        let mut report = ImportReport::default();
        report.kims.rows_in = kim_rows.len();
        for row in kim_rows {
            if !row.broken.is_empty() {
                report.kims.reject(row.broken.clone());
                continue;
            }
            match parse_kim_row(row, reference) {
                Ok(kim) => {
                    let id = kim.id.clone();
                    if let Err(e) = reg.insert(kim) {
                        report.kims.reject(vec![RowError::new(
                            row.line,
                            "id",
                            &id,
                            e.code(),
                            e.to_string(),
                        )]);
                    } else {
                        report.kims.accepted += 1;
                    }
                }
                Err(errs) => report.kims.reject(errs),
            }
        }
        report.members.rows_in = member_rows.len();
        for row in member_rows {
            if !row.broken.is_empty() {
                report.members.reject(row.broken.clone());
                continue;
            }
            let kim_id = row.get("kim_id").unwrap_or_default();
            let result = parse_member_row(row).and_then(|m| {
                let Some(&i) = reg.by_id.get(kim_id) else {
                    return Err(vec![RowError::new(
                        row.line,
                        "kim_id",
                        kim_id,
                        "KIM-E-UNKNOWN-KIM",
                        "no accepted KIM has this id",
                    )]);
                };
                reg.columns = OnceLock::new();
                let kim = &mut reg.kims[i];
                if kim.members.iter().any(|x| x.id == m.id) {
                    return Err(vec![RowError::new(
                        row.line,
                        "id",
                        &m.id,
                        "KIM-E-MEMBER",
                        "member id already used in this KIM",
                    )]);
                }
                kim.members.push(m);
                Ok(())
            });
            match result {
                Ok(()) => report.members.accepted += 1,
                Err(errs) => report.members.reject(errs),
            }
        }
        (reg, report)
    }
}

/// Outcome of importing one table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct TableReport {
    /// Data rows read (header excluded).
    pub rows_in: usize,
    /// Rows kept.
    pub accepted: usize,
    /// Rows rejected; `rows_in == accepted + rejected`.
    pub rejected: usize,
    /// Every problem of every rejected row (a row may have several).
    pub errors: Vec<RowError>,
}

impl TableReport {
    fn reject(&mut self, errs: Vec<RowError>) {
        self.rejected += 1;
        self.errors.extend(errs);
    }
}

/// Outcome of an import.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ImportReport {
    /// The KIM table.
    pub kims: TableReport,
    /// The member table.
    pub members: TableReport,
}

impl ImportReport {
    /// True if nothing was rejected.
    pub fn is_clean(&self) -> bool {
        self.kims.rejected == 0 && self.members.rejected == 0
    }
}

struct Row {
    line: u64,
    fields: HashMap<String, String>,
    /// Problems that make the row unreadable (wrong field count, bytes that are not UTF-8).
    broken: Vec<RowError>,
}

impl Row {
    fn get(&self, field: &str) -> Option<&str> {
        self.fields
            .get(field)
            .map(String::as_str)
            .filter(|s| !s.is_empty())
    }

    fn any(&self, fields: &[&str]) -> bool {
        fields.iter().any(|f| self.get(f).is_some())
    }
}

/// The columns a table's header must have: every name of `all`, and at least one of `any`.
struct Required {
    all: &'static [&'static str],
    any: &'static [&'static str],
}

const KIM_COLUMNS: Required = Required {
    all: &["id", "name"],
    any: &["seat", "desa"],
};

const MEMBER_COLUMNS: Required = Required {
    all: &["kim_id", "id", "name"],
    any: &[],
};

/// Reads a CSV table into rows. A header that is not UTF-8 or lacks a required column fails the whole table; a row
/// with the wrong number of fields or a field that is not UTF-8 is kept as a broken row, which the import rejects
/// with its line and byte offset, so that rows in = accepted + rejected still holds.
fn read_csv_rows<R: Read>(reader: R, required: &Required) -> Result<Vec<Row>> {
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(reader);
    let mut headers = Vec::new();
    for (i, h) in rdr
        .byte_headers()
        .map_err(|e| Error::from_csv(&e))?
        .iter()
        .enumerate()
    {
        let h = std::str::from_utf8(h).map_err(|e| Error::Csv {
            line: 1,
            message: format!(
                "header column {} is not UTF-8 (byte {} of the column name)",
                i + 1,
                e.valid_up_to()
            ),
        })?;
        headers.push(h.trim_start_matches('\u{feff}').trim().to_ascii_lowercase());
    }
    // An empty file is an empty table; any other header must name the required columns.
    if !headers.is_empty() {
        check_header(&headers, required)?;
    }
    let mut rows = Vec::new();
    let mut rec = csv::ByteRecord::new();
    while rdr
        .read_byte_record(&mut rec)
        .map_err(|e| Error::from_csv(&e))?
    {
        let (line, byte) = rec.position().map_or((0, 0), |p| (p.line(), p.byte()));
        let mut broken = Vec::new();
        if rec.len() != headers.len() {
            broken.push(RowError::new(
                line,
                "",
                "",
                "KIM-E-CSV-FIELDS",
                format!(
                    "the row has {} fields and the header {} (row starts at byte {byte} of the file)",
                    rec.len(),
                    headers.len()
                ),
            ));
        }
        let mut fields = HashMap::with_capacity(headers.len());
        for (h, v) in headers.iter().zip(rec.iter()) {
            match std::str::from_utf8(v) {
                Ok(v) => {
                    fields.insert(h.clone(), v.to_owned());
                }
                Err(e) => broken.push(RowError::new(
                    line,
                    h.as_str(),
                    "",
                    "KIM-E-UTF8",
                    format!(
                        "not UTF-8 at byte {} of the field (row starts at byte {byte} of the file)",
                        e.valid_up_to()
                    ),
                )),
            }
        }
        rows.push(Row {
            line,
            fields,
            broken,
        });
    }
    Ok(rows)
}

fn check_header(headers: &[String], required: &Required) -> Result<()> {
    let has = |c: &str| headers.iter().any(|h| h == c);
    let missing = required.all.iter().find(|c| !has(c)).or_else(|| {
        (!required.any.is_empty() && !required.any.iter().any(|c| has(c))).then(|| &required.any[0])
    });
    let Some(column) = missing else {
        return Ok(());
    };
    if let [only] = headers
        && let Some(sep) = [';', '\t', '|'].into_iter().find(|c| only.contains(*c))
    {
        return Err(Error::Csv {
            line: 1,
            message: format!(
                "the header is one column with {sep:?} in it: kim reads comma-separated files, save the file \
                 with `,` as the delimiter"
            ),
        });
    }
    Err(Error::MissingColumn {
        column: (*column).to_owned(),
    })
}

/// Parses a date as `YYYY-MM-DD`, `DD/MM/YYYY` or `DD-MM-YYYY`.
///
/// ```
/// use kim_core::registry::parse_date;
/// assert_eq!(parse_date("01/03/2024").unwrap().to_string(), "2024-03-01");
/// assert!(parse_date("2024-02-30").is_err());
/// ```
pub fn parse_date(s: &str) -> std::result::Result<NaiveDate, String> {
    let s = s.trim();
    if let Some(d) = iso_date::fast(s) {
        return Ok(d);
    }
    for fmt in ["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Ok(d);
        }
    }
    Err("not a calendar date (expected YYYY-MM-DD or DD/MM/YYYY)".to_owned())
}

struct RowParser<'a> {
    row: &'a Row,
    errors: Vec<RowError>,
}

impl<'a> RowParser<'a> {
    fn err(&mut self, field: &str, value: &str, code: &'static str, reason: impl Into<String>) {
        self.errors
            .push(RowError::new(self.row.line, field, value, code, reason));
    }

    fn text(&mut self, field: &str, required: bool) -> Option<&'a str> {
        let v = self.row.get(field);
        if v.is_none() && required {
            self.err(
                field,
                "",
                "KIM-E-REQUIRED",
                "required field is empty or missing",
            );
        }
        if let Some(s) = v
            && s.chars().any(char::is_control)
        {
            self.err(field, s, "KIM-E-TEXT", "control characters are not allowed");
            return None;
        }
        v
    }

    fn date(&mut self, field: &str) -> Option<NaiveDate> {
        let v = self.row.get(field)?;
        parse_date(v)
            .map_err(|e| self.err(field, v, "KIM-E-DATE", e))
            .ok()
    }

    fn parsed<T: std::str::FromStr<Err = String>>(&mut self, field: &str) -> Option<T> {
        let v = self.row.get(field)?;
        v.parse()
            .map_err(|e| self.err(field, v, "KIM-E-ENUM", e))
            .ok()
    }

    fn kode(&mut self, field: &str) -> Option<Kode> {
        let v = self.row.get(field)?;
        Kode::parse(v)
            .map_err(|e| self.err(field, v, "KIM-E-CODE", e.to_string()))
            .ok()
    }

    fn boolean(&mut self, field: &str) -> Option<bool> {
        let v = self.row.get(field)?;
        match v.to_ascii_lowercase().as_str() {
            "1" | "true" | "ya" | "y" | "yes" | "ada" => Some(true),
            "0" | "false" | "tidak" | "t" | "no" | "n" | "tidak ada" => Some(false),
            _ => {
                self.err(
                    field,
                    v,
                    "KIM-E-BOOL",
                    "expected true/false (also ya/tidak, 1/0)",
                );
                None
            }
        }
    }

    fn list<T: std::str::FromStr<Err = String>>(&mut self, field: &str) -> Vec<T> {
        let Some(v) = self.row.get(field) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for part in v.split(';').map(str::trim).filter(|p| !p.is_empty()) {
            match part.parse() {
                Ok(x) => out.push(x),
                Err(e) => self.err(field, part, "KIM-E-ENUM", e),
            }
        }
        out
    }

    /// Reports `field` as required when it is absent; passes `value` through.
    fn required<T>(&mut self, field: &str, value: Option<T>, why: &str) -> Option<T> {
        if self.row.get(field).is_none() {
            self.err(field, "", "KIM-E-REQUIRED", why);
        }
        value
    }

    fn finish<T>(self, value: Option<T>) -> std::result::Result<T, Vec<RowError>> {
        match value {
            Some(v) if self.errors.is_empty() => Ok(v),
            _ => Err(self.errors),
        }
    }
}

fn parse_sk(p: &mut RowParser<'_>) -> Option<Sk> {
    if !p.row.any(&["sk_number", "sk_date", "sk_issuer"]) {
        return None;
    }
    let number = p.text("sk_number", true);
    let date = p.date("sk_date");
    let date = p.required("sk_date", date, "an SK needs a date");
    let issuer = p.parsed::<IssuerRole>("sk_issuer");
    let issuer = p.required("sk_issuer", issuer, "an SK needs an issuer");
    Some(Sk {
        number: number?.to_owned(),
        date: date?,
        issuer: issuer?,
    })
}

fn parse_registration(p: &mut RowParser<'_>) -> Option<Registration> {
    if !p.row.any(&[
        "registration_number",
        "registration_date",
        "registration_kab_kota",
    ]) {
        return None;
    }
    let number = p.text("registration_number", true);
    let date = p.date("registration_date");
    let date = p.required("registration_date", date, "a registration needs a date");
    let kab_kota = p.kode("registration_kab_kota");
    let kab_kota = p.required(
        "registration_kab_kota",
        kab_kota,
        "a registration needs the kab/kota code",
    );
    Some(Registration {
        number: number?.to_owned(),
        date: date?,
        kab_kota: kab_kota?,
    })
}

fn parse_formation(p: &mut RowParser<'_>) -> Option<FormationEvidence> {
    if !p.row.any(&["formation_kind", "formation_reference"]) {
        return None;
    }
    let kind = p
        .parsed::<EvidenceKind>("formation_kind")
        .unwrap_or(EvidenceKind::Other);
    let reference = p
        .text("formation_reference", false)
        .unwrap_or_default()
        .to_owned();
    let date = p.date("formation_date");
    Some(FormationEvidence {
        kind,
        reference,
        date,
    })
}

fn parse_kim_row(
    row: &Row,
    reference: Option<&Reference>,
) -> std::result::Result<Kim, Vec<RowError>> {
    let mut p = RowParser {
        row,
        errors: Vec::new(),
    };
    let id = p.text("id", true);
    let name = p.text("name", true);
    let kind = p.parsed::<KimType>("type");
    let seat = if row.get("seat").is_some() {
        p.kode("seat")
    } else {
        resolve_seat(&mut p, reference)
    };
    let sk = parse_sk(&mut p);
    let registration = parse_registration(&mut p);
    let formation = parse_formation(&mut p);
    let media = p.list::<Media>("media");
    let sectors = row
        .get("sectors")
        .map(|s| {
            s.split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let statutes = p.boolean("statutes").unwrap_or(false);
    let mut history = Vec::new();
    if let Some(status) = p.parsed::<Status>("status") {
        match p.date("status_date") {
            Some(date) => history.push(StatusChange {
                date,
                status,
                note: None,
            }),
            None if row.get("status_date").is_none() => p.err(
                "status_date",
                "",
                "KIM-E-REQUIRED",
                "a status needs the date it took effect",
            ),
            None => {}
        }
    }
    let kim = match (id, name, seat) {
        (Some(id), Some(name), Some(seat)) => Some(Kim {
            id: id.to_owned(),
            name: name.to_owned(),
            kind: kind.unwrap_or(KimType::Informasi),
            seat,
            sk,
            registration,
            formation,
            media,
            sectors,
            statutes,
            members: Vec::new(),
            history,
        }),
        _ => None,
    };
    p.finish(kim)
}

fn resolve_seat(p: &mut RowParser<'_>, reference: Option<&Reference>) -> Option<Kode> {
    let row = p.row;
    let (desa, kec, kab) = (row.get("desa"), row.get("kecamatan"), row.get("kab_kota"));
    let Some(desa) = desa else {
        p.err(
            "seat",
            "",
            "KIM-E-REQUIRED",
            "give a seat code, or desa (with kecamatan and kab_kota) names",
        );
        return None;
    };
    let Some(reference) = reference else {
        p.err(
            "desa",
            desa,
            "KIM-E-ARGUMENT",
            "matching village names needs a reference code list",
        );
        return None;
    };
    let parts: Vec<&str> = [kab, kec, Some(desa)].into_iter().flatten().collect();
    // The last part is a village: if no prefix says otherwise, make that explicit for single-name rows too.
    let res = if parts.len() == 1 {
        let m = reference.match_name_at(desa, None, Some(Level::Desa));
        match m.as_slice() {
            [] => Resolution::NotFound,
            [one] if one.kind == crate::wilayah::MatchKind::Exact => {
                Resolution::Unique(one.clone())
            }
            _ => Resolution::Ambiguous(m.into_iter().take(10).collect()),
        }
    } else {
        reference.resolve_parts(&parts)
    };
    match res {
        Resolution::Unique(m) if m.kode.level() == Level::Desa => Some(m.kode),
        Resolution::Unique(m) => {
            p.err(
                "desa",
                desa,
                "KIM-E-NAME",
                format!("matched {} {}, which is not a village", m.kode, m.name),
            );
            None
        }
        Resolution::Ambiguous(c) => {
            let list: Vec<String> = c
                .iter()
                .take(5)
                .map(|m| format!("{} {} ({:.2})", m.kode, m.name, m.score))
                .collect();
            p.err(
                "desa",
                desa,
                "KIM-E-NAME-AMBIGUOUS",
                format!(
                    "ambiguous or uncertain place; candidates: {}",
                    list.join("; ")
                ),
            );
            None
        }
        Resolution::NotFound => {
            p.err(
                "desa",
                desa,
                "KIM-E-NAME-UNMATCHED",
                "no village of this name in the given kecamatan/kab_kota",
            );
            None
        }
    }
}

fn parse_member_row(row: &Row) -> std::result::Result<Member, Vec<RowError>> {
    let mut p = RowParser {
        row,
        errors: Vec::new(),
    };
    let _ = p.text("kim_id", true);
    let id = p.text("id", true);
    let name = p.text("name", true);
    let nik = row.get("nik").and_then(|v| {
        Nik::parse(v)
            .map_err(|e| p.err("nik", v, e.code(), e.to_string()))
            .ok()
    });
    let sex = p.parsed::<Sex>("sex");
    let birth_date = p.date("birth_date");
    let role = p.parsed::<Role>("role").unwrap_or(Role::Anggota);
    let occupation = p.parsed::<Occupation>("occupation").unwrap_or_default();
    let term_start = p.date("term_start");
    let term_end = p.date("term_end");
    if let (Some(s), Some(e)) = (term_start, term_end)
        && e < s
    {
        p.err(
            "term_end",
            &e.to_string(),
            "KIM-E-DATE",
            "term ends before it starts",
        );
    }
    let clean_record = p.boolean("clean_record");
    let residence = p.kode("residence");
    let m = match (id, name) {
        (Some(id), Some(name)) => Some(Member {
            id: id.to_owned(),
            name: name.to_owned(),
            nik,
            sex,
            birth_date,
            role,
            occupation,
            term_start,
            term_end,
            clean_record,
            residence,
        }),
        _ => None,
    };
    p.finish(m)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn iso_dates_read_as_chrono_reads_them() {
        for s in [
            "2024-02-29",
            "2023-02-29",
            "2024-02-30",
            "2024-13-01",
            "2024-00-10",
            "0000-01-01",
            "9999-12-31",
            "2024-1-01",
            "2024-01-1",
            "+2024-01-01",
            "2024/01/01",
            "20240101",
            " 2024-01-01",
            "2024-01-01 ",
            "2024-01-0a",
            "",
            "-001-01-01",
            "१२३४-01-01",
        ] {
            assert_eq!(iso_date::parse(s), s.parse::<NaiveDate>(), "{s:?}");
        }
        // serde messages are chrono's too.
        let e =
            serde_json::from_str::<StatusChange>(r#"{"date": 5, "status": "active"}"#).unwrap_err();
        assert!(
            e.to_string().contains("expected a formatted date string"),
            "{e}"
        );
        let e =
            serde_json::from_str::<StatusChange>(r#"{"date": "2024-02-30", "status": "active"}"#)
                .unwrap_err();
        assert!(e.to_string().contains("input is out of range"), "{e}");
        let m: Member = serde_json::from_str(
            r#"{"id": "m", "name": "A", "birth_date": null, "term_start": "2024-01-02"}"#,
        )
        .unwrap();
        assert_eq!(
            (m.birth_date, m.term_start, m.term_end),
            (None, Some(d("2024-01-02")), None)
        );
        let e = serde_json::from_str::<Member>(r#"{"id": "m", "name": "A", "term_end": []}"#)
            .unwrap_err();
        assert!(
            e.to_string().contains("expected a formatted date string"),
            "{e}"
        );
        // Event flattens its change, so dates arrive through serde's buffered content.
        let ev: Event = serde_json::from_str(
            r#"{"date": "2024-03-04", "kim": "K", "change": "join", "member": {"id": "m", "name": "A", "birth_date": "1990-05-06"}}"#,
        )
        .unwrap();
        assert_eq!(ev.date, d("2024-03-04"));
        let Change::Join { member } = ev.change else {
            panic!("join")
        };
        assert_eq!(member.birth_date, Some(d("1990-05-06")));
    }

    proptest::proptest! {
        #[test]
        fn iso_date_fast_path_agrees_with_chrono(s in "[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9+ -]{0,12}|\\PC{0,12}") {
            proptest::prop_assert_eq!(iso_date::parse(&s), s.parse::<NaiveDate>());
        }
    }

    #[test]
    fn nik_structure() {
        let problem = |s: &str| match Nik::parse(s) {
            Err(Error::InvalidNik { problem, masked }) => {
                assert!(!masked.contains("0141019"), "{masked}");
                problem
            }
            other => panic!("{other:?}"),
        };
        assert_eq!(problem("640201410190000"), NikProblem::Length);
        assert_eq!(problem("64020141019000011"), NikProblem::Length);
        assert_eq!(problem("640201410190000a"), NikProblem::NotDigit);
        assert_eq!(problem("0002014101900001"), NikProblem::Region);
        assert_eq!(problem("6402013201900001"), NikProblem::Day);
        assert_eq!(problem("6402017201900001"), NikProblem::Day);
        assert_eq!(problem("6402011513900001"), NikProblem::Month);
        assert_eq!(problem("6402013002900001"), NikProblem::Date);
        assert_eq!(problem("6402012902910001"), NikProblem::Date);
        assert_eq!(problem("6402014101900000"), NikProblem::Serial);
        assert!(Nik::parse("6402012902920001").is_ok()); // 29 Feb of a leap YY
        assert!(Nik::parse("6402.0171.1290.0001").is_ok()); // woman born 31 Dec
    }

    #[test]
    fn nik_birth_and_sex() {
        let n = Nik::parse("6402015507850003").unwrap();
        assert_eq!(n.sex(), Sex::Female);
        assert!(n.matches_birth_date(d("1985-07-15")));
        assert!(!n.matches_birth_date(d("1985-07-16")));
        assert_eq!(n.region().to_string(), "64.02.01");
    }

    #[test]
    fn lifecycle_transitions() {
        use Status::*;
        let allowed = [
            (Draft, Established),
            (Established, Registered),
            (Registered, Active),
            (Active, Inactive),
            (Inactive, Active),
        ];
        for from in Status::ALL {
            for to in Status::ALL {
                let expect =
                    allowed.contains(&(*from, *to)) || (*to == Dissolved && *from != Dissolved);
                assert_eq!(
                    Status::can_follow(Some(*from), *to),
                    expect,
                    "{from} -> {to}"
                );
            }
        }
    }

    #[test]
    fn events_and_members() {
        let mut r = Registry::new();
        r.insert(Kim::new("K", "KIM", Kode::parse("64.02.01.2001").unwrap()))
            .unwrap();
        let ev = |date: &str, change| Event {
            date: d(date),
            kim: "K".into(),
            change,
        };
        r.apply(&ev(
            "2024-01-01",
            Change::Join {
                member: Member::new("m1", "A", Role::Ketua),
            },
        ))
        .unwrap();
        r.apply(&ev(
            "2024-02-01",
            Change::Leave {
                member_id: "m1".into(),
            },
        ))
        .unwrap();
        assert!(
            r.apply(&ev(
                "2024-01-15",
                Change::Status {
                    status: Status::Active
                }
            ))
            .is_err()
        );
        let e = r
            .apply(&ev(
                "2024-03-01",
                Change::Leave {
                    member_id: "m1".into(),
                },
            ))
            .unwrap_err();
        assert_eq!(e.code(), "KIM-E-MEMBER");
        let k = r.get("K").unwrap();
        assert_eq!(k.members_on(d("2024-02-01")).count(), 1);
        assert_eq!(k.members_on(d("2024-02-02")).count(), 0);
        assert_eq!(
            r.as_of(d("2024-01-10")).get("K").unwrap().members[0].term_end,
            None
        );
        let e = r
            .apply(&Event {
                date: d("2024-03-01"),
                kim: "nope".into(),
                change: Change::Status {
                    status: Status::Active,
                },
            })
            .unwrap_err();
        assert_eq!(e.code(), "KIM-E-UNKNOWN-KIM");
    }

    #[test]
    fn json_rejects_bad_history_and_versions() {
        let bad = r#"{"schema_version":1,"kims":[{"id":"K","name":"N","seat":"64.02.01.2001","history":[{"date":"2024-01-01","status":"dissolved"},{"date":"2024-02-01","status":"active"}]}]}"#;
        assert!(
            Registry::from_json(bad)
                .unwrap_err()
                .to_string()
                .contains("cannot change status")
        );
        let v2 = r#"{"schema_version":2,"kims":[]}"#;
        assert_eq!(Registry::from_json(v2).unwrap_err().code(), "KIM-E-SCHEMA");
        let nik = r#"{"schema_version":1,"kims":[{"id":"K","name":"N","seat":"64.02.01.2001","members":[{"id":"m","name":"x","nik":"6402013002900001"}]}]}"#;
        let msg = Registry::from_json(nik).unwrap_err().to_string();
        assert!(
            msg.contains("6402**********01") && !msg.contains("30029"),
            "{msg}"
        );
    }

    #[test]
    fn csv_import_reports_every_bad_row() {
        let kims = "id,name,seat,sk_number,sk_date,sk_issuer,status,status_date\n\
                    K1,A,64.02.01.2001,1/2024,2024-01-02,kepala_desa,active,2024-01-03\n\
                    K2,B,64.02.99.9999,,,,active,2024-01-03\n\
                    K3,C,64.02.01.2002,1/2024,2024-02-30,kepala_desa,aktif,2024-01-03\n\
                    K1,D,64.02.01.2003,,,,,\n";
        let members = "kim_id,id,name,nik,role\nK1,m1,Siti,6402014101900001,ketua\nK1,m2,Budi,123,anggota\nK9,m1,X,,anggota\n";
        let (reg, rep) =
            Registry::import_csv(kims.as_bytes(), Some(members.as_bytes()), None).unwrap();
        assert_eq!(reg.len(), 1);
        assert_eq!(
            (rep.kims.rows_in, rep.kims.accepted, rep.kims.rejected),
            (4, 1, 3)
        );
        let where_: Vec<(u64, &str)> = rep
            .kims
            .errors
            .iter()
            .map(|e| (e.line, e.field.as_str()))
            .collect();
        assert_eq!(where_, vec![(3, "seat"), (4, "sk_date"), (5, "id")]);
        assert_eq!(
            (
                rep.members.rows_in,
                rep.members.accepted,
                rep.members.rejected
            ),
            (3, 1, 2)
        );
        assert_eq!(rep.members.errors[0].field, "nik");
        assert_eq!(rep.members.errors[1].field, "kim_id");
    }

    #[test]
    fn unreadable_csv_rows_are_rejected_one_by_one_with_line_and_byte() {
        let kims = b"id,name,seat,status,status_date\n\
                     K1,A,64.02.01.2001,active\n\
                     K2,B \xff\xfe,64.02.01.2002,active,2024-01-01\n\
                     K3,C,64.02.01.2003,active,2024-01-01\n";
        let (reg, rep) = Registry::import_csv(&kims[..], None::<&[u8]>, None).unwrap();
        assert_eq!(reg.len(), 1);
        assert_eq!(
            (rep.kims.rows_in, rep.kims.accepted, rep.kims.rejected),
            (3, 1, 2)
        );
        let e = &rep.kims.errors;
        assert_eq!((e[0].line, e[0].code), (2, "KIM-E-CSV-FIELDS"));
        assert!(
            e[0].reason.contains("4 fields and the header 5") && e[0].reason.contains("byte 32")
        );
        assert_eq!(
            (e[1].line, e[1].field.as_str(), e[1].code),
            (3, "name", "KIM-E-UTF8")
        );
        assert!(
            e[1].reason.contains("byte 2 of the field"),
            "{}",
            e[1].reason
        );
    }

    #[test]
    fn a_header_without_the_required_columns_fails_the_table() {
        let semicolons = "id;name;seat\nK1;A;64.02.01.2001\n";
        let e = Registry::import_csv(semicolons.as_bytes(), None::<&[u8]>, None).unwrap_err();
        assert!(e.to_string().contains("comma-separated"), "{e}");
        let no_seat = "id,name,status\nK1,A,active\n";
        let e = Registry::import_csv(no_seat.as_bytes(), None::<&[u8]>, None).unwrap_err();
        assert_eq!(e.to_string(), "CSV header lacks the required column `seat`");
        let members = "kim,id,name\n";
        let e = Registry::import_csv(&b"id,name,seat\n"[..], Some(members.as_bytes()), None)
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "CSV header lacks the required column `kim_id`"
        );
        // An empty file is an empty table.
        let (reg, rep) = Registry::import_csv(&b""[..], None::<&[u8]>, None).unwrap();
        assert_eq!((reg.len(), rep.kims.rows_in), (0, 0));
    }
}
