//! Drop-in for [`ed25519-dalek`](https://docs.rs/ed25519-dalek): Ed25519 (RFC 8032 §5.1)
//! signatures computed by the host, the secret key kept in the host.
//!
//! | item | shape |
//! |---|---|
//! | [`SigningKey`] | a host `Ed25519` key pair; [`SecretKey`]: the 32-byte seed |
//! | [`VerifyingKey`] | a host public key; 32 bytes (RFC 8032 §5.1.5 encoding) |
//! | [`Signature`] | the `ed25519` crate's type (the one `ed25519-dalek` uses): 64 bytes `R ‖ S` |
//!
//! `SigningKey` implements `signature::{Signer, Verifier, Keypair}`, `VerifyingKey`
//! `signature::Verifier`: signatures are deterministic (RFC 8032), so they equal
//! `ed25519-dalek`'s byte for byte.
//!
//! ```
//! # if !cfg!(target_arch = "wasm32") { return; } // the hostcalls need a WASI-Crypto host
//! use signature::{Signer, Verifier};
//! use wasicrypt::ed25519::SigningKey;
//!
//! let key = SigningKey::from_bytes(&[0x9d; 32]);
//! let signature = key.sign(b"message");
//! assert!(key.verifying_key().verify(b"message", &signature).is_ok());
//! assert!(key.verifying_key().verify(b"massage", &signature).is_err());
//! ```

use core::fmt;

pub use ed25519::Signature;
pub use signature::{self, Keypair, Signer, Verifier};

use crate::rustcrypto::{host_failure, signature_error};
use crate::{
    Error, ErrorKind, KeyPairEncoding, PublicKeyEncoding, Result, SecretKeyEncoding,
    SignatureEncoding, SignatureKeyPair, SignaturePublicKey, SignatureSecretKey,
};

/// The host algorithm name.
pub const ALGORITHM: &str = "Ed25519";
/// Length of a [`SecretKey`] (the seed) in bytes.
pub const SECRET_KEY_LENGTH: usize = 32;
/// Length of an encoded [`VerifyingKey`] in bytes.
pub const PUBLIC_KEY_LENGTH: usize = 32;
/// Length of a [`Signature`] in bytes.
pub const SIGNATURE_LENGTH: usize = 64;

/// An Ed25519 secret key: the 32-byte seed of RFC 8032 §5.1.5.
pub type SecretKey = [u8; SECRET_KEY_LENGTH];

/// An Ed25519 signing key: a host key pair and its public half.
///
/// # Panics
/// [`SigningKey::from_bytes`], [`SigningKey::to_bytes`] and `Signer::sign` panic if the host
/// fails the call (it does not offer `Ed25519`, or the embedder's limits refuse it);
/// [`SigningKey::try_from_bytes`] and `Signer::try_sign` return the error instead.
pub struct SigningKey {
    keypair: SignatureKeyPair,
    verifying_key: VerifyingKey,
}

impl SigningKey {
    /// The key of a 32-byte seed (`signature_secretkey_import` raw, then the public key and
    /// `signature_keypair_from_pk_and_sk`).
    ///
    /// # Panics
    /// If the host fails the call; see [`SigningKey::try_from_bytes`].
    pub fn from_bytes(secret_key: &SecretKey) -> Self {
        Self::try_from_bytes(secret_key).unwrap_or_else(|e| host_failure(ALGORITHM, "import", e))
    }

    /// [`SigningKey::from_bytes`], returning the host's error.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlgorithm`] if the host does not offer Ed25519.
    pub fn try_from_bytes(secret_key: &SecretKey) -> Result<Self> {
        let sk = SignatureSecretKey::import(ALGORITHM, secret_key, SecretKeyEncoding::Raw)?;
        let pk = sk.public_key()?;
        Self::from_keypair(SignatureKeyPair::from_pk_and_sk(&pk, &sk)?)
    }

