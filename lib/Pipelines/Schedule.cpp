//===- Schedule.cpp - Transform-dialect schedules built per function ------===//

#include "Schedule.h"

#include "vmapc/Pipelines/TransformOps.h"

#include "mlir/Dialect/Linalg/TransformOps/LinalgTransformOps.h"
#include "mlir/Dialect/Transform/IR/TransformTypes.h"
#include "mlir/Dialect/Transform/Interfaces/TransformInterfaces.h"

using namespace mlir;

namespace vmapc {

Schedule::Schedule(Operation *payloadRoot)
    : payloadRoot(payloadRoot), builder(payloadRoot->getContext()),
      loc(payloadRoot->getLoc()) {
  MLIRContext *ctx = payloadRoot->getContext();
  anyOp = transform::AnyOpType::get(ctx);
  module = ModuleOp::create(loc);
  builder.setInsertionPointToEnd(module->getBody());
  sequence = transform::SequenceOp::create(
      builder, loc, TypeRange{}, transform::FailurePropagationMode::Propagate,
      anyOp, [](OpBuilder &b, Location loc, Value) {
        transform::YieldOp::create(b, loc);
      });
  rootHandle = sequence.getBodyBlock()->getArgument(0);
  builder.setInsertionPoint(sequence.getBodyBlock()->getTerminator());
}

Value Schedule::handle(Operation *op) {
  bound.push_back(op);
  return sequence.getBodyBlock()->addArgument(anyOp, op->getLoc());
}

/// One handle type per loop that `sizes` creates (one per nonzero size).
static SmallVector<Type> loopTypes(Type anyOp, ArrayRef<int64_t> sizes) {
  return SmallVector<Type>(llvm::count_if(sizes, [](int64_t s) { return s; }),
                           anyOp);
}

Value Schedule::tile(Value target, ArrayRef<int64_t> sizes,
                     ArrayRef<int64_t> interchange,
                     SmallVectorImpl<Value> *loops) {
  auto op = transform::TileUsingForOp::create(
      builder, loc, loopTypes(anyOp, sizes), target, sizes, interchange);
  if (loops)
    llvm::append_range(*loops, op.getLoops());
  return op.getTiledLinalgOp();
}

Value Schedule::tileAndFuse(Value target, ArrayRef<int64_t> sizes,
                            ArrayRef<int64_t> interchange) {
  auto op = transform::FuseOp::create(
      builder, loc, anyOp, loopTypes(anyOp, sizes), target, ValueRange{},
      ValueRange{}, sizes, interchange);
  return op.getTransformed();
}

Value Schedule::tileAndFuseFills(Value target, ArrayRef<int64_t> sizes,
                                 ArrayRef<int64_t> interchange) {
  return transform::TileAndFuseFillsOp::create(
             builder, loc, anyOp, target, builder.getDenseI64ArrayAttr(sizes),
             builder.getDenseI64ArrayAttr(interchange))
      .getTiled();
}

Value Schedule::fuseInto(Value producer, Value &loop) {
  auto op = transform::FuseIntoContainingOp::create(builder, loc, anyOp, anyOp,
                                                    producer, loop);
  loop = op.getNewContainingOp();
  return op.getFusedOp();
}

Value Schedule::interchange(Value target, ArrayRef<int64_t> permutation) {
  return transform::InterchangeOp::create(
             builder, loc, anyOp, target,
             builder.getDenseI64ArrayAttr(permutation))
      .getTransformed();
}

void Schedule::vectorize(Value target, bool createNamedContraction) {
  transform::VectorizeOp::create(
      builder, loc, target, ValueRange{}, ArrayRef<int64_t>{},
      /*vectorize_nd_extract=*/builder.getUnitAttr(),
      /*assume_dynamic_dims_match_vec_sizes=*/nullptr,
      createNamedContraction ? builder.getUnitAttr() : nullptr);
}

void Schedule::independently(function_ref<void()> body) {
  auto group = transform::SequenceOp::create(
      builder, loc, TypeRange{}, transform::FailurePropagationMode::Suppress,
      rootHandle, [](OpBuilder &b, Location loc, Value) {
        transform::YieldOp::create(b, loc);
      });
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPoint(group.getBodyBlock()->getTerminator());
  body();
}

bool Schedule::empty() {
  return &sequence.getBodyBlock()->front() ==
         sequence.getBodyBlock()->getTerminator();
}

LogicalResult Schedule::apply(bool print) {
  if (print) {
    // One write per script, headed by its function: function passes run on
    // several threads, and unbuffered stderr would interleave their scripts.
    std::string text;
    llvm::raw_string_ostream os(text);
    os << "// schedule for @";
    if (auto symbol = dyn_cast<SymbolOpInterface>(payloadRoot))
      os << symbol.getName();
    os << "\n";
    sequence->print(os);
    os << "\n";
    llvm::errs() << text;
  }
  RaggedArray<transform::MappedValue> extra;
  for (Operation *op : bound)
    extra.push_back(ArrayRef<transform::MappedValue>{op});
  // The script is built from the payload it runs on, so the checks that
  // guard hand-written scripts against dangling handles are not needed.
  return transform::applyTransforms(
      payloadRoot, cast<transform::TransformOpInterface>(*sequence), extra,
      transform::TransformOptions().enableExpensiveChecks(false));
}

} // namespace vmapc
