// A 3-D transpose with the batch dim last (in_axes 3).
func.func @f(%x: tensor<2x3x4xi32>) -> tensor<4x2x3xi32> {
  %t = vmapc.transpose %x, permutation = [2, 0, 1] : tensor<2x3x4xi32> -> tensor<4x2x3xi32>
  return %t : tensor<4x2x3xi32>
}
func.func @main(%x: tensor<2x3x4x5xi32>) -> tensor<4x2x5x3xi32> {
  %r = vmapc.vmap @f(%x) in_axes [3] out_axes [2] : (tensor<2x3x4x5xi32>) -> tensor<4x2x5x3xi32>
  return %r : tensor<4x2x5x3xi32>
}
