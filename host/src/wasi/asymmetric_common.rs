//! `wasi_ephemeral_crypto_asymmetric_common`: key pairs, public keys and secret keys.
//! Managed key pairs are kept by the context's secrets manager ([`crate::secrets`]).

use wiggle::{GuestMemory, GuestPtr};

use super::{
    algorithm_type, check_id_output, opt_options, read_bytes, read_str, to_size, write_bytes,
};
use crate::bindings::types::{self, Error};
use crate::bindings::wasi_ephemeral_crypto_asymmetric_common::WasiEphemeralCryptoAsymmetricCommon;
use crate::{CryptoCtx, KeyPairEncoding, PublicKeyEncoding, SecretKeyEncoding};

fn keypair_encoding(e: types::KeypairEncoding) -> KeyPairEncoding {
    match e {
        types::KeypairEncoding::Raw => KeyPairEncoding::Raw,
        types::KeypairEncoding::Pkcs8 => KeyPairEncoding::Pkcs8,
        types::KeypairEncoding::Pem => KeyPairEncoding::Pem,
        types::KeypairEncoding::Local => KeyPairEncoding::Local,
    }
}

fn publickey_encoding(e: types::PublickeyEncoding) -> PublicKeyEncoding {
    match e {
        types::PublickeyEncoding::Raw => PublicKeyEncoding::Raw,
        types::PublickeyEncoding::Pkcs8 => PublicKeyEncoding::Pkcs8,
        types::PublickeyEncoding::Pem => PublicKeyEncoding::Pem,
        types::PublickeyEncoding::Sec => PublicKeyEncoding::Sec,
        types::PublickeyEncoding::Local => PublicKeyEncoding::Local,
    }
}

fn secretkey_encoding(e: types::SecretkeyEncoding) -> SecretKeyEncoding {
    match e {
        types::SecretkeyEncoding::Raw => SecretKeyEncoding::Raw,
        types::SecretkeyEncoding::Pkcs8 => SecretKeyEncoding::Pkcs8,
        types::SecretkeyEncoding::Pem => SecretKeyEncoding::Pem,
        types::SecretkeyEncoding::Sec => SecretKeyEncoding::Sec,
        types::SecretkeyEncoding::Local => SecretKeyEncoding::Local,
    }
}

impl WasiEphemeralCryptoAsymmetricCommon for CryptoCtx {
    fn keypair_generate(
        &mut self,
        mem: &mut GuestMemory<'_>,
        alg_type: types::AlgorithmType,
        algorithm: GuestPtr<str>,
        options: &types::OptOptions,
    ) -> Result<types::Keypair, Error> {
        let alg = read_str(self, mem, algorithm)?;
        Ok(
            CryptoCtx::keypair_generate(
                self,
                algorithm_type(alg_type),
                &alg,
                opt_options(options),
            )?
            .into(),
        )
    }

    fn keypair_import(
        &mut self,
        mem: &mut GuestMemory<'_>,
        alg_type: types::AlgorithmType,
        algorithm: GuestPtr<str>,
        encoded: GuestPtr<u8>,
        encoded_len: types::Size,
        encoding: types::KeypairEncoding,
    ) -> Result<types::Keypair, Error> {
        let alg = read_str(self, mem, algorithm)?;
        let encoded = read_bytes(self, mem, encoded, encoded_len)?;
        let kp = CryptoCtx::keypair_import(
            self,
            algorithm_type(alg_type),
            &alg,
            &encoded,
            keypair_encoding(encoding),
        )?;
        Ok(kp.into())
    }

    fn keypair_generate_managed(
        &mut self,
        mem: &mut GuestMemory<'_>,
        sm: types::SecretsManager,
        alg_type: types::AlgorithmType,
        algorithm: GuestPtr<str>,
        options: &types::OptOptions,
    ) -> Result<types::Keypair, Error> {
        let alg = read_str(self, mem, algorithm)?;
        let kp = CryptoCtx::keypair_generate_managed(
            self,
            sm.into(),
            algorithm_type(alg_type),
            &alg,
            opt_options(options),
        )?;
        Ok(kp.into())
    }

    fn keypair_store_managed(
        &mut self,
        mem: &mut GuestMemory<'_>,
        sm: types::SecretsManager,
        kp: types::Keypair,
        kp_id: GuestPtr<u8>,
        kp_id_max_len: types::Size,
    ) -> Result<(), Error> {
        self.manager(sm.into())?;
        check_id_output(mem, kp_id, kp_id_max_len)?;
        let id = CryptoCtx::keypair_store_managed(self, sm.into(), kp.into())?;
        write_bytes(mem, kp_id, &id)
    }

    fn keypair_replace_managed(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        sm: types::SecretsManager,
        kp_old: types::Keypair,
        kp_new: types::Keypair,
    ) -> Result<types::Version, Error> {
        Ok(CryptoCtx::keypair_replace_managed(
            self,
            sm.into(),
            kp_old.into(),
            kp_new.into(),
        )?)
    }

