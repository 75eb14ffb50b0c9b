// The folders against the reference evaluator, an independent implementation
// of the ops' semantics: each function gives the same results evaluated as
// written and after --canonicalize has folded it down to constants.
//
// RUN: vmapc-opt %s --canonicalize > %t.folded.mlir
// RUN: FileCheck %s < %t.folded.mlir
// RUN: vmapc-eval %s -e elementwise_float > %t.before
// RUN: vmapc-eval %t.folded.mlir -e elementwise_float > %t.after
// RUN: diff %t.before %t.after
// RUN: vmapc-eval %s -e elementwise_int > %t.before
// RUN: vmapc-eval %t.folded.mlir -e elementwise_int > %t.after
// RUN: diff %t.before %t.after
// RUN: vmapc-eval %s -e compare_select_convert > %t.before
// RUN: vmapc-eval %t.folded.mlir -e compare_select_convert > %t.after
// RUN: diff %t.before %t.after
// RUN: vmapc-eval %s -e shapes > %t.before
// RUN: vmapc-eval %t.folded.mlir -e shapes > %t.after
// RUN: diff %t.before %t.after
// RUN: vmapc-eval %s -e reductions > %t.before
// RUN: vmapc-eval %t.folded.mlir -e reductions > %t.after
// RUN: diff %t.before %t.after

// Everything folds: only constants are left.
// CHECK-LABEL: func.func @elementwise_float
// CHECK-NOT: vmapc.{{[a-z_]+}} %
// CHECK: return
// CHECK-LABEL: func.func @elementwise_int
// CHECK-NOT: vmapc.{{[a-z_]+}} %
// CHECK: return
// CHECK-LABEL: func.func @compare_select_convert
// CHECK-NOT: vmapc.{{[a-z_]+}} %
// CHECK: return
// CHECK-LABEL: func.func @shapes
// CHECK-NOT: vmapc.{{[a-z_]+}} %
// CHECK: return
// CHECK-LABEL: func.func @reductions
// CHECK-NOT: vmapc.{{[a-z_]+}} %
// CHECK: return

func.func @elementwise_float() -> (tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<2xf64>) {
  %a = vmapc.constant dense<[1.5, -2.25, 0.75, 3.0e+07, 0x7FC00000]> : tensor<5xf32>
  %b = vmapc.constant dense<[0.5, 4.0, -0.0, 7.0, 1.0]> : tensor<5xf32>
  %p = vmapc.constant dense<[0.25, 1.0, 2.0, 0.5, 3.0]> : tensor<5xf32>
  %0 = vmapc.add %a, %b : tensor<5xf32>
  %1 = vmapc.sub %a, %b : tensor<5xf32>
  %2 = vmapc.mul %a, %b : tensor<5xf32>
  %3 = vmapc.div %a, %b : tensor<5xf32>
  %4 = vmapc.max %a, %b : tensor<5xf32>
  %5 = vmapc.min %a, %b : tensor<5xf32>
  %6 = vmapc.pow %p, %b : tensor<5xf32>
  %7 = vmapc.neg %a : tensor<5xf32>
  %8 = vmapc.abs %a : tensor<5xf32>
  %9 = vmapc.exp %b : tensor<5xf32>
  %10 = vmapc.log %p : tensor<5xf32>
  %11 = vmapc.sqrt %p : tensor<5xf32>
  %12 = vmapc.rsqrt %p : tensor<5xf32>
  %13 = vmapc.tanh %a : tensor<5xf32>
  %14 = vmapc.sin %b : tensor<5xf32>
  %15 = vmapc.cos %b : tensor<5xf32>
  %16 = vmapc.logistic %a : tensor<5xf32>
  %d = vmapc.constant dense<[0.1, -3.5]> : tensor<2xf64>
  %e = vmapc.constant dense<0.7> : tensor<2xf64>
  %17 = vmapc.pow %e, %d : tensor<2xf64>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13, %14, %15, %16, %17 : tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<2xf64>
}

