//! Managed keys and external secrets: keys a host's secrets manager keeps, which the guest uses
//! by identifier and — unless the host allows it — can never read.
//!
//! A [`SecretsManager`] (`secrets_manager_open`) gives access to the keys of the guest's
//! namespace. [`SymmetricKey`], [`SignatureKeyPair`] and [`KxKeyPair`] gain managed
//! constructors:
//!
//! | call | proposal function | result |
//! |---|---|---|
//! | `generate_managed(&sm, alg)` | `*_generate_managed` | a fresh key, stored as version 1 of a new [`KeyId`] |
//! | `key.store_managed(&sm)` | `*_store_managed` | the key stored as version 1 of a new [`KeyId`] |
//! | `replace_managed(&sm, old, &new)` | `*_replace_managed` | `new` stored as the next version of `old`'s id; `old` is closed |
//! | `key.managed_id()` | `*_id` | (`KeyId`, version) |
//! | `from_id(&sm, alg, &id, version)` | `*_from_id` | the managed key as an ordinary key object |
//!
//! With `wasicrypt-host`, identifiers are 32 lowercase hex characters ([`KeyId::LEN`]), random
//! and private to the namespace; exporting a managed key is [`ErrorKind::ProhibitedOperation`]
//! unless the embedder allows it; versions count from 1; [`Version::LATEST`] is the newest
//! version not invalidated. Errors: [`ErrorKind::UnsupportedFeature`] when the host has no
//! secrets manager, [`ErrorKind::NotFound`] for an identifier or version the namespace lacks,
//! [`ErrorKind::Expired`] for a key or secret past its expiry, [`ErrorKind::InvalidHandle`]
//! for a closed manager.
//!
//! External secrets (`wasi_ephemeral_crypto_external_secrets`) are opaque byte strings — API
//! tokens, passwords — stored by identifier ([`SecretsManager::store_secret`]) or sealed by the
//! host into a ciphertext the guest keeps ([`SecretsManager::encapsulate`]).
//!
//! ```no_run
//! use wasicrypt::secrets::{KeyId, SecretsManager, Version};
//! use wasicrypt::{SignatureAlgorithm, SignatureKeyPair};
//!
//! # fn main() -> wasicrypt::Result<()> {
//! let sm = SecretsManager::open()?;
//! // The operator provisioned this key (`wasicrypt secrets generate Ed25519`).
//! let id = KeyId::from("9f2c4e6a8b0d1f3e5a7c9b1d3f5e7a9c");
//! let key = SignatureKeyPair::from_id(&sm, SignatureAlgorithm::Ed25519, &id, Version::LATEST)?;
//! let signature = key.sign(b"release v1.2.3")?;
//! # let _ = signature;
//! # Ok(())
//! # }
//! ```
//!
//! [`SymmetricKey`]: crate::SymmetricKey
//! [`SignatureKeyPair`]: crate::SignatureKeyPair
//! [`KxKeyPair`]: crate::KxKeyPair

use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::fmt;

#[cfg(doc)]
use crate::ErrorKind;
use crate::algorithms::{AlgorithmName, KxAlgorithm, Name, SignatureAlgorithm, SymmetricAlgorithm};
use crate::asymmetric::KeyPairHandle;
use crate::common::AlgorithmType;
use crate::common::{ArrayOutput, Options};
use crate::error::{Result, check};
use crate::raw;
use crate::{KxKeyPair, SignatureKeyPair, SymmetricKey};

/// The identifier of a managed key or stored secret: the bytes the host issued. Compared and
/// hashed by value; `Display` shows it as text (the host's identifiers are ASCII).
#[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId(Vec<u8>);

impl KeyId {
    /// Length of `wasicrypt-host`'s identifiers (16 random bytes as lowercase hex); the buffer
    /// the guest offers the host for a new identifier is [`KeyId::MAX_LEN`] bytes.
    pub const LEN: usize = 32;
    /// The longest identifier this crate receives from a host (bytes).
    pub const MAX_LEN: usize = 256;

    /// The identifier's bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The identifier as text, if it is UTF-8 (it is for `wasicrypt-host`).
    pub fn as_str(&self) -> Option<&str> {
        core::str::from_utf8(&self.0).ok()
    }

