//===- Emit.cpp - Traced graphs to vmapc-dialect modules ------------------===//
//
// One node, one op: the graph was already broadcast-explicit and shape-checked
// when it was traced, so emission only maps node kinds onto ops, giving every
// op its (already known) result type. Each traced function becomes a
// func.func; vmap nodes become `vmapc.vmap` ops naming the function of their
// traced body.
//
//===----------------------------------------------------------------------===//

#include "Emit.h"
#include "Control.h"

#include "dialect/VmapcDialect.h"
#include "dialect/VmapcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/Support/raw_ostream.h"

#include <unordered_set>

using namespace mlir;

namespace vmapc::detail {

namespace {

Type elementType(MLIRContext &ctx, DType d) {
  switch (d) {
  case DType::F32:
    return Float32Type::get(&ctx);
  case DType::F64:
    return Float64Type::get(&ctx);
  case DType::I1:
    return IntegerType::get(&ctx, 1);
  case DType::I32:
    return IntegerType::get(&ctx, 32);
  case DType::I64:
    return IntegerType::get(&ctx, 64);
  }
  return {};
}

/// A dim of -1 is the batch size of a kernel compiled for any batch size.
RankedTensorType tensorType(MLIRContext &ctx, DType d, const Shape &shape) {
  SmallVector<int64_t> dims(shape.begin(), shape.end());
  for (int64_t &dim : dims)
    if (dim == -1)
      dim = ShapedType::kDynamic;
  return RankedTensorType::get(dims, elementType(ctx, d));
}

const char *comparePredicateName(Cmp c) {
  switch (c) {
  case Cmp::eq:
    return "eq";
  case Cmp::ne:
    return "ne";
  case Cmp::lt:
    return "lt";
  case Cmp::le:
    return "le";
  case Cmp::gt:
    return "gt";
  case Cmp::ge:
    return "ge";
  }
  return "eq";
}

class Emitter {
public:
  Emitter(MLIRContext &ctx, ModuleOp module)
      : ctx_(ctx), module_(module), builder_(&ctx),
        loc_(UnknownLoc::get(&ctx)) {}

  func::FuncOp emitFunction(const Subgraph &g, StringRef name, bool isPublic);

private:
  using ValueMap = llvm::DenseMap<const Node *, SmallVector<Value, 1>>;

  void emitNode(const Node &n, ValueMap &values, OpBuilder &b);
  Value operand(const Node &n, unsigned i, ValueMap &values) {
    const Node *op = n.operands[i].get();
    return values.find(op)->second.front();
  }
  DenseI64ArrayAttr ints(ArrayRef<int64_t> v) {
    return DenseI64ArrayAttr::get(&ctx_, v);
  }
  ArrayAttr axesAttr(const std::vector<std::optional<int64_t>> &axes) {
    SmallVector<Attribute> attrs;
    for (const auto &a : axes)
      attrs.push_back(a ? Attribute(builder_.getI64IntegerAttr(*a))
                        : Attribute(UnitAttr::get(&ctx_)));
    return ArrayAttr::get(&ctx_, attrs);
  }

