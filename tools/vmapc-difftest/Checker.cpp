//===- Checker.cpp - The three differential checks on one module ----------===//
//
// Each check works on its own copy of the module, in one MLIRContext per
// call (so long runs do not grow a context without bound), with
// multithreading off: the machine running CI is shared, and the modules are
// small.
//
//===----------------------------------------------------------------------===//
#include "Checker.h"

#include "vmapc/Reference/Evaluator.h"
#include "vmapc/Runtime/Jit.h"
#include "vmapc/Support/Npy.h"
#include "vmapc/Transforms/Passes.h"

#include "dialect/Batching.h"
#include "dialect/VmapcDialect.h"
#include "dialect/VmapcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <csignal>
#include <cstring>
#include <new>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace mlir;
using namespace vmapc;
using namespace vmapc::difftest;

const char *vmapc::difftest::stageName(Stage s) {
  switch (s) {
  case Stage::None:
    return "none";
  case Stage::Parse:
    return "parse/verify";
  case Stage::Batch:
    return "--vmapc-batch";
  case Stage::EvalLooped:
    return "reference evaluation (looped)";
  case Stage::EvalBatched:
    return "reference evaluation (batched)";
  case Stage::BatchedVsLooped:
    return "batched vs looped";
  case Stage::Compile:
    return "JIT compile";
  case Stage::Run:
    return "JIT run";
  case Stage::CompiledVsReference:
    return "compiled vs reference";
  case Stage::Chunked:
    return "chunked vmaps";
  case Stage::Crash:
    return "crash";
  }
  return "?";
}

namespace {

/// Compares `actual` to `expected`; on failure returns a message naming the
/// first differing element and both values.
std::string compare(const HostTensor &expected, const HostTensor &actual,
                    double atol, double rtol) {
  if (expected.dtype() != actual.dtype() || expected.shape() != actual.shape())
    return "type " + formatTensorType(actual.dtype(), actual.shape()) +
           ", expected " + formatTensorType(expected.dtype(), expected.shape());
  for (int64_t i = 0; i < expected.numElements(); ++i) {
    bool same;
    if (isFloat(expected.dtype())) {
      double e = expected.getDouble(i), a = actual.getDouble(i);
      if (std::isnan(e) || std::isnan(a))
        same = std::isnan(e) && std::isnan(a);
      else if (std::isinf(e) || std::isinf(a))
        same = e == a;
      else
        same = std::fabs(a - e) <= atol + rtol * std::fabs(e);
    } else {
      same = expected.getInt(i) == actual.getInt(i);
    }
    if (same)
      continue;
    std::string msg;
    llvm::raw_string_ostream os(msg);
    os << "element " << i << ": expected " << expected.getDouble(i) << ", got "
       << actual.getDouble(i);
    if (isFloat(expected.dtype()))
      os << " (|diff| "
         << std::fabs(actual.getDouble(i) - expected.getDouble(i))
         << ", allowed " << atol + rtol * std::fabs(expected.getDouble(i))
         << ")";
    if (expected.numElements() <= 64)
      os << "; expected " << formatTensor(expected) << "; got "
         << formatTensor(actual);
    return msg;
  }
  return "";
}

/// Collects error diagnostics as one string.
struct DiagnosticCollector {
  explicit DiagnosticCollector(MLIRContext &ctx)
      : handler(&ctx, [this](Diagnostic &diag) {
          if (diag.getSeverity() == DiagnosticSeverity::Error) {
            std::string line;
            llvm::raw_string_ostream os(line);
            os << diag.getLocation() << ": " << diag.str();
            text += (text.empty() ? "" : "; ") + line;
          }
          return success();
        }) {}
  std::string take() { return std::exchange(text, ""); }

