// Elementwise ops of the reference evaluator. Expected values were computed
// independently (by hand and with Python's math module, rounding to f32 with
// struct.pack where the type is f32).
// RUN: vmapc-eval %s -e float_binary | FileCheck %s --check-prefix=FBIN
// RUN: vmapc-eval %s -e float_unary | FileCheck %s --check-prefix=FUN
// RUN: vmapc-eval %s -e f32_rounding | FileCheck %s --check-prefix=F32
// RUN: vmapc-eval %s -e int_ops | FileCheck %s --check-prefix=INT
// RUN: vmapc-eval %s -e compare_select | FileCheck %s --check-prefix=CMP
// RUN: vmapc-eval %s -e convert | FileCheck %s --check-prefix=CVT
// RUN: vmapc-eval %s -e signed_zero_max_min | FileCheck %s --check-prefix=SZ

// FBIN:      tensor<4xf64> [2, 2, 0, 2]
// FBIN-NEXT: tensor<4xf64> [1, -6, 6, -2]
// FBIN-NEXT: tensor<4xf64> [0.75, -8, -9, 0]
// FBIN-NEXT: tensor<4xf64> [3, -0.5, -1, 0]
// FBIN-NEXT: tensor<4xf64> [1.5, 4, 3, 2]
// FBIN-NEXT: tensor<4xf64> [0.5, -2, -3, 0]
// FBIN-NEXT: tensor<4xf64> [1024, 3, 0.25, 0.10000000000000001]
// FBIN-NEXT: tensor<2xf64> [nan, nan]
// FBIN-NEXT: tensor<2xf64> [nan, nan]
func.func @float_binary() -> (tensor<4xf64>, tensor<4xf64>, tensor<4xf64>,
                              tensor<4xf64>, tensor<4xf64>, tensor<4xf64>,
                              tensor<4xf64>, tensor<2xf64>, tensor<2xf64>) {
  %a = "vmapc.constant"() {value = dense<[1.5, -2.0, 3.0, 0.0]> : tensor<4xf64>} : () -> tensor<4xf64>
  %b = "vmapc.constant"() {value = dense<[0.5, 4.0, -3.0, 2.0]> : tensor<4xf64>} : () -> tensor<4xf64>
  %add = "vmapc.add"(%a, %b) : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %sub = "vmapc.sub"(%a, %b) : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %mul = "vmapc.mul"(%a, %b) : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %div = "vmapc.div"(%a, %b) : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %max = "vmapc.max"(%a, %b) : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %min = "vmapc.min"(%a, %b) : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  %pa = "vmapc.constant"() {value = dense<[2.0, 9.0, 0.5, 10.0]> : tensor<4xf64>} : () -> tensor<4xf64>
  %pb = "vmapc.constant"() {value = dense<[10.0, 0.5, 2.0, -1.0]> : tensor<4xf64>} : () -> tensor<4xf64>
  %pow = "vmapc.pow"(%pa, %pb) : (tensor<4xf64>, tensor<4xf64>) -> tensor<4xf64>
  // max and min propagate NaN whichever side it is on.
  %n = "vmapc.constant"() {value = dense<[0x7FF8000000000000, 1.0]> : tensor<2xf64>} : () -> tensor<2xf64>
  %m = "vmapc.constant"() {value = dense<[1.0, 0x7FF8000000000000]> : tensor<2xf64>} : () -> tensor<2xf64>
  %nmax = "vmapc.max"(%n, %m) : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
  %nmin = "vmapc.min"(%n, %m) : (tensor<2xf64>, tensor<2xf64>) -> tensor<2xf64>
  return %add, %sub, %mul, %div, %max, %min, %pow, %nmax, %nmin
      : tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>,
        tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<2xf64>,
        tensor<2xf64>
}

