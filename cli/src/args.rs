//! Command-line syntax (clap derive).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand};
use wasmtime_cli_flags::CommonOptions;

/// Exit statuses, shown at the end of `wasicrypt run --help`.
const EXIT_STATUS_HELP: &str = "\
Exit status (as `wasmtime run`):
  0..=125  the guest's own status: 0 when `_start` returns, N when it calls proc_exit(N)
  1        the module could not be read, compiled, linked or instantiated, or an option is invalid
  2        command-line usage error
  134      the guest trapped: unreachable, out-of-bounds access, fuel exhausted, timeout,
           stack overflow, or a host call that failed fatally (128 + SIGABRT, as wasmtime)";

/// Run WASI programs with WASI-Crypto enabled.
#[derive(Parser)]
#[command(name = "wasicrypt", version, about, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand)]
pub enum Command {
    /// Run a WASI preview 1 command module (`_start`) with WASI and WASI-Crypto linked in.
    ///
    /// Exits with the guest's status; 1 if the module cannot be loaded, linked or
    /// instantiated; 134 if it traps.
    #[command(after_help = EXIT_STATUS_HELP)]
    Run(Box<RunArgs>),
    /// Compile a module ahead of time into a precompiled module (`.cwasm`) that
    /// `wasicrypt run --allow-precompiled` loads without compiling.
    ///
    /// The precompiled module only runs on an engine with the same configuration: give `compile`
    /// the same `-O`/`-C`/`-W`/`-D` options as `run` (`-W fuel=0` or `--fuel` on `run`, and
    /// `-W timeout=...` or `--timeout` on `run`, change the configuration).
    Compile(Box<CompileArgs>),
    /// List every algorithm this host offers, with its kind, family, standard and the
    /// encodings its keys and signatures import and export in.
    Algorithms(AlgorithmsArgs),
    /// Manage the keys of a vault (a SQLite file, encrypted at rest) that guests run with
    /// `--vault` use by identifier and cannot export.
    Secrets(Box<SecretsArgs>),
}

/// Where a vault is and how to unlock it: shared by `run --vault` and `secrets`.
#[derive(Args, Clone)]
pub struct VaultArgs {
    /// The vault: a SQLite file, or a PostgreSQL database (`postgres://user@host/db`), made by
    /// `wasicrypt secrets init`.
    #[arg(long, value_name = "PATH|postgres://…")]
    pub vault: Option<PathBuf>,

    /// How long a call waits for another process's write on a SQLite vault before it gives up
    /// ("locked").
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "10s")]
    pub vault_timeout: std::time::Duration,

    /// The schema of a PostgreSQL vault.
    #[arg(long, value_name = "NAME", default_value = "wasicrypt")]
    pub vault_schema: String,

    /// The namespace of the guest's keys in the vault: a guest sees only its namespace.
    #[arg(long, value_name = "NAME", default_value = "default")]
    pub namespace: String,

    /// The file holding the vault's master key (32 bytes, or 64 hex digits). Without it, the
    /// key is read from the environment variable WASICRYPT_MASTER_KEY (64 hex digits).
    #[arg(long, value_name = "FILE")]
    pub master_key_file: Option<PathBuf>,
}

/// Options of `wasicrypt secrets`.
#[derive(Args)]
pub struct SecretsArgs {
    /// The vault and its master key.
    #[command(flatten)]
    pub vault: VaultArgs,

    /// What to do.
    #[command(subcommand)]
    pub action: SecretsAction,
}

/// The operator commands of `wasicrypt secrets`.
#[derive(Subcommand)]
pub enum SecretsAction {
    /// Create the vault. With --master-key-file naming a file that does not exist, a new random
    /// master key is written there (mode 0600) first.
    Init,
    /// Generate a managed key of ALG (a symmetric algorithm, signature scheme or key exchange)
    /// and print its identifier.
    Generate {
        /// The algorithm, as `wasicrypt algorithms` lists it (e.g. `Ed25519`, `AES-256-GCM`).
        #[arg(value_name = "ALG")]
        algorithm: String,
        /// Make the key expire after DURATION (`90s`, `30m`, `12h`; a bare number is seconds).
        #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
        expires_in: Option<std::time::Duration>,
    },
    /// Store the key in FILE as a managed key of ALG and print its identifier: a symmetric key
    /// as raw bytes; a key pair as PKCS#8 PEM, PKCS#8 DER or the algorithm's raw encoding.
    Import {
        /// The algorithm of the key.
        #[arg(value_name = "ALG")]
        algorithm: String,
        /// The file holding the key.
        #[arg(value_name = "FILE")]
        file: PathBuf,
        /// Make the key expire after DURATION.
        #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
        expires_in: Option<std::time::Duration>,
    },
    /// List the namespace's keys and secrets, every version (never their material).
    List,
    /// Give the managed key ID a new version: a fresh key of the same algorithm.
    Rotate {
        /// The key's identifier.
        #[arg(value_name = "ID")]
        id: String,
    },
    /// Invalidate the managed key or secret ID (every version, or --version N); the
    /// invalidated material is erased from the vault.
    #[command(disable_version_flag = true)]
    Revoke {
        /// The identifier.
        #[arg(value_name = "ID")]
        id: String,
        /// Only this version.
        #[arg(long, value_name = "N")]
        version: Option<u64>,
    },
    /// Print the public key of the managed key pair ID (its latest version, or --version N).
    #[command(disable_version_flag = true)]
    ExportPublic {
        /// The key pair's identifier.
        #[arg(value_name = "ID")]
        id: String,
        /// Which version.
        #[arg(long, value_name = "N")]
        version: Option<u64>,
        /// `pem` (SubjectPublicKeyInfo, the default), `pkcs8` (its DER, written as hex), `raw`
        /// or `sec` (hex).
        #[arg(long, value_name = "ENCODING", default_value = "pem")]
        encoding: String,
    },
}

