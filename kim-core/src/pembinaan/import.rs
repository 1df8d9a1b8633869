//! CSV import of activities and of attendance lists (*daftar hadir*), through the registry's CSV machinery
//! (encodings, delimiters, header aliases, row errors): every rejected row is in the [`TableReport`] with its line
//! and field, and rows in = accepted + rejected.

use std::collections::HashSet;
use std::io::Read;

use super::PembinaanData;
use super::model::{Activity, Funding, Mode, Organizer, OrganizerKind, Participant};
use crate::error::{Result, RowError};
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

fn amount(p: &mut RowParser<'_>, field: &str) -> Option<u64> {
    let v = p.text(field, false)?;
    let digits: String = v
        .chars()
        .filter(|c| !matches!(c, '.' | ',' | ' '))
        .collect();
    digits
        .strip_prefix("Rp")
        .unwrap_or(&digits)
        .parse()
        .map_err(|_| {
            p.err(
                field,
                v,
                "KIM-E-NUMBER",
                "not a whole amount of rupiah (digits, with `.` or `,` between thousands)",
            );
        })
        .ok()
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
    let source = c.parsed("funding_source");
    let amount = amount(&mut c, "funding_amount");
    let sipd = c.text("sipd_code", false).map(str::to_owned);
    if source.is_none() && (amount.is_some() || sipd.is_some()) && c.errors.is_empty() {
        c.err(
            "funding_source",
            "",
            "KIM-E-REQUIRED",
            "an amount or SIPD code needs its funding source",
        );
    }
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
        if let Some(source) = source {
            a.funding.push(Funding {
                source,
                amount,
                sipd_code: sipd,
            });
        }
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

impl PembinaanData {
    /// Adds the activities of a CSV table: one activity per row, with at most one funding line.
    ///
    /// Columns (any order; Indonesian aliases such as `judul`, `jenis_kegiatan`, `tanggal_mulai`, `lokasi`,
    /// `sumber_dana`, `kode_sipd` are read too): `id, title, kind, organizer_kind, organizer_region,
    /// organizer_name, start, end, location, mode, topics, funding_source, funding_amount, sipd_code`; `topics`
    /// is `;`-separated; the first six are required. Encoding, delimiter and dates are read as by
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
