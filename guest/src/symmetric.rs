//! The `wasi_ephemeral_crypto_symmetric` module: keys, states and tags.
//!
//! One state type covers every symmetric algorithm; which operations work depends on the
//! algorithm family (an unsupported operation fails with [`ErrorKind::InvalidOperation`]):
//!
//! | family | algorithms | key | operations |
//! |---|---|---|---|
//! | hash (FIPS 180-4) | `SHA-256`, `SHA-384`, `SHA-512`, `SHA-512/256` | none | `absorb`, `squeeze` |
//! | MAC (RFC 2104) | `HMAC/SHA-256`, `HMAC/SHA-384`, `HMAC/SHA-512` | any length | `absorb`, `squeeze_tag` |
//! | HKDF extract (RFC 5869) | `HKDF-EXTRACT/SHA-256`, ... | IKM | `absorb` (salt), `squeeze_key` |
//! | HKDF expand (RFC 5869) | `HKDF-EXPAND/SHA-256`, ... | PRK | `absorb` (info), `squeeze` |
//! | AEAD | `AES-128-GCM`, `AES-256-GCM` (SP 800-38D), `CHACHA20-POLY1305` (RFC 8439), `XCHACHA20-POLY1305` (draft-irtf-cfrg-xchacha) | 16/32 bytes | `absorb` (AD), `encrypt*`, `decrypt*` |
//!
//! Algorithm names are the proposal's spelling and are matched case-insensitively by the host.

use alloc::vec;
use alloc::vec::Vec;
use core::fmt;
use core::mem::ManuallyDrop;

use crate::algorithms::{AlgorithmName, Name, SymmetricAlgorithm};
use crate::common::{ArrayOutput, Options};
use crate::error::{Error, ErrorKind, Result, check};
use crate::raw;

/// A host `symmetric_key`: a secret key for one symmetric algorithm.
///
/// The key material stays in the host; [`SymmetricKey::export`] copies it out. The handle is
/// closed on `Drop` (`symmetric_key_close`); states opened with the key keep working after that.
/// `Debug` shows the handle and the algorithm, never the key.
pub struct SymmetricKey {
    handle: raw::SymmetricKey,
    algorithm: Name,
}

impl SymmetricKey {
    /// Generates a random key for `algorithm` (`symmetric_key_generate`), e.g. `"AES-256-GCM"`
    /// (32 bytes) or `"HMAC/SHA-256"`.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlgorithm`] for an unknown name; [`ErrorKind::KeyNotSupported`] for an
    /// algorithm without keys (a hash); [`ErrorKind::InvalidHandle`] for closed options;
    /// [`ErrorKind::RngError`] if the host's RNG fails.
    pub fn generate(
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
        options: Option<&Options>,
    ) -> Result<Self> {
        let name = Name::of(&algorithm);
        let algorithm = name.as_str();
        let opt = Options::opt(options);
        let mut handle: raw::SymmetricKey = 0;
        // SAFETY: `algorithm` is a live string and `&opt` a valid `OptOptions`, both read during
        // the call only; `&mut handle` is a valid writable `u32`.
        check(
            unsafe {
                raw::symmetric::symmetric_key_generate(
                    algorithm.as_ptr(),
                    algorithm.len(),
                    &opt,
                    &mut handle,
                )
            },
            "symmetric_key_generate",
            algorithm,
        )?;
        Ok(Self::from_raw_name(handle, name))
    }

