// vmapc-lower-alloca-scopes inlines every memref.alloca_scope (which
// convert-scf-to-openmp wraps around each parallel loop body). A scope that
// allocates on its own stack frame (a memref.alloca or llvm.alloca in it,
// also under an scf.if, but not inside a nested allocation scope such as
// an scf.for or another alloca_scope) is bracketed by llvm.intr.stacksave
// and llvm.intr.stackrestore, so each iteration frees its stack buffers;
// one that does not is inlined bare. The scope's results replace its uses.
// RUN: vmapc-opt --vmapc-lower-alloca-scopes %s | FileCheck %s
// RUN: vmapc-opt --vmapc-lower-alloca-scopes %s | FileCheck %s --check-prefix=GONE
// GONE-NOT: memref.alloca_scope

// No alloca: inlined, no stack save, the result forwarded.
// CHECK-LABEL: func.func @no_alloca(
// CHECK-SAME:    %[[A:.+]]: memref<4xf32>, %[[I:.+]]: index) -> f32
// CHECK-NEXT:    %[[V:.+]] = memref.load %[[A]][%[[I]]] : memref<4xf32>
// CHECK-NEXT:    %[[S:.+]] = arith.addf %[[V]], %[[V]] : f32
// CHECK-NEXT:    return %[[S]] : f32
// CHECK-NEXT:  }
func.func @no_alloca(%a: memref<4xf32>, %i: index) -> f32 {
  %r = memref.alloca_scope -> (f32) {
    %v = memref.load %a[%i] : memref<4xf32>
    %s = arith.addf %v, %v : f32
    memref.alloca_scope.return %s : f32
  }
  return %r : f32
}

// A memref.alloca: save before the body, restore after it, before the
// users of the result.
// CHECK-LABEL: func.func @memref_alloca(
// CHECK-SAME:    %[[A:.+]]: memref<4xf32>, %[[I:.+]]: index) -> f32
// CHECK-NEXT:    %[[SP:.+]] = llvm.intr.stacksave : !llvm.ptr
// CHECK-NEXT:    %[[BUF:.+]] = memref.alloca() : memref<4xf32>
// CHECK-NEXT:    memref.copy %[[A]], %[[BUF]] : memref<4xf32> to memref<4xf32>
// CHECK-NEXT:    %[[V:.+]] = memref.load %[[BUF]][%[[I]]] : memref<4xf32>
// CHECK-NEXT:    llvm.intr.stackrestore %[[SP]] : !llvm.ptr
// CHECK-NEXT:    %[[D:.+]] = arith.addf %[[V]], %[[V]] : f32
// CHECK-NEXT:    return %[[D]] : f32
func.func @memref_alloca(%a: memref<4xf32>, %i: index) -> f32 {
  %r = memref.alloca_scope -> (f32) {
    %buf = memref.alloca() : memref<4xf32>
    memref.copy %a, %buf : memref<4xf32> to memref<4xf32>
    %v = memref.load %buf[%i] : memref<4xf32>
    memref.alloca_scope.return %v : f32
  }
  %d = arith.addf %r, %r : f32
  return %d : f32
}

// An llvm.alloca counts too.
// CHECK-LABEL: func.func @llvm_alloca(
// CHECK-NEXT:    %[[SP:.+]] = llvm.intr.stacksave : !llvm.ptr
// CHECK-NEXT:    %[[P:.+]] = llvm.alloca %{{.+}} x f32 : (i64) -> !llvm.ptr
// CHECK-NEXT:    llvm.store %{{.+}}, %[[P]] : f32, !llvm.ptr
// CHECK-NEXT:    llvm.intr.stackrestore %[[SP]] : !llvm.ptr
// CHECK-NEXT:    return
func.func @llvm_alloca(%n: i64, %v: f32) {
  memref.alloca_scope {
    %p = llvm.alloca %n x f32 : (i64) -> !llvm.ptr
    llvm.store %v, %p : f32, !llvm.ptr
  }
  return
}

// An alloca under an scf.if is on the scope's frame.
// CHECK-LABEL: func.func @alloca_in_if(
// CHECK-NEXT:    %[[SP:.+]] = llvm.intr.stacksave : !llvm.ptr
// CHECK-NEXT:    scf.if %{{.+}} {
// CHECK-NEXT:      memref.alloca() : memref<4xf32>
// CHECK:         }
// CHECK-NEXT:    llvm.intr.stackrestore %[[SP]] : !llvm.ptr
// CHECK-NEXT:    return
func.func @alloca_in_if(%a: memref<4xf32>, %c: i1) {
  memref.alloca_scope {
    scf.if %c {
      %buf = memref.alloca() : memref<4xf32>
      memref.copy %a, %buf : memref<4xf32> to memref<4xf32>
    }
  }
  return
}

