//===- Header.cpp - The C/C++ header of an AOT kernel ---------------------===//
//
// The header is the kernel's documentation as much as its declaration: it
// states each array's dtype and shape, what the batch size is, the return
// codes and what to link, so a user never needs to read the .mlir.
//
//===----------------------------------------------------------------------===//
#include "vmapc/AOT/Compile.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FormatVariadic.h"

using namespace vmapc;

namespace {
const char *cType(DType t) {
  switch (t) {
  case DType::F32:
    return "float";
  case DType::F64:
    return "double";
  case DType::I1:
    return "bool";
  case DType::I32:
    return "int32_t";
  case DType::I64:
    return "int64_t";
  }
  return "void";
}

/// "f32[n, 784]": the signature's shape with the batch size named `n`.
std::string shapeText(const TensorSpec &spec) {
  std::string s = std::string(dtypeName(spec.dtype)) + "[";
  for (size_t d = 0; d < spec.shape.size(); ++d)
    s += (d ? ", " : "") + (spec.shape[d] == TensorSpec::kDynamic
                                ? std::string("n")
                                : std::to_string(spec.shape[d]));
  return s + "]";
}

/// "{-1, 784}".
std::string shapeList(const TensorSpec &spec) {
  std::string s = "{";
  for (size_t d = 0; d < spec.shape.size(); ++d)
    s += (d ? ", " : "") + std::to_string(spec.shape[d]);
  return s + "}";
}

struct Param {
  std::string name;
  const TensorSpec *spec;
  bool output;
};

std::vector<Param> paramsOf(const FunctionSignature &sig) {
  std::vector<Param> params;
  for (size_t i = 0; i < sig.inputs.size(); ++i)
    params.push_back({"in" + std::to_string(i), &sig.inputs[i], false});
  for (size_t i = 0; i < sig.outputs.size(); ++i)
    params.push_back({"out" + std::to_string(i), &sig.outputs[i], true});
  return params;
}

std::string viewType(const Param &p) {
  return std::string("vmapc::ArrayView<") + (p.output ? "" : "const ") +
         cType(p.spec->dtype) + ">";
}

void writeCDeclaration(llvm::raw_ostream &os, const AotKernel &k,
                       const std::vector<Param> &params) {
  os << "int32_t " << k.symbol << "(";
  bool first = true;
  if (k.signature.isDynamic()) {
    os << "int64_t n";
    first = false;
  }
  for (const Param &p : params) {
    os << (first ? "" : ", ") << (p.output ? "" : "const ")
       << cType(p.spec->dtype) << " *" << p.name;
    first = false;
  }
  if (first)
    os << "void";
  os << ")";
}

void writeCxxOverloads(llvm::raw_ostream &os, const AotKernel &k,
                       const std::vector<Param> &params) {
  // Without arrays the C function is all there is (an overload would
  // differ from it only in its return type).
  if (params.empty())
    return;
  const std::string &name = k.symbol;
  bool dynamic = k.signature.isDynamic();
  auto checks = [&](bool withOutputs) {
    os << "  int64_t batch = -1;\n  (void)batch;\n";
    for (size_t i = 0; i < params.size(); ++i) {
      const Param &p = params[i];
      if (p.output && !withOutputs)
        continue;
      os << llvm::formatv("  vmapc::aot::checkShape(\"{0}\", \"{1} {2}\", "
                          "{3}.shape(), {4}, batch);\n",
                          name, p.output ? "output" : "input",
                          p.name.substr(p.output ? 3 : 2), p.name,
                          shapeList(*p.spec));
    }
  };

  os << "/// " << name << " on vmapc arrays (vmapc::Array converts to a "
     << "view): checks every\n/// shape against the signature";
  if (dynamic)
    os << " (n from the first input that has it)";
  os << " and throws\n/// vmapc::Error on a mismatch or a null pointer.\n";
  os << "inline void " << name << "(";
  for (size_t i = 0; i < params.size(); ++i)
    os << (i ? ",\n    " : "") << viewType(params[i]) << " " << params[i].name;
  os << ") {\n";
  checks(true);
  os << "  if (::" << name << "(" << (dynamic ? "batch" : "");
  for (size_t i = 0; i < params.size(); ++i)
    os << ((i || dynamic) ? ", " : "") << params[i].name << ".data()";
  os << ") != 0)\n    throw vmapc::Error(\"" << name
     << ": an array with elements has a null data pointer\");\n}\n";

  if (k.signature.outputs.empty())
    return;
  std::vector<std::string> results;
  for (const Param &p : params)
    if (p.output)
      results.push_back(std::string("vmapc::Array<") + cType(p.spec->dtype) +
                        ">");
  std::string resultType =
      results.size() == 1 ? results.front()
                          : "std::tuple<" + llvm::join(results, ", ") + ">";
  os << "\n/// " << name << " on vmapc arrays, allocating "
     << (results.size() == 1 ? "its result" : "its results") << ".\n";
  os << "inline " << resultType << " " << name << "(";
  bool first = true;
  for (const Param &p : params)
    if (!p.output) {
      os << (first ? "" : ",\n    ") << viewType(p) << " " << p.name;
      first = false;
    }
  os << ") {\n";
  checks(false);
  std::vector<std::string> outs;
  for (const Param &p : params)
    if (p.output) {
      os << "  vmapc::Array<" << cType(p.spec->dtype) << "> " << p.name
         << "(vmapc::aot::resolveShape(" << shapeList(*p.spec)
         << ", batch));\n";
      outs.push_back(p.name);
    }
  os << "  " << name << "(";
  for (size_t i = 0; i < params.size(); ++i)
    os << (i ? ", " : "") << params[i].name;
  os << ");\n";
  if (outs.size() == 1) {
    os << "  return " << outs.front() << ";\n}\n";
  } else {
    os << "  return " << resultType << "(";
    for (size_t i = 0; i < outs.size(); ++i)
      os << (i ? ", " : "") << "std::move(" << outs[i] << ")";
    os << ");\n}\n";
  }
}
} // namespace

