//! Drop-in for the [`aes-gcm`](https://docs.rs/aes-gcm) crate: AES-GCM (NIST SP 800-38D)
//! computed by the host, the key kept in the host.
//!
//! | type | host algorithm | key | nonce | tag |
//! |---|---|---|---|---|
//! | [`Aes128Gcm`] | `AES-128-GCM` | 16 bytes | 12 bytes | 16 bytes, appended |
//! | [`Aes256Gcm`] | `AES-256-GCM` | 32 bytes | 12 bytes | 16 bytes, appended |
//!
//! Never encrypt two messages under one key with the same nonce.
//!
//! ```
//! # if !cfg!(target_arch = "wasm32") { return; } // the hostcalls need a WASI-Crypto host
//! use aead::{Aead, KeyInit, Payload};
//! use wasicrypt::aes_gcm::Aes256Gcm;
//!
//! let cipher = Aes256Gcm::new(&[0x42; 32].into());
//! let nonce = [7u8; 12].into();
//! let sealed = cipher.encrypt(&nonce, Payload { msg: b"hello", aad: b"header" }).unwrap();
//! assert_eq!(sealed.len(), 5 + 16);
//! let opened = cipher.decrypt(&nonce, Payload { msg: &sealed, aad: b"header" }).unwrap();
//! assert_eq!(opened, b"hello");
//! ```

pub use aead::{self, Aead, AeadCore, AeadInOut, Key, KeyInit, Nonce, Tag};

use crate::rustcrypto::aead::aead_cipher;

aead_cipher!(
    /// AES-128-GCM (NIST SP 800-38D): 16-byte key, 12-byte nonce, 16-byte tag.
    Aes128Gcm, "AES-128-GCM", U16, U12
);
aead_cipher!(
    /// AES-256-GCM (NIST SP 800-38D): 32-byte key, 12-byte nonce, 16-byte tag.
    Aes256Gcm, "AES-256-GCM", U32, U12
);
