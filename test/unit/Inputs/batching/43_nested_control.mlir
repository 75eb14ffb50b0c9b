// Control flow inside control flow under vmap: a cond with a batched
// predicate inside a fori_loop, and a while with a per-lane bound inside a
// scan, both closing over batched values from above.
func.func @f(%x0: tensor<f32>, %t: tensor<f32>, %ns: tensor<3xi32>) -> (tensor<f32>, tensor<3xf32>) {
  %lo = vmapc.constant dense<0> : tensor<i32>
  %hi = vmapc.constant dense<3> : tensor<i32>
  %half = vmapc.constant dense<0.5> : tensor<f32>
  %r = vmapc.fori_loop %i = %lo to %hi : tensor<i32> iter_args(%x = %x0) -> (tensor<f32>) {
    %p = vmapc.compare gt, %x, %t : tensor<f32>
    %nx = vmapc.cond %p -> (tensor<f32>) {
      %m = vmapc.mul %x, %half : tensor<f32>
      vmapc.yield %m : tensor<f32>
    } else {
      %s = vmapc.add %x, %t : tensor<f32>
      vmapc.yield %s : tensor<f32>
    }
    vmapc.yield %nx : tensor<f32>
  }
  %one = vmapc.constant dense<1> : tensor<i32>
  %c, %ys = vmapc.scan (%c = %r) xs(%n = %ns) length = 3 : (tensor<f32>), (tensor<3xi32>) -> (tensor<3xf32>) {
    %w:2 = vmapc.while (%y = %c, %k = %lo) : (tensor<f32>, tensor<i32>) cond {
      %q = vmapc.compare lt, %k, %n : tensor<i32>
      vmapc.yield %q : tensor<i1>
    } do {
    ^bb0(%y2: tensor<f32>, %k2: tensor<i32>):
      %y3 = vmapc.add %y2, %t : tensor<f32>
      %k3 = vmapc.add %k2, %one : tensor<i32>
      vmapc.yield %y3, %k3 : tensor<f32>, tensor<i32>
    }
    vmapc.yield %w#0, %w#0 : tensor<f32>, tensor<f32>
  }
  return %c, %ys : tensor<f32>, tensor<3xf32>
}
func.func @main(%x: tensor<5xf32>, %t: tensor<5xf32>, %ns: tensor<3x5xi32>) -> (tensor<5xf32>, tensor<5x3xf32>) {
  %r:2 = vmapc.vmap @f(%x, %t, %ns) in_axes [0, 0, 1] out_axes [0, 0] : (tensor<5xf32>, tensor<5xf32>, tensor<3x5xi32>) -> (tensor<5xf32>, tensor<5x3xf32>)
  return %r#0, %r#1 : tensor<5xf32>, tensor<5x3xf32>
}
