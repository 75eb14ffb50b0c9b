//===- VmapcToLinalg.cpp - Lower vmapc ops to linalg and friends -*- C++
//-*-===//
//
// One conversion pattern per vmapc op. Everything stays on builtin tensors
// with static shapes, so no type conversion is needed: the patterns only
// replace ops. Named linalg ops are used where one exists (the tiling and
// vectorization stages of the pipeline recognise them), linalg.generic for
// elementwise maps. The small linear-algebra ops run one matrix per SIMD lane
// (a linalg.generic over the batch, unrolled over the matrix indices, with
// pivoting by select), or as scf.for loops over tensors for large matrices.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Conversion/Passes.h"

#include "dialect/VmapcOps.h"

#include "mlir/Dialect/Arith/Utils/Utils.h"
#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/Dialect/Utils/ReshapeOpsUtils.h"
#include "mlir/Dialect/Utils/StaticValueUtils.h"
#include "mlir/IR/AffineMap.h"
#include "mlir/Transforms/DialectConversion.h"

#include <cmath>
#include <limits>

namespace vmapc {
#define GEN_PASS_DEF_CONVERTVMAPCTOLINALG
#include "vmapc/Conversion/Passes.h.inc"
} // namespace vmapc

using namespace mlir;
using namespace vmapc;

namespace {

//===----------------------------------------------------------------------===//
// Helpers
//===----------------------------------------------------------------------===//

RankedTensorType tensorType(Value v) {
  return cast<RankedTensorType>(v.getType());
}

bool isFloatType(Type t) { return isa<FloatType>(t); }

Value emptyTensor(OpBuilder &b, Location loc, RankedTensorType type) {
  return tensor::EmptyOp::create(b, loc, type.getShape(),
                                 type.getElementType());
}

Value indexConst(OpBuilder &b, Location loc, int64_t v) {
  return arith::ConstantIndexOp::create(b, loc, v);
}

/// A scalar constant of `type` (float or integer) with value `v`.
Value scalarConst(OpBuilder &b, Location loc, Type type, double v) {
  if (auto ft = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(ft, v));
  return arith::ConstantOp::create(
      b, loc, b.getIntegerAttr(type, static_cast<int64_t>(v)));
}

/// `type` filled with the scalar `value`.
Value filled(OpBuilder &b, Location loc, RankedTensorType type, Value value) {
  Value empty = emptyTensor(b, loc, type);
  return linalg::FillOp::create(b, loc, ValueRange{value}, ValueRange{empty})
      .getResult(0);
}

/// Row-major reshape of `v` to `target` (same element count) with
/// collapse_shape / expand_shape, so bufferization turns it into a view.
/// Shapes that are neither a pure collapse nor a pure expansion go through a
/// rank-1 tensor.
Value reshapeTo(OpBuilder &b, Location loc, Value v, RankedTensorType target) {
  RankedTensorType src = tensorType(v);
  if (src == target)
    return v;
  // An empty tensor has no contents to move, and the reassociations below
  // cannot be computed for shapes with a size-0 dim.
  if (src.getNumElements() == 0)
    return tensor::EmptyOp::create(b, loc, target.getShape(),
                                   target.getElementType());
  ArrayRef<int64_t> from = src.getShape(), to = target.getShape();
  if (to.size() < from.size()) {
    if (auto re = getReassociationIndicesForCollapse(from, to))
      return tensor::CollapseShapeOp::create(b, loc, target, v, *re);
  } else if (to.size() > from.size()) {
    if (auto re = getReassociationIndicesForCollapse(to, from))
      return tensor::ExpandShapeOp::create(b, loc, target, v, *re);
  }
  auto flatType =
      RankedTensorType::get({src.getNumElements()}, src.getElementType());
  Value flat = reshapeTo(b, loc, v, flatType);
  // Rank-1 <-> target is always a single group (or an empty reassociation
  // for rank 0, which the recursive call handles).
  if (target.getRank() == 0)
    return tensor::CollapseShapeOp::create(b, loc, target, flat,
                                           ArrayRef<ReassociationIndices>{});
  ReassociationIndices all;
  for (int64_t i = 0; i < target.getRank(); ++i)
    all.push_back(i);
  if (target.getRank() == 1)
    return flat;
  return tensor::ExpandShapeOp::create(b, loc, target, flat,
                                       ArrayRef<ReassociationIndices>{all});
}

/// A parallel linalg.generic over `resultType` reading `inputs` with identity
/// maps; `body` builds the scalar result from the scalar inputs.
Value buildElementwise(
    OpBuilder &b, Location loc, RankedTensorType resultType, ValueRange inputs,
    function_ref<Value(OpBuilder &, Location, ValueRange)> body) {
  int64_t rank = resultType.getRank();
  AffineMap id = b.getMultiDimIdentityMap(rank);
  SmallVector<AffineMap> maps(inputs.size() + 1, id);
  SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
  Value init = emptyTensor(b, loc, resultType);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, inputs, ValueRange{init}, maps, iters,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        Value r = body(nb, nloc, args.drop_back());
        linalg::YieldOp::create(nb, nloc, r);
      });
  return generic.getResult(0);
}

/// scf.for from `lb` to `ub` (index values) by `step` carrying `inits`;
/// `body` returns the values yielded to the next iteration.
using LoopBody =
    function_ref<SmallVector<Value>(OpBuilder &, Location, Value, ValueRange)>;
SmallVector<Value> buildFor(OpBuilder &b, Location loc, Value lb, Value ub,
                            ValueRange inits, LoopBody body, int64_t step = 1) {
  Value stepV = indexConst(b, loc, step);
  auto loop = scf::ForOp::create(
      b, loc, lb, ub, stepV, inits,
      [&](OpBuilder &nb, Location nloc, Value iv, ValueRange args) {
        SmallVector<Value> next = body(nb, nloc, iv, args);
        scf::YieldOp::create(nb, nloc, next);
      });
  return SmallVector<Value>(loop.getResults());
}

//===----------------------------------------------------------------------===//
// Elementwise ops
//===----------------------------------------------------------------------===//

/// The scalar computation of each elementwise op. Arguments are the scalar
/// operands; `op` gives access to attributes and the result type.
Value scalarOf(AddOp, OpBuilder &b, Location loc, ValueRange a) {
  if (isFloatType(a[0].getType()))
    return arith::AddFOp::create(b, loc, a[0], a[1]);
  return arith::AddIOp::create(b, loc, a[0], a[1]);
}
Value scalarOf(SubOp, OpBuilder &b, Location loc, ValueRange a) {
  if (isFloatType(a[0].getType()))
    return arith::SubFOp::create(b, loc, a[0], a[1]);
  return arith::SubIOp::create(b, loc, a[0], a[1]);
}
Value scalarOf(MulOp, OpBuilder &b, Location loc, ValueRange a) {
  if (isFloatType(a[0].getType()))
    return arith::MulFOp::create(b, loc, a[0], a[1]);
  return arith::MulIOp::create(b, loc, a[0], a[1]);
}
Value scalarOf(DivOp, OpBuilder &b, Location loc, ValueRange a) {
  if (isFloatType(a[0].getType()))
    return arith::DivFOp::create(b, loc, a[0], a[1]);
  // Integer division by zero is undefined behaviour in LLVM (and traps on
  // x86), as is INT_MIN / -1: divide by 1 instead so user data can never
  // crash the process, then give XLA's answers (x / 0 = -1, x / -1 = -x
  // wrapping).
  Type t = a[0].getType();
  Value zero = scalarConst(b, loc, t, 0), one = scalarConst(b, loc, t, 1);
  Value minusOne = scalarConst(b, loc, t, -1);
  Value isZero =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, a[1], zero);
  Value isMinusOne =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, a[1], minusOne);
  Value unsafe = arith::OrIOp::create(b, loc, isZero, isMinusOne);
  Value divisor = arith::SelectOp::create(b, loc, unsafe, one, a[1]);
  Value quotient = arith::DivSIOp::create(b, loc, a[0], divisor);
  // x / -1 is -x (wrapping for INT_MIN, as numpy does).
  Value negated = arith::SubIOp::create(b, loc, zero, a[0]);
  Value res = arith::SelectOp::create(b, loc, isMinusOne, negated, quotient);
  return arith::SelectOp::create(b, loc, isZero, minusOne, res);
}
Value scalarOf(MaxOp, OpBuilder &b, Location loc, ValueRange a) {
  if (isFloatType(a[0].getType()))
    return arith::MaximumFOp::create(b, loc, a[0], a[1]);
  return arith::MaxSIOp::create(b, loc, a[0], a[1]);
}
Value scalarOf(MinOp, OpBuilder &b, Location loc, ValueRange a) {
  if (isFloatType(a[0].getType()))
    return arith::MinimumFOp::create(b, loc, a[0], a[1]);
  return arith::MinSIOp::create(b, loc, a[0], a[1]);
}
Value scalarOf(PowOp, OpBuilder &b, Location loc, ValueRange a) {
  return math::PowFOp::create(b, loc, a[0], a[1]);
}
Value scalarOf(NegOp, OpBuilder &b, Location loc, ValueRange a) {
  if (isFloatType(a[0].getType()))
    return arith::NegFOp::create(b, loc, a[0]);
  return arith::SubIOp::create(b, loc, scalarConst(b, loc, a[0].getType(), 0),
                               a[0]);
}
Value scalarOf(AbsOp, OpBuilder &b, Location loc, ValueRange a) {
  if (isFloatType(a[0].getType()))
    return math::AbsFOp::create(b, loc, a[0]);
  // x < 0 ? 0 - x : x (wrapping for INT_MIN, as numpy); spelled out because
  // math.absi has no lowering to LLVM in every pipeline.
  Value zero = scalarConst(b, loc, a[0].getType(), 0);
  Value neg =
      arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, a[0], zero);
  return arith::SelectOp::create(
      b, loc, neg, arith::SubIOp::create(b, loc, zero, a[0]), a[0]);
}
Value scalarOf(ExpOp, OpBuilder &b, Location loc, ValueRange a) {
  return math::ExpOp::create(b, loc, a[0]);
}
Value scalarOf(LogOp, OpBuilder &b, Location loc, ValueRange a) {
  return math::LogOp::create(b, loc, a[0]);
}
Value scalarOf(SqrtOp, OpBuilder &b, Location loc, ValueRange a) {
  return math::SqrtOp::create(b, loc, a[0]);
}
Value scalarOf(RsqrtOp, OpBuilder &b, Location loc, ValueRange a) {
  // 1 / sqrt(x): math.rsqrt has no libm fallback (there is no rsqrtf) and
  // its fast approximation is less accurate than JAX's rsqrt.
  return arith::DivFOp::create(b, loc, scalarConst(b, loc, a[0].getType(), 1),
                               math::SqrtOp::create(b, loc, a[0]));
}
Value scalarOf(TanhOp, OpBuilder &b, Location loc, ValueRange a) {
  return math::TanhOp::create(b, loc, a[0]);
}
Value scalarOf(SinOp, OpBuilder &b, Location loc, ValueRange a) {
  return math::SinOp::create(b, loc, a[0]);
}
Value scalarOf(CosOp, OpBuilder &b, Location loc, ValueRange a) {
  return math::CosOp::create(b, loc, a[0]);
}
Value scalarOf(LogisticOp, OpBuilder &b, Location loc, ValueRange a) {
  Type t = a[0].getType();
  Value one = scalarConst(b, loc, t, 1.0);
  Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, a[0]));
  return arith::DivFOp::create(b, loc, one,
                               arith::AddFOp::create(b, loc, one, e));
}
Value scalarOf(SelectOp, OpBuilder &b, Location loc, ValueRange a) {
  return arith::SelectOp::create(b, loc, a[0], a[1], a[2]);
}

