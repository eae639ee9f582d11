//! [`CryptoCtx`] operations of the secrets manager and of managed keys (symmetric keys and key
//! pairs): `secrets_manager_*`, `*_generate_managed`, `*_store_managed`, `*_replace_managed`,
//! `*_id` and `*_from_id`.

use std::sync::Arc;

use super::{
    BackendError, Managed, MaterialEncoding, Secret, SecretKind, SecretsConfig, VersionSelector,
    new_id, parse_id,
};
use crate::CryptoCtx;
use crate::asymmetric::{
    AsymmetricAlgorithm, KeyPair, KeyPairEncoding, KeyPairOps, PublicKey, SealedKeyPair, SecretKey,
    SignatureStateOps,
};
use crate::error::{CryptoError, Result};
use crate::handles::Handle;
use crate::options::AlgorithmType;
use crate::symmetric::SymmetricKey;

/// The object behind a `secrets_manager` handle: the context's [`SecretsConfig`] does the work,
/// the handle only has to be open.
#[derive(Debug)]
pub(crate) struct OpenManager;

/// A key pair a secrets manager keeps: every operation of `inner`, plus its identity.
#[derive(Debug)]
struct ManagedKeyPair {
    inner: KeyPair,
    managed: Managed,
}

impl KeyPairOps for ManagedKeyPair {
    fn algorithm(&self) -> AsymmetricAlgorithm {
        self.inner.algorithm()
    }
    fn export(&self, encoding: KeyPairEncoding) -> Result<Vec<u8>> {
        self.inner.export(encoding)
    }
    fn host_export(&self, encoding: KeyPairEncoding) -> Result<Vec<u8>> {
        self.inner.host_export(encoding)
    }
    fn managed(&self) -> Option<&Managed> {
        Some(&self.managed)
    }
    fn public_key(&self) -> Result<PublicKey> {
        self.inner.public_key()
    }
    fn secret_key(&self) -> Result<SecretKey> {
        self.inner.secret_key()
    }
    fn signature_state(
        &self,
        absorb_limit: &crate::absorbed::AbsorbLimit,
        signing: crate::signatures::MlDsaSigning,
    ) -> Result<Box<dyn SignatureStateOps>> {
        self.inner.signature_state(absorb_limit, signing)
    }
}

/// How many random identifiers [`store_new`] tries before it gives up (a collision of 128-bit
/// random identifiers means a broken RNG or backend).
const ID_ATTEMPTS: usize = 4;

/// Stores `secret` under a fresh identifier: (identifier, version 1).
pub(crate) fn store_new(config: &SecretsConfig, secret: &Secret) -> Result<(String, u64)> {
    for _ in 0..ID_ATTEMPTS {
        let id = new_id()?;
        match config.backend.create(&config.namespace, &id, secret) {
            Ok(version) => return Ok((id, version)),
            Err(BackendError::AlreadyExists) => continue,
            Err(e) => return Err(e.into()),
        }
    }
    Err(CryptoError::InternalError)
}

/// The live version `version` (the proposal's value) of `id`, if it is of one of `kinds`:
/// `invalid_operation` for `all`, `not_found` for an identifier this namespace lacks (or of
/// another kind), `expired` once it expired.
pub(crate) fn fetch(
    config: &SecretsConfig,
    id: &[u8],
    version: u64,
    kinds: &[SecretKind],
) -> Result<(String, u64, Secret)> {
    let selector = VersionSelector::from_abi(version);
    if selector == VersionSelector::All {
        return Err(CryptoError::InvalidOperation);
    }
    let id = parse_id(id)?;
    let (version, secret) = config.backend.get(&config.namespace, id, selector)?;
    if !kinds.contains(&secret.kind) {
        return Err(CryptoError::NotFound);
    }
    if secret.expires_at.is_some_and(|t| t <= (config.now)()) {
        return Err(CryptoError::Expired);
    }
    Ok((id.to_owned(), version, secret))
}

/// Revokes `version` (the proposal's value; `unspecified` = `latest`) of `id`, if it is of one
/// of `kinds` (`not_found` otherwise).
pub(crate) fn invalidate(
    config: &SecretsConfig,
    id: &[u8],
    version: u64,
    kinds: &[SecretKind],
) -> Result<()> {
    let id = parse_id(id)?;
    let selector = VersionSelector::from_abi(version);
    let probe = match selector {
        VersionSelector::All => VersionSelector::Latest,
        one => one,
    };
    let (_, secret) = config.backend.get(&config.namespace, id, probe)?;
    if !kinds.contains(&secret.kind) {
        return Err(CryptoError::NotFound);
    }
    Ok(config.backend.revoke(&config.namespace, id, selector)?)
}

