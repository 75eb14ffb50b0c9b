// dynamic_slice with mapped starts (one start per batch element), with the
// operand unmapped in one vmap and mapped in the other.
func.func @f(%x: tensor<6x4xi32>, %i: tensor<i32>, %j: tensor<i32>) -> tensor<3x2xi32> {
  %s = vmapc.dynamic_slice %x[%i, %j] sizes = [3, 2] : (tensor<6x4xi32>, tensor<i32>, tensor<i32>) -> tensor<3x2xi32>
  return %s : tensor<3x2xi32>
}
func.func @main(%x: tensor<6x4xi32>, %xs: tensor<5x6x4xi32>, %i: tensor<5xi32>, %j: tensor<5xi32>) -> (tensor<5x3x2xi32>, tensor<3x2x5xi32>) {
  %a = vmapc.vmap @f(%x, %i, %j) in_axes [none, 0, 0] out_axes [0] : (tensor<6x4xi32>, tensor<5xi32>, tensor<5xi32>) -> tensor<5x3x2xi32>
  %j0 = vmapc.slice %j, start = [0], limit = [1], strides = [1] : tensor<5xi32> -> tensor<1xi32>
  %js = vmapc.reshape %j0 : tensor<1xi32> -> tensor<i32>
  %b = vmapc.vmap @f(%xs, %i, %js) in_axes [0, 0, none] out_axes [2] : (tensor<5x6x4xi32>, tensor<5xi32>, tensor<i32>) -> tensor<3x2x5xi32>
  return %a, %b : tensor<5x3x2xi32>, tensor<3x2x5xi32>
}
