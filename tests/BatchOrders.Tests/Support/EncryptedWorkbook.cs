using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace BatchOrders.Tests.Support;

// SHA-1 and AES in ECB mode are what the file format prescribes; this builds test files, it protects nothing.
#pragma warning disable CA5350, CA5358

/// <summary>
/// Encrypts an .xlsx package as Excel does with ECMA-376 Standard Encryption ([MS-OFFCRYPTO] 2.3.4.5: AES-128,
/// SHA-1, 50,000 spins) into a compound file with EncryptionInfo and EncryptedPackage streams. With Excel's built-in
/// password "VelvetSweatshop" Excel opens the file without asking; any other password must be typed.
/// </summary>
public static class EncryptedWorkbook
{
    /// <summary>The password Excel uses when a workbook is only write-protected: it opens without asking.</summary>
    public const string DefaultPassword = "VelvetSweatshop";

    public static byte[] Encrypt(byte[] package, string password = DefaultPassword)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var key = Key(password, salt);
        using var aes = Aes.Create();
        aes.Key = key;

        var verifier = RandomNumberGenerator.GetBytes(16);
        var verifierHash = new byte[32];
        SHA1.HashData(verifier).CopyTo(verifierHash, 0);
        var cspName = Encoding.Unicode.GetBytes("Microsoft Enhanced RSA and AES Cryptographic Provider\0");
        var header = new BinaryBuffer().Le32(0x24).Le32(0).Le32(0x660E).Le32(0x8004).Le32(128).Le32(0x18).Le32(0).Le32(0).Bytes(cspName);
        var info = new BinaryBuffer().Le16(3).Le16(2).Le32(0x24).Le32(header.Length).Bytes(header.ToArray())
            .Le32(16).Bytes(salt).Bytes(aes.EncryptEcb(verifier, PaddingMode.None)).Le32(20).Bytes(aes.EncryptEcb(verifierHash, PaddingMode.None));

        // The package padded to whole AES blocks, and past 4,096 bytes for the compound file (readers stop at its size).
        var padded = new byte[Math.Max(4096, (package.Length + 15) / 16 * 16)];
        package.CopyTo(padded, 0);
        var encrypted = new byte[8 + padded.Length];
        BinaryPrimitives.WriteInt64LittleEndian(encrypted, package.Length);
        aes.EncryptEcb(padded, PaddingMode.None).CopyTo(encrypted, 8);

        var infoBytes = info.ToArray();
        Array.Resize(ref infoBytes, 4096);
        return CompoundFile.Write(("EncryptionInfo", infoBytes), ("EncryptedPackage", encrypted));
    }

    /// <summary>[MS-OFFCRYPTO] 2.3.4.7: the password hashed with the salt, spun 50,000 times, then derived to 128 bits.</summary>
    private static byte[] Key(string password, byte[] salt)
    {
        var hash = SHA1.HashData([.. salt, .. Encoding.Unicode.GetBytes(password)]);
        var block = new byte[24];
        for (var i = 0; i < 50_000; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(block, i);
            hash.CopyTo(block, 4);
            hash = SHA1.HashData(block);
        }

        hash = SHA1.HashData([.. hash, 0, 0, 0, 0]);
        var derived = new byte[64];
        for (var i = 0; i < derived.Length; i++)
        {
            derived[i] = (byte)(0x36 ^ (i < hash.Length ? hash[i] : 0));
        }

        return SHA1.HashData(derived)[..16];
    }
}
