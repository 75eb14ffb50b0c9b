//===- Signature.cpp - What a compiled function takes and returns ---------===//

#include "vmapc/Target/Signature.h"

using namespace mlir;

namespace {
std::optional<vmapc::DType> dtypeOf(Type t) {
  using vmapc::DType;
  if (t.isF32())
    return DType::F32;
  if (t.isF64())
    return DType::F64;
  if (t.isInteger(1))
    return DType::I1;
  if (t.isInteger(32))
    return DType::I32;
  if (t.isInteger(64))
    return DType::I64;
  return std::nullopt;
}

std::optional<vmapc::TensorSpec> specOf(Type t) {
  auto shaped = dyn_cast<ShapedType>(t);
  if (!shaped || !shaped.hasRank())
    return std::nullopt;
  // Only identity layouts: the compiled code and its callers agree on dense
  // row-major buffers.
  if (auto memref = dyn_cast<MemRefType>(t);
      memref && !memref.getLayout().isIdentity())
    return std::nullopt;
  std::optional<vmapc::DType> dtype = dtypeOf(shaped.getElementType());
  if (!dtype)
    return std::nullopt;
  vmapc::TensorSpec spec{*dtype, {}};
  for (int64_t d : shaped.getShape())
    spec.shape.push_back(ShapedType::isDynamic(d) ? vmapc::TensorSpec::kDynamic
                                                  : d);
  return spec;
}
} // namespace

const char *const vmapc::kCallableTypes =
    "its inputs and results must all be ranked tensors of f32, f64, i1, i32 "
    "or i64, with dynamic dims ('?', the batch size) only if an input has "
    "one";

std::optional<vmapc::FunctionSignature> vmapc::signatureOf(llvm::StringRef name,
                                                           FunctionType type) {
  FunctionSignature sig;
  sig.name = name.str();
  for (Type t : type.getInputs()) {
    std::optional<TensorSpec> spec = specOf(t);
    if (!spec)
      return std::nullopt;
    sig.inputs.push_back(*spec);
  }
  for (Type t : type.getResults()) {
    std::optional<TensorSpec> spec = specOf(t);
    if (!spec)
      return std::nullopt;
    sig.outputs.push_back(*spec);
  }
  bool dynamicOutput = llvm::any_of(
      sig.outputs, [](const TensorSpec &t) { return t.isDynamic(); });
  if (dynamicOutput && !sig.isDynamic())
    return std::nullopt;
  return sig;
}
