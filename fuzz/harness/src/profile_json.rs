//! Profile and overlay files: any text gives a profile or an error; an accepted profile round-trips.

use kim_core::rules::{Profile, ProfileSet};

pub fn run(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(p) = Profile::from_json(s) {
        let json = serde_json_roundtrip(&p);
        assert_eq!(Profile::from_json(&json).ok().as_ref(), Some(&p));
    }
    let mut set = ProfileSet::builtin();
    let _ = set.load_json(s).map(|p| p.id.clone());
}

fn serde_json_roundtrip(p: &Profile) -> String {
    serde_json::to_string(p).expect("a profile serialises")
}
