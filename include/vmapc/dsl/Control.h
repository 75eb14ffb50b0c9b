//===- Control.h - Loops, branches and small linear algebra -----*- C++ -*-===//
//
// jax.lax's structured control flow for traced functions, taking C++
// lambdas with JAX's meaning:
//
//   fori_loop(lower, upper, body, init)   body(i, carry) -> carry
//   scan(f, init, xs)                      f(carry, x) -> {carry, y};
//                                          returns {carry, ys stacked}
//   scan(f, init, none, length)            f(carry, none) -> {carry, y}
//   while_loop(cond, body, init)           cond(carry) -> Expr<bool> scalar,
//                                          body(carry) -> carry
//   cond(pred, true_fn, false_fn, ops...)  both branches take ops...
//   switch_(index, {f0, f1, ...}, ops...)  lax.switch (index clamped)
//
// A carry is one symbolic array or a std::tuple of them; `{carry, y}` is a
// std::pair (or 2-tuple). Each lambda is traced once into a function of its
// own (it may close over symbolic arrays of the enclosing trace); the loop
// runs in the compiled code, not in C++. Under vmap, JAX's batching rules
// apply: a batched predicate runs both branches and selects, a while loop
// with a batched predicate runs until every lane is done.
//
// vmapc::linalg has numpy.linalg's inv, det, cholesky and
// jax.scipy.linalg.solve_triangular on the trailing two axes (leading axes
// are a batch).
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_DSL_CONTROL_H
#define VMAPC_DSL_CONTROL_H

#include "vmapc/dsl/Transforms.h"

#include <functional>
#include <tuple>
#include <utility>
#include <vector>

