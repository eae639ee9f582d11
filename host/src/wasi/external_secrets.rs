//! `wasi_ephemeral_crypto_external_secrets`: secrets kept by the context's secrets manager
//! ([`crate::secrets`]), by identifier or encapsulated.

use wiggle::{GuestMemory, GuestPtr};

use super::{check_id_output, read_bytes, write_bytes};
use crate::CryptoCtx;
use crate::bindings::types::{self, Error};
use crate::bindings::wasi_ephemeral_crypto_external_secrets::WasiEphemeralCryptoExternalSecrets;

impl WasiEphemeralCryptoExternalSecrets for CryptoCtx {
    fn external_secret_store(
        &mut self,
        mem: &mut GuestMemory<'_>,
        secrets_manager: types::SecretsManager,
        secret: GuestPtr<u8>,
        secret_len: types::Size,
        expiration: types::Timestamp,
        secret_id: GuestPtr<u8>,
        secret_id_max_len: types::Size,
    ) -> Result<(), Error> {
        self.manager(secrets_manager.into())?;
        check_id_output(mem, secret_id, secret_id_max_len)?;
        let secret = read_bytes(self, mem, secret, secret_len)?;
        let id =
            CryptoCtx::external_secret_store(self, secrets_manager.into(), &secret, expiration)?;
        write_bytes(mem, secret_id, &id)
    }

    fn external_secret_replace(
        &mut self,
        mem: &mut GuestMemory<'_>,
        secrets_manager: types::SecretsManager,
        secret: GuestPtr<u8>,
        secret_len: types::Size,
        expiration: types::Timestamp,
        secret_id: GuestPtr<u8>,
        secret_id_len: types::Size,
    ) -> Result<types::Version, Error> {
        let secret = read_bytes(self, mem, secret, secret_len)?;
        let id = read_bytes(self, mem, secret_id, secret_id_len)?;
        Ok(CryptoCtx::external_secret_replace(
            self,
            secrets_manager.into(),
            &secret,
            expiration,
            &id,
        )?)
    }

    fn external_secret_from_id(
        &mut self,
        mem: &mut GuestMemory<'_>,
        secrets_manager: types::SecretsManager,
        secret_id: GuestPtr<u8>,
        secret_id_len: types::Size,
        secret_version: types::Version,
    ) -> Result<types::ArrayOutput, Error> {
        let id = read_bytes(self, mem, secret_id, secret_id_len)?;
        let out =
            CryptoCtx::external_secret_from_id(self, secrets_manager.into(), &id, secret_version)?;
        Ok(out.into())
    }

    fn external_secret_invalidate(
        &mut self,
        mem: &mut GuestMemory<'_>,
        secrets_manager: types::SecretsManager,
        secret_id: GuestPtr<u8>,
        secret_id_len: types::Size,
        secret_version: types::Version,
    ) -> Result<(), Error> {
        let id = read_bytes(self, mem, secret_id, secret_id_len)?;
        Ok(CryptoCtx::external_secret_invalidate(
            self,
            secrets_manager.into(),
            &id,
            secret_version,
        )?)
    }

    fn external_secret_encapsulate(
        &mut self,
        mem: &mut GuestMemory<'_>,
        secrets_manager: types::SecretsManager,
        secret: GuestPtr<u8>,
        secret_len: types::Size,
        expiration: types::Timestamp,
    ) -> Result<types::ArrayOutput, Error> {
        let secret = read_bytes(self, mem, secret, secret_len)?;
        let out = CryptoCtx::external_secret_encapsulate(
            self,
            secrets_manager.into(),
            &secret,
            expiration,
        )?;
        Ok(out.into())
    }

    fn external_secret_decapsulate(
        &mut self,
        mem: &mut GuestMemory<'_>,
        secrets_manager: types::SecretsManager,
        encrypted_secret: GuestPtr<u8>,
        encrypted_secret_len: types::Size,
    ) -> Result<types::ArrayOutput, Error> {
        let sealed = read_bytes(self, mem, encrypted_secret, encrypted_secret_len)?;
        let out = CryptoCtx::external_secret_decapsulate(self, secrets_manager.into(), &sealed)?;
        Ok(out.into())
    }
}
