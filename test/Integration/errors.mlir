// vmapc-run's errors are one line on stderr and exit status 1.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/x.npy '<f4' 3 --values=1,2,3
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/x4.npy '<f4' 4 --values=1,2,3,4
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/xd.npy '<f8' 3 --values=1,2,3
// RUN: not vmapc-run %s -e f 2>&1 | FileCheck %s --check-prefix=ARITY
// RUN: not vmapc-run %s -e f --arg=%t/x4.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// RUN: not vmapc-run %s -e f --arg=%t/xd.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// RUN: not vmapc-run %s -e f --arg=%t/missing.npy 2>&1 | FileCheck %s --check-prefix=MISSING
// RUN: not vmapc-run %s -e nope --arg=%t/x.npy 2>&1 | FileCheck %s --check-prefix=NOFUNC
// RUN: not vmapc-run %t/none.mlir -e f 2>&1 | FileCheck %s --check-prefix=NOFILE
// RUN: not vmapc-run %S/Inputs/bad.mlir -e f 2>&1 | FileCheck %s --check-prefix=PARSE
// Each error is exactly one line.
// RUN: not vmapc-run %S/Inputs/bad.mlir -e f 2>&1 | count 1
// RUN: not vmapc-run %s -e f 2>&1 | count 1
// RUN: not vmapc-run %s -e takes_index 2>&1 | FileCheck %s --check-prefix=UNCALLABLE
// RUN: vmapc-run %s -e f --arg=%t/x.npy | FileCheck %s --check-prefix=OK

// ARITY:   vmapc-run: error: 'f' takes 1 argument(s), got 0 --arg
// SHAPE:   vmapc-run: error: argument 0 of 'f' must be f32[3], but '{{.*}}x4.npy' holds f32[4]
// DTYPE:   vmapc-run: error: argument 0 of 'f' must be f32[3], but '{{.*}}xd.npy' holds f64[3]
// MISSING: vmapc-run: error: {{.*}}missing.npy{{.*}}
// NOFUNC:  vmapc-run: error: no function 'nope' in the module (callable: f)
// NOFILE:  vmapc-run: error: cannot read '{{.*}}none.mlir'
// PARSE:   vmapc-run: error: {{.*}}bad.mlir:3:{{[0-9]+}}: error: {{.*}}vmapc.bogus
// UNCALLABLE: vmapc-run: error: function 'takes_index' cannot be called: its inputs and results must all be ranked tensors of f32, f64, i1, i32 or i64
// OK:      tensor<3xf32> [2, 4, 6]
func.func @f(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "vmapc.add"(%x, %x) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}

func.func @takes_index(%i: index) -> index {
  return %i : index
}
