using LoadHarness.Cli.Launch;

return await Launcher.MainAsync(args).ConfigureAwait(false);
