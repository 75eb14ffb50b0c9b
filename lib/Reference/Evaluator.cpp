//===- Evaluator.cpp - Reference interpreter of the vmapc dialect ---------===//
//
// Each op is computed element by element from its definition: floats in
// double, integers in int64 with two's-complement wraparound (done in uint64,
// so overflow is never undefined behaviour), then rounded to the result's
// element type. Index arithmetic never trusts the IR: every op re-checks the
// few shape facts it relies on, so IR that slipped past a verifier gives an
// error, not an out-of-bounds access.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Reference/Evaluator.h"

#include "vmapc/Reference/Linalg.h"
#include "vmapc/Support/Npy.h"

#include "dialect/VmapcDialect.h"
#include "dialect/VmapcOps.h"

#include "mlir/Dialect/Func/IR/FuncOps.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/BuiltinTypes.h"
#include "mlir/IR/Location.h"
#include "mlir/Interfaces/SideEffectInterfaces.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>
#include <cmath>
#include <limits>

using namespace mlir;
using namespace vmapc;
using llvm::Error;
using llvm::Expected;

namespace {

/// Calls and nested vmaps recurse on the C++ stack; a recursive function in
/// the IR (which the verifier does not forbid) must end in an error, not a
/// stack overflow.
constexpr unsigned kMaxCallDepth = 200;

//===----------------------------------------------------------------------===//
// Errors
//===----------------------------------------------------------------------===//

std::string locationString(Location loc) {
  if (auto fileLoc = loc->findInstanceOf<FileLineColLoc>())
    return (fileLoc.getFilename().getValue() + ":" +
            llvm::Twine(fileLoc.getLine()) + ":" +
            llvm::Twine(fileLoc.getColumn()))
        .str();
  std::string s;
  llvm::raw_string_ostream os(s);
  loc.print(os);
  return s;
}

Error opError(Operation *op, const llvm::Twine &what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 locationString(op->getLoc()) + ": '" +
                                     op->getName().getStringRef() +
                                     "': " + what);
}

Error plainError(const llvm::Twine &what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), what);
}

std::string typeString(const HostTensor &t) {
  return formatTensorType(t.dtype(), t.shape());
}

//===----------------------------------------------------------------------===//
// Index helpers
//===----------------------------------------------------------------------===//

std::vector<int64_t> stridesOf(ArrayRef<int64_t> shape) {
  std::vector<int64_t> strides(shape.size(), 1);
  for (size_t d = shape.size(); d-- > 1;)
    strides[d - 1] = strides[d] * shape[d];
  return strides;
}

int64_t linearIndex(ArrayRef<int64_t> strides, ArrayRef<int64_t> index) {
  int64_t linear = 0;
  for (size_t d = 0; d < index.size(); ++d)
    linear += index[d] * strides[d];
  return linear;
}

/// Calls `fn(linear, index)` for every multi-index of `shape`, row-major.
template <typename Fn> void forEachIndex(ArrayRef<int64_t> shape, Fn fn) {
  int64_t count = numElementsOf(shape.vec());
  std::vector<int64_t> index(shape.size(), 0);
  for (int64_t linear = 0; linear < count; ++linear) {
    fn(linear, ArrayRef<int64_t>(index));
    for (size_t d = shape.size(); d-- > 0;) {
      if (++index[d] < shape[d])
        break;
      index[d] = 0;
    }
  }
}

/// Copies one element between tensors of the same dtype, bit for bit.
void copyElement(HostTensor &dst, int64_t dstIndex, const HostTensor &src,
                 int64_t srcIndex) {
  size_t size = dtypeSize(dst.dtype());
  std::memcpy(static_cast<char *>(dst.rawData()) + dstIndex * size,
              static_cast<const char *>(src.rawData()) + srcIndex * size, size);
}

//===----------------------------------------------------------------------===//
// Scalar arithmetic with defined behaviour
//===----------------------------------------------------------------------===//

int64_t wrapAdd(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) +
                              static_cast<uint64_t>(b));
}
int64_t wrapSub(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) -
                              static_cast<uint64_t>(b));
}
int64_t wrapMul(int64_t a, int64_t b) {
  return static_cast<int64_t>(static_cast<uint64_t>(a) *
                              static_cast<uint64_t>(b));
}
int64_t wrapNeg(int64_t a) { return wrapSub(0, a); }
/// Truncating division with XLA's answers where C++ has none: x / 0 is -1
/// and INT_MIN / -1 is INT_MIN (wraparound).
int64_t safeDiv(int64_t a, int64_t b) {
  if (b == 0)
    return -1;
  if (b == -1)
    return wrapNeg(a);
  return a / b;
}
/// NaN-propagating max / min with -0 < +0: IEEE 754-2019 maximum/minimum,
/// as StableHLO, numpy and arith.maximumf/minimumf define them.
double nanMax(double a, double b) {
  if (std::isnan(a) || std::isnan(b))
    return std::numeric_limits<double>::quiet_NaN();
  if (a == b) // Only the sign of a zero can differ: +0 wins.
    return std::signbit(a) ? b : a;
  return a > b ? a : b;
}
double nanMin(double a, double b) {
  if (std::isnan(a) || std::isnan(b))
    return std::numeric_limits<double>::quiet_NaN();
  if (a == b) // -0 wins.
    return std::signbit(a) ? a : b;
  return a < b ? a : b;
}

int64_t intMinOf(DType t) {
  return t == DType::I32 ? std::numeric_limits<int32_t>::min()
                         : std::numeric_limits<int64_t>::min();
}
int64_t intMaxOf(DType t) {
  return t == DType::I32 ? std::numeric_limits<int32_t>::max()
                         : std::numeric_limits<int64_t>::max();
}

/// Float to integer: truncation toward zero, saturating at the type's range,
/// NaN to 0 (XLA's conversion; C++'s cast is undefined out of range).
int64_t floatToInt(double v, DType t) {
  if (std::isnan(v))
    return 0;
  v = std::trunc(v);
  if (v <= static_cast<double>(intMinOf(t)))
    return intMinOf(t);
  // 2^63 is exactly representable, INT64_MAX is not: compare with >=.
  if (v >= static_cast<double>(intMaxOf(t)))
    return intMaxOf(t);
  return static_cast<int64_t>(v);
}

//===----------------------------------------------------------------------===//
// The interpreter
//===----------------------------------------------------------------------===//

using Env = llvm::DenseMap<Value, HostTensor>;

class Evaluator {
public:
  explicit Evaluator(ModuleOp module) : module(module) {}

  /// Runs @name on `args`; `caller` (may be null) is named in errors.
  Expected<std::vector<HostTensor>>
  call(StringRef name, ArrayRef<HostTensor> args, Operation *caller);

private:
  Expected<std::vector<HostTensor>> run(func::FuncOp func,
                                        ArrayRef<HostTensor> args);
  Error evalOp(Operation *op, Env &env);

  Expected<const HostTensor *> lookup(Operation *op, Env &env, Value v);
  /// A zero tensor of the type of `op`'s result `i`; `?` dims (the batch
  /// of a vmap over any batch size) take the size `batch`.
  Expected<HostTensor> resultTensor(Operation *op, unsigned i = 0,
                                    int64_t batch = 0);

  Error evalVmap(VmapOp op, ArrayRef<const HostTensor *> in,
                 std::vector<HostTensor> &results);

  /// fori_loop, scan, while and cond; `in` are copies of the operands
  /// (evaluating a region adds to `env`, which may move its entries).
  Error evalControlFlow(Operation *op, std::vector<HostTensor> in, Env &env,
                        std::vector<HostTensor> &results);
  /// Runs the one block of `region` on `args` and returns what its
  /// vmapc.yield yields. Ops in the region find values from above in `env`.
  Expected<std::vector<HostTensor>> runRegion(Operation *op, Region &region,
                                              std::vector<HostTensor> args,
                                              Env &env);

  ModuleOp module;
  unsigned depth = 0;
};

Expected<const HostTensor *> Evaluator::lookup(Operation *op, Env &env,
                                               Value v) {
  auto it = env.find(v);
  if (it == env.end())
    return opError(op, "uses a value that has not been computed (only "
                       "single-block functions are supported)");
  return &it->second;
}

