//! `Ed25519`: pure EdDSA over edwards25519 (RFC 8032 §5.1), through `ed25519-dalek`.
//!
//! # Encodings
//!
//! | object     | `raw`                                              | `pkcs8`                                 | `pem`         |
//! |------------|----------------------------------------------------|-----------------------------------------|---------------|
//! | key pair   | 64 bytes: seed (32) ‖ public key (32)              | PKCS#8 v1 DER (RFC 8410 §7)             | `PRIVATE KEY` |
//! | public key | 32 bytes: the encoded point A (RFC 8032 §5.1.5)    | SubjectPublicKeyInfo DER (RFC 8410 §4)  | `PUBLIC KEY`  |
//! | secret key | 32 bytes: the seed, RFC 8032's private key         | PKCS#8 v1 DER (RFC 8410 §7)             | `PRIVATE KEY` |
//! | signature  | 64 bytes: R (32) ‖ S (32, little-endian) (§5.1.6)  | —                                       | —             |
//!
//! PEM is RFC 7468 text (LF line endings on export) around the DER of the `pkcs8` column.
//!
//! `sec` and `local` are `unsupported_encoding` for every key object, `der` for signatures.
//!
//! Import rules:
//! - A raw key pair whose public half is not the public key of its seed → `invalid_key`.
//! - PKCS#8 import accepts v1 (no public key) and v2 (RFC 5958 `OneAsymmetricKey` with the public
//!   key); a v2 public key that does not match the seed → `invalid_key`. The algorithm must be
//!   `id-Ed25519` (1.3.101.112) without parameters. Key-pair and secret-key exports both write v1
//!   (48 bytes of DER, the form of RFC 8410 §10.3's first example): OpenSSL 3.0 and Python
//!   `cryptography` refuse v2, so v1 is the interoperable choice.
//! - A public key that is not a valid point encoding → `invalid_key` at import. Small-order
//!   ("weak") points import, but `publickey_verify` rejects them (`invalid_key`) and strict
//!   verification never accepts a signature under them.
//! - A signature that is not 64 bytes, or whose S is not canonical (S ≥ L, RFC 8032 §5.1.7 step 1)
//!   → `invalid_signature` at import. An R that is not a valid point is only found at
//!   verification: `verification_failed`.
//!
//! # Signing and verification
//!
//! Pure Ed25519 hashes the message twice, so the signature and verification states buffer the
//! whole message (wiped on drop). The buffer is bounded by the context's
//! [`Limits::max_absorbed_bytes`](crate::Limits); an `update` past it → `overflow` (and nothing of
//! it is kept). Verification is `verify_strict`: canonical S, no small-order R or public key.
//! A signature of another algorithm → `invalid_signature`; a well-formed signature that does not
//! verify → `verification_failed`.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use ed25519_dalek::pkcs8::{ALGORITHM_ID, ALGORITHM_OID};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use pkcs8::PrivateKeyInfoRef;
use pkcs8::der::SecretDocument;
use pkcs8::der::asn1::OctetStringRef;
use pkcs8::der::pem::{LineEnding, PemLabel};
use spki::DecodePublicKey;
use zeroize::Zeroizing;

use super::{Signature, SignatureAlgorithm};
use crate::absorbed::Absorbed;
use crate::asymmetric::{
    AsymmetricAlgorithm, KeyPair, KeyPairEncoding, KeyPairOps, PublicKey, PublicKeyEncoding,
    PublicKeyOps, SecretKey, SecretKeyEncoding, SecretKeyOps, SignatureEncoding, SignatureStateOps,
    VerificationStateOps, downcast_public_key, export_spki,
};
use crate::error::{CryptoError, Result};

/// Length of a seed (the RFC 8032 private key) in bytes.
const SEED_LEN: usize = 32;
/// Length of an encoded public key in bytes.
const PUBLIC_KEY_LEN: usize = 32;
/// Length of a raw key pair (seed ‖ public key) in bytes.
const KEYPAIR_LEN: usize = SEED_LEN + PUBLIC_KEY_LEN;
/// Length of a signature (R ‖ S) in bytes.
const SIGNATURE_LEN: usize = 64;

