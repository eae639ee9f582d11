//! Hashing (FIPS 180-4) and HMAC (RFC 2104).

use alloc::vec;
use alloc::vec::Vec;

use crate::error::Result;
use crate::symmetric::{SymmetricKey, SymmetricState};

/// A hash function: `SHA-256` (32-byte digest), `SHA-384` (48), `SHA-512` (64), `SHA-512/256`
/// (32), all FIPS 180-4.
///
/// Finalizing works on a copy of the state, so a `Hash` can keep absorbing after
/// [`Hash::finalize`]; the next digest covers everything absorbed so far.
#[derive(Debug)]
pub struct Hash {
    state: SymmetricState,
}

impl Hash {
    /// Starts hashing with `algorithm`, e.g. `"SHA-256"`.
    ///
    /// # Errors
    /// [`crate::Error::UnsupportedAlgorithm`] for an unknown name.
    pub fn new(algorithm: &str) -> Result<Self> {
        Ok(Hash {
            state: SymmetricState::open(algorithm, None, None)?,
        })
    }

    /// One-shot hash of `data`, truncated to `out_len` bytes (at most the digest size).
    ///
    /// # Errors
    /// [`crate::Error::UnsupportedAlgorithm`]; [`crate::Error::InvalidLength`] if `out_len`
    /// exceeds the digest size.
    pub fn hash(algorithm: &str, data: &[u8], out_len: usize) -> Result<Vec<u8>> {
        let mut hash = Hash::new(algorithm)?;
        hash.update(data)?;
        hash.finalize(out_len)
    }

    /// Absorbs more input.
    ///
    /// # Errors
    /// Only for a host failure (e.g. [`crate::Error::InvalidHandle`]).
    pub fn update(&mut self, data: &[u8]) -> Result<()> {
        self.state.absorb(data)
    }

    /// Writes the digest of everything absorbed so far into `out`, truncated to `out.len()`
    /// bytes.
    ///
    /// # Errors
    /// [`crate::Error::InvalidLength`] if `out` is longer than the digest.
    pub fn finalize_into(&mut self, out: &mut [u8]) -> Result<()> {
        self.state.squeeze(out)
    }

    /// Returns the digest of everything absorbed so far, truncated to `len` bytes.
    ///
    /// # Errors
    /// [`crate::Error::InvalidLength`] if `len` exceeds the digest size.
    pub fn finalize(&mut self, len: usize) -> Result<Vec<u8>> {
        let mut out = vec![0u8; len];
        self.finalize_into(&mut out)?;
        Ok(out)
    }

    /// An independent copy of the running hash (`symmetric_state_clone`).
    ///
    /// # Errors
    /// [`crate::Error::TooManyHandles`] and other host failures.
    pub fn try_clone(&self) -> Result<Self> {
        Ok(Hash {
            state: self.state.try_clone()?,
        })
    }

    /// The underlying state.
    pub fn state(&self) -> &SymmetricState {
        &self.state
    }
}

/// HMAC (RFC 2104; test vectors RFC 4231): `HMAC/SHA-256` (32-byte tag), `HMAC/SHA-384` (48),
/// `HMAC/SHA-512` (64). Keys may have any length (longer than the block size are hashed first).
#[derive(Debug)]
pub struct Hmac {
    state: SymmetricState,
}

impl Hmac {
    /// Starts a MAC with `algorithm` (e.g. `"HMAC/SHA-256"`) and `key` (imported or generated for
    /// the same algorithm).
    ///
    /// # Errors
    /// [`crate::Error::UnsupportedAlgorithm`]; [`crate::Error::InvalidKey`] for a key of another
    /// algorithm.
    pub fn new(algorithm: &str, key: &SymmetricKey) -> Result<Self> {
        Ok(Hmac {
            state: SymmetricState::open(algorithm, Some(key), None)?,
        })
    }

    /// One-shot MAC of `data` under the raw key bytes `key`.
    ///
    /// # Errors
    /// As [`Hmac::new`].
    pub fn mac(algorithm: &str, key: &[u8], data: &[u8]) -> Result<Vec<u8>> {
        let key = SymmetricKey::import(algorithm, key)?;
        let mut hmac = Hmac::new(algorithm, &key)?;
        hmac.update(data)?;
        hmac.finalize()
    }

    /// Absorbs more input.
    ///
    /// # Errors
    /// Only for a host failure.
    pub fn update(&mut self, data: &[u8]) -> Result<()> {
        self.state.absorb(data)
    }

    /// Returns the tag (the hash size: 32, 48 or 64 bytes).
    ///
    /// # Errors
    /// Only for a host failure.
    pub fn finalize(mut self) -> Result<Vec<u8>> {
        self.state.squeeze_tag()?.into_vec()
    }

    /// Checks, in constant time in the host, that the MAC of the input equals `expected`.
    ///
    /// # Errors
    /// [`crate::Error::InvalidTag`] on a mismatch (also when the lengths differ).
    pub fn verify(mut self, expected: &[u8]) -> Result<()> {
        self.state.squeeze_tag()?.verify(expected)
    }

    /// The underlying state.
    pub fn state(&self) -> &SymmetricState {
        &self.state
    }
}
