//! Safe, errno-returning wrappers over the `wasicrypt::raw` calls the test programs use.
//!
//! Every wrapper takes only references and slices, so it cannot make the host write outside live
//! Rust memory; it returns the raw `crypto_errno` (and the result, meaningful on success only).
//! Checks that need invalid pointers call `wasicrypt::raw` themselves in `unsafe` blocks.

use wasicrypt::raw::{self, CryptoErrno, OptOptions, OptSymmetricKey, common, symmetric};

/// An `opt_options` carrying `handle`.
pub fn some_options(handle: raw::Options) -> OptOptions {
    OptOptions {
        tag: raw::OPT_SOME,
        handle,
    }
}

/// An empty `opt_options`.
pub fn no_options() -> OptOptions {
    OptOptions {
        tag: raw::OPT_NONE,
        handle: 0,
    }
}

/// An `opt_symmetric_key` carrying `handle`.
pub fn some_key(handle: raw::SymmetricKey) -> OptSymmetricKey {
    OptSymmetricKey {
        tag: raw::OPT_SOME,
        handle,
    }
}

/// An empty `opt_symmetric_key`.
pub fn no_key() -> OptSymmetricKey {
    OptSymmetricKey {
        tag: raw::OPT_NONE,
        handle: 0,
    }
}

/// `options_open`.
pub fn options_open(algorithm_type: raw::AlgorithmType) -> (CryptoErrno, raw::Options) {
    let mut out = 0;
    // SAFETY: `&mut out` is a valid writable handle slot.
    let e = unsafe { common::options_open(algorithm_type, &mut out) };
    (e, out)
}

/// `options_close`.
pub fn options_close(handle: raw::Options) -> CryptoErrno {
    // SAFETY: value argument only.
    unsafe { common::options_close(handle) }
}

/// `options_set`.
pub fn options_set(handle: raw::Options, name: &str, value: &[u8]) -> CryptoErrno {
    // SAFETY: `name` and `value` are live slices.
    unsafe {
        common::options_set(
            handle,
            name.as_ptr(),
            name.len(),
            value.as_ptr(),
            value.len(),
        )
    }
}

/// `options_set_u64`.
pub fn options_set_u64(handle: raw::Options, name: &str, value: u64) -> CryptoErrno {
    // SAFETY: `name` is a live slice.
    unsafe { common::options_set_u64(handle, name.as_ptr(), name.len(), value) }
}

/// `array_output_len`.
pub fn array_output_len(handle: raw::ArrayOutput) -> (CryptoErrno, usize) {
    let mut out = 0;
    // SAFETY: `&mut out` is a valid writable `usize`.
    let e = unsafe { common::array_output_len(handle, &mut out) };
    (e, out)
}

/// `array_output_pull`.
pub fn array_output_pull(handle: raw::ArrayOutput, buf: &mut [u8]) -> (CryptoErrno, usize) {
    let mut out = 0;
    // SAFETY: `buf` is a live writable slice, `&mut out` a valid `usize`.
    let e = unsafe { common::array_output_pull(handle, buf.as_mut_ptr(), buf.len(), &mut out) };
    (e, out)
}

/// `symmetric_key_generate`.
pub fn key_generate(algorithm: &str, options: OptOptions) -> (CryptoErrno, raw::SymmetricKey) {
    let mut out = 0;
    // SAFETY: all pointers come from live references.
    let e = unsafe {
        symmetric::symmetric_key_generate(algorithm.as_ptr(), algorithm.len(), &options, &mut out)
    };
    (e, out)
}

/// `symmetric_key_import`.
pub fn key_import(algorithm: &str, raw_key: &[u8]) -> (CryptoErrno, raw::SymmetricKey) {
    let mut out = 0;
    // SAFETY: all pointers come from live references.
    let e = unsafe {
        symmetric::symmetric_key_import(
            algorithm.as_ptr(),
            algorithm.len(),
            raw_key.as_ptr(),
            raw_key.len(),
            &mut out,
        )
    };
    (e, out)
}

