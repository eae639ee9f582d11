//! Drop-in for the [`sha2`](https://docs.rs/sha2) crate: SHA-2 (FIPS 180-4) computed by the host.
//!
//! | type | host algorithm | digest | block |
//! |---|---|---|---|
//! | [`Sha256`] | `SHA-256` | 32 bytes | 64 bytes |
//! | [`Sha384`] | `SHA-384` | 48 bytes | 128 bytes |
//! | [`Sha512`] | `SHA-512` | 64 bytes | 128 bytes |
//! | [`Sha512_256`] | `SHA-512/256` | 32 bytes | 128 bytes |
//!
//! Replace `use sha2::Sha256;` with `use wasicrypt::sha2::Sha256;`; code written against
//! [`digest::Digest`] keeps working:
//!
//! ```
//! # if !cfg!(target_arch = "wasm32") { return; } // the hostcalls need a WASI-Crypto host
//! use digest::Digest;
//! use wasicrypt::sha2::Sha256;
//!
//! let digest = Sha256::digest(b"abc");
//! assert_eq!(digest[..4], [0xba, 0x78, 0x16, 0xbf]);
//! ```

pub use digest::{self, Digest};

use crate::rustcrypto::digest::fixed_hash;

fixed_hash!(
    /// SHA-256 (FIPS 180-4 §6.2): a 32-byte digest.
    Sha256, "SHA-256", U32, U64
);
fixed_hash!(
    /// SHA-384 (FIPS 180-4 §6.5): a 48-byte digest.
    Sha384, "SHA-384", U48, U128
);
fixed_hash!(
    /// SHA-512 (FIPS 180-4 §6.4): a 64-byte digest.
    Sha512, "SHA-512", U64, U128
);
fixed_hash!(
    /// SHA-512/256 (FIPS 180-4 §6.7): SHA-512 with its own initial value, truncated to 32 bytes.
    Sha512_256, "SHA-512/256", U32, U128
);
