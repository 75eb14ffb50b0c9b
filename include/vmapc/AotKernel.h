//===- AotKernel.h - What the headers of AOT kernels use --------*- C++ -*-===//
//
// The shape checks behind the C++ overloads that vmapc-compile writes into
// a kernel's header. Header-only and MLIR-free: a program linking AOT
// kernels needs these headers, not libvmapc.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_AOTKERNEL_H
#define VMAPC_AOTKERNEL_H

#include "vmapc/dsl/Array.h"

#include <initializer_list>
#include <string>

namespace vmapc::aot {

/// Checks that `got` is `want`, where -1 in `want` is the batch size: the
/// first such dim sets `batch` (if it is still -1), later ones must agree.
/// Throws vmapc::Error naming the kernel and the argument.
inline void checkShape(const char *kernel, const char *what, const Shape &got,
                       std::initializer_list<int64_t> want, int64_t &batch) {
  Shape expected(want);
  bool fits = got.size() == expected.size();
  for (size_t d = 0; fits && d < got.size(); ++d) {
    if (expected[d] != -1) {
      fits = got[d] == expected[d];
    } else if (batch == -1) {
      batch = got[d];
    } else {
      fits = got[d] == batch;
    }
  }
  if (fits)
    return;
  std::string shape = "[";
  for (size_t d = 0; d < expected.size(); ++d)
    shape += (d ? ", " : "") +
             (expected[d] == -1
                  ? (batch == -1 ? std::string("n") : std::to_string(batch))
                  : std::to_string(expected[d]));
  throw Error(std::string(kernel) + ": " + what + " must have shape " + shape +
              "], got " + shapeToString(got));
}

/// `want` with the batch size for -1.
inline Shape resolveShape(std::initializer_list<int64_t> want, int64_t batch) {
  Shape shape(want);
  for (int64_t &d : shape)
    if (d == -1)
      d = batch;
  return shape;
}

} // namespace vmapc::aot

#endif // VMAPC_AOTKERNEL_H
