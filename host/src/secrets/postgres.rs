//! [`PostgresVault`]: the records of [`SqliteVault`](super::SqliteVault), with the same
//! encryption and semantics, in a PostgreSQL database shared by many hosts.

use std::sync::Mutex;

use postgres::error::SqlState;
use postgres::{Client, NoTls};

use super::sealing::{
    MasterKey, Sealer, from_signed, new_vault, open_record, seal_record, to_signed, unlock,
};
use super::{
    BackendError, Secret, SecretInfo, SecretKind, SecretsBackend, VersionSelector, system_now,
};

/// How often [`SecretsBackend::add_version`] retries when another writer took the version it
/// computed (each retry reads the new highest version).
const VERSION_RACE_RETRIES: usize = 64;

/// A [`SecretsBackend`] in a PostgreSQL schema (feature `postgres`).
///
/// - Records are encrypted as in [`SqliteVault`](super::SqliteVault): XChaCha20-Poly1305 under a
///   key derived from the [`MasterKey`] and the vault's salt, bound to namespace, identifier,
///   version, kind, algorithm and expiry; a wrong master key is
///   [`BackendError::WrongMasterKey`]. The database (and its backups) never holds a key in
///   the clear, and its administrator cannot move a record to another namespace unnoticed.
/// - A vault is one schema (`wasicrypt` by default) with tables `vault_meta` and `secrets`.
///   Each change is one statement or one transaction: versions come from the primary key
///   `(namespace, id, version)`, so concurrent writers on many hosts never share a version
///   (a writer that loses the race retries with the next number).
/// - The connection string is libpq's (`host=/run/postgresql user=app dbname=keys` or
///   `postgres://user:password@host/db`). The connection is not encrypted (no TLS): reach the
///   server over a Unix socket, loopback or a private network.
pub struct PostgresVault {
    client: Mutex<Client>,
    sealer: Sealer,
    schema: String,
}

impl std::fmt::Debug for PostgresVault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PostgresVault")
            .field("schema", &self.schema)
            .finish_non_exhaustive()
    }
}

fn pg_error(e: postgres::Error) -> BackendError {
    match e.code() {
        Some(code) if *code == SqlState::INVALID_PASSWORD => {
            BackendError::Unavailable("the database refused the credentials".into())
        }
        _ => BackendError::Unavailable(e.to_string()),
    }
}

