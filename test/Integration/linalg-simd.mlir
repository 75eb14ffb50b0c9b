// Small linear algebra is SIMD across the batch: through the whole pipeline,
// every arithmetic step of inv, det, cholesky and triangular_solve on 64
// matrices is a full 512-bit vector op (16 f32 lanes, one matrix per lane,
// 64 lanes in four chunks of one register), with pivoting by vector selects
// and no scalar arithmetic on matrix entries left.
// RUN: vmapc-opt --vmapc-lower-to-llvm %s | FileCheck %s

// CHECK-LABEL: llvm.func @inv(
// CHECK-NOT:     llvm.fdiv {{.*}} : f32
// CHECK:         llvm.fcmp "ogt" %{{.+}}, %{{.+}} : vector<16xf32>
// CHECK:         llvm.icmp "eq" %{{.+}}, %{{.+}} : vector<16xi32>
// CHECK:         llvm.select %{{.+}}, %{{.+}}, %{{.+}} : vector<16xi1>, vector<16xf32>
// CHECK-NOT:     llvm.fdiv {{.*}} : f32
// CHECK:         llvm.fdiv %{{.+}}, %{{.+}} : vector<16xf32>
// CHECK-NOT:     llvm.f{{mul|sub|div}} {{.*}} : f32
// CHECK:         llvm.fsub %{{.+}}, %{{.+}} : vector<16xf32>
// CHECK-NOT:     llvm.f{{mul|sub|div}} {{.*}} : f32
// CHECK:         llvm.return
func.func @inv(%a: tensor<64x3x3xf32>) -> tensor<64x3x3xf32> {
  %0 = "vmapc.inv"(%a) : (tensor<64x3x3xf32>) -> tensor<64x3x3xf32>
  return %0 : tensor<64x3x3xf32>
}

// CHECK-LABEL: llvm.func @det(
// CHECK-NOT:     llvm.f{{mul|sub|div}} {{.*}} : f32
// CHECK:         llvm.fcmp "ogt" %{{.+}}, %{{.+}} : vector<16xf32>
// CHECK:         llvm.fneg %{{.+}} : vector<16xf32>
// CHECK:         llvm.fmul %{{.+}}, %{{.+}} : vector<16xf32>
// CHECK-NOT:     llvm.f{{mul|sub|div}} {{.*}} : f32
// CHECK:         llvm.return
func.func @det(%a: tensor<64x3x3xf32>) -> tensor<64xf32> {
  %0 = "vmapc.det"(%a) : (tensor<64x3x3xf32>) -> tensor<64xf32>
  return %0 : tensor<64xf32>
}

// f64: 8 lanes per 512-bit register. (The order of the three is whatever
// vmapc-sink-to-first-use leaves: each op sits just before its first use.)
// CHECK-LABEL: llvm.func @cholesky(
// CHECK-NOT:     llvm.f{{mul|sub|div}} {{.*}} : f64
// CHECK-DAG:     llvm.intr.sqrt(%{{.+}}) : (vector<8xf64>) -> vector<8xf64>
// CHECK-DAG:     llvm.fcmp "ule" %{{.+}}, %{{.+}} : vector<8xf64>
// CHECK-DAG:     llvm.fdiv %{{.+}}, %{{.+}} : vector<8xf64>
// CHECK-NOT:     llvm.f{{mul|sub|div}} {{.*}} : f64
// CHECK:         llvm.return
func.func @cholesky(%a: tensor<64x3x3xf64>) -> tensor<64x3x3xf64> {
  %0 = "vmapc.cholesky"(%a) : (tensor<64x3x3xf64>) -> tensor<64x3x3xf64>
  return %0 : tensor<64x3x3xf64>
}

// CHECK-LABEL: llvm.func @triangular_solve(
// CHECK-NOT:     llvm.f{{mul|sub|div}} {{.*}} : f32
// CHECK:         llvm.fmul %{{.+}}, %{{.+}} : vector<16xf32>
// CHECK:         llvm.fsub %{{.+}}, %{{.+}} : vector<16xf32>
// CHECK:         llvm.fdiv %{{.+}}, %{{.+}} : vector<16xf32>
// CHECK-NOT:     llvm.f{{mul|sub|div}} {{.*}} : f32
// CHECK:         llvm.return
func.func @triangular_solve(%a: tensor<64x3x3xf32>, %b: tensor<64x3x2xf32>) -> tensor<64x3x2xf32> {
  %0 = "vmapc.triangular_solve"(%a, %b) {lower = true, left_side = true, transpose_a = false} : (tensor<64x3x3xf32>, tensor<64x3x2xf32>) -> tensor<64x3x2xf32>
  return %0 : tensor<64x3x2xf32>
}
