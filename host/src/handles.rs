//! Typed handle tables.
//!
//! All objects live in one handle space: a `u32` is live for at most one object at a time, whatever
//! its kind, so a handle of the wrong kind can never alias another object — it is simply
//! `invalid_handle`. Each object kind is a variant of [`Object`] and gets typed accessors through
//! [`Kind`]. Handle `0` is never issued.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use rustc_hash::FxBuildHasher;
use std::sync::Arc;

use crate::array_output::ArrayOutput;
use crate::asymmetric::{KeyPair, PublicKey, SecretKey, SignatureStateOps, VerificationStateOps};
use crate::budget::{Budget, OBJECT_OVERHEAD};
use crate::error::{CryptoError, Result};
use crate::options::Options;
use crate::signatures::Signature;
use crate::symmetric::{SymmetricKey, SymmetricState, SymmetricTag};

/// A guest-visible handle (the proposal's handles are `u32` in the core ABI).
pub type Handle = u32;

/// Every object a guest can hold a handle to.
#[derive(Debug)]
pub(crate) enum Object {
    Options(Options),
    ArrayOutput(ArrayOutput),
    SymmetricKey(Arc<SymmetricKey>),
    SymmetricState(Box<SymmetricState>),
    SymmetricTag(SymmetricTag),
    KeyPair(KeyPair),
    PublicKey(PublicKey),
    SecretKey(SecretKey),
    SignatureState(Box<dyn SignatureStateOps>),
    VerificationState(Box<dyn VerificationStateOps>),
    Signature(Arc<Signature>),
    /// An open secrets manager (`secrets_manager_open`).
    SecretsManager(crate::secrets::OpenManager),
    /// A handle issued to the guest whose object the async linker is still making (see
    /// [`crate::offload`]); every typed access to it is `invalid_handle`.
    Reserved(Reserved),
}

/// The placeholder object of a [`Object::Reserved`] handle.
#[derive(Debug)]
pub(crate) struct Reserved;

/// An object kind stored in the table: a typed view of one [`Object`] variant.
pub(crate) trait Kind: Sized {
    /// Heap bytes the object holds beyond [`OBJECT_OVERHEAD`] that no [`Absorbed`] buffer
    /// already counts (see [`crate::budget`]).
    ///
    /// [`Absorbed`]: crate::absorbed::Absorbed
    fn payload(&self) -> usize {
        0
    }
    fn wrap(self) -> Object;
    fn view(object: &Object) -> Option<&Self>;
    fn view_mut(object: &mut Object) -> Option<&mut Self>;
    fn unwrap(object: Object) -> std::result::Result<Self, Object>;
}

macro_rules! kind {
    ($variant:ident, $ty:ty) => {
        kind!($variant, $ty, |_object| 0);
    };
    ($variant:ident, $ty:ty, |$object:ident| $payload:expr) => {
        impl Kind for $ty {
            fn payload(&self) -> usize {
                let $object = self;
                $payload
            }
            fn wrap(self) -> Object {
                Object::$variant(self)
            }
            fn view(object: &Object) -> Option<&Self> {
                match object {
                    Object::$variant(v) => Some(v),
                    _ => None,
                }
            }
            fn view_mut(object: &mut Object) -> Option<&mut Self> {
                match object {
                    Object::$variant(v) => Some(v),
                    _ => None,
                }
            }
            fn unwrap(object: Object) -> std::result::Result<Self, Object> {
                match object {
                    Object::$variant(v) => Ok(v),
                    other => Err(other),
                }
            }
        }
    };
}

