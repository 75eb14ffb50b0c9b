//===- Expr.h - Symbolic arrays and the numpy-style operations --*- C++ -*-===//
//
// `vmapc::Expr<T>` is what a traced function receives instead of data (JAX's
// tracer). Every operation on it builds a node of an expression graph typed by
// the element type T and checks shapes on the spot; none does arithmetic. The
// element type is part of the C++ type, so mixing float and double arrays is a
// compile error (use astype<U>), while a plain C++ number mixed with an array
// takes the array's element type, as Python scalars do in JAX.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_DSL_EXPR_H
#define VMAPC_DSL_EXPR_H

#include "vmapc/dsl/Trace.h"

#include <concepts>
#include <type_traits>
#include <vector>

namespace vmapc {

using Axes = std::vector<int64_t>;

template <Element T> class Expr {
public:
  using value_type = T;

  explicit Expr(detail::NodeRef node) : node_(std::move(node)) {}

  const Shape &shape() const { return detail::shapeOf(*node_); }
  int64_t ndim() const { return static_cast<int64_t>(shape().size()); }
  int64_t size() const { return numElementsOf(shape()); }
  const detail::NodeRef &node() const { return node_; }

  // Member spellings of the numpy methods.
  Expr dot(const Expr &other) const {
    return Expr(detail::dot(node_, other.node()));
  }
  Expr sum() const { return reduce(detail::ReduceKind::Sum, std::nullopt); }
  Expr sum(Axes axes, bool keepdims = false) const {
    return reduce(detail::ReduceKind::Sum, std::move(axes), keepdims);
  }
  Expr sum(int64_t axis, bool keepdims = false) const {
    return sum(Axes{axis}, keepdims);
  }
  Expr mean() const { return Expr(detail::mean(node_, std::nullopt, false)); }
  Expr mean(Axes axes, bool keepdims = false) const {
    return Expr(detail::mean(node_, std::move(axes), keepdims));
  }
  Expr mean(int64_t axis, bool keepdims = false) const {
    return mean(Axes{axis}, keepdims);
  }
  Expr max() const { return reduce(detail::ReduceKind::Max, std::nullopt); }
  Expr max(Axes axes, bool keepdims = false) const {
    return reduce(detail::ReduceKind::Max, std::move(axes), keepdims);
  }
  Expr max(int64_t axis, bool keepdims = false) const {
    return max(Axes{axis}, keepdims);
  }
  Expr min() const { return reduce(detail::ReduceKind::Min, std::nullopt); }
  Expr min(Axes axes, bool keepdims = false) const {
    return reduce(detail::ReduceKind::Min, std::move(axes), keepdims);
  }
  Expr min(int64_t axis, bool keepdims = false) const {
    return min(Axes{axis}, keepdims);
  }
  Expr reshape(const Shape &shape) const {
    return Expr(detail::reshape(node_, shape));
  }
  /// `x.T` in numpy: the axes reversed.
  Expr transpose() const {
    return Expr(detail::transpose(node_, std::nullopt));
  }
  Expr transpose(Axes perm) const {
    return Expr(detail::transpose(node_, std::move(perm)));
  }

private:
  Expr reduce(detail::ReduceKind kind, std::optional<Axes> axes,
              bool keepdims = false) const {
    return Expr(detail::reduce(kind, node_, axes, keepdims));
  }

  detail::NodeRef node_;
};

/// A plain C++ number usable beside a symbolic array.
template <typename S>
concept Scalar = std::is_arithmetic_v<S>;

namespace detail {
template <Element T, Scalar S> NodeRef lift(S s) {
  return scalar(dtype_v<T>, static_cast<double>(s));
}
template <Element T> const NodeRef &lift(const Expr<T> &e) { return e.node(); }

template <typename X> struct ExprElement;
template <Element T> struct ExprElement<Expr<T>> { using type = T; };
} // namespace detail

template <typename X>
concept SymbolicArray = requires {
  typename detail::ExprElement<X>::type;
};

// Elementwise binary operators: Expr op Expr, Expr op scalar, scalar op Expr.
#define VMAPC_BINARY(NAME, KIND)                                               \
  template <Element T> Expr<T> NAME(const Expr<T> &a, const Expr<T> &b) {      \
    return Expr<T>(                                                            \
        detail::binary(detail::BinaryKind::KIND, a.node(), b.node()));         \
  }                                                                            \
  template <Element T, Scalar S> Expr<T> NAME(const Expr<T> &a, S b) {         \
    return Expr<T>(detail::binary(detail::BinaryKind::KIND, a.node(),          \
                                  detail::lift<T>(b)));                        \
  }                                                                            \
  template <Element T, Scalar S> Expr<T> NAME(S a, const Expr<T> &b) {         \
    return Expr<T>(detail::binary(detail::BinaryKind::KIND,                    \
                                  detail::lift<T>(a), b.node()));              \
  }
VMAPC_BINARY(operator+, Add)
VMAPC_BINARY(operator-, Sub)
VMAPC_BINARY(operator*, Mul)
VMAPC_BINARY(operator/, Div)
VMAPC_BINARY(add, Add)
VMAPC_BINARY(subtract, Sub)
VMAPC_BINARY(multiply, Mul)
VMAPC_BINARY(divide, Div)
VMAPC_BINARY(maximum, Max)
VMAPC_BINARY(minimum, Min)
VMAPC_BINARY(pow, Pow)
#undef VMAPC_BINARY

// Comparisons give boolean arrays.
#define VMAPC_COMPARE(NAME, PRED)                                              \
  template <Element T> Expr<bool> NAME(const Expr<T> &a, const Expr<T> &b) {   \
    return Expr<bool>(detail::compare(Cmp::PRED, a.node(), b.node()));         \
  }                                                                            \
  template <Element T, Scalar S> Expr<bool> NAME(const Expr<T> &a, S b) {      \
    return Expr<bool>(                                                         \
        detail::compare(Cmp::PRED, a.node(), detail::lift<T>(b)));             \
  }                                                                            \
  template <Element T, Scalar S> Expr<bool> NAME(S a, const Expr<T> &b) {      \
    return Expr<bool>(                                                         \
        detail::compare(Cmp::PRED, detail::lift<T>(a), b.node()));             \
  }
VMAPC_COMPARE(operator<, lt)
VMAPC_COMPARE(operator<=, le)
VMAPC_COMPARE(operator>, gt)
VMAPC_COMPARE(operator>=, ge)
VMAPC_COMPARE(operator==, eq)
VMAPC_COMPARE(operator!=, ne)
VMAPC_COMPARE(less, lt)
VMAPC_COMPARE(less_equal, le)
VMAPC_COMPARE(greater, gt)
VMAPC_COMPARE(greater_equal, ge)
VMAPC_COMPARE(equal, eq)
VMAPC_COMPARE(not_equal, ne)
#undef VMAPC_COMPARE

/// compare(a, b, Cmp::lt) == (a < b), for a predicate chosen at run time.
template <Element T>
Expr<bool> compare(const Expr<T> &a, const Expr<T> &b, Cmp predicate) {
  return Expr<bool>(detail::compare(predicate, a.node(), b.node()));
}

// Elementwise unary functions.
#define VMAPC_UNARY(NAME, KIND)                                                \
  template <Element T> Expr<T> NAME(const Expr<T> &x) {                        \
    return Expr<T>(detail::unary(detail::UnaryKind::KIND, x.node()));          \
  }
VMAPC_UNARY(operator-, Neg)
VMAPC_UNARY(neg, Neg)
VMAPC_UNARY(negative, Neg)
VMAPC_UNARY(exp, Exp)
VMAPC_UNARY(log, Log)
VMAPC_UNARY(sqrt, Sqrt)
VMAPC_UNARY(rsqrt, Rsqrt)
VMAPC_UNARY(tanh, Tanh)
VMAPC_UNARY(abs, Abs)
VMAPC_UNARY(sin, Sin)
VMAPC_UNARY(cos, Cos)
VMAPC_UNARY(sigmoid, Logistic)
#undef VMAPC_UNARY

/// max(x, 0), as jax.nn.relu.
template <Element T> Expr<T> relu(const Expr<T> &x) { return maximum(x, 0); }

/// where(cond, a, b): a where cond holds, else b, all three broadcast
/// together; a and b may be plain numbers.
template <Element T>
Expr<T> where(const Expr<bool> &c, const Expr<T> &a, const Expr<T> &b) {
  return Expr<T>(detail::select(c.node(), a.node(), b.node()));
}
template <Element T, Scalar S>
Expr<T> where(const Expr<bool> &c, const Expr<T> &a, S b) {
  return Expr<T>(detail::select(c.node(), a.node(), detail::lift<T>(b)));
}
template <Element T, Scalar S>
Expr<T> where(const Expr<bool> &c, S a, const Expr<T> &b) {
  return Expr<T>(detail::select(c.node(), detail::lift<T>(a), b.node()));
}

/// x.astype(U).
template <Element U, Element T> Expr<U> astype(const Expr<T> &x) {
  return Expr<U>(detail::convert(x.node(), dtype_v<U>));
}

// Contractions.
template <Element T> Expr<T> dot(const Expr<T> &a, const Expr<T> &b) {
  return a.dot(b);
}
template <Element T> Expr<T> matmul(const Expr<T> &a, const Expr<T> &b) {
  return Expr<T>(detail::matmul(a.node(), b.node()));
}

// Reductions: over every axis, one axis, or a list (negative axes count from
// the end); keepdims as numpy.
#define VMAPC_REDUCTION(NAME)                                                  \
  template <Element T> Expr<T> NAME(const Expr<T> &x) { return x.NAME(); }     \
  template <Element T>                                                         \
  Expr<T> NAME(const Expr<T> &x, int64_t axis, bool keepdims = false) {        \
    return x.NAME(axis, keepdims);                                             \
  }                                                                            \
  template <Element T>                                                         \
  Expr<T> NAME(const Expr<T> &x, Axes axes, bool keepdims = false) {           \
    return x.NAME(std::move(axes), keepdims);                                  \
  }
VMAPC_REDUCTION(sum)
VMAPC_REDUCTION(mean)
VMAPC_REDUCTION(max)
VMAPC_REDUCTION(min)
#undef VMAPC_REDUCTION

// Shape manipulation.
template <Element T> Expr<T> transpose(const Expr<T> &x) {
  return x.transpose();
}
template <Element T> Expr<T> transpose(const Expr<T> &x, Axes perm) {
  return x.transpose(std::move(perm));
}
template <Element T> Expr<T> reshape(const Expr<T> &x, const Shape &shape) {
  return x.reshape(shape);
}
template <Element T>
Expr<T> broadcast_to(const Expr<T> &x, const Shape &shape) {
  return Expr<T>(detail::broadcastTo(x.node(), shape));
}
/// lax.slice(x, start, limit, strides).
template <Element T>
Expr<T> slice(const Expr<T> &x, const Axes &start, const Axes &limit,
              const Axes &strides = {}) {
  return Expr<T>(detail::slice(x.node(), start, limit, strides));
}
/// x[..., start:stop:step, ...] along `axis` (numpy rules for negatives).
template <Element T>
Expr<T> slice_axis(const Expr<T> &x, int64_t axis, int64_t start, int64_t stop,
                   int64_t step = 1) {
  return Expr<T>(detail::sliceAxis(x.node(), axis, start, stop, step));
}
/// numpy.concatenate(xs, axis).
template <Element T>
Expr<T> concat(const std::vector<Expr<T>> &xs, int64_t axis = 0) {
  std::vector<detail::NodeRef> nodes;
  for (const Expr<T> &x : xs)
    nodes.push_back(x.node());
  return Expr<T>(detail::concat(nodes, axis));
}
template <Element T>
Expr<T> concat(std::initializer_list<Expr<T>> xs, int64_t axis = 0) {
  return concat(std::vector<Expr<T>>(xs), axis);
}

} // namespace vmapc

#endif // VMAPC_DSL_EXPR_H