template <typename SrcOp>
struct ElementwiseLowering : OpConversionPattern<SrcOp> {
  using OpConversionPattern<SrcOp>::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SrcOp op, typename SrcOp::Adaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    Value r = buildElementwise(
        rewriter, op.getLoc(), resultType, adaptor.getOperands(),
        [&](OpBuilder &b, Location loc, ValueRange args) {
          return scalarOf(op, b, loc, args);
        });
    rewriter.replaceOp(op, r);
    return success();
  }
};

struct CompareLowering : OpConversionPattern<CompareOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CompareOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    ComparePredicate pred = op.getPredicateKind();
    Value r = buildElementwise(
        rewriter, op.getLoc(), cast<RankedTensorType>(op.getType()),
        adaptor.getOperands(), [&](OpBuilder &b, Location loc, ValueRange a) {
          if (isFloatType(a[0].getType())) {
            // Ordered except `ne`, which is true when either side is NaN.
            arith::CmpFPredicate p;
            switch (pred) {
            case ComparePredicate::EQ:
              p = arith::CmpFPredicate::OEQ;
              break;
            case ComparePredicate::NE:
              p = arith::CmpFPredicate::UNE;
              break;
            case ComparePredicate::LT:
              p = arith::CmpFPredicate::OLT;
              break;
            case ComparePredicate::LE:
              p = arith::CmpFPredicate::OLE;
              break;
            case ComparePredicate::GT:
              p = arith::CmpFPredicate::OGT;
              break;
            case ComparePredicate::GE:
              p = arith::CmpFPredicate::OGE;
              break;
            }
            return Value(arith::CmpFOp::create(b, loc, p, a[0], a[1]));
          }
          arith::CmpIPredicate p;
          switch (pred) {
          case ComparePredicate::EQ:
            p = arith::CmpIPredicate::eq;
            break;
          case ComparePredicate::NE:
            p = arith::CmpIPredicate::ne;
            break;
          case ComparePredicate::LT:
            p = arith::CmpIPredicate::slt;
            break;
          case ComparePredicate::LE:
            p = arith::CmpIPredicate::sle;
            break;
          case ComparePredicate::GT:
            p = arith::CmpIPredicate::sgt;
            break;
          case ComparePredicate::GE:
            p = arith::CmpIPredicate::sge;
            break;
          }
          return Value(arith::CmpIOp::create(b, loc, p, a[0], a[1]));
        });
    rewriter.replaceOp(op, r);
    return success();
  }
};

/// Scalar conversion with jnp.astype semantics: float -> int truncates
/// toward zero, anything -> i1 is `x != 0`, i1 -> number is 0 or 1.
Value convertScalar(OpBuilder &b, Location loc, Value x, Type to) {
  Type from = x.getType();
  if (from == to)
    return x;
  if (to.isInteger(1)) {
    if (isFloatType(from))
      return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, x,
                                   scalarConst(b, loc, from, 0));
    return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, x,
                                 scalarConst(b, loc, from, 0));
  }
  if (from.isInteger(1)) {
    if (isFloatType(to))
      return arith::UIToFPOp::create(b, loc, to, x);
    return arith::ExtUIOp::create(b, loc, to, x);
  }
  if (isFloatType(from) && isFloatType(to)) {
    if (from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth())
      return arith::ExtFOp::create(b, loc, to, x);
    return arith::TruncFOp::create(b, loc, to, x);
  }
  if (isFloatType(from)) {
    // Saturating, NaN to 0 (fptosi alone is poison out of range).
    unsigned width = to.getIntOrFloatBitWidth();
    auto ft = cast<FloatType>(from);
    APFloat lo(ft.getFloatSemantics()), hi(ft.getFloatSemantics());
    lo.convertFromAPInt(APInt::getSignedMinValue(width), /*isSigned=*/true,
                        APFloat::rmTowardZero);
    // -INT_MIN is a power of two, exact in every float type: x >= it
    // overflows.
    hi = lo;
    hi.changeSign();
    Value loF = arith::ConstantOp::create(b, loc, b.getFloatAttr(ft, lo));
    Value hiF = arith::ConstantOp::create(b, loc, b.getFloatAttr(ft, hi));
    Value minI = arith::ConstantOp::create(
        b, loc, b.getIntegerAttr(to, APInt::getSignedMinValue(width)));
    Value maxI = arith::ConstantOp::create(
        b, loc, b.getIntegerAttr(to, APInt::getSignedMaxValue(width)));
    Value zeroI = scalarConst(b, loc, to, 0);
    Value inRange = arith::AndIOp::create(
        b, loc,
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, x, loF),
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, hiF));
    // Clamp before converting so fptosi never sees an out-of-range value.
    Value safe = arith::SelectOp::create(b, loc, inRange, x,
                                         scalarConst(b, loc, from, 0));
    Value conv = arith::FPToSIOp::create(b, loc, to, safe);
    Value isNan =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, x, x);
    Value high =
        arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGE, x, hiF);
    Value res = arith::SelectOp::create(b, loc, inRange, conv, minI);
    res = arith::SelectOp::create(b, loc, high, maxI, res);
    return arith::SelectOp::create(b, loc, isNan, zeroI, res);
  }
  if (isFloatType(to))
    return arith::SIToFPOp::create(b, loc, to, x);
  if (from.getIntOrFloatBitWidth() < to.getIntOrFloatBitWidth())
    return arith::ExtSIOp::create(b, loc, to, x);
  return arith::TruncIOp::create(b, loc, to, x);
}

struct ConvertLowering : OpConversionPattern<ConvertOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConvertOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    if (resultType == tensorType(adaptor.getOperand())) {
      rewriter.replaceOp(op, adaptor.getOperand());
      return success();
    }
    Value r = buildElementwise(
        rewriter, op.getLoc(), resultType, adaptor.getOperand(),
        [&](OpBuilder &b, Location loc, ValueRange a) {
          return convertScalar(b, loc, a[0], resultType.getElementType());
        });
    rewriter.replaceOp(op, r);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

struct ConstantLowering : OpConversionPattern<ConstantOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConstantOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOpWithNewOp<arith::ConstantOp>(op, op.getValue());
    return success();
  }
};

struct IotaLowering : OpConversionPattern<IotaOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(IotaOp op, OpAdaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t dim = op.getDimension();
    Type et = resultType.getElementType();
    Value r = buildElementwise(rewriter, op.getLoc(), resultType, ValueRange{},
                               [&](OpBuilder &b, Location loc, ValueRange) {
                                 Value i = linalg::IndexOp::create(b, loc, dim);
                                 Value i64 = arith::IndexCastOp::create(
                                     b, loc, b.getI64Type(), i);
                                 return convertScalar(b, loc, i64, et);
                               });
    rewriter.replaceOp(op, r);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

struct BroadcastInDimLowering : OpConversionPattern<BroadcastInDimOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(BroadcastInDimOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Value operand = adaptor.getOperand();
    RankedTensorType operandType = tensorType(operand);
    ArrayRef<int64_t> dims = op.getBroadcastDimensions();
    // Operand dims of size 1 that stretch are dropped first, so what is
    // left maps one-to-one onto result dims and linalg.broadcast only adds
    // dims (its maps then have no constant indices, which vectorize badly).
    SmallVector<int64_t> keptShape;
    llvm::SmallDenseSet<int64_t> keptResultDims;
    for (auto [i, d] : llvm::enumerate(dims)) {
      if (operandType.getDimSize(i) == resultType.getDimSize(d)) {
        keptShape.push_back(operandType.getDimSize(i));
        keptResultDims.insert(d);
      }
    }
    Value kept = reshapeTo(
        rewriter, loc, operand,
        RankedTensorType::get(keptShape, operandType.getElementType()));
    if (static_cast<int64_t>(keptShape.size()) == resultType.getRank()) {
      rewriter.replaceOp(op, kept);
      return success();
    }
    SmallVector<int64_t> added;
    for (int64_t d = 0; d < resultType.getRank(); ++d)
      if (!keptResultDims.contains(d))
        added.push_back(d);
    Value init = emptyTensor(rewriter, loc, resultType);
    auto bcast = linalg::BroadcastOp::create(rewriter, loc, kept, init, added);
    rewriter.replaceOp(op, bcast->getResult(0));
    return success();
  }
};

struct ReshapeLowering : OpConversionPattern<ReshapeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReshapeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    rewriter.replaceOp(op,
                       reshapeTo(rewriter, op.getLoc(), adaptor.getOperand(),
                                 cast<RankedTensorType>(op.getType())));
    return success();
  }
};

struct TransposeLowering : OpConversionPattern<TransposeOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TransposeOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    ArrayRef<int64_t> perm = op.getPermutation();
    if (llvm::equal(perm, llvm::seq<int64_t>(0, perm.size()))) {
      rewriter.replaceOp(op, adaptor.getOperand());
      return success();
    }
    Value init = emptyTensor(rewriter, op.getLoc(), resultType);
    auto t = linalg::TransposeOp::create(rewriter, op.getLoc(),
                                         adaptor.getOperand(), init, perm);
    rewriter.replaceOp(op, t->getResult(0));
    return success();
  }
};

