//===- Generator.cpp - Random well-typed vmapc programs -------------------===//
//
// Every op is described once, by `transfer`: given its operands' model
// values it says whether the op may be applied (the preconditions that keep
// the program finite and its comparisons exact) and what its result's
// interval and class are. Generation only creates ops `transfer` accepts,
// and reduction re-runs it over an edited program to reject edits that would
// break those guarantees, so a reduced program is as trustworthy as a
// generated one.
//
//===----------------------------------------------------------------------===//
#include "Generator.h"

#include "vmapc/Support/Npy.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

using namespace vmapc;
using namespace vmapc::difftest;

std::string TType::str() const { return formatTensorType(dtype, shape); }

const char *vmapc::difftest::opClassName(OpClass c) {
  switch (c) {
  case OpClass::Exact:
    return "exact";
  case OpClass::Accumulate:
    return "accumulate";
  case OpClass::Transcendental:
    return "transcendental";
  }
  return "?";
}

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();
/// Every float value stays within this magnitude: far from overflow, and
/// small enough that a tolerance relative to it is still a strong check.
constexpr double kMaxFloatMagnitude = 1e4;
/// Written for a `unit` axis in Op::inAxes / Op::outAxes.
constexpr int64_t kUnit = std::numeric_limits<int64_t>::min();

/// Relative tolerances of compiled code against the reference, per class
/// and element type; a result's rtol is the sum of its inexact ops' along
/// the worst path, and its atol that rtol times the value's scale (see
/// Value::scale).
///  - Accumulate: a K-term f32 sum in another order differs by about
///    K * 2^-24 of the sum of magnitudes; K stays below ~100 here.
///  - Transcendental: the f32 polynomial approximations are accurate to a
///    few ulp; their error is then scaled by the ops after them. f64 math
///    is not approximated (libm calls), so it is held to ~100 ulp.
double baseRtol(OpClass cls, DType t) {
  bool f32 = t == DType::F32;
  switch (cls) {
  case OpClass::Exact:
    return 0;
  case OpClass::Accumulate:
    return f32 ? 2e-5 : 1e-13;
  case OpClass::Transcendental:
    return f32 ? 1e-4 : 1e-12;
  }
  return 0;
}

enum class Kind {
  Add,
  Sub,
  Mul,
  Div,
  Max,
  Min,
  Pow,
  Neg,
  Abs,
  Exp,
  Log,
  Sqrt,
  Rsqrt,
  Tanh,
  Sin,
  Cos,
  Logistic,
  Compare,
  Select,
  Constant,
  Iota,
  Convert,
  Broadcast,
  Reshape,
  Transpose,
  Reduce,
  Dot,
  Slice,
  Concat,
  Vmap,
};

struct KindInfo {
  Kind kind;
  const char *name;
};

constexpr KindInfo kKinds[] = {
    {Kind::Add, "vmapc.add"},
    {Kind::Sub, "vmapc.sub"},
    {Kind::Mul, "vmapc.mul"},
    {Kind::Div, "vmapc.div"},
    {Kind::Max, "vmapc.max"},
    {Kind::Min, "vmapc.min"},
    {Kind::Pow, "vmapc.pow"},
    {Kind::Neg, "vmapc.neg"},
    {Kind::Abs, "vmapc.abs"},
    {Kind::Exp, "vmapc.exp"},
    {Kind::Log, "vmapc.log"},
    {Kind::Sqrt, "vmapc.sqrt"},
    {Kind::Rsqrt, "vmapc.rsqrt"},
    {Kind::Tanh, "vmapc.tanh"},
    {Kind::Sin, "vmapc.sin"},
    {Kind::Cos, "vmapc.cos"},
    {Kind::Logistic, "vmapc.logistic"},
    {Kind::Compare, "vmapc.compare"},
    {Kind::Select, "vmapc.select"},
    {Kind::Constant, "vmapc.constant"},
    {Kind::Iota, "vmapc.iota"},
    {Kind::Convert, "vmapc.convert"},
    {Kind::Broadcast, "vmapc.broadcast_in_dim"},
    {Kind::Reshape, "vmapc.reshape"},
    {Kind::Transpose, "vmapc.transpose"},
    {Kind::Reduce, "vmapc.reduce"},
    {Kind::Dot, "vmapc.dot_general"},
    {Kind::Slice, "vmapc.slice"},
    {Kind::Concat, "vmapc.concatenate"},
    {Kind::Vmap, "vmapc.vmap"},
};

Kind kindOf(const std::string &name) {
  for (const KindInfo &k : kKinds)
    if (name == k.name)
      return k.kind;
  return Kind::Constant;
}
const char *nameOf(Kind kind) {
  for (const KindInfo &k : kKinds)
    if (k.kind == kind)
      return k.name;
  return "?";
}

bool isFloatT(const TType &t) { return isFloat(t.dtype); }

/// An interval [lo, hi] of the values of a tensor.
struct Range {
  double lo = 0, hi = 0;
  double mag() const { return std::max(std::fabs(lo), std::fabs(hi)); }
  bool excludesZero() const { return lo > 0 || hi < 0; }
};

Range hull(std::initializer_list<double> xs) {
  Range r{kInf, -kInf};
  for (double x : xs) {
    if (std::isnan(x))
      return {-kInf, kInf};
    r.lo = std::min(r.lo, x);
    r.hi = std::max(r.hi, x);
  }
  return r;
}

/// The model of an op's single result (or of each vmap result).
struct Transfer {
  bool ok = false;
  Range range;
  OpClass cls = OpClass::Exact;
};

/// Integer intervals wrap on overflow; beyond this they are unknown.
Range clampInt(Range r) {
  if (r.mag() > 0x1p62)
    return {-kInf, kInf};
  return r;
}

/// Op-specific facts `transfer` needs beyond the operand models, parsed back
/// from the attribute text so edited programs need no side tables.
int64_t attrInt(const std::string &attrs, const std::string &key) {
  size_t at = attrs.find(key + " = ");
  if (at == std::string::npos)
    return 0;
  return std::stoll(attrs.substr(at + key.size() + 3));
}
std::vector<int64_t> attrArray(const std::string &attrs,
                               const std::string &key) {
  std::vector<int64_t> out;
  size_t at = attrs.find(key + " = array<i64");
  if (at == std::string::npos)
    return out;
  size_t p = at + key.size() + 3 + 9; // after "array<i64"
  if (attrs[p] == ':')
    ++p;
  size_t end = attrs.find('>', p);
  std::string body = attrs.substr(p, end - p);
  size_t q = 0;
  while (q < body.size()) {
    while (q < body.size() && (body[q] == ' ' || body[q] == ','))
      ++q;
    if (q >= body.size())
      break;
    size_t used = 0;
    out.push_back(std::stoll(body.substr(q), &used));
    q += used;
  }
  return out;
}
std::string attrString(const std::string &attrs, const std::string &key) {
  size_t at = attrs.find(key + " = \"");
  if (at == std::string::npos)
    return "";
  size_t p = at + key.size() + 4;
  return attrs.substr(p, attrs.find('"', p) - p);
}

