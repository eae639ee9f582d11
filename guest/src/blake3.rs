//! Drop-in for the [`blake3`](https://docs.rs/blake3) crate's hashing and keyed hashing: BLAKE3
//! computed by the host (`BLAKE3`, hash mode or keyed mode with a 32-byte key kept in the host).
//!
//! | item | stands in for | output |
//! |---|---|---|
//! | [`hash`], [`keyed_hash`] | `blake3::hash`, `blake3::keyed_hash` | a 32-byte [`Hash`](struct@Hash) |
//! | [`Hasher`] | `blake3::Hasher` (`new`, `new_keyed`, `update`, `finalize`, `finalize_xof`, `reset`) | [`Hash`](struct@Hash), or an [`OutputReader`] of any length |
//! | [`Hash`](struct@Hash) | `blake3::Hash` (`as_bytes`, `from_bytes`, `to_hex`; constant-time `==`) | 32 bytes |
//! | [`OutputReader`] | `blake3::OutputReader` (`fill`) | the extendable output stream |
//!
//! [`Hasher`] also implements `digest`'s `Update`, `FixedOutput`, `FixedOutputReset`, `Reset`,
//! `HashMarker`, `OutputSizeUser` (32 bytes) and `ExtendableOutput`, so `digest::Digest` and
//! `digest::ExtendableOutput` code works with it as with upstream's `traits-preview` feature.
//!
//! As with upstream's `traits-preview`, a `Hasher` value with `digest::Digest` in scope resolves
//! `hasher.finalize()` to `Digest::finalize` (consuming, a `digest::Output`); without it, to the
//! inherent [`Hasher::finalize`].
//!
//! Not offered: the key-derivation mode (`blake3::derive_key`, `Hasher::new_derive_key`), which
//! the host does not expose, and seeking an [`OutputReader`] (`position`, `set_position`).
//!
//! ```
//! # if !cfg!(target_arch = "wasm32") { return; } // the hostcalls need a WASI-Crypto host
//! use wasicrypt::blake3;
//!
//! let mut hasher = blake3::Hasher::new();
//! hasher.update(b"foo").update(b"bar");
//! assert_eq!(hasher.finalize(), blake3::hash(b"foobar"));
//! let mut longer = [0u8; 100];
//! hasher.finalize_xof().fill(&mut longer);
//! assert_eq!(longer[..32], *blake3::hash(b"foobar").as_bytes());
//! ```
//!
//! # Panics
//! Like upstream, these methods cannot fail; they panic, naming the algorithm, the operation and
//! the `crypto_errno`, if the host fails the call (no WASI-Crypto host, or one without
//! `BLAKE3`). [`Hasher::try_new`] and [`Hasher::try_new_keyed`] return the [`Error`] instead.

use alloc::rc::Rc;
use alloc::string::String;
use core::fmt;

pub use digest::{self, Digest, ExtendableOutput, Update, XofReader};
use subtle::ConstantTimeEq;

use crate::rustcrypto::host_failure;
use crate::{Error, Result, SymmetricAlgorithm, SymmetricKey, SymmetricState};

/// The host algorithm name.
pub const ALGORITHM: &str = "BLAKE3";
/// The length of a [`Hash`](struct@Hash) in bytes.
pub const OUT_LEN: usize = 32;
/// The length of a key for keyed hashing in bytes.
pub const KEY_LEN: usize = 32;

/// A 32-byte BLAKE3 output. `==` compares in constant time; `Debug` and [`Hash::to_hex`] show
/// the bytes (it is a digest, not a secret).
#[derive(Clone, Copy)]
pub struct Hash([u8; OUT_LEN]);

impl Hash {
    /// The output bytes.
    pub const fn as_bytes(&self) -> &[u8; OUT_LEN] {
        &self.0
    }

    /// Wraps 32 bytes (e.g. a stored hash, to compare with [`Hasher::finalize`]).
    pub const fn from_bytes(bytes: [u8; OUT_LEN]) -> Hash {
        Hash(bytes)
    }

