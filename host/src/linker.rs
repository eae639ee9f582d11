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

use wasmtime::{Caller, Extern, Linker, Trap};
use wiggle::GuestMemory;

use crate::CryptoCtx;
use crate::metering;

/// Runs one hostcall: resolves guest memory and the context, meters fuel, runs `call`.
fn hostcall<T: 'static>(
    caller: &mut Caller<'_, T>,
    get_cx: impl Fn(&mut T) -> &mut CryptoCtx,
    metered: bool,
    call: impl FnOnce(&mut CryptoCtx, &mut GuestMemory<'_>) -> wasmtime::Result<i32>,
) -> wasmtime::Result<i32> {
    let fuel = if metered {
        Some(caller.get_fuel()?)
    } else {
        None
    };
    let export = caller.get_export("memory");
    let (result, (used, exhausted)) = {
        let (mut mem, ctx) = match &export {
            Some(Extern::Memory(m)) => {
                let (mem, data) = m.data_and_store_mut(&mut *caller);
                (GuestMemory::Unshared(mem), get_cx(data))
            }
            Some(Extern::SharedMemory(m)) => {
                (GuestMemory::Shared(m.data()), get_cx(caller.data_mut()))
            }
            _ => return Err(wasmtime::format_err!("missing required memory export")),
        };
        ctx.meter.begin(fuel);
        let result = match ctx.meter.charge(metering::CALL) {
            Ok(()) => call(ctx, &mut mem),
            Err(_) => Ok(0),
        };
        (result, ctx.meter.finish())
    };
    if let Some(fuel) = fuel {
        caller.set_fuel(fuel.saturating_sub(used))?;
    }
    if exhausted {
        return Err(Trap::OutOfFuel.into());
    }
    result
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
                linker.func_wrap(
                    stringify!($module),
                    stringify!($func),
                    move |mut caller: Caller<'_, T>, $($arg: $ty),*| -> wasmtime::Result<i32> {
                        hostcall(&mut caller, get_cx, metered, |ctx, mem| {
                            crate::bindings::$module::$func(ctx, mem, $($arg),*)
                        })
                    },
                )?;
            )*)*
            Ok(())
        }
    };
}

crate::wasi::imports::for_each_import!(link_sync);
