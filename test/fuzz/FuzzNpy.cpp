//===- FuzzNpy.cpp - libFuzzer: the .npy reader -----------------*- C++ -*-===//
//
// Any bytes as a .npy file: an error or a tensor whose size matches its
// header; a tensor that is read must also encode and read back equal.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Support/Npy.h"

#include <cstring>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef bytes(reinterpret_cast<const char *>(data), size);
  auto tensor = vmapc::readNpyFromBuffer(bytes, "fuzz.npy");
  if (!tensor) {
    llvm::consumeError(tensor.takeError());
    return 0;
  }
  // Touch every element (ASan checks the buffer is as large as claimed).
  volatile double sink = 0;
  for (int64_t i = 0; i < tensor->numElements(); ++i)
    sink = sink + tensor->getDouble(i);
  std::string encoded = vmapc::encodeNpy(*tensor);
  auto again = vmapc::readNpyFromBuffer(encoded, "re-encoded.npy");
  if (!again || again->shape() != tensor->shape() ||
      again->dtype() != tensor->dtype() ||
      std::memcmp(again->rawData(), tensor->rawData(), tensor->sizeInBytes()) !=
          0)
    __builtin_trap();
  return 0;
}