/// Range and class of a constant from its attribute text (the generator only
/// writes literals that print exactly).
Range constantRange(const std::string &attrs) {
  Range r{kInf, -kInf};
  size_t p = attrs.find("dense<");
  size_t end = attrs.find('>', p);
  std::string body = attrs.substr(p + 6, end - p - 6);
  bool any = false;
  for (size_t q = 0; q < body.size();) {
    char c = body[q];
    if (c == 't' || c == 'f') {
      double v = c == 't' ? 1 : 0;
      r.lo = std::min(r.lo, v);
      r.hi = std::max(r.hi, v);
      any = true;
      q += c == 't' ? 4 : 5;
      continue;
    }
    if (c == '-' || std::isdigit(static_cast<unsigned char>(c))) {
      size_t used = 0;
      double v = std::stod(body.substr(q), &used);
      r.lo = std::min(r.lo, v);
      r.hi = std::max(r.hi, v);
      any = true;
      q += used;
      continue;
    }
    ++q;
  }
  return any ? r : Range{0, 0};
}

Transfer transfer(const Op &op, const std::vector<const Value *> &in,
                  const TType &resultType, const std::vector<Range> &inRanges) {
  Transfer t;
  Kind kind = kindOf(op.name);
  bool fl = isFloatT(resultType);
  OpClass worst = OpClass::Exact;
  for (const Value *v : in)
    worst = std::max(worst, v->cls);
  auto R = [&](size_t i) { return inRanges[i]; };
  auto finish = [&](Range r, OpClass own) {
    t.ok = true;
    if (fl) {
      if (!(r.mag() <= kMaxFloatMagnitude))
        t.ok = false;
    } else if (resultType.dtype != DType::I1) {
      r = clampInt(r);
    }
    t.range = r;
    t.cls = std::max(worst, own);
    return t;
  };
  switch (kind) {
  case Kind::Add:
    return finish({R(0).lo + R(1).lo, R(0).hi + R(1).hi}, OpClass::Exact);
  case Kind::Sub:
    return finish({R(0).lo - R(1).hi, R(0).hi - R(1).lo}, OpClass::Exact);
  case Kind::Mul: {
    Range a = R(0), b = R(1);
    if (!fl && (a.mag() == kInf || b.mag() == kInf))
      return finish({-kInf, kInf}, OpClass::Exact);
    return finish(hull({a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi}),
                  OpClass::Exact);
  }
  case Kind::Div: {
    Range a = R(0), b = R(1);
    if (!fl) // Truncating; |a / b| <= |a|, and a / 0 = -1.
      return finish({-std::max(a.mag(), 1.0), std::max(a.mag(), 1.0)},
                    OpClass::Exact);
    if (!b.excludesZero())
      return t;
    return finish(hull({a.lo / b.lo, a.lo / b.hi, a.hi / b.lo, a.hi / b.hi}),
                  OpClass::Exact);
  }
  case Kind::Max:
    return finish({std::max(R(0).lo, R(1).lo), std::max(R(0).hi, R(1).hi)},
                  OpClass::Exact);
  case Kind::Min:
    return finish({std::min(R(0).lo, R(1).lo), std::min(R(0).hi, R(1).hi)},
                  OpClass::Exact);
  case Kind::Pow: {
    Range a = R(0), b = R(1);
    if (a.lo <= 0 || a.hi > 100 || b.mag() > 4)
      return t;
    return finish(hull({std::pow(a.lo, b.lo), std::pow(a.lo, b.hi),
                        std::pow(a.hi, b.lo), std::pow(a.hi, b.hi)}),
                  OpClass::Transcendental);
  }
  case Kind::Neg:
    return finish({-R(0).hi, -R(0).lo}, OpClass::Exact);
  case Kind::Abs: {
    Range a = R(0);
    double lo = a.lo >= 0 ? a.lo : (a.hi <= 0 ? -a.hi : 0);
    return finish({lo, a.mag()}, OpClass::Exact);
  }
  case Kind::Exp:
    if (R(0).hi > 8)
      return t;
    return finish({std::exp(R(0).lo), std::exp(R(0).hi)},
                  OpClass::Transcendental);
  case Kind::Log:
    if (R(0).lo <= 0)
      return t;
    return finish({std::log(R(0).lo), std::log(R(0).hi)},
                  OpClass::Transcendental);
  case Kind::Sqrt:
    if (R(0).lo < 0)
      return t;
    return finish({std::sqrt(R(0).lo), std::sqrt(R(0).hi)}, OpClass::Exact);
  case Kind::Rsqrt:
    if (R(0).lo <= 0)
      return t;
    return finish({1 / std::sqrt(R(0).hi), 1 / std::sqrt(R(0).lo)},
                  OpClass::Transcendental);
  case Kind::Tanh:
    return finish({std::tanh(R(0).lo), std::tanh(R(0).hi)},
                  OpClass::Transcendental);
  case Kind::Logistic:
    return finish({1 / (1 + std::exp(-R(0).lo)), 1 / (1 + std::exp(-R(0).hi))},
                  OpClass::Transcendental);
  case Kind::Sin:
  case Kind::Cos:
    if (R(0).mag() > 100)
      return t;
    return finish({-1, 1}, OpClass::Transcendental);
  case Kind::Compare:
    // A comparison of inexact floats could flip on a last-ulp difference.
    if (worst != OpClass::Exact)
      return t;
    return finish({0, 1}, OpClass::Exact);
  case Kind::Select:
    return finish({std::min(R(1).lo, R(2).lo), std::max(R(1).hi, R(2).hi)},
                  OpClass::Exact);
  case Kind::Constant:
    return finish(constantRange(op.attrs), OpClass::Exact);
  case Kind::Iota: {
    int64_t dim = attrInt(op.attrs, "dimension");
    return finish({0, double(std::max<int64_t>(resultType.shape[dim] - 1, 0))},
                  OpClass::Exact);
  }
  case Kind::Convert: {
    const TType &from = in[0]->type;
    Range a = R(0);
    if (resultType.dtype == DType::I1)
      return worst == OpClass::Exact ? finish({0, 1}, OpClass::Exact) : t;
    if (isFloatT(from) && !fl) {
      // Truncation of an inexact float could land on the other integer.
      if (worst != OpClass::Exact)
        return t;
      return finish({std::trunc(a.lo), std::trunc(a.hi)}, OpClass::Exact);
    }
    if (!isFloatT(from) && fl) {
      // Beyond 2^24 (f32) or 2^53 (f64) the conversion rounds.
      double exactLimit = resultType.dtype == DType::F32 ? 0x1p24 : 0x1p53;
      if (!(a.mag() <= exactLimit))
        return t;
    }
    return finish(a, OpClass::Exact);
  }
  case Kind::Broadcast:
  case Kind::Reshape:
  case Kind::Transpose:
  case Kind::Slice:
    return finish(R(0), OpClass::Exact);
  case Kind::Concat: {
    Range r = R(0);
    for (size_t i = 1; i < in.size(); ++i)
      r = {std::min(r.lo, R(i).lo), std::max(r.hi, R(i).hi)};
    return finish(r, OpClass::Exact);
  }
  case Kind::Reduce: {
    std::string k = attrString(op.attrs, "kind");
    std::vector<int64_t> dims = attrArray(op.attrs, "dimensions");
    double n = 1;
    for (int64_t d : dims)
      n *= double(in[0]->type.shape[d]);
    Range a = R(0);
    // An empty reduction gives the identity.
    Range withIdentity = [&](double id) {
      return n == 0 ? Range{id, id} : Range{a.lo, a.hi};
    }(0);
    if (k == "max" || k == "min") {
      if (n == 0) {
        // The identity of max/min is -inf/+inf for floats, INT_MIN/MAX for
        // ints: keep floats finite by refusing it.
        if (fl)
          return t;
        return finish({-kInf, kInf}, OpClass::Exact);
      }
      return finish(withIdentity, OpClass::Exact);
    }
    if (k == "sum")
      return finish({std::min(0.0, n * a.lo), std::max(0.0, n * a.hi)},
                    fl && n > 2 ? OpClass::Accumulate : OpClass::Exact);
    double m = std::pow(a.mag(), n);
    return finish({-std::max(m, 1.0), std::max(m, 1.0)},
                  fl && n > 2 ? OpClass::Accumulate : OpClass::Exact);
  }
  case Kind::Dot: {
    std::vector<int64_t> lc = attrArray(op.attrs, "lhs_contracting_dimensions");
    double k = 1;
    for (int64_t d : lc)
      k *= double(in[0]->type.shape[d]);
    Range a = R(0), b = R(1);
    if (!fl && (a.mag() == kInf || b.mag() == kInf))
      return finish({-kInf, kInf}, OpClass::Exact);
    Range p = hull({a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi});
    return finish({std::min(0.0, k * p.lo), std::max(0.0, k * p.hi)},
                  fl && k > 1 ? OpClass::Accumulate : OpClass::Exact);
  }
  case Kind::Vmap:
    break; // Handled by the caller: one model per callee result.
  }
  return t;
}

