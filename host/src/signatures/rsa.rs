//! RSA signatures (RFC 8017) through the `rsa` crate: `RSA_PKCS1_<bits>_<hash>` is RSASSA-PKCS1-v1_5
//! (§8.2) and `RSA_PSS_<bits>_<hash>` is RSASSA-PSS (§8.1) with MGF1 over the same hash and a salt
//! of the hash's length (32, 48 or 64 bytes). Twelve names: 2048 bits with SHA-256, SHA-384 or
//! SHA-512; 3072 bits with SHA-384 or SHA-512; 4096 bits with SHA-512; each with both paddings.
//!
//! # Keys
//!
//! The modulus must have exactly the number of bits in the algorithm's name: a 3072-bit key
//! imported under a 2048 name is `invalid_key`. Private keys are fully validated on import
//! (p·q = n, d·e ≡ 1 mod p−1 and q−1, 2 ≤ e ≤ 2³³−1, two primes only); encoded keys longer than
//! 16 KiB are rejected before parsing (`invalid_key`). `keypair_generate` makes a two-prime key with
//! e = 65537 from the OS generator.
//!
//! | object     | `pkcs8`                                                         | `pem`         |
//! |------------|-----------------------------------------------------------------|---------------|
//! | key pair   | PKCS#8 v1 DER (RFC 5208): `rsaEncryption` + PKCS#1 RSAPrivateKey (RFC 8017 §A.1.2) | `PRIVATE KEY` |
//! | secret key | the same document as the key pair                               | `PRIVATE KEY` |
//! | public key | SubjectPublicKeyInfo DER (RFC 5280; RFC 3279 §2.3.1)            | `PUBLIC KEY`  |
//!
//! PEM is RFC 7468 text (LF line endings on export) around the DER of the `pkcs8` column.
//! Import also accepts the `id-RSASSA-PSS` key OID without parameters (RFC 4055 §3.1); export
//! always writes `rsaEncryption`. The CRT values of an imported key are recomputed, not trusted.
//!
//! `raw` is `unsupported_encoding` for every RSA key object: the proposal defines no raw layout
//! for RSA keys, and re-labelling PKCS#1 DER as "raw" would only add a second name for what
//! `pkcs8` already carries (the proposal's reference implementation has no raw RSA keys either).
//! `sec` and `local` are `unsupported_encoding` too.
//!
//! # Signatures
//!
//! `raw` is the RFC 8017 signature octet string: exactly `bits / 8` bytes, big-endian, left-padded
//! with zeros (I2OSP). Another length → `invalid_signature` at import; `der` is
//! `unsupported_encoding`. The states hash the message incrementally (nothing is buffered) and sign
//! or verify the digest of everything absorbed so far; the state stays usable. A signature of
//! another algorithm → `invalid_signature`; a signature that does not verify (including a value
//! ≥ n, or a PSS salt of another length) → `verification_failed`.
//!
//! # Security: RUSTSEC-2023-0071 ("Marvin Attack")
//!
//! The `rsa` crate is subject to advisory RUSTSEC-2023-0071 (CVE-2023-49092): timing of its
//! private-key operation can leak information usable to decrypt or sign without the key, and no
//! patched release exists (the crate's own documentation for 0.10.0 still calls it vulnerable).
//! This host never decrypts with RSA — the only private-key operation reachable from a guest is
//! signing — and every signature is computed with RSA blinding from the OS generator, which masks
//! the timing of the exponentiation but is not a proof of constant time. Embedders whose
//! attackers can time signing operations with a secret RSA key (e.g. over a network) should prefer
//! Ed25519 or ECDSA, or disable the RSA names.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use der::oid::AssociatedOid;
use pkcs8::der::pem::LineEnding;
use pkcs8::{DecodePrivateKey, EncodePrivateKey};
use rsa::traits::PublicKeyParts;
use sha2::digest::FixedOutputReset;
use sha2::{Digest, Sha256, Sha384, Sha512};
use spki::DecodePublicKey;

use super::{RsaHash, Signature, SignatureAlgorithm};
use crate::asymmetric::{
    AsymmetricAlgorithm, KeyPair, KeyPairEncoding, KeyPairOps, PublicKey, PublicKeyEncoding,
    PublicKeyOps, SecretKey, SecretKeyEncoding, SecretKeyOps, SignatureEncoding, SignatureStateOps,
    VerificationStateOps, downcast_public_key, export_spki,
};
use crate::error::{CryptoError, Result};

