// scan: xs batched behind the scanned axis, a second xs unbatched, a carry
// made batched by the body, stacked outputs of rank 0 and 1.
func.func @f(%c0: tensor<f32>, %xs: tensor<4x2xf32>, %ws: tensor<4xf32>) -> (tensor<f32>, tensor<4x2xf32>, tensor<4xf32>) {
  %c, %ys, %zs = vmapc.scan (%c = %c0) xs(%x = %xs, %w = %ws) length = 4 : (tensor<f32>), (tensor<4x2xf32>, tensor<4xf32>) -> (tensor<4x2xf32>, tensor<4xf32>) {
    %s = vmapc.reduce sum %x, dims = [0] : tensor<2xf32> -> tensor<f32>
    %cw = vmapc.mul %c, %w : tensor<f32>
    %n = vmapc.add %cw, %s : tensor<f32>
    %b = vmapc.broadcast_in_dim %n, dims = [] : tensor<f32> -> tensor<2xf32>
    %y = vmapc.mul %x, %b : tensor<2xf32>
    vmapc.yield %n, %y, %w : tensor<f32>, tensor<2xf32>, tensor<f32>
  }
  return %c, %ys, %zs : tensor<f32>, tensor<4x2xf32>, tensor<4xf32>
}
func.func @main(%c0: tensor<f32>, %xs: tensor<4x3x2xf32>, %ws: tensor<4xf32>) -> (tensor<3xf32>, tensor<4x2x3xf32>, tensor<4xf32>) {
  %c, %ys, %zs = vmapc.vmap @f(%c0, %xs, %ws) in_axes [none, 1, none] out_axes [0, 2, none] : (tensor<f32>, tensor<4x3x2xf32>, tensor<4xf32>) -> (tensor<3xf32>, tensor<4x2x3xf32>, tensor<4xf32>)
  return %c, %ys, %zs : tensor<3xf32>, tensor<4x2x3xf32>, tensor<4xf32>
}
