using Orchestrator.Bench;

return BenchmarkHarnesses.Run(args);
