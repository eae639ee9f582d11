//! `AEGIS-128L` (16-byte key and nonce) and `AEGIS-256` (32-byte key and nonce), RFC 9xxx /
//! draft-irtf-cfrg-aegis-aead, with 16-byte tags, from the `aegis` crate (pure-Rust backend).
//!
//! The crate's RustCrypto-trait types keep the raw key without wiping it, so this host keeps the
//! key itself (wiped on drop) and runs the crate's one-shot API behind the same `aead` 0.6
//! traits as the other AEADs. That API's cipher state lives on the stack for one call and is not
//! wiped by the crate (its streaming `Encryptor` / `Decryptor` are).

use chacha20poly1305::aead::array::Array;
use chacha20poly1305::aead::consts::{U16, U32};
use chacha20poly1305::aead::inout::InOutBuf;
use chacha20poly1305::aead::{self, AeadCore, AeadInOut, Nonce, Tag, TagPosition};
use zeroize::Zeroizing;

use crate::error::{CryptoError, Result};

/// Declares a wiped-on-drop AEGIS key type of `$len` bytes over the crate's module `$module`.
macro_rules! aegis_key {
    ($name:ident, $module:ident, $len:literal, $size:ty, $doc:literal) => {
        #[doc = $doc]
        pub(crate) struct $name(Zeroizing<[u8; $len]>);

        impl $name {
            /// The key `key` (`invalid_key` unless it is exactly the key size).
            pub(crate) fn new(key: &[u8]) -> Result<Self> {
                let key: [u8; $len] = key.try_into().map_err(|_| CryptoError::InvalidKey)?;
                Ok($name(Zeroizing::new(key)))
            }
        }

        impl AeadCore for $name {
            type NonceSize = $size;
            type TagSize = U16;
            const TAG_POSITION: TagPosition = TagPosition::Postfix;
        }

        impl AeadInOut for $name {
            fn encrypt_inout_detached(
                &self,
                nonce: &Nonce<Self>,
                associated_data: &[u8],
                buffer: InOutBuf<'_, '_, u8>,
            ) -> aead::Result<Tag<Self>> {
                let nonce: &[u8; $len] = nonce.as_ref();
                let state = aegis::$module::$name::<16>::new(&self.0, nonce);
                let tag = state.encrypt_in_place(buffer.into_out_with_copied_in(), associated_data);
                Ok(Array::from(tag))
            }

            fn decrypt_inout_detached(
                &self,
                nonce: &Nonce<Self>,
                associated_data: &[u8],
                buffer: InOutBuf<'_, '_, u8>,
                tag: &Tag<Self>,
            ) -> aead::Result<()> {
                let nonce: &[u8; $len] = nonce.as_ref();
                let tag: &[u8; 16] = tag.as_ref();
                let state = aegis::$module::$name::<16>::new(&self.0, nonce);
                state
                    .decrypt_in_place(buffer.into_out_with_copied_in(), tag, associated_data)
                    .map_err(|_| aead::Error)
            }
        }
    };
}

aegis_key!(
    Aegis128L,
    aegis128l,
    16,
    U16,
    "An AEGIS-128L key (16 bytes; nonce 16 bytes)."
);
aegis_key!(
    Aegis256,
    aegis256,
    32,
    U32,
    "An AEGIS-256 key (32 bytes; nonce 32 bytes)."
);
