using Microsoft.Identity.Client;
using Microsoft.Identity.Client.Extensions.Msal;

namespace BatchOrders.PartnerCenter;

/// <summary>
/// Where the app+user sign-in is kept between runs (MSAL's token cache: the refresh token that lets a rerun sign in
/// without a new device code). Protected by the operating system where it offers a store that works here — DPAPI on
/// Windows, the keychain on macOS, the keyring (libsecret) on Linux, each checked by writing and reading back —
/// otherwise a plain file that only its owner may read or write (0600, set before anything is written to it).
/// </summary>
internal sealed class TokenCacheStore
{
    /// <summary>The cache file's name inside the cache folder.</summary>
    public const string FileName = "batchorders.msalcache.bin";

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private readonly MsalCacheHelper _helper;

    private TokenCacheStore(MsalCacheHelper helper, string protection, string? unprotectedFile)
    {
        _helper = helper;
        Protection = protection;
        UnprotectedFile = unprotectedFile;
    }

    /// <summary>How the cache is protected, in words for the screen.</summary>
    public string Protection { get; }

    /// <summary>The owner-only file holding the cache when no protected store works here; null when protected.</summary>
    public string? UnprotectedFile { get; }

    /// <summary>The default folder: the user's local application data.</summary>
    public static string DefaultFolder => Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "BatchOrders");

    /// <summary>
    /// Opens the cache in <paramref name="folder"/>: the operating system's store when it passes a write-and-read-back
    /// check (<paramref name="useSystemStore"/> false skips it, for tests), otherwise the owner-only file.
    /// </summary>
    public static async Task<TokenCacheStore> OpenAsync(string folder, bool useSystemStore = true)
    {
        folder = Path.GetFullPath(folder);
        CreateFolder(folder);
        if (useSystemStore)
        {
            var helper = await MsalCacheHelper.CreateAsync(new StorageCreationPropertiesBuilder(FileName, folder)
                .WithMacKeyChain("BatchOrders", "Partner Center sign-in " + folder)
                .WithLinuxKeyring(
                    "com.batchorders.tokencache",
                    MsalCacheHelper.LinuxKeyRingDefaultCollection,
                    "BatchOrders Partner Center sign-in",
                    new KeyValuePair<string, string>("Product", "BatchOrders"),
                    new KeyValuePair<string, string>("CacheFolder", folder))
                .Build());
            try
            {
                helper.VerifyPersistence();
                return new TokenCacheStore(helper, SystemStoreName(), null);
            }
            catch (MsalCachePersistenceException)
            {
                // No usable store here (on Linux: libsecret missing, or no D-Bus session as over SSH): use the file.
            }
        }

        var file = Path.Combine(folder, FileName);
        PrepareOwnerOnlyFile(file);
        var fileHelper = await MsalCacheHelper.CreateAsync(new StorageCreationPropertiesBuilder(FileName, folder).WithUnprotectedFile().Build());
        return new TokenCacheStore(fileHelper, $"in a file only you can read ({file}): this system offers no protected store", file);
    }

    /// <summary>Keeps <paramref name="cache"/> (an application's user token cache) in this store.</summary>
    public void Register(ITokenCache cache) => _helper.RegisterCache(cache);

    private static string SystemStoreName() =>
        OperatingSystem.IsWindows() ? "protected by Windows (DPAPI)"
        : OperatingSystem.IsMacOS() ? "in the macOS keychain"
        : "in the Linux keyring (libsecret)";

    /// <summary>A missing folder is made readable by its owner only (an existing one is the user's to set).</summary>
    private static void CreateFolder(string folder)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
        }
        else if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
        }
    }

    /// <summary>
    /// Creates the file empty with mode 0600, or narrows an existing one to 0600, before MSAL writes a token into it
    /// (MSAL's own 0600 applies only to files it creates). On Windows MSAL writes the file with an owner-only ACL.
    /// </summary>
    private static void PrepareOwnerOnlyFile(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using (new FileStream(file, new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile }))
        {
            // Created empty with 0600 if it was missing; an existing cache keeps its content.
        }

        File.SetUnixFileMode(file, OwnerOnlyFile);
    }
}
