// Chunked vmaps (chunk_size = 4) compiled and run by vmapc-run, serial and
// parallel (OpenMP, with --threads=2 and --threads=1), on batch sizes 0, 1,
// 3 (smaller than a chunk: the padded tail alone), 4 (one chunk, no tail),
// 5, 9 and 13 (chunks plus a tail window overlapping the last chunk) and
// 1001 (many chunks over the threads), and with the batch on the last
// axis. One kernel with a `?` batch serves every size. The callee has a
// loop (a fori_loop, inside the OpenMP body when parallel) and an out_axes
// none result. Inputs are small integers (Inputs/gen_chunked.py: row k of
// x is [k - 6, 2, k % 3 - 1]), so every result is exact: 3 * (x . w), and
// w + w. The outputs must equal vmapc-eval's, and the numbers below,
// worked out by hand. Last, the errors of --threads and of inconsistent
// batch sizes.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/gen_chunked.py %t 0 1 3 4 5 9 13 1001
//
// The reference: vmapc-eval of @serial (@par means the same).
// RUN: vmapc-eval %s -e serial --arg=%t/x0.npy --arg=%t/w.npy > %t/eval.txt
// RUN: vmapc-eval %s -e serial --arg=%t/x1.npy --arg=%t/w.npy >> %t/eval.txt
// RUN: vmapc-eval %s -e serial --arg=%t/x3.npy --arg=%t/w.npy >> %t/eval.txt
// RUN: vmapc-eval %s -e serial --arg=%t/x4.npy --arg=%t/w.npy >> %t/eval.txt
// RUN: vmapc-eval %s -e serial --arg=%t/x5.npy --arg=%t/w.npy >> %t/eval.txt
// RUN: vmapc-eval %s -e serial --arg=%t/x9.npy --arg=%t/w.npy >> %t/eval.txt
// RUN: vmapc-eval %s -e serial --arg=%t/x13.npy --arg=%t/w.npy >> %t/eval.txt
// RUN: FileCheck %s < %t/eval.txt
//
// RUN: vmapc-run %s -e serial --arg=%t/x0.npy --arg=%t/w.npy > %t/serial.txt
// RUN: vmapc-run %s -e serial --arg=%t/x1.npy --arg=%t/w.npy >> %t/serial.txt
// RUN: vmapc-run %s -e serial --arg=%t/x3.npy --arg=%t/w.npy >> %t/serial.txt
// RUN: vmapc-run %s -e serial --arg=%t/x4.npy --arg=%t/w.npy >> %t/serial.txt
// RUN: vmapc-run %s -e serial --arg=%t/x5.npy --arg=%t/w.npy >> %t/serial.txt
// RUN: vmapc-run %s -e serial --arg=%t/x9.npy --arg=%t/w.npy >> %t/serial.txt
// RUN: vmapc-run %s -e serial --arg=%t/x13.npy --arg=%t/w.npy >> %t/serial.txt
// RUN: diff %t/eval.txt %t/serial.txt
// RUN: FileCheck %s < %t/serial.txt
//
// RUN: vmapc-run %s -e par --threads=2 --arg=%t/x0.npy --arg=%t/w.npy > %t/par2.txt
// RUN: vmapc-run %s -e par --threads=2 --arg=%t/x1.npy --arg=%t/w.npy >> %t/par2.txt
// RUN: vmapc-run %s -e par --threads=2 --arg=%t/x3.npy --arg=%t/w.npy >> %t/par2.txt
// RUN: vmapc-run %s -e par --threads=2 --arg=%t/x4.npy --arg=%t/w.npy >> %t/par2.txt
// RUN: vmapc-run %s -e par --threads=2 --arg=%t/x5.npy --arg=%t/w.npy >> %t/par2.txt
// RUN: vmapc-run %s -e par --threads=2 --arg=%t/x9.npy --arg=%t/w.npy >> %t/par2.txt
// RUN: vmapc-run %s -e par --threads=2 --arg=%t/x13.npy --arg=%t/w.npy >> %t/par2.txt
// RUN: diff %t/eval.txt %t/par2.txt
//
// RUN: vmapc-run %s -e par --threads=1 --arg=%t/x0.npy --arg=%t/w.npy > %t/par1.txt
// RUN: vmapc-run %s -e par --threads=1 --arg=%t/x1.npy --arg=%t/w.npy >> %t/par1.txt
// RUN: vmapc-run %s -e par --threads=1 --arg=%t/x3.npy --arg=%t/w.npy >> %t/par1.txt
// RUN: vmapc-run %s -e par --threads=1 --arg=%t/x4.npy --arg=%t/w.npy >> %t/par1.txt
// RUN: vmapc-run %s -e par --threads=1 --arg=%t/x5.npy --arg=%t/w.npy >> %t/par1.txt
// RUN: vmapc-run %s -e par --threads=1 --arg=%t/x9.npy --arg=%t/w.npy >> %t/par1.txt
// RUN: vmapc-run %s -e par --threads=1 --arg=%t/x13.npy --arg=%t/w.npy >> %t/par1.txt
// RUN: diff %t/eval.txt %t/par1.txt
//
// vmapc-eval runs @par too (parallel changes nothing there).
// RUN: vmapc-eval %s -e par --arg=%t/x5.npy --arg=%t/w.npy > %t/eval-par5.txt
// RUN: vmapc-eval %s -e serial --arg=%t/x5.npy --arg=%t/w.npy | diff - %t/eval-par5.txt
//
// Static batch sizes, chunked: 9 serial (chunks at 0 and 4, tail window
// [5, 9)) and 13 parallel (chunks at 0, 4, 8, tail window [9, 13)).
// RUN: vmapc-run %s -e serial9 --arg=%t/x9.npy --arg=%t/w.npy > %t/s9.txt
// RUN: vmapc-eval %s -e serial9 --arg=%t/x9.npy --arg=%t/w.npy | diff - %t/s9.txt
// RUN: FileCheck %s --check-prefix=N9 < %t/s9.txt
// RUN: vmapc-run %s -e par13 --threads=2 --arg=%t/x13.npy --arg=%t/w.npy > %t/p13.txt
// RUN: vmapc-eval %s -e par13 --arg=%t/x13.npy --arg=%t/w.npy | diff - %t/p13.txt
// RUN: FileCheck %s --check-prefix=N13 < %t/p13.txt
//
// Many chunks: 250 full ones shared by 2 threads (and by the runtime's
// default number), then a tail of 1 lane.
// RUN: vmapc-eval %s -e serial --arg=%t/x1001.npy --arg=%t/w.npy > %t/eval1001.txt
// RUN: vmapc-run %s -e par --threads=2 --arg=%t/x1001.npy --arg=%t/w.npy | diff %t/eval1001.txt -
// RUN: vmapc-run %s -e par --arg=%t/x1001.npy --arg=%t/w.npy | diff %t/eval1001.txt -
// RUN: vmapc-run %s -e serial --arg=%t/x1001.npy --arg=%t/w.npy | diff %t/eval1001.txt -
// RUN: FileCheck %s --check-prefix=N1001 < %t/eval1001.txt
//
// The batch on the last axis (in_axes and out_axes -1), where the padding
// of a small tail copies a column: t is [3, N] with column j = [1 + j,
// N + 1 + j, 2N + 1 + j].
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/t0.npy '<f4' 3,0
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/t1.npy '<f4' 3,1 --values=1,2,3
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/t2.npy '<f4' 3,2 --values=1,2,3,4,5,6
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/t5.npy '<f4' 3,5 --values=1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
// RUN: vmapc-run %s -e par_last --threads=2 --arg=%t/t0.npy --arg=%t/w.npy > %t/last.txt
// RUN: vmapc-run %s -e par_last --threads=2 --arg=%t/t1.npy --arg=%t/w.npy >> %t/last.txt
// RUN: vmapc-run %s -e par_last --threads=2 --arg=%t/t2.npy --arg=%t/w.npy >> %t/last.txt
// RUN: vmapc-run %s -e par_last --threads=2 --arg=%t/t5.npy --arg=%t/w.npy >> %t/last.txt
// RUN: FileCheck %s --check-prefix=LAST < %t/last.txt
// RUN: vmapc-eval %s -e par_last --arg=%t/t0.npy --arg=%t/w.npy > %t/last-eval.txt
// RUN: vmapc-eval %s -e par_last --arg=%t/t1.npy --arg=%t/w.npy >> %t/last-eval.txt
// RUN: vmapc-eval %s -e par_last --arg=%t/t2.npy --arg=%t/w.npy >> %t/last-eval.txt
// RUN: vmapc-eval %s -e par_last --arg=%t/t5.npy --arg=%t/w.npy >> %t/last-eval.txt
// RUN: diff %t/last-eval.txt %t/last.txt
//
// --threads=2 is the num_threads of the parallel region that vmapc-run
// compiles.
// RUN: vmapc-run %s -e par --threads=2 --dump-mlir --arg=%t/x3.npy --arg=%t/w.npy | FileCheck %s --check-prefix=DUMP
//
// Errors: one line on stderr, exit status 1.
// RUN: not vmapc-run %s -e par --threads=0 --arg=%t/x3.npy --arg=%t/w.npy 2>&1 | FileCheck %s --check-prefix=THREADS0
// RUN: not vmapc-run %s -e par --threads=-1 --arg=%t/x3.npy --arg=%t/w.npy 2>&1 | FileCheck %s --check-prefix=THREADSNEG
// RUN: not vmapc-run %s -e par --threads=abc --arg=%t/x3.npy --arg=%t/w.npy 2>&1 | FileCheck %s --check-prefix=THREADSABC
// RUN: not vmapc-run %s -e par --threads=abc --arg=%t/x3.npy --arg=%t/w.npy 2>&1 | count 1
// RUN: not vmapc-run %s -e par --threads=4097 --arg=%t/x3.npy --arg=%t/w.npy 2>&1 | FileCheck %s --check-prefix=THREADSBIG
// RUN: not vmapc-run %s -e two --arg=%t/x3.npy --arg=%t/x5.npy 2>&1 | FileCheck %s --check-prefix=BATCH
// RUN: not vmapc-run %s -e two --arg=%t/x3.npy --arg=%t/x5.npy 2>&1 | count 1
// RUN: not vmapc-run %s -e two --arg=%t/x0.npy --arg=%t/x5.npy 2>&1 | FileCheck %s --check-prefix=BATCH0
// RUN: not vmapc-eval %s -e two --arg=%t/x3.npy --arg=%t/x5.npy 2>&1 | FileCheck %s --check-prefix=EVALBATCH
// Equal batch sizes are fine.
// RUN: vmapc-run %s -e two --threads=2 --arg=%t/x5.npy --arg=%t/x5.npy | FileCheck %s --check-prefix=TWO
// RUN: vmapc-eval %s -e two --arg=%t/x5.npy --arg=%t/x5.npy | FileCheck %s --check-prefix=TWO

