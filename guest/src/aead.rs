//! Authenticated encryption with associated data.

use alloc::vec;
use alloc::vec::Vec;

use crate::algorithms::{AlgorithmName, SymmetricAlgorithm};
use crate::common::{AlgorithmType, Options, zeroize};
use crate::error::{Error, ErrorKind, Result};
use crate::symmetric::{SymmetricKey, SymmetricState};

/// An AEAD bound to one key, one nonce and one associated data string.
///
/// | algorithm | standard | key | nonce | tag |
/// |---|---|---|---|---|
/// | `AES-128-GCM` | NIST SP 800-38D | 16 bytes | 12 bytes | 16 bytes |
/// | `AES-256-GCM` | NIST SP 800-38D | 32 bytes | 12 bytes | 16 bytes |
/// | `CHACHA20-POLY1305` | RFC 8439 | 32 bytes | 12 bytes | 16 bytes |
/// | `XCHACHA20-POLY1305` | draft-irtf-cfrg-xchacha | 32 bytes | 24 bytes | 16 bytes |
/// | `AES-128-GCM-SIV` | RFC 8452 | 16 bytes | 12 bytes | 16 bytes |
/// | `AES-256-GCM-SIV` | RFC 8452 | 32 bytes | 12 bytes | 16 bytes |
/// | `AEGIS-128L` | draft-irtf-cfrg-aegis-aead | 16 bytes | 16 bytes | 16 bytes |
/// | `AEGIS-256` | draft-irtf-cfrg-aegis-aead | 32 bytes | 32 bytes | 16 bytes |
///
/// Ciphertexts are `plaintext.len() + 16` bytes: the encrypted data followed by the tag.
///
/// **One encryption per nonce**: the host consumes the nonce when it encrypts, so a second
/// `seal*` on the same `Aead` fails with [`ErrorKind::NonceRequired`] — create a new `Aead` with a
/// fresh nonce for every message. Opening (decrypting) can be repeated.
#[derive(Debug)]
pub struct Aead {
    state: SymmetricState,
    tag_len: usize,
}

impl Aead {
    /// Opens `algorithm` with `key` (imported or generated for the same algorithm), `nonce`
    /// (passed as the `"nonce"` option) and associated data `ad` (absorbed; may be empty).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlgorithm`]; [`ErrorKind::InvalidKey`] for a key of another algorithm;
    /// [`ErrorKind::InvalidNonce`] for a nonce of the wrong size.
    pub fn new(
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
        key: &SymmetricKey,
        nonce: &[u8],
        ad: &[u8],
    ) -> Result<Self> {
        let mut options = Options::open(AlgorithmType::Symmetric)?;
        options.set("nonce", nonce)?;
        let mut state = SymmetricState::open(algorithm, Some(key), Some(&options))?;
        if !ad.is_empty() {
            state.absorb(ad)?;
        }
        // The algorithms of the table have a 16-byte tag: no round trip to ask the host. Others
        // (a host's extensions) are asked (`symmetric_state_max_tag_len`).
        let tag_len = match known_tag_len(state.algorithm()) {
            Some(len) => len,
            None => state.max_tag_len()?,
        };
        Ok(Aead { state, tag_len })
    }

    /// The tag length in bytes (16 for every algorithm above).
    pub fn tag_len(&self) -> usize {
        self.tag_len
    }

    /// Encrypts `plaintext` and returns ciphertext ‖ tag (`plaintext.len() + 16` bytes).
    ///
    /// # Errors
    /// [`ErrorKind::NonceRequired`] if this `Aead` already encrypted (or was opened without nonce).
    pub fn seal(&mut self, plaintext: &[u8]) -> Result<Vec<u8>> {
        let len = plaintext
            .len()
            .checked_add(self.tag_len)
            .ok_or_else(|| Error::new(ErrorKind::Overflow, "Aead::seal", self.state.algorithm()))?;
        let mut out = vec![0u8; len];
        let written = self.state.encrypt(&mut out, plaintext)?;
        out.truncate(written);
        Ok(out)
    }

