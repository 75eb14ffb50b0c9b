#!/usr/bin/env bash
# Builds the libFuzzer targets in their own build directory, seeds their
# corpora from the lit tests, and runs each for a bounded time.
#
#   test/fuzz/run.sh                 # ~1 minute per target (CI-sized)
#   test/fuzz/run.sh --seconds 3600  # a long run: an hour per target
#   test/fuzz/run.sh --runs 1000000  # the long run: 10^6 inputs per target
#   test/fuzz/run.sh --only npy      # one target (parse|batch|lower|npy)
#
# Env: VMAPC_FUZZ_BUILD_DIR (default build-asan, the directory of
# ./build.sh test-asan, configured the same way), VMAPC_FUZZ_JOBS (ninja -j,
# default 1: the sanitized build is slow and memory-hungry).
# Corpora grow in $BUILD/fuzz-corpus/<target>; a crash leaves its input in
# $BUILD/fuzz-artifacts/ and makes this script exit non-zero. Turn each one
# into a lit test under test/Regression (reduced with -minimize_crash=1).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="${VMAPC_FUZZ_BUILD_DIR:-$ROOT/build-asan}"
JOBS="${VMAPC_FUZZ_JOBS:-1}"
ARGS=("$@")
SECONDS_PER_TARGET=60
RUNS=""
ONLY=""
while (($#)); do
  case "$1" in
    --seconds) SECONDS_PER_TARGET="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --only) ONLY="$2"; shift 2 ;;
    *) echo "usage: $0 [--seconds N | --runs N] [--only parse|batch|lower|npy]" >&2; exit 2 ;;
  esac
done

log() { printf '[fuzz] %s\n' "$*" >&2; }

# Not configured yet: build.sh holds the one definition of the sanitized
# build; it configures the directory and comes back here.
if [[ ! -f "$BUILD/build.ninja" ]]; then
  VMAPC_BUILD_DIR="$BUILD" exec "$ROOT/build.sh" fuzz "${ARGS[@]}"
fi
log "building (ninja -j$JOBS)"
ninja -C "$BUILD" -j"$JOBS" vmapc-fuzzers

# Seeds: every lit test file, split at `// -----` (one case per seed) so
# each seed is a module on its own; .npy seeds are written by numpy when
# present, and otherwise by hand-made headers below.
seed_mlir() {
  local dir="$1"
  mkdir -p "$dir"
  [[ -n "$(ls -A "$dir" 2>/dev/null)" ]] && return
  local n=0
  while IFS= read -r -d '' f; do
    awk -v out="$dir/seed" -v base="$n" '
      BEGIN { k = 0; file = sprintf("%s-%05d-%03d.mlir", out, base, k) }
      /^\/\/ -----/ { close(file); k++; file = sprintf("%s-%05d-%03d.mlir", out, base, k); next }
      { print > file }' "$f"
    n=$((n + 1))
  done < <(find "$ROOT/test" -name '*.mlir' -not -path '*/fuzz/*' -print0 | sort -z)
}
seed_npy() {
  local dir="$1"
  mkdir -p "$dir"
  [[ -n "$(ls -A "$dir" 2>/dev/null)" ]] && return
  python3 - "$dir" <<'PY' || true
import sys, numpy as np
d = sys.argv[1]
arrays = [np.arange(6, dtype=np.float32).reshape(2, 3), np.float64(2.5),
          np.array([1, -2, 3], dtype=np.int32), np.zeros((0, 4), np.int64),
          np.array([[True, False]]), np.array([np.nan, np.inf, -0.0])]
for i, a in enumerate(arrays):
    np.save(f"{d}/seed{i}.npy", a)
PY
}

declare -A TARGETS=([parse]=vmapc-fuzz-parse [batch]=vmapc-fuzz-batch
                    [lower]=vmapc-fuzz-lower [npy]=vmapc-fuzz-npy)
status=0
mkdir -p "$BUILD/fuzz-artifacts"
for name in parse batch lower npy; do
  [[ -n "$ONLY" && "$ONLY" != "$name" ]] && continue
  corpus="$BUILD/fuzz-corpus/$name"
  if [[ $name == npy ]]; then seed_npy "$corpus"; else seed_mlir "$corpus"; fi
  if [[ -n "$RUNS" ]]; then
    budget=(-runs="$RUNS")
    log "$name: $RUNS inputs"
  else
    budget=(-max_total_time="$SECONDS_PER_TARGET")
    log "$name: ${SECONDS_PER_TARGET}s"
  fi
  # Inputs up to 64 KiB, but 4 KiB for the whole pipeline: lowering the
  # largest seeds (the unrolled linear algebra tests) takes over 10 s each
  # under ASan, and their mutants ate most of the time.
  max_len=65536
  [[ $name == lower ]] && max_len=4096
  # -timeout=300: the unrolled 8x8 inverse of the linear algebra seeds
  # lowers in 1.3 s in a Release build, but took over 60 s sanitized on a
  # loaded machine; a real hang still trips 300 s.
  # -rss_limit_mb: the lowering of a huge constant may legitimately use
  # memory; a leak or runaway still trips it. detect_leaks=0: the MLIR
  # contexts of a crash-free run are freed, but libMLIR's global registries
  # are not, which LeakSanitizer would report at exit. No allocation stacks,
  # no fill of fresh memory and a smaller quarantine: MLIR allocates a lot
  # per input, and these took the lower target from 105 to 170 inputs/s
  # (an error still reports where it happened, with redzones intact).
  if ! ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1:malloc_context_size=0:max_malloc_fill_size=0:quarantine_size_mb=32 \
      "$BUILD/bin/${TARGETS[$name]}" "$corpus" "${budget[@]}" \
      -timeout=300 -rss_limit_mb=4096 -max_len="$max_len" -print_final_stats=1 \
      -artifact_prefix="$BUILD/fuzz-artifacts/$name-" 2>"$BUILD/fuzz-$name.log"; then
    log "$name: FAILED (see $BUILD/fuzz-$name.log and $BUILD/fuzz-artifacts)"
    status=1
  fi
  grep -E "stat::number_of_executed_units|Done [0-9]+ runs" "$BUILD/fuzz-$name.log" | tail -2 >&2 || true
done
exit $status
