//===- EdgeCasesTest.cpp - Inputs users hit at the edges --------*- C++ -*-===//
//
// Each case runs one small program three ways (reference evaluator on the
// looped module, reference evaluator after --vmapc-batch, JIT-compiled) and
// checks the documented behaviour (docs/reliability.md, "Edge cases"):
//  - axis size 1 and 0: a batch of one is the function applied once; an
//    empty batch gives empty results (no call of the callee happens);
//  - rank-0 operands, mapped (a vector of scalars) and unmapped;
//  - the mapped axis written as the last axis (-1 and rank);
//  - a very large batch runs as one batched kernel: memory use is the
//    inputs and outputs, nothing per lane;
//  - NaN and +-Inf inputs give IEEE results (NaN-propagating max/min, exp of
//    -inf is 0, log of 0 is -inf, ...) and raise no trap.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Reference/Evaluator.h"
#include "vmapc/Runtime/Jit.h"
#include "vmapc/Support/Npy.h"
#include "vmapc/Transforms/Passes.h"

#include "dialect/VmapcDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "mlir/Pass/PassManager.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <sys/resource.h>

namespace {

using vmapc::DType;
using vmapc::HostTensor;

/// The three evaluations of `entry` in `source` on `inputs`.
struct Results {
  std::vector<HostTensor> looped, batched, compiled;
};

Results runAllWays(const std::string &source, const std::string &entry,
                   const std::vector<HostTensor> &inputs) {
  Results r;
  mlir::DialectRegistry registry;
  registry.insert<vmapc::VmapcDialect, mlir::func::FuncDialect>();
  mlir::MLIRContext ctx(registry);
  auto module = mlir::parseSourceString<mlir::ModuleOp>(source, &ctx);
  EXPECT_TRUE(module);
  if (!module)
    return r;
  auto looped = vmapc::evaluateFunction(*module, entry, inputs);
  EXPECT_TRUE(static_cast<bool>(looped)) << llvm::toString(looped.takeError());
  if (looped)
    r.looped = std::move(*looped);

  mlir::OwningOpRef<mlir::ModuleOp> batched(
      mlir::cast<mlir::ModuleOp>((*module)->clone()));
  mlir::PassManager pm(&ctx);
  pm.addPass(vmapc::createVmapcBatch());
  EXPECT_TRUE(mlir::succeeded(pm.run(*batched)));
  auto bat = vmapc::evaluateFunction(*batched, entry, inputs);
  EXPECT_TRUE(static_cast<bool>(bat)) << llvm::toString(bat.takeError());
  if (bat)
    r.batched = std::move(*bat);

  auto compiled = vmapc::CompiledModule::compileSource(source, "edge");
  EXPECT_TRUE(static_cast<bool>(compiled))
      << llvm::toString(compiled.takeError());
  if (!compiled)
    return r;
  std::vector<vmapc::TensorRef> refs(inputs.begin(), inputs.end());
  auto out = (*compiled)->invoke(entry, refs);
  EXPECT_TRUE(static_cast<bool>(out)) << llvm::toString(out.takeError());
  if (out)
    r.compiled = std::move(*out);
  return r;
}

HostTensor f32(std::vector<int64_t> shape, std::vector<float> values) {
  HostTensor t(DType::F32, std::move(shape));
  for (size_t i = 0; i < values.size(); ++i)
    t.data<float>()[i] = values[i];
  return t;
}

/// Bitwise-equal NaNs aside, the same values (float compare: -0 == 0).
void expectSame(const HostTensor &a, const HostTensor &b, const char *what) {
  ASSERT_EQ(a.dtype(), b.dtype()) << what;
  ASSERT_EQ(a.shape(), b.shape()) << what;
  for (int64_t i = 0; i < a.numElements(); ++i) {
    double x = a.getDouble(i), y = b.getDouble(i);
    if (std::isnan(x) || std::isnan(y))
      EXPECT_TRUE(std::isnan(x) && std::isnan(y))
          << what << " element " << i << ": " << x << " vs " << y;
    else
      EXPECT_EQ(x, y) << what << " element " << i;
  }
}

void expectAllAgree(const Results &r) {
  ASSERT_EQ(r.looped.size(), r.batched.size());
  ASSERT_EQ(r.looped.size(), r.compiled.size());
  for (size_t i = 0; i < r.looped.size(); ++i) {
    expectSame(r.looped[i], r.batched[i], "batched vs looped");
    expectSame(r.looped[i], r.compiled[i], "compiled vs looped");
  }
}

const char *kAffine = R"(
func.func private @affine(%x: tensor<3xf32>, %b: tensor<3xf32>) -> tensor<3xf32> {
  %0 = "vmapc.mul"(%x, %x) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  %1 = "vmapc.add"(%0, %b) : (tensor<3xf32>, tensor<3xf32>) -> tensor<3xf32>
  "func.return"(%1) : (tensor<3xf32>) -> ()
}
)";