  std::string text;
  ScopedDiagnosticHandler handler;
};

/// Gives every vmap of `module` whose batch size is static a chunk_size
/// (from 1 to past the batch size, varying with the vmap), and every other
/// one `parallel`.
void chunkEveryVmap(ModuleOp module) {
  unsigned k = 0;
  module.walk([&](VmapOp vmap) {
    int64_t n = vmap.getBatchSize();
    if (ShapedType::isDynamic(n))
      return;
    Builder b(vmap.getContext());
    int64_t chunk = 1 + (7 * n + 3 * k) % (n + 2);
    vmap.setChunkSizeAttr(b.getI64IntegerAttr(chunk));
    if (k % 2)
      vmap.setParallelAttr(b.getUnitAttr());
    ++k;
  });
}

/// Check 4 (see Checker.h).
void checkChunked(ModuleOp looped, const std::vector<Entry> &entries,
                  const std::vector<std::vector<HostTensor>> &reference,
                  const std::vector<bool> &haveReference,
                  const std::vector<std::vector<HostTensor>> &unchunked,
                  std::vector<Failure> &failures) {
  OwningOpRef<ModuleOp> chunked = cast<ModuleOp>(looped->clone());
  chunkEveryVmap(*chunked);
  if (failed(verify(*chunked))) {
    failures.push_back({Stage::Chunked, "",
                        "the chunked module does not "
                        "verify"});
    return;
  }
  CompileOptions one, two;
  one.numThreads = 1;
  two.numThreads = 2;
  auto serial = CompiledModule::compile(*chunked, one);
  auto parallel = CompiledModule::compile(*chunked, two);
  for (auto *c : {&serial, &parallel})
    if (!*c) {
      failures.push_back(
          {Stage::Chunked, "", "compiling: " + llvm::toString(c->takeError())});
      return;
    }
  for (size_t i = 0; i < entries.size(); ++i) {
    if (!haveReference[i])
      continue;
    const Entry &e = entries[i];
    std::vector<TensorRef> in(e.inputs.begin(), e.inputs.end());
    auto out1 = (*serial)->invoke(e.name, in);
    auto out2 = (*parallel)->invoke(e.name, in);
    if (!out1 || !out2) {
      failures.push_back(
          {Stage::Chunked, e.name,
           "running: " + (out1 ? llvm::toString(out2.takeError())
                               : llvm::toString(out1.takeError()))});
      if (out1)
        continue;
      llvm::consumeError(out2.takeError());
      continue;
    }
    for (size_t r = 0; r < out2->size() && r < reference[i].size(); ++r) {
      Tolerance tol = r < e.tolerances.size() ? e.tolerances[r] : Tolerance{};
      std::string msg =
          compare(reference[i][r], (*out2)[r], tol.atol(), tol.rtol);
      auto differ = [](const HostTensor &a, const HostTensor &b) {
        return a.shape() != b.shape() ||
               std::memcmp(a.rawData(), b.rawData(), a.sizeInBytes()) != 0;
      };
      if (msg.empty() && differ((*out1)[r], (*out2)[r]))
        msg = "1 and 2 threads give different bits";
      if (msg.empty() && r < unchunked[i].size() &&
          differ(unchunked[i][r], (*out1)[r]))
        msg = "chunked and unchunked kernels give different bits";
      if (!msg.empty()) {
        failures.push_back({Stage::Chunked, e.name,
                            "result " + std::to_string(r) + ": " + msg});
        break;
      }
    }
  }
}

} // namespace

