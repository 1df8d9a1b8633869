//! The code lists through time: every Kemendagri list since Permendagri 56/2015, chosen by id or by date.
//!
//! Today's list ([`Reference::embedded`]) is the default. The older lists are embedded as deltas against the next
//! newer one (`data/versions/`, see its `PROVENANCE.md`) and built on first use, then cached for the process.

use crate::error::ArgumentProblem;
use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Serialize;

use super::Reference;
use crate::error::{Error, Result};

/// Counts of one version, as recorded by the conversion script's SQL parser (`data/versions/index.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct VersionCounts {
    /// Provinces.
    pub provinsi: u32,
    /// Regencies and cities.
    pub kab_kota: u32,
    /// Districts.
    pub kecamatan: u32,
    /// Kelurahan, desa and desa adat.
    pub villages: u32,
}

/// One code list version: its id, decree, date in force and upstream source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct CodeListVersion {
    /// The version string carried by every row computed with it (e.g. `permendagri-72-2019`).
    pub id: String,
    /// The decree, as named by the upstream README.
    pub decree: String,
    /// The first day this list is used for (see `data/versions/PROVENANCE.md` for how it was set).
    pub in_force: NaiveDate,
    /// The upstream file (github.com/cahyadsn/wilayah, commit in the provenance note).
    pub upstream_file: String,
    /// sha256 of the upstream file.
    pub upstream_sha256: String,
    /// The unit counts recorded by the conversion script.
    pub counts: VersionCounts,
    /// True for today's list, the default.
    pub current: bool,
}

/// The list in force on a date: see [`Reference::in_force`].
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct InForce {
    /// The version chosen.
    pub version: &'static CodeListVersion,
    /// The list itself.
    pub reference: &'static Reference,
    /// True when the date is before the oldest version's date in force: the oldest list was used anyway.
    pub before_oldest: bool,
}

#[cfg(feature = "embedded")]
const INDEX_TSV: &str = include_str!("../../data/versions/index.tsv");

/// The deltas, newest first, in the order of `index.tsv` after today's list.
#[cfg(feature = "embedded")]
const DELTAS: [(&str, &str); 5] = [
    (
        "kepmendagri-100.1.1-6117-2022",
        include_str!("../../data/versions/kepmendagri-100.1.1-6117-2022.delta"),
    ),
    (
        "permendagri-58-2021",
        include_str!("../../data/versions/permendagri-58-2021.delta"),
    ),
    (
        "permendagri-72-2019",
        include_str!("../../data/versions/permendagri-72-2019.delta"),
    ),
    (
        "permendagri-137-2017",
        include_str!("../../data/versions/permendagri-137-2017.delta"),
    ),
    (
        "permendagri-56-2015",
        include_str!("../../data/versions/permendagri-56-2015.delta"),
    ),
];

#[cfg(feature = "embedded")]
fn parse_index(text: &str) -> Vec<CodeListVersion> {
    let mut out: Vec<CodeListVersion> = text
        .lines()
        .skip(1)
        .filter(|l| !l.is_empty())
        .enumerate()
        .map(|(i, line)| {
            let f: Vec<&str> = line.split('\t').collect();
            let n = |j: usize| f[j].parse::<u32>().expect("index.tsv counts are numbers");
            CodeListVersion {
                id: f[0].to_owned(),
                decree: f[1].to_owned(),
                in_force: f[2].parse().expect("index.tsv dates are ISO dates"),
                upstream_file: f[3].to_owned(),
                upstream_sha256: f[4].to_owned(),
                counts: VersionCounts {
                    provinsi: n(7),
                    kab_kota: n(8),
                    kecamatan: n(9),
                    villages: n(10),
                },
                current: i == 0,
            }
        })
        .collect();
    out.reverse();
    out
}

/// Applies a delta (`+code<TAB>name`, `-code`) to `newer`, giving the older list's `code<TAB>name` text.
fn apply_delta(newer: &Reference, delta: &str) -> Result<String> {
    let mut version = String::from("unversioned");
    let mut changes = Vec::new();
    for (i, line) in delta.lines().enumerate() {
        let bad = |message: &str| Error::InvalidArgument {
            name: "delta",
            problem: ArgumentProblem::Malformed,
            message: format!("line {}: {message}: {line:?}", i + 1),
        };
        if let Some(meta) = line.strip_prefix('#') {
            if let Some(v) = meta.strip_prefix("version\t") {
                v.clone_into(&mut version);
            }
        } else if let Some(code) = line.strip_prefix('-') {
            changes.push((super::Kode::parse(code)?, None));
        } else if let Some(rest) = line.strip_prefix('+') {
            let (code, name) = rest
                .split_once('\t')
                .ok_or_else(|| bad("expected +code<TAB>name"))?;
            changes.push((super::Kode::parse(code)?, Some(name)));
        } else if !line.is_empty() {
            return Err(bad("expected #, + or -"));
        }
    }
    changes.sort_by_key(|c| c.0);
    let mut out = String::with_capacity(newer.len() * 24);
    out.push_str("#version\t");
    out.push_str(&version);
    out.push('\n');
    let mut push = |code: super::Kode, name: &str| {
        use std::fmt::Write;
        let _ = writeln!(out, "{code}\t{name}");
    };
    let mut ch = changes.into_iter().peekable();
    for unit in newer.iter() {
        while let Some(&(code, name)) = ch.peek()
            && code < unit.kode
        {
            if let Some(name) = name {
                push(code, name);
            }
            ch.next();
        }
        match ch.peek() {
            Some(&(code, change)) if code == unit.kode => {
                if let Some(name) = change {
                    push(code, name);
                }
                ch.next();
            }
            _ => push(unit.kode, unit.name),
        }
    }
    for (code, name) in ch {
        if let Some(name) = name {
            push(code, name);
        }
    }
    Ok(out)
}

