//===- DslErrorTest.cpp - Every user error is a vmapc::Error --------------===//
//
// Each error path of the DSL: the exception type, and a message that names
// the operation and the shapes involved. None may abort.
//
//===----------------------------------------------------------------------===//

#include "DslTestUtil.h"

#include <type_traits>

using namespace vmapc;
using namespace vmapc::test;

namespace {

static_assert(std::is_base_of_v<std::runtime_error, Error>,
              "vmapc::Error is a std::runtime_error");

Array<float> f32(Shape s) { return randomArray<float>(std::move(s), 1); }

//===----------------------------------------------------------------------===//
// Arrays
//===----------------------------------------------------------------------===//

TEST(DslErrors, ArrayConstruction) {
  expectError(
      [] {
        Array<float>({2, 3}, {1, 2, 3});
      },
      {"Array", "3 values", "[2, 3]"});
  expectError([] { Array<float>({2, -1}); }, {"Array", "negative", "[2, -1]"});
  expectError([] { array<float>({{1, 2}, {3}}); }, {"array", "ragged"});
  Array<float> a({2, 3});
  expectError([&] { a(2, 0); }, {"Array", "index 2", "axis 0", "[2, 3]"});
  expectError([&] { a(0); }, {"Array", "1 indices", "[2, 3]"});
  expectError([&] { a.row(5); }, {"row", "5", "[2, 3]"});
}

//===----------------------------------------------------------------------===//
// Operations
//===----------------------------------------------------------------------===//

TEST(DslErrors, BroadcastMismatch) {
  expectError(
      [] {
        jit([](auto x, auto y) { return x + y; })(f32({3, 4}), f32({5}));
      },
      {"add", "f32[3, 4]", "f32[5]", "broadcast"});
  expectError(
      [] {
        jit([](auto x, auto y) { return x * y; })(f32({2, 3}), f32({3, 2}));
      },
      {"multiply", "f32[2, 3]", "f32[3, 2]"});
  expectError(
      [] { jit([](auto x, auto y) { return x < y; })(f32({2}), f32({3})); },
      {"less", "f32[2]", "f32[3]"});
  expectError(
      [] {
        jit([](auto x, auto y) { return where(x > 0, x, y); })(f32({4}),
                                                               f32({2}));
      },
      {"where", "f32[4]", "f32[2]"});
}

TEST(DslErrors, DTypeRestrictions) {
  Array<int32_t> i({3});
  expectError([&] { jit([](auto x) { return exp(x); })(i); },
              {"exp", "floating-point", "i32[3]"});
  expectError([&] { jit([](auto x) { return mean(x); })(i); },
              {"mean", "i32[3]"});
  expectError([&] { jit([](auto x) { return pow(x, x); })(i); },
              {"pow", "i32[3]"});
  Array<bool> b({2});
  expectError([&] { jit([](auto x) { return x + x; })(b); },
              {"add", "boolean", "i1[2]"});
}

TEST(DslErrors, BadAxes) {
  expectError(
      [] {
        jit([](auto x) { return sum(x, 2); })(f32({3, 4}));
      },
      {"sum", "axis 2", "f32[3, 4]"});
  expectError(
      [] {
        jit([](auto x) { return max(x, -3); })(f32({3, 4}));
      },
      {"max", "axis -3", "f32[3, 4]"});
  expectError(
      [] {
        jit([](auto x) { return sum(x, {1, -1}); })(f32({3, 4}));
      },
      {"sum", "repeated", "f32[3, 4]"});
  expectError([] { jit([](auto x) { return mean(x, 5); })(f32({3})); },
              {"mean", "axis 5", "f32[3]"});
  expectError(
      [] {
        jit([](auto x) { return x.transpose({0, 0}); })(f32({3, 4}));
      },
      {"transpose", "[0, 0]", "f32[3, 4]"});
  expectError(
      [] {
        jit([](auto x) { return x.transpose({1}); })(f32({3, 4}));
      },
      {"transpose", "f32[3, 4]"});
  expectError(
      [] {
        jit([](auto x) { return slice_axis(x, 3, 0, 1); })(f32({3, 4}));
      },
      {"slice_axis", "axis 3", "f32[3, 4]"});
  expectError(
      [] {
        jit([](auto x) { return concat({x, x}, 2); })(f32({3, 4}));
      },
      {"concat", "axis 2", "f32[3, 4]"});
}

TEST(DslErrors, Contractions) {
  expectError(
      [] {
        jit([](auto x, auto y) { return dot(x, y); })(f32({3, 4}), f32({5, 2}));
      },
      {"dot", "f32[3, 4]", "f32[5, 2]", "not aligned"});
  expectError(
      [] { jit([](auto x, auto y) { return x.dot(y); })(f32({4}), f32({3})); },
      {"dot", "f32[4]", "f32[3]"});
  expectError(
      [] {
        jit([](auto x, auto y) { return matmul(x, y); })(f32({2, 3, 4}),
                                                         f32({5, 2}));
      },
      {"matmul", "f32[2, 3, 4]", "f32[5, 2]"});
  expectError(
      [] {
        jit([](auto x, auto y) { return matmul(x, y); })(f32({2, 3, 4}),
                                                         f32({3, 4, 2}));
      },
      {"matmul", "f32[2, 3, 4]", "f32[3, 4, 2]", "broadcast"});
  expectError(
      [] {
        jit([](auto x, auto y) { return matmul(x, y); })(f32({}), f32({3}));
      },
      {"matmul", "f32[]"});
}

TEST(DslErrors, ShapeManipulation) {
  expectError(
      [] {
        jit([](auto x) { return x.reshape({5, 2}); })(f32({3, 4}));
      },
      {"reshape", "f32[3, 4]", "[5, 2]"});
  expectError(
      [] {
        jit([](auto x) { return x.reshape({-1, -1}); })(f32({3, 4}));
      },
      {"reshape", "-1"});
  expectError(
      [] {
        jit([](auto x) { return x.reshape({5, -1}); })(f32({3, 4}));
      },
      {"reshape", "f32[3, 4]", "[5, -1]"});
  expectError(
      [] { jit([](auto x) {
             return broadcast_to(x, {3, 2});
           })(f32({3})); },
      {"broadcast_to", "f32[3]", "[3, 2]"});
  expectError(
      [] {
        jit([](auto x) { return broadcast_to(x, {4}); })(f32({2, 4}));
      },
      {"broadcast_to", "f32[2, 4]", "[4]"});
  expectError(
      [] {
        jit([](auto x) { return slice(x, {0, 0}, {4, 2}); })(f32({3, 4}));
      },
      {"slice", "f32[3, 4]", "limit [4, 2]"});
  expectError(
      [] {
        jit([](auto x) { return slice(x, {0}, {1}); })(f32({3, 4}));
      },
      {"slice", "one entry per axis", "f32[3, 4]"});
  expectError(
      [] { jit([](auto x) { return slice_axis(x, 0, 0, 2, 0); })(f32({3})); },
      {"slice_axis", "step"});
  expectError(
      [] {
        jit([](auto x, auto y) {
          return concat({x, y}, 0);
        })(f32({2, 3}), f32({2, 4}));
      },
      {"concat", "f32[2, 3]", "f32[2, 4]"});
  expectError([] { jit([](auto x) { return concat({x}, 0); })(f32({})); },
              {"concat", "rank-0"});
}

//===----------------------------------------------------------------------===//
// vmap
//===----------------------------------------------------------------------===//

TEST(DslErrors, VmapInAxesArity) {
  expectError(
      [] {
        jit(vmap([](auto x, auto y) { return x + y; }, in_axes(0)))(f32({3}),
                                                                    f32({3}));
      },
      {"vmap", "in_axes has 1 entries", "2 arguments"});
}

TEST(DslErrors, VmapAxisOutOfRange) {
  expectError(
      [] {
        jit(vmap([](auto x, auto y) { return x + y; }, in_axes(0, 2)))(
            f32({3, 4}), f32({3, 4}));
      },
      {"vmap", "in_axes[1] = 2", "argument 1", "f32[3, 4]"});
  expectError(
      [] {
        jit(vmap([](auto x) { return x; }, in_axes(-3)))(f32({3, 4}));
      },
      {"vmap", "in_axes[0] = -3", "f32[3, 4]"});
  expectError([] { jit(vmap([](auto x) { return x; }, in_axes(0)))(f32({})); },
              {"vmap", "f32[]", "rank 0"});
  expectError(
      [] {
        jit(vmap([](auto x) { return x; }, 0, out_axes(2)))(f32({3, 4}));
      },
      {"vmap", "out_axes[0] = 2", "f32[4]"});
}

TEST(DslErrors, VmapSizesDisagree) {
  expectError(
      [] {
        jit(vmap([](auto x, auto y) { return x + y; }))(f32({3, 4}),
                                                        f32({5, 4}));
      },
      {"vmap", "different sizes", "argument 0", "f32[3, 4]", "argument 1",
       "f32[5, 4]", "3", "5"});
  expectError(
      [] {
        jit(vmap([](auto x) { return x; }, 0, 0, 7))(f32({3, 4}));
      },
      {"vmap", "axis_size = 7", "f32[3, 4]", "size 3"});
}

TEST(DslErrors, VmapNothingMapped) {
  expectError([] { jit(vmap([](auto x) { return x; }, none))(f32({3})); },
              {"vmap", "no argument is mapped", "axis_size"});
}

TEST(DslErrors, VmapOutAxes) {
  expectError(
      [] {
        jit(vmap([](auto x) { return x * 2; }, 0, out_axes(0, 0)))(f32({3}));
      },
      {"vmap", "out_axes has 2 entries", "returns 1"});
  expectError(
      [] {
        jit(vmap([](auto x, auto w) { return x * w; }, in_axes(0, none),
                 out_axes(none)))(f32({3, 2}), f32({2}));
      },
      {"vmap", "out_axes[0] is none", "depends on a mapped argument"});
}

TEST(DslErrors, VmapErrorsInsideNestedFunctions) {
  // An error deep inside a nested vmap surfaces as the same exception and
  // leaves the thread able to trace again.
  auto bad = vmap(vmap([](auto x, auto y) { return dot(x, y); }));
  expectError(
      [&] {
        jit(bad)(f32({2, 3, 4}), f32({2, 3, 5}));
      },
      {"dot", "f32[4]", "f32[5]"});
  Array<float> ok = jit(vmap([](auto x) { return x + 1; }))(f32({2}));
  EXPECT_EQ(ok.shape(), (Shape{2}));
}

TEST(DslErrors, LeakedSymbolicArray) {
  std::optional<Expr<float>> leaked;
  jit([&](auto x) {
    leaked.emplace(x);
    return x;
  })(f32({3}));
  expectError([&] { jit([&](auto y) { return y + *leaked; })(f32({3})); },
              {"jit", "outside the trace", "f32[3]"});
}

//===----------------------------------------------------------------------===//
// Calls of compiled kernels
//===----------------------------------------------------------------------===//

TEST(DslErrors, CompiledCallChecksArguments) {
  auto k = jit([](auto x, auto y) { return x + y; });
  Array<float> a = f32({2, 3}), b = f32({2, 3});
  Compiled c = k.lower(a, b);
  Array<float> out({2, 3});
  c.call({a.tensor(), b.tensor()}, {out.tensor()});
  for (int64_t i = 0; i < 6; ++i)
    EXPECT_EQ(out.data()[i], a.data()[i] + b.data()[i]);

  expectError([&] { c.call({a.tensor()}, {out.tensor()}); },
              {"jit", "expected 2 arguments", "f32[2, 3]", "got 1"});
  Array<double> d({2, 3});
  expectError(
      [&] {
        c.call({a.tensor(), d.tensor()}, {out.tensor()});
      },
      {"jit", "argument 1", "f64[2, 3]", "f32[2, 3]"});
  Array<float> wrong({3, 2});
  expectError(
      [&] {
        c.call({a.tensor(), wrong.tensor()}, {out.tensor()});
      },
      {"jit", "argument 1", "f32[3, 2]", "f32[2, 3]"});
  expectError(
      [&] {
        c.call({a.tensor(), b.tensor()}, {});
      },
      {"jit", "expected 1 outputs", "got 0"});
  expectError(
      [&] {
        c.call({a.tensor(), b.tensor()}, {wrong.tensor()});
      },
      {"jit", "output 0", "f32[3, 2]"});
  expectError(
      [&] {
        c.call({a.tensor(), TensorRef(DType::F32, {2, 3}, nullptr)},
               {out.tensor()});
      },
      {"jit", "argument 1", "no data"});
}

} // namespace
