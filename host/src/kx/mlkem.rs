//! `ML-KEM-512`, `ML-KEM-768`, `ML-KEM-1024`: the module-lattice KEM of FIPS 203, computed by
//! RustCrypto's `ml-kem`.
//!
//! # Encodings
//!
//! * key pair — `raw`: the 64-byte seed `d ‖ z` (the secret key's encoding); `pkcs8`:
//!   `OneAsymmetricKey` DER, seed form; `pem`: the same, label `PRIVATE KEY`.
//! * public key — `raw`: the encapsulation key `ek`, 800 / 1184 / 1568 bytes; `pkcs8`:
//!   `SubjectPublicKeyInfo` DER; `pem`: the same, label `PUBLIC KEY`.
//! * secret key — `raw`: the 64-byte seed `d ‖ z` (input of FIPS 203 §6.1
//!   `ML-KEM.KeyGen_internal(d, z)`); `pkcs8` and `pem` as for the key pair.
//!
//! `sec` and `local` are `unsupported_encoding`.
//!
//! * Secret keys are the 64-byte seed `d ‖ z`, which FIPS 203 §3.3 allows to store instead of
//!   the expanded decapsulation key (the keys are re-derived with §6.1 `ML-KEM.KeyGen_internal`),
//!   and the form the IETF ML-KEM PKIX specification (draft-ietf-lamps-kyber-certificates)
//!   prefers. The expanded `dk` (1632 / 2400 / 3168 bytes) is neither accepted nor produced:
//!   every length other than 64 is `invalid_key`. A seed is always a valid key (no FIPS 203 §7.3
//!   hash check is needed). The key pair `raw` encoding is the same seed; the public key is
//!   derived from it.
//! * PKCS#8 and SPKI: the algorithm identifiers `id-alg-ml-kem-512/768/1024`
//!   (2.16.840.1.101.3.4.4.1/2/3) with parameters absent (present → `invalid_key`), and the
//!   `seed [0] IMPLICIT OCTET STRING (SIZE (64))` choice of the ML-KEM private key; the
//!   `expandedKey` and `both` choices are `invalid_key` (not supported by `ml-kem`). A
//!   `publicKey` field (RFC 5958 v2), if present, must be the derived encapsulation key
//!   (`invalid_key` otherwise). Export is v1, seed form.
//! * Public keys pass the FIPS 203 §7.2 encapsulation key check (type check: the exact length;
//!   modulus check: every coefficient below q) when they are imported, in every encoding:
//!   `invalid_key` otherwise. So `publickey_verify` always succeeds on an existing handle.
//!
//! # `kx_encapsulate` / `kx_decapsulate`
//!
//! `kx_encapsulate` returns the 32-byte shared secret `K` and the ciphertext `c`
//! (768 / 1088 / 1568 bytes) of FIPS 203 §7.2 `ML-KEM.Encaps`, with the message `m` from the OS
//! CSPRNG (`rng_error` if it fails). `kx_decapsulate` returns the 32-byte `K` of FIPS 203 §7.3
//! `ML-KEM.Decaps`. A ciphertext of the wrong length fails the §7.3 ciphertext type check:
//! `verification_failed`. A well-formed ciphertext is never rejected with an error: ML-KEM uses
//! implicit rejection, so a ciphertext that was not produced for this key decapsulates to a
//! pseudorandom secret (`J(z ‖ c)`, FIPS 203 §6.3) that differs from the sender's; the mismatch
//! only shows when the secrets are used. `kx_dh` is `invalid_operation`.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use ml_kem::kem::{Decapsulate, KeyExport, TryKeyInit};
use ml_kem::pkcs8::{EncodePrivateKey, EncodePublicKey};
use ml_kem::{B32, DecapsulationKey, EncapsulationKey, MlKem512, MlKem768, MlKem1024, Seed};
use pkcs8::der::{Decode, Document, SecretDocument};
use pkcs8::spki::SubjectPublicKeyInfoRef;
use pkcs8::{LineEnding, PrivateKeyInfoRef};
use zeroize::Zeroizing;