/// `v` with its dims permuted by `perm` (a linalg.transpose unless identity).
Value permuted(OpBuilder &b, Location loc, Value v, ArrayRef<int64_t> perm) {
  if (llvm::equal(perm, llvm::seq<int64_t>(0, perm.size())))
    return v;
  RankedTensorType type = tensorType(v);
  SmallVector<int64_t> shape;
  for (int64_t p : perm)
    shape.push_back(type.getDimSize(p));
  Value init =
      emptyTensor(b, loc, RankedTensorType::get(shape, type.getElementType()));
  return linalg::TransposeOp::create(b, loc, v, init, perm)->getResult(0);
}

struct ReduceLowering : OpConversionPattern<ReduceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ReduceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type et = resultType.getElementType();
    ReduceKind kind = op.getReduceKind();
    bool isFloat = isFloatType(et);
    Value operand = adaptor.getOperand();
    SmallVector<int64_t> dims(op.getDimensions());
    llvm::sort(dims);
    if (dims.empty()) {
      rewriter.replaceOp(op, operand);
      return success();
    }
    TypedAttr identity;
    unsigned width = et.getIntOrFloatBitWidth();
    switch (kind) {
    case ReduceKind::Sum:
      identity = isFloat ? TypedAttr(rewriter.getFloatAttr(et, 0.0))
                         : rewriter.getIntegerAttr(et, 0);
      break;
    case ReduceKind::Prod:
      identity = isFloat ? TypedAttr(rewriter.getFloatAttr(et, 1.0))
                         : rewriter.getIntegerAttr(et, 1);
      break;
    case ReduceKind::Max:
      identity =
          isFloat
              ? TypedAttr(rewriter.getFloatAttr(
                    et, -std::numeric_limits<double>::infinity()))
              : rewriter.getIntegerAttr(et, APInt::getSignedMinValue(width));
      break;
    case ReduceKind::Min:
      identity =
          isFloat
              ? TypedAttr(rewriter.getFloatAttr(
                    et, std::numeric_limits<double>::infinity()))
              : rewriter.getIntegerAttr(et, APInt::getSignedMaxValue(width));
      break;
    }
    Value init = filled(rewriter, loc, resultType,
                        arith::ConstantOp::create(rewriter, loc, identity));
    // Reassociation lets the vectorizer keep lane-wise partial sums; the
    // order of a float reduction is unspecified in JAX as well.
    auto fm = arith::FastMathFlagsAttr::get(rewriter.getContext(),
                                            arith::FastMathFlags::reassoc |
                                                arith::FastMathFlags::contract);
    auto reduce = linalg::ReduceOp::create(
        rewriter, loc, ValueRange{operand}, ValueRange{init}, dims,
        [&](OpBuilder &b, Location l, ValueRange args) {
          Value x = args[0], acc = args[1], r;
          switch (kind) {
          case ReduceKind::Sum:
            r = isFloat ? Value(arith::AddFOp::create(b, l, x, acc, fm))
                        : Value(arith::AddIOp::create(b, l, x, acc));
            break;
          case ReduceKind::Prod:
            r = isFloat ? Value(arith::MulFOp::create(b, l, x, acc, fm))
                        : Value(arith::MulIOp::create(b, l, x, acc));
            break;
          case ReduceKind::Max:
            r = isFloat ? Value(arith::MaximumFOp::create(b, l, x, acc))
                        : Value(arith::MaxSIOp::create(b, l, x, acc));
            break;
          case ReduceKind::Min:
            r = isFloat ? Value(arith::MinimumFOp::create(b, l, x, acc))
                        : Value(arith::MinSIOp::create(b, l, x, acc));
            break;
          }
          linalg::YieldOp::create(b, l, r);
        });
    rewriter.replaceOp(op, reduce->getResult(0));
    return success();
  }
};

/// Largest contraction (product of the contracting dims) of a dot_general
/// with batching dims that is unrolled into an elementwise linalg.generic
/// instead of a batch_matmul/batch_matvec. (Without batching dims the named
/// matmul/matvec stay: the pipeline folds the transposes around them into
/// their indexing maps and fuses their producers, which the operand slices
/// here would prevent.)
/// The vmapped form of small per-example algebra (d^T S d for a 2x2 S over
/// points and classes) is a dot_general with batch dims on both sides and a
/// contraction of 2: as batch_matmul it is one 1x2 * 2x1 product per point
/// (a loop of scalar tiles after transposes that move the batch), where an
/// elementwise op is vectorized along the contiguous batch and fused with
/// its elementwise neighbours.
constexpr int64_t kMaxUnrolledContraction = 4;

/// dot_general as sum over the contraction indices c of lhs[.., c, ..] *
/// rhs[.., c, ..], one parallel linalg.generic over the result's dims
/// (batch, lhs free, rhs free) reading one slice of each operand per c.
Value smallContraction(OpBuilder &b, Location loc, Value lhs, Value rhs,
                       ArrayRef<int64_t> lb, ArrayRef<int64_t> rb,
                       ArrayRef<int64_t> lc, ArrayRef<int64_t> rc,
                       ArrayRef<int64_t> lf, ArrayRef<int64_t> rf,
                       RankedTensorType resultType) {
  MLIRContext *ctx = b.getContext();
  int64_t rank = resultType.getRank();
  Type et = resultType.getElementType();
  RankedTensorType lt = tensorType(lhs), rt = tensorType(rhs);
  // Iteration dim of operand dim `d`: its batching dim's position, or after
  // the batch dims (and, for the rhs, the lhs free dims) its free dim's.
  auto iterDim = [&](int64_t d, ArrayRef<int64_t> batching,
                     ArrayRef<int64_t> free, int64_t freeBase) -> int64_t {
    if (const auto *it = llvm::find(batching, d); it != batching.end())
      return it - batching.begin();
    return freeBase + (llvm::find(free, d) - free.begin());
  };
  // The slice of `v` at contraction index `idx` (contracting dims dropped)
  // and its indexing map.
  auto slice = [&](Value v, RankedTensorType t, ArrayRef<int64_t> contracting,
                   ArrayRef<int64_t> batching, ArrayRef<int64_t> free,
                   int64_t freeBase,
                   ArrayRef<int64_t> idx) -> std::pair<Value, AffineMap> {
    SmallVector<OpFoldResult> offsets, sizes;
    SmallVector<OpFoldResult> strides(t.getRank(), b.getIndexAttr(1));
    SmallVector<int64_t> kept;
    SmallVector<AffineExpr> exprs;
    for (int64_t d = 0; d < t.getRank(); ++d) {
      if (const auto *it = llvm::find(contracting, d);
          it != contracting.end()) {
        offsets.push_back(b.getIndexAttr(idx[it - contracting.begin()]));
        sizes.push_back(b.getIndexAttr(1));
        continue;
      }
      offsets.push_back(b.getIndexAttr(0));
      sizes.push_back(b.getIndexAttr(t.getDimSize(d)));
      kept.push_back(t.getDimSize(d));
      exprs.push_back(
          getAffineDimExpr(iterDim(d, batching, free, freeBase), ctx));
    }
    AffineMap map = AffineMap::get(rank, 0, exprs, ctx);
    if (contracting.empty())
      return {v, map};
    auto sliceType = RankedTensorType::get(kept, et);
    Value s = tensor::ExtractSliceOp::create(b, loc, sliceType, v, offsets,
                                             sizes, strides);
    return {s, map};
  };
  SmallVector<int64_t> cSizes =
      llvm::map_to_vector(lc, [&](int64_t d) { return lt.getDimSize(d); });
  int64_t count = 1;
  for (int64_t c : cSizes)
    count *= c;
  SmallVector<Value> inputs;
  SmallVector<AffineMap> maps;
  for (int64_t flat = 0; flat < count; ++flat) {
    // Row-major multi-index over the contracting dims.
    SmallVector<int64_t> idx(cSizes.size());
    for (int64_t i = cSizes.size() - 1, rest = flat; i >= 0; --i) {
      idx[i] = rest % cSizes[i];
      rest /= cSizes[i];
    }
    auto [l, lm] = slice(lhs, lt, lc, lb, lf, lb.size(), idx);
    auto [r, rm] = slice(rhs, rt, rc, rb, rf, lb.size() + lf.size(), idx);
    inputs.append({l, r});
    maps.append({lm, rm});
  }
  maps.push_back(b.getMultiDimIdentityMap(rank));
  SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
  Value init = emptyTensor(b, loc, resultType);
  bool isFloat = isFloatType(et);
  auto generic = linalg::GenericOp::create(
      b, loc, TypeRange{resultType}, inputs, ValueRange{init}, maps, iters,
      [&](OpBuilder &nb, Location nloc, ValueRange args) {
        // From zero, in order, as the matmul it replaces (0 + -0 is +0).
        Value acc = scalarConst(nb, nloc, et, 0);
        for (int64_t i = 0; i < count; ++i) {
          Value l = args[2 * i], r = args[2 * i + 1];
          acc =
              isFloat
                  ? Value(arith::AddFOp::create(
                        nb, nloc, acc, arith::MulFOp::create(nb, nloc, l, r)))
                  : Value(arith::AddIOp::create(
                        nb, nloc, acc, arith::MulIOp::create(nb, nloc, l, r)));
        }
        linalg::YieldOp::create(nb, nloc, acc);
      });
  return generic.getResult(0);
}

