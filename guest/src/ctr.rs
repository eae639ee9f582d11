//! Drop-in for the [`ctr`](https://docs.rs/ctr) crate's AES instances: AES in CTR mode with a
//! 128-bit big-endian counter (NIST SP 800-38A §6.5, `ctr::Ctr128BE<aes::Aes128>` /
//! `<aes::Aes256>`), computed by the host, the key kept in the host.
//!
//! | type | host algorithm | key | IV (initial counter block) |
//! |---|---|---|---|
//! | [`Aes128Ctr`] | `AES-128-CTR` | 16 bytes | 16 bytes |
//! | [`Aes256Ctr`] | `AES-256-CTR` | 32 bytes | 16 bytes |
//!
//! Code that declares `type Aes128Ctr = ctr::Ctr128BE<aes::Aes128>;` switches by replacing
//! that line with `use wasicrypt::ctr::Aes128Ctr;`: the types implement `cipher`'s
//! [`KeyIvInit`], [`StreamCipher`] and [`StreamCipherSeek`], so `apply_keystream`,
//! `try_apply_keystream`, `seek` and `current_pos` work as upstream. CTR does not authenticate:
//! prefer an AEAD unless a format requires it, and never reuse a key with the same IV.
//!
//! Each `apply_keystream` call is one host encryption at the current position (a state opened
//! at the counter block the position falls in); positions count bytes and end at `2^64 - 1`,
//! past which `try_apply_keystream` and `try_seek` fail. `KeyIvInit::new` and `apply_keystream`
//! are infallible: when the host refuses them (no WASI-Crypto host, a host without AES-CTR)
//! they panic, naming the algorithm, the operation and the `crypto_errno`; with valid inputs on
//! a host that offers the algorithm this does not happen. [`Aes128Ctr::try_new`] gives the
//! error instead.
//!
//! ```
//! # if !cfg!(target_arch = "wasm32") { return; } // the hostcalls need a WASI-Crypto host
//! use cipher::{KeyIvInit, StreamCipher, StreamCipherSeek};
//! use wasicrypt::ctr::Aes128Ctr;
//!
//! let mut buf = *b"hello world";
//! let mut cipher = Aes128Ctr::new(&[0x42; 16].into(), &[0x24; 16].into());
//! cipher.apply_keystream(&mut buf);
//! cipher.seek(0u64);
//! cipher.apply_keystream(&mut buf);
//! assert_eq!(&buf, b"hello world");
//! ```

use alloc::sync::Arc;
use alloc::vec;
use core::fmt;

use cipher::consts::{U16, U32};
use cipher::inout::InOutBuf;
pub use cipher::{self, Iv, Key, KeyIvInit, StreamCipher, StreamCipherSeek};
use cipher::{IvSizeUser, KeySizeUser, OverflowError, SeekNum, StreamCipherError};

use crate::algorithms::SymmetricAlgorithm;
use crate::cipher::Cipher;
use crate::error::Result;
use crate::rustcrypto::host_failure;
use crate::symmetric::SymmetricKey;

/// Bytes of an AES block and of the counter block.
const BLOCK: u64 = 16;

