//! Drop-in for the [`hmac`](https://docs.rs/hmac) crate's SHA-2 instances: HMAC (RFC 2104,
//! FIPS 198-1) computed by the host, the key kept in the host.
//!
//! | type | host algorithm | stands in for | tag |
//! |---|---|---|---|
//! | [`HmacSha256`] | `HMAC/SHA-256` | `hmac::Hmac<sha2::Sha256>` | 32 bytes |
//! | [`HmacSha384`] | `HMAC/SHA-384` | `hmac::Hmac<sha2::Sha384>` | 48 bytes |
//! | [`HmacSha512`] | `HMAC/SHA-512` | `hmac::Hmac<sha2::Sha512>` | 64 bytes |
//!
//! ```
//! # if !cfg!(target_arch = "wasm32") { return; } // the hostcalls need a WASI-Crypto host
//! use digest::{KeyInit, Mac};
//! use wasicrypt::hmac::HmacSha256;
//!
//! // RFC 4231 test case 2.
//! let mut mac = HmacSha256::new_from_slice(b"Jefe").unwrap();
//! mac.update(b"what do ya want for nothing?");
//! let tag = mac.finalize().into_bytes();
//! assert_eq!(tag[..4], [0x5b, 0xdc, 0xc1, 0x46]);
//! ```

pub use digest::{self, KeyInit, Mac};

use crate::rustcrypto::digest::hmac_type;

hmac_type!(
    /// HMAC-SHA-256 (RFC 2104 over FIPS 180-4 SHA-256): a 32-byte tag.
    HmacSha256, "HMAC/SHA-256", U32, U64
);
hmac_type!(
    /// HMAC-SHA-384 (RFC 2104 over FIPS 180-4 SHA-384): a 48-byte tag.
    HmacSha384, "HMAC/SHA-384", U48, U128
);
hmac_type!(
    /// HMAC-SHA-512 (RFC 2104 over FIPS 180-4 SHA-512): a 64-byte tag.
    HmacSha512, "HMAC/SHA-512", U64, U128
);
