// The generated code is SIMD at the host's full width: on AVX-512, the hot
// loops of an elementwise kernel (with exp, which must stay in registers
// rather than become expf calls) and of a matmul use zmm registers. The LLVM
// IR holds whole tiles (multiples of <16 x float>), which the backend splits
// into zmm operations.
// REQUIRES: avx512
// RUN: vmapc-opt --vmapc-lower-to-llvm %s | mlir-translate --mlir-to-llvmir | FileCheck %s --check-prefix=IR
// RUN: vmapc-opt --vmapc-lower-to-llvm %s | mlir-translate --mlir-to-llvmir | llc -O3 | FileCheck %s --check-prefix=ASM
// The target-cpu option picks the vector width: an AVX2 target gets ymm.
// RUN: vmapc-opt --vmapc-lower-to-llvm="target-cpu=x86-64-v3 target-features=+avx2,+fma" %s | mlir-translate --mlir-to-llvmir | llc -O3 | FileCheck %s --check-prefix=AVX2 --implicit-check-not=zmm

// IR-LABEL: define void @add_exp
// IR:         fadd <{{16|32|64}} x float>
// IR-NOT:     call float @expf
// IR-LABEL: define void @matmul
// IR:         call <{{16|32|64}} x float> @llvm.fmuladd.v{{16|32|64}}f32
// IR-NOT:     call float @fmaf
// IR:         attributes #{{[0-9]+}} = { "target-cpu"="{{[a-z0-9-]+}}" "target-features"="{{.*}}+avx512f

// ASM-LABEL: add_exp:
// ASM:         vaddps {{.*}}%zmm
// ASM-NOT:     call{{.*}}expf
// The k loop of the 8x32 register block: broadcasts of the lhs column and
// FMAs into zmm accumulators.
// ASM-LABEL: matmul:
// ASM:         vbroadcastss {{.*}}%zmm
// ASM:         vfmadd231ps %zmm{{[0-9]+}}, %zmm{{[0-9]+}}, %zmm
// ASM-NOT:     call{{.*}}fmaf

// AVX2-LABEL: add_exp:
// AVX2:         vaddps {{.*}}%ymm
// AVX2-LABEL: matmul:
// AVX2:         vfmadd231ps %ymm{{[0-9]+}}, %ymm{{[0-9]+}}, %ymm

func.func @add_exp(%x: tensor<1024xf32>) -> tensor<1024xf32> {
  %one = "vmapc.constant"() {value = dense<1.0> : tensor<1024xf32>} : () -> tensor<1024xf32>
  %a = "vmapc.add"(%x, %one) : (tensor<1024xf32>, tensor<1024xf32>) -> tensor<1024xf32>
  %e = "vmapc.exp"(%a) : (tensor<1024xf32>) -> tensor<1024xf32>
  return %e : tensor<1024xf32>
}

func.func @matmul(%a: tensor<64x128xf32>, %b: tensor<128x96xf32>) -> tensor<64x96xf32> {
  %c = "vmapc.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<64x128xf32>, tensor<128x96xf32>) -> tensor<64x96xf32>
  return %c : tensor<64x96xf32>
}