/// A schema name we quote without escaping: lowercase ASCII letters, digits and `_`, not
/// starting with a digit, at most 63 bytes (PostgreSQL's identifier length).
fn valid_schema(schema: &str) -> bool {
    !schema.is_empty()
        && schema.len() <= 63
        && !schema.starts_with(|c: char| c.is_ascii_digit())
        && schema
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

impl PostgresVault {
    /// The default schema of a vault.
    pub const DEFAULT_SCHEMA: &'static str = "wasicrypt";

    /// Opens the vault in `schema` of the database at `url`, which [`create`](Self::create)
    /// made.
    ///
    /// # Errors
    /// [`BackendError::Unavailable`] if the server cannot be reached or refuses the login, or
    /// `schema` is not a plain lowercase identifier; [`BackendError::Corrupt`] if the schema
    /// holds no vault; [`BackendError::WrongMasterKey`].
    pub fn open(url: &str, schema: &str, key: &MasterKey) -> Result<Self, BackendError> {
        Self::connect(url, schema, key, false)
    }

    /// Makes a new vault in `schema` (created if missing) sealed under `key`.
    ///
    /// # Errors
    /// [`BackendError::AlreadyExists`] if the schema already holds a vault; otherwise as
    /// [`open`](Self::open).
    pub fn create(url: &str, schema: &str, key: &MasterKey) -> Result<Self, BackendError> {
        Self::connect(url, schema, key, true)
    }

    /// [`open`](Self::open) if `schema` holds a vault, [`create`](Self::create) otherwise.
    ///
    /// # Errors
    /// As [`open`](Self::open).
    pub fn open_or_create(url: &str, schema: &str, key: &MasterKey) -> Result<Self, BackendError> {
        match Self::create(url, schema, key) {
            Err(BackendError::AlreadyExists) => Self::open(url, schema, key),
            other => other,
        }
    }

    /// The schema the vault lives in.
    pub fn schema(&self) -> &str {
        &self.schema
    }

    fn connect(
        url: &str,
        schema: &str,
        key: &MasterKey,
        create: bool,
    ) -> Result<Self, BackendError> {
        if !valid_schema(schema) {
            return Err(BackendError::Unavailable(format!(
                "schema {schema:?} is not a lowercase identifier"
            )));
        }
        let mut client = Client::connect(url, NoTls).map_err(pg_error)?;
        let mut tx = client.transaction().map_err(pg_error)?;
        // One initializer at a time, across every host (the key is arbitrary but fixed).
        tx.execute("SELECT pg_advisory_xact_lock(7322455401)", &[])
            .map_err(pg_error)?;
        let initialized = tx
            .query_one(
                "SELECT count(*) FROM information_schema.tables
                 WHERE table_schema = $1 AND table_name = 'vault_meta'",
                &[&schema],
            )
            .map_err(pg_error)?
            .get::<_, i64>(0)
            > 0;
        let sealer = match (initialized, create) {
            (true, true) => return Err(BackendError::AlreadyExists),
            (false, false) => {
                return Err(BackendError::Corrupt(format!(
                    "schema {schema} holds no wasicrypt vault"
                )));
            }
            (true, false) => {
                let mut meta = |name: &str| -> Result<Option<Vec<u8>>, BackendError> {
                    Ok(tx
                        .query_opt(
                            &format!("SELECT value FROM {schema}.vault_meta WHERE name = $1"),
                            &[&name],
                        )
                        .map_err(pg_error)?
                        .map(|row| row.get(0)))
                };
                unlock(key, meta("salt")?, meta("check")?)?
            }
            (false, true) => {
                tx.batch_execute(&format!(
                    "CREATE SCHEMA IF NOT EXISTS {schema};
                     CREATE TABLE {schema}.vault_meta (
                         name  TEXT PRIMARY KEY,
                         value BYTEA NOT NULL);
                     CREATE TABLE {schema}.secrets (
                         namespace  TEXT    NOT NULL,
                         id         TEXT    NOT NULL,
                         version    BIGINT  NOT NULL,
                         kind       TEXT    NOT NULL,
                         algorithm  TEXT    NOT NULL,
                         encoding   TEXT    NOT NULL,
                         expires_at BIGINT,
                         created_at BIGINT  NOT NULL,
                         revoked    BOOLEAN NOT NULL DEFAULT FALSE,
                         sealed     BYTEA   NOT NULL,
                         PRIMARY KEY (namespace, id, version));"
                ))
                .map_err(pg_error)?;
                let (sealer, meta) = new_vault(key)?;
                for (name, value) in &meta {
                    tx.execute(
                        &format!("INSERT INTO {schema}.vault_meta (name, value) VALUES ($1, $2)"),
                        &[&name, &value],
                    )
                    .map_err(pg_error)?;
                }
                sealer
            }
        };
        tx.commit().map_err(pg_error)?;
        Ok(PostgresVault {
            client: Mutex::new(client),
            sealer,
            schema: schema.to_owned(),
        })
    }

    fn with<R>(
        &self,
        f: impl FnOnce(&mut Client) -> Result<R, BackendError>,
    ) -> Result<R, BackendError> {
        // The server rolls back a transaction a panic left open when it is dropped.
        let mut client = self.client.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut client)
    }

    /// Inserts version `version`; [`BackendError::AlreadyExists`] if it is taken.
    fn insert(
        &self,
        client: &mut Client,
        namespace: &str,
        id: &str,
        version: u64,
        secret: &Secret,
    ) -> Result<(), BackendError> {
        let sealed = seal_record(&self.sealer, namespace, id, version, secret)?;
        let schema = &self.schema;
        client
            .execute(
                &format!(
                    "INSERT INTO {schema}.secrets (namespace, id, version, kind, algorithm,
                         encoding, expires_at, created_at, sealed)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)"
                ),
                &[
                    &namespace,
                    &id,
                    &to_signed(version),
                    &secret.kind.as_str(),
                    &secret.algorithm,
                    &secret.encoding.as_str(),
                    &secret.expires_at.map(to_signed),
                    &to_signed(system_now()),
                    &sealed,
                ],
            )
            .map(drop)
            .map_err(|e| match e.code() {
                Some(code) if *code == SqlState::UNIQUE_VIOLATION => BackendError::AlreadyExists,
                _ => pg_error(e),
            })
    }
}

impl SecretsBackend for PostgresVault {
    fn create(&self, namespace: &str, id: &str, secret: &Secret) -> Result<u64, BackendError> {
        self.with(|client| {
            self.insert(client, namespace, id, 1, secret)?;
            Ok(1)
        })
    }

