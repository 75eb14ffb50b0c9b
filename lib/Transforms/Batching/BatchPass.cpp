//===- BatchPass.cpp - The --vmapc-batch pass -------------------*- C++ -*-===//
//
// Removes every vmapc.vmap. The work is building batched copies of
// functions: walk the callee's body once, in order, keeping for each value
// its batched form and batch dim (or none, JAX's not_mapped); ops whose
// operands are all unbatched are copied as they are, the others go through
// their batching rule (BatchingOpInterface). Copies are memoized per
// (callee, argument batch dims, batch size), so every vmap and call that
// needs the same copy shares it, and a copy that is requested while it is
// being built is a recursion, reported as an error.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Transforms/Passes.h"

#include "dialect/Batching.h"
#include "dialect/VmapcDialect.h"
#include "dialect/VmapcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/IRMapping.h"
#include "mlir/IR/SymbolTable.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

namespace vmapc {
#define GEN_PASS_DEF_VMAPCBATCH
#include "vmapc/Transforms/Passes.h.inc"
} // namespace vmapc

using namespace mlir;
using namespace vmapc;

namespace {

/// The readable part of a batched copy's name: `0_none` for arguments
/// batched at dim 0 and unbatched, then `__` and the batch size.
std::string batchedSuffix(ArrayRef<std::optional<int64_t>> dims,
                          int64_t size) {
  std::string suffix;
  llvm::raw_string_ostream os(suffix);
  llvm::interleave(
      dims,
      [&](std::optional<int64_t> dim) {
        if (dim)
          os << *dim;
        else
          os << "none";
      },
      [&] { os << "_"; });
  os << "__" << size;
  return suffix;
}

/// Builds and memoizes the batched copies of the functions of one module.
class FunctionBatcher {
public:
  explicit FunctionBatcher(ModuleOp module)
      : module(module), symbolTable(module) {}

  FailureOr<BatchedFunction>
  getBatchedFunction(Operation *user, func::FuncOp callee,
                     ArrayRef<std::optional<int64_t>> argDims, int64_t size);

  /// Replaces `vmap` by a call of its callee's batched copy.
  LogicalResult expand(VmapOp vmap);

private:
  FailureOr<BatchedFunction>
  build(Operation *user, func::FuncOp callee,
        ArrayRef<std::optional<int64_t>> argDims, int64_t size);

  ModuleOp module;
  SymbolTable symbolTable;
  /// Finished copies by key (callee name and batchedSuffix).
  llvm::StringMap<BatchedFunction> copies;
  /// Keys of the copies being built, to detect recursion.
  llvm::StringSet<> inProgress;
};

/// The builder handed to the rules while one function is being batched.
class PassBatchingBuilder : public BatchingBuilder {
public:
  PassBatchingBuilder(OpBuilder &builder, int64_t batchSize,
                      FunctionBatcher &batcher)
      : BatchingBuilder(builder, batchSize), batcher(batcher) {}

