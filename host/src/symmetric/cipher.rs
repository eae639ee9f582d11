//! Unauthenticated ciphers: `AES-128-CTR`, `AES-256-CTR` (SP 800-38A §6.5, 128-bit big-endian
//! counter) and `AES-128-CBC`, `AES-256-CBC` (SP 800-38A §6.2, PKCS#7 padding, RFC 5652 §6.3).
//!
//! Keys: 16 or 32 bytes. The `nonce` option is the 16-byte IV (CBC) or initial counter block
//! (CTR); another size is `invalid_nonce` when the state is opened, none is `nonce_required` at
//! the first encryption or decryption. As for AEADs, an IV serves one encryption: the next one
//! on the state (or a clone) is `nonce_required`. Nothing is absorbed (`invalid_operation`).
//!
//! `encrypt` writes the ciphertext: as long as the message for CTR (`max_tag_len` = 0); the
//! message padded to the next multiple of 16 bytes for CBC, the padding counted as its "tag"
//! (`max_tag_len` = 16). `decrypt` writes the plaintext; for CBC a ciphertext that is empty, not
//! a multiple of 16 bytes or badly padded is `invalid_tag`, with the output zeroed. These modes
//! have no detached tag: the `*_detached` functions are `invalid_operation`.

use std::ops::Range;

use aes::cipher::block_padding::{Padding, Pkcs7};
use aes::cipher::{Array, BlockModeDecrypt, BlockModeEncrypt, KeyIvInit, StreamCipher};
use zeroize::{Zeroize, Zeroizing};

use super::StateOps;
use crate::error::{CryptoError, Result};

/// Length of an IV / initial counter block, in bytes.
pub(crate) const IV_LEN: usize = 16;
/// AES block length, in bytes.
const BLOCK: usize = 16;

/// An unauthenticated cipher mode of AES.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CipherAlgorithm {
    /// AES-128 in CTR mode.
    Aes128Ctr,
    /// AES-256 in CTR mode.
    Aes256Ctr,
    /// AES-128 in CBC mode with PKCS#7 padding.
    Aes128Cbc,
    /// AES-256 in CBC mode with PKCS#7 padding.
    Aes256Cbc,
}

impl CipherAlgorithm {
    /// Key length in bytes.
    pub fn key_len(self) -> usize {
        match self {
            CipherAlgorithm::Aes128Ctr | CipherAlgorithm::Aes128Cbc => 16,
            CipherAlgorithm::Aes256Ctr | CipherAlgorithm::Aes256Cbc => 32,
        }
    }

    fn is_cbc(self) -> bool {
        matches!(
            self,
            CipherAlgorithm::Aes128Cbc | CipherAlgorithm::Aes256Cbc
        )
    }
}

/// The state of one cipher: its key, IV, and whether the IV may still encrypt.
#[derive(Clone)]
pub(crate) struct CipherState {
    alg: CipherAlgorithm,
    key: Zeroizing<Vec<u8>>,
    iv: Option<Zeroizing<[u8; IV_LEN]>>,
    iv_fresh: bool,
}

type Aes128Ctr = ctr::Ctr128BE<aes::Aes128>;
type Aes256Ctr = ctr::Ctr128BE<aes::Aes256>;

impl CipherState {
    /// A state for `alg` with `key` (of the algorithm's length, checked on import) and the IV
    /// `iv` if one was given (`invalid_nonce` unless 16 bytes).
    pub(crate) fn new(alg: CipherAlgorithm, key: &[u8], iv: Option<&[u8]>) -> Result<Self> {
        let iv = match iv {
            Some(iv) => {
                let iv: [u8; IV_LEN] = iv.try_into().map_err(|_| CryptoError::InvalidNonce)?;
                Some(Zeroizing::new(iv))
            }
            None => None,
        };
        if key.len() != alg.key_len() {
            return Err(CryptoError::InvalidKey);
        }
        Ok(CipherState {
            alg,
            key: Zeroizing::new(key.to_vec()),
            iv_fresh: iv.is_some(),
            iv,
        })
    }

    /// Marks the IV as used: no further encryption under it.
    pub(crate) fn consume_nonce(&mut self) {
        self.iv_fresh = false;
    }