/// True for the ops whose float results the compiled code computes
/// differently from the reference (reassociated sums, approximations).
bool isInexactOp(const Op &op) {
  switch (kindOf(op.name)) {
  case Kind::Dot:
    return true;
  case Kind::Reduce: {
    std::string k = attrString(op.attrs, "kind");
    return k == "sum" || k == "prod";
  }
  case Kind::Exp:
  case Kind::Log:
  case Kind::Rsqrt:
  case Kind::Tanh:
  case Kind::Sin:
  case Kind::Cos:
  case Kind::Logistic:
  case Kind::Pow:
    return true;
  default:
    return false;
  }
}

/// The relative error one op may add in compiled code: an approximation's
/// few ulp, or for a sum of n terms reassociated n ulp of the magnitude.
double opRtol(const Op &op, const std::vector<const Value *> &in,
              const TType &resultType) {
  if (!isInexactOp(op))
    return 0;
  Kind kind = kindOf(op.name);
  if (kind != Kind::Dot && kind != Kind::Reduce)
    return baseRtol(OpClass::Transcendental, resultType.dtype);
  std::vector<int64_t> dims =
      attrArray(op.attrs, kind == Kind::Dot ? "lhs_contracting_dimensions"
                                            : "dimensions");
  double n = 1;
  for (int64_t d : dims)
    n *= double(in[0]->type.shape[d]);
  double ulp = resultType.dtype == DType::F32 ? 0x1p-24 : 0x1p-53;
  return std::max(baseRtol(OpClass::Accumulate, resultType.dtype), 2 * n * ulp);
}

void mergeDeps(std::vector<int> &into, const std::vector<int> &from) {
  std::vector<int> merged;
  std::set_union(into.begin(), into.end(), from.begin(), from.end(),
                 std::back_inserter(merged));
  into = std::move(merged);
}

//===----------------------------------------------------------------------===//
// Model refresh (shared by generation and reduction)
//===----------------------------------------------------------------------===//

/// Per value: interval and relative error budget (the sum, along the worst
/// path from the inputs, of the tolerance of each inexact op at the element
/// type it computed in: an f32 exp feeding a convert to f64 keeps its f32
/// error), kept outside Value so Value stays a plain description.
struct Model {
  std::vector<std::vector<Range>> ranges;
  std::vector<std::vector<double>> depth;
};

/// Args of function `f` start from their generated range: floats [-2, 2],
/// ints [-4, 4], i1 [0, 1] (randomInput's distribution).
Range inputRange(const TType &t) {
  if (t.dtype == DType::I1)
    return {0, 1};
  if (isFloat(t.dtype))
    return {-2, 2};
  return {-4, 4};
}

/// Refreshes function `fi` (its callees must be done). Returns false if an op
/// is no longer acceptable.
bool refreshFunction(Program &p, size_t fi, Model &m,
                     std::vector<std::vector<std::vector<int>>> &resultArgPos) {
  Function &f = p.functions[fi];
  m.ranges[fi].assign(f.values.size(), Range{});
  m.depth[fi].assign(f.values.size(), 0);
  auto &ranges = m.ranges[fi];
  auto &depth = m.depth[fi];
  for (int a : f.args) {
    Value &v = f.values[a];
    v.deps = {a};
    v.cls = OpClass::Exact;
    ranges[a] = inputRange(v.type);
    v.bound = ranges[a].mag();
    v.scale = v.bound;
    v.defOp = -1;
  }
  for (size_t oi = 0; oi < f.ops.size(); ++oi) {
    Op &op = f.ops[oi];
    std::vector<const Value *> in;
    std::vector<Range> inRanges;
    double scale = 0;
    double inDepth = 0;
    std::vector<int> deps;
    for (int o : op.operands) {
      in.push_back(&f.values[o]);
      inRanges.push_back(ranges[o]);
      scale = std::max(scale, f.values[o].scale);
      inDepth = std::max(inDepth, depth[o]);
      mergeDeps(deps, f.values[o].deps);
    }
    if (kindOf(op.name) == Kind::Vmap) {
      // Each result depends on the operands its callee result depends on,
      // with the callee's model (callee args assumed in input ranges, which
      // the operands must then respect).
      const Function &callee = p.functions[op.callee];
      for (size_t i = 0; i < op.operands.size(); ++i) {
        Range need = inputRange(callee.values[callee.args[i]].type);
        Range have = ranges[op.operands[i]];
        if (have.lo < need.lo || have.hi > need.hi)
          return false;
      }
      for (size_t r = 0; r < op.results.size(); ++r) {
        const Value &cres = callee.values[callee.results[r]];
        Value &v = f.values[op.results[r]];
        v.defOp = int(oi);
        v.deps.clear();
        bool dependsOnMapped = false;
        for (int pos : resultArgPos[op.callee][r]) {
          mergeDeps(v.deps, f.values[op.operands[pos]].deps);
          if (op.inAxes[pos] != kUnit)
            dependsOnMapped = true;
        }
        if (op.outAxes[r] == kUnit && dependsOnMapped)
          return false;
        v.cls = cres.cls;
        for (const Value *x : in)
          v.cls = std::max(v.cls, x->cls);
        ranges[op.results[r]] = m.ranges[op.callee][callee.results[r]];
        v.bound = ranges[op.results[r]].mag();
        v.scale = std::max(scale, cres.scale);
        depth[op.results[r]] = inDepth + m.depth[op.callee][callee.results[r]];
      }
      continue;
    }
    Value &v = f.values[op.results[0]];
    Transfer t = transfer(op, in, v.type, inRanges);
    if (!t.ok)
      return false;
    v.defOp = int(oi);
    v.deps = deps;
    v.cls = t.cls;
    ranges[op.results[0]] = t.range;
    v.bound = t.range.mag();
    v.scale = std::max(scale, v.bound);
    // Each op that rounds differently in compiled code adds one step of
    // error to the values after it.
    depth[op.results[0]] =
        inDepth + (isFloatT(v.type) ? opRtol(op, in, v.type) : 0);
  }
  // Which argument positions each result depends on.
  resultArgPos[fi].clear();
  for (int r : f.results) {
    std::vector<int> pos;
    for (size_t i = 0; i < f.args.size(); ++i)
      if (std::binary_search(f.values[r].deps.begin(), f.values[r].deps.end(),
                             f.args[i]))
        pos.push_back(int(i));
    resultArgPos[fi].push_back(pos);
  }
  return true;
}

} // namespace