Expected<HostTensor> Evaluator::resultTensor(Operation *op, unsigned i,
                                             int64_t batch) {
  Type type = op->getResult(i).getType();
  Expected<DType> dtype = dtypeOfBatchTensorType(type);
  if (!dtype) {
    llvm::consumeError(dtype.takeError());
    std::string s;
    llvm::raw_string_ostream os(s);
    type.print(os);
    return opError(op, "unsupported result type " + s);
  }
  std::vector<int64_t> shape = cast<RankedTensorType>(type).getShape().vec();
  for (int64_t &d : shape)
    if (ShapedType::isDynamic(d))
      d = batch;
  return HostTensor(*dtype, shape);
}

//===----------------------------------------------------------------------===//
// Elementwise
//===----------------------------------------------------------------------===//

Error checkSameShape(Operation *op, const HostTensor &a, const HostTensor &b) {
  if (a.shape() != b.shape() || a.dtype() != b.dtype())
    return opError(op, "operand types differ: " + typeString(a) + " and " +
                           typeString(b));
  return Error::success();
}

template <typename FloatFn, typename IntFn>
Error unary(Operation *op, const HostTensor &a, HostTensor &r, FloatFn ff,
            IntFn iff) {
  if (a.shape() != r.shape())
    return opError(op, "result shape differs from the operand's");
  for (int64_t i = 0, e = r.numElements(); i < e; ++i) {
    if (isFloat(r.dtype()))
      r.setDouble(i, ff(a.getDouble(i)));
    else
      r.setInt(i, iff(a.getInt(i)));
  }
  return Error::success();
}

template <typename FloatFn, typename IntFn>
Error binary(Operation *op, const HostTensor &a, const HostTensor &b,
             HostTensor &r, FloatFn ff, IntFn iff) {
  if (Error e = checkSameShape(op, a, b))
    return e;
  if (a.shape() != r.shape())
    return opError(op, "result shape differs from the operands'");
  for (int64_t i = 0, e = r.numElements(); i < e; ++i) {
    if (isFloat(r.dtype()))
      r.setDouble(i, ff(a.getDouble(i), b.getDouble(i)));
    else
      r.setInt(i, iff(a.getInt(i), b.getInt(i)));
  }
  return Error::success();
}

/// Float-only unary ops (the dialect restricts them to f32/f64).
template <typename FloatFn>
Error floatUnary(Operation *op, const HostTensor &a, HostTensor &r,
                 FloatFn ff) {
  if (!isFloat(r.dtype()))
    return opError(op, "needs a float tensor");
  return unary(op, a, r, ff, [](int64_t v) { return v; });
}

Error evalCompare(CompareOp op, const HostTensor &a, const HostTensor &b,
                  HostTensor &r) {
  if (Error e = checkSameShape(op, a, b))
    return e;
  std::optional<ComparePredicate> pred =
      parseComparePredicate(op.getPredicate());
  if (!pred)
    return opError(op, "unknown predicate '" + op.getPredicate() + "'");
  if (r.shape() != a.shape())
    return opError(op, "result shape differs from the operands'");
  for (int64_t i = 0, e = r.numElements(); i < e; ++i) {
    bool v = false;
    if (isFloat(a.dtype())) {
      // C++'s float comparisons are ordered (false on NaN); ne is the
      // negation of eq, hence unordered, as the op defines it.
      double x = a.getDouble(i), y = b.getDouble(i);
      switch (*pred) {
      case ComparePredicate::EQ:
        v = x == y;
        break;
      case ComparePredicate::NE:
        v = !(x == y);
        break;
      case ComparePredicate::LT:
        v = x < y;
        break;
      case ComparePredicate::LE:
        v = x <= y;
        break;
      case ComparePredicate::GT:
        v = x > y;
        break;
      case ComparePredicate::GE:
        v = x >= y;
        break;
      }
    } else {
      int64_t x = a.getInt(i), y = b.getInt(i);
      switch (*pred) {
      case ComparePredicate::EQ:
        v = x == y;
        break;
      case ComparePredicate::NE:
        v = x != y;
        break;
      case ComparePredicate::LT:
        v = x < y;
        break;
      case ComparePredicate::LE:
        v = x <= y;
        break;
      case ComparePredicate::GT:
        v = x > y;
        break;
      case ComparePredicate::GE:
        v = x >= y;
        break;
      }
    }
    r.setInt(i, v);
  }
  return Error::success();
}

Error evalSelect(Operation *op, const HostTensor &pred, const HostTensor &t,
                 const HostTensor &f, HostTensor &r) {
  if (Error e = checkSameShape(op, t, f))
    return e;
  if (pred.shape() != t.shape() || pred.dtype() != DType::I1 ||
      r.shape() != t.shape() || r.dtype() != t.dtype())
    return opError(op, "predicate " + typeString(pred) + " does not match " +
                           typeString(t));
  for (int64_t i = 0, e = r.numElements(); i < e; ++i)
    copyElement(r, i, pred.getInt(i) ? t : f, i);
  return Error::success();
}

Error evalConvert(Operation *op, const HostTensor &a, HostTensor &r) {
  if (a.shape() != r.shape())
    return opError(op, "result shape differs from the operand's");
  for (int64_t i = 0, e = r.numElements(); i < e; ++i) {
    if (r.dtype() == DType::I1) {
      // x != 0 (NaN counts as nonzero, as numpy's astype(bool)).
      r.setInt(i, isFloat(a.dtype()) ? a.getDouble(i) != 0 : a.getInt(i) != 0);
    } else if (isFloat(a.dtype())) {
      if (isFloat(r.dtype()))
        r.setDouble(i, a.getDouble(i));
      else
        r.setInt(i, floatToInt(a.getDouble(i), r.dtype()));
    } else if (r.dtype() == DType::F32) {
      // int64 -> float directly: going through double could round twice.
      r.data<float>()[i] = static_cast<float>(a.getInt(i));
    } else if (r.dtype() == DType::F64) {
      r.setDouble(i, static_cast<double>(a.getInt(i)));
    } else {
      r.setInt(i, a.getInt(i)); // Integer narrowing wraps (jnp.astype).
    }
  }
  return Error::success();
}

//===----------------------------------------------------------------------===//
// Constants
//===----------------------------------------------------------------------===//

Error evalConstant(Operation *op, DenseElementsAttr value, HostTensor &r) {
  auto type = dyn_cast<RankedTensorType>(value.getType());
  if (!type || type.getShape() != ArrayRef<int64_t>(r.shape()))
    return opError(op, "value's type differs from the result type");
  int64_t n = r.numElements();
  if (isFloat(r.dtype())) {
    auto values = value.getValues<llvm::APFloat>();
    for (int64_t i = 0; i < n; ++i) {
      llvm::APFloat v = values[value.isSplat() ? 0 : i];
      if (r.dtype() == DType::F32)
        r.data<float>()[i] = v.convertToFloat();
      else
        r.data<double>()[i] = v.convertToDouble();
    }
  } else {
    auto values = value.getValues<llvm::APInt>();
    for (int64_t i = 0; i < n; ++i) {
      llvm::APInt v = values[value.isSplat() ? 0 : i];
      r.setInt(i, r.dtype() == DType::I1 ? !v.isZero() : v.getSExtValue());
    }
  }
  return Error::success();
}

Error evalIota(IotaOp op, HostTensor &r) {
  int64_t dim = op.getDimension();
  if (dim < 0 || dim >= r.rank())
    return opError(op, "dimension out of range");
  forEachIndex(r.shape(), [&](int64_t i, ArrayRef<int64_t> idx) {
    r.setInt(i, idx[dim]);
  });
  return Error::success();
}

//===----------------------------------------------------------------------===//
// Shape ops
//===----------------------------------------------------------------------===//

Error checkSameDType(Operation *op, const HostTensor &a, const HostTensor &r) {
  if (a.dtype() != r.dtype())
    return opError(op, "element types differ: " + typeString(a) + " and " +
                           typeString(r));
  return Error::success();
}

