//===- VmapcFolds.cpp - Folders and canonicalization patterns ---*- C++ -*-===//
//
// Constant folding follows the ops' runtime semantics exactly (integer
// arithmetic wraps, integer division truncates, float max/min propagate NaN,
// float compares are ordered except `ne`); whenever the result is undefined at
// runtime (integer division by zero or overflow, float to integer conversion
// out of range) the folder declines instead of picking a value.
//
// Non-splat constants are only folded when the tensors involved have at most
// kMaxFoldElements elements, so that canonicalization neither takes unbounded
// time nor bloats the IR with large materialized constants.
//
// Folders also run from OpBuilder::createOrFold, before any verification, so
// they check what they rely on (shapes, attribute ranges) instead of assuming
// the verifier's invariants: an invalid op is left alone for the verifier.
//
//===----------------------------------------------------------------------===//
#include "dialect/VmapcOps.h"

#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/APFloat.h"
#include "llvm/ADT/APSInt.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/MathExtras.h"

#include <cmath>

using namespace mlir;
using namespace vmapc;

namespace {

/// The largest non-splat constant a folder reads or produces.
constexpr int64_t kMaxFoldElements = int64_t(1) << 16;

DenseElementsAttr asDense(Attribute attr) {
  return dyn_cast_or_null<DenseElementsAttr>(attr);
}

/// The element count of `type`, or std::nullopt when it overflows int64_t.
/// The verifier accepts such types; only a splat can stand for them, and
/// ShapedType::getNumElements would silently wrap.
std::optional<int64_t> checkedNumElements(ShapedType type) {
  int64_t count = 1;
  for (int64_t dim : type.getShape())
    if (llvm::MulOverflow(count, dim, count))
      return std::nullopt;
  return count;
}

/// Whether a constant may be read element by element.
bool isSmallEnough(DenseElementsAttr attr) {
  return attr.isSplat() || attr.getNumElements() <= kMaxFoldElements;
}

/// Row-major strides of `shape`.
SmallVector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  SmallVector<int64_t> strides(shape.size(), 1);
  for (int64_t d = static_cast<int64_t>(shape.size()) - 2; d >= 0; --d)
    strides[d] = strides[d + 1] * shape[d + 1];
  return strides;
}

/// Applies `fn` elementwise to `inputs` (all of `resultType`'s shape). `In` is
/// APFloat or APInt, as are the values `fn` returns; `fn` returns
/// std::nullopt to refuse folding. All-splat inputs give a splat result.
template <typename In, typename Fn>
DenseElementsAttr mapElements(ArrayRef<DenseElementsAttr> inputs,
                              ShapedType resultType, Fn fn) {
  using Out = typename std::invoke_result_t<Fn, ArrayRef<In>>::value_type;
  std::optional<int64_t> checkedCount = checkedNumElements(resultType);
  if (!checkedCount)
    return {};
  int64_t numElements = *checkedCount;
  if (numElements == 0)
    return DenseElementsAttr::get(resultType, ArrayRef<Out>{});
  if (llvm::any_of(inputs, [&](DenseElementsAttr a) {
        return a.getType().getShape() != resultType.getShape();
      }))
    return {};
  bool allSplat =
      llvm::all_of(inputs, [](DenseElementsAttr a) { return a.isSplat(); });
  if (!allSplat && numElements > kMaxFoldElements)
    return {};
  SmallVector<decltype(inputs.front().template getValues<In>())> ranges;
  for (DenseElementsAttr input : inputs)
    ranges.push_back(input.template getValues<In>());
  int64_t count = allSplat ? 1 : numElements;
  SmallVector<Out> results;
  results.reserve(count);
  SmallVector<In> args;
  for (int64_t i = 0; i < count; ++i) {
    args.clear();
    for (auto &range : ranges)
      args.push_back(range[i]);
    std::optional<Out> value = fn(ArrayRef<In>(args));
    if (!value)
      return {};
    results.push_back(std::move(*value));
  }
  return DenseElementsAttr::get(resultType, ArrayRef<Out>(results));
}

/// Folds an elementwise op whose operands and result share one element type,
/// with `floatFn` on float tensors and `intFn` on integer tensors.
template <typename FloatFn, typename IntFn>
OpFoldResult foldElementwise(ArrayRef<Attribute> operands, Type resultType,
                             FloatFn floatFn, IntFn intFn) {
  SmallVector<DenseElementsAttr> inputs;
  for (Attribute operand : operands) {
    DenseElementsAttr dense = asDense(operand);
    if (!dense)
      return {};
    inputs.push_back(dense);
  }
  auto shaped = cast<ShapedType>(resultType);
  if (isa<FloatType>(shaped.getElementType()))
    return mapElements<APFloat>(inputs, shaped, floatFn);
  return mapElements<APInt>(inputs, shaped, intFn);
}

