//! [`CryptoCtx`] operations of `wasi_ephemeral_crypto_external_secrets`.
//!
//! An encapsulated secret is
//! `"WXS1" ‖ key version (u64 BE) ‖ expiration (u64 BE) ‖ nonce (24) ‖ ciphertext ‖ tag (16)`:
//! XChaCha20-Poly1305 under version *key version* of the namespace's encapsulation key, the
//! 20-byte header and the namespace as associated data. Only the secrets manager holds the key;
//! rotating it (a new version) leaves older encapsulations readable until their version is
//! revoked.

use super::managed::{fetch, invalidate, store_new};
use super::sealing::Sealer;
use super::{
    BackendError, MaterialEncoding, Secret, SecretKind, SecretsConfig, VersionSelector, parse_id,
};
use crate::CryptoCtx;
use crate::error::{CryptoError, Result};
use crate::handles::Handle;

/// The reserved identifier of the namespace's encapsulation key. It is not 32 hex digits, so
/// no guest identifier can name it.
pub const ENCAPSULATION_KEY_ID: &str = "encapsulation-key";
const MAGIC: &[u8; 4] = b"WXS1";
const HEADER_LEN: usize = 4 + 8 + 8;

/// `prohibited_operation` for a secret above [`SecretsConfig::max_secret_bytes`], `expired`
/// for an expiration already past; the expiry to store (`u64::MAX`: none).
fn admit(config: &SecretsConfig, secret: &[u8], expiration: u64) -> Result<Option<u64>> {
    if secret.len() > config.max_secret_bytes {
        return Err(CryptoError::ProhibitedOperation);
    }
    if expiration <= (config.now)() {
        return Err(CryptoError::Expired);
    }
    Ok((expiration != u64::MAX).then_some(expiration))
}

fn external(secret: &[u8], expires_at: Option<u64>) -> Secret {
    Secret {
        kind: SecretKind::External,
        algorithm: String::new(),
        encoding: MaterialEncoding::Raw,
        material: zeroize::Zeroizing::new(secret.to_vec()),
        expires_at,
    }
}

/// A fresh encapsulation key.
fn fresh_encapsulation_key() -> Result<Secret> {
    let mut key = zeroize::Zeroizing::new(vec![0u8; 32]);
    crate::rng::fill(&mut key)?;
    Ok(Secret {
        kind: SecretKind::EncapsulationKey,
        algorithm: String::new(),
        encoding: MaterialEncoding::Raw,
        material: key,
        expires_at: None,
    })
}

/// For operators: gives `namespace`'s encapsulation key (the key `external_secret_encapsulate`
/// seals under) a new version, made from the OS CSPRNG, and returns it. New encapsulations use
/// it; older ones still decapsulate until their version is revoked
/// (`backend.revoke(namespace, ENCAPSULATION_KEY_ID, VersionSelector::Exact(v))`, after which
/// they are `verification_failed`). The namespace gets version 1 if it had none.
///
/// # Errors
/// `rng_error`; the backend's failure as `internal_error`.
pub fn rotate_encapsulation_key(
    backend: &dyn super::SecretsBackend,
    namespace: &str,
) -> Result<u64> {
    let secret = fresh_encapsulation_key()?;
    match backend.add_version(namespace, ENCAPSULATION_KEY_ID, &secret) {
        Err(BackendError::NotFound) => {
            match backend.create(namespace, ENCAPSULATION_KEY_ID, &secret) {
                Err(BackendError::AlreadyExists) => {
                    Ok(backend.add_version(namespace, ENCAPSULATION_KEY_ID, &secret)?)
                }
                other => Ok(other?),
            }
        }
        other => Ok(other?),
    }
}

/// The namespace's encapsulation key of version `version` (latest: made on first use).
fn encapsulation_key(config: &SecretsConfig, version: VersionSelector) -> Result<(u64, Sealer)> {
    let found = config
        .backend
        .get(&config.namespace, ENCAPSULATION_KEY_ID, version);
    let (version, secret) = match found {
        Ok(found) => found,
        Err(BackendError::NotFound) if version == VersionSelector::Latest => {
            let secret = fresh_encapsulation_key()?;
            match config
                .backend
                .create(&config.namespace, ENCAPSULATION_KEY_ID, &secret)
            {
                // Another context made it first: use theirs.
                Ok(_) | Err(BackendError::AlreadyExists) => config.backend.get(
                    &config.namespace,
                    ENCAPSULATION_KEY_ID,
                    VersionSelector::Latest,
                )?,
                Err(e) => return Err(e.into()),
            }
        }
        Err(e) => return Err(e.into()),
    };
    if secret.kind != SecretKind::EncapsulationKey {
        return Err(CryptoError::InternalError);
    }
    let key: &[u8; 32] = secret
        .material
        .as_slice()
        .try_into()
        .map_err(|_| CryptoError::InternalError)?;
    Ok((version, Sealer::from_key(key)))
}

fn associated_data(header: &[u8], namespace: &str) -> Vec<u8> {
    let mut ad = Vec::with_capacity(header.len() + namespace.len());
    ad.extend_from_slice(header);
    ad.extend_from_slice(namespace.as_bytes());
    ad
}

