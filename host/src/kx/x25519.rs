//! `X25519`: Diffie-Hellman over Curve25519 (RFC 7748 §5, §6.1), computed by `x25519-dalek`.
//!
//! # Encodings
//!
//! * key pair — `raw`: 64 bytes, public key ‖ secret key; `pkcs8`: RFC 8410 §7
//!   `OneAsymmetricKey` DER; `pem`: the same, label `PRIVATE KEY`.
//! * public key — `raw`: 32 bytes, the u-coordinate (RFC 7748 §5, little-endian); `pkcs8`:
//!   RFC 8410 §4 `SubjectPublicKeyInfo` DER (44 bytes); `pem`: the same, label `PUBLIC KEY`.
//! * secret key — `raw`: 32 bytes, the scalar as generated or imported; `pkcs8` (48 bytes) and
//!   `pem` as for the key pair.
//!
//! `sec` and `local` are `unsupported_encoding`. The algorithm identifier is `id-X25519`
//! (1.3.101.110) with absent parameters (RFC 8410 §3); the PKCS#8 `privateKey` is the
//! `CurvePrivateKey` OCTET STRING wrapping the 32 scalar bytes (RFC 8410 §7).
//!
//! * Secret keys are kept and exported exactly as given; clamping (RFC 7748 §5
//!   `decodeScalar25519`) happens inside every scalar multiplication.
//! * Key pair `raw` import, and PKCS#8 import with a `publicKey` field (RFC 5958 v2), check that
//!   the public key is the one derived from the secret key (constant-time byte comparison):
//!   `invalid_key` otherwise. PKCS#8 export is v1 (no `publicKey`), as OpenSSL writes it.
//! * Public key import accepts any 32 bytes, as RFC 7748 §5 requires of the u-coordinate
//!   (non-canonical values are reduced mod p and the top bit is ignored); small-order points are
//!   caught by `publickey_verify` and by `kx_dh` (below).
//! * Any other length, malformed DER/PEM, a PEM label other than the one above, another
//!   algorithm identifier, or parameters present → `invalid_key`.
//!
//! # `kx_dh`
//!
//! The output is the 32-byte `X25519(sk, pk)` of RFC 7748 §6.1, unhashed. If it is all zeros
//! (`pk` is a point of small order, RFC 7748 §6.1 and §7), the result is `invalid_key`; the
//! check is `x25519-dalek`'s constant-time `SharedSecret::was_contributory`.
//!
//! # `publickey_verify`
//!
//! `invalid_key` if the public key is one of the small-order points (order 1, 2, 4 or 8 on the
//! curve, order 1, 2 or 4 on the twist), in any of its encodings (including non-canonical ones and
//! those with the top bit set). Method: a scalar multiplication by a fixed clamped scalar `k`,
//! checked for the all-zero output. Clamped scalars are `8·j` with `2^251 ≤ j < 2^252`; the curve
//! has order `8·ℓ` and the twist `4·ℓ'` with primes `ℓ > 2^252`, `ℓ' > 2^252`. So `[k]P` is the
//! identity exactly when the order of `P` divides 8 (curve) or 4 (twist), i.e. `P` has small
//! order; for every other point neither `ℓ` nor `ℓ'` divides `k` and the result is non-zero.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use pkcs8::der::asn1::{BitStringRef, OctetStringRef};
use pkcs8::der::{Decode, Document, SecretDocument};
use pkcs8::spki::{AlgorithmIdentifierRef, SubjectPublicKeyInfoRef};
use pkcs8::{LineEnding, ObjectIdentifier, PrivateKeyInfoRef};
use subtle::ConstantTimeEq;
use x25519_dalek::StaticSecret;
use zeroize::Zeroizing;

use super::KxAlgorithm;
use crate::asymmetric::{
    self, AsymmetricAlgorithm, KeyPair, KeyPairEncoding, KeyPairOps, PublicKey, PublicKeyEncoding,
    PublicKeyOps, SecretKey, SecretKeyEncoding, SecretKeyOps,
};
use crate::error::{CryptoError, Result};
use crate::rng;

