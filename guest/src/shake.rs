//! Drop-in for the [`shake`](https://docs.rs/shake) crate, where `sha3` 0.12 moved SHAKE:
//! the same types as [`crate::sha3`]'s SHAKE128 and SHAKE256 (FIPS 202 §6.2).

pub use crate::sha3::{Shake128, Shake128Reader, Shake256, Shake256Reader};
pub use digest::{self, ExtendableOutput, Update, XofReader};
