//! `wasi_ephemeral_crypto_asymmetric_common`: key pairs, public keys and secret keys shared by
//! the signature and key-exchange modules.
//!
//! Each algorithm family (in [`crate::signatures`] and [`crate::kx`]) implements the object traits
//! below; the context stores them behind `Arc<dyn …>` and dispatches through the traits. Operations
//! a family does not have default to the proposal's errno.

pub(crate) mod ec;
mod ops;
mod sealed;
pub(crate) use sealed::SealedKeyPair;

#[cfg_attr(not(any(feature = "async", test)), allow(unused_imports))]
pub(crate) use ops::generate;

use std::any::Any;
use std::fmt::Debug;
use std::sync::Arc;

use crate::error::{CryptoError, Result};
use crate::kx::KxAlgorithm;
use crate::signatures::{Signature, SignatureAlgorithm};

/// Encodings of a key pair (`$keypair_encoding`); the discriminant is the ABI value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyPairEncoding {
    /// `raw` (0): algorithm-specific bytes (see each algorithm's documentation).
    Raw = 0,
    /// `pkcs8` (1): PKCS#8 `OneAsymmetricKey` DER (RFC 5958).
    Pkcs8 = 1,
    /// `pem` (2): PKCS#8 in PEM (RFC 7468, `PRIVATE KEY`).
    Pem = 2,
    /// `local` (3): implementation-defined; this host has none (`unsupported_encoding`).
    Local = 3,
}

/// Encodings of a public key (`$publickey_encoding`); the discriminant is the ABI value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PublicKeyEncoding {
    /// `raw` (0): algorithm-specific bytes.
    Raw = 0,
    /// `pkcs8` (1): `SubjectPublicKeyInfo` DER (RFC 5280 §4.1.2.7).
    Pkcs8 = 1,
    /// `pem` (2): `SubjectPublicKeyInfo` in PEM (RFC 7468, `PUBLIC KEY`).
    Pem = 2,
    /// `sec` (3): SEC 1 §2.3.3 point; import accepts compressed and uncompressed, export is
    /// uncompressed.
    Sec = 3,
    /// `local` (4): implementation-defined; this host has none (`unsupported_encoding`).
    Local = 4,
}

/// Encodings of a secret key (`$secretkey_encoding`); the discriminant is the ABI value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SecretKeyEncoding {
    /// `raw` (0): algorithm-specific bytes.
    Raw = 0,
    /// `pkcs8` (1): PKCS#8 DER (RFC 5958).
    Pkcs8 = 1,
    /// `pem` (2): PKCS#8 in PEM (RFC 7468).
    Pem = 2,
    /// `sec` (3): SEC 1 `ECPrivateKey` DER (RFC 5915), for elliptic curves.
    Sec = 3,
    /// `local` (4): implementation-defined; this host has none (`unsupported_encoding`).
    Local = 4,
}

/// Encodings of a signature (`$signature_encoding`); the discriminant is the ABI value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SignatureEncoding {
    /// `raw` (0): algorithm-specific fixed-size bytes (ECDSA: r ‖ s, each the field size).
    Raw = 0,
    /// `der` (1): ECDSA-Sig-Value DER (RFC 3279 §2.2.3); ECDSA only.
    Der = 1,
}

/// An asymmetric algorithm: a signature scheme or a key exchange mechanism.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AsymmetricAlgorithm {
    /// A signature scheme (`algorithm_type` `signatures`).
    Signature(SignatureAlgorithm),
    /// A key exchange or KEM (`algorithm_type` `key_exchange`).
    Kx(KxAlgorithm),
}

/// A key pair of some family.
pub(crate) trait KeyPairOps: Debug + Send + Sync + 'static {
    fn algorithm(&self) -> AsymmetricAlgorithm;
    /// The encoded key pair; `unsupported_encoding` for an encoding the algorithm lacks.
    fn export(&self, encoding: KeyPairEncoding) -> Result<Vec<u8>>;
    /// The encoded key pair for the host itself (a secrets manager storing it), also for a key
    /// pair the guest may not export.
    fn host_export(&self, encoding: KeyPairEncoding) -> Result<Vec<u8>> {
        self.export(encoding)
    }
    /// The identifier and version of a managed key pair; `None` for one the guest made or
    /// imported.
    fn managed(&self) -> Option<&crate::secrets::Managed> {
        None
    }
    fn public_key(&self) -> Result<PublicKey>;
    fn secret_key(&self) -> Result<SecretKey>;
    /// A signing state over this key pair; `invalid_handle` for key-exchange pairs. `signing`
    /// is the embedder's choice of ML-DSA randomness (other families ignore it).
    fn signature_state(
        &self,
        _absorb_limit: &crate::absorbed::AbsorbLimit,
        _signing: crate::signatures::MlDsaSigning,
    ) -> Result<Box<dyn SignatureStateOps>> {
        Err(CryptoError::InvalidHandle)
    }
}

