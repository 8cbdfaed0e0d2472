return await Orchestrator.Silo.SiloCommandLine.RunAsync(args);
