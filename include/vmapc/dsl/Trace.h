//===- Trace.h - The traced graph behind symbolic arrays --------*- C++ -*-===//
//
// The boundary between the header-only front (templates the user's function
// is instantiated with) and libVmapcDSL (shape checking, MLIR emission,
// compilation). Nothing here names an MLIR type: a node of the traced graph is
// opaque, and the library turns a finished trace into a vmapc module.
//
// Users never need this header directly; vmapc.h includes it.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_DSL_TRACE_H
#define VMAPC_DSL_TRACE_H

#include "vmapc/dsl/Array.h"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace vmapc {

/// Comparison predicates (the dialect's `eq ne lt le gt ge`).
enum class Cmp { eq, ne, lt, le, gt, ge };

namespace detail {

/// A node of a traced function: an operation on symbolic arrays with its
/// dtype and shape already inferred (shape errors surface at the call that
/// builds the node, as in JAX). Defined in the library.
struct Node;
using NodeRef = std::shared_ptr<const Node>;

const Shape &shapeOf(const Node &node);
DType dtypeOf(const Node &node);

enum class UnaryKind {
  Neg,
  Exp,
  Log,
  Sqrt,
  Rsqrt,
  Tanh,
  Abs,
  Sin,
  Cos,
  Logistic
};
enum class BinaryKind { Add, Sub, Mul, Div, Max, Min, Pow };
enum class ReduceKind { Sum, Max, Min, Prod };

/// A rank-0 constant. Scalars mixed with arrays take the array's dtype
/// (JAX's weak typing), so `x * 2` keeps `x`'s dtype.
NodeRef scalar(DType dtype, double value);
NodeRef unary(UnaryKind kind, const NodeRef &x);
/// Elementwise with numpy broadcasting; operands must share a dtype.
NodeRef binary(BinaryKind kind, const NodeRef &lhs, const NodeRef &rhs);
NodeRef compare(Cmp predicate, const NodeRef &lhs, const NodeRef &rhs);
NodeRef select(const NodeRef &pred, const NodeRef &onTrue,
               const NodeRef &onFalse);
NodeRef convert(const NodeRef &x, DType to);
/// Reduction over `axes` (negative allowed); std::nullopt means every axis.
NodeRef reduce(ReduceKind kind, const NodeRef &x,
               const std::optional<std::vector<int64_t>> &axes, bool keepdims);
NodeRef mean(const NodeRef &x, const std::optional<std::vector<int64_t>> &axes,
             bool keepdims);
/// numpy.dot: contracts the last axis of `a` with the second-to-last of `b`
/// (the only axis of a 1-D `b`).
NodeRef dot(const NodeRef &a, const NodeRef &b);
/// numpy.matmul: matrix products over broadcast leading (batch) axes.
NodeRef matmul(const NodeRef &a, const NodeRef &b);
/// std::nullopt reverses the axes (numpy's default).
NodeRef transpose(const NodeRef &x,
                  const std::optional<std::vector<int64_t>> &perm);
/// One entry of `shape` may be -1 (inferred).
NodeRef reshape(const NodeRef &x, const Shape &shape);
NodeRef broadcastTo(const NodeRef &x, const Shape &shape);
/// lax.slice: per-axis [start, limit) with strides (empty strides: all 1).
NodeRef slice(const NodeRef &x, const std::vector<int64_t> &start,
              const std::vector<int64_t> &limit,
              const std::vector<int64_t> &strides);
/// x[..., start:stop:step, ...] on one axis, numpy's negative-index rules.
NodeRef sliceAxis(const NodeRef &x, int64_t axis, int64_t start, int64_t stop,
                  int64_t step);
NodeRef concat(const std::vector<NodeRef> &xs, int64_t axis);

/// `in_axes` / `out_axes` of a vmap: one entry per argument (result), an
/// axis or std::nullopt for `none`. `broadcast` means the single entry
/// applies to every argument (JAX's `in_axes=0` as opposed to `(0,)`).
struct AxisSpec {
  std::vector<std::optional<int64_t>> axes{0};
  bool broadcast = true;
};

/// Traces a function body: given its parameters as nodes, returns its
/// results as nodes. The header wraps the user's function into this.
using TraceBody =
    std::function<std::vector<NodeRef>(const std::vector<NodeRef> &params)>;

/// The options of a vmap besides its axes: axis_size, and how the lanes are
/// run (chunk_size lanes at a time, the chunks on all cores if parallel).
struct VmapOptions {
  std::optional<int64_t> axisSize;
  std::optional<int64_t> chunkSize;
  bool parallel = false;
  /// The name of the mapped axis for collectives (jax.vmap's axis_name).
  std::optional<std::string> axisName;
  /// pmap: the axis is split across the ranks of the MPI job.
  bool pmap = false;
  /// Whether the jitted kernel is compiled for any batch size: the mapped
  /// axes of its arguments are dynamic (`?`).
  bool chunked() const { return chunkSize || parallel; }
};
/// The chunk of a parallel vmap that gives no chunk_size.
inline constexpr int64_t kDefaultParallelChunk = 256;

/// Traces `body` on one example (the mapped axes removed from `args`) into a
/// function of its own, and returns the results of a `vmapc.vmap` of it over
/// `args`. Symbolic arrays of enclosing traces that the body closes over
/// become extra unmapped arguments. A dimension of -1 in `args` is a
/// batch size known only at run time (a chunked vmap jitted for any size).
std::vector<NodeRef> vmap(const std::vector<NodeRef> &args,
                          const AxisSpec &inAxes, const AxisSpec &outAxes,
                          const VmapOptions &options, const TraceBody &body);

/// The collectives over a named mapped axis (lax.psum, pmean, pmax,
/// all_gather). The name must be that of a vmap or pmap being traced.
enum class CollectiveKind { Psum, Pmean, Pmax, AllGather };
NodeRef collective(CollectiveKind kind, const NodeRef &x,
                   const std::string &axisName);

/// The dtype and shape of a kernel argument or result. A dim of -1 is the
/// batch size of a kernel compiled for any batch size.
struct TensorSpec {
  DType dtype;
  Shape shape;
};

/// A compiled function (one specialization of a jitted function).
class CompiledKernel;
/// The specializations of one jitted function, keyed by argument specs.
class KernelCache;

std::shared_ptr<KernelCache> makeKernelCache();
/// The kernel for `args`, tracing `body` and compiling it the first time
/// these argument specs are seen. Thread-safe; concurrent first calls with
/// the same specs compile once.
/// How a jit compiles: the same options give the same kernel, so they are
/// part of the cache key.
struct JitOptions {
  /// The thread count of parallel vmaps (0: the OpenMP default).
  unsigned numThreads = 0;
  /// Fuse float a*b+c into fused multiply-adds (one rounding, not two).
  bool fpContract = false;
};
std::shared_ptr<const CompiledKernel>
lookupOrCompile(KernelCache &cache, const std::vector<TensorSpec> &args,
                const TraceBody &body, const JitOptions &options = {});
size_t cacheSize(const KernelCache &cache);

const std::vector<TensorSpec> &argSpecs(const CompiledKernel &kernel);
const std::vector<TensorSpec> &resultSpecs(const CompiledKernel &kernel);
/// The result specs of a call on `inputs`: resultSpecs with the batch size
/// of a kernel compiled for any batch size filled in from the inputs.
std::vector<TensorSpec> resultSpecsFor(const CompiledKernel &kernel,
                                       const std::vector<TensorRef> &inputs);
const std::string &vmapcIR(const CompiledKernel &kernel);
const std::string &finalIR(const CompiledKernel &kernel);
/// The traced module of `body` for arguments `args`, as vmapc-dialect text,
/// its function named `name` (vmapc::export_mlir).
std::string exportModule(const std::vector<TensorSpec> &args,
                         const std::string &name, const TraceBody &body);
/// Runs the kernel; `outputs` are preallocated by the caller and written in
/// place. Checks counts, dtypes and shapes, throwing vmapc::Error.
void invoke(const CompiledKernel &kernel, const std::vector<TensorRef> &inputs,
            const std::vector<TensorRef> &outputs);

} // namespace detail

/// How many functions jit has compiled in this process (all caches).
size_t compile_count();

} // namespace vmapc

#endif // VMAPC_DSL_TRACE_H
