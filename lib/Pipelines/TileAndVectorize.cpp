//===- TileAndVectorize.cpp - Tile, fuse per tile, vectorize ----*- C++ -*-===//
//
// The CPU code generation strategy. It decides per op, from the op's shape
// and the target's vector width, how to tile, fuse and vectorize it, and
// records the decisions as transform-dialect scripts (Schedule.h) that the
// upstream interpreter runs, one per stage:
//  1. every root linalg op is tiled along its parallel dims and all its
//     linalg producers are fused into the tile (one loop nest per output
//     tile, no full-size intermediates);
//  2. every contraction is put in (rows, lanes, k) form (ContractionLayout.h)
//     and tiled to an 8x32 output block with the reduction
//     stepped by 1: vectorized, that is 8 broadcasts and 16 zmm FMAs per k,
//     with the accumulators kept in registers once loop-invariant subset
//     hoisting moves the block's read/write out of the k loop; a mat-vec
//     (no lanes dim) is blocked along k instead (SplitMatVec.h);
//  3. every op with a small static tile is vectorized; where the rows are
//     narrow (a vmapped function of x[N, 2]) its loops are interchanged
//     first so the points run along the vector lanes.
// The two rewrites of step 2 that change an op's form rather than its loops
// (operand layout, the mat-vec split) stay C++ rewrites between stages.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Pipelines/Passes.h"
#include "vmapc/Pipelines/TransformOps.h"

#include "ContractionLayout.h"
#include "Schedule.h"
#include "SplitMatVec.h"
#include "Tiling.h"

#include "mlir/Dialect/LLVMIR/LLVMAttrs.h"
#include "mlir/Dialect/Linalg/TransformOps/DialectExtension.h"
#include "mlir/Dialect/Linalg/Transforms/Transforms.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/Transforms/Transforms.h"
#include "mlir/Dialect/Transform/IR/TransformOps.h"
#include "mlir/Dialect/Vector/Transforms/LoweringPatterns.h"
#include "mlir/Dialect/Vector/Transforms/VectorRewritePatterns.h"
#include "mlir/IR/Iterators.h"
#include "mlir/IR/PatternMatch.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/GreedyPatternRewriteDriver.h"

#include <limits>

namespace vmapc {
#define GEN_PASS_DEF_VMAPCTILEANDVECTORIZE
#include "vmapc/Pipelines/Passes.h.inc"
} // namespace vmapc

using namespace mlir;
using vmapc::isBlockedContraction;

namespace {

/// Reduction block of a large contraction (a 256x1024 f32 rhs panel is
/// 1 MiB, an L2).
constexpr int64_t kKBlock = 256;
/// Largest vector (in elements) the vectorizer is asked to produce; larger
/// static tiles stay loops (LLVM's loop vectorizer still sees them).
constexpr int64_t kMaxVectorElements = 4096;

/// The tile sizes that follow from the target's vector registers.
struct VectorShape {
  /// f32 lanes of a vector register. A loop narrower than this is a poor
  /// vector dim: a 16x2 vector lowers to eight xmm ops, its 2x16 transpose
  /// to two zmm.
  int64_t lanes;
  /// Register block of a contraction: rows (m) x columns (n, two vectors).
  /// 8x32 on AVX-512 is 16 of its 32 zmm as accumulators; with 16 vector
  /// registers (AVX2, SSE) a block of 4 rows leaves room for the loads and
  /// broadcasts.
  int64_t blockM;
  int64_t blockN;
  /// Elementwise tiles: up to four vectors along the innermost dim.
  int64_t innerTile;

