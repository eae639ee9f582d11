//! HMAC (RFC 2104, FIPS 198-1): `HMAC/SHA-256`, `HMAC/SHA-384`, `HMAC/SHA-512`.
//!
//! The key may have any length. `absorb` feeds the message; `squeeze_tag` finalizes a copy of the
//! state and returns the full HashLen-byte tag, so absorbing may go on.

use hmac::{Hmac, KeyInit, Mac};

use super::{HashFunction, StateOps};
use crate::error::{CryptoError, Result};

#[derive(Clone)]
pub(crate) enum HmacState {
    Sha256(Hmac<sha2::Sha256>),
    Sha384(Hmac<sha2::Sha384>),
    Sha512(Hmac<sha2::Sha512>),
}

impl HmacState {
    pub(crate) fn new(h: HashFunction, key: &[u8]) -> Result<Self> {
        let bad_key = |_| CryptoError::InvalidKey;
        Ok(match h {
            HashFunction::Sha256 => HmacState::Sha256(Hmac::new_from_slice(key).map_err(bad_key)?),
            HashFunction::Sha384 => HmacState::Sha384(Hmac::new_from_slice(key).map_err(bad_key)?),
            HashFunction::Sha512 => HmacState::Sha512(Hmac::new_from_slice(key).map_err(bad_key)?),
            HashFunction::Sha512_256 => return Err(CryptoError::UnsupportedAlgorithm),
        })
    }
}

impl StateOps for HmacState {
    fn absorb(&mut self, data: &[u8]) -> Result<()> {
        match self {
            HmacState::Sha256(m) => m.update(data),
            HmacState::Sha384(m) => m.update(data),
            HmacState::Sha512(m) => m.update(data),
        }
        Ok(())
    }

    fn squeeze_tag(&mut self) -> Result<Vec<u8>> {
        Ok(match self {
            HmacState::Sha256(m) => m.clone().finalize().into_bytes().to_vec(),
            HmacState::Sha384(m) => m.clone().finalize().into_bytes().to_vec(),
            HmacState::Sha512(m) => m.clone().finalize().into_bytes().to_vec(),
        })
    }

    fn max_tag_len(&self) -> Result<usize> {
        Ok(match self {
            HmacState::Sha256(_) => 32,
            HmacState::Sha384(_) => 48,
            HmacState::Sha512(_) => 64,
        })
    }
}
