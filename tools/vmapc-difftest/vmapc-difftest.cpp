//===- vmapc-difftest.cpp - Differential testing of generated programs ----===//
//
//   vmapc-difftest [--seed=N | --fresh-seed] [--programs=N] [--per-module=N]
//                  [--save-failures=DIR] [--max-seconds=S] [--no-compile]
//                  [--child-memory-mb=M] [--child-seconds=S] [--chunked]
//   vmapc-difftest --check FILE.mlir [--input-seed=N]
//
// The first form generates random vmapc programs (Generator.h) and runs the
// three checks of Checker.h on each: the batched IR verifies, the reference
// evaluator agrees on the batched and looped forms, and the JIT-compiled code
// agrees with the reference. Programs are checked many to a module so one
// JIT compilation serves them all; a module that fails is split up to find
// the failing programs, each of which is then reduced (ops cut to constants
// or bypassed while the same check still fails) and printed; with
// --save-failures it is also written as a lit test, ready for
// test/Regression/.
//
// The second form is what those saved tests run: every public function of
// FILE is an entry, its inputs are random (from --input-seed) and its
// tolerances are read from the function's difftest.rtol / difftest.scale
// attributes (absent: exact).
//
// Each module is checked in a child process, so a crash of the compiler is
// a failure like any other; so is a module that takes more memory or time
// than --child-memory-mb / --child-seconds allow.
//
// Program k of a run depends only on (seed, k), so any failure can be
// reproduced alone with --seed=S --first=k --programs=1.
//
//===----------------------------------------------------------------------===//
#include "Checker.h"
#include "Generator.h"

#include "vmapc/Reference/Evaluator.h"
#include "vmapc/Support/Npy.h"

#include "dialect/VmapcDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/ADT/bit.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/InitLLVM.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <chrono>
#include <cmath>
#include <map>
#include <random>

using namespace vmapc;
using namespace vmapc::difftest;
using llvm::cl::opt;

static llvm::cl::OptionCategory toolOptions("vmapc-difftest options");

static opt<uint64_t> seedOpt(llvm::cl::cat(toolOptions), "seed",
                             llvm::cl::desc("Run seed"), llvm::cl::init(1));
static opt<bool> freshSeed(llvm::cl::cat(toolOptions), "fresh-seed",
                           llvm::cl::desc("Use a random seed (printed)"));
static opt<uint64_t> numPrograms(llvm::cl::cat(toolOptions), "programs",
                                 llvm::cl::desc("Number of programs"),
                                 llvm::cl::init(1000));
static opt<uint64_t> firstProgram(llvm::cl::cat(toolOptions), "first",
                                  llvm::cl::desc("Index of the first program"),
                                  llvm::cl::init(0));
static opt<unsigned>
    perModule(llvm::cl::cat(toolOptions), "per-module",
              llvm::cl::desc("Programs per JIT-compiled module"),
              llvm::cl::init(40));
static opt<double> maxSeconds(llvm::cl::cat(toolOptions), "max-seconds",
                              llvm::cl::desc("Stop starting new modules after "
                                             "this many seconds (0: no limit)"),
                              llvm::cl::init(0));
static opt<uint64_t>
    childMemory(llvm::cl::cat(toolOptions), "child-memory-mb",
                llvm::cl::desc("Address space a checked module may use, in MiB "
                               "(0: no limit; beyond it the module fails)"),
                llvm::cl::init(ChildLimits().memoryMiB));
static opt<unsigned> childSeconds(
    llvm::cl::cat(toolOptions), "child-seconds",
    llvm::cl::desc("Seconds a checked module may take (0: no limit; beyond "
                   "it the module fails)"),
    llvm::cl::init(ChildLimits().seconds));
static opt<std::string>
    saveDir(llvm::cl::cat(toolOptions), "save-failures",
            llvm::cl::desc("Write each reduced failing program as a lit test "
                           "into this directory"));
static opt<bool> noCompile(llvm::cl::cat(toolOptions), "no-compile",
                           llvm::cl::desc("Skip the JIT check (checks 1-2 "
                                          "only)"));