func.func @elementwise_int() -> (tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<3xi64>) {
  %a = vmapc.constant dense<[2147483647, -7, 7, -2147483648]> : tensor<4xi32>
  %b = vmapc.constant dense<[1, 2, -2, 3]> : tensor<4xi32>
  %0 = vmapc.add %a, %b : tensor<4xi32>
  %1 = vmapc.sub %a, %b : tensor<4xi32>
  %2 = vmapc.mul %a, %b : tensor<4xi32>
  %3 = vmapc.div %a, %b : tensor<4xi32>
  %4 = vmapc.max %a, %b : tensor<4xi32>
  %5 = vmapc.min %a, %b : tensor<4xi32>
  %6 = vmapc.neg %a : tensor<4xi32>
  %7 = vmapc.abs %a : tensor<4xi32>
  %l = vmapc.constant dense<[9223372036854775807, -5, 12]> : tensor<3xi64>
  %m = vmapc.constant dense<2> : tensor<3xi64>
  %8 = vmapc.mul %l, %m : tensor<3xi64>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<3xi64>
}

func.func @compare_select_convert() -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xf32>, tensor<4xi32>, tensor<4xf64>, tensor<4xi1>, tensor<4xf32>, tensor<4xi64>, tensor<4xi32>) {
  %a = vmapc.constant dense<[1.0, 0x7FC00000, -2.0, 5.0]> : tensor<4xf32>
  %b = vmapc.constant dense<[1.0, 1.0, 3.0, -5.0]> : tensor<4xf32>
  %0 = vmapc.compare eq, %a, %b : tensor<4xf32>
  %1 = vmapc.compare ne, %a, %b : tensor<4xf32>
  %2 = vmapc.compare lt, %a, %b : tensor<4xf32>
  %3 = vmapc.compare le, %a, %b : tensor<4xf32>
  %4 = vmapc.compare gt, %a, %b : tensor<4xf32>
  %5 = vmapc.compare ge, %a, %b : tensor<4xf32>
  %i = vmapc.constant dense<[3, -1, 0, 8]> : tensor<4xi32>
  %j = vmapc.constant dense<[3, 1, -4, 2]> : tensor<4xi32>
  %6 = vmapc.compare lt, %i, %j : tensor<4xi32>
  %7 = vmapc.select %6, %a, %b : tensor<4xi1>, tensor<4xf32>
  %f = vmapc.constant dense<[2.9, -2.9, 0.5, -0.0]> : tensor<4xf32>
  %8 = vmapc.convert %f : tensor<4xf32> -> tensor<4xi32>
  %9 = vmapc.convert %f : tensor<4xf32> -> tensor<4xf64>
  %10 = vmapc.convert %a : tensor<4xf32> -> tensor<4xi1>
  %11 = vmapc.convert %6 : tensor<4xi1> -> tensor<4xf32>
  %12 = vmapc.convert %i : tensor<4xi32> -> tensor<4xi64>
  %k = vmapc.constant dense<[4294967297, -1, 2147483648, 5]> : tensor<4xi64>
  %13 = vmapc.convert %k : tensor<4xi64> -> tensor<4xi32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8, %9, %10, %11, %12, %13 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xf32>, tensor<4xi32>, tensor<4xf64>, tensor<4xi1>, tensor<4xf32>, tensor<4xi64>, tensor<4xi32>
}

