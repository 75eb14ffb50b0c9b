// Batched small linear algebra compiled to native code (one matrix per SIMD
// lane while the unrolled kernel is small: inv up to n = 8, det up to 10,
// cholesky up to 18; scalar loops beyond) against the reference evaluator
// (double precision, textbook algorithms): random matrices from two input
// seeds, then fixed matrices that need pivoting, are singular or are not
// positive definite, printed by both and checked by hand.
// RUN: vmapc-difftest --check %s --input-seed=1 | FileCheck %s --check-prefix=RANDOM
// RUN: vmapc-difftest --check %s --input-seed=2 | FileCheck %s --check-prefix=RANDOM
// RANDOM: vmapc-difftest: 18 function(s) pass
//
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/piv.npy '<f4' 4,2,2 --values=0,1,1,0,0,0,0,0,1,2,2,4,0,2,3,0
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/piv3.npy '<f4' 2,3,3 --values=0,2,1,1,0,0,0,1,3,1e-7,1,1,1,1,0,2,0,1
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/spd.npy '<f4' 3,2,2 --values=4,2,2,5,1,0,3,-1,0,0,0,9
// RUN: vmapc-run %S/Inputs/linalg_fixed.mlir -e inv_det2 --arg=%t/piv.npy | FileCheck %s --check-prefix=PIV
// RUN: vmapc-eval %S/Inputs/linalg_fixed.mlir -e inv_det2 --arg=%t/piv.npy | FileCheck %s --check-prefix=PIV
// RUN: vmapc-run %S/Inputs/linalg_fixed.mlir -e inv_det3 --arg=%t/piv3.npy | FileCheck %s --check-prefix=PIV3
// RUN: vmapc-eval %S/Inputs/linalg_fixed.mlir -e inv_det3 --arg=%t/piv3.npy | FileCheck %s --check-prefix=PIV3
// RUN: vmapc-run %S/Inputs/linalg_fixed.mlir -e cholesky2 --arg=%t/spd.npy | FileCheck %s --check-prefix=CHOL
// RUN: vmapc-eval %S/Inputs/linalg_fixed.mlir -e cholesky2 --arg=%t/spd.npy | FileCheck %s --check-prefix=CHOL

// Random inputs are uniform in [-2, 2]. Tolerances: |run - eval| <= rtol *
// (scale + |eval|); f64 results must agree to about 1e-9, f32 ones to the
// float rounding of a few dozen operations.

// Partial pivoting happens lane by lane: random 3x3 matrices need a
// different pivot row in different lanes.
func.func @inv_n3_f64(%a: tensor<2x5x3x3xf64>) -> tensor<2x5x3x3xf64> attributes {difftest.rtol = [1.0e-9], difftest.scale = [1.0]} {
  %0 = "vmapc.inv"(%a) : (tensor<2x5x3x3xf64>) -> tensor<2x5x3x3xf64>
  return %0 : tensor<2x5x3x3xf64>
}

func.func @inv_n1_f64(%a: tensor<7x1x1xf64>) -> tensor<7x1x1xf64> attributes {difftest.rtol = [1.0e-12], difftest.scale = [1.0]} {
  %0 = "vmapc.inv"(%a) : (tensor<7x1x1xf64>) -> tensor<7x1x1xf64>
  return %0 : tensor<7x1x1xf64>
}

// n = 8 is the largest inv run in lanes; 19 lanes are two chunks of 8
// and a remainder of 3.
func.func @inv_n8_f64(%a: tensor<19x8x8xf64>) -> tensor<19x8x8xf64> attributes {difftest.rtol = [1.0e-8], difftest.scale = [1.0]} {
  %0 = "vmapc.inv"(%a) : (tensor<19x8x8xf64>) -> tensor<19x8x8xf64>
  return %0 : tensor<19x8x8xf64>
}

// n = 9 takes the scalar loops.
func.func @inv_n9_f64(%a: tensor<2x9x9xf64>) -> tensor<2x9x9xf64> attributes {difftest.rtol = [1.0e-8], difftest.scale = [1.0]} {
  %0 = "vmapc.inv"(%a) : (tensor<2x9x9xf64>) -> tensor<2x9x9xf64>
  return %0 : tensor<2x9x9xf64>
}

// inv(A) A = I whatever the conditioning of a random f32 matrix.
func.func @inv_times_a_n4_f32(%a: tensor<64x4x4xf32>) -> tensor<64x4x4xf32> attributes {difftest.rtol = [1.0e-2], difftest.scale = [1.0]} {
  %0 = "vmapc.inv"(%a) : (tensor<64x4x4xf32>) -> tensor<64x4x4xf32>
  %1 = "vmapc.dot_general"(%0, %a) {lhs_batching_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2>, rhs_contracting_dimensions = array<i64: 1>} : (tensor<64x4x4xf32>, tensor<64x4x4xf32>) -> tensor<64x4x4xf32>
  return %1 : tensor<64x4x4xf32>
}

