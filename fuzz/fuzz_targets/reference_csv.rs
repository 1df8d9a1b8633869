//! Reference (code list) loading from CSV and TSV: any bytes give a reference or a structured error.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kim_fuzz_harness::reference_csv::run(data));
