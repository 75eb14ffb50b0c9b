// An exact (rtol 0) result whose magnitude the tolerance model cannot bound
// (the product of 120 integers) got the tolerance 0 * inf = NaN, and equal
// values then failed the comparison; the saved reproducer also printed the
// scale as `inf`, which the MLIR parser rejects. The tolerance of an exact
// result is now 0 whatever its scale, and non-finite attributes are written
// in hexadecimal.
// RUN: vmapc-difftest --check %s --input-seed=5067562563990395131
//
// Found by the 100,000-program run: vmapc-difftest --seed=17881863053689861530 --first=12739 --programs=1 and reduced.
// Failed: compiled vs reference: result 0 (exact): element 0: expected 0.000000e+00, got 0.000000e+00 (|diff| 0.000000e+00, allowed nan); expected tensor<2x2x1x5x2xf32> [...
module {
func.func private @p12739_body(%v0: tensor<5x3x8xi32>) -> (tensor<2x2x1x2xf32>, tensor<2x2x1x2xf32>) {
  %v1 = "vmapc.broadcast_in_dim"(%v0) {broadcast_dimensions = array<i64: 0, 1, 2>} : (tensor<5x3x8xi32>) -> tensor<5x3x8x4xi32>
  %v3 = "vmapc.reduce"(%v1) {dimensions = array<i64: 0, 1, 2>, kind = "prod"} : (tensor<5x3x8x4xi32>) -> tensor<4xi32>
  %v4 = "vmapc.broadcast_in_dim"(%v3) {broadcast_dimensions = array<i64: 3>} : (tensor<4xi32>) -> tensor<5x3x8x4xi32>
  %v6 = "vmapc.convert"(%v4) : (tensor<5x3x8x4xi32>) -> tensor<5x3x8x4xi1>
  %v7 = "vmapc.convert"(%v6) : (tensor<5x3x8x4xi1>) -> tensor<5x3x8x4xf32>
  %v8 = "vmapc.slice"(%v7) {start_indices = array<i64: 0, 0, 3, 2>, limit_indices = array<i64: 5, 2, 4, 4>, strides = array<i64: 3, 1, 3, 1>} : (tensor<5x3x8x4xf32>) -> tensor<2x2x1x2xf32>
  "func.return"(%v8, %v8) : (tensor<2x2x1x2xf32>, tensor<2x2x1x2xf32>) -> ()
}
func.func @p12739_wrap(%v0: tensor<5x3x5x8xi32>) -> (tensor<2x2x1x5x2xf32>, tensor<2x2x1x5x2xf32>) attributes {difftest.rtol = [0.00000000000000000e+00 : f64, 0.00000000000000000e+00 : f64], difftest.scale = [0x7FF0000000000000 : f64, 0x7FF0000000000000 : f64]} {
  %v1, %v2 = "vmapc.vmap"(%v0) {callee = @p12739_body, in_axes = [2 : i64], out_axes = [3 : i64, 3 : i64]} : (tensor<5x3x5x8xi32>) -> (tensor<2x2x1x5x2xf32>, tensor<2x2x1x5x2xf32>)
  "func.return"(%v1, %v2) : (tensor<2x2x1x5x2xf32>, tensor<2x2x1x5x2xf32>) -> ()
}
}