/// The order L of the base point (RFC 8032 §5.1), little-endian, as S is encoded. Used only to
/// reject non-canonical S values at `signature_import`; verification checks S again itself.
const GROUP_ORDER_LE: [u8; 32] = [
    0xed, 0xd3, 0xf5, 0x5c, 0x1a, 0x63, 0x12, 0x58, 0xd6, 0x9c, 0xf7, 0xa2, 0xde, 0xf9, 0xde, 0x14,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10,
];

/// The algorithm every object of this module reports.
const ALG: AsymmetricAlgorithm = AsymmetricAlgorithm::Signature(SignatureAlgorithm::Ed25519);

/// An Ed25519 key pair: the signing key (which caches its public key). The seed is wiped on drop.
#[derive(Clone)]
struct Ed25519KeyPair {
    key: SigningKey,
}

/// An Ed25519 public key (a decompressed point and its encoding).
#[derive(Clone, Copy)]
struct Ed25519PublicKey {
    key: VerifyingKey,
}

/// An Ed25519 secret key: the seed, kept as a signing key so the public key is at hand. Wiped on
/// drop.
#[derive(Clone)]
struct Ed25519SecretKey {
    key: SigningKey,
}

impl fmt::Debug for Ed25519KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Ed25519KeyPair(public {})",
            hex_prefix(self.key.verifying_key().as_bytes())
        )
    }
}

impl fmt::Debug for Ed25519PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Ed25519PublicKey({})", hex_prefix(self.key.as_bytes()))
    }
}

impl fmt::Debug for Ed25519SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Ed25519SecretKey(..)")
    }
}

/// The first bytes of a public value in hex, for `Debug` output.
fn hex_prefix(bytes: &[u8]) -> String {
    let mut s: String = bytes.iter().take(8).map(|b| format!("{b:02x}")).collect();
    s.push('…');
    s
}

/// A signing key from a 32-byte seed.
fn signing_key_from_seed(seed: &[u8]) -> Result<SigningKey> {
    if seed.len() != SEED_LEN {
        return Err(CryptoError::InvalidKey);
    }
    let mut bytes = Zeroizing::new([0u8; SEED_LEN]);
    bytes.copy_from_slice(seed);
    Ok(SigningKey::from_bytes(&bytes))
}

/// Checks that `public` (32 bytes) is the public key of `key`: `invalid_key` otherwise.
fn check_public_half(key: &SigningKey, public: &[u8]) -> Result<()> {
    if key.verifying_key().as_bytes().as_slice() == public {
        Ok(())
    } else {
        Err(CryptoError::InvalidKey)
    }
}

/// Parses a PKCS#8 `OneAsymmetricKey` (RFC 5958, v1 or v2) holding an Ed25519 key (RFC 8410 §7):
/// `invalid_key` for anything else, or for a v2 public key that is not the seed's.
fn signing_key_from_pkcs8(der: &[u8]) -> Result<SigningKey> {
    let info = PrivateKeyInfoRef::try_from(der).map_err(|_| CryptoError::InvalidKey)?;
    if info.algorithm.oid != ALGORITHM_OID || info.algorithm.parameters.is_some() {
        return Err(CryptoError::InvalidKey);
    }
    // CurvePrivateKey ::= OCTET STRING, nested in the privateKey OCTET STRING.
    let key = match info.private_key.as_bytes() {
        [0x04, 0x20, seed @ ..] => signing_key_from_seed(seed)?,
        _ => return Err(CryptoError::InvalidKey),
    };
    if let Some(public) = info.public_key {
        check_public_half(&key, public.as_bytes().ok_or(CryptoError::InvalidKey)?)?;
    }
    Ok(key)
}

