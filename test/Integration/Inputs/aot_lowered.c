/* Not a test: for aot.mlir, calls SERIAL9 (a kernel with the signature of
 * @serial9, compiled from an already lowered module) on the inputs of
 * aot_driver.c and prints its results as vmapc-run does. */
#include "aot_print.h"
#include "serial9_lowered.h"

int main(void) {
  static const float w[6] = {1, 2, -1, 0, 3, -2};
  float x[27], out0[18], out1[6];
  int64_t s0[2] = {9, 2}, s1[2] = {3, 2};
  int k;
  for (k = 0; k < 9; ++k) {
    x[3 * k] = (float)(k - 6);
    x[3 * k + 1] = 2;
    x[3 * k + 2] = (float)(k % 3 - 1);
  }
  if (SERIAL9(x, w, out0, out1) != 0)
    return 1;
  aot_print(AOT_F32, out0, 2, s0);
  aot_print(AOT_F32, out1, 2, s1);
  return 0;
}
