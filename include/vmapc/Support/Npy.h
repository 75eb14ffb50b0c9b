//===- Npy.h - NumPy .npy files and the printed tensor format ---*- C++ -*-===//
//
// Reading and writing NumPy's .npy format (versions 1.0, 2.0 and 3.0, C order,
// little-endian, dtypes <f4 <f8 <i4 <i8 |b1), and the stable one-line text
// form of a tensor that vmapc-run and vmapc-eval print, so their outputs can be
// compared with each other and checked with FileCheck.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_SUPPORT_NPY_H
#define VMAPC_SUPPORT_NPY_H

#include "vmapc/Support/HostTensor.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace vmapc {

/// Reads the .npy file at `path`. Every malformed, truncated or unsupported
/// file is an error whose one-line message names the file and the problem.
llvm::Expected<HostTensor> readNpy(llvm::StringRef path);

/// Parses the contents of a .npy file held in memory; `name` is used in
/// error messages only.
llvm::Expected<HostTensor> readNpyFromBuffer(llvm::StringRef contents,
                                             llvm::StringRef name);

/// Writes `tensor` to `path` as a .npy file (version 1.0, or 2.0 when the
/// header does not fit in 64 KiB).
llvm::Error writeNpy(llvm::StringRef path, const HostTensor &tensor);

/// The bytes of the .npy file writeNpy would write.
std::string encodeNpy(const HostTensor &tensor);

/// Where `--out=PREFIX` writes result `index` of a run: "PREFIX<index>.npy"
/// (so `--out=/tmp/r` gives /tmp/r0.npy, /tmp/r1.npy, ...). Shared by
/// vmapc-run and vmapc-eval so their outputs are interchangeable.
std::string resultNpyPath(llvm::StringRef prefix, unsigned index);

/// The MLIR spelling of the tensor's type, e.g. "tensor<2x3xf32>".
std::string formatTensorType(DType dtype, const std::vector<int64_t> &shape);

/// The stable text form of a tensor: its MLIR type, a space, then nested
/// brackets in row-major order, e.g. `tensor<2x2xf32> [[1, 2], [3, 4.5]]`.
/// Floats use enough digits to round-trip (%.9g for f32, %.17g for f64),
/// NaN and infinities print as `nan`, `inf` and `-inf`, i1 prints as
/// `true`/`false`, and a rank-0 tensor prints its single value unbracketed.
std::string formatTensor(const HostTensor &tensor);

} // namespace vmapc

#endif // VMAPC_SUPPORT_NPY_H
