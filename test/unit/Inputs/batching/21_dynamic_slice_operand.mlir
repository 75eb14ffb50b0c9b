// dynamic_slice of a mapped operand at unmapped starts (clamped).
func.func @f(%x: tensor<5x4xf32>, %i: tensor<i32>, %j: tensor<i64>) -> tensor<2x3xf32> {
  %s = vmapc.dynamic_slice %x[%i, %j] sizes = [2, 3] : (tensor<5x4xf32>, tensor<i32>, tensor<i64>) -> tensor<2x3xf32>
  return %s : tensor<2x3xf32>
}
func.func @main(%x: tensor<5x4x3xf32>, %i: tensor<i32>, %j: tensor<i64>) -> tensor<3x2x3xf32> {
  %r = vmapc.vmap @f(%x, %i, %j) in_axes [2, none, none] out_axes [0] : (tensor<5x4x3xf32>, tensor<i32>, tensor<i64>) -> tensor<3x2x3xf32>
  return %r : tensor<3x2x3xf32>
}
