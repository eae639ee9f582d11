//! Command-line syntax (clap derive).

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};

/// Run WASI programs with WASI-Crypto enabled.
#[derive(Debug, Parser)]
#[command(name = "wasicrypt", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run a WASI preview 1 command module (`_start`) with WASI and WASI-Crypto linked in.
    ///
    /// Exits with the guest's status; 126 if the module cannot be loaded, linked or
    /// instantiated; 134 if it traps.
    Run(RunArgs),
}

/// Options of `wasicrypt run`.
#[derive(Debug, Args)]
#[command(override_usage = "wasicrypt run [OPTIONS] <app.wasm> [args]...")]
pub struct RunArgs {
    /// Preopen host directory HOST for the guest (read-write), as GUEST if given, else as HOST.
    #[arg(long = "dir", value_name = "HOST[::GUEST]", value_parser = parse_dir)]
    pub dirs: Vec<DirSpec>,

    /// Set an environment variable for the guest; `--env K` passes the host's value of K.
    #[arg(long = "env", value_name = "K[=V]", value_parser = parse_env)]
    pub envs: Vec<EnvSpec>,

    /// Give the guest N units of fuel (~ one per wasm instruction); WASI-Crypto calls pay for the
    /// host work they cause from the same fuel. The guest traps when it runs out.
    #[arg(long, value_name = "N")]
    pub fuel: Option<u64>,

    /// Stop the guest after DURATION of wall-clock time (`500ms`, `5s`, `2m`, `1h`; a bare
    /// number is seconds): it traps with `interrupt` (exit status 134). Checked while wasm code
    /// runs (epoch interruption); a host call in progress finishes first.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<std::time::Duration>,

    /// Cap each linear memory of the guest at SIZE; growing beyond fails (memory.grow returns -1).
    /// SIZE is bytes, or a number with a unit: `64KiB`, `64MiB`, `1GiB` (or `K`, `M`, `G`:
    /// powers of 1024), `64KB`, `64MB`, `1GB` (powers of 1000).
    #[arg(long = "max-memory", value_name = "SIZE", value_parser = parse_size)]
    pub max_memory: Option<usize>,

    /// Cap the host memory WASI-Crypto may hold for the guest at SIZE (keys, states, buffered
    /// input, array outputs, option values, and each call's copies); past it a call answers
    /// `overflow`. Default 128MiB.
    #[arg(long = "crypto-max-memory", value_name = "SIZE", value_parser = parse_size)]
    pub crypto_max_memory: Option<usize>,

    /// Most memory one Argon2 hash may ask for (`memory_limit`, SIZE as for `--max-memory`);
    /// more is `prohibited_operation`. Default 64MiB.
    #[arg(long = "argon2-max-memory", value_name = "SIZE", value_parser = parse_size_u64)]
    pub argon2_max_memory: Option<u64>,

    /// Most passes (`ops_limit`) one Argon2 hash may ask for. Default 10.
    #[arg(long = "argon2-max-passes", value_name = "N")]
    pub argon2_max_passes: Option<u64>,

    /// Most lanes (`parallelism`) one Argon2 hash may ask for. Default 16.
    #[arg(long = "argon2-max-lanes", value_name = "N")]
    pub argon2_max_lanes: Option<u64>,

    /// Most iterations (`ops_limit`) one PBKDF2 hash may ask for. Default 10000000.
    #[arg(long = "pbkdf2-max-iterations", value_name = "N")]
    pub pbkdf2_max_iterations: Option<u64>,

    /// The WebAssembly module to run (binary or text format; `-` reads it from standard input),
    /// then the arguments passed to the guest. The module's name as given is the guest's argv[0];
    /// everything after it goes to the guest unparsed, even if it looks like an option.
    #[arg(
        value_name = "app.wasm [args]",
        required = true,
        num_args = 1..,
        trailing_var_arg = true
    )]
    pub module_and_args: Vec<String>,
}

