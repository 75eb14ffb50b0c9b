// RUN: vmapc-opt --vmapc-batch %s | FileCheck %s
// RUN: vmapc-opt --vmapc-batch %s | vmapc-opt | FileCheck %s

// dot_general: a batched side's batch dim is one more free dim (no
// broadcast of the unbatched side, no batching dim); two batched sides get a
// batching dimension.

// The seed's NN inference relu(x.W1).W2 with W1, W2 unmapped: ONE product
// of the [B,2] batch with W1, no batching dims, and no broadcast at all
// (relu's zero is built at the batched type).
func.func @forward(%x: tensor<2xf32>, %w1: tensor<2x4xf32>, %w2: tensor<4x3xf32>) -> tensor<3xf32> {
  %h = vmapc.dot_general %x, %w1, batching_dims = [] x [], contracting_dims = [0] x [0] : (tensor<2xf32>, tensor<2x4xf32>) -> tensor<4xf32>
  %zero = vmapc.constant dense<0.0> : tensor<f32>
  %zeros = vmapc.broadcast_in_dim %zero, dims = [] : tensor<f32> -> tensor<4xf32>
  %r = vmapc.max %h, %zeros : tensor<4xf32>
  %y = vmapc.dot_general %r, %w2, batching_dims = [] x [], contracting_dims = [0] x [0] : (tensor<4xf32>, tensor<4x3xf32>) -> tensor<3xf32>
  return %y : tensor<3xf32>
}
// CHECK-LABEL: func.func private @forward_batched_0_none_none__8(
// CHECK-SAME:    %[[X:.+]]: tensor<8x2xf32>, %[[W1:.+]]: tensor<2x4xf32>, %[[W2:.+]]: tensor<4x3xf32>) -> tensor<8x3xf32>
// CHECK-NOT:     broadcast_in_dim
// CHECK:         %[[H:.+]] = vmapc.dot_general %[[X]], %[[W1]], batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<8x2xf32>, tensor<2x4xf32>) -> tensor<8x4xf32>
// CHECK-NEXT:    %[[Z:.+]] = vmapc.constant dense<0.000000e+00> : tensor<8x4xf32>
// CHECK-NEXT:    %[[R:.+]] = vmapc.max %[[H]], %[[Z]] : tensor<8x4xf32>
// CHECK-NEXT:    %[[Y:.+]] = vmapc.dot_general %[[R]], %[[W2]], batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<8x4xf32>, tensor<4x3xf32>) -> tensor<8x3xf32>
// CHECK-NEXT:    return %[[Y]]
// CHECK-NEXT:  }
// CHECK-LABEL: func.func @nn_main(
func.func @nn_main(%x: tensor<8x2xf32>, %w1: tensor<2x4xf32>, %w2: tensor<4x3xf32>) -> tensor<8x3xf32> {
  %r = vmapc.vmap @forward(%x, %w1, %w2) in_axes [0, none, none] out_axes [0] : (tensor<8x2xf32>, tensor<2x4xf32>, tensor<4x3xf32>) -> tensor<8x3xf32>
  return %r : tensor<8x3xf32>
}

// Both sides batched (at different dims): a batching dimension, no
// transpose.
func.func @both(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %0 = vmapc.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}
// CHECK-LABEL: func.func private @both_batched_0_2__6(
// CHECK-SAME:    %[[A:.+]]: tensor<6x3x4xf32>, %[[B:.+]]: tensor<4x5x6xf32>) -> tensor<6x3x5xf32>
// CHECK-NEXT:    %[[D:.+]] = vmapc.dot_general %[[A]], %[[B]], batching_dims = [0] x [2], contracting_dims = [2] x [0] : (tensor<6x3x4xf32>, tensor<4x5x6xf32>) -> tensor<6x3x5xf32>
// CHECK-NEXT:    return %[[D]]
func.func @both_main(%a: tensor<6x3x4xf32>, %b: tensor<4x5x6xf32>) -> tensor<6x3x5xf32> {
  %r = vmapc.vmap @both(%a, %b) in_axes [0, 2] out_axes [0] : (tensor<6x3x4xf32>, tensor<4x5x6xf32>) -> tensor<6x3x5xf32>
  return %r : tensor<6x3x5xf32>
}

