#!/usr/bin/env bash
# Installs what the build and the tests need on a fresh machine of this kind,
# idempotently and quickly when all is present: the wasm32 target,
# wasm-bindgen-cli pinned to the crate's wasm-bindgen version, npm dev
# dependencies (playwright-core, binaryen for wasm-opt), Debian's Chromium,
# and rust-src (the release wasm rebuilds std without its panic formatting).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

# The toolchain rust-toolchain.toml pins. rustup installs it when it can reach its
# server; this kind of machine cannot, so when the installed stable is exactly that
# version the pinned name is made to point at it (rustup refuses to `link` a name
# that looks like a release). Any other machine gets a clear message instead.
pinned=$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)
host=$(RUSTUP_TOOLCHAIN=stable rustc -vV | sed -n 's/^host: //p')
toolchains="${RUSTUP_HOME:-$HOME/.rustup}/toolchains"
if ! RUSTUP_TOOLCHAIN="$pinned" rustc --version >/dev/null 2>&1; then
  if RUSTUP_TOOLCHAIN=stable rustc --version | grep -q "^rustc $pinned "; then
    echo "deps: the pinned Rust $pinned is the installed stable: naming it so"
    ln -sfn "$toolchains/stable-$host" "$toolchains/$pinned-$host"
  elif ! rustup toolchain install "$pinned" --profile minimal --component rust-src,rustfmt,clippy --target wasm32-unknown-unknown; then
    echo "deps: Rust $pinned (rust-toolchain.toml) is not installed and could not be" >&2
    exit 1
  fi
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  echo "deps: adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if [ ! -d "$(rustc --print sysroot)/lib/rustlib/src/rust/library" ]; then
  echo "deps: adding the rust-src component (std is rebuilt for the wasm)"
  rustup component add rust-src
fi

want=$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' Cargo.toml)
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" != "$want" ]; then
  echo "deps: installing wasm-bindgen-cli $want (found '${have:-none}'); takes about 5 minutes"
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# npm ci when node_modules is missing or older than the lock file.
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  echo "deps: npm ci"
  npm ci --no-audit --no-fund --loglevel=error
fi

# (pdftoppm, from poppler-utils: a print test looks at the pages Chromium prints.)
if [ ! -x /usr/bin/chromium ] || [ ! -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || ! command -v pdftoppm >/dev/null; then
  echo "deps: installing Debian's chromium, fonts-dejavu-core and poppler-utils"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-dejavu-core poppler-utils >/dev/null
fi
