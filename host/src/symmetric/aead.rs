//! AEADs: `AES-128-GCM`, `AES-256-GCM` (NIST SP 800-38D), `CHACHA20-POLY1305` (RFC 8439),
//! `XCHACHA20-POLY1305` (draft-irtf-cfrg-xchacha-03), `AES-128-GCM-SIV`, `AES-256-GCM-SIV`
//! (RFC 8452), `AEGIS-128L`, `AEGIS-256` (draft-irtf-cfrg-aegis-aead; see [`super::aegis`]).
//!
//! Keys: 16 bytes (AES-128-GCM, AES-128-GCM-SIV) or 32 bytes. Nonce: the `nonce` option, 12 bytes (24 for
//! XChaCha20-Poly1305); a wrong size is `invalid_nonce` when the state is opened. `absorb` appends
//! associated data. Tags are 16 bytes. A nonce serves one encryption only: the next encryption
//! on the state (or on a clone of it) is `nonce_required`. Decryption may repeat.

use aes_gcm::{Aes128Gcm, Aes256Gcm};
use aes_gcm_siv::{Aes128GcmSiv, Aes256GcmSiv};
use std::ops::Range;
use std::sync::Arc;

use chacha20poly1305::aead::inout::InOutBuf;
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
    /// AES-128-GCM-SIV (RFC 8452), 96-bit nonce, 128-bit tag; nonce-misuse resistant.
    Aes128GcmSiv,
    /// AES-256-GCM-SIV (RFC 8452), 96-bit nonce, 128-bit tag; nonce-misuse resistant.
    Aes256GcmSiv,
    /// AEGIS-128L: 16-byte key, 128-bit nonce, 128-bit tag.
    Aegis128L,
    /// AEGIS-256: 32-byte key, 256-bit nonce, 128-bit tag.
    Aegis256,
}

impl AeadAlgorithm {
    /// Key length in bytes.
    pub fn key_len(self) -> usize {
        match self {
            AeadAlgorithm::Aes128Gcm | AeadAlgorithm::Aes128GcmSiv | AeadAlgorithm::Aegis128L => 16,
            _ => 32,
        }
    }

    /// Nonce length in bytes.
    pub fn nonce_len(self) -> usize {
        match self {
            AeadAlgorithm::XChaCha20Poly1305 => 24,
            AeadAlgorithm::Aegis128L => 16,
            AeadAlgorithm::Aegis256 => 32,
            _ => 12,
        }
    }
}

/// An AEAD keyed with one key: the expanded key schedule (and hash key), made once per
/// [`SymmetricKey`](super::SymmetricKey) and shared by every state opened with that key.
/// Wiped on drop (the RustCrypto ciphers' `zeroize` feature).
pub(crate) enum Cipher {
    Aes128Gcm(Aes128Gcm),
    Aes256Gcm(Aes256Gcm),
    ChaCha20Poly1305(ChaCha20Poly1305),
    XChaCha20Poly1305(XChaCha20Poly1305),
    Aes128GcmSiv(Aes128GcmSiv),
    Aes256GcmSiv(Aes256GcmSiv),
    Aegis128L(super::aegis::Aegis128L),
    Aegis256(super::aegis::Aegis256),
}

/// Runs `$body` with `$c` bound to the concrete cipher.
macro_rules! with_cipher {
    ($cipher:expr, $c:ident => $body:expr) => {
        match $cipher {
            Cipher::Aes128Gcm($c) => $body,
            Cipher::Aes256Gcm($c) => $body,
            Cipher::ChaCha20Poly1305($c) => $body,
            Cipher::XChaCha20Poly1305($c) => $body,
            Cipher::Aes128GcmSiv($c) => $body,
            Cipher::Aes256GcmSiv($c) => $body,
            Cipher::Aegis128L($c) => $body,
            Cipher::Aegis256($c) => $body,
        }
    };
}

/// Where an AEAD operation reads its input and writes its output (both of the same length).
pub(crate) enum AeadIo<'a> {
    /// The input is replaced by the output.
    InPlace(&'a mut [u8]),
    /// Distinct input and output buffers.
    Separate {
        input: &'a [u8],
        output: &'a mut [u8],
    },
}

