//! Managed keys and external secrets, host-direct (`CryptoCtx`), on every backend we ship
//! (memory, SQLite, PostgreSQL — the last at `WASICRYPT_POSTGRES_URL`, which `cargo xtask test`
//! sets): the
//! proposal's semantics (ids, versions, expiry, replace, invalidate), the exact errno for each
//! bad input, isolation between namespaces, and keys that never leave the host.

mod common;

use std::cell::Cell;
use std::sync::Arc;
use std::time::Duration;

use common::pull_all;
use wasicrypt_host::secrets::{
    ID_LEN, MemoryBackend, SecretKind, SecretsBackend, SecretsConfig, VERSION_ALL, VERSION_LATEST,
    VERSION_UNSPECIFIED,
};
use wasicrypt_host::{
    AlgorithmType, CryptoCtx, CryptoError, KeyPairEncoding, PublicKeyEncoding, SecretKeyEncoding,
    SignatureEncoding,
};

thread_local! {
    /// The clock of the contexts of this file: one per test thread, which the test moves.
    static NOW: Cell<u64> = const { Cell::new(1_000_000) };
}

fn now() -> u64 {
    NOW.with(Cell::get)
}

fn advance(seconds: u64) {
    NOW.with(|now| now.set(now.get() + seconds));
}

/// A context of `namespace` on `backend`, with its secrets manager open.
fn guest(backend: &Arc<dyn SecretsBackend>, namespace: &str) -> (CryptoCtx, u32) {
    guest_with(backend, namespace, |_| {})
}

fn guest_with(
    backend: &Arc<dyn SecretsBackend>,
    namespace: &str,
    tweak: impl FnOnce(&mut SecretsConfig),
) -> (CryptoCtx, u32) {
    let mut config = SecretsConfig::new(backend.clone(), namespace);
    config.now = now;
    tweak(&mut config);
    let mut cx = CryptoCtx::new().with_secrets(config);
    let sm = cx.secrets_manager_open(None).unwrap();
    (cx, sm)
}

/// AES-256-GCM of `msg` under `key` with a fixed nonce.
fn seal(cx: &mut CryptoCtx, key: u32, msg: &[u8]) -> Vec<u8> {
    let opts = cx.options_open(AlgorithmType::Symmetric).unwrap();
    cx.options_set(opts, "nonce", &[7; 12]).unwrap();
    let st = cx
        .symmetric_state_open("AES-256-GCM", Some(key), Some(opts))
        .unwrap();
    let mut out = vec![0; msg.len() + 16];
    cx.symmetric_state_encrypt(st, &mut out, msg).unwrap();
    cx.symmetric_state_close(st).unwrap();
    cx.options_close(opts).unwrap();
    out
}

/// The raw signature of `msg` by the key pair `kp`.
fn sign(cx: &mut CryptoCtx, kp: u32, msg: &[u8]) -> Vec<u8> {
    let st = cx.signature_state_open(kp).unwrap();
    cx.signature_state_update(st, msg).unwrap();
    let sig = cx.signature_state_sign(st).unwrap();
    let raw = cx.signature_export(sig, SignatureEncoding::Raw).unwrap();
    pull_all(cx, raw)
}

fn public_key(cx: &mut CryptoCtx, kp: u32) -> Vec<u8> {
    let pk = cx.keypair_publickey(kp).unwrap();
    let out = cx.publickey_export(pk, PublicKeyEncoding::Raw).unwrap();
    pull_all(cx, out)
}