/// Longest encoded key (DER or PEM) this host parses, in bytes. A 4096-bit PKCS#8 PEM key is
/// about 3.3 KiB; the bound keeps hostile inputs from making validation arbitrarily slow.
const MAX_ENCODED_KEY_LEN: usize = 16 * 1024;

/// Largest public exponent accepted (the `rsa` crate's bound, 2³³ − 1).
const MAX_PUBLIC_EXPONENT: u64 = (1 << 33) - 1;

/// The parameters of one RSA signature algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Params {
    alg: SignatureAlgorithm,
    /// Modulus size in bits.
    bits: usize,
    hash: RsaHash,
    /// RSASSA-PSS if true, RSASSA-PKCS1-v1_5 otherwise.
    pss: bool,
}

impl Params {
    /// The parameters of `alg`; `unsupported_algorithm` if it is not an RSA algorithm.
    fn of(alg: SignatureAlgorithm) -> Result<Self> {
        match alg {
            SignatureAlgorithm::RsaPkcs1 { bits, hash } => Ok(Params {
                alg,
                bits,
                hash,
                pss: false,
            }),
            SignatureAlgorithm::RsaPss { bits, hash } => Ok(Params {
                alg,
                bits,
                hash,
                pss: true,
            }),
            _ => Err(CryptoError::UnsupportedAlgorithm),
        }
    }

    /// Length of a signature (and of the modulus) in bytes.
    fn signature_len(self) -> usize {
        self.bits.div_ceil(8)
    }

    /// The algorithm as the asymmetric objects report it.
    fn asymmetric(self) -> AsymmetricAlgorithm {
        AsymmetricAlgorithm::Signature(self.alg)
    }

    /// The hash's object identifier and output length in bytes.
    fn hash_oid_and_len(self) -> (der::oid::ObjectIdentifier, usize) {
        match self.hash {
            RsaHash::Sha256 => (Sha256::OID, 32),
            RsaHash::Sha384 => (Sha384::OID, 48),
            RsaHash::Sha512 => (Sha512::OID, 64),
        }
    }

    /// `invalid_key` unless the modulus of `key` has exactly `bits` bits.
    fn check_modulus(self, key: &impl PublicKeyParts) -> Result<()> {
        if key.n().bit_width() as usize == self.bits {
            Ok(())
        } else {
            Err(CryptoError::InvalidKey)
        }
    }
}

/// An RSA key pair: the algorithm and the private key (whose components are wiped on drop).
struct RsaKeyPair {
    params: Params,
    key: Arc<rsa::PrivateKey>,
}

/// An RSA secret key: the same private key as a key pair, under its own handle kind.
struct RsaSecretKey {
    params: Params,
    key: Arc<rsa::PrivateKey>,
}

/// An RSA public key (n, e).
struct RsaPublicKey {
    params: Params,
    key: rsa::PublicKey,
}

impl fmt::Debug for RsaKeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RsaKeyPair({})", self.params.alg.name())
    }
}

impl fmt::Debug for RsaSecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RsaSecretKey({})", self.params.alg.name())
    }
}

impl fmt::Debug for RsaPublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RsaPublicKey({})", self.params.alg.name())
    }
}

/// `id-RSASSA-PSS` (RFC 4055 §3.1, RFC 8017 Appendix C).
const ID_RSASSA_PSS: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
/// `id-mgf1` (RFC 8017 Appendix B.2.1).
const ID_MGF1: der::oid::ObjectIdentifier =
    der::oid::ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.8");

