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
//
// A function given to either is any C++ callable taking symbolic arrays
// (usually a generic lambda `[](auto x, auto w) {...}`) and returning one
// symbolic array or a std::tuple of them.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_DSL_TRANSFORMS_H
#define VMAPC_DSL_TRANSFORMS_H

#include "vmapc/dsl/Expr.h"

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

namespace detail {

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
  explicit Jitted(F f, std::shared_ptr<detail::KernelCache> cache = nullptr)
      : f_(std::move(f)),
        cache_(cache ? std::move(cache) : detail::makeKernelCache()) {}

  template <typename... Args> auto operator()(const Args &...args) const {
    if constexpr ((SymbolicArray<Args> || ...)) {
      // jit inside a trace is inlined, as nested jit is in JAX.
      return f_(args...);
    } else {
      using R = std::invoke_result_t<
          const F &, const Expr<typename detail::ArgTraits<Args>::Elem> &...>;
      auto kernel = specialize(args...);
      typename detail::ResultTraits<R>::Concrete out =
          detail::ResultTraits<R>::allocate(detail::resultSpecs(*kernel));
      detail::invoke(*kernel, {detail::ArgTraits<Args>::ref(args)...},
                     detail::ResultTraits<R>::refs(out));
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

private:
  template <typename... Args>
  std::shared_ptr<const detail::CompiledKernel>
  specialize(const Args &...args) const {
    std::vector<detail::TensorSpec> specs;
    std::vector<TensorRef> refs{detail::ArgTraits<Args>::ref(args)...};
    for (const TensorRef &r : refs)
      specs.push_back({r.dtype, r.shape});
    return detail::lookupOrCompile(
        *cache_, specs, [this](const std::vector<detail::NodeRef> &params) {
          return detail::callTraced<
              Expr<typename detail::ArgTraits<Args>::Elem>...>(
              f_, params, std::index_sequence_for<Args...>());
        });
  }

  F f_;
  std::shared_ptr<detail::KernelCache> cache_;
};

/// The result of vmap(f, ...): call it on symbolic arrays inside a traced
/// function, or directly on concrete arrays (then it is jitted on the spot,
/// with a cache of its own).
template <typename F> class Vmapped {
public:
  Vmapped(F f, InAxes in, OutAxes out, std::optional<int64_t> axisSize)
      : f_(std::move(f)), in_(std::move(in.spec)), out_(std::move(out.spec)),
        axisSize_(axisSize), eager_(detail::makeKernelCache()) {}

  template <typename... Args> auto operator()(const Args &...args) const {
    if constexpr ((SymbolicArray<Args> && ...)) {
      using R = std::invoke_result_t<const F &, const Args &...>;
      std::vector<detail::NodeRef> nodes{args.node()...};
      std::vector<detail::NodeRef> results =
          detail::vmap(nodes, in_, out_, axisSize_,
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

private:
  F f_;
  detail::AxisSpec in_, out_;
  std::optional<int64_t> axisSize_;
  std::shared_ptr<detail::KernelCache> eager_;
};

/// jax.vmap(f, in_axes, out_axes, axis_size). Defaults: every argument and
/// result mapped on axis 0. `axis_size` is needed only when no argument is
/// mapped.
template <typename F>
Vmapped<F> vmap(F f, InAxes in = {}, OutAxes out = {},
                std::optional<int64_t> axis_size = std::nullopt) {
  return Vmapped<F>(std::move(f), std::move(in), std::move(out), axis_size);
}

/// jax.jit(f).
template <typename F> Jitted<F> jit(F f) { return Jitted<F>(std::move(f)); }

} // namespace vmapc

#endif // VMAPC_DSL_TRANSFORMS_H
