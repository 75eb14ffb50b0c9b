// Batched NN inference at the vmapc level: what examples/05_nn_inference.cpp
// traces, at a small size. @forward is written for one example; @main maps
// it over a batch of 8 with the weights unmapped (in_axes [0, none, none]).
// `vmapc-opt --vmapc-batch` turns the vmap into one matrix product per layer
// over the whole batch; `vmapc-run ... -e main --arg=...` runs it.

func.func private @forward(%x: tensor<4xf32>, %w1: tensor<4x5xf32>,
                           %w2: tensor<5x3xf32>) -> tensor<3xf32> {
  %h = vmapc.dot_general %x, %w1, batching_dims = [] x [],
         contracting_dims = [0] x [0]
       : (tensor<4xf32>, tensor<4x5xf32>) -> tensor<5xf32>
  %zero = vmapc.constant dense<0.0> : tensor<f32>
  %zeros = vmapc.broadcast_in_dim %zero, dims = [] : tensor<f32> -> tensor<5xf32>
  %r = vmapc.max %h, %zeros : tensor<5xf32>
  %y = vmapc.dot_general %r, %w2, batching_dims = [] x [],
         contracting_dims = [0] x [0]
       : (tensor<5xf32>, tensor<5x3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}

func.func @main(%X: tensor<8x4xf32>, %w1: tensor<4x5xf32>,
                %w2: tensor<5x3xf32>) -> tensor<8x3xf32> {
  %Y = vmapc.vmap @forward(%X, %w1, %w2) in_axes [0, none, none] out_axes [0]
       : (tensor<8x4xf32>, tensor<4x5xf32>, tensor<5x3xf32>) -> tensor<8x3xf32>
  return %Y : tensor<8x3xf32>
}
