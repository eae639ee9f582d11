//! ECDSA (FIPS 186-5 §6, SEC 1 §4.1) on three curves, each with a fixed hash:
//! `ECDSA_P256_SHA256` (NIST P-256, SHA-256), `ECDSA_P384_SHA384` (NIST P-384, SHA-384) and
//! `ECDSA_K256_SHA256` (secp256k1, SHA-256). Every primitive is RustCrypto's (`p256`, `p384`,
//! `k256`, `ecdsa`).
//!
//! - Keys: the encodings of [`crate::asymmetric::ec`]; a key pair's `raw` encoding is the
//!   big-endian secret scalar (32 bytes for P-256 and secp256k1, 48 for P-384).
//! - Signing states hash the message incrementally with the curve's hash, so `update` may be
//!   called any number of times with no buffering (the context's absorb limit does not apply);
//!   `sign` signs the digest of everything absorbed so far and the state stays usable.
//! - Nonces are deterministic (RFC 6979 §3.2, HMAC with the same hash), so signing the same
//!   message with the same key gives the same signature. secp256k1 signatures are low-S
//!   normalized (BIP 62), as `k256` does; P-256 and P-384 signatures are not.
//! - Signatures: `raw` is `r ‖ s`, each big-endian and exactly the field size (64 bytes for P-256
//!   and secp256k1, 96 for P-384); `der` is `ECDSA-Sig-Value` (RFC 3279 §2.2.3). Import rejects a
//!   wrong length, unparsable or non-canonical DER, and `r` or `s` equal to zero or `≥ n` with
//!   `invalid_signature`.
//! - Verification accepts both low-S and high-S signatures on every curve (FIPS 186-5 has no
//!   low-S rule; for secp256k1 the signature is normalized before `k256` verifies it). A
//!   well-formed signature that does not verify → `verification_failed`; a signature of another
//!   algorithm → `invalid_signature`.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use ::ecdsa::signature::hazmat::{PrehashSigner, PrehashVerifier};
use ::ecdsa::{SigningKey, VerifyingKey};
use elliptic_curve::{PublicKey, SecretKey};
use sha2::Digest;

use super::{EcdsaCurve, Signature, SignatureAlgorithm};
use crate::asymmetric::ec::{self, EcCurve};
use crate::asymmetric::{
    AsymmetricAlgorithm, KeyPair, KeyPairEncoding, KeyPairOps, PublicKey as PublicKeyHandle,
    PublicKeyEncoding, PublicKeyOps, SecretKey as SecretKeyHandle, SecretKeyEncoding, SecretKeyOps,
    SignatureEncoding, SignatureStateOps, VerificationStateOps, downcast_public_key,
};
use crate::error::{CryptoError, Result};

/// An ECDSA signature of curve `C` as RustCrypto represents it (`r`, `s` in `[1, n - 1]`).
type EcdsaSig<C> = ::ecdsa::Signature<C>;

/// Per-curve ECDSA parameters: the host's curve name, the hash, and the signing, verification
/// and DER operations of RustCrypto for that curve (implemented once per concrete curve, where
/// the crates' trait bounds hold).
trait EcdsaParams: EcCurve + ::ecdsa::EcdsaCurve {
    /// The host's name of this curve.
    const CURVE: EcdsaCurve;
    /// The message hash (FIPS 180-4): SHA-256 for P-256 and secp256k1, SHA-384 for P-384.
    type Hash: Digest + Clone + Send + Sync + 'static;
    /// RFC 6979 deterministic signature of `prehash` (a `Hash` digest); `None` if the primitive
    /// fails.
    fn sign_prehash(sk: &SigningKey<Self>, prehash: &[u8]) -> Option<EcdsaSig<Self>>;
    /// Whether `sig` is a valid signature of `prehash` under `vk` (FIPS 186-5 §6.4.2).
    fn verify_prehash(vk: &VerifyingKey<Self>, prehash: &[u8], sig: &EcdsaSig<Self>) -> bool;
    /// Parses a DER `ECDSA-Sig-Value`; `None` if malformed or `r`, `s` out of range.
    fn sig_from_der(der: &[u8]) -> Option<EcdsaSig<Self>>;
    /// Encodes `sig` as a DER `ECDSA-Sig-Value`.
    fn sig_to_der(sig: &EcdsaSig<Self>) -> Vec<u8>;
}

