//===- ControlFlowRules.cpp - Batching loops and branches -------*- C++ -*-===//
//
// JAX's control-flow batching rules (lax.control_flow), MLIR-native:
//
// - Loops carry values; a carried value is batched when its initial value
//   is, or when the body makes it so (it mixes in a batched value). That is
//   a fixed point: batch the body with the current guess, mark carries the
//   body yields batched, repeat. The loop is then rebuilt once with every
//   batched carry forced to its batch dim (an unbatched yield of a batched
//   carry is materialized), so the body's types agree around the loop.
// - A `while` whose predicate is batched (or a fori_loop whose bounds are)
//   cannot stop per lane: it runs while ANY lane's predicate holds, and the
//   body keeps finished lanes frozen with a select on their own predicate.
//   All carries are then batched, as in JAX.
// - A `cond` whose predicate is batched evaluates every branch and selects
//   per lane; with an unbatched predicate it stays one real branch, whose
//   results are batched when some branch's are.
//
// Regions are batched through BatchingBuilder::batchRegion, into scratch
// regions first when the rule still needs the natural batch dims, and the
// finished body is then moved into the new op.
//
//===----------------------------------------------------------------------===//
#include "dialect/Batching.h"
#include "dialect/Batching/Rules.h"
#include "dialect/VmapcOps.h"

using namespace mlir;
using namespace vmapc;

