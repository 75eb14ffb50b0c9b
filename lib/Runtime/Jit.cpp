//===- Jit.cpp - Compile MLIR modules to native code and call them -*- C++ -*-//
//
// Calling convention: after --vmapc-lower-to-llvm every public function takes
// its inputs, then its outputs, each as an expanded memref descriptor
// (allocated pointer, aligned pointer, offset, sizes..., strides...). The
// ExecutionEngine's packed wrapper `_mlir_<name>(void **args)` takes a
// pointer to each of those scalars, which lets one untyped call path serve
// every signature.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Runtime/Jit.h"

#include "dialect/VmapcOps.h"
#include "vmapc/Pipelines/Pipelines.h"
#include "vmapc/Runtime/Mpi.h"
#include "vmapc/Target/Context.h"
#include "vmapc/Target/TargetMachine.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include "llvm/ExecutionEngine/Orc/JITTargetMachineBuilder.h"
#include "llvm/IR/Module.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include "llvm/ADT/DenseMap.h"

#include <atomic>
#include <cstdlib>
#include <mutex>

using namespace mlir;
using namespace vmapc;

namespace {

llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

//===----------------------------------------------------------------------===//
// Allocation tracking
//===----------------------------------------------------------------------===//

/// Counters behind CompiledModule::allocationStats. The compiled code's
/// malloc/free are bound to the wrappers below (a JIT symbol defined in
/// the module's own library takes precedence over the process's).
struct AllocationTracker {
  std::mutex mutex;
  llvm::DenseMap<void *, size_t> sizes;
  CompiledModule::AllocationStats stats;

  static AllocationTracker &get() {
    static AllocationTracker *tracker = new AllocationTracker();
    return *tracker;
  }
};

extern "C" void *vmapcTrackedMalloc(size_t size) {
  void *p = std::malloc(size);
  if (!p)
    return p;
  AllocationTracker &t = AllocationTracker::get();
  std::lock_guard<std::mutex> lock(t.mutex);
  t.sizes[p] = size;
  t.stats.liveBytes += size;
  t.stats.peakBytes = std::max(t.stats.peakBytes, t.stats.liveBytes);
  ++t.stats.allocations;
  return p;
}

extern "C" void vmapcTrackedFree(void *p) {
  if (!p)
    return;
  {
    AllocationTracker &t = AllocationTracker::get();
    std::lock_guard<std::mutex> lock(t.mutex);
    auto it = t.sizes.find(p);
    if (it != t.sizes.end()) {
      t.stats.liveBytes -= it->second;
      t.sizes.erase(it);
    }
  }
  std::free(p);
}

//===----------------------------------------------------------------------===//
// Modules alive at process exit
//===----------------------------------------------------------------------===//

/// Whether the process is running its exit handlers. A compiled module held
/// by a static object (a user's `static auto kernel = vx::jit(...)`) is
/// destroyed then, after function-local statics of LLVM that its
/// compilation created (their destructors were registered later, so they
/// run first): tearing the JIT down at that point read freed memory and
/// crashed at exit. Each compilation (re-)registers the handler that sets
/// this flag, so it runs before the destructor of every object that holds
/// a module compiled earlier; modules destroyed once it is set keep their
/// engine, which the process is about to drop anyway.
std::atomic<bool> processExiting{false};

void noteExitBeforeModulesDie() {
  std::atexit([] { processExiting.store(true); });
}

/// Engines left alive at exit, reachable so that leak checkers do not
/// report them.
std::vector<std::unique_ptr<ExecutionEngine>> &enginesKeptAtExit() {
  static auto *engines = new std::vector<std::unique_ptr<ExecutionEngine>>();
  return *engines;
}

} // namespace

CompiledModule::CompiledModule() = default;
CompiledModule::~CompiledModule() {
  if (processExiting.load() && engine)
    enginesKeptAtExit().push_back(std::move(engine));
}

