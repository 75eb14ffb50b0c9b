//===- Checker.h - The three differential checks on one module --*- C++ -*-===//
//
// For a module and a set of entry functions with inputs:
//  1. the module parses and verifies, and after --vmapc-batch it still
//     verifies and holds no vmapc.vmap;
//  2. the reference evaluator gives the same results on the looped module
//     (vmap evaluated by its definition) and on the batched one: exact for
//     integers and i1, within 2^-20 (f32) / 2^-46 (f64) of the result's
//     scale for floats, since both compute in double and round per op;
//  3. the JIT-compiled module (lib/Runtime, the whole lowering pipeline)
//     agrees with the reference on the looped module within each result's
//     tolerance: |compiled - reference| <= atol + rtol * |reference|;
//  4. (with `chunked`) the module with a chunk_size on every vmap, every
//     other one parallel, compiled for 2 threads, agrees with the reference
//     as in 3, and its results are bit-identical to those of the same
//     chunked module compiled for 1 thread (lanes never interact).
// NaN matches NaN, an infinity matches the same infinity.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_DIFFTEST_CHECKER_H
#define VMAPC_DIFFTEST_CHECKER_H

#include "Generator.h"

#include "vmapc/Support/HostTensor.h"

#include <string>
#include <vector>

namespace vmapc::difftest {

struct Entry {
  std::string name;
  std::vector<HostTensor> inputs;
  /// One per result; missing entries mean "exact".
  std::vector<Tolerance> tolerances;
};

enum class Stage {
  None,
  Parse,
  Batch,
  EvalLooped,
  EvalBatched,
  BatchedVsLooped,
  Compile,
  Run,
  CompiledVsReference,
  /// Check 4: the chunked module against the reference or across threads.
  Chunked,
  /// The checking process died (a crash or an assertion in the compiler).
  Crash,
};

const char *stageName(Stage s);

struct Failure {
  Stage stage = Stage::None;
  /// The entry that failed (empty for module-level stages).
  std::string entry;
  std::string message;

  explicit operator bool() const { return stage != Stage::None; }
};

/// Runs the checks on `source` (a whole module); returns every failure
/// (module-level failures stop the later stages).
std::vector<Failure> checkModule(const std::string &source,
                                 const std::vector<Entry> &entries,
                                 bool runCompiled = true, bool chunked = false);

/// What one checked module may use. A generated program that makes the
/// compiler take more is a bug to report, not a reason to stall the machine
/// (one took 24 GB before these limits existed).
struct ChildLimits {
  /// Address space of the child, in MiB (0: unlimited). Not applied in
  /// sanitized builds, whose shadow memory needs terabytes of it.
  uint64_t memoryMiB = 4096;
  /// Wall-clock seconds (0: unlimited).
  unsigned seconds = 300;
};

/// checkModule in a forked child process, so that a crash of the compiler,
/// or its running out of `limits`, is reported as a Stage::Crash failure
/// instead of ending the run.
std::vector<Failure> checkModuleIsolated(const std::string &source,
                                         const std::vector<Entry> &entries,
                                         bool runCompiled = true,
                                         const ChildLimits &limits = {},
                                         bool chunked = false);

} // namespace vmapc::difftest

#endif // VMAPC_DIFFTEST_CHECKER_H
