//! Drop-in for the [`aes-gcm-siv`](https://docs.rs/aes-gcm-siv) crate: AES-GCM-SIV (RFC 8452),
//! nonce-misuse-resistant AEAD computed by the host, the key kept in the host.
//!
//! | type | host algorithm | key | nonce | tag |
//! |---|---|---|---|---|
//! | [`Aes128GcmSiv`] | `AES-128-GCM-SIV` | 16 bytes | 12 bytes | 16 bytes, appended |
//! | [`Aes256GcmSiv`] | `AES-256-GCM-SIV` | 32 bytes | 12 bytes | 16 bytes, appended |
//!
//! A repeated nonce reveals only whether two messages (with their associated data) are equal.

pub use aead::{self, Aead, AeadCore, AeadInOut, Key, KeyInit, Nonce, Tag};

use crate::rustcrypto::aead::aead_cipher;

aead_cipher!(
    /// AES-128-GCM-SIV (RFC 8452): 16-byte key, 12-byte nonce, 16-byte tag.
    Aes128GcmSiv, "AES-128-GCM-SIV", U16, U12
);
aead_cipher!(
    /// AES-256-GCM-SIV (RFC 8452): 32-byte key, 12-byte nonce, 16-byte tag.
    Aes256GcmSiv, "AES-256-GCM-SIV", U32, U12
);
