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

use std::borrow::Cow;
use std::ops::{Deref, DerefMut};

use wiggle::{GuestError, GuestMemory, GuestPtr};
use zeroize::Zeroizing;

use crate::budget::Reservation;

use crate::CryptoCtx;
use crate::bindings::types::{self, Error};
use crate::error::CryptoError;

/// The checks before the host touches a guest buffer: `guest_error` unless it is guest memory,
/// then `prohibited_operation` if it is larger than the context's
/// [`Limits::max_call_bytes`](crate::Limits::max_call_bytes). Nothing is copied or allocated.
/// Returns the bytes, borrowed, from an unshared memory, and `None` from a shared one (which
/// cannot be borrowed). Inlined: the cheapest hostcalls pass through it.
#[inline(always)]
fn check_array<'m>(
    cx: &CryptoCtx,
    mem: &'m GuestMemory<'_>,
    ptr: GuestPtr<[u8]>,
) -> Result<Option<&'m [u8]>, Error> {
    let bytes = mem.as_slice(ptr)?;
    if usize::try_from(ptr.len()).map_or(true, |len| len > cx.limits.max_call_bytes) {
        return Err(CryptoError::ProhibitedOperation.into());
    }
    Ok(bytes)
}

/// [`check_array`] for the `len` bytes at `ptr`.
fn check_range(
    cx: &CryptoCtx,
    mem: &GuestMemory<'_>,
    ptr: GuestPtr<u8>,
    len: types::Size,
) -> Result<(), Error> {
    check_array(cx, mem, ptr.as_array(len)).map(|_| ())
}

/// Checks that a managed identifier fits the guest's output buffer (`overflow` if `max_len` is
/// under [`crate::secrets::ID_LEN`], `guest_error` if the bytes are out of bounds) before the
/// host stores anything under it.
fn check_id_output(
    mem: &GuestMemory<'_>,
    ptr: GuestPtr<u8>,
    max_len: types::Size,
) -> Result<(), Error> {
    const ID_LEN: types::Size = crate::secrets::ID_LEN as types::Size;
    if max_len < ID_LEN {
        return Err(CryptoError::Overflow.into());
    }
    mem.as_cow(ptr.as_array(ID_LEN))?;
    Ok(())
}

/// Outputs up to this many bytes (digests, tags, nonces, small option values) are held on the
/// stack: no allocation and no budget reservation for the commonest calls.
const INLINE_LEN: usize = 64;

/// A host buffer the call needs: a copy of guest bytes, or room for an output. Zeroized on
/// drop. Up to [`INLINE_LEN`] bytes it lives on the stack; a larger one is allocated and its size
/// is reserved from the context's memory budget for as long as it lives.
enum HostBuf {
    Inline(Zeroizing<[u8; INLINE_LEN]>, usize),
    Heap {
        bytes: Zeroizing<Vec<u8>>,
        _held: Reservation,
    },
}

impl HostBuf {
    /// `len` zero bytes; above [`INLINE_LEN`], reserved first (`overflow` if the budget or the
    /// allocator cannot provide them).
    fn zeroed(cx: &CryptoCtx, len: usize) -> Result<HostBuf, Error> {
        if len <= INLINE_LEN {
            return Ok(HostBuf::Inline(Zeroizing::new([0; INLINE_LEN]), len));
        }
        let held = cx.budget.reserve(len)?;
        let mut bytes = Zeroizing::new(Vec::new());
        bytes
            .try_reserve_exact(len)
            .map_err(|_| CryptoError::Overflow)?;
        bytes.resize(len, 0);
        Ok(HostBuf::Heap { bytes, _held: held })
    }
}

impl Deref for HostBuf {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        match self {
            HostBuf::Inline(bytes, len) => &bytes[..*len],
            HostBuf::Heap { bytes, .. } => bytes,
        }
    }
}

impl DerefMut for HostBuf {
    fn deref_mut(&mut self) -> &mut [u8] {
        match self {
            HostBuf::Inline(bytes, len) => &mut bytes[..*len],
            HostBuf::Heap { bytes, .. } => bytes,
        }
    }
}

/// Guest bytes the call reads: borrowed from an unshared memory (nothing is copied or reserved),
/// copied from a shared one (and reserved then).
struct GuestInput<'m> {
    bytes: Cow<'m, [u8]>,
    _held: Option<Reservation>,
}

impl Deref for GuestInput<'_> {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.bytes
    }
}

