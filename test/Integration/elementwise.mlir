// Elementwise ops compiled to native code, on inputs from .npy files (so no
// folding happens at compile time). vmapc-eval must print the same values.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/a.npy '<f4' 2,3 --values=1,-2,3.5,0,nan,-0.25
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/b.npy '<f4' 2,3 --values=2,4,-1,0,1,0.5
// RUN: vmapc-run %s -e arith --arg=%t/a.npy --arg=%t/b.npy | FileCheck %s --check-prefix=ARITH
// RUN: vmapc-eval %s -e arith --arg=%t/a.npy --arg=%t/b.npy | FileCheck %s --check-prefix=ARITH
// RUN: vmapc-run %s -e compare --arg=%t/a.npy --arg=%t/b.npy | FileCheck %s --check-prefix=CMP
// RUN: vmapc-eval %s -e compare --arg=%t/a.npy --arg=%t/b.npy | FileCheck %s --check-prefix=CMP
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/t.npy '<f4' 5 --values=0,1,-1,0.5,4
// RUN: vmapc-run %s -e transcendental --arg=%t/t.npy | FileCheck %s --check-prefix=TR
// RUN: vmapc-eval %s -e transcendental --arg=%t/t.npy | FileCheck %s --check-prefix=TR
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/i.npy '<i4' 5 --values=7,-7,2147483647,5,-2147483648
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/j.npy '<i4' 5 --values=2,2,-1,0,-1
// RUN: vmapc-run %s -e ints --arg=%t/i.npy --arg=%t/j.npy | FileCheck %s --check-prefix=INT
// RUN: vmapc-eval %s -e ints --arg=%t/i.npy --arg=%t/j.npy | FileCheck %s --check-prefix=INT
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/c.npy '<f4' 6 --values=-1.7,2.9,1e10,-1e10,nan,0
// RUN: vmapc-run %s -e convert --arg=%t/c.npy | FileCheck %s --check-prefix=CVT
// RUN: vmapc-eval %s -e convert --arg=%t/c.npy | FileCheck %s --check-prefix=CVT

