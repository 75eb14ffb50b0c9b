//===- VmapcControlFlowOps.cpp - fori_loop, scan, while, cond ---*- C++ -*-===//
//
// Custom assembly and verifiers of the control-flow ops. The assembly names
// the carried values where they are bound, as scf does:
//
//   vmapc.fori_loop %i = %lo to %hi : tensor<i32> iter_args(%x = %x0)
//       -> (tensor<f32>) { ... }
//   vmapc.scan (%c = %c0) xs(%x = %xs) length = 5
//       : (tensor<f32>), (tensor<5xf32>) -> (tensor<5xf32>) { ... }
//   vmapc.while (%x = %x0) : (tensor<f32>) cond { ... }
//       do { ^bb0(%y: tensor<f32>): ... }
//   vmapc.cond %p -> (tensor<f32>) { ... } else { ... }
//   vmapc.cond %i : tensor<i32> -> (tensor<f32>) case 0 { ... } case 1 { ... }
//
// The verifiers check the op's own operands and results; the region
// verifiers (run once the regions are verified) check block arguments and
// what each vmapc.yield yields, reporting a wrong yield at the yield.
//
//===----------------------------------------------------------------------===//
#include "dialect/VmapcOps.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Matchers.h"
#include "mlir/IR/OpImplementation.h"
#include "mlir/IR/PatternMatch.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>

using namespace mlir;
using namespace vmapc;

//===----------------------------------------------------------------------===//
// Shared helpers
//===----------------------------------------------------------------------===//

namespace {

/// Prints `(%a = %x, %b = %y)` binding `args` to `values`.
void printAssignments(OpAsmPrinter &p, ValueRange args, ValueRange values) {
  p << '(';
  llvm::interleaveComma(llvm::zip_equal(args, values), p, [&](auto pair) {
    p << std::get<0>(pair) << " = " << std::get<1>(pair);
  });
  p << ')';
}

/// Prints `(t1, t2)`.
void printTypeList(OpAsmPrinter &p, TypeRange types) {
  p << '(';
  llvm::interleaveComma(types, p);
  p << ')';
}

/// Parses `(t1, t2)`, possibly empty.
ParseResult parseParenTypeList(OpAsmParser &parser,
                               SmallVectorImpl<Type> &types) {
  return parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Paren, [&]() {
    return parser.parseType(types.emplace_back());
  });
}

/// The entry block of `region` when it has exactly `numArgs` arguments, so
/// the pretty printer (which binds them in the op header) can name them;
/// null otherwise (an op that fails verification is printed defensively).
Block *entryWithArgs(Region &region, unsigned numArgs) {
  if (!region.hasOneBlock() || region.front().getNumArguments() != numArgs)
    return nullptr;
  return &region.front();
}

/// The vmapc.yield ending `region`'s block (ODS guarantees one block; the
/// Terminator/ParentOneOf traits that the terminator is a yield), or a
/// located error.
FailureOr<YieldOp> getYield(Operation *op, Region &region, StringRef what) {
  Block &block = region.front();
  auto yield = block.empty() ? YieldOp() : dyn_cast<YieldOp>(block.back());
  if (!yield)
    return op->emitOpError() << what << " must end with vmapc.yield";
  return yield;
}

std::string typeListString(TypeRange types) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << '(';
  llvm::interleaveComma(types, os);
  os << ')';
  return s;
}

/// Checks that `block`'s arguments have exactly `expected` types.
LogicalResult checkBlockArgs(Operation *op, Block &block, TypeRange expected,
                             StringRef what) {
  TypeRange actual = block.getArgumentTypes();
  if (actual == expected)
    return success();
  return op->emitOpError() << what << " takes arguments "
                           << typeListString(actual) << " but must take "
                           << typeListString(expected);
}

/// Checks that `yield` yields exactly `expected` types.
LogicalResult checkYield(YieldOp yield, TypeRange expected, StringRef what) {
  TypeRange actual = yield.getValues().getTypes();
  if (actual == expected)
    return success();
  return yield.emitOpError()
         << "yields " << typeListString(actual) << " but " << what
         << " must yield " << typeListString(expected);
}

