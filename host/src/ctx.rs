//! [`CryptoCtx`]: the host core. It knows nothing of wasm — it takes and returns Rust slices and
//! handles — so it can be tested, fuzzed and benchmarked without an engine. The wiggle glue in
//! [`crate::wasi`] only moves bytes between guest memory and these methods.

use std::ops::Range;
use std::sync::Arc;

use crate::absorbed::AbsorbLimit;
use crate::array_output::ArrayOutput;
use crate::budget::Budget;
use crate::error::{CryptoError, Result};
use crate::handles::{Handle, HandleTable};
use crate::metering::Meter;
use crate::offload::Offload;
use crate::options::{AlgorithmType, Options};
use crate::policy::AlgorithmPolicy;
use crate::signatures::MlDsaSigning;
use crate::symmetric::{
    PasswordHashLimits, SymmetricAlgorithm, SymmetricKey, SymmetricState, SymmetricTag,
};

/// Resource limits and policy of one [`CryptoCtx`]. An embedder picks them per guest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Limits {
    /// Most handles (of all kinds together) open at once; beyond it `too_many_handles`.
    /// Default 4096; values above `2^32 - 2` (more handles than the ABI's `u32` can name) count
    /// as `2^32 - 2`, and `0` refuses every new object.
    pub max_handles: usize,
    /// Most bytes a state buffers from `symmetric_state_absorb` when the algorithm must keep
    /// them (HKDF salt and info, AEAD associated data); beyond it `overflow`. Default 16 MiB.
    pub max_absorbed_bytes: usize,
    /// Which algorithms the guest may name; a denied one is `prohibited_operation`.
    /// Default: every algorithm of the host.
    pub policy: AlgorithmPolicy,
    /// Largest RSA modulus, in bits, a guest may generate or import (`RSA_*_<bits>_*`); a larger
    /// one is `prohibited_operation`. Default 4096 (every RSA name of the proposal).
    pub max_rsa_modulus_bits: usize,
    /// Largest guest input, in bytes, that one hostcall may pass (a message, ciphertext, key
    /// encoding, tag, option value or name); a larger one is `prohibited_operation`, answered
    /// before the host copies, allocates for or processes any of it. Output buffers are not
    /// capped: the host sizes its own by what the operation can produce. Default 256 MiB.
    pub max_call_bytes: usize,
    /// Most host memory, in bytes, the context may hold on its guest's behalf at once: every
    /// object behind a handle (an estimate of its size plus its payload: key bytes, option
    /// values, array outputs, tags, signatures), every byte a state buffers from `absorb` or
    /// `update`, clones, and the copies a call makes of guest buffers while it runs. Past it a
    /// call answers `overflow` before allocating. Default 128 MiB.
    pub max_memory_bytes: usize,
    /// Ceilings on the cost of one password hash (Argon2 memory, passes and lanes; PBKDF2
    /// iterations); a guest asking for more is `prohibited_operation` when it opens the state.
    pub password_hashing: PasswordHashLimits,
    /// How ML-DSA signatures pick their randomness: hedged (the default, FIPS 204 §3.4) or
    /// deterministic.
    pub ml_dsa_signing: MlDsaSigning,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_handles: 4096,
            max_absorbed_bytes: 16 << 20,
            policy: AlgorithmPolicy::default(),
            max_rsa_modulus_bits: 4096,
            max_call_bytes: 256 << 20,
            max_memory_bytes: 128 << 20,
            password_hashing: PasswordHashLimits::default(),
            ml_dsa_signing: MlDsaSigning::default(),
        }
    }
}

