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
    let parts: Vec<&str> = [kab, kec, Some(desa)].into_iter().flatten().collect();
    // The last part is a village: if no prefix says otherwise, make that explicit for single-name rows too.
    let res = if parts.len() == 1 {
        let m = reference.match_name_at(desa, None, Some(Level::Desa));
        match m.as_slice() {
            [] => Resolution::NotFound,
            [one] if one.kind == crate::wilayah::MatchKind::Exact => {
                Resolution::Unique(one.clone())
            }
            _ => Resolution::Ambiguous(m.into_iter().take(10).collect()),
        }
    } else {
        reference.resolve_parts(&parts)
    };
    match res {
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
            let list: Vec<String> = c
                .iter()
                .take(5)
                .map(|m| format!("{} {} ({:.2})", m.kode, m.name, m.score))
                .collect();
            p.err(
                "desa",
                desa,
                "KIM-E-NAME-AMBIGUOUS",
                format!(
                    "ambiguous or uncertain place; candidates: {}",
                    list.join("; ")
                ),
            );
            None
        }
        Resolution::NotFound => {
            p.err(
                "desa",
                desa,
                "KIM-E-NAME-UNMATCHED",
                "no village of this name in the given kecamatan/kab_kota",
            );
            None
        }
    }
}
