"""Generated gRPC stubs of the plugin protocol: run `make proto` to regenerate
(sdk/python/genproto.sh); do not edit them by hand."""
