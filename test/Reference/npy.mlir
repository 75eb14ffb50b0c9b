// .npy input and output of vmapc-eval, and its one-line errors. The inputs
// are written by Inputs/make_npy.py (plain Python, no numpy).
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/make_npy.py %t/x.npy '<f4' 2,3 --values=1,2,3,4,5,6.5
// RUN: %python %S/Inputs/make_npy.py %t/y.npy '<f4' 3 --values=10,20,30 --version 2
// RUN: vmapc-eval %s -e add_row --arg=%t/x.npy --arg=%t/y.npy --out=%t/r | FileCheck %s --check-prefix=ADD
// ADD: tensor<2x3xf32> {{\[}}[11, 22, 33], [14, 25, 36.5]]
// The written result reads back (and version 3.0 headers are accepted).
// RUN: %python %S/Inputs/make_npy.py %t/z.npy '<f4' 3 --values=0,0,0 --version 3
// RUN: vmapc-eval %s -e add_row --arg=%t/r0.npy --arg=%t/z.npy | FileCheck %s --check-prefix=ADD
//
// Every dtype, a scalar, and an empty array.
// RUN: %python %S/Inputs/make_npy.py %t/f8.npy '<f8' 2 --values=0.1,-2
// RUN: %python %S/Inputs/make_npy.py %t/i4.npy '<i4' 2 --values=-7,2147483647
// RUN: %python %S/Inputs/make_npy.py %t/i8.npy '<i8' 1 --values=-9223372036854775808
// RUN: %python %S/Inputs/make_npy.py %t/b1.npy '|b1' 3 --values=1,0,1
// RUN: %python %S/Inputs/make_npy.py %t/s.npy '<f4' '' --values=2.5
// RUN: %python %S/Inputs/make_npy.py %t/e.npy '<f4' 0,2
// RUN: vmapc-eval %s -e identity --arg=%t/f8.npy --arg=%t/i4.npy --arg=%t/i8.npy --arg=%t/b1.npy --arg=%t/s.npy --arg=%t/e.npy --out=%t/id | FileCheck %s --check-prefix=ID
// RUN: vmapc-eval %s -e identity --arg=%t/id0.npy --arg=%t/id1.npy --arg=%t/id2.npy --arg=%t/id3.npy --arg=%t/id4.npy --arg=%t/id5.npy | FileCheck %s --check-prefix=ID
// ID:      tensor<2xf64> [0.10000000000000001, -2]
// ID-NEXT: tensor<2xi32> [-7, 2147483647]
// ID-NEXT: tensor<1xi64> [-9223372036854775808]
// ID-NEXT: tensor<3xi1> [true, false, true]
// ID-NEXT: tensor<f32> 2.5
// ID-NEXT: tensor<0x2xf32> []
//
// Errors: one line naming the file and the problem, exit status 1.
// RUN: not vmapc-eval %s -e add_row --arg=%t/x.npy 2>&1 | FileCheck %s --check-prefix=ARITY
// ARITY: vmapc-eval: @add_row takes 2 arguments, got 1
// RUN: not vmapc-eval %s -e add_row --arg=%t/y.npy --arg=%t/y.npy 2>&1 | FileCheck %s --check-prefix=SHAPE
// SHAPE: vmapc-eval: @add_row argument 0: expected tensor<2x3xf32>, got tensor<3xf32>
// RUN: not vmapc-eval %s -e add_row --arg=%t/x.npy --arg=%t/f8.npy 2>&1 | FileCheck %s --check-prefix=DTYPE
// DTYPE: vmapc-eval: @add_row argument 1: expected tensor<3xf32>, got tensor<2xf64>
// RUN: not vmapc-eval %s -e nope 2>&1 | FileCheck %s --check-prefix=NOFUNC
// NOFUNC: vmapc-eval: no function named 'nope'
// RUN: not vmapc-eval %s -e add_row --arg=%t/missing.npy --arg=%t/y.npy 2>&1 | FileCheck %s --check-prefix=MISSING
// MISSING: vmapc-eval: {{.*}}missing.npy: cannot read: {{.*}}
// RUN: %python %S/Inputs/make_npy.py %t/trunc.npy '<f4' 2,3 --values=1,2,3,4,5,6 --drop 4
// RUN: not vmapc-eval %s -e add_row --arg=%t/trunc.npy 2>&1 | FileCheck %s --check-prefix=TRUNC
// TRUNC: vmapc-eval: {{.*}}trunc.npy: truncated data: shape [2, 3] of '<f4' needs 24 bytes, the file has 20
// RUN: %python %S/Inputs/make_npy.py %t/extra.npy '<f4' 2,3 --values=1,2,3,4,5,6 --extra 3
// RUN: not vmapc-eval %s -e add_row --arg=%t/extra.npy 2>&1 | FileCheck %s --check-prefix=EXTRA
// EXTRA: vmapc-eval: {{.*}}extra.npy: data size mismatch: shape [2, 3] of '<f4' needs 24 bytes, the file has 27
// A huge shape must be rejected before any allocation.
// RUN: %python %S/Inputs/make_npy.py %t/huge.npy '<f8' 4611686018427387904,4611686018427387904 --values=1
// RUN: not vmapc-eval %s -e add_row --arg=%t/huge.npy 2>&1 | FileCheck %s --check-prefix=HUGE
// HUGE: vmapc-eval: {{.*}}huge.npy: truncated data: shape [4611686018427387904, 4611686018427387904] of '<f8' needs more than 2^64 bytes, the file has 8
// RUN: %python %S/Inputs/make_npy.py %t/fortran.npy '<f4' 2,3 --values=1,2,3,4,5,6 --fortran
// RUN: not vmapc-eval %s -e add_row --arg=%t/fortran.npy 2>&1 | FileCheck %s --check-prefix=FORTRAN
// FORTRAN: vmapc-eval: {{.*}}fortran.npy: Fortran-order arrays are not supported
// RUN: %python %S/Inputs/make_npy.py %t/u1.npy '|u1' 2 --values=1,2
// RUN: not vmapc-eval %s -e add_row --arg=%t/u1.npy 2>&1 | FileCheck %s --check-prefix=U1
// U1: vmapc-eval: {{.*}}u1.npy: unsupported dtype '|u1' (expected <f4, <f8, <i4, <i8 or |b1)
// RUN: %python %S/Inputs/make_npy.py %t/be.npy '>f4' 2 --values=1,2
// RUN: not vmapc-eval %s -e add_row --arg=%t/be.npy 2>&1 | FileCheck %s --check-prefix=BE
// BE: vmapc-eval: {{.*}}be.npy: big-endian dtype '>f4' is not supported
// RUN: %python %S/Inputs/make_npy.py %t/v9.npy '<f4' 2 --values=1,2 --version 9
// RUN: not vmapc-eval %s -e add_row --arg=%t/v9.npy 2>&1 | FileCheck %s --check-prefix=V9
// V9: vmapc-eval: {{.*}}v9.npy: unsupported .npy format version 9.0 (expected 1.0, 2.0 or 3.0)
// RUN: %python %S/Inputs/make_npy.py %t/magic.npy '<f4' 2 --values=1,2 --magic XNUMPY
// RUN: not vmapc-eval %s -e add_row --arg=%t/magic.npy 2>&1 | FileCheck %s --check-prefix=MAGIC
// MAGIC: vmapc-eval: {{.*}}magic.npy: not a .npy file
// RUN: %python %S/Inputs/make_npy.py %t/hdr.npy '<f4' 2 --values=1,2 --header "{'descr': '<f4', 'shape': (2,), }"
// RUN: not vmapc-eval %s -e add_row --arg=%t/hdr.npy 2>&1 | FileCheck %s --check-prefix=HDR
// HDR: vmapc-eval: {{.*}}hdr.npy: malformed .npy header (missing 'fortran_order')
// RUN: %python %S/Inputs/make_npy.py %t/neg.npy '<f4' 2 --values=1,2 --header "{'descr': '<f4', 'fortran_order': False, 'shape': (-2,), }"
// RUN: not vmapc-eval %s -e add_row --arg=%t/neg.npy 2>&1 | FileCheck %s --check-prefix=NEG
// NEG: vmapc-eval: {{.*}}neg.npy: malformed .npy header ('shape' has a non-integer or negative dimension)
// A header length beyond the end of the file.
// RUN: %python %S/Inputs/make_npy.py %t/short.npy '<f4' 2 --values=1,2 --drop 80
// RUN: not vmapc-eval %s -e add_row --arg=%t/short.npy 2>&1 | FileCheck %s --check-prefix=SHORT
// SHORT: vmapc-eval: {{.*}}short.npy: truncated .npy header: it claims 118 bytes, the file has 46 after the preamble
// RUN: not vmapc-eval %s -e add_row --arg=%t/x.npy --arg=%t/y.npy --out=%t/no/such/dir/r 2>&1 | FileCheck %s --check-prefix=NOWRITE
// NOWRITE: vmapc-eval: {{.*}}r0.npy: cannot write: {{.*}}

func.func @add_row(%x: tensor<2x3xf32>, %y: tensor<3xf32>) -> tensor<2x3xf32> {
  %b = "vmapc.broadcast_in_dim"(%y) {broadcast_dimensions = array<i64: 1>} : (tensor<3xf32>) -> tensor<2x3xf32>
  %s = "vmapc.add"(%x, %b) : (tensor<2x3xf32>, tensor<2x3xf32>) -> tensor<2x3xf32>
  return %s : tensor<2x3xf32>
}

func.func @identity(%a: tensor<2xf64>, %b: tensor<2xi32>, %c: tensor<1xi64>,
                    %d: tensor<3xi1>, %e: tensor<f32>, %f: tensor<0x2xf32>)
    -> (tensor<2xf64>, tensor<2xi32>, tensor<1xi64>, tensor<3xi1>,
        tensor<f32>, tensor<0x2xf32>) {
  return %a, %b, %c, %d, %e, %f : tensor<2xf64>, tensor<2xi32>, tensor<1xi64>,
      tensor<3xi1>, tensor<f32>, tensor<0x2xf32>
}