/// The WASI-Crypto state of one guest: its handle table and limits.
///
/// Embedders store one per `wasmtime::Store` and give [`crate::add_to_linker`] a closure that
/// returns it. Every method returns the proposal's error as a [`CryptoError`].
///
/// `CryptoCtx` is `Send + Sync` (asserted at compile time), as the proposal requires of every
/// handle type: a store holding it may move between threads, and the objects that several handles
/// share (keys behind `Arc`, states) are immutable or only mutated through `&mut CryptoCtx`.
#[derive(Debug)]
pub struct CryptoCtx {
    pub(crate) handles: HandleTable,
    pub(crate) limits: Limits,
    /// Fuel accounting of the hostcall under way (see [`crate::metering`]).
    pub(crate) meter: Meter,
    /// Work left for the async linker by the hostcall under way (see [`crate::offload`]).
    pub(crate) offload: Offload,
    /// The host memory held for the guest ([`Limits::max_memory_bytes`]).
    pub(crate) budget: Budget,
    /// What a new state may buffer, made once (a state opened borrows it, so opening one touches
    /// no reference count unless the state keeps a share of the budget).
    absorb_limit: AbsorbLimit,
    /// The symmetric algorithm name looked up last (see [`crate::names::Recent`]).
    recent_symmetric: crate::names::Recent<SymmetricAlgorithm>,
    /// Where the `memory` export of each registered module is (see
    /// [`CryptoCtx::register_module`]).
    pub(crate) memory_exports: crate::linker::MemoryExports,
    /// The secrets manager the embedder configured, if any (see [`crate::secrets`]).
    pub(crate) secrets: Option<crate::secrets::SecretsConfig>,
}

// The proposal: "all handle types MUST be thread-safe". A field that is not breaks the build here.
const _: () = {
    const fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<CryptoCtx>();
};

impl Default for CryptoCtx {
    fn default() -> Self {
        Self::new()
    }
}

impl CryptoCtx {
    /// A context with the default [`Limits`].
    pub fn new() -> Self {
        Self::with_limits(Limits::default())
    }

    /// A context with the given limits.
    pub fn with_limits(limits: Limits) -> Self {
        let budget = Budget::new(limits.max_memory_bytes);
        CryptoCtx {
            handles: HandleTable::new(limits.max_handles, budget.clone()),
            absorb_limit: AbsorbLimit {
                max: limits.max_absorbed_bytes,
                budget: budget.clone(),
            },
            recent_symmetric: Default::default(),
            budget,
            limits,
            meter: Meter::default(),
            offload: Offload::default(),
            memory_exports: crate::linker::MemoryExports::default(),
            secrets: None,
        }
    }

    /// Bytes of [`Limits::max_memory_bytes`] in use now.
    pub fn memory_in_use(&self) -> usize {
        self.budget.used()
    }

    /// What a new state may buffer from `absorb` / `update`.
    pub(crate) fn absorb_limit(&self) -> &AbsorbLimit {
        &self.absorb_limit
    }

    /// The limits and policy this context was made with.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// `prohibited_operation` unless [`Limits::policy`] permits the algorithm named by `name`
    /// (called only when the policy restricts anything: finding a name is a table scan).
    pub(crate) fn admit(&self, name: impl FnOnce() -> &'static str) -> Result<()> {
        if self.limits.policy.permits_all() || self.limits.policy.permits(name()) {
            Ok(())
        } else {
            Err(CryptoError::ProhibitedOperation)
        }
    }

    /// A symmetric algorithm by name, if known (`unsupported_algorithm`) and permitted
    /// (`prohibited_operation`).
    pub(crate) fn symmetric_algorithm(&mut self, name: &str) -> Result<SymmetricAlgorithm> {
        let alg = SymmetricAlgorithm::from_name_recent(name, &mut self.recent_symmetric)?;
        self.admit(|| alg.name())?;
        Ok(alg)
    }

    /// Number of handles currently open (all kinds).
    pub fn open_handles(&self) -> usize {
        self.handles.len()
    }

    // ---- wasi_ephemeral_crypto_common ----

    /// `options_open`: a new, empty options object for `alg_type`.
    pub fn options_open(&mut self, alg_type: AlgorithmType) -> Result<Handle> {
        self.handles.insert(Options::new(alg_type))
    }

    /// `options_close`.
    pub fn options_close(&mut self, options: Handle) -> Result<()> {
        self.handles.remove::<Options>(options).map(drop)
    }

