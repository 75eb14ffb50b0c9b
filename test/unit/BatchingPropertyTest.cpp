//===- BatchingPropertyTest.cpp - batched == looped on random inputs ------===//
//
// The property that defines `--vmapc-batch`: for every function of the
// corpus (test/unit/Inputs/batching/*.mlir, entry point @main) and random
// inputs X,
//   eval(module after --vmapc-batch)(X) == eval(module before)(X),
// where the reference evaluator runs each `vmapc.vmap` of the original module
// as a loop over the mapped axis (one callee call per slice, results
// stacked), i.e. by its definition. A second test checks that the corpus
// really covers every vmapc op and every in_axes / out_axes form, so the
// property cannot pass vacuously.
//
//===----------------------------------------------------------------------===//
#include "BatchingTestUtil.h"

#include "vmapc/Transforms/Passes.h"

#include "dialect/VmapcDialect.h"
#include "dialect/VmapcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/SourceMgr.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <random>
#include <set>
#include <string>
#include <vector>

namespace {

using vmapc::HostTensor;
using vmapc::test::closeEnough;
using vmapc::test::randomTensor;
using Harness = vmapc::test::BatchingHarness;

/// Random inputs per case: several seeds, so a rule that is right only for
/// some values (a wrong clamp, a misplaced batch dim on a symmetric input)
/// is caught.
constexpr unsigned kSeedsPerCase = 3;

std::vector<std::string> corpusFiles() {
  std::vector<std::string> files;
  std::error_code ec;
  for (const auto &entry :
       std::filesystem::directory_iterator(VMAPC_BATCHING_CORPUS_DIR, ec))
    if (entry.path().extension() == ".mlir")
      files.push_back(entry.path().string());
  std::sort(files.begin(), files.end());
  return files;
}

std::string caseName(const std::string &path) {
  std::string stem = std::filesystem::path(path).stem().string();
  for (char &c : stem)
    if (!std::isalnum(static_cast<unsigned char>(c)))
      c = '_';
  return stem;
}

class BatchingProperty : public ::testing::TestWithParam<std::string> {};

TEST_P(BatchingProperty, BatchedEqualsLooped) {
  Harness h;
  mlir::OwningOpRef<mlir::ModuleOp> original = h.parse(GetParam());
  ASSERT_TRUE(original) << "cannot parse " << GetParam() << ":\n"
                        << h.diagnostics;
  auto main = original->lookupSymbol<mlir::func::FuncOp>("main");
  ASSERT_TRUE(main) << GetParam() << " has no @main";
  bool hasVmap = false;
  original->walk([&](vmapc::VmapOp) { hasVmap = true; });
  ASSERT_TRUE(hasVmap) << GetParam() << " has no vmapc.vmap to batch";

  mlir::OwningOpRef<mlir::ModuleOp> batched = original->clone();
  mlir::PassManager pm(&h.context);
  pm.addPass(vmapc::createVmapcBatch());
  ASSERT_TRUE(mlir::succeeded(pm.run(*batched)))
      << "--vmapc-batch failed on " << GetParam() << ":\n"
      << h.diagnostics;
  unsigned remaining = 0;
  batched->walk([&](vmapc::VmapOp) { ++remaining; });
  ASSERT_EQ(remaining, 0u) << "vmaps left after --vmapc-batch";

  for (unsigned seed = 0; seed < kSeedsPerCase; ++seed) {
    std::mt19937 rng(seed * 7919 + 17);
    std::vector<HostTensor> args;
    for (mlir::Type type : main.getFunctionType().getInputs())
      args.push_back(randomTensor(type, rng));

    auto looped = vmapc::evaluateFunction(*original, "main", args);
    ASSERT_TRUE(static_cast<bool>(looped))
        << "reference evaluation failed: "
        << llvm::toString(looped.takeError());
    auto fast = vmapc::evaluateFunction(*batched, "main", args);
    ASSERT_TRUE(static_cast<bool>(fast))
        << "evaluation of the batched module failed: "
        << llvm::toString(fast.takeError());
    ASSERT_EQ(looped->size(), fast->size());
    for (size_t i = 0; i < looped->size(); ++i)
      EXPECT_TRUE(closeEnough((*looped)[i], (*fast)[i]))
          << "result " << i << ", seed " << seed << ", inputs:\n"
          << [&] {
               std::string s;
               for (const HostTensor &a : args)
                 s += "  " + vmapc::formatTensor(a) + "\n";
               return s;
             }();
  }
}

INSTANTIATE_TEST_SUITE_P(Corpus, BatchingProperty,
                         ::testing::ValuesIn(corpusFiles()),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                           return caseName(info.param);
                         });

