/* Not a test: the C program of aot.mlir, linked with the objects that
 * vmapc-compile writes, through the C entry points their headers declare.
 * It prints results as vmapc-run does (aot_print.h), so they can be diffed
 * against vmapc-run of the same functions on the same inputs.
 *
 *   aot_driver chunked KERNEL N...  serial / serial_base / par / par_t2 of
 *                                   aot.mlir on batch sizes N..., one
 *                                   object serving them all
 *   aot_driver serial9              the static chunked vmap
 *   aot_driver mixed                f64, i32, i1 and f32, rank 0 too
 *   aot_driver codes                the return codes: n < 0 and null
 *                                   pointers are rejected untouched
 *   aot_driver helpers              ka and kb, two kernels whose bodies
 *                                   have the same name
 *   aot_driver threads              serial (and par) called from 4 threads
 *                                   at once give the sequential results
 *
 * Inputs are those of Inputs/gen_chunked.py: row k of x is
 * [k - 6, 2, k % 3 - 1], w is [[1, 2], [-1, 0], [3, -2]]. Built with
 * -DAOT_WITH_PAR, the parallel kernels are linked in (and libomp). */
#include "aot_print.h"

#include "ka.h"
#include "kb.h"
#include "mixed.h"
#include "serial.h"
#include "serial9.h"
#include "serial_base.h"
#ifdef AOT_WITH_PAR
#include "par.h"
#include "par_t2.h"
#endif

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

typedef int32_t (*chunked_fn)(int64_t, const float *, const float *, float *,
                              float *);

static const float w[6] = {1, 2, -1, 0, 3, -2};

/* x of gen_chunked.py; NULL when n is 0 (allowed: no elements). */
static float *make_x(int64_t n) {
  float *x;
  int64_t k;
  if (n == 0)
    return NULL;
  x = malloc(n * 3 * sizeof(float));
  for (k = 0; k < n; ++k) {
    x[3 * k] = (float)(k - 6);
    x[3 * k + 1] = 2;
    x[3 * k + 2] = (float)(k % 3 - 1);
  }
  return x;
}

static chunked_fn chunked_kernel(const char *name) {
  if (!strcmp(name, "serial"))
    return serial;
  if (!strcmp(name, "serial_base"))
    return serial_base;
#ifdef AOT_WITH_PAR
  if (!strcmp(name, "par"))
    return par;
  if (!strcmp(name, "par_t2"))
    return par_t2;
#endif
  fprintf(stderr, "no kernel %s\n", name);
  exit(2);
}

static int run_chunked(chunked_fn kernel, int argc, char **argv) {
  int i;
  for (i = 0; i < argc; ++i) {
    int64_t n = atoll(argv[i]);
    int64_t s0[2] = {n, 2}, s1[2] = {3, 2};
    float *x = make_x(n);
    float *out0 = n ? malloc(n * 2 * sizeof(float)) : NULL;
    float out1[6];
    int32_t rc = kernel(n, x, w, out0, out1);
    if (rc != 0) {
      printf("rc=%d\n", rc);
      return 1;
    }
    aot_print(AOT_F32, out0, 2, s0);
    aot_print(AOT_F32, out1, 2, s1);
    free(x);
    free(out0);
  }
  return 0;
}

static int run_serial9(void) {
  float *x = make_x(9), out0[18], out1[6];
  int64_t s0[2] = {9, 2}, s1[2] = {3, 2};
  int32_t rc = serial9(x, w, out0, out1);
  if (rc != 0)
    return 1;
  aot_print(AOT_F32, out0, 2, s0);
  aot_print(AOT_F32, out1, 2, s1);
  free(x);
  return 0;
}

static const double a[6] = {0.5, -1.25, 2, 3, -0.5, 1.5};
static const int32_t b[3] = {-3, 0, 7};
static const float xs[4] = {0, 1, -1, 0.5f};
static const bool p[3] = {false, true, true};

static int run_mixed(void) {
  double sq[6], th[6], sum;
  int32_t sel[3];
  bool gt[6];
  float ex[4];
  int64_t s23[2] = {2, 3}, s3[1] = {3}, s4[1] = {4};
  if (mixed(a, b, xs, p, sq, sel, gt, ex, th, &sum) != 0)
    return 1;
  aot_print(AOT_F64, sq, 2, s23);
  aot_print(AOT_I32, sel, 1, s3);
  aot_print(AOT_I1, gt, 2, s23);
  aot_print(AOT_F32, ex, 1, s4);
  aot_print(AOT_F64, th, 2, s23);
  aot_print(AOT_F64, &sum, 0, NULL);
  return 0;
}

/* Whether every element of `v` is still the sentinel 99. */
static int untouched(const float *v, int count) {
  int i;
  for (i = 0; i < count; ++i)
    if (v[i] != 99)
      return 0;
  return 1;
}

