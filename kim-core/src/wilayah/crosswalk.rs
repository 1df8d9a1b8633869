//! Migrating a registry's seat codes from one code list to another (see [`diff`](super::diff)).

use std::collections::HashMap;

use serde::Serialize;

use super::diff::{Change, diff};
use super::{Kode, Reference};

/// What became of one seat code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum SeatStatus {
    /// Same code, same name.
    Unchanged,
    /// Same code, another name.
    Renamed,
    /// The same unit under one new code (see `confidence`).
    Rekeyed,
    /// Several units of the target list could be it: see `candidates`; nothing was chosen.
    Ambiguous,
    /// No unit of the target list is it.
    Gone,
    /// The code is not in the source list at all.
    NotInSource,
}

/// One seat code through a [`Crosswalk`].
#[derive(Debug, Clone, PartialEq, Serialize)]
#[non_exhaustive]
pub struct SeatMigration {
    /// The code as given (source list).
    pub code: Kode,
    /// What became of it.
    pub status: SeatStatus,
    /// Its code in the target list: the same for unchanged and renamed, the new one for re-keyed, else `None`.
    pub new_code: Option<Kode>,
    /// Its name in the source list.
    pub old_name: Option<String>,
    /// Its name in the target list.
    pub new_name: Option<String>,
    /// For re-keyed: the confidence of the match (1.0, 0.9 or 0.6).
    pub confidence: Option<f64>,
    /// For ambiguous: the codes it could be.
    pub candidates: Vec<Kode>,
}

/// Status, new code, confidence and candidates of one changed code.
type Target = (SeatStatus, Option<Kode>, Option<f64>, Vec<Kode>);

/// A crosswalk from one code list to another: build it once, migrate many codes.
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use kim_core::wilayah::{Crosswalk, Kode, Reference, SeatStatus};
/// let old = Reference::version_id("kepmendagri-100.1.1-6117-2022")?;
/// let cw = Crosswalk::new(old, Reference::embedded());
/// let m = cw.migrate(Kode::parse("92.01.01")?);
/// assert_eq!(m.status, SeatStatus::Rekeyed);
/// assert_eq!(m.new_code, Some(Kode::parse("96.01.01")?));
/// assert_eq!(cw.migrate(Kode::parse("64.02.01")?).status, SeatStatus::Unchanged);
/// # }
/// # Ok::<(), kim_core::Error>(())
/// ```
pub struct Crosswalk<'a> {
    from: &'a Reference,
    to: &'a Reference,
    /// Old code → (status, new code, confidence, candidates), for every changed unit of `from`.
    changed: HashMap<Kode, Target>,
}

impl<'a> Crosswalk<'a> {
    /// Computes the diff from `from` to `to` once.
    pub fn new(from: &'a Reference, to: &'a Reference) -> Self {
        let d = diff(from, to);
        let mut changed = HashMap::with_capacity(d.rows.len());
        for r in d.rows {
            let Some(old) = r.old_code else { continue };
            let status = match r.change {
                Change::Renamed => SeatStatus::Renamed,
                Change::Rekeyed => SeatStatus::Rekeyed,
                Change::Ambiguous => SeatStatus::Ambiguous,
                Change::Removed | Change::Added => SeatStatus::Gone,
            };
            changed.insert(old, (status, r.new_code, r.confidence, r.candidates));
        }
        Self { from, to, changed }
    }

    /// What becomes of one code.
    ///
    /// ```
    /// use kim_core::wilayah::{Crosswalk, Kode, Reference, SeatStatus};
    /// // Two made-up versions of one kecamatan: a village renamed, one removed.
    /// let old = Reference::from_tsv("#version\tcontoh-lama\n64\tKalimantan Timur\n\
    ///     64.02\tKabupaten Kutai Kartanegara\n64.02.01\tMuara Muntai\n64.02.01.2001\tPerian\n\
    ///     64.02.01.2002\tMuara Leka\n64.02.01.2003\tMuara Aloh\n")?;
    /// let new = Reference::from_tsv("#version\tcontoh-baru\n64\tKalimantan Timur\n\
    ///     64.02\tKabupaten Kutai Kartanegara\n64.02.01\tMuara Muntai\n64.02.01.2001\tPerian\n\
    ///     64.02.01.2002\tMuara Leka Ilir\n64.02.01.2005\tDesa Contoh\n")?;
    /// let cw = Crosswalk::new(&old, &new);
    /// let status = |code| Ok::<_, kim_core::Error>(cw.migrate(Kode::parse(code)?).status);
    /// assert_eq!(status("64.02.01.2001")?, SeatStatus::Unchanged);
    /// assert_eq!(status("64.02.01.2002")?, SeatStatus::Renamed);
    /// assert_eq!(status("64.02.01.2003")?, SeatStatus::Gone); // a seat that needs a person to look at it
    /// assert_eq!(status("64.02.01.2009")?, SeatStatus::NotInSource);
    /// assert_eq!((cw.from_version(), cw.to_version()), ("contoh-lama", "contoh-baru"));
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    #[must_use]
    pub fn migrate(&self, code: Kode) -> SeatMigration {
        let Some(old) = self.from.get(code) else {
            return SeatMigration {
                code,
                status: SeatStatus::NotInSource,
                new_code: None,
                old_name: None,
                new_name: None,
                confidence: None,
                candidates: Vec::new(),
            };
        };
        let (status, new_code, confidence, candidates) = self
            .changed
            .get(&code)
            .cloned()
            .unwrap_or((SeatStatus::Unchanged, Some(code), None, Vec::new()));
        SeatMigration {
            code,
            status,
            new_code,
            old_name: Some(old.name.to_owned()),
            new_name: new_code
                .and_then(|k| self.to.get(k))
                .map(|u| u.name.to_owned()),
            confidence,
            candidates,
        }
    }

    /// The source list's version.
    #[must_use]
    pub fn from_version(&self) -> &str {
        self.from.version()
    }

    /// The target list's version.
    #[must_use]
    pub fn to_version(&self) -> &str {
        self.to.version()
    }

    /// [`Crosswalk::migrate`] for many codes, in order.
    #[must_use]
    pub fn migrate_all(&self, codes: &[Kode]) -> Vec<SeatMigration> {
        codes.iter().map(|&c| self.migrate(c)).collect()
    }
}
