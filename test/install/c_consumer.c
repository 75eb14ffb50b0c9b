/* A C program calling an AOT kernel through its C entry point only. */
#include "nn_kernel.h"

#include <math.h>
#include <stdio.h>

int main(void) {
  enum { n = 5, din = 8, dout = 4 };
  float x[n * din], w[din * dout], b[dout], y[n * dout];
  for (int i = 0; i < n * din; ++i)
    x[i] = sinf(0.1f * i);
  for (int i = 0; i < din * dout; ++i)
    w[i] = cosf(0.3f * i) / 4;
  for (int i = 0; i < dout; ++i)
    b[i] = 0.1f * i;
  if (nn(n, x, w, b, y) != 0)
    return 1;
  double worst = 0;
  for (int r = 0; r < n; ++r)
    for (int c = 0; c < dout; ++c) {
      double s = b[c];
      for (int k = 0; k < din; ++k)
        s += (double)x[r * din + k] * w[k * dout + c];
      double e = fabs(tanh(s) - y[r * dout + c]);
      worst = e > worst ? e : worst;
    }
  printf("c_consumer: max abs error %.3g\n", worst);
  return worst < 1e-5 ? 0 : 1;
}