const KEY_KINDS: [SecretKind; 3] = [
    SecretKind::SymmetricKey,
    SecretKind::SignatureKeyPair,
    SecretKind::KxKeyPair,
];
const KEYPAIR_KINDS: [SecretKind; 2] = [SecretKind::SignatureKeyPair, SecretKind::KxKeyPair];

/// The proposal's canonical name of an asymmetric algorithm.
fn asymmetric_name(alg: AsymmetricAlgorithm) -> &'static str {
    match alg {
        AsymmetricAlgorithm::Signature(a) => a.name(),
        AsymmetricAlgorithm::Kx(a) => a.name(),
    }
}

impl CryptoCtx {
    /// Gives the context a secrets manager: from now on `secrets_manager_open` succeeds and the
    /// managed-key and external-secret calls work on `config`'s backend and namespace (see
    /// [`crate::secrets`]).
    pub fn set_secrets(&mut self, config: SecretsConfig) {
        self.secrets = Some(config);
    }

    /// [`set_secrets`](Self::set_secrets), by value.
    pub fn with_secrets(mut self, config: SecretsConfig) -> Self {
        self.set_secrets(config);
        self
    }

    /// The configuration, if the guest holds `sm` open: `unsupported_feature` without a secrets
    /// manager, `invalid_handle` for a handle that is not an open manager.
    pub(crate) fn manager(&self, sm: Handle) -> Result<&SecretsConfig> {
        let config = self
            .secrets
            .as_ref()
            .ok_or(CryptoError::UnsupportedFeature)?;
        self.handles.get::<OpenManager>(sm)?;
        Ok(config)
    }

    /// When a key the guest creates now expires ([`SecretsConfig::key_lifetime`]).
    fn key_expiry(config: &SecretsConfig) -> Option<u64> {
        config
            .key_lifetime
            .map(|life| (config.now)().saturating_add(life.as_secs()))
    }

    // ---- wasi_ephemeral_crypto_common ----

    /// `secrets_manager_open`: `unsupported_feature` unless the embedder configured one
    /// ([`set_secrets`](Self::set_secrets)); `options`, if given, must be an open options
    /// handle (its values are not used).
    pub fn secrets_manager_open(&mut self, options: Option<Handle>) -> Result<Handle> {
        if let Some(o) = options {
            self.handles.get::<crate::options::Options>(o)?;
        }
        if self.secrets.is_none() {
            return Err(CryptoError::UnsupportedFeature);
        }
        self.handles.insert(OpenManager)
    }

    /// `secrets_manager_close`. Keys opened through the manager keep working.
    pub fn secrets_manager_close(&mut self, sm: Handle) -> Result<()> {
        self.handles.remove::<OpenManager>(sm).map(drop)
    }

    /// `secrets_manager_invalidate`: revokes one version (`latest`, `unspecified`: the newest
    /// live one) or `all` versions of the managed key `id`; `not_found` if the namespace has no
    /// such live key. Handles already open keep working.
    pub fn secrets_manager_invalidate(
        &mut self,
        sm: Handle,
        id: &[u8],
        version: u64,
    ) -> Result<()> {
        self.meter.charge(crate::metering::SECRETS_BACKEND)?;
        invalidate(self.manager(sm)?, id, version, &KEY_KINDS)
    }

    // ---- wasi_ephemeral_crypto_symmetric ----

    /// `symmetric_key_generate_managed`: a fresh key (as `symmetric_key_generate` makes it),
    /// stored as version 1 of a new identifier.
    pub fn symmetric_key_generate_managed(
        &mut self,
        sm: Handle,
        alg: &str,
        options: Option<Handle>,
    ) -> Result<Handle> {
        self.meter.charge(crate::metering::SECRETS_BACKEND)?;
        // The manager is checked first (its errno comes before the algorithm's) and borrowed
        // again after the name lookup, which updates the context's name memory.
        self.manager(sm)?;
        let alg = self.symmetric_algorithm(alg)?;
        self.symmetric_options(options)?;
        let config = self.manager(sm)?;
        let key = SymmetricKey::generate(alg)?;
        let (id, version) = store_new(config, &symmetric_secret(config, &key))?;
        let key = key.into_managed(Managed { id, version }, config.allow_export);
        self.handles.insert(Arc::new(key))
    }

    /// `symmetric_key_store_managed`: stores `key` as version 1 of a new identifier, which it
    /// returns ([`super::ID_LEN`] bytes); `key` becomes that managed key.
    pub fn symmetric_key_store_managed(&mut self, sm: Handle, key: Handle) -> Result<Vec<u8>> {
        self.meter.charge(crate::metering::SECRETS_BACKEND)?;
        let config = self.manager(sm)?;
        let original = self.handles.get::<Arc<SymmetricKey>>(key)?;
        let (id, version) = store_new(config, &symmetric_secret(config, original))?;
        let managed = original.managed_copy(
            Managed {
                id: id.clone(),
                version,
            },
            config.allow_export,
        );
        *self.handles.get_mut::<Arc<SymmetricKey>>(key)? = Arc::new(managed);
        Ok(id.into_bytes())
    }

