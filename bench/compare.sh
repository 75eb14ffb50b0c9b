#!/usr/bin/env bash
# The peer comparison of issue 6 (called by `./build.sh bench`):
#
#   bench/compare.sh BUILD_DIR [google-benchmark flags...]
#
# builds vmapc-seed-bench in BUILD_DIR, runs it (every variant is checked
# against a float64 reference before anything is timed), runs the optional
# Python peers (bench/python_peers.py: NumPy, torch, jax.jit(jax.vmap(f)),
# each where it imports) with the python3 that has the most of them
# ($VMAPC_PEERS_PYTHON, else `python3` or /usr/bin/python3), and prints the
# table; then the same for vmapc-control-bench's W5 (Lotka-Volterra) and W6
# (LIF network), checked and measured against their loops peers and the
# machine probes of that run (skipped when the flags have a
# --benchmark_filter, which is meant for the seed bench;
# VMAPC_BENCH_CONTROL=0 or 1 decides instead). Results go to
# $VMAPC_BENCH_OUT (default BUILD_DIR/bench-results): seed-bench.json
# (Google Benchmark's JSON), python-peers.json, summary.json,
# control-bench.json and control-summary.json. $VMAPC_PEERS_ARGS adds
# python_peers.py flags (e.g. "--workloads W1_nn --backends numpy").
# VMAPC_BENCH_REPETITIONS (default 5) sets the repetitions whose median is
# reported; they are interleaved in random order, so no variant always runs
# first (in a fixed order W4's two identical kernels measured 14% apart).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_DIR="${1:?usage: compare.sh BUILD_DIR [benchmark flags...]}"
shift
OUT="${VMAPC_BENCH_OUT:-$BUILD_DIR/bench-results}"
REPS="${VMAPC_BENCH_REPETITIONS:-5}"
mkdir -p "$OUT"

CONTROL="${VMAPC_BENCH_CONTROL:-}"
if [[ -z "$CONTROL" ]]; then
  CONTROL=1
  for arg in "$@"; do
    [[ "$arg" == --benchmark_filter* ]] && CONTROL=0
  done
fi
targets=(vmapc-seed-bench)
[[ "$CONTROL" != 0 ]] && targets+=(vmapc-control-bench)
cmake --build "$BUILD_DIR" --target "${targets[@]}"

echo "[compare.sh] load before the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
"$BUILD_DIR/bench/vmapc-seed-bench" \
  --benchmark_repetitions="$REPS" \
  --benchmark_report_aggregates_only=true \
  --benchmark_enable_random_interleaving=true \
  --benchmark_out="$OUT/seed-bench.json" \
  --benchmark_out_format=json "$@"

# The interpreter for the Python peers: the first with the most of the
# libraries (all need NumPy).
peers_python="${VMAPC_PEERS_PYTHON:-}"
if [[ -z "$peers_python" ]]; then
  most=0
  for py in python3 /usr/bin/python3; do
    command -v "$py" >/dev/null 2>&1 || continue
    n=0
    for lib in numpy torch jax; do
      "$py" -c "import numpy, $lib" >/dev/null 2>&1 && n=$((n + 1))
    done
    if ((n > most)); then
      most=$n
      peers_python="$py"
    fi
  done
fi
peer_args=()
if [[ -n "$peers_python" ]]; then
  echo "[compare.sh] Python peers with $peers_python" >&2
  "$peers_python" "$HERE/python_peers.py" "$OUT/python-peers.json" \
    --repetitions "$REPS" ${VMAPC_PEERS_ARGS:-}
  peer_args=(--peers "$OUT/python-peers.json")
else
  echo "[compare.sh] notice: no python3 imports NumPy (pip install numpy," \
       "torch, jax); the NumPy, torch and JAX peers are skipped" >&2
fi

python3 "$HERE/compare.py" "$OUT/seed-bench.json" "${peer_args[@]}" \
  --summary "$OUT/summary.json"
echo "[compare.sh] JSON: $OUT/seed-bench.json, $OUT/summary.json" \
     "${peer_args[@]:+$OUT/python-peers.json}" >&2

if [[ "$CONTROL" != 0 ]]; then
  echo "[compare.sh] load before the control-flow run:" \
       "$(cut -d' ' -f1-3 /proc/loadavg)" >&2
  # W5, W6 and the probes; the GMM benchmarks have no counters (yet).
  "$BUILD_DIR/bench/vmapc-control-bench" \
    --benchmark_filter='^(W5_|W6_|machine/)' \
    --benchmark_repetitions="$REPS" \
    --benchmark_report_aggregates_only=true \
    --benchmark_enable_random_interleaving=true \
    --benchmark_out="$OUT/control-bench.json" \
    --benchmark_out_format=json "$@"
  python3 "$HERE/compare.py" "$OUT/control-bench.json" \
    --summary "$OUT/control-summary.json"
  echo "[compare.sh] JSON: $OUT/control-bench.json," \
       "$OUT/control-summary.json" >&2
fi