/// Decodes a `SubjectPublicKeyInfo` DER public key. Besides `rsaEncryption`, a PSS algorithm
/// accepts `id-RSASSA-PSS` (RFC 4055 §3.1) without parameters, or with parameters that match its
/// name: the hash, MGF1 with the same hash, salt length = hash length, trailer field 1. Anything
/// else — other parameters, or an `id-RSASSA-PSS` key for a PKCS#1 v1.5 name — is `invalid_key`.
fn public_key_from_spki(params: Params, der: &[u8]) -> Result<rsa::PublicKey> {
    fn invalid<E>(_: E) -> CryptoError {
        CryptoError::InvalidKey
    }
    let spki = spki::SubjectPublicKeyInfoRef::try_from(der).map_err(invalid)?;
    if spki.algorithm.oid != ID_RSASSA_PSS {
        return rsa::PublicKey::from_public_key_der(der).map_err(invalid);
    }
    if !params.pss {
        return Err(CryptoError::InvalidKey);
    }
    if let Some(encoded) = &spki.algorithm.parameters {
        let encoded = der::Encode::to_der(encoded).map_err(invalid)?;
        let pss = rsa::pkcs1::RsaPssParamsOwned::try_from(encoded.as_slice()).map_err(invalid)?;
        let (hash, hash_len) = params.hash_oid_and_len();
        let mgf_hash = pss.mask_gen.parameters.as_ref().map(|h| h.oid);
        if pss.hash.oid != hash
            || pss.mask_gen.oid != ID_MGF1
            || mgf_hash != Some(hash)
            || usize::from(pss.salt_len) != hash_len
            || pss.trailer_field != rsa::pkcs1::TrailerField::BC
        {
            return Err(CryptoError::InvalidKey);
        }
    }
    let key = spki
        .subject_public_key
        .as_bytes()
        .ok_or(CryptoError::InvalidKey)?;
    rsa::pkcs1::DecodeRsaPublicKey::from_pkcs1_der(key).map_err(invalid)
}

/// `invalid_key` for an encoded key over [`MAX_ENCODED_KEY_LEN`].
fn check_encoded_len(encoded: &[u8]) -> Result<()> {
    if encoded.len() > MAX_ENCODED_KEY_LEN {
        Err(CryptoError::InvalidKey)
    } else {
        Ok(())
    }
}

/// Maps an `rsa` error of a private-key operation: `rng_error` for the generator, else
/// `algorithm_failure`.
fn operation_error(e: rsa::Error) -> CryptoError {
    match e {
        rsa::Error::Rng => CryptoError::RngError,
        _ => CryptoError::AlgorithmFailure,
    }
}

/// Parses a PKCS#8 (DER or PEM) private key of `params`' modulus size.
fn import_private(params: Params, encoded: &[u8], pem: bool) -> Result<Arc<rsa::PrivateKey>> {
    check_encoded_len(encoded)?;
    let key = if pem {
        rsa::PrivateKey::from_pkcs8_pem(crate::asymmetric::pem_text(encoded)?)
    } else {
        rsa::PrivateKey::from_pkcs8_der(encoded)
    }
    .map_err(|_| CryptoError::InvalidKey)?;
    params.check_modulus(&key)?;
    Ok(Arc::new(key))
}

/// Exports a private key as PKCS#8 DER or PEM.
fn export_private(key: &rsa::PrivateKey, pem: bool) -> Result<Vec<u8>> {
    if pem {
        let text = key
            .to_pkcs8_pem(LineEnding::LF)
            .map_err(|_| CryptoError::InternalError)?;
        Ok(text.as_bytes().to_vec())
    } else {
        Ok(key
            .to_pkcs8_der()
            .map_err(|_| CryptoError::InternalError)?
            .as_bytes()
            .to_vec())
    }
}

/// `keypair_generate`: a two-prime key of the algorithm's size with e = 65537 (`rng_error` if the
/// OS generator fails). The prime search takes a variable time, up to seconds for 4096 bits.
pub(crate) fn generate(alg: SignatureAlgorithm) -> Result<KeyPair> {
    let params = Params::of(alg)?;
    let key = rsa::PrivateKey::new(&mut getrandom::SysRng, params.bits).map_err(operation_error)?;
    params
        .check_modulus(&key)
        .map_err(|_| CryptoError::AlgorithmFailure)?;
    Ok(Arc::new(RsaKeyPair {
        params,
        key: Arc::new(key),
    }))
}