    fn add_version(&self, namespace: &str, id: &str, secret: &Secret) -> Result<u64, BackendError> {
        let schema = &self.schema;
        self.with(|client| {
            for _ in 0..VERSION_RACE_RETRIES {
                let highest: Option<i64> = client
                    .query_one(
                        &format!(
                            "SELECT max(version) FROM {schema}.secrets
                             WHERE namespace = $1 AND id = $2"
                        ),
                        &[&namespace, &id],
                    )
                    .map_err(pg_error)?
                    .get(0);
                let version = from_signed(highest.ok_or(BackendError::NotFound)?)
                    .checked_add(1)
                    .filter(|v| *v < super::VERSION_UNSPECIFIED)
                    .ok_or_else(|| BackendError::Corrupt("version numbers exhausted".into()))?;
                match self.insert(client, namespace, id, version, secret) {
                    Err(BackendError::AlreadyExists) => continue,
                    other => return other.map(|()| version),
                }
            }
            Err(BackendError::Unavailable(
                "too many concurrent writers on one identifier".into(),
            ))
        })
    }

    fn get(
        &self,
        namespace: &str,
        id: &str,
        version: VersionSelector,
    ) -> Result<(u64, Secret), BackendError> {
        let schema = &self.schema;
        let columns = format!(
            "SELECT version, kind, algorithm, encoding, expires_at, sealed FROM {schema}.secrets
             WHERE namespace = $1 AND id = $2 AND NOT revoked"
        );
        let row = self.with(|client| {
            match version {
                VersionSelector::Latest => client.query_opt(
                    &format!("{columns} ORDER BY version DESC LIMIT 1"),
                    &[&namespace, &id],
                ),
                VersionSelector::Exact(v) => client.query_opt(
                    &format!("{columns} AND version = $3"),
                    &[&namespace, &id, &to_signed(v)],
                ),
                VersionSelector::All => return Err(BackendError::NotFound),
            }
            .map_err(pg_error)?
            .ok_or(BackendError::NotFound)
        })?;
        let version = from_signed(row.get(0));
        let secret = open_record(
            &self.sealer,
            namespace,
            id,
            version,
            row.get(1),
            row.get(2),
            row.get(3),
            row.get::<_, Option<i64>>(4).map(from_signed),
            row.get(5),
        )?;
        Ok((version, secret))
    }

    fn revoke(
        &self,
        namespace: &str,
        id: &str,
        version: VersionSelector,
    ) -> Result<(), BackendError> {
        let schema = &self.schema;
        let set = format!(
            "UPDATE {schema}.secrets SET revoked = TRUE, sealed = ''::bytea
             WHERE namespace = $1 AND id = $2 AND NOT revoked"
        );
        let changed = self.with(|client| {
            match version {
                VersionSelector::All => client.execute(&set, &[&namespace, &id]),
                VersionSelector::Exact(v) => client.execute(
                    &format!("{set} AND version = $3"),
                    &[&namespace, &id, &to_signed(v)],
                ),
                VersionSelector::Latest => client.execute(
                    &format!(
                        "{set} AND version = (SELECT max(version) FROM {schema}.secrets
                          WHERE namespace = $1 AND id = $2 AND NOT revoked)"
                    ),
                    &[&namespace, &id],
                ),
            }
            .map_err(pg_error)
        })?;
        if changed == 0 {
            Err(BackendError::NotFound)
        } else {
            Ok(())
        }
    }

    fn list(&self, namespace: &str) -> Result<Vec<SecretInfo>, BackendError> {
        let schema = &self.schema;
        let rows = self.with(|client| {
            client
                .query(
                    &format!(
                        "SELECT id, version, kind, algorithm, expires_at, created_at, revoked
                         FROM {schema}.secrets WHERE namespace = $1 ORDER BY id, version"
                    ),
                    &[&namespace],
                )
                .map_err(pg_error)
        })?;
        rows.into_iter()
            .map(|row| {
                let id: String = row.get(0);
                let kind: &str = row.get(2);
                Ok(SecretInfo {
                    kind: SecretKind::from_name(kind)
                        .ok_or_else(|| BackendError::Corrupt(format!("record {id}: kind")))?,
                    id,
                    version: from_signed(row.get(1)),
                    algorithm: row.get(3),
                    expires_at: row.get::<_, Option<i64>>(4).map(from_signed),
                    created_at: from_signed(row.get(5)),
                    revoked: row.get(6),
                })
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn only_plain_lowercase_schemas_are_accepted() {
        for good in ["wasicrypt", "keys_2", "_x"] {
            assert!(super::valid_schema(good), "{good}");
        }
        for bad in [
            "",
            "Keys",
            "9keys",
            "a;drop",
            "a b",
            "ключи",
            &"a".repeat(64),
        ] {
            assert!(!super::valid_schema(bad), "{bad}");
        }
    }
}
