//! Encryption at rest: the [`MasterKey`] an embedder supplies, and the [`Sealer`] that vaults
//! derive from it to encrypt every record (XChaCha20-Poly1305, RFC 8439 with a 192-bit random
//! nonce, keyed by HKDF-SHA256 (RFC 5869) of the master key and the vault's salt).

use std::fmt;
use std::path::Path;

use chacha20poly1305::XChaCha20Poly1305;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use zeroize::Zeroizing;

use super::BackendError;

/// Bytes of a master key.
const MASTER_KEY_LEN: usize = 32;
/// Bytes of the random nonce in front of every sealed record.
const NONCE_LEN: usize = 24;
/// Bytes of the Poly1305 tag at the end of every sealed record.
const TAG_LEN: usize = 16;

/// The 256-bit key a vault's records are encrypted under. The embedder supplies it: from a
/// file, an environment variable or its own source. Wiped on drop; `Debug` does not print it.
#[derive(Clone)]
pub struct MasterKey(Zeroizing<[u8; MASTER_KEY_LEN]>);

impl fmt::Debug for MasterKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("MasterKey(<32 bytes>)")
    }
}

/// Why a master key could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum MasterKeyError {
    /// Not 32 bytes, nor 64 hex digits (surrounding whitespace ignored).
    #[error("a master key is 32 bytes or 64 hex digits")]
    Malformed,
    /// The file could not be read.
    #[error("cannot read master key file: {0}")]
    Io(#[from] std::io::Error),
    /// The environment variable is not set or not Unicode.
    #[error("environment variable {0} is not set")]
    MissingVariable(String),
}

impl MasterKey {
    /// The key `bytes`.
    pub fn from_bytes(bytes: [u8; MASTER_KEY_LEN]) -> Self {
        MasterKey(Zeroizing::new(bytes))
    }

    /// A fresh random key from the OS CSPRNG (for `wasicrypt secrets init`).
    ///
    /// # Errors
    /// `rng_error` if the OS has no randomness to give.
    pub fn generate() -> crate::Result<Self> {
        let mut key = Zeroizing::new([0u8; MASTER_KEY_LEN]);
        crate::rng::fill(&mut key[..])?;
        Ok(MasterKey(key))
    }

    /// A key from its encoding: 32 raw bytes, or 64 hex digits with optional surrounding
    /// whitespace (what [`to_hex`](Self::to_hex) writes).
    ///
    /// # Errors
    /// [`MasterKeyError::Malformed`] for anything else.
    pub fn from_encoded(encoded: &[u8]) -> Result<Self, MasterKeyError> {
        if let Ok(raw) = <[u8; MASTER_KEY_LEN]>::try_from(encoded) {
            return Ok(Self::from_bytes(raw));
        }
        let text = encoded.trim_ascii();
        if text.len() != 2 * MASTER_KEY_LEN {
            return Err(MasterKeyError::Malformed);
        }
        let mut key = Zeroizing::new([0u8; MASTER_KEY_LEN]);
        for (byte, pair) in key.iter_mut().zip(text.chunks_exact(2)) {
            let digits = std::str::from_utf8(pair).map_err(|_| MasterKeyError::Malformed)?;
            *byte = u8::from_str_radix(digits, 16).map_err(|_| MasterKeyError::Malformed)?;
        }
        Ok(MasterKey(key))
    }

    /// The key in the file at `path` (see [`from_encoded`](Self::from_encoded)).
    ///
    /// # Errors
    /// [`MasterKeyError::Io`] if the file cannot be read, [`MasterKeyError::Malformed`] if it
    /// holds no key.
    pub fn from_file(path: impl AsRef<Path>) -> Result<Self, MasterKeyError> {
        let bytes = Zeroizing::new(std::fs::read(path)?);
        Self::from_encoded(&bytes)
    }