/// An APFloat computation done in double, rounded to `like`'s semantics.
APFloat fromDouble(double value, const APFloat &like) {
  APFloat result(value);
  bool losesInfo;
  result.convert(like.getSemantics(), APFloat::rmNearestTiesToEven, &losesInfo);
  return result;
}

/// Folds a float-only unary op computed through `fn` in double precision.
template <typename Fn>
OpFoldResult foldFloatUnary(Attribute operand, Type resultType, Fn fn) {
  return foldElementwise(
      {operand}, resultType,
      [&](ArrayRef<APFloat> x) -> std::optional<APFloat> {
        return fromDouble(fn(x[0].convertToDouble()), x[0]);
      },
      [](ArrayRef<APInt>) -> std::optional<APInt> { return std::nullopt; });
}

std::optional<APInt> noIntFold(ArrayRef<APInt>) { return std::nullopt; }

/// Rebuilds `source` in `resultType` by picking, for each result element, the
/// source element at `sourceIndex(resultIndex)` (row-major linear indices).
DenseElementsAttr gatherElements(DenseElementsAttr source,
                                 ShapedType resultType,
                                 function_ref<int64_t(int64_t)> sourceIndex) {
  if (source.isSplat())
    return source.resizeSplat(resultType);
  std::optional<int64_t> checkedCount = checkedNumElements(resultType);
  if (!checkedCount)
    return {};
  int64_t numElements = *checkedCount;
  if (numElements > kMaxFoldElements ||
      source.getNumElements() > kMaxFoldElements)
    return {};
  if (isa<FloatType>(resultType.getElementType())) {
    auto values = source.getValues<APFloat>();
    SmallVector<APFloat> out;
    out.reserve(numElements);
    for (int64_t i = 0; i < numElements; ++i)
      out.push_back(values[sourceIndex(i)]);
    return DenseElementsAttr::get(resultType, out);
  }
  auto values = source.getValues<APInt>();
  SmallVector<APInt> out;
  out.reserve(numElements);
  for (int64_t i = 0; i < numElements; ++i)
    out.push_back(values[sourceIndex(i)]);
  return DenseElementsAttr::get(resultType, out);
}

/// Whether `op`'s operands and attributes obey its rules and its result type
/// is the one they determine. Inference without a location reports nothing.
template <typename OpTy> bool hasInferredType(OpTy op) {
  SmallVector<Type> inferred;
  return succeeded(OpTy::inferReturnTypes(op.getContext(), std::nullopt,
                                          typename OpTy::Adaptor(op),
                                          inferred)) &&
         TypeRange(inferred) == op->getResultTypes();
}

bool isIota(ArrayRef<int64_t> values) {
  for (auto [i, v] : llvm::enumerate(values))
    if (v != static_cast<int64_t>(i))
      return false;
  return true;
}

} // namespace

//===----------------------------------------------------------------------===//
// Binary elementwise ops
//===----------------------------------------------------------------------===//

OpFoldResult AddOp::fold(FoldAdaptor adaptor) {
  return foldElementwise(
      adaptor.getOperands(), getType(),
      [](ArrayRef<APFloat> x) -> std::optional<APFloat> { return x[0] + x[1]; },
      [](ArrayRef<APInt> x) -> std::optional<APInt> { return x[0] + x[1]; });
}

OpFoldResult SubOp::fold(FoldAdaptor adaptor) {
  return foldElementwise(
      adaptor.getOperands(), getType(),
      [](ArrayRef<APFloat> x) -> std::optional<APFloat> { return x[0] - x[1]; },
      [](ArrayRef<APInt> x) -> std::optional<APInt> { return x[0] - x[1]; });
}

OpFoldResult MulOp::fold(FoldAdaptor adaptor) {
  return foldElementwise(
      adaptor.getOperands(), getType(),
      [](ArrayRef<APFloat> x) -> std::optional<APFloat> { return x[0] * x[1]; },
      [](ArrayRef<APInt> x) -> std::optional<APInt> { return x[0] * x[1]; });
}

OpFoldResult DivOp::fold(FoldAdaptor adaptor) {
  return foldElementwise(
      adaptor.getOperands(), getType(),
      [](ArrayRef<APFloat> x) -> std::optional<APFloat> { return x[0] / x[1]; },
      [](ArrayRef<APInt> x) -> std::optional<APInt> {
        // Both are undefined behaviour at runtime (arith.divsi): leave them.
        if (x[1].isZero() || (x[0].isMinSignedValue() && x[1].isAllOnes()))
          return std::nullopt;
        return x[0].sdiv(x[1]);
      });
}

