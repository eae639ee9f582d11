//! `wasicrypt secrets …` (operator commands on a vault) and the secrets manager of
//! `wasicrypt run --vault`.
//!
//! The vault is a `wasicrypt_host::secrets::SqliteVault`: one SQLite file, every key encrypted
//! under the master key. The operator's commands go through a `CryptoCtx` with the same
//! secrets manager a guest gets, so a key generated here is exactly what a guest opens by id.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use wasicrypt_host::secrets::{
    BackendError, MasterKey, PostgresVault, SecretKind, SecretsBackend, SecretsConfig, SqliteVault,
    VERSION_LATEST, VersionSelector,
};
use wasicrypt_host::{AlgorithmType, CryptoCtx, CryptoError, KeyPairEncoding, PublicKeyEncoding};

use crate::args::{SecretsAction, SecretsArgs, VaultArgs};
use crate::error::RunError;

/// The environment variable holding the master key (64 hex digits) when no file is given.
pub const MASTER_KEY_ENV: &str = "WASICRYPT_MASTER_KEY";

fn load(msg: impl Into<String>) -> RunError {
    RunError::Load(msg.into())
}

/// Where a vault is.
enum Location<'a> {
    File(&'a Path),
    Postgres(String),
}

impl Location<'_> {
    fn label(&self, args: &VaultArgs) -> String {
        match self {
            Location::File(path) => path.display().to_string(),
            Location::Postgres(_) => format!("postgres schema {}", args.vault_schema),
        }
    }
}

/// The vault's location, or the usage error of a command that needs one.
fn location(args: &VaultArgs) -> Result<Location<'_>, RunError> {
    let path = args
        .vault
        .as_deref()
        .ok_or_else(|| load("this command needs --vault PATH"))?;
    let text = path.to_string_lossy();
    if text.starts_with("postgres://") || text.starts_with("postgresql://") {
        return Ok(Location::Postgres(text.into_owned()));
    }
    Ok(Location::File(path))
}

/// The master key: `--master-key-file`, else `$WASICRYPT_MASTER_KEY`.
fn master_key(args: &VaultArgs) -> Result<MasterKey, RunError> {
    match &args.master_key_file {
        Some(file) => MasterKey::from_file(file)
            .map_err(|e| load(format!("master key {}: {e}", file.display()))),
        None => MasterKey::from_env(MASTER_KEY_ENV).map_err(|_| {
            load(format!(
                "a vault needs its master key: --master-key-file FILE or {MASTER_KEY_ENV}"
            ))
        }),
    }
}

/// One line for a vault that would not open.
fn vault_error(path: &str, e: BackendError) -> RunError {
    load(match e {
        BackendError::WrongMasterKey => format!("wrong master key for vault {path}"),
        BackendError::AlreadyExists => format!("{path} is already a vault"),
        BackendError::Corrupt(why) => format!("vault {path} is corrupt: {why}"),
        BackendError::Unavailable(why) => format!("vault {path}: {why}"),
        other => format!("vault {path}: {other}"),
    })
}

/// Opens the vault of `args`, or (`create`) makes it.
fn connect(args: &VaultArgs, key: &MasterKey, create: bool) -> Result<Vault, RunError> {
    let at = location(args)?;
    let label = at.label(args);
    let backend: Result<Arc<dyn SecretsBackend>, BackendError> = match (&at, create) {
        (Location::File(path), false) => {
            SqliteVault::open_with_timeout(path, key, args.vault_timeout).map(|v| Arc::new(v) as _)
        }
        (Location::File(path), true) => {
            SqliteVault::create_with_timeout(path, key, args.vault_timeout)
                .map(|v| Arc::new(v) as _)
        }
        (Location::Postgres(url), false) => {
            PostgresVault::open(url, &args.vault_schema, key).map(|v| Arc::new(v) as _)
        }
        (Location::Postgres(url), true) => {
            PostgresVault::create(url, &args.vault_schema, key).map(|v| Arc::new(v) as _)
        }
    };
    Ok(Vault {
        backend: backend.map_err(|e| vault_error(&label, e))?,
        label,
    })
}

