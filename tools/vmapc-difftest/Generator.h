//===- Generator.h - Random well-typed vmapc programs -----------*- C++ -*-===//
//
// The program model of vmapc-difftest. A program is a small call graph of
// func.func's: one public entry that is a `vmapc.vmap` (possibly of another
// vmap: nested batching) around a private body, and bodies that are random
// op chains which may themselves contain vmaps of further generated
// functions. The generator keeps its own typed model of every value (shape,
// element type, a bound on its magnitude, which arguments it depends on, and
// which class of ops produced it) instead of building MLIR directly, because
// that model is what makes the tests sound:
//  - the magnitude bound keeps every intermediate finite, so a tolerance
//    relative to it is meaningful (no inf - inf, no exp of 1e4);
//  - comparisons and float->int conversions are only generated on values the
//    compiled code must reproduce bit for bit, so a last-ulp difference in an
//    approximated exp can never flip a branch and fake a failure;
//  - the dependence sets say when `unit` is a legal out_axis.
// The model is emitted as MLIR text in generic form, so the tests do not
// depend on any custom assembly syntax, and a failing program is printed and
// saved as a plain .mlir file.
//
//===----------------------------------------------------------------------===//
#ifndef VMAPC_DIFFTEST_GENERATOR_H
#define VMAPC_DIFFTEST_GENERATOR_H

#include "vmapc/Support/HostTensor.h"

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace vmapc::difftest {

struct TType {
  DType dtype = DType::F32;
  std::vector<int64_t> shape;

  bool operator==(const TType &o) const {
    return dtype == o.dtype && shape == o.shape;
  }
  int64_t numElements() const { return numElementsOf(shape); }
  int64_t rank() const { return static_cast<int64_t>(shape.size()); }
  std::string str() const;
};

/// How closely compiled code must reproduce the reference evaluator for a
/// value, by the worst op on its path from the inputs.
enum class OpClass : uint8_t {
  /// Correctly rounded in both (add sub mul div sqrt max min neg abs,
  /// shape ops, selects, conversions, integer everything): bit-exact.
  Exact,
  /// Float sums in dot_general and reduce sum/prod: the compiled code
  /// reassociates (vector lanes, tiles), so rounding differs.
  Accumulate,
  /// exp log tanh logistic sin cos rsqrt pow: polynomial approximations in
  /// the compiled code, correctly rounded libm-grade values in the reference.
  Transcendental,
};

const char *opClassName(OpClass c);

struct Value {
  TType type;
  /// Upper bound of |element| (infinity when unknown, e.g. wrapping ints).
  double bound = 0;
  /// The largest bound of any value on a path from the inputs to this one:
  /// the magnitude rounding errors are relative to (cancellation).
  double scale = 0;
  OpClass cls = OpClass::Exact;
  /// Argument value ids this value depends on (sorted).
  std::vector<int> deps;
  /// Defined by an op (index into Function::ops), or an argument.
  int defOp = -1;
};

struct Op {
  std::string name; // "vmapc.add", ...
  std::vector<int> operands;
  std::vector<int> results;
  /// The generic attribute dictionary body, without braces ("" if none).
  std::string attrs;
  /// For vmapc.vmap: the callee's index in Program::functions.
  int callee = -1;
  /// For vmapc.vmap: the unbatched callee input per operand (-1 = unit) and
  /// the out axis per result (-1 = unit); kept so dependences can be
  /// recomputed after a reduction step.
  std::vector<int64_t> inAxes, outAxes;
};

struct Function {
  std::string name;
  bool isPublic = false;
  std::vector<int> args; // value ids
  std::vector<int> results;
  std::vector<Value> values;
  std::vector<Op> ops;
};

/// Tolerance of one entry result against the reference:
/// |compiled - reference| <= atol + rtol * |reference|.
struct Tolerance {
  double rtol = 0;
  /// The magnitude of the values the result was computed from (infinite
  /// when the model cannot bound it, e.g. a product of many integers).
  double scale = 1;
  OpClass cls = OpClass::Exact;

  /// rtol times the scale; 0 for an exact result whatever the scale (an
  /// unbounded scale times 0 was NaN, which failed every comparison).
  double atol() const { return rtol == 0 ? 0 : rtol * scale; }
};

struct Program {
  /// functions[entry] is the public entry point.
  std::vector<Function> functions;
  int entry = 0;
  /// Per entry result, from the model.
  std::vector<Tolerance> tolerances;
  /// Emitted as the entry's `attributes {...}` (without braces).
  std::string entryAttributes;

  /// The program as MLIR text (a sequence of func.func, no module braces).
  /// Every symbol carries `prefix` so many programs fit in one module.
  std::string emit(const std::string &prefix) const;
  const Function &entryFunction() const { return functions[entry]; }
  std::string entryName(const std::string &prefix) const {
    return prefix + functions[entry].name;
  }
  size_t numOps() const;
};

struct GeneratorOptions {
  /// Ops per function body (before helper ops such as safe denominators).
  int minOps = 2, maxOps = 8;
  /// Depth of vmaps inside bodies (0: only the wrapper vmaps).
  int maxInnerDepth = 1;
  /// Probability of a second vmap around the entry's vmap.
  double doubleWrapProbability = 0.3;
  /// Probability that a generated dimension has size 0.
  double zeroDimProbability = 0.0;
};

/// Generates one random program from `rng`.
Program generateProgram(std::mt19937_64 &rng, const GeneratorOptions &options);

/// Random input for an entry argument, consistent with the generator's
/// bounds (floats in [-2, 2], integers in [-4, 4]).
HostTensor randomInput(DType dtype, const std::vector<int64_t> &shape,
                       std::mt19937_64 &rng);

/// Recomputes every value's dependences, bound, scale and class, and the
/// entry tolerances. Returns false when the program became invalid (a
/// `unit` out_axis whose result now depends on a mapped input).
bool refreshModel(Program &program);

/// One reduction step: a list of smaller candidate programs (each an edit
/// of `program` that keeps it well typed), smallest edits last.
std::vector<Program> reductionCandidates(const Program &program);

} // namespace vmapc::difftest

#endif // VMAPC_DIFFTEST_GENERATOR_H