/// `type` without its leading dimension (the per-step slice of a scan xs).
RankedTensorType dropLeadingDim(RankedTensorType type) {
  return RankedTensorType::get(type.getShape().drop_front(),
                               type.getElementType());
}

/// The value of a rank-0 integer (or i1) tensor that is a constant.
std::optional<int64_t> constantScalar(Value value) {
  DenseElementsAttr attr;
  if (!matchPattern(value, m_Constant(&attr)) || attr.getNumElements() != 1 ||
      !attr.getElementType().isSignlessInteger())
    return std::nullopt;
  APInt v = *attr.getValues<APInt>().begin();
  return attr.getElementType().isInteger(1) ? v.getZExtValue()
                                            : v.getSExtValue();
}

/// Replaces `op` by the ops of `region`'s block (its arguments bound to
/// `args`) and its results by what the block yields.
void inlineRegion(PatternRewriter &rewriter, Operation *op, Region &region,
                  ValueRange args) {
  Block &block = region.front();
  Operation *yield = &block.back();
  SmallVector<Value> results(yield->getOperands());
  rewriter.inlineBlockBefore(&block, op, args);
  rewriter.eraseOp(yield);
  rewriter.replaceOp(op, results);
}

} // namespace

//===----------------------------------------------------------------------===//
// fori_loop
//===----------------------------------------------------------------------===//

/// A loop whose constant bounds give no iteration is its initial values;
/// one with exactly one iteration is its body.
LogicalResult ForiLoopOp::canonicalize(ForiLoopOp op,
                                       PatternRewriter &rewriter) {
  std::optional<int64_t> lower = constantScalar(op.getLower());
  std::optional<int64_t> upper = constantScalar(op.getUpper());
  if (!lower || !upper)
    return failure();
  if (*upper <= *lower) {
    rewriter.replaceOp(op, op.getInits());
    return success();
  }
  if (*upper - *lower != 1)
    return failure();
  SmallVector<Value> args{op.getLower()};
  llvm::append_range(args, op.getInits());
  inlineRegion(rewriter, op, op.getBody(), args);
  return success();
}

ParseResult ForiLoopOp::parse(OpAsmParser &parser, OperationState &result) {
  OpAsmParser::Argument index;
  OpAsmParser::UnresolvedOperand lower, upper;
  Type boundType;
  if (parser.parseArgument(index) || parser.parseEqual() ||
      parser.parseOperand(lower) || parser.parseKeyword("to") ||
      parser.parseOperand(upper) || parser.parseColonType(boundType))
    return failure();
  index.type = boundType;

  SmallVector<OpAsmParser::Argument> args{index};
  SmallVector<OpAsmParser::UnresolvedOperand> inits;
  SmallVector<Type> types;
  if (succeeded(parser.parseOptionalKeyword("iter_args"))) {
    SmallVector<OpAsmParser::Argument> carried;
    SMLoc loc = parser.getCurrentLocation();
    if (parser.parseAssignmentList(carried, inits) ||
        parser.parseArrowTypeList(types))
      return failure();
    if (carried.size() != types.size())
      return parser.emitError(loc)
             << "iter_args binds " << carried.size() << " values but "
             << types.size() << " types follow the arrow";
    for (auto [arg, type] : llvm::zip_equal(carried, types)) {
      arg.type = type;
      args.push_back(arg);
    }
  }
  if (parser.resolveOperand(lower, boundType, result.operands) ||
      parser.resolveOperand(upper, boundType, result.operands) ||
      parser.resolveOperands(inits, types, parser.getCurrentLocation(),
                             result.operands))
    return failure();
  result.addTypes(types);
  Region *body = result.addRegion();
  if (parser.parseRegion(*body, args) ||
      parser.parseOptionalAttrDict(result.attributes))
    return failure();
  return success();
}

