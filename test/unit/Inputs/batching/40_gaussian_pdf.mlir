// The seed's Gaussian pdf, vmapped over points with mean and inverse
// covariance unmapped: exp(-0.5 (x - mu)^T S (x - mu)) * c.
func.func @pdf(%x: tensor<2xf64>, %mu: tensor<2xf64>, %s: tensor<2x2xf64>) -> tensor<f64> {
  %d = vmapc.sub %x, %mu : tensor<2xf64>
  %sd = vmapc.dot_general %s, %d, batching_dims = [] x [], contracting_dims = [1] x [0] : (tensor<2x2xf64>, tensor<2xf64>) -> tensor<2xf64>
  %q = vmapc.dot_general %d, %sd, batching_dims = [] x [], contracting_dims = [0] x [0] : (tensor<2xf64>, tensor<2xf64>) -> tensor<f64>
  %mhalf = vmapc.constant dense<-0.5> : tensor<f64>
  %e = vmapc.mul %q, %mhalf : tensor<f64>
  %p = vmapc.exp %e : tensor<f64>
  %c = vmapc.constant dense<0.15915494309189535> : tensor<f64>
  %r = vmapc.mul %p, %c : tensor<f64>
  return %r : tensor<f64>
}
func.func @main(%x: tensor<8x2xf64>, %mu: tensor<2xf64>, %s: tensor<2x2xf64>) -> tensor<8xf64> {
  %r = vmapc.vmap @pdf(%x, %mu, %s) in_axes [0, none, none] out_axes [0] : (tensor<8x2xf64>, tensor<2xf64>, tensor<2x2xf64>) -> tensor<8xf64>
  return %r : tensor<8xf64>
}