    /// `options_set`: a byte option (`context`, `salt`, `nonce` for symmetric options).
    /// `overflow` if the memory budget cannot hold the value (checked before copying it).
    pub fn options_set(&mut self, options: Handle, name: &str, value: &[u8]) -> Result<()> {
        if Options::stores_inline(name, value.len()) {
            // Kept inside the object: nothing to reserve, and `fit` gives back what a longer
            // value set before held (it touches the budget only then).
            let set = self.handles.get_mut::<Options>(options)?.set(name, value);
            self.handles.fit::<Options>(options);
            return set;
        }
        self.handles.get::<Options>(options)?;
        self.handles.reserve_more(options, value.len())?;
        let set = self.handles.get_mut::<Options>(options)?.set(name, value);
        self.handles.fit::<Options>(options);
        set
    }

    /// `options_set_u64`: an integer option (`memory_limit`, `ops_limit`, `parallelism`).
    pub fn options_set_u64(&mut self, options: Handle, name: &str, value: u64) -> Result<()> {
        self.handles
            .get_mut::<Options>(options)?
            .set_u64(name, value)
    }

    /// `options_set_guest_buffer`: records that a scratch buffer of `len` bytes was offered under
    /// `name` (`buffer`). The host never keeps guest pointers and allocates its own scratch space.
    pub fn options_set_guest_buffer(
        &mut self,
        options: Handle,
        name: &str,
        len: usize,
    ) -> Result<()> {
        self.handles
            .get_mut::<Options>(options)?
            .set_guest_buffer(name, len)
    }

    /// Stores `data` as a new `array_output` and returns its handle.
    pub(crate) fn new_array_output(&mut self, data: Vec<u8>) -> Result<Handle> {
        self.handles.insert(ArrayOutput::new(data))
    }

    /// `array_output_len`: bytes left to pull (the full length before the first pull).
    pub fn array_output_len(&self, output: Handle) -> Result<usize> {
        Ok(self.handles.get::<ArrayOutput>(output)?.remaining())
    }

    /// `array_output_pull`: copies `min(buf.len(), remaining)` bytes into `buf` and returns that
    /// count. The handle closes itself once everything has been pulled.
    pub fn array_output_pull(&mut self, output: Handle, buf: &mut [u8]) -> Result<usize> {
        let out = self.handles.get_mut::<ArrayOutput>(output)?;
        let n = out.pull(buf);
        if out.remaining() == 0 {
            self.handles.remove::<ArrayOutput>(output)?;
        }
        Ok(n)
    }

    /// A copy of a symmetric options object, for a state or key that outlives the handle.
    pub(crate) fn symmetric_options(&self, options: Option<Handle>) -> Result<Option<Options>> {
        options
            .map(|h| {
                let o = self.handles.get::<Options>(h)?;
                match o.alg_type() {
                    AlgorithmType::Symmetric => Ok(o.clone()),
                    _ => Err(CryptoError::InvalidHandle),
                }
            })
            .transpose()
    }

    // ---- wasi_ephemeral_crypto_symmetric ----

    /// `symmetric_key_generate`: a random key of the algorithm's natural length (AEAD key size, or
    /// HashLen for HMAC and HKDF). Unkeyed algorithms → `key_not_supported`.
    pub fn symmetric_key_generate(&mut self, alg: &str, options: Option<Handle>) -> Result<Handle> {
        let alg = self.symmetric_algorithm(alg)?;
        self.symmetric_options(options)?;
        let key = SymmetricKey::generate(alg)?;
        self.handles.insert(Arc::new(key))
    }

    /// `symmetric_key_import`: raw key bytes (exact AEAD key size; any length for HMAC and
    /// HKDF-EXTRACT; at least HashLen for HKDF-EXPAND).
    pub fn symmetric_key_import(&mut self, alg: &str, raw: &[u8]) -> Result<Handle> {
        let alg = self.symmetric_algorithm(alg)?;
        let key = SymmetricKey::import(alg, raw)?;
        self.handles.insert(Arc::new(key))
    }

