//! AEADs: `AES-128-GCM`, `AES-256-GCM` (NIST SP 800-38D), `CHACHA20-POLY1305` (RFC 8439),
//! `XCHACHA20-POLY1305` (draft-irtf-cfrg-xchacha-03).
//!
//! Keys: 16 bytes (AES-128-GCM) or 32 bytes. Nonce: the `nonce` option, 12 bytes (24 for
//! XChaCha20-Poly1305); a wrong size is `invalid_nonce` when the state is opened. `absorb` appends
//! associated data. Tags are 16 bytes. A nonce serves one encryption only: the next encryption
//! on the state (or on a clone of it) is `nonce_required`. Decryption may repeat.

use aes_gcm::{Aes128Gcm, Aes256Gcm};
use chacha20poly1305::aead::{AeadInOut, KeyInit};
use chacha20poly1305::{ChaCha20Poly1305, XChaCha20Poly1305};
use zeroize::Zeroizing;

use super::StateOps;
use crate::absorbed::Absorbed;
use crate::error::{CryptoError, Result};

/// Tag length of every supported AEAD, in bytes.
pub(crate) const TAG_LEN: usize = 16;

/// An AEAD algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AeadAlgorithm {
    /// AES-128 in GCM mode, 96-bit nonce, 128-bit tag.
    Aes128Gcm,
    /// AES-256 in GCM mode, 96-bit nonce, 128-bit tag.
    Aes256Gcm,
    /// ChaCha20-Poly1305 (RFC 8439), 96-bit nonce.
    ChaCha20Poly1305,
    /// XChaCha20-Poly1305, 192-bit nonce.
    XChaCha20Poly1305,
}

impl AeadAlgorithm {
    /// Key length in bytes.
    pub fn key_len(self) -> usize {
        match self {
            AeadAlgorithm::Aes128Gcm => 16,
            _ => 32,
        }
    }

    /// Nonce length in bytes.
    pub fn nonce_len(self) -> usize {
        match self {
            AeadAlgorithm::XChaCha20Poly1305 => 24,
            _ => 12,
        }
    }
}

#[derive(Clone)]
enum Cipher {
    Aes128Gcm(Aes128Gcm),
    Aes256Gcm(Aes256Gcm),
    ChaCha20Poly1305(ChaCha20Poly1305),
    XChaCha20Poly1305(XChaCha20Poly1305),
}

/// Runs `$body` with `$c` bound to the concrete cipher.
macro_rules! with_cipher {
    ($cipher:expr, $c:ident => $body:expr) => {
        match $cipher {
            Cipher::Aes128Gcm($c) => $body,
            Cipher::Aes256Gcm($c) => $body,
            Cipher::ChaCha20Poly1305($c) => $body,
            Cipher::XChaCha20Poly1305($c) => $body,
        }
    };
}

fn encrypt_with<C: AeadInOut>(c: &C, nonce: &[u8], ad: &[u8], inout: &mut [u8]) -> Result<Vec<u8>> {
    let nonce = aead_nonce::<C>(nonce)?;
    let tag = c
        .encrypt_inout_detached(&nonce, ad, inout.into())
        .map_err(|_| CryptoError::AlgorithmFailure)?;
    Ok(tag.to_vec())
}

fn decrypt_with<C: AeadInOut>(
    c: &C,
    nonce: &[u8],
    ad: &[u8],
    inout: &mut [u8],
    tag: &[u8],
) -> Result<()> {
    let nonce = aead_nonce::<C>(nonce)?;
    let tag =
        chacha20poly1305::aead::Tag::<C>::try_from(tag).map_err(|_| CryptoError::InvalidTag)?;
    c.decrypt_inout_detached(&nonce, ad, inout.into(), &tag)
        .map_err(|_| CryptoError::InvalidTag)
}

fn aead_nonce<C: AeadInOut>(nonce: &[u8]) -> Result<chacha20poly1305::aead::Nonce<C>> {
    chacha20poly1305::aead::Nonce::<C>::try_from(nonce).map_err(|_| CryptoError::InvalidNonce)
}

#[derive(Clone)]
pub(crate) struct AeadState {
    cipher: Cipher,
    nonce: Option<Zeroizing<Vec<u8>>>,
    /// Whether `nonce` may still be used for an encryption.
    nonce_fresh: bool,
    ad: Absorbed,
}

