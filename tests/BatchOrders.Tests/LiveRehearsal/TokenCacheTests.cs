using BatchOrders.PartnerCenter;
using BatchOrders.Tests.Support;

namespace BatchOrders.Tests.LiveRehearsal;

/// <summary>
/// The app+user token cache: a rerun signs in from it without a new device code, and where no protected store works
/// (this Linux machine has no libsecret), it is a file only its owner can read — set before any token is written.
/// File modes are Unix ones; on Windows MSAL writes the file with an owner-only ACL and these checks do not apply.
/// </summary>
public sealed class TokenCacheTests : IDisposable
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task The_cache_file_is_created_empty_and_owner_only_before_any_token_is_written_and_stays_so()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        await using var sandbox = await RehearsalSandbox.StartAsync(_folder, o => o.ApproveDeviceCodeAfterPolls = 0);
        var settings = sandbox.Settings(SignIn.DeviceCode);
        settings.UseSystemTokenStore = false;
        var file = Path.Combine(sandbox.TokenCacheFolder, TokenCacheStore.FileName);

        using var tokens = await MsalTokenProvider.CreateAsync(settings, _ => Task.CompletedTask);

        Assert.Equal(0, new FileInfo(file).Length);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file));
        Assert.Equal(OwnerReadWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(sandbox.TokenCacheFolder));
        Assert.Contains("a file only you can read", tokens.Description, StringComparison.Ordinal);

        await tokens.GetTokenAsync(CancellationToken.None);

        Assert.True(new FileInfo(file).Length > 0, "the sign-in was not cached");
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task An_existing_cache_file_others_could_read_is_narrowed_to_its_owner()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var folder = Directory.CreateDirectory(_folder.File("shared-cache")).FullName;
        var file = Path.Combine(folder, TokenCacheStore.FileName);
        await File.WriteAllBytesAsync(file, []);
        File.SetUnixFileMode(file, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var store = await TokenCacheStore.OpenAsync(folder, useSystemStore: false);

        Assert.Equal(file, store.UnprotectedFile);
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file));
    }

    [Fact]
    public async Task The_system_store_is_used_only_when_it_passes_its_check_and_the_file_otherwise()
    {
        var store = await TokenCacheStore.OpenAsync(_folder.File("probe"));

        // This machine: a protected store that wrote and read back, or (Linux without libsecret or D-Bus) the owner-only file.
        if (store.UnprotectedFile is { } file && !OperatingSystem.IsWindows())
        {
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file));
            Assert.StartsWith("in a file only you can read", store.Protection, StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("file", store.Protection, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_device_code_sign_in_outlives_the_request_that_started_it_and_is_asked_only_once()
    {
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder);
        using var impatient = new CancellationTokenSource();
        var prompts = 0;
        using var tokens = await MsalTokenProvider.CreateAsync(sandbox.Settings(SignIn.DeviceCode), async _ =>
        {
            // The request that asked gives up (its attempt timed out) while the partner user is still typing the code.
            Interlocked.Increment(ref prompts);
            await impatient.CancelAsync();
        });

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await tokens.GetTokenAsync(impatient.Token));
        using var operatorClient = new HttpClient(PartnerCenterHttp.CreateHandler(sandbox.Settings(SignIn.DeviceCode))) { BaseAddress = sandbox.Server.BaseAddress };
        using var approved = await operatorClient.PostAsync("_sandbox/identity/approve", null);
        var token = await tokens.GetTokenAsync(CancellationToken.None);

        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal(1, prompts);
        Assert.Equal((1, 1), (sandbox.Server.GetIdentityStats()!.DeviceCodesIssued, sandbox.Server.GetIdentityStats()!.DeviceCodeTokens));
    }

    [Fact]
    public async Task A_second_run_signs_in_silently_with_the_cached_refresh_token()
    {
        // Access tokens shorter than MSAL's five-minute margin: the second run must redeem the cached refresh token.
        await using var sandbox = await RehearsalSandbox.StartAsync(_folder, o =>
        {
            o.ApproveDeviceCodeAfterPolls = 1;
            o.AccessTokenLifetime = TimeSpan.FromMinutes(2);
        });
        var settings = sandbox.Settings(SignIn.DeviceCode);
        var prompts = 0;
        using (var first = await MsalTokenProvider.CreateAsync(settings, _ => Task.FromResult(Interlocked.Increment(ref prompts))))
        {
            await first.GetTokenAsync(CancellationToken.None);
        }

        using var second = await MsalTokenProvider.CreateAsync(settings, _ => throw new InvalidOperationException("asked for a device code again"));
        await second.GetTokenAsync(CancellationToken.None);

        var stats = sandbox.Server.GetIdentityStats()!;
        Assert.Equal(1, prompts);
        Assert.Equal((1, 1, 1), (stats.DeviceCodesIssued, stats.DeviceCodeTokens, stats.RefreshTokenTokens));
    }
}
