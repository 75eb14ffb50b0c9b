//===- SetTarget.cpp - Target CPU attributes and I/O signatures -*- C++ -*-===//
//
// LLVM picks its vector width from the function's target-cpu and
// target-features; without them the JIT would emit generic x86-64 (SSE2)
// code even on an AVX-512 machine.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Pipelines/Passes.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "llvm/TargetParser/Host.h"

namespace vmapc {
#define GEN_PASS_DEF_VMAPCSETTARGET
#include "vmapc/Pipelines/Passes.h.inc"
} // namespace vmapc

using namespace mlir;

std::string vmapc::getHostCpuName() { return llvm::sys::getHostCPUName().str(); }

std::string vmapc::getHostCpuFeatures() {
  std::string result;
  // Sorted so the string (and thus any cache key built from it) is stable.
  llvm::StringMap<bool> features = llvm::sys::getHostCPUFeatures();
  std::vector<std::string> names;
  for (const auto &f : features)
    names.push_back((f.second ? "+" : "-") + f.first().str());
  llvm::sort(names);
  for (const std::string &n : names)
    result += (result.empty() ? "" : ",") + n;
  return result;
}

namespace {
struct SetTargetPass : vmapc::impl::VmapcSetTargetBase<SetTargetPass> {
  using VmapcSetTargetBase::VmapcSetTargetBase;

  void runOnOperation() override {
    std::string cpuName = cpu;
    std::string featureString = features;
    if (cpuName.empty() || cpuName == "host") {
      cpuName = vmapc::getHostCpuName();
      if (featureString.empty())
        featureString = vmapc::getHostCpuFeatures();
    }
    MLIRContext *ctx = &getContext();
    auto cpuAttr = StringAttr::get(ctx, cpuName);
    auto featuresAttr = LLVM::TargetFeaturesAttr::get(ctx, featureString);
    getOperation().walk([&](func::FuncOp func) {
      if (func.isExternal())
        return;
      func->setAttr("target_cpu", cpuAttr);
      if (!featureString.empty())
        func->setAttr("target_features", featuresAttr);
      FunctionType type = func.getFunctionType();
      bool shaped = llvm::all_of(type.getInputs(), llvm::IsaPred<ShapedType>) &&
                    llvm::all_of(type.getResults(), llvm::IsaPred<ShapedType>);
      if (func.isPublic() && shaped && !func->hasAttr("vmapc.io_type"))
        func->setAttr("vmapc.io_type", TypeAttr::get(type));
      // A public function's arguments are the caller's arrays: bufferization
      // must copy rather than compute in place into them (an op lowered to
      // an in-place update, e.g. triangular_solve, overwrote its input).
      if (func.isPublic())
        for (unsigned i = 0, e = func.getNumArguments(); i < e; ++i)
          if (isa<TensorType>(func.getArgumentTypes()[i]))
            func.setArgAttr(i, "bufferization.writable",
                            BoolAttr::get(ctx, false));
    });
  }
};
} // namespace
