// RUN: vmapc-opt %s --canonicalize --split-input-file | FileCheck %s

// Constant folding of the elementwise ops, with the runtime semantics of each
// element type: wrapping integers, truncating integer division, NaN-propagating
// float max/min, ordered float compares except `ne`.

// CHECK-LABEL: func.func @add_f32
// CHECK-NEXT: %[[C:.*]] = vmapc.constant dense<[4.000000e+00, 1.500000e+00]> : tensor<2xf32>
// CHECK-NEXT: return %[[C]]
func.func @add_f32() -> tensor<2xf32> {
  %a = vmapc.constant dense<[1.0, -0.5]> : tensor<2xf32>
  %b = vmapc.constant dense<[3.0, 2.0]> : tensor<2xf32>
  %0 = vmapc.add %a, %b : tensor<2xf32>
  return %0 : tensor<2xf32>
}

// -----

// Splat operands give a splat result.
// CHECK-LABEL: func.func @add_splat_f64
// CHECK-NEXT: %[[C:.*]] = vmapc.constant dense<3.500000e+00> : tensor<4x5xf64>
// CHECK-NEXT: return %[[C]]
func.func @add_splat_f64() -> tensor<4x5xf64> {
  %a = vmapc.constant dense<1.25> : tensor<4x5xf64>
  %b = vmapc.constant dense<2.25> : tensor<4x5xf64>
  %0 = vmapc.add %a, %b : tensor<4x5xf64>
  return %0 : tensor<4x5xf64>
}

// -----

// A splat and a non-splat operand mix.
// CHECK-LABEL: func.func @sub_mixed_i64
// CHECK-NEXT: %[[C:.*]] = vmapc.constant dense<[9, 8, 7]> : tensor<3xi64>
// CHECK-NEXT: return %[[C]]
func.func @sub_mixed_i64() -> tensor<3xi64> {
  %a = vmapc.constant dense<10> : tensor<3xi64>
  %b = vmapc.constant dense<[1, 2, 3]> : tensor<3xi64>
  %0 = vmapc.sub %a, %b : tensor<3xi64>
  return %0 : tensor<3xi64>
}

// -----