OpFoldResult MaxOp::fold(FoldAdaptor adaptor) {
  return foldElementwise(
      adaptor.getOperands(), getType(),
      [](ArrayRef<APFloat> x) -> std::optional<APFloat> {
        return llvm::maximum(x[0], x[1]);
      },
      [](ArrayRef<APInt> x) -> std::optional<APInt> {
        return x[0].sge(x[1]) ? x[0] : x[1];
      });
}

OpFoldResult MinOp::fold(FoldAdaptor adaptor) {
  return foldElementwise(
      adaptor.getOperands(), getType(),
      [](ArrayRef<APFloat> x) -> std::optional<APFloat> {
        return llvm::minimum(x[0], x[1]);
      },
      [](ArrayRef<APInt> x) -> std::optional<APInt> {
        return x[0].sle(x[1]) ? x[0] : x[1];
      });
}

OpFoldResult PowOp::fold(FoldAdaptor adaptor) {
  return foldElementwise(
      adaptor.getOperands(), getType(),
      [](ArrayRef<APFloat> x) -> std::optional<APFloat> {
        return fromDouble(
            std::pow(x[0].convertToDouble(), x[1].convertToDouble()), x[0]);
      },
      noIntFold);
}

//===----------------------------------------------------------------------===//
// Unary elementwise ops
//===----------------------------------------------------------------------===//

OpFoldResult NegOp::fold(FoldAdaptor adaptor) {
  // neg(neg(x)) = x exactly, for floats (sign flip) and wrapping integers.
  if (auto inner = getOperand().getDefiningOp<NegOp>())
    return inner.getOperand();
  return foldElementwise(
      adaptor.getOperands(), getType(),
      [](ArrayRef<APFloat> x) -> std::optional<APFloat> {
        return llvm::neg(x[0]);
      },
      [](ArrayRef<APInt> x) -> std::optional<APInt> {
        return APInt::getZero(x[0].getBitWidth()) - x[0];
      });
}

OpFoldResult AbsOp::fold(FoldAdaptor adaptor) {
  // abs is idempotent (also for INT_MIN, which stays INT_MIN).
  if (auto inner = getOperand().getDefiningOp<AbsOp>())
    return inner.getResult();
  return foldElementwise(
      adaptor.getOperands(), getType(),
      [](ArrayRef<APFloat> x) -> std::optional<APFloat> {
        return llvm::abs(x[0]);
      },
      [](ArrayRef<APInt> x) -> std::optional<APInt> { return x[0].abs(); });
}

OpFoldResult ExpOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperand(), getType(),
                        [](double x) { return std::exp(x); });
}

OpFoldResult LogOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperand(), getType(),
                        [](double x) { return std::log(x); });
}

OpFoldResult SqrtOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperand(), getType(),
                        [](double x) { return std::sqrt(x); });
}

OpFoldResult RsqrtOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperand(), getType(),
                        [](double x) { return 1.0 / std::sqrt(x); });
}

OpFoldResult TanhOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperand(), getType(),
                        [](double x) { return std::tanh(x); });
}

OpFoldResult SinOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperand(), getType(),
                        [](double x) { return std::sin(x); });
}

OpFoldResult CosOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperand(), getType(),
                        [](double x) { return std::cos(x); });
}

OpFoldResult LogisticOp::fold(FoldAdaptor adaptor) {
  return foldFloatUnary(adaptor.getOperand(), getType(),
                        [](double x) { return 1.0 / (1.0 + std::exp(-x)); });
}

//===----------------------------------------------------------------------===//
// CompareOp, SelectOp, ConvertOp
//===----------------------------------------------------------------------===//

