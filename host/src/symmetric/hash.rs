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
    /// The initial state of `h`. Inlined into [`SymmetricState::open`](super::SymmetricState),
    /// which then builds the value in place: as a separate call its result was written in
    /// narrow stores and read back in wide ones (a store-forwarding stall in every open).
    #[inline(always)]
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

    /// Writes the first `out.len()` bytes of the digest of a copy of the state into `out`;
    /// `invalid_length` (nothing written) if `out` is longer than the digest.
    fn digest_prefix(&self, out: &mut [u8]) -> Result<()> {
        with_digest!(self, d => finalize_prefix(d, out))
    }
}

/// [`HashState::digest_prefix`] for one digest type: the length is checked first (nothing is
/// computed for a refused request); a full-length `out` receives the digest directly, a shorter
/// one gets a prefix through a copy that is wiped afterwards.
fn finalize_prefix<D: Digest + Clone>(d: &D, out: &mut [u8]) -> Result<()> {
    if out.len() > <D as Digest>::output_size() {
        return Err(CryptoError::InvalidLength);
    }
    match <&mut digest::Output<D>>::try_from(&mut *out) {
        Ok(full) => Digest::finalize_into(d.clone(), full),
        Err(_) => {
            let digest = zeroize::Zeroizing::new(d.clone().finalize());
            out.copy_from_slice(&digest[..out.len()]);
        }
    }
    Ok(())
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
        self.digest_prefix(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SHA-256("abc"), FIPS 180-4 example (NIST CSRC "SHA256.pdf").
    const ABC: [u8; 32] = [
        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22,
        0x23, 0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00,
        0x15, 0xad,
    ];

    #[test]
    fn squeeze_writes_the_digest_or_a_prefix_and_refuses_more() {
        let mut h = HashState::new(HashFunction::Sha256);
        h.absorb(b"abc").unwrap();
        let mut full = [0u8; 32];
        h.squeeze(&mut full).unwrap();
        assert_eq!(full, ABC);
        let mut prefix = [0u8; 7];
        h.squeeze(&mut prefix).unwrap();
        assert_eq!(prefix, ABC[..7]);
        let mut long = [0xaau8; 33];
        assert_eq!(h.squeeze(&mut long), Err(CryptoError::InvalidLength));
        assert_eq!(long, [0xaa; 33], "nothing is written on invalid_length");
        // Squeezing does not end the state: absorbing goes on from "abc".
        h.absorb(b"d").unwrap();
        h.squeeze(&mut full).unwrap();
        let mut want = HashState::new(HashFunction::Sha256);
        want.absorb(b"abcd").unwrap();
        let mut abcd = [0u8; 32];
        want.squeeze(&mut abcd).unwrap();
        assert_eq!(full, abcd);
        assert_ne!(full, ABC);
    }
}