macro_rules! aes_ctr {
    ($(#[$doc:meta])* $name:ident, $alg:ident, $key_size:ty) => {
        $(#[$doc])*
        pub struct $name {
            key: Arc<SymmetricKey>,
            iv: [u8; 16],
            /// Bytes of keystream used so far.
            pos: u64,
        }

        impl $name {
            /// [`KeyIvInit::new`] that returns the host's error instead of panicking.
            ///
            /// # Errors
            /// [`crate::ErrorKind::UnsupportedAlgorithm`] on a host without the algorithm;
            /// [`crate::ErrorKind::NotImplemented`] outside a WASI-Crypto host.
            pub fn try_new(key: &[u8; <$key_size as cipher::typenum::Unsigned>::USIZE], iv: &[u8; 16]) -> Result<Self> {
                Ok($name {
                    key: Arc::new(SymmetricKey::import(SymmetricAlgorithm::$alg, key)?),
                    iv: *iv,
                    pos: 0,
                })
            }

            /// XORs the keystream at the current position into `data` and advances.
            fn xor(&mut self, data: &mut [u8]) -> Result<()> {
                if data.is_empty() {
                    return Ok(());
                }
                let block = self.pos / BLOCK;
                let skip = (self.pos % BLOCK) as usize;
                let counter = u128::from_be_bytes(self.iv).wrapping_add(u128::from(block));
                let mut input = vec![0u8; skip + data.len()];
                input[skip..].copy_from_slice(data);
                let out = Cipher::new(SymmetricAlgorithm::$alg, &self.key, &counter.to_be_bytes())?
                    .encrypt(&input)?;
                data.copy_from_slice(&out[skip..]);
                self.pos += data.len() as u64;
                Ok(())
            }

            fn apply(&mut self, data: &mut [u8]) {
                if let Err(e) = self.xor(data) {
                    host_failure(SymmetricAlgorithm::$alg.name(), "apply_keystream", e);
                }
            }
        }

        impl KeySizeUser for $name {
            type KeySize = $key_size;
        }

        impl IvSizeUser for $name {
            type IvSize = U16;
        }

        impl KeyIvInit for $name {
            /// Imports the key into the host; panics if the host refuses (see the module
            /// documentation; [`Self::try_new`] does not).
            fn new(key: &Key<Self>, iv: &Iv<Self>) -> Self {
                let key: &[u8; <$key_size as cipher::typenum::Unsigned>::USIZE] =
                    key.as_slice().try_into().expect("the key size is the type's");
                let iv: &[u8; 16] = iv.as_slice().try_into().expect("the IV is 16 bytes");
                Self::try_new(key, iv).unwrap_or_else(|e| {
                    host_failure(SymmetricAlgorithm::$alg.name(), "symmetric_key_import", e)
                })
            }
        }

        impl StreamCipher for $name {
            fn check_remaining(&self, data_len: usize) -> core::result::Result<(), StreamCipherError> {
                u64::try_from(data_len)
                    .ok()
                    .and_then(|n| self.pos.checked_add(n))
                    .map(drop)
                    .ok_or(StreamCipherError)
            }

            fn unchecked_apply_keystream_inout(&mut self, mut buf: InOutBuf<'_, '_, u8>) {
                let mut data = buf.get_in().to_vec();
                self.apply(&mut data);
                buf.get_out().copy_from_slice(&data);
            }

            fn unchecked_write_keystream(&mut self, buf: &mut [u8]) {
                buf.fill(0);
                self.apply(buf);
            }
        }

        impl StreamCipherSeek for $name {
            fn try_current_pos<T: SeekNum>(&self) -> core::result::Result<T, OverflowError> {
                // `cipher`'s convention: (blocks begun, bytes used of the last one, 1..=16).
                let (block, byte) = match self.pos % BLOCK {
                    0 => (self.pos / BLOCK, BLOCK),
                    used => (self.pos / BLOCK + 1, used),
                };
                T::from_block_byte(block, byte as u8, BLOCK as u8)
            }

            fn try_seek<T: SeekNum>(&mut self, pos: T) -> core::result::Result<(), StreamCipherError> {
                let (block, byte): (u64, u8) =
                    pos.into_block_byte(BLOCK as u8).map_err(|_| StreamCipherError)?;
                self.pos = block
                    .checked_mul(BLOCK)
                    .and_then(|p| p.checked_add(u64::from(byte)))
                    .ok_or(StreamCipherError)?;
                Ok(())
            }
        }

        impl Clone for $name {
            /// The same host key (shared), at the same position.
            fn clone(&self) -> Self {
                $name {
                    key: Arc::clone(&self.key),
                    iv: self.iv,
                    pos: self.pos,
                }
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.debug_struct(stringify!($name)).field("pos", &self.pos).finish_non_exhaustive()
            }
        }
    };
}

aes_ctr!(
    /// AES-128-CTR with a 128-bit big-endian counter (`ctr::Ctr128BE<aes::Aes128>`): 16-byte
    /// key, 16-byte IV.
    Aes128Ctr, Aes128Ctr, U16
);
aes_ctr!(
    /// AES-256-CTR with a 128-bit big-endian counter (`ctr::Ctr128BE<aes::Aes256>`): 32-byte
    /// key, 16-byte IV.
    Aes256Ctr, Aes256Ctr, U32
);
