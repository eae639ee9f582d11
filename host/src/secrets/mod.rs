//! Managed keys and external secrets: the proposal's `secrets_manager_*`,
//! `symmetric_key_{generate,store,replace}_managed`, `symmetric_key_id`, `symmetric_key_from_id`,
//! their `keypair_*` twins, and the `wasi_ephemeral_crypto_external_secrets` module.
//!
//! An embedder gives a [`CryptoCtx`](crate::CryptoCtx) a [`SecretsConfig`]: a
//! [`SecretsBackend`] (where secrets live), the guest's namespace, and its policy. Without one,
//! every managed-key and external-secret call answers `unsupported_feature`, as the proposal
//! allows.
//!
//! # What a guest can and cannot do
//! - It sees only its namespace: an identifier from another namespace is `not_found`, exactly
//!   as an identifier that never existed. Identifiers are 128 random bits (32 lowercase hex
//!   characters, [`ID_LEN`] bytes), so they cannot be guessed.
//! - A managed key opens as an ordinary handle, usable by every operation, but
//!   `symmetric_key_export`, `keypair_export` and `secretkey_export` of it are
//!   `prohibited_operation` unless [`SecretsConfig::allow_export`] is set.
//! - Managed keys and external secrets have versions: generating or storing makes version 1,
//!   replacing adds the next one, atomically (two writers never get the same version). The
//!   version selector `latest` (and `unspecified`) picks the newest version not invalidated;
//!   `all` is accepted only by the invalidate calls (elsewhere `invalid_operation`).
//! - A secret past its expiry (a UNIX time in seconds) is `expired` when opened. Keys the guest
//!   creates expire after [`SecretsConfig::key_lifetime`] when it is set; external secrets carry
//!   the expiry the guest gives (`u64::MAX`: never; one already past: `expired`).
//! - `external_secret_encapsulate` seals a secret and its expiry under a key only the secrets
//!   manager holds (XChaCha20-Poly1305, the key kept in the backend under the namespace, with a
//!   version so that it can be rotated); `external_secret_decapsulate` answers
//!   `verification_failed` for any change to the ciphertext and `expired` once the expiry
//!   passed. The ciphertext is `"WXS1" ‖ key version (u64 BE) ‖ expiration (u64 BE) ‖ nonce
//!   (24) ‖ ciphertext ‖ tag (16)`, the 20-byte header and the namespace authenticated as
//!   associated data: 60 bytes more than the secret.
//!
//! # Backends
//! [`MemoryBackend`] keeps secrets in the process (tests, ephemeral use). [`SqliteVault`]
//! (feature `sqlite`) is an on-disk vault: every secret encrypted at rest under a
//! [`MasterKey`], WAL mode and one transaction per change, safe for several processes on one
//! file. [`PostgresVault`] (feature `postgres`) keeps the same records, encrypted the same way,
//! in a PostgreSQL database that many hosts share. An embedder with its own key store
//! implements [`SecretsBackend`].

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use zeroize::Zeroizing;

use crate::error::CryptoError;

mod external;
mod managed;
mod memory;
#[cfg(feature = "postgres")]
mod postgres;
mod sealing;
#[cfg(feature = "sqlite")]
mod sqlite;

pub use external::{ENCAPSULATION_KEY_ID, rotate_encapsulation_key};
pub(crate) use managed::OpenManager;

pub use memory::MemoryBackend;
#[cfg(feature = "postgres")]
#[cfg_attr(docsrs, doc(cfg(feature = "postgres")))]
pub use postgres::PostgresVault;
pub use sealing::{MasterKey, MasterKeyError};
#[cfg(feature = "sqlite")]
#[cfg_attr(docsrs, doc(cfg(feature = "sqlite")))]
pub use sqlite::SqliteVault;

/// The proposal's `version.unspecified`: the host picks (here: the latest version).
pub const VERSION_UNSPECIFIED: u64 = 0xff00_0000_0000_0000;
/// The proposal's `version.latest`: the newest version not invalidated.
pub const VERSION_LATEST: u64 = 0xff00_0000_0000_0001;
/// The proposal's `version.all`: every version (invalidate calls only).
pub const VERSION_ALL: u64 = 0xff00_0000_0000_0002;

/// Length in bytes of every identifier this host issues: 16 random bytes as lowercase hex.
pub const ID_LEN: usize = 32;

/// What a stored secret is. The string forms ([`as_str`](Self::as_str)) are what backends
/// store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SecretKind {
    /// A symmetric key (`symmetric_key_*_managed`); material = the raw key.
    SymmetricKey,
    /// A signature key pair (`keypair_*_managed` with `algorithm_type` `signatures`).
    SignatureKeyPair,
    /// A key-exchange key pair (`keypair_*_managed` with `algorithm_type` `key_exchange`).
    KxKeyPair,
    /// An opaque secret of `wasi_ephemeral_crypto_external_secrets`.
    External,
    /// The key `external_secret_encapsulate` seals under (32 bytes, XChaCha20-Poly1305); never
    /// reachable by a guest.
    EncapsulationKey,
}