use super::KxAlgorithm;
use crate::asymmetric::{
    self, AsymmetricAlgorithm, KeyPair, KeyPairEncoding, KeyPairOps, PublicKey, PublicKeyEncoding,
    PublicKeyOps, SecretKey, SecretKeyEncoding, SecretKeyOps,
};
use crate::error::{CryptoError, Result};
use crate::rng;

/// Length of a secret key (the seed `d ‖ z`), in bytes.
const SEED_LEN: usize = 64;

/// PEM label of PKCS#8 private keys (RFC 7468 §10).
const PEM_PRIVATE: &str = "PRIVATE KEY";

/// PEM label of `SubjectPublicKeyInfo` (RFC 7468 §13).
const PEM_PUBLIC: &str = "PUBLIC KEY";

/// A decapsulation key of one parameter set (wiped on drop by `ml-kem`'s `zeroize` feature).
#[derive(Clone)]
enum Dk {
    /// An ML-KEM-512 decapsulation key.
    MlKem512(DecapsulationKey<MlKem512>),
    /// An ML-KEM-768 decapsulation key.
    MlKem768(DecapsulationKey<MlKem768>),
    /// An ML-KEM-1024 decapsulation key.
    MlKem1024(DecapsulationKey<MlKem1024>),
}

/// An encapsulation key of one parameter set, checked per FIPS 203 §7.2.
#[derive(Clone)]
enum Ek {
    /// An ML-KEM-512 encapsulation key.
    MlKem512(EncapsulationKey<MlKem512>),
    /// An ML-KEM-768 encapsulation key.
    MlKem768(EncapsulationKey<MlKem768>),
    /// An ML-KEM-1024 encapsulation key.
    MlKem1024(EncapsulationKey<MlKem1024>),
}

/// Runs `$body` with `$k` bound to the key inside `$key` (a [`Dk`] or an [`Ek`]).
macro_rules! with_key {
    ($ty:ident, $key:expr, $k:ident => $body:expr) => {
        match $key {
            $ty::MlKem512($k) => $body,
            $ty::MlKem768($k) => $body,
            $ty::MlKem1024($k) => $body,
        }
    };
}

/// `unsupported_algorithm` for a key-exchange algorithm that is not ML-KEM (never reached
/// through [`super`]'s dispatch).
fn not_mlkem() -> CryptoError {
    CryptoError::UnsupportedAlgorithm
}

/// `invalid_key`, for every malformed input.
fn invalid_key<E>(_: E) -> CryptoError {
    CryptoError::InvalidKey
}

/// `internal_error`, for encoder failures that cannot happen with valid keys.
fn internal<E>(_: E) -> CryptoError {
    CryptoError::InternalError
}

impl Dk {
    /// `ML-KEM.KeyGen_internal(d, z)` from the 64-byte seed `d ‖ z`; `invalid_key` for another
    /// length.
    fn from_seed(alg: KxAlgorithm, seed: &[u8]) -> Result<Self> {
        let seed: Zeroizing<Seed> = Zeroizing::new(Seed::try_from(seed).map_err(invalid_key)?);
        Ok(match alg {
            KxAlgorithm::MlKem512 => Dk::MlKem512(DecapsulationKey::from_seed(*seed)),
            KxAlgorithm::MlKem768 => Dk::MlKem768(DecapsulationKey::from_seed(*seed)),
            KxAlgorithm::MlKem1024 => Dk::MlKem1024(DecapsulationKey::from_seed(*seed)),
            _ => return Err(not_mlkem()),
        })
    }

