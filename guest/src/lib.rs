//! Safe Rust bindings to [WASI-Crypto](https://github.com/WebAssembly/wasi-crypto) for
//! `wasm32-wasip1` guests.
//!
//! The host (e.g. `wasicrypt-host` linked into a wasmtime embedder, or `wasicrypt run`) performs
//! the cryptography; this crate turns its `wasi_ephemeral_crypto_*` imports into owned handle
//! types that close themselves on `Drop` and return [`Result`]s whose [`Error`] has one variant per
//! `crypto_errno`.
//!
//! - High level: [`Hash`](struct@Hash) (FIPS 180-4), [`Hmac`] (RFC 2104 / RFC 4231), [`Hkdf`] (RFC 5869),
//!   [`Aead`] (AES-GCM per NIST SP 800-38D, ChaCha20-Poly1305 per RFC 8439, XChaCha20-Poly1305
//!   per draft-irtf-cfrg-xchacha).
//! - The proposal's objects: [`Options`], [`ArrayOutput`], [`SymmetricKey`], [`SymmetricState`],
//!   [`SymmetricTag`] (see [`symmetric`] for which operation each algorithm family supports).
//! - Signatures ([`signatures`]: Ed25519 per RFC 8032, ECDSA on P-256 / P-384 / secp256k1 per
//!   FIPS 186-5, RSA PKCS#1 v1.5 and PSS per RFC 8017): [`SignatureKeyPair`],
//!   [`SignaturePublicKey`], [`SignatureSecretKey`], [`Signature`], and the streaming [`Signer`]
//!   and [`Verifier`].
//! - Key exchange ([`kx`]: X25519 per RFC 7748, ECDH on P-256 / P-384 per NIST SP 800-56A,
//!   ML-KEM-512/768/1024 per FIPS 203): [`KxKeyPair`], [`KxPublicKey`] (Diffie-Hellman and
//!   encapsulation), [`KxSecretKey`] (decapsulation).
//! - Key and signature encodings shared by both ([`asymmetric`]): [`KeyPairEncoding`],
//!   [`PublicKeyEncoding`], [`SecretKeyEncoding`], [`SignatureEncoding`].
//! - Drop-ins for RustCrypto crates, implementing their traits (`digest` 0.11, `aead` 0.6,
//!   `cipher` 0.5, `signature` 3) so existing code switches by changing its `use` lines:
//!   [`sha2`], [`sha3`], [`shake`], [`blake3`], [`hmac`], [`aes_gcm`], [`chacha20poly1305`],
//!   [`aes_gcm_siv`], [`ctr`] (AES-CTR), [`ed25519`] (for
//!   `ed25519-dalek`), [`p256::ecdsa`], [`p384::ecdsa`], [`k256::ecdsa`]. Each module's docs
//!   name the type it stands in for.
//! - [`stream`] (`std`): the STREAM construction over any of those AEADs, and an `std::io`
//!   format that seals data of any size in constant memory.
//! - [`raw`]: the generated, unsafe `extern "C"` imports, for tests and uncovered corners.
//!
//! Algorithm names are typed ([`SymmetricAlgorithm`], [`SignatureAlgorithm`], [`KxAlgorithm`]:
//! a misspelled name does not compile) or strings spelled as in the proposal (`"SHA-256"`,
//! `"HMAC/SHA-256"`, `"AES-256-GCM"`, `"Ed25519"`, `"X25519"`, ...), which hosts match
//! case-insensitively. Objects report the canonical spelling through `algorithm()`. An
//! [`Error`] carries its `crypto_errno` ([`ErrorKind`]), the operation and the algorithm.
//!
//! # Example
//!
//! Hash, derive a key and seal a message. Build for `wasm32-wasip1` and run it under a
//! WASI-Crypto host (`wasicrypt run app.wasm`). On any other target the crate compiles, but every
//! hostcall returns [`ErrorKind::NotImplemented`]: when this example runs as a native doc test, it
//! stops at the first call with that error (which the hidden `main` accepts); under a host it runs
//! to completion.
//!
//! ```
//! # fn main() {
//! #     if let Err(error) = run() {
//! #         assert!(!cfg!(target_arch = "wasm32"), "{error}");
//! #         assert_eq!(error, wasicrypt::ErrorKind::NotImplemented);
//! #     }
//! # }
//! # fn run() -> wasicrypt::Result<()> {
//! use wasicrypt::{Aead, Hash, Hkdf, SymmetricKey};
//!
//! // SHA-256 (FIPS 180-4): a 32-byte digest.
//! let digest = Hash::hash("SHA-256", b"abc", 32)?;
//! assert_eq!(digest[..4], [0xba, 0x78, 0x16, 0xbf]);
//!
//! // HKDF-SHA-256 (RFC 5869): 32 bytes of key material, imported as an AES-256-GCM key.
//! let okm = Hkdf::derive("SHA-256", b"input keying material", b"salt", b"example key", 32)?;
//! let key = SymmetricKey::import("AES-256-GCM", &okm)?;
//!
//! // AES-256-GCM: 12-byte nonce (never reuse one under the same key), associated data, and a
//! // ciphertext 16 bytes (the tag) longer than the plaintext.
//! let nonce = [7u8; 12];
//! let sealed = Aead::new("AES-256-GCM", &key, &nonce, b"header")?.seal(b"hello")?;
//! assert_eq!(sealed.len(), 5 + 16);
//! let opened = Aead::new("AES-256-GCM", &key, &nonce, b"header")?.open(&sealed)?;
//! assert_eq!(opened, b"hello");
//! # Ok(())
//! # }
//! ```
//!
//! # Guide
//!
//! 1. **A first program.** Add `wasicrypt` to a binary crate, build it with
//!    `cargo build --target wasm32-wasip1`, and run the `.wasm` under a WASI-Crypto host:
//!    `wasicrypt run target/wasm32-wasip1/debug/app.wasm`, or any wasmtime embedder that calls
//!    `wasicrypt_host::add_to_linker`. The example above is such a program.
//! 2. **Existing RustCrypto code** switches by its `use` lines: see [`migrating`] for each type
//!    and trait, and what differs.
//! 3. **Large data** goes through [`stream`]: STREAM over any AEAD, in constant guest memory,
//!    with a documented file format.
//! 4. **Keys in the host.** Every key is a host handle; the key bytes enter the guest only when
//!    it exports them. [`SymmetricKey::generate`], [`SignatureKeyPair::generate`] and
//!    [`KxKeyPair::generate`] draw keys from the host's CSPRNG, and the `from_keypair`
//!    constructors of the drop-in types use such a key without ever reading it.
//! 5. **Keys the guest never sees.** The proposal's managed keys: a secrets manager holds keys
//!    by id and version, and the guest uses them without reading them. [`secrets`] has
//!    [`SecretsManager`](secrets::SecretsManager) and the managed constructors
//!    (`SymmetricKey::from_id`, `SignatureKeyPair::generate_managed`, `replace_managed`, …),
//!    plus external secrets (API tokens by id, or encapsulated by the host). The operator
//!    provisions keys with `wasicrypt secrets generate ALG` and runs the guest with
//!    `wasicrypt run --vault …`; a host without a secrets manager answers
//!    [`ErrorKind::UnsupportedFeature`].
//!
//! The repository's `guest/examples/` are complete programs built and run by its tests: file
//! sealing with streaming encryption, JWT signing (EdDSA and ES256), Argon2id password storage,
//! RFC 9180 HPKE, and signing with a vault key the guest never sees (`vault_sign`).
//!
//! # Features
//! - `std` (default): links `std` and adds `From<Error> for std::io::Error`. Without it the crate
//!   is `no_std` + `alloc`. [`Error`] implements `core::error::Error` (which `std` re-exports as
//!   `std::error::Error`) either way.