/// An open vault and how to name it in messages.
struct Vault {
    backend: Arc<dyn SecretsBackend>,
    label: String,
}

/// Opens the vault of `args`.
fn open_vault(args: &VaultArgs) -> Result<Vault, RunError> {
    connect(args, &master_key(args)?, false)
}

/// The secrets manager `wasicrypt run` gives the guest: `None` without `--vault`.
pub fn run_config(args: &VaultArgs, allow_export: bool) -> Result<Option<SecretsConfig>, RunError> {
    if args.vault.is_none() {
        return Ok(None);
    }
    let vault = open_vault(args)?.backend;
    let mut config = SecretsConfig::new(vault, args.namespace.clone());
    config.allow_export = allow_export;
    Ok(Some(config))
}

/// A context of the operator, on the namespace's secrets manager.
struct Operator {
    cx: CryptoCtx,
    sm: u32,
    namespace: String,
}

impl Operator {
    fn new(
        backend: Arc<dyn SecretsBackend>,
        args: &VaultArgs,
        expires_in: Option<std::time::Duration>,
    ) -> Self {
        let mut config = SecretsConfig::new(backend, args.namespace.clone());
        config.key_lifetime = expires_in;
        let mut cx = CryptoCtx::new().with_secrets(config);
        let sm = cx
            .secrets_manager_open(None)
            .expect("a context with a secrets manager opens it");
        Operator {
            cx,
            sm,
            namespace: args.namespace.clone(),
        }
    }

    /// One line for a failed operation on `what`.
    fn fail(&self, what: &str, e: CryptoError) -> RunError {
        load(match e {
            CryptoError::NotFound => format!("no key {what} in namespace {}", self.namespace),
            CryptoError::Expired => format!("key {what} has expired"),
            CryptoError::UnsupportedAlgorithm => format!("unknown algorithm {what}"),
            CryptoError::InternalError => {
                format!("{what}: the vault failed (damaged record or unreachable file)")
            }
            other => format!("{what}: {other} ({})", other.errno()),
        })
    }
}

/// The algorithm type `name` belongs to, by the host's catalog.
fn algorithm_type(name: &str) -> Option<(AlgorithmType, &'static str)> {
    wasicrypt_host::algorithms()
        .into_iter()
        .find(|a| a.name.eq_ignore_ascii_case(name))
        .map(|a| (a.kind, a.name))
}

/// Runs `wasicrypt secrets ACTION`; prints its result on stdout.
pub fn run(args: &SecretsArgs) -> Result<u8, RunError> {
    let vault = &args.vault;
    match &args.action {
        SecretsAction::Init => init(vault),
        SecretsAction::Generate {
            algorithm,
            expires_in,
        } => {
            let mut op = Operator::new(open_vault(vault)?.backend, vault, *expires_in);
            let (kind, name) = algorithm_type(algorithm)
                .ok_or_else(|| op.fail(algorithm, CryptoError::UnsupportedAlgorithm))?;
            let id = match kind {
                AlgorithmType::Symmetric => {
                    let key = op
                        .cx
                        .symmetric_key_generate_managed(op.sm, name, None)
                        .map_err(|e| op.fail(name, e))?;
                    op.cx.symmetric_key_id(key).map_err(|e| op.fail(name, e))?.0
                }
                kind => {
                    let kp = op
                        .cx
                        .keypair_generate_managed(op.sm, kind, name, None)
                        .map_err(|e| op.fail(name, e))?;
                    op.cx.keypair_id(kp).map_err(|e| op.fail(name, e))?.0
                }
            };
            println!("{}", String::from_utf8_lossy(&id));
            Ok(0)
        }
        SecretsAction::Import {
            algorithm,
            file,
            expires_in,
        } => import(vault, algorithm, file, *expires_in),
        SecretsAction::List => list(vault),
        SecretsAction::Rotate { id } => rotate(vault, id),
        SecretsAction::Revoke { id, version } => {
            let opened = open_vault(vault)?;
            let selector = version.map_or(VersionSelector::All, VersionSelector::Exact);
            opened
                .backend
                .revoke(&vault.namespace, id, selector)
                .map_err(|e| match e {
                    BackendError::NotFound => load(format!(
                        "no live version of {id} in namespace {}",
                        vault.namespace
                    )),
                    other => vault_error(&opened.label, other),
                })?;
            match version {
                Some(v) => println!("revoked {id} version {v}"),
                None => println!("revoked {id} (every version)"),
            }
            Ok(0)
        }
        SecretsAction::ExportPublic {
            id,
            version,
            encoding,
        } => export_public(vault, id, *version, encoding),
    }
}

