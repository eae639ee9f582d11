//! `digest` 0.11 implementations over host symmetric states: fixed-output hashes, XOFs and HMAC.
//!
//! Each type owns one `symmetric_state`. `update` is one `symmetric_state_absorb`; finalizing is
//! one `symmetric_state_squeeze` (hashes, XOF reads) or `symmetric_state_squeeze_tag` +
//! `symmetric_tag_pull` (HMAC); `Clone` is `symmetric_state_clone`; `Reset` opens a fresh state.

/// Defines a fixed-output hash type: `$name` over the host algorithm `$alg`, `$out` bytes of
/// digest, `$block` bytes of block.
macro_rules! fixed_hash {
    ($(#[$doc:meta])* $name:ident, $alg:literal, $out:ident, $block:ident) => {
        $(#[$doc])*
        ///
        /// Implements `Default`, `Clone`, `digest::{Update, FixedOutput, FixedOutputReset, Reset,
        /// HashMarker, OutputSizeUser}`, so [`digest::Digest`] works as with the RustCrypto type of
        /// the same name, and gives the same digests.
        ///
        /// Each `update` is one hostcall (`symmetric_state_absorb`): feed large slices, not bytes.
        ///
        /// # Panics
        /// `Default` (and so `Digest::new`), `update`, finalizing, `reset` and `clone` panic if
        /// the host fails the call: it does not offer
        #[doc = concat!("`", $alg, "`,")]
        /// or the embedder's limits refuse it. Use [`Self::try_new`] to learn the first case
        /// as an [`Error`](crate::Error) instead.
        pub struct $name {
            state: $crate::SymmetricState,
        }

        impl $name {
            /// The host algorithm name.
            pub const ALGORITHM: &'static str = $alg;

            /// Opens a hash state (`symmetric_state_open`, no key, no options).
            ///
            /// # Errors
            /// [`ErrorKind::UnsupportedAlgorithm`](crate::ErrorKind::UnsupportedAlgorithm) if the host
            /// does not offer the algorithm.
            pub fn try_new() -> $crate::Result<Self> {
                Ok($name {
                    state: $crate::SymmetricState::open($alg, None, None)?,
                })
            }

            /// The host algorithm name,
            #[doc = concat!("`\"", $alg, "\"`.")]
            pub fn algorithm(&self) -> &'static str {
                $alg
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::try_new()
                    .unwrap_or_else(|e| $crate::rustcrypto::host_failure($alg, "open", e))
            }
        }

        impl Clone for $name {
            fn clone(&self) -> Self {
                let state = self
                    .state
                    .try_clone()
                    .unwrap_or_else(|e| $crate::rustcrypto::host_failure($alg, "clone", e));
                $name { state }
            }
        }

        impl core::fmt::Debug for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(concat!(stringify!($name), " { .. }"))
            }
        }

        impl digest::HashMarker for $name {}

        impl digest::OutputSizeUser for $name {
            type OutputSize = digest::consts::$out;
        }

        impl digest::common::BlockSizeUser for $name {
            type BlockSize = digest::consts::$block;
        }

        impl digest::Update for $name {
            fn update(&mut self, data: &[u8]) {
                self.state
                    .absorb(data)
                    .unwrap_or_else(|e| $crate::rustcrypto::host_failure($alg, "absorb", e));
            }
        }

        impl digest::FixedOutput for $name {
            fn finalize_into(mut self, out: &mut digest::Output<Self>) {
                self.state
                    .squeeze(out)
                    .unwrap_or_else(|e| $crate::rustcrypto::host_failure($alg, "squeeze", e));
            }
        }

        impl digest::Reset for $name {
            fn reset(&mut self) {
                *self = Self::default();
            }
        }

        impl digest::FixedOutputReset for $name {
            fn finalize_into_reset(&mut self, out: &mut digest::Output<Self>) {
                self.state
                    .squeeze(out)
                    .unwrap_or_else(|e| $crate::rustcrypto::host_failure($alg, "squeeze", e));
                digest::Reset::reset(self);
            }
        }
    };
}

