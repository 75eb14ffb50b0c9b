// The NN-inference pattern: x . W with W unmapped must stay one product.
func.func @f(%x: tensor<3xf32>, %w: tensor<3x2xf32>) -> tensor<2xf32> {
  %y = vmapc.dot_general %x, %w, batching_dims = [] x [], contracting_dims = [0] x [0] : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  return %y : tensor<2xf32>
}
func.func @main(%x: tensor<5x3xf32>, %w: tensor<3x2xf32>) -> tensor<5x2xf32> {
  %r = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0] : (tensor<5x3xf32>, tensor<3x2xf32>) -> tensor<5x2xf32>
  return %r : tensor<5x2xf32>
}
