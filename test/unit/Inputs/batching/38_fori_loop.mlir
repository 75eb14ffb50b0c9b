// fori_loop: a batched carry (x, mapped at 1), an unbatched carry that the
// body makes batched (acc, forced and materialized), an unbatched carry
// that stays so (k), and the loop index used by the body.
func.func @f(%x0: tensor<3xf32>, %w: tensor<3xf32>, %k0: tensor<i32>) -> (tensor<3xf32>, tensor<f32>, tensor<i32>) {
  %lo = vmapc.constant dense<1> : tensor<i32>
  %hi = vmapc.constant dense<4> : tensor<i32>
  %z = vmapc.constant dense<0.0> : tensor<f32>
  %r:3 = vmapc.fori_loop %i = %lo to %hi : tensor<i32> iter_args(%x = %x0, %acc = %z, %k = %k0) -> (tensor<3xf32>, tensor<f32>, tensor<i32>) {
    %fi = vmapc.convert %i : tensor<i32> -> tensor<f32>
    %b = vmapc.broadcast_in_dim %fi, dims = [] : tensor<f32> -> tensor<3xf32>
    %t = vmapc.mul %x, %w : tensor<3xf32>
    %th = vmapc.tanh %t : tensor<3xf32>
    %nx = vmapc.add %th, %b : tensor<3xf32>
    %s = vmapc.reduce sum %nx, dims = [0] : tensor<3xf32> -> tensor<f32>
    %nacc = vmapc.add %acc, %s : tensor<f32>
    %nk = vmapc.add %k, %i : tensor<i32>
    vmapc.yield %nx, %nacc, %nk : tensor<3xf32>, tensor<f32>, tensor<i32>
  }
  return %r#0, %r#1, %r#2 : tensor<3xf32>, tensor<f32>, tensor<i32>
}
func.func @main(%x: tensor<3x4xf32>, %w: tensor<3xf32>, %k: tensor<i32>) -> (tensor<4x3xf32>, tensor<4xf32>, tensor<i32>) {
  %r:3 = vmapc.vmap @f(%x, %w, %k) in_axes [1, none, none] out_axes [0, 0, none] : (tensor<3x4xf32>, tensor<3xf32>, tensor<i32>) -> (tensor<4x3xf32>, tensor<4xf32>, tensor<i32>)
  return %r#0, %r#1, %r#2 : tensor<4x3xf32>, tensor<4xf32>, tensor<i32>
}
