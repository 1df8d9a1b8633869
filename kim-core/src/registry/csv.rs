//! Reading a CSV table into [`Row`]s: the header checked, every physical row kept (a broken one with its line and
//! byte), so that rows in = accepted + rejected.

use std::collections::HashMap;
use std::io::Read;

use super::options::ImportOptions;
use super::rows::Row;
use crate::error::{Error, Result, RowError};

/// The columns a table's header must have: every name of `all`, and at least one of `any`.
pub(super) struct Required {
    all: &'static [&'static str],
    any: &'static [&'static str],
}

pub(super) const KIM_COLUMNS: Required = Required {
    all: &["id", "name"],
    any: &["seat", "desa"],
};

pub(super) const MEMBER_COLUMNS: Required = Required {
    all: &["kim_id", "id", "name"],
    any: &[],
};
/// Reads a CSV table into rows. A header that is not UTF-8 or lacks a required column fails the whole table; a row
/// with the wrong number of fields or a field that is not UTF-8 is kept as a broken row, which the import rejects
/// with its line and byte offset, so that rows in = accepted + rejected still holds.
pub(super) fn read_csv_rows<R: Read>(
    reader: R,
    required: &Required,
    _options: &ImportOptions,
) -> Result<Vec<Row>> {
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
            numbers: HashMap::new(),
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
