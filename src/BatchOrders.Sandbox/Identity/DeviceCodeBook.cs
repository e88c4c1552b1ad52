using System.Security.Cryptography;

namespace BatchOrders.Sandbox.Identity;

/// <summary>
/// The device codes handed out and where each stands (RFC 8628): pending until the partner user approves it — by the
/// approval page or endpoint, or by itself after a set number of polls —, then redeemed once, or expired.
/// </summary>
internal sealed class DeviceCodeBook(SandboxIdentityOptions options, TimeProvider time)
{
    // Letters and digits a person cannot confuse when typing a code from a screen.
    private const string UserCodeAlphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _byDeviceCode = new(StringComparer.Ordinal);

    /// <summary>What a poll learns: the code is unknown, pending, expired, already used, or approved (now redeemed).</summary>
    public enum PollResult
    {
        Unknown,
        Pending,
        Expired,
        AlreadyRedeemed,
        Approved,
    }

    /// <summary>A new pending code: the secret one the client polls with, and the short one the user types.</summary>
    public (string DeviceCode, string UserCode) Issue()
    {
        var deviceCode = Convert.ToBase64String(RandomNumberGenerator.GetBytes(36)).Replace('+', '-').Replace('/', '_');
        var userCode = RandomNumberGenerator.GetString(UserCodeAlphabet, 9);
        lock (_lock)
        {
            _byDeviceCode[deviceCode] = new Entry(userCode, time.GetUtcNow() + options.DeviceCodeLifetime);
        }

        return (deviceCode, userCode);
    }

    /// <summary>The user codes still waiting for approval, oldest first.</summary>
    public IReadOnlyList<string> PendingUserCodes()
    {
        var now = time.GetUtcNow();
        lock (_lock)
        {
            return [.. _byDeviceCode.Values.Where(e => !e.Approved && !e.Redeemed && e.Expires > now).Select(e => e.UserCode)];
        }
    }

    /// <summary>Approves the pending code typed by the user, or every pending code when none is given; returns how many.</summary>
    public int Approve(string? userCode)
    {
        var now = time.GetUtcNow();
        var typed = userCode?.Replace("-", "", StringComparison.Ordinal).Trim();
        lock (_lock)
        {
            var approved = 0;
            foreach (var entry in _byDeviceCode.Values.Where(e => !e.Approved && !e.Redeemed && e.Expires > now))
            {
                if (string.IsNullOrEmpty(typed) || string.Equals(entry.UserCode, typed, StringComparison.OrdinalIgnoreCase))
                {
                    entry.Approved = true;
                    approved++;
                }
            }

            return approved;
        }
    }

    /// <summary>One poll of the client; an approved code is redeemed by the poll that learns of it.</summary>
    public PollResult Poll(string? deviceCode)
    {
        lock (_lock)
        {
            if (deviceCode is null || !_byDeviceCode.TryGetValue(deviceCode, out var entry))
            {
                return PollResult.Unknown;
            }

            if (entry.Redeemed)
            {
                return PollResult.AlreadyRedeemed;
            }

            if (entry.Expires <= time.GetUtcNow())
            {
                return PollResult.Expired;
            }

            if (!entry.Approved && options.ApproveDeviceCodeAfterPolls is { } after && entry.PendingAnswers >= after)
            {
                entry.Approved = true;
            }

            if (!entry.Approved)
            {
                entry.PendingAnswers++;
                return PollResult.Pending;
            }

            entry.Redeemed = true;
            return PollResult.Approved;
        }
    }

    private sealed class Entry(string userCode, DateTimeOffset expires)
    {
        public string UserCode { get; } = userCode;

        public DateTimeOffset Expires { get; } = expires;

        public int PendingAnswers { get; set; }

        public bool Approved { get; set; }

        public bool Redeemed { get; set; }
    }
}