    /// The identifier of these bytes.
    pub fn from_bytes(bytes: impl Into<Vec<u8>>) -> Self {
        KeyId(bytes.into())
    }
}

impl From<&str> for KeyId {
    fn from(id: &str) -> Self {
        KeyId(id.as_bytes().to_vec())
    }
}

impl From<String> for KeyId {
    fn from(id: String) -> Self {
        KeyId(id.into_bytes())
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&String::from_utf8_lossy(&self.0))
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({self})")
    }
}

/// A version of a managed key or secret (the proposal's `version`): a number from 1, or one of
/// the selectors [`LATEST`](Self::LATEST), [`UNSPECIFIED`](Self::UNSPECIFIED) and
/// [`ALL`](Self::ALL).
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Debug)]
pub struct Version(pub u64);

impl Version {
    /// `version.latest`: the newest version not invalidated.
    pub const LATEST: Version = Version(raw::VERSION_LATEST);
    /// `version.unspecified`: the host picks (`wasicrypt-host`: the latest).
    pub const UNSPECIFIED: Version = Version(raw::VERSION_UNSPECIFIED);
    /// `version.all`: every version; only the invalidate calls accept it.
    pub const ALL: Version = Version(raw::VERSION_ALL);
}

impl From<u64> for Version {
    fn from(v: u64) -> Self {
        Version(v)
    }
}

/// An open secrets manager (`secrets_manager_open`), closed on `Drop`. Keys opened through it
/// keep working after it is closed.
pub struct SecretsManager {
    handle: raw::SecretsManager,
}

impl fmt::Debug for SecretsManager {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretsManager({})", self.handle)
    }
}

/// Pulls a whole `array_output`.
fn pull(handle: raw::ArrayOutput) -> Result<Vec<u8>> {
    ArrayOutput::from_raw(handle).into_vec()
}

/// Calls `f(buffer, buffer_len)` to receive a new identifier; the identifier is the buffer up to
/// its first NUL byte (the host writes its own length of bytes, ASCII for `wasicrypt-host`).
pub(crate) fn receive_id(f: impl FnOnce(*mut u8, usize) -> Result<()>) -> Result<KeyId> {
    let mut buf = vec![0u8; KeyId::MAX_LEN];
    f(buf.as_mut_ptr(), buf.len())?;
    let len = buf.iter().position(|&b| b == 0).unwrap_or(buf.len());
    buf.truncate(len);
    Ok(KeyId(buf))
}

/// Calls `f(buffer, buffer_len, &mut len, &mut version)` for a `*_id` function.
pub(crate) fn query_id(
    f: impl FnOnce(*mut u8, usize, &mut usize, &mut raw::Version) -> Result<()>,
) -> Result<(KeyId, Version)> {
    let mut buf = vec![0u8; KeyId::MAX_LEN];
    let (mut len, mut version) = (0usize, 0 as raw::Version);
    f(buf.as_mut_ptr(), buf.len(), &mut len, &mut version)?;
    buf.truncate(len.min(KeyId::MAX_LEN));
    Ok((KeyId(buf), Version(version)))
}

impl SecretsManager {
    /// Opens the host's secrets manager (`secrets_manager_open`).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedFeature`] if the host has none (e.g. `wasicrypt run` without
    /// `--vault`); [`ErrorKind::NotImplemented`] outside a WASI-Crypto host.
    pub fn open() -> Result<Self> {
        Self::open_with(None)
    }

    /// As [`open`](Self::open), with an options object (`wasicrypt-host` reads none).
    ///
    /// # Errors
    /// As [`open`](Self::open); [`ErrorKind::InvalidHandle`] for closed options.
    pub fn open_with(options: Option<&Options>) -> Result<Self> {
        let opt = Options::opt(options);
        let mut handle: raw::SecretsManager = 0;
        // SAFETY: `&opt` is a valid `OptOptions` read during the call; `&mut handle` a writable
        // `u32`.
        check(
            unsafe { raw::common::secrets_manager_open(&opt, &mut handle) },
            "secrets_manager_open",
            "",
        )?;
        Ok(SecretsManager { handle })
    }

    /// The raw `secrets_manager` handle, for use with [`crate::raw`]. It stays owned by `self`.
    pub fn raw_handle(&self) -> raw::SecretsManager {
        self.handle
    }