    fn iv(&self) -> Result<&[u8; IV_LEN]> {
        self.iv.as_deref().ok_or(CryptoError::NonceRequired)
    }

    /// Ciphertext length of an `n`-byte message.
    fn ciphertext_len(&self, n: usize) -> Result<usize> {
        if self.alg.is_cbc() {
            (n / BLOCK)
                .checked_add(1)
                .and_then(|blocks| blocks.checked_mul(BLOCK))
                .ok_or(CryptoError::Overflow)
        } else {
            Ok(n)
        }
    }

    /// Checks that an encryption may run: a fresh IV. Checked before any byte reaches the
    /// output; the IV is marked used ([`consume_nonce`](Self::consume_nonce)) as the encryption
    /// starts.
    fn check_encrypt(&self) -> Result<()> {
        self.iv()?;
        if !self.iv_fresh {
            return Err(CryptoError::NonceRequired);
        }
        Ok(())
    }

    /// Runs the keystream of CTR over `buf`, in place.
    fn ctr(&self, buf: &mut [u8]) -> Result<()> {
        let iv: &[u8] = self.iv()?;
        let bad_key = |_| CryptoError::InvalidKey;
        let r = match self.alg {
            CipherAlgorithm::Aes128Ctr => Aes128Ctr::new_from_slices(&self.key, iv)
                .map_err(bad_key)?
                .try_apply_keystream(buf),
            _ => Aes256Ctr::new_from_slices(&self.key, iv)
                .map_err(bad_key)?
                .try_apply_keystream(buf),
        };
        r.map_err(|_| CryptoError::InvalidLength)
    }

    /// Encrypts the `msg_len`-byte message at the start of `buf` in place; `buf` is exactly the
    /// ciphertext's length.
    fn encrypt_in_place(&self, buf: &mut [u8], msg_len: usize) -> Result<()> {
        let iv: &[u8] = self.iv()?;
        let bad_key = |_| CryptoError::InvalidKey;
        let padded = |_| CryptoError::Overflow;
        match self.alg {
            CipherAlgorithm::Aes128Cbc => {
                cbc::Encryptor::<aes::Aes128>::new_from_slices(&self.key, iv)
                    .map_err(bad_key)?
                    .encrypt_padded::<Pkcs7>(buf, msg_len)
                    .map(drop)
                    .map_err(padded)
            }
            CipherAlgorithm::Aes256Cbc => {
                cbc::Encryptor::<aes::Aes256>::new_from_slices(&self.key, iv)
                    .map_err(bad_key)?
                    .encrypt_padded::<Pkcs7>(buf, msg_len)
                    .map(drop)
                    .map_err(padded)
            }
            _ => self.ctr(&mut buf[..msg_len]),
        }
    }

    /// CBC decryption of a ciphertext whose first `body` bytes are at the start of `out` and whose
    /// last block is `last`: writes the plaintext to `out` and returns its length. On any error
    /// `out` is zeroed.
    fn cbc_decrypt(&self, out: &mut [u8], body: usize, last: [u8; BLOCK]) -> Result<usize> {
        let r = self.cbc_decrypt_inner(out, body, last);
        if r.is_err() {
            out.zeroize();
        }
        r
    }

    fn cbc_decrypt_inner(&self, out: &mut [u8], body: usize, last: [u8; BLOCK]) -> Result<usize> {
        let iv: &[u8] = self.iv()?;
        let bad_key = |_| CryptoError::InvalidKey;
        let (blocks, rest) = Array::slice_as_chunks_mut(&mut out[..body]);
        debug_assert!(rest.is_empty(), "the body is whole blocks");
        let mut last = Zeroizing::new(Array::from(last));
        match self.alg {
            CipherAlgorithm::Aes128Cbc => {
                let mut d = cbc::Decryptor::<aes::Aes128>::new_from_slices(&self.key, iv)
                    .map_err(bad_key)?;
                d.decrypt_blocks(blocks);
                d.decrypt_block(&mut last);
            }
            _ => {
                let mut d = cbc::Decryptor::<aes::Aes256>::new_from_slices(&self.key, iv)
                    .map_err(bad_key)?;
                d.decrypt_blocks(blocks);
                d.decrypt_block(&mut last);
            }
        }
        let tail = Pkcs7::unpad(&last).map_err(|_| CryptoError::InvalidTag)?;
        let end = body + tail.len();
        out.get_mut(body..end)
            .ok_or(CryptoError::Overflow)?
            .copy_from_slice(tail);
        Ok(end)
    }

