//! Options objects (`options_open`, `options_set`, ...).
//!
//! Options are typed by [`AlgorithmType`]. The names each type accepts, and the value type of each
//! name, are fixed here; an unknown name, or a known name with the wrong value type, is
//! `unsupported_option`. Setting a name again overwrites it. A state copies the options it is opened
//! with, so an options handle may be closed right after use (the proposal's reference-counting rule).

use std::collections::BTreeMap;
use std::sync::Arc;

use zeroize::Zeroizing;

use crate::error::{CryptoError, Result};

/// An algorithm category (`$algorithm_type`): its discriminant is the ABI value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u16)]
pub enum AlgorithmType {
    /// `signatures` (0).
    Signatures = 0,
    /// `symmetric` (1).
    Symmetric = 1,
    /// `key_exchange` (2).
    KeyExchange = 2,
}

/// The value type an option name takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ValueType {
    Bytes,
    U64,
    GuestBuffer,
}

/// Option names of symmetric operations (proposal, "Options"): `context`, `salt`, `nonce` (bytes);
/// `memory_limit`, `ops_limit`, `parallelism` (u64); `buffer` (guest buffer).
const SYMMETRIC_OPTIONS: &[(&str, ValueType)] = &[
    ("context", ValueType::Bytes),
    ("salt", ValueType::Bytes),
    ("nonce", ValueType::Bytes),
    ("memory_limit", ValueType::U64),
    ("ops_limit", ValueType::U64),
    ("parallelism", ValueType::U64),
    ("buffer", ValueType::GuestBuffer),
];

/// The option names an algorithm type accepts.
fn names(alg_type: AlgorithmType) -> &'static [(&'static str, ValueType)] {
    match alg_type {
        AlgorithmType::Symmetric => SYMMETRIC_OPTIONS,
        // No signature or key-exchange algorithm of this host takes options.
        AlgorithmType::Signatures | AlgorithmType::KeyExchange => &[],
    }
}

/// One option value.
#[derive(Clone)]
pub(crate) enum OptionValue {
    Bytes(Zeroizing<Vec<u8>>),
    U64(u64),
    /// A guest buffer was offered; the host never keeps guest pointers, only the length is recorded.
    GuestBuffer(usize),
}

impl std::fmt::Debug for OptionValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OptionValue::Bytes(b) => write!(f, "Bytes({} bytes)", b.len()),
            OptionValue::U64(v) => write!(f, "U64({v})"),
            OptionValue::GuestBuffer(len) => write!(f, "GuestBuffer({len} bytes)"),
        }
    }
}

/// An options object. Cloning it (a state's copy of the options it is opened with) shares the
/// values until either side sets one (copy on write), so opening a state copies nothing. An
/// object with no value set allocates nothing (`values` is `None` until the first set).
#[derive(Debug, Clone)]
pub(crate) struct Options {
    alg_type: AlgorithmType,
    values: Option<Arc<BTreeMap<&'static str, OptionValue>>>,
}

/// The map of an options object with nothing set.
static NO_VALUES: BTreeMap<&str, OptionValue> = BTreeMap::new();

impl Options {
    pub(crate) fn new(alg_type: AlgorithmType) -> Self {
        Options {
            alg_type,
            values: None,
        }
    }

    /// The values that are set.
    fn values(&self) -> &BTreeMap<&'static str, OptionValue> {
        self.values.as_deref().unwrap_or(&NO_VALUES)
    }

    /// The values, to set one: unshared first if a state shares them (copy on write).
    fn values_mut(&mut self) -> &mut BTreeMap<&'static str, OptionValue> {
        Arc::make_mut(self.values.get_or_insert_with(Default::default))
    }

    /// Bytes held by byte-valued options (their values).
    pub(crate) fn value_bytes(&self) -> usize {
        self.values()
            .values()
            .map(|v| match v {
                OptionValue::Bytes(b) => b.len(),
                OptionValue::U64(_) | OptionValue::GuestBuffer(_) => 0,
            })
            .sum()
    }

    pub(crate) fn alg_type(&self) -> AlgorithmType {
        self.alg_type
    }

    /// The static name of option `name` if it exists for this type with value type `expected`.
    fn canonical_name(&self, name: &str, expected: ValueType) -> Result<&'static str> {
        names(self.alg_type)
            .iter()
            // Case-insensitive, as algorithm names are.
            .find(|(n, t)| n.eq_ignore_ascii_case(name) && *t == expected)
            .map(|(n, _)| *n)
            .ok_or(CryptoError::UnsupportedOption)
    }

    pub(crate) fn set(&mut self, name: &str, value: &[u8]) -> Result<()> {
        let name = self.canonical_name(name, ValueType::Bytes)?;
        self.values_mut()
            .insert(name, OptionValue::Bytes(Zeroizing::new(value.to_vec())));
        Ok(())
    }

    pub(crate) fn set_u64(&mut self, name: &str, value: u64) -> Result<()> {
        let name = self.canonical_name(name, ValueType::U64)?;
        self.values_mut().insert(name, OptionValue::U64(value));
        Ok(())
    }

    pub(crate) fn set_guest_buffer(&mut self, name: &str, len: usize) -> Result<()> {
        let name = self.canonical_name(name, ValueType::GuestBuffer)?;
        self.values_mut()
            .insert(name, OptionValue::GuestBuffer(len));
        Ok(())
    }

    /// A byte option: `unsupported_option` for a name that is not a byte option of this type,
    /// `option_not_set` if it was not set.
    pub(crate) fn get(&self, name: &str) -> Result<&[u8]> {
        let name = self.canonical_name(name, ValueType::Bytes)?;
        match self.values().get(name) {
            Some(OptionValue::Bytes(b)) => Ok(b),
            _ => Err(CryptoError::OptionNotSet),
        }
    }

    /// The names of the options that are set.
    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.values().keys().copied()
    }

    /// A `u64` option, with the same errors as [`Options::get`].
    pub(crate) fn get_u64(&self, name: &str) -> Result<u64> {
        let name = self.canonical_name(name, ValueType::U64)?;
        match self.values().get(name) {
            Some(OptionValue::U64(v)) => Ok(*v),
            _ => Err(CryptoError::OptionNotSet),
        }
    }
}
