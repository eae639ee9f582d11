//! Message authentication codes: HMAC (RFC 2104, FIPS 198-1) over SHA-2 and SHA-3
//! (`HMAC/SHA-256`, `HMAC/SHA-384`, `HMAC/SHA-512`, `HMAC/SHA3-256`, `HMAC/SHA3-512`), KMAC
//! (SP 800-185 §4: `KMAC-128` with a 32-byte tag, `KMAC-256` with a 64-byte tag, customization
//! S = option `context`) and AES-CMAC (RFC 4493, SP 800-38B: `AES-128-CMAC`, `AES-256-CMAC`,
//! 16-byte tag).
//!
//! `absorb` feeds the message; `squeeze_tag` finalizes a copy of the state and returns the full
//! tag, so absorbing may go on. `max_tag_len` is `invalid_operation`, as in the reference host
//! (the pattern's "padding" tag length only exists for ciphers).

use hmac::KeyInit;

use super::{HashFunction, StateOps};
use crate::error::{CryptoError, Result};

/// A MAC algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MacAlgorithm {
    /// HMAC over a SHA-2 or SHA-3 hash; the tag is HashLen bytes.
    Hmac(HashFunction),
    /// KMAC128 with L = 256 bits.
    Kmac128,
    /// KMAC256 with L = 512 bits.
    Kmac256,
    /// AES-128-CMAC: 16-byte key.
    Aes128Cmac,
    /// AES-256-CMAC: 32-byte key.
    Aes256Cmac,
}

impl MacAlgorithm {
    /// Tag length in bytes.
    pub fn tag_len(self) -> usize {
        match self {
            MacAlgorithm::Hmac(h) => h.output_len(),
            MacAlgorithm::Kmac128 => 32,
            MacAlgorithm::Kmac256 => 64,
            MacAlgorithm::Aes128Cmac | MacAlgorithm::Aes256Cmac => 16,
        }
    }

    /// The exact key length, for the algorithms that have one (CMAC's AES key).
    pub(crate) fn exact_key_len(self) -> Option<usize> {
        match self {
            MacAlgorithm::Aes128Cmac => Some(16),
            MacAlgorithm::Aes256Cmac => Some(32),
            MacAlgorithm::Hmac(_) | MacAlgorithm::Kmac128 | MacAlgorithm::Kmac256 => None,
        }
    }

    /// Length of a key made by `symmetric_key_generate`: HashLen for HMAC, the tag length for
    /// KMAC, the AES key size for CMAC.
    pub(crate) fn generated_key_len(self) -> usize {
        self.exact_key_len().unwrap_or(self.tag_len())
    }
}

/// A running MAC computation, object-safe so that every MAC shares one state type.
trait RunningMac: Send + Sync {
    fn update(&mut self, data: &[u8]);
    /// The tag of the data so far (the state is not consumed).
    fn tag(&self) -> Vec<u8>;
    fn boxed_clone(&self) -> Box<dyn RunningMac>;
}

impl<T: hmac::Mac + Clone + Send + Sync + 'static> RunningMac for T {
    fn update(&mut self, data: &[u8]) {
        hmac::Mac::update(self, data);
    }
    fn tag(&self) -> Vec<u8> {
        self.clone().finalize().into_bytes().to_vec()
    }
    fn boxed_clone(&self) -> Box<dyn RunningMac> {
        Box::new(self.clone())
    }
}

/// KMAC with its output length L.
#[derive(Clone)]
struct Kmac {
    inner: tiny_keccak::Kmac,
    tag_len: usize,
}

impl RunningMac for Kmac {
    fn update(&mut self, data: &[u8]) {
        tiny_keccak::Hasher::update(&mut self.inner, data);
    }
    fn tag(&self) -> Vec<u8> {
        let mut tag = vec![0u8; self.tag_len];
        tiny_keccak::Hasher::finalize(self.inner.clone(), &mut tag);
        tag
    }
    fn boxed_clone(&self) -> Box<dyn RunningMac> {
        Box::new(self.clone())
    }
}

/// The state of one MAC computation.
pub(crate) struct MacState(Box<dyn RunningMac>);

impl Clone for MacState {
    fn clone(&self) -> Self {
        MacState(self.0.boxed_clone())
    }
}

impl MacState {
    /// A new state keyed with `key` (its length was checked on import); `customization` is
    /// KMAC's S (empty for the others).
    pub(crate) fn new(alg: MacAlgorithm, key: &[u8], customization: &[u8]) -> Result<Self> {
        let bad_key = |_| CryptoError::InvalidKey;
        let mac: Box<dyn RunningMac> = match alg {
            MacAlgorithm::Hmac(HashFunction::Sha256) => {
                Box::new(hmac::Hmac::<sha2::Sha256>::new_from_slice(key).map_err(bad_key)?)
            }
            MacAlgorithm::Hmac(HashFunction::Sha384) => {
                Box::new(hmac::Hmac::<sha2::Sha384>::new_from_slice(key).map_err(bad_key)?)
            }
            MacAlgorithm::Hmac(HashFunction::Sha512) => {
                Box::new(hmac::Hmac::<sha2::Sha512>::new_from_slice(key).map_err(bad_key)?)
            }
            // The sha3 types have no block-level core, so HMAC uses its generic form.
            MacAlgorithm::Hmac(HashFunction::Sha3_256) => {
                Box::new(hmac::SimpleHmac::<sha3::Sha3_256>::new_from_slice(key).map_err(bad_key)?)
            }
            MacAlgorithm::Hmac(HashFunction::Sha3_512) => {
                Box::new(hmac::SimpleHmac::<sha3::Sha3_512>::new_from_slice(key).map_err(bad_key)?)
            }
            MacAlgorithm::Hmac(_) => return Err(CryptoError::UnsupportedAlgorithm),
            MacAlgorithm::Kmac128 => Box::new(Kmac {
                inner: tiny_keccak::Kmac::v128(key, customization),
                tag_len: alg.tag_len(),
            }),
            MacAlgorithm::Kmac256 => Box::new(Kmac {
                inner: tiny_keccak::Kmac::v256(key, customization),
                tag_len: alg.tag_len(),
            }),
            MacAlgorithm::Aes128Cmac => {
                Box::new(cmac::Cmac::<aes::Aes128>::new_from_slice(key).map_err(bad_key)?)
            }
            MacAlgorithm::Aes256Cmac => {
                Box::new(cmac::Cmac::<aes::Aes256>::new_from_slice(key).map_err(bad_key)?)
            }
        };
        Ok(MacState(mac))
    }
}

impl StateOps for MacState {
    fn absorb(&mut self, data: &[u8]) -> Result<()> {
        self.0.update(data);
        Ok(())
    }

    fn squeeze_tag(&mut self) -> Result<Vec<u8>> {
        Ok(self.0.tag())
    }
}