TEST(EdgeCases, AxisSizeOne) {
  std::string src = std::string(kAffine) + R"(
func.func @f(%x: tensor<1x3xf32>, %b: tensor<3xf32>) -> tensor<3x1xf32> {
  %0 = "vmapc.vmap"(%x, %b) {callee = @affine, in_axes = [0 : i64, unit], out_axes = [1 : i64]} : (tensor<1x3xf32>, tensor<3xf32>) -> tensor<3x1xf32>
  "func.return"(%0) : (tensor<3x1xf32>) -> ()
})";
  Results r =
      runAllWays(src, "f", {f32({1, 3}, {1, 2, 3}), f32({3}, {1, 1, 1})});
  expectAllAgree(r);
  ASSERT_EQ(r.compiled.size(), 1u);
  EXPECT_EQ(r.compiled[0].shape(), (std::vector<int64_t>{3, 1}));
  EXPECT_EQ(r.compiled[0].data<float>()[2], 10.0f);
}

TEST(EdgeCases, AxisSizeZero) {
  // An empty batch: every result is empty; the callee is never called.
  std::string src = std::string(kAffine) + R"(
func.func @f(%x: tensor<0x3xf32>, %b: tensor<3xf32>) -> tensor<0x3xf32> {
  %0 = "vmapc.vmap"(%x, %b) {callee = @affine, in_axes = [0 : i64, unit], out_axes = [0 : i64]} : (tensor<0x3xf32>, tensor<3xf32>) -> tensor<0x3xf32>
  "func.return"(%0) : (tensor<0x3xf32>) -> ()
})";
  Results r = runAllWays(src, "f", {f32({0, 3}, {}), f32({3}, {1, 2, 3})});
  expectAllAgree(r);
  ASSERT_EQ(r.compiled.size(), 1u);
  EXPECT_EQ(r.compiled[0].numElements(), 0);
}

TEST(EdgeCases, RankZeroOperands) {
  // Scalars mapped over a vector, and a scalar passed whole.
  std::string src = R"(
func.func private @g(%x: tensor<f64>, %s: tensor<f64>) -> tensor<f64> {
  %0 = "vmapc.mul"(%x, %s) : (tensor<f64>, tensor<f64>) -> tensor<f64>
  %1 = "vmapc.exp"(%0) : (tensor<f64>) -> tensor<f64>
  "func.return"(%1) : (tensor<f64>) -> ()
}
func.func @f(%x: tensor<4xf64>, %s: tensor<f64>) -> tensor<4xf64> {
  %0 = "vmapc.vmap"(%x, %s) {callee = @g, in_axes = [-1 : i64, unit], out_axes = [-1 : i64]} : (tensor<4xf64>, tensor<f64>) -> tensor<4xf64>
  "func.return"(%0) : (tensor<4xf64>) -> ()
})";
  HostTensor x(DType::F64, {4}), s(DType::F64, {});
  for (int i = 0; i < 4; ++i)
    x.data<double>()[i] = i - 1.5;
  s.data<double>()[0] = 0.5;
  Results r = runAllWays(src, "f", {x, s});
  ASSERT_EQ(r.compiled.size(), 1u);
  expectSame(r.looped[0], r.batched[0], "batched vs looped");
  // exp on f64 is a libm call in compiled code: within a few ulp.
  for (int i = 0; i < 4; ++i)
    EXPECT_NEAR(r.compiled[0].data<double>()[i], std::exp((i - 1.5) * 0.5),
                1e-15);
}