kind!(Options, Options, |o| o.value_bytes());
kind!(ArrayOutput, ArrayOutput, |o| o.len());
kind!(SymmetricKey, Arc<SymmetricKey>, |k| k.heap_bytes());
kind!(SymmetricState, Box<SymmetricState>, |s| s.options_bytes());
kind!(SymmetricTag, SymmetricTag, |t| t.raw().len());
kind!(KeyPair, KeyPair, |k| key_payload(k.algorithm()));
kind!(PublicKey, PublicKey, |k| key_payload(k.algorithm()));
kind!(SecretKey, SecretKey, |k| key_payload(k.algorithm()));
kind!(SignatureState, Box<dyn SignatureStateOps>);
kind!(VerificationState, Box<dyn VerificationStateOps>);
kind!(Signature, Arc<Signature>, |s| s.raw().len());
kind!(SecretsManager, crate::secrets::OpenManager);
kind!(Reserved, Reserved);

/// Key material beyond [`OBJECT_OVERHEAD`]: an RSA key holds its modulus, exponents, primes and
/// CRT values (about eight modulus-sized numbers); an ML-DSA key holds the matrix Â in NTT form
/// (k·l polynomials of 1 KiB) twice (its own and its public key's) and its vectors s1, s2, t0, t1
/// (2·k·l + l + 4·k KiB, an upper estimate for every key object); other keys fit in the overhead.
fn key_payload(alg: crate::AsymmetricAlgorithm) -> usize {
    use crate::signatures::SignatureAlgorithm as Sig;
    let ml_dsa = |k: usize, l: usize| (2 * k * l + l + 4 * k) << 10;
    match alg {
        crate::AsymmetricAlgorithm::Signature(sig) => match sig {
            Sig::RsaPkcs1 { bits, .. } | Sig::RsaPss { bits, .. } => bits / 8 * 8,
            Sig::MlDsa44 => ml_dsa(4, 4),
            Sig::MlDsa65 => ml_dsa(6, 5),
            Sig::MlDsa87 => ml_dsa(8, 7),
            _ => 0,
        },
        _ => 0,
    }
}

/// The handle table of one [`crate::CryptoCtx`]. Every entry holds the bytes of the context's
/// memory budget taken for its object: a plain count settled against the table's own `budget`
/// (taken in [`insert`](Self::insert), given back on removal and when the table is dropped), so
/// that opening and closing an object touches the shared account once each way and no
/// reference count at all.
#[derive(Debug)]
pub(crate) struct HandleTable {
    // Fx: handles are issued by the host (sequential), so the keys need no DoS-resistant hash,
    // and SipHash was a measurable share of the cheapest hostcall.
    objects: HashMap<Handle, (Object, usize), FxBuildHasher>,
    next: Handle,
    max_handles: usize,
    budget: Budget,
}

impl HandleTable {
    /// A table for at most `max_handles` live handles, clamped to `2^32 - 2` (handle `0` is never
    /// issued, and one value must stay free for the search in [`insert`](Self::insert) to end).
    pub(crate) fn new(max_handles: usize, budget: Budget) -> Self {
        HandleTable {
            objects: HashMap::default(),
            next: 0,
            max_handles: max_handles.min(u32::MAX as usize - 1),
            budget,
        }
    }

    /// Stores `value` under a fresh handle; `too_many_handles` once the limit is reached,
    /// `overflow` if the memory budget cannot cover [`OBJECT_OVERHEAD`] and its payload.
    pub(crate) fn insert<T: Kind>(&mut self, value: T) -> Result<Handle> {
        if self.objects.len() >= self.max_handles {
            return Err(CryptoError::TooManyHandles);
        }
        let held = OBJECT_OVERHEAD.saturating_add(value.payload());
        self.budget.take(held)?;
        // Terminates: fewer than `max_handles` (< 2^32 - 1) handles are live. One hash probe per
        // candidate: the free slot found is the one filled.
        loop {
            self.next = self.next.wrapping_add(1);
            if self.next == 0 {
                continue;
            }
            if let Entry::Vacant(slot) = self.objects.entry(self.next) {
                slot.insert((value.wrap(), held));
                return Ok(self.next);
            }
        }
    }

    pub(crate) fn get<T: Kind>(&self, handle: Handle) -> Result<&T> {
        self.objects
            .get(&handle)
            .and_then(|(object, _)| T::view(object))
            .ok_or(CryptoError::InvalidHandle)
    }

