// vmapc-compile's errors: each is one line on stderr, located
// (file:line:col) when it is about the input, the exit status is 1 (not a
// crash: `not` alone rejects signals), and no object or header is left
// behind. Checked: an unknown -e function (the message lists the public
// functions with a body), a private or only declared one, types the C
// entry point cannot take (index, f16, unranked, a `?` result no input
// gives), bad entry point names (main, not a C identifier), an unknown
// target CPU or feature or a feature without its '+'/'-', bad --threads
// and -O, a batching error in the pipeline, an llvm.func without
// vmapc.io_type, a syntax error, a verifier error, a missing input or
// output directory and missing required options.
// RUN: rm -rf %t && mkdir -p %t
//
// RUN: not vmapc-compile %s -e nosuch -o %t/k.o --header %t/k.h 2>&1 | FileCheck %s --check-prefix=NOFUNC
// RUN: not vmapc-compile %s -e priv -o %t/k.o 2>&1 | FileCheck %s --check-prefix=PRIV
// RUN: not vmapc-compile %s -e decl -o %t/k.o 2>&1 | FileCheck %s --check-prefix=DECL
// RUN: not vmapc-compile %s -e takes_index -o %t/k.o 2>&1 | FileCheck %s --check-prefix=INDEX
// RUN: not vmapc-compile %s -e takes_f16 -o %t/k.o 2>&1 | FileCheck %s --check-prefix=F16
// RUN: not vmapc-compile %s -e unranked -o %t/k.o 2>&1 | FileCheck %s --check-prefix=UNRANKED
// RUN: not vmapc-compile %s -e dyn_result -o %t/k.o 2>&1 | FileCheck %s --check-prefix=DYNRESULT
// RUN: not vmapc-compile %s -e ok --name main -o %t/k.o 2>&1 | FileCheck %s --check-prefix=MAIN
// RUN: not vmapc-compile %s -e ok --name 9bad -o %t/k.o 2>&1 | FileCheck %s --check-prefix=DIGIT
// RUN: not vmapc-compile %s -e ok --name a-b -o %t/k.o 2>&1 | FileCheck %s --check-prefix=DASH
// A function whose MLIR name is no C identifier needs --name.
// RUN: not vmapc-compile %s -e not.c -o %t/k.o 2>&1 | FileCheck %s --check-prefix=DOT
// RUN: not vmapc-compile %s -e ok --target-cpu=nonsense -o %t/k.o 2>&1 | FileCheck %s --check-prefix=CPU
// RUN: not vmapc-compile %s -e ok --target-features=+nonsense -o %t/k.o 2>&1 | FileCheck %s --check-prefix=FEATURE
// RUN: not vmapc-compile %s -e ok --target-features=avx2 -o %t/k.o 2>&1 | FileCheck %s --check-prefix=PLUS
// RUN: not vmapc-compile %s -e ok --target-cpu=x86-64-v3 --target-features=+avx2,fma -o %t/k.o 2>&1 | FileCheck %s --check-prefix=PLUS2
// RUN: not vmapc-compile %s -e ok --threads=0 -o %t/k.o 2>&1 | FileCheck %s --check-prefix=THREADS0
// RUN: not vmapc-compile %s -e ok --threads=abc -o %t/k.o 2>&1 | FileCheck %s --check-prefix=THREADSABC
// RUN: not vmapc-compile %s -e ok --threads 4097 -o %t/k.o 2>&1 | FileCheck %s --check-prefix=THREADSBIG
// RUN: not vmapc-compile %s -e ok -O4 -o %t/k.o 2>&1 | FileCheck %s --check-prefix=OPT
// RUN: not vmapc-compile %s -e bad_batch -o %t/k.o 2>&1 | FileCheck %s --check-prefix=BATCH
// RUN: not vmapc-compile %S/Inputs/aot-lowered.mlir -e noio -o %t/k.o 2>&1 | FileCheck %s --check-prefix=NOIO
// RUN: not vmapc-compile %S/Inputs/aot-parse-error.mlir -e f -o %t/k.o 2>&1 | FileCheck %s --check-prefix=PARSE
// RUN: not vmapc-compile %S/Inputs/aot-verify-error.mlir -e f -o %t/k.o 2>&1 | FileCheck %s --check-prefix=VERIFY
// RUN: not vmapc-compile %t/none.mlir -e f -o %t/k.o 2>&1 | FileCheck %s --check-prefix=NOFILE
// RUN: not vmapc-compile %s -e ok -o %t/nodir/k.o 2>&1 | FileCheck %s --check-prefix=NODIR
// RUN: not vmapc-compile %s -o %t/k.o 2>&1 | FileCheck %s --check-prefix=NOE
// RUN: not vmapc-compile %s -e ok 2>&1 | FileCheck %s --check-prefix=NOO
// From stdin, the file is <stdin>.
// RUN: not vmapc-compile -e nosuch -o %t/k.o < %s 2>&1 | FileCheck %s --check-prefix=STDIN
//
// Nothing was written by any of them.
// RUN: not ls %t/k.o
// RUN: not ls %t/k.h
//
// Each error is one line (the CPU error aside: LLVM itself also warns
// about the unknown processor).
// RUN: not vmapc-compile %s -e nosuch -o %t/k.o 2>&1 | count 1
// RUN: not vmapc-compile %s -e takes_f16 -o %t/k.o 2>&1 | count 1
// RUN: not vmapc-compile %s -e ok --name 9bad -o %t/k.o 2>&1 | count 1
// RUN: not vmapc-compile %s -e ok --target-cpu=nonsense -o %t/k.o 2>&1 | count 1
//
// Names the compiled code or the header would collide with: a libc or libm
// function the kernel itself calls (memcpy would be called in place of the
// kernel's copies), a keyword, the header's namespace, a reserved name.
// RUN: not vmapc-compile %s -e ok --name memcpy -o %t/k.o 2>&1 | FileCheck %s --check-prefix=LIBC
// RUN: not vmapc-compile %s -e ok --name expf -o %t/k.o 2>&1 | FileCheck %s --check-prefix=LIBM
// RUN: not vmapc-compile %s -e ok --name class -o %t/k.o 2>&1 | FileCheck %s --check-prefix=KEYWORD
// RUN: not vmapc-compile %s -e ok --name vmapc -o %t/k.o 2>&1 | FileCheck %s --check-prefix=KEYWORD
// RUN: not vmapc-compile %s -e ok --name __x -o %t/k.o 2>&1 | FileCheck %s --check-prefix=RESERVED
// RUN: not vmapc-compile %s -e ok --name MPI_Send -o %t/k.o 2>&1 | FileCheck %s --check-prefix=LIBC
// RUN: not vmapc-compile %s -e ok --threads -o %t/k.o 2>&1 | FileCheck %s --check-prefix=NOVALUE
// LIBC:     vmapc-compile: error: the entry point cannot be called '{{memcpy|MPI_Send}}': it is a library function that compiled code calls; choose another name with --name
// LIBM:     vmapc-compile: error: the entry point cannot be called 'expf': it is a libm function that compiled code calls
// KEYWORD:  vmapc-compile: error: the entry point cannot be called '{{class|vmapc}}': it is a C or C++ keyword, or a namespace of the header
// RESERVED: vmapc-compile: error: the entry point cannot be called '__x': it is reserved to the C implementation
// NOVALUE:  vmapc-compile: error: --threads needs a value
// RUN: not vmapc-compile %s -e ok --target-features=avx2 -o %t/k.o 2>&1 | count 1
// RUN: not vmapc-compile %s -e ok --target-features=+nonsense -o %t/k.o 2>&1 | count 1
// RUN: not vmapc-compile %s -e ok --threads=0 -o %t/k.o 2>&1 | count 1
// RUN: not vmapc-compile %S/Inputs/aot-parse-error.mlir -e f -o %t/k.o 2>&1 | count 1
// RUN: not vmapc-compile %S/Inputs/aot-verify-error.mlir -e f -o %t/k.o 2>&1 | count 1
//
// The same options are fine where they are right (and write the files).
// RUN: vmapc-compile %s -e ok --name ok_1 --target-cpu=x86-64-v3 --target-features=+avx2,-avx512f --threads=2 -O2 -o %t/k.o --header %t/k.h
// RUN: ls %t/k.o %t/k.h
// RUN: vmapc-compile %s -e not.c --name not_c -o %t/k.o