/// `symmetric_key_export`.
pub fn key_export(handle: raw::SymmetricKey) -> (CryptoErrno, raw::ArrayOutput) {
    let mut out = 0;
    // SAFETY: `&mut out` is a valid writable handle slot.
    let e = unsafe { symmetric::symmetric_key_export(handle, &mut out) };
    (e, out)
}

/// `symmetric_key_close`.
pub fn key_close(handle: raw::SymmetricKey) -> CryptoErrno {
    // SAFETY: value argument only.
    unsafe { symmetric::symmetric_key_close(handle) }
}

/// `symmetric_state_open`.
pub fn state_open(
    algorithm: &str,
    key: OptSymmetricKey,
    options: OptOptions,
) -> (CryptoErrno, raw::SymmetricState) {
    let mut out = 0;
    // SAFETY: all pointers come from live references.
    let e = unsafe {
        symmetric::symmetric_state_open(
            algorithm.as_ptr(),
            algorithm.len(),
            &key,
            &options,
            &mut out,
        )
    };
    (e, out)
}

/// `symmetric_state_options_get`.
pub fn options_get(
    handle: raw::SymmetricState,
    name: &str,
    buf: &mut [u8],
) -> (CryptoErrno, usize) {
    let mut out = 0;
    // SAFETY: all pointers come from live references; `buf` is writable.
    let e = unsafe {
        symmetric::symmetric_state_options_get(
            handle,
            name.as_ptr(),
            name.len(),
            buf.as_mut_ptr(),
            buf.len(),
            &mut out,
        )
    };
    (e, out)
}

/// `symmetric_state_options_get_u64`.
pub fn options_get_u64(handle: raw::SymmetricState, name: &str) -> (CryptoErrno, u64) {
    let mut out = 0;
    // SAFETY: all pointers come from live references.
    let e = unsafe {
        symmetric::symmetric_state_options_get_u64(handle, name.as_ptr(), name.len(), &mut out)
    };
    (e, out)
}

/// `symmetric_state_clone`.
pub fn state_clone(handle: raw::SymmetricState) -> (CryptoErrno, raw::SymmetricState) {
    let mut out = 0;
    // SAFETY: `&mut out` is a valid writable handle slot.
    let e = unsafe { symmetric::symmetric_state_clone(handle, &mut out) };
    (e, out)
}

/// `symmetric_state_close`.
pub fn state_close(handle: raw::SymmetricState) -> CryptoErrno {
    // SAFETY: value argument only.
    unsafe { symmetric::symmetric_state_close(handle) }
}

/// `symmetric_state_absorb`.
pub fn absorb(handle: raw::SymmetricState, data: &[u8]) -> CryptoErrno {
    // SAFETY: `data` is a live slice.
    unsafe { symmetric::symmetric_state_absorb(handle, data.as_ptr(), data.len()) }
}

/// `symmetric_state_squeeze`.
pub fn squeeze(handle: raw::SymmetricState, out: &mut [u8]) -> CryptoErrno {
    // SAFETY: `out` is a live writable slice.
    unsafe { symmetric::symmetric_state_squeeze(handle, out.as_mut_ptr(), out.len()) }
}

/// `symmetric_state_squeeze_tag`.
pub fn squeeze_tag(handle: raw::SymmetricState) -> (CryptoErrno, raw::SymmetricTag) {
    let mut out = 0;
    // SAFETY: `&mut out` is a valid writable handle slot.
    let e = unsafe { symmetric::symmetric_state_squeeze_tag(handle, &mut out) };
    (e, out)
}

/// `symmetric_state_squeeze_key`.
pub fn squeeze_key(
    handle: raw::SymmetricState,
    algorithm: &str,
) -> (CryptoErrno, raw::SymmetricKey) {
    let mut out = 0;
    // SAFETY: all pointers come from live references.
    let e = unsafe {
        symmetric::symmetric_state_squeeze_key(
            handle,
            algorithm.as_ptr(),
            algorithm.len(),
            &mut out,
        )
    };
    (e, out)
}

