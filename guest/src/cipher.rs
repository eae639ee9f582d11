//! Unauthenticated encryption: AES in CTR and CBC mode (SP 800-38A).

use alloc::vec;
use alloc::vec::Vec;

use crate::algorithms::{AlgorithmName, SymmetricAlgorithm};
use crate::common::{AlgorithmType, Options};
use crate::error::Result;
use crate::symmetric::{SymmetricKey, SymmetricState};

/// An unauthenticated cipher bound to one key and one IV.
///
/// | algorithm | standard | key | IV | ciphertext |
/// |---|---|---|---|---|
/// | `AES-128-CTR`, `AES-256-CTR` | SP 800-38A §6.5 (128-bit big-endian counter) | 16 / 32 bytes | 16-byte initial counter block | as long as the message |
/// | `AES-128-CBC`, `AES-256-CBC` | SP 800-38A §6.2, PKCS#7 padding | 16 / 32 bytes | 16 bytes | the message padded to the next multiple of 16 |
///
/// These modes do not authenticate: a modified ciphertext decrypts to modified plaintext (CBC
/// only notices a broken padding). Prefer [`crate::Aead`] unless a format requires one of them.
/// As with AEAD nonces, the host lets an IV encrypt once: a second [`Cipher::encrypt`] is
/// [`crate::ErrorKind::NonceRequired`].
#[derive(Debug)]
pub struct Cipher {
    state: SymmetricState,
}

impl Cipher {
    /// Opens `algorithm` with `key` (imported or generated for the same algorithm) and `iv`
    /// (passed as the `"nonce"` option).
    ///
    /// # Errors
    /// [`crate::ErrorKind::UnsupportedAlgorithm`]; [`crate::ErrorKind::InvalidKey`] for a key of another
    /// algorithm; [`crate::ErrorKind::InvalidNonce`] for an IV that is not 16 bytes.
    pub fn new(
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
        key: &SymmetricKey,
        iv: &[u8],
    ) -> Result<Self> {
        let mut options = Options::open(AlgorithmType::Symmetric)?;
        options.set("nonce", iv)?;
        Ok(Cipher {
            state: SymmetricState::open(algorithm, Some(key), Some(&options))?,
        })
    }

    /// Encrypts `plaintext`.
    ///
    /// # Errors
    /// [`crate::ErrorKind::NonceRequired`] if this IV already encrypted.
    pub fn encrypt(&mut self, plaintext: &[u8]) -> Result<Vec<u8>> {
        let mut out = vec![0u8; plaintext.len() + 16];
        let n = self.state.encrypt(&mut out, plaintext)?;
        out.truncate(n);
        Ok(out)
    }

    /// Decrypts `ciphertext`.
    ///
    /// # Errors
    /// [`crate::ErrorKind::InvalidTag`] for a CBC ciphertext that is empty, not whole blocks, or
    /// badly padded.
    pub fn decrypt(&mut self, ciphertext: &[u8]) -> Result<Vec<u8>> {
        let mut out = vec![0u8; ciphertext.len()];
        let n = self.state.decrypt(&mut out, ciphertext)?;
        out.truncate(n);
        Ok(out)
    }

    /// The underlying state.
    pub fn state(&self) -> &SymmetricState {
        &self.state
    }
}