    /// `symmetric_key_replace_managed`: stores `new` as the next version of the managed key
    /// `old`, closes `old`, and returns the version; `new` becomes that version.
    /// `unsupported_feature` if `old` is not managed, `incompatible_keys` if the algorithms
    /// differ.
    pub fn symmetric_key_replace_managed(
        &mut self,
        sm: Handle,
        old: Handle,
        new: Handle,
    ) -> Result<u64> {
        self.meter.charge(crate::metering::SECRETS_BACKEND)?;
        let config = self.manager(sm)?;
        let old_key = self.handles.get::<Arc<SymmetricKey>>(old)?;
        let new_key = self.handles.get::<Arc<SymmetricKey>>(new)?;
        let id = old_key
            .managed()
            .ok_or(CryptoError::UnsupportedFeature)?
            .id
            .clone();
        if old_key.alg() != new_key.alg() {
            return Err(CryptoError::IncompatibleKeys);
        }
        let version = config.backend.add_version(
            &config.namespace,
            &id,
            &symmetric_secret(config, new_key),
        )?;
        let managed = new_key.managed_copy(Managed { id, version }, config.allow_export);
        *self.handles.get_mut::<Arc<SymmetricKey>>(new)? = Arc::new(managed);
        if old != new {
            self.handles.remove::<Arc<SymmetricKey>>(old)?;
        }
        Ok(version)
    }

    /// `symmetric_key_id`: (identifier, version) of a managed key; `unsupported_feature` for a
    /// key that is not managed.
    pub fn symmetric_key_id(&self, key: Handle) -> Result<(Vec<u8>, u64)> {
        let key = self.handles.get::<Arc<SymmetricKey>>(key)?;
        let managed = key.managed().ok_or(CryptoError::UnsupportedFeature)?;
        Ok((managed.id.clone().into_bytes(), managed.version))
    }

    /// `symmetric_key_from_id`: opens version `version` of the managed key `id` as a handle.
    /// `not_found` (no such live key in the namespace), `expired`, `invalid_operation` for
    /// `version.all`.
    pub fn symmetric_key_from_id(&mut self, sm: Handle, id: &[u8], version: u64) -> Result<Handle> {
        self.meter.charge(crate::metering::SECRETS_BACKEND)?;
        let config = self.manager(sm)?;
        let (id, version, secret) = fetch(config, id, version, &[SecretKind::SymmetricKey])?;
        let allow_export = config.allow_export;
        let alg = self.symmetric_algorithm(&secret.algorithm)?;
        let key = SymmetricKey::import(alg, &secret.material)?
            .into_managed(Managed { id, version }, allow_export);
        self.handles.insert(Arc::new(key))
    }

    // ---- wasi_ephemeral_crypto_asymmetric_common ----

    /// The key pair `kp` as the guest will hold it, managed under `managed`.
    fn managed_keypair(config: &SecretsConfig, kp: KeyPair, managed: Managed) -> KeyPair {
        let inner: KeyPair = if config.allow_export {
            kp
        } else {
            Arc::new(SealedKeyPair(kp))
        };
        Arc::new(ManagedKeyPair { inner, managed })
    }

    /// `keypair_generate_managed`: a fresh key pair (as `keypair_generate` makes it), stored as
    /// version 1 of a new identifier.
    pub fn keypair_generate_managed(
        &mut self,
        sm: Handle,
        alg_type: AlgorithmType,
        alg: &str,
        options: Option<Handle>,
    ) -> Result<Handle> {
        self.meter.charge(crate::metering::SECRETS_BACKEND)?;
        self.manager(sm)?;
        let alg = self.resolve(alg_type, alg)?;
        self.check_options(alg_type, options)?;
        self.meter.charge(crate::metering::keypair_generate(alg))?;
        let kp = crate::asymmetric::generate(alg)?;
        let config = self.manager(sm)?;
        let (id, version) = store_new(config, &keypair_secret(config, &*kp)?)?;
        let kp = Self::managed_keypair(config, kp, Managed { id, version });
        self.handles.insert(kp)
    }

