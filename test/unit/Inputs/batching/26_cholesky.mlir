// Cholesky of an SPD matrix built from the input: A = X X^T + 3 I.
func.func @f(%x: tensor<3x3xf64>) -> tensor<3x3xf64> {
  %xxt = vmapc.dot_general %x, %x, batching_dims = [] x [], contracting_dims = [1] x [1] : (tensor<3x3xf64>, tensor<3x3xf64>) -> tensor<3x3xf64>
  %eye3 = vmapc.constant dense<[[3.0, 0.0, 0.0], [0.0, 3.0, 0.0], [0.0, 0.0, 3.0]]> : tensor<3x3xf64>
  %a = vmapc.add %xxt, %eye3 : tensor<3x3xf64>
  %l = vmapc.cholesky %a : tensor<3x3xf64>
  return %l : tensor<3x3xf64>
}
func.func @main(%x: tensor<3x4x3xf64>) -> tensor<4x3x3xf64> {
  %r = vmapc.vmap @f(%x) in_axes [1] out_axes [0] : (tensor<3x4x3xf64>) -> tensor<4x3x3xf64>
  return %r : tensor<4x3x3xf64>
}
