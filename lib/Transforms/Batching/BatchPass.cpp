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

#include "ChunkLoop.h"

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
/// batched at dim 0 and unbatched, then `__` and the batch size, then the
/// axis name if the vmap has one (`__i`).
std::string batchedSuffix(ArrayRef<std::optional<int64_t>> dims, int64_t size,
                          std::optional<StringRef> axisName) {
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
  if (axisName)
    os << "__" << *axisName;
  return suffix;
}

/// Builds and memoizes the batched copies of the functions of one module.
class FunctionBatcher {
public:
  explicit FunctionBatcher(ModuleOp module)
      : module(module), symbolTable(module) {}

  FailureOr<BatchedFunction>
  getBatchedFunction(Operation *user, func::FuncOp callee,
                     ArrayRef<std::optional<int64_t>> argDims, int64_t size,
                     std::optional<StringRef> axisName);

  /// Replaces `vmap` by a call of its callee's batched copy.
  LogicalResult expand(VmapOp vmap);

private:
  FailureOr<BatchedFunction> build(Operation *user, func::FuncOp callee,
                                   ArrayRef<std::optional<int64_t>> argDims,
                                   int64_t size,
                                   std::optional<StringRef> axisName);

  ModuleOp module;
  SymbolTable symbolTable;
  /// Finished copies by key (callee name and batchedSuffix).
  llvm::StringMap<BatchedFunction> copies;
  /// Keys of the copies being built, to detect recursion.
  llvm::StringSet<> inProgress;
};

/// Batches the ops of one block into another, remembering the batched form
/// of every value it defines. A nested region gets a child batcher whose
/// lookups fall back to its parent, because regions may use values defined
/// above them.
class BlockBatcher {
public:
  BlockBatcher(FunctionBatcher &functions, int64_t size,
               std::optional<StringRef> axisName, const BlockBatcher *parent,
               function_ref<void(InFlightDiagnostic &)> noteContext)
      : functions(functions), size(size), axisName(axisName), parent(parent),
        noteContext(noteContext) {}

  void map(Value original, BatchedValue batched) { values[original] = batched; }

  /// The batched form of `original`; a value defined outside everything
  /// being batched is unbatched.
  BatchedValue lookup(Value original) const {
    for (const BlockBatcher *b = this; b; b = b->parent) {
      auto it = b->values.find(original);
      if (it != b->values.end())
        return it->second;
    }
    return BatchedValue::unbatched(original);
  }

  /// Batches every op of `source` but its terminator into the end of
  /// `dest`; returns the batched operands of the terminator.
  FailureOr<SmallVector<BatchedValue>> batchBody(Block &source, Block &dest);

  /// BatchingBuilder::batchRegion for the ops of this block.
  FailureOr<SmallVector<std::optional<int64_t>>>
  batchRegion(Region &source, Region &dest,
              ArrayRef<std::optional<int64_t>> argDims,
              ArrayRef<std::optional<int64_t>> resultDims);

private:
  LogicalResult batchOp(Operation &op, BatchingBuilder &rules,
                        OpBuilder &builder);

  FunctionBatcher &functions;
  int64_t size;
  std::optional<StringRef> axisName;
  const BlockBatcher *parent;
  /// Adds "while batching @f for this op" to diagnostics.
  function_ref<void(InFlightDiagnostic &)> noteContext;
  DenseMap<Value, BatchedValue> values;
};

/// The builder handed to the rules while one block is being batched.
class PassBatchingBuilder : public BatchingBuilder {
public:
  PassBatchingBuilder(OpBuilder &builder, int64_t batchSize,
                      std::optional<StringRef> axisName,
                      FunctionBatcher &functions, BlockBatcher *block)
      : BatchingBuilder(builder, batchSize, axisName), functions(functions),
        block(block) {}

  FailureOr<BatchedFunction>
  getBatchedFunction(Operation *user, func::FuncOp callee,
                     ArrayRef<std::optional<int64_t>> argDims, int64_t size,
                     std::optional<StringRef> axisName) override {
    return functions.getBatchedFunction(user, callee, argDims, size, axisName);
  }