  /// The shape for `func`'s target_features (vmapc-set-target records the
  /// host's); without them, AVX-512's.
  static VectorShape of(func::FuncOp func) {
    int64_t bits = 512;
    if (auto features =
            func->getAttrOfType<LLVM::TargetFeaturesAttr>("target_features");
        features && !features.getFeatures().empty())
      bits = features.contains("+avx512f") ? 512
             : features.contains("+avx")   ? 256
                                           : 128;
    int64_t lanes = bits / 32;
    return {lanes, bits == 512 ? 8 : 4, 2 * lanes, 4 * lanes};
  }
};

/// The largest of `candidates` that divides `size`, or 0.
int64_t divisorTile(int64_t size, ArrayRef<int64_t> candidates) {
  for (int64_t c : candidates)
    if (size % c == 0)
      return c;
  return 0;
}

/// Tile size for a dim of `size` aiming at `target`: `target` or a smaller
/// power of two dividing it; 0 (untiled) when `size` is already small.
int64_t tileFor(int64_t size, int64_t target) {
  if (size <= target)
    return 0;
  SmallVector<int64_t> candidates;
  for (int64_t c = target; c >= 1; c /= 2)
    candidates.push_back(c);
  return divisorTile(size, candidates);
}

/// A parallel loop to run along the vector lanes, and the work of one of
/// its points: the product of the other loop ranges.
struct LaneDim {
  unsigned dim;
  int64_t perPoint;
};

/// The parallel loop that should run along the vector lanes, if it is not
/// the innermost loop already: the widest parallel loop, when the innermost
/// loop is narrower than a vector and a few vectors of points fit
/// kMaxVectorElements. This is the batch dim of a vmapped function on
/// row-major data (x[N, k] with k = 2): computing the k-wide rows one at a
/// time fills 2 of 16 lanes, computing 16 points at once for each of the k
/// coordinates fills them all. GMM's (x - mu)^2 * prec summed over d, per
/// point [16, 8], likewise runs 32 points at once.
///
/// With `reductionLanes`, an innermost reduction of any width qualifies
/// too: along the lanes it is a horizontal reduction per point, across them
/// lane-wise max/add (GMM's logsumexp over its 16 components: 2.7 -> 1.9
/// ms). Not for the consumer of a register block, whose rows already have
/// that dim along the lanes (W2 k=16's d . (P d): 11 -> 23 ms transposed).
std::optional<LaneDim> laneDim(linalg::LinalgOp op, const VectorShape &shape,
                               bool reductionLanes = false) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<utils::IteratorType> iters = op.getIteratorTypesArray();
  if (ranges.size() < 2 || ShapedType::isDynamic(ranges.back()))
    return std::nullopt;
  bool reducesInnermost =
      reductionLanes && iters.back() == utils::IteratorType::reduction;
  if (ranges.back() >= shape.lanes && !reducesInnermost)
    return std::nullopt;
  std::optional<unsigned> widest;
  for (unsigned d = 0; d + 1 < ranges.size(); ++d)
    if (iters[d] == utils::IteratorType::parallel &&
        !ShapedType::isDynamic(ranges[d]) &&
        (!widest || ranges[d] >= ranges[*widest]))
      widest = d;
  // Narrow lanes waste most of a vector, except for an innermost reduction:
  // there the lane-wise form must not depend on the batch's size, so that
  // a chunk of 7 points sums in the same order as a tile of 64 (chunked ==
  // unchunked, bit for bit; the scalar loops of a non-vectorized tile sum
  // in that order too).
  if (!widest || (ranges[*widest] < shape.lanes && !reducesInnermost))
    return std::nullopt;
  // At least one vector of points must fit the vectorizer's limit.
  int64_t perPoint = 1;
  for (unsigned d = 0; d < ranges.size(); ++d)
    if (d != *widest) {
      if (ShapedType::isDynamic(ranges[d]))
        return std::nullopt;
      perPoint *= ranges[d];
      if (perPoint * shape.lanes > kMaxVectorElements)
        return std::nullopt;
    }
  return LaneDim{*widest, perPoint};
}

/// A contraction with narrow rows (see laneDim), such as the per-example
/// 2x2 mat-vec of a vmapped Gaussian: vectorized whole with the points
/// along the lanes instead of register-blocked.
bool isTinyContraction(linalg::LinalgOp op, const VectorShape &shape) {
  return isBlockedContraction(op) && !op.hasDynamicShape() &&
         laneDim(op, shape);
}

