//! The mapping report of a kab/kota for a period (Permenkominfo 4/2024 Pasal 24(2)(e); docs/domain.md §12, PM3).

use crate::error::ArgumentProblem;
use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::record::{MappingRecord, Mappings};
use crate::registry::Registry;
use crate::vocab::Status;
use crate::wilayah::{Kode, Level, Reference};
use crate::{Error, Result};

/// The columns of the report as a table ([`MappingReport::table_rows`]): one schema for CSV and the bindings.
pub const TABLE_COLUMNS: [&str; 8] = [
    "section",
    "dimension",
    "value",
    "count",
    "kab_kota",
    "from",
    "to",
    "code_list_version",
];

/// What a report covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ReportOptions {
    /// The kab/kota (`PP.KK`).
    pub kab_kota: Kode,
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period; the report is as of this day.
    pub to: NaiveDate,
    /// A mapping older than this many days on `to` does not count as current (PM3) [I: the regulation sets no
    /// age; 365 by default].
    pub max_age_days: u32,
}

impl ReportOptions {
    /// A report of `kab_kota` over `[from, to]` with a maximum age of 365 days.
    ///
    /// ```
    /// use kim_core::{chrono::NaiveDate, error::ArgumentProblem, pemetaan::ReportOptions, wilayah::Kode, Error};
    /// let (from, to) = (NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2025, 6, 30).unwrap());
    /// let opts = ReportOptions::new(Kode::parse("64.02")?, from, to)?;
    /// assert_eq!(opts.max_age_days, 365);
    /// assert_eq!(opts.max_age_days(180).max_age_days, 180);
    /// let err = ReportOptions::new(Kode::parse("64")?, from, to).unwrap_err(); // a province
    /// assert!(matches!(err, Error::InvalidArgument { problem: ArgumentProblem::WrongLevel, .. }));
    /// assert!(ReportOptions::new(Kode::parse("64.02")?, to, from).is_err());
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when `kab_kota` is not a kab/kota code or `to` is before `from`.
    pub fn new(kab_kota: Kode, from: NaiveDate, to: NaiveDate) -> Result<Self> {
        if kab_kota.level() != Level::KabKota {
            return Err(Error::InvalidArgument {
                name: "kab_kota",
                problem: ArgumentProblem::WrongLevel,
                message: format!(
                    "{kab_kota} is a {}, not a kab/kota (PP.KK)",
                    kab_kota.level()
                ),
            });
        }
        if to < from {
            return Err(Error::InvalidArgument {
                name: "to",
                problem: ArgumentProblem::DateOrder,
                message: format!("the period ends ({to}) before it starts ({from})"),
            });
        }
        Ok(Self {
            kab_kota,
            from,
            to,
            max_age_days: 365,
        })
    }

    /// The same options with another maximum age.
    #[must_use]
    pub fn max_age_days(mut self, days: u32) -> Self {
        self.max_age_days = days;
        self
    }
}

/// How many current mappings have a value on one dimension.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct DimensionCount {
    /// `audience`, `media`, `content_type`, `field`, `reach_level`, `issue_kind`, `primary_field`, `strength`,
    /// `influence` or `priority`.
    pub dimension: String,
    /// The value (`media_sosial`, `4`, `true`).
    pub value: String,
    /// The number of KIMs whose current mapping has it.
    pub count: u32,
}

/// One prioritised KIM.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PriorityEntry {
    /// The KIM.
    pub kim_id: String,
    /// The KIM's name.
    pub name: String,
    /// The day of the mapping.
    pub mapped_on: NaiveDate,
    /// Strength, 1–5.
    pub strength: u8,
    /// Influence, 1–5.
    pub influence: u8,
    /// The recorded reason.
    pub reason: String,
}

/// An active KIM with no current mapping.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Unmapped {
    /// The KIM.
    pub kim_id: String,
    /// The KIM's name.
    pub name: String,
    /// The day of its latest mapping, when it has one that is too old.
    pub last_mapped_on: Option<NaiveDate>,
}

/// The mapping report (Ps 24(2)(e)).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MappingReport {
    /// Schema version of the JSON form.
    pub schema_version: u64,
    /// The kab/kota.
    pub kab_kota: Kode,
    /// Its name in the code list.
    pub kab_kota_name: String,
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period.
    pub to: NaiveDate,
    /// The code list used.
    pub code_list_version: String,
    /// The maximum age of a current mapping, in days.
    pub max_age_days: u32,
    /// KIMs seated in the kab/kota that are `registered` or `active` on `to`.
    pub active_kims: u32,
    /// Of those, the KIMs with a mapping no older than `max_age_days` on `to`.
    pub mapped_kims: u32,
    /// `mapped_kims / active_kims` (PM3); absent when there is no active KIM.
    pub completeness: Option<f64>,
    /// Mappings made in the period (any KIM of the kab/kota, active or not).
    pub mappings_in_period: u32,
    /// Counts by every dimension, over the current mappings of active KIMs.
    pub counts: Vec<DimensionCount>,
    /// Active KIMs without a current mapping.
    pub unmapped: Vec<Unmapped>,
    /// The prioritised KIMs (current mappings), by descending influence then ascending strength then id.
    pub priority: Vec<PriorityEntry>,
}

