// One operand unmapped (none): it must stay unbatched and still combine.
func.func @f(%x: tensor<4xf32>, %w: tensor<4xf32>) -> tensor<4xf32> {
  %a = vmapc.sub %x, %w : tensor<4xf32>
  %ww = vmapc.mul %w, %w : tensor<4xf32>
  %m = vmapc.mul %a, %ww : tensor<4xf32>
  return %m : tensor<4xf32>
}
func.func @main(%x: tensor<4x5xf32>, %w: tensor<4xf32>) -> tensor<5x4xf32> {
  %r = vmapc.vmap @f(%x, %w) in_axes [1, none] out_axes [0] : (tensor<4x5xf32>, tensor<4xf32>) -> tensor<5x4xf32>
  return %r : tensor<5x4xf32>
}
