//===- Compile.h - Ahead-of-time compilation to an object file -*- C++ -*-===//
//
// The library behind vmapc-compile: one function of a module (vmaps
// included) through the same pipeline and LLVM -O3 as the JIT, to a native
// object with a C entry point, and the header that declares it. The object
// needs only libc and libm (and LLVM's OpenMP runtime if the function has a
// parallel vmap): no MLIR or LLVM at run time.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_AOT_COMPILE_H
#define VMAPC_AOT_COMPILE_H

#include "vmapc/Target/Signature.h"
#include "vmapc/Target/TargetMachine.h"

#include "mlir/IR/BuiltinOps.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace vmapc {

struct AotOptions {
  /// The function of the module to export.
  std::string function;
  /// The C name of its entry point (default: the function's name).
  std::string symbol;
  TargetSpec target;
  unsigned optLevel = 3;
  /// Let float multiplies and adds fuse into FMAs (CompileOptions::fpContract).
  bool fpContract = false;
  /// Threads of parallel vmaps (0: the OpenMP runtime's default).
  unsigned numThreads = 0;
};

struct AotKernel {
  /// The exported function's signature (`name` is the MLIR function).
  FunctionSignature signature;
  /// The C entry point.
  std::string symbol;
  /// The CPU and features the code was generated for.
  TargetSpec target;
  /// Whether the code calls LLVM's OpenMP runtime (a parallel vmap).
  bool usesOpenMP = false;
  /// The thread count fixed at compile time (0: the OpenMP runtime's).
  unsigned numThreads = 0;
  /// The relocatable object (ELF on Linux), position-independent.
  llvm::SmallVector<char, 0> object;
};

/// Compiles `options.function` of `module` (not modified). Errors carry
/// located diagnostics: no such function, one that cannot be exported
/// (its types), a bad entry point name, an unknown target, a pipeline
/// failure.
llvm::Expected<AotKernel> compileKernel(mlir::ModuleOp module,
                                        const AotOptions &options);

/// Writes the C header of `kernel`: its entry point, documented (shapes,
/// batch size, return codes, link needs), and, in C++20, overloads taking
/// vmapc::ArrayView that check shapes and throw vmapc::Error.
/// `sourceName` is named in the header's comment.
void writeHeader(llvm::raw_ostream &os, const AotKernel &kernel,
                 llvm::StringRef sourceName);

} // namespace vmapc

#endif // VMAPC_AOT_COMPILE_H
