//! ECDH (NIST SP 800-56A Rev. 3 §5.7.1.2, SEC 1 §3.3.1) on NIST P-256 (`P256-SHA256`) and
//! P-384 (`P384-SHA384`), with RustCrypto's `p256` and `p384`.
//!
//! - `kx_dh` returns the **raw shared secret Z: the big-endian x-coordinate of `d · Q`**, exactly
//!   32 bytes on P-256 and 48 on P-384, with no key derivation applied. The `-SHA256` / `-SHA384`
//!   in the names is the hash the proposal pairs with each curve for a later KDF; this host does
//!   not hash Z (callers feed it to HKDF themselves, e.g. through the symmetric API). Z equals
//!   the output of RFC 5903 §8, OpenSSL `ECDH_compute_key` and WebCrypto `deriveBits`.
//! - Keys: the encodings of [`crate::asymmetric::ec`] (the same as ECDSA on the same curve); a
//!   key pair's `raw` encoding is the big-endian secret scalar (32 or 48 bytes). Public keys are
//!   validated on import (SP 800-56A §5.6.2.3.3 full validation: on the curve, not the
//!   identity), so an identity or invalid point is `invalid_key` there. Both curves have prime
//!   order (cofactor 1) and secret scalars are in `[1, n - 1]`, so `d · Q` is never the identity.
//! - `kx_dh` with a public key of another algorithm → `incompatible_keys`; `kx_encapsulate` /
//!   `kx_decapsulate` → `invalid_operation` (ECDH is not a KEM); signature states on ECDH keys →
//!   `invalid_handle`.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use super::KxAlgorithm;
use crate::asymmetric::ec::{self, EcCurve};
use crate::asymmetric::{
    AsymmetricAlgorithm, KeyPair, KeyPairEncoding, KeyPairOps, PublicKey as PublicKeyHandle,
    PublicKeyEncoding, PublicKeyOps, SecretKey as SecretKeyHandle, SecretKeyEncoding, SecretKeyOps,
    downcast_public_key,
};
use crate::error::{CryptoError, Result};
use elliptic_curve::{PublicKey, SecretKey};

/// A curve of this host's ECDH, with its algorithm name.
trait EcdhParams: EcCurve {
    /// The key-exchange algorithm on this curve.
    const ALG: KxAlgorithm;
}

impl EcdhParams for p256::NistP256 {
    const ALG: KxAlgorithm = KxAlgorithm::P256Sha256;
}

impl EcdhParams for p384::NistP384 {
    const ALG: KxAlgorithm = KxAlgorithm::P384Sha384;
}

/// Calls the generic function `$f::<Curve>($args…)` for the ECDH algorithm `$alg`;
/// `unsupported_algorithm` for any other algorithm (not reachable through [`super`]).
macro_rules! with_curve {
    ($alg:expr, $f:ident($($arg:expr),*)) => {
        match $alg {
            KxAlgorithm::P256Sha256 => $f::<p256::NistP256>($($arg),*),
            KxAlgorithm::P384Sha384 => $f::<p384::NistP384>($($arg),*),
            _ => Err(CryptoError::UnsupportedAlgorithm),
        }
    };
}

/// The secret half of an ECDH key: the scalar (wiped on drop) and its public key.
struct EcdhSecret<C: EcdhParams> {
    sk: SecretKey<C>,
    pk: PublicKey<C>,
}

impl<C: EcdhParams> EcdhSecret<C> {
    /// Wraps `sk` with its public key (computed once, here).
    fn new(sk: SecretKey<C>) -> Arc<Self> {
        let pk = sk.public_key();
        Arc::new(EcdhSecret { sk, pk })
    }
}

/// An ECDH key pair: the secret scalar and its public key.
struct EcdhKeyPair<C: EcdhParams> {
    secret: Arc<EcdhSecret<C>>,
}

/// An ECDH public key: a point on `C`, validated on import (on the curve, not the identity).
struct EcdhPublicKey<C: EcdhParams> {
    pk: PublicKey<C>,
}

/// An ECDH secret key: the secret scalar (wiped on drop) and its public key.
struct EcdhSecretKey<C: EcdhParams> {
    secret: Arc<EcdhSecret<C>>,
}

impl<C: EcdhParams> fmt::Debug for EcdhKeyPair<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EcdhKeyPair({}, …)", C::ALG.name())
    }
}

impl<C: EcdhParams> fmt::Debug for EcdhPublicKey<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EcdhPublicKey({}, …)", C::ALG.name())
    }
}

impl<C: EcdhParams> fmt::Debug for EcdhSecretKey<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EcdhSecretKey({}, …)", C::ALG.name())
    }
}

/// The public key of `secret`, as a public-key object.
fn public_of<C: EcdhParams>(secret: &EcdhSecret<C>) -> PublicKeyHandle {
    Arc::new(EcdhPublicKey { pk: secret.pk })
}

impl<C: EcdhParams> KeyPairOps for EcdhKeyPair<C> {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        AsymmetricAlgorithm::Kx(C::ALG)
    }

    /// `raw`: the big-endian secret scalar; `pkcs8`, `pem`: PKCS#8 (see [`ec`]).
    fn export(&self, encoding: KeyPairEncoding) -> Result<Vec<u8>> {
        ec::export_keypair(&self.secret.sk, encoding)
    }

    fn public_key(&self) -> Result<PublicKeyHandle> {
        Ok(public_of(&self.secret))
    }

    fn secret_key(&self) -> Result<SecretKeyHandle> {
        Ok(Arc::new(EcdhSecretKey {
            secret: Arc::clone(&self.secret),
        }))
    }
}