    /// Parses PKCS#8 DER (seed form, parameters absent); a `publicKey` field must match the
    /// derived key.
    fn from_pkcs8_der(alg: KxAlgorithm, der: &[u8]) -> Result<Self> {
        let info = PrivateKeyInfoRef::from_der(der).map_err(invalid_key)?;
        if info.algorithm.parameters.is_some() {
            return Err(CryptoError::InvalidKey);
        }
        // `ml-kem` checks the algorithm identifier and ignores the optional v2 `publicKey`.
        let public_key = info.public_key;
        let dk = match alg {
            KxAlgorithm::MlKem512 => {
                Dk::MlKem512(DecapsulationKey::try_from(info).map_err(invalid_key)?)
            }
            KxAlgorithm::MlKem768 => {
                Dk::MlKem768(DecapsulationKey::try_from(info).map_err(invalid_key)?)
            }
            KxAlgorithm::MlKem1024 => {
                Dk::MlKem1024(DecapsulationKey::try_from(info).map_err(invalid_key)?)
            }
            _ => return Err(not_mlkem()),
        };
        if let Some(public_key) = public_key {
            let public_key = public_key.as_bytes().ok_or(CryptoError::InvalidKey)?;
            if public_key != dk.ek().raw().as_slice() {
                return Err(CryptoError::InvalidKey);
            }
        }
        Ok(dk)
    }

    /// Parses PKCS#8 in PEM (label `PRIVATE KEY`).
    fn from_pkcs8_pem(alg: KxAlgorithm, pem: &[u8]) -> Result<Self> {
        let pem = crate::asymmetric::pem_text(pem)?;
        let (label, der) = SecretDocument::from_pem(pem).map_err(invalid_key)?;
        if label != PEM_PRIVATE {
            return Err(CryptoError::InvalidKey);
        }
        Self::from_pkcs8_der(alg, der.as_bytes())
    }

    /// Parses a secret key in `encoding`.
    fn decode(alg: KxAlgorithm, encoded: &[u8], encoding: SecretKeyEncoding) -> Result<Self> {
        match encoding {
            SecretKeyEncoding::Raw => Self::from_seed(alg, encoded),
            SecretKeyEncoding::Pkcs8 => Self::from_pkcs8_der(alg, encoded),
            SecretKeyEncoding::Pem => Self::from_pkcs8_pem(alg, encoded),
            SecretKeyEncoding::Sec | SecretKeyEncoding::Local => {
                Err(CryptoError::UnsupportedEncoding)
            }
        }
    }

    /// Encodes the key as `encoding`: the seed, or PKCS#8 (seed form) in DER or PEM.
    fn encode(&self, encoding: SecretKeyEncoding) -> Result<Vec<u8>> {
        match encoding {
            SecretKeyEncoding::Raw => {
                // Every key of this host is made from a seed, so `to_seed` is always `Some`.
                let seed = Zeroizing::new(
                    with_key!(Dk, self, k => k.to_seed()).ok_or(CryptoError::InternalError)?,
                );
                Ok(seed.to_vec())
            }
            SecretKeyEncoding::Pkcs8 => {
                let der = with_key!(Dk, self, k => k.to_pkcs8_der()).map_err(internal)?;
                Ok(der.as_bytes().to_vec())
            }
            SecretKeyEncoding::Pem => {
                let pem =
                    with_key!(Dk, self, k => k.to_pkcs8_pem(LineEnding::LF)).map_err(internal)?;
                Ok(pem.as_bytes().to_vec())
            }
            SecretKeyEncoding::Sec | SecretKeyEncoding::Local => {
                Err(CryptoError::UnsupportedEncoding)
            }
        }
    }

    /// The encapsulation key derived from this key.
    fn ek(&self) -> Ek {
        match self {
            Dk::MlKem512(k) => Ek::MlKem512(k.encapsulation_key().clone()),
            Dk::MlKem768(k) => Ek::MlKem768(k.encapsulation_key().clone()),
            Dk::MlKem1024(k) => Ek::MlKem1024(k.encapsulation_key().clone()),
        }
    }

