//===- UpdateLoopStateInPlace.cpp - A loop step overwrites its state ------===//
//
// A loop step's linalg op that computes the new state into a tensor.empty
// gets the old state as its init instead, so that the vectorized state is a
// loop-invariant subset of the iter_arg. See Passes.td for why and when.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Pipelines/Passes.h"

#include "mlir/Dialect/Linalg/IR/Linalg.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"

namespace vmapc {
#define GEN_PASS_DEF_VMAPCUPDATELOOPSTATEINPLACE
#include "vmapc/Pipelines/Passes.h.inc"
} // namespace vmapc

using namespace mlir;

namespace {

/// The init of `op` that yields `result`, when the step may write `result`
/// over `state`: `op` is the only user of `state`, the init is a fresh
/// tensor of the state's type, and the payload never reads it (so its
/// contents, old state or not, cannot change the result).
OpOperand *replaceableInit(linalg::LinalgOp op, OpResult result,
                           BlockArgument state) {
  if (!op.hasPureTensorSemantics() || state.getType() != result.getType())
    return nullptr;
  if (llvm::any_of(state.getUsers(),
                   [&](Operation *user) { return user != op; }))
    return nullptr;
  OpOperand *init = op.getDpsInitOperand(result.getResultNumber());
  if (!init->get().getDefiningOp<tensor::EmptyOp>() ||
      op.payloadUsesValueFromOperand(init))
    return nullptr;
  return init;
}

/// Gives each state `loop` yields straight from a linalg op of its body the
/// old state as init, where that is the same computation.
void updateInPlace(scf::ForOp loop) {
  auto yield = cast<scf::YieldOp>(loop.getBody()->getTerminator());
  for (auto [state, yielded] :
       llvm::zip_equal(loop.getRegionIterArgs(), yield.getOperands())) {
    auto result = dyn_cast<OpResult>(yielded);
    if (!result || result.getOwner()->getBlock() != loop.getBody())
      continue;
    auto op = dyn_cast<linalg::LinalgOp>(result.getOwner());
    if (!op)
      continue;
    // Checked for each state in turn: once one init is the old state, a
    // second state read by the same op still has this op as its only user.
    if (OpOperand *init = replaceableInit(op, result, state))
      init->set(state);
  }
}

struct UpdateLoopStateInPlacePass
    : vmapc::impl::VmapcUpdateLoopStateInPlaceBase<UpdateLoopStateInPlacePass> {
  void runOnOperation() override {
    getOperation()->walk([](scf::ForOp loop) { updateInPlace(loop); });
  }
};
} // namespace