/// Parses a PEM `PRIVATE KEY` document holding an Ed25519 PKCS#8 key.
fn signing_key_from_pem(encoded: &[u8]) -> Result<SigningKey> {
    let (label, doc) = SecretDocument::from_pem(crate::asymmetric::pem_text(encoded)?)
        .map_err(|_| CryptoError::InvalidKey)?;
    PrivateKeyInfoRef::validate_pem_label(label).map_err(|_| CryptoError::InvalidKey)?;
    signing_key_from_pkcs8(doc.as_bytes())
}

/// Encodes `key` as PKCS#8 v1 DER (RFC 8410 §7), without the optional public key.
fn pkcs8_document(key: &SigningKey) -> Result<SecretDocument> {
    let mut inner = Zeroizing::new([0u8; 2 + SEED_LEN]);
    // CurvePrivateKey: OCTET STRING (tag 0x04) of 32 (0x20) bytes.
    inner[0] = 0x04;
    inner[1] = 0x20;
    inner[2..].copy_from_slice(key.as_bytes());
    let private_key =
        OctetStringRef::new(inner.as_slice()).map_err(|_| CryptoError::InternalError)?;
    SecretDocument::encode_msg(&PrivateKeyInfoRef::new(ALGORITHM_ID, private_key))
        .map_err(|_| CryptoError::InternalError)
}

/// Exports a private key as PKCS#8 v1 DER or PEM.
fn export_private(key: &SigningKey, pem: bool) -> Result<Vec<u8>> {
    let doc = pkcs8_document(key)?;
    if pem {
        let text = doc
            .to_pem(PrivateKeyInfoRef::PEM_LABEL, LineEnding::LF)
            .map_err(|_| CryptoError::InternalError)?;
        Ok(text.as_bytes().to_vec())
    } else {
        Ok(doc.as_bytes().to_vec())
    }
}

/// `keypair_generate`: a fresh seed from the OS generator (`rng_error` if it fails).
pub(crate) fn generate() -> Result<KeyPair> {
    let mut seed = Zeroizing::new([0u8; SEED_LEN]);
    crate::rng::fill(seed.as_mut_slice())?;
    Ok(Arc::new(Ed25519KeyPair {
        key: SigningKey::from_bytes(&seed),
    }))
}

/// `keypair_import`: `raw` (seed ‖ public key, 64 bytes), `pkcs8` or `pem`.
pub(crate) fn import_keypair(encoded: &[u8], encoding: KeyPairEncoding) -> Result<KeyPair> {
    let key = match encoding {
        KeyPairEncoding::Raw => {
            if encoded.len() != KEYPAIR_LEN {
                return Err(CryptoError::InvalidKey);
            }
            let (seed, public) = encoded.split_at(SEED_LEN);
            let key = signing_key_from_seed(seed)?;
            check_public_half(&key, public)?;
            key
        }
        KeyPairEncoding::Pkcs8 => signing_key_from_pkcs8(encoded)?,
        KeyPairEncoding::Pem => signing_key_from_pem(encoded)?,
        KeyPairEncoding::Local => return Err(CryptoError::UnsupportedEncoding),
    };
    Ok(Arc::new(Ed25519KeyPair { key }))
}

/// `publickey_import`: `raw` (32 bytes), `pkcs8` (SPKI DER) or `pem`. An encoding that is not a
/// point → `invalid_key`.
pub(crate) fn import_public_key(encoded: &[u8], encoding: PublicKeyEncoding) -> Result<PublicKey> {
    let key = match encoding {
        PublicKeyEncoding::Raw => {
            let bytes: &[u8; PUBLIC_KEY_LEN] =
                encoded.try_into().map_err(|_| CryptoError::InvalidKey)?;
            VerifyingKey::from_bytes(bytes).map_err(|_| CryptoError::InvalidKey)?
        }
        PublicKeyEncoding::Pkcs8 => {
            VerifyingKey::from_public_key_der(encoded).map_err(|_| CryptoError::InvalidKey)?
        }
        PublicKeyEncoding::Pem => {
            VerifyingKey::from_public_key_pem(crate::asymmetric::pem_text(encoded)?)
                .map_err(|_| CryptoError::InvalidKey)?
        }
        PublicKeyEncoding::Sec | PublicKeyEncoding::Local => {
            return Err(CryptoError::UnsupportedEncoding);
        }
    };
    Ok(Arc::new(Ed25519PublicKey { key }))
}

