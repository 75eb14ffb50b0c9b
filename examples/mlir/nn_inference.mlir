func.func @f(%a: tensor<4x3xf32>, %b: tensor<4x3xf32>, %w: tensor<3x2xf32>) -> tensor<4x2xf32> {
  %0 = vmapc.add %a, %b : tensor<4x3xf32>
  %1 = vmapc.compare lt, %a, %b : tensor<4x3xf32>
  %2 = vmapc.select %1, %0, %b : tensor<4x3xi1>, tensor<4x3xf32>
  %3 = vmapc.dot_general %2, %w, batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<4x2xf32>
  %4 = vmapc.reduce sum %3, dims = [1] : tensor<4x2xf32> -> tensor<4xf32>
  %5 = vmapc.transpose %3, permutation = [1, 0] : tensor<4x2xf32> -> tensor<2x4xf32>
  %c = vmapc.constant dense<1.0> : tensor<f32>
  %6 = vmapc.broadcast_in_dim %c, dims = [] : tensor<f32> -> tensor<4x2xf32>
  %7 = "vmapc.add"(%6, %3) : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
  return %7 : tensor<4x2xf32>
}
func.func @g(%x: tensor<8x3xf32>, %a: tensor<4x3xf32>, %b: tensor<4x3xf32>, %w: tensor<3x2xf32>) -> tensor<8x4x2xf32> {
  %r = vmapc.vmap @f(%a, %b, %w) in_axes [none, none, none] out_axes [0] axis_size = 8 : (tensor<4x3xf32>, tensor<4x3xf32>, tensor<3x2xf32>) -> tensor<8x4x2xf32>
  return %r : tensor<8x4x2xf32>
}