Error evalBroadcastInDim(BroadcastInDimOp op, const HostTensor &a,
                         HostTensor &r) {
  if (Error e = checkSameDType(op, a, r))
    return e;
  ArrayRef<int64_t> dims = op.getBroadcastDimensions();
  if (static_cast<int64_t>(dims.size()) != a.rank())
    return opError(op, "broadcast_dimensions has the wrong length");
  for (size_t i = 0; i < dims.size(); ++i)
    if (dims[i] < 0 || dims[i] >= r.rank() ||
        (a.shape()[i] != 1 && a.shape()[i] != r.shape()[dims[i]]))
      return opError(op, "operand dimension " + llvm::Twine(i) +
                             " cannot broadcast to the result");
  std::vector<int64_t> strides = stridesOf(a.shape());
  forEachIndex(r.shape(), [&](int64_t i, ArrayRef<int64_t> idx) {
    int64_t src = 0;
    for (size_t d = 0; d < dims.size(); ++d)
      src += (a.shape()[d] == 1 ? 0 : idx[dims[d]]) * strides[d];
    copyElement(r, i, a, src);
  });
  return Error::success();
}

Error evalReshape(Operation *op, const HostTensor &a, HostTensor &r) {
  if (Error e = checkSameDType(op, a, r))
    return e;
  if (a.numElements() != r.numElements())
    return opError(op, "element counts differ");
  if (a.sizeInBytes())
    std::memcpy(r.rawData(), a.rawData(), a.sizeInBytes());
  return Error::success();
}

Error evalTranspose(TransposeOp op, const HostTensor &a, HostTensor &r) {
  if (Error e = checkSameDType(op, a, r))
    return e;
  ArrayRef<int64_t> perm = op.getPermutation();
  if (static_cast<int64_t>(perm.size()) != a.rank() || r.rank() != a.rank())
    return opError(op, "permutation has the wrong length");
  std::vector<bool> seen(perm.size(), false);
  for (size_t i = 0; i < perm.size(); ++i) {
    if (perm[i] < 0 || perm[i] >= a.rank() || seen[perm[i]] ||
        r.shape()[i] != a.shape()[perm[i]])
      return opError(op, "permutation does not match the types");
    seen[perm[i]] = true;
  }
  std::vector<int64_t> strides = stridesOf(a.shape());
  forEachIndex(r.shape(), [&](int64_t i, ArrayRef<int64_t> idx) {
    int64_t src = 0;
    for (size_t d = 0; d < perm.size(); ++d)
      src += idx[d] * strides[perm[d]];
    copyElement(r, i, a, src);
  });
  return Error::success();
}

Error evalReduce(ReduceOp op, const HostTensor &a, HostTensor &r) {
  std::optional<ReduceKind> kind = parseReduceKind(op.getKind());
  if (!kind)
    return opError(op, "unknown reduction kind '" + op.getKind() + "'");
  if (Error e = checkSameDType(op, a, r))
    return e;
  ArrayRef<int64_t> dims = op.getDimensions();
  std::vector<bool> reduced(a.rank(), false);
  for (int64_t d : dims) {
    if (d < 0 || d >= a.rank() || reduced[d])
      return opError(op, "bad reduction dimension " + llvm::Twine(d));
    reduced[d] = true;
  }
  std::vector<int64_t> kept;
  for (int64_t d = 0; d < a.rank(); ++d)
    if (!reduced[d])
      kept.push_back(a.shape()[d]);
  if (kept != r.shape())
    return opError(op, "result shape does not match the kept dimensions");

  bool fp = isFloat(a.dtype());
  double fInit = 0;
  int64_t iInit = 0;
  switch (*kind) {
  case ReduceKind::Sum:
    break;
  case ReduceKind::Prod:
    fInit = 1, iInit = 1;
    break;
  case ReduceKind::Max:
    fInit = -std::numeric_limits<double>::infinity();
    iInit = fp ? 0 : intMinOf(a.dtype());
    break;
  case ReduceKind::Min:
    fInit = std::numeric_limits<double>::infinity();
    iInit = fp ? 0 : intMaxOf(a.dtype());
    break;
  }
  std::vector<double> facc(r.numElements(), fInit);
  std::vector<int64_t> iacc(r.numElements(), iInit);
  std::vector<int64_t> rStrides = stridesOf(r.shape());
  forEachIndex(a.shape(), [&](int64_t i, ArrayRef<int64_t> idx) {
    int64_t dst = 0;
    for (int64_t d = 0, k = 0; d < a.rank(); ++d)
      if (!reduced[d])
        dst += idx[d] * rStrides[k++];
    if (fp) {
      double v = a.getDouble(i), &acc = facc[dst];
      switch (*kind) {
      case ReduceKind::Sum:
        acc += v;
        break;
      case ReduceKind::Prod:
        acc *= v;
        break;
      case ReduceKind::Max:
        acc = nanMax(acc, v);
        break;
      case ReduceKind::Min:
        acc = nanMin(acc, v);
        break;
      }
    } else {
      int64_t v = a.getInt(i), &acc = iacc[dst];
      switch (*kind) {
      case ReduceKind::Sum:
        acc = wrapAdd(acc, v);
        break;
      case ReduceKind::Prod:
        acc = wrapMul(acc, v);
        break;
      case ReduceKind::Max:
        acc = std::max(acc, v);
        break;
      case ReduceKind::Min:
        acc = std::min(acc, v);
        break;
      }
    }
  });
  for (int64_t i = 0, e = r.numElements(); i < e; ++i) {
    if (fp)
      r.setDouble(i, facc[i]);
    else
      r.setInt(i, iacc[i]);
  }
  return Error::success();
}

Error evalDotGeneral(DotGeneralOp op, const HostTensor &a, const HostTensor &b,
                     HostTensor &r) {
  ArrayRef<int64_t> lb = op.getLhsBatchingDimensions();
  ArrayRef<int64_t> rb = op.getRhsBatchingDimensions();
  ArrayRef<int64_t> lc = op.getLhsContractingDimensions();
  ArrayRef<int64_t> rc = op.getRhsContractingDimensions();
  if (a.dtype() != b.dtype() || a.dtype() != r.dtype())
    return opError(op, "element types differ");
  if (lb.size() != rb.size() || lc.size() != rc.size())
    return opError(op, "lhs and rhs dimension lists differ in length");
  // Role of each dimension: batching, contracting or free.
  auto roles = [&](const HostTensor &t, ArrayRef<int64_t> batch,
                   ArrayRef<int64_t> contract,
                   std::vector<int64_t> &free) -> bool {
    std::vector<bool> used(t.rank(), false);
    for (ArrayRef<int64_t> list : {batch, contract})
      for (int64_t d : list) {
        if (d < 0 || d >= t.rank() || used[d])
          return false;
        used[d] = true;
      }
    for (int64_t d = 0; d < t.rank(); ++d)
      if (!used[d])
        free.push_back(d);
    return true;
  };
  std::vector<int64_t> lf, rf;
  if (!roles(a, lb, lc, lf) || !roles(b, rb, rc, rf))
    return opError(op, "bad batching or contracting dimensions");
  std::vector<int64_t> expected, contractShape;
  for (size_t i = 0; i < lb.size(); ++i) {
    if (a.shape()[lb[i]] != b.shape()[rb[i]])
      return opError(op, "batching dimension sizes differ");
    expected.push_back(a.shape()[lb[i]]);
  }
  for (int64_t d : lf)
    expected.push_back(a.shape()[d]);
  for (int64_t d : rf)
    expected.push_back(b.shape()[d]);
  for (size_t i = 0; i < lc.size(); ++i) {
    if (a.shape()[lc[i]] != b.shape()[rc[i]])
      return opError(op, "contracting dimension sizes differ");
    contractShape.push_back(a.shape()[lc[i]]);
  }
  if (expected != r.shape())
    return opError(op, "result type should be " +
                           formatTensorType(r.dtype(), expected));

  std::vector<int64_t> as = stridesOf(a.shape()), bs = stridesOf(b.shape());
  bool fp = isFloat(r.dtype());
  forEachIndex(r.shape(), [&](int64_t i, ArrayRef<int64_t> idx) {
    // The result index is (batch..., lhs free..., rhs free...).
    int64_t aBase = 0, bBase = 0;
    size_t k = 0;
    for (size_t j = 0; j < lb.size(); ++j, ++k) {
      aBase += idx[k] * as[lb[j]];
      bBase += idx[k] * bs[rb[j]];
    }
    for (int64_t d : lf)
      aBase += idx[k++] * as[d];
    for (int64_t d : rf)
      bBase += idx[k++] * bs[d];
    double facc = 0;
    int64_t iacc = 0;
    forEachIndex(contractShape, [&](int64_t, ArrayRef<int64_t> c) {
      int64_t ai = aBase, bi = bBase;
      for (size_t j = 0; j < c.size(); ++j) {
        ai += c[j] * as[lc[j]];
        bi += c[j] * bs[rc[j]];
      }
      if (fp)
        facc += a.getDouble(ai) * b.getDouble(bi);
      else
        iacc = wrapAdd(iacc, wrapMul(a.getInt(ai), b.getInt(bi)));
    });
    if (fp)
      r.setDouble(i, facc);
    else
      r.setInt(i, iacc);
  });
  return Error::success();
}

