// cond and switch, with batched and unbatched selectors; one branch yields
// an unbatched value, so the results must be aligned or materialized.
func.func @f(%p: tensor<i1>, %i: tensor<i32>, %a: tensor<3xf32>, %b: tensor<3xf32>) -> (tensor<3xf32>, tensor<f32>) {
  %r = vmapc.cond %p -> (tensor<3xf32>) {
    %e = vmapc.exp %a : tensor<3xf32>
    vmapc.yield %e : tensor<3xf32>
  } else {
    vmapc.yield %b : tensor<3xf32>
  }
  %s = vmapc.cond %i : tensor<i32> -> (tensor<f32>) case 0 {
    %m = vmapc.reduce max %a, dims = [0] : tensor<3xf32> -> tensor<f32>
    vmapc.yield %m : tensor<f32>
  } case 1 {
    %m = vmapc.reduce sum %b, dims = [0] : tensor<3xf32> -> tensor<f32>
    vmapc.yield %m : tensor<f32>
  } case 2 {
    %m = vmapc.reduce min %a, dims = [0] : tensor<3xf32> -> tensor<f32>
    vmapc.yield %m : tensor<f32>
  }
  return %r, %s : tensor<3xf32>, tensor<f32>
}
func.func @main(%ps: tensor<4xi1>, %p: tensor<i1>, %is: tensor<4xi32>, %i: tensor<i32>, %a: tensor<3x4xf32>, %b: tensor<3xf32>) -> (tensor<4x3xf32>, tensor<4xf32>, tensor<3x4xf32>, tensor<4xf32>) {
  %r1:2 = vmapc.vmap @f(%ps, %is, %a, %b) in_axes [0, 0, 1, none] out_axes [0, 0] : (tensor<4xi1>, tensor<4xi32>, tensor<3x4xf32>, tensor<3xf32>) -> (tensor<4x3xf32>, tensor<4xf32>)
  %r2:2 = vmapc.vmap @f(%p, %i, %a, %b) in_axes [none, none, -1, none] out_axes [1, 0] : (tensor<i1>, tensor<i32>, tensor<3x4xf32>, tensor<3xf32>) -> (tensor<3x4xf32>, tensor<4xf32>)
  return %r1#0, %r1#1, %r2#0, %r2#1 : tensor<4x3xf32>, tensor<4xf32>, tensor<3x4xf32>, tensor<4xf32>
}