impl SecretKind {
    /// Every kind.
    pub const ALL: [SecretKind; 5] = [
        SecretKind::SymmetricKey,
        SecretKind::SignatureKeyPair,
        SecretKind::KxKeyPair,
        SecretKind::External,
        SecretKind::EncapsulationKey,
    ];

    /// The stored name: `symmetric_key`, `signature_keypair`, `kx_keypair`, `external`,
    /// `encapsulation_key`.
    pub fn as_str(self) -> &'static str {
        match self {
            SecretKind::SymmetricKey => "symmetric_key",
            SecretKind::SignatureKeyPair => "signature_keypair",
            SecretKind::KxKeyPair => "kx_keypair",
            SecretKind::External => "external",
            SecretKind::EncapsulationKey => "encapsulation_key",
        }
    }

    /// The kind stored as `name`, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// How a secret's material is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum MaterialEncoding {
    /// Raw bytes: a symmetric key, an external secret, or a key pair's `raw` encoding (for
    /// algorithms without PKCS#8).
    Raw,
    /// A key pair as PKCS#8 `OneAsymmetricKey` DER (RFC 5958).
    Pkcs8,
}

impl MaterialEncoding {
    /// The stored name: `raw` or `pkcs8`.
    pub fn as_str(self) -> &'static str {
        match self {
            MaterialEncoding::Raw => "raw",
            MaterialEncoding::Pkcs8 => "pkcs8",
        }
    }

    /// The encoding stored as `name`, if any.
    pub fn from_name(name: &str) -> Option<Self> {
        match name {
            "raw" => Some(MaterialEncoding::Raw),
            "pkcs8" => Some(MaterialEncoding::Pkcs8),
            _ => None,
        }
    }
}

/// One version of a secret, in the clear, as a [`SecretsBackend`] receives and returns it.
/// The material is wiped on drop; `Debug` does not print it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret {
    /// What the secret is.
    pub kind: SecretKind,
    /// The proposal's algorithm name in its canonical spelling (e.g. `AES-256-GCM`,
    /// `Ed25519`); empty for external secrets and the encapsulation key.
    pub algorithm: String,
    /// How `material` is encoded.
    pub encoding: MaterialEncoding,
    /// The key or secret bytes.
    pub material: Zeroizing<Vec<u8>>,
    /// When the version expires, in seconds since the UNIX epoch; `None`: never.
    pub expires_at: Option<u64>,
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Secret")
            .field("kind", &self.kind)
            .field("algorithm", &self.algorithm)
            .field("encoding", &self.encoding)
            .field("material", &format_args!("<{} bytes>", self.material.len()))
            .field("expires_at", &self.expires_at)
            .finish()
    }
}

/// Which version(s) of a secret a backend call is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum VersionSelector {
    /// The newest version not revoked.
    Latest,
    /// Exactly this version (from 1).
    Exact(u64),
    /// Every version ([`SecretsBackend::revoke`] only).
    All,
}

impl VersionSelector {
    /// The selector for the proposal's `version` value: `unspecified` and `latest` →
    /// [`Latest`](Self::Latest), `all` → [`All`](Self::All), anything else a version number.
    pub fn from_abi(version: u64) -> Self {
        match version {
            VERSION_UNSPECIFIED | VERSION_LATEST => VersionSelector::Latest,
            VERSION_ALL => VersionSelector::All,
            v => VersionSelector::Exact(v),
        }
    }
}

/// What [`SecretsBackend::list`] tells of one version of a secret (never its material).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SecretInfo {
    /// The identifier.
    pub id: String,
    /// The version (from 1).
    pub version: u64,
    /// What the secret is.
    pub kind: SecretKind,
    /// Its algorithm (empty for external secrets).
    pub algorithm: String,
    /// Expiry, in seconds since the UNIX epoch; `None`: never.
    pub expires_at: Option<u64>,
    /// When it was stored, in seconds since the UNIX epoch.
    pub created_at: u64,
    /// Whether it was invalidated.
    pub revoked: bool,
}

/// Why a backend call failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BackendError {
    /// No such identifier (or version) in the namespace; for `Latest`, every version is revoked.
    #[error("not found")]
    NotFound,
    /// [`SecretsBackend::create`] with an identifier the namespace already has.
    #[error("identifier already exists")]
    AlreadyExists,
    /// The vault was sealed under another master key.
    #[error("wrong master key for this vault")]
    WrongMasterKey,
    /// The store is not a vault, or a record does not decrypt (altered or damaged).
    #[error("corrupt vault: {0}")]
    Corrupt(String),
    /// The store cannot be reached or is locked past the backend's wait.
    #[error("secrets store unavailable: {0}")]
    Unavailable(String),
}