Error evalSlice(SliceOp op, const HostTensor &a, HostTensor &r) {
  if (Error e = checkSameDType(op, a, r))
    return e;
  ArrayRef<int64_t> start = op.getStartIndices();
  ArrayRef<int64_t> limit = op.getLimitIndices();
  ArrayRef<int64_t> strides = op.getStrides();
  if (static_cast<int64_t>(start.size()) != a.rank() ||
      limit.size() != start.size() || strides.size() != start.size() ||
      r.rank() != a.rank())
    return opError(op, "index lists do not match the operand rank");
  for (int64_t d = 0; d < a.rank(); ++d) {
    if (start[d] < 0 || limit[d] > a.shape()[d] || start[d] > limit[d] ||
        strides[d] <= 0)
      return opError(op, "slice out of range in dimension " + llvm::Twine(d));
    if (r.shape()[d] != (limit[d] - start[d] + strides[d] - 1) / strides[d])
      return opError(op, "result shape does not match the slice");
  }
  std::vector<int64_t> as = stridesOf(a.shape());
  forEachIndex(r.shape(), [&](int64_t i, ArrayRef<int64_t> idx) {
    int64_t src = 0;
    for (int64_t d = 0; d < a.rank(); ++d)
      src += (start[d] + idx[d] * strides[d]) * as[d];
    copyElement(r, i, a, src);
  });
  return Error::success();
}

Error evalConcatenate(ConcatenateOp op, ArrayRef<const HostTensor *> ins,
                      HostTensor &r) {
  int64_t dim = op.getDimension();
  if (dim < 0 || dim >= r.rank())
    return opError(op, "dimension out of range");
  int64_t total = 0;
  for (const HostTensor *t : ins) {
    if (Error e = checkSameDType(op, *t, r))
      return e;
    if (t->rank() != r.rank())
      return opError(op, "operand ranks differ");
    for (int64_t d = 0; d < r.rank(); ++d)
      if (d != dim && t->shape()[d] != r.shape()[d])
        return opError(op, "operand shapes differ outside the dimension");
    total += t->shape()[dim];
  }
  if (total != r.shape()[dim])
    return opError(op, "result size along the dimension is wrong");
  forEachIndex(r.shape(), [&](int64_t i, ArrayRef<int64_t> idx) {
    int64_t pos = idx[dim];
    for (const HostTensor *t : ins) {
      if (pos < t->shape()[dim]) {
        std::vector<int64_t> src(idx.begin(), idx.end());
        src[dim] = pos;
        copyElement(r, i, *t, linearIndex(stridesOf(t->shape()), src));
        return;
      }
      pos -= t->shape()[dim];
    }
  });
  return Error::success();
}

Error evalDynamicSlice(DynamicSliceOp op, const HostTensor &a,
                       ArrayRef<const HostTensor *> starts, HostTensor &r) {
  if (Error e = checkSameDType(op, a, r))
    return e;
  ArrayRef<int64_t> sizes = op.getSliceSizes();
  if (static_cast<int64_t>(starts.size()) != a.rank() ||
      static_cast<int64_t>(sizes.size()) != a.rank() ||
      ArrayRef(r.shape()) != sizes)
    return opError(op, "needs one start index and one size per dimension");
  std::vector<int64_t> begin(a.rank());
  for (int64_t d = 0; d < a.rank(); ++d) {
    if (starts[d]->numElements() != 1 || isFloat(starts[d]->dtype()))
      return opError(op, "start indices must be integer scalars");
    if (sizes[d] < 0 || sizes[d] > a.shape()[d])
      return opError(op, "slice size larger than the operand");
    // lax.dynamic_slice clamps so the whole slice is in bounds.
    begin[d] =
        std::clamp<int64_t>(starts[d]->getInt(0), 0, a.shape()[d] - sizes[d]);
  }
  std::vector<int64_t> as = stridesOf(a.shape());
  forEachIndex(r.shape(), [&](int64_t i, ArrayRef<int64_t> idx) {
    int64_t src = 0;
    for (int64_t d = 0; d < a.rank(); ++d)
      src += (begin[d] + idx[d]) * as[d];
    copyElement(r, i, a, src);
  });
  return Error::success();
}

Error evalGather(GatherOp op, const HostTensor &a, const HostTensor &indices,
                 HostTensor &r) {
  if (Error e = checkSameDType(op, a, r))
    return e;
  int64_t axis = op.getAxis(), batch = op.getBatchDims();
  if (isFloat(indices.dtype()) || indices.dtype() == DType::I1)
    return opError(op, "indices must be i32 or i64");
  if (batch < 0 || batch > indices.rank() || axis < batch || axis >= a.rank())
    return opError(op, "axis or batch_dims out of range");
  // Result shape: operand[:axis] + indices[batch:] + operand[axis+1:].
  std::vector<int64_t> expected(a.shape().begin(), a.shape().begin() + axis);
  for (int64_t d = 0; d < batch; ++d)
    if (a.shape()[d] != indices.shape()[d])
      return opError(op, "batch dimensions of operand and indices differ");
  expected.insert(expected.end(), indices.shape().begin() + batch,
                  indices.shape().end());
  expected.insert(expected.end(), a.shape().begin() + axis + 1,
                  a.shape().end());
  if (expected != r.shape())
    return opError(op, "result type should be " +
                           formatTensorType(r.dtype(), expected));
  int64_t idxRank = indices.rank() - batch;
  int64_t axisSize = a.shape()[axis];
  std::vector<int64_t> as = stridesOf(a.shape());
  std::vector<int64_t> is = stridesOf(indices.shape());
  forEachIndex(r.shape(), [&](int64_t i, ArrayRef<int64_t> idx) {
    int64_t where = 0;
    for (int64_t d = 0; d < batch; ++d)
      where += idx[d] * is[d];
    for (int64_t d = 0; d < idxRank; ++d)
      where += idx[axis + d] * is[batch + d];
    // mode="clip": out-of-range indices are clamped into the axis.
    int64_t k = std::clamp<int64_t>(indices.getInt(where), 0, axisSize - 1);
    int64_t src = k * as[axis];
    for (int64_t d = 0; d < axis; ++d)
      src += idx[d] * as[d];
    for (int64_t d = axis + 1; d < a.rank(); ++d)
      src += idx[d - 1 + idxRank] * as[d];
    copyElement(r, i, a, src);
  });
  return Error::success();
}

//===----------------------------------------------------------------------===//
// Linear algebra: the leading dims are a batch of n x n matrices
//===----------------------------------------------------------------------===//

/// Checks that `t` is [..., rows, cols] and returns the batch count.
Expected<int64_t> matrixBatch(Operation *op, const HostTensor &t, int64_t &rows,
                              int64_t &cols) {
  if (t.rank() < 2)
    return opError(op, "needs a tensor of rank >= 2, got " + typeString(t));
  rows = t.shape()[t.rank() - 2];
  cols = t.shape()[t.rank() - 1];
  return rows * cols ? t.numElements() / (rows * cols) : 0;
}

