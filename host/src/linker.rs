//! The linker glue: one wasmtime host function per WASI-Crypto import, each calling the function
//! wiggle generated for it (`crate::bindings`), with fuel metering around the call.
//!
//! The table of imports is generated from the witx (`crate::wasi::imports`); this file only says
//! what every call does around the generated body:
//! 1. find the caller's exported `memory` (a module without one traps, as with wiggle's glue);
//! 2. when the engine consumes fuel, start the context's [`Meter`](crate::metering::Meter) with
//!    the store's remaining fuel and charge [`metering::CALL`](crate::metering::CALL);
//! 3. run the call; its host work charges the meter before it is done;
//! 4. take what the call used from the store's fuel, and trap with `Trap::OutOfFuel` if the
//!    store could not pay (the host then did none of the work that was refused).

use wasmtime::{Caller, Extern, Linker, Memory, Module, ModuleExport, Trap};
use wiggle::GuestMemory;

use crate::CryptoCtx;
use crate::metering;
#[cfg(feature = "async")]
use crate::symmetric::SymmetricState;

/// The most modules a context remembers the `memory` export of.
const MAX_MEMORY_EXPORTS: usize = 8;

/// How hostcalls find guest memory: the memory bound with [`CryptoCtx::bind_memory`], else the
/// `memory` exports of the modules registered with [`CryptoCtx::register_module`], else by name.
#[derive(Default)]
pub(crate) struct MemoryExports {
    bound: Option<Memory>,
    exports: Vec<ModuleExport>,
}

impl std::fmt::Debug for MemoryExports {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "MemoryExports(bound: {}, {} modules)",
            self.bound.is_some(),
            self.exports.len()
        )
    }
}

impl CryptoCtx {
    /// Remembers where `module` exports its `memory`, so that hostcalls from its instances find
    /// guest memory by index instead of by name. Optional: without it every call looks the
    /// export up by name (hashing the name, then the module's export map), which is correct but
    /// slower: in `perf` profiles of the cheapest hostcall that lookup was its largest single
    /// cost.
    ///
    /// Call it once per module whose instances use this context (for `wasicrypt run`, the one
    /// module it runs); a call for a module without a `memory` export, or for more than 8
    /// modules, changes nothing. Safe with any module: an entry is only used for instances of
    /// the module it was made from (wasmtime checks the module's identity).
    pub fn register_module(&mut self, module: &Module) {
        let exports = &mut self.memory_exports.exports;
        if exports.len() < MAX_MEMORY_EXPORTS
            && let Some(export) = module.get_export_index("memory")
        {
            exports.push(export);
        }
    }

    /// Binds the memory every hostcall through this context reads and writes: `memory` is the
    /// `memory` export of **the one instance** this context serves, as returned by
    /// [`Instance::get_memory`](wasmtime::Instance::get_memory) after instantiation. Optional,
    /// and faster than [`register_module`](Self::register_module): a call then finds its
    /// memory without looking at the caller's exports at all.
    ///
    /// Only for a context that no other instance calls through: wasmtime does not tell a host
    /// function which instance called it, so a call from another instance of the same store
    /// would read and write the bound instance's memory. `memory` must belong to the store
    /// that holds this context (wasmtime panics otherwise, as for any object used with the
    /// wrong store). Calls made before the binding (a `start` function's) look the export up
    /// as usual. A shared memory cannot be bound; its instances use the lookup.
    pub fn bind_memory(&mut self, memory: Memory) {
        self.memory_exports.bound = Some(memory);
    }
}

/// The caller's `memory` export: through a registered module's export index when one matches
/// the caller's module, else by name.
fn memory_export<T: 'static>(
    caller: &mut Caller<'_, T>,
    get_cx: &impl Fn(&mut T) -> &mut CryptoCtx,
) -> Option<Extern> {
    let mut i = 0;
    while let Some(export) = get_cx(caller.data_mut())
        .memory_exports
        .exports
        .get(i)
        .copied()
    {
        if let Some(found) = caller.get_module_export(&export) {
            return Some(found);
        }
        i += 1;
    }
    caller.get_export("memory")
}

