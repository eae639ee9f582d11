//! `wasi_ephemeral_crypto_symmetric`: algorithms, keys, states and tags.
//!
//! One file per family: `hash` (SHA-2), `mac` (HMAC), `hkdf` (HKDF extract / expand) and
//! `aead` (AES-GCM, ChaCha20-Poly1305, XChaCha20-Poly1305). Every family implements `StateOps`;
//! an operation a family does not have is `invalid_operation` through the trait's defaults.

mod aead;
mod hash;
mod hkdf;
mod mac;

use zeroize::Zeroizing;

use crate::error::{CryptoError, Result};
use crate::options::{AlgorithmType, Options};

pub use aead::AeadAlgorithm;
pub use hash::HashFunction;

/// A symmetric algorithm of this host, named as the proposal spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SymmetricAlgorithm {
    /// `SHA-256`, `SHA-384`, `SHA-512`, `SHA-512/256` (FIPS 180-4).
    Hash(HashFunction),
    /// `HMAC/SHA-256`, `HMAC/SHA-384`, `HMAC/SHA-512` (RFC 2104).
    Hmac(HashFunction),
    /// `HKDF-EXTRACT/SHA-256|384|512` (RFC 5869 §2.2): key = IKM, absorb = salt.
    HkdfExtract(HashFunction),
    /// `HKDF-EXPAND/SHA-256|384|512` (RFC 5869 §2.3): key = PRK, absorb = info.
    HkdfExpand(HashFunction),
    /// `AES-128-GCM`, `AES-256-GCM`, `CHACHA20-POLY1305`, `XCHACHA20-POLY1305`.
    Aead(AeadAlgorithm),
}

use HashFunction::{Sha256, Sha384, Sha512, Sha512_256};
use SymmetricAlgorithm as Alg;

/// Every supported name, in the proposal's spelling (matched case-insensitively).
const ALGORITHMS: &[(&str, SymmetricAlgorithm)] = &[
    ("SHA-256", Alg::Hash(Sha256)),
    ("SHA-384", Alg::Hash(Sha384)),
    ("SHA-512", Alg::Hash(Sha512)),
    ("SHA-512/256", Alg::Hash(Sha512_256)),
    ("HMAC/SHA-256", Alg::Hmac(Sha256)),
    ("HMAC/SHA-384", Alg::Hmac(Sha384)),
    ("HMAC/SHA-512", Alg::Hmac(Sha512)),
    ("HKDF-EXTRACT/SHA-256", Alg::HkdfExtract(Sha256)),
    ("HKDF-EXTRACT/SHA-384", Alg::HkdfExtract(Sha384)),
    ("HKDF-EXTRACT/SHA-512", Alg::HkdfExtract(Sha512)),
    ("HKDF-EXPAND/SHA-256", Alg::HkdfExpand(Sha256)),
    ("HKDF-EXPAND/SHA-384", Alg::HkdfExpand(Sha384)),
    ("HKDF-EXPAND/SHA-512", Alg::HkdfExpand(Sha512)),
    ("AES-128-GCM", Alg::Aead(AeadAlgorithm::Aes128Gcm)),
    ("AES-256-GCM", Alg::Aead(AeadAlgorithm::Aes256Gcm)),
    (
        "CHACHA20-POLY1305",
        Alg::Aead(AeadAlgorithm::ChaCha20Poly1305),
    ),
    (
        "XCHACHA20-POLY1305",
        Alg::Aead(AeadAlgorithm::XChaCha20Poly1305),
    ),
];

/// What keys an algorithm takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyRule {
    /// Unkeyed (hashes): a key is `key_not_supported`.
    None,
    /// Any length, including empty (HMAC keys, HKDF input keying material).
    Any,
    /// At least this many bytes (an HKDF PRK is at least HashLen).
    AtLeast(usize),
    /// Exactly this many bytes (AEAD keys).
    Exact(usize),
}

impl SymmetricAlgorithm {
    /// Parses a proposal algorithm name, case-insensitively; `unsupported_algorithm` otherwise.
    pub fn from_name(name: &str) -> Result<Self> {
        crate::names::find(ALGORITHMS, name)
    }

