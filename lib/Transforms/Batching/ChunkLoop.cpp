//===- ChunkLoop.cpp - A chunked vmap as a loop over chunks -----*- C++ -*-===//
//
// The loop a chunked vmap becomes, for batch size N and chunk size C:
//
//   for i in 0, C, .., (N / C - 1) * C:   (scf.for, or scf.forall if parallel)
//     results[i : i + C] = chunk(operands[i : i + C])
//   if N % C != 0:                         (the tail)
//     start = max(N - C, 0)
//     window = operands[start : N], padded to C lanes with copies of lane N-1
//     results[N / C * C : N] = chunk(window)[N / C * C - start :]
//
// The tail recomputes some lanes of the last full chunk rather than calling
// a second copy built for N % C lanes: with N unknown at compile time there
// is no such size, and one copy keeps the code small. Padding (only when
// N < C) repeats a real lane, not zeros, so a data-dependent loop in the
// callee (vmapc.while) sees inputs it terminates on. Results with out_axes
// none depend on no mapped operand; they come from one call of the
// unbatched callee, whose mapped arguments are zeros it does not read.
//
//===----------------------------------------------------------------------===//
#include "ChunkLoop.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/Dialect/Tensor/IR/Tensor.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;
using namespace vmapc;

bool vmapc::isChunked(VmapOp vmap) {
  std::optional<int64_t> chunk = vmap.getChunkSize();
  if (!chunk)
    return false;
  // A mapped value with no elements has nothing to split (and
  // tensor.extract_slice rejects offsets into a size-0 dim).
  auto empty = [](Type t) {
    auto shaped = cast<ShapedType>(t);
    return llvm::is_contained(shaped.getShape(), 0);
  };
  for (unsigned i = 0, e = vmap.getOperands().size(); i < e; ++i)
    if (vmap.getInAxis(i) && empty(vmap.getOperand(i).getType()))
      return false;
  if (llvm::any_of(vmap.getResultTypes(), empty))
    return false;
  int64_t size = vmap.getBatchSize();
  return ShapedType::isDynamic(size) || size > *chunk;
}

namespace {

/// Builds the pieces of the chunk loop of one vmap.
class ChunkLoopBuilder {
public:
  ChunkLoopBuilder(OpBuilder &builder, VmapOp vmap,
                   const BatchedFunction &chunk, PlaceChunkResults place)
      : builder(builder), vmap(vmap), loc(vmap.getLoc()), chunk(chunk),
        place(place), chunkSize(*vmap.getChunkSize()) {}

  FailureOr<SmallVector<Value>> build();

private:
  /// The batch size as an index value.
  Value batchSize();
  Value index(OpBuilder &b, int64_t value) {
    return arith::ConstantIndexOp::create(b, loc, value);
  }

  /// Lanes [offset, offset + size) of `value` along `axis`.
  Value slice(OpBuilder &b, Value value, int64_t axis, OpFoldResult offset,
              OpFoldResult size);
  /// Offsets, sizes and strides of that slice.
  void sliceBounds(RankedTensorType type, int64_t axis, OpFoldResult offset,
                   OpFoldResult size, SmallVectorImpl<OpFoldResult> &offsets,
                   SmallVectorImpl<OpFoldResult> &sizes,
                   SmallVectorImpl<OpFoldResult> &strides);

  /// Calls the chunk copy on `operands` (the chunk's mapped operands, the
  /// vmap's unmapped ones) and places its results at out_axes.
  FailureOr<SmallVector<Value>> callChunk(OpBuilder &b, ValueRange operands);

  /// The loop over the full chunks, updating `accs` (one per mapped result).
  FailureOr<SmallVector<Value>> buildFullChunks(Value fullEnd, ValueRange accs);
  /// The tail: lanes [fullEnd, n) of every mapped result.
  FailureOr<SmallVector<Value>> buildTail(OpBuilder &b, Value n, Value fullEnd,
                                          ValueRange accs);
  /// The operand window of the tail, padded to one chunk.
  Value tailOperand(OpBuilder &b, Value operand, int64_t axis, Value n,
                    Value start);
  /// The results with out_axes none, from one call of the unbatched callee.
  SmallVector<Value> buildUnmappedResults();

