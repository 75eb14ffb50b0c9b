// Control flow compiled to native code (scf loops over vectorized bodies)
// on .npy inputs, under vmap: every result must be what the reference
// evaluator prints (diffed), and the hand-checked values below.
// RUN: rm -rf %t && mkdir -p %t
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/x0.npy '<f4' 4 --values=10,10,8,12
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/y0.npy '<f4' 4 --values=5,5,4,6
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/p.npy '<f4' 4,4 --values=1.1,0.4,0.4,0.1,1.0,0.5,0.3,0.2,1.1,0.4,0.4,0.1,0.9,0.3,0.5,0.05
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/v.npy '<f8' 6 --values=0.5,1,3,17,1000,0
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/x.npy '<f4' 5 --values=-2,-0.5,0,4,9
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/i.npy '<i4' 5 --values=-3,0,1,2,7
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/s.npy '<i8' "" --values=100
// RUN: %python %S/../Reference/Inputs/make_npy.py %t/n.npy '<i8' 5 --values=-1,0,1,4,10
//
// RUN: vmapc-run %s -e lv_batched --arg=%t/x0.npy --arg=%t/y0.npy --arg=%t/p.npy > %t/lv.run
// RUN: vmapc-eval %s -e lv_batched --arg=%t/x0.npy --arg=%t/y0.npy --arg=%t/p.npy > %t/lv.eval
// RUN: diff %t/lv.run %t/lv.eval
// RUN: FileCheck %s --check-prefix=LV < %t/lv.run
// RUN: vmapc-run %s -e lv_scan_batched --arg=%t/x0.npy --arg=%t/y0.npy --arg=%t/p.npy > %t/scan.run
// RUN: vmapc-eval %s -e lv_scan_batched --arg=%t/x0.npy --arg=%t/y0.npy --arg=%t/p.npy > %t/scan.eval
// RUN: diff %t/scan.run %t/scan.eval
// RUN: FileCheck %s --check-prefix=SCAN < %t/scan.run
// RUN: vmapc-run %s -e halvings_batched --arg=%t/v.npy > %t/while.run
// RUN: vmapc-eval %s -e halvings_batched --arg=%t/v.npy > %t/while.eval
// RUN: diff %t/while.run %t/while.eval
// RUN: FileCheck %s --check-prefix=WHILE < %t/while.run
// RUN: vmapc-run %s -e branches_batched --arg=%t/x.npy --arg=%t/i.npy > %t/cond.run
// RUN: vmapc-eval %s -e branches_batched --arg=%t/x.npy --arg=%t/i.npy > %t/cond.eval
// RUN: diff %t/cond.run %t/cond.eval
// RUN: FileCheck %s --check-prefix=COND < %t/cond.run
// RUN: vmapc-run %s -e bounds_batched --arg=%t/n.npy --arg=%t/s.npy > %t/bounds.run
// RUN: vmapc-eval %s -e bounds_batched --arg=%t/n.npy --arg=%t/s.npy > %t/bounds.eval
// RUN: diff %t/bounds.run %t/bounds.eval
// RUN: FileCheck %s --check-prefix=BOUNDS < %t/bounds.run

