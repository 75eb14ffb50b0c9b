//===- NpyTest.cpp - .npy reader robustness and round trips ---------------===//
//
// The reader must turn every malformed input into an error, never a crash
// or a huge allocation: every truncation and every single-byte corruption of
// valid files is fed to it. Round trips check the writer against the reader
// for every dtype, including rank 0 and empty arrays.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Support/Npy.h"

#include <gtest/gtest.h>

#include <limits>
#include <string>
#include <vector>

namespace {

using vmapc::DType;
using vmapc::HostTensor;

std::vector<HostTensor> samples() {
  std::vector<HostTensor> out;
  HostTensor f(DType::F32, {2, 3});
  for (int64_t i = 0; i < 6; ++i)
    f.setDouble(i, 0.5 * i - 1);
  out.push_back(f);
  HostTensor d(DType::F64, {});
  d.setDouble(0, 0.1);
  out.push_back(d);
  HostTensor b(DType::I1, {4});
  b.setInt(1, 1);
  b.setInt(3, 1);
  out.push_back(b);
  HostTensor i(DType::I32, {1, 2, 2});
  for (int64_t k = 0; k < 4; ++k)
    i.setInt(k, -k * 1000003);
  out.push_back(i);
  HostTensor l(DType::I64, {0, 5});
  out.push_back(l);
  return out;
}

TEST(Npy, RoundTripsEveryDType) {
  for (const HostTensor &t : samples()) {
    std::string bytes = vmapc::encodeNpy(t);
    // numpy's layout: the data starts on a 64-byte boundary.
    EXPECT_EQ((bytes.size() - t.sizeInBytes()) % 64, 0u);
    llvm::Expected<HostTensor> back = vmapc::readNpyFromBuffer(bytes, "t");
    ASSERT_TRUE(static_cast<bool>(back)) << llvm::toString(back.takeError());
    EXPECT_EQ(vmapc::formatTensor(*back), vmapc::formatTensor(t));
  }
}

TEST(Npy, EveryTruncationIsAnError) {
  for (const HostTensor &t : samples()) {
    std::string bytes = vmapc::encodeNpy(t);
    for (size_t n = 0; n < bytes.size(); ++n) {
      llvm::Expected<HostTensor> r =
          vmapc::readNpyFromBuffer(llvm::StringRef(bytes.data(), n), "cut");
      ASSERT_FALSE(static_cast<bool>(r)) << "prefix of " << n << " bytes";
      std::string message = llvm::toString(r.takeError());
      EXPECT_EQ(message.rfind("cut: ", 0), 0u) << message;
      EXPECT_EQ(message.find('\n'), std::string::npos) << message;
    }
  }
}

TEST(Npy, CorruptHeadersNeverCrash) {
  // Every byte of the preamble and header replaced by a few values that
  // matter to the parser; the result is either a tensor that fits the file
  // or a one-line error.
  const char replacements[] = {'\0', '9', '(', ')', ',', '\'', 'T', '\xff'};
  for (const HostTensor &t : samples()) {
    std::string bytes = vmapc::encodeNpy(t);
    size_t headerEnd = bytes.size() - t.sizeInBytes();
    for (size_t pos = 0; pos < headerEnd; ++pos) {
      for (char c : replacements) {
        std::string copy = bytes;
        copy[pos] = c;
        llvm::Expected<HostTensor> r = vmapc::readNpyFromBuffer(copy, "bad");
        if (r) {
          EXPECT_LE(r->sizeInBytes(), copy.size());
        } else {
          std::string message = llvm::toString(r.takeError());
          EXPECT_EQ(message.find('\n'), std::string::npos) << message;
        }
      }
    }
  }
}

TEST(Npy, ZeroDimBesideHugeDims) {
  // Found by vmapc-fuzz-npy: counting the elements of this shape multiplied
  // the huge dims before reaching the 0 and overflowed int64 (undefined
  // behaviour, reported by the UBSan build: ./build.sh test-asan). The
  // shape is valid and empty.
  std::string header = "{'descr': '|b1', 'fortran_order': False, "
                       "'shape': (2, 22222222244, 4, 45, 4, 4, 4, 44, 4, 4, "
                       "4, 44, 444, 444, 0, 4), }";
  header.append(64 - (10 + header.size() + 1) % 64, ' ');
  header += '\n';
  std::string bytes = std::string("\x93NUMPY\x01\x00", 8);
  bytes += static_cast<char>(header.size() & 0xff);
  bytes += static_cast<char>(header.size() >> 8);
  bytes += header;
  llvm::Expected<HostTensor> r = vmapc::readNpyFromBuffer(bytes, "empty");
  ASSERT_TRUE(static_cast<bool>(r)) << llvm::toString(r.takeError());
  EXPECT_EQ(r->numElements(), 0);
  EXPECT_EQ(r->shape().size(), 16u);
}

TEST(Npy, FormatsValues) {
  HostTensor f(DType::F32, {2});
  f.setDouble(0, 0.1);
  f.setDouble(1, -std::numeric_limits<double>::infinity());
  EXPECT_EQ(vmapc::formatTensor(f), "tensor<2xf32> [0.100000001, -inf]");
  HostTensor e(DType::F64, {2, 0});
  EXPECT_EQ(vmapc::formatTensor(e), "tensor<2x0xf64> [[], []]");
  EXPECT_EQ(vmapc::resultNpyPath("out/r", 3), "out/r3.npy");
}

} // namespace
