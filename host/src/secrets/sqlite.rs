//! [`SqliteVault`]: managed keys and external secrets in one SQLite file, encrypted at rest.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, TransactionBehavior, params};

use super::sealing::{
    MasterKey, Sealer, from_signed, new_vault, open_record, seal_record, to_signed, unlock,
};
use super::{
    BackendError, Secret, SecretInfo, SecretKind, SecretsBackend, VersionSelector, system_now,
};

/// How long a call waits for another process's write to finish before it answers
/// [`BackendError::Unavailable`].
const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS vault_meta (
    name  TEXT PRIMARY KEY,
    value BLOB NOT NULL
) STRICT;
CREATE TABLE IF NOT EXISTS secrets (
    namespace  TEXT    NOT NULL,
    id         TEXT    NOT NULL,
    version    INTEGER NOT NULL,
    kind       TEXT    NOT NULL,
    algorithm  TEXT    NOT NULL,
    encoding   TEXT    NOT NULL,
    expires_at INTEGER,
    created_at INTEGER NOT NULL,
    revoked    INTEGER NOT NULL DEFAULT 0,
    sealed     BLOB    NOT NULL,
    PRIMARY KEY (namespace, id, version)
) STRICT;
";

/// A [`SecretsBackend`] in a SQLite file (feature `sqlite`).
///
/// - Every record's material is encrypted with XChaCha20-Poly1305 under a key derived from the
///   [`MasterKey`] and the vault's random salt (HKDF-SHA256), with the record's namespace,
///   identifier, version, kind, algorithm and expiry as associated data: a record altered,
///   or moved to another identifier or namespace, does not decrypt ([`BackendError::Corrupt`]).
/// - Opening checks the master key against a sealed check value: a wrong key is
///   [`BackendError::WrongMasterKey`], never garbage.
/// - WAL journal, `synchronous = FULL`, one transaction per change (`BEGIN IMMEDIATE` where a
///   version number is read and written): a process killed at any point leaves every committed
///   secret readable and no half-written one, and several processes may share one file.
/// - Invalidating a version erases its ciphertext; it cannot be recovered.
#[derive(Debug)]
pub struct SqliteVault {
    conn: Mutex<Connection>,
    sealer: Sealer,
    path: PathBuf,
}

fn sql_error(e: rusqlite::Error) -> BackendError {
    match e.sqlite_error_code() {
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
            BackendError::Unavailable("the vault is locked by another process".into())
        }
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            BackendError::Corrupt("the file is not a SQLite database".into())
        }
        Some(ErrorCode::CannotOpen) => BackendError::Unavailable("cannot open the file".into()),
        _ => BackendError::Unavailable(e.to_string()),
    }
}

impl SqliteVault {
    /// Opens the vault at `path`, which [`create`](Self::create) made.
    ///
    /// # Errors
    /// [`BackendError::Unavailable`] if the file does not exist or cannot be opened (or stays
    /// locked), [`BackendError::Corrupt`] if it is not a vault, [`BackendError::WrongMasterKey`]
    /// if it was made under another key.
    pub fn open(path: impl AsRef<Path>, key: &MasterKey) -> Result<Self, BackendError> {
        Self::connect(path.as_ref(), key, false, BUSY_TIMEOUT)
    }

    /// Makes a new vault at `path` (the file is created if missing) sealed under `key`.
    ///
    /// # Errors
    /// [`BackendError::AlreadyExists`] if `path` already is a vault; otherwise as
    /// [`open`](Self::open).
    pub fn create(path: impl AsRef<Path>, key: &MasterKey) -> Result<Self, BackendError> {
        Self::connect(path.as_ref(), key, true, BUSY_TIMEOUT)
    }

    /// [`open`](Self::open) if `path` is a vault, [`create`](Self::create) otherwise.
    ///
    /// # Errors
    /// As [`open`](Self::open).
    pub fn open_or_create(path: impl AsRef<Path>, key: &MasterKey) -> Result<Self, BackendError> {
        match Self::create(path.as_ref(), key) {
            Err(BackendError::AlreadyExists) => Self::open(path, key),
            other => other,
        }
    }

    /// [`open`](Self::open), waiting at most `wait` (default 10 s) for another process's write
    /// whenever a call needs the file, before it answers [`BackendError::Unavailable`]
    /// ("locked").
    ///
    /// # Errors
    /// As [`open`](Self::open).
    pub fn open_with_timeout(
        path: impl AsRef<Path>,
        key: &MasterKey,
        wait: Duration,
    ) -> Result<Self, BackendError> {
        Self::connect(path.as_ref(), key, false, wait)
    }

