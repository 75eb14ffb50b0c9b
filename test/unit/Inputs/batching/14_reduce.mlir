// Every reduction kind over several dims, batch dim in the middle.
func.func @f(%x: tensor<2x3x4xf32>, %i: tensor<3x4xi64>) -> (tensor<3xf32>, tensor<2xf32>, tensor<f32>, tensor<4xf32>, tensor<i64>, tensor<3xi64>) {
  %s = vmapc.reduce sum %x, dims = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
  %m = vmapc.reduce max %x, dims = [1, 2] : tensor<2x3x4xf32> -> tensor<2xf32>
  %n = vmapc.reduce min %x, dims = [0, 1, 2] : tensor<2x3x4xf32> -> tensor<f32>
  %p = vmapc.reduce prod %x, dims = [0, 1] : tensor<2x3x4xf32> -> tensor<4xf32>
  %is = vmapc.reduce sum %i, dims = [0, 1] : tensor<3x4xi64> -> tensor<i64>
  %ip = vmapc.reduce prod %i, dims = [1] : tensor<3x4xi64> -> tensor<3xi64>
  return %s, %m, %n, %p, %is, %ip : tensor<3xf32>, tensor<2xf32>, tensor<f32>, tensor<4xf32>, tensor<i64>, tensor<3xi64>
}
func.func @main(%x: tensor<2x5x3x4xf32>, %i: tensor<3x4x5xi64>) -> (tensor<5x3xf32>, tensor<2x5xf32>, tensor<5xf32>, tensor<4x5xf32>, tensor<5xi64>, tensor<3x5xi64>) {
  %a, %b, %c, %d, %e, %f = vmapc.vmap @f(%x, %i) in_axes [1, 2] out_axes [0, 1, 0, -1, 0, 1] : (tensor<2x5x3x4xf32>, tensor<3x4x5xi64>) -> (tensor<5x3xf32>, tensor<2x5xf32>, tensor<5xf32>, tensor<4x5xf32>, tensor<5xi64>, tensor<3x5xi64>)
  return %a, %b, %c, %d, %e, %f : tensor<5x3xf32>, tensor<2x5xf32>, tensor<5xf32>, tensor<4x5xf32>, tensor<5xi64>, tensor<3x5xi64>
}
