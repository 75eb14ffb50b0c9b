// Ahead-of-time kernels end to end: vmapc-compile writes objects and
// headers, C and C++ programs (Inputs/aot_driver.c, Inputs/aot_driver.cpp)
// link them with nothing of MLIR or LLVM, and their results, printed as
// vmapc-run prints them (Inputs/aot_print.h), equal vmapc-run's (the JIT,
// the same pipeline and LLVM settings: bit for bit) and the numbers below,
// worked out by hand (chunked.mlir has the same kernels and inputs, small
// integers: exact). Checked:
//  - one object of a chunked vmap over a `?` batch serves batch sizes 0
//    (null pointers allowed), 1, 3 (the tail alone), 4 (one chunk), 5, 13
//    (chunks and a tail), 1001, in one process; compiled for the host and
//    for baseline x86-64 (--target-cpu);
//  - the same, parallel (OpenMP), linked with %libomp, with the runtime's
//    thread count, OMP_NUM_THREADS=3, and --threads=2 fixed at compile
//    time; the serial kernels link without libomp; --link-flags writes
//    what each object needs (libomp only when parallel);
//  - a static kernel (a chunked vmap of batch 9), and one with f64, i32,
//    i1 and f32 arrays, a rank-0 result, exp and tanh (bit-exact against
//    vmapc-run, whatever libm-free code both generate);
//  - an already lowered module (vmapc-opt --vmapc-lower-to-llvm) compiled
//    from stdin gives the same kernel;
//  - the return codes: 1, nothing written, for n < 0 and for null pointers
//    of arrays with elements; 0 for null with no elements;
//  - calls from 4 threads at once give the results of one;
//  - the C++20 overloads: allocating (a std::tuple for several results),
//    into given arrays and views, and their vmapc::Error for wrong shapes
//    and null pointers;
//  - each object defines exactly one global symbol, its entry point, in
//    .text, and needs only libc (and the OpenMP runtime when parallel): no
//    MLIR runtime, no C++; it links into a shared library (PIC) exporting
//    only that symbol;
//  - two kernels whose MLIR functions have the same name (@kernel, kept as
//    a function at -O0) link into one program and stay distinct.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/Inputs/gen_chunked.py %t 0 1 3 4 5 9 13 1001
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/a.npy '<f8' 2,3 --values=0.5,-1.25,2,3,-0.5,1.5
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/b.npy '<i4' 3 --values=-3,0,7
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/xs.npy '<f4' 4 --values=0,1,-1,0.5
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/p.npy '|b1' 3 --values=0,1,1
//
// The kernels.
// RUN: vmapc-compile %s -e serial -o %t/serial.o --header %t/serial.h --link-flags=%t/serial.rsp
// RUN: vmapc-compile %s -e serial --name serial_base --target-cpu=x86-64 -o %t/serial_base.o --header %t/serial_base.h
// RUN: vmapc-compile %s -e par -o %t/par.o --header %t/par.h --link-flags=%t/par.rsp
// RUN: vmapc-compile %s -e par --name par_t2 --threads=2 -o %t/par_t2.o --header %t/par_t2.h
// RUN: vmapc-compile %s -e serial9 -o %t/serial9.o --header %t/serial9.h
// RUN: vmapc-compile %s -e mixed -o %t/mixed.o --header %t/mixed.h
// RUN: vmapc-compile %S/Inputs/aot_kernel_a.mlir -e kernel --name ka -O0 -o %t/ka.o --header %t/ka.h
// RUN: vmapc-compile %S/Inputs/aot_kernel_b.mlir -e kernel --name kb -O0 -o %t/kb.o --header %t/kb.h
// RUN: vmapc-opt --vmapc-lower-to-llvm %s | vmapc-compile - -e serial9 --name serial9_lowered -o %t/serial9_lowered.o --header %t/serial9_lowered.h
//
// The programs: without the parallel kernels, no libomp.
// RUN: %cc -std=c99 -Wall -Wextra -Werror -I%t -I%S/Inputs %S/Inputs/aot_driver.c %t/serial.o %t/serial_base.o %t/serial9.o %t/mixed.o %t/ka.o %t/kb.o -lm -pthread -o %t/aot-c
// RUN: %cc -std=c99 -Wall -Wextra -Werror -DAOT_WITH_PAR -I%t -I%S/Inputs %S/Inputs/aot_driver.c %t/serial.o %t/serial_base.o %t/serial9.o %t/mixed.o %t/ka.o %t/kb.o %t/par.o %t/par_t2.o %libomp -lm -pthread -o %t/aot-c-par
// RUN: %cxx -Wall -Wextra -Werror -I%t -I%S/Inputs %S/Inputs/aot_driver.cpp %t/serial.o %t/mixed.o -lm -o %t/aot-cxx
//
// The reference: vmapc-run of @serial on each batch size.
// RUN: vmapc-run %s -e serial --arg=%t/x0.npy --arg=%t/w.npy > %t/ref.txt
// RUN: vmapc-run %s -e serial --arg=%t/x1.npy --arg=%t/w.npy >> %t/ref.txt
// RUN: vmapc-run %s -e serial --arg=%t/x3.npy --arg=%t/w.npy >> %t/ref.txt
// RUN: vmapc-run %s -e serial --arg=%t/x4.npy --arg=%t/w.npy >> %t/ref.txt
// RUN: vmapc-run %s -e serial --arg=%t/x5.npy --arg=%t/w.npy >> %t/ref.txt
// RUN: vmapc-run %s -e serial --arg=%t/x13.npy --arg=%t/w.npy >> %t/ref.txt
// RUN: vmapc-run %s -e serial --arg=%t/x1001.npy --arg=%t/w.npy >> %t/ref.txt
// RUN: FileCheck %s < %t/ref.txt
//
// RUN: %t/aot-c chunked serial 0 1 3 4 5 13 1001 > %t/serial.txt
// RUN: diff %t/ref.txt %t/serial.txt
// RUN: FileCheck %s < %t/serial.txt
// RUN: %t/aot-c chunked serial_base 0 1 3 4 5 13 1001 | diff %t/ref.txt -
// RUN: %t/aot-c-par chunked serial 0 1 3 4 5 13 1001 | diff %t/ref.txt -
// RUN: %t/aot-c-par chunked par 0 1 3 4 5 13 1001 > %t/par.txt
// RUN: diff %t/ref.txt %t/par.txt
// RUN: env OMP_NUM_THREADS=3 %t/aot-c-par chunked par 0 1 3 4 5 13 1001 | diff %t/ref.txt -
// RUN: env OMP_NUM_THREADS=1 %t/aot-c-par chunked par_t2 0 1 3 4 5 13 1001 | diff %t/ref.txt -
// --link-flags: what the object needs, as a response file for the linker
// driver (libm; libomp only for the parallel kernel), enough to link it.
// RUN: FileCheck %s --check-prefix=RSP-SERIAL < %t/serial.rsp
// RUN: FileCheck %s --check-prefix=RSP-PAR < %t/par.rsp
// RUN: %cc -std=c99 -DAOT_WITH_PAR -I%t -I%S/Inputs %S/Inputs/aot_driver.c %t/serial.o %t/serial_base.o %t/serial9.o %t/mixed.o %t/ka.o %t/kb.o %t/par.o %t/par_t2.o @%t/par.rsp -pthread -o %t/aot-c-rsp
// RUN: %t/aot-c-rsp chunked par 0 1 3 4 5 13 1001 | diff %t/ref.txt -
//
// Static kernels; the one compiled from the lowered module is the same.
// RUN: vmapc-run %s -e serial9 --arg=%t/x9.npy --arg=%t/w.npy > %t/ref9.txt
// RUN: %t/aot-c serial9 > %t/serial9.txt
// RUN: diff %t/ref9.txt %t/serial9.txt
// RUN: FileCheck %s --check-prefix=N9 < %t/serial9.txt
// RUN: vmapc-run %s -e mixed --arg=%t/a.npy --arg=%t/b.npy --arg=%t/xs.npy --arg=%t/p.npy > %t/ref-mixed.txt
// RUN: %t/aot-c mixed > %t/mixed.txt
// RUN: diff %t/ref-mixed.txt %t/mixed.txt
// RUN: FileCheck %s --check-prefix=MIXED < %t/mixed.txt
// RUN: %cc -std=c99 -Wall -Werror -DSERIAL9=serial9_lowered -I%t -I%S/Inputs %S/Inputs/aot_lowered.c %t/serial9_lowered.o -o %t/aot-lowered
// RUN: %t/aot-lowered | diff %t/ref9.txt -
//
// RUN: %t/aot-c codes | FileCheck %s --check-prefix=CODES
// RUN: %t/aot-c-par threads | FileCheck %s --check-prefix=THREADS
// RUN: %t/aot-c helpers | FileCheck %s --check-prefix=HELPERS
//
// C++: the allocating results must equal vmapc-run's too.
// RUN: %t/aot-cxx > %t/cxx.txt
// RUN: FileCheck %s --check-prefix=CXX < %t/cxx.txt
// RUN: vmapc-run %s -e serial --arg=%t/x13.npy --arg=%t/w.npy | head -n 1 > %t/ref13.txt
// RUN: grep -F -x -f %t/ref13.txt %t/cxx.txt | count 1
// RUN: grep -F -x -f %t/ref-mixed.txt %t/cxx.txt | count 6
//
// Symbols: one global definition, in .text (T); nothing of MLIR or C++
// needed; OpenMP only when parallel.
// RUN: llvm-nm --extern-only --defined-only %t/serial.o | count 1
// RUN: llvm-nm --extern-only --defined-only %t/serial.o | FileCheck %s --check-prefix=NM-SERIAL
// RUN: llvm-nm --extern-only --defined-only %t/par.o | count 1
// RUN: llvm-nm --extern-only --defined-only %t/par.o | FileCheck %s --check-prefix=NM-PAR
// RUN: llvm-nm --extern-only --defined-only %t/mixed.o | count 1
// RUN: llvm-nm --extern-only --defined-only %t/serial9_lowered.o | count 1
// RUN: llvm-nm --undefined-only %t/serial.o | FileCheck %s --check-prefix=UNDEF-SERIAL
// RUN: llvm-nm --undefined-only %t/par.o | FileCheck %s --check-prefix=UNDEF-PAR
// RUN: llvm-nm %t/ka.o | FileCheck %s --check-prefix=NM-KA
// RUN: llvm-nm %t/kb.o | FileCheck %s --check-prefix=NM-KB
// RUN: %cc -shared %t/serial.o -o %t/libserial.so
// RUN: llvm-nm --dynamic --defined-only %t/libserial.so | FileCheck %s --check-prefix=NM-SO

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
// CHECK-NEXT: {{^}}tensor<13x2xf32> {{\[}}[-33, -30], [-21, -30], [-9, -30], [-24, -12], [-12, -12], [0, -12], [-15, 6], [-3, 6], [9, 6], [-6, 24], [6, 24], [18, 24], [3, 42]]{{$}}
// CHECK-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}
// The last lanes, 996 to 1000: x = [990, 2, -1], ..., [994, 2, 0].
// CHECK-NEXT: {{^}}tensor<1001x2xf32> {{\[}}[-33, -30], [-21, -30], {{.*}}, [2955, 5946], [2967, 5946], [2979, 5946], [2964, 5964], [2976, 5964]]{{$}}
// CHECK-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}
// CHECK-NOT:  tensor

