//! # wasicrypt-host
//!
//! A host implementation of the [WASI-Crypto] proposal (the `wasi_ephemeral_crypto_*` witx
//! modules) for [wasmtime], with every primitive from the RustCrypto project.
//!
//! An embedder keeps one [`CryptoCtx`] per store and links every module in one call:
//!
//! ```
//! use wasicrypt_host::CryptoCtx;
//!
//! struct State {
//!     crypto: CryptoCtx,
//! }
//!
//! let engine = wasmtime::Engine::default();
//! let mut linker = wasmtime::Linker::<State>::new(&engine);
//! wasicrypt_host::add_to_linker(&mut linker, |state: &mut State| &mut state.crypto)?;
//! # Ok::<(), wasmtime::Error>(())
//! ```
//!
//! Guests run with `call_async` use `add_to_linker_async` instead (feature `async`), which keeps
//! long work (RSA key generation, large AEAD messages and streamed inputs) off the executor; see
//! [`offload`].
//! [`Limits`] bounds what one guest may make the host do, and [`metering`] lists the fuel each
//! call costs when the engine consumes fuel.
//!
//! The core ([`CryptoCtx`] and below) takes and returns Rust slices and handles; the glue that
//! wiggle generates from `witx/` only moves bytes across the wasm boundary. Every error a guest can
//! cause is a `crypto_errno` ([`CryptoError`]); only a host bug traps.
//!
//! [WASI-Crypto]: https://github.com/WebAssembly/wasi-crypto
//! [wasmtime]: https://wasmtime.dev
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod absorbed;
mod array_output;
mod asymmetric;
mod bindings;
mod budget;
mod catalog;
mod ctx;
mod error;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
mod handles;
pub mod kx;
mod linker;
pub mod metering;
mod names;
pub mod offload;
mod options;
mod policy;
mod rng;
pub mod secrets;
pub mod signatures;
pub mod symmetric;
mod wasi;

pub use asymmetric::{
    AsymmetricAlgorithm, KeyPairEncoding, PublicKeyEncoding, SecretKeyEncoding, SignatureEncoding,
};
pub use catalog::{AlgorithmInfo, Encodings, algorithms};
pub use ctx::{CryptoCtx, Limits};
pub use error::{CryptoError, Result};
pub use handles::Handle;
pub use options::AlgorithmType;
pub use policy::AlgorithmPolicy;
pub use signatures::MlDsaSigning;
pub use symmetric::PasswordHashLimits;

// The README's Rust examples are compiled and run as doctests of this crate.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
struct ReadmeDoctests;

/// Adds every WASI-Crypto module (`wasi_ephemeral_crypto_common`, `_asymmetric_common`,
/// `_symmetric`, `_signatures`, `_kx` and `_external_secrets`) to `linker`.
///
/// `get_cx` returns the guest's [`CryptoCtx`] from the store data. Calls from a module that
/// exports no `memory` trap.
///
/// When the engine consumes fuel (`Config::consume_fuel`), every call also pays for the host's
/// work from the store's fuel, before the work is done, at the rates of [`metering`]; a guest
/// that cannot pay traps with wasmtime's out-of-fuel trap.
///
/// # Errors
/// Fails if one of these imports is already defined in `linker` (and shadowing is off).
pub fn add_to_linker<T: 'static>(
    linker: &mut wasmtime::Linker<T>,
    get_cx: impl Fn(&mut T) -> &mut CryptoCtx + Send + Sync + Copy + 'static,
) -> wasmtime::Result<()> {
    linker::add_to_linker(linker, get_cx)
}

/// [`add_to_linker`] for stores whose guests run with `call_async` (e.g. on tokio):
/// the same imports, results, fuel charges and limits, and the long work of a call does not
/// block the executor that polls the guest:
///
/// - RSA key generation (`keypair_generate` of an algorithm whose fuel estimate is at least
///   [`offload::OFFLOAD_FUEL`]) runs on a blocking thread pool (the `blocking` crate);
/// - `symmetric_state_encrypt`, `_encrypt_detached`, `_decrypt` and `_decrypt_detached` of more
///   than [`offload::STREAM_MIN`] bytes run on the same pool (the message is copied in and out in
///   pieces, between yields);
/// - `symmetric_state_absorb`, `signature_state_update` and
///   `signature_verification_state_update` of more than [`offload::STREAM_MIN`] bytes process
///   the input in [`offload::CHUNK`]-byte pieces and yield to the executor between them.
///
/// Every other call is a plain (synchronous) host function: it does bounded work.
///
/// Requires the `async` feature.
///
/// # Errors
/// Fails if one of these imports is already defined in `linker` (and shadowing is off).
#[cfg(feature = "async")]
#[cfg_attr(docsrs, doc(cfg(feature = "async")))]
pub fn add_to_linker_async<T: Send + 'static>(
    linker: &mut wasmtime::Linker<T>,
    get_cx: impl Fn(&mut T) -> &mut CryptoCtx + Send + Sync + Copy + 'static,
) -> wasmtime::Result<()> {
    linker::add_to_linker_async(linker, get_cx)
}
