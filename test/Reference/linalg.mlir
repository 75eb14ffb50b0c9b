// cholesky, inv, det and triangular_solve in the reference evaluator, on
// matrices whose results are exact in binary (checked by hand) except inv of
// [[4, 7], [2, 6]], whose f32 values are 0.6, -0.7, -0.2, 0.4 rounded to f32.
// RUN: vmapc-eval %s -e cholesky | FileCheck %s --check-prefix=CHOL
// RUN: vmapc-eval %s -e inv_det | FileCheck %s --check-prefix=INV
// RUN: vmapc-eval %s -e trsm | FileCheck %s --check-prefix=TRSM

// Only the lower triangle is read (the 99 is ignored); a matrix that is not
// positive definite gives all NaN, the batch's other matrix is unaffected.
// CHOL:      tensor<2x2x2xf64> {{\[}}{{\[}}[2, 0], [1, 1.4142135623730951]], {{\[}}[nan, nan], [nan, nan]]]
// CHOL-NEXT: tensor<3x3xf32> {{\[}}[2, 0, 0], [1, 2, 0], [0.5, 1.5, 3]]
func.func @cholesky() -> (tensor<2x2x2xf64>, tensor<3x3xf32>) {
  %a = "vmapc.constant"() {value = dense<[[[4.0, 99.0], [2.0, 3.0]], [[1.0, 2.0], [2.0, 1.0]]]> : tensor<2x2x2xf64>} : () -> tensor<2x2x2xf64>
  %l = "vmapc.cholesky"(%a) : (tensor<2x2x2xf64>) -> tensor<2x2x2xf64>
  // L L^T for L = [[2, 0, 0], [1, 2, 0], [0.5, 1.5, 3]].
  %b = "vmapc.constant"() {value = dense<[[4.0, 2.0, 1.0], [2.0, 5.0, 3.5], [1.0, 3.5, 11.5]]> : tensor<3x3xf32>} : () -> tensor<3x3xf32>
  %lb = "vmapc.cholesky"(%b) : (tensor<3x3xf32>) -> tensor<3x3xf32>
  return %l, %lb : tensor<2x2x2xf64>, tensor<3x3xf32>
}

// INV:      tensor<2x2xf32> {{\[}}[0.600000024, -0.699999988], [-0.200000003, 0.400000006]]
// INV-NEXT: tensor<3x2x2xf64> {{\[}}{{\[}}[0.5, 0], [0, 0.25]], {{\[}}[1, -2], [0, 1]], {{\[}}[0, 0.25], [0.5, 0]]]
// INV-NEXT: tensor<f32> 10
// INV-NEXT: tensor<3xf64> [-1, 24, 0]
func.func @inv_det() -> (tensor<2x2xf32>, tensor<3x2x2xf64>, tensor<f32>,
                         tensor<3xf64>) {
  %a = "vmapc.constant"() {value = dense<[[4.0, 7.0], [2.0, 6.0]]> : tensor<2x2xf32>} : () -> tensor<2x2xf32>
  %ia = "vmapc.inv"(%a) : (tensor<2x2xf32>) -> tensor<2x2xf32>
  // The third needs a row swap (zero leading pivot).
  %b = "vmapc.constant"() {value = dense<[[[2.0, 0.0], [0.0, 4.0]], [[1.0, 2.0], [0.0, 1.0]], [[0.0, 2.0], [4.0, 0.0]]]> : tensor<3x2x2xf64>} : () -> tensor<3x2x2xf64>
  %ib = "vmapc.inv"(%b) : (tensor<3x2x2xf64>) -> tensor<3x2x2xf64>
  %da = "vmapc.det"(%a) : (tensor<2x2xf32>) -> tensor<f32>
  // A permutation (det -1), diag(2, 3, 4) and a singular matrix.
  %c = "vmapc.constant"() {value = dense<[[[0.0, 1.0, 0.0], [1.0, 0.0, 0.0], [0.0, 0.0, 1.0]], [[2.0, 0.0, 0.0], [0.0, 3.0, 0.0], [0.0, 0.0, 4.0]], [[1.0, 2.0, 3.0], [2.0, 4.0, 6.0], [1.0, 0.0, 1.0]]]> : tensor<3x3x3xf64>} : () -> tensor<3x3x3xf64>
  %dc = "vmapc.det"(%c) : (tensor<3x3x3xf64>) -> tensor<3xf64>
  return %ia, %ib, %da, %dc : tensor<2x2xf32>, tensor<3x2x2xf64>, tensor<f32>, tensor<3xf64>
}

