//===- VmapcDialect.cpp - The vmapc dialect ---------------------*- C++ -*-===//
#include "dialect/VmapcDialect.h"
#include "dialect/VmapcOps.h"

using namespace mlir;
using namespace vmapc;

#include "dialect/VmapcOpsDialect.cpp.inc"

void VmapcDialect::initialize() {
  addOperations<
#define GET_OP_LIST
#include "dialect/VmapcOps.cpp.inc"
      >();
}

Operation *VmapcDialect::materializeConstant(OpBuilder &builder,
                                             Attribute value, Type type,
                                             Location loc) {
  auto elements = dyn_cast<DenseElementsAttr>(value);
  if (!elements || elements.getType() != type)
    return nullptr;
  return ConstantOp::create(builder, loc, elements);
}
