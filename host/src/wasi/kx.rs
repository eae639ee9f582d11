//! `wasi_ephemeral_crypto_kx`: Diffie-Hellman and key encapsulation.

use wiggle::{GuestMemory, GuestPtr};

use super::read_bytes;
use crate::CryptoCtx;
use crate::bindings::types::{self, Error};
use crate::bindings::wasi_ephemeral_crypto_kx::WasiEphemeralCryptoKx;

impl WasiEphemeralCryptoKx for CryptoCtx {
    fn kx_dh(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        pk: types::KxPublickey,
        sk: types::KxSecretkey,
    ) -> Result<types::ArrayOutput, Error> {
        Ok(CryptoCtx::kx_dh(self, pk.into(), sk.into())?.into())
    }

    fn kx_encapsulate(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        pk: types::KxPublickey,
    ) -> Result<(types::ArrayOutput, types::ArrayOutput), Error> {
        let (secret, encapsulated) = CryptoCtx::kx_encapsulate(self, pk.into())?;
        Ok((secret.into(), encapsulated.into()))
    }

    fn kx_decapsulate(
        &mut self,
        mem: &mut GuestMemory<'_>,
        sk: types::KxSecretkey,
        encapsulated_secret: GuestPtr<u8>,
        encapsulated_secret_len: types::Size,
    ) -> Result<types::ArrayOutput, Error> {
        let encapsulated = read_bytes(self, mem, encapsulated_secret, encapsulated_secret_len)?;
        Ok(CryptoCtx::kx_decapsulate(self, sk.into(), &encapsulated)?.into())
    }
}