func.func @det_n4_f64(%a: tensor<40x4x4xf64>) -> tensor<40xf64> attributes {difftest.rtol = [1.0e-9], difftest.scale = [1.0]} {
  %0 = "vmapc.det"(%a) : (tensor<40x4x4xf64>) -> tensor<40xf64>
  return %0 : tensor<40xf64>
}

func.func @det_n2_f32(%a: tensor<3x32x2x2xf32>) -> tensor<3x32xf32> attributes {difftest.rtol = [1.0e-5], difftest.scale = [1.0]} {
  %0 = "vmapc.det"(%a) : (tensor<3x32x2x2xf32>) -> tensor<3x32xf32>
  return %0 : tensor<3x32xf32>
}

func.func @det_n6_f64(%a: tensor<3x6x6xf64>) -> tensor<3xf64> attributes {difftest.rtol = [1.0e-9], difftest.scale = [1.0]} {
  %0 = "vmapc.det"(%a) : (tensor<3x6x6xf64>) -> tensor<3xf64>
  return %0 : tensor<3xf64>
}

func.func @det_n16_f64(%a: tensor<3x16x16xf64>) -> tensor<3xf64> attributes {difftest.rtol = [1.0e-9], difftest.scale = [1.0]} {
  %0 = "vmapc.det"(%a) : (tensor<3x16x16xf64>) -> tensor<3xf64>
  return %0 : tensor<3xf64>
}

// A A^T is positive definite.
func.func @cholesky_n5_f64(%a: tensor<6x5x5xf64>) -> tensor<6x5x5xf64> attributes {difftest.rtol = [1.0e-10], difftest.scale = [1.0]} {
  %s = "vmapc.dot_general"(%a, %a) {lhs_batching_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2>, rhs_contracting_dimensions = array<i64: 2>} : (tensor<6x5x5xf64>, tensor<6x5x5xf64>) -> tensor<6x5x5xf64>
  %0 = "vmapc.cholesky"(%s) : (tensor<6x5x5xf64>) -> tensor<6x5x5xf64>
  return %0 : tensor<6x5x5xf64>
}

func.func @cholesky_n8_f64(%a: tensor<2x8x8xf64>) -> tensor<2x8x8xf64> attributes {difftest.rtol = [1.0e-10], difftest.scale = [1.0]} {
  %s = "vmapc.dot_general"(%a, %a) {lhs_batching_dimensions = array<i64: 0>, rhs_batching_dimensions = array<i64: 0>, lhs_contracting_dimensions = array<i64: 2>, rhs_contracting_dimensions = array<i64: 2>} : (tensor<2x8x8xf64>, tensor<2x8x8xf64>) -> tensor<2x8x8xf64>
  %0 = "vmapc.cholesky"(%s) : (tensor<2x8x8xf64>) -> tensor<2x8x8xf64>
  return %0 : tensor<2x8x8xf64>
}

// Raw random 2x2 matrices (only the lower triangle is read): some lanes are
// positive definite, the others all NaN.
func.func @cholesky_mixed_n2_f32(%a: tensor<64x2x2xf32>) -> tensor<64x2x2xf32> attributes {difftest.rtol = [1.0e-5], difftest.scale = [1.0]} {
  %0 = "vmapc.cholesky"(%a) : (tensor<64x2x2xf32>) -> tensor<64x2x2xf32>
  return %0 : tensor<64x2x2xf32>
}

// The four ways to read A: lower/upper, left/right side, transposed or not.
// Random diagonals can be small, so results are compared relatively.
func.func @trsm_lower_left(%a: tensor<2x3x4x4xf64>, %b: tensor<2x3x4x3xf64>) -> tensor<2x3x4x3xf64> attributes {difftest.rtol = [1.0e-9], difftest.scale = [1.0e-3]} {
  %0 = "vmapc.triangular_solve"(%a, %b) {lower = true, left_side = true, transpose_a = false} : (tensor<2x3x4x4xf64>, tensor<2x3x4x3xf64>) -> tensor<2x3x4x3xf64>
  return %0 : tensor<2x3x4x3xf64>
}

func.func @trsm_upper_left_t(%a: tensor<6x4x4xf64>, %b: tensor<6x4x2xf64>) -> tensor<6x4x2xf64> attributes {difftest.rtol = [1.0e-9], difftest.scale = [1.0e-3]} {
  %0 = "vmapc.triangular_solve"(%a, %b) {lower = false, left_side = true, transpose_a = true} : (tensor<6x4x4xf64>, tensor<6x4x2xf64>) -> tensor<6x4x2xf64>
  return %0 : tensor<6x4x2xf64>
}

func.func @trsm_lower_right(%a: tensor<6x3x3xf64>, %b: tensor<6x5x3xf64>) -> tensor<6x5x3xf64> attributes {difftest.rtol = [1.0e-9], difftest.scale = [1.0e-3]} {
  %0 = "vmapc.triangular_solve"(%a, %b) {lower = true, left_side = false, transpose_a = false} : (tensor<6x3x3xf64>, tensor<6x5x3xf64>) -> tensor<6x5x3xf64>
  return %0 : tensor<6x5x3xf64>
}