/// Length of a public key, a secret key and a shared secret, in bytes.
const KEY_LEN: usize = 32;

/// `id-X25519` (RFC 8410 §3).
const OID: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");

/// The algorithm identifier of every X25519 key: `id-X25519`, parameters absent.
const ALGORITHM_ID: AlgorithmIdentifierRef<'static> = AlgorithmIdentifierRef {
    oid: OID,
    parameters: None,
};

/// PEM label of PKCS#8 private keys (RFC 7468 §10).
const PEM_PRIVATE: &str = "PRIVATE KEY";

/// PEM label of `SubjectPublicKeyInfo` (RFC 7468 §13).
const PEM_PUBLIC: &str = "PUBLIC KEY";

/// DER header of the 32-byte `CurvePrivateKey` OCTET STRING (RFC 8410 §7): tag 0x04, length 32.
const CURVE_PRIVATE_KEY_HEADER: [u8; 2] = [0x04, 0x20];

/// The fixed scalar of the small-order check of `publickey_verify` (any value works once clamped;
/// see the module documentation).
const SMALL_ORDER_PROBE: [u8; KEY_LEN] = [0x55; KEY_LEN];

/// An X25519 public key: the 32-byte u-coordinate, as imported or derived.
#[derive(Debug, Clone)]
pub(crate) struct X25519PublicKey(x25519_dalek::PublicKey);

/// An X25519 secret key and the public key derived from it. The scalar is wiped on drop
/// (`x25519-dalek`'s `zeroize` feature); `Debug` shows only the public key.
#[derive(Clone)]
pub(crate) struct X25519SecretKey {
    secret: StaticSecret,
    public: x25519_dalek::PublicKey,
}

/// An X25519 key pair: a secret key (which carries its public key).
#[derive(Debug)]
pub(crate) struct X25519KeyPair {
    sk: Arc<X25519SecretKey>,
}

impl fmt::Debug for X25519SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("X25519SecretKey")
            .field("public", &self.public)
            .finish_non_exhaustive()
    }
}

impl X25519SecretKey {
    /// The key of the 32-byte scalar `bytes` (any value; clamped at use).
    fn new(bytes: &[u8; KEY_LEN]) -> Self {
        let secret = StaticSecret::from(*bytes);
        let public = x25519_dalek::PublicKey::from(&secret);
        X25519SecretKey { secret, public }
    }

    /// Parses a 32-byte `raw` secret key; `invalid_key` for any other length.
    fn from_raw(raw: &[u8]) -> Result<Self> {
        let bytes: Zeroizing<[u8; KEY_LEN]> =
            Zeroizing::new(raw.try_into().map_err(|_| CryptoError::InvalidKey)?);
        Ok(Self::new(&bytes))
    }

    /// `invalid_key` unless `pk` (32 bytes) is this key's public key; constant time.
    fn check_public(&self, pk: &[u8]) -> Result<()> {
        if bool::from(self.public.as_bytes().as_slice().ct_eq(pk)) {
            Ok(())
        } else {
            Err(CryptoError::InvalidKey)
        }
    }

    /// The 32 scalar bytes, as imported or generated.
    fn raw(&self) -> Vec<u8> {
        self.secret.as_bytes().to_vec()
    }

    /// PKCS#8 v1 DER (RFC 8410 §7).
    fn pkcs8_der(&self) -> Result<SecretDocument> {
        let mut curve_private_key = Zeroizing::new([0u8; 2 + KEY_LEN]);
        curve_private_key[..2].copy_from_slice(&CURVE_PRIVATE_KEY_HEADER);
        curve_private_key[2..].copy_from_slice(self.secret.as_bytes());
        let private_key = OctetStringRef::new(curve_private_key.as_slice())
            .map_err(|_| CryptoError::InternalError)?;
        let info = PrivateKeyInfoRef::new(ALGORITHM_ID, private_key);
        SecretDocument::encode_msg(&info).map_err(|_| CryptoError::InternalError)
    }