  OpBuilder &builder;
  VmapOp vmap;
  Location loc;
  const BatchedFunction &chunk;
  PlaceChunkResults place;
  int64_t chunkSize;
  /// Indices of the results with an out axis, in order.
  SmallVector<unsigned> mappedResults;
};

} // namespace

Value ChunkLoopBuilder::batchSize() {
  int64_t size = vmap.getBatchSize();
  if (!ShapedType::isDynamic(size))
    return index(builder, size);
  // The verifier allows `?` only when some operand is mapped, and requires
  // every mapped operand to agree, so the first one tells.
  for (unsigned i = 0, e = vmap.getOperands().size(); i < e; ++i)
    if (std::optional<int64_t> axis = vmap.getInAxis(i))
      return tensor::DimOp::create(builder, loc, vmap.getOperands()[i], *axis);
  llvm_unreachable("a dynamic batch size without a mapped operand");
}

void ChunkLoopBuilder::sliceBounds(RankedTensorType type, int64_t axis,
                                   OpFoldResult offset, OpFoldResult size,
                                   SmallVectorImpl<OpFoldResult> &offsets,
                                   SmallVectorImpl<OpFoldResult> &sizes,
                                   SmallVectorImpl<OpFoldResult> &strides) {
  for (int64_t d = 0; d < type.getRank(); ++d) {
    offsets.push_back(d == axis ? offset : builder.getIndexAttr(0));
    sizes.push_back(d == axis ? size
                              : builder.getIndexAttr(type.getDimSize(d)));
    strides.push_back(builder.getIndexAttr(1));
  }
}

Value ChunkLoopBuilder::slice(OpBuilder &b, Value value, int64_t axis,
                              OpFoldResult offset, OpFoldResult size) {
  SmallVector<OpFoldResult> offsets, sizes, strides;
  sliceBounds(cast<RankedTensorType>(value.getType()), axis, offset, size,
              offsets, sizes, strides);
  return tensor::ExtractSliceOp::create(b, loc, value, offsets, sizes, strides);
}

FailureOr<SmallVector<Value>> ChunkLoopBuilder::callChunk(OpBuilder &b,
                                                          ValueRange operands) {
  auto call = func::CallOp::create(b, loc, chunk.func, operands);
  FailureOr<SmallVector<Value>> placed = place(b, call.getResults());
  if (failed(placed))
    return failure();
  return llvm::map_to_vector(mappedResults,
                             [&](unsigned j) { return (*placed)[j]; });
}

FailureOr<SmallVector<Value>>
ChunkLoopBuilder::buildFullChunks(Value fullEnd, ValueRange accs) {
  Value zero = index(builder, 0), step = index(builder, chunkSize);
  auto chunkOperands = [&](OpBuilder &b, Value offset) {
    SmallVector<Value> operands;
    for (auto [i, operand] : llvm::enumerate(vmap.getOperands())) {
      std::optional<int64_t> axis = vmap.getInAxis(i);
      operands.push_back(
          axis ? slice(b, operand, *axis, offset, b.getIndexAttr(chunkSize))
               : operand);
    }
    return operands;
  };
  // Where result `k` (of the mapped ones) of a chunk goes in its
  // accumulator.
  auto insertBounds = [&](Value acc, unsigned k, Value offset,
                          SmallVectorImpl<OpFoldResult> &offsets,
                          SmallVectorImpl<OpFoldResult> &sizes,
                          SmallVectorImpl<OpFoldResult> &strides) {
    sliceBounds(cast<RankedTensorType>(acc.getType()),
                *vmap.getOutAxis(mappedResults[k]), offset,
                builder.getIndexAttr(chunkSize), offsets, sizes, strides);
  };

  if (!vmap.getParallel()) {
    bool callFailed = false;
    auto loop = scf::ForOp::create(
        builder, loc, zero, fullEnd, step, accs,
        [&](OpBuilder &b, Location, Value offset, ValueRange iterAccs) {
          FailureOr<SmallVector<Value>> results =
              callChunk(b, chunkOperands(b, offset));
          SmallVector<Value> updated(iterAccs);
          if (failed(results)) {
            callFailed = true;
          } else {
            for (auto [k, result] : llvm::enumerate(*results)) {
              SmallVector<OpFoldResult> offsets, sizes, strides;
              insertBounds(iterAccs[k], k, offset, offsets, sizes, strides);
              updated[k] = tensor::InsertSliceOp::create(
                  b, loc, result, iterAccs[k], offsets, sizes, strides);
            }
          }
          scf::YieldOp::create(b, loc, updated);
        });
    if (callFailed) {
      loop.erase();
      return failure();
    }
    return SmallVector<Value>(loop.getResults());
  }

  // Parallel: the chunks write disjoint slices of shared outputs.
  auto forall = scf::ForallOp::create(
      builder, loc, ArrayRef<OpFoldResult>{zero},
      ArrayRef<OpFoldResult>{fullEnd}, ArrayRef<OpFoldResult>{step}, accs,
      /*mapping=*/std::nullopt);
  OpBuilder body = OpBuilder::atBlockBegin(forall.getBody());
  Value offset = forall.getInductionVar(0);
  FailureOr<SmallVector<Value>> results =
      callChunk(body, chunkOperands(body, offset));
  if (failed(results)) {
    forall.erase();
    return failure();
  }
  body.setInsertionPointToStart(forall.getTerminator().getBody());
  for (auto [k, result] : llvm::enumerate(*results)) {
    Value shared = forall.getRegionIterArgs()[k];
    SmallVector<OpFoldResult> offsets, sizes, strides;
    insertBounds(shared, k, offset, offsets, sizes, strides);
    tensor::ParallelInsertSliceOp::create(body, loc, result, shared, offsets,
                                          sizes, strides);
  }
  return SmallVector<Value>(forall.getResults());
}

