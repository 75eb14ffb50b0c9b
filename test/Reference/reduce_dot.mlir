// vmapc.reduce and vmapc.dot_general in the reference evaluator. Expected
// values worked out by hand.
// RUN: vmapc-eval %s -e reduce | FileCheck %s --check-prefix=RED
// RUN: vmapc-eval %s -e dot | FileCheck %s --check-prefix=DOT

// RED:      tensor<2xf32> [6, 15]
// RED-NEXT: tensor<3xf32> [5, 7, 9]
// RED-NEXT: tensor<f32> 21
// RED-NEXT: tensor<2xf32> [6, 120]
// RED-NEXT: tensor<3xf32> [4, 5, 6]
// RED-NEXT: tensor<2xf32> [1, 4]
// RED-NEXT: tensor<2xf64> [0, 0]
// RED-NEXT: tensor<2xf64> [-inf, -inf]
// RED-NEXT: tensor<2xi32> [-2147483648, 2147483647]
// RED-NEXT: tensor<2xf32> [nan, 2]
// RED-NEXT: tensor<i32> -2147483647
func.func @reduce() -> (tensor<2xf32>, tensor<3xf32>, tensor<f32>,
                        tensor<2xf32>, tensor<3xf32>, tensor<2xf32>,
                        tensor<2xf64>, tensor<2xf64>, tensor<2xi32>,
                        tensor<2xf32>, tensor<i32>) {
  %x = "vmapc.constant"() {value = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
  %s1 = "vmapc.reduce"(%x) {kind = "sum", dimensions = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2xf32>
  %s0 = "vmapc.reduce"(%x) {kind = "sum", dimensions = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<3xf32>
  %s01 = "vmapc.reduce"(%x) {kind = "sum", dimensions = array<i64: 0, 1>} : (tensor<2x3xf32>) -> tensor<f32>
  %p1 = "vmapc.reduce"(%x) {kind = "prod", dimensions = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2xf32>
  %m0 = "vmapc.reduce"(%x) {kind = "max", dimensions = array<i64: 0>} : (tensor<2x3xf32>) -> tensor<3xf32>
  %n1 = "vmapc.reduce"(%x) {kind = "min", dimensions = array<i64: 1>} : (tensor<2x3xf32>) -> tensor<2xf32>
  // An empty reduction gives the identity: 0, -inf, INT_MIN, INT_MAX.
  %e = "vmapc.constant"() {value = dense<0.0> : tensor<2x0xf64>} : () -> tensor<2x0xf64>
  %es = "vmapc.reduce"(%e) {kind = "sum", dimensions = array<i64: 1>} : (tensor<2x0xf64>) -> tensor<2xf64>
  %em = "vmapc.reduce"(%e) {kind = "max", dimensions = array<i64: 1>} : (tensor<2x0xf64>) -> tensor<2xf64>
  %ei = "vmapc.constant"() {value = dense<0> : tensor<0x1xi32>} : () -> tensor<0x1xi32>
  %eimax = "vmapc.reduce"(%ei) {kind = "max", dimensions = array<i64: 0>} : (tensor<0x1xi32>) -> tensor<1xi32>
  %eimin = "vmapc.reduce"(%ei) {kind = "min", dimensions = array<i64: 0>} : (tensor<0x1xi32>) -> tensor<1xi32>
  %eicat = "vmapc.concatenate"(%eimax, %eimin) {dimension = 0 : i64} : (tensor<1xi32>, tensor<1xi32>) -> tensor<2xi32>
  // max propagates NaN.
  %nx = "vmapc.constant"() {value = dense<[[1.0, 0x7FC00000], [2.0, -1.0]]> : tensor<2x2xf32>} : () -> tensor<2x2xf32>
  %nm = "vmapc.reduce"(%nx) {kind = "max", dimensions = array<i64: 1>} : (tensor<2x2xf32>) -> tensor<2xf32>
  // Integer sums wrap: 2 (2^31 - 1) + 3 - 2^31 = 2^31 + 1 wraps to -2^31 + 1.
  %iv = "vmapc.constant"() {value = dense<[2147483647, 2147483647, 3, -2147483648]> : tensor<4xi32>} : () -> tensor<4xi32>
  %is = "vmapc.reduce"(%iv) {kind = "sum", dimensions = array<i64: 0>} : (tensor<4xi32>) -> tensor<i32>
  return %s1, %s0, %s01, %p1, %m0, %n1, %es, %em, %eicat, %nm, %is
      : tensor<2xf32>, tensor<3xf32>, tensor<f32>, tensor<2xf32>,
        tensor<3xf32>, tensor<2xf32>, tensor<2xf64>, tensor<2xf64>,
        tensor<2xi32>, tensor<2xf32>, tensor<i32>
}

// DOT:      tensor<2x2xf32> {{\[}}[58, 64], [139, 154]]
// DOT-NEXT: tensor<2x1x1xf32> {{\[}}{{\[}}[17]], {{\[}}[53]]]
// DOT-NEXT: tensor<f64> 70
// DOT-NEXT: tensor<2x3xi32> {{\[}}[3, 4, 5], [6, 8, 10]]
// DOT-NEXT: tensor<2x2xf32> {{\[}}[6, 8], [8, 10]]
// DOT-NEXT: tensor<2xi64> [9, 24]
// DOT-NEXT: tensor<2x2x3xf32> {{\[}}{{\[}}[1, 1, 1], [2, 2, 2]], {{\[}}[3, 3, 3], [4, 4, 4]]]
func.func @dot() -> (tensor<2x2xf32>, tensor<2x1x1xf32>, tensor<f64>,
                     tensor<2x3xi32>, tensor<2x2xf32>, tensor<2xi64>,
                     tensor<2x2x3xf32>) {
  %a = "vmapc.constant"() {value = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
  %b = "vmapc.constant"() {value = dense<[[7.0, 8.0], [9.0, 10.0], [11.0, 12.0]]> : tensor<3x2xf32>} : () -> tensor<3x2xf32>
  %mm = "vmapc.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x3xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  // Batched: [1, 2] . [5, 6] = 17 and [3, 4] . [7, 8] = 53.
  %ba = "vmapc.constant"() {value = dense<[[[1.0, 2.0]], [[3.0, 4.0]]]> : tensor<2x1x2xf32>} : () -> tensor<2x1x2xf32>
  %bb = "vmapc.constant"() {value = dense<[[[5.0], [6.0]], [[7.0], [8.0]]]> : tensor<2x2x1xf32>} : () -> tensor<2x2x1xf32>
  %bmm = "vmapc.dot_general"(%ba, %bb) {lhs_batching_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2>, rhs_contracting_dimensions = array<i64: 1>} : (tensor<2x1x2xf32>, tensor<2x2x1xf32>) -> tensor<2x1x1xf32>
  // Two contracting dims: the Frobenius inner product 5 + 12 + 21 + 32.
  %fa = "vmapc.constant"() {value = dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf64>} : () -> tensor<2x2xf64>
  %fb = "vmapc.constant"() {value = dense<[[5.0, 6.0], [7.0, 8.0]]> : tensor<2x2xf64>} : () -> tensor<2x2xf64>
  %frob = "vmapc.dot_general"(%fa, %fb) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0, 1>, rhs_contracting_dimensions = array<i64: 0, 1>} : (tensor<2x2xf64>, tensor<2x2xf64>) -> tensor<f64>
  // No contraction: the outer product.
  %u = "vmapc.constant"() {value = dense<[1, 2]> : tensor<2xi32>} : () -> tensor<2xi32>
  %v = "vmapc.constant"() {value = dense<[3, 4, 5]> : tensor<3xi32>} : () -> tensor<3xi32>
  %outer = "vmapc.dot_general"(%u, %v) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64>, rhs_contracting_dimensions = array<i64>} : (tensor<2xi32>, tensor<3xi32>) -> tensor<2x3xi32>
  // Contracting the leading dim of both: A^T B.
  %ta = "vmapc.constant"() {value = dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0]]> : tensor<3x2xf32>} : () -> tensor<3x2xf32>
  %tb = "vmapc.constant"() {value = dense<[[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]]> : tensor<3x2xf32>} : () -> tensor<3x2xf32>
  %atb = "vmapc.dot_general"(%ta, %tb) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<3x2xf32>, tensor<3x2xf32>) -> tensor<2x2xf32>
  // Batch dim last on lhs, first on rhs: r[b] = sum_k A[k, b] * B[b, k].
  %la = "vmapc.constant"() {value = dense<[[1, 2], [3, 4], [5, 6]]> : tensor<3x2xi64>} : () -> tensor<3x2xi64>
  %lb = "vmapc.constant"() {value = dense<[[1, 1, 1], [2, 2, 2]]> : tensor<2x3xi64>} : () -> tensor<2x3xi64>
  %bd = "vmapc.dot_general"(%la, %lb) {lhs_batching_dimensions = array<i64: 1>, rhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 1>} : (tensor<3x2xi64>, tensor<2x3xi64>) -> tensor<2xi64>
  // Result order: batch dims, lhs free dims, rhs free dims.
  %oa = "vmapc.constant"() {value = dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>} : () -> tensor<2x2xf32>
  %ob = "vmapc.constant"() {value = dense<1.0> : tensor<3xf32>} : () -> tensor<3xf32>
  %ord = "vmapc.dot_general"(%oa, %ob) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64>, rhs_contracting_dimensions = array<i64>} : (tensor<2x2xf32>, tensor<3xf32>) -> tensor<2x2x3xf32>
  return %mm, %bmm, %frob, %outer, %atb, %bd, %ord
      : tensor<2x2xf32>, tensor<2x1x1xf32>, tensor<f64>, tensor<2x3xi32>,
        tensor<2x2xf32>, tensor<2xi64>, tensor<2x2x3xf32>
}
