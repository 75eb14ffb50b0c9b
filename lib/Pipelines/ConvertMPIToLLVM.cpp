//===- ConvertMPIToLLVM.cpp - The mpi dialect to MPI C calls --------------===//

#include "vmapc/Pipelines/Passes.h"

#include "mlir/Conversion/LLVMCommon/TypeConverter.h"
#include "mlir/Conversion/MPIToLLVM/MPIToLLVM.h"
#include "mlir/Dialect/MPI/IR/MPI.h"
#include "mlir/Dialect/Shard/IR/ShardOps.h"
#include "mlir/IR/Matchers.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "mlir/Transforms/DialectConversion.h"

namespace vmapc {
#define GEN_PASS_DEF_VMAPCCONVERTMPITOLLVM
#include "vmapc/Pipelines/Passes.h.inc"
} // namespace vmapc

using namespace mlir;

namespace {
/// mpi.allreduce reads its send buffer and writes its receive buffer.
/// Upstream declares no effects, and the buffer deallocation pipeline
/// (which runs between --convert-shard-to-mpi and this pass) rejects
/// ops with memref operands and unknown effects.
struct AllReduceEffects
    : MemoryEffectOpInterface::ExternalModel<AllReduceEffects,
                                             mpi::AllReduceOp> {
  void
  getEffects(Operation *op,
             SmallVectorImpl<SideEffects::EffectInstance<MemoryEffects::Effect>>
                 &effects) const {
    auto allReduce = cast<mpi::AllReduceOp>(op);
    effects.emplace_back(MemoryEffects::Read::get(),
                         &allReduce.getSendbufMutable());
    effects.emplace_back(MemoryEffects::Read::get(),
                         &allReduce.getRecvbufMutable());
    effects.emplace_back(MemoryEffects::Write::get(),
                         &allReduce.getRecvbufMutable());
  }
};

/// MLIR 22's OpenMPI lowering refers to the predefined reduction ops as
/// `ompi_mpi_sum`, `ompi_mpi_max`, ...; OpenMPI (4.x and 5.x) exports them
/// as `ompi_mpi_op_sum`, `ompi_mpi_op_max`, ..., so the JIT found no
/// `ompi_mpi_sum`. Datatypes (`ompi_mpi_float`) and communicators
/// (`ompi_mpi_comm_world`) are named right.
void fixOpenMPIOpNames(ModuleOp module) {
  static constexpr StringLiteral kOps[] = {
      "sum", "max",  "min",  "prod",   "land",   "band",   "lor",
      "bor", "lxor", "bxor", "minloc", "maxloc", "replace"};
  for (auto global :
       llvm::make_early_inc_range(module.getOps<LLVM::GlobalOp>())) {
    StringRef name = global.getSymName();
    if (!name.consume_front("ompi_mpi_") || !llvm::is_contained(kOps, name))
      continue;
    std::string fixed = ("ompi_mpi_op_" + name).str();
    if (SymbolTable::lookupSymbolIn(module, fixed))
      continue;
    if (succeeded(SymbolTable::replaceAllSymbolUses(
            global, StringAttr::get(module.getContext(), fixed), module)))
      global.setSymName(fixed);
  }
}

/// --convert-shard-to-mpi splits MPI_COMM_WORLD before every collective,
/// into the ranks of the grid axes: color 0 for all, key = rank mod R. With
/// the one grid --vmapc-lower-pmap builds, whose R is the world's size,
/// that communicator has the world's ranks in the world's order, so the
/// world itself serves. (The split was also a collective call per
/// all_reduce, and its communicators were never freed; and MLIR 22's
/// OpenMPI lowering of its result crashed in MPI_Allreduce.) A split whose
/// color is not a constant is left alone.
void useWorldForWholeGridSplits(ModuleOp module) {
  module.walk([](mpi::CommSplitOp split) {
    if (!split.getComm().getDefiningOp<mpi::CommWorldOp>() ||
        !matchPattern(split.getColor(), m_Constant()) ||
        (split.getRetval() && !split.getRetval().use_empty()))
      return;
    split.getNewcomm().replaceAllUsesWith(split.getComm());
    split.erase();
  });
}

struct ConvertMPIToLLVMPass
    : vmapc::impl::VmapcConvertMPIToLLVMBase<ConvertMPIToLLVMPass> {
  void getDependentDialects(DialectRegistry &registry) const override {
    VmapcConvertMPIToLLVMBase::getDependentDialects(registry);
    // Registered with every pipeline that lowers MPI, before its passes run.
    registry.addExtension(+[](MLIRContext *ctx, mpi::MPIDialect *) {
      mpi::AllReduceOp::attachInterface<AllReduceEffects>(*ctx);
    });
  }

  void runOnOperation() override {
    ModuleOp module = getOperation();
    bool hasMPI =
        module
            .walk([](Operation *op) {
              return isa_and_nonnull<mpi::MPIDialect>(op->getDialect())
                         ? WalkResult::interrupt()
                         : WalkResult::advance();
            })
            .wasInterrupted();
    if (!hasMPI)
      return;
    useWorldForWholeGridSplits(module);
    LLVMTypeConverter converter(&getContext());
    RewritePatternSet patterns(&getContext());
    mpi::populateMPIToLLVMConversionPatterns(converter, patterns);
    ConversionTarget target(getContext());
    target.addIllegalDialect<mpi::MPIDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    if (failed(applyPartialConversion(module, target, std::move(patterns)))) {
      signalPassFailure();
      return;
    }
    fixOpenMPIOpNames(module);
    // The grids that --convert-shard-to-mpi resolved to ranks have no use
    // left, and no LLVM IR form.
    for (auto grid : llvm::make_early_inc_range(module.getOps<shard::GridOp>()))
      if (SymbolTable::symbolKnownUseEmpty(grid, module))
        grid.erase();
  }
};
} // namespace
