//===- Vmap.cpp - Tracing functions and vmap ------------------------------===//
//
// vmap does no batching itself: it traces the user's function once, on one
// example, into a function of its own, and records a `vmapc.vmap` node that
// calls it. The batching pass turns that into batched code later. What vmap
// does check is everything JAX checks at this point (axes in range, in_axes
// arity, mapped sizes agreeing), so errors name the argument and its shape.
//
//===----------------------------------------------------------------------===//

#include "Graph.h"

#include <algorithm>
#include <unordered_set>

namespace vmapc::detail {

namespace {

/// `op` is "vmap" or "pmap", whichever the user called.
[[noreturn]] void fail(const char *op, const std::string &msg) {
  throw Error(std::string(op) + ": " + msg);
}

/// The vmaps and pmaps whose bodies are being traced on this thread,
/// innermost last: what a collective's axis_name may refer to (the named
/// ones), the axis sizes, and whether a pmap would be nested.
struct MapFrame {
  std::optional<std::string> name;
  int64_t size;
  /// Whether a collective over this axis was traced (a chunked vmap cannot
  /// serve one: each chunk sees only its own examples).
  bool used = false;
};
thread_local std::vector<MapFrame> mapFrames;

/// Pushes a map's frame while its body is traced.
class AxisBinding {
public:
  AxisBinding(const std::optional<std::string> &name, int64_t size) {
    mapFrames.push_back({name, size});
  }
  ~AxisBinding() { mapFrames.pop_back(); }
  AxisBinding(const AxisBinding &) = delete;
  AxisBinding &operator=(const AxisBinding &) = delete;
  bool used() const { return mapFrames.back().used; }
};

/// Visits the nodes of the trace `scope` reachable from `roots` (operands
/// first is not needed here, any order), calling `foreign` on each node of
/// another trace that a node of this one uses.
template <typename Foreign>
void walkScope(const std::vector<NodeRef> &roots, uint64_t scope,
               Foreign foreign) {
  std::unordered_set<const Node *> seen;
  std::vector<NodeRef> stack(roots.rbegin(), roots.rend());
  while (!stack.empty()) {
    NodeRef n = stack.back();
    stack.pop_back();
    if (!seen.insert(n.get()).second)
      continue;
    if (n->scope != scope) {
      foreign(n);
      continue;
    }
    for (auto it = n->operands.rbegin(); it != n->operands.rend(); ++it)
      stack.push_back(*it);
  }
}

} // namespace

std::shared_ptr<Subgraph> traceFunction(const std::vector<TensorSpec> &params,
                                        const TraceBody &body) {
  auto g = std::make_shared<Subgraph>();
  TraceScope scope;
  g->scope = scope.id();
  for (size_t i = 0; i < params.size(); ++i)
    g->params.push_back(makeParam(i, params[i].dtype, params[i].shape));
  g->numExplicitParams = params.size();
  g->results = body(g->params);
  if (g->results.empty())
    throw Error("trace: the function returns no arrays");
  return g;
}

NodeRef collective(CollectiveKind kind, const NodeRef &x,
                   const std::string &axisName) {
  static const char *names[] = {"psum", "pmean", "pmax", "all_gather"};
  std::string op = names[static_cast<int>(kind)];
  auto bound =
      std::find_if(mapFrames.rbegin(), mapFrames.rend(),
                   [&](const MapFrame &a) { return a.name == axisName; });
  if (bound == mapFrames.rend()) {
    std::string known;
    for (const MapFrame &a : mapFrames)
      if (a.name)
        known += (known.empty() ? "" : ", ") + *a.name;
    throw Error(
        op + ": unknown axis_name '" + axisName + "' (" +
        (known.empty()
             ? std::string("no enclosing vmap or pmap has an axis_name; "
                           "give the vmap vx::axis_name(...)")
             : "the enclosing vmap/pmap axes are: " + known) +
        ")");
  }
  if (x->dtype == DType::I1)
    throw Error(op + ": needs a numeric array, got " + describe(*x));
  if (kind == CollectiveKind::Pmean && x->dtype != DType::F32 &&
      x->dtype != DType::F64)
    throw Error("pmean: needs a floating-point array, got " + describe(*x));
  bound->used = true;
  Shape shape = x->shape;
  if (kind == CollectiveKind::AllGather) {
    if (bound->size < 0)
      throw Error("all_gather: axis '" + axisName +
                  "' has a size known only at run time (a chunked vmap); "
                  "all_gather needs it at trace time");
    shape.insert(shape.begin(), bound->size);
  }
  auto n = std::make_shared<Node>();
  n->kind = Node::Kind::Collective;
  n->dtype = x->dtype;
  n->shape = shape;
  n->operands = {x};
  n->scope = currentScope();
  n->code = static_cast<int>(kind);
  n->name = axisName;
  return n;
}

std::vector<NodeRef> vmap(const std::vector<NodeRef> &args,
                          const AxisSpec &inAxes, const AxisSpec &outAxes,
                          const VmapOptions &options, const TraceBody &body) {
  const std::optional<int64_t> &axisSize = options.axisSize;
  const char *op = options.pmap ? "pmap" : "vmap";
  if (options.axisName && options.axisName->empty())
    fail(op, "axis_name must not be empty");
  // The ranks are split once, at the top: inside a map the split would
  // itself be batched, which --vmapc-lower-pmap cannot do across ranks (it
  // would work in one process only, and fail under mpirun).
  if (options.pmap && !mapFrames.empty())
    fail(op, "cannot be nested inside a vmap or pmap being traced; use one "
             "pmap outermost and vmaps inside it");
  if (options.pmap && !options.axisName)
    throw Error("pmap: needs an axis_name (vx::axis_name(\"i\"))");
  if (options.pmap && (options.chunked() || options.axisSize))
    throw Error("pmap: takes no chunk_size, parallel or axis_size (each rank "
                "runs its block of examples)");
  if (options.chunkSize && *options.chunkSize <= 0)
    fail(op, "chunk_size must be positive, got " +
                 std::to_string(*options.chunkSize));
  if (!inAxes.broadcast && inAxes.axes.size() != args.size())
    fail(op, "in_axes has " + std::to_string(inAxes.axes.size()) +
                 " entries but the function is called with " +
                 std::to_string(args.size()) + " arguments");
  if (inAxes.axes.empty() && !args.empty())
    fail(op, "in_axes is empty");

  // Normalize the mapped axes and agree on the batch size.
  std::vector<std::optional<int64_t>> axes(args.size());
  std::optional<int64_t> size;
  size_t sizeFrom = 0;
  for (size_t i = 0; i < args.size(); ++i) {
    std::optional<int64_t> a =
        inAxes.broadcast ? inAxes.axes.front() : inAxes.axes[i];
    if (!a)
      continue;
    int64_t rank = args[i]->shape.size();
    if (*a < -rank || *a >= rank)
      fail(op, "in_axes[" + std::to_string(i) + "] = " + std::to_string(*a) +
                   " is out of range for argument " + std::to_string(i) +
                   " of type " + describe(*args[i]) + " (rank " +
                   std::to_string(rank) + ")");
    int64_t axis = *a < 0 ? *a + rank : *a;
    axes[i] = axis;
    int64_t n = args[i]->shape[axis];
    if (!size) {
      size = n;
      sizeFrom = i;
    } else if (*size != n) {
      fail(op, "mapped axes have different sizes: argument " +
                   std::to_string(sizeFrom) + " (" + describe(*args[sizeFrom]) +
                   ", axis " + std::to_string(*axes[sizeFrom]) + ") has size " +
                   std::to_string(*size) + " but argument " +
                   std::to_string(i) + " (" + describe(*args[i]) + ", axis " +
                   std::to_string(axis) + ") has size " + std::to_string(n));
    }
  }
  if (axisSize) {
    if (*axisSize < 0)
      fail(op,
           "axis_size must be non-negative, got " + std::to_string(*axisSize));
    if (size && *size != *axisSize)
      fail(op, "axis_size = " + std::to_string(*axisSize) +
                   " but the mapped axis of argument " +
                   std::to_string(sizeFrom) + " (" + describe(*args[sizeFrom]) +
                   ") has size " + std::to_string(*size));
    size = axisSize;
  }
  if (!size)
    fail(op, options.pmap
                 ? "no argument is mapped (every in_axes entry is none); "
                   "pmap splits a mapped axis across the ranks"
                 : "no argument is mapped (every in_axes entry is none); "
                   "give axis_size");

  // Trace one example.
  std::vector<TensorSpec> perExample;
  for (size_t i = 0; i < args.size(); ++i) {
    Shape s = args[i]->shape;
    if (axes[i])
      s.erase(s.begin() + *axes[i]);
    perExample.push_back({args[i]->dtype, s});
  }
  std::shared_ptr<Subgraph> sub;
  {
    AxisBinding binding(options.axisName, *size);
    sub = traceFunction(perExample, body);
    if (binding.used() && options.chunked())
      fail(op, "a collective over axis '" + *options.axisName +
                   "' needs every example of the axis, but chunk_size and "
                   "parallel run the function on a chunk of them at a time; "
                   "drop chunk_size/parallel from this vmap");
  }

  // Where each result's batch axis goes.
  size_t numResults = sub->results.size();
  if (!outAxes.broadcast && outAxes.axes.size() != numResults)
    fail(op, "out_axes has " + std::to_string(outAxes.axes.size()) +
                 " entries but the function returns " +
                 std::to_string(numResults) + " arrays");
  if (outAxes.axes.empty())
    fail(op, "out_axes is empty");

  // Whether a result depends on a mapped argument: a search back from it
  // through the nodes of this trace (iterative; traces can be deep).
  auto dependsOnMapped = [&](const NodeRef &root) {
    std::unordered_set<const Node *> seen;
    std::vector<const Node *> stack{root.get()};
    while (!stack.empty()) {
      const Node *n = stack.back();
      stack.pop_back();
      if (n->scope != sub->scope || !seen.insert(n).second)
        continue; // other traces' arrays are passed unmapped
      if (n->kind == Node::Kind::Param && axes[n->index])
        return true;
      // A collective over this vmap's axis is the same in every example.
      if (n->kind == Node::Kind::Collective && options.axisName &&
          n->name == *options.axisName)
        continue;
      for (const NodeRef &op : n->operands)
        stack.push_back(op.get());
    }
    return false;
  };

  auto info = std::make_shared<VmapInfo>();
  info->inAxes = axes;
  info->axisSize = *size;
  if (options.chunked())
    info->chunkSize = options.chunkSize.value_or(kDefaultParallelChunk);
  info->parallel = options.parallel;
  // A chunked vmap's name is unused (checked above), and the dialect
  // rejects the combination.
  if (!options.chunked())
    info->axisName = options.axisName;
  info->pmap = options.pmap;
  for (size_t j = 0; j < numResults; ++j) {
    const NodeRef &r = sub->results[j];
    std::optional<int64_t> a =
        outAxes.broadcast ? outAxes.axes.front() : outAxes.axes[j];
    Shape shape = r->shape;
    if (!a) {
      if (dependsOnMapped(r))
        fail(op, "out_axes[" + std::to_string(j) + "] is none but result " +
                     std::to_string(j) + " (" + describe(*r) +
                     ") depends on a mapped argument");
      info->outAxes.push_back(std::nullopt);
    } else {
      int64_t rank = shape.size() + 1;
      if (*a < -rank || *a >= rank)
        fail(op, "out_axes[" + std::to_string(j) + "] = " + std::to_string(*a) +
                     " is out of range for result " + std::to_string(j) +
                     " of type " + describe(*r) + " (batched rank " +
                     std::to_string(rank) + ")");
      int64_t axis = *a < 0 ? *a + rank : *a;
      shape.insert(shape.begin() + axis, *size);
      info->outAxes.push_back(axis);
    }
    info->results.push_back({r->dtype, shape});
  }

  // Symbolic arrays of enclosing traces used by the function become extra
  // arguments, passed whole to every call.
  std::vector<NodeRef> operands = args;
  walkScope(sub->results, sub->scope, [&](const NodeRef &n) {
    sub->params.push_back(n);
    operands.push_back(n);
    info->inAxes.push_back(std::nullopt);
  });
  for (const auto &a : info->inAxes)
    info->anyMapped = info->anyMapped || a.has_value();
  info->callee = sub;

  auto node = std::make_shared<Node>();
  node->kind = Node::Kind::Vmap;
  node->operands = operands;
  node->scope = currentScope();
  node->vmap = info;
  std::vector<NodeRef> results;
  for (size_t j = 0; j < numResults; ++j) {
    auto r = std::make_shared<Node>();
    r->kind = Node::Kind::Result;
    r->dtype = info->results[j].dtype;
    r->shape = info->results[j].shape;
    r->operands = {node};
    r->scope = currentScope();
    r->index = j;
    results.push_back(r);
  }
  return results;
}

} // namespace vmapc::detail
