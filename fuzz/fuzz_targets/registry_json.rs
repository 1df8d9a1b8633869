//! Registry JSON import: any text gives a registry or an error; an accepted registry round-trips and can be
//! validated and covered without a panic.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kim_fuzz_harness::registry_json::run(data));
