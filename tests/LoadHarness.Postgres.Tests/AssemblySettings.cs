// The tests share one PostgreSQL cluster and count its statistics: one at a time keeps the counters each test reads its own.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
