//! Hashes (FIPS 180-4, FIPS 202, RFC 7693), extendable-output functions (FIPS 202, SP 800-185,
//! RFC 9861, BLAKE3) and MACs (RFC 2104, SP 800-185, RFC 4493).

use alloc::vec;
use alloc::vec::Vec;

use crate::algorithms::{AlgorithmName, SymmetricAlgorithm};
use crate::common::{AlgorithmType, Options};
use crate::error::Result;
use crate::symmetric::{SymmetricKey, SymmetricState};

/// A hash function: `SHA-256` (32-byte digest), `SHA-384` (48), `SHA-512` (64), `SHA-512/256`
/// (32) (FIPS 180-4); `SHA3-224` (28), `SHA3-256` (32), `SHA3-384` (48), `SHA3-512` (64)
/// (FIPS 202); `BLAKE2B-256` (32), `BLAKE2B-512` (64), `BLAKE2S-256` (32) (RFC 7693).
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
    /// [`crate::ErrorKind::UnsupportedAlgorithm`] for an unknown name.
    pub fn new(algorithm: impl AlgorithmName<SymmetricAlgorithm>) -> Result<Self> {
        Ok(Hash {
            state: SymmetricState::open(algorithm, None, None)?,
        })
    }

    /// One-shot hash of `data`, truncated to `out_len` bytes (at most the digest size).
    ///
    /// # Errors
    /// [`crate::ErrorKind::UnsupportedAlgorithm`]; [`crate::ErrorKind::InvalidLength`] if `out_len`
    /// exceeds the digest size.
    pub fn hash(
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
        data: &[u8],
        out_len: usize,
    ) -> Result<Vec<u8>> {
        let mut hash = Hash::new(algorithm)?;
        hash.update(data)?;
        hash.finalize(out_len)
    }

    /// Absorbs more input.
    ///
    /// # Errors
    /// Only for a host failure (e.g. [`crate::ErrorKind::InvalidHandle`]).
    pub fn update(&mut self, data: &[u8]) -> Result<()> {
        self.state.absorb(data)
    }

    /// Writes the digest of everything absorbed so far into `out`, truncated to `out.len()`
    /// bytes.
    ///
    /// # Errors
    /// [`crate::ErrorKind::InvalidLength`] if `out` is longer than the digest.
    pub fn finalize_into(&mut self, out: &mut [u8]) -> Result<()> {
        self.state.squeeze(out)
    }

    /// Returns the digest of everything absorbed so far, truncated to `len` bytes.
    ///
    /// # Errors
    /// [`crate::ErrorKind::InvalidLength`] if `len` exceeds the digest size.
    pub fn finalize(&mut self, len: usize) -> Result<Vec<u8>> {
        let mut out = vec![0u8; len];
        self.finalize_into(&mut out)?;
        Ok(out)
    }

    /// An independent copy of the running hash (`symmetric_state_clone`).
    ///
    /// # Errors
    /// [`crate::ErrorKind::TooManyHandles`] and other host failures.
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

/// A message authentication code: `HMAC/SHA-256` (32-byte tag), `HMAC/SHA-384` (48),
/// `HMAC/SHA-512` (64), `HMAC/SHA3-256` (32), `HMAC/SHA3-512` (64) (RFC 2104; keys of any
/// length); `KMAC-128` (32-byte tag), `KMAC-256` (64) (SP 800-185 §4; keys of any length, an
/// optional customization string); `AES-128-CMAC`, `AES-256-CMAC` (16-byte tag; 16- or 32-byte
/// AES key; RFC 4493); keyed `BLAKE3` (32-byte key and tag).
///
/// The tag is taken on a copy of the state, so [`Mac::tag`] may be called as input goes on.
#[derive(Debug)]
pub struct Mac {
    state: SymmetricState,
}

/// The former name of [`Mac`], kept for HMAC users.
pub type Hmac = Mac;

impl Mac {
    /// Starts a MAC with `algorithm` (e.g. `"HMAC/SHA-256"`) and `key` (imported or generated for
    /// the same algorithm).
    ///
    /// # Errors
    /// [`crate::ErrorKind::UnsupportedAlgorithm`]; [`crate::ErrorKind::InvalidKey`] for a key of another
    /// algorithm.
    pub fn new(
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
        key: &SymmetricKey,
    ) -> Result<Self> {
        Ok(Mac {
            state: SymmetricState::open(algorithm, Some(key), None)?,
        })
    }

    /// Starts KMAC with the customization string `customization` (SP 800-185's S, the option
    /// `context`).
    ///
    /// # Errors
    /// As [`Mac::new`].
    pub fn with_customization(
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
        key: &SymmetricKey,
        customization: &[u8],
    ) -> Result<Self> {
        let mut options = Options::open(AlgorithmType::Symmetric)?;
        options.set("context", customization)?;
        Ok(Mac {
            state: SymmetricState::open(algorithm, Some(key), Some(&options))?,
        })
    }

