//! SHA-2 hash functions (FIPS 180-4): `SHA-256`, `SHA-384`, `SHA-512`, `SHA-512/256`.
//!
//! `absorb` feeds the message. `squeeze(out)` finalizes a copy of the state, so absorbing may go
//! on, and writes the first `out.len()` bytes of the digest: shorter output truncates, longer is
//! `invalid_length`.

use sha2::Digest;

use super::StateOps;
use crate::error::{CryptoError, Result};

/// A SHA-2 function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HashFunction {
    /// SHA-256: 32-byte digest.
    Sha256,
    /// SHA-384: 48-byte digest.
    Sha384,
    /// SHA-512: 64-byte digest.
    Sha512,
    /// SHA-512/256: 32-byte digest (FIPS 180-4 §5.3.6.2 initial value).
    Sha512_256,
}

impl HashFunction {
    /// Digest length in bytes (HashLen).
    pub fn output_len(self) -> usize {
        match self {
            HashFunction::Sha256 | HashFunction::Sha512_256 => 32,
            HashFunction::Sha384 => 48,
            HashFunction::Sha512 => 64,
        }
    }
}

#[derive(Clone)]
pub(crate) enum HashState {
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Sha512_256(sha2::Sha512_256),
}

impl HashState {
    pub(crate) fn new(h: HashFunction) -> Self {
        match h {
            HashFunction::Sha256 => HashState::Sha256(sha2::Sha256::new()),
            HashFunction::Sha384 => HashState::Sha384(sha2::Sha384::new()),
            HashFunction::Sha512 => HashState::Sha512(sha2::Sha512::new()),
            HashFunction::Sha512_256 => HashState::Sha512_256(sha2::Sha512_256::new()),
        }
    }

    fn digest(&self) -> Vec<u8> {
        match self {
            HashState::Sha256(d) => d.clone().finalize().to_vec(),
            HashState::Sha384(d) => d.clone().finalize().to_vec(),
            HashState::Sha512(d) => d.clone().finalize().to_vec(),
            HashState::Sha512_256(d) => d.clone().finalize().to_vec(),
        }
    }
}

impl StateOps for HashState {
    fn absorb(&mut self, data: &[u8]) -> Result<()> {
        match self {
            HashState::Sha256(d) => d.update(data),
            HashState::Sha384(d) => d.update(data),
            HashState::Sha512(d) => d.update(data),
            HashState::Sha512_256(d) => d.update(data),
        }
        Ok(())
    }

    fn max_squeeze_len(&self) -> Option<usize> {
        Some(match self {
            HashState::Sha256(_) | HashState::Sha512_256(_) => 32,
            HashState::Sha384(_) => 48,
            HashState::Sha512(_) => 64,
        })
    }

    fn squeeze(&mut self, out: &mut [u8]) -> Result<()> {
        let digest = self.digest();
        let prefix = digest.get(..out.len()).ok_or(CryptoError::InvalidLength)?;
        out.copy_from_slice(prefix);
        Ok(())
    }
}