  FailureOr<BatchedFunction>
  getBatchedFunction(Operation *user, func::FuncOp callee,
                     ArrayRef<std::optional<int64_t>> argDims,
                     int64_t size) override {
    return batcher.getBatchedFunction(user, callee, argDims, size);
  }

private:
  FunctionBatcher &batcher;
};

FailureOr<BatchedFunction>
FunctionBatcher::getBatchedFunction(Operation *user, func::FuncOp callee,
                                    ArrayRef<std::optional<int64_t>> argDims,
                                    int64_t size) {
  std::string key =
      (callee.getSymName() + "/" + batchedSuffix(argDims, size)).str();
  auto found = copies.find(key);
  if (found != copies.end())
    return found->second;
  if (!inProgress.insert(key).second) {
    InFlightDiagnostic diag = user->emitError("recursive call of @")
                              << callee.getSymName()
                              << " while batching it; recursive functions "
                                 "cannot be vmapped";
    diag.attachNote(callee.getLoc()) << "@" << callee.getSymName()
                                     << " is defined here";
    return failure();
  }
  FailureOr<BatchedFunction> batched = build(user, callee, argDims, size);
  inProgress.erase(key);
  if (succeeded(batched))
    copies[key] = *batched;
  return batched;
}

FailureOr<BatchedFunction>
FunctionBatcher::build(Operation *user, func::FuncOp callee,
                       ArrayRef<std::optional<int64_t>> argDims,
                       int64_t size) {
  auto noteUser = [&](InFlightDiagnostic &diag) {
    diag.attachNote(user->getLoc())
        << "while batching @" << callee.getSymName() << " for this op";
  };
  if (callee.isExternal()) {
    InFlightDiagnostic diag =
        user->emitError("cannot batch @")
        << callee.getSymName() << ": it is a declaration without a body";
    return failure();
  }
  if (!callee.getBody().hasOneBlock()) {
    InFlightDiagnostic diag = callee.emitError("cannot batch @")
                              << callee.getSymName()
                              << ": its body has more than one block";
    noteUser(diag);
    return failure();
  }
  FunctionType type = callee.getFunctionType();
  if (argDims.size() != type.getNumInputs()) {
    return user->emitError("batching @")
           << callee.getSymName() << " with " << argDims.size()
           << " argument batch dims but it takes " << type.getNumInputs()
           << " arguments";
  }

  SmallVector<Type> argTypes;
  for (auto [argType, dim] : llvm::zip_equal(type.getInputs(), argDims)) {
    if (!dim) {
      argTypes.push_back(argType);
      continue;
    }
    auto tensor = dyn_cast<RankedTensorType>(argType);
    if (!tensor || *dim < 0 || *dim > tensor.getRank())
      return user->emitError("cannot batch argument of type ")
             << argType << " of @" << callee.getSymName() << " at dim "
             << *dim;
    argTypes.push_back(BatchingBuilder::insertDim(tensor, *dim, size));
  }

  // The copy goes right before the function that first needs it, so the
  // output reads definitions before uses; it is private: only calls that
  // this pass creates use it.
  auto userFunction = user->getParentOfType<func::FuncOp>();
  OpBuilder moduleBuilder(userFunction ? userFunction.getOperation()
                                       : callee.getOperation());
  std::string name =
      (callee.getSymName() + "_batched_" + batchedSuffix(argDims, size)).str();
  auto copy = func::FuncOp::create(moduleBuilder, callee.getLoc(), name,
                                   moduleBuilder.getFunctionType(argTypes, {}));
  copy.setPrivate();
  Block *entry = copy.addEntryBlock();
  auto eraseCopy = [&] {
    copy.erase();
    return failure();
  };

  DenseMap<Value, BatchedValue> batchedValues;
  for (auto [arg, newArg, dim] :
       llvm::zip_equal(callee.getArguments(), entry->getArguments(), argDims))
    batchedValues[arg] = {newArg, dim};

  OpBuilder builder = OpBuilder::atBlockEnd(entry);
  PassBatchingBuilder rules(builder, size, *this);
  SmallVector<std::optional<int64_t>> resultDims;
  for (Operation &op : callee.getBody().front()) {
    SmallVector<BatchedValue> operands;
    for (Value operand : op.getOperands()) {
      auto it = batchedValues.find(operand);
      operands.push_back(it == batchedValues.end()
                             ? BatchedValue::unbatched(operand)
                             : it->second);
    }

    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      SmallVector<Value> values;
      for (const BatchedValue &v : operands) {
        values.push_back(v.value);
        resultDims.push_back(v.batchDim);
      }
      func::ReturnOp::create(builder, ret.getLoc(), values);
      copy.setFunctionType(builder.getFunctionType(
          argTypes, ValueRange(values).getTypes()));
      continue;
    }

    // Nothing batched flows into the op (and none into its regions, which
    // only see values through their operands here): its results are the
    // same for every batch element, so it is copied unchanged.
    bool anyBatched = llvm::any_of(
        operands, [](const BatchedValue &v) { return v.isBatched(); });
    bool regionUsesBatched = false;
    op.walk([&](Operation *nested) {
      if (nested == &op)
        return;
      for (Value used : nested->getOperands()) {
        auto it = batchedValues.find(used);
        if (it != batchedValues.end() && it->second.isBatched())
          regionUsesBatched = true;
      }
    });
    if (!anyBatched && !regionUsesBatched) {
      IRMapping mapping;
      for (auto [original, v] : llvm::zip_equal(op.getOperands(), operands))
        mapping.map(original, v.value);
      // Regions may use any earlier value directly.
      if (op.getNumRegions() != 0)
        for (auto &[original, v] : batchedValues)
          mapping.map(original, v.value);
      Operation *clone = builder.clone(op, mapping);
      for (auto [result, cloned] :
           llvm::zip_equal(op.getResults(), clone->getResults()))
        batchedValues[result] = BatchedValue::unbatched(cloned);
      continue;
    }

    auto rule = dyn_cast<BatchingOpInterface>(&op);
    if (!rule || regionUsesBatched) {
      InFlightDiagnostic diag = op.emitOpError("has no batching rule");
      if (rule)
        diag << " for regions that use batched values";
      noteUser(diag);
      return eraseCopy();
    }
    FailureOr<SmallVector<BatchedValue>> results =
        rule.batch(rules, operands);
    // A failing rule has reported why.
    if (failed(results))
      return eraseCopy();
    if (results->size() != op.getNumResults()) {
      InFlightDiagnostic diag =
          op.emitOpError("batching rule returned ")
          << results->size() << " results for " << op.getNumResults();
      return eraseCopy();
    }
    for (auto [result, batched] : llvm::zip_equal(op.getResults(), *results)) {
      Type expected = result.getType();
      if (batched.batchDim)
        expected = BatchingBuilder::insertDim(
            cast<RankedTensorType>(expected), *batched.batchDim, size);
      if (batched.value.getType() != expected) {
        InFlightDiagnostic diag = op.emitOpError("batching rule produced ")
                                  << batched.value.getType() << " but "
                                  << expected << " was expected";
        return eraseCopy();
      }
      batchedValues[result] = batched;
    }
  }
  // Rules replace some unbatched values by batched forms built from their
  // sources (a broadcast of a broadcast, a larger splat constant); the
  // copied originals are then dead.
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(*entry)))
    if (isOpTriviallyDead(&op))
      op.erase();
  symbolTable.insert(copy);
  return BatchedFunction{copy, std::move(resultDims)};
}