    /// One-shot MAC of `data` under the raw key bytes `key`.
    ///
    /// # Errors
    /// As [`Mac::new`]; [`crate::ErrorKind::InvalidKey`] for a key length the algorithm refuses
    /// (CMAC and BLAKE3).
    pub fn mac(
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
        key: &[u8],
        data: &[u8],
    ) -> Result<Vec<u8>> {
        let key = SymmetricKey::import(&algorithm, key)?;
        let mut mac = Mac::new(algorithm, &key)?;
        mac.update(data)?;
        mac.finalize()
    }

    /// Absorbs more input.
    ///
    /// # Errors
    /// Only for a host failure.
    pub fn update(&mut self, data: &[u8]) -> Result<()> {
        self.state.absorb(data)
    }

    /// The tag of everything absorbed so far; input may go on.
    ///
    /// # Errors
    /// Only for a host failure.
    pub fn tag(&mut self) -> Result<Vec<u8>> {
        self.state.squeeze_tag()?.into_vec()
    }

    /// Returns the tag (its length is the algorithm's, listed on [`Mac`]).
    ///
    /// # Errors
    /// Only for a host failure.
    pub fn finalize(mut self) -> Result<Vec<u8>> {
        self.tag()
    }

    /// Checks, in constant time in the host, that the MAC of the input equals `expected`.
    ///
    /// # Errors
    /// [`crate::ErrorKind::InvalidTag`] on a mismatch (also when the lengths differ).
    pub fn verify(mut self, expected: &[u8]) -> Result<()> {
        self.state.squeeze_tag()?.verify(expected)
    }

    /// The underlying state.
    pub fn state(&self) -> &SymmetricState {
        &self.state
    }
}

/// An extendable-output function: `SHAKE-128`, `SHAKE-256` (FIPS 202), `CSHAKE-128`,
/// `CSHAKE-256` (SP 800-185; customization string = option `context`), `TURBOSHAKE-128`,
/// `TURBOSHAKE-256` (RFC 9861, domain byte 0x1F), `BLAKE3` (hash mode, or keyed with a 32-byte
/// key).
///
/// Reading continues the output stream: two reads of 32 bytes give the first 64 bytes of
/// output. After the first read no more input is accepted ([`crate::ErrorKind::InvalidOperation`]).
#[derive(Debug)]
pub struct Xof {
    state: SymmetricState,
}

impl Xof {
    /// Starts an unkeyed XOF.
    ///
    /// # Errors
    /// [`crate::ErrorKind::UnsupportedAlgorithm`] for an unknown name.
    pub fn new(algorithm: impl AlgorithmName<SymmetricAlgorithm>) -> Result<Self> {
        Ok(Xof {
            state: SymmetricState::open(algorithm, None, None)?,
        })
    }

    /// Starts keyed BLAKE3 with `key` (32 bytes, imported for `"BLAKE3"`).
    ///
    /// # Errors
    /// [`crate::ErrorKind::InvalidKey`] for a key of another algorithm;
    /// [`crate::ErrorKind::KeyNotSupported`] for an algorithm without a keyed mode.
    pub fn keyed(
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
        key: &SymmetricKey,
    ) -> Result<Self> {
        Ok(Xof {
            state: SymmetricState::open(algorithm, Some(key), None)?,
        })
    }

    /// Starts cSHAKE with the customization string `customization` (SP 800-185's S).
    ///
    /// # Errors
    /// As [`Xof::new`].
    pub fn with_customization(
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
        customization: &[u8],
    ) -> Result<Self> {
        let mut options = Options::open(AlgorithmType::Symmetric)?;
        options.set("context", customization)?;
        Ok(Xof {
            state: SymmetricState::open(algorithm, None, Some(&options))?,
        })
    }

    /// Absorbs more input (only before the first read).
    ///
    /// # Errors
    /// [`crate::ErrorKind::InvalidOperation`] after a read.
    pub fn update(&mut self, data: &[u8]) -> Result<()> {
        self.state.absorb(data)
    }

    /// Fills `out` with the next `out.len()` bytes of output.
    ///
    /// # Errors
    /// Only for a host failure.
    pub fn read(&mut self, out: &mut [u8]) -> Result<()> {
        self.state.squeeze(out)
    }

    /// The next `len` bytes of output.
    ///
    /// # Errors
    /// Only for a host failure.
    pub fn read_vec(&mut self, len: usize) -> Result<Vec<u8>> {
        let mut out = vec![0u8; len];
        self.read(&mut out)?;
        Ok(out)
    }

    /// An independent copy that continues from the same point (`symmetric_state_clone`).
    ///
    /// # Errors
    /// [`crate::ErrorKind::TooManyHandles`] and other host failures.
    pub fn try_clone(&self) -> Result<Self> {
        Ok(Xof {
            state: self.state.try_clone()?,
        })
    }

    /// The underlying state.
    pub fn state(&self) -> &SymmetricState {
        &self.state
    }
}