/// True if `sizes` tiles some dim (0: the dim is not tiled).
bool anyTiled(ArrayRef<int64_t> sizes) {
  return llvm::any_of(sizes, [](int64_t s) { return s != 0; });
}

/// Tile sizes of a contraction's register block: batch and m dims by 1,
/// the innermost m dim by blockM rows and, with `tileColumns`, the n dims
/// likewise with the innermost by blockN columns.
SmallVector<int64_t> blockTileSizes(ArrayRef<int64_t> ranges,
                                    const linalg::ContractionDimensions &dims,
                                    const VectorShape &shape,
                                    bool tileColumns) {
  SmallVector<int64_t> sizes(ranges.size(), 0);
  auto byOne = [&](ArrayRef<unsigned> group) {
    for (unsigned d : group)
      sizes[d] = ranges[d] > 1 ? 1 : 0;
  };
  byOne(dims.batch);
  byOne(dims.m);
  if (!dims.m.empty())
    sizes[dims.m.back()] = tileFor(ranges[dims.m.back()], shape.blockM);
  if (tileColumns) {
    byOne(dims.n);
    if (!dims.n.empty())
      sizes[dims.n.back()] = tileFor(ranges[dims.n.back()], shape.blockN);
  }
  return sizes;
}

/// Step 1 tile sizes: parallel dims only (reductions stay whole, so the
/// tile is a complete result). Contractions tile their m dims; n is tiled in
/// step 2 so a fused producer of the lhs is computed once per row block.
SmallVector<int64_t> rootTileSizes(linalg::LinalgOp op,
                                   const VectorShape &shape) {
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<utils::IteratorType> iters = op.getIteratorTypesArray();
  SmallVector<int64_t> sizes(ranges.size(), 0);
  if (isBlockedContraction(op) && !isTinyContraction(op, shape)) {
    FailureOr<linalg::ContractionDimensions> dims =
        linalg::inferContractionDims(op);
    if (failed(dims))
      return sizes;
    return blockTileSizes(ranges, *dims, shape, /*tileColumns=*/false);
  }
  // Elementwise or reduction: the innermost parallel dim gets a wide tile,
  // the one before a few rows when the inner tile is narrow, the rest 1.
  SmallVector<unsigned> parallel;
  for (unsigned d = 0; d < iters.size(); ++d)
    if (iters[d] == utils::IteratorType::parallel)
      parallel.push_back(d);
  if (parallel.empty())
    return sizes;
  for (unsigned d : parallel)
    sizes[d] = ranges[d] > 1 ? 1 : 0;
  // Points along the lanes: a wide tile of the lane dim, the narrow dims
  // whole, so the tile can be computed with the loops interchanged.
  if (std::optional<LaneDim> lane = laneDim(op, shape)) {
    for (unsigned d : parallel)
      if (ranges[d] <= shape.lanes)
        sizes[d] = 0;
    sizes[lane->dim] = tileFor(ranges[lane->dim], shape.innerTile);
    return sizes;
  }
  unsigned inner = parallel.back();
  sizes[inner] = tileFor(ranges[inner], shape.innerTile);
  int64_t innerWidth = sizes[inner] ? sizes[inner] : ranges[inner];
  if (parallel.size() >= 2 && innerWidth <= 16) {
    unsigned outer = parallel[parallel.size() - 2];
    sizes[outer] = tileFor(ranges[outer], shape.blockM);
  }
  return sizes;
}

