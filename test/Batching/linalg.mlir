// RUN: vmapc-opt --vmapc-batch %s | FileCheck %s
// RUN: vmapc-opt --vmapc-batch %s | vmapc-opt | FileCheck %s

// cholesky, inv, det and triangular_solve treat their leading dims as a
// batch: a batch dim there needs only a larger tensor; one among the matrix
// dims moves to the front.

func.func @chol(%a: tensor<3x3xf32>) -> tensor<3x3xf32> {
  %0 = vmapc.cholesky %a : tensor<3x3xf32>
  %1 = vmapc.inv %0 : tensor<3x3xf32>
  return %1 : tensor<3x3xf32>
}
// CHECK-LABEL: func.func private @chol_batched_2__4(
// CHECK-SAME:    %[[A:.+]]: tensor<3x3x4xf32>) -> tensor<4x3x3xf32>
// CHECK-NEXT:    %[[T:.+]] = vmapc.transpose %[[A]], permutation = [2, 0, 1] : tensor<3x3x4xf32> -> tensor<4x3x3xf32>
// CHECK-NEXT:    %[[L:.+]] = vmapc.cholesky %[[T]] : tensor<4x3x3xf32>
// CHECK-NEXT:    %[[I:.+]] = vmapc.inv %[[L]] : tensor<4x3x3xf32>
// CHECK-NEXT:    return %[[I]]
func.func @chol_main(%a: tensor<3x3x4xf32>) -> tensor<4x3x3xf32> {
  %r = vmapc.vmap @chol(%a) in_axes [2] out_axes [0] : (tensor<3x3x4xf32>) -> tensor<4x3x3xf32>
  return %r : tensor<4x3x3xf32>
}

// Already a stack of matrices, batched between the stack and the
// matrices: nothing moves.
func.func @det(%a: tensor<2x3x3xf32>) -> tensor<2xf32> {
  %0 = vmapc.det %a : tensor<2x3x3xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
// CHECK-LABEL: func.func private @det_batched_1__5(
// CHECK-SAME:    %[[A:.+]]: tensor<2x5x3x3xf32>) -> tensor<2x5xf32>
// CHECK-NEXT:    %[[D:.+]] = vmapc.det %[[A]] : tensor<2x5x3x3xf32> -> tensor<2x5xf32>
// CHECK-NEXT:    return %[[D]]
func.func @det_main(%a: tensor<2x5x3x3xf32>) -> tensor<5x2xf32> {
  %r = vmapc.vmap @det(%a) in_axes [1] out_axes [0] : (tensor<2x5x3x3xf32>) -> tensor<5x2xf32>
  return %r : tensor<5x2xf32>
}

func.func @solve(%a: tensor<3x3xf32>, %b: tensor<3x2xf32>) -> tensor<3x2xf32> {
  %0 = vmapc.triangular_solve %a, %b {lower = true, left_side = true} : tensor<3x3xf32>, tensor<3x2xf32>
  return %0 : tensor<3x2xf32>
}
// One matrix, batched right-hand sides: the batch is folded into B's
// columns, one solve, no broadcast of A.
// CHECK-LABEL: func.func private @solve_batched_none_0__4(
// CHECK-SAME:    %[[A:.+]]: tensor<3x3xf32>, %[[B:.+]]: tensor<4x3x2xf32>) -> tensor<3x2x4xf32>
// CHECK-NOT:     broadcast_in_dim
// CHECK:         %[[T:.+]] = vmapc.transpose %[[B]], permutation = [1, 2, 0] : tensor<4x3x2xf32> -> tensor<3x2x4xf32>
// CHECK-NEXT:    %[[F:.+]] = vmapc.reshape %[[T]] : tensor<3x2x4xf32> -> tensor<3x8xf32>
// CHECK-NEXT:    %[[S:.+]] = vmapc.triangular_solve %[[A]], %[[F]] {{.*}}: tensor<3x3xf32>, tensor<3x8xf32>
// CHECK-NEXT:    %[[R:.+]] = vmapc.reshape %[[S]] : tensor<3x8xf32> -> tensor<3x2x4xf32>
// CHECK-NEXT:    return %[[R]]
func.func @solve_rhs(%a: tensor<3x3xf32>, %b: tensor<4x3x2xf32>) -> tensor<4x3x2xf32> {
  %r = vmapc.vmap @solve(%a, %b) in_axes [none, 0] out_axes [0] : (tensor<3x3xf32>, tensor<4x3x2xf32>) -> tensor<4x3x2xf32>
  return %r : tensor<4x3x2xf32>
}
// Batched matrices, one right-hand side: B is broadcast, one batched solve.
// CHECK-LABEL: func.func private @solve_batched_0_none__4(
// CHECK-SAME:    %[[A:.+]]: tensor<4x3x3xf32>, %[[B:.+]]: tensor<3x2xf32>) -> tensor<4x3x2xf32>
// CHECK-NEXT:    %[[BB:.+]] = vmapc.broadcast_in_dim %[[B]], dims = [1, 2] : tensor<3x2xf32> -> tensor<4x3x2xf32>
// CHECK-NEXT:    %[[S:.+]] = vmapc.triangular_solve %[[A]], %[[BB]] {{.*}}: tensor<4x3x3xf32>, tensor<4x3x2xf32>
// CHECK-NEXT:    return %[[S]]
func.func @solve_a(%a: tensor<4x3x3xf32>, %b: tensor<3x2xf32>) -> tensor<4x3x2xf32> {
  %r = vmapc.vmap @solve(%a, %b) in_axes [0, none] out_axes [0] : (tensor<4x3x3xf32>, tensor<3x2xf32>) -> tensor<4x3x2xf32>
  return %r : tensor<4x3x2xf32>
}

// Right-side solve with one matrix: the batch is folded into B's rows.
func.func @rsolve(%a: tensor<3x3xf32>, %b: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = vmapc.triangular_solve %a, %b {lower = false, left_side = false, transpose_a = true} : tensor<3x3xf32>, tensor<2x3xf32>
  return %0 : tensor<2x3xf32>
}
// CHECK-LABEL: func.func private @rsolve_batched_none_2__4(
// CHECK-SAME:    %[[A:.+]]: tensor<3x3xf32>, %[[B:.+]]: tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
// CHECK-NEXT:    %[[T:.+]] = vmapc.transpose %[[B]], permutation = [2, 0, 1] : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
// CHECK-NEXT:    %[[F:.+]] = vmapc.reshape %[[T]] : tensor<4x2x3xf32> -> tensor<8x3xf32>
// CHECK-NEXT:    %[[S:.+]] = vmapc.triangular_solve %[[A]], %[[F]] {left_side = false, lower = false, transpose_a = true} : tensor<3x3xf32>, tensor<8x3xf32>
// CHECK-NEXT:    %[[R:.+]] = vmapc.reshape %[[S]] : tensor<8x3xf32> -> tensor<4x2x3xf32>
// CHECK-NEXT:    return %[[R]]
func.func @rsolve_main(%a: tensor<3x3xf32>, %b: tensor<2x3x4xf32>) -> tensor<4x2x3xf32> {
  %r = vmapc.vmap @rsolve(%a, %b) in_axes [none, -1] out_axes [0] : (tensor<3x3xf32>, tensor<2x3x4xf32>) -> tensor<4x2x3xf32>
  return %r : tensor<4x2x3xf32>
}
