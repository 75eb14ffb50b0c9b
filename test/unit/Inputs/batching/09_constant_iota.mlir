// Constants and iota are unbatched values mixed with a batched one; the
// second result depends on nothing mapped (out_axes none).
func.func @f(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %c = vmapc.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %i0 = vmapc.iota dim = 0 : tensor<2x3xf32>
  %i1 = vmapc.iota dim = 1 : tensor<2x3xf32>
  %a = vmapc.add %x, %c : tensor<2x3xf32>
  %b = vmapc.mul %a, %i1 : tensor<2x3xf32>
  %k = vmapc.sub %c, %i0 : tensor<2x3xf32>
  return %b, %k : tensor<2x3xf32>, tensor<2x3xf32>
}
func.func @main(%x: tensor<4x2x3xf32>) -> (tensor<4x2x3xf32>, tensor<2x3xf32>) {
  %r, %k = vmapc.vmap @f(%x) in_axes [0] out_axes [0, none] : (tensor<4x2x3xf32>) -> (tensor<4x2x3xf32>, tensor<2x3xf32>)
  return %r, %k : tensor<4x2x3xf32>, tensor<2x3xf32>
}