namespace {

using Dims = SmallVector<std::optional<int64_t>>;

/// Moves the ops of `block` (the one block of a batched scratch region) to
/// the insertion point of `builder`, its arguments replaced by `args`, and
/// returns what its terminator yielded; the terminator is dropped.
SmallVector<Value> inlineBlock(OpBuilder &builder, Block &block,
                               ValueRange args) {
  for (auto [arg, value] : llvm::zip_equal(block.getArguments(), args))
    arg.replaceAllUsesWith(value);
  Operation *terminator = &block.back();
  SmallVector<Value> yielded(terminator->getOperands());
  terminator->erase();
  Block *dest = builder.getInsertionBlock();
  dest->getOperations().splice(builder.getInsertionPoint(),
                               block.getOperations());
  return yielded;
}

/// Batches `region` into a fresh block and inlines it at the builder's
/// insertion point on `args` (batched at `argDims`); returns the yielded
/// values with their batch dims (forced to `resultDims` where set).
FailureOr<SmallVector<BatchedValue>>
batchInline(BatchingBuilder &builder, Region &region, ValueRange args,
            ArrayRef<std::optional<int64_t>> argDims,
            ArrayRef<std::optional<int64_t>> resultDims) {
  Region scratch;
  FailureOr<Dims> dims =
      builder.batchRegion(region, scratch, argDims, resultDims);
  if (failed(dims))
    return failure();
  SmallVector<Value> values =
      inlineBlock(builder.getBuilder(), scratch.front(), args);
  SmallVector<BatchedValue> result;
  for (auto [value, dim] : llvm::zip_equal(values, *dims))
    result.push_back({value, dim});
  return result;
}

/// The fixed point of a loop body's carried batch dims. The body's block
/// arguments are `prefix` (not carried), the carries, then `suffix`; its
/// yield starts with the carries. Returns the batch dim of every carry.
FailureOr<Dims> carryFixedPoint(BatchingBuilder &builder, Region &body,
                                ArrayRef<std::optional<int64_t>> prefix,
                                Dims carries,
                                ArrayRef<std::optional<int64_t>> suffix) {
  // Each round either batches one more carry or stops, so this ends after
  // at most carries.size() + 1 rounds.
  while (true) {
    Dims argDims(prefix);
    llvm::append_range(argDims, carries);
    llvm::append_range(argDims, suffix);
    Region scratch;
    FailureOr<Dims> yielded = builder.batchRegion(body, scratch, argDims, {});
    if (failed(yielded))
      return failure();
    bool changed = false;
    for (auto [k, dim] : llvm::enumerate(carries)) {
      if (!dim && (*yielded)[k]) {
        dim = (*yielded)[k];
        changed = true;
      }
    }
    if (!changed)
      return carries;
  }
}

/// Batches `source` with `argDims`, forcing `resultDims`, and moves the
/// result into the empty region `dest` of a new op.
LogicalResult batchInto(BatchingBuilder &builder, Region &source, Region &dest,
                        ArrayRef<std::optional<int64_t>> argDims,
                        ArrayRef<std::optional<int64_t>> resultDims) {
  return builder.batchRegion(source, dest, argDims, resultDims);
}

/// `value` (batched or not) brought to batch dim `dim`.
Value atDim(BatchingBuilder &builder, Location loc, const BatchedValue &value,
            int64_t dim) {
  return builder.moveBatchDim(loc, value, dim);
}

/// A splat constant of `type` with the integer `v`.
Value splatInt(OpBuilder &b, Location loc, RankedTensorType type, int64_t v) {
  return ConstantOp::create(
      b, loc,
      DenseElementsAttr::get(type, b.getIntegerAttr(type.getElementType(), v)));
}

/// `pred`, a per-lane predicate tensor<B x i1>, broadcast to the i1 tensor
/// with the shape of `like`, whose batch dim is `dim`.
Value laneMask(OpBuilder &b, Location loc, Value pred, Value like,
               int64_t dim) {
  auto likeType = cast<RankedTensorType>(like.getType());
  auto maskType = RankedTensorType::get(likeType.getShape(), b.getI1Type());
  if (maskType == pred.getType())
    return pred;
  return BroadcastInDimOp::create(b, loc, maskType, pred,
                                  ArrayRef<int64_t>{dim});
}

/// Per lane, `onTrue` where `pred` (tensor<B x i1>) holds, else `onFalse`;
/// both batched at `dim`.
Value selectLanes(OpBuilder &b, Location loc, Value pred, Value onTrue,
                  Value onFalse, int64_t dim) {
  return SelectOp::create(b, loc, laneMask(b, loc, pred, onTrue, dim), onTrue,
                          onFalse);
}

/// Whether any lane of `pred` (tensor<B x i1>) holds, as a tensor<i1>.
Value anyLane(OpBuilder &b, Location loc, Value pred) {
  auto predType = cast<RankedTensorType>(pred.getType());
  auto i32Type = RankedTensorType::get(predType.getShape(), b.getI32Type());
  Value asInt = ConvertOp::create(b, loc, i32Type, pred);
  auto scalarType = RankedTensorType::get({}, b.getI32Type());
  Value count =
      ReduceOp::create(b, loc, scalarType, asInt, b.getStringAttr("max"),
                       b.getDenseI64ArrayAttr({0}));
  Value zero = splatInt(b, loc, scalarType, 0);
  return CompareOp::create(b, loc, count, zero, b.getStringAttr("gt"));
}

/// Builds a `vmapc.while` that runs while any lane of `lanePred(carried)`
/// holds and, in its body, replaces the carried values of the lanes whose
/// predicate holds by `step(carried)`, leaving finished lanes frozen. All
/// `inits` are batched, at `dims`. `lanePred` and `step` emit at the
/// builder's insertion point (inside the new regions).
using LaneFn = function_ref<FailureOr<SmallVector<Value>>(ValueRange)>;
FailureOr<WhileOp> buildMaskedWhile(BatchingBuilder &builder, Location loc,
                                    ValueRange inits, ArrayRef<int64_t> dims,
                                    LaneFn lanePred, LaneFn step) {
  OpBuilder &b = builder.getBuilder();
  auto loop = WhileOp::create(b, loc, inits.getTypes(), inits);
  OpBuilder::InsertionGuard guard(b);
  SmallVector<Location> locs(inits.size(), loc);

  Block *cond = b.createBlock(&loop.getCond(), {}, inits.getTypes(), locs);
  FailureOr<SmallVector<Value>> pred = lanePred(cond->getArguments());
  if (failed(pred))
    return failure();
  YieldOp::create(b, loc, anyLane(b, loc, (*pred)[0]));

  Block *body = b.createBlock(&loop.getBody(), {}, inits.getTypes(), locs);
  FailureOr<SmallVector<Value>> live = lanePred(body->getArguments());
  if (failed(live))
    return failure();
  FailureOr<SmallVector<Value>> next = step(body->getArguments());
  if (failed(next))
    return failure();
  SmallVector<Value> frozen;
  for (auto [old, updated, dim] :
       llvm::zip_equal(body->getArguments(), *next, dims))
    frozen.push_back(selectLanes(b, loc, (*live)[0], updated, old, dim));
  YieldOp::create(b, loc, frozen);
  return loop;
}

/// `values`, each batched at the matching entry of `dims` (a masked while's
/// results).
SmallVector<BatchedValue> batchedAt(ValueRange values, ArrayRef<int64_t> dims) {
  SmallVector<BatchedValue> out;
  for (auto [value, dim] : llvm::zip_equal(values, dims))
    out.push_back(BatchedValue::batched(value, dim));
  return out;
}

/// Carry dims for a loop whose lanes run for different trip counts: every
/// carry is batched, where its initial value already is or at 0.
SmallVector<int64_t> allBatched(ArrayRef<std::optional<int64_t>> dims) {
  return llvm::map_to_vector(
      dims, [](std::optional<int64_t> d) { return d.value_or(0); });
}

//===----------------------------------------------------------------------===//
// fori_loop
//===----------------------------------------------------------------------===//

struct ForiLoopRule
    : BatchingOpInterface::ExternalModel<ForiLoopRule, ForiLoopOp> {
  FailureOr<SmallVector<BatchedValue>>
  batch(Operation *op, BatchingBuilder &builder,
        ArrayRef<BatchedValue> operands) const {
    auto loop = cast<ForiLoopOp>(op);
    Location loc = op->getLoc();
    ArrayRef<BatchedValue> inits = operands.drop_front(2);
    Dims initDims = llvm::map_to_vector(
        inits, [](const BatchedValue &v) { return v.batchDim; });
    if (operands[0].isBatched() || operands[1].isBatched())
      return batchedBounds(loop, builder, operands[0], operands[1], inits);

    FailureOr<Dims> dims =
        carryFixedPoint(builder, loop.getBody(), {std::nullopt}, initDims, {});
    if (failed(dims))
      return failure();
    SmallVector<Value> values;
    for (auto [init, dim] : llvm::zip_equal(inits, *dims))
      values.push_back(dim ? atDim(builder, loc, init, *dim) : init.value);
    auto batched = ForiLoopOp::create(
        builder.getBuilder(), loc, ValueRange(values).getTypes(),
        operands[0].value, operands[1].value, values);
    Dims argDims{std::nullopt};
    llvm::append_range(argDims, *dims);
    if (failed(batchInto(builder, loop.getBody(), batched.getBody(), argDims,
                         *dims)))
      return failure();
    SmallVector<BatchedValue> results;
    for (auto [result, dim] : llvm::zip_equal(batched.getResults(), *dims))
      results.push_back({result, dim});
    return results;
  }

  /// Per-lane trip counts (JAX turns such a fori_loop into a while_loop):
  /// the index becomes a batched carry, lanes stop when their index reaches
  /// their upper bound.
  static FailureOr<SmallVector<BatchedValue>>
  batchedBounds(ForiLoopOp loop, BatchingBuilder &builder,
                const BatchedValue &lower, const BatchedValue &upper,
                ArrayRef<BatchedValue> inits) {
    Location loc = loop.getLoc();
    OpBuilder &b = builder.getBuilder();
    // Rank-0 bounds batch to tensor<B x iN> with the batch dim at 0.
    Value index0 = atDim(builder, loc, lower, 0);
    Value limit = atDim(builder, loc, upper, 0);
    Dims initDims = llvm::map_to_vector(
        inits, [](const BatchedValue &v) { return v.batchDim; });
    SmallVector<int64_t> dims{0};
    llvm::append_range(dims, allBatched(initDims));
    SmallVector<Value> values{index0};
    for (auto [init, dim] : llvm::zip_equal(inits, ArrayRef(dims).drop_front()))
      values.push_back(atDim(builder, loc, init, dim));
    Dims bodyDims = llvm::map_to_vector(
        dims, [](int64_t d) { return std::optional<int64_t>(d); });

    auto lanePred = [&](ValueRange carried) -> FailureOr<SmallVector<Value>> {
      return SmallVector<Value>{
          CompareOp::create(b, loc, carried[0], limit, b.getStringAttr("lt"))};
    };
    auto step = [&](ValueRange carried) -> FailureOr<SmallVector<Value>> {
      FailureOr<SmallVector<BatchedValue>> next =
          batchInline(builder, loop.getBody(), carried, bodyDims,
                      ArrayRef(bodyDims).drop_front());
      if (failed(next))
        return failure();
      Value one = splatInt(b, loc, cast<RankedTensorType>(index0.getType()), 1);
      SmallVector<Value> values{AddOp::create(b, loc, carried[0], one)};
      for (const BatchedValue &v : *next)
        values.push_back(v.value);
      return values;
    };
    FailureOr<WhileOp> batched =
        buildMaskedWhile(builder, loc, values, dims, lanePred, step);
    if (failed(batched))
      return failure();
    // The first carry is the loop index, not a result of fori_loop.
    return batchedAt(batched->getResults().drop_front(),
                     ArrayRef(dims).drop_front());
  }
};

//===----------------------------------------------------------------------===//
// scan
//===----------------------------------------------------------------------===//

struct ScanRule : BatchingOpInterface::ExternalModel<ScanRule, ScanOp> {
  FailureOr<SmallVector<BatchedValue>>
  batch(Operation *op, BatchingBuilder &builder,
        ArrayRef<BatchedValue> operands) const {
    auto scan = cast<ScanOp>(op);
    Location loc = op->getLoc();
    unsigned numCarried = scan.getNumCarried();
    ArrayRef<BatchedValue> inits = operands.take_front(numCarried);
    ArrayRef<BatchedValue> xs = operands.drop_front(numCarried);

    // The scanned axis stays the leading one: an xs batched there gets its
    // batch dim moved to 1, and a step's slice is then batched at dim - 1.
    SmallVector<Value> xsValues;
    Dims sliceDims;
    for (const BatchedValue &x : xs) {
      if (!x.batchDim) {
        xsValues.push_back(x.value);
        sliceDims.push_back(std::nullopt);
        continue;
      }
      int64_t dim = std::max<int64_t>(*x.batchDim, 1);
      xsValues.push_back(atDim(builder, loc, x, dim));
      sliceDims.push_back(dim - 1);
    }

    Dims initDims = llvm::map_to_vector(
        inits, [](const BatchedValue &v) { return v.batchDim; });
    FailureOr<Dims> dims =
        carryFixedPoint(builder, scan.getBody(), {}, initDims, sliceDims);
    if (failed(dims))
      return failure();

    // The per-step outputs keep the dims the body gives them; the result
    // types follow from those, so batch into a scratch region first.
    Dims argDims(*dims);
    llvm::append_range(argDims, sliceDims);
    Dims forced(*dims);
    forced.resize(scan.getNumResults(), std::nullopt);
    Region body;
    FailureOr<Dims> yielded =
        builder.batchRegion(scan.getBody(), body, argDims, forced);
    if (failed(yielded))
      return failure();

    SmallVector<Value> initValues;
    for (auto [init, dim] : llvm::zip_equal(inits, *dims))
      initValues.push_back(dim ? atDim(builder, loc, init, *dim) : init.value);
    SmallVector<Type> types(ValueRange(initValues).getTypes());
    Dims resultDims(*dims);
    Operation *terminator = &body.front().back();
    for (unsigned j = numCarried; j < scan.getNumResults(); ++j) {
      std::optional<int64_t> stepDim = (*yielded)[j];
      auto stepType =
          cast<RankedTensorType>(terminator->getOperand(j).getType());
      types.push_back(
          BatchingBuilder::insertDim(stepType, 0, scan.getLength()));
      resultDims.push_back(stepDim ? std::optional<int64_t>(*stepDim + 1)
                                   : std::nullopt);
    }
    auto batched = ScanOp::create(builder.getBuilder(), loc, types, initValues,
                                  xsValues, scan.getLength());
    batched.getBody().takeBody(body);
    SmallVector<BatchedValue> results;
    for (auto [result, dim] : llvm::zip_equal(batched.getResults(), resultDims))
      results.push_back({result, dim});
    return results;
  }
};

//===----------------------------------------------------------------------===//
// while
//===----------------------------------------------------------------------===//

struct WhileRule : BatchingOpInterface::ExternalModel<WhileRule, WhileOp> {
  FailureOr<SmallVector<BatchedValue>>
  batch(Operation *op, BatchingBuilder &builder,
        ArrayRef<BatchedValue> operands) const {
    auto loop = cast<WhileOp>(op);
    Location loc = op->getLoc();
    Dims initDims = llvm::map_to_vector(
        operands, [](const BatchedValue &v) { return v.batchDim; });
    FailureOr<Dims> dims =
        carryFixedPoint(builder, loop.getBody(), {}, initDims, {});
    if (failed(dims))
      return failure();

    // Is the predicate batched, given the carries?
    Region condScratch;
    FailureOr<Dims> predDim =
        builder.batchRegion(loop.getCond(), condScratch, *dims, {});
    if (failed(predDim))
      return failure();
    if ((*predDim)[0])
      return batchedPredicate(loop, builder, operands, *dims);

    SmallVector<Value> values;
    for (auto [init, dim] : llvm::zip_equal(operands, *dims))
      values.push_back(dim ? atDim(builder, loc, init, *dim) : init.value);
    auto batched = WhileOp::create(builder.getBuilder(), loc,
                                   ValueRange(values).getTypes(), values);
    batched.getCond().takeBody(condScratch);
    if (failed(batchInto(builder, loop.getBody(), batched.getBody(), *dims,
                         *dims)))
      return failure();
    SmallVector<BatchedValue> results;
    for (auto [result, dim] : llvm::zip_equal(batched.getResults(), *dims))
      results.push_back({result, dim});
    return results;
  }

