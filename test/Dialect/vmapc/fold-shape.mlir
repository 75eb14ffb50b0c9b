// RUN: vmapc-opt %s --canonicalize --split-input-file | FileCheck %s

// Folders and canonicalization patterns of the shape ops and of reduce.

// CHECK-LABEL: func.func @broadcast_constant
// CHECK-DAG: %[[S:.*]] = vmapc.constant dense<2.500000e+00> : tensor<3x4xf32>
// CHECK-DAG: %[[R:.*]] = vmapc.constant dense<{{\[}}[1, 2, 3], [1, 2, 3]]> : tensor<2x3xi32>
// CHECK-DAG: %[[C:.*]] = vmapc.constant dense<{{\[}}[1, 1, 1], [2, 2, 2]]> : tensor<2x3xi32>
// CHECK-DAG: %[[U:.*]] = vmapc.constant dense<{{\[}}[{{\[}}5, 6], [5, 6]], {{\[}}[7, 8], [7, 8]]]> : tensor<2x2x2xi64>
// CHECK-NOT: vmapc.broadcast_in_dim
// CHECK: return %[[S]], %[[R]], %[[C]], %[[U]]
func.func @broadcast_constant() -> (tensor<3x4xf32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x2x2xi64>) {
  %s = vmapc.constant dense<2.5> : tensor<f32>
  %0 = vmapc.broadcast_in_dim %s, dims = [] : tensor<f32> -> tensor<3x4xf32>
  %v = vmapc.constant dense<[1, 2, 3]> : tensor<3xi32>
  %1 = vmapc.broadcast_in_dim %v, dims = [1] : tensor<3xi32> -> tensor<2x3xi32>
  %w = vmapc.constant dense<[1, 2]> : tensor<2xi32>
  %2 = vmapc.broadcast_in_dim %w, dims = [0] : tensor<2xi32> -> tensor<2x3xi32>
  // A size-1 operand dimension is expanded too.
  %m = vmapc.constant dense<[[5, 6], [7, 8]]> : tensor<2x2xi64>
  %r = vmapc.reshape %m : tensor<2x2xi64> -> tensor<2x1x2xi64>
  %3 = vmapc.broadcast_in_dim %r, dims = [0, 1, 2] : tensor<2x1x2xi64> -> tensor<2x2x2xi64>
  return %0, %1, %2, %3 : tensor<3x4xf32>, tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x2x2xi64>
}

// -----

// CHECK-LABEL: func.func @broadcast_identity
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @broadcast_identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = vmapc.broadcast_in_dim %x, dims = [0, 1] : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Two broadcasts compose into one: operand dim 0 -> 1 -> 2.
// CHECK-LABEL: func.func @broadcast_broadcast
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: %[[B:.*]] = vmapc.broadcast_in_dim %[[X]], dims = [2] : tensor<3xf32> -> tensor<4x2x3xf32>
// CHECK-NEXT: return %[[B]]
func.func @broadcast_broadcast(%x: tensor<3xf32>) -> tensor<4x2x3xf32> {
  %0 = vmapc.broadcast_in_dim %x, dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
  %1 = vmapc.broadcast_in_dim %0, dims = [1, 2] : tensor<2x3xf32> -> tensor<4x2x3xf32>
  return %1 : tensor<4x2x3xf32>
}

// -----

// A broadcast that only inserts unit dimensions is a reshape.
// CHECK-LABEL: func.func @broadcast_is_reshape
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: %[[R:.*]] = vmapc.reshape %[[X]] : tensor<3xf32> -> tensor<1x3x1xf32>
// CHECK-NEXT: return %[[R]]
func.func @broadcast_is_reshape(%x: tensor<3xf32>) -> tensor<1x3x1xf32> {
  %0 = vmapc.broadcast_in_dim %x, dims = [1] : tensor<3xf32> -> tensor<1x3x1xf32>
  return %0 : tensor<1x3x1xf32>
}

// -----