/// Implements [`EcdsaParams`] for a concrete RustCrypto curve type with its host name and hash.
macro_rules! ecdsa_params {
    ($curve_type:ty, $curve:expr, $hash:ty) => {
        impl EcdsaParams for $curve_type {
            const CURVE: EcdsaCurve = $curve;
            type Hash = $hash;

            fn sign_prehash(sk: &SigningKey<Self>, prehash: &[u8]) -> Option<EcdsaSig<Self>> {
                PrehashSigner::<EcdsaSig<Self>>::sign_prehash(sk, prehash).ok()
            }

            fn verify_prehash(
                vk: &VerifyingKey<Self>,
                prehash: &[u8],
                sig: &EcdsaSig<Self>,
            ) -> bool {
                PrehashVerifier::<EcdsaSig<Self>>::verify_prehash(vk, prehash, sig).is_ok()
            }

            fn sig_from_der(der: &[u8]) -> Option<EcdsaSig<Self>> {
                EcdsaSig::<Self>::from_der(der).ok()
            }

            fn sig_to_der(sig: &EcdsaSig<Self>) -> Vec<u8> {
                sig.to_der().as_bytes().to_vec()
            }
        }
    };
}

ecdsa_params!(p256::NistP256, EcdsaCurve::P256, sha2::Sha256);
ecdsa_params!(p384::NistP384, EcdsaCurve::P384, sha2::Sha384);
ecdsa_params!(k256::Secp256k1, EcdsaCurve::K256, sha2::Sha256);

/// Calls the generic function `$f::<Curve>($args…)` for the curve value `$curve`.
macro_rules! with_curve {
    ($curve:expr, $f:ident($($arg:expr),*)) => {
        match $curve {
            EcdsaCurve::P256 => $f::<p256::NistP256>($($arg),*),
            EcdsaCurve::P384 => $f::<p384::NistP384>($($arg),*),
            EcdsaCurve::K256 => $f::<k256::Secp256k1>($($arg),*),
        }
    };
}

/// The signature algorithm of curve `C`.
fn algorithm_of<C: EcdsaParams>() -> SignatureAlgorithm {
    SignatureAlgorithm::Ecdsa(C::CURVE)
}

/// An ECDSA key pair: the signing key (secret scalar, wiped on drop, and its public key).
struct EcdsaKeyPair<C: EcdsaParams> {
    sk: Arc<SigningKey<C>>,
}

/// An ECDSA public key: a point on `C`, validated on import (on the curve, not the identity).
struct EcdsaPublicKey<C: EcdsaParams> {
    pk: PublicKey<C>,
}

/// An ECDSA secret key: the signing key (secret scalar, wiped on drop).
struct EcdsaSecretKey<C: EcdsaParams> {
    sk: Arc<SigningKey<C>>,
}

impl<C: EcdsaParams> fmt::Debug for EcdsaKeyPair<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EcdsaKeyPair({}, …)", algorithm_of::<C>().name())
    }
}

impl<C: EcdsaParams> fmt::Debug for EcdsaPublicKey<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EcdsaPublicKey({}, …)", algorithm_of::<C>().name())
    }
}

impl<C: EcdsaParams> fmt::Debug for EcdsaSecretKey<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EcdsaSecretKey({}, …)", algorithm_of::<C>().name())
    }
}

/// The RustCrypto secret key of a signing key, for export (wiped on drop).
fn secret_of<C: EcdsaParams>(sk: &SigningKey<C>) -> SecretKey<C> {
    SecretKey::from(sk)
}