    /// The proposal's spelling of this algorithm's name.
    pub fn name(self) -> &'static str {
        crate::names::name_of(ALGORITHMS, self)
    }

    fn key_rule(self) -> KeyRule {
        match self {
            Alg::Hash(_) => KeyRule::None,
            Alg::Hmac(_) | Alg::HkdfExtract(_) => KeyRule::Any,
            Alg::HkdfExpand(h) => KeyRule::AtLeast(h.output_len()),
            Alg::Aead(a) => KeyRule::Exact(a.key_len()),
        }
    }

    /// Length in bytes of a key made by `symmetric_key_generate`: the AEAD key size, or HashLen.
    fn generated_key_len(self) -> Result<usize> {
        match self {
            Alg::Hash(_) => Err(CryptoError::KeyNotSupported),
            Alg::Hmac(h) | Alg::HkdfExtract(h) | Alg::HkdfExpand(h) => Ok(h.output_len()),
            Alg::Aead(a) => Ok(a.key_len()),
        }
    }
}

/// A symmetric key: raw bytes bound to one algorithm, wiped on drop.
pub struct SymmetricKey {
    alg: SymmetricAlgorithm,
    raw: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for SymmetricKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "SymmetricKey({}, {} bytes)",
            self.alg.name(),
            self.raw.len()
        )
    }
}

impl SymmetricKey {
    /// Imports raw key bytes for `alg`: `key_not_supported` for unkeyed algorithms, `invalid_key`
    /// for a length the algorithm does not accept.
    pub(crate) fn import(alg: SymmetricAlgorithm, raw: &[u8]) -> Result<Self> {
        let ok = match alg.key_rule() {
            KeyRule::None => return Err(CryptoError::KeyNotSupported),
            KeyRule::Any => true,
            KeyRule::AtLeast(n) => raw.len() >= n,
            KeyRule::Exact(n) => raw.len() == n,
        };
        if !ok {
            return Err(CryptoError::InvalidKey);
        }
        Ok(SymmetricKey {
            alg,
            raw: Zeroizing::new(raw.to_vec()),
        })
    }

    /// A fresh random key of the algorithm's natural length.
    pub(crate) fn generate(alg: SymmetricAlgorithm) -> Result<Self> {
        let mut raw = Zeroizing::new(vec![0u8; alg.generated_key_len()?]);
        crate::rng::fill(&mut raw)?;
        Ok(SymmetricKey { alg, raw })
    }

    pub(crate) fn alg(&self) -> SymmetricAlgorithm {
        self.alg
    }

    pub(crate) fn raw(&self) -> &[u8] {
        &self.raw
    }
}

/// An authentication tag, compared in constant time and wiped on drop.
pub struct SymmetricTag {
    raw: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for SymmetricTag {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SymmetricTag({} bytes)", self.raw.len())
    }
}

impl SymmetricTag {
    pub(crate) fn new(raw: Vec<u8>) -> Self {
        SymmetricTag {
            raw: Zeroizing::new(raw),
        }
    }

    pub(crate) fn raw(&self) -> &[u8] {
        &self.raw
    }

    /// Constant-time comparison with `expected`; `invalid_tag` on any mismatch, length included.
    pub(crate) fn verify(&self, expected: &[u8]) -> Result<()> {
        use subtle::ConstantTimeEq;
        if self.raw.len() == expected.len() && bool::from(self.raw.ct_eq(expected)) {
            Ok(())
        } else {
            Err(CryptoError::InvalidTag)
        }
    }
}

/// Operations of a symmetric state. Defaults are `invalid_operation`: each family overrides only
/// what it supports.
pub(crate) trait StateOps {
    fn absorb(&mut self, _data: &[u8]) -> Result<()> {
        Err(CryptoError::InvalidOperation)
    }
    /// Bytes `absorb` still accepts (states that buffer their input are bounded).
    fn absorb_room(&self) -> usize {
        usize::MAX
    }
    fn squeeze(&mut self, _out: &mut [u8]) -> Result<()> {
        Err(CryptoError::InvalidOperation)
    }
    /// The most bytes `squeeze` can produce (longer is `invalid_length`); `None` when the state
    /// does not squeeze.
    fn max_squeeze_len(&self) -> Option<usize> {
        None
    }
    fn squeeze_tag(&mut self) -> Result<Vec<u8>> {
        Err(CryptoError::InvalidOperation)
    }
    fn squeeze_key(&mut self, _target: SymmetricAlgorithm) -> Result<SymmetricKey> {
        Err(CryptoError::InvalidOperation)
    }
    fn max_tag_len(&self) -> Result<usize> {
        Err(CryptoError::InvalidOperation)
    }
    fn ratchet(&mut self) -> Result<()> {
        Err(CryptoError::InvalidOperation)
    }
}