/// Every backend we ship: memory, and the SQLite vault (feature `sqlite`) in a scratch directory.
fn backends() -> Vec<(&'static str, Arc<dyn SecretsBackend>, Option<tempdir::Dir>)> {
    #[cfg_attr(not(feature = "sqlite"), allow(unused_mut))]
    let mut all: Vec<(&'static str, Arc<dyn SecretsBackend>, Option<tempdir::Dir>)> =
        vec![("memory", Arc::new(MemoryBackend::new()), None)];
    #[cfg(feature = "sqlite")]
    {
        let dir = tempdir::Dir::new("secrets");
        let key = wasicrypt_host::secrets::MasterKey::from_bytes([9; 32]);
        let vault = wasicrypt_host::secrets::SqliteVault::create(dir.path().join("v.db"), &key)
            .expect("create vault");
        all.push(("sqlite", Arc::new(vault), Some(dir)));
    }
    #[cfg(feature = "postgres")]
    {
        let url = std::env::var("WASICRYPT_POSTGRES_URL").expect(
            "WASICRYPT_POSTGRES_URL must name a PostgreSQL server (cargo xtask test starts one)",
        );
        let mut raw = [0u8; 8];
        getrandom::fill(&mut raw).unwrap();
        let schema: String = std::iter::once("t_".to_owned())
            .chain(raw.iter().map(|b| format!("{b:02x}")))
            .collect();
        let key = wasicrypt_host::secrets::MasterKey::from_bytes([9; 32]);
        let vault = wasicrypt_host::secrets::PostgresVault::create(&url, &schema, &key)
            .expect("create PostgreSQL vault");
        all.push(("postgres", Arc::new(vault), None));
    }
    all
}

/// A scratch directory removed on drop.
#[cfg_attr(not(feature = "sqlite"), allow(dead_code))]
mod tempdir {
    use std::path::{Path, PathBuf};

    pub struct Dir(PathBuf);

    impl Dir {
        pub fn new(tag: &str) -> Self {
            let mut raw = [0u8; 8];
            getrandom::fill(&mut raw).unwrap();
            let name: String = raw.iter().map(|b| format!("{b:02x}")).collect();
            let path = std::env::temp_dir().join(format!("wasicrypt-{tag}-{name}"));
            std::fs::create_dir_all(&path).unwrap();
            Dir(path)
        }
        pub fn path(&self) -> &Path {
            &self.0
        }
    }

    impl Drop for Dir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }
}

#[test]
fn without_a_secrets_manager_every_managed_call_is_unsupported_feature() {
    let mut cx = CryptoCtx::new();
    assert_eq!(
        cx.secrets_manager_open(None),
        Err(CryptoError::UnsupportedFeature)
    );
    assert_eq!(
        cx.symmetric_key_generate_managed(1, "AES-256-GCM", None),
        Err(CryptoError::UnsupportedFeature)
    );
    assert_eq!(
        cx.external_secret_store(1, b"x", u64::MAX),
        Err(CryptoError::UnsupportedFeature)
    );
    let key = cx.symmetric_key_generate("AES-256-GCM", None).unwrap();
    assert_eq!(
        cx.symmetric_key_id(key),
        Err(CryptoError::UnsupportedFeature)
    );
}