bool vmapc::difftest::refreshModel(Program &p) {
  Model m;
  m.ranges.resize(p.functions.size());
  m.depth.resize(p.functions.size());
  std::vector<std::vector<std::vector<int>>> resultArgPos(p.functions.size());
  // Callees first (an inner function is generated after its caller).
  std::vector<bool> done(p.functions.size());
  std::function<bool(size_t)> visit = [&](size_t fi) {
    if (done[fi])
      return true;
    done[fi] = true;
    for (const Op &op : p.functions[fi].ops)
      if (op.callee >= 0 && !visit(op.callee))
        return false;
    return refreshFunction(p, fi, m, resultArgPos);
  };
  for (size_t fi = 0; fi < p.functions.size(); ++fi)
    if (!visit(fi))
      return false;
  const Function &e = p.entryFunction();
  p.tolerances.clear();
  for (int r : e.results) {
    const Value &v = e.values[r];
    Tolerance tol;
    tol.cls = isFloat(v.type.dtype) ? v.cls : OpClass::Exact;
    double rtol = m.depth[p.entry][r];
    tol.rtol = rtol;
    tol.scale = std::max(1.0, v.scale);
    p.tolerances.push_back(tol);
  }
  return true;
}

size_t Program::numOps() const {
  size_t n = 0;
  for (const Function &f : functions)
    n += f.ops.size();
  return n;
}

//===----------------------------------------------------------------------===//
// Emission
//===----------------------------------------------------------------------===//

namespace {

std::string i64Array(const std::vector<int64_t> &xs) {
  std::string s = "array<i64";
  for (size_t i = 0; i < xs.size(); ++i)
    s += (i ? ", " : ": ") + std::to_string(xs[i]);
  return s + ">";
}

std::string axesAttr(const std::vector<int64_t> &axes) {
  std::string s = "[";
  for (size_t i = 0; i < axes.size(); ++i) {
    s += i ? ", " : "";
    s += axes[i] == kUnit ? "unit" : std::to_string(axes[i]) + " : i64";
  }
  return s + "]";
}

/// Functions reachable from the entry, callees first.
std::vector<int> reachable(const Program &p) {
  std::vector<bool> seen(p.functions.size());
  std::vector<int> order;
  std::function<void(int)> visit = [&](int fi) {
    if (seen[fi])
      return;
    seen[fi] = true;
    for (const Op &op : p.functions[fi].ops)
      if (op.callee >= 0)
        visit(op.callee);
    order.push_back(fi);
  };
  visit(p.entry);
  return order;
}

} // namespace

std::string Program::emit(const std::string &prefix) const {
  std::string out;
  llvm::raw_string_ostream os(out);
  for (int fi : reachable(*this)) {
    const Function &f = functions[fi];
    auto name = [&](int v) { return "%v" + std::to_string(v); };
    os << "func.func " << (f.isPublic ? "" : "private ") << "@" << prefix
       << f.name << "(";
    for (size_t i = 0; i < f.args.size(); ++i)
      os << (i ? ", " : "") << name(f.args[i]) << ": "
         << f.values[f.args[i]].type.str();
    os << ") -> (";
    for (size_t i = 0; i < f.results.size(); ++i)
      os << (i ? ", " : "") << f.values[f.results[i]].type.str();
    os << ")";
    if (fi == entry && !entryAttributes.empty())
      os << " attributes {" << entryAttributes << "}";
    os << " {\n";
    for (const Op &op : f.ops) {
      os << "  ";
      for (size_t i = 0; i < op.results.size(); ++i)
        os << (i ? ", " : "") << name(op.results[i]);
      os << " = \"" << op.name << "\"(";
      for (size_t i = 0; i < op.operands.size(); ++i)
        os << (i ? ", " : "") << name(op.operands[i]);
      os << ")";
      if (op.callee >= 0) {
        os << " {callee = @" << prefix << functions[op.callee].name
           << ", in_axes = " << axesAttr(op.inAxes)
           << ", out_axes = " << axesAttr(op.outAxes);
        if (!op.attrs.empty())
          os << ", " << op.attrs;
        os << "}";
      } else if (!op.attrs.empty()) {
        os << " {" << op.attrs << "}";
      }
      os << " : (";
      for (size_t i = 0; i < op.operands.size(); ++i)
        os << (i ? ", " : "") << f.values[op.operands[i]].type.str();
      os << ") -> ";
      if (op.results.size() == 1) {
        os << f.values[op.results[0]].type.str();
      } else {
        os << "(";
        for (size_t i = 0; i < op.results.size(); ++i)
          os << (i ? ", " : "") << f.values[op.results[i]].type.str();
        os << ")";
      }
      os << "\n";
    }
    os << "  \"func.return\"(";
    for (size_t i = 0; i < f.results.size(); ++i)
      os << (i ? ", " : "") << name(f.results[i]);
    os << ") : (";
    for (size_t i = 0; i < f.results.size(); ++i)
      os << (i ? ", " : "") << f.values[f.results[i]].type.str();
    os << ") -> ()\n}\n";
  }
  return out;
}

//===----------------------------------------------------------------------===//
// Generation
//===----------------------------------------------------------------------===//

namespace {

class Builder {
public:
  Builder(std::mt19937_64 &rng, const GeneratorOptions &options, Program &p)
      : rng(rng), options(options), p(p) {}

  /// Generates a body function with random ops; returns its index.
  int genBody(int innerDepth, const std::string &name);
  /// Wraps function `callee` in a vmap with random axes; returns the new
  /// function's index.
  int genWrapper(int callee, const std::string &name);

private:
  // Random helpers.
  bool coin(double p) { return std::bernoulli_distribution(p)(rng); }
  int64_t uniform(int64_t lo, int64_t hi) {
    return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
  }
  template <typename T> const T &pick(const std::vector<T> &xs) {
    return xs[uniform(0, int64_t(xs.size()) - 1)];
  }
  int64_t randomDim() {
    if (options.zeroDimProbability > 0 && coin(options.zeroDimProbability))
      return 0;
    static const std::vector<int64_t> dims = {1, 2, 2, 3, 3, 4, 4, 5, 8, 17};
    return pick(dims);
  }
  std::vector<int64_t> randomShape(int64_t maxRank = 3) {
    std::vector<int64_t> s(uniform(0, maxRank));
    for (int64_t &d : s)
      d = randomDim();
    return s;
  }
  DType randomDType() {
    static const std::vector<DType> ts = {DType::F32, DType::F32, DType::F32,
                                          DType::F64, DType::I32, DType::I64};
    return pick(ts);
  }