/// `symmetric_state_max_tag_len`.
pub fn max_tag_len(handle: raw::SymmetricState) -> (CryptoErrno, usize) {
    let mut out = 0;
    // SAFETY: `&mut out` is a valid writable `usize`.
    let e = unsafe { symmetric::symmetric_state_max_tag_len(handle, &mut out) };
    (e, out)
}

/// `symmetric_state_encrypt`.
pub fn encrypt(handle: raw::SymmetricState, out: &mut [u8], data: &[u8]) -> (CryptoErrno, usize) {
    let mut n = 0;
    // SAFETY: `out` is a live writable slice, `data` a live slice; they cannot overlap.
    let e = unsafe {
        symmetric::symmetric_state_encrypt(
            handle,
            out.as_mut_ptr(),
            out.len(),
            data.as_ptr(),
            data.len(),
            &mut n,
        )
    };
    (e, n)
}

/// `symmetric_state_encrypt_detached`.
pub fn encrypt_detached(
    handle: raw::SymmetricState,
    out: &mut [u8],
    data: &[u8],
) -> (CryptoErrno, raw::SymmetricTag) {
    let mut tag = 0;
    // SAFETY: `out` is a live writable slice, `data` a live slice.
    let e = unsafe {
        symmetric::symmetric_state_encrypt_detached(
            handle,
            out.as_mut_ptr(),
            out.len(),
            data.as_ptr(),
            data.len(),
            &mut tag,
        )
    };
    (e, tag)
}

/// `symmetric_state_decrypt`.
pub fn decrypt(handle: raw::SymmetricState, out: &mut [u8], data: &[u8]) -> (CryptoErrno, usize) {
    let mut n = 0;
    // SAFETY: `out` is a live writable slice, `data` a live slice.
    let e = unsafe {
        symmetric::symmetric_state_decrypt(
            handle,
            out.as_mut_ptr(),
            out.len(),
            data.as_ptr(),
            data.len(),
            &mut n,
        )
    };
    (e, n)
}

/// `symmetric_state_decrypt_detached`.
pub fn decrypt_detached(
    handle: raw::SymmetricState,
    out: &mut [u8],
    data: &[u8],
    tag: &[u8],
) -> (CryptoErrno, usize) {
    let mut n = 0;
    // SAFETY: `out` is a live writable slice, `data` and `tag` live slices.
    let e = unsafe {
        symmetric::symmetric_state_decrypt_detached(
            handle,
            out.as_mut_ptr(),
            out.len(),
            data.as_ptr(),
            data.len(),
            tag.as_ptr(),
            tag.len(),
            &mut n,
        )
    };
    (e, n)
}

/// `symmetric_state_ratchet`.
pub fn ratchet(handle: raw::SymmetricState) -> CryptoErrno {
    // SAFETY: value argument only.
    unsafe { symmetric::symmetric_state_ratchet(handle) }
}

/// `symmetric_tag_len`.
pub fn tag_len(handle: raw::SymmetricTag) -> (CryptoErrno, usize) {
    let mut out = 0;
    // SAFETY: `&mut out` is a valid writable `usize`.
    let e = unsafe { symmetric::symmetric_tag_len(handle, &mut out) };
    (e, out)
}

/// `symmetric_tag_pull`.
pub fn tag_pull(handle: raw::SymmetricTag, buf: &mut [u8]) -> (CryptoErrno, usize) {
    let mut out = 0;
    // SAFETY: `buf` is a live writable slice.
    let e = unsafe { symmetric::symmetric_tag_pull(handle, buf.as_mut_ptr(), buf.len(), &mut out) };
    (e, out)
}

/// `symmetric_tag_verify`.
pub fn tag_verify(handle: raw::SymmetricTag, expected: &[u8]) -> CryptoErrno {
    // SAFETY: `expected` is a live slice.
    unsafe { symmetric::symmetric_tag_verify(handle, expected.as_ptr(), expected.len()) }
}

/// `symmetric_tag_close`.
pub fn tag_close(handle: raw::SymmetricTag) -> CryptoErrno {
    // SAFETY: value argument only.
    unsafe { symmetric::symmetric_tag_close(handle) }
}
