//! CSV import of activities and of attendance lists (*daftar hadir*), through the registry's CSV machinery
//! (encodings, delimiters, header aliases, row errors): every rejected row is in the [`TableReport`] with its line
//! and field, and rows in = accepted + rejected.

use crate::error::ArgumentProblem;
use std::collections::HashSet;
use std::io::Read;

use serde::Serialize;

use super::PembinaanData;
use super::model::{Activity, Funding, FundingSource, Mode, Organizer, OrganizerKind, Participant};
use crate::error::{Error, Result, RowError};
use crate::forum::MemberRef;
use crate::registry::{
    ImportOptions, Registry, Row, RowParser, TableReport, TableSpec, import_table,
};

static ACTIVITY_TABLE: TableSpec = TableSpec {
    names: &[
        "id",
        "title",
        "kind",
        "organizer_kind",
        "organizer_region",
        "organizer_name",
        "start",
        "end",
        "location",
        "mode",
        "topics",
        "funding_source",
        "funding_amount",
        "sipd_code",
    ],
    aliases: &[
        ("id_kegiatan", "id"),
        ("kode_kegiatan", "id"),
        ("judul", "title"),
        ("nama_kegiatan", "title"),
        ("kegiatan", "title"),
        ("jenis", "kind"),
        ("jenis_kegiatan", "kind"),
        ("jenis_penyelenggara", "organizer_kind"),
        ("kode_penyelenggara", "organizer_region"),
        ("wilayah_penyelenggara", "organizer_region"),
        ("penyelenggara", "organizer_name"),
        ("tanggal_mulai", "start"),
        ("tgl_mulai", "start"),
        ("mulai", "start"),
        ("tanggal_selesai", "end"),
        ("tgl_selesai", "end"),
        ("selesai", "end"),
        ("lokasi", "location"),
        ("kode_lokasi", "location"),
        ("moda", "mode"),
        ("metode", "mode"),
        ("topik", "topics"),
        ("materi", "topics"),
        ("sumber_dana", "funding_source"),
        ("anggaran", "funding_amount"),
        ("nilai_anggaran", "funding_amount"),
        ("kode_sipd", "sipd_code"),
        ("sub_kegiatan", "sipd_code"),
    ],
    all: &["id", "title", "kind", "organizer_kind", "start", "end"],
    any: &[],
};

static ATTENDANCE_TABLE: TableSpec = TableSpec {
    names: &["activity_id", "kim_id", "forum_id", "person", "attended"],
    aliases: &[
        ("id_kegiatan", "activity_id"),
        ("kode_kegiatan", "activity_id"),
        ("id_kim", "kim_id"),
        ("kode_kim", "kim_id"),
        ("id_forum", "forum_id"),
        ("nama", "person"),
        ("nama_peserta", "person"),
        ("peserta", "person"),
        ("hadir", "attended"),
        ("kehadiran", "attended"),
    ],
    all: &["activity_id"],
    any: &["kim_id", "forum_id"],
};

/// A required field's text, then its parsed value: `KIM-E-REQUIRED` when empty.
fn required<'a, T>(
    p: &mut RowParser<'a>,
    field: &str,
    read: impl Fn(&mut RowParser<'a>, &str) -> Option<T>,
) -> Option<T> {
    p.text(field, true)?;
    read(p, field)
}

const NOT_RUPIAH: &str = "not a whole amount of rupiah (digits in groups of three separated by `.`, `,` or spaces, \
                          optionally `Rp` before and `,00` after)";

/// A whole amount of rupiah: `25000000`, `25.000.000`, `Rp 25.000.000,00`, `25 000 000`. The groups after the first
/// have three digits; a last part of two digits after a separator is cents, and only `00` is accepted (`1,5` and
/// `25.000,50` are errors, never 15 or 2,500,050).
fn rupiah(v: &str) -> Option<u64> {
    let t = v.trim();
    let t = t
        .strip_prefix("Rp")
        .or_else(|| t.strip_prefix("rp"))
        .or_else(|| t.strip_prefix("RP"))
        .unwrap_or(t)
        .trim_start_matches('.')
        .trim();
    let int = match t.rfind([',', '.']) {
        Some(i) if t.len() - i == 3 => {
            if &t[i + 1..] != "00" {
                return None;
            }
            &t[..i]
        }
        _ => t,
    };
    let groups: Vec<&str> = int.split(['.', ',', ' ']).collect();
    let digits = groups
        .iter()
        .all(|g| !g.is_empty() && g.bytes().all(|b| b.is_ascii_digit()));
    let grouped =
        groups.len() == 1 || (groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3));
    if !(digits && grouped) {
        return None;
    }
    groups.concat().parse().ok()
}

