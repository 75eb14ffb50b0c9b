// Strided static slices of a batched operand.
func.func @f(%x: tensor<5x4xf32>) -> (tensor<2x2xf32>, tensor<5x1xf32>) {
  %a = vmapc.slice %x, start = [1, 0], limit = [5, 4], strides = [2, 3] : tensor<5x4xf32> -> tensor<2x2xf32>
  %b = vmapc.slice %x, start = [0, 3], limit = [5, 4], strides = [1, 1] : tensor<5x4xf32> -> tensor<5x1xf32>
  return %a, %b : tensor<2x2xf32>, tensor<5x1xf32>
}
func.func @main(%x: tensor<5x3x4xf32>) -> (tensor<3x2x2xf32>, tensor<5x1x3xf32>) {
  %a, %b = vmapc.vmap @f(%x) in_axes [1] out_axes [0, 2] : (tensor<5x3x4xf32>) -> (tensor<3x2x2xf32>, tensor<5x1x3xf32>)
  return %a, %b : tensor<3x2x2xf32>, tensor<5x1x3xf32>
}