func.func @trsm_upper_right_t(%a: tensor<6x3x3xf64>, %b: tensor<6x2x3xf64>) -> tensor<6x2x3xf64> attributes {difftest.rtol = [1.0e-9], difftest.scale = [1.0e-3]} {
  %0 = "vmapc.triangular_solve"(%a, %b) {lower = false, left_side = false, transpose_a = true} : (tensor<6x3x3xf64>, tensor<6x2x3xf64>) -> tensor<6x2x3xf64>
  return %0 : tensor<6x2x3xf64>
}

// 3 x 3 x 300 operations are too many for lanes: the scalar loops.
func.func @trsm_wide_b(%a: tensor<2x3x3xf64>, %b: tensor<2x3x300xf64>) -> tensor<2x3x300xf64> attributes {difftest.rtol = [1.0e-9], difftest.scale = [1.0e-3]} {
  %0 = "vmapc.triangular_solve"(%a, %b) {lower = false, left_side = true, transpose_a = false} : (tensor<2x3x3xf64>, tensor<2x3x300xf64>) -> tensor<2x3x300xf64>
  return %0 : tensor<2x3x300xf64>
}

// The linear-algebra ops under vmap: the batching rule adds a leading
// batch dim, the lowering turns it into lanes.
func.func private @solve_one(%a: tensor<3x3xf64>, %b: tensor<3x1xf64>) -> (tensor<3x3xf64>, tensor<f64>, tensor<3x1xf64>) {
  %inv = "vmapc.inv"(%a) : (tensor<3x3xf64>) -> tensor<3x3xf64>
  %det = "vmapc.det"(%a) : (tensor<3x3xf64>) -> tensor<f64>
  %x = "vmapc.triangular_solve"(%a, %b) {lower = true, left_side = true, transpose_a = false} : (tensor<3x3xf64>, tensor<3x1xf64>) -> tensor<3x1xf64>
  return %inv, %det, %x : tensor<3x3xf64>, tensor<f64>, tensor<3x1xf64>
}

func.func @vmapped(%a: tensor<3x3x9xf64>, %b: tensor<9x3x1xf64>) -> (tensor<9x3x3xf64>, tensor<9xf64>, tensor<3x1x9xf64>) attributes {difftest.rtol = [1.0e-9, 1.0e-9, 1.0e-9], difftest.scale = [1.0, 1.0, 1.0e-3]} {
  %0:3 = "vmapc.vmap"(%a, %b) {callee = @solve_one, in_axes = [2 : i64, 0 : i64], out_axes = [0 : i64, 0 : i64, 2 : i64]} : (tensor<3x3x9xf64>, tensor<9x3x1xf64>) -> (tensor<9x3x3xf64>, tensor<9xf64>, tensor<3x1x9xf64>)
  return %0#0, %0#1, %0#2 : tensor<9x3x3xf64>, tensor<9xf64>, tensor<3x1x9xf64>
}

// Pivot-requiring and singular matrices (Inputs/linalg_fixed.mlir):
// [[0,1],[1,0]] (a swap: det -1, its own inverse), the zero matrix and
// [[1,2],[2,4]] (singular: det exactly 0), [[0,2],[3,0]] (det -6).
// PIV:      tensor<4x2x2xf32> {{\[\[\[}}0, 1], [1, 0]], {{\[\[}}nan, nan], [nan, nan]], {{\[\[}}-inf, inf], [inf, -inf]], {{\[\[}}0, 0.333333343], [0.5, 0]]]
// PIV-NEXT: tensor<4xf32> [-1, 0, 0, -6]

// 3x3 with a zero leading pivot, and one whose tiny leading entry (1e-7)
// must not be chosen as the pivot (without pivoting, f32 loses every digit).
// PIV3:      tensor<2x3x3xf32> {{\[\[\[}}0, 1, 0], [0.600000024, 0, -0.200000003], [-0.200000003, 0, 0.400000006]], {{\[\[}}-0.33333{{[0-9]+}}, 0.33333{{[0-9]+}}, 0.33333{{[0-9]+}}], [0.33333{{[0-9]+}}, 0.66666{{[0-9]+}}, -0.33333{{[0-9]+}}], [0.66666{{[0-9]+}}, -0.66666{{[0-9]+}}, 0.33333{{[0-9]+}}]]]
// PIV3-NEXT: tensor<2xf32> [-5, -3]

// [[4,2],[2,5]] -> [[2,0],[1,2]]; [[1,*],[3,-1]] is not positive definite
// (its lane alone is NaN), the zero matrix neither.
// CHOL: tensor<3x2x2xf32> {{\[\[\[}}2, 0], [1, 2]], {{\[\[}}nan, nan], [nan, nan]], {{\[\[}}nan, nan], [nan, nan]]]
