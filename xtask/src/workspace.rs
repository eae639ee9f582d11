//! Where things are: workspace root, target directory, guest output directory.

use std::path::{Path, PathBuf};

/// The wasm target the guests are built for.
pub const WASM_TARGET: &str = "wasm32-wasip1";

/// The workspace root: the parent of this crate's manifest directory.
pub fn root() -> PathBuf {
    let manifest = Path::new(env!("CARGO_MANIFEST_DIR"));
    manifest
        .parent()
        .expect("xtask lives one level below the workspace root")
        .to_path_buf()
}

/// Cargo's target directory (`CARGO_TARGET_DIR`, relative to the root, or `<root>/target`).
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) if !dir.is_empty() => root.join(dir),
        _ => root.join("target"),
    }
}

/// Where `build-guests` puts the `.wasm` files.
pub fn guest_dir(root: &Path) -> PathBuf {
    target_dir(root).join(WASM_TARGET).join("release")
}

/// The toolchain pinned in `rust-toolchain.toml` (`channel = "..."`), if any.
pub fn pinned_toolchain(root: &Path) -> Option<String> {
    let text = std::fs::read_to_string(root.join("rust-toolchain.toml")).ok()?;
    text.lines().find_map(|line| {
        let (key, value) = line.split_once('=')?;
        (key.trim() == "channel").then(|| value.trim().trim_matches('"').to_owned())
    })
}

/// The `cargo` running this xtask (falls back to `cargo` on `PATH`).
pub fn cargo() -> std::ffi::OsString {
    std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into())
}