    /// Invalidates one version ([`Version::LATEST`]: the newest live one) or [`Version::ALL`]
    /// versions of the managed key `id` (`secrets_manager_invalidate`). Handles already open
    /// keep working.
    ///
    /// # Errors
    /// [`ErrorKind::NotFound`] if the namespace has no such live key.
    pub fn invalidate(&self, id: &KeyId, version: Version) -> Result<()> {
        // SAFETY: `id` is a live slice read during the call only.
        check(
            unsafe {
                raw::common::secrets_manager_invalidate(
                    self.handle,
                    id.0.as_ptr(),
                    id.0.len(),
                    version.0,
                )
            },
            "secrets_manager_invalidate",
            "",
        )
    }

    /// Stores `secret`, valid until `expiration` (seconds since the UNIX epoch; `u64::MAX`:
    /// never), as version 1 of a new identifier (`external_secret_store`).
    ///
    /// # Errors
    /// [`ErrorKind::Expired`] for an expiration already past; [`ErrorKind::ProhibitedOperation`]
    /// above the host's size bound (`wasicrypt-host`: 64 KiB by default).
    pub fn store_secret(&self, secret: &[u8], expiration: u64) -> Result<KeyId> {
        receive_id(|buf, len| {
            // SAFETY: `secret` is read and `buf[..len]` written during the call only.
            check(
                unsafe {
                    raw::external_secrets::external_secret_store(
                        self.handle,
                        secret.as_ptr(),
                        secret.len(),
                        expiration,
                        buf,
                        len,
                    )
                },
                "external_secret_store",
                "",
            )
        })
    }

    /// Stores `secret` as the next version of `id` and returns that version
    /// (`external_secret_replace`).
    ///
    /// # Errors
    /// [`ErrorKind::NotFound`] if the namespace has no live secret `id`; as
    /// [`store_secret`](Self::store_secret).
    pub fn replace_secret(&self, id: &KeyId, secret: &[u8], expiration: u64) -> Result<Version> {
        let mut version: raw::Version = 0;
        // SAFETY: `secret` and `id` are live slices read during the call only; `&mut version`
        // is a writable `u64`.
        check(
            unsafe {
                raw::external_secrets::external_secret_replace(
                    self.handle,
                    secret.as_ptr(),
                    secret.len(),
                    expiration,
                    id.0.as_ptr(),
                    id.0.len(),
                    &mut version,
                )
            },
            "external_secret_replace",
            "",
        )?;
        Ok(Version(version))
    }

    /// A copy of version `version` of the stored secret `id` (`external_secret_from_id`).
    ///
    /// # Errors
    /// [`ErrorKind::NotFound`], [`ErrorKind::Expired`]; [`ErrorKind::InvalidOperation`] for
    /// [`Version::ALL`].
    pub fn secret(&self, id: &KeyId, version: Version) -> Result<Vec<u8>> {
        let mut output: raw::ArrayOutput = 0;
        // SAFETY: `id` is read during the call only; `&mut output` is a writable `u32`.
        check(
            unsafe {
                raw::external_secrets::external_secret_from_id(
                    self.handle,
                    id.0.as_ptr(),
                    id.0.len(),
                    version.0,
                    &mut output,
                )
            },
            "external_secret_from_id",
            "",
        )?;
        pull(output)
    }

    /// Invalidates one version or [`Version::ALL`] versions of the stored secret `id`
    /// (`external_secret_invalidate`).
    ///
    /// # Errors
    /// [`ErrorKind::NotFound`] if nothing live matched.
    pub fn invalidate_secret(&self, id: &KeyId, version: Version) -> Result<()> {
        // SAFETY: `id` is a live slice read during the call only.
        check(
            unsafe {
                raw::external_secrets::external_secret_invalidate(
                    self.handle,
                    id.0.as_ptr(),
                    id.0.len(),
                    version.0,
                )
            },
            "external_secret_invalidate",
            "",
        )
    }