// N9:      {{^}}tensor<9x2xf32> {{\[}}[-33, -30], [-21, -30], [-9, -30], [-24, -12], [-12, -12], [0, -12], [-15, 6], [-3, 6], [9, 6]]{{$}}
// N9-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}

// a * a; select(p, b * b + b, b); a > 1.5; exp(x) (e = 2.71828183,
// 1/e = 0.367879441, sqrt(e) = 1.64872127, to a few ulps); tanh(a) (tanh
// 0.5 = 0.46211715726000974, tanh 1.25 = 0.8482836399575129, tanh 2 =
// 0.9640275800758169, tanh 3 = 0.9950547536867305, tanh 1.5 =
// 0.9051482536448664, to a few ulps); the sum of a.
// MIXED:      {{^}}tensor<2x3xf64> {{\[}}[0.25, 1.5625, 4], [9, 0.25, 2.25]]{{$}}
// MIXED-NEXT: {{^}}tensor<3xi32> [-3, 0, 56]{{$}}
// MIXED-NEXT: {{^}}tensor<2x3xi1> {{\[}}[false, false, true], [true, false, false]]{{$}}
// MIXED-NEXT: {{^}}tensor<4xf32> [1, 2.718281{{[0-9]*}}, 0.3678794{{[0-9]*}}, 1.648721{{[0-9]*}}]{{$}}
// MIXED-NEXT: {{^}}tensor<2x3xf64> {{\[}}[0.462117157260009{{[0-9]*}}, -0.848283639957512{{[0-9]*}}, 0.964027580075816{{[0-9]*}}], [0.995054753686730{{[0-9]*}}, -0.462117157260009{{[0-9]*}}, 0.905148253644866{{[0-9]*}}]]{{$}}
// MIXED-NEXT: {{^}}tensor<f64> 5.25{{$}}
// MIXED-NOT:  tensor

