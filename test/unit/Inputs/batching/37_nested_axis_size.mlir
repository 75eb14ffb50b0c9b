// A nested vmap with axis_size and no mapped operand, inside a vmap whose
// operand is mapped: the inner broadcast then depends on the outer batch.
func.func @scale(%x: tensor<2xf32>) -> tensor<2xf32> {
  %two = vmapc.constant dense<2.0> : tensor<2xf32>
  %s = vmapc.mul %x, %two : tensor<2xf32>
  return %s : tensor<2xf32>
}
func.func @tile(%x: tensor<2xf32>) -> tensor<3x2xf32> {
  %r = vmapc.vmap @scale(%x) in_axes [none] out_axes [0] axis_size = 3 : (tensor<2xf32>) -> tensor<3x2xf32>
  return %r : tensor<3x2xf32>
}
func.func @main(%x: tensor<4x2xf32>) -> tensor<3x2x4xf32> {
  %r = vmapc.vmap @tile(%x) in_axes [0] out_axes [2] : (tensor<4x2xf32>) -> tensor<3x2x4xf32>
  return %r : tensor<3x2x4xf32>
}