  /// Lanes finish at different times: loop while any lane's predicate
  /// holds, freezing finished lanes.
  static FailureOr<SmallVector<BatchedValue>>
  batchedPredicate(WhileOp loop, BatchingBuilder &builder,
                   ArrayRef<BatchedValue> inits,
                   ArrayRef<std::optional<int64_t>> carryDims) {
    Location loc = loop.getLoc();
    SmallVector<int64_t> dims = allBatched(carryDims);
    Dims argDims = llvm::map_to_vector(
        dims, [](int64_t d) { return std::optional<int64_t>(d); });
    SmallVector<Value> values;
    for (auto [init, dim] : llvm::zip_equal(inits, dims))
      values.push_back(atDim(builder, loc, init, dim));

    auto lanePred = [&](ValueRange carried) -> FailureOr<SmallVector<Value>> {
      // A batched rank-0 predicate has its batch dim at 0: tensor<B x i1>.
      FailureOr<SmallVector<BatchedValue>> pred =
          batchInline(builder, loop.getCond(), carried, argDims,
                      {std::optional<int64_t>(0)});
      if (failed(pred))
        return failure();
      return SmallVector<Value>{(*pred)[0].value};
    };
    auto step = [&](ValueRange carried) -> FailureOr<SmallVector<Value>> {
      FailureOr<SmallVector<BatchedValue>> next =
          batchInline(builder, loop.getBody(), carried, argDims, argDims);
      if (failed(next))
        return failure();
      return llvm::map_to_vector(*next,
                                 [](const BatchedValue &v) { return v.value; });
    };
    FailureOr<WhileOp> batched =
        buildMaskedWhile(builder, loc, values, dims, lanePred, step);
    if (failed(batched))
      return failure();
    return batchedAt(batched->getResults(), dims);
  }
};

//===----------------------------------------------------------------------===//
// cond
//===----------------------------------------------------------------------===//

struct CondRule : BatchingOpInterface::ExternalModel<CondRule, CondOp> {
  FailureOr<SmallVector<BatchedValue>>
  batch(Operation *op, BatchingBuilder &builder,
        ArrayRef<BatchedValue> operands) const {
    auto cond = cast<CondOp>(op);
    if (operands[0].isBatched())
      return batchedPredicate(cond, builder, operands[0]);

    // One real branch. A result is batched when any branch's is; the
    // branches are then made to agree on its batch dim.
    unsigned numResults = op->getNumResults();
    Dims resultDims(numResults, std::nullopt);
    for (Region &branch : cond.getBranches()) {
      Region scratch;
      FailureOr<Dims> dims = builder.batchRegion(branch, scratch, {}, {});
      if (failed(dims))
        return failure();
      for (unsigned j = 0; j < numResults; ++j)
        if (!resultDims[j])
          resultDims[j] = (*dims)[j];
    }
    SmallVector<Type> types;
    for (auto [type, dim] : llvm::zip_equal(op->getResultTypes(), resultDims))
      types.push_back(dim ? Type(builder.batchedType(type, *dim)) : type);
    auto batched = CondOp::create(builder.getBuilder(), op->getLoc(), types,
                                  operands[0].value, cond.getBranches().size());
    for (auto [branch, dest] :
         llvm::zip_equal(cond.getBranches(), batched.getBranches()))
      if (failed(batchInto(builder, branch, dest, {}, resultDims)))
        return failure();
    SmallVector<BatchedValue> results;
    for (auto [result, dim] : llvm::zip_equal(batched.getResults(), resultDims))
      results.push_back({result, dim});
    return results;
  }

