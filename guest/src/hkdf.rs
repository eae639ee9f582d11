//! HKDF (RFC 5869).

use alloc::format;
use alloc::vec;
use alloc::vec::Vec;

use crate::algorithms::{AlgorithmName, SymmetricAlgorithm};
use crate::error::{Error, ErrorKind, Result};
use crate::symmetric::{SymmetricKey, SymmetricState};

/// HKDF (RFC 5869) with `SHA-256`, `SHA-384` or `SHA-512`, through the proposal's
/// `HKDF-EXTRACT/<hash>` and `HKDF-EXPAND/<hash>` algorithms.
///
/// This type has no values: it groups [`Hkdf::extract`], [`Hkdf::expand`] and [`Hkdf::derive`].
#[derive(Debug)]
pub enum Hkdf {}

impl Hkdf {
    /// HKDF-Extract(salt, IKM): returns the pseudorandom key (hash-size bytes) as an
    /// `"HKDF-EXPAND/<hash>"` key, ready for [`Hkdf::expand`]. `hash` is
    /// [`SymmetricAlgorithm::Sha256`], `Sha384` or `Sha512` (or `"SHA-256"`, ...); an empty `salt` means HashLen zero bytes (RFC 5869 §2.2).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlgorithm`] for another hash.
    pub fn extract(
        hash: impl AlgorithmName<SymmetricAlgorithm>,
        ikm: &[u8],
        salt: &[u8],
    ) -> Result<SymmetricKey> {
        let hash = hash.spelling();
        let ikm = SymmetricKey::import(format!("HKDF-EXTRACT/{hash}"), ikm)?;
        let mut state = SymmetricState::open(ikm.algorithm(), Some(&ikm), None)?;
        state.absorb(salt)?;
        state.squeeze_key(format!("HKDF-EXPAND/{hash}"))
    }

    /// HKDF-Expand(PRK, info, L): `len` bytes of output keying material. `prk` must be an
    /// `HKDF-EXPAND/<hash>` key (from [`Hkdf::extract`], or imported); `len` ≤ 255 × hash size.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] if `prk` is not an `HKDF-EXPAND/*` key; [`ErrorKind::InvalidLength`] if
    /// `len` is too large.
    pub fn expand(prk: &SymmetricKey, info: &[u8], len: usize) -> Result<Vec<u8>> {
        let algorithm = prk.algorithm();
        let is_expand = algorithm
            .get(..12)
            .is_some_and(|prefix| prefix.eq_ignore_ascii_case("HKDF-EXPAND/"));
        if !is_expand {
            return Err(Error::new(ErrorKind::InvalidKey, "Hkdf::expand", algorithm));
        }
        let mut state = SymmetricState::open(algorithm, Some(prk), None)?;
        state.absorb(info)?;
        let mut okm = vec![0u8; len];
        state.squeeze(&mut okm)?;
        Ok(okm)
    }

    /// HKDF(salt, IKM, info, L) in one call: [`Hkdf::extract`] then [`Hkdf::expand`].
    ///
    /// # Errors
    /// As [`Hkdf::extract`] and [`Hkdf::expand`].
    pub fn derive(
        hash: impl AlgorithmName<SymmetricAlgorithm>,
        ikm: &[u8],
        salt: &[u8],
        info: &[u8],
        len: usize,
    ) -> Result<Vec<u8>> {
        let prk = Hkdf::extract(hash, ikm, salt)?;
        Hkdf::expand(&prk, info, len)
    }
}
