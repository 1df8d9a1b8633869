//! Reading a CSV table into [`Row`]s as Excel and other tools write it: the encoding and the delimiter detected
//! (or given), the header mapped through the Indonesian aliases ([`super::columns`]), every physical row kept (a
//! broken one with its line and byte), so that rows in = accepted + rejected. An unclosed quote rejects its row and
//! reading goes on after that line, instead of swallowing the rest of the file.

use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Read;

use super::columns::{Table, map_headers};
use super::options::{ImportOptions, TextEncoding};
use super::report::{ImportWarning, TableReport};
use super::rows::Row;
use crate::error::{Error, Result, RowError};

/// The columns a table's header must have: every name of `all`, and at least one of `any`.
pub(super) struct Required {
    pub(super) table: Table,
    pub(super) all: &'static [&'static str],
    pub(super) any: &'static [&'static str],
}

pub(super) const KIM_COLUMNS: Required = Required {
    table: Table::Kims,
    all: &["id", "name"],
    any: &["seat", "desa"],
};

pub(super) const MEMBER_COLUMNS: Required = Required {
    table: Table::Members,
    all: &["kim_id", "id", "name"],
    any: &[],
};

/// At most this many unclosed quotes are recovered from; after that every remaining physical line is a rejected
/// row (so that a hostile file cannot make reading quadratic).
const MAX_QUOTE_RECOVERIES: usize = 100;

/// A CSV table decoded to UTF-8 (or kept as bytes when read as UTF-8), with its header mapped.
pub(super) struct CsvTable {
    data: Vec<u8>,
    /// Where the data rows start in `data`, and the line of the first one.
    body: usize,
    body_line: u64,
    delimiter: u8,
    encoding: TextEncoding,
    columns: Vec<Option<&'static str>>,
    warnings: Vec<ImportWarning>,
}

/// The encoding of `bytes` when none is given: BOMs, then the NUL bytes of UTF-16, then UTF-8 validity.
fn detect(bytes: &[u8]) -> TextEncoding {
    match bytes {
        [0xEF, 0xBB, 0xBF, ..] => return TextEncoding::Utf8,
        [0xFF, 0xFE, ..] => return TextEncoding::Utf16Le,
        [0xFE, 0xFF, ..] => return TextEncoding::Utf16Be,
        _ => {}
    }
    let head = &bytes[..bytes.len().min(512) & !1];
    let pairs = head.len() / 2;
    if pairs >= 2 {
        let le = head.chunks(2).filter(|p| p[0] != 0 && p[1] == 0).count();
        let be = head.chunks(2).filter(|p| p[0] == 0 && p[1] != 0).count();
        if le * 2 > pairs {
            return TextEncoding::Utf16Le;
        }
        if be * 2 > pairs {
            return TextEncoding::Utf16Be;
        }
    }
    if std::str::from_utf8(bytes).is_ok() {
        TextEncoding::Utf8
    } else {
        TextEncoding::Windows1252
    }
}

/// `bytes` as UTF-8 (a UTF-8 BOM removed); for UTF-8 the bytes themselves, so that a bad field rejects only its
/// row. The count of malformed UTF-16 sequences replaced by U+FFFD is returned too.
fn decode(bytes: Vec<u8>, encoding: TextEncoding) -> (Vec<u8>, usize) {
    let text: Cow<'_, str> = match encoding {
        TextEncoding::Utf8 => {
            let mut bytes = bytes;
            if bytes.starts_with(b"\xEF\xBB\xBF") {
                bytes.drain(..3);
            }
            return (bytes, 0);
        }
        TextEncoding::Latin1 => bytes.iter().map(|&b| char::from(b)).collect(),
        TextEncoding::Windows1252 => {
            encoding_rs::WINDOWS_1252
                .decode_without_bom_handling(&bytes)
                .0
        }
        TextEncoding::Utf16Le | TextEncoding::Utf16Be => {
            let enc = if encoding == TextEncoding::Utf16Le {
                encoding_rs::UTF_16LE
            } else {
                encoding_rs::UTF_16BE
            };
            let (text, _) = enc.decode_with_bom_removal(&bytes);
            let bad = text.matches('\u{fffd}').count();
            return (text.into_owned().into_bytes(), bad);
        }
    };
    (text.into_owned().into_bytes(), 0)
}

