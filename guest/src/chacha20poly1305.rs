//! Drop-in for the [`chacha20poly1305`](https://docs.rs/chacha20poly1305) crate:
//! ChaCha20-Poly1305 (RFC 8439) and XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha) computed by
//! the host, the key kept in the host.
//!
//! | type | host algorithm | key | nonce | tag |
//! |---|---|---|---|---|
//! | [`ChaCha20Poly1305`] | `CHACHA20-POLY1305` | 32 bytes | 12 bytes | 16 bytes, appended |
//! | [`XChaCha20Poly1305`] | `XCHACHA20-POLY1305` | 32 bytes | 24 bytes | 16 bytes, appended |
//!
//! XChaCha20-Poly1305's 24-byte nonce is long enough to be chosen at random for every message.

pub use aead::{self, Aead, AeadCore, AeadInOut, Key, KeyInit, Nonce, Tag};

use crate::rustcrypto::aead::aead_cipher;

aead_cipher!(
    /// ChaCha20-Poly1305 (RFC 8439 §2.8): 32-byte key, 12-byte nonce, 16-byte tag.
    ChaCha20Poly1305, "CHACHA20-POLY1305", U32, U12
);
aead_cipher!(
    /// XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha-03): 32-byte key, 24-byte nonce, 16-byte tag.
    XChaCha20Poly1305, "XCHACHA20-POLY1305", U32, U24
);
