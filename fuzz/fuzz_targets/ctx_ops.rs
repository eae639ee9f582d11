//! cargo-fuzz target `ctx_ops`: see `wasicrypt_fuzz::targets::ctx_ops`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| wasicrypt_fuzz::targets::ctx_ops(data));