// NOFUNC:     vmapc-compile: {{.*}}vmapc-compile-errors.mlir:{{[0-9]+}}:{{[0-9]+}}: error: no function 'nosuch' in the module (public functions: ok, takes_index, takes_f16, unranked, dyn_result, not.c, exp, bad_batch){{$}}
// PRIV:       vmapc-compile: {{.*}}vmapc-compile-errors.mlir:[[@LINE+33]]:1: error: cannot export 'priv': it is private{{$}}
// DECL:       vmapc-compile: {{.*}}vmapc-compile-errors.mlir:[[@LINE+36]]:1: error: cannot export 'decl': it is only declared, without a body{{$}}
// INDEX:      vmapc-compile: {{.*}}vmapc-compile-errors.mlir:[[@LINE+37]]:1: error: cannot export 'takes_index': its inputs and results must all be ranked tensors of f32, f64, i1, i32 or i64, with dynamic dims ('?', the batch size) only if an input has one{{$}}
// F16:        vmapc-compile: {{.*}}vmapc-compile-errors.mlir:[[@LINE+40]]:1: error: cannot export 'takes_f16': its inputs and results must all be ranked tensors
// UNRANKED:   vmapc-compile: {{.*}}vmapc-compile-errors.mlir:[[@LINE+43]]:1: error: cannot export 'unranked': its inputs and results must all be ranked tensors
// DYNRESULT:  vmapc-compile: {{.*}}vmapc-compile-errors.mlir:[[@LINE+46]]:1: error: cannot export 'dyn_result': its inputs and results must all be ranked tensors
// MAIN:       vmapc-compile: error: the entry point cannot be called 'main' (it would be the program's main function); choose a name with --name{{$}}
// DIGIT:      vmapc-compile: error: the entry point name '9bad' is not a C identifier (letters, digits and '_', not starting with a digit); choose one with --name{{$}}
// DASH:       vmapc-compile: error: the entry point name 'a-b' is not a C identifier
// DOT:        vmapc-compile: error: the entry point name 'not.c' is not a C identifier
// CPU:        vmapc-compile: error: unknown target CPU 'nonsense' for x86_64 (e.g. x86-64-v3, skylake-avx512, znver4, host){{$}}
// FEATURE:    vmapc-compile: error: unknown target feature 'nonsense' for x86_64{{$}}
// PLUS:       vmapc-compile: error: target feature 'avx2' must start with '+' or '-' (e.g. +avx2){{$}}
// PLUS2:      vmapc-compile: error: target feature 'fma' must start with '+' or '-' (e.g. +avx2){{$}}
// THREADS0:   vmapc-compile: error: --threads must be a whole number from 1 to 4096, got '0'{{$}}
// THREADSABC: vmapc-compile: error: --threads must be a whole number from 1 to 4096, got 'abc'{{$}}
// THREADSBIG: vmapc-compile: error: --threads must be a whole number from 1 to 4096, got '4097'{{$}}
// OPT:        vmapc-compile: error: -O must be 0, 1, 2 or 3{{$}}
// BATCH:      vmapc-compile: {{.*}}vmapc-compile-errors.mlir:[[@LINE+48]]:8: error: 'vmapc.vmap' op out_axes[0] is none but result 0 of @exp depends on a mapped operand
// NOIO:       vmapc-compile: {{.*}}aot-lowered.mlir:3:1: error: cannot export 'noio': an llvm.func needs the vmapc.io_type that --vmapc-lower-to-llvm records{{$}}
// PARSE:      vmapc-compile: {{.*}}aot-parse-error.mlir:4:21: error: expected SSA operand{{$}}
// VERIFY:     vmapc-compile: {{.*}}aot-verify-error.mlir:5:3: error: type of return operand 0 ('tensor<3xf32>') doesn't match function result type ('tensor<2xf32>') in function @f{{$}}
// NOFILE:     vmapc-compile: error: cannot read '{{.*}}none.mlir': No such file or directory{{$}}
// NODIR:      vmapc-compile: error: cannot write '{{.*}}nodir{{/|\\}}k.o': No such file or directory{{$}}
// NOE:        vmapc-compile: for the -e option: must be specified at least once!
// NOO:        vmapc-compile: for the -o option: must be specified at least once!
// STDIN:      vmapc-compile: <stdin>:{{[0-9]+}}:{{[0-9]+}}: error: no function 'nosuch' in the module (public functions: ok, takes_index,