// Each batch size prints its mapped result, then w + w (out_axes none).
// CHECK:      {{^}}tensor<0x2xf32> []{{$}}
// CHECK-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}
// CHECK-NEXT: {{^}}tensor<1x2xf32> {{\[}}[-33, -30]]{{$}}
// CHECK-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}
// CHECK-NEXT: {{^}}tensor<3x2xf32> {{\[}}[-33, -30], [-21, -30], [-9, -30]]{{$}}
// CHECK-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}
// CHECK-NEXT: {{^}}tensor<4x2xf32> {{\[}}[-33, -30], [-21, -30], [-9, -30], [-24, -12]]{{$}}
// CHECK-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}
// CHECK-NEXT: {{^}}tensor<5x2xf32> {{\[}}[-33, -30], [-21, -30], [-9, -30], [-24, -12], [-12, -12]]{{$}}
// CHECK-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}
// CHECK-NEXT: {{^}}tensor<9x2xf32> {{\[}}[-33, -30], [-21, -30], [-9, -30], [-24, -12], [-12, -12], [0, -12], [-15, 6], [-3, 6], [9, 6]]{{$}}
// CHECK-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}
// CHECK-NEXT: {{^}}tensor<13x2xf32> {{\[}}[-33, -30], [-21, -30], [-9, -30], [-24, -12], [-12, -12], [0, -12], [-15, 6], [-3, 6], [9, 6], [-6, 24], [6, 24], [18, 24], [3, 42]]{{$}}
// CHECK-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}
// CHECK-NOT:  tensor

