using System.Diagnostics;
using System.Globalization;
using System.Text;
using Orchestrator.Security;

namespace Orchestrator.Grains.Tests;

/// <summary>
/// A real cluster locked down as an operator would: redis-server with <c>requirepass</c> (from a 0600 config file)
/// on a free loopback port, certificates from scripts/make-certs.sh, and silo processes of src/Silo started with them.
/// </summary>
internal sealed class SecuredCluster : IAsyncDisposable
{
    private readonly Process _redis;
    private readonly List<SiloProcess> _silos = [];

    private SecuredCluster(Process redis, TemporaryDirectory directory, int redisPort, string password)
    {
        _redis = redis;
        Directory = directory;
        RedisPort = redisPort;
        Password = password;
    }

    public TemporaryDirectory Directory { get; }

    public int RedisPort { get; }

    public string Redis => $"127.0.0.1:{RedisPort.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The Redis password (random per cluster, so finding it in a log is no accident).</summary>
    public string Password { get; }

    /// <summary>The file holding <see cref="Password"/>, as silos are given it.</summary>
    public string PasswordFile => Directory.File("redis.password");

    /// <summary>The certificates of this cluster's authority.</summary>
    public string Certs => Directory.File("certs");

    /// <summary>Certificates of an unrelated authority (a stranger's).</summary>
    public string StrangerCerts => Directory.File("stranger");

    public static async Task<SecuredCluster> StartAsync()
    {
        var directory = new TemporaryDirectory();
        var password = "pw-" + Guid.NewGuid().ToString("N");
        await File.WriteAllTextAsync(directory.File("redis.password"), password + "\n");
        OwnerOnly(directory.File("redis.password"));
        await MakeCertsAsync(directory.File("certs"), "silo", "client");
        await MakeCertsAsync(directory.File("stranger"), "client");
        var port = LoopbackPort.Free();
        var config = directory.File("redis.conf");
        await File.WriteAllTextAsync(config, $"port {port}\nbind 127.0.0.1\nrequirepass {password}\nsave \"\"\nappendonly no\n");
        OwnerOnly(config);
        var redis = Process.Start(new ProcessStartInfo("redis-server", [config]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        redis.BeginOutputReadLine();
        var cluster = new SecuredCluster(redis, directory, port, password);
        for (var i = 0; i < 50 && !await RedisAnswersAsync(port); i++)
        {
            await Task.Delay(100);
        }

        return cluster;
    }

    /// <summary>The cluster's Redis as a client sees it, with <paramref name="password"/> (the right one unless given).</summary>
    public RedisConnection Connection(string? password = null) => RedisConnection.Parse(Redis) with { Password = password ?? Password };

    /// <summary>A client's TLS: <c>client</c> of this cluster's authority, or of the stranger's.</summary>
    public ClusterTls ClientTls(bool stranger = false) =>
        new ClusterTlsFiles(Path.Combine(stranger ? StrangerCerts : Certs, "client.pem"), Path.Combine(stranger ? StrangerCerts : Certs, "client.key"), Path.Combine(stranger ? StrangerCerts : Certs, "ca.pem")).Load();

    /// <summary>The arguments that give a silo this cluster's certificate.</summary>
    public string[] SiloTlsArguments() =>
        ["--tls-cert", Path.Combine(Certs, "silo.pem"), "--tls-key", Path.Combine(Certs, "silo.key"), "--tls-ca", Path.Combine(Certs, "ca.pem")];

    /// <summary>Starts `orchestrator-silo silo` with <paramref name="arguments"/> and returns once it is ready or has exited.</summary>
    public async Task<SiloProcess> StartSiloAsync(params string[] arguments)
    {
        var silo = SiloProcess.Start(arguments);
        _silos.Add(silo);
        await silo.WaitReadyOrExitAsync(TimeSpan.FromSeconds(90));
        return silo;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            await silo.DisposeAsync();
        }

        _redis.Kill();
        await _redis.WaitForExitAsync();
        _redis.Dispose();
        Directory.Dispose();
    }

    private static void OwnerOnly(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    private static async Task MakeCertsAsync(string directory, params string[] names)
    {
        var start = new ProcessStartInfo("bash", [RepositoryRoot.Path("scripts", "make-certs.sh"), directory, .. names]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, "make-certs.sh failed: " + await error);
    }

    private static async Task<bool> RedisAnswersAsync(int port)
    {
        try
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (System.Net.Sockets.SocketException)
        {
            return false;
        }
    }
}

/// <summary>One real silo process with its whole output kept (stdout and stderr together, as its log).</summary>
internal sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private SiloProcess(Process process)
    {
        _process = process;
    }

    public int GatewayPort { get; private init; }

    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    public bool Ready => Output.Contains("orchestrator-silo ready", StringComparison.Ordinal);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static SiloProcess Start(string[] arguments)
    {
        var gateway = LoopbackPort.Free();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var name in new[] { RedisConnection.PasswordVariable, RedisConnection.PasswordVariable + "_FILE", RedisConnection.UserVariable, ClusterTlsFiles.CertificateVariable, ClusterTlsFiles.KeyVariable, ClusterTlsFiles.AuthorityVariable })
        {
            start.Environment.Remove(name);
        }

        string[] all = [LocalRedisCluster.SiloDll(), "silo", "--port", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture), "--gateway-port", gateway.ToString(CultureInfo.InvariantCulture), "--slots", "1", "--stop-with-stdin", .. arguments];
        foreach (var argument in all)
        {
            start.ArgumentList.Add(argument);
        }

        var silo = new SiloProcess(Process.Start(start)!) { GatewayPort = gateway };
        silo._process.OutputDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.ErrorDataReceived += (_, e) => silo.Append(e.Data);
        silo._process.BeginOutputReadLine();
        silo._process.BeginErrorReadLine();
        return silo;
    }

    public async Task WaitReadyOrExitAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Ready && !_process.HasExited && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        if (_process.HasExited)
        {
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
        }
    }
}