    /// [`create`](Self::create) with the wait of [`open_with_timeout`](Self::open_with_timeout).
    ///
    /// # Errors
    /// As [`create`](Self::create).
    pub fn create_with_timeout(
        path: impl AsRef<Path>,
        key: &MasterKey,
        wait: Duration,
    ) -> Result<Self, BackendError> {
        Self::connect(path.as_ref(), key, true, wait)
    }

    /// The file of the vault.
    pub fn path(&self) -> &Path {
        &self.path
    }

    fn connect(
        path: &Path,
        key: &MasterKey,
        create: bool,
        wait: Duration,
    ) -> Result<Self, BackendError> {
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let mut conn =
            Connection::open_with_flags(path, flags).map_err(|e| match e.sqlite_error_code() {
                Some(ErrorCode::CannotOpen) => {
                    BackendError::Unavailable(format!("no vault at {}", path.display()))
                }
                _ => sql_error(e),
            })?;
        conn.busy_timeout(wait).map_err(sql_error)?;
        let mode: String = conn
            .query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))
            .map_err(sql_error)?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(BackendError::Unavailable(format!(
                "the vault needs WAL journaling (got {mode})"
            )));
        }
        conn.pragma_update(None, "synchronous", "FULL")
            .map_err(sql_error)?;

        let tx = conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(sql_error)?;
        let initialized: bool = tx
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'vault_meta'",
                [],
                |row| row.get::<_, i64>(0),
            )
            .map_err(sql_error)?
            > 0;
        let meta = |name: &str| -> Result<Option<Vec<u8>>, BackendError> {
            tx.query_row(
                "SELECT value FROM vault_meta WHERE name = ?1",
                [name],
                |row| row.get(0),
            )
            .optional()
            .map_err(sql_error)
        };
        let sealer = match (initialized, create) {
            (true, true) => return Err(BackendError::AlreadyExists),
            (false, false) => {
                return Err(BackendError::Corrupt(format!(
                    "{} is not a wasicrypt vault",
                    path.display()
                )));
            }
            (true, false) => unlock(key, meta("salt")?, meta("check")?)?,
            (false, true) => {
                tx.execute_batch(SCHEMA).map_err(sql_error)?;
                let (sealer, meta) = new_vault(key)?;
                for (name, value) in &meta {
                    tx.execute(
                        "INSERT INTO vault_meta (name, value) VALUES (?1, ?2)",
                        params![name, value],
                    )
                    .map_err(sql_error)?;
                }
                sealer
            }
        };
        tx.commit().map_err(sql_error)?;
        Ok(SqliteVault {
            conn: Mutex::new(conn),
            sealer,
            path: path.to_owned(),
        })
    }

    fn with<R>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<R, BackendError>,
    ) -> Result<R, BackendError> {
        // SQLite rolls back a transaction left open by a panic, so a poisoned connection is
        // still consistent.
        let mut conn = self.conn.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut conn)
    }

    fn insert(
        &self,
        conn: &Connection,
        namespace: &str,
        id: &str,
        version: u64,
        secret: &Secret,
    ) -> Result<(), BackendError> {
        let sealed = seal_record(&self.sealer, namespace, id, version, secret)?;
        conn.execute(
            "INSERT INTO secrets (namespace, id, version, kind, algorithm, encoding, expires_at,
                                  created_at, sealed)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                namespace,
                id,
                to_signed(version),
                secret.kind.as_str(),
                secret.algorithm,
                secret.encoding.as_str(),
                secret.expires_at.map(to_signed),
                to_signed(system_now()),
                sealed,
            ],
        )
        .map(drop)
        .map_err(|e| match e.sqlite_error_code() {
            Some(ErrorCode::ConstraintViolation) => BackendError::AlreadyExists,
            _ => sql_error(e),
        })
    }
}

/// A row's columns, before decryption.
struct Row {
    version: i64,
    kind: String,
    algorithm: String,
    encoding: String,
    expires_at: Option<i64>,
    sealed: Vec<u8>,
}

impl SecretsBackend for SqliteVault {
    fn create(&self, namespace: &str, id: &str, secret: &Secret) -> Result<u64, BackendError> {
        self.with(|conn| {
            // One INSERT is atomic; the primary key refuses an identifier already taken.
            self.insert(conn, namespace, id, 1, secret)?;
            Ok(1)
        })
    }

