// vmapc-contract-multiply-adds adds `contract` to float multiplies, adds,
// subtractions and negations, keeping the flags they have; other ops and
// integer arithmetic are untouched.
// RUN: vmapc-opt --vmapc-contract-multiply-adds %s | FileCheck %s
// The pipeline runs it only with fp-contract, and LLVM then fuses.
// RUN: vmapc-opt --vmapc-lower-to-llvm %s | FileCheck %s --check-prefix=OFF
// RUN: vmapc-opt --vmapc-lower-to-llvm=fp-contract=1 %s | FileCheck %s --check-prefix=ON

// CHECK-LABEL: func.func @step
// CHECK: arith.mulf %{{.+}}, %{{.+}} fastmath<contract> : vector<16xf32>
// CHECK: arith.subf %{{.+}}, %{{.+}} fastmath<contract> : vector<16xf32>
// CHECK: arith.addf %{{.+}}, %{{.+}} fastmath<reassoc,contract> : f32
// CHECK: arith.negf %{{.+}} fastmath<contract> : f32
// CHECK: arith.divf %{{.+}}, %{{.+}} : f32
// CHECK: arith.addi %{{.+}}, %{{.+}} : i32
// OFF-LABEL: llvm.func @step
// OFF-NOT: contract
// OFF: llvm.return
// ON-LABEL: llvm.func @step
// ON: llvm.fmul %{{.+}}, %{{.+}} {fastmathFlags = #llvm.fastmath<contract>} : vector<16xf32>
// ON: llvm.fsub %{{.+}}, %{{.+}} {fastmathFlags = #llvm.fastmath<contract>} : vector<16xf32>
func.func @step(%x: vector<16xf32>, %y: vector<16xf32>, %a: f32, %b: f32,
                %i: i32) -> (vector<16xf32>, f32, i32) {
  %m = arith.mulf %x, %y : vector<16xf32>
  %s = arith.subf %x, %m : vector<16xf32>
  %t = arith.addf %a, %b fastmath<reassoc> : f32
  %n = arith.negf %t : f32
  %q = arith.divf %n, %b : f32
  %j = arith.addi %i, %i : i32
  return %s, %q, %j : vector<16xf32>, f32, i32
}
