//===- Npy.cpp - NumPy .npy files and the printed tensor format -----------===//
//
// The .npy format (numpy/lib/format.py): the magic "\x93NUMPY", a major and a
// minor version byte, the header length (2 bytes little-endian in 1.0, 4 bytes
// in 2.0 and 3.0), then a Python dict literal such as
//   {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }
// padded with spaces and ended by '\n', then the raw data. The reader trusts
// nothing in the file: header length, shape and data size are all checked
// against the file size before anything is allocated.
//
//===----------------------------------------------------------------------===//
#include "vmapc/Support/Npy.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileOutputBuffer.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"

#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <optional>

using namespace vmapc;
using llvm::StringRef;

namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicLen = 6;

llvm::Error npyError(StringRef name, const llvm::Twine &what) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 name + ": " + what);
}

/// A cursor over the header dict. The grammar accepted is the subset numpy
/// writes (and Python's literal syntax allows for it): string keys in single
/// or double quotes, values that are strings, True/False, or tuples of
/// non-negative integers, with optional trailing commas and whitespace.
class HeaderParser {
public:
  explicit HeaderParser(StringRef text) : text(text) {}

  void skipSpace() {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\t' ||
                                 text[pos] == '\n' || text[pos] == '\r'))
      ++pos;
  }
  bool consume(char c) {
    skipSpace();
    if (pos < text.size() && text[pos] == c) {
      ++pos;
      return true;
    }
    return false;
  }
  bool peek(char c) {
    skipSpace();
    return pos < text.size() && text[pos] == c;
  }
  bool atEnd() {
    skipSpace();
    return pos >= text.size();
  }
  std::optional<std::string> parseString() {
    skipSpace();
    if (pos >= text.size() || (text[pos] != '\'' && text[pos] != '"'))
      return std::nullopt;
    char quote = text[pos++];
    size_t end = text.find(quote, pos);
    if (end == StringRef::npos)
      return std::nullopt;
    std::string s = text.slice(pos, end).str();
    pos = end + 1;
    return s;
  }
  std::optional<bool> parseBool() {
    skipSpace();
    if (text.substr(pos).starts_with("True")) {
      pos += 4;
      return true;
    }
    if (text.substr(pos).starts_with("False")) {
      pos += 5;
      return false;
    }
    return std::nullopt;
  }
  /// A tuple of integers: `()`, `(3,)`, `(2, 3)`. Python 2 era writers
  /// appended `L` to long integers; accept it.
  std::optional<std::vector<int64_t>> parseShape(std::string &why) {
    std::vector<int64_t> dims;
    if (!consume('(')) {
      why = "'shape' is not a tuple";
      return std::nullopt;
    }
    while (!consume(')')) {
      skipSpace();
      size_t start = pos;
      while (pos < text.size() && llvm::isDigit(text[pos]))
        ++pos;
      if (start == pos) {
        why = "'shape' has a non-integer or negative dimension";
        return std::nullopt;
      }
      StringRef digits = text.slice(start, pos);
      uint64_t value;
      // Dimensions beyond 2^62 cannot describe data that fits in a file.
      if (digits.getAsInteger(10, value) || value > (uint64_t(1) << 62)) {
        why = "'shape' dimension " + digits.str() + " is too large";
        return std::nullopt;
      }
      if (pos < text.size() && text[pos] == 'L')
        ++pos;
      dims.push_back(static_cast<int64_t>(value));
      if (!consume(',') && !peek(')')) {
        why = "'shape' tuple is malformed";
        return std::nullopt;
      }
    }
    return dims;
  }

private:
  StringRef text;
  size_t pos = 0;
};

std::optional<DType> parseDescr(StringRef descr) {
  if (descr == "<f4")
    return DType::F32;
  if (descr == "<f8")
    return DType::F64;
  if (descr == "<i4")
    return DType::I32;
  if (descr == "<i8")
    return DType::I64;
  // A one-byte type has no byte order; numpy writes '|' but '<' and '=' are
  // equally unambiguous.
  if (descr == "|b1" || descr == "<b1" || descr == "=b1")
    return DType::I1;
  return std::nullopt;
}

const char *descrOf(DType dtype) {
  switch (dtype) {
  case DType::F32:
    return "<f4";
  case DType::F64:
    return "<f8";
  case DType::I1:
    return "|b1";
  case DType::I32:
    return "<i4";
  case DType::I64:
    return "<i8";
  }
  return "?";
}

uint32_t readLE(StringRef bytes) {
  uint32_t v = 0;
  for (size_t i = bytes.size(); i-- > 0;)
    v = (v << 8) | static_cast<uint8_t>(bytes[i]);
  return v;
}

} // namespace

