//! The machinery behind the drop-in modules ([`crate::sha2`], [`crate::sha3`], [`crate::hmac`],
//! [`crate::aes_gcm`], [`crate::chacha20poly1305`], [`crate::aes_gcm_siv`], [`crate::ed25519`],
//! [`crate::p256`], [`crate::p384`], [`crate::k256`]): one macro per trait family, so every type
//! of a family is the same code over a different algorithm name and sizes.
//!
//! The RustCrypto traits have infallible methods (`Update::update`, `KeyInit::new`,
//! `Signer::sign`). With valid inputs and a host that offers the algorithm, the hostcalls behind
//! them cannot fail; when one does anyway (the host lacks the algorithm, or the embedder's limits
//! refuse the call), the method panics through [`host_failure`], naming the algorithm, the
//! operation and the `crypto_errno`. Every fallible trait method (`Aead::encrypt`,
//! `Verifier::verify`, `Signer::try_sign`) returns the trait's error instead.

pub(crate) mod aead;
pub(crate) mod digest;
pub(crate) mod ecdsa;

use crate::Error;

/// Panics for a hostcall that failed inside an infallible trait method (see the module docs).
#[cold]
#[track_caller]
pub(crate) fn host_failure(algorithm: &str, operation: &str, error: Error) -> ! {
    panic!("wasicrypt: {operation} ({algorithm}) failed in the host: {error}")
}

/// Wraps a host error as a `signature::Error` (its `source()` is the [`Error`]).
pub(crate) fn signature_error(error: Error) -> signature::Error {
    signature::Error::from_source(error)
}