#[test]
fn managed_symmetric_keys_have_ids_versions_and_stay_in_the_host() {
    for (name, backend, _dir) in backends() {
        let (mut a, sm) = guest(&backend, "app");
        let key = a
            .symmetric_key_generate_managed(sm, "AES-256-GCM", None)
            .unwrap();
        let (id, version) = a.symmetric_key_id(key).unwrap();
        assert_eq!((id.len(), version), (ID_LEN, 1), "{name}");
        assert!(
            id.iter()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
        assert_eq!(
            a.symmetric_key_export(key),
            Err(CryptoError::ProhibitedOperation)
        );
        let sealed_v1 = seal(&mut a, key, b"hello");

        // Another context of the namespace opens the same key by id.
        let (mut b, sm_b) = guest(&backend, "app");
        for v in [VERSION_LATEST, VERSION_UNSPECIFIED, 1] {
            let k = b.symmetric_key_from_id(sm_b, &id, v).unwrap();
            assert_eq!(seal(&mut b, k, b"hello"), sealed_v1, "{name}");
            assert_eq!(b.symmetric_key_id(k).unwrap(), (id.clone(), 1));
        }

        // Replace: the new key gets the id and version 2; the old handle is closed.
        let fresh = a.symmetric_key_generate("AES-256-GCM", None).unwrap();
        assert_eq!(
            a.symmetric_key_replace_managed(sm, key, fresh),
            Ok(2),
            "{name}"
        );
        assert_eq!(a.symmetric_key_close(key), Err(CryptoError::InvalidHandle));
        assert_eq!(a.symmetric_key_id(fresh).unwrap(), (id.clone(), 2));
        assert_eq!(
            a.symmetric_key_export(fresh),
            Err(CryptoError::ProhibitedOperation)
        );
        let sealed_v2 = seal(&mut a, fresh, b"hello");
        assert_ne!(sealed_v1, sealed_v2);
        let latest = b.symmetric_key_from_id(sm_b, &id, VERSION_LATEST).unwrap();
        assert_eq!(seal(&mut b, latest, b"hello"), sealed_v2);
        let first = b.symmetric_key_from_id(sm_b, &id, 1).unwrap();
        assert_eq!(seal(&mut b, first, b"hello"), sealed_v1);

        // Invalidate the latest: version 1 is the latest again; then all.
        b.secrets_manager_invalidate(sm_b, &id, VERSION_LATEST)
            .unwrap();
        assert_eq!(
            b.symmetric_key_from_id(sm_b, &id, 2),
            Err(CryptoError::NotFound)
        );
        let k = b.symmetric_key_from_id(sm_b, &id, VERSION_LATEST).unwrap();
        assert_eq!(b.symmetric_key_id(k).unwrap().1, 1, "{name}");
        // Open handles keep working after their version was invalidated.
        assert_eq!(seal(&mut a, fresh, b"hello"), sealed_v2);
        b.secrets_manager_invalidate(sm_b, &id, VERSION_ALL)
            .unwrap();
        for v in [VERSION_LATEST, 1, 2] {
            assert_eq!(
                b.symmetric_key_from_id(sm_b, &id, v),
                Err(CryptoError::NotFound)
            );
        }
        assert_eq!(
            b.secrets_manager_invalidate(sm_b, &id, VERSION_ALL),
            Err(CryptoError::NotFound)
        );
    }
}

#[test]
fn managed_symmetric_key_errors() {
    for (name, backend, _dir) in backends() {
        let (mut cx, sm) = guest(&backend, "app");
        let key = cx
            .symmetric_key_generate_managed(sm, "HMAC/SHA-256", None)
            .unwrap();
        let (id, _) = cx.symmetric_key_id(key).unwrap();
        // Identifiers that cannot exist, and versions that do not.
        let mut upper = id.clone();
        upper[0] = b'A';
        for bad in [&b""[..], &id[..31], &[b'0'; 33], &upper, &[b'g'; 32]] {
            assert_eq!(
                cx.symmetric_key_from_id(sm, bad, VERSION_LATEST),
                Err(CryptoError::NotFound),
                "{name}"
            );
        }
        assert_eq!(
            cx.symmetric_key_from_id(sm, &[b'0'; 32], 1),
            Err(CryptoError::NotFound)
        );
        for v in [0, 2, 0x7fff_ffff_ffff_ffff, u64::MAX] {
            assert_eq!(
                cx.symmetric_key_from_id(sm, &id, v),
                Err(CryptoError::NotFound),
                "{v}"
            );
        }
        assert_eq!(
            cx.symmetric_key_from_id(sm, &id, VERSION_ALL),
            Err(CryptoError::InvalidOperation)
        );
        // A key pair's id is not a symmetric key.
        assert_eq!(
            cx.keypair_from_id(sm, &id, VERSION_LATEST),
            Err(CryptoError::NotFound)
        );
        // Replace needs a managed old key of the same algorithm.
        let plain = cx.symmetric_key_generate("HMAC/SHA-256", None).unwrap();
        let other = cx.symmetric_key_generate("HMAC/SHA-512", None).unwrap();
        assert_eq!(
            cx.symmetric_key_replace_managed(sm, plain, key),
            Err(CryptoError::UnsupportedFeature)
        );
        assert_eq!(
            cx.symmetric_key_replace_managed(sm, key, other),
            Err(CryptoError::IncompatibleKeys)
        );
        assert_eq!(
            cx.symmetric_key_replace_managed(sm, key, 999),
            Err(CryptoError::InvalidHandle)
        );
        // Unknown names and unkeyed algorithms fail as symmetric_key_generate does.
        assert_eq!(
            cx.symmetric_key_generate_managed(sm, "AES-999", None),
            Err(CryptoError::UnsupportedAlgorithm)
        );
        assert_eq!(
            cx.symmetric_key_generate_managed(sm, "SHA-256", None),
            Err(CryptoError::KeyNotSupported)
        );
        // A closed manager, and handles that are not managers.
        cx.secrets_manager_close(sm).unwrap();
        assert_eq!(
            cx.secrets_manager_close(sm),
            Err(CryptoError::InvalidHandle)
        );
        for h in [sm, key, 0, 12345] {
            assert_eq!(
                cx.symmetric_key_from_id(h, &id, VERSION_LATEST),
                Err(CryptoError::InvalidHandle)
            );
            assert_eq!(
                cx.symmetric_key_generate_managed(h, "HMAC/SHA-256", None),
                Err(CryptoError::InvalidHandle)
            );
        }
        // The key opened through the manager outlives it.
        let st = cx
            .symmetric_state_open("HMAC/SHA-256", Some(key), None)
            .unwrap();
        cx.symmetric_state_absorb(st, b"m").unwrap();
        cx.symmetric_state_squeeze_tag(st).unwrap();
    }
}

#[test]
fn stored_keys_become_managed_and_export_only_where_the_embedder_allows() {
    for (name, backend, _dir) in backends() {
        let (mut cx, sm) = guest(&backend, "app");
        let key = cx.symmetric_key_import("AES-256-GCM", &[5; 32]).unwrap();
        let id = cx.symmetric_key_store_managed(sm, key).unwrap();
        assert_eq!(cx.symmetric_key_id(key).unwrap(), (id.clone(), 1), "{name}");
        assert_eq!(
            cx.symmetric_key_export(key),
            Err(CryptoError::ProhibitedOperation)
        );

        let (mut open, osm) = guest_with(&backend, "app", |c| c.allow_export = true);
        let k = open.symmetric_key_from_id(osm, &id, 1).unwrap();
        let raw = open.symmetric_key_export(k).unwrap();
        assert_eq!(pull_all(&mut open, raw), vec![5; 32], "{name}");

        // Embedder-sealed keys: usable, never exported, also when stored by an exporting manager.
        let sealed = open
            .symmetric_key_import_sealed("AES-256-GCM", &[6; 32])
            .unwrap();
        assert_eq!(
            open.symmetric_key_export(sealed),
            Err(CryptoError::ProhibitedOperation)
        );
        open.symmetric_key_store_managed(osm, sealed).unwrap();
        assert_eq!(
            open.symmetric_key_export(sealed),
            Err(CryptoError::ProhibitedOperation)
        );
    }
}

#[test]
fn managed_keys_expire_after_the_embedders_key_lifetime() {
    for (name, backend, _dir) in backends() {
        let (mut cx, sm) = guest_with(&backend, "ttl", |c| {
            c.key_lifetime = Some(Duration::from_secs(60))
        });
        let key = cx
            .symmetric_key_generate_managed(sm, "AES-128-GCM", None)
            .unwrap();
        let (id, _) = cx.symmetric_key_id(key).unwrap();
        let kp = cx
            .keypair_generate_managed(sm, AlgorithmType::Signatures, "Ed25519", None)
            .unwrap();
        let (kp_id, _) = cx.keypair_id(kp).unwrap();
        cx.symmetric_key_from_id(sm, &id, VERSION_LATEST).unwrap();
        advance(61);
        assert_eq!(
            cx.symmetric_key_from_id(sm, &id, VERSION_LATEST),
            Err(CryptoError::Expired),
            "{name}"
        );
        assert_eq!(cx.keypair_from_id(sm, &kp_id, 1), Err(CryptoError::Expired));
        // A replacement starts a new lifetime.
        let fresh = cx.symmetric_key_generate("AES-128-GCM", None).unwrap();
        assert_eq!(cx.symmetric_key_replace_managed(sm, key, fresh), Ok(2));
        cx.symmetric_key_from_id(sm, &id, VERSION_LATEST).unwrap();
        assert_eq!(
            cx.symmetric_key_from_id(sm, &id, 1),
            Err(CryptoError::Expired)
        );
    }
}

#[test]
fn managed_key_pairs_sign_and_exchange_without_revealing_the_secret() {
    for (name, backend, _dir) in backends() {
        let (mut a, sm) = guest(&backend, "svc");
        let (mut b, sm_b) = guest(&backend, "svc");
        for (alg_type, alg) in [
            (AlgorithmType::Signatures, "Ed25519"),
            (AlgorithmType::Signatures, "ECDSA_P256_SHA256"),
            (AlgorithmType::Signatures, "ML-DSA-44"),
            (AlgorithmType::KeyExchange, "X25519"),
            (AlgorithmType::KeyExchange, "X-WING"),
        ] {
            let kp = a.keypair_generate_managed(sm, alg_type, alg, None).unwrap();
            let (id, version) = a.keypair_id(kp).unwrap();
            assert_eq!((id.len(), version), (ID_LEN, 1), "{name} {alg}");
            for encoding in [
                KeyPairEncoding::Raw,
                KeyPairEncoding::Pkcs8,
                KeyPairEncoding::Pem,
            ] {
                assert_eq!(
                    a.keypair_export(kp, encoding),
                    Err(CryptoError::ProhibitedOperation),
                    "{alg}"
                );
            }
            let sk = a.keypair_secretkey(kp).unwrap();
            assert_eq!(
                a.secretkey_export(sk, SecretKeyEncoding::Raw),
                Err(CryptoError::ProhibitedOperation)
            );
            let pk = public_key(&mut a, kp);
            let again = b.keypair_from_id(sm_b, &id, VERSION_LATEST).unwrap();
            assert_eq!(public_key(&mut b, again), pk, "{name} {alg}");
            assert_eq!(b.keypair_id(again).unwrap(), (id.clone(), 1));
            if alg_type == AlgorithmType::Signatures {
                // Signed in one context, verified with the public key in the other.
                let sig = sign(&mut b, again, b"message");
                let pkh = a.keypair_publickey(kp).unwrap();
                let vs = a.signature_verification_state_open(pkh).unwrap();
                a.signature_verification_state_update(vs, b"message")
                    .unwrap();
                let s = a
                    .signature_import(alg, &sig, SignatureEncoding::Raw)
                    .unwrap();
                a.signature_verification_state_verify(vs, s).unwrap();
            } else if alg == "X25519" {
                let peer = b
                    .keypair_generate(AlgorithmType::KeyExchange, alg, None)
                    .unwrap();
                let peer_pk = b.keypair_publickey(peer).unwrap();
                let sk = b.keypair_secretkey(again).unwrap();
                let shared = b.kx_dh(peer_pk, sk).unwrap();
                assert_eq!(pull_all(&mut b, shared).len(), 32);
            }
            // Replace with a fresh pair of the same algorithm: version 2.
            let fresh = a.keypair_generate(alg_type, alg, None).unwrap();
            let fresh_pk = public_key(&mut a, fresh);
            assert_eq!(
                a.keypair_replace_managed(sm, kp, fresh),
                Ok(2),
                "{name} {alg}"
            );
            assert_eq!(a.keypair_close(kp), Err(CryptoError::InvalidHandle));
            let latest = b.keypair_from_id(sm_b, &id, VERSION_LATEST).unwrap();
            assert_eq!(public_key(&mut b, latest), fresh_pk);
            let v1 = b.keypair_from_id(sm_b, &id, 1).unwrap();
            assert_eq!(public_key(&mut b, v1), pk);
            assert_eq!(
                b.symmetric_key_from_id(sm_b, &id, 1),
                Err(CryptoError::NotFound)
            );
        }
        // Replacing across algorithms, and an unmanaged old pair.
        let ed = a
            .keypair_generate_managed(sm, AlgorithmType::Signatures, "Ed25519", None)
            .unwrap();
        let p256 = a
            .keypair_generate(AlgorithmType::Signatures, "ECDSA_P256_SHA256", None)
            .unwrap();
        assert_eq!(
            a.keypair_replace_managed(sm, ed, p256),
            Err(CryptoError::IncompatibleKeys)
        );
        assert_eq!(
            a.keypair_replace_managed(sm, p256, ed),
            Err(CryptoError::UnsupportedFeature)
        );
        assert_eq!(a.keypair_id(p256), Err(CryptoError::UnsupportedFeature));
        // A stored (imported) key pair becomes managed.
        let id = a.keypair_store_managed(sm, p256).unwrap();
        assert_eq!(a.keypair_id(p256).unwrap(), (id.clone(), 1));
        assert_eq!(
            a.keypair_export(p256, KeyPairEncoding::Pkcs8),
            Err(CryptoError::ProhibitedOperation)
        );
        let back = b.keypair_from_id(sm_b, &id, 1).unwrap();
        assert_eq!(public_key(&mut b, back), public_key(&mut a, p256), "{name}");
    }
}

#[test]
fn each_namespace_sees_only_its_own_secrets() {
    for (name, backend, _dir) in backends() {
        let (mut alice, sm_a) = guest(&backend, "alice");
        let (mut bob, sm_b) = guest(&backend, "bob");
        let key = alice
            .symmetric_key_generate_managed(sm_a, "AES-256-GCM", None)
            .unwrap();
        let (key_id, _) = alice.symmetric_key_id(key).unwrap();
        let secret_id = alice
            .external_secret_store(sm_a, b"token", u64::MAX)
            .unwrap();
        let sealed = alice
            .external_secret_encapsulate(sm_a, b"token", u64::MAX)
            .unwrap();
        let sealed = pull_all(&mut alice, sealed);

        assert_eq!(
            bob.symmetric_key_from_id(sm_b, &key_id, VERSION_LATEST),
            Err(CryptoError::NotFound),
            "{name}"
        );
        assert_eq!(
            bob.secrets_manager_invalidate(sm_b, &key_id, VERSION_ALL),
            Err(CryptoError::NotFound)
        );
        assert_eq!(
            bob.external_secret_from_id(sm_b, &secret_id, VERSION_LATEST),
            Err(CryptoError::NotFound)
        );
        assert_eq!(
            bob.external_secret_replace(sm_b, b"mine", u64::MAX, &secret_id),
            Err(CryptoError::NotFound)
        );
        assert_eq!(
            bob.external_secret_invalidate(sm_b, &secret_id, VERSION_ALL),
            Err(CryptoError::NotFound)
        );
        assert_eq!(
            bob.external_secret_decapsulate(sm_b, &sealed),
            Err(CryptoError::VerificationFailed)
        );
        // Alice's secrets are untouched.
        alice.symmetric_key_from_id(sm_a, &key_id, 1).unwrap();
        let out = alice.external_secret_from_id(sm_a, &secret_id, 1).unwrap();
        assert_eq!(pull_all(&mut alice, out), b"token");
        let ids: Vec<String> = backend
            .list("alice")
            .unwrap()
            .into_iter()
            .map(|i| i.id)
            .collect();
        assert!(ids.contains(&String::from_utf8(key_id).unwrap()));
        assert!(backend.list("bob").unwrap().is_empty(), "{name}");
    }
}

#[test]
fn external_secrets_by_id_have_versions_and_expiry() {
    for (name, backend, _dir) in backends() {
        let (mut cx, sm) = guest(&backend, "ext");
        let t = now() + 1000;
        let id = cx.external_secret_store(sm, b"api-token-1", t).unwrap();
        assert_eq!(id.len(), ID_LEN);
        assert_eq!(
            cx.external_secret_replace(sm, b"api-token-2", t, &id),
            Ok(2),
            "{name}"
        );
        let get = |cx: &mut CryptoCtx, v| {
            let out = cx.external_secret_from_id(sm, &id, v)?;
            Ok::<_, CryptoError>(pull_all(cx, out))
        };
        assert_eq!(get(&mut cx, VERSION_LATEST).unwrap(), b"api-token-2");
        assert_eq!(get(&mut cx, 1).unwrap(), b"api-token-1");
        assert_eq!(get(&mut cx, 3), Err(CryptoError::NotFound));
        assert_eq!(
            get(&mut cx, VERSION_ALL),
            Err(CryptoError::InvalidOperation)
        );
        cx.external_secret_invalidate(sm, &id, 1).unwrap();
        assert_eq!(get(&mut cx, 1), Err(CryptoError::NotFound));
        assert_eq!(
            cx.external_secret_invalidate(sm, &id, 1),
            Err(CryptoError::NotFound)
        );
        // An external secret is not a key, and a key is not an external secret.
        assert_eq!(
            cx.symmetric_key_from_id(sm, &id, 2),
            Err(CryptoError::NotFound)
        );
        assert_eq!(
            cx.secrets_manager_invalidate(sm, &id, 2),
            Err(CryptoError::NotFound)
        );
        let key = cx
            .symmetric_key_generate_managed(sm, "AES-128-GCM", None)
            .unwrap();
        let (key_id, _) = cx.symmetric_key_id(key).unwrap();
        assert_eq!(
            cx.external_secret_from_id(sm, &key_id, 1),
            Err(CryptoError::NotFound)
        );
        assert_eq!(
            cx.external_secret_replace(sm, b"x", t, &key_id),
            Err(CryptoError::NotFound)
        );
        // Expirations: past ones are refused, u64::MAX never expires, secrets expire.
        for past in [0, now() - 1, now()] {
            assert_eq!(
                cx.external_secret_store(sm, b"x", past),
                Err(CryptoError::Expired)
            );
            assert_eq!(
                cx.external_secret_replace(sm, b"x", past, &id),
                Err(CryptoError::Expired)
            );
        }
        let forever = cx.external_secret_store(sm, b"forever", u64::MAX).unwrap();
        let soon = cx.external_secret_store(sm, b"soon", now() + 5).unwrap();
        advance(10);
        assert_eq!(
            cx.external_secret_from_id(sm, &soon, VERSION_LATEST),
            Err(CryptoError::Expired),
            "{name}"
        );
        let out = cx.external_secret_from_id(sm, &forever, 1).unwrap();
        assert_eq!(pull_all(&mut cx, out), b"forever");
        // Size: up to the embedder's bound.
        let big = vec![1u8; 64 << 10];
        cx.external_secret_store(sm, &big, u64::MAX).unwrap();
        assert_eq!(
            cx.external_secret_store(sm, &[1; (64 << 10) + 1], u64::MAX),
            Err(CryptoError::ProhibitedOperation)
        );
        assert_eq!(
            cx.external_secret_encapsulate(sm, &[1; (64 << 10) + 1], u64::MAX),
            Err(CryptoError::ProhibitedOperation)
        );
        assert!(
            backend
                .list("ext")
                .unwrap()
                .iter()
                .any(|i| i.kind == SecretKind::External && i.revoked)
        );
    }
}

#[test]
fn encapsulated_secrets_decapsulate_only_intact_and_unexpired() {
    for (name, backend, _dir) in backends() {
        let (mut cx, sm) = guest(&backend, "enc");
        let secret = b"database password";
        let t = now() + 100;
        let out = cx.external_secret_encapsulate(sm, secret, t).unwrap();
        let sealed = pull_all(&mut cx, out);
        assert_eq!(sealed.len(), secret.len() + 60, "{name}");
        assert_ne!(&sealed[44..44 + secret.len()], secret);
        let open = |cx: &mut CryptoCtx, bytes: &[u8]| {
            let out = cx.external_secret_decapsulate(sm, bytes)?;
            Ok::<_, CryptoError>(pull_all(cx, out))
        };
        assert_eq!(open(&mut cx, &sealed).unwrap(), secret);
        // Another context of the namespace decapsulates too.
        let (mut other, osm) = guest(&backend, "enc");
        let o = other.external_secret_decapsulate(osm, &sealed).unwrap();
        assert_eq!(pull_all(&mut other, o), secret);
        // Every single-bit change, any truncation or extension: verification_failed.
        for i in 0..sealed.len() {
            let mut bad = sealed.clone();
            bad[i] ^= 0x10;
            assert_eq!(
                open(&mut cx, &bad),
                Err(CryptoError::VerificationFailed),
                "byte {i}"
            );
        }
        for n in [0, 3, 19, 20, 43, 59, sealed.len() - 1] {
            assert_eq!(
                open(&mut cx, &sealed[..n]),
                Err(CryptoError::VerificationFailed),
                "{n}"
            );
        }
        let mut longer = sealed.clone();
        longer.push(0);
        assert_eq!(open(&mut cx, &longer), Err(CryptoError::VerificationFailed));
        // Two encapsulations of one secret differ (random nonce), both open.
        let again = cx.external_secret_encapsulate(sm, secret, t).unwrap();
        let again = pull_all(&mut cx, again);
        assert_ne!(again, sealed);
        assert_eq!(open(&mut cx, &again).unwrap(), secret);
        // Expiry is authenticated and enforced.
        assert_eq!(
            cx.external_secret_encapsulate(sm, secret, now()),
            Err(CryptoError::Expired)
        );
        advance(101);
        assert_eq!(open(&mut cx, &sealed), Err(CryptoError::Expired), "{name}");
    }
}

#[test]
fn the_encapsulation_key_rotates_and_old_versions_can_be_revoked() {
    use wasicrypt_host::secrets::{
        ENCAPSULATION_KEY_ID, VersionSelector, rotate_encapsulation_key,
    };
    for (name, backend, _dir) in backends() {
        // A namespace without a key gets version 1 from the rotation itself.
        assert_eq!(
            rotate_encapsulation_key(&*backend, "fresh").unwrap(),
            1,
            "{name}"
        );
        let (mut cx, sm) = guest(&backend, "rot");
        let seal = |cx: &mut CryptoCtx, secret: &[u8]| {
            let out = cx
                .external_secret_encapsulate(sm, secret, u64::MAX)
                .unwrap();
            pull_all(cx, out)
        };
        let old = seal(&mut cx, b"old");
        assert_eq!(old[4..12], 1u64.to_be_bytes(), "{name}");
        assert_eq!(rotate_encapsulation_key(&*backend, "rot").unwrap(), 2);
        let new = seal(&mut cx, b"new");
        assert_eq!(new[4..12], 2u64.to_be_bytes());
        for (sealed, plain) in [(&old, &b"old"[..]), (&new, &b"new"[..])] {
            let out = cx.external_secret_decapsulate(sm, sealed).unwrap();
            assert_eq!(pull_all(&mut cx, out), plain);
        }
        backend
            .revoke("rot", ENCAPSULATION_KEY_ID, VersionSelector::Exact(1))
            .unwrap();
        assert_eq!(
            cx.external_secret_decapsulate(sm, &old),
            Err(CryptoError::VerificationFailed),
            "{name}"
        );
        let out = cx.external_secret_decapsulate(sm, &new).unwrap();
        assert_eq!(pull_all(&mut cx, out), b"new");
        // Guests cannot name it: it is not an identifier they could hold.
        assert_eq!(
            cx.external_secret_from_id(sm, ENCAPSULATION_KEY_ID.as_bytes(), 2),
            Err(CryptoError::NotFound)
        );
        assert_eq!(
            cx.secrets_manager_invalidate(sm, ENCAPSULATION_KEY_ID.as_bytes(), VERSION_ALL),
            Err(CryptoError::NotFound)
        );
    }
}