  // Value creation in the current function.
  Function &fn() { return p.functions[cur]; }
  int newValue(const TType &t) {
    Value v;
    v.type = t;
    fn().values.push_back(v);
    return int(fn().values.size()) - 1;
  }
  int newArg(const TType &t) {
    int v = newValue(t);
    fn().args.push_back(v);
    refreshValue(-1, v);
    return v;
  }
  /// Appends an op with one result of type `t`; returns the result or -1
  /// (and removes the op) when the model rejects it.
  int addOp(Kind kind, std::vector<int> operands, const TType &t,
            std::string attrs = "") {
    Op op;
    op.name = nameOf(kind);
    op.operands = std::move(operands);
    op.attrs = std::move(attrs);
    int v = newValue(t);
    op.results = {v};
    fn().ops.push_back(op);
    if (!refreshValue(int(fn().ops.size()) - 1, v)) {
      fn().ops.pop_back();
      fn().values.pop_back();
      return -1;
    }
    return v;
  }
  /// Runs the model for one new value.
  bool refreshValue(int opIndex, int v);

  /// A value of type `t`: an existing one, a new argument or a constant.
  int valueOfType(const TType &t);
  int constant(const TType &t, bool splatOne = false);
  /// The values of the current function whose type satisfies `pred`.
  template <typename Pred> std::vector<int> candidates(Pred pred) {
    std::vector<int> out;
    for (size_t i = 0; i < fn().values.size(); ++i)
      if (pred(fn().values[i]))
        out.push_back(int(i));
    return out;
  }
  /// One random op on top of the current values; false if none was made.
  bool genOp(int innerDepth);
  int genUnary(int x);
  int genBinary(int x);
  int genShapeOp(int x);
  int genReduce(int x);
  int genDot(int x);
  int genCompareSelect(int x);
  int genConvert(int x);
  int genConcat(int x);
  int genInnerVmap(int innerDepth);

  /// A vmap op in the current function around `callee`, with operands made
  /// by `operandOfType`; returns the op's index.
  int addVmap(int callee, bool asWrapper);

