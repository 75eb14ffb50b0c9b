//===- Array.h - Concrete arrays of the DSL ---------------------*- C++ -*-===//
//
// `vmapc::Array<T>` owns its elements (row-major, 64-byte aligned so compiled
// SIMD kernels read and write it directly); `vmapc::ArrayView<T>` wraps memory
// the user already has. Both are what jitted kernels take, and kernels return
// Arrays whose storage the compiled code wrote into (no copy).
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_DSL_ARRAY_H
#define VMAPC_DSL_ARRAY_H

#include "vmapc/Support/HostTensor.h"

#include <cstdint>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace vmapc {

/// Every user error of the DSL (shape mismatch, bad axis, wrong arguments) is
/// thrown as this, with a message naming the operation and the shapes.
class Error : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

using Shape = std::vector<int64_t>;

/// The element types a DSL array may have, and their dialect dtype.
template <typename T> struct DTypeOf;
template <> struct DTypeOf<float> {
  static constexpr DType value = DType::F32;
};
template <> struct DTypeOf<double> {
  static constexpr DType value = DType::F64;
};
template <> struct DTypeOf<bool> { static constexpr DType value = DType::I1; };
template <> struct DTypeOf<int32_t> {
  static constexpr DType value = DType::I32;
};
template <> struct DTypeOf<int64_t> {
  static constexpr DType value = DType::I64;
};

/// An element type of the DSL, possibly const (for views of read-only data).
template <typename T>
concept Element = requires {
  DTypeOf<std::remove_cv_t<T>>::value;
};

template <typename T>
inline constexpr DType dtype_v = DTypeOf<std::remove_cv_t<T>>::value;

namespace detail {
// bool is stored as one byte holding 0 or 1, as the dialect's i1 buffers are.
static_assert(sizeof(bool) == 1, "vmapc stores i1 as one byte");

inline int64_t flatIndex(const char *what, const Shape &shape,
                         std::initializer_list<int64_t> idx) {
  if (idx.size() != shape.size())
    throw Error(std::string(what) + ": " + std::to_string(idx.size()) +
                " indices for an array of shape " + shapeToString(shape));
  int64_t flat = 0;
  size_t d = 0;
  for (int64_t i : idx) {
    if (i < 0 || i >= shape[d])
      throw Error(std::string(what) + ": index " + std::to_string(i) +
                  " out of range for axis " + std::to_string(d) + " of shape " +
                  shapeToString(shape));
    flat = flat * shape[d] + i;
    ++d;
  }
  return flat;
}

inline void checkShape(const Shape &shape) {
  for (int64_t d : shape)
    if (d < 0)
      throw Error("Array: negative dimension in shape " + shapeToString(shape));
}
} // namespace detail

/// A non-owning view of row-major user memory. It never allocates; the
/// memory must outlive every use of the view.
template <Element T> class ArrayView {
public:
  using value_type = std::remove_cv_t<T>;

  ArrayView() = default;
  ArrayView(T *data, Shape shape) : data_(data), shape_(std::move(shape)) {
    detail::checkShape(shape_);
  }

  const Shape &shape() const { return shape_; }
  int64_t ndim() const { return static_cast<int64_t>(shape_.size()); }
  int64_t size() const { return numElementsOf(shape_); }
  T *data() const { return data_; }

  template <typename... I> T &operator()(I... idx) const {
    return data_[detail::flatIndex("ArrayView", shape_,
                                   {static_cast<int64_t>(idx)...})];
  }

private:
  T *data_ = nullptr;
  Shape shape_;
};