/// The elementwise op that alone reads `contraction`'s result, over the
/// same iteration space (the relu of relu(x W1)), if there is one. Tiled
/// with the register block, it runs on the accumulators while they are in
/// registers; left whole, it runs on a [8, 256] tile afterwards, 128 zmm
/// live at once: spills, and a fifth of the NN's compile time spent in
/// register allocation.
linalg::LinalgOp blockEpilogue(linalg::LinalgOp contraction) {
  if (contraction->getNumResults() != 1 ||
      !contraction->getResult(0).hasOneUse())
    return nullptr;
  OpOperand &use = *contraction->getResult(0).getUses().begin();
  auto epilogue = dyn_cast<linalg::LinalgOp>(use.getOwner());
  if (!epilogue || !epilogue.hasPureTensorSemantics() ||
      !linalg::isElementwise(epilogue) || epilogue.hasDynamicShape() ||
      epilogue->getBlock() != contraction->getBlock() ||
      !epilogue.getMatchingIndexingMap(&use).isIdentity() ||
      !contraction
           .getIndexingMapMatchingResult(
               cast<OpResult>(contraction->getResult(0)))
           .isProjectedPermutation())
    return nullptr;
  return epilogue;
}

/// Number of points of a static iteration space, saturated above
/// kMaxVectorElements + 1 (huge static shapes would overflow int64, found
/// by vmapc-fuzz-lower).
int64_t vectorElements(linalg::LinalgOp op) {
  int64_t elements = 1;
  for (int64_t r : op.getStaticLoopRanges()) {
    if (r != 0 && elements > kMaxVectorElements / r)
      return kMaxVectorElements + 1;
    elements *= r;
  }
  return elements;
}

/// Points along the lanes (see laneDim): schedules tiling the lane dim
/// down until the op fits one vector of at most kMaxVectorElements, then
/// making it the innermost loop, so that vectorization puts it along the
/// lanes.
void scheduleLanesInnermost(vmapc::Schedule &schedule, linalg::LinalgOp op,
                            const VectorShape &shape, bool reductionLanes) {
  std::optional<LaneDim> lane = laneDim(op, shape, reductionLanes);
  if (!lane)
    return;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  // Largest lane tile whose vector fits (tile * perPoint <= the limit,
  // without the product's overflow on huge static shapes).
  int64_t maxTile = lane->perPoint == 0 ? std::numeric_limits<int64_t>::max()
                                        : kMaxVectorElements / lane->perPoint;
  int64_t tile = ranges[lane->dim];
  while (tile > shape.lanes && tile > maxTile)
    tile = tileFor(ranges[lane->dim], tile / 2);
  if (tile == 0 || tile > maxTile)
    return;
  bool isGeneric = isa<linalg::GenericOp>(op.getOperation());
  if (tile == ranges[lane->dim] && !isGeneric)
    return;
  schedule.independently([&] {
    Value h = schedule.handle(op);
    if (tile != ranges[lane->dim]) {
      SmallVector<int64_t> sizes(ranges.size(), 0);
      sizes[lane->dim] = tile;
      h = schedule.tile(h, sizes);
    }
    if (!isGeneric)
      return;
    SmallVector<int64_t> order;
    for (unsigned d = 0; d < ranges.size(); ++d)
      if (d != lane->dim)
        order.push_back(d);
    order.push_back(lane->dim);
    schedule.interchange(h, order);
  });
}

bool hasI1Operand(linalg::LinalgOp op) {
  return llvm::any_of(op->getOperands(), [](Value v) {
    auto t = dyn_cast<ShapedType>(v.getType());
    return t && t.getElementType().isInteger(1);
  });
}