/// The delimiter among `,` `;` tab `|` that the header line has most of (`,` when it has none).
fn sniff_delimiter(header_line: &[u8]) -> u8 {
    let mut best = (0, b',');
    for d in [b',', b';', b'\t', b'|'] {
        let n = memchr::memchr_iter(d, header_line).count();
        if n > best.0 {
            best = (n, d);
        }
    }
    best.1
}

fn reader(data: &[u8], delimiter: u8, has_headers: bool) -> csv::Reader<&[u8]> {
    csv::ReaderBuilder::new()
        .flexible(true)
        .has_headers(has_headers)
        .delimiter(delimiter)
        .trim(csv::Trim::All)
        .from_reader(data)
}

/// Reads and decodes a CSV table and maps its header. A header that is not text, names a column twice (after the
/// aliases), has more than [`ImportOptions::max_columns`] columns or lacks a required column fails the table.
pub(super) fn read_csv<R: Read>(
    mut input: R,
    required: &Required,
    options: &ImportOptions,
) -> Result<CsvTable> {
    let mut bytes = Vec::new();
    input.read_to_end(&mut bytes).map_err(|e| Error::Csv {
        line: 0,
        message: format!("could not read the CSV: {e}"),
    })?;
    let encoding = options.encoding.unwrap_or_else(|| detect(&bytes));
    let (data, replaced) = decode(bytes, encoding);
    let line_end = memchr::memchr(b'\n', &data).map_or(data.len(), |i| i + 1);
    let delimiter = options
        .delimiter
        .unwrap_or_else(|| sniff_delimiter(&data[..line_end]));
    // Refuse a huge header before the CSV reader holds it: count the delimiters outside quotes.
    let mut quoted = false;
    let columns = 1 + data[..line_end]
        .iter()
        .filter(|&&b| {
            quoted ^= b == b'"';
            b == delimiter && !quoted
        })
        .count();
    if columns > options.max_columns {
        return Err(too_many_columns(columns, options));
    }
    let mut rdr = reader(&data, delimiter, true);
    let raw = rdr.byte_headers().map_err(|e| Error::from_csv(&e))?.clone();
    if raw.len() > options.max_columns {
        return Err(too_many_columns(raw.len(), options));
    }
    let mut headers = Vec::with_capacity(raw.len());
    for (i, h) in raw.iter().enumerate() {
        if h.contains(&0) {
            return Err(Error::Csv {
                line: 1,
                message: format!(
                    "header column {} has NUL bytes: the file looks like UTF-16 read as {encoding}; pass the \
                     encoding (utf-16le or utf-16be) or save the file as UTF-8",
                    i + 1
                ),
            });
        }
        let h = std::str::from_utf8(h).map_err(|e| Error::Csv {
            line: 1,
            message: format!(
                "header column {} is not {encoding} (byte {} of the column name)",
                i + 1,
                e.valid_up_to()
            ),
        })?;
        headers.push(h.trim_start_matches('\u{feff}').trim().to_owned());
    }
    let body = rdr.position().byte().try_into().unwrap_or(data.len());
    let body_line = 1 + newlines(&data[..body]);
    let (columns, mut warnings) = map_headers(required.table, &headers, options)
        .map_err(|message| Error::Csv { line: 1, message })?;
    if replaced > 0 {
        warnings.push(ImportWarning {
            column: String::new(),
            suggestion: None,
            message: format!(
                "{replaced} malformed {encoding} sequences were replaced by U+FFFD; check the names they are in"
            ),
        });
    }
    // An empty file is an empty table; any other header must name the required columns.
    if !headers.is_empty() {
        check_header(&headers, &columns, required)?;
    }
    Ok(CsvTable {
        data,
        body,
        body_line,
        delimiter,
        encoding,
        columns,
        warnings,
    })
}

fn too_many_columns(n: usize, options: &ImportOptions) -> Error {
    Error::Csv {
        line: 1,
        message: format!(
            "the header has {n} columns, more than the {} allowed (ImportOptions max_columns)",
            options.max_columns
        ),
    }
}