    /// Lowercase hexadecimal, 64 characters.
    pub fn to_hex(&self) -> String {
        use fmt::Write;
        let mut out = String::with_capacity(2 * OUT_LEN);
        for byte in self.0 {
            let _ = write!(out, "{byte:02x}");
        }
        out
    }
}

impl From<[u8; OUT_LEN]> for Hash {
    fn from(bytes: [u8; OUT_LEN]) -> Hash {
        Hash(bytes)
    }
}

impl From<Hash> for [u8; OUT_LEN] {
    fn from(hash: Hash) -> [u8; OUT_LEN] {
        hash.0
    }
}

impl PartialEq for Hash {
    /// Constant time in the bytes' values.
    fn eq(&self, other: &Hash) -> bool {
        self.0.ct_eq(&other.0).into()
    }
}

impl Eq for Hash {}

impl fmt::Debug for Hash {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Hash({})", self.to_hex())
    }
}

/// BLAKE3 of `input` (hash mode).
///
/// # Panics
/// If the host fails the call (see the [module docs](self)).
pub fn hash(input: &[u8]) -> Hash {
    Hasher::finalize(Hasher::new().update(input))
}

/// Keyed BLAKE3 of `input` under the 32-byte `key` (a MAC; compare with `==`, which is constant
/// time).
///
/// # Panics
/// If the host fails the call (see the [module docs](self)).
pub fn keyed_hash(key: &[u8; KEY_LEN], input: &[u8]) -> Hash {
    Hasher::finalize(Hasher::new_keyed(key).update(input))
}

/// An incremental BLAKE3 state in the host (`symmetric_state` of `BLAKE3`). Finalizing works on
/// a copy (`symmetric_state_clone`), so a hasher can keep absorbing after
/// [`Hasher::finalize`], as upstream's.
pub struct Hasher {
    state: SymmetricState,
    /// The host key of keyed mode, kept to reopen the state on [`Hasher::reset`].
    key: Option<Rc<SymmetricKey>>,
}

impl Hasher {
    /// A hasher in hash mode.
    ///
    /// # Panics
    /// If the host fails the call; [`Hasher::try_new`] returns the error instead.
    pub fn new() -> Hasher {
        Hasher::try_new().unwrap_or_else(|e| host_failure(ALGORITHM, "open", e))
    }

    /// A hasher in hash mode (`symmetric_state_open`).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlgorithm`](crate::ErrorKind::UnsupportedAlgorithm) if the host
    /// does not offer `BLAKE3`.
    pub fn try_new() -> Result<Hasher> {
        Hasher::open(None)
    }

    /// A hasher in keyed mode under the 32-byte `key`, which is imported into the host.
    ///
    /// # Panics
    /// If the host fails the call; [`Hasher::try_new_keyed`] returns the error instead.
    pub fn new_keyed(key: &[u8; KEY_LEN]) -> Hasher {
        Hasher::try_new_keyed(key).unwrap_or_else(|e| host_failure(ALGORITHM, "open keyed", e))
    }

    /// A hasher in keyed mode (`symmetric_key_import`, then `symmetric_state_open`).
    ///
    /// # Errors
    /// As [`Hasher::try_new`].
    pub fn try_new_keyed(key: &[u8; KEY_LEN]) -> Result<Hasher> {
        let key = SymmetricKey::import(SymmetricAlgorithm::Blake3, key)?;
        Hasher::open(Some(Rc::new(key)))
    }

    fn open(key: Option<Rc<SymmetricKey>>) -> Result<Hasher> {
        let state = SymmetricState::open(SymmetricAlgorithm::Blake3, key.as_deref(), None)?;
        Ok(Hasher { state, key })
    }