/// True if some result of a reduction is accumulated from its own init
/// alone: the yielded value depends on the output block argument but on no
/// input and no loop index, as in `out * 3` once fusion has folded a
/// constant producer into `reduce prod`. The upstream vectorizer computes
/// such a combiner once instead of once per reduced point (prod of eight 3s
/// gave 3; found by vmapc-difftest), so these ops stay scalar loops.
bool hasInputFreeAccumulation(linalg::LinalgOp op) {
  if (op.getNumReductionLoops() == 0)
    return false;
  Block *body = op.getBlock();
  // Values that vary with the iteration point: the inputs' block arguments,
  // linalg.index, and everything computed from them.
  llvm::SmallPtrSet<Value, 16> varying;
  for (OpOperand *input : op.getDpsInputOperands())
    varying.insert(op.getMatchingBlockArgument(input));
  // Values computed from an output block argument.
  llvm::SmallPtrSet<Value, 16> fromInit;
  for (OpOperand &init : op.getDpsInitsMutable())
    fromInit.insert(op.getMatchingBlockArgument(&init));
  for (Operation &inner : body->without_terminator()) {
    bool isVarying = isa<linalg::IndexOp>(inner);
    bool isFromInit = false;
    for (Value operand : inner.getOperands()) {
      isVarying |= varying.contains(operand);
      isFromInit |= fromInit.contains(operand);
    }
    for (Value result : inner.getResults()) {
      if (isVarying)
        varying.insert(result);
      if (isFromInit)
        fromInit.insert(result);
    }
  }
  return llvm::any_of(body->getTerminator()->getOperands(), [&](Value v) {
    return !isa<BlockArgument>(v) && fromInit.contains(v) &&
           !varying.contains(v);
  });
}

/// Schedules the vectorization of every static linalg op on tensors that
/// `select` accepts and whose iteration space fits kMaxVectorElements.
void scheduleVectorization(vmapc::Schedule &schedule, func::FuncOp func,
                           const VectorShape &shape,
                           function_ref<bool(linalg::LinalgOp)> select) {
  func.walk([&](linalg::LinalgOp op) {
    if (!op.hasPureTensorSemantics() || op.hasDynamicShape() ||
        hasI1Operand(op) || hasInputFreeAccumulation(op) ||
        vectorElements(op) > kMaxVectorElements || !select(op) ||
        failed(linalg::vectorizeOpPrecondition(op, /*inputVectorSizes=*/{},
                                               /*inputScalableVecDims=*/{},
                                               /*vectorizeNDExtract=*/true)))
      return;
    // A tiny contraction as multiply + multi_reduction: with the points
    // innermost, the reduction lowers to lane-wise adds.
    schedule.vectorize(
        schedule.handle(op),
        /*createNamedContraction=*/!isTinyContraction(op, shape));
  });
}

/// The clean-up after vectorization: slices fold into transfers, and a
/// tile's slice of a full-size tensor.empty becomes a tile-sized
/// tensor.empty (otherwise bufferization allocated the whole intermediate,
/// 8 MB for W2's 1M x 2 difference, as scratch per call). With
/// `foldTransposes`, reductions of products become contractions and
/// transposes and broadcasts sink into them.
///
/// Run here rather than as the script's transform.apply_patterns: the sink
/// patterns can undo each other (on a generated i32 min/max chain between a
/// transpose and splat constants, ReorderElementwiseOpsOnTranspose and
/// ReorderElementwiseOpsOnBroadcast moved the ops back and forth until the
/// process had taken 24 GB), and apply_patterns did not stop at its
/// max_num_rewrites on that program. Every one of these rewrites keeps the
/// program's meaning, so stopping after a bounded number of them is as
/// correct as reaching a fixed point; real functions need a few per op.
void cleanUpVectorized(func::FuncOp func, bool foldTransposes) {
  MLIRContext *ctx = func.getContext();
  RewritePatternSet patterns(ctx);
  tensor::populateFoldTensorEmptyPatterns(patterns);
  tensor::populateFoldTensorSubsetIntoVectorTransferPatterns(patterns);
  if (foldTransposes) {
    vector::populateVectorReductionToContractPatterns(patterns);
    vector::populateSinkVectorOpsPatterns(patterns);
  }
  vector::populateVectorTransferPermutationMapLoweringPatterns(patterns);
  vector::TransferReadOp::getCanonicalizationPatterns(patterns, ctx);
  vector::TransferWriteOp::getCanonicalizationPatterns(patterns, ctx);
  tensor::ExtractSliceOp::getCanonicalizationPatterns(patterns, ctx);
  tensor::InsertSliceOp::getCanonicalizationPatterns(patterns, ctx);
  scf::ForOp::getCanonicalizationPatterns(patterns, ctx);
  int64_t numOps = 0;
  func.walk([&](Operation *) { ++numOps; });
  GreedyRewriteConfig config;
  config.setMaxNumRewrites(std::max<int64_t>(10000, 32 * numOps));
  (void)applyPatternsGreedily(func, std::move(patterns), config);
}

