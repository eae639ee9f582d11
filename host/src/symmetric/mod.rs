//! `wasi_ephemeral_crypto_symmetric`: algorithms, keys, states and tags.
//!
//! One file per family: `hash` (SHA-2, SHA-3, BLAKE2), `xof` (SHAKE, cSHAKE, TurboSHAKE, BLAKE3),
//! `mac` (HMAC, KMAC, AES-CMAC), `hkdf` (HKDF extract / expand) and `aead` (AES-GCM,
//! ChaCha20-Poly1305, XChaCha20-Poly1305, AES-GCM-SIV). Every family implements `StateOps`; an
//! operation a family does not have is `invalid_operation` through the trait's defaults.

mod aead;
mod aegis;
mod cipher;
mod hash;
mod hkdf;
mod mac;
mod password;
mod session;
mod xof;

use std::ops::Range;
use std::sync::Arc;

use zeroize::Zeroizing;

use crate::error::{CryptoError, Result};
use crate::options::{AlgorithmType, Options};
use aead::AeadIo;

pub use aead::AeadAlgorithm;
pub use cipher::CipherAlgorithm;
pub use hash::HashFunction;
pub use mac::MacAlgorithm;
pub use password::{PasswordHashAlgorithm, PasswordHashLimits};
pub use session::SessionAlgorithm;
pub use xof::XofAlgorithm;

/// A symmetric algorithm of this host, named as the proposal spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SymmetricAlgorithm {
    /// `SHA-256`, `SHA-384`, `SHA-512`, `SHA-512/256` (FIPS 180-4), `SHA3-*` (FIPS 202),
    /// `BLAKE2B-256`, `BLAKE2B-512`, `BLAKE2S-256` (RFC 7693).
    Hash(HashFunction),
    /// `SHAKE-*`, `CSHAKE-*` (FIPS 202, SP 800-185), `TURBOSHAKE-*` (RFC 9861), `BLAKE3`.
    Xof(XofAlgorithm),
    /// `HMAC/SHA-256|384|512`, `HMAC/SHA3-256|512` (RFC 2104), `KMAC-128|256` (SP 800-185),
    /// `AES-128-CMAC`, `AES-256-CMAC` (RFC 4493).
    Mac(MacAlgorithm),
    /// `HKDF-EXTRACT/SHA-256|384|512` (RFC 5869 §2.2): key = IKM, absorb = salt.
    HkdfExtract(HashFunction),
    /// `HKDF-EXPAND/SHA-256|384|512` (RFC 5869 §2.3): key = PRK, absorb = info.
    HkdfExpand(HashFunction),
    /// `AES-128-GCM`, `AES-256-GCM`, `CHACHA20-POLY1305`, `XCHACHA20-POLY1305`,
    /// `AES-128-GCM-SIV`, `AES-256-GCM-SIV`.
    Aead(AeadAlgorithm),
    /// `ARGON2-ID-13`, `ARGON2-I-13`, `ARGON2-D-13` (RFC 9106), `PBKDF2-HMAC/SHA-256`,
    /// `PBKDF2-HMAC/SHA-512` (RFC 8018).
    PasswordHash(PasswordHashAlgorithm),
    /// `AES-128-CTR`, `AES-256-CTR`, `AES-128-CBC`, `AES-256-CBC` (SP 800-38A; CBC with PKCS#7
    /// padding): unauthenticated.
    Cipher(CipherAlgorithm),
    /// `XOODYAK-128`, `XOODYAK-160`: the Xoodyak session (hash or keyed mode).
    Session(SessionAlgorithm),
}

use HashFunction::{
    Blake2b256, Blake2b512, Blake2s256, Sha3_224, Sha3_256, Sha3_384, Sha3_512, Sha256, Sha384,
    Sha512, Sha512_256,
};
use SymmetricAlgorithm as Alg;