  std::mt19937_64 &rng;
  const GeneratorOptions &options;
  Program &p;
  int cur = -1;
  int functionCounter = 0;
  Model model;
  std::vector<std::vector<std::vector<int>>> resultArgPos;
};

bool Builder::refreshValue(int opIndex, int v) {
  // Refreshing the whole function is cheap at these sizes and keeps one
  // source of truth for the model.
  (void)opIndex;
  (void)v;
  if (model.ranges.size() < p.functions.size()) {
    model.ranges.resize(p.functions.size());
    model.depth.resize(p.functions.size());
    resultArgPos.resize(p.functions.size());
  }
  // Results are set at the end; refresh with none.
  return refreshFunction(p, cur, model, resultArgPos);
}

int Builder::constant(const TType &t, bool splatOne) {
  std::string lit;
  auto elem = [&]() -> std::string {
    if (t.dtype == DType::I1)
      return coin(0.5) ? "true" : "false";
    if (isFloat(t.dtype)) {
      // Multiples of 1/4 in [-2, 2] print exactly.
      double v = double(uniform(-8, 8)) / 4;
      char buf[32];
      snprintf(buf, sizeof(buf), "%.2f", v);
      return buf;
    }
    return std::to_string(uniform(-4, 4));
  };
  if (splatOne) {
    lit = isFloat(t.dtype) ? "1.0" : (t.dtype == DType::I1 ? "true" : "1");
  } else if (t.numElements() == 0 || coin(0.3)) {
    lit = elem();
  } else {
    std::function<std::string(size_t)> nest = [&](size_t d) -> std::string {
      if (d == t.shape.size())
        return elem();
      std::string s = "[";
      for (int64_t i = 0; i < t.shape[d]; ++i)
        s += (i ? ", " : "") + nest(d + 1);
      return s + "]";
    };
    lit = nest(0);
  }
  return addOp(Kind::Constant, {}, t,
               "value = dense<" + lit + "> : " + t.str());
}

int Builder::valueOfType(const TType &t) {
  std::vector<int> same =
      candidates([&](const Value &v) { return v.type == t; });
  if (!same.empty() && coin(0.6))
    return pick(same);
  // Broadcast a smaller value of the same element type into `t`.
  if (coin(0.3) && t.rank() > 0) {
    std::vector<int> smaller = candidates([&](const Value &v) {
      return v.type.dtype == t.dtype && v.type.rank() < t.rank();
    });
    if (!smaller.empty()) {
      int src = pick(smaller);
      const TType st = fn().values[src].type;
      // Greedy in-order matching of source dims onto result dims.
      std::vector<int64_t> dims;
      int64_t j = 0;
      for (int64_t i = 0; i < st.rank() && j < t.rank(); ++i) {
        while (j < t.rank() && st.shape[i] != 1 && st.shape[i] != t.shape[j])
          ++j;
        if (j < t.rank())
          dims.push_back(j++);
      }
      if (int64_t(dims.size()) == st.rank()) {
        int v = addOp(Kind::Broadcast, {src}, t,
                      "broadcast_dimensions = " + i64Array(dims));
        if (v >= 0)
          return v;
      }
    }
  }
  if (coin(0.75))
    return newArg(t);
  return constant(t);
}

int Builder::genUnary(int x) {
  const TType t = fn().values[x].type;
  if (t.dtype == DType::I1)
    return -1;
  if (!isFloat(t.dtype))
    return addOp(coin(0.5) ? Kind::Neg : Kind::Abs, {x}, t);
  switch (uniform(0, 10)) {
  case 0:
    return addOp(Kind::Neg, {x}, t);
  case 1:
    return addOp(Kind::Abs, {x}, t);
  case 2:
    return addOp(Kind::Exp, {x}, t);
  case 3: { // log(|x| + 1)
    int a = addOp(Kind::Abs, {x}, t);
    int one = constant(t, /*splatOne=*/true);
    int s = a >= 0 && one >= 0 ? addOp(Kind::Add, {a, one}, t) : -1;
    return s >= 0 ? addOp(Kind::Log, {s}, t) : -1;
  }
  case 4: {
    int a = addOp(Kind::Abs, {x}, t);
    return a >= 0 ? addOp(Kind::Sqrt, {a}, t) : -1;
  }
  case 5: {
    int a = addOp(Kind::Abs, {x}, t);
    int one = constant(t, true);
    int s = a >= 0 && one >= 0 ? addOp(Kind::Add, {a, one}, t) : -1;
    return s >= 0 ? addOp(Kind::Rsqrt, {s}, t) : -1;
  }
  case 6:
    return addOp(Kind::Tanh, {x}, t);
  case 7:
    return addOp(Kind::Sin, {x}, t);
  case 8:
    return addOp(Kind::Cos, {x}, t);
  case 9:
    return addOp(Kind::Logistic, {x}, t);
  default: { // pow(|x| + 1, tanh(y) * 2) style: base > 0, bounded exponent.
    int a = addOp(Kind::Abs, {x}, t);
    int one = constant(t, true);
    int base = a >= 0 && one >= 0 ? addOp(Kind::Add, {a, one}, t) : -1;
    int y = valueOfType(t);
    int e = y >= 0 ? addOp(Kind::Tanh, {y}, t) : -1;
    return base >= 0 && e >= 0 ? addOp(Kind::Pow, {base, e}, t) : -1;
  }
  }
}

int Builder::genBinary(int x) {
  const TType t = fn().values[x].type;
  if (t.dtype == DType::I1)
    return -1;
  int y = valueOfType(t);
  if (y < 0)
    return -1;
  static const Kind kinds[] = {Kind::Add, Kind::Sub, Kind::Mul,
                               Kind::Div, Kind::Max, Kind::Min};
  Kind k = kinds[uniform(0, 5)];
  if (coin(0.5))
    std::swap(x, y);
  if (k == Kind::Div && isFloat(t.dtype)) {
    // x / (|y| + 1): a denominator away from zero keeps values finite.
    int a = addOp(Kind::Abs, {y}, t);
    int one = constant(t, true);
    int d = a >= 0 && one >= 0 ? addOp(Kind::Add, {a, one}, t) : -1;
    return d >= 0 ? addOp(Kind::Div, {x, d}, t) : -1;
  }
  return addOp(k, {x, y}, t);
}

/// A random factorization of `n` into `rank` dims (n = 0 puts the 0 in a
/// random dim).
std::vector<int64_t> factorize(int64_t n, int64_t rank, std::mt19937_64 &rng) {
  std::vector<int64_t> dims(rank, 1);
  if (rank == 0)
    return dims;
  auto at = [&] {
    return std::uniform_int_distribution<int64_t>(0, rank - 1)(rng);
  };
  if (n == 0) {
    dims[at()] = 0;
    for (int64_t &d : dims)
      if (d != 0 && std::bernoulli_distribution(0.3)(rng))
        d = 2;
    return dims;
  }
  for (int64_t f = 2; n > 1;) {
    if (n % f == 0) {
      dims[at()] *= f;
      n /= f;
    } else {
      ++f;
    }
  }
  return dims;
}

int Builder::genShapeOp(int x) {
  const TType t = fn().values[x].type;
  switch (uniform(0, 3)) {
  case 0: { // transpose
    if (t.rank() < 2)
      return -1;
    std::vector<int64_t> perm(t.rank());
    std::iota(perm.begin(), perm.end(), 0);
    std::shuffle(perm.begin(), perm.end(), rng);
    TType r{t.dtype, {}};
    for (int64_t d : perm)
      r.shape.push_back(t.shape[d]);
    return addOp(Kind::Transpose, {x}, r, "permutation = " + i64Array(perm));
  }
  case 1: { // reshape
    int64_t n = t.numElements();
    int64_t rank = n == 1 ? uniform(0, 2) : uniform(1, 3);
    TType r{t.dtype, factorize(n, rank, rng)};
    return addOp(Kind::Reshape, {x}, r);
  }
  case 2: { // broadcast_in_dim: new dims, size-1 dims expanded
    int64_t extra = uniform(0, 2);
    if (t.rank() + extra > 4)
      extra = std::max<int64_t>(0, 4 - t.rank());
    int64_t rank = t.rank() + extra;
    std::vector<int64_t> dims(rank);
    std::iota(dims.begin(), dims.end(), 0);
    std::shuffle(dims.begin(), dims.end(), rng);
    dims.resize(t.rank());
    std::sort(dims.begin(), dims.end());
    TType r{t.dtype, std::vector<int64_t>(rank)};
    for (int64_t &d : r.shape)
      d = randomDim();
    for (int64_t i = 0; i < t.rank(); ++i)
      r.shape[dims[i]] =
          t.shape[i] == 1 && coin(0.5) ? r.shape[dims[i]] : t.shape[i];
    if (r.numElements() > 4096)
      return -1;
    return addOp(Kind::Broadcast, {x}, r,
                 "broadcast_dimensions = " + i64Array(dims));
  }
  default: { // slice
    if (t.rank() == 0)
      return -1;
    std::vector<int64_t> start, limit, strides;
    TType r{t.dtype, {}};
    for (int64_t s : t.shape) {
      int64_t a = s == 0 ? 0 : uniform(0, s - 1);
      int64_t b =
          s == 0 ? 0
                 : uniform(a + (coin(options.zeroDimProbability) ? 0 : 1), s);
      int64_t st = uniform(1, 3);
      start.push_back(a);
      limit.push_back(b);
      strides.push_back(st);
      r.shape.push_back((b - a + st - 1) / st);
    }
    return addOp(Kind::Slice, {x}, r,
                 "start_indices = " + i64Array(start) + ", limit_indices = " +
                     i64Array(limit) + ", strides = " + i64Array(strides));
  }
  }
}

int Builder::genReduce(int x) {
  const TType t = fn().values[x].type;
  if (t.rank() == 0 || t.dtype == DType::I1)
    return -1;
  std::vector<int64_t> dims;
  for (int64_t d = 0; d < t.rank(); ++d)
    if (coin(0.5))
      dims.push_back(d);
  if (dims.empty())
    dims.push_back(uniform(0, t.rank() - 1));
  if (coin(0.3))
    std::shuffle(dims.begin(), dims.end(), rng);
  static const char *kinds[] = {"sum", "sum", "max", "min", "prod"};
  std::string kind = kinds[uniform(0, 4)];
  TType r{t.dtype, {}};
  for (int64_t d = 0; d < t.rank(); ++d)
    if (!llvm::is_contained(dims, d))
      r.shape.push_back(t.shape[d]);
  return addOp(Kind::Reduce, {x}, r,
               "dimensions = " + i64Array(dims) + ", kind = \"" + kind + "\"");
}

int Builder::genDot(int x) {
  const TType lt = fn().values[x].type;
  if (lt.dtype == DType::I1)
    return -1;
  std::vector<int64_t> free(lt.rank());
  std::iota(free.begin(), free.end(), 0);
  std::shuffle(free.begin(), free.end(), rng);
  std::vector<int64_t> lb, lc;
  size_t nb = free.empty() ? 0 : uniform(0, std::min<int64_t>(1, free.size()));
  for (size_t i = 0; i < nb; ++i)
    lb.push_back(free[i]);
  size_t nc = uniform(0, std::min<int64_t>(2, free.size() - nb));
  for (size_t i = 0; i < nc; ++i)
    lc.push_back(free[nb + i]);
  int64_t lhsFree = lt.rank() - int64_t(nb + nc);
  int64_t rhsFree = uniform(0, std::max<int64_t>(0, 2 - lhsFree));
  // The rhs: batch dims, contracting dims and free dims in random order.
  int64_t rrank = int64_t(nb + nc) + rhsFree;
  std::vector<int64_t> slots(rrank);
  std::iota(slots.begin(), slots.end(), 0);
  std::shuffle(slots.begin(), slots.end(), rng);
  TType rt{lt.dtype, std::vector<int64_t>(rrank)};
  std::vector<int64_t> rb, rc;
  for (size_t i = 0; i < nb; ++i) {
    rb.push_back(slots[i]);
    rt.shape[slots[i]] = lt.shape[lb[i]];
  }
  for (size_t i = 0; i < nc; ++i) {
    rc.push_back(slots[nb + i]);
    rt.shape[slots[nb + i]] = lt.shape[lc[i]];
  }
  for (int64_t i = int64_t(nb + nc); i < rrank; ++i)
    rt.shape[slots[i]] = randomDim();
  int y = valueOfType(rt);
  if (y < 0)
    return -1;
  TType r{lt.dtype, {}};
  for (int64_t d : lb)
    r.shape.push_back(lt.shape[d]);
  for (int64_t d = 0; d < lt.rank(); ++d)
    if (!llvm::is_contained(lb, d) && !llvm::is_contained(lc, d))
      r.shape.push_back(lt.shape[d]);
  for (int64_t d = 0; d < rrank; ++d)
    if (!llvm::is_contained(rb, d) && !llvm::is_contained(rc, d))
      r.shape.push_back(rt.shape[d]);
  return addOp(Kind::Dot, {x, y}, r,
               "lhs_batching_dimensions = " + i64Array(lb) +
                   ", rhs_batching_dimensions = " + i64Array(rb) +
                   ", lhs_contracting_dimensions = " + i64Array(lc) +
                   ", rhs_contracting_dimensions = " + i64Array(rc));
}

int Builder::genCompareSelect(int x) {
  const TType t = fn().values[x].type;
  if (t.dtype == DType::I1)
    return -1;
  static const char *preds[] = {"eq", "ne", "lt", "le", "gt", "ge"};
  TType pt{DType::I1, t.shape};
  int pred;
  if (fn().values[x].cls == OpClass::Exact && coin(0.7)) {
    int y = valueOfType(t);
    if (y < 0 || fn().values[y].cls != OpClass::Exact)
      return -1;
    pred = addOp(Kind::Compare, {x, y}, pt,
                 std::string("predicate = \"") + preds[uniform(0, 5)] + "\"");
  } else {
    pred = valueOfType(pt);
  }
  if (pred < 0)
    return -1;
  if (coin(0.2))
    return pred; // The i1 result itself.
  int other = valueOfType(t);
  if (other < 0)
    return -1;
  return addOp(Kind::Select, {pred, x, other}, t);
}

int Builder::genConvert(int x) {
  const TType t = fn().values[x].type;
  static const std::vector<DType> ts = {DType::F32, DType::F64, DType::I1,
                                        DType::I32, DType::I64};
  DType to = pick(ts);
  if (to == t.dtype)
    return -1;
  return addOp(Kind::Convert, {x}, TType{to, t.shape});
}

int Builder::genConcat(int x) {
  const TType t = fn().values[x].type;
  if (t.rank() == 0)
    return -1;
  int64_t dim = uniform(0, t.rank() - 1);
  std::vector<int> operands = {x};
  TType r = t;
  int64_t n = uniform(1, 2);
  for (int64_t i = 0; i < n; ++i) {
    TType ot = t;
    if (coin(0.5))
      ot.shape[dim] = randomDim();
    int y = coin(0.3) ? x : valueOfType(ot);
    if (y < 0)
      return -1;
    operands.push_back(y);
    r.shape[dim] += fn().values[y].type.shape[dim];
  }
  if (coin(0.5))
    std::shuffle(operands.begin(), operands.end(), rng);
  return addOp(Kind::Concat, operands, r,
               "dimension = " + std::to_string(dim) + " : i64");
}

int Builder::addVmap(int callee, bool asWrapper) {
  // Snapshot: the callee's signature.
  std::vector<TType> argTypes, resTypes;
  std::vector<std::vector<int>> resArgPos = resultArgPos[callee];
  {
    const Function &c = p.functions[callee];
    for (int a : c.args)
      argTypes.push_back(c.values[a].type);
    for (int r : c.results)
      resTypes.push_back(c.values[r].type);
  }
  int64_t size =
      options.zeroDimProbability > 0 && coin(options.zeroDimProbability)
          ? 0
          : uniform(1, 5);
  Op op;
  op.name = nameOf(Kind::Vmap);
  op.callee = callee;
  bool anyMapped = false;
  std::vector<bool> mapped;
  for (const TType &at : argTypes) {
    bool unit = coin(0.25);
    TType bt = at;
    if (unit) {
      op.inAxes.push_back(kUnit);
    } else {
      int64_t axis = uniform(0, at.rank());
      bt.shape.insert(bt.shape.begin() + axis, size);
      op.inAxes.push_back(coin(0.4) ? axis - (at.rank() + 1) : axis);
      anyMapped = true;
    }
    mapped.push_back(!unit);
    int v = asWrapper ? newArg(bt) : valueOfType(bt);
    if (v < 0)
      return -1;
    op.operands.push_back(v);
  }
  std::vector<TType> outTypes;
  for (size_t r = 0; r < resTypes.size(); ++r) {
    bool independent =
        llvm::none_of(resArgPos[r], [&](int pos) { return mapped[pos]; });
    TType bt = resTypes[r];
    // With an empty batch the looped definition never calls the callee, so
    // an unmapped result would have no value (the evaluator rejects it).
    if (independent && size != 0 && coin(0.5)) {
      op.outAxes.push_back(kUnit);
    } else {
      int64_t axis = uniform(0, bt.rank());
      op.outAxes.push_back(coin(0.4) ? axis - (bt.rank() + 1) : axis);
      bt.shape.insert(bt.shape.begin() + axis, size);
    }
    outTypes.push_back(bt);
  }
  if (!anyMapped || coin(0.3))
    op.attrs = "axis_size = " + std::to_string(size) + " : i64";
  for (const TType &ot : outTypes)
    op.results.push_back(newValue(ot));
  fn().ops.push_back(op);
  if (!refreshValue(int(fn().ops.size()) - 1, op.results[0])) {
    fn().ops.pop_back();
    fn().values.resize(fn().values.size() - outTypes.size());
    return -1;
  }
  return int(fn().ops.size()) - 1;
}

int Builder::genInnerVmap(int innerDepth) {
  int saved = cur;
  int callee =
      genBody(innerDepth - 1, "inner" + std::to_string(functionCounter++));
  cur = saved;
  int oi = addVmap(callee, /*asWrapper=*/false);
  if (oi < 0)
    return -1;
  return fn().ops[oi].results[0];
}

bool Builder::genOp(int innerDepth) {
  std::vector<int> pool;
  for (size_t i = 0; i < fn().values.size(); ++i)
    pool.push_back(int(i));
  if (pool.empty() || coin(0.05)) {
    // Start from a new input or an iota.
    TType t{randomDType(), randomShape()};
    if (coin(0.2) && t.rank() > 0 && t.dtype != DType::I1)
      return addOp(Kind::Iota, {}, t,
                   "dimension = " + std::to_string(uniform(0, t.rank() - 1)) +
                       " : i64") >= 0;
    return newArg(t) >= 0;
  }
  // Prefer the newest value nothing uses yet, so most ops end up live and
  // chains grow deep.
  std::vector<bool> used(fn().values.size());
  for (const Op &op : fn().ops)
    for (int o : op.operands)
      used[o] = true;
  int x = pick(pool);
  if (coin(0.8))
    for (size_t i = pool.size(); i-- > 0;)
      if (!used[pool[i]]) {
        x = pool[i];
        break;
      }
  int r;
  switch (uniform(0, innerDepth > 0 ? 9 : 8)) {
  case 0:
  case 1:
    r = genUnary(x);
    break;
  case 2:
  case 3:
    r = genBinary(x);
    break;
  case 4:
    r = genShapeOp(x);
    break;
  case 5:
    r = genReduce(x);
    break;
  case 6:
    r = genDot(x);
    break;
  case 7:
    r = coin(0.5) ? genCompareSelect(x) : genConvert(x);
    break;
  case 8:
    r = genConcat(x);
    break;
  default:
    r = genInnerVmap(innerDepth);
    break;
  }
  return r >= 0;
}

int Builder::genBody(int innerDepth, const std::string &name) {
  p.functions.push_back(Function{});
  cur = int(p.functions.size()) - 1;
  fn().name = name;
  int want = int(uniform(options.minOps, options.maxOps));
  for (int tries = 0; int(fn().ops.size()) < want && tries < 4 * want;
       ++tries) {
    int saved = cur;
    genOp(innerDepth);
    cur = saved;
  }
  if (fn().values.empty())
    newArg(TType{randomDType(), randomShape()});
  // Results: the last value, and sometimes another one.
  fn().results.push_back(int(fn().values.size()) - 1);
  if (coin(0.3)) {
    int other = int(uniform(0, int64_t(fn().values.size()) - 1));
    if (other != fn().results[0])
      fn().results.push_back(other);
  }
  refreshValue(-1, -1);
  return cur;
}

int Builder::genWrapper(int callee, const std::string &name) {
  p.functions.push_back(Function{});
  cur = int(p.functions.size()) - 1;
  fn().name = name;
  int oi = addVmap(callee, /*asWrapper=*/true);
  if (oi < 0) {
    // An unmappable combination (cannot happen with fresh arguments, whose
    // ranges are the callee's); fall back to a plain call of nothing.
    p.functions.pop_back();
    return -1;
  }
  fn().results = fn().ops[oi].results;
  refreshValue(-1, -1);
  return cur;
}

} // namespace

