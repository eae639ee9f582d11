//! `aead` 0.6 implementations over host AEAD states.
//!
//! A cipher value holds one host `symmetric_key`. Every message opens its own state
//! (`options_open` + `options_set("nonce")`, `symmetric_state_open`, `symmetric_state_absorb` of
//! the associated data when there is any) and encrypts or decrypts in place in guest memory, so
//! no message is copied in the guest: `Aead::encrypt`/`decrypt` (through `encrypt_in_place` /
//! `decrypt_in_place`) is one `symmetric_state_encrypt`/`decrypt` over the buffer, the detached
//! forms one `*_detached` call (plus `symmetric_tag_pull` for the tag).

use crate::error::{Error, ErrorKind, Result, check};
use crate::{AlgorithmType, Options, SymmetricKey, SymmetricState, raw};

/// Opens the state of one message: `nonce` through the `"nonce"` option, `ad` absorbed.
pub(crate) fn open_message(
    algorithm: &str,
    key: &SymmetricKey,
    nonce: &[u8],
    ad: &[u8],
) -> Result<SymmetricState> {
    let mut options = Options::open(AlgorithmType::Symmetric)?;
    options.set("nonce", nonce)?;
    let mut state = SymmetricState::open(algorithm, Some(key), Some(&options))?;
    if !ad.is_empty() {
        state.absorb(ad)?;
    }
    Ok(state)
}

/// Encrypts `buf` in place and writes the tag to `tag` (`symmetric_state_encrypt_detached`, then
/// `symmetric_tag_pull`).
pub(crate) fn encrypt_detached(
    state: &mut SymmetricState,
    buf: &mut [u8],
    tag: &mut [u8],
) -> Result<()> {
    let ptr = buf.as_mut_ptr();
    let mut handle: raw::SymmetricTag = 0;
    // SAFETY: `ptr` comes from the unique borrow `buf`, valid for reads and writes of `buf.len()`
    // bytes; nothing else accesses `buf` while the host reads the plaintext from and writes the
    // ciphertext to it during the call (overlap is part of the proposal's contract);
    // `&mut handle` is a valid writable `u32`.
    check(
        unsafe {
            raw::symmetric::symmetric_state_encrypt_detached(
                state.raw_handle(),
                ptr,
                buf.len(),
                ptr.cast_const(),
                buf.len(),
                &mut handle,
            )
        },
        "symmetric_state_encrypt_detached",
        state.algorithm(),
    )?;
    let pulled = crate::SymmetricTag::from_raw(handle).pull(tag)?;
    if pulled != tag.len() {
        return Err(Error::new(
            ErrorKind::InvalidLength,
            "symmetric_tag_pull",
            state.algorithm(),
        ));
    }
    Ok(())
}

/// Decrypts `buf` in place, checking the detached `tag` (`symmetric_state_decrypt_detached`).
/// On failure the host zeroes `buf`.
pub(crate) fn decrypt_detached(
    state: &mut SymmetricState,
    buf: &mut [u8],
    tag: &[u8],
) -> Result<()> {
    let ptr = buf.as_mut_ptr();
    let mut written = 0usize;
    // SAFETY: as in `encrypt_detached`; `tag` is a live slice disjoint from `buf`, read during the
    // call only; `&mut written` is a valid `usize`.
    check(
        unsafe {
            raw::symmetric::symmetric_state_decrypt_detached(
                state.raw_handle(),
                ptr,
                buf.len(),
                ptr.cast_const(),
                buf.len(),
                tag.as_ptr(),
                tag.len(),
                &mut written,
            )
        },
        "symmetric_state_decrypt_detached",
        state.algorithm(),
    )
}

