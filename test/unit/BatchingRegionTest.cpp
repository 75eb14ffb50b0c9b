//===- BatchingRegionTest.cpp - BatchingBuilder::batchRegion --------------===//
//
// The hook that control-flow rules use to batch their regions, checked
// before any vmapc control-flow op exists: a test rule for
// scf.execute_region (a region op whose body uses values from above) batches
// its body through batchRegion, once into a scratch region to learn the
// natural result dims, then into the new op.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Transforms/Passes.h"

#include "dialect/Batching.h"
#include "dialect/VmapcDialect.h"
#include "dialect/VmapcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/SCF/IR/SCF.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <string>

namespace {

using namespace mlir;
using vmapc::BatchedValue;
using vmapc::BatchingBuilder;

/// The rule a control-flow op would have: batch the region, then build the
/// op with the result types that follow from the region's yields.
struct ExecuteRegionRule
    : vmapc::BatchingOpInterface::ExternalModel<ExecuteRegionRule,
                                                scf::ExecuteRegionOp> {
  FailureOr<SmallVector<BatchedValue>>
  batch(Operation *op, BatchingBuilder &builder,
        ArrayRef<BatchedValue> operands) const {
    auto exec = cast<scf::ExecuteRegionOp>(op);
    Region scratch;
    FailureOr<SmallVector<std::optional<int64_t>>> dims =
        builder.batchRegion(exec.getRegion(), scratch, {}, {});
    if (failed(dims))
      return failure();
    SmallVector<Type> types;
    for (auto [type, dim] : llvm::zip_equal(exec.getResultTypes(), *dims))
      types.push_back(dim ? builder.batchedType(type, *dim) : type);
    auto batched =
        scf::ExecuteRegionOp::create(builder.getBuilder(), op->getLoc(), types);
    if (failed(builder.batchRegion(exec.getRegion(), batched.getRegion(), {},
                                   *dims)))
      return failure();
    SmallVector<BatchedValue> results;
    for (auto [value, dim] : llvm::zip_equal(batched.getResults(), *dims))
      results.push_back({value, dim});
    return results;
  }
};

constexpr const char *kModule = R"mlir(
func.func @f(%x: tensor<3xf32>, %w: tensor<3xf32>) -> (tensor<3xf32>, tensor<3xf32>) {
  %r = scf.execute_region -> tensor<3xf32> {
    %e = vmapc.exp %x : tensor<3xf32>
    %s = vmapc.add %e, %w : tensor<3xf32>
    scf.yield %s : tensor<3xf32>
  }
  %u = scf.execute_region -> tensor<3xf32> {
    %n = vmapc.neg %w : tensor<3xf32>
    scf.yield %n : tensor<3xf32>
  }
  return %r, %u : tensor<3xf32>, tensor<3xf32>
}
func.func @main(%x: tensor<3x4xf32>, %w: tensor<3xf32>) -> (tensor<4x3xf32>, tensor<3xf32>) {
  %0:2 = vmapc.vmap @f(%x, %w) in_axes [1, none] out_axes [0, none]
       : (tensor<3x4xf32>, tensor<3xf32>) -> (tensor<4x3xf32>, tensor<3xf32>)
  return %0#0, %0#1 : tensor<4x3xf32>, tensor<3xf32>
}
)mlir";

struct Fixture {
  MLIRContext context;
  std::string diagnostics;
  ScopedDiagnosticHandler handler;
  OwningOpRef<ModuleOp> module;

  explicit Fixture(bool withRule)
      : context(registry()), handler(&context, [this](Diagnostic &diag) {
          llvm::raw_string_ostream os(diagnostics);
          os << diag.str() << "\n";
          for (const Diagnostic &note : diag.getNotes())
            os << "note: " << note.str() << "\n";
          return success();
        }) {
    context.loadAllAvailableDialects();
    if (withRule)
      scf::ExecuteRegionOp::attachInterface<ExecuteRegionRule>(context);
    module = parseSourceString<ModuleOp>(kModule, &context);
  }

  static DialectRegistry registry() {
    DialectRegistry registry;
    registry.insert<vmapc::VmapcDialect, func::FuncDialect, scf::SCFDialect>();
    return registry;
  }

  LogicalResult batch() {
    PassManager pm(&context);
    pm.addPass(vmapc::createVmapcBatch());
    return pm.run(*module);
  }
};

TEST(BatchingRegion, BodyUsingBatchedValuesFromAboveIsBatched) {
  Fixture f(/*withRule=*/true);
  ASSERT_TRUE(f.module) << f.diagnostics;
  ASSERT_TRUE(succeeded(f.batch())) << f.diagnostics;
  ASSERT_TRUE(succeeded(verify(*f.module)));

  auto copy = f.module->lookupSymbol<func::FuncOp>("f_batched_1_none__4");
  ASSERT_TRUE(copy) << "no batched copy of @f";
  auto regions = llvm::to_vector(copy.getOps<scf::ExecuteRegionOp>());
  ASSERT_EQ(regions.size(), 2u);

  // The first region uses the batched %x: its result and body are batched
  // at dim 1, where %x has its batch dim; %w is broadcast once inside.
  auto batchedType =
      RankedTensorType::get({3, 4}, Float32Type::get(&f.context));
  EXPECT_EQ(regions[0].getResult(0).getType(), batchedType);
  Block &body = regions[0].getRegion().front();
  auto ops = llvm::map_to_vector(
      body, [](Operation &op) { return op.getName().getStringRef().str(); });
  EXPECT_EQ(ops,
            (SmallVector<std::string>{"vmapc.exp", "vmapc.broadcast_in_dim",
                                      "vmapc.add", "scf.yield"}));
  EXPECT_EQ(body.getTerminator()->getOperand(0).getType(), batchedType);

  // The second region uses only the unbatched %w: copied unchanged.
  auto plainType = RankedTensorType::get({3}, Float32Type::get(&f.context));
  EXPECT_EQ(regions[1].getResult(0).getType(), plainType);

  // The batched copy returns the first result batched at 1, the second
  // unbatched (so out_axes = none holds).
  EXPECT_EQ(copy.getFunctionType().getResult(0), batchedType);
  EXPECT_EQ(copy.getFunctionType().getResult(1), plainType);
}

TEST(BatchingRegion, RegionOpWithoutRuleIsAnError) {
  Fixture f(/*withRule=*/false);
  ASSERT_TRUE(f.module) << f.diagnostics;
  EXPECT_TRUE(failed(f.batch()));
  EXPECT_NE(f.diagnostics.find("'scf.execute_region' op has no batching rule"),
            std::string::npos)
      << f.diagnostics;
  EXPECT_NE(f.diagnostics.find("note: while batching @f for this op"),
            std::string::npos)
      << f.diagnostics;
}

} // namespace