Program vmapc::difftest::generateProgram(std::mt19937_64 &rng,
                                         const GeneratorOptions &options) {
  Program p;
  Builder b(rng, options, p);
  int innerDepth =
      std::uniform_int_distribution<int>(0, options.maxInnerDepth)(rng);
  int body = b.genBody(innerDepth, "body");
  int entry = b.genWrapper(body, "wrap");
  if (std::bernoulli_distribution(options.doubleWrapProbability)(rng)) {
    int outer = b.genWrapper(entry, "wrap2");
    if (outer >= 0)
      entry = outer;
  }
  p.entry = entry;
  p.functions[entry].isPublic = true;
  refreshModel(p);
  return p;
}

HostTensor vmapc::difftest::randomInput(DType dtype,
                                        const std::vector<int64_t> &shape,
                                        std::mt19937_64 &rng) {
  HostTensor t(dtype, shape);
  std::uniform_real_distribution<double> real(-2.0, 2.0);
  std::uniform_int_distribution<int64_t> integer(-4, 4);
  std::bernoulli_distribution coin(0.5);
  for (int64_t i = 0; i < t.numElements(); ++i) {
    if (isFloat(dtype))
      t.setDouble(i, real(rng));
    else if (dtype == DType::I1)
      t.setInt(i, coin(rng));
    else
      t.setInt(i, integer(rng));
  }
  return t;
}

