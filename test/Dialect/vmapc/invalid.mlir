// RUN: vmapc-opt %s -split-input-file -verify-diagnostics

// One case per verifier rule and per result type inference failure of the
// ops other than vmap (see invalid-vmap.mlir and invalid-syntax.mlir).

//===----------------------------------------------------------------------===//
// Element types and static shapes
//===----------------------------------------------------------------------===//

func.func @add_type_mismatch(%a: tensor<4xf32>, %b: tensor<4xf64>) {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "vmapc.add"(%a, %b) : (tensor<4xf32>, tensor<4xf64>) -> tensor<4xf32>
  return
}

// -----

func.func @sub_shape_mismatch(%a: tensor<4xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "vmapc.sub"(%a, %b) : (tensor<4xf32>, tensor<3xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @mul_result_mismatch(%a: tensor<4xi32>) {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "vmapc.mul"(%a, %a) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi64>
  return
}

// -----

func.func @add_bool(%a: tensor<4xi1>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 32-bit float or 64-bit float or 32-bit signless integer or 64-bit signless integer values}}
  %0 = vmapc.add %a, %a : tensor<4xi1>
  return
}

// -----

func.func @add_f16(%a: tensor<4xf16>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 32-bit float or 64-bit float or 32-bit signless integer or 64-bit signless integer values}}
  %0 = vmapc.add %a, %a : tensor<4xf16>
  return
}

// -----

func.func @div_dynamic(%a: tensor<?xf32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor}}
  %0 = vmapc.div %a, %a : tensor<?xf32>
  return
}

// -----

func.func @max_unranked(%a: tensor<*xf32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor}}
  %0 = "vmapc.max"(%a, %a) : (tensor<*xf32>, tensor<*xf32>) -> tensor<*xf32>
  return
}

// -----

func.func @min_not_tensor(%a: vector<4xf32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor}}
  %0 = "vmapc.min"(%a, %a) : (vector<4xf32>, vector<4xf32>) -> vector<4xf32>
  return
}

// -----

func.func @pow_int(%a: tensor<4xi32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 32-bit float or 64-bit float values}}
  %0 = vmapc.pow %a, %a : tensor<4xi32>
  return
}

// -----

func.func @exp_int(%a: tensor<4xi64>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 32-bit float or 64-bit float values}}
  %0 = vmapc.exp %a : tensor<4xi64>
  return
}

// -----

func.func @neg_bool(%a: tensor<4xi1>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 32-bit float or 64-bit float or 32-bit signless integer or 64-bit signless integer values}}
  %0 = vmapc.neg %a : tensor<4xi1>
  return
}

// -----

func.func @tanh_result_mismatch(%a: tensor<4xf32>) {
  // expected-error @+1 {{requires the same type for all operands and results}}
  %0 = "vmapc.tanh"(%a) : (tensor<4xf32>) -> tensor<2x2xf32>
  return
}

// -----

func.func @abs_unsigned(%a: tensor<4xui32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor}}
  %0 = vmapc.abs %a : tensor<4xui32>
  return
}

//===----------------------------------------------------------------------===//
// compare, select
//===----------------------------------------------------------------------===//

// -----

func.func @compare_bad_predicate(%a: tensor<4xf32>) {
  // expected-error @+1 {{predicate must be one of eq, ne, lt, le, gt, ge; got 'lte'}}
  %0 = vmapc.compare lte, %a, %a : tensor<4xf32>
  return
}

// -----

func.func @compare_operand_mismatch(%a: tensor<4xf32>, %b: tensor<4xf64>) {
  // expected-error @+1 {{requires all operands to have the same type}}
  %0 = "vmapc.compare"(%a, %b) {predicate = "eq"} : (tensor<4xf32>, tensor<4xf64>) -> tensor<4xi1>
  return
}

// -----

