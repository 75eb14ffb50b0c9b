//===- ResultsToOutParams.cpp - Kernels write caller buffers ----*- C++ -*-===//
//
// A fresh result allocation per call costs a page fault per 4 KiB, which
// dominates streaming kernels; with results as out-params the kernel writes
// straight into memory the caller owns (the DSL passes user arrays).
//
//===----------------------------------------------------------------------===//
#include "vmapc/Pipelines/Passes.h"

#include "mlir/Dialect/Bufferization/Transforms/Passes.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/MemRef/Utils/MemRefUtils.h"

namespace vmapc {
#define GEN_PASS_DEF_VMAPCRESULTSTOOUTPARAMS
#include "vmapc/Pipelines/Passes.h.inc"
} // namespace vmapc

using namespace mlir;

namespace {
struct ResultsToOutParamsPass
    : vmapc::impl::VmapcResultsToOutParamsBase<ResultsToOutParamsPass> {
  void runOnOperation() override {
    giveEachResultItsOwnBuffer();
    bufferization::BufferResultsToOutParamsOpts options;
    options.hoistStaticAllocs = true;
    // Public functions are exactly the kernels the runtime calls.
    options.modifyPublicFunctions = true;
    options.memCpyFn = [](OpBuilder &b, Location loc, Value from, Value to) {
      linalg::CopyOp::create(b, loc, from, to);
      return success();
    };
    if (failed(bufferization::promoteBufferResultsToOutParams(getOperation(),
                                                              options)))
      return signalPassFailure();
    getOperation().walk([](func::FuncOp func) { forwardDynamicAllocs(func); });
    // memref.copy between non-contiguous buffers lowers to a call into
    // MLIR's C runner library, which the JIT does not load: copy with
    // linalg.copy, which becomes loops. Contiguous copies stay memref.copy
    // (an llvm.memcpy).
    getOperation().walk([](memref::CopyOp copy) {
      auto contiguous = [](Value v) {
        auto type = cast<MemRefType>(v.getType());
        return type.getLayout().isIdentity() ||
               memref::isStaticShapeAndContiguousRowMajor(type);
      };
      if (contiguous(copy.getSource()) && contiguous(copy.getTarget()))
        return;
      OpBuilder b(copy);
      linalg::CopyOp::create(b, copy.getLoc(), copy.getSource(),
                             copy.getTarget());
      copy.erase();
    });
  }

  /// Upstream promotion writes a result of dynamic shape (a chunked vmap
  /// over a batch known at run time) by allocating it and copying it into
  /// the out-param at the end. The out-param has the result's shape (the
  /// runtime allocates it so), so the kernel can compute straight into it:
  /// replace the alloc by the argument and drop the copy.
  static void forwardDynamicAllocs(func::FuncOp func) {
    if (func.isExternal())
      return;
    SmallVector<linalg::CopyOp> copies;
    func.walk([&](linalg::CopyOp copy) { copies.push_back(copy); });
    for (linalg::CopyOp copy : copies) {
      Value from = copy.getInputs()[0], to = copy.getOutputs()[0];
      auto alloc = from.getDefiningOp<memref::AllocOp>();
      auto arg = dyn_cast<BlockArgument>(to);
      if (!alloc || alloc.getType().hasStaticShape() || !arg ||
          arg.getOwner() != &func.getBody().front() ||
          alloc->getBlock() != copy->getBlock() ||
          alloc.getType() != arg.getType() || !arg.hasOneUse() ||
          !isa<func::ReturnOp>(copy->getNextNode()))
        continue;
      copy.erase();
      alloc.replaceAllUsesWith(arg);
      alloc.erase();
    }
  }

  /// Every result becomes its own out-param, so a buffer returned twice
  /// (e.g. two vmap results that folded to one value) is copied for its
  /// second and later uses; upstream promotion assumes distinct buffers.
  void giveEachResultItsOwnBuffer() {
    getOperation().walk([](func::ReturnOp ret) {
      llvm::SmallPtrSet<Value, 4> seen;
      OpBuilder b(ret);
      for (OpOperand &operand : ret->getOpOperands()) {
        Value value = operand.get();
        auto type = dyn_cast<MemRefType>(value.getType());
        if (!type || !type.hasStaticShape() || seen.insert(value).second)
          continue;
        auto plain = MemRefType::get(type.getShape(), type.getElementType());
        Value copy = memref::AllocOp::create(b, ret.getLoc(), plain);
        linalg::CopyOp::create(b, ret.getLoc(), value, copy);
        if (plain != type) {
          if (!memref::CastOp::areCastCompatible(plain, type))
            continue;
          copy = memref::CastOp::create(b, ret.getLoc(), type, copy);
        }
        operand.set(copy);
      }
    });
  }
};
} // namespace