// FUN:      tensor<4xf64> [-0.5, -1, -2.25, -4]
// FUN-NEXT: tensor<4xf64> [0.5, 1, 2.25, 4]
// FUN-NEXT: tensor<4xf64> [1.6487212707001282, 2.7182818284590451, 9.4877358363585262, 54.598150033144236]
// FUN-NEXT: tensor<4xf64> [-0.69314718055994529, 0, 0.81093021621632877, 1.3862943611198906]
// FUN-NEXT: tensor<4xf64> [0.70710678118654757, 1, 1.5, 2]
// FUN-NEXT: tensor<4xf64> [1.4142135623730949, 1, 0.66666666666666663, 0.5]
// FUN-NEXT: tensor<4xf64> [0.46211715726000974, 0.76159415595576485, 0.97802611473881362, 0.99932929973906703]
// FUN-NEXT: tensor<4xf64> [0.47942553860420301, 0.8414709848078965, 0.7780731968879212, -0.7568024953079282]
// FUN-NEXT: tensor<4xf64> [0.87758256189037276, 0.54030230586813977, -0.62817362272273913, -0.65364362086361194]
// FUN-NEXT: tensor<4xf64> [0.62245933120185459, 0.7310585786300049, 0.90465053510089055, 0.98201379003790845]
// FUN-NEXT: tensor<2xf64> [nan, -inf]
func.func @float_unary() -> (tensor<4xf64>, tensor<4xf64>, tensor<4xf64>,
                             tensor<4xf64>, tensor<4xf64>, tensor<4xf64>,
                             tensor<4xf64>, tensor<4xf64>, tensor<4xf64>,
                             tensor<4xf64>, tensor<2xf64>) {
  %x = "vmapc.constant"() {value = dense<[0.5, 1.0, 2.25, 4.0]> : tensor<4xf64>} : () -> tensor<4xf64>
  %neg = "vmapc.neg"(%x) : (tensor<4xf64>) -> tensor<4xf64>
  %abs = "vmapc.abs"(%neg) : (tensor<4xf64>) -> tensor<4xf64>
  %exp = "vmapc.exp"(%x) : (tensor<4xf64>) -> tensor<4xf64>
  %log = "vmapc.log"(%x) : (tensor<4xf64>) -> tensor<4xf64>
  %sqrt = "vmapc.sqrt"(%x) : (tensor<4xf64>) -> tensor<4xf64>
  %rsqrt = "vmapc.rsqrt"(%x) : (tensor<4xf64>) -> tensor<4xf64>
  %tanh = "vmapc.tanh"(%x) : (tensor<4xf64>) -> tensor<4xf64>
  %sin = "vmapc.sin"(%x) : (tensor<4xf64>) -> tensor<4xf64>
  %cos = "vmapc.cos"(%x) : (tensor<4xf64>) -> tensor<4xf64>
  %logistic = "vmapc.logistic"(%x) : (tensor<4xf64>) -> tensor<4xf64>
  // Outside the domain: log(-1) is NaN, log(0) is -inf.
  %y = "vmapc.constant"() {value = dense<[-1.0, 0.0]> : tensor<2xf64>} : () -> tensor<2xf64>
  %logy = "vmapc.log"(%y) : (tensor<2xf64>) -> tensor<2xf64>
  return %neg, %abs, %exp, %log, %sqrt, %rsqrt, %tanh, %sin, %cos, %logistic, %logy
      : tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>,
        tensor<4xf64>, tensor<4xf64>, tensor<4xf64>, tensor<4xf64>,
        tensor<4xf64>, tensor<4xf64>, tensor<2xf64>
}