  MLIRContext &ctx_;
  ModuleOp module_;
  OpBuilder builder_;
  Location loc_;
  llvm::DenseMap<const Subgraph *, func::FuncOp> functions_;
  unsigned counter_ = 0;
};

func::FuncOp Emitter::emitFunction(const Subgraph &g, StringRef name,
                                   bool isPublic) {
  SmallVector<Type> argTypes, resultTypes;
  for (const NodeRef &p : g.params)
    argTypes.push_back(tensorType(ctx_, p->dtype, p->shape));
  for (const NodeRef &r : g.results)
    resultTypes.push_back(tensorType(ctx_, r->dtype, r->shape));

  OpBuilder::InsertionGuard guard(builder_);
  builder_.setInsertionPointToEnd(module_.getBody());
  auto func = func::FuncOp::create(
      builder_, loc_, name, builder_.getFunctionType(argTypes, resultTypes));
  if (!isPublic)
    func.setPrivate();
  functions_[&g] = func;
  Block *entry = func.addEntryBlock();
  OpBuilder b = OpBuilder::atBlockEnd(entry);

  // Parameters, including symbolic arrays captured from enclosing traces,
  // are the block arguments.
  ValueMap values;
  for (size_t i = 0; i < g.params.size(); ++i)
    values[g.params[i].get()] = {entry->getArgument(i)};

  // Post-order over the graph without recursion: traced functions can be
  // long chains of operations.
  std::vector<std::pair<const Node *, bool>> stack;
  for (auto it = g.results.rbegin(); it != g.results.rend(); ++it)
    stack.push_back({it->get(), false});
  while (!stack.empty()) {
    auto [n, expanded] = stack.back();
    stack.pop_back();
    if (values.count(n))
      continue;
    if (expanded) {
      emitNode(*n, values, b);
      continue;
    }
    if (n->kind == Node::Kind::Param)
      throw Error("jit: the function uses a symbolic array (" + describe(*n) +
                  ") outside the trace that created it; pass it as an "
                  "argument instead of keeping it from another trace");
    stack.push_back({n, true});
    for (auto it = n->operands.rbegin(); it != n->operands.rend(); ++it)
      if (!values.count(it->get()))
        stack.push_back({it->get(), false});
  }

  SmallVector<Value> results;
  for (const NodeRef &r : g.results)
    results.push_back(values[r.get()].front());
  func::ReturnOp::create(b, loc_, results);
  return func;
}

void Emitter::emitNode(const Node &n, ValueMap &values, OpBuilder &b) {
  using K = Node::Kind;
  RankedTensorType type = n.kind == K::Vmap
                              ? RankedTensorType()
                              : tensorType(ctx_, n.dtype, n.shape);
  Value v;
  switch (n.kind) {
  case K::Param:
    // Reached only through emitFunction's check.
    throw Error("jit: internal error: unbound parameter");
  case K::Constant: {
    Attribute elem;
    Type et = type.getElementType();
    if (isa<FloatType>(et))
      elem = FloatAttr::get(et, n.value);
    else
      elem = IntegerAttr::get(et, static_cast<int64_t>(n.value));
    v = ConstantOp::create(b, loc_, type, DenseElementsAttr::get(type, elem));
    break;
  }
  case K::Unary: {
    Value x = operand(n, 0, values);
    switch (static_cast<UnaryKind>(n.code)) {
    case UnaryKind::Neg:
      v = NegOp::create(b, loc_, type, x);
      break;
    case UnaryKind::Exp:
      v = ExpOp::create(b, loc_, type, x);
      break;
    case UnaryKind::Log:
      v = LogOp::create(b, loc_, type, x);
      break;
    case UnaryKind::Sqrt:
      v = SqrtOp::create(b, loc_, type, x);
      break;
    case UnaryKind::Rsqrt:
      v = RsqrtOp::create(b, loc_, type, x);
      break;
    case UnaryKind::Tanh:
      v = TanhOp::create(b, loc_, type, x);
      break;
    case UnaryKind::Abs:
      v = AbsOp::create(b, loc_, type, x);
      break;
    case UnaryKind::Sin:
      v = SinOp::create(b, loc_, type, x);
      break;
    case UnaryKind::Cos:
      v = CosOp::create(b, loc_, type, x);
      break;
    case UnaryKind::Logistic:
      v = LogisticOp::create(b, loc_, type, x);
      break;
    }
    break;
  }
  case K::Binary: {
    Value l = operand(n, 0, values), r = operand(n, 1, values);
    switch (static_cast<BinaryKind>(n.code)) {
    case BinaryKind::Add:
      v = AddOp::create(b, loc_, type, l, r);
      break;
    case BinaryKind::Sub:
      v = SubOp::create(b, loc_, type, l, r);
      break;
    case BinaryKind::Mul:
      v = MulOp::create(b, loc_, type, l, r);
      break;
    case BinaryKind::Div:
      v = DivOp::create(b, loc_, type, l, r);
      break;
    case BinaryKind::Max:
      v = MaxOp::create(b, loc_, type, l, r);
      break;
    case BinaryKind::Min:
      v = MinOp::create(b, loc_, type, l, r);
      break;
    case BinaryKind::Pow:
      v = PowOp::create(b, loc_, type, l, r);
      break;
    }
    break;
  }
  case K::Compare:
    v = CompareOp::create(
        b, loc_, type, operand(n, 0, values), operand(n, 1, values),
        b.getStringAttr(comparePredicateName(static_cast<Cmp>(n.code))));
    break;
  case K::Select:
    v = SelectOp::create(b, loc_, type, operand(n, 0, values),
                         operand(n, 1, values), operand(n, 2, values));
    break;
  case K::Convert:
    v = ConvertOp::create(b, loc_, type, operand(n, 0, values));
    break;
  case K::Broadcast:
    v = BroadcastInDimOp::create(b, loc_, type, operand(n, 0, values),
                                 ints(n.ints[0]));
    break;
  case K::Reshape:
    v = ReshapeOp::create(b, loc_, type, operand(n, 0, values));
    break;
  case K::Transpose:
    v = TransposeOp::create(b, loc_, type, operand(n, 0, values),
                            ints(n.ints[0]));
    break;
  case K::Reduce:
    v = ReduceOp::create(
        b, loc_, type, operand(n, 0, values),
        b.getStringAttr(reduceKindName(static_cast<ReduceKind>(n.code))),
        ints(n.ints[0]));
    break;
  case K::Dot:
    v = DotGeneralOp::create(b, loc_, type, operand(n, 0, values),
                             operand(n, 1, values), ints(n.ints[0]),
                             ints(n.ints[1]), ints(n.ints[2]), ints(n.ints[3]));
    break;
  case K::Slice:
    v = SliceOp::create(b, loc_, type, operand(n, 0, values), ints(n.ints[0]),
                        ints(n.ints[1]), ints(n.ints[2]));
    break;
  case K::Concat: {
    SmallVector<Value> inputs;
    for (unsigned i = 0; i < n.operands.size(); ++i)
      inputs.push_back(operand(n, i, values));
    v = ConcatenateOp::create(b, loc_, type, inputs,
                              b.getI64IntegerAttr(n.index));
    break;
  }
  case K::Vmap: {
    const VmapInfo &info = *n.vmap;
    func::FuncOp callee;
    auto it = functions_.find(info.callee.get());
    if (it != functions_.end())
      callee = it->second;
    else
      callee = emitFunction(*info.callee,
                            "vmapped_" + std::to_string(counter_++), false);
    SmallVector<Value> operands;
    for (unsigned i = 0; i < n.operands.size(); ++i)
      operands.push_back(operand(n, i, values));
    SmallVector<Type> resultTypes;
    for (const TensorSpec &r : info.results)
      resultTypes.push_back(tensorType(ctx_, r.dtype, r.shape));
    // axis_size is spelled out only when no operand carries it.
    IntegerAttr axisSize =
        info.anyMapped ? IntegerAttr() : b.getI64IntegerAttr(info.axisSize);
    StringAttr axisName =
        info.axisName ? b.getStringAttr(*info.axisName) : StringAttr();
    if (info.pmap) {
      auto op = PmapOp::create(b, loc_, resultTypes, callee.getSymName(),
                               operands, axesAttr(info.inAxes),
                               axesAttr(info.outAxes), axisName);
      values[&n] = SmallVector<Value, 1>(op->getResults());
      return;
    }
    auto op = VmapOp::create(
        b, loc_, resultTypes, callee.getSymName(), operands,
        axesAttr(info.inAxes), axesAttr(info.outAxes), axisSize,
        info.chunkSize ? b.getI64IntegerAttr(*info.chunkSize) : IntegerAttr(),
        info.parallel, axisName);
    values[&n] = SmallVector<Value, 1>(op->getResults());
    return;
  }
  case K::Collective: {
    Value x = operand(n, 0, values);
    StringAttr name = b.getStringAttr(n.name);
    switch (static_cast<CollectiveKind>(n.code)) {
    case CollectiveKind::Psum:
      v = PsumOp::create(b, loc_, type, x, name);
      break;
    case CollectiveKind::Pmean:
      v = PmeanOp::create(b, loc_, type, x, name);
      break;
    case CollectiveKind::Pmax:
      v = PmaxOp::create(b, loc_, type, x, name);
      break;
    case CollectiveKind::AllGather:
      v = AllGatherOp::create(b, loc_, type, x, name);
      break;
    }
    break;
  }
  case K::Control: {
    SmallVector<Value> operands;
    for (unsigned i = 0; i < n.operands.size(); ++i)
      operands.push_back(operand(n, i, values));
    // Loop bodies and branches become functions, like vmapped ones.
    auto functionFor = [&](const Subgraph &g) {
      auto it = functions_.find(&g);
      if (it != functions_.end())
        return it->second;
      return emitFunction(g, "traced_" + std::to_string(counter_++), false);
    };
    values[&n] =
        SmallVector<Value, 1>(emitControl(n, operands, b, loc_, functionFor));
    return;
  }
  case K::Result:
    v = values.find(n.operands[0].get())->second[n.index];
    break;
  }
  values[&n] = {v};
}

} // namespace

OwningOpRef<ModuleOp> emitModule(MLIRContext &context, const Subgraph &root,
                                 StringRef name) {
  OwningOpRef<ModuleOp> module = ModuleOp::create(UnknownLoc::get(&context));
  Emitter emitter(context, *module);
  emitter.emitFunction(root, name, true);

  // The tracer checked every shape, so a verifier failure here is a bug in
  // the DSL; report it with the diagnostic rather than compiling bad IR.
  std::string diagnostics;
  {
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &d) {
      llvm::raw_string_ostream os(diagnostics);
      os << d << "\n";
      return success();
    });
    if (failed(verify(*module)))
      throw Error("jit: the traced module does not verify: " + diagnostics);
  }
  return module;
}

std::unique_ptr<MLIRContext> makeDslContext() {
  // Single-threaded: a specialization is one or two functions, compiled on
  // the calling thread (threads calling jit at once compile in parallel).
  // A thread pool per context cost thread start-ups per compile, and its
  // synchronization, inside the uninstrumented libMLIR.so, is invisible to
  // ThreadSanitizer (false data races in the threaded JIT test).
  auto ctx = std::make_unique<MLIRContext>(MLIRContext::Threading::DISABLED);
  ctx->loadDialect<VmapcDialect, func::FuncDialect>();
  return ctx;
}

} // namespace vmapc::detail