func.func @shapes() -> (tensor<2x3x4xf32>, tensor<4x3x2xf32>, tensor<3x8xf32>, tensor<2x2x2xf32>, tensor<2x7x4xf32>, tensor<4x6xi64>, tensor<2x1xi64>) {
  %c = vmapc.constant dense<[[1.0, 2.0, 3.0, 4.0], [5.0, 6.0, 7.0, 8.0], [9.0, 10.0, 11.0, 12.0]]> : tensor<3x4xf32>
  %0 = vmapc.broadcast_in_dim %c, dims = [1, 2] : tensor<3x4xf32> -> tensor<2x3x4xf32>
  %1 = vmapc.transpose %0, permutation = [2, 1, 0] : tensor<2x3x4xf32> -> tensor<4x3x2xf32>
  %2 = vmapc.reshape %1 : tensor<4x3x2xf32> -> tensor<3x8xf32>
  %3 = vmapc.slice %0, start = [0, 1, 0], limit = [2, 3, 4], strides = [1, 1, 2] : tensor<2x3x4xf32> -> tensor<2x2x2xf32>
  %r = vmapc.constant dense<[[[-1.0, -2.0, -3.0, -4.0]], [[-5.0, -6.0, -7.0, -8.0]]]> : tensor<2x1x4xf32>
  %4 = vmapc.concatenate %0, %r, %0 dim = 1 : (tensor<2x3x4xf32>, tensor<2x1x4xf32>, tensor<2x3x4xf32>) -> tensor<2x7x4xf32>
  %i = vmapc.constant dense<[[1, 2], [3, 4]]> : tensor<2x2xi64>
  %t = vmapc.transpose %i, permutation = [1, 0] : tensor<2x2xi64> -> tensor<2x2xi64>
  %5 = vmapc.broadcast_in_dim %t, dims = [0, 1] : tensor<2x2xi64> -> tensor<2x2xi64>
  %6 = vmapc.reshape %5 : tensor<2x2xi64> -> tensor<4x1xi64>
  %7 = vmapc.broadcast_in_dim %6, dims = [0, 1] : tensor<4x1xi64> -> tensor<4x6xi64>
  %8 = vmapc.slice %t, start = [0, 1], limit = [2, 2], strides = [1, 1] : tensor<2x2xi64> -> tensor<2x1xi64>
  return %0, %1, %2, %3, %4, %7, %8 : tensor<2x3x4xf32>, tensor<4x3x2xf32>, tensor<3x8xf32>, tensor<2x2x2xf32>, tensor<2x7x4xf32>, tensor<4x6xi64>, tensor<2x1xi64>
}

func.func @reductions() -> (tensor<3xf32>, tensor<4xf32>, tensor<f32>, tensor<3xi32>, tensor<4xi32>, tensor<2xf64>, tensor<f32>) {
  %c = vmapc.constant dense<[[1.5, -2.0, 3.25, 0.5], [4.0, 0x7FC00000, -6.5, 2.0], [0.1, 0.2, 0.3, 0.4]]> : tensor<3x4xf32>
  %0 = vmapc.reduce sum %c, dims = [1] : tensor<3x4xf32> -> tensor<3xf32>
  %1 = vmapc.reduce max %c, dims = [0] : tensor<3x4xf32> -> tensor<4xf32>
  %2 = vmapc.reduce min %c, dims = [0, 1] : tensor<3x4xf32> -> tensor<f32>
  %i = vmapc.constant dense<[[2, -3, 4, 1], [5, 6, -7, 8], [1, 1, 1, 1]]> : tensor<3x4xi32>
  %3 = vmapc.reduce prod %i, dims = [1] : tensor<3x4xi32> -> tensor<3xi32>
  %4 = vmapc.reduce max %i, dims = [0] : tensor<3x4xi32> -> tensor<4xi32>
  %s = vmapc.constant dense<0.1> : tensor<2x10xf64>
  %5 = vmapc.reduce sum %s, dims = [1] : tensor<2x10xf64> -> tensor<2xf64>
  %e = vmapc.constant dense<> : tensor<0x3xf32>
  %6 = vmapc.reduce max %e, dims = [0, 1] : tensor<0x3xf32> -> tensor<f32>
  return %0, %1, %2, %3, %4, %5, %6 : tensor<3xf32>, tensor<4xf32>, tensor<f32>, tensor<3xi32>, tensor<4xi32>, tensor<2xf64>, tensor<f32>
}
