//! The KIM registry: KIMs, members, NIKs and a dated history (docs/domain.md §3, §5).
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
//!
//! Legacy text is kept, not rejected: an SK issuer, member role or occupation that names no known value is stored
//! as `other` / `anggota` / `lainnya` with the text in `issuer_raw` / `role_raw` / `occupation_raw`; an SK without
//! an issuer has `tidak_diketahui`. Member rows an import rejected are kept on their KIM in `member_problems`
//! (`[{"path": "members[m2].nik", "code": "KIM-E-NIK", "message": …, "line": 3}]`). Validation reports both. Ids
//! and names are trimmed and checked by one rule on every input ([`crate::vocab::clean_text`]).
//!
//! ```
//! use kim_core::registry::{IssuerRole, Registry, Role, Status};
//! let registry = Registry::from_json(r#"{"schema_version": 1, "kims": [{
//!     "id": "K1", "name": "KIM Perian", "seat": "64.02.01.2001",
//!     "sk": {"number": "141/05/SK-KIM/2023", "date": "2023-02-01", "issuer": "Kepala Desa Perian"},
//!     "members": [{"id": "m1", "name": "Siti", "nik": "6402014101900001", "role": "Koordinator Liputan"}],
//!     "history": [{"date": "2023-02-01", "status": "established"}]}]}"#)?;
//! let k1 = registry.get("K1").unwrap();
//! assert_eq!(k1.status(), Some(Status::Established));
//! assert_eq!(k1.sk.as_ref().map(|s| s.issuer), Some(IssuerRole::KepalaDesa)); // from legacy text
//! let siti = &k1.members[0];
//! assert_eq!((siti.role, siti.role_raw.as_deref()), (Role::Anggota, Some("Koordinator Liputan"))); // legacy text kept
//! assert_eq!(siti.nik.as_ref().map(ToString::to_string), Some("6402**********01".to_owned())); // masked
//! assert_eq!(Registry::from_json(&registry.to_json())?, registry);
//! # Ok::<(), kim_core::Error>(())
//! ```

mod columns;
#[cfg(feature = "csv")]
mod csv;
mod dates;
mod history;
mod import;
mod index;
mod json;
mod kim;
mod nik;
mod options;
#[cfg(feature = "names")]
mod places;
#[cfg(not(feature = "names"))]
#[path = "places_off.rs"]
mod places;
mod report;
mod review;
mod rows;
#[cfg(test)]
mod tests;

use crate::error::ArgumentProblem;
use std::collections::HashMap;
use std::sync::OnceLock;

#[cfg(feature = "csv")]
pub(crate) use columns::TableSpec;
pub use dates::{DateError, DateProblem, parse_date, parse_date_with};
pub use history::{Change, Event};
#[cfg(feature = "csv")]
pub(crate) use import::import_table;
pub(crate) use index::DateIndex;
pub use kim::{FormationEvidence, Kim, Member, MemberProblem, Registration, Sk, StatusChange};
pub use nik::Nik;
pub use options::{ImportOptions, TextEncoding};
pub use report::{ImportReport, ImportWarning, TableReport};
pub use review::{ReviewItem, ReviewReason, place_key};
pub use rows::Cell;
#[cfg(feature = "csv")]
pub(crate) use rows::{Row, RowParser};

use crate::error::{Error, Result};
pub use crate::vocab::{EvidenceKind, IssuerRole, KimType, Media, Occupation, Role, Sex, Status};

/// The JSON schema version written and read by [`Registry::to_json`] / [`Registry::from_json`].
pub use crate::SCHEMA_VERSION;

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
///     reg.apply(&Event::new(d(date), "K1", Change::Status { status }))?;
/// }
/// assert_eq!(reg.get("K1").unwrap().status_on(d("2023-01-31")), Some(Status::Established));
/// assert_eq!(reg.as_of(d("2022-12-31")).get("K1").unwrap().status(), None);
/// let bad = reg.apply(&Event::new(d("2023-03-01"), "K1", Change::Status { status: Status::Draft }));
/// assert_eq!(bad.unwrap_err().code(), "KIM-E-TRANSITION");
/// # Ok::<(), kim_core::Error>(())
/// ```
#[derive(Debug, Clone, Default)]
pub struct Registry {
    kims: Vec<Kim>,
    by_id: HashMap<String, usize>,
    /// Derived from `kims` on first use and dropped on every change, so it can never be stale.
    index: OnceLock<DateIndex>,
    /// Per KIM, its member ids and latest member date, so that [`Registry::apply`] is not linear in the members
    /// (built on first use, kept up to date by `apply`, emptied by every other change).
    members: Vec<history::MemberCache>,
}

impl PartialEq for Registry {
    fn eq(&self, other: &Self) -> bool {
        self.kims == other.kims
    }
}

impl Eq for Registry {}

impl Registry {
    /// An empty registry.
    #[must_use]
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

