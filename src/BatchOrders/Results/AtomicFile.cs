namespace BatchOrders.Results;

/// <summary>
/// Writes a file under a temporary name in the destination's folder and moves it into place, so a crash never
/// leaves half a file and readers see the old file or the new one. Expected failures come back as a reason.
/// </summary>
internal static class AtomicFile
{
    /// <summary>Writes the file; null when done, else why not (to finish "… was not written: REASON").</summary>
    public static string? Write(string path, Action<Stream> write)
    {
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full)!;
        if (!Directory.Exists(folder))
        {
            return $"the folder {folder} does not exist";
        }

        if (Problem(full) is { } problem)
        {
            return problem;
        }

        // Same folder, so the move is a rename on the same volume: atomic, and never a copy.
        var temporary = Path.Combine(folder, $".{Path.GetFileName(full)}.{Path.GetRandomFileName()}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16))
            {
                write(stream);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, full, overwrite: true);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            TryDelete(temporary);
            return Problem(full) ?? ex.Message.TrimEnd('.');
        }
        catch
        {
            TryDelete(temporary);
            throw;
        }
    }

    /// <summary>Deletes a file if it is there; null when gone, else why not.</summary>
    public static string? Delete(string path)
    {
        try
        {
            File.Delete(path);
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Problem(path) ?? ex.Message.TrimEnd('.');
        }
    }

    /// <summary>
    /// Why an existing file cannot be replaced. Checked before writing because a rename replaces a read-only or
    /// open file on Linux and macOS without complaint, while on Windows Excel's open file refuses the move.
    /// </summary>
    private static string? Problem(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            if (File.GetAttributes(path).HasFlag(FileAttributes.ReadOnly))
            {
                return "the existing file is read-only";
            }

            using var probe = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return "you do not have permission to replace the existing file";
        }
        catch (IOException)
        {
            return "the existing file is open in another program (such as Excel)";
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover hidden .tmp file beside the results harms nothing; the real error is the one reported.
        }
    }
}
