// The same callee vmapped several times, with the same and with different
// axes and sizes (batched copies may be shared, results must not mix up).
func.func @f(%x: tensor<2xf32>) -> tensor<2xf32> {
  %e = vmapc.logistic %x : tensor<2xf32>
  return %e : tensor<2xf32>
}
func.func @main(%a: tensor<3x2xf32>, %b: tensor<3x2xf32>, %c: tensor<2x4xf32>) -> (tensor<3x2xf32>, tensor<3x2xf32>, tensor<2x4xf32>) {
  %ra = vmapc.vmap @f(%a) in_axes [0] out_axes [0] : (tensor<3x2xf32>) -> tensor<3x2xf32>
  %rb = vmapc.vmap @f(%b) in_axes [0] out_axes [0] : (tensor<3x2xf32>) -> tensor<3x2xf32>
  %rc = vmapc.vmap @f(%c) in_axes [1] out_axes [1] : (tensor<2x4xf32>) -> tensor<2x4xf32>
  return %ra, %rb, %rc : tensor<3x2xf32>, tensor<3x2xf32>, tensor<2x4xf32>
}