/// Reads a guest string: the checks of [`check_array`], then `guest_error` if it is not UTF-8.
/// Borrowed from an unshared memory; a shared memory's copy is reserved from the memory budget
/// while it lives (see [`borrow_array`]).
fn read_str<'m>(
    cx: &CryptoCtx,
    mem: &'m GuestMemory<'_>,
    ptr: GuestPtr<str>,
) -> Result<GuestStr<'m>, Error> {
    let GuestInput { bytes, _held } = borrow_array(cx, mem, ptr.as_bytes())?;
    let text = match bytes {
        Cow::Borrowed(b) => Cow::Borrowed(std::str::from_utf8(b).map_err(GuestError::from)?),
        Cow::Owned(v) => {
            Cow::Owned(String::from_utf8(v).map_err(|e| GuestError::from(e.utf8_error()))?)
        }
    };
    Ok(GuestStr { text, _held })
}

/// A guest string: borrowed from an unshared memory (nothing copied or reserved), copied from a
/// shared one (and reserved then). See [`read_str`].
struct GuestStr<'m> {
    text: Cow<'m, str>,
    _held: Option<Reservation>,
}

impl Deref for GuestStr<'_> {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

/// Copies `len` guest bytes at `ptr` into a [`HostBuf`], after the checks of [`check_array`]
/// (above [`INLINE_LEN`] bytes the buffer is reserved from the budget first: `overflow`).
fn read_bytes(
    cx: &CryptoCtx,
    mem: &GuestMemory<'_>,
    ptr: GuestPtr<u8>,
    len: types::Size,
) -> Result<HostBuf, Error> {
    check_range(cx, mem, ptr, len)?;
    let mut buf = HostBuf::zeroed(cx, len as usize)?;
    buf.copy_from_slice(&mem.as_cow(ptr.as_array(len))?);
    Ok(buf)
}

/// Borrows `len` guest bytes at `ptr`: [`borrow_array`] of that range.
#[inline(always)]
fn borrow_bytes<'m>(
    cx: &CryptoCtx,
    mem: &'m GuestMemory<'_>,
    ptr: GuestPtr<u8>,
    len: types::Size,
) -> Result<GuestInput<'m>, Error> {
    borrow_array(cx, mem, ptr.as_array(len))
}

/// Borrows the guest bytes of `range` after the checks of [`check_array`]: from an unshared
/// memory as they are (nothing copied or reserved), from a shared one as a copy, reserved from
/// the memory budget first (`overflow`). Inlined into the calls that read input (the cheapest
/// hostcalls).
#[inline(always)]
fn borrow_array<'m>(
    cx: &CryptoCtx,
    mem: &'m GuestMemory<'_>,
    range: GuestPtr<[u8]>,
) -> Result<GuestInput<'m>, Error> {
    Ok(match check_array(cx, mem, range)? {
        Some(bytes) => GuestInput {
            bytes: Cow::Borrowed(bytes),
            _held: None,
        },
        None => {
            let held = Some(cx.budget.reserve(range.len() as usize)?);
            GuestInput {
                bytes: mem.as_cow(range)?,
                _held: held,
            }
        }
    })
}

/// Checks that `len` bytes at `ptr` are guest memory (`guest_error`) and returns a zeroed host
/// buffer for the output: `min(len, max)` bytes, where `max` is the most the operation can
/// produce, so the buffer is never sized by the guest's length alone (and the per-call cap, which
/// bounds inputs, does not apply). Above [`INLINE_LEN`] bytes, reserved from the budget and
/// allocated fallibly (`overflow`).
fn output_buffer(
    cx: &CryptoCtx,
    mem: &GuestMemory<'_>,
    ptr: GuestPtr<u8>,
    len: types::Size,
    max: usize,
) -> Result<HostBuf, Error> {
    mem.as_slice(ptr.as_array(len))?;
    HostBuf::zeroed(cx, usize::try_from(len).unwrap_or(usize::MAX).min(max))
}

impl CryptoCtx {
    /// In an async call, checks the guest range (as the sync call would) and leaves a streaming
    /// job for it when [`CryptoCtx::offload_stream`] takes one; `true` if it did. A sync call
    /// returns `false` at once and checks nothing twice.
    fn stream_job(
        &mut self,
        mem: &GuestMemory<'_>,
        target: crate::offload::Stream,
        ptr: GuestPtr<u8>,
        len: types::Size,
    ) -> Result<bool, Error> {
        if !self.offload.enabled {
            return Ok(false);
        }
        check_range(self, mem, ptr, len)?;
        Ok(self.offload_stream(target, ptr.offset(), len)?)
    }
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
