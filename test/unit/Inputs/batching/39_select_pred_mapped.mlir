// A mapped predicate choosing between unmapped values, and i1 inputs.
func.func @f(%p: tensor<3xi1>, %t: tensor<3xf64>, %e: tensor<3xf64>) -> tensor<3xf64> {
  %r = vmapc.select %p, %t, %e : tensor<3xi1>, tensor<3xf64>
  return %r : tensor<3xf64>
}
func.func @main(%p: tensor<3x4xi1>, %t: tensor<3xf64>, %e: tensor<3xf64>) -> tensor<4x3xf64> {
  %r = vmapc.vmap @f(%p, %t, %e) in_axes [1, none, none] out_axes [0] : (tensor<3x4xi1>, tensor<3xf64>, tensor<3xf64>) -> tensor<4x3xf64>
  return %r : tensor<4x3xf64>
}
