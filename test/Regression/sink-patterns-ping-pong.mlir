// Found by the 100,000-program difftest run: vmapc-tile-and-vectorize's clean-up
// never reached a fixed point on this vmapped i32 neg/min/max/prod chain (the
// vector sink patterns moved the ops across a transpose and splat constants
// and back) and took 24 GB; its rewrites are now bounded.
// RUN: vmapc-difftest --check %s --input-seed=4688917349359128863
//
// Found by vmapc-difftest --seed=8180614879416300217 --first=23746 --programs=1 and reduced.
// Failed: crash: ran out of the memory limit of 4096 MiB
module {
func.func private @p23746_inner0(%v0: tensor<f64>, %v1: tensor<2xi64>, %v2: tensor<0x3x17xi32>, %v9: tensor<17x3xi32>) -> (tensor<17x17xi32>) {
  %v3 = "vmapc.reduce"(%v2) {dimensions = array<i64: 0>, kind = "sum"} : (tensor<0x3x17xi32>) -> tensor<3x17xi32>
  %v10 = "vmapc.dot_general"(%v3, %v9) {lhs_batching_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 1>} : (tensor<3x17xi32>, tensor<17x3xi32>) -> tensor<17xi32>
  %v11 = "vmapc.constant"() {value = dense<[[4, -2, 3, -1, 4, 0, 0, 4, 0, 1, 0, 4, -4, -1, -2, -2, 0], [0, 3, -4, 3, 2, 2, -3, -3, 4, -3, 4, -1, -1, 4, 1, 2, -1], [-4, 0, -4, -4, 4, 3, 3, 1, 2, -4, 0, 4, -2, -1, 2, 0, 2], [3, -2, -1, 3, -3, -2, 1, 3, 3, -1, -1, -2, -1, 2, 0, 3, 3], [-1, 0, -3, 1, 3, 4, -2, -3, 3, -4, 2, -4, 3, -4, -4, -4, 1], [2, 0, 4, -3, 1, 0, 2, -4, 1, 3, 4, -2, 2, 2, 4, -2, -1], [-4, 0, -4, 1, 4, 3, -3, 3, 2, 0, -2, 2, -4, 2, -1, -3, -4], [-2, 0, -4, 4, 1, 2, 3, 1, 0, 0, 2, 1, 2, 0, 2, -1, -2], [-1, -1, 0, 0, 2, -2, 4, -3, 2, 4, 0, -2, -1, 0, 2, -3, -2], [0, 2, -4, -4, 2, -1, 1, 4, -1, -2, 3, -4, 3, 2, 1, -1, -1], [3, 2, 3, 0, -2, 2, -2, 4, 2, -2, -4, -2, -3, 3, 0, -1, 1], [-3, 1, 4, 2, -3, -2, -2, 3, -1, 0, 4, 1, -4, -4, 2, 0, 2], [4, 4, 2, -1, 2, 3, 0, 1, 2, 3, -3, 1, 2, -3, 1, 2, 2], [-4, 1, 0, -1, -2, 3, -2, 3, -3, -1, 3, -1, -1, 2, 0, -2, -1], [-1, 3, 1, 2, -4, 4, -3, -4, 4, 1, -1, 2, -4, 0, -3, 0, 3], [-4, 0, 2, 4, -1, 3, -4, 3, 4, 0, 1, -1, 2, 1, 1, 3, -2], [-4, 0, -3, 0, -4, -2, 2, 1, -2, 4, -2, 0, 0, -1, -4, -1, 2]]> : tensor<17x17xi32>} : () -> tensor<17x17xi32>
  %v12 = "vmapc.dot_general"(%v10, %v11) {lhs_batching_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64: 1>, lhs_contracting_dimensions = array<i64>, rhs_contracting_dimensions = array<i64>} : (tensor<17xi32>, tensor<17x17xi32>) -> tensor<17x17xi32>
  "func.return"(%v12) : (tensor<17x17xi32>) -> ()
}
func.func private @p23746_body(%v2: tensor<3xf64>, %v3: tensor<3x2xi64>, %v4: tensor<0x3x3x17xi32>, %v11: tensor<17x3x1xi32>) -> (tensor<1xi32>) {
  %v5 = "vmapc.constant"() {value = dense<1> : tensor<17x3x3xi32>} : () -> tensor<17x3x3xi32>
  %v6 = "vmapc.vmap"(%v2, %v3, %v4, %v5) {callee = @p23746_inner0, in_axes = [0 : i64, 0 : i64, -3 : i64, -1 : i64], out_axes = [-3 : i64]} : (tensor<3xf64>, tensor<3x2xi64>, tensor<0x3x3x17xi32>, tensor<17x3x3xi32>) -> tensor<3x17x17xi32>
  %v7 = "vmapc.neg"(%v6) : (tensor<3x17x17xi32>) -> tensor<3x17x17xi32>
  %v8 = "vmapc.min"(%v7, %v6) : (tensor<3x17x17xi32>, tensor<3x17x17xi32>) -> tensor<3x17x17xi32>
  %v9 = "vmapc.max"(%v8, %v7) : (tensor<3x17x17xi32>, tensor<3x17x17xi32>) -> tensor<3x17x17xi32>
  %v10 = "vmapc.reduce"(%v9) {dimensions = array<i64: 1>, kind = "prod"} : (tensor<3x17x17xi32>) -> tensor<3x17xi32>
  %v12 = "vmapc.dot_general"(%v10, %v11) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0, 1>, rhs_contracting_dimensions = array<i64: 1, 0>} : (tensor<3x17xi32>, tensor<17x3x1xi32>) -> tensor<1xi32>
  "func.return"(%v12) : (tensor<1xi32>) -> ()
}
func.func @p23746_wrap(%v0: tensor<3x2xf64>, %v1: tensor<3x2x2xi64>, %v2: tensor<0x3x3x2x17xi32>, %v3: tensor<17x2x3x1xi32>) -> (tensor<2x1xi32>) attributes {difftest.rtol = [0.00000000000000000e+00 : f64], difftest.scale = [2.04000000000000000e+02 : f64]} {
  %v4 = "vmapc.vmap"(%v0, %v1, %v2, %v3) {callee = @p23746_body, in_axes = [-1 : i64, 2 : i64, -2 : i64, -3 : i64], out_axes = [0 : i64]} : (tensor<3x2xf64>, tensor<3x2x2xi64>, tensor<0x3x3x2x17xi32>, tensor<17x2x3x1xi32>) -> tensor<2x1xi32>
  "func.return"(%v4) : (tensor<2x1xi32>) -> ()
}
}
