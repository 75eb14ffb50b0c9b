// Rank-0 operands: each batch element is a scalar.
func.func @f(%a: tensor<f32>, %b: tensor<f32>) -> (tensor<f32>, tensor<i1>) {
  %m = vmapc.mul %a, %b : tensor<f32>
  %s = vmapc.sin %m : tensor<f32>
  %c = vmapc.compare gt, %a, %b : tensor<f32>
  return %s, %c : tensor<f32>, tensor<i1>
}
func.func @main(%a: tensor<7xf32>, %b: tensor<7xf32>) -> (tensor<7xf32>, tensor<7xi1>) {
  %s, %c = vmapc.vmap @f(%a, %b) in_axes [0, -1] out_axes [-1, 0] : (tensor<7xf32>, tensor<7xf32>) -> (tensor<7xf32>, tensor<7xi1>)
  return %s, %c : tensor<7xf32>, tensor<7xi1>
}
