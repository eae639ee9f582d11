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

use crate::bindings::types::{self, Error};
use crate::error::CryptoError;

/// Reads a guest string (`guest_error` if out of bounds or not UTF-8).
fn read_str(mem: &GuestMemory<'_>, ptr: GuestPtr<str>) -> Result<String, Error> {
    Ok(mem.as_cow_str(ptr)?.into_owned())
}

/// Copies `len` guest bytes at `ptr` into host memory.
fn read_bytes(
    mem: &GuestMemory<'_>,
    ptr: GuestPtr<u8>,
    len: types::Size,
) -> Result<Vec<u8>, Error> {
    Ok(mem.to_vec(ptr.as_array(len))?)
}

/// `guest_error` unless the `len` bytes at `ptr` are guest memory.
fn check_range(mem: &GuestMemory<'_>, ptr: GuestPtr<u8>, len: types::Size) -> Result<(), Error> {
    mem.as_slice(ptr.as_array(len))?;
    Ok(())
}

/// Checks that `len` bytes at `ptr` are guest memory and returns a zeroed host buffer that size.
fn output_buffer(
    mem: &GuestMemory<'_>,
    ptr: GuestPtr<u8>,
    len: types::Size,
) -> Result<Vec<u8>, Error> {
    check_range(mem, ptr, len)?;
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