/// An owning, row-major, 64-byte-aligned array, zero-initialized.
template <Element T> class Array {
public:
  using value_type = T;

  Array() : storage_(dtype_v<T>, {0}) {}
  /// Zeros of the given shape (`jnp.zeros(shape)`).
  explicit Array(Shape shape) : storage_(make(std::move(shape))) {}
  /// `values` in row-major order; their count must match the shape.
  Array(Shape shape, const std::vector<T> &values)
      : storage_(make(std::move(shape))) {
    fill(values.data(), values.size());
  }
  Array(Shape shape, std::initializer_list<T> values)
      : storage_(make(std::move(shape))) {
    fill(values.begin(), values.size());
  }
  /// Adopts a HostTensor of the matching dtype (used by the kernels, which
  /// allocate outputs as HostTensors and hand them over without copying).
  explicit Array(HostTensor &&t) : storage_(std::move(t)) {
    if (storage_.dtype() != dtype_v<T>)
      throw Error(std::string("Array: cannot adopt a ") +
                  dtypeName(storage_.dtype()) + " tensor as " +
                  dtypeName(dtype_v<T>));
  }

  const Shape &shape() const { return storage_.shape(); }
  int64_t ndim() const { return storage_.rank(); }
  int64_t size() const { return storage_.numElements(); }
  T *data() { return storage_.data<T>(); }
  const T *data() const { return storage_.data<T>(); }
  T *begin() { return data(); }
  T *end() { return data() + size(); }
  const T *begin() const { return data(); }
  const T *end() const { return data() + size(); }

  /// Element access `a(i, j, ...)`, bounds-checked.
  template <typename... I> T &operator()(I... idx) {
    return data()[detail::flatIndex("Array", shape(),
                                    {static_cast<int64_t>(idx)...})];
  }
  template <typename... I> const T &operator()(I... idx) const {
    return data()[detail::flatIndex("Array", shape(),
                                    {static_cast<int64_t>(idx)...})];
  }

  /// Row `i` of the leading axis as a view (no copy).
  ArrayView<T> row(int64_t i) {
    return ArrayView<T>(data() + rowOffset(i), rowShape());
  }
  ArrayView<const T> row(int64_t i) const {
    return ArrayView<const T>(data() + rowOffset(i), rowShape());
  }

  operator ArrayView<T>() { return ArrayView<T>(data(), shape()); }
  operator ArrayView<const T>() const {
    return ArrayView<const T>(data(), shape());
  }

  HostTensor &tensor() { return storage_; }
  const HostTensor &tensor() const { return storage_; }

private:
  static HostTensor make(Shape shape) {
    detail::checkShape(shape);
    return HostTensor(dtype_v<T>, std::move(shape));
  }
  void fill(const T *values, size_t n) {
    if (static_cast<int64_t>(n) != size())
      throw Error("Array: " + std::to_string(n) + " values for shape " +
                  shapeToString(shape()) + " (" + std::to_string(size()) +
                  " elements)");
    for (size_t i = 0; i < n; ++i)
      data()[i] = values[i];
  }
  int64_t rowOffset(int64_t i) const {
    if (ndim() == 0 || i < 0 || i >= shape()[0])
      throw Error("Array::row: row " + std::to_string(i) +
                  " out of range for shape " + shapeToString(shape()));
    return i * (size() / shape()[0]);
  }
  Shape rowShape() const { return Shape(shape().begin() + 1, shape().end()); }

  HostTensor storage_;
};

/// `jnp.array(...)` for literal data: 1-D, 2-D and 3-D nested lists.
template <Element T> Array<T> array(std::initializer_list<T> values) {
  return Array<T>({static_cast<int64_t>(values.size())}, values);
}
template <Element T>
Array<T> array(std::initializer_list<std::initializer_list<T>> rows) {
  std::vector<T> flat;
  int64_t cols = rows.size() ? static_cast<int64_t>(rows.begin()->size()) : 0;
  for (const auto &r : rows) {
    if (static_cast<int64_t>(r.size()) != cols)
      throw Error("array: ragged nested list (rows of " + std::to_string(cols) +
                  " and " + std::to_string(r.size()) + " elements)");
    flat.insert(flat.end(), r.begin(), r.end());
  }
  return Array<T>({static_cast<int64_t>(rows.size()), cols}, flat);
}
template <Element T>
Array<T>
array(std::initializer_list<std::initializer_list<std::initializer_list<T>>>
          blocks) {
  std::vector<T> flat;
  Shape inner;
  for (const auto &b : blocks) {
    Array<T> m = array<T>(b);
    if (!inner.empty() && m.shape() != inner)
      throw Error("array: ragged nested list (blocks of shape " +
                  shapeToString(inner) + " and " + shapeToString(m.shape()) +
                  ")");
    inner = m.shape();
    flat.insert(flat.end(), m.begin(), m.end());
  }
  if (inner.empty())
    inner = {0, 0};
  return Array<T>({static_cast<int64_t>(blocks.size()), inner[0], inner[1]},
                  flat);
}

} // namespace vmapc

#endif // VMAPC_DSL_ARRAY_H