/// Every supported name, in the proposal's spelling (matched case-insensitively).
const ALGORITHMS: &[(&str, SymmetricAlgorithm)] = &[
    ("SHA-256", Alg::Hash(Sha256)),
    ("SHA-384", Alg::Hash(Sha384)),
    ("SHA-512", Alg::Hash(Sha512)),
    ("SHA-512/256", Alg::Hash(Sha512_256)),
    ("SHA3-224", Alg::Hash(Sha3_224)),
    ("SHA3-256", Alg::Hash(Sha3_256)),
    ("SHA3-384", Alg::Hash(Sha3_384)),
    ("SHA3-512", Alg::Hash(Sha3_512)),
    ("BLAKE2B-256", Alg::Hash(Blake2b256)),
    ("BLAKE2B-512", Alg::Hash(Blake2b512)),
    ("BLAKE2S-256", Alg::Hash(Blake2s256)),
    ("SHAKE-128", Alg::Xof(XofAlgorithm::Shake128)),
    ("SHAKE-256", Alg::Xof(XofAlgorithm::Shake256)),
    ("CSHAKE-128", Alg::Xof(XofAlgorithm::CShake128)),
    ("CSHAKE-256", Alg::Xof(XofAlgorithm::CShake256)),
    ("TURBOSHAKE-128", Alg::Xof(XofAlgorithm::TurboShake128)),
    ("TURBOSHAKE-256", Alg::Xof(XofAlgorithm::TurboShake256)),
    ("BLAKE3", Alg::Xof(XofAlgorithm::Blake3)),
    ("HMAC/SHA-256", Alg::Mac(MacAlgorithm::Hmac(Sha256))),
    ("HMAC/SHA-384", Alg::Mac(MacAlgorithm::Hmac(Sha384))),
    ("HMAC/SHA-512", Alg::Mac(MacAlgorithm::Hmac(Sha512))),
    ("HMAC/SHA3-256", Alg::Mac(MacAlgorithm::Hmac(Sha3_256))),
    ("HMAC/SHA3-512", Alg::Mac(MacAlgorithm::Hmac(Sha3_512))),
    ("KMAC-128", Alg::Mac(MacAlgorithm::Kmac128)),
    ("KMAC-256", Alg::Mac(MacAlgorithm::Kmac256)),
    ("AES-128-CMAC", Alg::Mac(MacAlgorithm::Aes128Cmac)),
    ("AES-256-CMAC", Alg::Mac(MacAlgorithm::Aes256Cmac)),
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
    ("AES-128-GCM-SIV", Alg::Aead(AeadAlgorithm::Aes128GcmSiv)),
    ("AES-256-GCM-SIV", Alg::Aead(AeadAlgorithm::Aes256GcmSiv)),
    ("AEGIS-128L", Alg::Aead(AeadAlgorithm::Aegis128L)),
    ("AEGIS-256", Alg::Aead(AeadAlgorithm::Aegis256)),
    ("XOODYAK-128", Alg::Session(SessionAlgorithm::Xoodyak128)),
    ("XOODYAK-160", Alg::Session(SessionAlgorithm::Xoodyak160)),
    ("AES-128-CTR", Alg::Cipher(CipherAlgorithm::Aes128Ctr)),
    ("AES-256-CTR", Alg::Cipher(CipherAlgorithm::Aes256Ctr)),
    ("AES-128-CBC", Alg::Cipher(CipherAlgorithm::Aes128Cbc)),
    ("AES-256-CBC", Alg::Cipher(CipherAlgorithm::Aes256Cbc)),
    (
        "ARGON2-ID-13",
        Alg::PasswordHash(PasswordHashAlgorithm::Argon2id),
    ),
    (
        "ARGON2-I-13",
        Alg::PasswordHash(PasswordHashAlgorithm::Argon2i),
    ),
    (
        "ARGON2-D-13",
        Alg::PasswordHash(PasswordHashAlgorithm::Argon2d),
    ),
    (
        "PBKDF2-HMAC/SHA-256",
        Alg::PasswordHash(PasswordHashAlgorithm::Pbkdf2Sha256),
    ),
    (
        "PBKDF2-HMAC/SHA-512",
        Alg::PasswordHash(PasswordHashAlgorithm::Pbkdf2Sha512),
    ),
];

/// [`ALGORITHMS`] by name, for `from_name`.
static INDEX: std::sync::LazyLock<crate::names::NameIndex<SymmetricAlgorithm>> =
    std::sync::LazyLock::new(|| crate::names::NameIndex::new(ALGORITHMS));

/// What keys an algorithm takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum KeyRule {
    /// Unkeyed (hashes): a key is `key_not_supported`.
    None,
    /// Any length, including empty (HMAC keys, HKDF input keying material).
    Any,
    /// At least this many bytes (an HKDF PRK is at least HashLen).
    AtLeast(usize),
    /// Exactly this many bytes (AEAD and CMAC keys).
    Exact(usize),
    /// No key, or a key of exactly this many bytes (BLAKE3: hash or keyed mode).
    Optional(usize),
    /// No key, or a key of any length the algorithm takes (Xoodyak: hash or keyed mode).
    OptionalAny,
}

impl SymmetricAlgorithm {
    /// Parses a proposal algorithm name, case-insensitively; `unsupported_algorithm` otherwise.
    pub fn from_name(name: &str) -> Result<Self> {
        INDEX.find(name)
    }

    /// [`from_name`](Self::from_name) through a context's memory of its last lookup.
    pub(crate) fn from_name_recent(
        name: &str,
        recent: &mut crate::names::Recent<Self>,
    ) -> Result<Self> {
        recent.find(&INDEX, name)
    }

