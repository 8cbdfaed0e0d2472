Console.WriteLine("Orchestrator benchmarks: see bench/README.md.");
