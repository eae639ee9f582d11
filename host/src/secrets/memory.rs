//! [`MemoryBackend`]: secrets kept in the process, gone when it ends.

use std::collections::BTreeMap;
use std::sync::Mutex;

use super::{BackendError, Secret, SecretInfo, SecretsBackend, VersionSelector, system_now};

/// One stored version.
#[derive(Debug)]
struct Entry {
    secret: Secret,
    created_at: u64,
    revoked: bool,
}

/// A [`SecretsBackend`] in memory: for tests and for secrets that need not outlive the process.
/// Clones of the `Arc` holding it share one store; its material is wiped when it is dropped.
#[derive(Debug, Default)]
pub struct MemoryBackend {
    /// (namespace, id) → versions, version `n` at index `n - 1`.
    secrets: Mutex<BTreeMap<(String, String), Vec<Entry>>>,
}

impl MemoryBackend {
    /// An empty store.
    pub fn new() -> Self {
        Self::default()
    }

    fn with<R>(&self, f: impl FnOnce(&mut BTreeMap<(String, String), Vec<Entry>>) -> R) -> R {
        // A panic while the lock was held cannot leave an entry half-written (every change is one
        // push or one flag), so a poisoned lock is still consistent.
        let mut guard = self.secrets.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut guard)
    }
}

fn key(namespace: &str, id: &str) -> (String, String) {
    (namespace.to_owned(), id.to_owned())
}

/// The index of the version `selector` names among `versions`, if it is live.
fn find(versions: &[Entry], selector: VersionSelector) -> Option<usize> {
    match selector {
        VersionSelector::Latest => versions.iter().rposition(|e| !e.revoked),
        VersionSelector::Exact(v) => {
            let i = usize::try_from(v).ok()?.checked_sub(1)?;
            versions.get(i).filter(|e| !e.revoked).map(|_| i)
        }
        VersionSelector::All => None,
    }
}

impl SecretsBackend for MemoryBackend {
    fn create(&self, namespace: &str, id: &str, secret: &Secret) -> Result<u64, BackendError> {
        self.with(|map| {
            let slot = map.entry(key(namespace, id)).or_default();
            if !slot.is_empty() {
                return Err(BackendError::AlreadyExists);
            }
            slot.push(Entry {
                secret: secret.clone(),
                created_at: system_now(),
                revoked: false,
            });
            Ok(1)
        })
    }

    fn add_version(&self, namespace: &str, id: &str, secret: &Secret) -> Result<u64, BackendError> {
        self.with(|map| {
            let versions = map
                .get_mut(&key(namespace, id))
                .filter(|v| !v.is_empty())
                .ok_or(BackendError::NotFound)?;
            versions.push(Entry {
                secret: secret.clone(),
                created_at: system_now(),
                revoked: false,
            });
            Ok(versions.len() as u64)
        })
    }

    fn get(
        &self,
        namespace: &str,
        id: &str,
        version: VersionSelector,
    ) -> Result<(u64, Secret), BackendError> {
        self.with(|map| {
            let versions = map.get(&key(namespace, id)).ok_or(BackendError::NotFound)?;
            let i = find(versions, version).ok_or(BackendError::NotFound)?;
            Ok((i as u64 + 1, versions[i].secret.clone()))
        })
    }

    fn revoke(
        &self,
        namespace: &str,
        id: &str,
        version: VersionSelector,
    ) -> Result<(), BackendError> {
        self.with(|map| {
            let versions = map
                .get_mut(&key(namespace, id))
                .ok_or(BackendError::NotFound)?;
            match version {
                VersionSelector::All => {
                    let mut any = false;
                    for e in versions.iter_mut().filter(|e| !e.revoked) {
                        e.revoked = true;
                        any = true;
                    }
                    if any {
                        Ok(())
                    } else {
                        Err(BackendError::NotFound)
                    }
                }
                one => {
                    let i = find(versions, one).ok_or(BackendError::NotFound)?;
                    versions[i].revoked = true;
                    Ok(())
                }
            }
        })
    }

    fn list(&self, namespace: &str) -> Result<Vec<SecretInfo>, BackendError> {
        Ok(self.with(|map| {
            map.iter()
                .filter(|((ns, _), _)| ns == namespace)
                .flat_map(|((_, id), versions)| {
                    versions.iter().enumerate().map(move |(i, e)| SecretInfo {
                        id: id.clone(),
                        version: i as u64 + 1,
                        kind: e.secret.kind,
                        algorithm: e.secret.algorithm.clone(),
                        expires_at: e.secret.expires_at,
                        created_at: e.created_at,
                        revoked: e.revoked,
                    })
                })
                .collect()
        }))
    }
}
