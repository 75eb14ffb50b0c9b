//===- DoubleBufferLoopState.cpp - Two buffers for a loop's state ---------===//
//
// A loop whose step allocates its new state (an scf.for yielding a
// memref.alloc of its body) gets two buffers allocated once and swaps them
// instead. See Passes.td for why and when.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Pipelines/Passes.h"

#include "StackBuffers.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/FunctionInterfaces.h"
#include "mlir/Interfaces/ViewLikeInterface.h"

namespace vmapc {
#define GEN_PASS_DEF_VMAPCDOUBLEBUFFERLOOPSTATE
#include "vmapc/Pipelines/Passes.h.inc"
} // namespace vmapc

using namespace mlir;

namespace {

/// The buffer `v` is a view of (through view-like ops), or `v` itself.
Value viewSource(Value v) {
  while (auto view = v.getDefiningOp<ViewLikeOpInterface>())
    v = view.getViewSource();
  return v;
}

/// The body's alloc that `loop` yields as iter_arg `index`, when the step
/// may write it into a reused buffer instead; null otherwise.
memref::AllocOp swappableAlloc(scf::ForOp loop, unsigned index) {
  auto yield = cast<scf::YieldOp>(loop.getBody()->getTerminator());
  Value yielded = yield.getOperand(index);
  auto alloc = yielded.getDefiningOp<memref::AllocOp>();
  // Both buffers go on the stack (at the function's entry).
  if (!alloc || alloc->getBlock() != loop.getBody() ||
      !vmapc::belongsOnStack(alloc) ||
      !loop->getParentOfType<FunctionOpInterface>())
    return nullptr;
  BlockArgument previous = loop.getRegionIterArgs()[index];
  for (OpOperand &operand : yield->getOpOperands()) {
    // The new state once only; the previous one (or a view of it) not at
    // all: its buffer is the next step's spare.
    if (operand.getOperandNumber() != index &&
        viewSource(operand.get()) == yielded)
      return nullptr;
    if (viewSource(operand.get()) == previous)
      return nullptr;
  }
  return alloc;
}

/// The number of steps `loop` has taken when its IV is `iv`.
Value stepIndex(OpBuilder &b, Location loc, scf::ForOp loop, Value iv) {
  Value offset = arith::SubIOp::create(b, loc, iv, loop.getLowerBound());
  return arith::DivUIOp::create(b, loc, offset, loop.getStep());
}

/// True if `steps` (an index) is odd.
Value isOdd(OpBuilder &b, Location loc, Value steps) {
  Value one = arith::ConstantIndexOp::create(b, loc, 1);
  Value bit = arith::AndIOp::create(b, loc, steps, one);
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, bit, one);
}

/// Step i of `loop` writes iter_arg `index`'s new state into buffer i % 2
/// (two stack buffers at the function's entry) and reads the previous one
/// from buffer (i - 1) % 2, the loop's init at step 0; after n steps the
/// state is in buffer (n - 1) % 2 (the init if n is 0). The buffers are
/// picked from the step's parity rather than carried through the loop:
/// memref iter_args would make the deallocation pipeline track their
/// ownership with a runtime check per step.
void doubleBuffer(RewriterBase &rewriter, scf::ForOp loop, unsigned index,
                  memref::AllocOp alloc) {
  Location loc = alloc.getLoc();
  // On the stack, at the function's entry (not in an enclosing loop, where
  // each iteration would grow the stack).
  auto func = loop->getParentOfType<FunctionOpInterface>();
  rewriter.setInsertionPointToStart(&func.getFunctionBody().front());
  MemRefType type = alloc.getType();
  Value even =
      memref::AllocaOp::create(rewriter, loc, type, alloc.getAlignmentAttr());
  Value odd =
      memref::AllocaOp::create(rewriter, loc, type, alloc.getAlignmentAttr());

  // In the step: the buffer it writes, and the one holding its input.
  rewriter.setInsertionPointToStart(loop.getBody());
  Value step = stepIndex(rewriter, loc, loop, loop.getInductionVar());
  Value oddStep = isOdd(rewriter, loc, step);
  Value written = arith::SelectOp::create(rewriter, loc, oddStep, odd, even);
  Value zero = arith::ConstantIndexOp::create(rewriter, loc, 0);
  Value firstStep = arith::CmpIOp::create(rewriter, loc,
                                          arith::CmpIPredicate::eq, step, zero);
  Value previous = arith::SelectOp::create(
      rewriter, loc, firstStep, loop.getInitArgs()[index],
      arith::SelectOp::create(rewriter, loc, oddStep, even, odd));
  rewriter.replaceAllUsesWith(loop.getRegionIterArgs()[index], previous);
  rewriter.replaceAllUsesWith(alloc.getResult(), written);
  rewriter.eraseOp(alloc);

  // After the loop: where the last step wrote.
  rewriter.setInsertionPointAfter(loop);
  Value steps =
      stepIndex(rewriter, loc, loop,
                arith::AddIOp::create(
                    rewriter, loc,
                    arith::MaxUIOp::create(rewriter, loc, loop.getUpperBound(),
                                           loop.getLowerBound()),
                    arith::SubIOp::create(
                        rewriter, loc, loop.getStep(),
                        arith::ConstantIndexOp::create(rewriter, loc, 1))));
  Value none =
      arith::CmpIOp::create(rewriter, loc, arith::CmpIPredicate::eq, steps,
                            arith::ConstantIndexOp::create(rewriter, loc, 0));
  Value last = arith::SelectOp::create(
      rewriter, loc, none, loop.getInitArgs()[index],
      arith::SelectOp::create(rewriter, loc, isOdd(rewriter, loc, steps), even,
                              odd));
  rewriter.replaceAllUsesWith(loop.getResult(index), last);
}

struct DoubleBufferLoopStatePass
    : vmapc::impl::VmapcDoubleBufferLoopStateBase<DoubleBufferLoopStatePass> {
  void runOnOperation() override {
    SmallVector<scf::ForOp> loops;
    getOperation()->walk([&](scf::ForOp loop) { loops.push_back(loop); });
    IRRewriter rewriter(&getContext());
    for (scf::ForOp loop : loops)
      for (unsigned index = 0; index < loop.getNumRegionIterArgs(); ++index)
        if (memref::AllocOp alloc = swappableAlloc(loop, index))
          doubleBuffer(rewriter, loop, index, alloc);
  }
};

} // namespace
