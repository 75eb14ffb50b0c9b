// RUN: vmapc-opt --convert-vmapc-to-linalg --verify-diagnostics --split-input-file %s

func.func @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  return %x : tensor<3xf32>
}
func.func @g(%xs: tensor<2x3xf32>) -> tensor<2x3xf32> {
  // expected-error @+1 {{vmapc.vmap must be removed by --vmapc-batch before --convert-vmapc-to-linalg}}
  %r = "vmapc.vmap"(%xs) {callee = @f, in_axes = [0 : i64], out_axes = [0 : i64]} : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %r : tensor<2x3xf32>
}
