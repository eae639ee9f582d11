//! `wasi_ephemeral_crypto_symmetric`: keys, states and tags.

use wiggle::{GuestMemory, GuestPtr};
use zeroize::Zeroizing;

use super::{
    INLINE_LEN, borrow_bytes, check_id_output, check_range, opt_options, output_buffer, read_bytes,
    read_str, to_size, write_bytes, zero_guest,
};
use crate::CryptoCtx;
use crate::bindings::types::{self, Error};
use crate::bindings::wasi_ephemeral_crypto_symmetric::WasiEphemeralCryptoSymmetric;
use crate::error::CryptoError;
use crate::offload::{AeadCall, Stream};

/// The longest tag of an AEAD of this host (bytes): what `encrypt` adds to the message.
const MAX_TAG_LEN: usize = 16;

/// Bytes an XOF squeeze produces per step into guest memory (see `symmetric_state_squeeze`).
const SQUEEZE_CHUNK: usize = 4096;

fn opt_key(k: &types::OptSymmetricKey) -> Option<u32> {
    match k {
        types::OptSymmetricKey::Some(h) => Some(u32::from(*h)),
        types::OptSymmetricKey::None => None,
    }
}

impl WasiEphemeralCryptoSymmetric for CryptoCtx {
    fn symmetric_key_generate(
        &mut self,
        mem: &mut GuestMemory<'_>,
        algorithm: GuestPtr<str>,
        options: &types::OptOptions,
    ) -> Result<types::SymmetricKey, Error> {
        let alg = read_str(self, mem, algorithm)?;
        Ok(CryptoCtx::symmetric_key_generate(self, &alg, opt_options(options))?.into())
    }

    fn symmetric_key_import(
        &mut self,
        mem: &mut GuestMemory<'_>,
        algorithm: GuestPtr<str>,
        raw: GuestPtr<u8>,
        raw_len: types::Size,
    ) -> Result<types::SymmetricKey, Error> {
        let alg = read_str(self, mem, algorithm)?;
        let raw = read_bytes(self, mem, raw, raw_len)?;
        Ok(CryptoCtx::symmetric_key_import(self, &alg, &raw)?.into())
    }

    fn symmetric_key_export(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        key: types::SymmetricKey,
    ) -> Result<types::ArrayOutput, Error> {
        Ok(CryptoCtx::symmetric_key_export(self, key.into())?.into())
    }

    fn symmetric_key_close(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        key: types::SymmetricKey,
    ) -> Result<(), Error> {
        Ok(CryptoCtx::symmetric_key_close(self, key.into())?)
    }

    fn symmetric_key_generate_managed(
        &mut self,
        mem: &mut GuestMemory<'_>,
        sm: types::SecretsManager,
        algorithm: GuestPtr<str>,
        options: &types::OptOptions,
    ) -> Result<types::SymmetricKey, Error> {
        let alg = read_str(self, mem, algorithm)?;
        let key =
            CryptoCtx::symmetric_key_generate_managed(self, sm.into(), &alg, opt_options(options))?;
        Ok(key.into())
    }

    fn symmetric_key_store_managed(
        &mut self,
        mem: &mut GuestMemory<'_>,
        sm: types::SecretsManager,
        key: types::SymmetricKey,
        key_id: GuestPtr<u8>,
        key_id_max_len: types::Size,
    ) -> Result<(), Error> {
        self.manager(sm.into())?;
        check_id_output(mem, key_id, key_id_max_len)?;
        let id = CryptoCtx::symmetric_key_store_managed(self, sm.into(), key.into())?;
        write_bytes(mem, key_id, &id)
    }

    fn symmetric_key_replace_managed(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        sm: types::SecretsManager,
        old: types::SymmetricKey,
        new: types::SymmetricKey,
    ) -> Result<types::Version, Error> {
        Ok(CryptoCtx::symmetric_key_replace_managed(
            self,
            sm.into(),
            old.into(),
            new.into(),
        )?)
    }

