//! Hash functions: SHA-2 (FIPS 180-4) `SHA-256`, `SHA-384`, `SHA-512`, `SHA-512/256`; SHA-3
//! (FIPS 202) `SHA3-224`, `SHA3-256`, `SHA3-384`, `SHA3-512`; BLAKE2 (RFC 7693) `BLAKE2B-256`,
//! `BLAKE2B-512`, `BLAKE2S-256` (unkeyed, full-length parameter block).
//!
//! `absorb` feeds the message. `squeeze(out)` finalizes a copy of the state, so absorbing may go
//! on, and writes the first `out.len()` bytes of the digest: shorter output truncates, longer is
//! `invalid_length`.

use digest::Digest;

use super::StateOps;
use crate::error::{CryptoError, Result};

/// A fixed-output hash function.
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
    /// SHA3-224: 28-byte digest (FIPS 202 §6.1).
    Sha3_224,
    /// SHA3-256: 32-byte digest (FIPS 202 §6.1).
    Sha3_256,
    /// SHA3-384: 48-byte digest (FIPS 202 §6.1).
    Sha3_384,
    /// SHA3-512: 64-byte digest (FIPS 202 §6.1).
    Sha3_512,
    /// BLAKE2b with a 32-byte digest (RFC 7693, nn = 32).
    Blake2b256,
    /// BLAKE2b-512: 64-byte digest (RFC 7693).
    Blake2b512,
    /// BLAKE2s-256: 32-byte digest (RFC 7693).
    Blake2s256,
}

impl HashFunction {
    /// Digest length in bytes (HashLen).
    pub fn output_len(self) -> usize {
        match self {
            HashFunction::Sha3_224 => 28,
            HashFunction::Sha256
            | HashFunction::Sha512_256
            | HashFunction::Sha3_256
            | HashFunction::Blake2b256
            | HashFunction::Blake2s256 => 32,
            HashFunction::Sha384 | HashFunction::Sha3_384 => 48,
            HashFunction::Sha512 | HashFunction::Sha3_512 | HashFunction::Blake2b512 => 64,
        }
    }
}

/// The running state of one hash function.
#[derive(Clone)]
pub(crate) enum HashState {
    Sha256(sha2::Sha256),
    Sha384(sha2::Sha384),
    Sha512(sha2::Sha512),
    Sha512_256(sha2::Sha512_256),
    Sha3_224(sha3::Sha3_224),
    Sha3_256(sha3::Sha3_256),
    Sha3_384(sha3::Sha3_384),
    Sha3_512(sha3::Sha3_512),
    Blake2b256(blake2::Blake2b256),
    Blake2b512(blake2::Blake2b512),
    Blake2s256(blake2::Blake2s256),
}

/// Runs `$body` with `$d` bound to the running digest of `$state`, whatever its type.
macro_rules! with_digest {
    ($state:expr, $d:ident => $body:expr) => {
        match $state {
            HashState::Sha256($d) => $body,
            HashState::Sha384($d) => $body,
            HashState::Sha512($d) => $body,
            HashState::Sha512_256($d) => $body,
            HashState::Sha3_224($d) => $body,
            HashState::Sha3_256($d) => $body,
            HashState::Sha3_384($d) => $body,
            HashState::Sha3_512($d) => $body,
            HashState::Blake2b256($d) => $body,
            HashState::Blake2b512($d) => $body,
            HashState::Blake2s256($d) => $body,
        }
    };
}

impl HashState {
    pub(crate) fn new(h: HashFunction) -> Self {
        match h {
            HashFunction::Sha256 => HashState::Sha256(Digest::new()),
            HashFunction::Sha384 => HashState::Sha384(Digest::new()),
            HashFunction::Sha512 => HashState::Sha512(Digest::new()),
            HashFunction::Sha512_256 => HashState::Sha512_256(Digest::new()),
            HashFunction::Sha3_224 => HashState::Sha3_224(Digest::new()),
            HashFunction::Sha3_256 => HashState::Sha3_256(Digest::new()),
            HashFunction::Sha3_384 => HashState::Sha3_384(Digest::new()),
            HashFunction::Sha3_512 => HashState::Sha3_512(Digest::new()),
            HashFunction::Blake2b256 => HashState::Blake2b256(Digest::new()),
            HashFunction::Blake2b512 => HashState::Blake2b512(Digest::new()),
            HashFunction::Blake2s256 => HashState::Blake2s256(Digest::new()),
        }
    }

    /// Writes the digest of a copy of the state into `out` (at least the digest length); returns
    /// the digest length.
    fn digest_into(&self, out: &mut [u8; 64]) -> usize {
        with_digest!(self, d => {
            let digest = d.clone().finalize();
            out[..digest.len()].copy_from_slice(&digest);
            digest.len()
        })
    }
}

/// The digest length of `D`, named by a value of it.
fn output_size<D: Digest>(_: &D) -> usize {
    <D as Digest>::output_size()
}

impl StateOps for HashState {
    fn absorb(&mut self, data: &[u8]) -> Result<()> {
        with_digest!(self, d => d.update(data));
        Ok(())
    }

    fn max_squeeze_len(&self) -> Option<usize> {
        Some(with_digest!(self, d => output_size(d)))
    }

    fn squeeze(&mut self, out: &mut [u8]) -> Result<()> {
        let mut digest = zeroize::Zeroizing::new([0u8; 64]);
        let len = self.digest_into(&mut digest);
        let prefix = digest[..len]
            .get(..out.len())
            .ok_or(CryptoError::InvalidLength)?;
        out.copy_from_slice(prefix);
        Ok(())
    }
}
