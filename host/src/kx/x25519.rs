//! X25519 (RFC 7748). Not implemented yet: every entry point returns `not_implemented`.

#[allow(unused_imports)]
use super::KxAlgorithm;
use crate::asymmetric::{KeyPair, KeyPairEncoding, PublicKey, PublicKeyEncoding, SecretKey, SecretKeyEncoding};
use crate::error::{CryptoError, Result};

pub(crate) fn generate() -> Result<KeyPair> {
    Err(CryptoError::NotImplemented)
}

pub(crate) fn import_keypair(_encoded: &[u8], _encoding: KeyPairEncoding) -> Result<KeyPair> {
    Err(CryptoError::NotImplemented)
}

pub(crate) fn import_public_key(_encoded: &[u8], _encoding: PublicKeyEncoding) -> Result<PublicKey> {
    Err(CryptoError::NotImplemented)
}

pub(crate) fn import_secret_key(_encoded: &[u8], _encoding: SecretKeyEncoding) -> Result<SecretKey> {
    Err(CryptoError::NotImplemented)
}