/// Erases what nothing uses any more: the originals of fused producers and
/// the slices of them tiling left behind. Later stages then neither plan
/// for them nor transform them (and the compile does not pay for it).
void eraseDeadOps(func::FuncOp func) {
  func.walk<WalkOrder::PostOrder, mlir::ReverseIterator>([](Operation *op) {
    if (isOpTriviallyDead(op))
      op->erase();
  });
}

/// Marks that carry the strategy's decisions from one stage to the next;
/// the tiled copies of an op keep them. Removed at the end of the pass.
constexpr StringLiteral kReadsBlock = "vmapc.schedule.reads_block";
constexpr StringLiteral kTiny = "vmapc.schedule.tiny";
constexpr StringLiteral kLanesLater = "vmapc.schedule.lanes_later";

bool reductionLanes(Operation *op) { return !op->hasAttr(kReadsBlock); }

/// Step 1: each root, last first, tiled along its parallel dims with its
/// producers fused per tile.
void scheduleRoots(vmapc::Schedule &schedule, func::FuncOp func,
                   const VectorShape &shape) {
  SmallVector<linalg::LinalgOp> roots;
  func.walk([&](linalg::LinalgOp op) {
    if (!op.hasPureTensorSemantics())
      return;
    if (llvm::none_of(op->getUsers(), llvm::IsaPred<linalg::LinalgOp>))
      roots.push_back(op);
  });
  for (linalg::LinalgOp root : llvm::reverse(roots)) {
    // A contraction with nothing to fuse into its inputs is left whole
    // for step 2, which blocks its reduction for the caches first.
    if (isBlockedContraction(root) && !isTinyContraction(root, shape) &&
        llvm::none_of(root.getDpsInputs(), [](Value v) {
          return isa_and_nonnull<linalg::LinalgOp>(v.getDefiningOp());
        }))
      continue;
    SmallVector<int64_t> sizes = rootTileSizes(root, shape);
    if (!anyTiled(sizes))
      continue;
    schedule.independently(
        [&] { schedule.tileAndFuse(schedule.handle(root), sizes); });
  }
}

