//! `X-WING`: the hybrid KEM of draft-connolly-cfrg-xwing-kem (ML-KEM-768 + X25519, combined with
//! SHA3-256), computed by RustCrypto's `x-wing`.
//!
//! # Encodings
//!
//! * secret key and key pair — `raw`: the 32-byte seed `sk` of the draft's `GenerateKeyPair`
//!   (§5.2); the ML-KEM-768 and X25519 keys and the public key are expanded from it with
//!   SHAKE-256 (`expandDecapsulationKey`). Every 32-byte string is a valid key; other lengths
//!   are `invalid_key`.
//! * public key — `raw`: the 1216-byte encapsulation key `pk_M ‖ pk_X` (ML-KEM-768's 1184 bytes,
//!   then the 32-byte X25519 public key). The ML-KEM part passes the FIPS 203 §7.2 checks at
//!   import (`invalid_key` otherwise), so `publickey_verify` always succeeds.
//!
//! The draft defines no PKCS#8 / SPKI form that other implementations share, so `pkcs8`, `pem`,
//! `sec` and `local` are `unsupported_encoding`.
//!
//! # `kx_encapsulate` / `kx_decapsulate`
//!
//! `kx_encapsulate` returns the 32-byte shared secret and the 1120-byte ciphertext
//! `ct_M ‖ ct_X` of the draft's `Encapsulate` (§5.3), with 64 bytes of randomness from the OS
//! CSPRNG (`rng_error` if it fails). `kx_decapsulate` (§5.4) returns the 32-byte shared secret.
//! A ciphertext that is not 1120 bytes → `verification_failed`. A well-formed ciphertext is never
//! an error: ML-KEM's implicit rejection makes a tampered one decapsulate to a different,
//! pseudorandom secret. `kx_dh` is `invalid_operation`.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use x_wing::{
    CIPHERTEXT_SIZE, Ciphertext, DECAPSULATION_KEY_SIZE, Decapsulate, DecapsulationKey,
    Decapsulator, ENCAPSULATION_RANDOMNESS_SIZE, EncapsulationKey, KeyExport,
};
use zeroize::Zeroizing;

use super::KxAlgorithm;
use crate::asymmetric::{
    self, AsymmetricAlgorithm, KeyPair, KeyPairEncoding, KeyPairOps, PublicKey, PublicKeyEncoding,
    PublicKeyOps, SecretKey, SecretKeyEncoding, SecretKeyOps,
};
use crate::error::{CryptoError, Result};
use crate::rng;

/// The algorithm every object of this module reports.
const ALG: AsymmetricAlgorithm = AsymmetricAlgorithm::Kx(KxAlgorithm::XWing);

/// An X-Wing public (encapsulation) key.
#[derive(Clone)]
pub(crate) struct XWingPublicKey {
    ek: EncapsulationKey,
}

/// An X-Wing secret (decapsulation) key: the 32-byte seed and the keys expanded from it (wiped on
/// drop by `x-wing`'s `zeroize` feature). `Debug` shows nothing of it.
#[derive(Clone)]
pub(crate) struct XWingSecretKey {
    dk: DecapsulationKey,
}

/// An X-Wing key pair: the secret key, which carries its encapsulation key.
#[derive(Debug)]
pub(crate) struct XWingKeyPair {
    sk: Arc<XWingSecretKey>,
}

impl fmt::Debug for XWingPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("XWingPublicKey")
    }
}

impl fmt::Debug for XWingSecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("XWingSecretKey(..)")
    }
}

impl XWingSecretKey {
    /// The key expanded from a 32-byte seed; `invalid_key` for another length.
    fn from_seed(seed: &[u8]) -> Result<Self> {
        let seed: Zeroizing<[u8; DECAPSULATION_KEY_SIZE]> =
            Zeroizing::new(seed.try_into().map_err(|_| CryptoError::InvalidKey)?);
        Ok(XWingSecretKey {
            dk: DecapsulationKey::from(*seed),
        })
    }

    /// The raw seed.
    fn seed(&self) -> Vec<u8> {
        self.dk.as_bytes().to_vec()
    }

    /// The 1216-byte encapsulation key.
    fn ek_raw(&self) -> Vec<u8> {
        self.dk.encapsulation_key().to_bytes().to_vec()
    }
}

impl PublicKeyOps for XWingPublicKey {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        ALG
    }

    /// `raw` only (1216 bytes); every other encoding → `unsupported_encoding`.
    fn export(&self, encoding: PublicKeyEncoding) -> Result<Vec<u8>> {
        match encoding {
            PublicKeyEncoding::Raw => Ok(self.ek.to_bytes().to_vec()),
            _ => Err(CryptoError::UnsupportedEncoding),
        }
    }

    /// Always succeeds: the ML-KEM-768 part was checked at import (or derived from a seed), and
    /// every 32-byte string is an X25519 public key.
    fn verify(&self) -> Result<()> {
        Ok(())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    /// The draft's `Encapsulate`: (the 32-byte shared secret, the 1120-byte ciphertext).
    fn encapsulate(&self) -> Result<(Vec<u8>, Vec<u8>)> {
        let mut randomness = Zeroizing::new([0u8; ENCAPSULATION_RANDOMNESS_SIZE]);
        rng::fill(randomness.as_mut_slice())?;
        let (ct, ss) = self.ek.encapsulate_deterministic(&(*randomness).into());
        let ss = Zeroizing::new(ss);
        Ok((ss.to_vec(), ct.to_vec()))
    }
}