/// Options of `wasicrypt compile`.
#[derive(Args)]
pub struct CompileArgs {
    /// wasmtime's engine options, as in `wasmtime compile`.
    #[command(flatten)]
    pub common: CommonOptions,

    /// Where to write the precompiled module; default: the input's name with `.cwasm`.
    #[arg(short = 'o', long = "output", value_name = "app.cwasm")]
    pub output: Option<PathBuf>,

    /// The WebAssembly module to compile (binary or text format; `-` reads standard input).
    #[arg(value_name = "app.wasm")]
    pub module: PathBuf,
}

/// Options of `wasicrypt algorithms`.
#[derive(Args)]
pub struct AlgorithmsArgs {
    /// Print a JSON array of objects (`name`, `kind`, `family`, `standard`, `encodings`)
    /// instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Options of `wasicrypt run`.
#[derive(Args)]
#[command(override_usage = "wasicrypt run [OPTIONS] <app.wasm> [args]...")]
pub struct RunArgs {
    /// wasmtime's engine and WASI options, as in `wasmtime run` (`-W`, `-S`, `-O`, `-C`, `-D`).
    #[command(flatten)]
    pub common: CommonOptions,

    /// Call the exported function NAME instead of `_start`, with the arguments after the
    /// module parsed as its parameters (i32/i64 in decimal or 0x hex, f32/f64 as decimals),
    /// and print each result on its own line. `_initialize` runs first if the module exports it.
    #[arg(long, value_name = "NAME")]
    pub invoke: Option<String>,

    /// Allow loading a precompiled module (`wasicrypt compile` output). Only use it with
    /// precompiled modules you trust: their machine code runs unchecked.
    #[arg(long)]
    pub allow_precompiled: bool,

    /// The guest's argv[0]; default: the module's name as given.
    #[arg(long, value_name = "NAME")]
    pub argv0: Option<String>,

    /// Preopen host directory HOST for the guest (read-write), as GUEST if given, else as HOST.
    #[arg(long = "dir", value_name = "HOST[::GUEST]", value_parser = parse_dir)]
    pub dirs: Vec<DirSpec>,

    /// Set an environment variable for the guest; `--env K` passes the host's value of K.
    #[arg(long = "env", value_name = "K[=V]", value_parser = parse_env)]
    pub envs: Vec<EnvSpec>,

    /// Give the guest N units of fuel (~ one per wasm instruction); WASI-Crypto calls pay for the
    /// host work they cause from the same fuel. The guest traps when it runs out.
    /// Same as `-W fuel=N`; this option wins when both are given.
    #[arg(long, value_name = "N")]
    pub fuel: Option<u64>,

    /// Stop the guest after DURATION of wall-clock time (`500ms`, `5s`, `2m`, `1h`; a bare
    /// number is seconds): it traps with `interrupt` (exit status 134). Checked while wasm code
    /// runs (epoch interruption); a host call in progress finishes first.
    /// Same as `-W timeout=DURATION`; this option wins when both are given.
    #[arg(long, value_name = "DURATION", value_parser = parse_duration)]
    pub timeout: Option<std::time::Duration>,

    /// Cap each linear memory of the guest at SIZE; growing beyond fails (memory.grow returns -1).
    /// SIZE is bytes, or a number with a unit: `64KiB`, `64MiB`, `1GiB` (or `K`, `M`, `G`:
    /// powers of 1024), `64KB`, `64MB`, `1GB` (powers of 1000).
    /// Same as `-W max-memory-size=SIZE`; this option wins when both are given.
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

