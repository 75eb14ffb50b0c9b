//===- VmapcBench.cpp - vmapc kernels against plain C++ and Eigen -*- C++ -*-//
//
// Every kernel is compiled once (outside the timed loop) and called with
// preallocated inputs and outputs, as the DSL calls it. Peers run in the
// same binary on the same data:
//   x + 1 on 16M floats     vs a plain loop (clang -O3 -march=native)
//   1024^3 f32 matmul       vs Eigen (GFLOP/s counter)
//   NN inference relu(x.W1).W2, batched by vmap: compile latency and run time
//
//===----------------------------------------------------------------------===//
#include "vmapc/Runtime/Jit.h"

#include <Eigen/Dense>
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <random>

using vmapc::CompiledModule;
using vmapc::DType;
using vmapc::HostTensor;
using vmapc::TensorRef;

namespace {

constexpr int64_t kStreamN = 16 * 1024 * 1024;
constexpr int64_t kMatN = 1024;

const char *kAddOne = R"mlir(
func.func @add_one(%x: tensor<16777216xf32>) -> tensor<16777216xf32> {
  %one = vmapc.constant dense<1.0> : tensor<16777216xf32>
  %r = vmapc.add %x, %one : tensor<16777216xf32>
  return %r : tensor<16777216xf32>
}
)mlir";

const char *kMatmul = R"mlir(
func.func @matmul(%a: tensor<1024x1024xf32>, %b: tensor<1024x1024xf32>)
    -> tensor<1024x1024xf32> {
  %c = vmapc.dot_general %a, %b, batching_dims = [] x [],
         contracting_dims = [1] x [0]
       : (tensor<1024x1024xf32>, tensor<1024x1024xf32>) -> tensor<1024x1024xf32>
  return %c : tensor<1024x1024xf32>
}
)mlir";

// The seed's NN inference: one example's forward pass, vmapped over a batch
// of 65536 with the weights unmapped.
const char *kNN = R"mlir(
func.func private @forward(%x: tensor<64xf32>, %w1: tensor<64x256xf32>,
                           %w2: tensor<256x10xf32>) -> tensor<10xf32> {
  %h = vmapc.dot_general %x, %w1, batching_dims = [] x [],
         contracting_dims = [0] x [0]
       : (tensor<64xf32>, tensor<64x256xf32>) -> tensor<256xf32>
  %z = vmapc.constant dense<0.0> : tensor<256xf32>
  %r = vmapc.max %h, %z : tensor<256xf32>
  %y = vmapc.dot_general %r, %w2, batching_dims = [] x [],
         contracting_dims = [0] x [0]
       : (tensor<256xf32>, tensor<256x10xf32>) -> tensor<10xf32>
  return %y : tensor<10xf32>
}
func.func @nn(%xs: tensor<65536x64xf32>, %w1: tensor<64x256xf32>,
              %w2: tensor<256x10xf32>) -> tensor<65536x10xf32> {
  %r = vmapc.vmap @forward(%xs, %w1, %w2) in_axes [0, none, none]
         out_axes [0]
       : (tensor<65536x64xf32>, tensor<64x256xf32>, tensor<256x10xf32>)
         -> tensor<65536x10xf32>
  return %r : tensor<65536x10xf32>
}
)mlir";

std::unique_ptr<CompiledModule> compileOrDie(const char *source,
                                             benchmark::State &state) {
  auto compiled = CompiledModule::compileSource(source, "bench");
  if (!compiled) {
    state.SkipWithError(llvm::toString(compiled.takeError()).c_str());
    return nullptr;
  }
  return std::move(*compiled);
}

HostTensor randomTensor(std::vector<int64_t> shape, unsigned seed) {
  HostTensor t(DType::F32, std::move(shape));
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  float *p = t.data<float>();
  for (int64_t i = 0; i < t.numElements(); ++i)
    p[i] = dist(gen);
  return t;
}

void BM_AddOne_Vmapc(benchmark::State &state) {
  auto module = compileOrDie(kAddOne, state);
  if (!module)
    return;
  HostTensor x = randomTensor({kStreamN}, 1);
  HostTensor y(DType::F32, {kStreamN});
  TensorRef in(x), out(y);
  for (auto _ : state) {
    if (llvm::Error err = module->invoke("add_one", {in}, {out})) {
      state.SkipWithError(llvm::toString(std::move(err)).c_str());
      return;
    }
    benchmark::DoNotOptimize(y.rawData());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * kStreamN * 2 * sizeof(float));
}
BENCHMARK(BM_AddOne_Vmapc)->Unit(benchmark::kMillisecond)->UseRealTime();

__attribute__((noinline)) void addOneLoop(const float *__restrict x,
                                          float *__restrict y, int64_t n) {
  for (int64_t i = 0; i < n; ++i)
    y[i] = x[i] + 1.0f;
}