struct DotGeneralLowering : OpConversionPattern<DotGeneralOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DotGeneralOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Type et = resultType.getElementType();
    Value lhs = adaptor.getLhs(), rhs = adaptor.getRhs();
    RankedTensorType lt = tensorType(lhs), rt = tensorType(rhs);
    // Size-0 dims: an empty result has nothing to compute, and a non-empty
    // result of an empty operand is an empty contraction, which sums to 0.
    if (resultType.getNumElements() == 0 || lt.getNumElements() == 0 ||
        rt.getNumElements() == 0) {
      rewriter.replaceOp(op, resultType.getNumElements() == 0
                                 ? emptyTensor(rewriter, loc, resultType)
                                 : filled(rewriter, loc, resultType,
                                          scalarConst(rewriter, loc, et, 0)));
      return success();
    }
    ArrayRef<int64_t> lb = op.getLhsBatchingDimensions();
    ArrayRef<int64_t> rb = op.getRhsBatchingDimensions();
    ArrayRef<int64_t> lc = op.getLhsContractingDimensions();
    ArrayRef<int64_t> rc = op.getRhsContractingDimensions();
    auto freeDims = [](RankedTensorType t, ArrayRef<int64_t> b,
                       ArrayRef<int64_t> c) {
      SmallVector<int64_t> f;
      for (int64_t d = 0; d < t.getRank(); ++d)
        if (!llvm::is_contained(b, d) && !llvm::is_contained(c, d))
          f.push_back(d);
      return f;
    };
    SmallVector<int64_t> lf = freeDims(lt, lb, lc), rf = freeDims(rt, rb, rc);
    auto product = [](RankedTensorType t, ArrayRef<int64_t> ds) {
      int64_t p = 1;
      for (int64_t d : ds)
        p *= t.getDimSize(d);
      return p;
    };
    int64_t B = product(lt, lb), M = product(lt, lf), K = product(lt, lc),
            N = product(rt, rf);
    if (!lb.empty() && K <= kMaxUnrolledContraction) {
      rewriter.replaceOp(op, smallContraction(rewriter, loc, lhs, rhs, lb, rb,
                                              lc, rc, lf, rf, resultType));
      return success();
    }

    // Canonical layouts: lhs [batch, free, contract], rhs [batch, contract,
    // free], then collapse each group to one dim.
    SmallVector<int64_t> lperm(lb), rperm(rb);
    llvm::append_range(lperm, lf);
    llvm::append_range(lperm, lc);
    llvm::append_range(rperm, rc);
    llvm::append_range(rperm, rf);
    lhs = permuted(rewriter, loc, lhs, lperm);
    rhs = permuted(rewriter, loc, rhs, rperm);
    auto ty = [&](ArrayRef<int64_t> shape) {
      return RankedTensorType::get(shape, et);
    };
    Value zero = scalarConst(rewriter, loc, et, 0);
    Value result;
    if (lb.empty()) {
      if (lf.empty() && rf.empty()) {
        lhs = reshapeTo(rewriter, loc, lhs, ty({K}));
        rhs = reshapeTo(rewriter, loc, rhs, ty({K}));
        Value init = filled(rewriter, loc, ty({}), zero);
        result = linalg::DotOp::create(rewriter, loc, TypeRange{ty({})},
                                       ValueRange{lhs, rhs}, ValueRange{init})
                     .getResult(0);
      } else if (rf.empty()) {
        lhs = reshapeTo(rewriter, loc, lhs, ty({M, K}));
        rhs = reshapeTo(rewriter, loc, rhs, ty({K}));
        Value init = filled(rewriter, loc, ty({M}), zero);
        result =
            linalg::MatvecOp::create(rewriter, loc, TypeRange{ty({M})},
                                     ValueRange{lhs, rhs}, ValueRange{init})
                .getResult(0);
      } else if (lf.empty()) {
        lhs = reshapeTo(rewriter, loc, lhs, ty({K}));
        rhs = reshapeTo(rewriter, loc, rhs, ty({K, N}));
        Value init = filled(rewriter, loc, ty({N}), zero);
        result =
            linalg::VecmatOp::create(rewriter, loc, TypeRange{ty({N})},
                                     ValueRange{lhs, rhs}, ValueRange{init})
                .getResult(0);
      } else {
        lhs = reshapeTo(rewriter, loc, lhs, ty({M, K}));
        rhs = reshapeTo(rewriter, loc, rhs, ty({K, N}));
        Value init = filled(rewriter, loc, ty({M, N}), zero);
        result =
            linalg::MatmulOp::create(rewriter, loc, TypeRange{ty({M, N})},
                                     ValueRange{lhs, rhs}, ValueRange{init})
                .getResult(0);
      }
    } else if (rf.empty() && !lf.empty()) {
      lhs = reshapeTo(rewriter, loc, lhs, ty({B, M, K}));
      rhs = reshapeTo(rewriter, loc, rhs, ty({B, K}));
      Value init = filled(rewriter, loc, ty({B, M}), zero);
      result =
          linalg::BatchMatvecOp::create(rewriter, loc, TypeRange{ty({B, M})},
                                        ValueRange{lhs, rhs}, ValueRange{init})
              .getResult(0);
    } else {
      lhs = reshapeTo(rewriter, loc, lhs, ty({B, M, K}));
      rhs = reshapeTo(rewriter, loc, rhs, ty({B, K, N}));
      Value init = filled(rewriter, loc, ty({B, M, N}), zero);
      result =
          linalg::BatchMatmulOp::create(rewriter, loc, TypeRange{ty({B, M, N})},
                                        ValueRange{lhs, rhs}, ValueRange{init})
              .getResult(0);
    }
    rewriter.replaceOp(op, reshapeTo(rewriter, loc, result, resultType));
    return success();
  }
};

struct SliceLowering : OpConversionPattern<SliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(SliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    auto resultType = cast<RankedTensorType>(op.getType());
    MLIRContext *ctx = rewriter.getContext();
    // An empty slice reads nothing; its start may equal a size-0 dim, which
    // tensor.extract_slice rejects as out of bounds.
    if (resultType.getNumElements() == 0) {
      rewriter.replaceOp(op, emptyTensor(rewriter, op.getLoc(), resultType));
      return success();
    }
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, resultType, adaptor.getOperand(),
        getAsIndexOpFoldResult(ctx, op.getStartIndices()),
        getAsIndexOpFoldResult(ctx, resultType.getShape()),
        getAsIndexOpFoldResult(ctx, op.getStrides()));
    return success();
  }
};

struct ConcatenateLowering : OpConversionPattern<ConcatenateOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(ConcatenateOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    int64_t dim = op.getDimension();
    MLIRContext *ctx = rewriter.getContext();
    Value acc = emptyTensor(rewriter, loc, resultType);
    int64_t offset = 0;
    for (Value input : adaptor.getInputs()) {
      RankedTensorType t = tensorType(input);
      // Empty inputs contribute nothing, and inserting them at an offset
      // equal to a size-0 dim would be out of bounds.
      if (t.getNumElements() == 0)
        continue;
      SmallVector<int64_t> offsets(t.getRank(), 0);
      offsets[dim] = offset;
      SmallVector<int64_t> strides(t.getRank(), 1);
      acc = tensor::InsertSliceOp::create(
          rewriter, loc, input, acc, getAsIndexOpFoldResult(ctx, offsets),
          getAsIndexOpFoldResult(ctx, t.getShape()),
          getAsIndexOpFoldResult(ctx, strides));
      offset += t.getDimSize(dim);
    }
    rewriter.replaceOp(op, acc);
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Indexing by runtime indices
//===----------------------------------------------------------------------===//

/// `v` (an integer scalar) as an index clamped into [0, hi].
Value clampedIndex(OpBuilder &b, Location loc, Value v, int64_t hi) {
  Value i = arith::IndexCastOp::create(b, loc, b.getIndexType(), v);
  i = arith::MinSIOp::create(b, loc, i, indexConst(b, loc, hi));
  return arith::MaxSIOp::create(b, loc, i, indexConst(b, loc, 0));
}

struct DynamicSliceLowering : OpConversionPattern<DynamicSliceOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DynamicSliceOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    RankedTensorType operandType = tensorType(adaptor.getOperand());
    ArrayRef<int64_t> sizes = op.getSliceSizes();
    SmallVector<OpFoldResult> offsets;
    for (auto [d, start] : llvm::enumerate(adaptor.getStartIndices())) {
      Value s = tensor::ExtractOp::create(rewriter, loc, start, ValueRange{});
      // lax.dynamic_slice clamps so the whole slice is in bounds.
      offsets.push_back(
          clampedIndex(rewriter, loc, s, operandType.getDimSize(d) - sizes[d]));
    }
    SmallVector<int64_t> strides(sizes.size(), 1);
    MLIRContext *ctx = rewriter.getContext();
    rewriter.replaceOpWithNewOp<tensor::ExtractSliceOp>(
        op, resultType, adaptor.getOperand(), offsets,
        getAsIndexOpFoldResult(ctx, sizes),
        getAsIndexOpFoldResult(ctx, strides));
    return success();
  }
};

