using System.Globalization;

namespace BatchOrders.Fuzzing;

/// <summary>
/// A process's resident memory as Linux counts it (/proc/PID/status): the current set (VmRSS) and the peak since the
/// peak was last cleared (VmHWM; writing 5 to /proc/self/clear_refs clears it, so a worker measures each input's own
/// peak). Elsewhere the peak cannot be cleared, and the campaign's watch on the current set is what there is.
/// </summary>
internal static class ProcessMemory
{
    public static bool ClearPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public static long PeakBytes() => Read("self", "VmHWM:") ?? System.Diagnostics.Process.GetCurrentProcess().PeakWorkingSet64;

    public static long? ResidentBytes(int processId) => Read(processId.ToString(CultureInfo.InvariantCulture), "VmRSS:");

    /// <summary>This process's resident set now (0 when unknown).</summary>
    public static long ResidentBytes() => Read("self", "VmRSS:") ?? 0;

    private static long? Read(string process, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{process}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return long.Parse(line.AsSpan(field.Length).Trim().TrimEnd("kB").Trim(), NumberStyles.None, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The process is gone, or this is not Linux.
        }

        return null;
    }
}
