// div and pow, with the domain kept safe inside the function.
func.func @f(%x: tensor<3xf32>, %y: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %one = vmapc.constant dense<1.0> : tensor<3xf32>
  %half = vmapc.constant dense<0.5> : tensor<3xf32>
  %ay = vmapc.abs %y : tensor<3xf32>
  %den = vmapc.add %ay, %one : tensor<3xf32>
  %q = vmapc.div %x, %den : tensor<3xf32>
  %ax = vmapc.abs %x : tensor<3xf32>
  %base = vmapc.add %ax, %half : tensor<3xf32>
  %p = vmapc.pow %base, %y : tensor<3xf32>
  return %q, %p : tensor<3xf32>, tensor<3xf32>
}
func.func @main(%x: tensor<2x3xf32>, %y: tensor<3x2xf32>) -> (tensor<2x3xf32>, tensor<3x2xf32>) {
  %q, %p = vmapc.vmap @f(%x, %y) in_axes [0, -1] out_axes [0, -1] : (tensor<2x3xf32>, tensor<3x2xf32>) -> (tensor<2x3xf32>, tensor<3x2xf32>)
  return %q, %p : tensor<2x3xf32>, tensor<3x2xf32>
}