/// `keypair_import`: `pkcs8` or `pem`; `raw` and `local` → `unsupported_encoding`.
pub(crate) fn import_keypair(
    alg: SignatureAlgorithm,
    encoded: &[u8],
    encoding: KeyPairEncoding,
) -> Result<KeyPair> {
    let params = Params::of(alg)?;
    let key = match encoding {
        KeyPairEncoding::Pkcs8 => import_private(params, encoded, false)?,
        KeyPairEncoding::Pem => import_private(params, encoded, true)?,
        KeyPairEncoding::Raw | KeyPairEncoding::Local => {
            return Err(CryptoError::UnsupportedEncoding);
        }
    };
    Ok(Arc::new(RsaKeyPair { params, key }))
}

/// `publickey_import`: `pkcs8` (SPKI DER) or `pem`; `raw`, `sec` and `local` →
/// `unsupported_encoding`.
pub(crate) fn import_public_key(
    alg: SignatureAlgorithm,
    encoded: &[u8],
    encoding: PublicKeyEncoding,
) -> Result<PublicKey> {
    let params = Params::of(alg)?;
    let key = match encoding {
        PublicKeyEncoding::Pkcs8 => {
            check_encoded_len(encoded)?;
            public_key_from_spki(params, encoded)?
        }
        PublicKeyEncoding::Pem => {
            check_encoded_len(encoded)?;
            let (label, der) =
                der::pem::decode_vec(crate::asymmetric::pem_text(encoded)?.as_bytes())
                    .map_err(|_| CryptoError::InvalidKey)?;
            if label != "PUBLIC KEY" {
                return Err(CryptoError::InvalidKey);
            }
            public_key_from_spki(params, &der)?
        }
        PublicKeyEncoding::Raw | PublicKeyEncoding::Sec | PublicKeyEncoding::Local => {
            return Err(CryptoError::UnsupportedEncoding);
        }
    };
    params.check_modulus(&key)?;
    Ok(Arc::new(RsaPublicKey { params, key }))
}

/// `secretkey_import`: `pkcs8` or `pem` (the same documents as key pairs); `raw`, `sec` and
/// `local` → `unsupported_encoding`.
pub(crate) fn import_secret_key(
    alg: SignatureAlgorithm,
    encoded: &[u8],
    encoding: SecretKeyEncoding,
) -> Result<SecretKey> {
    let params = Params::of(alg)?;
    let key = match encoding {
        SecretKeyEncoding::Pkcs8 => import_private(params, encoded, false)?,
        SecretKeyEncoding::Pem => import_private(params, encoded, true)?,
        SecretKeyEncoding::Raw | SecretKeyEncoding::Sec | SecretKeyEncoding::Local => {
            return Err(CryptoError::UnsupportedEncoding);
        }
    };
    Ok(Arc::new(RsaSecretKey { params, key }))
}

/// `signature_import`: `raw` only, exactly `bits / 8` bytes (`invalid_signature` otherwise).
pub(crate) fn signature_import(
    alg: SignatureAlgorithm,
    encoded: &[u8],
    encoding: SignatureEncoding,
) -> Result<Vec<u8>> {
    let params = Params::of(alg)?;
    match encoding {
        SignatureEncoding::Raw if encoded.len() == params.signature_len() => Ok(encoded.to_vec()),
        SignatureEncoding::Raw => Err(CryptoError::InvalidSignature),
        SignatureEncoding::Der => Err(CryptoError::UnsupportedEncoding),
    }
}

/// `signature_export`: `raw` only (the stored bytes).
pub(crate) fn signature_export(
    alg: SignatureAlgorithm,
    raw: &[u8],
    encoding: SignatureEncoding,
) -> Result<Vec<u8>> {
    Params::of(alg)?;
    match encoding {
        SignatureEncoding::Raw => Ok(raw.to_vec()),
        SignatureEncoding::Der => Err(CryptoError::UnsupportedEncoding),
    }
}

impl KeyPairOps for RsaKeyPair {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        self.params.asymmetric()
    }

    fn export(&self, encoding: KeyPairEncoding) -> Result<Vec<u8>> {
        match encoding {
            KeyPairEncoding::Pkcs8 => export_private(&self.key, false),
            KeyPairEncoding::Pem => export_private(&self.key, true),
            KeyPairEncoding::Raw | KeyPairEncoding::Local => Err(CryptoError::UnsupportedEncoding),
        }
    }

    fn public_key(&self) -> Result<PublicKey> {
        Ok(Arc::new(RsaPublicKey {
            params: self.params,
            key: self.key.to_public_key(),
        }))
    }

    fn secret_key(&self) -> Result<SecretKey> {
        Ok(Arc::new(RsaSecretKey {
            params: self.params,
            key: Arc::clone(&self.key),
        }))
    }

    fn signature_state(
        &self,
        _absorb_limit: &crate::absorbed::AbsorbLimit,
        _signing: super::MlDsaSigning,
    ) -> Result<Box<dyn SignatureStateOps>> {
        Ok(Box::new(RsaSignatureState {
            params: self.params,
            key: Arc::clone(&self.key),
            hasher: Hasher::new(self.params.hash),
        }))
    }
}

