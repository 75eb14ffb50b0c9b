//===- DslArrayTest.cpp - vmapc::Array and vmapc::ArrayView ---------------===//

#include "DslTestUtil.h"

#include <cstdint>

using namespace vmapc;

namespace {

TEST(DslArray, ShapeValuesAndRowMajorAccess) {
  Array<float> a({2, 3}, {1, 2, 3, 4, 5, 6});
  EXPECT_EQ(a.shape(), (Shape{2, 3}));
  EXPECT_EQ(a.ndim(), 2);
  EXPECT_EQ(a.size(), 6);
  EXPECT_EQ(a(0, 0), 1);
  EXPECT_EQ(a(0, 2), 3);
  EXPECT_EQ(a(1, 0), 4);
  a(1, 2) = 60;
  EXPECT_EQ(a.data()[5], 60);
  // SIMD-aligned storage.
  EXPECT_EQ(reinterpret_cast<uintptr_t>(a.data()) % 64, 0u);
}

TEST(DslArray, ZerosAndVectors) {
  Array<double> z({3, 2});
  for (double x : z)
    EXPECT_EQ(x, 0.0);
  std::vector<int32_t> v = {7, 8, 9};
  Array<int32_t> a({3}, v);
  EXPECT_EQ(a(2), 9);
  Array<double> s({}, {4.5});
  EXPECT_EQ(s.ndim(), 0);
  EXPECT_EQ(s.size(), 1);
  EXPECT_EQ(s(), 4.5);
}

TEST(DslArray, NestedLiterals) {
  Array<float> v = array<float>({1, 2, 3});
  EXPECT_EQ(v.shape(), (Shape{3}));
  Array<float> m = array<float>({{1, 2, 3}, {4, 5, 6}});
  EXPECT_EQ(m.shape(), (Shape{2, 3}));
  EXPECT_EQ(m(1, 1), 5);
  Array<int64_t> t = array<int64_t>({{{1, 2}, {3, 4}}, {{5, 6}, {7, 8}}});
  EXPECT_EQ(t.shape(), (Shape{2, 2, 2}));
  EXPECT_EQ(t(1, 0, 1), 6);
}

TEST(DslArray, CopiesAreDeepAndMovesAreCheap) {
  Array<float> a({2}, {1, 2});
  Array<float> b = a;
  b(0) = 10;
  EXPECT_EQ(a(0), 1);
  const float *p = b.data();
  Array<float> c = std::move(b);
  EXPECT_EQ(c.data(), p);
}

TEST(DslArray, ViewsAndRows) {
  std::vector<double> mem = {1, 2, 3, 4, 5, 6};
  ArrayView<double> v(mem.data(), {3, 2});
  EXPECT_EQ(v(2, 1), 6);
  v(0, 0) = -1;
  EXPECT_EQ(mem[0], -1);
  Array<double> a({3, 2}, {1, 2, 3, 4, 5, 6});
  ArrayView<double> r = a.row(1);
  EXPECT_EQ(r.shape(), (Shape{2}));
  EXPECT_EQ(r.data(), a.data() + 2);
  const Array<double> &ca = a;
  ArrayView<const double> cr = ca.row(2);
  EXPECT_EQ(cr(1), 6);
}

TEST(DslArray, BoolArrays) {
  Array<bool> b({3}, {true, false, true});
  EXPECT_TRUE(b(0));
  EXPECT_FALSE(b(1));
  EXPECT_EQ(b.tensor().dtype(), DType::I1);
}

} // namespace
