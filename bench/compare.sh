#!/usr/bin/env bash
# The peer comparison of issue 6 (called by `./build.sh bench`):
#
#   bench/compare.sh BUILD_DIR [google-benchmark flags...]
#
# builds vmapc-seed-bench in BUILD_DIR, runs it (every variant is checked
# against a float64 reference before anything is timed), runs the optional
# JAX peer when `import jax` works, and prints the table. Results go to
# $VMAPC_BENCH_OUT (default BUILD_DIR/bench-results): seed-bench.json (Google
# Benchmark's JSON), jax.json and summary.json. VMAPC_BENCH_REPETITIONS
# (default 5) sets the repetitions whose median is reported; they are
# interleaved in random order, so no variant always runs first (in a fixed
# order W4's two identical kernels measured 14% apart).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_DIR="${1:?usage: compare.sh BUILD_DIR [benchmark flags...]}"
shift
OUT="${VMAPC_BENCH_OUT:-$BUILD_DIR/bench-results}"
REPS="${VMAPC_BENCH_REPETITIONS:-5}"
mkdir -p "$OUT"

cmake --build "$BUILD_DIR" --target vmapc-seed-bench

echo "[compare.sh] load before the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$BUILD_DIR/bench/vmapc-seed-bench" \
  --benchmark_repetitions="$REPS" \
  --benchmark_report_aggregates_only=true \
  --benchmark_enable_random_interleaving=true \
  --benchmark_out="$OUT/seed-bench.json" \
  --benchmark_out_format=json "$@"

jax_args=()
if python3 -c "import jax" 2>/dev/null; then
  python3 "$HERE/jax_peer.py" "$OUT/jax.json" --repetitions "$REPS"
  jax_args=(--jax "$OUT/jax.json")
else
  echo "[compare.sh] notice: JAX is not installed (pip install jax); the" \
       "jax.jit(jax.vmap(f)) peer is skipped" >&2
fi

python3 "$HERE/compare.py" "$OUT/seed-bench.json" "${jax_args[@]}" \
  --summary "$OUT/summary.json"
echo "[compare.sh] JSON: $OUT/seed-bench.json, $OUT/summary.json" >&2
