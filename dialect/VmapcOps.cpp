//===- VmapcOps.cpp - Result type inference and verifiers -------*- C++ -*-===//
//
// Every shape rule of the dialect lives here. Ops whose result type is
// determined by their operands check their rules in `inferReturnTypes`, which
// runs both when a builder creates the op and when the verifier checks it,
// so one function states each rule once and reports it at the op's location.
//
//===----------------------------------------------------------------------===//
#include "dialect/VmapcOps.h"
#include "dialect/VmapcAssembly.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/OpImplementation.h"
#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallSet.h"
#include "llvm/ADT/StringSwitch.h"
#include "llvm/Support/MathExtras.h"

using namespace mlir;
using namespace vmapc;

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

namespace {
/// Shorthand for a located failure from `inferReturnTypes`.
LogicalResult fail(std::optional<Location> loc, const Twine &message) {
  return emitOptionalError(loc, message);
}

/// The static ranked tensor type of `value`, or null (a type the ODS
/// constraints reject later; inference must not crash on it first).
RankedTensorType rankedType(Value value) {
  if (!value)
    return {};
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || !type.hasStaticShape())
    return {};
  return type;
}

std::string shapeString(ArrayRef<int64_t> shape) {
  std::string s = "[";
  llvm::raw_string_ostream os(s);
  llvm::interleaveComma(shape, os);
  os << "]";
  return s;
}

/// The element count of `type`, or std::nullopt when it overflows int64_t
/// (ShapedType::getNumElements would silently wrap).
std::optional<int64_t> checkedNumElements(ShapedType type) {
  int64_t count = 1;
  for (int64_t dim : type.getShape())
    if (llvm::MulOverflow(count, dim, count))
      return std::nullopt;
  return count;
}

std::string typeString(Type type) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << type;
  return s;
}

/// Checks that `dims` are unique and in [0, rank); `what` names the list.
LogicalResult checkDimList(std::optional<Location> loc, ArrayRef<int64_t> dims,
                           int64_t rank, StringRef what) {
  llvm::SmallSet<int64_t, 8> seen;
  for (int64_t dim : dims) {
    if (dim < 0 || dim >= rank)
      return fail(loc, Twine(what) + " dimension " + Twine(dim) +
                           " is out of range for rank " + Twine(rank));
    if (!seen.insert(dim).second)
      return fail(loc, Twine(what) + " dimension " + Twine(dim) +
                           " appears more than once");
  }
  return success();
}

/// Checks that the trailing two dims of `type` form a square matrix.
LogicalResult checkSquareMatrices(std::optional<Location> loc,
                                  RankedTensorType type, StringRef what) {
  if (type.getRank() < 2)
    return fail(loc,
                Twine(what) + " must have rank >= 2, got " + typeString(type));
  int64_t rank = type.getRank();
  if (type.getDimSize(rank - 1) != type.getDimSize(rank - 2))
    return fail(loc, Twine(what) +
                         " must be square in its trailing two "
                         "dimensions, got " +
                         typeString(type));
  return success();
}
} // namespace

std::optional<ComparePredicate> vmapc::parseComparePredicate(StringRef name) {
  return llvm::StringSwitch<std::optional<ComparePredicate>>(name)
      .Case("eq", ComparePredicate::EQ)
      .Case("ne", ComparePredicate::NE)
      .Case("lt", ComparePredicate::LT)
      .Case("le", ComparePredicate::LE)
      .Case("gt", ComparePredicate::GT)
      .Case("ge", ComparePredicate::GE)
      .Default(std::nullopt);
}

std::optional<ReduceKind> vmapc::parseReduceKind(StringRef name) {
  return llvm::StringSwitch<std::optional<ReduceKind>>(name)
      .Case("sum", ReduceKind::Sum)
      .Case("max", ReduceKind::Max)
      .Case("min", ReduceKind::Min)
      .Case("prod", ReduceKind::Prod)
      .Default(std::nullopt);
}

//===----------------------------------------------------------------------===//
// CompareOp, SelectOp
//===----------------------------------------------------------------------===//

LogicalResult
CompareOp::inferReturnTypes(MLIRContext *context,
                            std::optional<Location> location, Adaptor adaptor,
                            SmallVectorImpl<Type> &inferredReturnTypes) {
  RankedTensorType lhs = rankedType(adaptor.getLhs());
  if (!lhs)
    return fail(location, "operands must be static-shape tensors");
  inferredReturnTypes.push_back(
      RankedTensorType::get(lhs.getShape(), IntegerType::get(context, 1)));
  return success();
}

