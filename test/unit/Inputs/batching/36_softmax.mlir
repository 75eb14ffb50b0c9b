// Softmax of each row: reduce max, broadcast back, exp, reduce sum, div.
func.func @softmax(%x: tensor<4xf32>) -> tensor<4xf32> {
  %m = vmapc.reduce max %x, dims = [0] : tensor<4xf32> -> tensor<f32>
  %mb = vmapc.broadcast_in_dim %m, dims = [] : tensor<f32> -> tensor<4xf32>
  %d = vmapc.sub %x, %mb : tensor<4xf32>
  %e = vmapc.exp %d : tensor<4xf32>
  %s = vmapc.reduce sum %e, dims = [0] : tensor<4xf32> -> tensor<f32>
  %sb = vmapc.broadcast_in_dim %s, dims = [] : tensor<f32> -> tensor<4xf32>
  %p = vmapc.div %e, %sb : tensor<4xf32>
  return %p : tensor<4xf32>
}
func.func @main(%x: tensor<4x5xf32>) -> tensor<5x4xf32> {
  %r = vmapc.vmap @softmax(%x) in_axes [1] out_axes [0] : (tensor<4x5xf32>) -> tensor<5x4xf32>
  return %r : tensor<5x4xf32>
}