/// The caller's exported memory as wiggle's view, and the context: `f` runs with both.
/// A module without a `memory` export traps, as with wiggle's own glue.
fn with_memory<T: 'static, R>(
    caller: &mut Caller<'_, T>,
    get_cx: impl Fn(&mut T) -> &mut CryptoCtx,
    f: impl FnOnce(&mut CryptoCtx, &mut GuestMemory<'_>) -> R,
) -> wasmtime::Result<R> {
    if let Some(m) = get_cx(caller.data_mut()).memory_exports.bound {
        let (mem, data) = m.data_and_store_mut(&mut *caller);
        return Ok(f(get_cx(data), &mut GuestMemory::Unshared(mem)));
    }
    match memory_export(caller, &get_cx) {
        Some(Extern::Memory(m)) => {
            let (mem, data) = m.data_and_store_mut(&mut *caller);
            Ok(f(get_cx(data), &mut GuestMemory::Unshared(mem)))
        }
        Some(Extern::SharedMemory(m)) => Ok(f(
            get_cx(caller.data_mut()),
            &mut GuestMemory::Shared(m.data()),
        )),
        _ => Err(wasmtime::format_err!("missing required memory export")),
    }
}

/// Runs one hostcall: resolves guest memory and the context, meters fuel, runs `call`.
/// `offload`: the call may leave a [`Job`](crate::offload::Job) (async glue only).
fn hostcall<T: 'static>(
    caller: &mut Caller<'_, T>,
    get_cx: impl Fn(&mut T) -> &mut CryptoCtx,
    metered: bool,
    offload: bool,
    call: impl FnOnce(&mut CryptoCtx, &mut GuestMemory<'_>) -> wasmtime::Result<i32>,
) -> wasmtime::Result<i32> {
    if !metered && !offload {
        // Nothing to meter or to leave for later: the call alone (an unmetered meter never runs
        // out, and the sync glue never offloads).
        return with_memory(caller, get_cx, call)?;
    }
    let fuel = if metered {
        Some(caller.get_fuel()?)
    } else {
        None
    };
    let (result, (used, exhausted)) = with_memory(caller, get_cx, |ctx, mem| {
        ctx.meter.begin(fuel);
        ctx.offload.begin(offload);
        let result = match ctx.meter.charge(metering::CALL) {
            Ok(()) => call(ctx, mem),
            Err(_) => Ok(0),
        };
        ctx.offload.enabled = false;
        (result, ctx.meter.finish())
    })?;
    if let Some(fuel) = fuel {
        caller.set_fuel(fuel.saturating_sub(used))?;
    }
    if exhausted {
        return Err(Trap::OutOfFuel.into());
    }
    result
}

