// Embedding lookup: an unmapped table, mapped indices.
func.func @f(%table: tensor<6x3xf64>, %idx: tensor<4xi64>) -> tensor<4x3xf64> {
  %g = vmapc.gather %table[%idx] axis = 0 batch_dims = 0 : (tensor<6x3xf64>, tensor<4xi64>) -> tensor<4x3xf64>
  return %g : tensor<4x3xf64>
}
func.func @main(%table: tensor<6x3xf64>, %idx: tensor<4x2xi64>) -> tensor<2x4x3xf64> {
  %r = vmapc.vmap @f(%table, %idx) in_axes [none, -1] out_axes [0] : (tensor<6x3xf64>, tensor<4x2xi64>) -> tensor<2x4x3xf64>
  return %r : tensor<2x4x3xf64>
}
