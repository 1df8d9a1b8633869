//! Kemendagri code parsing: any bytes give a code or an offset and a problem; a parsed code round-trips through
//! its dotted and undotted forms and through u64.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kim_fuzz_harness::code_parse::run(data));