    /// The key in the environment variable `name`, as 64 hex digits.
    ///
    /// # Errors
    /// [`MasterKeyError::MissingVariable`] if it is unset, [`MasterKeyError::Malformed`] if it
    /// holds no key.
    pub fn from_env(name: &str) -> Result<Self, MasterKeyError> {
        let value = Zeroizing::new(
            std::env::var(name).map_err(|_| MasterKeyError::MissingVariable(name.to_owned()))?,
        );
        Self::from_encoded(value.as_bytes())
    }

    /// The key as 64 lowercase hex digits (to write a key file).
    pub fn to_hex(&self) -> Zeroizing<String> {
        Zeroizing::new(self.0.iter().map(|b| format!("{b:02x}")).collect())
    }

    /// The record cipher of a vault whose salt is `salt`.
    #[cfg_attr(not(any(feature = "sqlite", feature = "postgres")), allow(dead_code))]
    pub(crate) fn sealer(&self, salt: &[u8]) -> Sealer {
        let mut key = Zeroizing::new([0u8; 32]);
        hkdf::Hkdf::<sha2::Sha256>::new(Some(salt), &self.0[..])
            .expand(b"wasicrypt vault record key v1", &mut key[..])
            .expect("32 bytes is a valid HKDF-SHA256 output length");
        Sealer(XChaCha20Poly1305::new_from_slice(&key[..]).expect("XChaCha20 takes 32-byte keys"))
    }
}

/// Encrypts and authenticates records of one vault.
pub(crate) struct Sealer(XChaCha20Poly1305);

impl fmt::Debug for Sealer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sealer(..)")
    }
}

/// The plaintext of the check value a vault stores, sealed, to recognise its master key.
#[cfg_attr(not(any(feature = "sqlite", feature = "postgres")), allow(dead_code))]
const CHECK: &[u8] = b"wasicrypt vault v1";

impl Sealer {
    /// The cipher of the 256-bit `key` itself (no derivation).
    pub(crate) fn from_key(key: &[u8; 32]) -> Self {
        Sealer(XChaCha20Poly1305::new(key.into()))
    }

    /// `nonce ‖ ciphertext ‖ tag` of `plaintext`, bound to `ad` (the record's metadata).
    pub(crate) fn seal(&self, ad: &[u8], plaintext: &[u8]) -> crate::Result<Vec<u8>> {
        let mut nonce = [0u8; NONCE_LEN];
        crate::rng::fill(&mut nonce)?;
        let sealed = self
            .0
            .encrypt(
                (&nonce).into(),
                Payload {
                    msg: plaintext,
                    aad: ad,
                },
            )
            .map_err(|_| crate::CryptoError::AlgorithmFailure)?;
        let mut out = Vec::with_capacity(NONCE_LEN + sealed.len());
        out.extend_from_slice(&nonce);
        out.extend_from_slice(&sealed);
        Ok(out)
    }

    /// The plaintext of a [`seal`](Self::seal)ed record, if it is intact and bound to `ad`.
    pub(crate) fn open(&self, ad: &[u8], sealed: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
        if sealed.len() < NONCE_LEN + TAG_LEN {
            return None;
        }
        let (nonce, body) = sealed.split_at(NONCE_LEN);
        let nonce: &[u8; NONCE_LEN] = nonce.try_into().ok()?;
        self.0
            .decrypt(nonce.into(), Payload { msg: body, aad: ad })
            .ok()
            .map(Zeroizing::new)
    }

    /// A sealed check value, stored once per vault.
    #[cfg_attr(not(any(feature = "sqlite", feature = "postgres")), allow(dead_code))]
    pub(crate) fn check_value(&self) -> crate::Result<Vec<u8>> {
        self.seal(b"check", CHECK)
    }

