// Unmapped lhs, mapped rhs; integer dot; an outer product (no contraction).
func.func @f(%m: tensor<2x3xi32>, %v: tensor<3xi32>) -> (tensor<2xi32>, tensor<2x3x3xi32>) {
  %y = vmapc.dot_general %m, %v, batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<2x3xi32>, tensor<3xi32>) -> tensor<2xi32>
  %o = vmapc.dot_general %m, %v, batching_dims = [] x [], contracting_dims = [] x [] : (tensor<2x3xi32>, tensor<3xi32>) -> tensor<2x3x3xi32>
  return %y, %o : tensor<2xi32>, tensor<2x3x3xi32>
}
func.func @main(%m: tensor<2x3xi32>, %v: tensor<3x4xi32>) -> (tensor<2x4xi32>, tensor<4x2x3x3xi32>) {
  %y, %o = vmapc.vmap @f(%m, %v) in_axes [none, 1] out_axes [1, 0] : (tensor<2x3xi32>, tensor<3x4xi32>) -> (tensor<2x4xi32>, tensor<4x2x3x3xi32>)
  return %y, %o : tensor<2x4xi32>, tensor<4x2x3x3xi32>
}