Matrix loadMatrix(const HostTensor &t, int64_t batch, int64_t rows,
                  int64_t cols) {
  Matrix m(rows, cols);
  for (int64_t i = 0; i < rows * cols; ++i)
    m.data[i] = t.getDouble(batch * rows * cols + i);
  return m;
}

void storeMatrix(HostTensor &t, int64_t batch, const Matrix &m) {
  for (int64_t i = 0; i < m.rows * m.cols; ++i)
    t.setDouble(batch * m.rows * m.cols + i, m.data[i]);
}

template <typename Fn>
Error squareMatrixOp(Operation *op, const HostTensor &a, HostTensor &r, Fn fn) {
  int64_t n, m;
  Expected<int64_t> batches = matrixBatch(op, a, n, m);
  if (!batches)
    return batches.takeError();
  if (n != m)
    return opError(op, "needs square matrices, got " + typeString(a));
  if (!isFloat(r.dtype()))
    return opError(op, "needs float tensors");
  for (int64_t b = 0; b < *batches; ++b)
    fn(b, loadMatrix(a, b, n, n));
  return Error::success();
}

Error evalTriangularSolve(TriangularSolveOp op, const HostTensor &a,
                          const HostTensor &b, HostTensor &r) {
  int64_t n, n2, rows, cols;
  Expected<int64_t> batches = matrixBatch(op, a, n, n2);
  if (!batches)
    return batches.takeError();
  Expected<int64_t> bBatches = matrixBatch(op, b, rows, cols);
  if (!bBatches)
    return bBatches.takeError();
  bool left = op.getLeftSide();
  if (n != n2 || b.shape() != r.shape() || a.rank() != b.rank() ||
      !std::equal(a.shape().begin(), a.shape().end() - 2, b.shape().begin()) ||
      (left ? rows : cols) != n || !isFloat(r.dtype()))
    return opError(op, "operand types " + typeString(a) + " and " +
                           typeString(b) + " do not fit");
  for (int64_t k = 0; k < *bBatches; ++k) {
    Matrix tri = triangle(loadMatrix(a, k, n, n), op.getLower());
    bool lower = op.getLower();
    if (op.getTransposeA())
      tri = transpose(tri), lower = !lower;
    Matrix rhs = loadMatrix(b, k, rows, cols);
    // X op(A) = B is op(A)^T X^T = B^T: a left-side solve on transposes.
    if (left) {
      storeMatrix(r, k, solveTriangular(tri, lower, rhs));
    } else {
      Matrix x = solveTriangular(transpose(tri), !lower, transpose(rhs));
      storeMatrix(r, k, transpose(x));
    }
  }
  return Error::success();
}

} // namespace

//===----------------------------------------------------------------------===//
// vmap and calls
//===----------------------------------------------------------------------===//

/// Slice `index` of `t` along `axis`, with that axis removed.
static HostTensor takeSlice(const HostTensor &t, int64_t axis, int64_t index) {
  std::vector<int64_t> shape = t.shape();
  shape.erase(shape.begin() + axis);
  HostTensor out(t.dtype(), shape);
  std::vector<int64_t> strides = stridesOf(t.shape());
  forEachIndex(shape, [&](int64_t i, ArrayRef<int64_t> idx) {
    int64_t src = index * strides[axis];
    for (int64_t d = 0, e = static_cast<int64_t>(idx.size()); d < e; ++d)
      src += idx[d] * strides[d < axis ? d : d + 1];
    copyElement(out, i, t, src);
  });
  return out;
}

/// Writes `piece` as slice `index` along `axis` of `dst`.
static void putSlice(HostTensor &dst, int64_t axis, int64_t index,
                     const HostTensor &piece) {
  std::vector<int64_t> strides = stridesOf(dst.shape());
  forEachIndex(piece.shape(), [&](int64_t i, ArrayRef<int64_t> idx) {
    int64_t at = index * strides[axis];
    for (int64_t d = 0, e = static_cast<int64_t>(idx.size()); d < e; ++d)
      at += idx[d] * strides[d < axis ? d : d + 1];
    copyElement(dst, at, piece, i);
  });
}

/// An entry of in_axes / out_axes: an i64 normalized against `rank`, or
/// nullopt for `unit`. Fails for anything else or an axis out of range.
static Expected<std::optional<int64_t>> parseAxis(Operation *op, Attribute attr,
                                                  int64_t rank,
                                                  const char *what,
                                                  unsigned i) {
  if (isa<UnitAttr>(attr))
    return std::optional<int64_t>();
  auto intAttr = dyn_cast<IntegerAttr>(attr);
  if (!intAttr)
    return opError(op, llvm::Twine(what) + "[" + llvm::Twine(i) +
                           "] is neither an integer nor unit");
  int64_t axis = intAttr.getInt();
  int64_t normalized = axis < 0 ? axis + rank : axis;
  if (normalized < 0 || normalized >= rank)
    return opError(op, llvm::Twine(what) + "[" + llvm::Twine(i) +
                           "] = " + llvm::Twine(axis) +
                           " is out of range for rank " + llvm::Twine(rank));
  return std::optional<int64_t>(normalized);
}

