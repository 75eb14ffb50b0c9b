// Shape, reduction, contraction, indexing and linear-algebra ops compiled to
// native code on .npy inputs; vmapc-eval must print the same values.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/x.npy '<f4' 2,3 --values=1,2,3,4,5,6
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/w.npy '<f4' 3,2 --values=1,0,0,1,1,1
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/v.npy '<f4' 3 --values=1,-1,2
// RUN: vmapc-run %s -e shape --arg=%t/x.npy --arg=%t/v.npy | FileCheck %s --check-prefix=SHAPE
// RUN: vmapc-eval %s -e shape --arg=%t/x.npy --arg=%t/v.npy | FileCheck %s --check-prefix=SHAPE
// RUN: vmapc-run %s -e reduce --arg=%t/x.npy | FileCheck %s --check-prefix=RED
// RUN: vmapc-eval %s -e reduce --arg=%t/x.npy | FileCheck %s --check-prefix=RED
// RUN: vmapc-run %s -e dots --arg=%t/x.npy --arg=%t/w.npy --arg=%t/v.npy | FileCheck %s --check-prefix=DOT
// RUN: vmapc-eval %s -e dots --arg=%t/x.npy --arg=%t/w.npy --arg=%t/v.npy | FileCheck %s --check-prefix=DOT
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/idx.npy '<i4' 4 --values=2,-5,0,9
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/s.npy '<i8' "" --values=5
// RUN: vmapc-run %s -e indexing --arg=%t/x.npy --arg=%t/idx.npy --arg=%t/s.npy | FileCheck %s --check-prefix=IDX
// RUN: vmapc-eval %s -e indexing --arg=%t/x.npy --arg=%t/idx.npy --arg=%t/s.npy | FileCheck %s --check-prefix=IDX
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/spd.npy '<f8' 2,2,2 --values=4,99,2,3,1,2,2,1
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/m.npy '<f4' 3,3 --values=0,2,1,4,0,0,1,1,1
// RUN: vmapc-run %s -e linalg --arg=%t/spd.npy --arg=%t/m.npy | FileCheck %s --check-prefix=LIN
// RUN: vmapc-eval %s -e linalg --arg=%t/spd.npy --arg=%t/m.npy | FileCheck %s --check-prefix=LIN

