// Nested vmaps with non-zero and negative axes at both levels; the inner
// vmap maps an operand that the outer one leaves unmapped.
func.func @inner(%a: tensor<2xf64>, %w: tensor<2xf64>) -> tensor<f64> {
  %p = vmapc.mul %a, %w : tensor<2xf64>
  %s = vmapc.reduce sum %p, dims = [0] : tensor<2xf64> -> tensor<f64>
  return %s : tensor<f64>
}
func.func @outer(%x: tensor<2x3xf64>, %w: tensor<3x2xf64>) -> tensor<3xf64> {
  %r = vmapc.vmap @inner(%x, %w) in_axes [-1, 0] out_axes [-1] : (tensor<2x3xf64>, tensor<3x2xf64>) -> tensor<3xf64>
  return %r : tensor<3xf64>
}
func.func @main(%x: tensor<2x3x4xf64>, %w: tensor<3x2xf64>) -> tensor<3x4xf64> {
  %r = vmapc.vmap @outer(%x, %w) in_axes [2, none] out_axes [1] : (tensor<2x3x4xf64>, tensor<3x2xf64>) -> tensor<3x4xf64>
  return %r : tensor<3x4xf64>
}