    fn symmetric_key_id(
        &mut self,
        mem: &mut GuestMemory<'_>,
        key: types::SymmetricKey,
        key_id: GuestPtr<u8>,
        key_id_max_len: types::Size,
    ) -> Result<(types::Size, types::Version), Error> {
        let (id, version) = CryptoCtx::symmetric_key_id(self, key.into())?;
        check_id_output(mem, key_id, key_id_max_len)?;
        write_bytes(mem, key_id, &id)?;
        Ok((to_size(id.len())?, version))
    }

    fn symmetric_key_from_id(
        &mut self,
        mem: &mut GuestMemory<'_>,
        sm: types::SecretsManager,
        key_id: GuestPtr<u8>,
        key_id_len: types::Size,
        version: types::Version,
    ) -> Result<types::SymmetricKey, Error> {
        let id = read_bytes(self, mem, key_id, key_id_len)?;
        Ok(CryptoCtx::symmetric_key_from_id(self, sm.into(), &id, version)?.into())
    }

    fn symmetric_state_open(
        &mut self,
        mem: &mut GuestMemory<'_>,
        algorithm: GuestPtr<str>,
        key: &types::OptSymmetricKey,
        options: &types::OptOptions,
    ) -> Result<types::SymmetricState, Error> {
        let alg = read_str(self, mem, algorithm)?;
        Ok(CryptoCtx::symmetric_state_open(self, &alg, opt_key(key), opt_options(options))?.into())
    }

    fn symmetric_state_options_get(
        &mut self,
        mem: &mut GuestMemory<'_>,
        handle: types::SymmetricState,
        name: GuestPtr<str>,
        value: GuestPtr<u8>,
        value_max_len: types::Size,
    ) -> Result<types::Size, Error> {
        let name = read_str(self, mem, name)?;
        mem.as_slice(value.as_array(value_max_len))?;
        let v = Zeroizing::new(CryptoCtx::symmetric_state_options_get(
            self,
            handle.into(),
            &name,
        )?);
        if v.len() > value_max_len as usize {
            return Err(CryptoError::Overflow.into());
        }
        write_bytes(mem, value, &v)?;
        to_size(v.len())
    }

    fn symmetric_state_options_get_u64(
        &mut self,
        mem: &mut GuestMemory<'_>,
        handle: types::SymmetricState,
        name: GuestPtr<str>,
    ) -> Result<u64, Error> {
        let name = read_str(self, mem, name)?;
        Ok(CryptoCtx::symmetric_state_options_get_u64(
            self,
            handle.into(),
            &name,
        )?)
    }

    fn symmetric_state_clone(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        handle: types::SymmetricState,
    ) -> Result<types::SymmetricState, Error> {
        Ok(CryptoCtx::symmetric_state_clone(self, handle.into())?.into())
    }

    fn symmetric_state_close(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        handle: types::SymmetricState,
    ) -> Result<(), Error> {
        Ok(CryptoCtx::symmetric_state_close(self, handle.into())?)
    }

    fn symmetric_state_absorb(
        &mut self,
        mem: &mut GuestMemory<'_>,
        handle: types::SymmetricState,
        data: GuestPtr<u8>,
        data_len: types::Size,
    ) -> Result<(), Error> {
        let handle = u32::from(handle);
        if self.stream_job(mem, Stream::Symmetric(handle), data, data_len)? {
            return Ok(());
        }
        let data = borrow_bytes(self, mem, data, data_len)?;
        Ok(CryptoCtx::symmetric_state_absorb(self, handle, &data)?)
    }

