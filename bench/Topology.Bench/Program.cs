using Orchestrator.Topology.Bench;

return BenchmarkHarnesses.Run(args);
