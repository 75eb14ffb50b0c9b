//===- TargetMachine.h - The CPU vmapc generates code for ------*- C++ -*-===//
//
// One place that turns a CPU name and feature string ("host" by default)
// into an LLVM TargetMachine, shared by the JIT and the AOT compiler so both
// generate the same code for the same target. Unknown CPUs and features are
// errors here (LLVM itself only warns and falls back to generic x86-64).
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_TARGET_TARGETMACHINE_H
#define VMAPC_TARGET_TARGETMACHINE_H

#include "llvm/Support/Error.h"
#include "llvm/Target/TargetMachine.h"

#include <memory>
#include <string>

namespace vmapc {

struct TargetSpec {
  /// CPU name ("skylake-avx512", "znver4", ...) or "host".
  std::string cpu = "host";
  /// LLVM features ("+avx2,+fma"); empty means the CPU's own (the host's
  /// actual features with "host").
  std::string features;
};

/// The process's LLVM native target, initialized once, with the codegen
/// options vmapc relies on (see the .cpp for why store merging is off).
void initializeNativeTarget();

/// `spec` with "host" replaced by the host's CPU name and features, or an
/// error naming an unknown CPU or feature.
llvm::Expected<TargetSpec> resolveTarget(const TargetSpec &spec);

/// A TargetMachine for the process's triple and the resolved `spec`. `pic`
/// asks for position-independent code (objects linked into executables
/// and shared libraries).
llvm::Expected<std::unique_ptr<llvm::TargetMachine>>
createTargetMachine(const TargetSpec &spec, unsigned optLevel, bool pic);

/// The codegen level of an -O level.
llvm::CodeGenOptLevel codegenOptLevel(unsigned optLevel);

} // namespace vmapc

#endif // VMAPC_TARGET_TARGETMACHINE_H