fn init(args: &VaultArgs) -> Result<u8, RunError> {
    let label = location(args)?.label(args);
    let key = match &args.master_key_file {
        Some(file) if !file.exists() => {
            let key = MasterKey::generate().map_err(|e| load(format!("master key: {e}")))?;
            write_secret_file(file, key.to_hex().as_bytes())?;
            println!("wrote a new master key to {}", file.display());
            key
        }
        _ => master_key(args)?,
    };
    connect(args, &key, true)?;
    println!("initialized vault {label}");
    Ok(0)
}

/// Writes `bytes` to a new file readable by its owner only.
fn write_secret_file(path: &PathBuf, bytes: &[u8]) -> Result<(), RunError> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let mut file = options
        .open(path)
        .map_err(|e| load(format!("cannot create {}: {e}", path.display())))?;
    file.write_all(bytes)
        .and_then(|()| file.write_all(b"\n"))
        .and_then(|()| file.sync_all())
        .map_err(|e| load(format!("cannot write {}: {e}", path.display())))
}

fn import(
    args: &VaultArgs,
    algorithm: &str,
    file: &Path,
    expires_in: Option<std::time::Duration>,
) -> Result<u8, RunError> {
    let bytes = zeroize::Zeroizing::new(
        std::fs::read(file).map_err(|e| load(format!("cannot read {}: {e}", file.display())))?,
    );
    let mut op = Operator::new(open_vault(args)?.backend, args, expires_in);
    let (kind, name) = algorithm_type(algorithm)
        .ok_or_else(|| op.fail(algorithm, CryptoError::UnsupportedAlgorithm))?;
    let id = match kind {
        AlgorithmType::Symmetric => {
            let key = op
                .cx
                .symmetric_key_import(name, &bytes)
                .map_err(|e| op.fail(name, e))?;
            op.cx
                .symmetric_key_store_managed(op.sm, key)
                .map_err(|e| op.fail(name, e))?
        }
        kind => {
            let kp = [
                KeyPairEncoding::Pem,
                KeyPairEncoding::Pkcs8,
                KeyPairEncoding::Raw,
            ]
            .into_iter()
            .find_map(|encoding| op.cx.keypair_import(kind, name, &bytes, encoding).ok())
            .ok_or_else(|| {
                load(format!(
                    "{} is not a {name} key pair (PKCS#8 PEM, PKCS#8 DER or raw)",
                    file.display()
                ))
            })?;
            op.cx
                .keypair_store_managed(op.sm, kp)
                .map_err(|e| op.fail(name, e))?
        }
    };
    println!("{}", String::from_utf8_lossy(&id));
    Ok(0)
}

fn list(args: &VaultArgs) -> Result<u8, RunError> {
    let vault = open_vault(args)?;
    let entries = vault
        .backend
        .list(&args.namespace)
        .map_err(|e| vault_error(&vault.label, e))?;
    println!(
        "{:<32}  {:>7}  {:<17}  {:<22}  {:>10}  {:>10}  STATUS",
        "ID", "VERSION", "KIND", "ALGORITHM", "CREATED", "EXPIRES"
    );
    let now = wasicrypt_host::secrets::system_now();
    for e in entries {
        let status = if e.revoked {
            "revoked"
        } else if e.expires_at.is_some_and(|t| t <= now) {
            "expired"
        } else {
            "live"
        };
        let expires = e.expires_at.map_or("never".to_owned(), |t| t.to_string());
        println!(
            "{:<32}  {:>7}  {:<17}  {:<22}  {:>10}  {:>10}  {status}",
            e.id,
            e.version,
            e.kind.as_str(),
            if e.algorithm.is_empty() {
                "-"
            } else {
                &e.algorithm
            },
            e.created_at,
            expires
        );
    }
    Ok(0)
}

