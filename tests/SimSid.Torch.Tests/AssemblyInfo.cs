// Training is deterministic for a seed only while nothing else in the process draws from torch's
// global random generator, so the tests of this assembly run one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
