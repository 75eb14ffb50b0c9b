//===- export_seed_kernels.cpp - Trace a seed workload to .mlir -----------===//
//
//   vmapc-export-seeds W1..W7 plain|chunked[:C]|parallel[:C] N OUT.mlir
//
// The DSL's ahead-of-time route: vmapc::export_mlir traces the vmapped
// seed function (SeedKernels.h) for batch size N and writes the module; the
// function is named after the workload (w1 ... w7). `chunked` and
// `parallel` export a kernel for any batch size (N only fills the trace's
// example shapes), in chunks of C (default 256). vmapc_add_kernel(... GENERATOR
// vmapc-export-seeds GENERATOR_ARGS W1 chunked 1) runs it at build time.
//
//===----------------------------------------------------------------------===//
#include "SeedKernels.h"

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>

int main(int argc, char **argv) {
  if (argc != 5) {
    std::fprintf(stderr, "usage: %s W1..W7 plain|chunked|parallel N OUT.mlir\n",
                 argv[0]);
    return 2;
  }
  std::string name = argv[1], mapping = argv[2];
  int64_t chunk = seeds::kChunk;
  if (size_t colon = mapping.find(':'); colon != std::string::npos) {
    chunk = std::atoll(mapping.c_str() + colon + 1);
    mapping.resize(colon);
    if (chunk < 1 || mapping == "plain") {
      std::fprintf(stderr, "error: bad chunk in '%s'\n", argv[2]);
      return 2;
    }
  }
  seeds::Mapping m;
  if (mapping == "plain")
    m = seeds::Mapping::Plain;
  else if (mapping == "chunked")
    m = seeds::Mapping::Chunked;
  else if (mapping == "parallel")
    m = seeds::Mapping::Parallel;
  else {
    std::fprintf(stderr, "error: unknown mapping '%s'\n", argv[2]);
    return 2;
  }
  char *end = nullptr;
  long long n = std::strtoll(argv[3], &end, 10);
  if (*argv[3] == 0 || *end != 0 || n < 1) {
    std::fprintf(stderr,
                 "error: the batch size must be a positive integer, "
                 "got '%s'\n",
                 argv[3]);
    return 2;
  }
  std::string function = name;
  function[0] = 'w';
  std::string text;
  try {
    bool known = seeds::withSeed(
        name, m, n,
        [&](const auto &f, const auto &...args) {
          text = vmapc::export_mlir(f, function, args...);
        },
        chunk);
    if (!known) {
      std::fprintf(stderr, "error: unknown workload '%s' (W1..W7)\n", argv[1]);
      return 2;
    }
  } catch (const vmapc::Error &e) {
    std::fprintf(stderr, "error: %s\n", e.what());
    return 1;
  }
  std::ofstream out(argv[4]);
  out << text;
  out.close();
  if (!out) {
    std::fprintf(stderr, "error: cannot write '%s'\n", argv[4]);
    return 1;
  }
  return 0;
}