    /// `symmetric_key_export`: the raw key bytes, as an `array_output`.
    /// `prohibited_operation` for a sealed key ([`symmetric_key_import_sealed`]) and for a managed
    /// key unless the embedder's [`SecretsConfig::allow_export`] permits it.
    ///
    /// [`symmetric_key_import_sealed`]: Self::symmetric_key_import_sealed
    /// [`SecretsConfig::allow_export`]: crate::secrets::SecretsConfig::allow_export
    pub fn symmetric_key_export(&mut self, key: Handle) -> Result<Handle> {
        let key = self.handles.get::<Arc<SymmetricKey>>(key)?;
        if !key.exportable() {
            return Err(CryptoError::ProhibitedOperation);
        }
        let raw = key.raw().to_vec();
        self.new_array_output(raw)
    }

    /// For the embedder: imports a key as [`symmetric_key_import`](Self::symmetric_key_import)
    /// does (same algorithms, lengths and errors), *sealed*: the guest holding the returned handle
    /// can use it for every operation, but `symmetric_key_export` is `prohibited_operation`.
    pub fn symmetric_key_import_sealed(&mut self, alg: &str, raw: &[u8]) -> Result<Handle> {
        let alg = self.symmetric_algorithm(alg)?;
        let key = SymmetricKey::import(alg, raw)?.into_sealed();
        self.handles.insert(Arc::new(key))
    }

    /// `symmetric_key_close`. States opened with the key keep working.
    pub fn symmetric_key_close(&mut self, key: Handle) -> Result<()> {
        self.handles.remove::<Arc<SymmetricKey>>(key).map(drop)
    }

    /// `symmetric_state_open`: see [`SymmetricAlgorithm`] for what each algorithm takes.
    pub fn symmetric_state_open(
        &mut self,
        alg: &str,
        key: Option<Handle>,
        options: Option<Handle>,
    ) -> Result<Handle> {
        let alg = self.symmetric_algorithm(alg)?;
        // Borrowed, not cloned: the state takes what it needs of the key (its shared cipher).
        let key = key
            .map(|k| self.handles.get::<Arc<SymmetricKey>>(k))
            .transpose()?;
        let options = self.symmetric_options(options)?;
        let state = SymmetricState::open(
            alg,
            key.map(|k| &**k),
            options,
            &self.absorb_limit,
            &self.limits.password_hashing,
        )?;
        self.handles.insert(state)
    }

    pub(crate) fn state(&mut self, state: Handle) -> Result<&mut SymmetricState> {
        self.handles
            .get_mut::<Box<SymmetricState>>(state)
            .map(|s| &mut **s)
    }

    /// `symmetric_state_options_get`: the value of a byte option the state was opened with.
    pub fn symmetric_state_options_get(&mut self, state: Handle, name: &str) -> Result<Vec<u8>> {
        self.state(state)?.options_get(name).map(<[u8]>::to_vec)
    }

    /// `symmetric_state_options_get_u64`.
    pub fn symmetric_state_options_get_u64(&mut self, state: Handle, name: &str) -> Result<u64> {
        self.state(state)?.options_get_u64(name)
    }

    /// `symmetric_state_clone`: a deep, independent copy (an AEAD copy cannot reuse the nonce).
    /// `overflow` if the memory budget cannot hold the copy (checked before copying).
    pub fn symmetric_state_clone(&mut self, state: Handle) -> Result<Handle> {
        let original = self.state(state)?;
        let room = original.absorbed_reserved().saturating_add(
            crate::budget::OBJECT_OVERHEAD.saturating_add(original.options_bytes()),
        );
        // The room is given back before the copy takes it (the context is used by one call at a
        // time, so nothing else takes it in between).
        drop(self.budget.reserve(room)?);
        let copy = Box::new(self.state(state)?.deep_clone());
        self.handles.insert(copy)
    }

