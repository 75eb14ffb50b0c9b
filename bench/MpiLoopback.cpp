//===- MpiLoopback.cpp - MPI_Allreduce cost on this machine ---------------===//
//
// vmapc-mpi-bench, run under `mpirun -np P`: the latency and bandwidth of
// MPI_Allreduce (sum of floats, in place, as pmap's collectives and result
// assembly do) from 4 B to 64 MiB, the inputs of the scaling model in
// docs/scaling.md. Every rank runs the same fixed number of iterations (a
// collective needs all ranks; Google Benchmark's adaptive counts would
// differ between ranks); rank 0 reports, the time being the slowest rank's.
//
//===----------------------------------------------------------------------===//
#include <benchmark/benchmark.h>
#include <mpi.h>

#include <chrono>
#include <vector>

namespace {

void BM_Allreduce(benchmark::State &state) {
  std::vector<float> buffer(state.range(0) / sizeof(float), 1.0f);
  int count = static_cast<int>(buffer.size());
  MPI_Barrier(MPI_COMM_WORLD);
  for (auto _ : state) {
    auto start = std::chrono::steady_clock::now();
    MPI_Allreduce(MPI_IN_PLACE, buffer.data(), count, MPI_FLOAT, MPI_SUM,
                  MPI_COMM_WORLD);
    double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    double slowest = 0;
    MPI_Allreduce(&seconds, &slowest, 1, MPI_DOUBLE, MPI_MAX, MPI_COMM_WORLD);
    state.SetIterationTime(slowest);
  }
  int ranks = 1;
  MPI_Comm_size(MPI_COMM_WORLD, &ranks);
  state.counters["ranks"] = ranks;
  state.SetBytesProcessed(int64_t(state.iterations()) * state.range(0));
}

void registerSizes() {
  for (int64_t bytes = 4; bytes <= (int64_t(64) << 20); bytes *= 8) {
    // Fewer iterations for the big messages; the same on every rank.
    int64_t iterations = bytes <= (1 << 16)   ? 2000
                         : bytes <= (1 << 22) ? 200
                                              : 20;
    benchmark::RegisterBenchmark("mpi/allreduce_f32_sum", BM_Allreduce)
        ->Arg(bytes)
        ->Iterations(iterations)
        ->UseManualTime()
        ->Unit(benchmark::kMicrosecond);
  }
}

/// Ranks other than 0 run the benchmarks but print nothing.
class SilentReporter : public benchmark::BenchmarkReporter {
public:
  bool ReportContext(const Context &) override { return true; }
  void ReportRuns(const std::vector<Run> &) override {}
};

} // namespace

int main(int argc, char **argv) {
  MPI_Init(&argc, &argv);
  int rank = 0;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  benchmark::Initialize(&argc, argv);
  registerSizes();
  if (rank == 0) {
    benchmark::RunSpecifiedBenchmarks();
  } else {
    SilentReporter silent;
    benchmark::RunSpecifiedBenchmarks(&silent);
  }
  benchmark::Shutdown();
  MPI_Finalize();
  return 0;
}
