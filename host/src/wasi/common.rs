//! `wasi_ephemeral_crypto_common`: options, array outputs and the secrets manager.

use wiggle::{GuestMemory, GuestPtr};

use super::{
    algorithm_type, borrow_bytes, check_range, opt_options, output_buffer, read_bytes, read_str,
    to_size, write_bytes,
};
use crate::CryptoCtx;
use crate::bindings::types::{self, Error};
use crate::bindings::wasi_ephemeral_crypto_common::WasiEphemeralCryptoCommon;

impl WasiEphemeralCryptoCommon for CryptoCtx {
    fn options_open(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        alg_type: types::AlgorithmType,
    ) -> Result<types::Options, Error> {
        Ok(CryptoCtx::options_open(self, algorithm_type(alg_type))?.into())
    }

    fn options_close(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        handle: types::Options,
    ) -> Result<(), Error> {
        Ok(CryptoCtx::options_close(self, handle.into())?)
    }

    fn options_set(
        &mut self,
        mem: &mut GuestMemory<'_>,
        handle: types::Options,
        name: GuestPtr<str>,
        value: GuestPtr<u8>,
        value_len: types::Size,
    ) -> Result<(), Error> {
        let name = read_str(self, mem, name)?;
        // Borrowed: `CryptoCtx::options_set` copies the value into the options object.
        let value = borrow_bytes(self, mem, value, value_len)?;
        Ok(CryptoCtx::options_set(self, handle.into(), &name, &value)?)
    }

    fn options_set_u64(
        &mut self,
        mem: &mut GuestMemory<'_>,
        handle: types::Options,
        name: GuestPtr<str>,
        value: u64,
    ) -> Result<(), Error> {
        let name = read_str(self, mem, name)?;
        Ok(CryptoCtx::options_set_u64(
            self,
            handle.into(),
            &name,
            value,
        )?)
    }

    fn options_set_guest_buffer(
        &mut self,
        mem: &mut GuestMemory<'_>,
        handle: types::Options,
        name: GuestPtr<str>,
        buffer: GuestPtr<u8>,
        buffer_len: types::Size,
    ) -> Result<(), Error> {
        let name = read_str(self, mem, name)?;
        check_range(self, mem, buffer, buffer_len)?;
        Ok(CryptoCtx::options_set_guest_buffer(
            self,
            handle.into(),
            &name,
            buffer_len as usize,
        )?)
    }

    fn array_output_len(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        array_output: types::ArrayOutput,
    ) -> Result<types::Size, Error> {
        to_size(CryptoCtx::array_output_len(self, array_output.into())?)
    }

    fn array_output_pull(
        &mut self,
        mem: &mut GuestMemory<'_>,
        array_output: types::ArrayOutput,
        buf: GuestPtr<u8>,
        buf_len: types::Size,
    ) -> Result<types::Size, Error> {
        let left = CryptoCtx::array_output_len(self, array_output.into()).unwrap_or(0);
        let mut out = output_buffer(self, mem, buf, buf_len, left)?;
        let n = CryptoCtx::array_output_pull(self, array_output.into(), &mut out)?;
        write_bytes(mem, buf, &out[..n])?;
        to_size(n)
    }

    fn secrets_manager_open(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        options: &types::OptOptions,
    ) -> Result<types::SecretsManager, Error> {
        Ok(CryptoCtx::secrets_manager_open(self, opt_options(options))?.into())
    }

    fn secrets_manager_close(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        sm: types::SecretsManager,
    ) -> Result<(), Error> {
        Ok(CryptoCtx::secrets_manager_close(self, sm.into())?)
    }

    fn secrets_manager_invalidate(
        &mut self,
        mem: &mut GuestMemory<'_>,
        sm: types::SecretsManager,
        key_id: GuestPtr<u8>,
        key_id_len: types::Size,
        key_version: types::Version,
    ) -> Result<(), Error> {
        let id = read_bytes(self, mem, key_id, key_id_len)?;
        Ok(CryptoCtx::secrets_manager_invalidate(
            self,
            sm.into(),
            &id,
            key_version,
        )?)
    }
}