Value ChunkLoopBuilder::tailOperand(OpBuilder &b, Value operand, int64_t axis,
                                    Value n, Value start) {
  auto type = cast<RankedTensorType>(operand.getType());
  SmallVector<int64_t> chunkShape(type.getShape());
  chunkShape[axis] = chunkSize;
  auto chunkType = type.clone(chunkShape);
  // A static batch reaches the tail only when it is larger than a chunk, so
  // the window is a whole chunk; only a dynamic one may need padding.
  if (!type.isDynamicDim(axis))
    return slice(b, operand, axis, start, b.getIndexAttr(chunkSize));

  Value window =
      slice(b, operand, axis, start,
            arith::MinUIOp::create(b, loc, n, index(b, chunkSize)).getResult());
  // Lane n-1, as one example, repeated over a chunk.
  SmallVector<OpFoldResult> offsets, sizes, strides;
  Value last = arith::SubIOp::create(b, loc, n, index(b, 1));
  sliceBounds(type, axis, last, b.getIndexAttr(1), offsets, sizes, strides);
  SmallVector<int64_t> exampleShape(type.getShape());
  exampleShape.erase(exampleShape.begin() + axis);
  Value lane = tensor::ExtractSliceOp::create(b, loc, type.clone(exampleShape),
                                              operand, offsets, sizes, strides);
  SmallVector<int64_t> dims;
  for (int64_t d = 0; d < type.getRank(); ++d)
    if (d != axis)
      dims.push_back(d);
  Value padded = BroadcastInDimOp::create(b, loc, chunkType, lane, dims);
  offsets.clear();
  sizes.clear();
  strides.clear();
  sliceBounds(type, axis, b.getIndexAttr(0),
              tensor::getMixedSize(b, loc, window, axis), offsets, sizes,
              strides);
  return tensor::InsertSliceOp::create(b, loc, window, padded, offsets, sizes,
                                       strides);
}

FailureOr<SmallVector<Value>> ChunkLoopBuilder::buildTail(OpBuilder &b, Value n,
                                                          Value fullEnd,
                                                          ValueRange accs) {
  Value c = index(b, chunkSize);
  Value start = arith::MaxSIOp::create(
      b, loc, arith::SubIOp::create(b, loc, n, c), index(b, 0));
  SmallVector<Value> operands;
  for (auto [i, operand] : llvm::enumerate(vmap.getOperands())) {
    std::optional<int64_t> axis = vmap.getInAxis(i);
    operands.push_back(axis ? tailOperand(b, operand, *axis, n, start)
                            : operand);
  }
  FailureOr<SmallVector<Value>> results = callChunk(b, operands);
  if (failed(results))
    return failure();
  Value first = arith::SubIOp::create(b, loc, fullEnd, start);
  Value count = arith::SubIOp::create(b, loc, n, fullEnd);
  SmallVector<Value> updated;
  for (auto [k, result] : llvm::enumerate(*results)) {
    int64_t axis = *vmap.getOutAxis(mappedResults[k]);
    Value lanes = slice(b, result, axis, first, count);
    SmallVector<OpFoldResult> offsets, sizes, strides;
    sliceBounds(cast<RankedTensorType>(accs[k].getType()), axis, fullEnd, count,
                offsets, sizes, strides);
    updated.push_back(tensor::InsertSliceOp::create(b, loc, lanes, accs[k],
                                                    offsets, sizes, strides));
  }
  return updated;
}