// N9:      {{^}}tensor<9x2xf32> {{\[}}[-33, -30], [-21, -30], [-9, -30], [-24, -12], [-12, -12], [0, -12], [-15, 6], [-3, 6], [9, 6]]{{$}}
// N9-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}
// N13:      {{^}}tensor<13x2xf32> {{\[}}[-33, -30], [-21, -30], [-9, -30], [-24, -12], [-12, -12], [0, -12], [-15, 6], [-3, 6], [9, 6], [-6, 24], [6, 24], [18, 24], [3, 42]]{{$}}
// N13-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}
// The last lanes, 996 to 1000: x = [990, 2, -1], ..., [994, 2, 0].
// N1001:      {{^}}tensor<1001x2xf32> {{\[}}[-33, -30], [-21, -30], {{.*}}, [2955, 5946], [2967, 5946], [2979, 5946], [2964, 5964], [2976, 5964]]{{$}}
// N1001-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}

// LAST:      {{^}}tensor<2x0xf32> {{\[}}[], []]{{$}}
// LAST-NEXT: {{^}}tensor<2x1xf32> {{\[}}[8], [-4]]{{$}}
// LAST-NEXT: {{^}}tensor<2x2xf32> {{\[}}[13, 16], [-8, -8]]{{$}}
// LAST-NEXT: {{^}}tensor<2x5xf32> {{\[}}[28, 31, 34, 37, 40], [-20, -20, -20, -20, -20]]{{$}}