Error Evaluator::evalVmap(VmapOp op, ArrayRef<const HostTensor *> in,
                          std::vector<HostTensor> &results) {
  ArrayAttr inAxes = op.getInAxes(), outAxes = op.getOutAxes();
  if (inAxes.size() != in.size() || outAxes.size() != op->getNumResults())
    return opError(op, "in_axes/out_axes lengths differ from the operand/"
                       "result counts");
  std::optional<int64_t> size;
  if (std::optional<int64_t> axisSize = op.getAxisSize())
    size = *axisSize;
  std::vector<std::optional<int64_t>> axes;
  for (unsigned i = 0; i < in.size(); ++i) {
    auto axis = parseAxis(op, inAxes[i], in[i]->rank(), "in_axes", i);
    if (!axis)
      return axis.takeError();
    axes.push_back(*axis);
    if (!*axis)
      continue;
    int64_t n = in[i]->shape()[**axis];
    if (size && *size != n)
      return opError(op, "operand " + llvm::Twine(i) + " has size " +
                             llvm::Twine(n) + " on its mapped axis, expected " +
                             llvm::Twine(*size));
    size = n;
  }
  if (!size || *size < 0)
    return opError(op, "no mapped operand and no axis_size");

  // One call per batch element; results collected per output.
  unsigned numResults = op->getNumResults();
  std::vector<std::vector<HostTensor>> pieces(numResults);
  // With an empty batch, the results with out_axes none (which depend on
  // nothing mapped) still have a value. They come from one call, on a zero
  // example, of a copy of the callee that computes only them (as in the
  // compiled code): the rest of the callee might not even end on zeros.
  StringRef callee = op.getCallee();
  int64_t calls = *size;
  std::vector<int> resultIndex(numResults);
  for (unsigned j = 0; j < numResults; ++j)
    resultIndex[j] = j;
  func::FuncOp pruned;
  auto erasePruned = llvm::make_scope_exit([&] {
    if (pruned)
      pruned.erase();
  });
  if (*size == 0) {
    auto original = module.lookupSymbol<func::FuncOp>(callee);
    SmallVector<unsigned> unmapped;
    for (unsigned j = 0; j < numResults; ++j)
      if (isa<UnitAttr>(outAxes[j]))
        unmapped.push_back(j);
    if (original && !original.isExternal() && !unmapped.empty()) {
      pruned = original.clone();
      std::string name = ("__vmapc_eval_unmapped_results_of_" + callee).str();
      while (module.lookupSymbol(name))
        name += "_";
      pruned.setSymName(name);
      module.push_back(pruned);
      Operation *ret = pruned.getBody().front().getTerminator();
      SmallVector<Value> kept;
      std::fill(resultIndex.begin(), resultIndex.end(), -1);
      for (unsigned j : unmapped) {
        resultIndex[j] = kept.size();
        kept.push_back(ret->getOperand(j));
      }
      ret->setOperands(kept);
      pruned.setFunctionType(FunctionType::get(module.getContext(),
                                               pruned.getArgumentTypes(),
                                               ValueRange(kept).getTypes()));
      for (bool changed = true; changed;) {
        changed = false;
        for (Operation &o : llvm::make_early_inc_range(
                 llvm::reverse(pruned.getBody().front())))
          if (isOpTriviallyDead(&o)) {
            o.erase();
            changed = true;
          }
      }
      callee = pruned.getSymName();
      calls = 1;
    }
  }
  for (int64_t k = 0; k < calls; ++k) {
    std::vector<HostTensor> args;
    for (unsigned i = 0; i < in.size(); ++i) {
      if (!axes[i]) {
        args.push_back(*in[i]);
      } else if (*size == 0) {
        std::vector<int64_t> shape = in[i]->shape();
        shape.erase(shape.begin() + *axes[i]);
        args.push_back(HostTensor(in[i]->dtype(), shape));
      } else {
        args.push_back(takeSlice(*in[i], *axes[i], k));
      }
    }
    auto out = call(callee, args, op);
    if (!out)
      return out.takeError();
    size_t expected = pruned ? pruned.getNumResults() : numResults;
    if (out->size() != expected)
      return opError(op, "callee returned " + llvm::Twine(out->size()) +
                             " results, the vmap has " +
                             llvm::Twine(numResults));
    for (unsigned j = 0; j < numResults; ++j)
      if (resultIndex[j] >= 0)
        pieces[j].push_back(std::move((*out)[resultIndex[j]]));
  }

  for (unsigned j = 0; j < numResults; ++j) {
    Expected<HostTensor> result = resultTensor(op, j, *size);
    if (!result)
      return result.takeError();
    auto axis = parseAxis(op, outAxes[j], result->rank(), "out_axes", j);
    if (!axis)
      return axis.takeError();
    if (!*axis) {
      // out_axes none: the result must not depend on the mapped inputs, so
      // every call must have returned the same value. Checking it here
      // catches IR the batching pass should have rejected.
      if (pieces[j].empty())
        return opError(op, "result " + llvm::Twine(j) +
                               " has out_axes none but the batch is empty "
                               "and the callee has no body");
      const HostTensor &first = pieces[j][0];
      for (const HostTensor &p : pieces[j])
        if (p.shape() != first.shape() ||
            std::memcmp(p.rawData(), first.rawData(), p.sizeInBytes()))
          return opError(op, "result " + llvm::Twine(j) +
                                 " has out_axes none but differs across the "
                                 "batch");
      if (first.shape() != result->shape() || first.dtype() != result->dtype())
        return opError(op, "result " + llvm::Twine(j) + " should be " +
                               typeString(*result) + ", callee returned " +
                               typeString(first));
      results.push_back(first);
      continue;
    }
    std::vector<int64_t> pieceShape = result->shape();
    if (pieceShape[**axis] != *size)
      return opError(op, "result " + llvm::Twine(j) +
                             " does not have the batch size on its out axis");
    pieceShape.erase(pieceShape.begin() + **axis);
    for (int64_t k = 0; k < *size; ++k) {
      const HostTensor &p = pieces[j][k];
      if (p.shape() != pieceShape || p.dtype() != result->dtype())
        return opError(op, "callee result " + llvm::Twine(j) + " is " +
                               typeString(p) + ", expected " +
                               formatTensorType(result->dtype(), pieceShape));
      putSlice(*result, **axis, k, p);
    }
    results.push_back(std::move(*result));
  }
  return Error::success();
}

//===----------------------------------------------------------------------===//
// Control flow
//===----------------------------------------------------------------------===//

Expected<std::vector<HostTensor>>
Evaluator::runRegion(Operation *op, Region &region,
                     std::vector<HostTensor> args, Env &env) {
  if (!region.hasOneBlock())
    return opError(op, "has a region without exactly one block");
  Block &block = region.front();
  if (block.getNumArguments() != args.size())
    return opError(op, "region takes " + llvm::Twine(block.getNumArguments()) +
                           " arguments, got " + llvm::Twine(args.size()));
  for (auto [arg, value] : llvm::zip_equal(block.getArguments(), args)) {
    Expected<HostTensor> expected = [&]() -> Expected<HostTensor> {
      Expected<DType> dtype = dtypeOfTensorType(arg.getType());
      if (!dtype)
        return dtype.takeError();
      return HostTensor(*dtype,
                        cast<RankedTensorType>(arg.getType()).getShape().vec());
    }();
    if (!expected)
      return expected.takeError();
    if (expected->dtype() != value.dtype() ||
        expected->shape() != value.shape())
      return opError(op, "region argument is " + typeString(*expected) +
                             ", got " + typeString(value));
    env[arg] = std::move(value);
  }
  for (Operation &inner : block) {
    if (isa<YieldOp>(inner)) {
      std::vector<HostTensor> yielded;
      for (Value v : inner.getOperands()) {
        Expected<const HostTensor *> t = lookup(&inner, env, v);
        if (!t)
          return t.takeError();
        yielded.push_back(**t);
      }
      return yielded;
    }
    if (Error e = evalOp(&inner, env))
      return std::move(e);
  }
  return opError(op, "has a region that does not end with vmapc.yield");
}

Error Evaluator::evalControlFlow(Operation *op, std::vector<HostTensor> in,
                                 Env &env, std::vector<HostTensor> &results) {
  // Checks that a region yielded `n` values.
  auto yieldedCount = [&](const std::vector<HostTensor> &values,
                          size_t n) -> Error {
    if (values.size() != n)
      return opError(op, "region yields " + llvm::Twine(values.size()) +
                             " values, expected " + llvm::Twine(n));
    return Error::success();
  };

  if (auto loop = dyn_cast<ForiLoopOp>(op)) {
    if (in.size() < 2)
      return opError(op, "needs lower and upper bounds");
    int64_t lower = in[0].getInt(0), upper = in[1].getInt(0);
    DType indexType = in[0].dtype();
    std::vector<HostTensor> carried(in.begin() + 2, in.end());
    for (int64_t i = lower; i < upper; ++i) {
      std::vector<HostTensor> args;
      args.emplace_back(indexType, std::vector<int64_t>{});
      args.back().setInt(0, i);
      for (HostTensor &c : carried)
        args.push_back(std::move(c));
      auto next = runRegion(op, loop.getBody(), std::move(args), env);
      if (!next)
        return next.takeError();
      if (Error e = yieldedCount(*next, op->getNumResults()))
        return e;
      carried = std::move(*next);
    }
    results = std::move(carried);
    return Error::success();
  }

  if (auto scan = dyn_cast<ScanOp>(op)) {
    unsigned numCarried = scan.getNumCarried();
    int64_t length = scan.getLength();
    std::vector<HostTensor> carried(in.begin(), in.begin() + numCarried);
    std::vector<HostTensor> xs(in.begin() + numCarried, in.end());
    std::vector<HostTensor> stacked;
    for (unsigned j = numCarried; j < op->getNumResults(); ++j) {
      Expected<HostTensor> t = resultTensor(op, j);
      if (!t)
        return t.takeError();
      stacked.push_back(std::move(*t));
    }
    for (const HostTensor &x : xs)
      if (x.rank() == 0 || x.shape()[0] != length)
        return opError(op, "xs " + typeString(x) + " does not have length " +
                               llvm::Twine(length) +
                               " as its leading dimension");
    for (int64_t t = 0; t < length; ++t) {
      std::vector<HostTensor> args = std::move(carried);
      for (const HostTensor &x : xs)
        args.push_back(takeSlice(x, 0, t));
      auto out = runRegion(op, scan.getBody(), std::move(args), env);
      if (!out)
        return out.takeError();
      if (Error e = yieldedCount(*out, op->getNumResults()))
        return e;
      for (unsigned j = 0; j < stacked.size(); ++j) {
        const HostTensor &piece = (*out)[numCarried + j];
        std::vector<int64_t> sliceShape(stacked[j].shape().begin() + 1,
                                        stacked[j].shape().end());
        if (piece.shape() != sliceShape || piece.dtype() != stacked[j].dtype())
          return opError(op,
                         "per-step output " + llvm::Twine(j) + " is " +
                             typeString(piece) + ", expected " +
                             formatTensorType(stacked[j].dtype(), sliceShape));
        putSlice(stacked[j], 0, t, piece);
      }
      out->resize(numCarried);
      carried = std::move(*out);
    }
    results = std::move(carried);
    for (HostTensor &t : stacked)
      results.push_back(std::move(t));
    return Error::success();
  }

  if (auto loop = dyn_cast<WhileOp>(op)) {
    std::vector<HostTensor> carried = std::move(in);
    while (true) {
      auto pred = runRegion(op, loop.getCond(), carried, env);
      if (!pred)
        return pred.takeError();
      if (Error e = yieldedCount(*pred, 1))
        return e;
      if ((*pred)[0].numElements() != 1)
        return opError(op, "cond must yield one predicate");
      if (!(*pred)[0].getInt(0))
        break;
      auto next = runRegion(op, loop.getBody(), std::move(carried), env);
      if (!next)
        return next.takeError();
      if (Error e = yieldedCount(*next, op->getNumResults()))
        return e;
      carried = std::move(*next);
    }
    results = std::move(carried);
    return Error::success();
  }

  if (auto cond = dyn_cast<CondOp>(op)) {
    if (in.size() != 1 || in[0].numElements() != 1)
      return opError(op, "needs one scalar selector");
    int64_t n = cond.getBranches().size();
    if (n == 0)
      return opError(op, "has no branch");
    // lax.cond: the first branch is the true one; lax.switch: the index is
    // clamped into range.
    int64_t branch = in[0].dtype() == DType::I1
                         ? (in[0].getInt(0) ? 0 : 1)
                         : std::clamp<int64_t>(in[0].getInt(0), 0, n - 1);
    if (branch >= n)
      return opError(op, "has no branch for the false predicate");
    auto out = runRegion(op, cond.getBranches()[branch], {}, env);
    if (!out)
      return out.takeError();
    if (Error e = yieldedCount(*out, op->getNumResults()))
      return e;
    results = std::move(*out);
    return Error::success();
  }
  return opError(op, "is not supported by the reference evaluator");
}

