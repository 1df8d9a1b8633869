//! Free-text places in imported rows: `desa`, `kecamatan` and `kab_kota` names matched against the code list.

use super::review::{ReviewItem, ReviewReason, place_key};
use super::rows::{Row, RowParser};
use crate::wilayah::{FieldsResolution, Kode, Level, Reference, Resolution};

/// The seat a person confirmed for this row ([`super::ImportOptions::places`]), by KIM id first, then place key.
fn confirmed(p: &RowParser<'_>, desa: &str, kec: Option<&str>, kab: Option<&str>) -> Option<Kode> {
    let places = &p.options.places;
    if places.is_empty() {
        return None;
    }
    p.row
        .get("id")
        .and_then(|id| places.get(id))
        .or_else(|| places.get(&place_key(desa, kec, kab)))
        .copied()
}

/// The row's names resolved. A `desa` cell that holds the whole place (`Desa Sidomulyo, Kec. Anggana, Kab. Kutai
/// Kartanegara`) with blank `kecamatan` and `kab_kota` is read as one place text, as
/// [`Reference::resolve_place`] reads it, when it does not name a village by itself.
fn resolve(
    reference: &Reference,
    desa: &str,
    kec: Option<&str>,
    kab: Option<&str>,
) -> FieldsResolution {
    let out = reference.resolve_fields(desa, kec, kab);
    if kec.is_none()
        && kab.is_none()
        && desa.contains(',')
        && matches!(out.resolution, Resolution::NotFound)
    {
        return FieldsResolution {
            resolution: reference.resolve_place(desa),
            field: "desa",
        };
    }
    out
}

/// The review item of a KIM row whose seat names were ambiguous or uncertain; `None` for any other row.
pub(super) fn review_item(row: &Row, reference: Option<&Reference>) -> Option<ReviewItem> {
    let reference = reference?;
    if row.get("seat").is_some() {
        return None;
    }
    let desa = row.get("desa")?;
    let (kec, kab) = (row.get("kecamatan"), row.get("kab_kota"));
    let (reason, candidates) = match resolve(reference, desa, kec, kab).resolution {
        Resolution::Ambiguous(c) => (ReviewReason::Ambiguous, c),
        Resolution::Uncertain(c) => (ReviewReason::Uncertain, c),
        _ => return None,
    };
    Some(ReviewItem {
        line: row.line,
        id: row.get("id").map(str::to_owned),
        desa: desa.to_owned(),
        kecamatan: kec.map(str::to_owned),
        kab_kota: kab.map(str::to_owned),
        key: place_key(desa, kec, kab),
        reason,
        candidates,
    })
}

pub(super) fn resolve_seat(p: &mut RowParser<'_>, reference: Option<&Reference>) -> Option<Kode> {
    let row = p.row;
    let (desa, kec, kab) = (row.get("desa"), row.get("kecamatan"), row.get("kab_kota"));
    let Some(desa) = desa else {
        p.err(
            "seat",
            "",
            "KIM-E-REQUIRED",
            "give a seat code, or desa (with kecamatan and kab_kota) names",
        );
        return None;
    };
    let Some(reference) = reference else {
        p.err(
            "desa",
            desa,
            "KIM-E-ARGUMENT",
            "matching village names needs a reference code list",
        );
        return None;
    };
    if let Some(kode) = confirmed(p, desa, kec, kab) {
        if kode.level() == Level::Desa && reference.contains(kode) {
            return Some(kode);
        }
        p.err(
            "desa",
            desa,
            "KIM-E-NAME",
            format!("the confirmed seat {kode} is not a village of the code list"),
        );
        return None;
    }
    let out = resolve(reference, desa, kec, kab);
    let field = out.field;
    let value = match field {
        "kab_kota" => kab,
        "kecamatan" => kec,
        _ => Some(desa),
    }
    .unwrap_or(desa);
    let list = |c: &[crate::wilayah::NameMatch]| {
        c.iter()
            .take(5)
            .map(|m| format!("{} {} ({:.2})", m.kode, m.name, m.score))
            .collect::<Vec<_>>()
            .join("; ")
    };
    match out.resolution {
        Resolution::Unique(m) if m.kode.level() == Level::Desa => Some(m.kode),
        Resolution::Unique(m) => {
            p.err(
                "desa",
                desa,
                "KIM-E-NAME",
                format!("matched {} {}, which is not a village", m.kode, m.name),
            );
            None
        }
        Resolution::Ambiguous(c) => {
            p.err(
                "desa",
                desa,
                "KIM-E-NAME-AMBIGUOUS",
                format!("several villages fit; candidates: {}", list(&c)),
            );
            None
        }
        Resolution::Uncertain(c) => {
            p.err(
                field,
                value,
                "KIM-E-NAME-UNCERTAIN",
                format!(
                    "no exact match for this {field}; near spellings: {}",
                    list(&c)
                ),
            );
            None
        }
        Resolution::NotFound => {
            let message = match field {
                "kab_kota" => "no kab/kota of this name",
                "kecamatan" => "no kecamatan of this name in the given kab_kota",
                _ => "no village of this name in the given kecamatan/kab_kota",
            };
            p.err(field, value, "KIM-E-NAME-UNMATCHED", message);
            None
        }
    }
}
