//! The pembinaan data: [`Activity`] (kind, organizer, dates, place, mode, topics, participants, funding) and
//! [`SarprasGrant`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::forum::MemberRef;
use crate::wilayah::Kode;

macro_rules! words {
    ($name:ident { $($v:ident = $s:literal => $id:literal, $en:literal;)+ }) => {
        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$v),+];
            /// The value in words, in Bahasa Indonesia.
            pub fn label_id(self) -> &'static str { match self { $($name::$v => $id),+ } }
            /// The value in words, in English.
            pub fn label_en(self) -> &'static str { match self { $($name::$v => $en),+ } }
            /// The snake_case name used in JSON and CSV.
            pub fn as_str(self) -> &'static str { match self { $($name::$v => $s),+ } }
        }

        impl std::str::FromStr for $name {
            type Err = String;
            /// The snake_case name or an alias, any case, spaces and hyphens as `_`.
            fn from_str(s: &str) -> Result<Self, String> {
                let folded = s.trim().to_lowercase().replace([' ', '-', '/'], "_");
                serde_json::from_value(serde_json::Value::String(folded)).map_err(|_| {
                    let all: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                    format!("unknown value {s:?}; expected one of {}", all.join(", "))
                })
            }
        }
    };
}

/// The kind of a pembinaan activity: Permenkominfo 4/2024 Pasal 24 ayat (6) huruf a–f, Pasal 85, and practice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ActivityKind {
    /// Needs analysis (Ps 24(6)(a)).
    AnalisisKebutuhan,
    /// Partnership models (Ps 24(6)(b)).
    ModelKemitraan,
    /// Technical guidance (*bimbingan teknis*, Ps 24(6)(c)).
    Bimtek,
    /// Workshop (Ps 24(6)(c)).
    Workshop,
    /// Sarasehan (Ps 24(6)(c)).
    Sarasehan,
    /// A forum as an event (Ps 24(6)(c)).
    Forum,
    /// Literacy (Ps 24(6)(c)).
    #[serde(alias = "literasi_digital")]
    Literasi,
    /// Co-designed material and dissemination through KIM media (Ps 24(6)(d)).
    Diseminasi,
    /// Competitions and awards (Ps 24(6)(e)).
    #[serde(alias = "penghargaan")]
    Lomba,
    /// Monitoring and evaluation (Ps 24(6)(f), Ps 83).
    #[serde(alias = "monitoring_evaluasi")]
    Monev,
    /// Socialisation (practice).
    Sosialisasi,
    /// Training (practice; Ps 85 *pendidikan dan pelatihan*).
    Pelatihan,
    /// Accompaniment (practice).
    Pendampingan,
    /// Study visit (practice).
    StudiBanding,
    /// Training of trainers (practice).
    Tot,
    /// Handover of sarana-prasarana (practice).
    #[serde(alias = "sarpras")]
    SerahTerimaSarpras,
    /// Inauguration of a KIM or forum (practice).
    Pengukuhan,
    /// Anything else.
    Lainnya,
}

words! { ActivityKind {
    AnalisisKebutuhan = "analisis_kebutuhan" => "analisis kebutuhan", "needs analysis";
    ModelKemitraan = "model_kemitraan" => "model kemitraan", "partnership model";
    Bimtek = "bimtek" => "bimbingan teknis", "technical guidance (bimtek)";
    Workshop = "workshop" => "lokakarya", "workshop";
    Sarasehan = "sarasehan" => "sarasehan", "sarasehan (discussion)";
    Forum = "forum" => "forum", "forum (event)";
    Literasi = "literasi" => "literasi", "literacy";
    Diseminasi = "diseminasi" => "diseminasi", "dissemination";
    Lomba = "lomba" => "lomba dan penghargaan", "competition and award";
    Monev = "monev" => "monitoring dan evaluasi", "monitoring and evaluation";
    Sosialisasi = "sosialisasi" => "sosialisasi", "socialisation";
    Pelatihan = "pelatihan" => "pelatihan", "training";
    Pendampingan = "pendampingan" => "pendampingan", "accompaniment";
    StudiBanding = "studi_banding" => "studi banding", "study visit";
    Tot = "tot" => "training of trainers", "training of trainers";
    SerahTerimaSarpras = "serah_terima_sarpras" => "serah terima sarpras", "sarpras handover";
    Pengukuhan = "pengukuhan" => "pengukuhan", "inauguration";
    Lainnya = "lainnya" => "lainnya", "other";
}}

