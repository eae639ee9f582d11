//! Algorithm name tables: the proposal's spellings, matched case-insensitively.
//!
//! A table keeps the proposal's order (listings and [`name_of`] use it); lookups by name go
//! through a [`NameIndex`], a hash map from the ASCII-uppercased name, so parsing a name is one
//! hash and one comparison rather than a scan of every entry (`symmetric_state_open` parses one
//! per call, and a case-insensitive scan of the 50 symmetric names was a tenth of a 64-byte
//! AES-GCM message's host time).

use std::collections::HashMap;

use rustc_hash::FxBuildHasher;

use crate::error::{CryptoError, Result};

/// The longest name a [`NameIndex`] holds, in bytes: a longer input is not looked up at all
/// (the longest of the proposal's names is 21 bytes).
const MAX_NAME_LEN: usize = 48;

/// A table's entries by ASCII-uppercased name; built once per table (a `LazyLock` static
/// beside it).
pub(crate) struct NameIndex<T> {
    by_name: HashMap<Box<[u8]>, T, FxBuildHasher>,
}

impl<T: Copy> NameIndex<T> {
    /// The index of `table`.
    ///
    /// # Panics
    /// If two names are equal ignoring ASCII case, or one is longer than 48 bytes: a defect of
    /// the table (each table's round trip is tested).
    pub(crate) fn new(table: &[(&'static str, T)]) -> Self {
        let mut by_name = HashMap::with_capacity_and_hasher(table.len(), FxBuildHasher);
        for &(name, alg) in table {
            assert!(
                name.len() <= MAX_NAME_LEN,
                "algorithm name too long: {name}"
            );
            let key = name.to_ascii_uppercase().into_bytes().into_boxed_slice();
            assert!(by_name.insert(key, alg).is_none(), "{name} listed twice");
        }
        NameIndex { by_name }
    }

    /// The algorithm named `name`, ignoring ASCII case; `unsupported_algorithm` otherwise.
    pub(crate) fn find(&self, name: &str) -> Result<T> {
        let mut upper = [0u8; MAX_NAME_LEN];
        let upper = upper
            .get_mut(..name.len())
            .ok_or(CryptoError::UnsupportedAlgorithm)?;
        upper.copy_from_slice(name.as_bytes());
        upper.make_ascii_uppercase();
        self.by_name
            .get(&*upper)
            .copied()
            .ok_or(CryptoError::UnsupportedAlgorithm)
    }
}

/// The longest name a [`Recent`] remembers, in bytes (every symmetric name fits).
const RECENT_LEN: usize = 24;

/// The last name one context looked up in a [`NameIndex`], spelled exactly as the guest did,
/// with its algorithm: a guest opens the same algorithm message after message, and comparing
/// those bytes is a fraction of the index's uppercase-and-hash lookup (which was about a ninth of
/// a 64-byte SHA-256 message's host time).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Recent<T> {
    name: [u8; RECENT_LEN],
    len: usize,
    alg: Option<T>,
}

impl<T> Default for Recent<T> {
    fn default() -> Self {
        Recent {
            name: [0; RECENT_LEN],
            len: 0,
            alg: None,
        }
    }
}

impl<T: Copy> Recent<T> {
    /// `index.find(name)`, answered from the last name found when it is the same bytes (the
    /// index's answer for them cannot change). A name not found is not remembered.
    pub(crate) fn find(&mut self, index: &NameIndex<T>, name: &str) -> Result<T> {
        if let Some(alg) = self.alg
            && self.name.get(..self.len) == Some(name.as_bytes())
        {
            return Ok(alg);
        }
        let alg = index.find(name)?;
        if let Some(slot) = self.name.get_mut(..name.len()) {
            slot.copy_from_slice(name.as_bytes());
            self.len = name.len();
            self.alg = Some(alg);
        }
        Ok(alg)
    }
}

/// The proposal's spelling of `alg` in `table`.
pub(crate) fn name_of<T: Copy + PartialEq>(table: &[(&'static str, T)], alg: T) -> &'static str {
    table
        .iter()
        .find(|(_, a)| *a == alg)
        .map_or("?", |(n, _)| n)
}

#[cfg(test)]
mod tests {
    use crate::error::CryptoError;
    use crate::kx::KxAlgorithm;
    use crate::signatures::SignatureAlgorithm;
    use crate::symmetric::SymmetricAlgorithm;

    /// Every name of a table parses back to its algorithm in any ASCII case (two names equal
    /// ignoring case would fail this for one of them), and near misses are not found.
    fn round_trips<T: Copy + PartialEq + std::fmt::Debug>(
        all: impl Iterator<Item = T>,
        name: impl Fn(T) -> &'static str,
        parse: impl Fn(&str) -> crate::error::Result<T>,
    ) -> usize {
        let mut n = 0;
        for alg in all {
            let spelled = name(alg);
            assert_eq!(parse(spelled), Ok(alg), "{spelled}");
            assert_eq!(parse(&spelled.to_ascii_lowercase()), Ok(alg), "{spelled}");
            assert_eq!(parse(&spelled.to_ascii_uppercase()), Ok(alg), "{spelled}");
            for miss in [
                format!("{spelled}x"),
                format!(" {spelled}"),
                format!("{}#", &spelled[..spelled.len() - 1]),
            ] {
                assert_eq!(
                    parse(&miss),
                    Err(CryptoError::UnsupportedAlgorithm),
                    "{miss}"
                );
            }
            n += 1;
        }
        n
    }

    #[test]
    fn recent_answers_as_the_index_does() {
        let index = super::NameIndex::new(&[("AES-128-GCM", 1u8), ("SHA-256", 2)]);
        let mut recent = super::Recent::default();
        for (name, want) in [
            ("SHA-256", Ok(2)),
            ("SHA-256", Ok(2)),
            ("sha-256", Ok(2)),
            ("SHA-2567", Err(CryptoError::UnsupportedAlgorithm)),
            ("SHA-25", Err(CryptoError::UnsupportedAlgorithm)),
            ("", Err(CryptoError::UnsupportedAlgorithm)),
            ("SHA-256", Ok(2)),
            ("aes-128-gcm", Ok(1)),
            ("AES-128-GCM", Ok(1)),
            ("SHA-256", Ok(2)),
            (
                "SHA-256-but-longer-than-24-bytes",
                Err(CryptoError::UnsupportedAlgorithm),
            ),
        ] {
            assert_eq!(recent.find(&index, name), want, "{name}");
        }
    }

    #[test]
    fn every_algorithm_name_parses_back_in_any_case() {
        let sym = round_trips(
            SymmetricAlgorithm::all(),
            SymmetricAlgorithm::name,
            SymmetricAlgorithm::from_name,
        );
        let kx = round_trips(
            KxAlgorithm::all(),
            KxAlgorithm::name,
            KxAlgorithm::from_name,
        );
        let sig = round_trips(
            SignatureAlgorithm::all(),
            SignatureAlgorithm::name,
            SignatureAlgorithm::from_name,
        );
        assert!(sym > 40 && kx > 3 && sig > 10, "{sym} {kx} {sig}");
        for empty in [
            SymmetricAlgorithm::from_name("").err(),
            KxAlgorithm::from_name("").err(),
        ] {
            assert_eq!(empty, Some(CryptoError::UnsupportedAlgorithm));
        }
    }
}