/// Finishes the job an async hostcall left (if any) without blocking the executor: key
/// generation and AEAD messages on a blocking thread, streamed input in chunks with a yield
/// between them. Returns the call's errno.
#[cfg(feature = "async")]
async fn finish_job<T: Send + 'static>(
    caller: &mut Caller<'_, T>,
    get_cx: impl Fn(&mut T) -> &mut CryptoCtx,
    errno: i32,
) -> wasmtime::Result<i32> {
    use crate::offload::{CHUNK, Job};

    let job = get_cx(caller.data_mut()).offload.job.take();
    let Some(job) = job.filter(|_| errno == 0) else {
        return Ok(errno);
    };
    match job {
        Job::Generate { handle, alg } => {
            let key = blocking::unblock(move || crate::asymmetric::generate(alg)).await;
            Ok(get_cx(caller.data_mut()).finish_generate(handle, key))
        }
        Job::Stream { target, ptr, len } => {
            // In range: the call checked `ptr..ptr + len` against guest memory, which never
            // shrinks.
            let chunk = u32::try_from(CHUNK).unwrap_or(u32::MAX);
            let mut done = 0;
            while done < len {
                let n = chunk.min(len - done);
                let fed = with_memory(caller, &get_cx, |ctx, mem| {
                    let piece = wiggle::GuestPtr::<u8>::new(ptr + done).as_array(n);
                    match mem.as_cow(piece) {
                        Ok(data) => ctx.stream_chunk(target, &data),
                        Err(_) => Err(crate::CryptoError::GuestError),
                    }
                })?;
                if let Err(e) = fed {
                    return Ok(i32::from(e.errno()));
                }
                done += n;
                if done < len {
                    futures_lite::future::yield_now().await;
                }
            }
            Ok(0)
        }
        Job::Aead {
            state,
            op,
            out,
            out_len,
            data,
            data_len,
        } => {
            use crate::offload::AeadOp;
            use zeroize::Zeroizing;

            let cx = get_cx(caller.data_mut());
            // The host copies (input, tag, output) count against the memory budget while the
            // job runs, as the sync call's do: reserved before anything is allocated.
            let tag_len = match op {
                AeadOp::DecryptDetached { raw_tag_len, .. } => raw_tag_len as usize,
                _ => 0,
            };
            let buf_len = usize::try_from(out_len)
                .unwrap_or(usize::MAX)
                .min((data_len as usize).saturating_add(16));
            let copies = (data_len as usize)
                .saturating_add(tag_len)
                .saturating_add(buf_len);
            let _held = match cx.budget.reserve(copies) {
                Ok(held) => held,
                Err(e) => return Ok(i32::from(e.errno())),
            };
            let cx = get_cx(caller.data_mut());
            let mut taken = match cx.handles.take_reserving::<Box<SymmetricState>>(state) {
                Ok(s) => s,
                Err(e) => return Ok(i32::from(e.errno())),
            };
            let raw_tag = match op {
                AeadOp::DecryptDetached {
                    raw_tag,
                    raw_tag_len,
                } => copy_in(caller, &get_cx, raw_tag, raw_tag_len).await?,
                _ => Some(Zeroizing::new(Vec::new())),
            };
            let input = match raw_tag {
                Some(_) => copy_in(caller, &get_cx, data, data_len).await?,
                None => None,
            };
            let (Some(input), Some(raw_tag)) = (input, raw_tag) else {
                let _ = get_cx(caller.data_mut()).handles.fill(state, taken);
                return Ok(i32::from(crate::CryptoError::GuestError.errno()));
            };
            // `buf_len` is sized by what the operation can produce (the message and a 16-byte
            // tag), not by the guest's output length.
            let (taken, buf, done) = blocking::unblock(move || {
                let mut buf = Zeroizing::new(vec![0; buf_len]);
                let done = op.run(&mut taken, &mut buf, &input, &raw_tag);
                (taken, buf, done)
            })
            .await;
            let data_len = usize::try_from(data_len).unwrap_or(usize::MAX);
            let (errno, n) = get_cx(caller.data_mut()).finish_aead(
                (state, taken),
                op,
                (buf.len(), data_len),
                done,
            );
            let mut written = copy_out(caller, &get_cx, out, &buf[..n]).await?;
            if errno == i32::from(crate::CryptoError::InvalidTag.errno()) {
                // No unauthenticated plaintext or stale data is left in the output.
                let zeros = vec![0; usize::try_from(out_len).unwrap_or(0).min(4 * CHUNK)];
                let mut at = 0;
                while written && at < out_len {
                    let n = u32::try_from(zeros.len())
                        .unwrap_or(u32::MAX)
                        .min(out_len - at);
                    written = copy_out(caller, &get_cx, out + at, &zeros[..n as usize]).await?;
                    at += n;
                }
            }
            // Zeroizing a message-sized buffer is work too: done on the pool, not here.
            blocking::unblock(move || drop(buf)).detach();
            Ok(if written {
                errno
            } else {
                i32::from(crate::CryptoError::GuestError.errno())
            })
        }
    }
}

/// Copies `len` guest bytes at `ptr` into host memory, [`CHUNK`](crate::offload::CHUNK) × 4
/// at a time with a yield between pieces; `None` if the range is not guest memory.
#[cfg(feature = "async")]
async fn copy_in<T: Send + 'static>(
    caller: &mut Caller<'_, T>,
    get_cx: impl Fn(&mut T) -> &mut CryptoCtx,
    ptr: u32,
    len: u32,
) -> wasmtime::Result<Option<zeroize::Zeroizing<Vec<u8>>>> {
    let piece = u32::try_from(4 * crate::offload::CHUNK).unwrap_or(u32::MAX);
    // Full capacity up front: growing would leave unzeroized copies behind. `len` is within the
    // context's per-call cap (checked by the call).
    let mut bytes = zeroize::Zeroizing::new(Vec::with_capacity(
        usize::try_from(len).unwrap_or(usize::MAX),
    ));
    let mut done = 0;
    while done < len {
        let n = piece.min(len - done);
        let copied = with_memory(caller, &get_cx, |_, mem| {
            let range = wiggle::GuestPtr::<u8>::new(ptr.wrapping_add(done)).as_array(n);
            mem.as_cow(range)
                .map(|chunk| bytes.extend_from_slice(&chunk))
        })?;
        if copied.is_err() {
            return Ok(None);
        }
        done += n;
        if done < len {
            futures_lite::future::yield_now().await;
        }
    }
    Ok(Some(bytes))
}