    /// `symmetric_state_close`.
    pub fn symmetric_state_close(&mut self, state: Handle) -> Result<()> {
        self.handles.remove::<Box<SymmetricState>>(state).map(drop)
    }

    /// `symmetric_state_absorb`: message, salt, info or associated data, by algorithm.
    pub fn symmetric_state_absorb(&mut self, state: Handle, data: &[u8]) -> Result<()> {
        self.meter.charge_bytes(data.len())?;
        self.state(state)?.ops().absorb(data)
    }

    /// How `symmetric_state_squeeze` produces `state`'s output, in one lookup: whether its
    /// squeezes continue one output stream (an XOF, which the glue may produce in chunks), and
    /// the most bytes one squeeze can produce (`None` if its algorithm does not squeeze);
    /// `invalid_handle` for an unknown state.
    pub(crate) fn squeeze_shape(&mut self, state: Handle) -> Result<(bool, Option<usize>)> {
        let ops = self.state(state)?.ops();
        Ok((ops.squeeze_streams(), ops.max_squeeze_len()))
    }

    /// `symmetric_state_squeeze`: fills `out` (hash digest prefix, or HKDF-EXPAND output).
    pub fn symmetric_state_squeeze(&mut self, state: Handle, out: &mut [u8]) -> Result<()> {
        self.meter.charge_bytes(out.len())?;
        // One lookup: the meter and the handle table are separate fields.
        let ops = self.handles.get_mut::<Box<SymmetricState>>(state)?.ops();
        self.meter.charge(ops.work(out.len()))?;
        ops.squeeze(out)
    }

    /// `symmetric_state_squeeze_tag`: a MAC tag handle.
    pub fn symmetric_state_squeeze_tag(&mut self, state: Handle) -> Result<Handle> {
        let work = self.state(state)?.ops().work(32);
        self.meter.charge(work)?;
        let tag = self.state(state)?.ops().squeeze_tag()?;
        self.handles.insert(SymmetricTag::new(tag))
    }

    /// `symmetric_state_squeeze_key`: a key for `alg` derived from the state (HKDF-EXTRACT → PRK).
    pub fn symmetric_state_squeeze_key(&mut self, state: Handle, alg: &str) -> Result<Handle> {
        let alg = self.symmetric_algorithm(alg)?;
        let key = self.state(state)?.ops().squeeze_key(alg)?;
        self.handles.insert(Arc::new(key))
    }

    /// `symmetric_state_max_tag_len`: 16 for AEADs; `invalid_operation` for every other state
    /// (MACs included, as in the reference host).
    pub fn symmetric_state_max_tag_len(&mut self, state: Handle) -> Result<usize> {
        self.state(state)?.ops().max_tag_len()
    }

    /// `symmetric_state_encrypt`: `out` receives ciphertext ‖ tag; returns the bytes written.
    pub fn symmetric_state_encrypt(
        &mut self,
        state: Handle,
        out: &mut [u8],
        data: &[u8],
    ) -> Result<usize> {
        self.meter.charge_bytes(data.len())?;
        self.state(state)?.encrypt(out, data)
    }

    /// `symmetric_state_encrypt_detached`: `out` receives the ciphertext; returns a tag handle.
    pub fn symmetric_state_encrypt_detached(
        &mut self,
        state: Handle,
        out: &mut [u8],
        data: &[u8],
    ) -> Result<Handle> {
        self.meter.charge_bytes(data.len())?;
        let tag = self.state(state)?.encrypt_detached(out, data)?;
        self.handles.insert(SymmetricTag::new(tag))
    }

    /// `symmetric_state_decrypt`: `data` is ciphertext ‖ tag; returns the plaintext length.
    pub fn symmetric_state_decrypt(
        &mut self,
        state: Handle,
        out: &mut [u8],
        data: &[u8],
    ) -> Result<usize> {
        self.meter.charge_bytes(data.len())?;
        self.state(state)?.decrypt(out, data)
    }

