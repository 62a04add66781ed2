"""The benchmark of issue 5: a synthetic catalog generator and the `make bench` driver."""
