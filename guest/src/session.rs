//! The Xoodyak session: hashing, key derivation, MACs and encryption on one transcript.

use alloc::vec;
use alloc::vec::Vec;

use crate::algorithms::{AlgorithmName, SymmetricAlgorithm};
use crate::common::{AlgorithmType, Options};
use crate::error::Result;
use crate::symmetric::{SymmetricKey, SymmetricState};

/// A `XOODYAK-128` or `XOODYAK-160` session (Xoodyak in Cyclist mode, NIST LWC finalist): every
/// call reads and advances one transcript, so two parties that make the same calls with the same
/// key see the same outputs. wasicrypt's host maps each call onto the `xoodyak` crate as the
/// reference host does, so the outputs match the reference host's.
///
/// Without a key it is Xoodyak's hash mode (absorb and squeeze only); with a key (16 bytes
/// generated for `XOODYAK-128`, 20 for `XOODYAK-160`) and an optional nonce it is the keyed mode.
/// Tags are 16 bytes.
#[derive(Debug)]
pub struct Session {
    state: SymmetricState,
}

impl Session {
    /// Opens a session: keyed with `key` (and `nonce`, passed as the `"nonce"` option) or, with
    /// `None`, in hash mode.
    ///
    /// # Errors
    /// [`crate::ErrorKind::UnsupportedAlgorithm`]; [`crate::ErrorKind::InvalidKey`] for a key of another
    /// algorithm or longer than Xoodyak takes.
    pub fn new(
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
        key: Option<&SymmetricKey>,
        nonce: Option<&[u8]>,
    ) -> Result<Self> {
        let options = match nonce {
            Some(nonce) => {
                let mut options = Options::open(AlgorithmType::Symmetric)?;
                options.set("nonce", nonce)?;
                Some(options)
            }
            None => None,
        };
        Ok(Session {
            state: SymmetricState::open(algorithm, key, options.as_ref())?,
        })
    }

    /// Absorbs `data` into the transcript.
    ///
    /// # Errors
    /// Only for a host failure.
    pub fn absorb(&mut self, data: &[u8]) -> Result<()> {
        self.state.absorb(data)
    }

    /// Squeezes `len` bytes from the transcript.
    ///
    /// # Errors
    /// Only for a host failure.
    pub fn squeeze(&mut self, len: usize) -> Result<Vec<u8>> {
        let mut out = vec![0u8; len];
        self.state.squeeze(&mut out)?;
        Ok(out)
    }

    /// Squeezes a 16-byte tag.
    ///
    /// # Errors
    /// Only for a host failure.
    pub fn squeeze_tag(&mut self) -> Result<Vec<u8>> {
        self.state.squeeze_tag()?.into_vec()
    }

    /// Derives a key for `algorithm` (of the length its `generate` makes).
    ///
    /// # Errors
    /// [`crate::ErrorKind::UnsupportedAlgorithm`]; [`crate::ErrorKind::KeyNotSupported`] for an
    /// unkeyed target.
    pub fn squeeze_key(&mut self, algorithm: &str) -> Result<SymmetricKey> {
        self.state.squeeze_key(algorithm)
    }

    /// Encrypts `plaintext`: ciphertext ‖ 16-byte tag.
    ///
    /// # Errors
    /// [`crate::ErrorKind::InvalidOperation`] in hash mode.
    pub fn encrypt(&mut self, plaintext: &[u8]) -> Result<Vec<u8>> {
        let mut out = vec![0u8; plaintext.len() + 16];
        let n = self.state.encrypt(&mut out, plaintext)?;
        out.truncate(n);
        Ok(out)
    }

    /// Decrypts ciphertext ‖ tag.
    ///
    /// # Errors
    /// [`crate::ErrorKind::InvalidTag`] for a wrong tag or fewer than 16 bytes;
    /// [`crate::ErrorKind::InvalidOperation`] in hash mode.
    pub fn decrypt(&mut self, sealed: &[u8]) -> Result<Vec<u8>> {
        let mut out = vec![0u8; sealed.len().saturating_sub(16)];
        let n = self.state.decrypt(&mut out, sealed)?;
        out.truncate(n);
        Ok(out)
    }

    /// Ratchets the transcript (forward secrecy: earlier states cannot be recovered).
    ///
    /// # Errors
    /// [`crate::ErrorKind::InvalidOperation`] in hash mode.
    pub fn ratchet(&mut self) -> Result<()> {
        self.state.ratchet()
    }

    /// An independent copy of the session (`symmetric_state_clone`).
    ///
    /// # Errors
    /// [`crate::ErrorKind::TooManyHandles`] and other host failures.
    pub fn try_clone(&self) -> Result<Self> {
        Ok(Session {
            state: self.state.try_clone()?,
        })
    }

    /// The underlying state.
    pub fn state(&self) -> &SymmetricState {
        &self.state
    }
}
