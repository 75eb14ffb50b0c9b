// Not a test: an unknown op, for errors.mlir.
func.func @f() {
  "vmapc.bogus"() : () -> ()
  return
}
