//! Registry CSV import with free-text name matching: the input is split at the first 0xFF byte into the KIM table
//! and the member table. Rows in = accepted + rejected, always.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kim_fuzz_harness::registry_csv::run(data));
