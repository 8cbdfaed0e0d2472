return await Orchestrator.Client.CliApplication.RunAsync(args, Console.Out, Console.Error);
