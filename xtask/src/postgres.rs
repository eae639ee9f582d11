//! A throwaway PostgreSQL server for the tests of `secrets::PostgresVault`.
//!
//! `cargo xtask test` starts one (unless `WASICRYPT_POSTGRES_URL` names a server already) from
//! the machine's PostgreSQL binaries (`pg_config --bindir`, else `/usr/lib/postgresql/*/bin`):
//! a fresh cluster in a temporary directory, reached only through a Unix socket there, with
//! `trust` authentication for the one role `wasicrypt`. It is stopped and removed when the
//! tests end. As root, the server runs as the `postgres` user (PostgreSQL refuses root).
//! `.ci/run` installs Debian's `postgresql` package when the binaries are missing.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};

/// A running test server; stopped and deleted on drop.
pub struct TestServer {
    bin: PathBuf,
    dir: PathBuf,
    as_postgres: bool,
    /// The libpq connection string of the server.
    pub url: String,
}

/// The directory holding `initdb` and `pg_ctl`.
fn bindir() -> Result<PathBuf> {
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
        && out.status.success()
    {
        let dir = PathBuf::from(String::from_utf8_lossy(&out.stdout).trim());
        if dir.join("initdb").exists() {
            return Ok(dir);
        }
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path().join("bin"))
        .filter(|bin| bin.join("initdb").exists())
        .collect();
    found.sort();
    found.pop().context(
        "PostgreSQL server binaries (initdb, pg_ctl) not found: install PostgreSQL \
         (Debian: apt-get install postgresql) or set WASICRYPT_POSTGRES_URL",
    )
}

fn is_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

impl TestServer {
    fn command(&self, tool: &str) -> Command {
        let program = self.bin.join(tool);
        if self.as_postgres {
            let mut cmd = Command::new("runuser");
            cmd.args(["-u", "postgres", "--"]).arg(program);
            cmd
        } else {
            Command::new(program)
        }
    }

    /// Starts a fresh server.
    pub fn start() -> Result<Self> {
        let bin = bindir()?;
        let as_postgres = is_root();
        let dir = std::env::temp_dir().join(format!("wasicrypt-pg-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir)?;
        let mut server = TestServer {
            bin,
            dir,
            as_postgres,
            url: String::new(),
        };
        if as_postgres {
            let status = Command::new("chown")
                .args(["postgres:postgres"])
                .arg(&server.dir)
                .status()?;
            if !status.success() {
                bail!("cannot give {} to the postgres user", server.dir.display());
            }
        }
        let data = server.dir.join("data");
        let out = server
            .command("initdb")
            .args([
                "--auth=trust",
                "--username=wasicrypt",
                "--encoding=UTF8",
                "--no-sync",
            ])
            .arg("-D")
            .arg(&data)
            .output()
            .context("initdb")?;
        if !out.status.success() {
            bail!("initdb failed: {}", String::from_utf8_lossy(&out.stderr));
        }
        let options = format!(
            "-c listen_addresses='' -k {} -c fsync=off -c max_connections=50",
            server.dir.display()
        );
        let out = server
            .command("pg_ctl")
            .arg("-D")
            .arg(&data)
            .args(["-o", &options, "-l"])
            .arg(server.dir.join("server.log"))
            .args(["-w", "-t", "60", "start"])
            .output()
            .context("pg_ctl start")?;
        if !out.status.success() {
            let log = std::fs::read_to_string(server.dir.join("server.log")).unwrap_or_default();
            bail!(
                "pg_ctl start failed: {}{log}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
        // The URL form, which `wasicrypt run --vault` and `secrets --vault`
        // recognise; `host=` names the Unix socket directory.
        server.url = format!(
            "postgresql://wasicrypt@localhost/postgres?host={}",
            server.dir.display()
        );
        eprintln!("xtask: PostgreSQL test server at {}", server.dir.display());
        Ok(server)
    }

    fn data(&self) -> PathBuf {
        self.dir.join("data")
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let data = self.data();
        let _ = self
            .command("pg_ctl")
            .arg("-D")
            .arg(&data)
            .args(["-m", "immediate", "-w", "stop"])
            .output();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The server the tests use: `$WASICRYPT_POSTGRES_URL`, or a [`TestServer`] started here.
pub fn for_tests(_root: &Path) -> Result<(String, Option<TestServer>)> {
    if let Ok(url) = std::env::var("WASICRYPT_POSTGRES_URL") {
        return Ok((url, None));
    }
    let server = TestServer::start()?;
    Ok((server.url.clone(), Some(server)))
}