/// Step 2 for one contraction in (rows, lanes, k) form: tiled to an 8x32
/// block (after a k block for the caches, if the reduction is long), its
/// zero fill fused so the block starts from zero in registers, its
/// elementwise consumer tiled with it, and its reduction stepped by 1.
void scheduleRegisterBlock(vmapc::Schedule &schedule, RewriterBase &rewriter,
                           linalg::LinalgOp op, const VectorShape &shape) {
  FailureOr<linalg::ContractionDimensions> dims =
      linalg::inferContractionDims(op);
  if (failed(dims))
    return;
  SmallVector<int64_t> ranges = op.getStaticLoopRanges();
  SmallVector<int64_t> sizes =
      blockTileSizes(ranges, *dims, shape, /*tileColumns=*/true);
  SmallVector<int64_t> kSizes(ranges.size(), 0);
  for (unsigned d : dims->k)
    if (ranges[d] > 1)
      kSizes[d] = 1;
  // Cache blocking of a long reduction: the k-outer loop keeps a
  // kKBlock-row panel of the rhs in L2 while every row block of the lhs
  // streams past it (without it the whole rhs is re-read from L3 for
  // each 8-row block).
  bool blockedK = dims->k.size() == 1 &&
                  ranges[dims->k.front()] > 2 * kKBlock &&
                  ranges[dims->k.front()] % kKBlock == 0 &&
                  !op->getParentOfType<scf::ForOp>();
  // Without a k block the tile is the finished sum, ready for its
  // epilogue: the epilogue is tiled with the block's sizes (mapped through
  // the result's indexing map) and the contraction fused into it.
  linalg::LinalgOp epilogue = blockedK ? nullptr : blockEpilogue(op);
  SmallVector<int64_t> epilogueSizes;
  if (epilogue) {
    AffineMap result =
        op.getIndexingMapMatchingResult(cast<OpResult>(op->getResult(0)));
    for (unsigned j = 0; j < result.getNumResults(); ++j)
      epilogueSizes.push_back(sizes[result.getDimPosition(j)]);
    if (!anyTiled(epilogueSizes))
      epilogue = nullptr;
  }
  // Fused, a block starts from zero in registers instead of from a zeroed
  // whole-row tile. The fill gets a copy of its own if other ops use it
  // too, so that fusing it here leaves the others' handles valid.
  Operation *fill = nullptr;
  if (epilogue && op.getNumDpsInits() == 1 &&
      vmapc::fillValue(op.getDpsInits()[0])) {
    OpOperand &init = op.getDpsInitsMutable()[0];
    fill = init.get().getDefiningOp();
    if (!fill->getResult(0).hasOneUse()) {
      rewriter.setInsertionPoint(fill);
      Operation *copy = rewriter.clone(*fill);
      rewriter.modifyOpInPlace(op, [&] { init.set(copy->getResult(0)); });
      fill = copy;
    }
  }
  schedule.independently([&] {
    Value block = schedule.handle(op);
    if (blockedK) {
      SmallVector<int64_t> kcSizes(ranges.size(), 0);
      kcSizes[dims->k.front()] = kKBlock;
      block = schedule.tile(block, kcSizes);
    }
    if (epilogue) {
      SmallVector<Value> loops;
      schedule.tile(schedule.handle(epilogue), epilogueSizes, {}, &loops);
      Value inner = loops.back();
      block = schedule.fuseInto(block, inner);
      if (fill)
        schedule.fuseInto(schedule.handle(fill), inner);
    } else if (anyTiled(sizes)) {
      // Column blocks outside row blocks when the k loop is outermost: the
      // kKBlock x 32 rhs panel stays in L1 while every 8-row block of the
      // lhs panel (in L2) passes over it. The fill of the block's
      // accumulator is fused through the loops' iter_args.
      SmallVector<int64_t> order;
      if (blockedK) {
        for (ArrayRef<unsigned> group :
             {ArrayRef<unsigned>(dims->batch), ArrayRef<unsigned>(dims->n),
              ArrayRef<unsigned>(dims->m), ArrayRef<unsigned>(dims->k)})
          llvm::append_range(order, group);
      }
      block = schedule.tileAndFuseFills(block, sizes, order);
    }
    if (anyTiled(kSizes))
      schedule.tile(block, kSizes);
  });
}

/// Steps 2's preparation: every contraction put in (rows, lanes, k) form,
/// mat-vecs split along k; returns the contractions left to block.
SmallVector<linalg::LinalgOp> prepareRegisterBlocks(RewriterBase &rewriter,
                                                    func::FuncOp func,
                                                    const VectorShape &shape) {
  SmallVector<linalg::LinalgOp> contractions;
  func.walk([&](linalg::LinalgOp op) {
    if (!op.hasPureTensorSemantics() || !isBlockedContraction(op) ||
        op.hasDynamicShape())
      return;
    if (isTinyContraction(op, shape)) {
      op->setAttr(kTiny, UnitAttr::get(op->getContext()));
      return;
    }
    contractions.push_back(op);
    for (Operation *user : op->getUsers())
      user->setAttr(kReadsBlock, UnitAttr::get(op->getContext()));
  });
  SmallVector<linalg::LinalgOp> blocks;
  for (linalg::LinalgOp op : contractions) {
    op = vmapc::normalizeContractionLayout(rewriter, op);
    if (Operation *sum =
            vmapc::splitMatVec(rewriter, op, shape.blockM, shape.lanes)) {
      sum->setAttr(kReadsBlock, rewriter.getUnitAttr());
      continue;
    }
    blocks.push_back(op);
  }
  return blocks;
}