impl MappingReport {
    /// Builds the report. A mapping older than `max_age_days` on `to` does not count as current (PM3): its KIM is
    /// listed as unmapped, with the day of that mapping.
    ///
    /// ```
    /// use kim_core::chrono::NaiveDate;
    /// use kim_core::pemetaan::{Author, Level5, MappingRecord, MappingReport, Mappings, Priority, ReportOptions};
    /// use kim_core::{registry::Registry, wilayah::{Kode, Reference}};
    /// let reference = Reference::from_tsv("#version\tcontoh-1\n64\tKalimantan Timur\n\
    ///     64.02\tKabupaten Kutai Kartanegara\n64.02.01\tMuara Muntai\n64.02.01.2001\tPerian\n")?;
    /// let registry = Registry::from_json(r#"{"schema_version": 1, "kims": [{"id": "K1", "name": "KIM Perian",
    ///     "seat": "64.02.01.2001", "history": [{"date": "2023-06-01", "status": "active"}]}]}"#)?;
    /// let (kukar, day) = (Kode::parse("64.02")?, |s: &str| s.parse::<NaiveDate>());
    /// let mut mappings = Mappings::new();
    /// mappings.add(MappingRecord::new("K1", "2024-S1", day("2024-01-15")?, Author::Dinas { kab_kota: kukar },
    ///     "pertanian", Level5::new(3)?, Level5::new(3)?, Priority::new(false, "sudah mandiri")), &registry)?;
    /// let opts = ReportOptions::new(kukar, day("2025-01-01")?, day("2025-06-30")?)?;
    /// let report = MappingReport::build(&mappings, &registry, &reference, &opts)?;
    /// assert_eq!((report.mapped_kims, report.code_list_version.as_str()), (0, "contoh-1"));
    /// assert_eq!(report.unmapped[0].last_mapped_on, Some(day("2024-01-15")?)); // too old on 2025-06-30
    /// let report = MappingReport::build(&mappings, &registry, &reference, &opts.max_age_days(730))?;
    /// assert_eq!(report.completeness, Some(1.0));
    /// assert_eq!(report.table()[0], ["summary", "active_kims", "", "1"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    ///
    /// # Errors
    /// [`Error::NotInCodeList`] when the kab/kota is not in `reference`.
    pub fn build(
        mappings: &Mappings,
        registry: &Registry,
        reference: &Reference,
        opts: &ReportOptions,
    ) -> Result<Self> {
        let name = reference.unit(opts.kab_kota)?.name.to_owned();
        let latest = mappings.latest_on(opts.to);
        let in_kab = |id: &str| {
            registry
                .get(id)
                .is_some_and(|k| k.seat.ancestor(Level::KabKota) == Some(opts.kab_kota))
        };
        let mappings_in_period = mappings
            .records()
            .iter()
            .filter(|r| opts.from <= r.mapped_on && r.mapped_on <= opts.to && in_kab(&r.kim_id))
            .count();
        let mut current: Vec<&MappingRecord> = Vec::new();
        let mut unmapped = Vec::new();
        let mut active = 0u32;
        for kim in registry.kims() {
            if kim.seat.ancestor(Level::KabKota) != Some(opts.kab_kota)
                || !matches!(
                    kim.status_on(opts.to),
                    Some(Status::Registered | Status::Active)
                )
            {
                continue;
            }
            active += 1;
            match latest.get(kim.id.as_str()) {
                Some(r) if (opts.to - r.mapped_on).num_days() <= i64::from(opts.max_age_days) => {
                    current.push(r);
                }
                other => unmapped.push(Unmapped {
                    kim_id: kim.id.clone(),
                    name: kim.name.clone(),
                    last_mapped_on: other.map(|r| r.mapped_on),
                }),
            }
        }
        let mapped = u32::try_from(current.len()).unwrap_or(u32::MAX);
        let mut priority: Vec<PriorityEntry> = current
            .iter()
            .filter(|r| r.priority.prioritised)
            .map(|r| PriorityEntry {
                kim_id: r.kim_id.clone(),
                name: registry
                    .get(&r.kim_id)
                    .map(|k| k.name.clone())
                    .unwrap_or_default(),
                mapped_on: r.mapped_on,
                strength: r.strength.get(),
                influence: r.influence.get(),
                reason: r.priority.reason.clone(),
            })
            .collect();
        priority.sort_by(|a, b| {
            b.influence
                .cmp(&a.influence)
                .then(a.strength.cmp(&b.strength))
                .then_with(|| a.kim_id.cmp(&b.kim_id))
        });
        Ok(Self {
            schema_version: crate::SCHEMA_VERSION,
            kab_kota: opts.kab_kota,
            kab_kota_name: name,
            from: opts.from,
            to: opts.to,
            code_list_version: reference.version().to_owned(),
            max_age_days: opts.max_age_days,
            active_kims: active,
            mapped_kims: mapped,
            completeness: (active > 0).then(|| f64::from(mapped) / f64::from(active)),
            mappings_in_period: u32::try_from(mappings_in_period).unwrap_or(u32::MAX),
            counts: count_dimensions(&current),
            unmapped,
            priority,
        })
    }

