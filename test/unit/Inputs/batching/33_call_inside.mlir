// func.call chains inside a vmapped function, including a call whose
// arguments are all unmapped.
func.func @square(%x: tensor<3xf32>) -> tensor<3xf32> {
  %s = vmapc.mul %x, %x : tensor<3xf32>
  return %s : tensor<3xf32>
}
func.func @norm2(%x: tensor<3xf32>) -> tensor<f32> {
  %s = func.call @square(%x) : (tensor<3xf32>) -> tensor<3xf32>
  %n = vmapc.reduce sum %s, dims = [0] : tensor<3xf32> -> tensor<f32>
  return %n : tensor<f32>
}
func.func @f(%x: tensor<3xf32>, %w: tensor<3xf32>) -> (tensor<f32>, tensor<3xf32>) {
  %nx = func.call @norm2(%x) : (tensor<3xf32>) -> tensor<f32>
  %nw = func.call @norm2(%w) : (tensor<3xf32>) -> tensor<f32>
  %r = vmapc.div %nx, %nw : tensor<f32>
  %ww = func.call @square(%w) : (tensor<3xf32>) -> tensor<3xf32>
  %sx = func.call @square(%x) : (tensor<3xf32>) -> tensor<3xf32>
  %m = vmapc.sub %sx, %ww : tensor<3xf32>
  return %r, %m : tensor<f32>, tensor<3xf32>
}
func.func @main(%x: tensor<5x3xf32>, %w: tensor<3xf32>) -> (tensor<5xf32>, tensor<3x5xf32>) {
  %r, %m = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0, 1] : (tensor<5x3xf32>, tensor<3xf32>) -> (tensor<5xf32>, tensor<3x5xf32>)
  return %r, %m : tensor<5xf32>, tensor<3x5xf32>
}
