// fori_loop with per-lane bounds (random in [-3, 6], so some lanes run no
// iteration): the rule turns it into a while over all lanes that freezes
// finished ones.
func.func @f(%lo: tensor<i64>, %hi: tensor<i64>, %x0: tensor<2xf64>) -> (tensor<2xf64>, tensor<i64>) {
  %z = vmapc.constant dense<0> : tensor<i64>
  %r:2 = vmapc.fori_loop %i = %lo to %hi : tensor<i64> iter_args(%x = %x0, %n = %z) -> (tensor<2xf64>, tensor<i64>) {
    %c = vmapc.cos %x : tensor<2xf64>
    %nx = vmapc.add %x, %c : tensor<2xf64>
    %nn = vmapc.add %n, %i : tensor<i64>
    vmapc.yield %nx, %nn : tensor<2xf64>, tensor<i64>
  }
  return %r#0, %r#1 : tensor<2xf64>, tensor<i64>
}
func.func @main(%lo: tensor<i64>, %hi: tensor<5xi64>, %x: tensor<2xf64>) -> (tensor<2x5xf64>, tensor<5xi64>) {
  %r:2 = vmapc.vmap @f(%lo, %hi, %x) in_axes [none, 0, none] out_axes [-1, 0] : (tensor<i64>, tensor<5xi64>, tensor<2xf64>) -> (tensor<2x5xf64>, tensor<5xi64>)
  return %r#0, %r#1 : tensor<2x5xf64>, tensor<5xi64>
}