Error Evaluator::evalOp(Operation *op, Env &env) {
  std::vector<const HostTensor *> in;
  for (Value v : op->getOperands()) {
    Expected<const HostTensor *> t = lookup(op, env, v);
    if (!t)
      return t.takeError();
    in.push_back(*t);
  }

  // Ops with several results, or whose results come from a callee.
  if (auto vmap = dyn_cast<VmapOp>(op)) {
    std::vector<HostTensor> results;
    if (Error e = evalVmap(vmap, in, results))
      return e;
    for (unsigned j = 0; j < results.size(); ++j)
      env[op->getResult(j)] = std::move(results[j]);
    return Error::success();
  }
  if (auto callOp = dyn_cast<func::CallOp>(op)) {
    std::vector<HostTensor> args;
    for (const HostTensor *t : in)
      args.push_back(*t);
    auto out = call(callOp.getCallee(), args, op);
    if (!out)
      return out.takeError();
    if (out->size() != op->getNumResults())
      return opError(op, "callee returned the wrong number of results");
    for (unsigned j = 0; j < out->size(); ++j)
      env[op->getResult(j)] = std::move((*out)[j]);
    return Error::success();
  }

  if (op->getNumRegions() != 0) {
    std::vector<HostTensor> operands;
    for (const HostTensor *t : in)
      operands.push_back(*t);
    std::vector<HostTensor> results;
    if (Error e = evalControlFlow(op, std::move(operands), env, results))
      return e;
    if (results.size() != op->getNumResults())
      return opError(op, "produced the wrong number of results");
    for (unsigned j = 0; j < results.size(); ++j)
      env[op->getResult(j)] = std::move(results[j]);
    return Error::success();
  }
  if (op->getNumResults() != 1)
    return opError(op, "is not supported by the reference evaluator");
  Expected<HostTensor> result = resultTensor(op);
  if (!result)
    return result.takeError();
  HostTensor &r = *result;
  auto arity = [&](size_t n) -> Error {
    if (in.size() != n)
      return opError(op, "expects " + llvm::Twine(n) + " operands");
    return Error::success();
  };
  auto unaryF = [&](auto fn) -> Error {
    if (Error e = arity(1))
      return e;
    return floatUnary(op, *in[0], r, fn);
  };
  auto binaryFI = [&](auto ff, auto iff) -> Error {
    if (Error e = arity(2))
      return e;
    return binary(op, *in[0], *in[1], r, ff, iff);
  };
  auto binaryF = [&](auto ff) -> Error {
    if (!isFloat(r.dtype()))
      return opError(op, "needs float tensors");
    return binaryFI(ff, [](int64_t a, int64_t) { return a; });
  };

  Error err =
      llvm::TypeSwitch<Operation *, Error>(op)
          .Case([&](AddOp) {
            return binaryFI([](double a, double b) { return a + b; }, wrapAdd);
          })
          .Case([&](SubOp) {
            return binaryFI([](double a, double b) { return a - b; }, wrapSub);
          })
          .Case([&](MulOp) {
            return binaryFI([](double a, double b) { return a * b; }, wrapMul);
          })
          .Case([&](DivOp) {
            return binaryFI([](double a, double b) { return a / b; }, safeDiv);
          })
          .Case([&](MaxOp) {
            return binaryFI(
                nanMax, [](int64_t a, int64_t b) { return std::max(a, b); });
          })
          .Case([&](MinOp) {
            return binaryFI(
                nanMin, [](int64_t a, int64_t b) { return std::min(a, b); });
          })
          .Case([&](PowOp) {
            return binaryF([](double a, double b) { return std::pow(a, b); });
          })
          .Case([&](NegOp) -> Error {
            if (Error e = arity(1))
              return e;
            return unary(
                op, *in[0], r, [](double a) { return -a; }, wrapNeg);
          })
          .Case([&](AbsOp) -> Error {
            if (Error e = arity(1))
              return e;
            return unary(
                op, *in[0], r, [](double a) { return std::fabs(a); },
                [](int64_t a) { return a < 0 ? wrapNeg(a) : a; });
          })
          .Case([&](ExpOp) {
            return unaryF([](double a) { return std::exp(a); });
          })
          .Case([&](LogOp) {
            return unaryF([](double a) { return std::log(a); });
          })
          .Case([&](SqrtOp) {
            return unaryF([](double a) { return std::sqrt(a); });
          })
          .Case([&](RsqrtOp) {
            return unaryF([](double a) { return 1.0 / std::sqrt(a); });
          })
          .Case([&](TanhOp) {
            return unaryF([](double a) { return std::tanh(a); });
          })
          .Case([&](SinOp) {
            return unaryF([](double a) { return std::sin(a); });
          })
          .Case([&](CosOp) {
            return unaryF([](double a) { return std::cos(a); });
          })
          .Case([&](LogisticOp) {
            return unaryF([](double a) { return 1.0 / (1.0 + std::exp(-a)); });
          })
          .Case([&](CompareOp c) -> Error {
            if (Error e = arity(2))
              return e;
            return evalCompare(c, *in[0], *in[1], r);
          })
          .Case([&](SelectOp) -> Error {
            if (Error e = arity(3))
              return e;
            return evalSelect(op, *in[0], *in[1], *in[2], r);
          })
          .Case([&](ConstantOp c) -> Error {
            return evalConstant(op, c.getValue(), r);
          })
          .Case([&](IotaOp c) { return evalIota(c, r); })
          .Case([&](ConvertOp) -> Error {
            if (Error e = arity(1))
              return e;
            return evalConvert(op, *in[0], r);
          })
          .Case([&](BroadcastInDimOp c) -> Error {
            if (Error e = arity(1))
              return e;
            return evalBroadcastInDim(c, *in[0], r);
          })
          .Case([&](ReshapeOp) -> Error {
            if (Error e = arity(1))
              return e;
            return evalReshape(op, *in[0], r);
          })
          .Case([&](TransposeOp c) -> Error {
            if (Error e = arity(1))
              return e;
            return evalTranspose(c, *in[0], r);
          })
          .Case([&](ReduceOp c) -> Error {
            if (Error e = arity(1))
              return e;
            return evalReduce(c, *in[0], r);
          })
          .Case([&](DotGeneralOp c) -> Error {
            if (Error e = arity(2))
              return e;
            return evalDotGeneral(c, *in[0], *in[1], r);
          })
          .Case([&](SliceOp c) -> Error {
            if (Error e = arity(1))
              return e;
            return evalSlice(c, *in[0], r);
          })
          .Case([&](ConcatenateOp c) { return evalConcatenate(c, in, r); })
          .Case([&](DynamicSliceOp c) -> Error {
            if (in.empty())
              return opError(op, "needs an operand");
            return evalDynamicSlice(c, *in[0], ArrayRef(in).drop_front(), r);
          })
          .Case([&](GatherOp c) -> Error {
            if (Error e = arity(2))
              return e;
            return evalGather(c, *in[0], *in[1], r);
          })
          .Case([&](CholeskyOp) -> Error {
            if (Error e = arity(1))
              return e;
            return squareMatrixOp(op, *in[0], r,
                                  [&](int64_t b, const Matrix &m) {
                                    storeMatrix(r, b, cholesky(m));
                                  });
          })
          .Case([&](InvOp) -> Error {
            if (Error e = arity(1))
              return e;
            return squareMatrixOp(op, *in[0], r,
                                  [&](int64_t b, const Matrix &m) {
                                    storeMatrix(r, b, inverse(m));
                                  });
          })
          .Case([&](DetOp) -> Error {
            if (Error e = arity(1))
              return e;
            if (in[0]->rank() < 2 ||
                !std::equal(r.shape().begin(), r.shape().end(),
                            in[0]->shape().begin(), in[0]->shape().end() - 2))
              return opError(op, "result shape must be the operand's batch "
                                 "dimensions");
            return squareMatrixOp(op, *in[0], r,
                                  [&](int64_t b, const Matrix &m) {
                                    r.setDouble(b, determinant(m));
                                  });
          })
          .Case([&](TriangularSolveOp c) -> Error {
            if (Error e = arity(2))
              return e;
            return evalTriangularSolve(c, *in[0], *in[1], r);
          })
          .Default([&](Operation *) {
            return opError(op, "is not supported by the reference evaluator");
          });
  if (err)
    return err;
  env[op->getResult(0)] = std::move(r);
  return Error::success();
}

