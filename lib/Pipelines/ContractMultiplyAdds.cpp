//===- ContractMultiplyAdds.cpp - Allow FMA contraction ---------*- C++ -*-===//
//
// Adds the `contract` fast-math flag to float multiplies, adds, subtractions
// and negations. The flag reaches LLVM IR through the arith-to-LLVM
// conversion, and LLVM's instruction selection then fuses a contractible
// fmul into the contractible fadd/fsub that uses it (one FMA, one rounding).
//
//===----------------------------------------------------------------------===//
#include "vmapc/Pipelines/Passes.h"

#include "mlir/Dialect/Arith/IR/Arith.h"

namespace vmapc {
#define GEN_PASS_DEF_VMAPCCONTRACTMULTIPLYADDS
#include "vmapc/Pipelines/Passes.h.inc"
} // namespace vmapc

using namespace mlir;

namespace {
struct ContractMultiplyAdds
    : public vmapc::impl::VmapcContractMultiplyAddsBase<ContractMultiplyAdds> {
  void runOnOperation() override {
    getOperation()->walk([](Operation *op) {
      // A negation folds into an FMA's sign (fnmadd/fmsub) only when it is
      // contractible too.
      if (!isa<arith::MulFOp, arith::AddFOp, arith::SubFOp, arith::NegFOp>(op))
        return;
      auto fastMath = cast<arith::ArithFastMathInterface>(op);
      arith::FastMathFlags flags = arith::FastMathFlags::contract;
      if (arith::FastMathFlagsAttr old = fastMath.getFastMathFlagsAttr())
        flags = flags | old.getValue();
      op->setAttr(fastMath.getFastMathAttrName(),
                  arith::FastMathFlagsAttr::get(op->getContext(), flags));
    });
  }
};
} // namespace
