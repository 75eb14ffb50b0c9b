// No mapped operand: axis_size gives the batch; results are broadcast.
func.func @f(%w: tensor<3xf32>) -> tensor<3xf32> {
  %e = vmapc.exp %w : tensor<3xf32>
  return %e : tensor<3xf32>
}
func.func @main(%w: tensor<3xf32>) -> (tensor<4x3xf32>, tensor<3x2xf32>) {
  %a = vmapc.vmap @f(%w) in_axes [none] out_axes [0] axis_size = 4 : (tensor<3xf32>) -> tensor<4x3xf32>
  %b = vmapc.vmap @f(%w) in_axes [none] out_axes [-1] axis_size = 2 : (tensor<3xf32>) -> tensor<3x2xf32>
  return %a, %b : tensor<4x3xf32>, tensor<3x2xf32>
}
