// while: one vmap where only the carry is batched (the predicate stays
// unbatched: one real loop), one where the bound is batched (per-lane
// predicate: run until every lane is done, freezing finished lanes).
func.func @f(%x0: tensor<2xf32>, %n: tensor<i32>) -> (tensor<2xf32>, tensor<i32>) {
  %z = vmapc.constant dense<0> : tensor<i32>
  %one = vmapc.constant dense<1> : tensor<i32>
  %r:2 = vmapc.while (%x = %x0, %k = %z) : (tensor<2xf32>, tensor<i32>) cond {
    %p = vmapc.compare lt, %k, %n : tensor<i32>
    vmapc.yield %p : tensor<i1>
  } do {
  ^bb0(%y: tensor<2xf32>, %j: tensor<i32>):
    %s = vmapc.sin %y : tensor<2xf32>
    %d = vmapc.add %y, %s : tensor<2xf32>
    %j1 = vmapc.add %j, %one : tensor<i32>
    vmapc.yield %d, %j1 : tensor<2xf32>, tensor<i32>
  }
  return %r#0, %r#1 : tensor<2xf32>, tensor<i32>
}
func.func @main(%x: tensor<3x2xf32>, %n: tensor<i32>, %ns: tensor<3xi32>) -> (tensor<3x2xf32>, tensor<i32>, tensor<3x2xf32>, tensor<3xi32>) {
  %a:2 = vmapc.vmap @f(%x, %n) in_axes [0, none] out_axes [0, none] : (tensor<3x2xf32>, tensor<i32>) -> (tensor<3x2xf32>, tensor<i32>)
  %b:2 = vmapc.vmap @f(%x, %ns) in_axes [0, 0] out_axes [0, 0] : (tensor<3x2xf32>, tensor<3xi32>) -> (tensor<3x2xf32>, tensor<3xi32>)
  return %a#0, %a#1, %b#0, %b#1 : tensor<3x2xf32>, tensor<i32>, tensor<3x2xf32>, tensor<3xi32>
}
