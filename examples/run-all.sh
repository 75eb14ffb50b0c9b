#!/usr/bin/env bash
# Runs the seed examples (the C++ programs of examples/, built into
# BUILD_DIR/bin/examples) and shows the batching of the IR example.
# Fails if any example fails. Usage: examples/run-all.sh BUILD_DIR
set -uo pipefail
BUILD_DIR="$1"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BIN="$BUILD_DIR/bin/examples"

failed=()
shopt -s nullglob
programs=("$BIN"/[0-9][0-9]_*)
if ((${#programs[@]} == 0)); then
  echo "run-all.sh: no example binaries in $BIN (build first)" >&2
  exit 1
fi
for prog in "${programs[@]}"; do
  echo "=== $(basename "$prog")"
  if ! "$prog"; then
    failed+=("$(basename "$prog")")
  fi
  echo
done

echo "=== examples/mlir/nn_inference.mlir after --vmapc-batch"
if ! "$BUILD_DIR/bin/vmapc-opt" --vmapc-batch "$HERE/mlir/nn_inference.mlir"; then
  failed+=("nn_inference.mlir")
fi

if ((${#failed[@]})); then
  echo "FAILED: ${failed[*]}" >&2
  exit 1
fi
echo "all examples passed"