llvm::Expected<HostTensor> vmapc::readNpyFromBuffer(StringRef contents,
                                                    StringRef name) {
  if (contents.size() < kMagicLen + 2 ||
      contents.substr(0, kMagicLen) != StringRef(kMagic, kMagicLen))
    return npyError(name, "not a .npy file (missing the \\x93NUMPY magic)");
  unsigned major = static_cast<uint8_t>(contents[kMagicLen]);
  unsigned minor = static_cast<uint8_t>(contents[kMagicLen + 1]);
  size_t lenBytes;
  if (major == 1 && minor == 0)
    lenBytes = 2;
  else if ((major == 2 || major == 3) && minor == 0)
    lenBytes = 4;
  else
    return npyError(name, "unsupported .npy format version " +
                              llvm::Twine(major) + "." + llvm::Twine(minor) +
                              " (expected 1.0, 2.0 or 3.0)");
  size_t prefix = kMagicLen + 2 + lenBytes;
  if (contents.size() < prefix)
    return npyError(name, "truncated .npy header");
  uint64_t headerLen = readLE(contents.substr(kMagicLen + 2, lenBytes));
  if (headerLen > contents.size() - prefix)
    return npyError(name, "truncated .npy header: it claims " +
                              llvm::Twine(headerLen) + " bytes, the file has " +
                              llvm::Twine(contents.size() - prefix) +
                              " after the preamble");
  StringRef header = contents.substr(prefix, headerLen);
  // Version 1.0 and 2.0 headers are latin-1, 3.0 is UTF-8; the dict numpy
  // writes is ASCII either way, and the parser only accepts ASCII tokens.
  HeaderParser p(header);
  std::optional<DType> dtype;
  std::optional<bool> fortran;
  std::optional<std::vector<int64_t>> shape;
  std::string descr;
  if (!p.consume('{'))
    return npyError(name, "malformed .npy header (not a dict)");
  while (!p.consume('}')) {
    std::optional<std::string> key = p.parseString();
    if (!key || !p.consume(':'))
      return npyError(name, "malformed .npy header (expected 'key': value)");
    if (*key == "descr") {
      std::optional<std::string> value = p.parseString();
      if (!value)
        return npyError(name, "malformed .npy header ('descr' is not a "
                              "string; structured dtypes are not supported)");
      descr = *value;
      dtype = parseDescr(descr);
      if (!dtype) {
        if (!descr.empty() && descr[0] == '>')
          return npyError(name, "big-endian dtype '" + descr +
                                    "' is not supported (expected "
                                    "little-endian)");
        return npyError(name, "unsupported dtype '" + descr +
                                  "' (expected <f4, <f8, <i4, <i8 or |b1)");
      }
    } else if (*key == "fortran_order") {
      fortran = p.parseBool();
      if (!fortran)
        return npyError(name, "malformed .npy header ('fortran_order' is not "
                              "True or False)");
    } else if (*key == "shape") {
      std::string why;
      shape = p.parseShape(why);
      if (!shape)
        return npyError(name, "malformed .npy header (" + why + ")");
    } else {
      return npyError(name,
                      "malformed .npy header (unknown key '" + *key + "')");
    }
    if (!p.consume(',') && !p.peek('}'))
      return npyError(name, "malformed .npy header (expected ',' or '}')");
  }
  if (!p.atEnd())
    return npyError(name, "malformed .npy header (text after the dict)");
  if (!dtype || !fortran || !shape)
    return npyError(name, "malformed .npy header (missing '" +
                              llvm::Twine(!dtype     ? "descr"
                                          : !fortran ? "fortran_order"
                                                     : "shape") +
                              "')");
  if (*fortran)
    return npyError(name, "Fortran-order arrays are not supported (save it "
                          "with np.ascontiguousarray)");

  // The element count must be computed without overflow before it is
  // compared with the bytes present; only then is memory allocated.
  StringRef data = contents.substr(prefix + headerLen);
  uint64_t count = 1;
  bool overflow = false;
  for (int64_t d : *shape)
    overflow |= __builtin_mul_overflow(count, static_cast<uint64_t>(d), &count);
  // A zero dimension makes the array empty whatever the others say.
  if (llvm::is_contained(*shape, 0))
    count = 0, overflow = false;
  size_t elemSize = dtypeSize(*dtype);
  uint64_t needed = 0;
  overflow |= __builtin_mul_overflow(count, elemSize, &needed);
  if (overflow || needed > data.size())
    return npyError(
        name,
        "truncated data: shape " + shapeToString(*shape) + " of '" + descr +
            "' needs " +
            (overflow ? llvm::Twine("more than 2^64") : llvm::Twine(needed)) +
            " bytes, the file has " + llvm::Twine(data.size()));
  if (needed != data.size())
    return npyError(name, "data size mismatch: shape " + shapeToString(*shape) +
                              " of '" + descr + "' needs " +
                              llvm::Twine(needed) + " bytes, the file has " +
                              llvm::Twine(data.size()));

  HostTensor tensor(*dtype, *shape);
  if (needed)
    std::memcpy(tensor.rawData(), data.data(), needed);
  // numpy bools are 0 or 1, but a hand-made file may hold any byte; the
  // dialect's i1 is strictly 0/1.
  if (*dtype == DType::I1) {
    uint8_t *bytes = tensor.data<uint8_t>();
    for (uint64_t i = 0; i < count; ++i)
      bytes[i] = bytes[i] != 0;
  }
  return tensor;
}