impl CryptoCtx {
    /// `external_secret_store`: stores `secret`, valid until `expiration` (seconds since the
    /// UNIX epoch; `u64::MAX`: never), as version 1 of a new identifier, which it returns
    /// ([`super::ID_LEN`] bytes). `expired` if `expiration` is past, `prohibited_operation`
    /// above [`SecretsConfig::max_secret_bytes`].
    pub fn external_secret_store(
        &mut self,
        sm: Handle,
        secret: &[u8],
        expiration: u64,
    ) -> Result<Vec<u8>> {
        self.meter.charge(crate::metering::SECRETS_BACKEND)?;
        let config = self.manager(sm)?;
        let expires_at = admit(config, secret, expiration)?;
        let (id, _) = store_new(config, &external(secret, expires_at))?;
        Ok(id.into_bytes())
    }

    /// `external_secret_replace`: stores `secret` as the next version of `id` and returns it;
    /// `not_found` if the namespace has no live external secret `id`.
    pub fn external_secret_replace(
        &mut self,
        sm: Handle,
        secret: &[u8],
        expiration: u64,
        id: &[u8],
    ) -> Result<u64> {
        self.meter.charge(crate::metering::SECRETS_BACKEND)?;
        let config = self.manager(sm)?;
        let expires_at = admit(config, secret, expiration)?;
        let id = parse_id(id)?;
        let (_, current) = config
            .backend
            .get(&config.namespace, id, VersionSelector::Latest)?;
        if current.kind != SecretKind::External {
            return Err(CryptoError::NotFound);
        }
        Ok(config
            .backend
            .add_version(&config.namespace, id, &external(secret, expires_at))?)
    }

    /// `external_secret_from_id`: a copy of version `version` of `id`, as an `array_output`.
    /// `not_found`, `expired`, `invalid_operation` for `version.all`.
    pub fn external_secret_from_id(
        &mut self,
        sm: Handle,
        id: &[u8],
        version: u64,
    ) -> Result<Handle> {
        self.meter.charge(crate::metering::SECRETS_BACKEND)?;
        let config = self.manager(sm)?;
        let (_, _, secret) = fetch(config, id, version, &[SecretKind::External])?;
        self.new_array_output(secret.material.to_vec())
    }

    /// `external_secret_invalidate`: revokes one version (`latest`, `unspecified`: the newest
    /// live one) or `all` versions of `id`; `not_found` if nothing live matched.
    pub fn external_secret_invalidate(
        &mut self,
        sm: Handle,
        id: &[u8],
        version: u64,
    ) -> Result<()> {
        self.meter.charge(crate::metering::SECRETS_BACKEND)?;
        invalidate(self.manager(sm)?, id, version, &[SecretKind::External])
    }

    /// `external_secret_encapsulate`: `secret` and `expiration` sealed under the namespace's
    /// encapsulation key (the format is in [`crate::secrets`]), as an `array_output` of
    /// `secret.len() + 60` bytes. `expired`, `prohibited_operation` as for
    /// [`external_secret_store`](Self::external_secret_store).
    pub fn external_secret_encapsulate(
        &mut self,
        sm: Handle,
        secret: &[u8],
        expiration: u64,
    ) -> Result<Handle> {
        self.meter.charge(crate::metering::SECRETS_BACKEND)?;
        let config = self.manager(sm)?;
        admit(config, secret, expiration)?;
        let (version, sealer) = encapsulation_key(config, VersionSelector::Latest)?;
        let mut out = Vec::with_capacity(HEADER_LEN + secret.len() + 40);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&version.to_be_bytes());
        out.extend_from_slice(&expiration.to_be_bytes());
        let sealed = sealer.seal(&associated_data(&out, &config.namespace), secret)?;
        out.extend_from_slice(&sealed);
        self.new_array_output(out)
    }

    /// `external_secret_decapsulate`: the secret of an [`external_secret_encapsulate`]d
    /// ciphertext, as an `array_output`. `verification_failed` for anything this namespace's
    /// manager did not make or that was changed (or whose key version was revoked), `expired`
    /// once its expiration passed.
    ///
    /// [`external_secret_encapsulate`]: Self::external_secret_encapsulate
    pub fn external_secret_decapsulate(
        &mut self,
        sm: Handle,
        encapsulated: &[u8],
    ) -> Result<Handle> {
        self.meter.charge(crate::metering::SECRETS_BACKEND)?;
        let config = self.manager(sm)?;
        let (header, sealed) = encapsulated
            .split_at_checked(HEADER_LEN)
            .ok_or(CryptoError::VerificationFailed)?;
        if &header[..4] != MAGIC {
            return Err(CryptoError::VerificationFailed);
        }
        let field =
            |at: usize| u64::from_be_bytes(header[at..at + 8].try_into().expect("8-byte field"));
        let (version, expiration) = (field(4), field(12));
        let (_, sealer) = match encapsulation_key(config, VersionSelector::Exact(version)) {
            Err(CryptoError::NotFound) => return Err(CryptoError::VerificationFailed),
            other => other?,
        };
        let secret = sealer
            .open(&associated_data(header, &config.namespace), sealed)
            .ok_or(CryptoError::VerificationFailed)?;
        if expiration <= (config.now)() {
            return Err(CryptoError::Expired);
        }
        self.new_array_output(secret.to_vec())
    }
}