struct GatherLowering : OpConversionPattern<GatherOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(GatherOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    auto resultType = cast<RankedTensorType>(op.getType());
    Value operand = adaptor.getOperand(), indices = adaptor.getIndices();
    RankedTensorType operandType = tensorType(operand);
    RankedTensorType indicesType = tensorType(indices);
    int64_t axis = op.getAxis(), batchDims = op.getBatchDims();
    int64_t rank = resultType.getRank();
    int64_t idxFree = indicesType.getRank() - batchDims;
    MLIRContext *ctx = rewriter.getContext();
    // Result dims: operand[:axis] (the first batchDims of which pair with
    // the indices' batch dims), indices[batchDims:], operand[axis+1:].
    SmallVector<AffineExpr> idxExprs;
    for (int64_t d = 0; d < batchDims; ++d)
      idxExprs.push_back(getAffineDimExpr(d, ctx));
    for (int64_t d = 0; d < idxFree; ++d)
      idxExprs.push_back(getAffineDimExpr(axis + d, ctx));
    SmallVector<AffineMap> maps = {AffineMap::get(rank, 0, idxExprs, ctx),
                                   rewriter.getMultiDimIdentityMap(rank)};
    SmallVector<utils::IteratorType> iters(rank, utils::IteratorType::parallel);
    Value init = emptyTensor(rewriter, loc, resultType);
    int64_t axisSize = operandType.getDimSize(axis);
    auto generic = linalg::GenericOp::create(
        rewriter, loc, TypeRange{resultType}, ValueRange{indices},
        ValueRange{init}, maps, iters,
        [&](OpBuilder &b, Location l, ValueRange args) {
          SmallVector<Value> coords;
          for (int64_t d = 0; d < axis; ++d)
            coords.push_back(linalg::IndexOp::create(b, l, d));
          // mode="clip": out-of-range indices are clamped into the axis.
          coords.push_back(clampedIndex(b, l, args[0], axisSize - 1));
          for (int64_t d = axis + idxFree; d < rank; ++d)
            coords.push_back(linalg::IndexOp::create(b, l, d));
          Value v = tensor::ExtractOp::create(b, l, operand, coords);
          linalg::YieldOp::create(b, l, v);
        });
    rewriter.replaceOp(op, generic.getResult(0));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// Small linear algebra: scalar access to [batch, n, n] tensors
//===----------------------------------------------------------------------===//

/// Scalar access to rank-3 tensors carried through scf loops.
struct Mat {
  OpBuilder &b;
  Location loc;
  Value get(Value t, Value bi, Value i, Value j) {
    return tensor::ExtractOp::create(b, loc, t, ValueRange{bi, i, j});
  }
  Value set(Value t, Value bi, Value i, Value j, Value v) {
    return tensor::InsertOp::create(b, loc, v, t, ValueRange{bi, i, j});
  }
};

/// `v` as [B, rows, cols] where B is the product of its leading dims.
Value asBatched3D(OpBuilder &b, Location loc, Value v) {
  RankedTensorType t = tensorType(v);
  int64_t r = t.getRank();
  int64_t batch = 1;
  for (int64_t d = 0; d < r - 2; ++d)
    batch *= t.getDimSize(d);
  return reshapeTo(
      b, loc, v,
      RankedTensorType::get({batch, t.getDimSize(r - 2), t.getDimSize(r - 1)},
                            t.getElementType()));
}

//===----------------------------------------------------------------------===//
// Small linear algebra, SIMD across the batch
//===----------------------------------------------------------------------===//
//
// A batch of small matrices is computed one matrix per SIMD lane. Each
// operand [B, r, c] (B the product of the leading dims) is transposed to
// [r, c, B], so entry (i, j) of every matrix in the batch is one contiguous
// tensor<B>. A single linalg.generic over B then runs the whole algorithm,
// unrolled over the small static i, j, k, on scalars that the vectorizer
// widens to full-width vectors across lanes: every arithmetic step handles
// the whole batch at once and the matrices stay in registers. Pivoting is
// data-dependent per lane, so it is a per-lane argmax and row swaps by
// select, never a branch.

/// Largest unrolled lane kernel, in scalar operations per lane. The body
/// grows as n^3 and LLVM's compile time faster than that (inv at n = 8,
/// about 2000 operations, compiles in about a second; at n = 16 in minutes),
/// so larger problems take the scalar loops below.
constexpr int64_t kMaxLaneKernelOps = 2048;

/// Whether an unrolled lane kernel of about `ops` operations is used.
bool fitsLanes(int64_t ops) { return ops <= kMaxLaneKernelOps; }

/// `v` [..., r, c] as [r, c, B] (lane-major), with B the product of the
/// leading dims.
Value toLaneMajor(OpBuilder &b, Location loc, Value v) {
  Value v3 = asBatched3D(b, loc, v);
  RankedTensorType t = tensorType(v3);
  auto laneType = RankedTensorType::get(
      {t.getDimSize(1), t.getDimSize(2), t.getDimSize(0)}, t.getElementType());
  Value init = emptyTensor(b, loc, laneType);
  return linalg::TransposeOp::create(b, loc, v3, init,
                                     ArrayRef<int64_t>{1, 2, 0})
      .getResult()[0];
}

/// Entry (i, j) of the matrices [offset, offset + size) of the lane-major
/// `lm` [r, c, B]: a contiguous tensor<size>.
Value laneEntry(OpBuilder &b, Location loc, Value lm, int64_t i, int64_t j,
                OpFoldResult offset, int64_t size) {
  auto entryType =
      RankedTensorType::get({size}, tensorType(lm).getElementType());
  SmallVector<OpFoldResult> offsets = {b.getIndexAttr(i), b.getIndexAttr(j),
                                       offset};
  SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1), b.getIndexAttr(1),
                                     b.getIndexAttr(size)};
  SmallVector<OpFoldResult> strides(3, b.getIndexAttr(1));
  return tensor::ExtractSliceOp::create(b, loc, entryType, lm, offsets, sizes,
                                        strides);
}

/// The lane-major `lm` [r, c, B] back as `resultType` [..., r, c].
Value fromLaneMajor(OpBuilder &b, Location loc, Value lm,
                    RankedTensorType resultType) {
  RankedTensorType t = tensorType(lm);
  auto t3 = RankedTensorType::get(
      {t.getDimSize(2), t.getDimSize(0), t.getDimSize(1)}, t.getElementType());
  Value init = emptyTensor(b, loc, t3);
  Value m3 =
      linalg::TransposeOp::create(b, loc, lm, init, ArrayRef<int64_t>{2, 0, 1})
          .getResult()[0];
  return reshapeTo(b, loc, m3, resultType);
}

/// Body of a lane kernel: the scalars of one lane's inputs in, the scalars
/// of its outputs out.
using LaneBody =
    function_ref<SmallVector<Value>(OpBuilder &, Location, ArrayRef<Value>)>;

/// Entry (i, j) of the lane-major matrix `lm` [r, c, B].
struct LaneInput {
  Value lm;
  int64_t i, j;
};

/// Runs `body` once per lane over the batch B of `inputs` and returns its
/// row-major outputs as a lane-major [rows, cols, B] tensor. The batch is
/// walked one vector register of lanes at a time (a 512-bit register; a
/// last, shorter chunk takes the remainder): each chunk is a parallel
/// linalg.generic over tensors<chunk>, so the whole unrolled algorithm runs
/// on registers, where a wider tile would spill and make LLVM's register
/// allocation slow on large bodies.
Value buildLaneKernel(OpBuilder &b, Location loc, ArrayRef<LaneInput> inputs,
                      int64_t rows, int64_t cols, LaneBody body) {
  RankedTensorType lmType = tensorType(inputs.front().lm);
  Type et = lmType.getElementType();
  int64_t batch = lmType.getDimSize(2);
  int64_t width = std::max<int64_t>(
      1, 512 / static_cast<int64_t>(et.getIntOrFloatBitWidth()));
  width = std::min(width, batch);
  Value dest =
      emptyTensor(b, loc, RankedTensorType::get({rows, cols, batch}, et));
  auto chunk = [&](OpBuilder &b, Location loc, OpFoldResult offset,
                   int64_t size, Value into) {
    SmallVector<Value> ins;
    for (const LaneInput &in : inputs)
      ins.push_back(laneEntry(b, loc, in.lm, in.i, in.j, offset, size));
    auto entryType = RankedTensorType::get({size}, et);
    SmallVector<Value> inits(rows * cols, emptyTensor(b, loc, entryType));
    AffineMap id = b.getMultiDimIdentityMap(1);
    SmallVector<AffineMap> maps(ins.size() + inits.size(), id);
    SmallVector<Type> resultTypes(inits.size(), entryType);
    auto generic = linalg::GenericOp::create(
        b, loc, resultTypes, ins, inits, maps,
        ArrayRef<utils::IteratorType>{utils::IteratorType::parallel},
        [&](OpBuilder &nb, Location nloc, ValueRange args) {
          SmallVector<Value> in(args.take_front(ins.size()));
          linalg::YieldOp::create(nb, nloc, body(nb, nloc, in));
        });
    SmallVector<OpFoldResult> sizes = {b.getIndexAttr(1), b.getIndexAttr(1),
                                       b.getIndexAttr(size)};
    SmallVector<OpFoldResult> strides(3, b.getIndexAttr(1));
    for (int64_t r = 0; r < rows; ++r)
      for (int64_t c = 0; c < cols; ++c) {
        SmallVector<OpFoldResult> offsets = {b.getIndexAttr(r),
                                             b.getIndexAttr(c), offset};
        into = tensor::InsertSliceOp::create(b, loc,
                                             generic.getResult(r * cols + c),
                                             into, offsets, sizes, strides);
      }
    return into;
  };
  int64_t mainEnd = batch - batch % width;
  if (mainEnd == width) {
    dest = chunk(b, loc, b.getIndexAttr(0), width, dest);
  } else if (mainEnd > 0) {
    dest = buildFor(
        b, loc, indexConst(b, loc, 0), indexConst(b, loc, mainEnd), dest,
        [&](OpBuilder &b, Location loc, Value off,
            ValueRange acc) -> SmallVector<Value> {
          return {chunk(b, loc, off, width, acc[0])};
        },
        width)[0];
  }
  if (mainEnd < batch)
    dest = chunk(b, loc, b.getIndexAttr(mainEnd), batch - mainEnd, dest);
  return dest;
}

/// Scalar arithmetic inside a lane kernel.
struct LaneOps {
  OpBuilder &b;
  Location loc;
  Type et;
  Value cst(double v) { return scalarConst(b, loc, et, v); }
  Value idx(int64_t v) { return arith::ConstantIntOp::create(b, loc, v, 32); }
  Value sub(Value x, Value y) { return arith::SubFOp::create(b, loc, x, y); }
  Value mul(Value x, Value y) { return arith::MulFOp::create(b, loc, x, y); }
  Value div(Value x, Value y) { return arith::DivFOp::create(b, loc, x, y); }
  Value abs(Value x) { return math::AbsFOp::create(b, loc, x); }
  Value sel(Value c, Value x, Value y) {
    return arith::SelectOp::create(b, loc, c, x, y);
  }
  Value cmpf(arith::CmpFPredicate p, Value x, Value y) {
    return arith::CmpFOp::create(b, loc, p, x, y);
  }
  Value cmpi(arith::CmpIPredicate p, Value x, Value y) {
    return arith::CmpIOp::create(b, loc, p, x, y);
  }