// DUMP:      %[[NT:.+]] = llvm.mlir.constant(2 : i32) : i32
// DUMP-NOT:  llvm.func
// DUMP:      omp.parallel num_threads(%[[NT]] : i32)
// DUMP:      tensor<3x2xf32> {{\[}}[-33, -30], [-21, -30], [-9, -30]]

// THREADS0:   vmapc-run: error: --threads must be a whole number from 1 to 4096, got '0'
// THREADSNEG: vmapc-run: error: --threads must be a whole number from 1 to 4096, got '-1'
// THREADSABC: vmapc-run: error: --threads must be a whole number from 1 to 4096, got 'abc'
// THREADSBIG: vmapc-run: error: --threads must be a whole number from 1 to 4096, got '4097'
// BATCH:      vmapc-run: error: 'two' has one batch size for all its dynamic dims, but input 0 dim 0 is 3 and input 1 dim 0 is 5
// BATCH0:     vmapc-run: error: 'two' has one batch size for all its dynamic dims, but input 0 dim 0 is 0 and input 1 dim 0 is 5
// EVALBATCH:  vmapc-eval: @two argument 1: expected tensor<?x3xf32>, got tensor<5x3xf32> (the batch size '?' is 3 by the arguments before)
// TWO:        {{^}}tensor<5x3xf32> {{\[}}[-12, 4, -2], [-10, 4, 0], [-8, 4, 2], [-6, 4, -2], [-4, 4, 0]]{{$}}