llvm::Expected<HostTensor> vmapc::readNpy(StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buffer =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (std::error_code ec = buffer.getError())
    return npyError(path, "cannot read: " + ec.message());
  return readNpyFromBuffer((*buffer)->getBuffer(), path);
}

std::string vmapc::encodeNpy(const HostTensor &tensor) {
  std::string dict = "{'descr': '";
  dict += descrOf(tensor.dtype());
  dict += "', 'fortran_order': False, 'shape': (";
  for (int64_t d : tensor.shape())
    dict += std::to_string(d) + ", ";
  // Python's one-element tuple needs its comma; others read better without
  // the trailing one, as numpy writes them.
  if (tensor.rank() > 1)
    dict.resize(dict.size() - 2);
  else if (tensor.rank() == 1)
    dict.pop_back();
  dict += "), }";
  // Pad with spaces so data starts on a 64-byte boundary, then '\n'.
  bool v2 = dict.size() + 1 + kMagicLen + 2 + 2 > 65535;
  size_t prefix = kMagicLen + 2 + (v2 ? 4 : 2);
  size_t total = prefix + dict.size() + 1;
  size_t padded = (total + 63) / 64 * 64;
  dict.append(padded - total, ' ');
  dict += '\n';

  std::string out(kMagic, kMagicLen);
  out += static_cast<char>(v2 ? 2 : 1);
  out += '\0';
  uint32_t len = static_cast<uint32_t>(dict.size());
  for (size_t i = 0; i < (v2 ? 4u : 2u); ++i)
    out += static_cast<char>((len >> (8 * i)) & 0xff);
  out += dict;
  out.append(static_cast<const char *>(tensor.rawData()), tensor.sizeInBytes());
  return out;
}

llvm::Error vmapc::writeNpy(StringRef path, const HostTensor &tensor) {
  std::string bytes = encodeNpy(tensor);
  std::error_code ec;
  llvm::raw_fd_ostream os(path, ec, llvm::sys::fs::OF_None);
  if (ec)
    return npyError(path, "cannot write: " + ec.message());
  os << bytes;
  os.close();
  if (os.has_error()) {
    std::error_code writeEc = os.error();
    os.clear_error();
    return npyError(path, "cannot write: " + writeEc.message());
  }
  return llvm::Error::success();
}

std::string vmapc::resultNpyPath(StringRef prefix, unsigned index) {
  return (prefix + llvm::Twine(index) + ".npy").str();
}

std::string vmapc::formatTensorType(DType dtype,
                                    const std::vector<int64_t> &shape) {
  std::string s = "tensor<";
  for (int64_t d : shape)
    s += (d < 0 ? std::string("?") : std::to_string(d)) + "x";
  return s + dtypeName(dtype) + ">";
}

namespace {

void formatElement(const HostTensor &t, int64_t i, std::string &out) {
  char buf[64];
  switch (t.dtype()) {
  case DType::F32:
  case DType::F64: {
    double v = t.getDouble(i);
    if (std::isnan(v)) {
      out += "nan";
      return;
    }
    if (std::isinf(v)) {
      out += v < 0 ? "-inf" : "inf";
      return;
    }
    std::snprintf(buf, sizeof(buf), t.dtype() == DType::F32 ? "%.9g" : "%.17g",
                  v);
    out += buf;
    return;
  }
  case DType::I1:
    out += t.getInt(i) ? "true" : "false";
    return;
  case DType::I32:
  case DType::I64:
    std::snprintf(buf, sizeof(buf), "%" PRId64, t.getInt(i));
    out += buf;
    return;
  }
}

/// Prints dimension `dim` onwards of the block starting at element `offset`.
void formatLevel(const HostTensor &t, size_t dim, int64_t offset,
                 std::string &out) {
  const std::vector<int64_t> &shape = t.shape();
  if (dim == shape.size()) {
    formatElement(t, offset, out);
    return;
  }
  int64_t stride = 1;
  for (size_t d = dim + 1; d < shape.size(); ++d)
    stride *= shape[d];
  out += '[';
  for (int64_t i = 0; i < shape[dim]; ++i) {
    if (i)
      out += ", ";
    formatLevel(t, dim + 1, offset + i * stride, out);
  }
  out += ']';
}

} // namespace

std::string vmapc::formatTensor(const HostTensor &tensor) {
  std::string out = formatTensorType(tensor.dtype(), tensor.shape());
  out += ' ';
  formatLevel(tensor, 0, 0, out);
  return out;
}
