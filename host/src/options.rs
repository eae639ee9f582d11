//! Options objects (`options_open`, `options_set`, ...).
//!
//! Options are typed by [`AlgorithmType`]. The names each type accepts, and the value type of each
//! name, are fixed here; an unknown name, or a known name with the wrong value type, is
//! `unsupported_option`. Setting a name again overwrites it. A state copies the options it is opened
//! with, so an options handle may be closed right after use (the proposal's reference-counting rule).

use std::collections::BTreeMap;
use std::sync::Arc;

use zeroize::{Zeroize, Zeroizing};

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

/// The longest `nonce` value kept inline in an [`Options`] object: every AEAD and cipher nonce of
/// this host fits (AEGIS-256's 32 bytes is the longest).
pub(crate) const INLINE_NONCE_LEN: usize = 32;

/// A `nonce` option value of at most [`INLINE_NONCE_LEN`] bytes, held inside the options object
/// (so setting one allocates nothing and a state's copy of it touches no shared counter). Wiped
/// when dropped, as every option value is.
#[derive(Clone)]
struct InlineNonce {
    bytes: [u8; INLINE_NONCE_LEN],
    len: u8,
}

impl InlineNonce {
    fn new(value: &[u8]) -> Self {
        let mut bytes = [0; INLINE_NONCE_LEN];
        bytes[..value.len()].copy_from_slice(value);
        InlineNonce {
            bytes,
            // At most INLINE_NONCE_LEN (checked by the caller), so it fits in a u8.
            len: value.len() as u8,
        }
    }

    fn get(&self) -> &[u8] {
        &self.bytes[..usize::from(self.len)]
    }
}

impl Drop for InlineNonce {
    fn drop(&mut self) {
        self.bytes.zeroize();
    }
}

/// An options object. Cloning it (a state's copy of the options it is opened with) shares the
/// values until either side sets one (copy on write), so opening a state copies nothing. An
/// object with no value set allocates nothing (`values` is `None` until the first set), and a
/// `nonce` of at most [`INLINE_NONCE_LEN`] bytes is kept inline: an options object carrying
/// only a nonce, the AEAD case, is set and copied without an allocation or an atomic count.
#[derive(Clone)]
pub(crate) struct Options {
    alg_type: AlgorithmType,
    /// The `nonce` option when it is set and short; a longer one is in `values`.
    nonce: Option<InlineNonce>,
    values: Option<Arc<BTreeMap<&'static str, OptionValue>>>,
}

impl std::fmt::Debug for Options {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut names: Vec<&str> = self.names().collect();
        names.sort_unstable();
        write!(f, "Options({:?}, set: {names:?})", self.alg_type)
    }
}

/// The map of an options object with nothing set.
static NO_VALUES: BTreeMap<&str, OptionValue> = BTreeMap::new();

/// The name of the option kept inline when short.
const NONCE: &str = "nonce";

impl Options {
    pub(crate) fn new(alg_type: AlgorithmType) -> Self {
        Options {
            alg_type,
            nonce: None,
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

    /// Bytes held by byte-valued options (their values) outside the object: an inline nonce
    /// counts nothing.
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

    /// Whether setting byte option `name` to `len` bytes keeps the value inside the object,
    /// so that it needs no room in the memory budget beyond the object's own.
    pub(crate) fn stores_inline(name: &str, len: usize) -> bool {
        len <= INLINE_NONCE_LEN && name.eq_ignore_ascii_case(NONCE)
    }

    pub(crate) fn set(&mut self, name: &str, value: &[u8]) -> Result<()> {
        let name = self.canonical_name(name, ValueType::Bytes)?;
        if name == NONCE {
            if Self::stores_inline(name, value.len()) {
                self.nonce = Some(InlineNonce::new(value));
                // A long nonce set before is replaced.
                if self.values().contains_key(NONCE) {
                    self.values_mut().remove(NONCE);
                }
                return Ok(());
            }
            self.nonce = None;
        }
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
        if let (NONCE, Some(nonce)) = (name, &self.nonce) {
            return Ok(nonce.get());
        }
        match self.values().get(name) {
            Some(OptionValue::Bytes(b)) => Ok(b),
            _ => Err(CryptoError::OptionNotSet),
        }
    }

    /// The names of the options that are set.
    pub(crate) fn names(&self) -> impl Iterator<Item = &'static str> + '_ {
        let inline = self.nonce.as_ref().map(|_| NONCE);
        inline.into_iter().chain(self.values().keys().copied())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::CryptoCtx;

    #[test]
    fn a_short_nonce_is_inline_and_a_long_one_replaces_it() {
        let mut options = Options::new(AlgorithmType::Symmetric);
        options.set("nonce", &[1; 12]).unwrap();
        assert_eq!(options.get("NONCE").unwrap(), &[1; 12]);
        assert_eq!(options.value_bytes(), 0);
        options.set("nonce", &[2; 40]).unwrap();
        assert_eq!(options.get("nonce").unwrap(), &[2; 40]);
        assert_eq!(options.value_bytes(), 40);
        options.set("nonce", &[3; 32]).unwrap();
        assert_eq!(options.get("nonce").unwrap(), &[3; 32]);
        assert_eq!(options.value_bytes(), 0);
        options.set("context", b"ctx").unwrap();
        let mut names: Vec<_> = options.names().collect();
        names.sort_unstable();
        assert_eq!(names, ["context", "nonce"]);
        assert_eq!(
            format!("{options:?}"),
            r#"Options(Symmetric, set: ["context", "nonce"])"#
        );
    }

    #[test]
    fn a_copy_keeps_its_nonce_when_the_original_changes() {
        let mut options = Options::new(AlgorithmType::Symmetric);
        options.set("nonce", &[7; 12]).unwrap();
        let copy = options.clone();
        options.set("nonce", &[8; 12]).unwrap();
        assert_eq!(copy.get("nonce").unwrap(), &[7; 12]);
        assert_eq!(options.get("nonce").unwrap(), &[8; 12]);
    }

    #[test]
    fn nonce_errors_are_unchanged() {
        let mut signatures = Options::new(AlgorithmType::Signatures);
        assert_eq!(
            signatures.set("nonce", &[0; 12]),
            Err(CryptoError::UnsupportedOption)
        );
        let options = Options::new(AlgorithmType::Symmetric);
        assert_eq!(options.get("nonce"), Err(CryptoError::OptionNotSet));
    }

    #[test]
    fn an_inline_nonce_takes_no_budget_and_a_long_one_is_given_back() {
        let mut ctx = CryptoCtx::new();
        let options = ctx.options_open(AlgorithmType::Symmetric).unwrap();
        let baseline = ctx.memory_in_use();
        ctx.options_set(options, "nonce", &[1; 12]).unwrap();
        assert_eq!(ctx.memory_in_use(), baseline);
        ctx.options_set(options, "nonce", &[2; 4096]).unwrap();
        assert!(ctx.memory_in_use() >= baseline + 4096);
        ctx.options_set(options, "nonce", &[3; 24]).unwrap();
        assert_eq!(ctx.memory_in_use(), baseline);
        ctx.options_close(options).unwrap();
        assert_eq!(
            ctx.options_set(options, "nonce", &[1; 12]),
            Err(CryptoError::InvalidHandle)
        );
    }
}
