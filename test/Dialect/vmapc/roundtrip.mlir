// RUN: vmapc-opt %s | vmapc-opt | FileCheck %s
// RUN: vmapc-opt %s --mlir-print-op-generic | vmapc-opt | FileCheck %s
// RUN: vmapc-opt %s --emit-bytecode | vmapc-opt | FileCheck %s

// Every op of the dialect in its pretty form: parse, print, parse again.

// CHECK-LABEL: func.func @binary
// CHECK-SAME: (%[[A:.*]]: tensor<4xf32>, %[[B:.*]]: tensor<4xf32>, %[[I:.*]]: tensor<2x3xi32>, %[[J:.*]]: tensor<2x3xi32>)
func.func @binary(%a: tensor<4xf32>, %b: tensor<4xf32>, %i: tensor<2x3xi32>,
                  %j: tensor<2x3xi32>) -> tensor<4xf32> {
  // CHECK: vmapc.add %[[A]], %[[B]] : tensor<4xf32>
  %0 = vmapc.add %a, %b : tensor<4xf32>
  // CHECK: vmapc.sub %[[A]], %[[B]] : tensor<4xf32>
  %1 = vmapc.sub %a, %b : tensor<4xf32>
  // CHECK: vmapc.mul %[[A]], %[[B]] : tensor<4xf32>
  %2 = vmapc.mul %a, %b : tensor<4xf32>
  // CHECK: vmapc.div %[[A]], %[[B]] : tensor<4xf32>
  %3 = vmapc.div %a, %b : tensor<4xf32>
  // CHECK: vmapc.max %[[A]], %[[B]] : tensor<4xf32>
  %4 = vmapc.max %a, %b : tensor<4xf32>
  // CHECK: vmapc.min %[[A]], %[[B]] : tensor<4xf32>
  %5 = vmapc.min %a, %b : tensor<4xf32>
  // CHECK: vmapc.pow %[[A]], %[[B]] : tensor<4xf32>
  %6 = vmapc.pow %a, %b : tensor<4xf32>
  // CHECK: vmapc.add %[[I]], %[[J]] : tensor<2x3xi32>
  %7 = vmapc.add %i, %j : tensor<2x3xi32>
  // CHECK: vmapc.div %[[I]], %[[J]] : tensor<2x3xi32>
  %8 = vmapc.div %i, %j : tensor<2x3xi32>
  // CHECK: vmapc.max %[[I]], %[[J]] : tensor<2x3xi32>
  %9 = vmapc.max %i, %j : tensor<2x3xi32>
  return %6 : tensor<4xf32>
}

// CHECK-LABEL: func.func @unary
// CHECK-SAME: (%[[X:.*]]: tensor<f64>, %[[K:.*]]: tensor<3xi64>)
func.func @unary(%x: tensor<f64>, %k: tensor<3xi64>) -> tensor<f64> {
  // CHECK: vmapc.neg %[[X]] : tensor<f64>
  %0 = vmapc.neg %x : tensor<f64>
  // CHECK: vmapc.exp %[[X]] : tensor<f64>
  %1 = vmapc.exp %x : tensor<f64>
  // CHECK: vmapc.log %[[X]] : tensor<f64>
  %2 = vmapc.log %x : tensor<f64>
  // CHECK: vmapc.sqrt %[[X]] : tensor<f64>
  %3 = vmapc.sqrt %x : tensor<f64>
  // CHECK: vmapc.rsqrt %[[X]] : tensor<f64>
  %4 = vmapc.rsqrt %x : tensor<f64>
  // CHECK: vmapc.tanh %[[X]] : tensor<f64>
  %5 = vmapc.tanh %x : tensor<f64>
  // CHECK: vmapc.abs %[[X]] : tensor<f64>
  %6 = vmapc.abs %x : tensor<f64>
  // CHECK: vmapc.sin %[[X]] : tensor<f64>
  %7 = vmapc.sin %x : tensor<f64>
  // CHECK: vmapc.cos %[[X]] : tensor<f64>
  %8 = vmapc.cos %x : tensor<f64>
  // CHECK: vmapc.logistic %[[X]] : tensor<f64>
  %9 = vmapc.logistic %x : tensor<f64>
  // CHECK: vmapc.neg %[[K]] : tensor<3xi64>
  %10 = vmapc.neg %k : tensor<3xi64>
  // CHECK: vmapc.abs %[[K]] : tensor<3xi64>
  %11 = vmapc.abs %k : tensor<3xi64>
  return %9 : tensor<f64>
}

