// RUN: vmapc-opt --vmapc-batch %s | FileCheck %s
// RUN: vmapc-opt --vmapc-batch %s | vmapc-opt | FileCheck %s

// Batching rules of shape ops: the batch dim stays where the operand has it
// (transpose, reduce, slice, broadcast_in_dim, concatenate); only reshape
// needs it in front.

// transpose keeps the batch dim at 1 and permutes the other dims around it.
func.func @transpose(%x: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %0 = vmapc.transpose %x, permutation = [2, 0, 1] : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  return %0 : tensor<4x2x3xf32>
}
// CHECK-LABEL: func.func private @transpose_batched_1__5(
// CHECK-SAME:    %[[X:.+]]: tensor<2x5x3x4xf32>) -> tensor<4x5x2x3xf32>
// CHECK-NEXT:    %[[T:.+]] = vmapc.transpose %[[X]], permutation = [3, 1, 0, 2] : tensor<2x5x3x4xf32> -> tensor<4x5x2x3xf32>
// CHECK-NEXT:    return %[[T]]
// out_axes = 1 is where the result's batch dim already is: no transpose.
// CHECK-LABEL: func.func @transpose_main(
// CHECK-NEXT:    %[[C:.+]] = call @transpose_batched_1__5
// CHECK-NEXT:    return %[[C]]
func.func @transpose_main(%x: tensor<2x5x3x4xf32>) -> tensor<4x5x2x3xf32> {
  %r = vmapc.vmap @transpose(%x) in_axes [1] out_axes [1] : (tensor<2x5x3x4xf32>) -> tensor<4x5x2x3xf32>
  return %r : tensor<4x5x2x3xf32>
}