    fn symmetric_state_squeeze(
        &mut self,
        mem: &mut GuestMemory<'_>,
        handle: types::SymmetricState,
        out: GuestPtr<u8>,
        out_len: types::Size,
    ) -> Result<(), Error> {
        let handle = u32::from(handle);
        let (streams, max) = CryptoCtx::squeeze_shape(self, handle)?;
        if streams {
            // An XOF's output continues from squeeze to squeeze, so a request of any length is
            // produced in chunks straight into guest memory: the host holds one chunk, not
            // `out_len` bytes.
            check_range(self, mem, out, out_len)?;
            let mut chunk = Zeroizing::new([0u8; SQUEEZE_CHUNK]);
            let mut done: u32 = 0;
            while done < out_len {
                let n = (out_len - done).min(SQUEEZE_CHUNK as u32);
                let part = &mut chunk[..n as usize];
                CryptoCtx::symmetric_state_squeeze(self, handle, part)?;
                let at = GuestPtr::<u8>::new(out.offset().wrapping_add(done));
                mem.copy_from_slice(part, at.as_array(n))?;
                done += n;
            }
            return Ok(());
        }
        // Sized by the algorithm: a longer request is answered before any allocation.
        let max = match max {
            Some(max) if usize::try_from(out_len).map_or(true, |len| len > max) => {
                mem.as_slice(out.as_array(out_len))?;
                return Err(CryptoError::InvalidLength.into());
            }
            Some(max) => max,
            None => 0,
        };
        if max > 0
            && out_len as usize <= INLINE_LEN
            && let Some(guest) = mem.as_slice_mut(out.as_array(out_len))?
        {
            // A short output (a digest) of a squeezable state into unshared memory: written in
            // place, with no host copy to hold (or wipe) it. Longer outputs keep the buffer,
            // which is reserved from the budget as before.
            return Ok(CryptoCtx::symmetric_state_squeeze(self, handle, guest)?);
        }
        let mut buf = output_buffer(self, mem, out, out_len, max)?;
        CryptoCtx::symmetric_state_squeeze(self, handle, &mut buf)?;
        write_bytes(mem, out, &buf)
    }

    fn symmetric_state_squeeze_tag(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        handle: types::SymmetricState,
    ) -> Result<types::SymmetricTag, Error> {
        Ok(CryptoCtx::symmetric_state_squeeze_tag(self, handle.into())?.into())
    }

    fn symmetric_state_squeeze_key(
        &mut self,
        mem: &mut GuestMemory<'_>,
        handle: types::SymmetricState,
        alg_str: GuestPtr<str>,
    ) -> Result<types::SymmetricKey, Error> {
        let alg = read_str(self, mem, alg_str)?;
        Ok(CryptoCtx::symmetric_state_squeeze_key(self, handle.into(), &alg)?.into())
    }

    fn symmetric_state_max_tag_len(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        handle: types::SymmetricState,
    ) -> Result<types::Size, Error> {
        to_size(CryptoCtx::symmetric_state_max_tag_len(self, handle.into())?)
    }

    fn symmetric_state_encrypt(
        &mut self,
        mem: &mut GuestMemory<'_>,
        handle: types::SymmetricState,
        out: GuestPtr<u8>,
        out_len: types::Size,
        data: GuestPtr<u8>,
        data_len: types::Size,
    ) -> Result<types::Size, Error> {
        if let Some(n) = self.aead_job(
            mem,
            handle,
            AeadCall::Encrypt,
            (out, out_len),
            (data, data_len),
        )? {
            return Ok(n);
        }
        if let Some(bytes) = unshared(self, mem, (out, out_len), (data, data_len))? {
            let (out, data) = (range(out, out_len), range(data, data_len));
            return to_size(self.symmetric_state_encrypt_within(
                handle.into(),
                bytes,
                out,
                data,
            )?);
        }
        let data = read_bytes(self, mem, data, data_len)?;
        let max = data.len().saturating_add(MAX_TAG_LEN);
        let mut buf = output_buffer(self, mem, out, out_len, max)?;
        let n = CryptoCtx::symmetric_state_encrypt(self, handle.into(), &mut buf, &data)?;
        write_bytes(mem, out, &buf[..n])?;
        to_size(n)
    }

    fn symmetric_state_encrypt_detached(
        &mut self,
        mem: &mut GuestMemory<'_>,
        handle: types::SymmetricState,
        out: GuestPtr<u8>,
        out_len: types::Size,
        data: GuestPtr<u8>,
        data_len: types::Size,
    ) -> Result<types::SymmetricTag, Error> {
        if let Some(tag) = self.aead_job(
            mem,
            handle,
            AeadCall::EncryptDetached,
            (out, out_len),
            (data, data_len),
        )? {
            return Ok(tag.into());
        }
        if let Some(bytes) = unshared(self, mem, (out, out_len), (data, data_len))? {
            let (out, data) = (range(out, out_len), range(data, data_len));
            let tag =
                self.symmetric_state_encrypt_detached_within(handle.into(), bytes, out, data)?;
            return Ok(tag.into());
        }
        let data = read_bytes(self, mem, data, data_len)?;
        let mut buf = output_buffer(self, mem, out, out_len, data.len())?;
        let tag =
            CryptoCtx::symmetric_state_encrypt_detached(self, handle.into(), &mut buf, &data)?;
        write_bytes(mem, out, &buf[..data.len()])?;
        Ok(tag.into())
    }

