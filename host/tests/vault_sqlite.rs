//! The SQLite vault (`secrets::SqliteVault`, feature `sqlite`): the master key is checked, records
//! are encrypted and bound to where they are, a writer killed with SIGKILL at any point loses no
//! committed secret and leaves no half-written one, and two processes writing one file keep
//! every version.
#![cfg(feature = "sqlite")]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;

use wasicrypt_host::secrets::{
    BackendError, MasterKey, MaterialEncoding, Secret, SecretKind, SecretsBackend, SecretsConfig,
    SqliteVault, VERSION_LATEST, VersionSelector,
};
use wasicrypt_host::{CryptoCtx, CryptoError};
use zeroize::Zeroizing;

const KEY: [u8; 32] = [0x42; 32];

/// A scratch directory removed on drop.
struct Dir(PathBuf);

impl Dir {
    fn new(tag: &str) -> Self {
        let mut raw = [0u8; 8];
        getrandom::fill(&mut raw).unwrap();
        let name: String = raw.iter().map(|b| format!("{b:02x}")).collect();
        let path = std::env::temp_dir().join(format!("wasicrypt-{tag}-{name}"));
        std::fs::create_dir_all(&path).unwrap();
        Dir(path)
    }
    fn file(&self, name: &str) -> PathBuf {
        self.0.join(name)
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn external(material: &[u8]) -> Secret {
    Secret {
        kind: SecretKind::External,
        algorithm: String::new(),
        encoding: MaterialEncoding::Raw,
        material: Zeroizing::new(material.to_vec()),
        expires_at: None,
    }
}

fn material(vault: &SqliteVault, ns: &str, id: &str, version: u64) -> Vec<u8> {
    let (v, secret) = vault
        .get(ns, id, VersionSelector::Exact(version))
        .unwrap_or_else(|e| panic!("{id} v{version}: {e}"));
    assert_eq!(v, version);
    secret.material.to_vec()
}

#[test]
fn a_vault_reopens_with_its_key_and_refuses_any_other() {
    let dir = Dir::new("vault-open");
    let path = dir.file("v.db");
    let key = MasterKey::from_bytes(KEY);
    let id = {
        let vault = Arc::new(SqliteVault::create(&path, &key).unwrap());
        let mut cx = CryptoCtx::new().with_secrets(SecretsConfig::new(vault, "ns"));
        let sm = cx.secrets_manager_open(None).unwrap();
        let k = cx
            .symmetric_key_generate_managed(sm, "AES-256-GCM", None)
            .unwrap();
        cx.symmetric_key_id(k).unwrap().0
    };
    // Reopened (a new process would do the same): the key is there.
    let vault = Arc::new(SqliteVault::open(&path, &key).unwrap());
    assert_eq!(vault.path(), path);
    let mut cx = CryptoCtx::new().with_secrets(SecretsConfig::new(vault, "ns"));
    let sm = cx.secrets_manager_open(None).unwrap();
    cx.symmetric_key_from_id(sm, &id, VERSION_LATEST).unwrap();

    let wrong = MasterKey::from_bytes([0x43; 32]);
    assert!(matches!(
        SqliteVault::open(&path, &wrong),
        Err(BackendError::WrongMasterKey)
    ));
    assert!(matches!(
        SqliteVault::open_or_create(&path, &wrong),
        Err(BackendError::WrongMasterKey)
    ));
    assert!(matches!(
        SqliteVault::create(&path, &key),
        Err(BackendError::AlreadyExists)
    ));
    SqliteVault::open_or_create(&path, &key).unwrap();
    SqliteVault::open_or_create(dir.file("new.db"), &key).unwrap();

    let missing = SqliteVault::open(dir.file("missing.db"), &key);
    assert!(
        matches!(missing, Err(BackendError::Unavailable(_))),
        "{missing:?}"
    );
    assert!(
        !dir.file("missing.db").exists(),
        "open must not create a file"
    );

    std::fs::write(dir.file("junk.db"), vec![0x5a; 8192]).unwrap();
    let junk = SqliteVault::open(dir.file("junk.db"), &key);
    assert!(matches!(junk, Err(BackendError::Corrupt(_))), "{junk:?}");

    let other_app = dir.file("other.db");
    rusqlite::Connection::open(&other_app)
        .unwrap()
        .execute_batch("CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);")
        .unwrap();
    let other = SqliteVault::open(&other_app, &key);
    assert!(matches!(other, Err(BackendError::Corrupt(_))), "{other:?}");
}

#[test]
fn records_are_encrypted_and_bound_to_their_place() {
    let dir = Dir::new("vault-tamper");
    let path = dir.file("v.db");
    let vault = SqliteVault::create(&path, &MasterKey::from_bytes(KEY)).unwrap();
    let id = "0123456789abcdef0123456789abcdef";
    vault
        .create("ns", id, &external(b"first secret value"))
        .unwrap();
    vault
        .add_version("ns", id, &external(b"second secret value"))
        .unwrap();
    let raw = std::fs::read(&path).unwrap();
    let wal = std::fs::read(dir.file("v.db-wal")).unwrap_or_default();
    for file in [&raw, &wal] {
        assert!(
            !file.windows(12).any(|w| w == b"first secret"),
            "plaintext on disk"
        );
    }

    let db = rusqlite::Connection::open(&path).unwrap();
    let tamper = |sql: &str| {
        db.execute_batch(&format!("BEGIN; {sql}; COMMIT;")).unwrap();
    };
    let corrupt = |ns: &str, v: u64| {
        let got = vault.get(ns, id, VersionSelector::Exact(v));
        assert!(matches!(got, Err(BackendError::Corrupt(_))), "{got:?}");
    };
    // Swap the ciphertexts of versions 1 and 2.
    let swap = "CREATE TEMP TABLE s AS SELECT version, sealed FROM secrets;
                UPDATE secrets SET sealed = (SELECT sealed FROM s WHERE s.version = 3 - secrets.version);
                DROP TABLE s";
    tamper(swap);
    corrupt("ns", 1);
    corrupt("ns", 2);
    tamper(swap);
    assert_eq!(material(&vault, "ns", id, 1), b"first secret value");
    // Metadata edits, a flipped ciphertext byte, a record moved to another namespace.
    tamper("UPDATE secrets SET kind = 'symmetric_key' WHERE version = 1");
    corrupt("ns", 1);
    tamper("UPDATE secrets SET kind = 'external' WHERE version = 1");
    tamper("UPDATE secrets SET expires_at = 1 WHERE version = 1");
    corrupt("ns", 1);
    tamper("UPDATE secrets SET expires_at = NULL WHERE version = 1");
    assert_eq!(material(&vault, "ns", id, 1), b"first secret value");
    let mut sealed: Vec<u8> = db
        .query_row("SELECT sealed FROM secrets WHERE version = 2", [], |r| {
            r.get(0)
        })
        .unwrap();
    sealed[30] ^= 1;
    db.execute(
        "UPDATE secrets SET sealed = ?1 WHERE version = 2",
        [&sealed],
    )
    .unwrap();
    corrupt("ns", 2);
    tamper("UPDATE secrets SET namespace = 'other' WHERE version = 1");
    corrupt("other", 1);
    // Through a context, a damaged record is the host's failure, not the guest's secret.
    let mut cx = CryptoCtx::new().with_secrets(SecretsConfig::new(Arc::new(vault), "other"));
    let sm = cx.secrets_manager_open(None).unwrap();
    assert_eq!(
        cx.external_secret_from_id(sm, id.as_bytes(), 1),
        Err(CryptoError::InternalError)
    );
}

/// What a helper process wrote: `stored ID TAG` / `replaced ID VERSION TAG`, after the commit.
#[derive(Debug, Default)]
struct Log {
    entries: Vec<(String, u64, String)>,
}

fn parse_log(lines: impl Iterator<Item = String>) -> Log {
    let mut log = Log::default();
    for line in lines {
        let parts: Vec<&str> = line.split_whitespace().collect();
        match parts.as_slice() {
            ["stored", id, tag] => log.entries.push((id.to_string(), 1, tag.to_string())),
            ["replaced", id, v, tag] => {
                log.entries
                    .push((id.to_string(), v.parse().unwrap(), tag.to_string()))
            }
            _ => {}
        }
    }
    log
}

fn helper(path: &Path, mode: &str, count: u64, tag: &str) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args([
        "--exact",
        "vault_writer_process",
        "--include-ignored",
        "--nocapture",
    ])
    .env("WASICRYPT_VAULT", path)
    .env("WASICRYPT_VAULT_MODE", mode)
    .env("WASICRYPT_VAULT_COUNT", count.to_string())
    .env("WASICRYPT_VAULT_TAG", tag)
    .stdout(Stdio::piped())
    .stderr(Stdio::null());
    cmd
}

/// Not a test: the writer process the two tests below start (and kill). Modes: `store-replace`
/// (store a new id, then replace it, repeatedly) and `append ID` (new versions of one id).
#[test]
#[ignore = "helper process of the SIGKILL and concurrent-writer tests"]
fn vault_writer_process() {
    let Ok(path) = std::env::var("WASICRYPT_VAULT") else {
        return;
    };
    let mode = std::env::var("WASICRYPT_VAULT_MODE").unwrap();
    let count: u64 = std::env::var("WASICRYPT_VAULT_COUNT")
        .unwrap()
        .parse()
        .unwrap();
    let tag = std::env::var("WASICRYPT_VAULT_TAG").unwrap();
    let vault = SqliteVault::open(&path, &MasterKey::from_bytes(KEY)).unwrap();
    let mut out = std::io::stdout().lock();
    let mut i = 0u64;
    while count == 0 || i < count {
        match mode.split_whitespace().collect::<Vec<_>>().as_slice() {
            ["store-replace"] => {
                let id = format!("{:032x}", (std::process::id() as u128) << 64 | i as u128);
                let t = format!("{tag}-{i}-a");
                vault.create("ns", &id, &external(t.as_bytes())).unwrap();
                writeln!(out, "stored {id} {t}").unwrap();
                out.flush().unwrap();
                let t = format!("{tag}-{i}-b");
                let v = vault
                    .add_version("ns", &id, &external(t.as_bytes()))
                    .unwrap();
                writeln!(out, "replaced {id} {v} {t}").unwrap();
                out.flush().unwrap();
            }
            ["append", id] => {
                let t = format!("{tag}-{i}");
                let v = vault
                    .add_version("ns", id, &external(t.as_bytes()))
                    .unwrap();
                writeln!(out, "replaced {id} {v} {t}").unwrap();
                out.flush().unwrap();
            }
            other => panic!("unknown mode {other:?}"),
        }
        i += 1;
    }
}

#[test]
fn a_writer_killed_at_any_point_loses_no_committed_secret() {
    let dir = Dir::new("vault-kill");
    let path = dir.file("v.db");
    drop(SqliteVault::create(&path, &MasterKey::from_bytes(KEY)).unwrap());
    let mut all = Vec::new();
    for (round, kill_after) in [37usize, 101, 163].into_iter().enumerate() {
        let mut child = helper(&path, "store-replace", 0, &format!("r{round}"))
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        let mut seen = Vec::new();
        while seen.len() < kill_after {
            seen.push(lines.next().expect("writer ended early").unwrap());
        }
        child.kill().unwrap(); // SIGKILL: no destructor, no rollback by the process.
        child.wait().unwrap();
        // Lines already in the pipe were printed after their commit.
        seen.extend(lines.map_while(Result::ok));
        all.extend(parse_log(seen.into_iter()).entries);
    }
    let vault = SqliteVault::open(&path, &MasterKey::from_bytes(KEY)).unwrap();
    for (id, version, tag) in &all {
        assert_eq!(material(&vault, "ns", id, *version), tag.as_bytes());
    }
    // Every record in the file is whole: each decrypts, and versions of an id have no gaps.
    let listed = vault.list("ns").unwrap();
    assert!(listed.len() >= all.len());
    for info in &listed {
        material(&vault, "ns", &info.id, info.version);
        assert!(info.version == 1 || listed.iter().any(|o| o.id == info.id && o.version == 1));
    }
}

#[test]
fn two_processes_writing_one_vault_keep_every_version() {
    let dir = Dir::new("vault-concurrent");
    let path = dir.file("v.db");
    let id = "00000000000000000000000000000abc";
    let vault = SqliteVault::create(&path, &MasterKey::from_bytes(KEY)).unwrap();
    vault.create("ns", id, &external(b"v1")).unwrap();
    const EACH: u64 = 60;
    let children: Vec<_> = ["a", "b"]
        .into_iter()
        .map(|tag| {
            helper(&path, &format!("append {id}"), EACH, tag)
                .spawn()
                .unwrap()
        })
        .collect();
    // This process writes too, meanwhile.
    let mut mine = Vec::new();
    for i in 0..EACH {
        let t = format!("parent-{i}");
        let v = vault
            .add_version("ns", id, &external(t.as_bytes()))
            .unwrap();
        mine.push((id.to_owned(), v, t));
    }
    let mut entries = mine;
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let log = parse_log(text.lines().map(str::to_owned));
        assert_eq!(log.entries.len() as u64, EACH);
        entries.extend(log.entries);
    }
    let mut versions: Vec<u64> = entries.iter().map(|e| e.1).collect();
    versions.sort_unstable();
    assert_eq!(
        versions,
        (2..=3 * EACH + 1).collect::<Vec<_>>(),
        "no version lost or shared"
    );
    for (id, v, tag) in &entries {
        assert_eq!(material(&vault, "ns", id, *v), tag.as_bytes());
    }
}