// reduce renumbers its dims around the batch dim.
func.func @reduce(%x: tensor<2x3x4xf32>) -> tensor<3xf32> {
  %0 = vmapc.reduce sum %x, dims = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
// CHECK-LABEL: func.func private @reduce_batched_2__5(
// CHECK-SAME:    %[[X:.+]]: tensor<2x3x5x4xf32>) -> tensor<3x5xf32>
// CHECK-NEXT:    %[[R:.+]] = vmapc.reduce sum %[[X]], dims = [0, 3] : tensor<2x3x5x4xf32> -> tensor<3x5xf32>
// CHECK-NEXT:    return %[[R]]
// CHECK-LABEL: func.func @reduce_main(
// CHECK-NEXT:    %[[C:.+]] = call @reduce_batched_2__5
// CHECK-NEXT:    %[[T:.+]] = vmapc.transpose %[[C]], permutation = [1, 0] : tensor<3x5xf32> -> tensor<5x3xf32>
// CHECK-NEXT:    return %[[T]]
func.func @reduce_main(%x: tensor<2x3x5x4xf32>) -> tensor<5x3xf32> {
  %r = vmapc.vmap @reduce(%x) in_axes [-2] out_axes [0] : (tensor<2x3x5x4xf32>) -> tensor<5x3xf32>
  return %r : tensor<5x3xf32>
}

// reshape keeps the batch dim when the dims before it (or after it) are
// left alone, so a batch dim at either end never moves.
func.func @reshape(%x: tensor<2x3xf32>) -> tensor<6xf32> {
  %0 = vmapc.reshape %x : tensor<2x3xf32> -> tensor<6xf32>
  return %0 : tensor<6xf32>
}
// CHECK-LABEL: func.func private @reshape_batched_2__4(
// CHECK-SAME:    %[[X:.+]]: tensor<2x3x4xf32>) -> tensor<6x4xf32>
// CHECK-NEXT:    %[[R:.+]] = vmapc.reshape %[[X]] : tensor<2x3x4xf32> -> tensor<6x4xf32>
// CHECK-NEXT:    return %[[R]]
// CHECK-LABEL: func.func @reshape_main(
// CHECK-NEXT:    %[[C:.+]] = call @reshape_batched_2__4
// CHECK-NEXT:    %[[T:.+]] = vmapc.transpose %[[C]], permutation = [1, 0] : tensor<6x4xf32> -> tensor<4x6xf32>
// CHECK-NEXT:    return %[[T]]
func.func @reshape_main(%x: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  %r = vmapc.vmap @reshape(%x) in_axes [-1] out_axes [0] : (tensor<2x3x4xf32>) -> tensor<4x6xf32>
  return %r : tensor<4x6xf32>
}

// Batch dim after an untouched leading dim: kept in place.
func.func @reshape_tail(%x: tensor<2x3x2xf32>) -> tensor<2x6xf32> {
  %0 = vmapc.reshape %x : tensor<2x3x2xf32> -> tensor<2x6xf32>
  return %0 : tensor<2x6xf32>
}
// CHECK-LABEL: func.func private @reshape_tail_batched_1__5(
// CHECK-SAME:    %[[X:.+]]: tensor<2x5x3x2xf32>) -> tensor<2x5x6xf32>
// CHECK-NEXT:    %[[R:.+]] = vmapc.reshape %[[X]] : tensor<2x5x3x2xf32> -> tensor<2x5x6xf32>
// CHECK-NEXT:    return %[[R]]
func.func @reshape_tail_main(%x: tensor<2x5x3x2xf32>) -> tensor<2x5x6xf32> {
  %r = vmapc.vmap @reshape_tail(%x) in_axes [1] out_axes [1] : (tensor<2x5x3x2xf32>) -> tensor<2x5x6xf32>
  return %r : tensor<2x5x6xf32>
}

// Batch dim between dims the reshape merges: moved to the front first.
func.func @reshape_mix(%x: tensor<2x3xf32>) -> tensor<3x2xf32> {
  %0 = vmapc.reshape %x : tensor<2x3xf32> -> tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}
// CHECK-LABEL: func.func private @reshape_mix_batched_1__4(
// CHECK-SAME:    %[[X:.+]]: tensor<2x4x3xf32>) -> tensor<4x3x2xf32>
// CHECK-NEXT:    %[[T:.+]] = vmapc.transpose %[[X]], permutation = [1, 0, 2] : tensor<2x4x3xf32> -> tensor<4x2x3xf32>
// CHECK-NEXT:    %[[R:.+]] = vmapc.reshape %[[T]] : tensor<4x2x3xf32> -> tensor<4x3x2xf32>
// CHECK-NEXT:    return %[[R]]
func.func @reshape_mix_main(%x: tensor<2x4x3xf32>) -> tensor<4x3x2xf32> {
  %r = vmapc.vmap @reshape_mix(%x) in_axes [1] out_axes [0] : (tensor<2x4x3xf32>) -> tensor<4x3x2xf32>
  return %r : tensor<4x3x2xf32>
}

// broadcast_in_dim places the batch dim after the result dim of the
// operand dim before it, so broadcast_dimensions stays increasing.
func.func @broadcast(%x: tensor<3x2xf32>) -> tensor<3x4x2xf32> {
  %0 = vmapc.broadcast_in_dim %x, dims = [0, 2] : tensor<3x2xf32> -> tensor<3x4x2xf32>
  return %0 : tensor<3x4x2xf32>
}
// CHECK-LABEL: func.func private @broadcast_batched_1__5(
// CHECK-SAME:    %[[X:.+]]: tensor<3x5x2xf32>) -> tensor<3x5x4x2xf32>
// CHECK-NEXT:    %[[B:.+]] = vmapc.broadcast_in_dim %[[X]], dims = [0, 1, 3] : tensor<3x5x2xf32> -> tensor<3x5x4x2xf32>
// CHECK-NEXT:    return %[[B]]
func.func @broadcast_main(%x: tensor<3x5x2xf32>) -> tensor<3x5x4x2xf32> {
  %r = vmapc.vmap @broadcast(%x) in_axes [1] out_axes [1] : (tensor<3x5x2xf32>) -> tensor<3x5x4x2xf32>
  return %r : tensor<3x5x4x2xf32>
}

// slice takes the batch dim whole.
func.func @slice(%x: tensor<6x4xf32>) -> tensor<2x2xf32> {
  %0 = vmapc.slice %x, start = [1, 0], limit = [5, 4], strides = [2, 2] : tensor<6x4xf32> -> tensor<2x2xf32>
  return %0 : tensor<2x2xf32>
}
// CHECK-LABEL: func.func private @slice_batched_1__3(
// CHECK-SAME:    %[[X:.+]]: tensor<6x3x4xf32>) -> tensor<2x3x2xf32>
// CHECK-NEXT:    %[[S:.+]] = vmapc.slice %[[X]], start = [1, 0, 0], limit = [5, 3, 4], strides = [2, 1, 2] : tensor<6x3x4xf32> -> tensor<2x3x2xf32>
// CHECK-NEXT:    return %[[S]]
func.func @slice_main(%x: tensor<6x3x4xf32>) -> tensor<2x3x2xf32> {
  %r = vmapc.vmap @slice(%x) in_axes [1] out_axes [1] : (tensor<6x3x4xf32>) -> tensor<2x3x2xf32>
  return %r : tensor<2x3x2xf32>
}

// concatenate: the unbatched input is broadcast, the concatenated dim is
// renumbered.
func.func @concat(%x: tensor<2x3xf32>, %y: tensor<1x3xf32>) -> tensor<3x3xf32> {
  %0 = vmapc.concatenate %x, %y dim = 0 : (tensor<2x3xf32>, tensor<1x3xf32>) -> tensor<3x3xf32>
  return %0 : tensor<3x3xf32>
}
// CHECK-LABEL: func.func private @concat_batched_0_none__4(
// CHECK-SAME:    %[[X:.+]]: tensor<4x2x3xf32>, %[[Y:.+]]: tensor<1x3xf32>)
// CHECK-NEXT:    %[[B:.+]] = vmapc.broadcast_in_dim %[[Y]], dims = [1, 2] : tensor<1x3xf32> -> tensor<4x1x3xf32>
// CHECK-NEXT:    %[[C:.+]] = vmapc.concatenate %[[X]], %[[B]] dim = 1 : (tensor<4x2x3xf32>, tensor<4x1x3xf32>) -> tensor<4x3x3xf32>
// CHECK-NEXT:    return %[[C]]
func.func @concat_main(%x: tensor<4x2x3xf32>, %y: tensor<1x3xf32>) -> tensor<4x3x3xf32> {
  %r = vmapc.vmap @concat(%x, %y) in_axes [0, none] out_axes [0] : (tensor<4x2x3xf32>, tensor<1x3xf32>) -> tensor<4x3x3xf32>
  return %r : tensor<4x3x3xf32>
}

// A reduction spread back over its row (softmax's max) with the batch dim
// at 1: the broadcast is rebuilt with the batch dim where the subtraction
// needs it, no transpose.
func.func @center(%x: tensor<4xf32>) -> tensor<4xf32> {
  %m = vmapc.reduce max %x, dims = [0] : tensor<4xf32> -> tensor<f32>
  %mb = vmapc.broadcast_in_dim %m, dims = [] : tensor<f32> -> tensor<4xf32>
  %d = vmapc.sub %x, %mb : tensor<4xf32>
  return %d : tensor<4xf32>
}
// CHECK-LABEL: func.func private @center_batched_1__5(
// CHECK-SAME:    %[[X:.+]]: tensor<4x5xf32>) -> tensor<4x5xf32>
// CHECK-NEXT:    %[[M:.+]] = vmapc.reduce max %[[X]], dims = [0] : tensor<4x5xf32> -> tensor<5xf32>
// CHECK-NEXT:    %[[B:.+]] = vmapc.broadcast_in_dim %[[M]], dims = [1] : tensor<5xf32> -> tensor<4x5xf32>
// CHECK-NEXT:    %[[D:.+]] = vmapc.sub %[[X]], %[[B]] : tensor<4x5xf32>
// CHECK-NEXT:    return %[[D]]
func.func @center_main(%x: tensor<4x5xf32>) -> tensor<4x5xf32> {
  %r = vmapc.vmap @center(%x) in_axes [1] out_axes [1] : (tensor<4x5xf32>) -> tensor<4x5xf32>
  return %r : tensor<4x5xf32>
}

// A transposed value used where its batch dim must move: one transpose,
// composed from the rule's and the move of the batch dim.
func.func @transpose_add(%x: tensor<2x3xf32>, %y: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %t = vmapc.transpose %x, permutation = [1, 0] : tensor<2x3xf32> -> tensor<3x2xf32>
  %s = vmapc.add %y, %t : tensor<3x2xf32>
  return %s : tensor<3x2xf32>
}
// CHECK-LABEL: func.func private @transpose_add_batched_2_0__4(
// CHECK-SAME:    %[[X:.+]]: tensor<2x3x4xf32>, %[[Y:.+]]: tensor<4x3x2xf32>) -> tensor<4x3x2xf32>
// CHECK-NEXT:    %[[T:.+]] = vmapc.transpose %[[X]], permutation = [2, 1, 0] : tensor<2x3x4xf32> -> tensor<4x3x2xf32>
// CHECK-NEXT:    %[[S:.+]] = vmapc.add %[[Y]], %[[T]] : tensor<4x3x2xf32>
// CHECK-NEXT:    return %[[S]]
func.func @transpose_add_main(%x: tensor<2x3x4xf32>, %y: tensor<4x3x2xf32>) -> tensor<4x3x2xf32> {
  %r = vmapc.vmap @transpose_add(%x, %y) in_axes [2, 0] out_axes [0] : (tensor<2x3x4xf32>, tensor<4x3x2xf32>) -> tensor<4x3x2xf32>
  return %r : tensor<4x3x2xf32>
}
