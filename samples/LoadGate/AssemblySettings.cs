// Load tests measure latency: two of them at once on a 2-core machine would gate on each other's load.
[assembly: Xunit.CollectionBehavior(DisableTestParallelization = true)]
