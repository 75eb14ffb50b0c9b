// Malformed, truncated or mismatched .npy inputs to vmapc-run: one line on
// stderr naming the file and the problem, exit status 1, no crash.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/ok.npy '<f4' 2,3 --values=1,2,3,4,5,6
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/short.npy '<f4' 2,3 --values=1,2,3,4,5,6 --drop 5
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/magic.npy '<f4' 2,3 --values=1,2,3,4,5,6 --magic XNUMPY
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/header.npy '<f4' 2,3 --values=1,2,3,4,5,6 --header "{'descr': '<f4', 'shape': (2, 3"
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/f64.npy '<f8' 2,3 --values=1,2,3,4,5,6
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/shape.npy '<f4' 3,2 --values=1,2,3,4,5,6
// RUN: head -c 7 %t/ok.npy > %t/cut.npy
// RUN: : > %t/empty.npy
// RUN: vmapc-run %s -e f --arg=%t/ok.npy | FileCheck %s --check-prefix=OK
// RUN: not vmapc-run %s -e f --arg=%t/short.npy 2>&1 | FileCheck %s --check-prefix=SHORT
// RUN: not vmapc-run %s -e f --arg=%t/magic.npy 2>&1 | FileCheck %s --check-prefix=MAGIC
// RUN: not vmapc-run %s -e f --arg=%t/header.npy 2>&1 | FileCheck %s --check-prefix=HEADER
// RUN: not vmapc-run %s -e f --arg=%t/cut.npy 2>&1 | FileCheck %s --check-prefix=CUT
// RUN: not vmapc-run %s -e f --arg=%t/empty.npy 2>&1 | FileCheck %s --check-prefix=EMPTY
// RUN: not vmapc-run %s -e f --arg=%t/f64.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// RUN: not vmapc-run %s -e f --arg=%t/shape.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// RUN: not vmapc-run %s -e f --arg=%t/short.npy 2>&1 | count 1
// RUN: not vmapc-run %s -e f --arg=%t/cut.npy 2>&1 | count 1

// OK: tensor<2x3xf32> {{\[\[}}2, 4, 6], [8, 10, 12]]
// SHORT: vmapc-run: error: {{.*}}short.npy
// MAGIC: vmapc-run: error: {{.*}}magic.npy
// HEADER: vmapc-run: error: {{.*}}header.npy
// CUT: vmapc-run: error: {{.*}}cut.npy
// EMPTY: vmapc-run: error: {{.*}}empty.npy
// DTYPE: vmapc-run: error: {{.*}}f32[2, 3]{{.*}}f64[2, 3]
// SHAPE: vmapc-run: error: {{.*}}f32[2, 3]{{.*}}f32[3, 2]

func.func @f(%x: tensor<2x3xf32>) -> tensor<2x3xf32> {
  %0 = "vmapc.add"(%x, %x) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  "func.return"(%0) : (tensor<2x3xf32>) -> ()
}
