//! Sealed key pairs: keys an embedder hands to a guest for use only. Every operation of the key
//! works, but exporting the key pair or its secret key is `prohibited_operation`, also for the
//! secret key and the key pairs reached from it (`keypair_secretkey`, `keypair_from_pk_and_sk`).
//! Public keys are not sealed: they are public.

use std::sync::Arc;

use super::{
    AsymmetricAlgorithm, KeyPair, KeyPairEncoding, KeyPairOps, PublicKey, PublicKeyOps, SecretKey,
    SecretKeyEncoding, SecretKeyOps, SignatureStateOps,
};
use crate::error::{CryptoError, Result};

/// A key pair whose secret never leaves the host.
#[derive(Debug)]
pub(crate) struct SealedKeyPair(pub(crate) KeyPair);

/// The secret key of a [`SealedKeyPair`].
#[derive(Debug)]
struct SealedSecretKey(SecretKey);

impl KeyPairOps for SealedKeyPair {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        self.0.algorithm()
    }
    fn export(&self, _encoding: KeyPairEncoding) -> Result<Vec<u8>> {
        Err(CryptoError::ProhibitedOperation)
    }
    fn host_export(&self, encoding: KeyPairEncoding) -> Result<Vec<u8>> {
        self.0.host_export(encoding)
    }
    fn managed(&self) -> Option<&crate::secrets::Managed> {
        self.0.managed()
    }
    fn public_key(&self) -> Result<PublicKey> {
        self.0.public_key()
    }
    fn secret_key(&self) -> Result<SecretKey> {
        Ok(Arc::new(SealedSecretKey(self.0.secret_key()?)))
    }
    fn signature_state(
        &self,
        absorb_limit: &crate::absorbed::AbsorbLimit,
        signing: crate::signatures::MlDsaSigning,
    ) -> Result<Box<dyn SignatureStateOps>> {
        self.0.signature_state(absorb_limit, signing)
    }
}

impl SecretKeyOps for SealedSecretKey {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        self.0.algorithm()
    }
    fn export(&self, _encoding: SecretKeyEncoding) -> Result<Vec<u8>> {
        Err(CryptoError::ProhibitedOperation)
    }
    fn public_key(&self) -> Result<PublicKey> {
        self.0.public_key()
    }
    fn keypair_with(&self, pk: &dyn PublicKeyOps) -> Result<KeyPair> {
        Ok(Arc::new(SealedKeyPair(self.0.keypair_with(pk)?)))
    }
    fn dh(&self, pk: &dyn PublicKeyOps) -> Result<Vec<u8>> {
        self.0.dh(pk)
    }
    fn decapsulate(&self, encapsulated: &[u8]) -> Result<Vec<u8>> {
        self.0.decapsulate(encapsulated)
    }
}