impl SecretKeyOps for XWingSecretKey {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        ALG
    }

    /// `raw` only (the 32-byte seed); every other encoding → `unsupported_encoding`.
    fn export(&self, encoding: SecretKeyEncoding) -> Result<Vec<u8>> {
        match encoding {
            SecretKeyEncoding::Raw => Ok(self.seed()),
            _ => Err(CryptoError::UnsupportedEncoding),
        }
    }

    fn public_key(&self) -> Result<PublicKey> {
        Ok(Arc::new(XWingPublicKey {
            ek: self.dk.encapsulation_key().clone(),
        }))
    }

    /// `incompatible_keys` if `pk` is not an X-Wing key; `invalid_key` if it is not this key's
    /// encapsulation key.
    fn keypair_with(&self, pk: &dyn PublicKeyOps) -> Result<KeyPair> {
        if pk.algorithm() != ALG {
            return Err(CryptoError::IncompatibleKeys);
        }
        let pk = asymmetric::downcast_public_key::<XWingPublicKey>(pk)?;
        if pk.ek.to_bytes().as_slice() != self.ek_raw().as_slice() {
            return Err(CryptoError::InvalidKey);
        }
        Ok(Arc::new(XWingKeyPair {
            sk: Arc::new(self.clone()),
        }))
    }

    /// The draft's `Decapsulate`: the 32-byte shared secret; `verification_failed` if
    /// `encapsulated` is not 1120 bytes.
    fn decapsulate(&self, encapsulated: &[u8]) -> Result<Vec<u8>> {
        if encapsulated.len() != CIPHERTEXT_SIZE {
            return Err(CryptoError::VerificationFailed);
        }
        let ct = Ciphertext::try_from(encapsulated).map_err(|_| CryptoError::VerificationFailed)?;
        let ss = Zeroizing::new(self.dk.decapsulate(&ct));
        Ok(ss.to_vec())
    }
}

impl KeyPairOps for XWingKeyPair {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        ALG
    }

    /// `raw` (the 32-byte seed); every other encoding → `unsupported_encoding`.
    fn export(&self, encoding: KeyPairEncoding) -> Result<Vec<u8>> {
        match encoding {
            KeyPairEncoding::Raw => Ok(self.sk.seed()),
            _ => Err(CryptoError::UnsupportedEncoding),
        }
    }

    fn public_key(&self) -> Result<PublicKey> {
        self.sk.public_key()
    }

    fn secret_key(&self) -> Result<SecretKey> {
        Ok(self.sk.clone())
    }
}

/// `keypair_generate`: a 32-byte seed from the OS CSPRNG (`rng_error` if it fails).
pub(crate) fn generate() -> Result<KeyPair> {
    let mut seed = Zeroizing::new([0u8; DECAPSULATION_KEY_SIZE]);
    rng::fill(seed.as_mut_slice())?;
    Ok(Arc::new(XWingKeyPair {
        sk: Arc::new(XWingSecretKey::from_seed(seed.as_slice())?),
    }))
}

/// `keypair_import`: `raw` (the 32-byte seed) only.
pub(crate) fn import_keypair(encoded: &[u8], encoding: KeyPairEncoding) -> Result<KeyPair> {
    match encoding {
        KeyPairEncoding::Raw => Ok(Arc::new(XWingKeyPair {
            sk: Arc::new(XWingSecretKey::from_seed(encoded)?),
        })),
        _ => Err(CryptoError::UnsupportedEncoding),
    }
}

/// `publickey_import`: `raw` (1216 bytes, the ML-KEM-768 part checked per FIPS 203 §7.2) only;
/// bad bytes → `invalid_key`.
pub(crate) fn import_public_key(encoded: &[u8], encoding: PublicKeyEncoding) -> Result<PublicKey> {
    match encoding {
        PublicKeyEncoding::Raw => Ok(Arc::new(XWingPublicKey {
            ek: EncapsulationKey::try_from(encoded).map_err(|_| CryptoError::InvalidKey)?,
        })),
        _ => Err(CryptoError::UnsupportedEncoding),
    }
}

/// `secretkey_import`: `raw` (the 32-byte seed) only.
pub(crate) fn import_secret_key(encoded: &[u8], encoding: SecretKeyEncoding) -> Result<SecretKey> {
    match encoding {
        SecretKeyEncoding::Raw => Ok(Arc::new(XWingSecretKey::from_seed(encoded)?)),
        _ => Err(CryptoError::UnsupportedEncoding),
    }
}
