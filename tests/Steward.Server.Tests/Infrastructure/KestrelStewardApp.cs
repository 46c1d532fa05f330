using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Steward.Server.Tests.Infrastructure;

/// <summary>
/// <see cref="StewardApp"/> on a real Kestrel listener on a free 127.0.0.1 port, for clients outside
/// the process (the fuzzer), which also meet Kestrel's own handling of malformed HTTP. The demo
/// data gives them many more records to hit than an empty database would.
/// </summary>
public sealed class KestrelStewardApp : StewardApp
{
    public KestrelStewardApp() => UseKestrel(k => k.Listen(IPAddress.Loopback, 0));

    protected override bool WithDemoData => true;

    /// <summary>Clients of the fixture (<see cref="StewardApp.Admin"/>) talk to Kestrel too.</summary>
    protected override Uri ServerAddress => new(BaseAddress);

    /// <summary>The address Kestrel listens on, e.g. http://127.0.0.1:41234.</summary>
    public string BaseAddress =>
        Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
}
