//! `wasi_ephemeral_crypto_kx`: key exchange and KEMs. Not implemented yet: every function returns `not_implemented`.

use wiggle::{GuestMemory, GuestPtr};

use crate::CryptoCtx;
use crate::bindings::types::{self, Error};
use crate::bindings::wasi_ephemeral_crypto_kx::WasiEphemeralCryptoKx;
use crate::error::CryptoError;

impl WasiEphemeralCryptoKx for CryptoCtx {
    fn kx_dh(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _pk: types::KxPublickey,
        _sk: types::KxSecretkey,
    ) -> Result<types::ArrayOutput, Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn kx_encapsulate(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _pk: types::KxPublickey,
    ) -> Result<(types::ArrayOutput, types::ArrayOutput), Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn kx_decapsulate(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _sk: types::KxSecretkey,
        _encapsulated_secret: GuestPtr<u8>,
        _encapsulated_secret_len: types::Size,
    ) -> Result<types::ArrayOutput, Error> {
        Err(CryptoError::NotImplemented.into())
    }

}
