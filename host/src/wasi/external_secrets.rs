//! `wasi_ephemeral_crypto_external_secrets`: secrets kept by a secrets manager. This host has no secrets manager: every function returns `unsupported_feature`.

use wiggle::{GuestMemory, GuestPtr};

use crate::CryptoCtx;
use crate::bindings::types::{self, Error};
use crate::bindings::wasi_ephemeral_crypto_external_secrets::WasiEphemeralCryptoExternalSecrets;
use crate::error::CryptoError;

impl WasiEphemeralCryptoExternalSecrets for CryptoCtx {
    fn external_secret_store(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _secrets_manager: types::SecretsManager,
        _secret: GuestPtr<u8>,
        _secret_len: types::Size,
        _expiration: types::Timestamp,
        _secret_id: GuestPtr<u8>,
        _secret_id_max_len: types::Size,
    ) -> Result<(), Error> {
        Err(CryptoError::UnsupportedFeature.into())
    }

    fn external_secret_replace(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _secrets_manager: types::SecretsManager,
        _secret: GuestPtr<u8>,
        _secret_len: types::Size,
        _expiration: types::Timestamp,
        _secret_id: GuestPtr<u8>,
        _secret_id_len: types::Size,
    ) -> Result<types::Version, Error> {
        Err(CryptoError::UnsupportedFeature.into())
    }

    fn external_secret_from_id(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _secrets_manager: types::SecretsManager,
        _secret_id: GuestPtr<u8>,
        _secret_id_len: types::Size,
        _secret_version: types::Version,
    ) -> Result<types::ArrayOutput, Error> {
        Err(CryptoError::UnsupportedFeature.into())
    }

    fn external_secret_invalidate(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _secrets_manager: types::SecretsManager,
        _secret_id: GuestPtr<u8>,
        _secret_id_len: types::Size,
        _secret_version: types::Version,
    ) -> Result<(), Error> {
        Err(CryptoError::UnsupportedFeature.into())
    }

    fn external_secret_encapsulate(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _secrets_manager: types::SecretsManager,
        _secret: GuestPtr<u8>,
        _secret_len: types::Size,
        _expiration: types::Timestamp,
    ) -> Result<types::ArrayOutput, Error> {
        Err(CryptoError::UnsupportedFeature.into())
    }

    fn external_secret_decapsulate(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _secrets_manager: types::SecretsManager,
        _encrypted_secret: GuestPtr<u8>,
        _encrypted_secret_len: types::Size,
    ) -> Result<types::ArrayOutput, Error> {
        Err(CryptoError::UnsupportedFeature.into())
    }
}
