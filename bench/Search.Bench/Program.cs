return Orchestrator.Search.Bench.SearchBenchmark.Run(args);
