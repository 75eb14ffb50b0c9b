//===- Ops.cpp - Building and shape-checking traced operations ------------===//
//
// Every DSL operation lands here while a function is traced. Shapes and
// dtypes are checked eagerly, so a user error is reported by the operation
// that caused it (with the shapes involved) rather than later by an MLIR
// verifier. numpy's implicit broadcasting is made explicit here: the graph
// holds only same-shape elementwise nodes fed by Broadcast nodes, which map
// one-to-one onto `vmapc.broadcast_in_dim`.
//
//===----------------------------------------------------------------------===//

#include "Graph.h"

#include <algorithm>
#include <atomic>
#include <numeric>
#include <set>

namespace vmapc::detail {

//===----------------------------------------------------------------------===//
// Scopes and nodes
//===----------------------------------------------------------------------===//

namespace {
std::atomic<uint64_t> nextScopeId{1};
thread_local uint64_t activeScope = 0;

std::shared_ptr<Node> newNode(Node::Kind kind, DType dtype, Shape shape,
                              std::vector<NodeRef> operands = {}) {
  auto n = std::make_shared<Node>();
  n->kind = kind;
  n->dtype = dtype;
  n->shape = std::move(shape);
  n->operands = std::move(operands);
  n->scope = activeScope;
  return n;
}

[[noreturn]] void fail(const std::string &op, const std::string &msg) {
  throw Error(op + ": " + msg);
}

std::string str(const NodeRef &n) { return describe(*n); }

bool isFloatNode(const NodeRef &n) { return isFloat(n->dtype); }

void requireNumeric(const std::string &op, const NodeRef &n) {
  if (n->dtype == DType::I1)
    fail(op, "not defined on boolean arrays, got " + str(n));
}

void requireFloat(const std::string &op, const NodeRef &n) {
  if (!isFloatNode(n))
    fail(op, "needs a floating-point array (f32 or f64), got " + str(n));
}

void requireSameDType(const std::string &op, const NodeRef &a,
                      const NodeRef &b) {
  if (a->dtype != b->dtype)
    fail(op, "element types differ: " + str(a) + " and " + str(b) +
                 " (use astype)");
}

/// `axis` in [-rank, rank) made non-negative.
int64_t normalizeAxis(const std::string &op, int64_t axis, const NodeRef &x) {
  int64_t rank = static_cast<int64_t>(x->shape.size());
  if (axis < -rank || axis >= rank)
    fail(op, "axis " + std::to_string(axis) + " is out of range for " + str(x) +
                 " (rank " + std::to_string(rank) + ")");
  return axis < 0 ? axis + rank : axis;
}

std::string listToString(const std::vector<int64_t> &v) {
  return shapeToString(v);
}

/// numpy's broadcast of two shapes, or an error naming both operands (`da`
/// and `db` describe them).
Shape broadcastShapes(const std::string &op, const Shape &sa,
                      const std::string &da, const Shape &sb,
                      const std::string &db) {
  size_t rank = std::max(sa.size(), sb.size());
  Shape out(rank);
  for (size_t i = 0; i < rank; ++i) {
    int64_t a = i < rank - sa.size() ? 1 : sa[i - (rank - sa.size())];
    int64_t b = i < rank - sb.size() ? 1 : sb[i - (rank - sb.size())];
    if (a != b && a != 1 && b != 1)
      fail(op, "cannot broadcast " + da + " with " + db +
                   " (incompatible sizes " + std::to_string(a) + " and " +
                   std::to_string(b) + ")");
    out[i] = a == 1 ? b : a;
  }
  return out;
}

Shape broadcastShapes(const std::string &op, const NodeRef &a,
                      const NodeRef &b) {
  return broadcastShapes(op, a->shape, str(a), b->shape, str(b));
}

/// `x` broadcast to `shape` (already known to be compatible).
NodeRef broadcastNode(const NodeRef &x, const Shape &shape) {
  if (x->shape == shape)
    return x;
  auto n = newNode(Node::Kind::Broadcast, x->dtype, shape, {x});
  std::vector<int64_t> dims(x->shape.size());
  std::iota(dims.begin(), dims.end(),
            static_cast<int64_t>(shape.size() - x->shape.size()));
  n->ints = {dims};
  return n;
}

NodeRef reshapeNode(const NodeRef &x, Shape shape) {
  if (x->shape == shape)
    return x;
  return newNode(Node::Kind::Reshape, x->dtype, std::move(shape), {x});
}

const char *unaryName(UnaryKind k) {
  switch (k) {
  case UnaryKind::Neg:
    return "neg";
  case UnaryKind::Exp:
    return "exp";
  case UnaryKind::Log:
    return "log";
  case UnaryKind::Sqrt:
    return "sqrt";
  case UnaryKind::Rsqrt:
    return "rsqrt";
  case UnaryKind::Tanh:
    return "tanh";
  case UnaryKind::Abs:
    return "abs";
  case UnaryKind::Sin:
    return "sin";
  case UnaryKind::Cos:
    return "cos";
  case UnaryKind::Logistic:
    return "sigmoid";
  }
  return "?";
}

const char *binaryName(BinaryKind k) {
  switch (k) {
  case BinaryKind::Add:
    return "add";
  case BinaryKind::Sub:
    return "subtract";
  case BinaryKind::Mul:
    return "multiply";
  case BinaryKind::Div:
    return "divide";
  case BinaryKind::Max:
    return "maximum";
  case BinaryKind::Min:
    return "minimum";
  case BinaryKind::Pow:
    return "pow";
  }
  return "?";
}

const char *cmpName(Cmp c) {
  switch (c) {
  case Cmp::eq:
    return "equal";
  case Cmp::ne:
    return "not_equal";
  case Cmp::lt:
    return "less";
  case Cmp::le:
    return "less_equal";
  case Cmp::gt:
    return "greater";
  case Cmp::ge:
    return "greater_equal";
  }
  return "?";
}

/// The normalized, sorted, duplicate-free axes of a reduction.
std::vector<int64_t>
reductionAxes(const std::string &op, const NodeRef &x,
              const std::optional<std::vector<int64_t>> &axes) {
  std::vector<int64_t> dims;
  if (!axes) {
    dims.resize(x->shape.size());
    std::iota(dims.begin(), dims.end(), 0);
    return dims;
  }
  std::set<int64_t> seen;
  for (int64_t a : *axes) {
    int64_t d = normalizeAxis(op, a, x);
    if (!seen.insert(d).second)
      fail(op, "axis " + std::to_string(a) + " repeated in " +
                   listToString(*axes) + " for " + str(x));
    dims.push_back(d);
  }
  std::sort(dims.begin(), dims.end());
  return dims;
}

} // namespace

Node::~Node() {
  // Operands are queued instead of released here; the outermost destructor
  // on this thread drains the queue, so destruction depth stays constant.
  thread_local std::vector<NodeRef> pending;
  thread_local bool draining = false;
  for (NodeRef &op : operands)
    pending.push_back(std::move(op));
  if (draining)
    return;
  draining = true;
  while (!pending.empty()) {
    NodeRef last = std::move(pending.back());
    pending.pop_back();
    last.reset(); // may run ~Node, which only queues
  }
  draining = false;
}

TraceScope::TraceScope() : id_(nextScopeId++), previous_(activeScope) {
  activeScope = id_;
}
TraceScope::~TraceScope() { activeScope = previous_; }

uint64_t currentScope() { return activeScope; }

NodeRef makeParam(int64_t index, DType dtype, Shape shape) {
  auto n = newNode(Node::Kind::Param, dtype, std::move(shape));
  n->index = index;
  return n;
}

std::string describe(const Node &node) {
  if (node.kind == Node::Kind::Vmap)
    return "vmap results";
  return typeToString(node.dtype, node.shape);
}

const Shape &shapeOf(const Node &node) { return node.shape; }
DType dtypeOf(const Node &node) { return node.dtype; }

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

NodeRef scalar(DType dtype, double value) {
  auto n = newNode(Node::Kind::Constant, dtype, {});
  // Store the value as the dtype will hold it, so printing and folding agree
  // with what the kernel computes.
  switch (dtype) {
  case DType::F32:
    value = static_cast<float>(value);
    break;
  case DType::I32:
    value = static_cast<int32_t>(value);
    break;
  case DType::I64:
    value = static_cast<double>(static_cast<int64_t>(value));
    break;
  case DType::I1:
    value = value != 0;
    break;
  case DType::F64:
    break;
  }
  n->value = value;
  return n;
}

NodeRef unary(UnaryKind kind, const NodeRef &x) {
  std::string op = unaryName(kind);
  if (kind == UnaryKind::Neg || kind == UnaryKind::Abs)
    requireNumeric(op, x);
  else
    requireFloat(op, x);
  auto n = newNode(Node::Kind::Unary, x->dtype, x->shape, {x});
  n->code = static_cast<int>(kind);
  return n;
}

NodeRef binary(BinaryKind kind, const NodeRef &lhs, const NodeRef &rhs) {
  std::string op = binaryName(kind);
  requireSameDType(op, lhs, rhs);
  if (kind == BinaryKind::Pow)
    requireFloat(op, lhs);
  else
    requireNumeric(op, lhs);
  Shape shape = broadcastShapes(op, lhs, rhs);
  auto n = newNode(Node::Kind::Binary, lhs->dtype, shape,
                   {broadcastNode(lhs, shape), broadcastNode(rhs, shape)});
  n->code = static_cast<int>(kind);
  return n;
}

NodeRef compare(Cmp predicate, const NodeRef &lhs, const NodeRef &rhs) {
  std::string op = cmpName(predicate);
  requireSameDType(op, lhs, rhs);
  requireNumeric(op, lhs);
  Shape shape = broadcastShapes(op, lhs, rhs);
  auto n = newNode(Node::Kind::Compare, DType::I1, shape,
                   {broadcastNode(lhs, shape), broadcastNode(rhs, shape)});
  n->code = static_cast<int>(predicate);
  return n;
}

NodeRef select(const NodeRef &pred, const NodeRef &onTrue,
               const NodeRef &onFalse) {
  const std::string op = "where";
  if (pred->dtype != DType::I1)
    fail(op, "condition must be a boolean array, got " + str(pred));
  requireSameDType(op, onTrue, onFalse);
  Shape values = broadcastShapes(op, onTrue, onFalse);
  Shape shape = broadcastShapes(op, pred->shape, str(pred), values,
                                typeToString(onTrue->dtype, values));
  return newNode(Node::Kind::Select, onTrue->dtype, shape,
                 {broadcastNode(pred, shape), broadcastNode(onTrue, shape),
                  broadcastNode(onFalse, shape)});
}

NodeRef convert(const NodeRef &x, DType to) {
  if (x->dtype == to)
    return x;
  return newNode(Node::Kind::Convert, to, x->shape, {x});
}

//===----------------------------------------------------------------------===//
// Reductions and contractions
//===----------------------------------------------------------------------===//

NodeRef reduce(ReduceKind kind, const NodeRef &x,
               const std::optional<std::vector<int64_t>> &axes, bool keepdims) {
  std::string op = reduceKindName(kind);
  requireNumeric(op, x);
  std::vector<int64_t> dims = reductionAxes(op, x, axes);
  if (dims.empty())
    return x;
  Shape kept, withOnes = x->shape;
  for (size_t d = 0; d < x->shape.size(); ++d) {
    if (std::binary_search(dims.begin(), dims.end(), int64_t(d)))
      withOnes[d] = 1;
    else
      kept.push_back(x->shape[d]);
  }
  auto n = newNode(Node::Kind::Reduce, x->dtype, kept, {x});
  n->code = static_cast<int>(kind);
  n->ints = {dims};
  return keepdims ? reshapeNode(n, withOnes) : NodeRef(n);
}

NodeRef mean(const NodeRef &x, const std::optional<std::vector<int64_t>> &axes,
             bool keepdims) {
  requireFloat("mean", x);
  std::vector<int64_t> dims = reductionAxes("mean", x, axes);
  int64_t count = 1;
  for (int64_t d : dims)
    count *= x->shape[d];
  NodeRef s = reduce(ReduceKind::Sum, x, axes, keepdims);
  return binary(BinaryKind::Div, s,
                scalar(x->dtype, static_cast<double>(count)));
}

NodeRef dot(const NodeRef &a, const NodeRef &b) {
  const std::string op = "dot";
  requireSameDType(op, a, b);
  requireNumeric(op, a);
  // numpy.dot with a scalar operand is a multiplication.
  if (a->shape.empty() || b->shape.empty())
    return binary(BinaryKind::Mul, a, b);
  int64_t ra = a->shape.size(), rb = b->shape.size();
  int64_t ca = ra - 1, cb = rb == 1 ? 0 : rb - 2;
  if (a->shape[ca] != b->shape[cb])
    fail(op, "shapes " + str(a) + " and " + str(b) +
                 " not aligned: " + std::to_string(a->shape[ca]) + " (axis " +
                 std::to_string(ca) + ") != " + std::to_string(b->shape[cb]) +
                 " (axis " + std::to_string(cb) + ")");
  Shape shape(a->shape.begin(), a->shape.end() - 1);
  for (int64_t d = 0; d < rb; ++d)
    if (d != cb)
      shape.push_back(b->shape[d]);
  auto n = newNode(Node::Kind::Dot, a->dtype, shape, {a, b});
  n->ints = {{}, {}, {ca}, {cb}};
  return n;
}

NodeRef matmul(const NodeRef &a, const NodeRef &b) {
  const std::string op = "matmul";
  requireSameDType(op, a, b);
  requireNumeric(op, a);
  if (a->shape.empty() || b->shape.empty())
    fail(op, "operands must have at least one axis, got " + str(a) + " and " +
                 str(b));
  // numpy promotes a 1-D lhs to a row and a 1-D rhs to a column, and drops
  // the added axis from the result.
  bool rowVec = a->shape.size() == 1, colVec = b->shape.size() == 1;
  Shape sa = a->shape, sb = b->shape;
  if (rowVec)
    sa.insert(sa.begin(), 1);
  if (colVec)
    sb.push_back(1);
  int64_t m = sa[sa.size() - 2], k = sa.back();
  int64_t k2 = sb[sb.size() - 2], n = sb.back();
  if (k != k2)
    fail(op, "shapes " + str(a) + " and " + str(b) +
                 " not aligned: contracting sizes " + std::to_string(k) +
                 " and " + std::to_string(k2));
  Shape batchA(sa.begin(), sa.end() - 2), batchB(sb.begin(), sb.end() - 2);
  Shape batch = broadcastShapes(op, batchA, str(a), batchB, str(b));
  int64_t nb = batch.size();
  Shape fullA = batch, fullB = batch;
  fullA.insert(fullA.end(), {m, k});
  fullB.insert(fullB.end(), {k, n});
  NodeRef la = broadcastNode(reshapeNode(a, sa), fullA);
  NodeRef lb = broadcastNode(reshapeNode(b, sb), fullB);
  Shape shape = batch;
  shape.insert(shape.end(), {m, n});
  auto d = newNode(Node::Kind::Dot, a->dtype, shape, {la, lb});
  std::vector<int64_t> bdims(nb);
  std::iota(bdims.begin(), bdims.end(), 0);
  d->ints = {bdims, bdims, {nb + 1}, {nb}};
  Shape finalShape = batch;
  if (!rowVec)
    finalShape.push_back(m);
  if (!colVec)
    finalShape.push_back(n);
  return reshapeNode(d, finalShape);
}

//===----------------------------------------------------------------------===//
// Shape manipulation
//===----------------------------------------------------------------------===//

NodeRef transpose(const NodeRef &x,
                  const std::optional<std::vector<int64_t>> &perm) {
  const std::string op = "transpose";
  int64_t rank = x->shape.size();
  std::vector<int64_t> p(rank);
  if (!perm) {
    for (int64_t i = 0; i < rank; ++i)
      p[i] = rank - 1 - i;
  } else {
    if (static_cast<int64_t>(perm->size()) != rank)
      fail(op, "permutation " + listToString(*perm) + " has " +
                   std::to_string(perm->size()) + " entries for " + str(x));
    std::set<int64_t> seen;
    for (int64_t i = 0; i < rank; ++i) {
      p[i] = normalizeAxis(op, (*perm)[i], x);
      if (!seen.insert(p[i]).second)
        fail(op, listToString(*perm) + " is not a permutation of the axes of " +
                     str(x));
    }
  }
  Shape shape(rank);
  bool identity = true;
  for (int64_t i = 0; i < rank; ++i) {
    shape[i] = x->shape[p[i]];
    identity &= p[i] == i;
  }
  if (identity)
    return x;
  auto n = newNode(Node::Kind::Transpose, x->dtype, shape, {x});
  n->ints = {p};
  return n;
}

NodeRef reshape(const NodeRef &x, const Shape &shape) {
  const std::string op = "reshape";
  Shape out = shape;
  int64_t known = 1, inferred = -1;
  for (size_t i = 0; i < out.size(); ++i) {
    if (out[i] == -1) {
      if (inferred >= 0)
        fail(op, "more than one -1 in " + shapeToString(shape));
      inferred = i;
    } else if (out[i] < 0) {
      fail(op, "negative size in " + shapeToString(shape));
    } else {
      known *= out[i];
    }
  }
  int64_t count = numElementsOf(x->shape);
  if (inferred >= 0) {
    if (known == 0 || count % known != 0)
      fail(op, "cannot reshape " + str(x) + " into " + shapeToString(shape));
    out[inferred] = count / known;
  }
  if (numElementsOf(out) != count)
    fail(op, "cannot reshape " + str(x) + " (" + std::to_string(count) +
                 " elements) into " + shapeToString(shape) + " (" +
                 std::to_string(numElementsOf(out)) + " elements)");
  return reshapeNode(x, out);
}

NodeRef broadcastTo(const NodeRef &x, const Shape &shape) {
  const std::string op = "broadcast_to";
  bool ok = shape.size() >= x->shape.size();
  for (size_t i = 0; ok && i < x->shape.size(); ++i) {
    int64_t have = x->shape[x->shape.size() - 1 - i];
    int64_t want = shape[shape.size() - 1 - i];
    ok = have == want || have == 1;
  }
  for (int64_t d : shape)
    ok &= d >= 0;
  if (!ok)
    fail(op,
         "cannot broadcast " + str(x) + " to shape " + shapeToString(shape));
  return broadcastNode(x, shape);
}

NodeRef slice(const NodeRef &x, const std::vector<int64_t> &start,
              const std::vector<int64_t> &limit,
              const std::vector<int64_t> &strides) {
  const std::string op = "slice";
  size_t rank = x->shape.size();
  std::vector<int64_t> st =
      strides.empty() ? std::vector<int64_t>(rank, 1) : strides;
  if (start.size() != rank || limit.size() != rank || st.size() != rank)
    fail(op, "start " + listToString(start) + ", limit " + listToString(limit) +
                 " and strides " + listToString(st) +
                 " must each have one entry per axis of " + str(x));
  Shape shape(rank);
  for (size_t d = 0; d < rank; ++d) {
    if (start[d] < 0 || start[d] > limit[d] || limit[d] > x->shape[d] ||
        st[d] <= 0)
      fail(op, "invalid bounds on axis " + std::to_string(d) + " of " + str(x) +
                   ": start " + listToString(start) + ", limit " +
                   listToString(limit) + ", strides " + listToString(st));
    shape[d] = (limit[d] - start[d] + st[d] - 1) / st[d];
  }
  auto n = newNode(Node::Kind::Slice, x->dtype, shape, {x});
  n->ints = {start, limit, st};
  return n;
}

NodeRef sliceAxis(const NodeRef &x, int64_t axis, int64_t start, int64_t stop,
                  int64_t step) {
  const std::string op = "slice_axis";
  int64_t d = normalizeAxis(op, axis, x);
  if (step <= 0)
    fail(op, "step must be positive, got " + std::to_string(step));
  int64_t n = x->shape[d];
  auto clampIndex = [n](int64_t i) {
    if (i < 0)
      i += n;
    return std::clamp<int64_t>(i, 0, n);
  };
  int64_t lo = clampIndex(start), hi = std::max(lo, clampIndex(stop));
  std::vector<int64_t> starts(x->shape.size(), 0), limits = x->shape;
  starts[d] = lo;
  limits[d] = hi;
  std::vector<int64_t> strides(x->shape.size(), 1);
  strides[d] = step;
  return slice(x, starts, limits, strides);
}

NodeRef concat(const std::vector<NodeRef> &xs, int64_t axis) {
  const std::string op = "concat";
  if (xs.empty())
    fail(op, "needs at least one array");
  const NodeRef &first = xs.front();
  if (first->shape.empty())
    fail(op, "cannot concatenate rank-0 arrays");
  int64_t d = normalizeAxis(op, axis, first);
  Shape shape = first->shape;
  shape[d] = 0;
  for (const NodeRef &x : xs) {
    requireSameDType(op, first, x);
    bool ok = x->shape.size() == first->shape.size();
    for (size_t i = 0; ok && i < shape.size(); ++i)
      ok = static_cast<int64_t>(i) == d || x->shape[i] == first->shape[i];
    if (!ok)
      fail(op, "shapes " + str(first) + " and " + str(x) +
                   " differ outside axis " + std::to_string(axis));
    shape[d] += x->shape[d];
  }
  if (xs.size() == 1)
    return first;
  auto n = newNode(Node::Kind::Concat, first->dtype, shape, xs);
  n->index = d;
  return n;
}

} // namespace vmapc::detail