void ForiLoopOp::print(OpAsmPrinter &p) {
  Block *entry = entryWithArgs(getBody(), getInits().size() + 1);
  if (!entry) {
    // Not a well-formed loop: show the block arguments as they are.
    p << " %<invalid-index> = " << getLower() << " to " << getUpper() << " : "
      << getLower().getType();
    if (!getInits().empty()) {
      p << " iter_args(";
      p << getInits() << ") -> ";
      printTypeList(p, getResultTypes());
    }
    p << ' ';
    p.printRegion(getBody(), /*printEntryBlockArgs=*/true);
    p.printOptionalAttrDict((*this)->getAttrs());
    return;
  }
  p << ' ' << entry->getArgument(0) << " = " << getLower() << " to "
    << getUpper() << " : " << getLower().getType();
  if (!getInits().empty()) {
    p << " iter_args";
    printAssignments(p, entry->getArguments().drop_front(), getInits());
    p << " -> ";
    printTypeList(p, getResultTypes());
  }
  p << ' ';
  p.printRegion(getBody(), /*printEntryBlockArgs=*/false);
  p.printOptionalAttrDict((*this)->getAttrs());
}

LogicalResult ForiLoopOp::verify() {
  if (getLower().getType() != getUpper().getType())
    return emitOpError() << "bounds must have one type, got "
                         << getLower().getType() << " and "
                         << getUpper().getType();
  if (getInits().getTypes() != getResultTypes())
    return emitOpError() << "results " << typeListString(getResultTypes())
                         << " must have the types of the initial values "
                         << typeListString(getInits().getTypes());
  return success();
}

LogicalResult ForiLoopOp::verifyRegions() {
  SmallVector<Type> argTypes{getLower().getType()};
  llvm::append_range(argTypes, getInits().getTypes());
  if (failed(checkBlockArgs(*this, getBody().front(), argTypes, "body")))
    return failure();
  FailureOr<YieldOp> yield = getYield(*this, getBody(), "body");
  if (failed(yield))
    return failure();
  return checkYield(*yield, getResultTypes(), "the body of vmapc.fori_loop");
}

//===----------------------------------------------------------------------===//
// scan
//===----------------------------------------------------------------------===//

ParseResult ScanOp::parse(OpAsmParser &parser, OperationState &result) {
  SmallVector<OpAsmParser::Argument> carried, slices;
  SmallVector<OpAsmParser::UnresolvedOperand> inits, xs;
  int64_t length;
  if (parser.parseAssignmentList(carried, inits))
    return failure();
  if (succeeded(parser.parseOptionalKeyword("xs")) &&
      parser.parseAssignmentList(slices, xs))
    return failure();
  SmallVector<Type> carryTypes, xsTypes, stackedTypes;
  SMLoc typesLoc;
  if (parser.parseKeyword("length") || parser.parseEqual() ||
      parser.parseInteger(length) || parser.parseColon())
    return failure();
  typesLoc = parser.getCurrentLocation();
  if (parseParenTypeList(parser, carryTypes))
    return failure();
  if (!xs.empty() &&
      (parser.parseComma() || parseParenTypeList(parser, xsTypes)))
    return failure();
  if (parser.parseArrowTypeList(stackedTypes))
    return failure();
  if (carryTypes.size() != carried.size())
    return parser.emitError(typesLoc)
           << carried.size() << " carried values but " << carryTypes.size()
           << " carry types";
  if (xsTypes.size() != slices.size())
    return parser.emitError(typesLoc)
           << slices.size() << " xs but " << xsTypes.size() << " xs types";

  SmallVector<OpAsmParser::Argument> args;
  for (auto [arg, type] : llvm::zip_equal(carried, carryTypes)) {
    arg.type = type;
    args.push_back(arg);
  }
  for (auto [arg, type] : llvm::zip_equal(slices, xsTypes)) {
    auto tensor = dyn_cast<RankedTensorType>(type);
    if (!tensor || tensor.getRank() == 0)
      return parser.emitError(typesLoc)
             << "xs type " << type << " has no leading axis to scan over";
    arg.type = dropLeadingDim(tensor);
    args.push_back(arg);
  }
  if (parser.resolveOperands(inits, carryTypes, typesLoc, result.operands) ||
      parser.resolveOperands(xs, xsTypes, typesLoc, result.operands))
    return failure();
  result.addAttribute(getLengthAttrName(result.name),
                      parser.getBuilder().getI64IntegerAttr(length));
  result.addAttribute(getOperandSegmentSizesAttrName(result.name),
                      parser.getBuilder().getDenseI32ArrayAttr(
                          {static_cast<int32_t>(inits.size()),
                           static_cast<int32_t>(xs.size())}));
  result.addTypes(carryTypes);
  result.addTypes(stackedTypes);
  Region *body = result.addRegion();
  if (parser.parseRegion(*body, args) ||
      parser.parseOptionalAttrDict(result.attributes))
    return failure();
  return success();
}