void vmapc::writeHeader(llvm::raw_ostream &os, const AotKernel &k,
                        llvm::StringRef sourceName) {
  std::vector<Param> params = paramsOf(k.signature);
  std::string guard =
      "VMAPC_KERNEL_" + llvm::StringRef(k.symbol).upper() + "_H";
  bool dynamic = k.signature.isDynamic();

  os << "/* " << k.symbol << ": a vmapc kernel compiled ahead of time.\n"
     << " *\n"
     << " * Generated by vmapc-compile from " << sourceName << ", function @"
     << k.signature.name << ",\n"
     << " * for CPU " << k.target.cpu
     << ". Do not edit; regenerate it with the object file.\n"
     << " *\n"
     << " *   ";
  writeCDeclaration(os, k, params);
  os << ";\n *\n";
  size_t width = 0;
  for (const Param &p : params)
    width = std::max(width, p.name.size());
  for (const Param &p : params)
    os << " *   " << p.name << std::string(width - p.name.size() + 2, ' ')
       << shapeText(*p.spec)
       << (p.output ? "  output, written by the kernel\n"
                    : "  input, read only\n");
  os << " *\n"
     << " * Every array is dense and row-major (C order), with the dtype and "
        "shape above";
  if (dynamic)
    os << ";\n * n is the batch size, any n >= 0, the same for every array "
          "that has it.\n * One kernel serves every batch size";
  os << ".\n"
     << " * Outputs must not overlap inputs or each other. Returns 0, or 1 "
        "without\n"
     << " * running anything if " << (dynamic ? "n < 0 or " : "")
     << "a pointer is null while its array has elements.\n"
     << " * Reentrant: calls from several threads at once are safe. "
        "Temporaries come\n * from malloc.\n";
  if (k.usesOpenMP && k.numThreads)
    os << " *\n * It runs parallel vmaps on LLVM's OpenMP runtime: link "
          "libomp (vmapc_add_kernel\n * does). It was compiled for "
       << k.numThreads << " thread(s) (--threads).\n";
  else if (k.usesOpenMP)
    os << " *\n * It runs parallel vmaps on LLVM's OpenMP runtime: link "
          "libomp (vmapc_add_kernel\n * does); OMP_NUM_THREADS sets the "
          "thread count (default: all cores).\n";
  else
    os << " * Needs libc and libm only.\n";
  os << " *\n"
     << " * C++20 also gets overloads taking vmapc::ArrayView (and "
        "vmapc::Array) that\n"
     << " * check shapes and throw vmapc::Error, one of them allocating the "
        "results;\n"
     << " * define VMAPC_KERNEL_C_ONLY to leave them out.\n"
     << " */\n";
  os << "#ifndef " << guard << "\n#define " << guard << "\n\n"
     << "#include <stdint.h>\n";
  if (llvm::any_of(params,
                   [](const Param &p) { return p.spec->dtype == DType::I1; }))
    os << "#ifndef __cplusplus\n#include <stdbool.h>\n#endif\n";
  os << "\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n";
  writeCDeclaration(os, k, params);
  os << ";\n\n#ifdef __cplusplus\n} // extern \"C\"\n#endif\n";
  os << "\n#if defined(__cplusplus) && __cplusplus >= 202002L && "
        "!defined(VMAPC_KERNEL_C_ONLY)\n"
     << "#include <vmapc/AotKernel.h>\n";
  if (k.signature.outputs.size() > 1)
    os << "#include <tuple>\n#include <utility>\n";
  os << "\n";
  writeCxxOverloads(os, k, params);
  os << "#endif\n\n#endif // " << guard << "\n";
}
