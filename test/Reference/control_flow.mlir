// fori_loop, scan, while and cond in the reference evaluator, against values
// computed by hand (or, for Lotka-Volterra, by a plain float32 C loop).
// RUN: vmapc-eval %s -e lotka_volterra_fori | FileCheck %s --check-prefix=LV
// RUN: vmapc-eval %s -e lotka_volterra_scan | FileCheck %s --check-prefix=LVS
// RUN: vmapc-eval %s -e index_sum | FileCheck %s --check-prefix=ISUM
// RUN: vmapc-eval %s -e empty_range | FileCheck %s --check-prefix=EMPTY
// RUN: vmapc-eval %s -e cumsum | FileCheck %s --check-prefix=CUMSUM
// RUN: vmapc-eval %s -e collatz | FileCheck %s --check-prefix=COLLATZ
// RUN: vmapc-eval %s -e branches | FileCheck %s --check-prefix=COND
// RUN: vmapc-eval %s -e switch | FileCheck %s --check-prefix=SWITCH
// RUN: vmapc-eval %s -e nested | FileCheck %s --check-prefix=NESTED

// Prey x, predator y, forward Euler with a=1.1, b=0.4, g=0.4, d=0.1,
// dt=0.1, 20 steps from (10, 5). A float32 C loop gives 0.764423668 and
// 4.82223606.
// LV:      tensor<f32> 0.764423668{{$}}
// LV-NEXT: tensor<f32> 4.82223606{{$}}
func.func @lv_step(%x: tensor<f32>, %y: tensor<f32>) -> (tensor<f32>, tensor<f32>) {
  %a = vmapc.constant dense<1.1> : tensor<f32>
  %b = vmapc.constant dense<0.4> : tensor<f32>
  %g = vmapc.constant dense<0.4> : tensor<f32>
  %d = vmapc.constant dense<0.1> : tensor<f32>
  %dt = vmapc.constant dense<0.1> : tensor<f32>
  %xy = vmapc.mul %x, %y : tensor<f32>
  %ax = vmapc.mul %a, %x : tensor<f32>
  %bxy = vmapc.mul %b, %xy : tensor<f32>
  %dx = vmapc.sub %ax, %bxy : tensor<f32>
  %dxdt = vmapc.mul %dx, %dt : tensor<f32>
  %nx = vmapc.add %x, %dxdt : tensor<f32>
  %dxy = vmapc.mul %d, %xy : tensor<f32>
  %gy = vmapc.mul %g, %y : tensor<f32>
  %dy = vmapc.sub %dxy, %gy : tensor<f32>
  %dydt = vmapc.mul %dy, %dt : tensor<f32>
  %ny = vmapc.add %y, %dydt : tensor<f32>
  return %nx, %ny : tensor<f32>, tensor<f32>
}

func.func @lotka_volterra_fori() -> (tensor<f32>, tensor<f32>) {
  %x0 = vmapc.constant dense<10.0> : tensor<f32>
  %y0 = vmapc.constant dense<5.0> : tensor<f32>
  %lo = vmapc.constant dense<0> : tensor<i32>
  %hi = vmapc.constant dense<20> : tensor<i32>
  %r:2 = vmapc.fori_loop %i = %lo to %hi : tensor<i32> iter_args(%x = %x0, %y = %y0) -> (tensor<f32>, tensor<f32>) {
    %nx, %ny = func.call @lv_step(%x, %y) : (tensor<f32>, tensor<f32>) -> (tensor<f32>, tensor<f32>)
    vmapc.yield %nx, %ny : tensor<f32>, tensor<f32>
  }
  return %r#0, %r#1 : tensor<f32>, tensor<f32>
}

// The whole trajectory: state after each step, stacked. The first steps by
// hand: x1 = 10 + (11 - 20) * 0.1 = 9.1, y1 = 5 + (5 - 2) * 0.1 = 5.3;
// x2 = 9.1 + (10.01 - 19.292) * 0.1 = 8.1718, y2 = 5.3 + (4.823 - 2.12) * 0.1
// = 5.5703.
// LVS:      tensor<f32> 0.764423668{{$}}
// LVS-NEXT: tensor<20x2xf32> {{\[}}[9.10000038, 5.30000019], [8.17180061, 5.5703001],
// LVS-SAME: [0.764423668, 4.82223606]]{{$}}
func.func @lotka_volterra_scan() -> (tensor<f32>, tensor<20x2xf32>) {
  %x0 = vmapc.constant dense<10.0> : tensor<f32>
  %y0 = vmapc.constant dense<5.0> : tensor<f32>
  %c:2, %traj = vmapc.scan (%x = %x0, %y = %y0) length = 20 : (tensor<f32>, tensor<f32>) -> (tensor<20x2xf32>) {
    %nx, %ny = func.call @lv_step(%x, %y) : (tensor<f32>, tensor<f32>) -> (tensor<f32>, tensor<f32>)
    %bx = vmapc.broadcast_in_dim %nx, dims = [] : tensor<f32> -> tensor<1xf32>
    %by = vmapc.broadcast_in_dim %ny, dims = [] : tensor<f32> -> tensor<1xf32>
    %s = vmapc.concatenate %bx, %by dim = 0 : (tensor<1xf32>, tensor<1xf32>) -> tensor<2xf32>
    vmapc.yield %nx, %ny, %s : tensor<f32>, tensor<f32>, tensor<2xf32>
  }
  return %c#0, %traj : tensor<f32>, tensor<20x2xf32>
}

