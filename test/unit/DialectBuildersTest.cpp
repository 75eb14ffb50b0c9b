//===- DialectBuildersTest.cpp - C++ builders of the vmapc ops --*- C++ -*-===//
//
// Clients (the DSL, the batching rules) build vmapc IR through the generated
// C++ builders, most of them without result types. These tests build every
// op that way and check the inferred result types exactly, then build invalid
// ops through the generic builders (which take any result type and any
// attributes) and check that the verifier rejects each with its diagnostic.
//
//===----------------------------------------------------------------------===//
#include "dialect/VmapcDialect.h"
#include "dialect/VmapcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/IR/Verifier.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace mlir;
using namespace vmapc;

namespace {

class DialectBuildersTest : public ::testing::Test {
protected:
  DialectBuildersTest() : builder(&context) {
    context.loadDialect<VmapcDialect, func::FuncDialect>();
    loc = builder.getUnknownLoc();
    module = ModuleOp::create(loc);
    builder.setInsertionPointToEnd(module->getBody());
    func = func::FuncOp::create(builder, loc, "host",
                                builder.getFunctionType({}, {}));
    body = func.addEntryBlock();
    // Ops go before the terminator, so the module stays verifiable.
    builder.setInsertionPointToEnd(body);
    auto ret = func::ReturnOp::create(builder, loc);
    builder.setInsertionPoint(ret);
  }

  RankedTensorType tensor(ArrayRef<int64_t> shape, Type element) {
    return RankedTensorType::get(shape, element);
  }
  Type f32() { return builder.getF32Type(); }
  Type f64() { return builder.getF64Type(); }
  Type i1() { return builder.getI1Type(); }
  Type i32() { return builder.getI32Type(); }
  Type i64() { return builder.getI64Type(); }

  /// A new argument of the host function, of type `type`.
  Value arg(Type type) {
    Value value = body->addArgument(type, loc);
    func.setFunctionType(builder.getFunctionType(body->getArgumentTypes(), {}));
    return value;
  }

  /// Verifies `op` and returns every diagnostic it produced.
  std::vector<std::string> verifyErrors(Operation *op) {
    std::vector<std::string> messages;
    ScopedDiagnosticHandler handler(&context, [&](Diagnostic &diag) {
      messages.push_back(diag.str());
      return success();
    });
    if (succeeded(verify(op)))
      messages.clear();
    else if (messages.empty())
      messages.push_back("<verification failed without a diagnostic>");
    return messages;
  }

  /// Expects `op` to be rejected with a diagnostic containing `expected`.
  void expectRejected(Operation *op, StringRef expected) {
    std::vector<std::string> messages = verifyErrors(op);
    ASSERT_FALSE(messages.empty())
        << "op verified but should fail with: " << expected.str();
    bool found = llvm::any_of(messages, [&](const std::string &m) {
      return StringRef(m).contains(expected);
    });
    std::string all;
    for (const std::string &m : messages)
      all += "\n  " + m;
    EXPECT_TRUE(found) << "expected a diagnostic containing '" << expected.str()
                       << "', got:" << all;
  }

  /// Creates `name` through the generic builder: any result types, any
  /// attributes (converted to properties as the parser would).
  Operation *createGeneric(StringRef name, TypeRange results,
                           ValueRange operands,
                           ArrayRef<NamedAttribute> attributes = {}) {
    OperationState state(loc, name);
    state.addOperands(operands);
    state.addTypes(results);
    state.addAttributes(attributes);
    return builder.create(state);
  }

  NamedAttribute named(StringRef name, Attribute value) {
    return builder.getNamedAttr(name, value);
  }
  DenseI64ArrayAttr dims(ArrayRef<int64_t> values) {
    return builder.getDenseI64ArrayAttr(values);
  }