impl Cli {
    /// Parses `args` (the program name first), as `wasmtime` does: when the first argument is
    /// neither a subcommand nor an option (`wasicrypt app.wasm ...`), it means `run`.
    pub fn parse_with_implicit_run<I: IntoIterator<Item = std::ffi::OsString>>(args: I) -> Self {
        let mut args: Vec<std::ffi::OsString> = args.into_iter().collect();
        if let Some(first) = args.get(1).and_then(|a| a.to_str()) {
            let is_subcommand = ["run", "help"].contains(&first);
            if !is_subcommand && !first.starts_with('-') {
                args.insert(1, "run".into());
            }
        }
        Cli::parse_from(args)
    }
}

impl RunArgs {
    /// The module to run (the first positional argument).
    pub fn module(&self) -> &Path {
        Path::new(&self.module_and_args[0])
    }

    /// The guest's arguments after argv[0].
    pub fn guest_args(&self) -> &[String] {
        &self.module_and_args[1..]
    }
}

/// A `--dir` preopen: a host directory and the name the guest sees it under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirSpec {
    /// Directory on the host.
    pub host: PathBuf,
    /// Path the guest opens it as.
    pub guest: String,
}

/// A `--env` entry: a variable and its value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvSpec {
    /// Variable name.
    pub key: String,
    /// Value (taken from the host environment for `--env K`).
    pub value: String,
}

fn parse_dir(s: &str) -> Result<DirSpec, String> {
    let (host, guest) = match s.split_once("::") {
        Some((host, guest)) => (host, guest),
        None => (s, s),
    };
    if host.is_empty() || guest.is_empty() {
        return Err(format!("expected HOST or HOST::GUEST, got `{s}`"));
    }
    Ok(DirSpec {
        host: PathBuf::from(host),
        guest: guest.to_owned(),
    })
}

/// A byte count: digits, optionally followed by a unit (`B`; `K`, `KiB`, `M`, `MiB`, `G`, `GiB`
/// for powers of 1024; `KB`, `MB`, `GB` for powers of 1000; case-insensitive).
fn parse_size(s: &str) -> Result<usize, String> {
    let bytes = parse_size_u64(s)?;
    usize::try_from(bytes).map_err(|_| format!("`{s}` does not fit in this machine's usize"))
}

/// [`parse_size`] as a `u64`.
fn parse_size_u64(s: &str) -> Result<u64, String> {
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (number, unit) = s.split_at(digits);
    if number.is_empty() {
        return Err(format!(
            "expected a size such as 65536, 64KiB or 64MiB, got `{s}`"
        ));
    }
    let multiplier: u64 = match unit.to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kib" => 1 << 10,
        "m" | "mib" => 1 << 20,
        "g" | "gib" => 1 << 30,
        "kb" => 1_000,
        "mb" => 1_000_000,
        "gb" => 1_000_000_000,
        other => {
            return Err(format!(
                "unknown unit `{other}` in `{s}` (use B, KiB, MiB, GiB, KB, MB or GB)"
            ));
        }
    };
    number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(multiplier))
        .ok_or_else(|| format!("`{s}` is too large"))
}

/// A duration: digits with an optional unit (`ms`, `s`, `m`, `h`; seconds when absent).
fn parse_duration(s: &str) -> Result<std::time::Duration, String> {
    use std::time::Duration;
    let digits = s.find(|c: char| !c.is_ascii_digit()).unwrap_or(s.len());
    let (number, unit) = s.split_at(digits);
    let n: u64 = number
        .parse()
        .map_err(|_| format!("expected a duration such as 500ms, 5s or 2m, got `{s}`"))?;
    let seconds = |factor: u64| {
        n.checked_mul(factor)
            .map(Duration::from_secs)
            .ok_or_else(|| format!("`{s}` is too long"))
    };
    match unit {
        "ms" => Ok(Duration::from_millis(n)),
        "" | "s" => seconds(1),
        "m" => seconds(60),
        "h" => seconds(3600),
        other => Err(format!(
            "unknown unit `{other}` in `{s}` (use ms, s, m or h)"
        )),
    }
}