impl AeadState {
    pub(crate) fn new(
        alg: AeadAlgorithm,
        key: &[u8],
        nonce: Option<&[u8]>,
        absorb_limit: &crate::absorbed::AbsorbLimit,
    ) -> Result<Self> {
        let bad_key = |_| CryptoError::InvalidKey;
        let cipher = match alg {
            AeadAlgorithm::Aes128Gcm => {
                Cipher::Aes128Gcm(Aes128Gcm::new_from_slice(key).map_err(bad_key)?)
            }
            AeadAlgorithm::Aes256Gcm => {
                Cipher::Aes256Gcm(Aes256Gcm::new_from_slice(key).map_err(bad_key)?)
            }
            AeadAlgorithm::ChaCha20Poly1305 => {
                Cipher::ChaCha20Poly1305(ChaCha20Poly1305::new_from_slice(key).map_err(bad_key)?)
            }
            AeadAlgorithm::XChaCha20Poly1305 => {
                Cipher::XChaCha20Poly1305(XChaCha20Poly1305::new_from_slice(key).map_err(bad_key)?)
            }
        };
        if let Some(n) = nonce
            && n.len() != alg.nonce_len()
        {
            return Err(CryptoError::InvalidNonce);
        }
        Ok(AeadState {
            cipher,
            nonce: nonce.map(|n| Zeroizing::new(n.to_vec())),
            nonce_fresh: nonce.is_some(),
            ad: Absorbed::new(absorb_limit),
        })
    }

    /// Marks the nonce as used: no further encryption under it.
    pub(crate) fn consume_nonce(&mut self) {
        self.nonce_fresh = false;
    }

    /// Encrypts `inout` in place and returns the 16-byte tag; `nonce_required` without a fresh nonce.
    /// The buffered associated data.
    pub(crate) fn absorbed(&self) -> &Absorbed {
        &self.ad
    }

    /// The checks of [`encrypt_detached`](Self::encrypt_detached) that come before any byte is
    /// copied: a fresh nonce (`nonce_required`), associated data not poisoned by a failed absorb.
    pub(crate) fn check_encrypt(&self) -> Result<()> {
        if self.nonce.is_none() || !self.nonce_fresh {
            return Err(CryptoError::NonceRequired);
        }
        self.ad.bytes().map(drop)
    }

    /// The checks of [`decrypt_detached`](Self::decrypt_detached) that come before any byte is
    /// copied: a nonce, a 16-byte tag, associated data not poisoned by a failed absorb.
    pub(crate) fn check_decrypt(&self, tag_len: usize) -> Result<()> {
        self.nonce.as_ref().ok_or(CryptoError::NonceRequired)?;
        if tag_len != TAG_LEN {
            return Err(CryptoError::InvalidTag);
        }
        self.ad.bytes().map(drop)
    }

    pub(crate) fn encrypt_detached(&mut self, inout: &mut [u8]) -> Result<Vec<u8>> {
        let nonce = match &self.nonce {
            Some(n) if self.nonce_fresh => n,
            _ => return Err(CryptoError::NonceRequired),
        };
        let ad = self.ad.bytes()?;
        let tag = with_cipher!(&self.cipher, c => encrypt_with(c, nonce, ad, inout))?;
        self.nonce_fresh = false;
        Ok(tag)
    }

    /// Decrypts `inout` in place after checking `tag`; `invalid_tag` for a wrong tag or a tag that
    /// is not 16 bytes, `nonce_required` without a nonce.
    pub(crate) fn decrypt_detached(&mut self, inout: &mut [u8], tag: &[u8]) -> Result<()> {
        let nonce = self.nonce.as_ref().ok_or(CryptoError::NonceRequired)?;
        if tag.len() != TAG_LEN {
            return Err(CryptoError::InvalidTag);
        }
        let ad = self.ad.bytes()?;
        with_cipher!(&self.cipher, c => decrypt_with(c, nonce, ad, inout, tag))
    }
}

impl StateOps for AeadState {
    fn absorb(&mut self, data: &[u8]) -> Result<()> {
        self.ad.push(data)
    }
    fn absorb_room(&self) -> usize {
        self.ad.room()
    }

    fn max_tag_len(&self) -> Result<usize> {
        Ok(TAG_LEN)
    }
}
