// Operands batched at different axes: the rule must align them.
func.func @f(%x: tensor<4x2xf64>, %y: tensor<4x2xf64>) -> tensor<4x2xf64> {
  %a = vmapc.add %x, %y : tensor<4x2xf64>
  %m = vmapc.mul %a, %x : tensor<4x2xf64>
  return %m : tensor<4x2xf64>
}
func.func @main(%x: tensor<3x4x2xf64>, %y: tensor<4x2x3xf64>) -> tensor<4x3x2xf64> {
  %r = vmapc.vmap @f(%x, %y) in_axes [0, 2] out_axes [1] : (tensor<3x4x2xf64>, tensor<4x2x3xf64>) -> tensor<4x3x2xf64>
  return %r : tensor<4x3x2xf64>
}
