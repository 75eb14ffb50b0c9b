// vmapc-sink-to-first-use moves each load and side-effect-free op of a block
// to just before its first user, bottom-up, so an unrolled tile runs row by
// row (load, subtract, store) instead of op by op (all loads, then all
// subtractions, then all stores). Loads move past a store only when alias
// analysis proves the store cannot touch them; ops with effects, users in
// other blocks, or a possibly aliasing write in the way stay put.
// RUN: vmapc-opt --split-input-file --pass-pipeline='builtin.module(llvm.func(vmapc-sink-to-first-use))' %s | FileCheck %s

// Rows of x (an argument) minus mu, stored into a stack buffer: the stack
// cannot alias the argument, so the rows interleave.
// CHECK-LABEL: llvm.func @rows
// CHECK-SAME: (%[[X:.+]]: !llvm.ptr, %[[MU:.+]]: vector<4xf32>)
// CHECK: %[[BUF:.+]] = llvm.alloca
// CHECK-NEXT: %[[X0:.+]] = llvm.load %[[X]]
// CHECK-NEXT: %[[D0:.+]] = llvm.fsub %[[X0]], %[[MU]]
// CHECK-NEXT: llvm.store %[[D0]], %[[BUF]]
// CHECK-NEXT: %[[P1:.+]] = llvm.getelementptr %[[X]][4]
// CHECK-NEXT: %[[X1:.+]] = llvm.load %[[P1]]
// CHECK-NEXT: %[[D1:.+]] = llvm.fsub %[[X1]], %[[MU]]
// CHECK-NEXT: %[[Q1:.+]] = llvm.getelementptr %[[BUF]][4]
// CHECK-NEXT: llvm.store %[[D1]], %[[Q1]]
// CHECK-NEXT: %[[P2:.+]] = llvm.getelementptr %[[X]][8]
// CHECK-NEXT: %[[X2:.+]] = llvm.load %[[P2]]
// CHECK-NEXT: %[[D2:.+]] = llvm.fsub %[[X2]], %[[MU]]
// CHECK-NEXT: %[[Q2:.+]] = llvm.getelementptr %[[BUF]][8]
// CHECK-NEXT: llvm.store %[[D2]], %[[Q2]]
// CHECK-NEXT: llvm.call @use(%[[BUF]])
llvm.func @use(!llvm.ptr)
llvm.func @rows(%x: !llvm.ptr, %mu: vector<4xf32>) {
  %c1 = llvm.mlir.constant(1 : i64) : i64
  %buf = llvm.alloca %c1 x !llvm.array<12 x f32> : (i64) -> !llvm.ptr
  %p1 = llvm.getelementptr %x[4] : (!llvm.ptr) -> !llvm.ptr, f32
  %p2 = llvm.getelementptr %x[8] : (!llvm.ptr) -> !llvm.ptr, f32
  %q1 = llvm.getelementptr %buf[4] : (!llvm.ptr) -> !llvm.ptr, f32
  %q2 = llvm.getelementptr %buf[8] : (!llvm.ptr) -> !llvm.ptr, f32
  %x0 = llvm.load %x : !llvm.ptr -> vector<4xf32>
  %x1 = llvm.load %p1 : !llvm.ptr -> vector<4xf32>
  %x2 = llvm.load %p2 : !llvm.ptr -> vector<4xf32>
  %d0 = llvm.fsub %x0, %mu : vector<4xf32>
  %d1 = llvm.fsub %x1, %mu : vector<4xf32>
  %d2 = llvm.fsub %x2, %mu : vector<4xf32>
  llvm.store %d0, %buf : vector<4xf32>, !llvm.ptr
  llvm.store %d1, %q1 : vector<4xf32>, !llvm.ptr
  llvm.store %d2, %q2 : vector<4xf32>, !llvm.ptr
  llvm.call @use(%buf) : (!llvm.ptr) -> ()
  llvm.return
}

// -----

// Two arguments may alias: the second load stays above the store to %b
// (the first load still moves down to its use, past the second load).
// CHECK-LABEL: llvm.func @may_alias
// CHECK: %[[A1:.+]] = llvm.load %{{.+}} : !llvm.ptr -> vector<4xf32>
// CHECK-NEXT: %[[A0:.+]] = llvm.load %arg0
// CHECK-NEXT: %[[S0:.+]] = llvm.fadd %[[A0]], %[[A0]]
// CHECK-NEXT: llvm.store %[[S0]], %arg1
// CHECK-NEXT: %[[S1:.+]] = llvm.fadd %[[A1]], %[[A1]]
// CHECK-NEXT: %[[B1:.+]] = llvm.getelementptr %arg1[4]
// CHECK-NEXT: llvm.store %[[S1]], %[[B1]]
llvm.func @may_alias(%a: !llvm.ptr, %b: !llvm.ptr) {
  %a1p = llvm.getelementptr %a[4] : (!llvm.ptr) -> !llvm.ptr, f32
  %b1p = llvm.getelementptr %b[4] : (!llvm.ptr) -> !llvm.ptr, f32
  %a0 = llvm.load %a : !llvm.ptr -> vector<4xf32>
  %a1 = llvm.load %a1p : !llvm.ptr -> vector<4xf32>
  %s0 = llvm.fadd %a0, %a0 : vector<4xf32>
  %s1 = llvm.fadd %a1, %a1 : vector<4xf32>
  llvm.store %s0, %b : vector<4xf32>, !llvm.ptr
  llvm.store %s1, %b1p : vector<4xf32>, !llvm.ptr
  llvm.return
}

// -----

// A volatile load has effects beyond its address, and a call has unknown
// ones: neither load moves. A value used in another block stays where it is.
// CHECK-LABEL: llvm.func @barriers
// CHECK: %[[V:.+]] = llvm.load volatile %arg0
// CHECK-NEXT: %[[W:.+]] = llvm.load %arg1
// CHECK-NEXT: %[[C:.+]] = llvm.fadd %arg2, %arg2
// CHECK-NEXT: llvm.call @opaque()
// CHECK-NEXT: %[[SUM:.+]] = llvm.fadd %[[V]], %[[W]]
// CHECK-NEXT: llvm.store %[[SUM]], %arg1
// CHECK-NEXT: llvm.br ^bb1
// CHECK: ^bb1:
// CHECK-NEXT: llvm.store %[[C]], %arg1
llvm.func @opaque()
llvm.func @barriers(%p: !llvm.ptr, %q: !llvm.ptr, %f: vector<4xf32>) {
  %v = llvm.load volatile %p : !llvm.ptr -> vector<4xf32>
  %w = llvm.load %q : !llvm.ptr -> vector<4xf32>
  %c = llvm.fadd %f, %f : vector<4xf32>
  llvm.call @opaque() : () -> ()
  %sum = llvm.fadd %v, %w : vector<4xf32>
  llvm.store %sum, %q : vector<4xf32>, !llvm.ptr
  llvm.br ^bb1
^bb1:
  llvm.store %c, %q : vector<4xf32>, !llvm.ptr
  llvm.return
}
