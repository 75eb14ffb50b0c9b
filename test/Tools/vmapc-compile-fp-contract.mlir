// vmapc-compile --fp-contract reaches the object: x * x - r becomes one
// fused multiply-subtract (vfmsub), and without the option it stays a
// multiply and a subtraction, as vmapc-eval computes it (the JIT's side of
// the option, with the numbers: Integration/fp-contract.mlir).
// Compiled for x86-64-v3 (AVX2 and FMA) so the instructions do not depend
// on the machine running the test.
// RUN: rm -rf %t && mkdir -p %t
// RUN: vmapc-compile %s -e residual -o %t/fused.o --target-cpu=x86-64-v3 --fp-contract
// RUN: vmapc-compile %s -e residual -o %t/separate.o --target-cpu=x86-64-v3
// RUN: llvm-objdump -d --no-show-raw-insn %t/fused.o | FileCheck %s --check-prefix=FUSED
// RUN: llvm-objdump -d --no-show-raw-insn %t/separate.o | FileCheck %s --check-prefix=SEPARATE

// FUSED-NOT: vmulps
// FUSED: vfmsub{{[0-9]+}}ps {{.*}}%ymm
// FUSED-NOT: vmulps
// SEPARATE-NOT: vfmsub
// SEPARATE: vmulps %ymm
// SEPARATE-NOT: vfmsub
// SEPARATE: vsubps {{.*}}%ymm
// SEPARATE-NOT: vfmsub
func.func @residual(%x: tensor<16xf32>, %r: tensor<16xf32>) -> tensor<16xf32> {
  %p = "vmapc.mul"(%x, %x) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  %d = "vmapc.sub"(%p, %r) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  return %d : tensor<16xf32>
}
