//===- VmapcAssembly.h - Custom assembly directives -------------*- C++ -*-===//
#ifndef VMAPC_DIALECT_VMAPCASSEMBLY_H
#define VMAPC_DIALECT_VMAPCASSEMBLY_H

#include "mlir/IR/OpImplementation.h"

namespace vmapc {

/// `custom<Keyword>`: a string attribute written as a bare keyword.
mlir::ParseResult parseKeyword(mlir::OpAsmParser &parser,
                               mlir::StringAttr &attr);
void printKeyword(mlir::OpAsmPrinter &printer, mlir::Operation *op,
                  mlir::StringAttr attr);

/// `custom<AxisList>`: `[0, none, -1]`, an ArrayAttr of i64 or unit.
mlir::ParseResult parseAxisList(mlir::OpAsmParser &parser,
                                mlir::ArrayAttr &attr);
void printAxisList(mlir::OpAsmPrinter &printer, mlir::Operation *op,
                   mlir::ArrayAttr attr);

} // namespace vmapc

#endif // VMAPC_DIALECT_VMAPCASSEMBLY_H