    fn symmetric_state_decrypt(
        &mut self,
        mem: &mut GuestMemory<'_>,
        handle: types::SymmetricState,
        out: GuestPtr<u8>,
        out_len: types::Size,
        data: GuestPtr<u8>,
        data_len: types::Size,
    ) -> Result<types::Size, Error> {
        if let Some(n) = self.aead_job(
            mem,
            handle,
            AeadCall::Decrypt,
            (out, out_len),
            (data, data_len),
        )? {
            return Ok(n);
        }
        if let Some(bytes) = unshared(self, mem, (out, out_len), (data, data_len))? {
            let (out, data) = (range(out, out_len), range(data, data_len));
            return to_size(self.symmetric_state_decrypt_within(
                handle.into(),
                bytes,
                out,
                data,
            )?);
        }
        let data = read_bytes(self, mem, data, data_len)?;
        let mut buf = output_buffer(self, mem, out, out_len, data.len())?;
        let result = CryptoCtx::symmetric_state_decrypt(self, handle.into(), &mut buf, &data);
        finish_decrypt(mem, (out, out_len), &buf, result)
    }

    fn symmetric_state_decrypt_detached(
        &mut self,
        mem: &mut GuestMemory<'_>,
        handle: types::SymmetricState,
        out: GuestPtr<u8>,
        out_len: types::Size,
        data: GuestPtr<u8>,
        data_len: types::Size,
        raw_tag: GuestPtr<u8>,
        raw_tag_len: types::Size,
    ) -> Result<types::Size, Error> {
        let call = AeadCall::DecryptDetached {
            raw_tag: raw_tag.offset(),
            raw_tag_len,
        };
        if let Some(n) = self.aead_job(mem, handle, call, (out, out_len), (data, data_len))? {
            return Ok(n);
        }
        if let GuestMemory::Unshared(_) = mem {
            // Checked in the order of the copying path: input, tag, output.
            check_range(self, mem, data, data_len)?;
            check_range(self, mem, raw_tag, raw_tag_len)?;
            // A tag of any other length is `invalid_tag`, whatever its bytes.
            let mut tag = [0u8; MAX_TAG_LEN];
            let tag: &[u8] = if raw_tag_len as usize == MAX_TAG_LEN {
                tag.copy_from_slice(&mem.as_cow(raw_tag.as_array(raw_tag_len))?);
                &tag
            } else {
                &[]
            };
            if let Some(bytes) = unshared(self, mem, (out, out_len), (data, data_len))? {
                let (out, ct) = (range(out, out_len), range(data, data_len));
                return to_size(self.symmetric_state_decrypt_detached_within(
                    handle.into(),
                    bytes,
                    out,
                    ct,
                    tag,
                )?);
            }
        }
        let data = read_bytes(self, mem, data, data_len)?;
        let tag = read_bytes(self, mem, raw_tag, raw_tag_len)?;
        let mut buf = output_buffer(self, mem, out, out_len, data.len())?;
        let result =
            CryptoCtx::symmetric_state_decrypt_detached(self, handle.into(), &mut buf, &data, &tag);
        finish_decrypt(mem, (out, out_len), &buf, result)
    }

    fn symmetric_state_ratchet(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        handle: types::SymmetricState,
    ) -> Result<(), Error> {
        Ok(CryptoCtx::symmetric_state_ratchet(self, handle.into())?)
    }

    fn symmetric_tag_len(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        tag: types::SymmetricTag,
    ) -> Result<types::Size, Error> {
        to_size(CryptoCtx::symmetric_tag_len(self, tag.into())?)
    }

