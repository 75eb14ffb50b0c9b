//===- Passes.td - Passes of ahead-of-time compilation -----*- tablegen -*-===//
//
// What vmapc-compile does to a module lowered by --vmapc-lower-to-llvm
// before it becomes an object file.
//
//===----------------------------------------------------------------------===//

#ifndef VMAPC_AOT_PASSES_TD
#define VMAPC_AOT_PASSES_TD

include "mlir/Pass/PassBase.td"

def VmapcExportCEntry : Pass<"vmapc-export-c-entry", "mlir::ModuleOp"> {
  let summary = "Give one lowered function a C entry point; hide the rest";
  let description = [{
    Runs on the LLVM-dialect module that --vmapc-lower-to-llvm produces.
    The function `function` (its array signature is its `vmapc.io_type`)
    gets a C entry point `symbol` taking plain pointers:

      int32_t symbol(int64_t batch,            // only with '?' dims
                     const T0 *in0, ..., T *out0, ...);

    Each pointer is a dense row-major array of the signature's shape, the
    batch size standing for every `?`. The entry point builds the memref
    descriptors the lowered function takes and calls it. It returns 0, or 1
    without running anything if `batch` is negative or a pointer is null
    while its array has elements.

    Every other function and global defined in the module becomes internal,
    so objects of several kernels (each with its own helpers) link into one
    program without clashes, and LLVM may inline the lowered function into
    its entry point.
  }];
  let options = [
    Option<"function", "function", "std::string", /*default=*/"",
           "The lowered function to export">,
    Option<"symbol", "symbol", "std::string", /*default=*/"",
           "Name of the C entry point (default: the function's name)">,
  ];
  let dependentDialects = ["mlir::LLVM::LLVMDialect"];
}

#endif // VMAPC_AOT_PASSES_TD