impl<'a> AeadIo<'a> {
    /// The input `input` of `mem`, and the output of the same length at `out_start` in `mem`:
    /// borrowed in place, or as two disjoint parts of `mem`; when the two ranges overlap without
    /// being equal, the input is moved to the output first (the message is read once, before any
    /// byte of it is overwritten). `guest_error` if a range is not inside `mem` (the glue checks
    /// them before).
    pub(crate) fn within(mem: &'a mut [u8], input: Range<usize>, out_start: usize) -> Result<Self> {
        let len = input.len();
        let out = out_start..out_start.checked_add(len).ok_or(CryptoError::GuestError)?;
        if input.end > mem.len() || out.end > mem.len() {
            return Err(CryptoError::GuestError);
        }
        Ok(if out.start == input.start {
            AeadIo::InPlace(&mut mem[out])
        } else if out.end <= input.start {
            let (head, tail) = mem.split_at_mut(input.start);
            AeadIo::Separate {
                input: &tail[..len],
                output: &mut head[out],
            }
        } else if input.end <= out.start {
            let (head, tail) = mem.split_at_mut(out.start);
            AeadIo::Separate {
                input: &head[input],
                output: &mut tail[..len],
            }
        } else {
            mem.copy_within(input, out.start);
            AeadIo::InPlace(&mut mem[out])
        })
    }

    fn inout(self) -> Result<InOutBuf<'a, 'a, u8>> {
        match self {
            AeadIo::InPlace(buf) => Ok(buf.into()),
            AeadIo::Separate { input, output } => {
                InOutBuf::new(input, output).map_err(|_| CryptoError::AlgorithmFailure)
            }
        }
    }
}

fn encrypt_with<C: AeadInOut>(
    c: &C,
    nonce: &[u8],
    ad: &[u8],
    io: AeadIo<'_>,
) -> Result<[u8; TAG_LEN]> {
    let nonce = aead_nonce::<C>(nonce)?;
    let tag = c
        .encrypt_inout_detached(&nonce, ad, io.inout()?)
        .map_err(|_| CryptoError::AlgorithmFailure)?;
    <[u8; TAG_LEN]>::try_from(tag.as_slice()).map_err(|_| CryptoError::AlgorithmFailure)
}

/// Checks `tag` over the input, then writes the plaintext. RustCrypto's AEADs verify before they
/// decrypt, so on `invalid_tag` the output is untouched (the callers zero it anyway).
fn decrypt_with<C: AeadInOut>(
    c: &C,
    nonce: &[u8],
    ad: &[u8],
    io: AeadIo<'_>,
    tag: &[u8],
) -> Result<()> {
    let nonce = aead_nonce::<C>(nonce)?;
    let tag =
        chacha20poly1305::aead::Tag::<C>::try_from(tag).map_err(|_| CryptoError::InvalidTag)?;
    c.decrypt_inout_detached(&nonce, ad, io.inout()?, &tag)
        .map_err(|_| CryptoError::InvalidTag)
}

fn aead_nonce<C: AeadInOut>(nonce: &[u8]) -> Result<chacha20poly1305::aead::Nonce<C>> {
    chacha20poly1305::aead::Nonce::<C>::try_from(nonce).map_err(|_| CryptoError::InvalidNonce)
}

/// The longest nonce of these AEADs (AEGIS-256), in bytes.
const MAX_NONCE_LEN: usize = 32;

/// A nonce of at most 32 bytes (AEGIS-256's), held inline (no allocation per state) and wiped on drop. The
/// length was checked against the algorithm when the state was opened.
#[derive(Clone)]
struct NonceBytes {
    bytes: Zeroizing<[u8; MAX_NONCE_LEN]>,
    len: usize,
}

impl NonceBytes {
    fn new(nonce: &[u8]) -> Self {
        let mut bytes = Zeroizing::new([0u8; MAX_NONCE_LEN]);
        let len = nonce.len().min(MAX_NONCE_LEN);
        bytes[..len].copy_from_slice(&nonce[..len]);
        NonceBytes { bytes, len }
    }

