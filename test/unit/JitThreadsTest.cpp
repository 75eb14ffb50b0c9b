//===- JitThreadsTest.cpp - One jitted function, many threads ---*- C++ -*-===//
//
// Several threads call the same jitted DSL function at once: the first calls
// race to trace and compile it (the kernel cache must hand every thread one
// valid kernel), the later ones run the shared compiled code concurrently on
// their own arrays. Every result must be right. Built with
// VMAPC_ENABLE_TSAN (./build.sh test-tsan) ThreadSanitizer also checks the
// cache and the runtime for data races; in other builds it still checks the
// results.
//
//===----------------------------------------------------------------------===//
#include "DslTestUtil.h"

#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

using namespace vmapc;

TEST(JitThreads, OneKernelManyCallers) {
  auto kernel = jit(
      vmap([](auto x, auto w) { return tanh(x * w) + x; }, in_axes(0, none)));
  constexpr int kThreads = 8, kCallsPerThread = 20;
  Array<float> w({16}, std::vector<float>(16, 0.5f));
  std::atomic<bool> go{false};
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      while (!go.load())
        std::this_thread::yield();
      for (int call = 0; call < kCallsPerThread; ++call) {
        std::vector<float> values(4 * 16);
        for (size_t i = 0; i < values.size(); ++i)
          values[i] = float(t + call) * 0.01f + float(i) * 0.001f;
        Array<float> x({4, 16}, values);
        Array<float> y = kernel(x, w);
        for (size_t i = 0; i < values.size(); ++i) {
          float want = std::tanh(values[i] * 0.5f) + values[i];
          if (std::fabs(y.data()[i] - want) > 1e-5f)
            failures.fetch_add(1);
        }
      }
    });
  }
  go.store(true);
  for (std::thread &th : threads)
    th.join();
  EXPECT_EQ(failures.load(), 0);
}
