// Binary elementwise ops, both operands mapped on axis 0.
func.func @f(%x: tensor<4xf32>, %y: tensor<4xf32>) -> tensor<4xf32> {
  %a = vmapc.add %x, %y : tensor<4xf32>
  %s = vmapc.sub %a, %y : tensor<4xf32>
  %m = vmapc.mul %s, %x : tensor<4xf32>
  %hi = vmapc.max %m, %y : tensor<4xf32>
  %lo = vmapc.min %hi, %x : tensor<4xf32>
  return %lo : tensor<4xf32>
}
func.func @main(%x: tensor<3x4xf32>, %y: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %r = vmapc.vmap @f(%x, %y) in_axes [0, 0] out_axes [0] : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  return %r : tensor<3x4xf32>
}