    /// `symmetric_state_decrypt_detached`: returns the plaintext length.
    pub fn symmetric_state_decrypt_detached(
        &mut self,
        state: Handle,
        out: &mut [u8],
        data: &[u8],
        raw_tag: &[u8],
    ) -> Result<usize> {
        self.meter.charge_bytes(data.len())?;
        self.state(state)?.decrypt_detached(out, data, raw_tag)
    }

    /// The guest-memory forms of the four AEAD calls (see
    /// [`SymmetricState::encrypt_within`]): `mem` is the guest's whole memory, `out` and `data`
    /// (and `ct`) ranges of it that the glue checked.
    pub(crate) fn symmetric_state_encrypt_within(
        &mut self,
        state: Handle,
        mem: &mut [u8],
        out: Range<usize>,
        data: Range<usize>,
    ) -> Result<usize> {
        self.meter.charge_bytes(data.len())?;
        self.state(state)?.encrypt_within(mem, out, data)
    }

    /// See [`symmetric_state_encrypt_within`](Self::symmetric_state_encrypt_within); returns a
    /// tag handle.
    pub(crate) fn symmetric_state_encrypt_detached_within(
        &mut self,
        state: Handle,
        mem: &mut [u8],
        out: Range<usize>,
        data: Range<usize>,
    ) -> Result<Handle> {
        self.meter.charge_bytes(data.len())?;
        let tag = self.state(state)?.encrypt_detached_within(mem, out, data)?;
        self.handles.insert(SymmetricTag::new(tag))
    }

    /// See [`symmetric_state_encrypt_within`](Self::symmetric_state_encrypt_within).
    pub(crate) fn symmetric_state_decrypt_within(
        &mut self,
        state: Handle,
        mem: &mut [u8],
        out: Range<usize>,
        data: Range<usize>,
    ) -> Result<usize> {
        self.meter.charge_bytes(data.len())?;
        self.state(state)?.decrypt_within(mem, out, data)
    }

    /// See [`symmetric_state_encrypt_within`](Self::symmetric_state_encrypt_within); `raw_tag`
    /// is a host copy of the guest's tag.
    pub(crate) fn symmetric_state_decrypt_detached_within(
        &mut self,
        state: Handle,
        mem: &mut [u8],
        out: Range<usize>,
        ct: Range<usize>,
        raw_tag: &[u8],
    ) -> Result<usize> {
        self.meter.charge_bytes(ct.len())?;
        self.state(state)?
            .decrypt_detached_within(mem, out, ct, raw_tag)
    }

    /// `symmetric_state_ratchet`: no supported algorithm ratchets → `invalid_operation`.
    pub fn symmetric_state_ratchet(&mut self, state: Handle) -> Result<()> {
        self.state(state)?.ops().ratchet()
    }

    /// `symmetric_tag_len`.
    pub fn symmetric_tag_len(&self, tag: Handle) -> Result<usize> {
        Ok(self.handles.get::<SymmetricTag>(tag)?.raw().len())
    }

    /// `symmetric_tag_pull`: copies the tag into `buf` (`overflow` if shorter; the tag stays
    /// open then), closes the tag, and returns its length.
    pub fn symmetric_tag_pull(&mut self, tag: Handle, buf: &mut [u8]) -> Result<usize> {
        let raw = self.handles.get::<SymmetricTag>(tag)?.raw();
        let n = raw.len();
        buf.get_mut(..n)
            .ok_or(CryptoError::Overflow)?
            .copy_from_slice(raw);
        self.handles.remove::<SymmetricTag>(tag)?;
        Ok(n)
    }

    /// `symmetric_tag_verify`: constant-time comparison; `invalid_tag` on mismatch.
    pub fn symmetric_tag_verify(&self, tag: Handle, expected: &[u8]) -> Result<()> {
        self.handles.get::<SymmetricTag>(tag)?.verify(expected)
    }

    /// `symmetric_tag_close`.
    pub fn symmetric_tag_close(&mut self, tag: Handle) -> Result<()> {
        self.handles.remove::<SymmetricTag>(tag).map(drop)
    }
}
