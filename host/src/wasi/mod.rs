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
use zeroize::Zeroizing;

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

/// Checks that `len` bytes at `ptr` are guest memory (`guest_error`) and returns a zeroed host
/// buffer for the output: `min(len, max)` bytes, where `max` is the most the operation can
/// produce, so the buffer is never sized by the guest's length alone (and the per-call cap, which
/// bounds inputs, does not apply). Zeroized on drop; an allocation that fails is `overflow`.
fn output_buffer(
    mem: &GuestMemory<'_>,
    ptr: GuestPtr<u8>,
    len: types::Size,
    max: usize,
) -> Result<Zeroizing<Vec<u8>>, Error> {
    mem.as_slice(ptr.as_array(len))?;
    let len = usize::try_from(len).unwrap_or(usize::MAX).min(max);
    let mut buf = Zeroizing::new(Vec::new());
    buf.try_reserve_exact(len)
        .map_err(|_| CryptoError::Overflow)?;
    buf.resize(len, 0);
    Ok(buf)
}

/// Zeroes `len` guest bytes at `ptr` (a range already checked), without a host buffer that size.
fn zero_guest(mem: &mut GuestMemory<'_>, ptr: GuestPtr<u8>, len: types::Size) -> Result<(), Error> {
    const ZEROS: [u8; 4096] = [0; 4096];
    let mut done: u32 = 0;
    while done < len {
        let n = (len - done).min(ZEROS.len() as u32);
        let at = GuestPtr::<u8>::new(ptr.offset().wrapping_add(done));
        mem.copy_from_slice(&ZEROS[..n as usize], at.as_array(n))?;
        done += n;
    }
    Ok(())
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
