//! The `wasi_ephemeral_crypto_common` module: algorithm types, options and array outputs.

use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

use crate::error::{Error, ErrorKind, Result, check};
use crate::raw;

/// The kind of algorithm an [`Options`] object (and a key pair) is for (`algorithm_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum AlgorithmType {
    /// `signatures` (0): signature schemes (`Ed25519`, `ECDSA_P256_SHA256`, ...).
    Signatures,
    /// `symmetric` (1): hashes, MACs, KDFs and AEADs (`SHA-256`, `AES-256-GCM`, ...).
    Symmetric,
    /// `key_exchange` (2): key exchange and KEMs (`X25519`, ...).
    KeyExchange,
}

impl AlgorithmType {
    /// The `algorithm_type` wire value (0, 1 or 2).
    pub const fn to_raw(self) -> raw::AlgorithmType {
        match self {
            AlgorithmType::Signatures => raw::ALGORITHM_TYPE_SIGNATURES,
            AlgorithmType::Symmetric => raw::ALGORITHM_TYPE_SYMMETRIC,
            AlgorithmType::KeyExchange => raw::ALGORITHM_TYPE_KEY_EXCHANGE,
        }
    }

    /// Maps a wire value back to an `AlgorithmType` (`None` outside 0 ..= 2).
    pub const fn from_raw(value: raw::AlgorithmType) -> Option<Self> {
        match value {
            raw::ALGORITHM_TYPE_SIGNATURES => Some(AlgorithmType::Signatures),
            raw::ALGORITHM_TYPE_SYMMETRIC => Some(AlgorithmType::Symmetric),
            raw::ALGORITHM_TYPE_KEY_EXCHANGE => Some(AlgorithmType::KeyExchange),
            _ => None,
        }
    }
}

/// A host `options` object: named parameters for opening a state or generating a key.
///
/// Options are typed by [`AlgorithmType`]. The reserved names are `context`, `salt`, `nonce`
/// (byte strings, [`Options::set`]), `memory_limit`, `ops_limit`, `parallelism` (integers,
/// [`Options::set_u64`]) and `buffer` (a guest buffer, [`Options::set_guest_buffer`]). Setting a
/// name again overwrites it. The host copies the values when a state is opened or a key generated
/// with these options, so the object can be reused or dropped afterwards.
///
/// The handle is closed on `Drop` (`options_close`).
pub struct Options {
    handle: raw::Options,
    algorithm_type: AlgorithmType,
}

impl Options {
    /// Creates an empty options object for `algorithm_type` (`options_open`).
    ///
    /// # Errors
    /// [`ErrorKind::TooManyHandles`] when the host's handle limit is reached;
    /// [`ErrorKind::NotImplemented`] outside a WASI-Crypto host.
    pub fn open(algorithm_type: AlgorithmType) -> Result<Self> {
        let mut handle: raw::Options = 0;
        // SAFETY: `&mut handle` is a valid, aligned, writable `raw::Options` for the call.
        check(
            unsafe { raw::common::options_open(algorithm_type.to_raw(), &mut handle) },
            "options_open",
            "",
        )?;
        Ok(Options {
            handle,
            algorithm_type,
        })
    }

    /// Sets the byte-string option `name` (e.g. `"nonce"`, `"context"`, `"salt"`) to a copy of
    /// `value` (`options_set`).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedOption`] for a name the host does not know for this algorithm type;
    /// [`ErrorKind::InvalidHandle`] if the object was closed by someone else.
    pub fn set(&mut self, name: &str, value: &[u8]) -> Result<()> {
        // SAFETY: `name` and `value` are live slices; the host reads exactly `len` bytes of each
        // during the call and keeps no pointer.
        check(
            unsafe {
                raw::common::options_set(
                    self.handle,
                    name.as_ptr(),
                    name.len(),
                    value.as_ptr(),
                    value.len(),
                )
            },
            "options_set",
            "",
        )
    }

    /// Sets the integer option `name` (e.g. `"memory_limit"`, `"ops_limit"`, `"parallelism"`)
    /// (`options_set_u64`).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedOption`] for a name the host does not know for this algorithm type.
    pub fn set_u64(&mut self, name: &str, value: u64) -> Result<()> {
        // SAFETY: `name` is a live slice read by the host during the call only.
        check(
            unsafe { raw::common::options_set_u64(self.handle, name.as_ptr(), name.len(), value) },
            "options_set_u64",
            "",
        )
    }

