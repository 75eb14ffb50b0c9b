//===- ChunkMemoryTest.cpp - chunk_size bounds temporary memory -----------===//
//
// The point of chunk_size: the batched callee's temporaries exist for one
// chunk at a time. A recurrent cell run by fori_loop carries its hidden
// state, [N, 128] floats unchunked; with chunk_size C the heap high-water
// mark of the compiled code (CompileOptions::trackAllocations) must stay
// near C * 128 floats whatever N is, serial or parallel, while the results
// stay bit-identical. (A feed-forward layer would not show it: the pipeline
// already fuses its activations tile by tile.)
//
//===----------------------------------------------------------------------===//

#include "vmapc/Runtime/Jit.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>

using namespace vmapc;

namespace {

constexpr int64_t kHidden = 128;

/// A recurrent cell vmapped over `batch` ("?" for any), with `options`
/// spliced after out_axes (e.g. "chunk_size = 64 parallel"). Its loop carry,
/// the hidden state, is [N, 128] floats when batched: a temporary the
/// fusion of the pipeline cannot remove.
std::string rnnModule(const std::string &batch, const std::string &options) {
  std::string hid = std::to_string(kHidden);
  std::string sT = "tensor<" + hid + "xf32>";
  std::string wT = "tensor<" + hid + "x" + hid + "xf32>";
  std::string xT = "tensor<" + batch + "x" + hid + "xf32>";
  std::string yT = "tensor<" + batch + "xf32>";
  return "func.func private @rnn(%x: " + sT + ", %w: " + wT + ", %v: " + sT +
         ") -> tensor<f32> {\n"
         "  %lo = vmapc.constant dense<0> : tensor<i32>\n"
         "  %hi = vmapc.constant dense<4> : tensor<i32>\n"
         "  %s = vmapc.fori_loop %i = %lo to %hi : tensor<i32> "
         "iter_args(%h = %x) -> (" +
         sT +
         ") {\n"
         "    %z = vmapc.dot_general %h, %w, batching_dims = [] x [], "
         "contracting_dims = [0] x [0] : (" +
         sT + ", " + wT + ") -> " + sT +
         "\n"
         "    %t = vmapc.tanh %z : " +
         sT +
         "\n"
         "    vmapc.yield %t : " +
         sT +
         "\n"
         "  }\n"
         "  %y = vmapc.dot_general %s, %v, batching_dims = [] x [], "
         "contracting_dims = [0] x [0] : (" +
         sT + ", " + sT +
         ") -> tensor<f32>\n"
         "  return %y : tensor<f32>\n}\n"
         "func.func @main(%x: " +
         xT + ", %w: " + wT + ", %v: " + sT + ") -> " + yT +
         " {\n"
         "  %y = vmapc.vmap @rnn(%x, %w, %v) in_axes [0, none, none] "
         "out_axes [0] " +
         options + " : (" + xT + ", " + wT + ", " + sT + ") -> " + yT +
         "\n"
         "  return %y : " +
         yT + "\n}\n";
}

struct RnnRun {
  HostTensor y;
  size_t peakBytes;
};

RnnRun runRnn(const std::string &batch, const std::string &options, int64_t n,
              unsigned threads = 0) {
  CompileOptions opts;
  opts.trackAllocations = true;
  opts.numThreads = threads;
  auto module =
      CompiledModule::compileSource(rnnModule(batch, options), "rnn", opts);
  if (!module) {
    ADD_FAILURE() << llvm::toString(module.takeError());
    return {};
  }
  HostTensor x(DType::F32, {n, kHidden}), w1(DType::F32, {kHidden, kHidden}),
      w2(DType::F32, {kHidden});
  std::mt19937 gen(5);
  std::normal_distribution<float> dist(0.0f, 0.1f);
  for (HostTensor *t : {&x, &w1, &w2})
    for (int64_t i = 0; i < t->numElements(); ++i)
      t->data<float>()[i] = dist(gen);
  CompiledModule::resetAllocationStats();
  auto out =
      (*module)->invoke("main", {TensorRef(x), TensorRef(w1), TensorRef(w2)});
  if (!out) {
    ADD_FAILURE() << llvm::toString(out.takeError());
    return {};
  }
  EXPECT_EQ(CompiledModule::allocationStats().liveBytes, 0u)
      << "temporaries leaked";
  return {std::move(out->at(0)), CompiledModule::allocationStats().peakBytes};
}

void expectBitIdentical(const HostTensor &a, const HostTensor &b) {
  ASSERT_EQ(a.shape(), b.shape());
  EXPECT_EQ(std::memcmp(a.rawData(), b.rawData(), a.sizeInBytes()), 0);
}

TEST(ChunkMemory, ChunksBoundThePeakOfTemporaries) {
  const int64_t n = 4000, chunk = 64;
  const size_t hiddenBytes = sizeof(float) * kHidden;
  // The RNN loops over time, so the pipeline would chunk a plain vmap of
  // it by itself (vmapc-chunk-time-loops); a chunk the size of the batch
  // keeps it whole.
  RnnRun plain = runRnn(std::to_string(n), "chunk_size = " + std::to_string(n),
                        n);
  RnnRun serial = runRnn(std::to_string(n), "chunk_size = 64", n);
  RnnRun dynamic = runRnn("?", "chunk_size = 64", n);
  RnnRun parallel = runRnn("?", "chunk_size = 64 parallel", n, 2);
  // Unchunked, the hidden activations of the whole batch are live at once:
  // this is what the test must be able to tell apart.
  EXPECT_GE(plain.peakBytes, n * hiddenBytes);
  // Chunked: a few buffers of one chunk's state per thread (the loop carry
  // is double-buffered, plus the callee's result), independent of n.
  const size_t perChunk = chunk * hiddenBytes;
  EXPECT_LE(serial.peakBytes, 4 * perChunk);
  EXPECT_LE(dynamic.peakBytes, 4 * perChunk);
  EXPECT_LE(parallel.peakBytes, 2 * 4 * perChunk);
  RnnRun bigger = runRnn("?", "chunk_size = 64", 2 * n);
  EXPECT_EQ(bigger.peakBytes, dynamic.peakBytes) << "the peak grows with N";
  std::printf("peak temporaries, N = %lld: unchunked %zu B, chunk 64 %zu B, "
              "dynamic N %zu B, parallel (2 threads) %zu B\n",
              static_cast<long long>(n), plain.peakBytes, serial.peakBytes,
              dynamic.peakBytes, parallel.peakBytes);
  expectBitIdentical(plain.y, serial.y);
  expectBitIdentical(plain.y, dynamic.y);
  expectBitIdentical(plain.y, parallel.y);
}

} // namespace
