// Some tests here train and score the real network. TorchSharp lets the finalizer free a temporary Scalar
// while a native call still reads it, so another test thread's allocations (and the collections they start)
// during a forward pass could corrupt it: the tests of this assembly run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
