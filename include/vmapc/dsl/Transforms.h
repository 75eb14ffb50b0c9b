//===- Transforms.h - vmap and jit ------------------------------*- C++ -*-===//
//
// The two function transformations of the DSL, with JAX's meaning:
//
//   vmap(f, in_axes(...), out_axes(...))  maps f over an axis of its
//       arguments. Traced, it becomes a `vmapc.vmap` op calling a separate
//       function for f, and the batching pass (not this header) rewrites it
//       into batched code.
//   jit(f)  compiles f to native code on its first call for each combination
//       of argument shapes and dtypes, and reuses the kernel afterwards.
//       jit(f, fp_contract) also fuses a*b+c into fused multiply-adds:
//       faster, but no longer bit-identical to the unfused kernel.
//
// Running the lanes of a vmap in chunks, and on several cores:
//
//   auto k = jit(vmap(f, in_axes(0, none), 0, chunk_size(256), parallel),
//                threads(2));
//
//   chunk_size(C)  the batched f runs on C examples at a time (plus a tail),
//       so temporaries are bounded by the chunk (torch.func.vmap's
//       chunk_size, jax.lax.map's batch_size).
//   parallel       the chunks run at the same time on all cores (OpenMP);
//       without chunk_size the chunk is 256.
//   threads(n)     the thread count of parallel vmaps in this jit (default:
//       OMP_NUM_THREADS, else every core).
// Results are bit-identical to the unchunked serial kernel. jit of such a
// vmap compiles one kernel for the per-example shapes: any batch size runs on
// it without recompiling.
//
// A function given to either is any C++ callable taking symbolic arrays
// (usually a generic lambda `[](auto x, auto w) {...}`) and returning one
// symbolic array or a std::tuple of them.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_DSL_TRANSFORMS_H
#define VMAPC_DSL_TRANSFORMS_H

#include "vmapc/dsl/Expr.h"

#include <concepts>
#include <string>
#include <tuple>
#include <type_traits>
#include <utility>