Expected<std::vector<HostTensor>> Evaluator::run(func::FuncOp func,
                                                 ArrayRef<HostTensor> args) {
  if (func.isExternal())
    return plainError("function @" + func.getSymName() +
                      " is a declaration without a body");
  if (!func.getBody().hasOneBlock())
    return plainError("function @" + func.getSymName() +
                      " has several blocks; the reference evaluator handles "
                      "single-block functions only");
  Block &body = func.getBody().front();
  Env env;
  for (unsigned i = 0; i < args.size(); ++i)
    env[body.getArgument(i)] = args[i];
  for (Operation &op : body) {
    if (auto ret = dyn_cast<func::ReturnOp>(op)) {
      std::vector<HostTensor> results;
      for (Value v : ret.getOperands()) {
        Expected<const HostTensor *> t = lookup(&op, env, v);
        if (!t)
          return t.takeError();
        results.push_back(**t);
      }
      return results;
    }
    if (Error e = evalOp(&op, env))
      return std::move(e);
  }
  return plainError("function @" + func.getSymName() + " has no func.return");
}

Expected<std::vector<HostTensor>>
Evaluator::call(StringRef name, ArrayRef<HostTensor> args, Operation *caller) {
  auto func = module.lookupSymbol<func::FuncOp>(name);
  if (!func)
    return caller ? opError(caller,
                            "calls @" + name + ", which is not a func.func")
                  : plainError("no function named '" + name + "'");
  FunctionType type = func.getFunctionType();
  if (type.getNumInputs() != args.size())
    return plainError("@" + name + " takes " +
                      llvm::Twine(type.getNumInputs()) + " argument" +
                      (type.getNumInputs() == 1 ? "" : "s") + ", got " +
                      llvm::Twine(args.size()));
  // `?` dims match any size, the same in every argument (the batch size).
  std::optional<int64_t> batch;
  auto matches = [&](ArrayRef<int64_t> shape, ArrayRef<int64_t> given) {
    if (shape.size() != given.size())
      return false;
    for (auto [d, g] : llvm::zip_equal(shape, given)) {
      if (!ShapedType::isDynamic(d)) {
        if (d != g)
          return false;
      } else if (batch && *batch != g) {
        return false;
      } else {
        batch = g;
      }
    }
    return true;
  };
  for (unsigned i = 0; i < args.size(); ++i) {
    Type expected = type.getInput(i);
    Expected<DType> dtype = dtypeOfBatchTensorType(expected);
    if (!dtype)
      return plainError("@" + name + " argument " + llvm::Twine(i) + ": " +
                        llvm::toString(dtype.takeError()));
    auto shape = cast<RankedTensorType>(expected).getShape();
    std::optional<int64_t> batchBefore = batch;
    if (*dtype != args[i].dtype() || !matches(shape, args[i].shape()))
      return plainError("@" + name + " argument " + llvm::Twine(i) +
                        ": expected " + formatTensorType(*dtype, shape.vec()) +
                        ", got " + typeString(args[i]) +
                        (batchBefore ? " (the batch size '?' is " +
                                           llvm::Twine(*batchBefore) +
                                           " by the arguments before)"
                                     : llvm::Twine("")));
  }
  if (depth >= kMaxCallDepth)
    return plainError("@" + name + ": calls nested more than " +
                      llvm::Twine(kMaxCallDepth) +
                      " deep (recursive function?)");
  ++depth;
  auto results = run(func, args);
  --depth;
  if (!results)
    return results.takeError();
  // The results must have the declared types, or the caller's indexing
  // would go wrong.
  if (results->size() != type.getNumResults())
    return plainError("@" + name + " returned " + llvm::Twine(results->size()) +
                      " values, its type says " +
                      llvm::Twine(type.getNumResults()));
  for (unsigned j = 0; j < results->size(); ++j) {
    auto rt = dyn_cast<RankedTensorType>(type.getResult(j));
    Expected<DType> dtype = dtypeOfBatchTensorType(type.getResult(j));
    if (!dtype)
      return plainError("@" + name + " result " + llvm::Twine(j) + ": " +
                        llvm::toString(dtype.takeError()));
    if (*dtype != (*results)[j].dtype() ||
        !matches(rt.getShape(), (*results)[j].shape()))
      return plainError("@" + name + " result " + llvm::Twine(j) +
                        " has type " + typeString((*results)[j]) +
                        ", its signature says " +
                        formatTensorType(*dtype, rt.getShape().vec()));
  }
  return results;
}

Expected<DType> vmapc::dtypeOfTensorType(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  if (tensor && !tensor.hasStaticShape()) {
    std::string s;
    llvm::raw_string_ostream os(s);
    type.print(os);
    return plainError("type " + s + " is not a statically shaped tensor");
  }
  return dtypeOfBatchTensorType(type);
}

Expected<DType> vmapc::dtypeOfBatchTensorType(Type type) {
  auto tensor = dyn_cast<RankedTensorType>(type);
  std::string s;
  llvm::raw_string_ostream os(s);
  type.print(os);
  if (!tensor)
    return plainError("type " + s + " is not a ranked tensor");
  Type e = tensor.getElementType();
  if (e.isF32())
    return DType::F32;
  if (e.isF64())
    return DType::F64;
  if (e.isInteger(1))
    return DType::I1;
  if (e.isInteger(32))
    return DType::I32;
  if (e.isInteger(64))
    return DType::I64;
  return plainError("element type of " + s +
                    " is not one of f32, f64, i1, i32, i64");
}

Expected<std::vector<HostTensor>>
vmapc::evaluateFunction(ModuleOp module, StringRef name,
                        ArrayRef<HostTensor> args) {
  Evaluator evaluator(module);
  return evaluator.call(name, args, nullptr);
}
