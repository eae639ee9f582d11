//! cargo-fuzz target `imports`: see `wasicrypt_fuzz::targets::imports`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wasicrypt_fuzz::targets::imports(data));