  /// Every branch runs; each lane takes its own branch's values.
  static FailureOr<SmallVector<BatchedValue>>
  batchedPredicate(CondOp cond, BatchingBuilder &builder,
                   const BatchedValue &selector) {
    Location loc = cond.getLoc();
    OpBuilder &b = builder.getBuilder();
    SmallVector<SmallVector<BatchedValue>> branchValues;
    for (Region &branch : cond.getBranches()) {
      FailureOr<SmallVector<BatchedValue>> values =
          batchInline(builder, branch, {}, {}, {});
      if (failed(values))
        return failure();
      branchValues.push_back(std::move(*values));
    }
    // A batched rank-0 selector is tensor<B x iN> (batch dim 0).
    Value lanes = selector.value;
    auto laneType = cast<RankedTensorType>(lanes.getType());
    unsigned numBranches = branchValues.size();
    SmallVector<BatchedValue> results;
    for (unsigned j = 0; j < cond.getNumResults(); ++j) {
      SmallVector<BatchedValue> candidates;
      for (auto &values : branchValues)
        candidates.push_back(values[j]);
      int64_t dim = BatchingBuilder::preferredBatchDim(candidates);
      SmallVector<Value> aligned = builder.alignBatchDims(loc, candidates, dim);
      Value result;
      if (cond.isPredicate()) {
        result = selectLanes(b, loc, lanes, aligned[0], aligned[1], dim);
      } else {
        // lax.switch clamps the index, so branch k is taken where
        // index <= k and no earlier branch was: fold from the last branch.
        result = aligned[numBranches - 1];
        for (int64_t k = numBranches - 2; k >= 0; --k) {
          Value bound = splatInt(b, loc, laneType, k);
          Value take =
              CompareOp::create(b, loc, lanes, bound, b.getStringAttr("le"));
          result = selectLanes(b, loc, take, aligned[k], result, dim);
        }
      }
      results.push_back(BatchedValue::batched(result, dim));
    }
    return results;
  }
};

} // namespace

void vmapc::attachControlFlowRules(MLIRContext *context) {
  ForiLoopOp::attachInterface<ForiLoopRule>(*context);
  ScanOp::attachInterface<ScanRule>(*context);
  WhileOp::attachInterface<WhileRule>(*context);
  CondOp::attachInterface<CondRule>(*context);
}