static opt<bool>
    chunkedOpt(llvm::cl::cat(toolOptions), "chunked",
               llvm::cl::desc("Also compile each module with a chunk_size on "
                              "every vmap (every other one parallel) and "
                              "check it (check 4 of Checker.h)"));
static opt<bool> dump(llvm::cl::cat(toolOptions), "dump",
                      llvm::cl::desc("Print every generated module"));
static opt<int> maxOps(llvm::cl::cat(toolOptions), "max-ops",
                       llvm::cl::desc("Ops per function body, at "
                                      "most"),
                       llvm::cl::init(12));
static opt<double> zeroDims(llvm::cl::cat(toolOptions), "zero-dims",
                            llvm::cl::desc("Probability of a size-0 dimension "
                                           "or batch"),
                            llvm::cl::init(0.01));
static opt<std::string> checkFile(llvm::cl::cat(toolOptions), "check",
                                  llvm::cl::desc("Check the public functions "
                                                 "of this .mlir file"),
                                  llvm::cl::value_desc("file"));
static opt<uint64_t> inputSeed(llvm::cl::cat(toolOptions), "input-seed",
                               llvm::cl::desc("Seed of --check's inputs"),
                               llvm::cl::init(1));

namespace {

uint64_t mix(uint64_t x) { // splitmix64
  x += 0x9e3779b97f4a7c15ull;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
  return x ^ (x >> 31);
}

std::string prefixOf(uint64_t k) { return "p" + std::to_string(k) + "_"; }

/// A generated program with its inputs.
struct Case {
  uint64_t index;
  Program program;
  std::vector<HostTensor> inputs;
};

Case makeCase(uint64_t seed, uint64_t k) {
  GeneratorOptions options;
  options.maxOps = std::max(2, maxOps.getValue());
  options.minOps = std::min(2, options.maxOps);
  options.zeroDimProbability = zeroDims;
  std::mt19937_64 rng(mix(seed ^ mix(k)));
  Case c{k, generateProgram(rng, options), {}};
  std::mt19937_64 inRng(mix(seed ^ mix(k) ^ 0x1234567ull));
  const Function &e = c.program.entryFunction();
  for (int a : e.args)
    c.inputs.push_back(
        randomInput(e.values[a].type.dtype, e.values[a].type.shape, inRng));
  return c;
}

Entry entryOf(const Case &c) {
  return Entry{c.program.entryName(prefixOf(c.index)), c.inputs,
               c.program.tolerances};
}

std::string moduleOf(const std::vector<const Case *> &cases) {
  std::string s = "module {\n";
  for (const Case *c : cases)
    s += c->program.emit(prefixOf(c->index));
  return s + "}\n";
}

ChildLimits childLimits() { return {childMemory, childSeconds}; }

std::vector<Failure> checkOne(const Case &c) {
  return checkModuleIsolated(moduleOf({&c}), {entryOf(c)}, !noCompile,
                             childLimits(), chunkedOpt);
}

/// An f64 attribute's text; inf and NaN in the hexadecimal form the MLIR
/// parser accepts (it rejects `inf`).
std::string f64Attr(double v) {
  char buf[64];
  if (std::isfinite(v))
    snprintf(buf, sizeof(buf), "%.17e : f64", v);
  else
    snprintf(buf, sizeof(buf), "0x%016llX : f64",
             static_cast<unsigned long long>(llvm::bit_cast<uint64_t>(v)));
  return buf;
}

/// The attribute text recording the tolerances in a saved test.
std::string toleranceAttributes(const Program &p) {
  std::string rtol = "difftest.rtol = [", scale = "difftest.scale = [";
  for (size_t i = 0; i < p.tolerances.size(); ++i) {
    std::string sep = i ? ", " : "";
    rtol += sep + f64Attr(p.tolerances[i].rtol);
    scale += sep + f64Attr(p.tolerances[i].scale);
  }
  return rtol + "], " + scale + "]";
}

/// Greedy reduction: take the first candidate that still fails at the same
/// stage, until none does.
Case reduce(Case c, Stage stage) {
  for (int round = 0; round < 200; ++round) {
    bool progressed = false;
    for (Program &candidate : reductionCandidates(c.program)) {
      Case trial{c.index, std::move(candidate), c.inputs};
      std::vector<Failure> f = checkOne(trial);
      if (!f.empty() && f.front().stage == stage) {
        c = std::move(trial);
        progressed = true;
        break;
      }
    }
    if (!progressed)
      break;
  }
  return c;
}

/// Reports (and saves) one failing program.
void report(const Case &c, const Failure &failure, uint64_t seed) {
  Case reduced = reduce(c, failure.stage);
  std::vector<Failure> after = checkOne(reduced);
  const Failure &shown = after.empty() ? failure : after.front();
  Program p = reduced.program;
  p.entryAttributes = toleranceAttributes(p);
  std::string text = "// RUN: vmapc-difftest --check %s --input-seed=" +
                     std::to_string(mix(seed ^ mix(c.index))) + "\n";
  text += "//\n// Found by vmapc-difftest --seed=" + std::to_string(seed) +
          " --first=" + std::to_string(c.index) +
          " --programs=1 and reduced.\n// Failed: " + stageName(shown.stage) +
          ": " + shown.message.substr(0, 300) + "\n";
  text += "module {\n" + p.emit(prefixOf(c.index)) + "}\n";
  llvm::errs() << "FAIL program " << c.index << " (" << stageName(failure.stage)
               << "): " << failure.message << "\nreduced ("
               << reduced.program.numOps() << " ops):\n"
               << text << "\n";
  if (!saveDir.empty()) {
    llvm::sys::fs::create_directories(saveDir);
    std::string path = saveDir + "/difftest-s" + std::to_string(seed) + "-p" +
                       std::to_string(c.index) + ".mlir";
    std::error_code ec;
    llvm::raw_fd_ostream os(path, ec);
    if (!ec) {
      os << text;
      llvm::errs() << "saved " << path << "\n";
    } else {
      llvm::errs() << "cannot write " << path << ": " << ec.message() << "\n";
    }
  }
}

int runGenerated() {
  uint64_t seed = seedOpt;
  if (freshSeed)
    seed =
        (uint64_t(std::random_device{}()) << 32) ^ std::random_device{}() ^
        uint64_t(std::chrono::steady_clock::now().time_since_epoch().count());
  llvm::outs() << "vmapc-difftest: seed " << seed << ", " << numPrograms
               << " programs from #" << firstProgram << ", " << perModule
               << " per module\n";
  auto start = std::chrono::steady_clock::now();
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() -
                                         start)
        .count();
  };

  uint64_t checked = 0, failedPrograms = 0, ops = 0, results = 0;
  std::map<std::string, uint64_t> classes;
  uint64_t end = firstProgram + numPrograms;
  for (uint64_t k = firstProgram; k < end;) {
    if (maxSeconds > 0 && elapsed() > maxSeconds)
      break;
    std::vector<Case> cases;
    for (unsigned i = 0; i < std::max(1u, perModule.getValue()) && k < end;
         ++i, ++k)
      cases.push_back(makeCase(seed, k));
    std::vector<const Case *> ptrs;
    std::vector<Entry> entries;
    for (const Case &c : cases) {
      ptrs.push_back(&c);
      entries.push_back(entryOf(c));
      ops += c.program.numOps();
      for (const Tolerance &t : c.program.tolerances) {
        ++classes[opClassName(t.cls)];
        ++results;
      }
    }
    std::string source = moduleOf(ptrs);
    if (dump)
      llvm::outs() << source;
    std::vector<Failure> failures = checkModuleIsolated(
        source, entries, !noCompile, childLimits(), chunkedOpt);
    checked += cases.size();
    if (failures.empty())
      continue;
    // Find the failing programs one by one (a module-level failure hides
    // which program caused it).
    for (const Case &c : cases) {
      std::vector<Failure> own = checkOne(c);
      if (own.empty())
        continue;
      ++failedPrograms;
      report(c, own.front(), seed);
    }
  }
  llvm::outs() << "vmapc-difftest: " << checked << " programs (" << ops
               << " ops, " << results << " results: ";
  bool first = true;
  for (auto &[name, n] : classes) {
    llvm::outs() << (first ? "" : ", ") << n << " " << name;
    first = false;
  }
  llvm::outs() << "), " << failedPrograms << " failed, "
               << llvm::format("%.1f", elapsed()) << " s, seed " << seed
               << "\n";
  return failedPrograms ? 1 : 0;
}

