// The errors of --vmapc-export-c-entry, each a located diagnostic (and no
// entry point added): no definition of the function to export, one
// without the vmapc.io_type that --vmapc-lower-to-llvm records (or with
// one that is not a function type), a signature the entry point cannot
// take (not ranked tensors of f32/f64/i1/i32/i64), arguments or results
// that are not the signature's descriptors, and an entry point name that
// another symbol of the module already has (a function or a global).
// symbol=taken applies to every case; only the last two use it.
// RUN: vmapc-opt %s -split-input-file -verify-diagnostics "--vmapc-export-c-entry=function=f symbol=taken"
// (Without symbol=, the entry point takes the function's name, which the
// body gives up: export-c-entry.mlir.)

// No @f at all (the public functions are not listed: after lowering,
// everything is an llvm.func).
// expected-error@below {{no lowered function 'f' to export}}
module {
  llvm.func @g() attributes {vmapc.io_type = () -> ()} {
    llvm.return
  }
}

// -----

// @f only declared.
// expected-error@below {{no lowered function 'f' to export}}
module {
  llvm.func @f(!llvm.ptr, !llvm.ptr, i64)
}

// -----

// A func.func is not lowered.
// expected-error@below {{no lowered function 'f' to export}}
module {
  func.func @f() {
    return
  }
}

// -----

// expected-error@below {{cannot export 'f': it has no vmapc.io_type (lower it with --vmapc-lower-to-llvm)}}
llvm.func @f() {
  llvm.return
}

// -----

// expected-error@below {{cannot export 'f': it has no vmapc.io_type}}
llvm.func @f(%p: !llvm.ptr, %q: !llvm.ptr, %o: i64, %s: i64, %t: i64) attributes {vmapc.io_type = tensor<3xf32>} {
  llvm.return
}

// -----

// expected-error@below {{cannot export 'f': its inputs and results must all be ranked tensors of f32, f64, i1, i32 or i64}}
llvm.func @f(%p: !llvm.ptr, %q: !llvm.ptr, %o: i64, %s: i64, %t: i64) attributes {vmapc.io_type = (tensor<3xf16>) -> ()} {
  llvm.return
}

// -----

// A result with a `?` no input gives.
// expected-error@below {{cannot export 'f': its inputs and results must all be ranked tensors}}
llvm.func @f(%p: !llvm.ptr, %q: !llvm.ptr, %o: i64, %s: i64, %t: i64) attributes {vmapc.io_type = (tensor<3xf32>) -> tensor<?xf32>} {
  llvm.return
}

// -----

// expected-error@below {{cannot export 'f': expected 5 descriptor arguments and no results for its signature '(tensor<3xf32>) -> ()'}}
llvm.func @f(%p: !llvm.ptr, %q: !llvm.ptr, %o: i64) attributes {vmapc.io_type = (tensor<3xf32>) -> ()} {
  llvm.return
}

// -----

// expected-error@below {{cannot export 'f': expected 5 descriptor arguments and no results}}
llvm.func @f(%p: !llvm.ptr, %q: !llvm.ptr, %o: i64, %s: i64, %t: i64) -> i32 attributes {vmapc.io_type = (tensor<3xf32>) -> ()} {
  %0 = llvm.mlir.constant(0 : i32) : i32
  llvm.return %0 : i32
}

// -----

// The entry point's name is a function of the module...
// expected-error@below {{the entry point name 'taken' is already a symbol of the module}}
module {
  llvm.func @taken() {
    llvm.return
  }
  llvm.func @f() attributes {vmapc.io_type = () -> ()} {
    llvm.return
  }
}

// -----

// ... or a global (here only declared: it is the name that matters).
// expected-error@below {{the entry point name 'taken' is already a symbol of the module}}
module {
  llvm.mlir.global external @taken() {addr_space = 0 : i32} : i32
  llvm.func @f() attributes {vmapc.io_type = () -> ()} {
    llvm.return
  }
}