    /// A fresh key from the host's CSPRNG (`signature_keypair_generate`). Unlike
    /// `ed25519-dalek`'s `generate`, it takes no RNG: the host draws the randomness.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedAlgorithm`]; [`ErrorKind::RngError`] if the host's RNG fails.
    pub fn generate() -> Result<Self> {
        Self::from_keypair(SignatureKeyPair::generate(ALGORITHM)?)
    }

    /// Uses a host `Ed25519` key pair (generated, imported or managed).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] for a key pair of another algorithm; as
    /// [`SignatureKeyPair::public_key`].
    pub fn from_keypair(keypair: SignatureKeyPair) -> Result<Self> {
        if keypair.algorithm() != ALGORITHM {
            let kind = ErrorKind::InvalidKey;
            return Err(Error::new(
                kind,
                "SigningKey::from_keypair",
                keypair.algorithm(),
            ));
        }
        let verifying_key = VerifyingKey::from_public_key(keypair.public_key()?)?;
        Ok(SigningKey {
            keypair,
            verifying_key,
        })
    }

    /// A key from a PKCS#8 v1 or v2 DER document (RFC 8410).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] for a document that is not an Ed25519 key.
    pub fn from_pkcs8_der(der: &[u8]) -> Result<Self> {
        Self::from_keypair(SignatureKeyPair::import(
            ALGORITHM,
            der,
            KeyPairEncoding::Pkcs8,
        )?)
    }

    /// A key from a PEM `PRIVATE KEY` block (RFC 8410, RFC 7468).
    ///
    /// # Errors
    /// As [`SigningKey::from_pkcs8_der`].
    pub fn from_pkcs8_pem(pem: &str) -> Result<Self> {
        Self::from_keypair(SignatureKeyPair::import(
            ALGORITHM,
            pem.as_bytes(),
            KeyPairEncoding::Pem,
        )?)
    }

    /// The 32-byte seed (`signature_secretkey_export` raw). Keep it secret, and zeroize it.
    ///
    /// # Panics
    /// If the host refuses the export (a managed key it does not let the guest see).
    pub fn to_bytes(&self) -> SecretKey {
        let exported = self
            .keypair
            .secret_key()
            .and_then(|sk| sk.export(SecretKeyEncoding::Raw))
            .unwrap_or_else(|e| host_failure(ALGORITHM, "secret key export", e));
        let mut seed = [0u8; SECRET_KEY_LENGTH];
        if exported.len() != SECRET_KEY_LENGTH {
            host_failure(
                ALGORITHM,
                "secret key export",
                ErrorKind::InvalidLength.into(),
            );
        }
        seed.copy_from_slice(&exported);
        let mut exported = exported;
        crate::common::zeroize(&mut exported);
        seed
    }

    /// The public half.
    pub fn verifying_key(&self) -> VerifyingKey {
        self.verifying_key.clone()
    }

    /// The host key pair.
    pub fn keypair(&self) -> &SignatureKeyPair {
        &self.keypair
    }
}

impl fmt::Debug for SigningKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SigningKey")
            .field("verifying_key", &self.verifying_key)
            .finish_non_exhaustive()
    }
}

impl Signer<Signature> for SigningKey {
    fn try_sign(&self, message: &[u8]) -> core::result::Result<Signature, signature::Error> {
        let raw = self
            .keypair
            .sign(message)
            .and_then(|signature| signature.export(SignatureEncoding::Raw))
            .map_err(signature_error)?;
        Signature::from_slice(&raw)
    }
}

impl Verifier<Signature> for SigningKey {
    fn verify(
        &self,
        message: &[u8],
        signature: &Signature,
    ) -> core::result::Result<(), signature::Error> {
        self.verifying_key.verify(message, signature)
    }
}

impl Keypair for SigningKey {
    type VerifyingKey = VerifyingKey;

    fn verifying_key(&self) -> VerifyingKey {
        self.verifying_key.clone()
    }
}