    /// The parameter set of this key.
    fn alg(&self) -> KxAlgorithm {
        match self {
            Dk::MlKem512(_) => KxAlgorithm::MlKem512,
            Dk::MlKem768(_) => KxAlgorithm::MlKem768,
            Dk::MlKem1024(_) => KxAlgorithm::MlKem1024,
        }
    }
}

impl Ek {
    /// Parses the raw encapsulation key, with the FIPS 203 §7.2 type and modulus checks.
    fn from_raw(alg: KxAlgorithm, raw: &[u8]) -> Result<Self> {
        Ok(match alg {
            KxAlgorithm::MlKem512 => {
                Ek::MlKem512(EncapsulationKey::new_from_slice(raw).map_err(invalid_key)?)
            }
            KxAlgorithm::MlKem768 => {
                Ek::MlKem768(EncapsulationKey::new_from_slice(raw).map_err(invalid_key)?)
            }
            KxAlgorithm::MlKem1024 => {
                Ek::MlKem1024(EncapsulationKey::new_from_slice(raw).map_err(invalid_key)?)
            }
            _ => return Err(not_mlkem()),
        })
    }

    /// Parses `SubjectPublicKeyInfo` DER (parameters absent), with the same checks.
    fn from_spki_der(alg: KxAlgorithm, der: &[u8]) -> Result<Self> {
        let spki = SubjectPublicKeyInfoRef::from_der(der).map_err(invalid_key)?;
        if spki.algorithm.parameters.is_some() {
            return Err(CryptoError::InvalidKey);
        }
        // `ml-kem` checks the algorithm identifier, the length and the modulus.
        Ok(match alg {
            KxAlgorithm::MlKem512 => {
                Ek::MlKem512(EncapsulationKey::try_from(spki).map_err(invalid_key)?)
            }
            KxAlgorithm::MlKem768 => {
                Ek::MlKem768(EncapsulationKey::try_from(spki).map_err(invalid_key)?)
            }
            KxAlgorithm::MlKem1024 => {
                Ek::MlKem1024(EncapsulationKey::try_from(spki).map_err(invalid_key)?)
            }
            _ => return Err(not_mlkem()),
        })
    }

    /// Parses `SubjectPublicKeyInfo` in PEM (label `PUBLIC KEY`), with the same checks.
    fn from_spki_pem(alg: KxAlgorithm, pem: &[u8]) -> Result<Self> {
        let pem = crate::asymmetric::pem_text(pem)?;
        let (label, der) = Document::from_pem(pem).map_err(invalid_key)?;
        if label != PEM_PUBLIC {
            return Err(CryptoError::InvalidKey);
        }
        Self::from_spki_der(alg, der.as_bytes())
    }

    /// The raw encapsulation key (`ByteEncode12(t̂) ‖ ρ`).
    fn raw(&self) -> Vec<u8> {
        with_key!(Ek, self, k => k.to_bytes().to_vec())
    }

    /// The parameter set of this key.
    fn alg(&self) -> KxAlgorithm {
        match self {
            Ek::MlKem512(_) => KxAlgorithm::MlKem512,
            Ek::MlKem768(_) => KxAlgorithm::MlKem768,
            Ek::MlKem1024(_) => KxAlgorithm::MlKem1024,
        }
    }
}

/// An ML-KEM public (encapsulation) key.
#[derive(Clone)]
pub(crate) struct MlKemPublicKey {
    ek: Ek,
}

/// An ML-KEM secret (decapsulation) key, made from its 64-byte seed. `Debug` shows only the
/// parameter set.
#[derive(Clone)]
pub(crate) struct MlKemSecretKey {
    dk: Dk,
}

/// An ML-KEM key pair: the secret key, which carries its encapsulation key.
#[derive(Debug)]
pub(crate) struct MlKemKeyPair {
    sk: Arc<MlKemSecretKey>,
}

impl fmt::Debug for MlKemPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MlKemPublicKey({})", self.ek.alg().name())
    }
}