// ARITH:      tensor<2x3xf32> {{\[}}[3, 2, 2.5], [0, nan, 0.25]]
// ARITH-NEXT: tensor<2x3xf32> {{\[}}[-1, -6, 4.5], [0, nan, -0.75]]
// ARITH-NEXT: tensor<2x3xf32> {{\[}}[2, -8, -3.5], [0, nan, -0.125]]
// ARITH-NEXT: tensor<2x3xf32> {{\[}}[0.5, -0.5, -3.5], [nan, nan, -0.5]]
// max/min propagate NaN.
// ARITH-NEXT: tensor<2x3xf32> {{\[}}[2, 4, 3.5], [0, nan, 0.5]]
// ARITH-NEXT: tensor<2x3xf32> {{\[}}[1, -2, -1], [0, nan, -0.25]]
// ARITH-NEXT: tensor<2x3xf32> {{\[}}[-1, 2, -3.5], [-0, nan, 0.25]]
// ARITH-NEXT: tensor<2x3xf32> {{\[}}[1, 2, 3.5], [0, nan, 0.25]]
func.func @arith(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> (tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>) {
  %0 = "vmapc.add"(%a, %b) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %1 = "vmapc.sub"(%a, %b) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %2 = "vmapc.mul"(%a, %b) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %3 = "vmapc.div"(%a, %b) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %4 = "vmapc.max"(%a, %b) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %5 = "vmapc.min"(%a, %b) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  %6 = "vmapc.neg"(%a) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  %7 = "vmapc.abs"(%a) : (tensor<2x3xf32>) -> tensor<2x3xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7 : tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>, tensor<2x3xf32>
}

// Ordered comparisons are false on NaN, `ne` is true; select picks by mask.
// CMP:      tensor<2x3xi1> {{\[}}[true, true, false], [false, false, true]]
// CMP-NEXT: tensor<2x3xi1> {{\[}}[true, true, true], [false, true, true]]
// CMP-NEXT: tensor<2x3xi1> {{\[}}[false, false, false], [true, false, false]]
// CMP-NEXT: tensor<2x3xf32> {{\[}}[1, -2, -1], [0, 1, -0.25]]
func.func @compare(%a: tensor<2x3xf32>, %b: tensor<2x3xf32>) -> (tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xf32>) {
  %lt = "vmapc.compare"(%a, %b) {predicate = "lt"} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
  %ne = "vmapc.compare"(%a, %b) {predicate = "ne"} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
  %eq = "vmapc.compare"(%a, %b) {predicate = "eq"} : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xi1>
  %s = "vmapc.select"(%lt, %a, %b) : (tensor<2x3xi1>, tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %lt, %ne, %eq, %s : tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xi1>, tensor<2x3xf32>
}

// exp/log/tanh use polynomial approximations: only the leading digits are
// checked (a few ulp of f32).
// TR:      tensor<5xf32> [1, 2.7182{{[0-9]*}}, 0.36787{{[0-9]*}}, 1.6487{{[0-9]*}}, 54.598{{[0-9]*}}]
// TR-NEXT: tensor<5xf32> [-inf, 0, nan, -0.69314{{[0-9]*}}, 1.38629{{[0-9]*}}]
// TR-NEXT: tensor<5xf32> [0, 1, nan, 0.70710{{[0-9]*}}, 2]
// TR-NEXT: tensor<5xf32> [inf, 1, nan, 1.41421{{[0-9]*}}, 0.5]
// TR-NEXT: tensor<5xf32> [0, 0.76159{{[0-9]*}}, -0.76159{{[0-9]*}}, 0.46211{{[0-9]*}}, 0.99932{{[0-9]*}}]
// TR-NEXT: tensor<5xf32> [0, 0.84147{{[0-9]*}}, -0.84147{{[0-9]*}}, 0.47942{{[0-9]*}}, -0.75680{{[0-9]*}}]
// TR-NEXT: tensor<5xf32> [1, 0.54030{{[0-9]*}}, 0.54030{{[0-9]*}}, 0.87758{{[0-9]*}}, -0.65364{{[0-9]*}}]
// TR-NEXT: tensor<5xf32> [0.5, 0.73105{{[0-9]*}}, 0.26894{{[0-9]*}}, 0.62245{{[0-9]*}}, 0.98201{{[0-9]*}}]
// TR-NEXT: tensor<5xf32> [1, 1, nan, 0.61254{{[0-9]*}}, 16]
func.func @transcendental(%x: tensor<5xf32>) -> (tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>) {
  %0 = "vmapc.exp"(%x) : (tensor<5xf32>) -> tensor<5xf32>
  %1 = "vmapc.log"(%x) : (tensor<5xf32>) -> tensor<5xf32>
  %2 = "vmapc.sqrt"(%x) : (tensor<5xf32>) -> tensor<5xf32>
  %3 = "vmapc.rsqrt"(%x) : (tensor<5xf32>) -> tensor<5xf32>
  %4 = "vmapc.tanh"(%x) : (tensor<5xf32>) -> tensor<5xf32>
  %5 = "vmapc.sin"(%x) : (tensor<5xf32>) -> tensor<5xf32>
  %6 = "vmapc.cos"(%x) : (tensor<5xf32>) -> tensor<5xf32>
  %7 = "vmapc.logistic"(%x) : (tensor<5xf32>) -> tensor<5xf32>
  %8 = "vmapc.pow"(%x, %2) : (tensor<5xf32>, tensor<5xf32>) -> tensor<5xf32>
  return %0, %1, %2, %3, %4, %5, %6, %7, %8 : tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>, tensor<5xf32>
}

// Integer division truncates; x / 0 is -1 and INT_MIN / -1 wraps (XLA), and
// neither may trap.
// INT:      tensor<5xi32> [9, -5, 2147483646, 5, 2147483647]
// INT-NEXT: tensor<5xi32> [3, -3, -2147483647, -1, -2147483648]
// INT-NEXT: tensor<5xi32> [7, 2, 2147483647, 5, -1]
// INT-NEXT: tensor<5xi32> [-7, 7, -2147483647, -5, -2147483648]
// INT-NEXT: tensor<5xi32> [7, 7, 2147483647, 5, -2147483648]
func.func @ints(%a: tensor<5xi32>, %b: tensor<5xi32>) -> (tensor<5xi32>, tensor<5xi32>, tensor<5xi32>, tensor<5xi32>, tensor<5xi32>) {
  %0 = "vmapc.add"(%a, %b) : (tensor<5xi32>, tensor<5xi32>) -> tensor<5xi32>
  %1 = "vmapc.div"(%a, %b) : (tensor<5xi32>, tensor<5xi32>) -> tensor<5xi32>
  %2 = "vmapc.max"(%a, %b) : (tensor<5xi32>, tensor<5xi32>) -> tensor<5xi32>
  %3 = "vmapc.neg"(%a) : (tensor<5xi32>) -> tensor<5xi32>
  %4 = "vmapc.abs"(%a) : (tensor<5xi32>) -> tensor<5xi32>
  return %0, %1, %2, %3, %4 : tensor<5xi32>, tensor<5xi32>, tensor<5xi32>, tensor<5xi32>, tensor<5xi32>
}

// Float to int truncates toward zero and saturates, NaN to 0; to i1 is
// x != 0 (NaN is true); back from i1 is 0 or 1.
// CVT:      tensor<6xi32> [-1, 2, 2147483647, -2147483648, 0, 0]
// CVT-NEXT: tensor<6xi64> [-1, 2, 10000000000, -10000000000, 0, 0]
// CVT-NEXT: tensor<6xi1> [true, true, true, true, true, false]
// CVT-NEXT: tensor<6xf64> [1, 1, 1, 1, 1, 0]
func.func @convert(%x: tensor<6xf32>) -> (tensor<6xi32>, tensor<6xi64>, tensor<6xi1>, tensor<6xf64>) {
  %0 = "vmapc.convert"(%x) : (tensor<6xf32>) -> tensor<6xi32>
  %1 = "vmapc.convert"(%x) : (tensor<6xf32>) -> tensor<6xi64>
  %2 = "vmapc.convert"(%x) : (tensor<6xf32>) -> tensor<6xi1>
  %3 = "vmapc.convert"(%2) : (tensor<6xi1>) -> tensor<6xf64>
  return %0, %1, %2, %3 : tensor<6xi32>, tensor<6xi64>, tensor<6xi1>, tensor<6xf64>
}