// Lotka-Volterra, 20 Euler steps, vmapped over initial states and
// parameter sets (a, b, g, d). Lane 0 is the issue's system: a float32 C
// loop gives (0.764423668, 4.82223606).
// LV:      tensor<4xf32> [0.764423668, 0.0168778393, 1.68437409, 2.75756478]
// LV-NEXT: tensor<4xf32> [4.82223606, 6.24917698, 4.27459192, 3.9467864]
func.func @lv_step(%x: tensor<f32>, %y: tensor<f32>, %p: tensor<4xf32>) -> (tensor<f32>, tensor<f32>) {
  %a4 = vmapc.slice %p, start = [0], limit = [1], strides = [1] : tensor<4xf32> -> tensor<1xf32>
  %b4 = vmapc.slice %p, start = [1], limit = [2], strides = [1] : tensor<4xf32> -> tensor<1xf32>
  %g4 = vmapc.slice %p, start = [2], limit = [3], strides = [1] : tensor<4xf32> -> tensor<1xf32>
  %d4 = vmapc.slice %p, start = [3], limit = [4], strides = [1] : tensor<4xf32> -> tensor<1xf32>
  %a = vmapc.reshape %a4 : tensor<1xf32> -> tensor<f32>
  %b = vmapc.reshape %b4 : tensor<1xf32> -> tensor<f32>
  %g = vmapc.reshape %g4 : tensor<1xf32> -> tensor<f32>
  %d = vmapc.reshape %d4 : tensor<1xf32> -> tensor<f32>
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
func.func @simulate(%x0: tensor<f32>, %y0: tensor<f32>, %p: tensor<4xf32>) -> (tensor<f32>, tensor<f32>) {
  %lo = vmapc.constant dense<0> : tensor<i32>
  %hi = vmapc.constant dense<20> : tensor<i32>
  %r:2 = vmapc.fori_loop %i = %lo to %hi : tensor<i32> iter_args(%x = %x0, %y = %y0) -> (tensor<f32>, tensor<f32>) {
    %nx, %ny = func.call @lv_step(%x, %y, %p) : (tensor<f32>, tensor<f32>, tensor<4xf32>) -> (tensor<f32>, tensor<f32>)
    vmapc.yield %nx, %ny : tensor<f32>, tensor<f32>
  }
  return %r#0, %r#1 : tensor<f32>, tensor<f32>
}
func.func @lv_batched(%x0: tensor<4xf32>, %y0: tensor<4xf32>, %p: tensor<4x4xf32>) -> (tensor<4xf32>, tensor<4xf32>) {
  %r:2 = vmapc.vmap @simulate(%x0, %y0, %p) in_axes [0, 0, 0] out_axes [0, 0] : (tensor<4xf32>, tensor<4xf32>, tensor<4x4xf32>) -> (tensor<4xf32>, tensor<4xf32>)
  return %r#0, %r#1 : tensor<4xf32>, tensor<4xf32>
}

// The whole trajectories, stacked per lane; lane 0 starts as by hand
// (9.1, 5.3), (8.1718, 5.5703) and ends at the fori_loop's values.
// SCAN: tensor<4x20x2xf32> {{\[}}{{\[}}[9.10000038, 5.30000019], [8.17180061, 5.5703001],
// SCAN-SAME: [0.764423668, 4.82223606]], {{\[}}[
func.func @trajectory(%x0: tensor<f32>, %y0: tensor<f32>, %p: tensor<4xf32>) -> tensor<20x2xf32> {
  %c:2, %traj = vmapc.scan (%x = %x0, %y = %y0) length = 20 : (tensor<f32>, tensor<f32>) -> (tensor<20x2xf32>) {
    %nx, %ny = func.call @lv_step(%x, %y, %p) : (tensor<f32>, tensor<f32>, tensor<4xf32>) -> (tensor<f32>, tensor<f32>)
    %bx = vmapc.broadcast_in_dim %nx, dims = [] : tensor<f32> -> tensor<1xf32>
    %by = vmapc.broadcast_in_dim %ny, dims = [] : tensor<f32> -> tensor<1xf32>
    %s = vmapc.concatenate %bx, %by dim = 0 : (tensor<1xf32>, tensor<1xf32>) -> tensor<2xf32>
    vmapc.yield %nx, %ny, %s : tensor<f32>, tensor<f32>, tensor<2xf32>
  }
  return %traj : tensor<20x2xf32>
}
func.func @lv_scan_batched(%x0: tensor<4xf32>, %y0: tensor<4xf32>, %p: tensor<4x4xf32>) -> tensor<4x20x2xf32> {
  %r = vmapc.vmap @trajectory(%x0, %y0, %p) in_axes [0, 0, 0] out_axes [0] : (tensor<4xf32>, tensor<4xf32>, tensor<4x4xf32>) -> tensor<4x20x2xf32>
  return %r : tensor<4x20x2xf32>
}

// while with a per-lane predicate: halve until below 1, counting steps.
// Lanes finish after 0, 1, 2, 5, 10 and 0 steps; the others wait frozen.
// WHILE:      tensor<6xf64> [0.5, 0.5, 0.75, 0.53125, 0.9765625, 0]
// WHILE-NEXT: tensor<6xi32> [0, 1, 2, 5, 10, 0]
func.func @halvings(%v: tensor<f64>) -> (tensor<f64>, tensor<i32>) {
  %z = vmapc.constant dense<0> : tensor<i32>
  %one = vmapc.constant dense<1> : tensor<i32>
  %limit = vmapc.constant dense<1.0> : tensor<f64>
  %half = vmapc.constant dense<0.5> : tensor<f64>
  %r:2 = vmapc.while (%x = %v, %k = %z) : (tensor<f64>, tensor<i32>) cond {
    %p = vmapc.compare ge, %x, %limit : tensor<f64>
    vmapc.yield %p : tensor<i1>
  } do {
  ^bb0(%y: tensor<f64>, %j: tensor<i32>):
    %h = vmapc.mul %y, %half : tensor<f64>
    %j1 = vmapc.add %j, %one : tensor<i32>
    vmapc.yield %h, %j1 : tensor<f64>, tensor<i32>
  }
  return %r#0, %r#1 : tensor<f64>, tensor<i32>
}
func.func @halvings_batched(%v: tensor<6xf64>) -> (tensor<6xf64>, tensor<6xi32>) {
  %r:2 = vmapc.vmap @halvings(%v) in_axes [0] out_axes [0, 0] : (tensor<6xf64>) -> (tensor<6xf64>, tensor<6xi32>)
  return %r#0, %r#1 : tensor<6xf64>, tensor<6xi32>
}

// cond with a per-lane predicate (x > 0 ? sqrt(x) : x * x) and switch with
// a per-lane index, clamped: -3 and 0 take branch 0 (x + 1), 1 branch 1
// (10 x), 2 and 7 branch 2 (-x).
// COND:      tensor<5xf32> [4, 0.25, 0, 2, 3]
// COND-NEXT: tensor<5xf32> [-1, 0.5, 0, -4, -9]
func.func @branches(%x: tensor<f32>, %i: tensor<i32>) -> (tensor<f32>, tensor<f32>) {
  %zero = vmapc.constant dense<0.0> : tensor<f32>
  %p = vmapc.compare gt, %x, %zero : tensor<f32>
  %r = vmapc.cond %p -> (tensor<f32>) {
    %s = vmapc.sqrt %x : tensor<f32>
    vmapc.yield %s : tensor<f32>
  } else {
    %m = vmapc.mul %x, %x : tensor<f32>
    vmapc.yield %m : tensor<f32>
  }
  %s = vmapc.cond %i : tensor<i32> -> (tensor<f32>) case 0 {
    %one = vmapc.constant dense<1.0> : tensor<f32>
    %a = vmapc.add %x, %one : tensor<f32>
    vmapc.yield %a : tensor<f32>
  } case 1 {
    %ten = vmapc.constant dense<10.0> : tensor<f32>
    %m = vmapc.mul %x, %ten : tensor<f32>
    vmapc.yield %m : tensor<f32>
  } case 2 {
    %n = vmapc.neg %x : tensor<f32>
    vmapc.yield %n : tensor<f32>
  }
  return %r, %s : tensor<f32>, tensor<f32>
}
func.func @branches_batched(%x: tensor<5xf32>, %i: tensor<5xi32>) -> (tensor<5xf32>, tensor<5xf32>) {
  %r:2 = vmapc.vmap @branches(%x, %i) in_axes [0, 0] out_axes [0, 0] : (tensor<5xf32>, tensor<5xi32>) -> (tensor<5xf32>, tensor<5xf32>)
  return %r#0, %r#1 : tensor<5xf32>, tensor<5xf32>
}

// fori_loop with a per-lane upper bound: start + sum(range(n)).
// BOUNDS: tensor<5xi64> [100, 100, 100, 106, 145]
func.func @sum_range(%n: tensor<i64>, %start: tensor<i64>) -> tensor<i64> {
  %lo = vmapc.constant dense<0> : tensor<i64>
  %r = vmapc.fori_loop %i = %lo to %n : tensor<i64> iter_args(%s = %start) -> (tensor<i64>) {
    %t = vmapc.add %s, %i : tensor<i64>
    vmapc.yield %t : tensor<i64>
  }
  return %r : tensor<i64>
}
func.func @bounds_batched(%n: tensor<5xi64>, %start: tensor<i64>) -> tensor<5xi64> {
  %r = vmapc.vmap @sum_range(%n, %start) in_axes [0, none] out_axes [0] : (tensor<5xi64>, tensor<i64>) -> tensor<5xi64>
  return %r : tensor<5xi64>
}
