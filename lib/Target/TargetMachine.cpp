//===- TargetMachine.cpp - The CPU vmapc generates code for ---------------===//

#include "vmapc/Target/TargetMachine.h"

#include "vmapc/Pipelines/Passes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/TargetSelect.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <mutex>

using namespace llvm;

namespace {
Error makeError(const Twine &message) {
  return createStringError(inconvertibleErrorCode(), message);
}

/// Turns off SelectionDAG's consecutive-store merging unless the process
/// set it explicitly. LLVM 22 miscompiles it on AVX-512: two <4 x i64>
/// stores of lanes 20-23 and 24-27 of a <40 x i64> become one <8 x i64>
/// store of a subvector at lane 20 and write garbage to the first half
/// (test/Regression/lanes-interchange-miscompile.mlir; reduced, it is
/// `llc -O1` on a dozen lines of IR). Wide vectors of odd lengths are what
/// vectorizing small static shapes produces, so any module can hit it.
/// The merges it gives up are of adjacent narrow stores, which vectorized
/// code has few of.
void disableStoreMerging() {
  auto &options = cl::getRegisteredOptions();
  auto it = options.find("combiner-store-merging");
  if (it == options.end() || it->second->getNumOccurrences() > 0)
    return;
  // Through the option's own parser, as if -combiner-store-merging=false
  // had been given.
  (void)it->second->addOccurrence(0, it->first, "false");
}

const Target *nativeTarget(const Triple &triple, std::string &error) {
  return TargetRegistry::lookupTarget(triple, error);
}
} // namespace

void vmapc::initializeNativeTarget() {
  static std::once_flag once;
  std::call_once(once, [] {
    InitializeNativeTarget();
    InitializeNativeTargetAsmPrinter();
    disableStoreMerging();
  });
}

Expected<vmapc::TargetSpec> vmapc::resolveTarget(const TargetSpec &spec) {
  initializeNativeTarget();
  TargetSpec resolved = spec;
  bool host = resolved.cpu.empty() || resolved.cpu == "host";
  if (host) {
    resolved.cpu = getHostCpuName();
    if (resolved.features.empty()) {
      resolved.features = getHostCpuFeatures();
      return resolved;
    }
  }
  Triple triple(sys::getProcessTriple());
  std::string error;
  const Target *target = nativeTarget(triple, error);
  if (!target)
    return makeError("no code generator for " + triple.str() + ": " + error);
  // The generic CPU's info knows every CPU and feature name; created for an
  // unknown CPU it would print LLVM's own warning first.
  std::unique_ptr<MCSubtargetInfo> info(
      target->createMCSubtargetInfo(triple, "", ""));
  if (!info || !info->isCPUStringValid(resolved.cpu))
    return makeError("unknown target CPU '" + resolved.cpu + "' for " +
                     triple.getArchName() +
                     " (e.g. x86-64-v3, skylake-avx512, znver4, host)");
  SmallVector<StringRef> features;
  StringRef(resolved.features).split(features, ',', -1, /*KeepEmpty=*/false);
  for (StringRef f : features) {
    StringRef name = f.trim();
    if (!name.consume_front("+") && !name.consume_front("-"))
      return makeError("target feature '" + f +
                       "' must start with '+' or '-' (e.g. +avx2)");
    if (!llvm::any_of(
            info->getAllProcessorFeatures(),
            [&](const SubtargetFeatureKV &kv) { return name == kv.Key; }))
      return makeError("unknown target feature '" + name + "' for " +
                       triple.getArchName());
  }
  // Every feature of the CPU (with the requested ones applied), spelled
  // out: code generation reads the vector width from target_features, and
  // a CPU named alone (--target-cpu=haswell) would otherwise get the sizes
  // of no features at all.
  std::unique_ptr<MCSubtargetInfo> cpuInfo(
      target->createMCSubtargetInfo(triple, resolved.cpu, resolved.features));
  if (cpuInfo) {
    const FeatureBitset &bits = cpuInfo->getFeatureBits();
    std::string all;
    for (const SubtargetFeatureKV &kv : cpuInfo->getAllProcessorFeatures())
      all += (all.empty() ? "" : ",") +
             std::string(bits.test(kv.Value) ? "+" : "-") + kv.Key;
    resolved.features = all;
  }
  return resolved;
}

CodeGenOptLevel vmapc::codegenOptLevel(unsigned optLevel) {
  return optLevel >= 3   ? CodeGenOptLevel::Aggressive
         : optLevel == 0 ? CodeGenOptLevel::None
                         : CodeGenOptLevel::Default;
}

Expected<std::unique_ptr<TargetMachine>>
vmapc::createTargetMachine(const TargetSpec &spec, unsigned optLevel,
                           bool pic) {
  Expected<TargetSpec> resolved = resolveTarget(spec);
  if (!resolved)
    return resolved.takeError();
  Triple triple(sys::getProcessTriple());
  std::string error;
  const Target *target = nativeTarget(triple, error);
  if (!target)
    return makeError("no code generator for " + triple.str() + ": " + error);
  std::optional<Reloc::Model> reloc;
  if (pic)
    reloc = Reloc::PIC_;
  std::unique_ptr<TargetMachine> tm(target->createTargetMachine(
      triple, resolved->cpu, resolved->features, llvm::TargetOptions(), reloc,
      std::nullopt, codegenOptLevel(optLevel)));
  if (!tm)
    return makeError("cannot create a target machine for " + triple.str());
  return tm;
}