/// Who organised an activity (PB1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum OrganizerKind {
    /// The kab/kota Dinas (Diskominfo).
    DinasKabKota,
    /// The provincial Dinas.
    DinasProvinsi,
    /// The ministry (Ps 85).
    #[serde(alias = "kemkomdigi", alias = "kominfo")]
    Kementerian,
    /// The camat (no statutory role; hosts events in practice).
    Camat,
    /// A Forum KIM.
    Forum,
    /// Anyone else (a university, a company, an NGO).
    Lainnya,
}

words! { OrganizerKind {
    DinasKabKota = "dinas_kab_kota" => "Dinas kabupaten/kota", "regency/city Dinas";
    DinasProvinsi = "dinas_provinsi" => "Dinas provinsi", "provincial Dinas";
    Kementerian = "kementerian" => "Kementerian", "Ministry";
    Camat = "camat" => "camat", "camat";
    Forum = "forum" => "Forum KIM", "Forum KIM";
    Lainnya = "lainnya" => "pihak lain", "other organiser";
}}

/// An organizer: kind, region (the Dinas's kab/kota or province) and name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Organizer {
    /// Kind.
    pub kind: OrganizerKind,
    /// Its region: `PP.KK` for a kab/kota Dinas, `PP` for a provincial one.
    #[serde(default)]
    pub region: Option<Kode>,
    /// Name, e.g. `Diskominfo Kukar`.
    #[serde(default)]
    pub name: String,
}

impl Organizer {
    /// An organiser of this kind, region (`PP.KK` for a kab/kota Dinas, `PP` for a provincial one, `None` for the
    /// ministry) and name.
    ///
    /// ```
    /// use kim_core::{pembinaan::{Organizer, OrganizerKind}, wilayah::Kode};
    /// let o = Organizer::new(OrganizerKind::DinasKabKota, Some(Kode::parse("64.02")?), "Diskominfo Kukar");
    /// assert_eq!(o.name, "Diskominfo Kukar");
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[must_use]
    pub fn new(kind: OrganizerKind, region: Option<Kode>, name: impl Into<String>) -> Self {
        Self {
            kind,
            region,
            name: name.into(),
        }
    }
}

/// How an activity was held.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Mode {
    /// In person.
    #[serde(alias = "offline", alias = "tatap_muka")]
    Luring,
    /// Online.
    #[serde(alias = "online")]
    Daring,
    /// Both.
    #[serde(alias = "hybrid", alias = "hibrid")]
    Hibrida,
}

words! { Mode {
    Luring = "luring" => "luring", "in person";
    Daring = "daring" => "daring", "online";
    Hibrida = "hibrida" => "hibrida", "hybrid";
}}

/// A participant: a KIM or forum, optionally a person of it, invited and attended or not.
///
/// ```
/// use kim_core::pembinaan::Participant;
/// // In JSON `attended` defaults to true; an invitation not attended says so.
/// let came: Participant = serde_json::from_str(r#"{"kim": "K1", "person": "Siti"}"#).unwrap();
/// assert_eq!((came.unit.kim(), came.attended), (Some("K1"), true));
/// let invited: Participant = serde_json::from_str(r#"{"forum": "FK-6402", "attended": false}"#).unwrap();
/// assert_eq!((invited.unit.forum(), invited.attended), (Some("FK-6402"), false));
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Participant {
    /// The KIM or forum.
    #[serde(flatten)]
    pub unit: MemberRef,
    /// The person who came (personal data: never logged).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub person: Option<String>,
    /// Attended. An invitation not attended never counts (PB4).
    #[serde(default = "yes")]
    pub attended: bool,
}