// 3 * (x . w), by a loop adding x . w twice; and w + w.
func.func @f(%x: tensor<3xf32>, %w: tensor<3x2xf32>) -> (tensor<2xf32>, tensor<3x2xf32>) {
  %d = vmapc.dot_general %x, %w, batching_dims = [] x [], contracting_dims = [0] x [0]
       : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  %lo = vmapc.constant dense<0> : tensor<i32>
  %hi = vmapc.constant dense<2> : tensor<i32>
  %r = vmapc.fori_loop %i = %lo to %hi : tensor<i32> iter_args(%acc = %d) -> (tensor<2xf32>) {
    %n = vmapc.add %acc, %d : tensor<2xf32>
    vmapc.yield %n : tensor<2xf32>
  }
  %w2 = vmapc.add %w, %w : tensor<3x2xf32>
  return %r, %w2 : tensor<2xf32>, tensor<3x2xf32>
}

func.func @serial(%xs: tensor<?x3xf32>, %w: tensor<3x2xf32>) -> (tensor<?x2xf32>, tensor<3x2xf32>) {
  %r:2 = vmapc.vmap @f(%xs, %w) in_axes [0, none] out_axes [0, none] chunk_size = 4
       : (tensor<?x3xf32>, tensor<3x2xf32>) -> (tensor<?x2xf32>, tensor<3x2xf32>)
  return %r#0, %r#1 : tensor<?x2xf32>, tensor<3x2xf32>
}

func.func @par(%xs: tensor<?x3xf32>, %w: tensor<3x2xf32>) -> (tensor<?x2xf32>, tensor<3x2xf32>) {
  %r:2 = vmapc.vmap @f(%xs, %w) in_axes [0, none] out_axes [0, none] chunk_size = 4 parallel
       : (tensor<?x3xf32>, tensor<3x2xf32>) -> (tensor<?x2xf32>, tensor<3x2xf32>)
  return %r#0, %r#1 : tensor<?x2xf32>, tensor<3x2xf32>
}

func.func @serial9(%xs: tensor<9x3xf32>, %w: tensor<3x2xf32>) -> (tensor<9x2xf32>, tensor<3x2xf32>) {
  %r:2 = vmapc.vmap @f(%xs, %w) in_axes [0, none] out_axes [0, none] chunk_size = 4
       : (tensor<9x3xf32>, tensor<3x2xf32>) -> (tensor<9x2xf32>, tensor<3x2xf32>)
  return %r#0, %r#1 : tensor<9x2xf32>, tensor<3x2xf32>
}

func.func @par13(%xs: tensor<13x3xf32>, %w: tensor<3x2xf32>) -> (tensor<13x2xf32>, tensor<3x2xf32>) {
  %r:2 = vmapc.vmap @f(%xs, %w) in_axes [0, none] out_axes [0, none] chunk_size = 4 parallel
       : (tensor<13x3xf32>, tensor<3x2xf32>) -> (tensor<13x2xf32>, tensor<3x2xf32>)
  return %r#0, %r#1 : tensor<13x2xf32>, tensor<3x2xf32>
}

// x . w for each column of t.
func.func @dot(%x: tensor<3xf32>, %w: tensor<3x2xf32>) -> tensor<2xf32> {
  %d = vmapc.dot_general %x, %w, batching_dims = [] x [], contracting_dims = [0] x [0]
       : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  return %d : tensor<2xf32>
}

func.func @par_last(%ts: tensor<3x?xf32>, %w: tensor<3x2xf32>) -> tensor<2x?xf32> {
  %r = vmapc.vmap @dot(%ts, %w) in_axes [-1, none] out_axes [-1] chunk_size = 4 parallel
       : (tensor<3x?xf32>, tensor<3x2xf32>) -> tensor<2x?xf32>
  return %r : tensor<2x?xf32>
}

// Two mapped inputs: one batch size at run time.
func.func @addf(%a: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %s = vmapc.add %a, %b : tensor<3xf32>
  return %s : tensor<3xf32>
}

func.func @two(%a: tensor<?x3xf32>, %b: tensor<?x3xf32>) -> tensor<?x3xf32> {
  %r = vmapc.vmap @addf(%a, %b) in_axes [0, 0] out_axes [0] chunk_size = 4 parallel
       : (tensor<?x3xf32>, tensor<?x3xf32>) -> tensor<?x3xf32>
  return %r : tensor<?x3xf32>
}
