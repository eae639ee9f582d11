#!/usr/bin/env bash
# Make a Rust build for wasm32-wasip1 available. Idempotent. Debian (bookworm) x86_64, registries only.
#
#   Path A (preferred): rustup's rust-std for wasm32-wasip1, for the toolchain pinned in
#                       rust-toolchain.toml; bounded by a timeout (it can take minutes).
#   Path B (fallback):  Debian's rustc-web (>= 1.95, from bookworm-updates) + rust-web-src with
#                       -Zbuild-std, and trixie's wasi-libc unpacked privately (bookworm's lacks the
#                       pthread stubs and realpath that current std needs). No rustup download.
#
# Writes $WASM_ENV_FILE, a shell file defining `wasm_cargo` (cargo with the right toolchain,
# --target wasm32-wasip1 and flags), and prints WASM_PATH=A or WASM_PATH=B. Then:
#     . "$WASM_ENV_FILE" && wasm_cargo build --release -p wasicrypt-test-programs --bins
#
# `cargo xtask setup` runs path A itself and calls this script with FORCE_WASM_PATH=B as fallback.
#
# Environment:
#   FORCE_WASM_PATH=B   skip path A          WASM_ENV_FILE   default <repo>/target/xtask/wasm32-wasip1.env
#   RUST_TOOLCHAIN      default: rust-toolchain.toml's channel
#   WASI_LIBC_DIR       path B's private wasi-libc, default /opt/wasi-libc-trixie
#   DRY_RUN=1           path B: print the privileged/downloading commands instead of running them
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
WASM_ENV_FILE=${WASM_ENV_FILE:-$ROOT/target/xtask/wasm32-wasip1.env}
WASI_LIBC_DIR=${WASI_LIBC_DIR:-/opt/wasi-libc-trixie}
RUST_TOOLCHAIN=${RUST_TOOLCHAIN:-$(sed -n 's/^[[:space:]]*channel[[:space:]]*=[[:space:]]*"\(.*\)".*/\1/p' "$ROOT/rust-toolchain.toml" 2>/dev/null || true)}
RUST_TOOLCHAIN=${RUST_TOOLCHAIN:-stable}
DRY_RUN=${DRY_RUN:-}
SUDO=
if [ "$(id -u)" != 0 ]; then SUDO="sudo -n"; fi

# Runs a command, or only shows it under DRY_RUN.
run() {
  if [ -n "$DRY_RUN" ]; then echo "+ $*" >&2; else "$@"; fi
}

write_env() {
  mkdir -p "$(dirname "$WASM_ENV_FILE")"
  cat > "$WASM_ENV_FILE"
}

path_a() {
  command -v rustup >/dev/null || return 1
  if ! rustup target list --installed --toolchain "$RUST_TOOLCHAIN" 2>/dev/null | grep -qx wasm32-wasip1; then
    timeout 300 rustup target add wasm32-wasip1 --toolchain "$RUST_TOOLCHAIN" || return 1
  fi
  write_env <<ENV
export WASM_PATH=A
wasm_cargo() { cargo +$RUST_TOOLCHAIN "\$@" --target wasm32-wasip1; }
ENV
}

path_b() {
  export DEBIAN_FRONTEND=noninteractive
  # rustc-web Conflicts: rustc (Debian's old one) -- never install both.
  if ! dpkg -s rustc-web rust-web-src cargo-web lld-22 >/dev/null 2>&1; then
    run $SUDO apt-get update -qq
    run $SUDO apt-get install -y -q rustc-web cargo-web rust-web-src libstd-rust-web-dev lld-22
  fi
  if [ ! -e "$WASI_LIBC_DIR/usr/lib/wasm32-wasip1/libc.a" ]; then
    # Reuse the mirror this machine's apt already uses, with the next Debian release's suite;
    # private lists, no change to the dpkg database.
    local mirror
    mirror=$(grep -rhoE '(URIs:[[:space:]]*|deb[[:space:]]+(\[[^]]*\][[:space:]]+)?)https?://[^[:space:]]+' \
               /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null \
             | grep -oE 'https?://[^[:space:]]+' | grep -v security | head -n1 || true)
    [ -n "$mirror" ] || { echo "setup-wasm32-wasip1: no apt mirror found" >&2; return 1; }
    local t
    t=$(mktemp -d)
    mkdir -p "$t/lists/partial"
    echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror trixie main" > "$t/sources.list"
    local O=(-o Dir::Etc::SourceList="$t/sources.list" -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$t/lists")
    run apt-get "${O[@]}" update -qq
    if [ -n "$DRY_RUN" ]; then
      echo "+ (cd $t && apt-get ${O[*]} download wasi-libc)" >&2
      echo "+ $SUDO mkdir -p $WASI_LIBC_DIR && $SUDO dpkg -x $t/wasi-libc_*_all.deb $WASI_LIBC_DIR" >&2
    else
      (cd "$t" && apt-get "${O[@]}" download wasi-libc 2>&1 | grep -v '^W: Download is performed unsandboxed' || true)
      $SUDO mkdir -p "$WASI_LIBC_DIR"
      $SUDO dpkg -x "$t"/wasi-libc_*_all.deb "$WASI_LIBC_DIR"
    fi
    rm -rf "$t"
  fi
  # Debian's toolchain, bypassing the rustup proxies in ~/.cargo/bin.
  write_env <<ENV
export WASM_PATH=B
wasm_cargo() {
  env -u RUSTUP_TOOLCHAIN RUSTC=/usr/bin/rustc RUSTDOC=/usr/bin/rustdoc RUSTC_BOOTSTRAP=1 \\
    CARGO_TARGET_WASM32_WASIP1_RUSTFLAGS="-L native=$WASI_LIBC_DIR/usr/lib/wasm32-wasip1 -C link-arg=-lwasi-emulated-pthread" \\
    /usr/bin/cargo "\$@" --target wasm32-wasip1 -Zbuild-std=std,panic_abort
}
ENV
}

if [ "${FORCE_WASM_PATH:-}" != B ] && path_a; then :; else path_b; fi
# shellcheck disable=SC1090
. "$WASM_ENV_FILE"
echo "WASM_PATH=$WASM_PATH (env in $WASM_ENV_FILE${DRY_RUN:+; dry run, nothing installed})"
