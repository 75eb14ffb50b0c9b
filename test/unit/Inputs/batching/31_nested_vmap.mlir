// vmap of a function that itself vmaps (the seed's vmap-of-vmap add).
func.func @add(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %s = vmapc.add %a, %b : tensor<f32>
  return %s : tensor<f32>
}
func.func @row(%x: tensor<4xf32>, %y: tensor<f32>) -> tensor<4xf32> {
  %r = vmapc.vmap @add(%x, %y) in_axes [0, none] out_axes [0] : (tensor<4xf32>, tensor<f32>) -> tensor<4xf32>
  return %r : tensor<4xf32>
}
func.func @main(%x: tensor<3x4xf32>, %y: tensor<3xf32>) -> tensor<3x4xf32> {
  %r = vmapc.vmap @row(%x, %y) in_axes [0, 0] out_axes [0] : (tensor<3x4xf32>, tensor<3xf32>) -> tensor<3x4xf32>
  return %r : tensor<3x4xf32>
}
