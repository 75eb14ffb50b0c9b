// dot_general with batching dims and a contraction of at most 4, unrolled
// into an elementwise generic, compiled against the reference evaluator on
// random inputs: two batch dims on each side (the doubly vmapped quadratic
// form of a 2-D Gaussian), free dims on both sides, two contracting dims,
// integers, and the double vmap itself; an outer product and a plain dot
// (no batching dims: named linalg ops) next to them.
// RUN: vmapc-difftest --check %s --input-seed=1 | FileCheck %s
// RUN: vmapc-difftest --check %s --input-seed=2 | FileCheck %s
// CHECK: vmapc-difftest: 6 function(s) pass

func.func @two_batch_dims(%d: tensor<4x37x2xf32>, %t: tensor<4x2x37xf32>) -> tensor<4x37xf32> attributes {difftest.rtol = [1.0e-5], difftest.scale = [1.0]} {
  %0 = "vmapc.dot_general"(%d, %t) {lhs_batching_dimensions = array<i64: 0, 1>, rhs_batching_dimensions = array<i64: 0, 2>, lhs_contracting_dimensions = array<i64: 2>, rhs_contracting_dimensions = array<i64: 1>} : (tensor<4x37x2xf32>, tensor<4x2x37xf32>) -> tensor<4x37xf32>
  return %0 : tensor<4x37xf32>
}

func.func @free_dims(%s: tensor<4x2x3xf64>, %d: tensor<4x50x3xf64>) -> tensor<4x2x50xf64> attributes {difftest.rtol = [1.0e-12], difftest.scale = [1.0]} {
  %0 = "vmapc.dot_general"(%s, %d) {lhs_batching_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2>, rhs_contracting_dimensions = array<i64: 2>} : (tensor<4x2x3xf64>, tensor<4x50x3xf64>) -> tensor<4x2x50xf64>
  return %0 : tensor<4x2x50xf64>
}

func.func @two_contracting_i32(%a: tensor<3x5x2x2xi32>, %b: tensor<3x2x7x2xi32>) -> tensor<3x5x7xi32> {
  %0 = "vmapc.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2, 3>, rhs_contracting_dimensions = array<i64: 1, 3>} : (tensor<3x5x2x2xi32>, tensor<3x2x7x2xi32>) -> tensor<3x5x7xi32>
  return %0 : tensor<3x5x7xi32>
}

func.func @outer_product(%a: tensor<6xf32>, %b: tensor<9xf32>) -> tensor<6x9xf32> attributes {difftest.rtol = [1.0e-6], difftest.scale = [1.0]} {
  %0 = "vmapc.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64>, rhs_contracting_dimensions = array<i64>} : (tensor<6xf32>, tensor<9xf32>) -> tensor<6x9xf32>
  return %0 : tensor<6x9xf32>
}

func.func @dot4(%a: tensor<4xf64>, %b: tensor<4xf64>) -> tensor<f64> attributes {difftest.rtol = [1.0e-12], difftest.scale = [1.0]} {
  %0 = "vmapc.dot_general"(%a, %b) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<4xf64>, tensor<4xf64>) -> tensor<f64>
  return %0 : tensor<f64>
}

// exp(-0.5 d^T S d) for every point and class.
func.func private @quad(%x: tensor<2xf64>, %mu: tensor<2xf64>, %s: tensor<2x2xf64>) -> tensor<f64> {
  %d = "vmapc.sub"(%x, %mu) : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
  %t = "vmapc.dot_general"(%s, %d) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 1>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2x2xf64>, tensor<2xf64>) -> tensor<2xf64>
  %q = "vmapc.dot_general"(%d, %t) {lhs_batching_dimensions = array<i64>, rhs_batching_dimensions = array<i64>, lhs_contracting_dimensions = array<i64: 0>, rhs_contracting_dimensions = array<i64: 0>} : (tensor<2xf64>, tensor<2xf64>) -> tensor<f64>
  %c = "vmapc.constant"() {value = dense<-0.5> : tensor<f64>} : () -> tensor<f64>
  %e = "vmapc.mul"(%c, %q) : (tensor<f64>, tensor<f64>) -> tensor<f64>
  %r = "vmapc.exp"(%e) : (tensor<f64>) -> tensor<f64>
  return %r : tensor<f64>
}
func.func private @over_points(%x: tensor<40x2xf64>, %mu: tensor<2xf64>, %s: tensor<2x2xf64>) -> tensor<40xf64> {
  %0 = "vmapc.vmap"(%x, %mu, %s) {callee = @quad, in_axes = [0 : i64, unit, unit], out_axes = [0 : i64]} : (tensor<40x2xf64>, tensor<2xf64>, tensor<2x2xf64>) -> tensor<40xf64>
  return %0 : tensor<40xf64>
}
func.func @double_vmap(%x: tensor<40x2xf64>, %mu: tensor<3x2xf64>, %s: tensor<3x2x2xf64>) -> tensor<40x3xf64> attributes {difftest.rtol = [1.0e-12], difftest.scale = [1.0e-300]} {
  %0 = "vmapc.vmap"(%x, %mu, %s) {callee = @over_points, in_axes = [unit, 0 : i64, 0 : i64], out_axes = [1 : i64]} : (tensor<40x2xf64>, tensor<3x2xf64>, tensor<3x2x2xf64>) -> tensor<40x3xf64>
  return %0 : tensor<40x3xf64>
}
