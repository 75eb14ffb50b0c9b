//===- Compile.cpp - Ahead-of-time compilation to an object file ----------===//
//
// The JIT's steps, ending in a file instead of process memory: the same
// --vmapc-lower-to-llvm pipeline and target attributes, the same LLVM -O3
// transformer and TargetMachine settings (only position-independent), so an
// AOT kernel runs the code the JIT would.
//
//===----------------------------------------------------------------------===//
#include "vmapc/AOT/Compile.h"

#include "vmapc/AOT/Passes.h"
#include "vmapc/Pipelines/Pipelines.h"
#include "vmapc/Target/Context.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/LLVMIR/LLVMDialect.h"
#include "mlir/ExecutionEngine/ExecutionEngine.h"
#include "mlir/ExecutionEngine/OptUtils.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/Pass/PassManager.h"
#include "mlir/Target/LLVMIR/Export.h"
#include "mlir/Transforms/Passes.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"

using namespace mlir;

namespace {
llvm::Error makeError(const llvm::Twine &message) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), message);
}

/// "file:line:col: " of `loc`, or nothing.
std::string locationPrefix(Location loc) {
  if (auto fileLoc = dyn_cast<FileLineColLoc>(loc))
    return (fileLoc.getFilename().getValue() + ":" +
            llvm::Twine(fileLoc.getLine()) + ":" +
            llvm::Twine(fileLoc.getColumn()) + ": ")
        .str();
  return "";
}

/// Names the entry point must not take: C and C++ keywords and the
/// namespaces of the header (it would not compile), and the library
/// functions that compiled code itself calls (LLVM emits memcpy, memset,
/// libm, OpenMP and MPI calls; an entry point of that name would be called
/// in their place).
std::optional<std::string> reservedBecause(StringRef name) {
  static const llvm::StringSet<> keywords = {"auto",
                                             "break",
                                             "case",
                                             "char",
                                             "const",
                                             "continue",
                                             "default",
                                             "do",
                                             "double",
                                             "else",
                                             "enum",
                                             "extern",
                                             "float",
                                             "for",
                                             "goto",
                                             "if",
                                             "inline",
                                             "int",
                                             "long",
                                             "register",
                                             "restrict",
                                             "return",
                                             "short",
                                             "signed",
                                             "sizeof",
                                             "static",
                                             "struct",
                                             "switch",
                                             "typedef",
                                             "union",
                                             "unsigned",
                                             "void",
                                             "volatile",
                                             "while",
                                             "bool",
                                             "true",
                                             "false",
                                             "alignas",
                                             "alignof",
                                             "and",
                                             "asm",
                                             "catch",
                                             "class",
                                             "concept",
                                             "consteval",
                                             "constexpr",
                                             "constinit",
                                             "const_cast",
                                             "co_await",
                                             "co_return",
                                             "co_yield",
                                             "decltype",
                                             "delete",
                                             "dynamic_cast",
                                             "explicit",
                                             "export",
                                             "friend",
                                             "mutable",
                                             "namespace",
                                             "new",
                                             "noexcept",
                                             "not",
                                             "nullptr",
                                             "operator",
                                             "or",
                                             "private",
                                             "protected",
                                             "public",
                                             "reinterpret_cast",
                                             "requires",
                                             "static_assert",
                                             "static_cast",
                                             "template",
                                             "this",
                                             "thread_local",
                                             "throw",
                                             "try",
                                             "typeid",
                                             "typename",
                                             "using",
                                             "virtual",
                                             "wchar_t",
                                             "xor",
                                             "vmapc",
                                             "std"};
  static const llvm::StringSet<> library = {
      "malloc",  "calloc", "realloc", "free", "aligned_alloc", "memcpy",
      "memmove", "memset", "memcmp",  "bcmp", "abort",         "exit"};
  static const char *const math[] = {
      "sin",      "cos",       "tan",      "asin",  "acos",  "atan",  "atan2",
      "sinh",     "cosh",      "tanh",     "asinh", "acosh", "atanh", "exp",
      "exp2",     "exp10",     "expm1",    "log",   "log2",  "log10", "log1p",
      "pow",      "sqrt",      "cbrt",     "fmod",  "floor", "ceil",  "round",
      "trunc",    "rint",      "fabs",     "fmin",  "fmax",  "erf",   "erfc",
      "tgamma",   "lgamma",    "hypot",    "ldexp", "frexp", "modf",  "sincos",
      "copysign", "nearbyint", "roundeven"};
  if (keywords.contains(name))
    return std::string("a C or C++ keyword, or a namespace of the header");
  if (library.contains(name) || name.starts_with("__kmpc_") ||
      name.starts_with("omp_") || name.starts_with("MPI_") ||
      name.starts_with("ompi_"))
    return std::string("a library function that compiled code calls");
  for (const char *f : math)
    if (name == f || name == (Twine(f) + "f").str())
      return std::string("a libm function that compiled code calls");
  if (name.starts_with("__") ||
      (name.size() > 1 && name[0] == '_' && llvm::isUpper(name[1])))
    return std::string("reserved to the C implementation");
  return std::nullopt;
}

bool isCIdentifier(StringRef name) {
  if (name.empty() || llvm::isDigit(name.front()))
    return false;
  return llvm::all_of(name,
                      [](char c) { return llvm::isAlnum(c) || c == '_'; });
}

