//===- vmapc-run.cpp - Compile an MLIR file and run one function -*- C++
//-*-===//
//
//   vmapc-run FILE.mlir -e FUNC [--arg=X.npy ...] [--out=PREFIX]
//             [--threads=N]
//
// Compiles FILE (vmapc, linalg or LLVM dialect) with the JIT runtime, runs
// FUNC on the .npy inputs and prints each result in the stable text format
// shared with vmapc-eval; with --out, result i is also written to
// PREFIX<i>.npy. Every error is one line on stderr and exit status 1.
// Under mpirun every rank reads the inputs and runs FUNC (a vmapc.pmap
// splits its mapped axis across the ranks); rank 0 prints and writes the
// results, which every rank has.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Runtime/Jit.h"
#include "vmapc/Runtime/Mpi.h"
#include "vmapc/Support/Npy.h"

#include "tools/common/ThreadsOption.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

static cl::OptionCategory toolOptions("vmapc-run options");

static cl::opt<std::string> inputFile(cl::cat(toolOptions), cl::Positional,
                                      cl::desc("<file.mlir>"), cl::init("-"));
static cl::opt<std::string> entry(cl::cat(toolOptions), "e",
                                  cl::desc("Function to run"),
                                  cl::value_desc("name"), cl::Required);
static cl::list<std::string> args(cl::cat(toolOptions), "arg",
                                  cl::desc("Input .npy file (in order)"),
                                  cl::value_desc("file.npy"));
static cl::opt<std::string>
    outPrefix(cl::cat(toolOptions), "out",
              cl::desc("Write result i to <prefix><i>.npy"),
              cl::value_desc("prefix"));
static cl::opt<std::string> targetCpu(cl::cat(toolOptions), "target-cpu",
                                      cl::desc("Target CPU (default: host)"),
                                      cl::init("host"));
// The LLVM libraries already register a `threads` option of their own, so
// --threads is taken out of argv before LLVM's parser sees the rest.
static cl::extrahelp threadsHelp(
    "\n  --threads=<N>  Threads of parallel vmaps (default: OMP_NUM_THREADS, "
    "else all cores)\n");
static cl::opt<bool>
    fpContract(cl::cat(toolOptions), "fp-contract",
               cl::desc("Let float multiplies and adds fuse into FMAs (one "
                        "rounding; differs from vmapc-eval in the last bits)"));
static cl::opt<bool> dumpMlir(cl::cat(toolOptions), "dump-mlir",
                              cl::desc("Print the lowered LLVM-dialect module "
                                       "before the results"));
static cl::opt<bool> dumpLlvm(cl::cat(toolOptions), "dump-llvm-ir",
                              cl::desc("Print the optimized LLVM IR before "
                                       "the results"));

/// One line on stderr, exit status 1.
[[noreturn]] static void fail(const Twine &message) {
  std::string text = message.str();
  for (char &c : text)
    if (c == '\n')
      c = ';';
  errs() << "vmapc-run: error: " << text << "\n";
  std::exit(1);
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  // Only our own options in --help, not every LLVM backend flag.
  cl::HideUnrelatedOptions(toolOptions);
  auto threadsOption = vmapc::tools::takeThreadsOption(argc, argv);
  if (!threadsOption)
    fail(toString(threadsOption.takeError()));
  unsigned threads = *threadsOption;
  cl::ParseCommandLineOptions(argc, argv, "vmapc JIT runner\n");

  auto buffer = MemoryBuffer::getFileOrSTDIN(inputFile);
  if (!buffer)
    fail("cannot read '" + inputFile + "': " + buffer.getError().message());

  vmapc::CompileOptions options;
  options.targetCpu = targetCpu;
  options.numThreads = threads;
  options.fpContract = fpContract;
  options.keepIR = dumpMlir || dumpLlvm;
  auto compiled = vmapc::CompiledModule::compileSource(
      (*buffer)->getBuffer(),
      inputFile == "-" ? std::string("<stdin>") : std::string(inputFile),
      options);
  if (!compiled)
    fail(toString(compiled.takeError()));
  vmapc::CompiledModule &module = **compiled;

  auto sig = module.signature(entry);
  if (!sig)
    fail(toString(sig.takeError()));
  if (args.size() != sig->inputs.size())
    fail("'" + entry + "' takes " + Twine(sig->inputs.size()) +
         " argument(s), got " + Twine(args.size()) + " --arg");

  std::vector<vmapc::HostTensor> inputs;
  for (auto [i, path] : llvm::enumerate(args)) {
    auto tensor = vmapc::readNpy(path);
    if (!tensor)
      fail(toString(tensor.takeError()));
    const vmapc::TensorSpec &want = sig->inputs[i];
    // A dynamic dim (the batch size) takes any size; invoke checks that
    // all of them agree.
    auto fits = [&](const std::vector<int64_t> &shape) {
      if (shape.size() != want.shape.size())
        return false;
      for (size_t d = 0; d < shape.size(); ++d)
        if (want.shape[d] != vmapc::TensorSpec::kDynamic &&
            want.shape[d] != shape[d])
          return false;
      return true;
    };
    if (tensor->dtype() != want.dtype || !fits(tensor->shape()))
      fail("argument " + Twine(i) + " of '" + entry + "' must be " +
           want.str() + ", but '" + path + "' holds " +
           vmapc::typeToString(tensor->dtype(), tensor->shape()));
    inputs.push_back(std::move(*tensor));
  }

  if (dumpMlir)
    outs() << module.loweredMLIR() << "\n";
  if (dumpLlvm)
    outs() << module.llvmIR() << "\n";

  std::vector<vmapc::TensorRef> refs(inputs.begin(), inputs.end());
  auto results = module.invoke(entry, refs);
  if (!results)
    fail(toString(results.takeError()));
  // Under mpirun every rank runs the function (a pmap splits its batch
  // across them) and has its results; rank 0 reports them.
  if (vmapc::mpiRank() != 0)
    return 0;
  for (auto [i, result] : llvm::enumerate(*results)) {
    outs() << vmapc::formatTensor(result) << "\n";
    if (!outPrefix.empty()) {
      std::string path = outPrefix + std::to_string(i) + ".npy";
      if (Error err = vmapc::writeNpy(path, result))
        fail(toString(std::move(err)));
    }
  }
  return 0;
}
