//===- DslFpContractTest.cpp - jit's fp_contract option ------------------===//
//
// jit(f, fp_contract) lets a*b+c become one fused multiply-add. The residual
// x*x - r, with x = 1 + 2^-12 and r = fl(x*x) = 1 + 2^-11, tells the two
// apart exactly: rounded separately the product equals r (0), fused it is the
// product's rounding error (2^-24). So each test can see which kernel ran:
// the default one must stay bit-identical to unfused arithmetic, and the
// option must reach every way of compiling (plain, vmapped, chunked on
// threads). A whole workload under the option is checked against float64
// loops, so that fusion never buys wrong numbers.
//
//===----------------------------------------------------------------------===//

#include "DslTestUtil.h"

using namespace vmapc;
using namespace vmapc::test;
using E = Expr<float>;

namespace {

constexpr float kX = 1.000244140625f; // 1 + 2^-12
constexpr float kR = 1.00048828125f;  // 1 + 2^-11, x*x rounded to float
constexpr float kFusedResidual = 0x1p-24f;

auto residual = [](E x, E r) { return x * x - r; };

Array<float> filled(Shape shape, float v) {
  Array<float> a(std::move(shape));
  for (float &e : a)
    e = v;
  return a;
}

void expectAll(const Array<float> &a, float v, const std::string &what) {
  for (int64_t i = 0; i < a.size(); ++i)
    ASSERT_EQ(a.data()[i], v) << what << ", element " << i;
}

// 37 elements: a full vector body and a tail, both must fuse.
TEST(DslFpContract, DefaultSeparateOptionFused) {
  Array<float> x = filled({37}, kX), r = filled({37}, kR);
  auto plain = jit(residual);
  auto fused = jit(residual, fp_contract);
  expectAll(plain(x, r), 0.0f, "default jit");
  expectAll(fused(x, r), kFusedResidual, "jit with fp_contract");
  // The lowered IR says why: only the option's kernel carries the flag.
  EXPECT_EQ(plain.lower(x, r).final_ir().find("contract"), std::string::npos);
  EXPECT_NE(fused.lower(x, r).final_ir().find("contract"), std::string::npos);
}

TEST(DslFpContract, ReachesVmapsChunksAndThreads) {
  const int64_t n = 21, d = 16;
  Array<float> x = filled({n, d}, kX), r = filled({n, d}, kR);
  auto vmapped = jit(vmap(residual), fp_contract);
  expectAll(vmapped(x, r), kFusedResidual, "vmap");
  // Options in either order; chunks of 4 leave a tail of one lane.
  auto par1 = jit(vmap(residual, in_axes(0, 0), 0, chunk_size(4), parallel),
                  threads(2), fp_contract);
  auto par2 = jit(vmap(residual, in_axes(0, 0), 0, chunk_size(4), parallel),
                  fp_contract, threads(2));
  expectAll(par1(x, r), kFusedResidual, "parallel chunks, threads first");
  expectAll(par2(x, r), kFusedResidual, "parallel chunks, fp_contract first");
  auto parPlain = jit(vmap(residual, in_axes(0, 0), 0, chunk_size(4), parallel),
                      threads(2));
  expectAll(parPlain(x, r), 0.0f, "parallel chunks without the option");
}

// W1 under the option: the fused sums still match float64 loops.
TEST(DslFpContract, NNMatchesFloat64Loops) {
  const int64_t n = 67, d = 48, h = 32;
  Array<float> x = randomArray<float>({n, d}, 1),
               w1 = randomArray<float>({d, h}, 2),
               w2 = randomArray<float>({h}, 3);
  Array<float> y =
      jit(vmap(nnExample, in_axes(0, none, none), 0), fp_contract)(x, w1, w2);
  ASSERT_EQ(y.shape(), (Shape{n}));
  for (int64_t i = 0; i < n; ++i) {
    double expected = nnReference(x, w1, w2, i);
    EXPECT_NEAR(y(i), expected, 1e-4 * (1 + std::abs(expected)))
        << "lane " << i;
  }
}

// W5 under the option: the fused Euler steps stay close to float64.
TEST(DslFpContract, LotkaVolterraMatchesFloat64Loops) {
  const int64_t n = 45;
  Array<float> x0 = randomArray<float>({n}, 12, 8, 12),
               y0 = randomArray<float>({n}, 13, 4, 6),
               a = randomArray<float>({n}, 14, 1.0, 1.2);
  Array<float> got = jit(vmap(lotkaVolterraExample), fp_contract)(x0, y0, a);
  for (int64_t i = 0; i < n; ++i) {
    double x = x0(i), y = y0(i);
    for (int64_t t = 0; t < kLvSteps; ++t) {
      double nx = x + 0.01 * (a(i) * x - 0.4 * x * y);
      double ny = y + 0.01 * (0.4 * x * y - 0.1 * y);
      x = nx;
      y = ny;
    }
    EXPECT_NEAR(got(i), x * y, 1e-3 * (1 + std::abs(x * y))) << "lane " << i;
  }
}

} // namespace