    /// `secret` and `expiration` sealed under a key only the host holds
    /// (`external_secret_encapsulate`); keep the result anywhere, and give it back to
    /// [`decapsulate`](Self::decapsulate). `wasicrypt-host`: XChaCha20-Poly1305, 60 bytes
    /// longer than the secret.
    ///
    /// # Errors
    /// As [`store_secret`](Self::store_secret).
    pub fn encapsulate(&self, secret: &[u8], expiration: u64) -> Result<Vec<u8>> {
        let mut output: raw::ArrayOutput = 0;
        // SAFETY: `secret` is read during the call only; `&mut output` is a writable `u32`.
        check(
            unsafe {
                raw::external_secrets::external_secret_encapsulate(
                    self.handle,
                    secret.as_ptr(),
                    secret.len(),
                    expiration,
                    &mut output,
                )
            },
            "external_secret_encapsulate",
            "",
        )?;
        pull(output)
    }

    /// The secret of an [`encapsulate`](Self::encapsulate)d ciphertext
    /// (`external_secret_decapsulate`).
    ///
    /// # Errors
    /// [`ErrorKind::VerificationFailed`] for a ciphertext this host's manager (for this
    /// namespace) did not make, or that was changed; [`ErrorKind::Expired`] once its
    /// expiration passed.
    pub fn decapsulate(&self, encapsulated: &[u8]) -> Result<Vec<u8>> {
        let mut output: raw::ArrayOutput = 0;
        // SAFETY: `encapsulated` is read during the call only; `&mut output` is a writable
        // `u32`.
        check(
            unsafe {
                raw::external_secrets::external_secret_decapsulate(
                    self.handle,
                    encapsulated.as_ptr(),
                    encapsulated.len(),
                    &mut output,
                )
            },
            "external_secret_decapsulate",
            "",
        )?;
        pull(output)
    }
}

impl Drop for SecretsManager {
    fn drop(&mut self) {
        // SAFETY: plain value argument; a close error is ignored.
        let _ = unsafe { raw::common::secrets_manager_close(self.handle) };
    }
}

impl SymmetricKey {
    /// Generates a key for `algorithm` that the secrets manager stores as version 1 of a new
    /// identifier (`symmetric_key_generate_managed`); see [`managed_id`](Self::managed_id).
    ///
    /// # Errors
    /// As [`SymmetricKey::generate`]; [`ErrorKind::UnsupportedFeature`] without a secrets
    /// manager.
    pub fn generate_managed(
        manager: &SecretsManager,
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
        options: Option<&Options>,
    ) -> Result<Self> {
        let name = Name::of(&algorithm);
        let opt = Options::opt(options);
        let mut handle: raw::SymmetricKey = 0;
        // SAFETY: `name` and `&opt` are read during the call only; `&mut handle` is a writable
        // `u32`.
        check(
            unsafe {
                raw::symmetric::symmetric_key_generate_managed(
                    manager.handle,
                    name.as_ptr(),
                    name.len(),
                    &opt,
                    &mut handle,
                )
            },
            "symmetric_key_generate_managed",
            &name,
        )?;
        Ok(SymmetricKey::from_raw_name(handle, name))
    }

    /// Stores this key as version 1 of a new identifier, which it returns
    /// (`symmetric_key_store_managed`); the key is then managed (with `wasicrypt-host`: no longer
    /// exportable unless the embedder allows it).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedFeature`] without a secrets manager.
    pub fn store_managed(&self, manager: &SecretsManager) -> Result<KeyId> {
        receive_id(|buf, len| {
            // SAFETY: `buf[..len]` is writable for the call.
            check(
                unsafe {
                    raw::symmetric::symmetric_key_store_managed(
                        manager.handle,
                        self.raw_handle(),
                        buf,
                        len,
                    )
                },
                "symmetric_key_store_managed",
                self.algorithm(),
            )
        })
    }