  /// Partial pivoting on column `k` of the row-major n x n `m`, per lane:
  /// the row at or below k with the largest |m[r][k]| (the first on ties,
  /// as LAPACK's getrf) is swapped with row k in `m` and in every matrix of
  /// `others`. Returns "the pivot row is not k" (a swap happened).
  Value pivot(SmallVectorImpl<Value> &m,
              ArrayRef<SmallVectorImpl<Value> *> others, int64_t n, int64_t k) {
    Value best = idx(k), bestAbs = abs(m[k * n + k]);
    for (int64_t r = k + 1; r < n; ++r) {
      Value a = abs(m[r * n + k]);
      Value better = cmpf(arith::CmpFPredicate::OGT, a, bestAbs);
      best = sel(better, idx(r), best);
      bestAbs = sel(better, a, bestAbs);
    }
    SmallVector<SmallVectorImpl<Value> *> all = {&m};
    all.append(others.begin(), others.end());
    for (int64_t r = k + 1; r < n; ++r) {
      Value isR = cmpi(arith::CmpIPredicate::eq, best, idx(r));
      for (SmallVectorImpl<Value> *t : all) {
        int64_t cols = t->size() / n;
        for (int64_t c = 0; c < cols; ++c) {
          Value rowK = (*t)[k * cols + c], rowR = (*t)[r * cols + c];
          (*t)[k * cols + c] = sel(isR, rowR, rowK);
          (*t)[r * cols + c] = sel(isR, rowK, rowR);
        }
      }
    }
    return cmpi(arith::CmpIPredicate::ne, best, idx(k));
  }
};

/// Cholesky–Banachiewicz per lane. As jnp.linalg.cholesky, a lane whose
/// matrix is not positive definite (a pivot that is not > 0, NaN included)
/// is all NaN; the other lanes are unharmed.
Value choleskyLanes(OpBuilder &b, Location loc, Value operand,
                    RankedTensorType resultType) {
  Value lm = toLaneMajor(b, loc, operand);
  int64_t n = tensorType(lm).getDimSize(0);
  Type et = resultType.getElementType();
  // Only the lower triangle is read.
  SmallVector<LaneInput> inputs;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j <= i; ++j)
      inputs.push_back({lm, i, j});
  Value out = buildLaneKernel(
      b, loc, inputs, n, n,
      [&](OpBuilder &nb, Location nloc, ArrayRef<Value> in) {
        LaneOps o{nb, nloc, et};
        auto a = [&](int64_t i, int64_t j) { return in[i * (i + 1) / 2 + j]; };
        SmallVector<Value> l(n * n, o.cst(0));
        Value bad = arith::ConstantIntOp::create(nb, nloc, 0, 1);
        for (int64_t j = 0; j < n; ++j) {
          Value d = a(j, j);
          for (int64_t k = 0; k < j; ++k)
            d = o.sub(d, o.mul(l[j * n + k], l[j * n + k]));
          // `!(d > 0)` is also true for NaN.
          bad = arith::OrIOp::create(
              nb, nloc, bad, o.cmpf(arith::CmpFPredicate::ULE, d, o.cst(0)));
          l[j * n + j] = math::SqrtOp::create(nb, nloc, d);
          for (int64_t i = j + 1; i < n; ++i) {
            Value s = a(i, j);
            for (int64_t k = 0; k < j; ++k)
              s = o.sub(s, o.mul(l[i * n + k], l[j * n + k]));
            l[i * n + j] = o.div(s, l[j * n + j]);
          }
        }
        Value nan = o.cst(std::nan(""));
        for (Value &v : l)
          v = o.sel(bad, nan, v);
        return l;
      });
  return fromLaneMajor(b, loc, out, resultType);
}

/// Every element of the lane-major n x n matrix `lm`, row-major.
SmallVector<LaneInput> wholeMatrix(Value lm, int64_t n) {
  SmallVector<LaneInput> inputs;
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j)
      inputs.push_back({lm, i, j});
  return inputs;
}

/// Gauss–Jordan elimination with partial pivoting per lane on [M | X], X
/// starting as the identity: after column k, row k has a unit pivot and
/// column k is zero elsewhere, so X ends as M^-1.
Value invLanes(OpBuilder &b, Location loc, Value operand,
               RankedTensorType resultType) {
  Value lm = toLaneMajor(b, loc, operand);
  int64_t n = tensorType(lm).getDimSize(0);
  Type et = resultType.getElementType();
  SmallVector<LaneInput> inputs = wholeMatrix(lm, n);
  Value out = buildLaneKernel(
      b, loc, inputs, n, n,
      [&](OpBuilder &nb, Location nloc, ArrayRef<Value> in) {
        LaneOps o{nb, nloc, et};
        SmallVector<Value> m(in.begin(), in.end());
        SmallVector<Value> x(n * n, o.cst(0));
        for (int64_t i = 0; i < n; ++i)
          x[i * n + i] = o.cst(1);
        for (int64_t k = 0; k < n; ++k) {
          o.pivot(m, {&x}, n, k);
          Value piv = m[k * n + k];
          // Columns <= k of M are never read again: only the ones right of
          // the pivot are updated.
          for (int64_t j = k + 1; j < n; ++j)
            m[k * n + j] = o.div(m[k * n + j], piv);
          for (int64_t j = 0; j < n; ++j)
            x[k * n + j] = o.div(x[k * n + j], piv);
          for (int64_t i = 0; i < n; ++i) {
            if (i == k)
              continue;
            Value f = m[i * n + k];
            for (int64_t j = k + 1; j < n; ++j)
              m[i * n + j] = o.sub(m[i * n + j], o.mul(f, m[k * n + j]));
            for (int64_t j = 0; j < n; ++j)
              x[i * n + j] = o.sub(x[i * n + j], o.mul(f, x[k * n + j]));
          }
        }
        return x;
      });
  return fromLaneMajor(b, loc, out, resultType);
}

/// LU with partial pivoting per lane: det = sign * prod(pivots), the sign
/// flipped by every row swap. As LAPACK's getrf (and the reference), a lane
/// that meets an exactly zero pivot has det 0.
Value detLanes(OpBuilder &b, Location loc, Value operand,
               RankedTensorType resultType) {
  Value lm = toLaneMajor(b, loc, operand);
  int64_t n = tensorType(lm).getDimSize(0);
  Type et = resultType.getElementType();
  SmallVector<LaneInput> inputs = wholeMatrix(lm, n);
  Value out = buildLaneKernel(
      b, loc, inputs, 1, 1,
      [&](OpBuilder &nb, Location nloc, ArrayRef<Value> in) {
        LaneOps o{nb, nloc, et};
        SmallVector<Value> m(in.begin(), in.end());
        Value sign = o.cst(1), prod = o.cst(1);
        Value singular = arith::ConstantIntOp::create(nb, nloc, 0, 1);
        for (int64_t k = 0; k < n; ++k) {
          Value swapped = o.pivot(m, {}, n, k);
          sign = o.sel(swapped, arith::NegFOp::create(nb, nloc, sign), sign);
          Value piv = m[k * n + k];
          prod = o.mul(prod, piv);
          singular = arith::OrIOp::create(
              nb, nloc, singular,
              o.cmpf(arith::CmpFPredicate::OEQ, piv, o.cst(0)));
          for (int64_t i = k + 1; i < n; ++i) {
            Value f = o.div(m[i * n + k], piv);
            for (int64_t j = k + 1; j < n; ++j)
              m[i * n + j] = o.sub(m[i * n + j], o.mul(f, m[k * n + j]));
          }
        }
        // The select also keeps a singular lane at +0 (sign * 0 may be -0;
        // numpy prints 0).
        Value det = o.sel(singular, o.cst(0), o.mul(sign, prod));
        return SmallVector<Value>{det};
      });
  return reshapeTo(b, loc, out, resultType);
}

/// Forward or backward substitution per lane. Every case is a left-side
/// solve T Y = C: for a right-side solve X op(A) = B, transpose both sides
/// (op(A)^T X^T = B^T), so Y = X^T and C = B^T are read through swapped
/// indices. T is A or A^T; only its triangle is read.
Value triangularSolveLanes(OpBuilder &b, Location loc, TriangularSolveOp op,
                           Value aOperand, Value bOperand) {
  auto resultType = cast<RankedTensorType>(op.getType());
  Type et = resultType.getElementType();
  Value la = toLaneMajor(b, loc, aOperand);
  Value lb = toLaneMajor(b, loc, bOperand);
  int64_t n = tensorType(la).getDimSize(0);
  int64_t bRows = tensorType(lb).getDimSize(0);
  int64_t bCols = tensorType(lb).getDimSize(1);
  bool left = op.getLeftSide();
  bool useTranspose = op.getTransposeA() != !left;
  bool tLower = useTranspose ? !op.getLower() : op.getLower();
  int64_t m = left ? bCols : bRows;
  // Input numbering: the n x n entries of A (only the triangle read is
  // passed), then all of B.
  SmallVector<LaneInput> inputs;
  SmallVector<int64_t> aPos(n * n, -1);
  for (int64_t i = 0; i < n; ++i)
    for (int64_t j = 0; j < n; ++j)
      if (op.getLower() ? j <= i : j >= i) {
        aPos[i * n + j] = inputs.size();
        inputs.push_back({la, i, j});
      }
  int64_t bBase = inputs.size();
  for (int64_t i = 0; i < bRows; ++i)
    for (int64_t j = 0; j < bCols; ++j)
      inputs.push_back({lb, i, j});
  // Y (n x m) entry (i, c) is B's (i, c) for a left solve, (c, i) else.
  auto bIndex = [&](int64_t i, int64_t c) {
    return left ? i * bCols + c : c * bCols + i;
  };
  Value out = buildLaneKernel(
      b, loc, inputs, bRows, bCols,
      [&](OpBuilder &nb, Location nloc, ArrayRef<Value> in) {
        LaneOps o{nb, nloc, et};
        auto t = [&](int64_t i, int64_t j) {
          return useTranspose ? in[aPos[j * n + i]] : in[aPos[i * n + j]];
        };
        SmallVector<Value> y(bRows * bCols);
        for (int64_t c = 0; c < m; ++c)
          for (int64_t step = 0; step < n; ++step) {
            int64_t i = tLower ? step : n - 1 - step;
            Value s = in[bBase + bIndex(i, c)];
            int64_t lo = tLower ? 0 : i + 1, hi = tLower ? i : n;
            for (int64_t k = lo; k < hi; ++k)
              s = o.sub(s, o.mul(t(i, k), y[bIndex(k, c)]));
            y[bIndex(i, c)] = o.div(s, t(i, i));
          }
        return y;
      });
  return fromLaneMajor(b, loc, out, resultType);
}

//===----------------------------------------------------------------------===//
// Small linear algebra patterns: lanes up to kMaxLaneKernelOps, scalar scf
// loops over [batch, n, n] beyond
//===----------------------------------------------------------------------===//

