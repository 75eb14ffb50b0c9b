// inv and det of a batch of already-batched (2 x n x n) matrices.
func.func @f(%x: tensor<2x3x3xf64>) -> (tensor<2x3x3xf64>, tensor<2xf64>) {
  %i = vmapc.inv %x : tensor<2x3x3xf64>
  %d = vmapc.det %x : tensor<2x3x3xf64> -> tensor<2xf64>
  return %i, %d : tensor<2x3x3xf64>, tensor<2xf64>
}
func.func @main(%x: tensor<2x3x3x4xf64>) -> (tensor<4x2x3x3xf64>, tensor<2x4xf64>) {
  %i, %d = vmapc.vmap @f(%x) in_axes [-1] out_axes [0, -1] : (tensor<2x3x3x4xf64>) -> (tensor<4x2x3x3xf64>, tensor<2x4xf64>)
  return %i, %d : tensor<4x2x3x3xf64>, tensor<2x4xf64>
}