/// Defines an AEAD type `$name` over the host algorithm `$alg` with a `$key`-byte key and a
/// `$nonce`-byte nonce (16-byte tags appended after the ciphertext, as in RustCrypto).
macro_rules! aead_cipher {
    ($(#[$doc:meta])* $name:ident, $alg:literal, $key:ident, $nonce:ident) => {
        $(#[$doc])*
        ///
        /// Implements `aead::{KeyInit, AeadCore, AeadInOut}`, so `aead::Aead::{encrypt, decrypt}`
        /// (with [`aead::Payload`] for associated data) works as with the RustCrypto type of the
        /// same name and gives the same ciphertexts. The key stays in the host. Every failure of
        /// a message (wrong tag, wrong nonce, the host refusing the call) is `aead::Error`; on a
        /// failed decryption the buffer is zeroed.
        ///
        /// # Panics
        /// `KeyInit::new` panics if the host refuses a key of the right size: it does not offer
        #[doc = concat!("`", $alg, "`,")]
        /// or the embedder's limits refuse it. [`Self::try_new`] returns that as an
        /// [`Error`](crate::Error); [`Self::from_key`] takes a host key (generated or managed).
        pub struct $name {
            key: $crate::SymmetricKey,
        }

        impl $name {
            /// The host algorithm name.
            pub const ALGORITHM: &'static str = $alg;

            /// Imports a raw key (`symmetric_key_import`).
            ///
            /// # Errors
            /// [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey) for a key of the wrong length;
            /// [`ErrorKind::UnsupportedAlgorithm`](crate::ErrorKind::UnsupportedAlgorithm) if the host
            /// does not offer the algorithm.
            pub fn try_new(key: &[u8]) -> $crate::Result<Self> {
                Ok($name {
                    key: $crate::SymmetricKey::import($alg, key)?,
                })
            }

            /// Uses a host key of
            #[doc = concat!("`", $alg, "`")]
            /// (from [`SymmetricKey::generate`](crate::SymmetricKey::generate), an import, or a
            /// managed key). A key of another algorithm fails at the first message.
            pub fn from_key(key: $crate::SymmetricKey) -> Self {
                $name { key }
            }

            /// The host key.
            pub fn key(&self) -> &$crate::SymmetricKey {
                &self.key
            }
        }

        impl core::fmt::Debug for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.debug_struct(stringify!($name))
                    .field("key", &self.key)
                    .finish()
            }
        }

        impl aead::KeySizeUser for $name {
            type KeySize = aead::consts::$key;
        }

        impl aead::KeyInit for $name {
            fn new(key: &aead::Key<Self>) -> Self {
                Self::try_new(key)
                    .unwrap_or_else(|e| $crate::rustcrypto::host_failure($alg, "key import", e))
            }
        }

        impl aead::AeadCore for $name {
            type NonceSize = aead::consts::$nonce;
            type TagSize = aead::consts::U16;
            const TAG_POSITION: aead::TagPosition = aead::TagPosition::Postfix;
        }

        impl aead::AeadInOut for $name {
            fn encrypt_inout_detached(
                &self,
                nonce: &aead::Nonce<Self>,
                associated_data: &[u8],
                buffer: aead::inout::InOutBuf<'_, '_, u8>,
            ) -> aead::Result<aead::Tag<Self>> {
                let buf = buffer.into_out_with_copied_in();
                let mut tag = aead::Tag::<Self>::default();
                $crate::rustcrypto::aead::open_message($alg, &self.key, nonce, associated_data)
                    .and_then(|mut state| {
                        $crate::rustcrypto::aead::encrypt_detached(&mut state, buf, &mut tag)
                    })
                    .map_err(|_| aead::Error)?;
                Ok(tag)
            }

            fn decrypt_inout_detached(
                &self,
                nonce: &aead::Nonce<Self>,
                associated_data: &[u8],
                buffer: aead::inout::InOutBuf<'_, '_, u8>,
                tag: &aead::Tag<Self>,
            ) -> aead::Result<()> {
                let buf = buffer.into_out_with_copied_in();
                $crate::rustcrypto::aead::open_message($alg, &self.key, nonce, associated_data)
                    .and_then(|mut state| {
                        $crate::rustcrypto::aead::decrypt_detached(&mut state, buf, tag)
                    })
                    .map_err(|_| aead::Error)
            }

            /// Appends room for the tag (no reallocation when the buffer has 16 bytes of spare
            /// capacity, as `Aead::encrypt` reserves) and encrypts attached, in place: one
            /// `symmetric_state_encrypt`.
            fn encrypt_in_place(
                &self,
                nonce: &aead::Nonce<Self>,
                associated_data: &[u8],
                buffer: &mut dyn aead::Buffer,
            ) -> aead::Result<()> {
                let len = buffer.len();
                buffer.extend_from_slice(&[0u8; 16])?;
                let sealed = $crate::rustcrypto::aead::open_message(
                    $alg,
                    &self.key,
                    nonce,
                    associated_data,
                )
                .and_then(|mut state| state.encrypt_in_place(buffer.as_mut(), len));
                match sealed {
                    Ok(written) if written == len + 16 => Ok(()),
                    _ => {
                        buffer.truncate(len);
                        Err(aead::Error)
                    }
                }
            }

            /// Decrypts ciphertext ‖ tag attached, in place: one `symmetric_state_decrypt`. On
            /// failure the buffer is zeroed (by the host) and keeps its length.
            fn decrypt_in_place(
                &self,
                nonce: &aead::Nonce<Self>,
                associated_data: &[u8],
                buffer: &mut dyn aead::Buffer,
            ) -> aead::Result<()> {
                let len = buffer.len();
                let plain = len.checked_sub(16).ok_or(aead::Error)?;
                let opened = $crate::rustcrypto::aead::open_message(
                    $alg,
                    &self.key,
                    nonce,
                    associated_data,
                )
                .and_then(|mut state| state.decrypt_in_place(buffer.as_mut(), len));
                match opened {
                    Ok(written) if written == plain => {
                        buffer.truncate(plain);
                        Ok(())
                    }
                    _ => Err(aead::Error),
                }
            }
        }
    };
}

pub(crate) use aead_cipher;
