//===- Control.cpp - Tracing loops, branches and linalg ops -----*- C++ -*-===//
//
// fori_loop, scan, while_loop and cond/switch trace each body once, in a
// trace of its own, into a function (as vmap does): a loop body is a
// function of the carried values, and the loop op's region calls it. The
// symbolic arrays of enclosing traces a body closes over become extra
// parameters of that function and extra operands of the node, so an
// enclosing vmap sees them as what they are, values its function uses.
// Shapes are checked while tracing, with JAX's messages in mind: the op,
// which carried value or branch, and both types.
//
//===----------------------------------------------------------------------===//
#include "Control.h"

#include "dialect/VmapcOps.h"

#include <unordered_set>

using namespace mlir;

namespace vmapc::detail {

namespace {

[[noreturn]] void fail(const std::string &op, const std::string &msg) {
  throw Error(op + ": " + msg);
}

TensorSpec specOf(const NodeRef &n) { return {n->dtype, n->shape}; }

std::string describeSpec(const TensorSpec &s) {
  return typeToString(s.dtype, s.shape);
}

bool sameSpec(const TensorSpec &a, const TensorSpec &b) {
  return a.dtype == b.dtype && a.shape == b.shape;
}

/// A body traced into its own function, and the arrays of enclosing traces
/// it uses (appended to its parameters).
struct TracedRegion {
  std::shared_ptr<Subgraph> graph;
  std::vector<NodeRef> captured;
};

TracedRegion traceRegion(const std::vector<TensorSpec> &params,
                         const TraceBody &body) {
  auto g = std::make_shared<Subgraph>();
  {
    TraceScope scope;
    g->scope = scope.id();
    for (size_t i = 0; i < params.size(); ++i)
      g->params.push_back(makeParam(i, params[i].dtype, params[i].shape));
    g->numExplicitParams = params.size();
    g->results = body(g->params);
  }
  // Nodes of other traces reachable from the results, each once.
  TracedRegion region{g, {}};
  std::unordered_set<const Node *> seen;
  std::vector<NodeRef> stack(g->results.rbegin(), g->results.rend());
  while (!stack.empty()) {
    NodeRef n = stack.back();
    stack.pop_back();
    if (!seen.insert(n.get()).second)
      continue;
    if (n->scope != g->scope) {
      region.captured.push_back(n);
      continue;
    }
    for (auto it = n->operands.rbegin(); it != n->operands.rend(); ++it)
      stack.push_back(*it);
  }
  for (const NodeRef &c : region.captured)
    g->params.push_back(c);
  return region;
}

/// Checks that a body returned arrays of the types `expected` (named
/// `what` #i in errors).
void checkResults(const std::string &op, const std::string &who,
                  const std::vector<NodeRef> &results,
                  const std::vector<TensorSpec> &expected,
                  const std::string &what) {
  if (results.size() != expected.size())
    fail(op, who + " returns " + std::to_string(results.size()) +
                 " arrays, expected " + std::to_string(expected.size()));
  for (size_t i = 0; i < results.size(); ++i)
    if (!sameSpec(specOf(results[i]), expected[i]))
      fail(op, who + " returns " + describe(*results[i]) + " for " + what +
                   " " + std::to_string(i) + ", expected " +
                   describeSpec(expected[i]));
}

/// The Control node for `info` over `ownOperands` and the regions'
/// captures, and one Result node per result.
std::vector<NodeRef> makeNode(std::shared_ptr<ControlInfo> info,
                              std::vector<NodeRef> operands,
                              const std::vector<TracedRegion> &regions) {
  info->numOwnOperands = operands.size();
  for (const TracedRegion &r : regions) {
    std::vector<size_t> indices;
    for (const NodeRef &c : r.captured) {
      indices.push_back(operands.size());
      operands.push_back(c);
    }
    info->captures.push_back(std::move(indices));
    info->regions.push_back(r.graph);
  }
  auto node = std::make_shared<Node>();
  node->kind = Node::Kind::Control;
  node->operands = std::move(operands);
  node->scope = currentScope();
  node->control = info;
  std::vector<NodeRef> results;
  for (size_t j = 0; j < info->results.size(); ++j) {
    auto r = std::make_shared<Node>();
    r->kind = Node::Kind::Result;
    r->dtype = info->results[j].dtype;
    r->shape = info->results[j].shape;
    r->operands = {node};
    r->scope = currentScope();
    r->index = static_cast<int64_t>(j);
    results.push_back(r);
  }
  return results;
}

std::vector<TensorSpec> specsOf(const std::vector<NodeRef> &nodes) {
  std::vector<TensorSpec> specs;
  for (const NodeRef &n : nodes)
    specs.push_back(specOf(n));
  return specs;
}

bool isIndexScalar(const NodeRef &n) {
  return n->shape.empty() && (n->dtype == DType::I32 || n->dtype == DType::I64);
}

} // namespace

std::vector<NodeRef> foriLoop(const NodeRef &lower, const NodeRef &upper,
                              const std::vector<NodeRef> &init,
                              const TraceBody &body) {
  const std::string op = "fori_loop";
  if (!isIndexScalar(lower) || !isIndexScalar(upper) ||
      lower->dtype != upper->dtype)
    fail(op, "bounds must be scalar int32 or int64 arrays of one dtype, got " +
                 describe(*lower) + " and " + describe(*upper));
  std::vector<TensorSpec> carried = specsOf(init);
  std::vector<TensorSpec> params{{lower->dtype, {}}};
  params.insert(params.end(), carried.begin(), carried.end());
  TracedRegion region = traceRegion(params, body);
  checkResults(op, "the body", region.graph->results, carried, "carried value");

  auto info = std::make_shared<ControlInfo>();
  info->op = ControlInfo::Op::ForiLoop;
  info->results = carried;
  std::vector<NodeRef> operands{lower, upper};
  operands.insert(operands.end(), init.begin(), init.end());
  return makeNode(info, std::move(operands), {region});
}

std::vector<NodeRef> scan(const std::vector<NodeRef> &init,
                          const std::vector<NodeRef> &xs,
                          std::optional<int64_t> length,
                          const TraceBody &body) {
  const std::string op = "scan";
  for (size_t i = 0; i < xs.size(); ++i) {
    if (xs[i]->shape.empty())
      fail(op, "xs " + std::to_string(i) + " is a scalar (" + describe(*xs[i]) +
                   "); it needs a leading axis to scan");
    int64_t n = xs[i]->shape[0];
    if (length && *length != n)
      fail(op, "xs " + std::to_string(i) + " (" + describe(*xs[i]) +
                   ") has leading size " + std::to_string(n) + " but " +
                   (i ? "xs 0 has " : "length is ") + std::to_string(*length));
    length = n;
  }
  if (!length)
    fail(op, "no xs and no length");
  if (*length < 0)
    fail(op, "length must be non-negative, got " + std::to_string(*length));

  std::vector<TensorSpec> carried = specsOf(init);
  std::vector<TensorSpec> params = carried;
  for (const NodeRef &x : xs)
    params.push_back({x->dtype, Shape(x->shape.begin() + 1, x->shape.end())});
  TracedRegion region = traceRegion(params, body);
  const std::vector<NodeRef> &results = region.graph->results;
  if (results.size() < carried.size())
    fail(op, "the step returns " + std::to_string(results.size()) +
                 " arrays, fewer than the " + std::to_string(carried.size()) +
                 " carried values");
  checkResults(
      op, "the step",
      std::vector<NodeRef>(results.begin(), results.begin() + carried.size()),
      carried, "carried value");

  auto info = std::make_shared<ControlInfo>();
  info->op = ControlInfo::Op::Scan;
  info->numCarried = init.size();
  info->length = *length;
  info->results = carried;
  for (size_t j = carried.size(); j < results.size(); ++j) {
    Shape stacked = results[j]->shape;
    stacked.insert(stacked.begin(), *length);
    info->results.push_back({results[j]->dtype, stacked});
  }
  std::vector<NodeRef> operands = init;
  operands.insert(operands.end(), xs.begin(), xs.end());
  return makeNode(info, std::move(operands), {region});
}

std::vector<NodeRef> whileLoop(const std::vector<NodeRef> &init,
                               const TraceBody &cond, const TraceBody &body) {
  const std::string op = "while_loop";
  std::vector<TensorSpec> carried = specsOf(init);
  TracedRegion condRegion = traceRegion(carried, cond);
  checkResults(op, "the condition", condRegion.graph->results,
               {{DType::I1, {}}}, "result");
  TracedRegion bodyRegion = traceRegion(carried, body);
  checkResults(op, "the body", bodyRegion.graph->results, carried,
               "carried value");

  auto info = std::make_shared<ControlInfo>();
  info->op = ControlInfo::Op::While;
  info->results = carried;
  return makeNode(info, init, {condRegion, bodyRegion});
}

std::vector<NodeRef> branch(const NodeRef &selector,
                            const std::vector<TraceBody> &branches,
                            const std::vector<NodeRef> &operands) {
  bool isPredicate = selector->dtype == DType::I1;
  const std::string op = isPredicate ? "cond" : "switch";
  if (!selector->shape.empty() || (!isPredicate && !isIndexScalar(selector)))
    fail(op, "the " + std::string(isPredicate ? "predicate" : "index") +
                 " must be a scalar (bool, int32 or int64) array, got " +
                 describe(*selector));
  if (isPredicate && branches.size() != 2)
    fail(op, "a boolean predicate needs 2 branches, got " +
                 std::to_string(branches.size()));
  if (branches.empty())
    fail(op, "needs at least one branch");

  std::vector<TensorSpec> params = specsOf(operands);
  std::vector<TracedRegion> regions;
  std::vector<TensorSpec> results;
  for (size_t k = 0; k < branches.size(); ++k) {
    regions.push_back(traceRegion(params, branches[k]));
    if (k == 0)
      results = specsOf(regions[0].graph->results);
    else
      checkResults(op, "branch " + std::to_string(k), regions[k].graph->results,
                   results, "result (branch 0's type)");
  }
  auto info = std::make_shared<ControlInfo>();
  info->op = ControlInfo::Op::Cond;
  info->results = results;
  std::vector<NodeRef> own{selector};
  own.insert(own.end(), operands.begin(), operands.end());
  return makeNode(info, std::move(own), regions);
}

NodeRef linalgOp(LinalgKind kind, const std::vector<NodeRef> &operands,
                 bool lower, bool leftSide) {
  static const char *names[] = {"cholesky", "inv", "det", "solve_triangular"};
  const std::string op = std::string("linalg.") + names[static_cast<int>(kind)];
  const NodeRef &a = operands.at(0);
  if (!isFloat(a->dtype))
    fail(op, "needs floating-point matrices, got " + describe(*a));
  size_t rank = a->shape.size();
  if (rank < 2 || a->shape[rank - 1] != a->shape[rank - 2])
    fail(op, "needs square matrices in the last two axes, got " + describe(*a));
  TensorSpec result = specOf(a);
  if (kind == LinalgKind::Det) {
    result.shape.resize(rank - 2);
  } else if (kind == LinalgKind::TriangularSolve) {
    const NodeRef &b = operands.at(1);
    if (b->dtype != a->dtype || b->shape.size() != rank ||
        !std::equal(a->shape.begin(), a->shape.end() - 2, b->shape.begin()) ||
        b->shape[leftSide ? rank - 2 : rank - 1] != a->shape[rank - 1])
      fail(op, "cannot solve with a = " + describe(*a) + " and b = " +
                   describe(*b) + " (" + (leftSide ? "left" : "right") +
                   " side: b must be [..., n, m] with a's leading axes" +
                   (leftSide ? ")" : ", transposed)"));
    result = specOf(b);
  }
  auto info = std::make_shared<ControlInfo>();
  info->op = ControlInfo::Op::Linalg;
  info->linalg = kind;
  info->lower = lower;
  info->leftSide = leftSide;
  info->results = {result};
  return makeNode(info, operands, {}).front();
}

//===----------------------------------------------------------------------===//
// Emission
//===----------------------------------------------------------------------===//

SmallVector<Value>
emitControl(const Node &n, ArrayRef<Value> operands, OpBuilder &b, Location loc,
            const std::function<func::FuncOp(const Subgraph &)> &functionFor) {
  const ControlInfo &info = *n.control;
  MLIRContext *ctx = b.getContext();
  auto typeOf = [&](const TensorSpec &s) -> Type {
    Type element;
    switch (s.dtype) {
    case DType::F32:
      element = Float32Type::get(ctx);
      break;
    case DType::F64:
      element = Float64Type::get(ctx);
      break;
    case DType::I1:
      element = IntegerType::get(ctx, 1);
      break;
    case DType::I32:
      element = IntegerType::get(ctx, 32);
      break;
    case DType::I64:
      element = IntegerType::get(ctx, 64);
      break;
    }
    return RankedTensorType::get(s.shape, element);
  };
  SmallVector<Type> types;
  for (const TensorSpec &s : info.results)
    types.push_back(typeOf(s));
  ArrayRef<Value> own = operands.take_front(info.numOwnOperands);

  // Fills `region` with one block taking the explicit parameters of body
  // `r`, calling its function (with the captures) and yielding the results.
  auto fillRegion = [&](Region &region, unsigned r, ValueRange extraArgs) {
    const Subgraph &g = *info.regions[r];
    SmallVector<Type> argTypes;
    for (size_t i = 0; i < g.numExplicitParams - extraArgs.size(); ++i)
      argTypes.push_back(typeOf(specOf(g.params[i])));
    OpBuilder rb(ctx);
    Block *block = rb.createBlock(&region, {}, argTypes,
                                  SmallVector<Location>(argTypes.size(), loc));
    SmallVector<Value> args(block->getArguments());
    llvm::append_range(args, extraArgs);
    for (size_t index : info.captures[r])
      args.push_back(operands[index]);
    auto call = func::CallOp::create(rb, loc, functionFor(g), args);
    YieldOp::create(rb, loc, call.getResults());
  };

  switch (info.op) {
  case ControlInfo::Op::ForiLoop: {
    auto loop =
        ForiLoopOp::create(b, loc, types, own[0], own[1], own.drop_front(2));
    fillRegion(loop.getBody(), 0, {});
    return SmallVector<Value>(loop.getResults());
  }
  case ControlInfo::Op::Scan: {
    auto loop = ScanOp::create(b, loc, types, own.take_front(info.numCarried),
                               own.drop_front(info.numCarried), info.length);
    fillRegion(loop.getBody(), 0, {});
    return SmallVector<Value>(loop.getResults());
  }
  case ControlInfo::Op::While: {
    auto loop = WhileOp::create(b, loc, types, own);
    fillRegion(loop.getCond(), 0, {});
    fillRegion(loop.getBody(), 1, {});
    return SmallVector<Value>(loop.getResults());
  }
  case ControlInfo::Op::Cond: {
    auto op = CondOp::create(b, loc, types, own[0], info.regions.size());
    // Branches take no block arguments: the operands come from above.
    for (unsigned r = 0; r < info.regions.size(); ++r)
      fillRegion(op.getBranches()[r], r, own.drop_front(1));
    return SmallVector<Value>(op.getResults());
  }
  case ControlInfo::Op::Linalg: {
    Value result;
    switch (info.linalg) {
    case LinalgKind::Cholesky:
      result = CholeskyOp::create(b, loc, own[0]);
      break;
    case LinalgKind::Inv:
      result = InvOp::create(b, loc, own[0]);
      break;
    case LinalgKind::Det:
      result = DetOp::create(b, loc, own[0]);
      break;
    case LinalgKind::TriangularSolve:
      result = TriangularSolveOp::create(b, loc, own[0], own[1], info.lower,
                                         info.leftSide, /*transpose_a=*/false);
      break;
    }
    return {result};
  }
  }
  return {};
}

} // namespace vmapc::detail
