//! RSA signatures (RFC 8017): PKCS#1 v1.5 and PSS. Not implemented yet: every entry point returns `not_implemented`.

#![allow(dead_code)]

#[allow(unused_imports)]
use super::{EcdsaCurve, SignatureAlgorithm};
use crate::asymmetric::{KeyPair, KeyPairEncoding, PublicKey, PublicKeyEncoding, SecretKey, SecretKeyEncoding, SignatureEncoding};
use crate::error::{CryptoError, Result};

pub(crate) fn generate(_alg: SignatureAlgorithm) -> Result<KeyPair> {
    Err(CryptoError::NotImplemented)
}

pub(crate) fn import_keypair(_alg: SignatureAlgorithm, _encoded: &[u8], _encoding: KeyPairEncoding) -> Result<KeyPair> {
    Err(CryptoError::NotImplemented)
}

pub(crate) fn import_public_key(_alg: SignatureAlgorithm, _encoded: &[u8], _encoding: PublicKeyEncoding) -> Result<PublicKey> {
    Err(CryptoError::NotImplemented)
}

pub(crate) fn import_secret_key(_alg: SignatureAlgorithm, _encoded: &[u8], _encoding: SecretKeyEncoding) -> Result<SecretKey> {
    Err(CryptoError::NotImplemented)
}

pub(crate) fn signature_import(_alg: SignatureAlgorithm, _encoded: &[u8], _encoding: SignatureEncoding) -> Result<Vec<u8>> {
    Err(CryptoError::NotImplemented)
}

pub(crate) fn signature_export(_alg: SignatureAlgorithm, _raw: &[u8], _encoding: SignatureEncoding) -> Result<Vec<u8>> {
    Err(CryptoError::NotImplemented)
}
