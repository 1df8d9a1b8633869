//! Gap lists: the villages and kecamatan without an active KIM.

use crate::error::ArgumentProblem;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{CoverageOptions, tally};
use crate::error::{Error, Result};
use crate::registry::Registry;
use crate::wilayah::{Kode, Level, Reference, VillageKind};

/// Units without an active KIM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Gaps {
    /// Villages with no active KIM: code, name, kind.
    pub villages: Vec<GapUnit>,
    /// Kecamatan with no village that has an active KIM.
    pub kecamatan: Vec<GapUnit>,
    /// The date.
    pub as_of: NaiveDate,
    /// Version of the code list.
    pub code_list_version: String,
}

/// One unit in a gap list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GapUnit {
    /// Its code.
    pub code: Kode,
    /// Its name.
    pub name: String,
    /// Its parent (the kecamatan of a village, the kab/kota of a kecamatan).
    pub parent: Option<Kode>,
}

/// Villages and kecamatan under `options.within` without an active KIM on `options.as_of` (`level` is ignored).
///
/// ```
/// # #[cfg(feature = "embedded")] {
/// use kim_core::{coverage::{gaps, CoverageOptions}, registry::Registry, wilayah::{Kode, Reference}};
/// let registry = Registry::new();
/// let g = gaps(&registry, Reference::embedded(), &CoverageOptions::new("2025-01-01".parse().unwrap()).within(Kode::parse("64.02")?))?;
/// assert_eq!((g.villages.len(), g.kecamatan.len()), (237, 20));
/// # }
/// # Ok::<(), kim_core::Error>(())
/// ```
pub fn gaps(registry: &Registry, reference: &Reference, options: &CoverageOptions) -> Result<Gaps> {
    let opts = CoverageOptions {
        level: Level::Desa,
        ..options.clone()
    };
    if let Some(w) = opts.within
        && w.level() == Level::Desa
    {
        return Err(Error::InvalidArgument {
            name: "within",
            problem: ArgumentProblem::WrongLevel,
            message: "gaps need a unit above village level".into(),
        });
    }
    opts.check(reference)?;
    let t = tally(registry, reference, &opts)?;
    let range = reference.subtree_range(opts.within);
    let mut villages = Vec::new();
    let mut kecamatan = Vec::new();
    let mut current_kec: Option<(usize, bool)> = None;
    let flush = |current: Option<(usize, bool)>, kecamatan: &mut Vec<GapUnit>| {
        if let Some((i, false)) = current {
            let u = reference.unit_at(i);
            kecamatan.push(GapUnit {
                code: u.kode,
                name: u.name.to_owned(),
                parent: u.kode.parent(),
            });
        }
    };
    for i in range.clone() {
        let u = reference.unit_at(i);
        match u.kode.level() {
            Level::Kecamatan => {
                flush(current_kec, &mut kecamatan);
                current_kec = Some((i, false));
            }
            Level::Desa => {
                if t.per_unit[i - range.start].0 > 0 {
                    if let Some((_, covered)) = current_kec.as_mut() {
                        *covered = true;
                    }
                } else {
                    villages.push(GapUnit {
                        code: u.kode,
                        name: u.name.to_owned(),
                        parent: u.kode.parent(),
                    });
                }
            }
            _ => {}
        }
    }
    flush(current_kec, &mut kecamatan);
    Ok(Gaps {
        villages,
        kecamatan,
        as_of: opts.as_of,
        code_list_version: reference.version().to_owned(),
    })
}

/// One unit of a gap list with the names of the units above it: the flat row of the bindings' gap tables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct GapRow {
    /// `desa` for a village, `kecamatan` for a kecamatan.
    pub level: Level,
    /// Its code.
    pub code: Kode,
    /// Its name.
    pub name: String,
    /// `desa`, `kelurahan` or `desa_adat` for a village; `None` for a kecamatan.
    pub kind: Option<VillageKind>,
    /// The kecamatan of a village (`None` for a kecamatan row).
    pub kecamatan: Option<Kode>,
    /// Its name.
    pub kecamatan_name: Option<String>,
    /// The kab/kota.
    pub kab_kota: Option<Kode>,
    /// Its name (with its `Kabupaten`/`Kota` prefix).
    pub kab_kota_name: Option<String>,
    /// The province.
    pub provinsi: Option<Kode>,
    /// Its name.
    pub provinsi_name: Option<String>,
}

impl Gaps {
    /// The gap lists as flat rows with the names of the kecamatan, kab/kota and province above each unit, read from
    /// `reference` (the code list these gaps were computed with): the villages, then the kecamatan.
    ///
    /// ```
    /// # #[cfg(feature = "embedded")] {
    /// use kim_core::{coverage::{gaps, CoverageOptions}, registry::Registry, wilayah::{Kode, Reference}};
    /// let reference = Reference::embedded();
    /// let opts = CoverageOptions::new("2025-01-01".parse().unwrap()).within(Kode::parse("64.02")?);
    /// let g = gaps(&Registry::new(), reference, &opts)?;
    /// let (villages, kecamatan) = g.rows(reference);
    /// assert_eq!((villages.len(), kecamatan.len()), (237, 20));
    /// assert_eq!(kecamatan[0].kab_kota_name.as_deref(), Some("Kabupaten Kutai Kartanegara"));
    /// assert!(villages[0].kecamatan_name.is_some() && villages[0].kind.is_some());
    /// # }
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn rows(&self, reference: &Reference) -> (Vec<GapRow>, Vec<GapRow>) {
        let row = |u: &GapUnit| {
            let above = |level: Level| {
                let code = u.code.ancestor(level).filter(|&a| a != u.code);
                let name = code
                    .and_then(|c| reference.get(c))
                    .map(|x| x.name.to_owned());
                (code, name)
            };
            let (kecamatan, kecamatan_name) = above(Level::Kecamatan);
            let (kab_kota, kab_kota_name) = above(Level::KabKota);
            let (provinsi, provinsi_name) = above(Level::Provinsi);
            GapRow {
                level: u.code.level(),
                code: u.code,
                name: u.name.clone(),
                kind: u.code.village_kind(),
                kecamatan,
                kecamatan_name,
                kab_kota,
                kab_kota_name,
                provinsi,
                provinsi_name,
            }
        };
        (
            self.villages.iter().map(row).collect(),
            self.kecamatan.iter().map(row).collect(),
        )
    }
}