// CHECK-LABEL: func.func @compare_select
// CHECK-SAME: (%[[A:.*]]: tensor<2x2xf32>, %[[B:.*]]: tensor<2x2xf32>, %[[I:.*]]: tensor<2x2xi32>)
func.func @compare_select(%a: tensor<2x2xf32>, %b: tensor<2x2xf32>,
                          %i: tensor<2x2xi32>) -> tensor<2x2xf32> {
  // CHECK: %[[EQ:.*]] = vmapc.compare eq, %[[A]], %[[B]] : tensor<2x2xf32>
  %eq = vmapc.compare eq, %a, %b : tensor<2x2xf32>
  // CHECK: vmapc.compare ne, %[[A]], %[[B]] : tensor<2x2xf32>
  %ne = vmapc.compare ne, %a, %b : tensor<2x2xf32>
  // CHECK: vmapc.compare lt, %[[A]], %[[B]] : tensor<2x2xf32>
  %lt = vmapc.compare lt, %a, %b : tensor<2x2xf32>
  // CHECK: vmapc.compare le, %[[A]], %[[B]] : tensor<2x2xf32>
  %le = vmapc.compare le, %a, %b : tensor<2x2xf32>
  // CHECK: vmapc.compare gt, %[[I]], %[[I]] : tensor<2x2xi32>
  %gt = vmapc.compare gt, %i, %i : tensor<2x2xi32>
  // CHECK: %[[GE:.*]] = vmapc.compare ge, %[[A]], %[[B]] : tensor<2x2xf32>
  %ge = vmapc.compare ge, %a, %b : tensor<2x2xf32>
  // CHECK: vmapc.select %[[EQ]], %[[A]], %[[B]] : tensor<2x2xi1>, tensor<2x2xf32>
  %s = vmapc.select %eq, %a, %b : tensor<2x2xi1>, tensor<2x2xf32>
  // CHECK: vmapc.select %[[GE]], %[[EQ]], %[[GE]] : tensor<2x2xi1>, tensor<2x2xi1>
  %t = vmapc.select %ge, %eq, %ge : tensor<2x2xi1>, tensor<2x2xi1>
  return %s : tensor<2x2xf32>
}

// CHECK-LABEL: func.func @constants
func.func @constants() -> (tensor<2x2xf32>, tensor<i1>, tensor<3xi64>, tensor<f64>, tensor<2x3xi32>, tensor<0xf32>) {
  // CHECK: vmapc.constant dense<{{\[}}[1.000000e+00, 2.000000e+00], [3.000000e+00, 4.000000e+00]]> : tensor<2x2xf32>
  %0 = vmapc.constant dense<[[1.0, 2.0], [3.0, 4.0]]> : tensor<2x2xf32>
  // CHECK: vmapc.constant dense<true> : tensor<i1>
  %1 = vmapc.constant dense<true> : tensor<i1>
  // CHECK: vmapc.constant dense<[1, -2, 3]> : tensor<3xi64>
  %2 = vmapc.constant dense<[1, -2, 3]> : tensor<3xi64>
  // CHECK: vmapc.constant dense<2.500000e+00> : tensor<f64>
  %3 = vmapc.constant dense<2.5> : tensor<f64>
  // CHECK: vmapc.iota dim = 1 : tensor<2x3xi32>
  %4 = vmapc.iota dim = 1 : tensor<2x3xi32>
  // CHECK: vmapc.constant dense<> : tensor<0xf32>
  %5 = vmapc.constant dense<> : tensor<0xf32>
  // CHECK: vmapc.iota dim = 0 : tensor<5xf32>
  %6 = vmapc.iota dim = 0 : tensor<5xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<2x2xf32>, tensor<i1>, tensor<3xi64>, tensor<f64>, tensor<2x3xi32>, tensor<0xf32>
}