void ScanOp::print(OpAsmPrinter &p) {
  unsigned numCarried = getInits().size(), numXs = getXs().size();
  Block *entry = entryWithArgs(getBody(), numCarried + numXs);
  SmallVector<Value> carriedArgs, sliceArgs;
  if (entry) {
    llvm::append_range(carriedArgs,
                       entry->getArguments().take_front(numCarried));
    llvm::append_range(sliceArgs, entry->getArguments().drop_front(numCarried));
    p << ' ';
    printAssignments(p, carriedArgs, getInits());
    if (numXs) {
      p << " xs";
      printAssignments(p, sliceArgs, getXs());
    }
  } else {
    p << " (" << getInits() << ") xs(" << getXs() << ")";
  }
  p << " length = " << getLength() << " : ";
  printTypeList(p, getInits().getTypes());
  if (numXs) {
    p << ", ";
    printTypeList(p, getXs().getTypes());
  }
  p << " -> ";
  printTypeList(p, getStackedResults().getTypes());
  p << ' ';
  p.printRegion(getBody(), /*printEntryBlockArgs=*/!entry);
  p.printOptionalAttrDict(
      (*this)->getAttrs(),
      {getLengthAttrName(), getOperandSegmentSizesAttrName()});
}

LogicalResult ScanOp::verify() {
  int64_t length = getLength();
  if (length < 0)
    return emitOpError() << "length must be non-negative, got " << length;
  for (auto [i, x] : llvm::enumerate(getXs())) {
    auto type = cast<RankedTensorType>(x.getType());
    if (type.getRank() == 0)
      return emitOpError() << "xs #" << i
                           << " is a scalar; it needs a leading axis of "
                              "size length = "
                           << length;
    if (type.getDimSize(0) != length)
      return emitOpError() << "xs #" << i << " has leading dimension "
                           << type.getDimSize(0) << " but length is " << length;
  }
  unsigned numCarried = getInits().size();
  if (getNumResults() < numCarried)
    return emitOpError() << "has " << getNumResults()
                         << " results, fewer than its " << numCarried
                         << " carried values";
  if (getCarryResults().getTypes() != getInits().getTypes())
    return emitOpError() << "final carry results "
                         << typeListString(getCarryResults().getTypes())
                         << " must have the types of the initial values "
                         << typeListString(getInits().getTypes());
  for (auto [i, type] : llvm::enumerate(getStackedResults().getTypes())) {
    auto tensor = cast<RankedTensorType>(type);
    if (tensor.getRank() == 0 || tensor.getDimSize(0) != length)
      return emitOpError() << "stacked result #" << i << " has type " << type
                           << "; its leading dimension must be length = "
                           << length;
  }
  return success();
}