    fn symmetric_tag_pull(
        &mut self,
        mem: &mut GuestMemory<'_>,
        tag: types::SymmetricTag,
        buf: GuestPtr<u8>,
        buf_len: types::Size,
    ) -> Result<types::Size, Error> {
        let tag_len = CryptoCtx::symmetric_tag_len(self, tag.into()).unwrap_or(0);
        let mut out = output_buffer(self, mem, buf, buf_len, tag_len)?;
        let n = CryptoCtx::symmetric_tag_pull(self, tag.into(), &mut out)?;
        write_bytes(mem, buf, &out[..n])?;
        to_size(n)
    }

    fn symmetric_tag_verify(
        &mut self,
        mem: &mut GuestMemory<'_>,
        tag: types::SymmetricTag,
        expected: GuestPtr<u8>,
        expected_len: types::Size,
    ) -> Result<(), Error> {
        let expected = borrow_bytes(self, mem, expected, expected_len)?;
        Ok(CryptoCtx::symmetric_tag_verify(
            self,
            tag.into(),
            &expected,
        )?)
    }

    fn symmetric_tag_close(
        &mut self,
        _mem: &mut GuestMemory<'_>,
        tag: types::SymmetricTag,
    ) -> Result<(), Error> {
        Ok(CryptoCtx::symmetric_tag_close(self, tag.into())?)
    }
}

impl CryptoCtx {
    /// In an async call with a long message, checks the guest ranges in the order of the sync
    /// call (input, raw tag, output) and leaves the AEAD job ([`CryptoCtx::offload_aead`]).
    fn aead_job(
        &mut self,
        mem: &GuestMemory<'_>,
        handle: types::SymmetricState,
        call: AeadCall,
        (out, out_len): (GuestPtr<u8>, types::Size),
        (data, data_len): (GuestPtr<u8>, types::Size),
    ) -> Result<Option<u32>, Error> {
        if !self.offload.enabled {
            return Ok(None);
        }
        check_range(self, mem, data, data_len)?;
        if let AeadCall::DecryptDetached {
            raw_tag,
            raw_tag_len,
        } = call
        {
            check_range(self, mem, GuestPtr::new(raw_tag), raw_tag_len)?;
        }
        mem.as_slice(out.as_array(out_len))?;
        Ok(self.offload_aead(
            handle.into(),
            call,
            (out.offset(), out_len),
            (data.offset(), data_len),
        )?)
    }
}

/// Writes a decryption's plaintext, or — on `invalid_tag` — zeroes the whole output buffer, as the
/// proposal requires, so no unauthenticated plaintext or stale data is left there.
fn finish_decrypt(
    mem: &mut GuestMemory<'_>,
    (out, out_len): (GuestPtr<u8>, types::Size),
    buf: &[u8],
    result: crate::Result<usize>,
) -> Result<types::Size, Error> {
    match result {
        Ok(n) => {
            write_bytes(mem, out, &buf[..n])?;
            to_size(n)
        }
        Err(CryptoError::InvalidTag) => {
            zero_guest(mem, out, out_len)?;
            Err(CryptoError::InvalidTag.into())
        }
        Err(e) => Err(e.into()),
    }
}

/// The guest's whole memory when it is unshared, after the checks of the copying path: the
/// input is guest memory within the per-call cap, the output is guest memory. The AEAD calls
/// then read and write guest memory in place (see [`crate::symmetric::SymmetricState::encrypt_within`]);
/// `None` for a shared memory, which is copied instead.
fn unshared<'a>(
    cx: &CryptoCtx,
    mem: &'a mut GuestMemory<'_>,
    (out, out_len): (GuestPtr<u8>, types::Size),
    (data, data_len): (GuestPtr<u8>, types::Size),
) -> Result<Option<&'a mut [u8]>, Error> {
    check_range(cx, mem, data, data_len)?;
    mem.as_slice(out.as_array(out_len))?;
    Ok(match mem {
        GuestMemory::Unshared(bytes) => Some(bytes),
        GuestMemory::Shared(_) => None,
    })
}

/// The guest range of `len` bytes at `ptr` as indices into its memory (a range already checked).
fn range(ptr: GuestPtr<u8>, len: types::Size) -> std::ops::Range<usize> {
    let start = ptr.offset() as usize;
    start..start + len as usize
}
