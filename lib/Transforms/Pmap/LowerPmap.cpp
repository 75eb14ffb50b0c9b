//===- LowerPmap.cpp - vmapc.pmap across MPI ranks ------------------------===//
//
// A pmap over N examples on R ranks is, on each rank, a vmap over that
// rank's N/R examples plus communication: every collective over the pmap's
// axis, which that vmap reduces over the rank's block, is finished across
// the ranks by a shard.all_reduce, and every mapped result is assembled
// from the ranks' blocks the same way. Everything here is upstream's shard
// dialect on tensors; --convert-shard-to-mpi makes it MPI.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Transforms/Passes.h"

#include "dialect/VmapcOps.h"

#include "mlir/Dialect/DLTI/DLTI.h"
#include "mlir/Dialect/Shard/IR/ShardOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "llvm/ADT/DenseMap.h"

namespace vmapc {
#define GEN_PASS_DEF_VMAPCLOWERPMAP
#include "vmapc/Transforms/Passes.h.inc"
} // namespace vmapc

using namespace mlir;
using namespace vmapc;

namespace {

constexpr StringLiteral kGridName = "vmapc_ranks";

bool isCollective(Operation *op) {
  return isa<PsumOp, PmeanOp, PmaxOp, AllGatherOp>(op);
}

StringRef axisNameOf(Operation *op) {
  return op->getAttrOfType<StringAttr>("axis_name").getValue();
}

/// Zeros of `type`.
Value zeros(OpBuilder &b, Location loc, RankedTensorType type) {
  return ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(type, b.getZeroAttr(type.getElementType())));
}

/// The sum over the ranks of `value` (every rank gets it).
Value allReduce(OpBuilder &b, Location loc, Value value,
                shard::ReductionKind kind) {
  return shard::AllReduceOp::create(b, loc, value.getType(), kGridName,
                                    ArrayRef<int16_t>{0}, value, kind);
}

/// `block` (this rank's `blockSize` slices of dim `dim`) placed in zeros of
/// `full` at the rank's offset, summed over the ranks: the whole tensor.
Value assemble(OpBuilder &b, Location loc, Value block, RankedTensorType full,
               int64_t dim, int64_t blockSize, Value rank) {
  Value offset = arith::MulIOp::create(
      b, loc, rank, arith::ConstantIndexOp::create(b, loc, blockSize));
  int64_t r = full.getRank();
  SmallVector<OpFoldResult> offsets(r, b.getIndexAttr(0)), sizes,
      strides(r, b.getIndexAttr(1));
  for (int64_t d = 0; d < r; ++d)
    sizes.push_back(b.getIndexAttr(d == dim ? blockSize : full.getDimSize(d)));
  offsets[dim] = offset;
  Value placed = tensor::InsertSliceOp::create(
      b, loc, block, zeros(b, loc, full), offsets, sizes, strides);
  return allReduce(b, loc, placed, shard::ReductionKind::Sum);
}

Value rankIndex(OpBuilder &b, Location loc) {
  return shard::ProcessLinearIndexOp::create(
      b, loc, b.getIndexType(),
      FlatSymbolRefAttr::get(b.getContext(), kGridName));
}

/// Copies of functions in which the collectives over one axis also cross
/// the ranks.
class RankCopies {
public:
  RankCopies(ModuleOp module, StringRef axis, int64_t numRanks,
             int64_t axisSize)
      : module(module), symbols(module), axis(axis), numRanks(numRanks),
        axisSize(axisSize) {}

  /// The copy of `func` for this axis (`func` itself if nothing in it, or
  /// in what it calls, is a collective over the axis).
  FailureOr<func::FuncOp> get(func::FuncOp func);

private:
  bool mentionsAxis(func::FuncOp func);
  LogicalResult rewrite(func::FuncOp copy);
  LogicalResult finishAcrossRanks(Operation *op);

  ModuleOp module;
  SymbolTable symbols;
  StringRef axis;
  int64_t numRanks, axisSize;
  llvm::DenseMap<Operation *, func::FuncOp> copies;
  llvm::DenseMap<Operation *, bool> mentions;
};

