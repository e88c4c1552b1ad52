using System.Security.Cryptography;
using System.Text;

namespace BatchOrders.Web.Security;

/// <summary>
/// The secret of one start of the page: a random token in the printed address, exchanged once for a session cookie
/// (HttpOnly, SameSite=Strict) whose value is a second random secret. Whoever does not have the address gets nothing,
/// and a new start makes every old address and cookie worthless.
/// </summary>
public sealed class StartToken
{
    /// <summary>A new token, session secret and cookie names, for one start.</summary>
    public StartToken()
    {
        Value = RandomNumberGenerator.GetHexString(32, lowercase: true);
        Session = RandomNumberGenerator.GetHexString(64, lowercase: true);

        // Cookies are shared by every port of 127.0.0.1: a name of this start's own keeps two pages apart.
        CookieName = "batchorders-" + RandomNumberGenerator.GetHexString(8, lowercase: true);
    }

    /// <summary>The token of the printed address (<c>?token=…</c>).</summary>
    public string Value { get; }

    /// <summary>The session cookie's value.</summary>
    internal string Session { get; }

    /// <summary>The session cookie's name.</summary>
    public string CookieName { get; }

    /// <summary>The antiforgery cookie's name.</summary>
    public string AntiforgeryCookieName => CookieName + "-form";

    /// <summary>True when <paramref name="sent"/> is this start's token (compared in constant time).</summary>
    public bool IsToken(string? sent) => Same(sent, Value);

    /// <summary>True when <paramref name="sent"/> is this start's session cookie (compared in constant time).</summary>
    public bool IsSession(string? sent) => Same(sent, Session);

    private static bool Same(string? sent, string expected) =>
        sent is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(sent), Encoding.UTF8.GetBytes(expected));
}