    /// The proposal's spelling of this algorithm's name.
    pub fn name(self) -> &'static str {
        crate::names::name_of(ALGORITHMS, self)
    }

    /// Every symmetric algorithm of this host, in the order of the proposal's lists.
    pub(crate) fn all() -> impl Iterator<Item = Self> {
        ALGORITHMS.iter().map(|&(_, alg)| alg)
    }

    /// Whether the algorithm takes a key (`symmetric_key_*` applies to it).
    pub(crate) fn takes_key(self) -> bool {
        self.key_rule() != KeyRule::None
    }

    fn key_rule(self) -> KeyRule {
        match self {
            Alg::Hash(_) | Alg::PasswordHash(_) => KeyRule::None,
            Alg::Xof(XofAlgorithm::Blake3) => KeyRule::Optional(xof::BLAKE3_KEY_LEN),
            Alg::Xof(_) => KeyRule::None,
            Alg::Mac(m) => m.exact_key_len().map_or(KeyRule::Any, KeyRule::Exact),
            Alg::HkdfExtract(_) => KeyRule::Any,
            Alg::HkdfExpand(h) => KeyRule::AtLeast(h.output_len()),
            Alg::Aead(a) => KeyRule::Exact(a.key_len()),
            Alg::Cipher(c) => KeyRule::Exact(c.key_len()),
            Alg::Session(_) => KeyRule::OptionalAny,
        }
    }

    /// Length in bytes of a key made by `symmetric_key_generate`: the AEAD or CMAC key size,
    /// 32 for BLAKE3, KMAC's tag length, or HashLen.
    fn generated_key_len(self) -> Result<usize> {
        match self {
            Alg::Hash(_) | Alg::PasswordHash(_) => Err(CryptoError::KeyNotSupported),
            Alg::Xof(XofAlgorithm::Blake3) => Ok(xof::BLAKE3_KEY_LEN),
            Alg::Xof(_) => Err(CryptoError::KeyNotSupported),
            Alg::Mac(m) => Ok(m.generated_key_len()),
            Alg::HkdfExtract(h) | Alg::HkdfExpand(h) => Ok(h.output_len()),
            Alg::Aead(a) => Ok(a.key_len()),
            Alg::Cipher(c) => Ok(c.key_len()),
            Alg::Session(s) => Ok(s.generated_key_len()),
        }
    }
}

