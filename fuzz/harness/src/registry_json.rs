//! Registry JSON import: any text gives a registry or an error; an accepted registry round-trips and can be
//! validated and covered without a panic.

use chrono::NaiveDate;
use kim_core::coverage::{CoverageOptions, coverage};
use kim_core::registry::Registry;
use kim_core::rules::{ProfileSet, validate_registry_by_seat};
use kim_core::wilayah::Reference;

pub fn run(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(reg) = Registry::from_json(s) else {
        return;
    };
    let again = Registry::from_json(&reg.to_json()).expect("own output parses");
    assert_eq!(again.to_json(), reg.to_json());
    let _ = reg.to_log_json();
    let day = NaiveDate::from_ymd_opt(2025, 6, 30).unwrap();
    let set = ProfileSet::builtin();
    let _ = validate_registry_by_seat(&reg, &set, None, Reference::embedded(), day);
    let _ = coverage(&reg, Reference::embedded(), &CoverageOptions::new(day));
    let _ = reg.as_of(day);
}