struct TileAndVectorizePass
    : vmapc::impl::VmapcTileAndVectorizeBase<TileAndVectorizePass> {
  using Base::Base;

  void getDependentDialects(DialectRegistry &registry) const override {
    Base::getDependentDialects(registry);
    // The schedules use upstream's linalg transform ops and ours.
    linalg::registerTransformDialectExtension(registry);
    vmapc::registerTransformDialectExtension(registry);
  }

  /// Builds one stage's script with `plan` and runs it.
  LogicalResult runStage(function_ref<void(vmapc::Schedule &)> plan) {
    func::FuncOp func = getOperation();
    vmapc::Schedule schedule(func);
    plan(schedule);
    if (schedule.empty())
      return success();
    if (failed(schedule.apply(printSchedule)))
      return failure();
    eraseDeadOps(func);
    return success();
  }

  void runOnOperation() override {
    func::FuncOp func = getOperation();
    IRRewriter rewriter(&getContext());
    VectorShape shape = VectorShape::of(func);

    // 1. Roots, each with its producers fused per tile.
    if (failed(runStage(
            [&](vmapc::Schedule &s) { scheduleRoots(s, func, shape); })))
      return signalPassFailure();

    // 2. Contractions to register blocks. Tiny contractions are vectorized
    // whole, with the points along the lanes (step 3).
    SmallVector<linalg::LinalgOp> blocks =
        prepareRegisterBlocks(rewriter, func, shape);
    if (failed(runStage([&](vmapc::Schedule &s) {
          for (linalg::LinalgOp op : blocks)
            scheduleRegisterBlock(s, rewriter, op, shape);
        })))
      return signalPassFailure();

    // 3. Vectorize every op with a small static iteration space: first the
    // ops whose rows fill the lanes, cleaned up with the patterns that fold
    // transposes and broadcasts into contractions; then the ops with narrow
    // rows, with the points along the lanes (register blocks excepted: their
    // lanes are the 32 columns already). Their clean-up must not sink the
    // transposes of their operands below their elementwise ops: that would
    // undo the layout.
    func.walk([&](linalg::LinalgOp op) {
      if (op.hasPureTensorSemantics() && !op.hasDynamicShape() &&
          (!isBlockedContraction(op) || op->hasAttr(kTiny)) &&
          laneDim(op, shape, reductionLanes(op)))
        op->setAttr(kLanesLater, rewriter.getUnitAttr());
    });
    auto lanesLater = [](linalg::LinalgOp op) {
      return op->hasAttr(kLanesLater);
    };
    if (failed(runStage([&](vmapc::Schedule &s) {
          scheduleVectorization(s, func, shape, [&](linalg::LinalgOp op) {
            return !lanesLater(op);
          });
        })))
      return signalPassFailure();
    cleanUpVectorized(func, /*foldTransposes=*/true);
    if (failed(runStage([&](vmapc::Schedule &s) {
          func.walk([&](linalg::LinalgOp op) {
            if (lanesLater(op) && op.hasPureTensorSemantics())
              scheduleLanesInnermost(s, op, shape, reductionLanes(op));
          });
        })))
      return signalPassFailure();
    if (failed(runStage([&](vmapc::Schedule &s) {
          scheduleVectorization(s, func, shape,
                                [](linalg::LinalgOp) { return true; });
        })))
      return signalPassFailure();
    cleanUpVectorized(func, /*foldTransposes=*/false);

    func.walk([](Operation *op) {
      for (StringRef mark : {kReadsBlock, kTiny, kLanesLater})
        op->removeAttr(mark);
    });
  }
};

} // namespace