  FailureOr<SmallVector<std::optional<int64_t>>>
  batchRegion(Region &source, Region &dest,
              ArrayRef<std::optional<int64_t>> argDims,
              ArrayRef<std::optional<int64_t>> resultDims) override {
    if (!block) {
      emitError(source.getLoc(), "no enclosing function is being batched");
      return failure();
    }
    return block->batchRegion(source, dest, argDims, resultDims);
  }

private:
  FunctionBatcher &functions;
  /// The block being batched; null outside of one (the top-level expansion
  /// of a vmap only moves result axes).
  BlockBatcher *block;
};

FailureOr<SmallVector<BatchedValue>> BlockBatcher::batchBody(Block &source,
                                                             Block &dest) {
  // `dest` may sit in a scratch region without a parent op, which has no
  // context to give: take it from the source.
  OpBuilder builder(source.getParentOp()->getContext());
  builder.setInsertionPointToEnd(&dest);
  PassBatchingBuilder rules(builder, size, axisName, functions, this);
  for (Operation &op : source.without_terminator())
    if (failed(batchOp(op, rules, builder)))
      return failure();
  Operation *terminator = source.getTerminator();
  if (!terminator)
    return emitError(source.getParent()->getLoc(),
                     "cannot batch a block without a terminator");
  return llvm::map_to_vector(terminator->getOperands(),
                             [&](Value v) { return lookup(v); });
}

LogicalResult BlockBatcher::batchOp(Operation &op, BatchingBuilder &rules,
                                    OpBuilder &builder) {
  SmallVector<BatchedValue> operands =
      llvm::map_to_vector(op.getOperands(), [&](Value v) { return lookup(v); });
  bool anyBatched = llvm::any_of(
      operands, [](const BatchedValue &v) { return v.isBatched(); });
  // Values the op's regions use from above, and whether any is batched.
  SmallVector<Value> captured;
  bool capturesBatched = false;
  op.walk([&](Operation *nested) {
    if (nested == &op)
      return;
    for (Value used : nested->getOperands()) {
      if (op.isAncestor(used.getParentRegion()->getParentOp()))
        continue;
      captured.push_back(used);
      capturesBatched |= lookup(used).isBatched();
    }
  });

  // A collective over the axis being batched depends on the batch even
  // when its operand does not (psum of a constant is B times it).
  bool overThisAxis =
      isa<PsumOp, PmeanOp, PmaxOp, AllGatherOp>(op) && axisName &&
      op.getAttrOfType<StringAttr>("axis_name").getValue() == *axisName;
  // Nothing batched flows into the op: its results are the same for every
  // batch element, so it is copied unchanged.
  if (!anyBatched && !capturesBatched && !overThisAxis) {
    IRMapping mapping;
    for (auto [original, v] : llvm::zip_equal(op.getOperands(), operands))
      mapping.map(original, v.value);
    for (Value used : captured)
      mapping.map(used, lookup(used).value);
    Operation *clone = builder.clone(op, mapping);
    for (auto [result, cloned] :
         llvm::zip_equal(op.getResults(), clone->getResults()))
      map(result, BatchedValue::unbatched(cloned));
    return success();
  }

  auto rule = dyn_cast<BatchingOpInterface>(&op);
  if (!rule) {
    InFlightDiagnostic diag = op.emitOpError("has no batching rule");
    noteContext(diag);
    return failure();
  }
  // A failing rule has reported why.
  FailureOr<SmallVector<BatchedValue>> results = rule.batch(rules, operands);
  if (failed(results))
    return failure();
  if (results->size() != op.getNumResults())
    return op.emitOpError("batching rule returned ")
           << results->size() << " results for " << op.getNumResults();
  for (auto [result, batched] : llvm::zip_equal(op.getResults(), *results)) {
    Type expected = result.getType();
    if (batched.batchDim) {
      auto tensor = dyn_cast<RankedTensorType>(expected);
      if (!tensor)
        return op.emitOpError("batching rule batched a result of type ")
               << expected;
      expected = BatchingBuilder::insertDim(tensor, *batched.batchDim, size);
    }
    if (batched.value.getType() != expected)
      return op.emitOpError("batching rule produced ")
             << batched.value.getType() << " but " << expected
             << " was expected";
    map(result, batched);
  }
  return success();
}

