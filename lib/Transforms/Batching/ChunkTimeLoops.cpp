//===- ChunkTimeLoops.cpp - Chunk vmaps over loops in time ------*- C++ -*-===//
//
// Gives a chunk_size to the vmaps whose function loops over time, so that
// --vmapc-batch runs the loop inside each chunk. See Passes.td for why.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Transforms/Passes.h"

#include "dialect/VmapcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"

namespace vmapc {
#define GEN_PASS_DEF_VMAPCCHUNKTIMELOOPS
#include "vmapc/Transforms/Passes.h.inc"
} // namespace vmapc

using namespace mlir;
using namespace vmapc;

namespace {
/// Examples per chunk of a vmap over a loop in time. 64 f32 examples are the
/// elementwise tile of --vmapc-tile-and-vectorize on AVX-512 (four zmm), so
/// the step of a chunk is one untiled vector op whose state
/// --vmapc-update-loop-state-in-place and subset hoisting keep in registers
/// across steps: W5's x, y and four parameters in 24 of 32 zmm. W5 (ms,
/// default / fp_contract): 64 in registers 0.48 / 0.28; 128 in registers
/// (spills) 0.54 / 0.38; 128 through memory 0.46 / 0.35 (the former choice);
/// 64 through memory 0.57.
constexpr int64_t kTimeLoopChunk = 64;

/// Whether `func`, or a function it calls or vmaps, has a loop over time.
bool loopsOverTime(func::FuncOp func,
                   llvm::SmallPtrSetImpl<Operation *> &seen) {
  if (!func || !seen.insert(func).second)
    return false;
  WalkResult result = func.walk([&](Operation *op) {
    if (isa<ForiLoopOp, ScanOp, WhileOp>(op))
      return WalkResult::interrupt();
    FlatSymbolRefAttr callee;
    if (auto call = dyn_cast<func::CallOp>(op))
      callee = call.getCalleeAttr();
    else if (auto vmap = dyn_cast<VmapOp>(op))
      callee = vmap.getCalleeAttr();
    if (callee &&
        loopsOverTime(
            SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(op, callee),
            seen))
      return WalkResult::interrupt();
    return WalkResult::advance();
  });
  return result.wasInterrupted();
}

/// Gives `vmap` a chunk_size when its function loops over time and it
/// has none (see Passes.td).
void chunkTimeLoops(VmapOp vmap) {
  if (vmap.getChunkSize() || vmap.getAxisName() || vmap.getParallel())
    return;
  int64_t size = vmap.getBatchSize();
  if (ShapedType::isDynamic(size) || size <= 2 * kTimeLoopChunk)
    return;
  llvm::SmallPtrSet<Operation *, 8> seen;
  if (loopsOverTime(SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
                        vmap, vmap.getCalleeAttr()),
                    seen))
    vmap.setChunkSize(kTimeLoopChunk);
}

struct ChunkTimeLoopsPass
    : vmapc::impl::VmapcChunkTimeLoopsBase<ChunkTimeLoopsPass> {
  void runOnOperation() override {
    getOperation().walk([](VmapOp vmap) { chunkTimeLoops(vmap); });
  }
};
} // namespace
