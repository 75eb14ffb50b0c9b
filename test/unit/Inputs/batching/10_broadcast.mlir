// broadcast_in_dim of batched values: rows, columns, a stretched size-1 dim
// and a scalar.
func.func @f(%v: tensor<3xf32>, %c: tensor<2x1xf32>, %s: tensor<f32>) -> (tensor<2x3xf32>, tensor<3x2xf32>, tensor<2x3xf32>) {
  %rows = vmapc.broadcast_in_dim %v, dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
  %cols = vmapc.broadcast_in_dim %v, dims = [0] : tensor<3xf32> -> tensor<3x2xf32>
  %st = vmapc.broadcast_in_dim %c, dims = [0, 1] : tensor<2x1xf32> -> tensor<2x3xf32>
  %sc = vmapc.broadcast_in_dim %s, dims = [] : tensor<f32> -> tensor<2x3xf32>
  %a = vmapc.add %rows, %st : tensor<2x3xf32>
  %b = vmapc.mul %a, %sc : tensor<2x3xf32>
  return %b, %cols, %st : tensor<2x3xf32>, tensor<3x2xf32>, tensor<2x3xf32>
}
func.func @main(%v: tensor<3x4xf32>, %c: tensor<4x2x1xf32>, %s: tensor<4xf32>) -> (tensor<4x2x3xf32>, tensor<3x2x4xf32>, tensor<2x4x3xf32>) {
  %a, %b, %c2 = vmapc.vmap @f(%v, %c, %s) in_axes [1, 0, 0] out_axes [0, 2, 1] : (tensor<3x4xf32>, tensor<4x2x1xf32>, tensor<4xf32>) -> (tensor<4x2x3xf32>, tensor<3x2x4xf32>, tensor<2x4x3xf32>)
  return %a, %b, %c2 : tensor<4x2x3xf32>, tensor<3x2x4xf32>, tensor<2x4x3xf32>
}
