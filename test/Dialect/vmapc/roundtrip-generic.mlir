// RUN: vmapc-opt %s | vmapc-opt | FileCheck %s
// RUN: vmapc-opt %s --mlir-print-op-generic | vmapc-opt --mlir-print-op-generic | FileCheck %s --check-prefix=GENERIC
// RUN: vmapc-opt %s --mlir-print-op-generic | vmapc-opt | FileCheck %s

// Every op in the generic form (as SPEC §2 fixes its attribute storage):
// it parses, prints in the pretty form (CHECK), and survives a generic
// print/parse round trip (GENERIC).

// CHECK-LABEL: func.func @elementwise
// GENERIC-LABEL: "func.func"() <{function_type = (tensor<4xf32>, tensor<4xf32>, tensor<4xi64>) -> tensor<4xf32>, sym_name = "elementwise"}>
func.func @elementwise(%a: tensor<4xf32>, %b: tensor<4xf32>, %i: tensor<4xi64>) -> tensor<4xf32> {
  // CHECK: vmapc.add %{{.*}}, %{{.*}} : tensor<4xf32>
  // GENERIC: "vmapc.add"(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %0 = "vmapc.add"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // CHECK: vmapc.sub
  // GENERIC: "vmapc.sub"(%{{.*}}, %{{.*}}) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "vmapc.sub"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // CHECK: vmapc.mul
  // GENERIC: "vmapc.mul"
  %2 = "vmapc.mul"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // CHECK: vmapc.div
  // GENERIC: "vmapc.div"
  %3 = "vmapc.div"(%i, %i) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  // CHECK: vmapc.max
  // GENERIC: "vmapc.max"
  %4 = "vmapc.max"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // CHECK: vmapc.min
  // GENERIC: "vmapc.min"
  %5 = "vmapc.min"(%i, %i) : (tensor<4xi64>, tensor<4xi64>) -> tensor<4xi64>
  // CHECK: vmapc.pow
  // GENERIC: "vmapc.pow"
  %6 = "vmapc.pow"(%a, %b) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // CHECK: vmapc.neg %{{.*}} : tensor<4xi64>
  // GENERIC: "vmapc.neg"(%{{.*}}) : (tensor<4xi64>) -> tensor<4xi64>
  %7 = "vmapc.neg"(%i) : (tensor<4xi64>) -> tensor<4xi64>
  // CHECK: vmapc.exp
  // GENERIC: "vmapc.exp"
  %8 = "vmapc.exp"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: vmapc.log
  // GENERIC: "vmapc.log"
  %9 = "vmapc.log"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: vmapc.sqrt
  // GENERIC: "vmapc.sqrt"
  %10 = "vmapc.sqrt"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: vmapc.rsqrt
  // GENERIC: "vmapc.rsqrt"
  %11 = "vmapc.rsqrt"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: vmapc.tanh
  // GENERIC: "vmapc.tanh"
  %12 = "vmapc.tanh"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: vmapc.abs
  // GENERIC: "vmapc.abs"
  %13 = "vmapc.abs"(%i) : (tensor<4xi64>) -> tensor<4xi64>
  // CHECK: vmapc.sin
  // GENERIC: "vmapc.sin"
  %14 = "vmapc.sin"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: vmapc.cos
  // GENERIC: "vmapc.cos"
  %15 = "vmapc.cos"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: vmapc.logistic
  // GENERIC: "vmapc.logistic"
  %16 = "vmapc.logistic"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  // CHECK: %[[P:.*]] = vmapc.compare ge, %{{.*}}, %{{.*}} : tensor<4xf32>
  // GENERIC: "vmapc.compare"(%{{.*}}, %{{.*}}) <{predicate = "ge"}> : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %17 = "vmapc.compare"(%a, %b) {predicate = "ge"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  // CHECK: vmapc.select %[[P]], %{{.*}}, %{{.*}} : tensor<4xi1>, tensor<4xf32>
  // GENERIC: "vmapc.select"(%{{.*}}, %{{.*}}, %{{.*}}) : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %18 = "vmapc.select"(%17, %a, %b) : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  // CHECK: vmapc.convert %{{.*}} : tensor<4xi1> -> tensor<4xf64>
  // GENERIC: "vmapc.convert"(%{{.*}}) : (tensor<4xi1>) -> tensor<4xf64>
  %19 = "vmapc.convert"(%17) : (tensor<4xi1>) -> tensor<4xf64>
  return %18 : tensor<4xf32>
}