    /// Lends `buffer` to the host as the scratch buffer option `name` (usually `"buffer"`)
    /// (`options_set_guest_buffer`).
    ///
    /// Unlike every other call, the host keeps this pointer and may write to it later, during the
    /// operations that use these options. Taking a `&'static mut` borrow guarantees that no Rust
    /// code can observe the buffer while the host owns it: the buffer is given away for good
    /// (e.g. one obtained from `Box::leak` or a `static mut` behind a `Once`).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedOption`] for an unknown name; [`ErrorKind::UnsupportedFeature`] if the host
    /// does not support guest buffers.
    pub fn set_guest_buffer(&mut self, name: &str, buffer: &'static mut [u8]) -> Result<()> {
        // SAFETY: `buffer` is a unique `'static` borrow that is consumed here, so the memory stays
        // valid for the rest of the program and no Rust reference to it can exist afterwards;
        // the host may therefore write to it at any later time without creating aliasing.
        check(
            unsafe {
                raw::common::options_set_guest_buffer(
                    self.handle,
                    name.as_ptr(),
                    name.len(),
                    buffer.as_mut_ptr(),
                    buffer.len(),
                )
            },
            "options_set_guest_buffer",
            "",
        )
    }

    /// The algorithm type this object was opened for.
    pub fn algorithm_type(&self) -> AlgorithmType {
        self.algorithm_type
    }

    /// The raw `options` handle, for use with [`crate::raw`]. It stays owned by `self`.
    pub fn raw_handle(&self) -> raw::Options {
        self.handle
    }

    /// The `opt_options` value selecting these options.
    pub(crate) fn opt(options: Option<&Options>) -> raw::OptOptions {
        match options {
            Some(options) => raw::OptOptions {
                tag: raw::OPT_SOME,
                handle: options.handle,
            },
            None => raw::OptOptions {
                tag: raw::OPT_NONE,
                handle: 0,
            },
        }
    }
}

impl Drop for Options {
    fn drop(&mut self) {
        // SAFETY: plain value arguments; errors (e.g. an already closed handle) are ignored.
        let _ = unsafe { raw::common::options_close(self.handle) };
    }
}

impl fmt::Debug for Options {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Options")
            .field("handle", &self.handle)
            .field("algorithm_type", &self.algorithm_type)
            .finish()
    }
}

/// A host `array_output`: a byte array produced by the host (an exported key, a MAC, ...) that the
/// guest copies out with [`ArrayOutput::pull`] (streaming) or [`ArrayOutput::into_vec`] (all at
/// once).
///
/// The proposal has no `array_output_close`: the host closes the handle by itself once every
/// byte has been pulled. This type tracks how many bytes remain so that it never touches the
/// handle after that point, and on `Drop` it drains whatever is left so that the handle is
/// released.
pub struct ArrayOutput {
    handle: raw::ArrayOutput,
    /// Bytes left to pull; `None` until the length has been asked for.
    remaining: Option<usize>,
    /// The host has closed the handle (everything was pulled).
    consumed: bool,
}

impl ArrayOutput {
    /// Takes ownership of a raw `array_output` handle (e.g. returned by a [`crate::raw`] call).
    ///
    /// Nothing must have been pulled from it yet, and nothing else may pull from it afterwards.
    pub fn from_raw(handle: raw::ArrayOutput) -> Self {
        ArrayOutput {
            handle,
            remaining: None,
            consumed: false,
        }
    }

    /// The raw handle. It stays owned by `self`; after full consumption it is closed.
    pub fn raw_handle(&self) -> raw::ArrayOutput {
        self.handle
    }

    /// The number of bytes left to pull (`array_output_len`): the full length before the first
    /// pull. (The proposal only says "the length"; `wasicrypt-host` reports the bytes left, which
    /// equals the total length until something is pulled. This type asks only before pulling, so
    /// it works with either reading.)
    ///
    /// # Errors
    /// [`ErrorKind::InvalidHandle`] if the array was fully pulled (the host closed it) or the handle
    /// is not an `array_output`.
    pub fn len(&self) -> Result<usize> {
        if self.consumed {
            return Err(Error::new(ErrorKind::InvalidHandle, "array_output_len", ""));
        }
        let mut len = 0usize;
        // SAFETY: `&mut len` is a valid, aligned, writable `usize` for the call.
        check(
            unsafe { raw::common::array_output_len(self.handle, &mut len) },
            "array_output_len",
            "",
        )?;
        Ok(len)
    }

