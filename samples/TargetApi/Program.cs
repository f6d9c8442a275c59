using TargetApi;
using TargetApi.Migrations;

if (args is ["migrate", .. var rest])
{
    return await MigrateCommand.RunAsync(rest, Console.Out, Console.Error, CancellationToken.None);
}

await TargetApiApp.Build(args).RunAsync();
return 0;