/// Defines an extendable-output function `$name` over the host algorithm `$alg` with reader type
/// `$reader`.
macro_rules! xof {
    ($(#[$doc:meta])* $name:ident, $reader:ident, $alg:literal, $block:ident) => {
        $(#[$doc])*
        ///
        /// Implements `Default`, `Clone`, `digest::{Update, ExtendableOutput,
        /// ExtendableOutputReset, Reset}`; its reader implements `digest::XofReader`. Outputs equal
        /// those of the RustCrypto type of the same name.
        ///
        /// # Panics
        /// As the fixed-output hashes: `Default`, `update`, `finalize_xof`, reading, `reset` and
        /// `clone` panic if the host fails the call. Use [`Self::try_new`] to get an
        /// [`Error`](crate::Error) when the host does not offer
        #[doc = concat!("`", $alg, "`.")]
        pub struct $name {
            state: $crate::SymmetricState,
        }

        /// The output stream of a finalized
        #[doc = concat!("[`", stringify!($name), "`]:")]
        /// each `read` is one `symmetric_state_squeeze` continuing where the last one stopped.
        ///
        /// # Panics
        /// `read` panics if the host fails the call.
        pub struct $reader {
            state: $crate::SymmetricState,
        }

        impl $name {
            /// The host algorithm name.
            pub const ALGORITHM: &'static str = $alg;

            /// Opens an XOF state (`symmetric_state_open`, no key, no options).
            ///
            /// # Errors
            /// [`ErrorKind::UnsupportedAlgorithm`](crate::ErrorKind::UnsupportedAlgorithm) if the host
            /// does not offer the algorithm.
            pub fn try_new() -> $crate::Result<Self> {
                Ok($name {
                    state: $crate::SymmetricState::open($alg, None, None)?,
                })
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::try_new()
                    .unwrap_or_else(|e| $crate::rustcrypto::host_failure($alg, "open", e))
            }
        }

        impl Clone for $name {
            fn clone(&self) -> Self {
                let state = self
                    .state
                    .try_clone()
                    .unwrap_or_else(|e| $crate::rustcrypto::host_failure($alg, "clone", e));
                $name { state }
            }
        }

        impl core::fmt::Debug for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(concat!(stringify!($name), " { .. }"))
            }
        }

        impl core::fmt::Debug for $reader {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(concat!(stringify!($reader), " { .. }"))
            }
        }

        impl digest::common::BlockSizeUser for $name {
            type BlockSize = digest::consts::$block;
        }

        impl digest::Update for $name {
            fn update(&mut self, data: &[u8]) {
                self.state
                    .absorb(data)
                    .unwrap_or_else(|e| $crate::rustcrypto::host_failure($alg, "absorb", e));
            }
        }

        impl digest::ExtendableOutput for $name {
            type Reader = $reader;

            fn finalize_xof(self) -> $reader {
                $reader { state: self.state }
            }
        }

        impl digest::Reset for $name {
            fn reset(&mut self) {
                *self = Self::default();
            }
        }

        impl digest::ExtendableOutputReset for $name {
            fn finalize_xof_reset(&mut self) -> $reader {
                let state = core::mem::take(self).state;
                $reader { state }
            }
        }

        impl digest::XofReader for $reader {
            fn read(&mut self, buffer: &mut [u8]) {
                self.state
                    .squeeze(buffer)
                    .unwrap_or_else(|e| $crate::rustcrypto::host_failure($alg, "squeeze", e));
            }
        }
    };
}