/// --check: every public function of the file, random inputs.
int runCheck() {
  auto buffer = llvm::MemoryBuffer::getFile(checkFile);
  if (!buffer) {
    llvm::errs() << "vmapc-difftest: error: cannot read '" << checkFile
                 << "': " << buffer.getError().message() << "\n";
    return 1;
  }
  std::string source = (*buffer)->getBuffer().str();
  std::vector<Entry> entries;
  {
    mlir::DialectRegistry registry;
    registry.insert<VmapcDialect, mlir::func::FuncDialect>();
    mlir::MLIRContext ctx(registry);
    ctx.allowUnregisteredDialects();
    auto module = mlir::parseSourceString<mlir::ModuleOp>(source, &ctx,
                                                          checkFile.getValue());
    if (!module) {
      // The checker reports the parse error with the others.
      std::vector<Failure> f = checkModule(source, {}, false);
      llvm::errs() << "vmapc-difftest: FAIL " << checkFile << ": "
                   << stageName(f.empty() ? Stage::Parse : f.front().stage)
                   << ": " << (f.empty() ? "" : f.front().message) << "\n";
      return 1;
    }
    std::mt19937_64 rng(inputSeed);
    for (auto func : module->getOps<mlir::func::FuncOp>()) {
      if (!func.isPublic() || func.isExternal())
        continue;
      Entry e;
      e.name = func.getSymName().str();
      for (mlir::Type t : func.getArgumentTypes()) {
        auto dtype = dtypeOfTensorType(t);
        if (!dtype) {
          llvm::errs() << "vmapc-difftest: error: " << e.name << ": "
                       << llvm::toString(dtype.takeError()) << "\n";
          return 1;
        }
        auto shape = mlir::cast<mlir::RankedTensorType>(t).getShape();
        e.inputs.push_back(randomInput(*dtype, shape.vec(), rng));
      }
      auto rtol = func->getAttrOfType<mlir::ArrayAttr>("difftest.rtol");
      auto scale = func->getAttrOfType<mlir::ArrayAttr>("difftest.scale");
      for (unsigned r = 0; r < func.getNumResults(); ++r) {
        Tolerance t;
        if (rtol && r < rtol.size())
          if (auto f = mlir::dyn_cast<mlir::FloatAttr>(rtol[r]))
            t.rtol = f.getValueAsDouble();
        if (scale && r < scale.size())
          if (auto f = mlir::dyn_cast<mlir::FloatAttr>(scale[r]))
            t.scale = f.getValueAsDouble();
        e.tolerances.push_back(t);
      }
      entries.push_back(std::move(e));
    }
  }
  // A regression file that checks nothing must not pass.
  if (entries.empty()) {
    llvm::errs() << "vmapc-difftest: error: " << checkFile
                 << " has no public function to check\n";
    return 1;
  }
  std::vector<Failure> failures =
      checkModule(source, entries, !noCompile, chunkedOpt);
  for (const Failure &f : failures)
    llvm::errs() << "vmapc-difftest: FAIL " << checkFile
                 << (f.entry.empty() ? "" : " @" + f.entry) << ": "
                 << stageName(f.stage) << ": " << f.message << "\n";
  if (failures.empty())
    llvm::outs() << "vmapc-difftest: " << entries.size()
                 << " function(s) pass\n";
  return failures.empty() ? 0 : 1;
}

} // namespace

int main(int argc, char **argv) {
  llvm::InitLLVM init(argc, argv);
  llvm::cl::HideUnrelatedOptions(toolOptions);
  llvm::cl::ParseCommandLineOptions(argc, argv, "vmapc differential tester\n");
  return checkFile.empty() ? runGenerated() : runCheck();
}
