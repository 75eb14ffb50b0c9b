//===- Jit.h - Compile MLIR modules to native code and call them -*- C++
//-*-===//
//
// The execution-engine wrapper shared by vmapc-run and the DSL's `jit`.
// A module at any level (vmapc, linalg on tensors, LLVM dialect) is lowered
// with --vmapc-lower-to-llvm, optimized at -O3 for the host CPU and loaded
// into the process. Every public function becomes callable with caller-owned
// input and output buffers: the compiled code writes results straight into
// the output memory, with no allocation or copy per call.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_RUNTIME_JIT_H
#define VMAPC_RUNTIME_JIT_H

#include "vmapc/Support/HostTensor.h"
#include "vmapc/Target/Signature.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <algorithm>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

namespace mlir {
class ExecutionEngine;
class ModuleOp;
} // namespace mlir

namespace vmapc {

struct CompileOptions {
  /// Target CPU for code generation; "host" is the machine compiling.
  std::string targetCpu = "host";
  /// LLVM features ("+avx2,+fma"); empty means the host's (with "host").
  std::string targetFeatures;
  /// LLVM optimization level (0-3).
  unsigned optLevel = 3;
  /// Let float multiplies and adds fuse into FMAs (as clang's default and
  /// XLA's CPU backend do); off keeps results bit-identical to separately
  /// rounded operations, and to vmapc-eval.
  bool fpContract = false;
  /// Threads of parallel vmaps (chunk loops run by the OpenMP runtime);
  /// 0 leaves it to the runtime (OMP_NUM_THREADS, else all cores).
  unsigned numThreads = 0;
  /// Ranks that the module's pmaps split their axis across; 0 takes the
  /// MPI job's size (mpiWorld(); 1 outside mpirun) when the module has a
  /// pmap.
  int64_t numRanks = 0;
  /// Route the compiled code's malloc/free through counters
  /// (allocationStats()), to measure its temporary memory.
  bool trackAllocations = false;
  /// Keep the lowered LLVM-dialect MLIR and the optimized LLVM IR as text,
  /// for loweredMLIR() / llvmIR() (costs some compile time).
  bool keepIR = false;
};

class CompiledModule {
public:
  /// Lowers a clone of `module` (the caller's module is not modified) and
  /// JIT-compiles it. Errors carry the compiler's diagnostics.
  static llvm::Expected<std::unique_ptr<CompiledModule>>
  compile(mlir::ModuleOp module, const CompileOptions &options = {});

  /// Parses `source` (MLIR text) in a fresh context and compiles it;
  /// `bufferName` names the source in diagnostics.
  static llvm::Expected<std::unique_ptr<CompiledModule>>
  compileSource(llvm::StringRef source, llvm::StringRef bufferName,
                const CompileOptions &options = {});

  ~CompiledModule();

  /// The names of the callable functions, sorted.
  std::vector<std::string> functionNames() const;

  /// The signature of function `name`, or an error if there is none.
  llvm::Expected<const FunctionSignature &>
  signature(llvm::StringRef name) const;

  /// Runs `name` on `inputs`, writing each result into the caller's
  /// preallocated `outputs` (dense row-major, dtype and shape as in the
  /// signature). Arity, dtype and shape mismatches, null buffers and unknown
  /// functions are errors; nothing is run then. Safe to call from several
  /// threads at once.
  llvm::Error invoke(llvm::StringRef name, llvm::ArrayRef<TensorRef> inputs,
                     llvm::ArrayRef<TensorRef> outputs) const;

  /// As above, allocating the outputs.
  llvm::Expected<std::vector<HostTensor>>
  invoke(llvm::StringRef name, llvm::ArrayRef<TensorRef> inputs) const;

  /// The output shapes of `name` for these inputs (dynamic dims resolved to
  /// the batch size the inputs give), or an error if they do not fit.
  llvm::Expected<std::vector<TensorSpec>>
  outputSpecs(llvm::StringRef name, llvm::ArrayRef<TensorRef> inputs) const;

  /// Heap use of compiled code in modules compiled with
  /// CompileOptions::trackAllocations (all such modules of the process
  /// together): bytes live now, the most live at once since the last
  /// reset, and the number of allocations.
  struct AllocationStats {
    size_t liveBytes = 0;
    size_t peakBytes = 0;
    size_t allocations = 0;
  };
  static AllocationStats allocationStats();
  /// Restarts the peak at the bytes live now and the count at 0.
  static void resetAllocationStats();

  /// The LLVM-dialect module after the pipeline, and the optimized LLVM IR
  /// handed to the backend (empty unless CompileOptions::keepIR).
  const std::string &loweredMLIR() const { return loweredMlir; }
  const std::string &llvmIR() const { return optimizedLlvmIr; }

private:
  struct Function {
    FunctionSignature signature;
    void (*packed)(void **) = nullptr;
  };

  CompiledModule();

  std::unique_ptr<mlir::ExecutionEngine> engine;
  llvm::StringMap<Function> functions;
  /// Public functions that cannot be called, with the reason.
  llvm::StringMap<std::string> uncallable;
  std::string loweredMlir;
  std::string optimizedLlvmIr;
};

} // namespace vmapc

#endif // VMAPC_RUNTIME_JIT_H
