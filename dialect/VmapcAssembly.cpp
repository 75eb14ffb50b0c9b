//===- VmapcAssembly.cpp - Custom assembly directives -----------*- C++ -*-===//
//
// Directives shared by the ops' declarative formats: bare keywords for the
// string-valued `predicate`/`kind`, and `[0, none, -1]` for vmap's axes
// (stored as ArrayAttrs of i64 or unit so the generic form stays stable).
//
//===----------------------------------------------------------------------===//
#include "dialect/VmapcAssembly.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"

using namespace mlir;

ParseResult vmapc::parseKeyword(OpAsmParser &parser, StringAttr &attr) {
  std::string word;
  if (parser.parseKeywordOrString(&word))
    return failure();
  attr = parser.getBuilder().getStringAttr(word);
  return success();
}

void vmapc::printKeyword(OpAsmPrinter &printer, Operation *,
                         StringAttr attr) {
  printer.printKeywordOrString(attr.getValue());
}

ParseResult vmapc::parseAxisList(OpAsmParser &parser, ArrayAttr &attr) {
  Builder &builder = parser.getBuilder();
  SmallVector<Attribute> axes;
  auto parseAxis = [&]() -> ParseResult {
    if (succeeded(parser.parseOptionalKeyword("none"))) {
      axes.push_back(builder.getUnitAttr());
      return success();
    }
    int64_t axis;
    if (parser.parseInteger(axis))
      return failure();
    axes.push_back(builder.getI64IntegerAttr(axis));
    return success();
  };
  if (parser.parseCommaSeparatedList(OpAsmParser::Delimiter::Square,
                                     parseAxis, " in axis list"))
    return failure();
  attr = builder.getArrayAttr(axes);
  return success();
}

void vmapc::printAxisList(OpAsmPrinter &printer, Operation *, ArrayAttr attr) {
  printer << '[';
  llvm::interleaveComma(attr, printer, [&](Attribute axis) {
    if (auto integer = dyn_cast<IntegerAttr>(axis))
      printer << integer.getInt();
    else if (isa<UnitAttr>(axis))
      printer << "none";
    else
      printer.printAttribute(axis);
  });
  printer << ']';
}