#![no_std]
#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

/// The raw WASI-Crypto imports, generated from `witx/` by `cargo xtask codegen` (see
/// `docs/CONVENTIONS.md`). Every function is `unsafe` and returns a `crypto_errno`.
#[allow(missing_docs, clippy::missing_safety_doc, clippy::too_many_arguments)]
#[rustfmt::skip]
pub mod raw;
pub mod secrets;

mod aead;
pub mod aes_gcm;
pub mod aes_gcm_siv;
pub mod algorithms;
pub mod asymmetric;
pub mod blake3;
pub mod chacha20poly1305;
mod cipher;
pub mod common;
pub mod ctr;
pub mod ed25519;
mod error;
mod hash;
mod hkdf;
pub mod hmac;
pub mod k256;
pub mod kx;
#[doc = include_str!("../MIGRATING.md")]
pub mod migrating {}
pub mod p256;
pub mod p384;
mod password;
mod rustcrypto;
mod session;
pub mod sha2;
pub mod sha3;
pub mod shake;
pub mod signatures;
#[cfg(feature = "std")]
pub mod stream;
pub mod symmetric;

pub use aead::Aead;
pub use algorithms::{
    AlgorithmKind, AlgorithmName, KxAlgorithm, SignatureAlgorithm, SymmetricAlgorithm,
};
pub use asymmetric::{KeyPairEncoding, PublicKeyEncoding, SecretKeyEncoding, SignatureEncoding};
pub use cipher::Cipher;
pub use common::{AlgorithmType, ArrayOutput, Options};
pub use error::{Error, ErrorKind, Result};
pub use hash::{Hash, Hmac, Mac, Xof};
pub use hkdf::Hkdf;
pub use kx::{KxKeyPair, KxPublicKey, KxSecretKey};
pub use password::{PasswordHash, PasswordHashCost};
pub use session::Session;
pub use signatures::{
    Signature, SignatureKeyPair, SignaturePublicKey, SignatureSecretKey, Signer, Verifier,
};
pub use symmetric::{SymmetricKey, SymmetricState, SymmetricTag};
