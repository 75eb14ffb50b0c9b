//===- Jit.cpp - Specializing, compiling and caching jitted functions -----===//
//
// jit's cache maps argument specs (dtype and shape of every argument) to a
// compiled kernel. A miss traces the user's function with parameters of
// those specs, emits the vmapc module, and compiles it with the runtime
// (vmapc::CompiledModule: the --vmapc-lower-to-llvm pipeline, then LLVM's JIT)
// while holding the cache's lock, so concurrent first calls compile once.
// Calls go straight to the runtime with the caller's buffers: inputs are the
// user's arrays, outputs the storage of the Arrays that jit returns.
//
//===----------------------------------------------------------------------===//

#include "Emit.h"

#include "vmapc/Runtime/Jit.h"
#include "vmapc/Runtime/Mpi.h"
#include "vmapc/dsl/Transforms.h"

#include "llvm/Support/raw_ostream.h"

#include <atomic>
#include <cstdlib>
#include <iostream>
#include <map>
#include <mutex>

namespace vmapc {

namespace detail {

namespace {
std::atomic<size_t> compilations{0};

/// "f32[?, 3]": a -1 dim is the batch size of a kernel for any batch size.
std::string specToString(const TensorSpec &spec) {
  std::string s = std::string(dtypeName(spec.dtype)) + "[";
  for (size_t i = 0; i < spec.shape.size(); ++i)
    s +=
        (i ? ", " : "") + (spec.shape[i] == -1 ? std::string("?")
                                               : std::to_string(spec.shape[i]));
  return s + "]";
}

std::string specsToString(const std::vector<TensorSpec> &specs) {
  std::string s = "(";
  for (size_t i = 0; i < specs.size(); ++i)
    s += (i ? ", " : "") + specToString(specs[i]);
  return s + ")";
}

bool dumpRequested() {
  const char *v = std::getenv("VMAPC_DUMP_IR");
  return v && *v && std::string(v) != "0";
}

/// Cache key: every argument's dtype, rank and dimensions, flattened.
std::vector<int64_t> keyOf(const std::vector<TensorSpec> &specs) {
  std::vector<int64_t> key;
  for (const TensorSpec &s : specs) {
    key.push_back(static_cast<int64_t>(s.dtype));
    key.push_back(static_cast<int64_t>(s.shape.size()));
    key.insert(key.end(), s.shape.begin(), s.shape.end());
  }
  return key;
}
} // namespace

class CompiledKernel {
public:
  std::vector<TensorSpec> args, results;
  std::string vmapcIR, finalIR;
  std::unique_ptr<CompiledModule> module;
};

class KernelCache {
public:
  std::mutex mutex;
  std::map<std::vector<int64_t>, std::shared_ptr<const CompiledKernel>> kernels;
};

std::shared_ptr<KernelCache> makeKernelCache() {
  return std::make_shared<KernelCache>();
}

size_t cacheSize(const KernelCache &cache) {
  std::lock_guard<std::mutex> lock(const_cast<KernelCache &>(cache).mutex);
  return cache.kernels.size();
}

namespace {
std::shared_ptr<const CompiledKernel>
compile(const std::vector<TensorSpec> &args, const TraceBody &body,
        const JitOptions &jitOptions) {
  std::shared_ptr<Subgraph> g = traceFunction(args, body);
  auto kernel = std::make_shared<CompiledKernel>();
  kernel->args = args;
  for (const NodeRef &r : g->results)
    kernel->results.push_back({r->dtype, r->shape});

  std::unique_ptr<mlir::MLIRContext> context = makeDslContext();
  mlir::OwningOpRef<mlir::ModuleOp> module = emitModule(*context, *g, "main");
  {
    llvm::raw_string_ostream os(kernel->vmapcIR);
    module->print(os);
  }
  bool dump = dumpRequested();
  if (dump)
    std::cerr << "// ---- vmapc: traced module for arguments "
              << specsToString(args) << "\n"
              << kernel->vmapcIR << std::flush;

  CompileOptions options;
  options.keepIR = true;
  options.numThreads = jitOptions.numThreads;
  options.fpContract = jitOptions.fpContract;
  auto compiled = CompiledModule::compile(*module, options);
  if (!compiled)
    throw Error("jit: compiling the function for arguments " +
                specsToString(args) +
                " failed: " + llvm::toString(compiled.takeError()));
  kernel->module = std::move(*compiled);
  kernel->finalIR = kernel->module->loweredMLIR();
  if (dump)
    std::cerr << "// ---- vmapc: lowered module (LLVM dialect)\n"
              << kernel->finalIR << std::flush;
  ++compilations;
  return kernel;
}
} // namespace

std::string exportModule(const std::vector<TensorSpec> &args,
                         const std::string &name, const TraceBody &body) {
  if (name.empty())
    throw Error("export_mlir: the function needs a name");
  std::shared_ptr<Subgraph> g = traceFunction(args, body);
  std::unique_ptr<mlir::MLIRContext> context = makeDslContext();
  mlir::OwningOpRef<mlir::ModuleOp> module = emitModule(*context, *g, name);
  std::string text;
  llvm::raw_string_ostream os(text);
  module->print(os);
  return text;
}

std::shared_ptr<const CompiledKernel>
lookupOrCompile(KernelCache &cache, const std::vector<TensorSpec> &args,
                const TraceBody &body, const JitOptions &options) {
  std::vector<int64_t> key = keyOf(args);
  // Jitted takes a cache from outside: shared by jits of different
  // options, each options set still gets its own kernel.
  key.push_back(options.numThreads);
  key.push_back(options.fpContract);
  std::lock_guard<std::mutex> lock(cache.mutex);
  auto it = cache.kernels.find(key);
  if (it != cache.kernels.end())
    return it->second;
  std::shared_ptr<const CompiledKernel> kernel = compile(args, body, options);
  cache.kernels.emplace(std::move(key), kernel);
  return kernel;
}

const std::vector<TensorSpec> &argSpecs(const CompiledKernel &kernel) {
  return kernel.args;
}
const std::vector<TensorSpec> &resultSpecs(const CompiledKernel &kernel) {
  return kernel.results;
}
std::vector<TensorSpec> resultSpecsFor(const CompiledKernel &kernel,
                                       const std::vector<TensorRef> &inputs) {
  // The batch size is the size of the first dynamic argument dim given;
  // invoke checks that the others agree.
  std::optional<int64_t> batch;
  for (size_t i = 0; i < kernel.args.size() && i < inputs.size() && !batch; ++i)
    for (size_t d = 0; d < kernel.args[i].shape.size(); ++d)
      if (kernel.args[i].shape[d] == -1 && d < inputs[i].shape.size()) {
        batch = inputs[i].shape[d];
        break;
      }
  std::vector<TensorSpec> specs = kernel.results;
  for (TensorSpec &s : specs)
    for (int64_t &d : s.shape)
      if (d == -1)
        d = batch.value_or(0);
  return specs;
}

const std::string &vmapcIR(const CompiledKernel &kernel) {
  return kernel.vmapcIR;
}
const std::string &finalIR(const CompiledKernel &kernel) {
  return kernel.finalIR;
}

namespace {
void checkBuffers(const char *what, const std::vector<TensorSpec> &expected,
                  const std::vector<TensorRef> &given) {
  if (given.size() != expected.size())
    throw Error(std::string("jit: expected ") +
                std::to_string(expected.size()) + " " + what + "s " +
                specsToString(expected) + ", got " +
                std::to_string(given.size()));
  for (size_t i = 0; i < given.size(); ++i) {
    const TensorSpec &e = expected[i];
    bool shapeMatches = given[i].shape.size() == e.shape.size();
    for (size_t d = 0; shapeMatches && d < e.shape.size(); ++d)
      shapeMatches = e.shape[d] == -1 || e.shape[d] == given[i].shape[d];
    if (given[i].dtype != e.dtype || !shapeMatches)
      throw Error(std::string("jit: ") + what + " " + std::to_string(i) +
                  " is " + typeToString(given[i].dtype, given[i].shape) +
                  " but the kernel was compiled for " + specToString(e));
    if (!given[i].data && numElementsOf(given[i].shape) != 0)
      throw Error(std::string("jit: ") + what + " " + std::to_string(i) +
                  " has no data");
  }
}
} // namespace

void invoke(const CompiledKernel &kernel, const std::vector<TensorRef> &inputs,
            const std::vector<TensorRef> &outputs) {
  checkBuffers("argument", kernel.args, inputs);
  checkBuffers("output", kernel.results, outputs);
  if (llvm::Error err = kernel.module->invoke("main", inputs, outputs))
    throw Error("jit: " + llvm::toString(std::move(err)));
}

unsigned checkedThreads(Threads t) {
  if (t.count <= 0 || t.count > 4096)
    throw Error("jit: threads must be between 1 and 4096, got " +
                std::to_string(t.count));
  return static_cast<unsigned>(t.count);
}

} // namespace detail

size_t compile_count() { return detail::compilations.load(); }

int process_index() {
  auto world = mpiWorld();
  if (!world)
    throw Error("process_index: " + llvm::toString(world.takeError()));
  return world->rank;
}

int process_count() {
  auto world = mpiWorld();
  if (!world)
    throw Error("process_count: " + llvm::toString(world.takeError()));
  return world->size;
}

} // namespace vmapc