OpFoldResult CompareOp::fold(FoldAdaptor adaptor) {
  if (!hasInferredType(*this))
    return {};
  std::optional<ComparePredicate> parsed =
      parseComparePredicate(getPredicate());
  if (!parsed)
    return {};
  ComparePredicate predicate = *parsed;
  auto resultType = cast<ShapedType>(getType());
  Type elementType = getLhs().getType().getElementType();
  auto boolean = [](bool b) { return APInt(1, b ? 1 : 0); };

  // x <op> x is known for integers; floats may be NaN, so only there is it
  // unknown.
  if (getLhs() == getRhs() && isa<IntegerType>(elementType)) {
    bool value = predicate == ComparePredicate::EQ ||
                 predicate == ComparePredicate::LE ||
                 predicate == ComparePredicate::GE;
    return DenseElementsAttr::get(resultType, boolean(value));
  }

  DenseElementsAttr lhs = asDense(adaptor.getLhs());
  DenseElementsAttr rhs = asDense(adaptor.getRhs());
  if (!lhs || !rhs)
    return {};
  if (isa<FloatType>(elementType)) {
    return mapElements<APFloat>(
        {lhs, rhs}, resultType,
        [&](ArrayRef<APFloat> x) -> std::optional<APInt> {
          APFloat::cmpResult c = x[0].compare(x[1]);
          switch (predicate) {
          case ComparePredicate::EQ:
            return boolean(c == APFloat::cmpEqual);
          case ComparePredicate::NE:
            return boolean(c != APFloat::cmpEqual);
          case ComparePredicate::LT:
            return boolean(c == APFloat::cmpLessThan);
          case ComparePredicate::LE:
            return boolean(c == APFloat::cmpLessThan || c == APFloat::cmpEqual);
          case ComparePredicate::GT:
            return boolean(c == APFloat::cmpGreaterThan);
          case ComparePredicate::GE:
            return boolean(c == APFloat::cmpGreaterThan ||
                           c == APFloat::cmpEqual);
          }
          llvm_unreachable("unknown compare predicate");
        });
  }
  return mapElements<APInt>({lhs, rhs}, resultType,
                            [&](ArrayRef<APInt> x) -> std::optional<APInt> {
                              switch (predicate) {
                              case ComparePredicate::EQ:
                                return boolean(x[0].eq(x[1]));
                              case ComparePredicate::NE:
                                return boolean(x[0].ne(x[1]));
                              case ComparePredicate::LT:
                                return boolean(x[0].slt(x[1]));
                              case ComparePredicate::LE:
                                return boolean(x[0].sle(x[1]));
                              case ComparePredicate::GT:
                                return boolean(x[0].sgt(x[1]));
                              case ComparePredicate::GE:
                                return boolean(x[0].sge(x[1]));
                              }
                              llvm_unreachable("unknown compare predicate");
                            });
}

OpFoldResult SelectOp::fold(FoldAdaptor adaptor) {
  if (getOnTrue() == getOnFalse())
    return getOnTrue();
  DenseElementsAttr pred = asDense(adaptor.getPred());
  if (!pred)
    return {};
  // A uniform predicate picks one side whole, constant or not.
  if (pred.isSplat())
    return pred.getSplatValue<bool>() ? getOnTrue() : getOnFalse();
  DenseElementsAttr onTrue = asDense(adaptor.getOnTrue());
  DenseElementsAttr onFalse = asDense(adaptor.getOnFalse());
  if (!onTrue || !onFalse || !isSmallEnough(onTrue) ||
      !isSmallEnough(onFalse) || !isSmallEnough(pred))
    return {};
  auto resultType = cast<ShapedType>(getType());
  if (pred.getType().getShape() != resultType.getShape() ||
      onTrue.getType() != resultType || onFalse.getType() != resultType)
    return {};
  auto predValues = pred.getValues<bool>();
  auto pick = [&](auto t, auto f) {
    using T = std::decay_t<decltype(t[0])>;
    SmallVector<T> out;
    for (int64_t i = 0, e = resultType.getNumElements(); i < e; ++i)
      out.push_back(predValues[i] ? t[i] : f[i]);
    return DenseElementsAttr::get(resultType, ArrayRef<T>(out));
  };
  if (isa<FloatType>(resultType.getElementType()))
    return pick(onTrue.getValues<APFloat>(), onFalse.getValues<APFloat>());
  return pick(onTrue.getValues<APInt>(), onFalse.getValues<APInt>());
}

OpFoldResult ConvertOp::fold(FoldAdaptor adaptor) {
  auto resultType = cast<ShapedType>(getType());
  if (getOperand().getType() == resultType)
    return getOperand();
  DenseElementsAttr input = asDense(adaptor.getOperand());
  if (!input)
    return {};
  Type from = input.getElementType();
  Type to = resultType.getElementType();
  if (auto toFloat = dyn_cast<FloatType>(to)) {
    const llvm::fltSemantics &semantics = toFloat.getFloatSemantics();
    if (isa<FloatType>(from))
      return mapElements<APFloat>(
          {input}, resultType, [&](ArrayRef<APFloat> x) {
            APFloat value = x[0];
            bool losesInfo;
            value.convert(semantics, APFloat::rmNearestTiesToEven, &losesInfo);
            return std::optional<APFloat>(value);
          });
    return mapElements<APInt>({input}, resultType, [&](ArrayRef<APInt> x) {
      APFloat value(semantics);
      // i1 is a boolean: true converts to 1, not -1.
      value.convertFromAPInt(x[0], /*IsSigned=*/x[0].getBitWidth() > 1,
                             APFloat::rmNearestTiesToEven);
      return std::optional<APFloat>(value);
    });
  }
  unsigned width = cast<IntegerType>(to).getWidth();
  if (isa<FloatType>(from))
    return mapElements<APFloat>(
        {input}, resultType, [&](ArrayRef<APFloat> x) -> std::optional<APInt> {
          if (width == 1)
            return APInt(1, x[0].isZero() ? 0 : 1);
          // NaN and out-of-range values are undefined (fptosi): no fold.
          APSInt value(width, /*isUnsigned=*/false);
          bool isExact;
          if (x[0].convertToInteger(value, APFloat::rmTowardZero, &isExact) &
              APFloat::opInvalidOp)
            return std::nullopt;
          return APInt(value);
        });
  return mapElements<APInt>({input}, resultType, [&](ArrayRef<APInt> x) {
    if (width == 1)
      return std::optional<APInt>(APInt(1, x[0].isZero() ? 0 : 1));
    if (x[0].getBitWidth() == 1)
      return std::optional<APInt>(x[0].zext(width));
    return std::optional<APInt>(x[0].sextOrTrunc(width));
  });
}