func.func @ok(%a: tensor<3xf32>) -> tensor<3xf32> {
  %b = vmapc.add %a, %a : tensor<3xf32>
  return %b : tensor<3xf32>
}

func.func private @priv(%a: tensor<3xf32>) -> tensor<3xf32> {
  return %a : tensor<3xf32>
}

func.func private @decl(%a: tensor<3xf32>) -> tensor<3xf32>

func.func @takes_index(%i: index) -> index {
  return %i : index
}

func.func @takes_f16(%a: tensor<3xf16>) -> tensor<3xf16> {
  return %a : tensor<3xf16>
}

func.func @unranked(%a: tensor<*xf32>) -> tensor<*xf32> {
  return %a : tensor<*xf32>
}

func.func @dyn_result(%a: tensor<3xf32>) -> tensor<?xf32> {
  %c = tensor.cast %a : tensor<3xf32> to tensor<?xf32>
  return %c : tensor<?xf32>
}

func.func @"not.c"(%a: tensor<3xf32>) -> tensor<3xf32> {
  return %a : tensor<3xf32>
}

// out_axes none on a mapped result: the batching pass fails.
func.func @exp(%x: tensor<3xf32>) -> tensor<3xf32> {
  %0 = vmapc.exp %x : tensor<3xf32>
  return %0 : tensor<3xf32>
}
func.func @bad_batch(%x: tensor<4x3xf32>) -> tensor<3xf32> {
  %0 = vmapc.vmap @exp(%x) in_axes [0] out_axes [none] : (tensor<4x3xf32>) -> tensor<3xf32>
  return %0 : tensor<3xf32>
}