struct CholeskyLowering : OpConversionPattern<CholeskyOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(CholeskyOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    OpBuilder &b = rewriter;
    auto resultType = cast<RankedTensorType>(op.getType());
    // n^3/6 multiply-subtracts.
    int64_t size = resultType.getShape().back();
    if (fitsLanes(size * size * size / 3)) {
      rewriter.replaceOp(
          op, choleskyLanes(b, loc, adaptor.getOperand(), resultType));
      return success();
    }
    Type et = resultType.getElementType();
    Value a = asBatched3D(b, loc, adaptor.getOperand());
    RankedTensorType t3 = tensorType(a);
    int64_t n = t3.getDimSize(1);
    Value zeroI = indexConst(b, loc, 0), oneI = indexConst(b, loc, 1);
    Value nI = indexConst(b, loc, n);
    Value out = filled(b, loc, t3, scalarConst(b, loc, et, 0));
    // Cholesky–Banachiewicz, column by column: L[j][j] = sqrt(A[j][j] -
    // sum L[j][k]^2), L[i][j] = (A[i][j] - sum L[i][k] L[j][k]) / L[j][j].
    // As jnp.linalg.cholesky, a matrix that is not positive definite (a
    // pivot that is not > 0) gives all NaN; the batch's others are unharmed.
    Value nan = scalarConst(b, loc, et, std::nan(""));
    Value zero = scalarConst(b, loc, et, 0);
    Value falseV = arith::ConstantIntOp::create(b, loc, 0, 1);
    out = buildFor(
        b, loc, zeroI, indexConst(b, loc, t3.getDimSize(0)), out,
        [&](OpBuilder &b, Location loc, Value bi,
            ValueRange outer) -> SmallVector<Value> {
          SmallVector<Value> lb = buildFor(
              b, loc, zeroI, nI, ValueRange{outer[0], falseV},
              [&](OpBuilder &b, Location loc, Value j,
                  ValueRange args) -> SmallVector<Value> {
                Mat m{b, loc};
                Value l = args[0];
                auto dotPrefix = [&](OpBuilder &b, Location loc, Value i,
                                     Value start) {
                  return buildFor(
                      b, loc, zeroI, j, start,
                      [&](OpBuilder &b, Location loc, Value k,
                          ValueRange acc) -> SmallVector<Value> {
                        Mat m{b, loc};
                        Value p = arith::MulFOp::create(
                            b, loc, m.get(l, bi, i, k), m.get(l, bi, j, k));
                        return {arith::SubFOp::create(b, loc, acc[0], p)};
                      })[0];
                };
                Value pivot = dotPrefix(b, loc, j, m.get(a, bi, j, j));
                // `!(pivot > 0)` is also true for NaN.
                Value notPositive = arith::CmpFOp::create(
                    b, loc, arith::CmpFPredicate::ULE, pivot, zero);
                Value bad = arith::OrIOp::create(b, loc, args[1], notPositive);
                Value diag = math::SqrtOp::create(b, loc, pivot);
                l = m.set(l, bi, j, j, diag);
                Value jp1 = arith::AddIOp::create(b, loc, j, oneI);
                Value lj =
                    buildFor(b, loc, jp1, nI, l,
                             [&](OpBuilder &b, Location loc, Value i,
                                 ValueRange inner) -> SmallVector<Value> {
                               Mat m{b, loc};
                               l = inner[0];
                               Value s =
                                   dotPrefix(b, loc, i, m.get(a, bi, i, j));
                               Value v = arith::DivFOp::create(b, loc, s, diag);
                               return {m.set(l, bi, i, j, v)};
                             })[0];
                return {lj, bad};
              });
          Value bad = lb[1];
          // Poison the whole matrix when a pivot failed.
          Value poisoned = buildFor(
              b, loc, zeroI, nI, lb[0],
              [&](OpBuilder &b, Location loc, Value i, ValueRange li) {
                return buildFor(b, loc, zeroI, nI, li,
                                [&](OpBuilder &b, Location loc, Value j,
                                    ValueRange lj) -> SmallVector<Value> {
                                  Mat m{b, loc};
                                  Value v = arith::SelectOp::create(
                                      b, loc, bad, nan, m.get(lj[0], bi, i, j));
                                  return {m.set(lj[0], bi, i, j, v)};
                                });
              })[0];
          return {poisoned};
        })[0];
    rewriter.replaceOp(op, reshapeTo(b, loc, out, resultType));
    return success();
  }
};

/// Index of the row in [k, n) of column k of matrix `bi` with the largest
/// magnitude (partial pivoting).
Value pivotRow(OpBuilder &b, Location loc, Value m3, Value bi, Value k,
               Value nI) {
  Value kp1 = arith::AddIOp::create(b, loc, k, indexConst(b, loc, 1));
  Mat m{b, loc};
  Value start = math::AbsFOp::create(b, loc, m.get(m3, bi, k, k));
  return buildFor(
      b, loc, kp1, nI, ValueRange{k, start},
      [&](OpBuilder &b, Location loc, Value i,
          ValueRange best) -> SmallVector<Value> {
        Mat m{b, loc};
        Value v = math::AbsFOp::create(b, loc, m.get(m3, bi, i, k));
        Value better = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT,
                                             v, best[1]);
        return {arith::SelectOp::create(b, loc, better, i, best[0]),
                arith::SelectOp::create(b, loc, better, v, best[1])};
      })[0];
}

/// Swaps rows `r1` and `r2` of matrix `bi` in each tensor of `ts`.
SmallVector<Value> swapRows(OpBuilder &b, Location loc, ValueRange ts, Value bi,
                            Value r1, Value r2, Value nI) {
  return buildFor(b, loc, indexConst(b, loc, 0), nI, ts,
                  [&](OpBuilder &b, Location loc, Value c, ValueRange cur) {
                    Mat m{b, loc};
                    SmallVector<Value> next;
                    for (Value t : cur) {
                      Value x = m.get(t, bi, r1, c), y = m.get(t, bi, r2, c);
                      t = m.set(t, bi, r1, c, y);
                      next.push_back(m.set(t, bi, r2, c, x));
                    }
                    return next;
                  });
}

struct InvLowering : OpConversionPattern<InvOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(InvOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    OpBuilder &b = rewriter;
    auto resultType = cast<RankedTensorType>(op.getType());
    // n^3 multiply-subtracts and n^3 selects for the row swaps.
    int64_t size = resultType.getShape().back();
    if (fitsLanes(4 * size * size * size)) {
      rewriter.replaceOp(op,
                         invLanes(b, loc, adaptor.getOperand(), resultType));
      return success();
    }
    Value a = asBatched3D(b, loc, adaptor.getOperand());
    RankedTensorType t3 = tensorType(a);
    Type et = t3.getElementType();
    int64_t n = t3.getDimSize(1);
    Value zeroI = indexConst(b, loc, 0), nI = indexConst(b, loc, n);
    // X starts as the identity.
    Value ident = buildElementwise(
        b, loc, t3, ValueRange{}, [&](OpBuilder &b, Location l, ValueRange) {
          Value i = linalg::IndexOp::create(b, l, 1);
          Value j = linalg::IndexOp::create(b, l, 2);
          Value eq =
              arith::CmpIOp::create(b, l, arith::CmpIPredicate::eq, i, j);
          return Value(arith::SelectOp::create(
              b, l, eq, scalarConst(b, l, et, 1), scalarConst(b, l, et, 0)));
        });
    // Gauss–Jordan elimination with partial pivoting on [M | X]: after
    // column k, row k has a unit pivot and column k is zero elsewhere.
    SmallVector<Value> res = buildFor(
        b, loc, zeroI, indexConst(b, loc, t3.getDimSize(0)),
        ValueRange{a, ident},
        [&](OpBuilder &b, Location loc, Value bi, ValueRange mx) {
          return buildFor(
              b, loc, zeroI, nI, mx,
              [&](OpBuilder &b, Location loc, Value k, ValueRange cur) {
                Value p = pivotRow(b, loc, cur[0], bi, k, nI);
                SmallVector<Value> sw = swapRows(b, loc, cur, bi, k, p, nI);
                Mat m{b, loc};
                Value piv = m.get(sw[0], bi, k, k);
                // Normalize row k.
                sw = buildFor(b, loc, zeroI, nI, sw,
                              [&](OpBuilder &b, Location loc, Value c,
                                  ValueRange t) -> SmallVector<Value> {
                                Mat m{b, loc};
                                SmallVector<Value> next;
                                for (Value x : t)
                                  next.push_back(m.set(
                                      x, bi, k, c,
                                      arith::DivFOp::create(
                                          b, loc, m.get(x, bi, k, c), piv)));
                                return next;
                              });
                // Eliminate column k from every other row.
                return buildFor(
                    b, loc, zeroI, nI, sw,
                    [&](OpBuilder &b, Location loc, Value i, ValueRange t) {
                      Mat m{b, loc};
                      Value f = m.get(t[0], bi, i, k);
                      Value isK = arith::CmpIOp::create(
                          b, loc, arith::CmpIPredicate::eq, i, k);
                      return buildFor(
                          b, loc, zeroI, nI, t,
                          [&](OpBuilder &b, Location loc, Value c,
                              ValueRange u) -> SmallVector<Value> {
                            Mat m{b, loc};
                            SmallVector<Value> next;
                            for (Value x : u) {
                              Value old = m.get(x, bi, i, c);
                              Value upd = arith::SubFOp::create(
                                  b, loc, old,
                                  arith::MulFOp::create(b, loc, f,
                                                        m.get(x, bi, k, c)));
                              next.push_back(m.set(x, bi, i, c,
                                                   arith::SelectOp::create(
                                                       b, loc, isK, old, upd)));
                            }
                            return next;
                          });
                    });
              });
        });
    rewriter.replaceOp(op, reshapeTo(b, loc, res[1], resultType));
    return success();
  }
};

