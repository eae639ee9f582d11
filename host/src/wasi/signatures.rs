//! `wasi_ephemeral_crypto_signatures`: signing and verification states, signatures.

use wiggle::{GuestMemory, GuestPtr};

use super::{borrow_bytes, read_bytes, read_str};
use crate::bindings::types::{self, Error};
use crate::bindings::wasi_ephemeral_crypto_signatures::WasiEphemeralCryptoSignatures;
use crate::offload::Stream;
use crate::{CryptoCtx, SignatureEncoding};

fn signature_encoding(e: types::SignatureEncoding) -> SignatureEncoding {
    match e {
        types::SignatureEncoding::Raw => SignatureEncoding::Raw,
        types::SignatureEncoding::Der => SignatureEncoding::Der,
    }
}

impl WasiEphemeralCryptoSignatures for CryptoCtx {
    fn signature_export(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        signature: types::Signature,
        encoding: types::SignatureEncoding,
    ) -> Result<types::ArrayOutput, Error> {
        Ok(
            CryptoCtx::signature_export(self, signature.into(), signature_encoding(encoding))?
                .into(),
        )
    }

    fn signature_import(
        &mut self,
        mem: &mut GuestMemory<'_>,
        algorithm: GuestPtr<str>,
        encoded: GuestPtr<u8>,
        encoded_len: types::Size,
        encoding: types::SignatureEncoding,
    ) -> Result<types::Signature, Error> {
        let alg = read_str(self, mem, algorithm)?;
        let encoded = read_bytes(self, mem, encoded, encoded_len)?;
        Ok(CryptoCtx::signature_import(self, &alg, &encoded, signature_encoding(encoding))?.into())
    }

    fn signature_state_open(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        kp: types::SignatureKeypair,
    ) -> Result<types::SignatureState, Error> {
        Ok(CryptoCtx::signature_state_open(self, kp.into())?.into())
    }

    fn signature_state_update(
        &mut self,
        mem: &mut GuestMemory<'_>,
        state: types::SignatureState,
        input: GuestPtr<u8>,
        input_len: types::Size,
    ) -> Result<(), Error> {
        let state = u32::from(state);
        if self.stream_job(mem, Stream::Signature(state), input, input_len)? {
            return Ok(());
        }
        let input = borrow_bytes(self, mem, input, input_len)?;
        Ok(CryptoCtx::signature_state_update(self, state, &input)?)
    }

    fn signature_state_sign(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        state: types::SignatureState,
    ) -> Result<types::Signature, Error> {
        Ok(CryptoCtx::signature_state_sign(self, state.into())?.into())
    }

    fn signature_state_close(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        state: types::SignatureState,
    ) -> Result<(), Error> {
        Ok(CryptoCtx::signature_state_close(self, state.into())?)
    }

    fn signature_verification_state_open(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        kp: types::SignaturePublickey,
    ) -> Result<types::SignatureVerificationState, Error> {
        Ok(CryptoCtx::signature_verification_state_open(self, kp.into())?.into())
    }

    fn signature_verification_state_update(
        &mut self,
        mem: &mut GuestMemory<'_>,
        state: types::SignatureVerificationState,
        input: GuestPtr<u8>,
        input_len: types::Size,
    ) -> Result<(), Error> {
        let state = u32::from(state);
        if self.stream_job(mem, Stream::Verification(state), input, input_len)? {
            return Ok(());
        }
        let input = borrow_bytes(self, mem, input, input_len)?;
        Ok(CryptoCtx::signature_verification_state_update(
            self, state, &input,
        )?)
    }

    fn signature_verification_state_verify(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        state: types::SignatureVerificationState,
        signature: types::Signature,
    ) -> Result<(), Error> {
        Ok(CryptoCtx::signature_verification_state_verify(
            self,
            state.into(),
            signature.into(),
        )?)
    }

    fn signature_verification_state_close(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        state: types::SignatureVerificationState,
    ) -> Result<(), Error> {
        Ok(CryptoCtx::signature_verification_state_close(
            self,
            state.into(),
        )?)
    }

    fn signature_close(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        signature: types::Signature,
    ) -> Result<(), Error> {
        Ok(CryptoCtx::signature_close(self, signature.into())?)
    }
}
