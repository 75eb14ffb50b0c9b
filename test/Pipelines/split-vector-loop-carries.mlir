// vmapc-split-vector-loop-carries carries an n-D vector through scf.for as
// its rows: a register block's vector<8x16xf32> accumulators starting at
// zero become eight vector<16xf32> iter_args (eight register phis in LLVM,
// not one [8 x <16 x float>] aggregate that goes through memory), rebuilt
// for the body's n-D ops and split again for the yield. Other carries are
// kept, in place.
// RUN: vmapc-opt --vmapc-split-vector-loop-carries %s | FileCheck %s

// CHECK-LABEL: func.func @block
// CHECK-SAME: (%[[A:.+]]: vector<8xf32>, %[[B:.+]]: vector<16xf32>, %[[N:.+]]: index)
// CHECK: %[[ZERO:.+]] = arith.constant dense<0.000000e+00> : vector<16xf32>
// CHECK: %[[R:.+]]:10 = scf.for %{{.+}} = %{{.+}} to %[[N]] step %{{.+}} iter_args(%[[I:.+]] = %{{.+}}, %[[R0:.+]] = %[[ZERO]], %{{.+}} = %[[ZERO]], %{{.+}} = %[[ZERO]], %{{.+}} = %[[ZERO]], %{{.+}} = %[[ZERO]], %{{.+}} = %[[ZERO]], %{{.+}} = %[[ZERO]], %{{.+}} = %[[ZERO]], %[[J:.+]] = %{{.+}}) -> (index, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, vector<16xf32>, index)
// CHECK-NEXT: %[[ACC0:.+]] = vector.insert %[[R0]], %{{.+}} [0] : vector<16xf32> into vector<8x16xf32>
// CHECK-COUNT-7: vector.insert
// CHECK-NEXT: %[[NEXT:.+]] = vector.outerproduct
// CHECK: %[[N0:.+]] = vector.extract %[[NEXT]][0] : vector<16xf32> from vector<8x16xf32>
// CHECK-COUNT-7: vector.extract %[[NEXT]]
// CHECK-NEXT: scf.yield %{{.+}}, %[[N0]], {{.+}}, %[[J]] :
// CHECK-NEXT: }
// CHECK-COUNT-8: vector.insert %[[R]]#
// CHECK: return %{{.+}}, %[[R]]#0, %[[R]]#9
func.func @block(%a: vector<8xf32>, %b: vector<16xf32>, %n: index) -> (vector<8x16xf32>, index, index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %zero = arith.constant dense<0.0> : vector<8x16xf32>
  %r:3 = scf.for %k = %c0 to %n step %c1 iter_args(%i = %c0, %acc = %zero, %j = %c1) -> (index, vector<8x16xf32>, index) {
    %next = vector.outerproduct %a, %b, %acc : vector<8xf32>, vector<16xf32>
    %i1 = arith.addi %i, %c1 : index
    scf.yield %i1, %next, %j : index, vector<8x16xf32>, index
  }
  return %r#1, %r#0, %r#2 : vector<8x16xf32>, index, index
}

// CHECK-LABEL: func.func @one_d
// CHECK: scf.for {{.+}} -> (vector<16xf32>)
func.func @one_d(%b: vector<16xf32>, %n: index) -> vector<16xf32> {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %r = scf.for %k = %c0 to %n step %c1 iter_args(%acc = %b) -> (vector<16xf32>) {
    %next = arith.addf %acc, %b : vector<16xf32>
    scf.yield %next : vector<16xf32>
  }
  return %r : vector<16xf32>
}