/// An Ed25519 public key: its 32-byte encoding and the host handle it was imported as.
///
/// `Clone` imports the key again. Equality compares the encodings.
///
/// # Panics
/// `Clone` panics if the host fails to import the (valid) key again.
pub struct VerifyingKey {
    bytes: [u8; PUBLIC_KEY_LENGTH],
    key: SignaturePublicKey,
}

impl VerifyingKey {
    /// Imports a 32-byte encoded point (`signature_publickey_import` raw).
    ///
    /// # Errors
    /// A `signature::Error` whose source is [`ErrorKind::InvalidKey`] for bytes that are not a point.
    pub fn from_bytes(
        bytes: &[u8; PUBLIC_KEY_LENGTH],
    ) -> core::result::Result<Self, signature::Error> {
        let key = SignaturePublicKey::import(ALGORITHM, bytes, PublicKeyEncoding::Raw)
            .map_err(signature_error)?;
        Ok(VerifyingKey { bytes: *bytes, key })
    }

    /// Imports a DER `SubjectPublicKeyInfo` (RFC 8410).
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] for a document that is not an Ed25519 public key.
    pub fn from_public_key_der(der: &[u8]) -> Result<Self> {
        Self::from_public_key(SignaturePublicKey::import(
            ALGORITHM,
            der,
            PublicKeyEncoding::Pkcs8,
        )?)
    }

    /// Uses a host `Ed25519` public key.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidKey`] for a key of another algorithm; as
    /// [`SignaturePublicKey::export`].
    pub fn from_public_key(key: SignaturePublicKey) -> Result<Self> {
        if key.algorithm() != ALGORITHM {
            let kind = ErrorKind::InvalidKey;
            return Err(Error::new(
                kind,
                "VerifyingKey::from_public_key",
                key.algorithm(),
            ));
        }
        let bytes = key
            .export(PublicKeyEncoding::Raw)?
            .try_into()
            .map_err(|_| {
                Error::new(
                    ErrorKind::InvalidKey,
                    "VerifyingKey::from_public_key",
                    ALGORITHM,
                )
            })?;
        Ok(VerifyingKey { bytes, key })
    }

    /// The 32-byte encoding.
    pub fn to_bytes(&self) -> [u8; PUBLIC_KEY_LENGTH] {
        self.bytes
    }

    /// The 32-byte encoding, borrowed.
    pub fn as_bytes(&self) -> &[u8; PUBLIC_KEY_LENGTH] {
        &self.bytes
    }

    /// The host public key.
    pub fn public_key(&self) -> &SignaturePublicKey {
        &self.key
    }
}

impl Clone for VerifyingKey {
    fn clone(&self) -> Self {
        let key = SignaturePublicKey::import(ALGORITHM, &self.bytes, PublicKeyEncoding::Raw)
            .unwrap_or_else(|e| host_failure(ALGORITHM, "public key import", e));
        VerifyingKey {
            bytes: self.bytes,
            key,
        }
    }
}

impl PartialEq for VerifyingKey {
    fn eq(&self, other: &Self) -> bool {
        self.bytes == other.bytes
    }
}

impl Eq for VerifyingKey {}

impl fmt::Debug for VerifyingKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VerifyingKey(")?;
        for byte in self.bytes {
            write!(f, "{byte:02x}")?;
        }
        f.write_str(")")
    }
}

impl Verifier<Signature> for VerifyingKey {
    /// Verifies with the host (`signature_verification_state_open`, `_update`, `_verify`).
    ///
    /// # Errors
    /// A `signature::Error` whose source is [`ErrorKind::VerificationFailed`] for a signature that
    /// does not verify, or [`ErrorKind::InvalidSignature`] for one that is not canonical.
    fn verify(
        &self,
        message: &[u8],
        signature: &Signature,
    ) -> core::result::Result<(), signature::Error> {
        let signature =
            crate::Signature::import(ALGORITHM, &signature.to_bytes(), SignatureEncoding::Raw)
                .map_err(signature_error)?;
        self.key
            .verify(message, &signature)
            .map_err(signature_error)
    }
}