    pub(crate) fn get_mut<T: Kind>(&mut self, handle: Handle) -> Result<&mut T> {
        self.objects
            .get_mut(&handle)
            .and_then(|(object, _)| T::view_mut(object))
            .ok_or(CryptoError::InvalidHandle)
    }

    /// Removes and returns the object; `invalid_handle` if the handle is unknown or of another kind
    /// (the table is left unchanged then).
    pub(crate) fn remove<T: Kind>(&mut self, handle: Handle) -> Result<T> {
        let (value, held) = self.remove_held::<T>(handle)?;
        self.budget.give_back(held);
        Ok(value)
    }

    /// Takes the object out of the table with the bytes it held, which the caller now owns.
    fn remove_held<T: Kind>(&mut self, handle: Handle) -> Result<(T, usize)> {
        let (object, held) = self
            .objects
            .remove(&handle)
            .ok_or(CryptoError::InvalidHandle)?;
        match T::unwrap(object) {
            Ok(value) => Ok((value, held)),
            Err(other) => {
                self.objects.insert(handle, (other, held));
                Err(CryptoError::InvalidHandle)
            }
        }
    }

    /// Reserves `more` bytes for the object under `handle` before it grows (`overflow` if the
    /// budget cannot cover them); [`fit`](Self::fit) settles the reservation afterwards.
    pub(crate) fn reserve_more(&mut self, handle: Handle, more: usize) -> Result<()> {
        let (_, held) = self
            .objects
            .get_mut(&handle)
            .ok_or(CryptoError::InvalidHandle)?;
        self.budget.take(more)?;
        *held = held.saturating_add(more);
        Ok(())
    }

    /// Gives back what the object of kind `T` under `handle` reserved beyond its overhead and
    /// payload now (after [`reserve_more`](Self::reserve_more)).
    pub(crate) fn fit<T: Kind>(&mut self, handle: Handle) {
        if let Some((object, held)) = self.objects.get_mut(&handle)
            && let Some(value) = T::view(object)
        {
            let need = OBJECT_OVERHEAD.saturating_add(value.payload());
            let extra = held.saturating_sub(need);
            self.budget.give_back(extra);
            *held -= extra;
        }
    }

    /// Takes the object out of `handle` for a while, leaving a [`Reserved`] placeholder there
    /// (`invalid_handle` if the handle is unknown or of another kind); [`fill`](Self::fill) puts
    /// it back.
    #[cfg(feature = "async")]
    pub(crate) fn take_reserving<T: Kind>(&mut self, handle: Handle) -> Result<T> {
        let (value, held) = self.remove_held::<T>(handle)?;
        self.objects
            .insert(handle, (Object::Reserved(Reserved), held));
        Ok(value)
    }

    /// Puts `value` under `handle`, which [`insert`](Self::insert) issued for a [`Reserved`]
    /// placeholder. A handle that is not reserved is left as it is (`invalid_handle`); `overflow`
    /// if the budget cannot cover the value's payload (the handle stays reserved then).
    #[cfg(feature = "async")]
    pub(crate) fn fill<T: Kind>(&mut self, handle: Handle, value: T) -> Result<()> {
        match self.objects.get_mut(&handle) {
            Some((slot @ Object::Reserved(_), held)) => {
                let need = OBJECT_OVERHEAD.saturating_add(value.payload());
                let more = need.saturating_sub(*held);
                self.budget.take(more)?;
                *held += more;
                *slot = value.wrap();
                Ok(())
            }
            _ => Err(CryptoError::InvalidHandle),
        }
    }

    /// Number of live handles.
    pub(crate) fn len(&self) -> usize {
        self.objects.len()
    }
}

impl Drop for HandleTable {
    /// Gives back what every remaining object held (the objects themselves drop after this).
    fn drop(&mut self) {
        let held = self
            .objects
            .values()
            .fold(0usize, |sum, (_, held)| sum.saturating_add(*held));
        self.budget.give_back(held);
    }
}
