//! Registry CSV import with free-text name matching: the input is split at the first 0xFF byte into the KIM table
//! and the member table. Rows in = accepted + rejected, always.

use kim_core::registry::Registry;
use kim_core::wilayah::Reference;

pub fn run(data: &[u8]) {
    let (kims, members) = match data.iter().position(|&b| b == 0xFF) {
        Some(i) => (&data[..i], Some(&data[i + 1..])),
        None => (data, None),
    };
    if let Ok((reg, report)) = Registry::import_csv(kims, members, Some(Reference::embedded())) {
        for t in [&report.kims, &report.members] {
            assert_eq!(t.rows_in, t.accepted + t.rejected);
        }
        assert_eq!(reg.len(), report.kims.accepted);
    }
    if let Ok(s) = std::str::from_utf8(kims) {
        let _ = Reference::embedded().resolve_place(s);
    }
}
