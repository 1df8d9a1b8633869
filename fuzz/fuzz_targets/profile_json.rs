//! Profile and overlay files: any text gives a profile or an error; an accepted profile round-trips.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kim_fuzz_harness::profile_json::run(data));
