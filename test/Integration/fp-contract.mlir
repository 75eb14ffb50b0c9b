// x * x - r with x = 1 + 2^-12 and r = x * x rounded to f32 (1 + 2^-11):
// rounded separately the product equals r and the difference is 0 (what
// vmapc-eval computes); fused into one FMA it is the product's rounding
// error, 2^-24. Without --fp-contract the JIT matches vmapc-eval bit for
// bit; with it, the multiply and the subtraction reach LLVM contractible, and
// instruction selection fuses them (the result shows it).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/x.npy '<f4' 16 --values=1.000244140625,1.000244140625,1.000244140625,1.000244140625,1.000244140625,1.000244140625,1.000244140625,1.000244140625,1.000244140625,1.000244140625,1.000244140625,1.000244140625,1.000244140625,1.000244140625,1.000244140625,1.000244140625
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/r.npy '<f4' 16 --values=1.00048828125,1.00048828125,1.00048828125,1.00048828125,1.00048828125,1.00048828125,1.00048828125,1.00048828125,1.00048828125,1.00048828125,1.00048828125,1.00048828125,1.00048828125,1.00048828125,1.00048828125,1.00048828125
// RUN: vmapc-eval %s -e residual --arg=%t/x.npy --arg=%t/r.npy | FileCheck %s --check-prefix=SEPARATE
// RUN: vmapc-run %s -e residual --arg=%t/x.npy --arg=%t/r.npy | FileCheck %s --check-prefix=SEPARATE
// RUN: vmapc-run %s -e residual --fp-contract --dump-llvm-ir --arg=%t/x.npy --arg=%t/r.npy | FileCheck %s --check-prefix=FUSED

// SEPARATE: tensor<16xf32> [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]
// FUSED: [[P:%[0-9]+]] = fmul contract <16 x float>
// FUSED: fsub contract <16 x float> [[P]]
// FUSED: tensor<16xf32> [5.96046{{[0-9]*}}e-08, 5.96046{{[0-9]*}}e-08,
func.func @residual(%x: tensor<16xf32>, %r: tensor<16xf32>) -> tensor<16xf32> {
  %p = "vmapc.mul"(%x, %x) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  %d = "vmapc.sub"(%p, %r) : (tensor<16xf32>, tensor<16xf32>) -> tensor<16xf32>
  return %d : tensor<16xf32>
}
