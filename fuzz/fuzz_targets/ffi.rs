//! Every C ABI entry point fed arbitrary bytes. The first byte picks the call; the rest is split at 0xFF bytes
//! into its arguments (text, options, version…). A call may fail with any status except `KIM_STATUS_PANIC`, must
//! leave a readable last error when it fails, and every string it returns is freed.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kim_fuzz_harness::ffi::run(data));
