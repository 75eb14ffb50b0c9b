// gather with batch_dims = 1, operand and indices both mapped.
func.func @f(%x: tensor<2x5xi32>, %idx: tensor<2x3xi32>) -> tensor<2x3xi32> {
  %g = vmapc.gather %x[%idx] axis = 1 batch_dims = 1 : (tensor<2x5xi32>, tensor<2x3xi32>) -> tensor<2x3xi32>
  return %g : tensor<2x3xi32>
}
func.func @main(%x: tensor<4x2x5xi32>, %idx: tensor<2x3x4xi32>) -> tensor<2x4x3xi32> {
  %r = vmapc.vmap @f(%x, %idx) in_axes [0, 2] out_axes [1] : (tensor<4x2x5xi32>, tensor<2x3x4xi32>) -> tensor<2x4x3xi32>
  return %r : tensor<2x4x3xi32>
}