/// The batched types of `types` for batch dims `dims` (std::nullopt: as
/// is), or failure with a diagnostic at `loc` for a dim that does not fit.
static FailureOr<SmallVector<Type>>
batchedTypes(Location loc, TypeRange types,
             ArrayRef<std::optional<int64_t>> dims, int64_t size) {
  if (dims.size() != types.size())
    return emitError(loc, "expected ")
           << types.size() << " batch dims, got " << dims.size();
  SmallVector<Type> result;
  for (auto [type, dim] : llvm::zip_equal(types, dims)) {
    if (!dim) {
      result.push_back(type);
      continue;
    }
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || *dim < 0 || *dim > tensor.getRank())
      return emitError(loc, "cannot batch a value of type ")
             << type << " at dim " << *dim;
    result.push_back(BatchingBuilder::insertDim(tensor, *dim, size));
  }
  return result;
}

FailureOr<SmallVector<std::optional<int64_t>>>
BlockBatcher::batchRegion(Region &source, Region &dest,
                          ArrayRef<std::optional<int64_t>> argDims,
                          ArrayRef<std::optional<int64_t>> resultDims) {
  if (!source.hasOneBlock())
    return emitError(source.getLoc(), "can only batch regions with one block");
  if (!dest.empty())
    return emitError(source.getLoc(),
                     "batchRegion needs an empty destination region");
  Block &sourceBlock = source.front();
  FailureOr<SmallVector<Type>> argTypes = batchedTypes(
      source.getLoc(), sourceBlock.getArgumentTypes(), argDims, size);
  if (failed(argTypes))
    return failure();
  Block *block = new Block();
  dest.push_back(block);
  for (auto [type, arg] :
       llvm::zip_equal(*argTypes, sourceBlock.getArguments()))
    block->addArgument(type, arg.getLoc());

  BlockBatcher child(functions, size, axisName, this, noteContext);
  for (auto [arg, newArg, dim] : llvm::zip_equal(
           sourceBlock.getArguments(), block->getArguments(), argDims))
    child.map(arg, {newArg, dim});
  FailureOr<SmallVector<BatchedValue>> yielded =
      child.batchBody(sourceBlock, *block);
  if (failed(yielded))
    return failure();
  if (!resultDims.empty() && resultDims.size() != yielded->size())
    return emitError(source.getLoc(), "expected ")
           << yielded->size() << " result batch dims, got "
           << resultDims.size();

  Operation *terminator = sourceBlock.getTerminator();
  OpBuilder builder(terminator->getContext());
  builder.setInsertionPointToEnd(block);
  PassBatchingBuilder helpers(builder, size, axisName, functions, &child);
  SmallVector<Value> operands;
  SmallVector<std::optional<int64_t>> dims;
  for (auto [i, value] : llvm::enumerate(*yielded)) {
    std::optional<int64_t> to =
        resultDims.empty() ? std::nullopt : resultDims[i];
    if (!to) {
      operands.push_back(value.value);
      dims.push_back(value.batchDim);
      continue;
    }
    operands.push_back(helpers.moveBatchDim(terminator->getLoc(), value, *to));
    dims.push_back(to);
  }
  OperationState state(terminator->getLoc(), terminator->getName(), operands,
                       terminator->getResultTypes(), terminator->getAttrs());
  builder.create(state);
  return dims;
}

FailureOr<BatchedFunction>
FunctionBatcher::getBatchedFunction(Operation *user, func::FuncOp callee,
                                    ArrayRef<std::optional<int64_t>> argDims,
                                    int64_t size,
                                    std::optional<StringRef> axisName) {
  std::string key =
      (callee.getSymName() + "/" + batchedSuffix(argDims, size, axisName))
          .str();
  auto found = copies.find(key);
  if (found != copies.end())
    return found->second;
  if (!inProgress.insert(key).second) {
    InFlightDiagnostic diag = user->emitError("recursive call of @")
                              << callee.getSymName()
                              << " while batching it; recursive functions "
                                 "cannot be vmapped";
    diag.attachNote(callee.getLoc())
        << "@" << callee.getSymName() << " is defined here";
    return failure();
  }
  FailureOr<BatchedFunction> batched =
      build(user, callee, argDims, size, axisName);
  inProgress.erase(key);
  if (succeeded(batched))
    copies[key] = *batched;
  return batched;
}

