//===- Context.cpp - MLIR contexts for compiling vmapc modules ------------===//

#include "vmapc/Target/Context.h"

#include "dialect/VmapcDialect.h"
#include "vmapc/Pipelines/TransformOps.h"

#include "mlir/Dialect/Affine/IR/ValueBoundsOpInterfaceImpl.h"
#include "mlir/Dialect/Func/Extensions/AllExtensions.h"
#include "mlir/Dialect/Linalg/TransformOps/DialectExtension.h"
#include "mlir/Dialect/Tensor/Extensions/AllExtensions.h"
#include "mlir/IR/Location.h"
#include "mlir/InitAllDialects.h"
#include "mlir/Target/LLVMIR/Dialect/Builtin/BuiltinToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/LLVMIR/LLVMToLLVMIRTranslation.h"
#include "mlir/Target/LLVMIR/Dialect/OpenMP/OpenMPToLLVMIRTranslation.h"

#include "llvm/Support/raw_ostream.h"

using namespace mlir;

DialectRegistry &vmapc::compilerRegistry() {
  static DialectRegistry *registry = [] {
    auto *r = new DialectRegistry();
    registerAllDialects(*r);
    // The extensions the pipeline uses, not registerAllExtensions: that one
    // adds every transform-dialect extension, and loading the transform
    // dialect for tile-and-vectorize's schedules then loaded 19 more
    // dialects (GPU, NVVM, ROCDL, SVE, PDL, ...) into every compilation,
    // whose canonicalization patterns every canonicalizer run then collected
    // (4 ms of the NN's 40 ms compile).
    func::registerAllExtensions(*r);
    tensor::registerAllExtensions(*r);
    affine::registerValueBoundsOpInterfaceExternalModels(*r);
    linalg::registerTransformDialectExtension(*r);
    r->insert<vmapc::VmapcDialect>();
    vmapc::registerTransformDialectExtension(*r);
    registerBuiltinDialectTranslation(*r);
    registerLLVMDialectTranslation(*r);
    registerOpenMPDialectTranslation(*r);
    return r;
  }();
  return *registry;
}

vmapc::ErrorCollector::ErrorCollector(MLIRContext *ctx)
    : handler(ctx, [this](Diagnostic &diag) {
        if (diag.getSeverity() != DiagnosticSeverity::Error)
          return success();
        llvm::raw_string_ostream os(errors);
        if (!errors.empty())
          os << "\n";
        if (auto loc = diag.getLocation()->findInstanceOf<FileLineColLoc>())
          os << loc.getFilename().getValue() << ":" << loc.getLine() << ":"
             << loc.getColumn() << ": ";
        os << "error: " << diag.str();
        return success();
      }) {}
