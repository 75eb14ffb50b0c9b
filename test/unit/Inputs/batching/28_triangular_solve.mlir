// triangular_solve in all four side/triangle combinations (two with
// transpose_a), A mapped and B unmapped or both mapped. The diagonal of A
// is kept away from zero.
func.func @f(%x: tensor<3x3xf64>, %b: tensor<3x2xf64>, %c: tensor<2x3xf64>) -> (tensor<3x2xf64>, tensor<3x2xf64>, tensor<2x3xf64>, tensor<2x3xf64>) {
  %four = vmapc.constant dense<[[4.0, 0.0, 0.0], [0.0, 4.0, 0.0], [0.0, 0.0, 4.0]]> : tensor<3x3xf64>
  %a = vmapc.add %x, %four : tensor<3x3xf64>
  %r0 = vmapc.triangular_solve %a, %b {left_side = true, lower = true, transpose_a = false} : tensor<3x3xf64>, tensor<3x2xf64>
  %r1 = vmapc.triangular_solve %a, %b {left_side = true, lower = false, transpose_a = true} : tensor<3x3xf64>, tensor<3x2xf64>
  %r2 = vmapc.triangular_solve %a, %c {left_side = false, lower = true, transpose_a = true} : tensor<3x3xf64>, tensor<2x3xf64>
  %r3 = vmapc.triangular_solve %a, %c {left_side = false, lower = false, transpose_a = false} : tensor<3x3xf64>, tensor<2x3xf64>
  return %r0, %r1, %r2, %r3 : tensor<3x2xf64>, tensor<3x2xf64>, tensor<2x3xf64>, tensor<2x3xf64>
}
func.func @main(%x: tensor<5x3x3xf64>, %b: tensor<3x2xf64>, %c: tensor<2x3x5xf64>) -> (tensor<5x3x2xf64>, tensor<5x3x2xf64>, tensor<5x2x3xf64>, tensor<2x5x3xf64>) {
  %r0, %r1, %r2, %r3 = vmapc.vmap @f(%x, %b, %c) in_axes [0, none, 2] out_axes [0, 0, 0, 1] : (tensor<5x3x3xf64>, tensor<3x2xf64>, tensor<2x3x5xf64>) -> (tensor<5x3x2xf64>, tensor<5x3x2xf64>, tensor<5x2x3xf64>, tensor<2x5x3xf64>)
  return %r0, %r1, %r2, %r3 : tensor<5x3x2xf64>, tensor<5x3x2xf64>, tensor<5x2x3xf64>, tensor<2x5x3xf64>
}