fn yes() -> bool {
    true
}

/// A source of funds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FundingSource {
    /// State budget.
    Apbn,
    /// Provincial budget.
    ApbdProvinsi,
    /// Kab/kota budget.
    #[serde(alias = "apbd")]
    ApbdKabKota,
    /// Village fund.
    DanaDesa,
    /// Self-funded.
    Swadaya,
    /// Corporate social responsibility.
    Csr,
    /// Other.
    Lainnya,
}

words! { FundingSource {
    Apbn = "apbn" => "APBN", "state budget (APBN)";
    ApbdProvinsi = "apbd_provinsi" => "APBD provinsi", "provincial budget (APBD)";
    ApbdKabKota = "apbd_kab_kota" => "APBD kabupaten/kota", "regency/city budget (APBD)";
    DanaDesa = "dana_desa" => "Dana Desa", "village fund (Dana Desa)";
    Swadaya = "swadaya" => "swadaya", "self-funded";
    Csr = "csr" => "CSR", "CSR";
    Lainnya = "lainnya" => "lainnya", "other";
}}

/// Funding of an activity or grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Funding {
    /// Source.
    pub source: FundingSource,
    /// Amount in rupiah, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<u64>,
    /// SIPD budget code of the sub-kegiatan, e.g. `2.16.02.2.01.0015` (PB7).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sipd_code: Option<String>,
}

impl Funding {
    /// Funding from `source`, amount and SIPD code unknown.
    #[must_use]
    pub fn new(source: FundingSource) -> Self {
        Self {
            source,
            amount: None,
            sipd_code: None,
        }
    }

    /// The amount in rupiah.
    #[must_use]
    pub fn amount(mut self, rupiah: u64) -> Self {
        self.amount = Some(rupiah);
        self
    }

    /// The SIPD budget code of the sub-kegiatan (PB7).
    #[must_use]
    pub fn sipd_code(mut self, code: impl Into<String>) -> Self {
        self.sipd_code = Some(code.into());
        self
    }
}

/// A pembinaan activity.
///
/// ```
/// use kim_core::pembinaan::{Activity, ActivityKind, Funding, FundingSource, MemberRef, Mode};
/// use kim_core::pembinaan::{Organizer, OrganizerKind};
/// use kim_core::{chrono::NaiveDate, wilayah::Kode};
/// let dinas = Organizer::new(OrganizerKind::DinasKabKota, Some(Kode::parse("64.02")?), "Diskominfo Kukar");
/// let d = |day| NaiveDate::from_ymd_opt(2024, 8, day).unwrap();
/// let apbd = Funding::new(FundingSource::ApbdKabKota).amount(25_000_000).sipd_code("2.16.02.2.01.0015");
/// let bimtek = Activity::new("A1", "Bimtek KIM", ActivityKind::Bimtek, dinas, d(5), d(6))
///     .at(Kode::parse("64.02.01")?)
///     .participant(MemberRef::Kim("K1".into()), true)
///     .participant(MemberRef::Kim("K2".into()), false) // invited, did not come
///     .funded(apbd);
/// assert!(bimtek.attended_by("K1"));
/// assert!(!bimtek.attended_by("K2")); // PB4: an invitation not attended never counts
/// assert_eq!(bimtek.mode, Mode::Luring);
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Activity {
    /// Unique id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Kind.
    pub kind: ActivityKind,
    /// Organizer.
    pub organizer: Organizer,
    /// First day.
    pub start: NaiveDate,
    /// Last day (the day that counts for windows and for PB3).
    pub end: NaiveDate,
    /// Where: a Kemendagri code (village, kecamatan, …).
    #[serde(default)]
    pub location: Option<Kode>,
    /// Mode.
    #[serde(default = "luring")]
    pub mode: Mode,
    /// Topics.
    #[serde(default)]
    pub topics: Vec<String>,
    /// Participants.
    #[serde(default)]
    pub participants: Vec<Participant>,
    /// Funding.
    #[serde(default)]
    pub funding: Vec<Funding>,
}