fn parse_env(s: &str) -> Result<EnvSpec, String> {
    let (key, value) = match s.split_once('=') {
        Some((key, value)) => (key.to_owned(), value.to_owned()),
        None => {
            let value = std::env::var(s)
                .map_err(|_| format!("`{s}` is not set in the host environment (use K=V)"))?;
            (s.to_owned(), value)
        }
    };
    if key.is_empty() {
        return Err(format!("empty variable name in `{s}`"));
    }
    Ok(EnvSpec { key, value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dir_forms() {
        let d = parse_dir("/a/b").unwrap();
        assert_eq!((d.host, d.guest.as_str()), (PathBuf::from("/a/b"), "/a/b"));
        let d = parse_dir("/a/b::/repo").unwrap();
        assert_eq!((d.host, d.guest.as_str()), (PathBuf::from("/a/b"), "/repo"));
        assert!(parse_dir("::/x").is_err());
        assert!(parse_dir("/x::").is_err());
    }

    #[test]
    fn env_forms() {
        assert_eq!(
            parse_env("A=b=c").unwrap(),
            EnvSpec {
                key: "A".into(),
                value: "b=c".into()
            }
        );
        assert_eq!(parse_env("A=").unwrap().value, "");
        assert!(parse_env("=x").is_err());
        assert!(parse_env("WASICRYPT_SURELY_UNSET_VARIABLE").is_err());
    }

    #[test]
    fn sizes_take_units() {
        assert_eq!(parse_size("65536"), Ok(65536));
        assert_eq!(parse_size("64KiB"), Ok(64 << 10));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("64m"), Ok(64 << 20));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("2G"), Ok(2 << 30));
        assert_eq!(parse_size("64KB"), Ok(64_000));
        assert_eq!(parse_size("5MB"), Ok(5_000_000));
        assert_eq!(parse_size("7b"), Ok(7));
        for bad in [
            "",
            "MiB",
            "64 MiB",
            "64TiB",
            "1.5MiB",
            "-1",
            "99999999999999999999",
        ] {
            assert!(parse_size(bad).is_err(), "{bad:?}");
        }
        assert!(parse_size_u64("17179869184GiB").is_err(), "overflow");
    }

    #[test]
    fn durations_take_units() {
        use std::time::Duration;
        assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
        assert_eq!(parse_duration("5s"), Ok(Duration::from_secs(5)));
        assert_eq!(parse_duration("5"), Ok(Duration::from_secs(5)));
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("1h"), Ok(Duration::from_secs(3600)));
        for bad in ["", "s", "1.5s", "5 s", "3d", "18446744073709551615h"] {
            assert!(parse_duration(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn guest_args_keep_hyphens() {
        let cli = Cli::try_parse_from([
            "wasicrypt",
            "run",
            "--fuel",
            "5",
            "app.wasm",
            "--fuel",
            "x",
            "-v",
        ])
        .unwrap();
        let Command::Run(run) = cli.command;
        assert_eq!(run.fuel, Some(5));
        assert_eq!(run.module(), Path::new("app.wasm"));
        assert_eq!(run.guest_args(), ["--fuel", "x", "-v"]);
    }

    #[test]
    fn a_module_first_means_run() {
        let os = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        let Command::Run(run) =
            Cli::parse_with_implicit_run(os(&["wasicrypt", "app.wasm", "x"])).command;
        assert_eq!(
            (run.module(), run.guest_args()),
            (Path::new("app.wasm"), &["x".to_owned()][..])
        );
        let Command::Run(run) =
            Cli::parse_with_implicit_run(os(&["wasicrypt", "run", "--fuel", "3", "a.wat"])).command;
        assert_eq!((run.fuel, run.module()), (Some(3), Path::new("a.wat")));
    }

    #[test]
    fn cli_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