std::vector<Failure>
vmapc::difftest::checkModule(const std::string &source,
                             const std::vector<Entry> &entries,
                             bool runCompiled, bool chunked) {
  std::vector<Failure> failures;
  DialectRegistry registry;
  registry.insert<VmapcDialect, func::FuncDialect>();
  registerBatchingInterfaces(registry);
  MLIRContext ctx(registry);
  ctx.disableMultithreading();
  DiagnosticCollector diags(ctx);

  OwningOpRef<ModuleOp> looped =
      parseSourceString<ModuleOp>(source, &ctx, "difftest");
  if (!looped || failed(verify(*looped))) {
    failures.push_back({Stage::Parse, "", diags.take()});
    return failures;
  }

  OwningOpRef<ModuleOp> batched(cast<ModuleOp>((*looped)->clone()));
  {
    PassManager pm(&ctx);
    pm.enableVerifier(true);
    pm.addPass(createVmapcBatch());
    if (failed(pm.run(*batched))) {
      failures.push_back({Stage::Batch, "", diags.take()});
      return failures;
    }
    std::string left;
    batched->walk([&](Operation *op) {
      if (op->getName().getStringRef() == "vmapc.vmap" && left.empty()) {
        llvm::raw_string_ostream os(left);
        os << "a vmapc.vmap is left at " << op->getLoc();
      }
    });
    if (!left.empty()) {
      failures.push_back({Stage::Batch, "", left});
      return failures;
    }
  }

  // Reference results of the looped module, one vector per entry.
  std::vector<std::vector<HostTensor>> reference(entries.size());
  std::vector<bool> haveReference(entries.size(), false);
  for (size_t i = 0; i < entries.size(); ++i) {
    const Entry &e = entries[i];
    auto ref = evaluateFunction(*looped, e.name, e.inputs);
    if (!ref) {
      failures.push_back(
          {Stage::EvalLooped, e.name, llvm::toString(ref.takeError())});
      continue;
    }
    reference[i] = std::move(*ref);
    haveReference[i] = true;
    auto bat = evaluateFunction(*batched, e.name, e.inputs);
    if (!bat) {
      failures.push_back(
          {Stage::EvalBatched, e.name, llvm::toString(bat.takeError())});
      continue;
    }
    if (bat->size() != reference[i].size()) {
      failures.push_back(
          {Stage::BatchedVsLooped, e.name, "result counts differ"});
      continue;
    }
    for (size_t r = 0; r < bat->size(); ++r) {
      const HostTensor &x = reference[i][r];
      // Tight: both evaluations compute each op in double and round it; only
      // an order of accumulation may differ, by a few ulp of the scale.
      double scale = r < e.tolerances.size() ? e.tolerances[r].scale : 1.0;
      double tight = x.dtype() == DType::F32 ? 0x1p-20 : 0x1p-46;
      std::string msg = compare(x, (*bat)[r], tight * scale, tight);
      if (!msg.empty()) {
        failures.push_back({Stage::BatchedVsLooped, e.name,
                            "result " + std::to_string(r) + ": " + msg});
        break;
      }
    }
  }
  if (!runCompiled)
    return failures;

  CompileOptions options;
  auto compiled = CompiledModule::compile(*looped, options);
  std::vector<std::vector<HostTensor>> compiledResults(entries.size());
  if (!compiled) {
    failures.push_back(
        {Stage::Compile, "", llvm::toString(compiled.takeError())});
    return failures;
  }
  for (size_t i = 0; i < entries.size(); ++i) {
    if (!haveReference[i])
      continue;
    const Entry &e = entries[i];
    std::vector<TensorRef> in(e.inputs.begin(), e.inputs.end());
    auto out = (*compiled)->invoke(e.name, in);
    if (!out) {
      failures.push_back({Stage::Run, e.name, llvm::toString(out.takeError())});
      continue;
    }
    compiledResults[i] = *out;
    for (size_t r = 0; r < out->size() && r < reference[i].size(); ++r) {
      Tolerance tol = r < e.tolerances.size() ? e.tolerances[r] : Tolerance{};
      std::string msg =
          compare(reference[i][r], (*out)[r], tol.atol(), tol.rtol);
      if (!msg.empty()) {
        failures.push_back({Stage::CompiledVsReference, e.name,
                            "result " + std::to_string(r) + " (" +
                                opClassName(tol.cls) + "): " + msg});
        break;
      }
    }
  }
  if (chunked)
    checkChunked(*looped, entries, reference, haveReference, compiledResults,
                 failures);
  return failures;
}

//===----------------------------------------------------------------------===//
// Process isolation
//===----------------------------------------------------------------------===//

