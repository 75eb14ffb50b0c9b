// The seed's NN inference: relu(x W1) W2 over a batch, weights unmapped.
func.func @forward(%x: tensor<2xf32>, %w1: tensor<2x4xf32>, %w2: tensor<4x3xf32>) -> tensor<3xf32> {
  %h = vmapc.dot_general %x, %w1, batching_dims = [] x [], contracting_dims = [0] x [0] : (tensor<2xf32>, tensor<2x4xf32>) -> tensor<4xf32>
  %zero = vmapc.constant dense<0.0> : tensor<4xf32>
  %relu = vmapc.max %h, %zero : tensor<4xf32>
  %y = vmapc.dot_general %relu, %w2, batching_dims = [] x [], contracting_dims = [0] x [0] : (tensor<4xf32>, tensor<4x3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
func.func @main(%x: tensor<6x2xf32>, %w1: tensor<2x4xf32>, %w2: tensor<4x3xf32>) -> tensor<6x3xf32> {
  %r = vmapc.vmap @forward(%x, %w1, %w2) in_axes [0, none, none] out_axes [0] : (tensor<6x2xf32>, tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<6x3xf32>
  return %r : tensor<6x3xf32>
}
