// Found by the 100,000-program difftest run: with the points-along-the-lanes
// interchange of vmapc-tile-and-vectorize, this vmapped concatenate/convert/
// max chain computes its 40 dot products as one vector<40xi64>, whose lanes
// 20-23 and 24-27 are then stored side by side. LLVM 22's SelectionDAG merged
// the two stores into one <8 x i64> store of a subvector at lane 20 and wrote
// garbage (element 201: 12 expected, 0.085 computed); the JIT now turns that
// store merging off (lib/Runtime/Jit.cpp).
// RUN: vmapc-difftest --check %s --input-seed=5757548575818891578
//
// Found by vmapc-difftest --seed=17881863053689861530 --first=22651 --programs=1 and reduced.
// Failed: compiled vs reference: result 0 (exact): element 200: expected 6.000000e+00, got 0.000000e+00 (|diff| 6.000000e+00, allowed 0.000000e+00)
module {
func.func private @p22651_inner0(%v0: tensor<5x2x1xi64>, %v5: tensor<2x5xi64>) -> (tensor<2x10xf32>) {
  %v1 = "vmapc.transpose"(%v0) {permutation = array<i64: 1, 2, 0>} : (tensor<5x2x1xi64>) -> tensor<2x1x5xi64>
  %v2 = "vmapc.constant"() {value = dense<[3]> : tensor<1xi64>} : () -> tensor<1xi64>
  %v3 = "vmapc.dot_general"(%v1, %v2) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x1x5xi64>, tensor<1xi64>) -> tensor<2x5xi64>
  %v6 = "vmapc.concatenate"(%v3, %v5) {dimension = 1 : i64} : (tensor<2x5xi64>, tensor<2x5xi64>) -> tensor<2x10xi64>
  %v7 = "vmapc.convert"(%v6) : (tensor<2x10xi64>) -> tensor<2x10xf32>
  "func.return"(%v7) : (tensor<2x10xf32>) -> ()
}
func.func private @p22651_body(%v2: tensor<2x17x5xf64>, %v4: tensor<5x2x1xi64>, %v5: tensor<3x2x5xi64>, %v7: tensor<3x2x10xf32>) -> (tensor<3x2x10xf32>) {
  %v6 = "vmapc.vmap"(%v4, %v5) {callee = @p22651_inner0, in_axes = [unit, 0 : i64], out_axes = [0 : i64]} : (tensor<5x2x1xi64>, tensor<3x2x5xi64>) -> tensor<3x2x10xf32>
  %v8 = "vmapc.max"(%v7, %v6) : (tensor<3x2x10xf32>, tensor<3x2x10xf32>) -> tensor<3x2x10xf32>
  "func.return"(%v8) : (tensor<3x2x10xf32>) -> ()
}
func.func @p22651_wrap(%v0: tensor<2x17x5xf64>, %v1: tensor<5x2x1x4xi64>, %v2: tensor<4x3x2x5xi64>, %v3: tensor<3x4x2x10xf32>) -> (tensor<3x2x4x10xf32>) attributes {difftest.rtol = [0.00000000000000000e+00 : f64], difftest.scale = [1.20000000000000000e+01 : f64]} {
  %v4 = "vmapc.vmap"(%v0, %v1, %v2, %v3) {callee = @p22651_body, in_axes = [unit, 3 : i64, -4 : i64, 1 : i64], out_axes = [-2 : i64]} : (tensor<2x17x5xf64>, tensor<5x2x1x4xi64>, tensor<4x3x2x5xi64>, tensor<3x4x2x10xf32>) -> tensor<3x2x4x10xf32>
  "func.return"(%v4) : (tensor<3x2x4x10xf32>) -> ()
}
}