LogicalResult ScanOp::verifyRegions() {
  SmallVector<Type> argTypes(getInits().getTypes());
  for (Type type : getXs().getTypes())
    argTypes.push_back(dropLeadingDim(cast<RankedTensorType>(type)));
  if (failed(checkBlockArgs(*this, getBody().front(), argTypes, "body")))
    return failure();
  FailureOr<YieldOp> yield = getYield(*this, getBody(), "body");
  if (failed(yield))
    return failure();
  SmallVector<Type> yieldTypes(getInits().getTypes());
  for (Type type : getStackedResults().getTypes())
    yieldTypes.push_back(dropLeadingDim(cast<RankedTensorType>(type)));
  return checkYield(*yield, yieldTypes,
                    "the body of vmapc.scan (carried values, then one "
                    "slice per stacked result)");
}

//===----------------------------------------------------------------------===//
// while
//===----------------------------------------------------------------------===//

ParseResult WhileOp::parse(OpAsmParser &parser, OperationState &result) {
  SmallVector<OpAsmParser::Argument> args;
  SmallVector<OpAsmParser::UnresolvedOperand> inits;
  SmallVector<Type> types;
  if (parser.parseAssignmentList(args, inits) || parser.parseColon())
    return failure();
  SMLoc typesLoc = parser.getCurrentLocation();
  if (parseParenTypeList(parser, types))
    return failure();
  if (types.size() != args.size())
    return parser.emitError(typesLoc)
           << args.size() << " carried values but " << types.size() << " types";
  for (auto [arg, type] : llvm::zip_equal(args, types))
    arg.type = type;
  if (parser.resolveOperands(inits, types, typesLoc, result.operands))
    return failure();
  result.addTypes(types);
  // The header binds the cond region's arguments; the body declares its
  // own entry block (`^bb0(...)`), as scf.while's `do` region does.
  Region *cond = result.addRegion();
  Region *body = result.addRegion();
  if (parser.parseKeyword("cond") || parser.parseRegion(*cond, args) ||
      parser.parseKeyword("do") || parser.parseRegion(*body) ||
      parser.parseOptionalAttrDict(result.attributes))
    return failure();
  return success();
}

void WhileOp::print(OpAsmPrinter &p) {
  unsigned n = getInits().size();
  Block *condEntry = entryWithArgs(getCond(), n);
  p << ' ';
  if (condEntry)
    printAssignments(p, condEntry->getArguments(), getInits());
  else
    p << '(' << getInits() << ')';
  p << " : ";
  printTypeList(p, getInits().getTypes());
  p << " cond ";
  p.printRegion(getCond(), /*printEntryBlockArgs=*/!condEntry);
  p << " do ";
  p.printRegion(getBody(), /*printEntryBlockArgs=*/true);
  p.printOptionalAttrDict((*this)->getAttrs());
}

LogicalResult WhileOp::verify() {
  if (getInits().getTypes() != getResultTypes())
    return emitOpError() << "results " << typeListString(getResultTypes())
                         << " must have the types of the initial values "
                         << typeListString(getInits().getTypes());
  return success();
}

LogicalResult WhileOp::verifyRegions() {
  TypeRange carried = getInits().getTypes();
  if (failed(checkBlockArgs(*this, getCond().front(), carried, "cond")) ||
      failed(checkBlockArgs(*this, getBody().front(), carried, "body")))
    return failure();
  FailureOr<YieldOp> condYield = getYield(*this, getCond(), "cond");
  if (failed(condYield))
    return failure();
  Type pred = RankedTensorType::get({}, IntegerType::get(getContext(), 1));
  if (failed(checkYield(*condYield, pred, "the cond of vmapc.while")))
    return failure();
  FailureOr<YieldOp> bodyYield = getYield(*this, getBody(), "body");
  if (failed(bodyYield))
    return failure();
  return checkYield(*bodyYield, carried, "the body of vmapc.while");
}

/// A loop whose condition is constantly false never runs its body.
LogicalResult WhileOp::canonicalize(WhileOp op, PatternRewriter &rewriter) {
  Operation *yield = &op.getCond().front().back();
  if (yield->getNumOperands() != 1)
    return failure();
  std::optional<int64_t> pred = constantScalar(yield->getOperand(0));
  if (!pred || *pred)
    return failure();
  rewriter.replaceOp(op, op.getInits());
  return success();
}

