// A dot_general contracting over a size-1 dim beside a size-0 dim failed to
// compile (an out-of-bounds tensor.extract_slice). dot_general with an empty
// result or operand now lowers to tensor.empty or zeros directly.
// RUN: vmapc-difftest --check %s --input-seed=16256954784126993814
//
// Found by vmapc-difftest --seed=1 --first=621 --programs=1 and reduced.
// Failed: JIT compile: difftest:5:9: error: offset 1 is out-of-bounds: 0 >= 0
module {
func.func private @p621_inner0(%v0: tensor<1x0x3xf64>, %v1: tensor<1x0x3xf64>, %v5: tensor<1xf64>, %v7: tensor<f64>) -> (tensor<34xf64>, tensor<1x0x3xf64>) {
  %v2 = "vmapc.constant"() {value = dense<true> : tensor<1x0x3xi1>} : () -> tensor<1x0x3xi1>
  %v4 = "vmapc.constant"() {value = dense<0.5> : tensor<1x0x1xf64>} : () -> tensor<1x0x1xf64>
  %v6 = "vmapc.dot_general"(%v4, %v5) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<1x0x1xf64>, tensor<1xf64>) -> tensor<0x1xf64>
  %v8 = "vmapc.constant"() {value = dense<0.5> : tensor<17x3xf64>} : () -> tensor<17x3xf64>
  %v10 = "vmapc.constant"() {value = dense<0.5> : tensor<17xf64>} : () -> tensor<17xf64>
  %v11 = "vmapc.constant"() {value = dense<0.5> : tensor<34xf64>} : () -> tensor<34xf64>
  "func.return"(%v11, %v0) : (tensor<34xf64>, tensor<1x0x3xf64>) -> ()
}
func.func private @p621_body(%v0: tensor<8xf64>, %v1: tensor<8xf64>, %v5: tensor<f64>) -> (tensor<f64>) {
  %v2 = "vmapc.constant"() {value = dense<true> : tensor<8xi1>} : () -> tensor<8xi1>
  %v3 = "vmapc.constant"() {value = dense<-1.75> : tensor<1x0x3x2xf64>} : () -> tensor<1x0x3x2xf64>
  %v4 = "vmapc.constant"() {value = dense<[[-2.00, -2.00]]> : tensor<1x2xf64>} : () -> tensor<1x2xf64>
  %v6, %v7 = "vmapc.vmap"(%v3, %v3, %v4, %v5) {callee = @p621_inner0, in_axes = [-1 : i64, 3 : i64, 1 : i64, unit], out_axes = [unit, -2 : i64], axis_size = 2 : i64} : (tensor<1x0x3x2xf64>, tensor<1x0x3x2xf64>, tensor<1x2xf64>, tensor<f64>) -> (tensor<34xf64>, tensor<1x0x2x3xf64>)
  %v9 = "vmapc.constant"() {value = dense<0.5> : tensor<f64>} : () -> tensor<f64>
  "func.return"(%v9) : (tensor<f64>) -> ()
}
func.func @p621_wrap(%v0: tensor<8x2xf64>, %v1: tensor<8xf64>, %v2: tensor<2xf64>) -> (tensor<2xf64>) attributes {difftest.rtol = [0.00000000000000000e+00 : f64], difftest.scale = [2.00000000000000000e+00 : f64]} {
  %v3 = "vmapc.vmap"(%v0, %v1, %v2) {callee = @p621_body, in_axes = [1 : i64, unit, 0 : i64], out_axes = [-1 : i64]} : (tensor<8x2xf64>, tensor<8xf64>, tensor<2xf64>) -> tensor<2xf64>
  "func.return"(%v3) : (tensor<2xf64>) -> ()
}
}
