/* Not a test: prints arrays the way vmapc-run does (formatTensor in
 * lib/Support/Npy.cpp): the MLIR type, a space, nested brackets in
 * row-major order; f32 with %.9g, f64 with %.17g, nan/inf/-inf, i1 as
 * true/false, rank 0 unbracketed. So the output of a program calling AOT
 * kernels can be diffed against vmapc-run's. Plain C, for aot_driver.c and
 * aot_driver.cpp. */
#ifndef AOT_PRINT_H
#define AOT_PRINT_H

#include <inttypes.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

enum aot_dtype { AOT_F32, AOT_F64, AOT_I1, AOT_I32, AOT_I64 };

static const char *aot_dtype_name(enum aot_dtype t) {
  switch (t) {
  case AOT_F32: return "f32";
  case AOT_F64: return "f64";
  case AOT_I1: return "i1";
  case AOT_I32: return "i32";
  case AOT_I64: return "i64";
  }
  return "?";
}

static void aot_print_float(double v, const char *format) {
  if (isnan(v))
    printf("nan");
  else if (isinf(v))
    printf(v < 0 ? "-inf" : "inf");
  else
    printf(format, v);
}

static void aot_print_element(enum aot_dtype t, const void *data, int64_t i) {
  switch (t) {
  case AOT_F32: aot_print_float(((const float *)data)[i], "%.9g"); return;
  case AOT_F64: aot_print_float(((const double *)data)[i], "%.17g"); return;
  case AOT_I1: printf(((const bool *)data)[i] ? "true" : "false"); return;
  case AOT_I32: printf("%" PRId32, ((const int32_t *)data)[i]); return;
  case AOT_I64: printf("%" PRId64, ((const int64_t *)data)[i]); return;
  }
}

static void aot_print_level(enum aot_dtype t, const void *data, int rank,
                            const int64_t *shape, int dim, int64_t offset) {
  int64_t stride = 1, i;
  int d;
  if (dim == rank) {
    aot_print_element(t, data, offset);
    return;
  }
  for (d = dim + 1; d < rank; ++d)
    stride *= shape[d];
  printf("[");
  for (i = 0; i < shape[dim]; ++i) {
    if (i)
      printf(", ");
    aot_print_level(t, data, rank, shape, dim + 1, offset + i * stride);
  }
  printf("]");
}

/* One line: "tensor<2x3xf32> [[...], [...]]". */
static void aot_print(enum aot_dtype t, const void *data, int rank,
                      const int64_t *shape) {
  int d;
  printf("tensor<");
  for (d = 0; d < rank; ++d)
    printf("%" PRId64 "x", shape[d]);
  printf("%s> ", aot_dtype_name(t));
  aot_print_level(t, data, rank, shape, 0, 0);
  printf("\n");
}

#endif
