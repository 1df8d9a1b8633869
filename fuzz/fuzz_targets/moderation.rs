//! Moderation: normalise + verdict + redact on any text. Spans fall on char boundaries of the original text and
//! redaction leaves no detected personal data behind.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| kim_fuzz_harness::moderation::run(data));