void BM_AddOne_CppLoop(benchmark::State &state) {
  HostTensor x = randomTensor({kStreamN}, 1);
  HostTensor y(DType::F32, {kStreamN});
  for (auto _ : state) {
    addOneLoop(x.data<float>(), y.data<float>(), kStreamN);
    benchmark::DoNotOptimize(y.rawData());
    benchmark::ClobberMemory();
  }
  state.SetBytesProcessed(state.iterations() * kStreamN * 2 * sizeof(float));
}
BENCHMARK(BM_AddOne_CppLoop)->Unit(benchmark::kMillisecond)->UseRealTime();

void setFlops(benchmark::State &state, double flopsPerIteration) {
  state.counters["GFLOP/s"] = benchmark::Counter(
      flopsPerIteration * state.iterations() / 1e9, benchmark::Counter::kIsRate);
}

void BM_Matmul1024_Vmapc(benchmark::State &state) {
  auto module = compileOrDie(kMatmul, state);
  if (!module)
    return;
  HostTensor a = randomTensor({kMatN, kMatN}, 2);
  HostTensor b = randomTensor({kMatN, kMatN}, 3);
  HostTensor c(DType::F32, {kMatN, kMatN});
  for (auto _ : state) {
    if (llvm::Error err = module->invoke("matmul", {a, b}, {c})) {
      state.SkipWithError(llvm::toString(std::move(err)).c_str());
      return;
    }
    benchmark::DoNotOptimize(c.rawData());
  }
  setFlops(state, 2.0 * kMatN * kMatN * kMatN);
}
BENCHMARK(BM_Matmul1024_Vmapc)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Matmul1024_Eigen(benchmark::State &state) {
  using Mat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic,
                            Eigen::RowMajor>;
  HostTensor a = randomTensor({kMatN, kMatN}, 2);
  HostTensor b = randomTensor({kMatN, kMatN}, 3);
  HostTensor c(DType::F32, {kMatN, kMatN});
  Eigen::Map<Mat> ma(a.data<float>(), kMatN, kMatN);
  Eigen::Map<Mat> mb(b.data<float>(), kMatN, kMatN);
  Eigen::Map<Mat> mc(c.data<float>(), kMatN, kMatN);
  for (auto _ : state) {
    mc.noalias() = ma * mb;
    benchmark::DoNotOptimize(c.rawData());
  }
  setFlops(state, 2.0 * kMatN * kMatN * kMatN);
}
BENCHMARK(BM_Matmul1024_Eigen)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_CompileNN(benchmark::State &state) {
  for (auto _ : state) {
    auto module = compileOrDie(kNN, state);
    if (!module)
      return;
    benchmark::DoNotOptimize(module.get());
  }
}
BENCHMARK(BM_CompileNN)->Unit(benchmark::kMillisecond)->Iterations(5);

void BM_NN_Vmapc(benchmark::State &state) {
  auto module = compileOrDie(kNN, state);
  if (!module)
    return;
  HostTensor x = randomTensor({65536, 64}, 4);
  HostTensor w1 = randomTensor({64, 256}, 5);
  HostTensor w2 = randomTensor({256, 10}, 6);
  HostTensor y(DType::F32, {65536, 10});
  for (auto _ : state) {
    if (llvm::Error err = module->invoke("nn", {x, w1, w2}, {y})) {
      state.SkipWithError(llvm::toString(std::move(err)).c_str());
      return;
    }
    benchmark::DoNotOptimize(y.rawData());
  }
  setFlops(state, 2.0 * 65536 * (64 * 256 + 256 * 10));
}
BENCHMARK(BM_NN_Vmapc)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_NN_Eigen(benchmark::State &state) {
  using Mat = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic,
                            Eigen::RowMajor>;
  HostTensor x = randomTensor({65536, 64}, 4);
  HostTensor w1 = randomTensor({64, 256}, 5);
  HostTensor w2 = randomTensor({256, 10}, 6);
  HostTensor y(DType::F32, {65536, 10});
  Eigen::Map<Mat> mx(x.data<float>(), 65536, 64);
  Eigen::Map<Mat> mw1(w1.data<float>(), 64, 256);
  Eigen::Map<Mat> mw2(w2.data<float>(), 256, 10);
  Eigen::Map<Mat> my(y.data<float>(), 65536, 10);
  for (auto _ : state) {
    my.noalias() = (mx * mw1).cwiseMax(0.0f) * mw2;
    benchmark::DoNotOptimize(y.rawData());
  }
  setFlops(state, 2.0 * 65536 * (64 * 256 + 256 * 10));
}
BENCHMARK(BM_NN_Eigen)->Unit(benchmark::kMillisecond)->UseRealTime();

} // namespace

BENCHMARK_MAIN();