llvm::Expected<std::unique_ptr<CompiledModule>>
CompiledModule::compile(ModuleOp module, const CompileOptions &options) {
  vmapc::initializeNativeTarget();
  // An unknown CPU or feature is an error before any work (LLVM would only
  // warn and emit generic code).
  auto target = resolveTarget({options.targetCpu, options.targetFeatures});
  if (!target)
    return target.takeError();
  MLIRContext *ctx = module.getContext();
  ctx->appendDialectRegistry(compilerRegistry());
  // Dialects load as the pipeline's passes need them: loading all of them
  // up front cost milliseconds of every compilation.

  std::unique_ptr<CompiledModule> result(new CompiledModule());

  // Signatures come from the module as given: func.func at the tensor (or
  // memref) level, or llvm.func carrying the `vmapc.io_type` our pipeline
  // records, when the module is already lowered.
  bool needsLowering = !isLoweredToLLVM(module);
  for (Operation &op : module.getBody()->getOperations()) {
    if (auto func = dyn_cast<func::FuncOp>(op)) {
      if (func.isExternal() || !func.isPublic())
        continue;
      if (auto sig = signatureOf(func.getSymName(), func.getFunctionType()))
        result->functions[func.getSymName()].signature = *sig;
      else
        result->uncallable[func.getSymName()] = kCallableTypes;
    } else if (auto func = dyn_cast<LLVM::LLVMFuncOp>(op)) {
      auto io = func->getAttrOfType<TypeAttr>("vmapc.io_type");
      if (func.isExternal() || !io || !isa<FunctionType>(io.getValue()))
        continue;
      if (auto sig =
              signatureOf(func.getSymName(), cast<FunctionType>(io.getValue())))
        result->functions[func.getSymName()].signature = *sig;
    }
  }

  // A pmap splits its axis across the ranks of the MPI job this process is
  // part of (joined now, the first time).
  int64_t numRanks = options.numRanks > 0 ? options.numRanks : 1;
  std::string mpiLibrary;
  bool hasPmap =
      module.walk([](vmapc::PmapOp) { return WalkResult::interrupt(); })
          .wasInterrupted();
  if (hasPmap) {
    auto world = mpiWorld();
    if (!world)
      return world.takeError();
    if (options.numRanks == 0)
      numRanks = world->size;
    mpiLibrary = world->library;
  }

  OwningOpRef<ModuleOp> lowered(cast<ModuleOp>(module->clone()));
  {
    ErrorCollector errors(ctx);
    if (needsLowering) {
      PassManager pm(ctx);
      LowerToLLVMOptions pipelineOptions;
      pipelineOptions.targetCpu = target->cpu;
      pipelineOptions.targetFeatures = target->features;
      pipelineOptions.numThreads = options.numThreads;
      pipelineOptions.fpContract = options.fpContract;
      pipelineOptions.numRanks = numRanks;
      buildVmapcLowerToLLVMPipeline(pm, pipelineOptions);
      if (failed(pm.run(*lowered)))
        return makeError(errors.text("lowering to LLVM failed"));
    }
  }
  if (options.keepIR) {
    llvm::raw_string_ostream os(result->loweredMlir);
    lowered->print(os);
  }

  // One TargetMachine for both the -O3 IR pipeline and code generation, so
  // the optimizer's cost model sees the same CPU the code runs on.
  auto jtmb = llvm::orc::JITTargetMachineBuilder::detectHost();
  if (!jtmb)
    return jtmb.takeError();
  jtmb->setCPU(target->cpu);
  jtmb->getFeatures() = llvm::SubtargetFeatures(target->features);
  llvm::CodeGenOptLevel codegenLevel = codegenOptLevel(options.optLevel);
  jtmb->setCodeGenOptLevel(codegenLevel);
  auto tm = jtmb->createTargetMachine();
  if (!tm)
    return tm.takeError();
  llvm::TargetMachine *tmPtr = tm->get();

  auto optimize = makeOptimizingTransformer(std::min(options.optLevel, 3u),
                                            /*sizeLevel=*/0, tmPtr);
  std::string *irOut = options.keepIR ? &result->optimizedLlvmIr : nullptr;
  std::function<llvm::Error(llvm::Module *)> transformer =
      [&](llvm::Module *m) -> llvm::Error {
    if (llvm::Error err = optimize(m))
      return err;
    if (irOut) {
      llvm::raw_string_ostream os(*irOut);
      m->print(os, nullptr);
    }
    return llvm::Error::success();
  };
  ExecutionEngineOptions engineOptions;
  engineOptions.transformer = transformer;
  engineOptions.jitCodeGenOptLevel = codegenLevel;
  engineOptions.enableGDBNotificationListener = false;
  engineOptions.enablePerfNotificationListener = false;
  // Parallel chunk loops call into LLVM's OpenMP runtime (__kmpc_*).
  llvm::SmallVector<StringRef, 2> libraries;
  if (usesOpenMP(*lowered))
    libraries.push_back(VMAPC_OMP_LIBRARY);
  // pmaps across ranks call MPI (the library mpiWorld() loaded).
  if (numRanks > 1 && !mpiLibrary.empty())
    libraries.push_back(mpiLibrary);
  engineOptions.sharedLibPaths = libraries;
  auto engine =
      ExecutionEngine::create(*lowered, engineOptions, std::move(*tm));
  if (!engine)
    return engine.takeError();
  result->engine = std::move(*engine);
  if (options.trackAllocations)
    result->engine->registerSymbols([](llvm::orc::MangleAndInterner mangle) {
      llvm::orc::SymbolMap symbols;
      symbols[mangle("malloc")] = {
          llvm::orc::ExecutorAddr::fromPtr(&vmapcTrackedMalloc),
          llvm::JITSymbolFlags::Exported};
      symbols[mangle("free")] = {
          llvm::orc::ExecutorAddr::fromPtr(&vmapcTrackedFree),
          llvm::JITSymbolFlags::Exported};
      return symbols;
    });

  for (auto &entry : result->functions) {
    auto packed = result->engine->lookupPacked(entry.getKey());
    if (!packed)
      return packed.takeError();
    entry.getValue().packed = *packed;
  }
  noteExitBeforeModulesDie();
  return result;
}