impl PublicKeyOps for RsaPublicKey {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        self.params.asymmetric()
    }

    fn export(&self, encoding: PublicKeyEncoding) -> Result<Vec<u8>> {
        // SubjectPublicKeyInfo only: RSA has no `raw` or `sec` public key here.
        export_spki(&self.key, encoding)
    }

    /// `invalid_key` unless the modulus is odd with exactly `bits` bits and the exponent is odd
    /// with 3 ≤ e ≤ 2³³ − 1 (and so below n).
    fn verify(&self) -> Result<()> {
        self.params.check_modulus(&self.key)?;
        let e = self.key.e_bytes();
        let e = match e.len() {
            1..=8 => e.iter().fold(0u64, |acc, b| (acc << 8) | u64::from(*b)),
            _ => return Err(CryptoError::InvalidKey),
        };
        let n_odd = self.key.n_bytes().last().is_some_and(|b| b & 1 == 1);
        if n_odd && e >= 3 && e % 2 == 1 && e <= MAX_PUBLIC_EXPONENT {
            Ok(())
        } else {
            Err(CryptoError::InvalidKey)
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn verification_state(
        &self,
        _absorb_limit: &crate::absorbed::AbsorbLimit,
    ) -> Result<Box<dyn VerificationStateOps>> {
        Ok(Box::new(RsaVerificationState {
            params: self.params,
            key: self.key.clone(),
            hasher: Hasher::new(self.params.hash),
        }))
    }
}

impl SecretKeyOps for RsaSecretKey {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        self.params.asymmetric()
    }

    fn export(&self, encoding: SecretKeyEncoding) -> Result<Vec<u8>> {
        match encoding {
            SecretKeyEncoding::Pkcs8 => export_private(&self.key, false),
            SecretKeyEncoding::Pem => export_private(&self.key, true),
            SecretKeyEncoding::Raw | SecretKeyEncoding::Sec | SecretKeyEncoding::Local => {
                Err(CryptoError::UnsupportedEncoding)
            }
        }
    }

    fn public_key(&self) -> Result<PublicKey> {
        Ok(Arc::new(RsaPublicKey {
            params: self.params,
            key: self.key.to_public_key(),
        }))
    }

    fn keypair_with(&self, pk: &dyn PublicKeyOps) -> Result<KeyPair> {
        let pk = downcast_public_key::<RsaPublicKey>(pk)?;
        if pk.params != self.params {
            return Err(CryptoError::IncompatibleKeys);
        }
        if pk.key != *self.key.as_public_key() {
            return Err(CryptoError::InvalidKey);
        }
        Ok(Arc::new(RsaKeyPair {
            params: self.params,
            key: Arc::clone(&self.key),
        }))
    }
}

/// The running hash of a signature or verification state (SHA-2, FIPS 180-4).
#[derive(Clone)]
enum Hasher {
    Sha256(Sha256),
    Sha384(Sha384),
    Sha512(Sha512),
}

impl Hasher {
    /// A fresh hash of the algorithm's digest.
    fn new(hash: RsaHash) -> Self {
        match hash {
            RsaHash::Sha256 => Hasher::Sha256(Sha256::new()),
            RsaHash::Sha384 => Hasher::Sha384(Sha384::new()),
            RsaHash::Sha512 => Hasher::Sha512(Sha512::new()),
        }
    }

    /// Absorbs `data`.
    fn update(&mut self, data: &[u8]) {
        match self {
            Hasher::Sha256(h) => Digest::update(h, data),
            Hasher::Sha384(h) => Digest::update(h, data),
            Hasher::Sha512(h) => Digest::update(h, data),
        }
    }

