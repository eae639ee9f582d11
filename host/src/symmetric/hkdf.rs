//! HKDF (RFC 5869) as two algorithms, the proposal's split of the construction:
//!
//! - `HKDF-EXTRACT/SHA-*` (§2.2): key = IKM, `absorb` = salt (concatenated);
//!   `squeeze_key("HKDF-EXPAND/SHA-*")` returns the HashLen-byte PRK as a key of that algorithm
//!   (same hash; another target is `unsupported_algorithm`).
//! - `HKDF-EXPAND/SHA-*` (§2.3): key = PRK (at least HashLen bytes), `absorb` = info
//!   (concatenated); `squeeze(out)` writes OKM of `out.len()` bytes, which must not exceed
//!   255·HashLen (`invalid_length`). Each squeeze derives from the start of the OKM stream.

use zeroize::Zeroizing;

use super::{HashFunction, StateOps, SymmetricAlgorithm, SymmetricKey};
use crate::absorbed::Absorbed;
use crate::error::{CryptoError, Result};

/// Runs `$body` with `$H` bound to the sha2 type of `$h` (HKDF's hashes only).
macro_rules! with_hash {
    ($h:expr, $H:ident => $body:expr) => {
        match $h {
            HashFunction::Sha256 => {
                type $H = sha2::Sha256;
                $body
            }
            HashFunction::Sha384 => {
                type $H = sha2::Sha384;
                $body
            }
            HashFunction::Sha512 => {
                type $H = sha2::Sha512;
                $body
            }
            _ => Err(CryptoError::UnsupportedAlgorithm),
        }
    };
}

#[derive(Clone)]
pub(crate) struct ExtractState {
    hash: HashFunction,
    ikm: Zeroizing<Vec<u8>>,
    salt: Absorbed,
}

impl ExtractState {
    pub(crate) fn new(
        hash: HashFunction,
        ikm: &[u8],
        absorb_limit: &crate::absorbed::AbsorbLimit,
    ) -> Self {
        ExtractState {
            hash,
            ikm: Zeroizing::new(ikm.to_vec()),
            salt: Absorbed::new(absorb_limit),
        }
    }
}

impl ExtractState {
    /// The buffered salt.
    pub(crate) fn absorbed(&self) -> &Absorbed {
        &self.salt
    }
}

impl StateOps for ExtractState {
    fn absorb(&mut self, data: &[u8]) -> Result<()> {
        self.salt.push(data)
    }
    fn absorb_room(&self) -> usize {
        self.salt.room()
    }

    fn squeeze_key(&mut self, target: SymmetricAlgorithm) -> Result<SymmetricKey> {
        if target != SymmetricAlgorithm::HkdfExpand(self.hash) {
            return Err(CryptoError::UnsupportedAlgorithm);
        }
        let salt = self.salt.bytes()?;
        let prk: Zeroizing<Vec<u8>> = with_hash!(self.hash, H => {
            let (prk, _) = hkdf::Hkdf::<H>::extract(Some(salt), &self.ikm);
            Ok(Zeroizing::new(prk.to_vec()))
        })?;
        SymmetricKey::import(target, &prk)
    }
}

#[derive(Clone)]
pub(crate) struct ExpandState {
    hash: HashFunction,
    prk: Zeroizing<Vec<u8>>,
    info: Absorbed,
}

impl ExpandState {
    pub(crate) fn new(
        hash: HashFunction,
        prk: &[u8],
        absorb_limit: &crate::absorbed::AbsorbLimit,
    ) -> Result<Self> {
        if prk.len() < hash.output_len() {
            return Err(CryptoError::InvalidKey);
        }
        Ok(ExpandState {
            hash,
            prk: Zeroizing::new(prk.to_vec()),
            info: Absorbed::new(absorb_limit),
        })
    }
}

impl ExpandState {
    /// The buffered info.
    pub(crate) fn absorbed(&self) -> &Absorbed {
        &self.info
    }
}

impl StateOps for ExpandState {
    fn absorb(&mut self, data: &[u8]) -> Result<()> {
        self.info.push(data)
    }
    fn absorb_room(&self) -> usize {
        self.info.room()
    }

    /// RFC 5869 §2.3: L <= 255 * HashLen.
    fn max_squeeze_len(&self) -> Option<usize> {
        Some(255 * self.hash.output_len())
    }

    fn squeeze(&mut self, out: &mut [u8]) -> Result<()> {
        let info = self.info.bytes()?;
        with_hash!(self.hash, H => {
            let hkdf = hkdf::Hkdf::<H>::from_prk(&self.prk).map_err(|_| CryptoError::InvalidKey)?;
            hkdf.expand(info, out).map_err(|_| CryptoError::InvalidLength)
        })
    }
}