// CHECK-LABEL: func.func @convert
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>, %[[P:.*]]: tensor<3xi1>)
func.func @convert(%x: tensor<3xf32>, %p: tensor<3xi1>) -> tensor<3xi64> {
  // CHECK: vmapc.convert %[[X]] : tensor<3xf32> -> tensor<3xi64>
  %0 = vmapc.convert %x : tensor<3xf32> -> tensor<3xi64>
  // CHECK: vmapc.convert %[[X]] : tensor<3xf32> -> tensor<3xf64>
  %1 = vmapc.convert %x : tensor<3xf32> -> tensor<3xf64>
  // CHECK: vmapc.convert %[[P]] : tensor<3xi1> -> tensor<3xf32>
  %2 = vmapc.convert %p : tensor<3xi1> -> tensor<3xf32>
  // CHECK: vmapc.convert %[[X]] : tensor<3xf32> -> tensor<3xi1>
  %3 = vmapc.convert %x : tensor<3xf32> -> tensor<3xi1>
  return %0 : tensor<3xi64>
}

// CHECK-LABEL: func.func @shapes
// CHECK-SAME: (%[[X:.*]]: tensor<3xf32>, %[[M:.*]]: tensor<2x3x4xf32>)
func.func @shapes(%x: tensor<3xf32>, %m: tensor<2x3x4xf32>) -> tensor<2x3xf32> {
  // CHECK: %[[BC:.*]] = vmapc.broadcast_in_dim %[[X]], dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
  %b = vmapc.broadcast_in_dim %x, dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
  // CHECK: vmapc.broadcast_in_dim %[[X]], dims = [0] : tensor<3xf32> -> tensor<3xf32>
  %b2 = vmapc.broadcast_in_dim %x, dims = [0] : tensor<3xf32> -> tensor<3xf32>
  // CHECK: vmapc.reshape %[[M]] : tensor<2x3x4xf32> -> tensor<6x4xf32>
  %r = vmapc.reshape %m : tensor<2x3x4xf32> -> tensor<6x4xf32>
  // CHECK: vmapc.transpose %[[M]], permutation = [2, 0, 1] : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  %t = vmapc.transpose %m, permutation = [2, 0, 1] : tensor<2x3x4xf32> -> tensor<4x2x3xf32>
  // CHECK: vmapc.reduce sum %[[M]], dims = [2] : tensor<2x3x4xf32> -> tensor<2x3xf32>
  %s = vmapc.reduce sum %m, dims = [2] : tensor<2x3x4xf32> -> tensor<2x3xf32>
  // CHECK: vmapc.reduce max %[[M]], dims = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
  %mx = vmapc.reduce max %m, dims = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
  // CHECK: vmapc.reduce min %[[M]], dims = [] : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  %mn = vmapc.reduce min %m, dims = [] : tensor<2x3x4xf32> -> tensor<2x3x4xf32>
  // CHECK: vmapc.reduce prod %[[M]], dims = [0, 1, 2] : tensor<2x3x4xf32> -> tensor<f32>
  %p = vmapc.reduce prod %m, dims = [0, 1, 2] : tensor<2x3x4xf32> -> tensor<f32>
  // CHECK: vmapc.slice %[[M]], start = [0, 1, 0], limit = [2, 3, 4], strides = [1, 1, 2] : tensor<2x3x4xf32> -> tensor<2x2x2xf32>
  %sl = vmapc.slice %m, start = [0, 1, 0], limit = [2, 3, 4], strides = [1, 1, 2] : tensor<2x3x4xf32> -> tensor<2x2x2xf32>
  // A stride past the end takes one element (no overflow in the size).
  // CHECK: vmapc.slice %[[X]], start = [1], limit = [3], strides = [9223372036854775807] : tensor<3xf32> -> tensor<1xf32>
  %sh = vmapc.slice %x, start = [1], limit = [3], strides = [9223372036854775807] : tensor<3xf32> -> tensor<1xf32>
  // CHECK: vmapc.concatenate %[[BC]], %[[BC]] dim = 0 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  %c = vmapc.concatenate %b, %b dim = 0 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  // CHECK: vmapc.concatenate %[[X]] dim = 0 : (tensor<3xf32>) -> tensor<3xf32>
  %c1 = vmapc.concatenate %x dim = 0 : (tensor<3xf32>) -> tensor<3xf32>
  return %b : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @dot_general
// CHECK-SAME: (%[[A:.*]]: tensor<4x8xf32>, %[[B:.*]]: tensor<8x5xf32>, %[[C:.*]]: tensor<7x4x8xf64>, %[[D:.*]]: tensor<7x8x5xf64>)
func.func @dot_general(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>,
                       %c: tensor<7x4x8xf64>, %d: tensor<7x8x5xf64>) -> tensor<4x5xf32> {
  // CHECK: vmapc.dot_general %[[A]], %[[B]], batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
  %0 = vmapc.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [1] x [0]
       : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
  // CHECK: vmapc.dot_general %[[C]], %[[D]], batching_dims = [0] x [0], contracting_dims = [2] x [1] : (tensor<7x4x8xf64>, tensor<7x8x5xf64>) -> tensor<7x4x5xf64>
  %1 = vmapc.dot_general %c, %d, batching_dims = [0] x [0], contracting_dims = [2] x [1]
       : (tensor<7x4x8xf64>, tensor<7x8x5xf64>) -> tensor<7x4x5xf64>
  // Outer product: nothing contracted.
  // CHECK: vmapc.dot_general %[[A]], %[[B]], batching_dims = [] x [], contracting_dims = [] x [] : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x8x8x5xf32>
  %2 = vmapc.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [] x []
       : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x8x8x5xf32>
  return %0 : tensor<4x5xf32>
}

// CHECK-LABEL: func.func @indexing
// CHECK-SAME: (%[[X:.*]]: tensor<4x4xf32>, %[[I:.*]]: tensor<i32>, %[[J:.*]]: tensor<i64>, %[[T:.*]]: tensor<10x4xf32>, %[[IDX:.*]]: tensor<3xi32>, %[[BT:.*]]: tensor<2x10xf32>, %[[BI:.*]]: tensor<2x3xi64>)
func.func @indexing(%x: tensor<4x4xf32>, %i: tensor<i32>, %j: tensor<i64>,
                    %t: tensor<10x4xf32>, %idx: tensor<3xi32>,
                    %bt: tensor<2x10xf32>, %bi: tensor<2x3xi64>) -> tensor<2x2xf32> {
  // CHECK: vmapc.dynamic_slice %[[X]][%[[I]], %[[J]]] sizes = [2, 2] : (tensor<4x4xf32>, tensor<i32>, tensor<i64>) -> tensor<2x2xf32>
  %0 = vmapc.dynamic_slice %x[%i, %j] sizes = [2, 2]
       : (tensor<4x4xf32>, tensor<i32>, tensor<i64>) -> tensor<2x2xf32>
  // CHECK: vmapc.gather %[[T]][%[[IDX]]] axis = 0 batch_dims = 0 : (tensor<10x4xf32>, tensor<3xi32>) -> tensor<3x4xf32>
  %1 = vmapc.gather %t[%idx] axis = 0 batch_dims = 0
       : (tensor<10x4xf32>, tensor<3xi32>) -> tensor<3x4xf32>
  // CHECK: vmapc.gather %[[T]][%[[IDX]]] axis = 1 batch_dims = 0 : (tensor<10x4xf32>, tensor<3xi32>) -> tensor<10x3xf32>
  %2 = vmapc.gather %t[%idx] axis = 1 batch_dims = 0
       : (tensor<10x4xf32>, tensor<3xi32>) -> tensor<10x3xf32>
  // CHECK: vmapc.gather %[[BT]][%[[BI]]] axis = 1 batch_dims = 1 : (tensor<2x10xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  %3 = vmapc.gather %bt[%bi] axis = 1 batch_dims = 1
       : (tensor<2x10xf32>, tensor<2x3xi64>) -> tensor<2x3xf32>
  return %0 : tensor<2x2xf32>
}

// CHECK-LABEL: func.func @linalg
// CHECK-SAME: (%[[A:.*]]: tensor<5x3x3xf32>, %[[B:.*]]: tensor<5x3x2xf32>, %[[C:.*]]: tensor<5x2x3xf32>)
func.func @linalg(%a: tensor<5x3x3xf32>, %b: tensor<5x3x2xf32>,
                  %c: tensor<5x2x3xf32>) -> tensor<5x3x2xf32> {
  // CHECK: vmapc.cholesky %[[A]] : tensor<5x3x3xf32>
  %0 = vmapc.cholesky %a : tensor<5x3x3xf32>
  // CHECK: vmapc.inv %[[A]] : tensor<5x3x3xf32>
  %1 = vmapc.inv %a : tensor<5x3x3xf32>
  // CHECK: vmapc.det %[[A]] : tensor<5x3x3xf32> -> tensor<5xf32>
  %2 = vmapc.det %a : tensor<5x3x3xf32> -> tensor<5xf32>
  // CHECK: vmapc.triangular_solve %[[A]], %[[B]] : tensor<5x3x3xf32>, tensor<5x3x2xf32>
  %3 = vmapc.triangular_solve %a, %b : tensor<5x3x3xf32>, tensor<5x3x2xf32>
  // CHECK: vmapc.triangular_solve %[[A]], %[[C]] {left_side = false, lower = false, transpose_a = true} : tensor<5x3x3xf32>, tensor<5x2x3xf32>
  %4 = vmapc.triangular_solve %a, %c {left_side = false, lower = false, transpose_a = true}
       : tensor<5x3x3xf32>, tensor<5x2x3xf32>
  return %3 : tensor<5x3x2xf32>
}

func.func @f(%x: tensor<3xf32>, %w: tensor<3x2xf32>) -> tensor<2xf32> {
  %0 = vmapc.dot_general %x, %w, batching_dims = [] x [], contracting_dims = [0] x [0]
       : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  return %0 : tensor<2xf32>
}

func.func @g() -> tensor<f32> {
  %0 = vmapc.constant dense<1.0> : tensor<f32>
  return %0 : tensor<f32>
}

// CHECK-LABEL: func.func @vmap
// CHECK-SAME: (%[[X:.*]]: tensor<8x3xf32>, %[[W:.*]]: tensor<3x2xf32>, %[[Y:.*]]: tensor<3x8xf32>)
func.func @vmap(%x: tensor<8x3xf32>, %w: tensor<3x2xf32>, %y: tensor<3x8xf32>) -> tensor<8x2xf32> {
  // CHECK: vmapc.vmap @f(%[[X]], %[[W]]) in_axes [0, none] out_axes [0] : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  %0 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [0]
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<8x2xf32>
  // CHECK: vmapc.vmap @f(%[[Y]], %[[W]]) in_axes [-1, none] out_axes [-1] : (tensor<3x8xf32>, tensor<3x2xf32>) -> tensor<2x8xf32>
  %1 = vmapc.vmap @f(%y, %w) in_axes [-1, none] out_axes [-1]
       : (tensor<3x8xf32>, tensor<3x2xf32>) -> tensor<2x8xf32>
  // CHECK: vmapc.vmap @g() in_axes [] out_axes [0] axis_size = 4 : () -> tensor<4xf32>
  %2 = vmapc.vmap @g() in_axes [] out_axes [0] axis_size = 4 : () -> tensor<4xf32>
  // CHECK: vmapc.vmap @g() in_axes [] out_axes [none] axis_size = 4 : () -> tensor<f32>
  %3 = vmapc.vmap @g() in_axes [] out_axes [none] axis_size = 4 : () -> tensor<f32>
  // CHECK: vmapc.vmap @f(%[[X]], %[[W]]) in_axes [0, none] out_axes [1] axis_size = 8 : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<2x8xf32>
  %4 = vmapc.vmap @f(%x, %w) in_axes [0, none] out_axes [1] axis_size = 8
       : (tensor<8x3xf32>, tensor<3x2xf32>) -> tensor<2x8xf32>
  return %0 : tensor<8x2xf32>
}
