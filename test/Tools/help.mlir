// The runner tools' --help lists their own options, not the hundreds of
// LLVM code generation flags linked in with the JIT (vmapc-opt, an opt-style
// driver, keeps MLIR's full list on purpose).
// RUN: vmapc-run --help | FileCheck %s --check-prefix=RUNNER
// RUN: vmapc-eval --help | FileCheck %s --check-prefix=EVAL
// RUN: vmapc-difftest --help | FileCheck %s --check-prefix=DIFF

// RUNNER-NOT: --x86-
// RUNNER-NOT: --amdgpu
// RUNNER-LABEL: vmapc-run options:
// RUNNER: --arg=<file.npy>
// RUNNER-NOT: --x86-
// RUNNER-NOT: --amdgpu

// EVAL-NOT: --x86-
// EVAL-NOT: --amdgpu
// EVAL-LABEL: vmapc-eval options:
// EVAL: -e
// EVAL-NOT: --x86-
// EVAL-NOT: --amdgpu

// DIFF-NOT: --x86-
// DIFF-NOT: --amdgpu
// DIFF-LABEL: vmapc-difftest options:
// DIFF: --programs=<ulong>
// DIFF: --seed=<ulong>
// DIFF-NOT: --x86-
// DIFF-NOT: --amdgpu