/// The `;`-separated parts of an optional field, trimmed (an empty part stays, as "not given").
fn parts(v: Option<&str>) -> Vec<&str> {
    v.map(|t| t.split(';').map(str::trim).collect())
        .unwrap_or_default()
}

/// The funding lines of a row. `funding_source` holds one source or several separated by `;`; `funding_amount`
/// and `sipd_code` are empty, or hold one part per source in the same order (a part may be empty: no amount, no
/// code). Every problem of the row is reported with its field: an amount or code without a source, a part count
/// that differs from the sources', an empty or unknown source, an amount that is not whole rupiah.
fn funding_lines(p: &mut RowParser<'_>) -> Vec<Funding> {
    let raw = (
        p.text("funding_source", false),
        p.text("funding_amount", false),
        p.text("sipd_code", false),
    );
    let (sources, amounts, codes) = (parts(raw.0), parts(raw.1), parts(raw.2));
    // A source cell refused by the text rule is already reported; do not add "needs its funding source".
    let source_refused = p.errors.iter().any(|e| e.field == "funding_source");
    let parsed: Vec<Option<u64>> = amounts
        .iter()
        .map(|a| {
            if a.is_empty() {
                return None;
            }
            let v = rupiah(a);
            if v.is_none() {
                p.err("funding_amount", a, "KIM-E-NUMBER", NOT_RUPIAH);
            }
            v
        })
        .collect();
    if sources.is_empty() {
        if (!amounts.is_empty() || !codes.is_empty()) && !source_refused {
            p.err(
                "funding_source",
                "",
                "KIM-E-REQUIRED",
                "an amount or SIPD code needs its funding source",
            );
        }
        return Vec::new();
    }
    let mut whole = true;
    for (field, n, value) in [
        ("funding_amount", amounts.len(), raw.1),
        ("sipd_code", codes.len(), raw.2),
    ] {
        if n != 0 && n != sources.len() {
            p.err(
                field,
                value.unwrap_or_default(),
                "KIM-E-COLUMN",
                format!(
                    "{n} `;`-separated parts for {} funding sources: give one per source, in the same order",
                    sources.len()
                ),
            );
            whole = false;
        }
    }
    let mut lines = Vec::with_capacity(sources.len());
    for (i, s) in sources.iter().enumerate() {
        if s.is_empty() {
            p.err(
                "funding_source",
                raw.0.unwrap_or_default(),
                "KIM-E-REQUIRED",
                format!("funding source {} of {} is empty", i + 1, sources.len()),
            );
            whole = false;
            continue;
        }
        match s.parse::<FundingSource>() {
            Ok(source) => lines.push(Funding {
                source,
                amount: parsed.get(i).copied().flatten(),
                sipd_code: codes
                    .get(i)
                    .copied()
                    .filter(|c| !c.is_empty())
                    .map(str::to_owned),
            }),
            Err(e) => {
                p.err("funding_source", s, "KIM-E-ENUM", e);
                whole = false;
            }
        }
    }
    if whole { lines } else { Vec::new() }
}

/// The value when the row has no problem, else every problem.
fn finish<T>(p: RowParser<'_>, value: Option<T>) -> std::result::Result<T, Vec<RowError>> {
    match value {
        Some(v) if p.errors.is_empty() => Ok(v),
        _ => Err(p.errors),
    }
}

