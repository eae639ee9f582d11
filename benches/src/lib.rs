//! The columns of `cargo bench -p wasicrypt-benches` (run through `cargo xtask bench`, which
//! builds the wasm guest first and prints the table of the README):
//!
//! | column | what runs |
//! |---|---|
//! | `native` | RustCrypto called directly ([`wasicrypt_bench_guest::rustcrypto`]) |
//! | `host` | the same operation through [`CryptoCtx`]'s Rust API ([`direct`]) |
//! | `hostcall` | a wasm guest calling WASI-Crypto through [`wasicrypt_host::add_to_linker`] ([`guest`]) |
//! | `wasm` | the RustCrypto code compiled into the wasm guest ([`guest`]) |
//!
//! Each column runs the case `iters` times per measurement; the wasm columns loop inside the
//! guest, so one export call is amortized over all of them.

#![forbid(unsafe_code)]

pub mod direct;
pub mod guest;

pub use wasicrypt_bench_guest::cases::{self, Op};
pub use wasicrypt_bench_guest::rustcrypto;
pub use wasicrypt_host::CryptoCtx;

/// The four measured columns, in table order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// RustCrypto, natively.
    Native,
    /// [`CryptoCtx`]'s Rust API, natively.
    Host,
    /// A wasm guest through the WASI-Crypto hostcall.
    Hostcall,
    /// RustCrypto compiled into the wasm guest.
    Wasm,
}

impl Column {
    /// Every column, in table order.
    pub const ALL: [Column; 4] = [Column::Native, Column::Host, Column::Hostcall, Column::Wasm];

    /// The column's name in tables and criterion ids.
    pub fn name(self) -> &'static str {
        match self {
            Column::Native => "native",
            Column::Host => "host",
            Column::Hostcall => "hostcall",
            Column::Wasm => "wasm",
        }
    }
}

/// A prepared case in one column: run it `iters` times.
pub enum Runner {
    /// [`Column::Native`].
    Native(Box<rustcrypto::Fixture>),
    /// [`Column::Host`].
    Host(Box<direct::Fixture>),
    /// [`Column::Hostcall`] and [`Column::Wasm`]: the guest holds the prepared case.
    Guest(Box<guest::Guest>),
}

impl Runner {
    /// Prepares `op` on `len`-byte messages in `column`; the wasm columns instantiate
    /// `module` (the bench guest) afresh.
    ///
    /// # Errors
    /// What failed while preparing.
    pub fn new(
        column: Column,
        op: Op,
        len: usize,
        module: &guest::GuestModule,
    ) -> anyhow::Result<Runner> {
        Ok(match column {
            Column::Native => Runner::Native(Box::new(
                rustcrypto::Fixture::new(op, len).map_err(anyhow::Error::msg)?,
            )),
            Column::Host => Runner::Host(Box::new(direct::Fixture::new(op, len)?)),
            Column::Hostcall | Column::Wasm => {
                let mut g = module.instantiate()?;
                g.setup(column == Column::Wasm, op, len)?;
                Runner::Guest(Box::new(g))
            }
        })
    }

    /// Runs the prepared case `iters` times.
    ///
    /// # Errors
    /// The first failure.
    pub fn run(&mut self, iters: u64) -> anyhow::Result<()> {
        match self {
            Runner::Native(f) => f.run(iters).map_err(anyhow::Error::msg),
            Runner::Host(f) => f.run(iters),
            Runner::Guest(g) => g.run(iters),
        }
    }
}

/// A size in bytes as the tables print it: `64 B`, `1 KiB`, `16 KiB`, `1 MiB`.
pub fn size_label(len: usize) -> String {
    match len {
        n if n >= 1 << 20 && n % (1 << 20) == 0 => format!("{} MiB", n >> 20),
        n if n >= 1 << 10 && n % (1 << 10) == 0 => format!("{} KiB", n >> 10),
        n => format!("{n} B"),
    }
}

/// The criterion group of `op` on `len`-byte messages: `{case}-{size}` (e.g. `sha256-1KiB`), or
/// the case's name alone for the asymmetric cases.
pub fn bench_id(op: Op, len: usize) -> String {
    if op.sizes().len() > 1 {
        format!("{}-{}", op.name(), size_label(len).replace(' ', ""))
    } else {
        op.name().to_string()
    }
}