    fn bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

#[derive(Clone)]
pub(crate) struct AeadState {
    cipher: Arc<Cipher>,
    nonce: Option<NonceBytes>,
    /// Whether `nonce` may still be used for an encryption.
    nonce_fresh: bool,
    ad: Absorbed,
}

impl Cipher {
    /// Expands `key` for `alg`: `invalid_key` for a wrong length.
    pub(crate) fn new(alg: AeadAlgorithm, key: &[u8]) -> Result<Self> {
        let bad_key = |_| CryptoError::InvalidKey;
        Ok(match alg {
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
            AeadAlgorithm::Aes128GcmSiv => {
                Cipher::Aes128GcmSiv(Aes128GcmSiv::new_from_slice(key).map_err(bad_key)?)
            }
            AeadAlgorithm::Aes256GcmSiv => {
                Cipher::Aes256GcmSiv(Aes256GcmSiv::new_from_slice(key).map_err(bad_key)?)
            }
            AeadAlgorithm::Aegis128L => Cipher::Aegis128L(super::aegis::Aegis128L::new(key)?),
            AeadAlgorithm::Aegis256 => Cipher::Aegis256(super::aegis::Aegis256::new(key)?),
        })
    }

    /// The algorithm this cipher is keyed for.
    fn algorithm(&self) -> AeadAlgorithm {
        match self {
            Cipher::Aes128Gcm(_) => AeadAlgorithm::Aes128Gcm,
            Cipher::Aes256Gcm(_) => AeadAlgorithm::Aes256Gcm,
            Cipher::ChaCha20Poly1305(_) => AeadAlgorithm::ChaCha20Poly1305,
            Cipher::XChaCha20Poly1305(_) => AeadAlgorithm::XChaCha20Poly1305,
            Cipher::Aes128GcmSiv(_) => AeadAlgorithm::Aes128GcmSiv,
            Cipher::Aes256GcmSiv(_) => AeadAlgorithm::Aes256GcmSiv,
            Cipher::Aegis128L(_) => AeadAlgorithm::Aegis128L,
            Cipher::Aegis256(_) => AeadAlgorithm::Aegis256,
        }
    }
}

impl AeadState {
    /// A state over the key's `cipher`, with `nonce` (`invalid_nonce` for a wrong size).
    pub(crate) fn new(
        cipher: Arc<Cipher>,
        nonce: Option<&[u8]>,
        absorb_limit: &crate::absorbed::AbsorbLimit,
    ) -> Result<Self> {
        if let Some(n) = nonce
            && n.len() != cipher.algorithm().nonce_len()
        {
            return Err(CryptoError::InvalidNonce);
        }
        Ok(AeadState {
            cipher,
            nonce: nonce.map(NonceBytes::new),
            nonce_fresh: nonce.is_some(),
            ad: Absorbed::new(absorb_limit),
        })
    }

    /// Marks the nonce as used: no further encryption under it.
    pub(crate) fn consume_nonce(&mut self) {
        self.nonce_fresh = false;
    }

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

    /// Encrypts `io` and returns the tag; `nonce_required` without a fresh nonce.
    pub(crate) fn encrypt_detached(&mut self, io: AeadIo<'_>) -> Result<[u8; TAG_LEN]> {
        let nonce = match &self.nonce {
            Some(n) if self.nonce_fresh => n.bytes(),
            _ => return Err(CryptoError::NonceRequired),
        };
        let ad = self.ad.bytes()?;
        let tag = with_cipher!(&*self.cipher, c => encrypt_with(c, nonce, ad, io))?;
        self.nonce_fresh = false;
        Ok(tag)
    }

    /// Decrypts `io` after checking `tag`; `invalid_tag` for a wrong tag or a tag that is not 16
    /// bytes, `nonce_required` without a nonce.
    pub(crate) fn decrypt_detached(&mut self, io: AeadIo<'_>, tag: &[u8]) -> Result<()> {
        let nonce = self
            .nonce
            .as_ref()
            .ok_or(CryptoError::NonceRequired)?
            .bytes();
        if tag.len() != TAG_LEN {
            return Err(CryptoError::InvalidTag);
        }
        let ad = self.ad.bytes()?;
        with_cipher!(&*self.cipher, c => decrypt_with(c, nonce, ad, io, tag))
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
