//===- Pipelines.h - vmapc pass pipelines -----------------------*- C++ -*-===//
//
// Each pipeline is a named function that adds its passes in order, with its
// options in one struct, so it reads as a recipe and the JIT runtime, the
// tools and the DSL all build exactly the same pipeline.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_PIPELINES_PIPELINES_H
#define VMAPC_PIPELINES_PIPELINES_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Pass/PassOptions.h"

#include <string>

namespace vmapc {

/// Options of --vmapc-lower-to-llvm.
struct LowerToLLVMOptions
    : public mlir::PassPipelineOptions<LowerToLLVMOptions> {
  Option<std::string> targetCpu{
      *this, "target-cpu",
      llvm::cl::desc("Target CPU ('host': the machine compiling)"),
      llvm::cl::init("host")};
  Option<std::string> targetFeatures{
      *this, "target-features",
      llvm::cl::desc("LLVM target features, e.g. '+avx2,+fma' (default: "
                     "the host's when target-cpu is 'host')"),
      llvm::cl::init("")};
  Option<bool> vectorize{
      *this, "vectorize",
      llvm::cl::desc("Tile, fuse per tile and vectorize through the vector "
                     "dialect (off: plain loops, left to LLVM)"),
      llvm::cl::init(true)};
  Option<bool> fpContract{
      *this, "fp-contract",
      llvm::cl::desc("Let float multiplies and adds fuse into FMAs (one "
                     "rounding; results differ from separate operations in "
                     "the last bits)"),
      llvm::cl::init(false)};
  Option<int64_t> numRanks{
      *this, "num-ranks",
      llvm::cl::desc("Ranks of the MPI job that runs the module's pmaps "
                     "(1: pmap is vmap, no MPI)"),
      llvm::cl::init(1)};
  Option<unsigned> numThreads{
      *this, "num-threads",
      llvm::cl::desc("Threads of a parallel vmap's chunk loop (0: the "
                     "OpenMP runtime's default, OMP_NUM_THREADS or all "
                     "cores)"),
      llvm::cl::init(0)};
};

/// vmapc (vmaps included) -> LLVM dialect: batching, conversion to linalg,
/// fusion, tiling and vectorization, bufferization with results as
/// out-params, lowering to LLVM.
void buildVmapcLowerToLLVMPipeline(mlir::OpPassManager &pm,
                                   const LowerToLLVMOptions &options);

/// Whether `module` holds only LLVM-dialect ops (the pipeline has nothing
/// left to do).
bool isLoweredToLLVM(mlir::ModuleOp module);

/// Whether `module` runs parallel chunk loops (OpenMP ops), and so needs
/// LLVM's OpenMP runtime.
bool usesOpenMP(mlir::ModuleOp module);

/// Registers --vmapc-lower-to-llvm and the pipeline's helper passes.
void registerVmapcPipelines();

} // namespace vmapc

#endif // VMAPC_PIPELINES_PIPELINES_H