    /// Imports raw key bytes for `algorithm` (`symmetric_key_import`).
    ///
    /// Sizes: `AES-128-GCM` 16 bytes, `AES-256-GCM`, `CHACHA20-POLY1305`, `XCHACHA20-POLY1305`
    /// 32 bytes; HMAC and HKDF keys any length (HKDF-EXTRACT: the IKM, HKDF-EXPAND: the PRK).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlgorithm`] for an unknown name; [`ErrorKind::InvalidKey`] for a wrong size.
    pub fn import(
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
        raw_key: &[u8],
    ) -> Result<Self> {
        let name = Name::of(&algorithm);
        let algorithm = name.as_str();
        let mut handle: raw::SymmetricKey = 0;
        // SAFETY: `algorithm` and `raw_key` are live slices read during the call only;
        // `&mut handle` is a valid writable `u32`.
        check(
            unsafe {
                raw::symmetric::symmetric_key_import(
                    algorithm.as_ptr(),
                    algorithm.len(),
                    raw_key.as_ptr(),
                    raw_key.len(),
                    &mut handle,
                )
            },
            "symmetric_key_import",
            algorithm,
        )?;
        Ok(Self::from_raw_name(handle, name))
    }

    /// Exports the raw key bytes (`symmetric_key_export`, then the whole `array_output`).
    ///
    /// # Errors
    /// [`ErrorKind::ProhibitedOperation`] if the host refuses to export this key;
    /// [`ErrorKind::InvalidHandle`] for a closed key.
    pub fn export(&self) -> Result<Vec<u8>> {
        self.export_output()?.into_vec()
    }

    /// Exports the raw key bytes as a streaming [`ArrayOutput`] (`symmetric_key_export`).
    ///
    /// # Errors
    /// As [`SymmetricKey::export`].
    pub fn export_output(&self) -> Result<ArrayOutput> {
        let mut output: raw::ArrayOutput = 0;
        // SAFETY: `&mut output` is a valid writable `u32` for the call.
        check(
            unsafe { raw::symmetric::symmetric_key_export(self.handle, &mut output) },
            "symmetric_key_export",
            self.algorithm.as_str(),
        )?;
        Ok(ArrayOutput::from_raw(output))
    }

    /// The algorithm this key was created for: the canonical spelling
    /// ([`SymmetricAlgorithm::name`]) for every name this crate lists, the caller's otherwise.
    pub fn algorithm(&self) -> &str {
        self.algorithm.as_str()
    }

    /// The raw `symmetric_key` handle, for use with [`crate::raw`]. It stays owned by `self`.
    pub fn raw_handle(&self) -> raw::SymmetricKey {
        self.handle
    }

    /// Takes ownership of a raw `symmetric_key` handle created for `algorithm`; it is closed on
    /// `Drop`. Nothing else may close it.
    pub fn from_raw(
        handle: raw::SymmetricKey,
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
    ) -> Self {
        Self::from_raw_name(handle, Name::of(&algorithm))
    }

    pub(crate) fn from_raw_name(handle: raw::SymmetricKey, algorithm: Name) -> Self {
        SymmetricKey { handle, algorithm }
    }

    /// Gives up ownership of the handle without closing it.
    pub fn into_raw(self) -> raw::SymmetricKey {
        ManuallyDrop::new(self).handle
    }

    pub(crate) fn opt(key: Option<&SymmetricKey>) -> raw::OptSymmetricKey {
        match key {
            Some(key) => raw::OptSymmetricKey {
                tag: raw::OPT_SOME,
                handle: key.handle,
            },
            None => raw::OptSymmetricKey {
                tag: raw::OPT_NONE,
                handle: 0,
            },
        }
    }
}

impl Drop for SymmetricKey {
    fn drop(&mut self) {
        // SAFETY: plain value argument; a close error is ignored.
        let _ = unsafe { raw::symmetric::symmetric_key_close(self.handle) };
    }
}

impl fmt::Debug for SymmetricKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SymmetricKey")
            .field("handle", &self.handle)
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

/// A host `symmetric_state`: one running instance of a symmetric algorithm (see the
/// [module table](self) for what each family supports).
///
/// The handle is closed on `Drop` (`symmetric_state_close`).
pub struct SymmetricState {
    handle: raw::SymmetricState,
    algorithm: Name,
}

