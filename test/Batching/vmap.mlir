// RUN: vmapc-opt --vmapc-batch %s | FileCheck %s
// RUN: vmapc-opt --vmapc-batch %s | vmapc-opt | FileCheck %s
// RUN: vmapc-opt --vmapc-batch %s | FileCheck %s --check-prefix=GONE

// The vmap op itself: in_axes / out_axes forms, axis_size, nesting, and
// sharing of batched copies. No vmap survives the pass.
// GONE-NOT: vmapc.vmap

// The seed's vmap-of-vmap scalar add: the inner vmap maps @add over the
// columns, the outer one maps that over the rows.
func.func @add(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %0 = vmapc.add %a, %b : tensor<f32>
  return %0 : tensor<f32>
}
func.func @add_rows(%a: tensor<4xf32>, %b: tensor<4xf32>) -> tensor<4xf32> {
  %0 = vmapc.vmap @add(%a, %b) in_axes [0, 0] out_axes [0] : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return %0 : tensor<4xf32>
}
// The outer batching meets the inner vmap: @add batched for the inner map,
// then that copy batched for the outer map: one elementwise add on the
// whole matrix.
// CHECK-LABEL: func.func private @add_batched_0_0__4(
// CHECK-SAME:    %{{.+}}: tensor<4xf32>, %{{.+}}: tensor<4xf32>) -> tensor<4xf32>
// CHECK-LABEL: func.func private @add_batched_0_0__4_batched_0_0__3(
// CHECK-SAME:    %[[A:.+]]: tensor<3x4xf32>, %[[B:.+]]: tensor<3x4xf32>) -> tensor<3x4xf32>
// CHECK-NEXT:    %[[S:.+]] = vmapc.add %[[A]], %[[B]] : tensor<3x4xf32>
// CHECK-NEXT:    return %[[S]]
// The copy of @add for @inner_unbatched below (batched at dim 1 in the
// outer map) sits before @add_rows, whose vmap needs it.
// CHECK-LABEL: func.func private @add_batched_0_0__4_batched_1_1__2(
// CHECK-SAME:    %[[A:.+]]: tensor<4x2xf32>, %[[B:.+]]: tensor<4x2xf32>) -> tensor<4x2xf32>
// CHECK-NEXT:    vmapc.add %[[A]], %[[B]] : tensor<4x2xf32>
// CHECK-LABEL: func.func private @add_rows_batched_0_0__3(
// CHECK-SAME:    %[[A:.+]]: tensor<3x4xf32>, %[[B:.+]]: tensor<3x4xf32>) -> tensor<3x4xf32>
// CHECK-NEXT:    %[[C:.+]] = call @add_batched_0_0__4_batched_0_0__3(%[[A]], %[[B]])
// CHECK-NEXT:    return %[[C]]
// CHECK-LABEL: func.func @add_matrix(
// CHECK-NEXT:    %[[C:.+]] = call @add_rows_batched_0_0__3(
// CHECK-NEXT:    return %[[C]]
func.func @add_matrix(%a: tensor<3x4xf32>, %b: tensor<3x4xf32>) -> tensor<3x4xf32> {
  %0 = vmapc.vmap @add_rows(%a, %b) in_axes [0, 0] out_axes [0] : (tensor<3x4xf32>, tensor<3x4xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// in_axes (0, None, None): every row of %x plus the whole %w; the result
// adds the unbatched %w + %c once per row, broadcast: 3x3.
func.func @row_plus(%x: tensor<3xf32>, %w: tensor<3xf32>, %c: tensor<3xf32>) -> tensor<3xf32> {
  %0 = vmapc.add %w, %c : tensor<3xf32>
  %1 = vmapc.add %x, %0 : tensor<3xf32>
  return %1 : tensor<3xf32>
}
// CHECK-LABEL: func.func private @row_plus_batched_0_none_none__3(
// CHECK-SAME:    %[[X:.+]]: tensor<3x3xf32>, %[[W:.+]]: tensor<3xf32>, %[[C:.+]]: tensor<3xf32>) -> tensor<3x3xf32>
// CHECK-NEXT:    %[[WC:.+]] = vmapc.add %[[W]], %[[C]] : tensor<3xf32>
// CHECK-NEXT:    %[[B:.+]] = vmapc.broadcast_in_dim %[[WC]], dims = [1] : tensor<3xf32> -> tensor<3x3xf32>
// CHECK-NEXT:    %[[R:.+]] = vmapc.add %[[X]], %[[B]] : tensor<3x3xf32>
// CHECK-NEXT:    return %[[R]]
// (0, 0, 0) and the default (all 0) give the same copy, shared.
// CHECK-LABEL: func.func private @row_plus_batched_0_0_0__3(
// CHECK-SAME:    tensor<3x3xf32>, %{{.+}}: tensor<3x3xf32>, %{{.+}}: tensor<3x3xf32>) -> tensor<3x3xf32>
// CHECK-LABEL: func.func @row_plus_main(
// CHECK-NEXT:    %[[R0:.+]] = call @row_plus_batched_0_none_none__3(
// CHECK-NEXT:    %[[R1:.+]] = call @row_plus_batched_0_0_0__3(
// CHECK-NEXT:    %[[R2:.+]] = call @row_plus_batched_0_0_0__3(
// CHECK-NEXT:    return %[[R0]], %[[R1]], %[[R2]]
func.func @row_plus_main(%x: tensor<3x3xf32>, %w: tensor<3xf32>, %c: tensor<3xf32>)
    -> (tensor<3x3xf32>, tensor<3x3xf32>, tensor<3x3xf32>) {
  %0 = vmapc.vmap @row_plus(%x, %w, %c) in_axes [0, none, none] out_axes [0] : (tensor<3x3xf32>, tensor<3xf32>, tensor<3xf32>) -> tensor<3x3xf32>
  %1 = vmapc.vmap @row_plus(%x, %x, %x) in_axes [0, 0, 0] out_axes [0] : (tensor<3x3xf32>, tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
  %2 = "vmapc.vmap"(%x, %x, %x) {callee = @row_plus, in_axes = [0 : i64, 0 : i64, 0 : i64], out_axes = [0 : i64]} : (tensor<3x3xf32>, tensor<3x3xf32>, tensor<3x3xf32>) -> tensor<3x3xf32>
  return %0, %1, %2 : tensor<3x3xf32>, tensor<3x3xf32>, tensor<3x3xf32>
}

// Positive, negative and none axes; two results, one unbatched (out_axes
// none), one batched moved to out_axes -1.
func.func @two(%x: tensor<2x3xf32>, %w: tensor<3xf32>) -> (tensor<3xf32>, tensor<2x3xf32>) {
  %0 = vmapc.neg %w : tensor<3xf32>
  %1 = vmapc.exp %x : tensor<2x3xf32>
  return %0, %1 : tensor<3xf32>, tensor<2x3xf32>
}
// CHECK-LABEL: func.func private @two_batched_2_none__5(
// CHECK-SAME:    %[[X:.+]]: tensor<2x3x5xf32>, %[[W:.+]]: tensor<3xf32>) -> (tensor<3xf32>, tensor<2x3x5xf32>)
// CHECK-NEXT:    %[[N:.+]] = vmapc.neg %[[W]] : tensor<3xf32>
// CHECK-NEXT:    %[[E:.+]] = vmapc.exp %[[X]] : tensor<2x3x5xf32>
// CHECK-NEXT:    return %[[N]], %[[E]]
// CHECK-LABEL: func.func @axes_main(
// CHECK-NEXT:    %[[C:.+]]:2 = call @two_batched_2_none__5(
// CHECK-NEXT:    %[[T:.+]] = vmapc.transpose %[[C]]#1, permutation = [0, 2, 1] : tensor<2x3x5xf32> -> tensor<2x5x3xf32>
// CHECK-NEXT:    return %[[C]]#0, %[[T]]
func.func @axes_main(%x: tensor<2x3x5xf32>, %w: tensor<3xf32>) -> (tensor<3xf32>, tensor<2x5x3xf32>) {
  %0:2 = vmapc.vmap @two(%x, %w) in_axes [-1, none] out_axes [none, -2] : (tensor<2x3x5xf32>, tensor<3xf32>) -> (tensor<3xf32>, tensor<2x5x3xf32>)
  return %0#0, %0#1 : tensor<3xf32>, tensor<2x5x3xf32>
}

// axis_size with no mapped operand: the result depends on no mapped input,
// so the call is the unbatched computation and the batch axis is made by
// one broadcast at out_axes.
func.func @const_fn(%w: tensor<3xf32>) -> tensor<3xf32> {
  %0 = vmapc.exp %w : tensor<3xf32>
  return %0 : tensor<3xf32>
}
// CHECK-LABEL: func.func private @const_fn_batched_none__4(
// CHECK-SAME:    %[[W:.+]]: tensor<3xf32>) -> tensor<3xf32>
// CHECK-NEXT:    %[[E:.+]] = vmapc.exp %[[W]] : tensor<3xf32>
// CHECK-NEXT:    return %[[E]]
// CHECK-LABEL: func.func @axis_size_main(
// CHECK-NEXT:    %[[C:.+]] = call @const_fn_batched_none__4(
// CHECK-NEXT:    %[[B:.+]] = vmapc.broadcast_in_dim %[[C]], dims = [0] : tensor<3xf32> -> tensor<3x4xf32>
// CHECK-NEXT:    return %[[B]]
func.func @axis_size_main(%w: tensor<3xf32>) -> tensor<3x4xf32> {
  %0 = vmapc.vmap @const_fn(%w) in_axes [none] out_axes [1] axis_size = 4 : (tensor<3xf32>) -> tensor<3x4xf32>
  return %0 : tensor<3x4xf32>
}

// A nested vmap whose operands are unbatched in the outer function (it
// maps over %w only) is copied as it is, then expanded like any vmap; its
// result is then unbatched in the outer map and out_axes = none is fine.
func.func @inner_unbatched(%x: tensor<2xf32>, %w: tensor<4x2xf32>) -> (tensor<2xf32>, tensor<4x2xf32>) {
  %0 = vmapc.vmap @add_rows(%w, %w) in_axes [1, 1] out_axes [1] : (tensor<4x2xf32>, tensor<4x2xf32>) -> tensor<4x2xf32>
  %1 = vmapc.mul %x, %x : tensor<2xf32>
  return %1, %0 : tensor<2xf32>, tensor<4x2xf32>
}
// CHECK-LABEL: func.func private @add_rows_batched_1_1__2(
// CHECK-NEXT:    call @add_batched_0_0__4_batched_1_1__2(
// CHECK-LABEL: func.func private @inner_unbatched_batched_0_none__3(
// CHECK-SAME:    %[[X:.+]]: tensor<3x2xf32>, %[[W:.+]]: tensor<4x2xf32>) -> (tensor<3x2xf32>, tensor<4x2xf32>)
// CHECK-NEXT:    %[[V:.+]] = call @add_rows_batched_1_1__2(%[[W]], %[[W]])
// CHECK-NEXT:    %[[M:.+]] = vmapc.mul %[[X]], %[[X]] : tensor<3x2xf32>
// CHECK-NEXT:    return %[[M]], %[[V]]
// CHECK-LABEL: func.func @inner_unbatched_main(
func.func @inner_unbatched_main(%x: tensor<3x2xf32>, %w: tensor<4x2xf32>) -> (tensor<3x2xf32>, tensor<4x2xf32>) {
  %0:2 = vmapc.vmap @inner_unbatched(%x, %w) in_axes [0, none] out_axes [0, none] : (tensor<3x2xf32>, tensor<4x2xf32>) -> (tensor<3x2xf32>, tensor<4x2xf32>)
  return %0#0, %0#1 : tensor<3x2xf32>, tensor<4x2xf32>
}

// A nested vmap with its inner batch landing elsewhere than out_axes and an
// outer batched operand: the transpose to out_axes is applied around the
// outer batch dim.
func.func @col_exp(%v: tensor<2xf32>) -> tensor<2xf32> {
  %0 = vmapc.exp %v : tensor<2xf32>
  return %0 : tensor<2xf32>
}
func.func @cols(%m: tensor<2x4xf32>) -> tensor<4x2xf32> {
  %0 = vmapc.vmap @col_exp(%m) in_axes [1] out_axes [0] : (tensor<2x4xf32>) -> tensor<4x2xf32>
  return %0 : tensor<4x2xf32>
}
// CHECK-LABEL: func.func private @col_exp_batched_1__4_batched_0__3(
// CHECK-SAME:    %[[M:.+]]: tensor<3x2x4xf32>) -> tensor<3x2x4xf32>
// CHECK-NEXT:    vmapc.exp %[[M]] : tensor<3x2x4xf32>
// CHECK-LABEL: func.func private @cols_batched_0__3(
// CHECK-SAME:    %[[M:.+]]: tensor<3x2x4xf32>) -> tensor<3x4x2xf32>
// CHECK-NEXT:    %[[C:.+]] = call @col_exp_batched_1__4_batched_0__3(%[[M]])
// CHECK-NEXT:    %[[T:.+]] = vmapc.transpose %[[C]], permutation = [0, 2, 1] : tensor<3x2x4xf32> -> tensor<3x4x2xf32>
// CHECK-NEXT:    return %[[T]]
func.func @cols_main(%m: tensor<3x2x4xf32>) -> tensor<3x4x2xf32> {
  %0 = vmapc.vmap @cols(%m) in_axes [0] out_axes [0] : (tensor<3x2x4xf32>) -> tensor<3x4x2xf32>
  return %0 : tensor<3x4x2xf32>
}

// A user function already has the name a batched copy would get: the copy
// is renamed and the user's function keeps its callers.
func.func @neg(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = vmapc.neg %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @neg_batched_0__2(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  return %x : tensor<2x3xf32>
}
// CHECK-LABEL: func.func @neg_batched_0__2(
// CHECK-NEXT:    return
// CHECK-LABEL: func.func private @neg_batched_0__2_0(
// CHECK-NEXT:    vmapc.neg
// CHECK-LABEL: func.func @clash_main(
// CHECK-NEXT:    call @neg_batched_0__2_0(
// CHECK-NEXT:    call @neg_batched_0__2(
func.func @clash_main(%x: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = vmapc.vmap @neg(%x) in_axes [0] out_axes [0] : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = func.call @neg_batched_0__2(%x) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1 : tensor<2x3xf32>, tensor<2x3xf32>
}
