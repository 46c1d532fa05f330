using Steward.Bench;

return await Cli.RunAsync(args);