    /// Give the guest a secrets manager over this vault (`--vault PATH`, with `--namespace` and
    /// `--master-key-file`): managed keys and external secrets, which it cannot export.
    #[command(flatten)]
    pub vault: VaultArgs,

    /// Let the guest export the managed keys it opens (default: `prohibited_operation`).
    #[arg(long, requires = "vault")]
    pub allow_key_export: bool,

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
    /// neither a subcommand nor `--help`/`--version` (`wasicrypt app.wasm ...`,
    /// `wasicrypt -W fuel=9 app.wasm`), it means `run`. Sizes in
    /// `-W`/`-O` values (`-W max-memory-size=64MiB`) take the units of `--max-memory`. Exits
    /// with status 2 and a usage message when the arguments do not parse.
    pub fn parse_with_implicit_run<I: IntoIterator<Item = OsString>>(args: I) -> Self {
        match Self::try_parse_with_implicit_run(args) {
            Ok(cli) => cli,
            Err(err) => err.exit(),
        }
    }

    /// [`Cli::parse_with_implicit_run`], returning the usage error instead of exiting.
    pub fn try_parse_with_implicit_run<I: IntoIterator<Item = OsString>>(
        args: I,
    ) -> Result<Self, clap::Error> {
        let mut args: Vec<OsString> = args.into_iter().collect();
        if let Some(first) = args.get(1) {
            let first = first.to_str().unwrap_or_default();
            let is_own = SUBCOMMANDS.contains(&first) || TOP_LEVEL_FLAGS.contains(&first);
            if !is_own {
                args.insert(1, "run".into());
            }
        }
        normalize_sizes(&mut args)?;
        Cli::try_parse_from(args)
    }
}

/// The subcommand names (and `help`), which a module file name at the front would shadow.
const SUBCOMMANDS: [&str; 5] = ["run", "compile", "algorithms", "secrets", "help"];

/// The options of `wasicrypt` itself; any other first argument (a module, or an option of
/// `run` such as `-W fuel=1`) means `run`, as with `wasmtime`.
const TOP_LEVEL_FLAGS: [&str; 4] = ["-h", "--help", "-V", "--version"];

/// Byte-size keys of `-W`/`--wasm` and `-O`/`--optimize` whose values may carry a unit.
const SIZE_KEYS: [&str; 7] = [
    "max-memory-size",
    "max-wasm-stack",
    "async-stack-size",
    "memory-reservation",
    "memory-guard-size",
    "memory-reservation-for-growth",
    "pooling-max-memory-size",
];

/// Rewrites `KEY=SIZE` with a unit inside `-W`/`-O` values of the subcommand in `args[1]` to
/// plain bytes (`max-memory-size=64MiB` becomes `max-memory-size=67108864`), which is what
/// wasmtime's option parser reads. Only options before the module are looked at: the guest's
/// arguments pass through untouched.
fn normalize_sizes(args: &mut [OsString]) -> Result<(), clap::Error> {
    use clap::CommandFactory;
    let mut cli = Cli::command();
    cli.build();
    let Some(sub) = args
        .get(1)
        .and_then(|a| a.to_str())
        .and_then(|name| cli.find_subcommand(name))
    else {
        return Ok(());
    };
    let with_value: Vec<&clap::Arg> = sub
        .get_arguments()
        .filter(|a| a.get_action().takes_values())
        .collect();
    let long_with_value: Vec<&str> = with_value.iter().filter_map(|a| a.get_long()).collect();
    let short_with_value: Vec<char> = with_value.iter().filter_map(|a| a.get_short()).collect();

    let mut i = 2;
    while i < args.len() {
        let Some(arg) = args[i].to_str() else { break };
        if arg == "--" || arg == "-" || !arg.starts_with('-') {
            break; // the module: what follows belongs to the guest
        }
        // (option name, index of the argument holding its value, value's byte offset in it)
        let (name, value_at) = if let Some(long) = arg.strip_prefix("--") {
            match long.split_once('=') {
                Some((name, _)) => (name.to_owned(), Some((i, name.len() + 3))),
                None if long_with_value.contains(&long) => (long.to_owned(), Some((i + 1, 0))),
                None => (long.to_owned(), None),
            }
        } else {
            let mut chars = arg[1..].chars();
            let short = chars.next().unwrap_or('-');
            let rest = chars.as_str();
            if !short_with_value.contains(&short) {
                (short.to_string(), None)
            } else if rest.is_empty() {
                (short.to_string(), Some((i + 1, 0)))
            } else {
                let skip = usize::from(rest.starts_with('='));
                (short.to_string(), Some((i, 2 + skip)))
            }
        };
        let Some((at, offset)) = value_at else {
            i += 1;
            continue;
        };
        if matches!(name.as_str(), "W" | "wasm" | "O" | "optimize")
            && let Some(value) = args.get(at).and_then(|a| a.to_str())
        {
            let (prefix, list) = value.split_at(offset);
            let list = normalize_size_list(list).map_err(|msg| {
                sub.clone()
                    .error(clap::error::ErrorKind::ValueValidation, msg)
            })?;
            args[at] = format!("{prefix}{list}").into();
        }
        i = at + 1;
    }
    Ok(())
}

/// [`normalize_sizes`] on one comma-separated `KEY[=VAL]` list.
fn normalize_size_list(list: &str) -> Result<String, String> {
    let items: Result<Vec<String>, String> = list
        .split(',')
        .map(|item| match item.split_once('=') {
            Some((key, value)) if SIZE_KEYS.contains(&key) => {
                let clean = value.replace('_', "");
                if clean.starts_with("0x") {
                    return Ok(item.to_owned()); // hex is wasmtime's own syntax: left to it
                }
                let bytes = parse_size_u64(&clean).map_err(|e| format!("{key}: {e}"))?;
                Ok(format!("{key}={bytes}"))
            }
            _ => Ok(item.to_owned()),
        })
        .collect();
    Ok(items?.join(","))
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
        let Command::Run(run) = cli.command else {
            panic!("not run")
        };
        assert_eq!(run.fuel, Some(5));
        assert_eq!(run.module(), Path::new("app.wasm"));
        assert_eq!(run.guest_args(), ["--fuel", "x", "-v"]);
    }

