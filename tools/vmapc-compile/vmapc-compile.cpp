//===- vmapc-compile.cpp - Compile one function ahead of time -------------===//
//
//   vmapc-compile FILE.mlir -e FUNC -o NAME.o [--header NAME.h]
//                 [--link-flags NAME.rsp] [--name SYMBOL] [--target-cpu=CPU]
//                 [--target-features=F]
//                 [--threads=N] [-O0..3]
//
// Compiles FUNC of FILE (vmaps included) with the JIT's pipeline to a
// native, position-independent object whose one visible symbol is a C
// entry point, and writes the header that declares and documents it. The
// object needs no MLIR or LLVM at run time. Every error is printed with
// its location and the exit status is 1.
//
//===----------------------------------------------------------------------===//
#include "vmapc/AOT/Compile.h"
#include "vmapc/Target/Context.h"

#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"

#include "tools/common/ThreadsOption.h"

#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/ToolOutputFile.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

static cl::OptionCategory toolOptions("vmapc-compile options");

static cl::opt<std::string> inputFile(cl::cat(toolOptions), cl::Positional,
                                      cl::desc("<file.mlir>"), cl::init("-"));
static cl::opt<std::string> entry(cl::cat(toolOptions), "e",
                                  cl::desc("Function to compile"),
                                  cl::value_desc("name"), cl::Required);
static cl::opt<std::string> objectFile(cl::cat(toolOptions), "o",
                                       cl::desc("Object file to write"),
                                       cl::value_desc("file.o"), cl::Required);
static cl::opt<std::string> headerFile(cl::cat(toolOptions), "header",
                                       cl::desc("C/C++ header to write"),
                                       cl::value_desc("file.h"));
static cl::opt<std::string> linkFlagsFile(
    cl::cat(toolOptions), "link-flags",
    cl::desc("Write the linker flags the object needs (libm; LLVM's OpenMP "
             "runtime for parallel vmaps) to this response file"),
    cl::value_desc("file.rsp"));
static cl::opt<std::string>
    symbolName(cl::cat(toolOptions), "name",
               cl::desc("Name of the C entry point (default: the function's)"),
               cl::value_desc("symbol"));
static cl::opt<std::string>
    targetCpu(cl::cat(toolOptions), "target-cpu",
              cl::desc("Target CPU, e.g. x86-64-v3, skylake-avx512, znver4 "
                       "(default: host, the machine compiling)"),
              cl::init("host"));
static cl::opt<std::string> targetFeatures(
    cl::cat(toolOptions), "target-features",
    cl::desc("LLVM target features, e.g. +avx2,+fma (default: the CPU's)"));
static cl::opt<bool>
    fpContract(cl::cat(toolOptions), "fp-contract",
               cl::desc("Let float multiplies and adds fuse into FMAs (one "
                        "rounding; differs from vmapc-eval in the last bits)"));
static cl::opt<unsigned> optLevel(cl::cat(toolOptions), "O",
                                  cl::desc("Optimization level (default 3)"),
                                  cl::Prefix, cl::init(3));
// The LLVM libraries register a `threads` option of their own, so --threads
// is taken out of argv before LLVM's parser sees the rest.
static cl::extrahelp threadsHelp(
    "\n  --threads=<N>  Threads of parallel vmaps (default: decided at run "
    "time by OMP_NUM_THREADS, else all cores)\n");

[[noreturn]] static void fail(const Twine &message) {
  std::string text = message.str();
  StringRef rest(text);
  // Messages from the library already say "error:" (after a location).
  errs() << "vmapc-compile: " << (rest.contains("error: ") ? "" : "error: ")
         << text << "\n";
  std::exit(1);
}

/// Writes `contents` to `path` atomically enough for build systems: the
/// file appears only once it is complete.
static void writeFile(StringRef path, StringRef contents) {
  std::error_code ec;
  ToolOutputFile out(path, ec, sys::fs::OF_None);
  if (ec)
    fail("cannot write '" + path + "': " + ec.message());
  out.os() << contents;
  out.os().flush();
  if (out.os().has_error())
    fail("cannot write '" + path + "': " + out.os().error().message());
  out.keep();
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  cl::HideUnrelatedOptions(toolOptions);
  auto threadsOption = vmapc::tools::takeThreadsOption(argc, argv);
  if (!threadsOption)
    fail(toString(threadsOption.takeError()));
  unsigned threads = *threadsOption;
  cl::ParseCommandLineOptions(argc, argv,
                              "vmapc ahead-of-time compiler: one function to "
                              "an object file and a C/C++ header\n");
  if (optLevel > 3)
    fail("-O must be 0, 1, 2 or 3");

  auto buffer = MemoryBuffer::getFileOrSTDIN(inputFile);
  if (!buffer)
    fail("cannot read '" + inputFile + "': " + buffer.getError().message());
  std::string sourceName =
      inputFile == "-" ? std::string("<stdin>") : std::string(inputFile);

  mlir::MLIRContext context(vmapc::compilerRegistry());
  mlir::OwningOpRef<mlir::ModuleOp> module;
  {
    vmapc::ErrorCollector errors(&context);
    SourceMgr sourceMgr;
    sourceMgr.AddNewSourceBuffer(
        MemoryBuffer::getMemBuffer((*buffer)->getBuffer(), sourceName),
        SMLoc());
    module = mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
    if (!module)
      fail(errors.text("cannot parse '" + sourceName + "'"));
  }

  vmapc::AotOptions options;
  options.function = entry;
  options.symbol = symbolName;
  options.target = {targetCpu, targetFeatures};
  options.optLevel = optLevel;
  options.numThreads = threads;
  options.fpContract = fpContract;
  auto kernel = vmapc::compileKernel(*module, options);
  if (!kernel)
    fail(toString(kernel.takeError()));

  writeFile(objectFile,
            StringRef(kernel->object.data(), kernel->object.size()));
  if (!headerFile.empty()) {
    std::string header;
    raw_string_ostream os(header);
    vmapc::writeHeader(os, *kernel, sys::path::filename(sourceName));
    writeFile(headerFile, header);
  }
  if (!linkFlagsFile.empty()) {
    std::string flags = "-lm\n";
    if (kernel->usesOpenMP) {
      StringRef omp(VMAPC_OMP_LIBRARY);
      flags += omp.str() + "\n-Wl,-rpath," + sys::path::parent_path(omp).str() +
               "\n";
    }
    writeFile(linkFlagsFile, flags);
  }
  return 0;
}