impl SymmetricState {
    /// Opens a state for `algorithm` with an optional key and options
    /// (`symmetric_state_open`). AEADs take their nonce through the `"nonce"` option (12 bytes
    /// for GCM and ChaCha20-Poly1305, 24 for XChaCha20-Poly1305).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlgorithm`]; [`ErrorKind::KeyRequired`] (keyed algorithm without key);
    /// [`ErrorKind::KeyNotSupported`] (key given to a hash); [`ErrorKind::InvalidKey`] (key of another
    /// algorithm); [`ErrorKind::NonceRequired`] / [`ErrorKind::InvalidNonce`] (AEAD nonce missing or of
    /// the wrong size; a host may report these at the first encryption instead);
    /// [`ErrorKind::InvalidHandle`] (closed key or options).
    pub fn open(
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
        key: Option<&SymmetricKey>,
        options: Option<&Options>,
    ) -> Result<Self> {
        let name = Name::of(&algorithm);
        let algorithm = name.as_str();
        let opt_key = SymmetricKey::opt(key);
        let opt_options = Options::opt(options);
        let mut handle: raw::SymmetricState = 0;
        // SAFETY: `algorithm`, `&opt_key` and `&opt_options` are live values read during the call
        // only; `&mut handle` is a valid writable `u32`.
        check(
            unsafe {
                raw::symmetric::symmetric_state_open(
                    algorithm.as_ptr(),
                    algorithm.len(),
                    &opt_key,
                    &opt_options,
                    &mut handle,
                )
            },
            "symmetric_state_open",
            algorithm,
        )?;
        Ok(SymmetricState {
            handle,
            algorithm: name,
        })
    }

    /// Absorbs `data` (`symmetric_state_absorb`): the message for hashes and MACs, the salt for
    /// HKDF-EXTRACT, the info for HKDF-EXPAND, the associated data for AEADs.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidOperation`] if the algorithm absorbs nothing at this point.
    pub fn absorb(&mut self, data: &[u8]) -> Result<()> {
        // SAFETY: `data` is a live slice read during the call only.
        check(
            unsafe {
                raw::symmetric::symmetric_state_absorb(self.handle, data.as_ptr(), data.len())
            },
            "symmetric_state_absorb",
            self.algorithm.as_str(),
        )
    }

    /// Fills `out` with output (`symmetric_state_squeeze`): a digest (truncated to `out.len()`,
    /// which must not exceed the digest size; finalization works on a copy, so the state can keep
    /// absorbing) or HKDF-EXPAND output keying material (`out.len()` ≤ 255 × hash length).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidLength`] for a too long output; [`ErrorKind::InvalidOperation`] for MACs and
    /// AEADs.
    pub fn squeeze(&mut self, out: &mut [u8]) -> Result<()> {
        // SAFETY: `out` is a live writable slice; the host writes at most `out.len()` bytes during
        // the call only.
        check(
            unsafe {
                raw::symmetric::symmetric_state_squeeze(self.handle, out.as_mut_ptr(), out.len())
            },
            "symmetric_state_squeeze",
            self.algorithm.as_str(),
        )
    }

    /// Computes an authentication tag (`symmetric_state_squeeze_tag`), e.g. the HMAC of what was
    /// absorbed (32/48/64 bytes for SHA-256/384/512).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidOperation`] for hashes and AEADs.
    pub fn squeeze_tag(&mut self) -> Result<SymmetricTag> {
        let mut tag: raw::SymmetricTag = 0;
        // SAFETY: `&mut tag` is a valid writable `u32` for the call.
        check(
            unsafe { raw::symmetric::symmetric_state_squeeze_tag(self.handle, &mut tag) },
            "symmetric_state_squeeze_tag",
            self.algorithm.as_str(),
        )?;
        Ok(SymmetricTag::from_raw(tag))
    }

