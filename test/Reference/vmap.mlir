// vmapc.vmap in the reference evaluator: one callee call per slice of the
// mapped axis, results stacked at out_axes. Expected values by hand.
// RUN: vmapc-eval %s -e in_axes | FileCheck %s --check-prefix=IN
// RUN: vmapc-eval %s -e out_axes | FileCheck %s --check-prefix=OUT
// RUN: vmapc-eval %s -e nested | FileCheck %s --check-prefix=NEST
// RUN: not vmapc-eval %s -e bad_none 2>&1 | FileCheck %s --check-prefix=BAD

func.func @row_sum(%x: tensor<3xf32>) -> tensor<f32> {
  %s = "vmapc.reduce"(%x) {kind = "sum", dimensions = array<i64: 0>} : (tensor<3xf32>) -> tensor<f32>
  return %s : tensor<f32>
}

func.func @scale(%x: tensor<3xf32>, %w: tensor<3xf32>) -> tensor<3xf32> {
  %p = "vmapc.mul"(%x, %w) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %p : tensor<3xf32>
}

// Axis 0, axis 1 and axis -1 of the transposed data give the same sums.
// IN:      tensor<2xf32> [6, 15]
// IN-NEXT: tensor<2xf32> [6, 15]
// IN-NEXT: tensor<2xf32> [6, 15]
// IN-NEXT: tensor<2x3xf32> {{\[}}[10, 40, 90], [40, 100, 180]]
func.func @in_axes() -> (tensor<2xf32>, tensor<2xf32>, tensor<2xf32>,
                         tensor<2x3xf32>) {
  %x = "vmapc.constant"() {value = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
  %xt = "vmapc.transpose"(%x) {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %a = "vmapc.vmap"(%x) {callee = @row_sum, in_axes = [0 : i64], out_axes = [0 : i64]} : (tensor<2x3xf32>) -> tensor<2xf32>
  %b = "vmapc.vmap"(%xt) {callee = @row_sum, in_axes = [1 : i64], out_axes = [0 : i64]} : (tensor<3x2xf32>) -> tensor<2xf32>
  %c = "vmapc.vmap"(%xt) {callee = @row_sum, in_axes = [-1 : i64], out_axes = [0 : i64]} : (tensor<3x2xf32>) -> tensor<2xf32>
  // The unmapped w is passed whole to every call.
  %w = "vmapc.constant"() {value = dense<[10.0, 20.0, 30.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %d = "vmapc.vmap"(%x, %w) {callee = @scale, in_axes = [0 : i64, unit], out_axes = [0 : i64]} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<2x3xf32>
  return %a, %b, %c, %d : tensor<2xf32>, tensor<2xf32>, tensor<2xf32>, tensor<2x3xf32>
}

func.func @twice(%w: tensor<3xf32>) -> tensor<3xf32> {
  %s = "vmapc.add"(%w, %w) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %s : tensor<3xf32>
}

func.func @two_results(%x: tensor<3xf32>, %w: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %p = func.call @scale(%x, %w) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %t = func.call @twice(%w) : (tensor<3xf32>) -> tensor<3xf32>
  return %p, %t : tensor<3xf32>, tensor<3xf32>
}

// out_axes 1 and -1 put the batch last; axis_size maps nothing; an
// out_axes none result (independent of x) is returned unstacked.
// OUT:      tensor<3x2xf32> {{\[}}[10, 40], [40, 100], [90, 180]]
// OUT-NEXT: tensor<3x2xf32> {{\[}}[10, 40], [40, 100], [90, 180]]
// OUT-NEXT: tensor<2x3xf32> {{\[}}[20, 40, 60], [20, 40, 60]]
// OUT-NEXT: tensor<3x2xf32> {{\[}}[10, 40], [40, 100], [90, 180]]
// OUT-NEXT: tensor<3xf32> [20, 40, 60]
func.func @out_axes() -> (tensor<3x2xf32>, tensor<3x2xf32>, tensor<2x3xf32>,
                          tensor<3x2xf32>, tensor<3xf32>) {
  %x = "vmapc.constant"() {value = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
  %w = "vmapc.constant"() {value = dense<[10.0, 20.0, 30.0]> : tensor<3xf32>} : () -> tensor<3xf32>
  %a = "vmapc.vmap"(%x, %w) {callee = @scale, in_axes = [0 : i64, unit], out_axes = [1 : i64]} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x2xf32>
  %b = "vmapc.vmap"(%x, %w) {callee = @scale, in_axes = [0 : i64, unit], out_axes = [-1 : i64]} : (tensor<2x3xf32>, tensor<3xf32>) -> tensor<3x2xf32>
  %c = "vmapc.vmap"(%w) {callee = @twice, in_axes = [unit], out_axes = [0 : i64], axis_size = 2 : i64} : (tensor<3xf32>) -> tensor<2x3xf32>
  %d:2 = "vmapc.vmap"(%x, %w) {callee = @two_results, in_axes = [0 : i64, unit], out_axes = [1 : i64, unit]} : (tensor<2x3xf32>, tensor<3xf32>) -> (tensor<3x2xf32>, tensor<3xf32>)
  return %a, %b, %c, %d#0, %d#1 : tensor<3x2xf32>, tensor<3x2xf32>, tensor<2x3xf32>, tensor<3x2xf32>, tensor<3xf32>
}

func.func @add_scalars(%a: tensor<f32>, %b: tensor<f32>) -> tensor<f32> {
  %s = "vmapc.add"(%a, %b) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  return %s : tensor<f32>
}

func.func @add_row(%x: tensor<3xf32>, %y: tensor<f32>) -> tensor<3xf32> {
  %r = "vmapc.vmap"(%x, %y) {callee = @add_scalars, in_axes = [0 : i64, unit], out_axes = [0 : i64]} : (tensor<3xf32>, tensor<f32>) -> tensor<3xf32>
  return %r : tensor<3xf32>
}

// vmap of vmap: r[i, j] = x[i, j] + y[i]; with the outer batch at axis 1 of
// x and of the result, r[j, i] = x[j, i] + y[i].
// NEST:      tensor<2x3xf32> {{\[}}[101, 102, 103], [204, 205, 206]]
// NEST-NEXT: tensor<3x2xf32> {{\[}}[101, 204], [102, 205], [103, 206]]
func.func @nested() -> (tensor<2x3xf32>, tensor<3x2xf32>) {
  %x = "vmapc.constant"() {value = dense<[[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]> : tensor<2x3xf32>} : () -> tensor<2x3xf32>
  %y = "vmapc.constant"() {value = dense<[100.0, 200.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %r = "vmapc.vmap"(%x, %y) {callee = @add_row, in_axes = [0 : i64, 0 : i64], out_axes = [0 : i64]} : (tensor<2x3xf32>, tensor<2xf32>) -> tensor<2x3xf32>
  %xt = "vmapc.transpose"(%x) {permutation = array<i64: 1, 0>} : (tensor<2x3xf32>) -> tensor<3x2xf32>
  %rt = "vmapc.vmap"(%xt, %y) {callee = @add_row, in_axes = [1 : i64, 0 : i64], out_axes = [1 : i64]} : (tensor<3x2xf32>, tensor<2xf32>) -> tensor<3x2xf32>
  return %r, %rt : tensor<2x3xf32>, tensor<3x2xf32>
}

// A result declared out_axes none that does depend on the mapped input is
// caught when the calls disagree.
// BAD: vmap.mlir:[[@LINE+3]]:8: 'vmapc.vmap': result 0 has out_axes none but differs across the batch
func.func @bad_none() -> tensor<f32> {
  %x = "vmapc.constant"() {value = dense<[1.0, 2.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %r = "vmapc.vmap"(%x, %x) {callee = @add_scalars, in_axes = [0 : i64, 0 : i64], out_axes = [unit]} : (tensor<2xf32>, tensor<2xf32>) -> tensor<f32>
  return %r : tensor<f32>
}
