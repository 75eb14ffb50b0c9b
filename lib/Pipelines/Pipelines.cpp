//===- Pipelines.cpp - --vmapc-lower-to-llvm --------------------*- C++ -*-===//
//
// The lowering recipe from the vmapc dialect to the LLVM dialect. The order
// matters in a few places, each noted where it happens.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Pipelines/Pipelines.h"

#include "vmapc/Conversion/Passes.h"
#include "vmapc/Pipelines/Passes.h"
#include "vmapc/Transforms/Passes.h"

#include "StackBuffers.h"

#include "mlir/Conversion/Passes.h"
#include "mlir/Conversion/ShardToMPI/ShardToMPI.h"
#include "mlir/Conversion/VectorToSCF/VectorToSCF.h"
#include "mlir/Dialect/Bufferization/Pipelines/Passes.h"
#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/Linalg/Passes.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/MemRef/Transforms/Passes.h"
#include "mlir/Dialect/OpenMP/OpenMPDialect.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/SCF/Transforms/Passes.h"
#include "mlir/Dialect/Vector/Transforms/Passes.h"
#include "mlir/Pass/PassRegistry.h"
#include "mlir/Transforms/Passes.h"

using namespace mlir;

namespace {

/// vmapc -> linalg on tensors, with every call inlined so each public
/// function is one fusable body.
void addFrontEnd(OpPassManager &pm, int64_t numRanks) {
  vmapc::VmapcLowerPmapOptions pmap;
  pmap.numRanks = numRanks;
  pm.addPass(vmapc::createVmapcLowerPmap(pmap));
  pm.addPass(vmapc::createVmapcChunkTimeLoops());
  pm.addPass(vmapc::createVmapcBatch());
  // The mapped originals of batched functions are dead now; one with a
  // collective (psum over a vmap's axis) has no meaning outside the map.
  pm.addPass(createSymbolDCEPass());
  pm.addPass(vmapc::createConvertVmapcToLinalg());
  pm.addPass(createInlinerPass());
  pm.addPass(createSymbolDCEPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
}

/// Fusion on linalg tensors. Named ops are generalized first because the
/// elementwise fusion patterns only see linalg.generic.
void addFusion(OpPassManager &pm) {
  OpPassManager &fpm = pm.nest<func::FuncOp>();
  fpm.addPass(createLinalgGeneralizeNamedOpsPass());
  fpm.addPass(vmapc::createVmapcFoldEmptyLoops());
  fpm.addPass(vmapc::createVmapcFuseElementwise());
  fpm.addPass(createCanonicalizerPass());
  fpm.addPass(createCSEPass());
  // On the fused step, so one op computes the whole new state.
  fpm.addPass(vmapc::createVmapcUpdateLoopStateInPlace());
}

/// Tiling, fusion per tile and vectorization, still on tensors. Subset
/// hoisting must run before bufferization: it moves a contraction block's
/// transfer_read/write out of the k loop so the block lives in registers
/// (after bufferization the loop-carried tile became an alloc and a copy
/// per iteration).
void addTileAndVectorize(OpPassManager &pm) {
  OpPassManager &fpm = pm.nest<func::FuncOp>();
  fpm.addPass(vmapc::createVmapcTileAndVectorize());
  fpm.addPass(createCanonicalizerPass());
  fpm.addPass(createCSEPass());
  // A producer fused into a tile loop whose every tile reads all of it
  // (W6's spikes as floats, the rhs of each row block's mat-vec) does not
  // depend on the tile: computed once, before the loop.
  fpm.addPass(createLoopInvariantCodeMotionPass());
  fpm.addPass(createLoopInvariantSubsetHoistingPass());
  fpm.addPass(createCanonicalizerPass());
}

/// Tensors -> buffers. Function boundaries are bufferized too (plain
/// identity-layout memrefs, the runtime's calling convention), then results
/// become out-params so a call allocates nothing for its outputs.
void addBufferization(OpPassManager &pm) {
  // pmap's collectives (shard.all_reduce, process_linear_index) become MPI
  // on buffers; one-shot bufferization then takes the tensors around them.
  pm.addPass(createConvertShardToMPIPass());
  pm.addPass(bufferization::createEmptyTensorEliminationPass());
  bufferization::OneShotBufferizePassOptions bufOpts;
  bufOpts.bufferizeFunctionBoundaries = true;
  bufOpts.functionBoundaryTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  bufOpts.unknownTypeConversion =
      bufferization::LayoutMapOption::IdentityLayoutMap;
  // A loop over time (vmapc.fori_loop/scan/while) computes each step's
  // state into a new tensor, so its scf.yield is not the iter_arg's buffer;
  // the step's result buffer is then carried (and the previous one freed).
  bufOpts.allowReturnAllocsFromLoops = true;
  pm.addPass(bufferization::createOneShotBufferizePass(bufOpts));
  // Canonicalize first: a result threaded through scf.for iter_args must be
  // seen as the alloc itself for the out-param to replace it.
  pm.addPass(createCanonicalizerPass());
  pm.addPass(vmapc::createVmapcResultsToOutParams());
  pm.addPass(createCanonicalizerPass());
  // A tile's scratch buffers (intermediates of a fused tile) are allocated
  // inside the tile loop: hoisted out of it and, being small, moved to the
  // stack, they cost nothing per tile (a malloc/free per 64-element tile
  // was a third of W2's time).
  pm.addNestedPass<func::FuncOp>(bufferization::createBufferLoopHoistingPass());
  // Not inside a parallel chunk loop, though (see StackBuffers.h).
  pm.addNestedPass<func::FuncOp>(
      bufferization::createPromoteBuffersToStackPass([](Value buffer) {
        auto alloc = buffer.getDefiningOp<memref::AllocOp>();
        return alloc && vmapc::belongsOnStack(alloc);
      }));
  // A loop over time swaps two state buffers on the stack instead of
  // allocating one per step (W5: two malloc and two free per step). Before
  // deallocation, which then sees no heap buffer in the loop.
  pm.addNestedPass<func::FuncOp>(vmapc::createVmapcDoubleBufferLoopState());
  // Temporaries that did not fuse away are freed; results are out-params
  // by now, so this never copies a result (it would, before the step above).
  bufferization::BufferDeallocationPipelineOptions deallocOpts;
  bufferization::buildBufferDeallocationPipeline(pm, deallocOpts);
  pm.addPass(createCanonicalizerPass());
}

/// The chunk loop of a parallel vmap (an scf.forall, kept through
/// bufferization so that buffer hoisting and deallocation see one chunk's
/// temporaries as private to its iteration) -> an OpenMP worksharing loop.
void addParallelChunks(OpPassManager &pm, unsigned numThreads) {
  pm.addPass(createForallToParallelLoopPass());
  ConvertSCFToOpenMPPassOptions ompOpts;
  ompOpts.numThreads = numThreads;
  pm.addPass(createConvertSCFToOpenMPPass(ompOpts));
  // The conversion wraps each loop body in a memref.alloca_scope, which must
  // stay one block; the control-flow lowering below would split it.
  pm.addPass(vmapc::createVmapcLowerAllocaScopes());
  pm.addPass(createCanonicalizerPass());
}

/// Buffers, loops and vectors -> LLVM dialect.
void addLowerToLLVM(OpPassManager &pm) {
  OpPassManager &fpm = pm.nest<func::FuncOp>();
  // Register blocks reading a streamed lhs fetch the next rows ahead (W3
  // softmax: 1.9 -> 1.6 ms).
  fpm.addPass(vmapc::createVmapcPrefetchBlockRows());
  fpm.addPass(createConvertLinalgToLoopsPass());
  fpm.addPass(vmapc::createVmapcMathApproximation());
  // Reductions the vectorizer produced (sums over a row, ...) become
  // elementwise ops across lanes plus one horizontal reduction.
  fpm.addPass(vector::createLowerVectorMultiReductionPass(
      vector::VectorMultiReductionLowering::InnerParallel));
  fpm.addPass(createConvertVectorToSCFPass(
      VectorTransferToSCFOptions().enableFullUnroll()));
  // Register blocks carried through their k loop as rows of registers
  // (W2 k=16 vmapped: 11.3 -> 10.4 ms).
  fpm.addPass(vmapc::createVmapcSplitVectorLoopCarries());
  fpm.addPass(createSCFToControlFlowPass());
  // lower-affine must follow expand-strided-metadata, which creates
  // affine.apply ops.
  pm.addPass(memref::createExpandStridedMetadataPass());
  pm.addPass(createLowerAffinePass());
  // Math ops with an LLVM intrinsic (floor and fma from the approximations,
  // sqrt, ...) stay vector intrinsics; only what has none goes to libm. The
  // other order would scalarize every vector floor/fma into libm calls.
  pm.addPass(createConvertMathToLLVMPass());
  pm.addPass(createConvertMathToLibmPass());
  ConvertVectorToLLVMPassOptions vecOpts;
  vecOpts.reassociateFPReductions = true;
  // Outer products: a contraction block becomes broadcast FMAs.
  vecOpts.vectorContractLowering = vector::VectorContractLowering::OuterProduct;
  vecOpts.vectorTransposeLowering =
      vector::VectorTransposeLowering::Shuffle16x16;
  pm.addPass(createConvertVectorToLLVMPass(vecOpts));
  pm.addPass(vmapc::createVmapcConvertMPIToLLVM());
  pm.addPass(createFinalizeMemRefToLLVMConversionPass());
  pm.addPass(createArithToLLVMConversionPass());
  pm.addPass(createConvertIndexToLLVMPass());
  pm.addPass(createConvertFuncToLLVMPass());
  pm.addPass(createConvertControlFlowToLLVMPass());
  // Block arguments and operands of the omp regions (the parallel chunks).
  pm.addPass(createConvertOpenMPToLLVMPass());
  // Vectorized transfers use ub.poison as their padding value.
  pm.addPass(createUBToLLVMConversionPass());
  pm.addPass(createReconcileUnrealizedCastsPass());
  pm.addPass(createCanonicalizerPass());
  pm.addPass(createCSEPass());
  // Unrolled tiles row by row, not op by op: the backend then keeps the
  // loads of a tile in address order (W2 k=16 vmapped: 11.0 -> 10.5 ms).
  pm.addNestedPass<LLVM::LLVMFuncOp>(vmapc::createVmapcSinkToFirstUse());
}

} // namespace

void vmapc::buildVmapcLowerToLLVMPipeline(OpPassManager &pm,
                                          const LowerToLLVMOptions &options) {
  addFrontEnd(pm, options.numRanks);
  VmapcSetTargetOptions target;
  target.cpu = options.targetCpu;
  target.features = options.targetFeatures;
  pm.addPass(createVmapcSetTarget(target));
  addFusion(pm);
  if (options.vectorize)
    addTileAndVectorize(pm);
  addBufferization(pm);
  addParallelChunks(pm, options.numThreads);
  // On the final vector and scalar ops, just before they become LLVM's.
  if (options.fpContract)
    pm.addPass(vmapc::createVmapcContractMultiplyAdds());
  addLowerToLLVM(pm);
}

bool vmapc::isLoweredToLLVM(ModuleOp module) {
  return llvm::all_of(module.getBody()->getOperations(), [](Operation &op) {
    return isa_and_nonnull<LLVM::LLVMDialect>(op.getDialect());
  });
}

bool vmapc::usesOpenMP(ModuleOp module) {
  return module
      .walk([](Operation *op) {
        return isa_and_nonnull<omp::OpenMPDialect>(op->getDialect())
                   ? WalkResult::interrupt()
                   : WalkResult::advance();
      })
      .wasInterrupted();
}

void vmapc::registerVmapcPipelines() {
  registerVmapcPipelinesPasses();
  PassPipelineRegistration<LowerToLLVMOptions>(
      "vmapc-lower-to-llvm",
      "Lower vmapc (vmaps included) to the LLVM dialect: batching, linalg, "
      "fusion, vectorization, bufferization, LLVM",
      buildVmapcLowerToLLVMPipeline);
}
