//! cargo-fuzz target `abi`: see `wasicrypt_fuzz::targets::abi`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wasicrypt_fuzz::targets::abi(data));