    /// Encodes the key as `encoding` (shared by key pairs and secret keys).
    fn encode(&self, encoding: SecretKeyEncoding) -> Result<Vec<u8>> {
        match encoding {
            SecretKeyEncoding::Raw => Ok(self.raw()),
            SecretKeyEncoding::Pkcs8 => Ok(self.pkcs8_der()?.as_bytes().to_vec()),
            SecretKeyEncoding::Pem => {
                let pem = self
                    .pkcs8_der()?
                    .to_pem(PEM_PRIVATE, LineEnding::LF)
                    .map_err(|_| CryptoError::InternalError)?;
                Ok(pem.as_bytes().to_vec())
            }
            SecretKeyEncoding::Sec | SecretKeyEncoding::Local => {
                Err(CryptoError::UnsupportedEncoding)
            }
        }
    }

    /// Parses PKCS#8 DER (v1, or v2 whose `publicKey` must match the secret key).
    fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
        let info = PrivateKeyInfoRef::from_der(der).map_err(|_| CryptoError::InvalidKey)?;
        check_algorithm(&info.algorithm)?;
        let scalar = match info.private_key.as_bytes() {
            [0x04, 0x20, scalar @ ..] => scalar,
            _ => return Err(CryptoError::InvalidKey),
        };
        let sk = Self::from_raw(scalar)?;
        if let Some(public_key) = info.public_key {
            sk.check_public(public_key.as_bytes().ok_or(CryptoError::InvalidKey)?)?;
        }
        Ok(sk)
    }

    /// Parses PKCS#8 in PEM (label `PRIVATE KEY`).
    fn from_pkcs8_pem(pem: &[u8]) -> Result<Self> {
        let pem = crate::asymmetric::pem_text(pem)?;
        let (label, der) = SecretDocument::from_pem(pem).map_err(|_| CryptoError::InvalidKey)?;
        if label != PEM_PRIVATE {
            return Err(CryptoError::InvalidKey);
        }
        Self::from_pkcs8_der(der.as_bytes())
    }

    /// Parses a secret key in `encoding`.
    fn decode(encoded: &[u8], encoding: SecretKeyEncoding) -> Result<Self> {
        match encoding {
            SecretKeyEncoding::Raw => Self::from_raw(encoded),
            SecretKeyEncoding::Pkcs8 => Self::from_pkcs8_der(encoded),
            SecretKeyEncoding::Pem => Self::from_pkcs8_pem(encoded),
            SecretKeyEncoding::Sec | SecretKeyEncoding::Local => {
                Err(CryptoError::UnsupportedEncoding)
            }
        }
    }
}

/// `invalid_key` unless `algorithm` is `id-X25519` without parameters.
fn check_algorithm(algorithm: &AlgorithmIdentifierRef<'_>) -> Result<()> {
    if algorithm.oid == OID && algorithm.parameters.is_none() {
        Ok(())
    } else {
        Err(CryptoError::InvalidKey)
    }
}

impl X25519PublicKey {
    /// Parses a 32-byte u-coordinate; `invalid_key` for any other length.
    fn from_raw(raw: &[u8]) -> Result<Self> {
        let bytes: [u8; KEY_LEN] = raw.try_into().map_err(|_| CryptoError::InvalidKey)?;
        Ok(X25519PublicKey(x25519_dalek::PublicKey::from(bytes)))
    }

    /// Parses `SubjectPublicKeyInfo` DER (RFC 8410 §4).
    fn from_spki_der(der: &[u8]) -> Result<Self> {
        let spki = SubjectPublicKeyInfoRef::from_der(der).map_err(|_| CryptoError::InvalidKey)?;
        check_algorithm(&spki.algorithm)?;
        Self::from_raw(
            spki.subject_public_key
                .as_bytes()
                .ok_or(CryptoError::InvalidKey)?,
        )
    }

