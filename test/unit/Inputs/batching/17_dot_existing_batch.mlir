// dot_general that already has a batching dim and two contracting dims.
func.func @f(%a: tensor<2x3x4xf32>, %b: tensor<2x4x3x5xf32>) -> tensor<2x5xf32> {
  %c = vmapc.dot_general %a, %b, batching_dims = [0] x [0], contracting_dims = [1, 2] x [2, 1] : (tensor<2x3x4xf32>, tensor<2x4x3x5xf32>) -> tensor<2x5xf32>
  return %c : tensor<2x5xf32>
}
func.func @main(%a: tensor<2x3x6x4xf32>, %b: tensor<2x4x3x5x6xf32>) -> tensor<2x5x6xf32> {
  %r = vmapc.vmap @f(%a, %b) in_axes [2, -1] out_axes [-1] : (tensor<2x3x6x4xf32>, tensor<2x4x3x5x6xf32>) -> tensor<2x5x6xf32>
  return %r : tensor<2x5x6xf32>
}
