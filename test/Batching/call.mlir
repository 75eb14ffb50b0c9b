// RUN: vmapc-opt --vmapc-batch %s | FileCheck %s
// RUN: vmapc-opt --vmapc-batch %s | vmapc-opt | FileCheck %s

// func.call inside a vmapped function: the callee is batched for the
// batch dims of the call's arguments (memoized: two calls with the same
// dims share one copy); calls with unbatched arguments are kept as they are.

func.func @affine(%x: tensor<3xf32>, %w: tensor<3xf32>) -> tensor<3xf32> {
  %0 = vmapc.mul %x, %w : tensor<3xf32>
  %1 = vmapc.add %0, %w : tensor<3xf32>
  return %1 : tensor<3xf32>
}
func.func @norm(%w: tensor<3xf32>) -> tensor<f32> {
  %0 = vmapc.reduce sum %w, dims = [0] : tensor<3xf32> -> tensor<f32>
  return %0 : tensor<f32>
}
func.func @twice(%x: tensor<3xf32>, %w: tensor<3xf32>) -> (tensor<3xf32>, tensor<f32>) {
  %0 = func.call @affine(%x, %w) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = func.call @affine(%0, %w) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %2 = func.call @norm(%w) : (tensor<3xf32>) -> tensor<f32>
  return %1, %2 : tensor<3xf32>, tensor<f32>
}
// CHECK-LABEL: func.func private @affine_batched_0_none__5(
// CHECK-SAME:    %[[X:.+]]: tensor<5x3xf32>, %[[W:.+]]: tensor<3xf32>) -> tensor<5x3xf32>
// The unbatched %w is broadcast once for its two uses.
// CHECK-NEXT:    %[[B:.+]] = vmapc.broadcast_in_dim %[[W]], dims = [1] : tensor<3xf32> -> tensor<5x3xf32>
// CHECK-NEXT:    %[[M:.+]] = vmapc.mul %[[X]], %[[B]] : tensor<5x3xf32>
// CHECK-NEXT:    %[[A:.+]] = vmapc.add %[[M]], %[[B]] : tensor<5x3xf32>
// CHECK-NEXT:    return %[[A]]
// CHECK-NOT:   func.func private @affine_batched
// CHECK-NOT:   func.func private @norm_batched
// CHECK-LABEL: func.func private @twice_batched_0_none__5(
// CHECK-SAME:    %[[X:.+]]: tensor<5x3xf32>, %[[W:.+]]: tensor<3xf32>) -> (tensor<5x3xf32>, tensor<f32>)
// CHECK-NEXT:    %[[C0:.+]] = call @affine_batched_0_none__5(%[[X]], %[[W]]) : (tensor<5x3xf32>, tensor<3xf32>) -> tensor<5x3xf32>
// CHECK-NEXT:    %[[C1:.+]] = call @affine_batched_0_none__5(%[[C0]], %[[W]]) : (tensor<5x3xf32>, tensor<3xf32>) -> tensor<5x3xf32>
// CHECK-NEXT:    %[[N:.+]] = call @norm(%[[W]]) : (tensor<3xf32>) -> tensor<f32>
// CHECK-NEXT:    return %[[C1]], %[[N]]
// CHECK-LABEL: func.func @twice_main(
// CHECK-NEXT:    %[[C:.+]]:2 = call @twice_batched_0_none__5(
// CHECK-NEXT:    return %[[C]]#0, %[[C]]#1
func.func @twice_main(%x: tensor<5x3xf32>, %w: tensor<3xf32>) -> (tensor<5x3xf32>, tensor<f32>) {
  %0:2 = vmapc.vmap @twice(%x, %w) in_axes [0, none] out_axes [0, none] : (tensor<5x3xf32>, tensor<3xf32>) -> (tensor<5x3xf32>, tensor<f32>)
  return %0#0, %0#1 : tensor<5x3xf32>, tensor<f32>
}

// A callee whose result does not depend on the batched argument: the call
// result stays unbatched (and so out_axes = none is accepted).
func.func @first(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
  return %a : tensor<2xf32>
}
func.func @calls_first(%a: tensor<2xf32>, %b: tensor<2xf32>) -> tensor<2xf32> {
  %0 = func.call @first(%a, %b) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
// CHECK-LABEL: func.func private @first_batched_none_0__4(
// CHECK-SAME:    %[[A:.+]]: tensor<2xf32>, %{{.+}}: tensor<4x2xf32>) -> tensor<2xf32>
// CHECK-NEXT:    return %[[A]] : tensor<2xf32>
// CHECK-LABEL: func.func @first_main(
// CHECK-NEXT:    %[[C:.+]] = call @calls_first_batched_none_0__4(
// CHECK-NEXT:    return %[[C]] : tensor<2xf32>
func.func @first_main(%a: tensor<2xf32>, %b: tensor<4x2xf32>) -> tensor<2xf32> {
  %0 = vmapc.vmap @calls_first(%a, %b) in_axes [none, 0] out_axes [none] : (tensor<2xf32>, tensor<4x2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
