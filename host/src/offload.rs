//! Work that the async linker (`add_to_linker_async`, feature `async`) keeps off the executor.
//!
//! A hostcall runs its synchronous part as usual: it decodes and validates every argument,
//! resolves handles, charges fuel, and answers every error at once. When the context is in an
//! async call (`Offload::enabled`) and what is left is long, the call leaves a `Job` instead of
//! doing it, and the async glue finishes the job before the hostcall returns to the guest:
//!
//! - **key generation** that costs at least [`OFFLOAD_FUEL`] (RSA) runs on a blocking thread
//!   (the `blocking` crate's pool); the guest's handle is reserved beforehand, so the call's
//!   result is written as usual, and filled when the key is ready;
//! - **streamed input** (`symmetric_state_absorb`, `signature_state_update`,
//!   `signature_verification_state_update`) longer than [`STREAM_MIN`] is fed to the state in
//!   [`CHUNK`]-byte pieces, yielding to the executor between them;
//! - **AEAD messages** (`symmetric_state_encrypt`, `_encrypt_detached`, `_decrypt`,
//!   `_decrypt_detached`) longer than [`STREAM_MIN`] are encrypted or decrypted on a blocking
//!   thread: the state is taken out of its handle meanwhile, the input is copied in and the
//!   output copied back as in a sync call. The call's result (the output length, or the tag
//!   handle, which is reserved) is the one a success gives; on failure the errno says so.
//!
//! The guest sees the same results and errors as from the sync linker: a job is only made once
//! nothing can fail but the work itself, and a streamed input is only split when the state
//! accepts all of it. A sync embedder never makes a job (`enabled` is false).
//!
//! If the embedder drops the `call_async` future while a key is being generated or a message
//! encrypted, the reserved handle (the new key pair, the tag, or the AEAD state itself) stays
//! `invalid_handle` for the guest until the context is dropped.

use crate::CryptoCtx;
use crate::asymmetric::AsymmetricAlgorithm;
#[cfg(feature = "async")]
use crate::asymmetric::KeyPair;
use crate::error::Result;
use crate::handles::Handle;

/// Key generations whose fuel estimate ([`crate::metering::keypair_generate`]) is at least this
/// (1 ms of work) run on a blocking thread in async calls.
pub const OFFLOAD_FUEL: u64 = 1_000_000;

/// Streamed inputs longer than this (1 MiB) are split in async calls.
pub const STREAM_MIN: usize = 1 << 20;

/// The piece of a split input processed between two yields (256 KiB: well under a millisecond of
/// hashing on a current core).
pub const CHUNK: usize = 256 << 10;

/// The offload state of the hostcall under way.
#[derive(Debug, Default)]
pub(crate) struct Offload {
    /// Whether the call may leave a job (set by the async glue for the calls it awaits).
    pub(crate) enabled: bool,
    /// The job the call left.
    pub(crate) job: Option<Job>,
}

/// What a call left for the async glue to finish.
#[derive(Debug)]
#[cfg_attr(not(feature = "async"), allow(dead_code))]
pub(crate) enum Job {
    /// Generate a key pair of `alg` and put it under the reserved `handle`.
    Generate {
        handle: Handle,
        alg: AsymmetricAlgorithm,
    },
    /// Feed `len` guest bytes at `ptr` to `target`, in chunks.
    Stream { target: Stream, ptr: u32, len: u32 },
    /// Run `op` of the AEAD `state` on the `data_len` guest bytes at `data`, into the `out_len`
    /// bytes at `out`.
    Aead {
        state: Handle,
        op: AeadOp,
        out: u32,
        out_len: u32,
        data: u32,
        data_len: u32,
    },
}

/// The four AEAD calls, as the async linker finishes them.
#[derive(Debug, Clone, Copy)]
#[cfg_attr(not(feature = "async"), allow(dead_code))]
pub(crate) enum AeadOp {
    /// `symmetric_state_encrypt`.
    Encrypt,
    /// `symmetric_state_encrypt_detached`, whose tag goes under the reserved `tag` handle.
    EncryptDetached { tag: Handle },
    /// `symmetric_state_decrypt`.
    Decrypt,
    /// `symmetric_state_decrypt_detached` with the `raw_tag_len` guest bytes at `raw_tag`.
    DecryptDetached { raw_tag: u32, raw_tag_len: u32 },
}