    /// Adds a KIM after checking its id is new and its history and members are consistent.
    ///
    /// ```
    /// use kim_core::{registry::{Kim, Registry}, wilayah::Kode};
    /// let mut reg = Registry::new();
    /// reg.insert(Kim::new("K1", "KIM Perian", Kode::parse("64.02.01.2001")?))?;
    /// reg.insert(Kim::new("K2", "KIM Muara Leka", Kode::parse("64.02.01.2002")?))?;
    /// let again = reg.insert(Kim::new("K1", "KIM Perian Maju", Kode::parse("64.02.01.2001")?));
    /// assert_eq!(again.unwrap_err().code(), "KIM-E-DUPLICATE-KIM");
    /// assert_eq!(reg.len(), 2);
    /// assert_eq!(reg.get("K1").map(|k| k.name.as_str()), Some("KIM Perian")); // the first one is kept
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn insert(&mut self, kim: Kim) -> Result<()> {
        if self.by_id.contains_key(&kim.id) {
            return Err(Error::duplicate_kim(&kim.id));
        }
        kim.check_consistency()?;
        self.by_id.insert(kim.id.clone(), self.kims.len());
        self.kims.push(kim);
        self.index = OnceLock::new();
        self.members = Vec::new();
        Ok(())
    }

    /// Changes the KIM with this id through `edit`, then checks it as [`Registry::insert`] does: the edit is kept
    /// only if the KIM stays consistent and keeps its id. This is the registry's `get_mut`: a plain `&mut Kim` could
    /// leave the registry inconsistent.
    ///
    /// ```
    /// use kim_core::{registry::{Kim, Registry}, wilayah::Kode};
    /// let mut reg = Registry::from_kims([Kim::new("K1", "KIM Perian", Kode::parse("64.02.01.2001")?)])?;
    /// reg.update("K1", |k| k.name = "KIM Perian Maju".into())?;
    /// assert_eq!(reg.get("K1").unwrap().name, "KIM Perian Maju");
    /// assert!(reg.update("K1", |k| k.id = "K2".into()).is_err());
    /// assert_eq!(reg.remove("K1").map(|k| k.id), Some("K1".to_owned()));
    /// assert!(reg.is_empty());
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn update(&mut self, id: &str, edit: impl FnOnce(&mut Kim)) -> Result<()> {
        let i = *self.by_id.get(id).ok_or_else(|| Error::unknown_kim(id))?;
        let mut kim = self.kims[i].clone();
        edit(&mut kim);
        if kim.id != id {
            return Err(Error::InvalidArgument {
                name: "edit",
                problem: ArgumentProblem::Conflict,
                message: "an update may not change the KIM id; remove and insert instead".into(),
            });
        }
        kim.check_consistency()?;
        self.kims[i] = kim;
        self.index = OnceLock::new();
        self.members = Vec::new();
        Ok(())
    }

    /// Removes the KIM with this id and returns it; `None` if there is none. The other KIMs keep their order.
    pub fn remove(&mut self, id: &str) -> Option<Kim> {
        let i = self.by_id.remove(id)?;
        let kim = self.kims.remove(i);
        for v in self.by_id.values_mut() {
            if *v > i {
                *v -= 1;
            }
        }
        self.index = OnceLock::new();
        self.members = Vec::new();
        Some(kim)
    }

    /// Number of KIMs.
    ///
    /// ```
    /// use kim_core::{registry::{Kim, Registry}, wilayah::Kode};
    /// let seat = Kode::parse("64.02.01.2001")?;
    /// // Several KIMs may share a seat: there is no national limit per village.
    /// let reg = Registry::from_kims([Kim::new("K1", "KIM Perian", seat), Kim::new("K2", "KIM Perian Muda", seat)])?;
    /// assert_eq!((reg.len(), reg.is_empty()), (2, false));
    /// assert!(Registry::new().is_empty());
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn len(&self) -> usize {
        self.kims.len()
    }

    /// True if empty.
    pub fn is_empty(&self) -> bool {
        self.kims.is_empty()
    }

    /// The KIM with this id.
    ///
    /// ```
    /// use kim_core::{registry::{Kim, Registry}, wilayah::Kode};
    /// let reg = Registry::from_kims([Kim::new("K1", "KIM Perian", Kode::parse("64.02.01.2001")?)])?;
    /// assert_eq!(reg.get("K1").map(|k| k.seat.to_string()), Some("64.02.01.2001".to_owned()));
    /// assert!(reg.get("k1").is_none()); // ids are exact
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn get(&self, id: &str) -> Option<&Kim> {
        self.by_id.get(id).map(|&i| &self.kims[i])
    }

    /// All KIMs in insertion order.
    pub fn kims(&self) -> &[Kim] {
        &self.kims
    }

    /// The flat copy of seats, histories and member terms that date queries read (built on first use).
    pub(crate) fn date_index(&self) -> &DateIndex {
        self.index.get_or_init(|| DateIndex::build(&self.kims))
    }
}