fn rotate(args: &VaultArgs, id: &str) -> Result<u8, RunError> {
    let vault = open_vault(args)?;
    if id == wasicrypt_host::secrets::ENCAPSULATION_KEY_ID {
        // Made on first rotation as on first use.
        let version =
            wasicrypt_host::secrets::rotate_encapsulation_key(&*vault.backend, &args.namespace)
                .map_err(|e| load(format!("{id}: the vault failed ({e})")))?;
        println!("{id} version {version}");
        return Ok(0);
    }
    let (_, current) = vault
        .backend
        .get(&args.namespace, id, VersionSelector::Latest)
        .map_err(|e| match e {
            BackendError::NotFound => load(format!("no key {id} in namespace {}", args.namespace)),
            other => vault_error(&vault.label, other),
        })?;
    let mut op = Operator::new(vault.backend, args, None);
    let fail = |op: &Operator, e| op.fail(id, e);
    let version = match current.kind {
        SecretKind::SymmetricKey => {
            let old = op
                .cx
                .symmetric_key_from_id(op.sm, id.as_bytes(), VERSION_LATEST)
                .map_err(|e| fail(&op, e))?;
            let new = op
                .cx
                .symmetric_key_generate(&current.algorithm, None)
                .map_err(|e| fail(&op, e))?;
            op.cx
                .symmetric_key_replace_managed(op.sm, old, new)
                .map_err(|e| fail(&op, e))?
        }
        SecretKind::SignatureKeyPair | SecretKind::KxKeyPair => {
            let kind = if current.kind == SecretKind::SignatureKeyPair {
                AlgorithmType::Signatures
            } else {
                AlgorithmType::KeyExchange
            };
            let old = op
                .cx
                .keypair_from_id(op.sm, id.as_bytes(), VERSION_LATEST)
                .map_err(|e| fail(&op, e))?;
            let new = op
                .cx
                .keypair_generate(kind, &current.algorithm, None)
                .map_err(|e| fail(&op, e))?;
            op.cx
                .keypair_replace_managed(op.sm, old, new)
                .map_err(|e| fail(&op, e))?
        }
        _ => {
            return Err(load(format!(
                "{id} is not a managed key (external secrets get new versions from their guest)"
            )));
        }
    };
    println!("{id} version {version}");
    Ok(0)
}

fn export_public(
    args: &VaultArgs,
    id: &str,
    version: Option<u64>,
    encoding: &str,
) -> Result<u8, RunError> {
    let encoding = match encoding {
        "pem" => PublicKeyEncoding::Pem,
        "pkcs8" => PublicKeyEncoding::Pkcs8,
        "raw" => PublicKeyEncoding::Raw,
        "sec" => PublicKeyEncoding::Sec,
        other => {
            return Err(load(format!(
                "unknown public key encoding {other} (pem, pkcs8, raw, sec)"
            )));
        }
    };
    let mut op = Operator::new(open_vault(args)?.backend, args, None);
    let kp = op
        .cx
        .keypair_from_id(op.sm, id.as_bytes(), version.unwrap_or(VERSION_LATEST))
        .map_err(|e| op.fail(id, e))?;
    let pk = op.cx.keypair_publickey(kp).map_err(|e| op.fail(id, e))?;
    let out = op
        .cx
        .publickey_export(pk, encoding)
        .map_err(|e| op.fail(id, e))?;
    let mut bytes = vec![0; op.cx.array_output_len(out).map_err(|e| op.fail(id, e))?];
    op.cx
        .array_output_pull(out, &mut bytes)
        .map_err(|e| op.fail(id, e))?;
    if encoding == PublicKeyEncoding::Pem {
        print!("{}", String::from_utf8_lossy(&bytes));
    } else {
        println!(
            "{}",
            bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
        );
    }
    Ok(0)
}