    /// Whether no bytes are left to pull, as reported by the host.
    ///
    /// # Errors
    /// As [`ArrayOutput::len`].
    pub fn is_empty(&self) -> Result<bool> {
        self.len().map(|len| len == 0)
    }

    /// Bytes not pulled yet (0 once fully consumed).
    ///
    /// # Errors
    /// As [`ArrayOutput::len`] on the first call.
    pub fn remaining(&mut self) -> Result<usize> {
        if self.consumed {
            return Ok(0);
        }
        match self.remaining {
            Some(remaining) => Ok(remaining),
            None => {
                let len = self.len()?;
                self.remaining = Some(len);
                Ok(len)
            }
        }
    }

    /// Whether every byte has been pulled (the host has closed the handle).
    pub fn is_consumed(&self) -> bool {
        self.consumed
    }

    /// Copies the next `min(buf.len(), remaining)` bytes into `buf` and returns how many were
    /// copied (`array_output_pull`); 0 once everything was pulled. Call it repeatedly to stream
    /// the array in pieces.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidHandle`] for a bad handle. On error the handle stays valid.
    pub fn pull(&mut self, buf: &mut [u8]) -> Result<usize> {
        let remaining = self.remaining()?;
        if self.consumed {
            return Ok(0);
        }
        let mut copied = 0usize;
        // SAFETY: `buf` is a live, writable slice of `buf.len()` bytes, `&mut copied` a valid
        // `usize`; the host writes at most `buf.len()` bytes during the call only.
        check(
            unsafe {
                raw::common::array_output_pull(
                    self.handle,
                    buf.as_mut_ptr(),
                    buf.len(),
                    &mut copied,
                )
            },
            "array_output_pull",
            "",
        )?;
        if copied > buf.len() || copied > remaining {
            return Err(Error::new(
                ErrorKind::InternalError,
                "array_output_pull",
                "",
            ));
        }
        let left = remaining - copied;
        self.remaining = Some(left);
        if left == 0 {
            self.consumed = true;
        }
        Ok(copied)
    }

    /// Pulls the whole array into a `Vec` (`array_output_len`, then `array_output_pull` until
    /// done). The host closes the handle.
    ///
    /// # Errors
    /// [`ErrorKind::InvalidHandle`] for a bad handle; [`ErrorKind::InternalError`] if the host stops
    /// yielding bytes before the announced length.
    pub fn into_vec(mut self) -> Result<Vec<u8>> {
        let len = self.remaining()?;
        let mut out = vec![0u8; len];
        let mut filled = 0;
        while filled < len {
            let copied = self.pull(&mut out[filled..])?;
            if copied == 0 {
                return Err(Error::new(
                    ErrorKind::InternalError,
                    "array_output_pull",
                    "",
                ));
            }
            filled += copied;
        }
        if len == 0 {
            self.release_empty();
        }
        Ok(out)
    }

    /// An empty array: one zero-length pull consumes it (so a host that closes on the first
    /// pull releases the handle); an error means the host had already closed it.
    fn release_empty(&mut self) {
        if !self.consumed {
            let mut empty: [u8; 0] = [];
            let mut copied = 0usize;
            // SAFETY: a zero-length buffer: the host writes nothing to it, only to `&mut copied`.
            let _ = unsafe {
                raw::common::array_output_pull(self.handle, empty.as_mut_ptr(), 0, &mut copied)
            };
            self.consumed = true;
        }
    }
}

impl Drop for ArrayOutput {
    fn drop(&mut self) {
        let Ok(remaining) = self.remaining() else {
            return;
        };
        if remaining == 0 {
            self.release_empty();
            return;
        }
        let mut scratch = [0u8; 64];
        while !self.consumed {
            match self.pull(&mut scratch) {
                Ok(0) | Err(_) => break,
                Ok(_) => {}
            }
        }
        // The drained bytes may be secret (an exported key).
        zeroize(&mut scratch);
    }
}

impl fmt::Debug for ArrayOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ArrayOutput")
            .field("handle", &self.handle)
            .field("remaining", &self.remaining)
            .field("consumed", &self.consumed)
            .finish()
    }
}

/// Overwrites `buf` with zeros in a way the optimiser does not remove.
pub(crate) fn zeroize(buf: &mut [u8]) {
    for byte in buf.iter_mut() {
        // SAFETY: `byte` is a valid, aligned, exclusive reference to a `u8`.
        unsafe { core::ptr::write_volatile(byte, 0) };
    }
    core::sync::atomic::compiler_fence(core::sync::atomic::Ordering::SeqCst);
}