    /// `keypair_store_managed`: stores `kp` as version 1 of a new identifier, which it returns
    /// ([`super::ID_LEN`] bytes); `kp` becomes that managed key pair.
    pub fn keypair_store_managed(&mut self, sm: Handle, kp: Handle) -> Result<Vec<u8>> {
        self.meter.charge(crate::metering::SECRETS_BACKEND)?;
        let config = self.manager(sm)?;
        let original = self.keypair(kp)?;
        let (id, version) = store_new(config, &keypair_secret(config, &*original)?)?;
        let managed = Self::managed_keypair(
            config,
            original,
            Managed {
                id: id.clone(),
                version,
            },
        );
        *self.handles.get_mut::<KeyPair>(kp)? = managed;
        Ok(id.into_bytes())
    }

    /// `keypair_replace_managed`: stores `new` as the next version of the managed key pair
    /// `old`, closes `old`, and returns the version; `new` becomes that version.
    /// `unsupported_feature` if `old` is not managed, `incompatible_keys` if the algorithms
    /// differ.
    pub fn keypair_replace_managed(&mut self, sm: Handle, old: Handle, new: Handle) -> Result<u64> {
        self.meter.charge(crate::metering::SECRETS_BACKEND)?;
        let config = self.manager(sm)?;
        let (old_kp, new_kp) = (self.keypair(old)?, self.keypair(new)?);
        let id = old_kp
            .managed()
            .ok_or(CryptoError::UnsupportedFeature)?
            .id
            .clone();
        if old_kp.algorithm() != new_kp.algorithm() {
            return Err(CryptoError::IncompatibleKeys);
        }
        let secret = keypair_secret(config, &*new_kp)?;
        let version = config
            .backend
            .add_version(&config.namespace, &id, &secret)?;
        let managed = Self::managed_keypair(config, new_kp, Managed { id, version });
        *self.handles.get_mut::<KeyPair>(new)? = managed;
        if old != new {
            self.handles.remove::<KeyPair>(old)?;
        }
        Ok(version)
    }

    /// `keypair_id`: (identifier, version) of a managed key pair; `unsupported_feature` for one
    /// that is not managed.
    pub fn keypair_id(&self, kp: Handle) -> Result<(Vec<u8>, u64)> {
        let kp = self.keypair(kp)?;
        let managed = kp.managed().ok_or(CryptoError::UnsupportedFeature)?;
        Ok((managed.id.clone().into_bytes(), managed.version))
    }

    /// `keypair_from_id`: opens version `version` of the managed key pair `id` as a handle.
    /// `not_found` (no such live key pair in the namespace), `expired`, `invalid_operation` for
    /// `version.all`.
    pub fn keypair_from_id(&mut self, sm: Handle, id: &[u8], version: u64) -> Result<Handle> {
        self.meter.charge(crate::metering::SECRETS_BACKEND)?;
        let config = self.manager(sm)?;
        let (id, version, secret) = fetch(config, id, version, &KEYPAIR_KINDS)?;
        let alg_type = match secret.kind {
            SecretKind::SignatureKeyPair => AlgorithmType::Signatures,
            _ => AlgorithmType::KeyExchange,
        };
        let encoding = match secret.encoding {
            MaterialEncoding::Pkcs8 => KeyPairEncoding::Pkcs8,
            MaterialEncoding::Raw => KeyPairEncoding::Raw,
        };
        let kp = self.parse_keypair(alg_type, &secret.algorithm, &secret.material, encoding)?;
        let kp = Self::managed_keypair(self.manager(sm)?, kp, Managed { id, version });
        self.handles.insert(kp)
    }
}

/// A symmetric key as a secret to store.
fn symmetric_secret(config: &SecretsConfig, key: &SymmetricKey) -> Secret {
    Secret {
        kind: SecretKind::SymmetricKey,
        algorithm: key.alg().name().to_owned(),
        encoding: MaterialEncoding::Raw,
        material: zeroize::Zeroizing::new(key.raw().to_vec()),
        expires_at: CryptoCtx::key_expiry(config),
    }
}

/// A key pair as a secret to store: PKCS#8 where the algorithm has it, its raw encoding
/// otherwise.
fn keypair_secret(config: &SecretsConfig, kp: &dyn KeyPairOps) -> Result<Secret> {
    let alg = kp.algorithm();
    let (encoding, material) = match kp.host_export(KeyPairEncoding::Pkcs8) {
        Ok(der) => (MaterialEncoding::Pkcs8, der),
        Err(CryptoError::UnsupportedEncoding) => {
            (MaterialEncoding::Raw, kp.host_export(KeyPairEncoding::Raw)?)
        }
        Err(e) => return Err(e),
    };
    Ok(Secret {
        kind: match alg {
            AsymmetricAlgorithm::Signature(_) => SecretKind::SignatureKeyPair,
            AsymmetricAlgorithm::Kx(_) => SecretKind::KxKeyPair,
        },
        algorithm: asymmetric_name(alg).to_owned(),
        encoding,
        material: zeroize::Zeroizing::new(material),
        expires_at: CryptoCtx::key_expiry(config),
    })
}
