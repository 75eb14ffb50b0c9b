//===- ExportCEntry.cpp - A C entry point for one lowered function --------===//
//
// The lowered function takes every array as an expanded memref descriptor
// (allocated pointer, aligned pointer, offset, sizes..., strides...), which
// is no interface to hand a C programmer. Its entry point takes one pointer
// per array and the batch size, and fills in the rest: offsets 0, the
// signature's sizes, row-major strides.
//
//===----------------------------------------------------------------------===//
#include "vmapc/AOT/Passes.h"

#include "vmapc/Target/Signature.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/SymbolTable.h"

namespace vmapc {
#define GEN_PASS_DEF_VMAPCEXPORTCENTRY
#include "vmapc/AOT/Passes.h.inc"
} // namespace vmapc

using namespace mlir;

namespace {

/// An i64 known at compile time or computed from the batch size.
struct Size {
  std::optional<int64_t> constant;
  Value value;
};

class EntryBuilder {
public:
  EntryBuilder(OpBuilder &b, Location loc, Value batch)
      : b(b), loc(loc), batch(batch) {}

  Value materialize(const Size &s) {
    if (!s.constant)
      return s.value;
    return LLVM::ConstantOp::create(b, loc, b.getI64Type(),
                                    b.getI64IntegerAttr(*s.constant));
  }

  Size multiply(const Size &x, const Size &y) {
    if (x.constant && y.constant)
      return {*x.constant * *y.constant, {}};
    if (x.constant == 1)
      return y;
    if (y.constant == 1)
      return x;
    return {std::nullopt,
            LLVM::MulOp::create(b, loc, materialize(x), materialize(y))};
  }

  Size dim(int64_t d) {
    if (d == vmapc::TensorSpec::kDynamic)
      return {std::nullopt, batch};
    return {d, {}};
  }

  /// The descriptor fields of a dense row-major array at `ptr`.
  void appendDescriptor(Value ptr, const vmapc::TensorSpec &spec,
                        SmallVectorImpl<Value> &operands) {
    operands.push_back(ptr);
    operands.push_back(ptr);
    operands.push_back(materialize({0, {}}));
    size_t rank = spec.shape.size();
    SmallVector<Size> strides(rank);
    Size stride{1, {}};
    for (size_t d = rank; d-- > 0;) {
      strides[d] = stride;
      stride = multiply(stride, dim(spec.shape[d]));
    }
    for (int64_t d : spec.shape)
      operands.push_back(materialize(dim(d)));
    for (const Size &s : strides)
      operands.push_back(materialize(s));
  }

  /// i1: whether `ptr` may be used for `spec` (non-null, or no elements).
  Value pointerIsUsable(Value ptr, const vmapc::TensorSpec &spec) {
    int64_t staticElements = 1;
    bool dynamic = false;
    for (int64_t d : spec.shape) {
      if (d == vmapc::TensorSpec::kDynamic)
        dynamic = true;
      else
        staticElements *= d;
    }
    if (staticElements == 0)
      return {};
    Value null = LLVM::ZeroOp::create(b, loc, ptr.getType());
    Value nonNull =
        LLVM::ICmpOp::create(b, loc, LLVM::ICmpPredicate::ne, ptr, null);
    if (!dynamic)
      return nonNull;
    Value empty = LLVM::ICmpOp::create(b, loc, LLVM::ICmpPredicate::eq, batch,
                                       materialize({0, {}}));
    return LLVM::OrOp::create(b, loc, nonNull, empty);
  }

private:
  OpBuilder &b;
  Location loc;
  Value batch;
};

/// A symbol name not yet used in `module`, starting from `base`.
std::string uniqueName(ModuleOp module, const std::string &base) {
  std::string name = base;
  for (int i = 1; module.lookupSymbol(name); ++i)
    name = base + "_" + std::to_string(i);
  return name;
}

struct ExportCEntryPass : vmapc::impl::VmapcExportCEntryBase<ExportCEntryPass> {
  using VmapcExportCEntryBase::VmapcExportCEntryBase;

  void runOnOperation() override {
    ModuleOp module = getOperation();
    if (failed(exportEntry(module)))
      signalPassFailure();
  }

