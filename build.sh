#!/usr/bin/env bash
# vmapc's one entry point for set-up, build, run and test.
#
#   ./build.sh run    install what is missing, build, run the seed examples
#   ./build.sh test   install what is missing, build, run every test (ctest)
#   ./build.sh bench  install what is missing, build, run the peer comparison
#   ./build.sh build  install what is missing and build
#   ./build.sh test-asan  the whole suite built with ASan+UBSan (build-asan)
#   ./build.sh test-tsan  the threaded JIT test under ThreadSanitizer (build-tsan)
#   ./build.sh fuzz   short libFuzzer runs of every target (test/fuzz/run.sh)
#
# Each step is skipped when already done: packages that are installed are not
# installed again, and Ninja only rebuilds what changed.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
BUILD_DIR="${VMAPC_BUILD_DIR:-$ROOT/build}"
BUILD_TYPE="${VMAPC_BUILD_TYPE:-Release}"
LLVM_PREFIX=/usr/lib/llvm-22

PACKAGES=(cmake ninja-build llvm-22-dev libmlir-22-dev mlir-22-tools
          llvm-22-tools clang-22 libomp-22-dev libgtest-dev libbenchmark-dev
          libeigen3-dev libopenmpi-dev openmpi-bin
          python3 python3-numpy)
# What only the sanitized and fuzzing builds need: clang's ASan/UBSan/TSan
# and libFuzzer runtimes (use_sanitized_build and test-tsan add them).
SANITIZER_PACKAGES=(libclang-rt-22-dev)
EXTRA_PACKAGES=()

log() { printf '[build.sh] %s\n' "$*" >&2; }

install_missing_packages() {
  local missing=()
  for pkg in "${PACKAGES[@]}" "${EXTRA_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" ||
      missing+=("$pkg")
  done
  if ((${#missing[@]} == 0)); then
    log "all packages present"
    return
  fi
  log "installing: ${missing[*]}"
  local sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

configure() {
  if [[ -f "$BUILD_DIR/build.ninja" ]]; then
    return
  fi
  log "configuring $BUILD_DIR ($BUILD_TYPE)"
  cmake -G Ninja -S "$ROOT" -B "$BUILD_DIR" \
    -DCMAKE_BUILD_TYPE="$BUILD_TYPE" \
    -DCMAKE_C_COMPILER="$LLVM_PREFIX/bin/clang" \
    -DCMAKE_CXX_COMPILER="$LLVM_PREFIX/bin/clang++" \
    -DMLIR_DIR="$LLVM_PREFIX/lib/cmake/mlir" \
    "${VMAPC_CMAKE_ARGS[@]}"
}

build() {
  install_missing_packages
  configure
  log "building"
  cmake --build "$BUILD_DIR"
}

# The sanitized build of test-asan and fuzz: ASan+UBSan plus libFuzzer
# coverage in one directory, so CI compiles the sanitized tree once for
# both.
use_sanitized_build() {
  BUILD_DIR="${VMAPC_BUILD_DIR:-$ROOT/build-asan}"
  BUILD_TYPE="${VMAPC_BUILD_TYPE:-RelWithDebInfo}"
  VMAPC_CMAKE_ARGS=(-DVMAPC_ENABLE_SANITIZERS=ON -DVMAPC_ENABLE_FUZZERS=ON
                    -DVMAPC_ENABLE_BENCH=OFF)
  EXTRA_PACKAGES=("${SANITIZER_PACKAGES[@]}")
}

VMAPC_CMAKE_ARGS=()
cmd="${1:-build}"
shift || true
case "$cmd" in
  build) build ;;
  run)
    build
    "$ROOT/examples/run-all.sh" "$BUILD_DIR" "$@"
    ;;
  test)
    build
    cd "$BUILD_DIR"
    ctest --output-on-failure -j"$(nproc)" "$@"
    ;;
  bench)
    build
    "$ROOT/bench/compare.sh" "$BUILD_DIR" "$@"
    ;;
  test-asan)
    # Sanitized build in its own directory; leaks are not checked because
    # libMLIR's global registries are never freed.
    use_sanitized_build
    build
    cd "$BUILD_DIR"
    ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=print_stacktrace=1 \
      ctest --output-on-failure -j"$(nproc)" -E '^(install|mpi)/' "$@"
    ;;
  test-tsan)
    BUILD_DIR="${VMAPC_BUILD_DIR:-$ROOT/build-tsan}"
    BUILD_TYPE="${VMAPC_BUILD_TYPE:-RelWithDebInfo}"
    VMAPC_CMAKE_ARGS=(-DVMAPC_ENABLE_TSAN=ON -DVMAPC_ENABLE_BENCH=OFF)
    EXTRA_PACKAGES=("${SANITIZER_PACKAGES[@]}")
    install_missing_packages
    configure
    cmake --build "$BUILD_DIR" --target JitThreadsTest
    TSAN_OPTIONS=halt_on_error=1 "$BUILD_DIR/test/unit/JitThreadsTest" "$@"
    ;;
  fuzz)
    use_sanitized_build
    install_missing_packages
    configure
    VMAPC_FUZZ_BUILD_DIR="$BUILD_DIR" "$ROOT/test/fuzz/run.sh" "$@"
    ;;
  *)
    echo "usage: $0 {run|test|bench|build|test-asan|test-tsan|fuzz}" >&2
    exit 2
    ;;
esac
