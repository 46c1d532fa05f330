using Steward.Operations.Tests.Infrastructure;
using Steward.Server.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Steward.Operations.Tests.Durability;

/// <summary>
/// The server's own backup (<c>--backup PATH</c>) taken while eight clients write, restored with
/// <c>--restore PATH</c> into a fresh data folder or database: the restored server has every write
/// acknowledged before the backup began, the attachments byte for byte, and the data-protection keys,
/// so that a person signed in before the backup is still signed in on the restored server.
/// </summary>
public sealed class BackupRestoreTests(ITestOutputHelper output)
{
    [Fact]
    public Task On_SQLite_a_backup_under_write_load_restores_every_acknowledged_record_attachment_and_sign_in() => BackupUnderLoadAsync(Store.Sqlite);

    [PostgresFact]
    public Task On_PostgreSQL_a_backup_under_write_load_restores_every_acknowledged_record_attachment_and_sign_in() => BackupUnderLoadAsync(Store.Postgres);

    async Task BackupUnderLoadAsync(string database)
    {
        await using var store = await Store.CreateAsync(database);
        await using var server = ServerProcess.Start(store, "backup-source");
        await server.WaitReadyAsync();
        var admin = server.Client();
        var world = await DeskWorld.CreateAsync(admin);
        var incident = await admin.PostAsync(DeskWorld.Incidents, world.NewIncident("Printer prints blank pages"));
        var bytes = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("tray 2 log line\n", 5000)));
        var attachment = await DeskWorld.AttachAsync(admin, incident.GetProperty("id").GetGuid(), "printer.log", bytes);
        var cookie = await Clients.SignInAsync(server.BaseUri, "admin@steward.local", await server.AdminPasswordAsync());
        var load = new WriteLoad(world, _ => admin);
        using var stop = new CancellationTokenSource();
        var writing = load.RunAsync(8, "backup", stop.Token);
        await WriteLoad.WaitUntilAsync(() => load.Creates.Count >= 200, TimeSpan.FromSeconds(60));

        var backup = Path.Combine(store.WorkingDirectory, "backups", "steward-backup");
        var started = DateTime.UtcNow;
        var (exitCode, said) = await ServerProcess.RunCommandAsync(store, "--backup", backup);
        var duringBackup = load.Creates.Count(c => c.AcknowledgedAt >= started);
        await WriteLoad.WaitUntilAsync(() => load.Creates.Count(c => c.AcknowledgedAt > started) >= 100, TimeSpan.FromSeconds(60));
        await stop.CancelAsync();
        await writing;
        output.WriteLine(said);
        Assert.True(exitCode == 0, said);

        await using var target = await Store.CreateAsync(database);
        var (restoreCode, restoreSaid) = await ServerProcess.RunCommandAsync(target, "--restore", backup);
        output.WriteLine(restoreSaid);
        Assert.True(restoreCode == 0, restoreSaid);
        await using var restored = ServerProcess.Start(target, "backup-restored");
        await restored.WaitReadyAsync();

        var missing = await Acknowledged.FindMissingAsync(restored.Client(), load, acknowledgedBefore: started);
        output.WriteLine($"{load.Creates.Count} incidents acknowledged in all, {duringBackup} while the backup ran; {missing}");
        Assert.True(missing.Problems.Count == 0, missing.ToString());
        Assert.True(missing.Records >= 200, $"Only {missing.Records} incidents were acknowledged before the backup.");
        var download = await restored.Client().GetByteArrayAsync($"{DeskWorld.Incidents}/{incident.GetProperty("id").GetGuid()}/attachments/{attachment}");
        Assert.Equal(bytes, download);
        Assert.True(await Clients.IsSignedInAsync(restored.BaseUri, cookie), "The sign-in from before the backup does not work on the restored server.");
        Assert.False(await Clients.IsSignedInAsync(restored.BaseUri, null));
    }
}
