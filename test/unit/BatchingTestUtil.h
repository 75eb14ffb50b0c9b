//===- BatchingTestUtil.h - Shared harness of the batching tests -*- C++
//-*-===//
//
// What the batching property tests (BatchingPropertyTest, hand-written vmaps;
// BatchingRandomAxesTest, generated ones) share: a context that collects its
// diagnostics, random inputs for a tensor type, and the comparison of a
// looped evaluation with a batched one.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_TEST_UNIT_BATCHINGTESTUTIL_H
#define VMAPC_TEST_UNIT_BATCHINGTESTUTIL_H

#include "vmapc/Reference/Evaluator.h"
#include "vmapc/Support/Npy.h"

#include "dialect/VmapcDialect.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Parser/Parser.h"
#include "llvm/Support/raw_ostream.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

namespace vmapc::test {

/// A context with the dialects the batching inputs use; diagnostics are
/// collected into `diagnostics` so a failing parse or pass says why.
struct BatchingHarness {
  mlir::MLIRContext context;
  std::string diagnostics;
  mlir::ScopedDiagnosticHandler handler;

  BatchingHarness()
      : context(makeRegistry()),
        handler(&context, [this](mlir::Diagnostic &diag) {
          llvm::raw_string_ostream os(diagnostics);
          os << diag.getLocation() << ": " << diag.str() << "\n";
          return mlir::success();
        }) {
    context.loadAllAvailableDialects();
  }

  static mlir::DialectRegistry makeRegistry() {
    mlir::DialectRegistry registry;
    registry.insert<VmapcDialect, mlir::func::FuncDialect>();
    return registry;
  }

  mlir::OwningOpRef<mlir::ModuleOp> parse(const std::string &path) {
    return mlir::parseSourceFile<mlir::ModuleOp>(path, &context);
  }
};

/// Random values of a static tensor type: floats in [-2, 2]; integers in
/// [-3, 6], so that index operands exercise the clamping of gather and
/// dynamic_slice on both sides; booleans by a fair coin.
inline HostTensor randomTensor(mlir::Type type, std::mt19937 &rng) {
  auto tensorType = mlir::cast<mlir::RankedTensorType>(type);
  llvm::Expected<DType> dtype = dtypeOfTensorType(type);
  EXPECT_TRUE(static_cast<bool>(dtype)) << llvm::toString(dtype.takeError());
  HostTensor t(*dtype, tensorType.getShape().vec());
  std::uniform_real_distribution<double> real(-2.0, 2.0);
  std::uniform_int_distribution<int64_t> integer(-3, 6);
  std::bernoulli_distribution coin(0.5);
  for (int64_t i = 0; i < t.numElements(); ++i) {
    if (isFloat(t.dtype()))
      t.setDouble(i, real(rng));
    else if (t.dtype() == DType::I1)
      t.setInt(i, coin(rng));
    else
      t.setInt(i, integer(rng));
  }
  return t;
}

/// Equal up to rounding: the evaluator rounds to the result type after
/// every op, and a batched op may associate a sum differently from the
/// looped one only through a different op sequence, so a few ulps suffice.
inline ::testing::AssertionResult closeEnough(const HostTensor &looped,
                                              const HostTensor &batched) {
  if (looped.dtype() != batched.dtype() || looped.shape() != batched.shape())
    return ::testing::AssertionFailure()
           << "type " << formatTensorType(batched.dtype(), batched.shape())
           << ", expected " << formatTensorType(looped.dtype(), looped.shape());
  double tolerance = looped.dtype() == DType::F32 ? 1e-5 : 1e-12;
  for (int64_t i = 0; i < looped.numElements(); ++i) {
    bool same;
    if (isFloat(looped.dtype())) {
      double a = looped.getDouble(i), b = batched.getDouble(i);
      same = (std::isnan(a) && std::isnan(b)) || a == b ||
             std::fabs(a - b) <=
                 tolerance * std::max({1.0, std::fabs(a), std::fabs(b)});
    } else {
      same = looped.getInt(i) == batched.getInt(i);
    }
    if (!same)
      return ::testing::AssertionFailure()
             << "element " << i
             << " differs\n  looped:  " << formatTensor(looped)
             << "\n  batched: " << formatTensor(batched);
  }
  return ::testing::AssertionSuccess();
}

} // namespace vmapc::test

#endif // VMAPC_TEST_UNIT_BATCHINGTESTUTIL_H
