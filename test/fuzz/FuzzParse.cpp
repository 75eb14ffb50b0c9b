//===- FuzzParse.cpp - libFuzzer: parse and verify --------------*- C++ -*-===//
//
// The first thing every tool does with a user's file: parse (generic and
// custom syntax of every vmapc op) and verify. Malformed input must give a
// diagnostic, never a crash; a module that verifies must also print and
// parse back.
//
//===----------------------------------------------------------------------===//
#include "FuzzCommon.h"

#include "llvm/Support/raw_ostream.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  mlir::MLIRContext ctx(vmapc::fuzz::registry());
  auto module = vmapc::fuzz::parseAndVerify(ctx, data, size);
  if (!module)
    return 0;
  // Round trip through both printers: the printed form of a valid module
  // must parse again.
  for (bool generic : {false, true}) {
    std::string printed;
    llvm::raw_string_ostream os(printed);
    mlir::OpPrintingFlags flags;
    if (generic)
      flags.printGenericOpForm();
    module->print(os, flags);
    auto again = mlir::parseSourceString<mlir::ModuleOp>(printed, &ctx);
    if (!again) {
      llvm::errs() << "printed module does not parse:\n" << printed << "\n";
      __builtin_trap();
    }
  }
  return 0;
}