// A = [[2, 9], [1, 4]]: its lower triangle L = [[2, 0], [1, 4]], its upper
// triangle U = [[2, 9], [0, 4]].
// L x = [2, 9]:          x = [1, 2]
// L^T x = [2, 9]:        x = [-0.125, 2.25]
// U x = [2, 9]:          x = [-9.125, 2.25]
// U^T x = [2, 9]:        x = [1, 0]
// x L = [4, 8]:          x = [1, 2]
// x L^T = [4, 8]:        x = [2, 1.5]
// x U = [4, 8]:          x = [2, -2.5]
// x U^T = [4, 8]:        x = [-7, 2]
// TRSM:      tensor<2x1xf64> {{\[}}[1], [2]]
// TRSM-NEXT: tensor<2x1xf64> {{\[}}[-0.125], [2.25]]
// TRSM-NEXT: tensor<2x1xf64> {{\[}}[-9.125], [2.25]]
// TRSM-NEXT: tensor<2x1xf64> {{\[}}[1], [0]]
// TRSM-NEXT: tensor<1x2xf64> {{\[}}[1, 2]]
// TRSM-NEXT: tensor<1x2xf64> {{\[}}[2, 1.5]]
// TRSM-NEXT: tensor<1x2xf64> {{\[}}[2, -2.5]]
// TRSM-NEXT: tensor<1x2xf64> {{\[}}[-7, 2]]
// TRSM-NEXT: tensor<2x2x2xf32> {{\[}}{{\[}}[1, 0.5], [2, 1]], {{\[}}[1, 1], [1, 1]]]
func.func @trsm() -> (tensor<2x1xf64>, tensor<2x1xf64>, tensor<2x1xf64>,
                      tensor<2x1xf64>, tensor<1x2xf64>, tensor<1x2xf64>,
                      tensor<1x2xf64>, tensor<1x2xf64>, tensor<2x2x2xf32>) {
  %a = "vmapc.constant"() {value = dense<[[2.0, 9.0], [1.0, 4.0]]> : tensor<2x2xf64>} : () -> tensor<2x2xf64>
  %bl = "vmapc.constant"() {value = dense<[[2.0], [9.0]]> : tensor<2x1xf64>} : () -> tensor<2x1xf64>
  %br = "vmapc.constant"() {value = dense<[[4.0, 8.0]]> : tensor<1x2xf64>} : () -> tensor<1x2xf64>
  %x0 = "vmapc.triangular_solve"(%a, %bl) {lower = true, left_side = true, transpose_a = false} : (tensor<2x2xf64>, tensor<2x1xf64>) -> tensor<2x1xf64>
  %x1 = "vmapc.triangular_solve"(%a, %bl) {lower = true, left_side = true, transpose_a = true} : (tensor<2x2xf64>, tensor<2x1xf64>) -> tensor<2x1xf64>
  %x2 = "vmapc.triangular_solve"(%a, %bl) {lower = false, left_side = true, transpose_a = false} : (tensor<2x2xf64>, tensor<2x1xf64>) -> tensor<2x1xf64>
  %x3 = "vmapc.triangular_solve"(%a, %bl) {lower = false, left_side = true, transpose_a = true} : (tensor<2x2xf64>, tensor<2x1xf64>) -> tensor<2x1xf64>
  %x4 = "vmapc.triangular_solve"(%a, %br) {lower = true, left_side = false, transpose_a = false} : (tensor<2x2xf64>, tensor<1x2xf64>) -> tensor<1x2xf64>
  %x5 = "vmapc.triangular_solve"(%a, %br) {lower = true, left_side = false, transpose_a = true} : (tensor<2x2xf64>, tensor<1x2xf64>) -> tensor<1x2xf64>
  %x6 = "vmapc.triangular_solve"(%a, %br) {lower = false, left_side = false, transpose_a = false} : (tensor<2x2xf64>, tensor<1x2xf64>) -> tensor<1x2xf64>
  %x7 = "vmapc.triangular_solve"(%a, %br) {lower = false, left_side = false, transpose_a = true} : (tensor<2x2xf64>, tensor<1x2xf64>) -> tensor<1x2xf64>
  // Batched, with the attribute defaults (lower, left side, no transpose):
  // [[2, 0], [2, 4]] X = [[2, 1], [10, 5]] and I X = ones.
  %ba = "vmapc.constant"() {value = dense<[[[2.0, 7.0], [2.0, 4.0]], [[1.0, 0.0], [0.0, 1.0]]]> : tensor<2x2x2xf32>} : () -> tensor<2x2x2xf32>
  %bb = "vmapc.constant"() {value = dense<[[[2.0, 1.0], [10.0, 5.0]], [[1.0, 1.0], [1.0, 1.0]]]> : tensor<2x2x2xf32>} : () -> tensor<2x2x2xf32>
  %bx = "vmapc.triangular_solve"(%ba, %bb) : (tensor<2x2x2xf32>, tensor<2x2x2xf32>) -> tensor<2x2x2xf32>
  return %x0, %x1, %x2, %x3, %x4, %x5, %x6, %x7, %bx
      : tensor<2x1xf64>, tensor<2x1xf64>, tensor<2x1xf64>, tensor<2x1xf64>,
        tensor<1x2xf64>, tensor<1x2xf64>, tensor<1x2xf64>, tensor<1x2xf64>,
        tensor<2x2x2xf32>
}
