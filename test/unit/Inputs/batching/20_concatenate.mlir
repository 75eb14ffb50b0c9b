// concatenate of mapped and unmapped operands, along both dims.
func.func @f(%x: tensor<2x3xf32>, %w: tensor<1x3xf32>, %y: tensor<2x2xf32>) -> (tensor<3x3xf32>, tensor<2x5xf32>) {
  %a = vmapc.concatenate %x, %w dim = 0 : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<3x3xf32>
  %b = vmapc.concatenate %y, %x dim = 1 : (tensor<2x2xf32>, tensor<2x3xf32>) -> tensor<2x5xf32>
  return %a, %b : tensor<3x3xf32>, tensor<2x5xf32>
}
func.func @main(%x: tensor<4x2x3xf32>, %w: tensor<1x3xf32>, %y: tensor<2x2x4xf32>) -> (tensor<4x3x3xf32>, tensor<2x5x4xf32>) {
  %a, %b = vmapc.vmap @f(%x, %w, %y) in_axes [0, none, 2] out_axes [0, -1] : (tensor<4x2x3xf32>, tensor<1x3xf32>, tensor<2x2x4xf32>) -> (tensor<4x3x3xf32>, tensor<2x5x4xf32>)
  return %a, %b : tensor<4x3x3xf32>, tensor<2x5x4xf32>
}