    /// Derives a key for `algorithm` (`symmetric_state_squeeze_key`): for HKDF-EXTRACT, the PRK
    /// as an `"HKDF-EXPAND/<hash>"` key.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidOperation`] for algorithms that derive no keys;
    /// [`ErrorKind::UnsupportedAlgorithm`] for an unknown target name.
    pub fn squeeze_key(
        &mut self,
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
    ) -> Result<SymmetricKey> {
        let name = Name::of(&algorithm);
        let algorithm = name.as_str();
        let mut key: raw::SymmetricKey = 0;
        // SAFETY: `algorithm` is a live string read during the call only; `&mut key` is a valid
        // writable `u32`.
        check(
            unsafe {
                raw::symmetric::symmetric_state_squeeze_key(
                    self.handle,
                    algorithm.as_ptr(),
                    algorithm.len(),
                    &mut key,
                )
            },
            "symmetric_state_squeeze_key",
            self.algorithm.as_str(),
        )?;
        Ok(SymmetricKey::from_raw_name(key, name))
    }

    /// The maximum tag length the algorithm appends (`symmetric_state_max_tag_len`): 16 bytes for
    /// every AEAD of this crate.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidOperation`] for algorithms without tags.
    pub fn max_tag_len(&self) -> Result<usize> {
        let mut len = 0usize;
        // SAFETY: `&mut len` is a valid writable `usize` for the call.
        check(
            unsafe { raw::symmetric::symmetric_state_max_tag_len(self.handle, &mut len) },
            "symmetric_state_max_tag_len",
            self.algorithm.as_str(),
        )?;
        Ok(len)
    }

    /// Encrypts `data` into `out` as ciphertext ‖ tag and returns the bytes written
    /// (`data.len() + max_tag_len`) (`symmetric_state_encrypt`). The nonce is consumed: a second
    /// encryption with the same state fails with [`ErrorKind::NonceRequired`].
    ///
    /// # Errors
    /// [`ErrorKind::Overflow`] if `out` is shorter than `data.len() + max_tag_len`;
    /// [`ErrorKind::NonceRequired`]; [`ErrorKind::InvalidOperation`] for non-AEADs.
    pub fn encrypt(&mut self, out: &mut [u8], data: &[u8]) -> Result<usize> {
        let mut written = 0usize;
        // SAFETY: `out` (writable) and `data` are live slices that cannot overlap (`&mut` and `&`);
        // the host accesses them during the call only; `&mut written` is a valid `usize`.
        check(
            unsafe {
                raw::symmetric::symmetric_state_encrypt(
                    self.handle,
                    out.as_mut_ptr(),
                    out.len(),
                    data.as_ptr(),
                    data.len(),
                    &mut written,
                )
            },
            "symmetric_state_encrypt",
            self.algorithm.as_str(),
        )?;
        Ok(written)
    }

    /// Encrypts `buf[..data_len]` in place: the host reads the plaintext from and writes
    /// ciphertext ‖ tag to the same buffer (overlapping input and output). `buf` must have room
    /// for `data_len + max_tag_len` bytes. Returns the bytes written.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidLength`] if `data_len > buf.len()`; otherwise as
    /// [`SymmetricState::encrypt`].
    pub fn encrypt_in_place(&mut self, buf: &mut [u8], data_len: usize) -> Result<usize> {
        if data_len > buf.len() {
            return Err(Error::new(
                ErrorKind::InvalidLength,
                "SymmetricState::encrypt_in_place",
                self.algorithm(),
            ));
        }
        let ptr = buf.as_mut_ptr();
        let mut written = 0usize;
        // SAFETY: `ptr` comes from the unique borrow `buf`, valid for reads and writes of
        // `buf.len()` bytes (and `data_len <= buf.len()`); no Rust reference into `buf` is used
        // while the host reads `data_len` bytes and writes up to `buf.len()` bytes through it
        // during the call. Overlap is part of the contract: the host copies the input first.
        check(
            unsafe {
                raw::symmetric::symmetric_state_encrypt(
                    self.handle,
                    ptr,
                    buf.len(),
                    ptr.cast_const(),
                    data_len,
                    &mut written,
                )
            },
            "symmetric_state_encrypt",
            self.algorithm.as_str(),
        )?;
        Ok(written)
    }