/// The array signature of `name` in `module`, or an error saying why it
/// cannot be exported.
llvm::Expected<vmapc::FunctionSignature> exportedSignature(ModuleOp module,
                                                           StringRef name) {
  Operation *op = module.lookupSymbol(name);
  std::string at = locationPrefix(op ? op->getLoc() : module.getLoc());
  FunctionType type;
  if (auto func = dyn_cast_or_null<func::FuncOp>(op)) {
    if (func.isExternal())
      return makeError(at + "error: cannot export '" + name +
                       "': it is only declared, without a body");
    if (!func.isPublic())
      return makeError(at + "error: cannot export '" + name +
                       "': it is private");
    type = func.getFunctionType();
  } else if (auto func = dyn_cast_or_null<LLVM::LLVMFuncOp>(op)) {
    auto io = func->getAttrOfType<TypeAttr>("vmapc.io_type");
    if (func.isExternal() || !io || !isa<FunctionType>(io.getValue()))
      return makeError(at + "error: cannot export '" + name +
                       "': an llvm.func needs the vmapc.io_type that "
                       "--vmapc-lower-to-llvm records");
    type = cast<FunctionType>(io.getValue());
  } else {
    std::string known;
    for (auto func : module.getOps<func::FuncOp>())
      if (func.isPublic() && !func.isExternal())
        known += (known.empty() ? "" : ", ") + func.getSymName().str();
    return makeError(at + "error: no function '" + name +
                     "' in the module (public functions: " +
                     (known.empty() ? "none" : known) + ")");
  }
  std::optional<vmapc::FunctionSignature> sig = vmapc::signatureOf(name, type);
  if (!sig)
    return makeError(at + "error: cannot export '" + name +
                     "': " + vmapc::kCallableTypes);
  return *sig;
}
} // namespace

llvm::Expected<vmapc::AotKernel>
vmapc::compileKernel(ModuleOp module, const AotOptions &options) {
  initializeNativeTarget();
  MLIRContext *ctx = module.getContext();
  ctx->appendDialectRegistry(compilerRegistry());
  // Dialects load as the pipeline's passes need them (as in the JIT).

  AotKernel kernel;
  kernel.symbol = options.symbol.empty() ? options.function : options.symbol;
  if (!isCIdentifier(kernel.symbol))
    return makeError("error: the entry point name '" + kernel.symbol +
                     "' is not a C identifier (letters, digits and '_', not "
                     "starting with a digit); choose one with --name");
  if (kernel.symbol == "main")
    return makeError("error: the entry point cannot be called 'main' (it "
                     "would be the program's main function); choose a name "
                     "with --name");
  if (std::optional<std::string> why = reservedBecause(kernel.symbol))
    return makeError("error: the entry point cannot be called '" +
                     kernel.symbol + "': it is " + *why +
                     "; choose another name with --name");
  auto sig = exportedSignature(module, options.function);
  if (!sig)
    return sig.takeError();
  kernel.signature = std::move(*sig);
  auto target = resolveTarget(options.target);
  if (!target)
    return makeError("error: " + llvm::toString(target.takeError()));
  kernel.target = *target;

  OwningOpRef<ModuleOp> lowered(cast<ModuleOp>(module->clone()));
  ErrorCollector errors(ctx);
  PassManager pm(ctx);
  if (!isLoweredToLLVM(module)) {
    // Only the exported function and what it calls (or vmaps) are
    // compiled: the others become private and symbol-dce drops them.
    for (auto func : lowered->getOps<func::FuncOp>())
      if (func.getSymName() != options.function && !func.isExternal())
        func.setPrivate();
    pm.addPass(createSymbolDCEPass());
    LowerToLLVMOptions pipeline;
    pipeline.targetCpu = target->cpu;
    pipeline.targetFeatures = target->features;
    pipeline.numThreads = options.numThreads;
    pipeline.fpContract = options.fpContract;
    buildVmapcLowerToLLVMPipeline(pm, pipeline);
  }
  VmapcExportCEntryOptions entry;
  entry.function = options.function;
  entry.symbol = kernel.symbol;
  pm.addPass(createVmapcExportCEntry(entry));
  if (failed(pm.run(*lowered)))
    return makeError(
        errors.text("error: compiling '" + options.function + "' failed"));

  llvm::LLVMContext llvmContext;
  std::unique_ptr<llvm::Module> llvmModule =
      translateModuleToLLVMIR(*lowered, llvmContext, kernel.symbol);
  if (!llvmModule)
    return makeError(errors.text("error: translating '" + options.function +
                                 "' to LLVM IR failed"));
  auto tm = createTargetMachine(*target, options.optLevel, /*pic=*/true);
  if (!tm)
    return makeError("error: " + llvm::toString(tm.takeError()));
  ExecutionEngine::setupTargetTripleAndDataLayout(llvmModule.get(), tm->get());
  auto optimize = makeOptimizingTransformer(std::min(options.optLevel, 3u),
                                            /*sizeLevel=*/0, tm->get());
  if (llvm::Error err = optimize(llvmModule.get()))
    return makeError("error: optimizing '" + options.function +
                     "' failed: " + llvm::toString(std::move(err)));

  // What is left after optimization is what the object calls.
  kernel.numThreads = options.numThreads;
  kernel.usesOpenMP = llvm::any_of(llvmModule->functions(), [](auto &f) {
    return f.isDeclaration() && !f.use_empty() &&
           f.getName().starts_with("__kmpc_");
  });

  llvm::raw_svector_ostream os(kernel.object);
  llvm::legacy::PassManager codegen;
  if ((*tm)->addPassesToEmitFile(codegen, os, nullptr,
                                 llvm::CodeGenFileType::ObjectFile))
    return makeError("error: the target cannot emit object files");
  codegen.run(*llvmModule);
  return kernel;
}
