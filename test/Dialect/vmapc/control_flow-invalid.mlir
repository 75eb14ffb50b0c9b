// RUN: vmapc-opt %s -split-input-file -verify-diagnostics

// One case per rule of the control-flow ops' verifiers and parsers.

func.func @fori_bound_types(%lo: tensor<i32>, %hi: tensor<i64>, %x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'vmapc.fori_loop' op bounds must have one type, got 'tensor<i32>' and 'tensor<i64>'}}
  %r = "vmapc.fori_loop"(%lo, %hi, %x) ({
  ^bb0(%i: tensor<i32>, %c: tensor<f32>):
    "vmapc.yield"(%c) : (tensor<f32>) -> ()
  }) : (tensor<i32>, tensor<i64>, tensor<f32>) -> tensor<f32>
  return %r : tensor<f32>
}

// -----

func.func @fori_bound_not_scalar(%lo: tensor<2xi32>, %x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'vmapc.fori_loop' op operand #0 must be 0D tensor of 32-bit signless integer or 64-bit signless integer values}}
  %r = "vmapc.fori_loop"(%lo, %lo, %x) ({
  ^bb0(%i: tensor<2xi32>, %c: tensor<f32>):
    "vmapc.yield"(%c) : (tensor<f32>) -> ()
  }) : (tensor<2xi32>, tensor<2xi32>, tensor<f32>) -> tensor<f32>
  return %r : tensor<f32>
}

// -----

func.func @fori_result_types(%n: tensor<i32>, %x: tensor<f32>) -> tensor<f64> {
  // expected-error @+1 {{'vmapc.fori_loop' op results (tensor<f64>) must have the types of the initial values (tensor<f32>)}}
  %r = "vmapc.fori_loop"(%n, %n, %x) ({
  ^bb0(%i: tensor<i32>, %c: tensor<f32>):
    "vmapc.yield"(%c) : (tensor<f32>) -> ()
  }) : (tensor<i32>, tensor<i32>, tensor<f32>) -> tensor<f64>
  return %r : tensor<f64>
}

// -----

func.func @fori_block_args(%n: tensor<i32>, %x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'vmapc.fori_loop' op body takes arguments (tensor<f32>) but must take (tensor<i32>, tensor<f32>)}}
  %r = "vmapc.fori_loop"(%n, %n, %x) ({
  ^bb0(%c: tensor<f32>):
    "vmapc.yield"(%c) : (tensor<f32>) -> ()
  }) : (tensor<i32>, tensor<i32>, tensor<f32>) -> tensor<f32>
  return %r : tensor<f32>
}

// -----

func.func @fori_yield(%n: tensor<i32>, %x: tensor<f32>) -> tensor<f32> {
  %r = vmapc.fori_loop %i = %n to %n : tensor<i32> iter_args(%c = %x) -> (tensor<f32>) {
    // expected-error @+1 {{'vmapc.yield' op yields (tensor<i32>) but the body of vmapc.fori_loop must yield (tensor<f32>)}}
    vmapc.yield %i : tensor<i32>
  }
  return %r : tensor<f32>
}

// -----

func.func @fori_iter_args_count(%n: tensor<i32>, %x: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{iter_args binds 1 values but 2 types follow the arrow}}
  %r = vmapc.fori_loop %i = %n to %n : tensor<i32> iter_args(%c = %x) -> (tensor<f32>, tensor<f32>) {
    vmapc.yield %c : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @scan_xs_length(%c0: tensor<f32>, %xs: tensor<5xf32>) -> (tensor<f32>, tensor<4xf32>) {
  // expected-error @+1 {{'vmapc.scan' op xs #0 has leading dimension 5 but length is 4}}
  %c, %ys = vmapc.scan (%c = %c0) xs(%x = %xs) length = 4 : (tensor<f32>), (tensor<5xf32>) -> (tensor<4xf32>) {
    vmapc.yield %c, %x : tensor<f32>, tensor<f32>
  }
  return %c, %ys : tensor<f32>, tensor<4xf32>
}

// -----

func.func @scan_negative_length(%c0: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'vmapc.scan' op length must be non-negative, got -1}}
  %c = vmapc.scan (%c = %c0) length = -1 : (tensor<f32>) -> () {
    vmapc.yield %c : tensor<f32>
  }
  return %c : tensor<f32>
}