namespace {

#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer) ||     \
    __has_feature(memory_sanitizer)
constexpr bool kSanitized = true;
#else
constexpr bool kSanitized = false;
#endif
#else
constexpr bool kSanitized = false;
#endif

/// Failures cross the pipe as: stage byte, then entry and message, each a
/// 4-byte length and the bytes.
void writeAll(int fd, const void *data, size_t size) {
  const char *p = static_cast<const char *>(data);
  while (size > 0) {
    ssize_t n = ::write(fd, p, size);
    if (n <= 0)
      return;
    p += n;
    size -= size_t(n);
  }
}
void appendString(std::string &out, const std::string &s) {
  uint32_t n = uint32_t(s.size());
  out.append(reinterpret_cast<const char *>(&n), sizeof(n));
  out += s;
}
std::string failureRecord(const Failure &f) {
  std::string record(1, char(uint8_t(f.stage)));
  appendString(record, f.entry);
  appendString(record, f.message);
  return record;
}

/// The child's report when an allocation fails under its memory limit.
int outOfMemoryFd = -1;
std::string outOfMemoryRecord;
[[noreturn]] void reportOutOfMemory() {
  writeAll(outOfMemoryFd, outOfMemoryRecord.data(), outOfMemoryRecord.size());
  ::_exit(0);
}

bool readString(const std::string &buf, size_t &at, std::string &out) {
  uint32_t n;
  if (at + sizeof(n) > buf.size())
    return false;
  std::memcpy(&n, buf.data() + at, sizeof(n));
  at += sizeof(n);
  if (at + n > buf.size())
    return false;
  out = buf.substr(at, n);
  at += n;
  return true;
}

} // namespace

std::vector<Failure> vmapc::difftest::checkModuleIsolated(
    const std::string &source, const std::vector<Entry> &entries,
    bool runCompiled, const ChildLimits &limits, bool chunked) {
  int fds[2];
  if (::pipe(fds) != 0)
    return checkModule(source, entries, runCompiled, chunked);
  llvm::outs().flush();
  llvm::errs().flush();
  pid_t pid = ::fork();
  if (pid < 0) {
    ::close(fds[0]);
    ::close(fds[1]);
    return checkModule(source, entries, runCompiled, chunked);
  }
  if (pid == 0) {
    ::close(fds[0]);
    // A crash's stack dump would be printed again for every reduction step;
    // the saved test reproduces it in full.
    int devNull = ::open("/dev/null", O_WRONLY);
    if (devNull >= 0)
      ::dup2(devNull, 2);
    if (limits.memoryMiB > 0 && !kSanitized) {
      // The failure record is built now: there is no memory to build it
      // with once the limit is hit.
      outOfMemoryFd = fds[1];
      outOfMemoryRecord =
          failureRecord({Stage::Crash, "",
                         "ran out of the memory limit of " +
                             std::to_string(limits.memoryMiB) + " MiB"});
      std::set_new_handler(reportOutOfMemory);
      llvm::install_bad_alloc_error_handler(
          [](void *, const char *, bool) { reportOutOfMemory(); });
      rlimit as;
      as.rlim_cur = as.rlim_max = rlim_t(limits.memoryMiB) << 20;
      ::setrlimit(RLIMIT_AS, &as);
    }
    if (limits.seconds > 0)
      ::alarm(limits.seconds);
    std::vector<Failure> failures =
        checkModule(source, entries, runCompiled, chunked);
    for (const Failure &f : failures) {
      std::string record = failureRecord(f);
      writeAll(fds[1], record.data(), record.size());
    }
    ::close(fds[1]);
    ::_exit(0);
  }
  ::close(fds[1]);
  std::string buf;
  char chunk[4096];
  for (;;) {
    ssize_t n = ::read(fds[0], chunk, sizeof(chunk));
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      break;
    buf.append(chunk, size_t(n));
  }
  ::close(fds[0]);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  std::vector<Failure> failures;
  size_t at = 0;
  while (at < buf.size()) {
    Failure f;
    f.stage = Stage(uint8_t(buf[at++]));
    if (!readString(buf, at, f.entry) || !readString(buf, at, f.message))
      break;
    failures.push_back(std::move(f));
  }
  if (WIFSIGNALED(status) && WTERMSIG(status) == SIGALRM)
    failures.push_back({Stage::Crash, "",
                        "took longer than the limit of " +
                            std::to_string(limits.seconds) + " s"});
  else if (WIFSIGNALED(status))
    failures.push_back(
        {Stage::Crash, "",
         std::string("killed by signal ") + ::strsignal(WTERMSIG(status))});
  else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    failures.push_back(
        {Stage::Crash, "",
         "exited with status " + std::to_string(WEXITSTATUS(status))});
  return failures;
}