TEST(EdgeCases, MappedAxisIsLastAxis) {
  // in_axes -1 and 2 name the same (last) axis of a rank-3 operand.
  std::string src = R"(
func.func private @rowsum(%m: tensor<2x3xi32>) -> tensor<2xi32> {
  %0 = "vmapc.reduce"(%m) {dimensions = array<i64: 1>, kind = "sum"} : (tensor<2x3xi32>) -> tensor<2xi32>
  "func.return"(%0) : (tensor<2xi32>) -> ()
}
func.func @neg(%m: tensor<2x3x4xi32>) -> tensor<2x4xi32> {
  %0 = "vmapc.vmap"(%m) {callee = @rowsum, in_axes = [-1 : i64], out_axes = [-1 : i64]} : (tensor<2x3x4xi32>) -> tensor<2x4xi32>
  "func.return"(%0) : (tensor<2x4xi32>) -> ()
}
func.func @pos(%m: tensor<2x3x4xi32>) -> tensor<2x4xi32> {
  %0 = "vmapc.vmap"(%m) {callee = @rowsum, in_axes = [2 : i64], out_axes = [1 : i64]} : (tensor<2x3x4xi32>) -> tensor<2x4xi32>
  "func.return"(%0) : (tensor<2x4xi32>) -> ()
})";
  HostTensor m(DType::I32, {2, 3, 4});
  for (int i = 0; i < 24; ++i)
    m.data<int32_t>()[i] = i;
  Results neg = runAllWays(src, "neg", {m});
  Results pos = runAllWays(src, "pos", {m});
  expectAllAgree(neg);
  expectAllAgree(pos);
  ASSERT_EQ(neg.compiled.size(), 1u);
  expectSame(neg.compiled[0], pos.compiled[0], "-1 vs 2");
  // out[i][b] = sum_j m[i][j][b]: out[1][3] = 15 + 19 + 23.
  EXPECT_EQ(neg.compiled[0].data<int32_t>()[1 * 4 + 3], 57);
}

long maxRssKiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

TEST(EdgeCases, VeryLargeBatchHasNoPerLaneMemory) {
  // 2^22 lanes of a 4-element function: 64 MiB in, 64 MiB out. Anything
  // allocated per lane (a call frame's buffer, a temporary) would add at
  // least another 64 MiB; the kernel must stay within in + out + slack.
  constexpr int64_t kLanes = int64_t(1) << 22;
  std::string src = R"(
func.func private @g(%x: tensor<4xf32>) -> tensor<4xf32> {
  %c = "vmapc.constant"() {value = dense<[1.0, 2.0, 3.0, 4.0]> : tensor<4xf32>} : () -> tensor<4xf32>
  %0 = "vmapc.mul"(%x, %c) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  %1 = "vmapc.add"(%0, %x) : (tensor<4xf32>, tensor<4xf32>) -> tensor<4xf32>
  "func.return"(%1) : (tensor<4xf32>) -> ()
}
func.func @f(%x: tensor<4194304x4xf32>) -> tensor<4194304x4xf32> {
  %0 = "vmapc.vmap"(%x) {callee = @g, in_axes = [0 : i64], out_axes = [0 : i64]} : (tensor<4194304x4xf32>) -> tensor<4194304x4xf32>
  "func.return"(%0) : (tensor<4194304x4xf32>) -> ()
})";
  auto compiled = vmapc::CompiledModule::compileSource(src, "large");
  ASSERT_TRUE(static_cast<bool>(compiled))
      << llvm::toString(compiled.takeError());
  HostTensor x(DType::F32, {kLanes, 4}), y(DType::F32, {kLanes, 4});
  for (int64_t i = 0; i < kLanes * 4; ++i)
    x.data<float>()[i] = float(i % 1000);
  // Touch the output so its pages count before the baseline.
  std::memset(y.rawData(), 1, y.sizeInBytes());
  long before = maxRssKiB();
  vmapc::TensorRef in(x), out(y);
  llvm::Error err = (*compiled)->invoke("f", {in}, {out});
  ASSERT_FALSE(static_cast<bool>(err)) << llvm::toString(std::move(err));
  long grewKiB = maxRssKiB() - before;
  EXPECT_LT(grewKiB, 32 * 1024) << "the kernel allocated per lane";
  for (int64_t lane : {int64_t(0), kLanes / 3, kLanes - 1})
    for (int64_t j = 0; j < 4; ++j) {
      float v = float((lane * 4 + j) % 1000);
      EXPECT_EQ(y.data<float>()[lane * 4 + j], v * float(j + 1) + v);
    }
}