llvm::Expected<std::unique_ptr<CompiledModule>>
CompiledModule::compileSource(llvm::StringRef source,
                              llvm::StringRef bufferName,
                              const CompileOptions &options) {
  MLIRContext ctx(compilerRegistry());
  ErrorCollector errors(&ctx);
  llvm::SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(
      llvm::MemoryBuffer::getMemBufferCopy(source, bufferName), llvm::SMLoc());
  OwningOpRef<ModuleOp> module = parseSourceFile<ModuleOp>(sourceMgr, &ctx);
  if (!module)
    return makeError(errors.text(("cannot parse " + bufferName).str()));
  return compile(*module, options);
}

std::vector<std::string> CompiledModule::functionNames() const {
  std::vector<std::string> names;
  for (const auto &entry : functions)
    names.push_back(entry.getKey().str());
  llvm::sort(names);
  return names;
}

llvm::Expected<const FunctionSignature &>
CompiledModule::signature(llvm::StringRef name) const {
  auto it = functions.find(name);
  auto bad = uncallable.find(name);
  if (it == functions.end() && bad != uncallable.end())
    return makeError("function '" + name +
                     "' cannot be called: " + bad->getValue());
  if (it == functions.end()) {
    std::string known;
    for (const std::string &n : functionNames())
      known += (known.empty() ? "" : ", ") + n;
    return makeError("no function '" + name + "' in the module (callable: " +
                     (known.empty() ? "none" : known) + ")");
  }
  return it->getValue().signature;
}

namespace {
/// The batch size that the dynamic dims of `inputs` give (std::nullopt when
/// the signature has none), or an error when they disagree.
llvm::Expected<std::optional<int64_t>>
batchSizeOf(StringRef name, ArrayRef<TensorRef> inputs,
            const std::vector<TensorSpec> &expected) {
  std::optional<int64_t> batch;
  std::string firstAt;
  for (size_t i = 0; i < inputs.size() && i < expected.size(); ++i) {
    const std::vector<int64_t> &want = expected[i].shape;
    const std::vector<int64_t> &got = inputs[i].shape;
    if (want.size() != got.size())
      continue; // Reported with the shapes.
    for (size_t d = 0; d < want.size(); ++d) {
      if (want[d] != TensorSpec::kDynamic)
        continue;
      std::string at =
          "input " + std::to_string(i) + " dim " + std::to_string(d);
      if (!batch) {
        batch = got[d];
        firstAt = at;
      } else if (*batch != got[d]) {
        return makeError("'" + name +
                         "' has one batch size for all its "
                         "dynamic dims, but " +
                         firstAt + " is " + llvm::Twine(*batch) + " and " + at +
                         " is " + llvm::Twine(got[d]));
      }
    }
  }
  return batch;
}

/// `specs` with every dynamic dim set to `batch`.
std::vector<TensorSpec> resolve(std::vector<TensorSpec> specs,
                                std::optional<int64_t> batch) {
  for (TensorSpec &spec : specs)
    for (int64_t &d : spec.shape)
      if (d == TensorSpec::kDynamic && batch)
        d = *batch;
  return specs;
}
} // namespace

