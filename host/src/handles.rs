//! Typed handle tables.
//!
//! All objects live in one handle space: a `u32` is live for at most one object at a time, whatever
//! its kind, so a handle of the wrong kind can never alias another object — it is simply
//! `invalid_handle`. Each object kind is a variant of [`Object`] and gets typed accessors through
//! [`Kind`]. Handle `0` is never issued.

use std::collections::HashMap;
use std::sync::Arc;

use crate::array_output::ArrayOutput;
use crate::asymmetric::{KeyPair, PublicKey, SecretKey, SignatureStateOps, VerificationStateOps};
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
    /// A handle issued to the guest whose object the async linker is still making (see
    /// [`crate::offload`]); every typed access to it is `invalid_handle`.
    Reserved(Reserved),
}

/// The placeholder object of a [`Object::Reserved`] handle.
#[derive(Debug)]
pub(crate) struct Reserved;

/// An object kind stored in the table: a typed view of one [`Object`] variant.
pub(crate) trait Kind: Sized {
    fn wrap(self) -> Object;
    fn view(object: &Object) -> Option<&Self>;
    fn view_mut(object: &mut Object) -> Option<&mut Self>;
    fn unwrap(object: Object) -> std::result::Result<Self, Object>;
}

macro_rules! kind {
    ($variant:ident, $ty:ty) => {
        impl Kind for $ty {
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

kind!(Options, Options);
kind!(ArrayOutput, ArrayOutput);
kind!(SymmetricKey, Arc<SymmetricKey>);
kind!(SymmetricState, Box<SymmetricState>);
kind!(SymmetricTag, SymmetricTag);
kind!(KeyPair, KeyPair);
kind!(PublicKey, PublicKey);
kind!(SecretKey, SecretKey);
kind!(SignatureState, Box<dyn SignatureStateOps>);
kind!(VerificationState, Box<dyn VerificationStateOps>);
kind!(Signature, Arc<Signature>);
kind!(Reserved, Reserved);

/// The handle table of one [`crate::CryptoCtx`].
#[derive(Debug)]
pub(crate) struct HandleTable {
    objects: HashMap<Handle, Object>,
    next: Handle,
    max_handles: usize,
}

impl HandleTable {
    /// A table for at most `max_handles` live handles, clamped to `2^32 - 2` (handle `0` is never
    /// issued, and one value must stay free for the search in [`insert`](Self::insert) to end).
    pub(crate) fn new(max_handles: usize) -> Self {
        HandleTable {
            objects: HashMap::new(),
            next: 0,
            max_handles: max_handles.min(u32::MAX as usize - 1),
        }
    }

    /// Stores `value` under a fresh handle; `too_many_handles` once the limit is reached.
    pub(crate) fn insert<T: Kind>(&mut self, value: T) -> Result<Handle> {
        if self.objects.len() >= self.max_handles {
            return Err(CryptoError::TooManyHandles);
        }
        // Terminates: fewer than `max_handles` (< 2^32 - 1) handles are live.
        loop {
            self.next = self.next.wrapping_add(1);
            if self.next != 0 && !self.objects.contains_key(&self.next) {
                break;
            }
        }
        self.objects.insert(self.next, value.wrap());
        Ok(self.next)
    }

    pub(crate) fn get<T: Kind>(&self, handle: Handle) -> Result<&T> {
        self.objects
            .get(&handle)
            .and_then(T::view)
            .ok_or(CryptoError::InvalidHandle)
    }

    pub(crate) fn get_mut<T: Kind>(&mut self, handle: Handle) -> Result<&mut T> {
        self.objects
            .get_mut(&handle)
            .and_then(T::view_mut)
            .ok_or(CryptoError::InvalidHandle)
    }

    /// Removes and returns the object; `invalid_handle` if the handle is unknown or of another kind
    /// (the table is left unchanged then).
    pub(crate) fn remove<T: Kind>(&mut self, handle: Handle) -> Result<T> {
        let object = self
            .objects
            .remove(&handle)
            .ok_or(CryptoError::InvalidHandle)?;
        T::unwrap(object).map_err(|other| {
            self.objects.insert(handle, other);
            CryptoError::InvalidHandle
        })
    }

    /// Takes the object out of `handle` for a while, leaving a [`Reserved`] placeholder there
    /// (`invalid_handle` if the handle is unknown or of another kind); [`fill`](Self::fill) puts
    /// it back.
    #[cfg(feature = "async")]
    pub(crate) fn take_reserving<T: Kind>(&mut self, handle: Handle) -> Result<T> {
        let value = self.remove::<T>(handle)?;
        self.objects.insert(handle, Object::Reserved(Reserved));
        Ok(value)
    }

    /// Puts `value` under `handle`, which [`insert`](Self::insert) issued for a [`Reserved`]
    /// placeholder. A handle that is not reserved is left as it is (`invalid_handle`).
    #[cfg(feature = "async")]
    pub(crate) fn fill<T: Kind>(&mut self, handle: Handle, value: T) -> Result<()> {
        match self.objects.get_mut(&handle) {
            Some(slot @ Object::Reserved(_)) => {
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
