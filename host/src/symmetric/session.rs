//! The Xoodyak session (`XOODYAK-128`, `XOODYAK-160`; Xoodyak, NIST LWC finalist, in Cyclist
//! mode): one rolling transcript that every operation reads and advances.
//!
//! Without a key the state is Xoodyak's hash mode; with one (16 bytes generated for
//! `XOODYAK-128`, 20 for `XOODYAK-160`; an import may give any length up to the crate's limit,
//! longer is `invalid_key`) it is the keyed mode, with the `nonce` option absorbed after the key.
//!
//! | function | Cyclist operation |
//! |---|---|
//! | `absorb` | Absorb |
//! | `squeeze(n)` | Squeeze(n) — each call a new Squeeze on the transcript |
//! | `squeeze_tag` | Squeeze(16) |
//! | `squeeze_key(alg)` | SqueezeKey(the key length `symmetric_key_generate(alg)` makes) |
//! | `encrypt` / `decrypt` | Encrypt / Decrypt, then Squeeze(16) as the tag (appended, or detached) |
//! | `ratchet` | Ratchet |
//!
//! This is the reference host's mapping onto the same `xoodyak` crate, so the same call sequence
//! gives the same bytes. Encryption, decryption and `ratchet` need the keyed mode
//! (`invalid_operation` in hash mode); a wrong tag is `invalid_tag` with the output zeroed (the
//! transcript has then absorbed the ciphertext). `max_tag_len` is 16. The crate does not wipe its
//! Xoodoo state on drop; the key bytes this host holds are wiped.

use std::ops::Range;

use xoodyak::{XOODYAK_AUTH_TAG_BYTES as TAG_LEN, XoodyakAny, XoodyakCommon, XoodyakError};
use xoodyak::{XoodyakHash, XoodyakKeyed};

use super::{StateOps, SymmetricAlgorithm, SymmetricKey};
use crate::error::{CryptoError, Result};

/// A Xoodyak session algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SessionAlgorithm {
    /// `XOODYAK-128`: 16-byte generated keys.
    Xoodyak128,
    /// `XOODYAK-160`: 20-byte generated keys.
    Xoodyak160,
}

impl SessionAlgorithm {
    /// Length of a key made by `symmetric_key_generate`.
    pub(crate) fn generated_key_len(self) -> usize {
        match self {
            SessionAlgorithm::Xoodyak128 => 16,
            SessionAlgorithm::Xoodyak160 => 20,
        }
    }
}

/// The state of one session.
#[derive(Clone)]
pub(crate) struct SessionState(XoodyakAny);

/// The proposal's errno for a crate error of an encryption or decryption.
fn errno(e: XoodyakError) -> CryptoError {
    match e {
        XoodyakError::KeyRequired => CryptoError::InvalidOperation,
        XoodyakError::TagMismatch => CryptoError::InvalidTag,
        XoodyakError::InvalidBufferLength => CryptoError::Overflow,
        XoodyakError::InvalidParameterLength => CryptoError::InvalidLength,
    }
}

impl SessionState {
    /// Hash mode without `key`, keyed mode with it and the `nonce` option if set.
    pub(crate) fn new(key: Option<&[u8]>, nonce: Option<&[u8]>) -> Result<Self> {
        Ok(SessionState(match key {
            None => XoodyakAny::Hash(XoodyakHash::new()),
            Some(key) => XoodyakAny::Keyed(
                XoodyakKeyed::new(key, nonce, None, None).map_err(|_| CryptoError::InvalidKey)?,
            ),
        }))
    }

    /// Whether the session is keyed (hash mode cannot encrypt).
    fn check_keyed(&self) -> Result<()> {
        match self.0 {
            XoodyakAny::Keyed(_) => Ok(()),
            XoodyakAny::Hash(_) => Err(CryptoError::InvalidOperation),
        }
    }

    /// `symmetric_state_encrypt`: ciphertext ‖ tag into `out`.
    pub(crate) fn encrypt(&mut self, out: &mut [u8], data: &[u8]) -> Result<usize> {
        self.check_keyed()?;
        let total = data
            .len()
            .checked_add(TAG_LEN)
            .ok_or(CryptoError::Overflow)?;
        let out = out.get_mut(..total).ok_or(CryptoError::Overflow)?;
        let (ct, tag_out) = out.split_at_mut(data.len());
        tag_out.copy_from_slice(&self.encrypt_detached(ct, data)?);
        Ok(total)
    }

    /// [`encrypt`](Self::encrypt) within one memory (the ranges may overlap).
    pub(crate) fn encrypt_within(
        &mut self,
        mem: &mut [u8],
        out: Range<usize>,
        data: Range<usize>,
    ) -> Result<usize> {
        self.check_keyed()?;
        let n = data.len();
        let total = n.checked_add(TAG_LEN).ok_or(CryptoError::Overflow)?;
        if out.len() < total {
            return Err(CryptoError::Overflow);
        }
        let buf = super::move_within(mem, data, out.start, total)?;
        self.0.aead_encrypt_in_place(buf).map_err(errno)?;
        Ok(total)
    }

    /// `symmetric_state_encrypt_detached`: the ciphertext into `out`, the tag returned.
    pub(crate) fn encrypt_detached(&mut self, out: &mut [u8], data: &[u8]) -> Result<Vec<u8>> {
        self.check_keyed()?;
        let out = out.get_mut(..data.len()).ok_or(CryptoError::Overflow)?;
        let tag = self
            .0
            .aead_encrypt_detached(out, Some(data))
            .map_err(errno)?;
        Ok(tag.as_ref().to_vec())
    }