fn parse_activity(
    row: &Row,
    options: &ImportOptions,
) -> std::result::Result<Activity, Vec<RowError>> {
    let mut c = RowParser {
        row,
        errors: Vec::new(),
        options,
    };
    let id = c.text("id", true);
    let title = c.text("title", true);
    let kind = required(&mut c, "kind", RowParser::parsed);
    let okind: Option<OrganizerKind> = required(&mut c, "organizer_kind", RowParser::parsed);
    let oregion = c.kode("organizer_region");
    let oname = c.text("organizer_name", false).unwrap_or_default();
    let start = required(&mut c, "start", RowParser::date);
    let end = required(&mut c, "end", RowParser::date);
    let location = c.kode("location");
    let mode: Option<Mode> = c.parsed("mode");
    let topics: Vec<String> = c
        .text("topics", false)
        .map(|t| {
            t.split(';')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    let funding = funding_lines(&mut c);
    if let (Some(s), Some(e)) = (start, end)
        && e < s
    {
        c.err(
            "end",
            &e.to_string(),
            "KIM-E-DATE",
            format!("ends before its start {s}"),
        );
    }
    let built = (|| {
        let organizer = Organizer {
            kind: okind?,
            region: oregion,
            name: oname.to_owned(),
        };
        let mut a = Activity::new(id?, title?, kind?, organizer, start?, end?);
        a.location = location;
        a.mode = mode.unwrap_or(Mode::Luring);
        a.topics = topics;
        a.funding = funding;
        Some(a)
    })();
    finish(c, built)
}

fn attended(v: Option<&str>) -> std::result::Result<bool, ()> {
    let Some(v) = v else { return Ok(true) };
    match v.trim().to_lowercase().replace([' ', '-'], "_").as_str() {
        "ya" | "y" | "yes" | "hadir" | "1" | "true" | "v" | "x" => Ok(true),
        "tidak" | "t" | "n" | "no" | "0" | "false" | "tidak_hadir" | "absen" | "izin" => Ok(false),
        _ => Err(()),
    }
}

/// `ImportOptions::places` confirms KIM seats in a registry import; a pembinaan table has none, so it is refused
/// rather than ignored.
fn no_places(options: &ImportOptions) -> Result<()> {
    if options.places.is_empty() {
        Ok(())
    } else {
        Err(Error::InvalidArgument {
            name: "places",
            problem: ArgumentProblem::Conflict,
            message: "places confirms KIM seats in a registry import; pembinaan tables have none"
                .into(),
        })
    }
}

/// What [`PembinaanData::import_csv`] read: the report of each table (every rejected row with its line, field and
/// code; rows in = accepted + rejected in each).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct PembinaanImport {
    /// The activities table.
    pub activities: TableReport,
    /// The attendance list, when one was given.
    pub attendance: Option<TableReport>,
}

impl PembinaanData {
    /// Adds the activities of a CSV table, then the participants of an attendance list when one is given: the two
    /// imports below in one call, as the C ABI and PHP use them. The attendance rows may name the activities of
    /// the same call. Stops at the first table that cannot be read at all (no header, a required column missing).
    ///
    /// ```
    /// use kim_core::{pembinaan::PembinaanData, registry::ImportOptions};
    /// let activities = "id,title,kind,organizer_kind,start,end,funding_source,funding_amount\n\
    ///                   A1,Bimtek KIM,bimtek,dinas_kab_kota,2025-03-04,2025-03-05,apbd_kab_kota;apbn,\"25.000.000;\"\n";
    /// let attendance = "id_kegiatan,id_kim,hadir\nA1,K1,ya\nA9,K2,ya\n";
    /// let mut data = PembinaanData::new();
    /// let report = data.import_csv(activities.as_bytes(), Some(attendance.as_bytes()), None, &ImportOptions::default())?;
    /// assert_eq!(data.activities[0].funding.len(), 2);
    /// assert_eq!(data.activities[0].funding[1].amount, None);
    /// let att = report.attendance.unwrap();
    /// assert_eq!((att.rows_in, att.accepted, att.rejected), (2, 1, 1));
    /// assert_eq!(att.errors[0].code, "KIM-E-UNKNOWN-ACTIVITY");
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// As [`import_activities_csv`](Self::import_activities_csv) and
    /// [`import_attendance_csv`](Self::import_attendance_csv); the data then holds what was read before the error.
    pub fn import_csv<A: Read, B: Read>(
        &mut self,
        activities: A,
        attendance: Option<B>,
        registry: Option<&Registry>,
        options: &ImportOptions,
    ) -> Result<PembinaanImport> {
        let activities = self.import_activities_csv(activities, options)?;
        let attendance = match attendance {
            Some(a) => Some(self.import_attendance_csv(a, registry, options)?),
            None => None,
        };
        Ok(PembinaanImport {
            activities,
            attendance,
        })
    }

    /// Adds the activities of a CSV table: one activity per row, with its funding lines.
    ///
    /// Columns (any order; Indonesian aliases such as `judul`, `jenis_kegiatan`, `tanggal_mulai`, `lokasi`,
    /// `sumber_dana`, `kode_sipd` are read too): `id, title, kind, organizer_kind, organizer_region,
    /// organizer_name, start, end, location, mode, topics, funding_source, funding_amount, sipd_code`; `topics`
    /// is `;`-separated; the first six are required. An activity with several funding lines gives its sources
    /// `;`-separated in `funding_source` (`apbd_kab_kota;apbn`), and the amounts and SIPD codes, when given, one
    /// per source in the same order (`25.000.000;10.000.000`; an empty part is "not known"). Encoding, delimiter and dates are read as by
    /// [`Registry::import_csv`]. An id already used is a rejected row.
    ///
    /// ```
    /// use kim_core::{pembinaan::PembinaanData, registry::ImportOptions};
    /// let csv = "id;judul;jenis_kegiatan;jenis_penyelenggara;kode_penyelenggara;tanggal_mulai;tanggal_selesai;lokasi\n\
    ///            A1;Sosialisasi KIM;sosialisasi;dinas_kab_kota;62.02;2025-03-04;2025-03-04;62.02.01\n\
    ///            A2;Bimtek;bimtek;dinas_kab_kota;62.02;2025-03-05;2025-03-01;62.02.01\n";
    /// let mut data = PembinaanData::new();
    /// let report = data.import_activities_csv(csv.as_bytes(), &ImportOptions::default())?;
    /// assert_eq!((report.rows_in, report.accepted, report.rejected), (2, 1, 1));
    /// assert_eq!((report.errors[0].line, report.errors[0].field.as_str()), (3, "end"));
    /// # Ok::<(), kim_core::Error>(())
    /// ```
    pub fn import_activities_csv<R: Read>(
        &mut self,
        input: R,
        options: &ImportOptions,
    ) -> Result<TableReport> {
        no_places(options)?;
        let mut ids: HashSet<String> = self.activities.iter().map(|a| a.id.clone()).collect();
        let activities = &mut self.activities;
        import_table(input, &ACTIVITY_TABLE, options, |row| {
            let a = parse_activity(row, options)?;
            if !ids.insert(a.id.clone()) {
                return Err(vec![RowError::new(
                    row.line,
                    "id",
                    &a.id,
                    "KIM-E-DUPLICATE",
                    "activity id already used",
                )]);
            }
            activities.push(a);
            Ok(false)
        })
    }

    /// Adds the participants of an attendance list (*daftar hadir*) to the activities already held.
    ///
    /// Columns: `activity_id` and one of `kim_id` / `forum_id`, with `person` and `attended` (aliases `id_kegiatan`,
    /// `id_kim`, `nama_peserta`, `hadir`, …). A row of a daftar hadir is an attendance: a blank `attended` is yes;
    /// `tidak`, `0`, `absen`, `izin` record an invitation not attended (which never counts, PB4). A row is
    /// rejected when its activity is unknown, when it names both or neither of a KIM and a forum, when the KIM
    /// is not in `registry` (if given), or when it repeats a participant and person of the same activity.
    pub fn import_attendance_csv<R: Read>(
        &mut self,
        input: R,
        registry: Option<&Registry>,
        options: &ImportOptions,
    ) -> Result<TableReport> {
        no_places(options)?;
        let activities = &mut self.activities;
        import_table(input, &ATTENDANCE_TABLE, options, |row| {
            let mut c = RowParser {
                row,
                errors: Vec::new(),
                options,
            };
            let activity = c.text("activity_id", true);
            let kim = c.text("kim_id", false);
            let forum = c.text("forum_id", false);
            let person = c.text("person", false).map(str::to_owned);
            let raw = c.text("attended", false);
            let present = attended(raw).map_err(|()| {
                c.err(
                    "attended",
                    raw.unwrap_or_default(),
                    "KIM-E-ENUM",
                    "expected ya/tidak, hadir/tidak hadir, 1/0",
                );
            });
            let unit = match (kim, forum) {
                (Some(k), None) => Some(MemberRef::Kim(k.to_owned())),
                (None, Some(f)) => Some(MemberRef::Forum(f.to_owned())),
                (Some(_), Some(_)) => {
                    c.err(
                        "forum_id",
                        "",
                        "KIM-E-COLUMN",
                        "name a KIM or a forum, not both",
                    );
                    None
                }
                (None, None) => {
                    c.err(
                        "kim_id",
                        "",
                        "KIM-E-REQUIRED",
                        "name the KIM (kim_id) or the forum (forum_id)",
                    );
                    None
                }
            };
            if let (Some(k), Some(reg)) = (kim, registry)
                && reg.get(k).is_none()
            {
                c.err(
                    "kim_id",
                    k,
                    "KIM-E-UNKNOWN-KIM",
                    "no KIM of the registry has this id",
                );
            }
            let idx = activity.and_then(|id| {
                let i = activities.iter().position(|a| a.id == id);
                if i.is_none() {
                    c.err(
                        "activity_id",
                        id,
                        "KIM-E-UNKNOWN-ACTIVITY",
                        "no activity has this id",
                    );
                }
                i
            });
            let p = finish(
                c,
                (|| {
                    Some((
                        idx?,
                        Participant {
                            unit: unit?,
                            person,
                            attended: present.ok()?,
                        },
                    ))
                })(),
            )?;
            let (i, p) = p;
            let a = &mut activities[i];
            if a.participants
                .iter()
                .any(|q| q.unit == p.unit && q.person == p.person)
            {
                return Err(vec![RowError::new(
                    row.line,
                    "kim_id",
                    p.unit.id(),
                    "KIM-E-DUPLICATE",
                    "this participant is already on the activity's list",
                )]);
            }
            a.participants.push(p);
            Ok(false)
        })
    }
}
