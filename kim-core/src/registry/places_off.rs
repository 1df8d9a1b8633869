//! Seats from free-text places without the `names` feature: a row must give its seat code.

use super::review::ReviewItem;
use super::rows::{Row, RowParser};
use crate::wilayah::{Kode, Reference};

/// No review items: without name matching no row is ambiguous.
pub(super) fn review_item(_row: &Row, _reference: Option<&Reference>) -> Option<ReviewItem> {
    None
}

/// A row without a `seat` code is rejected: matching `desa`/`kecamatan`/`kab_kota` names needs the `names` feature.
pub(super) fn resolve_seat(p: &mut RowParser<'_>, _reference: Option<&Reference>) -> Option<Kode> {
    let desa = p.row.get("desa").unwrap_or("");
    p.err(
        "seat",
        desa,
        "KIM-E-REQUIRED",
        "give a seat code: matching desa, kecamatan and kab_kota names needs kim-core's `names` feature",
    );
    None
}