/// Writes `data` to the guest at `ptr`, [`CHUNK`](crate::offload::CHUNK) × 4 at a time with a
/// yield between pieces; `false` if the range is not guest memory.
#[cfg(feature = "async")]
async fn copy_out<T: Send + 'static>(
    caller: &mut Caller<'_, T>,
    get_cx: impl Fn(&mut T) -> &mut CryptoCtx,
    ptr: u32,
    data: &[u8],
) -> wasmtime::Result<bool> {
    for (i, chunk) in data.chunks(4 * crate::offload::CHUNK).enumerate() {
        if i > 0 {
            futures_lite::future::yield_now().await;
        }
        let at = u32::try_from(i * 4 * crate::offload::CHUNK)
            .ok()
            .and_then(|off| ptr.checked_add(off));
        let (Some(at), Ok(n)) = (at, u32::try_from(chunk.len())) else {
            return Ok(false);
        };
        let written = with_memory(caller, &get_cx, |_, mem| {
            mem.copy_from_slice(chunk, wiggle::GuestPtr::<u8>::new(at).as_array(n))
        })?;
        if written.is_err() {
            return Ok(false);
        }
    }
    Ok(true)
}

/// The context a trap from an import carries, naming it: "host function
/// `wasi_ephemeral_crypto_common::options_open` failed". The trap itself stays downcastable
/// (`Trap::OutOfFuel`, ...).
macro_rules! failed {
    ($module:ident, $func:ident) => {
        concat!(
            "host function `",
            stringify!($module),
            "::",
            stringify!($func),
            "` failed"
        )
    };
}

/// Defines one import as a plain host function.
macro_rules! define_sync {
    ($linker:ident, $get_cx:ident, $metered:ident, $module:ident, $func:ident($($arg:ident: $ty:ty),*)) => {
        $linker.func_wrap(
            stringify!($module),
            stringify!($func),
            move |mut caller: Caller<'_, T>, $($arg: $ty),*| -> wasmtime::Result<i32> {
                hostcall(&mut caller, $get_cx, $metered, false, |ctx, mem| {
                    crate::bindings::$module::$func(ctx, mem, $($arg),*)
                })
                .map_err(|e| e.context(failed!($module, $func)))
            },
        )?;
    };
}

macro_rules! link_sync {
    ($($module:ident { $($kind:ident $func:ident($($arg:ident: $ty:ty),*) -> i32;)* })*) => {
        /// Defines every import in `linker` (see [`crate::add_to_linker`]).
        pub(crate) fn add_to_linker<T: 'static>(
            linker: &mut Linker<T>,
            get_cx: impl Fn(&mut T) -> &mut CryptoCtx + Send + Sync + Copy + 'static,
        ) -> wasmtime::Result<()> {
            let metered = linker.engine().get_consume_fuel();
            $($(
                define_sync!(linker, get_cx, metered, $module, $func($($arg: $ty),*));
            )*)*
            Ok(())
        }
    };
}

crate::wasi::imports::for_each_import!(link_sync);

/// Defines one import for async stores: `async` imports as async host functions that finish the
/// call's job (see [`crate::offload`]), `sync` ones as plain host functions.
#[cfg(feature = "async")]
macro_rules! define_async {
    (sync $($rest:tt)*) => {
        define_sync!($($rest)*);
    };
    (async $linker:ident, $get_cx:ident, $metered:ident, $module:ident, $func:ident($($arg:ident: $ty:ty),*)) => {
        $linker.func_wrap_async(
            stringify!($module),
            stringify!($func),
            move |mut caller: Caller<'_, T>, ($($arg,)*): ($($ty,)*)| {
                Box::new(async move {
                    let errno = hostcall(&mut caller, $get_cx, $metered, true, |ctx, mem| {
                        crate::bindings::$module::$func(ctx, mem, $($arg),*)
                    })
                    .map_err(|e| e.context(failed!($module, $func)))?;
                    finish_job(&mut caller, $get_cx, errno)
                        .await
                        .map_err(|e| e.context(failed!($module, $func)))
                })
            },
        )?;
    };
}

#[cfg(feature = "async")]
macro_rules! link_async {
    ($($module:ident { $($kind:ident $func:ident($($arg:ident: $ty:ty),*) -> i32;)* })*) => {
        /// Defines every import in `linker` for async stores (see
        /// [`crate::add_to_linker_async`]).
        pub(crate) fn add_to_linker_async<T: Send + 'static>(
            linker: &mut Linker<T>,
            get_cx: impl Fn(&mut T) -> &mut CryptoCtx + Send + Sync + Copy + 'static,
        ) -> wasmtime::Result<()> {
            let metered = linker.engine().get_consume_fuel();
            $($(
                define_async!($kind linker, get_cx, metered, $module, $func($($arg: $ty),*));
            )*)*
            Ok(())
        }
    };
}

#[cfg(feature = "async")]
crate::wasi::imports::for_each_import!(link_async);