    /// Stores `new` as the next version of the managed key `old`, which the host closes, and
    /// returns the version (`symmetric_key_replace_managed`); `new` becomes that version.
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedFeature`] if `old` is not managed;
    /// [`ErrorKind::IncompatibleKeys`] if the algorithms differ. `old` stays open on error.
    pub fn replace_managed(
        manager: &SecretsManager,
        old: SymmetricKey,
        new: &SymmetricKey,
    ) -> core::result::Result<Version, (crate::Error, SymmetricKey)> {
        let mut version: raw::Version = 0;
        // SAFETY: plain handle arguments; `&mut version` is a writable `u64`.
        let errno = unsafe {
            raw::symmetric::symmetric_key_replace_managed(
                manager.handle,
                old.raw_handle(),
                new.raw_handle(),
                &mut version,
            )
        };
        match check(errno, "symmetric_key_replace_managed", new.algorithm()) {
            Ok(()) => {
                // The host closed `old`.
                old.into_raw();
                Ok(Version(version))
            }
            Err(e) => Err((e, old)),
        }
    }

    /// The identifier and version of a managed key (`symmetric_key_id`).
    ///
    /// # Errors
    /// [`ErrorKind::UnsupportedFeature`] for a key that is not managed.
    pub fn managed_id(&self) -> Result<(KeyId, Version)> {
        query_id(|buf, max, len, version| {
            // SAFETY: `buf[..max]` is writable, `len` and `version` are writable, for the call.
            check(
                unsafe {
                    raw::symmetric::symmetric_key_id(self.raw_handle(), buf, max, len, version)
                },
                "symmetric_key_id",
                self.algorithm(),
            )
        })
    }

    /// Opens version `version` of the managed key `id` (`symmetric_key_from_id`). `algorithm`
    /// is the algorithm the caller expects (the host's key decides: a state of another
    /// algorithm refuses it with [`ErrorKind::InvalidKey`]).
    ///
    /// # Errors
    /// [`ErrorKind::NotFound`], [`ErrorKind::Expired`]; [`ErrorKind::InvalidOperation`] for
    /// [`Version::ALL`].
    pub fn from_id(
        manager: &SecretsManager,
        algorithm: impl AlgorithmName<SymmetricAlgorithm>,
        id: &KeyId,
        version: Version,
    ) -> Result<Self> {
        let name = Name::of(&algorithm);
        let mut handle: raw::SymmetricKey = 0;
        // SAFETY: `id` is read during the call only; `&mut handle` is a writable `u32`.
        check(
            unsafe {
                raw::symmetric::symmetric_key_from_id(
                    manager.handle,
                    id.0.as_ptr(),
                    id.0.len(),
                    version.0,
                    &mut handle,
                )
            },
            "symmetric_key_from_id",
            &name,
        )?;
        Ok(SymmetricKey::from_raw_name(handle, name))
    }
}

impl KeyPairHandle {
    fn generate_managed(
        manager: &SecretsManager,
        algorithm_type: AlgorithmType,
        algorithm: Name,
        options: Option<&Options>,
    ) -> Result<Self> {
        let opt = Options::opt(options);
        let mut handle: raw::Keypair = 0;
        // SAFETY: `algorithm` and `&opt` are read during the call only; `&mut handle` is a
        // writable `u32`.
        check(
            unsafe {
                raw::asymmetric_common::keypair_generate_managed(
                    manager.handle,
                    algorithm_type.to_raw(),
                    algorithm.as_ptr(),
                    algorithm.len(),
                    &opt,
                    &mut handle,
                )
            },
            "keypair_generate_managed",
            &algorithm,
        )?;
        Ok(KeyPairHandle::from_raw(handle, algorithm))
    }

    fn store_managed(&self, manager: &SecretsManager) -> Result<KeyId> {
        receive_id(|buf, len| {
            // SAFETY: `buf[..len]` is writable for the call.
            check(
                unsafe {
                    raw::asymmetric_common::keypair_store_managed(
                        manager.handle,
                        self.handle,
                        buf,
                        len,
                    )
                },
                "keypair_store_managed",
                &self.algorithm,
            )
        })
    }

    fn replace_managed(
        manager: &SecretsManager,
        old: &KeyPairHandle,
        new: &KeyPairHandle,
    ) -> Result<Version> {
        let mut version: raw::Version = 0;
        // SAFETY: plain handle arguments; `&mut version` is a writable `u64`.
        check(
            unsafe {
                raw::asymmetric_common::keypair_replace_managed(
                    manager.handle,
                    old.handle,
                    new.handle,
                    &mut version,
                )
            },
            "keypair_replace_managed",
            &new.algorithm,
        )?;
        Ok(Version(version))
    }

    fn managed_id(&self) -> Result<(KeyId, Version)> {
        query_id(|buf, max, len, version| {
            // SAFETY: `buf[..max]` is writable, `len` and `version` are writable, for the call.
            check(
                unsafe { raw::asymmetric_common::keypair_id(self.handle, buf, max, len, version) },
                "keypair_id",
                &self.algorithm,
            )
        })
    }

    fn from_id(
        manager: &SecretsManager,
        algorithm: Name,
        id: &KeyId,
        version: Version,
    ) -> Result<Self> {
        let mut handle: raw::Keypair = 0;
        // SAFETY: `id` is read during the call only; `&mut handle` is a writable `u32`.
        check(
            unsafe {
                raw::asymmetric_common::keypair_from_id(
                    manager.handle,
                    id.0.as_ptr(),
                    id.0.len(),
                    version.0,
                    &mut handle,
                )
            },
            "keypair_from_id",
            &algorithm,
        )?;
        Ok(KeyPairHandle::from_raw(handle, algorithm))
    }
}

/// The managed-key constructors of a key-pair type.
macro_rules! managed_keypair {
    ($ty:ident, $alg:ty, $alg_type:expr, $what:literal) => {
        impl $ty {
            #[doc = concat!("Generates a ", $what, " key pair that the secrets manager stores as")]
            /// version 1 of a new identifier (`keypair_generate_managed`); see
            /// [`managed_id`](Self::managed_id).
            ///
            /// # Errors
            /// As `generate`; [`ErrorKind::UnsupportedFeature`] without a secrets manager.
            pub fn generate_managed(
                manager: &SecretsManager,
                algorithm: impl AlgorithmName<$alg>,
            ) -> Result<Self> {
                let inner = KeyPairHandle::generate_managed(
                    manager,
                    $alg_type,
                    Name::of(&algorithm),
                    None,
                )?;
                Ok($ty { inner })
            }

            /// Stores this key pair as version 1 of a new identifier, which it returns
            /// (`keypair_store_managed`); the pair is then managed (with `wasicrypt-host`: no
            /// longer exportable unless the embedder allows it).
            ///
            /// # Errors
            /// [`ErrorKind::UnsupportedFeature`] without a secrets manager.
            pub fn store_managed(&self, manager: &SecretsManager) -> Result<KeyId> {
                self.inner.store_managed(manager)
            }

            /// Stores `new` as the next version of the managed key pair `old`, which the host
            /// closes, and returns the version (`keypair_replace_managed`); `new` becomes that
            /// version. On error `old` is given back, still open.
            ///
            /// # Errors
            /// [`ErrorKind::UnsupportedFeature`] if `old` is not managed;
            /// [`ErrorKind::IncompatibleKeys`] if the algorithms differ.
            pub fn replace_managed(
                manager: &SecretsManager,
                old: $ty,
                new: &$ty,
            ) -> core::result::Result<Version, (crate::Error, $ty)> {
                match KeyPairHandle::replace_managed(manager, &old.inner, &new.inner) {
                    Ok(version) => {
                        // The host closed `old`.
                        old.inner.into_raw();
                        Ok(version)
                    }
                    Err(e) => Err((e, old)),
                }
            }

            /// The identifier and version of a managed key pair (`keypair_id`).
            ///
            /// # Errors
            /// [`ErrorKind::UnsupportedFeature`] for a key pair that is not managed.
            pub fn managed_id(&self) -> Result<(KeyId, Version)> {
                self.inner.managed_id()
            }

            /// Opens version `version` of the managed key pair `id` (`keypair_from_id`).
            /// `algorithm` is the algorithm the caller expects (the host's key decides).
            ///
            /// # Errors
            /// [`ErrorKind::NotFound`], [`ErrorKind::Expired`];
            /// [`ErrorKind::InvalidOperation`] for [`Version::ALL`].
            pub fn from_id(
                manager: &SecretsManager,
                algorithm: impl AlgorithmName<$alg>,
                id: &KeyId,
                version: Version,
            ) -> Result<Self> {
                let inner = KeyPairHandle::from_id(manager, Name::of(&algorithm), id, version)?;
                Ok($ty { inner })
            }
        }
    };
}

managed_keypair!(
    SignatureKeyPair,
    SignatureAlgorithm,
    AlgorithmType::Signatures,
    "signature"
);
managed_keypair!(
    KxKeyPair,
    KxAlgorithm,
    AlgorithmType::KeyExchange,
    "key-exchange"
);