//===----------------------------------------------------------------------===//
// BroadcastInDimOp
//===----------------------------------------------------------------------===//

namespace {
/// The broadcast_in_dim rules (as the verifier states them).
bool isValidBroadcast(BroadcastInDimOp op) {
  auto operandType = cast<RankedTensorType>(op.getOperand().getType());
  auto resultType = cast<RankedTensorType>(op.getType());
  ArrayRef<int64_t> dims = op.getBroadcastDimensions();
  if (static_cast<int64_t>(dims.size()) != operandType.getRank() ||
      operandType.getElementType() != resultType.getElementType())
    return false;
  for (auto [i, d] : llvm::enumerate(dims)) {
    if (d < 0 || d >= resultType.getRank() || (i > 0 && d <= dims[i - 1]))
      return false;
    int64_t size = operandType.getDimSize(i);
    if (size != 1 && size != resultType.getDimSize(d))
      return false;
  }
  return true;
}
} // namespace

OpFoldResult BroadcastInDimOp::fold(FoldAdaptor adaptor) {
  auto operandType = cast<RankedTensorType>(getOperand().getType());
  auto resultType = cast<RankedTensorType>(getType());
  if (!isValidBroadcast(*this))
    return {};
  // Same type: the dimensions are necessarily 0..rank-1 (strictly increasing).
  if (operandType == resultType)
    return getOperand();

  // broadcast(broadcast(x)) = one broadcast: operand dim i goes to inner
  // result dim inner[i], which goes to outer[inner[i]].
  auto inner = getOperand().getDefiningOp<BroadcastInDimOp>();
  if (inner && isValidBroadcast(inner)) {
    ArrayRef<int64_t> outerDims = getBroadcastDimensions();
    SmallVector<int64_t> dims;
    for (int64_t d : inner.getBroadcastDimensions())
      dims.push_back(outerDims[d]);
    setBroadcastDimensions(dims);
    getOperandMutable().assign(inner.getOperand());
    return getResult();
  }

  DenseElementsAttr input = asDense(adaptor.getOperand());
  if (!input)
    return {};
  ArrayRef<int64_t> dims = getBroadcastDimensions();
  SmallVector<int64_t> inStrides = stridesOf(operandType.getShape());
  ArrayRef<int64_t> outShape = resultType.getShape();
  return gatherElements(input, resultType, [&](int64_t index) {
    // Decompose the result index, keep the broadcast dims (0 where the
    // operand has size 1), and recompose in the operand.
    SmallVector<int64_t> coords(outShape.size());
    for (int64_t d = static_cast<int64_t>(outShape.size()) - 1; d >= 0; --d) {
      coords[d] = index % outShape[d];
      index /= outShape[d];
    }
    int64_t source = 0;
    for (auto [i, d] : llvm::enumerate(dims))
      if (operandType.getDimSize(i) != 1)
        source += coords[d] * inStrides[i];
    return source;
  });
}

namespace {
/// A broadcast that adds no elements only inserts unit dimensions: it is a
/// reshape, which later passes handle as a pure view.
struct BroadcastToReshape : OpRewritePattern<BroadcastInDimOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(BroadcastInDimOp op,
                                PatternRewriter &rewriter) const override {
    auto operandType = cast<RankedTensorType>(op.getOperand().getType());
    auto resultType = cast<RankedTensorType>(op.getType());
    std::optional<int64_t> operandCount = checkedNumElements(operandType);
    if (operandType == resultType || !operandCount ||
        operandCount != checkedNumElements(resultType))
      return failure();
    rewriter.replaceOpWithNewOp<ReshapeOp>(op, resultType, op.getOperand());
    return success();
  }
};
} // namespace

void BroadcastInDimOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                   MLIRContext *context) {
  results.add<BroadcastToReshape>(context);
}

//===----------------------------------------------------------------------===//
// ReshapeOp, TransposeOp
//===----------------------------------------------------------------------===//

