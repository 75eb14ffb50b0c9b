//===- PrefetchBlockRows.cpp - Prefetch a register block's next rows ------===//
//
// For each register block whose lhs is streamed (a k loop reading
// vector<Mx1> columns of M rows of a memref that is not a local buffer),
// prefetches the next block's M rows at the top of the row loop. See
// Passes.td for why.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Pipelines/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/MemRef/IR/MemRef.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Vector/IR/VectorOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Transforms/LoopInvariantCodeMotionUtils.h"

namespace vmapc {
#define GEN_PASS_DEF_VMAPCPREFETCHBLOCKROWS
#include "vmapc/Pipelines/Passes.h.inc"
} // namespace vmapc

using namespace mlir;

namespace {

constexpr int64_t kCacheLineBytes = 64;
/// Prefetches per row block at most: a block's rows over a short k range
/// (8 rows x 4 lines for W1's and W3's 64-wide X).
constexpr int64_t kMaxLines = 64;

/// A lhs read of a register block: `vector.transfer_read %src[%row, %k]`
/// of a vector<Mx1> (M > 1), %k the IV of the enclosing scf.for, %row
/// defined outside it, %src a 2-D memref with unit-stride rows (a chunk's
/// subview too) that is not a local buffer.
struct BlockRead {
  vector::TransferReadOp read;
  scf::ForOp kLoop;
  int64_t rows;
};

std::optional<BlockRead> matchBlockRead(vector::TransferReadOp read) {
  auto memrefType = dyn_cast<MemRefType>(read.getBase().getType());
  VectorType vectorType = read.getVectorType();
  if (!memrefType || memrefType.getRank() != 2 || vectorType.getRank() != 2 ||
      vectorType.getDimSize(1) != 1 || vectorType.getDimSize(0) < 2 ||
      vectorType.isScalable() || !read.getPermutationMap().isMinorIdentity() ||
      !memrefType.isLastDimUnitStride())
    return std::nullopt;
  if (Operation *def = read.getBase().getDefiningOp();
      def && isa<memref::AllocOp, memref::AllocaOp>(def))
    return std::nullopt;
  auto kLoop = dyn_cast<scf::ForOp>(read->getParentOp());
  if (!kLoop || read.getIndices()[1] != kLoop.getInductionVar())
    return std::nullopt;
  // The row index is often computed in the k loop (an affine.apply of the
  // tile and block offsets) though it does not change there.
  moveLoopInvariantCode(cast<LoopLikeOpInterface>(kLoop.getOperation()));
  if (!kLoop.isDefinedOutsideOfLoop(read.getIndices()[0]) ||
      !kLoop.isDefinedOutsideOfLoop(read.getBase()))
    return std::nullopt;
  return BlockRead{read, kLoop, vectorType.getDimSize(0)};
}

/// The innermost scf.for enclosing `op` whose induction variable `value`
/// depends on (through pure ops), or null.
scf::ForOp innermostDefiningLoop(Value value, Operation *op) {
  llvm::SmallPtrSet<Value, 8> seen;
  SmallVector<Value> work{value};
  llvm::SmallPtrSet<Value, 4> ivs;
  while (!work.empty()) {
    Value v = work.pop_back_val();
    if (!seen.insert(v).second)
      continue;
    if (auto arg = dyn_cast<BlockArgument>(v)) {
      ivs.insert(arg);
      continue;
    }
    Operation *def = v.getDefiningOp();
    if (!isPure(def))
      continue;
    llvm::append_range(work, def->getOperands());
  }
  for (auto loop = op->getParentOfType<scf::ForOp>(); loop;
       loop = loop->getParentOfType<scf::ForOp>())
    if (ivs.contains(loop.getInductionVar()))
      return loop;
  return nullptr;
}

/// `value` at the rewriter's insertion point, the start of `loop`'s body:
/// itself when defined outside `loop`, else its pure defining ops cloned
/// there. Null if it depends on a value of `loop` other than its IV.
Value materializeAt(RewriterBase &rewriter, Value value, scf::ForOp loop,
                    IRMapping &mapping) {
  if (value == loop.getInductionVar() || loop.isDefinedOutsideOfLoop(value))
    return value;
  if (Value mapped = mapping.lookupOrNull(value))
    return mapped;
  Operation *def = value.getDefiningOp();
  if (!def || !isPure(def) || def->getNumRegions() != 0)
    return nullptr;
  for (Value operand : def->getOperands()) {
    Value at = materializeAt(rewriter, operand, loop, mapping);
    if (!at)
      return nullptr;
    mapping.map(operand, at);
  }
  Operation *clone = rewriter.clone(*def, mapping);
  return clone->getResult(cast<OpResult>(value).getResultNumber());
}

void prefetchNextRows(RewriterBase &rewriter, BlockRead block) {
  std::optional<int64_t> lb = getConstantIntValue(block.kLoop.getLowerBound());
  std::optional<int64_t> ub = getConstantIntValue(block.kLoop.getUpperBound());
  if (!lb || !ub || *ub <= *lb)
    return;
  Value src = block.read.getBase();
  auto type = cast<MemRefType>(src.getType());
  int64_t elementBytes =
      llvm::divideCeil(type.getElementType().getIntOrFloatBitWidth(), 8);
  int64_t perLine = std::max<int64_t>(1, kCacheLineBytes / elementBytes);
  int64_t lines = llvm::divideCeil(*ub - *lb, perLine);
  if (lines * block.rows > kMaxLines)
    return;
  Value row = block.read.getIndices()[0];
  scf::ForOp rowLoop = innermostDefiningLoop(row, block.kLoop);
  if (!rowLoop)
    return;
  // At the top of the row loop's body, with the row index computed again
  // there (it may be computed deeper, next to the read).
  rewriter.setInsertionPointToStart(rowLoop.getBody());
  IRMapping mapping;
  row = materializeAt(rewriter, row, rowLoop, mapping);
  if (!row)
    return;
  Location loc = block.read.getLoc();
  Value last = arith::SubIOp::create(
      rewriter, loc, memref::DimOp::create(rewriter, loc, src, 0),
      arith::ConstantIndexOp::create(rewriter, loc, 1));
  for (int64_t r = 0; r < block.rows; ++r) {
    Value next = arith::AddIOp::create(
        rewriter, loc, row,
        arith::ConstantIndexOp::create(rewriter, loc, block.rows + r));
    Value clamped = arith::MinUIOp::create(rewriter, loc, next, last);
    for (int64_t line = 0; line < lines; ++line) {
      Value col =
          arith::ConstantIndexOp::create(rewriter, loc, *lb + line * perLine);
      memref::PrefetchOp::create(rewriter, loc, src, ValueRange{clamped, col},
                                 /*isWrite=*/false,
                                 /*localityHint=*/3,
                                 /*isDataCache=*/true);
    }
  }
}

struct PrefetchBlockRowsPass
    : vmapc::impl::VmapcPrefetchBlockRowsBase<PrefetchBlockRowsPass> {
  void runOnOperation() override {
    // Matching hoists loop-invariant code, so not during the walk.
    SmallVector<vector::TransferReadOp> reads;
    getOperation()->walk(
        [&](vector::TransferReadOp read) { reads.push_back(read); });
    SmallVector<BlockRead> blocks;
    for (vector::TransferReadOp read : reads)
      if (std::optional<BlockRead> block = matchBlockRead(read))
        blocks.push_back(*block);
    IRRewriter rewriter(&getContext());
    for (BlockRead block : blocks)
      prefetchNextRows(rewriter, block);
  }
};

} // namespace