//===----------------------------------------------------------------------===//
// cond
//===----------------------------------------------------------------------===//

/// A constant selector picks its branch at compile time (clamped, as
/// lax.switch does).
LogicalResult CondOp::canonicalize(CondOp op, PatternRewriter &rewriter) {
  std::optional<int64_t> selector = constantScalar(op.getPred());
  int64_t n = op.getBranches().size();
  if (!selector || n == 0)
    return failure();
  int64_t branch = op.isPredicate() ? (*selector ? 0 : 1)
                                    : std::clamp<int64_t>(*selector, 0, n - 1);
  if (branch >= n)
    return failure();
  inlineRegion(rewriter, op, op.getBranches()[branch], {});
  return success();
}

ParseResult CondOp::parse(OpAsmParser &parser, OperationState &result) {
  OpAsmParser::UnresolvedOperand pred;
  Type predType;
  if (parser.parseOperand(pred))
    return failure();
  bool isIndex = succeeded(parser.parseOptionalColon());
  if (isIndex) {
    if (parser.parseType(predType))
      return failure();
  } else {
    predType = RankedTensorType::get({}, parser.getBuilder().getI1Type());
  }
  SmallVector<Type> types;
  if (parser.parseOptionalArrowTypeList(types) ||
      parser.resolveOperand(pred, predType, result.operands))
    return failure();
  result.addTypes(types);

  if (!isIndex) {
    Region *onTrue = result.addRegion();
    Region *onFalse = result.addRegion();
    if (parser.parseRegion(*onTrue) || parser.parseKeyword("else") ||
        parser.parseRegion(*onFalse))
      return failure();
  } else {
    // `case 0 {...} case 1 {...}`: the numbers are the branch positions,
    // written out so a reader can match an index to its branch.
    int64_t expected = 0;
    while (succeeded(parser.parseOptionalKeyword("case"))) {
      SMLoc loc = parser.getCurrentLocation();
      int64_t number;
      if (parser.parseInteger(number))
        return failure();
      if (number != expected)
        return parser.emitError(loc)
               << "expected case " << expected << ", got case " << number;
      ++expected;
      if (parser.parseRegion(*result.addRegion()))
        return failure();
    }
    if (expected == 0)
      return parser.emitError(parser.getCurrentLocation())
             << "expected at least one 'case'";
  }
  return parser.parseOptionalAttrDict(result.attributes);
}

void CondOp::print(OpAsmPrinter &p) {
  bool predicate = isPredicate() && getBranches().size() == 2;
  p << ' ' << getPred();
  if (!predicate)
    p << " : " << getPred().getType();
  if (getNumResults()) {
    p << " -> ";
    printTypeList(p, getResultTypes());
  }
  if (predicate) {
    p << ' ';
    p.printRegion(getBranches()[0]);
    p << " else ";
    p.printRegion(getBranches()[1]);
  } else {
    for (auto [i, region] : llvm::enumerate(getBranches())) {
      p << " case " << i << ' ';
      p.printRegion(region);
    }
  }
  p.printOptionalAttrDict((*this)->getAttrs());
}

LogicalResult CondOp::verify() {
  unsigned n = getBranches().size();
  if (isPredicate() && n != 2)
    return emitOpError() << "with an i1 predicate needs 2 branches, got " << n;
  if (n == 0)
    return emitOpError() << "needs at least one branch";
  return success();
}

LogicalResult CondOp::verifyRegions() {
  for (auto [i, region] : llvm::enumerate(getBranches())) {
    std::string what = "branch #" + std::to_string(i);
    if (failed(checkBlockArgs(*this, region.front(), {}, what)))
      return failure();
    FailureOr<YieldOp> yield = getYield(*this, region, what);
    if (failed(yield))
      return failure();
    if (failed(checkYield(*yield, getResultTypes(),
                          what + " of vmapc.cond (the op's result types)")))
      return failure();
  }
  return success();
}