namespace vmapc {

namespace detail {

// Library entry points (lib/DSL/Control.cpp). Each traces its bodies and
// returns the result nodes; shape errors throw vmapc::Error naming the op.

/// Body params: (index, carries...) -> carries.
std::vector<NodeRef> foriLoop(const NodeRef &lower, const NodeRef &upper,
                              const std::vector<NodeRef> &init,
                              const TraceBody &body);
/// Body params: (carries..., x slices...) -> (carries..., per-step outputs);
/// returns the final carries then the stacked outputs.
std::vector<NodeRef> scan(const std::vector<NodeRef> &init,
                          const std::vector<NodeRef> &xs,
                          std::optional<int64_t> length, const TraceBody &body);
/// cond params: carries -> one rank-0 bool; body: carries -> carries.
std::vector<NodeRef> whileLoop(const std::vector<NodeRef> &init,
                               const TraceBody &cond, const TraceBody &body);
/// `selector` is a rank-0 bool (two branches, the first taken when true) or
/// a rank-0 int32/int64 index (branch clamp(index, 0, n-1)); every branch
/// takes `operands`.
std::vector<NodeRef> branch(const NodeRef &selector,
                            const std::vector<TraceBody> &branches,
                            const std::vector<NodeRef> &operands);

enum class LinalgKind { Cholesky, Inv, Det, TriangularSolve };
NodeRef linalgOp(LinalgKind kind, const std::vector<NodeRef> &operands,
                 bool lower = true, bool leftSide = true);

/// The carry of a loop: one symbolic array or a tuple of them.
template <typename C> using CarryTraits = ResultTraits<C>;

/// A {carry, y} pair returned by a scan step, as a pair or a 2-tuple.
template <typename R> struct StepTraits {
  static_assert(sizeof(R) == 0, "a scan step must return std::pair{carry, y} "
                                "or std::tuple{carry, y}");
};
template <typename C, typename Y> struct StepTraits<std::pair<C, Y>> {
  using Carry = C;
  using Out = Y;
  static const C &carry(const std::pair<C, Y> &r) { return r.first; }
  static const Y &out(const std::pair<C, Y> &r) { return r.second; }
};
template <typename C, typename Y> struct StepTraits<std::tuple<C, Y>> {
  using Carry = C;
  using Out = Y;
  static const C &carry(const std::tuple<C, Y> &r) { return std::get<0>(r); }
  static const Y &out(const std::tuple<C, Y> &r) { return std::get<1>(r); }
};

/// The number of arrays in a carry type.
template <typename C> size_t carrySize(const C &c) {
  return CarryTraits<C>::nodes(c).size();
}

template <typename... Ts>
std::vector<NodeRef> concatNodes(const std::vector<NodeRef> &a,
                                 const std::vector<NodeRef> &b) {
  std::vector<NodeRef> r = a;
  r.insert(r.end(), b.begin(), b.end());
  return r;
}

/// A rank-0 int32 constant (the type JAX gives a Python int bound).
inline NodeRef indexConstant(int64_t v) {
  return scalar(DType::I32, static_cast<double>(v));
}

} // namespace detail

/// A rank-0 constant array of type T, e.g. a loop counter's initial value
/// (`jnp.asarray(v, dtype)`).
template <Element T> Expr<T> constant(T value) {
  return Expr<T>(detail::scalar(dtype_v<T>, static_cast<double>(value)));
}

/// jax.lax.fori_loop(lower, upper, body, init): for i in [lower, upper),
/// carry = body(i, carry). `i` is an Expr<int32_t> for integer bounds, or of
/// the bounds' type when they are symbolic (rank-0 int32/int64 arrays, which
/// may differ per vmapped lane).
template <typename Body, typename Carry>
Carry fori_loop(int64_t lower, int64_t upper, const Body &body,
                const Carry &init) {
  return fori_loop(Expr<int32_t>(detail::indexConstant(lower)),
                   Expr<int32_t>(detail::indexConstant(upper)), body, init);
}

template <typename I, typename Body, typename Carry>
requires(std::same_as<I, int32_t> || std::same_as<I, int64_t>) Carry
    fori_loop(const Expr<I> &lower, const Expr<I> &upper, const Body &body,
              const Carry &init) {
  using Traits = detail::CarryTraits<Carry>;
  std::vector<detail::NodeRef> results = detail::foriLoop(
      lower.node(), upper.node(), Traits::nodes(init),
      [&](const std::vector<detail::NodeRef> &params) {
        std::vector<detail::NodeRef> carried(params.begin() + 1, params.end());
        Carry next = body(Expr<I>(params.at(0)), Traits::fromNodes(carried));
        return Traits::nodes(next);
      });
  return Traits::fromNodes(results);
}

/// jax.lax.scan(f, init, xs): f(carry, x) returns {carry, y}; the result is
/// {final carry, ys} with the ys stacked on a new leading axis. `xs` is one
/// symbolic array or a tuple of them, all with the same leading size.
template <typename F, typename Carry, typename Xs>
requires(!std::same_as<Xs, None>) auto scan(const F &f, const Carry &init,
                                            const Xs &xs) {
  using Step = std::invoke_result_t<const F &, const Carry &, const Xs &>;
  using Traits = detail::StepTraits<Step>;
  using Ys = typename Traits::Out;
  using CT = detail::CarryTraits<Carry>;
  using XT = detail::CarryTraits<Xs>;
  size_t numCarried = CT::nodes(init).size();
  std::vector<detail::NodeRef> results = detail::scan(
      CT::nodes(init), XT::nodes(xs), std::nullopt,
      [&](const std::vector<detail::NodeRef> &params) {
        std::vector<detail::NodeRef> c(params.begin(),
                                       params.begin() + numCarried);
        std::vector<detail::NodeRef> x(params.begin() + numCarried,
                                       params.end());
        Step r = f(CT::fromNodes(c), XT::fromNodes(x));
        return detail::concatNodes(
            CT::nodes(static_cast<const Carry &>(Traits::carry(r))),
            detail::ResultTraits<Ys>::nodes(Traits::out(r)));
      });
  std::vector<detail::NodeRef> c(results.begin(), results.begin() + numCarried);
  std::vector<detail::NodeRef> ys(results.begin() + numCarried, results.end());
  return std::pair<Carry, Ys>(CT::fromNodes(c),
                              detail::ResultTraits<Ys>::fromNodes(ys));
}

/// jax.lax.scan(f, init, None, length): f(carry, none) returns {carry, y}.
template <typename F, typename Carry>
auto scan(const F &f, const Carry &init, None, int64_t length) {
  using Step = std::invoke_result_t<const F &, const Carry &, None>;
  using Traits = detail::StepTraits<Step>;
  using Ys = typename Traits::Out;
  using CT = detail::CarryTraits<Carry>;
  size_t numCarried = CT::nodes(init).size();
  std::vector<detail::NodeRef> results = detail::scan(
      CT::nodes(init), {}, length,
      [&](const std::vector<detail::NodeRef> &params) {
        Step r = f(CT::fromNodes(params), none);
        return detail::concatNodes(
            CT::nodes(static_cast<const Carry &>(Traits::carry(r))),
            detail::ResultTraits<Ys>::nodes(Traits::out(r)));
      });
  std::vector<detail::NodeRef> c(results.begin(), results.begin() + numCarried);
  std::vector<detail::NodeRef> ys(results.begin() + numCarried, results.end());
  return std::pair<Carry, Ys>(CT::fromNodes(c),
                              detail::ResultTraits<Ys>::fromNodes(ys));
}

/// jax.lax.while_loop(cond, body, init): while cond(carry), carry =
/// body(carry). `cond` returns a rank-0 Expr<bool>.
template <typename Cond, typename Body, typename Carry>
Carry while_loop(const Cond &cond, const Body &body, const Carry &init) {
  using Traits = detail::CarryTraits<Carry>;
  std::vector<detail::NodeRef> results = detail::whileLoop(
      Traits::nodes(init),
      [&](const std::vector<detail::NodeRef> &params) {
        Expr<bool> p = cond(Traits::fromNodes(params));
        return std::vector<detail::NodeRef>{p.node()};
      },
      [&](const std::vector<detail::NodeRef> &params) {
        Carry next = body(Traits::fromNodes(params));
        return Traits::nodes(next);
      });
  return Traits::fromNodes(results);
}

namespace detail {
template <typename F, typename... Ops> TraceBody branchBody(const F &f) {
  return [&f](const std::vector<NodeRef> &params) {
    return callTraced<Ops...>(f, params, std::index_sequence_for<Ops...>());
  };
}
} // namespace detail

/// jax.lax.cond(pred, true_fn, false_fn, operands...): `pred` is a rank-0
/// Expr<bool>; both functions take `operands` and return the same types.
template <typename TrueF, typename FalseF, typename... Ops>
auto cond(const Expr<bool> &pred, const TrueF &onTrue, const FalseF &onFalse,
          const Ops &...operands) {
  using R = std::invoke_result_t<const TrueF &, const Ops &...>;
  std::vector<detail::NodeRef> results =
      detail::branch(pred.node(),
                     {detail::branchBody<TrueF, Ops...>(onTrue),
                      detail::branchBody<FalseF, Ops...>(onFalse)},
                     {operands.node()...});
  return detail::ResultTraits<R>::fromNodes(results);
}

/// jax.lax.switch(index, (f0, f1, ...), operands...): runs branch
/// clamp(index, 0, n-1). `index` is a rank-0 Expr<int32_t> or Expr<int64_t>.
template <typename I, typename... Fs, typename... Ops>
requires(std::same_as<I, int32_t> || std::same_as<I, int64_t>) auto switch_(
    const Expr<I> &index, const std::tuple<Fs...> &branches,
    const Ops &...operands) {
  static_assert(sizeof...(Fs) > 0, "switch_ needs at least one branch");
  using F0 = std::tuple_element_t<0, std::tuple<Fs...>>;
  using R = std::invoke_result_t<const F0 &, const Ops &...>;
  std::vector<detail::TraceBody> bodies = std::apply(
      [](const auto &...f) {
        return std::vector<detail::TraceBody>{
            detail::branchBody<std::decay_t<decltype(f)>, Ops...>(f)...};
      },
      branches);
  std::vector<detail::NodeRef> results =
      detail::branch(index.node(), bodies, {operands.node()...});
  return detail::ResultTraits<R>::fromNodes(results);
}

/// numpy.linalg / jax.scipy.linalg on the trailing two axes; leading axes
/// are a batch.
namespace linalg {
/// The lower Cholesky factor L (A = L L^T) of symmetric positive definite
/// matrices; NaNs when A is not positive definite.
template <Element T> Expr<T> cholesky(const Expr<T> &a) {
  return Expr<T>(detail::linalgOp(detail::LinalgKind::Cholesky, {a.node()}));
}
/// Matrix inverse (LU with partial pivoting).
template <Element T> Expr<T> inv(const Expr<T> &a) {
  return Expr<T>(detail::linalgOp(detail::LinalgKind::Inv, {a.node()}));
}
/// Determinant (LU with partial pivoting); drops the two matrix axes.
template <Element T> Expr<T> det(const Expr<T> &a) {
  return Expr<T>(detail::linalgOp(detail::LinalgKind::Det, {a.node()}));
}
/// Solves a x = b (left_side) or x a = b for triangular a[..., n, n] and
/// b[..., n, m] (left) / b[..., m, n] (right); `lower` says which triangle
/// of a is read.
template <Element T>
Expr<T> solve_triangular(const Expr<T> &a, const Expr<T> &b, bool lower = true,
                         bool left_side = true) {
  return Expr<T>(detail::linalgOp(detail::LinalgKind::TriangularSolve,
                                  {a.node(), b.node()}, lower, left_side));
}
} // namespace linalg

} // namespace vmapc

#endif // VMAPC_DSL_CONTROL_H