    /// `Ok` if `sealed` is this key's check value; [`BackendError::WrongMasterKey`] otherwise.
    #[cfg_attr(not(any(feature = "sqlite", feature = "postgres")), allow(dead_code))]
    pub(crate) fn verify_check(&self, sealed: &[u8]) -> Result<(), BackendError> {
        match self.open(b"check", sealed) {
            Some(plain) if plain.as_slice() == CHECK => Ok(()),
            _ => Err(BackendError::WrongMasterKey),
        }
    }
}

/// The associated data binding a record's ciphertext to where and what it is: a record moved to
/// another namespace, identifier or version, or with its metadata edited, does not decrypt.
#[cfg_attr(not(any(feature = "sqlite", feature = "postgres")), allow(dead_code))]
pub(crate) fn record_ad(
    namespace: &str,
    id: &str,
    version: u64,
    secret: &super::Secret,
) -> Vec<u8> {
    let mut ad = Vec::with_capacity(64 + namespace.len() + secret.algorithm.len());
    for field in [
        namespace.as_bytes(),
        id.as_bytes(),
        secret.kind.as_str().as_bytes(),
        secret.algorithm.as_bytes(),
        secret.encoding.as_str().as_bytes(),
    ] {
        ad.extend_from_slice(&(field.len() as u64).to_be_bytes());
        ad.extend_from_slice(field);
    }
    ad.extend_from_slice(&version.to_be_bytes());
    ad.extend_from_slice(&secret.expires_at.unwrap_or(u64::MAX).to_be_bytes());
    ad
}

/// Bytes of the random salt each vault derives its record key with.
#[cfg_attr(not(any(feature = "sqlite", feature = "postgres")), allow(dead_code))]
const SALT_LEN: usize = 16;