    /// [`encrypt_detached`](Self::encrypt_detached) within one memory (the ranges may overlap).
    pub(crate) fn encrypt_detached_within(
        &mut self,
        mem: &mut [u8],
        out: Range<usize>,
        data: Range<usize>,
    ) -> Result<Vec<u8>> {
        self.check_keyed()?;
        if out.len() < data.len() {
            return Err(CryptoError::Overflow);
        }
        let n = data.len();
        let buf = super::move_within(mem, data, out.start, n)?;
        let tag = self.0.aead_encrypt_in_place_detached(buf).map_err(errno)?;
        Ok(tag.as_ref().to_vec())
    }

    /// `symmetric_state_decrypt`: `data` is ciphertext ‖ tag; fewer bytes than a tag is
    /// `invalid_tag`, with `out` zeroed.
    pub(crate) fn decrypt(&mut self, out: &mut [u8], data: &[u8]) -> Result<usize> {
        self.check_keyed()?;
        let Some(ct_len) = data.len().checked_sub(TAG_LEN) else {
            zeroize::Zeroize::zeroize(out);
            return Err(CryptoError::InvalidTag);
        };
        let (ct, tag) = data.split_at(ct_len);
        self.decrypt_detached(out, ct, tag)
    }

    /// [`decrypt`](Self::decrypt) within one memory (the ranges may overlap).
    pub(crate) fn decrypt_within(
        &mut self,
        mem: &mut [u8],
        out: Range<usize>,
        data: Range<usize>,
    ) -> Result<usize> {
        self.check_keyed()?;
        let Some(ct_len) = data.len().checked_sub(TAG_LEN) else {
            super::zero(mem, out)?;
            return Err(CryptoError::InvalidTag);
        };
        // The tag is read before any output is written (the ranges may overlap).
        let mut tag = [0u8; TAG_LEN];
        let ct = data.start..data.start + ct_len;
        tag.copy_from_slice(mem.get(ct.end..data.end).ok_or(CryptoError::GuestError)?);
        self.decrypt_detached_within(mem, out, ct, &tag)
    }

    /// `symmetric_state_decrypt_detached`: verifies `tag` (16 bytes, else `invalid_tag`) and
    /// writes the plaintext; on `invalid_tag` all of `out` is zeroed.
    pub(crate) fn decrypt_detached(
        &mut self,
        out: &mut [u8],
        ct: &[u8],
        tag: &[u8],
    ) -> Result<usize> {
        self.check_keyed()?;
        let Ok(tag) = <[u8; TAG_LEN]>::try_from(tag) else {
            zeroize::Zeroize::zeroize(out);
            return Err(CryptoError::InvalidTag);
        };
        let pt = out.get_mut(..ct.len()).ok_or(CryptoError::Overflow)?;
        match self.0.aead_decrypt_detached(pt, &tag.into(), Some(ct)) {
            Ok(()) => Ok(ct.len()),
            Err(e) => {
                zeroize::Zeroize::zeroize(out);
                Err(errno(e))
            }
        }
    }

    /// [`decrypt_detached`](Self::decrypt_detached) within one memory (the ranges may overlap);
    /// `tag` is a host copy.
    pub(crate) fn decrypt_detached_within(
        &mut self,
        mem: &mut [u8],
        out: Range<usize>,
        ct: Range<usize>,
        tag: &[u8],
    ) -> Result<usize> {
        self.check_keyed()?;
        let Ok(tag) = <[u8; TAG_LEN]>::try_from(tag) else {
            super::zero(mem, out)?;
            return Err(CryptoError::InvalidTag);
        };
        if out.len() < ct.len() {
            return Err(CryptoError::Overflow);
        }
        let n = ct.len();
        let pt = super::move_within(mem, ct, out.start, n)?;
        match self.0.aead_decrypt_in_place_detached(pt, &tag.into()) {
            Ok(()) => Ok(n),
            Err(e) => {
                super::zero(mem, out)?;
                Err(errno(e))
            }
        }
    }
}

impl StateOps for SessionState {
    fn absorb(&mut self, data: &[u8]) -> Result<()> {
        self.0.absorb(data);
        Ok(())
    }

    fn max_squeeze_len(&self) -> Option<usize> {
        Some(usize::MAX)
    }

    fn squeeze(&mut self, out: &mut [u8]) -> Result<()> {
        self.0.squeeze(out);
        Ok(())
    }

    fn squeeze_tag(&mut self) -> Result<Vec<u8>> {
        let mut tag = vec![0u8; TAG_LEN];
        self.0.squeeze(&mut tag);
        Ok(tag)
    }

    fn squeeze_key(&mut self, target: SymmetricAlgorithm) -> Result<SymmetricKey> {
        let mut raw = zeroize::Zeroizing::new(vec![0u8; target.generated_key_len()?]);
        self.0.squeeze_key(&mut raw);
        SymmetricKey::import(target, &raw)
    }

    fn max_tag_len(&self) -> Result<usize> {
        Ok(TAG_LEN)
    }

    fn ratchet(&mut self) -> Result<()> {
        self.0.ratchet().map_err(|_| CryptoError::InvalidOperation)
    }
}