    fn add_version(&self, namespace: &str, id: &str, secret: &Secret) -> Result<u64, BackendError> {
        self.with(|conn| {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(sql_error)?;
            let highest: Option<i64> = tx
                .query_row(
                    "SELECT max(version) FROM secrets WHERE namespace = ?1 AND id = ?2",
                    params![namespace, id],
                    |row| row.get(0),
                )
                .map_err(sql_error)?;
            let version = from_signed(highest.ok_or(BackendError::NotFound)?)
                .checked_add(1)
                .filter(|v| *v < super::VERSION_UNSPECIFIED)
                .ok_or_else(|| BackendError::Corrupt("version numbers exhausted".into()))?;
            self.insert(&tx, namespace, id, version, secret)?;
            tx.commit().map_err(sql_error)?;
            Ok(version)
        })
    }

    fn get(
        &self,
        namespace: &str,
        id: &str,
        version: VersionSelector,
    ) -> Result<(u64, Secret), BackendError> {
        let row = self.with(|conn| {
            let read = |row: &rusqlite::Row<'_>| {
                Ok(Row {
                    version: row.get(0)?,
                    kind: row.get(1)?,
                    algorithm: row.get(2)?,
                    encoding: row.get(3)?,
                    expires_at: row.get(4)?,
                    sealed: row.get(5)?,
                })
            };
            const COLUMNS: &str =
                "SELECT version, kind, algorithm, encoding, expires_at, sealed FROM secrets";
            match version {
                VersionSelector::Latest => conn.query_row(
                    &format!(
                        "{COLUMNS} WHERE namespace = ?1 AND id = ?2 AND revoked = 0
                         ORDER BY version DESC LIMIT 1"
                    ),
                    params![namespace, id],
                    read,
                ),
                VersionSelector::Exact(v) => conn.query_row(
                    &format!(
                        "{COLUMNS} WHERE namespace = ?1 AND id = ?2 AND version = ?3
                         AND revoked = 0"
                    ),
                    params![namespace, id, to_signed(v)],
                    read,
                ),
                VersionSelector::All => return Err(BackendError::NotFound),
            }
            .optional()
            .map_err(sql_error)?
            .ok_or(BackendError::NotFound)
        })?;
        let version = from_signed(row.version);
        let secret = open_record(
            &self.sealer,
            namespace,
            id,
            version,
            &row.kind,
            row.algorithm,
            &row.encoding,
            row.expires_at.map(from_signed),
            &row.sealed,
        )?;
        Ok((version, secret))
    }

    fn revoke(
        &self,
        namespace: &str,
        id: &str,
        version: VersionSelector,
    ) -> Result<(), BackendError> {
        self.with(|conn| {
            const SET: &str = "UPDATE secrets SET revoked = 1, sealed = X''
                               WHERE namespace = ?1 AND id = ?2 AND revoked = 0";
            let changed = match version {
                VersionSelector::All => conn.execute(SET, params![namespace, id]),
                VersionSelector::Exact(v) => conn.execute(
                    &format!("{SET} AND version = ?3"),
                    params![namespace, id, to_signed(v)],
                ),
                VersionSelector::Latest => conn.execute(
                    &format!(
                        "{SET} AND version = (SELECT max(version) FROM secrets
                          WHERE namespace = ?1 AND id = ?2 AND revoked = 0)"
                    ),
                    params![namespace, id],
                ),
            }
            .map_err(sql_error)?;
            if changed == 0 {
                Err(BackendError::NotFound)
            } else {
                Ok(())
            }
        })
    }

    fn list(&self, namespace: &str) -> Result<Vec<SecretInfo>, BackendError> {
        self.with(|conn| {
            let mut stmt = conn
                .prepare(
                    "SELECT id, version, kind, algorithm, expires_at, created_at, revoked
                     FROM secrets WHERE namespace = ?1 ORDER BY id, version",
                )
                .map_err(sql_error)?;
            let rows = stmt
                .query_map([namespace], |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, i64>(1)?,
                        row.get::<_, String>(2)?,
                        row.get::<_, String>(3)?,
                        row.get::<_, Option<i64>>(4)?,
                        row.get::<_, i64>(5)?,
                        row.get::<_, i64>(6)?,
                    ))
                })
                .map_err(sql_error)?;
            let mut out = Vec::new();
            for row in rows {
                let (id, version, kind, algorithm, expires_at, created_at, revoked) =
                    row.map_err(sql_error)?;
                out.push(SecretInfo {
                    kind: SecretKind::from_name(&kind)
                        .ok_or_else(|| BackendError::Corrupt(format!("record {id}: kind")))?,
                    id,
                    version: from_signed(version),
                    algorithm,
                    expires_at: expires_at.map(from_signed),
                    created_at: from_signed(created_at),
                    revoked: revoked != 0,
                });
            }
            Ok(out)
        })
    }
}