impl<C: EcdhParams> PublicKeyOps for EcdhPublicKey<C> {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        AsymmetricAlgorithm::Kx(C::ALG)
    }

    /// `raw`, `sec`: uncompressed SEC 1 point; `pkcs8`, `pem`: SubjectPublicKeyInfo (see [`ec`]).
    fn export(&self, encoding: PublicKeyEncoding) -> Result<Vec<u8>> {
        ec::export_public_key(&self.pk, encoding)
    }

    /// Always valid: the point was checked (on the curve, not the identity) when it was made.
    fn verify(&self) -> Result<()> {
        Ok(())
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

impl<C: EcdhParams> SecretKeyOps for EcdhSecretKey<C> {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        AsymmetricAlgorithm::Kx(C::ALG)
    }

    /// `raw`: big-endian scalar; `sec`: RFC 5915; `pkcs8`, `pem`: PKCS#8 (see [`ec`]).
    fn export(&self, encoding: SecretKeyEncoding) -> Result<Vec<u8>> {
        ec::export_secret_key(&self.secret.sk, encoding)
    }

    fn public_key(&self) -> Result<PublicKeyHandle> {
        Ok(public_of(&self.secret))
    }

    /// `incompatible_keys` if `pk` is not an ECDH key of this curve; `invalid_key` if it is not
    /// this secret key's public key.
    fn keypair_with(&self, pk: &dyn PublicKeyOps) -> Result<KeyPair> {
        let pk = downcast_public_key::<EcdhPublicKey<C>>(pk)?;
        if pk.pk != self.secret.pk {
            return Err(CryptoError::InvalidKey);
        }
        Ok(Arc::new(EcdhKeyPair {
            secret: Arc::clone(&self.secret),
        }))
    }

    /// The raw shared secret: the big-endian x-coordinate of `d · Q` (32 bytes on P-256, 48 on
    /// P-384). `incompatible_keys` if `pk` is not an ECDH public key of this curve.
    fn dh(&self, pk: &dyn PublicKeyOps) -> Result<Vec<u8>> {
        let pk = downcast_public_key::<EcdhPublicKey<C>>(pk)?;
        // `SharedSecret` wipes its copy of Z on drop; the returned copy goes to an
        // `array_output`, which wipes it too.
        let shared = self.secret.sk.diffie_hellman(&pk.pk);
        Ok(shared.raw_secret_bytes().to_vec())
    }
}

/// [`generate`] on curve `C`.
fn generate_for<C: EcdhParams>() -> Result<KeyPair> {
    let sk = ec::generate_secret_key::<C>()?;
    Ok(Arc::new(EcdhKeyPair {
        secret: EcdhSecret::new(sk),
    }))
}

/// [`import_keypair`] on curve `C`.
fn import_keypair_for<C: EcdhParams>(encoded: &[u8], encoding: KeyPairEncoding) -> Result<KeyPair> {
    let sk = ec::import_keypair::<C>(encoded, encoding)?;
    Ok(Arc::new(EcdhKeyPair {
        secret: EcdhSecret::new(sk),
    }))
}

/// [`import_public_key`] on curve `C`.
fn import_public_key_for<C: EcdhParams>(
    encoded: &[u8],
    encoding: PublicKeyEncoding,
) -> Result<PublicKeyHandle> {
    let pk = ec::import_public_key::<C>(encoded, encoding)?;
    Ok(Arc::new(EcdhPublicKey { pk }))
}

/// [`import_secret_key`] on curve `C`.
fn import_secret_key_for<C: EcdhParams>(
    encoded: &[u8],
    encoding: SecretKeyEncoding,
) -> Result<SecretKeyHandle> {
    let sk = ec::import_secret_key::<C>(encoded, encoding)?;
    Ok(Arc::new(EcdhSecretKey {
        secret: EcdhSecret::new(sk),
    }))
}

/// `keypair_generate`: a fresh random key pair for `alg` (`rng_error` if the CSPRNG fails).
pub(crate) fn generate(alg: KxAlgorithm) -> Result<KeyPair> {
    with_curve!(alg, generate_for())
}

/// `keypair_import`: `raw` is the big-endian secret scalar (32 bytes on P-256, 48 on P-384);
/// `pkcs8`/`pem` PKCS#8 (PEM also SEC 1). Bad bytes → `invalid_key`; `local` →
/// `unsupported_encoding`.
pub(crate) fn import_keypair(
    alg: KxAlgorithm,
    encoded: &[u8],
    encoding: KeyPairEncoding,
) -> Result<KeyPair> {
    with_curve!(alg, import_keypair_for(encoded, encoding))
}

/// `publickey_import`: `raw`/`sec` a SEC 1 point (compressed or uncompressed), `pkcs8`
/// SubjectPublicKeyInfo DER, `pem` that in PEM. Bad bytes, off-curve or identity points →
/// `invalid_key`; `local` → `unsupported_encoding`.
pub(crate) fn import_public_key(
    alg: KxAlgorithm,
    encoded: &[u8],
    encoding: PublicKeyEncoding,
) -> Result<PublicKeyHandle> {
    with_curve!(alg, import_public_key_for(encoded, encoding))
}

/// `secretkey_import`: `raw` the big-endian scalar (field size), `sec` RFC 5915 DER, `pkcs8`
/// PKCS#8 DER, `pem` PKCS#8 or SEC 1 PEM. Bad bytes, zero or out-of-range scalars →
/// `invalid_key`; `local` → `unsupported_encoding`.
pub(crate) fn import_secret_key(
    alg: KxAlgorithm,
    encoded: &[u8],
    encoding: SecretKeyEncoding,
) -> Result<SecretKeyHandle> {
    with_curve!(alg, import_secret_key_for(encoded, encoding))
}