namespace vmapc {

/// JAX's `None` in in_axes/out_axes: the argument is not mapped (passed whole
/// to every call) or the result is not stacked.
struct None {};
inline constexpr None none{};

namespace detail {
inline std::optional<int64_t> axisEntry(None) { return std::nullopt; }
template <std::integral I> std::optional<int64_t> axisEntry(I axis) {
  return static_cast<int64_t>(axis);
}
} // namespace detail

/// in_axes(0, none, -1): one entry per argument. A bare int or `none` given
/// to vmap instead applies to every argument (JAX's `in_axes=0`).
struct InAxes {
  detail::AxisSpec spec;
  InAxes() = default;
  InAxes(int axis) : spec{{axis}, true} {}
  InAxes(None) : spec{{std::nullopt}, true} {}
  explicit InAxes(detail::AxisSpec s) : spec(std::move(s)) {}
};
struct OutAxes {
  detail::AxisSpec spec;
  OutAxes() = default;
  OutAxes(int axis) : spec{{axis}, true} {}
  OutAxes(None) : spec{{std::nullopt}, true} {}
  explicit OutAxes(detail::AxisSpec s) : spec(std::move(s)) {}
};
template <typename... A> InAxes in_axes(A... axes) {
  return InAxes(detail::AxisSpec{{detail::axisEntry(axes)...}, false});
}
template <typename... A> OutAxes out_axes(A... axes) {
  return OutAxes(detail::AxisSpec{{detail::axisEntry(axes)...}, false});
}

/// vmap option: run the batched function over chunks of `size` examples.
struct ChunkSize {
  int64_t size;
};
inline ChunkSize chunk_size(int64_t size) { return {size}; }

/// vmap option: run the chunks on all cores.
struct Parallel {};
inline constexpr Parallel parallel{};

/// vmap/pmap option: the name of the mapped axis, for the collectives
/// (psum, pmean, pmax, all_gather) in the mapped function.
struct AxisName {
  std::string name;
};
inline AxisName axis_name(std::string name) { return {std::move(name)}; }

/// jit option: the number of threads of the parallel vmaps it compiles.
struct Threads {
  int64_t count;
};
inline Threads threads(int64_t count) { return {count}; }

/// jit option: let the compiler fuse a float a*b+c into one fused
/// multiply-add, rounded once instead of twice (clang's -ffp-contract, which
/// XLA's CPU backend always allows). Faster where multiply-adds dominate;
/// results then differ from the default in the last bits.
struct FpContract {};
inline constexpr FpContract fp_contract{};

namespace detail {

inline void applyVmapOption(VmapOptions &o, ChunkSize c) {
  o.chunkSize = c.size;
}
inline void applyVmapOption(VmapOptions &o, Parallel) { o.parallel = true; }
inline void applyVmapOption(VmapOptions &o, AxisName a) {
  o.axisName = std::move(a.name);
}
inline void applyVmapOption(VmapOptions &o, std::optional<int64_t> axisSize) {
  o.axisSize = axisSize;
}
template <std::integral I> void applyVmapOption(VmapOptions &o, I axisSize) {
  o.axisSize = static_cast<int64_t>(axisSize);
}
/// What vmap takes after its axes: an axis_size, chunk_size(C), parallel.
template <typename O>
concept VmapOption = requires(VmapOptions &o, O x) {
  applyVmapOption(o, x);
};
/// The options that cannot be mistaken for out_axes.
template <typename O>
concept LaneOption = std::same_as<O, ChunkSize> || std::same_as<O, Parallel> ||
    std::same_as<O, AxisName>;

unsigned checkedThreads(Threads t);
inline void applyJitOption(JitOptions &o, Threads t) {
  o.numThreads = checkedThreads(t);
}
inline void applyJitOption(JitOptions &o, FpContract) { o.fpContract = true; }
/// What jit takes after the function: threads(n), fp_contract.
template <typename O>
concept JitOption = requires(JitOptions &o, O x) {
  applyJitOption(o, x);
};

/// What a traced function returns: one symbolic array or a tuple of them,
/// and the matching concrete result of a jitted call.
template <typename R> struct ResultTraits {
  static_assert(sizeof(R) == 0, "a vmapped or jitted function must return a "
                                "symbolic array or a std::tuple of them");
};
template <Element T> struct ResultTraits<Expr<T>> {
  using Concrete = Array<T>;
  static std::vector<NodeRef> nodes(const Expr<T> &r) { return {r.node()}; }
  static Expr<T> fromNodes(const std::vector<NodeRef> &n) {
    return Expr<T>(n.at(0));
  }
  static Concrete allocate(const std::vector<TensorSpec> &specs) {
    return Array<T>(specs.at(0).shape);
  }
  static std::vector<TensorRef> refs(Concrete &a) {
    return {TensorRef(a.tensor())};
  }
};
template <Element... Ts> struct ResultTraits<std::tuple<Expr<Ts>...>> {
  using Concrete = std::tuple<Array<Ts>...>;
  static std::vector<NodeRef> nodes(const std::tuple<Expr<Ts>...> &r) {
    return std::apply(
        [](const auto &...e) { return std::vector<NodeRef>{e.node()...}; }, r);
  }
  static std::tuple<Expr<Ts>...> fromNodes(const std::vector<NodeRef> &n) {
    return build(n, std::index_sequence_for<Ts...>());
  }
  static Concrete allocate(const std::vector<TensorSpec> &specs) {
    return alloc(specs, std::index_sequence_for<Ts...>());
  }
  static std::vector<TensorRef> refs(Concrete &a) {
    return std::apply(
        [](auto &...x) { return std::vector<TensorRef>{x.tensor()...}; }, a);
  }

private:
  template <size_t... I>
  static std::tuple<Expr<Ts>...> build(const std::vector<NodeRef> &n,
                                       std::index_sequence<I...>) {
    return {Expr<Ts>(n.at(I))...};
  }
  template <size_t... I>
  static Concrete alloc(const std::vector<TensorSpec> &s,
                        std::index_sequence<I...>) {
    return {Array<Ts>(s.at(I).shape)...};
  }
};

/// How a concrete argument of a jitted call is passed: Arrays and views by
/// pointer (never copied), numbers as rank-0 arrays.
template <typename A> struct ArgTraits {
  static_assert(sizeof(A) == 0, "a jitted function takes vmapc::Array, "
                                "vmapc::ArrayView or numbers");
};
template <Element T> struct ArgTraits<Array<T>> {
  using Elem = T;
  static TensorRef ref(const Array<T> &a) { return TensorRef(a.tensor()); }
};
template <Element T> struct ArgTraits<ArrayView<T>> {
  using Elem = std::remove_const_t<T>;
  static TensorRef ref(const ArrayView<T> &a) {
    return TensorRef(dtype_v<T>, a.shape(),
                     const_cast<std::remove_const_t<T> *>(a.data()));
  }
};
template <Element T>
requires std::is_arithmetic_v<T>
struct ArgTraits<T> {
  using Elem = T;
  static TensorRef ref(const T &x) {
    return TensorRef(dtype_v<T>, {}, const_cast<T *>(&x));
  }
};

/// Calls `f` with `params` wrapped as the symbolic arrays `Args...`.
template <typename... Args, typename F, size_t... I>
std::vector<NodeRef> callTraced(const F &f, const std::vector<NodeRef> &params,
                                std::index_sequence<I...>) {
  using R = std::invoke_result_t<const F &, const Args &...>;
  return ResultTraits<R>::nodes(f(Args(params.at(I))...));
}

} // namespace detail

/// A compiled specialization of a jitted function: what was compiled, and a
/// type-erased entry point that checks its arguments at run time.
class Compiled {
public:
  explicit Compiled(std::shared_ptr<const detail::CompiledKernel> k)
      : kernel_(std::move(k)) {}
  /// The traced module in the vmapc dialect (vmaps not yet batched).
  const std::string &vmapc_ir() const { return detail::vmapcIR(*kernel_); }
  /// The module after the whole lowering pipeline (LLVM dialect).
  const std::string &final_ir() const { return detail::finalIR(*kernel_); }
  const std::vector<detail::TensorSpec> &inputs() const {
    return detail::argSpecs(*kernel_);
  }
  const std::vector<detail::TensorSpec> &outputs() const {
    return detail::resultSpecs(*kernel_);
  }
  /// Runs the kernel on `in`, writing the caller's preallocated `out`.
  /// Wrong counts, dtypes or shapes throw vmapc::Error.
  void call(const std::vector<TensorRef> &in,
            const std::vector<TensorRef> &out) const {
    detail::invoke(*kernel_, in, out);
  }

private:
  std::shared_ptr<const detail::CompiledKernel> kernel_;
};

/// The result of jit(f): call it with Arrays, ArrayViews or numbers.
template <typename F> class Jitted {
public:
  explicit Jitted(F f, std::shared_ptr<detail::KernelCache> cache = nullptr,
                  detail::JitOptions options = {})
      : f_(std::move(f)),
        cache_(cache ? std::move(cache) : detail::makeKernelCache()),
        options_(options) {}

  template <typename... Args> auto operator()(const Args &...args) const {
    if constexpr ((SymbolicArray<Args> || ...)) {
      // jit inside a trace is inlined, as nested jit is in JAX.
      return f_(args...);
    } else {
      using R = std::invoke_result_t<
          const F &, const Expr<typename detail::ArgTraits<Args>::Elem> &...>;
      auto kernel = specialize(args...);
      std::vector<TensorRef> in{detail::ArgTraits<Args>::ref(args)...};
      typename detail::ResultTraits<R>::Concrete out =
          detail::ResultTraits<R>::allocate(
              detail::resultSpecsFor(*kernel, in));
      detail::invoke(*kernel, in, detail::ResultTraits<R>::refs(out));
      return out;
    }
  }

  /// Compiles (or fetches from the cache) the specialization for these
  /// arguments without running it, to inspect its IR or call it later.
  template <typename... Args> Compiled lower(const Args &...args) const {
    return Compiled(specialize(args...));
  }

  /// The number of specializations compiled so far.
  size_t cache_size() const { return detail::cacheSize(*cache_); }

  /// jit of a chunked vmap takes any batch size, as the vmap does.
  void makeBatchDynamic(std::vector<detail::TensorSpec> &specs) const requires
      requires(const F &f) {
    f.makeBatchDynamic(specs);
  }
  { f_.makeBatchDynamic(specs); }

private:
  template <typename... Args>
  std::shared_ptr<const detail::CompiledKernel>
  specialize(const Args &...args) const {
    std::vector<detail::TensorSpec> specs;
    std::vector<TensorRef> refs{detail::ArgTraits<Args>::ref(args)...};
    for (const TensorRef &r : refs)
      specs.push_back({r.dtype, r.shape});
    // A chunked vmap is compiled once for its per-example shapes.
    if constexpr (requires { f_.makeBatchDynamic(specs); })
      f_.makeBatchDynamic(specs);
    return detail::lookupOrCompile(
        *cache_, specs,
        [this](const std::vector<detail::NodeRef> &params) {
          return detail::callTraced<
              Expr<typename detail::ArgTraits<Args>::Elem>...>(
              f_, params, std::index_sequence_for<Args...>());
        },
        options_);
  }

  F f_;
  std::shared_ptr<detail::KernelCache> cache_;
  detail::JitOptions options_;
};

/// The result of vmap(f, ...): call it on symbolic arrays inside a traced
/// function, or directly on concrete arrays (then it is jitted on the spot,
/// with a cache of its own).
template <typename F> class Vmapped {
public:
  Vmapped(F f, InAxes in, OutAxes out, detail::VmapOptions options)
      : f_(std::move(f)), in_(std::move(in.spec)), out_(std::move(out.spec)),
        options_(options), eager_(detail::makeKernelCache()) {}

  template <typename... Args> auto operator()(const Args &...args) const {
    if constexpr ((SymbolicArray<Args> && ...)) {
      using R = std::invoke_result_t<const F &, const Args &...>;
      std::vector<detail::NodeRef> nodes{args.node()...};
      std::vector<detail::NodeRef> results =
          detail::vmap(nodes, in_, out_, options_,
                       [this](const std::vector<detail::NodeRef> &params) {
                         return detail::callTraced<Args...>(
                             f_, params, std::index_sequence_for<Args...>());
                       });
      return detail::ResultTraits<R>::fromNodes(results);
    } else {
      static_assert(!(SymbolicArray<Args> || ...),
                    "vmap: mix of symbolic and concrete arguments");
      return Jitted<Vmapped>(*this, eager_)(args...);
    }
  }

  /// Jitted directly, a chunked vmap takes any batch size: the mapped axes
  /// of `specs` (the arguments of a call) become dynamic, so the kernel is
  /// compiled for, and cached by, the per-example shapes.
  void makeBatchDynamic(std::vector<detail::TensorSpec> &specs) const {
    if (!options_.chunked() || options_.axisSize)
      return;
    if (!in_.broadcast && in_.axes.size() != specs.size())
      return; // the trace reports the arity error
    for (size_t i = 0; i < specs.size(); ++i) {
      std::optional<int64_t> a = in_.broadcast ? in_.axes.front() : in_.axes[i];
      int64_t rank = specs[i].shape.size();
      if (a && *a >= -rank && *a < rank)
        specs[i].shape[*a < 0 ? *a + rank : *a] = -1;
    }
  }

private:
  F f_;
  detail::AxisSpec in_, out_;
  detail::VmapOptions options_;
  std::shared_ptr<detail::KernelCache> eager_;
};

/// jax.vmap(f, in_axes, out_axes, axis_size), with the options chunk_size(C)
/// and parallel after the axes. Defaults: every argument and result mapped
/// on axis 0. `axis_size` is needed only when no argument is mapped.
template <typename F, detail::VmapOption... Options>
Vmapped<F> vmap(F f, InAxes in = {}, OutAxes out = {}, Options... options) {
  detail::VmapOptions o;
  (detail::applyVmapOption(o, options), ...);
  return Vmapped<F>(std::move(f), std::move(in), std::move(out), o);
}
/// vmap(f, in_axes, chunk_size(C), ...): out_axes left at its default.
template <typename F, detail::LaneOption First, detail::VmapOption... Rest>
Vmapped<F> vmap(F f, InAxes in, First first, Rest... rest) {
  return vmap(std::move(f), std::move(in), OutAxes(), first, rest...);
}

/// The dtype and shape of an argument of export_mlir, as
/// jax.ShapeDtypeStruct: `ShapeDtype<float>({1000, 784})`.
template <Element T> struct ShapeDtype {
  Shape shape;
  explicit ShapeDtype(Shape s) : shape(std::move(s)) {}
};

/// Traces `f` for arguments of these dtypes and shapes and returns the
/// module (vmapc dialect, as text) with its function named `name`: what
/// `vmapc-compile -e name` compiles ahead of time, the JAX analogue being
/// `jax.jit(f).lower(*specs).as_text()`. If `f` is a chunked vmap (or the
/// jit of one), its mapped axes become `?`: the compiled kernel takes the
/// batch size at run time, as jit of it does. Trace errors (shape
/// mismatches, bad axes) throw vmapc::Error.
template <typename F, Element... T>
std::string export_mlir(const F &f, const std::string &name,
                        const ShapeDtype<T> &...args) {
  std::vector<detail::TensorSpec> specs{
      detail::TensorSpec{dtype_v<T>, args.shape}...};
  if constexpr (requires { f.makeBatchDynamic(specs); })
    f.makeBatchDynamic(specs);
  return detail::exportModule(specs, name,
                              [&f](const std::vector<detail::NodeRef> &params) {
                                return detail::callTraced<Expr<T>...>(
                                    f, params, std::index_sequence_for<T...>());
                              });
}

/// jax.pmap(f, in_axes, out_axes, axis_name): vmap's meaning, with the
/// mapped axis split across the ranks of the MPI job the program runs in
/// (`mpirun -np R program`). Every rank must call it with the same inputs;
/// each computes its N/R examples (N must be a multiple of R, else jit
/// throws vmapc::Error with the message of --vmapc-lower-pmap), the
/// collectives over `axis_name` cross the ranks, and every rank gets the
/// whole result (rank 0, process_index() == 0, is the one to report it).
/// Outside mpirun it is vmap on one rank. out_axes is optional; axis_name
/// is required (a compile error without it); there is no chunk_size or
/// axis_size. A pmap cannot be traced inside a vmap or another pmap
/// (vmapc::Error): put it outermost, with vmaps inside it.
template <typename F>
Vmapped<F> pmap(F f, InAxes in, OutAxes out, AxisName name) {
  detail::VmapOptions o;
  o.axisName = std::move(name.name);
  o.pmap = true;
  return Vmapped<F>(std::move(f), std::move(in), std::move(out), o);
}
template <typename F> Vmapped<F> pmap(F f, InAxes in, AxisName name) {
  return pmap(std::move(f), std::move(in), OutAxes(), std::move(name));
}
namespace detail {
template <typename> inline constexpr bool kAlwaysFalse = false;
} // namespace detail
/// pmap without an axis_name: a compile error that says so, rather than a
/// list of the candidate overloads.
template <typename F, typename... Rest>
requires(!(std::same_as<std::decay_t<Rest>, AxisName> ||
           ...)) void pmap(F, Rest &&...) {
  static_assert(detail::kAlwaysFalse<F>,
                "vmapc::pmap needs an axis name: pmap(f, in_axes(...), "
                "[out_axes(...),] axis_name(\"i\"))");
}

/// lax.psum(x, axis_name): the sum of x over every example of the named
/// vmap or pmap axis (across ranks for pmap), the same in every example.
template <Element T> Expr<T> psum(const Expr<T> &x, const std::string &axis) {
  return Expr<T>(
      detail::collective(detail::CollectiveKind::Psum, x.node(), axis));
}
/// lax.pmean: the mean over the named axis (floating point).
template <Element T> Expr<T> pmean(const Expr<T> &x, const std::string &axis) {
  return Expr<T>(
      detail::collective(detail::CollectiveKind::Pmean, x.node(), axis));
}
/// lax.pmax: the maximum over the named axis.
template <Element T> Expr<T> pmax(const Expr<T> &x, const std::string &axis) {
  return Expr<T>(
      detail::collective(detail::CollectiveKind::Pmax, x.node(), axis));
}
/// lax.all_gather: x of every example of the named axis, stacked on a new
/// leading axis of the axis size.
template <Element T>
Expr<T> all_gather(const Expr<T> &x, const std::string &axis) {
  return Expr<T>(
      detail::collective(detail::CollectiveKind::AllGather, x.node(), axis));
}

/// jax.process_index() / process_count(): this process's MPI rank and the
/// number of ranks (0 and 1 outside mpirun).
int process_index();
int process_count();

/// jax.jit(f), with options in any order: `threads(n)` sets the thread count
/// of its parallel vmaps, `fp_contract` allows fused multiply-adds.
template <typename F, detail::JitOption... O> Jitted<F> jit(F f, O... options) {
  detail::JitOptions o;
  (detail::applyJitOption(o, options), ...);
  return Jitted<F>(std::move(f), nullptr, o);
}

} // namespace vmapc

#endif // VMAPC_DSL_TRANSFORMS_H
