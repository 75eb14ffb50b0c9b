//===- Graph.h - The traced expression graph (library side) -----*- C++ -*-===//
//
// The definition of the nodes the public header only forward-declares, the
// traced functions they form, and the scopes that tell which trace a node was
// built in (needed to find the symbolic arrays a vmapped function closes
// over).
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_LIB_DSL_GRAPH_H
#define VMAPC_LIB_DSL_GRAPH_H

#include "vmapc/dsl/Array.h"
#include "vmapc/dsl/Trace.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vmapc::detail {

struct Subgraph;
struct ControlInfo;

/// The parameters of a `vmapc.vmap` node.
struct VmapInfo {
  std::shared_ptr<const Subgraph> callee;
  std::vector<std::optional<int64_t>> inAxes;  // normalized, per operand
  std::vector<std::optional<int64_t>> outAxes; // normalized, per result
  int64_t axisSize = 0;                        // -1: known only at run time
  std::optional<int64_t> chunkSize;
  bool parallel = false;
  bool anyMapped = false;
  std::optional<std::string> axisName;
  bool pmap = false;
  std::vector<TensorSpec> results;
};

struct Node {
  enum class Kind {
    Param,      // argument `index` of the traced function of `scope`
    Constant,   // rank-0 `value`
    Unary,      // `code` is a UnaryKind
    Binary,     // `code` is a BinaryKind; operands already broadcast
    Compare,    // `code` is a Cmp
    Select,     // pred, on_true, on_false (already broadcast)
    Convert,    // to `dtype`
    Broadcast,  // broadcast_in_dim, `ints[0]` = broadcast_dimensions
    Reshape,    // to `shape`
    Transpose,  // `ints[0]` = permutation
    Reduce,     // `code` is a ReduceKind, `ints[0]` = dimensions
    Dot,        // dot_general: ints = lhs/rhs batching, lhs/rhs contracting
    Slice,      // ints = start, limit, strides
    Concat,     // along `index`
    Vmap,       // `vmap`; its results are read through Result nodes
    Result,     // result `index` of the multi-result node operands[0]
    Control,    // loop, branch or linalg op, `control` (lib/DSL/Control.h)
    Collective, // `code` is a CollectiveKind over the axis `name`
  };

  Kind kind;
  DType dtype = DType::F32;
  Shape shape;
  std::vector<NodeRef> operands;
  /// The trace this node was built in (0 outside every trace).
  uint64_t scope = 0;
  int code = 0;
  double value = 0;
  int64_t index = 0;
  std::vector<std::vector<int64_t>> ints;
  std::string name;
  std::shared_ptr<const VmapInfo> vmap;
  std::shared_ptr<const ControlInfo> control;

  Node() = default;
  Node(const Node &) = delete;
  Node &operator=(const Node &) = delete;
  /// Releases the operands without recursion: a traced function can be a
  /// chain of many thousands of operations, too deep for the stack.
  ~Node();
};

/// A traced function: its parameters (the explicit ones, then the captured
/// symbolic arrays of enclosing traces, which become extra arguments) and its
/// results.
struct Subgraph {
  uint64_t scope = 0;
  std::vector<NodeRef> params;
  size_t numExplicitParams = 0;
  std::vector<NodeRef> results;
};

/// Opens a new trace on this thread for the lifetime of the guard; nodes
/// built meanwhile belong to it.
class TraceScope {
public:
  TraceScope();
  ~TraceScope();
  TraceScope(const TraceScope &) = delete;
  TraceScope &operator=(const TraceScope &) = delete;
  uint64_t id() const { return id_; }

private:
  uint64_t id_;
  uint64_t previous_;
};

uint64_t currentScope();

/// A new parameter node of the current trace.
NodeRef makeParam(int64_t index, DType dtype, Shape shape);

/// Traces `body` into a Subgraph with parameters of the given specs.
std::shared_ptr<Subgraph> traceFunction(const std::vector<TensorSpec> &params,
                                        const TraceBody &body);

/// "f32[3, 4]".
std::string describe(const Node &node);

/// The `kind` string of vmapc.reduce, also the name errors use.
inline const char *reduceKindName(ReduceKind k) {
  switch (k) {
  case ReduceKind::Sum:
    return "sum";
  case ReduceKind::Max:
    return "max";
  case ReduceKind::Min:
    return "min";
  case ReduceKind::Prod:
    return "prod";
  }
  return "?";
}

} // namespace vmapc::detail

#endif // VMAPC_LIB_DSL_GRAPH_H