llvm::Expected<std::vector<TensorSpec>>
CompiledModule::outputSpecs(llvm::StringRef name,
                            llvm::ArrayRef<TensorRef> inputs) const {
  auto sig = signature(name);
  if (!sig)
    return sig.takeError();
  auto batch = batchSizeOf(name, inputs, sig->inputs);
  if (!batch)
    return batch.takeError();
  return resolve(sig->outputs, *batch);
}

llvm::Error CompiledModule::invoke(llvm::StringRef name,
                                   llvm::ArrayRef<TensorRef> inputs,
                                   llvm::ArrayRef<TensorRef> outputs) const {
  auto sig = signature(name);
  if (!sig)
    return sig.takeError();
  auto it = functions.find(name);
  const FunctionSignature &s = *sig;
  auto batch = batchSizeOf(name, inputs, s.inputs);
  if (!batch)
    return batch.takeError();
  auto check = [&](llvm::ArrayRef<TensorRef> given,
                   const std::vector<TensorSpec> &declared,
                   StringRef what) -> llvm::Error {
    if (given.size() != declared.size())
      return makeError("'" + name + "' takes " + llvm::Twine(declared.size()) +
                       " " + what + "s, got " + llvm::Twine(given.size()));
    std::vector<TensorSpec> expected = resolve(declared, *batch);
    for (size_t i = 0; i < given.size(); ++i) {
      const TensorRef &t = given[i];
      if (t.dtype != expected[i].dtype || t.shape != expected[i].shape)
        return makeError("'" + name + "' " + what + " " + llvm::Twine(i) +
                         " must be " + expected[i].str() + ", got " +
                         typeToString(t.dtype, t.shape));
      if (!t.data && numElementsOf(t.shape) != 0)
        return makeError("'" + name + "' " + what + " " + llvm::Twine(i) +
                         " has no data (null pointer)");
    }
    return llvm::Error::success();
  };
  if (llvm::Error err = check(inputs, s.inputs, "input"))
    return err;
  if (llvm::Error err = check(outputs, s.outputs, "output"))
    return err;

  // Descriptor fields for every memref, then one pointer to each field.
  size_t numPtrs = 0, numInts = 0;
  for (const TensorRef &t : llvm::concat<const TensorRef>(inputs, outputs)) {
    numPtrs += 2;
    numInts += 1 + 2 * t.shape.size();
  }
  llvm::SmallVector<void *, 32> ptrs;
  llvm::SmallVector<int64_t, 64> ints;
  ptrs.reserve(numPtrs);
  ints.reserve(numInts);
  llvm::SmallVector<void *, 96> args;
  args.reserve(numPtrs + numInts);
  for (const TensorRef &t : llvm::concat<const TensorRef>(inputs, outputs)) {
    ptrs.push_back(t.data);
    args.push_back(&ptrs.back());
    ptrs.push_back(t.data);
    args.push_back(&ptrs.back());
    ints.push_back(0);
    args.push_back(&ints.back());
    for (int64_t d : t.shape) {
      ints.push_back(d);
      args.push_back(&ints.back());
    }
    int64_t stride = 1;
    size_t first = ints.size();
    ints.resize(first + t.shape.size());
    for (size_t d = t.shape.size(); d-- > 0;) {
      ints[first + d] = stride;
      stride *= t.shape[d];
    }
    for (size_t d = 0; d < t.shape.size(); ++d)
      args.push_back(&ints[first + d]);
  }
  it->getValue().packed(args.data());
  return llvm::Error::success();
}

llvm::Expected<std::vector<HostTensor>>
CompiledModule::invoke(llvm::StringRef name,
                       llvm::ArrayRef<TensorRef> inputs) const {
  auto specs = outputSpecs(name, inputs);
  if (!specs)
    return specs.takeError();
  std::vector<HostTensor> results;
  for (const TensorSpec &spec : *specs)
    results.emplace_back(spec.dtype, spec.shape);
  std::vector<TensorRef> refs(results.begin(), results.end());
  if (llvm::Error err = invoke(name, inputs, refs))
    return std::move(err);
  return results;
}

CompiledModule::AllocationStats CompiledModule::allocationStats() {
  AllocationTracker &t = AllocationTracker::get();
  std::lock_guard<std::mutex> lock(t.mutex);
  return t.stats;
}

void CompiledModule::resetAllocationStats() {
  AllocationTracker &t = AllocationTracker::get();
  std::lock_guard<std::mutex> lock(t.mutex);
  t.stats.peakBytes = t.stats.liveBytes;
  t.stats.allocations = 0;
}