/// The corpus must exercise every op of the dialect and every axis form,
/// or the property above proves little.
TEST(BatchingCorpus, CoversEveryOpAndAxisForm) {
  Harness h;
  std::vector<std::string> files = corpusFiles();
  EXPECT_GE(files.size(), 30u);

  std::set<std::string> seenOps;
  bool inZero = false, inPositive = false, inNegative = false, inNone = false;
  bool outZero = false, outPositive = false, outNegative = false,
       outNone = false;
  bool axisSizeOnly = false, nested = false, callInside = false;
  for (const std::string &file : files) {
    mlir::OwningOpRef<mlir::ModuleOp> module = h.parse(file);
    ASSERT_TRUE(module) << "cannot parse " << file << ":\n" << h.diagnostics;
    std::set<std::string> callees;
    module->walk([&](mlir::Operation *op) {
      seenOps.insert(op->getName().getStringRef().str());
      auto vmap = mlir::dyn_cast<vmapc::VmapOp>(op);
      if (!vmap)
        return;
      callees.insert(vmap.getCallee().str());
      bool anyMapped = false;
      for (mlir::Attribute a : vmap.getInAxes()) {
        auto i = mlir::dyn_cast<mlir::IntegerAttr>(a);
        inNone |= !i;
        anyMapped |= static_cast<bool>(i);
        inZero |= i && i.getInt() == 0;
        inPositive |= i && i.getInt() > 0;
        inNegative |= i && i.getInt() < 0;
      }
      for (mlir::Attribute a : vmap.getOutAxes()) {
        auto i = mlir::dyn_cast<mlir::IntegerAttr>(a);
        outNone |= !i;
        outZero |= i && i.getInt() == 0;
        outPositive |= i && i.getInt() > 0;
        outNegative |= i && i.getInt() < 0;
      }
      axisSizeOnly |= !anyMapped && vmap.getAxisSize().has_value();
    });
    // Nested vmap / call inside: a vmap callee whose body has a vmap / call.
    for (const std::string &name : callees) {
      auto callee = module->lookupSymbol<mlir::func::FuncOp>(name);
      if (!callee)
        continue;
      callee.walk([&](vmapc::VmapOp) { nested = true; });
      callee.walk([&](mlir::func::CallOp) { callInside = true; });
    }
  }

  // pmap and the collectives are the exception: the reference evaluator
  // defines vmap one example at a time, which a collective over the vmap's
  // axis is not (DslCollectiveTest and test/Batching/collectives.mlir
  // check their batching instead).
  const std::set<std::string> namedAxisOps = {"vmapc.pmap", "vmapc.psum",
                                              "vmapc.pmean", "vmapc.pmax",
                                              "vmapc.all_gather"};
  for (mlir::RegisteredOperationName name : h.context.getRegisteredOperations())
    if (name.getDialectNamespace() == "vmapc" &&
        !namedAxisOps.count(name.getStringRef().str()))
      EXPECT_TRUE(seenOps.count(name.getStringRef().str()))
          << "no corpus function uses " << name.getStringRef().str();
  EXPECT_TRUE(inZero && inPositive && inNegative && inNone)
      << "in_axes forms missing";
  EXPECT_TRUE(outZero && outPositive && outNegative && outNone)
      << "out_axes forms missing";
  EXPECT_TRUE(axisSizeOnly) << "no vmap with axis_size and no mapped operand";
  EXPECT_TRUE(nested) << "no nested vmap";
  EXPECT_TRUE(callInside) << "no func.call inside a vmapped function";
}

} // namespace