// An scf.for is an allocation scope of its own: its alloca does not make
// the enclosing scope save the stack.
// CHECK-LABEL: func.func @alloca_in_for(
// CHECK-NOT:     llvm.intr.stacksave
// CHECK:         scf.for
// CHECK-NEXT:      memref.alloca() : memref<4xf32>
// CHECK-NOT:     llvm.intr.stackrestore
// CHECK:         return
func.func @alloca_in_for(%a: memref<4xf32>) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  memref.alloca_scope {
    scf.for %i = %c0 to %c4 step %c1 {
      %buf = memref.alloca() : memref<4xf32>
      memref.copy %a, %buf : memref<4xf32> to memref<4xf32>
    }
  }
  return
}

// Nested scopes: only the inner one allocates, so only it saves and
// restores; the outer one's other op follows the restore.
// CHECK-LABEL: func.func @nested(
// CHECK-SAME:    %[[A:.+]]: memref<4xf32>, %[[B:.+]]: memref<4xf32>)
// CHECK-NEXT:    %[[SP:.+]] = llvm.intr.stacksave : !llvm.ptr
// CHECK-NEXT:    %[[BUF:.+]] = memref.alloca() : memref<4xf32>
// CHECK-NEXT:    memref.copy %[[A]], %[[BUF]]
// CHECK-NEXT:    llvm.intr.stackrestore %[[SP]] : !llvm.ptr
// CHECK-NEXT:    memref.copy %[[A]], %[[B]]
// CHECK-NEXT:    return
func.func @nested(%a: memref<4xf32>, %b: memref<4xf32>) {
  memref.alloca_scope {
    memref.alloca_scope {
      %buf = memref.alloca() : memref<4xf32>
      memref.copy %a, %buf : memref<4xf32> to memref<4xf32>
    }
    memref.copy %a, %b : memref<4xf32> to memref<4xf32>
  }
  return
}

// The case the pass is for: the body of an OpenMP worksharing loop, as
// convert-scf-to-openmp leaves it, with a loop inside (a vmapped fori_loop)
// that the control-flow lowering will split into blocks. Each iteration
// saves and restores the stack around its buffer.
// CHECK-LABEL: func.func @omp_body(
// CHECK:         omp.parallel {
// CHECK-NEXT:      omp.wsloop {
// CHECK-NEXT:        omp.loop_nest (%[[I:.+]]) : index = (%{{.+}}) to (%{{.+}}) step (%{{.+}}) {
// CHECK-NEXT:          %[[SP:.+]] = llvm.intr.stacksave : !llvm.ptr
// CHECK-NEXT:          %[[BUF:.+]] = memref.alloca() : memref<4xf32>
// CHECK:               scf.for
// CHECK:               }
// CHECK-NEXT:          memref.copy %[[BUF]], %{{.+}}
// CHECK-NEXT:          llvm.intr.stackrestore %[[SP]] : !llvm.ptr
// CHECK-NEXT:          omp.yield
// CHECK-NEXT:        }
func.func @omp_body(%a: memref<8xf32>, %lb: index, %ub: index, %step: index) {
  %c0 = arith.constant 0 : index
  %c1 = arith.constant 1 : index
  %c4 = arith.constant 4 : index
  omp.parallel {
    omp.wsloop {
      omp.loop_nest (%i) : index = (%lb) to (%ub) step (%step) {
        memref.alloca_scope {
          %buf = memref.alloca() : memref<4xf32>
          %sub = memref.subview %a[%i] [4] [1] : memref<8xf32> to memref<4xf32, strided<[1], offset: ?>>
          scf.for %j = %c0 to %c4 step %c1 {
            %v = memref.load %sub[%j] : memref<4xf32, strided<[1], offset: ?>>
            memref.store %v, %buf[%j] : memref<4xf32>
          }
          memref.copy %buf, %sub : memref<4xf32> to memref<4xf32, strided<[1], offset: ?>>
        }
        omp.yield
      }
    }
    omp.terminator
  }
  return
}
