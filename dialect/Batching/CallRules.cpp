//===- CallRules.cpp - Batching func.call -----------------------*- C++ -*-===//
//
// A call with batched arguments calls the batched copy of its callee for
// exactly those argument batch dims, built (once, memoized) by the pass;
// the callee's results that depend on no batched argument stay unbatched.
//
//===----------------------------------------------------------------------===//
#include "dialect/Batching.h"
#include "dialect/Batching/Rules.h"
#include "dialect/VmapcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/SymbolTable.h"

using namespace mlir;
using namespace vmapc;

namespace {
struct CallRule : BatchingOpInterface::ExternalModel<CallRule, func::CallOp> {
  FailureOr<SmallVector<BatchedValue>>
  batch(Operation *op, BatchingBuilder &builder,
        ArrayRef<BatchedValue> operands) const {
    auto call = cast<func::CallOp>(op);
    auto callee = SymbolTable::lookupNearestSymbolFrom<func::FuncOp>(
        op, call.getCalleeAttr());
    if (!callee)
      return op->emitOpError("calls '")
             << call.getCallee() << "', which is not a func.func";
    SmallVector<std::optional<int64_t>> argDims = llvm::map_to_vector(
        operands, [](const BatchedValue &v) { return v.batchDim; });
    FailureOr<BatchedFunction> batched = builder.getBatchedFunction(
        op, callee, argDims, builder.getBatchSize(), builder.getAxisName());
    if (failed(batched))
      return failure();
    SmallVector<Value> args = llvm::map_to_vector(
        operands, [](const BatchedValue &v) { return v.value; });
    auto newCall = func::CallOp::create(builder.getBuilder(), op->getLoc(),
                                        batched->func, args);
    SmallVector<BatchedValue> results;
    for (auto [value, dim] :
         llvm::zip_equal(newCall.getResults(), batched->resultDims))
      results.push_back({value, dim});
    return results;
  }
};
} // namespace

void vmapc::attachCallRules(MLIRContext *context) {
  func::CallOp::attachInterface<CallRule>(*context);
}