/// Defines an HMAC type `$name` over the host algorithm `$alg` (`HMAC/<hash>`), `$out` bytes of
/// tag, `$block` bytes of block (the hash's, which is also the `KeySize` RustCrypto's `Hmac`
/// reports).
macro_rules! hmac_type {
    ($(#[$doc:meta])* $name:ident, $alg:literal, $out:ident, $block:ident) => {
        $(#[$doc])*
        ///
        /// Implements `Clone`, `digest::{KeyInit, Update, FixedOutput, FixedOutputReset, Reset,
        /// MacMarker}`, so [`digest::Mac`] (`new_from_slice`, `update`, `finalize`,
        /// `verify_slice`) works as with `hmac::Hmac` of the same hash. Keys of any length are
        /// accepted (RFC 2104: longer than a block are hashed first, in the host), so
        /// `new_from_slice` never fails. The key stays in the host; `verify_slice` compares in
        /// constant time.
        ///
        /// # Panics
        /// `KeyInit::new`/`new_from_slice`, `update`, finalizing, `reset` and `clone` panic if
        /// the host fails the call: it does not offer
        #[doc = concat!("`", $alg, "`,")]
        /// or the embedder's limits refuse it. [`Self::try_new`] returns that case as an
        /// [`Error`](crate::Error).
        pub struct $name {
            key: alloc::sync::Arc<$crate::SymmetricKey>,
            state: $crate::SymmetricState,
        }

        impl $name {
            /// The host algorithm name.
            pub const ALGORITHM: &'static str = $alg;

            /// Imports `key` (any length) and opens a MAC state with it (`symmetric_key_import`,
            /// `symmetric_state_open`).
            ///
            /// # Errors
            /// [`ErrorKind::UnsupportedAlgorithm`](crate::ErrorKind::UnsupportedAlgorithm) if the host
            /// does not offer the algorithm.
            pub fn try_new(key: &[u8]) -> $crate::Result<Self> {
                Self::from_key($crate::SymmetricKey::import($alg, key)?)
            }

            /// Opens a MAC state with a host key (generated, imported or managed) of
            #[doc = concat!("`", $alg, "`.")]
            ///
            /// # Errors
            /// [`ErrorKind::InvalidKey`](crate::ErrorKind::InvalidKey) for a key of another algorithm;
            /// [`ErrorKind::InvalidHandle`](crate::ErrorKind::InvalidHandle) for a closed one.
            pub fn from_key(key: $crate::SymmetricKey) -> $crate::Result<Self> {
                let state = $crate::SymmetricState::open($alg, Some(&key), None)?;
                Ok($name {
                    key: alloc::sync::Arc::new(key),
                    state,
                })
            }
        }

        impl Clone for $name {
            fn clone(&self) -> Self {
                let state = self
                    .state
                    .try_clone()
                    .unwrap_or_else(|e| $crate::rustcrypto::host_failure($alg, "clone", e));
                $name {
                    key: self.key.clone(),
                    state,
                }
            }
        }

        impl core::fmt::Debug for $name {
            fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
                f.write_str(concat!(stringify!($name), " { .. }"))
            }
        }

        impl digest::MacMarker for $name {}

        impl digest::OutputSizeUser for $name {
            type OutputSize = digest::consts::$out;
        }

        impl digest::common::BlockSizeUser for $name {
            type BlockSize = digest::consts::$block;
        }

        impl digest::common::KeySizeUser for $name {
            type KeySize = digest::consts::$block;
        }

        impl digest::KeyInit for $name {
            fn new(key: &digest::Key<Self>) -> Self {
                Self::try_new(key)
                    .unwrap_or_else(|e| $crate::rustcrypto::host_failure($alg, "key import", e))
            }

            fn new_from_slice(key: &[u8]) -> Result<Self, digest::InvalidLength> {
                Ok(Self::try_new(key)
                    .unwrap_or_else(|e| $crate::rustcrypto::host_failure($alg, "key import", e)))
            }
        }

        impl digest::Update for $name {
            fn update(&mut self, data: &[u8]) {
                self.state
                    .absorb(data)
                    .unwrap_or_else(|e| $crate::rustcrypto::host_failure($alg, "absorb", e));
            }
        }

        impl digest::FixedOutput for $name {
            fn finalize_into(mut self, out: &mut digest::Output<Self>) {
                self.finalize_tag(out);
            }
        }

        impl digest::Reset for $name {
            fn reset(&mut self) {
                self.state = $crate::SymmetricState::open($alg, Some(&self.key), None)
                    .unwrap_or_else(|e| $crate::rustcrypto::host_failure($alg, "open", e));
            }
        }

        impl digest::FixedOutputReset for $name {
            fn finalize_into_reset(&mut self, out: &mut digest::Output<Self>) {
                self.finalize_tag(out);
                digest::Reset::reset(self);
            }
        }

        impl $name {
            /// `symmetric_state_squeeze_tag`, then `symmetric_tag_pull` into `out`.
            fn finalize_tag(&mut self, out: &mut [u8]) {
                let pulled = self.state.squeeze_tag().and_then(|tag| tag.pull(out));
                match pulled {
                    Ok(len) if len == out.len() => {}
                    Ok(_) => $crate::rustcrypto::host_failure(
                        $alg,
                        "squeeze_tag",
                        $crate::ErrorKind::InvalidLength.into(),
                    ),
                    Err(e) => $crate::rustcrypto::host_failure($alg, "squeeze_tag", e),
                }
            }
        }
    };
}

pub(crate) use {fixed_hash, hmac_type, xof};
