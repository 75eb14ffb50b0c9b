//===- vmapc-eval.cpp - Evaluate a vmapc function without compiling it ----===//
//
// vmapc-eval FILE.mlir -e FUNC [--arg=X.npy ...] [--out=PREFIX]
//
// Runs FUNC with the reference evaluator on inputs read from .npy files and
// prints each result in the format vmapc-run prints, so the two can be
// diffed; with --out, also writes result i to PREFIX<i>.npy. Every error is
// one line on stderr and exit status 1.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Reference/Evaluator.h"
#include "vmapc/Support/Npy.h"

#include "dialect/VmapcDialect.h"

#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Support/FileUtilities.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

using namespace llvm;

static cl::OptionCategory toolOptions("vmapc-eval options");

static cl::opt<std::string> inputFile(cl::cat(toolOptions), cl::Positional,
                                      cl::desc("<FILE.mlir>"), cl::Required);
static cl::opt<std::string> entry(cl::cat(toolOptions), "e",
                                  cl::desc("Function to evaluate"),
                                  cl::value_desc("FUNC"), cl::Required);
static cl::list<std::string> argFiles(cl::cat(toolOptions), "arg",
                                      cl::desc("An argument, as a .npy file "
                                               "(repeat, in order)"),
                                      cl::value_desc("X.npy"));
static cl::opt<std::string> outPrefix(cl::cat(toolOptions), "out",
                                      cl::desc("Write result i to "
                                               "PREFIX<i>.npy"),
                                      cl::value_desc("PREFIX"));

static int fail(const Twine &message) {
  errs() << "vmapc-eval: " << message << "\n";
  return 1;
}

int main(int argc, char **argv) {
  InitLLVM init(argc, argv);
  // Only our own options in --help, not every LLVM backend flag.
  cl::HideUnrelatedOptions(toolOptions);
  cl::ParseCommandLineOptions(argc, argv, "vmapc reference evaluator\n");

  mlir::DialectRegistry registry;
  registry.insert<vmapc::VmapcDialect, mlir::func::FuncDialect,
                  mlir::arith::ArithDialect>();
  mlir::MLIRContext context(registry);
  // Parse and verifier errors become one line each ("file:line:col: msg")
  // instead of the multi-line source excerpt, keeping stderr greppable.
  std::string firstDiagnostic;
  context.getDiagEngine().registerHandler([&](mlir::Diagnostic &diag) {
    if (firstDiagnostic.empty() &&
        diag.getSeverity() == mlir::DiagnosticSeverity::Error) {
      raw_string_ostream os(firstDiagnostic);
      if (auto loc = dyn_cast<mlir::FileLineColLoc>(diag.getLocation()))
        os << loc.getFilename().getValue() << ":" << loc.getLine() << ":"
           << loc.getColumn() << ": ";
      os << diag.str();
    }
    return mlir::success();
  });

  std::string errorMessage;
  std::unique_ptr<MemoryBuffer> file =
      mlir::openInputFile(inputFile, &errorMessage);
  if (!file)
    return fail(inputFile + ": " + errorMessage);
  SourceMgr sourceMgr;
  sourceMgr.AddNewSourceBuffer(std::move(file), SMLoc());
  mlir::OwningOpRef<mlir::ModuleOp> module =
      mlir::parseSourceFile<mlir::ModuleOp>(sourceMgr, &context);
  if (!module)
    return fail(firstDiagnostic.empty() ? inputFile + ": cannot parse"
                                        : Twine(firstDiagnostic));

  std::vector<vmapc::HostTensor> args;
  for (const std::string &path : argFiles) {
    Expected<vmapc::HostTensor> t = vmapc::readNpy(path);
    if (!t)
      return fail(toString(t.takeError()));
    args.push_back(std::move(*t));
  }

  Expected<std::vector<vmapc::HostTensor>> results =
      vmapc::evaluateFunction(*module, entry, args);
  if (!results)
    return fail(toString(results.takeError()));
  for (unsigned i = 0; i < results->size(); ++i) {
    outs() << vmapc::formatTensor((*results)[i]) << "\n";
    if (!outPrefix.empty())
      if (Error e = vmapc::writeNpy(vmapc::resultNpyPath(outPrefix, i),
                                    (*results)[i]))
        return fail(toString(std::move(e)));
  }
  return 0;
}
