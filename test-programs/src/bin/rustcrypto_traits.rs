//! Runs the trait-only code of `rustcrypto_cases.rs` over `wasicrypt`'s drop-in types and prints
//! its transcript, one `label: hex` line per output; the host's `guest_programs` test runs the
//! same code over the RustCrypto crates natively and compares.

/// The drop-in modules, under the names the shared code uses.
mod impls {
    pub use wasicrypt::{
        aes_gcm, aes_gcm_siv, chacha20poly1305, ctr, ed25519, hmac, k256, p256, p384, sha2, sha3,
    };
}

#[path = "../rustcrypto_cases.rs"]
mod rustcrypto_cases;

fn main() {
    for (label, bytes) in rustcrypto_cases::run_all() {
        println!("{label}: {}", wasicrypt_test_programs::hex(&bytes));
    }
}