// A state is boxed in the handle table, so the size spread between families costs nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Clone)]
enum Family {
    Hash(hash::HashState),
    Hmac(mac::HmacState),
    HkdfExtract(hkdf::ExtractState),
    HkdfExpand(hkdf::ExpandState),
    Aead(aead::AeadState),
}

/// A symmetric state (`symmetric_state_open`): the algorithm, a copy of its options and the
/// family's running state.
#[derive(Clone)]
pub struct SymmetricState {
    alg: SymmetricAlgorithm,
    options: Options,
    family: Family,
}

impl std::fmt::Debug for SymmetricState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SymmetricState({})", self.alg.name())
    }
}

impl SymmetricState {
    /// Opens a state. Key rules: unkeyed algorithm + key → `key_not_supported`; keyed algorithm
    /// without key → `key_required`; key of another algorithm → `invalid_key`. AEAD nonce rules are
    /// in [`aead`].
    pub(crate) fn open(
        alg: SymmetricAlgorithm,
        key: Option<&SymmetricKey>,
        options: Option<Options>,
        absorb_limit: &crate::absorbed::AbsorbLimit,
    ) -> Result<Self> {
        let key = match (alg.key_rule(), key) {
            (KeyRule::None, Some(_)) => return Err(CryptoError::KeyNotSupported),
            (KeyRule::None, None) => None,
            (_, None) => return Err(CryptoError::KeyRequired),
            (_, Some(k)) if k.alg() != alg => return Err(CryptoError::InvalidKey),
            (_, Some(k)) => Some(k.raw()),
        };
        let key = key.unwrap_or_default();
        let family = match alg {
            Alg::Hash(h) => Family::Hash(hash::HashState::new(h)),
            Alg::Hmac(h) => Family::Hmac(mac::HmacState::new(h, key)?),
            Alg::HkdfExtract(h) => {
                Family::HkdfExtract(hkdf::ExtractState::new(h, key, absorb_limit))
            }
            Alg::HkdfExpand(h) => Family::HkdfExpand(hkdf::ExpandState::new(h, key, absorb_limit)?),
            Alg::Aead(a) => {
                let nonce = match options.as_ref().map(|o| o.get("nonce")) {
                    None | Some(Err(CryptoError::OptionNotSet)) => None,
                    Some(Ok(nonce)) => Some(nonce),
                    Some(Err(e)) => return Err(e),
                };
                Family::Aead(aead::AeadState::new(a, key, nonce, absorb_limit)?)
            }
        };
        let options = options.unwrap_or_else(|| Options::new(AlgorithmType::Symmetric));
        Ok(SymmetricState {
            alg,
            options,
            family,
        })
    }

    /// Bytes of the state's copy of its options.
    pub(crate) fn options_bytes(&self) -> usize {
        self.options.value_bytes()
    }

    /// Budget bytes the state's buffered input holds ([`Absorbed::reserved`]): what its
    /// [`deep_clone`](Self::deep_clone) adds to the budget, beyond the object itself.
    ///
    /// [`Absorbed::reserved`]: crate::absorbed::Absorbed::reserved
    pub(crate) fn absorbed_reserved(&self) -> usize {
        match &self.family {
            Family::Hash(_) | Family::Hmac(_) => 0,
            Family::HkdfExtract(s) => s.absorbed().reserved(),
            Family::HkdfExpand(s) => s.absorbed().reserved(),
            Family::Aead(s) => s.absorbed().reserved(),
        }
    }

    /// A deep, independent copy (`symmetric_state_clone`). An AEAD copy can decrypt but never
    /// encrypt under the original's nonce: a nonce is used for at most one encryption.
    pub(crate) fn deep_clone(&self) -> Self {
        let mut copy = self.clone();
        if let Family::Aead(a) = &mut copy.family {
            a.consume_nonce();
        }
        copy
    }

