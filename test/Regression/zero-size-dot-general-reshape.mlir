// A dot_general with a size-0 operand crashed the lowering (reshapeTo
// recursed forever: no collapse/expand reassociation exists for shapes with
// a size-0 dim). Empty tensors are now rebuilt as tensor.empty, and an
// empty dot_general as tensor.empty or zeros.
// RUN: vmapc-difftest --check %s --input-seed=7454133444005525900
//
// Found by vmapc-difftest --seed=1 --first=240 --programs=1 and reduced.
// Failed: crash: killed by signal Segmentation fault
module {
func.func private @p240_body(%v0: tensor<2x4x0xf32>, %v1: tensor<0xf32>) -> (tensor<0x2x4xf32>) {
  %v2 = "vmapc.constant"() {value = dense<0.5> : tensor<0x2x4xf32>} : () -> tensor<0x2x4xf32>
  %v10 = "vmapc.constant"() {value = dense<0.75> : tensor<f32>} : () -> tensor<f32>
  %v11 = "vmapc.dot_general"(%v2, %v10) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64>, rhs_contracting_dimensions = array<i64>} : (tensor<0x2x4xf32>, tensor<f32>) -> tensor<0x2x4xf32>
  "func.return"(%v11) : (tensor<0x2x4xf32>) -> ()
}
func.func @p240_wrap(%v0: tensor<1x2x4x0xf32>, %v1: tensor<0x1xf32>) -> (tensor<0x2x1x4xf32>) attributes {difftest.rtol = [2.00000000000000016e-05 : f64], difftest.scale = [2.00000000000000000e+00 : f64]} {
  %v2 = "vmapc.vmap"(%v0, %v1) {callee = @p240_body, in_axes = [0 : i64, 1 : i64], out_axes = [2 : i64], axis_size = 1 : i64} : (tensor<1x2x4x0xf32>, tensor<0x1xf32>) -> tensor<0x2x1x4xf32>
  "func.return"(%v2) : (tensor<0x2x1x4xf32>) -> ()
}
}