static void code(const char *what, chunked_fn kernel, int64_t n,
                 const float *x, const float *wp, int out0, int out1) {
  float o0[6], o1[6];
  int i;
  int32_t rc;
  for (i = 0; i < 6; ++i)
    o0[i] = o1[i] = 99;
  rc = kernel(n, x, wp, out0 ? o0 : NULL, out1 ? o1 : NULL);
  printf("%s: rc=%d %s\n", what, rc,
         untouched(o0, 6) && untouched(o1, 6) ? "untouched" : "written");
}

static int run_codes(void) {
  float *x = make_x(3);
  double sq[6], th[6], sum;
  int32_t sel[3];
  bool gt[6];
  float ex[4], o0[18], o1[6];
  code("n=3", serial, 3, x, w, 1, 1);
  code("n=-1", serial, -1, x, w, 1, 1);
  code("n=min", serial, INT64_MIN, x, w, 1, 1);
  code("x=null", serial, 3, NULL, w, 1, 1);
  code("w=null", serial, 3, x, NULL, 1, 1);
  code("out0=null", serial, 3, x, w, 0, 1);
  code("out1=null", serial, 3, x, w, 1, 0);
  /* n = 0: the batched arrays have no elements, null is fine; w and out1
   * still have theirs. */
  code("n=0 x,out0=null", serial, 0, NULL, w, 0, 1);
  code("n=0 w=null", serial, 0, NULL, NULL, 0, 1);
  code("n=0 out1=null", serial, 0, NULL, w, 0, 0);
  printf("mixed: rc=%d\n", mixed(a, b, xs, p, sq, sel, gt, ex, th, &sum));
  printf("mixed p=null: rc=%d\n",
         mixed(a, b, xs, NULL, sq, sel, gt, ex, th, &sum));
  printf("mixed sum=null: rc=%d\n",
         mixed(a, b, xs, p, sq, sel, gt, ex, th, NULL));
  printf("serial9 x=null: rc=%d\n", serial9(NULL, w, o0, o1));
  free(x);
  return 0;
}

static int run_helpers(void) {
  float v[4] = {1, 2, 3, -4}, ra[4], rb[4];
  int64_t s[1] = {4};
  if (ka(v, ra) != 0 || kb(v, rb) != 0)
    return 1;
  aot_print(AOT_F32, ra, 1, s);
  aot_print(AOT_F32, rb, 1, s);
  return 0;
}

enum { kThreadBatch = 1001, kThreads = 4, kRepeats = 20 };

struct job {
  chunked_fn kernel;
  const float *x;
  const float *want;
  int ok;
};

static void *thread_main(void *arg) {
  struct job *j = arg;
  float *out0 = malloc(kThreadBatch * 2 * sizeof(float)), out1[6];
  int r;
  j->ok = 1;
  for (r = 0; r < kRepeats; ++r) {
    if (j->kernel(kThreadBatch, j->x, w, out0, out1) != 0 ||
        memcmp(out0, j->want, kThreadBatch * 2 * sizeof(float)) != 0)
      j->ok = 0;
  }
  free(out0);
  return NULL;
}

static int run_threads_of(const char *name, chunked_fn kernel) {
  float *x = make_x(kThreadBatch);
  float *want = malloc(kThreadBatch * 2 * sizeof(float)), out1[6];
  pthread_t t[kThreads];
  struct job jobs[kThreads];
  int i, ok = 1;
  if (kernel(kThreadBatch, x, w, want, out1) != 0)
    return 1;
  for (i = 0; i < kThreads; ++i) {
    jobs[i].kernel = kernel;
    jobs[i].x = x;
    jobs[i].want = want;
    pthread_create(&t[i], NULL, thread_main, &jobs[i]);
  }
  for (i = 0; i < kThreads; ++i) {
    pthread_join(t[i], NULL);
    ok = ok && jobs[i].ok;
  }
  printf("threads %s: %s\n", name, ok ? "same" : "DIFFERENT");
  free(x);
  free(want);
  return 0;
}

int main(int argc, char **argv) {
  if (argc >= 3 && !strcmp(argv[1], "chunked"))
    return run_chunked(chunked_kernel(argv[2]), argc - 3, argv + 3);
  if (argc == 2 && !strcmp(argv[1], "serial9"))
    return run_serial9();
  if (argc == 2 && !strcmp(argv[1], "mixed"))
    return run_mixed();
  if (argc == 2 && !strcmp(argv[1], "codes"))
    return run_codes();
  if (argc == 2 && !strcmp(argv[1], "helpers"))
    return run_helpers();
  if (argc == 2 && !strcmp(argv[1], "threads")) {
    int rc = run_threads_of("serial", serial);
#ifdef AOT_WITH_PAR
    rc |= run_threads_of("par", par);
#endif
    return rc;
  }
  fprintf(stderr, "usage: aot_driver chunked|serial9|mixed|codes|helpers|threads\n");
  return 2;
}
