return Orchestrator.Training.Bench.TrainingBenchmark.Run(args);