    /// Encrypts `data` into `out` (same length as `data`) and returns the tag separately
    /// (`symmetric_state_encrypt_detached`).
    ///
    /// # Errors
    /// [`ErrorKind::Overflow`] if `out` is shorter than `data`; otherwise as
    /// [`SymmetricState::encrypt`].
    pub fn encrypt_detached(&mut self, out: &mut [u8], data: &[u8]) -> Result<SymmetricTag> {
        let mut tag: raw::SymmetricTag = 0;
        // SAFETY: `out` (writable) and `data` are live, non-overlapping slices accessed during the
        // call only; `&mut tag` is a valid writable `u32`.
        check(
            unsafe {
                raw::symmetric::symmetric_state_encrypt_detached(
                    self.handle,
                    out.as_mut_ptr(),
                    out.len(),
                    data.as_ptr(),
                    data.len(),
                    &mut tag,
                )
            },
            "symmetric_state_encrypt_detached",
            self.algorithm.as_str(),
        )?;
        Ok(SymmetricTag::from_raw(tag))
    }

    /// Decrypts ciphertext ‖ tag from `data` into `out` and returns the plaintext length
    /// (`data.len() - max_tag_len`) (`symmetric_state_decrypt`).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidTag`] if authentication fails (the host zeroes `out`);
    /// [`ErrorKind::Overflow`] if `out` is too short; [`ErrorKind::InvalidOperation`] for non-AEADs.
    pub fn decrypt(&mut self, out: &mut [u8], data: &[u8]) -> Result<usize> {
        let mut written = 0usize;
        // SAFETY: `out` (writable) and `data` are live, non-overlapping slices accessed during the
        // call only; `&mut written` is a valid `usize`.
        check(
            unsafe {
                raw::symmetric::symmetric_state_decrypt(
                    self.handle,
                    out.as_mut_ptr(),
                    out.len(),
                    data.as_ptr(),
                    data.len(),
                    &mut written,
                )
            },
            "symmetric_state_decrypt",
            self.algorithm.as_str(),
        )?;
        Ok(written)
    }

    /// Decrypts ciphertext ‖ tag held in `buf[..data_len]` in place (overlapping input and
    /// output); the plaintext is written at the start of `buf`. Returns the plaintext length.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidLength`] if `data_len > buf.len()`; otherwise as
    /// [`SymmetricState::decrypt`] (on [`ErrorKind::InvalidTag`] the output is zeroed).
    pub fn decrypt_in_place(&mut self, buf: &mut [u8], data_len: usize) -> Result<usize> {
        if data_len > buf.len() {
            return Err(Error::new(
                ErrorKind::InvalidLength,
                "SymmetricState::decrypt_in_place",
                self.algorithm(),
            ));
        }
        let ptr = buf.as_mut_ptr();
        let mut written = 0usize;
        // SAFETY: as in `encrypt_in_place`: `ptr` is derived from the unique borrow `buf`, valid
        // for `buf.len()` bytes of reads and writes, and only the host accesses the buffer
        // during the call.
        check(
            unsafe {
                raw::symmetric::symmetric_state_decrypt(
                    self.handle,
                    ptr,
                    buf.len(),
                    ptr.cast_const(),
                    data_len,
                    &mut written,
                )
            },
            "symmetric_state_decrypt",
            self.algorithm.as_str(),
        )?;
        Ok(written)
    }

    /// Decrypts `data` (ciphertext only) into `out` checking the separate `raw_tag`
    /// (`symmetric_state_decrypt_detached`); returns the plaintext length (`data.len()`).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidTag`] if authentication fails or `raw_tag` has the wrong length (the host
    /// zeroes `out`); [`ErrorKind::Overflow`] if `out` is shorter than `data`.
    pub fn decrypt_detached(
        &mut self,
        out: &mut [u8],
        data: &[u8],
        raw_tag: &[u8],
    ) -> Result<usize> {
        let mut written = 0usize;
        // SAFETY: `out` (writable), `data` and `raw_tag` are live slices, `out` disjoint from the
        // others; all are accessed during the call only; `&mut written` is a valid `usize`.
        check(
            unsafe {
                raw::symmetric::symmetric_state_decrypt_detached(
                    self.handle,
                    out.as_mut_ptr(),
                    out.len(),
                    data.as_ptr(),
                    data.len(),
                    raw_tag.as_ptr(),
                    raw_tag.len(),
                    &mut written,
                )
            },
            "symmetric_state_decrypt_detached",
            self.algorithm.as_str(),
        )?;
        Ok(written)
    }

