//===- Signature.h - What a compiled function takes and returns -*- C++ -*-===//
//
// The array signature of a public function, read from the module before it
// is lowered (func.func) or after (llvm.func with the `vmapc.io_type` that
// --vmapc-lower-to-llvm records). The JIT checks calls against it and the
// AOT compiler writes the C entry point and header from it.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_TARGET_SIGNATURE_H
#define VMAPC_TARGET_SIGNATURE_H

#include "vmapc/Support/HostTensor.h"

#include "mlir/IR/BuiltinTypes.h"

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

namespace vmapc {

/// Element type and shape of one function input or output. A dim of
/// kDynamic is the batch size of a kernel compiled for any batch size (a
/// chunked vmap over a `?` axis): every such dim of one call has the same
/// size, which the inputs give.
struct TensorSpec {
  static constexpr int64_t kDynamic = -1;

  DType dtype = DType::F32;
  std::vector<int64_t> shape;

  bool isDynamic() const {
    return std::find(shape.begin(), shape.end(), kDynamic) != shape.end();
  }

  /// "f32[?, 3]".
  std::string str() const {
    std::string s = std::string(dtypeName(dtype)) + "[";
    for (size_t i = 0; i < shape.size(); ++i)
      s += (i ? ", " : "") +
           (shape[i] == kDynamic ? std::string("?") : std::to_string(shape[i]));
    return s + "]";
  }
};

/// What a compiled function takes and returns.
struct FunctionSignature {
  std::string name;
  std::vector<TensorSpec> inputs;
  std::vector<TensorSpec> outputs;

  /// Whether some dim is the run-time batch size.
  bool isDynamic() const {
    return std::any_of(inputs.begin(), inputs.end(),
                       [](const TensorSpec &t) { return t.isDynamic(); });
  }
};

/// The signature of a function of type `type` if its inputs and results
/// are all ranked tensors or memrefs of f32, f64, i1, i32 or i64, with
/// dynamic dims only where an input gives their size; std::nullopt
/// otherwise.
std::optional<FunctionSignature> signatureOf(llvm::StringRef name,
                                             mlir::FunctionType type);

/// Why signatureOf rejects a function, for error messages.
extern const char *const kCallableTypes;

} // namespace vmapc

#endif // VMAPC_TARGET_SIGNATURE_H