/// `secretkey_import`: `raw` (the 32-byte seed), `pkcs8` or `pem`.
pub(crate) fn import_secret_key(encoded: &[u8], encoding: SecretKeyEncoding) -> Result<SecretKey> {
    let key = match encoding {
        SecretKeyEncoding::Raw => signing_key_from_seed(encoded)?,
        SecretKeyEncoding::Pkcs8 => signing_key_from_pkcs8(encoded)?,
        SecretKeyEncoding::Pem => signing_key_from_pem(encoded)?,
        SecretKeyEncoding::Sec | SecretKeyEncoding::Local => {
            return Err(CryptoError::UnsupportedEncoding);
        }
    };
    Ok(Arc::new(Ed25519SecretKey { key }))
}

/// Whether the little-endian scalar `s` is below the group order L.
fn is_canonical_scalar(s: &[u8]) -> bool {
    for (a, l) in s.iter().rev().zip(GROUP_ORDER_LE.iter().rev()) {
        if a != l {
            return a < l;
        }
    }
    false
}

/// `signature_import`: `raw` only (64 bytes R ‖ S, S < L); the canonical raw bytes.
pub(crate) fn signature_import(encoded: &[u8], encoding: SignatureEncoding) -> Result<Vec<u8>> {
    match encoding {
        SignatureEncoding::Raw => {}
        SignatureEncoding::Der => return Err(CryptoError::UnsupportedEncoding),
    }
    if encoded.len() != SIGNATURE_LEN || !is_canonical_scalar(&encoded[32..]) {
        return Err(CryptoError::InvalidSignature);
    }
    Ok(encoded.to_vec())
}

/// `signature_export`: `raw` only (the 64 bytes as stored).
pub(crate) fn signature_export(raw: &[u8], encoding: SignatureEncoding) -> Result<Vec<u8>> {
    match encoding {
        SignatureEncoding::Raw => Ok(raw.to_vec()),
        SignatureEncoding::Der => Err(CryptoError::UnsupportedEncoding),
    }
}

impl KeyPairOps for Ed25519KeyPair {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        ALG
    }

    fn export(&self, encoding: KeyPairEncoding) -> Result<Vec<u8>> {
        match encoding {
            KeyPairEncoding::Raw => {
                let mut raw = Vec::with_capacity(KEYPAIR_LEN);
                raw.extend_from_slice(self.key.as_bytes());
                raw.extend_from_slice(self.key.verifying_key().as_bytes());
                Ok(raw)
            }
            KeyPairEncoding::Pkcs8 => export_private(&self.key, false),
            KeyPairEncoding::Pem => export_private(&self.key, true),
            KeyPairEncoding::Local => Err(CryptoError::UnsupportedEncoding),
        }
    }

    fn public_key(&self) -> Result<PublicKey> {
        Ok(Arc::new(Ed25519PublicKey {
            key: self.key.verifying_key(),
        }))
    }

    fn secret_key(&self) -> Result<SecretKey> {
        Ok(Arc::new(Ed25519SecretKey {
            key: self.key.clone(),
        }))
    }

    fn signature_state(
        &self,
        absorb_limit: &crate::absorbed::AbsorbLimit,
        _signing: super::MlDsaSigning,
    ) -> Result<Box<dyn SignatureStateOps>> {
        Ok(Box::new(Ed25519SignatureState {
            key: self.key.clone(),
            message: Absorbed::new(absorb_limit),
        }))
    }
}