    /// The report as versioned JSON.
    #[must_use]
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The report as one table: `section, dimension, value, count` rows (`summary`, `count`, `unmapped`,
    /// `priority`), e.g. for CSV or a DataFrame.
    pub fn table(&self) -> Vec<[String; 4]> {
        let mut rows = vec![
            row("summary", "active_kims", "", self.active_kims),
            row("summary", "mapped_kims", "", self.mapped_kims),
            [
                "summary".into(),
                "completeness".into(),
                self.completeness
                    .map_or_else(String::new, |c| format!("{c:.4}")),
                String::new(),
            ],
            row("summary", "mappings_in_period", "", self.mappings_in_period),
        ];
        rows.extend(
            self.counts
                .iter()
                .map(|c| row("count", &c.dimension, &c.value, c.count)),
        );
        rows.extend(self.unmapped.iter().map(|u| {
            let last = u
                .last_mapped_on
                .map_or_else(|| "never".to_owned(), |d| d.to_string());
            ["unmapped".into(), u.kim_id.clone(), last, String::new()]
        }));
        rows.extend(self.priority.iter().map(|p| {
            [
                "priority".into(),
                p.kim_id.clone(),
                p.reason.clone(),
                String::new(),
            ]
        }));
        rows
    }

    /// The rows of [`MappingReport::table`] with the report's metadata appended, in the order of
    /// [`TABLE_COLUMNS`]: what CSV, pandas and polars get.
    #[must_use]
    pub fn table_rows(&self) -> Vec<[String; 8]> {
        let meta = [
            self.kab_kota.to_string(),
            self.from.to_string(),
            self.to.to_string(),
            self.code_list_version.clone(),
        ];
        self.table()
            .into_iter()
            .map(|[a, b, c, d]| {
                let [e, f, g, h] = meta.clone();
                [a, b, c, d, e, f, g, h]
            })
            .collect()
    }

    /// Writes [`MappingReport::table_rows`] as CSV, with [`TABLE_COLUMNS`] as the header.
    ///
    /// # Errors
    /// [`Error::Csv`] when writing fails.
    #[cfg(feature = "csv")]
    #[cfg_attr(docsrs, doc(cfg(feature = "csv")))]
    pub fn write_csv<W: std::io::Write>(&self, w: W) -> Result<()> {
        let mut out = csv::Writer::from_writer(w);
        let err = |e: csv::Error| Error::Csv {
            line: 0,
            message: e.to_string(),
        };
        out.write_record(TABLE_COLUMNS).map_err(err)?;
        for r in self.table_rows() {
            out.write_record(&r).map_err(err)?;
        }
        out.flush().map_err(|e| Error::Csv {
            line: 0,
            message: e.to_string(),
        })
    }
}

fn row(section: &str, dimension: &str, value: &str, count: u32) -> [String; 4] {
    [
        section.into(),
        dimension.into(),
        value.into(),
        count.to_string(),
    ]
}

const ORDER: [&str; 10] = [
    "audience",
    "media",
    "content_type",
    "field",
    "reach_level",
    "issue_kind",
    "primary_field",
    "strength",
    "influence",
    "priority",
];

fn count_dimensions(current: &[&MappingRecord]) -> Vec<DimensionCount> {
    let mut m: BTreeMap<(&'static str, String), u32> = BTreeMap::new();
    let mut add = |d: &'static str, mut vals: Vec<String>| {
        vals.sort();
        vals.dedup();
        for v in vals {
            *m.entry((d, v)).or_default() += 1;
        }
    };
    for r in current {
        add("audience", r.audiences.clone());
        add(
            "media",
            r.media
                .iter()
                .map(|u| match &u.text {
                    Some(t) => format!("{}: {t}", u.media),
                    None => u.media.to_string(),
                })
                .collect(),
        );
        add("content_type", r.content_types.clone());
        add("field", r.fields.clone());
        add(
            "reach_level",
            r.reach.iter().map(|k| k.level().to_string()).collect(),
        );
        add(
            "issue_kind",
            r.issues
                .iter()
                .map(|i| {
                    serde_json::to_value(i.kind)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_owned))
                        .unwrap_or_default()
                })
                .collect(),
        );
        add("primary_field", vec![r.primary_field.clone()]);
        add("strength", vec![r.strength.to_string()]);
        add("influence", vec![r.influence.to_string()]);
        add("priority", vec![r.priority.prioritised.to_string()]);
    }
    let mut out: Vec<DimensionCount> = m
        .into_iter()
        .map(|((d, value), count)| DimensionCount {
            dimension: d.to_owned(),
            value,
            count,
        })
        .collect();
    out.sort_by_key(|c| ORDER.iter().position(|o| *o == c.dimension));
    out
}