impl From<BackendError> for CryptoError {
    fn from(e: BackendError) -> Self {
        match e {
            BackendError::NotFound => CryptoError::NotFound,
            other => {
                tracing::error!(error = %other, "secrets backend failed");
                CryptoError::InternalError
            }
        }
    }
}

/// Where managed keys and external secrets live: one implementation per store (in memory, a
/// SQLite file, a PostgreSQL server, a cloud KMS…). Every call names the namespace; a backend
/// keeps namespaces apart and never answers one namespace's call with another's secret.
///
/// Every method is one atomic change or read: a crash in the middle leaves the store as before
/// the call or as after it.
pub trait SecretsBackend: Send + Sync + fmt::Debug {
    /// Stores `secret` as version 1 of `id`; [`BackendError::AlreadyExists`] if `namespace`
    /// already has `id` (the caller then picks another random identifier).
    fn create(&self, namespace: &str, id: &str, secret: &Secret) -> Result<u64, BackendError>;

    /// Stores `secret` as the next version of `id` (one more than its highest version, revoked
    /// ones included) and returns that version; [`BackendError::NotFound`] if `id` has no
    /// version. Concurrent calls get distinct versions.
    fn add_version(&self, namespace: &str, id: &str, secret: &Secret) -> Result<u64, BackendError>;

    /// One version of `id` (`Latest`: the newest not revoked) and its number;
    /// [`BackendError::NotFound`] if there is none or it was revoked. `All` is `NotFound`.
    fn get(
        &self,
        namespace: &str,
        id: &str,
        version: VersionSelector,
    ) -> Result<(u64, Secret), BackendError>;

    /// Revokes one version, the latest, or all versions of `id`; [`BackendError::NotFound`] if
    /// nothing live matched. A revoked version is never returned again.
    fn revoke(
        &self,
        namespace: &str,
        id: &str,
        version: VersionSelector,
    ) -> Result<(), BackendError>;

    /// Every version of every secret of `namespace` (revoked ones included), ordered by
    /// identifier then version.
    fn list(&self, namespace: &str) -> Result<Vec<SecretInfo>, BackendError>;
}

/// The secrets manager of one [`CryptoCtx`](crate::CryptoCtx): set with
/// [`CryptoCtx::set_secrets`](crate::CryptoCtx::set_secrets).
#[derive(Debug, Clone)]
pub struct SecretsConfig {
    /// Where secrets live; several contexts (and processes) may share one.
    pub backend: Arc<dyn SecretsBackend>,
    /// The guest's namespace: it sees and changes only the secrets stored under this name.
    pub namespace: String,
    /// Whether the guest may export managed keys (`symmetric_key_export`, `keypair_export`,
    /// `secretkey_export`). Default `false`: `prohibited_operation`.
    pub allow_export: bool,
    /// Expiry given to keys the guest generates, stores or replaces (from the moment it does);
    /// `None` (the default): they do not expire.
    pub key_lifetime: Option<Duration>,
    /// Largest external secret, in bytes, the guest may store or encapsulate; beyond it
    /// `prohibited_operation`. Default 64 KiB.
    pub max_secret_bytes: usize,
    /// The clock expiries are checked against, in seconds since the UNIX epoch. Default: the
    /// system clock.
    pub now: fn() -> u64,
}

impl SecretsConfig {
    /// A configuration with the defaults: no export, no key lifetime, 64 KiB secrets, the
    /// system clock.
    pub fn new(backend: Arc<dyn SecretsBackend>, namespace: impl Into<String>) -> Self {
        SecretsConfig {
            backend,
            namespace: namespace.into(),
            allow_export: false,
            key_lifetime: None,
            max_secret_bytes: 64 << 10,
            now: system_now,
        }
    }
}

/// Seconds since the UNIX epoch by the system clock (0 before it).
pub fn system_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The identity of a managed key behind a handle.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Managed {
    pub(crate) id: String,
    pub(crate) version: u64,
}

/// A fresh random identifier: 16 bytes from the OS CSPRNG as [`ID_LEN`] lowercase hex digits.
pub(crate) fn new_id() -> crate::Result<String> {
    let mut raw = [0u8; ID_LEN / 2];
    crate::rng::fill(&mut raw)?;
    Ok(raw.iter().map(|b| format!("{b:02x}")).collect())
}

/// A guest's identifier as text: anything that is not one this host could have issued (wrong
/// length, not lowercase hex) is `not_found` without asking the backend.
pub(crate) fn parse_id(id: &[u8]) -> crate::Result<&str> {
    if id.len() == ID_LEN && id.iter().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f')) {
        // ASCII hex digits are UTF-8.
        std::str::from_utf8(id).map_err(|_| CryptoError::NotFound)
    } else {
        Err(CryptoError::NotFound)
    }
}
