// Both matmul operands mapped, at different axes: a batching dimension.
func.func @f(%a: tensor<2x3xf64>, %b: tensor<3x4xf64>) -> tensor<2x4xf64> {
  %c = vmapc.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<2x3xf64>, tensor<3x4xf64>) -> tensor<2x4xf64>
  return %c : tensor<2x4xf64>
}
func.func @main(%a: tensor<2x3x5xf64>, %b: tensor<5x3x4xf64>) -> tensor<2x5x4xf64> {
  %r = vmapc.vmap @f(%a, %b) in_axes [2, 0] out_axes [1] : (tensor<2x3x5xf64>, tensor<5x3x4xf64>) -> tensor<2x5x4xf64>
  return %r : tensor<2x5x4xf64>
}
