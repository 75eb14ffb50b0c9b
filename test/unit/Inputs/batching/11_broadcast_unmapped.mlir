// An unmapped operand broadcast, then combined with a mapped one.
func.func @f(%x: tensor<2x3xf64>, %b: tensor<3xf64>) -> tensor<2x3xf64> {
  %bb = vmapc.broadcast_in_dim %b, dims = [1] : tensor<3xf64> -> tensor<2x3xf64>
  %r = vmapc.add %x, %bb : tensor<2x3xf64>
  return %r : tensor<2x3xf64>
}
func.func @main(%x: tensor<2x5x3xf64>, %b: tensor<3xf64>) -> tensor<2x3x5xf64> {
  %r = vmapc.vmap @f(%x, %b) in_axes [1, none] out_axes [2] : (tensor<2x5x3xf64>, tensor<3xf64>) -> tensor<2x3x5xf64>
  return %r : tensor<2x3x5xf64>
}
