//===- Linalg.h - Small dense linear algebra in double ----------*- C++ -*-===//
//
// Textbook algorithms on one small matrix at a time, for the reference
// evaluator's cholesky, inv, det and triangular_solve. Clarity over speed.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_REFERENCE_LINALG_H
#define VMAPC_REFERENCE_LINALG_H

#include <cstdint>
#include <vector>

namespace vmapc {

/// A dense row-major matrix of doubles.
struct Matrix {
  int64_t rows = 0, cols = 0;
  std::vector<double> data;

  Matrix(int64_t rows, int64_t cols)
      : rows(rows), cols(cols), data(rows * cols, 0.0) {}
  double &at(int64_t i, int64_t j) { return data[i * cols + j]; }
  double at(int64_t i, int64_t j) const { return data[i * cols + j]; }
};

Matrix transpose(const Matrix &m);

/// The lower (or upper) triangle of a square `m`, zeros elsewhere.
Matrix triangle(const Matrix &m, bool lower);

/// Lower Cholesky factor of a symmetric positive definite `a`, reading only
/// its lower triangle. All NaN when `a` is not positive definite.
Matrix cholesky(const Matrix &a);

/// Inverse by Gauss-Jordan elimination with partial pivoting. A singular
/// matrix gives non-finite entries (division by a zero pivot), never a trap.
Matrix inverse(const Matrix &a);

/// Determinant by LU with partial pivoting (0 for a singular matrix).
double determinant(const Matrix &a);

/// Solves T X = B for X, with T square and lower (or upper) triangular;
/// entries of T outside that triangle are not read.
Matrix solveTriangular(const Matrix &t, bool lower, const Matrix &b);

} // namespace vmapc

#endif // VMAPC_REFERENCE_LINALG_H