/// A symmetric key: raw bytes bound to one algorithm, wiped on drop.
pub struct SymmetricKey {
    alg: SymmetricAlgorithm,
    raw: Zeroizing<Vec<u8>>,
    /// An AEAD key's expanded cipher, made when the key is: every state opened with the key
    /// shares it instead of expanding the key again.
    cipher: Option<Arc<aead::Cipher>>,
    /// The identifier and version of a managed key (see [`crate::secrets`]).
    managed: Option<crate::secrets::Managed>,
    /// Whether `symmetric_key_export` may reveal the key (`prohibited_operation` otherwise).
    exportable: bool,
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
            KeyRule::Any | KeyRule::OptionalAny => true,
            KeyRule::AtLeast(n) => raw.len() >= n,
            KeyRule::Exact(n) | KeyRule::Optional(n) => raw.len() == n,
        };
        if !ok {
            return Err(CryptoError::InvalidKey);
        }
        Self::new(alg, Zeroizing::new(raw.to_vec()))
    }

    /// A fresh random key of the algorithm's natural length.
    pub(crate) fn generate(alg: SymmetricAlgorithm) -> Result<Self> {
        let mut raw = Zeroizing::new(vec![0u8; alg.generated_key_len()?]);
        crate::rng::fill(&mut raw)?;
        Self::new(alg, raw)
    }

    /// The key `raw` (of a length `alg` accepts), with its cipher for an AEAD.
    fn new(alg: SymmetricAlgorithm, raw: Zeroizing<Vec<u8>>) -> Result<Self> {
        let cipher = match alg {
            Alg::Aead(a) => Some(Arc::new(aead::Cipher::new(a, &raw)?)),
            _ => None,
        };
        Ok(SymmetricKey {
            alg,
            raw,
            cipher,
            managed: None,
            exportable: true,
        })
    }

    /// The same key, managed under `managed`, exportable only if `exportable`.
    pub(crate) fn into_managed(self, managed: crate::secrets::Managed, exportable: bool) -> Self {
        SymmetricKey {
            managed: Some(managed),
            exportable,
            ..self
        }
    }

    /// The same key, which `symmetric_key_export` refuses (`prohibited_operation`).
    pub(crate) fn into_sealed(self) -> Self {
        SymmetricKey {
            exportable: false,
            ..self
        }
    }

    /// A copy of the key under `managed` (the original, shared by states, stays as it is).
    pub(crate) fn managed_copy(&self, managed: crate::secrets::Managed, exportable: bool) -> Self {
        SymmetricKey {
            alg: self.alg,
            raw: self.raw.clone(),
            cipher: self.cipher.clone(),
            managed: Some(managed),
            exportable: exportable && self.exportable,
        }
    }

    /// The identifier and version of a managed key; `None` for a key the guest made or imported.
    pub(crate) fn managed(&self) -> Option<&crate::secrets::Managed> {
        self.managed.as_ref()
    }

    /// Whether the guest may export the key.
    pub(crate) fn exportable(&self) -> bool {
        self.exportable
    }

    /// Heap bytes the key holds: its bytes and an AEAD's expanded cipher.
    pub(crate) fn heap_bytes(&self) -> usize {
        let cipher = match self.cipher {
            Some(_) => std::mem::size_of::<aead::Cipher>(),
            None => 0,
        };
        self.raw.len() + cipher
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
    /// `true` when consecutive squeezes continue one output stream (XOFs): the glue may then
    /// squeeze a long request in chunks, straight into guest memory.
    fn squeeze_streams(&self) -> bool {
        false
    }
    /// Fuel beyond the per-byte charge that a squeeze of `out_len` bytes (or a tag) costs: the
    /// work of a password hash.
    fn work(&self, _out_len: usize) -> u64 {
        0
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
    Xof(xof::XofState),
    Mac(mac::MacState),
    HkdfExtract(hkdf::ExtractState),
    HkdfExpand(hkdf::ExpandState),
    Aead(aead::AeadState),
    Password(password::PasswordState),
    Cipher(cipher::CipherState),
    Session(session::SessionState),
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
    /// Opens a state, on the heap (the handle table holds it boxed). Key rules: unkeyed
    /// algorithm + key → `key_not_supported`; keyed algorithm without key → `key_required`; key
    /// of another algorithm → `invalid_key`. AEAD nonce rules are in [`aead`].
    pub(crate) fn open(
        alg: SymmetricAlgorithm,
        key: Option<&SymmetricKey>,
        options: Option<Options>,
        absorb_limit: &crate::absorbed::AbsorbLimit,
        password_limits: &PasswordHashLimits,
    ) -> Result<Box<Self>> {
        let key = match (alg.key_rule(), key) {
            (KeyRule::None, Some(_)) => return Err(CryptoError::KeyNotSupported),
            (KeyRule::None | KeyRule::Optional(_) | KeyRule::OptionalAny, None) => None,
            (_, None) => return Err(CryptoError::KeyRequired),
            (_, Some(k)) if k.alg() != alg => return Err(CryptoError::InvalidKey),
            (_, Some(k)) => Some(k),
        };
        let keyed = key.is_some();
        let cipher = key.and_then(|k| k.cipher.clone());
        let key = key.map(SymmetricKey::raw).unwrap_or_default();
        // A byte option of the state's options, or `None` when it was not set.
        let option = |name: &str| match options.as_ref().map(|o| o.get(name)) {
            None | Some(Err(CryptoError::OptionNotSet)) => Ok(None),
            Some(Ok(value)) => Ok(Some(value)),
            Some(Err(e)) => Err(e),
        };
        let family = match alg {
            Alg::Hash(h) => Family::Hash(hash::HashState::new(h)),
            Alg::Xof(x) => {
                let customization = match x {
                    XofAlgorithm::CShake128 | XofAlgorithm::CShake256 => option("context")?,
                    _ => None,
                };
                Family::Xof(xof::XofState::new(
                    x,
                    key,
                    customization.unwrap_or_default(),
                )?)
            }
            Alg::Mac(m) => {
                let customization = match m {
                    MacAlgorithm::Kmac128 | MacAlgorithm::Kmac256 => option("context")?,
                    _ => None,
                };
                Family::Mac(mac::MacState::new(
                    m,
                    key,
                    customization.unwrap_or_default(),
                )?)
            }
            Alg::HkdfExtract(h) => {
                Family::HkdfExtract(hkdf::ExtractState::new(h, key, absorb_limit))
            }
            Alg::HkdfExpand(h) => Family::HkdfExpand(hkdf::ExpandState::new(h, key, absorb_limit)?),
            Alg::Aead(a) => {
                let nonce = option("nonce")?;
                // The key is of this algorithm (checked above), so it has its cipher.
                let cipher = match cipher {
                    Some(c) => c,
                    None => Arc::new(aead::Cipher::new(a, key)?),
                };
                Family::Aead(aead::AeadState::new(cipher, nonce, absorb_limit)?)
            }
            Alg::Cipher(c) => Family::Cipher(cipher::CipherState::new(c, key, option("nonce")?)?),
            Alg::Session(_) => {
                let key = keyed.then_some(key);
                Family::Session(session::SessionState::new(key, option("nonce")?)?)
            }
            Alg::PasswordHash(p) => Family::Password(password::PasswordState::new(
                p,
                options.as_ref(),
                password_limits,
                absorb_limit,
            )?),
        };
        let options = options.unwrap_or_else(|| Options::new(AlgorithmType::Symmetric));
        // Boxed here, not by the caller: the state is written to the heap once, instead of
        // being copied out of a `Result` and then into the box (two copies of ~300 bytes
        // that `perf` showed as a tenth of a 64-byte AES-GCM message's host time).
        Ok(Box::new(SymmetricState {
            alg,
            options,
            family,
        }))
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
            Family::Hash(_)
            | Family::Xof(_)
            | Family::Mac(_)
            | Family::Cipher(_)
            | Family::Session(_) => 0,
            Family::HkdfExtract(s) => s.absorbed().reserved(),
            Family::HkdfExpand(s) => s.absorbed().reserved(),
            Family::Aead(s) => s.absorbed().reserved(),
            Family::Password(s) => s.absorbed().reserved(),
        }
    }

    /// A deep, independent copy (`symmetric_state_clone`). An AEAD copy can decrypt but never
    /// encrypt under the original's nonce: a nonce is used for at most one encryption.
    pub(crate) fn deep_clone(&self) -> Self {
        let mut copy = self.clone();
        match &mut copy.family {
            Family::Aead(a) => a.consume_nonce(),
            Family::Cipher(c) => c.consume_nonce(),
            _ => {}
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
            Family::Xof(s) => s,
            Family::Mac(s) => s,
            Family::HkdfExtract(s) => s,
            Family::HkdfExpand(s) => s,
            Family::Aead(s) => s,
            Family::Password(s) => s,
            Family::Cipher(s) => s,
            Family::Session(s) => s,
        }
    }

    /// Whether the state is an AEAD's (the only kind the async linker offloads: its output
    /// length is known before the work).
    pub(crate) fn is_aead(&self) -> bool {
        matches!(self.family, Family::Aead(_))
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
        match &mut self.family {
            Family::Cipher(c) => return c.encrypt(out, data),
            Family::Session(s) => return s.encrypt(out, data),
            _ => {}
        }
        let aead = self.aead()?;
        aead.check_encrypt()?;
        let total = data
            .len()
            .checked_add(aead::TAG_LEN)
            .ok_or(CryptoError::Overflow)?;
        let out = out.get_mut(..total).ok_or(CryptoError::Overflow)?;
        let (ct, tag_out) = out.split_at_mut(data.len());
        let io = AeadIo::Separate {
            input: data,
            output: ct,
        };
        tag_out.copy_from_slice(&aead.encrypt_detached(io)?);
        Ok(total)
    }

    /// [`encrypt`](Self::encrypt) within one memory `mem` (the guest's): the input is `data`, the
    /// output goes to `out`; the ranges may overlap. Same checks, in the same order.
    pub(crate) fn encrypt_within(
        &mut self,
        mem: &mut [u8],
        out: Range<usize>,
        data: Range<usize>,
    ) -> Result<usize> {
        match &mut self.family {
            Family::Cipher(c) => return c.encrypt_within(mem, out, data),
            Family::Session(s) => return s.encrypt_within(mem, out, data),
            _ => {}
        }
        let aead = self.aead()?;
        aead.check_encrypt()?;
        let total = data
            .len()
            .checked_add(aead::TAG_LEN)
            .ok_or(CryptoError::Overflow)?;
        if out.len() < total {
            return Err(CryptoError::Overflow);
        }
        let ct_len = data.len();
        let tag = aead.encrypt_detached(AeadIo::within(mem, data, out.start)?)?;
        let at = out.start + ct_len;
        mem.get_mut(at..at + aead::TAG_LEN)
            .ok_or(CryptoError::GuestError)?
            .copy_from_slice(&tag);
        Ok(total)
    }

    /// `symmetric_state_encrypt_detached`: writes the ciphertext into `out` and returns the tag;
    /// `overflow` if `out` is shorter than `data`.
    pub(crate) fn encrypt_detached(&mut self, out: &mut [u8], data: &[u8]) -> Result<Vec<u8>> {
        if let Family::Session(s) = &mut self.family {
            return s.encrypt_detached(out, data);
        }
        let aead = self.aead()?;
        aead.check_encrypt()?;
        let ct = out.get_mut(..data.len()).ok_or(CryptoError::Overflow)?;
        let io = AeadIo::Separate {
            input: data,
            output: ct,
        };
        Ok(aead.encrypt_detached(io)?.to_vec())
    }

    /// [`encrypt_detached`](Self::encrypt_detached) within one memory (see
    /// [`encrypt_within`](Self::encrypt_within)).
    pub(crate) fn encrypt_detached_within(
        &mut self,
        mem: &mut [u8],
        out: Range<usize>,
        data: Range<usize>,
    ) -> Result<Vec<u8>> {
        if let Family::Session(s) = &mut self.family {
            return s.encrypt_detached_within(mem, out, data);
        }
        let aead = self.aead()?;
        aead.check_encrypt()?;
        if out.len() < data.len() {
            return Err(CryptoError::Overflow);
        }
        Ok(aead
            .encrypt_detached(AeadIo::within(mem, data, out.start)?)?
            .to_vec())
    }

    /// `symmetric_state_decrypt`: `data` is ciphertext ‖ tag; writes the plaintext into `out` and
    /// returns its length. Input shorter than a tag, or a wrong tag → `invalid_tag`, `out` zeroed.
    pub(crate) fn decrypt(&mut self, out: &mut [u8], data: &[u8]) -> Result<usize> {
        match &mut self.family {
            Family::Cipher(c) => return c.decrypt(out, data),
            Family::Session(s) => return s.decrypt(out, data),
            _ => {}
        }
        self.aead()?;
        let Some(ct_len) = data.len().checked_sub(aead::TAG_LEN) else {
            zeroize::Zeroize::zeroize(out);
            return Err(CryptoError::InvalidTag);
        };
        let (ct, tag) = data.split_at(ct_len);
        self.decrypt_detached(out, ct, tag)
    }

    /// [`decrypt`](Self::decrypt) within one memory (see [`encrypt_within`](Self::encrypt_within));
    /// on `invalid_tag` all of `out` is zeroed.
    pub(crate) fn decrypt_within(
        &mut self,
        mem: &mut [u8],
        out: Range<usize>,
        data: Range<usize>,
    ) -> Result<usize> {
        match &mut self.family {
            Family::Cipher(c) => return c.decrypt_within(mem, out, data),
            Family::Session(s) => return s.decrypt_within(mem, out, data),
            _ => {}
        }
        self.aead()?;
        let Some(ct_len) = data.len().checked_sub(aead::TAG_LEN) else {
            zero(mem, out)?;
            return Err(CryptoError::InvalidTag);
        };
        // The tag is read before any output is written (the ranges may overlap).
        let mut tag = [0u8; aead::TAG_LEN];
        let ct = data.start..data.start + ct_len;
        tag.copy_from_slice(mem.get(ct.end..data.end).ok_or(CryptoError::GuestError)?);
        self.decrypt_detached_within(mem, out, ct, &tag)
    }

    /// `symmetric_state_decrypt_detached`: verifies `tag` over `ct` and writes the plaintext into
    /// `out`; `overflow` if `out` is shorter than `ct`; `invalid_tag` (with `out` zeroed) on failure.
    pub(crate) fn decrypt_detached(
        &mut self,
        out: &mut [u8],
        ct: &[u8],
        tag: &[u8],
    ) -> Result<usize> {
        if let Family::Session(s) = &mut self.family {
            return s.decrypt_detached(out, ct, tag);
        }
        let aead = self.aead()?;
        if let Err(e) = aead.check_decrypt(tag.len()) {
            if e == CryptoError::InvalidTag {
                zeroize::Zeroize::zeroize(&mut *out);
            }
            return Err(e);
        }
        let pt = out.get_mut(..ct.len()).ok_or(CryptoError::Overflow)?;
        let io = AeadIo::Separate {
            input: ct,
            output: pt,
        };
        match aead.decrypt_detached(io, tag) {
            Ok(()) => Ok(ct.len()),
            Err(e) => {
                zeroize::Zeroize::zeroize(out);
                Err(e)
            }
        }
    }

    /// [`decrypt_detached`](Self::decrypt_detached) within one memory (see
    /// [`encrypt_within`](Self::encrypt_within)); `tag` is a host copy.
    pub(crate) fn decrypt_detached_within(
        &mut self,
        mem: &mut [u8],
        out: Range<usize>,
        ct: Range<usize>,
        tag: &[u8],
    ) -> Result<usize> {
        if let Family::Session(s) = &mut self.family {
            return s.decrypt_detached_within(mem, out, ct, tag);
        }
        let aead = self.aead()?;
        if let Err(e) = aead.check_decrypt(tag.len()) {
            if e == CryptoError::InvalidTag {
                zero(mem, out)?;
            }
            return Err(e);
        }
        if out.len() < ct.len() {
            return Err(CryptoError::Overflow);
        }
        let pt_len = ct.len();
        match aead.decrypt_detached(AeadIo::within(mem, ct, out.start)?, tag) {
            Ok(()) => Ok(pt_len),
            Err(e) => {
                zero(mem, out)?;
                Err(e)
            }
        }
    }
}

