using System.ComponentModel;
using BatchOrders.Reading;

namespace BatchOrders.Cli.Commands;

/// <summary><c>batchorders template --format csv|xlsx --output PATH</c>: writes an empty order template.</summary>
internal sealed class TemplateCommand(IAnsiConsole console) : Command<TemplateCommand.Settings>
{
    public sealed class Settings : CommandSettings
    {
        [CommandOption("-f|--format <FORMAT>")]
        [Description("csv or xlsx (default: from the output file's extension, else xlsx).")]
        public string? Format { get; set; }

        [CommandOption("-o|--output <PATH>")]
        [Description("Where to write the template.")]
        public string? Output { get; set; }

        [CommandOption("--force")]
        [Description("Overwrite the output file if it exists.")]
        public bool Force { get; set; }

        public string ResolvedFormat =>
            (Format ?? Path.GetExtension(Output ?? string.Empty).TrimStart('.') switch { "" => "xlsx", var e => e }).ToUpperInvariant() switch
            {
                "CSV" => "csv",
                "XLSX" => "xlsx",
                var other => other.ToLowerInvariant(),
            };

        public override ValidationResult Validate()
        {
            if (string.IsNullOrWhiteSpace(Output))
            {
                return ValidationResult.Error("Say where to write the template: --output PATH, such as --output orders.xlsx.");
            }

            if (ResolvedFormat is not ("csv" or "xlsx"))
            {
                return ValidationResult.Error($"--format must be csv or xlsx, not '{Format}'.");
            }

            return ValidationResult.Success();
        }
    }

    public override int Execute(CommandContext context, Settings settings, CancellationToken cancellationToken)
    {
        var output = Path.GetFullPath(settings.Output!);
        if (File.Exists(output) && !settings.Force)
        {
            console.MarkupLine($"[red]{Markup.Escape(output)} already exists.[/] Choose another name, or add --force to overwrite it.");
            return ExitCodes.InvalidInput;
        }

        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(output)!);
            var temporary = output + ".tmp";
            using (var stream = File.Create(temporary))
            {
                if (settings.ResolvedFormat == "csv")
                {
                    InputTemplate.WriteCsv(stream);
                }
                else
                {
                    InputTemplate.WriteXlsx(stream);
                }
            }

            File.Move(temporary, output, overwrite: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.MarkupLine($"[red]Cannot write {Markup.Escape(output)}:[/] {Markup.Escape(ex.Message)}");
            return ExitCodes.InvalidInput;
        }

        console.MarkupLine($"Wrote the {settings.ResolvedFormat} template to [bold]{Markup.Escape(output)}[/].");
        console.MarkupLine($"Fill it in, then check it with: batchorders submit {Markup.Escape(settings.Output!)} --what-if");
        return ExitCodes.Success;
    }
}