LogicalResult CompareOp::verify() {
  if (!parseComparePredicate(getPredicate()))
    return emitOpError("predicate must be one of eq, ne, lt, le, gt, ge; got '")
           << getPredicate() << "'";
  return success();
}

ComparePredicate CompareOp::getPredicateKind() {
  return *parseComparePredicate(getPredicate());
}

LogicalResult SelectOp::verify() {
  auto pred = cast<RankedTensorType>(getPred().getType());
  auto result = cast<RankedTensorType>(getType());
  if (pred.getShape() != result.getShape())
    return emitOpError("predicate shape ")
           << shapeString(pred.getShape()) << " differs from the operand shape "
           << shapeString(result.getShape());
  return success();
}

//===----------------------------------------------------------------------===//
// ConstantOp, IotaOp
//===----------------------------------------------------------------------===//

LogicalResult
ConstantOp::inferReturnTypes(MLIRContext *, std::optional<Location> location,
                             Adaptor adaptor,
                             SmallVectorImpl<Type> &inferredReturnTypes) {
  DenseElementsAttr value = adaptor.getValueAttr();
  if (!value)
    return fail(location, "requires a 'value' dense elements attribute");
  inferredReturnTypes.push_back(value.getType());
  return success();
}

OpFoldResult ConstantOp::fold(FoldAdaptor) { return getValueAttr(); }

LogicalResult IotaOp::verify() {
  auto type = cast<RankedTensorType>(getType());
  int64_t dim = getDimension();
  if (dim < 0 || dim >= type.getRank())
    return emitOpError("dimension ")
           << dim << " is out of range for result rank " << type.getRank();
  return success();
}

//===----------------------------------------------------------------------===//
// BroadcastInDimOp, ReshapeOp, TransposeOp
//===----------------------------------------------------------------------===//

LogicalResult BroadcastInDimOp::verify() {
  auto operand = cast<RankedTensorType>(getOperand().getType());
  auto result = cast<RankedTensorType>(getType());
  ArrayRef<int64_t> dims = getBroadcastDimensions();
  if (static_cast<int64_t>(dims.size()) != operand.getRank())
    return emitOpError("broadcast_dimensions has ")
           << dims.size() << " entries but the operand has rank "
           << operand.getRank();
  for (auto [i, dim] : llvm::enumerate(dims)) {
    if (dim < 0 || dim >= result.getRank())
      return emitOpError("broadcast_dimensions[")
             << i << "] = " << dim << " is out of range for result rank "
             << result.getRank();
    if (i > 0 && dim <= dims[i - 1])
      return emitOpError("broadcast_dimensions must be strictly increasing, "
                         "got ")
             << shapeString(dims);
    int64_t from = operand.getDimSize(i), to = result.getDimSize(dim);
    if (from != 1 && from != to)
      return emitOpError("operand dimension ")
             << i << " of size " << from << " cannot broadcast to result "
             << "dimension " << dim << " of size " << to;
  }
  return success();
}

LogicalResult ReshapeOp::verify() {
  auto operand = cast<RankedTensorType>(getOperand().getType());
  auto result = cast<RankedTensorType>(getType());
  std::optional<int64_t> operandCount = checkedNumElements(operand);
  std::optional<int64_t> resultCount = checkedNumElements(result);
  if (!operandCount || !resultCount)
    return emitOpError("element count of ")
           << (operandCount ? result : operand) << " overflows int64";
  if (*operandCount != *resultCount)
    return emitOpError("cannot reshape ")
           << shapeString(operand.getShape()) << " (" << *operandCount
           << " elements) to " << shapeString(result.getShape()) << " ("
           << *resultCount << " elements)";
  return success();
}

