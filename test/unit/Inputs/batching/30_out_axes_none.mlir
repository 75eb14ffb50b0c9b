// A result independent of the mapped input comes back unstacked.
func.func @f(%x: tensor<3xf32>, %w: tensor<3xf32>) -> (tensor<3xf32>, tensor<f32>, tensor<3xf32>) {
  %p = vmapc.mul %x, %w : tensor<3xf32>
  %n = vmapc.reduce sum %w, dims = [0] : tensor<3xf32> -> tensor<f32>
  %t = vmapc.tanh %w : tensor<3xf32>
  return %p, %n, %t : tensor<3xf32>, tensor<f32>, tensor<3xf32>
}
func.func @main(%x: tensor<3x4xf32>, %w: tensor<3xf32>) -> (tensor<4x3xf32>, tensor<f32>, tensor<3xf32>) {
  %p, %n, %t = vmapc.vmap @f(%x, %w) in_axes [1, none] out_axes [0, none, none] : (tensor<3x4xf32>, tensor<3xf32>) -> (tensor<4x3xf32>, tensor<f32>, tensor<3xf32>)
  return %p, %n, %t : tensor<4x3xf32>, tensor<f32>, tensor<3xf32>
}