/// The public key of a signing key, as a public-key object.
fn public_of<C: EcdsaParams>(sk: &SigningKey<C>) -> PublicKeyHandle {
    Arc::new(EcdsaPublicKey {
        pk: PublicKey::from(sk.verifying_key()),
    })
}

impl<C: EcdsaParams> KeyPairOps for EcdsaKeyPair<C> {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        AsymmetricAlgorithm::Signature(algorithm_of::<C>())
    }

    /// `raw`: the big-endian secret scalar; `pkcs8`, `pem`: PKCS#8 (see [`ec`]).
    fn export(&self, encoding: KeyPairEncoding) -> Result<Vec<u8>> {
        ec::export_keypair(&secret_of(&self.sk), encoding)
    }

    fn public_key(&self) -> Result<PublicKeyHandle> {
        Ok(public_of(&self.sk))
    }

    fn secret_key(&self) -> Result<SecretKeyHandle> {
        Ok(Arc::new(EcdsaSecretKey {
            sk: Arc::clone(&self.sk),
        }))
    }

    /// A streaming signing state; the absorb limit does not apply (nothing is buffered).
    fn signature_state(
        &self,
        _absorb_limit: &crate::absorbed::AbsorbLimit,
        _signing: super::MlDsaSigning,
    ) -> Result<Box<dyn SignatureStateOps>> {
        Ok(Box::new(EcdsaSignatureState {
            sk: Arc::clone(&self.sk),
            hash: C::Hash::new(),
        }))
    }
}

impl<C: EcdsaParams> PublicKeyOps for EcdsaPublicKey<C> {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        AsymmetricAlgorithm::Signature(algorithm_of::<C>())
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

    /// A streaming verification state; the absorb limit does not apply (nothing is buffered).
    fn verification_state(
        &self,
        _absorb_limit: &crate::absorbed::AbsorbLimit,
    ) -> Result<Box<dyn VerificationStateOps>> {
        Ok(Box::new(EcdsaVerificationState {
            vk: VerifyingKey::from(&self.pk),
            hash: C::Hash::new(),
        }))
    }
}

impl<C: EcdsaParams> SecretKeyOps for EcdsaSecretKey<C> {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        AsymmetricAlgorithm::Signature(algorithm_of::<C>())
    }

    /// `raw`: big-endian scalar; `sec`: RFC 5915; `pkcs8`, `pem`: PKCS#8 (see [`ec`]).
    fn export(&self, encoding: SecretKeyEncoding) -> Result<Vec<u8>> {
        ec::export_secret_key(&secret_of(&self.sk), encoding)
    }

    fn public_key(&self) -> Result<PublicKeyHandle> {
        Ok(public_of(&self.sk))
    }

    /// `incompatible_keys` if `pk` is not an ECDSA key of this curve; `invalid_key` if it is not
    /// this secret key's public key.
    fn keypair_with(&self, pk: &dyn PublicKeyOps) -> Result<KeyPair> {
        let pk = downcast_public_key::<EcdsaPublicKey<C>>(pk)?;
        if pk.pk != PublicKey::from(self.sk.verifying_key()) {
            return Err(CryptoError::InvalidKey);
        }
        Ok(Arc::new(EcdsaKeyPair {
            sk: Arc::clone(&self.sk),
        }))
    }
}

/// A running ECDSA signature: the signing key and the hash of the message absorbed so far.
struct EcdsaSignatureState<C: EcdsaParams> {
    sk: Arc<SigningKey<C>>,
    hash: C::Hash,
}

impl<C: EcdsaParams> fmt::Debug for EcdsaSignatureState<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EcdsaSignatureState({}, …)", algorithm_of::<C>().name())
    }
}

impl<C: EcdsaParams> SignatureStateOps for EcdsaSignatureState<C> {
    fn algorithm(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::Ecdsa(C::CURVE)
    }
    fn update(&mut self, data: &[u8]) -> Result<()> {
        self.hash.update(data);
        Ok(())
    }