// CODES:      n=3: rc=0 written
// CODES-NEXT: n=-1: rc=1 untouched
// CODES-NEXT: n=min: rc=1 untouched
// CODES-NEXT: x=null: rc=1 untouched
// CODES-NEXT: w=null: rc=1 untouched
// CODES-NEXT: out0=null: rc=1 untouched
// CODES-NEXT: out1=null: rc=1 untouched
// CODES-NEXT: n=0 x,out0=null: rc=0 written
// CODES-NEXT: n=0 w=null: rc=1 untouched
// CODES-NEXT: n=0 out1=null: rc=1 untouched
// CODES-NEXT: mixed: rc=0
// CODES-NEXT: mixed p=null: rc=1
// CODES-NEXT: mixed sum=null: rc=1
// CODES-NEXT: serial9 x=null: rc=1

// THREADS:      threads serial: same
// THREADS-NEXT: threads par: same

// ka doubles, kb squares: each calls its own @kernel.
// HELPERS:      {{^}}tensor<4xf32> [2, 4, 6, -8]{{$}}
// HELPERS-NEXT: {{^}}tensor<4xf32> [1, 4, 9, 16]{{$}}

// CXX:      {{^}}tensor<0x2xf32> []{{$}}
// CXX-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}
// CXX-NEXT: {{^}}tensor<1x2xf32> {{\[}}[-33, -30]]{{$}}
// CXX-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}
// CXX-NEXT: {{^}}tensor<5x2xf32> {{\[}}[-33, -30], [-21, -30], [-9, -30], [-24, -12], [-12, -12]]{{$}}
// CXX-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}
// CXX-NEXT: {{^}}tensor<13x2xf32> {{\[}}[-33, -30], [-21, -30], [-9, -30], [-24, -12], [-12, -12], [0, -12], [-15, 6], [-3, 6], [9, 6], [-6, 24], [6, 24], [18, 24], [3, 42]]{{$}}
// CXX-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}
// CXX-NEXT: {{^}}tensor<4x2xf32> {{\[}}[-33, -30], [-21, -30], [-9, -30], [-24, -12]]{{$}}
// CXX-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}
// CXX-NEXT: {{^}}tensor<2x3xf64> {{\[}}[0.25, 1.5625, 4], [9, 0.25, 2.25]]{{$}}
// CXX-NEXT: {{^}}tensor<3xi32> [-3, 0, 56]{{$}}
// CXX-NEXT: {{^}}tensor<2x3xi1> {{\[}}[false, false, true], [true, false, false]]{{$}}
// CXX-NEXT: {{^}}tensor<4xf32> [1, 2.718281
// CXX-NEXT: {{^}}tensor<2x3xf64> {{\[}}[0.462117157260009
// CXX-NEXT: {{^}}tensor<f64> 5.25{{$}}
// CXX-NEXT: mixed b[4]: mixed: input 1 must have shape [3], got [4]{{$}}
// CXX-NEXT: mixed sum[1]: mixed: output 5 must have shape [], got [1]{{$}}
// CXX-NEXT: x[5, 4]: serial: input 0 must have shape [5, 3], got [5, 4]{{$}}
// CXX-NEXT: x[15]: serial: input 0 must have shape [n, 3], got [15]{{$}}
// CXX-NEXT: w[2, 3]: serial: input 1 must have shape [3, 2], got [2, 3]{{$}}
// CXX-NEXT: y[4, 2]: serial: output 0 must have shape [5, 2], got [4, 2]{{$}}
// CXX-NEXT: w2[3, 2, 1]: serial: output 1 must have shape [3, 2], got [3, 2, 1]{{$}}
// CXX-NEXT: null x: serial: an array with elements has a null data pointer{{$}}
// CXX-NEXT: {{^}}tensor<0x2xf32> []{{$}}
// CXX-NEXT: {{^}}tensor<3x2xf32> {{\[}}[2, 4], [-2, 0], [6, -4]]{{$}}
// CXX-NEXT: null x[0, 3]: no error{{$}}
// CXX-NEXT: {{^}}tensor<5x2xf32> {{\[}}[-33, -30], [-21, -30], [-9, -30], [-24, -12], [-12, -12]]{{$}}
// CXX-NOT:  {{.}}