OpFoldResult ReshapeOp::fold(FoldAdaptor adaptor) {
  auto resultType = cast<ShapedType>(getType());
  if (getOperand().getType() == resultType)
    return getOperand();
  std::optional<int64_t> count = checkedNumElements(resultType);
  if (!count ||
      count != checkedNumElements(cast<ShapedType>(getOperand().getType())))
    return {};
  // Row-major reshapes compose: only the final shape matters.
  if (auto inner = getOperand().getDefiningOp<ReshapeOp>()) {
    if (inner.getOperand().getType() == resultType)
      return inner.getOperand();
    getOperandMutable().assign(inner.getOperand());
    return getResult();
  }
  // Same data in a new shape: no element is copied, so no size cap.
  if (DenseElementsAttr input = asDense(adaptor.getOperand()))
    return input.reshape(resultType);
  return {};
}

OpFoldResult TransposeOp::fold(FoldAdaptor adaptor) {
  if (!hasInferredType(*this))
    return {};
  ArrayRef<int64_t> perm = getPermutation();
  if (isIota(perm))
    return getOperand();
  // Result dim i of the outer transpose is inner result dim perm[i], which
  // is operand dim inner[perm[i]].
  auto inner = getOperand().getDefiningOp<TransposeOp>();
  if (inner && hasInferredType(inner)) {
    ArrayRef<int64_t> innerPerm = inner.getPermutation();
    SmallVector<int64_t> composed;
    for (int64_t d : perm)
      composed.push_back(innerPerm[d]);
    if (isIota(composed))
      return inner.getOperand();
    setPermutation(composed);
    getOperandMutable().assign(inner.getOperand());
    return getResult();
  }
  DenseElementsAttr input = asDense(adaptor.getOperand());
  if (!input)
    return {};
  auto operandType = cast<RankedTensorType>(getOperand().getType());
  auto resultType = cast<RankedTensorType>(getType());
  SmallVector<int64_t> inStrides = stridesOf(operandType.getShape());
  ArrayRef<int64_t> outShape = resultType.getShape();
  return gatherElements(input, resultType, [&](int64_t index) {
    int64_t source = 0;
    for (int64_t d = static_cast<int64_t>(outShape.size()) - 1; d >= 0; --d) {
      source += (index % outShape[d]) * inStrides[perm[d]];
      index /= outShape[d];
    }
    return source;
  });
}

//===----------------------------------------------------------------------===//
// SliceOp, ConcatenateOp
//===----------------------------------------------------------------------===//

OpFoldResult SliceOp::fold(FoldAdaptor adaptor) {
  if (!hasInferredType(*this))
    return {};
  auto operandType = cast<RankedTensorType>(getOperand().getType());
  auto resultType = cast<RankedTensorType>(getType());
  ArrayRef<int64_t> start = getStartIndices(), strides = getStrides();
  // The whole operand: every start is 0 and every stride covers all of it.
  if (operandType == resultType &&
      llvm::all_of(start, [](int64_t s) { return s == 0; }) &&
      llvm::all_of(llvm::zip(strides, resultType.getShape()), [](auto pair) {
        return std::get<0>(pair) == 1 || std::get<1>(pair) <= 1;
      }))
    return getOperand();

  // slice(slice(x)): outer element j is inner element s2 + j*st2, which is
  // operand element s1 + (s2 + j*st2)*st1.
  auto inner = getOperand().getDefiningOp<SliceOp>();
  if (inner && hasInferredType(inner)) {
    SmallVector<int64_t> newStart, newLimit, newStrides;
    for (int64_t d = 0; d < resultType.getRank(); ++d) {
      int64_t s1 = inner.getStartIndices()[d], st1 = inner.getStrides()[d];
      int64_t first = s1 + start[d] * st1, stride = strides[d] * st1;
      int64_t count = resultType.getDimSize(d);
      newStart.push_back(first);
      newStrides.push_back(stride);
      newLimit.push_back(count == 0 ? first : first + (count - 1) * stride + 1);
    }
    setStartIndices(newStart);
    setLimitIndices(newLimit);
    setStrides(newStrides);
    getOperandMutable().assign(inner.getOperand());
    return getResult();
  }

  DenseElementsAttr input = asDense(adaptor.getOperand());
  if (!input)
    return {};
  SmallVector<int64_t> inStrides = stridesOf(operandType.getShape());
  ArrayRef<int64_t> outShape = resultType.getShape();
  return gatherElements(input, resultType, [&](int64_t index) {
    int64_t source = 0;
    for (int64_t d = static_cast<int64_t>(outShape.size()) - 1; d >= 0; --d) {
      source += (start[d] + (index % outShape[d]) * strides[d]) * inStrides[d];
      index /= outShape[d];
    }
    return source;
  });
}