LogicalResult
TransposeOp::inferReturnTypes(MLIRContext *, std::optional<Location> location,
                              Adaptor adaptor,
                              SmallVectorImpl<Type> &inferredReturnTypes) {
  RankedTensorType operand = rankedType(adaptor.getOperand());
  DenseI64ArrayAttr permAttr = adaptor.getPermutationAttr();
  if (!operand || !permAttr)
    return fail(location, "requires a static-shape operand and a permutation");
  ArrayRef<int64_t> perm = permAttr.asArrayRef();
  if (static_cast<int64_t>(perm.size()) != operand.getRank())
    return fail(location, "permutation " + shapeString(perm) + " has " +
                              Twine(perm.size()) +
                              " entries but the operand has rank " +
                              Twine(operand.getRank()));
  if (failed(checkDimList(location, perm, operand.getRank(), "permutation")))
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t dim : perm)
    shape.push_back(operand.getDimSize(dim));
  inferredReturnTypes.push_back(
      RankedTensorType::get(shape, operand.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// ReduceOp
//===----------------------------------------------------------------------===//

LogicalResult
ReduceOp::inferReturnTypes(MLIRContext *, std::optional<Location> location,
                           Adaptor adaptor,
                           SmallVectorImpl<Type> &inferredReturnTypes) {
  RankedTensorType operand = rankedType(adaptor.getOperand());
  DenseI64ArrayAttr dimsAttr = adaptor.getDimensionsAttr();
  StringAttr kind = adaptor.getKindAttr();
  if (!operand || !dimsAttr || !kind)
    return fail(location, "requires a static-shape operand, a kind and "
                          "dimensions");
  if (!parseReduceKind(kind.getValue()))
    return fail(location, "kind must be one of sum, max, min, prod; got '" +
                              kind.getValue() + "'");
  ArrayRef<int64_t> dims = dimsAttr.asArrayRef();
  if (failed(checkDimList(location, dims, operand.getRank(), "reduced")))
    return failure();
  SmallVector<int64_t> shape;
  for (int64_t i = 0; i < operand.getRank(); ++i)
    if (!llvm::is_contained(dims, i))
      shape.push_back(operand.getDimSize(i));
  inferredReturnTypes.push_back(
      RankedTensorType::get(shape, operand.getElementType()));
  return success();
}

ReduceKind ReduceOp::getReduceKind() { return *parseReduceKind(getKind()); }

//===----------------------------------------------------------------------===//
// DotGeneralOp
//===----------------------------------------------------------------------===//

LogicalResult
DotGeneralOp::inferReturnTypes(MLIRContext *, std::optional<Location> location,
                               Adaptor adaptor,
                               SmallVectorImpl<Type> &inferredReturnTypes) {
  RankedTensorType lhs = rankedType(adaptor.getLhs());
  RankedTensorType rhs = rankedType(adaptor.getRhs());
  auto lb = adaptor.getLhsBatchingDimensionsAttr();
  auto rb = adaptor.getRhsBatchingDimensionsAttr();
  auto lc = adaptor.getLhsContractingDimensionsAttr();
  auto rc = adaptor.getRhsContractingDimensionsAttr();
  if (!lhs || !rhs || !lb || !rb || !lc || !rc)
    return fail(location, "requires static-shape operands and all four "
                          "dimension lists");
  if (lhs.getElementType() != rhs.getElementType())
    return fail(location, "operand element types differ: " +
                              typeString(lhs.getElementType()) + " vs " +
                              typeString(rhs.getElementType()));
  if (lb.size() != rb.size())
    return fail(location, "lhs_batching_dimensions has " + Twine(lb.size()) +
                              " entries but rhs_batching_dimensions has " +
                              Twine(rb.size()));
  if (lc.size() != rc.size())
    return fail(location, "lhs_contracting_dimensions has " + Twine(lc.size()) +
                              " entries but rhs_contracting_dimensions has " +
                              Twine(rc.size()));
  // Batching and contracting dims of one side are unique and disjoint.
  auto checkSide = [&](RankedTensorType type, ArrayRef<int64_t> batch,
                       ArrayRef<int64_t> contract, StringRef side) {
    SmallVector<int64_t> all(batch);
    all.append(contract.begin(), contract.end());
    return checkDimList(location, all, type.getRank(),
                        (side + " batching/contracting").str());
  };
  if (failed(checkSide(lhs, lb.asArrayRef(), lc.asArrayRef(), "lhs")) ||
      failed(checkSide(rhs, rb.asArrayRef(), rc.asArrayRef(), "rhs")))
    return failure();
  for (auto [l, r] : llvm::zip(lb.asArrayRef(), rb.asArrayRef()))
    if (lhs.getDimSize(l) != rhs.getDimSize(r))
      return fail(location,
                  "batching dimension sizes differ: lhs dim " + Twine(l) +
                      " has size " + Twine(lhs.getDimSize(l)) + ", rhs dim " +
                      Twine(r) + " has size " + Twine(rhs.getDimSize(r)));
  for (auto [l, r] : llvm::zip(lc.asArrayRef(), rc.asArrayRef()))
    if (lhs.getDimSize(l) != rhs.getDimSize(r))
      return fail(location,
                  "contracting dimension sizes differ: lhs dim " + Twine(l) +
                      " has size " + Twine(lhs.getDimSize(l)) + ", rhs dim " +
                      Twine(r) + " has size " + Twine(rhs.getDimSize(r)));
  SmallVector<int64_t> shape;
  for (int64_t d : lb.asArrayRef())
    shape.push_back(lhs.getDimSize(d));
  for (int64_t d = 0; d < lhs.getRank(); ++d)
    if (!llvm::is_contained(lb.asArrayRef(), d) &&
        !llvm::is_contained(lc.asArrayRef(), d))
      shape.push_back(lhs.getDimSize(d));
  for (int64_t d = 0; d < rhs.getRank(); ++d)
    if (!llvm::is_contained(rb.asArrayRef(), d) &&
        !llvm::is_contained(rc.asArrayRef(), d))
      shape.push_back(rhs.getDimSize(d));
  inferredReturnTypes.push_back(
      RankedTensorType::get(shape, lhs.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// SliceOp, ConcatenateOp
//===----------------------------------------------------------------------===//

LogicalResult
SliceOp::inferReturnTypes(MLIRContext *, std::optional<Location> location,
                          Adaptor adaptor,
                          SmallVectorImpl<Type> &inferredReturnTypes) {
  RankedTensorType operand = rankedType(adaptor.getOperand());
  auto startAttr = adaptor.getStartIndicesAttr();
  auto limitAttr = adaptor.getLimitIndicesAttr();
  auto stridesAttr = adaptor.getStridesAttr();
  if (!operand || !startAttr || !limitAttr || !stridesAttr)
    return fail(location, "requires a static-shape operand and start, limit "
                          "and stride lists");
  int64_t rank = operand.getRank();
  if (startAttr.size() != rank || limitAttr.size() != rank ||
      stridesAttr.size() != rank)
    return fail(location, "start_indices, limit_indices and strides must "
                          "each have one entry per operand dimension (" +
                              Twine(rank) + ")");
  SmallVector<int64_t> shape;
  for (int64_t d = 0; d < rank; ++d) {
    int64_t start = startAttr[d], limit = limitAttr[d], stride = stridesAttr[d];
    int64_t size = operand.getDimSize(d);
    if (stride < 1)
      return fail(location, "stride of dimension " + Twine(d) +
                                " must be >= 1, got " + Twine(stride));
    if (start < 0 || start > limit || limit > size)
      return fail(location, "slice [" + Twine(start) + ", " + Twine(limit) +
                                ") of dimension " + Twine(d) +
                                " is not within [0, " + Twine(size) + "]");
    // ceil((limit - start) / stride), without overflowing for huge strides.
    shape.push_back(limit == start ? 0 : 1 + (limit - start - 1) / stride);
  }
  inferredReturnTypes.push_back(
      RankedTensorType::get(shape, operand.getElementType()));
  return success();
}

LogicalResult
ConcatenateOp::inferReturnTypes(MLIRContext *, std::optional<Location> location,
                                Adaptor adaptor,
                                SmallVectorImpl<Type> &inferredReturnTypes) {
  if (adaptor.getInputs().empty())
    return fail(location, "requires at least one input");
  IntegerAttr dimAttr = adaptor.getDimensionAttr();
  RankedTensorType first = rankedType(adaptor.getInputs().front());
  if (!first || !dimAttr)
    return fail(location, "requires static-shape inputs and a dimension");
  int64_t dim = dimAttr.getInt();
  if (dim < 0 || dim >= first.getRank())
    return fail(location, "dimension " + Twine(dim) +
                              " is out of range for rank " +
                              Twine(first.getRank()));
  SmallVector<int64_t> shape(first.getShape());
  for (auto [i, input] : llvm::enumerate(adaptor.getInputs().drop_front())) {
    RankedTensorType type = rankedType(input);
    if (!type)
      return fail(location, "requires static-shape inputs");
    if (type.getElementType() != first.getElementType() ||
        type.getRank() != first.getRank())
      return fail(location,
                  "input " + Twine(i + 1) + " of type " + typeString(type) +
                      " does not match input 0 of type " + typeString(first));
    for (int64_t d = 0; d < first.getRank(); ++d)
      if (d != dim && type.getDimSize(d) != first.getDimSize(d))
        return fail(location, "input " + Twine(i + 1) + " has shape " +
                                  shapeString(type.getShape()) +
                                  " but input 0 has shape " +
                                  shapeString(first.getShape()) +
                                  "; only dimension " + Twine(dim) +
                                  " may differ");
    if (llvm::AddOverflow(shape[dim], type.getDimSize(dim), shape[dim]))
      return fail(location,
                  "concatenated dimension " + Twine(dim) + " overflows int64");
  }
  inferredReturnTypes.push_back(
      RankedTensorType::get(shape, first.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// DynamicSliceOp, GatherOp
//===----------------------------------------------------------------------===//

LogicalResult DynamicSliceOp::inferReturnTypes(
    MLIRContext *, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  RankedTensorType operand = rankedType(adaptor.getOperand());
  auto sizesAttr = adaptor.getSliceSizesAttr();
  if (!operand || !sizesAttr)
    return fail(location, "requires a static-shape operand and slice_sizes");
  int64_t rank = operand.getRank();
  if (static_cast<int64_t>(adaptor.getStartIndices().size()) != rank)
    return fail(location, "expects one start index per operand dimension (" +
                              Twine(rank) + "), got " +
                              Twine(adaptor.getStartIndices().size()));
  if (sizesAttr.size() != rank)
    return fail(location, "slice_sizes has " + Twine(sizesAttr.size()) +
                              " entries but the operand has rank " +
                              Twine(rank));
  for (int64_t d = 0; d < rank; ++d)
    if (sizesAttr[d] < 0 || sizesAttr[d] > operand.getDimSize(d))
      return fail(location, "slice size " + Twine(sizesAttr[d]) +
                                " of dimension " + Twine(d) +
                                " is not within [0, " +
                                Twine(operand.getDimSize(d)) + "]");
  inferredReturnTypes.push_back(
      RankedTensorType::get(sizesAttr.asArrayRef(), operand.getElementType()));
  return success();
}

LogicalResult
GatherOp::inferReturnTypes(MLIRContext *, std::optional<Location> location,
                           Adaptor adaptor,
                           SmallVectorImpl<Type> &inferredReturnTypes) {
  RankedTensorType operand = rankedType(adaptor.getOperand());
  RankedTensorType indices = rankedType(adaptor.getIndices());
  IntegerAttr axisAttr = adaptor.getAxisAttr();
  if (!operand || !indices || !axisAttr)
    return fail(location, "requires static-shape operands and an axis");
  int64_t axis = axisAttr.getInt();
  // The adaptor does not apply the attribute's default while an op is being
  // parsed or built from an OperationState; absent means 0.
  IntegerAttr batchDimsAttr = adaptor.getBatchDimsAttr();
  int64_t batchDims = batchDimsAttr ? batchDimsAttr.getInt() : 0;
  if (axis < 0 || axis >= operand.getRank())
    return fail(location, "axis " + Twine(axis) +
                              " is out of range for operand rank " +
                              Twine(operand.getRank()));
  if (batchDims < 0 || batchDims > axis || batchDims > indices.getRank())
    return fail(location, "batch_dims " + Twine(batchDims) +
                              " must be within [0, min(axis, indices rank)]");
  for (int64_t d = 0; d < batchDims; ++d)
    if (operand.getDimSize(d) != indices.getDimSize(d))
      return fail(location, "batch dimension " + Twine(d) +
                                " differs: "
                                "operand has size " +
                                Twine(operand.getDimSize(d)) +
                                ", indices have size " +
                                Twine(indices.getDimSize(d)));
  if (operand.getDimSize(axis) == 0 && indices.getNumElements() != 0)
    return fail(location, "cannot take from an empty axis");
  SmallVector<int64_t> shape(operand.getShape().take_front(axis));
  llvm::append_range(shape, indices.getShape().drop_front(batchDims));
  llvm::append_range(shape, operand.getShape().drop_front(axis + 1));
  inferredReturnTypes.push_back(
      RankedTensorType::get(shape, operand.getElementType()));
  return success();
}

//===----------------------------------------------------------------------===//
// Linear algebra
//===----------------------------------------------------------------------===//

LogicalResult CholeskyOp::verify() {
  // Worded as emitOpError would, so the diagnostic names the op.
  return checkSquareMatrices(
      getLoc(), cast<RankedTensorType>(getOperand().getType()),
      (Twine("'") + getOperationName() + "' op operand").str());
}

LogicalResult InvOp::verify() {
  // Worded as emitOpError would, so the diagnostic names the op.
  return checkSquareMatrices(
      getLoc(), cast<RankedTensorType>(getOperand().getType()),
      (Twine("'") + getOperationName() + "' op operand").str());
}

LogicalResult
DetOp::inferReturnTypes(MLIRContext *, std::optional<Location> location,
                        Adaptor adaptor,
                        SmallVectorImpl<Type> &inferredReturnTypes) {
  RankedTensorType operand = rankedType(adaptor.getOperand());
  if (!operand)
    return fail(location, "requires a static-shape operand");
  if (failed(checkSquareMatrices(location, operand, "operand")))
    return failure();
  inferredReturnTypes.push_back(RankedTensorType::get(
      operand.getShape().drop_back(2), operand.getElementType()));
  return success();
}

LogicalResult TriangularSolveOp::inferReturnTypes(
    MLIRContext *context, std::optional<Location> location, Adaptor adaptor,
    SmallVectorImpl<Type> &inferredReturnTypes) {
  RankedTensorType a = rankedType(adaptor.getA());
  RankedTensorType b = rankedType(adaptor.getB());
  if (!a || !b)
    return fail(location, "requires static-shape operands");
  if (failed(checkSquareMatrices(location, a, "a")))
    return failure();
  if (a.getElementType() != b.getElementType())
    return fail(location, "element types of a and b differ");
  if (b.getRank() != a.getRank())
    return fail(location, "b must have the rank of a (" + Twine(a.getRank()) +
                              "), got " + typeString(b));
  int64_t rank = a.getRank();
  if (a.getShape().drop_back(2) != b.getShape().drop_back(2))
    return fail(location, "leading (batch) dimensions of a " +
                              shapeString(a.getShape()) + " and b " +
                              shapeString(b.getShape()) + " differ");
  int64_t n = a.getDimSize(rank - 1);
  // While the custom parser runs, an attribute written in the attr-dict is
  // still in the attribute dictionary, not yet in the properties; absent
  // from both means the default (true).
  BoolAttr leftSideAttr = adaptor.getLeftSideAttr();
  if (!leftSideAttr && adaptor.getAttributes())
    leftSideAttr = dyn_cast_or_null<BoolAttr>(adaptor.getAttributes().get(
        getLeftSideAttrName(OperationName(getOperationName(), context))));
  bool leftSide = leftSideAttr ? leftSideAttr.getValue() : true;
  int64_t bDim = leftSide ? b.getDimSize(rank - 2) : b.getDimSize(rank - 1);
  if (bDim != n)
    return fail(location,
                Twine(leftSide ? "left" : "right") + "-side solve needs b's " +
                    (leftSide ? "rows" : "columns") + " (" + Twine(bDim) +
                    ") to equal the order of a (" + Twine(n) + ")");
  inferredReturnTypes.push_back(b);
  return success();
}

//===----------------------------------------------------------------------===//
// VmapOp
//===----------------------------------------------------------------------===//

namespace {
/// The axis stored in an in_axes/out_axes entry, or std::nullopt for unit.
std::optional<int64_t> axisOf(Attribute attr) {
  if (auto integer = dyn_cast<IntegerAttr>(attr))
    return integer.getInt();
  return std::nullopt;
}

/// A batch size in diagnostics: `?` when dynamic.
std::string sizeText(int64_t n) {
  return ShapedType::isDynamic(n) ? std::string("?") : std::to_string(n);
}
} // namespace

namespace {
template <typename MapOp>
std::optional<int64_t> inAxisOf(MapOp op, unsigned i) {
  std::optional<int64_t> axis = axisOf(op.getInAxes()[i]);
  if (axis && *axis < 0)
    *axis += cast<RankedTensorType>(op.getOperands()[i].getType()).getRank();
  return axis;
}

template <typename MapOp>
std::optional<int64_t> outAxisOf(MapOp op, unsigned i) {
  std::optional<int64_t> axis = axisOf(op.getOutAxes()[i]);
  if (axis && *axis < 0)
    *axis += cast<RankedTensorType>(op.getResult(i).getType()).getRank();
  return axis;
}

template <typename MapOp>
int64_t batchSizeOf(MapOp op, std::optional<int64_t> axisSize) {
  if (axisSize)
    return *axisSize;
  for (unsigned i = 0, e = op.getOperands().size(); i < e; ++i)
    if (std::optional<int64_t> axis = op.getInAxis(i))
      return cast<RankedTensorType>(op.getOperands()[i].getType())
          .getDimSize(*axis);
  return 0;
}
} // namespace

std::optional<int64_t> VmapOp::getInAxis(unsigned i) {
  return inAxisOf(*this, i);
}
std::optional<int64_t> VmapOp::getOutAxis(unsigned i) {
  return outAxisOf(*this, i);
}
int64_t VmapOp::getBatchSize() { return batchSizeOf(*this, getAxisSize()); }
std::optional<int64_t> PmapOp::getInAxis(unsigned i) {
  return inAxisOf(*this, i);
}
std::optional<int64_t> PmapOp::getOutAxis(unsigned i) {
  return outAxisOf(*this, i);
}
int64_t PmapOp::getBatchSize() { return batchSizeOf(*this, std::nullopt); }

/// The verifier of vmap and pmap: axes in range, mapped sizes agreeing,
/// dynamic sizes only where a chunk loop serves them.
template <typename MapOp>
static LogicalResult verifyMapOp(MapOp op, std::optional<int64_t> axisSize,
                                 std::optional<int64_t> chunkSize,
                                 bool parallel) {
  ArrayAttr inAxes = op.getInAxes(), outAxes = op.getOutAxes();
  if (inAxes.size() != op.getOperands().size())
    return op.emitOpError("in_axes has ")
           << inAxes.size() << " entries but there are "
           << op.getOperands().size() << " operands";
  if (outAxes.size() != op.getNumResults())
    return op.emitOpError("out_axes has ")
           << outAxes.size() << " entries but there are " << op.getNumResults()
           << " results";
  for (auto [name, axes] : {std::pair<StringRef, ArrayAttr>{"in_axes", inAxes},
                            {"out_axes", outAxes}})
    for (auto [i, axis] : llvm::enumerate(axes))
      if (!isa<UnitAttr>(axis) &&
          !(isa<IntegerAttr>(axis) &&
            cast<IntegerAttr>(axis).getType().isInteger(64)))
        return op.emitOpError()
               << name << "[" << i << "] must be an i64 axis or unit, got "
               << axis;

  std::optional<int64_t> size = axisSize;
  if (size && *size < 0)
    return op.emitOpError("axis_size must be non-negative, got ") << *size;
  std::optional<int64_t> chunk = chunkSize;
  if (chunk && *chunk <= 0)
    return op.emitOpError("chunk_size must be positive, got ") << *chunk;
  if (parallel && !chunk)
    return op.emitOpError("parallel needs a chunk_size: the chunks are what "
                          "runs on each core");
  // `?` may stand only for the batch size, and only in a chunked vmap (the
  // chunk loop is what serves a size known at run time).
  auto checkDynamic = [&](StringRef what, unsigned i, Type t,
                          std::optional<int64_t> axis) -> LogicalResult {
    auto type = cast<RankedTensorType>(t);
    for (int64_t d = 0; d < type.getRank(); ++d) {
      if (!type.isDynamicDim(d))
        continue;
      if (!axis || d != *axis)
        return op.emitOpError()
               << what << " " << i << " of type " << type
               << " is dynamic on dim " << d << ", which is not its batch axis";
      if (!chunk)
        return op.emitOpError("a dynamic batch size needs a chunk_size (")
               << what << " " << i << " has type " << type << ")";
      if (axisSize)
        return op.emitOpError("axis_size is given but ")
               << what << " " << i << " has a dynamic batch axis";
    }
    return success();
  };
  for (auto [i, operand] : llvm::enumerate(op.getOperands())) {
    std::optional<int64_t> axis = axisOf(inAxes[i]);
    int64_t rank = cast<RankedTensorType>(operand.getType()).getRank();
    if (axis && *axis >= -rank && *axis < rank)
      axis = *axis < 0 ? *axis + rank : *axis;
    if (failed(checkDynamic("operand", i, operand.getType(), axis)))
      return failure();
  }
  for (auto [i, result] : llvm::enumerate(op.getResults())) {
    std::optional<int64_t> axis = axisOf(outAxes[i]);
    int64_t rank = cast<RankedTensorType>(result.getType()).getRank();
    if (axis && *axis >= -rank && *axis < rank)
      axis = *axis < 0 ? *axis + rank : *axis;
    if (failed(checkDynamic("result", i, result.getType(), axis)))
      return failure();
  }
  std::optional<unsigned> firstMapped;
  for (auto [i, operand] : llvm::enumerate(op.getOperands())) {
    std::optional<int64_t> axis = axisOf(inAxes[i]);
    if (!axis)
      continue;
    auto type = cast<RankedTensorType>(operand.getType());
    if (*axis < -type.getRank() || *axis >= type.getRank())
      return op.emitOpError("in_axes[")
             << i << "] = " << *axis << " is out of range for operand " << i
             << " of rank " << type.getRank();
    int64_t operandSize = type.getDimSize(*op.getInAxis(i));
    if (!size) {
      size = operandSize;
      firstMapped = i;
      continue;
    }
    if (operandSize != *size) {
      if (firstMapped)
        return op.emitOpError("mapped axes disagree: operand ")
               << *firstMapped << " has size " << sizeText(*size) << " on axis "
               << *op.getInAxis(*firstMapped) << " but operand " << i
               << " has size " << sizeText(operandSize) << " on axis "
               << *op.getInAxis(i);
      return op.emitOpError("operand ")
             << i << " has size " << operandSize << " on its mapped axis "
             << *op.getInAxis(i) << " but axis_size is " << *size;
    }
  }
  if (!size)
    return op.emitOpError("axis_size is required when no operand is mapped");
  for (auto [i, result] : llvm::enumerate(op.getResults())) {
    std::optional<int64_t> axis = axisOf(outAxes[i]);
    if (!axis)
      continue;
    auto type = cast<RankedTensorType>(result.getType());
    if (*axis < -type.getRank() || *axis >= type.getRank())
      return op.emitOpError("out_axes[")
             << i << "] = " << *axis << " is out of range for result " << i
             << " of rank " << type.getRank();
    if (type.getDimSize(*op.getOutAxis(i)) != *size) {
      return op.emitOpError("result ")
             << i << " has size "
             << sizeText(type.getDimSize(*op.getOutAxis(i)))
             << " on its batch axis " << *op.getOutAxis(i)
             << " but the batch size is " << sizeText(*size);
    }
  }
  return success();
}

LogicalResult VmapOp::verify() {
  if (std::optional<StringRef> name = getAxisName(); name && name->empty())
    return emitOpError("axis_name must not be empty");
  if (getAxisName() && getChunkSize())
    return emitOpError("cannot have both axis_name and chunk_size: a "
                       "collective over the axis needs every example, and a "
                       "chunk sees only its own");
  return verifyMapOp(*this, getAxisSize(), getChunkSize(), getParallel());
}

LogicalResult PmapOp::verify() {
  if (getAxisName().empty())
    return emitOpError("axis_name must not be empty");
  // Its examples are split across ranks when it is compiled.
  for (Type t : llvm::concat<const Type>(getOperandTypes(), getResultTypes()))
    if (!cast<RankedTensorType>(t).hasStaticShape())
      return emitOpError("needs static shapes to split its axis across "
                         "ranks, got ")
             << t;
  return verifyMapOp(*this, std::nullopt, std::nullopt, false);
}

namespace {
/// `type` without dimension `axis`.
RankedTensorType dropDim(RankedTensorType type, int64_t axis) {
  SmallVector<int64_t> shape(type.getShape());
  shape.erase(shape.begin() + axis);
  return RankedTensorType::get(shape, type.getElementType());
}
} // namespace

template <typename MapOp>
static LogicalResult verifyMapCallee(MapOp op,
                                     SymbolTableCollection &symbolTable) {
  auto callee =
      symbolTable.lookupNearestSymbolFrom<func::FuncOp>(op, op.getCalleeAttr());
  if (!callee)
    return op.emitOpError("'")
           << op.getCallee() << "' does not reference a func.func";
  FunctionType fnType = callee.getFunctionType();
  if (fnType.getNumInputs() != op.getOperands().size())
    return op.emitOpError("callee @")
           << op.getCallee() << " takes " << fnType.getNumInputs()
           << " arguments but " << op->getName().stripDialect() << " passes "
           << op.getOperands().size();
  if (fnType.getNumResults() != op.getNumResults())
    return op.emitOpError("callee @")
           << op.getCallee() << " returns " << fnType.getNumResults()
           << " results but " << op->getName().stripDialect() << " has "
           << op.getNumResults();
  for (auto [i, operand] : llvm::enumerate(op.getOperands())) {
    auto type = cast<RankedTensorType>(operand.getType());
    std::optional<int64_t> axis = op.getInAxis(i);
    Type expected = axis ? dropDim(type, *axis) : type;
    if (expected != fnType.getInput(i))
      return op.emitOpError("operand ")
             << i << " of type " << type
             << (axis ? " with its mapped axis removed" : "") << " is "
             << expected << " but callee @" << op.getCallee()
             << " expects argument " << i << " of type " << fnType.getInput(i);
  }
  for (auto [i, result] : llvm::enumerate(op.getResults())) {
    auto type = cast<RankedTensorType>(result.getType());
    std::optional<int64_t> axis = op.getOutAxis(i);
    Type expected = axis ? dropDim(type, *axis) : type;
    if (expected != fnType.getResult(i))
      return op.emitOpError("result ")
             << i << " of type " << type
             << (axis ? " with its batch axis removed" : "") << " is "
             << expected << " but callee @" << op.getCallee() << " returns "
             << fnType.getResult(i);
  }
  return success();
}

LogicalResult VmapOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  return verifyMapCallee(*this, symbolTable);
}

LogicalResult PmapOp::verifySymbolUses(SymbolTableCollection &symbolTable) {
  return verifyMapCallee(*this, symbolTable);
}

//===----------------------------------------------------------------------===//
// Collectives
//===----------------------------------------------------------------------===//

LogicalResult AllGatherOp::verify() {
  auto operand = cast<RankedTensorType>(getOperand().getType());
  auto result = cast<RankedTensorType>(getResult().getType());
  if (result.getElementType() != operand.getElementType() ||
      result.getRank() != operand.getRank() + 1 ||
      result.getShape().drop_front() != operand.getShape())
    return emitOpError("result must be the operand's type with the axis size "
                       "in front (tensor<Nx...> for ")
           << operand << "), got " << result;
  return success();
}

#include "dialect/VmapcInterfaces.cpp.inc"

#define GET_OP_CLASSES
#include "dialect/VmapcOps.cpp.inc"
