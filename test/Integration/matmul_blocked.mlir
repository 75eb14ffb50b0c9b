// A matmul large enough for every tiling level: the reduction is blocked by
// 256 for the caches (1024 = 4 blocks), columns by 32 and rows by 8 (with a
// ragged-free 40 = 5 row blocks), k stepped by 1 in registers. The values are
// small integers, so the result is exact and must equal vmapc-eval's.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/gen_matmul.py %t 40 1024 96
// RUN: vmapc-run %s -e mm --arg=%t/A.npy --arg=%t/B.npy > %t/run.txt
// RUN: vmapc-eval %s -e mm --arg=%t/A.npy --arg=%t/B.npy > %t/eval.txt
// RUN: diff %t/run.txt %t/eval.txt
// RUN: FileCheck %s < %t/run.txt
// CHECK: tensor<40x96xf32> {{\[\[}}{{-?[0-9]+}}, {{-?[0-9]+}},
// A CPU named alone gets its own vector width (the JIT spells out its
// features): AVX2 (haswell) 4x16 blocks, baseline x86-64 (SSE2) 4x8. Same
// exact numbers.
// RUN: vmapc-run %s -e mm --target-cpu=haswell --dump-mlir --arg=%t/A.npy --arg=%t/B.npy > %t/haswell.txt
// RUN: FileCheck %s --check-prefix=HASWELL < %t/haswell.txt
// RUN: grep "^tensor<40x96xf32>" %t/haswell.txt > %t/haswell-result.txt
// RUN: diff %t/haswell-result.txt %t/eval.txt
// RUN: vmapc-run %s -e mm --target-cpu=x86-64 --arg=%t/A.npy --arg=%t/B.npy > %t/sse.txt
// RUN: diff %t/sse.txt %t/eval.txt
// HASWELL: target_features = #llvm.target_features<[{{.*}}"+avx2"
// HASWELL-NOT: "+avx512f"
// HASWELL-NOT: vector<32xf32>
// HASWELL: vector<16xf32>
// HASWELL-NOT: vector<32xf32>
// HASWELL: tensor<40x96xf32>
// RUN: vmapc-opt --vmapc-lower-to-llvm %s --mlir-print-ir-after=loop-invariant-subset-hoisting -o /dev/null 2>&1 | FileCheck %s --check-prefix=LOOPS
// LOOPS: scf.for %{{.+}} = %c0 to %c1024 step %c256
// LOOPS:   scf.for %{{.+}} = %c0 to %c96 step %c32
// LOOPS:     scf.for %{{.+}} = %c0 to %c40 step %c8
// LOOPS:       scf.for %{{.+}} = %c0 to %c256 step %c1
// LOOPS:         vector.contract {{.*}} : vector<8x1xf32>, vector<1x32xf32> into vector<8x32xf32>
func.func @mm(%a: tensor<40x1024xf32>, %b: tensor<1024x96xf32>) -> tensor<40x96xf32> {
  %d = "vmapc.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<40x1024xf32>, tensor<1024x96xf32>) -> tensor<40x96xf32>
  return %d : tensor<40x96xf32>
}