/// Which AEAD call the wiggle glue is making (see [`CryptoCtx::offload_aead`]).
#[derive(Debug, Clone, Copy)]
pub(crate) enum AeadCall {
    Encrypt,
    EncryptDetached,
    Decrypt,
    /// With the guest range of the raw tag.
    DecryptDetached {
        raw_tag: u32,
        raw_tag_len: u32,
    },
}

/// The state a [`Job::Stream`] feeds.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Stream {
    /// `symmetric_state_absorb`.
    Symmetric(Handle),
    /// `signature_state_update`.
    Signature(Handle),
    /// `signature_verification_state_update`.
    Verification(Handle),
}

impl Offload {
    /// Starts a hostcall; `enabled` in async calls.
    pub(crate) fn begin(&mut self, enabled: bool) {
        self.enabled = enabled;
        self.job = None;
    }
}

impl CryptoCtx {
    /// In an async call, reserves the handle of a key generation that costs `fuel` and leaves the
    /// job; `None` when the key is to be generated now.
    pub(crate) fn offload_generate(
        &mut self,
        alg: AsymmetricAlgorithm,
        fuel: u64,
    ) -> Result<Option<Handle>> {
        if !self.offload.enabled || fuel < OFFLOAD_FUEL {
            return Ok(None);
        }
        let handle = self.handles.insert(crate::handles::Reserved)?;
        self.offload.job = Some(Job::Generate { handle, alg });
        Ok(Some(handle))
    }

    /// In an async call, leaves a [`Job::Stream`] for `len` guest bytes at `ptr` when the input
    /// is long and `target` accepts all of it; `true` if it did. `target` must exist (checked by
    /// the caller through [`CryptoCtx::stream_room`]); the bytes are charged now.
    pub(crate) fn offload_stream(&mut self, target: Stream, ptr: u32, len: u32) -> Result<bool> {
        let n = usize::try_from(len).unwrap_or(usize::MAX);
        if !self.offload.enabled || n <= STREAM_MIN || self.stream_room(target)? < n {
            return Ok(false);
        }
        self.meter.charge_bytes(n)?;
        self.offload.job = Some(Job::Stream { target, ptr, len });
        Ok(true)
    }

    /// In an async call, leaves a [`Job::Aead`] for a message longer than [`STREAM_MIN`] and
    /// returns what the call answers when it succeeds: the output length (`encrypt`: data and
    /// tag; `decrypt`: data less the tag; `decrypt_detached`: the data) or, for
    /// `encrypt_detached`, the reserved tag handle. `None`: the call runs now (also when `state`
    /// is not a usable symmetric state, so that the call answers the error itself). The guest
    /// ranges were checked by the caller; the bytes are charged now.
    pub(crate) fn offload_aead(
        &mut self,
        state: Handle,
        call: AeadCall,
        (out, out_len): (u32, u32),
        (data, data_len): (u32, u32),
    ) -> Result<Option<u32>> {
        let n = usize::try_from(data_len).unwrap_or(usize::MAX);
        if !self.offload.enabled || n <= STREAM_MIN {
            return Ok(None);
        }
        let Some(tag_len) = self
            .state(state)
            .ok()
            .filter(|s| s.is_aead())
            .and_then(|s| s.ops().max_tag_len().ok())
            .and_then(|t| u32::try_from(t).ok())
        else {
            return Ok(None);
        };
        self.meter.charge_bytes(n)?;
        let (answer, op) = match call {
            AeadCall::Encrypt => (data_len.saturating_add(tag_len), AeadOp::Encrypt),
            AeadCall::EncryptDetached => {
                let tag = self.handles.insert(crate::handles::Reserved)?;
                (tag, AeadOp::EncryptDetached { tag })
            }
            AeadCall::Decrypt => (data_len.saturating_sub(tag_len), AeadOp::Decrypt),
            AeadCall::DecryptDetached {
                raw_tag,
                raw_tag_len,
            } => (
                data_len,
                AeadOp::DecryptDetached {
                    raw_tag,
                    raw_tag_len,
                },
            ),
        };
        self.offload.job = Some(Job::Aead {
            state,
            op,
            out,
            out_len,
            data,
            data_len,
        });
        Ok(Some(answer))
    }