// -----

func.func @scan_stacked_leading(%c0: tensor<f32>) -> (tensor<f32>, tensor<3xf32>) {
  // expected-error @+1 {{'vmapc.scan' op stacked result #0 has type 'tensor<3xf32>'; its leading dimension must be length = 4}}
  %c, %ys = vmapc.scan (%c = %c0) length = 4 : (tensor<f32>) -> (tensor<3xf32>) {
    vmapc.yield %c, %c : tensor<f32>, tensor<f32>
  }
  return %c, %ys : tensor<f32>, tensor<3xf32>
}

// -----

func.func @scan_scalar_xs(%c0: tensor<f32>, %xs: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{xs type 'tensor<f32>' has no leading axis to scan over}}
  %c = vmapc.scan (%c = %c0) xs(%x = %xs) length = 1 : (tensor<f32>), (tensor<f32>) -> () {
    vmapc.yield %c : tensor<f32>
  }
  return %c : tensor<f32>
}

// -----

func.func @scan_yield(%c0: tensor<f32>, %xs: tensor<4x2xf32>) -> (tensor<f32>, tensor<4x2xf32>) {
  %c, %ys = vmapc.scan (%c = %c0) xs(%x = %xs) length = 4 : (tensor<f32>), (tensor<4x2xf32>) -> (tensor<4x2xf32>) {
    // expected-error @+1 {{'vmapc.yield' op yields (tensor<f32>, tensor<f32>) but the body of vmapc.scan (carried values, then one slice per stacked result) must yield (tensor<f32>, tensor<2xf32>)}}
    vmapc.yield %c, %c : tensor<f32>, tensor<f32>
  }
  return %c, %ys : tensor<f32>, tensor<4x2xf32>
}

// -----