// A real broadcast of a non-constant stays.
// CHECK-LABEL: func.func @broadcast_stays
// CHECK: vmapc.broadcast_in_dim
func.func @broadcast_stays(%x: tensor<3xf32>) -> tensor<2x3xf32> {
  %0 = vmapc.broadcast_in_dim %x, dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// A non-splat constant is not expanded past the size cap (2 x 40000 elements
// here); a splat always is, since it stays one value.
// CHECK-LABEL: func.func @broadcast_size_cap
// CHECK-DAG: %[[V:.*]] = vmapc.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[S:.*]] = vmapc.constant dense<3.000000e+00> : tensor<2x40000xf32>
// CHECK: %[[B:.*]] = vmapc.broadcast_in_dim %[[V]], dims = [0] : tensor<2xf32> -> tensor<2x40000xf32>
// CHECK: return %[[B]], %[[S]]
func.func @broadcast_size_cap() -> (tensor<2x40000xf32>, tensor<2x40000xf32>) {
  %v = vmapc.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %0 = vmapc.broadcast_in_dim %v, dims = [0] : tensor<2xf32> -> tensor<2x40000xf32>
  %s = vmapc.constant dense<3.0> : tensor<2xf32>
  %1 = vmapc.broadcast_in_dim %s, dims = [0] : tensor<2xf32> -> tensor<2x40000xf32>
  return %0, %1 : tensor<2x40000xf32>, tensor<2x40000xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_identity
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @reshape_identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = vmapc.reshape %x : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// CHECK-LABEL: func.func @reshape_reshape
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK-NEXT: %[[R:.*]] = vmapc.reshape %[[X]] : tensor<2x3x4xf32> -> tensor<4x6xf32>
// CHECK-NEXT: return %[[R]]
func.func @reshape_reshape(%x: tensor<2x3x4xf32>) -> tensor<4x6xf32> {
  %0 = vmapc.reshape %x : tensor<2x3x4xf32> -> tensor<24xf32>
  %1 = vmapc.reshape %0 : tensor<24xf32> -> tensor<4x6xf32>
  return %1 : tensor<4x6xf32>
}

// -----

// Reshaping back to the original shape removes both reshapes.
// CHECK-LABEL: func.func @reshape_roundtrip
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xi64>)
// CHECK-NOT: vmapc.reshape
// CHECK: return %[[X]]
func.func @reshape_roundtrip(%x: tensor<2x3xi64>) -> tensor<2x3xi64> {
  %0 = vmapc.reshape %x : tensor<2x3xi64> -> tensor<3x2xi64>
  %1 = vmapc.reshape %0 : tensor<3x2xi64> -> tensor<6xi64>
  %2 = vmapc.reshape %1 : tensor<6xi64> -> tensor<2x3xi64>
  return %2 : tensor<2x3xi64>
}

// -----

// CHECK-LABEL: func.func @reshape_constant
// CHECK-NEXT: %[[C:.*]] = vmapc.constant dense<{{\[}}[true, false], [false, true]]> : tensor<2x2xi1>
// CHECK-NEXT: return %[[C]]
func.func @reshape_constant() -> tensor<2x2xi1> {
  %c = vmapc.constant dense<[true, false, false, true]> : tensor<4xi1>
  %0 = vmapc.reshape %c : tensor<4xi1> -> tensor<2x2xi1>
  return %0 : tensor<2x2xi1>
}

// -----

// CHECK-LABEL: func.func @transpose_identity
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @transpose_identity(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = vmapc.transpose %x, permutation = [0, 1] : tensor<2x3xf32> -> tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}

// -----

// Inverse permutations cancel.
// CHECK-LABEL: func.func @transpose_inverse
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK-NOT: vmapc.transpose
// CHECK: return %[[X]]
func.func @transpose_inverse(%x: tensor<2x3x4xf32>) -> tensor<2x3x4xf32> {
  %0 = vmapc.transpose %x, permutation = [2, 0, 1] : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  %1 = vmapc.transpose %0, permutation = [1, 2, 0] : tensor<4x2x3xf32> -> tensor<2x3x4xf32>
  return %1 : tensor<2x3x4xf32>
}

// -----

// Otherwise they compose: result dim i = operand dim inner[outer[i]].
// CHECK-LABEL: func.func @transpose_transpose
// CHECK-SAME: (%[[X:.*]]: tensor<2x3x4xf32>)
// CHECK-NEXT: %[[T:.*]] = vmapc.transpose %[[X]], permutation = [1, 0, 2] : tensor<2x3x4xf32> -> tensor<3x2x4xf32>
// CHECK-NEXT: return %[[T]]
func.func @transpose_transpose(%x: tensor<2x3x4xf32>) -> tensor<3x2x4xf32> {
  %0 = vmapc.transpose %x, permutation = [2, 0, 1] : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  %1 = vmapc.transpose %0, permutation = [2, 1, 0] : tensor<4x2x3xf32> -> tensor<3x2x4xf32>
  return %1 : tensor<3x2x4xf32>
}

// -----

// CHECK-LABEL: func.func @transpose_constant
// CHECK-DAG: %[[T:.*]] = vmapc.constant dense<{{\[}}[1, 4], [2, 5], [3, 6]]> : tensor<3x2xi32>
// CHECK-DAG: %[[T3:.*]] = vmapc.constant dense<{{\[}}[{{\[}}1.000000e+00, 3.000000e+00]], {{\[}}[2.000000e+00, 4.000000e+00]]]> : tensor<2x1x2xf32>
// CHECK-DAG: %[[S:.*]] = vmapc.constant dense<7.000000e+00> : tensor<3x2xf64>
// CHECK-NOT: vmapc.transpose
// CHECK: return %[[T]], %[[T3]], %[[S]]
func.func @transpose_constant() -> (tensor<3x2xi32>, tensor<2x1x2xf32>, tensor<3x2xf64>) {
  %c = vmapc.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %0 = vmapc.transpose %c, permutation = [1, 0] : tensor<2x3xi32> -> tensor<3x2xi32>
  %d = vmapc.constant dense<[[[1.0, 2.0]], [[3.0, 4.0]]]> : tensor<2x1x2xf32>
  %1 = vmapc.transpose %d, permutation = [2, 1, 0] : tensor<2x1x2xf32> -> tensor<2x1x2xf32>
  %s = vmapc.constant dense<7.0> : tensor<2x3xf64>
  %2 = vmapc.transpose %s, permutation = [1, 0] : tensor<2x3xf64> -> tensor<3x2xf64>
  return %0, %1, %2 : tensor<3x2xi32>, tensor<2x1x2xf32>, tensor<3x2xf64>
}

// -----

// CHECK-LABEL: func.func @slice_identity
// CHECK-SAME: (%[[X:.*]]: tensor<4x1xf32>)
// CHECK-NEXT: return %[[X]]
func.func @slice_identity(%x: tensor<4x1xf32>) -> tensor<4x1xf32> {
  %0 = vmapc.slice %x, start = [0, 0], limit = [4, 1], strides = [1, 3] : tensor<4x1xf32> -> tensor<4x1xf32>
  return %0 : tensor<4x1xf32>
}

// -----

// CHECK-LABEL: func.func @slice_constant
// CHECK-DAG: %[[A:.*]] = vmapc.constant dense<{{\[}}[2, 4], [10, 12]]> : tensor<2x2xi64>
// CHECK-DAG: %[[B:.*]] = vmapc.constant dense<-1.000000e+00> : tensor<2xf32>
// CHECK-NOT: vmapc.slice
// CHECK: return %[[A]], %[[B]]
func.func @slice_constant() -> (tensor<2x2xi64>, tensor<2xf32>) {
  %c = vmapc.constant dense<[[1, 2, 3, 4], [5, 6, 7, 8], [9, 10, 11, 12]]> : tensor<3x4xi64>
  %0 = vmapc.slice %c, start = [0, 1], limit = [3, 4], strides = [2, 2] : tensor<3x4xi64> -> tensor<2x2xi64>
  %s = vmapc.constant dense<-1.0> : tensor<5xf32>
  %1 = vmapc.slice %s, start = [1], limit = [3], strides = [1] : tensor<5xf32> -> tensor<2xf32>
  return %0, %1 : tensor<2x2xi64>, tensor<2xf32>
}

// -----

// slice(slice(x)): elements 1, 3, 5, 7, 9 of x, then 1 and 3 of those, are
// elements 3 and 7 of x.
// CHECK-LABEL: func.func @slice_slice
// CHECK-SAME: (%[[X:.*]]: tensor<10xf32>)
// CHECK-NEXT: %[[S:.*]] = vmapc.slice %[[X]], start = [3], limit = [8], strides = [4] : tensor<10xf32> -> tensor<2xf32>
// CHECK-NEXT: return %[[S]]
func.func @slice_slice(%x: tensor<10xf32>) -> tensor<2xf32> {
  %0 = vmapc.slice %x, start = [1], limit = [10], strides = [2] : tensor<10xf32> -> tensor<5xf32>
  %1 = vmapc.slice %0, start = [1], limit = [5], strides = [2] : tensor<5xf32> -> tensor<2xf32>
  return %1 : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @concatenate_single
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>)
// CHECK-NEXT: return %[[X]]
func.func @concatenate_single(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = vmapc.concatenate %x dim = 0 : (tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// CHECK-LABEL: func.func @concatenate_constant
// CHECK-DAG: %[[A:.*]] = vmapc.constant dense<{{\[}}[1, 2, 5], [3, 4, 6]]> : tensor<2x3xi32>
// CHECK-DAG: %[[B:.*]] = vmapc.constant dense<{{\[}}[1, 2], [3, 4], [7, 7]]> : tensor<3x2xi32>
// CHECK-DAG: %[[S:.*]] = vmapc.constant dense<1.000000e+00> : tensor<5xf32>
// CHECK-NOT: vmapc.concatenate
// CHECK: return %[[A]], %[[B]], %[[S]]
func.func @concatenate_constant() -> (tensor<2x3xi32>, tensor<3x2xi32>, tensor<5xf32>) {
  %a = vmapc.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi32>
  %b = vmapc.constant dense<[[5], [6]]> : tensor<2x1xi32>
  %0 = vmapc.concatenate %a, %b dim = 1 : (tensor<2x2xi32>, tensor<2x1xi32>) -> tensor<2x3xi32>
  %c = vmapc.constant dense<7> : tensor<1x2xi32>
  %1 = vmapc.concatenate %a, %c dim = 0 : (tensor<2x2xi32>, tensor<1x2xi32>) -> tensor<3x2xi32>
  %s = vmapc.constant dense<1.0> : tensor<2xf32>
  %t = vmapc.constant dense<1.0> : tensor<3xf32>
  %2 = vmapc.concatenate %s, %t dim = 0 : (tensor<2xf32>, tensor<3xf32>) -> tensor<5xf32>
  return %0, %1, %2 : tensor<2x3xi32>, tensor<3x2xi32>, tensor<5xf32>
}

// -----

// Nested concatenates on the same dim flatten; empty inputs are dropped.
// CHECK-LABEL: func.func @concatenate_flatten
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[Y:.*]]: tensor<1x3xf32>, %[[E:.*]]: tensor<0x3xf32>)
// CHECK-NEXT: %[[C:.*]] = vmapc.concatenate %[[X]], %[[Y]], %[[X]] dim = 0 : (tensor<2x3xf32>, tensor<1x3xf32>, tensor<2x3xf32>) -> tensor<5x3xf32>
// CHECK-NEXT: %[[D:.*]] = vmapc.concatenate %[[C]], %[[C]] dim = 1 : (tensor<5x3xf32>, tensor<5x3xf32>) -> tensor<5x6xf32>
// CHECK-NEXT: return %[[C]], %[[D]]
func.func @concatenate_flatten(%x: tensor<2x3xf32>, %y: tensor<1x3xf32>, %e: tensor<0x3xf32>) -> (tensor<5x3xf32>, tensor<5x6xf32>) {
  %0 = vmapc.concatenate %x, %e, %y dim = 0 : (tensor<2x3xf32>, tensor<0x3xf32>, tensor<1x3xf32>) -> tensor<3x3xf32>
  %1 = vmapc.concatenate %0, %x dim = 0 : (tensor<3x3xf32>, tensor<2x3xf32>) -> tensor<5x3xf32>
  // A concatenate on another dim is not flattened.
  %2 = vmapc.concatenate %1, %1 dim = 1 : (tensor<5x3xf32>, tensor<5x3xf32>) -> tensor<5x6xf32>
  return %1, %2 : tensor<5x3xf32>, tensor<5x6xf32>
}

// -----

// Concatenating only empty tensors gives an empty constant.
// CHECK-LABEL: func.func @concatenate_all_empty
// CHECK-NEXT: %[[C:.*]] = vmapc.constant dense<> : tensor<0x3xf32>
// CHECK-NEXT: return %[[C]]
func.func @concatenate_all_empty(%e: tensor<0x3xf32>) -> tensor<0x3xf32> {
  %0 = vmapc.concatenate %e, %e dim = 0 : (tensor<0x3xf32>, tensor<0x3xf32>) -> tensor<0x3xf32>
  return %0 : tensor<0x3xf32>
}

// -----

// CHECK-LABEL: func.func @reduce_constant
// CHECK-DAG: %[[SUM:.*]] = vmapc.constant dense<[6.000000e+00, 1.500000e+01]> : tensor<2xf32>
// CHECK-DAG: %[[MAX:.*]] = vmapc.constant dense<[4, 5, 6]> : tensor<3xi32>
// CHECK-DAG: %[[MIN:.*]] = vmapc.constant dense<1> : tensor<i32>
// CHECK-DAG: %[[PROD:.*]] = vmapc.constant dense<[6, 120]> : tensor<2xi64>
// CHECK-NOT: vmapc.reduce
// CHECK: return %[[SUM]], %[[MAX]], %[[MIN]], %[[PROD]]
func.func @reduce_constant() -> (tensor<2xf32>, tensor<3xi32>, tensor<i32>, tensor<2xi64>) {
  %f = vmapc.constant dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>
  %0 = vmapc.reduce sum %f, dims = [1] : tensor<2x3xf32> -> tensor<2xf32>
  %i = vmapc.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>
  %1 = vmapc.reduce max %i, dims = [0] : tensor<2x3xi32> -> tensor<3xi32>
  %2 = vmapc.reduce min %i, dims = [0, 1] : tensor<2x3xi32> -> tensor<i32>
  %l = vmapc.constant dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi64>
  %3 = vmapc.reduce prod %l, dims = [1] : tensor<2x3xi64> -> tensor<2xi64>
  return %0, %1, %2, %3 : tensor<2xf32>, tensor<3xi32>, tensor<i32>, tensor<2xi64>
}

// -----

// The middle dim of three is reduced: the result keeps dims 0 and 2.
// CHECK-LABEL: func.func @reduce_middle
// CHECK-NEXT: %[[C:.*]] = vmapc.constant dense<{{\[}}[4, 6], [12, 14]]> : tensor<2x2xi32>
// CHECK-NEXT: return %[[C]]
func.func @reduce_middle() -> tensor<2x2xi32> {
  %c = vmapc.constant dense<[[[1, 2], [3, 4]], [[5, 6], [7, 8]]]> : tensor<2x2x2xi32>
  %0 = vmapc.reduce sum %c, dims = [1] : tensor<2x2x2xi32> -> tensor<2x2xi32>
  return %0 : tensor<2x2xi32>
}

// -----

// Float max/min reductions propagate NaN.
// CHECK-LABEL: func.func @reduce_nan
// CHECK-NEXT: %[[NAN:.*]] = vmapc.constant dense<0x7FC00000> : tensor<f32>
// CHECK-NEXT: return %[[NAN]], %[[NAN]]
func.func @reduce_nan() -> (tensor<f32>, tensor<f32>) {
  %c = vmapc.constant dense<[1.0, 0x7FC00000, 3.0]> : tensor<3xf32>
  %0 = vmapc.reduce max %c, dims = [0] : tensor<3xf32> -> tensor<f32>
  %1 = vmapc.reduce min %c, dims = [0] : tensor<3xf32> -> tensor<f32>
  return %0, %1 : tensor<f32>, tensor<f32>
}

// -----

// A splat's max is its value, whatever the size; its sum is computed
// element by element, so it is only folded below the size cap.
// CHECK-LABEL: func.func @reduce_splat
// CHECK-DAG: %[[MAX:.*]] = vmapc.constant dense<2.000000e+00> : tensor<100000xf32>
// CHECK-DAG: %[[SUM:.*]] = vmapc.constant dense<8.000000e+00> : tensor<3xf32>
// CHECK-DAG: %[[BIG:.*]] = vmapc.constant dense<2.000000e+00> : tensor<3x100000xf32>
// CHECK: %[[BIGSUM:.*]] = vmapc.reduce sum %[[BIG]], dims = [1]
// CHECK: return %[[MAX]], %[[SUM]], %[[BIGSUM]]
func.func @reduce_splat() -> (tensor<100000xf32>, tensor<3xf32>, tensor<3xf32>) {
  %big = vmapc.constant dense<2.0> : tensor<3x100000xf32>
  %0 = vmapc.reduce max %big, dims = [0] : tensor<3x100000xf32> -> tensor<100000xf32>
  %small = vmapc.constant dense<2.0> : tensor<3x4xf32>
  %1 = vmapc.reduce sum %small, dims = [1] : tensor<3x4xf32> -> tensor<3xf32>
  %2 = vmapc.reduce sum %big, dims = [1] : tensor<3x100000xf32> -> tensor<3xf32>
  return %0, %1, %2 : tensor<100000xf32>, tensor<3xf32>, tensor<3xf32>
}

// -----

// A splat whose element count overflows int64 is not summed (a wrapped count
// would give a wrong result).
// CHECK-LABEL: func.func @reduce_splat_overflow
// CHECK: vmapc.reduce sum
func.func @reduce_splat_overflow() -> tensor<f32> {
  %c = vmapc.constant dense<1.0> : tensor<4611686018427387904x4xf32>
  %0 = vmapc.reduce sum %c, dims = [0, 1] : tensor<4611686018427387904x4xf32> -> tensor<f32>
  return %0 : tensor<f32>
}

// -----

// Reducing no dimension is the identity; reducing an empty dimension gives
// the reduction's identity, whatever the operand.
// CHECK-LABEL: func.func @reduce_trivial
// CHECK-SAME: (%[[X:.*]]: tensor<2x3xf32>, %[[E:.*]]: tensor<2x0xf32>, %[[I:.*]]: tensor<0xi32>)
// CHECK-DAG: %[[SUM:.*]] = vmapc.constant dense<0.000000e+00> : tensor<2xf32>
// CHECK-DAG: %[[PROD:.*]] = vmapc.constant dense<1.000000e+00> : tensor<2xf32>
// CHECK-DAG: %[[MAX:.*]] = vmapc.constant dense<0xFF800000> : tensor<2xf32>
// CHECK-DAG: %[[MIN:.*]] = vmapc.constant dense<0x7F800000> : tensor<2xf32>
// CHECK-DAG: %[[IMAX:.*]] = vmapc.constant dense<-2147483648> : tensor<i32>
// CHECK-DAG: %[[IMIN:.*]] = vmapc.constant dense<2147483647> : tensor<i32>
// CHECK-NOT: vmapc.reduce
// CHECK: return %[[X]], %[[SUM]], %[[PROD]], %[[MAX]], %[[MIN]], %[[IMAX]], %[[IMIN]]
func.func @reduce_trivial(%x: tensor<2x3xf32>, %e: tensor<2x0xf32>, %i: tensor<0xi32>)
    -> (tensor<2x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<i32>, tensor<i32>) {
  %0 = vmapc.reduce sum %x, dims = [] : tensor<2x3xf32> -> tensor<2x3xf32>
  %1 = vmapc.reduce sum %e, dims = [1] : tensor<2x0xf32> -> tensor<2xf32>
  %2 = vmapc.reduce prod %e, dims = [1] : tensor<2x0xf32> -> tensor<2xf32>
  %3 = vmapc.reduce max %e, dims = [1] : tensor<2x0xf32> -> tensor<2xf32>
  %4 = vmapc.reduce min %e, dims = [1] : tensor<2x0xf32> -> tensor<2xf32>
  %5 = vmapc.reduce max %i, dims = [0] : tensor<0xi32> -> tensor<i32>
  %6 = vmapc.reduce min %i, dims = [0] : tensor<0xi32> -> tensor<i32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<2x3xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<i32>, tensor<i32>
}

// -----

// A reduction of a non-constant stays.
// CHECK-LABEL: func.func @reduce_stays
// CHECK: vmapc.reduce sum
func.func @reduce_stays(%x: tensor<2x3xf32>) -> tensor<2xf32> {
  %0 = vmapc.reduce sum %x, dims = [1] : tensor<2x3xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