FailureOr<BatchedFunction>
FunctionBatcher::build(Operation *user, func::FuncOp callee,
                       ArrayRef<std::optional<int64_t>> argDims, int64_t size,
                       std::optional<StringRef> axisName) {
  auto noteUser = [&](InFlightDiagnostic &diag) {
    diag.attachNote(user->getLoc())
        << "while batching @" << callee.getSymName() << " for this op";
  };
  if (callee.isExternal()) {
    InFlightDiagnostic diag = user->emitError("cannot batch @")
                              << callee.getSymName()
                              << ": it is a declaration without a body";
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
  FailureOr<SmallVector<Type>> argTypes =
      batchedTypes(user->getLoc(), type.getInputs(), argDims, size);
  if (failed(argTypes))
    return failure();

  // The copy goes right before the function that first needs it, so the
  // output reads definitions before uses; it is private: only calls that
  // this pass creates use it.
  auto userFunction = user->getParentOfType<func::FuncOp>();
  OpBuilder moduleBuilder(userFunction ? userFunction.getOperation()
                                       : callee.getOperation());
  std::string name = (callee.getSymName() + "_batched_" +
                      batchedSuffix(argDims, size, axisName))
                         .str();
  auto copy =
      func::FuncOp::create(moduleBuilder, callee.getLoc(), name,
                           moduleBuilder.getFunctionType(*argTypes, {}));
  copy.setPrivate();
  // Register (and, if a function of that name exists, rename) the copy now,
  // so that lookups while its body is built never find it by a name it
  // shares with another function.
  symbolTable.insert(copy);
  Block *entry = copy.addEntryBlock();

  BlockBatcher body(*this, size, axisName, /*parent=*/nullptr, noteUser);
  for (auto [arg, newArg, dim] :
       llvm::zip_equal(callee.getArguments(), entry->getArguments(), argDims))
    body.map(arg, {newArg, dim});
  Block &sourceBlock = callee.getBody().front();
  FailureOr<SmallVector<BatchedValue>> results =
      body.batchBody(sourceBlock, *entry);
  if (failed(results)) {
    symbolTable.erase(copy);
    return failure();
  }

  // The results stay where the body puts them; callers move them.
  OpBuilder builder = OpBuilder::atBlockEnd(entry);
  SmallVector<Value> values;
  SmallVector<std::optional<int64_t>> resultDims;
  for (const BatchedValue &v : *results) {
    values.push_back(v.value);
    resultDims.push_back(v.batchDim);
  }
  func::ReturnOp::create(builder, sourceBlock.getTerminator()->getLoc(),
                         values);
  copy.setFunctionType(
      builder.getFunctionType(*argTypes, ValueRange(values).getTypes()));

  // Rules replace some unbatched values by batched forms built from their
  // sources (a broadcast of a broadcast, a larger splat constant); the
  // copied originals are then dead.
  for (Operation &op : llvm::make_early_inc_range(llvm::reverse(*entry)))
    if (isOpTriviallyDead(&op))
      op.erase();
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
  bool chunked = isChunked(vmap);
  // A chunked vmap's copy serves one chunk; the loop around it the batch.
  int64_t size = chunked ? *vmap.getChunkSize() : vmap.getBatchSize();
  FailureOr<BatchedFunction> batched =
      getBatchedFunction(vmap, callee, dims, size, vmap.getAxisName());
  if (failed(batched))
    return failure();
  if (failed(checkUnmappedResults(vmap, batched->resultDims)))
    return failure();

  // Moves the batch axes of one call's results to out_axes. The enclosing
  // function is not batched: results are plain values.
  auto place = [&](OpBuilder &builder,
                   ValueRange callResults) -> FailureOr<SmallVector<Value>> {
    PassBatchingBuilder helpers(builder, size, vmap.getAxisName(), *this,
                                /*block=*/nullptr);
    SmallVector<BatchedValue> results = llvm::map_to_vector(
        callResults, [](Value v) { return BatchedValue::unbatched(v); });
    FailureOr<SmallVector<BatchedValue>> placed =
        placeVmapResults(helpers, vmap, results, batched->resultDims, size);
    if (failed(placed))
      return failure();
    return llvm::map_to_vector(*placed,
                               [](const BatchedValue &v) { return v.value; });
  };

  OpBuilder builder(vmap);
  FailureOr<SmallVector<Value>> results;
  if (chunked) {
    results = buildChunkLoop(builder, vmap, *batched, place);
  } else {
    auto call = func::CallOp::create(builder, vmap.getLoc(), batched->func,
                                     vmap.getOperands());
    results = place(builder, call.getResults());
    if (failed(results))
      call.erase();
  }
  if (failed(results))
    return failure();
  vmap.replaceAllUsesWith(*results);
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
        return checkUnboundCollectives();
      // A vmap in a function that another vmap batches waits for that one:
      // batched, it is a nested vmap (where chunk_size has no effect), not
      // the chunk loop its own expansion would make, which has no batching
      // rule. (With recursion nothing is ready; the batcher reports it.)
      llvm::DenseSet<Operation *> batchedLater = functionsBatchedBy(vmaps);
      SmallVector<VmapOp> ready = llvm::filter_to_vector(vmaps, [&](VmapOp v) {
        return !batchedLater.contains(v->getParentOfType<func::FuncOp>());
      });
      for (VmapOp vmap : ready.empty() ? vmaps : ready)
        if (failed(batcher.expand(vmap)))
          return signalPassFailure();
    }
  }

  /// A collective left in a live function (public, or referenced) names an
  /// axis that no vmap around it maps: JAX's "unbound axis name". Mapped
  /// originals that only vmaps used are dead by now and are not checked.
  void checkUnboundCollectives() {
    ModuleOp module = getOperation();
    bool failedAny = false;
    // Live: public functions and what they reference, transitively.
    SmallVector<Operation *> roots;
    for (auto func : module.getOps<func::FuncOp>())
      if (func.isPublic())
        roots.push_back(func);
    llvm::DenseSet<Operation *> live = reachableFrom(roots);
    for (auto func : module.getOps<func::FuncOp>()) {
      if (!live.contains(func))
        continue;
      func.walk([&](Operation *op) {
        if (!isa<PsumOp, PmeanOp, PmaxOp, AllGatherOp>(op))
          return;
        StringRef name = op->getAttrOfType<StringAttr>("axis_name");
        op->emitOpError("over axis '")
            << name << "', which no enclosing vmap or pmap names (in @"
            << func.getSymName()
            << (func.isPublic() ? ", a public function: called directly, it "
                                  "is outside every map; make it private if "
                                  "only maps use it"
                                : "")
            << ")";
        failedAny = true;
      });
    }
    if (failedAny)
      signalPassFailure();
    // A pmap must be split across ranks first.
    module.walk([&](PmapOp pmap) {
      pmap.emitOpError("must be lowered by --vmapc-lower-pmap before "
                       "--vmapc-batch");
      signalPassFailure();
    });
  }

  /// The callees of `vmaps` and every function they reference, transitively.
  llvm::DenseSet<Operation *> functionsBatchedBy(ArrayRef<VmapOp> vmaps) {
    SymbolTable symbols(getOperation());
    SmallVector<Operation *> callees;
    for (VmapOp vmap : vmaps)
      if (Operation *f =
              symbols.lookupNearestSymbolFrom(vmap, vmap.getCalleeAttr()))
        callees.push_back(f);
    return reachableFrom(callees);
  }

  /// `roots` (functions) and every function they reference, transitively.
  llvm::DenseSet<Operation *> reachableFrom(ArrayRef<Operation *> roots) {
    SymbolTable symbols(getOperation());
    llvm::DenseSet<Operation *> seen;
    SmallVector<Operation *> work;
    auto visit = [&](Operation *from, SymbolRefAttr ref) {
      Operation *f = symbols.lookupNearestSymbolFrom(from, ref);
      if (isa_and_nonnull<func::FuncOp>(f) && seen.insert(f).second)
        work.push_back(f);
    };
    for (Operation *root : roots)
      if (isa<func::FuncOp>(root) && seen.insert(root).second)
        work.push_back(root);
    while (!work.empty()) {
      Operation *f = work.pop_back_val();
      if (auto uses = SymbolTable::getSymbolUses(&f->getRegion(0)))
        for (const SymbolTable::SymbolUse &use : *uses)
          visit(use.getUser(), use.getSymbolRef());
    }
    return seen;
  }
};

} // namespace
