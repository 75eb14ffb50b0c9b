//===- LowerAllocaScopes.cpp - memref.alloca_scope to stacksave/restore ---===//
//
// --convert-scf-to-openmp wraps the body of each parallel loop in a
// memref.alloca_scope, so that stack buffers of one iteration are freed at
// its end. The scope must hold one block, but the control-flow lowering that
// follows turns the loops inside it (a vmapped fori_loop, a while loop) into
// several. This pass removes each scope early: its body is inlined, between
// llvm.intr.stacksave and llvm.intr.stackrestore if it allocates on the
// stack (what --finalize-memref-to-llvm would emit for it later).
//
//===----------------------------------------------------------------------===//
#include "vmapc/Pipelines/Passes.h"

#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

namespace vmapc {
#define GEN_PASS_DEF_VMAPCLOWERALLOCASCOPES
#include "vmapc/Pipelines/Passes.h.inc"
} // namespace vmapc

using namespace mlir;

namespace {
/// Whether `scope` allocates on its own stack frame (not in a nested
/// allocation scope such as another alloca_scope or a function).
bool allocatesOnStack(memref::AllocaScopeOp scope) {
  return scope
      ->walk<WalkOrder::PreOrder>([&](Operation *op) {
        if (op == scope.getOperation())
          return WalkResult::advance();
        if (isa<memref::AllocaOp, LLVM::AllocaOp>(op))
          return WalkResult::interrupt();
        if (op->hasTrait<OpTrait::AutomaticAllocationScope>())
          return WalkResult::skip();
        return WalkResult::advance();
      })
      .wasInterrupted();
}

struct InlineAllocaScope : OpRewritePattern<memref::AllocaScopeOp> {
  using OpRewritePattern::OpRewritePattern;

  LogicalResult matchAndRewrite(memref::AllocaScopeOp scope,
                                PatternRewriter &rewriter) const override {
    Location loc = scope.getLoc();
    Value saved;
    if (allocatesOnStack(scope))
      saved = LLVM::StackSaveOp::create(
          rewriter, loc, LLVM::LLVMPointerType::get(getContext()));
    Block *body = &scope.getBodyRegion().front();
    auto ret = cast<memref::AllocaScopeReturnOp>(body->getTerminator());
    SmallVector<Value> results(ret.getResults());
    rewriter.eraseOp(ret);
    rewriter.inlineBlockBefore(body, scope);
    if (saved)
      LLVM::StackRestoreOp::create(rewriter, loc, saved);
    rewriter.replaceOp(scope, results);
    return success();
  }
};

struct LowerAllocaScopesPass
    : vmapc::impl::VmapcLowerAllocaScopesBase<LowerAllocaScopesPass> {
  void runOnOperation() override {
    RewritePatternSet patterns(&getContext());
    patterns.add<InlineAllocaScope>(&getContext());
    if (failed(applyPatternsGreedily(getOperation(), std::move(patterns))))
      return signalPassFailure();
  }
};
} // namespace