/// The `vault_meta` rows of a vault: (name, value).
pub(crate) type MetaRows = [(&'static str, Vec<u8>); 3];

/// A new vault's record cipher and the `vault_meta` rows to store with it: `format`, the random
/// `salt` and the sealed key `check`.
#[cfg_attr(not(any(feature = "sqlite", feature = "postgres")), allow(dead_code))]
pub(crate) fn new_vault(key: &MasterKey) -> Result<(Sealer, MetaRows), BackendError> {
    let mut salt = [0u8; SALT_LEN];
    crate::rng::fill(&mut salt)
        .map_err(|_| BackendError::Unavailable("the OS random generator failed".into()))?;
    let sealer = key.sealer(&salt);
    let check = sealer
        .check_value()
        .map_err(|_| BackendError::Unavailable("sealing failed".into()))?;
    Ok((
        sealer,
        [
            ("format", b"1".to_vec()),
            ("salt", salt.to_vec()),
            ("check", check),
        ],
    ))
}

/// The record cipher of an existing vault from its `salt` and `check` rows:
/// [`BackendError::Corrupt`] if one is missing, [`BackendError::WrongMasterKey`] if `key` is not
/// the vault's.
#[cfg_attr(not(any(feature = "sqlite", feature = "postgres")), allow(dead_code))]
pub(crate) fn unlock(
    key: &MasterKey,
    salt: Option<Vec<u8>>,
    check: Option<Vec<u8>>,
) -> Result<Sealer, BackendError> {
    let (Some(salt), Some(check)) = (salt, check) else {
        return Err(BackendError::Corrupt("the vault has no key check".into()));
    };
    let sealer = key.sealer(&salt);
    sealer.verify_check(&check)?;
    Ok(sealer)
}

/// The ciphertext a vault stores for version `version` of `id`.
#[cfg_attr(not(any(feature = "sqlite", feature = "postgres")), allow(dead_code))]
pub(crate) fn seal_record(
    sealer: &Sealer,
    namespace: &str,
    id: &str,
    version: u64,
    secret: &super::Secret,
) -> Result<Vec<u8>, BackendError> {
    let ad = record_ad(namespace, id, version, secret);
    sealer
        .seal(&ad, &secret.material)
        .map_err(|_| BackendError::Unavailable("sealing failed".into()))
}

/// Databases store signed 64-bit integers: versions and times go bit for bit.
#[cfg_attr(not(any(feature = "sqlite", feature = "postgres")), allow(dead_code))]
pub(crate) fn to_signed(v: u64) -> i64 {
    i64::from_ne_bytes(v.to_ne_bytes())
}

/// The inverse of [`to_signed`].
#[cfg_attr(not(any(feature = "sqlite", feature = "postgres")), allow(dead_code))]
pub(crate) fn from_signed(v: i64) -> u64 {
    u64::from_ne_bytes(v.to_ne_bytes())
}

/// The secret a vault row holds, decrypted and checked against its metadata:
/// [`BackendError::Corrupt`] for an unknown kind or encoding, or a ciphertext that does not
/// open under the row's place and metadata.
#[cfg_attr(not(any(feature = "sqlite", feature = "postgres")), allow(dead_code))]
#[allow(clippy::too_many_arguments)]
pub(crate) fn open_record(
    sealer: &Sealer,
    namespace: &str,
    id: &str,
    version: u64,
    kind: &str,
    algorithm: String,
    encoding: &str,
    expires_at: Option<u64>,
    sealed: &[u8],
) -> Result<super::Secret, BackendError> {
    let corrupt =
        || BackendError::Corrupt(format!("record {namespace}/{id} v{version} is damaged"));
    let mut secret = super::Secret {
        kind: super::SecretKind::from_name(kind).ok_or_else(corrupt)?,
        algorithm,
        encoding: super::MaterialEncoding::from_name(encoding).ok_or_else(corrupt)?,
        material: Zeroizing::new(Vec::new()),
        expires_at,
    };
    let ad = record_ad(namespace, id, version, &secret);
    secret.material = sealer.open(&ad, sealed).ok_or_else(corrupt)?;
    Ok(secret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn master_keys_parse_from_raw_bytes_and_hex() {
        let key = MasterKey::from_bytes([7; 32]);
        let hex = key.to_hex();
        assert_eq!(hex.as_str(), "07".repeat(32));
        let again = MasterKey::from_encoded(format!("  {}\n", hex.as_str()).as_bytes()).unwrap();
        assert_eq!(again.0, key.0);
        assert_eq!(MasterKey::from_encoded(&[7; 32]).unwrap().0, key.0);
        for bad in [&b""[..], &[7; 31], &[b'0'; 63], &[b'g'; 64]] {
            assert!(matches!(
                MasterKey::from_encoded(bad),
                Err(MasterKeyError::Malformed)
            ));
        }
        assert_eq!(format!("{key:?}"), "MasterKey(<32 bytes>)");
    }

    #[test]
    fn sealed_records_open_only_with_their_key_salt_and_metadata() {
        let sealer = MasterKey::from_bytes([1; 32]).sealer(b"salt");
        let sealed = sealer.seal(b"ad", b"secret").unwrap();
        assert_eq!(sealed.len(), NONCE_LEN + 6 + TAG_LEN);
        assert_eq!(sealer.open(b"ad", &sealed).unwrap().as_slice(), b"secret");
        assert!(sealer.open(b"ae", &sealed).is_none());
        let mut flipped = sealed.clone();
        flipped[NONCE_LEN] ^= 1;
        assert!(sealer.open(b"ad", &flipped).is_none());
        assert!(
            sealer
                .open(b"ad", &sealed[..NONCE_LEN + TAG_LEN - 1])
                .is_none()
        );
        let other_salt = MasterKey::from_bytes([1; 32]).sealer(b"pepper");
        assert!(other_salt.open(b"ad", &sealed).is_none());
        let other_key = MasterKey::from_bytes([2; 32]).sealer(b"salt");
        assert!(other_key.open(b"ad", &sealed).is_none());
        let check = sealer.check_value().unwrap();
        sealer.verify_check(&check).unwrap();
        assert!(matches!(
            other_key.verify_check(&check),
            Err(BackendError::WrongMasterKey)
        ));
    }
}
