//! The wiggle trait implementations, one file per witx module. Each function decodes guest
//! arguments, calls the [`CryptoCtx`](crate::CryptoCtx) core and encodes the result; nothing
//! cryptographic happens here.
//!
//! Guest memory rules: input is copied (or borrowed and released) before any output is written,
//! so overlapping input and output buffers work; no guest pointer is kept across calls; output
//! ranges are bounds-checked before any work is done; shared memories are handled by copying.

mod asymmetric_common;
mod common;
mod external_secrets;
pub(crate) mod imports;
mod kx;
mod signatures;
mod symmetric;

use wiggle::{GuestMemory, GuestPtr};

use crate::CryptoCtx;
use crate::bindings::types::{self, Error};
use crate::error::CryptoError;

/// The checks before the host touches a guest buffer: `guest_error` unless it is guest memory,
/// then `prohibited_operation` if it is larger than the context's
/// [`Limits::max_call_bytes`](crate::Limits::max_call_bytes). Nothing is copied or allocated.
fn check_array(cx: &CryptoCtx, mem: &GuestMemory<'_>, ptr: GuestPtr<[u8]>) -> Result<(), Error> {
    mem.as_slice(ptr)?;
    if usize::try_from(ptr.len()).map_or(true, |len| len > cx.limits.max_call_bytes) {
        return Err(CryptoError::ProhibitedOperation.into());
    }
    Ok(())
}

/// [`check_array`] for the `len` bytes at `ptr`.
fn check_range(
    cx: &CryptoCtx,
    mem: &GuestMemory<'_>,
    ptr: GuestPtr<u8>,
    len: types::Size,
) -> Result<(), Error> {
    check_array(cx, mem, ptr.as_array(len))
}

/// Reads a guest string: the checks of [`check_array`], then `guest_error` if it is not UTF-8.
fn read_str(cx: &CryptoCtx, mem: &GuestMemory<'_>, ptr: GuestPtr<str>) -> Result<String, Error> {
    check_array(cx, mem, ptr.as_bytes())?;
    Ok(mem.as_cow_str(ptr)?.into_owned())
}

/// Copies `len` guest bytes at `ptr` into host memory, after the checks of [`check_array`].
fn read_bytes(
    cx: &CryptoCtx,
    mem: &GuestMemory<'_>,
    ptr: GuestPtr<u8>,
    len: types::Size,
) -> Result<Vec<u8>, Error> {
    check_range(cx, mem, ptr, len)?;
    Ok(mem.to_vec(ptr.as_array(len))?)
}

/// Borrows `len` guest bytes at `ptr` (copied only from a shared memory), after the checks of
/// [`check_array`].
fn borrow_bytes<'m>(
    cx: &CryptoCtx,
    mem: &'m GuestMemory<'_>,
    ptr: GuestPtr<u8>,
    len: types::Size,
) -> Result<std::borrow::Cow<'m, [u8]>, Error> {
    check_range(cx, mem, ptr, len)?;
    Ok(mem.as_cow(ptr.as_array(len))?)
}

/// Checks that `len` bytes at `ptr` are guest memory, within the per-call cap, and returns a
/// zeroed host buffer that size.
fn output_buffer(
    cx: &CryptoCtx,
    mem: &GuestMemory<'_>,
    ptr: GuestPtr<u8>,
    len: types::Size,
) -> Result<Vec<u8>, Error> {
    check_range(cx, mem, ptr, len)?;
    Ok(vec![
        0;
        usize::try_from(len)
            .map_err(|_| CryptoError::Overflow)?
    ])
}

/// Writes `data` to the guest at `ptr` (its range was checked by [`output_buffer`]).
fn write_bytes(mem: &mut GuestMemory<'_>, ptr: GuestPtr<u8>, data: &[u8]) -> Result<(), Error> {
    let len = to_size(data.len())?;
    Ok(mem.copy_from_slice(data, ptr.as_array(len))?)
}

/// A host length as the ABI's `size` (`u32`); `overflow` if it does not fit.
fn to_size(n: usize) -> Result<types::Size, Error> {
    Ok(types::Size::try_from(n).map_err(|_| CryptoError::Overflow)?)
}

fn opt_options(o: &types::OptOptions) -> Option<u32> {
    match o {
        types::OptOptions::Some(h) => Some(u32::from(*h)),
        types::OptOptions::None => None,
    }
}

fn algorithm_type(t: types::AlgorithmType) -> crate::AlgorithmType {
    match t {
        types::AlgorithmType::Signatures => crate::AlgorithmType::Signatures,
        types::AlgorithmType::Symmetric => crate::AlgorithmType::Symmetric,
        types::AlgorithmType::KeyExchange => crate::AlgorithmType::KeyExchange,
    }
}
