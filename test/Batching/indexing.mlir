// RUN: vmapc-opt --vmapc-batch %s | FileCheck %s
// RUN: vmapc-opt --vmapc-batch %s | vmapc-opt | FileCheck %s

// dynamic_slice and gather. dynamic_slice with unbatched starts slices the
// batch dim whole; with a batched start, that dim becomes a gather of
// clamp(start) + iota with the batch dim paired (batch_dims = 1).

func.func @dslice(%x: tensor<5x4xf32>, %i: tensor<i32>, %j: tensor<i32>) -> tensor<2x3xf32> {
  %0 = vmapc.dynamic_slice %x[%i, %j] sizes = [2, 3] : (tensor<5x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
// Only the operand batched.
// CHECK-LABEL: func.func private @dslice_batched_1_none_none__6(
// CHECK-SAME:    %[[X:.+]]: tensor<5x6x4xf32>, %[[I:.+]]: tensor<i32>, %[[J:.+]]: tensor<i32>) -> tensor<2x6x3xf32>
// CHECK-NEXT:    %[[Z:.+]] = vmapc.constant dense<0> : tensor<i32>
// CHECK-NEXT:    %[[S:.+]] = vmapc.dynamic_slice %[[X]][%[[I]], %[[Z]], %[[J]]] sizes = [2, 6, 3]
// CHECK-NEXT:    return %[[S]]
func.func @dslice_operand(%x: tensor<5x6x4xf32>, %i: tensor<i32>, %j: tensor<i32>) -> tensor<2x6x3xf32> {
  %r = vmapc.vmap @dslice(%x, %i, %j) in_axes [1, none, none] out_axes [1] : (tensor<5x6x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x6x3xf32>
  return %r : tensor<2x6x3xf32>
}

// Operand unbatched, first start batched: the operand is broadcast, the
// unbatched dim is sliced by one dynamic_slice, the batched one gathered.
// CHECK-LABEL: func.func private @dslice_batched_none_0_none__6(
// CHECK-SAME:    %[[X:.+]]: tensor<5x4xf32>, %[[I:.+]]: tensor<6xi32>, %[[J:.+]]: tensor<i32>) -> tensor<6x2x3xf32>
// CHECK-DAG:     %[[XB:.+]] = vmapc.broadcast_in_dim %[[X]], dims = [1, 2] : tensor<5x4xf32> -> tensor<6x5x4xf32>
// CHECK-DAG:     %[[Z:.+]] = vmapc.constant dense<0> : tensor<i32>
// CHECK:         %[[S:.+]] = vmapc.dynamic_slice %[[XB]][%[[Z]], %[[Z]], %[[J]]] sizes = [6, 5, 3]
// CHECK-DAG:     %[[HI:.+]] = vmapc.constant dense<3> : tensor<6xi32>
// CHECK-DAG:     %[[LO:.+]] = vmapc.constant dense<0> : tensor<6xi32>
// CHECK:         %[[MIN:.+]] = vmapc.min %[[I]], %[[HI]] : tensor<6xi32>
// CHECK-NEXT:    %[[MAX:.+]] = vmapc.max %[[MIN]], %[[LO]] : tensor<6xi32>
// CHECK-NEXT:    %[[SPREAD:.+]] = vmapc.broadcast_in_dim %[[MAX]], dims = [0] : tensor<6xi32> -> tensor<6x2xi32>
// CHECK-NEXT:    %[[IOTA:.+]] = vmapc.iota dim = 1 : tensor<6x2xi32>
// CHECK-NEXT:    %[[IDX:.+]] = vmapc.add %[[SPREAD]], %[[IOTA]] : tensor<6x2xi32>
// CHECK-NEXT:    %[[G:.+]] = vmapc.gather %[[S]][%[[IDX]]] axis = 1 batch_dims = 1 : (tensor<6x5x3xf32>, tensor<6x2xi32>) -> tensor<6x2x3xf32>
// CHECK-NEXT:    return %[[G]]
func.func @dslice_start(%x: tensor<5x4xf32>, %i: tensor<6xi32>, %j: tensor<i32>) -> tensor<6x2x3xf32> {
  %r = vmapc.vmap @dslice(%x, %i, %j) in_axes [none, 0, none] out_axes [0] : (tensor<5x4xf32>, tensor<6xi32>, tensor<i32>) -> tensor<6x2x3xf32>
  return %r : tensor<6x2x3xf32>
}

// Everything batched: two gathers, no dynamic_slice.
// CHECK-LABEL: func.func private @dslice_batched_0_0_0__6(
// CHECK-NOT:     dynamic_slice
// CHECK:         vmapc.gather %{{.+}}[%{{.+}}] axis = 1 batch_dims = 1 : (tensor<6x5x4xf32>, tensor<6x2xi32>) -> tensor<6x2x4xf32>
// CHECK-NOT:     dynamic_slice
// CHECK:         vmapc.gather %{{.+}}[%{{.+}}] axis = 2 batch_dims = 1 : (tensor<6x2x4xf32>, tensor<6x3xi32>) -> tensor<6x2x3xf32>
// CHECK-NEXT:    return
func.func @dslice_all(%x: tensor<6x5x4xf32>, %i: tensor<6xi32>, %j: tensor<6xi32>) -> tensor<6x2x3xf32> {
  %r = vmapc.vmap @dslice(%x, %i, %j) in_axes [0, 0, 0] out_axes [0] : (tensor<6x5x4xf32>, tensor<6xi32>, tensor<6xi32>) -> tensor<6x2x3xf32>
  return %r : tensor<6x2x3xf32>
}

func.func @take(%t: tensor<10x4xf32>, %idx: tensor<3xi32>) -> tensor<3x4xf32> {
  %0 = vmapc.gather %t[%idx] axis = 0 batch_dims = 0 : (tensor<10x4xf32>, tensor<3xi32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}
// Only the indices batched: the same gather with more indices.
// CHECK-LABEL: func.func private @take_batched_none_1__2(
// CHECK-SAME:    %[[T:.+]]: tensor<10x4xf32>, %[[I:.+]]: tensor<3x2xi32>) -> tensor<3x2x4xf32>
// CHECK-NEXT:    %[[G:.+]] = vmapc.gather %[[T]][%[[I]]] axis = 0 batch_dims = 0 : (tensor<10x4xf32>, tensor<3x2xi32>) -> tensor<3x2x4xf32>
// CHECK-NEXT:    return %[[G]]
func.func @take_indices(%t: tensor<10x4xf32>, %idx: tensor<3x2xi32>) -> tensor<2x3x4xf32> {
  %r = vmapc.vmap @take(%t, %idx) in_axes [none, 1] out_axes [0] : (tensor<10x4xf32>, tensor<3x2xi32>) -> tensor<2x3x4xf32>
  return %r : tensor<2x3x4xf32>
}
// Only the table batched, after the taken axis: a larger table.
// CHECK-LABEL: func.func private @take_batched_2_none__5(
// CHECK-SAME:    %[[T:.+]]: tensor<10x4x5xf32>, %[[I:.+]]: tensor<3xi32>) -> tensor<3x4x5xf32>
// CHECK-NEXT:    %[[G:.+]] = vmapc.gather %[[T]][%[[I]]] axis = 0 batch_dims = 0 : (tensor<10x4x5xf32>, tensor<3xi32>) -> tensor<3x4x5xf32>
// CHECK-NEXT:    return %[[G]]
func.func @take_table(%t: tensor<10x4x5xf32>, %idx: tensor<3xi32>) -> tensor<3x4x5xf32> {
  %r = vmapc.vmap @take(%t, %idx) in_axes [2, none] out_axes [2] : (tensor<10x4x5xf32>, tensor<3xi32>) -> tensor<3x4x5xf32>
  return %r : tensor<3x4x5xf32>
}
// Both batched: one more paired batch dim.
// CHECK-LABEL: func.func private @take_batched_0_0__5(
// CHECK-SAME:    %[[T:.+]]: tensor<5x10x4xf32>, %[[I:.+]]: tensor<5x3xi32>) -> tensor<5x3x4xf32>
// CHECK-NEXT:    %[[G:.+]] = vmapc.gather %[[T]][%[[I]]] axis = 1 batch_dims = 1 : (tensor<5x10x4xf32>, tensor<5x3xi32>) -> tensor<5x3x4xf32>
// CHECK-NEXT:    return %[[G]]
func.func @take_both(%t: tensor<5x10x4xf32>, %idx: tensor<5x3xi32>) -> tensor<5x3x4xf32> {
  %r = vmapc.vmap @take(%t, %idx) in_axes [0, 0] out_axes [0] : (tensor<5x10x4xf32>, tensor<5x3xi32>) -> tensor<5x3x4xf32>
  return %r : tensor<5x3x4xf32>
}