bool RankCopies::mentionsAxis(func::FuncOp func) {
  auto [it, inserted] = mentions.try_emplace(func, false);
  if (!inserted)
    return it->second;
  bool found = false;
  func.walk([&](Operation *op) {
    if (isCollective(op) && axisNameOf(op) == axis)
      found = true;
    if (auto user = dyn_cast<SymbolUserOpInterface>(op))
      for (NamedAttribute attr : op->getAttrs())
        if (auto ref = dyn_cast<FlatSymbolRefAttr>(attr.getValue()))
          if (auto callee = symbols.lookup<func::FuncOp>(ref.getValue()))
            found |= mentionsAxis(callee);
    if (auto call = dyn_cast<func::CallOp>(op))
      if (auto callee = symbols.lookup<func::FuncOp>(call.getCallee()))
        found |= mentionsAxis(callee);
    return found ? WalkResult::interrupt() : WalkResult::advance();
  });
  mentions[func] = found;
  return found;
}

FailureOr<func::FuncOp> RankCopies::get(func::FuncOp func) {
  if (!mentionsAxis(func))
    return func;
  if (auto it = copies.find(func); it != copies.end())
    return it->second;
  auto copy = cast<func::FuncOp>(func->clone());
  copy.setSymName((func.getSymName() + "_ranks_" + axis).str());
  copy.setPrivate();
  OpBuilder(func).insert(copy);
  symbols.insert(copy);
  copies[func] = copy;
  if (failed(rewrite(copy)))
    return failure();
  return copy;
}

LogicalResult RankCopies::rewrite(func::FuncOp copy) {
  SmallVector<Operation *> collectives;
  WalkResult walk = copy.walk([&](Operation *op) -> WalkResult {
    if (isCollective(op) && axisNameOf(op) == axis)
      collectives.push_back(op);
    // Calls and maps of functions with such collectives go to their copies.
    auto retarget = [&](FlatSymbolRefAttr ref,
                        function_ref<void(FlatSymbolRefAttr)> set) {
      auto callee = symbols.lookup<func::FuncOp>(ref.getValue());
      if (!callee)
        return success();
      FailureOr<func::FuncOp> target = get(callee);
      if (failed(target))
        return failure();
      if (*target != callee)
        set(FlatSymbolRefAttr::get(*target));
      return success();
    };
    if (auto call = dyn_cast<func::CallOp>(op))
      return retarget(call.getCalleeAttr(),
                      [&](FlatSymbolRefAttr r) { call.setCalleeAttr(r); });
    if (auto vmap = dyn_cast<VmapOp>(op))
      return retarget(vmap.getCalleeAttr(),
                      [&](FlatSymbolRefAttr r) { vmap.setCalleeAttr(r); });
    if (isa<PmapOp>(op))
      return op->emitOpError("cannot be nested in another pmap");
    return success();
  });
  if (walk.wasInterrupted())
    return failure();
  for (Operation *op : collectives)
    if (failed(finishAcrossRanks(op)))
      return failure();
  return success();
}

LogicalResult RankCopies::finishAcrossRanks(Operation *op) {
  OpBuilder b(op->getContext());
  b.setInsertionPointAfter(op);
  Location loc = op->getLoc();
  Value local = op->getResult(0);
  if (auto gather = dyn_cast<AllGatherOp>(op)) {
    auto full = cast<RankedTensorType>(gather.getType());
    if (full.getDimSize(0) != axisSize)
      return gather.emitOpError("gathers ")
             << full.getDimSize(0) << " values over axis '" << axis
             << "', which has " << axisSize << " examples";
    // The vmap gathers the rank's block; the ranks' blocks make the whole.
    int64_t block = axisSize / numRanks;
    SmallVector<int64_t> shape(full.getShape());
    shape[0] = block;
    auto blockType = RankedTensorType::get(shape, full.getElementType());
    b.setInsertionPoint(op);
    auto blockGather = AllGatherOp::create(
        b, loc, blockType, gather.getOperand(), gather.getAxisNameAttr());
    Value total =
        assemble(b, loc, blockGather, full, 0, block, rankIndex(b, loc));
    gather.replaceAllUsesWith(total);
    gather.erase();
    return success();
  }
  shard::ReductionKind kind =
      isa<PmaxOp>(op) ? shard::ReductionKind::Max : shard::ReductionKind::Sum;
  Value total = allReduce(b, loc, local, kind);
  Operation *reduce = total.getDefiningOp();
  if (isa<PmeanOp>(op)) {
    // Every rank's block has N/R examples: the mean of the block means.
    auto type = cast<RankedTensorType>(local.getType());
    Value scale = ConstantOp::create(
        b, loc,
        DenseElementsAttr::get(
            type, b.getFloatAttr(type.getElementType(), 1.0 / numRanks)));
    total = MulOp::create(b, loc, type, total, scale);
  }
  local.replaceAllUsesExcept(total, reduce);
  return success();
}