/// Where an unclosed quote starts: `(start of its record, the quote)`, as byte offsets into `data`.
fn runaway_quote(data: &[u8], delimiter: u8) -> Option<(usize, usize)> {
    let (mut record, mut quote) = (0, 0);
    let (mut field_start, mut quoted) = (true, false);
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if quoted {
            if b == b'"' {
                if data.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && field_start {
            quoted = true;
            quote = i;
            field_start = false;
        } else if b == delimiter {
            field_start = true;
        } else if b == b'\n' || b == b'\r' {
            field_start = true;
            record = i + 1;
        } else {
            // The csv crate opens a quote only as the first byte of a field.
            field_start = false;
        }
        i += 1;
    }
    quoted.then_some((record, quote))
}

/// How reading a part of the body ended.
enum Segment {
    /// Every record read.
    Done,
    /// The caller asked to stop.
    Stopped,
    /// The record at byte `at` of the part (line `line` of the file) has a field that runs over a line end and the
    /// wrong number of fields.
    Broken { at: usize, line: u64 },
}

fn broken_row(e: RowError) -> Row {
    Row {
        line: e.line,
        fields: HashMap::new(),
        numbers: HashMap::new(),
        broken: vec![e],
    }
}

fn newlines(bytes: &[u8]) -> u64 {
    memchr::memchr_iter(b'\n', bytes).count() as u64
}

impl CsvTable {
    /// What the report says about how the table was read.
    pub(super) fn describe(&self, report: &mut TableReport) {
        report.encoding = Some(self.encoding.name().to_owned());
        report.delimiter = Some(char::from(self.delimiter));
        report.warnings.clone_from(&self.warnings);
    }

    /// Calls `f` with every data row, in order, until it returns false.
    ///
    /// A quoted field that runs over a line end is taken for an unclosed quote when its record then has the wrong
    /// number of fields, when a line inside it looks like a whole row, or when it runs to the end of the file: the record's first line is rejected
    /// (`KIM-E-CSV-QUOTE`) and reading goes on at the next line. A multi-line cell in a record of the right shape
    /// (Excel's Alt+Enter) is kept.
    pub(super) fn for_each_row(&self, mut f: impl FnMut(Row) -> bool) {
        let mut start = self.body;
        let mut line = self.body_line;
        let mut recoveries = 0;
        while start < self.data.len() {
            let rest = &self.data[start..];
            let (part, runaway) = match runaway_quote(rest, self.delimiter) {
                Some((record, quote)) => (&rest[..record], Some(quote)),
                None => (rest, None),
            };
            let (at, at_line) = match self.rows_of(part, line, start, &mut f) {
                Segment::Stopped => return,
                Segment::Broken { at, line } => (at, line),
                Segment::Done => match runaway {
                    None => return,
                    Some(_) => (part.len(), line + newlines(part)),
                },
            };
            let record = &rest[at..];
            let quote = runaway
                .filter(|_| at == part.len())
                .map_or_else(|| memchr::memchr(b'"', record).unwrap_or(0), |q| q - at);
            let end = memchr::memchr(b'\n', record).map_or(record.len(), |i| i + 1);
            let more = f(broken_row(RowError::new(
                at_line,
                "",
                "",
                "KIM-E-CSV-QUOTE",
                format!(
                    "the quote at byte {} of the file opens a field that runs over the line end and is never \
                     closed in the right place; the row is rejected and reading goes on at the next line",
                    start + at + quote
                ),
            )));
            line = at_line + 1;
            start += at + end;
            recoveries += 1;
            if !more {
                return;
            }
            if recoveries == MAX_QUOTE_RECOVERIES {
                self.give_up(start, line, &mut f);
                return;
            }
        }
    }

    /// Every remaining physical line as a rejected row.
    fn give_up(&self, start: usize, first_line: u64, f: &mut impl FnMut(Row) -> bool) {
        let rest = &self.data[start..];
        for (line, _) in (first_line..).zip(rest.split(|&b| b == b'\n').filter(|l| !l.is_empty())) {
            let row = broken_row(RowError::new(
                line,
                "",
                "",
                "KIM-E-CSV-QUOTE",
                format!("not read: the file has more than {MAX_QUOTE_RECOVERIES} unclosed quotes"),
            ));
            if !f(row) {
                return;
            }
        }
    }

    /// The rows of a part of the body that starts at line `line`, byte `offset` of the file, up to the first record
    /// that looks like an unclosed quote.
    fn rows_of(
        &self,
        part: &[u8],
        line: u64,
        offset: usize,
        f: &mut impl FnMut(Row) -> bool,
    ) -> Segment {
        let mut rdr = reader(part, self.delimiter, false);
        let mut rec = csv::ByteRecord::new();
        let (mut row_line, mut counted) = (line, 0);
        // The csv reader drops a UTF-8 BOM at the start of its input. Here that input starts mid-file, where a BOM
        // is data: it is put back, and the text rule refuses it with its field.
        let mut bom = part.starts_with(b"\xEF\xBB\xBF");
        loop {
            match rdr.read_byte_record(&mut rec) {
                Ok(true) if std::mem::take(&mut bom) => {
                    let mut with_bom =
                        csv::ByteRecord::with_capacity(rec.as_slice().len() + 3, rec.len());
                    for (i, field) in rec.iter().enumerate() {
                        if i == 0 {
                            with_bom.push_field(&[b"\xEF\xBB\xBF", field].concat());
                        } else {
                            with_bom.push_field(field);
                        }
                    }
                    with_bom.set_position(rec.position().cloned());
                    rec = with_bom;
                }
                Ok(true) => {}
                Ok(false) => return Segment::Done,
                Err(e) => {
                    // Only I/O can fail on a byte slice; keep the row count honest anyway.
                    let (l, b) = e.position().map_or((0, 0), |p| (p.line(), p.byte()));
                    let row = broken_row(RowError::new(
                        line + l.saturating_sub(1),
                        "",
                        "",
                        "KIM-E-CSV",
                        format!("unreadable row at byte {}: {e}", offset as u64 + b),
                    ));
                    return if f(row) {
                        Segment::Done
                    } else {
                        Segment::Stopped
                    };
                }
            }
            let b = rec.position().map_or(0, csv::Position::byte);
            // A record's position is where the reader was, before the line ends and blank lines it skipped.
            let mut at = usize::try_from(b).unwrap_or(part.len()).min(part.len());
            while at < part.len() && matches!(part[at], b'\r' | b'\n') {
                at += 1;
            }
            row_line += newlines(&part[counted..at]);
            counted = at;
            if self.runaway(&rec) {
                return Segment::Broken { at, line: row_line };
            }
            if !f(self.row(&rec, row_line, (offset + at) as u64)) {
                return Segment::Stopped;
            }
        }
    }

    /// True when a field of `rec` runs over a line end and either the record has the wrong number of fields or a
    /// continuation line of that field holds what looks like a whole row (a delimiter for every column but one).
    fn runaway(&self, rec: &csv::ByteRecord) -> bool {
        let whole_row = self.columns.len().saturating_sub(1).max(2);
        rec.iter()
            .filter(|v| v.contains(&b'\n') || v.contains(&b'\r'))
            .any(|v| {
                rec.len() != self.columns.len()
                    || v.split(|&b| b == b'\n' || b == b'\r')
                        .skip(1)
                        .any(|l| memchr::memchr_iter(self.delimiter, l).count() >= whole_row)
            })
    }

    fn row(&self, rec: &csv::ByteRecord, line: u64, byte: u64) -> Row {
        let mut broken = Vec::new();
        if rec.len() != self.columns.len() {
            broken.push(RowError::new(
                line,
                "",
                "",
                "KIM-E-CSV-FIELDS",
                format!(
                    "the row has {} fields and the header {} (row starts at byte {byte} of the file)",
                    rec.len(),
                    self.columns.len()
                ),
            ));
        }
        let mut fields = HashMap::new();
        for (col, v) in self.columns.iter().zip(rec.iter()) {
            let Some(col) = col else { continue };
            match std::str::from_utf8(v) {
                Ok(v) => {
                    fields.insert((*col).to_owned(), v.to_owned());
                }
                Err(e) => broken.push(RowError::new(
                    line,
                    *col,
                    "",
                    "KIM-E-UTF8",
                    format!(
                        "not {} at byte {} of the field (row starts at byte {byte} of the file)",
                        self.encoding,
                        e.valid_up_to()
                    ),
                )),
            }
        }
        Row {
            line,
            fields,
            numbers: HashMap::new(),
            broken,
        }
    }
}

fn check_header(headers: &[String], columns: &[Option<&str>], required: &Required) -> Result<()> {
    let has = |c: &str| columns.contains(&Some(c));
    let missing = required.all.iter().find(|c| !has(c)).or_else(|| {
        (!required.any.is_empty() && !required.any.iter().any(|c| has(c))).then(|| &required.any[0])
    });
    let Some(column) = missing else {
        return Ok(());
    };
    if let [only] = headers
        && let Some(sep) = [',', ';', '\t', '|']
            .into_iter()
            .find(|c| only.contains(*c))
    {
        return Err(Error::Csv {
            line: 1,
            message: format!(
                "the header is one column with {sep:?} in it: pass that delimiter (or leave the delimiter option \
                 unset so that it is detected)"
            ),
        });
    }
    Err(Error::MissingColumn {
        column: (*column).to_owned(),
    })
}