SmallVector<Value> ChunkLoopBuilder::buildUnmappedResults() {
  SmallVector<Value> results(vmap.getNumResults());
  if (mappedResults.size() == vmap.getNumResults())
    return results;
  auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
      vmap, vmap.getCalleeAttr());
  SmallVector<Value> operands;
  for (auto [i, operand] : llvm::enumerate(vmap.getOperands())) {
    if (!vmap.getInAxis(i)) {
      operands.push_back(operand);
      continue;
    }
    auto type = cast<RankedTensorType>(callee.getArgumentTypes()[i]);
    operands.push_back(ConstantOp::create(
        builder, loc,
        DenseElementsAttr::get(type,
                               builder.getZeroAttr(type.getElementType()))));
  }
  auto call = func::CallOp::create(builder, loc, callee, operands);
  for (unsigned j = 0, e = vmap.getNumResults(); j < e; ++j)
    if (!vmap.getOutAxis(j))
      results[j] = call.getResult(j);
  return results;
}

FailureOr<SmallVector<Value>> ChunkLoopBuilder::build() {
  for (unsigned j = 0, e = vmap.getNumResults(); j < e; ++j)
    if (vmap.getOutAxis(j))
      mappedResults.push_back(j);
  SmallVector<Value> results = buildUnmappedResults();
  if (mappedResults.empty())
    return results;

  Value n = batchSize();
  SmallVector<Value> accs;
  for (unsigned j : mappedResults) {
    auto type = cast<RankedTensorType>(vmap.getResult(j).getType());
    SmallVector<Value> dynamicSizes;
    if (type.isDynamicDim(*vmap.getOutAxis(j)))
      dynamicSizes.push_back(n);
    accs.push_back(tensor::EmptyOp::create(builder, loc, type, dynamicSizes));
  }
  Value c = index(builder, chunkSize);
  Value fullEnd = arith::MulIOp::create(
      builder, loc, arith::DivUIOp::create(builder, loc, n, c), c);
  FailureOr<SmallVector<Value>> full = buildFullChunks(fullEnd, accs);
  if (failed(full))
    return failure();

  SmallVector<Value> mapped;
  int64_t staticSize = vmap.getBatchSize();
  if (!ShapedType::isDynamic(staticSize)) {
    // The tail, if any, is known here.
    if (staticSize % chunkSize == 0) {
      mapped = *full;
    } else {
      FailureOr<SmallVector<Value>> tail =
          buildTail(builder, n, fullEnd, *full);
      if (failed(tail))
        return failure();
      mapped = *tail;
    }
  } else {
    Value hasTail = arith::CmpIOp::create(
        builder, loc, arith::CmpIPredicate::ult, fullEnd, n);
    auto ifOp = scf::IfOp::create(builder, loc, ValueRange(*full).getTypes(),
                                  hasTail, /*withElseRegion=*/true);
    OpBuilder thenBuilder = ifOp.getThenBodyBuilder();
    FailureOr<SmallVector<Value>> tail =
        buildTail(thenBuilder, n, fullEnd, *full);
    if (failed(tail)) {
      ifOp.erase();
      return failure();
    }
    scf::YieldOp::create(thenBuilder, loc, *tail);
    OpBuilder elseBuilder = ifOp.getElseBodyBuilder();
    scf::YieldOp::create(elseBuilder, loc, *full);
    mapped = SmallVector<Value>(ifOp.getResults());
  }
  for (auto [k, j] : llvm::enumerate(mappedResults))
    results[j] = mapped[k];
  return results;
}

FailureOr<SmallVector<Value>>
vmapc::buildChunkLoop(OpBuilder &builder, VmapOp vmap,
                      const BatchedFunction &chunk, PlaceChunkResults place) {
  return ChunkLoopBuilder(builder, vmap, chunk, place).build();
}