func.func @while_pred_type(%x0: tensor<f32>) -> tensor<f32> {
  %r = vmapc.while (%x = %x0) : (tensor<f32>) cond {
    // expected-error @+1 {{'vmapc.yield' op yields (tensor<f32>) but the cond of vmapc.while must yield (tensor<i1>)}}
    vmapc.yield %x : tensor<f32>
  } do {
  ^bb0(%y: tensor<f32>):
    vmapc.yield %y : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @while_body_args(%x0: tensor<f32>, %p: tensor<i1>) -> tensor<f32> {
  // expected-error @+1 {{'vmapc.while' op body takes arguments (tensor<f64>) but must take (tensor<f32>)}}
  %r = vmapc.while (%x = %x0) : (tensor<f32>) cond {
    vmapc.yield %p : tensor<i1>
  } do {
  ^bb0(%y: tensor<f64>):
    vmapc.yield %x0 : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @while_body_yield(%x0: tensor<f32>, %p: tensor<i1>) -> tensor<f32> {
  %r = vmapc.while (%x = %x0) : (tensor<f32>) cond {
    vmapc.yield %p : tensor<i1>
  } do {
  ^bb0(%y: tensor<f32>):
    // expected-error @+1 {{'vmapc.yield' op yields () but the body of vmapc.while must yield (tensor<f32>)}}
    vmapc.yield
  }
  return %r : tensor<f32>
}

// -----

func.func @while_result_types(%x0: tensor<f32>, %p: tensor<i1>) -> tensor<i32> {
  // expected-error @+1 {{'vmapc.while' op results (tensor<i32>) must have the types of the initial values (tensor<f32>)}}
  %r = "vmapc.while"(%x0) ({
  ^bb0(%x: tensor<f32>):
    "vmapc.yield"(%p) : (tensor<i1>) -> ()
  }, {
  ^bb0(%x: tensor<f32>):
    "vmapc.yield"(%x) : (tensor<f32>) -> ()
  }) : (tensor<f32>) -> tensor<i32>
  return %r : tensor<i32>
}

// -----

func.func @cond_branch_count(%p: tensor<i1>, %a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'vmapc.cond' op with an i1 predicate needs 2 branches, got 3}}
  %r = "vmapc.cond"(%p) ({
    "vmapc.yield"(%a) : (tensor<f32>) -> ()
  }, {
    "vmapc.yield"(%a) : (tensor<f32>) -> ()
  }, {
    "vmapc.yield"(%a) : (tensor<f32>) -> ()
  }) : (tensor<i1>) -> tensor<f32>
  return %r : tensor<f32>
}

// -----

func.func @cond_no_branch(%i: tensor<i32>) {
  // expected-error @+1 {{'vmapc.cond' op needs at least one branch}}
  "vmapc.cond"(%i) : (tensor<i32>) -> ()
  return
}

// -----

func.func @cond_pred_type(%p: tensor<f32>, %a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'vmapc.cond' op operand #0 must be 0D tensor of 1-bit signless integer values or 0D tensor of 32-bit signless integer or 64-bit signless integer values}}
  %r = "vmapc.cond"(%p) ({
    "vmapc.yield"(%a) : (tensor<f32>) -> ()
  }, {
    "vmapc.yield"(%a) : (tensor<f32>) -> ()
  }) : (tensor<f32>) -> tensor<f32>
  return %r : tensor<f32>
}

// -----

func.func @cond_branch_yield(%p: tensor<i1>, %a: tensor<f32>, %b: tensor<f64>) -> tensor<f32> {
  %r = vmapc.cond %p -> (tensor<f32>) {
    vmapc.yield %a : tensor<f32>
  } else {
    // expected-error @+1 {{'vmapc.yield' op yields (tensor<f64>) but branch #1 of vmapc.cond (the op's result types) must yield (tensor<f32>)}}
    vmapc.yield %b : tensor<f64>
  }
  return %r : tensor<f32>
}

// -----

func.func @cond_branch_args(%p: tensor<i1>, %a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'vmapc.cond' op branch #0 takes arguments (tensor<f32>) but must take ()}}
  %r = "vmapc.cond"(%p) ({
  ^bb0(%x: tensor<f32>):
    "vmapc.yield"(%x) : (tensor<f32>) -> ()
  }, {
    "vmapc.yield"(%a) : (tensor<f32>) -> ()
  }) : (tensor<i1>) -> tensor<f32>
  return %r : tensor<f32>
}

// -----

func.func @switch_case_numbers(%i: tensor<i32>, %a: tensor<f32>) -> tensor<f32> {
  %r = vmapc.cond %i : tensor<i32> -> (tensor<f32>) case 0 {
    vmapc.yield %a : tensor<f32>
  // expected-error @+1 {{expected case 1, got case 2}}
  } case 2 {
    vmapc.yield %a : tensor<f32>
  }
  return %r : tensor<f32>
}

// -----

func.func @yield_outside(%a: tensor<f32>) -> tensor<f32> {
  // expected-error @+1 {{'vmapc.yield' op expects parent op to be one of 'vmapc.fori_loop, vmapc.scan, vmapc.while, vmapc.cond'}}
  vmapc.yield %a : tensor<f32>
}

// -----

func.func @unterminated(%p: tensor<i1>, %a: tensor<f32>) -> tensor<f32> {
  %r = "vmapc.cond"(%p) ({
    // expected-error @+1 {{block with no terminator, has %1 = "vmapc.neg"}}
    %n = "vmapc.neg"(%a) : (tensor<f32>) -> tensor<f32>
  }, {
    "vmapc.yield"(%a) : (tensor<f32>) -> ()
  }) : (tensor<i1>) -> tensor<f32>
  return %r : tensor<f32>
}

// -----

func.func @wrong_terminator(%p: tensor<i1>, %a: tensor<f32>) -> tensor<f32> {
  %r = "vmapc.cond"(%p) ({
    // expected-error @+1 {{'func.return' op expects parent op 'func.func'}}
    "func.return"(%a) : (tensor<f32>) -> ()
  }, {
    "vmapc.yield"(%a) : (tensor<f32>) -> ()
  }) : (tensor<i1>) -> tensor<f32>
  return %r : tensor<f32>
}
