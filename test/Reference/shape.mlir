// Shape ops, constants and iota in the reference evaluator. Expected values
// worked out by hand (the 3-D transpose with a Python list comprehension).
// RUN: vmapc-eval %s -e broadcast | FileCheck %s --check-prefix=BCAST
// RUN: vmapc-eval %s -e reshape_transpose | FileCheck %s --check-prefix=PERM
// RUN: vmapc-eval %s -e slice_concat | FileCheck %s --check-prefix=SLICE
// RUN: vmapc-eval %s -e constants | FileCheck %s --check-prefix=CONST

// BCAST:      tensor<2x3xi32> {{\[}}[10, 20, 30], [10, 20, 30]]
// BCAST-NEXT: tensor<2x3xi32> {{\[}}[1, 1, 1], [2, 2, 2]]
// BCAST-NEXT: tensor<2x2xf64> {{\[}}[7.5, 7.5], [7.5, 7.5]]
// BCAST-NEXT: tensor<2x3x2xi32> {{\[}}{{\[}}[10, 10], [20, 20], [30, 30]], {{\[}}[10, 10], [20, 20], [30, 30]]]
func.func @broadcast() -> (tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x2xf64>,
                           tensor<2x3x2xi32>) {
  %v = "vmapc.constant"() {value = dense<[10, 20, 30]> : tensor<3xi32>} : () -> tensor<3xi32>
  %rows = "vmapc.broadcast_in_dim"(%v) {broadcast_dimensions = array<i64: 1>} : (tensor<3xi32>) -> tensor<2x3xi32>
  %c = "vmapc.constant"() {value = dense<[[1], [2]]> : tensor<2x1xi32>} : () -> tensor<2x1xi32>
  // A size-1 operand dimension is stretched.
  %cols = "vmapc.broadcast_in_dim"(%c) {broadcast_dimensions = array<i64: 0, 1>} : (tensor<2x1xi32>) -> tensor<2x3xi32>
  %s = "vmapc.constant"() {value = dense<7.5> : tensor<f64>} : () -> tensor<f64>
  %splat = "vmapc.broadcast_in_dim"(%s) {broadcast_dimensions = array<i64>} : (tensor<f64>) -> tensor<2x2xf64>
  %mid = "vmapc.broadcast_in_dim"(%v) {broadcast_dimensions = array<i64: 1>} : (tensor<3xi32>) -> tensor<2x3x2xi32>
  return %rows, %cols, %splat, %mid : tensor<2x3xi32>, tensor<2x3xi32>, tensor<2x2xf64>, tensor<2x3x2xi32>
}

// PERM:      tensor<3x2xi32> {{\[}}[1, 2], [3, 4], [5, 6]]
// PERM-NEXT: tensor<3x2xi32> {{\[}}[1, 4], [2, 5], [3, 6]]
// PERM-NEXT: tensor<4x2x3xi64> {{\[}}{{\[}}[0, 4, 8], [12, 16, 20]], {{\[}}[1, 5, 9], [13, 17, 21]], {{\[}}[2, 6, 10], [14, 18, 22]], {{\[}}[3, 7, 11], [15, 19, 23]]]
// PERM-NEXT: tensor<6xi32> [1, 2, 3, 4, 5, 6]
// PERM-NEXT: tensor<f32> 2.5
func.func @reshape_transpose() -> (tensor<3x2xi32>, tensor<3x2xi32>,
                                   tensor<4x2x3xi64>, tensor<6xi32>,
                                   tensor<f32>) {
  %x = "vmapc.constant"() {value = dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>} : () -> tensor<2x3xi32>
  %r = "vmapc.reshape"(%x) : (tensor<2x3xi32>) -> tensor<3x2xi32>
  %t = "vmapc.transpose"(%x) {permutation = array<i64: 1, 0>} : (tensor<2x3xi32>) -> tensor<3x2xi32>
  // x3[j, k, i] = 12 j + 4 k + i; the result dim d is operand dim perm[d].
  %lin = "vmapc.iota"() {dimension = 0 : i64} : () -> tensor<24xi64>
  %x3 = "vmapc.reshape"(%lin) : (tensor<24xi64>) -> tensor<2x3x4xi64>
  %t3 = "vmapc.transpose"(%x3) {permutation = array<i64: 2, 0, 1>} : (tensor<2x3x4xi64>) -> tensor<4x2x3xi64>
  %flat = "vmapc.reshape"(%x) : (tensor<2x3xi32>) -> tensor<6xi32>
  %one = "vmapc.constant"() {value = dense<[[2.5]]> : tensor<1x1xf32>} : () -> tensor<1x1xf32>
  %scalar = "vmapc.reshape"(%one) : (tensor<1x1xf32>) -> tensor<f32>
  return %r, %t, %t3, %flat, %scalar : tensor<3x2xi32>, tensor<3x2xi32>, tensor<4x2x3xi64>, tensor<6xi32>, tensor<f32>
}

