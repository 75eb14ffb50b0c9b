//===- BatchingRandomAxesTest.cpp - every function, random vmap axes ------===//
//
// The batching property again, but with the vmaps generated: every function
// of the batching corpus and of the batching lit tests is wrapped in a
// `vmapc.vmap` with random in_axes (each argument mapped at a random
// position, written positive or negative, or not mapped) and random
// out_axes, then the wrapper is evaluated looped (the reference evaluator's
// definition of vmap) and after --vmapc-batch, on random inputs. Where the
// hand-written corpus fixes one axis per case, this reaches every rule with
// its batch dim at every position and every mix of mapped and unmapped
// operands.
//
//===----------------------------------------------------------------------===//
#include "BatchingTestUtil.h"

#include "vmapc/Transforms/Passes.h"

#include "dialect/VmapcDialect.h"
#include "dialect/VmapcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

namespace {

using vmapc::HostTensor;
using vmapc::test::closeEnough;
using vmapc::test::randomTensor;

/// Random vmaps per function.
constexpr unsigned kTrialsPerFunction = 12;
/// The batch size of the generated vmaps: small, but not 1, so that a
/// misplaced batch dim changes the result.
constexpr int64_t kBatch = 3;

/// Files with collectives (psum, ... over a vmap's axis_name) or pmaps:
/// their functions mean something only inside the maps that name their
/// axes, not wrapped in the unnamed vmaps generated here; and the reference
/// evaluator runs a vmap one example at a time, which a collective is not.
/// DslCollectiveTest checks them against float64 loops instead.
bool usesNamedAxes(const std::filesystem::path &path) {
  std::ifstream in(path);
  std::string text((std::istreambuf_iterator<char>(in)),
                   std::istreambuf_iterator<char>());
  return text.find("axis_name") != std::string::npos;
}

std::vector<std::string> sourceFiles() {
  std::vector<std::string> files;
  for (const char *dir : {VMAPC_BATCHING_CORPUS_DIR, VMAPC_BATCHING_LIT_DIR}) {
    std::error_code ec;
    for (const auto &entry : std::filesystem::directory_iterator(dir, ec))
      if (entry.path().extension() == ".mlir" &&
          entry.path().stem() != "errors" && !usesNamedAxes(entry.path()))
        files.push_back(entry.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::string caseName(const std::string &path) {
  std::filesystem::path p(path);
  std::string name =
      p.parent_path().filename().string() + "_" + p.stem().string();
  for (char &c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)))
      c = '_';
  return name;
}

/// True when every argument and result of `func` is a static tensor, so it
/// can be the callee of a vmap.
bool isVmappable(mlir::func::FuncOp func) {
  if (func.isExternal())
    return false;
  mlir::FunctionType type = func.getFunctionType();
  auto ok = [](mlir::Type t) {
    auto tensor = mlir::dyn_cast<mlir::RankedTensorType>(t);
    return tensor && tensor.hasStaticShape();
  };
  return llvm::all_of(type.getInputs(), ok) &&
         llvm::all_of(type.getResults(), ok);
}

mlir::RankedTensorType insertDim(mlir::Type type, int64_t dim) {
  auto tensor = mlir::cast<mlir::RankedTensorType>(type);
  std::vector<int64_t> shape = tensor.getShape().vec();
  shape.insert(shape.begin() + dim, kBatch);
  return mlir::RankedTensorType::get(shape, tensor.getElementType());
}

/// Adds `@wrapper` to `module`: a vmap of `callee` with random axes, and
/// describes the axes in `description`.
void addRandomVmap(mlir::ModuleOp module, mlir::func::FuncOp callee,
                   std::mt19937 &rng, std::string &description) {
  mlir::OpBuilder b(module.getContext());
  mlir::FunctionType type = callee.getFunctionType();
  std::bernoulli_distribution unmapped(0.3), negative(0.4);
  llvm::raw_string_ostream os(description);
  os << "@" << callee.getSymName() << " in_axes [";

  llvm::SmallVector<mlir::Attribute> inAxes, outAxes;
  llvm::SmallVector<mlir::Type> argTypes, resultTypes;
  bool anyMapped = false;
  for (mlir::Type arg : type.getInputs()) {
    int64_t rank = mlir::cast<mlir::RankedTensorType>(arg).getRank();
    if (unmapped(rng)) {
      inAxes.push_back(b.getUnitAttr());
      argTypes.push_back(arg);
      os << "none ";
      continue;
    }
    int64_t axis = std::uniform_int_distribution<int64_t>(0, rank)(rng);
    argTypes.push_back(insertDim(arg, axis));
    int64_t written = negative(rng) ? axis - (rank + 1) : axis;
    inAxes.push_back(b.getI64IntegerAttr(written));
    anyMapped = true;
    os << written << " ";
  }
  os << "] out_axes [";
  for (mlir::Type result : type.getResults()) {
    int64_t rank = mlir::cast<mlir::RankedTensorType>(result).getRank();
    int64_t axis = std::uniform_int_distribution<int64_t>(0, rank)(rng);
    resultTypes.push_back(insertDim(result, axis));
    int64_t written = negative(rng) ? axis - (rank + 1) : axis;
    outAxes.push_back(b.getI64IntegerAttr(written));
    os << written << " ";
  }
  os << "]";

  b.setInsertionPointToEnd(module.getBody());
  auto wrapper = mlir::func::FuncOp::create(
      b, callee.getLoc(), "wrapper", b.getFunctionType(argTypes, resultTypes));
  mlir::Block *entry = wrapper.addEntryBlock();
  b.setInsertionPointToEnd(entry);
  auto vmap = vmapc::VmapOp::create(
      b, callee.getLoc(), resultTypes, callee.getSymName(),
      llvm::SmallVector<mlir::Value>(entry->getArguments()),
      b.getArrayAttr(inAxes), b.getArrayAttr(outAxes),
      anyMapped ? nullptr : b.getI64IntegerAttr(kBatch),
      /*chunk_size=*/nullptr, /*parallel=*/false, /*axis_name=*/nullptr);
  mlir::func::ReturnOp::create(b, callee.getLoc(), vmap.getResults());
}

class BatchingRandomAxes : public ::testing::TestWithParam<std::string> {};

TEST_P(BatchingRandomAxes, BatchedEqualsLooped) {
  vmapc::test::BatchingHarness h;
  mlir::MLIRContext &context = h.context;
  const std::string &diagnostics = h.diagnostics;
  mlir::OwningOpRef<mlir::ModuleOp> source = h.parse(GetParam());
  ASSERT_TRUE(source) << "cannot parse " << GetParam() << ":\n" << diagnostics;
  // The reference evaluator models vmaps, not the scf/tensor chunk loops a
  // chunk_size expands to, so chunks are dropped here (they never change
  // results; vmapc-difftest --chunked checks them through the compiler).
  // Vmaps over a dynamic batch need theirs and stay: their functions take
  // `?` shapes, which are not vmapped here.
  source->walk([](vmapc::VmapOp vmap) {
    if (!mlir::ShapedType::isDynamic(vmap.getBatchSize())) {
      vmap.removeChunkSizeAttr();
      vmap.removeParallelAttr();
    }
  });

  std::vector<std::string> callees;
  for (auto func : source->getOps<mlir::func::FuncOp>())
    if (isVmappable(func))
      callees.push_back(func.getSymName().str());
  ASSERT_FALSE(callees.empty()) << GetParam() << " has no function to vmap";

  std::mt19937 rng(std::hash<std::string>{}(caseName(GetParam())) & 0xffff);
  for (const std::string &name : callees) {
    for (unsigned trial = 0; trial < kTrialsPerFunction; ++trial) {
      mlir::OwningOpRef<mlir::ModuleOp> looped = source->clone();
      std::string axes;
      addRandomVmap(*looped, looped->lookupSymbol<mlir::func::FuncOp>(name),
                    rng, axes);
      ASSERT_TRUE(mlir::succeeded(mlir::verify(*looped)))
          << "generated vmap " << axes << " is invalid:\n"
          << diagnostics;

      mlir::OwningOpRef<mlir::ModuleOp> batched = looped->clone();
      mlir::PassManager pm(&context);
      pm.addPass(vmapc::createVmapcBatch());
      ASSERT_TRUE(mlir::succeeded(pm.run(*batched)))
          << "--vmapc-batch failed on " << axes << ":\n"
          << diagnostics;

      auto wrapper = looped->lookupSymbol<mlir::func::FuncOp>("wrapper");
      std::vector<HostTensor> args;
      for (mlir::Type type : wrapper.getFunctionType().getInputs())
        args.push_back(randomTensor(type, rng));
      auto expected = vmapc::evaluateFunction(*looped, "wrapper", args);
      ASSERT_TRUE(static_cast<bool>(expected))
          << "looped evaluation of " << axes
          << " failed: " << llvm::toString(expected.takeError());
      auto actual = vmapc::evaluateFunction(*batched, "wrapper", args);
      ASSERT_TRUE(static_cast<bool>(actual))
          << "batched evaluation of " << axes
          << " failed: " << llvm::toString(actual.takeError());
      ASSERT_EQ(expected->size(), actual->size());
      for (size_t i = 0; i < expected->size(); ++i)
        EXPECT_TRUE(closeEnough((*expected)[i], (*actual)[i]))
            << "vmap " << axes << ", result " << i;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Functions, BatchingRandomAxes,
                         ::testing::ValuesIn(sourceFiles()),
                         [](const ::testing::TestParamInfo<std::string> &info) {
                           return caseName(info.param);
                         });

} // namespace
