// gather from a mapped operand with unmapped indices, along axis 1.
func.func @f(%x: tensor<3x5xf32>, %idx: tensor<2x2xi32>) -> tensor<3x2x2xf32> {
  %g = vmapc.gather %x[%idx] axis = 1 batch_dims = 0 : (tensor<3x5xf32>, tensor<2x2xi32>) -> tensor<3x2x2xf32>
  return %g : tensor<3x2x2xf32>
}
func.func @main(%x: tensor<3x5x4xf32>, %idx: tensor<2x2xi32>) -> tensor<3x2x2x4xf32> {
  %r = vmapc.vmap @f(%x, %idx) in_axes [2, none] out_axes [3] : (tensor<3x5x4xf32>, tensor<2x2xi32>) -> tensor<3x2x2x4xf32>
  return %r : tensor<3x2x2x4xf32>
}