// Every op rounds to f32: 1/3 and e^1 as the nearest floats, printed with 9
// significant digits (enough to round-trip).
// F32:      tensor<2xf32> [0.333333343, 0.100000001]
// F32-NEXT: tensor<2xf32> [2.71828175, 1.10517097]
// F32-NEXT: tensor<f32> 0.300000012
func.func @f32_rounding() -> (tensor<2xf32>, tensor<2xf32>, tensor<f32>) {
  %one = "vmapc.constant"() {value = dense<[1.0, 1.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %den = "vmapc.constant"() {value = dense<[3.0, 10.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %q = "vmapc.div"(%one, %den) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %e = "vmapc.exp"(%q) : (tensor<2xf32>) -> tensor<2xf32>
  %s0 = "vmapc.constant"() {value = dense<0.1> : tensor<f32>} : () -> tensor<f32>
  %s1 = "vmapc.constant"() {value = dense<0.2> : tensor<f32>} : () -> tensor<f32>
  %s = "vmapc.add"(%s0, %s1) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  %e1 = "vmapc.exp"(%one) : (tensor<2xf32>) -> tensor<2xf32>
  %e1q = "vmapc.concatenate"(%e1, %e) {dimension = 0 : i64} : (tensor<2xf32>, tensor<2xf32>) -> tensor<4xf32>
  %sel = "vmapc.slice"(%e1q) {start_indices = array<i64: 1>, limit_indices = array<i64: 4>, strides = array<i64: 2>} : (tensor<4xf32>) -> tensor<2xf32>
  return %q, %sel, %s : tensor<2xf32>, tensor<2xf32>, tensor<f32>
}

// Integers wrap around (two's complement); x / 0 is -1 as in XLA.
// INT:      tensor<4xi32> [9, -5, -2147483648, 5]
// INT-NEXT: tensor<4xi32> [5, -9, 2147483646, 5]
// INT-NEXT: tensor<4xi32> [14, -14, 2147483647, 0]
// INT-NEXT: tensor<4xi32> [3, -3, 2147483647, -1]
// INT-NEXT: tensor<4xi32> [7, 2, 2147483647, 5]
// INT-NEXT: tensor<4xi32> [2, -7, 1, 0]
// INT-NEXT: tensor<4xi32> [-7, 7, -2147483647, -5]
// INT-NEXT: tensor<3xi64> [9223372036854775807, -9223372036854775808, 7]
// INT-NEXT: tensor<3xi64> [9223372036854775807, -9223372036854775808, -1]
func.func @int_ops() -> (tensor<4xi32>, tensor<4xi32>, tensor<4xi32>,
                         tensor<4xi32>, tensor<4xi32>, tensor<4xi32>,
                         tensor<4xi32>, tensor<3xi64>, tensor<3xi64>) {
  %a = "vmapc.constant"() {value = dense<[7, -7, 2147483647, 5]> : tensor<4xi32>} : () -> tensor<4xi32>
  %b = "vmapc.constant"() {value = dense<[2, 2, 1, 0]> : tensor<4xi32>} : () -> tensor<4xi32>
  %add = "vmapc.add"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %sub = "vmapc.sub"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %mul = "vmapc.mul"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %div = "vmapc.div"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %max = "vmapc.max"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %min = "vmapc.min"(%a, %b) : (tensor<4xi32>, tensor<4xi32>) -> tensor<4xi32>
  %neg = "vmapc.neg"(%a) : (tensor<4xi32>) -> tensor<4xi32>
  // abs(INT64_MIN) and INT64_MIN / -1 wrap to INT64_MIN.
  %c = "vmapc.constant"() {value = dense<[-9223372036854775807, -9223372036854775808, -7]> : tensor<3xi64>} : () -> tensor<3xi64>
  %d = "vmapc.constant"() {value = dense<[-1, -1, 4]> : tensor<3xi64>} : () -> tensor<3xi64>
  %abs = "vmapc.abs"(%c) : (tensor<3xi64>) -> tensor<3xi64>
  %q = "vmapc.div"(%c, %d) : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi64>
  return %add, %sub, %mul, %div, %max, %min, %neg, %abs, %q
      : tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<4xi32>,
        tensor<4xi32>, tensor<4xi32>, tensor<4xi32>, tensor<3xi64>,
        tensor<3xi64>
}

// Float comparisons are ordered except ne, which is true on NaN.
// CMP:      tensor<4xi1> [true, false, false, false]
// CMP-NEXT: tensor<4xi1> [false, true, true, true]
// CMP-NEXT: tensor<4xi1> [false, true, false, false]
// CMP-NEXT: tensor<4xi1> [true, true, false, false]
// CMP-NEXT: tensor<4xi1> [false, false, false, true]
// CMP-NEXT: tensor<4xi1> [true, false, false, true]
// CMP-NEXT: tensor<4xf32> [1, 3, nan, 3]
// CMP-NEXT: tensor<3xi1> [false, true, true]
func.func @compare_select() -> (tensor<4xi1>, tensor<4xi1>, tensor<4xi1>,
                                tensor<4xi1>, tensor<4xi1>, tensor<4xi1>,
                                tensor<4xf32>, tensor<3xi1>) {
  %a = "vmapc.constant"() {value = dense<[1.0, 2.0, 0x7FC00000, 3.0]> : tensor<4xf32>} : () -> tensor<4xf32>
  %b = "vmapc.constant"() {value = dense<[1.0, 3.0, 0x7FC00000, 2.0]> : tensor<4xf32>} : () -> tensor<4xf32>
  %eq = "vmapc.compare"(%a, %b) {predicate = "eq"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %ne = "vmapc.compare"(%a, %b) {predicate = "ne"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %lt = "vmapc.compare"(%a, %b) {predicate = "lt"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %le = "vmapc.compare"(%a, %b) {predicate = "le"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %gt = "vmapc.compare"(%a, %b) {predicate = "gt"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  %ge = "vmapc.compare"(%a, %b) {predicate = "ge"} : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xi1>
  // select(a < b, b, a): the larger where ordered, a where not.
  %sel = "vmapc.select"(%lt, %b, %a) : (tensor<4xi1>, tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %i = "vmapc.constant"() {value = dense<[5, -3, 0]> : tensor<3xi64>} : () -> tensor<3xi64>
  %j = "vmapc.constant"() {value = dense<[5, 2, -1]> : tensor<3xi64>} : () -> tensor<3xi64>
  %ine = "vmapc.compare"(%i, %j) {predicate = "ne"} : (tensor<3xi64>, tensor<3xi64>) -> tensor<3xi1>
  return %eq, %ne, %lt, %le, %gt, %ge, %sel, %ine
      : tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>, tensor<4xi1>,
        tensor<4xi1>, tensor<4xf32>, tensor<3xi1>
}

// Float to int truncates toward zero and saturates (NaN gives 0); to i1 is
// x != 0; integer narrowing wraps; i1 to a number is 0 or 1.
// CVT:      tensor<5xi32> [-1, 2, 2147483647, -2147483648, 0]
// CVT-NEXT: tensor<5xi1> [true, true, true, true, true]
// CVT-NEXT: tensor<3xf32> [0, 3, -1]
// CVT-NEXT: tensor<3xi1> [false, true, true]
// CVT-NEXT: tensor<3xf64> [0, 1, 1]
// CVT-NEXT: tensor<f32> 0.100000001
// CVT-NEXT: tensor<2xi32> [1, -1]
// CVT-NEXT: tensor<2xf32> [16777216, 9.22337204e+18]
func.func @convert() -> (tensor<5xi32>, tensor<5xi1>, tensor<3xf32>,
                         tensor<3xi1>, tensor<3xf64>, tensor<f32>,
                         tensor<2xi32>, tensor<2xf32>) {
  %f = "vmapc.constant"() {value = dense<[-1.7, 2.9, 1.0e10, -1.0e10, 0x7FC00000]> : tensor<5xf32>} : () -> tensor<5xf32>
  %fi = "vmapc.convert"(%f) : (tensor<5xf32>) -> tensor<5xi32>
  %fb = "vmapc.convert"(%f) : (tensor<5xf32>) -> tensor<5xi1>
  %i = "vmapc.constant"() {value = dense<[0, 3, -1]> : tensor<3xi32>} : () -> tensor<3xi32>
  %if = "vmapc.convert"(%i) : (tensor<3xi32>) -> tensor<3xf32>
  %ib = "vmapc.convert"(%i) : (tensor<3xi32>) -> tensor<3xi1>
  %bd = "vmapc.convert"(%ib) : (tensor<3xi1>) -> tensor<3xf64>
  %d = "vmapc.constant"() {value = dense<0.1> : tensor<f64>} : () -> tensor<f64>
  %df = "vmapc.convert"(%d) : (tensor<f64>) -> tensor<f32>
  %l = "vmapc.constant"() {value = dense<[4294967297, 4294967295]> : tensor<2xi64>} : () -> tensor<2xi64>
  %li = "vmapc.convert"(%l) : (tensor<2xi64>) -> tensor<2xi32>
  // 2^24 + 1 rounds to 2^24 in f32; INT64_MAX to 2^63.
  %m = "vmapc.constant"() {value = dense<[16777217, 9223372036854775807]> : tensor<2xi64>} : () -> tensor<2xi64>
  %mf = "vmapc.convert"(%m) : (tensor<2xi64>) -> tensor<2xf32>
  return %fi, %fb, %if, %ib, %bd, %df, %li, %mf
      : tensor<5xi32>, tensor<5xi1>, tensor<3xf32>, tensor<3xi1>,
        tensor<3xf64>, tensor<f32>, tensor<2xi32>, tensor<2xf32>
}

// max/min order -0 below +0 (IEEE 754-2019 maximum/minimum, as the compiled
// arith.maximumf/minimumf do), whichever side each zero is on.
// SZ:      tensor<2xf32> [0, 0]
// SZ-NEXT: tensor<2xf32> [-0, -0]
func.func @signed_zero_max_min() -> (tensor<2xf32>, tensor<2xf32>) {
  %a = "vmapc.constant"() {value = dense<[0.0, -0.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %b = "vmapc.constant"() {value = dense<[-0.0, 0.0]> : tensor<2xf32>} : () -> tensor<2xf32>
  %max = "vmapc.max"(%a, %b) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  %min = "vmapc.min"(%a, %b) : (tensor<2xf32>, tensor<2xf32>) -> tensor<2xf32>
  return %max, %min : tensor<2xf32>, tensor<2xf32>
}