impl PublicKeyOps for Ed25519PublicKey {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        ALG
    }

    fn export(&self, encoding: PublicKeyEncoding) -> Result<Vec<u8>> {
        match encoding {
            PublicKeyEncoding::Raw => Ok(self.key.as_bytes().to_vec()),
            _ => export_spki(&self.key, encoding),
        }
    }

    /// Rejects small-order points (`invalid_key`); every imported key is a valid point already.
    fn verify(&self) -> Result<()> {
        if self.key.is_weak() {
            Err(CryptoError::InvalidKey)
        } else {
            Ok(())
        }
    }

    fn as_any(&self) -> &dyn Any {
        self
    }

    fn verification_state(
        &self,
        absorb_limit: &crate::absorbed::AbsorbLimit,
    ) -> Result<Box<dyn VerificationStateOps>> {
        Ok(Box::new(Ed25519VerificationState {
            key: self.key,
            message: Absorbed::new(absorb_limit),
        }))
    }
}

impl SecretKeyOps for Ed25519SecretKey {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        ALG
    }

    fn export(&self, encoding: SecretKeyEncoding) -> Result<Vec<u8>> {
        match encoding {
            SecretKeyEncoding::Raw => Ok(self.key.as_bytes().to_vec()),
            SecretKeyEncoding::Pkcs8 => export_private(&self.key, false),
            SecretKeyEncoding::Pem => export_private(&self.key, true),
            SecretKeyEncoding::Sec | SecretKeyEncoding::Local => {
                Err(CryptoError::UnsupportedEncoding)
            }
        }
    }

    fn public_key(&self) -> Result<PublicKey> {
        Ok(Arc::new(Ed25519PublicKey {
            key: self.key.verifying_key(),
        }))
    }

    fn keypair_with(&self, pk: &dyn PublicKeyOps) -> Result<KeyPair> {
        let pk = downcast_public_key::<Ed25519PublicKey>(pk)?;
        if pk.key != self.key.verifying_key() {
            return Err(CryptoError::InvalidKey);
        }
        Ok(Arc::new(Ed25519KeyPair {
            key: self.key.clone(),
        }))
    }
}

/// `signature_state_*` for Ed25519: the signing key and the buffered message.
struct Ed25519SignatureState {
    key: SigningKey,
    message: Absorbed,
}

impl fmt::Debug for Ed25519SignatureState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Ed25519SignatureState({} bytes buffered)",
            self.message.len()
        )
    }
}

impl SignatureStateOps for Ed25519SignatureState {
    fn algorithm(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::Ed25519
    }
    fn update(&mut self, data: &[u8]) -> Result<()> {
        self.message.push(data)
    }
    fn update_room(&self) -> usize {
        self.message.room()
    }

    fn sign(&mut self) -> Result<Signature> {
        let signature = self
            .key
            .try_sign(self.message.bytes()?)
            .map_err(|_| CryptoError::AlgorithmFailure)?;
        Ok(Signature::new(
            SignatureAlgorithm::Ed25519,
            signature.to_vec(),
        ))
    }
}

/// `signature_verification_state_*` for Ed25519: the public key and the buffered message.
struct Ed25519VerificationState {
    key: VerifyingKey,
    message: Absorbed,
}

impl fmt::Debug for Ed25519VerificationState {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "Ed25519VerificationState({} bytes buffered)",
            self.message.len()
        )
    }
}

impl VerificationStateOps for Ed25519VerificationState {
    fn algorithm(&self) -> SignatureAlgorithm {
        SignatureAlgorithm::Ed25519
    }
    fn update(&mut self, data: &[u8]) -> Result<()> {
        self.message.push(data)
    }
    fn update_room(&self) -> usize {
        self.message.room()
    }

    fn verify(&self, signature: &Signature) -> Result<()> {
        if signature.algorithm() != SignatureAlgorithm::Ed25519 {
            return Err(CryptoError::InvalidSignature);
        }
        let bytes: &[u8; SIGNATURE_LEN] = signature
            .raw()
            .try_into()
            .map_err(|_| CryptoError::InvalidSignature)?;
        let signature = ed25519_dalek::Signature::from_bytes(bytes);
        self.key
            .verify_strict(self.message.bytes()?, &signature)
            .map_err(|_| CryptoError::VerificationFailed)
    }
}