OpFoldResult ConcatenateOp::fold(FoldAdaptor adaptor) {
  if (!hasInferredType(*this))
    return {};
  if (getInputs().size() == 1)
    return getInputs().front();
  SmallVector<DenseElementsAttr> inputs;
  for (Attribute attr : adaptor.getInputs()) {
    DenseElementsAttr dense = asDense(attr);
    if (!dense)
      return {};
    inputs.push_back(dense);
  }
  auto resultType = cast<RankedTensorType>(getType());
  // Equal splats concatenate to the same splat, whatever the size.
  if (llvm::all_of(inputs, [&](DenseElementsAttr a) {
        return a.isSplat() && inputs.front().isSplat() &&
               a.getSplatValue<Attribute>() ==
                   inputs.front().getSplatValue<Attribute>();
      }))
    return inputs.front().resizeSplat(resultType);
  std::optional<int64_t> numElements = checkedNumElements(resultType);
  if (!numElements || *numElements > kMaxFoldElements)
    return {};
  // Row-major: the result is, for each index of the leading dims, the blocks
  // of each input in order.
  int64_t dim = getDimension();
  int64_t outer = 1;
  for (int64_t d = 0; d < dim; ++d)
    outer *= resultType.getDimSize(d);
  auto concat = [&](auto getValues) {
    using T = std::decay_t<decltype(getValues(inputs.front())[0])>;
    SmallVector<T> out;
    out.reserve(*numElements);
    for (int64_t o = 0; o < outer; ++o)
      for (DenseElementsAttr input : inputs) {
        int64_t block = input.getNumElements() / std::max<int64_t>(outer, 1);
        auto values = getValues(input);
        for (int64_t i = 0; i < block; ++i)
          out.push_back(values[o * block + i]);
      }
    return DenseElementsAttr::get(resultType, ArrayRef<T>(out));
  };
  if (outer == 0)
    return DenseElementsAttr::get(resultType, ArrayRef<Attribute>{});
  if (isa<FloatType>(resultType.getElementType()))
    return concat([](DenseElementsAttr a) { return a.getValues<APFloat>(); });
  return concat([](DenseElementsAttr a) { return a.getValues<APInt>(); });
}

namespace {
/// Concatenation is associative, and empty inputs add nothing: flatten
/// nested concatenates along the same dimension and drop empty inputs.
struct SimplifyConcatenate : OpRewritePattern<ConcatenateOp> {
  using OpRewritePattern::OpRewritePattern;
  LogicalResult matchAndRewrite(ConcatenateOp op,
                                PatternRewriter &rewriter) const override {
    SmallVector<Value> inputs;
    bool changed = false;
    for (Value input : op.getInputs()) {
      auto type = cast<RankedTensorType>(input.getType());
      if (llvm::is_contained(type.getShape(), 0)) {
        changed = true;
        continue;
      }
      auto inner = input.getDefiningOp<ConcatenateOp>();
      if (inner && inner.getDimension() == op.getDimension()) {
        llvm::append_range(inputs, inner.getInputs());
        changed = true;
        continue;
      }
      inputs.push_back(input);
    }
    if (!changed)
      return failure();
    if (inputs.empty())
      // Everything was empty: the result is an empty constant.
      rewriter.replaceOpWithNewOp<ConstantOp>(
          op, DenseElementsAttr::get(cast<ShapedType>(op.getType()),
                                     ArrayRef<Attribute>{}));
    else
      rewriter.replaceOpWithNewOp<ConcatenateOp>(op, op.getType(), inputs,
                                                 op.getDimensionAttr());
    return success();
  }
};
} // namespace

void ConcatenateOp::getCanonicalizationPatterns(RewritePatternSet &results,
                                                MLIRContext *context) {
  results.add<SimplifyConcatenate>(context);
}

//===----------------------------------------------------------------------===//
// ReduceOp
//===----------------------------------------------------------------------===//

