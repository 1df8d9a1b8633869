//! Free-text places in imported rows: `desa`, `kecamatan` and `kab_kota` names matched against the code list.

use super::rows::RowParser;
use crate::wilayah::{Kode, Level, Reference, Resolution};

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
    let out = reference.resolve_fields(desa, kec, kab);
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
