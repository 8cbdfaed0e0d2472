using System.CommandLine;
using Orchestrator.Dashboard.Hosting;

namespace Orchestrator.Client.Commands;

/// <summary>
/// The web dashboard's binding options, shared by <c>dashboard</c> (<c>--port</c>) and <c>local run</c>
/// (<c>--dashboard-port</c>): <c>--address</c> and <c>--token</c> under one rule, <see cref="DashboardBinding.From"/>
/// (loopback by default; any other address needs a token, generated and printed once when not given).
/// </summary>
internal sealed class DashboardBindingOptions
{
    private readonly string _zeroMeans;

    private DashboardBindingOptions(Option<int> port, string zeroMeans)
    {
        Port = port;
        _zeroMeans = zeroMeans;
    }

    public Option<int> Port { get; }

    public Option<string?> Address { get; } = new("--address")
    {
        Description = "Address the dashboard binds (default 127.0.0.1; any other needs a token: --token or a generated one, printed once).",
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "Token every dashboard request must carry (?token=…, a cookie, or Authorization: Bearer); 16+ characters.",
    };

    /// <summary><c>orchestrator dashboard</c>: always serves, on <c>--port</c> (0: a free port).</summary>
    public static DashboardBindingOptions ForDashboardVerb() =>
        new(new Option<int>("--port") { Description = "Port to listen on (0: a free one).", DefaultValueFactory = _ => 8080 }, "a free port");

    /// <summary><c>local run</c>: serves only when <c>--dashboard-port</c> is given (0: off).</summary>
    public static DashboardBindingOptions ForLocalRun() =>
        new(new Option<int>("--dashboard-port") { Description = "Serve the live web dashboard on PORT while the sweep runs (0: off; binds 127.0.0.1 unless --address)." }, "no dashboard");

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Port);
        command.Options.Add(Address);
        command.Options.Add(Token);
    }

    /// <summary>The validated binding; <see cref="InputException"/> names the option and the fix.</summary>
    public DashboardBinding Bind(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return DashboardBinding.From(parse.GetValue(Address), parse.GetValue(Port), parse.GetValue(Token), Port.Name, _zeroMeans);
    }

    /// <summary>
    /// For an optional dashboard (port 0: off): the binding, or null when off. <c>--address</c> or <c>--token</c>
    /// without a port is refused rather than ignored: the user meant a dashboard that would not be there.
    /// </summary>
    public DashboardBinding? BindIfServed(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        if (parse.GetValue(Port) != 0)
        {
            return Bind(parse);
        }

        return parse.GetValue(Address) is null && parse.GetValue(Token) is null
            ? null
            : throw new InputException($"--address and --token set up the dashboard: give {Port.Name} PORT too (or leave them out)");
    }
}