    /// Absorbs `input` (`symmetric_state_absorb`); returns `self` for chaining.
    ///
    /// # Panics
    /// If the host fails the call.
    pub fn update(&mut self, input: &[u8]) -> &mut Hasher {
        self.state
            .absorb(input)
            .unwrap_or_else(|e| host_failure(ALGORITHM, "absorb", e));
        self
    }

    /// The 32-byte output for everything absorbed so far; the hasher can keep absorbing.
    ///
    /// # Panics
    /// If the host fails the call.
    pub fn finalize(&self) -> Hash {
        let mut out = [0u8; OUT_LEN];
        self.finalize_xof().fill(&mut out);
        Hash(out)
    }

    /// The extendable output stream for everything absorbed so far (its first 32 bytes are
    /// [`Hasher::finalize`]); the hasher can keep absorbing.
    ///
    /// # Panics
    /// If the host fails the call.
    pub fn finalize_xof(&self) -> OutputReader {
        OutputReader {
            state: self.copy_state(),
        }
    }

    /// Forgets everything absorbed, keeping the mode and key (a fresh host state).
    ///
    /// # Panics
    /// If the host fails the call.
    pub fn reset(&mut self) -> &mut Hasher {
        let fresh =
            Hasher::open(self.key.clone()).unwrap_or_else(|e| host_failure(ALGORITHM, "reset", e));
        *self = fresh;
        self
    }

    fn copy_state(&self) -> SymmetricState {
        self.state
            .try_clone()
            .unwrap_or_else(|e| host_failure(ALGORITHM, "clone", e))
    }
}

impl Default for Hasher {
    /// [`Hasher::new`].
    fn default() -> Hasher {
        Hasher::new()
    }
}

impl Clone for Hasher {
    /// A copy of the state (`symmetric_state_clone`) under the same key.
    ///
    /// # Panics
    /// If the host fails the call.
    fn clone(&self) -> Hasher {
        Hasher {
            state: self.copy_state(),
            key: self.key.clone(),
        }
    }
}

impl fmt::Debug for Hasher {
    /// Shows the mode, never a key.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hasher")
            .field("keyed", &self.key.is_some())
            .finish_non_exhaustive()
    }
}

impl digest::HashMarker for Hasher {}

impl digest::OutputSizeUser for Hasher {
    type OutputSize = digest::consts::U32;
}

impl digest::Update for Hasher {
    fn update(&mut self, data: &[u8]) {
        Hasher::update(self, data);
    }
}

impl digest::FixedOutput for Hasher {
    fn finalize_into(self, out: &mut digest::Output<Self>) {
        out.copy_from_slice(Hasher::finalize(&self).as_bytes());
    }
}

impl digest::Reset for Hasher {
    fn reset(&mut self) {
        Hasher::reset(self);
    }
}

impl digest::FixedOutputReset for Hasher {
    fn finalize_into_reset(&mut self, out: &mut digest::Output<Self>) {
        out.copy_from_slice(Hasher::finalize(self).as_bytes());
        Hasher::reset(self);
    }
}

impl digest::ExtendableOutput for Hasher {
    type Reader = OutputReader;

    fn finalize_xof(self) -> OutputReader {
        OutputReader { state: self.state }
    }
}

/// BLAKE3's extendable output: each [`OutputReader::fill`] continues where the last stopped
/// (`symmetric_state_squeeze`).
pub struct OutputReader {
    state: SymmetricState,
}

impl OutputReader {
    /// Fills `buf` with the next `buf.len()` output bytes.
    ///
    /// # Panics
    /// If the host fails the call.
    pub fn fill(&mut self, buf: &mut [u8]) {
        self.state
            .squeeze(buf)
            .unwrap_or_else(|e: Error| host_failure(ALGORITHM, "squeeze", e));
    }
}

impl digest::XofReader for OutputReader {
    fn read(&mut self, buf: &mut [u8]) {
        self.fill(buf);
    }
}

impl fmt::Debug for OutputReader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("OutputReader { .. }")
    }
}
