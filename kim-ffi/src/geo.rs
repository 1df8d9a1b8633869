//! Maps: coverage as GeoJSON, with the boundaries embedded in kim-geo.

use std::ffi::c_char;

use crate::coverage::{inputs, parse};
use crate::errors::KimStatus;
use crate::handle::{check_out, write_string};
use crate::macros::ffi_call;
use crate::registry::KimRegistry;
use crate::wilayah::KimReference;

/// Computes coverage with the options of [`crate::coverage::kim_coverage`] and writes it as a GeoJSON
/// FeatureCollection (RFC 7946) for a web map (e.g. Leaflet's `L.geoJSON`): `{"type":"FeatureCollection",
/// "bbox":[west,south,east,north],"features":[{"type":"Feature","id":"64.02.01","properties":{…},"geometry":
/// {"type":"MultiPolygon","coordinates":[…]}}],"kim":{"schema_version":1,"level","within","as_of",
/// "code_list_version","boundaries_version","boundaries_source","versions_differ","total":{…},
/// "rows_without_boundary":[{"code","name"}],"boundaries_without_row":[…],"name_differences":[{"code","name",
/// "boundary_name"}]}}`. One feature per coverage row, in code order; `properties` are the row's flat columns (as
/// in the CSV: `code`, `name`, `level`, `parent`, `villages`, `desa`, …, `village_ratio`, …, `n_kim`, `n_members`,
/// `code_list_version`, `as_of`); a row without a boundary keeps its feature with `"geometry": null` and is listed
/// in `kim.rows_without_boundary`. Coordinates are `[longitude, latitude]`, 5 decimals.
///
/// Levels: `provinsi`, `kab_kota` and `kecamatan` anywhere; `desa` only inside Kutai Kartanegara (`within` 64.02 or
/// one of its kecamatan), the one kabupaten whose village boundaries are embedded.
///
/// # Safety
///
/// As [`crate::coverage::kim_coverage`].
///
/// # Errors
///
/// As [`crate::coverage::kim_coverage`]; `KIM_STATUS_INVALID_ARGUMENT` (`KIM-E-ARGUMENT`) for villages outside
/// Kutai Kartanegara.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn kim_coverage_geojson(
    registry: *const KimRegistry,
    reference: *const KimReference,
    options_json: *const c_char,
    options_len: usize,
    out: *mut *mut c_char,
) -> KimStatus {
    ffi_call!({
        check_out(out, "out")?;
        // SAFETY: guaranteed by the caller.
        let (registry, reference, opts) =
            unsafe { inputs(registry, reference, options_json, options_len)? };
        let text = kim_geo::coverage_geojson_text(&registry.0, reference.get(), &parse(opts)?)?;
        // SAFETY: `out` is valid and non-NULL.
        unsafe { write_string(out, text) }
    })
}