// Both sides batched with existing batching dims: the new one goes first.
func.func @bmm(%a: tensor<2x3x4xf32>, %b: tensor<2x4x5xf32>) -> tensor<2x3x5xf32> {
  %0 = vmapc.dot_general %a, %b, batching_dims = [0] x [0], contracting_dims = [2] x [1] : (tensor<2x3x4xf32>, tensor<2x4x5xf32>) -> tensor<2x3x5xf32>
  return %0 : tensor<2x3x5xf32>
}
// CHECK-LABEL: func.func private @bmm_batched_1_0__7(
// CHECK-NEXT:    vmapc.dot_general %{{.+}}, %{{.+}}, batching_dims = [1, 0] x [0, 1], contracting_dims = [3] x [2] : (tensor<2x7x3x4xf32>, tensor<7x2x4x5xf32>) -> tensor<7x2x3x5xf32>
func.func @bmm_main(%a: tensor<2x7x3x4xf32>, %b: tensor<7x2x4x5xf32>) -> tensor<7x2x3x5xf32> {
  %r = vmapc.vmap @bmm(%a, %b) in_axes [1, 0] out_axes [0] : (tensor<2x7x3x4xf32>, tensor<7x2x4x5xf32>) -> tensor<7x2x3x5xf32>
  return %r : tensor<7x2x3x5xf32>
}

// Only the rhs batched: its batch dim is an rhs free dim of the product,
// after the lhs free dims.
func.func @rhs_only(%w: tensor<3x4xf32>, %x: tensor<4xf32>) -> tensor<3xf32> {
  %0 = vmapc.dot_general %w, %x, batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<3x4xf32>, tensor<4xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
// CHECK-LABEL: func.func private @rhs_only_batched_none_1__9(
// CHECK-SAME:    %[[W:.+]]: tensor<3x4xf32>, %[[X:.+]]: tensor<4x9xf32>) -> tensor<3x9xf32>
// CHECK-NEXT:    %[[D:.+]] = vmapc.dot_general %[[W]], %[[X]], batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<3x4xf32>, tensor<4x9xf32>) -> tensor<3x9xf32>
// CHECK-NEXT:    return %[[D]]
// CHECK-LABEL: func.func @rhs_only_main(
// CHECK-NEXT:    %[[C:.+]] = call @rhs_only_batched_none_1__9
// CHECK-NEXT:    %[[T:.+]] = vmapc.transpose %[[C]], permutation = [1, 0] : tensor<3x9xf32> -> tensor<9x3xf32>
func.func @rhs_only_main(%w: tensor<3x4xf32>, %x: tensor<4x9xf32>) -> tensor<9x3xf32> {
  %r = vmapc.vmap @rhs_only(%w, %x) in_axes [none, 1] out_axes [0] : (tensor<3x4xf32>, tensor<4x9xf32>) -> tensor<9x3xf32>
  return %r : tensor<9x3xf32>
}

// Only the lhs batched, at a dim after a free dim: the batch dim stays
// between the lhs free dims.
func.func @lhs_middle(%a: tensor<3x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x5xf32> {
  %0 = vmapc.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<3x4xf32>, tensor<4x5xf32>) -> tensor<3x5xf32>
  return %0 : tensor<3x5xf32>
}
// CHECK-LABEL: func.func private @lhs_middle_batched_1_none__2(
// CHECK-NEXT:    vmapc.dot_general %{{.+}}, %{{.+}}, batching_dims = [] x [], contracting_dims = [2] x [0] : (tensor<3x2x4xf32>, tensor<4x5xf32>) -> tensor<3x2x5xf32>
// CHECK-LABEL: func.func @lhs_middle_main(
// CHECK-NEXT:    %[[C:.+]] = call @lhs_middle_batched_1_none__2
// CHECK-NEXT:    return %[[C]]
func.func @lhs_middle_main(%a: tensor<3x2x4xf32>, %b: tensor<4x5xf32>) -> tensor<3x2x5xf32> {
  %r = vmapc.vmap @lhs_middle(%a, %b) in_axes [1, none] out_axes [1] : (tensor<3x2x4xf32>, tensor<4x5xf32>) -> tensor<3x2x5xf32>
  return %r : tensor<3x2x5xf32>
}