// CHECK-LABEL: func.func @constants
// GENERIC-LABEL: sym_name = "constants"
func.func @constants() -> (tensor<2xf32>, tensor<3x2xi64>) {
  // CHECK: vmapc.constant dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>
  // GENERIC: "vmapc.constant"() <{value = dense<[1.000000e+00, 2.000000e+00]> : tensor<2xf32>}> : () -> tensor<2xf32>
  %0 = "vmapc.constant"() {value = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  // CHECK: vmapc.iota dim = 0 : tensor<3x2xi64>
  // GENERIC: "vmapc.iota"() <{dimension = 0 : i64}> : () -> tensor<3x2xi64>
  %1 = "vmapc.iota"() {dimension = 0 : i64} : () -> tensor<3x2xi64>
  return %0, %1 : tensor<2xf32>, tensor<3x2xi64>
}

// CHECK-LABEL: func.func @shapes
// GENERIC-LABEL: sym_name = "shapes"
func.func @shapes(%x: tensor<3xf32>, %m: tensor<2x3x4xf32>) -> tensor<2x3xf32> {
  // CHECK: vmapc.broadcast_in_dim %{{.*}}, dims = [1] : tensor<3xf32> -> tensor<2x3xf32>
  // GENERIC: "vmapc.broadcast_in_dim"(%{{.*}}) <{broadcast_dimensions = array<i64: 1>}> : (tensor<3xf32>) -> tensor<2x3xf32>
  %0 = "vmapc.broadcast_in_dim"(%x) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  // CHECK: vmapc.reshape %{{.*}} : tensor<2x3x4xf32> -> tensor<24xf32>
  // GENERIC: "vmapc.reshape"(%{{.*}}) : (tensor<2x3x4xf32>) -> tensor<24xf32>
  %1 = "vmapc.reshape"(%m) : (tensor<2x3x4xf32>) -> tensor<24xf32>
  // CHECK: vmapc.transpose %{{.*}}, permutation = [1, 2, 0] : tensor<2x3x4xf32> -> tensor<3x4x2xf32>
  // GENERIC: "vmapc.transpose"(%{{.*}}) <{permutation = array<i64: 1, 2, 0>}> : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
  %2 = "vmapc.transpose"(%m) {permutation = array<i64: 1, 2, 0>} : (tensor<2x3x4xf32>) -> tensor<3x4x2xf32>
  // CHECK: vmapc.reduce prod %{{.*}}, dims = [0, 2] : tensor<2x3x4xf32> -> tensor<3xf32>
  // GENERIC: "vmapc.reduce"(%{{.*}}) <{dimensions = array<i64: 0, 2>, kind = "prod"}> : (tensor<2x3x4xf32>) -> tensor<3xf32>
  %3 = "vmapc.reduce"(%m) {kind = "prod", dimensions = array<i64: 0, 2>} : (tensor<2x3x4xf32>) -> tensor<3xf32>
  // CHECK: vmapc.slice %{{.*}}, start = [0, 0, 1], limit = [2, 3, 4], strides = [1, 2, 2] : tensor<2x3x4xf32> -> tensor<2x2x2xf32>
  // GENERIC: "vmapc.slice"(%{{.*}}) <{limit_indices = array<i64: 2, 3, 4>, start_indices = array<i64: 0, 0, 1>, strides = array<i64: 1, 2, 2>}> : (tensor<2x3x4xf32>) -> tensor<2x2x2xf32>
  %4 = "vmapc.slice"(%m) {start_indices = array<i64: 0, 0, 1>, limit_indices = array<i64: 2, 3, 4>, strides = array<i64: 1, 2, 2>} : (tensor<2x3x4xf32>) -> tensor<2x2x2xf32>
  // CHECK: vmapc.concatenate %{{.*}}, %{{.*}}, %{{.*}} dim = 2 : (tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x12xf32>
  // GENERIC: "vmapc.concatenate"(%{{.*}}, %{{.*}}, %{{.*}}) <{dimension = 2 : i64}> : (tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x12xf32>
  %5 = "vmapc.concatenate"(%m, %m, %m) {dimension = 2 : i64} : (tensor<2x3x4xf32>, tensor<2x3x4xf32>, tensor<2x3x4xf32>) -> tensor<2x3x12xf32>
  return %0 : tensor<2x3xf32>
}

// CHECK-LABEL: func.func @dot_general
// GENERIC-LABEL: sym_name = "dot_general"
func.func @dot_general(%a: tensor<7x4x8xf32>, %b: tensor<8x7x5xf32>) -> tensor<7x4x5xf32> {
  // CHECK: vmapc.dot_general %{{.*}}, %{{.*}}, batching_dims = [0] x [1], contracting_dims = [2] x [0] : (tensor<7x4x8xf32>, tensor<8x7x5xf32>) -> tensor<7x4x5xf32>
  // GENERIC: "vmapc.dot_general"(%{{.*}}, %{{.*}}) <{lhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2>, rhs_batching_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>}> : (tensor<7x4x8xf32>, tensor<8x7x5xf32>) -> tensor<7x4x5xf32>
  %0 = "vmapc.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64: 1>, lhs_contracting_dimensions = array<i64: 2>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<7x4x8xf32>, tensor<8x7x5xf32>) -> tensor<7x4x5xf32>
  return %0 : tensor<7x4x5xf32>
}

// CHECK-LABEL: func.func @indexing
// GENERIC-LABEL: sym_name = "indexing"
func.func @indexing(%x: tensor<4x4xf32>, %i: tensor<i64>, %t: tensor<10x4xf32>, %idx: tensor<2x3xi32>) -> tensor<2x3x4xf32> {
  // CHECK: vmapc.dynamic_slice %{{.*}}[%{{.*}}, %{{.*}}] sizes = [1, 3] : (tensor<4x4xf32>, tensor<i64>, tensor<i64>) -> tensor<1x3xf32>
  // GENERIC: "vmapc.dynamic_slice"(%{{.*}}, %{{.*}}, %{{.*}}) <{slice_sizes = array<i64: 1, 3>}> : (tensor<4x4xf32>, tensor<i64>, tensor<i64>) -> tensor<1x3xf32>
  %0 = "vmapc.dynamic_slice"(%x, %i, %i) {slice_sizes = array<i64: 1, 3>} : (tensor<4x4xf32>, tensor<i64>, tensor<i64>) -> tensor<1x3xf32>
  // batch_dims defaults to 0 when absent.
  // CHECK: vmapc.gather %{{.*}}[%{{.*}}] axis = 0 batch_dims = 0 : (tensor<10x4xf32>, tensor<2x3xi32>) -> tensor<2x3x4xf32>
  // GENERIC: "vmapc.gather"(%{{.*}}, %{{.*}}) <{axis = 0 : i64, batch_dims = 0 : i64}> : (tensor<10x4xf32>, tensor<2x3xi32>) -> tensor<2x3x4xf32>
  %1 = "vmapc.gather"(%t, %idx) {axis = 0 : i64} : (tensor<10x4xf32>, tensor<2x3xi32>) -> tensor<2x3x4xf32>
  return %1 : tensor<2x3x4xf32>
}

// CHECK-LABEL: func.func @linalg
// GENERIC-LABEL: sym_name = "linalg"
func.func @linalg(%a: tensor<3x3xf64>, %b: tensor<2x3xf64>) -> tensor<2x3xf64> {
  // CHECK: vmapc.cholesky %{{.*}} : tensor<3x3xf64>
  // GENERIC: "vmapc.cholesky"(%{{.*}}) : (tensor<3x3xf64>) -> tensor<3x3xf64>
  %0 = "vmapc.cholesky"(%a) : (tensor<3x3xf64>) -> tensor<3x3xf64>
  // CHECK: vmapc.inv %{{.*}} : tensor<3x3xf64>
  // GENERIC: "vmapc.inv"(%{{.*}}) : (tensor<3x3xf64>) -> tensor<3x3xf64>
  %1 = "vmapc.inv"(%a) : (tensor<3x3xf64>) -> tensor<3x3xf64>
  // CHECK: vmapc.det %{{.*}} : tensor<3x3xf64> -> tensor<f64>
  // GENERIC: "vmapc.det"(%{{.*}}) : (tensor<3x3xf64>) -> tensor<f64>
  %2 = "vmapc.det"(%a) : (tensor<3x3xf64>) -> tensor<f64>
  // CHECK: vmapc.triangular_solve %{{.*}}, %{{.*}} {left_side = false, lower = false} : tensor<3x3xf64>, tensor<2x3xf64>
  // GENERIC: "vmapc.triangular_solve"(%{{.*}}, %{{.*}}) <{left_side = false, lower = false, transpose_a = false}> : (tensor<3x3xf64>, tensor<2x3xf64>) -> tensor<2x3xf64>
  %3 = "vmapc.triangular_solve"(%a, %b) {lower = false, left_side = false} : (tensor<3x3xf64>, tensor<2x3xf64>) -> tensor<2x3xf64>
  return %3 : tensor<2x3xf64>
}

func.func @f(%x: tensor<3xf32>, %w: tensor<3x2xf32>) -> (tensor<2xf32>, tensor<3x2xf32>) {
  %0 = vmapc.dot_general %x, %w, batching_dims = [] x [], contracting_dims = [0] x [0]
       : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  return %0, %w : tensor<2xf32>, tensor<3x2xf32>
}

// CHECK-LABEL: func.func @vmap
// GENERIC-LABEL: sym_name = "vmap"
func.func @vmap(%x: tensor<3x8xf32>, %w: tensor<3x2xf32>) -> tensor<2x8xf32> {
  // CHECK: vmapc.vmap @f(%{{.*}}, %{{.*}}) in_axes [1, none] out_axes [-1, none] : (tensor<3x8xf32>, tensor<3x2xf32>) -> (tensor<2x8xf32>, tensor<3x2xf32>)
  // GENERIC: "vmapc.vmap"(%{{.*}}, %{{.*}}) <{callee = @f, in_axes = [1, unit], out_axes = [-1, unit]}> : (tensor<3x8xf32>, tensor<3x2xf32>) -> (tensor<2x8xf32>, tensor<3x2xf32>)
  %0:2 = "vmapc.vmap"(%x, %w) {callee = @f, in_axes = [1 : i64, unit], out_axes = [-1 : i64, unit]} : (tensor<3x8xf32>, tensor<3x2xf32>) -> (tensor<2x8xf32>, tensor<3x2xf32>)
  // CHECK: vmapc.vmap @f(%{{.*}}, %{{.*}}) in_axes [1, none] out_axes [0, none] axis_size = 8
  // GENERIC: "vmapc.vmap"(%{{.*}}, %{{.*}}) <{axis_size = 8 : i64, callee = @f, in_axes = [1, unit], out_axes = [0, unit]}>
  %1:2 = "vmapc.vmap"(%x, %w) {callee = @f, in_axes = [1 : i64, unit], out_axes = [0 : i64, unit], axis_size = 8 : i64} : (tensor<3x8xf32>, tensor<3x2xf32>) -> (tensor<8x2xf32>, tensor<3x2xf32>)
  return %0#0 : tensor<2x8xf32>
}
