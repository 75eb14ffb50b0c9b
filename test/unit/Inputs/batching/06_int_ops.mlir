// Integer arithmetic; the divisor is made nonzero inside the function.
func.func @f(%a: tensor<5xi32>, %b: tensor<5xi32>) -> tensor<5xi32> {
  %zero = vmapc.constant dense<0> : tensor<5xi32>
  %one = vmapc.constant dense<1> : tensor<5xi32>
  %isz = vmapc.compare eq, %b, %zero : tensor<5xi32>
  %den = vmapc.select %isz, %one, %b : tensor<5xi1>, tensor<5xi32>
  %q = vmapc.div %a, %den : tensor<5xi32>
  %s = vmapc.add %q, %a : tensor<5xi32>
  %d = vmapc.sub %s, %b : tensor<5xi32>
  %m = vmapc.mul %d, %b : tensor<5xi32>
  %hi = vmapc.max %m, %a : tensor<5xi32>
  %lo = vmapc.min %hi, %b : tensor<5xi32>
  %n = vmapc.neg %lo : tensor<5xi32>
  %ab = vmapc.abs %n : tensor<5xi32>
  %r = vmapc.add %ab, %n : tensor<5xi32>
  return %r : tensor<5xi32>
}
func.func @main(%a: tensor<5x3xi32>, %b: tensor<3x5xi32>) -> tensor<3x5xi32> {
  %r = vmapc.vmap @f(%a, %b) in_axes [1, 0] out_axes [0] : (tensor<5x3xi32>, tensor<3x5xi32>) -> tensor<3x5xi32>
  return %r : tensor<3x5xi32>
}