// The body sees the index: 3 + 4 + 5 + 6 = 18 (i64 bounds).
// ISUM: tensor<i64> 18
func.func @index_sum() -> tensor<i64> {
  %lo = vmapc.constant dense<3> : tensor<i64>
  %hi = vmapc.constant dense<7> : tensor<i64>
  %z = vmapc.constant dense<0> : tensor<i64>
  %r = vmapc.fori_loop %i = %lo to %hi : tensor<i64> iter_args(%s = %z) -> (tensor<i64>) {
    %n = vmapc.add %s, %i : tensor<i64>
    vmapc.yield %n : tensor<i64>
  }
  return %r : tensor<i64>
}

// upper <= lower runs no iteration: the initial value comes back.
// EMPTY: tensor<2xf32> [1.5, -2]
func.func @empty_range() -> tensor<2xf32> {
  %lo = vmapc.constant dense<5> : tensor<i32>
  %hi = vmapc.constant dense<2> : tensor<i32>
  %x0 = vmapc.constant dense<[1.5, -2.0]> : tensor<2xf32>
  %r = vmapc.fori_loop %i = %lo to %hi : tensor<i32> iter_args(%x = %x0) -> (tensor<2xf32>) {
    %n = vmapc.add %x, %x : tensor<2xf32>
    vmapc.yield %n : tensor<2xf32>
  }
  return %r : tensor<2xf32>
}

// Cumulative sums of the rows of xs, and of a second per-step input.
// CUMSUM:      tensor<2xf32> [16, 20]
// CUMSUM-NEXT: tensor<4x2xf32> {{\[}}[1, 2], [4, 6], [9, 12], [16, 20]]
// CUMSUM-NEXT: tensor<4xi32> [10, 30, 60, 100]
func.func @cumsum() -> (tensor<2xf32>, tensor<4x2xf32>, tensor<4xi32>) {
  %c0 = vmapc.constant dense<0.0> : tensor<2xf32>
  %k0 = vmapc.constant dense<0> : tensor<i32>
  %xs = vmapc.constant dense<[[1.0, 2.0], [3.0, 4.0], [5.0, 6.0], [7.0, 8.0]]> : tensor<4x2xf32>
  %ws = vmapc.constant dense<[10, 20, 30, 40]> : tensor<4xi32>
  %c, %k, %ys, %ks = vmapc.scan (%c = %c0, %k = %k0) xs(%x = %xs, %w = %ws) length = 4 : (tensor<2xf32>, tensor<i32>), (tensor<4x2xf32>, tensor<4xi32>) -> (tensor<4x2xf32>, tensor<4xi32>) {
    %n = vmapc.add %c, %x : tensor<2xf32>
    %m = vmapc.add %k, %w : tensor<i32>
    vmapc.yield %n, %m, %n, %m : tensor<2xf32>, tensor<i32>, tensor<2xf32>, tensor<i32>
  }
  return %c, %ys, %ks : tensor<2xf32>, tensor<4x2xf32>, tensor<4xi32>
}

// Collatz from 27 reaches 1 after 111 steps.
// COLLATZ:      tensor<i64> 1
// COLLATZ-NEXT: tensor<i64> 111
func.func @collatz() -> (tensor<i64>, tensor<i64>) {
  %n0 = vmapc.constant dense<27> : tensor<i64>
  %s0 = vmapc.constant dense<0> : tensor<i64>
  %one = vmapc.constant dense<1> : tensor<i64>
  %two = vmapc.constant dense<2> : tensor<i64>
  %three = vmapc.constant dense<3> : tensor<i64>
  %r:2 = vmapc.while (%n = %n0, %s = %s0) : (tensor<i64>, tensor<i64>) cond {
    %p = vmapc.compare ne, %n, %one : tensor<i64>
    vmapc.yield %p : tensor<i1>
  } do {
  ^bb0(%m: tensor<i64>, %k: tensor<i64>):
    %half = vmapc.div %m, %two : tensor<i64>
    %twice = vmapc.mul %half, %two : tensor<i64>
    %even = vmapc.compare eq, %twice, %m : tensor<i64>
    %next = vmapc.cond %even -> (tensor<i64>) {
      vmapc.yield %half : tensor<i64>
    } else {
      %t = vmapc.mul %m, %three : tensor<i64>
      %u = vmapc.add %t, %one : tensor<i64>
      vmapc.yield %u : tensor<i64>
    }
    %k1 = vmapc.add %k, %one : tensor<i64>
    vmapc.yield %next, %k1 : tensor<i64>, tensor<i64>
  }
  return %r#0, %r#1 : tensor<i64>, tensor<i64>
}

