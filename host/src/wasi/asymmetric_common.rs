//! `wasi_ephemeral_crypto_asymmetric_common`: key pairs, public keys and secret keys. Not implemented yet: every function returns `not_implemented` (managed-key functions `unsupported_feature`).

use wiggle::{GuestMemory, GuestPtr};

use crate::CryptoCtx;
use crate::bindings::types::{self, Error};
use crate::bindings::wasi_ephemeral_crypto_asymmetric_common::WasiEphemeralCryptoAsymmetricCommon;
use crate::error::CryptoError;

impl WasiEphemeralCryptoAsymmetricCommon for CryptoCtx {
    fn keypair_generate(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _algorithm_type: types::AlgorithmType,
        _algorithm: GuestPtr<str>,
        _options: &types::OptOptions,
    ) -> Result<types::Keypair, Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn keypair_import(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _algorithm_type: types::AlgorithmType,
        _algorithm: GuestPtr<str>,
        _encoded: GuestPtr<u8>,
        _encoded_len: types::Size,
        _encoding: types::KeypairEncoding,
    ) -> Result<types::Keypair, Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn keypair_generate_managed(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _secrets_manager: types::SecretsManager,
        _algorithm_type: types::AlgorithmType,
        _algorithm: GuestPtr<str>,
        _options: &types::OptOptions,
    ) -> Result<types::Keypair, Error> {
        Err(CryptoError::UnsupportedFeature.into())
    }

    fn keypair_store_managed(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _secrets_manager: types::SecretsManager,
        _kp: types::Keypair,
        _kp_id: GuestPtr<u8>,
        _kp_id_max_len: types::Size,
    ) -> Result<(), Error> {
        Err(CryptoError::UnsupportedFeature.into())
    }

    fn keypair_replace_managed(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _secrets_manager: types::SecretsManager,
        _kp_old: types::Keypair,
        _kp_new: types::Keypair,
    ) -> Result<types::Version, Error> {
        Err(CryptoError::UnsupportedFeature.into())
    }

    fn keypair_id(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _kp: types::Keypair,
        _kp_id: GuestPtr<u8>,
        _kp_id_max_len: types::Size,
    ) -> Result<(types::Size, types::Version), Error> {
        Err(CryptoError::UnsupportedFeature.into())
    }

    fn keypair_from_id(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _secrets_manager: types::SecretsManager,
        _kp_id: GuestPtr<u8>,
        _kp_id_len: types::Size,
        _kp_version: types::Version,
    ) -> Result<types::Keypair, Error> {
        Err(CryptoError::UnsupportedFeature.into())
    }

    fn keypair_from_pk_and_sk(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _publickey: types::Publickey,
        _secretkey: types::Secretkey,
    ) -> Result<types::Keypair, Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn keypair_export(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _kp: types::Keypair,
        _encoding: types::KeypairEncoding,
    ) -> Result<types::ArrayOutput, Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn keypair_publickey(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _kp: types::Keypair,
    ) -> Result<types::Publickey, Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn keypair_secretkey(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _kp: types::Keypair,
    ) -> Result<types::Secretkey, Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn keypair_close(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _kp: types::Keypair,
    ) -> Result<(), Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn publickey_import(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _algorithm_type: types::AlgorithmType,
        _algorithm: GuestPtr<str>,
        _encoded: GuestPtr<u8>,
        _encoded_len: types::Size,
        _encoding: types::PublickeyEncoding,
    ) -> Result<types::Publickey, Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn publickey_export(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _pk: types::Publickey,
        _encoding: types::PublickeyEncoding,
    ) -> Result<types::ArrayOutput, Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn publickey_verify(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _pk: types::Publickey,
    ) -> Result<(), Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn publickey_from_secretkey(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _sk: types::Secretkey,
    ) -> Result<types::Publickey, Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn publickey_close(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _pk: types::Publickey,
    ) -> Result<(), Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn secretkey_import(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _algorithm_type: types::AlgorithmType,
        _algorithm: GuestPtr<str>,
        _encoded: GuestPtr<u8>,
        _encoded_len: types::Size,
        _encoding: types::SecretkeyEncoding,
    ) -> Result<types::Secretkey, Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn secretkey_export(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _sk: types::Secretkey,
        _encoding: types::SecretkeyEncoding,
    ) -> Result<types::ArrayOutput, Error> {
        Err(CryptoError::NotImplemented.into())
    }

    fn secretkey_close(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        _sk: types::Secretkey,
    ) -> Result<(), Error> {
        Err(CryptoError::NotImplemented.into())
    }

}