    /// Signs the digest of everything absorbed so far (the hasher keeps running).
    fn sign(&self, key: &rsa::PrivateKey, pss: bool) -> Result<Vec<u8>> {
        match self {
            Hasher::Sha256(h) => sign_digest::<Sha256>(key, pss, &h.clone().finalize()),
            Hasher::Sha384(h) => sign_digest::<Sha384>(key, pss, &h.clone().finalize()),
            Hasher::Sha512(h) => sign_digest::<Sha512>(key, pss, &h.clone().finalize()),
        }
    }

    /// Verifies `signature` over the digest of everything absorbed so far.
    fn verify(&self, key: &rsa::PublicKey, pss: bool, signature: &[u8]) -> Result<()> {
        match self {
            Hasher::Sha256(h) => {
                verify_digest::<Sha256>(key, pss, &h.clone().finalize(), signature)
            }
            Hasher::Sha384(h) => {
                verify_digest::<Sha384>(key, pss, &h.clone().finalize(), signature)
            }
            Hasher::Sha512(h) => {
                verify_digest::<Sha512>(key, pss, &h.clone().finalize(), signature)
            }
        }
    }
}

/// RSASSA-PSS or RSASSA-PKCS1-v1_5 signature of the digest `hashed` (made with `D`), blinded with
/// the OS generator.
fn sign_digest<D>(key: &rsa::PrivateKey, pss: bool, hashed: &[u8]) -> Result<Vec<u8>>
where
    D: Digest + AssociatedOid + FixedOutputReset,
{
    let mut rng = getrandom::SysRng;
    if pss {
        key.pss_sign_prehash_with_rng::<D, _>(&mut rng, hashed)
    } else {
        key.pkcs1v15_sign_prehash_with_rng::<D, _>(&mut rng, hashed)
    }
    .map_err(operation_error)
}

/// Verifies an RSASSA-PSS (salt = hash length) or RSASSA-PKCS1-v1_5 signature over the digest
/// `hashed`: `verification_failed` on any mismatch.
fn verify_digest<D>(key: &rsa::PublicKey, pss: bool, hashed: &[u8], signature: &[u8]) -> Result<()>
where
    D: Digest + AssociatedOid + FixedOutputReset,
{
    if pss {
        key.pss_verify_prehash::<D>(hashed, signature)
    } else {
        key.pkcs1v15_verify_prehash::<D>(hashed, signature)
    }
    .map_err(|_| CryptoError::VerificationFailed)
}

/// `signature_state_*` for RSA: the private key and the running hash of the message.
struct RsaSignatureState {
    params: Params,
    key: Arc<rsa::PrivateKey>,
    hasher: Hasher,
}

impl fmt::Debug for RsaSignatureState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RsaSignatureState({})", self.params.alg.name())
    }
}

impl SignatureStateOps for RsaSignatureState {
    fn algorithm(&self) -> SignatureAlgorithm {
        self.params.alg
    }
    fn update(&mut self, data: &[u8]) -> Result<()> {
        self.hasher.update(data);
        Ok(())
    }

    fn sign(&mut self) -> Result<Signature> {
        let raw = self.hasher.sign(&self.key, self.params.pss)?;
        if raw.len() != self.params.signature_len() {
            return Err(CryptoError::AlgorithmFailure);
        }
        Ok(Signature::new(self.params.alg, raw))
    }
}

/// `signature_verification_state_*` for RSA: the public key and the running hash of the message.
struct RsaVerificationState {
    params: Params,
    key: rsa::PublicKey,
    hasher: Hasher,
}

impl fmt::Debug for RsaVerificationState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "RsaVerificationState({})", self.params.alg.name())
    }
}

impl VerificationStateOps for RsaVerificationState {
    fn algorithm(&self) -> SignatureAlgorithm {
        self.params.alg
    }
    fn update(&mut self, data: &[u8]) -> Result<()> {
        self.hasher.update(data);
        Ok(())
    }

    fn verify(&self, signature: &Signature) -> Result<()> {
        if signature.algorithm() != self.params.alg {
            return Err(CryptoError::InvalidSignature);
        }
        if signature.raw().len() != self.params.signature_len() {
            return Err(CryptoError::InvalidSignature);
        }
        self.hasher
            .verify(&self.key, self.params.pss, signature.raw())
    }
}