    /// `symmetric_state_encrypt`: the ciphertext of `data` into `out`; returns its length.
    pub(crate) fn encrypt(&mut self, out: &mut [u8], data: &[u8]) -> Result<usize> {
        let total = self.ciphertext_len(data.len())?;
        self.iv()?;
        let out = out.get_mut(..total).ok_or(CryptoError::Overflow)?;
        self.check_encrypt()?;
        self.consume_nonce();
        out[..data.len()].copy_from_slice(data);
        self.encrypt_in_place(out, data.len())?;
        Ok(total)
    }

    /// [`encrypt`](Self::encrypt) within one memory: the input is `data`, the output `out`
    /// (the ranges may overlap).
    pub(crate) fn encrypt_within(
        &mut self,
        mem: &mut [u8],
        out: Range<usize>,
        data: Range<usize>,
    ) -> Result<usize> {
        let total = self.ciphertext_len(data.len())?;
        self.iv()?;
        if out.len() < total {
            return Err(CryptoError::Overflow);
        }
        self.check_encrypt()?;
        let msg_len = data.len();
        let buf = super::move_within(mem, data, out.start, total)?;
        self.consume_nonce();
        self.encrypt_in_place(buf, msg_len)?;
        Ok(total)
    }

    /// `symmetric_state_decrypt`: the plaintext of `data` into `out`; returns its length.
    pub(crate) fn decrypt(&mut self, out: &mut [u8], data: &[u8]) -> Result<usize> {
        self.iv()?;
        if !self.alg.is_cbc() {
            let out = out.get_mut(..data.len()).ok_or(CryptoError::Overflow)?;
            out.copy_from_slice(data);
            self.ctr(out)?;
            return Ok(data.len());
        }
        let Some(body) = cbc_body(data.len()) else {
            out.zeroize();
            return Err(CryptoError::InvalidTag);
        };
        if out.len() < body {
            return Err(CryptoError::Overflow);
        }
        let mut last = [0u8; BLOCK];
        last.copy_from_slice(&data[body..]);
        out[..body].copy_from_slice(&data[..body]);
        self.cbc_decrypt(out, body, last)
    }

    /// [`decrypt`](Self::decrypt) within one memory (the ranges may overlap); on `invalid_tag`
    /// all of `out` is zeroed.
    pub(crate) fn decrypt_within(
        &mut self,
        mem: &mut [u8],
        out: Range<usize>,
        data: Range<usize>,
    ) -> Result<usize> {
        self.iv()?;
        if !self.alg.is_cbc() {
            if out.len() < data.len() {
                return Err(CryptoError::Overflow);
            }
            let n = data.len();
            self.ctr(super::move_within(mem, data, out.start, n)?)?;
            return Ok(n);
        }
        let Some(body) = cbc_body(data.len()) else {
            super::zero(mem, out)?;
            return Err(CryptoError::InvalidTag);
        };
        if out.len() < body {
            return Err(CryptoError::Overflow);
        }
        // The last block is read before any output is written (the ranges may overlap).
        let mut last = [0u8; BLOCK];
        let tail = data.start + body..data.end;
        last.copy_from_slice(mem.get(tail).ok_or(CryptoError::GuestError)?);
        let out = super::move_within(mem, data.start..data.start + body, out.start, out.len())?;
        self.cbc_decrypt(out, body, last)
    }
}

/// The length of a CBC ciphertext before its last block; `None` if it is not whole blocks.
fn cbc_body(len: usize) -> Option<usize> {
    (len >= BLOCK && len.is_multiple_of(BLOCK)).then(|| len - BLOCK)
}

impl StateOps for CipherState {
    fn max_tag_len(&self) -> Result<usize> {
        Ok(if self.alg.is_cbc() { BLOCK } else { 0 })
    }
}