// RSP-SERIAL:     -lm
// RSP-SERIAL-NOT: omp
// RSP-PAR:        -lm
// RSP-PAR:        libomp

// NM-SERIAL: {{^[0-9a-f]+ T serial$}}
// NM-PAR:    {{^[0-9a-f]+ T par$}}
// UNDEF-SERIAL-NOT: {{_mlir|_Z|__kmpc|omp_}}
// UNDEF-SERIAL:     {{malloc|memcpy}}
// UNDEF-SERIAL-NOT: {{_mlir|_Z|__kmpc|omp_}}
// UNDEF-PAR-NOT:    {{_mlir|_Z}}
// UNDEF-PAR:        __kmpc_fork_call
// UNDEF-PAR-NOT:    {{_mlir|_Z}}
// NM-KA-DAG: {{^[0-9a-f]+ T ka$}}
// NM-KA-DAG: {{^[0-9a-f]+ t kernel$}}
// NM-KB-DAG: {{^[0-9a-f]+ T kb$}}
// NM-KB-DAG: {{^[0-9a-f]+ t kernel$}}
// NM-SO:     {{^[0-9a-f]+ T serial$}}
// NM-SO-NOT: {{ T }}

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

func.func @mixed(%a: tensor<2x3xf64>, %b: tensor<3xi32>, %x: tensor<4xf32>, %p: tensor<3xi1>)
    -> (tensor<2x3xf64>, tensor<3xi32>, tensor<2x3xi1>, tensor<4xf32>, tensor<2x3xf64>, tensor<f64>) {
  %sq = vmapc.mul %a, %a : tensor<2x3xf64>
  %bb = vmapc.mul %b, %b : tensor<3xi32>
  %bb1 = vmapc.add %bb, %b : tensor<3xi32>
  %sel = "vmapc.select"(%p, %bb1, %b) : (tensor<3xi1>, tensor<3xi32>, tensor<3xi32>) -> tensor<3xi32>
  %h = vmapc.constant dense<1.5> : tensor<2x3xf64>
  %gt = vmapc.compare gt, %a, %h : tensor<2x3xf64>
  %e = vmapc.exp %x : tensor<4xf32>
  %t = vmapc.tanh %a : tensor<2x3xf64>
  %s = "vmapc.reduce"(%a) {kind = "sum", dimensions = array<i64: 0, 1>} : (tensor<2x3xf64>) -> tensor<f64>
  return %sq, %sel, %gt, %e, %t, %s
      : tensor<2x3xf64>, tensor<3xi32>, tensor<2x3xi1>, tensor<4xf32>, tensor<2x3xf64>, tensor<f64>
}
