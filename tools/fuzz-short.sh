#!/usr/bin/env bash
# A short run of the spec fuzzer (fuzz/fuzz_targets/spec.rs: JSON -> RawSpec ->
# Chart::build -> layout -> render), seeded from the corpus kept in
# fuzz/corpus/spec. New inputs go to a temporary folder, so the repository is
# left as it was; a crash is saved under fuzz/artifacts/spec/ and fails the run.
#
#   bash tools/fuzz-short.sh            30 seconds
#   FUZZ_SECONDS=600 bash tools/fuzz-short.sh
#
# Installs what it needs when missing (cargo-fuzz 0.13.2; g++ for libFuzzer,
# from Debian's packages) and fails when it cannot: a fuzz run that did not run
# never passes. cargo-fuzz wants nightly flags; on stable Rust they are allowed
# with RUSTC_BOOTSTRAP=1. The first run builds the fuzz crate with sanitizers,
# which takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
seconds="${FUZZ_SECONDS:-30}"

fail() {
    echo "fuzz-short: FAILED: $1"
    exit 1
}
command -v cargo >/dev/null 2>&1 || fail "cargo is not installed."
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz-short: installing cargo-fuzz 0.13.2"
    cargo install cargo-fuzz --version 0.13.2 --locked || cargo install cargo-fuzz --version 0.13.2 || fail "cargo-fuzz could not be installed."
fi
if ! command -v c++ >/dev/null 2>&1 && ! command -v clang++ >/dev/null 2>&1; then
    echo "fuzz-short: installing g++ (libFuzzer is C++)"
    { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq g++ >/dev/null; } || fail "no C++ compiler to build libFuzzer, and g++ could not be installed."
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir "$work/new"
echo "fuzz-short: fuzzing the spec parser for ${seconds} s ($(cargo fuzz --version))"
set +e
RUSTC_BOOTSTRAP=1 cargo fuzz run spec "$work/new" fuzz/corpus/spec -- \
    -max_total_time="$seconds" -max_len=8192 -timeout=10 -dict=fuzz/spec.dict -print_final_stats=1 \
    >"$work/log" 2>&1
status=$?
set -e
if [ "$status" -ne 0 ]; then
    tail -n 80 "$work/log"
    echo "fuzz-short: FAILED (exit $status): see the panic above; the input is saved in fuzz/artifacts/spec/."
    exit "$status"
fi
grep -E '^(INFO: seed corpus|Done |stat::number_of_executed_units|stat::peak_rss_mb)' "$work/log" || true
echo "fuzz-short: no crash in ${seconds} s ($(ls "$work/new" | wc -l) new inputs, not kept)."