    /// Ratchets the state (`symmetric_state_ratchet`) for algorithms that support it.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidOperation`] for every algorithm of this crate's table (none ratchets).
    pub fn ratchet(&mut self) -> Result<()> {
        // SAFETY: plain value argument.
        check(
            unsafe { raw::symmetric::symmetric_state_ratchet(self.handle) },
            "symmetric_state_ratchet",
            self.algorithm.as_str(),
        )
    }

    /// Copies the byte-string option `name` the state was opened with (e.g. `"nonce"`) into
    /// `out` and returns its length (`symmetric_state_options_get`).
    ///
    /// # Errors
    /// [`ErrorKind::OptionNotSet`]; [`ErrorKind::UnsupportedOption`] for an unknown name;
    /// [`ErrorKind::Overflow`] if `out` is too short.
    pub fn options_get(&self, name: &str, out: &mut [u8]) -> Result<usize> {
        let mut len = 0usize;
        // SAFETY: `name` is read and `out` written (at most `out.len()` bytes) during the call
        // only; `&mut len` is a valid `usize`.
        check(
            unsafe {
                raw::symmetric::symmetric_state_options_get(
                    self.handle,
                    name.as_ptr(),
                    name.len(),
                    out.as_mut_ptr(),
                    out.len(),
                    &mut len,
                )
            },
            "symmetric_state_options_get",
            self.algorithm.as_str(),
        )?;
        Ok(len)
    }

    /// Reads the integer option `name` the state was opened with
    /// (`symmetric_state_options_get_u64`).
    ///
    /// # Errors
    /// [`ErrorKind::OptionNotSet`]; [`ErrorKind::UnsupportedOption`] for an unknown name.
    pub fn options_get_u64(&self, name: &str) -> Result<u64> {
        let mut value = 0u64;
        // SAFETY: `name` is read during the call only; `&mut value` is a valid `u64`.
        check(
            unsafe {
                raw::symmetric::symmetric_state_options_get_u64(
                    self.handle,
                    name.as_ptr(),
                    name.len(),
                    &mut value,
                )
            },
            "symmetric_state_options_get_u64",
            self.algorithm.as_str(),
        )?;
        Ok(value)
    }

    /// Duplicates the state (`symmetric_state_clone`): the copy evolves independently.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidOperation`] if the host cannot clone this state;
    /// [`ErrorKind::TooManyHandles`].
    pub fn try_clone(&self) -> Result<SymmetricState> {
        let mut handle: raw::SymmetricState = 0;
        // SAFETY: `&mut handle` is a valid writable `u32` for the call.
        check(
            unsafe { raw::symmetric::symmetric_state_clone(self.handle, &mut handle) },
            "symmetric_state_clone",
            self.algorithm.as_str(),
        )?;
        Ok(SymmetricState {
            handle,
            algorithm: self.algorithm.clone(),
        })
    }

    /// The algorithm the state was opened with: the canonical spelling
    /// ([`SymmetricAlgorithm::name`]) for every name this crate lists, the caller's otherwise.
    pub fn algorithm(&self) -> &str {
        self.algorithm.as_str()
    }

    /// The raw `symmetric_state` handle, for use with [`crate::raw`]. It stays owned by `self`.
    pub fn raw_handle(&self) -> raw::SymmetricState {
        self.handle
    }
}

impl Drop for SymmetricState {
    fn drop(&mut self) {
        // SAFETY: plain value argument; a close error is ignored.
        let _ = unsafe { raw::symmetric::symmetric_state_close(self.handle) };
    }
}

impl fmt::Debug for SymmetricState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SymmetricState")
            .field("handle", &self.handle)
            .field("algorithm", &self.algorithm)
            .finish_non_exhaustive()
    }
}