// Both branches of cond, with a result pair.
// COND:      tensor<f32> 2.5
// COND-NEXT: tensor<f32> -2.5
// COND-NEXT: tensor<i32> 7
func.func @branches() -> (tensor<f32>, tensor<f32>, tensor<i32>) {
  %t = vmapc.constant dense<true> : tensor<i1>
  %f = vmapc.constant dense<false> : tensor<i1>
  %a = vmapc.constant dense<2.5> : tensor<f32>
  %k = vmapc.constant dense<7> : tensor<i32>
  %r1 = vmapc.cond %t -> (tensor<f32>) {
    vmapc.yield %a : tensor<f32>
  } else {
    %n = vmapc.neg %a : tensor<f32>
    vmapc.yield %n : tensor<f32>
  }
  %r2:2 = vmapc.cond %f -> (tensor<f32>, tensor<i32>) {
    %m = vmapc.neg %k : tensor<i32>
    vmapc.yield %a, %m : tensor<f32>, tensor<i32>
  } else {
    %n = vmapc.neg %a : tensor<f32>
    vmapc.yield %n, %k : tensor<f32>, tensor<i32>
  }
  return %r1, %r2#0, %r2#1 : tensor<f32>, tensor<f32>, tensor<i32>
}

// lax.switch clamps the index: -1 takes branch 0, 1 branch 1, 9 branch 2.
// SWITCH:      tensor<f32> 10
// SWITCH-NEXT: tensor<f32> 20
// SWITCH-NEXT: tensor<f32> 30
func.func @pick(%i: tensor<i32>) -> tensor<f32> {
  %r = vmapc.cond %i : tensor<i32> -> (tensor<f32>) case 0 {
    %c = vmapc.constant dense<10.0> : tensor<f32>
    vmapc.yield %c : tensor<f32>
  } case 1 {
    %c = vmapc.constant dense<20.0> : tensor<f32>
    vmapc.yield %c : tensor<f32>
  } case 2 {
    %c = vmapc.constant dense<30.0> : tensor<f32>
    vmapc.yield %c : tensor<f32>
  }
  return %r : tensor<f32>
}
func.func @switch() -> (tensor<f32>, tensor<f32>, tensor<f32>) {
  %m = vmapc.constant dense<-1> : tensor<i32>
  %o = vmapc.constant dense<1> : tensor<i32>
  %n = vmapc.constant dense<9> : tensor<i32>
  %a = func.call @pick(%m) : (tensor<i32>) -> tensor<f32>
  %b = func.call @pick(%o) : (tensor<i32>) -> tensor<f32>
  %c = func.call @pick(%n) : (tensor<i32>) -> tensor<f32>
  return %a, %b, %c : tensor<f32>, tensor<f32>, tensor<f32>
}

// A while inside a fori_loop, using the loop index from above: for
// i = 1..4, double x until it exceeds 10 * i, then subtract 1.
// i = 1: 1 -> 16, 15; i = 2: 15 -> 30, 29; i = 3: 29 -> 58, 57;
// i = 4: 57 > 40 already, 56.
// NESTED: tensor<f32> 56
func.func @nested() -> tensor<f32> {
  %lo = vmapc.constant dense<1> : tensor<i32>
  %hi = vmapc.constant dense<5> : tensor<i32>
  %x0 = vmapc.constant dense<1.0> : tensor<f32>
  %ten = vmapc.constant dense<10.0> : tensor<f32>
  %one = vmapc.constant dense<1.0> : tensor<f32>
  %r = vmapc.fori_loop %i = %lo to %hi : tensor<i32> iter_args(%x = %x0) -> (tensor<f32>) {
    %fi = vmapc.convert %i : tensor<i32> -> tensor<f32>
    %limit = vmapc.mul %fi, %ten : tensor<f32>
    %w = vmapc.while (%y = %x) : (tensor<f32>) cond {
      %p = vmapc.compare le, %y, %limit : tensor<f32>
      vmapc.yield %p : tensor<i1>
    } do {
    ^bb0(%z: tensor<f32>):
      %d = vmapc.add %z, %z : tensor<f32>
      vmapc.yield %d : tensor<f32>
    }
    %s = vmapc.sub %w, %one : tensor<f32>
    vmapc.yield %s : tensor<f32>
  }
  return %r : tensor<f32>
}
