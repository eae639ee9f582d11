//! Entry points for the fuzz targets of `fuzz/` (feature `fuzzing`; not a stable API): call any
//! import's wiggle-generated function directly, with guest memory in a host buffer and no engine.

use wiggle::GuestMemory;

use crate::CryptoCtx;

macro_rules! fuzz_table {
    ($($module:ident { $($kind:ident $func:ident($($arg:ident: $ty:ty),*) -> i32;)* })*) => {
        /// Every import: (module, function, number of core parameters).
        pub const IMPORTS: &[(&str, &str, usize)] = &[
            $($((stringify!($module), stringify!($func), [$(stringify!($arg)),*].len()),)*)*
        ];

        /// Calls `module.func` with `args` (missing ones are 0, each truncated to its core type)
        /// on `ctx`, with `memory` as the guest's linear memory. `None` for an unknown import;
        /// otherwise what the host function returns: the errno, or the trap.
        pub fn call(
            ctx: &mut CryptoCtx,
            memory: &mut [u8],
            module: &str,
            func: &str,
            args: &[i64],
        ) -> Option<wasmtime::Result<i32>> {
            let mut mem = GuestMemory::Unshared(memory);
            #[allow(unused_mut, unused_variables)]
            let mut args = args.iter().copied();
            $($(
                if module == stringify!($module) && func == stringify!($func) {
                    $(let $arg = args.next().unwrap_or(0) as $ty;)*
                    return Some(crate::bindings::$module::$func(ctx, &mut mem, $($arg),*));
                }
            )*)*
            None
        }
    };
}

crate::wasi::imports::for_each_import!(fuzz_table);
