// reshape with the batch dim in the middle of the operand.
func.func @f(%x: tensor<2x3xf32>) -> (tensor<6xf32>, tensor<3x2xf32>, tensor<f32>) {
  %flat = vmapc.reshape %x : tensor<2x3xf32> -> tensor<6xf32>
  %r = vmapc.reshape %flat : tensor<6xf32> -> tensor<3x2xf32>
  %one = vmapc.slice %flat, start = [4], limit = [5], strides = [1] : tensor<6xf32> -> tensor<1xf32>
  %s = vmapc.reshape %one : tensor<1xf32> -> tensor<f32>
  return %flat, %r, %s : tensor<6xf32>, tensor<3x2xf32>, tensor<f32>
}
func.func @main(%x: tensor<2x4x3xf32>) -> (tensor<4x6xf32>, tensor<3x2x4xf32>, tensor<4xf32>) {
  %a, %b, %c = vmapc.vmap @f(%x) in_axes [1] out_axes [0, -1, 0] : (tensor<2x4x3xf32>) -> (tensor<4x6xf32>, tensor<3x2x4xf32>, tensor<4xf32>)
  return %a, %b, %c : tensor<4x6xf32>, tensor<3x2x4xf32>, tensor<4xf32>
}
