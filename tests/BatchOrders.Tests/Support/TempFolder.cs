using System.Text;

namespace BatchOrders.Tests.Support;

/// <summary>A folder of real files for one test, removed afterwards.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "batchorders-tests", Guid.NewGuid().ToString("N"));

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A subfolder, created.</summary>
    public string Folder(string name) => System.IO.Directory.CreateDirectory(System.IO.Path.Combine(Path, name)).FullName;

    /// <summary>Writes text as UTF-8 without a byte order mark (unless the text starts with one).</summary>
    public string WriteText(string name, string text, Encoding? encoding = null)
    {
        var path = File(name);
        System.IO.File.WriteAllText(path, text, encoding ?? new UTF8Encoding(false));
        return path;
    }

    /// <summary>A copy of a file of sample-data/: commands write files beside their input, and never into the repository.</summary>
    public string CopySample(string name)
    {
        var path = File(name);
        System.IO.File.Copy(RepositoryFiles.Get("sample-data", name), path, overwrite: true);
        return path;
    }

    public string WriteBytes(string name, byte[] bytes)
    {
        var path = File(name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow CI disk is not worth failing a test over.
        }
    }
}