func.func @compare_result_shape(%a: tensor<4xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<4xi1>' are incompatible with return type(s) of operation 'tensor<2x2xi1>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "vmapc.compare"(%a, %a) {predicate = "eq"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<2x2xi1>
  return
}

// -----

func.func @compare_result_not_bool(%a: tensor<4xf32>) {
  // expected-error @+1 {{result #0 must be statically shaped tensor of 1-bit signless integer values}}
  %0 = "vmapc.compare"(%a, %a) {predicate = "eq"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @compare_missing_predicate(%a: tensor<4xf32>) {
  // expected-error @+1 {{requires attribute 'predicate'}}
  %0 = "vmapc.compare"(%a, %a) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return
}

// -----

func.func @compare_predicate_not_string(%a: tensor<4xf32>) {
  // expected-error @+1 {{attribute 'predicate' failed to satisfy constraint: string attribute}}
  %0 = "vmapc.compare"(%a, %a) {predicate = 1 : i64} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  return
}

// -----

// The pretty form infers the result type while parsing, before the operand
// type constraints are checked: inference rejects dynamic shapes itself.
func.func @compare_dynamic(%a: tensor<?xf32>) {
  // expected-error @+1 {{operands must be static-shape tensors}}
  %0 = vmapc.compare eq, %a, %a : tensor<?xf32>
  return
}

// -----

func.func @select_pred_shape(%p: tensor<3xi1>, %a: tensor<2xf32>) {
  // expected-error @+1 {{predicate shape [3] differs from the operand shape [2]}}
  %0 = vmapc.select %p, %a, %a : tensor<3xi1>, tensor<2xf32>
  return
}

// -----

func.func @select_pred_not_bool(%p: tensor<2xi32>, %a: tensor<2xf32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 1-bit signless integer values}}
  %0 = vmapc.select %p, %a, %a : tensor<2xi32>, tensor<2xf32>
  return
}

// -----

func.func @select_sides_differ(%p: tensor<2xi1>, %a: tensor<2xf32>, %b: tensor<2xf64>) {
  // expected-error @+1 {{failed to verify that all of {on_true, on_false, result} have same type}}
  %0 = "vmapc.select"(%p, %a, %b) : (tensor<2xi1>, tensor<2xf32>, tensor<2xf64>) -> tensor<2xf32>
  return
}

//===----------------------------------------------------------------------===//
// constant, iota, convert
//===----------------------------------------------------------------------===//

// -----

func.func @constant_f16() {
  // expected-error @+1 {{result #0 must be statically shaped tensor of 32-bit float or 64-bit float or 1-bit signless integer or 32-bit signless integer or 64-bit signless integer values}}
  %0 = vmapc.constant dense<1.0> : tensor<2xf16>
  return
}

// -----

func.func @constant_vector() {
  // expected-error @+1 {{result #0 must be statically shaped tensor}}
  %0 = vmapc.constant dense<1.0> : vector<2xf32>
  return
}

// -----

func.func @constant_result_mismatch() {
  // expected-error @+2 {{inferred type(s) 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "vmapc.constant"() {value = dense<1.0> : tensor<2xf32>} : () -> tensor<3xf32>
  return
}

// -----

func.func @constant_missing_value() {
  // expected-error @+1 {{requires attribute 'value'}}
  %0 = "vmapc.constant"() : () -> tensor<3xf32>
  return
}

// -----

func.func @constant_not_dense() {
  // expected-error @+1 {{attribute 'value' failed to satisfy constraint: dense elements attribute}}
  %0 = "vmapc.constant"() {value = 1.0 : f32} : () -> tensor<f32>
  return
}

// -----

func.func @constant_sparse() {
  // expected-error @+1 {{attribute 'value' failed to satisfy constraint: dense elements attribute}}
  %0 = "vmapc.constant"() {value = sparse<[[0]], [1.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  return
}

// -----

func.func @iota_dim_out_of_range() {
  // expected-error @+1 {{dimension 2 is out of range for result rank 2}}
  %0 = vmapc.iota dim = 2 : tensor<2x3xi32>
  return
}

// -----

func.func @iota_dim_negative() {
  // expected-error @+1 {{dimension -1 is out of range for result rank 1}}
  %0 = vmapc.iota dim = -1 : tensor<3xf32>
  return
}

// -----

func.func @iota_scalar() {
  // expected-error @+1 {{dimension 0 is out of range for result rank 0}}
  %0 = vmapc.iota dim = 0 : tensor<i32>
  return
}

// -----

func.func @iota_bool() {
  // expected-error @+1 {{result #0 must be statically shaped tensor of 32-bit float or 64-bit float or 32-bit signless integer or 64-bit signless integer values}}
  %0 = vmapc.iota dim = 0 : tensor<3xi1>
  return
}

// -----

func.func @convert_shape(%a: tensor<3xf32>) {
  // expected-error @+1 {{requires the same shape for all operands and results}}
  %0 = vmapc.convert %a : tensor<3xf32> -> tensor<4xi32>
  return
}

// -----

func.func @convert_scalar_shape(%a: tensor<f32>) {
  // expected-error @+1 {{requires the same shape for all operands and results}}
  %0 = vmapc.convert %a : tensor<f32> -> tensor<1xi32>
  return
}

// -----

func.func @convert_f16(%a: tensor<3xf32>) {
  // expected-error @+1 {{result #0 must be statically shaped tensor}}
  %0 = vmapc.convert %a : tensor<3xf32> -> tensor<3xf16>
  return
}

//===----------------------------------------------------------------------===//
// broadcast_in_dim, reshape, transpose
//===----------------------------------------------------------------------===//

// -----

func.func @broadcast_dims_count(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{broadcast_dimensions has 1 entries but the operand has rank 2}}
  %0 = vmapc.broadcast_in_dim %a, dims = [0] : tensor<2x3xf32> -> tensor<4x2x3xf32>
  return
}

// -----

func.func @broadcast_dim_out_of_range(%a: tensor<3xf32>) {
  // expected-error @+1 {{broadcast_dimensions[0] = 2 is out of range for result rank 2}}
  %0 = vmapc.broadcast_in_dim %a, dims = [2] : tensor<3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @broadcast_dim_negative(%a: tensor<3xf32>) {
  // expected-error @+1 {{broadcast_dimensions[0] = -1 is out of range for result rank 2}}
  %0 = vmapc.broadcast_in_dim %a, dims = [-1] : tensor<3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @broadcast_not_increasing(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{broadcast_dimensions must be strictly increasing, got [1, 0]}}
  %0 = vmapc.broadcast_in_dim %a, dims = [1, 0] : tensor<2x3xf32> -> tensor<3x2xf32>
  return
}

// -----

func.func @broadcast_repeated(%a: tensor<3x3xf32>) {
  // expected-error @+1 {{broadcast_dimensions must be strictly increasing, got [1, 1]}}
  %0 = vmapc.broadcast_in_dim %a, dims = [1, 1] : tensor<3x3xf32> -> tensor<3x3xf32>
  return
}

// -----

func.func @broadcast_incompatible(%a: tensor<3xf32>) {
  // expected-error @+1 {{operand dimension 0 of size 3 cannot broadcast to result dimension 1 of size 4}}
  %0 = vmapc.broadcast_in_dim %a, dims = [1] : tensor<3xf32> -> tensor<2x4xf32>
  return
}

// -----

func.func @broadcast_element_type(%a: tensor<3xf32>) {
  // expected-error @+1 {{requires the same element type for all operands and results}}
  %0 = vmapc.broadcast_in_dim %a, dims = [1] : tensor<3xf32> -> tensor<2x3xf64>
  return
}

// -----

func.func @reshape_count(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{cannot reshape [2, 3] (6 elements) to [7] (7 elements)}}
  %0 = vmapc.reshape %a : tensor<2x3xf32> -> tensor<7xf32>
  return
}

// -----

// 2^62 * 4 elements do not fit in int64: no wrapped-around count may match.
func.func @reshape_count_overflow(%a: tensor<4611686018427387904x4xf32>) {
  // expected-error @+1 {{element count of 'tensor<4611686018427387904x4xf32>' overflows int64}}
  %0 = vmapc.reshape %a : tensor<4611686018427387904x4xf32> -> tensor<0xf32>
  return
}

// -----

func.func @reshape_element_type(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{requires the same element type for all operands and results}}
  %0 = vmapc.reshape %a : tensor<2x3xf32> -> tensor<6xi32>
  return
}

// -----

func.func @transpose_length(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{permutation [0] has 1 entries but the operand has rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.transpose %a, permutation = [0] : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @transpose_out_of_range(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{permutation dimension 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.transpose %a, permutation = [2, 0] : tensor<2x3xf32> -> tensor<3x2xf32>
  return
}

// -----

func.func @transpose_not_permutation(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{permutation dimension 0 appears more than once}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.transpose %a, permutation = [0, 0] : tensor<2x3xf32> -> tensor<2x2xf32>
  return
}

// -----

func.func @transpose_result(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<3x2xf32>' are incompatible with return type(s) of operation 'tensor<2x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.transpose %a, permutation = [1, 0] : tensor<2x3xf32> -> tensor<2x3xf32>
  return
}

// -----

func.func @transpose_missing_permutation(%a: tensor<2x3xf32>) {
  // expected-error @+1 {{requires attribute 'permutation'}}
  %0 = "vmapc.transpose"(%a) : (tensor<2x3xf32>) -> tensor<3x2xf32>
  return
}

//===----------------------------------------------------------------------===//
// reduce
//===----------------------------------------------------------------------===//

// -----

func.func @reduce_kind(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{kind must be one of sum, max, min, prod; got 'mean'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.reduce mean %a, dims = [1] : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reduce_dim_out_of_range(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{reduced dimension 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.reduce sum %a, dims = [2] : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reduce_dim_negative(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{reduced dimension -1 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.reduce sum %a, dims = [-1] : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reduce_dim_repeated(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{reduced dimension 1 appears more than once}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.reduce sum %a, dims = [1, 1] : tensor<2x3xf32> -> tensor<2xf32>
  return
}

// -----

func.func @reduce_result(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.reduce sum %a, dims = [1] : tensor<2x3xf32> -> tensor<3xf32>
  return
}

// -----

func.func @reduce_bool(%a: tensor<2x3xi1>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 32-bit float or 64-bit float or 32-bit signless integer or 64-bit signless integer values}}
  %0 = "vmapc.reduce"(%a) {kind = "sum", dimensions = array<i64: 1>} : (tensor<2x3xi1>) -> tensor<2xi1>
  return
}

//===----------------------------------------------------------------------===//
// dot_general
//===----------------------------------------------------------------------===//

// -----

func.func @dot_element_types(%a: tensor<4x8xf32>, %b: tensor<8x5xf64>) {
  // expected-error @+2 {{operand element types differ: f32 vs f64}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [1] x [0]
       : (tensor<4x8xf32>, tensor<8x5xf64>) -> tensor<4x5xf32>
  return
}

// -----

func.func @dot_batching_count(%a: tensor<2x4x8xf32>, %b: tensor<2x8x5xf32>) {
  // expected-error @+2 {{lhs_batching_dimensions has 1 entries but rhs_batching_dimensions has 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.dot_general %a, %b, batching_dims = [0] x [], contracting_dims = [2] x [1]
       : (tensor<2x4x8xf32>, tensor<2x8x5xf32>) -> tensor<2x4x5xf32>
  return
}

// -----

func.func @dot_contracting_count(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) {
  // expected-error @+2 {{lhs_contracting_dimensions has 1 entries but rhs_contracting_dimensions has 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [1] x [0, 1]
       : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @dot_lhs_out_of_range(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) {
  // expected-error @+2 {{lhs batching/contracting dimension 2 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [2] x [0]
       : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
  return
}

// -----

func.func @dot_rhs_out_of_range(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) {
  // expected-error @+2 {{rhs batching/contracting dimension -1 is out of range for rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [1] x [-1]
       : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<4x5xf32>
  return
}

// -----

func.func @dot_not_disjoint(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>) {
  // expected-error @+2 {{lhs batching/contracting dimension 0 appears more than once}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.dot_general %a, %b, batching_dims = [0] x [0], contracting_dims = [0] x [1]
       : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<8x8xf32>
  return
}

// -----

func.func @dot_contracting_repeated(%a: tensor<8x8xf32>, %b: tensor<8x8xf32>) {
  // expected-error @+2 {{rhs batching/contracting dimension 1 appears more than once}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [0, 1] x [1, 1]
       : (tensor<8x8xf32>, tensor<8x8xf32>) -> tensor<f32>
  return
}

// -----

func.func @dot_batch_size(%a: tensor<2x4x8xf32>, %b: tensor<3x8x5xf32>) {
  // expected-error @+2 {{batching dimension sizes differ: lhs dim 0 has size 2, rhs dim 0 has size 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.dot_general %a, %b, batching_dims = [0] x [0], contracting_dims = [2] x [1]
       : (tensor<2x4x8xf32>, tensor<3x8x5xf32>) -> tensor<2x4x5xf32>
  return
}

// -----

func.func @dot_contracting_size(%a: tensor<4x8xf32>, %b: tensor<7x5xf32>) {
  // expected-error @+2 {{contracting dimension sizes differ: lhs dim 1 has size 8, rhs dim 0 has size 7}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [1] x [0]
       : (tensor<4x8xf32>, tensor<7x5xf32>) -> tensor<4x5xf32>
  return
}

// -----

func.func @dot_result(%a: tensor<4x8xf32>, %b: tensor<8x5xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<4x5xf32>' are incompatible with return type(s) of operation 'tensor<5x4xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [1] x [0]
       : (tensor<4x8xf32>, tensor<8x5xf32>) -> tensor<5x4xf32>
  return
}

// -----

func.func @dot_bool(%a: tensor<4x8xi1>, %b: tensor<8x5xi1>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 32-bit float or 64-bit float or 32-bit signless integer or 64-bit signless integer values}}
  %0 = vmapc.dot_general %a, %b, batching_dims = [] x [], contracting_dims = [1] x [0]
       : (tensor<4x8xi1>, tensor<8x5xi1>) -> tensor<4x5xi1>
  return
}

//===----------------------------------------------------------------------===//
// slice, concatenate
//===----------------------------------------------------------------------===//

// -----

func.func @slice_length(%a: tensor<4x4xf32>) {
  // expected-error @+2 {{start_indices, limit_indices and strides must each have one entry per operand dimension (2)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.slice %a, start = [0], limit = [2, 2], strides = [1, 1] : tensor<4x4xf32> -> tensor<2x2xf32>
  return
}

// -----

func.func @slice_stride(%a: tensor<4xf32>) {
  // expected-error @+2 {{stride of dimension 0 must be >= 1, got 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.slice %a, start = [0], limit = [2], strides = [0] : tensor<4xf32> -> tensor<2xf32>
  return
}

// -----

func.func @slice_negative_start(%a: tensor<4xf32>) {
  // expected-error @+2 {{slice [-1, 2) of dimension 0 is not within [0, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.slice %a, start = [-1], limit = [2], strides = [1] : tensor<4xf32> -> tensor<3xf32>
  return
}

// -----

func.func @slice_start_after_limit(%a: tensor<4x4xf32>) {
  // expected-error @+2 {{slice [3, 2) of dimension 1 is not within [0, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.slice %a, start = [0, 3], limit = [4, 2], strides = [1, 1] : tensor<4x4xf32> -> tensor<4x0xf32>
  return
}

// -----

func.func @slice_limit(%a: tensor<4xf32>) {
  // expected-error @+2 {{slice [0, 5) of dimension 0 is not within [0, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.slice %a, start = [0], limit = [5], strides = [1] : tensor<4xf32> -> tensor<5xf32>
  return
}

// -----

func.func @slice_result(%a: tensor<10xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<4xf32>' are incompatible with return type(s) of operation 'tensor<5xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.slice %a, start = [1], limit = [9], strides = [2] : tensor<10xf32> -> tensor<5xf32>
  return
}

// -----

func.func @concatenate_empty() {
  // expected-error @+2 {{requires at least one input}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "vmapc.concatenate"() {dimension = 0 : i64} : () -> tensor<0xf32>
  return
}

// -----

func.func @concatenate_dim(%a: tensor<2xf32>) {
  // expected-error @+2 {{dimension 1 is out of range for rank 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.concatenate %a, %a dim = 1 : (tensor<2xf32>, tensor<2xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @concatenate_scalar(%a: tensor<f32>) {
  // expected-error @+2 {{dimension 0 is out of range for rank 0}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.concatenate %a, %a dim = 0 : (tensor<f32>, tensor<f32>) -> tensor<2xf32>
  return
}

// -----

func.func @concatenate_element_type(%a: tensor<2xf32>, %b: tensor<2xf64>) {
  // expected-error @+2 {{input 1 of type tensor<2xf64> does not match input 0 of type tensor<2xf32>}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.concatenate %a, %b dim = 0 : (tensor<2xf32>, tensor<2xf64>) -> tensor<4xf32>
  return
}

// -----

func.func @concatenate_rank(%a: tensor<2xf32>, %b: tensor<2x1xf32>) {
  // expected-error @+2 {{input 1 of type tensor<2x1xf32> does not match input 0 of type tensor<2xf32>}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.concatenate %a, %b dim = 0 : (tensor<2xf32>, tensor<2x1xf32>) -> tensor<4xf32>
  return
}

// -----

func.func @concatenate_shape(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>, %c: tensor<1x4xf32>) {
  // expected-error @+2 {{input 2 has shape [1, 4] but input 0 has shape [2, 3]; only dimension 0 may differ}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.concatenate %a, %b, %c dim = 0 : (tensor<2x3xf32>, tensor<2x3xf32>, tensor<1x4xf32>) -> tensor<5x3xf32>
  return
}

// -----

func.func @concatenate_overflow(%a: tensor<4611686018427387904xf32>) {
  // expected-error @+2 {{concatenated dimension 0 overflows int64}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.concatenate %a, %a dim = 0 : (tensor<4611686018427387904xf32>, tensor<4611686018427387904xf32>) -> tensor<0xf32>
  return
}

// -----

func.func @concatenate_result(%a: tensor<2x3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<2x6xf32>' are incompatible with return type(s) of operation 'tensor<4x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.concatenate %a, %a dim = 1 : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<4x3xf32>
  return
}

//===----------------------------------------------------------------------===//
// dynamic_slice, gather
//===----------------------------------------------------------------------===//

// -----

func.func @dynamic_slice_index_count(%a: tensor<4x4xf32>, %i: tensor<i32>) {
  // expected-error @+2 {{expects one start index per operand dimension (2), got 1}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.dynamic_slice %a[%i] sizes = [2, 2] : (tensor<4x4xf32>, tensor<i32>) -> tensor<2x2xf32>
  return
}

// -----

func.func @dynamic_slice_sizes_count(%a: tensor<4x4xf32>, %i: tensor<i32>) {
  // expected-error @+2 {{slice_sizes has 1 entries but the operand has rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.dynamic_slice %a[%i, %i] sizes = [2] : (tensor<4x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2xf32>
  return
}

// -----

func.func @dynamic_slice_size_too_big(%a: tensor<4x4xf32>, %i: tensor<i32>) {
  // expected-error @+2 {{slice size 5 of dimension 1 is not within [0, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.dynamic_slice %a[%i, %i] sizes = [2, 5] : (tensor<4x4xf32>, tensor<i32>, tensor<i32>) -> tensor<2x5xf32>
  return
}

// -----

func.func @dynamic_slice_size_negative(%a: tensor<4xf32>, %i: tensor<i32>) {
  // expected-error @+2 {{slice size -1 of dimension 0 is not within [0, 4]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "vmapc.dynamic_slice"(%a, %i) {slice_sizes = array<i64: -1>} : (tensor<4xf32>, tensor<i32>) -> tensor<1xf32>
  return
}

// -----

func.func @dynamic_slice_index_not_scalar(%a: tensor<4xf32>, %i: tensor<1xi32>) {
  // expected-error @+1 {{operand #1 must be variadic of 0D tensor of 32-bit signless integer or 64-bit signless integer values}}
  %0 = vmapc.dynamic_slice %a[%i] sizes = [2] : (tensor<4xf32>, tensor<1xi32>) -> tensor<2xf32>
  return
}

// -----

func.func @dynamic_slice_index_float(%a: tensor<4xf32>, %i: tensor<f32>) {
  // expected-error @+1 {{operand #1 must be variadic of 0D tensor of 32-bit signless integer or 64-bit signless integer values}}
  %0 = vmapc.dynamic_slice %a[%i] sizes = [2] : (tensor<4xf32>, tensor<f32>) -> tensor<2xf32>
  return
}

// -----

func.func @dynamic_slice_result(%a: tensor<4xf32>, %i: tensor<i64>) {
  // expected-error @+2 {{inferred type(s) 'tensor<2xf32>' are incompatible with return type(s) of operation 'tensor<3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.dynamic_slice %a[%i] sizes = [2] : (tensor<4xf32>, tensor<i64>) -> tensor<3xf32>
  return
}

// -----

func.func @gather_axis(%t: tensor<10x4xf32>, %i: tensor<3xi32>) {
  // expected-error @+2 {{axis 2 is out of range for operand rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.gather %t[%i] axis = 2 batch_dims = 0 : (tensor<10x4xf32>, tensor<3xi32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @gather_axis_negative(%t: tensor<10x4xf32>, %i: tensor<3xi32>) {
  // expected-error @+2 {{axis -1 is out of range for operand rank 2}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.gather %t[%i] axis = -1 batch_dims = 0 : (tensor<10x4xf32>, tensor<3xi32>) -> tensor<10x3xf32>
  return
}

// -----

func.func @gather_batch_dims_after_axis(%t: tensor<2x10xf32>, %i: tensor<2x3xi32>) {
  // expected-error @+2 {{batch_dims 1 must be within [0, min(axis, indices rank)]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.gather %t[%i] axis = 0 batch_dims = 1 : (tensor<2x10xf32>, tensor<2x3xi32>) -> tensor<3x10xf32>
  return
}

// -----

func.func @gather_batch_dims_indices_rank(%t: tensor<2x3x10xf32>, %i: tensor<2xi32>) {
  // expected-error @+2 {{batch_dims 2 must be within [0, min(axis, indices rank)]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.gather %t[%i] axis = 2 batch_dims = 2 : (tensor<2x3x10xf32>, tensor<2xi32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @gather_batch_dims_negative(%t: tensor<2x10xf32>, %i: tensor<2x3xi32>) {
  // expected-error @+2 {{batch_dims -1 must be within [0, min(axis, indices rank)]}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.gather %t[%i] axis = 1 batch_dims = -1 : (tensor<2x10xf32>, tensor<2x3xi32>) -> tensor<2x2x3xf32>
  return
}

// -----

func.func @gather_batch_size(%t: tensor<2x10xf32>, %i: tensor<3x3xi32>) {
  // expected-error @+2 {{batch dimension 0 differs: operand has size 2, indices have size 3}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.gather %t[%i] axis = 1 batch_dims = 1 : (tensor<2x10xf32>, tensor<3x3xi32>) -> tensor<2x3xf32>
  return
}

// -----

func.func @gather_empty_axis(%t: tensor<0x4xf32>, %i: tensor<3xi32>) {
  // expected-error @+2 {{cannot take from an empty axis}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.gather %t[%i] axis = 0 batch_dims = 0 : (tensor<0x4xf32>, tensor<3xi32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @gather_float_indices(%t: tensor<10x4xf32>, %i: tensor<3xf32>) {
  // expected-error @+1 {{operand #1 must be statically shaped tensor of 32-bit signless integer or 64-bit signless integer values}}
  %0 = vmapc.gather %t[%i] axis = 0 batch_dims = 0 : (tensor<10x4xf32>, tensor<3xf32>) -> tensor<3x4xf32>
  return
}

// -----

func.func @gather_result(%t: tensor<10x4xf32>, %i: tensor<3xi32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<3x4xf32>' are incompatible with return type(s) of operation 'tensor<4x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.gather %t[%i] axis = 0 batch_dims = 0 : (tensor<10x4xf32>, tensor<3xi32>) -> tensor<4x3xf32>
  return
}

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

// -----

func.func @cholesky_rank(%a: tensor<3xf32>) {
  // expected-error @+1 {{'vmapc.cholesky' op operand must have rank >= 2, got tensor<3xf32>}}
  %0 = vmapc.cholesky %a : tensor<3xf32>
  return
}

// -----

func.func @cholesky_square(%a: tensor<2x3x4xf32>) {
  // expected-error @+1 {{'vmapc.cholesky' op operand must be square in its trailing two dimensions, got tensor<2x3x4xf32>}}
  %0 = vmapc.cholesky %a : tensor<2x3x4xf32>
  return
}

// -----

func.func @cholesky_int(%a: tensor<3x3xi32>) {
  // expected-error @+1 {{operand #0 must be statically shaped tensor of 32-bit float or 64-bit float values}}
  %0 = vmapc.cholesky %a : tensor<3x3xi32>
  return
}

// -----

func.func @inv_rank(%a: tensor<f64>) {
  // expected-error @+1 {{'vmapc.inv' op operand must have rank >= 2, got tensor<f64>}}
  %0 = vmapc.inv %a : tensor<f64>
  return
}

// -----

func.func @inv_square(%a: tensor<3x4xf64>) {
  // expected-error @+1 {{'vmapc.inv' op operand must be square in its trailing two dimensions, got tensor<3x4xf64>}}
  %0 = vmapc.inv %a : tensor<3x4xf64>
  return
}

// -----

func.func @det_rank(%a: tensor<3xf32>) {
  // expected-error @+2 {{operand must have rank >= 2, got tensor<3xf32>}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.det %a : tensor<3xf32> -> tensor<f32>
  return
}

// -----

func.func @det_square(%a: tensor<5x3x2xf32>) {
  // expected-error @+2 {{operand must be square in its trailing two dimensions, got tensor<5x3x2xf32>}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.det %a : tensor<5x3x2xf32> -> tensor<5xf32>
  return
}

// -----

func.func @det_result(%a: tensor<5x3x3xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<5xf32>' are incompatible with return type(s) of operation 'tensor<f32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = vmapc.det %a : tensor<5x3x3xf32> -> tensor<f32>
  return
}

// -----

func.func @triangular_solve_square(%a: tensor<3x2xf32>, %b: tensor<3x2xf32>) {
  // expected-error @+1 {{a must be square in its trailing two dimensions, got tensor<3x2xf32>}}
  %0 = vmapc.triangular_solve %a, %b : tensor<3x2xf32>, tensor<3x2xf32>
  return
}

// -----

func.func @triangular_solve_rank_a(%a: tensor<3xf32>, %b: tensor<3x2xf32>) {
  // expected-error @+1 {{a must have rank >= 2, got tensor<3xf32>}}
  %0 = vmapc.triangular_solve %a, %b : tensor<3xf32>, tensor<3x2xf32>
  return
}

// -----

func.func @triangular_solve_element_types(%a: tensor<3x3xf32>, %b: tensor<3x2xf64>) {
  // expected-error @+1 {{element types of a and b differ}}
  %0 = vmapc.triangular_solve %a, %b : tensor<3x3xf32>, tensor<3x2xf64>
  return
}

// -----

func.func @triangular_solve_rank_b(%a: tensor<3x3xf32>, %b: tensor<3xf32>) {
  // expected-error @+1 {{b must have the rank of a (2), got tensor<3xf32>}}
  %0 = vmapc.triangular_solve %a, %b : tensor<3x3xf32>, tensor<3xf32>
  return
}

// -----

func.func @triangular_solve_batch(%a: tensor<4x3x3xf32>, %b: tensor<5x3x2xf32>) {
  // expected-error @+1 {{leading (batch) dimensions of a [4, 3, 3] and b [5, 3, 2] differ}}
  %0 = vmapc.triangular_solve %a, %b : tensor<4x3x3xf32>, tensor<5x3x2xf32>
  return
}

// -----

func.func @triangular_solve_left(%a: tensor<3x3xf32>, %b: tensor<2x3xf32>) {
  // expected-error @+1 {{left-side solve needs b's rows (2) to equal the order of a (3)}}
  %0 = vmapc.triangular_solve %a, %b : tensor<3x3xf32>, tensor<2x3xf32>
  return
}

// -----

func.func @triangular_solve_right(%a: tensor<3x3xf32>, %b: tensor<3x2xf32>) {
  // expected-error @+1 {{right-side solve needs b's columns (2) to equal the order of a (3)}}
  %0 = vmapc.triangular_solve %a, %b {left_side = false} : tensor<3x3xf32>, tensor<3x2xf32>
  return
}

// -----

func.func @triangular_solve_right_generic(%a: tensor<3x3xf32>, %b: tensor<3x2xf32>) {
  // expected-error @+2 {{right-side solve needs b's columns (2) to equal the order of a (3)}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "vmapc.triangular_solve"(%a, %b) <{left_side = false}> : (tensor<3x3xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @triangular_solve_result(%a: tensor<3x3xf32>, %b: tensor<3x2xf32>) {
  // expected-error @+2 {{inferred type(s) 'tensor<3x2xf32>' are incompatible with return type(s) of operation 'tensor<3x3xf32>'}}
  // expected-error @+1 {{failed to infer returned types}}
  %0 = "vmapc.triangular_solve"(%a, %b) : (tensor<3x3xf32>, tensor<3x2xf32>) -> tensor<3x3xf32>
  return
}

// -----

func.func @triangular_solve_lower_not_bool(%a: tensor<3x3xf32>, %b: tensor<3x2xf32>) {
  // expected-error @+1 {{invalid properties {lower = 1 : i64} for op vmapc.triangular_solve: Invalid attribute `lower` in property conversion: 1 : i64}}
  %0 = "vmapc.triangular_solve"(%a, %b) <{lower = 1 : i64}> : (tensor<3x3xf32>, tensor<3x2xf32>) -> tensor<3x2xf32>
  return
}

// -----

func.func @triangular_solve_dynamic(%a: tensor<?x3xf32>, %b: tensor<3x2xf32>) {
  // expected-error @+1 {{requires static-shape operands}}
  %0 = vmapc.triangular_solve %a, %b : tensor<?x3xf32>, tensor<3x2xf32>
  return
}