  MLIRContext context;
  OpBuilder builder;
  Location loc = UnknownLoc::get(&context);
  OwningOpRef<ModuleOp> module;
  func::FuncOp func;
  Block *body = nullptr;
};

//===----------------------------------------------------------------------===//
// Inferred result types
//===----------------------------------------------------------------------===//

template <typename OpTy>
void expectSameType(OpBuilder &builder, Location loc, Value x, Value y) {
  auto op = OpTy::create(builder, loc, x, y);
  EXPECT_EQ(op.getType(), x.getType()) << OpTy::getOperationName().str();
}

template <typename OpTy>
void expectSameType(OpBuilder &builder, Location loc, Value x) {
  auto op = OpTy::create(builder, loc, x);
  EXPECT_EQ(op.getType(), x.getType()) << OpTy::getOperationName().str();
}

TEST_F(DialectBuildersTest, BinaryOpsInferTheOperandType) {
  Value f = arg(tensor({4, 3}, f32()));
  Value d = arg(tensor({}, f64()));
  Value i = arg(tensor({5}, i64()));
  for (Value x : {f, d, i}) {
    expectSameType<AddOp>(builder, loc, x, x);
    expectSameType<SubOp>(builder, loc, x, x);
    expectSameType<MulOp>(builder, loc, x, x);
    expectSameType<DivOp>(builder, loc, x, x);
    expectSameType<MaxOp>(builder, loc, x, x);
    expectSameType<MinOp>(builder, loc, x, x);
  }
  expectSameType<PowOp>(builder, loc, f, f);
  expectSameType<PowOp>(builder, loc, d, d);
  EXPECT_TRUE(succeeded(verify(*module)));
}

TEST_F(DialectBuildersTest, UnaryOpsInferTheOperandType) {
  Value f = arg(tensor({2, 2}, f32()));
  Value i = arg(tensor({7}, i32()));
  expectSameType<NegOp>(builder, loc, f);
  expectSameType<NegOp>(builder, loc, i);
  expectSameType<AbsOp>(builder, loc, f);
  expectSameType<AbsOp>(builder, loc, i);
  expectSameType<ExpOp>(builder, loc, f);
  expectSameType<LogOp>(builder, loc, f);
  expectSameType<SqrtOp>(builder, loc, f);
  expectSameType<RsqrtOp>(builder, loc, f);
  expectSameType<TanhOp>(builder, loc, f);
  expectSameType<SinOp>(builder, loc, f);
  expectSameType<CosOp>(builder, loc, f);
  expectSameType<LogisticOp>(builder, loc, f);
  EXPECT_TRUE(succeeded(verify(*module)));
}

TEST_F(DialectBuildersTest, CompareAndSelect) {
  Value a = arg(tensor({3, 4}, f64()));
  Value b = arg(tensor({3, 4}, f64()));
  auto compare = CompareOp::create(builder, loc, a, b, "le");
  EXPECT_EQ(compare.getType(), tensor({3, 4}, i1()));
  EXPECT_EQ(compare.getPredicateKind(), ComparePredicate::LE);
  auto select = SelectOp::create(builder, loc, compare, a, b);
  EXPECT_EQ(select.getType(), a.getType());
  // Selecting between predicates gives a predicate.
  auto selectBool =
      SelectOp::create(builder, loc, compare, compare, compare.getResult());
  EXPECT_EQ(selectBool.getType(), tensor({3, 4}, i1()));
  EXPECT_TRUE(succeeded(verify(*module)));
}

TEST_F(DialectBuildersTest, ConstantIotaConvert) {
  auto type = tensor({2, 3}, i32());
  auto value =
      DenseElementsAttr::get(type, ArrayRef<int32_t>{1, 2, 3, 4, 5, 6});
  auto constant = ConstantOp::create(builder, loc, value);
  EXPECT_EQ(constant.getType(), type);
  EXPECT_EQ(constant.getValue(), value);

  auto iota = IotaOp::create(builder, loc, tensor({4, 5}, f32()), 1);
  EXPECT_EQ(iota.getType(), tensor({4, 5}, f32()));
  EXPECT_EQ(iota.getDimension(), 1u);

  auto convert =
      ConvertOp::create(builder, loc, tensor({2, 3}, f64()), constant);
  EXPECT_EQ(convert.getType(), tensor({2, 3}, f64()));
  EXPECT_TRUE(succeeded(verify(*module)));
}

TEST_F(DialectBuildersTest, ShapeOps) {
  Value x = arg(tensor({2, 3, 4}, f32()));
  Value v = arg(tensor({3}, i64()));

  auto broadcast = BroadcastInDimOp::create(builder, loc, tensor({5, 3}, i64()),
                                            v, ArrayRef<int64_t>{1});
  EXPECT_EQ(broadcast.getType(), tensor({5, 3}, i64()));

  auto reshape = ReshapeOp::create(builder, loc, tensor({6, 4}, f32()), x);
  EXPECT_EQ(reshape.getType(), tensor({6, 4}, f32()));

  auto transpose =
      TransposeOp::create(builder, loc, x, ArrayRef<int64_t>{2, 0, 1});
  EXPECT_EQ(transpose.getType(), tensor({4, 2, 3}, f32()));

  auto sum = ReduceOp::create(builder, loc, x, "sum", ArrayRef<int64_t>{0, 2});
  EXPECT_EQ(sum.getType(), tensor({3}, f32()));
  EXPECT_EQ(sum.getReduceKind(), ReduceKind::Sum);
  auto all =
      ReduceOp::create(builder, loc, x, "max", ArrayRef<int64_t>{2, 1, 0});
  EXPECT_EQ(all.getType(), tensor({}, f32()));
  auto none = ReduceOp::create(builder, loc, x, "prod", ArrayRef<int64_t>{});
  EXPECT_EQ(none.getType(), x.getType());

  // ceil((limit - start) / stride) per dim.
  auto slice =
      SliceOp::create(builder, loc, x, ArrayRef<int64_t>{0, 1, 0},
                      ArrayRef<int64_t>{2, 3, 4}, ArrayRef<int64_t>{1, 1, 3});
  EXPECT_EQ(slice.getType(), tensor({2, 2, 2}, f32()));
  auto empty = SliceOp::create(builder, loc, v, ArrayRef<int64_t>{2},
                               ArrayRef<int64_t>{2}, ArrayRef<int64_t>{1});
  EXPECT_EQ(empty.getType(), tensor({0}, i64()));

  Value y = arg(tensor({2, 5, 4}, f32()));
  auto concat = ConcatenateOp::create(builder, loc, ValueRange{x, y, x}, 1);
  EXPECT_EQ(concat.getType(), tensor({2, 11, 4}, f32()));
  EXPECT_TRUE(succeeded(verify(*module)));
}

TEST_F(DialectBuildersTest, DotGeneral) {
  Value a = arg(tensor({4, 8}, f32()));
  Value b = arg(tensor({8, 5}, f32()));
  auto matmul = DotGeneralOp::create(builder, loc, a, b, ArrayRef<int64_t>{},
                                     ArrayRef<int64_t>{}, ArrayRef<int64_t>{1},
                                     ArrayRef<int64_t>{0});
  EXPECT_EQ(matmul.getType(), tensor({4, 5}, f32()));

  // Batch dims first, then lhs free dims, then rhs free dims, each in order.
  Value l = arg(tensor({7, 2, 8, 3}, i32()));
  Value r = arg(tensor({8, 6, 7}, i32()));
  auto batched = DotGeneralOp::create(
      builder, loc, l, r, ArrayRef<int64_t>{0}, ArrayRef<int64_t>{2},
      ArrayRef<int64_t>{2}, ArrayRef<int64_t>{0});
  EXPECT_EQ(batched.getType(), tensor({7, 2, 3, 6}, i32()));

  auto outer = DotGeneralOp::create(builder, loc, a, b, ArrayRef<int64_t>{},
                                    ArrayRef<int64_t>{}, ArrayRef<int64_t>{},
                                    ArrayRef<int64_t>{});
  EXPECT_EQ(outer.getType(), tensor({4, 8, 8, 5}, f32()));
  EXPECT_TRUE(succeeded(verify(*module)));
}

TEST_F(DialectBuildersTest, Indexing) {
  Value x = arg(tensor({4, 6}, f64()));
  Value i = arg(tensor({}, i32()));
  Value j = arg(tensor({}, i64()));
  auto dynamicSlice = DynamicSliceOp::create(builder, loc, x, ValueRange{i, j},
                                             ArrayRef<int64_t>{2, 3});
  EXPECT_EQ(dynamicSlice.getType(), tensor({2, 3}, f64()));

  Value table = arg(tensor({10, 4}, f32()));
  Value indices = arg(tensor({2, 3}, i32()));
  auto take = GatherOp::create(builder, loc, table, indices, 0);
  EXPECT_EQ(take.getType(), tensor({2, 3, 4}, f32()));
  auto takeColumns = GatherOp::create(builder, loc, table, indices, 1);
  EXPECT_EQ(takeColumns.getType(), tensor({10, 2, 3}, f32()));

  // batch_dims pairs leading dims: [2, 10] x [2, 3] along axis 1 -> [2, 3].
  Value batchedTable = arg(tensor({2, 10}, f32()));
  Value batchedIndices = arg(tensor({2, 3}, i64()));
  auto batchedTake =
      GatherOp::create(builder, loc, batchedTable, batchedIndices, 1, 1);
  EXPECT_EQ(batchedTake.getType(), tensor({2, 3}, f32()));
  EXPECT_TRUE(succeeded(verify(*module)));
}

TEST_F(DialectBuildersTest, LinearAlgebra) {
  Value a = arg(tensor({5, 3, 3}, f32()));
  Value b = arg(tensor({5, 3, 2}, f32()));
  Value c = arg(tensor({5, 2, 3}, f32()));
  EXPECT_EQ(CholeskyOp::create(builder, loc, a).getType(), a.getType());
  EXPECT_EQ(InvOp::create(builder, loc, a).getType(), a.getType());
  EXPECT_EQ(DetOp::create(builder, loc, a).getType(), tensor({5}, f32()));

  auto left = TriangularSolveOp::create(builder, loc, a, b);
  EXPECT_EQ(left.getType(), b.getType());
  EXPECT_TRUE(left.getLower());
  EXPECT_TRUE(left.getLeftSide());
  EXPECT_FALSE(left.getTransposeA());
  auto right = TriangularSolveOp::create(builder, loc, a, c, /*lower=*/false,
                                         /*left_side=*/false,
                                         /*transpose_a=*/true);
  EXPECT_EQ(right.getType(), c.getType());
  // Attribute builder with the optional flags left out: left_side is the
  // default (true) for inference too.
  auto defaulted =
      TriangularSolveOp::create(builder, loc, a, b, builder.getBoolAttr(true));
  EXPECT_EQ(defaulted.getType(), b.getType());
  EXPECT_TRUE(succeeded(verify(*module)));
}

TEST_F(DialectBuildersTest, Vmap) {
  // @f : (tensor<3xf32>, tensor<3x2xf32>) -> tensor<2xf32>
  OpBuilder::InsertionGuard guard(builder);
  builder.setInsertionPointToStart(module->getBody());
  auto callee = func::FuncOp::create(
      builder, loc, "f",
      builder.getFunctionType({tensor({3}, f32()), tensor({3, 2}, f32())},
                              {tensor({2}, f32())}));
  callee.setPrivate();
  builder.setInsertionPoint(body->getTerminator());

  Value x = arg(tensor({3, 8}, f32()));
  Value w = arg(tensor({3, 2}, f32()));
  ArrayAttr inAxes = builder.getArrayAttr(
      {builder.getI64IntegerAttr(-1), builder.getUnitAttr()});
  ArrayAttr outAxes = builder.getArrayAttr({builder.getI64IntegerAttr(1)});
  auto vmap =
      VmapOp::create(builder, loc, TypeRange{tensor({2, 8}, f32())}, "f",
                     ValueRange{x, w}, inAxes, outAxes, IntegerAttr(),
                     IntegerAttr(), false, /*axis_name=*/nullptr);
  EXPECT_EQ(vmap.getInAxis(0), std::optional<int64_t>(1));
  EXPECT_EQ(vmap.getInAxis(1), std::nullopt);
  EXPECT_EQ(vmap.getOutAxis(0), std::optional<int64_t>(1));
  EXPECT_EQ(vmap.getBatchSize(), 8);
  EXPECT_TRUE(verifyErrors(*module).empty());

  // Sizes of two mapped operands disagree: the diagnostic names both.
  Value z = arg(tensor({5, 3}, f32()));
  Value v = arg(tensor({3, 2, 4}, f32()));
  auto bad = VmapOp::create(
      builder, loc, TypeRange{tensor({5, 2}, f32())}, "f", ValueRange{z, v},
      builder.getArrayAttr(
          {builder.getI64IntegerAttr(0), builder.getI64IntegerAttr(2)}),
      builder.getArrayAttr({builder.getI64IntegerAttr(0)}), IntegerAttr(),
      IntegerAttr(), false, /*axis_name=*/nullptr);
  expectRejected(bad, "mapped axes disagree: operand 0 has size 5 on axis 0 "
                      "but operand 1 has size 4 on axis 2");
  bad->erase();

  // The callee's signature is checked against the unbatched types.
  auto wrongResult = VmapOp::create(
      builder, loc, TypeRange{tensor({8, 3}, f32())}, "f", ValueRange{x, w},
      inAxes, builder.getArrayAttr({builder.getI64IntegerAttr(0)}),
      IntegerAttr(), IntegerAttr(), false, /*axis_name=*/nullptr);
  (void)wrongResult;
  expectRejected(*module, "result 0 of type 'tensor<8x3xf32>' with its batch "
                          "axis removed is 'tensor<3xf32>' but callee @f "
                          "returns 'tensor<2xf32>'");
}

//===----------------------------------------------------------------------===//
// Invalid IR is rejected with a diagnostic
//===----------------------------------------------------------------------===//

TEST_F(DialectBuildersTest, RejectsWrongElementwiseResult) {
  Value a = arg(tensor({4}, f32()));
  Operation *op = AddOp::create(builder, loc, tensor({4}, f64()), a, a);
  expectRejected(op, "requires the same type for all operands and results");
}

TEST_F(DialectBuildersTest, RejectsIntegerPow) {
  Value a = arg(tensor({4}, i32()));
  Operation *op =
      createGeneric(PowOp::getOperationName(), {a.getType()}, {a, a});
  expectRejected(op, "must be statically shaped tensor of 32-bit float or "
                     "64-bit float values");
}

TEST_F(DialectBuildersTest, RejectsBadPredicate) {
  Value a = arg(tensor({4}, f32()));
  Operation *op =
      CompareOp::create(builder, loc, tensor({4}, i1()), a, a, "less");
  expectRejected(op, "predicate must be one of eq, ne, lt, le, gt, ge; got "
                     "'less'");
}

TEST_F(DialectBuildersTest, RejectsWrongCompareResult) {
  Value a = arg(tensor({4}, f32()));
  Operation *op =
      CompareOp::create(builder, loc, tensor({2}, i1()), a, a, "eq");
  expectRejected(op, "inferred type(s) 'tensor<4xi1>' are incompatible with "
                     "return type(s) of operation 'tensor<2xi1>'");
}

TEST_F(DialectBuildersTest, RejectsSelectShapes) {
  Value p = arg(tensor({3}, i1()));
  Value a = arg(tensor({2}, f32()));
  Operation *op = SelectOp::create(builder, loc, a.getType(), p, a, a);
  expectRejected(op, "predicate shape [3] differs from the operand shape [2]");
}

TEST_F(DialectBuildersTest, RejectsConstantTypeMismatch) {
  auto value = DenseElementsAttr::get(tensor({2}, f32()), 1.0f);
  Operation *op = ConstantOp::create(builder, loc, tensor({3}, f32()), value);
  expectRejected(op, "inferred type(s) 'tensor<2xf32>' are incompatible");
}

TEST_F(DialectBuildersTest, RejectsIotaDimension) {
  Operation *op = IotaOp::create(builder, loc, tensor({2, 3}, i32()), 2);
  expectRejected(op, "dimension 2 is out of range for result rank 2");
}

TEST_F(DialectBuildersTest, RejectsConvertShape) {
  Value a = arg(tensor({3}, f32()));
  Operation *op = ConvertOp::create(builder, loc, tensor({4}, i32()), a);
  expectRejected(op, "requires the same shape for all operands and results");
}

TEST_F(DialectBuildersTest, RejectsBroadcastRules) {
  Value a = arg(tensor({2, 3}, f32()));
  Operation *count = BroadcastInDimOp::create(
      builder, loc, tensor({4, 2, 3}, f32()), a, ArrayRef<int64_t>{1});
  expectRejected(count,
                 "broadcast_dimensions has 1 entries but the operand has "
                 "rank 2");
  Operation *order = BroadcastInDimOp::create(
      builder, loc, tensor({3, 2}, f32()), a, ArrayRef<int64_t>{1, 0});
  expectRejected(
      order, "broadcast_dimensions must be strictly increasing, got [1, 0]");
  Operation *size = BroadcastInDimOp::create(
      builder, loc, tensor({2, 4}, f32()), a, ArrayRef<int64_t>{0, 1});
  expectRejected(size, "operand dimension 1 of size 3 cannot broadcast to "
                       "result dimension 1 of size 4");
}

TEST_F(DialectBuildersTest, RejectsReshapeCount) {
  Value a = arg(tensor({2, 3}, f32()));
  Operation *op = ReshapeOp::create(builder, loc, tensor({5}, f32()), a);
  expectRejected(op, "cannot reshape [2, 3] (6 elements) to [5] (5 elements)");
}

TEST_F(DialectBuildersTest, RejectsNonPermutation) {
  Value a = arg(tensor({2, 3}, f32()));
  Operation *op =
      createGeneric(TransposeOp::getOperationName(), {tensor({3, 3}, f32())},
                    {a}, {named("permutation", dims({1, 1}))});
  expectRejected(op, "permutation dimension 1 appears more than once");
}

TEST_F(DialectBuildersTest, RejectsReduceKindAndDims) {
  Value a = arg(tensor({2, 3}, f32()));
  Operation *kind =
      createGeneric(ReduceOp::getOperationName(), {tensor({2}, f32())}, {a},
                    {named("kind", builder.getStringAttr("mean")),
                     named("dimensions", dims({1}))});
  expectRejected(kind, "kind must be one of sum, max, min, prod; got 'mean'");
  Operation *repeated =
      createGeneric(ReduceOp::getOperationName(), {tensor({2}, f32())}, {a},
                    {named("kind", builder.getStringAttr("sum")),
                     named("dimensions", dims({1, 1}))});
  expectRejected(repeated, "reduced dimension 1 appears more than once");
}

TEST_F(DialectBuildersTest, RejectsDotGeneralRules) {
  Value a = arg(tensor({2, 4, 8}, f32()));
  Value b = arg(tensor({3, 7, 5}, f32()));
  auto dot = [&](ArrayRef<int64_t> lb, ArrayRef<int64_t> rb,
                 ArrayRef<int64_t> lc, ArrayRef<int64_t> rc) {
    return createGeneric(DotGeneralOp::getOperationName(),
                         {tensor({2, 4, 5}, f32())}, {a, b},
                         {named("lhs_batching_dimensions", dims(lb)),
                          named("rhs_batching_dimensions", dims(rb)),
                          named("lhs_contracting_dimensions", dims(lc)),
                          named("rhs_contracting_dimensions", dims(rc))});
  };
  expectRejected(dot({0}, {0}, {2}, {1}),
                 "batching dimension sizes differ: lhs dim 0 has size 2, rhs "
                 "dim 0 has size 3");
  expectRejected(dot({}, {}, {2}, {1}),
                 "contracting dimension sizes differ: lhs dim 2 has size 8, "
                 "rhs dim 1 has size 7");
  expectRejected(dot({0}, {0}, {0}, {1}),
                 "lhs batching/contracting dimension 0 appears more than once");
  expectRejected(dot({}, {}, {3}, {1}),
                 "lhs batching/contracting dimension 3 is out of range for "
                 "rank 3");
  expectRejected(dot({0}, {}, {2}, {1}),
                 "lhs_batching_dimensions has 1 entries but "
                 "rhs_batching_dimensions has 0");
}

TEST_F(DialectBuildersTest, RejectsSliceBounds) {
  Value a = arg(tensor({4}, f32()));
  auto slice = [&](int64_t start, int64_t limit, int64_t stride) {
    return createGeneric(SliceOp::getOperationName(), {tensor({1}, f32())}, {a},
                         {named("start_indices", dims({start})),
                          named("limit_indices", dims({limit})),
                          named("strides", dims({stride}))});
  };
  expectRejected(slice(0, 1, 0), "stride of dimension 0 must be >= 1, got 0");
  expectRejected(slice(2, 5, 1),
                 "slice [2, 5) of dimension 0 is not within [0, 4]");
  expectRejected(slice(3, 2, 1),
                 "slice [3, 2) of dimension 0 is not within [0, 4]");
}

TEST_F(DialectBuildersTest, RejectsConcatenateShapes) {
  Value a = arg(tensor({2, 3}, f32()));
  Value b = arg(tensor({2, 4}, f32()));
  Operation *op = ConcatenateOp::create(builder, loc, tensor({4, 3}, f32()),
                                        ValueRange{a, b}, 0);
  expectRejected(op, "input 1 has shape [2, 4] but input 0 has shape [2, 3]; "
                     "only dimension 0 may differ");
  Operation *none =
      createGeneric(ConcatenateOp::getOperationName(), {tensor({0}, f32())}, {},
                    {named("dimension", builder.getI64IntegerAttr(0))});
  expectRejected(none, "requires at least one input");
}

TEST_F(DialectBuildersTest, RejectsIndexingRules) {
  Value x = arg(tensor({4, 4}, f32()));
  Value i = arg(tensor({}, i32()));
  Operation *tooBig =
      DynamicSliceOp::create(builder, loc, tensor({2, 5}, f32()), x,
                             ValueRange{i, i}, ArrayRef<int64_t>{2, 5});
  expectRejected(tooBig, "slice size 5 of dimension 1 is not within [0, 4]");
  Operation *count =
      DynamicSliceOp::create(builder, loc, tensor({2, 2}, f32()), x,
                             ValueRange{i}, ArrayRef<int64_t>{2, 2});
  expectRejected(count,
                 "expects one start index per operand dimension (2), got 1");

  Value indices = arg(tensor({3}, i32()));
  Operation *axis =
      GatherOp::create(builder, loc, tensor({3, 4}, f32()), x, indices, 2);
  expectRejected(axis, "axis 2 is out of range for operand rank 2");
}

TEST_F(DialectBuildersTest, GatherWithoutBatchDimsAttributeDefaultsToZero) {
  Value table = arg(tensor({10, 4}, f32()));
  Value indices = arg(tensor({3}, i32()));
  // The attribute builder leaves `batch_dims` unset while inferring the
  // result type; inference must apply the default, not read a null attribute.
  auto inferred = GatherOp::create(builder, loc, table, indices,
                                   builder.getI64IntegerAttr(0));
  EXPECT_EQ(inferred.getType(), tensor({3, 4}, f32()));
  EXPECT_EQ(inferred.getBatchDims(), 0u);
  // Same from an OperationState without `batch_dims`.
  Operation *op = createGeneric(GatherOp::getOperationName(),
                                {tensor({3, 4}, f32())}, {table, indices},
                                {named("axis", builder.getI64IntegerAttr(0))});
  EXPECT_TRUE(verifyErrors(op).empty());
  EXPECT_EQ(cast<GatherOp>(op).getBatchDims(), 0u);
}

TEST_F(DialectBuildersTest, RejectsLinearAlgebraShapes) {
  Value rect = arg(tensor({3, 4}, f32()));
  expectRejected(CholeskyOp::create(builder, loc, rect.getType(), rect),
                 "'vmapc.cholesky' op operand must be square in its trailing "
                 "two dimensions, got tensor<3x4xf32>");
  Value vec = arg(tensor({3}, f64()));
  expectRejected(InvOp::create(builder, loc, vec.getType(), vec),
                 "'vmapc.inv' op operand must have rank >= 2, got "
                 "tensor<3xf64>");
  expectRejected(DetOp::create(builder, loc, tensor({}, f64()), vec),
                 "operand must have rank >= 2, got tensor<3xf64>");

  Value a = arg(tensor({3, 3}, f32()));
  Value b = arg(tensor({2, 3}, f32()));
  expectRejected(
      TriangularSolveOp::create(builder, loc, b.getType(), a, b),
      "left-side solve needs b's rows (2) to equal the order of a (3)");
  // The same b is fine for a right-side solve.
  EXPECT_TRUE(verifyErrors(TriangularSolveOp::create(builder, loc, a, b,
                                                     /*lower=*/true,
                                                     /*left_side=*/false))
                  .empty());
}

//===----------------------------------------------------------------------===//
// createOrFold folds before any verification: invalid ops are left alone
//===----------------------------------------------------------------------===//

TEST_F(DialectBuildersTest, FoldersLeaveInvalidOpsAlone) {
  auto c4 = ConstantOp::create(
      builder, loc,
      DenseElementsAttr::get(tensor({4}, f32()),
                             ArrayRef<float>{1.0f, 2.0f, 3.0f, 4.0f}));
  auto c3 = ConstantOp::create(
      builder, loc,
      DenseElementsAttr::get(tensor({3}, f32()),
                             ArrayRef<float>{1.0f, 2.0f, 3.0f}));
  auto isOp = [](Value value, StringRef name) {
    Operation *def = value.getDefiningOp();
    return def && def->getName().getStringRef() == name;
  };

  // Operands of different shapes: folding would read past the smaller one.
  Value add = builder.createOrFold<AddOp>(loc, tensor({4}, f32()), c4, c3);
  EXPECT_TRUE(isOp(add, AddOp::getOperationName()));
  expectRejected(add.getDefiningOp(),
                 "requires the same type for all operands and results");

  // A reshape that changes the element count.
  Value reshape =
      builder.createOrFold<ReshapeOp>(loc, tensor({2, 3}, f32()), c4);
  EXPECT_TRUE(isOp(reshape, ReshapeOp::getOperationName()));

  // A broadcast with an out-of-range dimension.
  Value broadcast = builder.createOrFold<BroadcastInDimOp>(
      loc, tensor({2, 4}, f32()), c4, ArrayRef<int64_t>{2});
  EXPECT_TRUE(isOp(broadcast, BroadcastInDimOp::getOperationName()));

  // A transpose whose permutation is not one, through the generic builder.
  Value transpose = builder.createOrFold<TransposeOp>(
      loc, TypeRange{tensor({4}, f32())}, ValueRange{c4},
      ArrayRef<NamedAttribute>{named("permutation", dims({3}))});
  EXPECT_TRUE(isOp(transpose, TransposeOp::getOperationName()));

  // A reduce over a dimension that does not exist.
  Value reduce = builder.createOrFold<ReduceOp>(
      loc, TypeRange{tensor({}, f32())}, ValueRange{c4},
      ArrayRef<NamedAttribute>{named("kind", builder.getStringAttr("sum")),
                               named("dimensions", dims({1}))});
  EXPECT_TRUE(isOp(reduce, ReduceOp::getOperationName()));

  // A compare with an unknown predicate.
  Value compare =
      builder.createOrFold<CompareOp>(loc, tensor({4}, i1()), c4, c4, "less");
  EXPECT_TRUE(isOp(compare, CompareOp::getOperationName()));

  // The valid counterparts fold to constants.
  Value folded = builder.createOrFold<AddOp>(loc, c4, c4);
  EXPECT_TRUE(isOp(folded, ConstantOp::getOperationName()));
  Value foldedReduce =
      builder.createOrFold<ReduceOp>(loc, c4, "max", ArrayRef<int64_t>{0});
  ASSERT_TRUE(isOp(foldedReduce, ConstantOp::getOperationName()));
  EXPECT_EQ(cast<ConstantOp>(foldedReduce.getDefiningOp())
                .getValue()
                .getSplatValue<float>(),
            4.0f);
}

} // namespace