#[cfg(feature = "embedded")]
impl Reference {
    /// Every embedded code list version, oldest first; the last one is today's list ([`Reference::embedded`]).
    ///
    /// ```
    /// use kim_core::wilayah::Reference;
    /// let v = Reference::versions();
    /// assert_eq!(v.len(), 6);
    /// assert_eq!((v[0].id.as_str(), v[0].counts.kecamatan), ("permendagri-56-2015", 7160));
    /// assert!(v[5].current && v[5].id == kim_core::wilayah::EMBEDDED_VERSION);
    /// ```
    pub fn versions() -> &'static [CodeListVersion] {
        static VERSIONS: OnceLock<Vec<CodeListVersion>> = OnceLock::new();
        VERSIONS.get_or_init(|| parse_index(INDEX_TSV))
    }

    /// The embedded list with this version id, built on first use from its delta (a few tens of ms) and cached.
    /// An unknown id is [`Error::InvalidArgument`] naming the known ones.
    ///
    /// # Panics
    ///
    /// Never in practice: the embedded deltas are generated and checked by the tests.
    pub fn version_id(id: &str) -> Result<&'static Reference> {
        static CACHE: [OnceLock<Reference>; 5] = [const { OnceLock::new() }; 5];
        if id == super::EMBEDDED_VERSION {
            return Ok(Self::embedded());
        }
        let Some(pos) = DELTAS.iter().position(|d| d.0 == id) else {
            let known: Vec<&str> = Self::versions().iter().map(|v| v.id.as_str()).collect();
            return Err(Error::InvalidArgument {
                name: "version",
                problem: ArgumentProblem::Unknown,
                message: format!(
                    "{id:?} is not a code list version; known: {}",
                    known.join(", ")
                ),
            });
        };
        if let Some(r) = CACHE[pos].get() {
            return Ok(r);
        }
        let newer = if pos == 0 {
            Self::embedded()
        } else {
            Self::version_id(DELTAS[pos - 1].0)?
        };
        let text = apply_delta(newer, DELTAS[pos].1)?;
        let built = Self::from_tsv(&text)?;
        Ok(CACHE[pos].get_or_init(|| built))
    }

    /// Builds the list with this version id from today's list and the deltas, without the cache (for benchmarks
    /// and for callers that want their own copy). Use [`Reference::version_id`] otherwise.
    pub fn build_version(id: &str) -> Result<Reference> {
        let mut r = Self::embedded().clone();
        if id == super::EMBEDDED_VERSION {
            return Ok(r);
        }
        for (delta_id, delta) in DELTAS {
            r = Self::from_tsv(&apply_delta(&r, delta)?)?;
            if delta_id == id {
                return Ok(r);
            }
        }
        Err(Error::InvalidArgument {
            name: "version",
            problem: ArgumentProblem::Unknown,
            message: format!("{id:?} is not a code list version"),
        })
    }

    /// The list in force on `date`: the newest version whose date in force is on or before `date`. Before the
    /// oldest version (Permendagri 56/2015, used from 2016-01-01) the oldest list is used and
    /// [`InForce::before_oldest`] says so.
    ///
    /// ```
    /// use kim_core::wilayah::Reference;
    /// let f = Reference::in_force("2021-06-30".parse().unwrap())?;
    /// assert_eq!(f.reference.version(), "permendagri-72-2019");
    /// assert_eq!(f.reference.counts().provinsi, 34);
    /// let early = Reference::in_force("2010-01-01".parse().unwrap())?;
    /// assert!(early.before_oldest && early.version.id == "permendagri-56-2015");
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn in_force(date: NaiveDate) -> Result<InForce> {
        let versions = Self::versions();
        let (version, before_oldest) = match versions.iter().rev().find(|v| v.in_force <= date) {
            Some(v) => (v, false),
            None => (&versions[0], true),
        };
        Ok(InForce {
            version,
            reference: Self::version_id(&version.id)?,
            before_oldest,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_delta_adds_renames_and_removes() {
        let newer =
            Reference::from_tsv("#version\tnew\n64\tKaltim\n64.02\tKukar\n64.03\tBerau\n").unwrap();
        let text = apply_delta(
            &newer,
            "#version\told\n+64\tKalimantan Timur\n-64.03\n+64.05\tPaser\n",
        )
        .unwrap();
        assert_eq!(
            text,
            "#version\told\n64\tKalimantan Timur\n64.02\tKukar\n64.05\tPaser\n"
        );
        let err = apply_delta(&newer, "64.02\tx\n").unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
    }
}
