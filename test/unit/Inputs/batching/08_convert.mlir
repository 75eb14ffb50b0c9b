// Conversions between every pair of kinds the dialect has.
func.func @f(%x: tensor<4xf32>, %i: tensor<4xi64>) -> (tensor<4xi32>, tensor<4xf64>, tensor<4xf32>, tensor<4xi32>) {
  %three = vmapc.constant dense<3.0> : tensor<4xf32>
  %big = vmapc.mul %x, %three : tensor<4xf32>
  %xi = vmapc.convert %big : tensor<4xf32> -> tensor<4xi32>
  %xb = vmapc.convert %xi : tensor<4xi32> -> tensor<4xi1>
  %bd = vmapc.convert %xb : tensor<4xi1> -> tensor<4xf64>
  %if = vmapc.convert %i : tensor<4xi64> -> tensor<4xf32>
  %sum = vmapc.add %if, %x : tensor<4xf32>
  %ii = vmapc.convert %i : tensor<4xi64> -> tensor<4xi32>
  return %xi, %bd, %sum, %ii : tensor<4xi32>, tensor<4xf64>, tensor<4xf32>, tensor<4xi32>
}
func.func @main(%x: tensor<2x4xf32>, %i: tensor<4x2xi64>) -> (tensor<2x4xi32>, tensor<2x4xf64>, tensor<2x4xf32>, tensor<2x4xi32>) {
  %a, %b, %c, %d = vmapc.vmap @f(%x, %i) in_axes [0, 1] out_axes [0, 0, 0, 0] : (tensor<2x4xf32>, tensor<4x2xi64>) -> (tensor<2x4xi32>, tensor<2x4xf64>, tensor<2x4xf32>, tensor<2x4xi32>)
  return %a, %b, %c, %d : tensor<2x4xi32>, tensor<2x4xf64>, tensor<2x4xf32>, tensor<2x4xi32>
}