    fn keypair_id(
        &mut self,
        mem: &mut GuestMemory<'_>,
        kp: types::Keypair,
        kp_id: GuestPtr<u8>,
        kp_id_max_len: types::Size,
    ) -> Result<(types::Size, types::Version), Error> {
        let (id, version) = CryptoCtx::keypair_id(self, kp.into())?;
        check_id_output(mem, kp_id, kp_id_max_len)?;
        write_bytes(mem, kp_id, &id)?;
        Ok((to_size(id.len())?, version))
    }

    fn keypair_from_id(
        &mut self,
        mem: &mut GuestMemory<'_>,
        sm: types::SecretsManager,
        kp_id: GuestPtr<u8>,
        kp_id_len: types::Size,
        kp_version: types::Version,
    ) -> Result<types::Keypair, Error> {
        let id = read_bytes(self, mem, kp_id, kp_id_len)?;
        Ok(CryptoCtx::keypair_from_id(self, sm.into(), &id, kp_version)?.into())
    }

    fn keypair_from_pk_and_sk(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        publickey: types::Publickey,
        secretkey: types::Secretkey,
    ) -> Result<types::Keypair, Error> {
        Ok(CryptoCtx::keypair_from_pk_and_sk(self, publickey.into(), secretkey.into())?.into())
    }

    fn keypair_export(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        kp: types::Keypair,
        encoding: types::KeypairEncoding,
    ) -> Result<types::ArrayOutput, Error> {
        Ok(CryptoCtx::keypair_export(self, kp.into(), keypair_encoding(encoding))?.into())
    }

    fn keypair_publickey(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        kp: types::Keypair,
    ) -> Result<types::Publickey, Error> {
        Ok(CryptoCtx::keypair_publickey(self, kp.into())?.into())
    }

    fn keypair_secretkey(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        kp: types::Keypair,
    ) -> Result<types::Secretkey, Error> {
        Ok(CryptoCtx::keypair_secretkey(self, kp.into())?.into())
    }

    fn keypair_close(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        kp: types::Keypair,
    ) -> Result<(), Error> {
        Ok(CryptoCtx::keypair_close(self, kp.into())?)
    }

    fn publickey_import(
        &mut self,
        mem: &mut GuestMemory<'_>,
        alg_type: types::AlgorithmType,
        algorithm: GuestPtr<str>,
        encoded: GuestPtr<u8>,
        encoded_len: types::Size,
        encoding: types::PublickeyEncoding,
    ) -> Result<types::Publickey, Error> {
        let alg = read_str(self, mem, algorithm)?;
        let encoded = read_bytes(self, mem, encoded, encoded_len)?;
        let pk = CryptoCtx::publickey_import(
            self,
            algorithm_type(alg_type),
            &alg,
            &encoded,
            publickey_encoding(encoding),
        )?;
        Ok(pk.into())
    }

    fn publickey_export(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        pk: types::Publickey,
        encoding: types::PublickeyEncoding,
    ) -> Result<types::ArrayOutput, Error> {
        Ok(CryptoCtx::publickey_export(self, pk.into(), publickey_encoding(encoding))?.into())
    }

    fn publickey_verify(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        pk: types::Publickey,
    ) -> Result<(), Error> {
        Ok(CryptoCtx::publickey_verify(self, pk.into())?)
    }

    fn publickey_from_secretkey(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        sk: types::Secretkey,
    ) -> Result<types::Publickey, Error> {
        Ok(CryptoCtx::publickey_from_secretkey(self, sk.into())?.into())
    }

    fn publickey_close(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        pk: types::Publickey,
    ) -> Result<(), Error> {
        Ok(CryptoCtx::publickey_close(self, pk.into())?)
    }

    fn secretkey_import(
        &mut self,
        mem: &mut GuestMemory<'_>,
        alg_type: types::AlgorithmType,
        algorithm: GuestPtr<str>,
        encoded: GuestPtr<u8>,
        encoded_len: types::Size,
        encoding: types::SecretkeyEncoding,
    ) -> Result<types::Secretkey, Error> {
        let alg = read_str(self, mem, algorithm)?;
        let encoded = read_bytes(self, mem, encoded, encoded_len)?;
        let sk = CryptoCtx::secretkey_import(
            self,
            algorithm_type(alg_type),
            &alg,
            &encoded,
            secretkey_encoding(encoding),
        )?;
        Ok(sk.into())
    }

    fn secretkey_export(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        sk: types::Secretkey,
        encoding: types::SecretkeyEncoding,
    ) -> Result<types::ArrayOutput, Error> {
        Ok(CryptoCtx::secretkey_export(self, sk.into(), secretkey_encoding(encoding))?.into())
    }

    fn secretkey_close(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        sk: types::Secretkey,
    ) -> Result<(), Error> {
        Ok(CryptoCtx::secretkey_close(self, sk.into())?)
    }
}
