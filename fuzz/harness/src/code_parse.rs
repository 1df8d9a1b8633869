//! Kemendagri code parsing: any bytes give a code or an offset and a problem; a parsed code round-trips through
//! its dotted and undotted forms and through u64.

use kim_core::wilayah::Kode;

pub fn run(data: &[u8]) {
    match Kode::parse_bytes(data) {
        Ok(k) => {
            assert_eq!(Kode::parse(&k.to_string()).ok(), Some(k));
            assert_eq!(Kode::parse(&k.digits()).ok(), Some(k));
            assert_eq!(Kode::from_u64(k.as_u64()), Some(k));
            if let Some(p) = k.parent() {
                assert!(p.contains(k));
                assert!(p < k);
            }
        }
        Err((at, _problem)) => assert!(at <= data.len()),
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = Kode::parse(s).map_err(|e| e.to_string());
    }
}
