//! Managed keys and external secrets through `wasicrypt::secrets`, under a host whose embedder
//! configured a secrets manager: ids and versions, replace and invalidate, keys that work but do
//! not export, and the exact error of each bad input.

use wasicrypt::raw;
use wasicrypt::secrets::{KeyId, SecretsManager, Version};
use wasicrypt::{
    Aead, ErrorKind, KeyPairEncoding, KxKeyPair, SignatureKeyPair, SymmetricAlgorithm, SymmetricKey,
};
use wasicrypt_test_programs::harness::{
    Context, Harness, ensure, ensure_bytes, ensure_eq, ensure_err, ensure_errno,
};

fn manager() -> Result<SecretsManager, String> {
    SecretsManager::open().ctx("secrets_manager_open")
}

fn seal(key: &SymmetricKey, msg: &[u8]) -> Result<Vec<u8>, String> {
    Aead::new(SymmetricAlgorithm::Aes256Gcm, key, &[9; 12], b"ad")
        .ctx("aead")?
        .seal(msg)
        .ctx("seal")
}

fn main() {
    let mut h = Harness::new();

    h.check(
        "a generated managed key works, has an id and version 1, never exports",
        || {
            let sm = manager()?;
            let key = SymmetricKey::generate_managed(&sm, SymmetricAlgorithm::Aes256Gcm, None)
                .ctx("generate_managed")?;
            let (id, version) = key.managed_id().ctx("managed_id")?;
            ensure_eq("id length", id.as_bytes().len(), KeyId::LEN)?;
            ensure_eq("version", version, Version(1))?;
            ensure_err("export", key.export(), ErrorKind::ProhibitedOperation)?;
            let sealed = seal(&key, b"hello")?;
            let again =
                SymmetricKey::from_id(&sm, SymmetricAlgorithm::Aes256Gcm, &id, Version::LATEST)
                    .ctx("from_id")?;
            ensure_bytes("same key by id", &seal(&again, b"hello")?, &sealed)?;
            ensure_eq("algorithm", again.algorithm(), "AES-256-GCM")
        },
    );

    h.check(
        "replace adds a version and closes the old key; invalidate removes one",
        || {
            let sm = manager()?;
            let old = SymmetricKey::generate_managed(&sm, "AES-256-GCM", None).ctx("generate")?;
            let (id, _) = old.managed_id().ctx("id")?;
            let v1 = seal(&old, b"m")?;
            let new = SymmetricKey::generate("AES-256-GCM", None).ctx("generate new")?;
            let version =
                SymmetricKey::replace_managed(&sm, old, &new).map_err(|(e, _)| e.to_string())?;
            ensure_eq("new version", version, Version(2))?;
            ensure_eq(
                "new key's id",
                new.managed_id().ctx("id")?,
                (id.clone(), Version(2)),
            )?;
            let v2 = seal(&new, b"m")?;
            let latest =
                SymmetricKey::from_id(&sm, "AES-256-GCM", &id, Version::LATEST).ctx("latest")?;
            ensure_bytes("latest", &seal(&latest, b"m")?, &v2)?;
            let first = SymmetricKey::from_id(&sm, "AES-256-GCM", &id, Version(1)).ctx("v1")?;
            ensure_bytes("version 1", &seal(&first, b"m")?, &v1)?;
            sm.invalidate(&id, Version::LATEST).ctx("invalidate")?;
            ensure_err(
                "v2 after invalidate",
                SymmetricKey::from_id(&sm, "AES-256-GCM", &id, Version(2)),
                ErrorKind::NotFound,
            )?;
            sm.invalidate(&id, Version::ALL).ctx("invalidate all")?;
            ensure_err(
                "after invalidate all",
                SymmetricKey::from_id(&sm, "AES-256-GCM", &id, Version::LATEST),
                ErrorKind::NotFound,
            )?;
            // The handle already open still works.
            ensure_bytes("open handle", &seal(&new, b"m")?, &v2)
        },
    );

    h.check(
        "bad ids, versions and replacements get their errors",
        || {
            let sm = manager()?;
            let key = SymmetricKey::generate_managed(&sm, "HMAC/SHA-256", None).ctx("generate")?;
            let (id, _) = key.managed_id().ctx("id")?;
            for bad in ["", "not-an-id", "0123456789abcdef0123456789abcdef"] {
                ensure_err(
                    bad,
                    SymmetricKey::from_id(&sm, "HMAC/SHA-256", &KeyId::from(bad), Version::LATEST),
                    ErrorKind::NotFound,
                )?;
            }
            ensure_err(
                "version 7",
                SymmetricKey::from_id(&sm, "HMAC/SHA-256", &id, Version(7)),
                ErrorKind::NotFound,
            )?;
            ensure_err(
                "version all",
                SymmetricKey::from_id(&sm, "HMAC/SHA-256", &id, Version::ALL),
                ErrorKind::InvalidOperation,
            )?;
            ensure_err(
                "a key pair by a symmetric id",
                SignatureKeyPair::from_id(&sm, "Ed25519", &id, Version::LATEST),
                ErrorKind::NotFound,
            )?;
            let plain = SymmetricKey::generate("HMAC/SHA-256", None).ctx("plain")?;
            ensure_err(
                "id of a plain key",
                plain.managed_id(),
                ErrorKind::UnsupportedFeature,
            )?;
            let other = SymmetricKey::generate("HMAC/SHA-512", None).ctx("other")?;
            let (e, key) = SymmetricKey::replace_managed(&sm, key, &other)
                .err()
                .ok_or("replaced across algorithms")?;
            ensure_eq("across algorithms", e.kind(), ErrorKind::IncompatibleKeys)?;
            let (e, _plain) = SymmetricKey::replace_managed(&sm, plain, &key)
                .err()
                .ok_or("replaced an unmanaged key")?;
            ensure_eq("unmanaged old key", e.kind(), ErrorKind::UnsupportedFeature)?;
            // The old key came back open.
            ensure_eq("still managed", key.managed_id().ctx("id")?.0, id)
        },
    );

    h.check("a stored key becomes managed", || {
        let sm = manager()?;
        let key = SymmetricKey::import("AES-256-GCM", &[3; 32]).ctx("import")?;
        let id = key.store_managed(&sm).ctx("store")?;
        ensure_eq("id", key.managed_id().ctx("id")?, (id.clone(), Version(1)))?;
        ensure_err("export", key.export(), ErrorKind::ProhibitedOperation)?;
        let back = SymmetricKey::from_id(&sm, "AES-256-GCM", &id, Version(1)).ctx("from_id")?;
        ensure_bytes("same key", &seal(&back, b"x")?, &seal(&key, b"x")?)
    });

    h.check(
        "managed signature key pairs sign; only the public key leaves",
        || {
            let sm = manager()?;
            let kp = SignatureKeyPair::generate_managed(&sm, "Ed25519").ctx("generate")?;
            let (id, version) = kp.managed_id().ctx("id")?;
            ensure_eq("version", version, Version(1))?;
            for encoding in [KeyPairEncoding::Raw, KeyPairEncoding::Pkcs8] {
                ensure_err(
                    "export",
                    kp.export(encoding),
                    ErrorKind::ProhibitedOperation,
                )?;
            }
            let pk = kp.public_key().ctx("pk")?;
            let again =
                SignatureKeyPair::from_id(&sm, "Ed25519", &id, Version::LATEST).ctx("from_id")?;
            let signature = again.sign(b"release").ctx("sign")?;
            pk.verify(b"release", &signature).ctx("verify")?;
            ensure_err(
                "tampered",
                pk.verify(b"releasE", &signature),
                ErrorKind::VerificationFailed,
            )?;
            let fresh = SignatureKeyPair::generate("Ed25519").ctx("fresh")?;
            let version = SignatureKeyPair::replace_managed(&sm, kp, &fresh)
                .map_err(|(e, _)| e.to_string())?;
            ensure_eq("replaced", version, Version(2))?;
            let latest =
                SignatureKeyPair::from_id(&sm, "Ed25519", &id, Version::LATEST).ctx("latest")?;
            let sig = latest.sign(b"v2").ctx("sign v2")?;
            fresh
                .public_key()
                .ctx("pk2")?
                .verify(b"v2", &sig)
                .ctx("verify v2")
        },
    );

    h.check("managed key-exchange key pairs agree", || {
        let sm = manager()?;
        let ours = KxKeyPair::generate_managed(&sm, "X25519").ctx("generate")?;
        let (id, _) = ours.managed_id().ctx("id")?;
        let peer = KxKeyPair::generate("X25519").ctx("peer")?;
        let reopened = KxKeyPair::from_id(&sm, "X25519", &id, Version::LATEST).ctx("from_id")?;
        let a = peer
            .public_key()
            .ctx("peer pk")?
            .dh(&reopened.secret_key().ctx("sk")?)
            .ctx("dh a")?;
        let b = ours
            .public_key()
            .ctx("our pk")?
            .dh(&peer.secret_key().ctx("peer sk")?)
            .ctx("dh b")?;
        ensure_bytes("shared secret", &a, &b)
    });

    h.check(
        "external secrets by id: versions, invalidate, expiry, size",
        || {
            let sm = manager()?;
            let id = sm.store_secret(b"token-1", u64::MAX).ctx("store")?;
            ensure_eq(
                "replace",
                sm.replace_secret(&id, b"token-2", u64::MAX)
                    .ctx("replace")?,
                Version(2),
            )?;
            ensure_bytes(
                "latest",
                &sm.secret(&id, Version::LATEST).ctx("latest")?,
                b"token-2",
            )?;
            ensure_bytes("v1", &sm.secret(&id, Version(1)).ctx("v1")?, b"token-1")?;
            sm.invalidate_secret(&id, Version(1)).ctx("invalidate")?;
            ensure_err("v1 gone", sm.secret(&id, Version(1)), ErrorKind::NotFound)?;
            ensure_err(
                "all",
                sm.secret(&id, Version::ALL),
                ErrorKind::InvalidOperation,
            )?;
            ensure_err("past expiry", sm.store_secret(b"x", 1), ErrorKind::Expired)?;
            ensure_err(
                "too large",
                sm.store_secret(&vec![0; (64 << 10) + 1], u64::MAX),
                ErrorKind::ProhibitedOperation,
            )?;
            ensure_err(
                "unknown id",
                sm.secret(&KeyId::from("nope"), Version::LATEST),
                ErrorKind::NotFound,
            )
        },
    );

    h.check("encapsulated secrets open only intact", || {
        let sm = manager()?;
        let sealed = sm
            .encapsulate(b"db password", u64::MAX)
            .ctx("encapsulate")?;
        ensure_eq("length", sealed.len(), 11 + 60)?;
        ensure_bytes(
            "open",
            &sm.decapsulate(&sealed).ctx("decapsulate")?,
            b"db password",
        )?;
        for i in [0, 5, 13, 20, 50, sealed.len() - 1] {
            let mut bad = sealed.clone();
            bad[i] ^= 1;
            ensure_err(
                &format!("byte {i}"),
                sm.decapsulate(&bad),
                ErrorKind::VerificationFailed,
            )?;
        }
        ensure_err(
            "truncated",
            sm.decapsulate(&sealed[..30]),
            ErrorKind::VerificationFailed,
        )?;
        ensure(
            sm.encapsulate(b"x", 0).is_err(),
            "expired encapsulation accepted",
        )
    });

    h.check("a short id buffer is overflow and stores nothing", || {
        let sm = manager()?;
        let key = SymmetricKey::generate("AES-256-GCM", None).ctx("generate")?;
        let mut buf = [0u8; KeyId::LEN - 1];
        // SAFETY: `buf` is writable for its length during the call.
        let errno = unsafe {
            raw::symmetric::symmetric_key_store_managed(
                sm.raw_handle(),
                key.raw_handle(),
                buf.as_mut_ptr(),
                buf.len(),
            )
        };
        ensure_errno("store into 31 bytes", errno, raw::CRYPTO_ERRNO_OVERFLOW)?;
        ensure_err(
            "not stored",
            key.managed_id(),
            ErrorKind::UnsupportedFeature,
        )?;
        let mut buf = [0u8; KeyId::LEN];
        // SAFETY: as above.
        let errno = unsafe {
            raw::external_secrets::external_secret_store(
                sm.raw_handle(),
                b"x".as_ptr(),
                1,
                u64::MAX,
                buf.as_mut_ptr(),
                buf.len() - 1,
            )
        };
        ensure_errno("secret id into 31 bytes", errno, raw::CRYPTO_ERRNO_OVERFLOW)?;
        let id = key.store_managed(&sm).ctx("store with room")?;
        ensure_eq("exactly 32 bytes", id.as_bytes().len(), KeyId::LEN)
    });

    h.check("a closed manager is invalid_handle", || {
        let sm = manager()?;
        let id = sm.store_secret(b"s", u64::MAX).ctx("store")?;
        // SAFETY: plain handle argument; `sm`'s own close on drop then fails harmlessly.
        let errno = unsafe { raw::common::secrets_manager_close(sm.raw_handle()) };
        ensure_errno("close", errno, raw::CRYPTO_ERRNO_SUCCESS)?;
        ensure_err(
            "secret",
            sm.secret(&id, Version::LATEST),
            ErrorKind::InvalidHandle,
        )?;
        ensure_err(
            "generate",
            SymmetricKey::generate_managed(&sm, "AES-256-GCM", None),
            ErrorKind::InvalidHandle,
        )?;
        ensure_err(
            "invalidate",
            sm.invalidate(&id, Version::ALL),
            ErrorKind::InvalidHandle,
        )?;
        // Another manager still reaches the secret.
        ensure_bytes(
            "reopened",
            &manager()?.secret(&id, Version(1)).ctx("secret")?,
            b"s",
        )
    });

    h.run();
}