    /// The RFC 6979 signature (raw `r ‖ s`) of the digest so far; `algorithm_failure` if the
    /// primitive fails.
    fn sign(&mut self) -> Result<Signature> {
        let digest = self.hash.clone().finalize();
        let sig = C::sign_prehash(&self.sk, &digest).ok_or(CryptoError::AlgorithmFailure)?;
        Ok(Signature::new(algorithm_of::<C>(), sig.to_bytes().to_vec()))
    }
}

/// A running ECDSA verification: the public key and the hash of the message absorbed so far.
struct EcdsaVerificationState<C: EcdsaParams> {
    vk: VerifyingKey<C>,
    hash: C::Hash,
}

impl<C: EcdsaParams> fmt::Debug for EcdsaVerificationState<C> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "EcdsaVerificationState({}, …)",
            algorithm_of::<C>().name()
        )
    }
}

impl<C: EcdsaParams> VerificationStateOps for EcdsaVerificationState<C> {
    fn algorithm(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::Ecdsa(C::CURVE)
    }
    fn update(&mut self, data: &[u8]) -> Result<()> {
        self.hash.update(data);
        Ok(())
    }

    /// `invalid_signature` for a signature of another algorithm; `verification_failed` if it
    /// does not verify. High-S signatures are accepted (normalized first on secp256k1).
    fn verify(&self, signature: &Signature) -> Result<()> {
        if signature.algorithm() != algorithm_of::<C>() {
            return Err(CryptoError::InvalidSignature);
        }
        let sig = EcdsaSig::<C>::from_slice(signature.raw())
            .map_err(|_| CryptoError::InvalidSignature)?;
        let sig = if <C as ::ecdsa::EcdsaCurve>::NORMALIZE_S {
            sig.normalize_s()
        } else {
            sig
        };
        let digest = self.hash.clone().finalize();
        if C::verify_prehash(&self.vk, &digest, &sig) {
            Ok(())
        } else {
            Err(CryptoError::VerificationFailed)
        }
    }
}

/// [`generate`] on curve `C`.
fn generate_for<C: EcdsaParams>() -> Result<KeyPair> {
    let sk = ec::generate_secret_key::<C>()?;
    Ok(Arc::new(EcdsaKeyPair {
        sk: Arc::new(SigningKey::from(&sk)),
    }))
}

/// [`import_keypair`] on curve `C`.
fn import_keypair_for<C: EcdsaParams>(
    encoded: &[u8],
    encoding: KeyPairEncoding,
) -> Result<KeyPair> {
    let sk = ec::import_keypair::<C>(encoded, encoding)?;
    Ok(Arc::new(EcdsaKeyPair {
        sk: Arc::new(SigningKey::from(&sk)),
    }))
}

/// [`import_public_key`] on curve `C`.
fn import_public_key_for<C: EcdsaParams>(
    encoded: &[u8],
    encoding: PublicKeyEncoding,
) -> Result<PublicKeyHandle> {
    let pk = ec::import_public_key::<C>(encoded, encoding)?;
    Ok(Arc::new(EcdsaPublicKey { pk }))
}

/// [`import_secret_key`] on curve `C`.
fn import_secret_key_for<C: EcdsaParams>(
    encoded: &[u8],
    encoding: SecretKeyEncoding,
) -> Result<SecretKeyHandle> {
    let sk = ec::import_secret_key::<C>(encoded, encoding)?;
    Ok(Arc::new(EcdsaSecretKey {
        sk: Arc::new(SigningKey::from(&sk)),
    }))
}

/// Longest DER `ECDSA-Sig-Value` of curve `C`: two field-size integers with a sign byte each, plus
/// at most 9 bytes of headers (what `ecdsa::der` can hold).
fn max_der_len<C: EcdsaParams>() -> usize {
    2 * ec::field_len::<C>() + 9
}