struct DetLowering : OpConversionPattern<DetOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(DetOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    OpBuilder &b = rewriter;
    auto resultType = cast<RankedTensorType>(op.getType());
    // n^3/3 multiply-subtracts and n^3/2 selects for the row swaps.
    int64_t size = tensorType(adaptor.getOperand()).getShape().back();
    if (fitsLanes(2 * size * size * size)) {
      rewriter.replaceOp(op,
                         detLanes(b, loc, adaptor.getOperand(), resultType));
      return success();
    }
    Value a = asBatched3D(b, loc, adaptor.getOperand());
    RankedTensorType t3 = tensorType(a);
    Type et = t3.getElementType();
    int64_t batch = t3.getDimSize(0), n = t3.getDimSize(1);
    Value zeroI = indexConst(b, loc, 0), oneI = indexConst(b, loc, 1);
    Value nI = indexConst(b, loc, n);
    Value zero = scalarConst(b, loc, et, 0);
    auto flatType = RankedTensorType::get({batch}, et);
    Value out = emptyTensor(b, loc, flatType);
    // LU with partial pivoting; det = sign * prod(pivots). As LAPACK's
    // getrf, a zero pivot skips the elimination (det is then exactly 0).
    SmallVector<Value> res = buildFor(
        b, loc, zeroI, indexConst(b, loc, batch), ValueRange{a, out},
        [&](OpBuilder &b, Location loc, Value bi,
            ValueRange st) -> SmallVector<Value> {
          SmallVector<Value> lu = buildFor(
              b, loc, zeroI, nI, ValueRange{st[0], scalarConst(b, loc, et, 1)},
              [&](OpBuilder &b, Location loc, Value k,
                  ValueRange cur) -> SmallVector<Value> {
                Value p = pivotRow(b, loc, cur[0], bi, k, nI);
                Value m3 = swapRows(b, loc, cur[0], bi, k, p, nI)[0];
                Mat m{b, loc};
                Value piv = m.get(m3, bi, k, k);
                Value swapped = arith::CmpIOp::create(
                    b, loc, arith::CmpIPredicate::ne, p, k);
                Value det = arith::SelectOp::create(
                    b, loc, swapped, arith::NegFOp::create(b, loc, cur[1]),
                    cur[1]);
                det = arith::MulFOp::create(b, loc, det, piv);
                Value pivZero = arith::CmpFOp::create(
                    b, loc, arith::CmpFPredicate::OEQ, piv, zero);
                Value kp1 = arith::AddIOp::create(b, loc, k, oneI);
                m3 = buildFor(
                    b, loc, kp1, nI, m3,
                    [&](OpBuilder &b, Location loc, Value i, ValueRange t) {
                      Mat m{b, loc};
                      Value f = arith::DivFOp::create(
                          b, loc, m.get(t[0], bi, i, k), piv);
                      f = arith::SelectOp::create(b, loc, pivZero, zero, f);
                      return buildFor(
                          b, loc, kp1, nI, t,
                          [&](OpBuilder &b, Location loc, Value c,
                              ValueRange u) -> SmallVector<Value> {
                            Mat m{b, loc};
                            Value upd = arith::SubFOp::create(
                                b, loc, m.get(u[0], bi, i, c),
                                arith::MulFOp::create(b, loc, f,
                                                      m.get(u[0], bi, k, c)));
                            return {m.set(u[0], bi, i, c, upd)};
                          });
                    })[0];
                return {m3, det};
              });
          // A singular matrix can give -0 (sign * 0); numpy prints 0. x + 0
          // turns -0 into +0 and leaves every other value unchanged.
          Value det = arith::AddFOp::create(b, loc, lu[1], zero);
          Value o =
              tensor::InsertOp::create(b, loc, det, st[1], ValueRange{bi});
          return {lu[0], o};
        });
    rewriter.replaceOp(op, reshapeTo(b, loc, res[1], resultType));
    return success();
  }
};

struct TriangularSolveLowering : OpConversionPattern<TriangularSolveOp> {
  using OpConversionPattern::OpConversionPattern;
  LogicalResult
  matchAndRewrite(TriangularSolveOp op, OpAdaptor adaptor,
                  ConversionPatternRewriter &rewriter) const override {
    Location loc = op.getLoc();
    OpBuilder &b = rewriter;
    auto resultType = cast<RankedTensorType>(op.getType());
    ArrayRef<int64_t> bShape = resultType.getShape();
    // n^2/2 multiply-subtracts per right-hand side.
    if (fitsLanes(bShape[bShape.size() - 1] * bShape[bShape.size() - 2] *
                  tensorType(adaptor.getA()).getShape().back())) {
      rewriter.replaceOp(
          op, triangularSolveLanes(b, loc, op, adaptor.getA(), adaptor.getB()));
      return success();
    }
    Value a = asBatched3D(b, loc, adaptor.getA());
    Value rhs = asBatched3D(b, loc, adaptor.getB());
    RankedTensorType bt = tensorType(rhs);
    int64_t n = tensorType(a).getDimSize(1);
    bool left = op.getLeftSide();
    // Every case is a left-side solve T Y = C: for a right-side solve
    // X op(A) = B, transpose both sides (op(A)^T X^T = B^T), so Y = X^T and
    // C = B^T are read through swapped indices. T is A or A^T.
    bool useTranspose = op.getTransposeA() != !left;
    bool tLower = useTranspose ? !op.getLower() : op.getLower();
    int64_t m = left ? bt.getDimSize(2) : bt.getDimSize(1);
    Value zeroI = indexConst(b, loc, 0), nI = indexConst(b, loc, n);
    Value nm1 = indexConst(b, loc, n - 1);
    Value mI = indexConst(b, loc, m);
    auto tAt = [&](Mat &mm, Value bi, Value i, Value j) {
      return useTranspose ? mm.get(a, bi, j, i) : mm.get(a, bi, i, j);
    };
    auto yAt = [&](Mat &mm, Value y, Value bi, Value i, Value c) {
      return left ? mm.get(y, bi, i, c) : mm.get(y, bi, c, i);
    };
    auto ySet = [&](Mat &mm, Value y, Value bi, Value i, Value c, Value v) {
      return left ? mm.set(y, bi, i, c, v) : mm.set(y, bi, c, i, v);
    };
    // Substitution in place over B: row i of Y only needs rows solved
    // before it (forward for a lower T, backward for an upper one).
    Value res = buildFor(
        b, loc, zeroI, indexConst(b, loc, bt.getDimSize(0)), rhs,
        [&](OpBuilder &b, Location loc, Value bi, ValueRange st) {
          return buildFor(
              b, loc, zeroI, nI, st,
              [&](OpBuilder &b, Location loc, Value ii, ValueRange cur) {
                Value i = tLower ? ii : arith::SubIOp::create(b, loc, nm1, ii);
                return buildFor(
                    b, loc, zeroI, mI, cur,
                    [&](OpBuilder &b, Location loc, Value c,
                        ValueRange y) -> SmallVector<Value> {
                      Mat mm{b, loc};
                      Value acc = yAt(mm, y[0], bi, i, c);
                      acc = buildFor(
                          b, loc, zeroI, ii, acc,
                          [&](OpBuilder &b, Location loc, Value jj,
                              ValueRange s) -> SmallVector<Value> {
                            Mat mm{b, loc};
                            Value j =
                                tLower ? jj
                                       : arith::SubIOp::create(b, loc, nm1, jj);
                            Value p =
                                arith::MulFOp::create(b, loc, tAt(mm, bi, i, j),
                                                      yAt(mm, y[0], bi, j, c));
                            return {arith::SubFOp::create(b, loc, s[0], p)};
                          })[0];
                      Value v =
                          arith::DivFOp::create(b, loc, acc, tAt(mm, bi, i, i));
                      return {ySet(mm, y[0], bi, i, c, v)};
                    });
              });
        })[0];
    rewriter.replaceOp(op, reshapeTo(b, loc, res, resultType));
    return success();
  }
};

//===----------------------------------------------------------------------===//
// The pass
//===----------------------------------------------------------------------===//

struct ConvertVmapcToLinalgPass
    : vmapc::impl::ConvertVmapcToLinalgBase<ConvertVmapcToLinalgPass> {
  void runOnOperation() override {
    ModuleOp module = getOperation();
    // vmap has no direct lowering: it is the batching pass's job, and a
    // clear message beats "failed to legalize".
    WalkResult walk = module.walk([](VmapOp op) {
      op.emitError("vmapc.vmap must be removed by --vmapc-batch before "
                   "--convert-vmapc-to-linalg");
      return WalkResult::interrupt();
    });
    if (walk.wasInterrupted())
      return signalPassFailure();

    MLIRContext *ctx = &getContext();
    ConversionTarget target(*ctx);
    target.addIllegalDialect<VmapcDialect>();
    target.addLegalDialect<arith::ArithDialect, linalg::LinalgDialect,
                           math::MathDialect, scf::SCFDialect,
                           tensor::TensorDialect, func::FuncDialect>();
    target.markUnknownOpDynamicallyLegal([](Operation *) { return true; });
    RewritePatternSet patterns(ctx);
    populateVmapcToLinalgConversionPatterns(patterns);
    if (failed(applyPartialConversion(module, target, std::move(patterns))))
      signalPassFailure();
  }
};

} // namespace

void vmapc::populateVmapcToLinalgConversionPatterns(
    RewritePatternSet &patterns) {
  MLIRContext *ctx = patterns.getContext();
  patterns
      .add<ElementwiseLowering<AddOp>, ElementwiseLowering<SubOp>,
           ElementwiseLowering<MulOp>, ElementwiseLowering<DivOp>,
           ElementwiseLowering<MaxOp>, ElementwiseLowering<MinOp>,
           ElementwiseLowering<PowOp>, ElementwiseLowering<NegOp>,
           ElementwiseLowering<AbsOp>, ElementwiseLowering<ExpOp>,
           ElementwiseLowering<LogOp>, ElementwiseLowering<SqrtOp>,
           ElementwiseLowering<RsqrtOp>, ElementwiseLowering<TanhOp>,
           ElementwiseLowering<SinOp>, ElementwiseLowering<CosOp>,
           ElementwiseLowering<LogisticOp>, ElementwiseLowering<SelectOp>,
           CompareLowering, ConvertLowering, ConstantLowering, IotaLowering,
           BroadcastInDimLowering, ReshapeLowering, TransposeLowering,
           ReduceLowering, DotGeneralLowering, SliceLowering,
           ConcatenateLowering, DynamicSliceLowering, GatherLowering,
           CholeskyLowering, InvLowering, DetLowering, TriangularSolveLowering>(
          ctx);
  // fori_loop, scan, while and cond -> scf: ControlFlow.cpp.
  populateVmapcControlFlowToSCFPatterns(patterns);
}
