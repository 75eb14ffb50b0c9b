// RUN: vmapc-opt %s -split-input-file -verify-diagnostics
// Malformed input is a located `file:line:col: error:` and exit code 1 (not a
// crash, which `not` would not accept).
// RUN: not vmapc-opt %s -split-input-file 2>&1 | FileCheck %s
// CHECK: invalid-syntax.mlir:[[# @LINE + 6]]:{{[0-9]+}}: error: expected ','

// Parse errors of the pretty forms (and of the generic form).

func.func @missing_operand(%a: tensor<4xf32>) {
  // expected-error @+1 {{expected ','}}
  %0 = vmapc.add %a : tensor<4xf32>
  return
}

// -----

func.func @unknown_op(%a: tensor<4xf32>) {
  // expected-error @+1 {{custom op 'vmapc.frobnicate' is unknown}}
  %0 = vmapc.frobnicate %a : tensor<4xf32>
  return
}

// -----

func.func @unknown_generic_op(%a: tensor<4xf32>) {
  // expected-error @+1 {{unregistered operation 'vmapc.frobnicate' found in dialect ('vmapc') that does not allow unknown operations}}
  %0 = "vmapc.frobnicate"(%a) : (tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @generic_operand_count(%a: tensor<4xf32>) {
  // expected-error @+1 {{'vmapc.neg' op requires a single operand}}
  %0 = "vmapc.neg"(%a, %a) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @generic_result_count(%a: tensor<4xf32>) {
  // expected-error @+1 {{'vmapc.neg' op requires one result}}
  %0:2 = "vmapc.neg"(%a) : (tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return
}

// -----

func.func @type_disagrees_with_value(%a: tensor<4xf32>) {
  // expected-note @-1 {{prior use here}}
  // expected-error @+1 {{use of value '%a' expects different type than prior uses: 'tensor<3xf32>' vs 'tensor<4xf32>'}}
  %0 = vmapc.exp %a : tensor<3xf32>
  return
}

// -----

func.func @undefined_value(%a: tensor<4xf32>) {
  // expected-error @+1 {{use of undeclared SSA value name}}
  %0 = vmapc.mul %a, %b : tensor<4xf32>
  return
}

// -----

func.func @compare_missing_predicate(%a: tensor<4xf32>) {
  // expected-error @+1 {{expected valid keyword or string}}
  %0 = vmapc.compare %a, %a : tensor<4xf32>
  return
}

// -----

func.func @reduce_missing_kind(%a: tensor<4xf32>) {
  // expected-error @+1 {{expected valid keyword or string}}
  %0 = vmapc.reduce %a, dims = [0] : tensor<4xf32> -> tensor<f32>
  return
}

// -----

func.func @constant_missing_value() {
  // expected-error @+1 {{expected attribute value}}
  %0 = vmapc.constant : tensor<4xf32>
  return
}

// -----

func.func @constant_not_elements() {
  // expected-error @+1 {{invalid kind of attribute specified}}
  %0 = vmapc.constant 1.0 : f32
  return
}

// -----

func.func @constant_wrong_count() {
  // expected-error @+1 {{inferred shape of elements literal ([3]) does not match type ([4])}}
  %0 = vmapc.constant dense<[1.0, 2.0, 3.0]> : tensor<4xf32>
  return
}

// -----

func.func @transpose_missing_arrow(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{expected '->'}}
  %0 = vmapc.transpose %a, permutation = [1, 0] : tensor<2x3xf32>
  return
}

// -----

func.func @broadcast_dims_not_array(%a: tensor<3xf32>) {
  // expected-error @+1 {{expected '['}}
  %0 = vmapc.broadcast_in_dim %a, dims = 1 : tensor<3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @slice_unterminated(%a: tensor<4xf32>) {
  // expected-error @+2 {{custom op 'vmapc.slice' expected integer value}}
  // expected-error @+1 {{expected ']'}}
  %0 = vmapc.slice %a, start = [0, limit = [2], strides = [1] : tensor<4xf32> -> tensor<2xf32>
  return
}

// -----

func.func @dot_general_missing_x(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) {
  // expected-error @+1 {{expected 'x'}}
  %0 = vmapc.dot_general %a, %b, batching_dims = [], contracting_dims = [1] x [0]
       : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
  return
}

// -----

func.func @dynamic_slice_unclosed(%a: tensor<4xf32>, %i: tensor<i32>) {
  // expected-error @+1 {{expected ']'}}
  %0 = vmapc.dynamic_slice %a[%i sizes = [2] : (tensor<4xf32>, tensor<i32>) -> tensor<2xf32>
  return
}

// -----

func.func @triangular_solve_bad_flag(%a: tensor<3x3xf32>, %b: tensor<3x2xf32>) {
  // expected-error @+1 {{'vmapc.triangular_solve' op attribute 'lower' failed to satisfy constraint: bool attribute}}
  %0 = vmapc.triangular_solve %a, %b {lower = 1 : i64} : tensor<3x3xf32>, tensor<3x2xf32>
  return
}

// -----

func.func private @f(tensor<3xf32>) -> tensor<3xf32>

func.func @vmap_bad_axis(%x: tensor<8x3xf32>) {
  // expected-error @+1 {{expected integer value}}
  %0 = vmapc.vmap @f(%x) in_axes [zero] out_axes [0] : (tensor<8x3xf32>) -> tensor<8x3xf32>
  return
}

// -----

func.func private @f(tensor<3xf32>) -> tensor<3xf32>

func.func @vmap_unclosed_axes(%x: tensor<8x3xf32>) {
  // expected-error @+1 {{expected ']' in axis list}}
  %0 = vmapc.vmap @f(%x) in_axes [0 out_axes [0] : (tensor<8x3xf32>) -> tensor<8x3xf32>
  return
}

// -----

func.func private @f(tensor<3xf32>) -> tensor<3xf32>

func.func @vmap_missing_callee(%x: tensor<8x3xf32>) {
  // expected-error @+1 {{expected non-function type}}
  %0 = vmapc.vmap (%x) in_axes [0] out_axes [0] : (tensor<8x3xf32>) -> tensor<8x3xf32>
  return
}

// -----

func.func private @f(tensor<3xf32>) -> tensor<3xf32>

func.func @vmap_axis_size_not_integer(%x: tensor<8x3xf32>) {
  // expected-error @+1 {{floating point value not valid for specified type}}
  %0 = vmapc.vmap @f(%x) in_axes [0] out_axes [0] axis_size = 1.5 : (tensor<8x3xf32>) -> tensor<8x3xf32>
  return
}
