//===- JitCodegenTest.cpp - Code generation bugs the JIT works around ----===//
//
// LLVM 22's SelectionDAG merges two adjacent stores of <4 x i64> lanes 20-23
// and 24-27 of a <40 x i64> into one <8 x i64> store of the subvector at
// lane 20, which writes garbage on AVX-512 (found by vmapc-difftest in a
// vectorized vmap; test/Regression/lanes-interchange-miscompile.mlir). The
// JIT turns that store merging off. This is the reduced pattern, given to
// the JIT as an already-lowered module so that no vmapc pass can hide it
// (LLVM's -O3 keeps it: the stores go to the output).
//
//===----------------------------------------------------------------------===//
#include "vmapc/Runtime/Jit.h"

#include <gtest/gtest.h>

namespace {

using vmapc::DType;
using vmapc::HostTensor;

TEST(JitCodegen, AdjacentStoresOfOddWideVectorLanes) {
  // out[0:40] = 3 * x; out[40:48] = lanes 20-27 of the same <40 x i64>,
  // stored as two <4 x i64>. Without the workaround lanes 16-23 land there.
  const char *src = R"(
llvm.func @f(%xa: !llvm.ptr, %x: !llvm.ptr, %xoff: i64, %xsize: i64, %xstride: i64,
             %outa: !llvm.ptr, %out: !llvm.ptr, %ooff: i64, %osize: i64, %ostride: i64)
    attributes {vmapc.io_type = (tensor<40xi64>) -> tensor<48xi64>} {
  %three = llvm.mlir.constant(dense<3> : vector<40xi64>) : vector<40xi64>
  %c320 = llvm.mlir.constant(320 : i64) : i64
  %c352 = llvm.mlir.constant(352 : i64) : i64
  %p40 = llvm.mlir.poison : vector<40xi64>
  %v = llvm.load %x {alignment = 8 : i64} : !llvm.ptr -> vector<40xi64>
  %m = llvm.mul %v, %three : vector<40xi64>
  llvm.store %m, %out {alignment = 8 : i64} : vector<40xi64>, !llvm.ptr
  %lo = llvm.shufflevector %m, %p40 [20, 21, 22, 23] : vector<40xi64>
  %hi = llvm.shufflevector %m, %p40 [24, 25, 26, 27] : vector<40xi64>
  %outLo = llvm.getelementptr inbounds %out[%c320] : (!llvm.ptr, i64) -> !llvm.ptr, i8
  llvm.store %lo, %outLo {alignment = 8 : i64} : vector<4xi64>, !llvm.ptr
  %outHi = llvm.getelementptr inbounds %out[%c352] : (!llvm.ptr, i64) -> !llvm.ptr, i8
  llvm.store %hi, %outHi {alignment = 8 : i64} : vector<4xi64>, !llvm.ptr
  llvm.return
}
)";
  auto compiled = vmapc::CompiledModule::compileSource(src, "store-merging");
  ASSERT_TRUE(static_cast<bool>(compiled))
      << llvm::toString(compiled.takeError());
  HostTensor x(DType::I64, {40}), y(DType::I64, {48});
  for (int64_t i = 0; i < 40; ++i)
    x.data<int64_t>()[i] = i;
  vmapc::TensorRef in(x), out(y);
  llvm::Error err = (*compiled)->invoke("f", {in}, {out});
  ASSERT_FALSE(static_cast<bool>(err)) << llvm::toString(std::move(err));
  for (int64_t i = 0; i < 40; ++i)
    EXPECT_EQ(y.data<int64_t>()[i], 3 * i) << "element " << i;
  for (int64_t i = 40; i < 48; ++i)
    EXPECT_EQ(y.data<int64_t>()[i], 3 * (i - 20)) << "element " << i;
}

} // namespace
