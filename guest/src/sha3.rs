//! Drop-in for the [`sha3`](https://docs.rs/sha3) crate: SHA-3 hashes and SHAKE XOFs (FIPS 202)
//! computed by the host. The SHAKE types are also in [`crate::shake`], named after the crate
//! where `sha3` 0.12 moved them.
//!
//! | type | host algorithm | output | rate (block) |
//! |---|---|---|---|
//! | [`Sha3_256`] | `SHA3-256` | 32 bytes | 136 bytes |
//! | [`Sha3_384`] | `SHA3-384` | 48 bytes | 104 bytes |
//! | [`Sha3_512`] | `SHA3-512` | 64 bytes | 72 bytes |
//! | [`Shake128`] ([`Shake128Reader`]) | `SHAKE-128` | any length | 168 bytes |
//! | [`Shake256`] ([`Shake256Reader`]) | `SHAKE-256` | any length | 136 bytes |
//!
//! ```
//! # if !cfg!(target_arch = "wasm32") { return; } // the hostcalls need a WASI-Crypto host
//! use digest::{ExtendableOutput, Update, XofReader};
//! use wasicrypt::sha3::Shake128;
//!
//! let mut xof = Shake128::default();
//! xof.update(b"");
//! let mut out = [0u8; 4];
//! xof.finalize_xof().read(&mut out);
//! assert_eq!(out, [0x7f, 0x9c, 0x2b, 0xa4]);
//! ```

pub use digest::{self, Digest};

use crate::rustcrypto::digest::{fixed_hash, xof};

fixed_hash!(
    /// SHA3-256 (FIPS 202 §6.1): a 32-byte digest.
    Sha3_256, "SHA3-256", U32, U136
);
fixed_hash!(
    /// SHA3-384 (FIPS 202 §6.1): a 48-byte digest.
    Sha3_384, "SHA3-384", U48, U104
);
fixed_hash!(
    /// SHA3-512 (FIPS 202 §6.1): a 64-byte digest.
    Sha3_512, "SHA3-512", U64, U72
);
xof!(
    /// SHAKE128 (FIPS 202 §6.2): output of any length, 128-bit security.
    Shake128, Shake128Reader, "SHAKE-128", U168
);
xof!(
    /// SHAKE256 (FIPS 202 §6.2): output of any length, 256-bit security.
    Shake256, Shake256Reader, "SHAKE-256", U136
);