namespace {
/// The identity of a reduction: the value of an empty reduction.
Attribute reduceIdentity(ReduceKind kind, Type elementType) {
  if (auto floatType = dyn_cast<FloatType>(elementType)) {
    const llvm::fltSemantics &sem = floatType.getFloatSemantics();
    switch (kind) {
    case ReduceKind::Sum:
      return FloatAttr::get(floatType, APFloat::getZero(sem));
    case ReduceKind::Prod:
      return FloatAttr::get(floatType, APFloat::getOne(sem));
    case ReduceKind::Max:
      return FloatAttr::get(floatType, APFloat::getInf(sem, /*Negative=*/true));
    case ReduceKind::Min:
      return FloatAttr::get(floatType, APFloat::getInf(sem));
    }
  }
  unsigned width = elementType.getIntOrFloatBitWidth();
  switch (kind) {
  case ReduceKind::Sum:
    return IntegerAttr::get(elementType, APInt::getZero(width));
  case ReduceKind::Prod:
    return IntegerAttr::get(elementType, APInt(width, 1));
  case ReduceKind::Max:
    return IntegerAttr::get(elementType, APInt::getSignedMinValue(width));
  case ReduceKind::Min:
    return IntegerAttr::get(elementType, APInt::getSignedMaxValue(width));
  }
  llvm_unreachable("unknown reduce kind");
}

/// Reduces the elements of `input` (row-major over `inShape`) into the
/// result positions given by `resultIndex`, starting from `identity`.
template <typename T, typename Combine>
SmallVector<T> reduceValues(DenseElementsAttr input, int64_t numInput,
                            int64_t numResult, T identity,
                            function_ref<int64_t(int64_t)> resultIndex,
                            Combine combine) {
  SmallVector<T> acc(numResult, identity);
  auto values = input.getValues<T>();
  for (int64_t i = 0; i < numInput; ++i) {
    int64_t r = resultIndex(i);
    acc[r] = combine(acc[r], values[i]);
  }
  return acc;
}
} // namespace

OpFoldResult ReduceOp::fold(FoldAdaptor adaptor) {
  if (!hasInferredType(*this))
    return {};
  auto operandType = cast<RankedTensorType>(getOperand().getType());
  auto resultType = cast<RankedTensorType>(getType());
  ArrayRef<int64_t> dims = getDimensions();
  if (dims.empty())
    return getOperand();
  std::optional<ReduceKind> parsedKind = parseReduceKind(getKind());
  if (!parsedKind)
    return {};
  ReduceKind kind = *parsedKind;
  Type elementType = resultType.getElementType();
  // Reducing nothing gives the identity, whatever the operand.
  if (llvm::any_of(dims,
                   [&](int64_t d) { return operandType.getDimSize(d) == 0; }))
    return DenseElementsAttr::get(resultType,
                                  reduceIdentity(kind, elementType));

  DenseElementsAttr input = asDense(adaptor.getOperand());
  if (!input)
    return {};
  // max/min of copies of one value is that value.
  if (input.isSplat() && (kind == ReduceKind::Max || kind == ReduceKind::Min))
    return input.resizeSplat(resultType);
  // A splat's sum/product is still computed element by element, so that
  // float rounding matches a sequential reduction; bound that work too.
  std::optional<int64_t> checkedInput = checkedNumElements(operandType);
  if (!checkedInput || *checkedInput > kMaxFoldElements)
    return {};
  int64_t numInput = *checkedInput;

  // Result index of each operand element: its coordinates without `dims`.
  ArrayRef<int64_t> inShape = operandType.getShape();
  SmallVector<int64_t> outStrides(inShape.size(), 0);
  {
    int64_t stride = 1;
    for (int64_t d = static_cast<int64_t>(inShape.size()) - 1; d >= 0; --d)
      if (!llvm::is_contained(dims, d)) {
        outStrides[d] = stride;
        stride *= inShape[d];
      }
  }
  auto resultIndex = [&](int64_t index) {
    int64_t r = 0;
    for (int64_t d = static_cast<int64_t>(inShape.size()) - 1; d >= 0; --d) {
      r += (index % inShape[d]) * outStrides[d];
      index /= inShape[d];
    }
    return r;
  };
  int64_t numResult = resultType.getNumElements();
  Attribute identity = reduceIdentity(kind, elementType);
  if (isa<FloatType>(elementType)) {
    auto combine = [&](const APFloat &a, const APFloat &b) {
      switch (kind) {
      case ReduceKind::Sum:
        return a + b;
      case ReduceKind::Prod:
        return a * b;
      case ReduceKind::Max:
        return llvm::maximum(a, b);
      case ReduceKind::Min:
        return llvm::minimum(a, b);
      }
      llvm_unreachable("unknown reduce kind");
    };
    return DenseElementsAttr::get(
        resultType,
        ArrayRef<APFloat>(reduceValues<APFloat>(
            input, numInput, numResult, cast<FloatAttr>(identity).getValue(),
            resultIndex, combine)));
  }
  auto combine = [&](const APInt &a, const APInt &b) {
    switch (kind) {
    case ReduceKind::Sum:
      return a + b;
    case ReduceKind::Prod:
      return a * b;
    case ReduceKind::Max:
      return a.sge(b) ? a : b;
    case ReduceKind::Min:
      return a.sle(b) ? a : b;
    }
    llvm_unreachable("unknown reduce kind");
  };
  return DenseElementsAttr::get(
      resultType,
      ArrayRef<APInt>(reduceValues<APInt>(
          input, numInput, numResult, cast<IntegerAttr>(identity).getValue(),
          resultIndex, combine)));
}
