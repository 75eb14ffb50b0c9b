// RUN: vmapc-opt %s --canonicalize --split-input-file | FileCheck %s

// Control flow decided by constants folds away: a constant predicate or
// switch index (clamped) inlines its branch, a loop with no iteration is its
// initial values, one with a single iteration is its body, a while whose
// condition is constantly false never runs.

// CHECK-LABEL: func.func @cond_true
// CHECK-SAME:      (%[[A:.+]]: tensor<f32>)
// CHECK-NEXT:    %[[E:.+]] = vmapc.exp %[[A]] : tensor<f32>
// CHECK-NEXT:    return %[[E]]
func.func @cond_true(%a: tensor<f32>) -> tensor<f32> {
  %t = vmapc.constant dense<true> : tensor<i1>
  %r = vmapc.cond %t -> (tensor<f32>) {
    %e = vmapc.exp %a : tensor<f32>
    vmapc.yield %e : tensor<f32>
  } else {
    vmapc.yield %a : tensor<f32>
  }
  return %r : tensor<f32>
}

// CHECK-LABEL: func.func @cond_false
// CHECK-SAME:      (%[[A:.+]]: tensor<f32>)
// CHECK-NEXT:    return %[[A]]
func.func @cond_false(%a: tensor<f32>) -> tensor<f32> {
  %f = vmapc.constant dense<false> : tensor<i1>
  %r = vmapc.cond %f -> (tensor<f32>) {
    %e = vmapc.exp %a : tensor<f32>
    vmapc.yield %e : tensor<f32>
  } else {
    vmapc.yield %a : tensor<f32>
  }
  return %r : tensor<f32>
}

// CHECK-LABEL: func.func @switch_clamped
// CHECK-SAME:      (%[[A:.+]]: tensor<f32>)
// CHECK-NEXT:    %[[N:.+]] = vmapc.neg %[[A]] : tensor<f32>
// CHECK-NEXT:    return %[[N]]
func.func @switch_clamped(%a: tensor<f32>) -> tensor<f32> {
  %i = vmapc.constant dense<7> : tensor<i32>
  %r = vmapc.cond %i : tensor<i32> -> (tensor<f32>) case 0 {
    vmapc.yield %a : tensor<f32>
  } case 1 {
    %n = vmapc.neg %a : tensor<f32>
    vmapc.yield %n : tensor<f32>
  }
  return %r : tensor<f32>
}

// A selector known only at run time stays a branch.
// CHECK-LABEL: func.func @cond_dynamic
// CHECK:         vmapc.cond
func.func @cond_dynamic(%p: tensor<i1>, %a: tensor<f32>) -> tensor<f32> {
  %r = vmapc.cond %p -> (tensor<f32>) {
    %e = vmapc.exp %a : tensor<f32>
    vmapc.yield %e : tensor<f32>
  } else {
    vmapc.yield %a : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

// CHECK-LABEL: func.func @fori_empty
// CHECK-SAME:      (%[[X:.+]]: tensor<2xf32>)
// CHECK-NEXT:    return %[[X]]
func.func @fori_empty(%x0: tensor<2xf32>) -> tensor<2xf32> {
  %lo = vmapc.constant dense<4> : tensor<i64>
  %hi = vmapc.constant dense<4> : tensor<i64>
  %r = vmapc.fori_loop %i = %lo to %hi : tensor<i64> iter_args(%x = %x0) -> (tensor<2xf32>) {
    %n = vmapc.add %x, %x : tensor<2xf32>
    vmapc.yield %n : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// One iteration: the body with the index bound to the lower bound.
// CHECK-LABEL: func.func @fori_once
// CHECK-SAME:      (%[[X:.+]]: tensor<i32>)
// CHECK-NEXT:    %[[C:.+]] = vmapc.constant dense<3> : tensor<i32>
// CHECK-NEXT:    %[[S:.+]] = vmapc.add %[[X]], %[[C]] : tensor<i32>
// CHECK-NEXT:    return %[[S]]
func.func @fori_once(%x0: tensor<i32>) -> tensor<i32> {
  %lo = vmapc.constant dense<3> : tensor<i32>
  %hi = vmapc.constant dense<4> : tensor<i32>
  %r = vmapc.fori_loop %i = %lo to %hi : tensor<i32> iter_args(%x = %x0) -> (tensor<i32>) {
    %n = vmapc.add %x, %i : tensor<i32>
    vmapc.yield %n : tensor<i32>
  }
  return %r : tensor<i32>
}

// Two iterations stay a loop.
// CHECK-LABEL: func.func @fori_twice
// CHECK:         vmapc.fori_loop
func.func @fori_twice(%x0: tensor<i32>) -> tensor<i32> {
  %lo = vmapc.constant dense<3> : tensor<i32>
  %hi = vmapc.constant dense<5> : tensor<i32>
  %r = vmapc.fori_loop %i = %lo to %hi : tensor<i32> iter_args(%x = %x0) -> (tensor<i32>) {
    %n = vmapc.add %x, %i : tensor<i32>
    vmapc.yield %n : tensor<i32>
  }
  return %r : tensor<i32>
}

// -----

// CHECK-LABEL: func.func @while_never
// CHECK-SAME:      (%[[X:.+]]: tensor<f32>)
// CHECK-NEXT:    return %[[X]]
func.func @while_never(%x0: tensor<f32>) -> tensor<f32> {
  %r = vmapc.while (%x = %x0) : (tensor<f32>) cond {
    %f = vmapc.constant dense<false> : tensor<i1>
    vmapc.yield %f : tensor<i1>
  } do {
  ^bb0(%y: tensor<f32>):
    %n = vmapc.add %y, %y : tensor<f32>
    vmapc.yield %n : tensor<f32>
  }
  return %r : tensor<f32>
}

// CHECK-LABEL: func.func @while_dynamic
// CHECK:         vmapc.while
func.func @while_dynamic(%x0: tensor<f32>, %l: tensor<f32>) -> tensor<f32> {
  %r = vmapc.while (%x = %x0) : (tensor<f32>) cond {
    %p = vmapc.compare lt, %x, %l : tensor<f32>
    vmapc.yield %p : tensor<i1>
  } do {
  ^bb0(%y: tensor<f32>):
    %n = vmapc.add %y, %y : tensor<f32>
    vmapc.yield %n : tensor<f32>
  }
  return %r : tensor<f32>
}