impl fmt::Debug for MlKemSecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "MlKemSecretKey({})", self.dk.alg().name())
    }
}

impl PublicKeyOps for MlKemPublicKey {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        AsymmetricAlgorithm::Kx(self.ek.alg())
    }

    /// `raw` (the encapsulation key), `pkcs8` (SPKI DER), `pem`; `sec`/`local` →
    /// `unsupported_encoding`.
    fn export(&self, encoding: PublicKeyEncoding) -> Result<Vec<u8>> {
        match encoding {
            PublicKeyEncoding::Raw => Ok(self.ek.raw()),
            PublicKeyEncoding::Pkcs8 => {
                let der = with_key!(Ek, &self.ek, k => k.to_public_key_der()).map_err(internal)?;
                Ok(der.to_vec())
            }
            PublicKeyEncoding::Pem => {
                let pem = with_key!(Ek, &self.ek, k => k.to_public_key_pem(LineEnding::LF))
                    .map_err(internal)?;
                Ok(pem.into_bytes())
            }
            PublicKeyEncoding::Sec | PublicKeyEncoding::Local => {
                Err(CryptoError::UnsupportedEncoding)
            }
        }
    }

    /// Always succeeds: the FIPS 203 §7.2 checks ran when the key was imported (or it was derived
    /// from a secret key).
    fn verify(&self) -> Result<()> {
        Ok(())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    /// FIPS 203 `ML-KEM.Encaps`: (the 32-byte shared secret, the ciphertext).
    fn encapsulate(&self) -> Result<(Vec<u8>, Vec<u8>)> {
        let mut m = Zeroizing::new(B32::default());
        rng::fill(m.as_mut_slice())?;
        let (ct, key) = with_key!(Ek, &self.ek, k => {
            let (ct, key) = k.encapsulate_deterministic(&m);
            (ct.to_vec(), Zeroizing::new(key))
        });
        Ok((key.to_vec(), ct))
    }
}

impl SecretKeyOps for MlKemSecretKey {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        AsymmetricAlgorithm::Kx(self.dk.alg())
    }

    /// `raw` (the 64-byte seed), `pkcs8` (PKCS#8 v1 DER, seed form, 86 bytes), `pem`;
    /// `sec`/`local` → `unsupported_encoding`.
    fn export(&self, encoding: SecretKeyEncoding) -> Result<Vec<u8>> {
        self.dk.encode(encoding)
    }

    fn public_key(&self) -> Result<PublicKey> {
        Ok(Arc::new(MlKemPublicKey { ek: self.dk.ek() }))
    }

    /// `incompatible_keys` if `pk` is not a key of the same ML-KEM parameter set; `invalid_key`
    /// if it is not this key's encapsulation key.
    fn keypair_with(&self, pk: &dyn PublicKeyOps) -> Result<KeyPair> {
        let pk = asymmetric::downcast_public_key::<MlKemPublicKey>(pk)?;
        if pk.ek.alg() != self.dk.alg() {
            return Err(CryptoError::IncompatibleKeys);
        }
        if pk.ek.raw() != self.dk.ek().raw() {
            return Err(CryptoError::InvalidKey);
        }
        Ok(Arc::new(MlKemKeyPair {
            sk: Arc::new(self.clone()),
        }))
    }

    /// FIPS 203 `ML-KEM.Decaps`: the 32-byte shared secret; `verification_failed` if
    /// `encapsulated` is not a ciphertext of this parameter set's length.
    fn decapsulate(&self, encapsulated: &[u8]) -> Result<Vec<u8>> {
        let key =
            with_key!(Dk, &self.dk, k => k.decapsulate_slice(encapsulated).map(Zeroizing::new))
                .map_err(|_| CryptoError::VerificationFailed)?;
        Ok(key.to_vec())
    }
}

