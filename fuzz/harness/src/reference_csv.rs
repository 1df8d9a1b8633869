//! Reference (code list) loading from CSV and TSV: any bytes give a reference or a structured error.

use kim_core::wilayah::Reference;

pub fn run(data: &[u8]) {
    if let Ok(r) = Reference::from_csv(data, "fuzz") {
        let counts = r.counts();
        assert_eq!(r.iter().count(), r.len());
        let _ = counts;
        for u in r.iter().take(64) {
            assert!(r.contains(u.kode));
            let _ = r.match_name(u.name, None);
        }
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = Reference::from_tsv(s).map(|r| r.len());
    }
}
