//===- AotSeedTest.cpp - AOT kernels give the JIT's bits
//--------------------===//
//
// Every seed workload (examples/aot/SeedKernels.h) was traced at build time
// by vmapc-export-seeds and compiled by vmapc-compile into a static library
// (vmapc_add_kernel, see CMakeLists.txt). Here each AOT kernel runs next to
// jit of the same vmapped function: same pipeline, same target, same LLVM
// settings, so the outputs must be equal bit for bit, for batch sizes below,
// at and above the chunk from one object. W1 is also checked against
// float64 loops, so that "equal to the JIT" cannot hide a wrong kernel.
//
//===----------------------------------------------------------------------===//
#include "DslTestUtil.h"

#include "SeedKernels.h"
#include "aot_w1.h"
#include "aot_w1_parallel.h"
#include "aot_w1_plain.h"
#include "aot_w2.h"
#include "aot_w3.h"
#include "aot_w4.h"
#include "aot_w5.h"
#include "aot_w6.h"
#include "aot_w7.h"

#include <cstring>
#include <functional>
#include <map>
#include <tuple>

using namespace vmapc;
using namespace vmapc::test;

namespace {

using Arrays = std::vector<Array<float>>;

template <typename R> Arrays toArrays(R &&r) {
  if constexpr (requires { std::tuple_size<std::decay_t<R>>::value; })
    return std::apply(
        [](auto &&...a) {
          Arrays v;
          (v.push_back(std::move(a)), ...);
          return v;
        },
        std::forward<R>(r));
  else {
    Arrays v;
    v.push_back(std::move(r));
    return v;
  }
}

/// Inputs of seed `name` for batch size `n`, in the ranges its model needs
/// (positive precisions and determinants, populations, currents).
Arrays inputsFor(const std::string &name, int64_t n) {
  Arrays in;
  seeds::withSeed(
      name, seeds::Mapping::Plain, n, [&](const auto &, const auto &...specs) {
        unsigned seed = 1;
        (in.push_back(randomArray<float>(specs.shape, seed++)), ...);
      });
  auto fill = [&](size_t i, double lo, double hi) {
    in[i] = randomArray<float>(in[i].shape(), 100 + i, lo, hi);
  };
  if (name == "W2") {
    fill(2, 0.0, 0.1); // prec
    fill(3, 0.5, 1.0); // det
  } else if (name == "W5") {
    fill(0, 8, 12);
    fill(1, 4, 6);
    fill(2, 1.0, 1.2);
    fill(3, 0.35, 0.45);
    fill(4, 0.35, 0.45);
    fill(5, 0.08, 0.12);
  } else if (name == "W6") {
    fill(0, -0.1, 0.1);
    fill(1, 14, 29);
  } else if (name == "W7") {
    fill(2, 0.5, 2.0);
    fill(3, -2, -1);
  }
  return in;
}

using Runner = std::function<Arrays(const Arrays &)>;

/// jit of the vmapped seed function, one per seed and mapping (a chunked
/// kernel takes every batch size, so it compiles once).
const Runner &jitFor(const std::string &name, seeds::Mapping m) {
  static std::map<std::pair<std::string, seeds::Mapping>, Runner> cache;
  Runner &runner = cache[{name, m}];
  if (!runner)
    seeds::withSeed(name, m, 1, [&](const auto &f, const auto &...specs) {
      runner = [kernel = jit(f)](const Arrays &in) {
        return [&]<size_t... I>(std::index_sequence<I...>) {
          return toArrays(kernel(in[I]...));
        }
        (std::index_sequence_for<decltype(specs)...>());
      };
    });
  return runner;
}

Arrays runJit(const std::string &name, seeds::Mapping m, const Arrays &in) {
  return jitFor(name, m)(in);
}

using AotFn = Runner;

/// The AOT kernels, called through the C++ overloads of their headers.
const std::map<std::string, AotFn> &aotKernels() {
  static const std::map<std::string, AotFn> kernels = {
      {"W1",
       [](const Arrays &a) { return toArrays(aot_w1(a[0], a[1], a[2])); }},
      {"W2",
       [](const Arrays &a) {
         return toArrays(aot_w2(a[0], a[1], a[2], a[3]));
       }},
      {"W3",
       [](const Arrays &a) { return toArrays(aot_w3(a[0], a[1], a[2])); }},
      {"W4", [](const Arrays &a) { return toArrays(aot_w4(a[0])); }},
      {"W5",
       [](const Arrays &a) {
         return toArrays(aot_w5(a[0], a[1], a[2], a[3], a[4], a[5]));
       }},
      {"W6", [](const Arrays &a) { return toArrays(aot_w6(a[0], a[1])); }},
      {"W7",
       [](const Arrays &a) {
         return toArrays(aot_w7(a[0], a[1], a[2], a[3]));
       }},
  };
  return kernels;
}

void expectSameBits(const Arrays &aot, const Arrays &jit,
                    const std::string &what) {
  ASSERT_EQ(aot.size(), jit.size()) << what;
  for (size_t i = 0; i < aot.size(); ++i) {
    ASSERT_EQ(aot[i].shape(), jit[i].shape()) << what << ", result " << i;
    EXPECT_EQ(std::memcmp(aot[i].data(), jit[i].data(),
                          aot[i].size() * sizeof(float)),
              0)
        << what << ", result " << i << ": AOT and JIT bits differ";
  }
}

class AotSeed : public ::testing::TestWithParam<std::string> {};

// One object per seed, compiled for any batch size (chunks of 256): below,
// at, across and far above the chunk, and the empty batch.
TEST_P(AotSeed, ChunkedKernelMatchesJitBits) {
  const std::string name = GetParam();
  for (int64_t n : {0, 1, 37, 256, 300, 1000}) {
    Arrays in = inputsFor(name, n);
    Arrays aot = aotKernels().at(name)(in);
    Arrays jit = runJit(name, seeds::Mapping::Chunked, in);
    expectSameBits(aot, jit, name + " n = " + std::to_string(n));
    if (n > 0) {
      bool finite = true;
      for (const Array<float> &r : aot)
        for (float v : r)
          finite &= std::isfinite(v);
      EXPECT_TRUE(finite) << name << ": non-finite results";
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllSeeds, AotSeed,
                         ::testing::Values("W1", "W2", "W3", "W4", "W5", "W6",
                                           "W7"));

TEST(AotSeedNN, MatchesFloat64Loops) {
  const int64_t n = 300;
  Arrays in = inputsFor("W1", n);
  Array<float> y = aot_w1(in[0], in[1], in[2]);
  for (int64_t i = 0; i < n; ++i) {
    double out = 0;
    for (int64_t j = 0; j < seeds::kNNHidden; ++j) {
      double h = 0;
      for (int64_t k = 0; k < seeds::kNNIn; ++k)
        h += double(in[0](i, k)) * in[1](k, j);
      out += std::max(h, 0.0) * in[2](j);
    }
    ASSERT_NEAR(y(i), out, 1e-4 * (1 + std::abs(out))) << "lane " << i;
  }
}

// The parallel kernel (OpenMP chunks) against the JIT's parallel kernel and
// the serial AOT kernel.
TEST(AotSeedNN, ParallelKernelMatchesJitAndSerialBits) {
  for (int64_t n : {1, 300, 5000}) {
    Arrays in = inputsFor("W1", n);
    Arrays par = toArrays(aot_w1_parallel(in[0], in[1], in[2]));
    expectSameBits(par, runJit("W1", seeds::Mapping::Parallel, in),
                   "W1 parallel n = " + std::to_string(n));
    expectSameBits(par, toArrays(aot_w1(in[0], in[1], in[2])),
                   "W1 parallel vs serial n = " + std::to_string(n));
  }
}

// The plain vmap, exported for a batch of 100: a static C signature (no n).
TEST(AotSeedNN, StaticKernelMatchesJitBits) {
  Arrays in = inputsFor("W1", 100);
  Array<float> y({100});
  ASSERT_EQ(::aot_w1_plain(in[0].data(), in[1].data(), in[2].data(), y.data()),
            0);
  Arrays aot;
  aot.push_back(std::move(y));
  expectSameBits(aot, runJit("W1", seeds::Mapping::Plain, in), "W1 plain");
  // Its shapes are fixed: another batch size is a vmapc::Error.
  Arrays other = inputsFor("W1", 101);
  EXPECT_THROW(aot_w1_plain(other[0], other[1], other[2]), Error);
}

// The C entry point's own checks, and the C++ overload's.
TEST(AotSeedNN, EntryPointRejectsBadCalls) {
  Arrays in = inputsFor("W1", 10);
  Array<float> y({10});
  EXPECT_EQ(::aot_w1(-1, in[0].data(), in[1].data(), in[2].data(), y.data()),
            1);
  EXPECT_EQ(::aot_w1(10, in[0].data(), nullptr, in[2].data(), y.data()), 1);
  EXPECT_EQ(::aot_w1(10, in[0].data(), in[1].data(), in[2].data(), nullptr), 1);
  // An empty batch needs no batch memory.
  EXPECT_EQ(::aot_w1(0, nullptr, in[1].data(), in[2].data(), nullptr), 0);
  try {
    Array<float> wrong({11});
    aot_w1(in[0], in[1], in[2], wrong);
    FAIL() << "expected a vmapc::Error";
  } catch (const Error &e) {
    EXPECT_STREQ(e.what(), "aot_w1: output 0 must have shape [10], got [11]");
  }
  EXPECT_THROW(aot_w1(in[0], in[2], in[1]), Error);
}

} // namespace
