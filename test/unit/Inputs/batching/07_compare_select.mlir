// All six predicates; one comparison against an unmapped operand.
func.func @f(%x: tensor<4xf32>, %y: tensor<4xf32>, %w: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xi1>) {
  %eq = vmapc.compare eq, %x, %y : tensor<4xf32>
  %ne = vmapc.compare ne, %x, %w : tensor<4xf32>
  %lt = vmapc.compare lt, %x, %y : tensor<4xf32>
  %le = vmapc.compare le, %y, %w : tensor<4xf32>
  %gt = vmapc.compare gt, %x, %w : tensor<4xf32>
  %ge = vmapc.compare ge, %x, %y : tensor<4xf32>
  %s0 = vmapc.select %lt, %x, %y : tensor<4xi1>, tensor<4xf32>
  %s1 = vmapc.select %gt, %s0, %w : tensor<4xi1>, tensor<4xf32>
  %s2 = vmapc.select %le, %s1, %x : tensor<4xi1>, tensor<4xf32>
  %s3 = vmapc.select %ge, %s2, %y : tensor<4xi1>, tensor<4xf32>
  %s4 = vmapc.select %eq, %w, %s3 : tensor<4xi1>, tensor<4xf32>
  return %s4, %ne : tensor<4xf32>, tensor<4xi1>
}
func.func @main(%x: tensor<3x4xf32>, %y: tensor<3x4xf32>, %w: tensor<4xf32>) -> (tensor<3x4xf32>, tensor<4x3xi1>) {
  %r, %m = vmapc.vmap @f(%x, %y, %w) in_axes [0, 0, none] out_axes [0, 1] : (tensor<3x4xf32>, tensor<3x4xf32>, tensor<4xf32>) -> (tensor<3x4xf32>, tensor<4x3xi1>)
  return %r, %m : tensor<3x4xf32>, tensor<4x3xi1>
}
