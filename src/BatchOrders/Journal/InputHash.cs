using System.Security.Cryptography;

namespace BatchOrders.Journal;

/// <summary>The SHA-256 of an input file's bytes, as lower-case hex: the input's identity in the journal and the results.</summary>
public static class InputHash
{
    /// <summary>Hashes the file at <paramref name="path"/>.</summary>
    public static string Compute(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