/// Moves the bytes `input` of `mem` to `out_start` (the ranges may overlap) and returns the `len`
/// bytes of `mem` from there, for a mode that works in place (`len` is at least the input's
/// length: the room after it holds padding or a tag); `guest_error` if either range is not
/// inside `mem`.
fn move_within(
    mem: &mut [u8],
    input: Range<usize>,
    out_start: usize,
    len: usize,
) -> Result<&mut [u8]> {
    let target = out_start..out_start.checked_add(len).ok_or(CryptoError::GuestError)?;
    if input.end > mem.len() || target.end > mem.len() {
        return Err(CryptoError::GuestError);
    }
    mem.copy_within(input, out_start);
    Ok(&mut mem[target])
}

/// Zeroes `range` of `mem` (`guest_error` if it is not inside).
fn zero(mem: &mut [u8], range: Range<usize>) -> Result<()> {
    zeroize::Zeroize::zeroize(mem.get_mut(range).ok_or(CryptoError::GuestError)?);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::absorbed::AbsorbLimit;

    const MSG_LEN: usize = 100;

    fn state(alg: &str) -> Box<SymmetricState> {
        let alg = SymmetricAlgorithm::from_name(alg).unwrap();
        let key = SymmetricKey::import(alg, &[7; 32]).unwrap();
        let mut options = Options::new(AlgorithmType::Symmetric);
        options.set("nonce", &[9; 12]).unwrap();
        let limit = AbsorbLimit::unbudgeted(1 << 20);
        let password = PasswordHashLimits::default();
        let mut s =
            SymmetricState::open(alg, Some(&key), Some(options), &limit, &password).unwrap();
        s.ops().absorb(b"associated data").unwrap();
        s
    }

    fn message() -> Vec<u8> {
        (0..MSG_LEN as u8).collect()
    }

    /// Ciphertext ‖ tag from the separate-buffer path, the reference for the in-memory one.
    fn reference(alg: &str) -> Vec<u8> {
        let mut out = vec![0; MSG_LEN + 16];
        state(alg).encrypt(&mut out, &message()).unwrap();
        out
    }

    /// Output offsets relative to an input at offset 64 in a 512-byte memory: output before
    /// the input (disjoint), overlapping it from before, in place, overlapping it from after,
    /// and after it (disjoint).
    const OUT_AT: [usize; 5] = [0, 40, 64, 90, 300];
    const IN_AT: usize = 64;

    #[test]
    fn encrypt_within_matches_separate_buffers_for_every_overlap() {
        for alg in ["AES-256-GCM", "CHACHA20-POLY1305"] {
            let expected = reference(alg);
            for out_at in OUT_AT {
                let mut mem = vec![0xEE; 512];
                mem[IN_AT..IN_AT + MSG_LEN].copy_from_slice(&message());
                let out = out_at..out_at + MSG_LEN + 16;
                let n = state(alg)
                    .encrypt_within(&mut mem, out.clone(), IN_AT..IN_AT + MSG_LEN)
                    .unwrap();
                assert_eq!(n, MSG_LEN + 16);
                assert_eq!(mem[out], expected[..], "{alg}, output at {out_at}");
            }
        }
    }

    #[test]
    fn decrypt_within_matches_separate_buffers_for_every_overlap() {
        for alg in ["AES-256-GCM", "CHACHA20-POLY1305"] {
            let sealed = reference(alg);
            for out_at in OUT_AT {
                let mut mem = vec![0xEE; 512];
                mem[IN_AT..IN_AT + sealed.len()].copy_from_slice(&sealed);
                let out = out_at..out_at + MSG_LEN;
                let n = state(alg)
                    .decrypt_within(&mut mem, out.clone(), IN_AT..IN_AT + sealed.len())
                    .unwrap();
                assert_eq!(n, MSG_LEN);
                assert_eq!(mem[out], message()[..], "{alg}, output at {out_at}");
            }
        }
    }

    #[test]
    fn decrypt_within_with_a_wrong_tag_is_invalid_tag_and_zeroes_the_output() {
        let mut sealed = reference("AES-256-GCM");
        sealed[MSG_LEN] ^= 1;
        for out_at in OUT_AT {
            let mut mem = vec![0xEE; 512];
            mem[IN_AT..IN_AT + sealed.len()].copy_from_slice(&sealed);
            let out = out_at..out_at + MSG_LEN + 30;
            let r = state("AES-256-GCM").decrypt_within(
                &mut mem,
                out.clone(),
                IN_AT..IN_AT + sealed.len(),
            );
            assert_eq!(r, Err(CryptoError::InvalidTag));
            assert!(mem[out].iter().all(|&b| b == 0), "output at {out_at}");
        }
    }

    #[test]
    fn detached_within_round_trips_and_checks_lengths() {
        let mut mem = vec![0; 512];
        mem[IN_AT..IN_AT + MSG_LEN].copy_from_slice(&message());
        let mut s = state("AES-256-GCM");
        // An output shorter than the message is `overflow`, before anything is written.
        assert_eq!(
            s.encrypt_detached_within(&mut mem, 300..300 + MSG_LEN - 1, IN_AT..IN_AT + MSG_LEN),
            Err(CryptoError::Overflow)
        );
        let tag = s
            .encrypt_detached_within(&mut mem, IN_AT..IN_AT + MSG_LEN, IN_AT..IN_AT + MSG_LEN)
            .unwrap();
        assert_eq!(
            mem[IN_AT..IN_AT + MSG_LEN],
            reference("AES-256-GCM")[..MSG_LEN]
        );
        assert_eq!(tag, reference("AES-256-GCM")[MSG_LEN..]);
        let n = state("AES-256-GCM")
            .decrypt_detached_within(&mut mem, 0..MSG_LEN, IN_AT..IN_AT + MSG_LEN, &tag)
            .unwrap();
        assert_eq!((n, &mem[..MSG_LEN]), (MSG_LEN, &message()[..]));
        // The nonce serves one encryption.
        assert_eq!(
            s.encrypt_within(&mut mem, 300..500, 0..MSG_LEN),
            Err(CryptoError::NonceRequired)
        );
    }

    fn cipher_state(alg: &str) -> Box<SymmetricState> {
        let alg = SymmetricAlgorithm::from_name(alg).unwrap();
        let Alg::Cipher(c) = alg else {
            panic!("not a cipher")
        };
        let key = SymmetricKey::import(alg, &vec![7; c.key_len()]).unwrap();
        let mut options = Options::new(AlgorithmType::Symmetric);
        options.set("nonce", &[9; 16]).unwrap();
        let limit = AbsorbLimit::unbudgeted(1 << 20);
        let password = PasswordHashLimits::default();
        SymmetricState::open(alg, Some(&key), Some(options), &limit, &password).unwrap()
    }

    #[test]
    fn cipher_within_matches_separate_buffers_for_every_overlap() {
        for (alg, ct_len) in [("AES-128-CBC", 112), ("AES-256-CTR", MSG_LEN)] {
            let mut expected = vec![0; ct_len];
            let n = cipher_state(alg)
                .encrypt(&mut expected, &message())
                .unwrap();
            assert_eq!(n, ct_len);
            for out_at in OUT_AT {
                let mut mem = vec![0xEE; 512];
                mem[IN_AT..IN_AT + MSG_LEN].copy_from_slice(&message());
                let out = out_at..out_at + ct_len;
                let n = cipher_state(alg)
                    .encrypt_within(&mut mem, out.clone(), IN_AT..IN_AT + MSG_LEN)
                    .unwrap();
                assert_eq!((n, &mem[out]), (ct_len, &expected[..]), "{alg} at {out_at}");

                let mut mem = vec![0xEE; 512];
                mem[IN_AT..IN_AT + ct_len].copy_from_slice(&expected);
                let out = out_at..out_at + MSG_LEN;
                let n = cipher_state(alg)
                    .decrypt_within(&mut mem, out.clone(), IN_AT..IN_AT + ct_len)
                    .unwrap();
                assert_eq!(
                    (n, &mem[out]),
                    (MSG_LEN, &message()[..]),
                    "{alg} at {out_at}"
                );
            }
        }
    }

    #[test]
    fn cbc_decrypt_within_with_bad_padding_zeroes_the_output() {
        let mut sealed = vec![0; 112];
        cipher_state("AES-128-CBC")
            .encrypt(&mut sealed, &message())
            .unwrap();
        sealed[111] ^= 0x40;
        for out_at in OUT_AT {
            let mut mem = vec![0xEE; 512];
            mem[IN_AT..IN_AT + 112].copy_from_slice(&sealed);
            let out = out_at..out_at + 112;
            let r = cipher_state("AES-128-CBC").decrypt_within(
                &mut mem,
                out.clone(),
                IN_AT..IN_AT + 112,
            );
            assert_eq!(r, Err(CryptoError::InvalidTag));
            assert!(mem[out].iter().all(|&b| b == 0), "output at {out_at}");
        }
    }

    fn session_state() -> Box<SymmetricState> {
        let alg = SymmetricAlgorithm::from_name("XOODYAK-128").unwrap();
        let key = SymmetricKey::import(alg, &[5; 16]).unwrap();
        let limit = AbsorbLimit::unbudgeted(1 << 20);
        let password = PasswordHashLimits::default();
        SymmetricState::open(alg, Some(&key), None, &limit, &password).unwrap()
    }

    #[test]
    fn session_within_matches_separate_buffers_for_every_overlap() {
        let mut expected = vec![0; MSG_LEN + 16];
        session_state().encrypt(&mut expected, &message()).unwrap();
        let mut detached = vec![0; MSG_LEN];
        let tag = session_state()
            .encrypt_detached(&mut detached, &message())
            .unwrap();
        assert_eq!(detached, expected[..MSG_LEN]);
        for out_at in OUT_AT {
            let mut mem = vec![0xEE; 512];
            mem[IN_AT..IN_AT + MSG_LEN].copy_from_slice(&message());
            let out = out_at..out_at + MSG_LEN + 16;
            session_state()
                .encrypt_within(&mut mem, out.clone(), IN_AT..IN_AT + MSG_LEN)
                .unwrap();
            assert_eq!(mem[out], expected[..], "encrypt at {out_at}");

            let mut mem = vec![0xEE; 512];
            mem[IN_AT..IN_AT + MSG_LEN + 16].copy_from_slice(&expected);
            let out = out_at..out_at + MSG_LEN;
            let n = session_state()
                .decrypt_within(&mut mem, out.clone(), IN_AT..IN_AT + MSG_LEN + 16)
                .unwrap();
            assert_eq!((n, &mem[out.clone()]), (MSG_LEN, &message()[..]));

            let mut mem = vec![0xEE; 512];
            mem[IN_AT..IN_AT + MSG_LEN].copy_from_slice(&detached);
            let n = session_state()
                .decrypt_detached_within(&mut mem, out.clone(), IN_AT..IN_AT + MSG_LEN, &tag)
                .unwrap();
            assert_eq!((n, &mem[out]), (MSG_LEN, &message()[..]));
        }
    }

    #[test]
    fn ranges_outside_memory_are_guest_error() {
        let mut mem = vec![0; 64];
        assert_eq!(
            state("AES-256-GCM").encrypt_within(&mut mem, 0..64, 40..70),
            Err(CryptoError::GuestError)
        );
    }
}