    /// Bytes `target` still accepts (`invalid_handle` if it does not exist).
    fn stream_room(&mut self, target: Stream) -> Result<usize> {
        use crate::asymmetric::{SignatureStateOps, VerificationStateOps};
        Ok(match target {
            Stream::Symmetric(h) => self.state(h)?.ops().absorb_room(),
            Stream::Signature(h) => self
                .handles
                .get::<Box<dyn SignatureStateOps>>(h)?
                .update_room(),
            Stream::Verification(h) => self
                .handles
                .get::<Box<dyn VerificationStateOps>>(h)?
                .update_room(),
        })
    }

    /// Feeds one chunk of a [`Job::Stream`] (already charged).
    #[cfg(feature = "async")]
    pub(crate) fn stream_chunk(&mut self, target: Stream, data: &[u8]) -> Result<()> {
        use crate::asymmetric::{SignatureStateOps, VerificationStateOps};
        match target {
            Stream::Symmetric(h) => self.state(h)?.ops().absorb(data),
            Stream::Signature(h) => self
                .handles
                .get_mut::<Box<dyn SignatureStateOps>>(h)?
                .update(data),
            Stream::Verification(h) => self
                .handles
                .get_mut::<Box<dyn VerificationStateOps>>(h)?
                .update(data),
        }
    }

    /// Puts the outcome of a [`Job::Generate`] under its reserved handle: the errno the hostcall
    /// returns (`0` on success; on failure the handle is released).
    #[cfg(feature = "async")]
    pub(crate) fn finish_generate(&mut self, handle: Handle, key: Result<KeyPair>) -> i32 {
        let stored = key.and_then(|kp| self.handles.fill(handle, kp));
        match stored {
            Ok(()) => 0,
            Err(e) => {
                let _ = self.handles.remove::<crate::handles::Reserved>(handle);
                i32::from(e.errno())
            }
        }
    }
}

/// What a finished [`AeadOp`] produced.
#[cfg(feature = "async")]
#[derive(Debug)]
pub(crate) enum AeadDone {
    /// The output length.
    Len(usize),
    /// A detached tag.
    Tag(Vec<u8>),
}

#[cfg(feature = "async")]
impl AeadOp {
    /// Runs the operation as the sync call does (same checks, same errors).
    pub(crate) fn run(
        self,
        state: &mut crate::symmetric::SymmetricState,
        out: &mut [u8],
        data: &[u8],
        raw_tag: &[u8],
    ) -> Result<AeadDone> {
        match self {
            AeadOp::Encrypt => state.encrypt(out, data).map(AeadDone::Len),
            AeadOp::EncryptDetached { .. } => state.encrypt_detached(out, data).map(AeadDone::Tag),
            AeadOp::Decrypt => state.decrypt(out, data).map(AeadDone::Len),
            AeadOp::DecryptDetached { .. } => state
                .decrypt_detached(out, data, raw_tag)
                .map(AeadDone::Len),
        }
    }
}

#[cfg(feature = "async")]
impl CryptoCtx {
    /// Ends a [`Job::Aead`]: puts the state back under its handle and stores a detached tag under
    /// its reserved handle. Returns the call's errno and how many bytes of the output buffer go
    /// to the guest: the output on success, nothing on an error (on `invalid_tag` the caller
    /// zeroes the guest's whole output range, as the sync call does).
    pub(crate) fn finish_aead(
        &mut self,
        (handle, state): (Handle, Box<crate::symmetric::SymmetricState>),
        op: AeadOp,
        (buf_len, data_len): (usize, usize),
        done: Result<AeadDone>,
    ) -> (i32, usize) {
        let _ = self.handles.fill(handle, state);
        let result = match done {
            Ok(AeadDone::Len(n)) => Ok(n),
            Ok(AeadDone::Tag(tag)) => match op {
                AeadOp::EncryptDetached { tag: h } => self
                    .handles
                    .fill(h, crate::symmetric::SymmetricTag::new(tag))
                    .map(|()| data_len.min(buf_len)),
                _ => Ok(0),
            },
            Err(e) => Err(e),
        };
        match result {
            Ok(n) => (0, n),
            Err(e) => {
                if let AeadOp::EncryptDetached { tag } = op {
                    let _ = self.handles.remove::<crate::handles::Reserved>(tag);
                }
                (i32::from(e.errno()), 0)
            }
        }
    }
}