/// [`signature_import`] on curve `C`.
fn signature_import_for<C: EcdsaParams>(
    encoded: &[u8],
    encoding: SignatureEncoding,
) -> Result<Vec<u8>> {
    let sig = match encoding {
        SignatureEncoding::Raw => EcdsaSig::<C>::from_slice(encoded).ok(),
        SignatureEncoding::Der if encoded.len() <= max_der_len::<C>() => C::sig_from_der(encoded),
        SignatureEncoding::Der => None,
    };
    sig.map(|sig| sig.to_bytes().to_vec())
        .ok_or(CryptoError::InvalidSignature)
}

/// [`signature_export`] on curve `C`.
fn signature_export_for<C: EcdsaParams>(
    raw: &[u8],
    encoding: SignatureEncoding,
) -> Result<Vec<u8>> {
    match encoding {
        SignatureEncoding::Raw => Ok(raw.to_vec()),
        SignatureEncoding::Der => {
            let sig = EcdsaSig::<C>::from_slice(raw).map_err(|_| CryptoError::InvalidSignature)?;
            Ok(C::sig_to_der(&sig))
        }
    }
}

/// `keypair_generate`: a fresh random key pair on `curve` (`rng_error` if the CSPRNG fails).
pub(crate) fn generate(curve: EcdsaCurve) -> Result<KeyPair> {
    with_curve!(curve, generate_for())
}

/// `keypair_import`: `raw` is the big-endian secret scalar (32 bytes for P-256 and secp256k1, 48
/// for P-384); `pkcs8`/`pem` PKCS#8 (PEM also SEC 1). Bad bytes → `invalid_key`; `local` →
/// `unsupported_encoding`.
pub(crate) fn import_keypair(
    curve: EcdsaCurve,
    encoded: &[u8],
    encoding: KeyPairEncoding,
) -> Result<KeyPair> {
    with_curve!(curve, import_keypair_for(encoded, encoding))
}

/// `publickey_import`: `raw`/`sec` a SEC 1 point (compressed or uncompressed), `pkcs8`
/// SubjectPublicKeyInfo DER, `pem` that in PEM. Bad bytes, off-curve or identity points →
/// `invalid_key`; `local` → `unsupported_encoding`.
pub(crate) fn import_public_key(
    curve: EcdsaCurve,
    encoded: &[u8],
    encoding: PublicKeyEncoding,
) -> Result<PublicKeyHandle> {
    with_curve!(curve, import_public_key_for(encoded, encoding))
}

/// `secretkey_import`: `raw` the big-endian scalar (field size), `sec` RFC 5915 DER, `pkcs8`
/// PKCS#8 DER, `pem` PKCS#8 or SEC 1 PEM. Bad bytes, zero or out-of-range scalars →
/// `invalid_key`; `local` → `unsupported_encoding`.
pub(crate) fn import_secret_key(
    curve: EcdsaCurve,
    encoded: &[u8],
    encoding: SecretKeyEncoding,
) -> Result<SecretKeyHandle> {
    with_curve!(curve, import_secret_key_for(encoded, encoding))
}

/// `signature_import`: the canonical raw `r ‖ s` (64 bytes for P-256 and secp256k1, 96 for
/// P-384) of a `raw` or `der` signature. Wrong length, unparsable DER, `r` or `s` zero or `≥ n`
/// → `invalid_signature`.
pub(crate) fn signature_import(
    curve: EcdsaCurve,
    encoded: &[u8],
    encoding: SignatureEncoding,
) -> Result<Vec<u8>> {
    with_curve!(curve, signature_import_for(encoded, encoding))
}

/// `signature_export`: `raw` returns `r ‖ s` as stored; `der` converts it to `ECDSA-Sig-Value`
/// DER (`invalid_signature` if `raw` is not a valid signature of `curve`, which cannot happen for
/// signatures this host made or imported).
pub(crate) fn signature_export(
    curve: EcdsaCurve,
    raw: &[u8],
    encoding: SignatureEncoding,
) -> Result<Vec<u8>> {
    with_curve!(curve, signature_export_for(raw, encoding))
}
