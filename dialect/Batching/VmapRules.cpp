//===- VmapRules.cpp - Batching a nested vmapc.vmap -------------*- C++ -*-===//
//
// A vmap inside a batched function is two maps: its own (inner) one and the
// enclosing (outer) one. The rule batches the callee for the inner map, then
// batches that copy for the outer map, calls the result and moves each
// result's inner batch axis to out_axes. The outer batch dims need no
// special care: they ride along through the same helpers the top-level
// expansion of a vmap uses.
//
//===----------------------------------------------------------------------===//
#include "dialect/Batching.h"
#include "dialect/Batching/Rules.h"
#include "dialect/VmapcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;
using namespace vmapc;

LogicalResult
vmapc::checkUnmappedResults(Operation *op,
                            ArrayRef<std::optional<int64_t>> calleeDims) {
  auto vmap = cast<VmapOp>(op);
  for (auto [j, from] : llvm::enumerate(calleeDims))
    if (from && !vmap.getOutAxis(j))
      return vmap.emitOpError("out_axes[")
             << j << "] is none but result " << j << " of @" << vmap.getCallee()
             << " depends on a mapped operand";
  return success();
}

FailureOr<SmallVector<BatchedValue>> vmapc::placeVmapResults(
    BatchingBuilder &builder, Operation *op, ArrayRef<BatchedValue> results,
    ArrayRef<std::optional<int64_t>> calleeDims, int64_t mapSize) {
  auto vmap = cast<VmapOp>(op);
  // Check every result before emitting anything, so a failure leaves no
  // half-built ops behind.
  if (failed(checkUnmappedResults(op, calleeDims)))
    return failure();
  SmallVector<BatchedValue> placed;
  for (auto [j, value] : llvm::enumerate(results)) {
    std::optional<int64_t> from = calleeDims[j];
    std::optional<int64_t> to = vmap.getOutAxis(j);
    auto type = cast<RankedTensorType>(vmap.getResult(j).getType());
    if (to) {
      SmallVector<int64_t> shape(type.getShape());
      shape[*to] = mapSize;
      type = type.clone(shape);
    }
    if (!to) {
      placed.push_back(value);
      continue;
    }
    if (!from) {
      // The result is the same for every batch element: repeat it.
      SmallVector<int64_t> dims;
      for (int64_t d = 0; d < type.getRank(); ++d)
        if (d != *to)
          dims.push_back(d);
      placed.push_back(
          builder.broadcastInDim(vmap.getLoc(), value, type, dims));
      continue;
    }
    SmallVector<int64_t> perm;
    for (int64_t d = 0; d < type.getRank(); ++d)
      if (d != *from)
        perm.push_back(d);
    perm.insert(perm.begin() + *to, *from);
    placed.push_back(builder.transpose(vmap.getLoc(), value, perm));
  }
  return placed;
}

namespace {
struct VmapRule : BatchingOpInterface::ExternalModel<VmapRule, VmapOp> {
  FailureOr<SmallVector<BatchedValue>>
  batch(Operation *op, BatchingBuilder &builder,
        ArrayRef<BatchedValue> operands) const {
    auto vmap = cast<VmapOp>(op);
    auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
        op, vmap.getCalleeAttr());
    if (!callee)
      return vmap.emitOpError("'")
             << vmap.getCallee() << "' does not reference a func.func";
    // A function being batched has static shapes (only a top-level chunked
    // vmap serves a size known at run time), so this is malformed input.
    if (ShapedType::isDynamic(vmap.getBatchSize()))
      return vmap.emitOpError(
          "with a dynamic batch size cannot be nested in a vmapped function");
    SmallVector<std::optional<int64_t>> innerDims;
    for (unsigned i = 0, e = vmap.getOperands().size(); i < e; ++i)
      innerDims.push_back(vmap.getInAxis(i));
    FailureOr<BatchedFunction> inner = builder.getBatchedFunction(
        op, callee, innerDims, vmap.getBatchSize(), vmap.getAxisName());
    if (failed(inner))
      return failure();

    SmallVector<std::optional<int64_t>> outerDims = llvm::map_to_vector(
        operands, [](const BatchedValue &v) { return v.batchDim; });
    FailureOr<BatchedFunction> outer = builder.getBatchedFunction(
        op, inner->func, outerDims, builder.getBatchSize(),
        builder.getAxisName());
    if (failed(outer))
      return failure();

    SmallVector<Value> args = llvm::map_to_vector(
        operands, [](const BatchedValue &v) { return v.value; });
    auto call = func::CallOp::create(builder.getBuilder(), op->getLoc(),
                                     outer->func, args);
    SmallVector<BatchedValue> results;
    for (auto [value, dim] :
         llvm::zip_equal(call.getResults(), outer->resultDims))
      results.push_back({value, dim});
    // A chunk_size has no effect here: the vmap becomes part of the
    // enclosing batched computation, whose own vmap decides the chunks.
    return placeVmapResults(builder, op, results, inner->resultDims,
                            vmap.getBatchSize());
  }
};
} // namespace

void vmapc::attachVmapRules(MLIRContext *context) {
  VmapOp::attachInterface<VmapRule>(*context);
}
