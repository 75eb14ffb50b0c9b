//===- SinkToFirstUse.cpp - Loads and pure ops next to their users --------===//
//
// Bottom-up, each load or side-effect-free op of a block moves to just
// before its first user there. Consumers settle first, so a whole
// expression tree (load -> sub -> store of one tile row) ends up contiguous.
// See Passes.td for why.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Pipelines/Passes.h"

#include "mlir/Analysis/AliasAnalysis.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"

namespace vmapc {
#define GEN_PASS_DEF_VMAPCSINKTOFIRSTUSE
#include "vmapc/Pipelines/Passes.h.inc"
} // namespace vmapc

using namespace mlir;

namespace {

/// The addresses `op` reads, when reading memory is all it does (a load);
/// std::nullopt for ops that write, allocate, free, or have effects that
/// name no value.
std::optional<SmallVector<Value>> readOnlyAddresses(Operation *op) {
  auto effects = dyn_cast<MemoryEffectOpInterface>(op);
  if (!effects)
    return std::nullopt;
  SmallVector<MemoryEffects::EffectInstance> instances;
  effects.getEffects(instances);
  SmallVector<Value> addresses;
  for (const MemoryEffects::EffectInstance &effect : instances) {
    if (!isa<MemoryEffects::Read>(effect.getEffect()) || !effect.getValue())
      return std::nullopt;
    addresses.push_back(effect.getValue());
  }
  return addresses;
}

/// The first op of `block` that uses a result of `op` (directly or from a
/// nested region), or null when some user lies outside `block`.
Operation *firstUserInBlock(Operation *op, Block *block) {
  Operation *first = nullptr;
  for (Operation *user : op->getUsers()) {
    Operation *ancestor = block->findAncestorOpInBlock(*user);
    if (!ancestor)
      return nullptr;
    if (!first || ancestor->isBeforeInBlock(first))
      first = ancestor;
  }
  return first;
}

/// True when `op`, reading `addresses`, may move down to just before
/// `dest`: no op in between may write any of them.
bool canSinkReads(Operation *op, Operation *dest, ArrayRef<Value> addresses,
                  AliasAnalysis &aliases) {
  for (Operation *it = op->getNextNode(); it != dest; it = it->getNextNode()) {
    if (isMemoryEffectFree(it))
      continue;
    for (Value address : addresses)
      if (aliases.getModRef(it, address).isMod())
        return false;
  }
  return true;
}

void sinkToFirstUse(Operation *op, AliasAnalysis &aliases) {
  if (op->getNumRegions() != 0 || op->hasTrait<OpTrait::IsTerminator>() ||
      op->use_empty())
    return;
  std::optional<SmallVector<Value>> reads;
  if (!isMemoryEffectFree(op)) {
    reads = readOnlyAddresses(op);
    if (!reads)
      return;
  }
  Operation *dest = firstUserInBlock(op, op->getBlock());
  if (!dest || dest == op->getNextNode())
    return;
  if (reads && !canSinkReads(op, dest, *reads, aliases))
    return;
  op->moveBefore(dest);
}

struct SinkToFirstUsePass
    : public vmapc::impl::VmapcSinkToFirstUseBase<SinkToFirstUsePass> {
  void runOnOperation() override {
    AliasAnalysis &aliases = getAnalysis<AliasAnalysis>();
    getOperation()->walk([&](Block *block) {
      // Bottom-up: an op's users have already moved down when it is
      // visited, so it follows them and trees stay together.
      for (Operation &op : llvm::make_early_inc_range(llvm::reverse(*block)))
        sinkToFirstUse(&op, aliases);
    });
  }
};

} // namespace
