//===- Linalg.cpp - Small dense linear algebra in double ------------------===//
//
// The algorithms of Golub & Van Loan, written out plainly.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Reference/Linalg.h"

#include <cmath>
#include <limits>
#include <utility>

using namespace vmapc;

Matrix vmapc::transpose(const Matrix &m) {
  Matrix t(m.cols, m.rows);
  for (int64_t i = 0; i < m.rows; ++i)
    for (int64_t j = 0; j < m.cols; ++j)
      t.at(j, i) = m.at(i, j);
  return t;
}

Matrix vmapc::triangle(const Matrix &m, bool lower) {
  Matrix t(m.rows, m.cols);
  for (int64_t i = 0; i < m.rows; ++i)
    for (int64_t j = 0; j < m.cols; ++j)
      if (lower ? j <= i : j >= i)
        t.at(i, j) = m.at(i, j);
  return t;
}

Matrix vmapc::cholesky(const Matrix &a) {
  int64_t n = a.rows;
  Matrix l(n, n);
  for (int64_t j = 0; j < n; ++j) {
    double d = a.at(j, j);
    for (int64_t k = 0; k < j; ++k)
      d -= l.at(j, k) * l.at(j, k);
    // `!(d > 0)` also catches NaN: the matrix is not positive definite, and
    // like jnp.linalg.cholesky the whole factor is NaN.
    if (!(d > 0)) {
      for (double &v : l.data)
        v = std::numeric_limits<double>::quiet_NaN();
      return l;
    }
    l.at(j, j) = std::sqrt(d);
    for (int64_t i = j + 1; i < n; ++i) {
      double s = a.at(i, j);
      for (int64_t k = 0; k < j; ++k)
        s -= l.at(i, k) * l.at(j, k);
      l.at(i, j) = s / l.at(j, j);
    }
  }
  return l;
}

/// Index of the row at or below `col` with the largest |entry| in `col`.
static int64_t pivotRow(const Matrix &m, int64_t col) {
  int64_t best = col;
  for (int64_t i = col + 1; i < m.rows; ++i)
    if (std::fabs(m.at(i, col)) > std::fabs(m.at(best, col)))
      best = i;
  return best;
}

static void swapRows(Matrix &m, int64_t a, int64_t b) {
  for (int64_t j = 0; j < m.cols; ++j)
    std::swap(m.at(a, j), m.at(b, j));
}

Matrix vmapc::inverse(const Matrix &a) {
  int64_t n = a.rows;
  Matrix m = a;
  Matrix inv(n, n);
  for (int64_t i = 0; i < n; ++i)
    inv.at(i, i) = 1;
  for (int64_t col = 0; col < n; ++col) {
    int64_t p = pivotRow(m, col);
    swapRows(m, p, col);
    swapRows(inv, p, col);
    double pivot = m.at(col, col);
    for (int64_t j = 0; j < n; ++j) {
      m.at(col, j) /= pivot;
      inv.at(col, j) /= pivot;
    }
    for (int64_t i = 0; i < n; ++i) {
      if (i == col)
        continue;
      double f = m.at(i, col);
      for (int64_t j = 0; j < n; ++j) {
        m.at(i, j) -= f * m.at(col, j);
        inv.at(i, j) -= f * inv.at(col, j);
      }
    }
  }
  return inv;
}

double vmapc::determinant(const Matrix &a) {
  int64_t n = a.rows;
  Matrix m = a;
  double det = 1;
  for (int64_t col = 0; col < n; ++col) {
    int64_t p = pivotRow(m, col);
    if (m.at(p, col) == 0)
      return 0;
    if (p != col) {
      swapRows(m, p, col);
      det = -det;
    }
    det *= m.at(col, col);
    for (int64_t i = col + 1; i < n; ++i) {
      double f = m.at(i, col) / m.at(col, col);
      for (int64_t j = col; j < n; ++j)
        m.at(i, j) -= f * m.at(col, j);
    }
  }
  return det;
}

Matrix vmapc::solveTriangular(const Matrix &t, bool lower, const Matrix &b) {
  int64_t n = t.rows;
  Matrix x(b.rows, b.cols);
  for (int64_t c = 0; c < b.cols; ++c) {
    // Forward substitution for lower, backward for upper.
    for (int64_t step = 0; step < n; ++step) {
      int64_t i = lower ? step : n - 1 - step;
      double s = b.at(i, c);
      if (lower) {
        for (int64_t k = 0; k < i; ++k)
          s -= t.at(i, k) * x.at(k, c);
      } else {
        for (int64_t k = i + 1; k < n; ++k)
          s -= t.at(i, k) * x.at(k, c);
      }
      x.at(i, c) = s / t.at(i, i);
    }
  }
  return x;
}
