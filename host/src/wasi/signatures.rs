//! `wasi_ephemeral_crypto_signatures`: signing and verification. Not implemented yet: every function returns `not_implemented`.

use wiggle::{GuestMemory, GuestPtr};

use crate::CryptoCtx;
use crate::bindings::types::{self, Error};
use crate::bindings::wasi_ephemeral_crypto_signatures::WasiEphemeralCryptoSignatures;
use crate::error::CryptoError;

impl WasiEphemeralCryptoSignatures for CryptoCtx {
    fn signature_export(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _signature: types::Signature,
        _encoding: types::SignatureEncoding,
    ) -> Result<types::ArrayOutput, Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn signature_import(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _algorithm: GuestPtr<str>,
        _encoded: GuestPtr<u8>,
        _encoded_len: types::Size,
        _encoding: types::SignatureEncoding,
    ) -> Result<types::Signature, Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn signature_state_open(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _kp: types::SignatureKeypair,
    ) -> Result<types::SignatureState, Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn signature_state_update(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _state: types::SignatureState,
        _input: GuestPtr<u8>,
        _input_len: types::Size,
    ) -> Result<(), Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn signature_state_sign(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _state: types::SignatureState,
    ) -> Result<types::Signature, Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn signature_state_close(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _state: types::SignatureState,
    ) -> Result<(), Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn signature_verification_state_open(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _kp: types::SignaturePublickey,
    ) -> Result<types::SignatureVerificationState, Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn signature_verification_state_update(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _state: types::SignatureVerificationState,
        _input: GuestPtr<u8>,
        _input_len: types::Size,
    ) -> Result<(), Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn signature_verification_state_verify(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _state: types::SignatureVerificationState,
        _signature: types::Signature,
    ) -> Result<(), Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn signature_verification_state_close(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _state: types::SignatureVerificationState,
    ) -> Result<(), Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn signature_close(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _signature: types::Signature,
    ) -> Result<(), Error> {
        Err(CryptoError::NotImplemented.into())
    }

}