// Integer arithmetic wraps around.
// CHECK-LABEL: func.func @add_wraps_i32
// CHECK-NEXT: %[[C:.*]] = vmapc.constant dense<[-2147483648, 0]> : tensor<2xi32>
// CHECK-NEXT: return %[[C]]
func.func @add_wraps_i32() -> tensor<2xi32> {
  %a = vmapc.constant dense<[2147483647, -1]> : tensor<2xi32>
  %b = vmapc.constant dense<1> : tensor<2xi32>
  %0 = vmapc.add %a, %b : tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// CHECK-LABEL: func.func @mul
// CHECK-DAG: %[[F:.*]] = vmapc.constant dense<[-6.000000e+00, 2.500000e-01]> : tensor<2xf32>
// CHECK-DAG: %[[I:.*]] = vmapc.constant dense<[-6, 0]> : tensor<2xi32>
// CHECK: return %[[F]], %[[I]]
func.func @mul() -> (tensor<2xf32>, tensor<2xi32>) {
  %a = vmapc.constant dense<[2.0, 0.5]> : tensor<2xf32>
  %b = vmapc.constant dense<[-3.0, 0.5]> : tensor<2xf32>
  %0 = vmapc.mul %a, %b : tensor<2xf32>
  %i = vmapc.constant dense<[2, 0]> : tensor<2xi32>
  %j = vmapc.constant dense<[-3, 5]> : tensor<2xi32>
  %1 = vmapc.mul %i, %j : tensor<2xi32>
  return %0, %1 : tensor<2xf32>, tensor<2xi32>
}

// -----

// Integer division truncates toward zero.
// CHECK-LABEL: func.func @div_int_truncates
// CHECK-NEXT: %[[C:.*]] = vmapc.constant dense<[3, -3, -3, 3]> : tensor<4xi32>
// CHECK-NEXT: return %[[C]]
func.func @div_int_truncates() -> tensor<4xi32> {
  %a = vmapc.constant dense<[7, -7, 7, -7]> : tensor<4xi32>
  %b = vmapc.constant dense<[2, 2, -2, -2]> : tensor<4xi32>
  %0 = vmapc.div %a, %b : tensor<4xi32>
  return %0 : tensor<4xi32>
}

// -----

// Integer division by zero is undefined at runtime: it must not fold, even if
// only one element divides by zero.
// CHECK-LABEL: func.func @div_int_by_zero_no_fold
// CHECK: %[[D:.*]] = vmapc.div
// CHECK: return %[[D]]
func.func @div_int_by_zero_no_fold() -> tensor<3xi64> {
  %a = vmapc.constant dense<[1, 2, 3]> : tensor<3xi64>
  %b = vmapc.constant dense<[1, 0, 3]> : tensor<3xi64>
  %0 = vmapc.div %a, %b : tensor<3xi64>
  return %0 : tensor<3xi64>
}

// -----

// CHECK-LABEL: func.func @div_int_by_zero_splat_no_fold
// CHECK: vmapc.div
func.func @div_int_by_zero_splat_no_fold() -> tensor<2xi32> {
  %a = vmapc.constant dense<4> : tensor<2xi32>
  %b = vmapc.constant dense<0> : tensor<2xi32>
  %0 = vmapc.div %a, %b : tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// INT_MIN / -1 overflows: undefined, no fold.
// CHECK-LABEL: func.func @div_int_overflow_no_fold
// CHECK: vmapc.div
func.func @div_int_overflow_no_fold() -> tensor<i32> {
  %a = vmapc.constant dense<-2147483648> : tensor<i32>
  %b = vmapc.constant dense<-1> : tensor<i32>
  %0 = vmapc.div %a, %b : tensor<i32>
  return %0 : tensor<i32>
}

// -----

// Float division by zero is IEEE: inf, -inf, NaN.
// CHECK-LABEL: func.func @div_float_by_zero
// CHECK-NEXT: %[[C:.*]] = vmapc.constant dense<[0x7FF0000000000000, 0xFFF0000000000000, 0x7FF8000000000000, 5.000000e-01]> : tensor<4xf64>
// CHECK-NEXT: return %[[C]]
func.func @div_float_by_zero() -> tensor<4xf64> {
  %a = vmapc.constant dense<[1.0, -1.0, 0.0, 1.0]> : tensor<4xf64>
  %b = vmapc.constant dense<[0.0, 0.0, 0.0, 2.0]> : tensor<4xf64>
  %0 = vmapc.div %a, %b : tensor<4xf64>
  return %0 : tensor<4xf64>
}

// -----

// Float max/min propagate NaN (from either side) and order -0 < +0.
// CHECK-LABEL: func.func @max_min_nan
// CHECK-DAG: %[[MAX:.*]] = vmapc.constant dense<[3.000000e+00, 0x7FC00000, 0x7FC00000, 0.000000e+00]> : tensor<4xf32>
// CHECK-DAG: %[[MIN:.*]] = vmapc.constant dense<[1.000000e+00, 0x7FC00000, 0x7FC00000, -0.000000e+00]> : tensor<4xf32>
// CHECK: return %[[MAX]], %[[MIN]]
func.func @max_min_nan() -> (tensor<4xf32>, tensor<4xf32>) {
  %a = vmapc.constant dense<[1.0, 0x7FC00000, 2.0, -0.0]> : tensor<4xf32>
  %b = vmapc.constant dense<[3.0, 2.0, 0x7FC00000, 0.0]> : tensor<4xf32>
  %0 = vmapc.max %a, %b : tensor<4xf32>
  %1 = vmapc.min %a, %b : tensor<4xf32>
  return %0, %1 : tensor<4xf32>, tensor<4xf32>
}

// -----

// Integer max/min are signed.
// CHECK-LABEL: func.func @max_min_int
// CHECK-DAG: %[[MAX:.*]] = vmapc.constant dense<[3, -1]> : tensor<2xi64>
// CHECK-DAG: %[[MIN:.*]] = vmapc.constant dense<[-5, -2]> : tensor<2xi64>
// CHECK: return %[[MAX]], %[[MIN]]
func.func @max_min_int() -> (tensor<2xi64>, tensor<2xi64>) {
  %a = vmapc.constant dense<[-5, -1]> : tensor<2xi64>
  %b = vmapc.constant dense<[3, -2]> : tensor<2xi64>
  %0 = vmapc.max %a, %b : tensor<2xi64>
  %1 = vmapc.min %a, %b : tensor<2xi64>
  return %0, %1 : tensor<2xi64>, tensor<2xi64>
}

// -----

// CHECK-LABEL: func.func @pow
// CHECK-NEXT: %[[C:.*]] = vmapc.constant dense<[8.000000e+00, 3.000000e+00, 1.000000e+00]> : tensor<3xf32>
// CHECK-NEXT: return %[[C]]
func.func @pow() -> tensor<3xf32> {
  %a = vmapc.constant dense<[2.0, 9.0, 0.0]> : tensor<3xf32>
  %b = vmapc.constant dense<[3.0, 0.5, 0.0]> : tensor<3xf32>
  %0 = vmapc.pow %a, %b : tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// Non-constant operands do not fold.
// CHECK-LABEL: func.func @no_fold_non_constant
// CHECK: vmapc.add
// CHECK: vmapc.mul
func.func @no_fold_non_constant(%x: tensor<2xf32>) -> tensor<2xf32> {
  %c = vmapc.constant dense<[1.0, 2.0]> : tensor<2xf32>
  %0 = vmapc.add %x, %c : tensor<2xf32>
  %1 = vmapc.mul %0, %x : tensor<2xf32>
  return %1 : tensor<2xf32>
}

// -----

// CHECK-LABEL: func.func @neg_abs
// CHECK-DAG: %[[NF:.*]] = vmapc.constant dense<[-1.500000e+00, 2.000000e+00, -0.000000e+00]> : tensor<3xf32>
// CHECK-DAG: %[[AF:.*]] = vmapc.constant dense<[1.500000e+00, 2.000000e+00, 0.000000e+00]> : tensor<3xf32>
// CHECK-DAG: %[[NI:.*]] = vmapc.constant dense<[-3, -2147483648]> : tensor<2xi32>
// CHECK-DAG: %[[AI:.*]] = vmapc.constant dense<[3, -2147483648]> : tensor<2xi32>
// CHECK: return %[[NF]], %[[AF]], %[[NI]], %[[AI]]
func.func @neg_abs() -> (tensor<3xf32>, tensor<3xf32>, tensor<2xi32>, tensor<2xi32>) {
  %f = vmapc.constant dense<[1.5, -2.0, 0.0]> : tensor<3xf32>
  %0 = vmapc.neg %f : tensor<3xf32>
  %1 = vmapc.abs %f : tensor<3xf32>
  // neg and abs of INT_MIN wrap to INT_MIN.
  %i = vmapc.constant dense<[3, -2147483648]> : tensor<2xi32>
  %2 = vmapc.neg %i : tensor<2xi32>
  %3 = vmapc.abs %2 : tensor<2xi32>
  return %0, %1, %2, %3 : tensor<3xf32>, tensor<3xf32>, tensor<2xi32>, tensor<2xi32>
}

// -----

// neg is an involution and abs is idempotent, constant or not.
// CHECK-LABEL: func.func @neg_neg_abs_abs
// CHECK-SAME: (%[[X:.*]]: tensor<4xf32>)
// CHECK-NEXT: %[[A:.*]] = vmapc.abs %[[X]] : tensor<4xf32>
// CHECK-NEXT: return %[[X]], %[[A]]
func.func @neg_neg_abs_abs(%x: tensor<4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %0 = vmapc.neg %x : tensor<4xf32>
  %1 = vmapc.neg %0 : tensor<4xf32>
  %2 = vmapc.abs %x : tensor<4xf32>
  %3 = vmapc.abs %2 : tensor<4xf32>
  return %1, %3 : tensor<4xf32>, tensor<4xf32>
}

// -----

// CHECK-LABEL: func.func @transcendental_f64
// CHECK-DAG: vmapc.constant dense<[1.000000e+00, 2.7182818284590451]> : tensor<2xf64>
// CHECK-DAG: vmapc.constant dense<[0xFFF0000000000000, 0.000000e+00]> : tensor<2xf64>
// CHECK-DAG: vmapc.constant dense<[0.000000e+00, 1.000000e+00]> : tensor<2xf64>
// CHECK-DAG: vmapc.constant dense<[0x7FF0000000000000, 1.000000e+00]> : tensor<2xf64>
// CHECK-DAG: vmapc.constant dense<[0.000000e+00, 0.76159415595576485]> : tensor<2xf64>
// CHECK-DAG: vmapc.constant dense<[0.000000e+00, 0.8414709848078965]> : tensor<2xf64>
// CHECK-DAG: vmapc.constant dense<[1.000000e+00, 0.54030230586813977]> : tensor<2xf64>
// CHECK-DAG: vmapc.constant dense<[5.000000e-01, 0.7310585786300049]> : tensor<2xf64>
// CHECK-NOT: vmapc.exp
// CHECK-NOT: vmapc.log
// CHECK-NOT: vmapc.sqrt
// CHECK-NOT: vmapc.rsqrt
// CHECK-NOT: vmapc.tanh
// CHECK-NOT: vmapc.sin
// CHECK-NOT: vmapc.cos
// CHECK-NOT: vmapc.logistic
// CHECK: return
func.func @transcendental_f64() -> (tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>) {
  %x = vmapc.constant dense<[0.0, 1.0]> : tensor<2xf64>
  %0 = vmapc.exp %x : tensor<2xf64>
  %1 = vmapc.log %x : tensor<2xf64>
  %2 = vmapc.sqrt %x : tensor<2xf64>
  %3 = vmapc.rsqrt %x : tensor<2xf64>
  %4 = vmapc.tanh %x : tensor<2xf64>
  %5 = vmapc.sin %x : tensor<2xf64>
  %6 = vmapc.cos %x : tensor<2xf64>
  %7 = vmapc.logistic %x : tensor<2xf64>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>, tensor<2xf64>
}

// -----

// f32 results are rounded from the double computation; sqrt and log of a
// negative number are NaN.
// CHECK-LABEL: func.func @transcendental_f32
// CHECK-DAG: %[[E:.*]] = vmapc.constant dense<7.3890562> : tensor<3xf32>
// CHECK-DAG: %[[S:.*]] = vmapc.constant dense<[2.000000e+00, 0x{{7|F}}FC00000, 0.000000e+00]> : tensor<3xf32>
// CHECK: return %[[E]], %[[S]]
func.func @transcendental_f32() -> (tensor<3xf32>, tensor<3xf32>) {
  %two = vmapc.constant dense<2.0> : tensor<3xf32>
  %0 = vmapc.exp %two : tensor<3xf32>
  %x = vmapc.constant dense<[4.0, -1.0, 0.0]> : tensor<3xf32>
  %1 = vmapc.sqrt %x : tensor<3xf32>
  return %0, %1 : tensor<3xf32>, tensor<3xf32>
}

// -----

// Float compares are ordered (false with a NaN) except `ne` (true with a NaN).
// CHECK-LABEL: func.func @compare_float
// CHECK-DAG: %[[EQ:.*]] = vmapc.constant dense<[false, true, false, false]> : tensor<4xi1>
// CHECK-DAG: %[[NE:.*]] = vmapc.constant dense<[true, false, true, true]> : tensor<4xi1>
// CHECK-DAG: %[[LT:.*]] = vmapc.constant dense<[true, false, false, false]> : tensor<4xi1>
// CHECK-DAG: %[[LE:.*]] = vmapc.constant dense<[true, true, false, false]> : tensor<4xi1>
// CHECK-DAG: %[[GT:.*]] = vmapc.constant dense<[false, false, true, false]> : tensor<4xi1>
// CHECK-DAG: %[[GE:.*]] = vmapc.constant dense<[false, true, true, false]> : tensor<4xi1>
// CHECK: return %[[EQ]], %[[NE]], %[[LT]], %[[LE]], %[[GT]], %[[GE]]
func.func @compare_float() -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>) {
  %a = vmapc.constant dense<[1.0, 2.0, 3.0, 0x7FC00000]> : tensor<4xf32>
  %b = vmapc.constant dense<[2.0, 2.0, 2.0, 1.0]> : tensor<4xf32>
  %0 = vmapc.compare eq, %a, %b : tensor<4xf32>
  %1 = vmapc.compare ne, %a, %b : tensor<4xf32>
  %2 = vmapc.compare lt, %a, %b : tensor<4xf32>
  %3 = vmapc.compare le, %a, %b : tensor<4xf32>
  %4 = vmapc.compare gt, %a, %b : tensor<4xf32>
  %5 = vmapc.compare ge, %a, %b : tensor<4xf32>
  return %0, %1, %2, %3, %4, %5 : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>
}

// -----

// Integer compares are signed.
// CHECK-LABEL: func.func @compare_int
// CHECK-DAG: %[[LT:.*]] = vmapc.constant dense<[true, false, false]> : tensor<3xi1>
// CHECK-DAG: %[[GE:.*]] = vmapc.constant dense<[false, true, true]> : tensor<3xi1>
// CHECK-DAG: %[[EQ:.*]] = vmapc.constant dense<false> : tensor<3xi1>
// CHECK: return %[[LT]], %[[GE]], %[[EQ]]
func.func @compare_int() -> (tensor<3xi1>, tensor<3xi1>, tensor<3xi1>) {
  %a = vmapc.constant dense<[-1, 5, 9]> : tensor<3xi64>
  %b = vmapc.constant dense<[1, 5, -9]> : tensor<3xi64>
  %c = vmapc.constant dense<7> : tensor<3xi64>
  %d = vmapc.constant dense<8> : tensor<3xi64>
  %0 = vmapc.compare lt, %a, %b : tensor<3xi64>
  %1 = vmapc.compare ge, %a, %b : tensor<3xi64>
  %2 = vmapc.compare eq, %c, %d : tensor<3xi64>
  return %0, %1, %2 : tensor<3xi1>, tensor<3xi1>, tensor<3xi1>
}

// -----

// x <op> x is known for integers, but not for floats (x may be NaN).
// CHECK-LABEL: func.func @compare_same_operand
// CHECK-SAME: (%[[I:.*]]: tensor<2xi32>, %[[F:.*]]: tensor<2xf32>)
// CHECK-DAG: %[[T:.*]] = vmapc.constant dense<true> : tensor<2xi1>
// CHECK-DAG: %[[FALSE:.*]] = vmapc.constant dense<false> : tensor<2xi1>
// CHECK-DAG: %[[FE:.*]] = vmapc.compare eq, %[[F]], %[[F]] : tensor<2xf32>
// CHECK: return %[[T]], %[[FALSE]], %[[FE]]
func.func @compare_same_operand(%i: tensor<2xi32>, %f: tensor<2xf32>) -> (tensor<2xi1>, tensor<2xi1>, tensor<2xi1>) {
  %0 = vmapc.compare le, %i, %i : tensor<2xi32>
  %1 = vmapc.compare lt, %i, %i : tensor<2xi32>
  %2 = vmapc.compare eq, %f, %f : tensor<2xf32>
  return %0, %1, %2 : tensor<2xi1>, tensor<2xi1>, tensor<2xi1>
}

// -----

// CHECK-LABEL: func.func @select_constant
// CHECK-NEXT: %[[C:.*]] = vmapc.constant dense<[1.000000e+00, 2.000000e+01, 3.000000e+00]> : tensor<3xf32>
// CHECK-NEXT: return %[[C]]
func.func @select_constant() -> tensor<3xf32> {
  %p = vmapc.constant dense<[true, false, true]> : tensor<3xi1>
  %a = vmapc.constant dense<[1.0, 2.0, 3.0]> : tensor<3xf32>
  %b = vmapc.constant dense<[10.0, 20.0, 30.0]> : tensor<3xf32>
  %0 = vmapc.select %p, %a, %b : tensor<3xi1>, tensor<3xf32>
  return %0 : tensor<3xf32>
}

// -----

// A uniform predicate picks a whole side even when it is not constant; equal
// sides need no predicate at all.
// CHECK-LABEL: func.func @select_uniform
// CHECK-SAME: (%[[X:.*]]: tensor<2xi32>, %[[Y:.*]]: tensor<2xi32>, %[[P:.*]]: tensor<2xi1>)
// CHECK-NOT: vmapc.select
// CHECK: return %[[X]], %[[Y]], %[[Y]]
func.func @select_uniform(%x: tensor<2xi32>, %y: tensor<2xi32>, %p: tensor<2xi1>) -> (tensor<2xi32>, tensor<2xi32>, tensor<2xi32>) {
  %t = vmapc.constant dense<true> : tensor<2xi1>
  %f = vmapc.constant dense<false> : tensor<2xi1>
  %0 = vmapc.select %t, %x, %y : tensor<2xi1>, tensor<2xi32>
  %1 = vmapc.select %f, %x, %y : tensor<2xi1>, tensor<2xi32>
  %2 = vmapc.select %p, %y, %y : tensor<2xi1>, tensor<2xi32>
  return %0, %1, %2 : tensor<2xi32>, tensor<2xi32>, tensor<2xi32>
}

// -----

// A non-uniform constant predicate with non-constant sides stays.
// CHECK-LABEL: func.func @select_mixed_no_fold
// CHECK: vmapc.select
func.func @select_mixed_no_fold(%x: tensor<2xi32>, %y: tensor<2xi32>) -> tensor<2xi32> {
  %p = vmapc.constant dense<[true, false]> : tensor<2xi1>
  %0 = vmapc.select %p, %x, %y : tensor<2xi1>, tensor<2xi32>
  return %0 : tensor<2xi32>
}

// -----

// Float to integer truncates toward zero; to i1 is `x != 0` (NaN is true);
// i1 converts to 0 or 1; integers sign-extend or truncate.
// CHECK-LABEL: func.func @convert
// CHECK-DAG: %[[FI:.*]] = vmapc.constant dense<[1, -2, 0]> : tensor<3xi32>
// CHECK-DAG: %[[FB:.*]] = vmapc.constant dense<[true, true, false, true]> : tensor<4xi1>
// CHECK-DAG: %[[BF:.*]] = vmapc.constant dense<[1.000000e+00, 0.000000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[BI:.*]] = vmapc.constant dense<[1, 0]> : tensor<2xi64>
// CHECK-DAG: %[[IF:.*]] = vmapc.constant dense<[-3.000000e+00, 4.000000e+00]> : tensor<2xf64>
// CHECK-DAG: %[[II:.*]] = vmapc.constant dense<[-1, 0]> : tensor<2xi32>
// CHECK-DAG: %[[IE:.*]] = vmapc.constant dense<[-5, 6]> : tensor<2xi64>
// CHECK-DAG: %[[FF:.*]] = vmapc.constant dense<[1.000000e-01, 2.500000e+00]> : tensor<2xf32>
// CHECK-DAG: %[[IB:.*]] = vmapc.constant dense<[true, false]> : tensor<2xi1>
// CHECK: return %[[FI]], %[[FB]], %[[BF]], %[[BI]], %[[IF]], %[[II]], %[[IE]], %[[FF]], %[[IB]]
func.func @convert() -> (tensor<3xi32>, tensor<4xi1>, tensor<2xf32>, tensor<2xi64>, tensor<2xf64>, tensor<2xi32>, tensor<2xi64>, tensor<2xf32>, tensor<2xi1>) {
  %f = vmapc.constant dense<[1.9, -2.9, 0.5]> : tensor<3xf32>
  %0 = vmapc.convert %f : tensor<3xf32> -> tensor<3xi32>
  %g = vmapc.constant dense<[1.0, 0x7FC00000, 0.0, -0.5]> : tensor<4xf32>
  %1 = vmapc.convert %g : tensor<4xf32> -> tensor<4xi1>
  %b = vmapc.constant dense<[true, false]> : tensor<2xi1>
  %2 = vmapc.convert %b : tensor<2xi1> -> tensor<2xf32>
  %3 = vmapc.convert %b : tensor<2xi1> -> tensor<2xi64>
  %i = vmapc.constant dense<[-3, 4]> : tensor<2xi32>
  %4 = vmapc.convert %i : tensor<2xi32> -> tensor<2xf64>
  %l = vmapc.constant dense<[4294967295, 4294967296]> : tensor<2xi64>
  %5 = vmapc.convert %l : tensor<2xi64> -> tensor<2xi32>
  %s = vmapc.constant dense<[-5, 6]> : tensor<2xi32>
  %6 = vmapc.convert %s : tensor<2xi32> -> tensor<2xi64>
  %d = vmapc.constant dense<[0.1, 2.5]> : tensor<2xf64>
  %7 = vmapc.convert %d : tensor<2xf64> -> tensor<2xf32>
  %k = vmapc.constant dense<[-7, 0]> : tensor<2xi64>
  %8 = vmapc.convert %k : tensor<2xi64> -> tensor<2xi1>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<3xi32>, tensor<4xi1>, tensor<2xf32>, tensor<2xi64>, tensor<2xf64>, tensor<2xi32>, tensor<2xi64>, tensor<2xf32>, tensor<2xi1>
}

// -----

// NaN and out-of-range floats have no integer value: no fold.
// CHECK-LABEL: func.func @convert_undefined_no_fold
// CHECK: vmapc.convert
// CHECK: vmapc.convert
func.func @convert_undefined_no_fold() -> (tensor<2xi32>, tensor<i32>) {
  %f = vmapc.constant dense<[1.0, 0x7FC00000]> : tensor<2xf32>
  %0 = vmapc.convert %f : tensor<2xf32> -> tensor<2xi32>
  %g = vmapc.constant dense<3.0e+10> : tensor<f64>
  %1 = vmapc.convert %g : tensor<f64> -> tensor<i32>
  return %0, %1 : tensor<2xi32>, tensor<i32>
}

// -----

// Converting to the same type is the identity.
// CHECK-LABEL: func.func @convert_identity
// CHECK-SAME: (%[[X:.*]]: tensor<2xf32>)
// CHECK-NEXT: return %[[X]]
func.func @convert_identity(%x: tensor<2xf32>) -> tensor<2xf32> {
  %0 = vmapc.convert %x : tensor<2xf32> -> tensor<2xf32>
  return %0 : tensor<2xf32>
}