/// A public key of some family.
pub(crate) trait PublicKeyOps: Debug + Send + Sync + 'static {
    fn algorithm(&self) -> AsymmetricAlgorithm;
    fn export(&self, encoding: PublicKeyEncoding) -> Result<Vec<u8>>;
    /// `publickey_verify`: checks the key is valid for its algorithm (`invalid_key` otherwise).
    fn verify(&self) -> Result<()>;
    fn as_any(&self) -> &dyn Any;
    /// A verification state; `invalid_handle` for key-exchange keys.
    fn verification_state(
        &self,
        _absorb_limit: &crate::absorbed::AbsorbLimit,
    ) -> Result<Box<dyn VerificationStateOps>> {
        Err(CryptoError::InvalidHandle)
    }
    /// `kx_encapsulate`: (shared secret, encapsulated secret); `invalid_operation` unless a KEM.
    fn encapsulate(&self) -> Result<(Vec<u8>, Vec<u8>)> {
        Err(CryptoError::InvalidOperation)
    }
}

/// A secret key of some family.
pub(crate) trait SecretKeyOps: Debug + Send + Sync + 'static {
    fn algorithm(&self) -> AsymmetricAlgorithm;
    fn export(&self, encoding: SecretKeyEncoding) -> Result<Vec<u8>>;
    /// `publickey_from_secretkey`.
    fn public_key(&self) -> Result<PublicKey>;
    /// `keypair_from_pk_and_sk`: `incompatible_keys` if `pk` is of another algorithm, `invalid_key`
    /// if it is not this secret key's public key.
    fn keypair_with(&self, pk: &dyn PublicKeyOps) -> Result<KeyPair>;
    /// `kx_dh` with `pk`: the raw shared secret; `invalid_operation` unless a DH algorithm,
    /// `incompatible_keys` across algorithms, `invalid_key` for a low-order result.
    fn dh(&self, _pk: &dyn PublicKeyOps) -> Result<Vec<u8>> {
        Err(CryptoError::InvalidOperation)
    }
    /// `kx_decapsulate`: the shared secret; `invalid_operation` unless a KEM,
    /// `verification_failed` if `encapsulated` is not a valid ciphertext for this key.
    fn decapsulate(&self, _encapsulated: &[u8]) -> Result<Vec<u8>> {
        Err(CryptoError::InvalidOperation)
    }
}

/// A running signature (`signature_state_*`).
pub(crate) trait SignatureStateOps: Debug + Send + Sync + 'static {
    /// The algorithm of the key pair the state signs with.
    fn algorithm(&self) -> SignatureAlgorithm;
    fn update(&mut self, data: &[u8]) -> Result<()>;
    /// Bytes `update` still accepts (states that buffer the message are bounded).
    fn update_room(&self) -> usize {
        usize::MAX
    }
    /// Signs everything absorbed so far; the state stays usable.
    fn sign(&mut self) -> Result<Signature>;
}

/// A running verification (`signature_verification_state_*`).
pub(crate) trait VerificationStateOps: Debug + Send + Sync + 'static {
    /// The algorithm of the public key the state verifies with.
    fn algorithm(&self) -> SignatureAlgorithm;
    fn update(&mut self, data: &[u8]) -> Result<()>;
    /// Bytes `update` still accepts (states that buffer the message are bounded).
    fn update_room(&self) -> usize {
        usize::MAX
    }
    /// `verification_failed` if the well-formed signature does not verify; `invalid_signature` if
    /// it belongs to another algorithm.
    fn verify(&self, signature: &Signature) -> Result<()>;
}

pub(crate) type KeyPair = Arc<dyn KeyPairOps>;
pub(crate) type PublicKey = Arc<dyn PublicKeyOps>;
pub(crate) type SecretKey = Arc<dyn SecretKeyOps>;

/// Key bytes that must be UTF-8 PEM text (RFC 7468): `invalid_key` otherwise.
pub(crate) fn pem_text(encoded: &[u8]) -> Result<&str> {
    std::str::from_utf8(encoded).map_err(|_| CryptoError::InvalidKey)
}

/// `pkcs8` (SubjectPublicKeyInfo DER, RFC 5280 §4.1.2.7) or `pem` (RFC 7468 `PUBLIC KEY`, `\n`
/// line endings) export of any public key; other encodings are `unsupported_encoding`. An encoder
/// failure is a host bug: `internal_error`.
pub(crate) fn export_spki(
    key: &impl spki::EncodePublicKey,
    encoding: PublicKeyEncoding,
) -> Result<Vec<u8>> {
    let encoded = match encoding {
        PublicKeyEncoding::Pkcs8 => key.to_public_key_der().map(|doc| doc.into_vec()),
        PublicKeyEncoding::Pem => key
            .to_public_key_pem(spki::der::pem::LineEnding::LF)
            .map(String::into_bytes),
        _ => return Err(CryptoError::UnsupportedEncoding),
    };
    encoded.map_err(|_| CryptoError::InternalError)
}

/// Downcasts `pk` to the family's own type: `incompatible_keys` if it belongs to another family.
pub(crate) fn downcast_public_key<T: 'static>(pk: &dyn PublicKeyOps) -> Result<&T> {
    pk.as_any()
        .downcast_ref::<T>()
        .ok_or(CryptoError::IncompatibleKeys)
}