//===----------------------------------------------------------------------===//
// Reduction
//===----------------------------------------------------------------------===//

namespace {

/// Removes ops whose results are unused (transitively) in every function.
void deadCodeElimination(Program &p) {
  for (Function &f : p.functions) {
    std::vector<bool> live(f.values.size());
    for (int r : f.results)
      live[r] = true;
    std::vector<Op> kept;
    for (size_t i = f.ops.size(); i-- > 0;) {
      const Op &op = f.ops[i];
      bool used = llvm::any_of(op.results, [&](int v) { return live[v]; });
      if (!used)
        continue;
      for (int o : op.operands)
        live[o] = true;
      kept.push_back(op);
    }
    std::reverse(kept.begin(), kept.end());
    f.ops = std::move(kept);
  }
}

void replaceUses(Function &f, int from, int to, size_t afterOp) {
  for (size_t i = afterOp; i < f.ops.size(); ++i)
    for (int &o : f.ops[i].operands)
      if (o == from)
        o = to;
  for (int &r : f.results)
    if (r == from)
      r = to;
}

} // namespace

std::vector<Program> vmapc::difftest::reductionCandidates(const Program &p) {
  std::vector<Program> out;
  // Dead ops first, as one edit: a bug in a dead op (the compiler still
  // lowers it) must not be removed as a side effect of another edit.
  {
    Program c = p;
    deadCodeElimination(c);
    if (c.numOps() < p.numOps() && refreshModel(c))
      out.push_back(std::move(c));
  }
  for (size_t fi = 0; fi < p.functions.size(); ++fi) {
    const Function &f = p.functions[fi];
    for (size_t oi = 0; oi < f.ops.size(); ++oi) {
      const Op &op = f.ops[oi];
      if (op.results.size() != 1 || kindOf(op.name) == Kind::Constant)
        continue;
      int v = op.results[0];
      const TType &t = f.values[v].type;
      // Bypass: use an operand of the same type instead of the result.
      for (int o : op.operands) {
        if (f.values[o].type == t) {
          Program c = p;
          replaceUses(c.functions[fi], v, o, oi + 1);
          c.functions[fi].ops.erase(c.functions[fi].ops.begin() + oi);
          if (refreshModel(c))
            out.push_back(std::move(c));
          break;
        }
      }
      // Cut: the op becomes a constant of its type (0.5 / 1 / true, inside
      // every precondition's range).
      Program c = p;
      Op &cop = c.functions[fi].ops[oi];
      std::string lit =
          isFloat(t.dtype) ? "0.5" : (t.dtype == DType::I1 ? "true" : "1");
      cop.name = nameOf(Kind::Constant);
      cop.operands.clear();
      cop.callee = -1;
      cop.inAxes.clear();
      cop.outAxes.clear();
      cop.attrs = "value = dense<" + lit + "> : " + t.str();
      if (refreshModel(c))
        out.push_back(c);
      deadCodeElimination(c);
      if (refreshModel(c))
        out.push_back(std::move(c));
    }
  }
  return out;
}