TEST(EdgeCases, NanAndInfInputs) {
  // Every float op on NaN, +-Inf, +-0 and a normal value; compiled code
  // gives the reference's IEEE results (approximated exp/log/tanh
  // included) and the process gets no signal.
  std::string src = R"(
func.func private @g(%x: tensor<f32>, %y: tensor<f32>) -> (tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<i1>) {
  %add = "vmapc.add"(%x, %y) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  %div = "vmapc.div"(%x, %y) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  %max = "vmapc.max"(%x, %y) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  %min = "vmapc.min"(%x, %y) : (tensor<f32>, tensor<f32>) -> tensor<f32>
  %exp = "vmapc.exp"(%x) : (tensor<f32>) -> tensor<f32>
  %log = "vmapc.log"(%x) : (tensor<f32>) -> tensor<f32>
  %tanh = "vmapc.tanh"(%x) : (tensor<f32>) -> tensor<f32>
  %sqrt = "vmapc.sqrt"(%x) : (tensor<f32>) -> tensor<f32>
  %lgt = "vmapc.logistic"(%x) : (tensor<f32>) -> tensor<f32>
  %abs = "vmapc.abs"(%x) : (tensor<f32>) -> tensor<f32>
  %ne = "vmapc.compare"(%x, %x) {predicate = "ne"} : (tensor<f32>, tensor<f32>) -> tensor<i1>
  "func.return"(%add, %div, %max, %min, %exp, %log, %tanh, %sqrt, %lgt, %abs, %ne) : (tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<f32>, tensor<i1>) -> ()
}
func.func @f(%x: tensor<8xf32>, %y: tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xi1>) {
  %0:11 = "vmapc.vmap"(%x, %y) {callee = @g, in_axes = [0 : i64, 0 : i64], out_axes = [0 : i64, 0 : i64, 0 : i64, 0 : i64, 0 : i64, 0 : i64, 0 : i64, 0 : i64, 0 : i64, 0 : i64, 0 : i64]} : (tensor<8xf32>, tensor<8xf32>) -> (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xi1>)
  "func.return"(%0#0, %0#1, %0#2, %0#3, %0#4, %0#5, %0#6, %0#7, %0#8, %0#9, %0#10) : (tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xf32>, tensor<8xi1>) -> ()
})";
  const float nan = std::numeric_limits<float>::quiet_NaN();
  const float inf = std::numeric_limits<float>::infinity();
  HostTensor x = f32({8}, {nan, inf, -inf, 0.0f, -0.0f, 1.5f, inf, -1.0f});
  HostTensor y = f32({8}, {1.0f, inf, 2.0f, 0.0f, nan, -inf, -inf, 0.0f});
  Results r = runAllWays(src, "f", {x, y});
  ASSERT_EQ(r.compiled.size(), 11u);
  for (size_t i = 0; i < 11; ++i)
    expectSame(r.looped[i], r.batched[i], "batched vs looped");
  // Exactly-rounded ops and the special values of approximated ones are
  // exact; the finite approximated values (exp/log/tanh/logistic of 1.5
  // and -1) are compared within 1e-6.
  for (size_t i = 0; i < 11; ++i) {
    for (int64_t e = 0; e < 8; ++e) {
      double want = r.looped[i].getDouble(e), got = r.compiled[i].getDouble(e);
      SCOPED_TRACE("result " + std::to_string(i) + " element " +
                   std::to_string(e));
      if (std::isnan(want)) {
        EXPECT_TRUE(std::isnan(got)) << got;
      } else if (std::isinf(want) || want == 0) {
        EXPECT_EQ(want, got);
      } else {
        EXPECT_NEAR(want, got, 1e-6 * std::fabs(want));
      }
    }
  }
  // Spot checks of the IEEE answers themselves.
  auto at = [&](size_t result, int64_t e) {
    return r.compiled[result].getDouble(e);
  };
  EXPECT_TRUE(std::isnan(at(0, 6))); // inf + -inf
  EXPECT_TRUE(std::isnan(at(1, 3))); // 0 / 0
  EXPECT_EQ(at(1, 7), -inf);         // -1 / 0
  EXPECT_TRUE(std::isnan(at(2, 0))); // max(nan, 1) propagates NaN
  EXPECT_TRUE(std::isnan(at(3, 4))); // min(-0, nan)
  EXPECT_EQ(at(4, 2), 0.0);          // exp(-inf)
  EXPECT_EQ(at(4, 1), inf);          // exp(inf)
  EXPECT_EQ(at(5, 3), -inf);         // log(0)
  EXPECT_TRUE(std::isnan(at(5, 7))); // log(-1)
  EXPECT_EQ(at(6, 2), -1.0);         // tanh(-inf)
  EXPECT_TRUE(std::isnan(at(7, 7))); // sqrt(-1)
  EXPECT_EQ(at(8, 1), 1.0);          // logistic(inf)
  EXPECT_EQ(at(10, 0), 1.0);         // nan != nan
}

} // namespace