    /// Parses `SubjectPublicKeyInfo` in PEM (label `PUBLIC KEY`).
    fn from_spki_pem(pem: &[u8]) -> Result<Self> {
        let pem = crate::asymmetric::pem_text(pem)?;
        let (label, der) = Document::from_pem(pem).map_err(|_| CryptoError::InvalidKey)?;
        if label != PEM_PUBLIC {
            return Err(CryptoError::InvalidKey);
        }
        Self::from_spki_der(der.as_bytes())
    }

    /// `SubjectPublicKeyInfo` DER (RFC 8410 §4).
    fn spki_der(&self) -> Result<Document> {
        let spki = SubjectPublicKeyInfoRef {
            algorithm: ALGORITHM_ID,
            subject_public_key: BitStringRef::new(0, self.0.as_bytes())
                .map_err(|_| CryptoError::InternalError)?,
        };
        Document::encode_msg(&spki).map_err(|_| CryptoError::InternalError)
    }
}

impl PublicKeyOps for X25519PublicKey {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        AsymmetricAlgorithm::Kx(KxAlgorithm::X25519)
    }

    /// `raw` (32 bytes), `pkcs8` (SPKI DER, 44 bytes), `pem`; `sec`/`local` →
    /// `unsupported_encoding`.
    fn export(&self, encoding: PublicKeyEncoding) -> Result<Vec<u8>> {
        match encoding {
            PublicKeyEncoding::Raw => Ok(self.0.as_bytes().to_vec()),
            PublicKeyEncoding::Pkcs8 => Ok(self.spki_der()?.to_vec()),
            PublicKeyEncoding::Pem => {
                let pem = self
                    .spki_der()?
                    .to_pem(PEM_PUBLIC, LineEnding::LF)
                    .map_err(|_| CryptoError::InternalError)?;
                Ok(pem.into_bytes())
            }
            PublicKeyEncoding::Sec | PublicKeyEncoding::Local => {
                Err(CryptoError::UnsupportedEncoding)
            }
        }
    }

    /// `invalid_key` for a point of small order (see the module documentation).
    fn verify(&self) -> Result<()> {
        let probe = StaticSecret::from(SMALL_ORDER_PROBE);
        if probe.diffie_hellman(&self.0).was_contributory() {
            Ok(())
        } else {
            Err(CryptoError::InvalidKey)
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl SecretKeyOps for X25519SecretKey {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        AsymmetricAlgorithm::Kx(KxAlgorithm::X25519)
    }

    /// `raw` (32 bytes), `pkcs8` (PKCS#8 v1 DER, 48 bytes), `pem`; `sec`/`local` →
    /// `unsupported_encoding`.
    fn export(&self, encoding: SecretKeyEncoding) -> Result<Vec<u8>> {
        self.encode(encoding)
    }

    fn public_key(&self) -> Result<PublicKey> {
        Ok(Arc::new(X25519PublicKey(self.public)))
    }

    /// `incompatible_keys` if `pk` is not an X25519 key; `invalid_key` if it is not this secret
    /// key's public key (byte comparison with the derived key).
    fn keypair_with(&self, pk: &dyn PublicKeyOps) -> Result<KeyPair> {
        let pk = asymmetric::downcast_public_key::<X25519PublicKey>(pk)?;
        self.check_public(pk.0.as_bytes())?;
        Ok(Arc::new(X25519KeyPair {
            sk: Arc::new(self.clone()),
        }))
    }

    /// The 32-byte `X25519(sk, pk)` (RFC 7748 §6.1); `invalid_key` if it is all zeros;
    /// `incompatible_keys` if `pk` is not an X25519 key.
    fn dh(&self, pk: &dyn PublicKeyOps) -> Result<Vec<u8>> {
        let pk = asymmetric::downcast_public_key::<X25519PublicKey>(pk)?;
        let shared = self.secret.diffie_hellman(&pk.0);
        if !shared.was_contributory() {
            return Err(CryptoError::InvalidKey);
        }
        Ok(shared.as_bytes().to_vec())
    }
}

impl KeyPairOps for X25519KeyPair {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        AsymmetricAlgorithm::Kx(KxAlgorithm::X25519)
    }

    /// `raw` (64 bytes: public key ‖ secret key), `pkcs8` (PKCS#8 v1 DER), `pem`; `local` →
    /// `unsupported_encoding`.
    fn export(&self, encoding: KeyPairEncoding) -> Result<Vec<u8>> {
        match encoding {
            KeyPairEncoding::Raw => {
                let mut raw = Vec::with_capacity(2 * KEY_LEN);
                raw.extend_from_slice(self.sk.public.as_bytes());
                raw.extend_from_slice(self.sk.secret.as_bytes());
                Ok(raw)
            }
            KeyPairEncoding::Pkcs8 => self.sk.encode(SecretKeyEncoding::Pkcs8),
            KeyPairEncoding::Pem => self.sk.encode(SecretKeyEncoding::Pem),
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

/// `keypair_generate`: 32 bytes from the OS CSPRNG as the secret scalar (RFC 7748 §6.1);
/// `rng_error` if the generator fails.
pub(crate) fn generate() -> Result<KeyPair> {
    let mut bytes = Zeroizing::new([0u8; KEY_LEN]);
    rng::fill(bytes.as_mut_slice())?;
    Ok(Arc::new(X25519KeyPair {
        sk: Arc::new(X25519SecretKey::new(&bytes)),
    }))
}

/// `keypair_import`: `raw` is public key ‖ secret key (64 bytes, the public key must match);
/// `pkcs8`/`pem` are RFC 8410 private keys. `invalid_key` for bad bytes.
pub(crate) fn import_keypair(encoded: &[u8], encoding: KeyPairEncoding) -> Result<KeyPair> {
    let sk = match encoding {
        KeyPairEncoding::Raw => {
            if encoded.len() != 2 * KEY_LEN {
                return Err(CryptoError::InvalidKey);
            }
            let (pk, sk) = encoded.split_at(KEY_LEN);
            let sk = X25519SecretKey::from_raw(sk)?;
            sk.check_public(pk)?;
            sk
        }
        KeyPairEncoding::Pkcs8 => X25519SecretKey::from_pkcs8_der(encoded)?,
        KeyPairEncoding::Pem => X25519SecretKey::from_pkcs8_pem(encoded)?,
        KeyPairEncoding::Local => return Err(CryptoError::UnsupportedEncoding),
    };
    Ok(Arc::new(X25519KeyPair { sk: Arc::new(sk) }))
}

/// `publickey_import`: `raw` (32 bytes, any value), `pkcs8` (SPKI DER), `pem`; `sec`/`local` →
/// `unsupported_encoding`; bad bytes → `invalid_key`.
pub(crate) fn import_public_key(encoded: &[u8], encoding: PublicKeyEncoding) -> Result<PublicKey> {
    let pk = match encoding {
        PublicKeyEncoding::Raw => X25519PublicKey::from_raw(encoded)?,
        PublicKeyEncoding::Pkcs8 => X25519PublicKey::from_spki_der(encoded)?,
        PublicKeyEncoding::Pem => X25519PublicKey::from_spki_pem(encoded)?,
        PublicKeyEncoding::Sec | PublicKeyEncoding::Local => {
            return Err(CryptoError::UnsupportedEncoding);
        }
    };
    Ok(Arc::new(pk))
}

/// `secretkey_import`: `raw` (32 bytes, any value), `pkcs8`, `pem`; `sec`/`local` →
/// `unsupported_encoding`; bad bytes → `invalid_key`.
pub(crate) fn import_secret_key(encoded: &[u8], encoding: SecretKeyEncoding) -> Result<SecretKey> {
    Ok(Arc::new(X25519SecretKey::decode(encoded, encoding)?))
}