/// A host `symmetric_tag`: an authentication tag (a MAC, or a detached AEAD tag).
///
/// Compare it with [`SymmetricTag::verify`] (constant-time, in the host) rather than pulling it
/// and comparing in the guest. Pulling consumes the tag (the host closes it). The handle is
/// closed on `Drop` (`symmetric_tag_close`).
pub struct SymmetricTag {
    handle: raw::SymmetricTag,
}

impl SymmetricTag {
    /// Takes ownership of a raw `symmetric_tag` handle; it is closed on `Drop`.
    pub fn from_raw(handle: raw::SymmetricTag) -> Self {
        SymmetricTag { handle }
    }

    /// Gives up ownership of the handle without closing it.
    pub fn into_raw(self) -> raw::SymmetricTag {
        ManuallyDrop::new(self).handle
    }

    /// The raw handle. It stays owned by `self`.
    pub fn raw_handle(&self) -> raw::SymmetricTag {
        self.handle
    }

    /// The tag length in bytes (`symmetric_tag_len`): 16 for AEADs, the hash size for HMAC.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidHandle`] for a closed tag.
    pub fn len(&self) -> Result<usize> {
        let mut len = 0usize;
        // SAFETY: `&mut len` is a valid writable `usize` for the call.
        check(
            unsafe { raw::symmetric::symmetric_tag_len(self.handle, &mut len) },
            "symmetric_tag_len",
            "",
        )?;
        Ok(len)
    }

    /// Whether the tag is empty (length 0).
    ///
    /// # Errors
    /// As [`SymmetricTag::len`].
    pub fn is_empty(&self) -> Result<bool> {
        self.len().map(|len| len == 0)
    }

    /// Copies the tag into `buf` and returns its length (`symmetric_tag_pull`). The host closes
    /// the tag, so this consumes `self`; on error the tag is closed by `Drop`.
    ///
    /// # Errors
    /// [`ErrorKind::Overflow`] if `buf` is shorter than the tag.
    pub fn pull(self, buf: &mut [u8]) -> Result<usize> {
        let mut copied = 0usize;
        // SAFETY: `buf` is a live writable slice the host writes at most `buf.len()` bytes of
        // during the call; `&mut copied` is a valid `usize`.
        check(
            unsafe {
                raw::symmetric::symmetric_tag_pull(
                    self.handle,
                    buf.as_mut_ptr(),
                    buf.len(),
                    &mut copied,
                )
            },
            "symmetric_tag_pull",
            "",
        )?;
        // The host closed the handle: do not close it again.
        let _ = self.into_raw();
        Ok(copied)
    }

    /// Pulls the whole tag into a `Vec` (`symmetric_tag_len`, then `symmetric_tag_pull`).
    ///
    /// # Errors
    /// As [`SymmetricTag::len`] and [`SymmetricTag::pull`].
    pub fn into_vec(self) -> Result<Vec<u8>> {
        let mut out = vec![0u8; self.len()?];
        let copied = self.pull(&mut out)?;
        out.truncate(copied);
        Ok(out)
    }

    /// Checks in constant time (in the host) that the tag equals `expected`
    /// (`symmetric_tag_verify`). The tag stays open.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidTag`] on a mismatch, including a length mismatch.
    pub fn verify(&self, expected: &[u8]) -> Result<()> {
        // SAFETY: `expected` is a live slice read during the call only.
        check(
            unsafe {
                raw::symmetric::symmetric_tag_verify(self.handle, expected.as_ptr(), expected.len())
            },
            "symmetric_tag_verify",
            "",
        )
    }
}

impl Drop for SymmetricTag {
    fn drop(&mut self) {
        // SAFETY: plain value argument; a close error is ignored.
        let _ = unsafe { raw::symmetric::symmetric_tag_close(self.handle) };
    }
}

impl fmt::Debug for SymmetricTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SymmetricTag")
            .field("handle", &self.handle)
            .finish_non_exhaustive()
    }
}