// SHAPE:      tensor<2x3xf32> {{\[}}[2, 1, 5], [5, 4, 8]]
// SHAPE-NEXT: tensor<3x2xf32> {{\[}}[1, 2], [3, 4], [5, 6]]
// SHAPE-NEXT: tensor<3x2xf32> {{\[}}[1, 4], [2, 5], [3, 6]]
// SHAPE-NEXT: tensor<2x1xf32> {{\[}}[1], [4]]
// SHAPE-NEXT: tensor<2x6xf32> {{\[}}[1, 2, 3, 1, 2, 3], [4, 5, 6, 4, 5, 6]]
// SHAPE-NEXT: tensor<2x3xi32> {{\[}}[0, 1, 2], [0, 1, 2]]
func.func @shape(%x: tensor<2x3xf32>, %v: tensor<3xf32>) -> (tensor<2x3xf32>, tensor<3x2xf32>, tensor<3x2xf32>, tensor<2x1xf32>, tensor<2x6xf32>, tensor<2x3xi32>) {
  %b = "vmapc.broadcast_in_dim"(%v) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  %sum = "vmapc.add"(%x, %b) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %r = "vmapc.reshape"(%x) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %t = "vmapc.transpose"(%x) {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %s = "vmapc.slice"(%x) {start_indices = array<i64: 0, 0>, limit_indices = array<i64: 2, 3>, strides = array<i64: 1, 3>} : (tensor<2x3xf32>) -> tensor<2x1xf32>
  %c = "vmapc.concatenate"(%x, %x) {dimension = 1 : i64} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x6xf32>
  %i = "vmapc.iota"() {dimension = 1 : i64} : () -> tensor<2x3xi32>
  return %sum, %r, %t, %s, %c, %i : tensor<2x3xf32>, tensor<3x2xf32>, tensor<3x2xf32>, tensor<2x1xf32>, tensor<2x6xf32>, tensor<2x3xi32>
}

// RED:      tensor<2xf32> [6, 15]
// RED-NEXT: tensor<3xf32> [4, 5, 6]
// RED-NEXT: tensor<f32> 1
// RED-NEXT: tensor<2xf32> [6, 120]
func.func @reduce(%x: tensor<2x3xf32>) -> (tensor<2xf32>, tensor<3xf32>, tensor<f32>, tensor<2xf32>) {
  %0 = "vmapc.reduce"(%x) {kind = "sum", dimensions = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2xf32>
  %1 = "vmapc.reduce"(%x) {kind = "max", dimensions = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<3xf32>
  %2 = "vmapc.reduce"(%x) {kind = "min", dimensions = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<f32>
  %3 = "vmapc.reduce"(%x) {kind = "prod", dimensions = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2xf32>
  return %0, %1, %2, %3 : tensor<2xf32>, tensor<3xf32>, tensor<f32>, tensor<2xf32>
}

// x.w, x.v, v.v, and x^T x contracted over the rows with x's rows as a
// batch of one each (x[b] outer x[b], b = 0, 1).
// DOT:      tensor<2x2xf32> {{\[}}[4, 5], [10, 11]]
// DOT-NEXT: tensor<2xf32> [5, 11]
// DOT-NEXT: tensor<f32> 6
// DOT-NEXT: tensor<3x3xf32> {{\[}}[17, 22, 27], [22, 29, 36], [27, 36, 45]]
// DOT-NEXT: tensor<2x3x3xf32> {{\[}}{{\[}}[1, 2, 3], [2, 4, 6], [3, 6, 9]], {{\[}}[16, 20, 24], [20, 25, 30], [24, 30, 36]]]
func.func @dots(%x: tensor<2x3xf32>, %w: tensor<3x2xf32>, %v: tensor<3xf32>) -> (tensor<2x2xf32>, tensor<2xf32>, tensor<f32>, tensor<3x3xf32>, tensor<2x3x3xf32>) {
  %0 = "vmapc.dot_general"(%x, %w) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  %1 = "vmapc.dot_general"(%x, %v) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2xf32>
  %2 = "vmapc.dot_general"(%v, %v) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<3xf32>, tensor<3xf32>) -> tensor<f32>
  %3 = "vmapc.dot_general"(%x, %x) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<3x3xf32>
  %4 = "vmapc.dot_general"(%x, %x) {lhs_batching_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64>, rhs_contracting_dimensions = array<i64>} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3x3xf32>
  return %0, %1, %2, %3, %4 : tensor<2x2xf32>, tensor<2xf32>, tensor<f32>, tensor<3x3xf32>, tensor<2x3x3xf32>
}

// Gather clamps indices into [0, 2]; dynamic_slice clamps its start so the
// 2x2 window stays inside (start column 5 -> 1).
// IDX:      tensor<2x4xf32> {{\[}}[3, 1, 1, 3], [6, 4, 4, 6]]
// IDX-NEXT: tensor<2x2xf32> {{\[}}[2, 3], [5, 6]]
func.func @indexing(%x: tensor<2x3xf32>, %idx: tensor<4xi32>, %s: tensor<i64>) -> (tensor<2x4xf32>, tensor<2x2xf32>) {
  %g = "vmapc.gather"(%x, %idx) {axis = 1 : i64, batch_dims = 0 : i64} : (tensor<2x3xf32>, tensor<4xi32>) -> tensor<2x4xf32>
  %z = "vmapc.constant"() {value = dense<0> : tensor<i64>} : () -> tensor<i64>
  %d = "vmapc.dynamic_slice"(%x, %z, %s) {slice_sizes = array<i64: 2, 2>} : (tensor<2x3xf32>, tensor<i64>, tensor<i64>) -> tensor<2x2xf32>
  return %g, %d : tensor<2x4xf32>, tensor<2x2xf32>
}

// Cholesky reads only the lower triangle (99 ignored) and gives all NaN for
// a matrix that is not positive definite. m needs pivoting (zero leading
// entry): det(m) = -2*4 + 1*4 = -4; inv(m) m = I checked by hand.
// LIN:      tensor<2x2x2xf64> {{\[}}{{\[}}[2, 0], [1, 1.4142135623730951]], {{\[}}[nan, nan], [nan, nan]]]
// LIN-NEXT: tensor<f32> -4
// LIN-NEXT: tensor<3x3xf32> {{\[}}[0, 0.25, 0], [1, 0.25, -1], [-1, -0.5, 2]]
// LIN-NEXT: tensor<2x2x1xf64> {{\[}}{{\[}}[0.5], [0.5]], {{\[}}[1], [0]]]
func.func @linalg(%spd: tensor<2x2x2xf64>, %m: tensor<3x3xf32>) -> (tensor<2x2x2xf64>, tensor<f32>, tensor<3x3xf32>, tensor<2x2x1xf64>) {
  %l = "vmapc.cholesky"(%spd) : (tensor<2x2x2xf64>) -> tensor<2x2x2xf64>
  %d = "vmapc.det"(%m) : (tensor<3x3xf32>) -> tensor<f32>
  %i = "vmapc.inv"(%m) : (tensor<3x3xf32>) -> tensor<3x3xf32>
  // Solve L y = [1, 2]^T for the lower triangle of spd: [[4, .], [2, 3]]
  // gives y = [0.25, 0.5]; scaled rhs chosen so values are exact.
  %rhs = "vmapc.constant"() {value = dense<[[[2.0], [2.5]], [[1.0], [2.0]]]> : tensor<2x2x1xf64>} : () -> tensor<2x2x1xf64>
  %y = "vmapc.triangular_solve"(%spd, %rhs) {lower = true, left_side = true, transpose_a = false} : (tensor<2x2x2xf64>, tensor<2x2x1xf64>) -> tensor<2x2x1xf64>
  return %l, %d, %i, %y : tensor<2x2x2xf64>, tensor<f32>, tensor<3x3xf32>, tensor<2x2x1xf64>
}