struct LowerPmapPass : vmapc::impl::VmapcLowerPmapBase<LowerPmapPass> {
  using VmapcLowerPmapBase::VmapcLowerPmapBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (numRanks < 1) {
      module.emitError("--vmapc-lower-pmap needs num-ranks >= 1, got ")
          << static_cast<int64_t>(numRanks);
      return signalPassFailure();
    }
    SmallVector<PmapOp> pmaps;
    module.walk([&](PmapOp p) { pmaps.push_back(p); });
    if (pmaps.empty())
      return;
    // One level of ranks: a pmap reached from another pmap's callee has no
    // ranks left to split across.
    llvm::DenseSet<Operation *> inside = functionsMappedBy(module, pmaps);
    // Nor inside a vmap: the batching of its rank slicing would be needed.
    SmallVector<Operation *> vmapCallees;
    module.walk([&](VmapOp vmap) {
      if (auto f = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
              vmap, vmap.getCalleeAttr()))
        vmapCallees.push_back(f);
    });
    llvm::DenseSet<Operation *> vmapped = reachableFrom(module, vmapCallees);
    bool nested = false;
    for (PmapOp pmap : pmaps) {
      Operation *parent = pmap->getParentOfType<func::FuncOp>();
      if (inside.contains(parent)) {
        pmap.emitOpError("cannot be nested in another pmap");
        nested = true;
      } else if (vmapped.contains(parent)) {
        pmap.emitOpError("cannot be inside a vmap: the ranks are split once, "
                         "outermost (vmap inside the pmap instead)");
        nested = true;
      }
    }
    if (nested)
      return signalPassFailure();
    if (numRanks > 1)
      prepareModule(module);
    for (PmapOp pmap : pmaps)
      if (failed(lower(module, pmap)))
        return signalPassFailure();
  }

  /// The callees of `pmaps` and every function they reference.
  static llvm::DenseSet<Operation *> functionsMappedBy(ModuleOp module,
                                                       ArrayRef<PmapOp> pmaps) {
    SmallVector<Operation *> callees;
    for (PmapOp pmap : pmaps)
      if (auto f = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
              pmap, pmap.getCalleeAttr()))
        callees.push_back(f);
    return reachableFrom(module, callees);
  }

  /// `roots` and every function they reference, transitively.
  static llvm::DenseSet<Operation *>
  reachableFrom(ModuleOp module, ArrayRef<Operation *> roots) {
    SymbolTable symbols(module);
    llvm::DenseSet<Operation *> seen;
    SmallVector<Operation *> work;
    auto visit = [&](StringRef name) {
      if (auto f = symbols.lookup<func::FuncOp>(name))
        if (seen.insert(f).second)
          work.push_back(f);
    };
    for (Operation *root : roots)
      if (seen.insert(root).second)
        work.push_back(root);
    while (!work.empty()) {
      Operation *f = work.pop_back_val();
      if (auto uses = SymbolTable::getSymbolUses(&f->getRegion(0)))
        for (const SymbolTable::SymbolUse &use : *uses)
          visit(use.getSymbolRef().getRootReference());
    }
    return seen;
  }

  /// The grid of the ranks and the MPI implementation the lowering targets.
  void prepareModule(ModuleOp module) {
    MLIRContext *ctx = module.getContext();
    if (!SymbolTable::lookupSymbolIn(module, kGridName)) {
      OpBuilder b = OpBuilder::atBlockBegin(module.getBody());
      shard::GridOp::create(b, module.getLoc(), kGridName,
                            ArrayRef<int64_t>{numRanks});
    }
    // The MPI dialect's LLVM lowering reads the implementation (its ABI:
    // handles, MPI_IN_PLACE) from this entry; OpenMPI is what the runtime
    // loads.
    if (!module->hasAttr("dlti.map")) {
      DataLayoutEntryInterface entry =
          DataLayoutEntryAttr::get(StringAttr::get(ctx, "MPI:Implementation"),
                                   StringAttr::get(ctx, "OpenMPI"));
      module->setAttr("dlti.map", MapAttr::get(ctx, {entry}));
    }
  }

  LogicalResult lower(ModuleOp module, PmapOp pmap) {
    OpBuilder b(pmap);
    Location loc = pmap.getLoc();
    int64_t n = pmap.getBatchSize();
    if (numRanks == 1) {
      auto vmap = VmapOp::create(b, loc, pmap.getResultTypes(),
                                 pmap.getCalleeAttr(), pmap.getOperands(),
                                 pmap.getInAxes(), pmap.getOutAxes(),
                                 /*axis_size=*/nullptr, /*chunk_size=*/nullptr,
                                 /*parallel=*/nullptr, pmap.getAxisNameAttr());
      pmap.replaceAllUsesWith(vmap.getResults());
      pmap.erase();
      return success();
    }
    if (ShapedType::isDynamic(n))
      return pmap.emitOpError("needs a static mapped axis to split it "
                              "across ranks");
    if (n % numRanks != 0)
      return pmap.emitOpError("maps ")
             << n << " examples over " << static_cast<int64_t>(numRanks)
             << " ranks: the mapped axis must be a multiple of the rank "
                "count (pad the batch)";
    int64_t block = n / numRanks;
    for (auto [i, result] : llvm::enumerate(pmap.getResults()))
      if (pmap.getOutAxis(i) && cast<RankedTensorType>(result.getType())
                                    .getElementType()
                                    .isInteger(1))
        return pmap.emitOpError("result ")
               << i
               << " is a mapped i1 tensor, which cannot be assembled "
                  "across ranks; return it as i32";

    auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
        pmap, pmap.getCalleeAttr());
    RankCopies copies(module, pmap.getAxisName(), numRanks, n);
    FailureOr<func::FuncOp> rankCallee = copies.get(callee);
    if (failed(rankCallee))
      return failure();

    Value rank = rankIndex(b, loc);
    Value offset = arith::MulIOp::create(
        b, loc, rank, arith::ConstantIndexOp::create(b, loc, block));
    SmallVector<Value> operands;
    for (auto [i, operand] : llvm::enumerate(pmap.getOperands())) {
      std::optional<int64_t> axis = pmap.getInAxis(i);
      if (!axis) {
        operands.push_back(operand);
        continue;
      }
      auto type = cast<RankedTensorType>(operand.getType());
      SmallVector<OpFoldResult> offsets(type.getRank(), b.getIndexAttr(0)),
          sizes, strides(type.getRank(), b.getIndexAttr(1));
      SmallVector<int64_t> shape(type.getShape());
      shape[*axis] = block;
      for (int64_t d : shape)
        sizes.push_back(b.getIndexAttr(d));
      offsets[*axis] = offset;
      operands.push_back(tensor::ExtractSliceOp::create(
          b, loc, RankedTensorType::get(shape, type.getElementType()), operand,
          offsets, sizes, strides));
    }
    SmallVector<Type> blockTypes;
    for (auto [i, result] : llvm::enumerate(pmap.getResults())) {
      auto type = cast<RankedTensorType>(result.getType());
      SmallVector<int64_t> shape(type.getShape());
      if (std::optional<int64_t> axis = pmap.getOutAxis(i))
        shape[*axis] = block;
      blockTypes.push_back(RankedTensorType::get(shape, type.getElementType()));
    }
    auto vmap = VmapOp::create(
        b, loc, blockTypes, FlatSymbolRefAttr::get(*rankCallee), operands,
        pmap.getInAxes(), pmap.getOutAxes(), /*axis_size=*/nullptr,
        /*chunk_size=*/nullptr, /*parallel=*/nullptr, pmap.getAxisNameAttr());
    SmallVector<Value> results;
    for (auto [i, result] : llvm::enumerate(vmap.getResults())) {
      std::optional<int64_t> axis = pmap.getOutAxis(i);
      results.push_back(
          axis ? assemble(b, loc, result,
                          cast<RankedTensorType>(pmap.getResult(i).getType()),
                          *axis, block, rank)
               : result);
    }
    pmap.replaceAllUsesWith(results);
    pmap.erase();
    return success();
  }
};

} // namespace