    /// `symmetric_state_options_get`: a byte option the state was opened with.
    pub(crate) fn options_get(&self, name: &str) -> Result<&[u8]> {
        self.options.get(name)
    }

    /// `symmetric_state_options_get_u64`: a `u64` option the state was opened with.
    pub(crate) fn options_get_u64(&self, name: &str) -> Result<u64> {
        self.options.get_u64(name)
    }

    pub(crate) fn ops(&mut self) -> &mut dyn StateOps {
        match &mut self.family {
            Family::Hash(s) => s,
            Family::Hmac(s) => s,
            Family::HkdfExtract(s) => s,
            Family::HkdfExpand(s) => s,
            Family::Aead(s) => s,
        }
    }

    /// The AEAD state; `invalid_operation` for every other family.
    fn aead(&mut self) -> Result<&mut aead::AeadState> {
        match &mut self.family {
            Family::Aead(a) => Ok(a),
            _ => Err(CryptoError::InvalidOperation),
        }
    }

    /// `symmetric_state_encrypt`: writes ciphertext ‖ tag into `out` and returns its length;
    /// `overflow` if `out` is shorter than `data.len() + 16`.
    pub(crate) fn encrypt(&mut self, out: &mut [u8], data: &[u8]) -> Result<usize> {
        let aead = self.aead()?;
        aead.check_encrypt()?;
        let total = data
            .len()
            .checked_add(aead::TAG_LEN)
            .ok_or(CryptoError::Overflow)?;
        let out = out.get_mut(..total).ok_or(CryptoError::Overflow)?;
        let (ct, tag_out) = out.split_at_mut(data.len());
        ct.copy_from_slice(data);
        let tag = aead.encrypt_detached(ct)?;
        tag_out.copy_from_slice(&tag);
        Ok(total)
    }

    /// `symmetric_state_encrypt_detached`: writes the ciphertext into `out` and returns the tag;
    /// `overflow` if `out` is shorter than `data`.
    pub(crate) fn encrypt_detached(&mut self, out: &mut [u8], data: &[u8]) -> Result<Vec<u8>> {
        let aead = self.aead()?;
        aead.check_encrypt()?;
        let ct = out.get_mut(..data.len()).ok_or(CryptoError::Overflow)?;
        ct.copy_from_slice(data);
        aead.encrypt_detached(ct)
    }

    /// `symmetric_state_decrypt`: `data` is ciphertext ‖ tag; writes the plaintext into `out` and
    /// returns its length. Input shorter than a tag, or a wrong tag → `invalid_tag`, `out` zeroed.
    pub(crate) fn decrypt(&mut self, out: &mut [u8], data: &[u8]) -> Result<usize> {
        self.aead()?;
        let Some(ct_len) = data.len().checked_sub(aead::TAG_LEN) else {
            zeroize::Zeroize::zeroize(out);
            return Err(CryptoError::InvalidTag);
        };
        let (ct, tag) = data.split_at(ct_len);
        self.decrypt_detached(out, ct, tag)
    }

    /// `symmetric_state_decrypt_detached`: verifies `tag` over `ct` and writes the plaintext into
    /// `out`; `overflow` if `out` is shorter than `ct`; `invalid_tag` (with `out` zeroed) on failure.
    pub(crate) fn decrypt_detached(
        &mut self,
        out: &mut [u8],
        ct: &[u8],
        tag: &[u8],
    ) -> Result<usize> {
        let aead = self.aead()?;
        if let Err(e) = aead.check_decrypt(tag.len()) {
            if e == CryptoError::InvalidTag {
                zeroize::Zeroize::zeroize(&mut *out);
            }
            return Err(e);
        }
        let pt = out.get_mut(..ct.len()).ok_or(CryptoError::Overflow)?;
        pt.copy_from_slice(ct);
        match aead.decrypt_detached(pt, tag) {
            Ok(()) => Ok(ct.len()),
            Err(e) => {
                zeroize::Zeroize::zeroize(out);
                Err(e)
            }
        }
    }
}