fn luring() -> Mode {
    Mode::Luring
}

impl Activity {
    /// An activity held in person, with no place, topic, participant or funding yet.
    pub fn new(
        id: impl Into<String>,
        title: impl Into<String>,
        kind: ActivityKind,
        organizer: Organizer,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Self {
        Self {
            id: id.into(),
            title: title.into(),
            kind,
            organizer,
            start,
            end,
            location: None,
            mode: Mode::Luring,
            topics: Vec::new(),
            participants: Vec::new(),
            funding: Vec::new(),
        }
    }

    /// Held at `location`.
    #[must_use]
    pub fn at(mut self, location: Kode) -> Self {
        self.location = Some(location);
        self
    }

    /// With a participant (`attended`: it came; an invitation not attended never counts).
    #[must_use]
    pub fn participant(mut self, unit: MemberRef, attended: bool) -> Self {
        self.participants.push(Participant {
            unit,
            person: None,
            attended,
        });
        self
    }

    /// With funding.
    #[must_use]
    pub fn funded(mut self, funding: Funding) -> Self {
        self.funding.push(funding);
        self
    }

    /// True if KIM `kim` attended.
    #[must_use]
    pub fn attended_by(&self, kim: &str) -> bool {
        self.participants
            .iter()
            .any(|p| p.attended && p.unit.kim() == Some(kim))
    }
}

/// The kind of a sarpras item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ItemKind {
    /// Laptop.
    Laptop,
    /// Printer.
    Printer,
    /// Camera.
    Kamera,
    /// Phone or tablet.
    Gawai,
    /// Sound system or projector.
    AlatPresentasi,
    /// Internet access.
    Internet,
    /// Anything else.
    Lainnya,
}

words! { ItemKind {
    Laptop = "laptop" => "laptop", "laptop";
    Printer = "printer" => "printer", "printer";
    Kamera = "kamera" => "kamera", "camera";
    Gawai = "gawai" => "gawai", "phone or tablet";
    AlatPresentasi = "alat_presentasi" => "alat presentasi", "presentation equipment";
    Internet = "internet" => "akses internet", "internet access";
    Lainnya = "lainnya" => "lainnya", "other";
}}

/// One line of a grant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct GrantItem {
    /// Kind.
    pub kind: ItemKind,
    /// Description as written.
    #[serde(default)]
    pub description: String,
    /// Units.
    pub quantity: u32,
    /// Total value in rupiah, if known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<u64>,
}

/// A handover of sarana-prasarana to a KIM or forum, with its BAST (*berita acara serah terima*) number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SarprasGrant {
    /// Unique id.
    pub id: String,
    /// Day of the handover.
    pub date: NaiveDate,
    /// Who gave it.
    pub giver: Organizer,
    /// Who received it.
    pub recipient: MemberRef,
    /// Items.
    pub items: Vec<GrantItem>,
    /// BAST number, if recorded.
    #[serde(default)]
    pub bast_number: Option<String>,
    /// Funding.
    #[serde(default)]
    pub funding: Vec<Funding>,
}

impl SarprasGrant {
    /// A grant with no item yet.
    pub fn new(
        id: impl Into<String>,
        date: NaiveDate,
        giver: Organizer,
        recipient: MemberRef,
    ) -> Self {
        Self {
            id: id.into(),
            date,
            giver,
            recipient,
            items: Vec::new(),
            bast_number: None,
            funding: Vec::new(),
        }
    }
}