LogicalResult FunctionBatcher::expand(VmapOp vmap) {
  auto callee = symbolTable.lookupNearestSymbolFrom<func::FuncOp>(
      vmap, vmap.getCalleeAttr());
  if (!callee)
    return vmap.emitOpError("'")
           << vmap.getCallee() << "' does not reference a func.func";
  SmallVector<std::optional<int64_t>> dims;
  for (unsigned i = 0, e = vmap.getOperands().size(); i < e; ++i)
    dims.push_back(vmap.getInAxis(i));
  FailureOr<BatchedFunction> batched =
      getBatchedFunction(vmap, callee, dims, vmap.getBatchSize());
  if (failed(batched))
    return failure();

  OpBuilder builder(vmap);
  auto call = func::CallOp::create(builder, vmap.getLoc(), batched->func,
                                   vmap.getOperands());
  // The enclosing function is not batched: results are plain values.
  PassBatchingBuilder helpers(builder, vmap.getBatchSize(), *this);
  SmallVector<BatchedValue> results = llvm::map_to_vector(
      call.getResults(), [](Value v) { return BatchedValue::unbatched(v); });
  FailureOr<SmallVector<BatchedValue>> placed =
      placeVmapResults(helpers, vmap, results, batched->resultDims);
  if (failed(placed)) {
    call.erase();
    return failure();
  }
  vmap.replaceAllUsesWith(llvm::map_to_vector(
      *placed, [](const BatchedValue &v) { return v.value; }));
  vmap.erase();
  return success();
}

struct VmapcBatchPass : public vmapc::impl::VmapcBatchBase<VmapcBatchPass> {
  void getDependentDialects(DialectRegistry &registry) const override {
    VmapcBatchBase::getDependentDialects(registry);
    registerBatchingInterfaces(registry);
  }

  void runOnOperation() override {
    FunctionBatcher batcher(getOperation());
    // Expanding a vmap can copy vmaps whose operands are unbatched into the
    // batched copies it builds, so repeat until none is left. Each round
    // only adds copies for keys not seen before, of which there are finitely
    // many, so this ends.
    while (true) {
      SmallVector<VmapOp> vmaps;
      getOperation().walk([&](VmapOp vmap) { vmaps.push_back(vmap); });
      if (vmaps.empty())
        return;
      for (VmapOp vmap : vmaps)
        if (failed(batcher.expand(vmap)))
          return signalPassFailure();
    }
  }
};

} // namespace
