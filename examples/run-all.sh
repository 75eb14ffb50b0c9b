#!/usr/bin/env bash
# Runs the seed examples. Usage: examples/run-all.sh BUILD_DIR
set -euo pipefail
BUILD_DIR="$1"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
for f in "$HERE"/mlir/*.mlir; do
  echo "=== $f"
  "$BUILD_DIR/bin/vmapc-opt" "$f"
done