  LogicalResult exportEntry(ModuleOp module) {
    auto impl = module.lookupSymbol<LLVM::LLVMFuncOp>(function);
    if (!impl || impl.isExternal())
      return module.emitError()
             << "no lowered function '" << function << "' to export";
    auto io = impl->getAttrOfType<TypeAttr>("vmapc.io_type");
    if (!io || !isa<FunctionType>(io.getValue()))
      return impl.emitError() << "cannot export '" << function
                              << "': it has no vmapc.io_type (lower it with "
                                 "--vmapc-lower-to-llvm)";
    std::optional<vmapc::FunctionSignature> sig =
        vmapc::signatureOf(function, cast<FunctionType>(io.getValue()));
    if (!sig)
      return impl.emitError()
             << "cannot export '" << function << "': " << vmapc::kCallableTypes;
    auto arrays = llvm::to_vector(
        llvm::concat<const vmapc::TensorSpec>(sig->inputs, sig->outputs));
    size_t fields = 0;
    for (const vmapc::TensorSpec &t : arrays)
      fields += 3 + 2 * t.shape.size();
    if (impl.getNumArguments() != fields || impl.getNumResults() != 0)
      return impl.emitError()
             << "cannot export '" << function << "': expected " << fields
             << " descriptor arguments and no results for its signature "
             << io.getValue();

    std::string entryName =
        symbol.empty() ? std::string(function) : std::string(symbol);
    if (entryName == impl.getSymName()) {
      std::string implName = uniqueName(module, "__vmapc_" + entryName);
      if (failed(SymbolTable::replaceAllSymbolUses(
              impl, StringAttr::get(&getContext(), implName), module)))
        return impl.emitError() << "cannot rename '" << function << "'";
      impl.setSymName(implName);
    } else if (module.lookupSymbol(entryName)) {
      return module.emitError() << "the entry point name '" << entryName
                                << "' is already a symbol of the module";
    }

    // Nothing but the entry point is visible outside the object.
    for (auto f : module.getOps<LLVM::LLVMFuncOp>())
      if (!f.isExternal())
        f.setLinkage(LLVM::Linkage::Internal);
    for (auto g : module.getOps<LLVM::GlobalOp>()) {
      bool declaration = g.getLinkage() == LLVM::Linkage::External &&
                         !g.getValueOrNull() &&
                         g.getInitializerRegion().empty();
      if (!declaration && g.getLinkage() != LLVM::Linkage::Private)
        g.setLinkage(LLVM::Linkage::Internal);
    }

    OpBuilder b(module.getBodyRegion());
    b.setInsertionPointToEnd(module.getBody());
    Location loc = impl.getLoc();
    Type i64 = b.getI64Type(), i32 = b.getI32Type();
    auto ptr = LLVM::LLVMPointerType::get(&getContext());
    SmallVector<Type> params;
    if (sig->isDynamic())
      params.push_back(i64);
    params.append(arrays.size(), ptr);
    auto entry = LLVM::LLVMFuncOp::create(
        b, loc, entryName, LLVM::LLVMFunctionType::get(i32, params));
    // The same target as the body, so LLVM may inline it.
    for (StringRef attr : {"target_cpu", "target_features"})
      if (Attribute a = impl->getAttr(attr))
        entry->setAttr(attr, a);

    Block *body = entry.addEntryBlock(b);
    Block *run = entry.addBlock();
    Block *reject = entry.addBlock();
    b.setInsertionPointToStart(body);
    Value batch = sig->isDynamic() ? body->getArgument(0) : Value();
    EntryBuilder eb(b, loc, batch);
    auto pointers = body->getArguments().drop_front(sig->isDynamic() ? 1 : 0);

    Value ok =
        LLVM::ConstantOp::create(b, loc, b.getI1Type(), b.getBoolAttr(true));
    if (batch)
      ok = LLVM::ICmpOp::create(b, loc, LLVM::ICmpPredicate::sge, batch,
                                eb.materialize({0, {}}));
    for (auto [p, spec] : llvm::zip_equal(pointers, arrays))
      if (Value usable = eb.pointerIsUsable(p, spec))
        ok = LLVM::AndOp::create(b, loc, ok, usable);
    LLVM::CondBrOp::create(b, loc, ok, run, reject);

    b.setInsertionPointToStart(run);
    SmallVector<Value> operands;
    for (auto [p, spec] : llvm::zip_equal(pointers, arrays))
      eb.appendDescriptor(p, spec, operands);
    LLVM::CallOp::create(b, loc, impl, operands);
    LLVM::ReturnOp::create(
        b, loc,
        LLVM::ConstantOp::create(b, loc, i32, b.getI32IntegerAttr(0))
            .getResult());

    b.setInsertionPointToStart(reject);
    LLVM::ReturnOp::create(
        b, loc,
        LLVM::ConstantOp::create(b, loc, i32, b.getI32IntegerAttr(1))
            .getResult());
    return success();
  }
};

} // namespace
