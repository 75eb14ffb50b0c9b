//===- HostTensor.h - A dense array in host memory --------------*- C++ -*-===//
//
// The one array type shared by the .npy reader/writer, the reference
// evaluator, the JIT runner and the tools: a row-major buffer with a dtype and
// a static shape, 64-byte aligned so compiled SIMD code can use it directly.
// It has no MLIR dependency, so the DSL's public side can use it too.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_SUPPORT_HOSTTENSOR_H
#define VMAPC_SUPPORT_HOSTTENSOR_H

#include <cassert>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <numeric>
#include <string>
#include <vector>

namespace vmapc {

/// The element types of the dialect. I1 is stored as one byte (0 or 1).
enum class DType : uint8_t { F32, F64, I1, I32, I64 };

inline size_t dtypeSize(DType t) {
  switch (t) {
  case DType::F32:
  case DType::I32:
    return 4;
  case DType::F64:
  case DType::I64:
    return 8;
  case DType::I1:
    return 1;
  }
  return 0;
}

inline const char *dtypeName(DType t) {
  switch (t) {
  case DType::F32:
    return "f32";
  case DType::F64:
    return "f64";
  case DType::I1:
    return "i1";
  case DType::I32:
    return "i32";
  case DType::I64:
    return "i64";
  }
  return "?";
}

inline bool isFloat(DType t) { return t == DType::F32 || t == DType::F64; }

/// "[2, 3]" for diagnostics.
inline std::string shapeToString(const std::vector<int64_t> &shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i)
    s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}

/// "f32[2, 3]" for diagnostics.
inline std::string typeToString(DType t, const std::vector<int64_t> &shape) {
  return std::string(dtypeName(t)) + shapeToString(shape);
}

inline int64_t numElementsOf(const std::vector<int64_t> &shape) {
  // A size-0 dim makes the count 0 whatever the other dims are; returning
  // early never multiplies those (their product may not fit in int64).
  for (int64_t dim : shape)
    if (dim == 0)
      return 0;
  return std::accumulate(shape.begin(), shape.end(), int64_t(1),
                         std::multiplies<int64_t>());
}

/// An owning, 64-byte-aligned, row-major dense array.
class HostTensor {
public:
  static constexpr size_t kAlignment = 64;

  HostTensor() = default;
  HostTensor(DType dtype, std::vector<int64_t> shape)
      : dtype_(dtype), shape_(std::move(shape)) {
    allocate();
  }
  HostTensor(const HostTensor &other)
      : dtype_(other.dtype_), shape_(other.shape_) {
    allocate();
    if (sizeInBytes())
      std::memcpy(data_.get(), other.data_.get(), sizeInBytes());
  }
  HostTensor &operator=(const HostTensor &other) {
    if (this != &other) {
      HostTensor copy(other);
      *this = std::move(copy);
    }
    return *this;
  }
  HostTensor(HostTensor &&) noexcept = default;
  HostTensor &operator=(HostTensor &&) noexcept = default;

  DType dtype() const { return dtype_; }
  const std::vector<int64_t> &shape() const { return shape_; }
  int64_t rank() const { return static_cast<int64_t>(shape_.size()); }
  int64_t numElements() const { return numElementsOf(shape_); }
  size_t sizeInBytes() const { return numElements() * dtypeSize(dtype_); }

  void *rawData() { return data_.get(); }
  const void *rawData() const { return data_.get(); }
  template <typename T> T *data() { return static_cast<T *>(rawData()); }
  template <typename T> const T *data() const {
    return static_cast<const T *>(rawData());
  }

  /// Element `i` (row-major linear index) widened to double / int64.
  double getDouble(int64_t i) const {
    switch (dtype_) {
    case DType::F32:
      return data<float>()[i];
    case DType::F64:
      return data<double>()[i];
    case DType::I1:
      return data<uint8_t>()[i] ? 1.0 : 0.0;
    case DType::I32:
      return data<int32_t>()[i];
    case DType::I64:
      return static_cast<double>(data<int64_t>()[i]);
    }
    return 0;
  }
  int64_t getInt(int64_t i) const {
    switch (dtype_) {
    case DType::F32:
      return static_cast<int64_t>(data<float>()[i]);
    case DType::F64:
      return static_cast<int64_t>(data<double>()[i]);
    case DType::I1:
      return data<uint8_t>()[i] ? 1 : 0;
    case DType::I32:
      return data<int32_t>()[i];
    case DType::I64:
      return data<int64_t>()[i];
    }
    return 0;
  }
  /// Stores `v` rounded to the dtype (integers truncate toward zero; i1 is
  /// `v != 0`).
  void setDouble(int64_t i, double v) {
    switch (dtype_) {
    case DType::F32:
      data<float>()[i] = static_cast<float>(v);
      break;
    case DType::F64:
      data<double>()[i] = v;
      break;
    case DType::I1:
      data<uint8_t>()[i] = v != 0;
      break;
    case DType::I32:
      data<int32_t>()[i] = static_cast<int32_t>(v);
      break;
    case DType::I64:
      data<int64_t>()[i] = static_cast<int64_t>(v);
      break;
    }
  }
  void setInt(int64_t i, int64_t v) {
    switch (dtype_) {
    case DType::I32:
      data<int32_t>()[i] = static_cast<int32_t>(v);
      break;
    case DType::I64:
      data<int64_t>()[i] = v;
      break;
    case DType::I1:
      data<uint8_t>()[i] = v != 0;
      break;
    default:
      setDouble(i, static_cast<double>(v));
    }
  }

private:
  struct Free {
    void operator()(void *p) const { std::free(p); }
  };
  void allocate() {
    size_t bytes = sizeInBytes();
    // Round up: aligned_alloc needs a multiple of the alignment, and a
    // zero-size tensor still gets a valid (unused) pointer.
    size_t rounded = (bytes + kAlignment - 1) / kAlignment * kAlignment;
    data_.reset(std::aligned_alloc(kAlignment, rounded ? rounded : kAlignment));
    if (!data_) {
#if defined(__cpp_exceptions)
      throw std::bad_alloc();
#else
      std::abort(); // Out of memory in code built without exceptions.
#endif
    }
    if (bytes)
      std::memset(data_.get(), 0, bytes);
  }

  DType dtype_ = DType::F32;
  std::vector<int64_t> shape_;
  std::unique_ptr<void, Free> data_;
};

/// A non-owning view of a dense row-major array (user memory, a HostTensor,
/// or an output buffer the caller preallocated).
struct TensorRef {
  DType dtype = DType::F32;
  std::vector<int64_t> shape;
  void *data = nullptr;

  TensorRef() = default;
  TensorRef(DType dtype, std::vector<int64_t> shape, void *data)
      : dtype(dtype), shape(std::move(shape)), data(data) {}
  TensorRef(HostTensor &t) : dtype(t.dtype()), shape(t.shape()),
                             data(t.rawData()) {}
  TensorRef(const HostTensor &t)
      : dtype(t.dtype()), shape(t.shape()),
        data(const_cast<void *>(t.rawData())) {}
};

} // namespace vmapc

#endif // VMAPC_SUPPORT_HOSTTENSOR_H
