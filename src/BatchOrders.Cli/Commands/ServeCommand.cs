using System.ComponentModel;
using System.Diagnostics;
using BatchOrders.Cli.Targets;
using BatchOrders.Web;

namespace BatchOrders.Cli.Commands;

/// <summary>
/// <c>batchorders serve</c>: the local web page for people who live in a browser (<see cref="ServeHost"/>), on
/// 127.0.0.1 until Ctrl+C. This command maps its settings in, prints the address with this start's token and opens the
/// browser when it can.
/// </summary>
internal sealed class ServeCommand(IAnsiConsole console) : AsyncCommand<ServeCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("--port <PORT>")]
        [Description("The port on 127.0.0.1 (default: a free one).")]
        public int Port { get; set; }

        [CommandOption("--folder <FOLDER>")]
        [Description("Where batches are kept, each with its file, journal and results (default: a batches folder in the current folder).")]
        public string? Folder { get; set; }

        [CommandOption("--no-browser")]
        [Description("Do not open the browser; only print the address.")]
        public bool NoBrowser { get; set; }

        [CommandOption("--max-upload <MB>")]
        [Description("The largest file the page takes, in MB (default 100).")]
        [DefaultValue(100)]
        public int MaxUploadMegabytes { get; set; } = 100;

        [CommandOption("--target <TARGET>")]
        [Description("Where rehearsals go: sandbox (default, the built-in sandbox) or the http(s) address of a standalone sandbox. Live Partner Center is offered when its settings are configured.")]
        public string? Target { get; set; }

        public ServeOptions Options() => new()
        {
            Folder = Path.GetFullPath(Folder ?? "batches"),
            Port = Port,
            MaxUploadBytes = MaxUploadMegabytes * 1024L * 1024,
        };

        public override ValidationResult Validate()
        {
            var errors = OptionsValidator.Validate(Options());
            if (errors.Count > 0 && errors[0] is var broken)
            {
                return ValidationResult.Error($"{(broken.MemberNames.FirstOrDefault() == nameof(ServeOptions.Port) ? "--port" : "--max-upload")} {broken.ErrorMessage}.");
            }

            return Target is null || (BatchOrders.Target.TryParse(Target, out var target) && !target.IsLive)
                ? ValidationResult.Success()
                : ValidationResult.Error($"--target must be sandbox or the http(s) address of a standalone sandbox, not '{Target}'. Live Partner Center is offered on the page when its settings are configured.");
        }
    }

    public override async Task<int> ExecuteAsync(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var rehearsal = settings.Target is null ? BatchOrders.Target.Sandbox : BatchOrders.Target.FromName(settings.Target);
        var partnerCenter = CliConfiguration.PartnerCenter(CliConfiguration.Load(), null, null, null, null, deviceCode: false);
        var options = settings.Options();
        ServeHost host;
        try
        {
            host = await ServeHost.StartAsync(options, new ServeTargets(rehearsal, partnerCenter), cancellationToken: cancellationToken);
        }
        catch (IOException ex)
        {
            console.MarkupLine($"[red]Cannot start the page on 127.0.0.1:{settings.Port}:[/] {Markup.Escape(ex.Message)} Choose another --port, or leave it out for a free one.");
            return ExitCodes.AuthenticationOrConfiguration;
        }

        await using (host)
        {
            console.MarkupLine($"BatchOrders is ready at [bold]{Markup.Escape(host.Address.ToString())}[/]");
            console.MarkupLine($"Batches are kept in {Markup.Escape(options.Folder)}");
            console.MarkupLine(rehearsal.Kind == TargetKind.Sandbox
                ? "Rehearsals go to the built-in sandbox (nothing is really ordered)."
                : $"Rehearsals go to {Markup.Escape(rehearsal.Description)}.");
            console.MarkupLine("Press Ctrl+C to stop: batches being sent stop taking new orders, and can be resumed from the page.");
            if (!settings.NoBrowser && !OpenBrowser(host.Address))
            {
                console.MarkupLine("Open that address in your browser.");
            }

            await host.RunUntilStoppedAsync(cancellationToken);
            console.MarkupLine("Stopped.");
            return ExitCodes.Success;
        }
    }

    /// <summary>Opens the address in the default browser where there is a desktop to open it on; false when there is none.</summary>
    private static bool OpenBrowser(Uri address)
    {
        if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
        {
            return false;
        }

        var start = OperatingSystem.IsWindows() ? new ProcessStartInfo(address.ToString()) { UseShellExecute = true }
            : OperatingSystem.IsMacOS() ? new ProcessStartInfo("open", [address.ToString()])
            : Environment.GetEnvironmentVariable("DISPLAY") is { Length: > 0 } || Environment.GetEnvironmentVariable("WAYLAND_DISPLAY") is { Length: > 0 }
                ? new ProcessStartInfo("xdg-open", [address.ToString()])
                : null;
        if (start is null)
        {
            return false;
        }

        try
        {
            start.RedirectStandardOutput = !start.UseShellExecute;
            start.RedirectStandardError = !start.UseShellExecute;
            using var process = Process.Start(start);
            return process is not null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
