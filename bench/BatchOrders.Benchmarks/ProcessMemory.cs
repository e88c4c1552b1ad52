using System.Globalization;

namespace BatchOrders.Benchmarks;

/// <summary>
/// The resident set of this process as the kernel counts it (/proc/self/status): VmHWM is the peak since the
/// process started, VmRSS the current one. Elsewhere than Linux, the <see cref="System.Diagnostics.Process"/> figures.
/// </summary>
internal static class ProcessMemory
{
    public static long PeakResidentBytes() => Read("VmHWM:") ?? System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;

    public static long ResidentBytes() => Read("VmRSS:") ?? System.Diagnostics.Process.GetCurrentProcess().WorkingSet64;

    private static long? Read(string field)
    {
        const string Status = "/proc/self/status";
        if (!File.Exists(Status))
        {
            return null;
        }

        foreach (var line in File.ReadLines(Status))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                var kilobytes = line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim();
                return long.Parse(kilobytes, NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return null;
    }
}