impl KeyPairOps for MlKemKeyPair {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        self.sk.algorithm()
    }

    /// The secret key's encodings: `raw` (the 64-byte seed), `pkcs8`, `pem`; `local` →
    /// `unsupported_encoding`.
    fn export(&self, encoding: KeyPairEncoding) -> Result<Vec<u8>> {
        match encoding {
            KeyPairEncoding::Raw => self.sk.dk.encode(SecretKeyEncoding::Raw),
            KeyPairEncoding::Pkcs8 => self.sk.dk.encode(SecretKeyEncoding::Pkcs8),
            KeyPairEncoding::Pem => self.sk.dk.encode(SecretKeyEncoding::Pem),
            KeyPairEncoding::Local => Err(CryptoError::UnsupportedEncoding),
        }
    }

    fn public_key(&self) -> Result<PublicKey> {
        self.sk.public_key()
    }

    fn secret_key(&self) -> Result<SecretKey> {
        Ok(self.sk.clone())
    }
}

/// `keypair_generate`: FIPS 203 `ML-KEM.KeyGen` with a 64-byte seed `d ‖ z` from the OS CSPRNG;
/// `rng_error` if the generator fails.
pub(crate) fn generate(alg: KxAlgorithm) -> Result<KeyPair> {
    let mut seed = Zeroizing::new([0u8; SEED_LEN]);
    rng::fill(seed.as_mut_slice())?;
    let dk = Dk::from_seed(alg, seed.as_slice())?;
    Ok(Arc::new(MlKemKeyPair {
        sk: Arc::new(MlKemSecretKey { dk }),
    }))
}

/// `keypair_import`: the secret key's encodings (`raw` seed, `pkcs8`, `pem`); the encapsulation
/// key is derived. Bad bytes → `invalid_key`.
pub(crate) fn import_keypair(
    alg: KxAlgorithm,
    encoded: &[u8],
    encoding: KeyPairEncoding,
) -> Result<KeyPair> {
    let encoding = match encoding {
        KeyPairEncoding::Raw => SecretKeyEncoding::Raw,
        KeyPairEncoding::Pkcs8 => SecretKeyEncoding::Pkcs8,
        KeyPairEncoding::Pem => SecretKeyEncoding::Pem,
        KeyPairEncoding::Local => return Err(CryptoError::UnsupportedEncoding),
    };
    let dk = Dk::decode(alg, encoded, encoding)?;
    Ok(Arc::new(MlKemKeyPair {
        sk: Arc::new(MlKemSecretKey { dk }),
    }))
}

/// `publickey_import`: `raw` (800 / 1184 / 1568 bytes), `pkcs8` (SPKI DER), `pem`, each with the
/// FIPS 203 §7.2 checks (`invalid_key`); `sec`/`local` → `unsupported_encoding`.
pub(crate) fn import_public_key(
    alg: KxAlgorithm,
    encoded: &[u8],
    encoding: PublicKeyEncoding,
) -> Result<PublicKey> {
    let ek = match encoding {
        PublicKeyEncoding::Raw => Ek::from_raw(alg, encoded)?,
        PublicKeyEncoding::Pkcs8 => Ek::from_spki_der(alg, encoded)?,
        PublicKeyEncoding::Pem => Ek::from_spki_pem(alg, encoded)?,
        PublicKeyEncoding::Sec | PublicKeyEncoding::Local => {
            return Err(CryptoError::UnsupportedEncoding);
        }
    };
    Ok(Arc::new(MlKemPublicKey { ek }))
}

/// `secretkey_import`: `raw` (the 64-byte seed), `pkcs8`, `pem`; `sec`/`local` →
/// `unsupported_encoding`; bad bytes → `invalid_key`.
pub(crate) fn import_secret_key(
    alg: KxAlgorithm,
    encoded: &[u8],
    encoding: SecretKeyEncoding,
) -> Result<SecretKey> {
    Ok(Arc::new(MlKemSecretKey {
        dk: Dk::decode(alg, encoded, encoding)?,
    }))
}
