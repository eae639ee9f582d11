//! [`CryptoCtx`] operations of `wasi_ephemeral_crypto_signatures`.

use std::sync::Arc;

use super::Signature;
use crate::CryptoCtx;
use crate::asymmetric::{
    AsymmetricAlgorithm, SignatureEncoding, SignatureStateOps, VerificationStateOps,
};
use crate::error::{CryptoError, Result};
use crate::handles::Handle;

impl CryptoCtx {
    /// `signature_export`, as an `array_output`: `raw` for every algorithm, `der` for ECDSA.
    pub fn signature_export(
        &mut self,
        signature: Handle,
        encoding: SignatureEncoding,
    ) -> Result<Handle> {
        let bytes = self
            .handles
            .get::<Arc<Signature>>(signature)?
            .export(encoding)?;
        self.new_array_output(bytes)
    }

    /// `signature_import`: malformed → `invalid_signature`.
    pub fn signature_import(
        &mut self,
        alg: &str,
        encoded: &[u8],
        encoding: SignatureEncoding,
    ) -> Result<Handle> {
        let alg = self.signature_algorithm(alg)?;
        let signature = Signature::import(alg, encoded, encoding)?;
        self.handles.insert(Arc::new(signature))
    }

    /// `signature_state_open` on a signature key pair (`invalid_handle` for other handles).
    pub fn signature_state_open(&mut self, kp: Handle) -> Result<Handle> {
        let kp = self.handles.get::<crate::asymmetric::KeyPair>(kp)?;
        if !matches!(kp.algorithm(), AsymmetricAlgorithm::Signature(_)) {
            return Err(CryptoError::InvalidHandle);
        }
        let state = kp.signature_state(self.absorb_limit(), self.limits().ml_dsa_signing)?;
        self.handles.insert(state)
    }

    /// `signature_state_update`: appends to the message.
    pub fn signature_state_update(&mut self, state: Handle, data: &[u8]) -> Result<()> {
        self.meter.charge_bytes(data.len())?;
        self.handles
            .get_mut::<Box<dyn SignatureStateOps>>(state)?
            .update(data)
    }

    /// `signature_state_sign`: a signature handle over everything absorbed so far.
    pub fn signature_state_sign(&mut self, state: Handle) -> Result<Handle> {
        let state = self.handles.get_mut::<Box<dyn SignatureStateOps>>(state)?;
        self.meter
            .charge(crate::metering::sign(state.algorithm()))?;
        let signature = state.sign()?;
        self.handles.insert(Arc::new(signature))
    }

    /// `signature_state_close`.
    pub fn signature_state_close(&mut self, state: Handle) -> Result<()> {
        self.handles
            .remove::<Box<dyn SignatureStateOps>>(state)
            .map(drop)
    }

    /// `signature_verification_state_open` on a signature public key.
    pub fn signature_verification_state_open(&mut self, pk: Handle) -> Result<Handle> {
        let state = self
            .publickey(pk)?
            .verification_state(self.absorb_limit())?;
        self.handles.insert(state)
    }

    /// `signature_verification_state_update`: appends to the message.
    pub fn signature_verification_state_update(
        &mut self,
        state: Handle,
        data: &[u8],
    ) -> Result<()> {
        self.meter.charge_bytes(data.len())?;
        self.handles
            .get_mut::<Box<dyn VerificationStateOps>>(state)?
            .update(data)
    }

    /// `signature_verification_state_verify`: `verification_failed` if the signature does not
    /// verify.
    pub fn signature_verification_state_verify(
        &mut self,
        state: Handle,
        signature: Handle,
    ) -> Result<()> {
        let signature = self.handles.get::<Arc<Signature>>(signature)?.clone();
        let state = self.handles.get::<Box<dyn VerificationStateOps>>(state)?;
        self.meter
            .charge(crate::metering::verify(state.algorithm()))?;
        state.verify(&signature)
    }

    /// `signature_verification_state_close`.
    pub fn signature_verification_state_close(&mut self, state: Handle) -> Result<()> {
        self.handles
            .remove::<Box<dyn VerificationStateOps>>(state)
            .map(drop)
    }

    /// `signature_close`.
    pub fn signature_close(&mut self, signature: Handle) -> Result<()> {
        self.handles.remove::<Arc<Signature>>(signature).map(drop)
    }
}