    /// Decrypts ciphertext ‖ tag (as returned by [`Aead::seal`]) and returns the plaintext
    /// (`ciphertext.len() - 16` bytes).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidTag`] if the ciphertext, tag, nonce, key or associated data do not match.
    pub fn open(&mut self, ciphertext: &[u8]) -> Result<Vec<u8>> {
        let mut out = vec![0u8; ciphertext.len().saturating_sub(self.tag_len)];
        let written = self.state.decrypt(&mut out, ciphertext)?;
        out.truncate(written);
        Ok(out)
    }

    /// Encrypts `plaintext` and returns `(ciphertext, tag)`: the ciphertext has the plaintext's
    /// length, the tag 16 bytes.
    ///
    /// # Errors
    /// As [`Aead::seal`].
    pub fn seal_detached(&mut self, plaintext: &[u8]) -> Result<(Vec<u8>, Vec<u8>)> {
        let mut ciphertext = vec![0u8; plaintext.len()];
        let tag = self.state.encrypt_detached(&mut ciphertext, plaintext)?;
        Ok((ciphertext, tag.into_vec()?))
    }

    /// Decrypts a detached `ciphertext` checked against `tag` (16 bytes).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidTag`] if authentication fails or `tag` has the wrong length.
    pub fn open_detached(&mut self, ciphertext: &[u8], tag: &[u8]) -> Result<Vec<u8>> {
        let mut out = vec![0u8; ciphertext.len()];
        let written = self.state.decrypt_detached(&mut out, ciphertext, tag)?;
        out.truncate(written);
        Ok(out)
    }

    /// Encrypts `buf` in place: on success it holds ciphertext ‖ tag (16 bytes longer). The host
    /// reads the plaintext from and writes the ciphertext to the same memory.
    ///
    /// Reserve the tag's room up front (`Vec::with_capacity(len + aead.tag_len())`, or
    /// `buf.reserve_exact(16)`) and nothing is reallocated or copied in the guest. Without it the
    /// buffer grows by exactly [`Aead::tag_len`] bytes (one reallocation, never a doubling).
    ///
    /// # Errors
    /// As [`Aead::seal`]; on error `buf` is restored to its original length.
    pub fn seal_in_place(&mut self, buf: &mut Vec<u8>) -> Result<()> {
        let len = buf.len();
        let total = len.checked_add(self.tag_len).ok_or_else(|| {
            Error::new(
                ErrorKind::Overflow,
                "Aead::seal_in_place",
                self.state.algorithm(),
            )
        })?;
        buf.reserve_exact(self.tag_len);
        buf.resize(total, 0);
        match self.state.encrypt_in_place(buf, len) {
            Ok(written) => {
                buf.truncate(written);
                Ok(())
            }
            Err(error) => {
                buf.truncate(len);
                Err(error)
            }
        }
    }

    /// Decrypts ciphertext ‖ tag held in `buf` in place: on success `buf` holds the plaintext
    /// (16 bytes shorter).
    ///
    /// # Errors
    /// As [`Aead::open`]; on error `buf` is zeroed and emptied (the host zeroes the output,
    /// which overlaps the ciphertext).
    pub fn open_in_place(&mut self, buf: &mut Vec<u8>) -> Result<()> {
        let len = buf.len();
        match self.state.decrypt_in_place(buf, len) {
            Ok(written) => {
                buf.truncate(written);
                Ok(())
            }
            Err(error) => {
                zeroize(buf);
                buf.clear();
                Err(error)
            }
        }
    }

    /// The underlying state (e.g. for [`SymmetricState::options_get`]).
    pub fn state(&self) -> &SymmetricState {
        &self.state
    }
}

/// The tag length of the algorithms in [`Aead`]'s table (names compared case-insensitively, as
/// the host does).
fn known_tag_len(algorithm: &str) -> Option<usize> {
    [
        "AES-128-GCM",
        "AES-256-GCM",
        "CHACHA20-POLY1305",
        "XCHACHA20-POLY1305",
    ]
    .iter()
    .any(|known| known.eq_ignore_ascii_case(algorithm))
    .then_some(16)
}