    #[test]
    fn a_module_first_means_run() {
        let os = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        let Command::Run(run) =
            Cli::parse_with_implicit_run(os(&["wasicrypt", "app.wasm", "x"])).command
        else {
            panic!("not run")
        };
        assert_eq!(
            (run.module(), run.guest_args()),
            (Path::new("app.wasm"), &["x".to_owned()][..])
        );
        let Command::Run(run) =
            Cli::parse_with_implicit_run(os(&["wasicrypt", "run", "--fuel", "3", "a.wat"])).command
        else {
            panic!("not run")
        };
        assert_eq!((run.fuel, run.module()), (Some(3), Path::new("a.wat")));
        assert!(matches!(
            Cli::parse_with_implicit_run(os(&["wasicrypt", "compile", "a.wat"])).command,
            Command::Compile(_)
        ));
        // An option of `run` first also means `run`.
        let Command::Run(run) =
            Cli::parse_with_implicit_run(os(&["wasicrypt", "--fuel", "4", "-W", "fuel=2", "a"]))
                .command
        else {
            panic!("not run")
        };
        assert_eq!((run.fuel, run.module()), (Some(4), Path::new("a")));
        assert!(Cli::try_parse_with_implicit_run(os(&["wasicrypt", "--version"])).is_err());
    }

    fn normalized(args: &[&str]) -> Result<Vec<String>, clap::Error> {
        let mut args: Vec<OsString> = args.iter().map(OsString::from).collect();
        normalize_sizes(&mut args)?;
        Ok(args
            .iter()
            .map(|a| a.to_str().unwrap().to_owned())
            .collect())
    }

    #[test]
    fn sizes_in_wasm_options_take_units() {
        assert_eq!(
            normalized(&[
                "w",
                "run",
                "-W",
                "fuel=5,max-memory-size=64KiB",
                "--wasm=max-wasm-stack=1MiB",
                "-Wasync-stack-size=2MiB",
                "-Omemory-reservation=1GiB",
                "--dir",
                "-W",
                "app.wasm",
                "-W",
                "max-memory-size=1KiB",
            ])
            .unwrap(),
            [
                "w",
                "run",
                "-W",
                "fuel=5,max-memory-size=65536",
                "--wasm=max-wasm-stack=1048576",
                "-Wasync-stack-size=2097152",
                "-Omemory-reservation=1073741824",
                "--dir",
                "-W",
                "app.wasm",
                "-W",
                "max-memory-size=1KiB",
            ]
        );
        // Plain numbers, hex and `_` separators are wasmtime's own syntax and stay readable to it.
        assert_eq!(
            normalized(&["w", "compile", "-W", "max-memory-size=0x10000"]).unwrap()[3],
            "max-memory-size=0x10000"
        );
        assert_eq!(
            normalized(&["w", "run", "-W", "max-memory-size=65_536"]).unwrap()[3],
            "max-memory-size=65536"
        );
        let err = normalized(&["w", "run", "-W", "max-memory-size=64TiB", "a.wasm"]).unwrap_err();
        assert!(err.to_string().contains("unknown unit"), "{err}");
    }

    #[test]
    fn cli_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }
}
