// Found by the 100,000-program difftest run: fusion folds the constant
// operand of a reduction into its combiner (`out * 3`, `out + 0.25`), and the
// upstream vectorizer computed such a combiner once instead of once per
// reduced point. vmapc-tile-and-vectorize now leaves these reductions scalar.
// RUN: vmapc-difftest --check %s --input-seed=15061197142282780461
//
// Found by vmapc-difftest --seed=8180614879416300217 --first=5448 --programs=1 and reduced.
// Failed: compiled vs reference: result 0 (accumulate): element 0: expected 1.000000e+01, got 2.500000e-01 (|diff| 9.750000e+00, allowed 3.600000e-03); expected tensor<4x1x4x3xf32> [[[[10, 10, 10], [10, 10, 10], [10, 10, 10], [10, 10, 10]]], [[[10, 10, 10], [10, 10, 10], [10, 10, 10], [10, 10, 10]]], [[[10, 10, 10], [10, 10, 10], [
module {
func.func private @p5448_inner0(%v3: tensor<f32>, %v5: tensor<i32>, %v7: tensor<5x2x2x2x4xf32>) -> (tensor<1xf32>) {
  %v1 = "vmapc.constant"() {value = dense<0.25> : tensor<5x2x2x2x4xf32>} : () -> tensor<5x2x2x2x4xf32>
  %v6 = "vmapc.compare"(%v1, %v1) {predicate = "ge"} : (tensor<5x2x2x2x4xf32>, tensor<5x2x2x2x4xf32>) -> tensor<5x2x2x2x4xi1>
  %v8 = "vmapc.select"(%v6, %v1, %v7) : (tensor<5x2x2x2x4xi1>, tensor<5x2x2x2x4xf32>, tensor<5x2x2x2x4xf32>) -> tensor<5x2x2x2x4xf32>
  %v9 = "vmapc.reduce"(%v8) {dimensions = array<i64: 3, 0, 4>, kind = "sum"} : (tensor<5x2x2x2x4xf32>) -> tensor<2x2xf32>
  %v10 = "vmapc.slice"(%v9) {start_indices = array<i64: 1, 1>, limit_indices = array<i64: 2, 2>, strides = array<i64: 1, 3>} : (tensor<2x2xf32>) -> tensor<1x1xf32>
  %v11 = "vmapc.reduce"(%v10) {dimensions = array<i64: 1>, kind = "prod"} : (tensor<1x1xf32>) -> tensor<1xf32>
  "func.return"(%v11) : (tensor<1xf32>) -> ()
}
func.func private @p5448_body(%v0: tensor<3x2x8xf32>, %v1: tensor<8xf32>, %v3: tensor<4xf32>, %v4: tensor<4xi32>, %v5: tensor<5x2x2x2x4x4xf32>) -> (tensor<1x4xf32>) {
  %v6 = "vmapc.vmap"(%v3, %v4, %v5) {callee = @p5448_inner0, in_axes = [-1 : i64, -1 : i64, 5 : i64], out_axes = [1 : i64]} : (tensor<4xf32>, tensor<4xi32>, tensor<5x2x2x2x4x4xf32>) -> tensor<1x4xf32>
  "func.return"(%v6) : (tensor<1x4xf32>) -> ()
}
func.func private @p5448_wrap(%v0: tensor<3x2x8x4xf32>, %v1: tensor<8x4xf32>, %v2: tensor<4x4xf32>, %v3: tensor<4x4xi32>, %v4: tensor<5x4x2x2x2x4x4xf32>) -> (tensor<4x1x4xf32>) {
  %v5 = "vmapc.vmap"(%v0, %v1, %v2, %v3, %v4) {callee = @p5448_body, in_axes = [3 : i64, 1 : i64, 0 : i64, -1 : i64, 1 : i64], out_axes = [0 : i64]} : (tensor<3x2x8x4xf32>, tensor<8x4xf32>, tensor<4x4xf32>, tensor<4x4xi32>, tensor<5x4x2x2x2x4x4xf32>) -> tensor<4x1x4xf32>
  "func.return"(%v5) : (tensor<4x1x4xf32>) -> ()
}
func.func @p5448_wrap2(%v0: tensor<3x2x8x3x4xf32>, %v1: tensor<3x8x4xf32>, %v2: tensor<3x4x4xf32>, %v3: tensor<4x3x4xi32>, %v4: tensor<5x4x2x2x2x4x4x3xf32>) -> (tensor<4x1x4x3xf32>) attributes {difftest.rtol = [4.00000000000000033e-05 : f64], difftest.scale = [8.00000000000000000e+01 : f64]} {
  %v5 = "vmapc.vmap"(%v0, %v1, %v2, %v3, %v4) {callee = @p5448_wrap, in_axes = [3 : i64, 0 : i64, 0 : i64, 1 : i64, 7 : i64], out_axes = [3 : i64]} : (tensor<3x2x8x3x4xf32>, tensor<3x8x4xf32>, tensor<3x4x4xf32>, tensor<4x3x4xi32>, tensor<5x4x2x2x2x4x4x3xf32>) -> tensor<4x1x4x3xf32>
  "func.return"(%v5) : (tensor<4x1x4x3xf32>) -> ()
}
}