// SLICE:      tensor<2x2xi32> {{\[}}[2, 3], [5, 6]]
// SLICE-NEXT: tensor<3xi64> [1, 4, 7]
// SLICE-NEXT: tensor<1x2xi32> {{\[}}[4, 6]]
// SLICE-NEXT: tensor<2x4xi32> {{\[}}[1, 2, 3, 7], [4, 5, 6, 8]]
// SLICE-NEXT: tensor<5x1xi32> {{\[}}[7], [8], [7], [8], [9]]
// SLICE-NEXT: tensor<0x3xi32> []
func.func @slice_concat() -> (tensor<2x2xi32>, tensor<3xi64>, tensor<1x2xi32>,
                              tensor<2x4xi32>, tensor<5x1xi32>,
                              tensor<0x3xi32>) {
  %x = "vmapc.constant"() {value = dense<[[1, 2, 3], [4, 5, 6]]> : tensor<2x3xi32>} : () -> tensor<2x3xi32>
  %s = "vmapc.slice"(%x) {start_indices = array<i64: 0, 1>, limit_indices = array<i64: 2, 3>, strides = array<i64: 1, 1>} : (tensor<2x3xi32>) -> tensor<2x2xi32>
  %lin = "vmapc.iota"() {dimension = 0 : i64} : () -> tensor<10xi64>
  // [1, 8) step 3: 1, 4, 7.
  %st = "vmapc.slice"(%lin) {start_indices = array<i64: 1>, limit_indices = array<i64: 8>, strides = array<i64: 3>} : (tensor<10xi64>) -> tensor<3xi64>
  %s2 = "vmapc.slice"(%x) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 2, 3>, strides = array<i64: 1, 2>} : (tensor<2x3xi32>) -> tensor<1x2xi32>
  %y = "vmapc.constant"() {value = dense<[[7], [8]]> : tensor<2x1xi32>} : () -> tensor<2x1xi32>
  %c1 = "vmapc.concatenate"(%x, %y) {dimension = 1 : i64} : (tensor<2x3xi32>, tensor<2x1xi32>) -> tensor<2x4xi32>
  %z = "vmapc.constant"() {value = dense<[[9]]> : tensor<1x1xi32>} : () -> tensor<1x1xi32>
  %c0 = "vmapc.concatenate"(%y, %y, %z) {dimension = 0 : i64} : (tensor<2x1xi32>, tensor<2x1xi32>, tensor<1x1xi32>) -> tensor<5x1xi32>
  %e = "vmapc.slice"(%x) {start_indices = array<i64: 1, 0>, limit_indices = array<i64: 1, 3>, strides = array<i64: 1, 1>} : (tensor<2x3xi32>) -> tensor<0x3xi32>
  return %s, %st, %s2, %c1, %c0, %e : tensor<2x2xi32>, tensor<3xi64>, tensor<1x2xi32>, tensor<2x4xi32>, tensor<5x1xi32>, tensor<0x3xi32>
}

// CONST:      tensor<2x3xi32> {{\[}}[0, 1, 2], [0, 1, 2]]
// CONST-NEXT: tensor<3x2xf32> {{\[}}[0, 0], [1, 1], [2, 2]]
// CONST-NEXT: tensor<2xi1> [true, true]
// CONST-NEXT: tensor<3xi1> [true, false, true]
// CONST-NEXT: tensor<f64> -0.25
// CONST-NEXT: tensor<2x2xi64> {{\[}}[-1, -1], [-1, -1]]
func.func @constants() -> (tensor<2x3xi32>, tensor<3x2xf32>, tensor<2xi1>,
                           tensor<3xi1>, tensor<f64>, tensor<2x2xi64>) {
  %i1 = "vmapc.iota"() {dimension = 1 : i64} : () -> tensor<2x3xi32>
  %i0 = "vmapc.iota"() {dimension = 0 : i64} : () -> tensor<3x2xf32>
  %t = "vmapc.constant"() {value = dense<true> : tensor<2xi1>} : () -> tensor<2xi1>
  %b = "vmapc.constant"() {value = dense<[true, false, true]> : tensor<3xi1>} : () -> tensor<3xi1>
  %f = "vmapc.constant"() {value = dense<-0.25> : tensor<f64>} : () -> tensor<f64>
  %n = "vmapc.constant"() {value = dense<-1> : tensor<2x2xi64>} : () -> tensor<2x2xi64>
  return %i1, %i0, %t, %b, %f, %n : tensor<2x3xi32>, tensor<3x2xf32>, tensor<2xi1>, tensor<3xi1>, tensor<f64>, tensor<2x2xi64>
}
