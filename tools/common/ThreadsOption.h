//===- ThreadsOption.h - The --threads option of the vmapc tools -*- C++
//-*-===//
//
// LLVM's libraries register a cl option `threads` of their own, so the
// tools take `--threads=N` / `--threads N` (one or two dashes) out of argv
// before LLVM's parser sees the rest. Shared by vmapc-run and vmapc-compile.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_TOOLS_COMMON_THREADSOPTION_H
#define VMAPC_TOOLS_COMMON_THREADSOPTION_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

namespace vmapc::tools {

/// Removes the option from argv and returns N (0 when absent), or an error
/// for a missing or bad value (a whole number from 1 to 4096).
inline llvm::Expected<unsigned> takeThreadsOption(int &argc, char **argv) {
  auto error = [](const llvm::Twine &message) {
    return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
  };
  unsigned threads = 0;
  int out = 1;
  for (int i = 1; i < argc; ++i) {
    llvm::StringRef arg(argv[i]);
    llvm::StringRef value;
    if (!arg.consume_front("--") && !arg.consume_front("-")) {
      argv[out++] = argv[i];
      continue;
    }
    if (arg == "threads") {
      if (i + 1 >= argc || llvm::StringRef(argv[i + 1]).starts_with("-"))
        return error("--threads needs a value");
      value = argv[++i];
    } else if (arg.consume_front("threads=")) {
      value = arg;
    } else {
      argv[out++] = argv[i];
      continue;
    }
    long long n;
    if (value.getAsInteger(10, n) || n <= 0 || n > 4096)
      return error("--threads must be a whole number from 1 to 4096, got '" +
                   value + "'");
    threads = static_cast<unsigned>(n);
  }
  argc = out;
  argv[argc] = nullptr;
  return threads;
}

} // namespace vmapc::tools

#endif // VMAPC_TOOLS_COMMON_THREADSOPTION_H
