//! cargo-fuzz target `differential`: see `wasicrypt_fuzz::targets::differential`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wasicrypt_fuzz::targets::differential(data));
