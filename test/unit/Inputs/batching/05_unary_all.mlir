// Every float unary op, mapped on the last axis (in_axes -1), out_axes -1.
func.func @f(%x: tensor<4xf32>) -> tensor<4xf32> {
  %one = vmapc.constant dense<1.0> : tensor<4xf32>
  %n = vmapc.neg %x : tensor<4xf32>
  %e = vmapc.exp %n : tensor<4xf32>
  %a = vmapc.abs %x : tensor<4xf32>
  %a1 = vmapc.add %a, %one : tensor<4xf32>
  %l = vmapc.log %a1 : tensor<4xf32>
  %s = vmapc.sqrt %a : tensor<4xf32>
  %rs = vmapc.rsqrt %a1 : tensor<4xf32>
  %t = vmapc.tanh %x : tensor<4xf32>
  %si = vmapc.sin %x : tensor<4xf32>
  %co = vmapc.cos %x : tensor<4xf32>
  %lg = vmapc.logistic %x : tensor<4xf32>
  %0 = vmapc.add %e, %l : tensor<4xf32>
  %1 = vmapc.add %0, %s : tensor<4xf32>
  %2 = vmapc.add %1, %rs : tensor<4xf32>
  %3 = vmapc.mul %2, %t : tensor<4xf32>
  %4 = vmapc.add %3, %si : tensor<4xf32>
  %5 = vmapc.sub %4, %co : tensor<4xf32>
  %6 = vmapc.mul %5, %lg : tensor<4xf32>
  return %6 : tensor<4xf32>
}
func.func @main(%x: tensor<4x3xf32>) -> tensor<4x3xf32> {
  %r = vmapc.vmap @f(%x) in_axes [-1] out_axes [-1] : (tensor<4x3xf32>) -> tensor<4x3xf32>
  return %r : tensor<4x3xf32>
}
